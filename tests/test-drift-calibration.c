/* test-drift-calibration.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Issue 15: drift flags calibrated against normal change, on hand-made snapshots whose
 * normal changes can be worked out by hand (test-cli-drift.py has the generated businesses). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-drift.h"
#include "test-utils.h"

/* n customers in two segments "A" (the first half) and "B"; every customer has recency 10,
 * 2 orders, spend 200; in the recent window 1 order of value `order_value` for A, 1 of 50 for
 * B. A moves[i] ≥ 0 puts customer i in that segment instead. */
static ScSnapshot *
snapshot_new (guint32       n,
              const int    *moves,
              double        order_value,
              double        p_alive_a,
              ScDay         as_of)
{
  static const char *names[] = { "A", "B" };
  ScSnapshot *snap = g_new0 (ScSnapshot, 1);

  snap->created_at = g_strdup ("2026-01-01T00:00:00Z");
  snap->label = g_strdup ("hand-made");
  snap->as_of = as_of;
  snap->n_customers = n;
  snap->labels = g_new (guint16, n);
  snap->features[0] = g_new (double, 3 * (gsize) n);
  snap->features[1] = snap->features[0] + n;
  snap->features[2] = snap->features[0] + 2 * (gsize) n;
  snap->revenue = g_new (double, n);
  snap->orders = g_new (double, n);
  for (guint32 i = 0; i < n; i++)
    {
      snap->labels[i] = moves != NULL && moves[i] >= 0 ? (guint16) moves[i] : i < n / 2 ? 0 : 1;
      snap->features[SC_SNAPSHOT_RECENCY][i] = 10;
      snap->features[SC_SNAPSHOT_FREQUENCY][i] = 2;
      snap->features[SC_SNAPSHOT_MONETARY][i] = 200;
      snap->orders[i] = 1;
      snap->revenue[i] = snap->labels[i] == 0 ? order_value : 50;
    }
  snap->n_segments = 2;
  snap->segments = g_new0 (ScSnapshotSegment, 2);
  for (guint s = 0; s < 2; s++)
    {
      snap->segments[s].position = s;
      snap->segments[s].segment = snap->segments[s].origin = s + 1;
      snap->segments[s].name = g_strdup (names[s]);
      snap->segments[s].p_alive = s == 0 ? p_alive_a : 0.5;
      for (guint32 i = 0; i < n; i++)
        snap->segments[s].size += snap->labels[i] == s;
    }
  return snap;
}

static const ScSegmentDrift *
segment_named (const ScDrift *drift,
               const char    *name)
{
  for (guint i = 0; i < drift->n_segments; i++)
    if (g_str_equal (drift->segments[i].name, name))
      return &drift->segments[i];
  g_assert_not_reached ();
}

/* Nothing changed: nothing is flagged, and every normal change is at least its floor. */
static void
test_no_change_no_flag (void)
{
  g_autoptr(ScSnapshot) from = snapshot_new (400, NULL, 80, 0.6, 1000);
  g_autoptr(ScSnapshot) to = snapshot_new (400, NULL, 80, 0.6, 1091);
  g_autoptr(ScDrift) drift = sc_drift_compute (from, to, NULL, NULL);
  const ScSegmentDrift *a = segment_named (drift, "A");

  g_assert_cmpuint (drift->n_flagged, ==, 0);
  g_assert_cmpfloat (a->share_normal, >=, SC_DRIFT_SIZE_THRESHOLD * 0.5);
  g_assert_cmpfloat (a->revenue_normal, >=, SC_DRIFT_REVENUE_THRESHOLD);
  /* Every order of A is worth 80: the order value has no spread, the floor is the normal. */
  g_assert_cmpfloat (a->order_value_normal, ==, SC_DRIFT_ORDER_VALUE_THRESHOLD);
  g_assert_cmpfloat (a->psi_normal, ==, MAX (SC_DRIFT_PSI_THRESHOLD, 27.877 * (2 / 200.0)));
  g_assert_cmpfloat (a->shift_normal, ==, SC_DRIFT_SHIFT_THRESHOLD);
  g_assert_true (isnan (a->left_before));
  g_assert_true (isnan (a->left_normal));
}

