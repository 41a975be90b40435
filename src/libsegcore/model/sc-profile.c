/* sc-profile.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segment profiles in a few linear passes.  Customers are first grouped by label with a
 * counting sort, so every feature can be gathered once into one buffer where each segment
 * is a contiguous slice; means are sums over the slice and medians are exact order
 * statistics selected inside the slice (sc_quantiles()), so nothing is ever sorted.
 *
 * Each profile also carries the figures its suggested name is judged by (the ordering
 * rhythm, the tertiles of orders and spend); the names themselves are made from them in
 * sc-naming.c.
 */

#include "config.h"

#include "sc-profile.h"
#include "sc-memory.h"
#include "sc-parallel.h"

#include <math.h>
#include <string.h>

#define CANCEL_CHECK_MASK 0xffff

/* Customers from which the features are profiled on every core. */
#define PARALLEL_CUSTOMERS 65536

static void
compute_feature (const double     *values,
                 const guint32    *order,
                 const gsize      *start,
                 guint             k,
                 gsize             n,
                 double           *scratch,
                 ScSegmentProfile *p,
                 ScFeature         feature,
                 const gboolean   *outside,
                 double           *all_mean,
                 double           *segment_sum)
{
  static const double half = 0.5;
  double total = 0;
  gsize total_n = 0;

  for (gsize i = 0; i < n; i++)
    scratch[i] = values[order[i]];

  for (guint s = 0; s < k; s++)
    {
      double sum = 0;
      gsize m = 0;

      for (gsize i = start[s]; i < start[s + 1]; i++)
        {
          if (!isnan (scratch[i]))
            {
              sum += scratch[i];
              m++;
            }
        }

      p[s].mean[feature] = m > 0 ? sum / m : NAN;
      if (segment_sum != NULL)
        segment_sum[s] = sum;
      if (!outside[s])
        {
          total += sum;
          total_n += m;
        }

      sc_quantiles (scratch + start[s], start[s + 1] - start[s], &half, 1,
                    &p[s].median[feature]);
    }

  *all_mean = total_n > 0 ? total / total_n : NAN;
}

static double
lift_score (double ratio)
{
  return fabs (log (CLAMP (ratio, 1e-3, 1e3)));
}

static void
compute_top_features (ScSegmentProfile *p,
                      const double     *all_mean)
{
  p->n_top_features = 0;

  for (guint j = 0; j < SC_N_FEATURES; j++)
    {
      ScFeatureLift lift;
      double score;
      guint pos;

      if (!(all_mean[j] > 0) || isnan (p->mean[j]))
        continue;

      lift.feature = (ScFeature) j;
      lift.segment_mean = p->mean[j];
      lift.all_mean = all_mean[j];
      lift.ratio = p->mean[j] / all_mean[j];
      score = lift_score (lift.ratio);
      if (score == 0)
        continue;

      /* Insert into the short list kept sorted by descending score; earlier features win
       * ties. */
      pos = p->n_top_features;
      while (pos > 0 && lift_score (p->top_features[pos - 1].ratio) < score)
        pos--;
      if (pos >= G_N_ELEMENTS (p->top_features))
        continue;
      if (p->n_top_features < G_N_ELEMENTS (p->top_features))
        p->n_top_features++;
      memmove (&p->top_features[pos + 1], &p->top_features[pos],
               (p->n_top_features - 1 - pos) * sizeof (ScFeatureLift));
      p->top_features[pos] = lift;
    }
}

static gboolean
category_before (const ScCategoryLift *a,
                 const ScCategoryLift *b)
{
  if (a->lift != b->lift)
    return a->lift > b->lift;
  if (a->count != b->count)
    return a->count > b->count;
  if (a->attribute != b->attribute)
    return a->attribute < b->attribute;
  return a->level < b->level;
}

static void
add_category (ScSegmentProfile     *p,
              const ScCategoryLift *c)
{
  guint pos = p->n_top_categories;

  while (pos > 0 && category_before (c, &p->top_categories[pos - 1]))
    pos--;
  if (pos >= G_N_ELEMENTS (p->top_categories))
    return;
  if (p->n_top_categories < G_N_ELEMENTS (p->top_categories))
    p->n_top_categories++;
  memmove (&p->top_categories[pos + 1], &p->top_categories[pos],
           (p->n_top_categories - 1 - pos) * sizeof (ScCategoryLift));
  p->top_categories[pos] = *c;
}

