/* test-outliers.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rule that sets top accounts and anomalies apart (sc_transform_set_apart()), on many
 * generated customer bases: spend log-normal or Pareto (α from 1.1 to 3), orders geometric,
 * seeded and deterministic. Clean bases must keep the anomalies within the false-positive
 * budget and the top accounts within their cap; planted anomalies (0.5 % of customers at 100
 * times their own spend) must be found wherever that spend is rarer than 1 in 2,000 under the
 * rest of the data. */

#include <math.h>

#include "sc-aggregates.h"
#include "sc-features.h"
#include "sc-run.h"
#include "sc-transform.h"
#include "test-utils.h"

#define N_CUSTOMERS 20000
#define N_SEEDS     10

typedef enum
{
  LOG_NORMAL,
  PARETO,
} Shape;

typedef struct
{
  Shape  shape;
  double param;    /* σ of log spend, or α */
} Spend;

static double
draw_spend (GRand       *rand,
            const Spend *spend)
{
  if (spend->shape == PARETO)
    return 50.0 * pow (1.0 - g_rand_double (rand), -1.0 / spend->param);
  else
    {
      /* Box–Muller */
      double u = 1.0 - g_rand_double (rand), v = g_rand_double (rand);
      return 200.0 * exp (spend->param * sqrt (-2 * log (u)) * cos (2 * G_PI * v));
    }
}

/* A customer base; planted[i] says which customers were multiplied by 100. */
static ScAggregates *
make_base (const Spend *spend,
           guint32      seed,
           double       planted_share,
           guint8     **planted)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  ScAggregates *agg = sc_aggregates_new (N_CUSTOMERS);

  *planted = g_new0 (guint8, N_CUSTOMERS);
  for (guint32 i = 0; i < N_CUSTOMERS; i++)
    {
      guint32 orders = 1;

      while (orders < 50 && g_rand_double (rand) < 0.5)
        orders++;
      agg->n_orders[i] = agg->n_purchase_days[i] = agg->n_rows[i] = orders;
      agg->first_day[i] = 100 + g_rand_int_range (rand, 0, 300);
      agg->last_day[i] = agg->first_day[i] + g_rand_int_range (rand, 0, 400);
      agg->monetary[i] = draw_spend (rand, spend);
      if (g_rand_double (rand) < planted_share)
        {
          agg->monetary[i] *= 100;
          (*planted)[i] = 1;
        }
    }
  return agg;
}

typedef struct
{
  gsize  n_active;
  gsize  n_top;
  gsize  n_anomalies;
  gsize  n_planted;
  gsize  caught;           /* planted customers set apart as anomalies */
  gsize  false_positives;  /* anomalies among the others */
  double top_revenue;      /* share of revenue */
  double min_top;          /* smallest spend of a top account */
  double max_clustered;    /* largest spend of a customer left to cluster */
} Outcome;

static Outcome
set_apart (ScAggregates *agg,
           const guint8 *planted,
           double        z)
{
  g_autoptr(ScFeatures) features = sc_features_compute (agg, SC_FEATURES_AS_OF_AUTO);
  g_autofree guint8 *active = NULL;
  g_autofree guint8 *kind = NULL;
  Outcome o = { 0 };
  ScSetApart sum;
  double total = 0;

  active = sc_transform_active_mask (agg, &o.n_active);
  kind = sc_transform_set_apart (features, active, o.n_active, z, &sum);
  o.min_top = INFINITY;
  o.max_clustered = -INFINITY;
  for (guint32 i = 0; i < agg->n; i++)
    {
      double m = features->values[SC_FEATURE_MONETARY][i];

      total += m;
      o.n_planted += planted[i];
      switch (kind[i])
        {
        case SC_SEGMENT_KIND_TOP_ACCOUNTS:
          o.n_top++;
          o.top_revenue += m;
          o.min_top = MIN (o.min_top, m);
          break;
        case SC_SEGMENT_KIND_ANOMALIES:
          o.n_anomalies++;
          o.caught += planted[i];
          o.false_positives += !planted[i];
          break;
        default:
          o.max_clustered = MAX (o.max_clustered, m);
        }
    }
  o.top_revenue /= total;
  /* The summary counts what the mask holds. */
  g_assert_cmpuint (sum.n_top, ==, o.n_top);
  g_assert_cmpuint (sum.n_anomalies, ==, o.n_anomalies);
  g_assert_cmpuint (sum.n_negative + sum.n_frequency + sum.n_spend, ==, o.n_anomalies);
  return o;
}

