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
#include "seg-report-exporter.h"
#include "seg-selection.h"

G_BEGIN_DECLS

#define SEG_TYPE_REPORT_PAGE (seg_report_page_get_type ())

G_DECLARE_FINAL_TYPE (SegReportPage, seg_report_page, SEG, REPORT_PAGE, AdwBin)

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