/* A 30% smaller order in A, sizes unchanged: flagged, with the figures in the sentence. */
static void
test_order_value_drop (void)
{
  g_autoptr(ScSnapshot) from = snapshot_new (400, NULL, 80, 0.6, 1000);
  g_autoptr(ScSnapshot) to = snapshot_new (400, NULL, 56, 0.6, 1091);
  g_autoptr(ScDrift) drift = sc_drift_compute (from, to, NULL, NULL);
  const ScSegmentDrift *a = segment_named (drift, "A");
  const ScSegmentDrift *b = segment_named (drift, "B");

  g_assert_cmpfloat (a->share_from, ==, a->share_to);
  g_assert_cmpfloat_with_epsilon (a->order_value_from, 80, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->order_value_to, 56, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->order_value_change, -0.3, 1e-12);
  g_assert_cmpint (a->flags, ==, SC_DRIFT_FLAG_ORDER_VALUE | SC_DRIFT_FLAG_REVENUE);
  /* A's revenue varies with how many members a period has: a resample holds A's 200 of 400
   * customers with a spread of √(0.25/400), a relative 5% of its revenue; normal is 3.5 × √2
   * × that.  Both fell 30%, order value (beyond its floor of 5%) furthest, so it comes first. */
  g_assert_cmpfloat (a->revenue_normal, >, 0.85 * 3.5 * G_SQRT2 * 0.05);
  g_assert_cmpfloat (a->revenue_normal, <, 1.15 * 3.5 * G_SQRT2 * 0.05);
  {
    g_autofree char *expected =
      g_strdup_printf ("Order value in A fell 30%% (from 80 to 56); the normal change is within "
                       "±5.0%%. Revenue of A in the last 90 days fell 30%% (from 16000 to "
                       "11200); the normal change is within ±%.0f%%", 100 * a->revenue_normal);

    g_assert_cmpstr (a->reason, ==, expected);
  }
  g_assert_cmpint (b->flags, ==, 0);
  g_assert_cmpuint (drift->n_flagged, ==, 1);
}

/* P(alive) is judged with the bound μ(1 − μ)/n of a mean of values in [0, 1]. */
static void
test_p_alive (void)
{
  g_autoptr(ScSnapshot) from = snapshot_new (400, NULL, 80, 0.6, 1000);
  g_autoptr(ScSnapshot) to = snapshot_new (400, NULL, 80, 0.3, 1091);
  g_autoptr(ScSnapshot) near = snapshot_new (400, NULL, 80, 0.5, 1091);
  g_autoptr(ScDrift) drift = sc_drift_compute (from, to, NULL, NULL);
  g_autoptr(ScDrift) small = sc_drift_compute (from, near, NULL, NULL);
  const ScSegmentDrift *a = segment_named (drift, "A");
  double normal = 3.5 * sqrt (0.6 * 0.4 / 200 + 0.3 * 0.7 / 200);

  g_assert_cmpfloat_with_epsilon (a->p_alive_normal, normal, 1e-12);
  g_assert_cmpint (a->flags, ==, SC_DRIFT_FLAG_P_ALIVE);
  g_assert_cmpstr (a->reason, ==,
                   "The mean P(alive) of A fell from 0.60 to 0.30; the normal change is "
                   "within ±0.17");
  /* 0.6 → 0.5 is within 3.5 × √(0.24/200 + 0.25/200) = 0.173. */
  g_assert_cmpint (segment_named (small, "A")->flags, ==, 0);
}

/* Movement is judged against the period before: 10% of A left then; now 10% again is
 * normal, 50% is not; without the period before, nothing is said about movement. */
