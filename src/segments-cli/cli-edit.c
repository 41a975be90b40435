/* cli-edit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The editor from a terminal: edit (every field the app's editor sets, accepting the
 * suggested plan, in one transaction) and plan (each segment's plan, set or suggested, and
 * the decisions still needed). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-export.h"


static const char * const plan_field_names[] = {
  "objective", "tactics", "tier", "channel", "cadence", "kpi",
};

/* ------------------------------------------------------------------------------------------ */
/* The plan as JSON (show --json prints it too)                                               */

/* Appends @prefix (punctuation and a key) and @text as a JSON string, or null. */
static void
append_member (GString    *out,
               const char *prefix,
               const char *text)
{
  g_string_append (out, prefix);
  sc_json_append_string (out, text);
}

void
append_plan_json (GString       *out,
                  const ScPlans *plans,
                  guint          position)
{
  const ScPlan *plan;
  g_autofree char *kpi_value = NULL;
  gboolean first = TRUE;

  if (plans == NULL || position >= plans->n_segments)
    {
      g_string_append (out, "null");
      return;
    }
  plan = &plans->plans[position];
  kpi_value = json_number (plan->kpi_value);

  append_member (out, "{\"situation\": ", sc_plan_situation_to_string (plan->situation));
  append_member (out, ", \"objective\": ", plan->objective);
  g_string_append (out, ", \"tactics\": [");
  for (guint i = 0; plan->tactics != NULL && plan->tactics[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      sc_json_append_string (out, plan->tactics[i]);
    }
  append_member (out, "], \"tier\": ", plan->tier);
  append_member (out, ", \"tier_meaning\": ", plan->tier_meaning);
  append_member (out, ", \"channel\": ", plan->channel);
  append_member (out, ", \"cadence\": ", plan->cadence);
  append_member (out, ", \"kpi\": {\"key\": ", sc_plan_kpi_to_string (plan->kpi));
  append_member (out, ", \"name\": ", plan->kpi_name);
  g_string_append_printf (out, ", \"value\": %s, \"text\": ", kpi_value);
  sc_json_append_string (out, plan->kpi_text);
  g_string_append (out, "}, \"suggested\": [");
  for (guint f = 0; f < G_N_ELEMENTS (plan_field_names); f++)
    if (plan->suggested & (1u << f))
      {
        g_string_append_printf (out, "%s\"%s\"", first ? "" : ", ", plan_field_names[f]);
        first = FALSE;
      }
  g_string_append (out, "]}");
}

/* ------------------------------------------------------------------------------------------ */
/* plan                                                                                        */

static const char *
decision_kind_string (ScDecisionKind kind)
{
  switch (kind)
    {
    case SC_DECISION_OWNER: return "owner";
    case SC_DECISION_UNSTABLE: return "unstable";
    case SC_DECISION_PLAN: return "plan";
    case SC_DECISION_ANOMALIES: return "anomalies";
    default: g_return_val_if_reached (NULL);
    }
}

static void
print_plan_json (const ScRun         *run,
                 const ScPlans       *plans,
                 const ScSegmentInfo *only,
                 GPtrArray           *decisions)
{
  g_autoptr(GString) out = g_string_new ("{\"plans\": [");
  g_autofree guint *order = sc_run_priority_order (run);
  gboolean first = TRUE;

  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];

      if (only != NULL && only != s)
        continue;
      g_string_append_printf (out, "%s{\"id\": %u, \"name\": ", first ? "" : ", ",
                              s->position + 1);
      sc_json_append_string (out, s->name);
      g_string_append (out, ", \"owner\": ");
      if (s->owner != NULL)
        sc_json_append_string (out, s->owner);
      else
        g_string_append (out, "null");
      g_string_append_printf (out, ", \"priority\": %u, \"plan\": ", s->priority);
      append_plan_json (out, plans, s->position);
      g_string_append_c (out, '}');
      first = FALSE;
    }
  g_string_append (out, "], \"decisions\": [");
  for (guint i = 0; i < decisions->len; i++)
    {
      const ScDecision *d = g_ptr_array_index (decisions, i);

      g_string_append_printf (out, "%s{\"kind\": \"%s\", \"id\": %u, \"text\": ",
                              i > 0 ? ", " : "", decision_kind_string (d->kind),
                              d->position + 1);
      sc_json_append_string (out, d->text);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}\n");
  g_print ("%s", out->str);
}

