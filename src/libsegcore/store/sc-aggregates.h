/* sc-aggregates.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-types.h"

G_BEGIN_DECLS

/* first_day/last_day of a customer without any transaction row (for example one that only
 * appears in the customer list). */
#define SC_DAY_NONE G_MININT32

/**
 * ScAggregates:
 * @n: number of customers
 * @first_day: first purchase day; the first row of any kind when the customer has only
 *   returns; %SC_DAY_NONE when the customer has no rows at all
 * @last_day: last purchase day, with the same fallbacks as @first_day
 * @n_orders: distinct orders holding at least one row with amount >= 0 (rows when the input
 *   had no order column); returns (negative rows) never count as orders
 * @n_purchase_days: distinct days with a row of amount >= 0 (the repeat-purchase count used
 *   by the CLV models)
 * @n_rows: transaction rows, returns included
 * @monetary: net spend, the sum of all rows, returns included
 * @returns: the sum of the negative rows, as a positive number
 *
 * Per-customer aggregates, computed once at import and stored with the project so that
 * re-segmenting never rescans the transactions.  Each array holds @n values, indexed by
 * dense customer id.
 */
typedef struct
{
  guint32  n;
  ScDay   *first_day;
  ScDay   *last_day;
  guint32 *n_orders;
  guint32 *n_purchase_days;
  guint32 *n_rows;
  double  *monetary;
  double  *returns;
} ScAggregates;

ScAggregates *sc_aggregates_new     (guint32               n);
ScAggregates *sc_aggregates_compute (const ScTransactions *tx);
void          sc_aggregates_free    (ScAggregates         *agg);
ScDay         sc_aggregates_last_day (const ScAggregates  *agg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScAggregates, sc_aggregates_free)

G_END_DECLS
