/* test-importer.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-importer.h"
#include "sc-store-private.h"
#include "sc-value.h"
#include "test-utils.h"

typedef struct
{
  char    *dir;
  char    *path;
  ScStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("segments-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.segments", NULL);
  f->store = sc_store_open (f->path, TRUE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, sc_store_close);
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "import", name, NULL);
}

static guint32
customer_id (ScStore    *store,
             const char *key)
{
  g_autoptr(GPtrArray) keys = NULL;

  g_assert_true (sc_store_load_customer_keys (store, &keys, NULL));
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return i;
  g_assert_not_reached ();
}

static ScAggregates *
aggregates (ScStore *store)
{
  g_autoptr(GError) error = NULL;
  ScAggregates *agg = sc_store_load_aggregates (store, &error);

  g_assert_no_error (error);
  return agg;
}

static ScImportReport *
import_file (ScStore    *store,
             const char *transactions,
             const char *customers,
             GError    **error)
{
  ScImportOptions options;
  ScImportReport *report;

  sc_import_options_init (&options);
  options.transactions_path = transactions ? data_path (transactions) : NULL;
  options.customers_path = customers ? data_path (customers) : NULL;
  report = sc_import (store, &options, NULL, NULL, NULL, error);
  sc_import_options_clear (&options);
  return report;
}

static void
test_basic (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = import_file (f->store, "basic.csv", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->transactions.rows_read, ==, 6);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 6);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 0);
  g_assert_cmpuint (report->transactions.customers, ==, 3);
  g_assert_cmpuint (report->transactions.returns, ==, 1);
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue, 475.0, 1e-9);
  g_assert_cmpint (report->transactions.first_day, ==, sc_day_from_ymd (2024, 1, 5));
  g_assert_cmpint (report->transactions.last_day, ==, sc_day_from_ymd (2024, 3, 15));

  g_assert_cmpint (sc_store_get_n_customers (f->store), ==, 3);
  g_assert_cmpint (sc_store_get_n_transactions (f->store), ==, 6);
  /* Dense ids in first-seen order, aggregates stored: C3 has two orders on one day. */
  g_assert_cmpint (customer_id (f->store, "C1"), ==, 0);
  g_assert_cmpint (customer_id (f->store, "C3"), ==, 2);
  {
    g_autoptr(ScAggregates) agg = aggregates (f->store);

    g_assert_cmpint (agg->n_orders[2], ==, 2);
    g_assert_cmpint (agg->n_purchase_days[2], ==, 1);
    /* C2's return reduces spend and is not an order. */
    g_assert_cmpint (agg->n_orders[1], ==, 1);
    g_assert_cmpfloat_with_epsilon (agg->monetary[1], 15.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (agg->returns[1], 5.0, 1e-9);
    g_assert_cmpint (agg->last_day[0], ==, sc_day_from_ymd (2024, 2, 5));
    g_assert_cmpint (agg->first_day[0], ==, sc_day_from_ymd (2024, 1, 5));
  }
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM imports"), ==, 1);
  g_assert_cmpint (report->project_customers, ==, 3);
}

static gboolean
has_example (ScImportReport *report,
             guint64         line,
             const char     *kind,
             const char     *needle)
{
  for (guint i = 0; i < report->examples->len; i++)
    {
      ScImportProblem *p = g_ptr_array_index (report->examples, i);
      if (p->line == line && g_str_equal (p->kind, kind) && strstr (p->reason, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = import_file (f->store, "problems.csv", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->transactions.rows_read, ==, 9);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 5);
  g_assert_cmpuint (report->rejected[SC_REJECT_CUSTOMER], ==, 1);
  g_assert_cmpuint (report->rejected[SC_REJECT_DATE], ==, 1);
  g_assert_cmpuint (report->rejected[SC_REJECT_AMOUNT], ==, 2);
  g_assert_cmpuint (report->rejected[SC_REJECT_FIELDS], ==, 1);
  g_assert_cmpuint (report->transactions.duplicate_rows, ==, 1);
  g_assert_cmpuint (report->transactions.duplicate_order_ids, ==, 1);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 3);

  /* Line numbers count the header as line 1. */
  g_assert_true (has_example (report, 3, "rejected", "customer id is missing"));
  g_assert_true (has_example (report, 4, "rejected", "2024-02-31"));
  g_assert_true (has_example (report, 5, "rejected", "ten"));
  g_assert_true (has_example (report, 6, "rejected", "5 fields"));
  g_assert_true (has_example (report, 7, "duplicate", "copy"));
  g_assert_true (has_example (report, 9, "warning", "O6"));
  g_assert_true (has_example (report, 10, "rejected", "amount is missing"));

  /* Every problem is stored with its raw text. */
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM import_problems"), ==, 7);
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM import_problems WHERE line = 4 AND "
                                    "column_name = 'order_date' AND raw = 'O3,C2,2024-02-31,10.00'"),
                   ==, 1);
  g_assert_cmpint (sc_store_get_n_transactions (f->store), ==, 3);
}

static void
test_semicolon_decimal_comma (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = import_file (f->store, "semicolon.csv", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 3);
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue, 1234.5 + 12 - 2.5, 1e-9);
  g_assert_cmpint (report->transactions.first_day, ==, sc_day_from_ymd (2024, 3, 5));
  g_assert_cmpint (report->transactions.last_day, ==, sc_day_from_ymd (2024, 4, 1));
  g_assert_nonnull (strstr (report->transactions.settings, "semicolon"));
}

