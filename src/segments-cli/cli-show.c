/* cli-show.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a project holds: show, as a table for people or as one JSON object. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-format.h"
#include "sc-project-overlay.h"
#include "sc-feature-sets.h"
#include "sc-value.h"


/* ------------------------------------------------------------------------------------------ */
/* show                                                                                        */

/* How the run got its k, in the short form of its stored explanation. */
static char *
k_choice_text (const ScRun *run)
{
  const ScValidation *v = run->validation;

  if (v == NULL)
    return run->k_auto
      /* Translators: a run that no validation is stored with (scored, or made by an older
       * version) */
      ? g_strdup_printf (_("k = %u, chosen automatically; no check stored"), run->k)
      : g_strdup_printf (_("k = %u, fixed; no check stored"), run->k);
  switch (v->choice)
    {
    case SC_K_CHOICE_FIXED:
      return g_strdup_printf (_("k = %u, fixed"), run->k);
    case SC_K_CHOICE_BEST:
      /* Translators: "k = 5 chosen from 3 to 6: the most distinct split" */
      return g_strdup_printf (_("k = %u chosen from %u to %u: the most distinct split"), run->k,
                              v->k_min, v->k_max);
    case SC_K_CHOICE_WITHIN_TOLERANCE:
    case SC_K_CHOICE_OUTSIDE_TOLERANCE:
      return g_strdup_printf (_("k = %u chosen from %u to %u: the most distinct split that "
                                "passes every check"), run->k, v->k_min, v->k_max);
    case SC_K_CHOICE_FEWER_GROUPS:
    default:
      return g_strdup_printf (_("k = %u chosen from %u to %u: the data support fewer distinct "
                                "groups, a rough guide"), run->k, v->k_min, v->k_max);
    }
}

/* Pads @text to @width characters (not bytes: "EUR 1,234" holds a no-break space), to the
 * left for a negative @width; one blank before every cell but the first. */
static void
append_cell (GString    *line,
             const char *text,
             int         width)
{
  glong n = g_utf8_strlen (text, -1);
  int w = ABS (width);

  if (line->len > 0)
    g_string_append_c (line, ' ');
  if (width > 0)
    for (glong i = n; i < w; i++)
      g_string_append_c (line, ' ');
  g_string_append (line, text);
  if (width < 0)
    for (glong i = n; i < w; i++)
      g_string_append_c (line, ' ');
}

void
print_run (const ScRun *run,
           const char  *currency)
{
  g_autofree char *as_of = sc_day_format (run->params.as_of);
  g_autofree guint *order = sc_run_priority_order (run);

  if (isfinite (run->silhouette))
    {
      g_autofree char *choice = k_choice_text (run);

      g_print (_("%u segments (%s), as of %s; silhouette %.3f%s, inertia %.1f\n"),
               run->n_segments, choice, as_of, run->silhouette,
               run->silhouette_sampled ? _(" (sampled)") : "", run->inertia);
    }
  else
    g_print (_("%u segments, as of %s, shaped by hand\n"), run->n_segments, as_of);
  {
    /* The figures read as in the application and the report (sc-format.h): grouped
     * digits, shares as percentages, money with the project's currency. */
    static const int widths[] = { -4, -36, 10, 7, 16, 7, 10, 7, 13, 13, 13 };
    const char *headings[] = { _("Rank"), _("Segment"), _("Customers"), _("Share"),
                               _("Revenue"), _("Rev %"), _("Recency"), _("Orders"),
                               _("Spend"), _("Value"), _("Potential") };
    g_autoptr(GString) line = g_string_new (NULL);

    for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
      append_cell (line, headings[c], widths[c]);
    g_string_append_printf (line, " %s", _("Quadrant"));
    g_print ("%s\n", g_strchomp (line->str));

    for (guint i = 0; i < run->n_segments; i++)
      {
        const ScSegmentInfo *s = &run->segments[order[i]];
        const char *quadrant = sc_quadrant_get_label (sc_quadrant_from_string (sc_segment_info_get_quadrant (s)));
        char *cells[G_N_ELEMENTS (widths)] = { NULL };

        cells[0] = g_strdup_printf ("%u", s->priority);
        cells[1] = g_strdup (s->name);
        cells[2] = sc_format_count (s->size);
        cells[3] = sc_format_percent (s->share, -1);
        cells[4] = sc_format_money (s->revenue, currency);
        cells[5] = sc_format_percent (s->revenue_share, -1);
        cells[6] = sc_format_days (s->recency);
        cells[7] = sc_format_number (s->frequency, 1);
        cells[8] = sc_format_money (s->monetary, currency);
        /* Value exists once the customer value model has run, potential once the data
         * could support it; cells without one stay empty and a line after the table says
         * why. */
        cells[9] = isfinite (s->value) ? sc_format_money (s->value, currency) : g_strdup ("");
        cells[10] = isfinite (s->potential) ? sc_format_money (s->potential, currency)
                                            : g_strdup ("");
        g_string_truncate (line, 0);
        for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
          append_cell (line, cells[c], widths[c]);
        g_string_append_printf (line, " %s", quadrant != NULL ? quadrant : "");
        g_print ("%s\n", g_strchomp (line->str));
        for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
          g_free (cells[c]);
      }
  }
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];
      const ScSegmentQuality *q = sc_validation_get_segment (run->validation, s->position);

      if (q != NULL && q->unstable)
        g_print (_("Unstable: %s (stability %.2f, below %.1f) is not reliably found again when "
                   "the customers are resampled; treat it as a rough guide.\n"),
                 s->name, q->stability, SC_VALIDATE_UNSTABLE);
    }
}

