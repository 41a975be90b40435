/* sc-snapshot.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Keeping segments alive when new data arrives.
 *
 * A snapshot freezes a run: its segment rows (user fields and figures), the label of every
 * customer and, per customer, recency, frequency and spend at the run's as-of day plus the
 * net spend of the recent window, so that drift can be measured later without the run.
 * Snapshots are usually taken after new orders were appended (automatically, before scoring
 * or re-running), when the stored aggregates already include the new period; so the
 * per-customer figures are always recomputed from the transactions before the as-of day.
 * An order dated before the as-of day that arrives in a later file therefore counts in a
 * snapshot taken after that import.
 *
 * Segment identity across runs is kept in segment_lineage: scoring keeps every segment (its
 * row is copied, user fields and all), a re-run's new segments take the fields of the old
 * segment they overlap most (Jaccard of the members, at least SC_CARRY_OVER_MIN_OVERLAP).
 * Both record the origin, the first segment row of the line, which drift matches on. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-features.h"
#include "sc-kmeans.h"
#include "sc-run-private.h"
#include "sc-snapshot-private.h"
#include "sc-store-private.h"

/* Blobs are stored little-endian; every platform we build for is. */
G_STATIC_ASSERT (G_BYTE_ORDER == G_LITTLE_ENDIAN);

static void
snapshot_segment_clear (ScSnapshotSegment *s)
{
  g_free (s->name);
  g_free (s->suggested_name);
  g_free (s->description);
  g_free (s->quadrant);
  g_free (s->quadrant_override);
  g_free (s->service_tier);
  g_free (s->owner);
  g_free (s->objective);
  g_free (s->tactics);
  g_free (s->profile);
}

/**
 * sc_snapshot_free:
 * @snapshot: (nullable): a snapshot
 */
void
sc_snapshot_free (ScSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  for (guint i = 0; i < snapshot->n_segments; i++)
    snapshot_segment_clear (&snapshot->segments[i]);
  g_free (snapshot->segments);
  g_free (snapshot->created_at);
  g_free (snapshot->label);
  g_free (snapshot->labels);
  /* The features share one block, so that it is stored as one blob without a copy. */
  g_free (snapshot->features[0]);
  g_free (snapshot->revenue);
  g_free (snapshot);
}

/**
 * sc_snapshot_info_clear:
 * @info: a listed snapshot, as in the array of sc_snapshot_list()
 */
void
sc_snapshot_info_clear (ScSnapshotInfo *info)
{
  g_clear_pointer (&info->created_at, g_free);
  g_clear_pointer (&info->label, g_free);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static double
column_double_or_nan (sqlite3_stmt *stmt,
                      int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, col);
}

static void
bind_double_or_null (sqlite3_stmt *stmt,
                     int           col,
                     double        v)
{
  if (isfinite (v))
    sqlite3_bind_double (stmt, col, v);
  else
    sqlite3_bind_null (stmt, col);
}

/* ------------------------------------------------------------------------------------------ */
/* Capture                                                                                     */

/* The rows of the window: a suffix of each customer's rows, which are sorted by day. */
static ScTransactions *
window_transactions (const ScTransactions *tx,
                     ScDay                 first_day)
{
  ScTransactions *w = g_new0 (ScTransactions, 1);
  gsize n = 0;

  w->n_customers = tx->n_customers;
  w->offsets = g_new0 (gsize, (gsize) tx->n_customers + 1);
  for (guint32 c = 0; c < tx->n_customers; c++)
    {
      gsize lo = tx->offsets[c], hi = tx->offsets[c + 1];
      gsize start = hi;

      while (start > lo && tx->day[start - 1] >= first_day)
        start--;
      n += hi - start;
      w->offsets[c + 1] = n;
    }
  w->n_rows = n;
  w->day = g_new (ScDay, MAX (n, 1));
  w->amount = g_new (double, MAX (n, 1));
  w->order = tx->order != NULL ? g_new (guint32, MAX (n, 1)) : NULL;
  for (guint32 c = 0; c < tx->n_customers; c++)
    {
      gsize len = w->offsets[c + 1] - w->offsets[c];
      gsize from = tx->offsets[c + 1] - len;

      memcpy (w->day + w->offsets[c], tx->day + from, sizeof (ScDay) * len);
      memcpy (w->amount + w->offsets[c], tx->amount + from, sizeof (double) * len);
      if (w->order != NULL)
        memcpy (w->order + w->offsets[c], tx->order + from, sizeof (guint32) * len);
    }
  return w;
}

#define SEGMENT_COLUMNS \
  "s.id, s.position, s.name, s.suggested_name, s.description, s.colour, s.is_outliers, " \
  "s.size, s.share, s.revenue, s.revenue_share, s.recency, s.frequency, s.monetary, " \
  "s.value, s.potential, s.p_alive, s.quadrant, s.quadrant_override, s.priority, " \
  "s.service_tier, s.owner, s.objective, s.tactics, s.profile"

