/* test-ui-editor.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The segment editor (the Segments page) under Xvfb, on the sample data: renaming with
 * inline errors, priority, quadrant overrides and dividers on the grid, merge, split, move
 * and fold, undo and redo, re-running, estimating value and potential, fifty segments; and
 * that every edit is in the project file when it is opened again, even after the process
 * that made it was killed.
 *
 * The sample project is made once (import, segment, fit the value model) and copied for
 * each test.  Edits go through the widgets' own code paths: text typed into the details'
 * fields and activated, the list's and the page's editor.* actions (what keys, drags and
 * menus activate), the grid's drop functions (what a drag ends with).  With
 * SEGMENTS_SCREENSHOT_DIR set, pictures of the editor are saved there for the help. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sys/wait.h>

#include "sc-potential.h"
#include "sc-project.h"
#include "seg-application.h"
#include "seg-grid-chart.h"
#include "seg-segment-details.h"
#include "seg-segment-list.h"
#include "seg-segments-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"


static SegApplication *app;
static char *tmp_dir;
static char *template_path;
static const char *self_exe;

/* ------------------------------------------------------------------------------------------ */
/* Waiting and finding                                                                        */

static gboolean
window_is_idle (gpointer data)
{
  return !seg_window_is_busy (SEG_WINDOW (data));
}

/* ------------------------------------------------------------------------------------------ */
/* The project                                                                                */

static void
fit_potential (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (path, FALSE, &error);

  g_assert_no_error (error);
  test_fit_value_model (store);
}

/* The sample as "Open Sample Data" makes it, with the value model fitted. */
static void
make_template (void)
{
  template_path = g_build_filename (tmp_dir, "template.segments", NULL);
  make_sample_project (template_path);
  fit_potential (template_path);
}

static char *
copy_template (const char *name)
{
  g_autoptr(GFile) from = g_file_new_for_path (template_path);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static ScProject *
reopen (const char *path)
{
  g_autoptr(GError) error = NULL;
  ScProject *project = sc_project_open (path, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

/* ------------------------------------------------------------------------------------------ */
/* The editor in a window                                                                     */

static gboolean
details_loaded (gpointer data)
{
  Editor *e = data;

  return seg_segment_details_get_run_details (e->details) != NULL;
}

static int
selected (Editor *e)
{
  return seg_segment_details_get_position (e->details);
}

/* Selects the segment shown in list row @index, as a click there does. */
static guint
select_row (Editor *e,
            guint   index)
{
  GtkListBox *box = seg_segment_list_get_list_box (e->list);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (box, (int) index);

  g_assert_nonnull (row);
  gtk_list_box_select_row (box, row);
  drain_events ();
  g_assert_cmpint (selected (e), ==, seg_segment_list_get_position_at (e->list, index));
  return (guint) selected (e);
}

static guint
rank_of (const ScRun *run,
         guint        position)
{
  return run->segments[position].priority;
}

static int
position_named (const ScRun *run,
                const char  *name)
{
  for (guint s = 0; s < run->n_segments; s++)
    if (g_strcmp0 (run->segments[s].name, name) == 0)
      return (int) s;
  return -1;
}

static GtkWidget *
details_row (Editor     *e,
             const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (e->details), is_row_titled, (gpointer) title);

  g_assert_nonnull (row);
  return row;
}

static void
type_into_row (Editor     *e,
               const char *title,
               const char *text)
{
  GtkWidget *row = details_row (e, title);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "entry-activated");
  drain_events ();
}

static void
activate (Editor     *e,
          GtkWidget  *widget,
          const char *action,
          GVariant   *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (widget, action, parameter));
  drain_events ();
}

/* Drives the grid's drag gesture from (x0, y0) to (x1, y1) as the pointer would, with a
 * picture of it half way when asked for. */
static void
drag (Editor     *e,
      double      x0,
      double      y0,
      double      x1,
      double      y1,
      const char *shot)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (e->grid));
  GtkGesture *gesture = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && gesture == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        gesture = GTK_GESTURE (controller);
    }
  g_assert_nonnull (gesture);

  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  g_signal_emit_by_name (gesture, "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (gesture, "drag-update", x1 - x0, y1 - y0);
  if (shot != NULL)
    save_shot (e, shot);
  g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
  drain_events ();
}

/* ------------------------------------------------------------------------------------------ */

