/* sc-significance.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The small tests behind tested hypotheses (sc-hypothesis.c): Mann–Whitney U, two
 * proportions, Holm's correction and a percentile bootstrap of a ratio of means.
 *
 * They follow SciPy's definitions so that tests/test-hypothesis.c can hold SciPy's answers:
 * Mann–Whitney is scipy.stats.mannwhitneyu(method="asymptotic") — U of the first sample,
 * average ranks for ties, the tie-corrected normal approximation with a continuity
 * correction of 0.5 towards the mean — and the two-proportion z uses the pooled rate (its
 * square is scipy.stats.chi2_contingency(correction=False)'s statistic).
 *
 * Mann–Whitney is split in two because the ranks of a metric do not depend on the group:
 * sc_rank_average() ranks a whole population once, then sc_mann_whitney_ranked() tests any
 * number of groups of it by summing their ranks (the suggestions test every level of every
 * attribute). */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "sc-rng.h"
#include "sc-significance.h"
#include "sc-stats.h"

typedef struct
{
  double v;
  gsize  i;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *x = a;
  const Ranked *y = b;

  if (x->v < y->v)
    return -1;
  if (x->v > y->v)
    return 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

/**
 * sc_normal_sf:
 * @z: a standard normal deviate
 *
 * Returns: P(Z > @z), the upper tail of the standard normal distribution
 */
double
sc_normal_sf (double z)
{
  return 0.5 * erfc (z / G_SQRT2);
}

/**
 * sc_rank_average:
 * @values: (array length=n): finite values
 * @n: how many
 * @ranks: (out caller-allocates) (array length=n): the rank of each value, 1 to @n, tied
 *   values sharing the average of their ranks
 *
 * Returns: the tie term, the sum over groups of t tied values of t³ − t
 */
double
sc_rank_average (const double *values,
                 gsize         n,
                 double       *ranks)
{
  g_autofree Ranked *order = g_new (Ranked, MAX (n, 1));
  double tie_term = 0;

  g_return_val_if_fail (values != NULL || n == 0, 0);

  for (gsize i = 0; i < n; i++)
    order[i] = (Ranked) { values[i], i };
  qsort (order, n, sizeof (Ranked), compare_ranked);

  for (gsize start = 0; start < n;)
    {
      gsize end = start + 1;
      double t, average;

      while (end < n && order[end].v == order[start].v)
        end++;
      t = (double) (end - start);
      /* ranks start + 1 … end, averaged */
      average = ((double) start + 1 + (double) end) / 2;
      for (gsize j = start; j < end; j++)
        ranks[order[j].i] = average;
      tie_term += t * t * t - t;
      start = end;
    }
  return tie_term;
}

/**
 * sc_mann_whitney_ranked:
 * @ranks: (array length=n): sc_rank_average() of the pooled sample
 * @in_x: (array length=n): nonzero for the members of the first sample; the others are
 *   the second
 * @tie_term: what sc_rank_average() returned
 * @alternative: the one-sided alternative, for the first sample
 * @u: (out) (optional): U of the first sample
 * @p: (out) (optional): the one-sided p-value; 1 when every value is tied
 *
 * Returns: %FALSE when a sample is empty (nothing is set)
 */
gboolean
sc_mann_whitney_ranked (const double  *ranks,
                        const guint8  *in_x,
                        gsize          n,
                        double         tie_term,
                        ScAlternative  alternative,
                        double        *u,
                        double        *p)
{
  double r1 = 0, n1 = 0, n2, u1, stat, sigma;

  for (gsize i = 0; i < n; i++)
    if (in_x[i])
      {
        r1 += ranks[i];
        n1++;
      }
  n2 = (double) n - n1;
  if (n1 == 0 || n2 == 0)
    return FALSE;

  u1 = r1 - n1 * (n1 + 1) / 2;
  stat = alternative == SC_ALTERNATIVE_GREATER ? u1 : n1 * n2 - u1;
  sigma = sqrt (n1 * n2 / 12 * (((double) n + 1) - tie_term / ((double) n * ((double) n - 1))));

  if (u != NULL)
    *u = u1;
  if (p != NULL)
    *p = sigma > 0 ? CLAMP (sc_normal_sf ((stat - n1 * n2 / 2 - 0.5) / sigma), 0, 1) : 1;
  return TRUE;
}

/**
 * sc_mann_whitney:
 * @x: (array length=nx): the first sample, finite values
 * @y: (array length=ny): the second sample, finite values
 * @alternative: the one-sided alternative, for @x
 * @u: (out) (optional): U of @x
 * @p: (out) (optional): the one-sided p-value
 *
 * Mann–Whitney U by the normal approximation with tie and continuity corrections.
 *
 * Returns: %FALSE when a sample is empty
 */
gboolean
sc_mann_whitney (const double  *x,
                 gsize          nx,
                 const double  *y,
                 gsize          ny,
                 ScAlternative  alternative,
                 double        *u,
                 double        *p)
{
  gsize n = nx + ny;
  g_autofree double *pooled = g_new (double, MAX (n, 1));
  g_autofree double *ranks = g_new (double, MAX (n, 1));
  g_autofree guint8 *in_x = g_new0 (guint8, MAX (n, 1));
  double tie_term;

  for (gsize i = 0; i < nx; i++)
    {
      pooled[i] = x[i];
      in_x[i] = 1;
    }
  for (gsize i = 0; i < ny; i++)
    pooled[nx + i] = y[i];

  tie_term = sc_rank_average (pooled, n, ranks);
  return sc_mann_whitney_ranked (ranks, in_x, n, tie_term, alternative, u, p);
}

/**
 * sc_two_proportions:
 * @k1: successes in the first sample
 * @n1: size of the first sample
 * @k2: successes in the second sample
 * @n2: size of the second sample
 * @alternative: the one-sided alternative, for the first rate
 * @z: (out) (optional): the z statistic of k1/n1 − k2/n2 with the pooled standard error
 * @p: (out) (optional): the one-sided p-value; 1 when both rates are 0 or both 1
 *
 * Returns: %FALSE when a sample is empty
 */
gboolean
sc_two_proportions (guint64        k1,
                    guint64        n1,
                    guint64        k2,
                    guint64        n2,
                    ScAlternative  alternative,
                    double        *z,
                    double        *p)
{
  double p1, p2, pooled, se, zz;

  g_return_val_if_fail (k1 <= n1 && k2 <= n2, FALSE);

  if (n1 == 0 || n2 == 0)
    return FALSE;

  p1 = (double) k1 / (double) n1;
  p2 = (double) k2 / (double) n2;
  pooled = (double) (k1 + k2) / (double) (n1 + n2);
  se = sqrt (pooled * (1 - pooled) * (1 / (double) n1 + 1 / (double) n2));
  zz = se > 0 ? (p1 - p2) / se : 0;

  if (z != NULL)
    *z = zz;
  if (p != NULL)
    *p = se > 0 ? sc_normal_sf (alternative == SC_ALTERNATIVE_GREATER ? zz : -zz) : 1;
  return TRUE;
}

static int
compare_index_by_p (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const double *p = user_data;
  gsize i = *(const gsize *) a;
  gsize j = *(const gsize *) b;

  if (p[i] < p[j])
    return -1;
  if (p[i] > p[j])
    return 1;
  return i < j ? -1 : i > j;
}

/**
 * sc_holm:
 * @p: (array length=n): p-values; NAN for a test not made
 * @n: how many
 * @adjusted: (out caller-allocates) (array length=n): Holm's step-down adjusted p-values
 *   (NAN where @p is NAN); may be @p
 *
 * Holm's correction over the tests made: the i-th smallest of m p-values becomes the
 * largest of (m − j) p₍ⱼ₎ over j ≤ i, at most 1.  Rejecting where the adjusted value is
 * below α keeps the chance of any false claim among them below α.
 */
void
sc_holm (const double *p,
         gsize         n,
         double       *adjusted)
{
  g_autofree gsize *order = g_new (gsize, MAX (n, 1));
  g_autofree double *copy = g_memdup2 (p, sizeof (double) * MAX (n, 1));
  gsize m = 0;
  double running = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (!isnan (copy[i]))
        order[m++] = i;
      adjusted[i] = NAN;
    }
  g_qsort_with_data (order, (gint) m, sizeof (gsize), compare_index_by_p, copy);

  for (gsize j = 0; j < m; j++)
    {
      running = MAX (running, MIN (1.0, (double) (m - j) * copy[order[j]]));
      adjusted[order[j]] = running;
    }
}

