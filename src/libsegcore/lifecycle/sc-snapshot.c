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
#include "sc-pushdown.h"
#include "sc-store-codec-private.h"
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
  g_free (snapshot->orders);
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
  "s.service_tier, s.owner, s.objective, s.tactics, s.profile, s.kind"

static void
read_segment_columns (sqlite3_stmt      *stmt,
                      int                first,
                      ScSnapshotSegment *s)
{
  int c = first;

  s->segment = sqlite3_column_int64 (stmt, c++);
  s->position = (guint) sqlite3_column_int (stmt, c++);
  s->name = _sc_store_column_dup (stmt, c++);
  s->suggested_name = _sc_store_column_dup (stmt, c++);
  s->description = _sc_store_column_dup (stmt, c++);
  s->colour = (guint) sqlite3_column_int (stmt, c++);
  s->is_outliers = sqlite3_column_int (stmt, c++) != 0;
  s->size = (guint64) sqlite3_column_int64 (stmt, c++);
  s->share = _sc_store_column_double (stmt, c++);
  s->revenue = _sc_store_column_double (stmt, c++);
  s->revenue_share = _sc_store_column_double (stmt, c++);
  s->recency = _sc_store_column_double (stmt, c++);
  s->frequency = _sc_store_column_double (stmt, c++);
  s->monetary = _sc_store_column_double (stmt, c++);
  s->value = _sc_store_column_double (stmt, c++);
  s->potential = _sc_store_column_double (stmt, c++);
  s->p_alive = _sc_store_column_double (stmt, c++);
  s->quadrant = _sc_store_column_dup (stmt, c++);
  s->quadrant_override = _sc_store_column_dup (stmt, c++);
  s->priority = sqlite3_column_int (stmt, c++);
  s->service_tier = _sc_store_column_dup (stmt, c++);
  s->owner = _sc_store_column_dup (stmt, c++);
  s->objective = _sc_store_column_dup (stmt, c++);
  s->tactics = _sc_store_column_dup (stmt, c++);
  s->profile = _sc_store_column_dup (stmt, c++);
  s->kind = sc_segment_kind_from_string ((const char *) sqlite3_column_text (stmt, c++));
}

/* Steps @stmt, whose rows hold read_segment_columns()' columns, the origin and, with @recent,
 * the recent revenue, orders and churn, into @snap's segments. */
static gboolean
read_segments (ScStore       *store,
               sqlite3_stmt  *stmt,
               gboolean       recent,
               ScSnapshot    *snap,
               GError       **error)
{
  g_autoptr(GArray) segments = g_array_new (FALSE, TRUE, sizeof (ScSnapshotSegment));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScSnapshotSegment s = { 0 };

      read_segment_columns (stmt, 0, &s);
      s.origin = sqlite3_column_int64 (stmt, 26);
      if (recent)
        {
          s.recent_revenue = _sc_store_column_double (stmt, 27);
          s.recent_orders = _sc_store_column_double (stmt, 28);
          s.churn = _sc_store_column_double (stmt, 29);
        }
      g_array_append_val (segments, s);
    }
  snap->n_segments = segments->len;
  snap->segments = (ScSnapshotSegment *) g_array_free (g_steal_pointer (&segments), FALSE);
  return _sc_store_expect (store, rc, SQLITE_DONE, error);
}

static gboolean
load_run_segments (ScStore     *store,
                   gint64       run,
                   ScSnapshot  *snap,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (store, "SELECT " SEGMENT_COLUMNS ", coalesce (l.origin, s.id) "
                          "FROM segments s LEFT JOIN segment_lineage l ON l.segment = s.id "
                          "WHERE s.run = ? ORDER BY s.position", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run);
  return read_segments (store, stmt, FALSE, snap, error);
}

static gboolean
positions_are_dense (const ScSnapshot *snap)
{
  for (guint i = 0; i < snap->n_segments; i++)
    if (snap->segments[i].position != i)
      return FALSE;
  return TRUE;
}

G_STATIC_ASSERT (SC_PUSHDOWN_RECENT_DAYS == SC_SNAPSHOT_WINDOW_DAYS);

static inline double
recency_at (ScDay as_of,
            ScDay last_day)
{
  return last_day == SC_DAY_NONE ? NAN : (double) as_of - (double) last_day;
}

