/* test-window.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The application shell under Xvfb (GDK_BACKEND=x11, GSK_RENDERER=cairo) with the memory
 * GSettings backend and the user's data and cache folders in a temporary folder.  Not
 * G_TEST_OPTION_ISOLATE_DIRS: it also replaces XDG_DATA_DIRS, where the MIME database
 * lives without which gdk-pixbuf cannot tell an SVG icon from other data.
 *
 * Activating an action or a button only starts the work; tests iterate the main context
 * until the expected state holds or a timeout fires. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sc-project.h"
#include "seg-application.h"
#include "seg-report-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"
#include "ui-wizard-utils.h"


static SegApplication *app;

static gboolean
window_is_idle (gpointer data)
{
  return !seg_window_is_busy (SEG_WINDOW (data));
}

static void
reset_settings (void)
{
  GSettings *settings = seg_application_get_settings (app);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  g_settings_reset (settings, "recent-projects");
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0 &&
         gtk_widget_is_drawable (widget);
}

static gboolean
is_status_page_titled (GtkWidget *widget,
                       gpointer   data)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0 &&
         gtk_widget_is_drawable (widget);
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0 &&
         gtk_widget_is_drawable (widget);
}

static gboolean
is_drawable_of_type (GtkWidget *widget,
                     gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type)) &&
         gtk_widget_is_drawable (widget);
}

static gboolean
window_shows_orders (gpointer data)
{
  return find_widget (GTK_WIDGET (data), is_label_with_text, (gpointer) "22,300") != NULL;
}

static SegWindow *
new_mapped_window (void)
{
  SegWindow *window = seg_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (widget_is_mapped, window));

  return window;
}

static gboolean
action_enabled (SegWindow  *window,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), name);
}

static char *
temp_project_path (const char *name)
{
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

static void
assert_recent_first (const char *path)
{
  g_auto(GStrv) recent = g_settings_get_strv (seg_application_get_settings (app),
                                              "recent-projects");

  g_assert_nonnull (recent[0]);
  g_assert_cmpstr (recent[0], ==, path);
}

/* ------------------------------------------------------------------------------------------ */

static void
test_window_opens (void)
{
  SegWindow *window;

  reset_settings ();
  window = new_mapped_window ();

  g_assert_true (gtk_window_get_application (GTK_WINDOW (window)) == GTK_APPLICATION (app));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Segments");
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "empty");
  g_assert_null (seg_window_get_project (window));
  g_assert_true (seg_window_is_empty (window));
  g_assert_false (seg_window_is_busy (window));

  destroy_all_windows ();
}

static void
test_window_empty_state (void)
{
  SegWindow *window;
  GtkWidget *status, *import, *sample;

  reset_settings ();
  window = new_mapped_window ();

  status = find_widget (GTK_WIDGET (window), is_status_page_titled, (gpointer) "Segments");
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (status)), ==, APP_ID);

  import = find_widget (status, is_button_labelled, (gpointer) "_Import Data…");
  sample = find_widget (status, is_button_labelled, (gpointer) "Open _Sample Data");
  g_assert_nonnull (import);
  g_assert_nonnull (sample);
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (import)));
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (sample)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (import)), ==, "win.import");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (sample)), ==,
                   "win.open-sample");
  g_assert_true (gtk_widget_is_sensitive (import));
  g_assert_true (gtk_widget_is_sensitive (sample));

  /* No recent projects yet: their list is hidden. */
  g_assert_null (find_widget (status, is_label_with_text, (gpointer) "Recent Projects"));

  destroy_all_windows ();
}

