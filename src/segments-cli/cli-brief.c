/* cli-brief.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* segments-cli brief: shows the project brief, or sets the parts given.  Every option that
 * is given replaces that part (the repeatable --kpi and --stakeholder replace the whole
 * list), and all of them are saved in one transaction; an empty value clears a part. */

#include "config.h"

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-common.h"

/* A list option given once as "" clears the list. */
static gboolean
clears (char **values)
{
  return g_strv_length (values) == 1 && *g_strstrip (values[0]) == '\0';
}

static void
json_field (GString    *out,
            const char *key,
            const char *value,
            gboolean    last)
{
  if (value != NULL)
    {
      g_autofree char *s = json_escape (value);
      g_string_append_printf (out, "  \"%s\": %s%s\n", key, s, last ? "" : ",");
    }
  else
    g_string_append_printf (out, "  \"%s\": null%s\n", key, last ? "" : ",");
}

static void
print_json (const ScBrief *brief)
{
  GString *out = g_string_new ("{\n");

  json_field (out, "objective", brief->objective, FALSE);
  json_field (out, "goal", brief->goal, FALSE);
  g_string_append (out, "  \"kpis\": [");
  for (guint i = 0; i < brief->kpis->len; i++)
    {
      const ScBriefKpi *k = &g_array_index (brief->kpis, ScBriefKpi, i);
      g_autofree char *name = json_escape (k->name);
      g_autofree char *baseline = json_number (k->baseline);
      g_autofree char *target = json_number (k->target);
      const char *id = sc_brief_kpi_id (k->name);
      g_autofree char *kpi_id = id != NULL ? json_escape (id) : g_strdup ("null");

      g_string_append_printf (out, "%s\n    {\"name\": %s, \"baseline\": %s, \"target\": %s, "
                                   "\"id\": %s}",
                              i > 0 ? "," : "", name, baseline, target, kpi_id);
    }
  g_string_append (out, brief->kpis->len > 0 ? "\n  ],\n" : "],\n");
  g_string_append (out, "  \"stakeholders\": [");
  for (guint i = 0; i < brief->stakeholders->len; i++)
    {
      const ScStakeholder *s = &g_array_index (brief->stakeholders, ScStakeholder, i);
      g_autofree char *name = json_escape (s->name);
      g_autofree char *team = s->team != NULL ? json_escape (s->team) : g_strdup ("null");

      g_string_append_printf (out, "%s\n    {\"name\": %s, \"team\": %s, \"role\": \"%s\"}",
                              i > 0 ? "," : "", name, team,
                              sc_stakeholder_role_to_string (s->role));
    }
  g_string_append (out, brief->stakeholders->len > 0 ? "\n  ],\n" : "],\n");
  json_field (out, "scope", brief->scope, FALSE);
  json_field (out, "review_date", brief->review_date, FALSE);
  json_field (out, "currency", brief->currency, TRUE);
  g_string_append (out, "}\n");
  g_print ("%s", out->str);
  g_string_free (out, TRUE);
}

static void
print_line (const char *label,
            const char *value)
{
  g_autofree char *text = terminal_text (value != NULL ? value : _("not set"), FALSE);

  g_print ("%-14s %s\n", label, text);
}

static void
print_readable (const ScBrief *brief)
{
  if (sc_brief_is_empty (brief))
    {
      g_print (_("This project has no brief yet. Set one with, for example:\n"
                 "  segments-cli brief PROJECT --objective \"%s\" --kpi \"repeat rate=40%%\"\n"),
               sc_brief_objective_suggestions ()[0]);
      return;
    }
  print_line (_("Objective:"), brief->objective);
  print_line (_("Goal:"), brief->goal);
  print_line (_("Scope:"), brief->scope);
  print_line (_("Review date:"), brief->review_date);
  print_line (_("Currency:"), brief->currency);

  g_print ("%s\n", _("Success KPIs:"));
  if (brief->kpis->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; i < brief->kpis->len; i++)
    {
      const ScBriefKpi *k = &g_array_index (brief->kpis, ScBriefKpi, i);
      g_autofree char *name = terminal_text (k->name, FALSE);
      g_autofree char *baseline = sc_brief_format_kpi_value (brief, k->name, k->baseline);
      g_autofree char *target = sc_brief_format_kpi_value (brief, k->name, k->target);

      if (sc_brief_kpi_id (k->name) != NULL)
        /* Translators: a KPI: its name, its value now, the target */
        g_print (_("  %s: %s now, target %s\n"), name, baseline, target);
      else
        /* Translators: a KPI the product cannot measure: its name and target */
        g_print (_("  %s: target %s (not measured from the data)\n"), name, target);
    }

  g_print ("%s\n", _("Stakeholders:"));
  if (brief->stakeholders->len == 0)
    g_print ("  %s\n", _("none"));
  for (guint i = 0; i < brief->stakeholders->len; i++)
    {
      const ScStakeholder *s = &g_array_index (brief->stakeholders, ScStakeholder, i);
      g_autofree char *name = terminal_text (s->name, FALSE);
      g_autofree char *team = terminal_text (s->team != NULL ? s->team : "", FALSE);

      g_print ("  %s%s%s — %s\n", name, *team != '\0' ? ", " : "", team,
               sc_stakeholder_role_to_label (s->role));
    }
}

