/* test-validate.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The choice of k and the validation of a run (issue 15): planted clusters are found with
 * their number and found again under resampling; noise is flagged unstable; look-alike
 * clusters are offered as a merge; every distinctness claim holds on the figures; what a
 * run stores is what it loads. Datasets are generated from seeds, so each test covers
 * several of them deterministically. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-kmeans-private.h"
#include "sc-rng.h"
#include "sc-validate.h"
#include "test-project-utils.h"

static double
gauss (ScRng *rng)
{
  double u = sc_rng_double (rng), v = sc_rng_double (rng);

  return sqrt (-2 * log (1.0 - u)) * cos (2 * G_PI * v);
}

/* n points in 3 dimensions around the given centres (round robin), spread sd; *truth gets
 * each point's centre. */
static double *
make_mixture (guint64        seed,
              gsize          n,
              const double  *centres,
              guint          n_centres,
              double         sd,
              guint32      **truth)
{
  double *x = g_new (double, n * 3);
  ScRng rng;

  sc_rng_init (&rng, seed);
  *truth = g_new (guint32, n);
  for (gsize i = 0; i < n; i++)
    {
      guint c = i % n_centres;

      (*truth)[i] = c;
      for (guint j = 0; j < 3; j++)
        x[i * 3 + j] = centres[c * 3 + j] + sd * gauss (&rng);
    }
  return x;
}

typedef struct
{
  ScKmeansParams    kp;
  ScStabilityParams sp;
} Setup;

/* Automatic k in 3..6, every segment at least 2%, stability from 20 resamples. */
static void
setup_auto (Setup   *s,
            guint64  seed)
{
  sc_kmeans_params_init (&s->kp);
  sc_stability_params_init (&s->sp);
  s->kp.k_min = 3;
  s->kp.k_max = 6;
  s->kp.min_share = 0.02;
  s->kp.seed = seed;
  s->sp.seed = seed;
  s->kp.stability = sc_validate_stability;
  s->kp.stability_data = &s->sp;
}

static ScValidation *
validate (const ScKmeansResult *km,
          const ScKmeansParams *kp,
          const double         *x,
          const ScStabilityParams *sp)
{
  static const ScFeature features[3] = { SC_FEATURE_RECENCY, SC_FEATURE_FREQUENCY,
                                         SC_FEATURE_MONETARY };

  /* Positions are the clusters themselves here. */
  return sc_validation_compute (km, kp, features, x, km->labels, km->k, 1.0, sp->n_resamples);
}

/* The share of points of cluster c whose planted group is the cluster's majority group. */
static double
purity (const ScKmeansResult *km,
        const guint32        *truth,
        guint                 n_truth,
        guint                 c)
{
  g_autofree gsize *counts = g_new0 (gsize, n_truth);
  gsize total = 0, best = 0;

  for (gsize i = 0; i < km->n; i++)
    if (km->labels[i] == c)
      {
        counts[truth[i]]++;
        total++;
      }
  for (guint t = 0; t < n_truth; t++)
    best = MAX (best, counts[t]);
  return total > 0 ? best / (double) total : 0;
}

static void
test_planted_five (void)
{
  static const double centres[] = { 0, 0, 0,  6, 0, 0,  0, 6, 0,  0, 0, 6,  6, 6, 6 };

  for (guint64 seed = 1; seed <= 3; seed++)
    {
      g_autofree guint32 *truth = NULL;
      g_autofree double *x = make_mixture (seed, 2500, centres, 5, 0.7, &truth);
      g_autoptr(ScKmeansResult) km = NULL;
      g_autoptr(ScValidation) v = NULL;
      Setup s;

      setup_auto (&s, seed);
      km = sc_kmeans_run (x, 2500, 3, &s.kp, NULL, NULL, NULL, NULL);
      g_assert_nonnull (km);
      g_assert_cmpuint (km->k, ==, 5);
      g_assert_cmpint (km->choice, ==, SC_K_CHOICE_BEST);
      g_assert_nonnull (km->stability);
      for (guint c = 0; c < 5; c++)
        {
          g_assert_cmpfloat (km->stability[c], >=, 0.95);
          g_assert_cmpfloat (purity (km, truth, 5, c), >=, 0.99);
        }

      v = validate (km, &s.kp, x, &s.sp);
      g_assert_cmpuint (v->chosen_k, ==, 5);
      g_assert_cmpuint (v->n_k, ==, 4);
      for (guint t = 0; t < v->n_k; t++)
        g_assert_cmpuint (v->k_table[t].k, ==, 3 + t);
      for (guint c = 0; c < 5; c++)
        {
          g_assert_false (v->segments[c].unstable);
          g_assert_cmpfloat (v->segments[c].stability, ==, km->stability[c]);
        }
      g_assert_cmpuint (v->n_merges, ==, 0);
      g_assert_nonnull (strstr (v->explanation, "5 segments"));
    }
}