static void
test_window_actions (void)
{
  static const char *app_actions[] = {
    "new", "open", "open-sample", "shortcuts", "help", "about", "quit"
  };
  static const struct { const char *action; const char *accel; } accels[] = {
    { "app.new", "<Control>n" },
    { "app.open", "<Control>o" },
    { "app.shortcuts", "<Control>question" },
    { "app.help", "F1" },
    { "app.quit", "<Control>q" },
    { "win.import", "<Control>i" },
    { "win.close", "<Control>w" },
    { "win.show-page('overview')", "<Alt>1" },
    { "win.show-page('report')", "<Alt>4" },
  };
  SegWindow *window;

  reset_settings ();
  window = new_mapped_window ();

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), app_actions[i]));
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), app_actions[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_auto(GStrv) set = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                 accels[i].action);

      g_assert_nonnull (set[0]);
      g_assert_cmpstr (set[0], ==, accels[i].accel);
    }

  /* Without a project: ways in are open, work on a project is not. */
  g_assert_true (action_enabled (window, "import"));
  g_assert_true (action_enabled (window, "open-sample"));
  g_assert_true (action_enabled (window, "close"));
  g_assert_false (action_enabled (window, "segment"));
  g_assert_false (action_enabled (window, "cancel"));
  g_assert_false (action_enabled (window, "show-page"));

  destroy_all_windows ();
}

static void
test_window_shortcuts_and_about (void)
{
  reset_settings ();
  new_mapped_window ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_assert_true (wait_until (has_toplevel_of_type,
                             GSIZE_TO_POINTER (GTK_TYPE_SHORTCUTS_WINDOW)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (ADW_TYPE_ABOUT_WINDOW)));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (
                     find_toplevel_of_type (ADW_TYPE_ABOUT_WINDOW))), ==, PACKAGE_VERSION);

  destroy_all_windows ();
}

static void
test_window_create_and_reopen (void)
{
  g_autofree char *path = temp_project_path ("Create and Reopen.segments");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SegWindow *window;
  ScProject *project;
  GtkWidget *status;

  reset_settings ();
  window = new_mapped_window ();

  g_assert_true (seg_window_open_project (window, file, TRUE));
  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (sc_project_get_path (project), ==, path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "project");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "Create and Reopen — Segments");
  g_assert_false (seg_window_is_empty (window));
  assert_recent_first (path);

  /* An empty project cannot be segmented, but pages can be shown. */
  g_assert_false (action_enabled (window, "segment"));
  g_assert_true (action_enabled (window, "show-page"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                  g_variant_new_string ("explore"));
  drain_events ();
  status = find_widget (GTK_WIDGET (window), is_status_page_titled,
                       (gpointer) "Segment your data to explore it");
  g_assert_nonnull (status);
  /* … and offers an import beside the disabled "Segment Data" (issue 19). */
  g_assert_true (action_enabled (window, "import"));
  g_assert_nonnull (find_widget (status, is_button_labelled, (gpointer) "_Import Data…"));

  gtk_window_close (GTK_WINDOW (window));
  drain_events ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Reopening goes through the application, as opening from the file manager does. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  drain_events ();
  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (app)));
  window = SEG_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (sc_project_get_path (project), ==, path);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 0);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, 0);
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "project");

  /* Creating again at the same path replaces the file with a new, empty project. */
  g_assert_true (seg_window_open_project (window, file, TRUE));
  g_assert_true (seg_window_get_project (window) != NULL);

  destroy_all_windows ();
  g_unlink (path);
}

