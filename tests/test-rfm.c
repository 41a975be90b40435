/* test-rfm.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <string.h>

#include "sc-rfm.h"

static ScFeatures *
make_features (guint32       n,
               const double *r,
               const double *f,
               const double *m)
{
  ScFeatures *feat = sc_features_new (n, 1000);
  const double *src[3] = { r, f, m };
  const ScFeature which[3] = { SC_FEATURE_RECENCY, SC_FEATURE_FREQUENCY, SC_FEATURE_MONETARY };

  for (guint j = 0; j < 3; j++)
    {
      /* At least one element, so that an empty feature is present rather than NULL. */
      double *copy = g_new0 (double, MAX (n, 1));

      if (n > 0)
        memcpy (copy, src[j], n * sizeof (double));
      sc_features_set (feat, which[j], copy);
    }

  return feat;
}

/* Ten customers, values shuffled across customers so nothing depends on input order.
 *   recency   1..10                       → thresholds 2.8 4.6 6.4 8.2 (h = 9 p)
 *   frequency seven 1s, two 2s, one 5     → thresholds 1 1 1 2
 *   monetary  10 20 20 20 30 40 50 60 70 1000 → thresholds 20 26 44 62 */
static const double rec10[] = { 7, 2, 10, 5, 1, 9, 3, 6, 8, 4 };
static const double frq10[] = { 1, 2, 1, 1, 5, 1, 1, 2, 1, 1 };
static const double mon10[] = { 20, 1000, 10, 30, 70, 20, 40, 60, 20, 50 };

static void
test_thresholds (void)
{
  g_autoptr(ScFeatures) f = make_features (10, rec10, frq10, mon10);
  ScRfmThresholds t;
  const double want_r[] = { 2.8, 4.6, 6.4, 8.2 };
  const double want_f[] = { 1, 1, 1, 2 };
  const double want_m[] = { 20, 26, 44, 62 };

  sc_rfm_thresholds_compute (f, &t);
  for (guint j = 0; j < 4; j++)
    {
      g_assert_cmpfloat_with_epsilon (t.recency[j], want_r[j], 1e-12);
      g_assert_cmpfloat_with_epsilon (t.frequency[j], want_f[j], 1e-12);
      g_assert_cmpfloat_with_epsilon (t.monetary[j], want_m[j], 1e-12);
    }

  /* The features themselves are left untouched. */
  g_assert_cmpfloat (f->values[SC_FEATURE_RECENCY][0], ==, 7);
  g_assert_cmpfloat (f->values[SC_FEATURE_MONETARY][1], ==, 1000);
}

static void
test_scores (void)
{
  g_autoptr(ScFeatures) f = make_features (10, rec10, frq10, mon10);
  ScRfmThresholds t;
  guint8 r[10], fq[10], m[10];
  /* recency: 1,2 → 5; 3,4 → 4; 5,6 → 3; 7,8 → 2; 9,10 → 1 */
  const guint8 want_r[] = { 2, 5, 1, 3, 5, 1, 4, 3, 2, 4 };
  /* frequency: every 1 → 1 (1 <= t[0]); 2 → 4 (above t[2] = 1, not above t[3] = 2); 5 → 5 */
  const guint8 want_f[] = { 1, 4, 1, 1, 5, 1, 1, 4, 1, 1 };
  /* monetary: 10, 20 → 1 (all three 20s alike); 30, 40 → 3; 50, 60 → 4; 70, 1000 → 5 */
  const guint8 want_m[] = { 1, 5, 1, 3, 5, 1, 3, 4, 1, 4 };

  sc_rfm_thresholds_compute (f, &t);
  sc_rfm_score (f, &t, r, fq, m);

  for (guint i = 0; i < 10; i++)
    {
      g_test_message ("customer %u", i);
      g_assert_cmpuint (r[i], ==, want_r[i]);
      g_assert_cmpuint (fq[i], ==, want_f[i]);
      g_assert_cmpuint (m[i], ==, want_m[i]);
    }
}

static void
test_scores_user_thresholds (void)
{
  g_autoptr(ScFeatures) f = make_features (10, rec10, frq10, mon10);
  /* Edited by a user: only the thresholds decide. */
  ScRfmThresholds t = {
    .recency = { 1, 2, 3, 100 },
    .frequency = { 1, 2, 3, 4 },
    .monetary = { 0, 0, 0, 0 },
  };
  guint8 r[10], fq[10], m[10];

  sc_rfm_score (f, &t, r, fq, m);
  g_assert_cmpuint (r[4], ==, 5);   /* 1 <= 1 */
  g_assert_cmpuint (r[1], ==, 4);   /* 2 */
  g_assert_cmpuint (r[6], ==, 3);   /* 3 */
  g_assert_cmpuint (r[2], ==, 2);   /* 10 <= 100 */
  g_assert_cmpuint (fq[1], ==, 2);  /* 2 */
  g_assert_cmpuint (fq[4], ==, 5);  /* 5 > 4 */
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (m[i], ==, 5);
}

