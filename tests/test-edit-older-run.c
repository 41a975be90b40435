/* test-edit-older-run.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Edits of a segmentation older than the last customers imported.
 *
 * A run covers the customers the project had when it was computed; an import adds customers
 * the run does not know (they join a segment when new data is scored against it).  Merging,
 * splitting, moving customers and folding the outliers of such a run describe the edited
 * segments again from the current features, which cover every customer: the description
 * must read the run's members only (it once read past the labels).  For many seeded
 * datasets every edit of the older run must succeed, keep the run's customers, leave the
 * newer ones out, and give each segment the size, share and revenue of its members. */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-edit.h"
#include "sc-project.h"
#include "sc-run.h"
#include "test-project-utils.h"
#include "test-utils.h"

#define N_SEEDS 6

typedef struct
{
  char   *dir;
  char   *path;
  GRand  *rand;
  guint   next_order;
  guint   n_files;
} World;

/* Orders of customers @first .. @first + @n - 1 (ids "C%05u"), some with a refund larger
 * than what they bought (anomalies), written to a new file. */
static char *
write_orders (World *w,
              guint  first,
              guint  n,
              int    last_day)
{
  g_autoptr(GString) out = g_string_new ("order_id,customer_id,order_date,amount\n");
  g_autofree char *name = g_strdup_printf ("orders%u.csv", w->n_files++);
  char *csv = g_build_filename (w->dir, name, NULL);

  for (guint c = first; c < first + n; c++)
    {
      guint n_orders = g_rand_int_range (w->rand, 1, c % 4 == 0 ? 25 : 5);
      double scale = c % 3 == 0 ? 400.0 : 40.0;

      for (guint o = 0; o < n_orders; o++)
        {
          GDate date;
          int day = last_day - g_rand_int_range (w->rand, 0, 700);

          g_date_clear (&date, 1);
          g_date_set_dmy (&date, 1, 1, 2023);
          g_date_add_days (&date, (guint) MAX (day, 0));
          g_string_append_printf (out, "O%u,C%05u,%04u-%02u-%02u,%.2f\n", w->next_order++, c,
                                  g_date_get_year (&date), g_date_get_month (&date),
                                  g_date_get_day (&date),
                                  scale * g_rand_double_range (w->rand, 0.2, 2.0));
        }
      if (g_rand_int_range (w->rand, 0, 60) == 0)
        g_string_append_printf (out, "O%u,C%05u,2024-06-01,-%.2f\n", w->next_order++, c,
                                20 * scale * n_orders);
    }
  g_assert_true (g_file_set_contents (csv, out->str, -1, NULL));
  return csv;
}

/* A project segmented on its first customers, then given @n_new more (and more orders of
 * some it had). Returns the run computed before the second import. */
static ScRun *
older_run (World   *w,
           ScStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;
  guint n_old = g_rand_int_range (w->rand, 80, 200);
  guint n_new = g_rand_int_range (w->rand, 1, 120);
  ScRunParams params;
  ScRun *run;

  first = write_orders (w, 0, n_old, 700);
  test_import_orders (store, first);
  sc_run_params_init (&params);
  params.k = g_rand_int_range (w->rand, 3, 6);
  params.seed = g_rand_int (w->rand);
  params.n_resamples = 0;
  run = sc_run_segment (store, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);

  second = write_orders (w, n_old - MIN (n_old, 10), MIN (n_old, 10) + n_new, 760);
  test_import_orders (store, second);
  g_assert_cmpuint (sc_store_get_n_customers (store), ==, n_old + n_new);
  g_assert_cmpuint (run->n_customers, ==, n_old);
  return run;
}

/* The current run is an edit of @before: the same customers, and each segment's figures are
 * those of its members under the current data. */
static void
check_edited (ScStore     *store,
              const ScRun *before,
              gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = sc_run_load_current (store, &error);
  g_autoptr(ScFeatures) features = NULL;
  g_autofree gsize *size = NULL;
  g_autofree double *revenue = NULL;
  gsize n_labelled = 0;

  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_cmpint (run->id, ==, id);
  g_assert_cmpuint (run->n_customers, ==, before->n_customers);
  g_assert_cmpuint (run->n_customers, <, sc_store_get_n_customers (store));

  features = sc_run_load_customer_features (store, run->params.as_of, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (features->n, ==, sc_store_get_n_customers (store));
  size = g_new0 (gsize, run->n_segments);
  revenue = g_new0 (double, run->n_segments);
  for (guint32 i = 0; i < run->n_customers; i++)
    {
      guint16 l = run->labels[i];

      /* An edit moves customers between segments, never into or out of the run. */
      g_assert_true ((l == SC_LABEL_NONE) == (before->labels[i] == SC_LABEL_NONE));
      if (l == SC_LABEL_NONE)
        continue;
      g_assert_cmpuint (l, <, run->n_segments);
      size[l]++;
      revenue[l] += features->values[SC_FEATURE_MONETARY][i];
      n_labelled++;
    }
  for (guint s = 0; s < run->n_segments; s++)
    {
      const ScSegmentInfo *info = &run->segments[s];

      g_assert_cmpuint (info->size, ==, size[s]);
      g_assert_cmpuint (info->size, >, 0);
      g_assert_cmpfloat_with_epsilon (info->share, size[s] / (double) n_labelled, 1e-9);
      g_assert_cmpfloat_with_epsilon (info->revenue, revenue[s],
                                      1e-6 * MAX (1.0, fabs (revenue[s])));
      g_assert_nonnull (info->name);
      g_assert_nonnull (info->profile);
    }
}

static gint64
restore (ScStore     *store,
         const ScRun *run)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sc_edit_set_current_run (store, run->id, &error));
  g_assert_no_error (error);
  return run->id;
}

