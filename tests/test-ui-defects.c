/* test-ui-defects.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Small defects of issue 19, each driven under Xvfb as a user meets it: the ✓ of the segment
 * name row only while the name differs from the saved one; a redo replacing the "Undid …"
 * toast; the import wizard's last page after adding orders to a segmented project, which
 * places their customers into the segments rather than offering to segment again; the
 * Overview's five figure cards reflowing 5, 3 + 2, 2 + 2 + 1 or one per line, never leaving one
 * card alone under a longer row, with no figure cut from 360 px up. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-project.h"
#include "seg-application.h"
#include "seg-figure-grid.h"
#include "seg-grid-chart.h"
#include "seg-import-wizard.h"
#include "seg-overview-page.h"
#include "seg-segment-details.h"
#include "seg-segment-list.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"


static SegApplication *app;
static char *tmp_dir;
static char *template_path;

/* Depth first, hidden widgets too: the entry row's ✓ is hidden until it is offered. */
static GtkWidget *
find_any (GtkWidget       *root,
          WidgetPredicate  predicate,
          gpointer         data)
{
  if (predicate (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_any (child, predicate, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_apply_button (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)),
                    "adw-entry-apply-symbolic") == 0;
}

static gboolean
is_label_starting (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
is_toast_titled (GtkWidget *widget,
                 gpointer   data)
{
  g_autoptr(AdwToast) toast = NULL;

  if (strcmp (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget") != 0)
    return FALSE;
  g_object_get (widget, "toast", &toast, NULL);
  return toast != NULL && g_str_has_prefix (adw_toast_get_title (toast), data);
}

/* A label the user reads on a toast, by the start of its text. */
static gboolean
is_toast_label (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data) &&
         gtk_widget_get_ancestor (widget, g_type_from_name ("AdwToastWidget")) != NULL;
}

static void
select_row (Editor *e,
            guint   index)
{
  GtkListBox *box = seg_segment_list_get_list_box (e->list);

  gtk_list_box_select_row (box, gtk_list_box_get_row_at_index (box, (int) index));
  drain_events ();
}

static GtkWidget *
name_row (Editor *e)
{
  GtkWidget *row = find_widget (GTK_WIDGET (e->details), is_row_titled, (gpointer) "_Name");

  g_assert_nonnull (row);
  return row;
}

static const char *
shown_name (Editor *e)
{
  return run_of (e)->segments[seg_segment_details_get_position (e->details)].name;
}

/* ------------------------------------------------------------------------------------------ */

static void
test_name_apply (void)
{
  g_autofree char *path = copy_project (template_path, tmp_dir, "apply.segments");
  Editor e = open_editor (path);
  GtkWidget *row, *apply;
  g_autofree char *saved = NULL;
  g_autofree char *edited = NULL;

  select_row (&e, 1);
  row = name_row (&e);
  apply = find_any (row, is_apply_button, NULL);
  g_assert_nonnull (apply);
  saved = g_strdup (shown_name (&e));
  edited = g_strconcat (saved, " plus", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, saved);
  g_assert_false (gtk_widget_get_visible (apply));

  /* Typing (the row has the focus) offers ✓; typing the saved name back takes it away. */
  gtk_widget_grab_focus (row);
  WAIT_FOR (gtk_widget_has_focus (gtk_root_get_focus (gtk_widget_get_root (row))) &&
            gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (row)), row));
  gtk_editable_set_text (GTK_EDITABLE (row), edited);
  drain_events ();
  g_assert_true (gtk_widget_get_visible (apply));
  gtk_editable_set_text (GTK_EDITABLE (row), saved);
  drain_events ();
  g_assert_false (gtk_widget_get_visible (apply));

  /* Saved without ✓ (Enter, the timer): the text is the saved name, and ✓ goes. */
  gtk_editable_set_text (GTK_EDITABLE (row), edited);
  drain_events ();
  g_assert_true (gtk_widget_get_visible (apply));
  g_signal_emit_by_name (row, "entry-activated");
  wait_idle (&e);
  WAIT_FOR (g_strcmp0 (shown_name (&e), edited) == 0);
  drain_events ();
  g_assert_false (gtk_widget_get_visible (apply));

  /* Another segment chosen while the row has the focus shows its name, without ✓. */
  gtk_editable_set_text (GTK_EDITABLE (row), "Half typed");
  drain_events ();
  g_assert_true (gtk_widget_get_visible (apply));
  g_signal_emit_by_name (row, "entry-activated");
  wait_idle (&e);
  select_row (&e, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, shown_name (&e));
  g_assert_false (gtk_widget_get_visible (apply));
  destroy_all_windows ();
}

static void
on_dismissed (gboolean *dismissed)
{
  *dismissed = TRUE;
}

static void
test_undo_toast (void)
{
  g_autofree char *path = copy_project (template_path, tmp_dir, "toast.segments");
  Editor e = open_editor (path);
  GtkWidget *widget;
  g_autoptr(AdwToast) undid = NULL;
  gboolean dismissed = FALSE;

  select_row (&e, 0);
  gtk_editable_set_text (GTK_EDITABLE (name_row (&e)), "Toasted");
  g_signal_emit_by_name (name_row (&e), "entry-activated");
  wait_idle (&e);
  dismiss_toasts (GTK_WIDGET (e.window));

  g_action_group_activate_action (G_ACTION_GROUP (e.window), "undo", NULL);
  wait_idle (&e);
  WAIT_FOR ((widget = find_widget (GTK_WIDGET (e.window), is_toast_titled,
                                   (gpointer) "Undid ")) != NULL);
  g_object_get (widget, "toast", &undid, NULL);
  /* It would otherwise stay until the user closes it: only the redo can change it. */
  adw_toast_set_timeout (undid, 0);
  g_signal_connect_swapped (undid, "dismissed", G_CALLBACK (on_dismissed), &dismissed);

  g_action_group_activate_action (G_ACTION_GROUP (e.window), "redo", NULL);
  wait_idle (&e);
  g_assert_cmpstr (shown_name (&e), ==, "Toasted");
  /* The toast that said "Undid …" now says "Redid …", and nothing says "Undid" any more
   * (neither shown nor queued: the overlay has no other toast). */
  g_assert_true (g_str_has_prefix (adw_toast_get_title (undid), "Redid "));
  WAIT_FOR (find_widget (GTK_WIDGET (e.window), is_toast_titled, (gpointer) "Redid ") != NULL);
  g_assert_null (find_widget (GTK_WIDGET (e.window), is_toast_titled, (gpointer) "Undid "));
  WAIT_FOR (find_widget (GTK_WIDGET (e.window), is_toast_label, (gpointer) "Redid ") != NULL);
  g_assert_null (find_widget (GTK_WIDGET (e.window), is_toast_label, (gpointer) "Undid "));
  g_assert_false (dismissed);
  g_signal_handlers_disconnect_by_data (undid, &dismissed);
  adw_toast_dismiss (undid);
  destroy_all_windows ();
}

/* ------------------------------------------------------------------------------------------ */
/* The wizard adding orders to a segmented project                                           */

static gboolean
is_drawable_button_labelled (GtkWidget *widget,
                             gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static SegImportWizard *
find_wizard (void)
{
  return SEG_IMPORT_WIZARD (find_toplevel_of_type (SEG_TYPE_IMPORT_WIZARD));
}

static gboolean
wizard_page_is (SegImportWizard *wizard,
                const char      *name)
{
  return g_strcmp0 (seg_import_wizard_get_page_name (wizard), name) == 0;
}

/* Opens the wizard on the editor's window with the orders file and waits for the check. */
static SegImportWizard *
wizard_to_check (Editor *e,
                 GFile  *orders)
{
  SegImportWizard *wizard;

  g_action_group_activate_action (G_ACTION_GROUP (e->window), "import", NULL);
  g_assert_true (wait_until (has_toplevel_of_type, GSIZE_TO_POINTER (SEG_TYPE_IMPORT_WIZARD)));
  wizard = find_wizard ();
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  while (!wizard_page_is (wizard, "check"))
    {
      gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
      drain_events ();
    }
  WAIT_FOR (!seg_import_wizard_is_busy (wizard) &&
            seg_import_wizard_get_check_report (wizard) != NULL);
  return wizard;
}

static void
test_wizard_adds_to_segments (void)
{
  g_autofree char *path = copy_project (template_path, tmp_dir, "adds.segments");
  g_autofree char *orders = g_build_filename (tmp_dir, "more-orders.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  g_autoptr(GFile) orders_file = NULL;
  Editor e = open_editor (path);
  SegImportWizard *wizard;
  GtkWidget *button;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) names_after = g_string_new (NULL);

  for (guint i = 0; i < run_of (&e)->n_segments; i++)
    g_string_append_printf (names, "%s|", run_of (&e)->segments[i].name);
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (csv, "NEW-%u,NEWCUST-%u,2024-06-%02u,%u.50\n", i, i % 12,
                            1 + i % 28, 20 + 7 * i);
  g_assert_true (g_file_set_contents (orders, csv->str, (gssize) csv->len, NULL));
  orders_file = g_file_new_for_path (orders);

  wizard = wizard_to_check (&e, orders_file);
  /* Twelve customers, all new to the project. */
  g_assert_cmpuint (seg_import_wizard_get_check_report (wizard)->transactions.new_customers, ==,
                    12);
  g_assert_cmpuint (seg_import_wizard_get_check_report (wizard)->transactions.already_present,
                    ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  WAIT_FOR (wizard_page_is (wizard, "done"));
  settle (GTK_WIDGET (wizard));
  g_assert_cmpuint (seg_import_wizard_get_import_report (wizard)->transactions.rows_accepted,
                    ==, 40);

  /* The segments stay; the customers are placed into them; no offer to segment again. */
  g_assert_null (find_widget (GTK_WIDGET (wizard), is_drawable_button_labelled,
                              (gpointer) "_Segment Now"));
  button = find_widget (GTK_WIDGET (wizard), is_drawable_button_labelled,
                        (gpointer) "_Show Segments");
  g_assert_nonnull (button);
  save_widget_if_asked (GTK_WIDGET (wizard), "import-added-to-segments.png");
  g_signal_emit_by_name (button, "clicked");
  WAIT_FOR (find_wizard () == NULL);
  WAIT_FOR (!seg_window_is_busy (e.window));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                     ADW_VIEW_STACK (find_of_type (GTK_WIDGET (e.window), ADW_TYPE_VIEW_STACK))),
                   ==, "segments");
  /* Placed into the segments people worked on, which keep their names. */
  for (guint i = 0; i < run_of (&e)->n_segments; i++)
    g_string_append_printf (names_after, "%s|", run_of (&e)->segments[i].name);
  g_assert_cmpstr (names_after->str, ==, names->str);
  destroy_all_windows ();
}

/* The check page of a file the project holds already: nothing new, and it says so. */
static void
test_wizard_reimport_check (void)
{
  g_autofree char *path = copy_project (template_path, tmp_dir, "again.segments");
  g_autofree char *orders = sample_file ("transactions.csv");
  g_autoptr(GFile) orders_file = g_file_new_for_path (orders);
  Editor e = open_editor (path);
  guint64 n_transactions = sc_project_get_n_transactions (e.project);
  const ScImportReport *report;
  SegImportWizard *wizard;

  wizard = wizard_to_check (&e, orders_file);
  settle (GTK_WIDGET (wizard));
  report = seg_import_wizard_get_check_report (wizard);
  g_assert_cmpuint (report->transactions.new_customers, ==, 0);
  g_assert_cmpuint (report->transactions.rows_accepted, ==, 0);
  g_assert_cmpuint (report->transactions.already_present, ==, n_transactions);
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_label_starting,
                                 (gpointer) "0 not in the project yet"));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-check-again.png");

  /* The import does what the check said. */
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  WAIT_FOR (wizard_page_is (wizard, "done"));
  g_assert_cmpuint (seg_import_wizard_get_import_report (wizard)->transactions.rows_accepted,
                    ==, 0);
  g_assert_cmpuint (seg_import_wizard_get_import_report (wizard)->transactions.new_customers,
                    ==, 0);
  destroy_all_windows ();
}