static double
resample_mean (ScRng        *rng,
               const double *v,
               gsize         n)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += v[sc_rng_uniform (rng, n)];
  return sum / (double) n;
}

/**
 * sc_bootstrap_ratio:
 * @x: (array length=nx): the first sample
 * @y: (array length=ny): the second sample
 * @n_resamples: bootstrap resamples, 2,000 for a 95% interval
 * @seed: the seed; with @stream the same inputs always give the same interval
 * @stream: which stream of @seed (one per hypothesis)
 * @level: the interval's coverage, such as 0.95
 * @low: (out): the lower end of the percentile interval of mean(x) / mean(y)
 * @high: (out): the upper end
 *
 * Resamples each sample on its own (they are independent groups of customers), with
 * replacement, and takes the percentiles of the resampled ratios.  Resamples whose ratio
 * does not exist (both means 0) are left out.
 *
 * Returns: %FALSE when a sample is empty or no resampled ratio exists (@low and @high NAN)
 */
gboolean
sc_bootstrap_ratio (const double *x,
                    gsize         nx,
                    const double *y,
                    gsize         ny,
                    guint         n_resamples,
                    guint64       seed,
                    guint64       stream,
                    double        level,
                    double       *low,
                    double       *high)
{
  g_autofree double *ratios = g_new (double, MAX (n_resamples, 1));
  const double probs[2] = { (1 - level) / 2, 1 - (1 - level) / 2 };
  double out[2] = { NAN, NAN };
  ScRng rng;

  g_return_val_if_fail (level > 0 && level < 1, FALSE);

  *low = *high = NAN;
  if (nx == 0 || ny == 0 || n_resamples == 0)
    return FALSE;

  sc_rng_init_stream (&rng, seed, stream);
  for (guint b = 0; b < n_resamples; b++)
    {
      double mx = resample_mean (&rng, x, nx);
      double my = resample_mean (&rng, y, ny);

      ratios[b] = my != 0 ? mx / my : mx != 0 ? copysign (INFINITY, mx) : NAN;
    }

  if (sc_quantiles (ratios, n_resamples, probs, 2, out) == 0)
    return FALSE;
  *low = out[0];
  *high = out[1];
  return TRUE;
}
