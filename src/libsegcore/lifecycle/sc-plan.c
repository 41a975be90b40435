/* sc-plan.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Default plans, and what people still have to decide.
 *
 * A segment's situation comes from its kind (top accounts, anomalies), its activity (by
 * the same rule as its name: sc_activity_classify() over the members' median recency and
 * rhythm) and its quadrant on the value × potential grid, or, without a value model, its
 * repeat rate. Each situation has one template (the table below): objective, tactics, the
 * tier it suits and the KPI to watch. Inactive segments never get a template that keeps or
 * grows, active ones never one that wins back. Each tactic says how much personal contact it
 * needs, so the suggested tactics are those the tier (set by people, or the template's) can
 * deliver, filled up with the tier's own.
 *
 * Suggestions are computed when asked for, never stored: the segment's objective, tactics
 * and service_tier columns hold only what people set (NULL: not set), so a suggestion
 * follows the data after every re-run and a field people set is never overwritten.
 * Accepting a suggestion writes it into those columns. The channel, the cadence and the
 * tier's meaning belong to the tier (one row per tier), so they are set once the tier is;
 * the KPI belongs to the objective. Its value is always computed, from the figure it
 * names. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-format.h"
#include "sc-plan.h"
#include "sc-validate.h"

/* Without a value model, an active segment where at least this share of customers
 * ordered twice is one of loyal repeat buyers. */
#define LOYAL_REPEAT_RATE 0.5

/* How much personal contact a tactic needs: a tier below it cannot deliver it. */
typedef enum
{
  TOUCH_LOW,
  TOUCH_MID,
  TOUCH_HIGH,
} Touch;

typedef struct
{
  Touch       touch;
  const char *text;
} Tactic;

typedef struct
{
  const char *id;
  const char *objective;
  Tactic      tactics[SC_PLAN_MAX_TACTICS + 1];
  const char *tier;
  ScPlanKpi   kpi;
  ScPlanKpi   kpi_without_model;   /* when @kpi is P(alive) and there is no value model */
} Template;

