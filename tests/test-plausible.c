/* test-plausible.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The plausible bounds of an import: dates between 1970 and a year after today, amounts up
 * to 1e12 in magnitude unless the options widen them; values outside rejected row by row
 * with a reason that says so; NaN, overflow and underflow told apart; -0 read as 0; sums of
 * a customer always finite. */

#include <float.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-importer.h"
#include "sc-value.h"
#include "test-utils.h"

typedef struct
{
  char      *dir;
  char      *path;
  ScStore   *store;
  GPtrArray *reasons;    /* of char *: the reasons of the problems, in line order */
  GPtrArray *columns;    /* of char *: their columns ("" for none) */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("segments-plausible-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.segments", NULL);
  f->store = sc_store_open (f->path, TRUE, &error);
  g_assert_no_error (error);
  f->reasons = g_ptr_array_new_with_free_func (g_free);
  f->columns = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, sc_store_close);
  test_remove_tree (f->dir);
  g_ptr_array_unref (f->reasons);
  g_ptr_array_unref (f->columns);
  g_free (f->path);
  g_free (f->dir);
}

static void
collect_problem (const char            *path,
                 const ScImportProblem *problem,
                 gpointer               user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->reasons, g_strdup (problem->reason));
  g_ptr_array_add (f->columns, g_strdup (problem->column ? problem->column : ""));
}

/* Writes @text to a file of the fixture's folder and imports it with @options (or the
 * defaults); the problems are collected in the fixture. */
static ScImportReport *
import_text (Fixture               *f,
             const char            *text,
             const ScImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->dir, "orders.csv", NULL);
  ScImportOptions o;
  ScImportReport *report;

  g_assert_true (g_file_set_contents (file, text, -1, NULL));
  if (options != NULL)
    sc_import_options_copy (options, &o);
  else
    sc_import_options_init (&o);
  g_free (o.transactions_path);
  o.transactions_path = g_strdup (file);
  o.problem_func = collect_problem;
  o.problem_data = f;
  g_ptr_array_set_size (f->reasons, 0);
  g_ptr_array_set_size (f->columns, 0);
  report = sc_import (f->store, &o, NULL, NULL, NULL, &error);
  sc_import_options_clear (&o);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static ScAggregates *
aggregates (ScStore *store)
{
  g_autoptr(GError) error = NULL;
  ScAggregates *agg = sc_store_load_aggregates (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (agg);
  return agg;
}

static void
assert_reason (Fixture    *f,
               guint       i,
               const char *column,
               const char *part1,
               const char *part2)
{
  const char *reason;

  g_assert_cmpuint (i, <, f->reasons->len);
  reason = g_ptr_array_index (f->reasons, i);
  g_assert_cmpstr (g_ptr_array_index (f->columns, i), ==, column);
  if (strstr (reason, part1) == NULL || (part2 != NULL && strstr (reason, part2) == NULL))
    g_error ("reason “%s” does not hold “%s” and “%s”", reason, part1, part2 ? part2 : "");
}

static void
test_defaults (void)
{
  ScImportOptions options, copy;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  ScDay today = sc_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now));
  ScDay min_day, max_day;
  double max_amount;

  sc_import_options_init (&options);
  g_assert_cmpint (options.min_day, ==, 0);
  g_assert_cmpint (options.max_day, ==, 0);
  g_assert_cmpfloat (options.max_amount, ==, 0);
  sc_import_options_get_bounds (&options, &min_day, &max_day, &max_amount);
  g_assert_cmpint (min_day, ==, sc_day_from_ymd (1970, 1, 1));
  g_assert_cmpint (max_day, ==, today + 365);
  g_assert_cmpfloat (max_amount, ==, 1e12);

  options.min_day = sc_day_from_ymd (1582, 10, 15);
  options.max_day = sc_day_from_ymd (9999, 12, 31);
  options.max_amount = 5e13;
  sc_import_options_copy (&options, &copy);
  sc_import_options_get_bounds (&copy, &min_day, &max_day, &max_amount);
  g_assert_cmpint (min_day, ==, sc_day_from_ymd (1582, 10, 15));
  g_assert_cmpint (max_day, ==, sc_day_from_ymd (9999, 12, 31));
  g_assert_cmpfloat (max_amount, ==, 5e13);
  sc_import_options_clear (&copy);

  /* A limit that is no positive number takes the default; none goes past the ceiling. */
  options.max_amount = NAN;
  sc_import_options_get_bounds (&options, NULL, NULL, &max_amount);
  g_assert_cmpfloat (max_amount, ==, SC_IMPORT_MAX_AMOUNT);
  options.max_amount = -1;
  sc_import_options_get_bounds (&options, NULL, NULL, &max_amount);
  g_assert_cmpfloat (max_amount, ==, SC_IMPORT_MAX_AMOUNT);
  options.max_amount = INFINITY;
  sc_import_options_get_bounds (&options, NULL, NULL, &max_amount);
  g_assert_cmpfloat (max_amount, ==, SC_IMPORT_MAX_AMOUNT_CEILING);
  sc_import_options_clear (&options);
}

