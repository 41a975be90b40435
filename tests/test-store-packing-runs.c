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

#include "sc-rerun.h"
#include "sc-store-interactions.h"
#include "sc-store-private.h"
#include "test-utils.h"

#define N_CUSTOMERS 400
#define N_ROWS      70000   /* two chunks */

/* A new project in @dir with generated orders imported. */
static ScStore *
open_project (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GString) out = g_string_new ("order_id,customer_id,order_date,amount\n");
  g_autofree char *csv = g_build_filename (dir, "orders.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "p.segments", NULL);
  ScStore *store;
  guint order = 0;

  for (guint c = 0; c < N_CUSTOMERS; c++)
    for (guint j = 0, n = 1 + (guint) g_rand_int_range (rand, 0, 8); j < n; j++)
      g_string_append_printf (out, "O%u,C%04u,2025-%02d-%02d,%.2f\n", order++, c,
                              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29),
                              g_rand_int_range (rand, 100, 90000) / 100.0);
  g_assert_true (g_file_set_contents (csv, out->str, -1, NULL));
  store = sc_store_open (path, TRUE, &error);
  g_assert_no_error (error);
  test_import_orders (store, csv);
  return store;
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

typedef struct
{
  guint32 customer[N_ROWS];
  ScDay   day[N_ROWS];
  guint16 type[N_ROWS];
  double  value[N_ROWS];
  guint16 channel[N_ROWS];
} Rows;

/* The project's interactions are @rows, or (%NULL) reading them reports damage. */
static void
assert_interactions (ScStore    *store,
                     const Rows *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScInteractions) ix = sc_store_load_interactions (store, NULL, &error);

  if (rows == NULL)
    {
      g_assert_null (ix);
      g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (ix->n, ==, N_ROWS);
  g_assert_cmpmem (ix->customer, sizeof rows->customer, rows->customer, sizeof rows->customer);
  g_assert_cmpmem (ix->day, sizeof rows->day, rows->day, sizeof rows->day);
  g_assert_cmpmem (ix->type, sizeof rows->type, rows->type, sizeof rows->type);
  g_assert_cmpmem (ix->value, sizeof rows->value, rows->value, sizeof rows->value);
  g_assert_cmpmem (ix->channel, sizeof rows->channel, rows->channel, sizeof rows->channel);
}

/* The current run's labels are @labels (@n), or (%NULL) reading them reports damage. */
static void
assert_labels (ScStore       *store,
               const guint16 *labels,
               gsize          n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) back = sc_run_load_current (store, &error);

  if (labels == NULL)
    {
      g_assert_null (back);
      g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpmem (back->labels, sizeof (guint16) * back->n_customers, labels,
                   sizeof (guint16) * n);
}