/* The per-customer arrays of @snap, n_customers long, allocated and not filled. */
static void
snapshot_alloc_customers (ScSnapshot *snap)
{
  gsize n = snap->n_customers;

  snap->labels = g_new (guint16, MAX (n, 1));
  snap->features[0] = g_new (double, SC_SNAPSHOT_N_FEATURES * MAX (n, 1));
  for (guint f = 1; f < SC_SNAPSHOT_N_FEATURES; f++)
    snap->features[f] = snap->features[0] + f * n;
  snap->revenue = g_new (double, MAX (n, 1));
}

/* The figures of a project whose orders stay in a database (sc-pushdown.h): the stored
 * aggregates and the recent window the server summed, which hold for a run as of the day
 * after the data's last day only.  They are read column by column into the snapshot's own
 * arrays, through one scratch array for the integer columns: scoring holds both runs and
 * the earlier snapshot meanwhile, and a refresh's peak memory is here (issue 22). */
static gboolean
pushdown_figures (ScStore     *store,
                  ScDay        last_day,
                  ScSnapshot  *snap,
                  GError     **error)
{
  guint32 n = snap->n_customers;
  /* ScDay and guint32 have the same size; the scratch holds one column at a time. */
  g_autofree guint32 *scratch = g_new (guint32, MAX (n, 1));
  ScDay *days = (ScDay *) scratch;
  ScAggregates part = { .n = n };

  if (snap->as_of != last_day + 1)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The orders of this project stay in the database, which summed them as "
                     "of the day after the last order; segments as of another day cannot be "
                     "frozen. Import again with the orders copied (--copy-transactions)."));
      return FALSE;
    }

  for (guint32 i = 0; i < n; i++)
    days[i] = SC_DAY_NONE;
  memset (snap->features[SC_SNAPSHOT_MONETARY], 0, sizeof (double) * n);
  part.last_day = days;
  part.monetary = snap->features[SC_SNAPSHOT_MONETARY];
  if (!sc_store_load_aggregates_into (store, &part, error))
    return FALSE;
  for (guint32 i = 0; i < n; i++)
    snap->features[SC_SNAPSHOT_RECENCY][i] = recency_at (snap->as_of, days[i]);

  memset (scratch, 0, sizeof (guint32) * n);
  part = (ScAggregates) { .n = n, .n_orders = scratch };
  if (!sc_store_load_aggregates_into (store, &part, error))
    return FALSE;
  for (guint32 i = 0; i < n; i++)
    snap->features[SC_SNAPSHOT_FREQUENCY][i] = scratch[i];

  if (!_sc_pushdown_load_recent (store, n, snap->revenue, scratch, error))
    return FALSE;
  snap->orders = g_new (double, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    snap->orders[i] = scratch[i];
  return TRUE;
}

/* The figures of a project that keeps its orders, recomputed from the rows before the
 * as-of day. */