static void
test_editor_shows_segments (void)
{
  g_autofree char *path = copy_template ("shows.segments");
  Editor e = open_editor (path);
  const ScRun *run = run_of (&e);
  g_autofree guint *order = sc_run_priority_order (run);
  GtkListBox *box = seg_segment_list_get_list_box (e.list);
  guint position;
  double x, y, r;

  /* The list holds every segment in priority order, with its figures for screen readers. */
  g_assert_cmpuint (run->n_segments, >=, 3);
  for (guint i = 0; i < run->n_segments; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (box, (int) i);

      g_assert_nonnull (row);
      g_assert_cmpint (seg_segment_list_get_position_at (e.list, i), ==, order[i]);
    }
  g_assert_null (gtk_list_box_get_row_at_index (box, (int) run->n_segments));

  /* Nothing selected yet. */
  g_assert_cmpint (selected (&e), ==, -1);
  g_assert_true (seg_grid_chart_has_values (e.grid));
  for (guint s = 0; s < run->n_segments; s++)
    g_assert_true (seg_grid_chart_get_bubble (e.grid, s, &x, &y, &r));

  /* Selecting in the list shows the segment's details and highlights it on the grid. */
  position = select_row (&e, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (details_row (&e, "_Name"))), ==,
                   run->segments[position].name);
  g_assert_true (wait_until (details_loaded, &e));

  /* Clicking a bubble selects that segment everywhere. */
  {
    guint other = seg_segment_list_get_position_at (e.list, 0);

    g_assert_true (seg_grid_chart_get_bubble (e.grid, other, &x, &y, &r));
    g_assert_cmpint (SEG_CHART_GET_CLASS (e.grid)->segment_at (SEG_CHART (e.grid), x, y), ==,
                     (int) other);
  }

  save_shot (&e, "edit-segments.png");

  /* Dark mode repaints with the dark palette. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  save_shot (&e, "edit-segments-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The data half of the details: profile, what sets it apart, typical customers. */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (details_row (&e, "_Name"),
                                                   GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    g_assert_nonnull (find_widget (GTK_WIDGET (e.details), is_row_titled,
                                   (gpointer) "Orders per customer"));
    settle (GTK_WIDGET (e.details));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    save_shot (&e, "edit-segments-profile.png");
  }
  destroy_all_windows ();
}

static void
test_editor_rename (void)
{
  g_autofree char *path = copy_template ("rename.segments");
  Editor e = open_editor (path);
  g_autoptr(ScProject) again = NULL;
  g_autofree char *other_name = NULL;
  guint position, other;
  gint64 id;

  position = select_row (&e, 0);
  other = (guint) seg_segment_list_get_position_at (e.list, 1);
  id = run_of (&e)->segments[position].id;
  other_name = g_strdup (run_of (&e)->segments[other].name);

  type_into_row (&e, "_Name", "  Loyal fans ");
  g_assert_cmpstr (run_of (&e)->segments[position].name, ==, "Loyal fans");
  g_assert_null (seg_segment_details_get_name_error (e.details));
  g_assert_cmpstr (sc_project_get_undo_label (e.project), ==, "Rename");

  /* Another segment's name, in other letters: refused at once, inline, nothing saved. */
  {
    g_autofree char *shouting = g_utf8_strup (other_name, -1);

    type_into_row (&e, "_Name", shouting);
    g_assert_nonnull (seg_segment_details_get_name_error (e.details));
    g_assert_nonnull (strstr (seg_segment_details_get_name_error (e.details), "already"));
    g_assert_true (gtk_widget_has_css_class (details_row (&e, "_Name"), "error"));
    g_assert_cmpstr (run_of (&e)->segments[position].name, ==, "Loyal fans");
  }
  type_into_row (&e, "_Name", "   ");
  g_assert_cmpstr (seg_segment_details_get_name_error (e.details), ==, "A segment needs a name.");
  type_into_row (&e, "_Name", "A name that is far too long to be the name of any segment at all");
  g_assert_nonnull (strstr (seg_segment_details_get_name_error (e.details), "60"));
  g_assert_cmpstr (run_of (&e)->segments[position].name, ==, "Loyal fans");

  /* A valid name clears the error. */
  type_into_row (&e, "_Name", "Loyal fans!");
  g_assert_null (seg_segment_details_get_name_error (e.details));
  g_assert_false (gtk_widget_has_css_class (details_row (&e, "_Name"), "error"));

  /* Text fields save after a pause in typing, without Enter. */
  gtk_editable_set_text (GTK_EDITABLE (details_row (&e, "O_wner")), "Dana (CS)");
  g_assert_null (run_of (&e)->segments[position].owner);
  WAIT_FOR (g_strcmp0 (run_of (&e)->segments[position].owner, "Dana (CS)") == 0);
  g_assert_cmpstr (run_of (&e)->segments[position].owner, ==, "Dana (CS)");

  /* Description and tactics save when the page saves pending text (as undo does). */
  {
    /* The first text view is the description's. */
    GtkWidget *view = find_of_type (GTK_WIDGET (e.details), GTK_TYPE_TEXT_VIEW);

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                              "Our best customers.", -1);
    seg_segments_page_commit (e.page);
    drain_events ();
    g_assert_cmpstr (run_of (&e)->segments[position].description, ==, "Our best customers.");
  }

  /* The tier, with what it means, and the colour. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (details_row (&e, "Service _tier")), 1);
  drain_events ();
  g_assert_cmpstr (run_of (&e)->segments[position].service_tier, ==, "high");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (details_row (&e,
                                                         "Service _tier"))),
                                 sc_plan_tier_meaning ("high")));
  {
    GtkWidget *colour = find_widget (GTK_WIDGET (e.details), is_of_type,
                                     GSIZE_TO_POINTER (GTK_TYPE_FLOW_BOX));
    GtkWidget *child = gtk_widget_get_first_child (colour);
    guint wanted = (run_of (&e)->segments[position].colour + 3) % 12;

    for (guint c = 0; c < wanted; c++)
      child = gtk_widget_get_next_sibling (child);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gtk_flow_box_child_get_child (
                                    GTK_FLOW_BOX_CHILD (child))), TRUE);
    drain_events ();
    g_assert_cmpuint (run_of (&e)->segments[position].colour, ==, wanted);
  }

  /* The suggested name is offered, and taken with one click. */
  {
    const char *suggested = run_of (&e)->segments[position].suggested_name;
    g_autofree char *expected = g_strdup (suggested);
    GtkWidget *row = details_row (&e, "Suggested name");
    GtkWidget *use = find_widget (row, is_button_labelled, (gpointer) "_Use");

    g_assert_true (gtk_widget_get_visible (row));
    g_assert_nonnull (use);
    g_signal_emit_by_name (use, "clicked");
    drain_events ();
    g_assert_cmpstr (run_of (&e)->segments[position].name, ==, expected);
    g_assert_false (gtk_widget_get_visible (row));
  }

  /* Every edit is in the file. */
  again = reopen (path);
  for (guint s = 0; s < sc_project_get_run (again)->n_segments; s++)
    if (sc_project_get_run (again)->segments[s].id == id)
      {
        const ScSegmentInfo *info = &sc_project_get_run (again)->segments[s];

        g_assert_cmpstr (info->owner, ==, "Dana (CS)");
        g_assert_cmpstr (info->description, ==, "Our best customers.");
        g_assert_cmpstr (info->service_tier, ==, "high");
      }
  destroy_all_windows ();
}

