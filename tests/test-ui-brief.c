/* test-ui-brief.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Brief page under Xvfb: each row saves what is typed into it when applied (as Enter
 * or its apply button does), the KPIs the product knows show their value in the data, bad
 * text turns its row red and saves nothing, undo brings the earlier brief back, and every
 * change is in the project file when it is opened again.  A new project opens on its
 * brief.  With SEGMENTS_SCREENSHOT_DIR set, the page is saved there as brief-page.png (the
 * help's picture). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sc-project.h"
#include "seg-application.h"
#include "seg-brief-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"

static SegApplication *app;
static char *tmp_dir;

/* The sample data imported and segmented into a project of the test's own. */
static char *
make_project (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  make_sample_project (path);
  return path;
}

static SegWindow *
new_window (void)
{
  SegWindow *window = seg_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (widget_is_mapped, window));
  return window;
}

static GtkWidget *
row (SegBriefPage *page,
     const char   *title)
{
  GtkWidget *found = find_widget (GTK_WIDGET (page), is_row_titled, (gpointer) title);

  g_assert_nonnull (found);
  return found;
}

static const char *
visible_page (SegWindow *window)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (window), is_of_type,
                                  GSIZE_TO_POINTER (ADW_TYPE_VIEW_STACK));

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

/* Types @text into the row and applies it, as Enter does. */
static void
apply (SegBriefPage *page,
       const char   *title,
       const char   *text)
{
  GtkWidget *r = row (page, title);

  gtk_editable_set_text (GTK_EDITABLE (r), text);
  g_signal_emit_by_name (r, "apply");
}

static ScBrief *
stored_brief (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = sc_project_open (path, FALSE, &error);
  ScBrief *brief;

  g_assert_no_error (error);
  brief = sc_project_load_brief (project, &error);
  g_assert_no_error (error);
  return brief;
}

static gboolean
kpi_row_measured (gpointer data)
{
  SegBriefPage *page = data;
  GtkWidget *r = find_widget (GTK_WIDGET (page), is_row_titled, "Repeat rate");

  return r != NULL && g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (r)), "Now ");
}