static void
compute_categories (const ScAttribute *attr,
                    guint              attr_index,
                    const guint32     *labels,
                    gsize              n,
                    guint              k,
                    ScSegmentProfile  *p)
{
  guint L = attr->n_levels;
  g_autofree guint32 *cnt = g_new0 (guint32, (gsize) k * L);
  g_autofree guint32 *tot = g_new0 (guint32, L);
  g_autofree gsize *known = g_new0 (gsize, k);
  gsize known_all = 0;

  for (gsize i = 0; i < n; i++)
    {
      gint32 code = attr->codes[i];

      if (code < 0 || (guint) code >= L || labels[i] >= k)
        continue;
      cnt[(gsize) labels[i] * L + (guint) code]++;
      tot[code]++;
      known[labels[i]]++;
      known_all++;
    }

  for (guint s = 0; s < k; s++)
    {
      for (guint l = 0; l < L; l++)
        {
          ScCategoryLift c;
          gsize count = cnt[(gsize) s * L + l];

          if (count < SC_PROFILE_MIN_CATEGORY_COUNT
              || count < SC_PROFILE_MIN_CATEGORY_SHARE * p[s].size)
            continue;

          c.attribute = attr_index;
          c.level = l;
          c.count = count;
          c.segment_share = (double) count / known[s];
          c.all_share = (double) tot[l] / known_all;
          c.lift = c.segment_share / c.all_share;
          if (c.lift > 1)
            add_category (&p[s], &c);
        }
    }
}

/* One customer's days between orders: the span from first to last order over the gaps
 * between them; NAN for a customer with fewer than two orders. */
static double
order_gap (const ScFeatures *f,
           guint32           c)
{
  double orders = f->values[SC_FEATURE_FREQUENCY][c];
  double span = f->values[SC_FEATURE_TENURE][c] - f->values[SC_FEATURE_RECENCY][c];

  if (!(orders >= 2) || !isfinite (span))
    return NAN;
  return MAX (span, 0.0) / (orders - 1);
}

/* The rhythm each segment's activity is judged by (see %SC_PROFILE_AT_RISK_GAPS). */
static void
compute_rhythm (const ScFeatures *f,
                const guint32    *order,
                const gsize      *start,
                guint             k,
                gsize             n,
                double           *scratch,
                ScSegmentProfile *p)
{
  static const double half = 0.5;
  double all_rhythm = NAN;

  for (guint s = 0; s < k; s++)
    p[s].naming.rhythm = NAN;
  if (f->values[SC_FEATURE_FREQUENCY] != NULL && f->values[SC_FEATURE_RECENCY] != NULL
      && f->values[SC_FEATURE_TENURE] != NULL)
    {
      for (gsize i = 0; i < n; i++)
        scratch[i] = order_gap (f, order[i]);
      if (sc_quantiles (scratch, n, &half, 1, &all_rhythm) < SC_PROFILE_MIN_RHYTHM_BUYERS)
        all_rhythm = NAN;

      for (gsize i = 0; i < n; i++)
        scratch[i] = order_gap (f, order[i]);
      for (guint s = 0; s < k; s++)
        {
          double own;
          gsize m = sc_quantiles (scratch + start[s], start[s + 1] - start[s], &half, 1, &own);

          p[s].naming.rhythm_own = m >= SC_PROFILE_MIN_RHYTHM_BUYERS;
          p[s].naming.rhythm = p[s].naming.rhythm_own ? own : all_rhythm;
        }
    }

  for (guint s = 0; s < k; s++)
    {
      if (isnan (p[s].naming.rhythm))
        p[s].naming.rhythm = SC_PROFILE_DEFAULT_GAP_DAYS;
      p[s].naming.rhythm = MAX (p[s].naming.rhythm, SC_PROFILE_MIN_GAP_DAYS);
    }
}

typedef struct
{
  const ScFeatures *f;
  const guint32    *order;
  const gsize      *start;
  guint             k;
  gsize             n;
  ScSegmentProfile *p;
  double           *all_mean;
  double           *revenue;
  double           *orders;
  double           *orders_tertiles;
  double           *spend_tertiles;
  const gboolean   *outside;
  GCancellable     *cancellable;
  double           *scratch[SC_TEAM_MAX_THREADS];   /* n values each, one per worker */
} ProfileJob;

/* Task j < SC_N_FEATURES: feature j's means, medians and (orders, spend) tertiles; task
 * SC_N_FEATURES: the rhythm. */
