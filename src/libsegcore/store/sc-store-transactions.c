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
 * on disk.  An import hands its rows to a writer chunk by chunk as they become final, and
 * the writer's thread packs them while the rest of the file is read; the INSERTs wait for
 * the end, in the importing thread, which owns the connection and the transaction. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-store-codec-private.h"
#include "sc-store-columns-private.h"
#include "sc-store-private.h"
#include "sc-store-tx-writer-private.h"

/* A chunk handed to the writer: its rows (copied), then its column blobs once packed. */
/* The stored columns, in the order of the INSERT's blob parameters. */
enum { COL_CUSTOMER, COL_DAY, COL_AMOUNT, COL_ORDER, COL_KEYS, COL_COST, N_COLS };

static const gsize col_elem_size[N_COLS] = {
  sizeof (guint32), sizeof (ScDay), sizeof (double), sizeof (guint32), 0, sizeof (double)
};

typedef struct
{
  gsize       len;
  char       *rows;               /* the copied rows: each column's bytes back to back */
  gsize       bytes[N_COLS];      /* 0: a column stored as NULL */
  GByteArray *blob[N_COLS];       /* packed, or the raw bytes where packing does not pay */
} TxChunk;

struct _ScTxWriter
{
  guint32      order_base;
  gboolean     with_keys;
  gboolean     with_cost;
  GPtrArray   *chunks;      /* TxChunk, in file order; only this side adds to it */
  GAsyncQueue *queue;       /* chunks to pack, then the writer itself as the end mark */
  GThread     *thread;
  gint         stop;        /* atomic: leave the rest unpacked */
  guint        n_packed;    /* atomic: chunks before it are packed */
  guint        n_stored;    /* chunks before it are inserted */
  gsize        n_rows;      /* rows handed over */
  gsize        rows_stored;
  sqlite3_stmt *insert;
};

static void
tx_chunk_free (TxChunk *c)
{
  g_free (c->rows);
  for (guint i = 0; i < N_COLS; i++)
    g_clear_pointer (&c->blob[i], g_byte_array_unref);
  g_free (c);
}

/* The blobs the chunk is stored as. */
static void
pack_chunk (TxChunk *c)
{
  const char *at = c->rows;

  for (guint i = 0; i < N_COLS; i++)
    if (c->bytes[i] > 0)
      {
        c->blob[i] = _sc_store_pack_blob (at, col_elem_size[i], c->len, c->bytes[i]);
        at += c->bytes[i];
      }
  g_clear_pointer (&c->rows, g_free);
}

/* Packing is most of the cost of storing orders; in a thread of its own it runs while the
 * file is read (the readers leave a core part idle) instead of after it. */
static gpointer
packer (gpointer data)
{
  ScTxWriter *writer = data;
  gpointer item;

  while ((item = g_async_queue_pop (writer->queue)) != writer)
    {
      if (g_atomic_int_get (&writer->stop))
        continue;
      pack_chunk (item);
      /* chunks are packed in the order they came */
      g_atomic_int_inc (&writer->n_packed);
    }
  return NULL;
}

ScTxWriter *
_sc_tx_writer_new (guint32  order_base,
                   gboolean with_keys,
                   gboolean with_cost)
{
  ScTxWriter *writer = g_new0 (ScTxWriter, 1);

  writer->order_base = order_base;
  writer->with_keys = with_keys;
  writer->with_cost = with_cost;
  writer->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_chunk_free);
  writer->queue = g_async_queue_new ();
  writer->thread = g_thread_new ("segments-pack", packer, writer);
  return writer;
}

/* The row buffer is freed once packed rather than kept for the next chunk: glibc maps a
 * block of this size afresh until one is freed, then serves that size and the packer's
 * scratch arrays from its heap (keeping the buffers made the import fault 25 % more). */
void
_sc_tx_writer_push (ScTxWriter     *writer,
                    const ScTxRows *rows)
{
  const void *from[N_COLS] = { rows->customer, rows->day, rows->amount, NULL, rows->keys,
                               rows->cost };
  gsize len = rows->len;
  TxChunk *c;
  gsize total = 0;
  char *at;

  g_assert (len > 0 && len <= SC_TX_CHUNK_ROWS && writer->thread != NULL);
  c = g_new0 (TxChunk, 1);
  c->len = len;
  for (guint i = 0; i < N_COLS; i++)
    {
      c->bytes[i] = col_elem_size[i] * len;
      if (i == COL_KEYS)
        c->bytes[i] = writer->with_keys ? rows->keys_len : 0;
      else if (i == COL_COST && !writer->with_cost)
        c->bytes[i] = 0;
      total += c->bytes[i];
    }
  c->rows = at = g_malloc (total);
  for (guint i = 0; i < N_COLS; i++)
    {
      if (i == COL_ORDER)
        for (gsize r = 0; r < len; r++)
          ((guint32 *) at)[r] = writer->order_base + rows->order[r];
      else if (c->bytes[i] > 0)
        memcpy (at, from[i], c->bytes[i]);
      at += c->bytes[i];
    }
  g_ptr_array_add (writer->chunks, c);
  writer->n_rows += len;
  g_async_queue_push (writer->queue, c);
}

