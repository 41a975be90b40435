/* test-project-ops.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The ScProject operations that keep segments alive and read them: snapshots, drift, the
 * description of a run, per-customer data, and what edits say they changed. Each async form
 * gives what its sync form gives, and a cancelled one leaves the project file alone
 * (test-project.c does the same for import, segmentation, value model and scoring). */

#include <math.h>
#include <string.h>

#include "sc-project.h"
#include "test-project-utils.h"

typedef TestProjectFixture Fixture;

/* ------------------------------------------------------------------------------------------ */
/* Snapshots                                                                                   */

static void
test_snapshots (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScJob) job = sc_job_new ();
  g_autoptr(GArray) infos = NULL;
  g_autoptr(ScSnapshot) snapshot = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const ScRun *run;
  const ScSnapshotInfo *info;
  gint64 first, second, third;

  first = sc_project_take_snapshot (f->project, "Q2 plan", job, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpfloat (sc_job_get_fraction (job), ==, 1.0);

  sc_project_take_snapshot_async (f->project, NULL, NULL, NULL, test_on_async_done, &result);
  second = sc_project_take_snapshot_finish (f->project, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (second, >, first);
  g_clear_object (&result);
  g_assert_cmpuint (f->parts.n_emissions, ==, 1);
  g_assert_cmpuint (f->parts.last, ==, SC_PROJECT_PART_SNAPSHOTS);
  /* The finish reloaded the project. */
  run = sc_project_get_run (f->project);

  infos = sc_project_list_snapshots (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 2);
  info = &g_array_index (infos, ScSnapshotInfo, 0);
  g_assert_cmpint (info->id, ==, first);
  g_assert_cmpstr (info->label, ==, "Q2 plan");
  g_assert_cmpint (info->run, ==, run->id);
  g_assert_false (info->auto_taken);
  g_assert_cmpuint (info->n_segments, ==, run->n_segments);
  g_assert_cmpuint (info->n_segmented, ==, 453);
  info = &g_array_index (infos, ScSnapshotInfo, 1);
  g_assert_cmpint (info->id, ==, second);
  g_assert_true (g_str_has_prefix (info->label, "Snapshot "));
  g_clear_pointer (&infos, g_array_unref);

  /* Both freeze the same state. */
  snapshot = sc_project_load_snapshot (f->project, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshot->n_customers, ==, run->n_customers);
  g_assert_cmpmem (snapshot->labels, sizeof (guint16) * snapshot->n_customers,
                   run->labels, sizeof (guint16) * run->n_customers);
  g_assert_cmpint (sc_project_find_snapshot_for_run (f->project, run->id, &error), ==, second);

  /* Deleting, sync and async; an unknown id is an error. */
  third = sc_project_take_snapshot (f->project, "third", NULL, NULL, &error);
  g_assert_cmpint (third, >, second);
  g_assert_true (sc_project_delete_snapshot (f->project, first, &error));
  g_assert_no_error (error);
  g_assert_false (sc_project_delete_snapshot (f->project, first, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  test_parts_reset (&f->parts);
  sc_project_delete_snapshot_async (f->project, second, NULL, test_on_async_done, &result);
  g_assert_true (sc_project_delete_snapshot_finish (f->project, test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (f->parts.n_emissions, ==, 1);
  g_assert_cmpuint (f->parts.last, ==, SC_PROJECT_PART_SNAPSHOTS);
  infos = sc_project_list_snapshots (f->project, &error);
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_cmpint (g_array_index (infos, ScSnapshotInfo, 0).id, ==, third);

  /* Cancelled: nothing taken, nothing deleted. */
  before = test_project_fingerprint (sc_project_get_path (f->project));
  test_parts_reset (&f->parts);
  g_cancellable_cancel (cancelled);
  g_assert_cmpint (sc_project_take_snapshot (f->project, "no", NULL, cancelled, &error), ==, 0);
  test_assert_cancelled (&error);
  sc_project_take_snapshot_async (f->project, "no", NULL, cancelled, test_on_async_done, &result);
  g_assert_cmpint (sc_project_take_snapshot_finish (f->project, test_wait_for (&result), &error),
                   ==, 0);
  test_assert_cancelled (&error);
  g_clear_object (&result);
  sc_project_delete_snapshot_async (f->project, third, cancelled, test_on_async_done, &result);
  g_assert_false (sc_project_delete_snapshot_finish (f->project, test_wait_for (&result), &error));
  test_assert_cancelled (&error);
  after = test_project_fingerprint (sc_project_get_path (f->project));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (test_count_snapshots (f->project), ==, 1);
  g_assert_cmpuint (f->parts.n_emissions, ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Drift                                                                                       */

static void
assert_same_drift (const ScDrift *x,
                   const ScDrift *y)
{
  g_assert_cmpint (x->from_id, ==, y->from_id);
  g_assert_cmpint (x->to_id, ==, y->to_id);
  g_assert_cmpuint (x->n_segments, ==, y->n_segments);
  g_assert_cmpuint (x->n_flagged, ==, y->n_flagged);
  g_assert_cmpuint (x->n_from, ==, y->n_from);
  g_assert_cmpuint (x->n_to, ==, y->n_to);
  g_assert_cmpmem (x->matrix, sizeof (guint64) * (x->n_from + 1) * (x->n_to + 1),
                   y->matrix, sizeof (guint64) * (y->n_from + 1) * (y->n_to + 1));
  for (guint s = 0; s < x->n_segments; s++)
    {
      g_assert_cmpuint (x->segments[s].size_from, ==, y->segments[s].size_from);
      g_assert_cmpuint (x->segments[s].size_to, ==, y->segments[s].size_to);
      g_assert_cmpuint (x->segments[s].flags, ==, y->segments[s].flags);
      g_assert_cmpfloat_with_epsilon (x->segments[s].centroid_shift,
                                      y->segments[s].centroid_shift, 1e-12);
    }
}

static void
test_drift (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScJob) job = sc_job_new ();
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(ScDrift) sync_drift = NULL;
  g_autoptr(ScDrift) async_drift = NULL;
  g_autoptr(ScDrift) none = NULL;
  g_autoptr(ScScoreResult) score = NULL;
  g_autofree char *later = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint64 moved = 0, total = 0, joined = 0;
  gint64 first;

  /* A plan frozen now; then a quarter of new data, scored against the segments. */
  first = sc_project_take_snapshot (f->project, "plan", NULL, NULL, &error);
  g_assert_cmpint (first, >, 0);
  later = test_write_planted_later (f->dir);
  test_project_import (f->project, later);
  score = sc_project_score (f->project, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sc_project_reload (f->project, &error));

  test_parts_reset (&f->parts);

  /* From the plan to now: the current segments, captured but not saved. */
  g_assert_true (sc_project_load_drift_pair (f->project, first, 0, &from, &to, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from->id, ==, first);
  g_assert_cmpuint (from->n_customers, ==, 453);
  g_assert_cmpint (to->id, ==, 0);
  g_assert_cmpint (to->run, ==, sc_project_get_run (f->project)->id);
  g_assert_cmpuint (to->n_customers, ==, 553);

  sync_drift = sc_project_compute_drift (f->project, first, 0, job, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sync_drift);
  g_assert_cmpfloat (sc_job_get_fraction (job), ==, 1.0);
  g_assert_cmpint (sync_drift->from_id, ==, first);
  g_assert_cmpint (sync_drift->to_id, ==, 0);
  /* Scoring keeps A, B and C where they were; the 100 new customers joined. */
  for (guint i = 0; i <= sync_drift->n_from; i++)
    for (guint j = 0; j <= sync_drift->n_to; j++)
      {
        guint64 n = sync_drift->matrix[i * (sync_drift->n_to + 1) + j];

        if (i == sync_drift->n_from)
          joined += n;
        else
          {
            total += n;
            if (sync_drift->to_match[i] != (int) j)
              moved += n;
          }
      }
  g_assert_cmpuint (moved, ==, 0);
  g_assert_cmpuint (joined, ==, 100);
  g_assert_cmpuint (total, ==, 453);

  sc_project_compute_drift_async (f->project, first, 0, NULL, NULL, test_on_async_done, &result);
  async_drift = sc_project_compute_drift_finish (f->project, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  assert_same_drift (sync_drift, async_drift);
  /* Reading is no change. */
  g_assert_cmpuint (f->parts.n_emissions, ==, 0);

  /* A snapshot that does not exist. */
  none = sc_project_compute_drift (f->project, first + 1000, 0, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_nonnull (error);
  g_clear_error (&error);

  before = test_project_fingerprint (sc_project_get_path (f->project));
  g_cancellable_cancel (cancelled);
  none = sc_project_compute_drift (f->project, first, 0, NULL, cancelled, &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  sc_project_compute_drift_async (f->project, first, 0, NULL, cancelled, test_on_async_done,
                                  &result);
  none = sc_project_compute_drift_finish (f->project, test_wait_for (&result), &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  after = test_project_fingerprint (sc_project_get_path (f->project));
  g_assert_cmpstr (after, ==, before);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */

static void
assert_same_details (const ScRunDetails *x,
                     const ScRunDetails *y)
{
  g_assert_cmpint (x->run, ==, y->run);
  g_assert_cmpuint (x->n_segments, ==, y->n_segments);
  for (guint s = 0; s < x->n_segments; s++)
    {
      g_assert_cmpuint (x->segments[s].n_examples, ==, y->segments[s].n_examples);
      for (guint e = 0; e < x->segments[s].n_examples; e++)
        g_assert_cmpstr (x->segments[s].examples[e].key, ==, y->segments[s].examples[e].key);
      for (guint k = 0; k < SC_FEATURE_CLV; k++)
        g_assert_cmpfloat (x->segments[s].mean[k], ==, y->segments[s].mean[k]);
    }
}

static void
test_describe_run (Fixture       *f,
                   gconstpointer  data)
{
  static const char groups[] = "ABCZ";
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScRunDetails) sync_details = NULL;
  g_autoptr(ScRunDetails) async_details = NULL;
  g_autoptr(ScRunDetails) none = NULL;
  g_autoptr(ScRun) copy = sc_run_copy (sc_project_get_run (f->project));

  sync_details = sc_project_describe_run (f->project, copy, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sync_details->run, ==, copy->id);
  g_assert_cmpuint (sync_details->n_segments, ==, 4);
  /* Segments by mean spend: A, B, C, then the giants; examples come from their own group. */
  for (guint s = 0; s < 4; s++)
    {
      const ScSegmentDetails *d = &sync_details->segments[s];

      g_assert_cmpuint (d->n_examples, ==, 3);
      for (guint e = 0; e < d->n_examples; e++)
        g_assert_cmpint (d->examples[e].key[0], ==, groups[s]);
    }
  g_assert_cmpfloat (sync_details->segments[0].mean[SC_FEATURE_FREQUENCY], ==, 10.0);
  g_assert_cmpfloat (sync_details->segments[2].mean[SC_FEATURE_FREQUENCY], ==, 1.0);

  /* The run is copied before the worker starts. */
  sc_project_describe_run_async (f->project, copy, 3, NULL, test_on_async_done, &result);
  g_clear_pointer (&copy, sc_run_free);
  async_details = sc_project_describe_run_finish (f->project, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  assert_same_details (sync_details, async_details);

  g_cancellable_cancel (cancelled);
  none = sc_project_describe_run (f->project, sc_project_get_run (f->project), 3, cancelled,
                                  &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  sc_project_describe_run_async (f->project, sc_project_get_run (f->project), 3, cancelled,
                                 test_on_async_done, &result);
  none = sc_project_describe_run_finish (f->project, test_wait_for (&result), &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->parts.n_emissions, ==, 0);
}

static void
test_customer_data (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScCustomerData) sync_data = NULL;
  g_autoptr(ScCustomerData) async_data = NULL;
  g_autoptr(ScCustomerData) modelled = NULL;
  g_autoptr(ScCustomerData) none = NULL;
  g_autoptr(ScPotential) potential = NULL;
  g_autoptr(ScRun) old = sc_run_copy (sc_project_get_run (f->project));
  g_autofree char *later = NULL;
  const ScRun *run = sc_project_get_run (f->project);

  sync_data = sc_project_load_customer_data (f->project, run, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sync_data->run->id, ==, run->id);
  g_assert_true (sync_data->run != run);
  g_assert_cmpuint (sync_data->features->n, ==, 453);
  g_assert_cmpint (sync_data->features->as_of, ==, run->params.as_of);
  g_assert_nonnull (sync_data->keys);
  g_assert_cmpuint (sync_data->keys->len, ==, 453);
  g_assert_cmpstr (g_ptr_array_index (sync_data->keys, 0), ==, "A000");
  g_assert_cmpfloat (sync_data->features->values[SC_FEATURE_FREQUENCY][0], ==, 10.0);
  g_assert_cmpfloat (sync_data->features->values[SC_FEATURE_FREQUENCY][452], ==, 1.0);
  /* No value model yet. */
  g_assert_true (sync_data->features->values[SC_FEATURE_CLV] == NULL ||
                 isnan (sync_data->features->values[SC_FEATURE_CLV][0]));

  sc_project_load_customer_data_async (f->project, run, NULL, test_on_async_done, &result);
  async_data = sc_project_load_customer_data_finish (f->project, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (async_data->features->n, ==, sync_data->features->n);
  for (guint k = 0; k < SC_FEATURE_CLV; k++)
    if (sync_data->features->values[k] != NULL)
      g_assert_cmpmem (async_data->features->values[k], sizeof (double) * 453,
                       sync_data->features->values[k], sizeof (double) * 453);
  for (guint i = 0; i < 453; i++)
    g_assert_cmpstr (g_ptr_array_index (async_data->keys, i), ==,
                     g_ptr_array_index (sync_data->keys, i));

  /* With a value model of the current data, CLV and P(alive) come along. */
  potential = sc_project_fit_value_model (f->project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  modelled = sc_project_load_customer_data (f->project, run, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (modelled->features->values[SC_FEATURE_CLV]);
  g_assert_nonnull (modelled->features->values[SC_FEATURE_P_ALIVE]);
  g_assert_cmpfloat (modelled->features->values[SC_FEATURE_CLV][0], ==, potential->clv[0]);

  g_cancellable_cancel (cancelled);
  none = sc_project_load_customer_data (f->project, run, cancelled, &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  sc_project_load_customer_data_async (f->project, run, cancelled, test_on_async_done, &result);
  none = sc_project_load_customer_data_finish (f->project, test_wait_for (&result), &error);
  g_assert_null (none);
  test_assert_cancelled (&error);

  /* A run that does not cover the project's customers any more. */
  later = test_write_planted_later (f->dir);
  test_project_import (f->project, later);
  none = sc_project_load_customer_data (f->project, old, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
}

/* ------------------------------------------------------------------------------------------ */
/* What edits say they changed                                                                 */

#define RESHAPED (SC_PROJECT_PART_RUN | SC_PROJECT_PART_MEMBERSHIP | \
                  SC_PROJECT_PART_SEGMENT_FIELDS)

static void
test_edit_parts (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScPotential) potential = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;
  const ScRun *run = sc_project_get_run (f->project);
  gint64 segment = run->segments[0].id;
  gint64 first_run = run->id;
  const guint merge[] = { 1, 2 };

  g_assert_true (sc_project_set_segment_field (f->project, segment, SC_SEGMENT_FIELD_NAME,
                                               "Loyal", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->parts.n_emissions, ==, 1);
  g_assert_cmpuint (f->parts.last, ==, SC_PROJECT_PART_SEGMENT_FIELDS);
  g_assert_cmpstr (sc_project_get_run (f->project)->segments[0].name, ==, "Loyal");

  test_parts_reset (&f->parts);
  g_assert_true (sc_project_set_segment_priority (f->project, segment, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->parts.last, ==, SC_PROJECT_PART_SEGMENT_FIELDS);

  potential = sc_project_fit_value_model (f->project, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sc_project_reload (f->project, &error));
  test_parts_reset (&f->parts);
  g_assert_true (sc_project_set_thresholds (f->project, 10, 20, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->parts.n_emissions, ==, 1);
  g_assert_cmpuint (f->parts.last, ==, SC_PROJECT_PART_SEGMENT_FIELDS);

  test_parts_reset (&f->parts);
  g_assert_true (sc_project_merge_segments (f->project, merge, G_N_ELEMENTS (merge), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->parts.n_emissions, ==, 1);
  g_assert_cmpuint (f->parts.last, ==, RESHAPED);
  g_assert_cmpint (sc_project_get_run (f->project)->id, !=, first_run);

  /* Undo and redo say what the edit they move says. */
  test_parts_reset (&f->parts);
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_cmpuint (f->parts.last, ==, RESHAPED);
  g_assert_cmpint (sc_project_get_run (f->project)->id, ==, first_run);
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_cmpuint (f->parts.last, ==, SC_PROJECT_PART_SEGMENT_FIELDS);
  g_assert_true (sc_project_redo (f->project, &error));
  g_assert_cmpuint (f->parts.last, ==, SC_PROJECT_PART_SEGMENT_FIELDS);
  g_assert_cmpuint (f->parts.n_emissions, ==, 3);

  /* The async reshape, cancelled before it starts: no new run, no undo step. */
  label = g_strdup (sc_project_get_undo_label (f->project));
  g_assert_nonnull (label);
  before = test_project_fingerprint (sc_project_get_path (f->project));
  g_cancellable_cancel (cancelled);
  sc_project_reshape_async (f->project, SC_RESHAPE_SPLIT, merge, 1, NULL, 0, cancelled,
                            test_on_async_done, &result);
  g_assert_true (sc_project_get_busy (f->project));
  g_assert_false (sc_project_reshape_finish (f->project, test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (sc_project_get_busy (f->project));
  after = test_project_fingerprint (sc_project_get_path (f->project));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sc_project_get_run (f->project)->id, ==, first_run);
  g_assert_cmpstr (sc_project_get_undo_label (f->project), ==, label);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, test_project_fixture_setup, func, test_project_fixture_teardown)
  ADD ("/Core/Project/snapshots", test_snapshots);
  ADD ("/Core/Project/drift", test_drift);
  ADD ("/Core/Project/describe-run", test_describe_run);
  ADD ("/Core/Project/customer-data", test_customer_data);
  ADD ("/Core/Project/edit-parts", test_edit_parts);
#undef ADD

  return g_test_run ();
}
