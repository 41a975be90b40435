/* sc-features.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-features.h"
#include "sc-memory.h"
#include "sc-parallel.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

static const struct
{
  const char *name;
  const char *label;
} feature_names[SC_N_FEATURES] = {
  [SC_FEATURE_RECENCY]   = { "recency",   N_("Recency (days)") },
  [SC_FEATURE_FREQUENCY] = { "frequency", N_("Frequency (orders)") },
  [SC_FEATURE_MONETARY]  = { "monetary",  N_("Net spend") },
  [SC_FEATURE_AOV]       = { "aov",       N_("Average order value") },
  [SC_FEATURE_TENURE]    = { "tenure",    N_("Tenure (days)") },
  [SC_FEATURE_CLV]       = { "clv",       N_("Customer lifetime value") },
  [SC_FEATURE_P_ALIVE]   = { "p_alive",   N_("Probability still active") },
  [SC_FEATURE_EMAIL_OPENS] = { "email_opens_90d", N_("E-mail opens (90 days)") },
  [SC_FEATURE_EMAIL_CLICKS] = { "email_clicks_90d", N_("E-mail clicks (90 days)") },
  [SC_FEATURE_WEB_VISITS] = { "web_visits_90d", N_("Web visits (90 days)") },
  [SC_FEATURE_SUPPORT_TICKETS] = { "support_tickets_90d", N_("Support tickets (90 days)") },
  [SC_FEATURE_CAMPAIGN_RESPONSES] = { "campaign_responses_90d",
                                      N_("Campaign responses (90 days)") },
  [SC_FEATURE_ENGAGEMENT] = { "engagement", N_("Engagement score") },
  [SC_FEATURE_PROFIT] = { "profit", N_("Gross profit") },
};

/**
 * sc_feature_to_string:
 * @f: a feature
 *
 * Returns: (transfer none): the stable identifier of @f, as stored in project files and
 *   used on the command line ("recency", "frequency", "monetary", "aov", "tenure", "clv",
 *   "p_alive", and for interactions "email_opens_90d", "email_clicks_90d", "web_visits_90d",
 *   "support_tickets_90d", "campaign_responses_90d", "engagement"; "profit")
 */
const char *
sc_feature_to_string (ScFeature f)
{
  g_return_val_if_fail ((guint) f < SC_N_FEATURES, NULL);

  return feature_names[f].name;
}

/**
 * sc_feature_to_label:
 * @f: a feature
 *
 * Returns: (transfer none): the translated name of @f for people, for axis titles and tables
 */
const char *
sc_feature_to_label (ScFeature f)
{
  g_return_val_if_fail ((guint) f < SC_N_FEATURES, NULL);

  return _(feature_names[f].label);
}

/**
 * sc_feature_from_string:
 * @s: an identifier as returned by sc_feature_to_string()
 * @f: (out): where to store the feature
 *
 * Returns: %TRUE if @s names a feature
 */