static void
test_window_recent_list (void)
{
  g_autofree char *path = temp_project_path ("Recent.segments");
  g_autofree char *missing = temp_project_path ("Missing.segments");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SegWindow *window;
  ScProject *project;
  GtkWidget *row;

  reset_settings ();

  /* A project made earlier, and a recent entry whose file has gone. */
  project = sc_project_open (path, TRUE, NULL);
  g_assert_nonnull (project);
  g_object_unref (project);
  seg_application_add_recent (app, missing);
  seg_application_add_recent (app, path);

  window = new_mapped_window ();
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_label_with_text,
                                 (gpointer) "Recent Projects"));

  row = find_widget (GTK_WIDGET (window), is_label_with_text, (gpointer) "Missing");
  g_assert_nonnull (row);
  row = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  drain_events ();
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "empty");
  {
    g_auto(GStrv) left = g_settings_get_strv (seg_application_get_settings (app),
                                              "recent-projects");
    g_assert_cmpuint (g_strv_length (left), ==, 1);
    g_assert_cmpstr (left[0], ==, path);
  }

  row = find_widget (GTK_WIDGET (window), is_label_with_text, (gpointer) "Recent");
  g_assert_nonnull (row);
  row = gtk_widget_get_ancestor (row, GTK_TYPE_LIST_BOX_ROW);
  g_signal_emit_by_name (row, "activate");
  drain_events ();
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "project");
  g_assert_cmpstr (sc_project_get_path (seg_window_get_project (window)), ==, path);

  /* The list keeps at most ten, newest first, without duplicates. */
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("/tmp/p%u.segments", i);
      seg_application_add_recent (app, name);
    }
  seg_application_add_recent (app, "/tmp/p5.segments");
  {
    g_auto(GStrv) list = g_settings_get_strv (seg_application_get_settings (app),
                                              "recent-projects");
    g_assert_cmpuint (g_strv_length (list), ==, SEG_RECENT_PROJECTS_MAX);
    g_assert_cmpstr (list[0], ==, "/tmp/p5.segments");
    g_assert_cmpstr (list[1], ==, "/tmp/p11.segments");
    g_assert_cmpstr (list[6], ==, "/tmp/p6.segments");
    g_assert_cmpstr (list[7], ==, "/tmp/p4.segments");
    g_assert_cmpstr (list[9], ==, "/tmp/p2.segments");
  }

  destroy_all_windows ();
  g_unlink (path);
}

static void
test_window_open_invalid (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "ui", "not-a-project.segments", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SegWindow *window;

  reset_settings ();
  window = new_mapped_window ();

  g_assert_false (seg_window_open_project (window, file, FALSE));
  g_assert_null (seg_window_get_project (window));
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "empty");
  g_assert_true (wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG));

    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the Project");
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  }

  /* A failed open is not remembered. */
  {
    g_auto(GStrv) recent = g_settings_get_strv (seg_application_get_settings (app),
                                                "recent-projects");
    g_assert_cmpuint (g_strv_length (recent), ==, 0);
  }

  destroy_all_windows ();
}

static void
test_window_size_saved (void)
{
  GSettings *settings = seg_application_get_settings (app);
  SegWindow *window;
  int width, height;

  reset_settings ();
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);

  window = seg_window_new (GTK_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));

  /* Only a realized window can be closed, as a user would. */
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (widget_is_mapped, window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1010, 700);
  drain_events ();
  gtk_window_close (GTK_WINDOW (window));
  drain_events ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1010);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The maximized state is requested from the window manager on map; Xvfb runs without
   * one, so only the saving side is checked here. */

  destroy_all_windows ();
}

