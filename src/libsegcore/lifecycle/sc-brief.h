/* sc-brief.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-currency.h"
#include "sc-run.h"

G_BEGIN_DECLS

/**
 * ScStakeholderRole:
 * @SC_STAKEHOLDER_SPONSOR: sponsors the project
 * @SC_STAKEHOLDER_APPROVER: approves the segments and the plans
 * @SC_STAKEHOLDER_USER: uses the segments (sales, marketing, support)
 *
 * What a stakeholder does with the segments.
 */
typedef enum
{
  SC_STAKEHOLDER_SPONSOR,
  SC_STAKEHOLDER_APPROVER,
  SC_STAKEHOLDER_USER,
  SC_N_STAKEHOLDER_ROLES,
} ScStakeholderRole;

/**
 * ScKpiUnit:
 * @SC_KPI_UNIT_NONE: a KPI the product does not know: a target only
 * @SC_KPI_UNIT_PERCENT: a rate, in percent (0–100)
 * @SC_KPI_UNIT_MONEY: an amount in the project's currency
 * @SC_KPI_UNIT_COUNT: a number of customers
 */
typedef enum
{
  SC_KPI_UNIT_NONE,
  SC_KPI_UNIT_PERCENT,
  SC_KPI_UNIT_MONEY,
  SC_KPI_UNIT_COUNT,
} ScKpiUnit;

/**
 * ScBriefKpi:
 * @name: as people wrote it
 * @baseline: computed from the data for a KPI the product knows, else NAN
 * @target: what success means, in the KPI's unit; NAN when not set
 */
typedef struct
{
  char   *name;
  double  baseline;
  double  target;
} ScBriefKpi;

typedef struct
{
  char              *name;
  char              *team;     /* nullable */
  ScStakeholderRole  role;
} ScStakeholder;

/**
 * ScBrief:
 * @objective: (nullable): what the segmentation is for
 * @goal: (nullable): the business goal the objective serves
 * @scope: (nullable): customers and period included, deliverables
 * @review_date: (nullable): YYYY-MM-DD
 * @currency: (nullable): an ISO 4217 code
 * @kpis: (element-type ScBriefKpi): success KPIs, in order
 * @stakeholders: (element-type ScStakeholder): in order
 *
 * The project brief: why the segments are made, for whom, and how success is measured.
 */
typedef struct
{
  char   *objective;
  char   *goal;
  char   *scope;
  char   *review_date;
  char   *currency;
  GArray *kpis;
  GArray *stakeholders;
} ScBrief;

ScBrief    *sc_brief_new                 (void);
ScBrief    *sc_brief_copy                (const ScBrief       *brief);
void        sc_brief_free                (ScBrief             *brief);
gboolean    sc_brief_is_empty            (const ScBrief       *brief);
gboolean    sc_brief_equal               (const ScBrief       *a,
                                          const ScBrief       *b);
/* Replaces one text part of a brief (&brief->goal, …) with @text trimmed; empty text
 * clears it. */
void        sc_brief_set_text            (char               **field,
                                          const char          *text);
/* Takes a copy of each string; @team may be NULL. */
void        sc_brief_add_kpi             (ScBrief             *brief,
                                          const char          *name,
                                          double               target);
void        sc_brief_add_stakeholder     (ScBrief             *brief,
                                          const char          *name,
                                          const char          *team,
                                          ScStakeholderRole    role);

/* The common objectives, for people to pick from (translated); NULL-terminated. */
const char * const *sc_brief_objective_suggestions (void);

const char *sc_stakeholder_role_to_string (ScStakeholderRole   role);
const char *sc_stakeholder_role_to_label  (ScStakeholderRole   role);
gboolean    sc_stakeholder_role_from_string (const char        *text,
                                             ScStakeholderRole *role);

/* "NAME=TARGET" and "NAME, TEAM, ROLE", as the CLI and the app take them. */
gboolean    sc_brief_parse_kpi           (const char          *text,
                                          char               **name,
                                          double              *target,
                                          GError             **error);
gboolean    sc_brief_parse_stakeholder   (const char          *text,
                                          ScStakeholder       *stakeholder,
                                          GError             **error);
void        sc_stakeholder_clear         (ScStakeholder       *stakeholder);

gboolean    sc_brief_check_date          (const char          *text,
                                          GError             **error);
gboolean    sc_brief_check_currency      (const char          *code,
                                          GError             **error);
char       *sc_brief_load_currency       (ScStore             *store,
                                          ScCurrencySource    *source,
                                          GError             **error);
gboolean    sc_brief_validate            (const ScBrief       *brief,
                                          GError             **error);

/* The KPIs the product computes, by the names people may write ("repeat rate",
 * "90-day churn", …): the canonical id, or NULL for a KPI it does not know. */
const char *sc_brief_kpi_id              (const char          *name);
const char *sc_brief_kpi_label           (const char          *id);
ScKpiUnit   sc_brief_kpi_unit            (const char          *name);
/* The canonical ids of the known KPIs, NULL-terminated. */
const char * const *sc_brief_kpi_ids     (void);
/* A KPI value for people, in its unit ("34.5 %", "EUR 12,400"). */
char       *sc_brief_format_kpi_value    (const ScBrief       *brief,
                                          const char          *name,
                                          double               value);

/* Fills the baseline of every KPI the product knows from the data; @run (nullable) gives
 * the top segment's revenue. */
void        sc_brief_compute_baselines   (ScBrief             *brief,
                                          const ScAggregates  *aggregates,
                                          const ScRun         *run);

ScBrief    *sc_brief_load                (ScStore             *store,
                                          GError             **error);
/* Replaces the stored brief, in one transaction. */
gboolean    sc_brief_save                (ScStore             *store,
                                          const ScBrief       *brief,
                                          GError             **error);
/* sc_brief_load() with the baselines computed from the stored aggregates. */
ScBrief    *sc_brief_load_with_baselines (ScStore             *store,
                                          const ScRun         *run,
                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScBrief, sc_brief_free)

G_END_DECLS
