/* test-snapshot-kind.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A snapshot keeps each segment's kind (segment, top accounts, anomalies), so the top
 * accounts of a frozen state do not read as an ordinary segment; snapshots taken before kinds
 * were stored get theirs from the segments row they were frozen from, else from is_outliers.
 * The data: Pareto spend (α = 1.16, which gives top accounts) with a few customers whose
 * returns exceed their purchases (anomalies), seeded. */

#include <glib/gstdio.h>
#include <math.h>

#include "sc-importer.h"
#include "sc-rerun.h"
#include "sc-snapshot.h"
#include "test-utils.h"

#define N_CUSTOMERS 2000
#define N_NEGATIVE  6

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
write_orders (const char *csv,
              guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) out = g_string_new ("order_id,customer_id,order_date,amount\n");
  guint order = 0;

  for (guint c = 0; c < N_CUSTOMERS; c++)
    {
      guint n = 1 + (guint) g_rand_int_range (rand, 0, 6);
      double spend = 50.0 * pow (1.0 - g_rand_double (rand), -1.0 / 1.16);

      for (guint j = 0; j < n; j++)
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_dmy (&date, 1, 1, 2024);
          g_date_add_days (&date, (guint) g_rand_int_range (rand, 0, 700));
          g_string_append_printf (out, "O%u,C%04u,%04u-%02u-%02u,%.2f\n", order++, c,
                                  g_date_get_year (&date), g_date_get_month (&date),
                                  g_date_get_day (&date), spend / n);
        }
    }
  /* Returns above purchases: net spend below zero. */
  for (guint c = 0; c < N_NEGATIVE; c++)
    {
      g_string_append_printf (out, "O%u,R%02u,2025-01-10,80.00\nO%u,R%02u,2025-02-10,-400.00\n",
                              order, c, order + 1, c);
      order += 2;
    }
  g_assert_true (g_file_set_contents (csv, out->str, -1, NULL));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScImportReport) report = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autofree char *csv = NULL;
  ScImportOptions options;
  ScRunParams params;

  f->dir = g_dir_make_tmp ("segments-snapshot-kind-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "kinds.segments", NULL);
  csv = g_build_filename (f->dir, "orders.csv", NULL);
  write_orders (csv, 11);

  store = sc_store_open (f->path, TRUE, &error);
  g_assert_no_error (error);
  sc_import_options_init (&options);
  options.transactions_path = g_strdup (csv);
  report = sc_import (store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);

  sc_run_params_init (&params);
  params.k = 3;
  params.n_resamples = 0;
  run = sc_run_segment (store, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The current run has a segment of each kind; positions of the two set-apart groups. */
static void
check_kinds_present (const ScRun *run)
{
  guint n[SC_N_SEGMENT_KINDS] = { 0 };

  for (guint s = 0; s < run->n_segments; s++)
    n[run->segments[s].kind]++;
  g_assert_cmpuint (n[SC_SEGMENT_KIND_SEGMENT], ==, 3);
  g_assert_cmpuint (n[SC_SEGMENT_KIND_TOP_ACCOUNTS], ==, 1);
  g_assert_cmpuint (n[SC_SEGMENT_KIND_ANOMALIES], ==, 1);
}

static void
assert_same_kinds (const ScRun      *run,
                   const ScSnapshot *snap)
{
  g_assert_cmpuint (snap->n_segments, ==, run->n_segments);
  for (guint s = 0; s < snap->n_segments; s++)
    {
      const ScSnapshotSegment *x = &snap->segments[s];

      g_assert_cmpuint (x->position, ==, run->segments[s].position);
      g_assert_cmpint (x->kind, ==, run->segments[s].kind);
      g_assert_cmpint (x->is_outliers, ==, x->kind == SC_SEGMENT_KIND_ANOMALIES);
    }
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (f->path, FALSE, &error);
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScSnapshot) snap = NULL;
  gint64 id;

  g_assert_no_error (error);
  run = sc_run_load_current (store, &error);
  g_assert_no_error (error);
  check_kinds_present (run);

  id = sc_snapshot_take (store, "kinds", NULL, &error);
  g_assert_no_error (error);
  snap = sc_snapshot_load (store, id, &error);
  g_assert_no_error (error);
  assert_same_kinds (run, snap);
}

/* A snapshot taken before kinds were stored: the migration takes them from the segments row
 * when it is there, else from is_outliers (top accounts then read as a segment). */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = NULL;
  gint64 id, orphan;

  {
    g_autoptr(ScStore) store = sc_store_open (f->path, FALSE, &error);

    g_assert_no_error (error);
    run = sc_run_load_current (store, &error);
    g_assert_no_error (error);
    id = sc_snapshot_take (store, "kept", NULL, &error);
    g_assert_no_error (error);
    orphan = sc_snapshot_take (store, "orphan", NULL, &error);
    g_assert_no_error (error);
  }
  {
    /* The schema as it was just before the snapshot kinds (7 → 8 in sc-store.c), without
     * what later migrations add. */
    g_autofree char *sql = g_strdup_printf ("ALTER TABLE snapshot_segments DROP COLUMN kind;"
                                            "DROP TABLE brief; DROP TABLE brief_kpis;"
                                            "DROP TABLE brief_stakeholders;"
                                            "ALTER TABLE transaction_chunks DROP COLUMN cost;"
                                            "DROP TABLE rules; DROP TABLE attribute_conflicts;"
                                            "DROP TABLE interaction_chunks;"
                                            "DROP TABLE sources;"
                                            "ALTER TABLE runs DROP COLUMN data_version;"
                                            /* Both freeze the same run on the same data: the
                                             * second, a delta of the first, was its copy. */
                                            "UPDATE snapshots SET (labels, customer_features, "
                                            "revenue, orders) = (SELECT b.labels, "
                                            "b.customer_features, b.revenue, b.orders FROM "
                                            "snapshots b WHERE b.id = snapshots.base) "
                                            "WHERE base IS NOT NULL;"
                                            "ALTER TABLE snapshots DROP COLUMN base;"
                                            "UPDATE snapshot_segments SET segment = NULL "
                                            "WHERE snapshot = %" G_GINT64_FORMAT ";"
                                            "PRAGMA user_version = 7;",
                                            orphan);
    test_exec_sql (f->path, sql);
  }
  {
    g_autoptr(ScStore) store = sc_store_open (f->path, FALSE, &error);
    g_autoptr(ScSnapshot) kept = NULL;
    g_autoptr(ScSnapshot) old = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (test_query_int (store, "PRAGMA user_version"), ==, SC_STORE_SCHEMA_VERSION);
    kept = sc_snapshot_load (store, id, &error);
    g_assert_no_error (error);
    assert_same_kinds (run, kept);

    old = sc_snapshot_load (store, orphan, &error);
    g_assert_no_error (error);
    for (guint s = 0; s < old->n_segments; s++)
      g_assert_cmpint (old->segments[s].kind, ==,
                       run->segments[s].kind == SC_SEGMENT_KIND_ANOMALIES
                       ? SC_SEGMENT_KIND_ANOMALIES : SC_SEGMENT_KIND_SEGMENT);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Core/SnapshotKind/round-trip", Fixture, NULL, fixture_setup, test_round_trip,
              fixture_teardown);
  g_test_add ("/Core/SnapshotKind/migration", Fixture, NULL, fixture_setup, test_migration,
              fixture_teardown);
  return g_test_run ();
}
