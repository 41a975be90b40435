/* test-value-today.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The value model as of today: a holdout check never replaces the model fitted on all the
 * data, its table is stored beside it and adds up; free orders are purchases; data that
 * cannot support a potential give value only, on the grid too. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sc-clv-check.h"
#include "sc-grid.h"
#include "sc-palette.h"
#include "sc-project-export.h"
#include "sc-project.h"
#include "sc-value.h"
#include "test-project-utils.h"
#include "test-report-common.h"

static const ScDay START = 19000;   /* 2022-01-08 */

/* Buy-till-you-die customers acquired over the first year, purchases up to day 720 with a
 * drop-out chance after each; the first @free_only customers only get free orders, and a
 * few orders of the others are returned on a later day. */
static char *
write_orders (const char *dir,
              guint       n_customers,
              guint32     seed,
              guint       free_only)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (seed);
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  char *path = g_build_filename (dir, "orders.csv", NULL);
  guint order = 0;

  for (guint i = 0; i < n_customers; i++)
    {
      double rate = (0.01 + g_rand_double (rng) * 0.08);        /* per day */
      double drop = 0.05 + 0.4 * g_rand_double (rng);
      double scale = 20 + 80 * g_rand_double (rng);
      int day = g_rand_int_range (rng, 0, 366);

      while (day < 720)
        {
          g_autofree char *date = sc_day_format (START + day);
          double amount = i < free_only ? 0.0 : scale * (0.5 + g_rand_double (rng));

          g_string_append_printf (csv, "O%u,C%05u,%s,%.2f\n", order++, i, date, amount);
          if (amount > 0 && g_rand_double (rng) < 0.05)
            {
              g_autofree char *later = sc_day_format (START + day + 2);
              g_string_append_printf (csv, "O%u,C%05u,%s,%.2f\n", order++, i, later, -amount);
            }
          if (g_rand_double (rng) < drop)
            break;
          day += 1 + (int) (-log1p (-g_rand_double (rng)) / rate);
        }
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

static ScProject *
project_with_orders (guint     n_customers,
                     guint32   seed,
                     guint     free_only,
                     char    **dir)
{
  g_autofree char *csv = NULL;
  ScProject *project = test_project_new (dir);

  csv = write_orders (*dir, n_customers, seed, free_only);
  test_project_import (project, csv);
  test_project_segment_k (project, 3);
  return project;
}

static void
assert_same_column (const double *x,
                    const double *y,
                    guint32       n)
{
  for (guint32 i = 0; i < n; i++)
    {
      g_assert_cmpint (isnan (x[i]), ==, isnan (y[i]));
      if (!isnan (x[i]))
        g_assert_cmpfloat (x[i], ==, y[i]);
    }
}

/* The report's text, for the methodology; NULL (test skipped) without poppler. */
static char *
report_text (ScProject  *project,
             const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScReport) report = NULL;
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);

  if (!need_poppler ())
    return NULL;
  report = sc_project_new_report (project, SC_REPORT_FORMAT_A4, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sc_report_save_pdf (report, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return pdf_text (pdf, 0);
}

static void
test_holdout_beside_the_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autoptr(ScProject) a = project_with_orders (2000, 11, 20, &dir_a);
  g_autoptr(ScProject) b = project_with_orders (2000, 11, 20, &dir_b);
  g_autoptr(ScPotential) checked = NULL;
  g_autoptr(ScPotential) plain = NULL;
  g_autoptr(ScPotential) stored = NULL;
  ScPotentialParams params;
  ScDay first, last;
  gsize customers, sum = 0;
  double predicted, actual, sum_predicted = 0, sum_actual = 0, revenue;
  guint64 n_orders;
  gboolean fresh = FALSE;

  g_assert_true (sc_project_get_summary (a, &first, &last, &revenue, &n_orders));
  sc_potential_params_init (&params);
  params.until = START + 540;
  checked = sc_project_fit_value_model (a, &params, NULL, NULL, &error);
  g_assert_no_error (error);
  plain = sc_project_fit_value_model (b, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Values as of today, whatever the check. */
  g_assert_cmpint (checked->params.until, ==, last);
  g_assert_cmpint (plain->params.until, ==, last);
  g_assert_true (checked->has_bg && checked->has_gg);
  g_assert_null (sc_potential_get_note (checked));
  g_assert_cmpfloat (checked->bg.r, ==, plain->bg.r);
  g_assert_cmpfloat (checked->bg.b, ==, plain->bg.b);
  g_assert_cmpuint (checked->n, ==, plain->n);
  assert_same_column (checked->p_alive, plain->p_alive, checked->n);
  assert_same_column (checked->expected_purchases, plain->expected_purchases, checked->n);
  assert_same_column (checked->clv, plain->clv, checked->n);
  assert_same_column (checked->value, plain->value, checked->n);

  /* The segments' place on the grid does not depend on the check either. */
  g_assert_true (sc_project_reload (a, &error));
  g_assert_true (sc_project_reload (b, &error));
  for (guint s = 0; s < sc_project_get_run (a)->n_segments; s++)
    {
      const ScSegmentInfo *x = &sc_project_get_run (a)->segments[s];
      const ScSegmentInfo *y = &sc_project_get_run (b)->segments[s];

      g_assert_false (isnan (x->potential));
      g_assert_cmpfloat (x->potential, ==, y->potential);
      g_assert_cmpfloat (x->p_alive, ==, y->p_alive);
    }

  /* The check, beside it: its own calibration fit, and a table that adds up. */
  g_assert_false (plain->has_holdout);
  g_assert_true (checked->has_holdout);
  g_assert_null (checked->holdout_note);
  g_assert_cmpint (checked->holdout_start, ==, params.until);
  g_assert_cmpint (checked->holdout_end, ==, last);
  g_assert_cmpfloat (checked->holdout_bg.r, !=, checked->bg.r);
  g_assert_cmpuint (checked->n_groups, ==, SC_CLV_HOLDOUT_GROUPS);
  sc_potential_holdout_totals (checked, &customers, &predicted, &actual);
  for (guint g = 0; g < checked->n_groups; g++)
    {
      g_assert_cmpuint (checked->group_x[g], ==, g);
      g_assert_cmpuint (checked->group_customers[g], >, 0);
      g_assert_cmpfloat (checked->group_predicted[g], >=, 0);
      g_assert_cmpfloat (checked->group_actual[g], >=, 0);
      sum += checked->group_customers[g];
      sum_predicted += checked->group_customers[g] * checked->group_predicted[g];
      sum_actual += checked->group_customers[g] * checked->group_actual[g];
    }
  g_assert_cmpuint (sum, ==, customers);
  g_assert_cmpfloat_with_epsilon (predicted, sum_predicted, 1e-9 * sum_predicted);
  g_assert_cmpfloat_with_epsilon (actual, sum_actual, 1e-9 * sum_actual);
  g_assert_cmpfloat (actual, ==, round (actual));
  g_assert_cmpfloat_with_epsilon (checked->holdout_ratio, predicted / actual, 1e-9);

  /* Stored with the model and read back through the facade, for the report. */
  stored = sc_project_load_value_model (a, &fresh, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_true (fresh);
  g_assert_true (stored->has_holdout);
  g_assert_cmpint (stored->holdout_start, ==, params.until);
  g_assert_cmpint (stored->holdout_end, ==, last);
  g_assert_cmpint (stored->params.until, ==, last);
  g_assert_cmpfloat (stored->holdout_bg.r, ==, checked->holdout_bg.r);
  g_assert_cmpfloat (stored->holdout_bg.alpha, ==, checked->holdout_bg.alpha);
  g_assert_cmpfloat (stored->holdout_mae, ==, checked->holdout_mae);
  g_assert_cmpuint (stored->n_groups, ==, checked->n_groups);
  for (guint g = 0; g < stored->n_groups; g++)
    {
      g_assert_cmpuint (stored->group_customers[g], ==, checked->group_customers[g]);
      g_assert_cmpfloat (stored->group_predicted[g], ==, checked->group_predicted[g]);
      g_assert_cmpfloat (stored->group_actual[g], ==, checked->group_actual[g]);
    }
  assert_same_column (stored->p_alive, plain->p_alive, stored->n);
  assert_same_column (stored->clv, plain->clv, stored->n);

  /* Free orders are purchases: the customers who only had free orders have a P(alive) and a
   * potential (the population's spend per order). */
  {
    g_autoptr(ScCustomerData) data = sc_project_load_customer_data (a, sc_project_get_run (a),
                                                                   NULL, &error);
    guint found = 0;

    g_assert_no_error (error);
    g_assert_nonnull (data->keys);
    for (guint32 c = 0; c < data->keys->len; c++)
      {
        const char *key = g_ptr_array_index (data->keys, c);
        guint number;

        if (sscanf (key, "C%05u", &number) != 1 || number >= 20)
          continue;
        found++;
        g_assert_cmpfloat (checked->p_alive[c], >=, 0.0);
        g_assert_cmpfloat (checked->p_alive[c], <=, 1.0);
        g_assert_cmpfloat (checked->clv[c], >=, 0.0);
        g_assert_cmpfloat (data->features->values[SC_FEATURE_P_ALIVE][c], ==,
                           checked->p_alive[c]);
      }
    g_assert_cmpuint (found, ==, 20);
  }

  /* The report's methodology shows the check and its table, with the totals. */
  {
    g_autofree char *text = report_text (a, dir_a);
    g_autofree char *n = sc_format_count (customers);

    if (text != NULL)
      {
        assert_contains (text, "Holdout check: a purchase model fitted on the data");
        assert_contains (text, "not from this check");
        assert_contains (text, "Purchases before the holdout");
        assert_contains (text, "7 or more");
        assert_contains (text, "All customers");
        assert_contains (text, n);
      }
  }

  g_clear_object (&a);
  g_clear_object (&b);
  test_remove_dir (dir_a);
  test_remove_dir (dir_b);
}

/* Eleven customers: the purchase model "converges" on such data with absurd parameters, so
 * there is no potential, the reason says so, and the grid shows value only. */
static void
test_tiny_value_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = project_with_orders (11, 5, 0, &dir);
  g_autoptr(ScPotential) pot = NULL;
  g_autoptr(ScPotential) stored = NULL;
  const ScRun *run;
  g_autofree ScGridSegment *segments = NULL;
  g_autofree ScGridBubble *bubbles = NULL;
  ScGridLayout layout;
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScPotentialParams params;
  guint visible = 0;
  double y = NAN;

  sc_potential_params_init (&params);
  params.until = START + 500;
  pot = sc_project_fit_value_model (project, &params, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sc_project_reload (project, &error));
  g_assert_false (pot->has_bg);
  g_assert_false (pot->has_gg);
  g_assert_nonnull (sc_potential_get_note (pot));
  g_assert_nonnull (strstr (sc_potential_get_note (pot), "Only 11 customers"));
  /* The holdout check cannot be made either, and says so. */
  g_assert_false (pot->has_holdout);
  g_assert_nonnull (pot->holdout_note);
  for (guint32 c = 0; c < pot->n; c++)
    {
      g_assert_true (isnan (pot->p_alive[c]));
      g_assert_true (isnan (pot->clv[c]));
      g_assert_false (isnan (pot->value[c]));
    }

  stored = sc_project_load_value_model (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (stored->has_bg);
  g_assert_cmpstr (sc_potential_get_note (stored), ==, sc_potential_get_note (pot));
  g_assert_cmpstr (stored->holdout_note, ==, pot->holdout_note);

  run = sc_project_get_run (project);
  segments = g_new0 (ScGridSegment, run->n_segments);
  bubbles = g_new0 (ScGridBubble, run->n_segments);
  for (guint s = 0; s < run->n_segments; s++)
    {
      g_assert_false (isnan (run->segments[s].value));
      g_assert_true (isnan (run->segments[s].potential));
      segments[s].name = run->segments[s].name;
      segments[s].customers = run->segments[s].size;
      segments[s].value = run->segments[s].value;
      segments[s].potential = run->segments[s].potential;
    }
  sc_grid_layout (segments, run->n_segments, NAN, NAN, palette, 640, 400, &layout, bubbles);
  g_assert_true (layout.has_values);
  g_assert_true (layout.value_only);
  g_assert_cmpfloat (layout.note.width, >, 0);
  for (guint q = 0; q < SC_N_QUADRANTS; q++)
    g_assert_cmpfloat (layout.quadrant_labels[q].width, ==, 0);
  for (guint s = 0; s < run->n_segments; s++)
    {
      if (!bubbles[s].visible)
        continue;
      visible++;
      if (isnan (y))
        y = bubbles[s].y;
      g_assert_cmpfloat (bubbles[s].y, ==, y);
    }
  g_assert_cmpuint (visible, ==, run->n_segments);

  {
    g_autofree char *text = report_text (project, dir);

    if (text != NULL)
      {
        assert_contains (text, "Not enough data to estimate potential");
        assert_contains (text, "Only 11 customers have orders");
        assert_contains (text, "No holdout check with the data up to");
        assert_contains (text, "segments are compared by value only");
      }
  }

  /* With a potential for one segment, the grid is the full grid again. */
  segments[0].potential = 10.0;
  sc_grid_layout (segments, run->n_segments, NAN, NAN, palette, 640, 400, &layout, bubbles);
  g_assert_false (layout.value_only);
  g_assert_cmpfloat (layout.note.width, ==, 0);

  g_clear_object (&project);
  test_remove_dir (dir);
}

/* The checks themselves, on fits that did not fit and on one that did. */
static void
test_fit_checks (void)
{
  ScBgnbdParams good = { .r = 0.24, .alpha = 4.4, .a = 0.79, .b = 2.4,
                         .log_se = { 0.06, 0.1, 0.3, 0.35 } };
  ScBgnbdParams p;
  ScGammaGammaParams gg = { .p = 6.25, .q = 3.74, .gamma = 15.4 };
  g_autofree char *none = NULL;
  g_autofree char *bound = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *wide = NULL;
  g_autofree char *gg_ok = NULL;
  g_autofree char *gg_bound = NULL;
  g_autofree char *gg_q = NULL;

  none = sc_clv_check_bgnbd (&good);
  g_assert_null (none);
  p = good;
  p.at_bound = TRUE;
  bound = sc_clv_check_bgnbd (&p);
  g_assert_nonnull (bound);
  p = good;
  p.log_se[2] = NAN;
  flat = sc_clv_check_bgnbd (&p);
  g_assert_nonnull (flat);
  p = good;
  p.r = 1.7e6;
  p.log_se[0] = 40.0;
  wide = sc_clv_check_bgnbd (&p);
  g_assert_nonnull (wide);
  g_assert_nonnull (strstr (wide, "r is too uncertain"));

  gg_ok = sc_clv_check_gamma_gamma (&gg);
  g_assert_null (gg_ok);
  gg.at_bound = TRUE;
  gg_bound = sc_clv_check_gamma_gamma (&gg);
  g_assert_nonnull (gg_bound);
  gg.at_bound = FALSE;
  gg.q = 0.8;
  gg_q = sc_clv_check_gamma_gamma (&gg);
  g_assert_nonnull (gg_q);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/ValueToday/holdout-beside-the-model", test_holdout_beside_the_model);
  g_test_add_func ("/Render/ValueToday/tiny-value-only", test_tiny_value_only);
  g_test_add_func ("/Render/ValueToday/fit-checks", test_fit_checks);

  return g_test_run ();
}
