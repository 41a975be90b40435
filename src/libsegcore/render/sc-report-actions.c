/* sc-report-actions.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the report recommends: the key message, the prioritised actions (from the segments'
 * priorities and plans), the caveats of the data and the model, and the decisions people
 * still have to take.  Every sentence is written from the figures it names; an owner is
 * never invented, an unset one is listed once under "Decisions needed". */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-potential.h"
#include "sc-run.h"

#include "sc-report-private.h"

#define MAX_ACTIONS 5
#define MIN_ACTIONS 3
/* Segments the key message names. */
#define KEY_SEGMENTS 2

const ScPlan *
_sc_report_plan (const ScReportData  *d,
                 const ScSegmentInfo *s)
{
  if (d->plans == NULL || s->position >= d->plans->n_segments)
    return NULL;
  return &d->plans->plans[s->position];
}

gboolean
_sc_report_any_owner (const ScRun *run)
{
  for (guint s = 0; s < run->n_segments; s++)
    if (run->segments[s].owner != NULL && *run->segments[s].owner != '\0')
      return TRUE;
  return FALSE;
}

/* What to do with a segment, as the verb an action starts with. */
static const char *
situation_verb (ScPlanSituation situation)
{
  switch (situation)
    {
    case SC_PLAN_TOP_ACCOUNTS:
      return _("Protect");
    case SC_PLAN_TOP_AT_RISK:
    case SC_PLAN_WIN_BACK:
      return _("Win back");
    case SC_PLAN_ANOMALIES:
      return _("Check");
    case SC_PLAN_INVEST:
      return _("Invest in");
    case SC_PLAN_KEEP:
    case SC_PLAN_LOYAL:
      return _("Keep");
    case SC_PLAN_GROW:
    case SC_PLAN_SECOND_ORDER:
      return _("Grow");
    case SC_PLAN_MAINTAIN:
      return _("Serve at low cost");
    case SC_PLAN_LET_GO:
      return _("Reactivate at low cost");
    case SC_PLAN_FIRST_ORDER:
      return _("Convert");
    case SC_PLAN_N_SITUATIONS:
    default:
      return _("Act on");
    }
}

/* The segments to act on, in priority order: those with customers and figures, the
 * anomalies apart (they are checked, not acted on). */
static guint
action_segments (const ScReportData *d,
                 guint              *out,
                 guint               max)
{
  const ScRun *run = d->run;
  guint n = 0;

  for (guint i = 0; i < run->n_segments && n < max; i++)
    {
      const ScSegmentInfo *s = &run->segments[d->order[i]];

      if (s->is_outliers || s->size == 0 || !isfinite (s->share) ||
          !isfinite (s->revenue_share) || _sc_report_plan (d, s) == NULL)
        continue;
      out[n++] = d->order[i];
    }
  return n;
}

/**
 * _sc_report_key_message:
 *
 * One sentence: the segments to act on first and what they weigh.
 *
 * Returns: (transfer full) (nullable): %NULL when no segment can be named
 */
char *
_sc_report_key_message (ScReport           *self,
                        const ScReportData *d)
{
  const ScRun *run = d->run;
  guint picked[KEY_SEGMENTS];
  guint n = action_segments (d, picked, KEY_SEGMENTS);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  g_autofree char *share = NULL;
  g_autofree char *revenue = NULL;
  double customers = 0, income = 0;

  if (n == 0)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      const ScSegmentInfo *s = &run->segments[picked[i]];
      ScPlanSituation situation = _sc_report_plan (d, s)->situation;

      /* "Focus on" a segment to be served at low cost would not follow from its figures
       * (Lapsed one-time low spenders, 0.8% of the revenue, beside Loyal regulars): after
       * the first, the message names only segments worth more than that. */
      if (i > 0 && (situation == SC_PLAN_MAINTAIN || situation == SC_PLAN_LET_GO))
        break;
      g_ptr_array_add (names, g_strdup (s->name));
      customers += s->share;
      income += s->revenue_share;
    }
  list = _sc_report_join_names (names);
  share = _sc_report_fmt_share (customers);
  revenue = _sc_report_fmt_share (income);
  if (income > customers)
    /* Translators: "Focus on Top accounts and Loyal buyers: 12% of the customers bring 61%
     * of the revenue." */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Focus on %s: %s of the customers bring %s of the "
                                         "revenue.",
                                         "Focus on %s: together %s of the customers bring %s "
                                         "of the revenue.", names->len),
                            list, share, revenue);
  /* Translators: "Act first on Lapsed buyers: 40% of the customers, with 12% of the
   * revenue." */
  return g_strdup_printf (_("Act first on %s: %s of the customers, with %s of the revenue."),
                          list, share, revenue);
}

