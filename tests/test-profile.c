/* test-profile.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-profile.h"
#include "test-utils.h"

#define EPS 1e-9

/* The hand-computed set: 40 customers in segments 0..2, segment 3 empty.  Customers are
 * generated segment by segment and placed at position (7 j) mod 40, so segments are
 * interleaved in customer order.
 *
 *   seg 0 (20, i = 0..19): recency 5 + i % 5, frequency 6, monetary 600 + 10 i,
 *                          tenure 400; industry Retail for i < 15, else Finance
 *   seg 1 (12, i = 0..11): recency 100 + i, frequency 1, monetary 50, tenure 200;
 *                          industry Finance for i < 10, Retail for i = 10, missing for 11
 *   seg 2 (8):             recency 300, frequency 2, monetary -5, tenure 300; industry Other
 *   AOV = monetary / frequency.  Attribute 0 is numeric (employees) and not profiled.
 *
 * Sums: recency 140 + 1266 + 2400 = 3806 (mean 95.15); frequency 120 + 12 + 16 = 148
 * (3.7); monetary 13900 + 600 - 40 = 14460 (361.5); AOV, revenue per order, 14460 / 148
 * (97.70; the mean of the customers' averages would be 72.42); tenure 8000 + 2400 + 2400 =
 * 12800 (320). */

#define N_HAND 40

typedef struct
{
  ScFeatures  *f;
  guint32      labels[N_HAND];
  ScAttribute  attrs[2];
  gint32       codes[N_HAND];
  double       employees[N_HAND];
} Hand;

static char *industry_levels[] = { (char *) "Retail", (char *) "Finance", (char *) "Other" };

static void
hand_init (Hand *h)
{
  double *rec = g_new (double, N_HAND);
  double *frq = g_new (double, N_HAND);
  double *mon = g_new (double, N_HAND);
  double *aov = g_new (double, N_HAND);
  double *ten = g_new (double, N_HAND);
  guint j = 0;

  memset (h, 0, sizeof *h);
  h->f = sc_features_new (N_HAND, 1000);

  for (guint seg = 0; seg < 3; seg++)
    {
      guint size = seg == 0 ? 20 : seg == 1 ? 12 : 8;

      for (guint i = 0; i < size; i++, j++)
        {
          guint c = (7 * j) % N_HAND;

          h->labels[c] = seg;
          h->employees[c] = 1000 * seg + i;
          switch (seg)
            {
            case 0:
              rec[c] = 5 + i % 5;
              frq[c] = 6;
              mon[c] = 600 + 10 * i;
              ten[c] = 400;
              h->codes[c] = i < 15 ? 0 : 1;
              break;
            case 1:
              rec[c] = 100 + i;
              frq[c] = 1;
              mon[c] = 50;
              ten[c] = 200;
              h->codes[c] = i < 10 ? 1 : i == 10 ? 0 : -1;
              break;
            default:
              rec[c] = 300;
              frq[c] = 2;
              mon[c] = -5;
              ten[c] = 300;
              h->codes[c] = 2;
              break;
            }
          aov[c] = mon[c] / frq[c];
        }
    }
  g_assert_cmpuint (j, ==, N_HAND);

  sc_features_set (h->f, SC_FEATURE_RECENCY, rec);
  sc_features_set (h->f, SC_FEATURE_FREQUENCY, frq);
  sc_features_set (h->f, SC_FEATURE_MONETARY, mon);
  sc_features_set (h->f, SC_FEATURE_AOV, aov);
  sc_features_set (h->f, SC_FEATURE_TENURE, ten);

  h->attrs[0].name = (char *) "employees";
  h->attrs[0].categorical = FALSE;
  h->attrs[0].values = h->employees;
  h->attrs[1].name = (char *) "industry";
  h->attrs[1].categorical = TRUE;
  h->attrs[1].n_levels = 3;
  h->attrs[1].levels = industry_levels;
  h->attrs[1].codes = h->codes;
}

static void
hand_clear (Hand *h)
{
  g_clear_pointer (&h->f, sc_features_free);
}