static void
test_parse_checked (void)
{
  double v = 42;

  g_assert_cmpint (sc_parse_number_checked ("1e400", '.', &v), ==, SC_NUMBER_OVERFLOW);
  g_assert_cmpint (sc_parse_number_checked ("-1e400", '.', &v), ==, SC_NUMBER_OVERFLOW);
  g_assert_cmpint (sc_parse_number_checked ("1e-400", '.', &v), ==, SC_NUMBER_UNDERFLOW);
  g_assert_cmpint (sc_parse_number_checked ("-2.5e-400", '.', &v), ==, SC_NUMBER_UNDERFLOW);
  g_assert_cmpint (sc_parse_number_checked ("1e-310", '.', &v), ==, SC_NUMBER_UNDERFLOW);
  g_assert_cmpint (sc_parse_number_checked ("abc", '.', &v), ==, SC_NUMBER_INVALID);
  g_assert_cmpint (sc_parse_number_checked ("NaN", '.', &v), ==, SC_NUMBER_INVALID);
  g_assert_cmpfloat (v, ==, 42);
  g_assert_false (sc_parse_number ("1e-400", '.', &v));
  g_assert_false (sc_parse_number ("1e400", '.', &v));

  /* Zero written in any form is zero, not an underflow. */
  g_assert_cmpint (sc_parse_number_checked ("0e-400", '.', &v), ==, SC_NUMBER_OK);
  g_assert_cmpfloat (v, ==, 0);
  g_assert_cmpint (sc_parse_number_checked ("0.000e5", '.', &v), ==, SC_NUMBER_OK);
  g_assert_cmpfloat (v, ==, 0);
  g_assert_cmpint (sc_parse_number_checked ("1e308", '.', &v), ==, SC_NUMBER_OK);
  g_assert_cmpfloat (v, ==, 1e308);
  g_assert_cmpint (sc_parse_number_checked ("2.5E-300", '.', &v), ==, SC_NUMBER_OK);
  g_assert_cmpfloat (v, ==, 2.5e-300);
}

/* Two rows of 1e308 for one customer made net revenue +inf. */
static void
test_huge_amounts (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ScImportReport) report =
    import_text (f, "order_id,customer_id,order_date,amount\n"
                    "O1,C1,2024-01-05,1e308\n"
                    "O2,C1,2024-01-06,1e308\n"
                    "O3,C1,2024-01-07,20\n"
                    "O4,C2,2024-01-07,-1000000000001\n"
                    "O5,C2,2024-01-08,1e400\n"
                    "O6,C2,2024-01-09,-inf\n"
                    "O7,C2,2024-01-10,1000000000000\n", NULL);
  g_autoptr(ScAggregates) agg = aggregates (f->store);

  g_assert_cmpuint (report->transactions.rows_accepted, ==, 2);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 5);
  g_assert_cmpuint (report->rejected[SC_REJECT_IMPLAUSIBLE], ==, 5);
  g_assert_cmpuint (report->rejected[SC_REJECT_AMOUNT], ==, 0);
  assert_reason (f, 0, "amount", "“1e308”", "--max-amount");
  assert_reason (f, 0, "amount", "1e+12", NULL);
  assert_reason (f, 1, "amount", "“1e308”", NULL);
  assert_reason (f, 2, "amount", "“-1000000000001”", "limit");
  assert_reason (f, 3, "amount", "“1e400”", "limit");
  assert_reason (f, 4, "amount", "“-inf”", "limit");
  g_assert_cmpuint (agg->n, ==, 2);
  g_assert_cmpfloat (agg->monetary[0], ==, 20);
  g_assert_cmpfloat (agg->monetary[1], ==, 1e12);
}

/* The limit holds: two rows at 9.9e11 sum exactly. */
static void
test_sum_exact (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ScImportReport) report =
    import_text (f, "order_id,customer_id,order_date,amount\n"
                    "O1,C1,2024-01-05,990000000000\n"
                    "O2,C1,2024-01-06,9.9e11\n", NULL);
  g_autoptr(ScAggregates) agg = aggregates (f->store);

  g_assert_cmpuint (report->transactions.rows_accepted, ==, 2);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 0);
  g_assert_true (isfinite (agg->monetary[0]));
  g_assert_cmpfloat (agg->monetary[0], ==, 1.98e12);
  g_assert_cmpfloat (report->transactions.revenue, ==, 1.98e12);
}

