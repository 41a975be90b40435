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
  drift = sc_drift_compute_in (store, from, to, cancellable, error);
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

void
sc_comparison_free (ScComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->infos, g_array_unref);
  g_clear_pointer (&comparison->from, sc_snapshot_free);
  g_clear_pointer (&comparison->to, sc_snapshot_free);
  g_clear_pointer (&comparison->drift, sc_drift_free);
  g_clear_pointer (&comparison->impact, sc_impact_free);
  g_free (comparison);
}

static gboolean
infos_have (GArray *infos,
            gint64  id)
{
  for (guint i = 0; i < infos->len; i++)
    if (g_array_index (infos, ScSnapshotInfo, i).id == id)
      return TRUE;
  return FALSE;
}

/* The impact series ends with the current state, unless the latest snapshot already froze
 * the current run: then it would only repeat that snapshot. */
static gboolean
load_comparison_impact (ScStore       *store,
                        ScComparison  *c,
                        const ScRun   *current,
                        GCancellable  *cancellable,
                        GError       **error)
{
  const ScSnapshotInfo *latest = &g_array_index (c->infos, ScSnapshotInfo, c->infos->len - 1);
  g_autoptr(ScSnapshot) captured = NULL;
  const ScSnapshot *now = NULL;

  if (c->to_id == 0)
    now = c->to;
  else if (current != NULL && current->id != latest->run)
    {
      captured = sc_snapshot_capture (store, current, cancellable, error);
      if (captured == NULL)
        return FALSE;
      captured->label = g_strdup (_("Current segments"));
      now = captured;
    }
  if (now != NULL && current != NULL && current->id == latest->run)
    now = NULL;

  c->impact = sc_impact_load (store, now, error);
  return c->impact != NULL;
}

static gpointer
compare_work (ScStore       *store,
              gpointer       input,
              ScJob         *job,
              GCancellable  *cancellable,
              GError       **error)
{
  DriftInput *ids = input;
  g_autoptr(ScComparison) c = g_new0 (ScComparison, 1);
  g_autoptr(ScRun) current = NULL;
  g_autoptr(GError) local_error = NULL;
  const ScSnapshotInfo *latest;

  if (!sc_snapshot_list (store, &c->infos, error))
    return NULL;
  current = sc_run_load_current (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  c->has_run = current != NULL;

  if (c->infos->len == 0)
    {
      c->status = SC_COMPARISON_NO_SNAPSHOTS;
      return g_steal_pointer (&c);
    }

  /* A state chosen before may have been deleted since: fall back to the defaults. */
  latest = &g_array_index (c->infos, ScSnapshotInfo, c->infos->len - 1);
  c->from_id = ids->from_id != 0 && infos_have (c->infos, ids->from_id) ? ids->from_id
                                                                        : latest->id;
  c->to_id = ids->to_id != 0 && infos_have (c->infos, ids->to_id) ? ids->to_id : 0;

  if (c->to_id == 0 && current == NULL)
    c->status = SC_COMPARISON_NO_CURRENT;
  else if (c->from_id == c->to_id)
    c->status = SC_COMPARISON_SAME_STATE;
  if (c->status != SC_COMPARISON_DONE)
    return g_steal_pointer (&c);

  if (!sc_drift_load_pair (store, c->from_id, c->to_id, &c->from, &c->to, cancellable, error))
    return NULL;
  c->drift = sc_drift_compute_in (store, c->from, c->to, cancellable, error);
  if (c->drift == NULL || !load_comparison_impact (store, c, current, cancellable, error))
    return NULL;
  return g_steal_pointer (&c);
}

/**
 * sc_project_compare:
 * @from_id: the earlier snapshot; 0, or one that no longer exists, for the latest
 * @to_id: the later snapshot; 0, or one that no longer exists, for the current segments
 *
 * Everything a comparison of two states shows: the list of snapshots, which two states were
 * compared, the drift between them and each segment's figures over the snapshots. When
 * there is nothing to compare, the result says why (#ScComparison.status) and holds only
 * the list.
 *
 * Returns: (transfer full) (nullable): the comparison, or %NULL with @error set
 */
ScComparison *
sc_project_compare (ScProject     *self,
                    gint64         from_id,
                    gint64         to_id,
                    GCancellable  *cancellable,
                    GError       **error)
{
  DriftInput ids = { from_id, to_id };

  return _sc_project_run (self, compare_work, &ids, NULL, cancellable, error);
}

void
sc_project_compare_async (ScProject           *self,
                          gint64               from_id,
                          gint64               to_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  DriftInput ids = { from_id, to_id };

  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_compare_async, compare_work,
                         g_memdup2 (&ids, sizeof ids), g_free,
                         (GDestroyNotify) sc_comparison_free, NULL, cancellable, callback,
                         user_data);
}

/**
 * sc_project_compare_finish:
 *
 * Returns: (transfer full) (nullable): the comparison
 */
ScComparison *
sc_project_compare_finish (ScProject     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_compare_async, error);
}

static gpointer
carry_over_work (ScStore       *store,
                 gpointer       input,
                 ScJob         *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return sc_carry_over_load (store, *(gint64 *) input, error);
}

/**
 * sc_project_load_carry_over_async:
 *
 * sc_project_load_carry_over() in a worker.
 */
void
sc_project_load_carry_over_async (ScProject           *self,
                                  gint64               run_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_load_carry_over_async, carry_over_work,
                         g_memdup2 (&run_id, sizeof run_id), g_free,
                         (GDestroyNotify) sc_carry_over_free, NULL, cancellable, callback,
                         user_data);
}

/**
 * sc_project_load_carry_over_finish:
 *
 * Returns: (transfer full) (nullable): what sc_project_load_carry_over() returns
 */
ScCarryOver *
sc_project_load_carry_over_finish (ScProject     *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_load_carry_over_async, error);
}