static void
test_hand_sizes_revenue (void)
{
  Hand h;
  ScSegmentProfile *p;

  hand_init (&h);
  p = sc_profile_compute (h.f, h.labels, 4, h.attrs, 2, NULL);
  g_assert_nonnull (p);

  g_assert_cmpuint (p[0].size, ==, 20);
  g_assert_cmpuint (p[1].size, ==, 12);
  g_assert_cmpuint (p[2].size, ==, 8);
  g_assert_cmpuint (p[3].size, ==, 0);
  g_assert_cmpfloat_with_epsilon (p[0].share, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon (p[1].share, 0.3, EPS);
  g_assert_cmpfloat_with_epsilon (p[2].share, 0.2, EPS);
  g_assert_cmpfloat (p[3].share, ==, 0);

  g_assert_cmpfloat_with_epsilon (p[0].revenue, 13900, EPS);
  g_assert_cmpfloat_with_epsilon (p[1].revenue, 600, EPS);
  g_assert_cmpfloat_with_epsilon (p[2].revenue, -40, EPS);
  g_assert_cmpfloat (p[3].revenue, ==, 0);
  /* Shares of the 14500 brought by segments with positive revenue. */
  g_assert_cmpfloat_with_epsilon (p[0].revenue_share, 13900.0 / 14500.0, EPS);
  g_assert_cmpfloat_with_epsilon (p[1].revenue_share, 600.0 / 14500.0, EPS);
  g_assert_cmpfloat (p[2].revenue_share, ==, 0);
  g_assert_cmpfloat (p[3].revenue_share, ==, 0);

  sc_profile_free (p, 4);
  hand_clear (&h);
}

static void
test_hand_means_medians (void)
{
  Hand h;
  ScSegmentProfile *p;

  hand_init (&h);
  p = sc_profile_compute (h.f, h.labels, 4, h.attrs, 2, NULL);

  g_assert_cmpfloat_with_epsilon (p[0].mean[SC_FEATURE_RECENCY], 7, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].median[SC_FEATURE_RECENCY], 7, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].mean[SC_FEATURE_FREQUENCY], 6, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].mean[SC_FEATURE_MONETARY], 695, EPS);
  /* 20 values 600..790: the mean of the 10th and 11th, 690 and 700. */
  g_assert_cmpfloat_with_epsilon (p[0].median[SC_FEATURE_MONETARY], 695, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].mean[SC_FEATURE_AOV], 695.0 / 6, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].median[SC_FEATURE_AOV], 695.0 / 6, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].median[SC_FEATURE_TENURE], 400, EPS);

  /* 100..111: median (105 + 106) / 2. */
  g_assert_cmpfloat_with_epsilon (p[1].mean[SC_FEATURE_RECENCY], 105.5, EPS);
  g_assert_cmpfloat_with_epsilon (p[1].median[SC_FEATURE_RECENCY], 105.5, EPS);
  g_assert_cmpfloat_with_epsilon (p[1].median[SC_FEATURE_FREQUENCY], 1, EPS);
  g_assert_cmpfloat_with_epsilon (p[1].median[SC_FEATURE_MONETARY], 50, EPS);

  g_assert_cmpfloat_with_epsilon (p[2].mean[SC_FEATURE_MONETARY], -5, EPS);
  g_assert_cmpfloat_with_epsilon (p[2].median[SC_FEATURE_AOV], -2.5, EPS);
  g_assert_cmpfloat_with_epsilon (p[2].median[SC_FEATURE_RECENCY], 300, EPS);

  for (guint s = 0; s < 4; s++)
    {
      /* Absent features. */
      g_assert_true (isnan (p[s].mean[SC_FEATURE_CLV]));
      g_assert_true (isnan (p[s].median[SC_FEATURE_P_ALIVE]));
    }
  for (guint j = 0; j < SC_N_FEATURES; j++)
    {
      /* The empty segment. */
      g_assert_true (isnan (p[3].mean[j]));
      g_assert_true (isnan (p[3].median[j]));
    }

  sc_profile_free (p, 4);
  hand_clear (&h);
}