static void
test_order_lines (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = import_file (f->store, "lines.csv", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 5);
  g_assert_cmpuint (report->transactions.customers, ==, 2);
  /* amount = quantity × unit price */
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue,
                                  6 * 2.55 + 6 * 3.39 + 2 * 1.85 - 1.69 + 3 * 4.25, 1e-9);
  /* Two lines of invoice 536365 are one order; a return line is not an order. */
  {
    g_autoptr(ScAggregates) agg = aggregates (f->store);

    g_assert_cmpint (agg->n_orders[customer_id (f->store, "17850")], ==, 2);
    g_assert_cmpint (agg->n_orders[customer_id (f->store, "13047")], ==, 1);
  }
  g_assert_cmpuint (report->transactions.returns, ==, 1);
}

static void
test_customer_list (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = import_file (f->store, "basic.csv", "customers.csv", &error);
  g_autoptr(GPtrArray) attributes = NULL;
  gint8 consent[4];
  guint8 listed[4];

  g_assert_no_error (error);
  g_assert_cmpuint (report->customers.rows_accepted, ==, 4);
  g_assert_cmpuint (report->customers.new_customers, ==, 1);   /* C9 has no orders */
  g_assert_cmpuint (report->customers.unmatched, ==, 1);
  g_assert_cmpuint (report->transactions.unmatched, ==, 0);
  g_assert_cmpint (sc_store_get_n_customers (f->store), ==, 4);

  g_assert_true (sc_store_load_consent (f->store, 4, consent, listed, &error));
  g_assert_cmpint (listed[0] + listed[1] + listed[2] + listed[3], ==, 4);
  g_assert_cmpint (consent[0], ==, 1);   /* C1 yes */
  g_assert_cmpint (consent[1], ==, 0);   /* C2 no */
  g_assert_cmpint (consent[2], ==, 2);   /* C3 unknown */
  g_assert_cmpint (consent[3], ==, 1);   /* C9 yes */

  g_assert_true (sc_store_load_attributes (f->store, 4, &attributes, &error));
  g_assert_cmpuint (attributes->len, ==, 2);
  {
    ScAttribute *industry = g_ptr_array_index (attributes, 0);
    ScAttribute *employees = g_ptr_array_index (attributes, 1);

    g_assert_cmpstr (industry->name, ==, "industry");
    g_assert_true (industry->categorical);
    g_assert_cmpuint (industry->n_levels, ==, 3);
    g_assert_cmpstr (industry->levels[industry->codes[0]], ==, "Retail");
    g_assert_cmpint (industry->codes[0], ==, industry->codes[2]);
    g_assert_cmpstr (industry->levels[industry->codes[3]], ==, "Finance");
    g_assert_cmpstr (employees->name, ==, "employees");
    g_assert_false (employees->categorical);
    g_assert_cmpfloat (employees->values[1], ==, 250);
  }

  /* Listed without their values: the same names, kinds and levels. */
  {
    g_autoptr(GPtrArray) listed_attributes = NULL;

    g_assert_true (sc_store_list_attributes (f->store, &listed_attributes, &error));
    g_assert_cmpuint (listed_attributes->len, ==, attributes->len);
    for (guint i = 0; i < attributes->len; i++)
      {
        ScAttribute *a = g_ptr_array_index (attributes, i);
        ScAttribute *l = g_ptr_array_index (listed_attributes, i);

        g_assert_cmpstr (l->name, ==, a->name);
        g_assert_cmpint (l->categorical, ==, a->categorical);
        g_assert_cmpuint (l->n_levels, ==, a->n_levels);
        for (guint v = 0; v < a->n_levels; v++)
          g_assert_cmpstr (l->levels[v], ==, a->levels[v]);
        g_assert_null (l->codes);
        g_assert_null (l->values);
      }
  }
}

static void
test_dates_resolved_from_whole_column (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("customer,date,amount\n");
  g_autofree char *path = g_build_filename (f->dir, "dates.csv", NULL);
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;

  /* 3000 rows whose dates read either way, then one that only reads month first. */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (csv, "C%u,%02u/%02u/2024,1\n", i % 50, 1 + i % 12, 1 + (i / 12) % 12);
  g_string_append (csv, "Z,12/25/2024,1\n");
  g_assert_true (g_file_set_contents (path, csv->str, -1, NULL));

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (path);
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);

  g_assert_no_error (error);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 3001);
  g_assert_cmpint (report->transactions.last_day, ==, sc_day_from_ymd (2024, 12, 25));
  /* Row 2 reads 02/01/2024: 1 February, not 2 January. Customer C1 has it as first day. */
  {
    g_autoptr(ScAggregates) agg = aggregates (f->store);
    g_assert_cmpint (agg->first_day[customer_id (f->store, "C1")], ==,
                     sc_day_from_ymd (2024, 2, 1));
  }
}

typedef struct
{
  GCancellable *cancellable;
  double        at;
} CancelAt;

static void
cancel_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  CancelAt *c = user_data;
  if (fraction >= c->at)
    g_cancellable_cancel (c->cancellable);
}

static char *
write_big_file (const char *dir,
                guint       n_rows)
{
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  char *path = g_build_filename (dir, "big.csv", NULL);

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "O%u,C%u,2024-%02u-%02u,%u.%02u\n", i, i % 997, 1 + i % 12,
                            1 + i % 28, 1 + i % 500, i % 100);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

