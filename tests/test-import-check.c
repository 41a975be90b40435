/* test-import-check.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sc_project_check_import(), the import wizard's check against the project it adds to: on
 * seeded datasets (a first file, then a second one repeating some of its rows, some of its
 * customers and new ones), the check counts exactly what the import then adds, rows already
 * present and new customers alike, and writes nothing. */

#include <glib/gstdio.h>

#include "sc-project.h"
#include "test-utils.h"

static char *tmp_dir;

/* Orders of customers C<first>..C<first + n_customers - 1>, ids O<base + i>. */
static void
append_orders (GString *csv,
               GRand   *rand,
               guint    base,
               guint    n_rows,
               guint    first,
               guint    n_customers)
{
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "O%u,C%u,2024-%02d-%02d,%d.%02d\n", base + i,
                            first + (guint) g_rand_int_range (rand, 0, (gint32) n_customers),
                            g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                            g_rand_int_range (rand, 1, 900), g_rand_int_range (rand, 0, 100));
}

static char *
write_file (const char *name,
            GString    *csv)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

static ScImportReport *
import (ScProject  *project,
        const char *orders)
{
  g_autoptr(GError) error = NULL;
  ScImportOptions options;
  ScImportReport *report;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (orders);
  report = sc_project_import (project, &options, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  return report;
}

static void
test_check_counts_what_import_adds (void)
{
  for (guint seed = 1; seed <= 12; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autofree char *path = g_strdup_printf ("%s/check-%u.segments", tmp_dir, seed);
      g_autoptr(GString) first = g_string_new ("order_id,customer_id,order_date,amount\n");
      g_autoptr(GString) second = g_string_new ("order_id,customer_id,order_date,amount\n");
      g_autofree char *first_path = NULL;
      g_autofree char *second_path = NULL;
      g_autoptr(ScProject) project = NULL;
      g_autoptr(ScImportReport) imported = NULL;
      g_autoptr(ScImportReport) checked = NULL;
      g_autoptr(ScImportReport) added = NULL;
      g_autoptr(GError) error = NULL;
      guint n_first = (guint) g_rand_int_range (rand, 20, 300);
      guint n_customers = (guint) g_rand_int_range (rand, 5, 80);
      gchar **lines;
      guint64 n_transactions;
      ScImportOptions options;

      append_orders (first, rand, 0, n_first, 0, n_customers);
      first_path = write_file ("first.csv", first);

      /* Some of the first file's rows again, then new orders of old and new customers. */
      lines = g_strsplit (first->str, "\n", -1);
      for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
        if (g_rand_boolean (rand))
          g_string_append_printf (second, "%s\n", lines[i]);
      g_strfreev (lines);
      append_orders (second, rand, 100000, (guint) g_rand_int_range (rand, 0, 100),
                     n_customers / 2, n_customers + (guint) g_rand_int_range (rand, 0, 40));
      second_path = write_file ("second.csv", second);

      project = sc_project_open (path, TRUE, &error);
      g_assert_no_error (error);
      imported = import (project, first_path);
      g_assert_true (sc_project_reload (project, &error));
      n_transactions = sc_project_get_n_transactions (project);

      sc_import_options_init (&options);
      options.transactions_path = g_strdup (second_path);
      checked = sc_project_check_import (project, &options, NULL, NULL, &error);
      sc_import_options_clear (&options);
      g_assert_no_error (error);
      g_assert_nonnull (checked);
      /* Nothing written. */
      g_assert_true (sc_project_reload (project, &error));
      g_assert_cmpuint (sc_project_get_n_transactions (project), ==, n_transactions);

      added = import (project, second_path);
      g_assert_cmpuint (checked->transactions.rows_accepted, ==, added->transactions.rows_accepted);
      g_assert_cmpuint (checked->transactions.already_present, ==,
                        added->transactions.already_present);
      g_assert_cmpuint (checked->transactions.customers, ==, added->transactions.customers);
      g_assert_cmpuint (checked->transactions.new_customers, ==,
                        added->transactions.new_customers);
      g_assert_cmpuint (checked->project_transactions, ==, added->project_transactions);
      g_assert_cmpuint (checked->project_customers, ==, added->project_customers);

      /* The first file again: nothing is new. */
      {
        g_autoptr(ScImportReport) again = NULL;

        sc_import_options_init (&options);
        options.transactions_path = g_strdup (first_path);
        again = sc_project_check_import (project, &options, NULL, NULL, &error);
        sc_import_options_clear (&options);
        g_assert_no_error (error);
        g_assert_cmpuint (again->transactions.rows_accepted, ==, 0);
        g_assert_cmpuint (again->transactions.new_customers, ==, 0);
        g_assert_cmpuint (again->transactions.already_present, ==,
                          imported->transactions.rows_accepted);
      }
      g_clear_object (&project);
      g_assert_true (sc_project_delete_files (path, &error));
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = test_make_xdg_home ("test-import-check-XXXXXX");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/ImportCheck/counts-what-import-adds",
                   test_check_counts_what_import_adds);
  ret = g_test_run ();
  test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