static void
test_editor_reorder (void)
{
  g_autofree char *path = copy_template ("reorder.segments");
  Editor e = open_editor (path);
  g_autoptr(ScProject) again = NULL;
  guint position;

  /* Alt+Up on the third row (editor.move-up from the list) makes it the second. */
  position = select_row (&e, 2);
  g_assert_cmpuint (rank_of (run_of (&e), position), ==, 3);
  activate (&e, GTK_WIDGET (e.list), "editor.move-up", NULL);
  g_assert_cmpuint (rank_of (run_of (&e), position), ==, 2);
  g_assert_cmpint (seg_segment_list_get_position_at (e.list, 1), ==, position);
  /* The moved segment stays selected. */
  g_assert_cmpint (selected (&e), ==, position);
  g_assert_true (gtk_list_box_row_is_selected (gtk_list_box_get_row_at_index (
                   seg_segment_list_get_list_box (e.list), 1)));

  /* At the top it cannot move further up. */
  activate (&e, GTK_WIDGET (e.list), "editor.move-up", NULL);
  g_assert_cmpuint (rank_of (run_of (&e), position), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (e.list), "editor.move-up", NULL);
  drain_events ();
  g_assert_cmpuint (rank_of (run_of (&e), position), ==, 1);
  activate (&e, GTK_WIDGET (e.list), "editor.move-down", NULL);
  g_assert_cmpuint (rank_of (run_of (&e), position), ==, 2);

  /* A drop puts a segment at the rank of the row it lands on. */
  {
    guint last = (guint) seg_segment_list_get_position_at (e.list, run_of (&e)->n_segments - 1);

    activate (&e, GTK_WIDGET (e.list), "editor.set-priority",
              g_variant_new ("(xu)", run_of (&e)->segments[last].id, 1));
    g_assert_cmpuint (rank_of (run_of (&e), last), ==, 1);
    g_assert_cmpint (seg_segment_list_get_position_at (e.list, 0), ==, last);
    g_assert_cmpint (selected (&e), ==, last);
  }

  again = reopen (path);
  g_assert_cmpuint (rank_of (sc_project_get_run (again), position), ==,
                    rank_of (run_of (&e), position));
  destroy_all_windows ();
}

