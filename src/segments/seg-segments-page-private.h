/* seg-segments-page-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-grid-chart.h"
#include "seg-overlay-view.h"
#include "seg-rerun-popover.h"
#include "seg-segment-details.h"
#include "seg-segment-list.h"
#include "seg-segments-page.h"

G_BEGIN_DECLS

/* Shared by the page (seg-segments-page.c) and its edit actions
 * (seg-segments-page-edits.c). */

struct _SegSegmentsPage
{
  AdwBin             parent_instance;

  /* template */
  GtkStack          *stack;
  GtkRevealer       *banner_revealer;
  GtkLabel          *banner_label;
  AdwLeaflet        *leaflet;
  SegSegmentList    *list;
  GtkWidget         *content;
  GtkButton         *back_button;
  AdwLeaflet        *detail_leaflet;       /* the grid, then the details when narrow */
  GtkWidget         *details_pane;
  GtkWidget         *details_bar;
  GtkBox            *busy_box;
  GtkSpinner        *busy_spinner;
  GtkLabel          *busy_label;
  SegGridChart      *grid;
  GtkWidget         *estimate_box;
  GtkLabel          *estimate_label;
  GtkWidget         *value_note_box;
  GtkLabel          *value_note_label;
  SegSegmentDetails *details;
  SegRerunPopover   *rerun_popover;
  GtkMenuButton     *rerun_button;
  GtkMenuButton     *dividers_button;
  GtkSpinButton     *value_spin;
  GtkSpinButton     *potential_spin;

  GtkStack          *view_stack;           /* the grid and details, or the overlay view */
  SegOverlayView    *overlay_view;
  GtkToggleButton   *overlay_toggle;

  ScProject         *project;
  SegSelection      *selection;
  GCancellable      *profit_cancellable;   /* the profit load running, if any */
  GCancellable      *cancellable;          /* workers of this project */
  GCancellable      *details_cancellable;  /* the details worker running, if any */
  gint64             details_run;          /* the run details were asked for */
  gint64             params_run;           /* the run the re-run settings show */
  gint64             selected_id;
  char              *selected_name;
  char              *select_after;         /* a name to select after the next change */
  guint              working;              /* page workers that change the project */
  guint              following : 1;
  guint              value_note_stale : 1; /* the value model changed since the note */
};

const ScRun         *_seg_segments_page_get_run           (SegSegmentsPage *self);
const ScSegmentInfo *_seg_segments_page_selected_info     (SegSegmentsPage *self);
void                 _seg_segments_page_show_toast        (SegSegmentsPage *self,
                                                           const char      *title,
                                                           gboolean         with_undo);
void                 _seg_segments_page_show_error        (SegSegmentsPage *self,
                                                           const char      *heading,
                                                           const GError    *error);
void                 _seg_segments_page_begin_work        (SegSegmentsPage *self,
                                                           const char      *message);
void                 _seg_segments_page_end_work          (SegSegmentsPage *self);

/* seg-segments-page-overlay.c */
void                 _seg_segments_page_init_overlay      (SegSegmentsPage *self);
void                 _seg_segments_page_load_profit       (SegSegmentsPage *self);
void                 _seg_segments_page_dispose_overlay   (SegSegmentsPage *self);

/* seg-segments-page-edits.c */
void                 _seg_segments_page_class_init_edits  (GtkWidgetClass  *widget_class);

G_END_DECLS
