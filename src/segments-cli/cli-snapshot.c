/* cli-snapshot.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Freezing segments from a terminal: snapshot (take one) and snapshots (list them, or
 * delete one).  Capturing reads every transaction, so it runs through run_cancellable():
 * Ctrl+C leaves the project as it was. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-value.h"


/* ------------------------------------------------------------------------------------------ */
/* snapshot                                                                                    */

typedef struct
{
  ScProject  *project;
  const char *label;
  gint64      id;
} SnapshotWork;

static gpointer
snapshot_work (gpointer  data,
               GError  **error)
{
  SnapshotWork *w = data;

  w->id = sc_project_take_snapshot (w->project, w->label, cli.job, cli.cancellable, error);
  return w->id > 0 ? w : NULL;
}

int
cmd_snapshot (int    argc,
              char **argv)
{
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  SnapshotWork work = { 0 };
  const GOptionEntry entries[] = {
    { "label", 0, 0, G_OPTION_ARG_STRING, &label, N_("A label for people (default: “Snapshot DATE”)"), "TEXT" },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — freeze the current segments; prints the "
                             "snapshot’s id"),
                           entries, _("snapshot takes one PROJECT file")))
    return EXIT_USAGE;
  if (label != NULL && (*g_strstrip (label) == '\0' || !g_utf8_validate (label, -1, NULL)))
    return usage_error (_("--label takes a non-empty text"));

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);
  work.project = project;
  work.label = label;
  if (run_cancellable (snapshot_work, &work, &error) == NULL)
    return report_error (error);
  g_print ("%" PRId64 "\n", work.id);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------------ */
/* snapshots                                                                                   */

int
cmd_snapshots (int    argc,
               char **argv)
{
  g_autofree char *delete = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(GArray) infos = NULL;
  gint64 id;
  const GOptionEntry entries[] = {
    { "delete", 0, 0, G_OPTION_ARG_STRING, &delete, N_("Delete the snapshot with this id"), "ID" },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — list the snapshots, or delete one"),
                           entries, _("snapshots takes one PROJECT file")))
    return EXIT_USAGE;
  if (!parse_id (delete, &id))
    return usage_error (_("--delete takes a snapshot id (got “%s”)"), delete);

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);

  if (delete != NULL)
    {
      if (!sc_project_delete_snapshot (project, id, &error))
        return report_error (error);
      g_print (_("Deleted snapshot %" PRId64 ".\n"), id);
      return EXIT_SUCCESS;
    }

  infos = sc_project_list_snapshots (project, &error);
  if (infos == NULL)
    return report_error (error);
  if (infos->len == 0)
    {
      g_print (_("No snapshots yet: run “segments-cli snapshot %s”.\n"), argv[1]);
      return EXIT_SUCCESS;
    }
  g_print ("%-5s %-20s %-10s %8s %10s  %s\n", _("ID"), _("Taken"), _("As of"), _("Segments"),
           _("Customers"), _("Label"));
  for (guint i = 0; i < infos->len; i++)
    {
      const ScSnapshotInfo *info = &g_array_index (infos, ScSnapshotInfo, i);
      g_autofree char *as_of = sc_day_format (info->as_of);

      g_print ("%-5" PRId64 " %-20s %-10s %8u %10" PRIu64 "  %s%s\n",
               info->id, info->created_at, as_of, info->n_segments, info->n_segmented,
               info->label, info->auto_taken ? _(" (automatic)") : "");
    }
  return EXIT_SUCCESS;
}
