/* sc-transform.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One definition of the clustering space. sc_run_segment() fits it (means, standard
 * deviations, centroids) and sc_run_score() places customers in it later; both must agree
 * on every step, or scored customers would land in other segments than a re-run would put
 * them in. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-kmeans.h"
#include "sc-memory.h"
#include "sc-stats.h"
#include "sc-transform.h"

/**
 * sc_transform_active_mask:
 * @n_active: (out): customers with at least one transaction
 *
 * Returns: (transfer full): per customer of @agg, 1 when it has transactions
 */
guint8 *
sc_transform_active_mask (const ScAggregates *agg,
                          gsize              *n_active)
{
  guint8 *active = g_new0 (guint8, MAX (agg->n, 1));

  *n_active = 0;
  for (guint32 i = 0; i < agg->n; i++)
    if (agg->n_rows[i] > 0)
      {
        active[i] = 1;
        (*n_active)++;
      }
  return active;
}

/* Setting customers apart: top accounts and anomalies.
 *
 * Two different things used to share one "Outliers" segment, ranked last: customers worth
 * the most and customers whose figures cannot be right. On heavy-tailed (Pareto) spend the
 * first are a few percent of customers holding half the revenue, so they are now a group of
 * their own, ranked first; only the second are kept aside as anomalies.
 *
 * Anomalies (any one reason is enough), decided first:
 *  - net spend below zero: returns exceed purchases, there is no value to place;
 *  - extreme frequency: more than SC_ANOMALY_FREQUENCY_FACTOR (20) times the 99th
 *    percentile of orders (a shared account, a marketplace, a test customer);
 *  - spend beyond the tail: the upper tail of log spend is fitted on the body of the
 *    distribution and extrapolated. The fit, -ln S(l) = ((l - a) / b)^(1/γ) in log spend l,
 *    goes through the 50th, 80th and 95th percentiles, below the top accounts (at most the
 *    top 5 %): γ = 1 is a Pareto tail, γ ≈ 0.35 a log-normal one, so one rule follows both
 *    (γ is kept in [0.2, 1]: nothing heavier than a power law is taken for a tail).
 *    When more customers lie beyond the 1-in-2,000 level (SC_ANOMALY_SPEND_RARITY) than the
 *    tail allows (more than twice the expected count plus 5), the excess is planted data,
 *    and everyone beyond that level is an anomaly; otherwise only a spend that the fitted
 *    tail expects in fewer than 1 in 100 projects of this size. The fit is repeated without
 *    the customers it set apart until it settles, so anomalies do not widen their own tail.
 *    A few customers far beyond everyone else are caught by a second test, on the gap
 *    between them and the next ones (gap_limit(): at least twice the next customer's spend,
 *    and a gap the tail just below them makes rarer than 1 in 100 projects): a fitted tail
 *    can be wide enough to hold them when the body is made of distinct groups.
 *    At most SC_ANOMALY_SPEND_MAX_SHARE (1 %, rounded up) of customers are set apart for
 *    their spend: when more lie beyond the fitted level, they are a group the fit (on a
 *    body of distinct groups) does not hold, and the tail sets apart nobody; the gap test
 *    still applies.
 * On clean data (log-normal, or Pareto with α from 1.1 to 3) the spend rule sets apart
 * nobody in about 99 projects out of 100, the single largest customer otherwise; with 0.5 %
 * of customers at 100 times their own spend it finds them wherever that spend is rarer than
 * 1 in 2,000 under the rest of the data (log-normal σ ≤ 0.9, Pareto α ≥ 2), and then sets
 * apart about 0.05 % of the others (the rarity: 1 in 2,000 keeps that below 0.2 % even when
 * the fit on a few thousand customers is off). Beyond that (α ≈ 1.1 to 1.5), 100 times a
 * customer's spend is a spend the real tail produces about as often: those customers cannot
 * be told from real top accounts by spend alone, and are kept with them.
 *
 * Top accounts, among the rest: customers whose robust z-score of log spend (median and
 * MAD, sc_robust_z()) is above Z, the `--outliers` threshold (3.5 by default), at most the
 * top SC_TOP_ACCOUNTS_MAX_SHARE (5 %, rounded up) of customers by spend, and only those who
 * spend at least SC_TOP_ACCOUNTS_MIN_FACTOR (2) times the median customer: where nearly
 * everyone spends alike (a MAD of a few percent) a z above 3.5 is a customer who spends a
 * quarter more, not one who "spends far more than the typical customer". On log-normal
 * spend that is a
 * handful (z above 3.5 is 1 in 4,300); on Pareto spend about 4 % of customers, whatever α,
 * holding most of the revenue. Z ≤ 0 (`--outliers off`) sets nobody apart, anomalies
 * included. */