static void
test_editor_grid (void)
{
  g_autofree char *path = copy_template ("grid.segments");
  Editor e = open_editor (path);
  g_autoptr(ScProject) again = NULL;
  const ScSegmentInfo *info;
  g_autofree char *computed = NULL;
  const char *target;
  double x, y, r, dx, dy;
  guint position;
  GtkWidget *badge_row;

  position = select_row (&e, 0);
  info = &run_of (&e)->segments[position];
  computed = g_strdup (info->quadrant);
  g_assert_nonnull (computed);
  g_assert_true (seg_grid_chart_get_bubble (e.grid, position, &x, &y, &r));
  g_assert_cmpstr (sc_quadrant_to_string (seg_grid_chart_quadrant_at (e.grid, x, y)), ==,
                   computed);

  /* Dropped in the diagonally opposite quadrant. */
  seg_grid_chart_get_dividers (e.grid, &dx, &dy);
  x = x >= dx ? dx - 20 : dx + 20;
  y = y <= dy ? dy + 20 : dy - 20;
  target = sc_quadrant_to_string (seg_grid_chart_quadrant_at (e.grid, x, y));
  g_assert_cmpstr (target, !=, computed);
  {
    double bx, by;

    /* Through the chart's drag gesture, as a mouse drives it. */
    g_assert_true (seg_grid_chart_get_bubble (e.grid, position, &bx, &by, &r));
    drag (&e, bx, by, x, y, "edit-segments-drag.png");
  }
  info = &run_of (&e)->segments[position];
  g_assert_cmpstr (info->quadrant_override, ==, target);
  g_assert_cmpstr (sc_segment_info_get_quadrant (info), ==, target);
  g_assert_cmpstr (info->quadrant, ==, computed);
  /* Shown as set by hand in the details and the list. */
  badge_row = details_row (&e, "_Quadrant on the grid");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (badge_row)),
                            "Set by hand"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (badge_row)), !=, 0);
  save_shot (&e, "edit-segments-override.png");

  /* Back into its own quadrant: the data decides again.  The chart takes the drop once it
   * has laid out the edited run (a frame away, later on a loaded machine); until then the
   * drop does nothing and says so. */
  WAIT_FOR (seg_grid_chart_get_bubble (e.grid, position, &x, &y, &r) &&
            seg_grid_chart_drop_segment (e.grid, position, x + 1, y + 1));
  drain_events ();
  g_assert_null (run_of (&e)->segments[position].quadrant_override);

  /* The details' choice does the same, from the keyboard. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (details_row (&e, "_Quadrant on the grid")), 1);
  drain_events ();
  g_assert_cmpstr (run_of (&e)->segments[position].quadrant_override, ==, "invest");
  adw_combo_row_set_selected (ADW_COMBO_ROW (details_row (&e, "_Quadrant on the grid")), 0);
  drain_events ();
  g_assert_null (run_of (&e)->segments[position].quadrant_override);

  /* Dragging the value divider to the far left makes every segment high value. */
  {
    double before = run_of (&e)->value_threshold;
    double fx, fy;

    g_assert_true (seg_grid_chart_get_bubble (e.grid, 0, &fx, &fy, &r));
    seg_grid_chart_get_dividers (e.grid, &dx, &dy);
    /* Grabbed where no bubble is: along the divider, a few pixels beside it. */
    {
      double gy = -1;

      for (double cy = 20; cy < gtk_widget_get_height (GTK_WIDGET (e.grid)) - 20 && gy < 0; cy += 4)
        if (SEG_CHART_GET_CLASS (e.grid)->segment_at (SEG_CHART (e.grid), dx + 2, cy) < 0 &&
            fabs (cy - dy) > 10)
          gy = cy;
      g_assert_cmpfloat (gy, >, 0);
      drag (&e, dx + 2, gy, 0, gy, "edit-segments-divider.png");
    }
    g_assert_cmpfloat (run_of (&e)->value_threshold, <, before);
    g_assert_cmpfloat (run_of (&e)->potential_threshold, ==, run_of (&e)->potential_threshold);
    for (guint s = 0; s < run_of (&e)->n_segments; s++)
      if (!run_of (&e)->segments[s].is_outliers)
        {
          const char *q = run_of (&e)->segments[s].quadrant;

          g_assert_true (g_strcmp0 (q, "invest") == 0 || g_strcmp0 (q, "keep") == 0);
        }
    g_assert_cmpstr (sc_project_get_undo_label (e.project), ==, "Threshold Change");

    again = reopen (path);
    g_assert_cmpfloat (sc_project_get_run (again)->value_threshold, ==,
                       run_of (&e)->value_threshold);
    g_clear_object (&again);

    /* Back to the medians from the Dividers popover. */
    activate (&e, GTK_WIDGET (e.page), "editor.reset-thresholds", NULL);
    g_assert_cmpfloat_with_epsilon (run_of (&e)->value_threshold, before, 1e-6);
  }
  destroy_all_windows ();
}