static void
check_clean (const Spend *spend)
{
  guint bases_with_anomalies = 0;

  for (guint32 seed = 1; seed <= N_SEEDS; seed++)
    {
      g_autofree guint8 *planted = NULL;
      g_autoptr(ScAggregates) agg = make_base (spend, seed, 0, &planted);
      Outcome o = set_apart (agg, planted, SC_RUN_DEFAULT_OUTLIER_Z);

      /* Within the stated caps, and anomalies within the false-positive budget. */
      g_assert_cmpfloat (o.n_top, <=, ceil (SC_TOP_ACCOUNTS_MAX_SHARE * o.n_active));
      g_assert_cmpfloat (o.n_anomalies, <=, 0.002 * o.n_active);
      bases_with_anomalies += o.n_anomalies > 0;
      /* Top accounts are the highest spenders of those left. */
      if (o.n_top > 0)
        g_assert_cmpfloat (o.min_top, >, o.max_clustered);
      if (spend->shape == PARETO)
        {
          /* A heavy tail's top accounts: a few percent holding a large share of revenue. */
          g_assert_cmpfloat (o.n_top, >=, 0.02 * o.n_active);
          g_assert_cmpfloat (o.top_revenue, >, 2 * o.n_top / (double) o.n_active);
        }
    }
  /* The spend rule flags a clean base in about 1 in 100; allow a little more. */
  g_assert_cmpuint (bases_with_anomalies, <=, 2);
}

static void
check_planted (const Spend *spend)
{
  for (guint32 seed = 1; seed <= N_SEEDS; seed++)
    {
      g_autofree guint8 *planted = NULL;
      g_autoptr(ScAggregates) agg = make_base (spend, 100 + seed, 0.005, &planted);
      Outcome o = set_apart (agg, planted, SC_RUN_DEFAULT_OUTLIER_Z);

      g_assert_cmpuint (o.n_planted, >, 0.003 * N_CUSTOMERS);
      g_assert_cmpfloat (o.caught, >=, 0.9 * o.n_planted);
      g_assert_cmpfloat (o.false_positives, <=, 0.002 * (o.n_active - o.n_planted));
    }
}

static const Spend clean_bases[] = {
  { LOG_NORMAL, 0.5 }, { LOG_NORMAL, 1.0 }, { LOG_NORMAL, 1.5 }, { LOG_NORMAL, 2.0 },
  { PARETO, 1.1 }, { PARETO, 1.16 }, { PARETO, 1.5 }, { PARETO, 2.0 }, { PARETO, 3.0 },
};

/* Where 100 times a customer's spend is rarer than 1 in 2,000 under the rest. */
static const Spend planted_bases[] = {
  { LOG_NORMAL, 0.5 }, { LOG_NORMAL, 0.8 }, { LOG_NORMAL, 0.9 },
  { PARETO, 2.0 }, { PARETO, 2.5 }, { PARETO, 3.0 },
};

static void
test_clean (gconstpointer data)
{
  check_clean (data);
}

static void
test_planted (gconstpointer data)
{
  check_planted (data);
}

/* Pareto α = 1.16, no anomalies: the 4 % of customers holding most of the revenue are top
 * accounts, not anomalies. */
static void
test_pareto_top_accounts (void)
{
  const Spend spend = { PARETO, 1.16 };
  g_autofree guint8 *planted = NULL;
  g_autoptr(ScAggregates) agg = make_base (&spend, 7, 0, &planted);
  Outcome o = set_apart (agg, planted, SC_RUN_DEFAULT_OUTLIER_Z);

  g_assert_cmpuint (o.n_anomalies, ==, 0);
  g_assert_cmpfloat (o.top_revenue, >, 0.4);
}