static const Template templates[SC_PLAN_N_SITUATIONS] = {
  [SC_PLAN_TOP_ACCOUNTS] = {
    "top_accounts",
    N_("Keep the top accounts buying and grow their share of wallet."),
    { { TOUCH_HIGH, N_("Give each account a named account manager.") },
      { TOUCH_HIGH, N_("Hold a business review every quarter: results, plans and what they "
                       "need next.") },
      { TOUCH_LOW, N_("Offer early access to new products and volume terms.") },
      { TOUCH_MID, N_("Watch each account’s order rhythm and call when an order is late.") },
      { 0, NULL } },
    "high", SC_PLAN_KPI_REVENUE_SHARE, SC_PLAN_KPI_REVENUE_SHARE },
  [SC_PLAN_TOP_AT_RISK] = {
    "top_at_risk",
    N_("Win back the top accounts that have gone quiet, before they leave for good."),
    { { TOUCH_HIGH, N_("Call each account this week to ask what changed.") },
      { TOUCH_MID, N_("Review the open issues, complaints and service tickets of these "
                      "accounts.") },
      { TOUCH_MID, N_("Make a tailored offer to bring the next order forward.") },
      { TOUCH_MID, N_("Agree a follow-up date with each account and track it.") },
      { 0, NULL } },
    "high", SC_PLAN_KPI_MEDIAN_RECENCY, SC_PLAN_KPI_MEDIAN_RECENCY },
  [SC_PLAN_ANOMALIES] = {
    "anomalies",
    N_("Check these customers’ records before acting on them."),
    { { TOUCH_LOW, N_("Check a sample of the records with the data owner: returns, test "
                      "accounts, duplicates.") },
      { TOUCH_LOW, N_("Correct or exclude wrong records before the next import.") },
      { TOUCH_LOW, N_("Leave these customers out of campaigns until they are checked.") },
      { 0, NULL } },
    "low", SC_PLAN_KPI_CUSTOMERS, SC_PLAN_KPI_CUSTOMERS },
  [SC_PLAN_INVEST] = {
    "invest",
    N_("Deepen the relationship with these customers of high value and high potential, so "
       "that their spend keeps growing."),
    { { TOUCH_HIGH, N_("Assign an account manager or a dedicated team.") },
      { TOUCH_MID, N_("Offer premium service, loyalty rewards and early access.") },
      { TOUCH_LOW, N_("Cross-sell related products based on what they already buy.") },
      { TOUCH_LOW, N_("Ask for feedback and referrals.") },
      { 0, NULL } },
    "high", SC_PLAN_KPI_REVENUE_SHARE, SC_PLAN_KPI_REVENUE_SHARE },
  [SC_PLAN_KEEP] = {
    "keep",
    N_("Keep these high-value customers buying at today’s level, at a sustainable cost."),
    { { TOUCH_LOW, N_("Thank them and reward loyalty with perks rather than discounts.") },
      { TOUCH_LOW, N_("Send personalised offers based on their past orders.") },
      { TOUCH_LOW, N_("Make reordering easy: saved baskets, reminders, subscriptions.") },
      { 0, NULL } },
    "mid", SC_PLAN_KPI_P_ALIVE, SC_PLAN_KPI_REPEAT_RATE },
  [SC_PLAN_GROW] = {
    "grow",
    N_("Turn these customers of high potential into regular, higher-value buyers."),
    { { TOUCH_LOW, N_("Recommend the next product based on their first orders.") },
      { TOUCH_LOW, N_("Offer a time-limited incentive for the next order.") },
      { TOUCH_LOW, N_("Invite them into the loyalty programme.") },
      { TOUCH_LOW, N_("Test which offers move them up, and scale what works.") },
      { 0, NULL } },
    "mid", SC_PLAN_KPI_REPEAT_RATE, SC_PLAN_KPI_REPEAT_RATE },
  [SC_PLAN_MAINTAIN] = {
    "maintain",
    N_("Serve these customers efficiently, through self-service and automated offers."),
    { { TOUCH_LOW, N_("Move service to self-service and the web shop.") },
      { TOUCH_LOW, N_("Use automated email with seasonal offers.") },
      { TOUCH_LOW, N_("Keep discounts small and avoid costly one-to-one contact.") },
      { 0, NULL } },
    "low", SC_PLAN_KPI_REVENUE_SHARE, SC_PLAN_KPI_REVENUE_SHARE },
  [SC_PLAN_LOYAL] = {
    "loyal",
    N_("Keep these active repeat buyers loyal and raise their order value."),
    { { TOUCH_LOW, N_("Reward loyalty with perks and early access.") },
      { TOUCH_LOW, N_("Suggest related products to raise the order value.") },
      { TOUCH_LOW, N_("Ask for reviews and referrals.") },
      { 0, NULL } },
    "mid", SC_PLAN_KPI_REPEAT_RATE, SC_PLAN_KPI_REPEAT_RATE },
  [SC_PLAN_SECOND_ORDER] = {
    "second_order",
    N_("Turn these active one-time buyers into repeat buyers with a timely second order."),
    { { TOUCH_LOW, N_("Send a welcome series after the first order.") },
      { TOUCH_LOW, N_("Offer an incentive for a second order within a set time.") },
      { TOUCH_LOW, N_("Recommend products that go with the first purchase.") },
      { 0, NULL } },
    "low", SC_PLAN_KPI_REPEAT_RATE, SC_PLAN_KPI_REPEAT_RATE },
  [SC_PLAN_WIN_BACK] = {
    "win_back",
    N_("Win back these customers, who have stopped buying in their usual rhythm."),
    { { TOUCH_LOW, N_("Send a win-back sequence: a reminder, then an offer, then a last-chance message.") },
      { TOUCH_LOW, N_("Ask in a short survey why they stopped buying.") },
      { TOUCH_LOW, N_("Make a personal offer based on what they bought before.") },
      { TOUCH_LOW, N_("Stop the sequence for those who do not respond.") },
      { 0, NULL } },
    "mid", SC_PLAN_KPI_MEDIAN_RECENCY, SC_PLAN_KPI_MEDIAN_RECENCY },
  [SC_PLAN_LET_GO] = {
    "let_go",
    N_("Try one low-cost reactivation, then stop spending on the customers who do not "
       "respond."),
    { { TOUCH_LOW, N_("Send one reactivation email with a clear offer.") },
      { TOUCH_LOW, N_("Move those who do not respond to a yearly newsletter.") },
      { TOUCH_LOW, N_("Stop paid advertising aimed at them.") },
      { 0, NULL } },
    /* Not P(alive): BG/NBD holds one-time buyers alive, whatever their silence. */
    "low", SC_PLAN_KPI_MEDIAN_RECENCY, SC_PLAN_KPI_MEDIAN_RECENCY },
  [SC_PLAN_FIRST_ORDER] = {
    "first_order",
    N_("Win a first order from these customers, who have not bought yet."),
    { { TOUCH_LOW, N_("Send a welcome offer for a first order.") },
      { TOUCH_LOW, N_("Show best sellers and customer reviews.") },
      { TOUCH_LOW, N_("Follow up once by email, then keep them in the newsletter.") },
      { 0, NULL } },
    "low", SC_PLAN_KPI_CUSTOMERS, SC_PLAN_KPI_CUSTOMERS },
};

