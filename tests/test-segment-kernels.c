/* test-segment-kernels.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The restructured loops of segmentation against their plain definitions, bit for bit, on
 * seeded datasets large enough to be cut into several parts or chunks:
 *  - sc_features_compute() and sc_features_matrix() (computed in parts on all processors,
 *    whole counts looked up) against sc_feature_transform() value by value;
 *  - sc_standardise() (all columns per pass) against one column at a time;
 *  - the scoring of restart candidates (all candidates in one pass, two per vector)
 *    against one assignment pass per candidate. */

#include <math.h>
#include <string.h>

#include "sc-features.h"
#include "sc-kmeans-private.h"
#include "sc-rng.h"
#include "sc-stats.h"

static gboolean
same_bits (double a,
           double b)
{
  return memcmp (&a, &b, sizeof (double)) == 0;
}

/* A value of the kind a column holds: whole counts (some beyond the lookup table), spends
 * with cents, zeros, negatives and, where allowed, missing values. */
static double
draw_value (ScRng    *rng,
            gboolean  whole,
            gboolean  missing)
{
  double u = sc_rng_double (rng);

  if (missing && u < 0.05)
    return NAN;
  if (u < 0.1)
    return 0.0;
  if (u < 0.15)
    return -(double) sc_rng_uniform (rng, 500) - sc_rng_double (rng);
  if (whole)
    return (double) sc_rng_uniform (rng, u < 0.9 ? 60 : 9000);
  return (double) sc_rng_uniform (rng, 100000) / 100.0 + (u < 0.5 ? 0.0 : 1e6 * u);
}

static void
test_compute_parts (void)
{
  for (guint seed = 1; seed <= 4; seed++)
    {
      guint32 n = 131072 * seed + 7 * seed;
      g_autoptr(ScAggregates) agg = sc_aggregates_new (n);
      g_autoptr(ScFeatures) f = NULL;
      ScRng rng;
      ScDay as_of = 20000;

      sc_rng_init (&rng, seed);
      for (guint32 c = 0; c < n; c++)
        {
          if (sc_rng_double (&rng) < 0.05)
            {
              agg->first_day[c] = agg->last_day[c] = SC_DAY_NONE;
              continue;
            }
          agg->first_day[c] = (ScDay) (19000 + sc_rng_uniform (&rng, 500));
          agg->last_day[c] = agg->first_day[c] + (ScDay) sc_rng_uniform (&rng, 600);
          agg->n_orders[c] = (guint32) sc_rng_uniform (&rng, 40);
          agg->monetary[c] = draw_value (&rng, FALSE, FALSE);
        }
      f = sc_features_compute (agg, as_of);

      for (guint32 c = 0; c < n; c++)
        {
          gboolean none = agg->last_day[c] == SC_DAY_NONE;
          double orders = agg->n_orders[c];

          g_assert_true (same_bits (f->values[SC_FEATURE_RECENCY][c],
                                    none ? NAN : (double) as_of - agg->last_day[c]));
          g_assert_true (same_bits (f->values[SC_FEATURE_TENURE][c],
                                    none ? NAN : (double) as_of - agg->first_day[c]));
          g_assert_true (same_bits (f->values[SC_FEATURE_FREQUENCY][c], orders));
          g_assert_true (same_bits (f->values[SC_FEATURE_MONETARY][c], agg->monetary[c]));
          g_assert_true (same_bits (f->values[SC_FEATURE_AOV][c],
                                    orders > 0 ? agg->monetary[c] / orders : 0.0));
        }
    }
}