static void
stop_packer (ScTxWriter *writer)
{
  if (writer->thread == NULL)
    return;
  g_async_queue_push (writer->queue, writer);
  g_thread_join (g_steal_pointer (&writer->thread));
}

void
_sc_tx_writer_free (ScTxWriter *writer)
{
  if (writer == NULL)
    return;
  g_atomic_int_set (&writer->stop, TRUE);
  stop_packer (writer);
  g_async_queue_unref (writer->queue);
  g_ptr_array_unref (writer->chunks);
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_free (writer);
}

/* Inserts the chunks before @upto that are not yet, and lets go of their blobs. */
static gboolean
insert_chunks (ScTxWriter     *writer,
               ScStore        *store,
               guint64         import_id,
               guint           upto,
               GCancellable   *cancellable,
               ScProgressFunc  progress,
               gpointer        progress_data,
               GError        **error)
{
  if (writer->insert == NULL &&
      !_sc_store_prepare (store, "INSERT INTO transaction_chunks (import, n, customer, day, "
                          "amount, order_no, order_keys, cost) VALUES (?,?,?,?,?,?,?,?)",
                          &writer->insert, error))
    return FALSE;
  for (; writer->n_stored < upto; writer->n_stored++)
    {
      TxChunk *c = g_ptr_array_index (writer->chunks, writer->n_stored);
      sqlite3_stmt *stmt = writer->insert;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, import_id);
      sqlite3_bind_int64 (stmt, 2, c->len);
      for (guint i = 0; i < N_COLS; i++)
        _sc_store_bind_blob (stmt, 3 + i, c->blob[i]);
      if (!_sc_store_step_done (store, stmt, error))
        return FALSE;
      /* what SQLite copied is no longer needed */
      for (guint i = 0; i < N_COLS; i++)
        g_clear_pointer (&c->blob[i], g_byte_array_unref);
      writer->rows_stored += c->len;
      if (progress != NULL)
        progress ((double) writer->rows_stored / MAX (writer->n_rows, 1), NULL, progress_data);
    }
  return TRUE;
}

/* Inserts the chunks packed so far, so that their blobs do not pile up in memory while the
 * file is read; the rows go in in the order they were handed over whenever this is
 * called. */
gboolean
_sc_tx_writer_store_packed (ScTxWriter  *writer,
                            ScStore     *store,
                            guint64      import_id,
                            GError     **error)
{
  return insert_chunks (writer, store, import_id, g_atomic_int_get (&writer->n_packed), NULL,
                        NULL, NULL, error);
}

/* Waits for the last chunks to be packed, then inserts every chunk not inserted yet. */
gboolean
_sc_tx_writer_finish (ScTxWriter     *writer,
                      ScStore        *store,
                      guint64         import_id,
                      GCancellable   *cancellable,
                      ScProgressFunc  progress,
                      gpointer        progress_data,
                      GError        **error)
{
  stop_packer (writer);
  return insert_chunks (writer, store, import_id, writer->chunks->len, cancellable, progress,
                        progress_data, error);
}

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
  g_autoptr(ScTxWriter) writer = _sc_tx_writer_new (order_base, order_keys != NULL,
                                                    cost != NULL);
  g_autoptr(GString) keys = g_string_new (NULL);

  for (gsize start = 0; start < n; start += SC_TX_CHUNK_ROWS)
    {
      gsize len = MIN (SC_TX_CHUNK_ROWS, n - start);
      ScTxRows rows = { len, customer + start, day + start, amount + start,
                        cost != NULL ? cost + start : NULL, order + start };

      g_string_truncate (keys, 0);
      for (gsize i = 0; order_keys != NULL && i < len; i++)
        {
          const char *k = _sc_interner_key (order_keys, order[start + i]);
          g_string_append_len (keys, k, strlen (k) + 1);
        }
      rows.keys = keys->str;
      rows.keys_len = keys->len;
      _sc_tx_writer_push (writer, &rows);
    }
  return _sc_tx_writer_finish (writer, self, import_id, cancellable, progress, progress_data,
                               error);
}

/* The columns of one chunk row, unpacked where they were packed (no costs). */
typedef struct
{
  ScTxRows rows;
  void    *buf[5];
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
  ScTxRows *rows = &chunk->rows;

  chunk_clear (chunk);
  rows->len = len;
  if (len <= room &&
      (rows->customer = _sc_store_column_array (stmt, 1, sizeof (guint32), len,
                                                &chunk->buf[0])) != NULL &&
      (rows->day = _sc_store_column_array (stmt, 2, sizeof (ScDay), len, &chunk->buf[1])) &&
      (rows->amount = _sc_store_column_array (stmt, 3, sizeof (double), len,
                                              &chunk->buf[2])) != NULL &&
      (with_orders
       ? (rows->order = _sc_store_column_array (stmt, 4, sizeof (guint32), len,
                                                &chunk->buf[3])) != NULL
       : _sc_store_column_texts (stmt, 4, len, &rows->keys, &rows->keys_len, &chunk->buf[4])))
    return TRUE;
  g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
               _("“%s” is damaged: the transactions could not be read."),
               sc_store_get_path (self));
  return FALSE;
}

