/* test-project-data.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the views read through the project (sc-project-data.c) and what its change
 * notifications tell them: the per-customer data of the charts, read in a worker and
 * cancellable, and "changed-parts" saying an edit of a name touched only segment fields. */

#include <glib/gstdio.h>

#include "sc-project.h"
#include "sc-value.h"
#include "test-utils.h"

#define N_REGULARS 40
#define N_ONE_OFFS 80

typedef struct
{
  char      *dir;
  ScProject *project;
} Fixture;

/* Regulars who buy often and much, and one-off buyers: two segments. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *path = NULL;
  ScDay end = sc_day_from_ymd (2025, 6, 30);
  ScRunParams params;
  guint order = 0;

  f->dir = g_dir_make_tmp ("segments-project-data-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_REGULARS + N_ONE_OFFS; i++)
    for (guint j = 0; j < (i < N_REGULARS ? 8u : 1u); j++)
      {
        g_autofree char *day = sc_day_format (end - (i < N_REGULARS ? 2 + 25 * j : 300 + i));

        g_string_append_printf (csv, "O%u,K%03u,%s,%u.00\n", order++, i, day,
                                i < N_REGULARS ? 150 + i * 3 % 50 : 10 + i % 30);
      }
  csv_path = g_build_filename (f->dir, "orders.csv", NULL);
  g_assert_true (g_file_set_contents (csv_path, csv->str, (gssize) csv->len, NULL));

  path = g_build_filename (f->dir, "data.segments", NULL);
  f->project = sc_project_open (path, TRUE, &error);
  g_assert_no_error (error);

  test_project_import (f->project, csv_path);

  sc_run_params_init (&params);
  params.k = 2;
  params.outlier_z = 0;
  g_assert_true (sc_project_segment (f->project, &params, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sc_project_reload (f->project, &error));
  g_assert_nonnull (sc_project_get_run (f->project));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup (sc_project_get_path (f->project));
  g_autofree char *csv_path = g_build_filename (f->dir, "orders.csv", NULL);

  g_clear_object (&f->project);
  g_assert_true (sc_project_delete_files (path, NULL));
  g_unlink (csv_path);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
check_customer_data (Fixture              *f,
                     const ScCustomerData *data)
{
  const ScRun *run = sc_project_get_run (f->project);

  g_assert_nonnull (data);
  g_assert_cmpint (data->run->id, ==, run->id);
  g_assert_cmpuint (data->features->n, ==, N_REGULARS + N_ONE_OFFS);
  g_assert_cmpuint (data->features->n, ==, run->n_customers);
  g_assert_nonnull (data->features->values[SC_FEATURE_RECENCY]);
  g_assert_nonnull (data->features->values[SC_FEATURE_MONETARY]);
  g_assert_nonnull (data->keys);
  g_assert_cmpuint (data->keys->len, ==, data->features->n);
}

static void
test_customer_data (Fixture       *f,
                    gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScCustomerData) data = NULL;
  g_autoptr(ScCustomerData) async_data = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  data = sc_project_load_customer_data (f->project, sc_project_get_run (f->project), NULL,
                                        &error);
  g_assert_no_error (error);
  check_customer_data (f, data);

  sc_project_load_customer_data_async (f->project, sc_project_get_run (f->project), NULL,
                                       on_done, &result);
  async_data = sc_project_load_customer_data_finish (f->project, wait_for (&result), &error);
  g_assert_no_error (error);
  check_customer_data (f, async_data);
  for (guint i = 0; i < data->features->n; i++)
    g_assert_cmpfloat (data->features->values[SC_FEATURE_MONETARY][i], ==,
                       async_data->features->values[SC_FEATURE_MONETARY][i]);
}

static void
test_customer_data_cancel (Fixture       *f,
                           gconstpointer  unused)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  ScCustomerData *data;

  g_cancellable_cancel (cancellable);
  sc_project_load_customer_data_async (f->project, sc_project_get_run (f->project), cancellable,
                                       on_done, &result);
  data = sc_project_load_customer_data_finish (f->project, wait_for (&result), &error);
  g_assert_null (data);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
on_changed_parts (ScProject *project,
                  guint      parts,
                  guint     *out)
{
  *out |= parts;
}

static void
test_changed_parts_of_rename (Fixture       *f,
                              gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  const ScRun *run = sc_project_get_run (f->project);
  guint parts = 0;

  g_signal_connect (f->project, "changed-parts", G_CALLBACK (on_changed_parts), &parts);
  g_assert_true (sc_project_set_segment_field (f->project, run->segments[0].id,
                                               SC_SEGMENT_FIELD_NAME, "Regulars", &error));
  g_assert_no_error (error);
  /* The views keep the customers they read: only the segments' fields changed. */
  g_assert_cmpuint (parts, ==, SC_PROJECT_PART_SEGMENT_FIELDS);
  g_assert_cmpstr (sc_project_get_run (f->project)->segments[0].name, ==, "Regulars");

  parts = 0;
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (parts, ==, SC_PROJECT_PART_SEGMENT_FIELDS);
}

/* A field edit reads the segments again but keeps the run: its labels are not read again
 * (the main thread's cost of an edit does not grow with the customers). A membership edit
 * makes a new run current and is read whole. */
static void
test_edit_keeps_run (Fixture       *f,
                     gconstpointer  unused)
{
  g_autoptr(GError) error = NULL;
  const ScRun *run = sc_project_get_run (f->project);
  const guint16 *labels = run->labels;
  gint64 run_id = run->id;
  g_autoptr(ScSegment) first = NULL;
  g_autofree char *name = NULL;
  const guint positions[] = { 0, 1 };

  g_assert_true (sc_project_set_segment_field (f->project, run->segments[0].id,
                                               SC_SEGMENT_FIELD_NAME, "Regulars", &error));
  g_assert_no_error (error);
  g_assert_true (sc_project_get_run (f->project) == run);
  g_assert_true (sc_project_get_run (f->project)->labels == labels);
  g_assert_cmpstr (run->segments[0].name, ==, "Regulars");
  first = g_list_model_get_item (sc_project_get_segments (f->project), 0);
  g_object_get (first, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Regulars");

  g_assert_true (sc_project_merge_segments (f->project, positions, G_N_ELEMENTS (positions),
                                            &error));
  g_assert_no_error (error);
  /* run is freed now: compare ids, not pointers. */
  g_assert_cmpint (sc_project_get_run (f->project)->id, !=, run_id);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Core/ProjectData/customer-data", Fixture, NULL, fixture_set_up,
              test_customer_data, fixture_tear_down);
  g_test_add ("/Core/ProjectData/customer-data-cancel", Fixture, NULL, fixture_set_up,
              test_customer_data_cancel, fixture_tear_down);
  g_test_add ("/Core/ProjectData/changed-parts-of-rename", Fixture, NULL, fixture_set_up,
              test_changed_parts_of_rename, fixture_tear_down);
  g_test_add ("/Core/ProjectData/edit-keeps-run", Fixture, NULL, fixture_set_up,
              test_edit_keeps_run, fixture_tear_down);

  return g_test_run ();
}