static void
test_cancel_leaves_project_unchanged (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) first = import_file (f->store, "basic.csv", NULL, &error);
  g_autofree char *big = write_big_file (f->dir, 50000);
  const double stages[] = { 0.2, 0.7, 0.9 };

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(ScImportReport) report = NULL;
      CancelAt c = { cancellable, stages[i] };
      ScImportOptions options;

      sc_import_options_init (&options);
      options.transactions_path = g_strdup (big);
      report = sc_import (f->store, &options, cancel_progress, &c, cancellable, &error);
      sc_import_options_clear (&options);

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (report);
      g_clear_error (&error);

      g_assert_cmpint (sc_store_get_n_transactions (f->store), ==, 6);
      g_assert_cmpint (sc_store_get_n_customers (f->store), ==, 3);
      g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM imports"), ==, 1);
      g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM import_problems"), ==, 0);
    }
}

static void
test_failed_import_rolls_back (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (f->dir, "bad.csv", NULL);
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;

  g_assert_true (g_file_set_contents (bad, "customer,date,amount\nA,notadate,1\nB,,2\n", -1, NULL));

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (bad);
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);

  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_null (report);
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM imports"), ==, 0);
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM import_problems"), ==, 0);
  g_assert_cmpint (sc_store_get_n_customers (f->store), ==, 0);
}

static void
test_missing_role (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "noamount.csv", NULL);
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;

  g_assert_true (g_file_set_contents (path, "customer_id,order_date,colour\nA,2024-01-01,red\n"
                                      "B,2024-01-02,blue\n", -1, NULL));
  sc_import_options_init (&options);
  options.transactions_path = g_strdup (path);
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE);
  g_assert_nonnull (strstr (error->message, "amount"));
  g_assert_nonnull (strstr (error->message, "colour"));
  g_clear_error (&error);

  /* A mapping that names a column that is not there. */
  options.map[SC_ROLE_AMOUNT] = g_strdup ("price_eur");
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  g_assert_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE);
  g_assert_nonnull (strstr (error->message, "price_eur"));
  sc_import_options_clear (&options);
  g_assert_null (report);
}

static void
test_explicit_map (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "odd.csv", NULL);
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;

  g_assert_true (g_file_set_contents (path, "who,when,x,y\nA,2024-01-01,3,9\nB,2024-01-02,4,8\n",
                                      -1, NULL));
  sc_import_options_init (&options);
  options.transactions_path = g_strdup (path);
  options.map[SC_ROLE_CUSTOMER] = g_strdup ("who");
  options.map[SC_ROLE_DATE] = g_strdup ("when");
  options.map[SC_ROLE_AMOUNT] = g_strdup ("y");
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue, 17.0, 1e-9);
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = import_file (NULL, "problems.csv", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 5);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 3);
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM imports"), ==, 0);
}

static void
test_append (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) first = import_file (f->store, "basic.csv", NULL, &error);
  g_autoptr(ScImportReport) second = NULL;
  g_autofree char *more = g_build_filename (f->dir, "more.csv", NULL);
  ScImportOptions options;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (more, "order_id,customer_id,order_date,amount\n"
                                      "O9,C1,2024-04-01,10\nO10,C7,2024-04-02,5\n", -1, NULL));
  sc_import_options_init (&options);
  options.transactions_path = g_strdup (more);
  second = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);

  g_assert_no_error (error);
  g_assert_cmpuint (second->transactions.customers, ==, 2);
  g_assert_cmpuint (second->transactions.new_customers, ==, 1);
  g_assert_cmpint (sc_store_get_n_customers (f->store), ==, 4);
  /* Aggregates cover both imports; order numbers continue. */
  {
    g_autoptr(ScAggregates) agg = aggregates (f->store);
    g_autoptr(ScTransactions) tx = sc_store_load_transactions (f->store, 4, G_MAXINT32, NULL,
                                                               &error);
    g_assert_cmpint (agg->n_orders[0], ==, 3);
    g_assert_cmpint (customer_id (f->store, "C7"), ==, 3);
    g_assert_cmpuint (tx->n_rows, ==, 8);
    g_assert_cmpuint (tx->order[tx->offsets[3]], ==, 7);
  }
}

static void
test_append_same_file_twice (Fixture       *f,
                             gconstpointer  data)
{
  const char *files[] = { "basic.csv", "ambiguous-dates.csv" };   /* with and without order ids */

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScImportReport) first = import_file (f->store, files[i], NULL, &error);
      g_autoptr(ScImportReport) again = NULL;
      guint64 customers = sc_store_get_n_customers (f->store);
      guint64 rows = sc_store_get_n_transactions (f->store);
      g_autoptr(ScAggregates) before = aggregates (f->store);
      g_autoptr(ScAggregates) after = NULL;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      again = import_file (f->store, files[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (again->transactions.rows_accepted, ==, 0);
      g_assert_cmpuint (again->transactions.already_present, ==, first->transactions.rows_accepted);
      g_assert_cmpuint (sc_store_get_n_customers (f->store), ==, customers);
      g_assert_cmpuint (sc_store_get_n_transactions (f->store), ==, rows);
      after = aggregates (f->store);
      g_assert_cmpmem (before->monetary, sizeof (double) * before->n,
                       after->monetary, sizeof (double) * after->n);
      text = sc_import_report_format (again);
      g_assert_nonnull (strstr (text, "Already in the project (skipped)"));
    }
}

