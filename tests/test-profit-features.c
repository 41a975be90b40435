/* test-profit-features.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Gross profit as a clustering feature (issue 18): its signed transform, what the matrix and
 * a run's clustering space do with an unknown profit, the feature set's parsing, the count
 * and sentence of customers placed without one, and a property test over generated
 * datasets: every sentence and name about profit ("earns EUR 120 gross profit per customer on
 * average", "unprofitable: loses EUR 35 per customer on average", "… at a loss") is true of
 * the members' figures, recomputed here from the features and labels, and states its amount
 * in the project's currency. */

#include <math.h>
#include <string.h>

#include "sc-feature-sets.h"
#include "sc-profile.h"
#include "sc-profit.h"
#include "sc-transform.h"
#include "test-utils.h"

static void
test_transform (void)
{
  g_assert_cmpfloat_with_epsilon (sc_feature_transform (SC_FEATURE_PROFIT, 100), log (101),
                                  1e-12);
  g_assert_cmpfloat_with_epsilon (sc_feature_transform (SC_FEATURE_PROFIT, -100), -log (101),
                                  1e-12);
  g_assert_cmpfloat (sc_feature_transform (SC_FEATURE_PROFIT, 0), ==, 0);
  g_assert_true (isnan (sc_feature_transform (SC_FEATURE_PROFIT, NAN)));
  /* symmetric around break-even, increasing */
  for (double v = -5000; v <= 5000; v += 37.5)
    {
      g_assert_cmpfloat (sc_feature_transform (SC_FEATURE_PROFIT, v), ==,
                         -sc_feature_transform (SC_FEATURE_PROFIT, -v));
      g_assert_cmpfloat (sc_feature_transform (SC_FEATURE_PROFIT, v), <,
                         sc_feature_transform (SC_FEATURE_PROFIT, v + 1));
    }
  /* the others keep log1p (max (v, 0)) with a missing value as 0 */
  g_assert_cmpfloat (sc_feature_transform (SC_FEATURE_MONETARY, -100), ==, 0);
  g_assert_cmpfloat (sc_feature_transform (SC_FEATURE_MONETARY, NAN), ==, 0);
  g_assert_cmpfloat_with_epsilon (sc_feature_transform (SC_FEATURE_MONETARY, 100), log (101),
                                  1e-12);
}