static void
test_noise (void)
{
  static const double centre[] = { 0, 0, 0 };

  for (guint64 seed = 1; seed <= 3; seed++)
    {
      g_autofree guint32 *truth = NULL;
      g_autofree double *x = make_mixture (100 + seed, 2000, centre, 1, 1.0, &truth);
      g_autoptr(ScKmeansResult) km = NULL;
      g_autoptr(ScValidation) v = NULL;
      guint n_unstable = 0;
      Setup s;

      setup_auto (&s, seed);
      km = sc_kmeans_run (x, 2000, 3, &s.kp, NULL, NULL, NULL, NULL);
      g_assert_nonnull (km);
      v = validate (km, &s.kp, x, &s.sp);
      /* Round noise has no groups to find again: no k of the range is stable, the run says
       * so, and the least stable segment of the one kept is below the bar. */
      g_assert_cmpint (v->choice, ==, SC_K_CHOICE_FEWER_GROUPS);
      g_assert_nonnull (strstr (v->explanation, "do not support 3 or more"));
      for (guint t = 0; t < v->n_k; t++)
        {
          g_assert_cmpfloat (v->k_table[t].stability, <, SC_KMEANS_DEFAULT_MIN_STABILITY);
          g_assert_cmpfloat (v->k_table[t].smallest_share, >=, 0.02);
        }
      for (guint c = 0; c < v->n_segments; c++)
        {
          n_unstable += v->segments[c].stability < SC_KMEANS_DEFAULT_MIN_STABILITY;
          g_assert_cmpint (v->segments[c].unstable, ==,
                           v->segments[c].stability < SC_VALIDATE_UNSTABLE);
        }
      g_assert_cmpuint (n_unstable, >, 0);
    }
}

static void
test_look_alike (void)
{
  /* Four groups far apart and two close ones (0.6 apart, against a spread of the whole of
   * about 4): k-means with k = 6 separates the pair, which look alike to a marketer. */
  static const double centres[] = { -8, -8, -8,  8, -8, -8,  -8, 8, 8,  8, 8, -8,
                                    0, 0, 0,  0.6, 0.6, 0.6 };

  for (guint64 seed = 1; seed <= 3; seed++)
    {
      g_autofree guint32 *truth = NULL;
      g_autofree double *x = make_mixture (200 + seed, 3000, centres, 6, 0.1, &truth);
      g_autoptr(ScKmeansResult) km = NULL;
      g_autoptr(ScValidation) v = NULL;
      Setup s;

      setup_auto (&s, seed);
      s.kp.k = 6;
      km = sc_kmeans_run (x, 3000, 3, &s.kp, NULL, NULL, NULL, NULL);
      g_assert_nonnull (km);
      v = validate (km, &s.kp, x, &s.sp);
      g_assert_cmpint (v->choice, ==, SC_K_CHOICE_FIXED);
      g_assert_cmpuint (v->n_merges, ==, 1);
      {
        const ScMergeSuggestion *m = &v->merges[0];
        guint32 ta = G_MAXUINT32, tb = G_MAXUINT32;

        /* The pair suggested is the planted pair (groups 4 and 5). */
        for (gsize i = 0; i < km->n; i++)
          {
            if (km->labels[i] == m->a)
              ta = truth[i];
            if (km->labels[i] == m->b)
              tb = truth[i];
          }
        g_assert_cmpuint (MIN (ta, tb), ==, 4);
        g_assert_cmpuint (MAX (ta, tb), ==, 5);
        g_assert_cmpfloat (m->largest_difference, <, SC_VALIDATE_LOOKALIKE_EFFECT);
        g_assert_nonnull (m->reason);
      }
      g_assert_nonnull (strstr (v->explanation, "pair of segments looks alike"));
    }
}

/* Every claim checked against means computed here (12 datasets, some with look-alikes): a feature is listed as distinct exactly
 * when it differs by the threshold from every other segment, in the stated direction; a pair
 * is suggested exactly when no feature differs by the look-alike threshold. */
