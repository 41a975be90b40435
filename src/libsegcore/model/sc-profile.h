/* sc-profile.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-features.h"

G_BEGIN_DECLS

/* A category level is reported for a segment only with at least this many customers of the
 * segment, and at least this share of the segment, holding it. */
#define SC_PROFILE_MIN_CATEGORY_COUNT 10
#define SC_PROFILE_MIN_CATEGORY_SHARE 0.05

/* Activity: a segment's median days since the last order (r) against its ordering rhythm
 * (g, the typical days between two orders, at least %SC_PROFILE_MIN_GAP_DAYS) and against
 * absolute time; the segment takes the later of the two stages.
 *
 *   by rhythm   active r <= 2 g   at risk r <= 4 g   else lapsed
 *   by time     active r <= 365   at risk r <= 730   lapsed r <= 1095   else lost
 *
 * The rhythm is the median gap (tenure - recency) / (orders - 1) of the segment's repeat
 * buyers when it has at least %SC_PROFILE_MIN_RHYTHM_BUYERS of them, else that of every
 * repeat buyer (with as many), else %SC_PROFILE_DEFAULT_GAP_DAYS. */
#define SC_PROFILE_AT_RISK_GAPS       2.0
#define SC_PROFILE_LAPSED_GAPS        4.0
#define SC_PROFILE_AT_RISK_DAYS       365.0
#define SC_PROFILE_LAPSED_DAYS        730.0
#define SC_PROFILE_LOST_DAYS          1095.0
#define SC_PROFILE_MIN_GAP_DAYS       7.0
#define SC_PROFILE_DEFAULT_GAP_DAYS   90.0
#define SC_PROFILE_MIN_RHYTHM_BUYERS  5

/* A name says that members do a lot of an interaction ("who open many e-mails") when their
 * mean is at least this many times the mean of all customers in segments. */
#define SC_PROFILE_ENGAGED_LIFT       2.0

/* Frequency words: "frequent" needs a median of at least this many orders. */
#define SC_PROFILE_FREQUENT_ORDERS    3.0

/**
 * ScActivity:
 * @SC_ACTIVITY_NONE: no purchases to judge by (an empty segment, or customers without orders)
 * @SC_ACTIVITY_ACTIVE: ordering in their usual rhythm
 * @SC_ACTIVITY_AT_RISK: overdue by their rhythm or silent for over a year
 * @SC_ACTIVITY_LAPSED: long overdue, or silent for over two years
 * @SC_ACTIVITY_LOST: silent for over three years
 *
 * Where a segment stands, by the rule of %SC_PROFILE_AT_RISK_GAPS and the others above.
 */
typedef enum
{
  SC_ACTIVITY_NONE,
  SC_ACTIVITY_ACTIVE,
  SC_ACTIVITY_AT_RISK,
  SC_ACTIVITY_LAPSED,
  SC_ACTIVITY_LOST,
} ScActivity;

/**
 * ScLevel:
 * @SC_LEVEL_LOW: one-time buyers, or low spenders
 * @SC_LEVEL_MID: neither (no claim either way for spend; "bought more than once" for orders)
 * @SC_LEVEL_HIGH: frequent buyers, or high spenders
 *
 * What a name says of a segment's orders or spend.  Low spend: median at or below the
 * lower tertile of all customers (and not also at the upper one) and mean at or below the
 * mean of all customers; high spend the same above.  One-time: a median of one order.
 * Frequent: a median of at least %SC_PROFILE_FREQUENT_ORDERS orders, at or above the upper
 * tertile, and a mean at or above the mean of all customers.  Median and mean must agree,
 * so that the "what distinguishes it" line, which speaks of means, never says the opposite.
 */
typedef enum
{
  SC_LEVEL_LOW,
  SC_LEVEL_MID,
  SC_LEVEL_HIGH,
} ScLevel;

/**
 * ScSegmentNaming:
 * @activity: where the segment stands (see #ScActivity)
 * @rhythm: the days between orders @activity was judged by
 * @rhythm_own: whether @rhythm is the segment's own (else that of all repeat buyers, or the
 *   default)
 * @orders: the orders level the name claims
 * @spend: the spend level the name claims
 * @orders_tertiles: the 1/3 and 2/3 quantiles of orders over all customers
 * @spend_tertiles: the same for spend
 * @base_name: (nullable): the name before it was told apart from visible segments of the
 *   same name
 * @qualifier: the feature in brackets after @base_name, or %SC_N_FEATURES
 * @qualifier_rank: rank of the segment's median (and mean) of @qualifier among the
 *   @qualifier_group same-named segments, 0 for the lowest
 * @qualifier_group: segments that shared @base_name; 0 when the name was not told apart
 * @numbered: whether a number told it apart instead
 * @engaged: the interaction feature the name says the members do a lot of ("… who open
 *   many e-mails": the segment's mean is at least %SC_PROFILE_ENGAGED_LIFT times that of
 *   all customers in segments), or %SC_N_FEATURES
 * @unprofitable: the name says the segment is run at a loss ("… at a loss"): the mean gross
 *   profit of its members whose profit is known is below zero (only a profile with profit
 *   figures, a run built on profit, can say so)
 *
 * Why a segment got its suggested name: every word of the name is one of these claims, and
 * each can be checked against the segment's figures.
 */