static void
check_matrix (const ScFeatures *f,
              const ScFeature  *which,
              guint             d,
              const guint8     *mask)
{
  gsize n_out = 0, r = 0;
  g_autofree double *x = sc_features_matrix (f, which, d, mask, &n_out);
  g_autofree double *profit_sum = g_new0 (double, d);
  g_autofree gsize *profit_known = g_new0 (gsize, d);

  g_assert_nonnull (x);
  /* The mean transformed profit of the included customers, in customer order. */
  for (guint32 c = 0; c < f->n; c++)
    if (mask == NULL || mask[c])
      for (guint j = 0; j < d; j++)
        {
          double t = sc_feature_transform (which[j], f->values[which[j]][c]);

          if (which[j] == SC_FEATURE_PROFIT && !isnan (t))
            {
              profit_sum[j] += t;
              profit_known[j]++;
            }
        }

  for (guint32 c = 0; c < f->n; c++)
    {
      if (mask != NULL && !mask[c])
        continue;
      for (guint j = 0; j < d; j++)
        {
          double expected = sc_feature_transform (which[j], f->values[which[j]][c]);

          if (isnan (expected))
            expected = profit_known[j] > 0 ? profit_sum[j] / profit_known[j] : 0.0;
          g_assert_true (same_bits (x[r * d + j], expected));
        }
      r++;
    }
  g_assert_cmpuint (r, ==, n_out);
}

static void
test_matrix_parts (void)
{
  static const ScFeature which[] = {
    SC_FEATURE_RECENCY, SC_FEATURE_FREQUENCY, SC_FEATURE_MONETARY, SC_FEATURE_PROFIT,
    SC_FEATURE_TENURE,
  };

  for (guint seed = 1; seed <= 4; seed++)
    {
      guint32 n = 65536 * (seed + 1) + 3 * seed;
      g_autoptr(ScFeatures) f = sc_features_new (n, 20000);
      g_autofree guint8 *mask = g_new (guint8, n);
      ScRng rng;

      sc_rng_init (&rng, 100 + seed);
      for (guint w = 0; w < G_N_ELEMENTS (which); w++)
        {
          double *v = g_new (double, n);

          for (guint32 c = 0; c < n; c++)
            v[c] = draw_value (&rng, which[w] != SC_FEATURE_MONETARY &&
                                     which[w] != SC_FEATURE_PROFIT,
                               which[w] == SC_FEATURE_PROFIT || which[w] == SC_FEATURE_TENURE);
          sc_features_set (f, which[w], v);
        }
      /* Whole runs of excluded customers as well as scattered ones. */
      for (guint32 c = 0; c < n; c++)
        mask[c] = (c / 50000) % 3 == 1 ? 0 : sc_rng_double (&rng) < 0.8;

      check_matrix (f, which, G_N_ELEMENTS (which), mask);
      check_matrix (f, which, 3, NULL);
      check_matrix (f, which + 2, 2, mask);
    }
}

/* sc_standardise() one column at a time, as it was written before. */
static void
standardise_by_column (double *x,
                       gsize   n,
                       guint   d,
                       double *mean,
                       double *sd)
{
  for (guint j = 0; j < d; j++)
    {
      double m = 0.0, ss = 0.0, s = 0.0;
      double first = n > 0 ? x[j] : 0.0;
      gboolean constant = TRUE;

      for (gsize i = 0; i < n; i++)
        {
          m += x[i * d + j];
          constant = constant && x[i * d + j] == first;
        }
      m = n > 0 ? m / (double) n : 0.0;
      if (!constant)
        {
          for (gsize i = 0; i < n; i++)
            {
              double t = x[i * d + j] - m;

              ss += t * t;
            }
          s = sqrt (ss / (double) n);
        }
      for (gsize i = 0; i < n; i++)
        x[i * d + j] = constant ? 0.0 : (x[i * d + j] - m) / s;
      mean[j] = constant ? first : m;
      sd[j] = s;
    }
}

static void
test_standardise_columns (void)
{
  for (guint d = 1; d <= 7; d++)
    {
      gsize n = 30011 + 97 * d;
      g_autofree double *x = g_new (double, n * d);
      g_autofree double *y = NULL;
      double mean[7], sd[7], mean_ref[7], sd_ref[7];
      ScRng rng;

      sc_rng_init (&rng, 300 + d);
      for (gsize i = 0; i < n; i++)
        for (guint j = 0; j < d; j++)
          /* Column 2 is constant at a value whose mean is not exact. */
          x[i * d + j] = j == 2 ? 0.1 : log1p (fabs (draw_value (&rng, j % 2 == 0, FALSE)));
      y = g_memdup2 (x, sizeof (double) * n * d);

      sc_standardise (x, n, d, mean, sd);
      standardise_by_column (y, n, d, mean_ref, sd_ref);
      for (guint j = 0; j < d; j++)
        {
          g_assert_true (same_bits (mean[j], mean_ref[j]));
          g_assert_true (same_bits (sd[j], sd_ref[j]));
        }
      for (gsize i = 0; i < n * d; i++)
        g_assert_true (same_bits (x[i], y[i]));
    }
}