static void
print_line (const char *label,
            const char *text,
            gboolean    suggested)
{
  g_autofree char *safe = terminal_text (text, FALSE);

  g_print ("  %-12s %s%s\n", label, safe, suggested ? _("  (suggested)") : "");
}

static void
print_plan (const ScSegmentInfo *s,
            const ScPlan        *plan)
{
  g_autofree char *name = terminal_text (s->name, FALSE);

  g_print (_("%u. %s (rank %u)\n"), s->position + 1, name, s->priority);
  print_line (_("Objective"), plan->objective, plan->suggested & SC_PLAN_FIELD_OBJECTIVE);
  for (guint i = 0; plan->tactics != NULL && plan->tactics[i] != NULL; i++)
    print_line (i == 0 ? _("Tactics") : "", plan->tactics[i],
                i == 0 && (plan->suggested & SC_PLAN_FIELD_TACTICS));
  print_line (_("Service"), plan->tier_meaning, plan->suggested & SC_PLAN_FIELD_TIER);
  print_line (_("Channel"), plan->channel, plan->suggested & SC_PLAN_FIELD_CHANNEL);
  print_line (_("Cadence"), plan->cadence, plan->suggested & SC_PLAN_FIELD_CADENCE);
  {
    g_autofree char *kpi = g_strdup_printf (_("%s: %s"), plan->kpi_name, plan->kpi_text);

    print_line (_("KPI"), kpi, plan->suggested & SC_PLAN_FIELD_KPI);
  }
  if (s->owner != NULL)
    print_line (_("Owner"), s->owner, FALSE);
  else
    print_line (_("Owner"), _("to be decided (see Decisions needed)"), FALSE);
}

static void
print_decisions (GPtrArray *decisions)
{
  if (decisions->len == 0)
    {
      g_print ("\n%s\n", _("No decisions needed."));
      return;
    }
  g_print ("\n%s\n", _("Decisions needed:"));
  for (guint i = 0; i < decisions->len; i++)
    {
      const ScDecision *d = g_ptr_array_index (decisions, i);
      g_autofree char *text = terminal_text (d->text, FALSE);

      g_print ("  • %s\n", text);
    }
}

static int
show_plans (ScProject           *project,
            const ScSegmentInfo *only,
            gboolean             json)
{
  g_autoptr(GError) error = NULL;
  const ScRun *run = sc_project_get_run (project);
  g_autoptr(ScPlans) plans = sc_project_plan (project, run, cli.cancellable, &error);
  g_autoptr(GPtrArray) decisions = NULL;
  g_autofree guint *order = NULL;
  gboolean first = TRUE;

  if (plans == NULL)
    return report_error (error);
  decisions = sc_project_get_decisions (project, plans);
  if (only != NULL)
    for (guint i = decisions->len; i-- > 0;)
      if (((ScDecision *) g_ptr_array_index (decisions, i))->position != only->position)
        g_ptr_array_remove_index (decisions, i);

  if (json)
    {
      print_plan_json (run, plans, only, decisions);
      return EXIT_SUCCESS;
    }
  order = sc_run_priority_order (run);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];

      if (only != NULL && only != s)
        continue;
      if (!first)
        g_print ("\n");
      print_plan (s, &plans->plans[s->position]);
      first = FALSE;
    }
  print_decisions (decisions);
  return EXIT_SUCCESS;
}

int
cmd_plan (int    argc,
          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autofree char *segment = NULL;
  const ScSegmentInfo *only = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment, N_("Only this segment, by number or name"), "ID|NAME" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — show each segment’s plan and the decisions needed"),
                           entries, _("plan takes one PROJECT file")))
    return EXIT_USAGE;

  project = open_segmented_project (argv[1], &error);
  if (project == NULL)
    return report_error (error);
  if (segment != NULL)
    {
      only = sc_project_find_segment (project, segment, &error);
      if (only == NULL)
        return usage_error ("%s", error->message);
    }
  return show_plans (project, only, json);
}

/* ------------------------------------------------------------------------------------------ */
/* edit                                                                                        */

