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

/* The per-customer columns of @snap, where it keeps them (orders may be %NULL). */
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

/* Whether swapping @snap's recency to days and back gives each value back bit for bit,
 * so that its features may be swapped in place for the delta and restored after. */
static gboolean
recency_swaps_back (const ScSnapshot *snap)
{
  const double *recency = snap->features[SC_SNAPSHOT_RECENCY];

  for (gsize i = 0; i < snap->n_customers; i++)
    {
      double back = (double) snap->as_of - ((double) snap->as_of - recency[i]);

      if (memcmp (&back, &recency[i], sizeof back) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Sets the error for snapshot @id, whose stored data does not read back; returns %FALSE. */
gboolean
_sc_snapshot_damaged (ScStore  *store,
                      gint64    id,
                      GError  **error)
{
  g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
               _("“%s” is damaged: snapshot %" PRId64 " could not be read."),
               sc_store_get_path (store), id);
  return FALSE;
}

/* A base snapshot, stored whole with its orders, read one column at a time: a decoded
 * column is as large as the snapshot's own, so holding the four at once (and the stored
 * blobs SQLite keeps for the row) was the peak of a refresh (issue 22). */
typedef struct
{
  gint64  id;
  gsize   n;
  ScDay   as_of;
  gsize   stored_len;  /* the bytes of its columns as stored */
} Base;

static gboolean
base_open (ScStore  *store,
           gint64    id,
           Base     *base,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* length() of a blob reads only the record's header. */
  if (!_sc_store_prepare (store, "SELECT n_customers, as_of, ifnull (length (labels), 0) + "
                          "ifnull (length (customer_features), 0) + ifnull (length (revenue), 0) "
                          "+ length (orders) FROM snapshots WHERE id = ? AND base IS NULL AND "
                          "orders IS NOT NULL", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _sc_snapshot_damaged (store, id, error);
  if (!_sc_store_expect (store, rc, SQLITE_ROW, error))
    return FALSE;
  base->id = id;
  base->n = (gsize) MIN (MAX (sqlite3_column_int64 (stmt, 0), 0), G_MAXUINT32);
  base->as_of = sqlite3_column_int (stmt, 1);
  base->stored_len = (gsize) MAX (sqlite3_column_int64 (stmt, 2), 0);
  return TRUE;
}

/* Column @c of @base, decoded (recency as the last order's day); free with g_free(). */
static void *
base_read_column (ScStore     *store,
                  const Base  *base,
                  guint        c,
                  GError     **error)
{
  static const char *const sql[N_COLS] = {
    [COL_LABELS] = "SELECT labels FROM snapshots WHERE id = ?",
    [COL_FEATURES] = "SELECT customer_features FROM snapshots WHERE id = ?",
    [COL_REVENUE] = "SELECT revenue FROM snapshots WHERE id = ?",
    [COL_ORDERS] = "SELECT orders FROM snapshots WHERE id = ?",
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  void *data = NULL;
  const void *values = NULL;
  gsize bytes = columns[c].elem_size * columns[c].n_arrays * base->n;
  int rc;

  if (!_sc_store_prepare (store, sql[c], &stmt, error))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, base->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && !_sc_store_expect (store, rc, SQLITE_ROW, error))
    return NULL;
  /* A packed column is unpacked straight into the array kept. */
  if (rc == SQLITE_ROW)
    values = _sc_blob_array (sqlite3_column_blob (stmt, 0),
                             (gsize) sqlite3_column_bytes (stmt, 0), columns[c].elem_size,
                             columns[c].n_arrays * base->n, &data);
  if (values == NULL)
    {
      _sc_snapshot_damaged (store, base->id, error);
      return NULL;
    }
  if (data == NULL)
    {
      data = g_malloc (MAX (bytes, 1));
      memcpy (data, values, bytes);
    }
  if (c == COL_FEATURES)
    swap_recency (data, base->n, base->as_of);
  return data;
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

/* The blobs of @snap's columns @col (recency as days) as deltas of @base, one base column
 * in memory at a time; %FALSE with @blobs cleared when they would take at least half of
 * what the base takes (store it whole then: it is about as large as the base), or with
 * @error set. */
static gboolean
pack_deltas (ScStore           *store,
             const ScSnapshot  *snap,
             void              *col[N_COLS],
             const Base        *base,
             GByteArray        *blobs[N_COLS],
             GError           **error)
{
  gsize len = 0;

  for (guint c = 0; c < N_COLS && 2 * len < base->stored_len; c++)
    {
      g_autofree void *base_col = base_read_column (store, base, c, error);

      if (base_col == NULL)
        return FALSE;
      blobs[c] = _sc_blob_pack_delta (col[c], snap->n_customers, base_col, base->n,
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
 * base; -1: none, store it whole) when that is small enough, else whole.  @snap's recency
 * is turned into days in place for the delta and back, bit for bit, before this returns. */
gboolean
_sc_snapshot_store_data (ScStore     *store,
                         ScSnapshot  *snap,
                         gint64       base_id,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GByteArray *blobs[N_COLS] = { NULL };
  void *col[N_COLS];
  gboolean is_delta = FALSE, ok = FALSE;

  snapshot_columns (snap, col);
  /* The latest snapshot stored whole with its orders. */
  if (base_id == 0 &&
      (base_id = query_id (store, "SELECT coalesce (max (id), 0) FROM snapshots WHERE base "
                           "IS NULL AND orders IS NOT NULL AND id != ?", snap->id, error)) < 0)
    goto out;
  /* A snapshot without orders (read from before they were kept) is stored whole. */
  if (base_id > 0 && snap->orders != NULL && recency_swaps_back (snap))
    {
      g_autoptr(GError) local_error = NULL;
      Base base = { 0 };

      swap_recency (snap->features[0], snap->n_customers, snap->as_of);
      is_delta = base_open (store, base_id, &base, &local_error) &&
                 pack_deltas (store, snap, col, &base, blobs, &local_error);
      swap_recency (snap->features[0], snap->n_customers, snap->as_of);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto out;
        }
    }
  for (guint c = 0; c < N_COLS && !is_delta; c++)
    if (col[c] != NULL)
      blobs[c] = _sc_blob_pack_or_copy (col[c], columns[c].elem_size,
                                        columns[c].n_arrays * (gsize) snap->n_customers);

  if (!_sc_store_prepare (store, "UPDATE snapshots SET base = ?, labels = ?, "
                          "customer_features = ?, revenue = ?, orders = ? WHERE id = ?",
                          &stmt, error))
    goto out;
  if (is_delta)
    sqlite3_bind_int64 (stmt, 1, base_id);
  for (guint c = 0; c < N_COLS; c++)
    if (blobs[c] != NULL)
      sqlite3_bind_blob64 (stmt, 2 + c, blobs[c]->len > 0 ? (const void *) blobs[c]->data : "",
                           blobs[c]->len, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, snap->id);
  ok = _sc_store_step_done (store, stmt, error);

out:
  for (guint c = 0; c < N_COLS; c++)
    g_clear_pointer (&blobs[c], g_byte_array_unref);
  return ok;
}

/* Fills @snap's per-customer arrays (allocated, n_customers set) from the delta blobs in
 * columns @first … @first + 3 of @stmt against snapshot @base_id, one base column in
 * memory at a time. */
gboolean
_sc_snapshot_read_delta (ScStore       *store,
                         sqlite3_stmt  *stmt,
                         int            first,
                         gint64         base_id,
                         ScSnapshot    *snap,
                         GError       **error)
{
  Base base = { 0 };
  void *col[N_COLS];

  if (snap->orders == NULL)
    return _sc_snapshot_damaged (store, snap->id, error);
  if (!base_open (store, base_id, &base, error))
    return FALSE;
  snapshot_columns (snap, col);
  for (guint c = 0; c < N_COLS; c++)
    {
      g_autofree void *base_col = base_read_column (store, &base, c, error);

      if (base_col == NULL)
        return FALSE;
      if (!_sc_blob_unpack_delta (sqlite3_column_blob (stmt, first + (int) c),
                                  (gsize) sqlite3_column_bytes (stmt, first + (int) c),
                                  base_col, base.n, columns[c].elem_size,
                                  columns[c].n_arrays, snap->n_customers, col[c]))
        return _sc_snapshot_damaged (store, snap->id, error);
    }
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
