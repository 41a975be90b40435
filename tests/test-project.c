/* test-project.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "sc-project.h"
#include "sc-value.h"

/* Three planted groups plus three giant accounts:
 *   A  60 customers, 10 orders of 100–300, last order 3–7 days before the end
 *   B 150 customers, 3 orders of 30–90, last order ~100 days before the end
 *   C 240 customers, 1 order of 5–80, ~400 days before the end
 *   Z   3 customers, 1 order of 10^12 (outliers)
 * Spends spread within each group, as real ones do, so only the giants stand out. */
static char *
write_planted (const char *dir,
               gboolean    with_giants)
{
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  char *path = g_build_filename (dir, "planted.csv", NULL);
  ScDay end = sc_day_from_ymd (2025, 6, 30);
  guint order = 0;

  for (guint i = 0; i < 60; i++)
    for (guint j = 0; j < 10; j++)
      {
        g_autofree char *d = sc_day_format (end - 3 - (i % 5) - 20 * j);
        g_string_append_printf (csv, "O%u,A%03u,%s,%u.00\n", order++, i, d, 100 + (i * 37 + j * 11) % 200);
      }
  for (guint i = 0; i < 150; i++)
    for (guint j = 0; j < 3; j++)
      {
        g_autofree char *d = sc_day_format (end - 95 - (i % 10) - 30 * j);
        g_string_append_printf (csv, "O%u,B%03u,%s,%u.00\n", order++, i, d, 30 + (i * 7 + j * 13) % 60);
      }
  for (guint i = 0; i < 240; i++)
    {
      g_autofree char *d = sc_day_format (end - 395 - (i % 10));
      g_string_append_printf (csv, "O%u,C%03u,%s,%u.00\n", order++, i, d, 5 + (i * 13) % 75);
    }
  for (guint i = 0; with_giants && i < 3; i++)
    {
      g_autofree char *d = sc_day_format (end - 50);
      g_string_append_printf (csv, "O%u,Z%u,%s,1000000000000\n", order++, i, d);
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

static ScProject *
new_project (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-project-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "test.segments", NULL);
  ScProject *project;

  g_assert_no_error (error);
  project = sc_project_open (path, TRUE, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return project;
}

static void
import_planted (ScProject  *project,
                const char *dir,
                gboolean    giants)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;

  sc_import_options_init (&options);
  options.transactions_path = write_planted (dir, giants);
  report = sc_project_import (project, &options, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  g_assert_true (sc_project_reload (project, &error));
}

static void
test_open_create_reopen (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = new_project (&dir);
  g_autoptr(ScProject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = sc_project_dup_title (project);

  g_assert_cmpstr (title, ==, "test");
  g_assert_false (sc_project_get_has_data (project));
  g_assert_null (sc_project_get_run (project));
  g_assert_cmpuint (g_list_model_get_n_items (sc_project_get_segments (project)), ==, 0);

  again = sc_project_open (sc_project_get_path (project), FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
}

static void
test_segment_planted (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = new_project (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree guint16 *first_labels = NULL;
  const ScRun *run;
  ScRunParams params;

  import_planted (project, dir, TRUE);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 453);

  sc_run_params_init (&params);
  params.k = 3;
  g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sc_project_reload (project, &error));

  run = sc_project_get_run (project);
  g_assert_nonnull (run);
  g_assert_cmpuint (run->k, ==, 3);
  g_assert_cmpuint (run->n_segments, ==, 4);      /* three clusters and the outliers */
  g_assert_true (run->segments[3].is_outliers);
  g_assert_cmpuint (run->segments[3].size, ==, 3);
  /* Ordered by mean spend: A, B, C, each recovered whole. */
  g_assert_cmpuint (run->segments[0].size, ==, 60);
  g_assert_cmpuint (run->segments[1].size, ==, 150);
  g_assert_cmpuint (run->segments[2].size, ==, 240);
  g_assert_cmpfloat (run->segments[0].frequency, ==, 10.0);
  g_assert_cmpfloat (run->segments[2].frequency, ==, 1.0);
  g_assert_cmpfloat (run->silhouette, >, 0.5);
  for (guint i = 0; i < run->n_segments; i++)
    for (guint j = i + 1; j < run->n_segments; j++)
      g_assert_cmpstr (run->segments[i].name, !=, run->segments[j].name);
  g_assert_cmpuint (g_list_model_get_n_items (sc_project_get_segments (project)), ==, 4);

  first_labels = g_memdup2 (run->labels, sizeof (guint16) * run->n_customers);

  /* Same data, same seed: the same segments, in the same order. */
  g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_true (sc_project_reload (project, &error));
  run = sc_project_get_run (project);
  g_assert_cmpmem (first_labels, sizeof (guint16) * 453, run->labels, sizeof (guint16) * 453);

  /* Outliers off: everybody is clustered. */
  params.outlier_z = 0;
  g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_true (sc_project_reload (project, &error));
  run = sc_project_get_run (project);
  for (guint i = 0; i < run->n_segments; i++)
    g_assert_false (run->segments[i].is_outliers);
}

static void
test_segment_empty_project (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = new_project (&dir);
  g_autoptr(GError) error = NULL;
  ScRunParams params;

  sc_run_params_init (&params);
  g_assert_false (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;
  *out = g_object_ref (result);
}

static void
on_changed (ScProject *project,
            guint     *count)
{
  (*count)++;
}

static void
test_async_and_cancel (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = new_project (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ScJob) job = sc_job_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;
  ScRunParams params;
  guint changed = 0;

  g_signal_connect (project, "changed", G_CALLBACK (on_changed), &changed);

  sc_import_options_init (&options);
  options.transactions_path = write_planted (dir, FALSE);

  /* Cancelled before it starts: an error, nothing imported. */
  g_cancellable_cancel (cancellable);
  sc_project_import_async (project, &options, job, cancellable, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = sc_project_import_finish (project, result, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 0);
  g_assert_cmpuint (changed, ==, 0);

  sc_project_import_async (project, &options, job, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = sc_project_import_finish (project, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_clear_object (&result);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 450);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpfloat (sc_job_get_fraction (job), ==, 1.0);

  sc_run_params_init (&params);
  params.k = 3;
  sc_project_segment_async (project, &params, job, NULL, on_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sc_project_segment_finish (project, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (sc_project_get_segments (project)), ==, 3);

  sc_import_options_clear (&options);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Project/open-create-reopen", test_open_create_reopen);
  g_test_add_func ("/Core/Project/segment-planted", test_segment_planted);
  g_test_add_func ("/Core/Project/segment-empty", test_segment_empty_project);
  g_test_add_func ("/Core/Project/async-and-cancel", test_async_and_cancel);

  return g_test_run ();
}