static void
test_brief_edit (void)
{
  g_autofree char *path = make_project ("edit.segments");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SegWindow *window = new_window ();
  SegBriefPage *page;
  g_autoptr(ScBrief) brief = NULL;
  GtkWidget *r;

  g_assert_true (seg_window_open_project (window, file, FALSE));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                  g_variant_new_string ("brief"));
  page = SEG_BRIEF_PAGE (find_widget (GTK_WIDGET (window), is_of_type,
                                      GSIZE_TO_POINTER (SEG_TYPE_BRIEF_PAGE)));
  g_assert_nonnull (page);
  WAIT_FOR (seg_brief_page_get_brief (page) != NULL);
  g_assert_true (sc_brief_is_empty (seg_brief_page_get_brief (page)));

  apply (page, "Objective", "Grow revenue from the best customers");
  apply (page, "Business goal", "Revenue up 10% next year");
  apply (page, "Add a KPI: name = target", "repeat rate = 60%");
  apply (page, "Add a stakeholder", "Ana Ruiz, Sales, sponsor");
  apply (page, "Add a stakeholder", "Bo Li, Customer service, user");
  apply (page, "What it covers", "All customers; a deck");
  apply (page, "Review date", "2026-09-30");
  apply (page, "Currency code", "usd");

  /* The added KPI and stakeholder are rows of their own; the entries are free again. */
  g_assert_true (wait_until (kpi_row_measured, page));
  r = row (page, "Ana Ruiz");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (r)), ==, "Sales · Sponsor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (page, "Add a KPI: name = target"))),
                   ==, "");

  dismiss_toasts (GTK_WIDGET (window));
  settle (GTK_WIDGET (window));
  save_widget_if_asked (GTK_WIDGET (window), "brief-page.png");

  /* Bad text: the row turns red, keeps the text, and nothing is saved. */
  apply (page, "Add a stakeholder", "Bo Li, Support, boss");
  r = row (page, "Add a stakeholder");
  g_assert_true (gtk_widget_has_css_class (r, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (r)), ==, "Bo Li, Support, boss");
  apply (page, "Review date", "2026-02-30");
  g_assert_true (gtk_widget_has_css_class (row (page, "Review date"), "error"));
  dismiss_toasts (GTK_WIDGET (window));

  brief = stored_brief (path);
  g_assert_cmpstr (brief->objective, ==, "Grow revenue from the best customers");
  g_assert_cmpstr (brief->goal, ==, "Revenue up 10% next year");
  g_assert_cmpstr (brief->scope, ==, "All customers; a deck");
  g_assert_cmpstr (brief->review_date, ==, "2026-09-30");
  g_assert_cmpstr (brief->currency, ==, "USD");
  g_assert_cmpuint (brief->kpis->len, ==, 1);
  g_assert_cmpstr (g_array_index (brief->kpis, ScBriefKpi, 0).name, ==, "repeat rate");
  g_assert_cmpfloat (g_array_index (brief->kpis, ScBriefKpi, 0).target, ==, 60);
  g_assert_cmpuint (brief->stakeholders->len, ==, 2);
  g_clear_pointer (&brief, sc_brief_free);

  /* A common objective from the menu is saved at once. */
  gtk_widget_activate_action (GTK_WIDGET (page), "brief.use-objective", "s",
                              "Reduce churn among valuable customers");
  brief = stored_brief (path);
  g_assert_cmpstr (brief->objective, ==, "Reduce churn among valuable customers");
  g_clear_pointer (&brief, sc_brief_free);

  /* Undo, like any edit: the earlier objective comes back, in the file and on the page. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  brief = stored_brief (path);
  g_assert_cmpstr (brief->objective, ==, "Grow revenue from the best customers");
  g_clear_pointer (&brief, sc_brief_free);
  WAIT_FOR (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row (page, "Objective"))),
                       "Grow revenue from the best customers") == 0);

  /* Removing a KPI through its row's button. */
  gtk_widget_activate_action (GTK_WIDGET (page), "brief.remove-kpi", "u", 0);
  brief = stored_brief (path);
  g_assert_cmpuint (brief->kpis->len, ==, 0);
  WAIT_FOR (find_widget (GTK_WIDGET (page), is_row_titled, "Repeat rate") == NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A project made from the user's own files opens on its brief. */
static void
test_brief_new_project (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "new.segments", NULL);
  g_autofree char *orders = sample_file ("transactions.csv");
  g_autoptr(GFile) project_file = g_file_new_for_path (path);
  g_autoptr(GFile) transactions = g_file_new_for_path (orders);
  SegWindow *window = new_window ();

  seg_window_import (window, project_file, transactions, NULL, NULL);
  WAIT_FOR (!seg_window_is_busy (window) && seg_window_get_project (window) != NULL);
  g_assert_cmpstr (visible_page (window), ==, "brief");

  /* Opened again with a brief, it shows the overview as before. */
  {
    g_autoptr(ScBrief) brief = sc_brief_new ();

    brief->objective = g_strdup ("Cross-sell to existing customers");
    g_assert_true (sc_project_set_brief (seg_window_get_project (window), brief, NULL));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  window = new_window ();
  g_assert_true (seg_window_open_project (window, project_file, FALSE));
  g_assert_cmpstr (visible_page (window), ==, "overview");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-brief-XXXXXX",
                       "io.github.segments.Segments.TestBrief", G_APPLICATION_HANDLES_OPEN,
                       &tmp_dir);

  g_test_add_func ("/Ui/Brief/edit", test_brief_edit);
  g_test_add_func ("/Ui/Brief/new-project", test_brief_new_project);

  ret = g_test_run ();

  ui_test_stop (&app);
  test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
