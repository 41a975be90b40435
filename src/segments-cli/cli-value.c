/* cli-value.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Customer value from a terminal: clv (the BG/NBD and Gamma-Gamma models on all the data,
 * with a holdout check of a fit up to --until against what followed, which never replaces
 * the model) and rfm (the score thresholds). */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-value.h"


/* ------------------------------------------------------------------------------------------ */
/* clv                                                                                         */

typedef struct
{
  ScProject         *project;
  ScPotentialParams  params;
} ClvWork;

static gpointer
clv_work (gpointer  data,
          GError  **error)
{
  ClvWork *w = data;

  return sc_project_fit_value_model (w->project, &w->params, cli.job, cli.cancellable, error);
}

static char *
json_text_or_null (const char *text)
{
  return text != NULL ? json_escape (text) : g_strdup ("null");
}

static char *
json_day (ScDay day)
{
  g_autofree char *text = sc_day_format (day);

  return json_escape (text);
}

static void
append_holdout_json (GString           *out,
                     const ScPotential *pot)
{
  g_autofree char *start = json_day (pot->holdout_start);
  g_autofree char *end = json_day (pot->holdout_end);
  g_autofree char *note = json_text_or_null (pot->holdout_note);
  g_autofree char *mae = NULL, *ratio = NULL, *predicted = NULL, *actual = NULL;
  g_autofree char *r = NULL, *alpha = NULL, *a = NULL, *b = NULL;
  double total_predicted, total_actual;
  gsize customers;

  if (!pot->has_holdout)
    {
      g_string_append_printf (out, ", \"holdout\": null, \"holdout_note\": %s", note);
      return;
    }

  sc_potential_holdout_totals (pot, &customers, &total_predicted, &total_actual);
  mae = json_number (pot->holdout_mae);
  ratio = json_number (pot->holdout_ratio);
  predicted = json_number (total_predicted);
  actual = json_number (total_actual);
  r = json_number (pot->holdout_bg.r);
  alpha = json_number (pot->holdout_bg.alpha);
  a = json_number (pot->holdout_bg.a);
  b = json_number (pot->holdout_bg.b);
  g_string_append_printf (out, ", \"holdout\": {\"calibration_end\": %s, \"end\": %s, "
                          "\"customers\": %" "zu" ", \"predicted\": %s, \"actual\": %s, "
                          "\"mae\": %s, \"total_ratio\": %s, \"bgnbd\": {\"r\": %s, "
                          "\"alpha\": %s, \"a\": %s, \"b\": %s}, \"groups\": [",
                          start, end, customers, predicted, actual, mae, ratio, r, alpha, a, b);
  for (guint g = 0; g < pot->n_groups; g++)
    {
      g_autofree char *pr = json_number (pot->group_predicted[g]);
      g_autofree char *ac = json_number (pot->group_actual[g]);

      g_string_append_printf (out, "%s{\"x\": %u, \"or_more\": %s, \"customers\": %" "zu"
                              ", \"predicted\": %s, \"actual\": %s}", g > 0 ? ", " : "",
                              pot->group_x[g], g + 1 == pot->n_groups ? "true" : "false",
                              pot->group_customers[g], pr, ac);
    }
  g_string_append (out, "]}, \"holdout_note\": null");
}