#define SC_TAIL_MIN_SAMPLE 20
#define SC_TAIL_MAX_ROUNDS 6

typedef struct
{
  double a, b, gamma;
} TailFit;

static double
tail_ratio (const double *y,
            double        gamma)
{
  double y0 = pow (y[0], gamma), y1 = pow (y[1], gamma), y2 = pow (y[2], gamma);

  return (y2 - y1) / (y1 - y0);
}

/* Fits the tail through three percentiles of @values (reordered); FALSE when they do not
 * rise (too few customers, or most spending the same). */
static gboolean
tail_fit (double  *values,
          gsize    n,
          TailFit *fit)
{
  static const double probs[3] = { 0.5, 0.8, 0.95 };
  double q[3], y[3], r, lo = 0.2, hi = 1.0;

  if (n < SC_TAIL_MIN_SAMPLE || sc_quantiles (values, n, probs, 3, q) < SC_TAIL_MIN_SAMPLE)
    return FALSE;
  if (!(q[1] > q[0] && q[2] > q[1]))
    return FALSE;
  for (guint i = 0; i < 3; i++)
    y[i] = -log1p (-probs[i]);
  r = (q[2] - q[1]) / (q[1] - q[0]);
  /* The ratio grows with γ: bisect, keeping γ inside [0.2, 1]. A tail heavier than any
   * power law (γ > 1) is two groups with a gap between them, not a tail: there the fit is
   * the power law through the upper two percentiles. */
  if (r <= tail_ratio (y, lo))
    hi = lo;
  else if (r >= tail_ratio (y, hi))
    lo = hi;
  for (guint i = 0; i < 60 && hi - lo > 1e-9; i++)
    {
      double mid = 0.5 * (lo + hi);
      if (tail_ratio (y, mid) < r)
        lo = mid;
      else
        hi = mid;
    }
  fit->gamma = 0.5 * (lo + hi);
  fit->b = (q[2] - q[1]) / (pow (y[2], fit->gamma) - pow (y[1], fit->gamma));
  fit->a = q[2] - fit->b * pow (y[2], fit->gamma);
  return TRUE;
}

/* The log spend that the fitted tail expects a share @p of customers to exceed. */
static double
tail_level (const TailFit *fit,
            double         p)
{
  return fit->a + fit->b * pow (-log (p), fit->gamma);
}

static gsize
count_above (const double *values,
             gsize         n,
             double        level)
{
  gsize count = 0;

  for (gsize i = 0; i < n; i++)
    count += values[i] > level;
  return count;
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x < y) - (x > y);
}

/* The gap rule: the log spend above which the top j customers (j ≤ @cap) stand apart from
 * the rest by a gap that the tail below them cannot explain, and spend at least twice as much
 * as the next customer, or INFINITY. Under a power-law
 * tail the spacings j (L(j) − L(j+1)) of the sorted log spends are independent exponentials
 * whose mean the Hill estimate over the next k customers measures (Rényi); a gap above
 * ln (@cap / 0.01) times that mean happens by chance in fewer than 1 in 100 projects. */
static double
gap_limit (const double *logm,
           gsize         m,
           gsize         cap)
{
  gsize k = MAX (SC_TAIL_MIN_SAMPLE, m / 20), top = cap + k + 1, n_top = 0;
  g_autofree double *x = NULL;
  g_autofree double *prefix = NULL;
  double level, p, limit = INFINITY;

  if (cap == 0 || m < 2 * top)
    return INFINITY;
  x = sc_memory_new_huge_n (double, m);
  memcpy (x, logm, sizeof (double) * m);
  p = 1.0 - (double) top / (m - 1);
  sc_quantiles (x, m, &p, 1, &level);
  for (gsize i = 0; i < m; i++)
    if (logm[i] >= level)
      x[n_top++] = logm[i];
  qsort (x, n_top, sizeof (double), compare_descending);
  if (n_top < top)
    return INFINITY;
  prefix = g_new (double, top + 1);
  prefix[0] = 0;
  for (gsize i = 0; i < top; i++)
    prefix[i + 1] = prefix[i] + x[i];
  for (gsize j = 1; j <= cap; j++)
    {
      /* x[j .. j+k-1] over x[j+k]: the Hill estimate of the customers just below. */
      double hill = (prefix[j + k] - prefix[j]) / k - x[j + k];

      if (hill > 0 && x[j - 1] - x[j] >= G_LN2 &&
          j * (x[j - 1] - x[j]) > hill * log (cap / 0.01))
        limit = x[j];
    }
  return limit;
}