static void
read_segment_columns (sqlite3_stmt      *stmt,
                      int                first,
                      ScSnapshotSegment *s)
{
  int c = first;

  s->segment = sqlite3_column_int64 (stmt, c++);
  s->position = (guint) sqlite3_column_int (stmt, c++);
  s->name = column_dup (stmt, c++);
  s->suggested_name = column_dup (stmt, c++);
  s->description = column_dup (stmt, c++);
  s->colour = (guint) sqlite3_column_int (stmt, c++);
  s->is_outliers = sqlite3_column_int (stmt, c++) != 0;
  s->size = (guint64) sqlite3_column_int64 (stmt, c++);
  s->share = column_double_or_nan (stmt, c++);
  s->revenue = column_double_or_nan (stmt, c++);
  s->revenue_share = column_double_or_nan (stmt, c++);
  s->recency = column_double_or_nan (stmt, c++);
  s->frequency = column_double_or_nan (stmt, c++);
  s->monetary = column_double_or_nan (stmt, c++);
  s->value = column_double_or_nan (stmt, c++);
  s->potential = column_double_or_nan (stmt, c++);
  s->p_alive = column_double_or_nan (stmt, c++);
  s->quadrant = column_dup (stmt, c++);
  s->quadrant_override = column_dup (stmt, c++);
  s->priority = sqlite3_column_int (stmt, c++);
  s->service_tier = column_dup (stmt, c++);
  s->owner = column_dup (stmt, c++);
  s->objective = column_dup (stmt, c++);
  s->tactics = column_dup (stmt, c++);
  s->profile = column_dup (stmt, c++);
}

static gboolean
load_run_segments (ScStore     *store,
                   gint64       run,
                   ScSnapshot  *snap,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) segments = g_array_new (FALSE, TRUE, sizeof (ScSnapshotSegment));
  int rc;

  if (!_sc_store_prepare (store, "SELECT " SEGMENT_COLUMNS ", coalesce (l.origin, s.id) "
                          "FROM segments s LEFT JOIN segment_lineage l ON l.segment = s.id "
                          "WHERE s.run = ? ORDER BY s.position", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScSnapshotSegment s = { 0 };

      read_segment_columns (stmt, 0, &s);
      s.origin = sqlite3_column_int64 (stmt, 25);
      g_array_append_val (segments, s);
    }
  if (rc != SQLITE_DONE)
    {
      for (guint i = 0; i < segments->len; i++)
        snapshot_segment_clear (&g_array_index (segments, ScSnapshotSegment, i));
      _sc_store_set_error (store, error);
      return FALSE;
    }
  snap->n_segments = segments->len;
  snap->segments = (ScSnapshotSegment *) g_array_free (g_steal_pointer (&segments), FALSE);
  return TRUE;
}

static gboolean
positions_are_dense (const ScSnapshot *snap)
{
  for (guint i = 0; i < snap->n_segments; i++)
    if (snap->segments[i].position != i)
      return FALSE;
  return TRUE;
}

/**
 * sc_snapshot_capture:
 * @store: the project
 * @run: the run to freeze (its segment rows are read from @store)
 *
 * Freezes @run in memory: its segment rows as they are now, its labels, and per customer
 * recency, frequency and spend at the run's as-of day and the net spend of the
 * %SC_SNAPSHOT_WINDOW_DAYS days before it, computed from the transactions before the
 * as-of day.  Reads every transaction once.
 *
 * Returns: (transfer full) (nullable): the snapshot, not saved, or %NULL with @error set
 */
ScSnapshot *
sc_snapshot_capture (ScStore       *store,
                     const ScRun   *run,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(ScSnapshot) snap = NULL;
  g_autoptr(ScTransactions) tx = NULL;
  g_autoptr(ScTransactions) window = NULL;
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(ScAggregates) recent = NULL;
  g_autofree double *recent_revenue = NULL;
  g_autofree guint64 *recent_orders = NULL;
  g_autofree guint64 *churned = NULL;
  g_autofree guint64 *sizes = NULL;
  guint32 n_store, n;
  ScDay as_of;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (run != NULL, NULL);

  n_store = sc_store_get_n_customers (store);
  n = run->n_customers;
  as_of = run->params.as_of;
  if (n > n_store)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segmentation names unknown customers."),
                   sc_store_get_path (store));
      return NULL;
    }

  /* Rows on or after the as-of day came later: the run never saw them. */
  tx = sc_store_load_transactions (store, n_store, as_of - 1, cancellable, error);
  if (tx == NULL)
    return NULL;
  agg = sc_aggregates_compute (tx);
  window = window_transactions (tx, as_of - SC_SNAPSHOT_WINDOW_DAYS);
  g_clear_pointer (&tx, sc_transactions_free);
  recent = sc_aggregates_compute (window);
  g_clear_pointer (&window, sc_transactions_free);
  if (agg == NULL || recent == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: its transactions could not be read."),
                   sc_store_get_path (store));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  snap = g_new0 (ScSnapshot, 1);
  snap->created_at = _sc_run_now ();
  snap->run = run->id;
  snap->as_of = as_of;
  snap->n_customers = n;
  snap->labels = g_memdup2 (run->labels, sizeof (guint16) * MAX (n, 1));
  snap->features[0] = g_new (double, 3 * (gsize) MAX (n, 1));
  snap->features[1] = snap->features[0] + n;
  snap->features[2] = snap->features[0] + 2 * (gsize) n;
  snap->revenue = g_new (double, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    {
      snap->features[SC_SNAPSHOT_RECENCY][i] =
        agg->last_day[i] == SC_DAY_NONE ? NAN : (double) as_of - (double) agg->last_day[i];
      snap->features[SC_SNAPSHOT_FREQUENCY][i] = agg->n_orders[i];
      snap->features[SC_SNAPSHOT_MONETARY][i] = agg->monetary[i];
      snap->revenue[i] = recent->monetary[i];
    }

  if (!load_run_segments (store, run->id, snap, error))
    return NULL;
  if (!positions_are_dense (snap))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segments of a segmentation could not be read."),
                   sc_store_get_path (store));
      return NULL;
    }

  recent_revenue = g_new0 (double, MAX (snap->n_segments, 1));
  recent_orders = g_new0 (guint64, MAX (snap->n_segments, 1));
  churned = g_new0 (guint64, MAX (snap->n_segments, 1));
  sizes = g_new0 (guint64, MAX (snap->n_segments, 1));
  for (guint32 i = 0; i < n; i++)
    {
      guint16 l = snap->labels[i];

      if (l >= snap->n_segments)
        continue;
      sizes[l]++;
      recent_revenue[l] += recent->monetary[i];
      recent_orders[l] += recent->n_orders[i];
      churned[l] += recent->n_orders[i] == 0;
    }
  for (guint s = 0; s < snap->n_segments; s++)
    {
      ScSnapshotSegment *seg = &snap->segments[s];

      /* The labels are the truth; the row's size says the same unless the file was edited. */
      seg->size = sizes[s];
      seg->recent_revenue = recent_revenue[s];
      seg->recent_orders = sizes[s] > 0 ? recent_orders[s] / (double) sizes[s] : NAN;
      seg->churn = sizes[s] > 0 ? churned[s] / (double) sizes[s] : NAN;
    }

  return g_steal_pointer (&snap);
}

