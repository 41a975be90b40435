/* test-edit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-potential.h"
#include "sc-project.h"
#include "sc-value.h"
#include "test-utils.h"
#include "test-project-utils.h"

typedef struct
{
  char      *dir;
  char      *path;
  ScProject *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *orders = NULL;
  ScRunParams params;

  f->dir = g_dir_make_tmp ("segments-edit-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "edit.segments", NULL);
  f->project = sc_project_open (f->path, TRUE, &error);
  g_assert_no_error (error);

  orders = test_write_planted (f->dir, FALSE);
  test_project_import (f->project, orders);

  sc_run_params_init (&params);
  params.k = 3;
  params.outlier_z = 0;
  g_assert_true (sc_project_segment (f->project, &params, NULL, NULL, &error));
  g_assert_true (sc_project_reload (f->project, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->project);
  g_free (f->path);
  g_free (f->dir);
}

static const ScSegmentInfo *
segment (ScProject *project,
         guint      position)
{
  const ScRun *run = sc_project_get_run (project);

  g_assert_nonnull (run);
  g_assert_cmpuint (position, <, run->n_segments);
  return &run->segments[position];
}

static ScProject *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ScProject *again = sc_project_open (f->path, FALSE, &error);

  g_assert_no_error (error);
  return again;
}

static void
test_rename_and_fields (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) again = NULL;
  gint64 id = segment (f->project, 0)->id;

  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_NAME,
                                               "  Loyal high spenders  ", &error));
  g_assert_no_error (error);
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_OWNER,
                                               "Dana (CS)", &error));
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_SERVICE_TIER,
                                               "high", &error));
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_TACTICS,
                                               "Quarterly review\nEarly access", &error));
  g_assert_true (sc_project_set_segment_field (f->project, id,
                                               SC_SEGMENT_FIELD_QUADRANT_OVERRIDE, "invest",
                                               &error));
  g_assert_cmpstr (segment (f->project, 0)->name, ==, "Loyal high spenders");
  g_assert_cmpstr (segment (f->project, 0)->owner, ==, "Dana (CS)");
  g_assert_cmpstr (sc_segment_info_get_quadrant (segment (f->project, 0)), ==, "invest");

  /* Bad values are refused with a message for people, and change nothing. */
  g_assert_false (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_NAME, "  ",
                                                &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (sc_project_set_segment_field (f->project, segment (f->project, 1)->id,
                                                SC_SEGMENT_FIELD_NAME, "LOYAL HIGH SPENDERS",
                                                &error));
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);
  g_assert_false (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_NAME,
                                                "A name that is far too long to be a segment "
                                                "name anyone would read", &error));
  g_clear_error (&error);
  g_assert_false (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_SERVICE_TIER,
                                                "platinum", &error));
  g_clear_error (&error);
  g_assert_cmpstr (segment (f->project, 0)->service_tier, ==, "high");

  /* Saved at once: another connection sees every edit. */
  again = reopen (f);
  g_assert_cmpstr (sc_project_get_run (again)->segments[0].name, ==, "Loyal high spenders");
  g_assert_cmpstr (sc_project_get_run (again)->segments[0].tactics, ==,
                   "Quarterly review\nEarly access");
  g_assert_cmpstr (sc_project_get_run (again)->segments[0].quadrant_override, ==, "invest");
}

static void
test_undo_redo_fields (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = segment (f->project, 1)->id;
  g_autofree char *original = g_strdup (segment (f->project, 1)->name);

  g_assert_false (sc_project_get_can_undo (f->project));
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_NAME, "Regulars",
                                               &error));
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_OWNER, "Sam",
                                               &error));
  g_assert_cmpstr (sc_project_get_undo_label (f->project), ==, "Owner Change");

  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_null (segment (f->project, 1)->owner);
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_cmpstr (segment (f->project, 1)->name, ==, original);
  g_assert_false (sc_project_get_can_undo (f->project));
  g_assert_true (sc_project_get_can_redo (f->project));

  g_assert_true (sc_project_redo (f->project, &error));
  g_assert_cmpstr (segment (f->project, 1)->name, ==, "Regulars");
  g_assert_no_error (error);

  /* A new edit clears what could be redone. */
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_DESCRIPTION,
                                               "Three orders a year", &error));
  g_assert_false (sc_project_get_can_redo (f->project));
}

