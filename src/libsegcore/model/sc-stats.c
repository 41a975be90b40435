/* sc-stats.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Small statistics shared by the models and the lifecycle: the median and robust z-scores
 * (quickselect on one rank), exact quantiles (quickselect on several ranks at once) and the
 * column standardisation that precedes clustering.  NaN marks a missing value and is
 * ignored by every statistic. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-stats.h"

/**
 * sc_standardise:
 * @x: (array length=n): n × d values, row-major, changed in place
 * @n: number of rows
 * @d: number of columns
 * @mean: (out caller-allocates) (array length=d) (nullable): each column's mean
 * @sd: (out caller-allocates) (array length=d) (nullable): each column's population
 *   standard deviation (0 for a constant column)
 *
 * Scales each column to mean 0 and population standard deviation 1.  A constant column
 * becomes all 0, so x = z × sd + mean still holds.
 */
void
sc_standardise (double *x,
                gsize   n,
                guint   d,
                double *mean,
                double *sd)
{
  g_autofree double *m = g_new (double, 4 * (gsize) d);
  g_autofree gboolean *constant = g_new (gboolean, d);
  double *ss = m + d, *s = m + 2 * d, *first = m + 3 * d;

  g_return_if_fail (x != NULL || n == 0);

  /* Every column at once, in three passes over the rows; each column's sums still add its
   * values in row order. */
  for (guint j = 0; j < d; j++)
    {
      m[j] = ss[j] = s[j] = 0.0;
      first[j] = n > 0 ? x[j] : 0.0;
      constant[j] = TRUE;
    }
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      {
        m[j] += x[i * d + j];
        constant[j] = constant[j] && x[i * d + j] == first[j];
      }
  for (guint j = 0; j < d; j++)
    m[j] = n > 0 ? m[j] / (double) n : 0.0;

  /* Compare values, not the computed sd: the mean of equal values need not equal them to
   * the last bit, and a tiny sd would blow rounding noise up to ±1. */
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      {
        double t = x[i * d + j] - m[j];

        ss[j] += t * t;
      }
  for (guint j = 0; j < d; j++)
    if (!constant[j])
      s[j] = sqrt (ss[j] / (double) n);

  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      x[i * d + j] = constant[j] ? 0.0 : (x[i * d + j] - m[j]) / s[j];

  for (guint j = 0; j < d; j++)
    {
      if (mean != NULL)
        mean[j] = constant[j] ? first[j] : m[j];
      if (sd != NULL)
        sd[j] = s[j];
    }
}

