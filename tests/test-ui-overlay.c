/* test-ui-overlay.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The whole customer picture in the app under Xvfb (issue 18), on the sample data (orders
 * with a cost column, a customer list): the Overview's Data Quality rows show what
 * sc_project_audit() finds; its Profit section shows sc_project_load_profit()'s figures and
 * its "Value from profit" switch changes the project's value basis both ways; every cell of
 * the Segments page's overlay table shows sc_project_overlay()'s customers and revenue; and
 * the Rules dialog's live count matches a count of the customer list made here from the CSV
 * file, shows a bad rule's position inline, and adds a rule the overlay by rules then shows. */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "sc-project-overlay.h"
#include "seg-application.h"
#include "seg-data-quality.h"
#include "seg-format.h"
#include "seg-overlay-view.h"
#include "seg-overview-page.h"
#include "seg-profit-group.h"
#include "seg-rules-dialog.h"
#include "seg-segments-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"

static SegApplication *app;
static char *tmp_dir;
static char *sample_project;

static const char *
project_path (void)
{
  if (sample_project == NULL)
    {
      sample_project = g_build_filename (tmp_dir, "sample.segments", NULL);
      make_sample_project (sample_project);
    }
  return sample_project;
}

static gboolean
is_named (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
is_numeric_label (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric");
}

/* The value shown at the end of the row named @name under @root. */
static const char *
row_value (GtkWidget  *root,
           const char *name)
{
  GtkWidget *row = find_widget (root, is_named, (gpointer) name);
  GtkWidget *label;

  g_assert_nonnull (row);
  label = find_widget (row, is_numeric_label, NULL);
  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static const char *
row_subtitle (GtkWidget  *root,
              const char *name)
{
  GtkWidget *row = find_widget (root, is_named, (gpointer) name);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static Editor
open_overview (void)
{
  Editor e = open_editor (project_path ());

  g_action_group_activate_action (G_ACTION_GROUP (e.window), "show-page",
                                  g_variant_new_string ("overview"));
  return e;
}

static void
test_data_quality (void)
{
  Editor e = open_overview ();
  SegDataQuality *dq = SEG_DATA_QUALITY (find_of_type (GTK_WIDGET (e.window),
                                                       SEG_TYPE_DATA_QUALITY));
  g_autoptr(GError) error = NULL;
  g_autoptr(ScAudit) audit = sc_project_audit (e.project, &error);
  const char *currency = sc_project_get_currency (e.project, NULL);
  g_autofree char *consent = NULL;
  g_autofree char *without_orders = NULL;
  g_autofree char *unlisted = NULL;
  g_autofree char *duplicates = NULL;
  g_autofree char *conflicts = NULL;
  g_autofree char *rejected = NULL;
  const ScAuditColumn *most = NULL;

  g_assert_no_error (error);
  WAIT_FOR (!seg_figure_group_get_loading (SEG_FIGURE_GROUP (dq)) &&
            gtk_widget_get_visible (GTK_WIDGET (dq)));

  consent = seg_format_share (audit->consent_coverage);
  g_assert_cmpstr (row_value (GTK_WIDGET (dq), "consent_coverage"), ==, consent);
  g_assert_cmpuint (audit->listed, >, 0);
  without_orders = seg_format_count (audit->customers_without_orders);
  g_assert_cmpstr (row_value (GTK_WIDGET (dq), "customers_without_orders"), ==, without_orders);
  unlisted = seg_format_count (audit->orders_without_listed_customer);
  g_assert_cmpstr (row_value (GTK_WIDGET (dq), "orders_without_listed_customer"), ==, unlisted);
  duplicates = seg_format_count (audit->duplicate_ids);
  g_assert_cmpstr (row_value (GTK_WIDGET (dq), "duplicate_ids"), ==, duplicates);
  conflicts = seg_format_count (audit->conflicts);
  g_assert_cmpstr (row_value (GTK_WIDGET (dq), "conflicting_values"), ==, conflicts);
  rejected = seg_format_count (audit->rejected_rows);
  g_assert_cmpstr (row_value (GTK_WIDGET (dq), "rejected_rows"), ==, rejected);

  /* Each problem the audit found is said with the revenue it touches. */
  for (guint i = 0; i < audit->problems->len; i++)
    {
      const ScAuditProblem *p = g_ptr_array_index (audit->problems, i);
      GtkWidget *row = find_widget (GTK_WIDGET (dq), is_named, p->key);
      g_autofree char *revenue = NULL;

      if (row == NULL)
        continue;
      g_assert_nonnull (strstr (row_subtitle (GTK_WIDGET (dq), p->key), p->sentence));
      if (!isfinite (p->revenue))
        continue;
      revenue = seg_format_amount (currency, p->revenue);
      g_assert_nonnull (strstr (row_subtitle (GTK_WIDGET (dq), p->key), revenue));
    }

  /* The first missing-values row is the column with the largest missing share. */
  for (guint i = 0; i < audit->columns->len; i++)
    {
      const ScAuditColumn *c = g_ptr_array_index (audit->columns, i);

      if (c->missing > 0 && (most == NULL || c->missing_share > most->missing_share))
        most = c;
    }
  if (most != NULL)
    {
      g_autofree char *share = seg_format_share (most->missing_share);

      g_assert_cmpstr (row_value (GTK_WIDGET (dq), "missing-0"), ==, share);
    }
  else
    g_assert_null (find_widget (GTK_WIDGET (dq), is_named, "missing-0"));
  save_widget_if_asked (GTK_WIDGET (dq), "overview-data-quality.png");

  gtk_window_destroy (GTK_WINDOW (e.window));
}

static void
test_profit_switch (void)
{
  Editor e = open_overview ();
  SegProfitGroup *group = SEG_PROFIT_GROUP (find_of_type (GTK_WIDGET (e.window),
                                                          SEG_TYPE_PROFIT_GROUP));
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProfit) profit = sc_project_load_profit (e.project, &error);
  const char *currency = sc_project_get_currency (e.project, NULL);
  g_autofree char *total = NULL;
  g_autofree char *unprofitable = NULL;
  GtkSwitch *basis = seg_profit_group_get_switch (group);

  g_assert_no_error (error);
  g_assert_true (profit->known);
  WAIT_FOR (!seg_figure_group_get_loading (SEG_FIGURE_GROUP (group)) &&
            gtk_widget_get_visible (GTK_WIDGET (group)));
  total = seg_format_amount (currency, profit->total_profit);
  g_assert_cmpstr (row_value (GTK_WIDGET (group), "gross_profit"), ==, total);
  unprofitable = seg_format_count (profit->customers_unprofitable);
  g_assert_cmpstr (row_value (GTK_WIDGET (group), "unprofitable_customers"), ==, unprofitable);
  save_widget_if_asked (GTK_WIDGET (group), "overview-profit.png");

  g_assert_false (sc_project_get_value_is_profit (e.project));
  g_assert_false (gtk_switch_get_active (basis));
  gtk_widget_activate (GTK_WIDGET (basis));
  WAIT_FOR (sc_project_get_value_is_profit (e.project));
  WAIT_FOR (!seg_figure_group_get_loading (SEG_FIGURE_GROUP (group)));
  g_assert_true (gtk_switch_get_active (basis));
  gtk_widget_activate (GTK_WIDGET (basis));
  WAIT_FOR (!sc_project_get_value_is_profit (e.project));
  WAIT_FOR (!seg_figure_group_get_loading (SEG_FIGURE_GROUP (group)));
  g_assert_false (gtk_switch_get_active (basis));

  gtk_window_destroy (GTK_WINDOW (e.window));
}

/* Every cell of the view shows the customers and revenue sc_project_overlay() gives it. */
static void
check_overlay (Editor     *e,
               const char *by)
{
  SegOverlayView *view = seg_segments_page_get_overlay_view (e->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScOverlay) overlay = NULL;
  const char *currency = sc_project_get_currency (e->project, NULL);

  seg_overlay_view_set_by (view, by);
  WAIT_FOR (!seg_overlay_view_get_loading (view));
  overlay = sc_project_overlay (e->project, by, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overlay->n_rows, >, 0);
  for (guint r = 0; r < overlay->n_rows; r++)
    for (guint c = 0; c < overlay->n_columns; c++)
      {
        const ScOverlayCell *cell = &overlay->cells[r * overlay->n_columns + c];
        const char *text = seg_overlay_view_get_cell_text (view, r, c);
        g_autofree char *customers = seg_format_count (cell->customers);
        g_autofree char *revenue = seg_format_amount (currency, cell->revenue);

        g_assert_nonnull (text);
        g_assert_true (g_str_has_prefix (text, customers));
        g_assert_true (text[strlen (customers)] == ' ');
        if (cell->customers > 0)
          g_assert_nonnull (strstr (text, revenue));
        if (cell->customers > 0 && overlay->has_profit && isfinite (cell->profit))
          {
            g_autofree char *profit = seg_format_amount (currency, cell->profit);

            g_assert_nonnull (strstr (text, profit));
          }
      }
  g_assert_null (seg_overlay_view_get_cell_text (view, overlay->n_rows, 0));
}

static void
test_overlay_table (void)
{
  g_autofree char *path = copy_project (project_path (), tmp_dir, "table.segments");
  Editor e = open_editor (path);

  seg_segments_page_show_overlay (e.page, TRUE);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (seg_segments_page_get_overlay_view (e.page))));
  check_overlay (&e, "industry");
  save_shot (&e, "segments-overlay.png");
  check_overlay (&e, "company_size");
  gtk_window_destroy (GTK_WINDOW (e.window));
}

