/* test-features.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-features.h"
#include "test-utils.h"

/* Aggregates of four customers, set by hand:
 *   C0  first 100, last 150, 3 orders, net 90
 *   C1  first 140, last 140, 1 order,  net 25
 *   C2  only returns on days 120..130: 0 orders, net -20
 *   C3  no rows at all */
static ScAggregates *
make_aggregates (void)
{
  ScAggregates *agg = sc_aggregates_new (4);

  agg->first_day[0] = 100; agg->last_day[0] = 150; agg->n_orders[0] = 3;
  agg->monetary[0] = 90;
  agg->first_day[1] = 140; agg->last_day[1] = 140; agg->n_orders[1] = 1;
  agg->monetary[1] = 25;
  agg->first_day[2] = 120; agg->last_day[2] = 130; agg->n_orders[2] = 0;
  agg->monetary[2] = -20;
  agg->first_day[3] = SC_DAY_NONE; agg->last_day[3] = SC_DAY_NONE;

  return agg;
}

static void
test_compute_as_of (void)
{
  g_autoptr(ScAggregates) agg = make_aggregates ();
  g_autoptr(ScFeatures) f = sc_features_compute (agg, 200);
  const double *rec = f->values[SC_FEATURE_RECENCY];
  const double *frq = f->values[SC_FEATURE_FREQUENCY];
  const double *mon = f->values[SC_FEATURE_MONETARY];
  const double *aov = f->values[SC_FEATURE_AOV];
  const double *ten = f->values[SC_FEATURE_TENURE];

  g_assert_cmpuint (f->n, ==, 4);
  g_assert_cmpint (f->as_of, ==, 200);

  g_assert_cmpfloat (rec[0], ==, 50);
  g_assert_cmpfloat (frq[0], ==, 3);
  g_assert_cmpfloat (mon[0], ==, 90);
  g_assert_cmpfloat (aov[0], ==, 30);
  g_assert_cmpfloat (ten[0], ==, 100);

  g_assert_cmpfloat (rec[1], ==, 60);
  g_assert_cmpfloat (frq[1], ==, 1);
  g_assert_cmpfloat (aov[1], ==, 25);
  g_assert_cmpfloat (ten[1], ==, 60);

  g_assert_cmpfloat (rec[2], ==, 70);
  g_assert_cmpfloat (frq[2], ==, 0);
  g_assert_cmpfloat (mon[2], ==, -20);
  g_assert_cmpfloat (aov[2], ==, 0);
  g_assert_cmpfloat (ten[2], ==, 80);

  g_assert_true (isnan (rec[3]));
  g_assert_true (isnan (ten[3]));
  g_assert_cmpfloat (frq[3], ==, 0);
  g_assert_cmpfloat (mon[3], ==, 0);
  g_assert_cmpfloat (aov[3], ==, 0);

  g_assert_null (f->values[SC_FEATURE_CLV]);
  g_assert_null (f->values[SC_FEATURE_P_ALIVE]);
}

/* Taking the aggregates' monetary array gives the features a copy gives, on enough
 * customers (200,000) to be computed in parts on a team and to take huge pages. */
static void
test_compute_consume (void)
{
  guint32 n = 200000;
  ScAggregates *agg = sc_aggregates_new (n);
  g_autoptr(ScAggregates) same = sc_aggregates_new (n);
  g_autoptr(ScFeatures) copied = NULL;
  g_autoptr(ScFeatures) taken = NULL;

  for (guint32 c = 0; c < n; c++)
    {
      agg->n_orders[c] = c % 7;
      agg->first_day[c] = c % 11 == 0 ? SC_DAY_NONE : (ScDay) (c % 300);
      agg->last_day[c] = c % 11 == 0 ? SC_DAY_NONE : (ScDay) (c % 300 + c % 13);
      agg->monetary[c] = (c % 7) * 12.25 - (c % 5 == 0 ? 3 : 0);
    }
  memcpy (same->n_orders, agg->n_orders, sizeof (guint32) * n);
  memcpy (same->first_day, agg->first_day, sizeof (ScDay) * n);
  memcpy (same->last_day, agg->last_day, sizeof (ScDay) * n);
  memcpy (same->monetary, agg->monetary, sizeof (double) * n);

  copied = sc_features_compute (same, SC_FEATURES_AS_OF_AUTO);
  taken = sc_features_compute_consume (agg, SC_FEATURES_AS_OF_AUTO);
  g_assert_cmpuint (taken->n, ==, n);
  g_assert_cmpint (taken->as_of, ==, copied->as_of);
  for (guint j = 0; j < SC_N_FEATURES; j++)
    {
      if (copied->values[j] == NULL)
        {
          g_assert_null (taken->values[j]);
          continue;
        }
      g_assert_cmpmem (taken->values[j], sizeof (double) * n,
                       copied->values[j], sizeof (double) * n);
    }
}

