/* test-ui-quality.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The quality of the segments in the editor (the Segments page) under Xvfb: the Quality
 * section shows the stability and the choice of k stored with the run; a segment found in
 * noise is flagged unstable in the list; a look-alike pair is offered as "Merge?", merging
 * it and undoing work; the Re-run popover's range of k and smallest share reach the run; and
 * a value model without potential says why beside the grid.
 *
 * Projects are made here from generated orders (seeded): the sample, round noise in the
 * clustering space (no groups to find again), and three planted groups cut in six (pairs of
 * segments that look alike).  With SEGMENTS_SCREENSHOT_DIR set, a picture of the Quality
 * section is saved there for the help. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "sc-project.h"
#include "seg-application.h"
#include "seg-rerun-popover.h"
#include "seg-run-quality.h"
#include "seg-segment-details.h"
#include "seg-segment-list.h"
#include "seg-segment-quality.h"
#include "seg-segments-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"

static SegApplication *app;
static char *tmp_dir;

/* ------------------------------------------------------------------------------------------ */
/* Projects                                                                                   */

static void
write_order (GString *csv,
             guint   *order_id,
             guint    customer,
             guint    days_before_end,
             double   amount)
{
  /* The last order date of the generated data; every date is before it. */
  g_autoptr(GDate) date = g_date_new_dmy (30, G_DATE_JUNE, 2025);

  g_date_subtract_days (date, days_before_end);

  g_string_append_printf (csv, "O%u,C%u,%04d-%02d-%02d,%.2f\n", (*order_id)++, customer,
                          g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), amount);
}

/* Writes @csv to @name in the test folder; returns its path. */
static char *
save_csv (const char *name,
          GString    *csv)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static double
gauss (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1.0);
  double v = g_rand_double (rand);

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

/* Round noise on the log scale segmenting uses: orders, spend and recency each log-normal,
 * independent, so no segment of it is found again reliably. */
static char *
write_noise (const char *name,
             guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  guint order_id = 0;

  for (guint c = 0; c < 600; c++)
    {
      guint orders = MAX (1, (guint) lround (exp (1.5 + 0.5 * gauss (rand))));
      double spend = exp (4 + 0.5 * gauss (rand));
      guint recency = MAX (1, (guint) lround (exp (4 + 0.5 * gauss (rand))));

      for (guint o = 0; o < orders; o++)
        write_order (csv, &order_id, c, recency + 9 * o,
                     spend * g_rand_double_range (rand, 0.9, 1.1));
    }
  return save_csv (name, csv);
}

/* Three groups far apart, each customer within 10% of its group: (orders, spend per order,
 * days since the last order). */
static char *
write_three_groups (const char *name,
                    guint32     seed)
{
  static const struct { guint orders; double spend; guint recency; } groups[] = {
    { 1, 20.0, 600 }, { 12, 40.0, 5 }, { 30, 1500.0, 90 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  guint order_id = 0;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint c = 0; c < 200; c++)
      {
        guint last = (guint) lround (groups[g].recency * g_rand_double_range (rand, 0.9, 1.1));

        for (guint o = 0; o < groups[g].orders; o++)
          write_order (csv, &order_id, g * 1000 + c, last + 7 * o,
                       groups[g].spend * g_rand_double_range (rand, 0.9, 1.1));
      }
  return save_csv (name, csv);
}

/* Customers who each ordered once: nothing to fit a purchase model on. */
static char *
write_one_time_buyers (const char *name,
                       guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  guint order_id = 0;

  for (guint c = 0; c < 300; c++)
    write_order (csv, &order_id, c, (guint) g_rand_int_range (rand, 1, 700),
                 exp (4 + 0.8 * gauss (rand)));
  return save_csv (name, csv);
}

/* A project of @transactions (and @customers), segmented with @k (0: automatic) and top
 * accounts and anomalies set apart or not. */
static char *
make_project (const char *name,
              const char *transactions,
              const char *customers,
              guint       k,
              gboolean    set_apart)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  ScRunParams params;

  project = sc_project_open (path, TRUE, &error);
  g_assert_no_error (error);
  test_project_import_files (project, transactions, customers);

  sc_run_params_init (&params);
  params.k = k;
  if (!set_apart)
    params.outlier_z = 0;
  g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static char *
make_sample (const char *name)
{
  g_autofree char *transactions = sample_file ("transactions.csv");
  g_autofree char *customers = sample_file ("customers.csv");

  return make_project (name, transactions, customers, 0, TRUE);
}

/* ------------------------------------------------------------------------------------------ */
/* The editor                                                                                 */

static gboolean
is_row_subtitled_with (GtkWidget *widget,
                       gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) ?: "", data) != NULL;
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_label_containing (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_image_with_tooltip (GtkWidget *widget,
                       gpointer   data)
{
  return GTK_IS_IMAGE (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static gboolean
has_buildable_id (GtkWidget *widget,
                  gpointer   data)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), data) == 0;
}