/* Customers of the sample's customer list (one row each) whose columns hold these values,
 * ignoring case, as a rule compares text. */
static guint64
count_listed (const char *column_a,
              const char *value_a,
              const char *column_b,
              const char *value_b)
{
  g_autofree char *csv_path = sample_file ("customers.csv");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) head = NULL;
  int a = -1, b = -1;
  guint64 n = 0;

  g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  head = g_strsplit (g_strstrip (lines[0]), ",", -1);
  for (int i = 0; head[i] != NULL; i++)
    {
      if (g_strcmp0 (head[i], column_a) == 0)
        a = i;
      if (column_b != NULL && g_strcmp0 (head[i], column_b) == 0)
        b = i;
    }
  g_assert_cmpint (a, >=, 0);
  for (guint l = 1; lines[l] != NULL; l++)
    {
      g_auto(GStrv) cells = NULL;

      if (*g_strstrip (lines[l]) == '\0')
        continue;
      /* The sample's customer list quotes no field. */
      g_assert_null (strchr (lines[l], '"'));
      cells = g_strsplit (lines[l], ",", -1);
      if (g_ascii_strcasecmp (cells[a], value_a) == 0 &&
          (b < 0 || g_ascii_strcasecmp (cells[b], value_b) == 0))
        n++;
    }
  return n;
}

