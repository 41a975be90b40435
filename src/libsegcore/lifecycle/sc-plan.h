/* sc-plan.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-profile.h"
#include "sc-run.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* A plan for every segment: what to achieve, how, at which service tier, through which
 * channel, how often, and the KPI that shows whether it works. A field people set (the
 * objective, tactics and service tier columns of the segment) stands; every other field is
 * suggested from the segment's situation (see sc-plan.c). */

/**
 * ScPlanSituation:
 * @SC_PLAN_TOP_ACCOUNTS: top accounts that still buy
 * @SC_PLAN_TOP_AT_RISK: top accounts that stopped buying in their rhythm
 * @SC_PLAN_ANOMALIES: customers whose figures look implausible
 * @SC_PLAN_INVEST: high value, high potential, active
 * @SC_PLAN_KEEP: high value, lower potential, active
 * @SC_PLAN_GROW: lower value, high potential, active
 * @SC_PLAN_MAINTAIN: low value, low potential, active
 * @SC_PLAN_LOYAL: active repeat buyers without a value model
 * @SC_PLAN_SECOND_ORDER: active customers, most of one order, without a value model
 * @SC_PLAN_WIN_BACK: at risk, or lapsed with high value (without a value model: lapsed
 *   with a repeat rate of at least one half)
 * @SC_PLAN_LET_GO: lapsed with low value (without a value model: mostly one-time buyers),
 *   or silent for over three years
 * @SC_PLAN_FIRST_ORDER: customers without purchases
 *
 * What a plan starts from; each has one template. Only the active situations speak of
 * keeping or growing, only the inactive ones of winning back.
 */
typedef enum
{
  SC_PLAN_TOP_ACCOUNTS,
  SC_PLAN_TOP_AT_RISK,
  SC_PLAN_ANOMALIES,
  SC_PLAN_INVEST,
  SC_PLAN_KEEP,
  SC_PLAN_GROW,
  SC_PLAN_MAINTAIN,
  SC_PLAN_LOYAL,
  SC_PLAN_SECOND_ORDER,
  SC_PLAN_WIN_BACK,
  SC_PLAN_LET_GO,
  SC_PLAN_FIRST_ORDER,
  SC_PLAN_N_SITUATIONS /*< skip >*/
} ScPlanSituation;

/**
 * ScPlanKpi:
 * @SC_PLAN_KPI_REVENUE_SHARE: the segment's share of revenue (0..1)
 * @SC_PLAN_KPI_REPEAT_RATE: share of its customers with two orders or more (0..1)
 * @SC_PLAN_KPI_MEDIAN_RECENCY: median days since the last order
 * @SC_PLAN_KPI_P_ALIVE: mean probability that a customer still buys (0..1)
 * @SC_PLAN_KPI_CUSTOMERS: customers in the segment
 *
 * The figure a plan watches; its value is always that figure of the segment.
 */
typedef enum
{
  SC_PLAN_KPI_REVENUE_SHARE,
  SC_PLAN_KPI_REPEAT_RATE,
  SC_PLAN_KPI_MEDIAN_RECENCY,
  SC_PLAN_KPI_P_ALIVE,
  SC_PLAN_KPI_CUSTOMERS,
  SC_PLAN_N_KPIS /*< skip >*/
} ScPlanKpi;

/**
 * ScPlanField:
 *
 * The fields of a plan, as flags: #ScPlan's @suggested holds those not set by people.
 * The channel and the cadence belong to the service tier, and the KPI to the objective:
 * they are set when those are.
 */
typedef enum /*< flags >*/
{
  SC_PLAN_FIELD_OBJECTIVE = 1 << 0,
  SC_PLAN_FIELD_TACTICS   = 1 << 1,
  SC_PLAN_FIELD_TIER      = 1 << 2,
  SC_PLAN_FIELD_CHANNEL   = 1 << 3,
  SC_PLAN_FIELD_CADENCE   = 1 << 4,
  SC_PLAN_FIELD_KPI       = 1 << 5,
  SC_PLAN_FIELD_ALL       = 0x3f,
} ScPlanField;

#define SC_PLAN_MIN_TACTICS 3
#define SC_PLAN_MAX_TACTICS 5

/**
 * ScPlanFigures:
 * @activity: where the segment stands, by the naming rule (sc_activity_classify())
 * @median_recency: median days since the last order of its customers with orders
 * @repeat_rate: share of its customers with orders that have two or more
 *
 * What a plan reads of a segment beyond #ScSegmentInfo, computed from its members.
 */
