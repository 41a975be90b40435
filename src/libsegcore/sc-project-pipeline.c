/* sc-project-pipeline.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The long operations of the facade that write the project: import, segmentation, the
 * customer-value model and scoring new data. Each is one ScProjectWork run by the sync
 * function in the calling thread or by the _async one in a worker (sc-project.c); the
 * _finish functions reload the project on the thread that owns it. */

#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "sc-drift.h"
#include "sc-potential.h"
#include "sc-project-private.h"
#include "sc-run-private.h"
#include "sc-snapshot.h"

static ScProgressFunc
job_progress (ScJob *job)
{
  return job != NULL ? sc_job_progress_func : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Import                                                                                      */

static gpointer
import_work (ScStore       *store,
             gpointer       input,
             ScJob         *job,
             GCancellable  *cancellable,
             GError       **error)
{
  return sc_import (store, input, job_progress (job), job, cancellable, error);
}

static void
import_options_free (ScImportOptions *options)
{
  sc_import_options_clear (options);
  g_free (options);
}

/**
 * sc_project_import:
 * @job: (nullable): receives progress
 *
 * Imports in the calling thread through a connection of its own. Does not reload the
 * project: call sc_project_reload() in the thread that owns it.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
ScImportReport *
sc_project_import (ScProject              *self,
                   const ScImportOptions  *options,
                   ScJob                  *job,
                   GCancellable           *cancellable,
                   GError                **error)
{
  return _sc_project_run (self, import_work, (gpointer) options, job, cancellable, error);
}

/**
 * sc_project_import_path:
 * @path: a project file, which sc_project_open() has opened (and created) already
 * @job: (nullable): receives progress
 *
 * sc_project_import() without a #ScProject, for a caller that keeps none open: the import's
 * connection may then be the only one to the file, and the first import of a new project
 * writes its rows once instead of into the write-ahead log and again into the file
 * (issue 21; the import checks that no other connection has the file open).
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
ScImportReport *
sc_project_import_path (const char             *path,
                        const ScImportOptions  *options,
                        ScJob                  *job,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_autoptr(ScStore) store = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  store = sc_store_open (path, FALSE, error);
  if (store == NULL)
    return NULL;
  return import_work (store, (gpointer) options, job, cancellable, error);
}

/**
 * sc_project_import_path_async:
 * @path: a project file, which sc_project_open() has created already and whose #ScProject
 *   was closed again
 * @options: copied before the worker starts
 * @job: (nullable): receives progress
 *
 * Runs sc_project_import_path() in a worker thread: the app's first import of a new
 * project, which writes its rows once when no #ScProject of the file is open.
 */
void
sc_project_import_path_async (const char             *path,
                              const ScImportOptions  *options,
                              ScJob                  *job,
                              GCancellable           *cancellable,
                              GAsyncReadyCallback     callback,
                              gpointer                user_data)
{
  ScImportOptions *copy = g_new0 (ScImportOptions, 1);

  g_return_if_fail (path != NULL);

  sc_import_options_copy (options, copy);
  _sc_project_run_path_async (path, sc_project_import_path_async, import_work, copy,
                              (GDestroyNotify) import_options_free,
                              (GDestroyNotify) sc_import_report_free, job, cancellable,
                              callback, user_data);
}

/**
 * sc_project_import_path_finish:
 *
 * Returns: (transfer full) (nullable): the report; open the project to see the data
 */
ScImportReport *
sc_project_import_path_finish (GAsyncResult  *result,
                               GError       **error)
{
  return _sc_project_run_finish (NULL, result, sc_project_import_path_async, error);
}

static gpointer
check_work (ScStore       *store,
            gpointer       input,
            ScJob         *job,
            GCancellable  *cancellable,
            GError       **error)
{
  return sc_import_check (store, input, job_progress (job), job, cancellable, error);
}

/**
 * sc_project_check_import:
 * @job: (nullable): receives progress
 *
 * sc_import_check() on this project, in the calling thread through a connection of its own:
 * what an import of the files would add, with nothing written.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
ScImportReport *
sc_project_check_import (ScProject              *self,
                         const ScImportOptions  *options,
                         ScJob                  *job,
                         GCancellable           *cancellable,
                         GError                **error)
{
  return _sc_project_run (self, check_work, (gpointer) options, job, cancellable, error);
}

/**
 * sc_project_import_async:
 * @options: copied before the worker starts
 * @job: (nullable): receives progress
 *
 * Runs sc_project_import() in a worker thread.
 */
void
sc_project_import_async (ScProject              *self,
                         const ScImportOptions  *options,
                         ScJob                  *job,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  ScImportOptions *copy = g_new0 (ScImportOptions, 1);

  g_return_if_fail (SC_IS_PROJECT (self));

  sc_import_options_copy (options, copy);
  _sc_project_run_async (self, sc_project_import_async, import_work, copy,
                         (GDestroyNotify) import_options_free,
                         (GDestroyNotify) sc_import_report_free, job, cancellable, callback,
                         user_data);
}

/**
 * sc_project_import_finish:
 *
 * Reloads the project on success; the undo history is cleared.
 *
 * Returns: (transfer full) (nullable): the report
 */
ScImportReport *
sc_project_import_finish (ScProject     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return _sc_project_import_done (self,
                                  _sc_project_run_finish (self, result, sc_project_import_async,
                                                          error),
                                  error);
}

ScImportReport *
_sc_project_import_done (ScProject       *self,
                         ScImportReport  *report,
                         GError         **error)
{
  if (report == NULL)
    return NULL;
  _sc_project_clear_history (self);
  if (!_sc_project_reload (self, SC_PROJECT_PART_DATA, error))
    g_clear_pointer (&report, sc_import_report_free);
  return report;
}

/* ------------------------------------------------------------------------------------------ */
/* Segmentation                                                                                */

static gpointer
segment_work (ScStore       *store,
              gpointer       input,
              ScJob         *job,
              GCancellable  *cancellable,
              GError       **error)
{
  return sc_run_segment (store, input, job_progress (job), job, cancellable, error);
}

/**
 * sc_project_segment:
 * @job: (nullable): receives progress
 *
 * Segments in the calling thread through a connection of its own; the new run becomes
 * current in the file. See sc_project_import() about reloading.
 */
gboolean
sc_project_segment (ScProject          *self,
                    const ScRunParams  *params,
                    ScJob              *job,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(ScRun) run = NULL;

  run = _sc_project_run (self, segment_work, (gpointer) params, job, cancellable, error);
  return run != NULL;
}

/**
 * sc_project_segment_async:
 * @params: copied before the worker starts
 *
 * Runs sc_project_segment() in a worker thread.
 */
void
sc_project_segment_async (ScProject          *self,
                          const ScRunParams  *params,
                          ScJob              *job,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_segment_async, segment_work,
                         g_memdup2 (params, sizeof *params), g_free,
                         (GDestroyNotify) sc_run_free, job, cancellable, callback, user_data);
}

