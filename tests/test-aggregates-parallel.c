/* test-aggregates-parallel.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Logs large enough to be summed on two cores give every customer the aggregates it has
 * in a small log: the customers are summed again in logs of a few of them (too small to be
 * split) and compared field by field, for seeded random logs with shared order numbers,
 * returns, rows out of day order and customers without rows. */

#include <math.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-store.h"

#define N_ROWS (1300 * 1000)
#define SMALL_ROWS (200 * 1000)

static void
check_log (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint32 n_customers = g_rand_int_range (rand, 1000, 400000);
  g_autoptr(ScTransactions) tx = g_new0 (ScTransactions, 1);
  g_autoptr(ScAggregates) all = NULL;
  gsize at = 0;

  tx->n_customers = n_customers;
  tx->n_rows = N_ROWS;
  tx->offsets = g_new0 (gsize, n_customers + 1);
  tx->day = g_new (ScDay, N_ROWS);
  tx->amount = g_new (double, N_ROWS);
  tx->order = g_new (guint32, N_ROWS);
  /* the rows spread over the customers unevenly; some customers get none */
  for (guint32 c = 0; c < n_customers; c++)
    {
      gsize left = N_ROWS - at;
      gsize want = g_rand_int_range (rand, 0, 2 * N_ROWS / n_customers + 2);
      gsize n = c + 1 == n_customers ? left : MIN (left, want);
      ScDay day = g_rand_int_range (rand, 18000, 20000);

      for (gsize i = at; i < at + n; i++)
        {
          /* mostly in day order, sometimes not */
          day += g_rand_int_range (rand, 0, 10) == 0 ? -g_rand_int_range (rand, 0, 30)
                                                      : g_rand_int_range (rand, 0, 40);
          tx->day[i] = day;
          tx->amount[i] = g_rand_int_range (rand, 0, 8) == 0
                          ? -g_rand_int_range (rand, 1, 5000) / 100.0
                          : g_rand_int_range (rand, 0, 50000) / 100.0;
          /* shared with the row before, or across customers, or an order of its own */
          tx->order[i] = i > 0 && g_rand_int_range (rand, 0, 4) == 0
                         ? tx->order[i - 1] : (guint32) g_rand_int_range (rand, 0, N_ROWS);
        }
      at += n;
      tx->offsets[c + 1] = at;
    }

  all = sc_aggregates_compute (tx);
  g_assert_nonnull (all);
  g_assert_cmpuint (all->n, ==, n_customers);

  /* the same customers in logs of their own of at most SMALL_ROWS rows, summed on one core */
  for (guint32 first = 0, last; first < n_customers; first = last)
    {
      g_autofree gsize *offsets = NULL;
      ScTransactions part = { 0 };
      g_autoptr(ScAggregates) alone = NULL;
      gsize base = tx->offsets[first];

      for (last = first + 1;
           last < n_customers && tx->offsets[last + 1] - base <= SMALL_ROWS; last++)
        ;
      offsets = g_new (gsize, last - first + 1);
      for (guint32 c = first; c <= last; c++)
        offsets[c - first] = tx->offsets[c] - base;
      part = (ScTransactions) { last - first, tx->offsets[last] - base, offsets,
                                tx->day + base, tx->amount + base, tx->order + base };
      alone = sc_aggregates_compute (&part);
      g_assert_nonnull (alone);
      for (guint32 c = first; c < last; c++)
        {
          guint32 k = c - first;

          g_assert_cmpint (all->first_day[c], ==, alone->first_day[k]);
          g_assert_cmpint (all->last_day[c], ==, alone->last_day[k]);
          g_assert_cmpuint (all->n_orders[c], ==, alone->n_orders[k]);
          g_assert_cmpuint (all->n_purchase_days[c], ==, alone->n_purchase_days[k]);
          g_assert_cmpuint (all->n_rows[c], ==, alone->n_rows[k]);
          g_assert_true (memcmp (&all->monetary[c], &alone->monetary[k], sizeof (double)) == 0);
          g_assert_true (memcmp (&all->returns[c], &alone->returns[k], sizeof (double)) == 0);
        }
    }
}

static void
test_split_matches_alone (void)
{
  for (guint32 seed = 1; seed <= 8; seed++)
    check_log (seed);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/Aggregates/split-matches-alone", test_split_matches_alone);
  return g_test_run ();
}