static void
test_window_open_sample (void)
{
  g_autoptr(GFile) sample = seg_window_dup_sample_project_file ();
  g_autofree char *path = g_file_get_path (sample);
  SegWindow *window;
  ScProject *project;
  GListModel *segments;
  guint64 total = 0;
  ScDay first_day, last_day;
  double revenue;
  guint64 n_orders;

  reset_settings ();
  window = new_mapped_window ();

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "progress");
  g_assert_true (seg_window_is_busy (window));
  g_assert_true (action_enabled (window, "cancel"));
  g_assert_false (action_enabled (window, "import"));
  g_assert_false (action_enabled (window, "open-sample"));
  g_assert_false (action_enabled (window, "segment"));

  g_assert_true (wait_until (window_is_idle, window));

  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (sc_project_get_path (project), ==, path);
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "project");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Sample — Segments");
  assert_recent_first (path);

  /* The sample as generated by data/sample/generate.py. */
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 3000);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, 22979);
  g_assert_true (sc_project_get_summary (project, &first_day, &last_day, &revenue, &n_orders));
  g_assert_cmpint (first_day, ==, 19723);   /* 2024-01-01 */
  g_assert_cmpint (last_day, ==, 20453);    /* 2025-12-31 */
  g_assert_cmpuint (n_orders, ==, 22300);

  segments = sc_project_get_segments (project);
  g_assert_cmpuint (g_list_model_get_n_items (segments), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(ScSegment) segment = g_list_model_get_item (segments, i);
      total += sc_segment_get_size (segment);
    }
  g_assert_cmpuint (total, ==, 3000);

  /* The overview shows the project's real figures, and the other pages list segments.  The
   * sums behind orders and days are read by a worker after the window shows the project. */
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_label_with_text, (gpointer) "3,000"));
  g_assert_true (wait_until (window_shows_orders, window));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_label_with_text, (gpointer) "22,300"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_label_with_text, (gpointer) "731 days"));
  g_assert_true (action_enabled (window, "segment"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                  g_variant_new_string ("report"));
  drain_events ();
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_drawable_of_type,
                                GSIZE_TO_POINTER (SEG_TYPE_REPORT_PAGE)));

  /* Segmenting again gives the same segments. */
  {
    g_autoptr(ScSegment) before = g_list_model_get_item (segments, 0);
    g_autofree char *name = g_strdup (sc_segment_get_name (before));
    guint64 size = sc_segment_get_size (before);
    guint n = g_list_model_get_n_items (segments);

    g_action_group_activate_action (G_ACTION_GROUP (window), "segment", NULL);
    g_assert_true (seg_window_is_busy (window));
    g_assert_true (wait_until (window_is_idle, window));
    g_assert_cmpstr (seg_window_get_page_name (window), ==, "project");
    g_assert_cmpuint (g_list_model_get_n_items (segments), ==, n);
    {
      g_autoptr(ScSegment) after = g_list_model_get_item (segments, 0);
      g_assert_cmpstr (sc_segment_get_name (after), ==, name);
      g_assert_cmpuint (sc_segment_get_size (after), ==, size);
    }
  }

  destroy_all_windows ();
}

/* Issue 21: the sample is a new project, created, closed and imported into by its path, so
 * that the import writes its rows once (as the import wizard's files); the window opens it
 * for the segmentation afterwards.  Before, it was imported into an open project, through
 * the write-ahead log and again into the file. */
static void
test_window_open_sample_written_once (void)
{
  g_autoptr(GFile) sample = seg_window_dup_sample_project_file ();
  g_autofree char *path = g_file_get_path (sample);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  int written_once = 0;
  guint handler = g_log_set_handler ("Sc", G_LOG_LEVEL_DEBUG, count_written_once,
                                     &written_once);
  SegWindow *window;
  ScProject *project;

  reset_settings ();
  window = new_mapped_window ();
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  g_assert_true (seg_window_is_busy (window));
  g_assert_true (wait_until (window_is_idle, window));

  g_assert_cmpint (g_atomic_int_get (&written_once), ==, 1);
  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (sc_project_get_path (project), ==, path);
  g_assert_cmpuint (sc_project_get_n_transactions (project), ==, 22979);
  g_assert_nonnull (sc_project_get_run (project));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  assert_recent_first (path);

  g_log_remove_handler ("Sc", handler);
  destroy_all_windows ();
}

static void
test_window_open_sample_cancel (void)
{
  g_autoptr(GFile) sample = seg_window_dup_sample_project_file ();
  g_autofree char *path = g_file_get_path (sample);
  SegWindow *window;

  reset_settings ();
  window = new_mapped_window ();

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  g_assert_true (seg_window_is_busy (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "cancel", NULL);
  g_assert_true (wait_until (window_is_idle, window));

  /* A cancelled import leaves nothing behind: no project, no file, no recent entry. */
  g_assert_null (seg_window_get_project (window));
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "empty");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (action_enabled (window, "import"));
  g_assert_false (action_enabled (window, "cancel"));
  {
    g_auto(GStrv) recent = g_settings_get_strv (seg_application_get_settings (app),
                                                "recent-projects");
    g_assert_cmpuint (g_strv_length (recent), ==, 0);
  }

  destroy_all_windows ();
}

