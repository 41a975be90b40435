/* sc-hypothesis.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-features.h"
#include "sc-store.h"

G_BEGIN_DECLS

/**
 * ScHypothesisGroup:
 * @SC_HYPOTHESIS_GROUP_ATTRIBUTE: customers with a value of a customer-list attribute
 * @SC_HYPOTHESIS_GROUP_SEGMENT: customers in a segment of the current segmentation
 * @SC_HYPOTHESIS_GROUP_INTERACTION: customers with an interaction of a type (needs an
 *   interactions import, which does not exist yet)
 */
typedef enum
{
  SC_HYPOTHESIS_GROUP_ATTRIBUTE,
  SC_HYPOTHESIS_GROUP_SEGMENT,
  SC_HYPOTHESIS_GROUP_INTERACTION,
} ScHypothesisGroup;

/**
 * ScHypothesisMetric:
 * @SC_HYPOTHESIS_METRIC_SPEND: net spend per customer
 * @SC_HYPOTHESIS_METRIC_ORDERS: orders per customer
 * @SC_HYPOTHESIS_METRIC_ORDER_VALUE: a customer's average order value
 * @SC_HYPOTHESIS_METRIC_P_ALIVE: the value model's probability that the customer is active
 * @SC_HYPOTHESIS_METRIC_REPEAT_RATE: the share of customers with two orders or more
 */
typedef enum
{
  SC_HYPOTHESIS_METRIC_SPEND,
  SC_HYPOTHESIS_METRIC_ORDERS,
  SC_HYPOTHESIS_METRIC_ORDER_VALUE,
  SC_HYPOTHESIS_METRIC_P_ALIVE,
  SC_HYPOTHESIS_METRIC_REPEAT_RATE,
  SC_HYPOTHESIS_N_METRICS /*< skip >*/
} ScHypothesisMetric;

typedef enum
{
  SC_HYPOTHESIS_HIGHER,
  SC_HYPOTHESIS_LOWER,
} ScHypothesisDirection;

/**
 * ScHypothesisVerdict:
 * @SC_HYPOTHESIS_SUPPORTED: the difference is significant after Holm's correction and the
 *   95% interval of the ratio lies wholly on the stated side of 1
 * @SC_HYPOTHESIS_NOT_SUPPORTED: the data do not show the stated difference
 * @SC_HYPOTHESIS_TOO_FEW: fewer than %SC_HYPOTHESIS_MIN_GROUP customers on a side
 */
typedef enum
{
  SC_HYPOTHESIS_SUPPORTED,
  SC_HYPOTHESIS_NOT_SUPPORTED,
  SC_HYPOTHESIS_TOO_FEW,
} ScHypothesisVerdict;

/* The fewest customers on each side for a test: below it the verdict is "too few". */
#define SC_HYPOTHESIS_MIN_GROUP 30
/* Significance after Holm's correction, and the bootstrap behind the intervals. */
#define SC_HYPOTHESIS_ALPHA 0.05
#define SC_HYPOTHESIS_RESAMPLES 2000
#define SC_HYPOTHESIS_SEED G_GUINT64_CONSTANT (20260516)

/**
 * ScHypothesis:
 * @id: the stored row, 0 for a suggestion
 * @group: what kind of group
 * @attribute: (nullable): the attribute's name, for %SC_HYPOTHESIS_GROUP_ATTRIBUTE
 * @value: the attribute's value, the segment's name or the interaction type
 * @metric: what is compared
 * @direction: the stated direction, group against the rest
 *
 * "Customers with ⟨group⟩ have higher/lower ⟨metric⟩ than the rest."
 */
typedef struct
{
  gint64                 id;
  ScHypothesisGroup      group;
  char                  *attribute;
  char                  *value;
  ScHypothesisMetric     metric;
  ScHypothesisDirection  direction;
} ScHypothesis;

/**
 * ScHypothesisResult:
 * @hypothesis: what was tested (a copy)
 * @statement: the hypothesis in words
 * @verdict: the verdict
 * @effect: group ÷ rest of the metric's mean (or rate); NAN when not measured
 * @ci_low: the 95% bootstrap interval of @effect, NAN when not measured
 * @ci_high: its upper end
 * @p_value: the one-sided p-value (Mann–Whitney, or two proportions for the repeat rate)
 * @p_adjusted: @p_value after Holm's correction over the project's hypotheses
 * @group_value: the group's mean or rate
 * @rest_value: the rest's mean or rate
 * @n_group: customers in the group with the metric measured
 * @n_rest: customers in the rest with the metric measured
 * @sentence: the verdict in plain words, true of the figures above
 */
typedef struct
{
  ScHypothesis         hypothesis;
  char                *statement;
  ScHypothesisVerdict  verdict;
  double               effect;
  double               ci_low;
  double               ci_high;
  double               p_value;
  double               p_adjusted;
  double               group_value;
  double               rest_value;
  guint64              n_group;
  guint64              n_rest;
  char                *why_too_few;
  char                *sentence;
} ScHypothesisResult;