/**
 * _sc_report_actions:
 *
 * 3–5 recommended actions in priority order: one per leading segment from its plan, the
 * anomalies to check, and the decisions still open.
 *
 * Returns: (transfer full) (element-type utf8): the actions
 */
GPtrArray *
_sc_report_actions (ScReport           *self,
                    const ScReportData *d)
{
  const ScRun *run = d->run;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  guint picked[MAX_ACTIONS];
  guint n = action_segments (d, picked, self->n_anomalies > 0 ? MAX_ACTIONS - 1 : MAX_ACTIONS);

  for (guint i = 0; i < n; i++)
    {
      const ScSegmentInfo *s = &run->segments[picked[i]];
      const ScPlan *plan = _sc_report_plan (d, s);
      g_autofree char *name = _sc_report_flagged_name (run, s);
      g_autofree char *share = _sc_report_fmt_share (s->share);
      g_autofree char *revenue = _sc_report_fmt_share (s->revenue_share);

      if (plan->kpi_text != NULL && isfinite (plan->kpi_value))
        /* Translators: "Protect Top accounts (4% of customers, 15% of revenue): <objective>
         * KPI: Share of revenue, now 15.0% of revenue." */
        g_ptr_array_add (out, g_strdup_printf (_("%s %s (%s of customers, %s of revenue): %s "
                                                 "KPI: %s, now %s."),
                                               situation_verb (plan->situation), name, share,
                                               revenue, plan->objective, plan->kpi_name,
                                               plan->kpi_text));
      else
        g_ptr_array_add (out, g_strdup_printf (_("%s %s (%s of customers, %s of revenue): %s"),
                                               situation_verb (plan->situation), name, share,
                                               revenue, plan->objective));
    }

  if (self->n_anomalies > 0)
    {
      g_autofree char *count = _sc_report_fmt_count (self->n_anomalies);

      g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Check the %s customer set apart as "
                                                          "an anomaly before acting on it.",
                                                          "Check the %s customers set apart as "
                                                          "anomalies before acting on them.",
                                                          self->n_anomalies), count));
    }

  if (out->len < MIN_ACTIONS && d->decisions->len > 0)
    g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Take the %u decision listed under "
                                                        "“Decisions needed”.",
                                                        "Take the %u decisions listed under "
                                                        "“Decisions needed”.",
                                                        d->decisions->len),
                                           d->decisions->len));
  if (out->len < MIN_ACTIONS)
    g_ptr_array_add (out, g_strdup (_("Segment the customers again after the next import and "
                                      "compare the segments with these.")));
  if (out->len < MIN_ACTIONS && d->potential == NULL)
    g_ptr_array_add (out, g_strdup (_("Fit the customer value model, to compare the segments "
                                      "by expected future value.")));
  if (out->len < MIN_ACTIONS)
    g_ptr_array_add (out, g_strdup (_("Measure each plan’s KPI again at the next review.")));
  return out;
}

/* The spread of P(alive) over the customers the model covers. */
static gboolean
p_alive_degenerate (const ScPotential *potential,
                    double            *mean)
{
  double sum = 0, sum2 = 0;
  guint32 n = 0;

  for (guint32 i = 0; i < potential->n; i++)
    if (isfinite (potential->p_alive[i]))
      {
        sum += potential->p_alive[i];
        sum2 += potential->p_alive[i] * potential->p_alive[i];
        n++;
      }
  if (n < 2)
    return FALSE;
  *mean = sum / n;
  return sqrt (MAX (sum2 / n - *mean * *mean, 0)) < 0.01;
}

