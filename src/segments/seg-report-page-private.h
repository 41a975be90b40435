/* seg-report-page-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-page-picture.h"
#include "seg-report-doc.h"
#include "seg-report-exporter.h"
#include "seg-report-page.h"

G_BEGIN_DECLS

/* A thumbnail's width on screen, in logical pixels. */
#define THUMB_WIDTH 136
/* The longest side of the preview's picture, in device pixels: beyond it a zoomed page is
 * scaled up rather than drawn into a picture of hundreds of megabytes. */
#define MAX_PREVIEW_PIXELS 4096
/* "Actual size" shows a point as 1/72 inch on a 96 dpi screen, as document viewers do. */
#define PIXELS_PER_POINT (96.0 / 72.0)
typedef struct
{
  GtkWidget      *row;
  SegPagePicture *picture;
  GtkLabel       *label;
  guint           serial;   /* of the report its picture shows, 0 for none */
  int             width;    /* of the picture, in device pixels */
  int             height;
} Thumb;

struct _SegReportPage
{
  AdwBin              parent_instance;

  /* template */
  GtkStack           *stack;
  AdwStatusPage      *error_page;
  GtkSpinner         *loading_spinner;
  GtkListBox         *thumbs_list;
  GtkScrolledWindow  *thumbs_scroll;
  GtkToggleButton    *a4_button;
  GtkToggleButton    *slides_button;
  GtkSpinner         *update_spinner;
  GtkLabel           *page_label;
  GtkLabel           *zoom_label;
  GtkScrolledWindow  *preview_scroll;
  SegPagePicture     *preview;
  GtkLabel           *consent_label;
  GtkDropDown        *chart_kind_dropdown;
  GtkDropDown        *chart_size_dropdown;
  GtkCheckButton     *chart_hidpi_check;
  GtkRevealer        *progress_revealer;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;

  ScProject          *project;
  SegSelection       *selection;

  /* the report shown */
  ScReportFormat      format;
  SegReportDoc       *doc;
  guint               serial;             /* of doc; 0 while there is none */
  GCancellable       *build_cancellable;  /* the build running, if any */
  guint               rebuild_timeout;
  guint               dirty : 1;          /* doc is not of the project as it is now */
  guint               disposed : 1;

  GPtrArray          *thumbs;             /* Thumb, by page */
  guint               page;
  double              zoom;               /* of actual size; 0 to fit */

  /* pictures */
  GCancellable       *render_cancellable; /* the render in flight, if any */
  guint               render_idle;
  guint               zoom_idle;
  guint               preview_serial;     /* what the preview's picture shows */
  guint               preview_page;
  int                 preview_width;
  int                 preview_height;

  /* exports */
  SegReportExporter  *exporter;
  GBinding           *progress_bindings[2];  /* of the export running, if any */

  GtkWindow          *present;            /* weak */
};

void     _seg_report_page_update_actions          (SegReportPage *self);

/* seg-report-playbooks.c */
void     _seg_report_page_playbooks_action        (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *param);

/* seg-report-send.c */
void     _seg_report_page_send_action             (GtkWidget     *widget,
                                                   const char    *action_name,
                                                   GVariant      *param);

/* seg-report-page-preview.c */
void     _seg_report_page_update_page_label       (SegReportPage *self);
double   _seg_report_page_effective_zoom          (SegReportPage *self);
void     _seg_report_page_schedule_render         (SegReportPage *self);
void     _seg_report_page_queue_schedule_render   (SegReportPage *self);
void     _seg_report_page_on_preview_zoom_changed (SegReportPage *self);
void     _seg_report_page_show_page               (SegReportPage *self,
                                                   guint         page);
void     _seg_report_page_on_thumb_selected       (SegReportPage *self,
                                                   GtkListBoxRow *row);
void     _seg_report_page_update_thumb_labels     (SegReportPage *self);
void     _seg_report_page_clear_thumbs            (SegReportPage *self);
void     _seg_report_page_make_thumbs             (SegReportPage *self,
                                                   guint         n,
                                                   double        page_width,
                                                   double        page_height);
gboolean _seg_report_page_on_preview_scroll       (GtkEventControllerScroll *controller,
                                                   double                   dx,
                                                   double                   dy,
                                                   SegReportPage           *self);
void     _seg_report_page_update_zoom_actions     (SegReportPage *self,
                                                   gboolean      shown);
void     _seg_report_page_install_zoom_actions    (GtkWidgetClass *widget_class);

G_END_DECLS
