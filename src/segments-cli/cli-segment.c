/* cli-segment.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segmenting from a terminal, and what a re-run kept of the segments before. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cli-commands.h"
#include "cli-common.h"


/* ------------------------------------------------------------------------------------------ */
/* segment                                                                                     */

typedef struct
{
  ScProject   *project;
  ScRunParams  params;
} SegmentWork;

static gpointer
segment_work (gpointer  data,
              GError  **error)
{
  SegmentWork *w = data;

  if (!sc_project_segment (w->project, &w->params, cli.job, cli.cancellable, error))
    return NULL;
  return w;
}


/* After a re-run: which segments kept the previous names and plans, which did not. */
static void
print_carry_over (ScProject *project,
                  gint64     run)
{
  g_autoptr(ScCarryOver) carry = NULL;
  guint matched = 0;
  gboolean any;

  carry = sc_project_load_carry_over (project, run, NULL);
  if (carry == NULL || carry->previous_run == 0)
    return;

  for (guint j = 0; j < carry->n_segments; j++)
    matched += carry->previous_position[j] >= 0;
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "\n%u segment kept the name and plans of a previous one (members "
                        "overlapping at least %.0f%%).\n",
                        "\n%u segments kept the names and plans of previous ones (members "
                        "overlapping at least %.0f%%).\n", matched),
           matched, 100 * SC_CARRY_OVER_MIN_OVERLAP);

  any = FALSE;
  for (guint j = 0; j < carry->n_segments; j++)
    if (carry->previous_position[j] < 0)
      {
        if (!any)
          g_print ("%s\n", _("New, without a previous segment:"));
        any = TRUE;
        g_print (_("  %u %s (best overlap %.0f%%)\n"), j + 1, carry->names[j],
                 100 * carry->overlap[j]);
      }
  any = FALSE;
  for (guint o = 0; o < carry->n_previous; o++)
    if (!carry->previous_matched[o])
      {
        if (!any)
          g_print ("%s\n", _("Previous segments that did not carry over:"));
        any = TRUE;
        g_print ("  %s\n", carry->previous_names[o]);
      }
}

int
cmd_segment (int    argc,
             char **argv)
{
  g_autofree char *k = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *n_init = NULL;
  g_autofree char *outliers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  const ScRun *run;
  SegmentWork work = { 0 };
  guint64 v;
  const GOptionEntry entries[] = {
    { "k", 0, 0, G_OPTION_ARG_STRING, &k, N_("Number of segments, or auto (2–8 by silhouette)"), "auto|N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("Random seed (default 0)"), "N" },
    { "n-init", 0, 0, G_OPTION_ARG_STRING, &n_init, N_("k-means restarts (default 10)"), "N" },
    { "outliers", 0, 0, G_OPTION_ARG_STRING, &outliers, N_("Robust z-score of log spend above which customers are top accounts (anomalies are set apart too), or off (default 3.5)"), "Z|off" },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — segment the customers"),
                           entries, _("segment takes one PROJECT file")))
    return EXIT_USAGE;

  sc_run_params_init (&work.params);
  if (k != NULL && g_ascii_strcasecmp (k, "auto") != 0)
    {
      if (!parse_uint (k, 50, &v) || v < 1)
        return usage_error (_("--k takes auto or a number from 1 to 50 (got “%s”)"), k);
      work.params.k = (guint) v;
    }
  if (seed != NULL)
    {
      if (!parse_uint (seed, G_MAXINT64, &v))
        return usage_error (_("--seed takes a non-negative number (got “%s”)"), seed);
      work.params.seed = v;
    }
  if (n_init != NULL)
    {
      if (!parse_uint (n_init, 1000, &v) || v < 1)
        return usage_error (_("--n-init takes a number from 1 to 1000 (got “%s”)"), n_init);
      work.params.n_init = (guint) v;
    }
  if (outliers != NULL)
    {
      char *end = NULL;
      double z;

      if (g_ascii_strcasecmp (outliers, "off") == 0)
        work.params.outlier_z = 0;
      else
        {
          z = g_ascii_strtod (outliers, &end);
          if (end == outliers || *end != '\0' || !(z > 0) || !isfinite (z))
            return usage_error (_("--outliers takes a positive z-score or off (got “%s”)"),
                                outliers);
          work.params.outlier_z = z;
        }
    }

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);

  work.project = project;
  if (run_cancellable (segment_work, &work, &error) == NULL ||
      !sc_project_reload (project, &error))
    return report_error (error);

  run = sc_project_get_run (project);
  print_run (run);
  print_carry_over (project, run->id);
  return EXIT_SUCCESS;
}