/* BG/NBD gives P(alive) 1 to every customer who bought on one day only: in the model a
 * customer can drop out only right after a repeat purchase, so it has nothing to judge such
 * a customer by.  Where they are a notable share (5 % of the customers the model covers) a
 * segment of lapsed one-time buyers shows a high P(alive) beside its lapsed name, which
 * reads as a contradiction; the caveat says why and names the segments (in priority order)
 * that such customers make up most of.  The count is of P(alive) exactly 1, the model's
 * own output, so the sentence holds whatever made it 1. */
static char *
certain_alive_caveat (const ScReportData *d)
{
  const ScPotential *potential = d->potential;
  const ScRun *run = d->run;
  guint n_segments = run != NULL ? run->n_segments : 0;
  g_autofree guint64 *members = g_new0 (guint64, MAX (n_segments, 1));
  g_autofree guint64 *certain_members = g_new0 (guint64, MAX (n_segments, 1));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count = NULL;
  g_autofree char *share = NULL;
  g_autofree char *first = NULL;
  g_autofree char *list = NULL;
  g_autofree char *second = NULL;
  guint64 modelled = 0, certain = 0;

  for (guint32 i = 0; i < potential->n; i++)
    {
      double p = potential->p_alive[i];
      guint label = run != NULL && i < run->n_customers ? run->labels[i] : SC_LABEL_NONE;

      if (!isfinite (p))
        continue;
      modelled++;
      certain += p == 1.0;
      if (label < n_segments)
        {
          members[label]++;
          certain_members[label] += p == 1.0;
        }
    }
  if (modelled == 0 || certain * 20 < modelled)
    return NULL;
  for (guint j = 0; j < n_segments; j++)
    {
      guint s = d->order != NULL ? d->order[j] : j;

      if (members[s] > 0 && certain_members[s] * 2 > members[s])
        g_ptr_array_add (names, g_strdup (run->segments[s].name));
    }
  count = _sc_report_fmt_count (certain);
  share = _sc_report_fmt_share ((double) certain / modelled);
  /* Translators: "1,200 customers (35%)" */
  first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "The purchase model puts P(alive) at 100%% for %s "
                                        "customer (%s): it counts anyone who has bought on one "
                                        "day only as still active, having no repeat purchase to "
                                        "judge by.",
                                        "The purchase model puts P(alive) at 100%% for %s "
                                        "customers (%s): it counts anyone who has bought on one "
                                        "day only as still active, having no repeat purchase to "
                                        "judge by.", certain),
                           count, share);
  if (names->len == 0)
    return g_strconcat (first, " ", _("For such customers the days since their order say "
                                      "more."), NULL);
  list = _sc_report_join_names (names);
  /* Translators: %s is one segment name or a list of them */
  second = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Such customers are most of %s: judge it by the days "
                                         "since the last order rather than by P(alive).",
                                         "Such customers are most of %s: judge them by the days "
                                         "since the last order rather than by P(alive).",
                                         names->len),
                            list);
  return g_strconcat (first, " ", second, NULL);
}

/**
 * _sc_report_caveats:
 *
 * What limits the figures: rows left out at import, a value model that is missing, weak
 * or degenerate, unstable segments.
 *
 * Returns: (transfer full) (element-type utf8): the caveats, possibly none
 */