static void
test_compute_default_as_of (void)
{
  g_autoptr(ScAggregates) agg = make_aggregates ();
  g_autoptr(ScFeatures) f = sc_features_compute (agg, SC_FEATURES_AS_OF_AUTO);
  g_autoptr(ScAggregates) none = sc_aggregates_new (0);
  g_autoptr(ScFeatures) f0 = sc_features_compute (none, SC_FEATURES_AS_OF_AUTO);

  /* Last day 150 + 1. */
  g_assert_cmpint (f->as_of, ==, 151);
  g_assert_cmpfloat (f->values[SC_FEATURE_RECENCY][0], ==, 1);
  g_assert_cmpfloat (f->values[SC_FEATURE_RECENCY][1], ==, 11);
  g_assert_cmpfloat (f->values[SC_FEATURE_TENURE][0], ==, 51);

  g_assert_cmpuint (f0->n, ==, 0);
  g_assert_cmpint (f0->as_of, ==, 0);
}

static void
test_compute_early_as_of (void)
{
  g_autoptr(ScAggregates) agg = make_aggregates ();
  g_autoptr(ScFeatures) f = sc_features_compute (agg, 145);

  /* An as-of before C0's last purchase is kept as a negative recency. */
  g_assert_cmpfloat (f->values[SC_FEATURE_RECENCY][0], ==, -5);
  g_assert_cmpfloat (f->values[SC_FEATURE_TENURE][0], ==, 45);
}