gboolean
sc_feature_from_string (const char *s,
                        ScFeature  *f)
{
  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (f != NULL, FALSE);

  for (guint i = 0; i < SC_N_FEATURES; i++)
    {
      if (strcmp (s, feature_names[i].name) == 0)
        {
          *f = (ScFeature) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sc_feature_transform:
 * @f: a feature
 * @v: its value for one customer
 *
 * The transform of the clustering space, before standardising.  Every feature but profit
 * counts up from zero with a long right tail: log1p (max (@v, 0)), a missing value (NAN)
 * as 0 — the transform of the scikit-learn reference.  Gross profit can be negative, and a
 * loss is what sets unprofitable customers apart, so it keeps its sign:
 * sign (@v) · log1p (|@v|), symmetric around break-even; an unknown profit stays NAN
 * (there is no stand-in for it: sc_features_matrix() and sc_transform_row() say what they
 * do with it).
 *
 * Returns: the transformed value
 */
double
sc_feature_transform (ScFeature f,
                      double    v)
{
  if (f == SC_FEATURE_PROFIT)
    return isnan (v) ? NAN : copysign (log1p (fabs (v)), v);
  /* !(v > 0) also catches NAN. */
  return !(v > 0) ? 0.0 : log1p (v);
}

/**
 * sc_features_new:
 * @n: number of customers
 * @as_of: the as-of day
 *
 * Creates an empty feature set: every @values entry is %NULL.  Used to rebuild features
 * from stored columns with sc_features_set().
 *
 * Returns: (transfer full): a new feature set
 */
ScFeatures *
sc_features_new (guint32 n,
                 ScDay   as_of)
{
  ScFeatures *f = g_new0 (ScFeatures, 1);

  f->n = n;
  f->as_of = as_of;

  return f;
}

/* Per-customer work over large sets runs in this many parts (fewer below PART_ROWS
 * customers a part), on all processors; every value is computed on its own, so the
 * result does not depend on the parts. */
#define PART_ROWS 65536
#define MAX_PARTS 16
#define N_PARTS(n) ((guint) CLAMP ((n) / PART_ROWS, 1, MAX_PARTS))

typedef struct
{
  const ScAggregates *agg;
  ScFeatures         *f;
  gboolean            copy_monetary;   /* FALSE: the feature is agg->monetary itself */
} ComputeJob;

static void
compute_part (gpointer data,
              gsize    begin,
              gsize    end,
              guint    part)
{
  const ComputeJob *job = data;
  const ScAggregates *agg = job->agg;
  double *recency = job->f->values[SC_FEATURE_RECENCY];
  double *frequency = job->f->values[SC_FEATURE_FREQUENCY];
  double *monetary = job->f->values[SC_FEATURE_MONETARY];
  double *aov = job->f->values[SC_FEATURE_AOV];
  double *tenure = job->f->values[SC_FEATURE_TENURE];
  ScDay as_of = job->f->as_of;

  for (gsize c = begin; c < end; c++)
    {
      guint32 orders = agg->n_orders[c];

      if (agg->last_day[c] == SC_DAY_NONE)
        {
          recency[c] = NAN;
          tenure[c] = NAN;
        }
      else
        {
          /* In double: as_of - day can overflow gint32 for absurd as-of days. */
          recency[c] = (double) as_of - (double) agg->last_day[c];
          tenure[c] = (double) as_of - (double) agg->first_day[c];
        }
      frequency[c] = orders;
      if (job->copy_monetary)
        monetary[c] = agg->monetary[c];
      aov[c] = orders > 0 ? agg->monetary[c] / orders : 0.0;
    }
}

/**
 * sc_features_compute:
 * @agg: per-customer aggregates
 * @as_of: the day to measure recency and tenure to, or %SC_FEATURES_AS_OF_AUTO for the
 *   last transaction day + 1 (day 0 when there are no transactions)
 *
 * Derives recency (as_of - last_day), frequency (n_orders), monetary (net spend), AOV
 * (monetary / n_orders, 0 without orders) and tenure (as_of - first_day).  An as-of day
 * before a customer's last purchase gives a negative recency; it is kept as it is (the
 * clustering matrix clamps it to 0).  Customers without any row get NAN recency and
 * tenure.  CLV and P(alive) are left %NULL.
 *
 * Returns: (transfer full): the features
 */
static ScFeatures *
compute (const ScAggregates *agg,
         ScDay               as_of,
         double             *monetary)
{
  ScFeatures *f;

  if (as_of == SC_FEATURES_AS_OF_AUTO)
    {
      ScDay last = sc_aggregates_last_day (agg);

      as_of = last == SC_DAY_NONE ? 0 : last + 1;
    }

  f = sc_features_new (agg->n, as_of);
  for (guint j = 0; j <= SC_FEATURE_TENURE; j++)
    f->values[j] = j == SC_FEATURE_MONETARY && monetary != NULL
                   ? monetary : sc_memory_new_huge_n (double, agg->n);
  {
    ComputeJob job = { agg, f, monetary == NULL };

    sc_parallel_ranges (agg->n, N_PARTS (agg->n), sc_team_resolve_threads (0), compute_part,
                        &job);
  }
  return f;
}

ScFeatures *
sc_features_compute (const ScAggregates *agg,
                     ScDay               as_of)
{
  g_return_val_if_fail (agg != NULL, NULL);

  return compute (agg, as_of, NULL);
}

/**
 * sc_features_compute_consume:
 * @agg: (transfer full): per-customer aggregates, freed
 * @as_of: as for sc_features_compute()
 *
 * sc_features_compute() for a caller done with @agg: its monetary array becomes the
 * monetary feature, the same values without a copy (8 MB at a million customers).
 *
 * Returns: (transfer full): the features
 */
ScFeatures *
sc_features_compute_consume (ScAggregates *agg,
                             ScDay         as_of)
{
  ScFeatures *f;

  g_return_val_if_fail (agg != NULL, NULL);

  f = compute (agg, as_of, agg->n > 0 ? agg->monetary : NULL);
  if (agg->n > 0)
    agg->monetary = NULL;
  sc_aggregates_free (agg);
  return f;
}

/**
 * sc_features_set:
 * @f: a feature set
 * @which: the feature to set
 * @values: (transfer full) (nullable): a g_malloc()ed array of @f->n values, or %NULL to
 *   remove the feature
 *
 * Replaces one feature column, freeing the previous one.  The CLV stage uses this for
 * %SC_FEATURE_CLV and %SC_FEATURE_P_ALIVE.
 */
void
sc_features_set (ScFeatures *f,
                 ScFeature   which,
                 double     *values)
{
  g_return_if_fail (f != NULL);
  g_return_if_fail ((guint) which < SC_N_FEATURES);

  if (f->values[which] == values)
    return;

  g_free (f->values[which]);
  f->values[which] = values;
}

/**
 * sc_features_free:
 * @f: (nullable): a feature set
 */
void
sc_features_free (ScFeatures *f)
{
  if (f == NULL)
    return;

  for (guint i = 0; i < SC_N_FEATURES; i++)
    g_free (f->values[i]);
  g_free (f);
}

/* Whole numbers below this (orders, days) have their transform looked up, not recomputed. */
#define SMALL_COUNTS 4096

typedef struct
{
  const ScFeature     *which;
  const double *const *cols;
  guint                d;
  const guint8        *mask;
  const gsize         *offset;   /* first row of each part */
  double              *x;
} MatrixJob;

static void
matrix_part (gpointer data,
             gsize    begin,
             gsize    end,
             guint    part)
{
  const MatrixJob *job = data;
  double small_log1p[SMALL_COUNTS];
  gsize r = job->offset[part];
  guint d = job->d;

  for (guint j = 0; j < SMALL_COUNTS; j++)
    small_log1p[j] = NAN;
  for (gsize c = begin; c < end; c++)
    {
      if (job->mask != NULL && job->mask[c] == 0)
        continue;

      for (guint j = 0; j < d; j++)
        {
          double v = job->cols[j][c];
          double *out = &job->x[r * d + j];

          /* Counts of orders and days repeat: their log1p is taken once per value. */
          if (job->which[j] != SC_FEATURE_PROFIT && v > 0 && v < SMALL_COUNTS &&
              v == (guint) v)
            {
              double *t = &small_log1p[(guint) v];

              if (isnan (*t))
                *t = sc_feature_transform (job->which[j], v);
              *out = *t;
            }
          else
            *out = sc_feature_transform (job->which[j], v);
        }
      r++;
    }
}

/**
 * sc_features_matrix:
 * @f: a feature set
 * @which: (array length=d): the features to use, each of them present in @f
 * @d: number of features
 * @mask: (nullable) (array): one byte per customer; when given, only customers with a
 *   non-zero byte are included
 * @n_out: (out): number of rows of the result
 *
 * Builds the clustering matrix: row-major, one row per included customer in customer
 * order, column j = sc_feature_transform() of feature @which[j].  Values that do not exist
 * (NAN) map to 0, like a value of 0; callers should mask out customers without
 * transactions.  An unknown profit is the one exception: it takes the mean transformed
 * profit of the included customers whose profit is known (0 when none is), which
 * standardises to about 0, so it pulls the customer neither up nor down.  Runs leave such
 * customers out of the fit (see sc_run_segment()); this keeps every row finite for the
 * callers that need all customers.  The matrix is not standardised.
 *
 * Returns: (transfer full) (nullable): n_out × @d doubles, or %NULL when no customer is
 *   included or on a programming error
 */
double *
sc_features_matrix (const ScFeatures *f,
                    const ScFeature  *which,
                    guint             d,
                    const guint8     *mask,
                    gsize            *n_out)
{
  const double *cols[SC_N_FEATURES];
  gsize offset[MAX_PARTS + 1] = { 0 };
  guint n_parts = N_PARTS (f != NULL ? f->n : 0);
  MatrixJob job;
  double *x;
  gsize rows = 0, r = 0;

  g_return_val_if_fail (n_out != NULL, NULL);
  *n_out = 0;
  g_return_val_if_fail (f != NULL, NULL);
  g_return_val_if_fail (which != NULL, NULL);
  g_return_val_if_fail (d > 0 && d <= SC_N_FEATURES, NULL);

  for (guint j = 0; j < d; j++)
    {
      g_return_val_if_fail ((guint) which[j] < SC_N_FEATURES, NULL);
      g_return_val_if_fail (f->values[which[j]] != NULL, NULL);
      cols[j] = f->values[which[j]];
    }

  /* Where each part's rows start (the parts of sc_parallel_ranges()). */
  for (guint p = 0; p < n_parts; p++)
    {
      gsize begin = (gsize) f->n * p / n_parts, end = (gsize) f->n * (p + 1) / n_parts;

      if (mask == NULL)
        rows += end - begin;
      else
        for (gsize c = begin; c < end; c++)
          rows += mask[c] != 0;
      offset[p + 1] = rows;
    }

  if (rows == 0)
    return NULL;

  x = sc_memory_new_huge_n (double, rows * d);
  job = (MatrixJob) { which, cols, d, mask, offset, x };
  sc_parallel_ranges (f->n, n_parts, sc_team_resolve_threads (0), matrix_part, &job);

  for (guint j = 0; j < d; j++)
    if (which[j] == SC_FEATURE_PROFIT)
      {
        double sum = 0;
        gsize known = 0;

        for (r = 0; r < rows; r++)
          if (!isnan (x[r * d + j]))
            {
              sum += x[r * d + j];
              known++;
            }
        for (r = 0; r < rows; r++)
          if (isnan (x[r * d + j]))
            x[r * d + j] = known > 0 ? sum / known : 0.0;
      }

  *n_out = rows;
  return x;
}