/**
 * sc_project_segment_finish:
 *
 * Reloads the project on success. Replacing a segmentation is undoable: undo makes the
 * previous run current again.
 */
gboolean
sc_project_segment_finish (ScProject     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_autoptr(ScRun) run = NULL;
  gint64 previous;

  previous = self->run != NULL ? self->run->id : 0;
  run = _sc_project_run_finish (self, result, sc_project_segment_async, error);
  if (run == NULL)
    return FALSE;
  if (!_sc_project_reload (self, SC_PROJECT_PART_RUN | SC_PROJECT_PART_MEMBERSHIP |
                                 SC_PROJECT_PART_SEGMENT_FIELDS, error))
    return FALSE;
  _sc_project_record_rerun (self, previous, self->run != NULL ? self->run->id : 0);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Customer value                                                                              */

static gpointer
fit_value_model_work (ScStore       *store,
                      gpointer       input,
                      ScJob         *job,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(ScPotential) potential = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  if (job != NULL)
    sc_job_update (job, 0.0, _("Fitting the purchase and spend models"));
  potential = sc_potential_fit (store, input, cancellable, error);
  if (potential == NULL)
    return NULL;

  /* The model becomes current together with the current segments' value, potential and
   * quadrant on the grid: one transaction, so no kill leaves one without the other. */
  if (!sc_store_begin (store, error))
    return NULL;
  ok = sc_potential_save (store, potential, error);
  if (ok)
    run = sc_run_load_current (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }
  ok = ok && (run == NULL || sc_run_apply_potential (store, run, potential, error));
  if (!sc_store_end (store, ok, error))
    return NULL;
  if (job != NULL)
    sc_job_update (job, 1.0, NULL);
  return g_steal_pointer (&potential);
}

static ScPotentialParams *
copy_value_params (const ScPotentialParams *params)
{
  ScPotentialParams *copy = g_new (ScPotentialParams, 1);

  if (params != NULL)
    *copy = *params;
  else
    sc_potential_params_init (copy);
  return copy;
}

/**
 * sc_project_fit_value_model:
 * @params: (nullable): the model's settings (calibration end `until` for a holdout check,
 *   time unit, horizon, discount rate); %NULL for the defaults
 * @job: (nullable): receives progress
 *
 * Fits the BG/NBD and Gamma-Gamma models on all the data and saves them as the current
 * model; the current run's segments get their value, potential and quadrant. A holdout
 * check (`until` before the last day) is kept with the model and never changes its
 * predictions. When the data cannot support the models, the model is saved without
 * potential, with the reason (sc_potential_get_note()): segments get their value only.
 * Later runs and edits use the model while the data stays the same. Not an edit: there is
 * nothing to undo.
 *
 * Returns: (transfer full) (nullable): the fitted model, or %NULL with @error set
 */
ScPotential *
sc_project_fit_value_model (ScProject                *self,
                            const ScPotentialParams  *params,
                            ScJob                    *job,
                            GCancellable             *cancellable,
                            GError                  **error)
{
  g_autofree ScPotentialParams *copy = copy_value_params (params);

  return _sc_project_run (self, fit_value_model_work, copy, job, cancellable, error);
}

void
sc_project_fit_value_model_async (ScProject                *self,
                                  const ScPotentialParams  *params,
                                  ScJob                    *job,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_fit_value_model_async, fit_value_model_work,
                         copy_value_params (params), g_free,
                         (GDestroyNotify) sc_potential_free, job, cancellable, callback,
                         user_data);
}

