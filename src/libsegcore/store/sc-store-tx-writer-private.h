/* sc-store-tx-writer-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-store-private.h"

G_BEGIN_DECLS

/* Rows per stored chunk of transactions. */
#define SC_TX_CHUNK_ROWS 65536

/* Writes an import's transactions (sc-store-transactions.c): chunks are handed over while
 * the file is still being read and packed in a thread of the writer's own; they are
 * inserted, in order, in the caller's thread and transaction as they are ready and when
 * finishing. */
typedef struct _ScTxWriter ScTxWriter;

ScTxWriter *_sc_tx_writer_new    (guint32          order_base,
                                  gboolean         with_keys,
                                  gboolean         with_cost);
/* Rows handed to the writer: @len of them (at most SC_TX_CHUNK_ROWS); order[i] is the
 * import's own order number, stored as order_base + order[i]; @keys holds each row's order
 * id with a NUL after it (with_keys), @cost each row's cost (with_cost, else %NULL). */
typedef struct
{
  gsize          len;
  const guint32 *customer;
  const ScDay   *day;
  const double  *amount, *cost;
  const guint32 *order;
  const char    *keys;
  gsize          keys_len;
} ScTxRows;

/* Copies @rows. */
void        _sc_tx_writer_push   (ScTxWriter      *writer,
                                  const ScTxRows  *rows);
/* Inserts, in the caller's thread, the chunks packed by now (in order). */
gboolean    _sc_tx_writer_store_packed (ScTxWriter *writer,
                                        ScStore    *store,
                                        guint64     import_id,
                                        GError    **error);
gboolean    _sc_tx_writer_finish (ScTxWriter      *writer,
                                  ScStore         *store,
                                  guint64          import_id,
                                  GCancellable    *cancellable,
                                  ScProgressFunc   progress,
                                  gpointer         progress_data,
                                  GError         **error);
void        _sc_tx_writer_free   (ScTxWriter      *writer);

/* Groups an import's rows (customer, day, amount, order) for its summary, lending them to
 * @tx when they come grouped (TRUE: give them back before freeing @tx). */
gboolean    _sc_transactions_group_or_lend (ScTransactions *tx,
                                            const ScTxRows *rows);
void        _sc_transactions_give_back     (ScTransactions *tx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTxWriter, _sc_tx_writer_free)

G_END_DECLS
