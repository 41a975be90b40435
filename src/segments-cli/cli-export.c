/* cli-export.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Handing over from a terminal: export (the activation CSV, the segment definitions and the
 * presets for CRM and marketing tools) and chart (PNG, SVG or PDF).  They write the same files as the application, through the
 * same writers in src/libsegcore/render, reached through the project.  The work runs
 * through run_cancellable(); Ctrl+C stops it and leaves no half-written file behind. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-project-export.h"


/* ------------------------------------------------------------------------------------------ */
/* export                                                                                      */

typedef struct
{
  ScProject       *project;
  const char      *assignments;
  const char      *segments;
  guint64          written;
  guint64          excluded;
  const char      *output;
  gboolean         with_preset;
  ScPresetOptions  preset;
  ScPresetResult   result;
} ExportWork;

static gpointer
export_work (gpointer  data,
             GError  **error)
{
  ExportWork *w = data;

  if (w->segments != NULL &&
      !sc_project_export_segments (w->project, w->segments, SC_SEGMENTS_FORMAT_AUTO, error))
    return NULL;
  if (w->assignments != NULL &&
      !sc_project_export_assignments (w->project, w->assignments, &w->written, &w->excluded,
                                      cli.job, cli.cancellable, error))
    return NULL;
  if (w->with_preset &&
      !sc_project_export_preset (w->project, w->output, &w->preset, &w->result, cli.job,
                                 cli.cancellable, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/* Without consent information every customer would go to the tool: refused unless the
 * person says so, with the count they are about to send. */
static gboolean
check_consent (ScProject  *project,
               gboolean    no_consent_ok,
               GError    **error)
{
  ScConsentSummary consent;

  if (!sc_project_get_consent_summary (project, &consent, error))
    return FALSE;
  if (consent.consent_known || no_consent_ok)
    return TRUE;
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
               g_dngettext (GETTEXT_PACKAGE,
                            "No consent information: the project has no marketing-consent "
                            "column, so all %" PRIu64 " segmented customer would be exported "
                            "with contact data. Import a customer list with a consent column, "
                            "or pass --no-consent-column-ok to export all of them.",
                            "No consent information: the project has no marketing-consent "
                            "column, so all %" PRIu64 " segmented customers would be exported "
                            "with contact data. Import a customer list with a consent column, "
                            "or pass --no-consent-column-ok to export all of them.",
                            consent.segmented),
               consent.segmented);
  return FALSE;
}

static void
print_preset_result (const ExportWork *w)
{
  const ScPresetResult *r = &w->result;
  ScExportPreset p = w->preset.preset;

  g_print (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " customer written to %s (%s)\n",
                        "%" PRIu64 " customers written to %s (%s)\n", r->written),
           r->written, w->output, sc_export_preset_to_label (p));
  if (r->consent_known)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%" PRIu64 " customer left out: no marketing consent.\n",
                          "%" PRIu64 " customers left out: no marketing consent.\n",
                          r->excluded_consent), r->excluded_consent);
  else
    g_print (_("No consent information: nobody was left out for consent "
               "(--no-consent-column-ok).\n"));
  if (sc_export_preset_needs_email (p))
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%" PRIu64 " customer left out: no e-mail address.\n",
                          "%" PRIu64 " customers left out: no e-mail address.\n",
                          r->without_email), r->without_email);
  if (w->preset.changed_only)
    {
      if (r->first_export)
        g_print (_("First %s export of this project: every customer counts as changed.\n"),
                 sc_export_preset_to_label (p));
      else
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%" PRIu64 " customer left out: segment unchanged since the "
                              "last export.\n",
                              "%" PRIu64 " customers left out: segment unchanged since the "
                              "last export.\n", r->unchanged), r->unchanged);
    }
}

