/* test-ui-incremental.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Edits update only what they changed (issue 21): renaming a segment replaces the one item
 * of the project's segment model that changed and leaves every other item, every row of the
 * segment list and the details' rows the same objects, with the selected row still
 * selected; undo and redo do the same, exactly.  And the key figures, summed in a worker
 * when a window opens a project, are those the project sums itself, and a cancelled sum
 * keeps nothing. */

#include "config.h"

#include <adwaita.h>

#include "sc-project.h"
#include "seg-application.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"

static char *tmp_dir;
static char *sample_path;

typedef struct
{
  GArray *positions;   /* guint: the position of each ::items-changed */
  guint   removed;
  guint   added;
} ItemsChanges;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanges *changes)
{
  g_array_append_val (changes->positions, position);
  changes->removed += removed;
  changes->added += added;
}

/* The segments as the model, the list's rows and the details show them before an edit. */
typedef struct
{
  guint      n;
  ScSegment *items[64];
  GtkWidget *rows[64];
  GtkWidget *customers_row;   /* the details' "Customers" row */
  GtkWidget *selected;
} Shown;

static void
take_shown (Editor *e,
            Shown  *shown)
{
  GListModel *model = sc_project_get_segments (e->project);
  GtkListBox *box = seg_segment_list_get_list_box (e->list);

  shown->n = g_list_model_get_n_items (model);
  g_assert_cmpuint (shown->n, <=, G_N_ELEMENTS (shown->items));
  for (guint i = 0; i < shown->n; i++)
    {
      g_autoptr(ScSegment) item = g_list_model_get_item (model, i);

      shown->items[i] = item;   /* compared only, while the model holds it */
      shown->rows[i] = GTK_WIDGET (gtk_list_box_get_row_at_index (box, (int) i));
      g_assert_nonnull (shown->rows[i]);
    }
  shown->customers_row = find_widget (GTK_WIDGET (e->details), is_row_titled,
                                      (gpointer) "Customers");
  g_assert_nonnull (shown->customers_row);
  shown->selected = GTK_WIDGET (gtk_list_box_get_selected_row (box));
  g_assert_nonnull (shown->selected);
}

/* Only the item at @changed was replaced; everything else is the same object. */
static void
assert_only_changed (Editor             *e,
                     const Shown        *before,
                     const ItemsChanges *changes,
                     guint               changed)
{
  GListModel *model = sc_project_get_segments (e->project);
  GtkListBox *box = seg_segment_list_get_list_box (e->list);

  g_assert_cmpuint (changes->positions->len, ==, 1);
  g_assert_cmpuint (g_array_index (changes->positions, guint, 0), ==, changed);
  g_assert_cmpuint (changes->removed, ==, 1);
  g_assert_cmpuint (changes->added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, before->n);
  for (guint i = 0; i < before->n; i++)
    {
      g_autoptr(ScSegment) item = g_list_model_get_item (model, i);

      if (i == changed)
        g_assert_true (item != before->items[i]);
      else
        g_assert_true (item == before->items[i]);
      g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (box, (int) i)) == before->rows[i]);
    }
  g_assert_true (GTK_WIDGET (gtk_list_box_get_selected_row (box)) == before->selected);
  g_assert_true (find_widget (GTK_WIDGET (e->details), is_row_titled, (gpointer) "Customers") ==
                 before->customers_row);
}