/**
 * sc_project_fit_value_model_finish:
 *
 * Reloads the project on success.
 *
 * Returns: (transfer full) (nullable): the fitted model
 */
ScPotential *
sc_project_fit_value_model_finish (ScProject     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autoptr(ScPotential) potential = NULL;

  potential = _sc_project_run_finish (self, result, sc_project_fit_value_model_async, error);
  if (potential == NULL ||
      !_sc_project_reload (self, SC_PROJECT_PART_VALUE_MODEL | SC_PROJECT_PART_SEGMENT_FIELDS,
                           error))
    return NULL;
  return g_steal_pointer (&potential);
}

/**
 * sc_project_load_value_model:
 * @fresh: (out) (optional): whether the model was fitted on the project's current data
 *
 * The current customer-value model: its parameters, what it could not estimate and why
 * (sc_potential_get_note()), its holdout check (predicted against actual purchases, by
 * purchases in the calibration period) and its per-customer predictions.
 *
 * Returns: (transfer full) (nullable): the model; %NULL without @error set when none has
 *   been fitted
 */
ScPotential *
sc_project_load_value_model (ScProject  *self,
                             gboolean   *fresh,
                             GError    **error)
{
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScPotential) potential = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (fresh != NULL)
    *fresh = FALSE;
  store = _sc_project_open_store (self, error);
  if (store == NULL)
    return NULL;
  potential = sc_potential_load_current (store, error);
  if (potential != NULL && fresh != NULL)
    *fresh = sc_potential_is_fresh (store, potential);
  return g_steal_pointer (&potential);
}

