/* test-pg-browse.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the import wizard's database step asks before importing (issue 22,
 * sc-project-pg-browse.c).  Without a server: connection settings written and read back
 * whatever characters they hold (quotes, backslashes, blanks), and malformed connection
 * strings refused.  Against the throwaway server build-aux/test starts (skipped without
 * it): the relations listed are those the role may read; a table and a query preview with
 * their columns, first rows and detected roles; a missing table, a failing query, a table
 * without SELECT rights and a cancel each fail with their error; the async calls give the
 * same answers. */

#include "config.h"

#include <string.h>

#include "sc-project-pg-browse.h"
#include "sc-project-pg.h"
#include "test-utils.h"

static const char *host;
static const char *user;
static const char *password;
static char *db;
static char *reader;   /* a role that may read the orders only */

static void
test_conninfo_round_trip (void)
{
  const char *values[] = { "plain", "with space", "it's", "back\\slash", "'\\ '", "é ü" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    for (guint j = 0; j < G_N_ELEMENTS (values); j++)
      {
        ScPgConnection c = { (char *) values[i], (char *) "6543", (char *) values[j],
                             (char *) values[(i + j) % G_N_ELEMENTS (values)],
                             (char *) "require" };
        g_auto(ScPgConnection) back = { 0 };
        g_autoptr(GError) error = NULL;
        g_autofree char *info = sc_pg_connection_to_conninfo (&c, values[j]);

        g_assert_true (sc_pg_connection_parse (info, &back, &error));
        g_assert_no_error (error);
        g_assert_cmpstr (back.host, ==, c.host);
        g_assert_cmpstr (back.port, ==, c.port);
        g_assert_cmpstr (back.dbname, ==, c.dbname);
        g_assert_cmpstr (back.user, ==, c.user);
        g_assert_cmpstr (back.sslmode, ==, c.sslmode);
      }
}

static void
test_conninfo_unset (void)
{
  ScPgConnection c = { NULL, (char *) "", (char *) "shop", NULL, NULL };
  g_auto(ScPgConnection) back = { 0 };
  g_autofree char *info = sc_pg_connection_to_conninfo (&c, NULL);
  g_autofree char *full = sc_pg_conninfo_with_password (info, "s3cret'");

  /* Unset and empty settings are left to libpq's defaults. */
  g_assert_cmpstr (info, ==, "dbname='shop'");
  g_assert_cmpstr (full, ==, "dbname='shop' password='s3cret\\''");
  g_assert_true (sc_pg_connection_parse ("postgresql://ann@db.example.com:5433/sales", &back,
                                         NULL));
  g_assert_cmpstr (back.host, ==, "db.example.com");
  g_assert_cmpstr (back.port, ==, "5433");
  g_assert_cmpstr (back.dbname, ==, "sales");
  g_assert_cmpstr (back.user, ==, "ann");
}

static void
test_conninfo_malformed (void)
{
  const char *bad[] = { "host='unterminated", "nonsense", "host=a nosuchkey=1",
                        "postgresql://[::1", "dbname" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(ScPgConnection) c = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (sc_pg_connection_parse (bad[i], &c, &error));
      g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
      g_assert_null (c.host);
    }
}

/* {{{ Against the server */

static void
psql (const char *database,
      const char *sql)
{
  const char *argv[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql,
                         NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PGPASSWORD", password, TRUE);
  g_autoptr(GError) error = NULL;
  int status;

  env = g_environ_setenv (env, "PGHOST", host, TRUE);
  env = g_environ_setenv (env, "PGUSER", user, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static char *
conninfo_as (const char *role,
             const char *role_password)
{
  ScPgConnection c = { (char *) host, NULL, db, (char *) role, NULL };

  return sc_pg_connection_to_conninfo (&c, role_password);
}

static gboolean
need_server (void)
{
  if (host != NULL)
    return TRUE;
  g_test_skip ("no PostgreSQL server: build-aux/test starts one");
  return FALSE;
}

static gboolean
contains (GStrv        names,
          const char  *name)
{
  return names != NULL && g_strv_contains ((const char * const *) names, name);
}

static void
test_list (void)
{
  g_autofree char *owner = NULL;
  g_autofree char *reader_info = NULL;
  g_autofree char *wrong = NULL;
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) some = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_server ())
    return;
  owner = conninfo_as (user, password);
  reader_info = conninfo_as (reader, "reader-pw");
  wrong = conninfo_as (user, "not-the-password");

  all = sc_pg_list_relations (owner, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (contains (all, "orders"));
  g_assert_true (contains (all, "secret"));
  g_assert_true (contains (all, "order_view"));
  g_assert_true (contains (all, "sales.lines"));
  g_assert_false (contains (all, "pg_class"));

  /* Only what the role may read. */
  some = sc_pg_list_relations (reader_info, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (contains (some, "orders"));
  g_assert_false (contains (some, "secret"));

  g_assert_null (sc_pg_list_relations (wrong, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "password"));
  /* Said for a desktop user too: where a password comes from is the caller's to add. */
  g_assert_true (sc_pg_error_is_login (error));
  g_assert_null (strstr (error->message, "PGPASSWORD"));
}

static void
test_preview (void)
{
  g_autofree char *owner = NULL;
  g_autofree char *reader_info = NULL;
  g_autoptr(ScPgPreview) table = NULL;
  g_autoptr(ScPgPreview) query = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_server ())
    return;
  owner = conninfo_as (user, password);
  reader_info = conninfo_as (reader, "reader-pw");

  table = sc_pg_preview (owner, "orders", NULL, SC_TABLE_TRANSACTIONS, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (table->columns), ==, 4);
  g_assert_cmpstr (table->columns[0], ==, "customer_id");
  g_assert_cmpuint (table->rows->len, ==, 3);
  g_assert_cmpint (table->roles[0], ==, SC_ROLE_CUSTOMER);
  g_assert_cmpint (table->roles[1], ==, SC_ROLE_DATE);
  g_assert_cmpint (table->roles[2], ==, SC_ROLE_AMOUNT);
  /* A NULL is shown empty. */
  g_assert_cmpstr (((char **) g_ptr_array_index (table->rows, 0))[3], ==, "");

  /* A query, its trailing semicolon and all; fewer rows than asked. */
  query = sc_pg_preview (owner, NULL,
                         "SELECT customer_id AS who, sum(amount) AS spend FROM orders "
                         "GROUP BY 1 ORDER BY 1 LIMIT 2;\n", SC_TABLE_TRANSACTIONS, 5, NULL,
                         &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (query->columns, ((const char * const []) { "who", "spend", NULL }));
  g_assert_cmpuint (query->rows->len, ==, 2);

  /* A query cannot write: it runs read-only. */
  g_assert_null (sc_pg_preview (owner, NULL, "DELETE FROM orders RETURNING *",
                                SC_TABLE_TRANSACTIONS, 5, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_null (sc_pg_preview (owner, "no_such_table", NULL, SC_TABLE_TRANSACTIONS, 5, NULL,
                                &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no_such_table"));
  g_clear_error (&error);

  g_assert_null (sc_pg_preview (reader_info, "secret", NULL, SC_TABLE_TRANSACTIONS, 5, NULL,
                                &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The rows are still there after all of it. */
  g_clear_pointer (&table, sc_pg_preview_free);
  table = sc_pg_preview (owner, "orders", NULL, SC_TABLE_TRANSACTIONS, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 6);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GError *error = NULL;
  GStrv names = sc_pg_list_relations_finish (result, &error);

  g_assert_null (source);
  g_assert_no_error (error);
  *(GStrv *) data = names;
}

static void
on_previewed (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GError **error = data;
  ScPgPreview *preview = sc_pg_preview_finish (result, error);

  g_assert_null (preview);
  g_assert_nonnull (*error);
}

static void
test_async_and_cancel (void)
{
  g_autofree char *owner = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  if (!need_server ())
    return;
  owner = conninfo_as (user, password);

  sc_pg_list_relations_async (owner, NULL, on_listed, &names);
  while (names == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (contains (names, "orders"));

  g_cancellable_cancel (cancellable);
  sc_pg_preview_async (owner, "orders", NULL, SC_TABLE_TRANSACTIONS, 5, cancellable,
                       on_previewed, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!sc_pg_available ())
    {
      g_printerr ("SKIP: this build cannot read PostgreSQL (no libpq)\n");
      return 77;
    }

  host = g_getenv ("SEGMENTS_TEST_PGHOST");
  user = g_getenv ("SEGMENTS_TEST_PGUSER") != NULL ? g_getenv ("SEGMENTS_TEST_PGUSER")
                                                   : "segments";
  password = g_getenv ("SEGMENTS_TEST_PGPASSWORD");
  if (host != NULL)
    {
      g_autofree char *drop = NULL;
      g_autofree char *create = NULL;
      g_autofree char *role = NULL;
      g_autofree char *grant = NULL;

      db = g_strdup_printf ("segments_browse_%d", (int) getpid ());
      reader = g_strdup_printf ("segments_reader_%d", (int) getpid ());
      role = g_strdup_printf ("CREATE ROLE %s LOGIN PASSWORD 'reader-pw'", reader);
      grant = g_strdup_printf ("GRANT SELECT ON orders TO %s", reader);
      drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s", db);
      create = g_strdup_printf ("CREATE DATABASE %s", db);
      psql ("postgres", drop);
      psql ("postgres", create);
      psql ("postgres", role);
      psql (db, "CREATE TABLE orders (customer_id text, order_date date, amount numeric, "
                "note text); "
                "INSERT INTO orders SELECT 'c' || (i % 3), DATE '2024-01-01' + i, i * 1.5, "
                "NULL FROM generate_series(1, 6) AS i; "
                "CREATE TABLE secret (x int); "
                "CREATE VIEW order_view AS SELECT * FROM orders; "
                "CREATE SCHEMA sales; CREATE TABLE sales.lines (y int)");
      psql (db, grant);
    }

  g_test_add_func ("/Pg/Browse/conninfo/round-trip", test_conninfo_round_trip);
  g_test_add_func ("/Pg/Browse/conninfo/unset", test_conninfo_unset);
  g_test_add_func ("/Pg/Browse/conninfo/malformed", test_conninfo_malformed);
  g_test_add_func ("/Pg/Browse/list", test_list);
  g_test_add_func ("/Pg/Browse/preview", test_preview);
  g_test_add_func ("/Pg/Browse/async-and-cancel", test_async_and_cancel);

  ret = g_test_run ();

  if (host != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s", db);
      g_autofree char *drop_role = g_strdup_printf ("DROP ROLE %s", reader);

      psql ("postgres", drop);
      psql ("postgres", drop_role);
    }
  g_free (db);
  g_free (reader);
  return ret;
}