static void
test_hand_lifts (void)
{
  Hand h;
  ScSegmentProfile *p;

  hand_init (&h);
  p = sc_profile_compute (h.f, h.labels, 4, h.attrs, 2, NULL);

  /* seg 0 scores |ln ratio|: recency 7/95.15 → 2.61, monetary 695/361.5 → 0.654,
   * frequency 6/3.7 → 0.483, AOV 0.470, tenure 0.223. */
  g_assert_cmpuint (p[0].n_top_features, ==, 3);
  g_assert_cmpint (p[0].top_features[0].feature, ==, SC_FEATURE_RECENCY);
  g_assert_cmpfloat_with_epsilon (p[0].top_features[0].segment_mean, 7, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].top_features[0].all_mean, 95.15, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].top_features[0].ratio, 7 / 95.15, EPS);
  g_assert_cmpint (p[0].top_features[1].feature, ==, SC_FEATURE_MONETARY);
  g_assert_cmpfloat_with_epsilon (p[0].top_features[1].ratio, 695 / 361.5, EPS);
  g_assert_cmpint (p[0].top_features[2].feature, ==, SC_FEATURE_FREQUENCY);
  g_assert_cmpfloat_with_epsilon (p[0].top_features[2].ratio, 6 / 3.7, EPS);

  /* seg 1: monetary 50/361.5 → 1.98, frequency 1/3.7 → 1.31, AOV as revenue per order
   * (600/12) / (14460/148) → 0.67, tenure 200/320 → 0.47, recency → 0.10.  (A mean of the
   * customers' averages, 50/72.42, would have scored 0.37, below tenure.) */
  g_assert_cmpuint (p[1].n_top_features, ==, 3);
  g_assert_cmpint (p[1].top_features[0].feature, ==, SC_FEATURE_MONETARY);
  g_assert_cmpint (p[1].top_features[1].feature, ==, SC_FEATURE_FREQUENCY);
  g_assert_cmpint (p[1].top_features[2].feature, ==, SC_FEATURE_AOV);
  g_assert_cmpfloat_with_epsilon (p[1].top_features[2].segment_mean, 50, EPS);
  g_assert_cmpfloat_with_epsilon (p[1].top_features[2].all_mean, 14460.0 / 148, EPS);
  g_assert_cmpfloat_with_epsilon (p[1].top_features[2].ratio, 50 / (14460.0 / 148), EPS);

  /* seg 2: negative monetary and AOV clamp to the largest score, tied; the earlier
   * feature comes first.  Then recency 300/95.15. */
  g_assert_cmpint (p[2].top_features[0].feature, ==, SC_FEATURE_MONETARY);
  g_assert_cmpint (p[2].top_features[1].feature, ==, SC_FEATURE_AOV);
  g_assert_cmpint (p[2].top_features[2].feature, ==, SC_FEATURE_RECENCY);
  g_assert_cmpfloat_with_epsilon (p[2].top_features[0].ratio, -5 / 361.5, EPS);

  g_assert_cmpuint (p[3].n_top_features, ==, 0);

  /* Industry over customers with a known value (39): Retail 16, Finance 15, Other 8.
   * seg 0: Retail 15 of 20 → lift 0.75 / (16/39); Finance 5 is below the 10 minimum.
   * seg 1: Finance 10 of 11 known → lift (10/11) / (15/39); Retail 1 too few.
   * seg 2: Other 8, too few. */
  g_assert_cmpuint (p[0].n_top_categories, ==, 1);
  g_assert_cmpuint (p[0].top_categories[0].attribute, ==, 1);
  g_assert_cmpuint (p[0].top_categories[0].level, ==, 0);
  g_assert_cmpuint (p[0].top_categories[0].count, ==, 15);
  g_assert_cmpfloat_with_epsilon (p[0].top_categories[0].segment_share, 0.75, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].top_categories[0].all_share, 16.0 / 39, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].top_categories[0].lift, 1.828125, EPS);

  g_assert_cmpuint (p[1].n_top_categories, ==, 1);
  g_assert_cmpuint (p[1].top_categories[0].level, ==, 1);
  g_assert_cmpuint (p[1].top_categories[0].count, ==, 10);
  g_assert_cmpfloat_with_epsilon (p[1].top_categories[0].segment_share, 10.0 / 11, EPS);
  g_assert_cmpfloat_with_epsilon (p[1].top_categories[0].lift, 390.0 / 165, EPS);

  g_assert_cmpuint (p[2].n_top_categories, ==, 0);
  g_assert_cmpuint (p[3].n_top_categories, ==, 0);

  sc_profile_free (p, 4);
  hand_clear (&h);
}

