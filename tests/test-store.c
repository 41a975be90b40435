/* test-store.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sc-store-private.h"
#include "test-utils.h"

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("segments-store-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

static void
test_create_and_reopen (void)
{
  g_autofree char *path = temp_path ("new.segments");
  g_autoptr(GError) error = NULL;
  ScStore *store;
  g_autofree char *value = NULL;

  store = sc_store_open (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (store, "PRAGMA user_version"), ==, SC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (test_query_int (store, "PRAGMA application_id"), ==, SC_STORE_APPLICATION_ID);
  g_assert_cmpint (test_query_int (store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_true (sc_store_set_meta (store, "title", "Quarterly review", &error));
  g_assert_cmpuint (sc_store_get_n_customers (store), ==, 0);
  sc_store_close (store);

  store = sc_store_open (path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sc_store_get_meta (store, "title", &value, &error));
  g_assert_cmpstr (value, ==, "Quarterly review");
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    g_assert_true (_sc_store_prepare (store, "PRAGMA journal_mode", &stmt, NULL));
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  }
  sc_store_close (store);
}

static void
test_missing_file (void)
{
  g_autofree char *path = temp_path ("absent.segments");
  g_autoptr(GError) error = NULL;

  g_assert_null (sc_store_open (path, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_not_a_project (void)
{
  g_autofree char *text = temp_path ("notes.segments");
  g_autofree char *other = temp_path ("other.segments");
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (text, "this is a text file, not a database\n", -1, NULL));
  g_assert_null (sc_store_open (text, FALSE, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_PROJECT);
  g_clear_error (&error);

  /* A SQLite file of another application is left alone. */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA application_id = 42", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (sc_store_open (other, FALSE, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_PROJECT);
  g_assert_nonnull (strstr (error->message, "not a Segments project"));
}

static void
test_newer_version (void)
{
  g_autofree char *path = temp_path ("future.segments");
  g_autoptr(GError) error = NULL;
  ScStore *store;
  sqlite3 *db;

  store = sc_store_open (path, TRUE, &error);
  g_assert_no_error (error);
  sc_store_close (store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_null (sc_store_open (path, FALSE, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_transactions_round_trip (void)
{
  g_autofree char *path = temp_path ("tx.segments");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (path, TRUE, &error);
  g_autoptr(ScTransactions) tx = NULL;
  const char keys[] = "a\0b\0c";
  guint32 order[200];
  /* 200 rows exercise the multi-row statement and the single-row tail. */
  guint32 cust[200];
  ScDay day[200];
  double amount[200];

  for (guint i = 0; i < 200; i++)
    {
      cust[i] = (i * 7) % 3;
      day[i] = 1000 - (ScDay) i;     /* descending: loading must sort */
      amount[i] = i;
      order[i] = i;
    }

  g_assert_no_error (error);
  g_assert_true (sc_store_begin (store, &error));
  g_assert_true (sc_store_save_customer_keys (store, 3, keys, sizeof keys, &error));
  /* Chunks are only written for rows of a recorded import. */
  g_assert_true (_sc_store_exec (store, "INSERT INTO imports (id, kind, path, imported_at) "
                                 "VALUES (1, 'transactions', 'x.csv', 'now')", &error));
  g_assert_true (_sc_store_insert_transactions (store, 1, 200, cust, day, amount, NULL, order, 0, NULL,
                                                NULL, NULL, NULL, &error));
  g_assert_true (sc_store_commit (store, &error));

  tx = sc_store_load_transactions (store, 3, G_MAXINT32, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_store_get_n_customers (store), ==, 3);
  g_assert_cmpuint (sc_store_get_n_transactions (store), ==, 200);
  g_assert_cmpuint (tx->n_rows, ==, 200);
  g_assert_cmpuint (tx->offsets[3], ==, 200);
  for (guint c = 0; c < 3; c++)
    for (gsize r = tx->offsets[c] + 1; r < tx->offsets[c + 1]; r++)
      g_assert_cmpint (tx->day[r - 1], <=, tx->day[r]);
  /* Rows keep their amounts through the sort: day and amount still sum to 1000. */
  for (gsize r = 0; r < tx->n_rows; r++)
    {
      g_assert_cmpfloat (tx->day[r] + tx->amount[r], ==, 1000);
      g_assert_cmpfloat (tx->order[r], ==, tx->amount[r]);
    }
  g_clear_pointer (&tx, sc_transactions_free);

  tx = sc_store_load_transactions (store, 3, 900, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tx->n_rows, ==, 100);   /* days 801 to 900 */
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Store/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/Core/Store/missing-file", test_missing_file);
  g_test_add_func ("/Core/Store/not-a-project", test_not_a_project);
  g_test_add_func ("/Core/Store/newer-version", test_newer_version);
  g_test_add_func ("/Core/Store/transactions-round-trip", test_transactions_round_trip);

  return g_test_run ();
}