typedef struct
{
  const char *tier;
  Touch       touch;
  const char *meaning;
  const char *channel;
  const char *cadence;
  const char *tactics[SC_PLAN_MIN_TACTICS + 1];  /* what the tier brings to any plan */
} Tier;

static const Tier tiers[] = {
  { "high", TOUCH_HIGH,
    N_("High touch: personal contact with a named account manager and little self-service; "
       "the highest cost to serve, for the few customers whose revenue pays for it."),
    N_("Account manager: calls, visits and business reviews"),
    N_("Contact every month, a business review every quarter"),
    { N_("Check in personally with each key customer every quarter."),
      N_("Keep each customer’s plan and contacts up to date with its owner."),
      N_("Invite them to events and product previews."), NULL } },
  { "mid", TOUCH_MID,
    N_("Mid touch: a shared team and targeted campaigns, with self-service for routine "
       "needs; a moderate cost to serve, for customers worth keeping or growing."),
    N_("Personalised email and a customer-success team"),
    N_("Every two to four weeks"),
    { N_("Send targeted campaigns based on what they bought."),
      N_("Give the customer-success team the list of these customers."),
      N_("Follow up by email on open quotes and late orders."), NULL } },
  { "low", TOUCH_LOW,
    N_("Low touch: automated email, self-service and the web shop, without personal "
       "contact; the lowest cost to serve, for many small or occasional customers."),
    N_("Automated email and self-service"),
    N_("Triggered messages and a monthly newsletter"),
    { N_("Send automated emails triggered by their orders."),
      N_("Point them to self-service help and the web shop."),
      N_("Keep them in the monthly newsletter."), NULL } },
};

static const Tier *
find_tier (const char *tier)
{
  for (guint t = 0; t < G_N_ELEMENTS (tiers); t++)
    if (g_strcmp0 (tiers[t].tier, tier) == 0)
      return &tiers[t];
  return NULL;
}

/**
 * sc_plan_situation:
 *
 * Returns: where the segment stands, the template of its default plan
 */