static void
test_hand_names (void)
{
  Hand h;
  ScSegmentProfile *p;

  hand_init (&h);
  p = sc_profile_compute (h.f, h.labels, 4, h.attrs, 2, NULL);

  /* All-customer tertiles: frequency 2 and 6, monetary 50 and 660; means 3.7 and 361.5.
   * Rhythms: seg 0 its own, (400 - 7) / 5 ≈ 78.6 days; seg 1 has no repeat buyers and
   * takes that of all 28 (8 gaps of 0 from seg 2, 20 of about 78.6 from seg 0: ≈ 78.4);
   * seg 2's own gaps are 0, so the 7-day floor.
   * seg 0: 7 days → active, 6 → frequent (>= 3, at the upper tertile, mean above), 695 →
   *   high (and mean above).
   * seg 1: 105.5 days, within two gaps → active, 1 → one-time, 50 → low (at the lower
   *   tertile, mean below).
   * seg 2: 300 days, past four gaps of 7 → lapsed, 2 → occasional, -5 → low. */
  g_assert_cmpstr (p[0].suggested_name, ==, "Loyal high spenders");
  g_assert_cmpint (p[0].naming.activity, ==, SC_ACTIVITY_ACTIVE);
  g_assert_true (p[0].naming.rhythm_own);
  g_assert_cmpfloat_with_epsilon (p[0].naming.rhythm, 393.0 / 5, EPS);
  g_assert_cmpstr (p[1].suggested_name, ==, "Low-spending newcomers");
  g_assert_false (p[1].naming.rhythm_own);
  g_assert_cmpint (p[2].naming.activity, ==, SC_ACTIVITY_LAPSED);
  g_assert_cmpfloat_with_epsilon (p[2].naming.rhythm, SC_PROFILE_MIN_GAP_DAYS, EPS);
  g_assert_cmpstr (p[2].suggested_name, ==, "Lapsed low spenders");
  g_assert_cmpstr (p[3].suggested_name, ==, "Empty segment");

  sc_profile_free (p, 4);
  hand_clear (&h);
}

static void
test_hand_describe (void)
{
  Hand h;
  ScSegmentProfile *p;
  g_autofree char *d0 = NULL, *d1 = NULL, *d2 = NULL, *d3 = NULL, *d0_no_attrs = NULL;

  hand_init (&h);
  p = sc_profile_compute (h.f, h.labels, 4, h.attrs, 2, NULL);

  d0 = sc_profile_describe (&p[0], h.attrs, NULL);
  d1 = sc_profile_describe (&p[1], h.attrs, NULL);
  d2 = sc_profile_describe (&p[2], h.attrs, NULL);
  d3 = sc_profile_describe (&p[3], h.attrs, NULL);
  d0_no_attrs = sc_profile_describe (&p[0], NULL, NULL);

  g_assert_cmpstr (d0, ==, "Last order 7 days ago on average; spent 1.9× more than average; "
                           "bought 1.6× more often than average; mostly Retail (1.8×)");
  /* Revenue per order 50 against 14460 / 148 = 97.70 for all orders. */
  g_assert_cmpstr (d1, ==, "Spent 7.2× less than average; bought 3.7× less often than "
                           "average; orders 2.0× smaller than the average order; mostly "
                           "Finance (2.4×)");
  /* Negative spend cannot be put as a multiple. */
  g_assert_cmpstr (d2, ==, "Last order 300 days ago on average");
  g_assert_cmpstr (d3, ==, "No customers");
  g_assert_cmpstr (d0_no_attrs, ==, "Last order 7 days ago on average; spent 1.9× more than "
                                    "average; bought 1.6× more often than average");

  sc_profile_free (p, 4);
  hand_clear (&h);
}

/* A feature set from per-segment constant values; tenure is optional (NULL → 100). */
static ScFeatures *
blocks (guint          k,
        const guint   *sizes,
        const double  *rec,
        const double  *frq,
        const double  *mon,
        const double  *ten,
        guint32      **labels_out)
{
  guint n = 0, c = 0;
  ScFeatures *f;
  double *r, *fr, *m, *t;
  guint32 *labels;

  for (guint s = 0; s < k; s++)
    n += sizes[s];

  f = sc_features_new (n, 1000);
  r = g_new (double, n);
  fr = g_new (double, n);
  m = g_new (double, n);
  t = g_new (double, n);
  labels = g_new (guint32, n);

  for (guint s = 0; s < k; s++)
    for (guint i = 0; i < sizes[s]; i++, c++)
      {
        r[c] = rec[s];
        fr[c] = frq[s];
        m[c] = mon[s];
        t[c] = ten != NULL ? ten[s] : 100;
        labels[c] = s;
      }

  sc_features_set (f, SC_FEATURE_RECENCY, r);
  sc_features_set (f, SC_FEATURE_FREQUENCY, fr);
  sc_features_set (f, SC_FEATURE_MONETARY, m);
  sc_features_set (f, SC_FEATURE_TENURE, t);
  *labels_out = labels;

  return f;
}

