/* test-ui-appstall.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The app does its slow work ahead of time or in a worker (issue 21): once the window has
 * painted a project, the segment details are built for a segment while no segment is
 * shown, so that selecting one updates the rows that exist and shows the selected segment;
 * and the categories the Hypotheses page offers, read in a worker, are those the project
 * reads itself. */

#include "config.h"

#include <adwaita.h>

#include "sc-project.h"
#include "seg-application.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"

static char *tmp_dir;
static char *sample_path;

static gboolean
has_label (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static GtkWidget *
customers_row (Editor *e)
{
  return find_widget (GTK_WIDGET (e->details), is_row_titled, (gpointer) "Customers");
}

static void
test_details_built_ahead (void)
{
  g_autofree char *path = copy_project (sample_path, tmp_dir, "ahead.segments");
  Editor e = open_editor (path);
  GtkListBox *box = seg_segment_list_get_list_box (e.list);
  GtkWidget *row, *none;
  const ScSegmentInfo *info;
  int position;
  guint index;

  /* No segment is selected, yet the form's rows are there, hidden. */
  g_assert_cmpint (seg_segment_details_get_position (e.details), ==, -1);
  WAIT_FOR (customers_row (&e) != NULL);
  row = customers_row (&e);
  g_assert_false (gtk_widget_get_mapped (row));
  none = find_widget (GTK_WIDGET (e.details), is_of_type,
                      GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (none);
  g_assert_true (gtk_widget_get_mapped (none));
  g_assert_cmpint (seg_segment_details_get_position (e.details), ==, -1);

  /* Selecting a segment other than the one built ahead keeps the rows and shows it. */
  g_assert_cmpuint (run_of (&e)->n_segments, >=, 3);
  for (index = 0; seg_segment_list_get_position_at (e.list, index) == 0; index++)
    ;
  position = seg_segment_list_get_position_at (e.list, index);
  g_assert_cmpint (position, >, 0);
  gtk_list_box_select_row (box, gtk_list_box_get_row_at_index (box, (int) index));
  settle (GTK_WIDGET (e.window));
  g_assert_cmpint (seg_segment_details_get_position (e.details), ==, position);
  g_assert_true (customers_row (&e) == row);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_false (gtk_widget_get_mapped (none));
  info = &run_of (&e)->segments[position];
  g_assert_true (gtk_widget_get_mapped (find_widget (GTK_WIDGET (e.details), has_label,
                                                     (gpointer) info->name)));

  gtk_window_destroy (GTK_WINDOW (e.window));
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = sc_project_list_categories_finish (SC_PROJECT (source), result, &error);
  g_assert_no_error (error);
}

static void
test_categories_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = sc_project_open (sample_path, FALSE, &error);
  g_autoptr(GPtrArray) sync = NULL;
  g_autoptr(GPtrArray) async = NULL;

  g_assert_no_error (error);
  sync = sc_project_list_categories (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sync->len, >, 0);
  sc_project_list_categories_async (project, NULL, on_listed, &async);
  WAIT_FOR (async != NULL);
  g_assert_cmpuint (async->len, ==, sync->len);
  for (guint i = 0; i < sync->len; i++)
    {
      ScCategory *a = g_ptr_array_index (async, i), *s = g_ptr_array_index (sync, i);

      g_assert_cmpstr (a->name, ==, s->name);
      g_assert_cmpstrv (a->levels, s->levels);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SegApplication) app = NULL;
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-appstall-XXXXXX",
                       "io.github.segments.Segments.TestAppstall",
                       G_APPLICATION_HANDLES_OPEN, &tmp_dir);

  sample_path = g_build_filename (tmp_dir, "sample.segments", NULL);
  make_sample_project (sample_path);

  g_test_add_func ("/Ui/Appstall/details-built-ahead", test_details_built_ahead);
  g_test_add_func ("/Ui/Appstall/categories-async", test_categories_async);
  ret = g_test_run ();

  remove_projects (tmp_dir);
  g_free (sample_path);
  g_free (tmp_dir);
  return ret;
}