static void
test_editor_shape (void)
{
  g_autofree char *path = copy_template ("shape.segments");
  Editor e = open_editor (path);
  g_autoptr(ScProject) again = NULL;
  g_autofree char *kept = NULL;
  guint n = run_of (&e)->n_segments;
  guint position, second;
  guint64 total;

  /* Merge through the dialog: the two smallest non-outlier segments. */
  position = select_row (&e, 0);
  second = (guint) seg_segment_list_get_position_at (e.list, 1);
  total = run_of (&e)->segments[position].size + run_of (&e)->segments[second].size;
  kept = g_strdup (run_of (&e)->segments[run_of (&e)->segments[position].size >=
                                          run_of (&e)->segments[second].size
                                          ? position : second].name);
  activate (&e, GTK_WIDGET (e.page), "editor.merge", NULL);
  g_assert_true (wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  {
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG));
    GtkWidget *check;

    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "merge"));
    check = find_widget (GTK_WIDGET (dialog), is_of_type,
                         GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON));
    g_assert_nonnull (check);
    /* The first check is the next segment in priority order, the one in row 1. */
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "merge"));
    adw_message_dialog_response (dialog, "merge");
  }
  /* The page is busy until the worker is done, and says so. */
  g_assert_true (seg_segments_page_is_working (e.page));
  wait_idle (&e);
  g_assert_cmpuint (run_of (&e)->n_segments, ==, n - 1);
  g_assert_cmpint (selected (&e), ==, position_named (run_of (&e), kept));
  g_assert_cmpuint (run_of (&e)->segments[selected (&e)].size, ==, total);
  g_assert_cmpstr (sc_project_get_undo_label (e.project), ==, "Merge Segments");

  /* Split it in two again: the larger half keeps the name and stays selected. */
  activate (&e, GTK_WIDGET (e.page), "editor.split", NULL);
  wait_idle (&e);
  g_assert_cmpuint (run_of (&e)->n_segments, ==, n);
  g_assert_cmpint (selected (&e), ==, position_named (run_of (&e), kept));
  {
    guint64 halves = 0;

    for (guint s = 0; s < run_of (&e)->n_segments; s++)
      if (g_str_equal (run_of (&e)->segments[s].name, kept) ||
          run_of (&e)->segments[s].position == run_of (&e)->k - 1)
        halves += run_of (&e)->segments[s].size;
    g_assert_cmpuint (halves, ==, total);
  }

  /* Move a typical customer of the selected segment to the first other segment. */
  g_assert_true (wait_until (details_loaded, &e));
  {
    const ScRunDetails *details = seg_segment_details_get_run_details (e.details);
    const ScSegmentDetails *mine = &details->segments[selected (&e)];
    g_autofree char *key = g_strdup (mine->examples[0].key);
    guint32 customer = mine->examples[0].customer;
    guint to = selected (&e) == 0 ? 1 : 0;

    g_assert_cmpuint (mine->n_examples, >, 0);
    activate (&e, GTK_WIDGET (e.page), "editor.move-customer-to",
              g_variant_new ("(su)", key, to));
    wait_idle (&e);
    g_assert_cmpuint (run_of (&e)->labels[customer], ==, to);
    g_assert_cmpstr (sc_project_get_undo_label (e.project), ==, "Move Customers");

    /* An unknown id is an error for people, and changes nothing. */
    activate (&e, GTK_WIDGET (e.page), "editor.move-customer-to",
              g_variant_new ("(su)", "NO-SUCH-CUSTOMER", to));
    wait_idle (&e);
    g_assert_true (wait_until (has_toplevel_of_type,
                               GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (
                                find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG))),
                              "NO-SUCH-CUSTOMER"));
    gtk_window_destroy (find_toplevel_of_type (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_cmpstr (sc_project_get_undo_label (e.project), ==, "Move Customers");
  }

  again = reopen (path);
  g_assert_cmpuint (sc_project_get_run (again)->n_segments, ==, n);
  g_assert_cmpint (sc_project_get_run (again)->id, ==, run_of (&e)->id);
  destroy_all_windows ();
}

/* The state that undo and redo are checked against. */
typedef struct
{
  guint   n_segments;
  gint64  run;
  char   *names;
  char   *ranks;
  char   *overrides;
} State;

static void
state_clear (State *state)
{
  g_free (state->names);
  g_free (state->ranks);
  g_free (state->overrides);
}

static State
state_of (const ScRun *run)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) ranks = g_string_new (NULL);
  g_autoptr(GString) overrides = g_string_new (NULL);
  State state = { run->n_segments, run->id, NULL, NULL, NULL };

  for (guint s = 0; s < run->n_segments; s++)
    {
      g_string_append_printf (names, "%s|", run->segments[s].name);
      g_string_append_printf (ranks, "%u|", run->segments[s].priority);
      g_string_append_printf (overrides, "%s|", run->segments[s].quadrant_override);
    }
  state.names = g_string_free (g_steal_pointer (&names), FALSE);
  state.ranks = g_string_free (g_steal_pointer (&ranks), FALSE);
  state.overrides = g_string_free (g_steal_pointer (&overrides), FALSE);
  return state;
}

static void
assert_state (const ScRun *run,
              const State *expected)
{
  State state = state_of (run);

  g_assert_cmpuint (state.n_segments, ==, expected->n_segments);
  g_assert_cmpint (state.run, ==, expected->run);
  g_assert_cmpstr (state.names, ==, expected->names);
  g_assert_cmpstr (state.ranks, ==, expected->ranks);
  g_assert_cmpstr (state.overrides, ==, expected->overrides);
  state_clear (&state);
}

static gboolean
action_enabled (Editor     *e,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (e->window), name);
}

static void
undo (Editor *e)
{
  g_assert_true (action_enabled (e, "undo"));
  g_action_group_activate_action (G_ACTION_GROUP (e->window), "undo", NULL);
  wait_idle (e);
}