static void
assert_unique (const ScSegmentProfile *p,
               guint                   k)
{
  for (guint s = 0; s < k; s++)
    for (guint t = 0; t < s; t++)
      g_assert_cmpstr (p[s].suggested_name, !=, p[t].suggested_name);
}

static void
test_names_distinguish_two (void)
{
  /* Spend tertiles over 10×10, 5×1000, 5×2000 are 10 and 1000: segments 1 and 2 are both
   * one-time big spenders and differ only in spend.  Ten days ago is recent: without repeat
   * buyers the rhythm is the default 90 days. */
  const guint sizes[] = { 10, 5, 5 };
  const double rec[] = { 10, 10, 10 }, frq[] = { 1, 1, 1 }, mon[] = { 10, 1000, 2000 };
  g_autofree guint32 *labels = NULL;
  g_autoptr(ScFeatures) f = blocks (3, sizes, rec, frq, mon, NULL, &labels);
  ScSegmentProfile *p = sc_profile_compute (f, labels, 3, NULL, 0, NULL);

  g_assert_cmpstr (p[0].suggested_name, ==, "Low-spending newcomers");
  g_assert_cmpstr (p[1].suggested_name, ==, "Big-spending newcomers (lower spend)");
  g_assert_cmpstr (p[2].suggested_name, ==, "Big-spending newcomers (higher spend)");
  assert_unique (p, 3);
  sc_profile_free (p, 3);
}

static void
test_names_distinguish_three (void)
{
  /* Upper spend tertile over 30×10 and 5 each of 1000, 2000, 3000: 10 + (1/3)·990 = 340. */
  const guint sizes[] = { 30, 5, 5, 5 };
  const double rec[] = { 10, 10, 10, 10 }, frq[] = { 1, 1, 1, 1 };
  const double mon[] = { 10, 3000, 1000, 2000 };
  g_autofree guint32 *labels = NULL;
  g_autoptr(ScFeatures) f = blocks (4, sizes, rec, frq, mon, NULL, &labels);
  ScSegmentProfile *p = sc_profile_compute (f, labels, 4, NULL, 0, NULL);

  g_assert_cmpstr (p[0].suggested_name, ==, "Low-spending newcomers");
  g_assert_cmpstr (p[1].suggested_name, ==, "Big-spending newcomers (highest spend)");
  g_assert_cmpstr (p[2].suggested_name, ==, "Big-spending newcomers (lowest spend)");
  /* The middle of three is "middle", not "higher": it is also lower than one of them. */
  g_assert_cmpstr (p[3].suggested_name, ==, "Big-spending newcomers (middle spend)");
  assert_unique (p, 4);
  sc_profile_free (p, 4);
}

static void
test_names_distinguish_tenure (void)
{
  /* Same spend, orders and recency; only tenure differs. */
  const guint sizes[] = { 10, 5, 5 };
  const double rec[] = { 10, 10, 10 }, frq[] = { 1, 1, 1 }, mon[] = { 10, 1000, 1000 };
  const double ten[] = { 100, 400, 30 };
  g_autofree guint32 *labels = NULL;
  g_autoptr(ScFeatures) f = blocks (3, sizes, rec, frq, mon, ten, &labels);
  ScSegmentProfile *p = sc_profile_compute (f, labels, 3, NULL, 0, NULL);

  g_assert_cmpstr (p[1].suggested_name, ==, "Big-spending newcomers (longer-standing)");
  g_assert_cmpstr (p[2].suggested_name, ==, "Big-spending newcomers (newer)");
  assert_unique (p, 3);
  sc_profile_free (p, 3);
}

static void
test_names_numbered (void)
{
  /* Four identical segments: nothing tells them apart but a number. */
  const guint sizes[] = { 5, 5, 5, 5 };
  const double rec[] = { 10, 10, 10, 10 }, frq[] = { 1, 1, 1, 1 }, mon[] = { 7, 7, 7, 7 };
  g_autofree guint32 *labels = NULL;
  g_autoptr(ScFeatures) f = blocks (4, sizes, rec, frq, mon, NULL, &labels);
  ScSegmentProfile *p = sc_profile_compute (f, labels, 4, NULL, 0, NULL);

  g_assert_cmpstr (p[0].suggested_name, ==, "Recent first-time buyers 1");
  g_assert_cmpstr (p[1].suggested_name, ==, "Recent first-time buyers 2");
  g_assert_cmpstr (p[2].suggested_name, ==, "Recent first-time buyers 3");
  g_assert_cmpstr (p[3].suggested_name, ==, "Recent first-time buyers 4");
  sc_profile_free (p, 4);
}

