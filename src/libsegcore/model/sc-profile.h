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

/**
 * ScFeatureLift:
 * @feature: the feature
 * @segment_mean: its mean over the segment
 * @all_mean: its mean over all customers in a segment
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
 * @mean: per feature, mean over the segment's customers that have a value; NAN when the
 *   feature is absent or no customer of the segment has a value
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
 * @suggested_name: a plain-language name, unique among the segments of one computation
 *
 * What distinguishes one segment, for people.  "All customers" here means the customers
 * given a segment label; those labelled as in no segment are left out of every figure.
 */
typedef struct
{
  gsize          size;
  double         share;
  double         revenue;
  double         revenue_share;
  double         mean[SC_N_FEATURES];
  double         median[SC_N_FEATURES];
  ScFeatureLift  top_features[3];
  guint          n_top_features;
  ScCategoryLift top_categories[5];
  guint          n_top_categories;
  char          *suggested_name;
} ScSegmentProfile;

ScSegmentProfile *sc_profile_compute  (const ScFeatures       *f,
                                       const guint32          *labels,
                                       guint                   k,
                                       const ScAttribute      *attrs,
                                       guint                   n_attrs,
                                       GCancellable           *cancellable);
void              sc_profile_free     (ScSegmentProfile       *p,
                                       guint                   k);
char             *sc_profile_describe (const ScSegmentProfile *p,
                                       const ScAttribute      *attrs);

G_END_DECLS