static void
test_mostly_one_time (void)
{
  /* Nine of ten bought once: all four frequency thresholds are 1, so one-time buyers score
   * 1 and the only repeat buyer 5. */
  const double r[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  const double fr[] = { 1, 1, 1, 1, 3, 1, 1, 1, 1, 1 };
  const double m[] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
  g_autoptr(ScFeatures) f = make_features (10, r, fr, m);
  ScRfmThresholds t;
  guint8 rs[10], fs[10], ms[10];

  sc_rfm_thresholds_compute (f, &t);
  for (guint j = 0; j < 4; j++)
    {
      g_assert_cmpfloat (t.frequency[j], ==, 1);
      g_assert_cmpfloat (t.monetary[j], ==, 5);
    }

  sc_rfm_score (f, &t, rs, fs, ms);
  for (guint i = 0; i < 10; i++)
    {
      g_assert_cmpuint (fs[i], ==, i == 4 ? 5 : 1);
      /* Everybody spent the same: the same (lowest) score for all. */
      g_assert_cmpuint (ms[i], ==, 1);
    }
}

static void
test_missing_recency (void)
{
  /* A customer without transactions has NAN recency: left out of the thresholds, scored 1. */
  const double r[] = { 10, 20, 30, 40, 50, NAN };
  const double fr[] = { 1, 1, 1, 1, 1, 0 };
  const double m[] = { 1, 2, 3, 4, 5, 0 };
  g_autoptr(ScFeatures) f = make_features (6, r, fr, m);
  ScRfmThresholds t;
  guint8 rs[6], fs[6], ms[6];

  sc_rfm_thresholds_compute (f, &t);
  /* Over 10..50: h = 4 p → 18 26 34 42 */
  g_assert_cmpfloat_with_epsilon (t.recency[0], 18, 1e-12);
  g_assert_cmpfloat_with_epsilon (t.recency[3], 42, 1e-12);

  sc_rfm_score (f, &t, rs, fs, ms);
  g_assert_cmpuint (rs[0], ==, 5);
  g_assert_cmpuint (rs[4], ==, 1);
  g_assert_cmpuint (rs[5], ==, 1);
  g_assert_cmpuint (fs[5], ==, 1);
  g_assert_cmpuint (ms[5], ==, 1);
}

static void
test_empty (void)
{
  g_autoptr(ScFeatures) f = make_features (0, NULL, NULL, NULL);
  ScRfmThresholds t;

  memset (&t, 0xff, sizeof t);
  sc_rfm_thresholds_compute (f, &t);
  for (guint j = 0; j < 4; j++)
    {
      g_assert_cmpfloat (t.recency[j], ==, 0);
      g_assert_cmpfloat (t.frequency[j], ==, 0);
      g_assert_cmpfloat (t.monetary[j], ==, 0);
    }
  sc_rfm_score (f, &t, NULL, NULL, NULL);
}

static void
test_missing_feature (void)
{
  g_autoptr(ScFeatures) f = sc_features_new (3, 10);
  ScRfmThresholds t;

  g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*SC_FEATURE_RECENCY*");
  sc_rfm_thresholds_compute (f, &t);
  g_test_assert_expected_messages ();
}

/* The documented grid: rows R = 5..1, columns FM = 1, 1.5, …, 5. */
static const ScRfmName grid[5][9] = {
#define CH SC_RFM_CHAMPIONS
#define LO SC_RFM_LOYAL
#define PL SC_RFM_POTENTIAL_LOYALIST
#define NE SC_RFM_NEW
#define PR SC_RFM_PROMISING
#define NA SC_RFM_NEED_ATTENTION
#define AS SC_RFM_ABOUT_TO_SLEEP
#define AR SC_RFM_AT_RISK
#define CL SC_RFM_CANT_LOSE
#define HI SC_RFM_HIBERNATING
#define LS SC_RFM_LOST
  /* R 5 */ { NE, NE, PL, PL, LO, LO, CH, CH, CH },
  /* R 4 */ { PR, PR, PL, PL, LO, LO, CH, CH, CH },
  /* R 3 */ { AS, AS, NA, NA, LO, LO, LO, LO, LO },
  /* R 2 */ { AS, AS, AS, AS, AR, AR, AR, AR, AR },
  /* R 1 */ { LS, LS, HI, HI, AR, AR, CL, CL, CL },
#undef CH
#undef LO
#undef PL
#undef NE
#undef PR
#undef NA
#undef AS
#undef AR
#undef CL
#undef HI
#undef LS
};

static void
test_name_grid (void)
{
  gboolean hit[SC_N_RFM_NAMES] = { FALSE, };

  for (guint8 r = 1; r <= 5; r++)
    for (guint8 f = 1; f <= 5; f++)
      for (guint8 m = 1; m <= 5; m++)
        {
          ScRfmName name = sc_rfm_name (r, f, m);

          g_test_message ("r %u f %u m %u", r, f, m);
          g_assert_cmpint (name, ==, grid[5 - r][f + m - 2]);
          hit[name] = TRUE;
        }

  /* Every rule is reachable. */
  for (guint i = 0; i < SC_N_RFM_NAMES; i++)
    g_assert_true (hit[i]);
}

static void
test_name_examples (void)
{
  /* One hand-picked case per rule. */
  g_assert_cmpint (sc_rfm_name (5, 5, 5), ==, SC_RFM_CHAMPIONS);
  g_assert_cmpint (sc_rfm_name (3, 5, 5), ==, SC_RFM_LOYAL);
  g_assert_cmpint (sc_rfm_name (5, 3, 4), ==, SC_RFM_LOYAL);
  g_assert_cmpint (sc_rfm_name (4, 1, 3), ==, SC_RFM_POTENTIAL_LOYALIST);
  g_assert_cmpint (sc_rfm_name (5, 1, 1), ==, SC_RFM_NEW);
  g_assert_cmpint (sc_rfm_name (4, 1, 2), ==, SC_RFM_PROMISING);
  g_assert_cmpint (sc_rfm_name (3, 2, 3), ==, SC_RFM_NEED_ATTENTION);
  g_assert_cmpint (sc_rfm_name (2, 1, 4), ==, SC_RFM_ABOUT_TO_SLEEP);
  g_assert_cmpint (sc_rfm_name (1, 5, 4), ==, SC_RFM_CANT_LOSE);
  g_assert_cmpint (sc_rfm_name (2, 5, 5), ==, SC_RFM_AT_RISK);
  g_assert_cmpint (sc_rfm_name (1, 2, 2), ==, SC_RFM_HIBERNATING);
  g_assert_cmpint (sc_rfm_name (1, 1, 1), ==, SC_RFM_LOST);
}

static void
test_rules_table (void)
{
  guint n = 0;
  const ScRfmRule *rules = sc_rfm_rules (&n);

  g_assert_cmpuint (n, ==, SC_N_RFM_NAMES);
  g_assert_cmpint (rules[0].name, ==, SC_RFM_CHAMPIONS);
  /* The last rule is the catch-all that makes the table total. */
  g_assert_cmpint (rules[n - 1].name, ==, SC_RFM_LOST);
  g_assert_cmpuint (rules[n - 1].r_min, ==, 1);
  g_assert_cmpuint (rules[n - 1].r_max, ==, 5);
  g_assert_cmpfloat (rules[n - 1].fm_min, ==, 1);
  g_assert_cmpfloat (rules[n - 1].fm_max, ==, 5);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (rules[i].r_min, <=, rules[i].r_max);
      g_assert_cmpfloat (rules[i].fm_min, <=, rules[i].fm_max);
    }
}