/* Every stored row in import order, to @func or, with its order number, to @numbered. */
static gboolean
foreach_row (ScStore                    *self,
             ScTransactionFunc           func,
             ScNumberedTransactionFunc   numbered,
             gpointer                    user_data,
             GError                    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(Chunk) chunk = { 0 };
  int rc;

  if (!_sc_store_prepare (self, numbered != NULL
                          ? "SELECT n, customer, day, amount, order_keys, order_no "
                            "FROM transaction_chunks ORDER BY id"
                          : "SELECT n, customer, day, amount, order_keys "
                            "FROM transaction_chunks ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize len;
      const char *c, *d, *a, *k, *k_end, *o = NULL;

      if (!read_chunk (self, stmt, FALSE, &chunk, G_MAXSIZE, error))
        return FALSE;
      len = chunk.rows.len;
      /* buf[3] holds order numbers only when read_chunk() reads them instead of keys */
      if (numbered != NULL &&
          (o = _sc_store_column_array (stmt, 5, sizeof (guint32), len, &chunk.buf[3])) == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                       _("“%s” is damaged: the transactions could not be read."),
                       sc_store_get_path (self));
          return FALSE;
        }
      c = (const char *) chunk.rows.customer;
      d = (const char *) chunk.rows.day;
      a = (const char *) chunk.rows.amount;
      k = chunk.rows.keys;
      k_end = k + chunk.rows.keys_len;
      for (gsize i = 0; i < len; i++)
        {
          const char *key = NULL;
          guint32 ci, oi;
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
          if (numbered != NULL)
            {
              memcpy (&oi, o + i * sizeof oi, sizeof oi);
              numbered (key, oi, ci, di, ai, user_data);
            }
          else
            func (key, ci, di, ai, user_data);
        }
    }
  if (!_sc_store_expect (self, rc, SQLITE_DONE, error))
    return FALSE;
  return TRUE;
}

gboolean
sc_store_foreach_transaction (ScStore            *self,
                              ScTransactionFunc   func,
                              gpointer            user_data,
                              GError            **error)
{
  return foreach_row (self, func, NULL, user_data, error);
}

gboolean
_sc_store_foreach_numbered_transaction (ScStore                   *self,
                                        ScNumberedTransactionFunc  func,
                                        gpointer                   user_data,
                                        GError                   **error)
{
  return foreach_row (self, NULL, func, user_data, error);
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
      len = chunk.rows.len;
      c = chunk.rows.customer;
      d = chunk.rows.day;
      a = chunk.rows.amount;
      o = chunk.rows.order;

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

/* The rows' offsets by customer (tx->n_customers set). */
static void
count_offsets (ScTransactions *tx,
               gsize           n,
               const guint32  *cust)
{
  guint32 nc = tx->n_customers;

  tx->n_rows = n;
  tx->offsets = g_new0 (gsize, (gsize) nc + 1);
  for (gsize i = 0; i < n; i++)
    tx->offsets[cust[i] + 1]++;
  for (guint32 c = 0; c < nc; c++)
    tx->offsets[c + 1] += tx->offsets[c];
}

/* Like _sc_transactions_group(), but rows that come grouped already (an export sorted by
 * customer, then date: the order the grouping keeps) are lent to @tx instead of copied,
 * which spares faulting in a copy of every row (60 MB at 1M customers).  TRUE when lent:
 * _sc_transactions_give_back() before @tx is freed, and the rows stay as they are meanwhile. */
gboolean
_sc_transactions_group_or_lend (ScTransactions *tx,
                                const ScTxRows *rows)
{
  const guint32 *cust = rows->customer;
  const ScDay *day = rows->day;

  for (gsize i = 1; i < rows->len; i++)
    if (cust[i] < cust[i - 1] || (cust[i] == cust[i - 1] && day[i] < day[i - 1]))
      {
        _sc_transactions_group (tx, rows->len, cust, day, rows->amount, rows->order);
        return FALSE;
      }
  count_offsets (tx, rows->len, cust);
  tx->day = (ScDay *) day;
  tx->amount = (double *) rows->amount;
  tx->order = (guint32 *) rows->order;
  return TRUE;
}

void
_sc_transactions_give_back (ScTransactions *tx)
{
  tx->day = NULL;
  tx->amount = NULL;
  tx->order = NULL;
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

  count_offsets (tx, n, cust);
  tx->day = g_new (ScDay, MAX (n, 1));
  tx->amount = g_new (double, MAX (n, 1));
  tx->order = order != NULL ? g_new (guint32, MAX (n, 1)) : NULL;

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