static gboolean
is_rerun_button (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         SEG_IS_RERUN_POPOVER (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)));
}

static const char *
row_subtitle (GtkWidget  *root,
              const char *title)
{
  GtkWidget *row = find_widget (root, is_row_titled, (gpointer) title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* ------------------------------------------------------------------------------------------ */

/* The sample's Quality section shows the stored stability of each clustered segment and the
 * stored choice of k, with its table. */
static void
test_quality_sample (void)
{
  g_autofree char *path = make_sample ("sample.segments");
  Editor e = open_editor (path);
  const ScValidation *v = sc_project_get_validation (e.project);
  GtkWidget *quality = find_of_type (GTK_WIDGET (e.details), SEG_TYPE_SEGMENT_QUALITY);
  GtkWidget *run_quality;
  guint checked = 0;

  g_assert_nonnull (v);
  g_assert_true (v->k_auto);

  for (guint s = 0; s < run_of (&e)->n_segments; s++)
    {
      const ScSegmentQuality *q = sc_project_get_segment_quality (e.project, s);
      g_autofree char *words = NULL;
      const char *subtitle;

      select_position (&e, s);
      if (q == NULL || !q->clustered || !isfinite (q->stability))
        continue;
      words = seg_dup_stability_text (q);
      subtitle = row_subtitle (quality, "Stability");
      g_assert_true (g_str_has_prefix (subtitle, words));
      g_assert_cmpint (q->unstable, ==, strstr (subtitle, "not found again reliably") != NULL);
      /* The stored figure, to two decimals. */
      {
        g_autofree char *figure = g_strdup_printf ("(%.2f)", q->stability);

        g_assert_nonnull (strstr (subtitle, figure));
      }
      /* One row per distinguishing feature, or a row saying there is none. */
      if (q->n_distinct == 0)
        g_assert_nonnull (find_widget (quality, is_row_titled,
                                       (gpointer) "Nothing sets it apart on its own"));
      for (guint d = 0; d < q->n_distinct; d++)
        {
          g_autofree char *effect = g_strdup_printf ("%.1f standard deviations",
                                                     q->distinct[d].effect_size);

          g_assert_nonnull (find_widget (quality, is_row_subtitled_with, effect));
        }
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);

  /* The run: the stored explanation and a table row per k tried, the chosen one marked. */
  run_quality = find_of_type (GTK_WIDGET (e.details), SEG_TYPE_RUN_QUALITY);
  {
    GtkWidget *group = find_of_type (run_quality, ADW_TYPE_PREFERENCES_GROUP);
    g_autofree char *chosen = g_strdup_printf ("%u (chosen)", v->chosen_k);
    g_autofree char *range = g_strdup_printf ("From %u to %u segments", v->k_min, v->k_max);

    g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                     v->explanation);
    g_assert_true (g_str_has_prefix (row_subtitle (run_quality, "Range tried"), range));
    g_assert_nonnull (find_widget (run_quality, is_label_with_text, chosen));
    for (guint i = 0; i < v->n_k; i++)
      {
        g_autofree char *silhouette = g_strdup_printf ("%.2f", v->k_table[i].silhouette);

        g_assert_nonnull (find_widget (run_quality, is_label_with_text, silhouette));
      }
  }

  select_position (&e, 0);
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (quality, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    graphene_point_t point;

    settle (GTK_WIDGET (e.window));
    if (gtk_widget_compute_point (quality, scrolled, &GRAPHENE_POINT_INIT (0, 0), &point))
      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + point.y - 12);
    save_shot (&e, "check-segments.png");
    save_widget_if_asked (run_quality, "check-segments-k.png");
  }
  destroy_all_windows ();
}

/* Noise has no groups to find again: its unstable segments are flagged in the list (an
 * icon with a tooltip) and in the Quality section; the stable ones are not. */