/* Whatever the rows, the sums of a customer never become infinite. */
static void
test_sums_saturate (void)
{
  gsize offsets[] = { 0, 3, 5 };
  ScDay day[] = { 1, 2, 3, 4, 5 };
  double amount[] = { 1e308, 1e308, 5, -1e308, -1e308 };
  ScTransactions tx = { 2, 5, offsets, day, amount, NULL };
  g_autoptr(ScAggregates) agg = sc_aggregates_compute (&tx);

  g_assert_nonnull (agg);
  g_assert_cmpfloat (agg->monetary[0], ==, DBL_MAX);
  g_assert_cmpfloat (agg->monetary[1], ==, -DBL_MAX);
  g_assert_cmpfloat (agg->returns[1], ==, DBL_MAX);
  g_assert_cmpuint (agg->n_orders[0], ==, 3);
}

/* 9999-12-31 moved the as-of date to the year 10000; the old ones passed silently. */
static void
test_dates (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  ScDay today = sc_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                                 g_date_time_get_day_of_month (now));
  g_autofree char *last = sc_day_format (today + 365);
  g_autofree char *after = sc_day_format (today + 366);
  g_autofree char *text =
    g_strdup_printf ("order_id,customer_id,order_date,amount\n"
                     "O1,C1,9999-12-31,10\n"
                     "O2,C1,0001-01-01,10\n"
                     "O3,C1,1582-10-10,10\n"
                     "O4,C1,1969-12-31,10\n"
                     "O5,C1,%s,10\n"
                     "O6,C1,1970-01-01,10\n"
                     "O7,C1,2024-01-05,10\n"
                     "O8,C1,%s,10\n", after, last);
  g_autoptr(ScImportReport) report = import_text (f, text, NULL);
  g_autofree char *range = g_strdup_printf ("1970-01-01 to %s", last);

  g_assert_cmpuint (report->transactions.rows_accepted, ==, 3);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 5);
  g_assert_cmpuint (report->rejected[SC_REJECT_IMPLAUSIBLE], ==, 5);
  assert_reason (f, 0, "order_date", "“9999-12-31”", range);
  assert_reason (f, 0, "order_date", "--max-date", "--min-date");
  assert_reason (f, 1, "order_date", "“0001-01-01”", range);
  assert_reason (f, 2, "order_date", "“1582-10-10”", range);
  assert_reason (f, 3, "order_date", "“1969-12-31”", NULL);
  assert_reason (f, 4, "order_date", after, NULL);
  g_assert_cmpint (report->transactions.first_day, ==, 0);
  g_assert_cmpint (report->transactions.last_day, ==, today + 365);
}

/* Widened bounds take the old dates and large amounts. */
static void
test_widened (Fixture       *f,
              gconstpointer  data)
{
  ScImportOptions options;
  g_autoptr(ScImportReport) report = NULL;

  sc_import_options_init (&options);
  options.min_day = sc_day_from_ymd (1582, 10, 15);
  options.max_day = sc_day_from_ymd (9999, 12, 31);
  options.max_amount = 1e14;
  report = import_text (f, "order_id,customer_id,order_date,amount\n"
                           "O1,C1,1582-10-15,10\n"
                           "O2,C1,1582-10-14,10\n"
                           "O3,C1,9999-12-31,5e13\n"
                           "O4,C1,2024-01-05,2e14\n", &options);
  sc_import_options_clear (&options);

  g_assert_cmpuint (report->transactions.rows_accepted, ==, 2);
  g_assert_cmpuint (report->rejected[SC_REJECT_IMPLAUSIBLE], ==, 2);
  assert_reason (f, 0, "order_date", "“1582-10-14”", "1582-10-15 to 9999-12-31");
  assert_reason (f, 1, "amount", "“2e14”", "1e+14");
  g_assert_cmpint (report->transactions.first_day, ==, sc_day_from_ymd (1582, 10, 15));
  g_assert_cmpint (report->transactions.last_day, ==, sc_day_from_ymd (9999, 12, 31));
}