typedef struct
{
  ScActivity activity;
  double     rhythm;
  gboolean   rhythm_own;
  ScLevel    orders;
  ScLevel    spend;
  double     orders_tertiles[2];
  double     spend_tertiles[2];
  char      *base_name;
  ScFeature  qualifier;
  guint      qualifier_rank;
  guint      qualifier_group;
  gboolean   numbered;
  ScFeature  engaged;
  gboolean   unprofitable;
} ScSegmentNaming;

/**
 * ScFeatureLift:
 * @feature: the feature
 * @segment_mean: its mean over the segment (for %SC_FEATURE_AOV the revenue per order, as
 *   #ScSegmentProfile's @mean)
 * @all_mean: the same over all customers in a segment
 * @ratio: @segment_mean / @all_mean
 */
typedef struct
{
  ScFeature feature;
  double    segment_mean;
  double    all_mean;
  double    ratio;
} ScFeatureLift;

/**
 * ScCategoryLift:
 * @attribute: index into the attribute array
 * @level: level index of that attribute
 * @segment_share: share of the segment's customers with a known value that hold this level
 * @all_share: the same share over all customers in a segment
 * @lift: @segment_share / @all_share
 * @count: customers of the segment holding this level
 */
typedef struct
{
  guint  attribute;
  guint  level;
  double segment_share;
  double all_share;
  double lift;
  gsize  count;
} ScCategoryLift;

/**
 * ScSegmentProfile:
 * @size: customers in the segment
 * @share: @size / the customers in any segment
 * @revenue: net spend of the segment (sum of monetary, returns included; may be negative)
 * @revenue_share: max (@revenue, 0) / the sum of max (revenue, 0) over all segments: the
 *   segment's part of the revenue of the segments that brought revenue, so shares are never
 *   negative and add up to 1 (0 everywhere when no segment has positive revenue)
 * @orders: orders of the segment's customers (the sum of frequency)
 * @mean: per feature, mean over the segment's customers that have a value; NAN when the
 *   feature is absent or no customer of the segment has a value.  %SC_FEATURE_AOV is the
 *   segment's revenue per order (@revenue / @orders): its average order, where a mean of
 *   the customers' averages would count a one-order customer like a hundred-order one
 * @all_mean: per feature, the same over all customers in a segment
 * @median: the same for the exact median (mean of the two middle values for even counts)
 * @top_features: up to three features whose segment mean differs most from the mean of
 *   all customers, by |log (@segment_mean / @all_mean)|; only features with a positive
 *   all-customer mean are compared, and ratios are clamped to 1/1000..1000 for ranking
 * @n_top_features: entries used in @top_features
 * @top_categories: up to five categorical attribute levels over-represented in the segment
 *   (lift > 1), highest lift first, among levels held by at least
 *   %SC_PROFILE_MIN_CATEGORY_COUNT customers and %SC_PROFILE_MIN_CATEGORY_SHARE of the
 *   segment
 * @n_top_categories: entries used in @top_categories
 * @suggested_name: a plain-language name, unique among the segments told apart (all of
 *   them, unless sc_profile_name() set some apart)
 * @naming: the claims @suggested_name makes, with the figures behind them
 *
 * What distinguishes one segment, for people.  "All customers" here means the customers
 * given a segment label; those labelled as in no segment are left out of every figure, and
 * those of a segment sc_profile_compute_beside() leaves outside are left out of @all_mean
 * and the tertiles of @naming.
 */
typedef struct
{
  gsize          size;
  double         share;
  double         revenue;
  double         revenue_share;
  double         orders;
  double         mean[SC_N_FEATURES];
  double         all_mean[SC_N_FEATURES];
  double         median[SC_N_FEATURES];
  ScFeatureLift  top_features[3];
  guint          n_top_features;
  ScCategoryLift top_categories[5];
  guint          n_top_categories;
  char          *suggested_name;
  ScSegmentNaming naming;
} ScSegmentProfile;

ScSegmentProfile *sc_profile_compute  (const ScFeatures       *f,
                                       const guint32          *labels,
                                       guint                   k,
                                       const ScAttribute      *attrs,
                                       guint                   n_attrs,
                                       GCancellable           *cancellable);
ScSegmentProfile *sc_profile_compute_beside (const ScFeatures  *f,
                                             const guint32     *labels,
                                             guint              k,
                                             const ScAttribute *attrs,
                                             guint              n_attrs,
                                             const gboolean    *outside,
                                             GCancellable      *cancellable);
void              sc_profile_free     (ScSegmentProfile       *p,
                                       guint                   k);
ScActivity        sc_activity_classify (double                recency,
                                        double                rhythm);

void              sc_profile_name     (ScSegmentProfile       *p,
                                       guint                   k,
                                       const gboolean         *apart);
char             *sc_profile_describe (const ScSegmentProfile *p,
                                       const ScAttribute      *attrs,
                                       const char             *currency);

G_END_DECLS