static void
test_append_returns_of_earlier_orders (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) first = import_file (f->store, "basic.csv", NULL, &error);
  g_autoptr(ScImportReport) next = NULL;
  g_autofree char *path = g_build_filename (f->dir, "next.csv", NULL);
  ScImportOptions options;

  /* The next export repeats order O1 and adds a later return on it. */
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "order_id,customer_id,order_date,amount\n"
                                      "O1,C1,2024-01-05,100.00\n"
                                      "O1,C1,2024-04-01,-20.00\n", -1, NULL));
  sc_import_options_init (&options);
  options.transactions_path = g_strdup (path);
  next = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);

  g_assert_no_error (error);
  g_assert_cmpuint (next->transactions.already_present, ==, 1);
  g_assert_cmpuint (next->transactions.rows_accepted, ==, 1);
  g_assert_cmpuint (sc_store_get_n_transactions (f->store), ==, 7);
  {
    g_autoptr(ScAggregates) agg = aggregates (f->store);
    g_assert_cmpfloat_with_epsilon (agg->monetary[0], 130.0, 1e-9);
    g_assert_cmpint (agg->n_orders[0], ==, 2);
  }
}

static void
test_not_a_table (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.csv", NULL);
  ScImportOptions options;
  ScImportReport *report;

  g_assert_true (g_file_set_contents (pdf, "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (pdf);
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "report.pdf"));
  g_clear_error (&error);

  g_free (options.transactions_path);
  options.transactions_path = g_strdup (empty);
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "empty.csv"));
  sc_import_options_clear (&options);

  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM imports"), ==, 0);
}

static void
test_report_text (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = import_file (f->store, "problems.csv", NULL, &error);
  g_autofree char *text = sc_import_report_format (report);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Rejected:        5"));
  g_assert_nonnull (strstr (text, "Line 4:"));
  g_assert_nonnull (strstr (text, "2024-01-05 to 2024-02-04"));
}

/* ------------------------------------------------------------------------------------------ */
/* Options the import wizard sets                                                             */

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_header_option (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (f, "noheader.csv",
                                      "C1,2024-01-05,10.00\n"
                                      "C2,2024-01-06,20.00\n"
                                      "C1,2024-02-01,5.00\n");
  ScImportOptions options;
  ScImportReport *report;

  /* Forced: the first row is data, and columns are named by position. */
  sc_import_options_init (&options);
  options.transactions_path = g_strdup (path);
  options.header = SC_IMPORT_HEADER_NO;
  options.map[SC_ROLE_CUSTOMER] = g_strdup ("Column 1");
  options.map[SC_ROLE_DATE] = g_strdup ("Column 2");
  options.map[SC_ROLE_AMOUNT] = g_strdup ("Column 3");
  report = sc_import (NULL, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->transactions.rows_read, ==, 3);
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue, 35.0, 1e-9);
  g_assert_nonnull (strstr (report->transactions.settings, "without a header row"));
  sc_import_report_free (report);

  /* Forced the other way: the first row names the columns, and two rows remain. */
  options.header = SC_IMPORT_HEADER_YES;
  g_free (options.map[SC_ROLE_CUSTOMER]);
  g_free (options.map[SC_ROLE_DATE]);
  g_free (options.map[SC_ROLE_AMOUNT]);
  options.map[SC_ROLE_CUSTOMER] = g_strdup ("C1");
  options.map[SC_ROLE_DATE] = g_strdup ("2024-01-05");
  options.map[SC_ROLE_AMOUNT] = g_strdup ("10.00");
  report = sc_import (NULL, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->transactions.rows_read, ==, 2);
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue, 25.0, 1e-9);
  g_assert_nonnull (strstr (report->transactions.settings, "with a header row"));
  sc_import_report_free (report);
  sc_import_options_clear (&options);
}

static void
test_encoding_option (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* "Ané" in UTF-8: read as Windows-1252 its two bytes are two characters. */
  g_autofree char *path = write_file (f, "utf8.csv",
                                      "customer,date,amount\n"
                                      "An\xc3\xa9,2024-01-05,10.00\n");
  ScImportOptions options;
  g_autoptr(ScImportReport) report = NULL;
  g_autoptr(GPtrArray) keys = NULL;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (path);
  options.encoding = SC_IMPORT_ENCODING_WINDOWS_1252;
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report->transactions.settings, "Windows-1252"));
  g_assert_true (sc_store_load_customer_keys (f->store, &keys, &error));
  g_assert_cmpuint (keys->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, "An\xc3\x83\xc2\xa9");
}

static const ScImportProblem *
example_on_line (const ScImportReport *report,
                 guint64               line)
{
  for (guint i = 0; i < report->examples->len; i++)
    {
      const ScImportProblem *p = g_ptr_array_index (report->examples, i);

      if (p->line == line)
        return p;
    }
  g_error ("no problem on line %" G_GUINT64_FORMAT, line);
}