static void
test_claims (void)
{
  for (guint64 seed = 1; seed <= 12; seed++)
    {
      double centres[6 * 3];
      g_autofree guint32 *truth = NULL;
      g_autofree double *x = NULL;
      g_autoptr(ScKmeansResult) km = NULL;
      g_autoptr(ScValidation) v = NULL;
      double mean[3] = { 0 }, sd[3] = { 0 };
      double seg[6][3] = { { 0 } };
      gsize size[6] = { 0 };
      guint n_pairs = 0;
      gsize n = 1200;
      Setup s;
      ScRng rng;

      /* Even seeds: six groups close together, k chosen.  Odd seeds: three groups far
       * apart and k = 6, so each is halved into two segments that look alike. */
      gboolean halved = seed % 2 == 1;

      sc_rng_init_stream (&rng, seed, 7);
      for (guint i = 0; i < G_N_ELEMENTS (centres); i++)
        centres[i] = (halved ? 12 : 4) * sc_rng_double (&rng);
      x = make_mixture (300 + seed, n, centres, halved ? 3 : 6,
                        (halved ? 0.1 : 0.3) + sc_rng_double (&rng) * (halved ? 0.5 : 1.0),
                        &truth);

      setup_auto (&s, seed);
      s.sp.n_resamples = 4;
      s.kp.k = halved ? 6 : 0;
      km = sc_kmeans_run (x, n, 3, &s.kp, NULL, NULL, NULL, NULL);
      g_assert_nonnull (km);
      v = validate (km, &s.kp, x, &s.sp);

      for (gsize i = 0; i < n; i++)
        for (guint j = 0; j < 3; j++)
          mean[j] += x[i * 3 + j] / n;
      for (gsize i = 0; i < n; i++)
        {
          size[km->labels[i]]++;
          for (guint j = 0; j < 3; j++)
            {
              sd[j] += (x[i * 3 + j] - mean[j]) * (x[i * 3 + j] - mean[j]) / n;
              seg[km->labels[i]][j] += x[i * 3 + j];
            }
        }
      for (guint j = 0; j < 3; j++)
        sd[j] = sqrt (sd[j]);
      for (guint c = 0; c < km->k; c++)
        for (guint j = 0; j < 3; j++)
          seg[c][j] /= size[c] * sd[j];

      for (guint c = 0; c < km->k; c++)
        for (guint j = 0; j < 3; j++)
          {
            double least = INFINITY;
            gboolean higher = TRUE, lower = TRUE;
            const ScDistinctFeature *listed = NULL;

            for (guint t = 0; t < km->k; t++)
              if (t != c)
                {
                  least = MIN (least, fabs (seg[c][j] - seg[t][j]));
                  higher = higher && seg[c][j] > seg[t][j];
                  lower = lower && seg[c][j] < seg[t][j];
                }
            for (guint f = 0; f < v->segments[c].n_distinct; f++)
              if (v->segments[c].distinct[f].feature == (ScFeature) (SC_FEATURE_RECENCY + j))
                listed = &v->segments[c].distinct[f];
            /* Away from the threshold, where rounding cannot decide. */
            if (fabs (least - SC_VALIDATE_DISTINCT_EFFECT) < 1e-9)
              continue;
            g_assert_true ((listed != NULL) == (least >= SC_VALIDATE_DISTINCT_EFFECT));
            if (listed != NULL)
              {
                g_assert_cmpfloat_with_epsilon (listed->effect_size, least, 1e-9);
                g_assert_cmpint (listed->direction, ==, higher ? 1 : lower ? -1 : 0);
              }
          }

      for (guint a = 0; a < km->k; a++)
        for (guint b = a + 1; b < km->k; b++)
          {
            double largest = 0;
            gboolean suggested = FALSE;

            for (guint j = 0; j < 3; j++)
              largest = MAX (largest, fabs (seg[a][j] - seg[b][j]));
            for (guint m = 0; m < v->n_merges; m++)
              suggested = suggested || (v->merges[m].a == a && v->merges[m].b == b);
            g_assert_true (suggested == (largest < SC_VALIDATE_LOOKALIKE_EFFECT));
            n_pairs += suggested;
          }
      g_assert_cmpuint (n_pairs, ==, v->n_merges);
    }
}

