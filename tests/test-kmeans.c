/* test-kmeans.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "sc-kmeans.h"
#include "sc-rng.h"
#include "sc-silhouette.h"

/* ------------------------------------------------------------------------------------- */
/* Data helpers */

static double
gaussian (ScRng *rng)
{
  double u = 1.0 - sc_rng_double (rng);   /* (0, 1]: log is finite */
  double v = sc_rng_double (rng);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

/* n_per points around each of the centres (n_centres × d), sd 0.5; truth[i] is the index
 * of the centre point i was drawn around.  Points are interleaved (0, 1, 2, 0, 1, 2, ...)
 * so that cluster order in the input says nothing about the canonical order. */
static double *
make_blobs (const double *centres,
            guint         n_centres,
            guint         d,
            gsize         n_per,
            guint64       seed,
            guint32     **truth)
{
  gsize n = n_per * n_centres;
  double *x = g_new (double, n * d);
  ScRng rng;

  sc_rng_init (&rng, seed);
  *truth = g_new (guint32, n);
  for (gsize i = 0; i < n; i++)
    {
      guint c = i % n_centres;

      (*truth)[i] = c;
      for (guint j = 0; j < d; j++)
        x[i * d + j] = centres[c * d + j] + 0.5 * gaussian (&rng);
    }
  return x;
}

static double *
make_uniform (gsize   n,
              guint   d,
              guint64 seed)
{
  double *x = g_new (double, n * d);
  ScRng rng;

  sc_rng_init (&rng, seed);
  for (gsize i = 0; i < n * d; i++)
    x[i] = sc_rng_double (&rng);
  return x;
}

static ScKmeansParams
params_for_k (guint k)
{
  ScKmeansParams params;

  sc_kmeans_params_init (&params);
  params.k = k;
  params.n_threads = 2;
  return params;
}

/* What every result must satisfy, whatever the data: labels in range, sizes that count
 * them, centroids that are the means of their members, the inertia that the labels and
 * centroids give, and centroids in canonical (lexicographic) order. */
static void
check_consistent (const ScKmeansResult *r,
                  const double         *x)
{
  g_autofree gsize *sizes = g_new0 (gsize, r->k);
  g_autofree double *sums = g_new0 (double, (gsize) r->k * r->d);
  double inertia = 0.0;

  for (gsize i = 0; i < r->n; i++)
    {
      g_assert_cmpuint (r->labels[i], <, r->k);
      sizes[r->labels[i]]++;
      for (guint j = 0; j < r->d; j++)
        {
          double t = x[i * r->d + j] - r->centroids[r->labels[i] * r->d + j];

          sums[r->labels[i] * r->d + j] += x[i * r->d + j];
          inertia += t * t;
        }
    }

  for (guint c = 0; c < r->k; c++)
    {
      g_assert_cmpuint (sizes[c], ==, r->sizes[c]);
      g_assert_cmpuint (sizes[c], >, 0);
      for (guint j = 0; j < r->d; j++)
        g_assert_cmpfloat_with_epsilon (sums[c * r->d + j] / sizes[c],
                                        r->centroids[c * r->d + j], 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (inertia, r->inertia, 1e-9 * MAX (1.0, inertia));

  for (guint c = 1; c < r->k; c++)
    {
      const double *a = r->centroids + (c - 1) * r->d, *b = r->centroids + c * r->d;
      guint j = 0;

      while (j < r->d && a[j] == b[j])
        j++;
      g_assert_true (j < r->d && a[j] < b[j]);
    }

  g_assert_cmpfloat (r->silhouette, >=, -1.0);
  g_assert_cmpfloat (r->silhouette, <=, 1.0);
  g_assert_cmpuint (r->n_tried, >=, 1);
}

static void
assert_same_result (const ScKmeansResult *a,
                    const ScKmeansResult *b)
{
  g_assert_cmpuint (a->k, ==, b->k);
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_true (memcmp (a->labels, b->labels, sizeof (guint32) * a->n) == 0);
  g_assert_true (memcmp (a->centroids, b->centroids, sizeof (double) * a->k * a->d) == 0);
  g_assert_true (memcmp (a->sizes, b->sizes, sizeof (gsize) * a->k) == 0);
  /* Bit-identical, not merely close. */
  g_assert_true (memcmp (&a->inertia, &b->inertia, sizeof (double)) == 0);
  g_assert_true (memcmp (&a->silhouette, &b->silhouette, sizeof (double)) == 0);
  g_assert_cmpuint (a->n_iter, ==, b->n_iter);
  g_assert_cmpuint (a->n_tried, ==, b->n_tried);
  for (guint t = 0; t < a->n_tried; t++)
    {
      g_assert_cmpuint (a->tried_k[t], ==, b->tried_k[t]);
      g_assert_true (memcmp (&a->tried_silhouette[t], &b->tried_silhouette[t],
                             sizeof (double)) == 0);
      g_assert_true (memcmp (&a->tried_inertia[t], &b->tried_inertia[t], sizeof (double)) == 0);
    }
}

/* ------------------------------------------------------------------------------------- */
/* Planted clusters */

/* Three blobs 20 sd apart.  Canonical order sorts centroids by x: (0, 0) < (5, 10) <
 * (10, 0), so truth 0 → label 0, truth 2 → label 1, truth 1 → label 2. */
static const double three_centres[] = { 0.0, 0.0, 10.0, 0.0, 5.0, 10.0 };
static const guint32 three_canonical[] = { 0, 2, 1 };

static void
check_planted (gsize  n_per,
               gsize  restart_sample,
               guint  n_threads)
{
  g_autofree guint32 *truth = NULL;
  g_autofree double *x = make_blobs (three_centres, 3, 2, n_per, 42, &truth);
  ScKmeansParams params = params_for_k (3);
  g_autoptr(ScKmeansResult) r = NULL;
  g_autoptr(GError) error = NULL;

  params.restart_sample = restart_sample;
  params.n_threads = n_threads;
  r = sc_kmeans_run (x, n_per * 3, 2, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  check_consistent (r, x);

  g_assert_cmpuint (r->k, ==, 3);
  for (gsize i = 0; i < r->n; i++)
    g_assert_cmpuint (r->labels[i], ==, three_canonical[truth[i]]);
  for (guint c = 0; c < 3; c++)
    g_assert_cmpuint (r->sizes[c], ==, n_per);

  /* Means of n_per draws with sd 0.5 are within 5 standard errors of the true centres. */
  for (guint t = 0; t < 3; t++)
    for (guint j = 0; j < 2; j++)
      g_assert_cmpfloat_with_epsilon (r->centroids[three_canonical[t] * 2 + j],
                                      three_centres[t * 2 + j], 5 * 0.5 / sqrt (n_per));

  /* Tight, far-apart blobs: a (mean distance inside) ≈ 0.63, b ≥ 10, so s > 0.9. */
  g_assert_cmpfloat (r->silhouette, >, 0.85);
  g_assert_cmpuint (r->n_tried, ==, 1);
  g_assert_cmpuint (r->tried_k[0], ==, 3);
}

static void
test_planted (void)
{
  check_planted (200, 100000, 2);
}

static void
test_planted_sampled_restarts (void)
{
  g_autofree guint32 *truth = NULL;
  g_autofree double *x = make_blobs (three_centres, 3, 2, 3000, 7, &truth);
  ScKmeansParams params = params_for_k (3);
  g_autoptr(ScKmeansResult) r = NULL;
  g_autoptr(GError) error = NULL;

  /* 9000 points > 2 × 1000: restarts on a 1000-point sample, winner finished on all. */
  params.restart_sample = 1000;
  r = sc_kmeans_run (x, 9000, 2, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (r->restarts_sampled);
  check_consistent (r, x);
  for (gsize i = 0; i < r->n; i++)
    g_assert_cmpuint (r->labels[i], ==, three_canonical[truth[i]]);

  /* 9000 > silhouette_exact_max would sample; here it is below, so exact. */
  g_assert_false (r->silhouette_sampled);

  check_planted (3000, 1000, 1);
}

static void
test_defaults (void)
{
  ScKmeansParams params;
  g_autofree guint32 *truth = NULL;
  g_autofree double *x = make_blobs (three_centres, 3, 2, 50, 3, &truth);
  g_autoptr(ScKmeansResult) r = NULL;
  g_autoptr(GError) error = NULL;

  sc_kmeans_params_init (&params);
  g_assert_cmpuint (params.k, ==, 0);
  g_assert_cmpuint (params.k_min, ==, 2);
  g_assert_cmpuint (params.k_max, ==, 8);
  g_assert_cmpuint (params.n_init, ==, 10);
  g_assert_cmpuint (params.seed, ==, 0);
  g_assert_cmpuint (params.max_iter, ==, 300);
  g_assert_cmpfloat (params.tol, ==, 1e-4);
  g_assert_cmpuint (params.n_threads, ==, 0);
  g_assert_cmpuint (params.silhouette_exact_max, ==, 20000);
  g_assert_cmpuint (params.silhouette_sample, ==, 10000);

  /* NULL params: the defaults, so k is chosen (3 planted blobs). */
  r = sc_kmeans_run (x, 150, 2, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_consistent (r, x);
  g_assert_cmpuint (r->k, ==, 3);
}

/* ------------------------------------------------------------------------------------- */
/* Determinism */

static ScKmeansResult *
run_uniform (gsize   n,
             guint   k,
             guint   n_threads,
             guint64 seed,
             gsize   restart_sample)
{
  g_autofree double *x = make_uniform (n, 3, 99);
  ScKmeansParams params = params_for_k (k);
  g_autoptr(GError) error = NULL;
  ScKmeansResult *r;

  params.n_threads = n_threads;
  params.seed = seed;
  params.restart_sample = restart_sample;
  /* Small enough to keep the test quick, large enough to sample the silhouette. */
  params.silhouette_exact_max = 3000;
  params.silhouette_sample = 2000;
  r = sc_kmeans_run (x, n, 3, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_consistent (r, x);
  return r;
}

static void
test_determinism_threads (void)
{
  /* Uniform data has no clear clusters, so any difference in the order of additions would
   * show up as a different winner or different last bits.  20000 rows = 5 chunks. */
  g_autoptr(ScKmeansResult) one = run_uniform (20000, 5, 1, 0, 0);
  g_autoptr(ScKmeansResult) two = run_uniform (20000, 5, 2, 0, 0);
  g_autoptr(ScKmeansResult) eight = run_uniform (20000, 5, 8, 0, 0);
  g_autoptr(ScKmeansResult) again = run_uniform (20000, 5, 2, 0, 0);

  assert_same_result (one, two);
  assert_same_result (one, eight);
  assert_same_result (two, again);
  g_assert_true (one->silhouette_sampled);
  g_assert_false (one->restarts_sampled);
}

static void
test_determinism_sampled (void)
{
  /* Restarts on a 4000-row sample, then one chunk-parallel Lloyd on all 20000 rows. */
  g_autoptr(ScKmeansResult) one = run_uniform (20000, 4, 1, 5, 4000);
  g_autoptr(ScKmeansResult) two = run_uniform (20000, 4, 2, 5, 4000);
  g_autoptr(ScKmeansResult) eight = run_uniform (20000, 4, 8, 5, 4000);

  g_assert_true (one->restarts_sampled);
  assert_same_result (one, two);
  assert_same_result (one, eight);
}

static void
test_determinism_single_restart (void)
{
  /* n_init = 1 takes the other parallel path: chunks in parallel inside one restart. */
  g_autofree double *x = make_uniform (30000, 3, 5);
  g_autoptr(ScKmeansResult) a = NULL;
  g_autoptr(ScKmeansResult) b = NULL;
  ScKmeansParams params = params_for_k (6);

  params.n_init = 1;
  params.n_threads = 1;
  a = sc_kmeans_run (x, 30000, 3, &params, NULL, NULL, NULL, NULL);
  params.n_threads = 2;
  b = sc_kmeans_run (x, 30000, 3, &params, NULL, NULL, NULL, NULL);
  check_consistent (a, x);
  assert_same_result (a, b);
}

static void
test_seeds (void)
{
  g_autofree guint32 *truth = NULL;
  g_autofree double *x = make_blobs (three_centres, 3, 2, 100, 11, &truth);
  g_autoptr(ScKmeansResult) first = NULL;

  /* Every seed finds the planted blobs; the canonical order makes the labels equal. */
  for (guint64 seed = 0; seed < 5; seed++)
    {
      ScKmeansParams params = params_for_k (3);
      g_autoptr(ScKmeansResult) r = NULL;

      params.seed = seed * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
      r = sc_kmeans_run (x, 300, 2, &params, NULL, NULL, NULL, NULL);
      check_consistent (r, x);
      if (first == NULL)
        first = g_steal_pointer (&r);
      else
        g_assert_true (memcmp (first->labels, r->labels, sizeof (guint32) * 300) == 0);
    }
}

/* ------------------------------------------------------------------------------------- */
/* Silhouette */

static void
test_silhouette_hand (void)
{
  /* 1-D: {0, 1} in cluster 0, {4, 5} in cluster 1, {20} alone in cluster 2.
   *   x=0: a = |0-1| = 1, b = min(mean(4, 5), 20) = 4.5,  s = (4.5-1)/4.5 = 7/9
   *   x=1: a = 1,         b = min(mean(3, 4), 19) = 3.5,  s = (3.5-1)/3.5 = 5/7
   *   x=4: a = 1,         b = min(mean(4, 3), 16) = 3.5,  s = 5/7
   *   x=5: a = 1,         b = min(mean(5, 4), 15) = 4.5,  s = 7/9
   *   x=20: alone in its cluster, s = 0 (scikit-learn's convention)
   * mean = (2·7/9 + 2·5/7 + 0) / 5 = (98/63 + 90/63) / 5 = 188/315. */
  static const double x1[] = { 0.0, 1.0, 4.0, 5.0, 20.0 };
  static const guint32 l1[] = { 0, 0, 1, 1, 2 };
  /* 2-D, distances from 3-4-5 triangles: (0,0), (0,3) in cluster 0; (4,0), (4,3) in 1.
   * Every point: a = 3 (its partner), b = mean(4, 5) = 4.5, s = 1.5/4.5 = 1/3. */
  static const double x2[] = { 0.0, 0.0, 4.0, 3.0, 0.0, 3.0, 4.0, 0.0 };
  static const guint32 l2[] = { 0, 1, 0, 1 };
  /* Labels in a different order give the same value. */
  static const guint32 l1_swapped[] = { 2, 2, 0, 0, 1 };

  g_assert_cmpfloat_with_epsilon (sc_silhouette (x1, 5, 1, l1, 3, 0, 0, 1), 188.0 / 315.0,
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (sc_silhouette (x1, 5, 1, l1_swapped, 3, 0, 0, 2),
                                  188.0 / 315.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sc_silhouette (x2, 4, 2, l2, 2, 0, 0, 2), 1.0 / 3.0, 1e-12);
  /* A sample at least as large as the data is the exact value. */
  g_assert_cmpfloat_with_epsilon (sc_silhouette (x2, 4, 2, l2, 2, 4, 0, 2), 1.0 / 3.0, 1e-12);

  /* One cluster only: no silhouette, 0. */
  {
    static const guint32 same[] = { 1, 1, 1, 1 };

    g_assert_cmpfloat (sc_silhouette (x2, 4, 2, same, 2, 0, 0, 1), ==, 0.0);
  }
}

/* The O(n²) definition, written plainly. */
static double
silhouette_reference (const double  *x,
                      gsize          n,
                      guint          d,
                      const guint32 *labels,
                      guint          k)
{
  g_autofree double *sums = g_new (double, k);
  g_autofree gsize *sizes = g_new0 (gsize, k);
  double total = 0.0;

  for (gsize i = 0; i < n; i++)
    sizes[labels[i]]++;

  for (gsize i = 0; i < n; i++)
    {
      double a, b = INFINITY;

      memset (sums, 0, sizeof (double) * k);
      for (gsize j = 0; j < n; j++)
        {
          double s = 0.0;

          for (guint t = 0; t < d; t++)
            s += (x[i * d + t] - x[j * d + t]) * (x[i * d + t] - x[j * d + t]);
          sums[labels[j]] += sqrt (s);
        }
      if (sizes[labels[i]] <= 1)
        continue;
      a = sums[labels[i]] / (sizes[labels[i]] - 1);
      for (guint c = 0; c < k; c++)
        if (c != labels[i] && sizes[c] > 0)
          b = MIN (b, sums[c] / sizes[c]);
      total += (b - a) / MAX (a, b);
    }
  return total / n;
}

static void
test_silhouette_reference (void)
{
  /* Odd sizes and dimensions exercise the vector tails; an empty cluster (label 3 unused)
   * and a singleton (label 5) the special cases. */
  for (guint d = 1; d <= 9; d += 4)
    {
      gsize n = 1003;
      g_autofree double *x = make_uniform (n, d, 17 + d);
      g_autofree guint32 *labels = g_new (guint32, n);
      ScRng rng;
      double expected, got1, got2;

      sc_rng_init (&rng, d);
      for (gsize i = 0; i < n; i++)
        {
          labels[i] = (guint32) sc_rng_uniform (&rng, 3);
          labels[i] = labels[i] == 2 ? 4 : labels[i];
        }
      labels[500] = 5;

      expected = silhouette_reference (x, n, d, labels, 6);
      got1 = sc_silhouette (x, n, d, labels, 6, 0, 0, 1);
      got2 = sc_silhouette (x, n, d, labels, 6, 0, 0, 2);
      g_assert_cmpfloat_with_epsilon (got1, expected, 1e-12);
      g_assert_true (memcmp (&got1, &got2, sizeof (double)) == 0);
    }
}

static void
test_silhouette_sampled (void)
{
  gsize n = 3000;
  g_autofree guint32 *truth = NULL;
  g_autofree double *x = make_blobs (three_centres, 3, 2, n / 3, 23, &truth);
  double a, b, c, exact;

  a = sc_silhouette (x, n, 2, truth, 3, 500, 1, 1);
  b = sc_silhouette (x, n, 2, truth, 3, 500, 1, 2);
  c = sc_silhouette (x, n, 2, truth, 3, 500, 2, 2);
  exact = sc_silhouette (x, n, 2, truth, 3, 0, 0, 2);

  /* Same seed, same sample, same bits; another seed, another sample, a close value. */
  g_assert_true (memcmp (&a, &b, sizeof (double)) == 0);
  g_assert_cmpfloat (a, !=, c);
  g_assert_cmpfloat_with_epsilon (a, exact, 0.02);
  g_assert_cmpfloat_with_epsilon (c, exact, 0.02);
  g_assert_cmpfloat_with_epsilon (exact, silhouette_reference (x, n, 2, truth, 3), 1e-12);
}

/* ------------------------------------------------------------------------------------- */
/* Automatic k */

static const double four_centres[] = { 0.0, 0.0, 8.0, 0.0, 0.0, 8.0, 8.0, 8.0 };

static void
test_auto_k (void)
{
  g_autofree guint32 *truth = NULL;
  g_autofree double *x = make_blobs (four_centres, 4, 2, 150, 5, &truth);
  ScKmeansParams params = params_for_k (0);
  g_autoptr(ScKmeansResult) r = NULL;
  g_autoptr(GError) error = NULL;
  double best = -1.0;

  r = sc_kmeans_run (x, 600, 2, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_consistent (r, x);

  g_assert_cmpuint (r->k, ==, 4);
  g_assert_cmpuint (r->n_tried, ==, 7);
  for (guint t = 0; t < r->n_tried; t++)
    {
      g_assert_cmpuint (r->tried_k[t], ==, 2 + t);
      best = MAX (best, r->tried_silhouette[t]);
      /* More clusters, less inertia (different seeds could break this in general; with
       * well-separated blobs and 10 restarts it holds). */
      if (t > 0)
        g_assert_cmpfloat (r->tried_inertia[t], <, r->tried_inertia[t - 1]);
    }
  g_assert_cmpfloat (r->silhouette, ==, best);
  g_assert_cmpfloat (r->tried_silhouette[2], ==, best);
  g_assert_cmpfloat (r->tried_inertia[2], ==, r->inertia);
  g_assert_false (r->search_sampled);

  for (guint c = 0; c < 4; c++)
    g_assert_cmpuint (r->sizes[c], ==, 150);
}

static void
test_auto_k_sampled (void)
{
  g_autofree guint32 *truth = NULL;
  g_autofree double *x = make_blobs (four_centres, 4, 2, 2000, 6, &truth);
  ScKmeansParams params = params_for_k (0);
  g_autoptr(ScKmeansResult) r = NULL;
  g_autoptr(ScKmeansResult) r1 = NULL;
  g_autoptr(GError) error = NULL;

  /* 8000 points: search on 2000 of them, restarts on 1000-point samples of all 8000, the
   * silhouette of the final fit on a 1500-point sample. */
  params.k_search_sample = 2000;
  params.restart_sample = 1000;
  params.silhouette_exact_max = 1500;
  params.silhouette_sample = 1500;
  params.k_max = 6;
  r = sc_kmeans_run (x, 8000, 2, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_consistent (r, x);
  g_assert_cmpuint (r->k, ==, 4);
  g_assert_true (r->search_sampled);
  g_assert_true (r->restarts_sampled);
  g_assert_true (r->silhouette_sampled);
  g_assert_cmpuint (r->n_tried, ==, 5);
  for (guint c = 0; c < 4; c++)
    g_assert_cmpuint (r->sizes[c], ==, 2000);

  params.n_threads = 1;
  r1 = sc_kmeans_run (x, 8000, 2, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_same_result (r, r1);
}

static void
test_auto_k_range (void)
{
  static const double x[] = { 0.0, 0.1, 5.0, 5.1, 10.0 };
  ScKmeansParams params = params_for_k (0);
  g_autoptr(ScKmeansResult) r = NULL;
  g_autoptr(GError) error = NULL;

  /* k_max is clipped to n - 1 = 4 (a silhouette needs k < n). */
  r = sc_kmeans_run (x, 5, 1, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_consistent (r, x);
  g_assert_cmpuint (r->n_tried, ==, 3);
  g_assert_cmpuint (r->tried_k[2], ==, 4);
  /* {0, 0.1}, {5, 5.1}, {10}:
   *   0:   a = 0.1, b = min(mean(5, 5.1), 10) = 5.05, s = 4.95/5.05
   *   0.1: a = 0.1, b = min(mean(4.9, 5.0), 9.9) = 4.95, s = 4.85/4.95
   *   5:   a = 0.1, b = min(mean(5, 4.9), 5) = 4.95, s = 4.85/4.95
   *   5.1: a = 0.1, b = min(mean(5.1, 5.0), 4.9) = 4.9, s = 4.8/4.9
   *   10:  alone, 0
   * k = 3 is the best of 2..4 (k = 2 merges a pair with its neighbour, k = 4 leaves two
   * singletons). */
  g_assert_cmpuint (r->k, ==, 3);
  g_assert_cmpfloat_with_epsilon (r->silhouette,
                                  (4.95 / 5.05 + 4.85 / 4.95 + 4.85 / 4.95 + 4.8 / 4.9) / 5,
                                  1e-12);
}

/* ------------------------------------------------------------------------------------- */
/* Degenerate input */

static void
test_too_few (void)
{
  static const double x[] = { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 };
  ScKmeansParams params = params_for_k (5);
  g_autoptr(GError) error = NULL;
  ScKmeansResult *r;

  r = sc_kmeans_run (x, 3, 2, &params, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_assert_nonnull (strstr (error->message, "Only 3 customers"));
  g_assert_nonnull (strstr (error->message, "5"));
  g_clear_error (&error);

  /* Automatic k needs k_min points. */
  params.k = 0;
  r = sc_kmeans_run (x, 1, 2, &params, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);

  r = sc_kmeans_run (x, 0, 2, &params, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);

  /* Exactly k points: each its own cluster, inertia 0. */
  params.k = 3;
  r = sc_kmeans_run (x, 3, 2, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_consistent (r, x);
  g_assert_cmpfloat (r->inertia, ==, 0.0);
  g_assert_cmpuint (r->labels[0], ==, 0);
  g_assert_cmpuint (r->labels[1], ==, 1);
  g_assert_cmpuint (r->labels[2], ==, 2);
  sc_kmeans_result_free (r);

  /* k = 1: the mean, and the total sum of squares: (1,2), (3,4), (5,6) around (3, 4) give
   * 2 × (4 + 4) = 16. */
  params.k = 1;
  r = sc_kmeans_run (x, 3, 2, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_consistent (r, x);
  g_assert_cmpfloat (r->centroids[0], ==, 3.0);
  g_assert_cmpfloat (r->centroids[1], ==, 4.0);
  g_assert_cmpfloat (r->inertia, ==, 16.0);
  g_assert_cmpfloat (r->silhouette, ==, 0.0);
  sc_kmeans_result_free (r);
}

static void
test_constant (void)
{
  g_autofree double *x = g_new (double, 50 * 3);
  ScKmeansParams params = params_for_k (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScKmeansResult) r = NULL;

  for (gsize i = 0; i < 50 * 3; i++)
    x[i] = i % 3 == 0 ? 2.5 : -1.0;

  r = sc_kmeans_run (x, 50, 3, &params, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SC_ERROR, SC_ERROR_FIT);
  g_assert_nonnull (strstr (error->message, "same values"));
  g_clear_error (&error);

  params.k = 0;
  r = sc_kmeans_run (x, 50, 3, &params, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SC_ERROR, SC_ERROR_FIT);
  g_clear_error (&error);

  /* One customer differs: two segments are possible, and automatic k stops at 2. */
  x[3 * 17] = 7.0;
  r = sc_kmeans_run (x, 50, 3, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_consistent (r, x);
  g_assert_cmpuint (r->k, ==, 2);
  g_assert_cmpuint (r->n_tried, ==, 1);
  g_assert_cmpfloat (r->inertia, ==, 0.0);
  g_assert_cmpuint (r->sizes[0], ==, 49);
  g_assert_cmpuint (r->sizes[1], ==, 1);
  g_assert_cmpuint (r->labels[17], ==, 1);
  /* 49 points at distance 0 from their cluster (a = 0, b = 4.5): s = 1; the lone point
   * counts 0.  Mean 49/50. */
  g_assert_cmpfloat_with_epsilon (r->silhouette, 49.0 / 50.0, 1e-12);
}

static void
test_duplicates (void)
{
  /* Three distinct points, each repeated 20 times, k = 3: every copy with its original,
   * inertia 0, and every silhouette 1 (a = 0, b > 0). */
  static const double base[] = { 1.0, 1.0, -3.0, 2.0, 4.0, 0.5 };
  /* Canonical order by x: (-3, 2) → 0, (1, 1) → 1, (4, 0.5) → 2. */
  static const guint32 expected[] = { 1, 0, 2 };
  g_autofree double *x = g_new (double, 60 * 2);
  ScKmeansParams params = params_for_k (3);
  g_autoptr(ScKmeansResult) r = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < 60; i++)
    memcpy (x + i * 2, base + (i % 3) * 2, sizeof (double) * 2);

  r = sc_kmeans_run (x, 60, 2, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_consistent (r, x);
  g_assert_cmpfloat (r->inertia, ==, 0.0);
  g_assert_cmpfloat (r->silhouette, ==, 1.0);
  for (gsize i = 0; i < 60; i++)
    g_assert_cmpuint (r->labels[i], ==, expected[i % 3]);

  /* Four clusters of three distinct points cannot be made. */
  params.k = 4;
  g_clear_pointer (&r, sc_kmeans_result_free);
  r = sc_kmeans_run (x, 60, 2, &params, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, SC_ERROR, SC_ERROR_FIT);
  g_assert_nonnull (strstr (error->message, "only 3 different profiles"));
}

static void
test_non_finite (void)
{
  double x[] = { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0 };
  ScKmeansParams params = params_for_k (2);
  g_autoptr(GError) error = NULL;

  x[5] = NAN;
  g_assert_null (sc_kmeans_run (x, 4, 2, &params, NULL, NULL, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  /* Row 3 (counting from 1), feature 2. */
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);

  x[5] = INFINITY;
  g_assert_null (sc_kmeans_run (x, 4, 2, &params, NULL, NULL, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
}

/* ------------------------------------------------------------------------------------- */
/* Cancellation and progress */

static void
test_cancel_before (void)
{
  g_autofree double *x = make_uniform (1000, 2, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ScKmeansParams params = params_for_k (3);
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (sc_kmeans_run (x, 1000, 2, &params, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
  guint         cancel_at;
  double        last;
  gboolean      monotone;
} ProgressLog;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  ProgressLog *log = user_data;

  log->calls++;
  if (fraction < log->last || fraction < 0.0 || fraction > 1.0)
    log->monotone = FALSE;
  log->last = fraction;
  if (log->cancellable != NULL && log->calls == log->cancel_at)
    g_cancellable_cancel (log->cancellable);
}

static void
test_cancel_during (void)
{
  g_autofree double *x = make_uniform (60000, 3, 2);
  ScKmeansParams params = params_for_k (0);

  params.restart_sample = 5000;
  params.k_search_sample = 10000;
  params.silhouette_exact_max = 2000;
  params.silhouette_sample = 2000;

  /* Cancelled at the 1st, 5th, ... progress call: in the search, in a fit, in the
   * silhouette, in the final fit.  Every time: the cancelled error, nothing else. */
  for (guint at = 1; at < 400; at += 5)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      ProgressLog log = { cancellable, 0, at, 0.0, TRUE };
      g_autoptr(GError) error = NULL;
      g_autoptr(ScKmeansResult) r = NULL;

      r = sc_kmeans_run (x, 60000, 3, &params, progress_cb, &log, cancellable, &error);
      g_assert_true (log.monotone);
      if (log.calls < at)
        {
          /* The run ended before this call. */
          g_assert_no_error (error);
          g_assert_nonnull (r);
          break;
        }
      g_assert_null (r);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

static void
test_progress (void)
{
  g_autofree double *x = make_uniform (30000, 3, 4);
  ScKmeansParams params = params_for_k (0);
  ProgressLog log = { NULL, 0, 0, 0.0, TRUE };
  g_autoptr(ScKmeansResult) r = NULL;

  params.k_max = 4;
  params.restart_sample = 5000;
  params.k_search_sample = 8000;
  r = sc_kmeans_run (x, 30000, 3, &params, progress_cb, &log, NULL, NULL);
  g_assert_nonnull (r);
  g_assert_true (log.monotone);
  g_assert_cmpuint (log.calls, >, 5);
  g_assert_cmpfloat (log.last, ==, 1.0);
}

/* ------------------------------------------------------------------------------------- */
/* Scaling and order statistics */

static void
test_standardise (void)
{
  /* Column 0: 1, 2, 3, 4: mean 2.5, population variance (2.25+0.25+0.25+2.25)/4 = 1.25,
   * sd √1.25 = 1.1180339887; z = ∓1.5/sd = ∓1.3416407865, ∓0.5/sd = ∓0.4472135955.
   * Column 1: constant 0.1 (not exactly representable): all 0, sd 0, mean 0.1.
   * Column 2: -10, 10, -10, 10: mean 0, sd 10, z = ∓1. */
  double x[] = { 1.0, 0.1, -10.0, 2.0, 0.1, 10.0, 3.0, 0.1, -10.0, 4.0, 0.1, 10.0 };
  double mean[3], sd[3];
  static const double z0[] = { -1.3416407865, -0.4472135955, 0.4472135955, 1.3416407865 };

  sc_standardise (x, 4, 3, mean, sd);
  g_assert_cmpfloat_with_epsilon (mean[0], 2.5, 1e-15);
  g_assert_cmpfloat_with_epsilon (sd[0], 1.1180339887, 1e-10);
  g_assert_cmpfloat (mean[1], ==, 0.1);
  g_assert_cmpfloat (sd[1], ==, 0.0);
  g_assert_cmpfloat (mean[2], ==, 0.0);
  g_assert_cmpfloat (sd[2], ==, 10.0);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpfloat_with_epsilon (x[i * 3], z0[i], 1e-10);
      g_assert_cmpfloat (x[i * 3 + 1], ==, 0.0);
      g_assert_cmpfloat (x[i * 3 + 2], ==, i % 2 ? 1.0 : -1.0);
    }

  /* NULL outputs are allowed; one row is a constant. */
  {
    double one[] = { 5.0, 6.0 };

    sc_standardise (one, 1, 2, NULL, NULL);
    g_assert_cmpfloat (one[0], ==, 0.0);
    g_assert_cmpfloat (one[1], ==, 0.0);
  }
}

static void
test_robust_z (void)
{
  /* median 3, |v - 3| = 2 1 0 1 97, MAD = median(0 1 1 2 97) = 1, scale 1.4826. */
  static const double v1[] = { 1.0, 2.0, 3.0, 4.0, 100.0 };
  /* median 5, |v - 5| = 0 0 0 0 4, MAD 0: mean absolute deviation 4/5 = 0.8, scale
   * 1.2533 × 0.8 = 1.00264; z(9) = 4 / 1.00264 = 3.98946... */
  static const double v2[] = { 5.0, 5.0, 9.0, 5.0, 5.0 };
  static const double v3[] = { 7.0, 7.0, 7.0 };
  double z[5];
  double in_place[] = { 1.0, 2.0, 3.0, 4.0, 100.0 };
  double with_nan[] = { 1.0, NAN, 2.0, 3.0, 4.0, 100.0 };
  double z_nan[6];

  sc_robust_z (v1, 5, z);
  g_assert_cmpfloat_with_epsilon (z[0], -2.0 / 1.4826, 1e-12);
  g_assert_cmpfloat_with_epsilon (z[1], -1.0 / 1.4826, 1e-12);
  g_assert_cmpfloat (z[2], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (z[3], 1.0 / 1.4826, 1e-12);
  g_assert_cmpfloat_with_epsilon (z[4], 97.0 / 1.4826, 1e-10);
  g_assert_cmpfloat_with_epsilon (z[4], 65.4256, 1e-4);

  sc_robust_z (v2, 5, z);
  g_assert_cmpfloat (z[0], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (z[2], 4.0 / (1.2533 * 0.8), 1e-12);
  g_assert_cmpfloat_with_epsilon (z[2], 3.98946, 1e-5);

  sc_robust_z (v3, 3, z);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat (z[i], ==, 0.0);

  sc_robust_z (in_place, 5, in_place);
  g_assert_cmpfloat_with_epsilon (in_place[4], 97.0 / 1.4826, 1e-10);

  /* NaN is skipped by the statistics (same median and MAD as v1) and stays NaN. */
  sc_robust_z (with_nan, 6, z_nan);
  g_assert_true (isnan (z_nan[1]));
  g_assert_cmpfloat_with_epsilon (z_nan[5], 97.0 / 1.4826, 1e-10);

  sc_robust_z (v1, 0, z);
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_by_sort (const double *v,
                gsize         n)
{
  g_autofree double *c = g_memdup2 (v, sizeof (double) * n);

  qsort (c, n, sizeof (double), cmp_double);
  return n % 2 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
}

static void
test_median (void)
{
  static const double odd[] = { 3.0, 1.0, 2.0 };
  static const double even[] = { 4.0, 1.0, 3.0, 2.0 };
  static const double with_nan[] = { NAN, 4.0, 1.0, NAN, 3.0 };
  static const double all_nan[] = { NAN, NAN };
  static const double one[] = { -7.5 };
  double copy[4];
  ScRng rng;

  g_assert_cmpfloat (sc_median (odd, 3), ==, 2.0);
  g_assert_cmpfloat (sc_median (even, 4), ==, 2.5);
  g_assert_cmpfloat (sc_median (with_nan, 5), ==, 3.0);
  g_assert_cmpfloat (sc_median (one, 1), ==, -7.5);
  g_assert_true (isnan (sc_median (all_nan, 2)));
  g_assert_true (isnan (sc_median (NULL, 0)));

  /* The input is left as it was. */
  memcpy (copy, even, sizeof even);
  sc_median (copy, 4);
  g_assert_true (memcmp (copy, even, sizeof even) == 0);

  /* Patterns that trouble naive quickselects: sorted, reversed, organ pipe, few distinct
   * values, all equal; and random, odd and even sizes. */
  sc_rng_init (&rng, 3);
  for (guint pattern = 0; pattern < 6; pattern++)
    for (gsize n = 1; n < 3000; n = n * 3 + 1)
      {
        g_autofree double *v = g_new (double, n);

        for (gsize i = 0; i < n; i++)
          switch (pattern)
            {
            case 0: v[i] = (double) i; break;
            case 1: v[i] = (double) (n - i); break;
            case 2: v[i] = (double) MIN (i, n - i); break;
            case 3: v[i] = (double) (i % 3); break;
            case 4: v[i] = 1.0; break;
            default: v[i] = sc_rng_double (&rng) * 1000.0 - 500.0; break;
            }
        g_assert_cmpfloat (sc_median (v, n), ==, median_by_sort (v, n));
        if (n > 1)
          g_assert_cmpfloat (sc_median (v, n - 1), ==, median_by_sort (v, n - 1));
      }
}

static void
test_rng (void)
{
  ScRng a, b;
  gsize rows[100];
  guint counts[10] = { 0 };

  /* Same seed and stream, same numbers; another stream, others. */
  sc_rng_init_stream (&a, 12, 3);
  sc_rng_init_stream (&b, 12, 3);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpuint (sc_rng_next (&a), ==, sc_rng_next (&b));
  sc_rng_init_stream (&b, 12, 4);
  g_assert_cmpuint (sc_rng_next (&a), !=, sc_rng_next (&b));

  for (guint i = 0; i < 10000; i++)
    {
      double u = sc_rng_double (&a);

      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
      counts[sc_rng_uniform (&a, 10)]++;
    }
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (counts[i], >, 800);
  g_assert_cmpuint (sc_rng_uniform (&a, 0), ==, 0);
  g_assert_cmpuint (sc_rng_uniform (&a, 1), ==, 0);

  /* A sorted sample of distinct rows; all rows when m = n. */
  sc_rng_sample_sorted (&a, 1000, 100, rows);
  for (guint i = 1; i < 100; i++)
    g_assert_cmpuint (rows[i - 1], <, rows[i]);
  g_assert_cmpuint (rows[99], <, 1000);
  sc_rng_sample_sorted (&a, 100, 100, rows);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpuint (rows[i], ==, i);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Kmeans/planted", test_planted);
  g_test_add_func ("/Core/Kmeans/planted-sampled-restarts", test_planted_sampled_restarts);
  g_test_add_func ("/Core/Kmeans/defaults", test_defaults);
  g_test_add_func ("/Core/Kmeans/determinism-threads", test_determinism_threads);
  g_test_add_func ("/Core/Kmeans/determinism-sampled", test_determinism_sampled);
  g_test_add_func ("/Core/Kmeans/determinism-single-restart", test_determinism_single_restart);
  g_test_add_func ("/Core/Kmeans/seeds", test_seeds);
  g_test_add_func ("/Core/Kmeans/silhouette-hand", test_silhouette_hand);
  g_test_add_func ("/Core/Kmeans/silhouette-reference", test_silhouette_reference);
  g_test_add_func ("/Core/Kmeans/silhouette-sampled", test_silhouette_sampled);
  g_test_add_func ("/Core/Kmeans/auto-k", test_auto_k);
  g_test_add_func ("/Core/Kmeans/auto-k-sampled", test_auto_k_sampled);
  g_test_add_func ("/Core/Kmeans/auto-k-range", test_auto_k_range);
  g_test_add_func ("/Core/Kmeans/too-few", test_too_few);
  g_test_add_func ("/Core/Kmeans/constant", test_constant);
  g_test_add_func ("/Core/Kmeans/duplicates", test_duplicates);
  g_test_add_func ("/Core/Kmeans/non-finite", test_non_finite);
  g_test_add_func ("/Core/Kmeans/cancel-before", test_cancel_before);
  g_test_add_func ("/Core/Kmeans/cancel-during", test_cancel_during);
  g_test_add_func ("/Core/Kmeans/progress", test_progress);
  g_test_add_func ("/Core/Kmeans/standardise", test_standardise);
  g_test_add_func ("/Core/Kmeans/robust-z", test_robust_z);
  g_test_add_func ("/Core/Kmeans/median", test_median);
  g_test_add_func ("/Core/Rng/streams", test_rng);

  return g_test_run ();
}
