/* test-ui-wizard-interactions.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import wizard's interactions file and profit settings (issue 18), under Xvfb: the
 * sample's orders, customer list and interactions imported through the wizard give the
 * project the same interactions as `segments-cli import --interactions` of the same files;
 * the sample's cost column is mapped by itself and profit is known afterwards; a margin
 * entered for orders without a cost is stored; and interactions alone can be added to an
 * open project.  With SEGMENTS_SCREENSHOT_DIR set, the pages are saved there as PNGs. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-project.h"
#include "sc-project-overlay.h"
#include "sc-store-interactions.h"
#include "seg-application.h"
#include "seg-import-columns-page.h"
#include "seg-import-wizard.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"
#include "ui-wizard-utils.h"

static SegApplication *app;

static GFile *
sample_file (const char *name)
{
  g_autofree char *path = g_build_filename (SOURCE_SAMPLE_DATADIR, name, NULL);

  return g_file_new_for_path (path);
}

static char *
sample_path (const char *name)
{
  return g_build_filename (SOURCE_SAMPLE_DATADIR, name, NULL);
}

static gboolean
is_drawable_of_type (GtkWidget *widget,
                     gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data)) &&
         gtk_widget_is_drawable (widget);
}

static GtkWidget *
find_drawable (GtkWidget *root,
               GType      type)
{
  return find_widget (root, is_drawable_of_type, GSIZE_TO_POINTER (type));
}

static GFile *
chosen_file (SegImportSource *source)
{
  GFile *file = seg_import_source_get_file (source);

  g_assert_nonnull (file);
  return file;
}

static SegWindow *
new_window (void)
{
  return wizard_new_window (GTK_APPLICATION (app));
}

static gboolean
has_project (gpointer data)
{
  return seg_window_get_project (data) != NULL;
}

static void
run_import (SegImportWizard *wizard)
{
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  g_assert_true (wait_until (page_is_done, wizard));
  drain_events ();
}

/* segments-cli import of the sample's orders and customer list, and its interactions too
 * when @interactions is set. */
static void
cli_import_sample (const char *project,
                   gboolean    interactions)
{
  const char *cli = g_getenv ("SEGMENTS_CLI");
  g_autofree char *transactions = sample_path ("transactions.csv");
  g_autofree char *customers = sample_path ("customers.csv");
  g_autofree char *events = sample_path ("interactions.csv");
  const char *argv[] = { cli, "import", project, "--transactions", transactions,
                         "--customers", customers,
                         interactions ? "--interactions" : NULL, events, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("segments-cli import failed: %s", err);
}

/* "type/channel=count" per type and channel the project's interactions have, sorted, and
 * the total of their values: what the import stored, read back from the project file. */
static char *
interaction_counts_of_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (path, FALSE, &error);
  g_autoptr(ScInteractions) ix = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) keys = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  double values = 0;

  g_assert_no_error (error);
  if (!sc_store_has_interactions (store))
    return g_strdup ("");
  ix = sc_store_load_interactions (store, NULL, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < ix->n; i++)
    {
      char *key = g_strdup_printf ("%s/%s", ix->types[ix->type[i]],
                                   ix->channels[ix->channel[i]]);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      g_hash_table_replace (counts, key, GUINT_TO_POINTER (n + 1));
      if (!isnan (ix->value[i]))
        values += ix->value[i];
    }
  keys = g_list_sort (g_hash_table_get_keys (counts), (GCompareFunc) g_strcmp0);
  for (const GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (text, "%s=%u;", (char *) l->data,
                            GPOINTER_TO_UINT (g_hash_table_lookup (counts, l->data)));
  g_string_append_printf (text, "values=%.2f", values);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint64
interaction_rows (const char *counts)
{
  g_auto(GStrv) parts = g_strsplit (counts, ";", -1);
  guint64 total = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');

      if (eq != NULL && !g_str_has_prefix (parts[i], "values="))
        total += g_ascii_strtoull (eq + 1, NULL, 10);
    }
  return total;
}