static ScImportReport *
import_path (ScStore    *store,
             const char *transactions,
             const char *customers)
{
  g_autoptr(GError) error = NULL;
  ScImportOptions options;
  ScImportReport *report;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (transactions);
  options.customers_path = g_strdup (customers);
  report = sc_import (store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  return report;
}

static void
assert_customer_keys (ScStore    *store,
                      const char *expected)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GString) got = g_string_new (NULL);

  g_assert_true (sc_store_load_customer_keys (store, &keys, NULL));
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (got, "%s%s", i > 0 ? "|" : "", (char *) g_ptr_array_index (keys, i));
  g_assert_cmpstr (got->str, ==, expected);
}

static void
test_encoding_per_line (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *first = write_file (f, "first.csv",
                                       "customer,date,amount\n"
                                       "M\xc3\xbcller,2024-01-05,10.00\n"
                                       "Berg,2024-01-06,5.00\n");
  /* UTF-8 with one Latin-1 customer id and one Latin-1 note nobody reads. */
  g_autofree char *second = write_file (f, "second.csv",
                                        "customer,date,amount,note\n"
                                        "M\xc3\xbcller,2024-02-05,7.00,ok\n"
                                        "Caf\xe9,2024-02-06,3.00,x\n"
                                        "Sch\xc3\xa4" "fer,2024-02-07,1.00,x\n"
                                        "J\xc3\xbcrgen,2024-02-08,1.00,x\n"
                                        "M\xc3\xbcller,2024-02-09,1.00,Gr\xfc\xdf\n");
  /* Windows-1252 with one row in UTF-8. */
  g_autofree char *third = write_file (f, "third.csv",
                                       "customer,date,amount\n"
                                       "M\xfcller,2024-03-01,2.00\n"
                                       "Ren\xe9,2024-03-02,2.00\n"
                                       "M\xc3\xbcller,2024-03-03,2.00\n");
  g_autoptr(ScImportReport) report = NULL;
  const ScImportProblem *p;

  report = import_path (f->store, first, NULL);
  g_clear_pointer (&report, sc_import_report_free);

  /* The stray byte is reported with its line and column, not read as another encoding;
   * "Müller" stays the customer it was. */
  report = import_path (f->store, second, NULL);
  g_assert_cmpuint (report->transactions.rows_read, ==, 5);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 4);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 1);
  g_assert_cmpuint (report->rejected[SC_REJECT_ENCODING], ==, 1);
  g_assert_cmpuint (report->transactions.new_customers, ==, 2);
  p = example_on_line (report, 3);
  g_assert_cmpstr (p->column, ==, "customer");
  g_assert_nonnull (strstr (p->reason, "Café"));
  g_assert_nonnull (strstr (p->reason, "UTF-8"));
  g_assert_cmpstr (p->raw, ==, "Café,2024-02-06,3.00,x");
  g_assert_nonnull (strstr (report->transactions.settings, "UTF-8"));
  assert_customer_keys (f->store, "Müller|Berg|Schäfer|Jürgen");
  g_clear_pointer (&report, sc_import_report_free);

  /* Both spellings of the name are the one customer. */
  report = import_path (f->store, third, NULL);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 3);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 0);
  g_assert_cmpuint (report->transactions.customers, ==, 2);
  g_assert_cmpuint (report->transactions.new_customers, ==, 1);
  g_assert_nonnull (strstr (report->transactions.settings, "Windows-1252"));
  assert_customer_keys (f->store, "Müller|Berg|Schäfer|Jürgen|René");
}

static void
test_encoding_whole_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("customer,date,amount\n");
  g_autofree char *path = NULL;
  g_autoptr(ScImportReport) report = NULL;

  /* ASCII for longer than the sniffed part, then mostly Windows-1252: the whole file
   * decides, so René is read, not rejected, and the UTF-8 row is kept as it is. */
  while (text->len < SC_CSV_SNIFF_SIZE + 4096)
    g_string_append (text, "Smith,2024-01-01,1.00\n");
  for (guint i = 0; i < 20; i++)
    g_string_append (text, "Ren\xe9,2024-01-02,2.00\n");
  g_string_append (text, "M\xc3\xbcller,2024-01-03,3.00\n");
  path = write_file (f, "big.csv", text->str);

  report = import_path (f->store, path, NULL);
  g_assert_cmpuint (report->transactions.rows_rejected, ==, 0);
  g_assert_cmpuint (report->transactions.customers, ==, 3);
  g_assert_nonnull (strstr (report->transactions.settings, "Windows-1252"));
  assert_customer_keys (f->store, "Smith|René|Müller");
}

static void
test_duplicate_raw_text (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = write_file (f, "customers.csv",
                                      "customer_id,city\n"
                                      "  C1 ,Paris\n"
                                      "\" C1\t\",Lyon\n"
                                      "C2,Rome\n");
  g_autoptr(ScImportReport) report = NULL;
  const ScImportProblem *p;

  /* The id is compared without its blanks, but the row is kept as it was written. */
  report = import_path (f->store, NULL, path);
  g_assert_cmpuint (report->customers.customers, ==, 2);
  g_assert_cmpuint (report->customers.duplicate_rows, ==, 1);
  p = example_on_line (report, 3);
  g_assert_cmpstr (p->kind, ==, "duplicate");
  g_assert_cmpstr (p->raw, ==, "\" C1\t\",Lyon");
  g_assert_nonnull (strstr (p->reason, "“C1”"));
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM import_problems WHERE "
                                   "raw = '\" C1\t\",Lyon'"), ==, 1);
  assert_customer_keys (f->store, "C1|C2");
}