/* ------------------------------------------------------------------------------------------ */
/* Save, load, list, delete                                                                    */

/**
 * sc_snapshot_save:
 * @snapshot: a captured snapshot; its @id, @label and @created_at are set
 * @label: (nullable): a label for people; %NULL for "Snapshot <date>"
 * @auto_taken: whether the app took it on its own
 */
gboolean
sc_snapshot_save (ScStore      *store,
                  ScSnapshot   *snap,
                  const char   *label,
                  gboolean      auto_taken,
                  GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) seg = NULL;
  guint64 n_segmented = 0;
  gsize n = snap->n_customers;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (snap != NULL, FALSE);

  if (label == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

      g_free (snap->label);
      snap->label = g_strdup_printf (_("Snapshot %s"), date);
    }
  else if (label != snap->label)
    {
      g_free (snap->label);
      snap->label = g_strdup (label);
    }
  snap->auto_taken = auto_taken;
  for (gsize i = 0; i < n; i++)
    n_segmented += snap->labels[i] < snap->n_segments;

  if (!sc_store_begin (store, error))
    return FALSE;
  if (!_sc_store_prepare (store,
                          "INSERT INTO snapshots (created_at, label, auto, run, as_of, features, k, "
                          "outlier_z, transform, centroids, n_customers, n_segmented, labels, "
                          "customer_features, revenue) SELECT ?1, ?2, ?3, ?4, ?5, r.features, "
                          "r.k, r.outlier_z, r.transform, r.centroids, ?6, ?7, ?8, ?9, ?10 "
                          "FROM (SELECT 1) LEFT JOIN runs r ON r.id = ?4", &stmt, error))
    goto fail;
  sqlite3_bind_text (stmt, 1, snap->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, snap->label, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, auto_taken);
  sqlite3_bind_int64 (stmt, 4, snap->run);
  sqlite3_bind_int (stmt, 5, snap->as_of);
  sqlite3_bind_int64 (stmt, 6, (gint64) n);
  sqlite3_bind_int64 (stmt, 7, (gint64) n_segmented);
  sqlite3_bind_blob64 (stmt, 8, n > 0 ? (const void *) snap->labels : "",
                       sizeof (guint16) * n, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 9, n > 0 ? (const void *) snap->features[0] : "",
                       sizeof (double) * SC_SNAPSHOT_N_FEATURES * n, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 10, n > 0 ? (const void *) snap->revenue : "",
                       sizeof (double) * n, SQLITE_STATIC);
  if (!_sc_store_step_done (store, stmt, error))
    goto fail;
  snap->id = _sc_store_last_insert_id (store);

  if (!_sc_store_prepare (store,
                          "INSERT INTO snapshot_segments (snapshot, position, segment, origin, name, "
                          "suggested_name, description, colour, is_outliers, size, share, revenue, "
                          "revenue_share, recency, frequency, monetary, value, potential, p_alive, "
                          "quadrant, quadrant_override, priority, service_tier, owner, objective, "
                          "tactics, profile, recent_revenue, recent_orders, churn) VALUES "
                          "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          &seg, error))
    goto fail;
  for (guint i = 0; i < snap->n_segments; i++)
    {
      const ScSnapshotSegment *s = &snap->segments[i];

      sqlite3_bind_int64 (seg, 1, snap->id);
      sqlite3_bind_int (seg, 2, (int) s->position);
      sqlite3_bind_int64 (seg, 3, s->segment);
      sqlite3_bind_int64 (seg, 4, s->origin);
      sqlite3_bind_text (seg, 5, s->name != NULL ? s->name : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 6, s->suggested_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 7, s->description, -1, SQLITE_STATIC);
      sqlite3_bind_int (seg, 8, (int) s->colour);
      sqlite3_bind_int (seg, 9, s->is_outliers);
      sqlite3_bind_int64 (seg, 10, (gint64) s->size);
      bind_double_or_null (seg, 11, s->share);
      bind_double_or_null (seg, 12, s->revenue);
      bind_double_or_null (seg, 13, s->revenue_share);
      bind_double_or_null (seg, 14, s->recency);
      bind_double_or_null (seg, 15, s->frequency);
      bind_double_or_null (seg, 16, s->monetary);
      bind_double_or_null (seg, 17, s->value);
      bind_double_or_null (seg, 18, s->potential);
      bind_double_or_null (seg, 19, s->p_alive);
      sqlite3_bind_text (seg, 20, s->quadrant, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 21, s->quadrant_override, -1, SQLITE_STATIC);
      sqlite3_bind_int (seg, 22, s->priority);
      sqlite3_bind_text (seg, 23, s->service_tier, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 24, s->owner, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 25, s->objective, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 26, s->tactics, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 27, s->profile, -1, SQLITE_STATIC);
      bind_double_or_null (seg, 28, s->recent_revenue);
      bind_double_or_null (seg, 29, s->recent_orders);
      bind_double_or_null (seg, 30, s->churn);
      if (!_sc_store_step_done (store, seg, error))
        goto fail;
    }

  if (!sc_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  sc_store_rollback (store);
  snap->id = 0;
  return FALSE;
}

static gboolean
blob_has_size (sqlite3_stmt *stmt,
               int           col,
               gsize         size)
{
  return (gsize) sqlite3_column_bytes (stmt, col) == size;
}

/**
 * sc_snapshot_load:
 * @id: a snapshot id
 *
 * Returns: (transfer full) (nullable): the snapshot with its per-customer data, or %NULL
 *   with @error set (%SC_ERROR_INVALID_INPUT when there is no such snapshot)
 */
ScSnapshot *
sc_snapshot_load (ScStore  *store,
                  gint64    id,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) seg = NULL;
  g_autoptr(ScSnapshot) snap = NULL;
  g_autoptr(GArray) segments = NULL;
  gsize n;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if (!_sc_store_prepare (store, "SELECT id, created_at, label, auto, run, as_of, n_customers, "
                          "labels, customer_features, revenue FROM snapshots WHERE id = ?",
                          &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("There is no snapshot %" PRId64 " in “%s”."), id,
                   sc_store_get_path (store));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _sc_store_set_error (store, error);
      return NULL;
    }

  snap = g_new0 (ScSnapshot, 1);
  snap->id = sqlite3_column_int64 (stmt, 0);
  snap->created_at = column_dup (stmt, 1);
  snap->label = column_dup (stmt, 2);
  snap->auto_taken = sqlite3_column_int (stmt, 3) != 0;
  snap->run = sqlite3_column_int64 (stmt, 4);
  snap->as_of = sqlite3_column_int (stmt, 5);
  n = (gsize) MAX (sqlite3_column_int64 (stmt, 6), 0);
  if (n > G_MAXUINT32 ||
      !blob_has_size (stmt, 7, sizeof (guint16) * n) ||
      !blob_has_size (stmt, 8, sizeof (double) * SC_SNAPSHOT_N_FEATURES * n) ||
      !blob_has_size (stmt, 9, sizeof (double) * n))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: snapshot %" PRId64 " could not be read."),
                   sc_store_get_path (store), id);
      return NULL;
    }
  snap->n_customers = (guint32) n;
  snap->labels = g_new (guint16, MAX (n, 1));
  snap->features[0] = g_new (double, SC_SNAPSHOT_N_FEATURES * MAX (n, 1));
  snap->features[1] = snap->features[0] + n;
  snap->features[2] = snap->features[0] + 2 * n;
  snap->revenue = g_new (double, MAX (n, 1));
  if (n > 0)
    {
      memcpy (snap->labels, sqlite3_column_blob (stmt, 7), sizeof (guint16) * n);
      memcpy (snap->features[0], sqlite3_column_blob (stmt, 8),
              sizeof (double) * SC_SNAPSHOT_N_FEATURES * n);
      memcpy (snap->revenue, sqlite3_column_blob (stmt, 9), sizeof (double) * n);
    }

  segments = g_array_new (FALSE, TRUE, sizeof (ScSnapshotSegment));
  if (!_sc_store_prepare (store,
                          "SELECT segment, position, name, suggested_name, description, colour, "
                          "is_outliers, size, share, revenue, revenue_share, recency, frequency, "
                          "monetary, value, potential, p_alive, quadrant, quadrant_override, "
                          "priority, service_tier, owner, objective, tactics, profile, origin, "
                          "recent_revenue, recent_orders, churn FROM snapshot_segments "
                          "WHERE snapshot = ? ORDER BY position", &seg, error))
    return NULL;
  sqlite3_bind_int64 (seg, 1, id);
  while ((rc = sqlite3_step (seg)) == SQLITE_ROW)
    {
      ScSnapshotSegment s = { 0 };

      read_segment_columns (seg, 0, &s);
      s.origin = sqlite3_column_int64 (seg, 25);
      s.recent_revenue = column_double_or_nan (seg, 26);
      s.recent_orders = column_double_or_nan (seg, 27);
      s.churn = column_double_or_nan (seg, 28);
      g_array_append_val (segments, s);
    }
  snap->n_segments = segments->len;
  snap->segments = (ScSnapshotSegment *) g_array_free (g_steal_pointer (&segments), FALSE);
  if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (store, error);
      return NULL;
    }
  if (!positions_are_dense (snap))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: snapshot %" PRId64 " could not be read."),
                   sc_store_get_path (store), id);
      return NULL;
    }
  return g_steal_pointer (&snap);
}

