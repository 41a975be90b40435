/* sc-store-transactions.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Transactions are stored in chunks of up to 65,536 rows, each column a packed blob (or, in
 * projects saved before packing, a little-endian array; sc-store-codec.c), written with one
 * INSERT per chunk inside the import's transaction and read back in one sequential scan;
 * loading groups them by customer in memory (a counting sort) instead of keeping an index
 * on disk. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-store-codec-private.h"
#include "sc-store-private.h"

#define CHUNK_ROWS 65536

gboolean
_sc_store_insert_transactions (ScStore             *self,
                               guint64              import_id,
                               gsize                n,
                               const guint32       *customer,
                               const ScDay         *day,
                               const double        *amount,
                               const double        *cost,
                               const guint32       *order,
                               guint32              order_base,
                               const ScInterner    *order_keys,
                               GCancellable        *cancellable,
                               ScProgressFunc       progress,
                               gpointer             progress_data,
                               GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint32 *order_no = g_new (guint32, MIN (n, CHUNK_ROWS) + 1);
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autoptr(GByteArray) keep_customer = NULL;
  g_autoptr(GByteArray) keep_day = NULL;
  g_autoptr(GByteArray) keep_amount = NULL;
  g_autoptr(GByteArray) keep_order = NULL;
  g_autoptr(GByteArray) keep_keys = NULL;
  g_autoptr(GByteArray) keep_cost = NULL;

  if (!_sc_store_prepare (self, "INSERT INTO transaction_chunks (import, n, customer, day, "
                          "amount, order_no, order_keys, cost) VALUES (?,?,?,?,?,?,?,?)", &stmt,
                          error))
    return FALSE;

  for (gsize start = 0; start < n; start += CHUNK_ROWS)
    {
      gsize len = MIN (CHUNK_ROWS, n - start);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_string_truncate (keys, 0);
      for (gsize i = 0; i < len; i++)
        {
          order_no[i] = order_base + order[start + i];
          if (order_keys != NULL)
            {
              const char *k = _sc_interner_key (order_keys, order[start + i]);
              g_string_append_len (keys, k, strlen (k) + 1);
            }
        }

      sqlite3_bind_int64 (stmt, 1, import_id);
      sqlite3_bind_int64 (stmt, 2, len);
      _sc_store_bind_array (stmt, 3, customer + start, sizeof (guint32), len, &keep_customer);
      _sc_store_bind_array (stmt, 4, day + start, sizeof (ScDay), len, &keep_day);
      _sc_store_bind_array (stmt, 5, amount + start, sizeof (double), len, &keep_amount);
      _sc_store_bind_array (stmt, 6, order_no, sizeof (guint32), len, &keep_order);
      if (order_keys != NULL)
        _sc_store_bind_texts (stmt, 7, keys->str, keys->len, len, &keep_keys);
      else
        sqlite3_bind_null (stmt, 7);
      if (cost != NULL)
        _sc_store_bind_array (stmt, 8, cost + start, sizeof (double), len, &keep_cost);
      else
        sqlite3_bind_null (stmt, 8);
      if (!_sc_store_step_done (self, stmt, error))
        return FALSE;

      if (progress != NULL)
        progress ((double) (start + len) / n, NULL, progress_data);
    }
  return TRUE;
}

/* The columns of one chunk row, unpacked where they were packed. */
typedef struct
{
  gsize          len;
  const guint32 *customer;
  const ScDay   *day;
  const double  *amount;
  const guint32 *order;
  const char    *keys;
  gsize          keys_len;
  void          *buf[5];
} Chunk;