static void
test_movement_against_period_before (void)
{
  int moved_some[400], moved_many[400];
  g_autoptr(ScSnapshot) before = NULL;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) steady = NULL;
  g_autoptr(ScSnapshot) turned = NULL;
  g_autoptr(ScDrift) d_steady = NULL;
  g_autoptr(ScDrift) d_turned = NULL;
  g_autoptr(ScDrift) d_alone = NULL;
  const ScSegmentDrift *a;

  /* 20 of A's 200 go to B and 20 of B's come to A: sizes stay. */
  for (guint i = 0; i < 400; i++)
    {
      moved_some[i] = i < 20 ? 1 : (i >= 200 && i < 220) ? 0 : -1;
      moved_many[i] = i < 100 ? 1 : (i >= 200 && i < 300) ? 0 : -1;
    }
  before = snapshot_new (400, NULL, 80, NAN, 900);
  from = snapshot_new (400, moved_some, 80, NAN, 1000);
  /* The next period moves the same customers back: 10% of A leaves again. */
  steady = snapshot_new (400, NULL, 80, NAN, 1091);
  turned = snapshot_new (400, moved_many, 80, NAN, 1091);
  d_steady = sc_drift_compute_full (before, from, steady, NULL, NULL);
  a = segment_named (d_steady, "A");
  g_assert_cmpfloat_with_epsilon (a->left_before, 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->left_share, 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->left_normal,
                                  0.1 + MAX (3.5 * sqrt (0.1 * 0.9 * 2 / 200), 0.1), 1e-12);
  g_assert_cmpint (a->flags, ==, 0);

  /* 80 of A's 200 members (20–99) leave now. */
  d_turned = sc_drift_compute_full (before, from, turned, NULL, NULL);
  a = segment_named (d_turned, "A");
  g_assert_cmpfloat_with_epsilon (a->left_share, 0.4, 1e-12);
  g_assert_true (a->flags & SC_DRIFT_FLAG_LEFT);
  {
    g_autofree char *expected =
      g_strdup_printf ("40%% of the members of A moved to other segments; 10%% did in the "
                       "period before, and up to %.0f%% is normal", 100 * a->left_normal);

    g_test_message ("%s", a->reason);
    g_assert_nonnull (strstr (a->reason, expected));
  }

  d_alone = sc_drift_compute (from, turned, NULL, NULL);
  a = segment_named (d_alone, "A");
  g_assert_true (isnan (a->left_normal));
  g_assert_false (a->flags & SC_DRIFT_FLAG_LEFT);
}

/* The same two snapshots give the same normal changes: the bootstrap has a fixed seed. */
static void
test_deterministic (void)
{
  g_autoptr(ScSnapshot) from = snapshot_new (1000, NULL, 80, 0.6, 1000);
  g_autoptr(ScSnapshot) to = snapshot_new (1000, NULL, 70, 0.6, 1091);
  g_autoptr(ScDrift) one = NULL;
  g_autoptr(ScDrift) two = NULL;

  /* Spread A's orders so that the bootstrap has something to measure. */
  for (guint32 i = 0; i < 500; i++)
    from->revenue[i] = 40 + (i % 9) * 10;
  one = sc_drift_compute (from, to, NULL, NULL);
  two = sc_drift_compute (from, to, NULL, NULL);
  for (guint s = 0; s < one->n_segments; s++)
    {
      g_assert_cmpfloat (one->segments[s].share_normal, ==, two->segments[s].share_normal);
      g_assert_cmpfloat (one->segments[s].revenue_normal, ==, two->segments[s].revenue_normal);
      g_assert_cmpint (one->segments[s].flags, ==, two->segments[s].flags);
    }
  g_assert_cmpfloat (segment_named (one, "A")->order_value_normal, >,
                     SC_DRIFT_ORDER_VALUE_THRESHOLD);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/DriftCalibration/no-change", test_no_change_no_flag);
  g_test_add_func ("/Core/DriftCalibration/order-value-drop", test_order_value_drop);
  g_test_add_func ("/Core/DriftCalibration/p-alive", test_p_alive);
  g_test_add_func ("/Core/DriftCalibration/movement", test_movement_against_period_before);
  g_test_add_func ("/Core/DriftCalibration/deterministic", test_deterministic);
  return g_test_run ();
}