/* ------------------------------------------------------------------------------------- */
/* Order statistics. */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Rearranges a[0..n-1] so that a[kth] holds the value it would hold sorted, with nothing
 * larger before it and nothing smaller after it (Hoare's FIND, median-of-three pivot).
 * A step budget bounds adversarial inputs: past it, the remaining range is sorted. */
static double
select_kth (double *a,
            gsize   n,
            gsize   kth)
{
  gssize lo = 0, hi = (gssize) n - 1, k = (gssize) kth;
  guint budget = 2 * g_bit_storage (n) + 8;

  while (lo < hi)
    {
      gssize i = lo, j = hi;
      double x0 = a[lo], x1 = a[lo + (hi - lo) / 2], x2 = a[hi];
      double pivot = MAX (MIN (x0, x1), MIN (MAX (x0, x1), x2));

      if (budget-- == 0)
        {
          qsort (a + lo, (gsize) (hi - lo + 1), sizeof (double), compare_doubles);
          break;
        }

      do
        {
          while (a[i] < pivot)
            i++;
          while (pivot < a[j])
            j--;
          if (i <= j)
            {
              double t = a[i];

              a[i] = a[j];
              a[j] = t;
              i++;
              j--;
            }
        }
      while (i <= j);

      if (j < k)
        lo = i;
      if (k < i)
        hi = j;
    }

  return a[kth];
}

/* Median of the non-NaN values in a (reordered); NAN when there are none. */
static double
median_in_place (double *a,
                 gsize   n)
{
  gsize m = 0;
  double hi, lo;

  for (gsize i = 0; i < n; i++)
    if (!isnan (a[i]))
      a[m++] = a[i];
  if (m == 0)
    return NAN;

  hi = select_kth (a, m, m / 2);
  if (m % 2 == 1)
    return hi;

  lo = a[0];
  for (gsize i = 1; i < m / 2; i++)
    lo = MAX (lo, a[i]);
  return isfinite (lo + hi) ? (lo + hi) / 2.0 : lo / 2.0 + hi / 2.0;
}

/**
 * sc_median:
 * @v: (array length=n): values
 * @n: number of values
 *
 * The median of the values that are not NaN (the mean of the two middle ones when their
 * number is even), by quickselect on a copy: O(n), @v is left untouched.
 *
 * Returns: the median, or NAN when there is no value
 */
double
sc_median (const double *v,
           gsize         n)
{
  g_autofree double *copy = NULL;

  g_return_val_if_fail (v != NULL || n == 0, NAN);

  if (n == 0)
    return NAN;
  copy = g_memdup2 (v, sizeof (double) * n);
  return median_in_place (copy, n);
}

/**
 * sc_robust_z:
 * @v: (array length=n): values
 * @n: number of values
 * @z: (out caller-allocates) (array length=n): robust z-scores
 *
 * Robust z-scores: z = (v − median) / (1.4826 × MAD), MAD being the median absolute
 * deviation from the median.  When more than half the values are equal, MAD is 0 and the
 * scale is 1.2533 × the mean absolute deviation from the median instead (both constants make
 * the scale match the standard deviation of normal data); when that is 0 too, every z is 0.
 * NaN values are ignored by the statistics and give a NaN z.  @z may be @v.
 */
void
sc_robust_z (const double *v,
             gsize         n,
             double       *z)
{
  g_autofree double *dev = NULL;
  double median, mad, scale = 0.0;

  g_return_if_fail (v != NULL || n == 0);
  g_return_if_fail (z != NULL || n == 0);

  if (n == 0)
    return;

  median = sc_median (v, n);
  dev = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    dev[i] = fabs (v[i] - median);
  mad = median_in_place (dev, n);

  if (mad > 0.0)
    scale = 1.4826 * mad;
  else if (!isnan (median))
    {
      double sum = 0.0;
      gsize count = 0;

      for (gsize i = 0; i < n; i++)
        if (!isnan (v[i]))
          {
            sum += fabs (v[i] - median);
            count++;
          }
      scale = 1.2533 * (sum / (double) count);
    }

  for (gsize i = 0; i < n; i++)
    {
      if (isnan (v[i]))
        z[i] = NAN;
      else if (scale > 0.0 && isfinite (scale))
        z[i] = (v[i] - median) / scale;
      else
        z[i] = 0.0;
    }
}

/* ------------------------------------------------------------------------------------- */
/* Several quantiles at once. */


/* Exact order statistics by quickselect, generalised to several ranks at once: partition
 * around a pivot (median of three pseudo-random elements), then continue only into the
 * parts that still hold a wanted rank.
 *
 * The partition is Lomuto's with an unconditional swap, so the loop has no data-dependent
 * branch; on real data (random order) that is about twice as fast as a branching
 * partition.  A pass on "<" alone never separates values equal to the pivot, which would
 * make heavily tied data (order counts: most customers bought once) crawl, so when the
 * "<" part comes out small a second pass splits the rest into "= pivot" (finished: every
 * rank there holds the pivot) and "> pivot".  Expected time is linear in n for a handful
 * of ranks. */

static inline guint64
next_random (guint64 *state)
{
  guint64 x = *state;

  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  *state = x;

  return x;
}

static void
insertion_sort (double *a,
                gsize   n)
{
  for (gsize i = 1; i < n; i++)
    {
      double v = a[i];
      gsize j = i;

      while (j > 0 && a[j - 1] > v)
        {
          a[j] = a[j - 1];
          j--;
        }
      a[j] = v;
    }
}

static double
choose_pivot (const double *a,
              gsize         lo,
              gsize         hi,
              guint64      *rng)
{
  gsize n = hi - lo;
  double x = a[lo + next_random (rng) % n];
  double y = a[lo + next_random (rng) % n];
  double z = a[lo + next_random (rng) % n];

  if (x < y)
    return y < z ? y : (x < z ? z : x);
  else
    return x < z ? x : (y < z ? z : y);
}

/* Moves the elements of a[lo..hi) that are below the pivot (or, with @or_equal, not above
 * it) to the front; returns the end of that part. */
static gsize
partition_pass (double   *a,
                gsize     lo,
                gsize     hi,
                double    pivot,
                gboolean  or_equal)
{
  gsize store = lo;

  if (or_equal)
    {
      for (gsize i = lo; i < hi; i++)
        {
          double v = a[i];

          a[i] = a[store];
          a[store] = v;
          store += !(v > pivot);
        }
    }
  else
    {
      for (gsize i = lo; i < hi; i++)
        {
          double v = a[i];

          a[i] = a[store];
          a[store] = v;
          store += v < pivot;
        }
    }

  return store;
}

/* Places the ranks[i]-th smallest of a[lo..hi) at index ranks[i], for ascending ranks all
 * inside [lo, hi).  Values must not be NAN. */
static void
select_ranks (double      *a,
              gsize        lo,
              gsize        hi,
              const gsize *ranks,
              guint        n_ranks,
              guint64     *rng)
{
  while (n_ranks > 0)
    {
      double pivot;
      gsize lt, gt;
      guint n_left, first_right;

      if (hi - lo <= 16)
        {
          insertion_sort (a + lo, hi - lo);
          return;
        }

      /* [lo, lt) < pivot; [lt, gt) == pivot once the second pass ran, else [lt, gt) is
       * empty and [gt, hi) >= pivot.  The pivot is an element, so [lt, hi) is never
       * empty, and the second pass always removes at least that element: every round
       * shrinks the range. */
      pivot = choose_pivot (a, lo, hi, rng);
      lt = partition_pass (a, lo, hi, pivot, FALSE);
      gt = lt;

      n_left = 0;
      while (n_left < n_ranks && ranks[n_left] < lt)
        n_left++;

      if (n_left < n_ranks && lt - lo < (hi - lo) / 8)
        gt = partition_pass (a, lt, hi, pivot, TRUE);

      first_right = n_left;
      while (first_right < n_ranks && ranks[first_right] < gt)
        first_right++;

      /* Recurse into the smaller side, loop on the other: the depth stays bounded by the
       * number of ranks. */
      if (n_left > 0 && first_right < n_ranks)
        {
          if (lt - lo < hi - gt)
            {
              select_ranks (a, lo, lt, ranks, n_left, rng);
              lo = gt;
              ranks += first_right;
              n_ranks -= first_right;
            }
          else
            {
              select_ranks (a, gt, hi, ranks + first_right, n_ranks - first_right, rng);
              hi = lt;
              n_ranks = n_left;
            }
        }
      else if (n_left > 0)
        {
          hi = lt;
          n_ranks = n_left;
        }
      else
        {
          lo = gt;
          ranks += first_right;
          n_ranks -= first_right;
        }
    }
}

/**
 * sc_select_ranks:
 * @values: (array length=n) (inout): the sample, no value NAN; reordered in place
 * @ranks: (array length=n_ranks): distinct ranks below @n, ascending
 *
 * Places the ranks[i]-th smallest value at index ranks[i], for every i, in expected time
 * linear in @n: the order statistics a full sort would put there, without sorting.
 */
void
sc_select_ranks (double      *values,
                 gsize        n,
                 const gsize *ranks,
                 guint        n_ranks)
{
  guint64 rng = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  g_return_if_fail (values != NULL || n == 0);
  select_ranks (values, 0, n, ranks, n_ranks, &rng);
}

static int
compare_rank (gconstpointer a,
              gconstpointer b)
{
  gsize x = *(const gsize *) a;
  gsize y = *(const gsize *) b;

  return (x > y) - (x < y);
}

/**
 * sc_quantiles:
 * @values: (array length=n) (inout): the sample; reordered in place
 * @n: number of values
 * @probs: (array length=n_probs): probabilities in 0..1
 * @n_probs: number of probabilities
 * @out: (array length=n_probs) (out caller-allocates): the quantiles
 *
 * Exact sample quantiles with linear interpolation between the closest ranks (the
 * default of NumPy and pandas, Hyndman & Fan type 7): for probability p over m values
 * sorted as x[0..m-1], h = (m - 1) p and q = x[⌊h⌋] + (h - ⌊h⌋) (x[⌊h⌋ + 1] - x[⌊h⌋]).
 * NAN values are moved out of the way and ignored.  Expected time is linear in @n (no
 * full sort); the order of @values afterwards is unspecified.
 *
 * Returns: the number of values used (not NAN); when it is 0 every quantile is NAN
 */
gsize
sc_quantiles (double       *values,
              gsize         n,
              const double *probs,
              guint         n_probs,
              double       *out)
{
  g_autofree gsize *ranks = NULL;
  guint64 rng = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  gsize m = 0;
  guint n_ranks = 0;

  g_return_val_if_fail (values != NULL || n == 0, 0);
  g_return_val_if_fail (probs != NULL || n_probs == 0, 0);
  g_return_val_if_fail (out != NULL || n_probs == 0, 0);

  for (gsize i = 0; i < n; i++)
    if (!isnan (values[i]))
      values[m++] = values[i];

  if (m == 0)
    {
      for (guint j = 0; j < n_probs; j++)
        out[j] = NAN;
      return 0;
    }

  ranks = g_new (gsize, 2 * (gsize) n_probs + 1);
  for (guint j = 0; j < n_probs; j++)
    {
      double h = (double) (m - 1) * CLAMP (probs[j], 0.0, 1.0);
      gsize lo = (gsize) floor (h);

      lo = MIN (lo, m - 1);
      ranks[n_ranks++] = lo;
      if (lo + 1 < m)
        ranks[n_ranks++] = lo + 1;
    }

  qsort (ranks, n_ranks, sizeof (gsize), compare_rank);
  {
    guint u = 0;

    for (guint j = 0; j < n_ranks; j++)
      if (u == 0 || ranks[u - 1] != ranks[j])
        ranks[u++] = ranks[j];
    n_ranks = u;
  }

  select_ranks (values, 0, m, ranks, n_ranks, &rng);

  for (guint j = 0; j < n_probs; j++)
    {
      double h = (double) (m - 1) * CLAMP (probs[j], 0.0, 1.0);
      gsize lo = MIN ((gsize) floor (h), m - 1);
      double frac = h - (double) lo;

      if (lo + 1 < m && frac > 0)
        out[j] = values[lo] + frac * (values[lo + 1] - values[lo]);
      else
        out[j] = values[lo];
    }

  return m;
}