/**
 * sc_snapshot_list:
 * @infos: (out) (transfer full) (element-type ScSnapshotInfo): the snapshots, by as-of day,
 *   then in the order they were taken
 */
gboolean
sc_snapshot_list (ScStore  *store,
                  GArray  **infos,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) result = g_array_new (FALSE, TRUE, sizeof (ScSnapshotInfo));
  int rc;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (infos != NULL, FALSE);

  g_array_set_clear_func (result, (GDestroyNotify) sc_snapshot_info_clear);
  if (!_sc_store_prepare (store, "SELECT s.id, s.created_at, s.label, s.run, s.as_of, s.auto, "
                          "s.n_segmented, (SELECT count(*) FROM snapshot_segments g "
                          "WHERE g.snapshot = s.id) FROM snapshots s ORDER BY s.as_of, s.id",
                          &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScSnapshotInfo info = { 0 };

      info.id = sqlite3_column_int64 (stmt, 0);
      info.created_at = column_dup (stmt, 1);
      info.label = column_dup (stmt, 2);
      info.run = sqlite3_column_int64 (stmt, 3);
      info.as_of = sqlite3_column_int (stmt, 4);
      info.auto_taken = sqlite3_column_int (stmt, 5) != 0;
      info.n_segmented = (guint64) sqlite3_column_int64 (stmt, 6);
      info.n_segments = (guint) sqlite3_column_int (stmt, 7);
      g_array_append_val (result, info);
    }
  if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (store, error);
      return FALSE;
    }
  *infos = g_steal_pointer (&result);
  return TRUE;
}

