/* sc-project-snapshots.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keeping segments alive through the facade: snapshots, the drift between two states and
 * what a re-run carried over. Reads run through a connection of the calling thread's own,
 * so a worker of the app may call them as well as the CLI. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sc-drift.h"
#include "sc-project-private.h"
#include "sc-snapshot.h"

/* ------------------------------------------------------------------------------------------ */
/* Taking and deleting                                                                         */

static gpointer
take_work (ScStore       *store,
           gpointer       label,
           ScJob         *job,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 id;

  if (job != NULL)
    sc_job_update (job, 0.0, _("Freezing the current segments"));
  id = sc_snapshot_take (store, label, cancellable, error);
  if (id <= 0)
    return NULL;
  if (job != NULL)
    sc_job_update (job, 1.0, NULL);
  return g_memdup2 (&id, sizeof id);
}

/**
 * sc_project_take_snapshot:
 * @label: (nullable): a label for people; %NULL for "Snapshot DATE"
 * @job: (nullable): receives progress
 *
 * Freezes the current segments.
 *
 * Returns: the new snapshot's id, or 0 with @error set
 */
gint64
sc_project_take_snapshot (ScProject     *self,
                          const char    *label,
                          ScJob         *job,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree gint64 *id = _sc_project_run (self, take_work, (gpointer) label, job,
                                           cancellable, error);

  return id != NULL ? *id : 0;
}

void
sc_project_take_snapshot_async (ScProject           *self,
                                const char          *label,
                                ScJob               *job,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_take_snapshot_async, take_work, g_strdup (label),
                         g_free, g_free, job, cancellable, callback, user_data);
}

/**
 * sc_project_take_snapshot_finish:
 *
 * Returns: the new snapshot's id, or 0 with @error set
 */
gint64
sc_project_take_snapshot_finish (ScProject     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autofree gint64 *id = NULL;

  id = _sc_project_run_finish (self, result, sc_project_take_snapshot_async, error);
  if (id == NULL || !_sc_project_reload (self, SC_PROJECT_PART_SNAPSHOTS, error))
    return 0;
  return *id;
}

static gpointer
delete_work (ScStore       *store,
             gpointer       input,
             ScJob         *job,
             GCancellable  *cancellable,
             GError       **error)
{
  return sc_snapshot_delete (store, *(gint64 *) input, error) ? SC_PROJECT_OK : NULL;
}

gboolean
sc_project_delete_snapshot (ScProject  *self,
                            gint64      id,
                            GError    **error)
{
  return _sc_project_run (self, delete_work, &id, NULL, NULL, error) != NULL;
}

void
sc_project_delete_snapshot_async (ScProject           *self,
                                  gint64               id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_delete_snapshot_async, delete_work,
                         g_memdup2 (&id, sizeof id), g_free, NULL, NULL, cancellable, callback,
                         user_data);
}