/* Why the table has no value or no potential. */
static void
print_value_model (ScProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPotential) pot = sc_project_load_value_model (project, NULL, &error);
  const char *note;

  if (pot == NULL)
    {
      if (error != NULL)
        g_printerr (_("The customer value model could not be read: %s\n"), error->message);
      else
        g_print (_("No customer value model yet: fit one with “segments-cli clv” for value "
                   "and potential.\n"));
      return;
    }
  note = sc_potential_get_note (pot);
  if (note != NULL)
    g_print (_("Value only — not enough data to estimate potential: %s. Segments are placed "
               "by current value only.\n"), note);
}

/* The orders counted, their net revenue, and the orders imports left out by reason:
 * "orders": 7, "revenue": 424.04, "excluded_orders": {"refunded": {"orders": 1,
 * "revenue": 64.8}}. */
static void
append_orders_json (GString   *out,
                    ScProject *project)
{
  g_autoptr(GArray) excluded = sc_project_list_exclusions (project, NULL);
  g_autofree char *revenue_text = NULL;
  ScDay first, last;
  double revenue = 0;
  guint64 orders = 0;

  if (!sc_project_get_summary (project, &first, &last, &revenue, &orders))
    {
      revenue = 0;
      orders = 0;
    }
  revenue_text = json_number (revenue);
  g_string_append_printf (out, ", \"orders\": %" PRIu64 ", \"revenue\": %s, "
                          "\"excluded_orders\": {", orders, revenue_text);
  for (guint i = 0; excluded != NULL && i < excluded->len; i++)
    {
      const ScImportExclusion *e = &g_array_index (excluded, ScImportExclusion, i);
      g_autofree char *reason = json_escape (e->reason);
      g_autofree char *amount = json_number (e->revenue);

      g_string_append_printf (out, "%s%s: {\"orders\": %" PRIu64 ", \"revenue\": %s}",
                              i > 0 ? ", " : "", reason, e->orders, amount);
    }
  g_string_append_c (out, '}');
}