static void
test_score_candidates (void)
{
  g_autoptr(ScTeam) team = sc_team_new (2);

  for (guint seed = 1; seed <= 12; seed++)
    {
      ScRng rng;
      guint d, k, n_cand;
      gsize n;
      g_autofree double *x = NULL;
      g_autofree double *candidates = NULL;
      g_autofree guint32 *labels = NULL;
      g_autofree double *results = NULL;   /* the expected inertias, then those scored */
      double *expected, *inertia;
      Workspace *ws;
      Points points;
      double best_inertia = INFINITY;
      gint best = 0, scored;

      sc_rng_init (&rng, 500 + seed);
      d = 1 + (guint) sc_rng_uniform (&rng, 10);        /* 9 and 10 use the generic kernel */
      k = 2 + (guint) sc_rng_uniform (&rng, 7);
      n_cand = 1 + (guint) sc_rng_uniform (&rng, 12);   /* odd counts share a last pair */
      n = 20000 + sc_rng_uniform (&rng, 30000);
      x = g_new (double, n * d);
      for (gsize i = 0; i < n * d; i++)
        x[i] = sc_rng_double (&rng) * 4 - 2 + (i / d % 5 == 0 ? 3 : 0);
      candidates = g_new (double, (gsize) n_cand * k * d);
      for (guint r = 0; r < n_cand; r++)
        for (guint e = 0; e < k * d; e++)
          /* Some candidates repeat another: equal inertias go to the first. */
          candidates[((gsize) r * k * d) + e] = r % 4 == 3
            ? candidates[((gsize) (r - 1) * k * d) + e]
            : x[sc_rng_uniform (&rng, n) * d + e % d] + 0.01 * r;

      points = (Points) { x, n, d };
      labels = g_new (guint32, n);
      ws = _sc_kmeans_workspace_new (k, d, _sc_kmeans_n_chunks (n));
      results = g_new (double, 2 * (gsize) n_cand);
      expected = results;
      inertia = results + n_cand;
      for (guint r = 0; r < n_cand; r++)
        {
          _sc_kmeans_assign_pass (&points, team, candidates + (gsize) r * k * d, labels, ws,
                                  FALSE);
          expected[r] = ws->inertia;
          if (ws->inertia < best_inertia)
            {
              best_inertia = ws->inertia;
              best = (gint) r;
            }
        }
      scored = _sc_kmeans_best_on_all (&points, team, ws, candidates, n_cand, inertia, NULL,
                                       NULL);
      g_assert_cmpint (scored, ==, best);
      for (guint r = 0; r < n_cand; r++)
        g_assert_true (same_bits (inertia[r], expected[r]));

      /* One thread, one chunk at a time: the same choice. */
      _sc_kmeans_workspace_free (ws);
      ws = _sc_kmeans_workspace_new (k, d, 1);
      g_assert_cmpint (_sc_kmeans_best_on_all (&points, NULL, ws, candidates, n_cand, inertia,
                                               NULL, NULL), ==, best);
      for (guint r = 0; r < n_cand; r++)
        g_assert_true (same_bits (inertia[r], expected[r]));
      _sc_kmeans_workspace_free (ws);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/segment-kernels/features-in-parts", test_compute_parts);
  g_test_add_func ("/segment-kernels/matrix-in-parts", test_matrix_parts);
  g_test_add_func ("/segment-kernels/standardise-columns", test_standardise_columns);
  g_test_add_func ("/segment-kernels/score-candidates", test_score_candidates);

  return g_test_run ();
}
