/* sc-features.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-aggregates.h"
#include "sc-stats.h"

G_BEGIN_DECLS

/**
 * ScFeature:
 * @SC_FEATURE_RECENCY: days from the last purchase to the as-of date
 * @SC_FEATURE_FREQUENCY: distinct orders
 * @SC_FEATURE_MONETARY: net spend, returns included
 * @SC_FEATURE_AOV: average order value, net spend per order (0 without orders)
 * @SC_FEATURE_TENURE: days from the first purchase to the as-of date
 * @SC_FEATURE_CLV: expected future value, set by the CLV stage
 * @SC_FEATURE_P_ALIVE: probability that the customer is still active, set by the CLV stage
 * @SC_N_FEATURES: the number of features
 */
typedef enum
{
  SC_FEATURE_RECENCY,
  SC_FEATURE_FREQUENCY,
  SC_FEATURE_MONETARY,
  SC_FEATURE_AOV,
  SC_FEATURE_TENURE,
  SC_FEATURE_CLV,
  SC_FEATURE_P_ALIVE,
  /* interactions (sc-engagement.c): counts in the 90 days before the as-of day, and the
   * engagement score */
  SC_FEATURE_EMAIL_OPENS,
  SC_FEATURE_EMAIL_CLICKS,
  SC_FEATURE_WEB_VISITS,
  SC_FEATURE_SUPPORT_TICKETS,
  SC_FEATURE_CAMPAIGN_RESPONSES,
  SC_FEATURE_ENGAGEMENT,
  /* gross profit (sc-profit.c): revenue less the cost of the customer's lines; NAN when no
   * line of the customer has a cost.  The one signed feature (see sc_feature_transform()). */
  SC_FEATURE_PROFIT,
  SC_N_FEATURES /*< skip >*/
} ScFeature;

/* Pass as @as_of to sc_features_compute() for the default: the last transaction day + 1. */
#define SC_FEATURES_AS_OF_AUTO G_MININT32

/**
 * ScFeatures:
 * @n: number of customers
 * @as_of: the day recency and tenure are measured to
 * @values: one g_malloc()ed array of @n values per feature, or %NULL while a feature is
 *   not available (CLV and P(alive) until the CLV stage sets them with
 *   sc_features_set()).  NAN marks a value that does not exist: recency and tenure of a
 *   customer without any transaction row.
 */
typedef struct
{
  guint32  n;
  ScDay    as_of;
  double  *values[SC_N_FEATURES];
} ScFeatures;

const char *sc_feature_to_string   (ScFeature   f);
const char *sc_feature_to_label    (ScFeature   f);
gboolean    sc_feature_from_string (const char *s,
                                    ScFeature  *f);
double      sc_feature_transform   (ScFeature   f,
                                    double      v);

ScFeatures *sc_features_new        (guint32             n,
                                    ScDay               as_of);
ScFeatures *sc_features_compute    (const ScAggregates *agg,
                                    ScDay               as_of);
ScFeatures *sc_features_compute_consume (ScAggregates   *agg,
                                         ScDay           as_of);
void        sc_features_set        (ScFeatures         *f,
                                    ScFeature           which,
                                    double             *values);
void        sc_features_free       (ScFeatures         *f);

double     *sc_features_matrix     (const ScFeatures   *f,
                                    const ScFeature    *which,
                                    guint               d,
                                    const guint8       *mask,
                                    gsize              *n_out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScFeatures, sc_features_free)

G_END_DECLS