/* The app's one-click estimate: the defaults, no progress. */
static void
estimate_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  g_autoptr(ScPotential) potential = NULL;
  GError *error = NULL;

  potential = sc_project_fit_value_model_finish (SC_PROJECT (source), result, &error);
  if (potential == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * sc_project_estimate_potential_async:
 *
 * sc_project_fit_value_model_async() with the default settings.
 */
void
sc_project_estimate_potential_async (ScProject           *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *outer;

  g_return_if_fail (SC_IS_PROJECT (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, sc_project_estimate_potential_async);
  sc_project_fit_value_model_async (self, NULL, NULL, cancellable, estimate_done, outer);
}

/**
 * sc_project_estimate_potential_finish:
 *
 * The project is reloaded on success.
 */
gboolean
sc_project_estimate_potential_finish (ScProject     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sc_project_estimate_potential_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------ */
/* Scoring new data                                                                            */

/* Scoring itself takes most of the time; comparing with the state before, the rest. */
#define SCORE_SHARE 0.85

void
sc_score_result_free (ScScoreResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->before, sc_run_free);
  g_clear_pointer (&result->after, sc_run_free);
  g_clear_pointer (&result->drift, sc_drift_free);
  g_free (result);
}

static void
score_progress (double      fraction,
                const char *message,
                gpointer    job)
{
  if (job != NULL)
    sc_job_update (job, fraction * SCORE_SHARE, message);
}

gpointer
_sc_project_score_work (ScStore       *store,
                        gpointer       input,
                        ScJob         *job,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(ScScoreResult) result = g_new0 (ScScoreResult, 1);
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;

  result->before = _sc_run_load_current_or (store, _("The project has no segments yet: segment "
                                                     "it before scoring new data."), error);
  if (result->before == NULL)
    return NULL;

  result->after = sc_run_score (store, SC_FEATURES_AS_OF_AUTO, score_progress, job,
                                cancellable, error);
  if (result->after == NULL)
    return NULL;
#ifdef __GLIBC__
  /* Scoring's arrays are freed; the two states compared below are larger than what malloc
   * keeps for reuse, so the pages it keeps would only add to the peak (a tenth of it at
   * 10M customers). */
  malloc_trim (0);
#endif

  /* What moved, against the state scoring replaced; the scoring stands even when that
   * cannot be measured: no drift then. */
  if (job != NULL)
    sc_job_update (job, SCORE_SHARE, _("Comparing with the segments before"));
  result->snapshot = sc_snapshot_find_for_run (store, result->before->id, NULL);
  if (result->snapshot > 0 && !g_cancellable_is_cancelled (cancellable))
    {
      from = sc_snapshot_load (store, result->snapshot, NULL);
      to = from != NULL ? sc_snapshot_capture (store, result->after, cancellable, NULL) : NULL;
      if (to != NULL)
        result->drift = sc_drift_compute_in (store, from, to, cancellable, NULL);
    }
  if (job != NULL)
    sc_job_update (job, 1.0, NULL);
  return g_steal_pointer (&result);
}

/**
 * sc_project_score:
 * @job: (nullable): receives progress
 *
 * Assigns every customer, new ones included, to the nearest segment of the current run
 * (which keeps a snapshot of the state it replaces), then measures the drift from that
 * snapshot to the scored segments. Fails with %SC_ERROR_NO_DATA when the project has no
 * segments yet. See sc_project_import() about reloading.
 *
 * Returns: (transfer full) (nullable): the runs before and after, the snapshot and the
 *   drift, or %NULL with @error set
 */
ScScoreResult *
sc_project_score (ScProject     *self,
                  ScJob         *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return _sc_project_run (self, _sc_project_score_work, NULL, job, cancellable, error);
}

void
sc_project_score_async (ScProject           *self,
                        ScJob               *job,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_score_async, _sc_project_score_work, NULL, NULL,
                         (GDestroyNotify) sc_score_result_free, job, cancellable, callback,
                         user_data);
}

/**
 * sc_project_score_finish:
 *
 * Reloads the project on success.
 *
 * Returns: (transfer full) (nullable): what sc_project_score() returns
 */
ScScoreResult *
sc_project_score_finish (ScProject     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(ScScoreResult) score = NULL;

  score = _sc_project_run_finish (self, result, sc_project_score_async, error);
  if (score == NULL ||
      !_sc_project_reload (self, SC_PROJECT_PART_RUN | SC_PROJECT_PART_MEMBERSHIP |
                                 SC_PROJECT_PART_SEGMENT_FIELDS | SC_PROJECT_PART_SNAPSHOTS,
                           error))
    return NULL;
  return g_steal_pointer (&score);
}