GPtrArray *
_sc_report_caveats (ScReport           *self,
                    const ScReportData *d)
{
  const ScRun *run = d->run;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  guint64 read = 0, rejected = 0;
  g_autoptr(GPtrArray) unstable = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < d->imports->len; i++)
    {
      const ScImportRecord *r = &g_array_index (d->imports, ScImportRecord, i);

      if (g_strcmp0 (r->kind, "transactions") != 0)
        continue;
      read += r->rows_read;
      rejected += r->rows_rejected;
    }
  if (rejected > 0 && read > 0)
    {
      g_autofree char *n = _sc_report_fmt_count (rejected);
      g_autofree char *total = _sc_report_fmt_count (read);
      g_autofree char *share = _sc_report_fmt_share ((double) rejected / read);

      /* Translators: "1,200 of 5,000 transaction rows (24%) were rejected at import …" */
      g_ptr_array_add (out, g_strdup_printf (_("%s of %s transaction rows (%s) were rejected at "
                                               "import (see the methodology): their orders and "
                                               "revenue are left out of every figure."),
                                             n, total, share));
    }
  else if (read > 0)
    g_ptr_array_add (out, g_strdup (_("No transaction row was rejected at import.")));
  if (d->audit_summary != NULL)
    g_ptr_array_add (out, g_strdup (d->audit_summary));

  if (d->potential == NULL)
    g_ptr_array_add (out, g_strdup (_("No customer value model has been fitted: P(alive), "
                                      "current value and potential are not shown.")));
  else
    {
      double mean;

      if (!d->potential->has_bg && d->potential->bg_note != NULL)
        /* Translators: %s says why */
        g_ptr_array_add (out, g_strdup_printf (_("The purchase model could not be estimated "
                                                 "(%s): P(alive) and expected purchases are "
                                                 "not shown."), d->potential->bg_note));
      else if (d->potential->has_bg && p_alive_degenerate (d->potential, &mean))
        {
          g_autofree char *value = _sc_report_fmt_share (mean);

          g_ptr_array_add (out, g_strdup_printf (_("P(alive) is about %s for every customer: "
                                                   "the purchase model does not tell active "
                                                   "from lapsed customers in these data, so do "
                                                   "not rank customers by it."), value));
        }
      else if (d->potential->has_bg)
        {
          char *caveat = certain_alive_caveat (d);

          if (caveat != NULL)
            g_ptr_array_add (out, caveat);
        }
      if (!d->potential->has_gg && d->potential->gg_note != NULL)
        g_ptr_array_add (out, g_strdup_printf (_("The spend model could not be estimated "
                                                 "(%s): potential is not shown."),
                                               d->potential->gg_note));
      if (d->potential->has_holdout && isfinite (d->potential->holdout_ratio) &&
          (d->potential->holdout_ratio < 0.8 || d->potential->holdout_ratio > 1.25))
        {
          g_autofree char *ratio = _sc_report_fmt_fixed (d->potential->holdout_ratio, 2);

          g_ptr_array_add (out, g_strdup_printf (_("In the holdout check the purchase model "
                                                   "predicted %s× the purchases actually "
                                                   "made: treat expected values as rough."),
                                                 ratio));
        }
      if (!d->fresh)
        g_ptr_array_add (out, g_strdup (_("The customer value model was fitted before the "
                                          "latest import; refit it to bring value and "
                                          "potential up to date.")));
    }

  for (guint s = 0; s < run->n_segments; s++)
    if (_sc_report_segment_unstable (run, &run->segments[s]))
      g_ptr_array_add (unstable, g_strdup (run->segments[s].name));
  if (unstable->len > 0)
    {
      g_autofree char *list = _sc_report_join_names (unstable);

      g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%s is unstable: it is not reliably "
                                                          "found again when the customers are "
                                                          "resampled; treat it as a rough "
                                                          "guide.",
                                                          "%s are unstable: they are not "
                                                          "reliably found again when the "
                                                          "customers are resampled; treat them "
                                                          "as a rough guide.", unstable->len),
                                             list));
    }
  return out;
}

/* The names of the segments a kind of decision concerns, in priority order. */
static GPtrArray *
decision_names (const ScReportData *d,
                ScDecisionKind      kind)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < d->decisions->len; i++)
    {
      const ScDecision *decision = g_ptr_array_index (d->decisions, i);

      if (decision->kind == kind && decision->position < d->run->n_segments)
        g_ptr_array_add (names, g_strdup_printf ("“%s”",
                                                 d->run->segments[decision->position].name));
    }
  return names;
}

