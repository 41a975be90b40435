/* test-aggregates.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include "sc-aggregates.h"

/* A hand-made log, one block per customer; expected values are worked out in the comments.
 * Order numbers are dense per input, but customers 0 and 11 share order 0 and customers 6
 * and 7 share order 9 (an order key reused across customers). */
typedef struct
{
  guint32 customer;
  ScDay   day;
  double  amount;
  guint32 order;
} Row;

static const Row rows[] = {
  /* C0: one order of two lines.  orders 1, days 1, net 15 */
  { 0, 100, 10.0, 0 }, { 0, 100, 5.0, 0 },
  /* C1: two orders on the same day, a third later.  orders 3, days 2, net 55 */
  { 1, 200, 20.0, 1 }, { 1, 200, 30.0, 2 }, { 1, 210, 5.0, 3 },
  /* C2: a purchase, then a return in a separate order.  last purchase stays 150 */
  { 2, 150, 40.0, 4 }, { 2, 160, -10.0, 5 },
  /* C3: only returns.  no orders; days are those of any row */
  { 3, 170, -20.0, 6 }, { 3, 180, -5.0, 7 },
  /* C4: no rows at all */
  /* C5: one order with a returned line.  orders 1, net 35, returns 15 */
  { 5, 120, 50.0, 8 }, { 5, 120, -15.0, 8 },
  /* C6 and C7 share order 9: it counts for each */
  { 6, 130, 10.0, 9 },
  /* C7: a zero-amount row is an order */
  { 7, 140, 12.0, 9 }, { 7, 141, 0.0, 10 },
  /* C8: two orders interleaved on one day, then the second again later: orders 2, days 2 */
  { 8, 300, 1.0, 11 }, { 8, 300, 2.0, 12 }, { 8, 300, 3.0, 11 }, { 8, 305, 4.0, 12 },
  /* C9: the biggest spender.  orders 3, days 3, net 550, returns 50 */
  { 9, 50, 100.0, 13 }, { 9, 90, 200.0, 14 }, { 9, 400, 300.0, 15 }, { 9, 400, -50.0, 16 },
  /* C10: rows out of day order (breaks the ScTransactions contract): days {450, 500} */
  { 10, 500, 10.0, 17 }, { 10, 450, 10.0, 18 }, { 10, 500, 10.0, 19 },
  /* C11: reuses order 0 of C0, and a large order number */
  { 11, 110, 7.0, 0 }, { 11, 111, 8.0, 70000 },
};

#define N_CUSTOMERS 12

typedef struct
{
  ScDay   first, last;
  guint32 orders, orders_no_key, days, n_rows;
  double  monetary, returns;
} Expected;

static const Expected expected[N_CUSTOMERS] = {
  /*  first  last  ord  rows-as-ord  days  rows  net     returns */
  {   100,   100,  1,   2,           1,    2,    15.0,   0.0 },
  {   200,   210,  3,   3,           2,    3,    55.0,   0.0 },
  {   150,   150,  1,   1,           1,    2,    30.0,   10.0 },
  {   170,   180,  0,   0,           0,    2,    -25.0,  25.0 },
  { SC_DAY_NONE, SC_DAY_NONE, 0, 0,  0,    0,    0.0,    0.0 },
  {   120,   120,  1,   1,           1,    2,    35.0,   15.0 },
  {   130,   130,  1,   1,           1,    1,    10.0,   0.0 },
  {   140,   141,  2,   2,           2,    2,    12.0,   0.0 },
  {   300,   305,  2,   4,           2,    4,    10.0,   0.0 },
  {    50,   400,  3,   3,           3,    4,    550.0,  50.0 },
  {   450,   500,  3,   3,           2,    3,    30.0,   0.0 },
  {   110,   111,  2,   2,           2,    2,    15.0,   0.0 },
};

typedef struct
{
  ScTransactions tx;
  gsize          offsets[N_CUSTOMERS + 1];
  ScDay          day[G_N_ELEMENTS (rows)];
  double         amount[G_N_ELEMENTS (rows)];
  guint32        order[G_N_ELEMENTS (rows)];
} Log;