static void
test_window_app_open_sample (void)
{
  g_autoptr(GFile) sample = seg_window_dup_sample_project_file ();
  g_autofree char *path = g_file_get_path (sample);
  SegWindow *window;

  reset_settings ();
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* What "segments --sample" does: with no window yet, one is made for the sample. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-sample", NULL);
  g_assert_nonnull (gtk_application_get_windows (GTK_APPLICATION (app)));
  window = SEG_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  g_assert_true (seg_window_is_busy (window));
  g_assert_true (wait_until (window_is_idle, window));
  g_assert_nonnull (seg_window_get_project (window));
  g_assert_cmpstr (sc_project_get_path (seg_window_get_project (window)), ==, path);

  /* Again: the window that has the sample open makes it anew, no second window opens on
   * the same file. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-sample", NULL);
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);
  g_assert_true (seg_window_is_busy (window));
  g_assert_true (wait_until (window_is_idle, window));
  g_assert_cmpstr (sc_project_get_path (seg_window_get_project (window)), ==, path);

  /* An empty window asked for the sample sends the request to that window as well. */
  {
    SegWindow *other = new_mapped_window ();

    g_action_group_activate_action (G_ACTION_GROUP (other), "open-sample", NULL);
    g_assert_false (seg_window_is_busy (other));
    g_assert_null (seg_window_get_project (other));
    g_assert_true (seg_window_is_busy (window));
    g_assert_true (wait_until (window_is_idle, window));
  }

  /* Creating a new project over a file open in another window is refused. */
  {
    SegWindow *other = new_mapped_window ();

    g_assert_false (seg_window_open_project (other, sample, TRUE));
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    g_assert_null (seg_window_get_project (other));
    g_assert_true (wait_until (has_toplevel_of_type,
                               GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  }

  destroy_all_windows ();
}

static void
test_window_close_while_busy (void)
{
  g_autoptr(GFile) sample = seg_window_dup_sample_project_file ();
  g_autofree char *path = g_file_get_path (sample);
  SegWindow *window;

  reset_settings ();
  window = new_mapped_window ();
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  g_assert_true (seg_window_is_busy (window));
  gtk_window_close (GTK_WINDOW (window));

  /* The job's callback keeps the window object until the cancelled job has finished. */
  g_assert_true (wait_until (pointer_is_null, &window));

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int ret;

  app = ui_test_start (&argc, &argv, "test-window-XXXXXX",
                       "io.github.segments.Segments.Test", G_APPLICATION_HANDLES_OPEN, &tmp);

  g_test_add_func ("/Ui/Window/opens", test_window_opens);
  g_test_add_func ("/Ui/Window/empty-state", test_window_empty_state);
  g_test_add_func ("/Ui/Window/actions", test_window_actions);
  g_test_add_func ("/Ui/Window/shortcuts-and-about", test_window_shortcuts_and_about);
  g_test_add_func ("/Ui/Window/create-and-reopen", test_window_create_and_reopen);
  g_test_add_func ("/Ui/Window/recent-list", test_window_recent_list);
  g_test_add_func ("/Ui/Window/open-invalid", test_window_open_invalid);
  g_test_add_func ("/Ui/Window/size-saved", test_window_size_saved);
  g_test_add_func ("/Ui/Window/open-sample", test_window_open_sample);
  g_test_add_func ("/Ui/Window/open-sample-written-once", test_window_open_sample_written_once);
  g_test_add_func ("/Ui/Window/open-sample-cancel", test_window_open_sample_cancel);
  g_test_add_func ("/Ui/Window/app-open-sample", test_window_app_open_sample);
  g_test_add_func ("/Ui/Window/close-while-busy", test_window_close_while_busy);

  ret = g_test_run ();

  ui_test_stop (&app);
  test_remove_tree (tmp);

  return ret;
}
