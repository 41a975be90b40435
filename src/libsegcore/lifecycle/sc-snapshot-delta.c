/* sc-snapshot-delta.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Snapshots stored as deltas.
 *
 * Most customers look the same in two snapshots taken a few weeks apart: no new order, the
 * same segment. So a snapshot's per-customer data (labels, features, recent revenue and
 * orders) is stored as a delta of a "base", the latest snapshot stored whole
 * (sc-store-codec-delta.c: the positions that differ and the values there, each column
 * whole when that is smaller). A base is itself never a delta, so reading any snapshot reads
 * at most two rows, however many were taken. A snapshot is stored whole — and becomes the
 * base of the next ones — when its delta would take at least half of what the base takes
 * (a whole copy is about that large), which keeps deltas against an old base from growing
 * without end.
 *
 * Recency (as_of − the last order's day) moves with the as-of day for every customer, so
 * the delta compares the last order's day, as_of − recency, instead; that is kept only when
 * it gives each recency back bit for bit, which whole days always do.
 *
 * Deleting a base first re-bases its dependants in the same transaction: the first becomes
 * whole, the others deltas of it (sc_snapshot_delete). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "sc-snapshot-private.h"
#include "sc-store-codec-private.h"
#include "sc-store-private.h"

/* The per-customer columns of a snapshot row, in this order: what each value is and how
 * many arrays of n_customers values the column holds. */
enum
{
  COL_LABELS,
  COL_FEATURES,
  COL_REVENUE,
  COL_ORDERS,
  N_COLS
};

static const struct
{
  gsize elem_size;
  guint n_arrays;
} columns[N_COLS] = {
  [COL_LABELS] = { sizeof (guint16), 1 },
  [COL_FEATURES] = { sizeof (double), SC_SNAPSHOT_N_FEATURES },
  [COL_REVENUE] = { sizeof (double), 1 },
  [COL_ORDERS] = { sizeof (double), 1 },
};

/* A snapshot's per-customer data as the delta compares it: recency as the last order's day.
 * The features are always its own; the other columns only when @owns. */
typedef struct
{
  gsize     n;
  void     *col[N_COLS];
  gboolean  owns;
  gsize     stored_len;  /* a base's: the bytes of its columns as stored */
} Frame;

static void
frame_clear (Frame *f)
{
  for (guint c = 0; c < N_COLS; c++)
    if (f->owns || c == COL_FEATURES)
      g_free (f->col[c]);
  memset (f, 0, sizeof *f);
}

/* The columns of @snap, where it keeps them (orders may be %NULL). */
static void
snapshot_columns (const ScSnapshot *snap,
                  void             *col[N_COLS])
{
  col[COL_LABELS] = snap->labels;
  col[COL_FEATURES] = snap->features[0];
  col[COL_REVENUE] = snap->revenue;
  col[COL_ORDERS] = snap->orders;
}

/* Recency ↔ the last order's day: x ↦ as_of − x, its own inverse. */
static void
swap_recency (double *features,
              gsize   n,
              ScDay   as_of)
{
  for (gsize i = 0; i < n; i++)
    features[SC_SNAPSHOT_RECENCY * n + i] = (double) as_of - features[SC_SNAPSHOT_RECENCY * n + i];
}