static void
chunk_clear (Chunk *chunk)
{
  for (guint i = 0; i < G_N_ELEMENTS (chunk->buf); i++)
    g_clear_pointer (&chunk->buf[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Chunk, chunk_clear)

/* Reads the chunk row of @stmt (n, customer, day, amount, then order numbers when
 * @with_orders, else order keys); %FALSE when a column does not hold n values or @fits is
 * %FALSE (there is no room for them), that is, the project is damaged. Raw columns stay in
 * the row: values may be unaligned, so they are read with memcpy. */
static gboolean
read_chunk (ScStore       *self,
            sqlite3_stmt  *stmt,
            gboolean       with_orders,
            Chunk         *chunk,
            gsize          room,
            GError       **error)
{
  gsize len = (gsize) MAX (0, sqlite3_column_int64 (stmt, 0));

  chunk_clear (chunk);
  chunk->len = len;
  if (len <= room &&
      (chunk->customer = _sc_store_column_array (stmt, 1, sizeof (guint32), len,
                                                 &chunk->buf[0])) != NULL &&
      (chunk->day = _sc_store_column_array (stmt, 2, sizeof (ScDay), len, &chunk->buf[1])) &&
      (chunk->amount = _sc_store_column_array (stmt, 3, sizeof (double), len,
                                               &chunk->buf[2])) != NULL &&
      (with_orders
       ? (chunk->order = _sc_store_column_array (stmt, 4, sizeof (guint32), len,
                                                 &chunk->buf[3])) != NULL
       : _sc_store_column_texts (stmt, 4, len, &chunk->keys, &chunk->keys_len, &chunk->buf[4])))
    return TRUE;
  g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
               _("“%s” is damaged: the transactions could not be read."),
               sc_store_get_path (self));
  return FALSE;
}

gboolean
sc_store_foreach_transaction (ScStore            *self,
                              ScTransactionFunc   func,
                              gpointer            user_data,
                              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(Chunk) chunk = { 0 };
  int rc;

  if (!_sc_store_prepare (self, "SELECT n, customer, day, amount, order_keys "
                          "FROM transaction_chunks ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize len;
      const char *c, *d, *a, *k, *k_end;

      if (!read_chunk (self, stmt, FALSE, &chunk, G_MAXSIZE, error))
        return FALSE;
      len = chunk.len;
      c = (const char *) chunk.customer;
      d = (const char *) chunk.day;
      a = (const char *) chunk.amount;
      k = chunk.keys;
      k_end = k + chunk.keys_len;
      for (gsize i = 0; i < len; i++)
        {
          const char *key = NULL;
          guint32 ci;
          ScDay di;
          double ai;

          memcpy (&ci, c + i * sizeof ci, sizeof ci);
          memcpy (&di, d + i * sizeof di, sizeof di);
          memcpy (&ai, a + i * sizeof ai, sizeof ai);
          if (k != NULL && k < k_end)
            {
              const char *nul = memchr (k, '\0', k_end - k);
              key = k;
              k = nul != NULL ? nul + 1 : k_end;
            }
          func (key, ci, di, ai, user_data);
        }
    }
  if (!_sc_store_expect (self, rc, SQLITE_DONE, error))
    return FALSE;
  return TRUE;
}

void
sc_transactions_free (ScTransactions *tx)
{
  if (tx == NULL)
    return;
  g_free (tx->offsets);
  g_free (tx->day);
  g_free (tx->amount);
  g_free (tx->order);
  g_free (tx);
}

/**
 * sc_store_load_transactions:
 * @until_day: rows after this day are left out (%G_MAXINT32 for all)
 *
 * Returns: (transfer full) (nullable): every transaction, grouped by customer and sorted by
 *   day within a customer
 */
ScTransactions *
sc_store_load_transactions (ScStore       *self,
                            guint32        n_customers,
                            ScDay          until_day,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ScTransactions) tx = g_new0 (ScTransactions, 1);
  guint64 total = sc_store_get_n_transactions (self);
  g_autofree guint32 *cust = g_new (guint32, MAX (total, 1));
  g_autofree ScDay *day = g_new (ScDay, MAX (total, 1));
  g_autofree double *amount = g_new (double, MAX (total, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (total, 1));
  g_auto(Chunk) chunk = { 0 };
  gsize n = 0;
  int rc;

  if (!_sc_store_prepare (self, "SELECT n, customer, day, amount, order_no "
                          "FROM transaction_chunks ORDER BY id", &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize len;
      const guint32 *c;
      const ScDay *d;
      const double *a;
      const guint32 *o;

      if (!read_chunk (self, stmt, TRUE, &chunk, total - n, error))
        return NULL;
      len = chunk.len;
      c = chunk.customer;
      d = chunk.day;
      a = chunk.amount;
      o = chunk.order;

      for (gsize i = 0; i < len; i++)
        {
          /* Blob data is not guaranteed to be aligned for direct loads. */
          guint32 ci;
          ScDay di;
          double ai;
          guint32 oi;

          memcpy (&ci, c + i, sizeof ci);
          memcpy (&di, d + i, sizeof di);
          if (di > until_day)
            continue;
          memcpy (&ai, a + i, sizeof ai);
          memcpy (&oi, o + i, sizeof oi);
          if (ci >= n_customers)
            {
              g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                           _("“%s” is damaged: a transaction names an unknown customer."),
                           sc_store_get_path (self));
              return NULL;
            }
          cust[n] = ci;
          day[n] = di;
          amount[n] = ai;
          order[n] = oi;
          n++;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (!_sc_store_expect (self, rc, SQLITE_DONE, error))
    return NULL;

  tx->n_customers = n_customers;
  _sc_transactions_group (tx, n, cust, day, amount, order);
  return g_steal_pointer (&tx);
}

/* Counting sort by customer, then a per-customer insertion sort by day: most customers have
 * few rows, so that is cheaper than a general sort of all rows. Stable, so rows of one day
 * keep their input order. */
void
_sc_transactions_group (ScTransactions *tx,
                        gsize           n,
                        const guint32  *cust,
                        const ScDay    *day,
                        const double   *amount,
                        const guint32  *order)
{
  g_autofree gsize *next = NULL;
  guint32 nc = tx->n_customers;

  tx->n_rows = n;
  tx->offsets = g_new0 (gsize, (gsize) nc + 1);
  tx->day = g_new (ScDay, MAX (n, 1));
  tx->amount = g_new (double, MAX (n, 1));
  tx->order = order != NULL ? g_new (guint32, MAX (n, 1)) : NULL;

  for (gsize i = 0; i < n; i++)
    tx->offsets[cust[i] + 1]++;
  for (guint32 c = 0; c < nc; c++)
    tx->offsets[c + 1] += tx->offsets[c];

  next = g_memdup2 (tx->offsets, sizeof (gsize) * ((gsize) nc + 1));
  for (gsize i = 0; i < n; i++)
    {
      gsize at = next[cust[i]]++;
      tx->day[at] = day[i];
      tx->amount[at] = amount[i];
      if (order != NULL)
        tx->order[at] = order[i];
    }

  for (guint32 c = 0; c < nc; c++)
    {
      gsize lo = tx->offsets[c], hi = tx->offsets[c + 1];

      for (gsize i = lo + 1; i < hi; i++)
        {
          ScDay d = tx->day[i];
          double a;
          guint32 o;
          gsize j = i;

          if (tx->day[i - 1] <= d)
            continue;
          a = tx->amount[i];
          o = order != NULL ? tx->order[i] : 0;
          while (j > lo && tx->day[j - 1] > d)
            {
              tx->day[j] = tx->day[j - 1];
              tx->amount[j] = tx->amount[j - 1];
              if (order != NULL)
                tx->order[j] = tx->order[j - 1];
              j--;
            }
          tx->day[j] = d;
          tx->amount[j] = a;
          if (order != NULL)
            tx->order[j] = o;
        }
    }
}
