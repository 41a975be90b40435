/* cli-playbooks.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segment playbooks from a terminal: one page per segment for sales and support teams, as
 * HTML or PDF, and an index.html, written by the same code as the application's.  Ctrl+C
 * stops between files. */

#include "config.h"

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-project-playbooks.h"

typedef struct
{
  ScProject        *project;
  const char       *directory;
  ScPlaybookFormat  format;
} PlaybooksWork;

static gpointer
playbooks_work (gpointer  data,
                GError  **error)
{
  PlaybooksWork *w = data;

  return sc_project_write_playbooks (w->project, w->directory, w->format, cli.cancellable,
                                     error);
}

int
cmd_playbooks (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(GPtrArray) written = NULL;
  PlaybooksWork work = { 0 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the playbooks into this folder (created when missing)"), "DIR" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("html (default) or pdf"), "FORMAT" },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — write one playbook per segment for sales and support "
                             "teams"),
                           entries, _("playbooks takes one PROJECT file")))
    return EXIT_USAGE;
  if (output == NULL)
    return usage_error (_("playbooks needs -o DIR"));
  work.format = SC_PLAYBOOK_HTML;
  if (format != NULL && !sc_playbook_format_from_string (format, &work.format))
    return usage_error (_("--format takes html or pdf (got “%s”)"), format);

  project = open_segmented_project (argv[1], &error);
  if (project == NULL)
    return report_error (error);

  work.project = project;
  work.directory = output;
  written = run_cancellable (playbooks_work, &work, &error);
  if (written == NULL)
    return report_error (error);
  for (guint i = 0; i < written->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (written, i));
  return EXIT_SUCCESS;
}