/* ------------------------------------------------------------------------------------------ */
/* The key figure cards                                                                       */

static GtkWidget *
new_card (const char *value,
          const char *caption)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (value);
  GtkWidget *title = gtk_label_new (caption);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "key-figure");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "key-figure-value");
  gtk_box_append (GTK_BOX (card), label);
  gtk_box_append (GTK_BOX (card), title);
  return card;
}

/* Cards per line, top to bottom, from where they are ("3 2"); fails on a figure cut. */
static void
lines_of_cards (GtkWidget *grid,
                GString   *rows)
{
  double row_y = -1;
  guint in_row = 0;

  for (GtkWidget *card = gtk_widget_get_first_child (grid); card != NULL;
       card = gtk_widget_get_next_sibling (card))
    {
      graphene_rect_t bounds;
      GtkWidget *value = gtk_widget_get_first_child (card);

      g_assert_true (gtk_widget_compute_bounds (card, grid, &bounds));
      if (bounds.origin.y != row_y && in_row > 0)
        {
          g_string_append_printf (rows, "%u ", in_row);
          in_row = 0;
        }
      row_y = bounds.origin.y;
      in_row++;
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (grid));
      g_assert_true (GTK_IS_LABEL (value));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (value))));
    }
  g_string_append_printf (rows, "%u", in_row);
}

