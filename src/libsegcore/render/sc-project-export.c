/* sc-project-export.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The render layer's writers behind the project facade. The core must not depend on Cairo,
 * so these live here, above it, and use the facade's task runner (sc-project-private.h):
 * each opens a connection of the running thread's own, like the core's operations. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sc-project-export.h"
#include "sc-project-private.h"

static gpointer
export_work (ScStore       *store,
             gpointer       input,
             ScJob         *job,
             GCancellable  *cancellable,
             GError       **error)
{
  ScExportRequest *request = input;
  gboolean ok = FALSE;

  switch (request->kind)
    {
    case SC_EXPORT_ASSIGNMENTS:
      ok = sc_export_assignments (store, NULL, request->path, &request->n_written,
                                  &request->n_excluded,
                                  job != NULL ? sc_job_progress_func : NULL, job, cancellable,
                                  error);
      break;
    case SC_EXPORT_SEGMENTS:
      ok = sc_export_segments (store, NULL, request->path, SC_SEGMENTS_FORMAT_AUTO, error);
      break;
    case SC_EXPORT_CHART:
      {
        ScChartFile file = {
          request->chart, request->width, request->height, request->scale, request->dark,
        };

        ok = sc_export_chart (store, request->path, &file, error);
      }
      break;
    case SC_EXPORT_PRESET:
      ok = sc_export_preset (store, NULL, request->path, &request->preset,
                             &request->preset_result,
                             job != NULL ? sc_job_progress_func : NULL, job, cancellable, error);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return ok ? SC_PROJECT_OK : NULL;
}

/**
 * sc_project_export:
 * @request: (inout): what to write; the counts are set for %SC_EXPORT_ASSIGNMENTS
 * @job: (nullable): receives progress
 *
 * Writes one export of the current segments in the calling thread.
 */
gboolean
sc_project_export (ScProject        *self,
                   ScExportRequest  *request,
                   ScJob            *job,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_return_val_if_fail (request != NULL && request->path != NULL, FALSE);

  return _sc_project_run (self, export_work, request, job, cancellable, error) != NULL;
}

/**
 * sc_project_export_assignments:
 * @n_written: (out) (optional): customers written
 * @n_excluded: (out) (optional): customers left out because they may not be contacted
 *
 * Writes the activation CSV of the current segments.
 */