/**
 * sc_snapshot_delete:
 *
 * Returns: %TRUE when the snapshot was deleted; %FALSE with %SC_ERROR_INVALID_INPUT when
 *   there is no such snapshot
 */
gboolean
sc_snapshot_delete (ScStore  *store,
                    gint64    id,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  if (!_sc_store_prepare (store, "DELETE FROM snapshots WHERE id = ?", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_sc_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_sc_store_get_db (store)) == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("There is no snapshot %" PRId64 " in “%s”."), id,
                   sc_store_get_path (store));
      return FALSE;
    }
  return TRUE;
}

/**
 * sc_snapshot_find_for_run:
 *
 * Returns: the latest snapshot of @run, 0 when there is none, -1 on error
 */
gint64
sc_snapshot_find_for_run (ScStore  *store,
                          gint64    run,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (store != NULL, -1);

  if (!_sc_store_prepare (store, "SELECT max(id) FROM snapshots WHERE run = ?", &stmt, error))
    return -1;
  sqlite3_bind_int64 (stmt, 1, run);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _sc_store_set_error (store, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * sc_snapshot_take:
 * @label: (nullable): a label for people; %NULL for "Snapshot <date>"
 *
 * Freezes the current run and saves it.
 *
 * Returns: the new snapshot's id, or -1 with @error set (%SC_ERROR_NO_DATA when the project
 *   has no segments yet)
 */
gint64
sc_snapshot_take (ScStore       *store,
                  const char    *label,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScSnapshot) snap = NULL;

  g_return_val_if_fail (store != NULL, -1);

  run = sc_run_load_current (store, &local_error);
  if (run == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                     _("The project has no segments yet: segment it first."));
      return -1;
    }
  snap = sc_snapshot_capture (store, run, cancellable, error);
  if (snap == NULL || !sc_snapshot_save (store, snap, label, FALSE, error))
    return -1;
  return snap->id;
}

/**
 * sc_snapshot_take_auto:
 * @run: the run about to stop being current
 *
 * The snapshot the app takes before scoring or re-running: skipped when @run already has
 * one, so that trying several settings in a row does not pile up copies.
 *
 * Returns: the id of the new or existing snapshot of @run, or -1 with @error set
 */
gint64
sc_snapshot_take_auto (ScStore           *store,
                       const ScRun       *run,
                       ScSnapshotReason   reason,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autoptr(ScSnapshot) snap = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *label = NULL;
  gint64 existing;

  g_return_val_if_fail (store != NULL, -1);
  g_return_val_if_fail (run != NULL, -1);

  existing = sc_snapshot_find_for_run (store, run->id, error);
  if (existing != 0)
    return existing;

  label = reason == SC_SNAPSHOT_BEFORE_SCORING
          ? g_strdup_printf (_("Before scoring %s"), date)
          : g_strdup_printf (_("Before re-run %s"), date);
  snap = sc_snapshot_capture (store, run, cancellable, error);
  if (snap == NULL || !sc_snapshot_save (store, snap, label, TRUE, error))
    return -1;
  return snap->id;
}

/* ------------------------------------------------------------------------------------------ */
/* Segment identity: carry-over and lineage                                                    */

/**
 * sc_carry_over_free:
 * @c: (nullable): a carry-over record
 */
void
sc_carry_over_free (ScCarryOver *c)
{
  if (c == NULL)
    return;
  g_strfreev (c->names);
  g_strfreev (c->previous_names);
  g_free (c->previous_position);
  g_free (c->overlap);
  g_free (c->previous_matched);
  g_free (c);
}

/* inter[o * n_new + j]: customers in old segment o and new segment j; customers beyond a
 * run's labels (added later) are in none of its segments. */
static void
overlap_counts (const ScRun *old_run,
                const ScRun *new_run,
                guint64     *inter,
                guint64     *old_size,
                guint64     *new_size)
{
  guint32 n = MAX (old_run->n_customers, new_run->n_customers);
  guint n_old = old_run->n_segments, n_new = new_run->n_segments;

  for (guint32 i = 0; i < n; i++)
    {
      guint lo = i < old_run->n_customers ? old_run->labels[i] : SC_LABEL_NONE;
      guint ln = i < new_run->n_customers ? new_run->labels[i] : SC_LABEL_NONE;

      if (lo < n_old)
        old_size[lo]++;
      if (ln < n_new)
        new_size[ln]++;
      if (lo < n_old && ln < n_new)
        inter[(gsize) lo * n_new + ln]++;
    }
}

static double
jaccard (guint64 inter,
         guint64 a,
         guint64 b)
{
  guint64 uni = a + b - inter;

  return uni > 0 ? inter / (double) uni : 0.0;
}