static void
print_potential_json (const ScPotential *pot)
{
  g_autofree char *as_of = json_day (pot->params.until);
  g_autofree char *note = json_text_or_null (sc_potential_get_note (pot));
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"as_of\": %s, \"time_unit\": \"%s\", \"horizon_months\": %u, "
                          "\"potential\": %s, \"potential_note\": %s",
                          as_of, pot->params.unit == SC_TIME_UNIT_DAY ? "day" : "week",
                          pot->params.horizon_months,
                          sc_potential_get_note (pot) == NULL ? "true" : "false", note);
  if (pot->has_bg)
    {
      g_autofree char *r = json_number (pot->bg.r);
      g_autofree char *alpha = json_number (pot->bg.alpha);
      g_autofree char *a = json_number (pot->bg.a);
      g_autofree char *b = json_number (pot->bg.b);
      g_autofree char *ll = json_number (pot->bg.log_likelihood);

      g_string_append_printf (out, ", \"bgnbd\": {\"r\": %s, \"alpha\": %s, \"a\": %s, "
                              "\"b\": %s, \"log_likelihood\": %s, \"customers\": %" "zu"
                              ", \"converged\": %s}", r, alpha, a, b, ll, pot->bg.customers,
                              pot->bg.converged ? "true" : "false");
    }
  else
    g_string_append (out, ", \"bgnbd\": null");
  if (pot->has_gg)
    {
      g_autofree char *p = json_number (pot->gg.p);
      g_autofree char *q = json_number (pot->gg.q);
      g_autofree char *gamma = json_number (pot->gg.gamma);
      g_autofree char *corr = json_number (pot->gg.frequency_spend_correlation);

      g_string_append_printf (out, ", \"gamma_gamma\": {\"p\": %s, \"q\": %s, \"gamma\": %s, "
                              "\"customers\": %" "zu" ", \"excluded\": %"
                              "zu" ", \"frequency_spend_correlation\": %s}",
                              p, q, gamma, pot->gg.customers, pot->gg.excluded, corr);
    }
  else
    {
      g_autofree char *gg_note = json_text_or_null (pot->gg_note);
      g_string_append_printf (out, ", \"gamma_gamma\": null, \"gamma_gamma_note\": %s",
                              gg_note);
    }
  append_holdout_json (out, pot);
  g_string_append (out, "}\n");
  g_print ("%s", out->str);
  g_string_free (out, TRUE);
}

static void
print_holdout (const ScPotential *pot)
{
  g_autofree char *start = sc_day_format (pot->holdout_start);
  g_autofree char *end = sc_day_format (pot->holdout_end);
  double total_predicted, total_actual;
  gsize customers;

  if (!pot->has_holdout)
    {
      if (pot->holdout_note != NULL)
        g_print ("%s\n", pot->holdout_note);
      return;
    }

  sc_potential_holdout_totals (pot, &customers, &total_predicted, &total_actual);
  g_print (_("Holdout check (the model above is unchanged): a purchase model fitted on the data "
             "up to %s (r = %.4g, α = %.4g, a = %.4g, b = %.4g) predicted the repeat purchases "
             "of the %" "zu" " customers of that period up to %s\n"),
           start, pot->holdout_bg.r, pot->holdout_bg.alpha, pot->holdout_bg.a,
           pot->holdout_bg.b, customers, end);
  g_print (_("  Predicted %.1f purchases, actual %.0f (predicted/actual %.3f); mean absolute "
             "error %.3f per customer\n"), total_predicted, total_actual, pot->holdout_ratio,
           pot->holdout_mae);
  g_print ("  %-26s %10s %12s %12s\n", _("Purchases before holdout"), _("Customers"),
           _("Predicted"), _("Actual"));
  for (guint g = 0; g < pot->n_groups; g++)
    {
      char label[16];

      g_snprintf (label, sizeof label, g + 1 == pot->n_groups ? "%u+" : "%u", pot->group_x[g]);
      g_print ("  %-26s %10" "zu" " %12.3f %12.3f\n", label, pot->group_customers[g],
               pot->group_predicted[g], pot->group_actual[g]);
    }
  g_print ("  %-26s %10" "zu" " %12.3f %12.3f\n", _("All (mean per customer)"), customers,
           customers > 0 ? total_predicted / customers : NAN,
           customers > 0 ? total_actual / customers : NAN);
}