static void
test_names_table (void)
{
  /* Nine segments spread so that each gets a different level combination; every name must
   * come from the table and be unique.  Spend tertiles over the 90 customers fall between
   * the blocks 5 | 100 | 5000. */
  const guint sizes[] = { 10, 10, 10, 10, 10, 10, 10, 10, 10 };
  const double rec[] = { 10, 10, 10, 50, 50, 50, 200, 200, 200 };
  const double frq[] = { 8, 2, 1, 8, 2, 1, 8, 2, 1 };
  const double mon[] = { 5000, 100, 5, 100, 5, 5000, 5, 5000, 100 };
  const char *want[] = {
    "Loyal high spenders", "Active repeat buyers", "Low-spending newcomers",
    "At-risk regulars", "At-risk low spenders", "At-risk one-time big spenders",
    "Lapsed frequent low spenders", "Lapsed big spenders", "Lapsed one-time buyers",
  };
  /* Repeat buyers are judged by their own rhythm (median gap = (tenure − recency) /
   * (orders − 1), at least 7 days): active within two gaps, at risk within four, lapsed
   * past.  Gaps: (100 − 10) / 7 = 12.9 and 90 for the 10-day blocks (active); 20 for the
   * 50-day ones (190 − 50) / 7 and (70 − 50) / 1 (at risk: 40 < 50 <= 80); 0, so 7, for
   * the 200-day ones (lapsed).  One-time buyers take the median gap of all repeat buyers,
   * here 16.4: 10 days is active, 50 at risk, 200 lapsed. */
  const double ten[] = { 100, 100, 100, 190, 70, 100, 100, 100, 100 };
  g_autofree guint32 *labels = NULL;
  g_autoptr(ScFeatures) f = blocks (9, sizes, rec, frq, mon, ten, &labels);
  ScSegmentProfile *p = sc_profile_compute (f, labels, 9, NULL, 0, NULL);

  for (guint s = 0; s < 9; s++)
    g_assert_cmpstr (p[s].suggested_name, ==, want[s]);
  assert_unique (p, 9);
  sc_profile_free (p, 9);
}

static void
test_names_no_purchases (void)
{
  const guint sizes[] = { 10, 10 };
  const double rec[] = { 10, 40 }, frq[] = { 3, 0 }, mon[] = { 100, -20 };
  g_autofree guint32 *labels = NULL;
  g_autoptr(ScFeatures) f = blocks (2, sizes, rec, frq, mon, NULL, &labels);
  ScSegmentProfile *p = sc_profile_compute (f, labels, 2, NULL, 0, NULL);

  g_assert_cmpstr (p[1].suggested_name, ==, "Customers without purchases");
  assert_unique (p, 2);
  sc_profile_free (p, 2);
}

static void
test_describe_average (void)
{
  /* Every difference below 10 %: nothing worth saying. */
  const guint sizes[] = { 5, 5 };
  const double rec[] = { 10, 10.5 }, frq[] = { 2, 2 }, mon[] = { 100, 104 };
  g_autofree guint32 *labels = NULL;
  g_autoptr(ScFeatures) f = blocks (2, sizes, rec, frq, mon, NULL, &labels);
  ScSegmentProfile *p = sc_profile_compute (f, labels, 2, NULL, 0, NULL);
  g_autofree char *d = sc_profile_describe (&p[0], NULL, NULL);

  /* The lifts are still listed, for charts. */
  g_assert_cmpuint (p[0].n_top_features, ==, 2);
  g_assert_cmpstr (d, ==, "Much like the average customer");
  sc_profile_free (p, 2);
}