static void
test_interactions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(GPtrArray) channels = g_ptr_array_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-packing-runs-XXXXXX", NULL);
  g_autofree Rows *rows = g_new (Rows, 1);
  ScStore *store = open_project (dir);
  gint64 import_id = test_query_int (store, "SELECT max (id) FROM imports");

  for (gsize i = 0; i < N_ROWS; i++)
    {
      rows->customer[i] = (guint32) g_rand_int_range (rand, 0, N_CUSTOMERS);
      rows->day[i] = 20000 + g_rand_int_range (rand, 0, 700);
      rows->type[i] = (guint16) g_rand_int_range (rand, 0, 3);
      rows->value[i] = g_rand_int_range (rand, 0, 4) == 0
                       ? NAN : g_rand_int_range (rand, 0, 999) / 10.0;
      rows->channel[i] = (guint16) g_rand_int_range (rand, 0, 2);
    }
  g_ptr_array_add (types, "email_open");
  g_ptr_array_add (types, "web_visit");
  g_ptr_array_add (types, "ticket");
  g_ptr_array_add (channels, "");
  g_ptr_array_add (channels, "web");
  g_assert_true (sc_store_begin (store, &error));
  g_assert_true (sc_store_save_interaction_names (store, "interaction_types", types, &error));
  g_assert_true (sc_store_save_interaction_names (store, "interaction_channels", channels,
                                                  &error));
  g_assert_true (sc_store_insert_interactions (store, (guint64) import_id, N_ROWS,
                                               rows->customer, rows->day, rows->type,
                                               rows->value, rows->channel, NULL, &error));
  g_assert_true (sc_store_commit (store, &error));
  g_assert_no_error (error);

  /* Packed: no column of either chunk is its raw array, and all take under half. */
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM interaction_chunks"), ==, 2);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM interaction_chunks WHERE "
                                   "length (customer) = 4 * n OR length (day) = 4 * n OR "
                                   "length (type) = 2 * n OR length (value) = 8 * n OR "
                                   "length (channel) = 2 * n"), ==, 0);
  g_assert_cmpint (test_query_int (store, "SELECT sum (length (customer) + length (day) + "
                                   "length (type) + length (value) + length (channel)) FROM "
                                   "interaction_chunks"), <, 20 * N_ROWS / 2);
  assert_interactions (store, rows);

  /* The raw chunk of older builds reads as before. */
  g_assert_true (_sc_store_exec (store, "DELETE FROM interaction_chunks", &error));
  g_assert_true (_sc_store_prepare (store, "INSERT INTO interaction_chunks (import, n, "
                                    "customer, day, type, value, channel) VALUES "
                                    "(?,?,?,?,?,?,?)", &stmt, &error));
  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, N_ROWS);
  bind_raw (stmt, 3, rows->customer, sizeof rows->customer);
  bind_raw (stmt, 4, rows->day, sizeof rows->day);
  bind_raw (stmt, 5, rows->type, sizeof rows->type);
  bind_raw (stmt, 6, rows->value, sizeof rows->value);
  bind_raw (stmt, 7, rows->channel, sizeof rows->channel);
  g_assert_true (_sc_store_step_done (store, stmt, &error));
  g_assert_no_error (error);
  assert_interactions (store, rows);

  /* A cut blob is damage. */
  g_assert_true (_sc_store_exec (store, "UPDATE interaction_chunks SET value = "
                                 "substr (value, 1, length (value) - 3)", &error));
  assert_interactions (store, NULL);

  g_clear_pointer (&stmt, sqlite3_finalize);
  sc_store_close (store);
  test_remove_tree (dir);
}

static void
test_labels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-packing-runs-XXXXXX", NULL);
  ScStore *store = open_project (dir);
  ScRunParams params;
  gsize n;

  sc_run_params_init (&params);
  params.k = 4;
  params.n_resamples = 0;
  run = sc_run_segment (store, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  n = run->n_customers;
  g_assert_cmpuint (n, ==, N_CUSTOMERS);

  /* Packed: a few bits a customer instead of 16. */
  g_assert_cmpint (test_query_int (store, "SELECT length (labels) FROM runs WHERE is_current"),
                   <, (gint64) n / 2);
  assert_labels (store, run->labels, n);

  /* The raw labels of older builds read as before. */
  g_assert_true (_sc_store_prepare (store, "UPDATE runs SET labels = ? WHERE is_current",
                                    &stmt, &error));
  bind_raw (stmt, 1, run->labels, sizeof (guint16) * n);
  g_assert_true (_sc_store_step_done (store, stmt, &error));
  assert_labels (store, run->labels, n);

  /* A packed blob of another count is damage. */
  g_assert_true (_sc_store_exec (store, "UPDATE runs SET labels = x'b50102035a'", &error));
  assert_labels (store, NULL, 0);

  g_clear_pointer (&stmt, sqlite3_finalize);
  sc_store_close (store);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/StorePacking/interactions", test_interactions);
  g_test_add_func ("/Core/StorePacking/run-labels", test_labels);
  return g_test_run ();
}