/* The same seed gives the same stability on one thread or several. */
static void
test_threads (void)
{
  static const double centres[] = { 0, 0, 0,  3, 0, 0,  0, 3, 0 };
  g_autofree guint32 *truth = NULL;
  g_autofree double *x = make_mixture (9, 1500, centres, 3, 1.0, &truth);
  double one[4], two[4];
  ScStabilityParams sp;

  sc_stability_params_init (&sp);
  sp.seed = 5;
  sp.n_threads = 1;
  g_assert_true (sc_validate_stability (x, 1500, 3, truth, 3, one, &sp, NULL));
  sp.n_threads = 2;
  g_assert_true (sc_validate_stability (x, 1500, 3, truth, 3, two, &sp, NULL));
  g_assert_true (memcmp (one, two, sizeof (double) * 3) == 0);
  for (guint c = 0; c < 3; c++)
    g_assert_true (one[c] >= 0 && one[c] <= 1);
}

/* The rule itself, on tables where the answer is known. */
static void
test_choice_rule (void)
{
  ScKmeansParams p;
  ScKChoice choice;
  /* k = 3..6 */
  const double sil[] = { 0.50, 0.48, 0.40, 0.30 };
  const double share_ok[] = { 0.10, 0.08, 0.05, 0.04 };
  const double share_small[] = { 0.01, 0.08, 0.05, 0.04 };
  const double share_tiny[] = { 0.01, 0.01, 0.01, 0.01 };
  const double stable[] = { 0.9, 0.9, 0.9, 0.9 };
  const double unstable_first[] = { 0.9, 0.5, 0.5, 0.9 };
  const double unmeasured[] = { NAN, NAN, NAN, NAN };
  const double all_unstable[] = { 0.3, 0.5, 0.4, 0.2 };

  sc_kmeans_params_init (&p);
  p.min_share = 0.02;

  g_assert_cmpuint (_sc_kmeans_choose_k (&p, 4, sil, share_ok, stable, &choice), ==, 0);
  g_assert_cmpint (choice, ==, SC_K_CHOICE_BEST);
  /* Its smallest segment too small: the next, within 0.05. */
  g_assert_cmpuint (_sc_kmeans_choose_k (&p, 4, sil, share_small, stable, &choice), ==, 1);
  g_assert_cmpint (choice, ==, SC_K_CHOICE_WITHIN_TOLERANCE);
  /* Both within the tolerance fail: the best usable further away. */
  g_assert_cmpuint (_sc_kmeans_choose_k (&p, 4, sil, share_small, unstable_first, &choice),
                    ==, 3);
  g_assert_cmpint (choice, ==, SC_K_CHOICE_OUTSIDE_TOLERANCE);
  /* Not measured is not unstable. */
  g_assert_cmpuint (_sc_kmeans_choose_k (&p, 4, sil, share_ok, unmeasured, &choice), ==, 0);
  g_assert_cmpint (choice, ==, SC_K_CHOICE_BEST);
  /* Nothing usable: the most distinct with segments large enough. */
  g_assert_cmpuint (_sc_kmeans_choose_k (&p, 4, sil, share_small, all_unstable, &choice),
                    ==, 1);
  g_assert_cmpint (choice, ==, SC_K_CHOICE_FEWER_GROUPS);
  g_assert_cmpuint (_sc_kmeans_choose_k (&p, 4, sil, share_tiny, all_unstable, &choice), ==,
                    0);
  g_assert_cmpint (choice, ==, SC_K_CHOICE_FEWER_GROUPS);
}