/* ------------------------------------------------------------------------------------------ */

static void
test_sample_with_interactions (void)
{
  g_autofree char *cli_path = temp_path ("cli-sample.segments");
  g_autofree char *app_path = temp_path ("wizard-sample.segments");
  g_autoptr(GFile) project_file = g_file_new_for_path (app_path);
  g_autoptr(GFile) orders_file = sample_file ("transactions.csv");
  g_autoptr(GFile) customers_file = sample_file ("customers.csv");
  g_autoptr(GFile) interactions_file = sample_file ("interactions.csv");
  g_autofree char *cli_counts = NULL;
  g_autofree char *app_counts = NULL;
  SegWindow *window;
  SegImportWizard *wizard;
  SegImportSource *orders, *events;
  const ScImportReport *report;
  GtkWidget *page;
  ScProject *project;
  guint64 checked;
  int cost_column;

  remove_project (cli_path);
  remove_project (app_path);
  cli_import_sample (cli_path, TRUE);
  cli_counts = interaction_counts_of_file (cli_path);
  g_assert_cmpuint (interaction_rows (cli_counts), >, 0);

  window = new_window ();
  wizard = open_wizard (window);
  orders = seg_import_wizard_get_orders (wizard);
  events = seg_import_wizard_get_interactions (wizard);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders_file));
  g_assert_true (seg_import_wizard_set_customers_file (wizard, customers_file));
  g_assert_true (seg_import_wizard_set_interactions_file (wizard, interactions_file));
  drain_events ();
  /* The files page names the interactions file in its row. */
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_containing,
                                 (gpointer) "interactions.csv"));
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_containing,
                                 (gpointer) "e-mail opens"));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-files-interactions.png");

  /* Columns: the sample's cost column is found by itself, so no project margin is asked. */
  press_next (wizard);
  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "columns");
  cost_column = seg_import_source_find_choice (orders, SEG_COLUMN_COST);
  g_assert_cmpint (cost_column, >=, 0);
  g_assert_cmpstr (seg_import_source_get_column_name (orders, (guint) cost_column), ==, "cost");
  page = find_drawable (GTK_WIDGET (wizard), SEG_TYPE_IMPORT_COLUMNS_PAGE);
  g_assert_null (find_drawable (page, GTK_TYPE_SPIN_BUTTON));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-columns-cost.png");

  /* The customer list, then the interactions: customer, date, type and channel. */
  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "customers");
  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "interactions");
  g_assert_cmpint (seg_import_source_get_choice (events, 0), ==, SEG_COLUMN_CUSTOMER);
  g_assert_cmpint (seg_import_source_get_choice (events, 1), ==, SEG_COLUMN_DATE);
  g_assert_cmpint (seg_import_source_get_choice (events, 2), ==, SEG_COLUMN_TYPE);
  g_assert_cmpint (seg_import_source_get_choice (events, 3), ==, SEG_COLUMN_CHANNEL);
  save_widget_if_asked (GTK_WIDGET (wizard), "import-interactions.png");

  /* The check counts the interactions and says so; the import takes them all. */
  report = run_check (wizard);
  g_assert_nonnull (report);
  g_assert_nonnull (report->interactions.kind);
  checked = report->interactions.rows_accepted;
  g_assert_cmpuint (checked, ==, interaction_rows (cli_counts));
  {
    GtkWidget *label = find_widget (GTK_WIDGET (wizard), is_drawable_label_containing,
                                    (gpointer) "Interactions to import");
    GtkWidget *scrolled;
    GtkAdjustment *adjustment;

    g_assert_nonnull (label);
    /* The interactions' group is the last one: scrolled to for the picture. */
    scrolled = gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW);
    g_assert_nonnull (scrolled);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    drain_events ();
    save_widget_if_asked (GTK_WIDGET (wizard), "import-check-interactions.png");
  }

  run_import (wizard);
  report = seg_import_wizard_get_import_report (wizard);
  g_assert_cmpuint (report->interactions.rows_accepted, ==, checked);
  g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_containing,
                                 (gpointer) "interactions were added"));
  save_widget_if_asked (GTK_WIDGET (wizard), "import-done-interactions.png");

  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  app_counts = interaction_counts_of_file (app_path);
  g_assert_cmpstr (app_counts, ==, cli_counts);

  /* Profit is known from the cost column, for every line. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScProfit) profit = sc_project_load_profit (project, &error);

    g_assert_no_error (error);
    g_assert_true (profit->known);
    g_assert_cmpuint (profit->lines_with_cost, >, 0);
    g_assert_cmpuint (profit->lines_from_margin, ==, 0);
    g_assert_true (isnan (profit->margin_percent));
  }

  destroy_all_windows ();
  remove_project (cli_path);
  remove_project (app_path);
}

/* Orders without a cost column: the margin entered on the columns page is the project's. */
static void
test_project_margin (void)
{
  g_autofree char *app_path = temp_path ("wizard-margin.segments");
  g_autofree char *orders_path = temp_path ("no-cost.csv");
  g_autoptr(GFile) project_file = g_file_new_for_path (app_path);
  g_autoptr(GFile) orders_file = g_file_new_for_path (orders_path);
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount,cost\n");
  SegWindow *window;
  SegImportWizard *wizard;
  SegImportSource *orders;
  GtkWidget *page, *toggle, *spin;
  int cost_column;
  ScProject *project;

  /* A cost column the user leaves out, so that the margin is what costs the lines. */
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (csv, "O%u,C%u,2024-%02u-%02u,%u.50,%u\n", i, i % 17, 1 + i % 12,
                            1 + i % 28, 20 + i, 10 + i / 2);
  g_assert_true (g_file_set_contents (orders_path, csv->str, (gssize) csv->len, NULL));
  remove_project (app_path);

  window = new_window ();
  wizard = open_wizard (window);
  orders = seg_import_wizard_get_orders (wizard);
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders_file));
  press_next (wizard);
  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "columns");
  page = find_drawable (GTK_WIDGET (wizard), SEG_TYPE_IMPORT_COLUMNS_PAGE);

  /* With the cost column mapped there is no margin to give; ignored, there is. */
  cost_column = seg_import_source_find_choice (orders, SEG_COLUMN_COST);
  g_assert_cmpint (cost_column, ==, 4);
  g_assert_null (find_drawable (page, GTK_TYPE_SWITCH));
  seg_import_source_set_choice (orders, (guint) cost_column, SEG_COLUMN_IGNORE);
  drain_events ();
  toggle = find_drawable (page, GTK_TYPE_SWITCH);
  spin = find_drawable (page, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (toggle);
  g_assert_nonnull (spin);
  g_assert_false (gtk_widget_is_sensitive (spin));
  g_assert_false (seg_import_source_get_margin (orders, NULL));

  /* As a user would: switch it on, type 27.5. */
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (gtk_widget_is_sensitive (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 27.5);
  drain_events ();
  {
    double percent = 0;

    g_assert_true (seg_import_source_get_margin (orders, &percent));
    g_assert_cmpfloat (percent, ==, 27.5);
  }
  save_widget_if_asked (GTK_WIDGET (wizard), "import-columns-margin.png");

  run_check (wizard);
  run_import (wizard);
  project = seg_window_get_project (window);
  g_assert_nonnull (project);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScProfit) profit = sc_project_load_profit (project, &error);

    g_assert_no_error (error);
    g_assert_true (profit->known);
    g_assert_cmpfloat_with_epsilon (profit->margin_percent, 27.5, 1e-9);
    g_assert_cmpuint (profit->lines_with_cost, ==, 0);
    g_assert_cmpuint (profit->lines_from_margin, ==, 60);
    g_assert_cmpfloat_with_epsilon (profit->total_profit, profit->total_revenue * 0.275,
                                    1e-6 * fabs (profit->total_revenue) + 1e-9);
  }

  destroy_all_windows ();
  remove_project (app_path);
  g_unlink (orders_path);
}