static void
test_quality_unstable (void)
{
  g_autofree char *csv = write_noise ("noise.csv", 1);
  g_autofree char *path = make_project ("noise.segments", csv, NULL, 6, FALSE);
  Editor e = open_editor (path);
  GtkListBox *box = seg_segment_list_get_list_box (e.list);
  const char *reason = seg_unstable_reason ();
  guint unstable = 0;

  g_assert_nonnull (sc_project_get_validation (e.project));
  for (guint i = 0; i < run_of (&e)->n_segments; i++)
    {
      guint position = (guint) seg_segment_list_get_position_at (e.list, i);
      const ScSegmentQuality *q = sc_project_get_segment_quality (e.project, position);
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (box, (int) i));
      GtkWidget *flag = find_widget (row, is_image_with_tooltip, (gpointer) reason);

      g_assert_nonnull (q);
      g_assert_cmpint (q->unstable, ==, q->stability < SC_VALIDATE_UNSTABLE);
      g_assert_cmpint (flag != NULL, ==, q->unstable);
      if (q->unstable)
        {
          GtkWidget *quality;

          unstable++;
          select_position (&e, position);
          quality = find_of_type (GTK_WIDGET (e.details), SEG_TYPE_SEGMENT_QUALITY);
          g_assert_true (g_str_has_prefix (row_subtitle (quality, "Stability"), "Unstable ("));
          g_assert_nonnull (find_widget (quality, is_image_with_tooltip, (gpointer) reason));
          if (unstable == 1)
            save_shot (&e, "check-segments-unstable.png");
        }
    }
  /* Round noise: at least one of six segments is not found again. */
  g_assert_cmpuint (unstable, >, 0);
  destroy_all_windows ();
}

/* Three groups cut in six: a look-alike pair is offered as "Merge?" on the selected segment;
 * its button merges the pair, and undo brings both back. */
static void
test_quality_merge (void)
{
  g_autofree char *csv = write_three_groups ("groups.csv", 6);
  g_autofree char *path = make_project ("groups.segments", csv, NULL, 6, FALSE);
  Editor e = open_editor (path);
  const ScValidation *v = sc_project_get_validation (e.project);
  GtkWidget *quality = find_of_type (GTK_WIDGET (e.details), SEG_TYPE_SEGMENT_QUALITY);
  g_autofree char *title = NULL;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  guint n_before = run_of (&e)->n_segments;
  guint64 size_a, size_b;
  GtkWidget *row, *button;

  g_assert_nonnull (v);
  g_assert_cmpuint (v->n_merges, >, 0);
  name_a = g_strdup (run_of (&e)->segments[v->merges[0].a].name);
  name_b = g_strdup (run_of (&e)->segments[v->merges[0].b].name);
  size_a = run_of (&e)->segments[v->merges[0].a].size;
  size_b = run_of (&e)->segments[v->merges[0].b].size;

  select_position (&e, v->merges[0].a);
  title = g_strdup_printf ("Looks like “%s”", name_b);
  row = find_widget (quality, is_row_titled, title);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, v->merges[0].reason);
  button = find_widget (row, is_button_labelled, (gpointer) "_Merge");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  save_shot (&e, "check-segments-merge.png");

  gtk_widget_activate (button);
  WAIT_FOR (run_of (&e)->n_segments == n_before - 1);
  wait_idle (&e);
  {
    const ScRun *run = run_of (&e);
    gboolean merged = FALSE;

    for (guint s = 0; s < run->n_segments; s++)
      merged |= run->segments[s].size == size_a + size_b;
    g_assert_true (merged);
  }

  g_action_group_activate_action (G_ACTION_GROUP (e.window), "undo", NULL);
  WAIT_FOR (run_of (&e)->n_segments == n_before);
  wait_idle (&e);
  {
    const ScRun *run = run_of (&e);
    guint found = 0;

    for (guint s = 0; s < run->n_segments; s++)
      found += (g_strcmp0 (run->segments[s].name, name_a) == 0 && run->segments[s].size == size_a) +
               (g_strcmp0 (run->segments[s].name, name_b) == 0 && run->segments[s].size == size_b);
    g_assert_cmpuint (found, ==, 2);
    g_assert_nonnull (sc_project_get_validation (e.project));
  }
  destroy_all_windows ();
}

/* The Re-run popover's range and smallest share reach the run: the chosen k lies in the
 * range, and the stored validation holds both. */