static void
test_tables (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *orders = write_file (f, "orders.txt",
                                        "wer;wann;summe;nr\n"
                                        "K1;2024-03-05;12,50;1\n"
                                        "K2;2024-03-06;1,50;2\n"
                                        "K1;2024-03-07;2,00;3\n");
  g_autofree char *list = write_file (f, "list.csv",
                                      "client,region,size,consent,notes\n"
                                      "K1,North,12,yes,call in May\n"
                                      "K2,South,x,no,\n"
                                      "K3,North,40,yes,\n");
  ScImportOptions options;
  g_autoptr(ScImportReport) report = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  gint8 consent[3];
  guint8 listed[3];

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (orders);
  options.customers_path = g_strdup (list);
  /* The common settings would misread both files; each table's own settings win. */
  options.delimiter = '|';
  options.orders.set = TRUE;
  options.orders.format.delimiter = ';';
  options.orders.format.decimal_mark = ',';
  options.orders.map[SC_ROLE_CUSTOMER] = g_strdup ("wer");
  options.orders.map[SC_ROLE_DATE] = g_strdup ("wann");
  options.orders.map[SC_ROLE_AMOUNT] = g_strdup ("summe");
  options.orders.map[SC_ROLE_ORDER] = g_strdup ("");
  options.customers.set = TRUE;
  options.customers.format.delimiter = ',';
  options.customers.map[SC_ROLE_CUSTOMER] = g_strdup ("client");
  options.customers.map[SC_ROLE_CONSENT] = g_strdup ("");
  options.customers.numeric = g_strsplit ("size", ",", -1);
  options.customers.categories = g_strsplit ("region", ",", -1);
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);

  g_assert_no_error (error);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 3);
  g_assert_cmpfloat_with_epsilon (report->transactions.revenue, 16.0, 1e-9);
  g_assert_null (strstr (report->transactions.settings, "order ="));
  g_assert_cmpuint (report->customers.rows_accepted, ==, 3);
  g_assert_cmpuint (report->customers.unmatched, ==, 1);
  g_assert_nonnull (strstr (report->customers.notes, "1 values in numeric columns"));

  /* Consent was switched off: everybody listed, nobody known. */
  g_assert_true (sc_store_load_consent (f->store, 3, consent, listed, &error));
  g_assert_cmpint (consent[0], ==, 2);
  g_assert_cmpint (consent[2], ==, 2);
  g_assert_cmpint (listed[0] + listed[1] + listed[2], ==, 3);

  /* Exactly the two attributes chosen, of the kinds chosen; "notes" is left out. */
  g_assert_true (sc_store_load_attributes (f->store, 3, &attributes, &error));
  g_assert_cmpuint (attributes->len, ==, 2);
  {
    ScAttribute *size = g_ptr_array_index (attributes, 0);
    ScAttribute *region = g_ptr_array_index (attributes, 1);

    g_assert_cmpstr (size->name, ==, "size");
    g_assert_false (size->categorical);
    g_assert_cmpfloat (size->values[customer_id (f->store, "K1")], ==, 12);
    g_assert_true (isnan (size->values[customer_id (f->store, "K2")]));
    g_assert_cmpstr (region->name, ==, "region");
    g_assert_true (region->categorical);
    g_assert_cmpuint (region->n_levels, ==, 2);
    g_assert_cmpstr (region->levels[region->codes[customer_id (f->store, "K3")]], ==, "North");
  }
}

static void
test_table_missing_column (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("basic.csv");
  ScImportOptions options;
  ScImportReport *report;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (path);
  options.orders.set = TRUE;
  options.orders.numeric = g_strsplit ("weight", ",", -1);
  report = sc_import (NULL, &options, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE);
  g_assert_nonnull (strstr (error->message, "weight"));
  g_clear_error (&error);

  /* A consent column an orders table names must be there too. */
  g_clear_pointer (&options.orders.numeric, g_strfreev);
  options.orders.map[SC_ROLE_CONSENT] = g_strdup ("opt_in");
  report = sc_import (NULL, &options, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE);
  g_assert_nonnull (strstr (error->message, "opt_in"));
  sc_import_options_clear (&options);
}

static void
test_no_order_column (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  g_autofree char *path = data_path ("lines.csv");
  ScImportOptions options;

  /* "" keeps detection from choosing the invoice number: every line is its own order. */
  sc_import_options_init (&options);
  options.transactions_path = g_strdup (path);
  options.orders.set = TRUE;
  options.orders.map[SC_ROLE_ORDER] = g_strdup ("");
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  {
    g_autoptr(ScAggregates) agg = aggregates (f->store);

    g_assert_cmpint (agg->n_orders[customer_id (f->store, "17850")], ==, 3);
  }
}