static void
profile_task (gpointer data,
              guint    task,
              guint    worker)
{
  static const double tertile_probs[2] = { 1.0 / 3.0, 2.0 / 3.0 };
  ProfileJob *job = data;
  const ScFeatures *f = job->f;
  guint k = job->k;
  gsize n = job->n;
  double *scratch;

  if (g_cancellable_is_cancelled (job->cancellable))
    return;
  if (task < SC_N_FEATURES && f->values[task] == NULL)
    {
      job->all_mean[task] = NAN;
      for (guint s = 0; s < k; s++)
        job->p[s].mean[task] = job->p[s].median[task] = NAN;
      return;
    }

  if (job->scratch[worker] == NULL)
    job->scratch[worker] = sc_memory_new_huge_n (double, MAX (n, 1));
  scratch = job->scratch[worker];

  if (task == SC_N_FEATURES)
    {
      compute_rhythm (f, job->order, job->start, k, n, scratch, job->p);
      return;
    }

  compute_feature (f->values[task], job->order, job->start, k, n, scratch, job->p,
                   (ScFeature) task, job->outside, &job->all_mean[task],
                   task == SC_FEATURE_MONETARY ? job->revenue
                   : task == SC_FEATURE_FREQUENCY ? job->orders : NULL);

  /* The per-segment selections left the slices compacted, not a permutation of the
   * assigned customers' values, so the tertiles need a fresh gather. */
  if (task == SC_FEATURE_FREQUENCY || task == SC_FEATURE_MONETARY)
    {
      gsize m = 0;

      for (guint s = 0; s < k; s++)
        if (!job->outside[s])
          for (gsize i = job->start[s]; i < job->start[s + 1]; i++)
            scratch[m++] = f->values[task][job->order[i]];
      sc_quantiles (scratch, m, tertile_probs, 2,
                    task == SC_FEATURE_FREQUENCY ? job->orders_tertiles : job->spend_tertiles);
    }
}

/**
 * sc_profile_compute:
 * @f: features of all customers
 * @labels: (array): segment index per customer (the outlier segment is one more label);
 *   a label >= @k (such as %SC_LABEL_NONE) puts a customer in no segment, for example one
 *   without orders: such customers are left out of every figure, the all-customer
 *   averages, tertiles and shares included
 * @k: number of segments
 * @attrs: (array length=n_attrs) (nullable): customer attributes; categorical ones give
 *   @top_categories, numeric ones are not profiled
 * @n_attrs: number of attributes
 * @cancellable: (nullable): a #GCancellable
 *
 * Profiles every segment: size, revenue, means and exact medians of each present feature,
 * the features and category levels that set it apart, and a suggested name.  Time is
 * linear in the number of customers (per feature and per attribute).
 *
 * Returns: (transfer full) (array length=k) (nullable): @k profiles, free with
 *   sc_profile_free(); %NULL if cancelled
 */
ScSegmentProfile *
sc_profile_compute (const ScFeatures  *f,
                    const guint32     *labels,
                    guint              k,
                    const ScAttribute *attrs,
                    guint              n_attrs,
                    GCancellable      *cancellable)
{
  return sc_profile_compute_beside (f, labels, k, attrs, n_attrs, NULL, cancellable);
}

/**
 * sc_profile_compute_beside:
 * @outside: (array length=k) (nullable): %TRUE for a segment whose customers are left out
 *   of the all-customer figures the others are compared with (the averages and tertiles
 *   behind the names and descriptions); %NULL, or every segment %TRUE, leaves nobody out
 *
 * sc_profile_compute() beside a reference without some segments: the anomalies, whose
 * implausible figures (an order of a billion, thousands of orders in a day) would otherwise
 * make every other segment "spend 500× less than average" and take the words their own
 * figures earn.  The sizes, shares and revenue shares still count every segment.
 *
 * Returns: (transfer full) (array length=k) (nullable): as sc_profile_compute()
 */