static void
assert_validation_equal (const ScValidation *a,
                         const ScValidation *b)
{
  g_assert_cmpint (a->k_auto, ==, b->k_auto);
  g_assert_cmpuint (a->k_min, ==, b->k_min);
  g_assert_cmpuint (a->k_max, ==, b->k_max);
  g_assert_cmpuint (a->chosen_k, ==, b->chosen_k);
  g_assert_cmpint (a->choice, ==, b->choice);
  g_assert_cmpstr (a->explanation, ==, b->explanation);
  g_assert_cmpuint (a->n_k, ==, b->n_k);
  for (guint t = 0; t < a->n_k; t++)
    {
      g_assert_cmpuint (a->k_table[t].k, ==, b->k_table[t].k);
      g_assert_cmpfloat (a->k_table[t].silhouette, ==, b->k_table[t].silhouette);
      g_assert_cmpfloat (a->k_table[t].smallest_share, ==, b->k_table[t].smallest_share);
      g_assert_true (a->k_table[t].stability == b->k_table[t].stability ||
                     (isnan (a->k_table[t].stability) && isnan (b->k_table[t].stability)));
    }
  g_assert_cmpuint (a->n_segments, ==, b->n_segments);
  for (guint s = 0; s < a->n_segments; s++)
    {
      g_assert_cmpint (a->segments[s].unstable, ==, b->segments[s].unstable);
      g_assert_cmpint (a->segments[s].clustered, ==, b->segments[s].clustered);
      g_assert_cmpuint (a->segments[s].n_distinct, ==, b->segments[s].n_distinct);
      for (guint f = 0; f < a->segments[s].n_distinct; f++)
        {
          g_assert_cmpint (a->segments[s].distinct[f].feature, ==,
                           b->segments[s].distinct[f].feature);
          g_assert_cmpfloat (a->segments[s].distinct[f].effect_size, ==,
                             b->segments[s].distinct[f].effect_size);
        }
    }
  g_assert_cmpuint (a->n_merges, ==, b->n_merges);
}

/* Through the project: automatic k in the range with every clustered segment at least the
 * minimum share, the validation stored with the run and read back as it was computed, and
 * none for a run shaped by hand. */
static void
test_project (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(ScProject) project = test_project_new (&dir);
  g_autoptr(ScProject) reopened = NULL;
  g_autoptr(ScValidation) computed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const ScValidation *v;
  const ScRun *run;
  ScRunParams params;
  guint n_clustered = 0;

  csv = test_write_planted (dir, TRUE);
  test_project_import (project, csv);
  sc_run_params_init (&params);
  g_assert_cmpuint (params.k_min, ==, 3);
  g_assert_cmpuint (params.k_max, ==, 6);
  g_assert_cmpfloat (params.min_share, ==, 0.02);
  g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sc_project_reload (project, &error));

  run = sc_project_get_run (project);
  v = sc_project_get_validation (project);
  g_assert_nonnull (v);
  g_assert_true (v->k_auto);
  g_assert_cmpuint (v->chosen_k, ==, run->k);
  g_assert_cmpuint (run->k, >=, 3);
  g_assert_cmpuint (run->k, <=, 6);
  g_assert_cmpuint (v->n_segments, ==, run->n_segments);
  for (guint s = 0; s < run->n_segments; s++)
    {
      const ScSegmentQuality *q = sc_project_get_segment_quality (project, s);

      g_assert_nonnull (q);
      g_assert_cmpint (q->clustered, ==, !run->segments[s].is_outliers);
      if (!q->clustered)
        continue;
      n_clustered++;
      g_assert_cmpfloat (run->segments[s].share, >=, 0.02);
      g_assert_true (q->stability >= 0 && q->stability <= 1);
    }
  g_assert_cmpuint (n_clustered, ==, run->k);
  computed = sc_validation_copy (v);

  /* Read back from the file by another project object. */
  path = g_strdup (sc_project_get_path (project));
  reopened = sc_project_open (path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sc_project_get_validation (reopened));
  assert_validation_equal (computed, sc_project_get_validation (reopened));
  g_assert_cmpuint (sc_project_get_run (reopened)->params.k_min, ==, 3);

  /* A run shaped by hand has no clustering behind it to validate. */
  {
    guint positions[2] = { 0, 1 };

    g_assert_true (sc_project_merge_segments (project, positions, 2, &error));
    g_assert_no_error (error);
    g_assert_true (sc_project_reload (project, &error));
    g_assert_null (sc_project_get_validation (project));
    g_assert_true (sc_project_undo (project, &error));
    g_assert_no_error (error);
    g_assert_true (sc_project_reload (project, &error));
    g_assert_nonnull (sc_project_get_validation (project));
    assert_validation_equal (computed, sc_project_get_validation (project));
  }

  g_clear_object (&reopened);
  g_clear_object (&project);
  test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Validate/planted-five", test_planted_five);
  g_test_add_func ("/Validate/noise", test_noise);
  g_test_add_func ("/Validate/look-alike", test_look_alike);
  g_test_add_func ("/Validate/claims", test_claims);
  g_test_add_func ("/Validate/threads", test_threads);
  g_test_add_func ("/Validate/choice-rule", test_choice_rule);
  g_test_add_func ("/Validate/project", test_project);

  return g_test_run ();
}