static void
assert_even_lines (const char *rows)
{
  if (!g_str_equal (rows, "5") && !g_str_equal (rows, "3 2") && !g_str_equal (rows, "2 2 1") &&
      !g_str_equal (rows, "1 1 1 1 1"))
    g_error ("five figure cards laid out as %s", rows);
}

static void
test_figure_cards (void)
{
  /* As the Overview shows the sample, with a revenue the width of a large shop's. */
  static const char *figures[][2] = {
    { "1,039", "Customers" }, { "12,480", "Orders" }, { "$47,136,069.50", "Revenue" },
    { "2024 – 2025", "Period" }, { "5", "Segments" },
  };
  static const int widths[] = { 360, 480, 600, 720, 800, 900, 1024, 1280 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *grid = seg_figure_grid_new ();
  GtkWidget *cards[G_N_ELEMENTS (figures)];
  guint seen_columns = 0;

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      cards[i] = new_card (figures[i][0], figures[i][1]);
      gtk_widget_set_parent (cards[i], grid);
    }
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_window_set_child (GTK_WINDOW (window), grid);
  gtk_window_present (GTK_WINDOW (window));

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autoptr(GString) rows = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("overview-figures-%d.png", widths[w]);

      gtk_window_set_default_size (GTK_WINDOW (window), widths[w], 300);
      WAIT_FOR (gtk_widget_get_width (grid) == widths[w] - 24);
      settle (window);

      lines_of_cards (grid, rows);
      g_test_message ("%d px: %s", widths[w], rows->str);
      assert_even_lines (rows->str);
      g_assert_cmpuint (seg_figure_grid_get_n_columns (SEG_FIGURE_GRID (grid)), >=, seen_columns);
      seen_columns = seg_figure_grid_get_n_columns (SEG_FIGURE_GRID (grid));
      save_widget_if_asked (window, name);
    }
  /* Wide enough, all five on one line. */
  g_assert_cmpuint (seen_columns, ==, 5);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The Overview lays its cards out so. */
  {
    g_autofree char *path = copy_project (template_path, tmp_dir, "figures.segments");
    Editor e = open_editor (path);
    g_autoptr(GString) rows = g_string_new (NULL);
    GtkWidget *overview;

    g_action_group_activate_action (G_ACTION_GROUP (e.window), "show-page",
                                    g_variant_new_string ("overview"));
    overview = find_of_type (GTK_WIDGET (e.window), SEG_TYPE_OVERVIEW_PAGE);
    WAIT_FOR (gtk_widget_get_mapped (overview));
    settle (GTK_WIDGET (e.window));
    lines_of_cards (find_of_type (overview, SEG_TYPE_FIGURE_GRID), rows);
    assert_even_lines (rows->str);
    destroy_all_windows ();
  }
}