static void
type_rule (GtkWidget  *dialog,
           const char *name,
           const char *expression)
{
  GtkWidget *name_row = find_widget (dialog, is_row_titled, (gpointer) "Name");
  GtkWidget *expression_row = find_widget (dialog, is_row_titled,
                                           (gpointer) "Condition");

  g_assert_nonnull (name_row);
  g_assert_nonnull (expression_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (expression_row), expression);
  drain_events ();
}

static gboolean
is_error_label (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static guint
count_rules (ScProject *project)
{
  g_autoptr(GPtrArray) rules = sc_project_list_rules (project, NULL);

  return rules != NULL ? rules->len : 0;
}

static void
check_live_count (GtkWidget  *dialog,
                  guint64     expected)
{
  g_autofree char *count = seg_format_count (expected);
  g_autofree char *text = g_strdup_printf (expected == 1 ? "%s customer matches"
                                                         : "%s customers match", count);

  g_assert_nonnull (find_widget (dialog, is_label_with_text, text));
  g_assert_null (find_widget (dialog, is_error_label, NULL));
}

static void
test_rules_dialog (void)
{
  g_autofree char *path = copy_project (project_path (), tmp_dir, "rules.segments");
  Editor e = open_editor (path);
  SegOverlayView *view = seg_segments_page_get_overlay_view (e.page);
  GtkWidget *rules_button, *dialog, *add, *error_label;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  guint64 retail = count_listed ("industry", "Retail", NULL, NULL);
  guint64 retail_large = count_listed ("industry", "Retail", "company_size", "Large");

  g_assert_cmpuint (retail, >, retail_large);
  seg_segments_page_show_overlay (e.page, TRUE);
  seg_overlay_view_set_by (view, SC_OVERLAY_BY_RULES);
  WAIT_FOR (!seg_overlay_view_get_loading (view));
  /* Without rules there is no table, only the project's message saying so. */
  g_assert_null (seg_overlay_view_get_cell_text (view, 0, 0));

  rules_button = find_widget (GTK_WIDGET (view), is_button_labelled, (gpointer) "_Rules…");
  g_assert_nonnull (rules_button);
  gtk_widget_activate (rules_button);
  WAIT_FOR (find_toplevel_of_type (SEG_TYPE_RULES_DIALOG) != NULL);
  dialog = GTK_WIDGET (find_toplevel_of_type (SEG_TYPE_RULES_DIALOG));
  wait_for_frame (dialog);

  type_rule (dialog, "Retail", "industry = retail");
  check_live_count (dialog, retail);
  type_rule (dialog, "Retail large", "industry = \"Retail\" and company_size = large");
  check_live_count (dialog, retail_large);
  save_widget_if_asked (dialog, "rules-dialog.png");

  /* A rule that cannot be read says where, under the entry, and cannot be added. */
  type_rule (dialog, "Broken", "industry = \"Retail\" and");
  error_label = find_widget (dialog, is_error_label, NULL);
  g_assert_nonnull (error_label);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "position"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "Broken"));
  add = find_widget (dialog, is_button_labelled, (gpointer) "_Add Rule");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_get_sensitive (add));

  type_rule (dialog, "Retail", "industry = retail");
  g_assert_true (gtk_widget_get_sensitive (add));
  gtk_widget_activate (add);
  WAIT_FOR (count_rules (e.project) == 1);
  rules = sc_project_list_rules (e.project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((ScRuleInfo *) g_ptr_array_index (rules, 0))->name, ==, "Retail");
  g_assert_cmpuint (((ScRuleInfo *) g_ptr_array_index (rules, 0))->matching, ==, retail);
  g_assert_nonnull (find_widget (dialog, is_row_titled, (gpointer) "Retail"));

  /* The overlay by rules follows: one column for the rule, one for "No rule". */
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (!seg_overlay_view_get_loading (view));
  check_overlay (&e, SC_OVERLAY_BY_RULES);
  g_assert_nonnull (seg_overlay_view_get_cell_text (view, 0, 1));
  g_assert_null (seg_overlay_view_get_cell_text (view, 0, 2));

  gtk_window_destroy (GTK_WINDOW (e.window));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-overlay-XXXXXX",
                       "io.github.segments.Segments.TestOverlay",
                       G_APPLICATION_HANDLES_OPEN, &tmp_dir);

  g_test_add_func ("/Ui/Overlay/data-quality", test_data_quality);
  g_test_add_func ("/Ui/Overlay/profit-switch", test_profit_switch);
  g_test_add_func ("/Ui/Overlay/table", test_overlay_table);
  g_test_add_func ("/Ui/Overlay/rules-dialog", test_rules_dialog);

  ret = g_test_run ();

  ui_test_stop (&app);
  remove_projects (tmp_dir);
  g_free (sample_project);
  return ret;
}