typedef struct
{
  ScActivity activity;
  double     median_recency;
  double     repeat_rate;
} ScPlanFigures;

/**
 * ScPlan:
 * @situation: the template the suggestions came from
 * @objective: what to achieve
 * @tactics: 3–5 tactics (people may set fewer or more), %NULL-terminated
 * @tier: "high", "mid" or "low"
 * @tier_meaning: what the tier means: interaction, self-service, cost to serve, who it suits
 * @channel: how to reach the customers
 * @cadence: how often
 * @kpi: the figure to watch
 * @kpi_name: its name for people
 * @kpi_value: its current value (a share 0..1, days, a probability or a count)
 * @kpi_text: @kpi_value formatted for people
 * @suggested: the #ScPlanField flags not set by people
 */
typedef struct
{
  ScPlanSituation situation;
  char       *objective;
  char      **tactics;
  char       *tier;
  char       *tier_meaning;
  char       *channel;
  char       *cadence;
  ScPlanKpi   kpi;
  char       *kpi_name;
  double      kpi_value;
  char       *kpi_text;
  guint       suggested;
} ScPlan;

/**
 * ScPlans:
 * @run: the run planned
 * @n_segments: plans and figures, in position order
 */
typedef struct
{
  gint64          run;
  guint           n_segments;
  ScPlanFigures  *figures;
  ScPlan         *plans;
} ScPlans;

/* Plain functions of the figures, for tests and for the report. */
ScPlanSituation sc_plan_situation       (const ScSegmentInfo  *info,
                                         const ScPlanFigures  *figures);
const char     *sc_plan_situation_to_string (ScPlanSituation situation);
/* The suggested tier of a situation: "high", "mid" or "low". */
const char     *sc_plan_situation_tier  (ScPlanSituation      situation);
const char     *sc_plan_tier_meaning    (const char           *tier);
const char     *sc_plan_kpi_to_string   (ScPlanKpi             kpi);
/* The KPI a situation watches, with @info's figures (P(alive) falls back to the repeat
 * rate without a value model). */
ScPlanKpi       sc_plan_situation_kpi   (ScPlanSituation       situation,
                                         const ScSegmentInfo  *info);
double          sc_plan_kpi_value       (ScPlanKpi             kpi,
                                         const ScSegmentInfo  *info,
                                         const ScPlanFigures  *figures);
/* The plan of one segment: its set fields, the rest suggested. */
void            sc_plan_build           (ScPlan               *plan,
                                         const ScSegmentInfo  *info,
                                         const ScPlanFigures  *figures);
void            sc_plan_clear           (ScPlan               *plan);

/* Figures from per-customer features and the run's labels. */
ScPlanFigures  *sc_plan_figures_compute (const ScFeatures     *features,
                                         const ScRun          *run,
                                         GCancellable         *cancellable);
/* Every segment's plan; reads only. */
ScPlans        *sc_plan_run             (ScStore              *store,
                                         const ScRun          *run,
                                         GCancellable         *cancellable,
                                         GError              **error);
ScPlans        *sc_plans_build          (const ScRun          *run,
                                         ScPlanFigures        *figures);
void            sc_plans_free           (ScPlans              *plans);

/* Tactics as stored (one per line) and back. */
char          **sc_plan_split_tactics   (const char           *text);
char           *sc_plan_join_tactics    (const char * const   *tactics);

/**
 * ScDecisionKind:
 * @SC_DECISION_OWNER: a segment has no owner
 * @SC_DECISION_UNSTABLE: a segment changed with small changes of the data: confirm it
 * @SC_DECISION_PLAN: a segment's plan is still suggested, in part or in full
 * @SC_DECISION_ANOMALIES: customers set apart as implausible wait to be checked
 *
 * What people still have to decide.
 */
typedef enum
{
  SC_DECISION_OWNER,
  SC_DECISION_UNSTABLE,
  SC_DECISION_PLAN,
  SC_DECISION_ANOMALIES,
} ScDecisionKind;

/**
 * ScDecision:
 * @kind: what is to be decided
 * @position: the segment, by position
 * @text: the decision, one sentence for people
 */
typedef struct
{
  ScDecisionKind  kind;
  guint           position;
  char           *text;
} ScDecision;

/* The decisions @run still needs, in priority order of the segments; @plans (nullable)
 * adds the plans still suggested. A GPtrArray of ScDecision, freeing them. */
GPtrArray      *sc_plan_decisions       (const ScRun          *run,
                                         const ScPlans        *plans);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPlans, sc_plans_free)

G_END_DECLS
