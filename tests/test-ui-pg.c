/* test-ui-pg.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import wizard's database step and Refresh From Database (issue 22), under Xvfb against
 * the throwaway PostgreSQL server build-aux/test starts (SEGMENTS_TEST_PGHOST…; skipped with
 * the reason without it).  For seeded generated datasets: a wrong password gives the core's
 * message and stays on the step; the right one lists the tables; the orders and customer
 * tables imported through the wizard give the same customers, figures and per-customer sums
 * as `segments-cli import --pg` of the same tables; the project file never holds the
 * password; after new orders reach the server, the app's refresh gives what `segments-cli
 * refresh` gives, keeping a snapshot of the segments it scored.
 *
 * ui-pg-session.sh runs it twice: with a keyring (gnome-keyring-daemon in a D-Bus session of
 * its own; SEGMENTS_TEST_KEYRING=1), where the refresh takes the password from the keyring
 * without asking, and without any Secret Service, where the step says the password cannot be
 * kept and the refresh asks for it.  With SEGMENTS_SCREENSHOT_DIR set, the steps are saved
 * there as PNGs (the help page's pictures). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-project.h"
#include "sc-project-pg-browse.h"
#include "seg-application.h"
#include "seg-import-wizard.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"
#include "ui-wizard-utils.h"

static SegApplication *app;
static const char *host;
static const char *user;
static const char *password;
static gboolean with_keyring;
static char *cli;

/* {{{ The server and the command line */

