/* sc-clv-summary.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The per-customer summary the buy-till-you-die models fit, and the helpers every
 * customer-value file shares (the digamma function, the two-part parallel sums, the
 * multi-start sample).  The lowest of those files: the models (sc-bgnbd.c,
 * sc-gamma-gamma.c) and sc-clv.c build on it. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-clv-summary-private.h"

/* Multi-start on a sample of about this many customers when there are at least twice as
 * many; a smaller sample makes the final run on all the data longer. */
#define SAMPLE_CUSTOMERS 25000

/* {{{ Shared helpers */

/* ψ(x) for x > 0: recurrence up to 10, then the asymptotic series (error about 2e-14). */
double
_sc_digamma (double x)
{
  double acc = 0.0;
  double f;

  while (x < 10.0)
    {
      acc -= 1.0 / x;
      x += 1.0;
    }
  f = 1.0 / (x * x);
  return acc + log (x) - 0.5 / x
         - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
}

/* Always two parts, so partial sums and their order do not depend on the thread count.
 * A second thread starts when there are at least @min_parallel items. */
void
_sc_clv_run_two_parts (gsize       n,
                       gsize       min_parallel,
                       ScRangeFunc fn,
                       gpointer    data)
{
  guint n_threads = n >= min_parallel && g_get_num_processors () > 1 ? 2 : 1;

  sc_parallel_ranges (n, 2, n_threads, fn, data);
}

/**
 * _sc_clv_next_purchase_day:
 * @tx: the transactions
 * @row: (inout): where to go on from, the first row of a customer to begin with
 * @end: the end of the customer's rows (offsets[c + 1])
 * @after: days on or before it are skipped
 * @until: days after it end the walk
 * @day: (out): the purchase day
 * @net: (out): its net amount, the sum of its rows
 *
 * Walks one customer's purchase days in (@after, @until], as #ScClvSummary defines them:
 * days with a row whose amount is not negative, whatever their net amount.  Rows with a
 * non-finite amount are ignored.  The summary and the holdout check count purchases with it,
 * so they always agree.
 *
 * Returns: %TRUE with the next purchase day, %FALSE when there is none left
 */
gboolean
_sc_clv_next_purchase_day (const ScTransactions *tx,
                           gsize                *row,
                           gsize                 end,
                           ScDay                 after,
                           ScDay                 until,
                           ScDay                *day,
                           double               *net)
{
  gsize i = *row;

  /* Rows are sorted by day within a customer, so a day's rows are contiguous. */
  while (i < end && tx->day[i] <= until)
    {
      ScDay d = tx->day[i];
      gboolean order = FALSE;
      double sum = 0.0;

      for (; i < end && tx->day[i] == d; i++)
        {
          if (!isfinite (tx->amount[i]))
            continue;
          sum += tx->amount[i];
          order |= tx->amount[i] >= 0.0;
        }
      if (order && d > after)
        {
          *row = i;
          *day = d;
          *net = sum;
          return TRUE;
        }
    }
  *row = end;
  return FALSE;
}

/* }}} */
/* {{{ Summary */

/**
 * sc_clv_time_unit_days:
 * @unit: a time unit
 *
 * Returns: the length of @unit in days
 */
double
sc_clv_time_unit_days (ScTimeUnit unit)
{
  return unit == SC_TIME_UNIT_WEEK ? 7.0 : 1.0;
}

/**
 * sc_clv_summary_new_empty:
 * @n: number of customers
 * @end_day: the last day the summary covers
 * @unit: time unit of the summary
 *
 * Creates a summary in which no customer is included, for callers that fill the arrays
 * themselves (for example from stored aggregates, or in tests).
 *
 * Returns: (transfer full): a new summary
 */