gboolean
sc_project_export_assignments (ScProject     *self,
                               const char    *path,
                               guint64       *n_written,
                               guint64       *n_excluded,
                               ScJob         *job,
                               GCancellable  *cancellable,
                               GError       **error)
{
  ScExportRequest request = { .kind = SC_EXPORT_ASSIGNMENTS, .path = path };

  if (!sc_project_export (self, &request, job, cancellable, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = request.n_written;
  if (n_excluded != NULL)
    *n_excluded = request.n_excluded;
  return TRUE;
}

/**
 * sc_project_export_preset:
 * @options: the preset and its options
 * @result: (out caller-allocates): what was written and what was left out
 *
 * Writes a file for a CRM or marketing tool from the current segments, and records the
 * export in the project.
 */
gboolean
sc_project_export_preset (ScProject              *self,
                          const char             *path,
                          const ScPresetOptions  *options,
                          ScPresetResult         *result,
                          ScJob                  *job,
                          GCancellable           *cancellable,
                          GError                **error)
{
  ScExportRequest request = { .kind = SC_EXPORT_PRESET, .path = path, .preset = *options };

  g_return_val_if_fail (options != NULL && result != NULL, FALSE);

  if (!sc_project_export (self, &request, job, cancellable, error))
    return FALSE;
  *result = request.preset_result;
  return TRUE;
}

/**
 * sc_project_export_segments:
 *
 * Writes the definitions of the current segments.
 */
gboolean
sc_project_export_segments (ScProject         *self,
                            const char        *path,
                            ScSegmentsFormat   format,
                            GError           **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL && sc_export_segments (store, NULL, path, format, error);
}

/**
 * sc_project_export_chart:
 *
 * Draws a chart of the current segments to a PNG, SVG or PDF file.
 */
gboolean
sc_project_export_chart (ScProject    *self,
                         ScChartKind   kind,
                         const char   *path,
                         int           width,
                         int           height,
                         double        scale,
                         gboolean      dark,
                         GError      **error)
{
  ScExportRequest request = {
    .kind = SC_EXPORT_CHART, .path = path, .chart = kind, .width = width, .height = height,
    .scale = scale, .dark = dark,
  };

  return sc_project_export (self, &request, NULL, NULL, error);
}

static void
request_free (ScExportRequest *request)
{
  g_free ((char *) request->path);
  g_strfreev ((char **) request->preset.segments);
  g_free (request);
}

/**
 * sc_project_export_async:
 * @request: copied before the worker starts
 *
 * Runs sc_project_export() in a worker thread.
 */
void
sc_project_export_async (ScProject              *self,
                         const ScExportRequest  *request,
                         ScJob                  *job,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  ScExportRequest *copy;

  g_return_if_fail (SC_IS_PROJECT (self));
  g_return_if_fail (request != NULL && request->path != NULL);

  copy = g_memdup2 (request, sizeof *request);
  copy->path = g_strdup (request->path);
  copy->preset.segments = (const char * const *) g_strdupv ((char **) request->preset.segments);
  _sc_project_run_async (self, sc_project_export_async, export_work, copy,
                         (GDestroyNotify) request_free, NULL, job, cancellable, callback,
                         user_data);
}

/**
 * sc_project_export_finish:
 * @request: (out) (optional): receives the counts of an activation export
 */
gboolean
sc_project_export_finish (ScProject        *self,
                          GAsyncResult     *result,
                          ScExportRequest  *request,
                          GError          **error)
{
  ScExportRequest *done;

  if (_sc_project_run_finish (self, result, sc_project_export_async, error) == NULL)
    return FALSE;
  done = _sc_project_task_get_input (result);
  if (request != NULL)
    {
      request->n_written = done->n_written;
      request->n_excluded = done->n_excluded;
      request->preset_result = done->preset_result;
    }
  return TRUE;
}

/* Who the activation export would leave out, for the current run; FALSE without error when
 * there is no run. */
static gboolean
consent_summary (ScStore           *store,
                 ScConsentSummary  *summary,
                 GError           **error)
{
  g_autoptr(ScRun) run = sc_run_load_current (store, error);

  return run != NULL && sc_export_consent_summary (store, run, summary, error);
}

/**
 * sc_project_get_consent_summary:
 *
 * Who of the current segments may be contacted. Fails with %SC_ERROR_NO_DATA when the
 * project has no segments.
 */
gboolean
sc_project_get_consent_summary (ScProject         *self,
                                ScConsentSummary  *summary,
                                GError           **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);
  GError *local_error = NULL;

  if (store == NULL)
    return FALSE;
  if (consent_summary (store, summary, &local_error))
    return TRUE;
  if (local_error == NULL)
    g_set_error_literal (&local_error, SC_ERROR, SC_ERROR_NO_DATA,
                         _("There are no segments yet: segment the customers first."));
  g_propagate_error (error, local_error);
  return FALSE;
}

/**
 * sc_project_new_report:
 * @options: (nullable): title, author and date
 *
 * Builds the report of the current segments in the calling thread.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
ScReport *
sc_project_new_report (ScProject              *self,
                       ScReportFormat          format,
                       const ScReportOptions  *options,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL ? sc_report_new (store, format, options, cancellable, error) : NULL;
}

typedef struct
{
  ScReport         *report;
  gboolean          has_consent;
  ScConsentSummary  consent;
} ReportBuild;

static void
report_build_free (ReportBuild *build)
{
  g_clear_object (&build->report);
  g_free (build);
}

static gpointer
report_work (ScStore       *store,
             gpointer       input,
             ScJob         *job,
             GCancellable  *cancellable,
             GError       **error)
{
  ReportBuild *build = g_new0 (ReportBuild, 1);
  GError *local_error = NULL;

  build->report = sc_report_new (store, *(ScReportFormat *) input, NULL, cancellable, error);
  if (build->report == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  /* Who the activation export would leave out, said before anyone exports. */
  build->has_consent = consent_summary (store, &build->consent, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto fail;
    }
  return build;

fail:
  report_build_free (build);
  return NULL;
}

/**
 * sc_project_new_report_async:
 *
 * Builds the report of the current segments in a worker, and who the activation export
 * would leave out.
 */
void
sc_project_new_report_async (ScProject           *self,
                             ScReportFormat       format,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_new_report_async, report_work,
                         g_memdup2 (&format, sizeof format), g_free,
                         (GDestroyNotify) report_build_free, NULL, cancellable, callback,
                         user_data);
}

/**
 * sc_project_new_report_finish:
 * @has_consent: (out) (optional): whether @consent was filled: the project has segments
 * @consent: (out) (optional): who the activation export would leave out
 *
 * Returns: (transfer full) (nullable): the report
 */
ScReport *
sc_project_new_report_finish (ScProject         *self,
                              GAsyncResult      *result,
                              gboolean          *has_consent,
                              ScConsentSummary  *consent,
                              GError           **error)
{
  ReportBuild *build = _sc_project_run_finish (self, result, sc_project_new_report_async,
                                               error);
  ScReport *report;

  if (build == NULL)
    return NULL;
  if (has_consent != NULL)
    *has_consent = build->has_consent;
  if (consent != NULL && build->has_consent)
    *consent = build->consent;
  report = g_steal_pointer (&build->report);
  report_build_free (build);
  return report;
}