static void
test_unknown_in_matrix_and_row (void)
{
  g_autoptr(ScFeatures) f = sc_features_new (4, 100);
  double *profit = g_new (double, 4);
  double *monetary = g_new (double, 4);
  const ScFeature which[] = { SC_FEATURE_MONETARY, SC_FEATURE_PROFIT };
  g_autofree double *x = NULL;
  double mean[2] = { 1, 2 }, sd[2] = { 0.5, 3 }, row[2];
  gsize n = 0;

  profit[0] = 50;
  profit[1] = NAN;
  profit[2] = -20;
  profit[3] = NAN;
  for (guint i = 0; i < 4; i++)
    monetary[i] = 10 * (i + 1);
  sc_features_set (f, SC_FEATURE_PROFIT, profit);
  sc_features_set (f, SC_FEATURE_MONETARY, monetary);

  x = sc_features_matrix (f, which, 2, NULL, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat_with_epsilon (x[1], log (51), 1e-12);
  g_assert_cmpfloat_with_epsilon (x[5], -log (21), 1e-12);
  /* the unknown profits take the mean of the known ones, never 0 */
  g_assert_cmpfloat_with_epsilon (x[3], (log (51) - log (21)) / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (x[7], (log (51) - log (21)) / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (x[6], log (41), 1e-12);

  /* in a run's space an unknown profit sits at the fitted mean (z = 0) */
  sc_transform_row (f, 1, which, 2, mean, sd, row);
  g_assert_cmpfloat_with_epsilon (row[0], (log (21) - 1) / 0.5, 1e-12);
  g_assert_cmpfloat (row[1], ==, 0);
  sc_transform_row (f, 2, which, 2, mean, sd, row);
  g_assert_cmpfloat_with_epsilon (row[1], (-log (21) - 2) / 3, 1e-12);
}

static void
test_sets (void)
{
  ScFeature features[SC_FEATURE_SETS_MAX_FEATURES];
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  guint n = 0;

  g_assert_true (sc_feature_sets_parse ("profit", features, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (features[0], ==, SC_FEATURE_PROFIT);

  g_assert_true (sc_feature_sets_parse ("rfm, PROFIT", features, &n, &error));
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (features[3], ==, SC_FEATURE_PROFIT);
  g_assert_cmpuint (sc_feature_sets_of (features, n), ==,
                    (1u << SC_FEATURE_SET_RFM) | (1u << SC_FEATURE_SET_PROFIT));

  g_assert_true (sc_feature_sets_parse ("rfm,value,engagement,profit", features, &n, &error));
  g_assert_cmpuint (n, ==, SC_FEATURE_SETS_MAX_FEATURES);
  names = sc_feature_sets_names (sc_feature_sets_of (features, n));
  g_assert_cmpuint (g_strv_length (names), ==, 4);
  g_assert_cmpstr (names[3], ==, "profit");

  g_assert_false (sc_feature_sets_parse ("rfm,profits", features, &n, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "profits"));
}

static void
test_placed (void)
{
  ScProfit p = { 0 };
  double profit[6] = { 10, NAN, -5, NAN, NAN, 0 };
  const guint16 labels[6] = { 0, 1, 2, 3, 0xffff, 1 };
  g_autofree char *one = NULL;
  g_autofree char *many = NULL;
  g_autofree char *alone = NULL;

  p.n = 6;
  p.profit = profit;
  /* positions 0..2 are clusters; 3 is set apart; 0xffff is in no segment */
  g_assert_cmpuint (sc_profit_count_placed (&p, labels, 6, 3), ==, 1);
  g_assert_cmpuint (sc_profit_count_placed (&p, labels, 6, 4), ==, 2);

  one = sc_profit_describe_placed (1, TRUE);
  g_assert_nonnull (strstr (one, "1 customer has no known profit"));
  g_assert_nonnull (strstr (one, "by the other features"));
  many = sc_profit_describe_placed (12, TRUE);
  g_assert_nonnull (strstr (many, "12 customers have no known profit"));
  alone = sc_profit_describe_placed (12, FALSE);
  g_assert_null (strstr (alone, "other features"));
  g_assert_nonnull (strstr (alone, "nearest the average profit"));
}

/* The amount after @prefix, with thousands separators dropped; NAN without one. */
static double
amount_after (const char *text,
              const char *prefix)
{
  const char *p = strstr (text, prefix);
  GString *digits;
  double v;

  if (p == NULL)
    return NAN;
  digits = g_string_new (NULL);
  for (p += strlen (prefix); g_ascii_isdigit (*p) || *p == ',' || *p == '.'; p++)
    if (*p != ',')
      g_string_append_c (digits, *p);
  v = g_ascii_strtod (digits->str, NULL);
  g_string_free (digits, TRUE);
  return v;
}

static void
test_sentences_true (void)
{
  static const char * const currencies[] = { "EUR", "USD", "GBP", "JPY", NULL };
  guint losses = 0, earnings = 0, loss_names = 0;

  for (guint seed = 1; seed <= 80; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      guint32 n = g_rand_int_range (rand, 60, 400);
      guint k = g_rand_int_range (rand, 2, 6);
      g_autoptr(ScFeatures) f = sc_features_new (n, 20000);
      g_autofree guint32 *labels = g_new (guint32, n);
      double *v[SC_N_FEATURES] = { NULL };
      double unknown_share = g_rand_double_range (rand, 0, 0.3);
      double scale = pow (10, g_rand_double_range (rand, -0.5, 4));
      /* Amounts carry the project's currency like every other money figure; without one
       * they are plain numbers. */
      const char *currency = currencies[seed % G_N_ELEMENTS (currencies)];
      g_autofree char *code = g_ascii_strdown (currency != NULL ? currency : "", -1);
      g_autofree char *loses = g_strconcat ("unprofitable: loses ", code,
                                            currency != NULL ? "\u00a0" : "", NULL);
      g_autofree char *earns = g_strconcat ("earns ", code,
                                            currency != NULL ? "\u00a0" : "", NULL);
      ScSegmentProfile *p;

      for (guint j = 0; j <= SC_FEATURE_TENURE; j++)
        v[j] = g_new (double, n);
      v[SC_FEATURE_PROFIT] = g_new (double, n);
      for (guint32 c = 0; c < n; c++)
        {
          labels[c] = g_rand_int_range (rand, 0, k);
          v[SC_FEATURE_RECENCY][c] = g_rand_int_range (rand, 1, 700);
          v[SC_FEATURE_FREQUENCY][c] = g_rand_int_range (rand, 1, 12);
          v[SC_FEATURE_MONETARY][c] = g_rand_double_range (rand, 5, 900);
          v[SC_FEATURE_AOV][c] = v[SC_FEATURE_MONETARY][c] / v[SC_FEATURE_FREQUENCY][c];
          v[SC_FEATURE_TENURE][c] = v[SC_FEATURE_RECENCY][c] + g_rand_int_range (rand, 0, 300);
          /* segment 0 loses money in about half the datasets; unknown profits are NAN */
          v[SC_FEATURE_PROFIT][c] =
            g_rand_double (rand) < unknown_share ? NAN
            : scale * g_rand_double_range (rand, labels[c] == 0 && seed % 2 ? -3 : -0.5, 2);
        }
      for (guint j = 0; j < SC_N_FEATURES; j++)
        if (v[j] != NULL)
          sc_features_set (f, j, v[j]);

      p = sc_profile_compute (f, labels, k, NULL, 0, NULL);
      for (guint s = 0; s < k; s++)
        {
          g_autofree char *text = sc_profile_describe (&p[s], NULL, currency);
          g_autofree char *lower = g_utf8_strdown (text, -1);
          double sum = 0, shown;
          gsize m = 0;

          for (guint32 c = 0; c < n; c++)
            if (labels[c] == s && !isnan (f->values[SC_FEATURE_PROFIT][c]))
              {
                sum += f->values[SC_FEATURE_PROFIT][c];
                m++;
              }
          if (m == 0)
            continue;

          /* the name says "at a loss" exactly when the known profits sum below zero */
          g_assert_true ((strstr (p[s].suggested_name, " at a loss") != NULL) == (sum < 0));
          g_assert_true (p[s].naming.unprofitable == (sum < 0));
          loss_names += sum < 0;

          /* no amount without its currency */
          g_assert_true ((strstr (lower, "unprofitable: loses ") != NULL) ==
                         (strstr (lower, loses) != NULL));
          g_assert_true ((strstr (lower, "earns ") != NULL) == (strstr (lower, earns) != NULL));
          shown = amount_after (lower, loses);
          if (!isnan (shown))
            {
              losses++;
              g_assert_cmpfloat (sum, <, 0);
              g_assert_cmpfloat (fabs (shown - (-sum / m)), <=, (-sum / m < 10 ? 0.005 : 0.5)
                                                                 + 1e-9);
            }
          shown = amount_after (lower, earns);
          if (!isnan (shown))
            {
              earnings++;
              g_assert_nonnull (strstr (lower, " gross profit per customer on average"));
              g_assert_cmpfloat (sum, >=, 0);
              g_assert_cmpfloat (fabs (shown - sum / m), <=, (sum / m < 10 ? 0.005 : 0.5)
                                                             + 1e-9);
            }
        }
      sc_profile_free (p, k);
    }
  /* the generator reaches every kind of claim */
  g_assert_cmpuint (losses, >, 10);
  g_assert_cmpuint (earnings, >, 10);
  g_assert_cmpuint (loss_names, >, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ProfitFeatures/transform", test_transform);
  g_test_add_func ("/ProfitFeatures/unknown", test_unknown_in_matrix_and_row);
  g_test_add_func ("/ProfitFeatures/sets", test_sets);
  g_test_add_func ("/ProfitFeatures/placed", test_placed);
  g_test_add_func ("/ProfitFeatures/sentences-true", test_sentences_true);

  return g_test_run ();
}