static void
log_init (Log      *log,
          gboolean  with_orders)
{
  gsize r = 0;

  for (guint32 c = 0; c < N_CUSTOMERS; c++)
    {
      log->offsets[c] = r;
      for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          if (rows[i].customer != c)
            continue;
          log->day[r] = rows[i].day;
          log->amount[r] = rows[i].amount;
          log->order[r] = rows[i].order;
          r++;
        }
    }
  log->offsets[N_CUSTOMERS] = r;
  g_assert_cmpuint (r, ==, G_N_ELEMENTS (rows));

  log->tx.n_customers = N_CUSTOMERS;
  log->tx.n_rows = r;
  log->tx.offsets = log->offsets;
  log->tx.day = log->day;
  log->tx.amount = log->amount;
  log->tx.order = with_orders ? log->order : NULL;
}

static void
test_with_orders (void)
{
  Log log;
  g_autoptr(ScAggregates) agg = NULL;

  log_init (&log, TRUE);
  agg = sc_aggregates_compute (&log.tx);
  g_assert_nonnull (agg);
  g_assert_cmpuint (agg->n, ==, N_CUSTOMERS);

  for (guint32 c = 0; c < N_CUSTOMERS; c++)
    {
      const Expected *e = &expected[c];

      g_test_message ("customer %u", c);
      g_assert_cmpint (agg->first_day[c], ==, e->first);
      g_assert_cmpint (agg->last_day[c], ==, e->last);
      g_assert_cmpuint (agg->n_orders[c], ==, e->orders);
      g_assert_cmpuint (agg->n_purchase_days[c], ==, e->days);
      g_assert_cmpuint (agg->n_rows[c], ==, e->n_rows);
      g_assert_cmpfloat_with_epsilon (agg->monetary[c], e->monetary, 1e-9);
      g_assert_cmpfloat_with_epsilon (agg->returns[c], e->returns, 1e-9);
    }

  g_assert_cmpint (sc_aggregates_last_day (agg), ==, 500);
}

static void
test_without_orders (void)
{
  Log log;
  g_autoptr(ScAggregates) agg = NULL;

  log_init (&log, FALSE);
  agg = sc_aggregates_compute (&log.tx);
  g_assert_nonnull (agg);

  /* Without an order column every non-negative row is an order; nothing else changes. */
  for (guint32 c = 0; c < N_CUSTOMERS; c++)
    {
      const Expected *e = &expected[c];

      g_test_message ("customer %u", c);
      g_assert_cmpuint (agg->n_orders[c], ==, e->orders_no_key);
      g_assert_cmpuint (agg->n_purchase_days[c], ==, e->days);
      g_assert_cmpint (agg->first_day[c], ==, e->first);
      g_assert_cmpint (agg->last_day[c], ==, e->last);
      g_assert_cmpfloat_with_epsilon (agg->monetary[c], e->monetary, 1e-9);
    }
}

static void
test_order_reset (void)
{
  /* The same order number under consecutive customers must count for each: the bitmap is
   * cleared between customers. */
  gsize offsets[] = { 0, 2, 3, 5 };
  ScDay day[] = { 1, 2, 3, 4, 4 };
  double amount[] = { 1, 1, 1, -1, 2 };
  guint32 order[] = { 63, 64, 64, 63, 63 };
  ScTransactions tx = { 3, 5, offsets, day, amount, order };
  g_autoptr(ScAggregates) agg = sc_aggregates_compute (&tx);

  g_assert_cmpuint (agg->n_orders[0], ==, 2);
  g_assert_cmpuint (agg->n_orders[1], ==, 1);
  /* Order 63 holds a return line and a purchase line: one order. */
  g_assert_cmpuint (agg->n_orders[2], ==, 1);
  g_assert_cmpuint (agg->n_purchase_days[2], ==, 1);
  g_assert_cmpfloat (agg->monetary[2], ==, 1.0);
  g_assert_cmpfloat (agg->returns[2], ==, 1.0);
}

