/* sc-store-profit.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-store.h"

G_BEGIN_DECLS

/**
 * ScCosts:
 * @n: customers
 * @any_cost: some stored order line came from a file with a cost or margin column
 * @revenue: per customer, the net amount of all lines (returns included)
 * @known_cost: per customer, the sum of the lines' costs where known
 * @known_revenue: per customer, the net amount of the lines whose cost is known
 * @known_lines: per customer, lines with a cost
 * @unknown_lines: per customer, lines without a cost
 * @unknown_revenue: per customer, the net amount of those lines
 * @negative_lines: lines whose cost exceeds their amount (sold at a loss), all customers
 *
 * What the stored order lines say about cost, per customer: one sequential scan of the
 * transaction chunks, so it is computed when asked for and never goes stale.
 */
typedef struct _ScCosts
{
  guint32   n;
  gboolean  any_cost;
  double   *revenue;
  double   *known_cost;
  double   *known_revenue;
  guint32  *known_lines;
  guint32  *unknown_lines;
  double   *unknown_revenue;
  guint64   negative_lines;
} ScCosts;

ScCosts  *sc_store_load_costs (ScStore  *store,
                               guint32   n_customers,
                               GError  **error);
void      sc_costs_free       (ScCosts  *costs);

/* The project-wide gross margin in percent (the meta key "margin_percent"), NAN when none is
 * set. */
double    sc_store_get_margin (ScStore  *store);

/* Whether value and the value × potential grid use profit instead of revenue (the meta key
 * "value_basis", "profit" or "revenue"). */
gboolean  sc_store_get_value_is_profit (ScStore  *store);
gboolean  sc_store_set_value_is_profit (ScStore  *store,
                                        gboolean  profit,
                                        GError  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCosts, sc_costs_free)

G_END_DECLS