static void
print_json (ScProject *project)
{
  const ScRun *run = sc_project_get_run (project);
  GString *out = g_string_new ("{");

  g_string_append_printf (out, "\"customers\": %" PRIu64 ", \"transactions\": %"
                          PRIu64 ", \"rejected_rows\": %" PRIu64,
                          sc_project_get_n_customers (project),
                          sc_project_get_n_transactions (project), sc_project_get_n_rejected_rows (project));
  {
    ScCurrencySource source;
    const char *currency = sc_project_get_currency (project, &source);
    static const char * const sources[] = { NULL, "brief", "data", "locale" };

    if (currency != NULL)
      g_string_append_printf (out, ", \"currency\": \"%s\", \"currency_source\": \"%s\"",
                              currency, sources[source]);
    else
      g_string_append (out, ", \"currency\": null, \"currency_source\": null");
  }
  append_orders_json (out, project);
  if (run == NULL)
    g_string_append (out, ", \"k\": null, \"inertia\": null, \"silhouette\": null, "
                          "\"segments\": []");
  else
    {
      g_autofree char *inertia = json_number (run->inertia);
      g_autofree char *silhouette = json_number (run->silhouette);
      g_autofree char *as_of = sc_day_format (run->params.as_of);
      g_autofree guint *order = sc_run_priority_order (run);
      g_autoptr(ScPlans) plans = sc_project_plan (project, run, NULL, NULL);
      g_autoptr(ScProfit) profit = sc_project_load_profit (project, NULL);
      guint n_profit = 0;
      g_autofree ScSegmentProfit *seg_profit = sc_project_segment_profit (project, profit,
                                                                          &n_profit);
      g_auto(GStrv) sets = sc_feature_sets_names (sc_feature_sets_of (run->params.features,
                                                                      run->params.n_features));

      /* the feature sets the run was built on ("rfm", "engagement", …) */
      g_string_append (out, ", \"features\": [");
      for (guint i = 0; sets[i] != NULL; i++)
        g_string_append_printf (out, "%s\"%s\"", i > 0 ? ", " : "", sets[i]);
      g_string_append (out, "], \"feature_columns\": [");
      for (guint i = 0; i < run->params.n_features; i++)
        g_string_append_printf (out, "%s\"%s\"", i > 0 ? ", " : "",
                                sc_feature_to_string (run->params.features[i]));
      g_string_append (out, "]");
      g_string_append_printf (out, ", \"k\": %u, \"k_auto\": %s, \"as_of\": \"%s\", "
                              "\"stale\": %s, \"inertia\": %s, \"silhouette\": %s, "
                              "\"segments\": [",
                              run->k, run->k_auto ? "true" : "false", as_of,
                              sc_project_get_run_is_stale (project) ? "true" : "false", inertia,
                              silhouette);
      /* In priority order: top accounts first by default, anomalies last. */
      for (guint i = 0; i < run->n_segments; i++)
        {
          const ScSegmentInfo *s = &run->segments[order[i]];
          g_autofree char *name = json_escape (s->name);
          g_autofree char *revenue = json_number (s->revenue);
          g_autofree char *share = json_number (s->share);
          g_autofree char *rshare = json_number (s->revenue_share);
          g_autofree char *r = json_number (s->recency);
          g_autofree char *f = json_number (s->frequency);
          g_autofree char *m = json_number (s->monetary);
          g_autofree char *value = json_number (s->value);
          g_autofree char *potential = json_number (s->potential);
          g_autofree char *p_alive = json_number (s->p_alive);
          g_autofree char *quadrant = s->quadrant ? json_escape (s->quadrant) : g_strdup ("null");

          g_string_append_printf (out, "%s{\"id\": %u, \"name\": %s, \"size\": %" PRIu64
                                  ", \"share\": %s, \"revenue\": %s, \"revenue_share\": %s, "
                                  "\"kind\": \"%s\", \"priority\": %u, "
                                  "\"is_outliers\": %s, \"centroid\": {\"recency\": %s, "
                                  "\"frequency\": %s, \"monetary\": %s}, \"value\": %s, "
                                  "\"potential\": %s, \"quadrant\": %s, \"p_alive\": %s}",
                                  i > 0 ? ", " : "", s->position + 1, name, s->size, share,
                                  revenue, rshare, sc_segment_kind_to_string (s->kind),
                                  s->priority, s->is_outliers ? "true" : "false", r, f, m,
                                  value, potential, quadrant, p_alive);
          /* Inside the segment's object: its plan, set or suggested (cli-edit.c). */
          g_string_truncate (out, out->len - 1);
          g_string_append (out, ", \"plan\": ");
          append_plan_json (out, plans, s->position);
          /* Issue 18: when cost or margin is known. */
          if (s->position < n_profit)
            {
              g_autofree char *p = json_number (seg_profit[s->position].profit);
              g_autofree char *ps = json_number (seg_profit[s->position].share);
              g_string_append_printf (out, ", \"profit\": %s, \"profit_share\": %s", p, ps);
            }
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
      {
        g_autofree char *vt = json_number (run->value_threshold);
        g_autofree char *pt = json_number (run->potential_threshold);
        g_string_append_printf (out, ", \"value_threshold\": %s, \"potential_threshold\": %s",
                                vt, pt);
      }
    }
  g_string_append (out, "}\n");
  g_print ("%s", out->str);
  g_string_free (out, TRUE);
}

int
cmd_show (int    argc,
          char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  const ScRun *run;
  if (!parse_project_json_args (&argc, &argv, _("PROJECT — show the data and the current segments"),
                                N_("Print one JSON object"), _("show takes one PROJECT file"),
                                &json))
    return EXIT_USAGE;

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);

  if (json)
    {
      print_json (project);
      return EXIT_SUCCESS;
    }

  {
    g_autofree char *customers = sc_format_count (sc_project_get_n_customers (project));
    g_autofree char *transactions = sc_format_count (sc_project_get_n_transactions (project));
    g_autofree char *rejected = sc_format_count (sc_project_get_n_rejected_rows (project));

    /* Translators: "20,000 customers, 74,370 transactions, 0 rejected rows" */
    g_print (_("%s customers, %s transactions, %s rejected rows\n"), customers, transactions,
             rejected);
  }
  run = sc_project_get_run (project);
  if (run == NULL)
    g_print (_("Not segmented yet: run “segments-cli segment %s”.\n"), argv[1]);
  else
    {
      print_run (run, sc_project_get_currency (project, NULL));
      print_value_model (project);
      if (sc_project_get_run_is_stale (project))
        g_print (_("Data was imported after these segments were made: run “segments-cli "
                   "assign %s” to place new customers in them, or “segments-cli segment %s” "
                   "to segment again.\n"), argv[1], argv[1]);
    }
  return EXIT_SUCCESS;
}