static void
test_random_against_sort (void)
{
  /* Means and medians against a naive computation, with ties and NAN. */
  const guint n = 5003, k = 5;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(ScFeatures) f = sc_features_new (n, 1000);
  g_autofree guint32 *labels = g_new (guint32, n);
  g_autofree double *seg = g_new (double, n);
  ScSegmentProfile *p;

  for (guint j = 0; j < 3; j++)
    {
      double *v = g_new (double, n);

      for (guint i = 0; i < n; i++)
        {
          if (j == 0 && g_rand_int_range (rand, 0, 50) == 0)
            v[i] = NAN;
          else if (j == 1)
            v[i] = g_rand_int_range (rand, 1, 4);
          else
            v[i] = g_rand_double_range (rand, -10, 1000);
        }
      sc_features_set (f, j == 0 ? SC_FEATURE_RECENCY : j == 1 ? SC_FEATURE_FREQUENCY
                                                               : SC_FEATURE_MONETARY, v);
    }
  for (guint i = 0; i < n; i++)
    labels[i] = g_rand_int_range (rand, 0, k);

  p = sc_profile_compute (f, labels, k, NULL, 0, NULL);
  g_assert_nonnull (p);

  for (guint s = 0; s < k; s++)
    {
      for (guint j = 0; j < 3; j++)
        {
          ScFeature feat = j == 0 ? SC_FEATURE_RECENCY : j == 1 ? SC_FEATURE_FREQUENCY
                                                                : SC_FEATURE_MONETARY;
          const double *v = f->values[feat];
          gsize m = 0;
          double sum = 0, median;

          for (guint i = 0; i < n; i++)
            if (labels[i] == s && !isnan (v[i]))
              {
                seg[m++] = v[i];
                sum += v[i];
              }
          qsort (seg, m, sizeof (double), test_compare_double);
          median = m % 2 ? seg[m / 2] : (seg[m / 2 - 1] + seg[m / 2]) / 2;

          g_assert_cmpfloat_with_epsilon (p[s].mean[feat], sum / m, 1e-9);
          g_assert_cmpfloat_with_epsilon (p[s].median[feat], median, 1e-9);
        }
    }
  assert_unique (p, k);
  sc_profile_free (p, k);
}

static void
test_cancelled (void)
{
  Hand h;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  hand_init (&h);
  g_cancellable_cancel (cancellable);
  g_assert_null (sc_profile_compute (h.f, h.labels, 4, h.attrs, 2, cancellable));
  hand_clear (&h);
}