static void
print_potential (const ScPotential *pot)
{
  g_autofree char *as_of = sc_day_format (pot->params.until);
  const char *unit = pot->params.unit == SC_TIME_UNIT_DAY ? _("days") : _("weeks");
  const char *note = sc_potential_get_note (pot);

  if (pot->has_bg)
    g_print (_("Purchase model (BG/NBD, time in %s, data up to %s): r = %.4g, α = %.4g, "
               "a = %.4g, b = %.4g; log-likelihood %.2f over %" "zu" " customers%s\n"),
             unit, as_of, pot->bg.r, pot->bg.alpha, pot->bg.a, pot->bg.b,
             pot->bg.log_likelihood, pot->bg.customers,
             pot->bg.converged ? "" : _(" (did not fully converge)"));
  if (pot->has_gg)
    g_print (_("Spend model (Gamma-Gamma): p = %.4g, q = %.4g, γ = %.4g over %" "zu"
               " repeat buyers (%" "zu" " left out); frequency–spend correlation "
               "%.3f%s\n"),
             pot->gg.p, pot->gg.q, pot->gg.gamma, pot->gg.customers, pot->gg.excluded,
             pot->gg.frequency_spend_correlation,
             fabs (pot->gg.frequency_spend_correlation) > 0.3
               ? _(" — spend depends on frequency, so value estimates are less reliable") : "");
  if (note != NULL)
    g_print (_("Not enough data to estimate potential (data up to %s): %s. Segments are placed "
               "by current value only.\n"), as_of, note);
  print_holdout (pot);
}

int
cmd_clv (int    argc,
         char **argv)
{
  g_autofree char *until = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *horizon = NULL;
  g_autofree char *discount = NULL;
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScPotential) pot = NULL;
  ClvWork work = { 0 };
  guint64 v;
  const GOptionEntry entries[] = {
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Holdout check: also fit on the transactions up to this date and compare with what followed; the stored model always uses all the data"), "DATE" },
    { "time-unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Time unit of the purchase model: day or week (default week)"), "UNIT" },
    { "horizon-months", 0, 0, G_OPTION_ARG_STRING, &horizon, N_("Horizon of the expected value, in months (default 12)"), "N" },
    { "discount-rate", 0, 0, G_OPTION_ARG_STRING, &discount, N_("Annual discount rate (default 0.10)"), "RATE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — fit the customer value models (BG/NBD, Gamma-Gamma)"),
                           entries, _("clv takes one PROJECT file")))
    return EXIT_USAGE;

  sc_potential_params_init (&work.params);
  if (until != NULL && !sc_parse_date (until, SC_DATE_ORDER_AUTO, &work.params.until))
    return usage_error (_("--until takes a date such as 2025-06-30 (got “%s”)"), until);
  if (unit != NULL)
    {
      if (g_str_equal (unit, "day"))
        work.params.unit = SC_TIME_UNIT_DAY;
      else if (g_str_equal (unit, "week"))
        work.params.unit = SC_TIME_UNIT_WEEK;
      else
        return usage_error (_("--time-unit takes day or week (got “%s”)"), unit);
    }
  if (horizon != NULL)
    {
      if (!parse_uint (horizon, 120, &v) || v < 1)
        return usage_error (_("--horizon-months takes a number from 1 to 120 (got “%s”)"),
                            horizon);
      work.params.horizon_months = (guint) v;
    }
  if (discount != NULL)
    {
      char *end = NULL;
      double rate = g_ascii_strtod (discount, &end);

      if (end == discount || *end != '\0' || !(rate >= 0 && rate < 10))
        return usage_error (_("--discount-rate takes a rate such as 0.1 (got “%s”)"), discount);
      work.params.annual_discount_rate = rate;
    }

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);
  work.project = project;
  pot = run_cancellable (clv_work, &work, &error);
  if (pot == NULL)
    return report_error (error);

  if (json)
    print_potential_json (pot);
  else
    print_potential (pot);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------------ */
/* rfm                                                                                         */

static gboolean
parse_thresholds (const char *text,
                  double     *t)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      t[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0' || !isfinite (t[i]) || (i > 0 && t[i] < t[i - 1]))
        return FALSE;
    }
  return TRUE;
}