/* Inside the caller's transaction. previous[j]: the segments row new segment j descends from,
 * or 0. */
static gboolean
record_lineage (ScStore       *store,
                const ScRun   *new_run,
                gint64         previous_run,
                const char    *kind,
                const gint64  *previous,
                const double  *overlap,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) lin = NULL;
  g_autoptr(sqlite3_stmt) hist = NULL;

  if (!_sc_store_prepare (store,
                          "INSERT OR REPLACE INTO segment_lineage (segment, origin, previous, "
                          "overlap) VALUES (?1, CASE WHEN ?2 IS NULL THEN ?1 ELSE coalesce ("
                          "(SELECT origin FROM segment_lineage WHERE segment = ?2), ?2) END, "
                          "?2, ?3)", &lin, error) ||
      !_sc_store_prepare (store, "INSERT OR REPLACE INTO run_history (run, previous, kind) "
                          "VALUES (?, ?, ?)", &hist, error))
    return FALSE;
  for (guint j = 0; j < new_run->n_segments; j++)
    {
      sqlite3_bind_int64 (lin, 1, new_run->segments[j].id);
      if (previous[j] > 0)
        sqlite3_bind_int64 (lin, 2, previous[j]);
      else
        sqlite3_bind_null (lin, 2);
      sqlite3_bind_double (lin, 3, overlap[j]);
      if (!_sc_store_step_done (store, lin, error))
        return FALSE;
    }
  sqlite3_bind_int64 (hist, 1, new_run->id);
  sqlite3_bind_int64 (hist, 2, previous_run);
  sqlite3_bind_text (hist, 3, kind, -1, SQLITE_STATIC);
  return _sc_store_step_done (store, hist, error);
}

/**
 * sc_run_record_lineage:
 * @previous_run: the run that was current before @run
 * @run: a stored run derived from @previous_run (by an edit, for example)
 * @previous_position: (array): per segment of @run, the position of the segment of
 *   @previous_run it continues, or -1 for a new segment
 *
 * Records which segments of @run continue which of @previous_run, so that drift, migration
 * and impact series follow them across the change.  sc_run_score() and a re-run's
 * sc_run_carry_over() record it themselves; code storing runs in other ways (structural
 * edits) calls this.
 */
gboolean
sc_run_record_lineage (ScStore      *store,
                       const ScRun  *previous_run,
                       const ScRun  *run,
                       const int    *previous_position,
                       GError      **error)
{
  return _sc_run_record_lineage (store, previous_run, run, previous_position, "edit", error);
}

/* sc_run_record_lineage() with the kind of change: "edit", "rerun" or "score". */
gboolean
_sc_run_record_lineage (ScStore      *store,
                        const ScRun  *previous_run,
                        const ScRun  *run,
                        const int    *previous_position,
                        const char   *kind,
                        GError      **error)
{
  g_autofree gint64 *previous = NULL;
  g_autofree double *overlap = NULL;
  g_autofree guint64 *inter = NULL;
  g_autofree guint64 *old_size = NULL;
  g_autofree guint64 *new_size = NULL;
  guint n_old, n_new;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (previous_run != NULL, FALSE);
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (previous_position != NULL || run->n_segments == 0, FALSE);

  n_old = previous_run->n_segments;
  n_new = run->n_segments;
  previous = g_new0 (gint64, MAX (n_new, 1));
  overlap = g_new0 (double, MAX (n_new, 1));
  inter = g_new0 (guint64, (gsize) MAX (n_old, 1) * MAX (n_new, 1));
  old_size = g_new0 (guint64, MAX (n_old, 1));
  new_size = g_new0 (guint64, MAX (n_new, 1));
  overlap_counts (previous_run, run, inter, old_size, new_size);
  for (guint j = 0; j < n_new; j++)
    {
      int o = previous_position[j];

      g_return_val_if_fail (o < (int) n_old, FALSE);
      if (o < 0)
        continue;
      previous[j] = previous_run->segments[o].id;
      overlap[j] = jaccard (inter[(gsize) o * n_new + j], old_size[o], new_size[j]);
    }

  if (!sc_store_begin (store, error))
    return FALSE;
  if (!record_lineage (store, run, previous_run->id, kind, previous, overlap, error) ||
      !sc_store_commit (store, error))
    {
      sc_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  double   overlap;
  guint    old_pos;
  guint    new_pos;
} Pair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *x = a, *y = b;

  if (x->overlap != y->overlap)
    return x->overlap > y->overlap ? -1 : 1;
  if (x->new_pos != y->new_pos)
    return x->new_pos < y->new_pos ? -1 : 1;
  return x->old_pos < y->old_pos ? -1 : (x->old_pos > y->old_pos);
}

typedef struct
{
  guint rank_group;   /* 0: took an old segment's priority, 1: new */
  int   priority;
  guint position;
} PriorityKey;

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  const PriorityKey *x = a, *y = b;

  if (x->rank_group != y->rank_group)
    return x->rank_group < y->rank_group ? -1 : 1;
  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return x->position < y->position ? -1 : (x->position > y->position);
}

/**
 * sc_run_carry_over:
 * @old_run: the run that was current before
 * @new_run: the run just stored by a re-run; its segments' user fields, colours and
 *   priorities are updated in place
 *
 * Gives each new segment the user's fields of the old segment its members overlap most:
 * pairs are taken greedily by decreasing Jaccard overlap, each segment at most once, only at
 * %SC_CARRY_OVER_MIN_OVERLAP or more, and the outlier segment only ever pairs with the
 * outlier segment.  A matched segment takes name, description, objective, owner, tactics,
 * service tier, quadrant override and colour, in @new_run and in the project.  Unmatched
 * segments keep their suggested name ("<name> (new)" if a matched one took it) and get a
 * colour no matched segment uses.  Priorities are renumbered 1..n keeping the user's order,
 * unmatched segments last.  The lineage is recorded so that drift and migration recognise
 * the segments later.
 *
 * Returns: (transfer full) (nullable): what was matched, or %NULL with @error set
 */
