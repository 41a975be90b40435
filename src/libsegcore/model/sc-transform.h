/* sc-transform.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-features.h"

G_BEGIN_DECLS

/* The clustering space shared by segmenting and scoring: which customers take part, which
 * are set apart (top accounts, anomalies), and how a customer's features become a point. */

#define SC_TOP_ACCOUNTS_MAX_SHARE   0.05  /* of customers with orders */
#define SC_TOP_ACCOUNTS_MIN_FACTOR  2.0   /* times the median customer's spend, at least */
#define SC_ANOMALY_SPEND_MAX_SHARE  0.01
#define SC_ANOMALY_SPEND_RARITY     0.0005
#define SC_ANOMALY_FREQUENCY_FACTOR 20.0  /* times the 99th percentile of orders */

/**
 * ScSetApart:
 * @n_top: top accounts
 * @n_anomalies: anomalies, every reason: @n_negative + @n_frequency + @n_spend
 * @n_negative: net spend below zero
 * @n_frequency: more orders than @frequency_limit
 * @n_spend: spend above @spend_limit
 * @top_min_spend: the smallest spend among the top accounts; NAN without any
 * @frequency_limit: orders above it are anomalies; NAN when nobody is set apart
 * @spend_limit: spend above it is an anomaly; NAN when no spend is
 *
 * What sc_transform_set_apart() found, for the groups' descriptions.
 */
typedef struct
{
  gsize  n_top;
  gsize  n_anomalies;
  gsize  n_negative;
  gsize  n_frequency;
  gsize  n_spend;
  double top_min_spend;
  double frequency_limit;
  double spend_limit;
} ScSetApart;


guint8 *sc_transform_active_mask   (const ScAggregates *agg,
                                    gsize              *n_active);
guint8 *sc_transform_set_apart     (const ScFeatures   *features,
                                    const guint8       *active,
                                    gsize               n_active,
                                    double              outlier_z,
                                    ScSetApart         *summary);
void    sc_transform_row           (const ScFeatures   *features,
                                    guint32             customer,
                                    const ScFeature    *which,
                                    guint               d,
                                    const double       *mean,
                                    const double       *sd,
                                    double             *row);
guint   sc_kmeans_assign_nearest   (const double       *row,
                                    const double       *centroids,
                                    guint               k,
                                    guint               d,
                                    double             *distance);

G_END_DECLS