static void
test_empty (void)
{
  ScTransactions tx = { 0, 0, NULL, NULL, NULL, NULL };
  gsize zero = 0;
  g_autoptr(ScAggregates) agg = sc_aggregates_compute (&tx);
  g_autoptr(ScAggregates) agg2 = NULL;

  g_assert_nonnull (agg);
  g_assert_cmpuint (agg->n, ==, 0);
  g_assert_cmpint (sc_aggregates_last_day (agg), ==, G_MININT32);

  tx.offsets = &zero;
  agg2 = sc_aggregates_compute (&tx);
  g_assert_nonnull (agg2);
}

static void
test_new_zeroed (void)
{
  g_autoptr(ScAggregates) agg = sc_aggregates_new (3);

  for (guint c = 0; c < 3; c++)
    {
      g_assert_cmpint (agg->first_day[c], ==, 0);
      g_assert_cmpuint (agg->n_orders[c], ==, 0);
      g_assert_cmpfloat (agg->monetary[c], ==, 0.0);
    }
  g_assert_cmpint (sc_aggregates_last_day (agg), ==, 0);
}

static void
test_non_finite_amount (void)
{
  gsize offsets[] = { 0, 3 };
  ScDay day[] = { 5, 6, 7 };
  double amount[] = { 10, NAN, INFINITY };
  ScTransactions tx = { 1, 3, offsets, day, amount, NULL };
  g_autoptr(ScAggregates) agg = sc_aggregates_compute (&tx);

  /* Only counted as rows: spend, orders and purchase days ignore them. */
  g_assert_cmpuint (agg->n_rows[0], ==, 3);
  g_assert_cmpuint (agg->n_orders[0], ==, 1);
  g_assert_cmpfloat (agg->monetary[0], ==, 10.0);
  g_assert_cmpint (agg->last_day[0], ==, 5);
}

static void
test_malformed (void)
{
  static gsize bad_offsets[][3] = {
    { 1, 2, 3 },   /* does not start at 0 */
    { 0, 2, 2 },   /* does not end at n_rows */
    { 0, 4, 3 },   /* not ascending */
  };
  ScDay day[3] = { 1, 2, 3 };
  double amount[3] = { 1, 2, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (bad_offsets); i++)
    {
      ScTransactions tx = { 2, 3, bad_offsets[i], day, amount, NULL };
      ScAggregates *agg;

      g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*transactions_are_valid*");
      agg = sc_aggregates_compute (&tx);
      g_test_assert_expected_messages ();
      g_assert_null (agg);
    }

  {
    /* Rows but no customers, and customers but no offsets. */
    ScTransactions tx1 = { 0, 3, NULL, day, amount, NULL };
    ScTransactions tx2 = { 2, 3, NULL, day, amount, NULL };
    ScAggregates *agg;

    g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*transactions_are_valid*");
    agg = sc_aggregates_compute (&tx1);
    g_test_assert_expected_messages ();
    g_assert_null (agg);

    g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*transactions_are_valid*");
    agg = sc_aggregates_compute (&tx2);
    g_test_assert_expected_messages ();
    g_assert_null (agg);
  }

  g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*tx != NULL*");
  g_assert_null (sc_aggregates_compute (NULL));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Aggregates/with-orders", test_with_orders);
  g_test_add_func ("/Core/Aggregates/without-orders", test_without_orders);
  g_test_add_func ("/Core/Aggregates/order-reset", test_order_reset);
  g_test_add_func ("/Core/Aggregates/empty", test_empty);
  g_test_add_func ("/Core/Aggregates/new-zeroed", test_new_zeroed);
  g_test_add_func ("/Core/Aggregates/non-finite-amount", test_non_finite_amount);
  g_test_add_func ("/Core/Aggregates/malformed", test_malformed);

  return g_test_run ();
}