static void
test_order_attributes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *orders = write_file (f, "orders.csv",
                                        "customer,date,amount,country,accepts_marketing,score\n"
                                        "C1,2024-01-01,1,DE,yes,1\n"
                                        "C1,2024-03-01,1,FR,no,2\n"
                                        "C1,2024-02-01,1,IT,yes,3\n"
                                        "C2,2024-01-05,1,,,\n"
                                        "C2,2024-01-06,1,ES,maybe,x\n"
                                        "C3,2024-01-07,1,ES,yes,7\n");
  g_autofree char *list = write_file (f, "list.csv", "customer_id,consent\nC2,yes\n");
  ScImportOptions options;
  g_autoptr(ScImportReport) report = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  gint8 consent[3];
  guint8 listed[3];
  guint32 c1, c2, c3;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (orders);
  options.customers_path = g_strdup (list);
  options.orders.set = TRUE;
  options.orders.map[SC_ROLE_CONSENT] = g_strdup ("accepts_marketing");
  options.orders.categories = g_strsplit ("country", ",", -1);
  options.orders.numeric = g_strsplit ("score", ",", -1);
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report->transactions.notes, "1 consent values"));
  g_assert_nonnull (strstr (report->transactions.notes, "1 values in numeric columns"));

  c1 = customer_id (f->store, "C1");
  c2 = customer_id (f->store, "C2");
  c3 = customer_id (f->store, "C3");

  /* The latest order's value, whatever the order of the rows; the list wins for C2. */
  g_assert_true (sc_store_load_consent (f->store, 3, consent, listed, &error));
  g_assert_cmpint (consent[c1], ==, 0);
  g_assert_cmpint (consent[c2], ==, 1);
  g_assert_cmpint (consent[c3], ==, 1);
  g_assert_cmpint (listed[c1], ==, 0);
  g_assert_cmpint (listed[c2], ==, 1);

  g_assert_true (sc_store_load_attributes (f->store, 3, &attributes, &error));
  g_assert_cmpuint (attributes->len, ==, 2);
  {
    ScAttribute *score = g_ptr_array_index (attributes, 0);
    ScAttribute *country = g_ptr_array_index (attributes, 1);

    g_assert_cmpstr (score->name, ==, "score");
    g_assert_cmpfloat (score->values[c1], ==, 2);
    g_assert_true (isnan (score->values[c2]));
    g_assert_cmpfloat (score->values[c3], ==, 7);
    g_assert_cmpstr (country->name, ==, "country");
    g_assert_cmpstr (country->levels[country->codes[c1]], ==, "FR");
    g_assert_cmpstr (country->levels[country->codes[c2]], ==, "ES");
    g_assert_cmpint (country->codes[c2], ==, country->codes[c3]);
  }
}

typedef struct
{
  GPtrArray *problems;
  GString   *csv;
} Collected;

static void
collect_problem (const char            *path,
                 const ScImportProblem *problem,
                 gpointer               user_data)
{
  Collected *c = user_data;
  ScImportProblem *copy = g_new0 (ScImportProblem, 1);

  g_assert_true (g_str_has_suffix (path, "problems.csv"));
  copy->line = problem->line;
  copy->column = g_strdup (problem->column);
  copy->reason = g_strdup (problem->reason);
  copy->raw = g_strdup (problem->raw);
  copy->kind = g_strdup (problem->kind);
  g_ptr_array_add (c->problems, copy);
  sc_import_problem_append_csv (c->csv, path, problem);
}

static void
test_problem_func (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_import_problem_free);
  g_autoptr(GString) csv = g_string_new (SC_IMPORT_PROBLEMS_CSV_HEADER);
  Collected c = { problems, csv };
  ScImportOptions options;
  const ScImportProblem *date;

  /* A dry run hands over every problem, not only the examples the report keeps. */
  sc_import_options_init (&options);
  options.transactions_path = data_path ("problems.csv");
  options.problem_func = collect_problem;
  options.problem_data = &c;
  report = sc_import (NULL, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);

  g_assert_cmpuint (problems->len, ==, 7);
  date = g_ptr_array_index (problems, 1);
  g_assert_cmpuint (date->line, ==, 4);
  g_assert_cmpstr (date->kind, ==, "rejected");
  g_assert_cmpstr (date->column, ==, "order_date");
  g_assert_cmpstr (date->raw, ==, "O3,C2,2024-02-31,10.00");
  g_assert_nonnull (strstr (date->reason, "2024-02-31"));

  g_assert_true (g_str_has_prefix (csv->str, "file,line,column,kind,reason,raw\n"));
  g_assert_nonnull (strstr (csv->str, ",4,order_date,rejected,"));
  g_assert_nonnull (strstr (csv->str, "\"O3,C2,2024-02-31,10.00\"\n"));
}

static void
test_problem_csv (void)
{
  ScImportProblem p = { 12, NULL, (char *) "said \"no\"", (char *) "=HYPERLINK(1)",
                        (char *) "rejected" };
  g_autoptr(GString) out = g_string_new (NULL);

  /* Cells are quoted where they need it, quotes doubled; a cell starting with = is kept as
   * text; a missing column is an empty cell. */
  sc_import_problem_append_csv (out, "/tmp/a.csv", &p);
  g_assert_cmpstr (out->str, ==,
                   "/tmp/a.csv,12,,rejected,\"said \"\"no\"\"\",\"'=HYPERLINK(1)\"\n");
}