/* ------------------------------------------------------------------------------------------ */
/* The value grid after a re-run on new data                                                 */

static void
test_value_grid_rerun (void)
{
  g_autofree char *path = copy_project (template_path, tmp_dir, "rerun-grid.segments");
  g_autofree char *orders = g_build_filename (tmp_dir, "later-orders.csv", NULL);
  static const char later[] = "order_id,customer_id,order_date,amount\n"
                              "LATER-1,LATERCUST-1,2025-06-01,120.00\n";
  g_autoptr(GError) error = NULL;
  Editor e;

  /* Value and potential estimated; then more orders, then segmented again. */
  {
    g_autoptr(ScStore) store = sc_store_open (path, FALSE, &error);

    g_assert_no_error (error);
    test_fit_value_model (store);
  }
  g_assert_true (g_file_set_contents (orders, later, -1, NULL));
  {
    g_autoptr(ScProject) project = sc_project_open (path, FALSE, &error);

    g_assert_no_error (error);
    test_project_import (project, orders);
    test_project_segment_k (project, 3);
  }

  /* The model does not know the new orders, so it places nothing; the grid says why. */
  e = open_editor (path);
  g_assert_false (seg_grid_chart_has_values (e.grid));
  g_assert_nonnull (find_widget (GTK_WIDGET (e.page), is_label_starting,
                                 (gpointer) "The value model was estimated before the latest "
                                            "import"));
  save_shot (&e, "edit-segments-stale-value-model.png");

  /* Estimated again, the grid fills. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (e.page), "editor.estimate", NULL));
  wait_idle (&e);
  WAIT_FOR (seg_grid_chart_has_values (e.grid));
  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-defects-XXXXXX",
                       "io.github.segments.Segments.TestDefects",
                       G_APPLICATION_HANDLES_OPEN, &tmp_dir);

  template_path = g_build_filename (tmp_dir, "template.segments", NULL);
  make_sample_project (template_path);

  g_test_add_func ("/Ui/Defects/name-apply", test_name_apply);
  g_test_add_func ("/Ui/Defects/undo-toast", test_undo_toast);
  g_test_add_func ("/Ui/Defects/wizard-adds-to-segments", test_wizard_adds_to_segments);
  g_test_add_func ("/Ui/Defects/wizard-reimport-check", test_wizard_reimport_check);
  g_test_add_func ("/Ui/Defects/figure-cards", test_figure_cards);
  g_test_add_func ("/Ui/Defects/value-grid-rerun", test_value_grid_rerun);

  ret = g_test_run ();

  ui_test_stop (&app);
  remove_projects (tmp_dir);
  g_free (template_path);
  g_free (tmp_dir);
  return ret;
}
