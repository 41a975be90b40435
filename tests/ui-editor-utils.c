/* ui-editor-utils.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "seg-window.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"

gboolean
is_row_titled (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)),
                                              data) == 0;
}

gboolean
is_button_with_tooltip (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* Waits for it: a part shown once its data has loaded in a worker (the Overview's data
 * quality and profit groups) is hidden until then, and a slow machine (a sanitized build
 * beside another suite) can show the page first. */
GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  GtkWidget *found = NULL;

  WAIT_FOR ((found = find_widget (root, is_of_type, GSIZE_TO_POINTER (type))) != NULL);
  return found;
}

Editor
open_editor (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GApplication *app = g_application_get_default ();
  Editor e;

  g_assert_true (GTK_IS_APPLICATION (app));
  e.window = seg_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (e.window), 1280, 800);
  gtk_window_present (GTK_WINDOW (e.window));
  g_assert_true (wait_until (widget_is_mapped, e.window));
  g_assert_true (seg_window_open_project (e.window, file, FALSE));
  g_action_group_activate_action (G_ACTION_GROUP (e.window), "show-page",
                                  g_variant_new_string ("segments"));
  e.project = seg_window_get_project (e.window);
  e.page = SEG_SEGMENTS_PAGE (find_of_type (GTK_WIDGET (e.window), SEG_TYPE_SEGMENTS_PAGE));
  e.list = SEG_SEGMENT_LIST (find_of_type (GTK_WIDGET (e.page), SEG_TYPE_SEGMENT_LIST));
  e.grid = SEG_GRID_CHART (find_of_type (GTK_WIDGET (e.page), SEG_TYPE_GRID_CHART));
  e.details = SEG_SEGMENT_DETAILS (find_of_type (GTK_WIDGET (e.page), SEG_TYPE_SEGMENT_DETAILS));
  g_assert_true (wait_until (widget_is_mapped, e.grid));
  settle (GTK_WIDGET (e.window));
  return e;
}

const ScRun *
run_of (Editor *e)
{
  const ScRun *run = sc_project_get_run (e->project);

  g_assert_nonnull (run);
  return run;
}

GtkListBoxRow *
select_position (Editor *e,
                 guint   position)
{
  GtkListBox *box = seg_segment_list_get_list_box (e->list);

  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (box, i);

      g_assert_nonnull (row);
      if ((guint) seg_segment_list_get_position_at (e->list, (guint) i) != position)
        continue;
      gtk_list_box_select_row (box, row);
      drain_events ();
      g_assert_cmpint (seg_segment_details_get_position (e->details), ==, (int) position);
      return row;
    }
}

gboolean
editor_is_idle (gpointer data)
{
  Editor *e = data;

  return !seg_segments_page_is_working (e->page) && !sc_project_get_busy (e->project);
}

void
wait_idle (Editor *e)
{
  g_assert_true (wait_until (editor_is_idle, e));
  drain_events ();
}

void
save_shot (Editor     *e,
           const char *name)
{
  save_widget_if_asked (GTK_WIDGET (e->window), name);
}

void
remove_projects (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_suffix (name, ".segments") || g_str_has_suffix (name, "-wal") ||
        g_str_has_suffix (name, "-shm") || g_str_has_suffix (name, ".csv"))
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
}

/* The path of a file of the bundled sample data. */
char *
sample_file (const char *name)
{
  g_autoptr(GFile) dir = seg_window_dup_sample_dir ();
  g_autoptr(GFile) file = g_file_get_child (dir, name);

  return g_file_get_path (file);
}

void
make_sample_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = sc_project_open (path, TRUE, &error);
  g_autofree char *orders = sample_file ("transactions.csv");
  g_autofree char *customers = sample_file ("customers.csv");

  g_assert_no_error (error);
  test_project_import_files (project, orders, customers);
  test_project_segment_k (project, 0);
}

char *
copy_project (const char *from,
              const char *dir,
              const char *name)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (source, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}
