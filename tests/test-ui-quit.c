/* test-ui-quit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Quitting cancels the work still running in the background and waits for it to stop,
 * rather than waiting for it to finish (seg-application.c, shutdown; sc_job_cancel_all()).
 * The work here is the value model the window fits after importing and segmenting new
 * data: the app quits through app.quit inside g_application_run(), as a user's Ctrl+Q
 * does, while the fit runs, and afterwards nothing runs any more and the project holds the
 * import and the segments but no value model (the fit stopped before its commit).  Before,
 * the fit ran on, uncancelled, until it had stored its model or the 10 s wait ran out. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sc-job.h"
#include "sc-project.h"
#include "seg-application.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"
#include "ui-wizard-utils.h"

static SegApplication *app;
static char *tmp_dir;

/* Orders of 50,000 customers who buy again over two years: enough for the value model
 * to take a while. */
static char *
write_orders (guint n_rows)
{
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  char *path = g_build_filename (tmp_dir, "orders.csv", NULL);

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "O%u,C%u,%u-%02u-%02u,%u.%02u\n", i, i % 49999,
                            2023 + (i / 7) % 2, 1 + (i * 7) % 12, 1 + i % 28,
                            5 + (i * 13) % 400, i % 100);
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

static gboolean
quit_now (gpointer data)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_quit_cancels_background_work (void)
{
  const guint n_rows = 400000;
  g_autofree char *orders_path = write_orders (n_rows);
  g_autofree char *project_path = g_build_filename (tmp_dir, "Quit.segments", NULL);
  g_autoptr(GFile) orders = g_file_new_for_path (orders_path);
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(ScProject) reopened = NULL;
  g_autoptr(ScPotential) model = NULL;
  g_autoptr(GError) error = NULL;
  SegWindow *window = wizard_new_window (GTK_APPLICATION (app));

  /* Import, segment, then the value model in the background. */
  seg_window_import (window, project_file, orders, NULL, NULL);
  WAIT_FOR (seg_window_get_project (window) != NULL && window_is_ready (window));
  g_assert_nonnull (sc_project_get_run (seg_window_get_project (window)));
  g_assert_false (sc_job_wait_all (0));

  g_idle_add (quit_now, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);

  /* Nothing runs on after the exit's wait: the fit was stopped, not waited out. */
  g_assert_true (sc_job_wait_all (0));
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));

  /* The project is as the fit found it: the import and the segments, no value model. */
  reopened = sc_project_open (project_path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_project_get_n_transactions (reopened), ==, n_rows);
  g_assert_nonnull (sc_project_get_run (reopened));
  model = sc_project_load_value_model (reopened, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (model);

  g_clear_object (&reopened);
  sc_project_delete_files (project_path, NULL);
  g_unlink (orders_path);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-quit-XXXXXX",
                       "io.github.segments.Segments.TestQuit", 0, &tmp_dir);

  /* One test: the application cannot run again after it has quit. */
  g_test_add_func ("/Ui/Quit/cancels-background-work", test_quit_cancels_background_work);
  ret = g_test_run ();

  g_clear_object (&app);
  test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
