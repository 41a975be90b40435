/* test-project-utils.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-project.h"
#include "test-utils.h"

G_BEGIN_DECLS

/* What the tests of the ScProject facade share (test-project.c, test-project-ops.c,
 * test-edit.c, test-project-export.c): small projects built from generated data, a bounded
 * wait for an async result, what #ScProject::changed-parts said, and a fingerprint of what
 * a project file holds, to show that a cancelled operation left it alone. */

/* Three planted groups plus, with_giants, three giant accounts, ending on 2025-06-30:
 *   A  60 customers, 10 orders of 100–300, last order 3–7 days before the end
 *   B 150 customers, 3 orders of 30–90, last order ~100 days before the end
 *   C 240 customers, 1 order of 5–80, ~400 days before the end
 *   Z   3 customers, 1 order of 10^12 (outliers)
 * Spends spread within each group, as real ones do, so only the giants stand out.
 * Returns the path of planted.csv in dir. */
char       *test_write_planted        (const char    *dir,
                                       gboolean       with_giants);
/* A later quarter for scoring (later.csv in dir): A buys on, B and C stay away, and 100
 * new customers D000… buy once, 40–80, in the last 30 days (to 2025-09-30). */
char       *test_write_planted_later  (const char    *dir);

/* A new empty project test.segments in a new temporary folder (*dir_out). */
ScProject  *test_project_new          (char         **dir_out);
/* A project with the planted data (with the giants) segmented with k = 3, reloaded. */
ScProject  *test_project_new_planted  (char         **dir_out);
/* Removes dir and the files in it. */
void        test_remove_dir           (const char    *dir);

/* For a GAsyncReadyCallback: stores a reference to the result in *(GAsyncResult **)
 * user_data. */
void        test_on_async_done        (GObject       *source,
                                       GAsyncResult  *result,
                                       gpointer       user_data);
/* Iterates the main context until *result is set; fails the test after 60 s. */
GAsyncResult *test_wait_for           (GAsyncResult **result);

/* Asserts that *error is G_IO_ERROR_CANCELLED, and clears it. */
void        test_assert_cancelled     (GError       **error);

/* What #ScProject::changed-parts reported since test_parts_watch(). */
typedef struct
{
  guint n_emissions;
  guint last;
  guint all;          /* the union */
} TestParts;

void        test_parts_watch          (ScProject     *project,
                                       TestParts     *parts);
void        test_parts_reset          (TestParts     *parts);

/* A g_test_add() fixture: test_project_new_planted() with its changed-parts watched. */
typedef struct
{
  char      *dir;
  ScProject *project;
  TestParts  parts;
} TestProjectFixture;

void        test_project_fixture_setup    (TestProjectFixture *f,
                                           gconstpointer       data);
void        test_project_fixture_teardown (TestProjectFixture *f,
                                           gconstpointer       data);

/* The counts of runs, snapshots, models, imports, segments, the current run and the
 * segments' names and fields, read from the file at path through a connection of its own. */
char       *test_project_fingerprint  (const char    *path);
/* The snapshots of the project. */
guint       test_count_snapshots      (ScProject     *project);

G_END_DECLS
