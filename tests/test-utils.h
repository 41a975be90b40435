/* test-utils.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-project.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* What the core tests (and the ui tests, for their projects) share: temporary folders, a
 * look into a project's database, the value model, and the generated data with planted
 * shifts of test-drift.c and test-ui-changes.c. */

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                      */

/* Removes path, a file or a folder with all it holds; symbolic links are removed, not
 * followed. */
void    test_remove_tree       (const char *path);
/* A new temporary folder (from a g_dir_make_tmp template) holding the XDG data, cache and
 * config homes, which are set to it: the test keeps out of the user's own. */
char   *test_make_xdg_home     (const char *tmpl);

/* ------------------------------------------------------------------------------------------ */
/* Projects                                                                                   */

/* Runs sql on the project file at path through a connection of its own, as another program
 * (or an older version) would change it; fails the test on an error. */
void    test_exec_sql          (const char *path,
                                const char *sql);
/* The integer in the first column of the first row of sql, which must return a row. */
gint64  test_query_int         (ScStore    *store,
                                const char *sql);
/* Fits the customer-value model, saves it and places the current run on the grid, as the
 * app does after a segmentation. */
void    test_fit_value_model   (ScStore    *store);
/* Imports the orders file @orders (and, unless %NULL, the customer list @customers) into
 * @store with the default options; fails the test on an error. */
void    test_import_files      (ScStore    *store,
                                const char *orders,
                                const char *customers);
/* The same for an orders file alone. */
void    test_import_orders     (ScStore    *store,
                                const char *csv);
/* Imports the orders file @orders (and, unless %NULL, the customer list @customers) with
 * sc_project_import() and the default options, and reloads; fails the test on an error. */
void    test_project_import_files (ScProject  *project,
                                   const char *orders,
                                   const char *customers);
/* The same for an orders file alone. */
void    test_project_import    (ScProject  *project,
                                const char *orders);
/* Segments the project with k fixed (0: chosen) and the other defaults, and reloads it. */
void    test_project_segment_k (ScProject  *project,
                                guint       k);
/* For qsort: doubles in increasing order. */
int     test_compare_double    (const void *a,
                                const void *b);

/* ------------------------------------------------------------------------------------------ */
/* Generated data: four kinds of customer over four years, then a quarter with planted shifts.
 *
 *   VIP      250 customers, an order of ~400 every ~5 days, since the first year
 *   REGULAR  400 customers, an order of ~40 every ~30 days
 *   RARE     400 customers, an order of ~6000 every ~240 days (wholesale)
 *   NEW      300 customers, one order of ~30 in the last 150 days
 *
 * Each customer buys as a Poisson process at its own rate (the kind's rate times a lognormal
 * factor) and spends around its own mean, so recency is stationary for VIP and RARE: their
 * drift is noise.  In the second period (90 days) REGULAR customers buy three times less
 * often (their recency worsens, they stay REGULAR) and NEW_P2 more first-time buyers arrive
 * (NEW grows); VIP and RARE carry on as before.  The kinds are far apart, so four segments
 * recover them; the margins were checked on other seeds (stable segments' PSI stays under
 * 0.13, their size change under 10 %, the planted recency PSI above 0.6). */

enum { VIP, REGULAR, RARE, NEW, N_KINDS };

typedef struct
{
  const char *prefix;   /* of the customer keys: "V0000" */
  guint       n;
  double      gap;      /* mean days between orders; 0: one order only */
  double      spend;
  int         first;    /* first order day, uniform in [first, last) */
  int         last;
} DriftKind;

extern const DriftKind drift_kinds[N_KINDS];

#define PERIOD1_DAYS 1460
#define PERIOD2_DAYS 90
#define NEW_P2       250
#define P2_SLOWDOWN  3.0

/* Writes the two periods as p1.csv and p2.csv into dir; the same every time. */
void    drift_generate         (const char  *dir,
                                char       **p1_path,
                                char       **p2_path);

G_END_DECLS