static gboolean
has_label (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static void
reset_changes (ItemsChanges *changes)
{
  g_array_set_size (changes->positions, 0);
  changes->removed = changes->added = 0;
}

static void
test_rename_updates_one_row (void)
{
  g_autofree char *path = copy_project (sample_path, tmp_dir, "rename-rows.segments");
  Editor e = open_editor (path);
  GListModel *model = sc_project_get_segments (e.project);
  GtkListBox *box = seg_segment_list_get_list_box (e.list);
  ItemsChanges changes = { g_array_new (FALSE, FALSE, sizeof (guint)), 0, 0 };
  g_autofree char *old_name = NULL;
  g_autoptr(GError) error = NULL;
  Shown before;
  int position;
  gulong handler;

  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 3);
  /* The second row in priority order, so neither end of the list. */
  gtk_list_box_select_row (box, gtk_list_box_get_row_at_index (box, 1));
  settle (GTK_WIDGET (e.window));
  position = seg_segment_list_get_position_at (e.list, 1);
  g_assert_cmpint (seg_segment_details_get_position (e.details), ==, position);
  old_name = g_strdup (run_of (&e)->segments[position].name);

  take_shown (&e, &before);
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.page), "editor.set-field", "(xims)",
                                             run_of (&e)->segments[position].id,
                                             (int) SC_SEGMENT_FIELD_NAME, "Renamed in place"));
  settle (GTK_WIDGET (e.window));
  g_assert_cmpstr (run_of (&e)->segments[position].name, ==, "Renamed in place");
  assert_only_changed (&e, &before, &changes, (guint) position);
  /* The renamed row shows the new name; the list was not rebuilt to show it. */
  g_assert_nonnull (find_widget (before.rows[1], has_label, (gpointer) "Renamed in place"));
  g_assert_null (find_widget (before.rows[1], has_label, old_name));

  /* Undo and redo: exactly the name before, then after, one item each time. */
  take_shown (&e, &before);
  reset_changes (&changes);
  g_assert_true (sc_project_undo (e.project, &error));
  g_assert_no_error (error);
  settle (GTK_WIDGET (e.window));
  g_assert_cmpstr (run_of (&e)->segments[position].name, ==, old_name);
  assert_only_changed (&e, &before, &changes, (guint) position);
  g_assert_nonnull (find_widget (before.rows[1], has_label, old_name));

  take_shown (&e, &before);
  reset_changes (&changes);
  g_assert_true (sc_project_redo (e.project, &error));
  g_assert_no_error (error);
  settle (GTK_WIDGET (e.window));
  g_assert_cmpstr (run_of (&e)->segments[position].name, ==, "Renamed in place");
  assert_only_changed (&e, &before, &changes, (guint) position);

  g_signal_handler_disconnect (model, handler);
  g_array_unref (changes.positions);
  destroy_all_windows ();
}

static void
on_summary (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;

  if (!sc_project_load_summary_finish (SC_PROJECT (source), result, error))
    g_assert_nonnull (*error);
  else
    g_assert_no_error (*error);
  g_object_set_data (source, "test-summary-done", GINT_TO_POINTER (1));
}

static gboolean
summary_done (gpointer data)
{
  return g_object_get_data (data, "test-summary-done") != NULL;
}

static void
load_summary (ScProject    *project,
              GCancellable *cancellable,
              GError      **error)
{
  g_object_set_data (G_OBJECT (project), "test-summary-done", NULL);
  sc_project_load_summary_async (project, cancellable, on_summary, error);
  g_assert_true (wait_until (summary_done, project));
}

static void
test_summary_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) loaded = sc_project_open (sample_path, FALSE, &error);
  g_autoptr(ScProject) summed = sc_project_open (sample_path, FALSE, &error);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  ScDay first_a, last_a, first_b, last_b;
  double revenue_a, revenue_b;
  guint64 orders_a, orders_b;

  g_assert_no_error (error);
  g_assert_false (sc_project_get_summary_known (loaded));

  /* Cancelled before it ran: nothing kept. */
  g_cancellable_cancel (cancelled);
  load_summary (loaded, cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (sc_project_get_summary_known (loaded));

  load_summary (loaded, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sc_project_get_summary_known (loaded));
  g_assert_true (sc_project_get_summary (loaded, &first_a, &last_a, &revenue_a, &orders_a));
  g_assert_true (sc_project_get_summary (summed, &first_b, &last_b, &revenue_b, &orders_b));
  g_assert_cmpint (first_a, ==, first_b);
  g_assert_cmpint (last_a, ==, last_b);
  g_assert_cmpfloat (revenue_a, ==, revenue_b);
  g_assert_cmpuint (orders_a, ==, orders_b);
  g_assert_cmpuint (orders_a, >, 0);

  /* New data forgets the sums; one summed for the data before is not kept. */
  g_object_set_data (G_OBJECT (loaded), "test-summary-done", NULL);
  sc_project_load_summary_async (loaded, NULL, on_summary, &error);
  g_assert_true (sc_project_reload (loaded, &error));
  g_assert_true (wait_until (summary_done, loaded));
  g_assert_no_error (error);
  g_assert_false (sc_project_get_summary_known (loaded));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SegApplication) app = NULL;
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-incremental-XXXXXX",
                       "io.github.segments.Segments.TestIncremental",
                       G_APPLICATION_HANDLES_OPEN, &tmp_dir);

  sample_path = g_build_filename (tmp_dir, "sample.segments", NULL);
  make_sample_project (sample_path);

  g_test_add_func ("/Ui/Incremental/rename-updates-one-row", test_rename_updates_one_row);
  g_test_add_func ("/Ui/Incremental/summary-async", test_summary_async);
  ret = g_test_run ();

  remove_projects (tmp_dir);
  g_free (sample_path);
  g_free (tmp_dir);
  return ret;
}
