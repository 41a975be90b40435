/* test-psi-select.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The population stability index finds its bin edges by selection (sc_select_ranks())
 * rather than by sorting (issue 22).  Property tests on seeded samples with ties, signed
 * zeros, NAN and every size from 1 up: the selected values are those a full sort puts at
 * the same ranks, and sc_psi() gives, bit for bit, the index its documented definition
 * gives when computed from a fully sorted copy. */

#include <math.h>
#include <string.h>

#include "sc-drift.h"
#include "sc-stats.h"

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* A sample of @n values: few distinct ones (many ties) or many, some NAN when @with_nan. */
static double *
sample (GRand    *rand,
        gsize     n,
        gboolean  with_nan)
{
  double *v = g_new (double, MAX (n, 1));
  int distinct = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 6) : 0;

  for (gsize i = 0; i < n; i++)
    {
      if (with_nan && g_rand_int_range (rand, 0, 8) == 0)
        v[i] = NAN;
      else if (distinct > 0)
        v[i] = g_rand_int_range (rand, -distinct / 2, distinct) * 1.5;
      else if (g_rand_int_range (rand, 0, 10) == 0)
        v[i] = g_rand_boolean (rand) ? 0.0 : -0.0;
      else
        v[i] = g_rand_double_range (rand, -50, 400);
    }
  return v;
}

/* The definition, from a fully sorted copy (as sc_psi() computed it before). */
static double
psi_reference (const double *expected,
               gsize         n_expected,
               const double *actual,
               gsize         n_actual,
               guint         n_bins)
{
  g_autofree double *sorted = g_new (double, MAX (n_expected, 1));
  g_autofree double *edges = g_new (double, n_bins);
  g_autofree guint64 *ce = NULL;
  g_autofree guint64 *ca = NULL;
  gsize m = 0, ma = 0;
  guint n_edges = 0;
  double psi = 0;

  for (gsize i = 0; i < n_expected; i++)
    if (!isnan (expected[i]))
      sorted[m++] = expected[i];
  for (gsize i = 0; i < n_actual; i++)
    ma += !isnan (actual[i]);
  if (m == 0 || ma == 0)
    return NAN;
  qsort (sorted, m, sizeof (double), compare_double);
  for (guint j = 1; j < n_bins; j++)
    {
      double e = sorted[(j * (guint64) m + n_bins - 1) / n_bins - 1];

      if (n_edges == 0 || e > edges[n_edges - 1])
        edges[n_edges++] = e;
    }
  ce = g_new0 (guint64, n_edges + 1);
  ca = g_new0 (guint64, n_edges + 1);
  for (int side = 0; side < 2; side++)
    {
      const double *v = side == 0 ? sorted : actual;
      gsize n = side == 0 ? m : n_actual;

      for (gsize i = 0; i < n; i++)
        {
          guint b = 0;

          if (isnan (v[i]))
            continue;
          while (b < n_edges && edges[b] < v[i])
            b++;
          (side == 0 ? ce : ca)[b]++;
        }
    }
  for (guint b = 0; b <= n_edges; b++)
    {
      double p = MAX (ce[b] / (double) m, SC_PSI_EPSILON);
      double q = MAX (ca[b] / (double) ma, SC_PSI_EPSILON);

      psi += (q - p) * log (q / p);
    }
  return psi;
}

static void
test_select_ranks (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (221);

  for (guint t = 0; t < 400; t++)
    {
      gsize n = t < 40 ? t + 1 : (gsize) g_rand_int_range (rand, 1, 5000);
      g_autofree double *v = sample (rand, n, FALSE);
      g_autofree double *sorted = g_memdup2 (v, sizeof (double) * n);
      g_autofree gsize *ranks = g_new (gsize, n);
      guint n_ranks = 0;

      qsort (sorted, n, sizeof (double), compare_double);
      for (gsize r = 0; r < n; r++)
        if (g_rand_int_range (rand, 0, 50) == 0 || r == n - 1)
          ranks[n_ranks++] = r;
      sc_select_ranks (v, n, ranks, n_ranks);
      for (guint i = 0; i < n_ranks; i++)
        g_assert_cmpfloat (v[ranks[i]], ==, sorted[ranks[i]]);
      /* Reordered, not changed. */
      qsort (v, n, sizeof (double), compare_double);
      for (gsize i = 0; i < n; i++)
        g_assert_cmpfloat (v[i], ==, sorted[i]);
    }
}

static void
test_psi_matches_sorted_definition (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2222);

  for (guint t = 0; t < 600; t++)
    {
      gsize n1 = t < 30 ? t + 1 : (gsize) g_rand_int_range (rand, 1, 3000);
      gsize n2 = (gsize) g_rand_int_range (rand, 1, 3000);
      guint bins = g_rand_boolean (rand) ? SC_PSI_BINS : (guint) g_rand_int_range (rand, 2, 13);
      g_autofree double *a = sample (rand, n1, g_rand_boolean (rand));
      g_autofree double *b = sample (rand, n2, g_rand_boolean (rand));
      double want = psi_reference (a, n1, b, n2, bins);
      double got = sc_psi (a, n1, b, n2, bins);

      if (isnan (want))
        g_assert_true (isnan (got));
      else
        g_assert_cmpmem (&got, sizeof got, &want, sizeof want);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/psi/select-ranks", test_select_ranks);
  g_test_add_func ("/psi/matches-sorted-definition", test_psi_matches_sorted_definition);
  return g_test_run ();
}