/**
 * ScHypothesisReport:
 * @results: (element-type ScHypothesisResult): the project's hypotheses, tested, in the
 *   order they were added
 * @suggestions: (element-type ScHypothesisResult): hypotheses the customer list suggests,
 *   largest effect first, with effect, p-value and sizes (no interval, no verdict)
 */
typedef struct
{
  GPtrArray *results;
  GPtrArray *suggestions;
} ScHypothesisReport;

const char *sc_hypothesis_metric_to_string    (ScHypothesisMetric     metric);
gboolean    sc_hypothesis_metric_from_string  (const char            *s,
                                               ScHypothesisMetric    *metric);
const char *sc_hypothesis_metric_to_label     (ScHypothesisMetric     metric);
const char *sc_hypothesis_direction_to_string (ScHypothesisDirection  direction);
gboolean    sc_hypothesis_direction_from_string (const char          *s,
                                                 ScHypothesisDirection *direction);
const char *sc_hypothesis_verdict_to_string   (ScHypothesisVerdict    verdict);
const char *sc_hypothesis_verdict_to_label    (ScHypothesisVerdict    verdict);

gboolean    sc_hypothesis_parse_group         (const char            *text,
                                               ScHypothesis          *hypothesis,
                                               GError               **error);
char       *sc_hypothesis_group_to_string     (const ScHypothesis    *hypothesis);
char       *sc_hypothesis_statement           (const ScHypothesis    *hypothesis);
void        sc_hypothesis_clear               (ScHypothesis          *hypothesis);
void        sc_hypothesis_copy_into           (ScHypothesis          *dest,
                                               const ScHypothesis    *src);
ScHypothesis *sc_hypothesis_copy              (const ScHypothesis    *hypothesis);
void        sc_hypothesis_free                (ScHypothesis          *hypothesis);

ScHypothesisResult *sc_hypothesis_evaluate    (const ScHypothesis    *hypothesis,
                                               const double          *values,
                                               const guint8          *in_group,
                                               gsize                  n,
                                               guint                  n_resamples);
void        sc_hypothesis_conclude            (GPtrArray             *results);
void        sc_hypothesis_result_free         (ScHypothesisResult    *result);
void        sc_hypothesis_report_free         (ScHypothesisReport    *report);

/**
 * ScCategory:
 * @name: a categorical attribute of the customer list
 * @levels: its values
 *
 * A group a hypothesis can name, for choosing one.
 */
typedef struct
{
  char  *name;
  char **levels;
} ScCategory;

void        sc_category_free                  (ScCategory            *category);

/* sc-hypothesis-data.c: the hypotheses table, and testing against a project's data. */
gboolean    sc_hypothesis_store_list          (ScStore               *store,
                                               GPtrArray            **hypotheses,
                                               GError               **error);
gboolean    sc_hypothesis_store_add           (ScStore               *store,
                                               ScHypothesis          *hypothesis,
                                               GError               **error);
gboolean    sc_hypothesis_store_remove        (ScStore               *store,
                                               gint64                 id,
                                               GError               **error);

/**
 * ScHypothesisData:
 * @features: every customer's features, P(alive) included when the value model is fresh
 * @attributes: (element-type ScAttribute): the customer list's attributes
 * @labels: (nullable) (array length=features->n): the current segment of each customer,
 *   @n_segments or more for none; %NULL without segments
 * @n_segments: segments of the current segmentation
 * @segment_names: (array length=n_segments): their names, by position
 * @interaction_types: (nullable) (array zero-terminated=1): the interaction types of the
 *   project, %NULL when it holds no interactions
 * @interaction_seen: (nullable): per type, one byte per customer: whether the customer
 *   has at least one interaction of that type
 *
 * What hypotheses are tested against, read by the facade (sc-project-hypotheses.c).
 */
typedef struct
{
  const ScFeatures  *features;
  GPtrArray         *attributes;
  const guint16     *labels;
  guint              n_segments;
  const char       **segment_names;
  char             **interaction_types;
  guint8           **interaction_seen;
} ScHypothesisData;

gboolean    sc_hypothesis_resolve             (ScHypothesis           *hypothesis,
                                               const ScHypothesisData *data,
                                               GError                **error);
ScHypothesisReport *sc_hypothesis_test        (GPtrArray              *hypotheses,
                                               const ScHypothesisData *data,
                                               gboolean                suggest,
                                               GCancellable           *cancellable,
                                               GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScHypothesis, sc_hypothesis_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScHypothesis, sc_hypothesis_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScHypothesisResult, sc_hypothesis_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScHypothesisReport, sc_hypothesis_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCategory, sc_category_free)

G_END_DECLS
