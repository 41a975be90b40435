/* sc-store-transactions.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Transactions are stored in chunks of up to 65,536 rows, each column a little-endian array,
 * written with one INSERT per chunk inside the import's transaction and read back in one
 * sequential scan; loading groups them by customer in memory (a counting sort) instead of
 * keeping an index on disk. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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
      sqlite3_bind_blob64 (stmt, 3, customer + start, sizeof (guint32) * len, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 4, day + start, sizeof (ScDay) * len, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 5, amount + start, sizeof (double) * len, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 6, order_no, sizeof (guint32) * len, SQLITE_STATIC);
      if (order_keys != NULL)
        sqlite3_bind_blob64 (stmt, 7, keys->str, keys->len, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 7);
      if (cost != NULL)
        sqlite3_bind_blob64 (stmt, 8, cost + start, sizeof (double) * len, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 8);
      if (!_sc_store_step_done (self, stmt, error))
        return FALSE;

      if (progress != NULL)
        progress ((double) (start + len) / n, NULL, progress_data);
    }
  return TRUE;
}

/* Whether the chunk row of @stmt (n, customer, day, amount, then order numbers when
 * @with_orders) holds @len values in each blob, and @fits where the caller puts them;
 * otherwise the project is damaged. */
static gboolean
check_chunk (ScStore       *self,
             sqlite3_stmt  *stmt,
             gsize          len,
             gboolean       with_orders,
             gboolean       fits,
             GError       **error)
{
  if (fits &&
      (gsize) sqlite3_column_bytes (stmt, 1) == len * sizeof (guint32) &&
      (gsize) sqlite3_column_bytes (stmt, 2) == len * sizeof (ScDay) &&
      (gsize) sqlite3_column_bytes (stmt, 3) == len * sizeof (double) &&
      (!with_orders || (gsize) sqlite3_column_bytes (stmt, 4) == len * sizeof (guint32)))
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
  int rc;

  if (!_sc_store_prepare (self, "SELECT n, customer, day, amount, order_keys "
                          "FROM transaction_chunks ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize len = (gsize) sqlite3_column_int64 (stmt, 0);
      const char *c = sqlite3_column_blob (stmt, 1);
      const char *d = sqlite3_column_blob (stmt, 2);
      const char *a = sqlite3_column_blob (stmt, 3);
      const char *k = sqlite3_column_blob (stmt, 4);
      const char *k_end = k + sqlite3_column_bytes (stmt, 4);

      if (!check_chunk (self, stmt, len, FALSE, TRUE, error))
        return FALSE;
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
  gsize n = 0;
  int rc;

  if (!_sc_store_prepare (self, "SELECT n, customer, day, amount, order_no "
                          "FROM transaction_chunks ORDER BY id", &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize len = (gsize) sqlite3_column_int64 (stmt, 0);
      const guint32 *c = sqlite3_column_blob (stmt, 1);
      const ScDay *d = sqlite3_column_blob (stmt, 2);
      const double *a = sqlite3_column_blob (stmt, 3);
      const guint32 *o = sqlite3_column_blob (stmt, 4);

      if (!check_chunk (self, stmt, len, TRUE, n + len <= total, error))
        return NULL;

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
