/* test-ui-playbooks.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Playbooks…" on the Report page: a labelled button, enabled with segments, that opens a
 * folder chooser with the format (HTML by default, or PDF) as a choice; cancelled, nothing
 * is written.  What is written is checked behind the facade (test-playbooks.c) and end to
 * end (test-cli-playbooks.py). */

#include "config.h"

#include <adwaita.h>

#include "seg-application.h"
#include "seg-report-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"

static SegApplication *app;
static char *tmp_dir;

static gboolean
is_playbooks_button (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "report.playbooks") == 0;
}

static guint
count_files (const char *dir,
             const char *suffix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_suffix (name, suffix);
  return n;
}

static void
test_playbooks (void)
{
  SegWindow *window = seg_window_new (GTK_APPLICATION (app));
  g_autofree char *folder = g_build_filename (tmp_dir, "playbooks", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *button;
  GtkFileChooser *chooser;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_is_ready, window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  g_assert_true (wait_until (window_is_ready, window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                  g_variant_new_string ("report"));
  page = find_widget (GTK_WIDGET (window), is_of_type, GSIZE_TO_POINTER (SEG_TYPE_REPORT_PAGE));
  g_assert_nonnull (page);
  button = find_widget (page, is_playbooks_button, NULL);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Playbooks…");
  WAIT_FOR (gtk_widget_is_sensitive (button));

  g_assert_true (g_file_make_directory_with_parents (file, NULL, &error));
  g_assert_no_error (error);
  WAIT_FOR (gtk_widget_activate_action (page, "report.playbooks", NULL));
  WAIT_FOR (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL);
  chooser = GTK_FILE_CHOOSER (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  g_assert_cmpstr (gtk_file_chooser_get_choice (chooser, "format"), ==, "html");
  g_assert_nonnull (gtk_file_chooser_get_choice (chooser, "format"));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  WAIT_FOR (find_toplevel_of_type (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
  /* Cancelled: nothing written. */
  g_assert_cmpuint (count_files (folder, ""), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* The sample project goes to the user's data folder: keep it out of the real one. */
  app = ui_test_start (&argc, &argv, "test-ui-playbooks-XXXXXX",
                       "io.github.segments.Segments.TestPlaybooks",
                       G_APPLICATION_DEFAULT_FLAGS, &tmp_dir);

  g_test_add_func ("/Ui/Playbooks/write", test_playbooks);

  ret = g_test_run ();

  ui_test_stop (&app);
  test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
