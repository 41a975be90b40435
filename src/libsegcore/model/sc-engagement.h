/* sc-engagement.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-features.h"
#include "sc-store-interactions.h"

G_BEGIN_DECLS

/* The window of the recent counts, and the half-life of an interaction in the score. */
#define SC_ENGAGEMENT_WINDOW_DAYS    90
#define SC_ENGAGEMENT_HALF_LIFE_DAYS 30.0

/**
 * ScEngagement:
 * @n_customers: customers
 * @n_types: interaction types (the project's, in their order)
 * @types: (array length=n_types): type names
 * @as_of: the day figures are measured to; interactions on or after it are left out
 * @count: [customer × n_types + type] interactions before @as_of
 * @count_recent: the same, in the %SC_ENGAGEMENT_WINDOW_DAYS days before @as_of
 * @last_day: the day of the latest one, %G_MININT32 without any
 * @score: the engagement score per customer and type (sc_engagement_weight())
 * @total: per customer, the sum of @score over the types
 *
 * Per customer and type: how often and how lately each customer interacted.
 */
typedef struct
{
  guint32   n_customers;
  guint     n_types;
  char    **types;
  ScDay     as_of;
  guint32  *count;
  guint32  *count_recent;
  ScDay    *last_day;
  double   *score;
  double   *total;
} ScEngagement;

double        sc_engagement_weight        (const char             *type);
ScEngagement *sc_engagement_compute       (const ScInteractions   *ix,
                                           guint32                 n_customers,
                                           ScDay                   as_of);
ScEngagement *sc_engagement_load          (ScStore                *store,
                                           guint32                 n_customers,
                                           ScDay                   as_of,
                                           GCancellable           *cancellable,
                                           GError                **error);
double        sc_engagement_days_since    (const ScEngagement     *e,
                                           guint32                 customer,
                                           guint                   type);
void          sc_engagement_set_features  (const ScEngagement     *e,
                                           ScFeatures             *features);
gboolean      sc_feature_is_engagement    (ScFeature               f);
void          sc_engagement_free          (ScEngagement           *e);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScEngagement, sc_engagement_free)

G_END_DECLS
