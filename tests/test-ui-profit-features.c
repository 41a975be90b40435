/* test-ui-profit-features.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segments built on profit in the app (issue 18), under Xvfb: the Re-run popover offers
 * Profit only where the project knows some cost (or while the current run is built on it),
 * and a run chosen there is built on profit, with names that say "at a loss" exactly where
 * the segment's customers lose money on average. */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "sc-feature-sets.h"
#include "sc-project-overlay.h"
#include "sc-project.h"
#include "seg-application.h"
#include "seg-rerun-popover.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"

static SegApplication *app;
static char *tmp_dir;

static gboolean
is_profit_check (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)),
                    sc_feature_set_to_label (SC_FEATURE_SET_PROFIT)) == 0;
}

/* The profit check, shown or not (find_widget() looks only at visible widgets). */
static GtkWidget *
find_profit_check (GtkWidget *root)
{
  if (is_profit_check (root, NULL))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_profit_check (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_rerun_button (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         SEG_IS_RERUN_POPOVER (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)));
}

static gboolean
built_on_profit (const ScRunParams *params)
{
  return (sc_feature_sets_of (params->features, params->n_features) &
          (1u << SC_FEATURE_SET_PROFIT)) != 0;
}

/* The popover alone: hidden without cost, shown with it, and kept while a run uses it. */
static void
test_popover_offers_profit (void)
{
  GtkWidget *popover = g_object_ref_sink (seg_rerun_popover_new ());
  GtkWidget *check = find_profit_check (popover);
  ScRunParams params;

  g_assert_nonnull (check);
  g_assert_false (gtk_widget_get_visible (check));
  seg_rerun_popover_set_profit_known (SEG_RERUN_POPOVER (popover), TRUE);
  g_assert_true (gtk_widget_get_visible (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  seg_rerun_popover_get_params (SEG_RERUN_POPOVER (popover), &params);
  g_assert_true (built_on_profit (&params));
  g_assert_cmpint (params.features[params.n_features - 1], ==, SC_FEATURE_PROFIT);

  /* a project without cost: not offered, not chosen */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  seg_rerun_popover_set_profit_known (SEG_RERUN_POPOVER (popover), FALSE);
  g_assert_false (gtk_widget_get_visible (check));
  seg_rerun_popover_get_params (SEG_RERUN_POPOVER (popover), &params);
  g_assert_false (built_on_profit (&params));

  /* a run built on profit shows it, whatever is known */
  params.features[params.n_features++] = SC_FEATURE_PROFIT;
  seg_rerun_popover_set_params (SEG_RERUN_POPOVER (popover), &params);
  g_assert_true (gtk_widget_get_visible (check));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_object_unref (popover);
}

/* The sample has a cost column: the page offers Profit, and a run chosen with it is built on
 * profit and names its money-losing segments truthfully. */
static void
test_rerun_on_profit (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "profit.segments", NULL);
  g_autoptr(ScProfit) profit = NULL;
  g_autofree ScSegmentProfit *by_segment = NULL;
  GtkWidget *menu_button, *check, *run_button;
  GtkPopover *popover;
  Editor e;
  gint64 run_before;
  const ScRun *run;
  guint n_segments = 0, at_a_loss = 0;

  make_sample_project (path);
  e = open_editor (path);
  run_before = run_of (&e)->id;
  g_assert_false (built_on_profit (&run_of (&e)->params));

  menu_button = find_widget (GTK_WIDGET (e.page), is_rerun_button, NULL);
  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  g_assert_true (wait_until (widget_is_mapped, popover));
  check = find_profit_check (GTK_WIDGET (popover));
  g_assert_nonnull (check);
  WAIT_FOR (gtk_widget_get_visible (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);

  run_button = find_widget (GTK_WIDGET (popover), is_button_labelled,
                            (gpointer) "_Segment Again");
  g_assert_nonnull (run_button);
  gtk_widget_activate (run_button);
  WAIT_FOR (run_of (&e)->id != run_before && !seg_window_is_busy (e.window));
  wait_idle (&e);

  run = run_of (&e);
  g_assert_true (built_on_profit (&run->params));
  profit = sc_project_load_profit (e.project, NULL);
  g_assert_nonnull (profit);
  by_segment = sc_project_segment_profit (e.project, profit, &n_segments);
  g_assert_cmpuint (n_segments, ==, run->n_segments);
  for (guint s = 0; s < run->k; s++)
    {
      gboolean loss = strstr (run->segments[s].name, " at a loss") != NULL;

      g_assert_true (loss == (by_segment[s].profit < 0));
      at_a_loss += loss;
    }
  /* the sample plants a group sold below cost */
  g_assert_cmpuint (at_a_loss, >=, 1);
  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-profit-features-XXXXXX",
                       "io.github.segments.Segments.TestProfitFeatures",
                       G_APPLICATION_HANDLES_OPEN, &tmp_dir);

  g_test_add_func ("/Ui/ProfitFeatures/popover", test_popover_offers_profit);
  g_test_add_func ("/Ui/ProfitFeatures/rerun", test_rerun_on_profit);

  ret = g_test_run ();

  ui_test_stop (&app);
  remove_projects (tmp_dir);
  return ret;
}