static void
test_malformed (void)
{
  Hand h;

  hand_init (&h);

  g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*k > 0*");
  g_assert_null (sc_profile_compute (h.f, h.labels, 0, NULL, 0, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*attrs != NULL*");
  g_assert_null (sc_profile_compute (h.f, h.labels, 4, NULL, 2, NULL));
  g_test_assert_expected_messages ();

  /* Category codes out of range count as missing. */
  h.codes[0] = 3;
  h.codes[1] = G_MAXINT32;
  {
    ScSegmentProfile *p = sc_profile_compute (h.f, h.labels, 4, h.attrs, 2, NULL);

    g_assert_nonnull (p);
    sc_profile_free (p, 4);
  }

  hand_clear (&h);
}

static void
test_unassigned (void)
{
  /* Labels >= k put customers in no segment: here segment 2 of the hand set (8 customers,
   * all Other) and one more customer without orders (label 0xffff, NAN recency).  The
   * rest must come out as if only segments 0 and 1 existed: 32 customers. */
  Hand h;
  g_autoptr(ScFeatures) f = sc_features_new (N_HAND + 1, 1000);
  g_autofree guint32 *labels = g_new (guint32, N_HAND + 1);
  g_autofree gint32 *codes = g_new (gint32, N_HAND + 1);
  ScAttribute attrs[2];
  ScSegmentProfile *p;

  hand_init (&h);
  for (guint j = 0; j < SC_N_FEATURES; j++)
    {
      if (h.f->values[j] == NULL)
        continue;
      sc_features_set (f, j, g_new (double, N_HAND + 1));
      memcpy (f->values[j], h.f->values[j], N_HAND * sizeof (double));
      f->values[j][N_HAND] = j == SC_FEATURE_RECENCY || j == SC_FEATURE_TENURE ? NAN : 0;
    }
  /* Segment 2 becomes "no segment" with k = 2. */
  memcpy (labels, h.labels, N_HAND * sizeof (guint32));
  labels[N_HAND] = 0xffff;
  memcpy (codes, h.codes, N_HAND * sizeof (gint32));
  codes[N_HAND] = 2;
  memcpy (attrs, h.attrs, sizeof attrs);
  attrs[1].codes = codes;

  p = sc_profile_compute (f, labels, 2, attrs, 2, NULL);
  g_assert_nonnull (p);

  g_assert_cmpuint (p[0].size, ==, 20);
  g_assert_cmpuint (p[1].size, ==, 12);
  g_assert_cmpfloat_with_epsilon (p[0].share, 20.0 / 32, EPS);
  g_assert_cmpfloat_with_epsilon (p[0].revenue_share, 13900.0 / 14500, EPS);
  /* All-customer recency mean over segments 0 and 1 only: (140 + 1266) / 32. */
  g_assert_cmpint (p[0].top_features[0].feature, ==, SC_FEATURE_RECENCY);
  g_assert_cmpfloat_with_epsilon (p[0].top_features[0].all_mean, 1406.0 / 32, EPS);
  /* Retail 16 of 31 known customers in segments 0 and 1; Finance 15. */
  g_assert_cmpuint (p[0].n_top_categories, ==, 1);
  g_assert_cmpfloat_with_epsilon (p[0].top_categories[0].all_share, 16.0 / 31, EPS);
  g_assert_cmpfloat_with_epsilon (p[1].top_categories[0].lift, (10.0 / 11) / (15.0 / 31), EPS);

  sc_profile_free (p, 2);
  hand_clear (&h);
}

static void
test_no_customers (void)
{
  g_autoptr(ScFeatures) f = sc_features_new (0, 10);
  ScSegmentProfile *p = sc_profile_compute (f, NULL, 2, NULL, 0, NULL);

  g_assert_nonnull (p);
  g_assert_cmpuint (p[0].size, ==, 0);
  g_assert_cmpfloat (p[0].share, ==, 0);
  g_assert_cmpfloat (p[0].revenue_share, ==, 0);
  assert_unique (p, 2);
  sc_profile_free (p, 2);
}

static void
test_names_rhythm (void)
{
  /* Two segments of ten-order customers, one last seen 20 days ago, one 200: with gaps of
   * (400 − 20) / 9 ≈ 42 days and (580 − 200) / 9 ≈ 42, 20 days is within two gaps (active)
   * and 200 past four (lapsed). Spend tertiles: 4000 | 5000. */
  const guint sizes[] = { 20, 20 };
  const double rec[] = { 20, 200 }, frq[] = { 10, 10 }, mon[] = { 5000, 4000 };
  const double ten[] = { 400, 580 };
  g_autofree guint32 *labels = NULL;
  g_autoptr(ScFeatures) f = blocks (2, sizes, rec, frq, mon, ten, &labels);
  ScSegmentProfile *p = sc_profile_compute (f, labels, 2, NULL, 0, NULL);

  /* Everyone has ten orders: at least three and at the upper tertile, so frequent. */
  g_assert_cmpstr (p[0].suggested_name, ==, "Loyal high spenders");
  g_assert_cmpstr (p[1].suggested_name, ==, "Lapsed frequent low spenders");
  g_assert_cmpfloat_with_epsilon (p[1].naming.rhythm, 380.0 / 9, EPS);
  sc_profile_free (p, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Profile/hand/sizes-revenue", test_hand_sizes_revenue);
  g_test_add_func ("/Core/Profile/hand/means-medians", test_hand_means_medians);
  g_test_add_func ("/Core/Profile/hand/lifts", test_hand_lifts);
  g_test_add_func ("/Core/Profile/hand/names", test_hand_names);
  g_test_add_func ("/Core/Profile/hand/describe", test_hand_describe);
  g_test_add_func ("/Core/Profile/names/distinguish-two", test_names_distinguish_two);
  g_test_add_func ("/Core/Profile/names/distinguish-three", test_names_distinguish_three);
  g_test_add_func ("/Core/Profile/names/distinguish-tenure", test_names_distinguish_tenure);
  g_test_add_func ("/Core/Profile/names/numbered", test_names_numbered);
  g_test_add_func ("/Core/Profile/names/table", test_names_table);
  g_test_add_func ("/Core/Profile/names/rhythm", test_names_rhythm);
  g_test_add_func ("/Core/Profile/names/no-purchases", test_names_no_purchases);
  g_test_add_func ("/Core/Profile/describe-average", test_describe_average);
  g_test_add_func ("/Core/Profile/random-against-sort", test_random_against_sort);
  g_test_add_func ("/Core/Profile/cancelled", test_cancelled);
  g_test_add_func ("/Core/Profile/malformed", test_malformed);
  g_test_add_func ("/Core/Profile/unassigned", test_unassigned);
  g_test_add_func ("/Core/Profile/no-customers", test_no_customers);

  return g_test_run ();
}