/* @snap as a frame, or %FALSE when some recency would not come back bit for bit. */
static gboolean
frame_from_snapshot (const ScSnapshot *snap,
                     Frame            *f)
{
  gsize n = snap->n_customers;
  double *by_day;

  f->n = n;
  f->owns = FALSE;
  snapshot_columns (snap, f->col);
  by_day = g_memdup2 (snap->features[0], sizeof (double) * SC_SNAPSHOT_N_FEATURES * MAX (n, 1));
  f->col[COL_FEATURES] = by_day;
  swap_recency (by_day, n, snap->as_of);
  for (gsize i = 0; i < n; i++)
    {
      double back = (double) snap->as_of - by_day[SC_SNAPSHOT_RECENCY * n + i];

      if (memcmp (&back, &snap->features[SC_SNAPSHOT_RECENCY][i], sizeof back) != 0)
        {
          frame_clear (f);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
damaged (ScStore  *store,
         gint64    id,
         GError  **error)
{
  g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
               _("“%s” is damaged: snapshot %" PRId64 " could not be read."),
               sc_store_get_path (store), id);
  return FALSE;
}

/* Reads base snapshot @id, which must be stored whole with its orders. */
static gboolean
read_base (ScStore  *store,
           gint64    id,
           Frame    *f,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  ScDay as_of;
  int rc;

  if (!_sc_store_prepare (store, "SELECT n_customers, as_of, labels, customer_features, "
                          "revenue, orders FROM snapshots WHERE id = ? AND base IS NULL "
                          "AND orders IS NOT NULL", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return damaged (store, id, error);
  if (!_sc_store_expect (store, rc, SQLITE_ROW, error))
    return FALSE;
  f->n = (gsize) MIN (MAX (sqlite3_column_int64 (stmt, 0), 0), G_MAXUINT32);
  as_of = sqlite3_column_int (stmt, 1);
  f->owns = TRUE;
  for (guint c = 0; c < N_COLS; c++)
    {
      gsize count = columns[c].n_arrays * f->n;

      f->col[c] = g_malloc (columns[c].elem_size * MAX (count, 1));
      f->stored_len += (gsize) sqlite3_column_bytes (stmt, 2 + c);
      if (!_sc_store_column_copy (stmt, 2 + c, columns[c].elem_size, count, f->col[c]))
        {
          frame_clear (f);
          return damaged (store, id, error);
        }
    }
  swap_recency (f->col[COL_FEATURES], f->n, as_of);
  return TRUE;
}

/* The snapshot id @sql (one parameter, @arg) selects; 0 when none, -1 on error. */
static gint64
query_id (ScStore     *store,
          const char  *sql,
          gint64       arg,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_sc_store_prepare (store, sql, &stmt, error))
    return -1;
  sqlite3_bind_int64 (stmt, 1, arg);
  rc = sqlite3_step (stmt);
  if (!_sc_store_expect (store, rc, SQLITE_ROW, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* The blobs of @cur as deltas of @base, or %FALSE when they would take at least half of
 * what the base takes (store it whole then: it is about as large as the base). */
static gboolean
pack_deltas (const Frame *cur,
             const Frame *base,
             GByteArray  *blobs[N_COLS])
{
  gsize len = 0;

  for (guint c = 0; c < N_COLS; c++)
    {
      blobs[c] = _sc_blob_pack_delta (cur->col[c], cur->n, base->col[c], base->n,
                                      columns[c].elem_size, columns[c].n_arrays);
      len += blobs[c]->len;
    }
  if (2 * len < base->stored_len)
    return TRUE;
  for (guint c = 0; c < N_COLS; c++)
    g_clear_pointer (&blobs[c], g_byte_array_unref);
  return FALSE;
}

/* Writes @snap's per-customer data into its row: a delta of snapshot @base_id (0: the latest
 * base; -1: none, store it whole) when that is small enough, else whole. */
gboolean
_sc_snapshot_store_data (ScStore           *store,
                         const ScSnapshot  *snap,
                         gint64             base_id,
                         GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GByteArray *whole[N_COLS] = { NULL };
  GByteArray *delta[N_COLS] = { NULL };
  GByteArray **blobs = delta;
  Frame cur = { 0 }, base = { 0 };
  void *col[N_COLS];
  gboolean ok = FALSE;

  /* The latest snapshot stored whole with its orders. */
  if (base_id == 0 &&
      (base_id = query_id (store, "SELECT coalesce (max (id), 0) FROM snapshots WHERE base "
                           "IS NULL AND orders IS NOT NULL AND id != ?", snap->id, error)) < 0)
    goto out;
  /* A snapshot without orders (read from before they were kept) is stored whole. */
  if (base_id > 0 && snap->orders != NULL && frame_from_snapshot (snap, &cur))
    {
      if (!read_base (store, base_id, &base, error))
        goto out;
      if (!pack_deltas (&cur, &base, delta))
        blobs = whole;
    }
  else
    blobs = whole;
  snapshot_columns (snap, col);
  for (guint c = 0; c < N_COLS && blobs == whole; c++)
    if (col[c] != NULL)
      whole[c] = _sc_blob_pack_or_copy (col[c], columns[c].elem_size,
                                        columns[c].n_arrays * (gsize) snap->n_customers);

  if (!_sc_store_prepare (store, "UPDATE snapshots SET base = ?, labels = ?, "
                          "customer_features = ?, revenue = ?, orders = ? WHERE id = ?",
                          &stmt, error))
    goto out;
  if (blobs == delta)
    sqlite3_bind_int64 (stmt, 1, base_id);
  for (guint c = 0; c < N_COLS; c++)
    if (blobs[c] != NULL)
      sqlite3_bind_blob64 (stmt, 2 + c, blobs[c]->len > 0 ? (const void *) blobs[c]->data : "",
                           blobs[c]->len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, snap->id);
  ok = _sc_store_step_done (store, stmt, error);

out:
  for (guint c = 0; c < N_COLS; c++)
    {
      g_clear_pointer (&whole[c], g_byte_array_unref);
      g_clear_pointer (&delta[c], g_byte_array_unref);
    }
  frame_clear (&cur);
  frame_clear (&base);
  return ok;
}

/* Fills @snap's per-customer arrays (allocated, n_customers set) from the delta blobs in
 * columns @first … @first + 3 of @stmt against snapshot @base_id. */
gboolean
_sc_snapshot_read_delta (ScStore       *store,
                         sqlite3_stmt  *stmt,
                         int            first,
                         gint64         base_id,
                         ScSnapshot    *snap,
                         GError       **error)
{
  Frame base = { 0 };
  void *col[N_COLS];
  gboolean ok = TRUE;

  if (snap->orders == NULL)
    return damaged (store, snap->id, error);
  if (!read_base (store, base_id, &base, error))
    return FALSE;
  snapshot_columns (snap, col);
  for (guint c = 0; c < N_COLS && ok; c++)
    ok = _sc_blob_unpack_delta (sqlite3_column_blob (stmt, first + (int) c),
                                (gsize) sqlite3_column_bytes (stmt, first + (int) c),
                                base.col[c], base.n, columns[c].elem_size,
                                columns[c].n_arrays, snap->n_customers, col[c]);
  frame_clear (&base);
  if (!ok)
    return damaged (store, snap->id, error);
  swap_recency (snap->features[0], snap->n_customers, snap->as_of);
  return TRUE;
}

/* Before snapshot @id is deleted: its dependants become the first one whole and the others
 * deltas of it. Inside the caller's transaction. */
gboolean
_sc_snapshot_rebase_dependants (ScStore  *store,
                                gint64    id,
                                GError  **error)
{
  gint64 first = 0, dep;

  /* Each pass takes the oldest snapshot still based on @id, which then is no longer. */
  while ((dep = query_id (store, "SELECT coalesce (min (id), 0) FROM snapshots WHERE base = ?",
                          id, error)) > 0)
    {
      g_autoptr(ScSnapshot) snap = sc_snapshot_load (store, dep, error);

      if (snap == NULL || !_sc_snapshot_store_data (store, snap, first > 0 ? first : -1, error))
        return FALSE;
      if (first == 0)
        first = dep;
    }
  return dep == 0;
}