int
cmd_rfm (int    argc,
         char **argv)
{
  g_autofree char *recency = NULL;
  g_autofree char *frequency = NULL;
  g_autofree char *monetary = NULL;
  gboolean reset = FALSE, json = FALSE, custom = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  guint64 counts[SC_N_RFM_NAMES] = { 0 };
  ScRfmThresholds t;
  const GOptionEntry entries[] = {
    { "recency", 0, 0, G_OPTION_ARG_STRING, &recency, N_("Recency thresholds in days: four rising numbers; at most the first scores 5"), "A,B,C,D" },
    { "frequency", 0, 0, G_OPTION_ARG_STRING, &frequency, N_("Frequency thresholds in orders: at most the first scores 1"), "A,B,C,D" },
    { "monetary", 0, 0, G_OPTION_ARG_STRING, &monetary, N_("Spend thresholds: at most the first scores 1"), "A,B,C,D" },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset, N_("Go back to quintiles of the data"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — show or set the RFM score thresholds"),
                           entries, _("rfm takes one PROJECT file")))
    return EXIT_USAGE;

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL || !sc_project_get_rfm_thresholds (project, &t, &custom, &error))
    return report_error (error);

  if (reset)
    {
      /* Without thresholds of its own, the project uses the quintiles of the data. */
      if (!sc_project_set_rfm_thresholds (project, NULL, &error) ||
          !sc_project_get_rfm_thresholds (project, &t, &custom, &error))
        return report_error (error);
    }
  if (recency != NULL || frequency != NULL || monetary != NULL)
    {
      if ((recency != NULL && !parse_thresholds (recency, t.recency)) ||
          (frequency != NULL && !parse_thresholds (frequency, t.frequency)) ||
          (monetary != NULL && !parse_thresholds (monetary, t.monetary)))
        return usage_error (_("thresholds are four rising numbers separated by commas, "
                              "such as 30,90,180,365"));
      if (!sc_project_set_rfm_thresholds (project, &t, &error))
        return report_error (error);
      custom = TRUE;
    }

  if (!sc_project_count_rfm_names (project, &t, counts, &error))
    return report_error (error);

  if (json)
    {
      GString *out = g_string_new ("{");
      const char *rows[] = { "recency", "frequency", "monetary" };
      const double *values[] = { t.recency, t.frequency, t.monetary };

      g_string_append_printf (out, "\"custom\": %s", custom ? "true" : "false");
      for (guint k = 0; k < 3; k++)
        {
          g_string_append_printf (out, ", \"%s\": [", rows[k]);
          for (guint i = 0; i < 4; i++)
            {
              g_autofree char *v = json_number (values[k][i]);
              g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", v);
            }
          g_string_append_c (out, ']');
        }
      g_string_append (out, ", \"customers\": {");
      for (guint n = 0; n < SC_N_RFM_NAMES; n++)
        g_string_append_printf (out, "%s\"%s\": %" PRIu64, n > 0 ? ", " : "",
                                sc_rfm_name_to_string (n), counts[n]);
      g_string_append (out, "}}\n");
      g_print ("%s", out->str);
      g_string_free (out, TRUE);
      return EXIT_SUCCESS;
    }

  g_print (custom ? _("RFM thresholds set for this project:\n")
                  : _("RFM thresholds (quintiles of the data):\n"));
  g_print (_("  Recency (days):  %g, %g, %g, %g  (at most the first scores 5)\n"),
           t.recency[0], t.recency[1], t.recency[2], t.recency[3]);
  g_print (_("  Frequency:       %g, %g, %g, %g  (at most the first scores 1)\n"),
           t.frequency[0], t.frequency[1], t.frequency[2], t.frequency[3]);
  g_print (_("  Spend:           %.2f, %.2f, %.2f, %.2f  (at most the first scores 1)\n"),
           t.monetary[0], t.monetary[1], t.monetary[2], t.monetary[3]);
  g_print (_("Customers by RFM group:\n"));
  for (guint n = 0; n < SC_N_RFM_NAMES; n++)
    g_print ("  %-20s %10" PRIu64 "\n", sc_rfm_name_to_label (n), counts[n]);
  return EXIT_SUCCESS;
}