static void
redo (Editor *e)
{
  g_assert_true (action_enabled (e, "redo"));
  g_action_group_activate_action (G_ACTION_GROUP (e->window), "redo", NULL);
  wait_idle (e);
}

static void
test_editor_undo_redo (void)
{
  g_autofree char *path = copy_template ("undo.segments");
  Editor e = open_editor (path);
  g_autoptr(ScProject) again = NULL;
  State states[6];
  guint position;
  double x, y, r, dx, dy;

  g_assert_false (action_enabled (&e, "undo"));
  g_assert_false (action_enabled (&e, "redo"));
  states[0] = state_of (run_of (&e));

  /* Rename, reorder, override, merge, split. */
  position = select_row (&e, 1);
  type_into_row (&e, "_Name", "Renamed once");
  states[1] = state_of (run_of (&e));
  g_assert_true (action_enabled (&e, "undo"));

  activate (&e, GTK_WIDGET (e.list), "editor.move-up", NULL);
  states[2] = state_of (run_of (&e));

  g_assert_true (seg_grid_chart_get_bubble (e.grid, position, &x, &y, &r));
  seg_grid_chart_get_dividers (e.grid, &dx, &dy);
  g_assert_true (seg_grid_chart_drop_segment (e.grid, position, x >= dx ? dx - 20 : dx + 20,
                                              y <= dy ? dy + 20 : dy - 20));
  drain_events ();
  states[3] = state_of (run_of (&e));

  {
    guint32 pair[2] = { position, (guint32) seg_segment_list_get_position_at (e.list, 0) };

    if (pair[1] == position)
      pair[1] = (guint32) seg_segment_list_get_position_at (e.list, 1);
    activate (&e, GTK_WIDGET (e.page), "editor.merge-segments",
              g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, pair, 2, sizeof (guint32)));
  }
  wait_idle (&e);
  states[4] = state_of (run_of (&e));
  g_assert_cmpuint (states[4].n_segments, ==, states[3].n_segments - 1);

  g_assert_cmpint (selected (&e), >=, 0);
  activate (&e, GTK_WIDGET (e.page), "editor.split", NULL);
  wait_idle (&e);
  states[5] = state_of (run_of (&e));
  g_assert_cmpuint (states[5].n_segments, ==, states[4].n_segments + 1);

  /* Undo all five, one by one, then redo them. */
  for (int i = 4; i >= 0; i--)
    {
      undo (&e);
      assert_state (run_of (&e), &states[i]);
    }
  g_assert_false (action_enabled (&e, "undo"));
  for (int i = 1; i <= 5; i++)
    {
      redo (&e);
      assert_state (run_of (&e), &states[i]);
    }
  g_assert_false (action_enabled (&e, "redo"));

  /* Undo twice and make a new edit: the redo history is gone. */
  undo (&e);
  undo (&e);
  assert_state (run_of (&e), &states[3]);
  select_row (&e, 0);
  type_into_row (&e, "_Name", "Renamed again");
  g_assert_false (action_enabled (&e, "redo"));

  /* Text typed but not saved is undone as an edit of its own. */
  gtk_editable_set_text (GTK_EDITABLE (details_row (&e, "_Objective")), "Keep them");
  undo (&e);
  g_assert_null (run_of (&e)->segments[selected (&e)].objective);
  g_assert_cmpstr (run_of (&e)->segments[selected (&e)].name, ==, "Renamed again");

  /* The file holds the state the window shows. */
  {
    State now = state_of (run_of (&e));

    again = reopen (path);
    assert_state (sc_project_get_run (again), &now);
    state_clear (&now);
  }
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    state_clear (&states[i]);
  destroy_all_windows ();
}

static void
test_editor_reopen (void)
{
  g_autofree char *path = copy_template ("reopen.segments");
  Editor e = open_editor (path);
  guint position;
  double x, y, r, dx, dy;
  g_autofree char *override = NULL;
  guint n;

  /* Rename, reorder, override, merge, split; close; open again in a new window. */
  position = select_row (&e, 2);
  type_into_row (&e, "_Name", "Reopened");
  activate (&e, GTK_WIDGET (e.list), "editor.move-up", NULL);
  g_assert_true (seg_grid_chart_get_bubble (e.grid, position, &x, &y, &r));
  seg_grid_chart_get_dividers (e.grid, &dx, &dy);
  x = x >= dx ? dx - 20 : dx + 20;
  y = y <= dy ? dy + 20 : dy - 20;
  override = g_strdup (sc_quadrant_to_string (seg_grid_chart_quadrant_at (e.grid, x, y)));
  g_assert_true (seg_grid_chart_drop_segment (e.grid, position, x, y));
  drain_events ();
  {
    guint32 pair[2] = { (guint32) seg_segment_list_get_position_at (e.list, 3),
                        (guint32) seg_segment_list_get_position_at (e.list, 4) };

    activate (&e, GTK_WIDGET (e.page), "editor.merge-segments",
              g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, pair, 2, sizeof (guint32)));
  }
  wait_idle (&e);
  n = run_of (&e)->n_segments;
  select_row (&e, 0);
  activate (&e, GTK_WIDGET (e.page), "editor.split", NULL);
  wait_idle (&e);
  g_assert_cmpuint (run_of (&e)->n_segments, ==, n + 1);
  {
    State before = state_of (run_of (&e));

    gtk_window_close (GTK_WINDOW (e.window));
    drain_events ();
    destroy_all_windows ();

    e = open_editor (path);
    assert_state (run_of (&e), &before);
    state_clear (&before);
  }
  position = (guint) position_named (run_of (&e), "Reopened");
  g_assert_cmpstr (run_of (&e)->segments[position].quadrant_override, ==, override);
  g_assert_cmpuint (rank_of (run_of (&e), position), ==, 2);
  /* The list shows them as saved. */
  g_assert_cmpint (seg_segment_list_get_position_at (e.list, 1), ==, position);
  destroy_all_windows ();
}

