/* test-drift-measure.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The drift's per-segment medians and PSI (measured on a team, with the order statistics
 * of each side selected in place in one pass) against sc_median() and sc_psi() of the same
 * members' values, on many generated pairs of snapshots: segments of every size (none, one
 * member, an even and an odd number, below and above SC_DRIFT_MIN_MEMBERS), missing values,
 * many ties, new and gone segments.  The figures must be the same numbers, not close ones. */

#include <math.h>
#include <string.h>

#include "sc-drift.h"
#include "sc-rng.h"
#include "sc-stats.h"
#include "sc-snapshot.h"

#define N_DATASETS 80

static const char *names[] = { "A", "B", "C", "D", "E", "F" };

/* A snapshot of n customers over n_segments segments whose origins are 1 + their position
 * plus @origin_shift (a shift makes segments of the other snapshot new or gone). */
static ScSnapshot *
random_snapshot (ScRng   *rng,
                 guint32  n,
                 guint    n_segments,
                 guint    origin_shift,
                 gboolean ties)
{
  ScSnapshot *snap = g_new0 (ScSnapshot, 1);
  /* Skewed sizes: the first segment large, the last ones small or empty. */
  double skew = 0.2 + 0.8 * sc_rng_double (rng);

  snap->created_at = g_strdup ("2026-01-01T00:00:00Z");
  snap->label = g_strdup ("generated");
  snap->as_of = 20000;
  snap->n_customers = n;
  snap->labels = g_new (guint16, MAX (n, 1));
  snap->features[0] = g_new (double, 3 * (gsize) MAX (n, 1));
  snap->features[1] = snap->features[0] + n;
  snap->features[2] = snap->features[0] + 2 * (gsize) n;
  snap->revenue = g_new (double, MAX (n, 1));
  snap->orders = g_new (double, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    {
      guint s = 0;

      while (s + 1 < n_segments && sc_rng_double (rng) > skew)
        s++;
      snap->labels[i] = sc_rng_double (rng) < 0.05 ? SC_LABEL_NONE : (guint16) s;
      for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
        {
          double v = ties ? (double) sc_rng_uniform (rng, 6)
                          : 1000 * sc_rng_double (rng) - (f == SC_SNAPSHOT_MONETARY ? 100 : 0);

          snap->features[f][i] = sc_rng_double (rng) < 0.1 ? NAN : v;
        }
      snap->revenue[i] = 100 * sc_rng_double (rng);
      snap->orders[i] = (double) sc_rng_uniform (rng, 4);
    }
  snap->n_segments = n_segments;
  snap->segments = g_new0 (ScSnapshotSegment, MAX (n_segments, 1));
  for (guint s = 0; s < n_segments; s++)
    {
      ScSnapshotSegment *seg = &snap->segments[s];

      seg->position = s;
      seg->segment = seg->origin = 1 + s + origin_shift;
      seg->name = g_strdup (names[(s + origin_shift) % G_N_ELEMENTS (names)]);
      seg->value = seg->potential = seg->p_alive = NAN;
      for (guint32 i = 0; i < n; i++)
        seg->size += snap->labels[i] == s;
    }
  return snap;
}

/* The values of feature f of the members of segment @position (none for -1). */
static double *
members_values (const ScSnapshot *snap,
                int               position,
                guint             f,
                gsize            *n_out)
{
  double *v = g_new (double, MAX (snap->n_customers, 1));
  gsize n = 0;

  for (guint32 i = 0; i < snap->n_customers && position >= 0; i++)
    if (snap->labels[i] == position)
      v[n++] = snap->features[f][i];
  *n_out = n;
  return v;
}

static void
assert_same (double a,
             double b)
{
  if (isnan (a) && isnan (b))
    return;
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
}

static void
test_measure_matches_reference (void)
{
  guint checked_psi = 0, checked_even = 0, checked_empty = 0;

  for (guint seed = 1; seed <= N_DATASETS; seed++)
    {
      g_autoptr(ScSnapshot) from = NULL;
      g_autoptr(ScSnapshot) to = NULL;
      g_autoptr(ScDrift) drift = NULL;
      g_autoptr(GError) error = NULL;
      ScRng rng;
      guint32 n;

      sc_rng_init (&rng, seed);
      /* From a handful of customers to a few thousand; the later snapshot may know more. */
      n = (guint32) (seed % 5 == 0 ? 1 + sc_rng_uniform (&rng, 40)
                                   : 50 + sc_rng_uniform (&rng, 4000));
      from = random_snapshot (&rng, n, 1 + (guint) sc_rng_uniform (&rng, 5), 0, seed % 3 == 0);
      to = random_snapshot (&rng, n + (guint32) sc_rng_uniform (&rng, 100),
                            1 + (guint) sc_rng_uniform (&rng, 5),
                            (guint) sc_rng_uniform (&rng, 2), seed % 3 == 0);

      drift = sc_drift_compute (from, to, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (drift);

      for (guint i = 0; i < drift->n_segments; i++)
        {
          const ScSegmentDrift *d = &drift->segments[i];

          for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
            {
              gsize na, nb;
              g_autofree double *a = members_values (from, d->from_position, f, &na);
              g_autofree double *b = members_values (to, d->to_position, f, &nb);
              gboolean psi_expected = d->from_position >= 0 && d->to_position >= 0 &&
                                      na >= SC_DRIFT_MIN_MEMBERS &&
                                      nb >= SC_DRIFT_MIN_MEMBERS;

              g_assert_cmpuint (d->size_from, ==, na);
              g_assert_cmpuint (d->size_to, ==, nb);
              assert_same (d->median_from[f], na > 0 ? sc_median (a, na) : NAN);
              assert_same (d->median_to[f], nb > 0 ? sc_median (b, nb) : NAN);
              assert_same (d->psi[f], psi_expected ? sc_psi (a, na, b, nb, SC_PSI_BINS) : NAN);
              checked_psi += psi_expected && isfinite (d->psi[f]);
              checked_even += na > 0 && na % 2 == 0;
              checked_empty += na == 0 || nb == 0;
            }
        }
    }
  /* The datasets reach every case the selection distinguishes. */
  g_assert_cmpuint (checked_psi, >, 100);
  g_assert_cmpuint (checked_even, >, 20);
  g_assert_cmpuint (checked_empty, >, 5);
}

/* The same two snapshots give the same drift, bit for bit, however the work was split. */
static void
test_measure_repeatable (void)
{
  ScRng rng;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(ScDrift) one = NULL;
  g_autoptr(ScDrift) two = NULL;

  sc_rng_init (&rng, 4242);
  from = random_snapshot (&rng, 60000, 4, 0, FALSE);
  to = random_snapshot (&rng, 60500, 4, 0, FALSE);
  one = sc_drift_compute (from, to, NULL, NULL);
  two = sc_drift_compute (from, to, NULL, NULL);
  g_assert_nonnull (one);
  g_assert_nonnull (two);
  g_assert_cmpuint (one->n_segments, ==, two->n_segments);
  for (guint i = 0; i < one->n_segments; i++)
    {
      const ScSegmentDrift *a = &one->segments[i], *b = &two->segments[i];

      assert_same (a->share_normal, b->share_normal);
      assert_same (a->revenue_normal, b->revenue_normal);
      assert_same (a->order_value_normal, b->order_value_normal);
      assert_same (a->shift_normal, b->shift_normal);
      assert_same (a->centroid_shift, b->centroid_shift);
      for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
        assert_same (a->psi[f], b->psi[f]);
      g_assert_cmpuint (a->flags, ==, b->flags);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/drift/measure/matches-reference", test_measure_matches_reference);
  g_test_add_func ("/drift/measure/repeatable", test_measure_repeatable);

  return g_test_run ();
}