/* The log spend above which a customer's spend is an anomaly, or INFINITY. @logm holds
 * the log spend of the m candidates; @cap is the most that may be set apart. */
static double
spend_limit (const double *logm,
             gsize         m,
             gsize         cap)
{
  g_autofree double *body = sc_memory_new_huge_n (double, MAX (m, 1));
  double gap = gap_limit (logm, m, cap), limit = INFINITY;

  for (guint round = 0; round < SC_TAIL_MAX_ROUNDS; round++)
    {
      gsize n_body = 0, beyond;
      double rare, level;
      TailFit fit;

      for (gsize i = 0; i < m; i++)
        if (logm[i] <= limit)
          body[n_body++] = logm[i];
      if (!tail_fit (body, n_body, &fit))
        break;
      rare = tail_level (&fit, SC_ANOMALY_SPEND_RARITY);
      beyond = count_above (logm, m, rare);
      if (beyond > 2 * SC_ANOMALY_SPEND_RARITY * m + 5)
        level = rare;
      else
        level = MAX (rare, tail_level (&fit, 0.01 / m));
      /* More than the cap beyond it: a group of customers the fit on a body of distinct
       * groups does not hold, not a few wrong records; the top 1 % of that group would be
       * no more implausible than the rest of it. */
      if (count_above (logm, m, level) > cap)
        {
          limit = INFINITY;
          break;
        }
      if (level == limit)
        break;
      limit = level;
    }
  return MIN (limit, gap);
}

static double
frequency_limit (const ScFeatures *features,
                 const guint8     *active,
                 gsize             n_active)
{
  g_autofree double *freq = sc_memory_new_huge_n (double, MAX (n_active, 1));
  double p = 0.99, q99 = NAN;
  gsize j = 0;

  for (guint32 i = 0; i < features->n; i++)
    if (active[i])
      freq[j++] = features->values[SC_FEATURE_FREQUENCY][i];
  sc_quantiles (freq, j, &p, 1, &q99);
  return isfinite (q99) ? SC_ANOMALY_FREQUENCY_FACTOR * MAX (q99, 1.0) : INFINITY;
}

/**
 * sc_transform_set_apart:
 * @active: from sc_transform_active_mask()
 * @outlier_z: the top-account threshold Z; 0 or less sets nobody apart
 * @summary: (out) (optional): how many were set apart, and why
 *
 * Sets apart the top accounts and the anomalies (the rule is at the top of this function's
 * source). Both stay out of the clustering.
 *
 * Returns: (transfer full): per customer, its #ScSegmentKind:
 *   %SC_SEGMENT_KIND_SEGMENT for a customer to cluster (or without orders)
 */