int
cmd_brief (int    argc,
           char **argv)
{
  g_autofree char *objective = NULL;
  g_autofree char *goal = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *review_date = NULL;
  g_autofree char *currency = NULL;
  g_auto(GStrv) kpis = NULL;
  g_auto(GStrv) stakeholders = NULL;
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScBrief) brief = NULL;
  g_autoptr(ScBrief) edited = NULL;
  const GOptionEntry entries[] = {
    { "objective", 0, 0, G_OPTION_ARG_STRING, &objective, N_("What the segments are for, such as “Grow revenue from the best customers”"), N_("TEXT") },
    { "goal", 0, 0, G_OPTION_ARG_STRING, &goal, N_("The business goal the objective serves"), N_("TEXT") },
    { "kpi", 0, 0, G_OPTION_ARG_STRING_ARRAY, &kpis, N_("A success KPI and its target; repeat to list several (replaces the list; \"\" clears it). Measured from the data: repeat rate, 90-day churn, top segment revenue, revenue, customers, order value"), N_("NAME=TARGET") },
    { "stakeholder", 0, 0, G_OPTION_ARG_STRING_ARRAY, &stakeholders, N_("A stakeholder; ROLE is sponsor, approver or user; repeat to list several (replaces the list; \"\" clears it)"), N_("NAME, TEAM, ROLE") },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &scope, N_("Customers and period included, deliverables"), N_("TEXT") },
    { "review-date", 0, 0, G_OPTION_ARG_STRING, &review_date, N_("When the segments are reviewed"), N_("YYYY-MM-DD") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("The project’s currency, an ISO 4217 code"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the brief as one JSON object"), NULL },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — show the project brief, or set its parts (\"\" clears "
                             "one)"),
                           entries, _("brief takes one PROJECT file")))
    return EXIT_USAGE;

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);
  brief = sc_project_load_brief (project, &error);
  if (brief == NULL)
    return report_error (error);

  edited = sc_brief_copy (brief);
  if (objective != NULL)
    sc_brief_set_text (&edited->objective, objective);
  if (goal != NULL)
    sc_brief_set_text (&edited->goal, goal);
  if (scope != NULL)
    sc_brief_set_text (&edited->scope, scope);
  if (review_date != NULL)
    sc_brief_set_text (&edited->review_date, review_date);
  if (currency != NULL)
    {
      sc_brief_set_text (&edited->currency, currency);
      if (edited->currency != NULL)
        {
          g_autofree char *up = g_ascii_strup (edited->currency, -1);

          g_free (edited->currency);
          edited->currency = g_steal_pointer (&up);
        }
    }
  if (kpis != NULL)
    {
      g_array_set_size (edited->kpis, 0);
      for (guint i = 0; !clears (kpis) && kpis[i] != NULL; i++)
        {
          g_autofree char *name = NULL;
          double target;

          if (!sc_brief_parse_kpi (kpis[i], &name, &target, &error))
            return usage_error ("%s", error->message);
          sc_brief_add_kpi (edited, name, target);
        }
    }
  if (stakeholders != NULL)
    {
      g_array_set_size (edited->stakeholders, 0);
      for (guint i = 0; !clears (stakeholders) && stakeholders[i] != NULL; i++)
        {
          ScStakeholder s;

          if (!sc_brief_parse_stakeholder (stakeholders[i], &s, &error))
            return usage_error ("%s", error->message);
          g_array_append_val (edited->stakeholders, s);
        }
    }
  if (!sc_brief_validate (edited, &error))
    return usage_error ("%s", error->message);

  if (!sc_brief_equal (brief, edited))
    {
      g_clear_pointer (&brief, sc_brief_free);
      if (!sc_project_set_brief (project, edited, &error) ||
          (brief = sc_project_load_brief (project, &error)) == NULL)
        return report_error (error);
    }

  if (json)
    print_json (brief);
  else
    print_readable (brief);
  return EXIT_SUCCESS;
}