static void
test_preview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *semicolon = data_path ("semicolon.csv");
  g_autofree char *problems = data_path ("problems.csv");
  g_autoptr(ScImportPreview) preview = NULL;
  ScImportFormat format = { 0 };
  char **row;

  preview = sc_import_preview (semicolon, SC_TABLE_TRANSACTIONS, NULL, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->dialect.delimiter, ==, ';');
  g_assert_cmpint (preview->dialect.decimal_mark, ==, ',');
  g_assert_true (preview->dialect.has_header);
  g_assert_cmpuint (preview->n_columns, ==, 4);
  g_assert_cmpstr (preview->header[3], ==, "Betrag");
  g_assert_cmpuint (preview->rows->len, ==, 3);
  g_assert_true (preview->complete);
  row = g_ptr_array_index (preview->rows, 0);
  g_assert_cmpstr (row[3], ==, "1.234,50");
  g_assert_cmpuint (preview->lines[0], ==, 2);
  g_assert_cmpint (preview->guesses[2].role, ==, SC_ROLE_DATE);
  g_assert_cmpint (preview->guesses[2].date_order, ==, SC_DATE_ORDER_DMY);
  g_clear_pointer (&preview, sc_import_preview_free);

  /* Choices override the sniffed dialect: split on commas, the decimal commas split too. */
  format.delimiter = ',';
  format.header = SC_IMPORT_HEADER_NO;
  preview = sc_import_preview (semicolon, SC_TABLE_TRANSACTIONS, &format, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->dialect.delimiter, ==, ',');
  g_assert_false (preview->dialect.has_header);
  g_assert_cmpstr (preview->header[0], ==, "Column 1");
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_false (preview->complete);
  row = g_ptr_array_index (preview->rows, 0);
  g_assert_cmpstr (row[0], ==, "Bestellung;Kunde;Datum;Betrag");
  g_assert_cmpuint (preview->lines[0], ==, 1);
  g_clear_pointer (&preview, sc_import_preview_free);

  /* Ragged rows are padded, and say how many fields they had. */
  preview = sc_import_preview (problems, SC_TABLE_TRANSACTIONS, NULL, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->n_fields[4], ==, 5);
  g_assert_cmpuint (preview->n_fields[0], ==, 4);
  row = g_ptr_array_index (preview->rows, 1);
  g_assert_cmpstr (row[1], ==, "");
}

static void
test_preview_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = write_file (f, "report.pdf", "%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n");
  g_autofree char *header_only = write_file (f, "header.csv", "customer,date,amount\n");
  g_autofree char *empty = write_file (f, "empty.csv", "");
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autofree char *basic = data_path ("basic.csv");
  ScImportFormat bad = { 'x', 0, 0, 0 };
  ScImportPreview *preview;

  preview = sc_import_preview (pdf, SC_TABLE_TRANSACTIONS, NULL, 100, &error);
  g_assert_null (preview);
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_assert_nonnull (strstr (error->message, "PDF"));
  g_clear_error (&error);

  preview = sc_import_preview (empty, SC_TABLE_TRANSACTIONS, NULL, 100, &error);
  g_assert_null (preview);
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  preview = sc_import_preview (header_only, SC_TABLE_TRANSACTIONS, NULL, 100, &error);
  g_assert_null (preview);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);

  preview = sc_import_preview (missing, SC_TABLE_TRANSACTIONS, NULL, 100, &error);
  g_assert_null (preview);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  preview = sc_import_preview (basic, SC_TABLE_TRANSACTIONS, &bad, 100, &error);
  g_assert_null (preview);
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
}

static void
collect_message (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  if (message != NULL)
    g_ptr_array_add (user_data, g_strdup (message));
}

static void
test_progress_rows (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big = write_big_file (f->dir, 20000);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;
  gboolean counted = FALSE;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (big);
  report = sc_import (NULL, &options, collect_message, messages, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);

  /* The rows read so far show while reading, grouped even in the C locale: 4,096, 8,192, ... */
  for (guint i = 0; i < messages->len; i++)
    {
      const char *m = g_ptr_array_index (messages, i);
      if (g_str_has_prefix (m, "Reading orders: ") && strstr (m, "4,096 rows") != NULL)
        counted = TRUE;
    }
  g_assert_true (counted);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/Core/Importer/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("basic", test_basic);
  ADD ("problems", test_problems);
  ADD ("semicolon-decimal-comma", test_semicolon_decimal_comma);
  ADD ("order-lines", test_order_lines);
  ADD ("customer-list", test_customer_list);
  ADD ("dates-whole-column", test_dates_resolved_from_whole_column);
  ADD ("cancel-rolls-back", test_cancel_leaves_project_unchanged);
  ADD ("failure-rolls-back", test_failed_import_rolls_back);
  ADD ("missing-role", test_missing_role);
  ADD ("explicit-map", test_explicit_map);
  ADD ("dry-run", test_dry_run);
  ADD ("append", test_append);
  ADD ("append-same-file-twice", test_append_same_file_twice);
  ADD ("append-returns-of-earlier-orders", test_append_returns_of_earlier_orders);
  ADD ("not-a-table", test_not_a_table);
  ADD ("report-text", test_report_text);
  ADD ("header-option", test_header_option);
  ADD ("encoding-option", test_encoding_option);
  ADD ("encoding-per-line", test_encoding_per_line);
  ADD ("encoding-whole-file", test_encoding_whole_file);
  ADD ("duplicate-raw-text", test_duplicate_raw_text);
  ADD ("tables", test_tables);
  ADD ("table-missing-column", test_table_missing_column);
  ADD ("no-order-column", test_no_order_column);
  ADD ("order-attributes", test_order_attributes);
  ADD ("problem-func", test_problem_func);
  ADD ("preview-errors", test_preview_errors);
  ADD ("progress-rows", test_progress_rows);
#undef ADD
  g_test_add_func ("/Core/Importer/problem-csv", test_problem_csv);
  g_test_add_func ("/Core/Importer/preview", test_preview);

  return g_test_run ();
}
