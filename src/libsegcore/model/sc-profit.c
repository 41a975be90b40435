/* sc-profit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Gross profit per customer and per segment (issue 18).
 *
 * A line's cost comes, in this order, from its file (a cost column, a unit cost times the
 * quantity, or a margin column: sc-row-reader.c), from the project-wide margin, or nowhere.
 * A line without a cost is never read as free: it is left out of its customer's profit and
 * counted (lines, revenue), and a customer none of whose lines has a cost has no profit
 * (NAN) rather than a profit of zero.  A customer with some lines costed and some not keeps
 * the profit of the costed ones and is counted as partial, so every reader can say how much
 * of the revenue the profit figures cover. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-profit.h"
#include "sc-store-profit.h"
#include "sc-store.h"

void
sc_profit_free (ScProfit *profit)
{
  if (profit == NULL)
    return;
  g_free (profit->profit);
  g_free (profit->revenue);
  g_free (profit);
}

/**
 * sc_profit_compute:
 * @costs: what the order lines say about cost
 * @margin_percent: the project-wide margin, NAN when none is set
 * @value_is_profit: the project's value basis, kept with the figures
 *
 * Returns: (transfer full): profit per customer and the counts behind it
 */
ScProfit *
sc_profit_compute (const ScCosts *costs,
                   double         margin_percent,
                   gboolean       value_is_profit)
{
  ScProfit *p = g_new0 (ScProfit, 1);
  gboolean margin = isfinite (margin_percent);
  guint32 n = costs->n;

  p->n = n;
  p->margin_percent = margin ? margin_percent : NAN;
  p->value_is_profit = value_is_profit;
  p->profit = g_new (double, MAX (n, 1));
  p->revenue = g_new (double, MAX (n, 1));
  p->negative_lines = costs->negative_lines;

  for (guint32 c = 0; c < n; c++)
    {
      guint32 unknown = costs->unknown_lines[c];
      gboolean some_cost = costs->known_lines[c] > 0;
      double profit;

      p->revenue[c] = costs->revenue[c];
      p->total_revenue += costs->revenue[c];
      p->lines_with_cost += costs->known_lines[c];

      profit = costs->known_revenue[c] - costs->known_cost[c];
      if (unknown > 0 && margin)
        {
          profit += costs->unknown_revenue[c] * margin_percent / 100;
          p->lines_from_margin += unknown;
          if (margin_percent < 0)
            p->negative_lines += unknown;
          some_cost = TRUE;
          unknown = 0;
        }
      p->lines_unknown += unknown;
      if (unknown > 0)
        p->revenue_unknown += costs->unknown_revenue[c];

      if (!some_cost)
        {
          p->profit[c] = NAN;
          if (unknown > 0)
            p->customers_unknown++;
          continue;
        }
      p->profit[c] = profit;
      p->customers_known++;
      if (unknown > 0)
        p->customers_partial++;
      p->total_profit += profit;
      if (profit < 0)
        {
          p->customers_unprofitable++;
          p->unprofitable_revenue += costs->revenue[c];
          p->unprofitable_loss -= profit;
        }
    }
  p->known = p->customers_known > 0;
  return p;
}

/**
 * sc_profit_load:
 *
 * Returns: (transfer full) (nullable): the project's profit figures, or %NULL with @error
 */
ScProfit *
sc_profit_load (ScStore  *store,
                GError  **error)
{
  g_autoptr(ScCosts) costs = sc_store_load_costs (store, sc_store_get_n_customers (store),
                                                  error);

  if (costs == NULL)
    return NULL;
  return sc_profit_compute (costs, sc_store_get_margin (store),
                            sc_store_get_value_is_profit (store));
}

/**
 * sc_profit_by_segment:
 * @labels: (array length=n_labels): segment position per customer, or 0xffff
 *
 * Returns: (transfer full) (array): @n_segments figures, by position
 */
ScSegmentProfit *
sc_profit_by_segment (const ScProfit *profit,
                      const guint16  *labels,
                      guint32         n_labels,
                      guint           n_segments)
{
  ScSegmentProfit *out = g_new0 (ScSegmentProfit, MAX (n_segments, 1));
  g_autofree guint64 *known = g_new0 (guint64, MAX (n_segments, 1));

  for (guint32 c = 0; c < MIN (n_labels, profit->n); c++)
    {
      guint s = labels[c];

      if (s >= n_segments || !isfinite (profit->profit[c]))
        continue;
      out[s].profit += profit->profit[c];
      known[s]++;
      if (profit->profit[c] < 0)
        out[s].unprofitable++;
    }
  for (guint s = 0; s < n_segments; s++)
    {
      if (known[s] == 0)
        out[s].profit = NAN;
      out[s].share = profit->total_profit > 0 && known[s] > 0
                     ? out[s].profit / profit->total_profit : NAN;
    }
  return out;
}

void
sc_profit_scale_values (const ScProfit *profit,
                        double         *value,
                        double         *potential,
                        guint32         n)
{
  for (guint32 c = 0; c < n; c++)
    {
      double ratio = c < profit->n && isfinite (profit->profit[c]) && profit->revenue[c] > 0
                     ? profit->profit[c] / profit->revenue[c] : NAN;

      if (value != NULL)
        value[c] *= ratio;
      if (potential != NULL)
        potential[c] *= ratio;
    }
}

guint32
sc_profit_count_placed (const ScProfit *profit,
                        const guint16  *labels,
                        guint32         n_labels,
                        guint           k)
{
  guint32 n = 0;

  for (guint32 c = 0; c < MIN (n_labels, profit->n); c++)
    n += labels[c] < k && isnan (profit->profit[c]);
  return n;
}

/**
 * sc_profit_describe_placed:
 * @placed: customers of a run built on profit whose profit is unknown
 *   (sc_profit_count_placed())
 * @other_features: whether the run has features besides profit
 *
 * Returns: (transfer full): one sentence saying what became of them
 */
char *
sc_profit_describe_placed (guint32  placed,
                           gboolean other_features)
{
  if (other_features)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u customer has no known profit (no order line with "
                                         "a cost): left out of fitting the segments, then "
                                         "placed in the nearest one by the other features, "
                                         "with the average profit.",
                                         "%u customers have no known profit (no order line "
                                         "with a cost): left out of fitting the segments, then "
                                         "placed in the nearest one by the other features, "
                                         "with the average profit.", placed), placed);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u customer has no known profit (no order line with a "
                                       "cost): left out of fitting the segments, then placed in "
                                       "the one nearest the average profit.",
                                       "%u customers have no known profit (no order line with "
                                       "a cost): left out of fitting the segments, then placed "
                                       "in the one nearest the average profit.", placed),
                          placed);
}
