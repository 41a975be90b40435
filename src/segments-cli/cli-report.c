/* cli-report.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Presenting and handing over from a terminal: report (PDF, A4 or slides), chart (PNG,
 * SVG or PDF) and export (the activation CSV and the segment definitions).  They write the
 * same files as the application, through the same writers in src/libsegcore/render.  The
 * work runs through run_cancellable(), each worker with its own connection to the
 * project; Ctrl+C stops it and leaves no half-written file behind. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cli-private.h"
#include "sc-export.h"
#include "sc-project.h"
#include "sc-report.h"

/* Opens the project in the main thread first: it checks the file is a project and says
 * so for people, and that it has segments. */
static gboolean
check_project (const char  *path,
               GError     **error)
{
  g_autoptr(ScProject) project = sc_project_open (path, FALSE, error);

  if (project == NULL)
    return FALSE;
  if (sc_project_get_run (project) == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("%s has no segments yet: run “segments-cli segment %s” first."), path,
                   path);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* report                                                                                      */

typedef struct
{
  const char      *project;
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
  g_autoptr(ScStore) store = sc_store_open (w->project, FALSE, error);
  g_autoptr(ScReport) report = NULL;

  if (store == NULL)
    return NULL;
  progress_cb (0.0, _("Preparing the report"), NULL);
  report = sc_report_new (store, w->format, &w->options, cli.cancellable, error);
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
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ReportWork work = { 0 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the report to this PDF file"), "FILE.pdf" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("a4 for a report (default), slides for 16:9 slides"), "FORMAT" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title on the first page (default: the project’s file name)"), "TEXT" },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("Who prepared the report"), "NAME" },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — write the segments report as a PDF"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc != 2)
    return usage_error (_("report takes one PROJECT file"));
  if (output == NULL)
    return usage_error (_("report needs -o FILE.pdf"));
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".PDF"))
    return usage_error (_("the report is a PDF: name it FILE.pdf (got “%s”)"), output);
  work.format = SC_REPORT_FORMAT_A4;
  if (format != NULL && !sc_report_format_from_string (format, &work.format))
    return usage_error (_("--format takes a4 or slides (got “%s”)"), format);

  if (!check_project (argv[1], &error))
    return report_error (error);

  work.project = argv[1];
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

/* ------------------------------------------------------------------------------------------ */
/* chart                                                                                       */

typedef struct
{
  const char  *project;
  const char  *output;
  ScChartKind  kind;
  int          width;
  int          height;
  double       scale;
  gboolean     dark;
} ChartWork;

