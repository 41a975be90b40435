/* cli-validate.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How good the current segments are: validate, as a table for people or one JSON object;
 * and the table of k tried, which segment prints too. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cli-commands.h"
#include "cli-common.h"


static const char *
direction_word (int direction)
{
  return direction > 0 ? _("higher") : direction < 0 ? _("lower") : _("differs");
}

static const char *
direction_json (int direction)
{
  return direction > 0 ? "higher" : direction < 0 ? "lower" : "between";
}

/* "0.93", or words for a stability not measured. */
static char *
stability_text (double stability)
{
  return isnan (stability) ? g_strdup (_("not measured")) : g_strdup_printf ("%.2f", stability);
}

/**
 * print_k_choice:
 *
 * The k tried (silhouette, smallest segment, stability) and why the run has its k.
 */
void
print_k_choice (const ScRun *run)
{
  const ScValidation *v = run->validation;

  if (v == NULL)
    return;

  g_print ("\n");
  if (v->k_auto)
    g_print (_("Number of segments chosen from %u to %u (each segment at least %g%% of "
               "customers; stability from %u resamples%s):\n"),
             v->k_min, v->k_max, 100 * v->min_share, v->n_resamples,
             v->stability_sampled ? _(", on a sample") : "");
  else
    g_print (_("Number of segments set by hand (stability from %u resamples%s):\n"),
             v->n_resamples, v->stability_sampled ? _(", on a sample") : "");
  g_print ("  %4s %11s %17s %10s\n", "k", _("Silhouette"), _("Smallest segment"),
           _("Stability"));
  for (guint t = 0; t < v->n_k; t++)
    {
      const ScKScore *s = &v->k_table[t];
      g_autofree char *stability = stability_text (s->stability);

      g_print ("%s %4u %11.3f %16.1f%% %10s\n", s->k == v->chosen_k ? "→" : " ", s->k,
               s->silhouette, 100 * s->smallest_share, stability);
    }
  if (v->explanation != NULL)
    g_print ("%s\n", v->explanation);
}

static void
print_quality (const ScRun *run)
{
  const ScValidation *v = run->validation;
  g_autofree guint *order = sc_run_priority_order (run);

  g_print ("\n%-4s %-36s %10s %7s %7s %10s  %s\n", _("Rank"), _("Segment"), _("Customers"),
           _("Share"), _("Rev %"), _("Stability"), _("What sets it apart"));
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];
      const ScSegmentQuality *q = sc_validation_get_segment (v, s->position);
      gboolean set_apart = s->kind != SC_SEGMENT_KIND_SEGMENT;
      g_autofree char *stability = set_apart ? g_strdup (_("by rule"))
                                             : stability_text (q != NULL ? q->stability : NAN);
      GString *apart = g_string_new (NULL);

      if (q != NULL)
        for (guint f = 0; f < q->n_distinct; f++)
          g_string_append_printf (apart, "%s%s %s (%.1f sd)", f > 0 ? ", " : "",
                                  sc_feature_to_label (q->distinct[f].feature),
                                  direction_word (q->distinct[f].direction),
                                  q->distinct[f].effect_size);
      if (s->kind == SC_SEGMENT_KIND_TOP_ACCOUNTS)
        g_string_append (apart, _("set apart: spend far above the rest"));
      else if (s->kind == SC_SEGMENT_KIND_ANOMALIES)
        g_string_append (apart, _("set apart: implausible figures"));
      else if (apart->len == 0)
        g_string_append (apart, _("nothing on its own"));
      g_print ("%-4u %-36s %10" PRIu64 " %6.1f%% %6.1f%% %10s  %s%s\n", s->priority, s->name,
               s->size, 100 * s->share, 100 * s->revenue_share, stability,
               q != NULL && q->unstable ? _("UNSTABLE; ") : "", apart->str);
      g_string_free (apart, TRUE);
    }

  if (v->n_merges == 0)
    {
      g_print ("\n%s\n", _("No two segments look alike."));
      return;
    }
  g_print ("\n%s\n", _("Merge? These segments look alike:"));
  for (guint m = 0; m < v->n_merges; m++)
    g_print ("  %s + %s: %s\n", run->segments[v->merges[m].a].name,
             run->segments[v->merges[m].b].name, v->merges[m].reason);
}