static void
test_priority (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) again = NULL;

  /* Initially by position: 1, 2, 3. Move the third to the top. */
  g_assert_cmpuint (segment (f->project, 2)->priority, ==, 3);
  g_assert_true (sc_project_set_segment_priority (f->project, segment (f->project, 2)->id, 1,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (segment (f->project, 2)->priority, ==, 1);
  g_assert_cmpuint (segment (f->project, 0)->priority, ==, 2);
  g_assert_cmpuint (segment (f->project, 1)->priority, ==, 3);

  again = reopen (f);
  g_assert_cmpuint (sc_project_get_run (again)->segments[2].priority, ==, 1);

  g_assert_false (sc_project_set_segment_priority (f->project, segment (f->project, 0)->id, 9,
                                                   &error));
  g_clear_error (&error);

  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_cmpuint (segment (f->project, 2)->priority, ==, 3);
  g_assert_cmpuint (segment (f->project, 0)->priority, ==, 1);
}

static void
test_merge_split_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) again = NULL;
  guint both[] = { 1, 2 };
  guint64 size1 = segment (f->project, 1)->size;
  guint64 size2 = segment (f->project, 2)->size;
  g_autofree char *name_of_larger = g_strdup (size1 >= size2 ? segment (f->project, 1)->name
                                                             : segment (f->project, 2)->name);
  const ScRun *run;

  g_assert_true (sc_project_set_segment_field (f->project, segment (f->project, 0)->id,
                                               SC_SEGMENT_FIELD_OWNER, "Dana", &error));
  g_assert_true (sc_project_merge_segments (f->project, both, 2, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (f->project);
  g_assert_cmpuint (run->n_segments, ==, 2);
  g_assert_cmpuint (run->segments[1].size, ==, size1 + size2);
  g_assert_cmpstr (run->segments[1].name, ==, name_of_larger);
  /* Fields of untouched segments survive. */
  g_assert_cmpstr (run->segments[0].owner, ==, "Dana");
  g_assert_cmpstr (sc_project_get_undo_label (f->project), ==, "Merge Segments");

  again = reopen (f);
  g_assert_cmpuint (sc_project_get_run (again)->n_segments, ==, 2);
  g_clear_object (&again);

  /* Split the merged segment again: two segments, sizes add up. */
  g_assert_true (sc_project_split_segment (f->project, 1, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (f->project);
  g_assert_cmpuint (run->n_segments, ==, 3);
  g_assert_cmpuint (run->segments[1].size + run->segments[2].size, ==, size1 + size2);
  g_assert_cmpstr (run->segments[1].name, !=, run->segments[2].name);
  g_assert_cmpuint (run->segments[2].priority, ==, 3);

  /* Undo both: back to the original three, with their sizes. */
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_true (sc_project_undo (f->project, &error));
  run = sc_project_get_run (f->project);
  g_assert_cmpuint (run->n_segments, ==, 3);
  g_assert_cmpuint (run->segments[1].size, ==, size1);
  g_assert_cmpuint (run->segments[2].size, ==, size2);

  again = reopen (f);
  g_assert_cmpuint (sc_project_get_run (again)->segments[2].size, ==, size2);
  g_clear_object (&again);

  g_assert_true (sc_project_redo (f->project, &error));
  g_assert_cmpuint (sc_project_get_run (f->project)->n_segments, ==, 2);

  /* Nonsense is refused. */
  g_assert_false (sc_project_merge_segments (f->project, both, 1, &error));
  g_clear_error (&error);
  g_assert_false (sc_project_split_segment (f->project, 7, &error));
  g_clear_error (&error);
}

static void
test_move_customer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const ScRun *run = sc_project_get_run (f->project);
  guint32 who = 0;
  guint from = run->labels[0];
  guint to = (from + 1) % run->n_segments;
  guint64 from_size = run->segments[from].size, to_size = run->segments[to].size;

  g_assert_true (sc_project_move_customers (f->project, &who, 1, to, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (f->project);
  g_assert_cmpuint (run->labels[0], ==, to);
  g_assert_cmpuint (run->segments[from].size, ==, from_size - 1);
  g_assert_cmpuint (run->segments[to].size, ==, to_size + 1);

  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_cmpuint (sc_project_get_run (f->project)->labels[0], ==, from);
}

static void
test_fold_outliers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-edit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "o.segments", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "o.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("customer_id,order_date,amount\n");
  g_autoptr(ScProject) project = sc_project_open (path, TRUE, &error);
  const ScRun *run;
  guint n_customers;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (csv, "C%u,2025-0%u-1%u,%u\n", i, 1 + i % 6, i % 10, 10 + (i * 7) % 90);
  g_string_append (csv, "BIG1,2025-03-03,90000000\nBIG2,2025-04-04,80000000\n");
  g_assert_true (g_file_set_contents (csv_path, csv->str, -1, NULL));

  test_project_import (project, csv_path);
  test_project_segment_k (project, 2);
  run = sc_project_get_run (project);
  g_assert_true (run->segments[run->n_segments - 1].is_outliers);
  n_customers = 0;
  for (guint s = 0; s < run->n_segments; s++)
    n_customers += run->segments[s].size;

  g_assert_true (sc_project_fold_outliers (project, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (project);
  g_assert_cmpuint (run->n_segments, ==, 2);
  g_assert_false (run->segments[0].is_outliers);
  g_assert_false (run->segments[1].is_outliers);
  g_assert_cmpuint (run->segments[0].size + run->segments[1].size, ==, n_customers);

  g_assert_false (sc_project_fold_outliers (project, &error));
  g_clear_error (&error);
  g_assert_true (sc_project_undo (project, &error));
  g_assert_true (sc_project_get_run (project)->segments[2].is_outliers);
}

/* Fits the customer-value model and places the current run on the grid, as the app does. */
static void
place_on_grid (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (f->path, FALSE, &error);

  g_assert_no_error (error);
  test_fit_value_model (store);
  g_assert_true (sc_project_reload (f->project, &error));
}

static void
test_thresholds (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) again = NULL;
  const ScRun *run;
  double value_median, potential_median, low_value, high_value;
  guint top = 0, bottom = 0;

  /* Without value and potential there is nothing to divide. */
  g_assert_false (sc_project_set_thresholds (f->project, 10, 10, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  g_assert_false (sc_project_get_can_undo (f->project));

  place_on_grid (f);
  run = sc_project_get_run (f->project);
  value_median = run->value_threshold;
  potential_median = run->potential_threshold;
  g_assert_true (isfinite (value_median) && isfinite (potential_median));
  for (guint s = 0; s < run->n_segments; s++)
    {
      if (run->segments[s].value > run->segments[top].value)
        top = s;
      if (run->segments[s].value < run->segments[bottom].value)
        bottom = s;
    }
  g_assert_cmpuint (top, !=, bottom);

  /* Every segment at or above a threshold below the lowest value is high value. */
  low_value = run->segments[bottom].value;
  g_assert_true (sc_project_set_thresholds (f->project, low_value, potential_median, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (f->project);
  g_assert_cmpfloat (run->value_threshold, ==, low_value);
  g_assert_cmpfloat (run->potential_threshold, ==, potential_median);
  for (guint s = 0; s < run->n_segments; s++)
    {
      const char *q = run->segments[s].quadrant;

      g_assert_true (g_strcmp0 (q, "invest") == 0 || g_strcmp0 (q, "keep") == 0);
    }
  g_assert_cmpstr (sc_project_get_undo_label (f->project), ==, "Threshold Change");

  /* Above the highest value: nobody is. An override stands whatever the dividers. */
  high_value = run->segments[top].value * 2 + 1;
  g_assert_true (sc_project_set_segment_field (f->project, run->segments[top].id,
                                               SC_SEGMENT_FIELD_QUADRANT_OVERRIDE, "invest",
                                               &error));
  g_assert_true (sc_project_set_thresholds (f->project, high_value, potential_median, &error));
  run = sc_project_get_run (f->project);
  for (guint s = 0; s < run->n_segments; s++)
    {
      const char *q = run->segments[s].quadrant;

      g_assert_true (g_strcmp0 (q, "grow") == 0 || g_strcmp0 (q, "maintain") == 0);
    }
  g_assert_cmpstr (sc_segment_info_get_quadrant (&run->segments[top]), ==, "invest");

  /* Saved at once. */
  again = reopen (f);
  g_assert_cmpfloat (sc_project_get_run (again)->value_threshold, ==, high_value);
  g_clear_object (&again);

  /* NAN is the default again: the medians. */
  g_assert_true (sc_project_set_thresholds (f->project, NAN, NAN, &error));
  run = sc_project_get_run (f->project);
  g_assert_cmpfloat_with_epsilon (run->value_threshold, value_median, 1e-9);
  g_assert_cmpfloat_with_epsilon (run->potential_threshold, potential_median, 1e-9);
  g_assert_cmpstr (run->segments[top].quadrant, ==,
                   run->segments[top].potential >= potential_median ? "invest" : "keep");

  /* Undo walks back through the three threshold changes and the override. */
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_cmpfloat (sc_project_get_run (f->project)->value_threshold, ==, high_value);
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (f->project);
  g_assert_cmpfloat_with_epsilon (run->value_threshold, value_median, 1e-9);
  g_assert_null (run->segments[top].quadrant_override);
  g_assert_cmpstr (run->segments[top].quadrant, ==,
                   run->segments[top].potential >= potential_median ? "invest" : "keep");
}

/* The planted groups: which position holds which group, by their order counts. */
static guint
position_of_group (const ScRun *run,
                   double       frequency)
{
  for (guint s = 0; s < run->n_segments; s++)
    if (fabs (run->segments[s].frequency - frequency) < 0.5)
      return s;
  g_assert_not_reached ();
}

static void
test_describe_run (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (f->path, FALSE, &error);
  g_autoptr(ScRunDetails) details = NULL;
  const ScRun *run = sc_project_get_run (f->project);
  guint a = position_of_group (run, 10), b = position_of_group (run, 3);
  guint c = position_of_group (run, 1);
  const ScSegmentDetails *da, *dc;

  g_assert_no_error (error);
  details = sc_edit_describe_run (store, run, 3, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (details);
  g_assert_cmpint (details->run, ==, run->id);
  g_assert_cmpuint (details->n_segments, ==, 3);
  da = &details->segments[a];
  dc = &details->segments[c];

  /* Orders: A 10 each, B 3, C 1; all customers (60·10 + 150·3 + 240) / 450. */
  g_assert_cmpfloat_with_epsilon (da->mean[SC_FEATURE_FREQUENCY], 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (details->segments[b].mean[SC_FEATURE_FREQUENCY], 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dc->mean[SC_FEATURE_FREQUENCY], 1.0, 1e-9);
  for (guint s = 0; s < 3; s++)
    g_assert_cmpfloat_with_epsilon (details->segments[s].all_mean[SC_FEATURE_FREQUENCY],
                                    1290.0 / 450.0, 1e-9);
  /* No model yet: no CLV. */
  g_assert_true (isnan (da->mean[SC_FEATURE_CLV]));

  /* What sets A apart includes its orders, at 10 / 2.87 = 3.49 times the average. */
  g_assert_cmpuint (da->n_top_features, >, 0);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < da->n_top_features; i++)
      if (da->top_features[i].feature == SC_FEATURE_FREQUENCY)
        {
          found = TRUE;
          g_assert_cmpfloat_with_epsilon (da->top_features[i].ratio, 10.0 * 450 / 1290, 1e-9);
        }
    g_assert_true (found);
  }
  g_assert_cmpuint (da->n_top_categories, ==, 0);

  /* Three typical members each, from the right group, the same ones every time. */
  for (guint s = 0; s < 3; s++)
    {
      const ScSegmentDetails *d = &details->segments[s];
      char group = s == a ? 'A' : s == b ? 'B' : 'C';

      g_assert_cmpuint (d->n_examples, ==, 3);
      for (guint e = 0; e < 3; e++)
        {
          g_assert_cmpuint (run->labels[d->examples[e].customer], ==, s);
          g_assert_cmpint (d->examples[e].key[0], ==, group);
          g_assert_cmpfloat (d->examples[e].frequency, ==, s == a ? 10 : s == b ? 3 : 1);
        }
    }
  /* C's members differ only in the day (10 values) and amount; the most typical one has a
   * recency near the group's middle: 395..404 days before the end, plus one. */
  g_assert_cmpfloat (dc->examples[0].recency, >=, 396);
  g_assert_cmpfloat (dc->examples[0].recency, <=, 405);
  {
    g_autoptr(ScRunDetails) again = sc_edit_describe_run (store, run, 3, NULL, &error);

    for (guint e = 0; e < 3; e++)
      g_assert_cmpstr (again->segments[a].examples[e].key, ==, da->examples[e].key);
  }

  /* With the model, CLV and P(alive) are described too. */
  place_on_grid (f);
  g_clear_pointer (&details, sc_run_details_free);
  details = sc_edit_describe_run (store, sc_project_get_run (f->project), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (isfinite (details->segments[a].mean[SC_FEATURE_CLV]));
  g_assert_true (isfinite (details->segments[a].all_mean[SC_FEATURE_P_ALIVE]));
  g_assert_cmpuint (details->segments[a].n_examples, ==, 0);

  /* A cancelled description is an error, not a half-filled result. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(ScRunDetails) none = NULL;

    g_cancellable_cancel (cancellable);
    none = sc_edit_describe_run (store, sc_project_get_run (f->project), 3, cancellable, &error);
    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
test_find_customer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (f->path, FALSE, &error);
  g_autoptr(GPtrArray) keys = NULL;
  guint32 id = G_MAXUINT32;

  g_assert_true (sc_store_load_customer_keys (store, &keys, &error));
  g_assert_true (sc_edit_find_customer (store, " B007 ", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (id, <, keys->len);
  g_assert_cmpstr (g_ptr_array_index (keys, id), ==, "B007");

  g_assert_false (sc_edit_find_customer (store, "Z999", &id, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "Z999"));
  g_clear_error (&error);
  g_assert_false (sc_edit_find_customer (store, "", &id, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
}

static void
test_reshape_async (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScProject) again = NULL;
  guint both[] = { 0, 2 };
  const ScRun *run = sc_project_get_run (f->project);
  gint64 first_run = run->id;
  guint64 size0 = run->segments[0].size, size2 = run->segments[2].size;
  guint32 customer;

  sc_project_reshape_async (f->project, SC_RESHAPE_MERGE, both, 2, NULL, 0, NULL,
                            test_on_async_done, &result);
  /* While it runs the project is busy: other edits and undo wait. */
  g_assert_true (sc_project_get_busy (f->project));
  g_assert_false (sc_project_set_segment_field (f->project, run->segments[1].id,
                                                SC_SEGMENT_FIELD_OWNER, "Sam", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (sc_project_reshape_finish (f->project, test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_false (sc_project_get_busy (f->project));

  run = sc_project_get_run (f->project);
  g_assert_cmpint (run->id, !=, first_run);
  g_assert_cmpuint (run->n_segments, ==, 2);
  g_assert_true (run->segments[0].size == size0 + size2 ||
                 run->segments[1].size == size0 + size2);
  g_assert_cmpstr (sc_project_get_undo_label (f->project), ==, "Merge Segments");
  again = reopen (f);
  g_assert_cmpuint (sc_project_get_run (again)->n_segments, ==, 2);
  g_clear_object (&again);

  /* Split it again, move a customer, then undo all three. */
  sc_project_reshape_async (f->project, SC_RESHAPE_SPLIT, (guint[]) { 0 }, 1, NULL, 0, NULL,
                            test_on_async_done, &result);
  g_assert_true (sc_project_reshape_finish (f->project, test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (sc_project_get_run (f->project)->n_segments, ==, 3);

  customer = 0;
  run = sc_project_get_run (f->project);
  {
    guint to = (run->labels[customer] + 1) % run->n_segments;

    sc_project_reshape_async (f->project, SC_RESHAPE_MOVE_CUSTOMERS, &to, 1, &customer, 1,
                              NULL, test_on_async_done, &result);
    g_assert_true (sc_project_reshape_finish (f->project, test_wait_for (&result), &error));
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_cmpuint (sc_project_get_run (f->project)->labels[customer], ==, to);
  }

  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sc_project_get_run (f->project)->id, ==, first_run);

  /* Refused edits report why and change nothing. */
  sc_project_reshape_async (f->project, SC_RESHAPE_MERGE, both, 1, NULL, 0, NULL,
                            test_on_async_done, &result);
  g_assert_false (sc_project_reshape_finish (f->project, test_wait_for (&result), &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_clear_object (&result);
  sc_project_reshape_async (f->project, SC_RESHAPE_FOLD_OUTLIERS, NULL, 0, NULL, 0, NULL,
                            test_on_async_done, &result);
  g_assert_false (sc_project_reshape_finish (f->project, test_wait_for (&result), &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpint (sc_project_get_run (f->project)->id, ==, first_run);
  g_assert_false (sc_project_get_busy (f->project));

  /* Cancelled before it could finish: nothing changes and nothing is to be undone. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_assert_true (sc_project_redo (f->project, &error));
    g_assert_true (sc_project_undo (f->project, &error));
    g_cancellable_cancel (cancellable);
    sc_project_reshape_async (f->project, SC_RESHAPE_SPLIT, (guint[]) { 1 }, 1, NULL, 0,
                              cancellable, test_on_async_done, &result);
    g_assert_false (sc_project_reshape_finish (f->project, test_wait_for (&result), &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_object (&result);
    g_assert_cmpint (sc_project_get_run (f->project)->id, ==, first_run);
    g_assert_cmpuint (sc_project_get_run (f->project)->n_segments, ==, 3);
    again = reopen (f);
    g_assert_cmpint (sc_project_get_run (again)->id, ==, first_run);
    g_assert_true (sc_project_get_can_redo (f->project));
  }
}

static void
test_rerun_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const ScRun *run = sc_project_get_run (f->project);
  gint64 first_run = run->id;
  ScRunParams params;

  sc_run_params_init (&params);
  params.k = 2;
  params.outlier_z = 0;
  sc_project_segment_async (f->project, &params, NULL, NULL, test_on_async_done, &result);
  g_assert_true (sc_project_segment_finish (f->project, test_wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sc_project_get_run (f->project)->n_segments, ==, 2);
  g_assert_cmpstr (sc_project_get_undo_label (f->project), ==, "Re-run");

  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_cmpint (sc_project_get_run (f->project)->id, ==, first_run);
  g_assert_cmpuint (sc_project_get_run (f->project)->n_segments, ==, 3);
  g_assert_true (sc_project_redo (f->project, &error));
  g_assert_cmpuint (sc_project_get_run (f->project)->n_segments, ==, 2);
}

static void
test_estimate_potential (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ScProject) again = NULL;
  const ScRun *run = sc_project_get_run (f->project);

  g_assert_true (isnan (run->segments[0].potential));
  g_assert_true (isnan (run->value_threshold));

  /* Cancelled: nothing is placed. */
  g_cancellable_cancel (cancellable);
  sc_project_estimate_potential_async (f->project, cancellable, test_on_async_done, &result);
  g_assert_false (sc_project_estimate_potential_finish (f->project, test_wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_true (isnan (sc_project_get_run (f->project)->segments[0].potential));

  sc_project_estimate_potential_async (f->project, NULL, test_on_async_done, &result);
  g_assert_true (sc_project_estimate_potential_finish (f->project, test_wait_for (&result), &error));
  g_assert_no_error (error);
  run = sc_project_get_run (f->project);
  g_assert_true (isfinite (run->value_threshold));
  g_assert_true (isfinite (run->potential_threshold));
  for (guint s = 0; s < run->n_segments; s++)
    {
      g_assert_true (isfinite (run->segments[s].value));
      g_assert_true (isfinite (run->segments[s].potential));
      g_assert_nonnull (run->segments[s].quadrant);
    }
  /* Not an edit. */
  g_assert_false (sc_project_get_can_undo (f->project));

  /* Kept in the file, and used by later edits of the segments. */
  again = reopen (f);
  g_assert_true (isfinite (sc_project_get_run (again)->segments[0].potential));
  g_clear_object (&again);
  g_assert_true (sc_project_split_segment (f->project, 0, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (f->project);
  g_assert_true (isfinite (run->segments[run->n_segments - 1].potential));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/Core/Edit/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("rename-and-fields", test_rename_and_fields);
  ADD ("undo-redo-fields", test_undo_redo_fields);
  ADD ("priority", test_priority);
  ADD ("merge-split-undo", test_merge_split_undo);
  ADD ("move-customer", test_move_customer);
  ADD ("thresholds", test_thresholds);
  ADD ("describe-run", test_describe_run);
  ADD ("find-customer", test_find_customer);
  ADD ("reshape-async", test_reshape_async);
  ADD ("rerun-undo", test_rerun_undo);
  ADD ("estimate-potential", test_estimate_potential);
#undef ADD
  g_test_add_func ("/Core/Edit/fold-outliers", test_fold_outliers);

  return g_test_run ();
}
