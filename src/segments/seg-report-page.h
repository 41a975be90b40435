/* seg-report-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"
#include "sc-report.h"
#include "seg-selection.h"

G_BEGIN_DECLS

/**
 * SegReportExport:
 * @SEG_REPORT_EXPORT_PDF: the A4 report as PDF
 * @SEG_REPORT_EXPORT_SLIDES: the 16:9 slides as PDF
 * @SEG_REPORT_EXPORT_ACTIVATION: each customer who may be contacted, with segment (CSV)
 * @SEG_REPORT_EXPORT_SEGMENTS: the segment definitions, JSON or CSV by file extension
 * @SEG_REPORT_EXPORT_CHART: the chart chosen on the page, PNG, SVG or PDF by extension
 *
 * What the Report page writes.
 */
typedef enum
{
  SEG_REPORT_EXPORT_PDF,
  SEG_REPORT_EXPORT_SLIDES,
  SEG_REPORT_EXPORT_ACTIVATION,
  SEG_REPORT_EXPORT_SEGMENTS,
  SEG_REPORT_EXPORT_CHART,
} SegReportExport;

#define SEG_TYPE_REPORT_PAGE (seg_report_page_get_type ())

G_DECLARE_FINAL_TYPE (SegReportPage, seg_report_page, SEG, REPORT_PAGE, AdwBin)

GtkWidget      *seg_report_page_new                (void);
/* project and selection may be NULL (no project open). */
void            seg_report_page_set_project        (SegReportPage        *self,
                                                    ScProject            *project,
                                                    SegSelection         *selection);

ScReportFormat  seg_report_page_get_format         (SegReportPage        *self);
void            seg_report_page_set_format         (SegReportPage        *self,
                                                    ScReportFormat        format);
guint           seg_report_page_get_n_pages        (SegReportPage        *self);
gboolean        seg_report_page_is_updating        (SegReportPage        *self);
guint           seg_report_page_get_page           (SegReportPage        *self);
void            seg_report_page_set_page           (SegReportPage        *self,
                                                    guint                 page);
double          seg_report_page_get_zoom           (SegReportPage        *self);
GtkWindow      *seg_report_page_get_present_window (SegReportPage        *self);

void            seg_report_page_export_to          (SegReportPage        *self,
                                                    SegReportExport       what,
                                                    GFile                *file,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        seg_report_page_export_finish      (SegReportPage        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void            seg_report_page_export_pdf_to      (SegReportPage        *self,
                                                    GFile                *file,
                                                    ScReportFormat        format,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);

G_END_DECLS