/**
 * _sc_report_decision_texts:
 *
 * "Decisions needed": the segments without an owner (in one item when there are several),
 * the unstable segments and anomalies to look at, the plans still suggested, the currency.
 *
 * Returns: (transfer full) (element-type utf8): the decisions, possibly none
 */
GPtrArray *
_sc_report_decision_texts (ScReport           *self,
                           const ScReportData *d)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) owners = decision_names (d, SC_DECISION_OWNER);
  g_autoptr(GPtrArray) plans = decision_names (d, SC_DECISION_PLAN);

  if (owners->len > 1)
    {
      g_autofree char *list = _sc_report_join_names (owners);

      /* Translators: %s lists segments */
      g_ptr_array_add (out, g_strdup_printf (_("Choose who owns each of %s."), list));
    }
  for (guint i = 0; i < d->decisions->len; i++)
    {
      const ScDecision *decision = g_ptr_array_index (d->decisions, i);

      if ((decision->kind == SC_DECISION_OWNER && owners->len > 1) ||
          (decision->kind == SC_DECISION_PLAN && plans->len > 1))
        continue;
      g_ptr_array_add (out, g_strdup (decision->text));
    }
  if (plans->len > 1)
    {
      g_autofree char *list = _sc_report_join_names (plans);

      g_ptr_array_add (out, g_strdup_printf (_("Accept or change the suggested plans of %s."),
                                             list));
    }
  if (self->currency == NULL)
    g_ptr_array_add (out, g_strdup (_("Set the project currency (its three-letter code) in "
                                      "the project’s brief.")));
  else if (self->currency_source == SC_CURRENCY_LOCALE)
    {
      g_autofree char *code = g_strndup (self->currency, 3);

      g_ptr_array_add (out, g_strdup_printf (_("Confirm the project currency: %s is taken from "
                                               "this computer’s settings; change it in the "
                                               "project’s brief if it is wrong."), code));
    }
  return out;
}

/**
 * _sc_report_build_next_steps:
 *
 * Slides: the closing slide before the appendix: who owns which segment, the first action,
 * and the decisions still needed.
 */
void
_sc_report_build_next_steps (ScReport           *self,
                             const ScReportData *d)
{
  const ScRun *run = d->run;
  g_autoptr(GPtrArray) actions = _sc_report_actions (self, d);
  g_autoptr(GPtrArray) decisions = _sc_report_decision_texts (self, d);
  ScSection *section = _sc_report_add_page (self, SC_REPORT_PAGE_SUMMARY,
                                            _("Next steps and owners"), NULL, NULL);
  ScBlock *b;

  if (actions->len > 0)
    {
      /* Translators: the first recommended action, on the closing slide */
      g_autofree char *first = g_strdup_printf (_("Start with: %s"),
                                                (char *) g_ptr_array_index (actions, 0));

      b = sc_section_add_bullet (section, SC_STYLE_BODY, first);
      b->has_accent = TRUE;
      b->accent = self->palette->segments[0];
    }
  if (_sc_report_any_owner (run))
    {
      sc_section_add_heading (section, _("Owners"));
      for (guint i = 0; i < run->n_segments; i++)
        {
          const ScSegmentInfo *s = &run->segments[d->order[i]];
          g_autofree char *line = NULL;

          if (s->owner == NULL || *s->owner == '\0')
            continue;
          /* Translators: "Top accounts: Ana Lima" */
          line = g_strdup_printf (_("%s: %s"), s->name, s->owner);
          b = sc_section_add_bullet (section, SC_STYLE_BODY, line);
          b->has_accent = TRUE;
          b->accent = _sc_report_segment_colour (self, s);
        }
    }
  if (decisions->len > 0)
    {
      sc_section_add_heading (section, _("Decisions needed"));
      for (guint i = 0; i < decisions->len; i++)
        {
          b = sc_section_add_bullet (section, SC_STYLE_BODY, g_ptr_array_index (decisions, i));
          b->has_accent = TRUE;
          b->accent = self->palette->segments[0];
        }
    }
}