ScPlanSituation
sc_plan_situation (const ScSegmentInfo *info,
                   const ScPlanFigures *figures)
{
  ScQuadrant quadrant = sc_quadrant_from_string (sc_segment_info_get_quadrant (info));
  gboolean high_value = quadrant == SC_QUADRANT_INVEST || quadrant == SC_QUADRANT_KEEP;

  if (info->kind == SC_SEGMENT_KIND_ANOMALIES)
    return SC_PLAN_ANOMALIES;

  switch (figures->activity)
    {
    case SC_ACTIVITY_NONE:
      return SC_PLAN_FIRST_ORDER;
    case SC_ACTIVITY_LOST:
      return info->kind == SC_SEGMENT_KIND_TOP_ACCOUNTS ? SC_PLAN_TOP_AT_RISK : SC_PLAN_LET_GO;
    case SC_ACTIVITY_LAPSED:
    case SC_ACTIVITY_AT_RISK:
      if (info->kind == SC_SEGMENT_KIND_TOP_ACCOUNTS)
        return SC_PLAN_TOP_AT_RISK;
      /* Long gone and of low value, or (without a value model) mostly one-time buyers:
       * not worth a sequence of offers. */
      if (figures->activity == SC_ACTIVITY_LAPSED &&
          (quadrant != SC_QUADRANT_NONE ? !high_value
                                        : !(figures->repeat_rate >= LOYAL_REPEAT_RATE)))
        return SC_PLAN_LET_GO;
      return SC_PLAN_WIN_BACK;
    case SC_ACTIVITY_ACTIVE:
    default:
      break;
    }

  if (info->kind == SC_SEGMENT_KIND_TOP_ACCOUNTS)
    return SC_PLAN_TOP_ACCOUNTS;
  switch (quadrant)
    {
    case SC_QUADRANT_INVEST: return SC_PLAN_INVEST;
    case SC_QUADRANT_KEEP: return SC_PLAN_KEEP;
    case SC_QUADRANT_GROW: return SC_PLAN_GROW;
    case SC_QUADRANT_MAINTAIN: return SC_PLAN_MAINTAIN;
    case SC_QUADRANT_NONE:
    default:
      return figures->repeat_rate >= LOYAL_REPEAT_RATE ? SC_PLAN_LOYAL : SC_PLAN_SECOND_ORDER;
    }
}

const char *
sc_plan_situation_to_string (ScPlanSituation situation)
{
  g_return_val_if_fail (situation < SC_PLAN_N_SITUATIONS, NULL);
  return templates[situation].id;
}

const char *
sc_plan_situation_tier (ScPlanSituation situation)
{
  g_return_val_if_fail (situation < SC_PLAN_N_SITUATIONS, NULL);
  return templates[situation].tier;
}

/**
 * sc_plan_tier_meaning:
 * @tier: "high", "mid" or "low"
 *
 * Returns: (nullable): what the tier means, translated; %NULL for another string
 */
const char *
sc_plan_tier_meaning (const char *tier)
{
  const Tier *t = find_tier (tier);

  return t != NULL ? _(t->meaning) : NULL;
}

const char *
sc_plan_kpi_to_string (ScPlanKpi kpi)
{
  static const char * const names[SC_PLAN_N_KPIS] = {
    "revenue_share", "repeat_rate", "median_recency", "p_alive", "customers",
  };

  g_return_val_if_fail (kpi < SC_PLAN_N_KPIS, NULL);
  return names[kpi];
}

static const char *
kpi_label (ScPlanKpi kpi)
{
  switch (kpi)
    {
    case SC_PLAN_KPI_REVENUE_SHARE: return _("Share of revenue");
    case SC_PLAN_KPI_REPEAT_RATE: return _("Repeat rate (customers with two orders or more)");
    case SC_PLAN_KPI_MEDIAN_RECENCY: return _("Median days since the last order");
    case SC_PLAN_KPI_P_ALIVE: return _("Average P(alive), the chance a customer still buys");
    case SC_PLAN_KPI_CUSTOMERS: return _("Customers");
    case SC_PLAN_N_KPIS:
    default: g_return_val_if_reached (NULL);
    }
}

ScPlanKpi
sc_plan_situation_kpi (ScPlanSituation      situation,
                       const ScSegmentInfo *info)
{
  const Template *t;

  g_return_val_if_fail (situation < SC_PLAN_N_SITUATIONS, SC_PLAN_KPI_CUSTOMERS);
  t = &templates[situation];
  if (t->kpi == SC_PLAN_KPI_P_ALIVE && !isfinite (info->p_alive))
    return t->kpi_without_model;
  return t->kpi;
}

/**
 * sc_plan_kpi_value:
 *
 * Returns: the segment's figure the KPI names; NAN when it has none
 */
double
sc_plan_kpi_value (ScPlanKpi            kpi,
                   const ScSegmentInfo *info,
                   const ScPlanFigures *figures)
{
  switch (kpi)
    {
    case SC_PLAN_KPI_REVENUE_SHARE: return info->revenue_share;
    case SC_PLAN_KPI_REPEAT_RATE: return figures->repeat_rate;
    case SC_PLAN_KPI_MEDIAN_RECENCY: return figures->median_recency;
    case SC_PLAN_KPI_P_ALIVE: return info->p_alive;
    case SC_PLAN_KPI_CUSTOMERS: return (double) info->size;
    case SC_PLAN_N_KPIS:
    default: g_return_val_if_reached (NAN);
    }
}