static void
test_name_out_of_range (void)
{
  g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*r >= 1*");
  g_assert_cmpint (sc_rfm_name (0, 3, 3), ==, SC_RFM_LOST);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Sc", G_LOG_LEVEL_CRITICAL, "*m <= 5*");
  g_assert_cmpint (sc_rfm_name (3, 3, 6), ==, SC_RFM_LOST);
  g_test_assert_expected_messages ();
}

static void
test_name_strings (void)
{
  static const char *ids[] = {
    "champions", "loyal", "potential_loyalist", "new", "promising", "need_attention",
    "about_to_sleep", "at_risk", "cant_lose", "hibernating", "lost"
  };
  ScRfmName n;

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == SC_N_RFM_NAMES);
  for (guint i = 0; i < SC_N_RFM_NAMES; i++)
    {
      g_assert_cmpstr (sc_rfm_name_to_string (i), ==, ids[i]);
      g_assert_true (sc_rfm_name_from_string (ids[i], &n));
      g_assert_cmpint (n, ==, i);
      g_assert_nonnull (sc_rfm_name_to_label (i));
    }
  g_assert_cmpstr (sc_rfm_name_to_label (SC_RFM_CHAMPIONS), ==, "Champions");
  g_assert_cmpstr (sc_rfm_name_to_label (SC_RFM_CANT_LOSE), ==, "Can't Lose Them");
  g_assert_false (sc_rfm_name_from_string ("Champions", &n));
  g_assert_false (sc_rfm_name_from_string ("", &n));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Rfm/thresholds", test_thresholds);
  g_test_add_func ("/Core/Rfm/scores", test_scores);
  g_test_add_func ("/Core/Rfm/scores-user-thresholds", test_scores_user_thresholds);
  g_test_add_func ("/Core/Rfm/mostly-one-time", test_mostly_one_time);
  g_test_add_func ("/Core/Rfm/missing-recency", test_missing_recency);
  g_test_add_func ("/Core/Rfm/empty", test_empty);
  g_test_add_func ("/Core/Rfm/missing-feature", test_missing_feature);
  g_test_add_func ("/Core/Rfm/name-grid", test_name_grid);
  g_test_add_func ("/Core/Rfm/name-examples", test_name_examples);
  g_test_add_func ("/Core/Rfm/rules-table", test_rules_table);
  g_test_add_func ("/Core/Rfm/name-out-of-range", test_name_out_of_range);
  g_test_add_func ("/Core/Rfm/name-strings", test_name_strings);

  return g_test_run ();
}