static gboolean
transaction_figures (ScStore       *store,
                     ScSnapshot    *snap,
                     GCancellable  *cancellable,
                     GError       **error)
{
  guint32 n_store = sc_store_get_n_customers (store);
  guint32 n = snap->n_customers;
  g_autoptr(ScTransactions) tx = NULL;
  g_autoptr(ScTransactions) window = NULL;
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(ScAggregates) recent = NULL;

  /* Rows on or after the as-of day came later: the run never saw them. */
  tx = sc_store_load_transactions (store, n_store, snap->as_of - 1, cancellable, error);
  if (tx == NULL)
    return FALSE;
  agg = sc_aggregates_compute (tx);
  window = window_transactions (tx, snap->as_of - SC_SNAPSHOT_WINDOW_DAYS);
  g_clear_pointer (&tx, sc_transactions_free);
  recent = sc_aggregates_compute (window);
  g_clear_pointer (&window, sc_transactions_free);
  if (agg == NULL || recent == NULL || agg->n < n_store || recent->n < n_store)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: its transactions could not be read."),
                   sc_store_get_path (store));
      return FALSE;
    }

  snap->orders = g_new (double, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    {
      snap->features[SC_SNAPSHOT_RECENCY][i] = recency_at (snap->as_of, agg->last_day[i]);
      snap->features[SC_SNAPSHOT_FREQUENCY][i] = agg->n_orders[i];
      snap->features[SC_SNAPSHOT_MONETARY][i] = agg->monetary[i];
      snap->revenue[i] = recent->monetary[i];
      snap->orders[i] = (double) recent->n_orders[i];
    }
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
  g_autofree double *recent_revenue = NULL;
  g_autofree guint64 *recent_orders = NULL;
  g_autofree guint64 *churned = NULL;
  g_autofree guint64 *sizes = NULL;
  guint32 n;
  ScDay pushdown_last_day;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (run != NULL, NULL);

  n = run->n_customers;
  if (n > sc_store_get_n_customers (store))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segmentation names unknown customers."),
                   sc_store_get_path (store));
      return NULL;
    }
  if (!_sc_pushdown_get_last_day (store, &pushdown_last_day, error))
    return NULL;

  snap = g_new0 (ScSnapshot, 1);
  snap->run = run->id;
  snap->as_of = run->params.as_of;
  snap->n_customers = n;
  snapshot_alloc_customers (snap);
  if (pushdown_last_day != SC_DAY_NONE
      ? !pushdown_figures (store, pushdown_last_day, snap, error)
      : !transaction_figures (store, snap, cancellable, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  snap->created_at = _sc_run_now ();
  memcpy (snap->labels, run->labels, sizeof (guint16) * n);

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
      recent_revenue[l] += snap->revenue[i];
      recent_orders[l] += (guint64) snap->orders[i];
      churned[l] += snap->orders[i] == 0;
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
  gboolean ok = FALSE;

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
  /* The per-customer data follows, whole or as a delta of an earlier snapshot. */
  if (!_sc_store_prepare (store,
                          "INSERT INTO snapshots (created_at, label, auto, run, as_of, features, k, "
                          "outlier_z, transform, centroids, n_customers, n_segmented, labels, "
                          "customer_features, revenue) SELECT ?1, ?2, ?3, ?4, ?5, r.features, "
                          "r.k, r.outlier_z, r.transform, r.centroids, ?6, ?7, x'', x'', x'' "
                          "FROM (SELECT 1) LEFT JOIN runs r ON r.id = ?4", &stmt, error))
    goto out;
  sqlite3_bind_text (stmt, 1, snap->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, snap->label, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, auto_taken);
  sqlite3_bind_int64 (stmt, 4, snap->run);
  sqlite3_bind_int (stmt, 5, snap->as_of);
  sqlite3_bind_int64 (stmt, 6, (gint64) n);
  sqlite3_bind_int64 (stmt, 7, (gint64) n_segmented);
  if (!_sc_store_step_done (store, stmt, error))
    goto out;
  snap->id = _sc_store_last_insert_id (store);
  if (!_sc_snapshot_store_data (store, snap, 0, error))
    goto out;

  if (!_sc_store_prepare (store,
                          "INSERT INTO snapshot_segments (snapshot, position, segment, origin, name, "
                          "suggested_name, description, colour, is_outliers, size, share, revenue, "
                          "revenue_share, recency, frequency, monetary, value, potential, p_alive, "
                          "quadrant, quadrant_override, priority, service_tier, owner, objective, "
                          "tactics, profile, recent_revenue, recent_orders, churn, kind) VALUES "
                          "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          &seg, error))
    goto out;
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
      _sc_store_bind_double (seg, 11, s->share);
      _sc_store_bind_double (seg, 12, s->revenue);
      _sc_store_bind_double (seg, 13, s->revenue_share);
      _sc_store_bind_double (seg, 14, s->recency);
      _sc_store_bind_double (seg, 15, s->frequency);
      _sc_store_bind_double (seg, 16, s->monetary);
      _sc_store_bind_double (seg, 17, s->value);
      _sc_store_bind_double (seg, 18, s->potential);
      _sc_store_bind_double (seg, 19, s->p_alive);
      sqlite3_bind_text (seg, 20, s->quadrant, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 21, s->quadrant_override, -1, SQLITE_STATIC);
      sqlite3_bind_int (seg, 22, s->priority);
      sqlite3_bind_text (seg, 23, s->service_tier, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 24, s->owner, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 25, s->objective, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 26, s->tactics, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 27, s->profile, -1, SQLITE_STATIC);
      _sc_store_bind_double (seg, 28, s->recent_revenue);
      _sc_store_bind_double (seg, 29, s->recent_orders);
      _sc_store_bind_double (seg, 30, s->churn);
      sqlite3_bind_text (seg, 31, sc_segment_kind_to_string (s->kind), -1, SQLITE_STATIC);
      if (!_sc_store_step_done (store, seg, error))
        goto out;
    }

  ok = TRUE;

out:
  if (sc_store_end (store, ok, error))
    return TRUE;
  snap->id = 0;
  return FALSE;
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
  gsize n;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  if (!_sc_store_prepare (store, "SELECT id, created_at, label, auto, run, as_of, n_customers, "
                          "labels, customer_features, revenue, orders, base FROM snapshots "
                          "WHERE id = ?",
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
  if (!_sc_store_expect (store, rc, SQLITE_ROW, error))
    return NULL;

  snap = g_new0 (ScSnapshot, 1);
  snap->id = sqlite3_column_int64 (stmt, 0);
  snap->created_at = _sc_store_column_dup (stmt, 1);
  snap->label = _sc_store_column_dup (stmt, 2);
  snap->auto_taken = sqlite3_column_int (stmt, 3) != 0;
  snap->run = sqlite3_column_int64 (stmt, 4);
  snap->as_of = sqlite3_column_int (stmt, 5);
  n = (gsize) MIN (MAX (sqlite3_column_int64 (stmt, 6), 0), G_MAXUINT32);
  snap->n_customers = (guint32) n;
  snapshot_alloc_customers (snap);
  if (sqlite3_column_type (stmt, 10) != SQLITE_NULL)
    snap->orders = g_new (double, MAX (n, 1));
  if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
    {
      if (!_sc_snapshot_read_delta (store, stmt, 7, sqlite3_column_int64 (stmt, 11), snap,
                                    error))
        return NULL;
    }
  else if (!_sc_store_column_copy (stmt, 7, sizeof (guint16), n, snap->labels) ||
           !_sc_store_column_copy (stmt, 8, sizeof (double), SC_SNAPSHOT_N_FEATURES * n,
                                   snap->features[0]) ||
           !_sc_store_column_copy (stmt, 9, sizeof (double), n, snap->revenue) ||
           (snap->orders != NULL &&
            !_sc_store_column_copy (stmt, 10, sizeof (double), n, snap->orders)))
    {
      _sc_snapshot_damaged (store, id, error);
      return NULL;
    }

  if (!_sc_store_prepare (store,
                          "SELECT segment, position, name, suggested_name, description, colour, "
                          "is_outliers, size, share, revenue, revenue_share, recency, frequency, "
                          "monetary, value, potential, p_alive, quadrant, quadrant_override, "
                          "priority, service_tier, owner, objective, tactics, profile, kind, "
                          "origin, recent_revenue, recent_orders, churn FROM snapshot_segments "
                          "WHERE snapshot = ? ORDER BY position", &seg, error))
    return NULL;
  sqlite3_bind_int64 (seg, 1, id);
  if (!read_segments (store, seg, TRUE, snap, error))
    return NULL;
  if (!positions_are_dense (snap))
    {
      _sc_snapshot_damaged (store, id, error);
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
      info.created_at = _sc_store_column_dup (stmt, 1);
      info.label = _sc_store_column_dup (stmt, 2);
      info.run = sqlite3_column_int64 (stmt, 3);
      info.as_of = sqlite3_column_int (stmt, 4);
      info.auto_taken = sqlite3_column_int (stmt, 5) != 0;
      info.n_segmented = (guint64) sqlite3_column_int64 (stmt, 6);
      info.n_segments = (guint) sqlite3_column_int (stmt, 7);
      g_array_append_val (result, info);
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return FALSE;
  *infos = g_steal_pointer (&result);
  return TRUE;
}

/**
 * sc_snapshot_delete:
 *
 * The snapshots stored as deltas of this one are re-based first, in the same transaction.
 *
 * Returns: %TRUE when the snapshot was deleted; %FALSE with %SC_ERROR_INVALID_INPUT when
 *   there is no such snapshot
 */
gboolean
sc_snapshot_delete (ScStore  *store,
                    gint64    id,
                    GError  **error)
{
  gint64 deleted = -1;

  g_return_val_if_fail (store != NULL, FALSE);

  if (!sc_store_begin (store, error))
    return FALSE;
  if (_sc_snapshot_rebase_dependants (store, id, error))
    deleted = _sc_store_exec_id (store, "DELETE FROM snapshots WHERE id = ?", id, error);
  if (deleted == 0)
    g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                 _("There is no snapshot %" PRId64 " in “%s”."), id, sc_store_get_path (store));
  return sc_store_end (store, deleted > 0, error);
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
  if (!_sc_store_expect (store, rc, SQLITE_ROW, error))
    return -1;
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
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScSnapshot) snap = NULL;

  g_return_val_if_fail (store != NULL, -1);

  run = _sc_run_load_current_or (store, _("The project has no segments yet: segment it first."),
                                 error);
  if (run == NULL)
    return -1;
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
