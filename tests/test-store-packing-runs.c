/* test-store-packing-runs.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs' labels and interaction chunks are packed (sc-store-codec.c) and read back bit for
 * bit; the raw arrays older builds wrote still read; a damaged blob is an error. The data
 * are random (seeded): interactions over more than one chunk, with NaN values, and labels of
 * a segmentation of generated orders. */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-importer.h"
#include "sc-rerun.h"
#include "sc-store-interactions.h"
#include "sc-store-private.h"
#include "test-utils.h"

#define N_CUSTOMERS 400
#define N_ROWS      70000   /* two chunks */

typedef struct
{
  char    *dir;
  ScStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GString) out = g_string_new ("order_id,customer_id,order_date,amount\n");
  g_autoptr(ScImportReport) report = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = NULL;
  ScImportOptions options;
  guint order = 0;

  f->dir = g_dir_make_tmp ("segments-packing-runs-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint c = 0; c < N_CUSTOMERS; c++)
    for (guint j = 0, n = 1 + (guint) g_rand_int_range (rand, 0, 8); j < n; j++)
      g_string_append_printf (out, "O%u,C%04u,2025-%02d-%02d,%.2f\n", order++, c,
                              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                              g_rand_int_range (rand, 100, 90000) / 100.0);
  csv = g_build_filename (f->dir, "orders.csv", NULL);
  g_assert_true (g_file_set_contents (csv, out->str, -1, NULL));
  path = g_build_filename (f->dir, "p.segments", NULL);
  f->store = sc_store_open (path, TRUE, &error);
  g_assert_no_error (error);
  sc_import_options_init (&options);
  options.transactions_path = g_strdup (csv);
  report = sc_import (f->store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->store, sc_store_close);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
bind_raw (sqlite3_stmt *stmt,
          int           col,
          const void   *data,
          gsize         bytes)
{
  g_assert_cmpint (sqlite3_bind_blob64 (stmt, col, data, bytes, SQLITE_TRANSIENT), ==,
                   SQLITE_OK);
}

static void
assert_same_interactions (const ScInteractions *ix,
                          gsize                 n,
                          const guint32        *customer,
                          const ScDay          *day,
                          const guint16        *type,
                          const double         *value,
                          const guint16        *channel)
{
  g_assert_cmpuint (ix->n, ==, n);
  g_assert_cmpmem (ix->customer, sizeof (guint32) * n, customer, sizeof (guint32) * n);
  g_assert_cmpmem (ix->day, sizeof (ScDay) * n, day, sizeof (ScDay) * n);
  g_assert_cmpmem (ix->type, sizeof (guint16) * n, type, sizeof (guint16) * n);
  g_assert_cmpmem (ix->value, sizeof (double) * n, value, sizeof (double) * n);
  g_assert_cmpmem (ix->channel, sizeof (guint16) * n, channel, sizeof (guint16) * n);
}

static void
test_interactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(GPtrArray) channels = g_ptr_array_new ();
  g_autofree guint32 *customer = g_new (guint32, N_ROWS);
  g_autofree ScDay *day = g_new (ScDay, N_ROWS);
  g_autofree guint16 *type = g_new (guint16, N_ROWS);
  g_autofree double *value = g_new (double, N_ROWS);
  g_autofree guint16 *channel = g_new (guint16, N_ROWS);
  gint64 import_id = test_query_int (f->store, "SELECT max (id) FROM imports");

  for (gsize i = 0; i < N_ROWS; i++)
    {
      customer[i] = (guint32) g_rand_int_range (rand, 0, N_CUSTOMERS);
      day[i] = 20000 + g_rand_int_range (rand, 0, 700);
      type[i] = (guint16) g_rand_int_range (rand, 0, 3);
      value[i] = g_rand_int_range (rand, 0, 4) == 0 ? NAN : g_rand_int_range (rand, 0, 999) / 10.0;
      channel[i] = (guint16) g_rand_int_range (rand, 0, 2);
    }
  g_ptr_array_add (types, "email_open");
  g_ptr_array_add (types, "web_visit");
  g_ptr_array_add (types, "ticket");
  g_ptr_array_add (channels, "");
  g_ptr_array_add (channels, "web");
  g_assert_true (sc_store_begin (f->store, &error));
  g_assert_true (sc_store_save_interaction_names (f->store, "interaction_types", types, &error));
  g_assert_true (sc_store_save_interaction_names (f->store, "interaction_channels", channels,
                                                  &error));
  g_assert_true (sc_store_insert_interactions (f->store, (guint64) import_id, N_ROWS, customer,
                                               day, type, value, channel, NULL, &error));
  g_assert_true (sc_store_commit (f->store, &error));
  g_assert_no_error (error);

  /* Packed: no column of any chunk is its raw array. */
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM interaction_chunks"), ==, 2);
  g_assert_cmpint (test_query_int (f->store, "SELECT count(*) FROM interaction_chunks WHERE "
                                   "length (customer) = 4 * n OR length (day) = 4 * n OR "
                                   "length (type) = 2 * n OR length (value) = 8 * n OR "
                                   "length (channel) = 2 * n"), ==, 0);
  g_assert_cmpint (test_query_int (f->store, "SELECT sum (length (customer) + length (day) + "
                                   "length (type) + length (value) + length (channel)) FROM "
                                   "interaction_chunks"), <, 20 * N_ROWS / 2);
  {
    g_autoptr(ScInteractions) ix = sc_store_load_interactions (f->store, NULL, &error);

    g_assert_no_error (error);
    assert_same_interactions (ix, N_ROWS, customer, day, type, value, channel);
  }

  /* The raw chunks of older builds read as before. */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_true (_sc_store_exec (f->store, "DELETE FROM interaction_chunks", &error));
    g_assert_true (_sc_store_prepare (f->store, "INSERT INTO interaction_chunks (import, n, "
                                      "customer, day, type, value, channel) VALUES "
                                      "(?,?,?,?,?,?,?)", &stmt, &error));
    sqlite3_bind_int64 (stmt, 1, import_id);
    sqlite3_bind_int64 (stmt, 2, N_ROWS);
    bind_raw (stmt, 3, customer, sizeof (guint32) * N_ROWS);
    bind_raw (stmt, 4, day, sizeof (ScDay) * N_ROWS);
    bind_raw (stmt, 5, type, sizeof (guint16) * N_ROWS);
    bind_raw (stmt, 6, value, sizeof (double) * N_ROWS);
    bind_raw (stmt, 7, channel, sizeof (guint16) * N_ROWS);
    g_assert_true (_sc_store_step_done (f->store, stmt, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(ScInteractions) ix = sc_store_load_interactions (f->store, NULL, &error);

    g_assert_no_error (error);
    assert_same_interactions (ix, N_ROWS, customer, day, type, value, channel);
  }

  /* A cut blob is damage. */
  g_assert_true (_sc_store_exec (f->store, "UPDATE interaction_chunks SET value = "
                                 "substr (value, 1, length (value) - 3)", &error));
  {
    g_autoptr(ScInteractions) ix = sc_store_load_interactions (f->store, NULL, &error);

    g_assert_null (ix);
    g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
  }
}

static void
test_labels (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = NULL;
  ScRunParams params;
  gsize n;

  sc_run_params_init (&params);
  params.k = 4;
  params.n_resamples = 0;
  run = sc_run_segment (f->store, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  n = run->n_customers;
  g_assert_cmpuint (n, ==, N_CUSTOMERS);

  /* Packed: a few bits a customer instead of 16. */
  g_assert_cmpint (test_query_int (f->store, "SELECT length (labels) FROM runs WHERE "
                                   "is_current"), <, (gint64) n / 2);
  {
    g_autoptr(ScRun) back = sc_run_load_current (f->store, &error);

    g_assert_no_error (error);
    g_assert_cmpmem (back->labels, sizeof (guint16) * n, run->labels, sizeof (guint16) * n);
  }

  /* The raw labels of older builds read as before. */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    g_autoptr(ScRun) back = NULL;

    g_assert_true (_sc_store_prepare (f->store, "UPDATE runs SET labels = ? WHERE is_current",
                                      &stmt, &error));
    bind_raw (stmt, 1, run->labels, sizeof (guint16) * n);
    g_assert_true (_sc_store_step_done (f->store, stmt, &error));
    back = sc_run_load_current (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (back->labels, sizeof (guint16) * n, run->labels, sizeof (guint16) * n);
  }

  /* Another length, or a packed blob cut short, is damage. */
  g_assert_true (_sc_store_exec (f->store, "UPDATE runs SET labels = x'b50102035a'", &error));
  {
    g_autoptr(ScRun) back = sc_run_load_current (f->store, &error);

    g_assert_null (back);
    g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/Core/StorePacking/interactions", Fixture, NULL, fixture_setup,
              test_interactions, fixture_teardown);
  g_test_add ("/Core/StorePacking/run-labels", Fixture, NULL, fixture_setup, test_labels,
              fixture_teardown);
  return g_test_run ();
}
