/* sc-aggregates.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One pass over the rows, customer by customer.  Distinct orders are counted with a bitmap
 * indexed by the dense order number: a bit is set the first time a customer's purchase row
 * names the order, and cleared again by a second walk over the same customer's rows, so the
 * bitmap is all zeroes at each customer boundary without a memset per customer.  An order
 * number that appears under two customers therefore counts once for each of them.
 *
 * Distinct purchase days rely on the ScTransactions contract (rows sorted by day within a
 * customer) but verify it while walking; a customer whose rows are out of order gets a
 * sorted copy of its purchase days instead of a wrong count.
 *
 * The sums cannot become infinite: every addition is saturating, stopping at the largest
 * finite double of its sign.  The importer's limit on amounts (1e12 by default, at most
 * 1e15) keeps real sums far below that, and exact to the cent for realistic row counts; the
 * saturation is there so that no input at all can store an infinite or NaN sum, which
 * every model downstream would carry along.
 */

#include "sc-aggregates.h"
#include "sc-aggregates-private.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

/* Rows from which the customers are summed on two cores. */
#define PARALLEL_ROWS (1 << 20)

/* @sum + @a for finite @sum and @a, never infinite (and so never NaN either). */
static inline double
add_finite (double sum,
            double a)
{
  double s = sum + a;

  return isfinite (s) ? s : copysign (DBL_MAX, s);
}

/**
 * sc_aggregates_new:
 * @n: number of customers
 *
 * Returns: (transfer full): aggregates for @n customers, every field zero.  Free with
 *   sc_aggregates_free().
 */
ScAggregates *
sc_aggregates_new (guint32 n)
{
  ScAggregates *agg = g_new0 (ScAggregates, 1);

  agg->n = n;
  agg->first_day = g_new0 (ScDay, n);
  agg->last_day = g_new0 (ScDay, n);
  agg->n_orders = g_new0 (guint32, n);
  agg->n_purchase_days = g_new0 (guint32, n);
  agg->n_rows = g_new0 (guint32, n);
  agg->monetary = g_new0 (double, n);
  agg->returns = g_new0 (double, n);

  return agg;
}

/**
 * sc_aggregates_free:
 * @agg: (nullable): aggregates to free
 */
void
sc_aggregates_free (ScAggregates *agg)
{
  if (agg == NULL)
    return;

  g_free (agg->first_day);
  g_free (agg->last_day);
  g_free (agg->n_orders);
  g_free (agg->n_purchase_days);
  g_free (agg->n_rows);
  g_free (agg->monetary);
  g_free (agg->returns);
  g_free (agg);
}

static int
compare_day (const void *a,
             const void *b)
{
  ScDay x = *(const ScDay *) a;
  ScDay y = *(const ScDay *) b;

  return (x > y) - (x < y);
}

static guint32
count_distinct_days_unsorted (const ScDay  *day,
                              const double *amount,
                              gsize         begin,
                              gsize         end)
{
  g_autofree ScDay *days = g_new (ScDay, end - begin);
  gsize n_days = 0;
  guint32 distinct = 0;

  for (gsize i = begin; i < end; i++)
    if (amount[i] >= 0)
      days[n_days++] = day[i];

  qsort (days, n_days, sizeof (ScDay), compare_day);

  for (gsize i = 0; i < n_days; i++)
    if (i == 0 || days[i] != days[i - 1])
      distinct++;

  return distinct;
}

static gboolean
transactions_are_valid (const ScTransactions *tx)
{
  if (tx->n_customers == 0)
    return tx->n_rows == 0 && (tx->offsets == NULL || tx->offsets[0] == 0);

  if (tx->offsets == NULL || tx->offsets[0] != 0 || tx->offsets[tx->n_customers] != tx->n_rows)
    return FALSE;

  if (tx->n_rows > 0 && (tx->day == NULL || tx->amount == NULL))
    return FALSE;

  for (guint32 c = 0; c < tx->n_customers; c++)
    if (tx->offsets[c] > tx->offsets[c + 1] || tx->offsets[c + 1] - tx->offsets[c] > G_MAXUINT32)
      return FALSE;

  return TRUE;
}

/* The aggregates of customer @c from its rows [@begin, @end) of @day, @amount and @order
 * (%NULL without order numbers, and then @seen too); @seen is all zeroes before and after. */