static void
run_seed (guint seed,
          guint *n_folded)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScRunDetails) details = NULL;
  World w = { 0 };
  guint positions[2];
  guint32 customer = 0;
  gint64 id;

  w.rand = g_rand_new_with_seed (seed);
  w.dir = g_dir_make_tmp ("segments-edit-older-XXXXXX", &error);
  g_assert_no_error (error);
  w.path = g_build_filename (w.dir, "older.segments", NULL);
  store = sc_store_open (w.path, TRUE, &error);
  g_assert_no_error (error);
  run = older_run (&w, store);

  /* Merge two segments at random. */
  positions[0] = g_rand_int_range (w.rand, 0, run->n_segments);
  positions[1] = (positions[0] + g_rand_int_range (w.rand, 1, run->n_segments))
                 % run->n_segments;
  id = sc_edit_merge (store, run, positions, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  check_edited (store, run, id);
  restore (store, run);

  /* Split the largest cluster. */
  {
    guint largest = 0;

    for (guint s = 0; s < run->k; s++)
      if (run->segments[s].size > run->segments[largest].size)
        largest = s;
    id = sc_edit_split (store, run, largest, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (id, >, 0);
    check_edited (store, run, id);
    restore (store, run);
  }

  /* Move one customer of a segment larger than one to another segment. */
  while (run->labels[customer] == SC_LABEL_NONE ||
         run->segments[run->labels[customer]].size < 2)
    customer++;
  id = sc_edit_move_customers (store, run, &customer, 1,
                               (run->labels[customer] + 1) % run->n_segments, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  check_edited (store, run, id);
  restore (store, run);

  for (guint s = 0; s < run->n_segments; s++)
    if (run->segments[s].is_outliers)
      {
        id = sc_edit_fold_outliers (store, run, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpint (id, >, 0);
        check_edited (store, run, id);
        restore (store, run);
        (*n_folded)++;
      }

  /* The details of the older run read its members only too. */
  details = sc_edit_describe_run (store, run, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);
  {
    g_autoptr(ScFeatures) features = sc_run_load_customer_features (store, run->params.as_of,
                                                                     &error);
    g_autofree double *sum = g_new0 (double, run->n_segments);
    g_autofree gsize *count = g_new0 (gsize, run->n_segments);

    g_assert_no_error (error);
    for (guint32 i = 0; i < run->n_customers; i++)
      if (run->labels[i] != SC_LABEL_NONE)
        {
          sum[run->labels[i]] += features->values[SC_FEATURE_MONETARY][i];
          count[run->labels[i]]++;
        }
    for (guint s = 0; s < run->n_segments; s++)
      g_assert_cmpfloat_with_epsilon (details->segments[s].mean[SC_FEATURE_MONETARY],
                                      sum[s] / count[s],
                                      1e-6 * MAX (1.0, fabs (sum[s] / count[s])));
  }

  g_clear_pointer (&store, sc_store_close);
  test_remove_tree (w.dir);
  g_free (w.dir);
  g_free (w.path);
  g_rand_free (w.rand);
}

static void
test_edits_of_older_run (void)
{
  guint n_folded = 0;

  for (guint seed = 1; seed <= N_SEEDS; seed++)
    run_seed (seed, &n_folded);
  /* The refunds plant anomalies: folding them was tried. */
  g_assert_cmpuint (n_folded, >, 0);
}

/* Through the facade, as the app does: import, segment, import new customers, merge. */
static void
test_project_merge_older_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *later = NULL;
  g_autoptr(ScProject) project = test_project_new_planted (&dir);
  const ScRun *run;
  guint32 n_before;
  guint positions[2] = { 0, 1 };
  gsize n_labelled = 0, total = 0;

  n_before = sc_project_get_run (project)->n_customers;
  later = test_write_planted_later (dir);
  test_project_import (project, later);
  run = sc_project_get_run (project);
  g_assert_cmpuint (run->n_customers, ==, n_before);

  g_assert_true (sc_project_merge_segments (project, positions, 2, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (project);
  g_assert_cmpuint (run->n_customers, ==, n_before);
  for (guint32 i = 0; i < run->n_customers; i++)
    n_labelled += run->labels[i] != SC_LABEL_NONE;
  for (guint s = 0; s < run->n_segments; s++)
    total += run->segments[s].size;
  g_assert_cmpuint (total, ==, n_labelled);

  g_clear_object (&project);
  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/EditOlderRun/edits", test_edits_of_older_run);
  g_test_add_func ("/Core/EditOlderRun/project-merge", test_project_merge_older_run);
  return g_test_run ();
}
