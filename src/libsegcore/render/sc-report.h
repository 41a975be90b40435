/* sc-report.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "sc-store.h"

G_BEGIN_DECLS

/**
 * ScReportFormat:
 * @SC_REPORT_FORMAT_A4: a portrait A4 report (595 × 842 pt)
 * @SC_REPORT_FORMAT_SLIDES: 16:9 slides (960 × 540 pt) with large type
 */
typedef enum
{
  SC_REPORT_FORMAT_A4,
  SC_REPORT_FORMAT_SLIDES,
} ScReportFormat;

/**
 * ScReportPageKind:
 * @SC_REPORT_PAGE_TITLE: the title page
 * @SC_REPORT_PAGE_SUMMARY: the executive summary
 * @SC_REPORT_PAGE_CHART: a page of charts
 * @SC_REPORT_PAGE_SEGMENT: one segment
 * @SC_REPORT_PAGE_APPENDIX: the methodology appendix
 * @SC_REPORT_PAGE_BRIEF: the project brief, after the title page
 */
typedef enum
{
  SC_REPORT_PAGE_TITLE,
  SC_REPORT_PAGE_SUMMARY,
  SC_REPORT_PAGE_CHART,
  SC_REPORT_PAGE_SEGMENT,
  SC_REPORT_PAGE_APPENDIX,
  SC_REPORT_PAGE_BRIEF,
} ScReportPageKind;

/**
 * ScReportOptions:
 * @title: (nullable): the report's title; %NULL for the brief's objective, else
 *   "Customer segments"
 * @author: (nullable): who prepared it; %NULL leaves it out
 * @date: (nullable): the date on the title page and in the PDF; %NULL for now
 *
 * Borrowed by sc_report_new(), which copies what it keeps.
 */
typedef struct
{
  const char *title;
  const char *author;
  GDateTime  *date;
} ScReportOptions;

gboolean sc_report_format_from_string (const char     *s,
                                       ScReportFormat *format);

#define SC_TYPE_REPORT (sc_report_get_type ())

G_DECLARE_FINAL_TYPE (ScReport, sc_report, SC, REPORT, GObject)

ScReport        *sc_report_new             (ScStore                *store,
                                            ScReportFormat          format,
                                            const ScReportOptions  *options,
                                            GCancellable           *cancellable,
                                            GError                **error);
ScReportFormat   sc_report_get_format      (ScReport               *self);
guint            sc_report_get_n_pages     (ScReport               *self);
void             sc_report_get_page_size   (ScReport               *self,
                                            double                 *width,
                                            double                 *height);
ScReportPageKind sc_report_get_page_kind   (ScReport               *self,
                                            guint                   page);
const char      *sc_report_get_page_title  (ScReport               *self,
                                            guint                   page);
const char      *sc_report_get_summary     (ScReport               *self);
void             sc_report_render_page     (ScReport               *self,
                                            cairo_t                *cr,
                                            guint                   page,
                                            double                  width,
                                            double                  height);
gboolean         sc_report_save_pdf        (ScReport               *self,
                                            const char             *path,
                                            ScProgressFunc          progress,
                                            gpointer                progress_data,
                                            GCancellable           *cancellable,
                                            GError                **error);

gboolean         sc_report_write_pdf       (ScStore                *store,
                                            const char             *path,
                                            ScReportFormat          format,
                                            const ScReportOptions  *options,
                                            ScProgressFunc          progress,
                                            gpointer                progress_data,
                                            GCancellable           *cancellable,
                                            GError                **error);

G_END_DECLS
