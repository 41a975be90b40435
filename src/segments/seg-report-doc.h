/* seg-report-doc.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-export.h"
#include "sc-job.h"
#include "sc-project.h"
#include "sc-report.h"

G_BEGIN_DECLS

#define SEG_TYPE_REPORT_DOC (seg_report_doc_get_type ())

G_DECLARE_FINAL_TYPE (SegReportDoc, seg_report_doc, SEG, REPORT_DOC, GObject)

void              seg_report_doc_new_async       (ScProject            *project,
                                                  ScReportFormat        format,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
SegReportDoc     *seg_report_doc_new_finish      (GAsyncResult         *result,
                                                  GError              **error);

ScReportFormat    seg_report_doc_get_format      (SegReportDoc         *self);
guint             seg_report_doc_get_n_pages     (SegReportDoc         *self);
void              seg_report_doc_get_page_size   (SegReportDoc         *self,
                                                  double               *width,
                                                  double               *height);
const char       *seg_report_doc_get_page_title  (SegReportDoc         *self,
                                                  guint                 page);
const ScConsentSummary *seg_report_doc_get_consent (SegReportDoc       *self);

void              seg_report_doc_render_async    (SegReportDoc         *self,
                                                  guint                 page,
                                                  int                   width,
                                                  int                   height,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GdkTexture       *seg_report_doc_render_finish   (SegReportDoc         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void              seg_report_doc_save_pdf_async  (SegReportDoc         *self,
                                                  GFile                *file,
                                                  ScJob                *job,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean          seg_report_doc_save_pdf_finish (SegReportDoc         *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