void
_sc_aggregates_customer (ScAggregates  *agg,
                         guint32        c,
                         const ScDay   *day,
                         const double  *amount,
                         const guint32 *order,
                         gsize          begin,
                         gsize          end,
                         guint64       *seen)
{
  ScDay p_first = G_MAXINT32, p_last = G_MININT32;
  ScDay a_first = G_MAXINT32, a_last = G_MININT32;
  ScDay prev_day = G_MININT32;
  gboolean sorted = TRUE;
  guint32 orders = 0, days = 0;
  double net = 0, ret = 0;

  for (gsize i = begin; i < end; i++)
    {
      ScDay d = day[i];
      double a = amount[i];

      a_first = MIN (a_first, d);
      a_last = MAX (a_last, d);

      if (!isfinite (a))
        continue;

      net = add_finite (net, a);
      if (a < 0)
        {
          ret = add_finite (ret, -a);
          continue;
        }

      if (d < prev_day)
        sorted = FALSE;
      else if (d != prev_day || days == 0)
        days++;
      prev_day = d;

      p_first = MIN (p_first, d);
      p_last = MAX (p_last, d);

      if (seen != NULL)
        {
          guint32 o = order[i];
          guint64 bit = G_GUINT64_CONSTANT (1) << (o & 63);

          if ((seen[o >> 6] & bit) == 0)
            {
              seen[o >> 6] |= bit;
              orders++;
            }
        }
      else
        {
          orders++;
        }
    }

  if (seen != NULL)
    for (gsize i = begin; i < end; i++)
      seen[order[i] >> 6] &= ~(G_GUINT64_CONSTANT (1) << (order[i] & 63));

  if (!sorted)
    days = count_distinct_days_unsorted (day, amount, begin, end);

  if (p_last != G_MININT32)
    {
      agg->first_day[c] = p_first;
      agg->last_day[c] = p_last;
    }
  else if (end > begin)
    {
      agg->first_day[c] = a_first;
      agg->last_day[c] = a_last;
    }
  else
    {
      agg->first_day[c] = SC_DAY_NONE;
      agg->last_day[c] = SC_DAY_NONE;
    }

  agg->n_orders[c] = orders;
  agg->n_purchase_days[c] = days;
  agg->n_rows[c] = (guint32) (end - begin);
  agg->monetary[c] = net;
  agg->returns[c] = ret;
}

/* The aggregates of customers [@from, @to); @seen (or %NULL without order numbers) is all
 * zeroes before and after. */
static void
compute_range (const ScTransactions *tx,
               ScAggregates         *agg,
               guint32               from,
               guint32               to,
               guint64              *seen)
{
  for (guint32 c = from; c < to; c++)
    _sc_aggregates_customer (agg, c, tx->day, tx->amount, seen != NULL ? tx->order : NULL,
                             tx->offsets[c], tx->offsets[c + 1], seen);
}

typedef struct
{
  const ScTransactions *tx;
  ScAggregates         *agg;
  guint32               from, to;
  guint64              *seen;
} Range;

static gpointer
compute_range_thread (gpointer data)
{
  Range *range = data;

  compute_range (range->tx, range->agg, range->from, range->to, range->seen);
  return NULL;
}

/**
 * sc_aggregates_compute:
 * @tx: the transaction log
 *
 * Computes every per-customer aggregate in time linear in the number of rows.  When
 * @tx->order is not %NULL, orders are counted as distinct order numbers with at least one
 * non-negative row; otherwise each non-negative row is an order.  Rows with a non-finite
 * amount (the importer never produces them) count in @n_rows and in the day range of a
 * customer without purchases, and nowhere else.  The sums @monetary and @returns are always
 * finite: a sum that would overflow stops at the largest finite double of its sign.
 *
 * Returns: (transfer full) (nullable): the aggregates, or %NULL if @tx is inconsistent
 *   (offsets not covering the rows in order)
 */
ScAggregates *
sc_aggregates_compute (const ScTransactions *tx)
{
  g_autoptr(ScAggregates) agg = NULL;
  g_autofree guint64 *seen = NULL;
  g_autofree guint64 *seen_2 = NULL;
  gsize seen_words = 0;
  Range second = { tx, NULL, 0, 0, NULL };
  GThread *thread = NULL;

  g_return_val_if_fail (tx != NULL, NULL);
  g_return_val_if_fail (transactions_are_valid (tx), NULL);

  agg = sc_aggregates_new (tx->n_customers);

  if (tx->order != NULL && tx->n_rows > 0)
    {
      guint32 max_order = 0;

      for (gsize i = 0; i < tx->n_rows; i++)
        max_order = MAX (max_order, tx->order[i]);
      seen_words = (gsize) max_order / 64 + 1;
      seen = g_new0 (guint64, seen_words);
    }

  /* Customers do not depend on each other: with many rows, the second half of them (by
   * rows) is summed on another core, with a bitmap of its own. */
  second.agg = agg;
  second.from = second.to = tx->n_customers;
  if (tx->n_rows >= PARALLEL_ROWS && g_get_num_processors () > 1)
    {
      guint32 lo = 0, hi = tx->n_customers;

      while (lo < hi)
        {
          guint32 mid = lo + (hi - lo) / 2;

          if (tx->offsets[mid] < tx->n_rows / 2)
            lo = mid + 1;
          else
            hi = mid;
        }
      second.from = lo;
      if (seen != NULL)
        second.seen = seen_2 = g_new0 (guint64, seen_words);
      thread = g_thread_new ("segments-agg", compute_range_thread, &second);
    }
  compute_range (tx, agg, 0, second.from, seen);
  if (thread != NULL)
    g_thread_join (thread);

  return g_steal_pointer (&agg);
}

/**
 * sc_aggregates_last_day:
 * @agg: aggregates
 *
 * Returns: the latest @last_day over all customers, or %G_MININT32 (%SC_DAY_NONE) when
 *   there are no customers or none has a row
 */
ScDay
sc_aggregates_last_day (const ScAggregates *agg)
{
  ScDay last = G_MININT32;

  g_return_val_if_fail (agg != NULL, G_MININT32);

  for (guint32 c = 0; c < agg->n; c++)
    last = MAX (last, agg->last_day[c]);

  return last;
}
