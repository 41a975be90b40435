/* sc-project-export.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-export.h"
#include "sc-project.h"
#include "sc-report.h"

G_BEGIN_DECLS

/* The writers of the render layer, reached through a project instead of an open store: the
 * app and the CLI hand over files without opening the project file themselves. */

gboolean  sc_project_export_assignments   (ScProject              *self,
                                           const char             *path,
                                           guint64                *n_written,
                                           guint64                *n_excluded,
                                           ScJob                  *job,
                                           GCancellable           *cancellable,
                                           GError                **error);
gboolean  sc_project_export_segments      (ScProject              *self,
                                           const char             *path,
                                           ScSegmentsFormat        format,
                                           GError                **error);
gboolean  sc_project_export_chart         (ScProject              *self,
                                           ScChartKind             kind,
                                           const char             *path,
                                           int                     width,
                                           int                     height,
                                           double                  scale,
                                           gboolean                dark,
                                           GError                **error);
gboolean  sc_project_export_preset        (ScProject              *self,
                                           const char             *path,
                                           const ScPresetOptions  *options,
                                           ScPresetResult         *result,
                                           ScJob                  *job,
                                           GCancellable           *cancellable,
                                           GError                **error);
gboolean  sc_project_get_consent_summary  (ScProject              *self,
                                           ScConsentSummary       *summary,
                                           GError                **error);

/**
 * ScExportKind:
 * @SC_EXPORT_ASSIGNMENTS: the activation CSV: each customer who may be contacted
 * @SC_EXPORT_SEGMENTS: the segment definitions, JSON or CSV by the file's extension
 * @SC_EXPORT_CHART: a chart, PNG, SVG or PDF by the file's extension
 * @SC_EXPORT_PRESET: a file for a CRM or marketing tool (sc_export_preset())
 */
typedef enum
{
  SC_EXPORT_ASSIGNMENTS,
  SC_EXPORT_SEGMENTS,
  SC_EXPORT_CHART,
  SC_EXPORT_PRESET,
} ScExportKind;

/**
 * ScExportRequest:
 * @kind: what to write
 * @path: where
 * @chart: for %SC_EXPORT_CHART: which chart, its size in pixels (points for SVG and PDF),
 *   device pixels per pixel of a PNG and the palette
 * @n_written: (out): for %SC_EXPORT_ASSIGNMENTS, the customers written, set by the finish
 * @n_excluded: (out): for %SC_EXPORT_ASSIGNMENTS, the customers left out for consent
 * @preset: for %SC_EXPORT_PRESET, the preset and its options
 * @preset_result: (out): for %SC_EXPORT_PRESET, what was written, set by the finish
 *
 * One export, for sc_project_export_async(); copied when the export starts.
 */
typedef struct
{
  ScExportKind  kind;
  const char   *path;
  ScChartKind   chart;
  int           width;
  int           height;
  double        scale;
  gboolean      dark;
  guint64       n_written;
  guint64       n_excluded;
  ScPresetOptions preset;
  ScPresetResult  preset_result;
} ScExportRequest;

gboolean  sc_project_export               (ScProject              *self,
                                           ScExportRequest        *request,
                                           ScJob                  *job,
                                           GCancellable           *cancellable,
                                           GError                **error);
void      sc_project_export_async         (ScProject              *self,
                                           const ScExportRequest  *request,
                                           ScJob                  *job,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
gboolean  sc_project_export_finish        (ScProject              *self,
                                           GAsyncResult           *result,
                                           ScExportRequest        *request,
                                           GError                **error);

ScReport *sc_project_new_report           (ScProject              *self,
                                           ScReportFormat          format,
                                           const ScReportOptions  *options,
                                           GCancellable           *cancellable,
                                           GError                **error);
void      sc_project_new_report_async     (ScProject              *self,
                                           ScReportFormat          format,
                                           GCancellable           *cancellable,
                                           GAsyncReadyCallback     callback,
                                           gpointer                user_data);
ScReport *sc_project_new_report_finish    (ScProject              *self,
                                           GAsyncResult           *result,
                                           gboolean               *has_consent,
                                           ScConsentSummary       *consent,
                                           GError                **error);

G_END_DECLS
