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
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&f->store, sc_store_close);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "import", name, NULL);
}

static gint64
query (ScStore    *store,
       const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_true (_sc_store_prepare (store, sql, &stmt, NULL));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
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
  g_assert_cmpint (query (f->store, "SELECT count(*) FROM imports"), ==, 1);
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
  g_assert_cmpint (query (f->store, "SELECT count(*) FROM import_problems"), ==, 7);
  g_assert_cmpint (query (f->store, "SELECT count(*) FROM import_problems WHERE line = 4 AND "
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
      g_assert_cmpint (query (f->store, "SELECT count(*) FROM imports"), ==, 1);
      g_assert_cmpint (query (f->store, "SELECT count(*) FROM import_problems"), ==, 0);
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
  g_assert_cmpint (query (f->store, "SELECT count(*) FROM imports"), ==, 0);
  g_assert_cmpint (query (f->store, "SELECT count(*) FROM import_problems"), ==, 0);
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
  g_assert_cmpint (query (f->store, "SELECT count(*) FROM imports"), ==, 0);
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

  g_assert_cmpint (query (f->store, "SELECT count(*) FROM imports"), ==, 0);
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
  ADD ("not-a-table", test_not_a_table);
  ADD ("report-text", test_report_text);
#undef ADD

  return g_test_run ();
}