/* Each reason for an anomaly on its own, and off. */
static void
test_reasons (void)
{
  const Spend spend = { LOG_NORMAL, 1.0 };
  g_autofree guint8 *planted = NULL;
  g_autoptr(ScAggregates) agg = make_base (&spend, 3, 0, &planted);
  g_autoptr(ScFeatures) features = NULL;
  g_autofree guint8 *active = NULL;
  g_autofree guint8 *kind = NULL;
  g_autofree guint8 *off = NULL;
  ScSetApart sum;
  gsize n_active;

  agg->monetary[10] = -40;                 /* returns above purchases */
  agg->n_orders[11] = 5000;                /* a shared account */
  agg->monetary[12] = 1e9;                 /* a unit error, far beyond everyone */
  features = sc_features_compute (agg, SC_FEATURES_AS_OF_AUTO);
  active = sc_transform_active_mask (agg, &n_active);
  kind = sc_transform_set_apart (features, active, n_active, SC_RUN_DEFAULT_OUTLIER_Z, &sum);
  g_assert_cmpuint (kind[10], ==, SC_SEGMENT_KIND_ANOMALIES);
  g_assert_cmpuint (kind[11], ==, SC_SEGMENT_KIND_ANOMALIES);
  g_assert_cmpuint (kind[12], ==, SC_SEGMENT_KIND_ANOMALIES);
  g_assert_cmpuint (sum.n_negative, ==, 1);
  g_assert_cmpuint (sum.n_frequency, ==, 1);
  g_assert_cmpuint (sum.n_spend, >=, 1);
  g_assert_cmpfloat (sum.spend_limit, <, 1e9);
  g_assert_cmpfloat (sum.frequency_limit, <, 5000);

  off = sc_transform_set_apart (features, active, n_active, 0, &sum);
  for (guint32 i = 0; i < agg->n; i++)
    g_assert_cmpuint (off[i], ==, SC_SEGMENT_KIND_SEGMENT);
  g_assert_cmpuint (sum.n_top + sum.n_anomalies, ==, 0);
}

/* A few giants in a small base of distinct groups are found by the gap between them and
 * the rest, where a fitted tail would be wide enough to hold them. */
static void
test_gap (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(ScAggregates) agg = sc_aggregates_new (503);
  g_autoptr(ScFeatures) features = NULL;
  g_autofree guint8 *active = NULL;
  g_autofree guint8 *kind = NULL;
  gsize n_active;

  for (guint32 i = 0; i < agg->n; i++)
    {
      double base = i < 250 ? 40 : i < 400 ? 200 : 2000;
      agg->n_orders[i] = agg->n_rows[i] = agg->n_purchase_days[i] = 1;
      agg->first_day[i] = agg->last_day[i] = 100 + i;
      agg->monetary[i] = i >= 500 ? 1e8 : base * (0.5 + g_rand_double (rand));
    }
  features = sc_features_compute (agg, SC_FEATURES_AS_OF_AUTO);
  active = sc_transform_active_mask (agg, &n_active);
  kind = sc_transform_set_apart (features, active, n_active, SC_RUN_DEFAULT_OUTLIER_Z, NULL);
  for (guint32 i = 0; i < agg->n; i++)
    g_assert_cmpuint (kind[i] == SC_SEGMENT_KIND_ANOMALIES, ==, i >= 500);
}

/* Customers who all spend alike (3 to 5 orders of 50 ± 10 %): the MAD of log spend is a few
 * percent, so a customer with one order more has a robust z above 3.5, yet spends a quarter
 * more, not "far more than the typical customer": nobody is a top account. */
static void
test_alike (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  g_autoptr(ScAggregates) agg = sc_aggregates_new (2000);
  g_autofree guint8 *planted = g_new0 (guint8, agg->n);
  Outcome o;

  for (guint32 i = 0; i < agg->n; i++)
    {
      guint orders = i % 10 == 0 ? 3 : i % 10 == 1 ? 5 : 4;

      agg->n_orders[i] = agg->n_rows[i] = agg->n_purchase_days[i] = orders;
      agg->first_day[i] = 100;
      agg->last_day[i] = 200 + i % 50;
      agg->monetary[i] = 0;
      for (guint k = 0; k < orders; k++)
        agg->monetary[i] += 50 * g_rand_double_range (rand, 0.9, 1.1);
    }
  o = set_apart (agg, planted, SC_RUN_DEFAULT_OUTLIER_Z);
  g_assert_cmpuint (o.n_top, ==, 0);
  g_assert_cmpuint (o.n_anomalies, ==, 0);
}

static void
add_cases (const char    *kind,
           const Spend   *bases,
           guint          n,
           GTestDataFunc  func)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/Core/Outliers/%s/%s-%g", kind,
                                               bases[i].shape == PARETO ? "pareto"
                                                                        : "lognormal",
                                               bases[i].param);
      g_test_add_data_func (path, &bases[i], func);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_cases ("clean", clean_bases, G_N_ELEMENTS (clean_bases), test_clean);
  add_cases ("planted", planted_bases, G_N_ELEMENTS (planted_bases), test_planted);
  g_test_add_func ("/Core/Outliers/pareto-top-accounts", test_pareto_top_accounts);
  g_test_add_func ("/Core/Outliers/reasons", test_reasons);
  g_test_add_func ("/Core/Outliers/gap", test_gap);
  g_test_add_func ("/Core/Outliers/alike", test_alike);
  return g_test_run ();
}
