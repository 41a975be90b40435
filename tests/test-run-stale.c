/* test-run-stale.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A run is stale when data was imported after it was made.  Runs carry the project's data
 * version (the imports so far) rather than being compared by timestamps, which read to the
 * second and so took an import in the same second as the run for an older one.  Runs made
 * before the version was stored get one that keeps the answer the timestamps gave. */

#include "test-project-utils.h"
#include "test-utils.h"

static ScProject *
reopen (ScProject *project)
{
  g_autofree char *path = g_strdup (sc_project_get_path (project));
  g_autoptr(GError) error = NULL;
  ScProject *again;

  g_object_unref (project);
  again = sc_project_open (path, FALSE, &error);
  g_assert_no_error (error);
  return again;
}

/* An import stamped with the very second the run was made is still after it. */
static void
test_same_second (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = test_project_new_planted (&dir);
  g_autofree char *later = test_write_planted_later (dir);
  g_autofree char *path = g_strdup (sc_project_get_path (project));

  g_assert_false (sc_project_get_run_is_stale (project));
  test_project_import (project, later);
  g_assert_true (sc_project_get_run_is_stale (project));

  /* The same second, as a fast machine makes it; the answer does not move. */
  test_exec_sql (path, "UPDATE imports SET imported_at = "
                       "(SELECT created_at FROM runs WHERE is_current)");
  project = reopen (project);
  g_assert_true (sc_project_get_run_is_stale (project));

  /* Segmenting the data again is up to date, in the same second or not. */
  test_project_segment_k (project, 3);
  g_assert_false (sc_project_get_run_is_stale (project));
  test_exec_sql (path, "UPDATE runs SET created_at = (SELECT max(imported_at) FROM imports)");
  project = reopen (project);
  g_assert_false (sc_project_get_run_is_stale (project));

  test_remove_dir (dir);
}

/* A project from before the version was stored: each run counts the imports no later than
 * itself, so a run made before the last import stays stale and a later one does not. */
static void
test_migrated (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = test_project_new_planted (&dir);
  g_autofree char *later = test_write_planted_later (dir);
  g_autofree char *path = g_strdup (sc_project_get_path (project));

  test_project_import (project, later);
  g_clear_object (&project);

  for (guint stale = 0; stale < 2; stale++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = g_strdup_printf (
        "ALTER TABLE runs DROP COLUMN data_version;"
        "ALTER TABLE snapshots DROP COLUMN base;"
        "UPDATE imports SET imported_at = '2026-01-0' || id || 'T10:00:00Z';"
        "UPDATE runs SET created_at = '%s';"
        "PRAGMA user_version = 13;",
        stale ? "2026-01-01T12:00:00Z" : "2026-01-02T10:00:00Z");

      test_exec_sql (path, sql);
      project = sc_project_open (path, FALSE, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sc_project_get_run_is_stale (project), ==, stale);
      g_clear_object (&project);
    }

  test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Run/stale-same-second", test_same_second);
  g_test_add_func ("/Core/Run/stale-migrated", test_migrated);

  return g_test_run ();
}
