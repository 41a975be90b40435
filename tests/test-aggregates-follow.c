/* test-aggregates-follow.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Aggregates summed while the rows are handed over (_sc_agg_follow_*, as an import does)
 * are those sc_aggregates_compute() gives for the same rows, bit for bit: seeded random
 * logs grouped by customer and by day within one, with customers without rows between and
 * after the others, returns, orders shared by rows and by customers, handed over in parts
 * of random sizes that cut customers anywhere.  Rows out of that order give NULL, and a
 * follower freed before the end leaves nothing behind. */

#include <string.h>

#include "sc-aggregates-private.h"
#include "sc-store.h"

typedef struct
{
  gsize    n;
  guint32  n_customers;
  guint32 *customer;
  ScDay   *day;
  double  *amount;
  guint32 *order;
} Log;

static void
log_clear (Log *log)
{
  g_free (log->customer);
  g_free (log->day);
  g_free (log->amount);
  g_free (log->order);
}

/* A log grouped by customer and by day within one. */
static void
make_log (GRand *rand,
          gsize  n,
          Log   *log)
{
  guint32 c = g_rand_int_range (rand, 0, 3);
  ScDay day = 19000;

  log->n = n;
  log->customer = g_new (guint32, MAX (n, 1));
  log->day = g_new (ScDay, MAX (n, 1));
  log->amount = g_new (double, MAX (n, 1));
  log->order = g_new (guint32, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && g_rand_int_range (rand, 0, 4) == 0)
        {
          /* the next customer, now and then after some without rows */
          c += g_rand_int_range (rand, 0, 5) == 0 ? g_rand_int_range (rand, 2, 6) : 1;
          day = g_rand_int_range (rand, 18000, 20000);
        }
      else if (g_rand_int_range (rand, 0, 3) == 0)
        day += g_rand_int_range (rand, 1, 40);
      log->customer[i] = c;
      log->day[i] = day;
      log->amount[i] = g_rand_int_range (rand, 0, 6) == 0
                       ? -g_rand_int_range (rand, 1, 5000) / 100.0
                       : g_rand_int_range (rand, 0, 50000) / 100.0 + 1e-7 * (i % 3);
      /* shared with the row before (of this customer or the one before), or of its own */
      log->order[i] = i > 0 && g_rand_int_range (rand, 0, 3) == 0
                      ? log->order[i - 1] : (guint32) g_rand_int_range (rand, 0, 3 * n + 1);
    }
  log->n_customers = (n > 0 ? log->customer[n - 1] + 1 : c) + g_rand_int_range (rand, 0, 4);
}

static ScAggregates *
follow_log (GRand     *rand,
            const Log *log,
            gboolean   with_order)
{
  g_autoptr(ScAggFollow) follow = _sc_agg_follow_new (g_rand_int_range (rand, 0, 3000));
  const guint32 *order = with_order ? log->order : NULL;

  for (gsize at = 0; at < log->n; )
    {
      gsize step = g_rand_int_range (rand, 1, 3000);

      at = MIN (log->n, at + step);
      _sc_agg_follow_rows (follow, log->customer, log->day, log->amount, order, at);
      if (g_rand_int_range (rand, 0, 4) == 0)
        g_usleep (100);
    }
  return _sc_agg_follow_finish (follow, log->customer, log->day, log->amount, order, log->n,
                                log->n_customers);
}

static ScAggregates *
compute_log (const Log *log,
             gboolean   with_order)
{
  g_autofree gsize *offsets = g_new0 (gsize, log->n_customers + 1);
  ScTransactions tx = { log->n_customers, log->n, offsets, log->day, log->amount,
                        with_order ? log->order : NULL };

  for (gsize i = 0; i < log->n; i++)
    offsets[log->customer[i] + 1]++;
  for (guint32 c = 0; c < log->n_customers; c++)
    offsets[c + 1] += offsets[c];
  return sc_aggregates_compute (&tx);
}

static void
assert_same (const ScAggregates *a,
             const ScAggregates *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpmem (a->first_day, a->n * sizeof (ScDay), b->first_day, b->n * sizeof (ScDay));
  g_assert_cmpmem (a->last_day, a->n * sizeof (ScDay), b->last_day, b->n * sizeof (ScDay));
  g_assert_cmpmem (a->n_orders, a->n * 4, b->n_orders, b->n * 4);
  g_assert_cmpmem (a->n_purchase_days, a->n * 4, b->n_purchase_days, b->n * 4);
  g_assert_cmpmem (a->n_rows, a->n * 4, b->n_rows, b->n * 4);
  g_assert_cmpmem (a->monetary, a->n * 8, b->monetary, b->n * 8);
  g_assert_cmpmem (a->returns, a->n * 8, b->returns, b->n * 8);
}

static void
test_follow_matches_compute (void)
{
  for (guint32 seed = 1; seed <= 60; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      gsize n = seed <= 3 ? seed - 1 : (gsize) g_rand_int_range (rand, 1, 40000);
      gboolean with_order = seed % 5 != 0;
      Log log = { 0 };
      g_autoptr(ScAggregates) followed = NULL;
      g_autoptr(ScAggregates) computed = NULL;

      make_log (rand, n, &log);
      followed = follow_log (rand, &log, with_order);
      computed = compute_log (&log, with_order);
      g_assert_nonnull (followed);
      g_assert_nonnull (computed);
      assert_same (followed, computed);
      log_clear (&log);
    }
}

static void
test_follow_out_of_order (void)
{
  for (guint32 seed = 1; seed <= 20; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      Log log = { 0 };
      g_autoptr(ScAggregates) followed = NULL;
      gsize i;

      make_log (rand, g_rand_int_range (rand, 50, 20000), &log);
      /* one row out of order: the first customer again after another one, or an earlier
       * day than the row before of the same customer */
      i = g_rand_int_range (rand, 1, log.n);
      while (i + 1 < log.n && log.customer[i - 1] == log.customer[0])
        i++;
      if (seed % 2 == 1 && log.customer[i - 1] != log.customer[0])
        log.customer[i] = log.customer[0];
      else
        {
          log.customer[i] = log.customer[i - 1];
          log.day[i] = log.day[i - 1] - 1;
        }
      followed = follow_log (rand, &log, TRUE);
      g_assert_null (followed);
      log_clear (&log);
    }
}

static void
test_follow_freed_early (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  Log log = { 0 };
  ScAggFollow *follow = _sc_agg_follow_new (10);

  make_log (rand, 30000, &log);
  _sc_agg_follow_rows (follow, log.customer, log.day, log.amount, log.order, log.n / 2);
  _sc_agg_follow_free (follow);
  log_clear (&log);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/Aggregates/follow-matches-compute", test_follow_matches_compute);
  g_test_add_func ("/Core/Aggregates/follow-out-of-order", test_follow_out_of_order);
  g_test_add_func ("/Core/Aggregates/follow-freed-early", test_follow_freed_early);
  return g_test_run ();
}