ScSegmentProfile *
sc_profile_compute_beside (const ScFeatures  *f,
                           const guint32     *labels,
                           guint              k,
                           const ScAttribute *attrs,
                           guint              n_attrs,
                           const gboolean    *outside,
                           GCancellable      *cancellable)
{
  g_autofree gboolean *none_outside = NULL;
  gboolean all_outside = TRUE;
  ScSegmentProfile *p;
  g_autofree gsize *start = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree double *revenue = NULL;
  g_autofree double *orders = NULL;
  double all_mean[SC_N_FEATURES];
  double orders_tertiles[2] = { NAN, NAN }, spend_tertiles[2] = { NAN, NAN };
  double positive_revenue = 0, all_orders = 0, all_revenue = 0;
  gsize n;

  g_return_val_if_fail (f != NULL, NULL);
  g_return_val_if_fail (labels != NULL || f->n == 0, NULL);
  g_return_val_if_fail (k > 0, NULL);
  g_return_val_if_fail (attrs != NULL || n_attrs == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  for (guint s = 0; outside != NULL && s < k; s++)
    all_outside = all_outside && outside[s];
  if (outside == NULL || all_outside)
    outside = none_outside = g_new0 (gboolean, k);

  start = g_new0 (gsize, (gsize) k + 1);
  for (gsize i = 0; i < f->n; i++)
    if (labels[i] < k)
      start[labels[i] + 1]++;
  for (guint s = 0; s < k; s++)
    start[s + 1] += start[s];

  /* Counting sort: segment s owns order[start[s] .. start[s + 1]), in customer order;
   * customers in no segment are left out, so from here on n counts assigned customers. */
  n = start[k];
  order = sc_memory_new_huge_n (guint32, MAX (n, 1));
  {
    g_autofree gsize *next = g_memdup2 (start, (gsize) k * sizeof (gsize));

    for (gsize i = 0; i < f->n; i++)
      {
        if ((i & CANCEL_CHECK_MASK) == 0 && g_cancellable_is_cancelled (cancellable))
          return NULL;
        if (labels[i] < k)
          order[next[labels[i]]++] = (guint32) i;
      }
  }

  p = g_new0 (ScSegmentProfile, k);
  for (guint s = 0; s < k; s++)
    {
      p[s].size = start[s + 1] - start[s];
      p[s].share = n > 0 ? (double) p[s].size / n : 0;
    }

  revenue = g_new0 (double, k);
  orders = g_new0 (double, k);
  {
    /* Each feature, and the rhythm, is a task of its own: they write apart (their own
     * entries of @p, @all_mean, the sums and tertiles) and each reads the values in the
     * same order whichever worker runs it, so the results do not depend on the threads. */
    ProfileJob job = { f, order, start, k, n, p, all_mean, revenue, orders, orders_tertiles,
                       spend_tertiles, outside, cancellable, { NULL } };
    g_autoptr(ScTeam) team = sc_team_new (n >= PARALLEL_CUSTOMERS ? sc_team_resolve_threads (0)
                                                                   : 1);

    sc_team_run (team, profile_task, &job, SC_N_FEATURES + 1);
    for (guint w = 0; w < G_N_ELEMENTS (job.scratch); w++)
      g_free (job.scratch[w]);
    if (g_cancellable_is_cancelled (cancellable))
      {
        sc_profile_free (p, k);
        return NULL;
      }
  }

  for (guint s = 0; s < k; s++)
    if (!outside[s])
      {
        all_orders += orders[s];
        all_revenue += revenue[s];
      }

  /* A segment's average order is its revenue over its orders (see @mean). */
  if (f->values[SC_FEATURE_AOV] != NULL && f->values[SC_FEATURE_FREQUENCY] != NULL
      && f->values[SC_FEATURE_MONETARY] != NULL)
    {
      for (guint s = 0; s < k; s++)
        p[s].mean[SC_FEATURE_AOV] = orders[s] > 0 ? revenue[s] / orders[s] : NAN;
      all_mean[SC_FEATURE_AOV] = all_orders > 0 ? all_revenue / all_orders : NAN;
    }

  for (guint s = 0; s < k; s++)
    {
      p[s].revenue = revenue[s];
      p[s].orders = f->values[SC_FEATURE_FREQUENCY] != NULL ? orders[s] : NAN;
      positive_revenue += MAX (revenue[s], 0);
      memcpy (p[s].all_mean, all_mean, sizeof all_mean);
      memcpy (p[s].naming.orders_tertiles, orders_tertiles, sizeof orders_tertiles);
      memcpy (p[s].naming.spend_tertiles, spend_tertiles, sizeof spend_tertiles);
      compute_top_features (&p[s], all_mean);
    }
  for (guint s = 0; s < k; s++)
    p[s].revenue_share = positive_revenue > 0 ? MAX (p[s].revenue, 0) / positive_revenue : 0;

  for (guint a = 0; a < n_attrs; a++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          sc_profile_free (p, k);
          return NULL;
        }

      if (attrs[a].categorical && attrs[a].codes != NULL && attrs[a].n_levels > 0)
        compute_categories (&attrs[a], a, labels, f->n, k, p);
    }

  sc_profile_name (p, k, NULL);

  return p;
}

/**
 * sc_profile_free:
 * @p: (nullable) (array length=k): profiles from sc_profile_compute()
 * @k: number of profiles
 */
void
sc_profile_free (ScSegmentProfile *p,
                 guint             k)
{
  if (p == NULL)
    return;

  for (guint s = 0; s < k; s++)
    {
      g_free (p[s].suggested_name);
      g_free (p[s].naming.base_name);
    }
  g_free (p);
}
