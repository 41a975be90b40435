/* sc-engagement.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Engagement from interactions, per customer and type, at an as-of day (the run's: the day
 * after the last order unless set).  Interactions on or after the as-of day are left out,
 * as orders after it would be.
 *
 * - count: interactions before the as-of day;
 * - count in the last 90 days: those on the 90 days before it (as_of − 90 ≤ day < as_of);
 * - days since the last one: as_of − day of the latest (like recency);
 * - the engagement score: the sum over the interactions of weight(type) × 0.5^(age / 30),
 *   where age = as_of − day in days, so an interaction counts its full weight on the
 *   as-of day and half as much 30 days earlier.  Weights: email_open 1, email_click 2,
 *   web_visit 1, campaign_response 3, support_ticket 0 (asking for help is contact, not
 *   interest: tickets are counted but do not raise the score), any other type 1.  A
 *   customer's score is the sum over the types.
 *
 * As clustering features (sc_engagement_set_features()) the five known types give their
 * 90-day counts and the customer's score is one more; like every feature they are then
 * transformed with log1p and standardised (sc-transform.c). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-engagement.h"

static const struct
{
  const char *type;
  double      weight;
  ScFeature   feature;
} known_types[] = {
  { "email_open", 1.0, SC_FEATURE_EMAIL_OPENS },
  { "email_click", 2.0, SC_FEATURE_EMAIL_CLICKS },
  { "web_visit", 1.0, SC_FEATURE_WEB_VISITS },
  { "support_ticket", 0.0, SC_FEATURE_SUPPORT_TICKETS },
  { "campaign_response", 3.0, SC_FEATURE_CAMPAIGN_RESPONSES },
};

/**
 * sc_engagement_weight:
 * @type: an interaction type
 *
 * Returns: the weight of one interaction of @type in the engagement score
 */
double
sc_engagement_weight (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_types); i++)
    if (g_strcmp0 (type, known_types[i].type) == 0)
      return known_types[i].weight;
  return 1.0;
}

/**
 * sc_feature_is_engagement:
 *
 * Returns: whether @f is computed from interactions
 */
gboolean
sc_feature_is_engagement (ScFeature f)
{
  return f >= SC_FEATURE_EMAIL_OPENS && f <= SC_FEATURE_ENGAGEMENT;
}

void
sc_engagement_free (ScEngagement *e)
{
  if (e == NULL)
    return;
  g_strfreev (e->types);
  g_free (e->count);
  g_free (e->count_recent);
  g_free (e->last_day);
  g_free (e->score);
  g_free (e->total);
  g_free (e);
}

/**
 * sc_engagement_compute:
 * @ix: interactions
 * @n_customers: customers of the project (ids in @ix are below it)
 * @as_of: the day figures are measured to
 *
 * Returns: (transfer full): the figures of every customer and type
 */
ScEngagement *
sc_engagement_compute (const ScInteractions *ix,
                       guint32               n_customers,
                       ScDay                 as_of)
{
  ScEngagement *e = g_new0 (ScEngagement, 1);
  g_autofree double *weight = NULL;
  gsize cells;

  e->n_customers = n_customers;
  e->n_types = sc_interactions_n_types (ix);
  e->types = g_strdupv (ix != NULL && ix->types != NULL ? ix->types : (char *[]) { NULL });
  e->as_of = as_of;
  cells = (gsize) n_customers * e->n_types;
  e->count = g_new0 (guint32, MAX (cells, 1));
  e->count_recent = g_new0 (guint32, MAX (cells, 1));
  e->last_day = g_new (ScDay, MAX (cells, 1));
  e->score = g_new0 (double, MAX (cells, 1));
  e->total = g_new0 (double, MAX (n_customers, 1));
  for (gsize i = 0; i < cells; i++)
    e->last_day[i] = G_MININT32;

  weight = g_new (double, MAX (e->n_types, 1));
  for (guint t = 0; t < e->n_types; t++)
    weight[t] = sc_engagement_weight (e->types[t]);

  for (gsize i = 0; ix != NULL && i < ix->n; i++)
    {
      guint32 c = ix->customer[i];
      ScDay day = ix->day[i];
      gsize cell;
      double age;

      if (c >= n_customers || day >= as_of || ix->type[i] >= e->n_types)
        continue;
      cell = (gsize) c * e->n_types + ix->type[i];
      /* in double: as_of − day can overflow gint32 for absurd days */
      age = (double) as_of - (double) day;
      e->count[cell]++;
      if (age <= SC_ENGAGEMENT_WINDOW_DAYS)
        e->count_recent[cell]++;
      e->last_day[cell] = MAX (e->last_day[cell], day);
      e->score[cell] += weight[ix->type[i]] * exp2 (-age / SC_ENGAGEMENT_HALF_LIFE_DAYS);
    }
  for (guint32 c = 0; c < n_customers; c++)
    for (guint t = 0; t < e->n_types; t++)
      e->total[c] += e->score[(gsize) c * e->n_types + t];
  return e;
}

/**
 * sc_engagement_load:
 *
 * Reads the project's interactions and computes the figures at @as_of; a project without
 * interactions gives figures with no types.
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error set
 */
ScEngagement *
sc_engagement_load (ScStore       *store,
                    guint32        n_customers,
                    ScDay          as_of,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(ScInteractions) ix = sc_store_load_interactions (store, cancellable, error);

  if (ix == NULL)
    return NULL;
  return sc_engagement_compute (ix, n_customers, as_of);
}

/**
 * sc_engagement_days_since:
 *
 * Returns: days from the latest interaction of @type to the as-of day; NAN without one
 */
double
sc_engagement_days_since (const ScEngagement *e,
                          guint32             customer,
                          guint               type)
{
  ScDay last;

  g_return_val_if_fail (customer < e->n_customers && type < e->n_types, NAN);
  last = e->last_day[(gsize) customer * e->n_types + type];
  return last == G_MININT32 ? NAN : (double) e->as_of - (double) last;
}

/**
 * sc_engagement_set_features:
 * @e: the figures
 * @features: features of the same customers
 *
 * Sets the engagement features: the 90-day count of each of the five known types (0 for a
 * type the project has none of) and the score.
 */
void
sc_engagement_set_features (const ScEngagement *e,
                            ScFeatures         *features)
{
  g_return_if_fail (features->n == e->n_customers);

  for (guint k = 0; k < G_N_ELEMENTS (known_types); k++)
    {
      double *v = g_new0 (double, MAX (features->n, 1));
      int t = -1;

      for (guint i = 0; i < e->n_types; i++)
        if (g_str_equal (e->types[i], known_types[k].type))
          t = (int) i;
      for (guint32 c = 0; t >= 0 && c < features->n; c++)
        v[c] = e->count_recent[(gsize) c * e->n_types + t];
      sc_features_set (features, known_types[k].feature, v);
    }
  sc_features_set (features, SC_FEATURE_ENGAGEMENT,
                   g_memdup2 (e->total, sizeof (double) * MAX (features->n, 1)));
}