/* An open project takes interactions alone; a new project needs orders. */
static void
test_interactions_only (void)
{
  g_autofree char *cli_path = temp_path ("cli-all.segments");
  g_autofree char *app_path = temp_path ("wizard-later.segments");
  g_autoptr(GFile) app_file = g_file_new_for_path (app_path);
  g_autoptr(GFile) interactions_file = sample_file ("interactions.csv");
  g_autofree char *cli_counts = NULL;
  g_autofree char *app_counts = NULL;
  SegWindow *window;
  SegImportWizard *wizard;
  const ScImportReport *report;

  remove_project (cli_path);
  remove_project (app_path);
  cli_import_sample (cli_path, TRUE);
  cli_import_sample (app_path, FALSE);
  cli_counts = interaction_counts_of_file (cli_path);

  /* No project: the interactions cannot be all. */
  window = new_window ();
  wizard = open_wizard (window);
  g_assert_true (seg_import_wizard_set_interactions_file (wizard, interactions_file));
  drain_events ();
  {
    GtkWidget *next = find_widget (GTK_WIDGET (wizard), is_drawable_button_labelled,
                                   (gpointer) "_Next");

    g_assert_nonnull (next);
    g_assert_false (gtk_widget_is_sensitive (next));
  }
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  drain_events ();
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "files");

  /* Dropped together, each of the three files finds its place. */
  seg_import_wizard_set_interactions_file (wizard, NULL);
  {
    g_autoptr(GFile) orders_file = sample_file ("transactions.csv");
    g_autoptr(GFile) customers_file = sample_file ("customers.csv");
    g_autoptr(GSList) dropped = NULL;

    dropped = g_slist_append (dropped, interactions_file);
    dropped = g_slist_append (dropped, customers_file);
    dropped = g_slist_append (dropped, orders_file);
    seg_import_wizard_add_files (wizard, dropped);
    g_assert_true (g_file_equal (chosen_file (seg_import_wizard_get_orders (wizard)), orders_file));
    g_assert_true (g_file_equal (chosen_file (seg_import_wizard_get_customers (wizard)),
                                 customers_file));
    g_assert_true (g_file_equal (chosen_file (seg_import_wizard_get_interactions (wizard)),
                                 interactions_file));
  }
  destroy_all_windows ();

  /* The project of orders and customers: interactions alone go straight to their page. */
  window = new_window ();
  g_assert_true (seg_window_open_project (window, app_file, FALSE));
  g_assert_true (wait_until (has_project, window));
  drain_events ();
  wizard = open_wizard (window);
  g_assert_true (seg_import_wizard_set_interactions_file (wizard, interactions_file));
  press_next (wizard);
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "interactions");
  report = run_check (wizard);
  g_assert_null (report->transactions.kind);
  g_assert_cmpuint (report->interactions.rows_accepted, ==, interaction_rows (cli_counts));
  run_import (wizard);

  app_counts = interaction_counts_of_file (app_path);
  g_assert_cmpstr (app_counts, ==, cli_counts);

  destroy_all_windows ();
  remove_project (cli_path);
  remove_project (app_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-wizard-interactions-XXXXXX",
                       "io.github.segments.Segments.WizardInteractionsTest",
                       G_APPLICATION_DEFAULT_FLAGS, &tmp);

  g_test_add_func ("/Ui/WizardInteractions/sample", test_sample_with_interactions);
  g_test_add_func ("/Ui/WizardInteractions/project-margin", test_project_margin);
  g_test_add_func ("/Ui/WizardInteractions/interactions-only", test_interactions_only);

  ret = g_test_run ();

  ui_test_stop (&app);
  test_remove_tree (tmp);

  return ret;
}
