/* cli-report.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The segments report from a terminal: a PDF, A4 or slides, written by the same writer
 * as the application's (src/libsegcore/render).  The work runs through run_cancellable();
 * Ctrl+C stops it and leaves no half-written file behind. */

#include "config.h"

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-project-export.h"


/* ------------------------------------------------------------------------------------------ */
/* report                                                                                      */

typedef struct
{
  ScProject       *project;
  const char      *output;
  ScReportFormat   format;
  ScReportOptions  options;
  guint            n_pages;
} ReportWork;

static gpointer
report_work (gpointer  data,
             GError  **error)
{
  ReportWork *w = data;
  g_autoptr(ScReport) report = NULL;

  progress_cb (0.0, _("Preparing the report"), NULL);
  report = sc_project_new_report (w->project, w->format, &w->options, cli.cancellable, error);
  if (report == NULL ||
      !sc_report_save_pdf (report, w->output, progress_cb, NULL, cli.cancellable, error))
    return NULL;
  w->n_pages = sc_report_get_n_pages (report);
  return GINT_TO_POINTER (TRUE);
}

int
cmd_report (int    argc,
            char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  g_autofree char *title = NULL;
  g_autofree char *author = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  ReportWork work = { 0 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the report to this PDF file"), "FILE.pdf" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("a4 for a report (default), slides for 16:9 slides"), "FORMAT" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title on the first page (default: the brief’s objective, else “Customer segments”)"), "TEXT" },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("Who prepared the report"), "NAME" },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — write the segments report as a PDF"),
                           entries, _("report takes one PROJECT file")))
    return EXIT_USAGE;
  if (output == NULL)
    return usage_error (_("report needs -o FILE.pdf"));
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".PDF"))
    return usage_error (_("the report is a PDF: name it FILE.pdf (got “%s”)"), output);
  work.format = SC_REPORT_FORMAT_A4;
  if (format != NULL && !sc_report_format_from_string (format, &work.format))
    return usage_error (_("--format takes a4 or slides (got “%s”)"), format);

  project = open_segmented_project (argv[1], &error);
  if (project == NULL)
    return report_error (error);

  work.project = project;
  work.output = output;
  work.options.title = title;
  work.options.author = author;
  if (run_cancellable (report_work, &work, &error) == NULL)
    return report_error (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u page to %s\n", "Wrote %u pages to %s\n",
                        work.n_pages),
           work.n_pages, output);
  return EXIT_SUCCESS;
}