static void
print_json (const ScRun *run)
{
  const ScValidation *v = run->validation;
  g_autofree guint *order = sc_run_priority_order (run);
  g_autofree char *explanation = json_escape (v != NULL ? v->explanation : NULL);
  GString *out = g_string_new ("{\"k_table\": [");

  for (guint t = 0; v != NULL && t < v->n_k; t++)
    {
      g_autofree char *sil = json_number (v->k_table[t].silhouette);
      g_autofree char *share = json_number (v->k_table[t].smallest_share);
      g_autofree char *stab = json_number (v->k_table[t].stability);

      g_string_append_printf (out, "%s{\"k\": %u, \"silhouette\": %s, \"smallest_share\": %s, "
                              "\"stability\": %s}", t > 0 ? ", " : "", v->k_table[t].k, sil,
                              share, stab);
    }
  g_string_append_printf (out, "], \"chosen_k\": %u, \"k_auto\": %s, \"validated\": %s, "
                          "\"explanation\": %s, \"segments\": [",
                          run->k, run->k_auto ? "true" : "false", v != NULL ? "true" : "false",
                          explanation);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];
      const ScSegmentQuality *q = sc_validation_get_segment (v, s->position);
      g_autofree char *name = json_escape (s->name);
      g_autofree char *stab = json_number (q != NULL ? q->stability : NAN);
      g_autofree char *share = json_number (s->share);
      g_autofree char *rshare = json_number (s->revenue_share);

      g_string_append_printf (out, "%s{\"id\": %u, \"name\": %s, \"size\": %" PRIu64 ", "
                              "\"share\": %s, \"revenue_share\": %s, \"stability\": %s, "
                              "\"unstable\": %s, \"distinct_features\": [",
                              i > 0 ? ", " : "", s->position + 1, name, s->size, share, rshare,
                              stab, q != NULL && q->unstable ? "true" : "false");
      for (guint f = 0; q != NULL && f < q->n_distinct; f++)
        {
          g_autofree char *effect = json_number (q->distinct[f].effect_size);

          g_string_append_printf (out, "%s{\"feature\": \"%s\", \"effect_size\": %s, "
                                  "\"direction\": \"%s\"}", f > 0 ? ", " : "",
                                  sc_feature_to_string (q->distinct[f].feature), effect,
                                  direction_json (q->distinct[f].direction));
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "], \"merge_suggestions\": [");
  for (guint m = 0; v != NULL && m < v->n_merges; m++)
    {
      g_autofree char *reason = json_escape (v->merges[m].reason);

      g_string_append_printf (out, "%s{\"a\": %u, \"b\": %u, \"reason\": %s}",
                              m > 0 ? ", " : "", v->merges[m].a + 1, v->merges[m].b + 1, reason);
    }
  g_string_append (out, "]}\n");
  g_print ("%s", out->str);
  g_string_free (out, TRUE);
}

int
cmd_validate (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  const ScRun *run;
  if (!parse_project_json_args (&argc, &argv,
                                _("PROJECT — check the current segments: the choice of k, "
                                  "stability, what sets each apart, look-alikes"),
                                N_("Print one JSON object"), _("validate takes one PROJECT file"),
                                &json))
    return EXIT_USAGE;

  project = open_segmented_project (argv[1], &error);
  if (project == NULL)
    return report_error (error);
  run = sc_project_get_run (project);

  if (json)
    {
      print_json (run);
      return EXIT_SUCCESS;
    }
  if (sc_project_get_validation (project) == NULL)
    {
      g_print ("%s\n", _("These segments were shaped by hand or scored against new data, so "
                         "no clustering stands behind them to check. Run “segments-cli "
                         "segment” to make and check a new segmentation."));
      return EXIT_SUCCESS;
    }
  print_k_choice (run);
  print_quality (run);
  return EXIT_SUCCESS;
}