static void
test_quality_rerun_range (void)
{
  g_autofree char *path = make_sample ("range.segments");
  Editor e = open_editor (path);
  GtkWidget *menu_button = find_widget (GTK_WIDGET (e.page), is_rerun_button, NULL);
  GtkPopover *popover;
  GtkWidget *k_min, *k_max, *min_share, *automatic, *run_button;
  gint64 run_before = run_of (&e)->id;
  const ScValidation *v;

  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  g_assert_true (wait_until (widget_is_mapped, popover));

  automatic = find_widget (GTK_WIDGET (popover), has_buildable_id, (gpointer) "auto_k_check");
  k_min = find_widget (GTK_WIDGET (popover), has_buildable_id, (gpointer) "k_min_spin");
  k_max = find_widget (GTK_WIDGET (popover), has_buildable_id, (gpointer) "k_max_spin");
  min_share = find_widget (GTK_WIDGET (popover), has_buildable_id, (gpointer) "min_share_spin");
  g_assert_nonnull (automatic);
  g_assert_nonnull (k_min);
  g_assert_nonnull (k_max);
  g_assert_nonnull (min_share);

  /* The defaults: 3 to 6 segments, each at least 2% of customers. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (automatic)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (k_min)), ==, 3);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (k_max)), ==, 6);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (min_share)), ==, 2.0);
  g_assert_true (gtk_widget_is_sensitive (k_min));

  /* The range stays a range: a low end above the high end moves it. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (k_min), 8);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (k_max)), ==, 8);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (k_max), 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (k_min)), ==, 2);

  /* Outside the sample's automatic choice (5 of 3..6), so the range must reach the run. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (k_max), 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (k_min), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (min_share), 5);
  save_widget_if_asked (GTK_WIDGET (popover), "check-segments-rerun.png");

  run_button = find_widget (GTK_WIDGET (popover), is_button_labelled,
                            (gpointer) "_Segment Again");
  g_assert_nonnull (run_button);
  gtk_widget_activate (run_button);
  WAIT_FOR (run_of (&e)->id != run_before && !seg_window_is_busy (e.window));
  wait_idle (&e);

  v = sc_project_get_validation (e.project);
  g_assert_nonnull (v);
  g_assert_true (v->k_auto);
  g_assert_cmpuint (v->k_min, ==, 2);
  g_assert_cmpuint (v->k_max, ==, 3);
  g_assert_cmpfloat_with_epsilon (v->min_share, 0.05, 1e-9);
  g_assert_cmpuint (v->chosen_k, >=, 2);
  g_assert_cmpuint (v->chosen_k, <=, 3);
  for (guint i = 0; i < v->n_k; i++)
    g_assert_true (v->k_table[i].k >= 2 && v->k_table[i].k <= 3);
  g_assert_cmpuint (run_of (&e)->params.k_min, ==, 2);
  g_assert_cmpuint (run_of (&e)->params.k_max, ==, 3);
  destroy_all_windows ();
}

/* A value model that could not estimate potential says why beside the grid, which shows
 * value only. */
static void
test_quality_value_only (void)
{
  g_autofree char *csv = write_one_time_buyers ("once.csv", 3);
  g_autofree char *path = make_project ("once.segments", csv, NULL, 3, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPotential) potential = NULL;
  const char *note;
  GtkWidget *label;
  Editor e;

  {
    g_autoptr(ScProject) project = sc_project_open (path, FALSE, &error);

    g_assert_no_error (error);
    potential = sc_project_fit_value_model (project, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (potential);
  }
  note = sc_potential_get_note (potential);
  g_assert_nonnull (note);
  g_assert_cmpstr (note, !=, "");

  e = open_editor (path);
  for (guint s = 0; s < run_of (&e)->n_segments; s++)
    g_assert_false (isfinite (run_of (&e)->segments[s].potential));
  label = find_widget (GTK_WIDGET (e.page), is_label_containing, (gpointer) note);
  g_assert_nonnull (label);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)),
                                   "Potential could not be estimated"));
  /* The note takes the place of the offer to estimate, which the value-only grid does not
   * need. */
  g_assert_null (find_widget (GTK_WIDGET (e.page), is_button_labelled,
                              (gpointer) "_Estimate Value and Potential"));
  save_shot (&e, "check-segments-value-only.png");
  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-quality-XXXXXX",
                       "io.github.segments.Segments.TestQuality",
                       G_APPLICATION_HANDLES_OPEN, &tmp_dir);

  g_test_add_func ("/Ui/Quality/sample", test_quality_sample);
  g_test_add_func ("/Ui/Quality/unstable", test_quality_unstable);
  g_test_add_func ("/Ui/Quality/merge", test_quality_merge);
  g_test_add_func ("/Ui/Quality/rerun-range", test_quality_rerun_range);
  g_test_add_func ("/Ui/Quality/value-only", test_quality_value_only);

  ret = g_test_run ();

  ui_test_stop (&app);
  remove_projects (tmp_dir);
  return ret;
}