static void
add_change (ScSegmentChanges *changes,
            ScSegmentField    field,
            const char       *value)
{
  if (value == NULL)
    return;
  g_assert (changes->n_fields < G_N_ELEMENTS (changes->fields));
  changes->fields[changes->n_fields] = field;
  changes->values[changes->n_fields] = value;
  changes->n_fields++;
}

int
cmd_edit (int    argc,
          char **argv)
{
  static const char * const tiers[] = { "high", "mid", "low", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autofree char *segment = NULL, *name = NULL, *description = NULL, *objective = NULL;
  g_autofree char *tier = NULL, *owner = NULL, *priority = NULL, *tactics_text = NULL;
  g_auto(GStrv) tactics = NULL;
  gboolean accept = FALSE;
  ScSegmentChanges changes = { 0 };
  const ScSegmentInfo *info;
  const ScRun *run;
  guint64 rank = 0;
  gint64 segment_id;
  const GOptionEntry entries[] = {
    { "segment", 0, 0, G_OPTION_ARG_STRING, &segment, N_("The segment to edit, by number or name"), "ID|NAME" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Rename it"), "TEXT" },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("Set its description (empty clears it)"), "TEXT" },
    { "objective", 0, 0, G_OPTION_ARG_STRING, &objective, N_("Set its objective (empty clears it)"), "TEXT" },
    { "tactic", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tactics, N_("Set its tactics, one per option (repeat for more)"), "TEXT" },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &tier, N_("Set its service tier"), "high|mid|low" },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Set who owns it (empty clears it)"), "TEXT" },
    { "priority", 0, 0, G_OPTION_ARG_STRING, &priority, N_("Move it to this rank (1 = most important)"), "N" },
    { "accept-suggested", 0, 0, G_OPTION_ARG_NONE, &accept, N_("Accept the suggested objective, tactics and service tier the other options do not set"), NULL },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — set a segment’s name, description and plan"),
                           entries, _("edit takes one PROJECT file")))
    return EXIT_USAGE;
  if (segment == NULL)
    return usage_error (_("edit needs --segment ID|NAME"));
  if (name == NULL && description == NULL && objective == NULL && tactics == NULL &&
      tier == NULL && owner == NULL && priority == NULL && !accept)
    return usage_error (_("edit needs something to set: --name, --description, --objective, "
                          "--tactic, --tier, --owner, --priority or --accept-suggested"));
  if (tier != NULL && !g_strv_contains (tiers, tier))
    return usage_error (_("--tier is high, mid or low (got “%s”)"), tier);
  if (priority != NULL && (!parse_uint (priority, G_MAXUINT, &rank) || rank == 0))
    return usage_error (_("--priority is a rank from 1 (got “%s”)"), priority);

  project = open_segmented_project (argv[1], &error);
  if (project == NULL)
    return report_error (error);
  run = sc_project_get_run (project);
  info = sc_project_find_segment (project, segment, &error);
  if (info == NULL)
    return usage_error ("%s", error->message);
  if (rank > run->n_segments)
    return usage_error (_("--priority is a rank from 1 to %u, the number of segments (got %s)"),
                        run->n_segments, priority);

  if (tactics != NULL)
    {
      tactics_text = sc_plan_join_tactics ((const char * const *) tactics);
      /* Tactics given only as empty strings clear them. */
      add_change (&changes, SC_SEGMENT_FIELD_TACTICS, tactics_text ? tactics_text : "");
    }
  add_change (&changes, SC_SEGMENT_FIELD_NAME, name);
  add_change (&changes, SC_SEGMENT_FIELD_DESCRIPTION, description);
  add_change (&changes, SC_SEGMENT_FIELD_OBJECTIVE, objective);
  add_change (&changes, SC_SEGMENT_FIELD_SERVICE_TIER, tier);
  add_change (&changes, SC_SEGMENT_FIELD_OWNER, owner);
  changes.priority = (guint) rank;
  changes.accept_suggested = accept;

  segment_id = info->id;
  if (!sc_project_edit_segment (project, segment_id, &changes, &error))
    return report_error (error);

  /* The project reloaded: find the segment again for what it holds now. */
  for (guint s = 0; s < sc_project_get_run (project)->n_segments; s++)
    if (sc_project_get_run (project)->segments[s].id == segment_id)
      info = &sc_project_get_run (project)->segments[s];
  return show_plans (project, info, FALSE);
}