/* NaN is not a missing amount but one that is not a number; 1e-400 is not 0. */
static void
test_nan_and_underflow (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ScImportReport) report =
    import_text (f, "order_id,customer_id,order_date,amount\n"
                    "O1,C1,2024-01-05,NaN\n"
                    "O2,C1,2024-01-05, nan \n"
                    "O3,C1,2024-01-05,\n"
                    "O4,C1,2024-01-05,1e-400\n"
                    "O5,C1,2024-01-05,12\n", NULL);
  const char *r;

  g_assert_cmpuint (report->transactions.rows_accepted, ==, 1);
  g_assert_cmpuint (report->rejected[SC_REJECT_AMOUNT], ==, 3);
  g_assert_cmpuint (report->rejected[SC_REJECT_IMPLAUSIBLE], ==, 1);
  assert_reason (f, 0, "amount", "“NaN”", "is not a number");
  assert_reason (f, 1, "amount", "nan", "is not a number");
  assert_reason (f, 2, "amount", "the amount is missing", NULL);
  assert_reason (f, 3, "amount", "“1e-400”", "too small to be an amount");
  r = g_ptr_array_index (f->reasons, 0);
  g_assert_null (strstr (r, "missing"));
}

/* -0 is the same amount as 0: a zero-amount row is a purchase (an order, as in
 * sc-aggregates.c), and stored as +0. */
static void
test_negative_zero (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report =
    import_text (f, "order_id,customer_id,order_date,amount\n"
                    "O1,C1,2024-01-05,-0\n"
                    "O2,C2,2024-01-05,0\n"
                    "O3,C3,2024-01-05,-0.00\n"
                    "O4,C4,2024-01-05,(0.00)\n", NULL);
  g_autoptr(ScImportReport) again = NULL;
  g_autoptr(ScAggregates) agg = aggregates (f->store);
  g_autoptr(ScTransactions) tx = NULL;

  g_assert_cmpuint (report->transactions.rows_accepted, ==, 4);
  g_assert_cmpuint (report->transactions.returns, ==, 0);
  for (guint32 c = 0; c < 4; c++)
    {
      g_assert_cmpuint (agg->n_orders[c], ==, agg->n_orders[1]);
      g_assert_cmpuint (agg->n_purchase_days[c], ==, 1);
      g_assert_cmpfloat (agg->monetary[c], ==, 0);
      g_assert_false (signbit (agg->monetary[c]));
      g_assert_cmpfloat (agg->returns[c], ==, 0);
      g_assert_cmpint (agg->last_day[c], ==, sc_day_from_ymd (2024, 1, 5));
    }
  g_assert_cmpuint (agg->n_orders[1], ==, 1);

  tx = sc_store_load_transactions (f->store, 4, G_MAXINT32, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < tx->n_rows; i++)
    g_assert_false (signbit (tx->amount[i]));

  /* The same order row again, written 0 instead of -0, is the row already imported. */
  again = import_text (f, "order_id,customer_id,order_date,amount\n"
                          "O1,C1,2024-01-05,0\n", NULL);
  g_assert_cmpuint (again->transactions.already_present, ==, 1);
  g_assert_cmpint (sc_store_get_n_transactions (f->store), ==, 4);
}

/* Quantity times unit price: each within the limit, their product beyond it. */
static void
test_quantity_price (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(ScImportReport) report =
    import_text (f, "order_id,customer_id,order_date,quantity,unit_price\n"
                    "O1,C1,2024-01-05,2000000,1000000\n"
                    "O2,C1,2024-01-05,1e200,1e200\n"
                    "O3,C1,2024-01-05,1e13,1\n"
                    "O4,C1,2024-01-05,-0,5\n"
                    "O5,C1,2024-01-05,2,10.5\n", NULL);
  g_autoptr(ScAggregates) agg = aggregates (f->store);

  g_assert_cmpuint (report->transactions.rows_accepted, ==, 2);
  g_assert_cmpuint (report->rejected[SC_REJECT_IMPLAUSIBLE], ==, 3);
  assert_reason (f, 0, "unit_price", "2000000 × 1000000", "--max-amount");
  assert_reason (f, 1, "quantity", "“1e200”", "limit");
  assert_reason (f, 2, "quantity", "“1e13”", "limit");
  g_assert_cmpfloat (agg->monetary[0], ==, 21);
  g_assert_false (signbit (agg->monetary[0]));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/plausible/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/plausible/defaults", test_defaults);
  g_test_add_func ("/plausible/parse-checked", test_parse_checked);
  g_test_add_func ("/plausible/sums-saturate", test_sums_saturate);
  ADD ("huge-amounts", test_huge_amounts);
  ADD ("sum-exact", test_sum_exact);
  ADD ("dates", test_dates);
  ADD ("widened", test_widened);
  ADD ("nan-and-underflow", test_nan_and_underflow);
  ADD ("negative-zero", test_negative_zero);
  ADD ("quantity-price", test_quantity_price);
#undef ADD

  return g_test_run ();
}
