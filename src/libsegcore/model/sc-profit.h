/* sc-profit.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-types.h"

G_BEGIN_DECLS

/**
 * ScProfit:
 * @n: customers
 * @known: some profit is known (a cost or margin column, or a project-wide margin)
 * @margin_percent: the project-wide margin, NAN when none is set
 * @value_is_profit: value and the value × potential grid use profit
 * @profit: per customer, gross profit (revenue less cost of its lines); NAN when no line of
 *   the customer has a cost (or the customer has no lines)
 * @revenue: per customer, net revenue of all lines
 * @lines_with_cost: lines whose cost came from the file (a cost or margin column)
 * @lines_from_margin: lines without one, costed with the project-wide margin
 * @lines_unknown: lines with no cost at all: left out of profit, never counted as zero
 * @revenue_unknown: the net amount of those lines
 * @negative_lines: lines sold at a loss (cost above amount, or a negative margin)
 * @customers_known: customers with a profit
 * @customers_partial: of those, customers with some lines of unknown cost
 * @customers_unknown: customers with lines but no profit
 * @customers_unprofitable: customers whose profit is below zero: they cost more to serve than
 *   they are worth
 * @unprofitable_revenue: their net revenue
 * @unprofitable_loss: the sum of their (negative) profits, as a positive number
 * @total_profit: the sum of the known profits
 * @total_revenue: the net revenue of every customer
 *
 * Gross profit per customer (issue 18).  A line's cost is the file's (cost column, unit cost
 * × quantity, or margin column), else the project-wide margin's share of the amount, else
 * unknown.
 */
typedef struct
{
  guint32   n;
  gboolean  known;
  double    margin_percent;
  gboolean  value_is_profit;
  double   *profit;
  double   *revenue;
  guint64   lines_with_cost;
  guint64   lines_from_margin;
  guint64   lines_unknown;
  double    revenue_unknown;
  guint64   negative_lines;
  guint32   customers_known;
  guint32   customers_partial;
  guint32   customers_unknown;
  guint32   customers_unprofitable;
  double    unprofitable_revenue;
  double    unprofitable_loss;
  double    total_profit;
  double    total_revenue;
} ScProfit;

void      sc_profit_free            (ScProfit       *profit);

struct _ScStore;
struct _ScCosts;

/* From the costs the store summed, the project-wide margin (NAN: none) and the value basis. */
ScProfit *sc_profit_compute         (const struct _ScCosts *costs,
                                     double                 margin_percent,
                                     gboolean               value_is_profit);
/* The same, read from a project. */
ScProfit *sc_profit_load            (struct _ScStore       *store,
                                     GError               **error);
/* Value and potential in profit: each customer's figures times its margin over all its
 * orders (profit ÷ revenue); NAN where that margin is unknown (no profit, or no positive
 * revenue). */
void      sc_profit_scale_values    (const ScProfit        *profit,
                                     double                *value,
                                     double                *potential,
                                     guint32                n);

/**
 * ScSegmentProfit:
 * @profit: the sum of the known profits of the segment's customers (NAN when none is known)
 * @share: @profit as a share of the total known profit (NAN when that is not positive)
 * @unprofitable: customers of the segment with a negative profit
 */
typedef struct
{
  double   profit;
  double   share;
  guint64  unprofitable;
} ScSegmentProfit;

/* Per segment position (0 … n_segments − 1); labels may hold SC_LABEL_NONE (0xffff). */
ScSegmentProfit *sc_profit_by_segment (const ScProfit *profit,
                                       const guint16  *labels,
                                       guint32         n_labels,
                                       guint           n_segments);

/* Customers in a clustered segment (position below @k) whose profit is unknown: what a run
 * built on profit left out of its fit and placed by its other features. */
guint32          sc_profit_count_placed (const ScProfit *profit,
                                         const guint16  *labels,
                                         guint32         n_labels,
                                         guint           k);
char            *sc_profit_describe_placed (guint32   placed,
                                            gboolean  other_features);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScProfit, sc_profit_free)

G_END_DECLS