static char *
kpi_text (ScPlanKpi kpi,
          double    value)
{
  if (!isfinite (value))
    return g_strdup (_("not measured"));
  switch (kpi)
    {
    case SC_PLAN_KPI_REVENUE_SHARE:
      {
        g_autofree char *share = sc_format_percent (value, 1);
        return g_strdup_printf (_("%s of revenue"), share);
      }
    case SC_PLAN_KPI_REPEAT_RATE:
      {
        g_autofree char *share = sc_format_percent (value, 1);
        return g_strdup_printf (_("%s of its customers"), share);
      }
    case SC_PLAN_KPI_P_ALIVE:
      return sc_format_percent (value, 1);
    case SC_PLAN_KPI_MEDIAN_RECENCY:
      return sc_format_days (value);
    case SC_PLAN_KPI_CUSTOMERS:
    case SC_PLAN_N_KPIS:
    default:
      return sc_format_count ((guint64) value);
    }
}

/**
 * sc_plan_split_tactics:
 * @text: (nullable): tactics as stored, one per line
 *
 * Returns: (transfer full): the non-empty lines, stripped; %NULL when there are none
 */
char **
sc_plan_split_tactics (const char *text)
{
  g_auto(GStrv) lines = NULL;
  GPtrArray *out;

  if (text == NULL)
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  out = g_ptr_array_new ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0')
        g_ptr_array_add (out, g_strdup (line));
    }
  if (out->len == 0)
    {
      g_ptr_array_free (out, TRUE);
      return NULL;
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/**
 * sc_plan_join_tactics:
 * @tactics: (nullable): tactics; empty ones are left out
 *
 * Returns: (transfer full) (nullable): one per line, as stored; %NULL when none is left
 */
char *
sc_plan_join_tactics (const char * const *tactics)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; tactics != NULL && tactics[i] != NULL; i++)
    {
      g_autofree char *line = g_strstrip (g_strdup (tactics[i]));

      /* A tactic is one line: a line break inside one would make two when read back. */
      g_strdelimit (line, "\r\n", ' ');
      if (*line == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
is_set (const char *field)
{
  return field != NULL && *field != '\0';
}

/* The template's tactics the tier can deliver (people may have set a lower tier than the
 * template suits), then the tier's own until there are SC_PLAN_MIN_TACTICS. */
static char **
suggest_tactics (const Template *t,
                 const Tier     *tier)
{
  GPtrArray *tactics = g_ptr_array_new ();

  for (guint i = 0; t->tactics[i].text != NULL; i++)
    if (t->tactics[i].touch <= tier->touch)
      g_ptr_array_add (tactics, g_strdup (_(t->tactics[i].text)));
  for (guint i = 0; tactics->len < SC_PLAN_MIN_TACTICS && tier->tactics[i] != NULL; i++)
    g_ptr_array_add (tactics, g_strdup (_(tier->tactics[i])));
  g_assert (tactics->len >= SC_PLAN_MIN_TACTICS && tactics->len <= SC_PLAN_MAX_TACTICS);
  g_ptr_array_add (tactics, NULL);
  return (char **) g_ptr_array_free (tactics, FALSE);
}

/**
 * sc_plan_build:
 * @plan: (out caller-allocates): the plan; sc_plan_clear() it
 */
void
sc_plan_build (ScPlan              *plan,
               const ScSegmentInfo *info,
               const ScPlanFigures *figures)
{
  ScPlanSituation situation = sc_plan_situation (info, figures);
  const Template *t = &templates[situation];
  g_auto(GStrv) set_tactics = sc_plan_split_tactics (info->tactics);
  const Tier *tier = find_tier (info->service_tier);

  memset (plan, 0, sizeof *plan);
  plan->situation = situation;

  if (is_set (info->objective))
    plan->objective = g_strdup (info->objective);
  else
    {
      plan->objective = g_strdup (_(t->objective));
      plan->suggested |= SC_PLAN_FIELD_OBJECTIVE | SC_PLAN_FIELD_KPI;
    }

  if (tier == NULL)
    {
      tier = find_tier (t->tier);
      plan->suggested |= SC_PLAN_FIELD_TIER | SC_PLAN_FIELD_CHANNEL | SC_PLAN_FIELD_CADENCE;
    }
  g_assert (tier != NULL);

  if (set_tactics != NULL)
    plan->tactics = g_steal_pointer (&set_tactics);
  else
    {
      plan->tactics = suggest_tactics (t, tier);
      plan->suggested |= SC_PLAN_FIELD_TACTICS;
    }
  plan->tier = g_strdup (tier->tier);
  plan->tier_meaning = g_strdup (_(tier->meaning));
  plan->channel = g_strdup (_(tier->channel));
  plan->cadence = g_strdup (_(tier->cadence));

  plan->kpi = sc_plan_situation_kpi (situation, info);
  plan->kpi_name = g_strdup (kpi_label (plan->kpi));
  plan->kpi_value = sc_plan_kpi_value (plan->kpi, info, figures);
  plan->kpi_text = kpi_text (plan->kpi, plan->kpi_value);
}

void
sc_plan_clear (ScPlan *plan)
{
  g_clear_pointer (&plan->objective, g_free);
  g_clear_pointer (&plan->tactics, g_strfreev);
  g_clear_pointer (&plan->tier, g_free);
  g_clear_pointer (&plan->tier_meaning, g_free);
  g_clear_pointer (&plan->channel, g_free);
  g_clear_pointer (&plan->cadence, g_free);
  g_clear_pointer (&plan->kpi_name, g_free);
  g_clear_pointer (&plan->kpi_text, g_free);
}

/**
 * sc_plan_figures_compute:
 * @features: every customer's features at the run's as-of day (customers beyond the run's
 *   are in no segment)
 *
 * Returns: (transfer full) (nullable): one entry per segment of @run, by position; %NULL
 *   when cancelled
 */
ScPlanFigures *
sc_plan_figures_compute (const ScFeatures *features,
                         const ScRun      *run,
                         GCancellable     *cancellable)
{
  g_autofree guint32 *labels = g_new (guint32, MAX (features->n, 1));
  g_autofree gsize *with_orders = g_new0 (gsize, MAX (run->n_segments, 1));
  g_autofree gsize *repeat = g_new0 (gsize, MAX (run->n_segments, 1));
  const double *frequency = features->values[SC_FEATURE_FREQUENCY];
  ScSegmentProfile *profiles;
  ScPlanFigures *figures;

  for (guint32 i = 0; i < features->n; i++)
    {
      labels[i] = i < run->n_customers ? run->labels[i] : SC_LABEL_NONE;
      if (labels[i] >= run->n_segments || frequency == NULL || !(frequency[i] >= 1))
        continue;
      with_orders[labels[i]]++;
      if (frequency[i] >= 2)
        repeat[labels[i]]++;
    }

  profiles = sc_profile_compute (features, labels, run->n_segments, NULL, 0, cancellable);
  if (profiles == NULL)
    return NULL;

  figures = g_new0 (ScPlanFigures, MAX (run->n_segments, 1));
  for (guint s = 0; s < run->n_segments; s++)
    {
      figures[s].activity = profiles[s].naming.activity;
      figures[s].median_recency = with_orders[s] > 0 ? profiles[s].median[SC_FEATURE_RECENCY]
                                                     : NAN;
      figures[s].repeat_rate = with_orders[s] > 0 ? (double) repeat[s] / with_orders[s] : NAN;
    }
  sc_profile_free (profiles, run->n_segments);
  return figures;
}

/**
 * sc_plans_build:
 * @figures: (transfer full): from sc_plan_figures_compute()
 *
 * Returns: (transfer full): every segment's plan
 */
ScPlans *
sc_plans_build (const ScRun   *run,
                ScPlanFigures *figures)
{
  ScPlans *plans = g_new0 (ScPlans, 1);

  plans->run = run->id;
  plans->n_segments = run->n_segments;
  plans->figures = figures;
  plans->plans = g_new0 (ScPlan, MAX (run->n_segments, 1));
  for (guint s = 0; s < run->n_segments; s++)
    sc_plan_build (&plans->plans[s], &run->segments[s], &figures[s]);
  return plans;
}

/**
 * sc_plan_run:
 *
 * Every segment's plan, from the customers' features at the run's as-of day.
 *
 * Returns: (transfer full) (nullable): the plans, %NULL with @error set
 */
ScPlans *
sc_plan_run (ScStore       *store,
             const ScRun   *run,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(ScFeatures) features = NULL;
  ScPlanFigures *figures;

  g_return_val_if_fail (run != NULL, NULL);

  features = sc_run_load_customer_features (store, run->params.as_of, error);
  if (features == NULL)
    return NULL;
  figures = sc_plan_figures_compute (features, run, cancellable);
  if (figures == NULL)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error_literal (error, SC_ERROR, SC_ERROR_NO_DATA,
                             _("The segments could not be described."));
      return NULL;
    }
  return sc_plans_build (run, figures);
}

void
sc_plans_free (ScPlans *plans)
{
  if (plans == NULL)
    return;
  for (guint s = 0; s < plans->n_segments; s++)
    sc_plan_clear (&plans->plans[s]);
  g_free (plans->plans);
  g_free (plans->figures);
  g_free (plans);
}

/* ------------------------------------------------------------------------------------------ */
/* Decisions needed                                                                            */

static void
decision_free (ScDecision *decision)
{
  g_free (decision->text);
  g_free (decision);
}

static void
add_decision (GPtrArray      *decisions,
              ScDecisionKind  kind,
              guint           position,
              char           *text)
{
  ScDecision *decision = g_new0 (ScDecision, 1);

  decision->kind = kind;
  decision->position = position;
  decision->text = text;
  g_ptr_array_add (decisions, decision);
}

/**
 * sc_plan_decisions:
 * @plans: (nullable): the run's plans, to list those still suggested
 *
 * What people still have to decide about @run's segments: an owner for each segment that
 * has none, a confirmation for each unstable one, a look at the customers set apart as
 * implausible, and a decision on each plan that is still suggested.
 *
 * Returns: (transfer full) (element-type ScDecision): the decisions, segment by segment in
 *   priority order
 */
GPtrArray *
sc_plan_decisions (const ScRun   *run,
                   const ScPlans *plans)
{
  GPtrArray *decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) decision_free);
  g_autofree guint *order = NULL;

  g_return_val_if_fail (run != NULL, decisions);
  g_return_val_if_fail (plans == NULL || plans->n_segments == run->n_segments, decisions);

  order = sc_run_priority_order (run);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];
      const ScSegmentQuality *quality = NULL;

      if (run->validation != NULL && s->position < run->validation->n_segments)
        quality = &run->validation->segments[s->position];

      if (s->size == 0)
        continue;
      if (!is_set (s->owner))
        add_decision (decisions, SC_DECISION_OWNER, s->position,
                      g_strdup_printf (_("Choose who owns “%s”."), s->name));
      if (quality != NULL && quality->unstable && isfinite (quality->stability))
        add_decision (decisions, SC_DECISION_UNSTABLE, s->position,
                      g_strdup_printf (_("Confirm “%s” before acting on it: it changes when "
                                         "the customers are resampled (stability %.2f, below "
                                         "%.2f)."), s->name, quality->stability,
                                       SC_VALIDATE_UNSTABLE));
      if (s->kind == SC_SEGMENT_KIND_ANOMALIES)
        {
          g_autofree char *count = sc_format_count (s->size);

          add_decision (decisions, SC_DECISION_ANOMALIES, s->position,
                        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Check the %s customer of “%s”: keep, "
                                                      "correct or exclude it.",
                                                      "Check the %s customers of “%s”: keep, "
                                                      "correct or exclude them.", s->size),
                                         count, s->name));
        }
      if (plans != NULL &&
          (plans->plans[s->position].suggested &
           (SC_PLAN_FIELD_OBJECTIVE | SC_PLAN_FIELD_TACTICS | SC_PLAN_FIELD_TIER)) != 0)
        add_decision (decisions, SC_DECISION_PLAN, s->position,
                      g_strdup_printf (_("Accept or change the suggested plan of “%s”."),
                                       s->name));
    }
  return decisions;
}