/* Run as "--edit-and-die PATH": edits through ScProject and is killed right after. */
static int
edit_and_die (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = sc_project_open (path, FALSE, &error);
  const ScRun *run;

  if (project == NULL)
    return 2;
  run = sc_project_get_run (project);
  if (!sc_project_set_segment_field (project, run->segments[0].id, SC_SEGMENT_FIELD_NAME,
                                     "Survives a kill", &error) ||
      !sc_project_set_segment_priority (project, sc_project_get_run (project)->segments[0].id,
                                        sc_project_get_run (project)->n_segments, &error) ||
      !sc_project_merge_segments (project, (guint[]) { 1, 2 }, 2, &error))
    return 3;
  raise (SIGKILL);
  return 4;
}

static void
test_editor_killed (void)
{
  g_autofree char *path = copy_template ("killed.segments");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) before = reopen (path);
  g_autoptr(ScProject) after = NULL;
  const char *argv[] = { self_exe, "--edit-and-die", path, NULL };
  guint n = sc_project_get_run (before)->n_segments;
  int status = 0;
  int position;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  /* Every committed edit is there: the name, the priority and the merge. */
  after = reopen (path);
  g_assert_cmpuint (sc_project_get_run (after)->n_segments, ==, n - 1);
  position = position_named (sc_project_get_run (after), "Survives a kill");
  g_assert_cmpint (position, >=, 0);
  g_assert_cmpuint (rank_of (sc_project_get_run (after), (guint) position), ==, n - 1);

  /* And the window shows it. */
  {
    Editor e = open_editor (path);

    g_assert_cmpint (position_named (run_of (&e), "Survives a kill"), ==, position);
    destroy_all_windows ();
  }
}

static gboolean
banner_shown (gpointer data)
{
  Editor *e = data;
  GtkWidget *revealer = find_widget (GTK_WIDGET (e->page), is_of_type,
                                     GSIZE_TO_POINTER (GTK_TYPE_REVEALER));

  return revealer != NULL && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static void
test_editor_rerun (void)
{
  g_autofree char *path = copy_template ("rerun.segments");
  Editor e = open_editor (path);
  State before;
  ScRunParams params;
  guint position;

  position = select_row (&e, 0);
  type_into_row (&e, "_Name", "Named before the re-run");
  before = state_of (run_of (&e));

  /* What the popover's button does, with three segments. */
  sc_run_params_init (&params);
  params.k = 3;
  seg_window_segment (e.window, &params);
  g_assert_true (seg_window_is_busy (e.window));
  g_assert_true (wait_until (window_is_idle, e.window));
  g_assert_cmpuint (run_of (&e)->k, ==, 3);
  g_assert_true (wait_until (banner_shown, &e));
  g_assert_cmpstr (sc_project_get_undo_label (e.project), ==, "Re-run");

  /* Undo brings the earlier segments back, names and all. */
  undo (&e);
  assert_state (run_of (&e), &before);
  g_assert_cmpint (position_named (run_of (&e), "Named before the re-run"), ==, position);
  state_clear (&before);
  destroy_all_windows ();
}

static void
test_editor_estimate (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "estimate.segments", NULL);
  g_autoptr(GError) error = NULL;
  Editor e;

  /* A project without the value model: the grid offers to estimate it. */
  {
    g_autoptr(ScProject) project = sc_project_open (path, TRUE, &error);
    g_autofree char *orders = sample_file ("transactions.csv");

    g_assert_no_error (error);
    test_project_import (project, orders);
    test_project_segment_k (project, 4);
  }

  e = open_editor (path);
  g_assert_false (seg_grid_chart_has_values (e.grid));
  g_assert_nonnull (find_widget (GTK_WIDGET (e.page), is_button_labelled,
                                 (gpointer) "_Estimate Value and Potential"));
  save_shot (&e, "edit-segments-estimate.png");
  activate (&e, GTK_WIDGET (e.page), "editor.estimate", NULL);
  wait_idle (&e);
  g_assert_true (seg_grid_chart_has_values (e.grid));
  for (guint s = 0; s < run_of (&e)->n_segments; s++)
    g_assert_true (isfinite (run_of (&e)->segments[s].potential));
  destroy_all_windows ();
}