static char *
run (const char * const *argv,
     const char         *pgpassword,
     int                *status)
{
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  env = g_environ_setenv (env, "PGPASSWORD", pgpassword, TRUE);
  env = g_environ_setenv (env, "PGHOST", host, TRUE);
  env = g_environ_setenv (env, "PGUSER", user, TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (*status, NULL))
    g_test_message ("%s: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static void
psql (const char *db,
      const char *sql)
{
  const char *argv[] = { "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql,
                         NULL };
  int status;
  g_autofree char *out = run (argv, password, &status);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static char *
conninfo_for (const char *db)
{
  return g_strdup_printf ("host=%s dbname=%s user=%s", host, db, user);
}

static void
cli_ok (const char * const *argv)
{
  int status;
  g_autofree char *out = run (argv, password, &status);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Orders of @n customers from a seed: several orders each, returns, amounts with cents; a
 * customer list with a region for every other customer. */
static void
create_data (const char *db,
             guint       seed,
             guint       n)
{
  g_autofree char *orders = NULL;
  g_autofree char *customers = NULL;

  orders = g_strdup_printf (
    "CREATE TABLE orders AS "
    "SELECT 'c' || lpad(((i * %u) %% %u)::text, 5, '0') AS customer_id, "
    "       DATE '2023-01-01' + ((i * 37 + %u) %% 700) AS order_date, "
    "       CASE WHEN i %% 23 = 0 THEN -((i * 13) %% 4000) / 100.0 "
    "            ELSE ((i * 7919 + %u) %% 20000) / 100.0 END::numeric(12,2) AS amount, "
    "       'o' || i AS order_id "
    "FROM generate_series(1, %u) AS i",
    2 * seed + 1, n, seed, seed * 31, n * (3 + seed % 4));
  customers = g_strdup_printf (
    "CREATE TABLE customers AS "
    "SELECT 'c' || lpad(i::text, 5, '0') AS customer_id, "
    "       (ARRAY['north', 'south', 'east'])[1 + (i * %u) %% 3] AS region "
    "FROM generate_series(0, %u) AS i WHERE i %% 2 = 0",
    seed + 2, n - 1);
  psql (db, orders);
  psql (db, customers);
}

static char *
create_database (guint seed)
{
  char *db = g_strdup_printf ("segments_ui_%d_%u", (int) getpid (), seed);
  g_autofree char *drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s", db);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", db);

  psql ("postgres", drop);
  psql ("postgres", create);
  return db;
}

/* }}} */
/* {{{ Comparing projects */

static void
assert_same_data (const char *a_path,
                  const char *b_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) a = sc_project_open (a_path, FALSE, &error);
  g_autoptr(ScProject) b = NULL;
  g_autoptr(ScAggregates) aa = NULL;
  g_autoptr(ScAggregates) ab = NULL;
  ScDay fa, la, fb, lb;
  double ra, rb;
  guint64 oa, ob;

  g_assert_no_error (error);
  b = sc_project_open (b_path, FALSE, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (sc_project_get_n_customers (a), >, 0);
  g_assert_cmpuint (sc_project_get_n_customers (a), ==, sc_project_get_n_customers (b));
  g_assert_cmpuint (sc_project_get_n_transactions (a), ==, sc_project_get_n_transactions (b));
  g_assert_true (sc_project_get_summary (a, &fa, &la, &ra, &oa));
  g_assert_true (sc_project_get_summary (b, &fb, &lb, &rb, &ob));
  g_assert_cmpint (fa, ==, fb);
  g_assert_cmpint (la, ==, lb);
  g_assert_cmpfloat_with_epsilon (ra, rb, 1e-6 * MAX (1.0, ABS (ra)));
  g_assert_cmpuint (oa, ==, ob);

  aa = sc_project_load_aggregates (a, &error);
  g_assert_no_error (error);
  ab = sc_project_load_aggregates (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (aa->n, ==, ab->n);
  for (guint32 i = 0; i < aa->n; i++)
    {
      g_assert_cmpint (aa->first_day[i], ==, ab->first_day[i]);
      g_assert_cmpint (aa->last_day[i], ==, ab->last_day[i]);
      g_assert_cmpuint (aa->n_orders[i], ==, ab->n_orders[i]);
      g_assert_cmpuint (aa->n_purchase_days[i], ==, ab->n_purchase_days[i]);
      g_assert_cmpfloat_with_epsilon (aa->monetary[i], ab->monetary[i], 1e-6);
      g_assert_cmpfloat_with_epsilon (aa->returns[i], ab->returns[i], 1e-6);
    }
}

/* The project file, and what SQLite keeps beside it, never holds the password. */
static void
assert_no_password (const char *path)
{
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_get_contents (file, &contents, &len, NULL))
        continue;
      for (gsize at = 0; at + strlen (password) <= len; at++)
        g_assert_false (memcmp (contents + at, password, strlen (password)) == 0);
    }
}

/* }}} */
/* {{{ Driving the step */

static SegImportDatabase *database;

static void
database_next (void)
{
  gtk_widget_activate_action (GTK_WIDGET (database), "database.next", NULL);
  drain_events ();
  WAIT_FOR (!seg_import_database_is_busy (database));
}

static GtkWindow *
find_password_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
is_password_entry (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_ENTRY (widget) && !gtk_entry_get_visibility (GTK_ENTRY (widget));
}

static double
revenue (ScProject *project)
{
  ScDay first, last;
  double sum = 0.0;
  guint64 orders;

  g_assert_true (sc_project_get_summary (project, &first, &last, &sum, &orders));
  return sum;
}

static void
segment (SegWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "segment", NULL);
  drain_events ();
  WAIT_FOR (!seg_window_is_busy (window) &&
            sc_project_get_run (seg_window_get_project (window)) != NULL);
}

/* }}} */

/* The roles as the CLI is told them (cli_import()); the others stay as detected. */
static void
set_cli_roles (void)
{
  g_assert_true (seg_import_database_set_role (database, SC_ROLE_CUSTOMER, "customer_id"));
  g_assert_true (seg_import_database_set_role (database, SC_ROLE_DATE, "order_date"));
  g_assert_true (seg_import_database_set_role (database, SC_ROLE_AMOUNT, "amount"));
  g_assert_true (seg_import_database_set_role (database, SC_ROLE_ORDER, "order_id"));
}

static void
cli_import (const char *path,
            const char *info)
{
  const char *argv[] = { cli, "import", path, "--pg", info, "--orders-table", "orders",
                         "--customers-table", "customers", "--map", "customer=customer_id",
                         "--map", "date=order_date", "--map", "amount=amount", "--map",
                         "order=order_id", NULL };

  cli_ok (argv);
}

static gboolean
is_main_menu_button (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget));
}