int
cmd_export (int    argc,
            char **argv)
{
  g_autofree char *assignments = NULL;
  g_autofree char *segments = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) wanted = NULL;
  gboolean bom = FALSE, crlf = FALSE, changed = FALSE, no_consent_ok = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  ExportWork work = { 0 };
  const GOptionEntry entries[] = {
    { "assignments", 0, 0, G_OPTION_ARG_FILENAME, &assignments, N_("Write each customer who may be contacted, with segment, priority, RFM scores and CLV, to a CSV file"), "FILE.csv" },
    { "segments", 0, 0, G_OPTION_ARG_FILENAME, &segments, N_("Write the segment definitions to a JSON or CSV file (by extension)"), "FILE.json" },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, N_("Write a file a tool imports as it is: hubspot, salesforce, mailchimp, klaviyo, google-ads, meta or generic"), "PRESET" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The preset's CSV file"), "FILE" },
    { "segment", 0, 0, G_OPTION_ARG_STRING_ARRAY, &wanted, N_("Only this segment, by number or name (repeat for more)"), "ID|NAME" },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom, N_("Start the file with a UTF-8 byte order mark, for Excel (always on for generic)"), NULL },
    { "crlf", 0, 0, G_OPTION_ARG_NONE, &crlf, N_("End lines in CR LF"), NULL },
    { "changed-since-last", 0, 0, G_OPTION_ARG_NONE, &changed, N_("Only customers whose segment changed since this preset's last export"), NULL },
    { "no-consent-column-ok", 0, 0, G_OPTION_ARG_NONE, &no_consent_ok, N_("Export even though the project has no consent information (every customer is sent)"), NULL },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — export segment labels and definitions"),
                           entries, _("export takes one PROJECT file")))
    return EXIT_USAGE;
  if (assignments == NULL && segments == NULL && preset == NULL)
    return usage_error (_("export needs --assignments FILE.csv, --segments FILE.json or "
                          "--preset PRESET -o FILE"));
  if (segments != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (segments, -1);

      if (!g_str_has_suffix (lower, ".json") && !g_str_has_suffix (lower, ".csv"))
        return usage_error (_("--segments writes FILE.json or FILE.csv (got “%s”)"), segments);
    }
  if (preset != NULL)
    {
      if (!sc_export_preset_from_string (preset, &work.preset.preset))
        return usage_error (_("--preset takes hubspot, salesforce, mailchimp, klaviyo, "
                              "google-ads, meta or generic (got “%s”)"), preset);
      if (output == NULL)
        return usage_error (_("--preset needs -o FILE"));
      work.with_preset = TRUE;
      work.output = output;
      work.preset.segments = (const char * const *) wanted;
      work.preset.bom = bom || sc_export_preset_default_bom (work.preset.preset);
      work.preset.crlf = crlf;
      work.preset.changed_only = changed;
      work.preset.no_consent_ok = no_consent_ok;
    }
  else if (output != NULL || wanted != NULL || bom || crlf || changed || no_consent_ok)
    return usage_error (_("-o, --segment, --bom, --crlf, --changed-since-last and "
                          "--no-consent-column-ok go with --preset"));

  project = open_segmented_project (argv[1], &error);
  if (project == NULL)
    return report_error (error);
  if (preset != NULL && !check_consent (project, no_consent_ok, &error))
    return report_error (error);

  work.project = project;
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
  if (preset != NULL)
    print_preset_result (&work);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------------ */
/* chart                                                                                       */

typedef struct
{
  ScProject   *project;
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

  if (!sc_project_export_chart (w->project, w->kind, w->output, w->width, w->height, w->scale,
                                w->dark, error))
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
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
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

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — draw a chart of the segments"),
                           entries, _("chart takes one PROJECT file")))
    return EXIT_USAGE;
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

  project = open_segmented_project (argv[1], &error);
  if (project == NULL)
    return report_error (error);
  work.project = project;
  work.output = output;
  if (run_cancellable (chart_work, &work, &error) == NULL)
    return report_error (error);
  g_print (_("Wrote the %s chart to %s\n"), sc_chart_kind_to_string (work.kind), output);
  return EXIT_SUCCESS;
}
