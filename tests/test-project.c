/* test-project.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-project.h"
#include "sc-value.h"
#include "test-project-utils.h"

static void
test_open_create_reopen (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = test_project_new (&dir);
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
  g_autofree char *csv = NULL;
  g_autoptr(ScProject) project = test_project_new (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree guint16 *first_labels = NULL;
  const ScRun *run;
  ScRunParams params;

  csv = test_write_planted (dir, TRUE);
  test_project_import (project, csv);
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
  g_autoptr(ScProject) project = test_project_new (&dir);
  g_autoptr(GError) error = NULL;
  ScRunParams params;

  sc_run_params_init (&params);
  g_assert_false (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
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
  g_autoptr(ScProject) project = test_project_new (&dir);
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
  options.transactions_path = test_write_planted (dir, FALSE);

  /* Cancelled before it starts: an error, nothing imported. */
  g_cancellable_cancel (cancellable);
  sc_project_import_async (project, &options, job, cancellable, test_on_async_done, &result);
  test_wait_for (&result);
  report = sc_project_import_finish (project, result, &error);
  g_assert_null (report);
  test_assert_cancelled (&error);
  g_clear_object (&result);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 0);
  g_assert_cmpuint (changed, ==, 0);

  sc_project_import_async (project, &options, job, NULL, test_on_async_done, &result);
  test_wait_for (&result);
  report = sc_project_import_finish (project, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_clear_object (&result);
  g_assert_cmpuint (sc_project_get_n_customers (project), ==, 450);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpfloat (sc_job_get_fraction (job), ==, 1.0);

  sc_run_params_init (&params);
  params.k = 3;
  sc_project_segment_async (project, &params, job, NULL, test_on_async_done, &result);
  test_wait_for (&result);
  g_assert_true (sc_project_segment_finish (project, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (sc_project_get_segments (project)), ==, 3);

  sc_import_options_clear (&options);
}

/* ------------------------------------------------------------------------------------------ */
/* Deleting a project                                                                          */

static void
touch (const char *path)
{
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

static void
test_delete_files (void)
{
  static const char *const beside[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other = NULL;
  g_autofree char *blocker = NULL;
  g_autofree char *blocked = NULL;

  /* A real project, closed, with what SQLite keeps beside it. */
  {
    g_autoptr(ScProject) project = test_project_new_planted (&dir);

    path = g_strdup (sc_project_get_path (project));
  }
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < G_N_ELEMENTS (beside); i++)
    {
      g_autofree char *file = g_strconcat (path, beside[i], NULL);

      touch (file);
    }
  other = g_strconcat (path, "-other", NULL);
  touch (other);

  g_assert_true (sc_project_delete_files (path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < G_N_ELEMENTS (beside); i++)
    {
      g_autofree char *file = g_strconcat (path, beside[i], NULL);

      g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
    }
  /* Only the project's own files. */
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  /* Nothing left to delete is no error. */
  g_assert_true (sc_project_delete_files (path, &error));
  g_assert_no_error (error);

  /* A file that cannot be removed (here a folder that is not empty) is an error. */
  blocker = g_strconcat (path, "-wal", NULL);
  g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);
  blocked = g_build_filename (blocker, "inside", NULL);
  touch (blocked);
  g_assert_false (sc_project_delete_files (path, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_DIR));

  g_unlink (blocked);
  g_rmdir (blocker);
  g_unlink (other);
  test_remove_dir (dir);
}

/* ------------------------------------------------------------------------------------------ */
/* Import                                                                                      */

static void
import_options_for (ScImportOptions *options,
                    const char      *path)
{
  sc_import_options_init (options);
  options->transactions_path = g_strdup (path);
}

static void
test_import_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *later = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ScProject) a = test_project_new (&dir_a);
  g_autoptr(ScProject) b = test_project_new (&dir_b);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScImportReport) sync_report = NULL;
  g_autoptr(ScImportReport) async_report = NULL;
  g_autoptr(ScImportReport) none = NULL;
  g_autoptr(ScJob) job = sc_job_new ();
  ScImportOptions options;
  TestParts parts;

  csv = test_write_planted (dir_a, TRUE);
  later = test_write_planted_later (dir_a);
  import_options_for (&options, csv);
  test_parts_watch (b, &parts);

  sync_report = sc_project_import (a, &options, job, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sync_report);
  g_assert_cmpfloat (sc_job_get_fraction (job), ==, 1.0);
  g_assert_cmpuint (sync_report->transactions.rows_accepted, ==, 600 + 450 + 240 + 3);
  g_assert_cmpuint (sync_report->transactions.rows_rejected, ==, 0);
  g_assert_cmpuint (sync_report->project_customers, ==, 453);
  g_assert_cmpuint (sync_report->project_transactions, ==, 1293);
  /* The sync form leaves reloading to its caller. */
  g_assert_cmpuint (sc_project_get_n_customers (a), ==, 0);
  g_assert_true (sc_project_reload (a, &error));
  g_assert_cmpuint (sc_project_get_n_customers (a), ==, 453);

  sc_project_import_async (b, &options, NULL, NULL, test_on_async_done, &result);
  /* The options were copied: the caller may free them at once. */
  sc_import_options_clear (&options);
  async_report = sc_project_import_finish (b, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (async_report);
  g_clear_object (&result);

  g_assert_cmpuint (async_report->transactions.rows_read, ==, sync_report->transactions.rows_read);
  g_assert_cmpuint (async_report->transactions.rows_accepted, ==,
                    sync_report->transactions.rows_accepted);
  g_assert_cmpuint (async_report->transactions.customers, ==, sync_report->transactions.customers);
  g_assert_cmpfloat (async_report->transactions.revenue, ==, sync_report->transactions.revenue);
  g_assert_cmpuint (async_report->project_customers, ==, sync_report->project_customers);
  g_assert_cmpuint (sc_project_get_n_customers (b), ==, 453);
  g_assert_cmpuint (sc_project_get_n_transactions (b), ==, sc_project_get_n_transactions (a));
  g_assert_cmpuint (parts.n_emissions, ==, 1);
  g_assert_cmpuint (parts.last, ==, SC_PROJECT_PART_DATA);

  /* Cancelled before it starts, a second import changes nothing, sync or async. */
  before = test_project_fingerprint (sc_project_get_path (b));
  test_parts_reset (&parts);
  g_cancellable_cancel (cancelled);
  import_options_for (&options, later);
  none = sc_project_import (b, &options, NULL, cancelled, &error);
  g_assert_null (none);
  test_assert_cancelled (&error);

  sc_project_import_async (b, &options, NULL, cancelled, test_on_async_done, &result);
  none = sc_project_import_finish (b, test_wait_for (&result), &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  sc_import_options_clear (&options);

  after = test_project_fingerprint (sc_project_get_path (b));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (parts.n_emissions, ==, 0);
  g_assert_cmpuint (sc_project_get_n_customers (b), ==, 453);

  g_clear_object (&a);
  g_clear_object (&b);
  test_remove_dir (dir_a);
  test_remove_dir (dir_b);
}

/* ------------------------------------------------------------------------------------------ */
/* Segmentation                                                                                */

static void
test_segment_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ScProject) a = test_project_new_planted (&dir_a);
  g_autoptr(ScProject) b = test_project_new_planted (&dir_b);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScJob) job = sc_job_new ();
  const ScRun *ra, *rb;
  gint64 first_run;
  ScRunParams params;
  TestParts parts;

  /* A second segmentation, k = 4 without outliers, in both forms. */
  sc_run_params_init (&params);
  params.k = 4;
  params.outlier_z = 0;
  first_run = sc_project_get_run (b)->id;
  test_parts_watch (b, &parts);

  g_assert_true (sc_project_segment (a, &params, job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (sc_job_get_fraction (job), ==, 1.0);
  g_assert_true (sc_project_reload (a, &error));

  sc_project_segment_async (b, &params, NULL, NULL, test_on_async_done, &result);
  params.k = 2;                 /* copied: the worker must not see this */
  g_assert_true (sc_project_segment_finish (b, test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  ra = sc_project_get_run (a);
  rb = sc_project_get_run (b);
  g_assert_cmpuint (rb->k, ==, 4);
  g_assert_cmpuint (rb->n_segments, ==, 4);
  g_assert_cmpint (rb->id, !=, first_run);
  g_assert_cmpint (rb->id, ==, ra->id);
  g_assert_cmpuint (rb->n_customers, ==, ra->n_customers);
  g_assert_cmpmem (rb->labels, sizeof (guint16) * rb->n_customers,
                   ra->labels, sizeof (guint16) * ra->n_customers);
  for (guint s = 0; s < rb->n_segments; s++)
    {
      g_assert_cmpuint (rb->segments[s].size, ==, ra->segments[s].size);
      g_assert_cmpstr (rb->segments[s].name, ==, ra->segments[s].name);
    }
  g_assert_cmpfloat_with_epsilon (rb->silhouette, ra->silhouette, 1e-12);
  g_assert_cmpuint (g_list_model_get_n_items (sc_project_get_segments (b)), ==, 4);

  /* What changed: the run, who is where, the segments' fields; a re-run keeps a snapshot
   * of what it replaced, and undo of the async form brings the first run back. */
  g_assert_cmpuint (parts.n_emissions, ==, 1);
  g_assert_cmpuint (parts.last, ==, SC_PROJECT_PART_RUN | SC_PROJECT_PART_MEMBERSHIP |
                                    SC_PROJECT_PART_SEGMENT_FIELDS);
  g_assert_cmpuint (test_count_snapshots (b), ==, 1);
  g_assert_cmpint (sc_project_find_snapshot_for_run (b, first_run, &error), >, 0);
  g_assert_true (sc_project_get_can_undo (b));
  g_assert_true (sc_project_undo (b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sc_project_get_run (b)->id, ==, first_run);

  /* Cancelled: no run, no snapshot, the same current run. */
  before = test_project_fingerprint (sc_project_get_path (b));
  test_parts_reset (&parts);
  g_cancellable_cancel (cancelled);
  g_assert_false (sc_project_segment (b, &params, NULL, cancelled, &error));
  test_assert_cancelled (&error);
  sc_project_segment_async (b, &params, NULL, cancelled, test_on_async_done, &result);
  g_assert_false (sc_project_segment_finish (b, test_wait_for (&result), &error));
  test_assert_cancelled (&error);
  after = test_project_fingerprint (sc_project_get_path (b));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (parts.n_emissions, ==, 0);
  g_assert_cmpint (sc_project_get_run (b)->id, ==, first_run);

  g_clear_object (&a);
  g_clear_object (&b);
  test_remove_dir (dir_a);
  test_remove_dir (dir_b);
}

/* ------------------------------------------------------------------------------------------ */
/* Customer value                                                                              */

static void
assert_same_model (const ScPotential *x,
                   const ScPotential *y)
{
  g_assert_cmpuint (x->n, ==, y->n);
  g_assert_cmpint (x->params.until, ==, y->params.until);
  g_assert_cmpfloat (x->bg.r, ==, y->bg.r);
  g_assert_cmpfloat (x->bg.alpha, ==, y->bg.alpha);
  g_assert_cmpfloat (x->bg.a, ==, y->bg.a);
  g_assert_cmpfloat (x->bg.b, ==, y->bg.b);
  g_assert_cmpint (x->has_gg, ==, y->has_gg);
  g_assert_cmpint (x->has_holdout, ==, y->has_holdout);
  for (guint32 c = 0; c < x->n; c++)
    {
      g_assert_cmpint (isnan (x->clv[c]), ==, isnan (y->clv[c]));
      if (!isnan (x->clv[c]))
        g_assert_cmpfloat (x->clv[c], ==, y->clv[c]);
    }
}

static void
test_value_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ScProject) a = test_project_new_planted (&dir_a);
  g_autoptr(ScProject) b = test_project_new_planted (&dir_b);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScJob) job = sc_job_new ();
  g_autoptr(ScPotential) sync_model = NULL;
  g_autoptr(ScPotential) async_model = NULL;
  g_autoptr(ScPotential) holdout = NULL;
  g_autoptr(ScPotential) none = NULL;
  const ScRun *run;
  ScPotentialParams params;
  TestParts parts;
  ScDay last_day = sc_day_from_ymd (2025, 6, 27);

  test_parts_watch (b, &parts);

  sync_model = sc_project_fit_value_model (a, NULL, job, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sync_model);
  g_assert_cmpfloat (sc_job_get_fraction (job), ==, 1.0);
  g_assert_cmpuint (sync_model->n, ==, 453);
  g_assert_true (sync_model->has_gg);
  g_assert_false (sync_model->has_holdout);
  g_assert_cmpint (sync_model->params.until, ==, last_day);
  g_assert_cmpfloat (sync_model->bg.r, >, 0);
  /* The frequent, recent A customers are worth more than the one-time C customers. */
  g_assert_cmpfloat (sync_model->clv[0], >, sync_model->clv[300]);

  sc_project_fit_value_model_async (b, NULL, NULL, NULL, test_on_async_done, &result);
  async_model = sc_project_fit_value_model_finish (b, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (async_model);
  g_clear_object (&result);
  assert_same_model (sync_model, async_model);

  /* The current run is placed on the grid; the async form reloaded the project. */
  g_assert_cmpuint (parts.n_emissions, ==, 1);
  g_assert_cmpuint (parts.last, ==, SC_PROJECT_PART_VALUE_MODEL | SC_PROJECT_PART_SEGMENT_FIELDS);
  run = sc_project_get_run (b);
  for (guint s = 0; s < run->n_segments; s++)
    if (!run->segments[s].is_outliers)
      {
        g_assert_false (isnan (run->segments[s].value));
        g_assert_false (isnan (run->segments[s].potential));
        g_assert_nonnull (run->segments[s].quadrant);
      }
  g_assert_false (isnan (run->value_threshold));
  g_assert_false (isnan (run->potential_threshold));

  /* A holdout check up to the end of March (the CLI's --until) never replaces the model:
   * the predictions are still those of all the data.  On these planted data the purchases
   * up to March cannot determine the model (the drop-out parameters run off to 0 and
   * infinity), so the check is not made, and says why (test-value-today.c checks a holdout
   * that can be made). */
  sc_potential_params_init (&params);
  params.until = sc_day_from_ymd (2025, 3, 31);
  holdout = sc_project_fit_value_model (a, &params, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (holdout);
  g_assert_cmpint (holdout->params.until, ==, last_day);
  assert_same_model (sync_model, holdout);
  g_assert_false (holdout->has_holdout);
  g_assert_cmpint (holdout->holdout_start, ==, params.until);
  g_assert_nonnull (holdout->holdout_note);

  /* Cancelled: no model saved, the segments keep their values. */
  before = test_project_fingerprint (sc_project_get_path (b));
  test_parts_reset (&parts);
  g_cancellable_cancel (cancelled);
  none = sc_project_fit_value_model (b, &params, NULL, cancelled, &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  sc_project_fit_value_model_async (b, &params, NULL, cancelled, test_on_async_done, &result);
  none = sc_project_fit_value_model_finish (b, test_wait_for (&result), &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  g_clear_object (&result);
  sc_project_estimate_potential_async (b, cancelled, test_on_async_done, &result);
  g_assert_false (sc_project_estimate_potential_finish (b, test_wait_for (&result), &error));
  test_assert_cancelled (&error);
  after = test_project_fingerprint (sc_project_get_path (b));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (parts.n_emissions, ==, 0);

  g_clear_object (&a);
  g_clear_object (&b);
  test_remove_dir (dir_a);
  test_remove_dir (dir_b);
}

/* ------------------------------------------------------------------------------------------ */
/* Scoring new data                                                                            */

static guint64
n_segmented (const ScRun *run)
{
  guint64 n = 0;

  for (guint32 i = 0; i < run->n_customers; i++)
    n += run->labels[i] != SC_LABEL_NONE;
  return n;
}

static void
assert_score (ScProject           *project,
              const ScScoreResult *score,
              gint64               before_id)
{
  const ScDrift *drift = score->drift;
  guint64 from = 0, to = 0;

  g_assert_nonnull (score);
  g_assert_cmpint (score->before->id, ==, before_id);
  g_assert_cmpint (score->after->id, !=, before_id);
  g_assert_cmpint (score->after->id, ==, sc_project_get_run (project)->id);
  g_assert_cmpuint (score->before->n_customers, ==, 453);
  g_assert_cmpuint (score->after->n_customers, ==, 553);
  /* The segments stay what people know; only members move. */
  g_assert_cmpuint (score->after->n_segments, ==, score->before->n_segments);
  for (guint s = 0; s < score->after->n_segments; s++)
    g_assert_cmpstr (score->after->segments[s].name, ==, score->before->segments[s].name);
  /* Everyone with orders is placed, the new customers too; A stays with A. */
  g_assert_cmpuint (n_segmented (score->after), ==, 553);
  for (guint32 i = 0; i < 60; i++)
    g_assert_cmpuint (score->after->labels[i], ==, score->before->labels[i]);

  /* The state before is kept, and the drift runs from it to the scored segments. */
  g_assert_cmpint (score->snapshot, >, 0);
  g_assert_cmpint (sc_project_find_snapshot_for_run (project, before_id, NULL), ==,
                   score->snapshot);
  g_assert_nonnull (drift);
  g_assert_cmpint (drift->from_id, ==, score->snapshot);
  g_assert_cmpint (drift->to_id, ==, 0);
  g_assert_cmpuint (drift->n_from, ==, score->before->n_segments);
  g_assert_cmpuint (drift->n_to, ==, score->after->n_segments);
  for (guint s = 0; s < drift->n_segments; s++)
    {
      from += drift->segments[s].size_from;
      to += drift->segments[s].size_to;
    }
  g_assert_cmpuint (from, ==, n_segmented (score->before));
  g_assert_cmpuint (to, ==, 553);
}

static void
test_score (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_a = NULL;
  g_autofree char *dir_b = NULL;
  g_autofree char *dir_c = NULL;
  g_autofree char *later = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ScProject) a = test_project_new_planted (&dir_a);
  g_autoptr(ScProject) b = test_project_new_planted (&dir_b);
  g_autoptr(ScProject) c = test_project_new (&dir_c);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScJob) job = sc_job_new ();
  g_autoptr(ScScoreResult) sync_score = NULL;
  g_autoptr(ScScoreResult) async_score = NULL;
  g_autoptr(ScScoreResult) none = NULL;
  gint64 run_a, run_b;
  TestParts parts;

  /* Without segments there is nothing to score against. */
  csv = test_write_planted (dir_c, FALSE);
  test_project_import (c, csv);
  none = sc_project_score (c, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  sc_project_score_async (c, NULL, NULL, test_on_async_done, &result);
  none = sc_project_score_finish (c, test_wait_for (&result), &error);
  g_assert_null (none);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  g_clear_object (&result);

  later = test_write_planted_later (dir_a);
  test_project_import (a, later);
  test_project_import (b, later);
  run_a = sc_project_get_run (a)->id;
  run_b = sc_project_get_run (b)->id;
  g_assert_cmpuint (test_count_snapshots (a), ==, 0);

  sync_score = sc_project_score (a, job, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (sc_job_get_fraction (job), ==, 1.0);
  g_assert_true (sc_project_reload (a, &error));
  assert_score (a, sync_score, run_a);
  g_assert_cmpuint (test_count_snapshots (a), ==, 1);
  g_assert_false (sc_project_get_run_is_stale (a));

  test_parts_watch (b, &parts);
  sc_project_score_async (b, NULL, NULL, test_on_async_done, &result);
  async_score = sc_project_score_finish (b, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  assert_score (b, async_score, run_b);
  g_assert_cmpuint (parts.n_emissions, ==, 1);
  g_assert_cmpuint (parts.last, ==, SC_PROJECT_PART_RUN | SC_PROJECT_PART_MEMBERSHIP |
                                    SC_PROJECT_PART_SEGMENT_FIELDS | SC_PROJECT_PART_SNAPSHOTS);

  /* The same in both forms. */
  g_assert_cmpint (async_score->after->id, ==, sync_score->after->id);
  g_assert_cmpint (async_score->snapshot, ==, sync_score->snapshot);
  g_assert_cmpmem (async_score->after->labels, sizeof (guint16) * 553,
                   sync_score->after->labels, sizeof (guint16) * 553);
  g_assert_cmpuint (async_score->drift->n_segments, ==, sync_score->drift->n_segments);
  g_assert_cmpuint (async_score->drift->n_flagged, ==, sync_score->drift->n_flagged);
  for (guint s = 0; s < sync_score->drift->n_segments; s++)
    {
      const ScSegmentDrift *x = &sync_score->drift->segments[s];
      const ScSegmentDrift *y = &async_score->drift->segments[s];

      g_assert_cmpuint (y->size_to, ==, x->size_to);
      g_assert_cmpuint (y->flags, ==, x->flags);
      g_assert_cmpfloat_with_epsilon (y->centroid_shift, x->centroid_shift, 1e-12);
    }

  /* Cancelled: no new run, no snapshot, the scored run stays current. */
  before = test_project_fingerprint (sc_project_get_path (b));
  test_parts_reset (&parts);
  g_cancellable_cancel (cancelled);
  none = sc_project_score (b, NULL, cancelled, &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  sc_project_score_async (b, NULL, cancelled, test_on_async_done, &result);
  none = sc_project_score_finish (b, test_wait_for (&result), &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  after = test_project_fingerprint (sc_project_get_path (b));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (parts.n_emissions, ==, 0);
  g_assert_cmpint (sc_project_get_run (b)->id, ==, async_score->after->id);

  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_object (&c);
  test_remove_dir (dir_a);
  test_remove_dir (dir_b);
  test_remove_dir (dir_c);
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
  g_test_add_func ("/Core/Project/delete-files", test_delete_files);
  g_test_add_func ("/Core/Project/import-async", test_import_async);
  g_test_add_func ("/Core/Project/segment-async", test_segment_async);
  g_test_add_func ("/Core/Project/value-model", test_value_model);
  g_test_add_func ("/Core/Project/score", test_score);

  return g_test_run ();
}
