/* test-plan.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Default plans: every template complete, every plan true of the figures it stands on (a
 * property test over generated runs), the decisions needed, and the one-step segment edit
 * (accepting the suggested plan, undo, all or nothing). */

#include <math.h>
#include <string.h>

#include "sc-plan.h"
#include "sc-project.h"
#include "test-project-utils.h"
#include "test-utils.h"

static const char * const all_tiers[] = { "high", "mid", "low", NULL };

/* ------------------------------------------------------------------------------------------ */
/* Templates                                                                                   */

static void
test_templates_complete (void)
{
  for (guint t = 0; all_tiers[t] != NULL; t++)
    {
      const char *meaning = sc_plan_tier_meaning (all_tiers[t]);

      /* The meaning covers interaction, self-service, cost to serve and who it suits. */
      g_assert_nonnull (meaning);
      g_assert_nonnull (strstr (meaning, "touch"));
      g_assert_nonnull (strstr (meaning, "self-service"));
      g_assert_nonnull (strstr (meaning, "cost to serve"));
      g_assert_nonnull (strstr (meaning, "for "));
    }
  g_assert_null (sc_plan_tier_meaning ("ultra"));
  g_assert_null (sc_plan_tier_meaning (NULL));

  /* Every situation has a template with a tier and a KPI; that each template's plan is
   * complete and true is checked on generated runs, which reach every situation. */
  for (guint s = 0; s < SC_PLAN_N_SITUATIONS; s++)
    {
      ScSegmentInfo info = { 0 };

      info.p_alive = NAN;
      g_assert_nonnull (sc_plan_situation_to_string (s));
      g_assert_true (g_strv_contains (all_tiers, sc_plan_situation_tier (s)));
      /* Without a value model no KPI names P(alive). */
      g_assert_cmpint (sc_plan_situation_kpi (s, &info), !=, SC_PLAN_KPI_P_ALIVE);
      g_assert_cmpint (sc_plan_situation_kpi (s, &info), <, SC_PLAN_N_KPIS);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Generated runs                                                                              */

typedef struct
{
  ScRun      *run;
  ScFeatures *features;
} Generated;

static void
generated_clear (Generated *g)
{
  g_clear_pointer (&g->run, sc_run_free);
  g_clear_pointer (&g->features, sc_features_free);
}

static const char * const quadrants[] = { "invest", "keep", "grow", "maintain" };

/* A run of 2–7 segments over 30–400 customers with figures spread from a week to five
 * years of silence, one to dozens of orders; some runs have a value model, some segments
 * are top accounts or anomalies, some fields were set by people. */
static void
generate (guint32    seed,
          Generated *g)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint k = g_rand_int_range (rand, 2, 8);
  guint32 n = g_rand_int_range (rand, 30, 400);
  gboolean model = g_rand_boolean (rand);
  double *recency = g_new (double, n), *frequency = g_new (double, n);
  double *monetary = g_new (double, n), *tenure = g_new (double, n);
  double seg_recency[8], seg_orders[8], seg_gap[8];
  ScRun *run = g_new0 (ScRun, 1);
  guint *ranks = g_new (guint, k);
  /* Sometimes a segment of customers listed without orders. */
  guint listed_only = g_rand_int_range (rand, 0, 8) == 0 ? 1 : G_MAXUINT;

  for (guint s = 0; s < k; s++)
    {
      seg_recency[s] = exp (g_rand_double_range (rand, log (3), log (2000)));
      seg_orders[s] = g_rand_double_range (rand, 0, 8);
      seg_gap[s] = exp (g_rand_double_range (rand, log (5), log (400)));
      ranks[s] = s + 1;
    }
  for (guint s = k; s-- > 1;)
    {
      guint j = g_rand_int_range (rand, 0, s + 1);
      guint t = ranks[s];

      ranks[s] = ranks[j];
      ranks[j] = t;
    }

  run->id = seed + 1;
  run->n_customers = n;
  run->labels = g_new (guint16, n);
  run->n_segments = k;
  run->segments = g_new0 (ScSegmentInfo, k);
  run->params.as_of = 20000;
  run->value_threshold = run->potential_threshold = NAN;

  for (guint32 i = 0; i < n; i++)
    {
      guint s = g_rand_int_range (rand, 0, k);

      run->labels[i] = g_rand_int_range (rand, 0, 100) < 4 ? SC_LABEL_NONE : s;
      if (g_rand_int_range (rand, 0, 100) < 3 || s == listed_only)
        {
          /* Listed, without orders. */
          frequency[i] = 0;
          recency[i] = tenure[i] = NAN;
          monetary[i] = 0;
          continue;
        }
      frequency[i] = 1 + floor (g_rand_double_range (rand, 0, 2 * seg_orders[s]));
      recency[i] = floor (seg_recency[s] * exp (g_rand_double_range (rand, -0.7, 0.7)));
      tenure[i] = recency[i] + (frequency[i] - 1) * seg_gap[s] *
                               exp (g_rand_double_range (rand, -0.5, 0.5));
      monetary[i] = frequency[i] * g_rand_double_range (rand, 5, 500);
    }
  g->features = sc_features_new (n, run->params.as_of);
  sc_features_set (g->features, SC_FEATURE_RECENCY, recency);
  sc_features_set (g->features, SC_FEATURE_FREQUENCY, frequency);
  sc_features_set (g->features, SC_FEATURE_MONETARY, monetary);
  sc_features_set (g->features, SC_FEATURE_TENURE, tenure);

  for (guint s = 0; s < k; s++)
    {
      ScSegmentInfo *info = &run->segments[s];

      info->id = 1000 * (seed + 1) + s;
      info->position = s;
      info->name = g_strdup_printf ("Segment %u", s + 1);
      info->kind = SC_SEGMENT_KIND_SEGMENT;
      if (s == 0 && g_rand_int_range (rand, 0, 5) == 0)
        info->kind = SC_SEGMENT_KIND_TOP_ACCOUNTS;
      if (s == k - 1 && g_rand_int_range (rand, 0, 5) == 0)
        info->kind = SC_SEGMENT_KIND_ANOMALIES;
      info->is_outliers = info->kind == SC_SEGMENT_KIND_ANOMALIES;
      for (guint32 i = 0; i < n; i++)
        info->size += run->labels[i] == s;
      info->share = (double) info->size / n;
      info->revenue_share = g_rand_double (rand);
      info->value = info->potential = info->p_alive = NAN;
      if (model)
        {
          info->p_alive = g_rand_double (rand);
          info->quadrant = g_strdup (quadrants[g_rand_int_range (rand, 0, 4)]);
          if (g_rand_int_range (rand, 0, 6) == 0)
            info->quadrant_override = g_strdup (quadrants[g_rand_int_range (rand, 0, 4)]);
        }
      info->priority = ranks[s];
      if (g_rand_int_range (rand, 0, 5) == 0)
        info->objective = g_strdup ("Our own objective");
      if (g_rand_int_range (rand, 0, 5) == 0)
        info->tactics = g_strdup ("First tactic\n\n  Second tactic  \n");
      if (g_rand_int_range (rand, 0, 5) == 0)
        info->service_tier = g_strdup (all_tiers[g_rand_int_range (rand, 0, 3)]);
      if (g_rand_boolean (rand))
        info->owner = g_strdup ("Ana");
    }
  g->run = run;
  g_free (ranks);
}

/* The segment's members with orders, recomputed here from the features. */
static void
member_figures (const Generated *g,
                guint            s,
                double          *median_recency,
                double          *repeat_rate)
{
  const double *r = g->features->values[SC_FEATURE_RECENCY];
  const double *f = g->features->values[SC_FEATURE_FREQUENCY];
  g_autofree double *values = g_new (double, MAX (g->run->n_customers, 1));
  guint n = 0, repeat = 0;

  for (guint32 i = 0; i < g->run->n_customers; i++)
    if (g->run->labels[i] == s && f[i] >= 1)
      {
        values[n++] = r[i];
        repeat += f[i] >= 2;
      }
  *repeat_rate = n > 0 ? (double) repeat / n : NAN;
  if (n == 0)
    {
      *median_recency = NAN;
      return;
    }
  qsort (values, n, sizeof (double), test_compare_double);
  *median_recency = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static gboolean
contains (const char *text,
          const char *word)
{
  g_autofree char *folded = g_utf8_strdown (text, -1);

  return strstr (folded, word) != NULL;
}

static void
check_plan (const Generated *g,
            const ScPlans   *plans,
            guint            s)
{
  const ScSegmentInfo *info = &g->run->segments[s];
  const ScPlanFigures *figures = &plans->figures[s];
  const ScPlan *plan = &plans->plans[s];
  ScQuadrant quadrant = sc_quadrant_from_string (sc_segment_info_get_quadrant (info));
  double median, repeat;
  guint n_tactics;
  gboolean active = figures->activity == SC_ACTIVITY_ACTIVE;

  member_figures (g, s, &median, &repeat);

  /* The figures are the members' own. */
  if (isnan (median))
    g_assert_true (isnan (figures->median_recency));
  else
    g_assert_cmpfloat_with_epsilon (figures->median_recency, median, 1e-9);
  if (isnan (repeat))
    g_assert_true (isnan (figures->repeat_rate));
  else
    g_assert_cmpfloat_with_epsilon (figures->repeat_rate, repeat, 1e-12);
  /* Activity by the naming rule: never active after a year of silence, lost only after
   * three, no activity only without orders. */
  if (active)
    g_assert_cmpfloat (median, <=, SC_PROFILE_AT_RISK_DAYS);
  g_assert_true ((figures->activity == SC_ACTIVITY_LOST) == (median > SC_PROFILE_LOST_DAYS));
  g_assert_true ((figures->activity == SC_ACTIVITY_NONE) == isnan (median));

  /* Complete. */
  g_assert_true (plan->objective != NULL && *plan->objective != '\0');
  n_tactics = plan->tactics != NULL ? g_strv_length (plan->tactics) : 0;
  g_assert_cmpuint (n_tactics, >=, 1);
  for (guint i = 0; i < n_tactics; i++)
    g_assert_true (*plan->tactics[i] != '\0' && strchr (plan->tactics[i], '\n') == NULL);
  g_assert_true (g_strv_contains (all_tiers, plan->tier));
  g_assert_cmpstr (plan->tier_meaning, ==, sc_plan_tier_meaning (plan->tier));
  g_assert_true (plan->channel != NULL && *plan->channel != '\0');
  g_assert_true (plan->cadence != NULL && *plan->cadence != '\0');
  g_assert_true (plan->kpi_name != NULL && plan->kpi_text != NULL);

  /* Set fields stand, suggested ones are marked. */
  g_assert_true (((plan->suggested & SC_PLAN_FIELD_OBJECTIVE) != 0) == (info->objective == NULL));
  g_assert_true (((plan->suggested & SC_PLAN_FIELD_KPI) != 0) == (info->objective == NULL));
  g_assert_true (((plan->suggested & SC_PLAN_FIELD_TACTICS) != 0) == (info->tactics == NULL));
  g_assert_true (((plan->suggested & SC_PLAN_FIELD_TIER) != 0) == (info->service_tier == NULL));
  g_assert_true (((plan->suggested & SC_PLAN_FIELD_CHANNEL) != 0) == (info->service_tier == NULL));
  g_assert_true (((plan->suggested & SC_PLAN_FIELD_CADENCE) != 0) == (info->service_tier == NULL));
  if (info->objective != NULL)
    g_assert_cmpstr (plan->objective, ==, info->objective);
  if (info->tactics != NULL)
    {
      g_assert_cmpuint (n_tactics, ==, 2);
      g_assert_cmpstr (plan->tactics[0], ==, "First tactic");
      g_assert_cmpstr (plan->tactics[1], ==, "Second tactic");
    }
  else
    g_assert_true (n_tactics >= SC_PLAN_MIN_TACTICS && n_tactics <= SC_PLAN_MAX_TACTICS);
  for (guint i = 0; i < n_tactics; i++)
    for (guint j = i + 1; j < n_tactics; j++)
      g_assert_cmpstr (plan->tactics[i], !=, plan->tactics[j]);
  /* A suggested tactic is one the tier can deliver. */
  for (guint i = 0; info->tactics == NULL && i < n_tactics; i++)
    {
      const char *tactic = plan->tactics[i];

      if (g_str_equal (plan->tier, "low") || g_str_equal (plan->tier, "mid"))
        g_assert_true (!contains (tactic, "account manager") &&
                       !contains (tactic, "business review") &&
                       !contains (tactic, "call each") && !contains (tactic, "personally"));
      if (g_str_equal (plan->tier, "low"))
        g_assert_true (!contains (tactic, "call") && !contains (tactic, "tailored") &&
                       !contains (tactic, "premium service") &&
                       !contains (tactic, "customer-success") &&
                       !contains (tactic, "follow-up date"));
    }
  if (info->service_tier != NULL)
    g_assert_cmpstr (plan->tier, ==, info->service_tier);
  else
    g_assert_cmpstr (plan->tier, ==, sc_plan_situation_tier (plan->situation));

  /* The KPI value is the figure it names. */
  switch (plan->kpi)
    {
    case SC_PLAN_KPI_REVENUE_SHARE:
      g_assert_cmpfloat (plan->kpi_value, ==, info->revenue_share);
      break;
    case SC_PLAN_KPI_REPEAT_RATE:
      g_assert_true (plan->kpi_value == repeat || (isnan (repeat) && isnan (plan->kpi_value)));
      break;
    case SC_PLAN_KPI_MEDIAN_RECENCY:
      g_assert_true (plan->kpi_value == median || (isnan (median) && isnan (plan->kpi_value)));
      break;
    case SC_PLAN_KPI_P_ALIVE:
      g_assert_true (isfinite (info->p_alive));
      g_assert_cmpfloat (plan->kpi_value, ==, info->p_alive);
      break;
    case SC_PLAN_KPI_CUSTOMERS:
      g_assert_cmpfloat (plan->kpi_value, ==, (double) info->size);
      break;
    case SC_PLAN_N_KPIS:
    default:
      g_assert_not_reached ();
    }

  /* Every claim of a suggested objective is true of the figures. */
  if (info->objective == NULL)
    {
      const char *o = plan->objective;

      if (contains (o, "win back") || contains (o, "reactivation"))
        g_assert_true (!active);
      if (contains (o, "keep") || contains (o, "deepen") || contains (o, "turn these") ||
          contains (o, "serve these"))
        g_assert_true (active);
      if (contains (o, "active"))
        g_assert_true (active);
      if (contains (o, "high value") || contains (o, "high-value"))
        g_assert_true (quadrant == SC_QUADRANT_INVEST || quadrant == SC_QUADRANT_KEEP);
      if (contains (o, "high potential"))
        g_assert_true (quadrant == SC_QUADRANT_INVEST || quadrant == SC_QUADRANT_GROW);
      if (contains (o, "repeat buyers") && !contains (o, "into repeat buyers"))
        g_assert_cmpfloat (repeat, >=, 0.5);
      if (contains (o, "one-time"))
        g_assert_cmpfloat (repeat, <, 0.5);
      if (contains (o, "top accounts"))
        g_assert_cmpint (info->kind, ==, SC_SEGMENT_KIND_TOP_ACCOUNTS);
      if (contains (o, "not bought"))
        g_assert_cmpint (figures->activity, ==, SC_ACTIVITY_NONE);
      if (contains (o, "records"))
        g_assert_cmpint (info->kind, ==, SC_SEGMENT_KIND_ANOMALIES);
    }
  /* The quadrant templates need a quadrant; without one the repeat rate decides. */
  if (plan->situation >= SC_PLAN_INVEST && plan->situation <= SC_PLAN_MAINTAIN)
    g_assert_cmpint (quadrant, !=, SC_QUADRANT_NONE);
  if (plan->situation == SC_PLAN_LOYAL || plan->situation == SC_PLAN_SECOND_ORDER)
    g_assert_cmpint (quadrant, ==, SC_QUADRANT_NONE);
}

static void
check_decisions (const Generated *g,
                 const ScPlans   *plans)
{
  g_autoptr(GPtrArray) decisions = sc_plan_decisions (g->run, plans);
  g_autofree guint *order = sc_run_priority_order (g->run);
  guint last_rank = 0;

  for (guint s = 0; s < g->run->n_segments; s++)
    {
      const ScSegmentInfo *info = &g->run->segments[s];
      guint owners = 0, plan_decisions = 0, checks = 0;

      for (guint i = 0; i < decisions->len; i++)
        {
          const ScDecision *d = g_ptr_array_index (decisions, i);

          if (d->position != s)
            continue;
          g_assert_nonnull (strstr (d->text, info->name));
          owners += d->kind == SC_DECISION_OWNER;
          plan_decisions += d->kind == SC_DECISION_PLAN;
          checks += d->kind == SC_DECISION_ANOMALIES;
          g_assert_cmpint (d->kind, !=, SC_DECISION_UNSTABLE);   /* no validation here */
        }
      /* An owner is never invented: each segment without one is listed once. */
      g_assert_cmpuint (owners, ==, info->size > 0 && info->owner == NULL ? 1 : 0);
      g_assert_cmpuint (plan_decisions, ==,
                        info->size > 0 && (info->objective == NULL || info->tactics == NULL ||
                                           info->service_tier == NULL) ? 1 : 0);
      g_assert_cmpuint (checks, ==,
                        info->size > 0 && info->kind == SC_SEGMENT_KIND_ANOMALIES ? 1 : 0);
    }
  /* In priority order. */
  for (guint i = 0; i < decisions->len; i++)
    {
      const ScDecision *d = g_ptr_array_index (decisions, i);
      guint rank = g->run->segments[d->position].priority;

      g_assert_cmpuint (rank, >=, last_rank);
      last_rank = rank;
    }
  (void) order;
}

static void
test_property (void)
{
  guint seen[SC_PLAN_N_SITUATIONS] = { 0 };
  guint n_runs = g_test_slow () ? 2000 : 400;

  for (guint32 seed = 0; seed < n_runs; seed++)
    {
      Generated g = { 0 };
      ScPlanFigures *figures;
      g_autoptr(ScPlans) plans = NULL;

      generate (seed, &g);
      figures = sc_plan_figures_compute (g.features, g.run, NULL);
      g_assert_nonnull (figures);
      plans = sc_plans_build (g.run, figures);
      g_assert_cmpuint (plans->n_segments, ==, g.run->n_segments);
      for (guint s = 0; s < g.run->n_segments; s++)
        {
          check_plan (&g, plans, s);
          seen[plans->plans[s].situation]++;
        }
      check_decisions (&g, plans);
      generated_clear (&g);
    }
  /* The generator reaches every situation, so every template was checked. */
  for (guint s = 0; s < SC_PLAN_N_SITUATIONS; s++)
    {
      if (seen[s] == 0)
        g_test_message ("situation %s never generated", sc_plan_situation_to_string (s));
      g_assert_cmpuint (seen[s], >, 0);
    }
}

static void
test_unstable_decision (void)
{
  Generated g = { 0 };
  g_autoptr(GPtrArray) decisions = NULL;
  guint unstable = 0;

  generate (7, &g);
  g.run->validation = g_new0 (ScValidation, 1);
  g.run->validation->n_segments = g.run->n_segments;
  g.run->validation->segments = g_new0 (ScSegmentQuality, g.run->n_segments);
  for (guint s = 0; s < g.run->n_segments; s++)
    {
      g.run->validation->segments[s].stability = s == 0 ? 0.3 : 0.9;
      g.run->validation->segments[s].unstable = s == 0;
    }
  decisions = sc_plan_decisions (g.run, NULL);
  for (guint i = 0; i < decisions->len; i++)
    {
      const ScDecision *d = g_ptr_array_index (decisions, i);

      g_assert_cmpint (d->kind, !=, SC_DECISION_PLAN);   /* without plans */
      if (d->kind == SC_DECISION_UNSTABLE)
        {
          g_assert_cmpuint (d->position, ==, 0);
          g_assert_nonnull (strstr (d->text, "0.30"));
          unstable++;
        }
    }
  g_assert_cmpuint (unstable, ==, g.run->segments[0].size > 0 ? 1 : 0);
  generated_clear (&g);
}

static void
test_tactics_text (void)
{
  const char *tactics[] = { "  One ", "", "Two\nlines", NULL };
  const char *empty[] = { " ", NULL };
  g_autofree char *joined = sc_plan_join_tactics (tactics);
  g_auto(GStrv) split = sc_plan_split_tactics (joined);

  g_assert_cmpstr (joined, ==, "One\nTwo lines");
  g_assert_cmpuint (g_strv_length (split), ==, 2);
  g_assert_null (sc_plan_join_tactics (empty));
  g_assert_null (sc_plan_split_tactics ("\n \n"));
  g_assert_null (sc_plan_split_tactics (NULL));
}

/* ------------------------------------------------------------------------------------------ */
/* Through the project                                                                         */

static const ScPlan *
plan_of (ScPlans   **plans,
         ScProject  *project,
         guint       position)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (plans, sc_plans_free);
  *plans = sc_project_plan (project, sc_project_get_run (project), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*plans);
  return &(*plans)->plans[position];
}

static void
test_project_edit (TestProjectFixture *f,
                   gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPlans) plans = NULL;
  g_autoptr(GPtrArray) decisions = NULL;
  ScSegmentChanges changes = { 0 };
  const ScSegmentInfo *info;
  const ScPlan *plan;
  g_autofree char *objective = NULL, *tier = NULL, *tactics = NULL;
  gint64 id;

  test_project_segment_k (f->project, 3);
  info = sc_project_find_segment (f->project, "1", &error);
  g_assert_no_error (error);
  id = info->id;
  g_assert_true (sc_project_find_segment (f->project, info->name, NULL) == info);
  {
    g_autofree char *upper = g_utf8_strup (info->name, -1);

    g_assert_true (sc_project_find_segment (f->project, upper, NULL) == info);
  }
  g_assert_null (sc_project_find_segment (f->project, "99", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  plan = plan_of (&plans, f->project, 0);
  g_assert_cmpuint (plan->suggested, ==, SC_PLAN_FIELD_ALL);
  objective = g_strdup (plan->objective);
  tier = g_strdup (plan->tier);
  tactics = sc_plan_join_tactics ((const char * const *) plan->tactics);
  decisions = sc_project_get_decisions (f->project, plans);
  g_assert_cmpuint (decisions->len, >=, 2 * sc_project_get_run (f->project)->n_segments);

  /* Owner and accept, in one step. */
  changes.n_fields = 1;
  changes.fields[0] = SC_SEGMENT_FIELD_OWNER;
  changes.values[0] = "Ana";
  changes.accept_suggested = TRUE;
  changes.priority = 2;
  g_assert_true (sc_project_edit_segment (f->project, id, &changes, &error));
  g_assert_no_error (error);
  info = sc_project_find_segment (f->project, "1", NULL);
  g_assert_cmpstr (info->owner, ==, "Ana");
  g_assert_cmpstr (info->objective, ==, objective);
  g_assert_cmpstr (info->service_tier, ==, tier);
  g_assert_cmpstr (info->tactics, ==, tactics);
  g_assert_cmpuint (info->priority, ==, 2);
  plan = plan_of (&plans, f->project, 0);
  g_assert_cmpuint (plan->suggested, ==, 0);
  g_assert_cmpstr (plan->objective, ==, objective);
  g_assert_cmpstr (sc_project_get_undo_label (f->project), ==, "Segment Edit");

  /* Undone as one step, and redone. */
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_no_error (error);
  info = sc_project_find_segment (f->project, "1", NULL);
  g_assert_null (info->owner);
  g_assert_null (info->objective);
  g_assert_null (info->service_tier);
  g_assert_null (info->tactics);
  g_assert_cmpuint (info->priority, ==, 1);
  g_assert_false (sc_project_get_can_undo (f->project));
  g_assert_true (sc_project_redo (f->project, &error));
  g_assert_no_error (error);
  info = sc_project_find_segment (f->project, "1", NULL);
  g_assert_cmpstr (info->owner, ==, "Ana");
  g_assert_cmpuint (info->priority, ==, 2);

  /* Accepting keeps what people set: only suggested fields are taken. */
  memset (&changes, 0, sizeof changes);
  changes.n_fields = 2;
  changes.fields[0] = SC_SEGMENT_FIELD_SERVICE_TIER;
  changes.values[0] = NULL;
  changes.fields[1] = SC_SEGMENT_FIELD_OBJECTIVE;
  changes.values[1] = "Ours";
  g_assert_true (sc_project_edit_segment (f->project, id, &changes, &error));
  g_assert_no_error (error);
  plan = plan_of (&plans, f->project, 0);
  g_assert_cmpuint (plan->suggested, ==,
                    SC_PLAN_FIELD_TIER | SC_PLAN_FIELD_CHANNEL | SC_PLAN_FIELD_CADENCE);
  memset (&changes, 0, sizeof changes);
  changes.accept_suggested = TRUE;
  g_assert_true (sc_project_edit_segment (f->project, id, &changes, &error));
  info = sc_project_find_segment (f->project, "1", NULL);
  g_assert_cmpstr (info->objective, ==, "Ours");
  g_assert_cmpstr (info->service_tier, ==, tier);

  /* All or nothing: a name taken by another segment fails the whole edit. */
  memset (&changes, 0, sizeof changes);
  changes.n_fields = 2;
  changes.fields[0] = SC_SEGMENT_FIELD_OWNER;
  changes.values[0] = "Bo";
  changes.fields[1] = SC_SEGMENT_FIELD_NAME;
  changes.values[1] = sc_project_find_segment (f->project, "2", NULL)->name;
  g_assert_false (sc_project_edit_segment (f->project, id, &changes, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (sc_project_reload (f->project, &error));
  info = sc_project_find_segment (f->project, "1", NULL);
  g_assert_cmpstr (info->owner, ==, "Ana");

  /* Nothing to change is no step to undo. */
  {
    g_autofree char *label = g_strdup (sc_project_get_undo_label (f->project));

    memset (&changes, 0, sizeof changes);
    changes.accept_suggested = TRUE;
    g_assert_true (sc_project_edit_segment (f->project, id, &changes, &error));
    g_assert_cmpstr (sc_project_get_undo_label (f->project), ==, label);
  }
}

static void
test_project_plan_async (TestProjectFixture *f,
                         gconstpointer       data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPlans) plans = NULL;
  GAsyncResult *result = NULL;

  test_project_segment_k (f->project, 3);
  sc_project_plan_async (f->project, sc_project_get_run (f->project), NULL,
                         test_on_async_done, &result);
  plans = sc_project_plan_finish (f->project, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->n_segments, ==, sc_project_get_run (f->project)->n_segments);
  g_clear_object (&result);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Plan/templates-complete", test_templates_complete);
  g_test_add_func ("/Core/Plan/true-of-the-figures", test_property);
  g_test_add_func ("/Core/Plan/unstable-decision", test_unstable_decision);
  g_test_add_func ("/Core/Plan/tactics-text", test_tactics_text);
  g_test_add ("/Core/Plan/project-edit", TestProjectFixture, NULL, test_project_fixture_setup,
              test_project_edit, test_project_fixture_teardown);
  g_test_add ("/Core/Plan/project-async", TestProjectFixture, NULL, test_project_fixture_setup,
              test_project_plan_async, test_project_fixture_teardown);
  return g_test_run ();
}
