/* seg-report-exporter.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-job.h"
#include "sc-project.h"
#include "sc-export.h"
#include "seg-report-doc.h"

G_BEGIN_DECLS

/**
 * SegReportExport:
 * @SEG_REPORT_EXPORT_PDF: the A4 report as PDF
 * @SEG_REPORT_EXPORT_SLIDES: the 16:9 slides as PDF
 * @SEG_REPORT_EXPORT_ACTIVATION: each customer who may be contacted, with segment (CSV)
 * @SEG_REPORT_EXPORT_SEGMENTS: the segment definitions, JSON or CSV by file extension
 * @SEG_REPORT_EXPORT_CHART: the chart chosen on the page, PNG, SVG or PDF by extension
 * @SEG_REPORT_EXPORT_PRESET: a CSV file for a CRM or marketing tool, with the options of
 *   seg_report_exporter_set_preset()
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
  SEG_REPORT_EXPORT_PRESET,
} SegReportExport;

/* The chart of a chart export, as chosen on the page. */
typedef struct
{
  ScChartKind kind;
  int         width;
  int         height;
  double      scale;
} SegReportChart;

#define SEG_TYPE_REPORT_EXPORTER (seg_report_exporter_get_type ())

G_DECLARE_FINAL_TYPE (SegReportExporter, seg_report_exporter, SEG, REPORT_EXPORTER, GObject)

SegReportExporter *seg_report_exporter_new           (void);
ScJob             *seg_report_exporter_get_job       (SegReportExporter    *self);
gboolean           seg_report_exporter_can_export    (SegReportExporter    *self,
                                                      ScProject            *project,
                                                      GFile                *file,
                                                      GError              **error);
void               seg_report_exporter_export_async  (SegReportExporter    *self,
                                                      ScProject            *project,
                                                      SegReportDoc         *doc,
                                                      SegReportExport       what,
                                                      GFile                *file,
                                                      const SegReportChart *chart,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
char              *seg_report_exporter_export_finish (SegReportExporter    *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void               seg_report_exporter_cancel        (SegReportExporter    *self);
void               seg_report_exporter_choose_file   (SegReportExporter    *self,
                                                      GtkWindow            *parent,
                                                      SegReportExport       what,
                                                      const char           *project_title,
                                                      ScChartKind           chart);
void               seg_report_exporter_close_chooser (SegReportExporter    *self);
void               seg_report_exporter_set_preset    (SegReportExporter    *self,
                                                      const ScPresetOptions *options);
const char        *seg_report_export_error_heading   (SegReportExport       what);

G_END_DECLS