static void
test_editor_fifty_segments (void)
{
  g_autofree char *path = copy_template ("fifty.segments");
  g_autoptr(GError) error = NULL;
  Editor e;
  guint last;

  {
    g_autoptr(ScProject) project = reopen (path);
    ScRunParams params;

    sc_run_params_init (&params);
    params.k = 50;
    params.n_init = 2;
    params.outlier_z = 0;
    g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  fit_potential (path);

  e = open_editor (path);
  g_assert_cmpuint (run_of (&e)->n_segments, ==, 50);
  g_assert_nonnull (gtk_list_box_get_row_at_index (seg_segment_list_get_list_box (e.list), 49));
  for (guint s = 0; s < 50; s++)
    {
      double x, y, r;

      if (seg_grid_chart_get_bubble (e.grid, s, &x, &y, &r))
        g_assert_cmpfloat (r, >, 0);
    }

  /* The last one can be reached, renamed and moved up. */
  last = select_row (&e, 49);
  type_into_row (&e, "_Name", "Fiftieth");
  g_assert_cmpstr (run_of (&e)->segments[last].name, ==, "Fiftieth");
  activate (&e, GTK_WIDGET (e.list), "editor.move-up", NULL);
  g_assert_cmpuint (rank_of (run_of (&e), last), ==, 49);
  g_assert_cmpint (seg_segment_list_get_position_at (e.list, 48), ==, last);
  save_shot (&e, "edit-segments-fifty.png");
  destroy_all_windows ();
}

static void
test_editor_narrow (void)
{
  g_autofree char *path = copy_template ("narrow.segments");
  Editor e = open_editor (path);
  AdwLeaflet *leaflet = ADW_LEAFLET (find_of_type (GTK_WIDGET (e.page), ADW_TYPE_LEAFLET));
  GtkListBox *box = seg_segment_list_get_list_box (e.list);

  /* A narrow window shows the list, then the segment, with a way back. */
  gtk_window_set_default_size (GTK_WINDOW (e.window), 560, 700);
  /* GTK may draw before the page has its new width: wait for the width itself. */
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (e.page)) > 0 &&
            gtk_widget_get_width (GTK_WIDGET (e.page)) <= 560 &&
            adw_leaflet_get_folded (leaflet));
  settle (GTK_WIDGET (e.window));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (e.list));
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (box, 1), "activate");
  WAIT_FOR (adw_leaflet_get_visible_child (leaflet) != GTK_WIDGET (e.list));
  settle (GTK_WIDGET (e.window));
  g_assert_cmpint (selected (&e), ==, seg_segment_list_get_position_at (e.list, 1));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != GTK_WIDGET (e.list));
  save_shot (&e, "edit-segments-narrow.png");
  {
    GtkWidget *back = find_widget (GTK_WIDGET (e.page), is_button_with_tooltip,
                                   (gpointer) "Back to the Segments");

    g_assert_nonnull (back);
    g_assert_true (gtk_widget_get_visible (back));
    g_signal_emit_by_name (back, "clicked");
  }
  WAIT_FOR (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (e.list));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == GTK_WIDGET (e.list));
  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (argc == 3 && g_str_equal (argv[1], "--edit-and-die"))
    return edit_and_die (argv[2]);

  self_exe = argv[0];
  app = ui_test_start (&argc, &argv, "test-ui-editor-XXXXXX",
                       "io.github.segments.Segments.TestEditor",
                       G_APPLICATION_HANDLES_OPEN, &tmp_dir);

  make_template ();

  g_test_add_func ("/Ui/Editor/shows-segments", test_editor_shows_segments);
  g_test_add_func ("/Ui/Editor/rename", test_editor_rename);
  g_test_add_func ("/Ui/Editor/reorder", test_editor_reorder);
  g_test_add_func ("/Ui/Editor/grid", test_editor_grid);
  g_test_add_func ("/Ui/Editor/shape", test_editor_shape);
  g_test_add_func ("/Ui/Editor/undo-redo", test_editor_undo_redo);
  g_test_add_func ("/Ui/Editor/reopen", test_editor_reopen);
  g_test_add_func ("/Ui/Editor/killed", test_editor_killed);
  g_test_add_func ("/Ui/Editor/rerun", test_editor_rerun);
  g_test_add_func ("/Ui/Editor/estimate", test_editor_estimate);
  g_test_add_func ("/Ui/Editor/fifty-segments", test_editor_fifty_segments);
  g_test_add_func ("/Ui/Editor/narrow", test_editor_narrow);

  ret = g_test_run ();

  ui_test_stop (&app);
  remove_projects (tmp_dir);
  g_free (template_path);
  g_free (tmp_dir);
  return ret;
}