/* The hidden-when of the menu item for @action, in @model or its sections and submenus;
 * NULL when there is no such item or it has none. */
static char *
item_hidden_when (GMenuModel *model,
                  const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        {
          char *hidden = NULL;

          g_menu_model_get_item_attribute (model, i, "hidden-when", "s", &hidden);
          return hidden;
        }
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          char *hidden = item_hidden_when (link, action);

          g_object_unref (link);
          if (hidden != NULL)
            return hidden;
        }
    }
  return NULL;
}

static void
test_import_and_refresh (gconstpointer data)
{
  guint seed = GPOINTER_TO_UINT (data);
  g_autofree char *db = create_database (seed);
  g_autofree char *info = conninfo_for (db);
  g_autofree char *dir = g_dir_make_tmp ("test-ui-pg-XXXXXX", NULL);
  g_autofree char *app_path = g_build_filename (dir, "app.segments", NULL);
  g_autofree char *cli_path = g_build_filename (dir, "cli.segments", NULL);
  g_autoptr(GFile) app_file = g_file_new_for_path (app_path);
  ScPgConnection connection = { (char *) host, NULL, db, (char *) user, (char *) "disable" };
  g_autofree char *shot = NULL;
  SegWindow *window;
  SegImportWizard *wizard;
  ScProject *project;
  const char *error;
  double revenue_before;
  int written_once = 0;
  guint written_once_handler;

  g_assert_nonnull (dir);
  create_data (db, seed, 200 + 97 * seed);

  window = wizard_new_window (GTK_APPLICATION (app));
  /* Without a database source the main menu does not offer a refresh at all: its item is
   * hidden with its action disabled. */
  {
    GtkWidget *button = find_widget (GTK_WIDGET (window), is_main_menu_button, NULL);
    g_autofree char *hidden = NULL;

    g_assert_nonnull (button);
    hidden = item_hidden_when (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)),
                               "win.refresh-database");
    g_assert_cmpstr (hidden, ==, "action-disabled");
    g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window),
                                                       "refresh-database"));
  }
  wizard = open_wizard (window);
  seg_import_wizard_set_project_file (wizard, app_file);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.database", NULL);
  drain_events ();
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "database");
  database = seg_import_wizard_get_database (wizard);
  g_assert_cmpstr (seg_import_database_get_step (database), ==, "connect");

  seg_import_database_set_connection (database, &connection, password);
  shot = g_strdup_printf ("pg-connect-%u.png", seed);
  save_widget_if_asked (GTK_WIDGET (wizard), shot);

  /* A wrong password: the server's answer, and the step stays. */
  seg_import_database_set_connection (database, &connection, "not-the-password");
  database_next ();
  error = seg_import_database_get_error (database);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "password"));
  /* Spoken to a desktop user: no environment variables. */
  g_assert_null (strstr (error, "PGPASSWORD"));
  g_assert_cmpstr (seg_import_database_get_step (database), ==, "connect");
  g_free (shot);
  shot = g_strdup_printf ("pg-error-%u.png", seed);
  save_widget_if_asked (GTK_WIDGET (wizard), shot);

  seg_import_database_set_connection (database, &connection, password);
  database_next ();
  g_assert_null (seg_import_database_get_error (database));
  g_assert_cmpstr (seg_import_database_get_step (database), ==, "source");
  if (!with_keyring)
    {
      WAIT_FOR (seg_import_database_get_keyring_note (database) != NULL);
      g_assert_nonnull (strstr (seg_import_database_get_keyring_note (database), "ask"));
    }

  /* A table that is not there is not offered. */
  g_assert_false (seg_import_database_select_orders (database, "no_such_table", NULL));
  g_assert_true (seg_import_database_select_orders (database, "orders", NULL));
  g_assert_true (seg_import_database_select_customers (database, "customers", NULL));
  g_free (shot);
  shot = g_strdup_printf ("pg-source-%u.png", seed);
  save_widget_if_asked (GTK_WIDGET (wizard), shot);
  database_next ();
  g_assert_null (seg_import_database_get_error (database));
  g_assert_cmpstr (seg_import_database_get_step (database), ==, "columns");

  /* The roles as the CLI is told them; the others stay as detected (none here). */
  set_cli_roles ();
  g_assert_false (seg_import_database_set_role (database, SC_ROLE_ORDER, "no_such_column"));
  g_free (shot);
  shot = g_strdup_printf ("pg-columns-%u.png", seed);
  save_widget_if_asked (GTK_WIDGET (wizard), shot);
  /* Into a new project: created, closed and imported into by its path, so that the import
   * writes its rows once (as the wizard's files, /Ui/Wizard/new-project-written-once). */
  written_once_handler = g_log_set_handler ("Sc", G_LOG_LEVEL_DEBUG, count_written_once,
                                            &written_once);
  database_next ();
  WAIT_FOR (g_strcmp0 (seg_import_wizard_get_page_name (wizard), "done") == 0 ||
            seg_import_database_get_error (database) != NULL);
  g_assert_null (seg_import_database_get_error (database));
  g_assert_cmpint (g_atomic_int_get (&written_once), ==, 1);
  gtk_window_close (GTK_WINDOW (wizard));
  WAIT_FOR (seg_window_get_project (window) != NULL &&
            g_strcmp0 (sc_project_get_path (seg_window_get_project (window)), app_path) == 0 &&
            !seg_window_is_busy (window));

  cli_import (cli_path, info);
  assert_same_data (app_path, cli_path);
  assert_no_password (app_path);

  /* Refresh: new orders on the server; the app scores them against its segments. */
  segment (window);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window),
                                                    "refresh-database"));
  psql (db, "INSERT INTO orders SELECT customer_id, order_date + 30, amount + 1, "
            "order_id || 'r' FROM orders WHERE amount > 50");
  project = seg_window_get_project (window);
  revenue_before = revenue (project);
  g_action_group_activate_action (G_ACTION_GROUP (window), "refresh-database", NULL);
  drain_events ();
  if (with_keyring)
    {
      /* The password comes from the keyring: nothing is asked. */
      WAIT_FOR (find_password_dialog () != NULL ||
                (!seg_window_is_busy (window) && revenue (project) != revenue_before));
      g_assert_null (find_password_dialog ());
    }
  else
    {
      GtkWindow *dialog;
      GtkWidget *entry;

      WAIT_FOR (find_password_dialog () != NULL);
      dialog = find_password_dialog ();
      entry = find_widget (GTK_WIDGET (dialog), is_password_entry, NULL);
      g_assert_nonnull (entry);
      gtk_editable_set_text (GTK_EDITABLE (entry), password);
      save_widget_if_asked (GTK_WIDGET (dialog), "pg-password.png");
      /* As its button does: the response, then the dialog closes (its close response is
       * not a second answer). */
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "connect");
      gtk_window_close (dialog);
      WAIT_FOR (find_password_dialog () == NULL);
    }
  WAIT_FOR (!seg_window_is_busy (window) && revenue (project) != revenue_before);
  g_assert_true (seg_window_get_project (window) == project);
  g_assert_nonnull (sc_project_get_run (project));

  {
    const char *argv[] = { cli, "refresh", cli_path, NULL };
    cli_ok (argv);
  }
  assert_same_data (app_path, cli_path);
  assert_no_password (app_path);

  /* Importing again through the database step, from the window with this project open:
   * the server is read into that same project, as the CLI does into an existing one. */
  psql (db, "INSERT INTO orders SELECT customer_id, order_date + 60, amount + 2, "
            "order_id || 's' FROM orders WHERE amount > 80");
  wizard = open_wizard (window);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.database", NULL);
  drain_events ();
  database = seg_import_wizard_get_database (wizard);
  seg_import_database_set_connection (database, &connection, password);
  database_next ();
  g_assert_null (seg_import_database_get_error (database));
  g_assert_true (seg_import_database_select_orders (database, "orders", NULL));
  g_assert_true (seg_import_database_select_customers (database, "customers", NULL));
  database_next ();
  g_assert_cmpstr (seg_import_database_get_step (database), ==, "columns");
  set_cli_roles ();
  revenue_before = revenue (project);
  database_next ();
  WAIT_FOR (g_strcmp0 (seg_import_wizard_get_page_name (wizard), "done") == 0 ||
            seg_import_database_get_error (database) != NULL);
  g_assert_null (seg_import_database_get_error (database));
  gtk_window_close (GTK_WINDOW (wizard));
  WAIT_FOR (!seg_window_is_busy (window) && revenue (project) != revenue_before);
  g_assert_true (seg_window_get_project (window) == project);
  g_assert_cmpstr (sc_project_get_path (project), ==, app_path);
  cli_import (cli_path, info);
  assert_same_data (app_path, cli_path);
  assert_no_password (app_path);
  /* The refresh and this import went into the open project, the usual way. */
  g_assert_cmpint (g_atomic_int_get (&written_once), ==, 1);
  g_log_remove_handler ("Sc", written_once_handler);

  destroy_all_windows ();
  {
    g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s", db);

    psql ("postgres", drop);
  }
  remove_project (app_path);
  remove_project (cli_path);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int ret;

  host = g_getenv ("SEGMENTS_TEST_PGHOST");
  if (host == NULL)
    {
      g_printerr ("SKIP: no PostgreSQL server (%s)\n",
                  g_getenv ("SEGMENTS_TEST_PG_UNAVAILABLE") != NULL
                  ? g_getenv ("SEGMENTS_TEST_PG_UNAVAILABLE")
                  : "SEGMENTS_TEST_PGHOST is not set; build-aux/test starts one");
      return 77;
    }
  user = g_getenv ("SEGMENTS_TEST_PGUSER") != NULL ? g_getenv ("SEGMENTS_TEST_PGUSER")
                                                   : "segments";
  password = g_getenv ("SEGMENTS_TEST_PGPASSWORD");
  g_assert_nonnull (password);
  with_keyring = g_strcmp0 (g_getenv ("SEGMENTS_TEST_KEYRING"), "1") == 0;
  cli = g_strdup (g_getenv ("SEGMENTS_CLI"));
  g_assert_nonnull (cli);
  /* The CLI reads the password from PGPASSWORD; the app must not. */
  g_unsetenv ("PGPASSWORD");

  app = ui_test_start (&argc, &argv, "test-ui-pg-XXXXXX",
                       with_keyring ? "io.github.segments.Segments.PgKeyringTest"
                                    : "io.github.segments.Segments.PgTest",
                       G_APPLICATION_DEFAULT_FLAGS, &tmp);

  for (guint seed = 1; seed <= 2; seed++)
    {
      g_autofree char *name = g_strdup_printf ("/Ui/Pg/%s/import-and-refresh/%u",
                                               with_keyring ? "keyring" : "no-keyring", seed);
      g_test_add_data_func (name, GUINT_TO_POINTER (seed), test_import_and_refresh);
    }

  ret = g_test_run ();

  ui_test_stop (&app);
  test_remove_tree (tmp);
  g_free (cli);

  return ret;
}