ScCarryOver *
sc_run_carry_over (ScStore      *store,
                   const ScRun  *old_run,
                   ScRun        *new_run,
                   GError      **error)
{
  guint n_old, n_new;
  g_autofree guint64 *inter = NULL;
  g_autofree guint64 *old_size = NULL;
  g_autofree guint64 *new_size = NULL;
  g_autofree Pair *pairs = NULL;
  g_autofree gint64 *previous = NULL;
  g_autofree PriorityKey *keys = NULL;
  g_autofree gboolean *colour_used = NULL;
  g_autoptr(ScCarryOver) result = NULL;
  g_autoptr(sqlite3_stmt) upd = NULL;
  guint n_pairs = 0;
  guint max_colour = 0;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (old_run != NULL, NULL);
  g_return_val_if_fail (new_run != NULL, NULL);

  n_old = old_run->n_segments;
  n_new = new_run->n_segments;
  inter = g_new0 (guint64, (gsize) MAX (n_old, 1) * MAX (n_new, 1));
  old_size = g_new0 (guint64, MAX (n_old, 1));
  new_size = g_new0 (guint64, MAX (n_new, 1));
  pairs = g_new (Pair, (gsize) MAX (n_old, 1) * MAX (n_new, 1));
  previous = g_new0 (gint64, MAX (n_new, 1));
  keys = g_new0 (PriorityKey, MAX (n_new, 1));

  result = g_new0 (ScCarryOver, 1);
  result->run = new_run->id;
  result->previous_run = old_run->id;
  result->n_segments = n_new;
  result->n_previous = n_old;
  result->previous_position = g_new (gint, MAX (n_new, 1));
  result->overlap = g_new0 (double, MAX (n_new, 1));
  result->previous_matched = g_new0 (gboolean, MAX (n_old, 1));

  overlap_counts (old_run, new_run, inter, old_size, new_size);
  for (guint o = 0; o < n_old; o++)
    for (guint j = 0; j < n_new; j++)
      {
        double jac = jaccard (inter[(gsize) o * n_new + j], old_size[o], new_size[j]);

        result->overlap[j] = MAX (result->overlap[j], jac);
        if (old_run->segments[o].is_outliers != new_run->segments[j].is_outliers ||
            jac < SC_CARRY_OVER_MIN_OVERLAP)
          continue;
        pairs[n_pairs++] = (Pair) { jac, o, j };
      }
  qsort (pairs, n_pairs, sizeof (Pair), compare_pairs);
  for (guint j = 0; j < n_new; j++)
    result->previous_position[j] = -1;
  for (guint p = 0; p < n_pairs; p++)
    {
      if (result->previous_matched[pairs[p].old_pos] ||
          result->previous_position[pairs[p].new_pos] >= 0)
        continue;
      result->previous_matched[pairs[p].old_pos] = TRUE;
      result->previous_position[pairs[p].new_pos] = (gint) pairs[p].old_pos;
      previous[pairs[p].new_pos] = old_run->segments[pairs[p].old_pos].id;
    }

  /* Matched segments take the user's fields and colour; a new one keeps its own colour
   * unless a matched segment took it. */
  for (guint o = 0; o < n_old; o++)
    max_colour = MAX (max_colour, old_run->segments[o].colour);
  for (guint j = 0; j < n_new; j++)
    max_colour = MAX (max_colour, new_run->segments[j].colour);
  colour_used = g_new0 (gboolean, max_colour + n_new + 1);
  for (guint j = 0; j < n_new; j++)
    if (result->previous_position[j] >= 0)
      {
        ScSegmentInfo *s = &new_run->segments[j];
        const ScSegmentInfo *o = &old_run->segments[result->previous_position[j]];

#define TAKE(field) G_STMT_START { g_free (s->field); s->field = g_strdup (o->field); } G_STMT_END
        TAKE (name);
        TAKE (description);
        TAKE (service_tier);
        TAKE (owner);
        TAKE (objective);
        TAKE (tactics);
        TAKE (quadrant_override);
#undef TAKE
        s->colour = o->colour;
        colour_used[s->colour] = TRUE;
      }
  for (guint j = 0; j < n_new; j++)
    if (result->previous_position[j] < 0)
      {
        ScSegmentInfo *s = &new_run->segments[j];

        /* Names stay unique in a run: a suggestion may repeat a name carried over. */
        for (guint t = 0; t < n_new; t++)
          if (result->previous_position[t] >= 0 && s->name != NULL &&
              g_utf8_collate (new_run->segments[t].name, s->name) == 0)
            {
              char *renamed = g_strdup_printf (_("%s (new)"), s->name);

              g_free (s->name);
              s->name = renamed;
              break;
            }
        if (colour_used[s->colour])
          {
            guint c = 0;

            while (colour_used[c])
              c++;
            s->colour = c;
          }
        colour_used[s->colour] = TRUE;
      }

  /* Ranks 1..n in the user's order; segments without a predecessor after the others. */
  for (guint j = 0; j < n_new; j++)
    {
      int o = result->previous_position[j];

      keys[j].rank_group = o >= 0 ? 0 : 1;
      keys[j].priority = o >= 0 ? (int) old_run->segments[o].priority : 0;
      keys[j].position = j;
    }
  qsort (keys, n_new, sizeof (PriorityKey), compare_priority);
  for (guint r = 0; r < n_new; r++)
    new_run->segments[keys[r].position].priority = r + 1;

  if (!sc_store_begin (store, error))
    return NULL;
  if (!_sc_store_prepare (store,
                          "UPDATE segments SET name = ?, description = ?, colour = ?, priority = ?, "
                          "service_tier = ?, owner = ?, objective = ?, tactics = ?, "
                          "quadrant_override = ? WHERE id = ?", &upd, error))
    goto fail;
  for (guint j = 0; j < n_new; j++)
    {
      const ScSegmentInfo *s = &new_run->segments[j];

      sqlite3_bind_text (upd, 1, s->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 2, s->description, -1, SQLITE_STATIC);
      sqlite3_bind_int (upd, 3, (int) s->colour);
      sqlite3_bind_int (upd, 4, (int) s->priority);
      sqlite3_bind_text (upd, 5, s->service_tier, -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 6, s->owner, -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 7, s->objective, -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 8, s->tactics, -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 9, s->quadrant_override, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (upd, 10, s->id);
      if (!_sc_store_step_done (store, upd, error))
        goto fail;
    }
  if (!record_lineage (store, new_run, old_run->id, "rerun", previous, result->overlap, error) ||
      !sc_store_commit (store, error))
    goto fail;

  result->names = g_new0 (char *, n_new + 1);
  for (guint j = 0; j < n_new; j++)
    result->names[j] = g_strdup (new_run->segments[j].name);
  result->previous_names = g_new0 (char *, n_old + 1);
  for (guint o = 0; o < n_old; o++)
    result->previous_names[o] = g_strdup (old_run->segments[o].name);
  return g_steal_pointer (&result);

fail:
  sc_store_rollback (store);
  return NULL;
}

/**
 * sc_carry_over_load:
 * @run: a run id
 *
 * What the run kept of the run before it, as recorded when it was made. A run made before
 * any other has no previous run: @previous_run is 0 and every segment is unmatched.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with @error set
 */
ScCarryOver *
sc_carry_over_load (ScStore  *store,
                    gint64    run,
                    GError  **error)
{
  g_autoptr(ScCarryOver) result = g_new0 (ScCarryOver, 1);
  g_autoptr(sqlite3_stmt) hist = NULL;
  g_autoptr(sqlite3_stmt) segs = NULL;
  g_autoptr(sqlite3_stmt) prev = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint));
  g_autoptr(GArray) overlaps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) prev_names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  result->run = run;
  if (!_sc_store_prepare (store, "SELECT previous, kind FROM run_history WHERE run = ?",
                          &hist, error))
    return NULL;
  sqlite3_bind_int64 (hist, 1, run);
  rc = sqlite3_step (hist);
  if (rc == SQLITE_ROW)
    {
      result->previous_run = sqlite3_column_int64 (hist, 0);
      result->scored = g_strcmp0 ((const char *) sqlite3_column_text (hist, 1), "score") == 0;
    }
  else if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (store, error);
      return NULL;
    }

  if (!_sc_store_prepare (store, "SELECT s.name, p.position, l.overlap FROM segments s "
                          "LEFT JOIN segment_lineage l ON l.segment = s.id "
                          "LEFT JOIN segments p ON p.id = l.previous AND p.run = ?2 "
                          "WHERE s.run = ?1 ORDER BY s.position", &segs, error))
    return NULL;
  sqlite3_bind_int64 (segs, 1, run);
  sqlite3_bind_int64 (segs, 2, result->previous_run);
  while ((rc = sqlite3_step (segs)) == SQLITE_ROW)
    {
      gint pos = sqlite3_column_type (segs, 1) == SQLITE_NULL ? -1 : sqlite3_column_int (segs, 1);
      double ov = sqlite3_column_double (segs, 2);

      g_ptr_array_add (names, column_dup (segs, 0));
      g_array_append_val (positions, pos);
      g_array_append_val (overlaps, ov);
    }
  if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (store, error);
      return NULL;
    }

  if (!_sc_store_prepare (store, "SELECT name FROM segments WHERE run = ? ORDER BY position",
                          &prev, error))
    return NULL;
  sqlite3_bind_int64 (prev, 1, result->previous_run);
  while ((rc = sqlite3_step (prev)) == SQLITE_ROW)
    g_ptr_array_add (prev_names, column_dup (prev, 0));
  if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (store, error);
      return NULL;
    }

  result->n_segments = names->len;
  g_ptr_array_add (names, NULL);
  result->names = (char **) g_ptr_array_steal (names, NULL);
  result->n_previous = prev_names->len;
  g_ptr_array_add (prev_names, NULL);
  result->previous_names = (char **) g_ptr_array_steal (prev_names, NULL);
  result->previous_position = g_new (gint, MAX (result->n_segments, 1));
  result->overlap = g_new (double, MAX (result->n_segments, 1));
  if (result->n_segments > 0)
    {
      memcpy (result->previous_position, positions->data, sizeof (gint) * result->n_segments);
      memcpy (result->overlap, overlaps->data, sizeof (double) * result->n_segments);
    }
  result->previous_matched = g_new0 (gboolean, MAX (result->n_previous, 1));
  for (guint j = 0; j < result->n_segments; j++)
    if (result->previous_position[j] >= 0 &&
        (guint) result->previous_position[j] < result->n_previous)
      result->previous_matched[result->previous_position[j]] = TRUE;
  return g_steal_pointer (&result);
}