static void
test_matrix (void)
{
  g_autoptr(ScAggregates) agg = make_aggregates ();
  g_autoptr(ScFeatures) f = sc_features_compute (agg, 200);
  const ScFeature which[] = { SC_FEATURE_MONETARY, SC_FEATURE_RECENCY };
  const guint8 mask[] = { 1, 0, 1, 1 };
  g_autofree double *all = NULL;
  g_autofree double *some = NULL;
  gsize n_out = 99;

  all = sc_features_matrix (f, which, 2, NULL, &n_out);
  g_assert_cmpuint (n_out, ==, 4);
  g_assert_cmpfloat_with_epsilon (all[0], log (91.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (all[1], log (51.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (all[2], log (26.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (all[3], log (61.0), 1e-12);
  /* Negative spend clamps to 0; a missing recency maps to 0 too. */
  g_assert_cmpfloat (all[4], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (all[5], log (71.0), 1e-12);
  g_assert_cmpfloat (all[6], ==, 0.0);
  g_assert_cmpfloat (all[7], ==, 0.0);

  some = sc_features_matrix (f, which, 2, mask, &n_out);
  g_assert_cmpuint (n_out, ==, 3);
  g_assert_cmpfloat_with_epsilon (some[0], log (91.0), 1e-12);
  g_assert_cmpfloat (some[2], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (some[3], log (71.0), 1e-12);
  g_assert_cmpfloat (some[4], ==, 0.0);
}

static void
test_matrix_errors (void)
{
  g_autoptr(ScAggregates) agg = make_aggregates ();
  g_autoptr(ScFeatures) f = sc_features_compute (agg, 200);
  const ScFeature clv[] = { SC_FEATURE_CLV };
  const ScFeature bad[] = { SC_N_FEATURES };
  const guint8 none[] = { 0, 0, 0, 0 };
  gsize n_out = 99;

  g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*values*");
  g_assert_null (sc_features_matrix (f, clv, 1, NULL, &n_out));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (n_out, ==, 0);

  g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*SC_N_FEATURES*");
  g_assert_null (sc_features_matrix (f, bad, 1, NULL, &n_out));
  g_test_assert_expected_messages ();

  {
    const ScFeature rec[] = { SC_FEATURE_RECENCY };

    /* No customer selected is not an error, just no matrix. */
    n_out = 99;
    g_assert_null (sc_features_matrix (f, rec, 1, none, &n_out));
    g_assert_cmpuint (n_out, ==, 0);
  }
}

static void
test_set (void)
{
  g_autoptr(ScFeatures) f = sc_features_new (2, 10);
  double *clv = g_new (double, 2);

  clv[0] = 5;
  clv[1] = 7;
  sc_features_set (f, SC_FEATURE_CLV, clv);
  g_assert_true (f->values[SC_FEATURE_CLV] == clv);
  sc_features_set (f, SC_FEATURE_CLV, clv);
  g_assert_true (f->values[SC_FEATURE_CLV] == clv);
  sc_features_set (f, SC_FEATURE_CLV, g_new0 (double, 2));
  g_assert_cmpfloat (f->values[SC_FEATURE_CLV][1], ==, 0);
  sc_features_set (f, SC_FEATURE_CLV, NULL);
  g_assert_null (f->values[SC_FEATURE_CLV]);
}

static void
test_names (void)
{
  static const char *names[] = {
    "recency", "frequency", "monetary", "aov", "tenure", "clv", "p_alive",
    "email_opens_90d", "email_clicks_90d", "web_visits_90d", "support_tickets_90d",
    "campaign_responses_90d", "engagement", "profit"
  };
  ScFeature f;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == SC_N_FEATURES);
  for (guint i = 0; i < SC_N_FEATURES; i++)
    {
      g_assert_cmpstr (sc_feature_to_string (i), ==, names[i]);
      g_assert_true (sc_feature_from_string (names[i], &f));
      g_assert_cmpint (f, ==, i);
      g_assert_nonnull (sc_feature_to_label (i));
      g_assert_cmpstr (sc_feature_to_label (i), !=, "");
    }
  g_assert_cmpstr (sc_feature_to_label (SC_FEATURE_RECENCY), ==, "Recency (days)");

  g_assert_false (sc_feature_from_string ("Recency", &f));
  g_assert_false (sc_feature_from_string ("", &f));
  g_assert_false (sc_feature_from_string ("recency ", &f));
}

static void
test_quantiles_known (void)
{
  double five[] = { 5, 3, 1, 4, 2 };
  double four[] = { 4, 1, 3, 2 };
  double ties[] = { 1, 1, 1, 1, 1, 1, 1, 2, 2, 5 };
  double with_nan[] = { NAN, 10, NAN, 20, 30 };
  double all_nan[] = { NAN, NAN };
  double single[] = { 42 };
  const double p[] = { 0.0, 0.2, 0.25, 0.5, 0.8, 1.0 };
  double q[G_N_ELEMENTS (p)];

  g_assert_cmpuint (sc_quantiles (five, 5, p, G_N_ELEMENTS (p), q), ==, 5);
  g_assert_cmpfloat_with_epsilon (q[0], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (q[1], 1.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (q[2], 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (q[3], 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (q[4], 4.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (q[5], 5.0, 1e-12);

  sc_quantiles (four, 4, p, G_N_ELEMENTS (p), q);
  /* h = 3 p: 0, 0.6, 0.75, 1.5, 2.4, 3 */
  g_assert_cmpfloat_with_epsilon (q[1], 1.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (q[2], 1.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (q[3], 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (q[4], 3.4, 1e-12);

  sc_quantiles (ties, 10, p, G_N_ELEMENTS (p), q);
  /* h = 9 p: 1.8 → 1, 2.25 → 1, 4.5 → 1, 7.2 → 2 */
  g_assert_cmpfloat (q[1], ==, 1.0);
  g_assert_cmpfloat (q[3], ==, 1.0);
  g_assert_cmpfloat (q[4], ==, 2.0);
  g_assert_cmpfloat (q[5], ==, 5.0);

  g_assert_cmpuint (sc_quantiles (with_nan, 5, p, G_N_ELEMENTS (p), q), ==, 3);
  g_assert_cmpfloat (q[3], ==, 20.0);
  g_assert_cmpfloat_with_epsilon (q[1], 14.0, 1e-12);

  g_assert_cmpuint (sc_quantiles (all_nan, 2, p, G_N_ELEMENTS (p), q), ==, 0);
  g_assert_true (isnan (q[0]) && isnan (q[3]));
  g_assert_cmpuint (sc_quantiles (NULL, 0, p, G_N_ELEMENTS (p), q), ==, 0);

  sc_quantiles (single, 1, p, G_N_ELEMENTS (p), q);
  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    g_assert_cmpfloat (q[i], ==, 42.0);
}

static void
test_quantiles_random (void)
{
  /* Selection must agree with a full sort, on continuous and on heavily tied data, with
   * sizes on both sides of the insertion-sort cut-off. */
  static const gsize sizes[] = { 2, 7, 17, 100, 1001, 20000 };
  const double p[] = { 0.2, 0.4, 0.5, 0.6, 0.8, 0.999, 1.0 / 3.0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint si = 0; si < G_N_ELEMENTS (sizes); si++)
    {
      for (guint tied = 0; tied < 2; tied++)
        {
          gsize n = sizes[si];
          g_autofree double *v = g_new (double, n);
          g_autofree double *sorted = g_new (double, n);
          double q[G_N_ELEMENTS (p)];

          for (gsize i = 0; i < n; i++)
            v[i] = tied ? (double) g_rand_int_range (rand, 0, 4) : g_rand_double (rand);
          memcpy (sorted, v, n * sizeof (double));
          qsort (sorted, n, sizeof (double), test_compare_double);

          sc_quantiles (v, n, p, G_N_ELEMENTS (p), q);
          for (guint j = 0; j < G_N_ELEMENTS (p); j++)
            {
              double h = (n - 1) * p[j];
              gsize lo = (gsize) floor (h);
              double want = lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo])
                                       : sorted[lo];

              g_assert_cmpfloat_with_epsilon (q[j], want, 1e-12);
            }
        }
    }
}

static void
test_quantiles_all_equal (void)
{
  /* One value only, or two: selection must still finish in linear time and be exact. */
  const gsize n = 200000;
  g_autofree double *v = g_new (double, n);
  const double p[] = { 0.2, 0.5, 0.8 };
  double q[3];

  for (gsize i = 0; i < n; i++)
    v[i] = 3;
  sc_quantiles (v, n, p, 3, q);
  g_assert_cmpfloat (q[0], ==, 3);
  g_assert_cmpfloat (q[1], ==, 3);
  g_assert_cmpfloat (q[2], ==, 3);

  /* 70 % ones, then twos: h = (n - 1) 0.8 lands among the twos, 0.5 among the ones. */
  for (gsize i = 0; i < n; i++)
    v[i] = (i * 7919) % 10 < 7 ? 1 : 2;
  sc_quantiles (v, n, p, 3, q);
  g_assert_cmpfloat (q[0], ==, 1);
  g_assert_cmpfloat (q[1], ==, 1);
  g_assert_cmpfloat (q[2], ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Features/compute-as-of", test_compute_as_of);
  g_test_add_func ("/Core/Features/compute-default-as-of", test_compute_default_as_of);
  g_test_add_func ("/Core/Features/compute-consume", test_compute_consume);
  g_test_add_func ("/Core/Features/compute-early-as-of", test_compute_early_as_of);
  g_test_add_func ("/Core/Features/matrix", test_matrix);
  g_test_add_func ("/Core/Features/matrix-errors", test_matrix_errors);
  g_test_add_func ("/Core/Features/set", test_set);
  g_test_add_func ("/Core/Features/names", test_names);
  g_test_add_func ("/Core/Features/quantiles-known", test_quantiles_known);
  g_test_add_func ("/Core/Features/quantiles-random", test_quantiles_random);
  g_test_add_func ("/Core/Features/quantiles-all-equal", test_quantiles_all_equal);

  return g_test_run ();
}