ScClvSummary *
sc_clv_summary_new_empty (gsize      n,
                          ScDay      end_day,
                          ScTimeUnit unit)
{
  ScClvSummary *s = g_new0 (ScClvSummary, 1);

  s->n = n;
  s->unit = unit;
  s->end_day = end_day;
  s->included = g_new0 (gboolean, n);
  s->x = g_new0 (double, n);
  s->t_x = g_new0 (double, n);
  s->T = g_new0 (double, n);
  s->mean_spend = g_new0 (double, n);
  s->first_day = g_new0 (ScDay, n);
  return s;
}

/**
 * sc_clv_summary_new:
 * @tx: the transactions
 * @end_day: the last day to use, inclusive
 * @unit: the time unit of t_x and T
 *
 * Summarises each customer's purchases up to @end_day as described for #ScClvSummary.
 *
 * Returns: (transfer full): a new summary with one entry per customer of @tx
 */
ScClvSummary *
sc_clv_summary_new (const ScTransactions *tx,
                    ScDay                 end_day,
                    ScTimeUnit            unit)
{
  ScClvSummary *s;
  double days;

  g_return_val_if_fail (tx != NULL, NULL);
  g_return_val_if_fail (tx->n_customers == 0 || tx->offsets != NULL, NULL);

  s = sc_clv_summary_new_empty (tx->n_customers, end_day, unit);
  days = sc_clv_time_unit_days (unit);

  for (guint32 c = 0; c < tx->n_customers; c++)
    {
      gsize row = tx->offsets[c];
      guint64 purchases = 0;
      ScDay day = 0;
      ScDay first = 0;
      ScDay last = 0;
      double net = 0.0;
      double repeat_spend = 0.0;

      while (_sc_clv_next_purchase_day (tx, &row, tx->offsets[c + 1], G_MININT32, end_day,
                                        &day, &net))
        {
          if (purchases == 0)
            first = day;
          else
            repeat_spend += net;
          last = day;
          purchases++;
        }

      if (purchases == 0)
        continue;

      s->included[c] = TRUE;
      s->first_day[c] = first;
      s->x[c] = (double) (purchases - 1);
      s->t_x[c] = (double) (last - first) / days;
      s->T[c] = ((double) end_day - (double) first) / days;
      s->mean_spend[c] = purchases > 1 ? repeat_spend / (double) (purchases - 1) : 0.0;
    }

  return s;
}

/**
 * sc_clv_summary_free:
 * @s: (nullable): a summary
 *
 * Frees @s and its arrays.
 */
void
sc_clv_summary_free (ScClvSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->included);
  g_free (s->x);
  g_free (s->t_x);
  g_free (s->T);
  g_free (s->mean_spend);
  g_free (s->first_day);
  g_free (s);
}

/* Counts the customers a fit can use and rejects impossible summaries, which can only come
 * from hand-filled arrays. */
gboolean
_sc_clv_summary_check (const ScClvSummary *s,
                       gsize              *n_included,
                       gsize              *n_repeat,
                       double             *sum_x,
                       double             *sum_T,
                       GError            **error)
{
  *n_included = 0;
  *n_repeat = 0;
  *sum_x = 0.0;
  *sum_T = 0.0;

  for (gsize i = 0; i < s->n; i++)
    {
      double x, t_x, T;

      if (!s->included[i])
        continue;

      x = s->x[i];
      t_x = x > 0 ? s->t_x[i] : 0.0;
      T = s->T[i];
      if (!isfinite (x) || !isfinite (t_x) || !isfinite (T) || x < 0 || x != floor (x)
          || t_x < 0 || T < t_x)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("Customer %" "zu" " has an impossible purchase history "
                         "(repeat purchases %g, last purchase at %g, age %g)"),
                       i, x, t_x, T);
          return FALSE;
        }

      (*n_included)++;
      if (x > 0)
        (*n_repeat)++;
      *sum_x += x;
      *sum_T += T;
    }

  return TRUE;
}

guint64
_sc_clv_sample_threshold (gsize n)
{
  if (n < 2 * SAMPLE_CUSTOMERS)
    return G_MAXUINT64;
  return (guint64) ldexp ((double) SAMPLE_CUSTOMERS / (double) n, 64);
}

/* }}} */