guint8 *
sc_transform_set_apart (const ScFeatures *features,
                        const guint8     *active,
                        gsize             n_active,
                        double            outlier_z,
                        ScSetApart       *summary)
{
  guint8 *kind = g_new0 (guint8, MAX (features->n, 1));
  const double *monetary = features->values[SC_FEATURE_MONETARY];
  const double *frequency = features->values[SC_FEATURE_FREQUENCY];
  ScSetApart sum = { 0 };
  gsize m = 0, j = 0;

  sum.frequency_limit = sum.spend_limit = sum.top_min_spend = NAN;
  if (outlier_z > 0 && n_active > 0)
    {
      g_autofree double *logm = sc_memory_new_huge_n (double, n_active);
      g_autofree double *z = NULL;
      double limit, min_log;
      gsize cap;

      sum.frequency_limit = frequency_limit (features, active, n_active);
      for (guint32 i = 0; i < features->n; i++)
        {
          if (!active[i])
            continue;
          if (monetary[i] < 0)
            sum.n_negative++;
          else if (frequency[i] > sum.frequency_limit)
            sum.n_frequency++;
          else
            {
              if (monetary[i] > 0)
                logm[m++] = log (monetary[i]);
              continue;
            }
          kind[i] = SC_SEGMENT_KIND_ANOMALIES;
        }

      limit = spend_limit (logm, m, (gsize) ceil (SC_ANOMALY_SPEND_MAX_SHARE * n_active));
      if (isfinite (limit))
        sum.spend_limit = exp (limit);
      for (guint32 i = 0; i < features->n; i++)
        if (active[i] && kind[i] == SC_SEGMENT_KIND_SEGMENT && monetary[i] > 0 &&
            log (monetary[i]) > limit)
          {
            kind[i] = SC_SEGMENT_KIND_ANOMALIES;
            sum.n_spend++;
          }
      sum.n_anomalies = sum.n_negative + sum.n_frequency + sum.n_spend;

      /* Top accounts: robust z of log spend over the customers still in. */
      for (guint32 i = 0; i < features->n; i++)
        if (active[i] && kind[i] == SC_SEGMENT_KIND_SEGMENT)
          logm[j++] = log1p (monetary[i]);
      z = sc_memory_new_huge_n (double, MAX (j, 1));
      sc_robust_z (logm, j, z);
      min_log = j > 0 ? sc_median (logm, j) + log (SC_TOP_ACCOUNTS_MIN_FACTOR) : INFINITY;
      cap = (gsize) ceil (SC_TOP_ACCOUNTS_MAX_SHARE * n_active);
      limit = outlier_z;
      if (count_above (z, j, limit) > cap)
        {
          double p = 1.0 - (double) cap / j;
          g_autofree double *copy = sc_memory_new_huge_n (double, j);

          memcpy (copy, z, sizeof (double) * j);
          sc_quantiles (copy, j, &p, 1, &limit);
        }
      j = 0;
      for (guint32 i = 0; i < features->n; i++)
        if (active[i] && kind[i] == SC_SEGMENT_KIND_SEGMENT && z[j++] > limit
            && log1p (monetary[i]) >= min_log)
          {
            kind[i] = SC_SEGMENT_KIND_TOP_ACCOUNTS;
            sum.n_top++;
            if (!(monetary[i] >= sum.top_min_spend))
              sum.top_min_spend = monetary[i];
          }
    }
  if (summary != NULL)
    *summary = sum;
  return kind;
}

/**
 * sc_transform_row:
 * @which: (array length=d): the clustering features
 * @mean: (array length=d): per feature, the mean of the transformed values
 * @sd: (array length=d): their standard deviation; 0 for a constant feature (z = 0)
 * @row: (out caller-allocates) (array length=d): the customer's point
 *
 * Places one customer in a run's clustering space; an unknown profit is placed at the mean
 * of the customers the run was fitted on (z = 0).
 */
void
sc_transform_row (const ScFeatures *features,
                  guint32           customer,
                  const ScFeature  *which,
                  guint             d,
                  const double     *mean,
                  const double     *sd,
                  double           *row)
{
  for (guint j = 0; j < d; j++)
    {
      double v = sc_feature_transform (which[j], features->values[which[j]][customer]);

      /* An unknown profit sits at the mean of the fitted customers (z = 0). */
      row[j] = sd[j] > 0 && !isnan (v) ? (v - mean[j]) / sd[j] : 0.0;
    }
}

/**
 * sc_kmeans_assign_nearest:
 * @centroids: (array): k × d, row-major
 * @distance: (out) (optional): the squared distance to the nearest centroid
 *
 * Returns: the nearest centroid of @row; the first of equals
 */
guint
sc_kmeans_assign_nearest (const double *row,
                          const double *centroids,
                          guint         k,
                          guint         d,
                          double       *distance)
{
  double best = INFINITY;
  guint best_c = 0;

  for (guint c = 0; c < k; c++)
    {
      const double *centre = centroids + (gsize) c * d;
      double dist = 0;

      for (guint j = 0; j < d; j++)
        dist += (row[j] - centre[j]) * (row[j] - centre[j]);
      if (dist < best)
        {
          best = dist;
          best_c = c;
        }
    }
  if (distance != NULL)
    *distance = best;
  return best_c;
}
