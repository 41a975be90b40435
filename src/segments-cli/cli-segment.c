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
#include <string.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-feature-sets.h"
#include "sc-project-overlay.h"


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


/* A run built on profit: the customers it placed without one (never counted as zero). */
static void
print_profit_placed (ScProject   *project,
                     const ScRun *run)
{
  g_autoptr(ScProfit) profit = NULL;
  guint32 placed;

  if (!(sc_feature_sets_of (run->params.features, run->params.n_features) &
        (1u << SC_FEATURE_SET_PROFIT)))
    return;
  profit = sc_project_load_profit (project, NULL);
  if (profit == NULL)
    return;
  placed = sc_profit_count_placed (profit, run->labels, run->n_customers, run->k);
  if (placed > 0)
    {
      g_autofree char *text = sc_profit_describe_placed (placed, run->params.n_features > 1);

      g_print ("\n%s\n", text);
    }
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

/* "A..B" with SC_RUN_K_LOWEST <= A <= B <= SC_RUN_K_HIGHEST. */
static gboolean
parse_k_range (const char *text,
               guint      *k_min,
               guint      *k_max)
{
  g_auto(GStrv) parts = g_strsplit (text, "..", -1);
  guint64 a, b;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, SC_RUN_K_LOWEST, SC_RUN_K_HIGHEST, &a, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, SC_RUN_K_LOWEST, SC_RUN_K_HIGHEST, &b, NULL) ||
      a > b)
    return FALSE;
  *k_min = (guint) a;
  *k_max = (guint) b;
  return TRUE;
}

/* A percentage from 0 to 50, "2" or "2%" or "2.5". */
static gboolean
parse_percent (const char *text,
               double     *fraction)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || (*end != '\0' && !(end[0] == '%' && end[1] == '\0')) ||
      !isfinite (v) || v < 0 || v > 50)
    return FALSE;
  *fraction = v / 100;
  return TRUE;
}

G_STATIC_ASSERT (SC_FEATURE_SETS_MAX_FEATURES <= SC_RUN_MAX_FEATURES);

int
cmd_segment (int    argc,
             char **argv)
{
  g_autofree char *k = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *n_init = NULL;
  g_autofree char *outliers = NULL;
  g_autofree char *k_range = NULL;
  g_autofree char *min_share = NULL;
  g_autofree char *feature_sets = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  const ScRun *run;
  SegmentWork work = { 0 };
  guint64 v;
  const GOptionEntry entries[] = {
    { "k", 0, 0, G_OPTION_ARG_STRING, &k, N_("Number of segments, or auto: the most distinct number in --k-range whose segments are large enough and stable (default auto)"), "auto|N" },
    { "k-range", 0, 0, G_OPTION_ARG_STRING, &k_range, N_("Numbers of segments auto tries, from 2 to 10 (default 3..6)"), "A..B" },
    { "min-share", 0, 0, G_OPTION_ARG_STRING, &min_share, N_("Smallest segment auto accepts, in percent of customers (default 2)"), "PERCENT" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("Random seed (default 0)"), "N" },
    { "n-init", 0, 0, G_OPTION_ARG_STRING, &n_init, N_("k-means restarts (default 10)"), "N" },
    { "outliers", 0, 0, G_OPTION_ARG_STRING, &outliers, N_("Robust z-score of log spend above which customers are top accounts (anomalies are set apart too), or off (default 3.5)"), "Z|off" },
    { "features", 0, 0, G_OPTION_ARG_STRING, &feature_sets, N_("What segments are built on, any of: rfm (recency, frequency, spend; the default), value (lifetime value and chance still active; needs the value model), engagement (interactions: 90-day counts per type and the engagement score), profit (gross profit per customer; needs a cost or margin); each feature is log1p-transformed and standardised, profit as sign(x)·log1p(|x|) as it can be negative"), "SET,…" },
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
  if (k_range != NULL && !parse_k_range (k_range, &work.params.k_min, &work.params.k_max))
    return usage_error (_("--k-range takes A..B with 2 ≤ A ≤ B ≤ 10 (got “%s”)"), k_range);
  if (min_share != NULL && !parse_percent (min_share, &work.params.min_share))
    return usage_error (_("--min-share takes a percentage from 0 to 50 (got “%s”)"),
                        min_share);
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

  if (feature_sets != NULL)
    {
      ScFeature chosen[SC_FEATURE_SETS_MAX_FEATURES];
      guint n_chosen = 0;

      if (!sc_feature_sets_parse (feature_sets, chosen, &n_chosen, &error))
        return report_error (error);
      work.params.n_features = n_chosen;
      memcpy (work.params.features, chosen, sizeof (ScFeature) * n_chosen);
    }

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);

  work.project = project;
  if (run_cancellable (segment_work, &work, &error) == NULL ||
      !sc_project_reload (project, &error))
    return report_error (error);

  run = sc_project_get_run (project);
  print_run (run, sc_project_get_currency (project, NULL));
  print_profit_placed (project, run);
  print_k_choice (run);
  print_carry_over (project, run->id);
  return EXIT_SUCCESS;
}

