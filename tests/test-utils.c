/* test-utils.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>

#include "sc-importer.h"
#include "sc-potential.h"
#include "sc-rng.h"
#include "sc-run.h"
#include "sc-store-private.h"
#include "sc-value.h"
#include "test-utils.h"

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                      */

void
test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }
    }
  g_remove (path);
}

char *
test_make_xdg_home (const char *tmpl)
{
  static const char *vars[] = { "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME" };
  g_autoptr(GError) error = NULL;
  char *tmp = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (tmp, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (vars[i], dir, TRUE);
    }
  return tmp;
}

/* ------------------------------------------------------------------------------------------ */
/* Projects                                                                                   */

void
test_exec_sql (const char *path,
               const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

gint64
test_query_int (ScStore    *store,
                const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_true (_sc_store_prepare (store, sql, &stmt, NULL));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

void
test_import_files (ScStore    *store,
                   const char *orders,
                   const char *customers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (orders);
  options.customers_path = g_strdup (customers);
  report = sc_import (store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

void
test_import_orders (ScStore    *store,
                    const char *csv)
{
  test_import_files (store, csv, NULL);
}

void
test_project_import_files (ScProject  *project,
                           const char *orders,
                           const char *customers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (orders);
  options.customers_path = g_strdup (customers);
  report = sc_project_import (project, &options, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_true (sc_project_reload (project, &error));
}

void
test_project_import (ScProject  *project,
                     const char *orders)
{
  test_project_import_files (project, orders, NULL);
}

void
test_project_segment_k (ScProject *project,
                        guint      k)
{
  g_autoptr(GError) error = NULL;
  ScRunParams params;

  sc_run_params_init (&params);
  params.k = k;
  g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sc_project_reload (project, &error));
}

void
test_fit_value_model (ScStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPotential) potential = NULL;
  g_autoptr(ScRun) run = NULL;
  ScPotentialParams params;

  sc_potential_params_init (&params);
  potential = sc_potential_fit (store, &params, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sc_potential_save (store, potential, &error));
  run = sc_run_load_current (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_true (sc_run_apply_potential (store, run, potential, &error));
  g_assert_no_error (error);
}

int
test_compare_double (const void *a,
                     const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* ------------------------------------------------------------------------------------------ */
/* Generated data                                                                             */

const DriftKind drift_kinds[N_KINDS] = {
  [VIP]     = { "V", 250, 5, 400, 0, 300 },
  [REGULAR] = { "R", 400, 30, 40, 0, 500 },
  [RARE]    = { "B", 400, 240, 6000, 0, 500 },
  [NEW]     = { "N", 300, 0, 30, 1460 - 150, 1460 },
};

static double
gauss (ScRng *rng)
{
  double u = MAX (sc_rng_double (rng), 1e-300), v = sc_rng_double (rng);

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

typedef struct
{
  GString *p1;
  GString *p2;
  guint    order;
  ScDay    day0;
} Gen;

static void
add_order (Gen        *g,
           GString    *out,
           const char *key,
           int         day,
           double      amount)
{
  g_autofree char *date = sc_day_format (g->day0 + day);
  char num[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, "O%06u,%s,%s,%s\n", g->order++, key, date,
                          g_ascii_formatd (num, sizeof num, "%.2f", amount));
}

/* p2_slowdown: how many times longer the gaps are in the second period. */
static void
generate_customer (Gen        *g,
                   ScRng      *rng,
                   guint       kind,
                   const char *key,
                   int         first,
                   double      p2_slowdown)
{
  double rate_factor = exp (0.35 * gauss (rng));
  double spend = drift_kinds[kind].spend * exp (0.3 * gauss (rng));
  double t = first;

  while (t < PERIOD1_DAYS + PERIOD2_DAYS)
    {
      GString *out = t < PERIOD1_DAYS ? g->p1 : g->p2;
      double gap;

      add_order (g, out, key, (int) t, spend * exp (0.25 * gauss (rng)));
      if (drift_kinds[kind].gap == 0)
        break;
      /* Memoryless: from the period boundary on, the slower rate applies. */
      gap = -log (MAX (sc_rng_double (rng), 1e-300)) * drift_kinds[kind].gap / rate_factor;
      if (t + gap >= PERIOD1_DAYS && t < PERIOD1_DAYS)
        gap = PERIOD1_DAYS - t + (t + gap - PERIOD1_DAYS) * p2_slowdown;
      else if (t >= PERIOD1_DAYS)
        gap *= p2_slowdown;
      t += gap;
    }
}

void
drift_generate (const char  *dir,
                char       **p1_path,
                char       **p2_path)
{
  Gen g = { g_string_new ("order_id,customer_id,order_date,amount\n"),
            g_string_new ("order_id,customer_id,order_date,amount\n"), 0,
            sc_day_from_ymd (2021, 1, 1) };
  ScRng rng;

  sc_rng_init (&rng, 20260401);
  for (guint k = 0; k < N_KINDS; k++)
    for (guint i = 0; i < drift_kinds[k].n; i++)
      {
        g_autofree char *key = g_strdup_printf ("%s%04u", drift_kinds[k].prefix, i);
        int first = drift_kinds[k].first +
                    (int) (sc_rng_double (&rng) * (drift_kinds[k].last - drift_kinds[k].first));

        generate_customer (&g, &rng, k, key, first, k == REGULAR ? P2_SLOWDOWN : 1.0);
      }
  for (guint i = 0; i < NEW_P2; i++)
    {
      g_autofree char *key = g_strdup_printf ("N%04u", drift_kinds[NEW].n + i);
      int first = PERIOD1_DAYS + (int) (sc_rng_double (&rng) * PERIOD2_DAYS);

      generate_customer (&g, &rng, NEW, key, first, 1.0);
    }

  *p1_path = g_build_filename (dir, "p1.csv", NULL);
  *p2_path = g_build_filename (dir, "p2.csv", NULL);
  g_assert_true (g_file_set_contents (*p1_path, g.p1->str, (gssize) g.p1->len, NULL));
  g_assert_true (g_file_set_contents (*p2_path, g.p2->str, (gssize) g.p2->len, NULL));
  g_string_free (g.p1, TRUE);
  g_string_free (g.p2, TRUE);
}