gboolean
sc_project_delete_snapshot_finish (ScProject     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  if (_sc_project_run_finish (self, result, sc_project_delete_snapshot_async, error) == NULL)
    return FALSE;
  return _sc_project_reload (self, SC_PROJECT_PART_SNAPSHOTS, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */

/**
 * sc_project_list_snapshots:
 *
 * Returns: (transfer full) (nullable) (element-type ScSnapshotInfo): the snapshots, oldest
 *   first, or %NULL with @error set
 */
GArray *
sc_project_list_snapshots (ScProject  *self,
                           GError    **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);
  GArray *infos = NULL;

  if (store == NULL || !sc_snapshot_list (store, &infos, error))
    return NULL;
  return infos;
}

/**
 * sc_project_load_snapshot:
 *
 * Returns: (transfer full) (nullable): the snapshot with its per-customer data
 */
ScSnapshot *
sc_project_load_snapshot (ScProject  *self,
                          gint64      id,
                          GError    **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL ? sc_snapshot_load (store, id, error) : NULL;
}

/**
 * sc_project_capture_snapshot:
 * @run: the run to freeze, usually the current one
 *
 * Freezes @run in memory, without saving it: the "now" side of a comparison.
 *
 * Returns: (transfer full) (nullable): the unsaved snapshot (id 0)
 */
ScSnapshot *
sc_project_capture_snapshot (ScProject     *self,
                             const ScRun   *run,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL ? sc_snapshot_capture (store, run, cancellable, error) : NULL;
}

/**
 * sc_project_find_snapshot_for_run:
 *
 * Returns: the latest snapshot of run @run_id, or 0 when none (or on error)
 */
gint64
sc_project_find_snapshot_for_run (ScProject  *self,
                                  gint64      run_id,
                                  GError    **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL ? sc_snapshot_find_for_run (store, run_id, error) : 0;
}

/**
 * sc_project_load_drift_pair:
 * @from_id: the earlier snapshot, or 0 for the latest before @to_id
 * @to_id: the later snapshot, or 0 for the current segments (captured, not saved) when they
 *   are newer than the latest snapshot
 * @from: (out) (transfer full): the earlier state
 * @to: (out) (transfer full): the later state
 *
 * Resolves and loads the two states a comparison shows.
 */
gboolean
sc_project_load_drift_pair (ScProject     *self,
                            gint64         from_id,
                            gint64         to_id,
                            ScSnapshot   **from,
                            ScSnapshot   **to,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL &&
         sc_drift_load_pair (store, from_id, to_id, from, to, cancellable, error);
}

typedef struct
{
  gint64 from_id;
  gint64 to_id;
} DriftInput;

static gpointer
drift_work (ScStore       *store,
            gpointer       input,
            ScJob         *job,
            GCancellable  *cancellable,
            GError       **error)
{
  DriftInput *ids = input;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  ScDrift *drift;

  if (job != NULL)
    sc_job_update (job, 0.0, _("Reading the snapshots"));
  if (!sc_drift_load_pair (store, ids->from_id, ids->to_id, &from, &to, cancellable, error))
    return NULL;
  if (job != NULL)
    sc_job_update (job, 0.6, _("Measuring drift"));
  drift = sc_drift_compute (from, to, cancellable, error);
  if (job != NULL)
    sc_job_update (job, 1.0, NULL);
  return drift;
}

/**
 * sc_project_compute_drift:
 * @from_id: as for sc_project_load_drift_pair()
 * @to_id: as for sc_project_load_drift_pair()
 * @job: (nullable): receives progress
 *
 * Returns: (transfer full) (nullable): what changed between the two states, or %NULL with
 *   @error set
 */
ScDrift *
sc_project_compute_drift (ScProject     *self,
                          gint64         from_id,
                          gint64         to_id,
                          ScJob         *job,
                          GCancellable  *cancellable,
                          GError       **error)
{
  DriftInput ids = { from_id, to_id };

  return _sc_project_run (self, drift_work, &ids, job, cancellable, error);
}

void
sc_project_compute_drift_async (ScProject           *self,
                                gint64               from_id,
                                gint64               to_id,
                                ScJob               *job,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  DriftInput ids = { from_id, to_id };

  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_compute_drift_async, drift_work,
                         g_memdup2 (&ids, sizeof ids), g_free, (GDestroyNotify) sc_drift_free,
                         job, cancellable, callback, user_data);
}

/**
 * sc_project_compute_drift_finish:
 *
 * Returns: (transfer full) (nullable): the drift
 */
ScDrift *
sc_project_compute_drift_finish (ScProject     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_compute_drift_async, error);
}

/**
 * sc_project_load_impact:
 * @current: (nullable): the state that ends the series, usually captured now
 *
 * Returns: (transfer full) (nullable): each segment's figures over the snapshots
 */
ScImpact *
sc_project_load_impact (ScProject         *self,
                        const ScSnapshot  *current,
                        GError           **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL ? sc_impact_load (store, current, error) : NULL;
}

/**
 * sc_project_load_carry_over:
 *
 * Returns: (transfer full) (nullable): which segments of run @run_id kept the names and
 *   plans of the run before it; %NULL without error when the run is not a re-run
 */
ScCarryOver *
sc_project_load_carry_over (ScProject  *self,
                            gint64      run_id,
                            GError    **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  return store != NULL ? sc_carry_over_load (store, run_id, error) : NULL;
}