static gpointer
chart_work (gpointer  data,
            GError  **error)
{
  ChartWork *w = data;
  g_autoptr(ScStore) store = sc_store_open (w->project, FALSE, error);

  if (store == NULL ||
      !sc_export_chart (store, w->kind, w->output, w->width, w->height, w->scale, w->dark,
                        error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static gboolean
has_chart_extension (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".png") || g_str_has_suffix (lower, ".svg") ||
         g_str_has_suffix (lower, ".pdf");
}

int
cmd_chart (int    argc,
           char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *width = NULL;
  g_autofree char *height = NULL;
  g_autofree char *scale = NULL;
  gboolean dark = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ChartWork work = { 0 };
  guint64 v;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("scatter, sizes or grid"), "KIND" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the chart to this file; .png, .svg or .pdf chooses the format"), "FILE" },
    { "width", 0, 0, G_OPTION_ARG_STRING, &width, N_("Width in pixels (points for SVG and PDF; default 800)"), "W" },
    { "height", 0, 0, G_OPTION_ARG_STRING, &height, N_("Height in pixels (default 500)"), "H" },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale, N_("Device pixels per pixel of a PNG: 2 for HiDPI (default 1)"), "S" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Use the dark palette"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — draw a chart of the segments"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc != 2)
    return usage_error (_("chart takes one PROJECT file"));
  if (kind == NULL || !sc_chart_kind_from_string (kind, &work.kind))
    return usage_error (_("chart needs --kind scatter, sizes or grid"));
  if (output == NULL)
    return usage_error (_("chart needs -o FILE.png, FILE.svg or FILE.pdf"));
  if (!has_chart_extension (output))
    return usage_error (_("name the chart FILE.png, FILE.svg or FILE.pdf (got “%s”)"), output);

  work.width = 800;
  work.height = 500;
  work.scale = 1.0;
  if (width != NULL)
    {
      if (!parse_uint (width, 20000, &v) || v < 16)
        return usage_error (_("--width takes a number from 16 to 20000 (got “%s”)"), width);
      work.width = (int) v;
    }
  if (height != NULL)
    {
      if (!parse_uint (height, 20000, &v) || v < 16)
        return usage_error (_("--height takes a number from 16 to 20000 (got “%s”)"), height);
      work.height = (int) v;
    }
  if (scale != NULL)
    {
      char *end = NULL;
      double s = g_ascii_strtod (scale, &end);

      if (end == scale || *end != '\0' || !(s >= 0.5 && s <= 8))
        return usage_error (_("--scale takes a number from 0.5 to 8 (got “%s”)"), scale);
      work.scale = s;
    }
  work.dark = dark;

  if (!check_project (argv[1], &error))
    return report_error (error);
  work.project = argv[1];
  work.output = output;
  if (run_cancellable (chart_work, &work, &error) == NULL)
    return report_error (error);
  g_print (_("Wrote the %s chart to %s\n"), sc_chart_kind_to_string (work.kind), output);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------------ */
/* export                                                                                      */

typedef struct
{
  const char *project;
  const char *assignments;
  const char *segments;
  guint64     written;
  guint64     excluded;
} ExportWork;

static gpointer
export_work (gpointer  data,
             GError  **error)
{
  ExportWork *w = data;
  g_autoptr(ScStore) store = sc_store_open (w->project, FALSE, error);

  if (store == NULL)
    return NULL;
  if (w->segments != NULL &&
      !sc_export_segments (store, NULL, w->segments, SC_SEGMENTS_FORMAT_AUTO, error))
    return NULL;
  if (w->assignments != NULL &&
      !sc_export_assignments (store, NULL, w->assignments, &w->written, &w->excluded,
                              progress_cb, NULL, cli.cancellable, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

int
cmd_export (int    argc,
            char **argv)
{
  g_autofree char *assignments = NULL;
  g_autofree char *segments = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ExportWork work = { 0 };
  const GOptionEntry entries[] = {
    { "assignments", 0, 0, G_OPTION_ARG_FILENAME, &assignments, N_("Write each customer who may be contacted, with segment, priority, RFM scores and CLV, to a CSV file"), "FILE.csv" },
    { "segments", 0, 0, G_OPTION_ARG_FILENAME, &segments, N_("Write the segment definitions to a JSON or CSV file (by extension)"), "FILE.json" },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — export segment labels and definitions"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc != 2)
    return usage_error (_("export takes one PROJECT file"));
  if (assignments == NULL && segments == NULL)
    return usage_error (_("export needs --assignments FILE.csv or --segments FILE.json"));
  if (segments != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (segments, -1);

      if (!g_str_has_suffix (lower, ".json") && !g_str_has_suffix (lower, ".csv"))
        return usage_error (_("--segments writes FILE.json or FILE.csv (got “%s”)"), segments);
    }

  if (!check_project (argv[1], &error))
    return report_error (error);

  work.project = argv[1];
  work.assignments = assignments;
  work.segments = segments;
  if (run_cancellable (export_work, &work, &error) == NULL)
    return report_error (error);

  if (segments != NULL)
    g_print (_("Segment definitions written to %s\n"), segments);
  if (assignments != NULL)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " customer written to %s\n",
                            "%" PRIu64 " customers written to %s\n", work.written),
               work.written, assignments);
      if (work.excluded > 0)
        g_printerr (_("%" PRIu64 " customers without marketing consent were left out.\n"),
                    work.excluded);
    }
  return EXIT_SUCCESS;
}
