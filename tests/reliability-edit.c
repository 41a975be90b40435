/* reliability-edit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The editor's actions as a command, for the kill-9 suite (test-reliability.py): the CLI has
 * no command for them, so this program opens a project through ScProject, as the app does,
 * and runs one action on its current segmentation:
 *
 *   reliability-edit PROJECT rename | objective | owner | priority | merge | split | move | fold |
 *                            thresholds | merge-undo | accept-undo  [VALUE]
 *   reliability-edit PROJECT create      (a new, empty project)
 *
 * VALUE is the new name, objective or owner (each has a default).
 * Under SEGMENTS_TEST_KILL_AT_STATEMENT (store/sc-store-debug.c) it dies at the chosen
 * statement like any other command.  Exit status 0 on success, 1 with the error on stderr. */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sc-project.h"

static gboolean
run_action (ScProject   *project,
            const char  *action,
            const char  *value,
            GError     **error)
{
  const ScRun *run = sc_project_get_run (project);
  guint last;

  if (run == NULL || run->n_segments < 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "need two segments or more");
      return FALSE;
    }
  last = run->n_segments - 1;

  if (g_str_equal (action, "rename"))
    return sc_project_set_segment_field (project, run->segments[0].id, SC_SEGMENT_FIELD_NAME,
                                         value != NULL ? value : "Renamed by the kill test", error);
  if (g_str_equal (action, "objective"))
    return sc_project_set_segment_field (project, run->segments[0].id,
                                         SC_SEGMENT_FIELD_OBJECTIVE, value != NULL ? value : "Keep them", error);
  if (g_str_equal (action, "owner"))
    return sc_project_set_segment_field (project, run->segments[0].id, SC_SEGMENT_FIELD_OWNER,
                                         value != NULL ? value : "Kim", error);
  if (g_str_equal (action, "priority"))
    return sc_project_set_segment_priority (project, run->segments[last].id, 1, error);
  if (g_str_equal (action, "merge") || g_str_equal (action, "merge-undo"))
    {
      const guint positions[] = { 0, 1 };

      if (!sc_project_merge_segments (project, positions, G_N_ELEMENTS (positions), error))
        return FALSE;
      return g_str_equal (action, "merge") || sc_project_undo (project, error);
    }
  if (g_str_equal (action, "accept-undo"))
    {
      /* Several fields and the rank as one step (the CLI's edit), then its undo. */
      ScSegmentChanges changes = { 0 };

      changes.n_fields = 1;
      changes.fields[0] = SC_SEGMENT_FIELD_OWNER;
      changes.values[0] = value != NULL ? value : "Kim";
      changes.priority = 1;
      changes.accept_suggested = TRUE;
      return sc_project_edit_segment (project, run->segments[last].id, &changes, error) &&
             sc_project_undo (project, error);
    }
  if (g_str_equal (action, "split"))
    return sc_project_split_segment (project, 0, error);
  if (g_str_equal (action, "move"))
    {
      guint32 customers[8];
      guint n = 0;

      for (guint32 i = 0; i < run->n_customers && n < G_N_ELEMENTS (customers); i++)
        if (run->labels[i] < run->n_segments && run->labels[i] != 0 &&
            !run->segments[run->labels[i]].is_outliers)
          customers[n++] = i;
      return sc_project_move_customers (project, customers, n, 0, error);
    }
  if (g_str_equal (action, "fold"))
    return sc_project_fold_outliers (project, error);
  if (g_str_equal (action, "thresholds"))
    return sc_project_set_thresholds (project, run->segments[0].value,
                                      run->segments[0].potential, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "unknown action “%s”", action);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ScProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 3 && argc != 4)
    {
      fprintf (stderr, "usage: %s PROJECT ACTION [VALUE]\n", argv[0]);
      return 2;
    }
  /* create: a new, empty project, as the CLI's import and the app's wizard make one */
  if (g_str_equal (argv[2], "create"))
    {
      project = sc_project_open (argv[1], TRUE, &error);
      if (project == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      return 0;
    }
  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL || !run_action (project, argv[2], argv[3], &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  return 0;
}
