/* test-project-lifecycle.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The facade's calls for comparing states, carry-over and finding customers, sync and
 * async, including a cancelled one. */

#include <glib/gstdio.h>

#include "sc-project.h"
#include "sc-value.h"
#include "test-utils.h"

/* 120 customers in two clear groups: frequent big spenders and one-off small ones. */
static char *
write_orders (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  char *path = g_build_filename (dir, "orders.csv", NULL);
  ScDay end = sc_day_from_ymd (2025, 6, 30);
  guint order = 0;

  for (guint i = 0; i < 40; i++)
    for (guint j = 0; j < 8; j++)
      {
        g_autofree char *d = sc_day_format (end - 2 - (i % 5) - 25 * j);
        g_string_append_printf (csv, "O%u,A%03u,%s,%u.00\n", order++, i, d,
                                150 + (i * 31 + j * 7) % 150);
      }
  for (guint i = 0; i < 80; i++)
    {
      g_autofree char *d = sc_day_format (end - 300 - (i % 20));
      g_string_append_printf (csv, "O%u,B%03u,%s,%u.00\n", order++, i, d, 5 + (i * 13) % 40);
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

/* A project with data, segmented in two. */
static ScProject *
new_segmented_project (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-lifecycle-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *orders = NULL;
  ScProject *project;

  g_assert_no_error (error);
  path = g_build_filename (dir, "test.segments", NULL);
  project = sc_project_open (path, TRUE, &error);
  g_assert_no_error (error);

  orders = write_orders (dir);
  test_project_import (project, orders);
  test_project_segment_k (project, 2);
  g_assert_nonnull (sc_project_get_run (project));

  *dir_out = g_steal_pointer (&dir);
  return project;
}

static void
remove_project (ScProject  *project,
                const char *dir)
{
  g_autofree char *csv = g_build_filename (dir, "orders.csv", NULL);

  g_assert_true (sc_project_delete_files (sc_project_get_path (project), NULL));
  g_unlink (csv);
  g_rmdir (dir);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Waits for an async call, at most 60 s. */
static void
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*result == NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_nonnull (*result);
}

static void
test_compare (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = new_segmented_project (&dir);
  g_autoptr(ScComparison) none = NULL;
  g_autoptr(ScComparison) same = NULL;
  g_autoptr(ScComparison) done = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  /* No snapshots yet: only the list, and why. */
  none = sc_project_compare (project, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (none);
  g_assert_cmpint (none->status, ==, SC_COMPARISON_NO_SNAPSHOTS);
  g_assert_true (none->has_run);
  g_assert_cmpuint (none->infos->len, ==, 0);
  g_assert_null (none->drift);

  id = sc_project_take_snapshot (project, "First", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  same = sc_project_compare (project, id, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (same->status, ==, SC_COMPARISON_SAME_STATE);
  g_assert_cmpuint (same->infos->len, ==, 1);

  /* The latest snapshot against the current segments, in a worker; a deleted snapshot
   * falls back to the defaults. */
  sc_project_compare_async (project, id + 100, 0, NULL, on_done, &result);
  wait_for (&result);
  done = sc_project_compare_finish (project, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->status, ==, SC_COMPARISON_DONE);
  g_assert_cmpint (done->from_id, ==, id);
  g_assert_cmpint (done->to_id, ==, 0);
  g_assert_nonnull (done->from);
  g_assert_nonnull (done->to);
  g_assert_nonnull (done->drift);
  g_assert_nonnull (done->impact);
  g_assert_cmpuint (done->drift->n_flagged, ==, 0);

  remove_project (project, dir);
}

static void
test_compare_cancelled (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = new_segmented_project (&dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ScComparison) comparison = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sc_project_take_snapshot (project, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  sc_project_compare_async (project, 0, 0, cancellable, on_done, &result);
  wait_for (&result);
  comparison = sc_project_compare_finish (project, result, &error);
  g_assert_null (comparison);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  remove_project (project, dir);
}

static void
test_carry_over (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = new_segmented_project (&dir);
  g_autoptr(ScCarryOver) sync = NULL;
  g_autoptr(ScCarryOver) async = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const ScRun *run = sc_project_get_run (project);

  sync = sc_project_load_carry_over (project, run->id, &error);
  g_assert_no_error (error);

  sc_project_load_carry_over_async (project, run->id, NULL, on_done, &result);
  wait_for (&result);
  async = sc_project_load_carry_over_finish (project, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (async);
  g_assert_nonnull (sync);
  g_assert_cmpint (async->previous_run, ==, sync->previous_run);
  g_assert_cmpuint (async->n_segments, ==, sync->n_segments);
  g_assert_cmpuint (async->n_segments, ==, run->n_segments);

  remove_project (project, dir);
}

static void
test_find_customer (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = new_segmented_project (&dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(GError) error = NULL;
  guint32 expected = G_MAXUINT32, customer = G_MAXUINT32;

  g_assert_true (sc_project_find_customer (project, "B007", &expected, &error));
  g_assert_no_error (error);

  sc_project_find_customer_async (project, "B007", NULL, on_done, &result);
  wait_for (&result);
  g_assert_true (sc_project_find_customer_finish (project, result, &customer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (customer, ==, expected);

  sc_project_find_customer_async (project, "nobody", NULL, on_done, &missing);
  wait_for (&missing);
  g_assert_false (sc_project_find_customer_finish (project, missing, &customer, &error));
  g_assert_nonnull (error);

  remove_project (project, dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/ProjectLifecycle/compare", test_compare);
  g_test_add_func ("/Core/ProjectLifecycle/compare-cancelled", test_compare_cancelled);
  g_test_add_func ("/Core/ProjectLifecycle/carry-over", test_carry_over);
  g_test_add_func ("/Core/ProjectLifecycle/find-customer", test_find_customer);

  return g_test_run ();
}
