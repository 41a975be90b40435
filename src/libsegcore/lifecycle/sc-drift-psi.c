/* sc-drift-psi.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The population stability index (sc_psi()) and its pieces, which the drift's measure of a
 * segment (sc-drift.c) uses on values it selects in place. */

#include "config.h"

#include <math.h>

#include "sc-drift-private.h"
#include "sc-stats.h"

/* Index of the bin of v: bins are (−∞, e0], (e0, e1], …, (e_last, ∞). */
static guint
bin_of (const double *edges,
        guint         n_edges,
        double        v)
{
  guint lo = 0, hi = n_edges;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (edges[mid] < v)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The ranks of the PSI's bin edges among m expected values, ascending and distinct: edge j
 * (1 ≤ j < n_bins) is the ⌈j m / n_bins⌉ − 1'th smallest.  Returns their number. */
guint
_sc_psi_ranks (gsize  m,
               guint  n_bins,
               gsize *ranks)
{
  guint n_ranks = 0;

  for (guint j = 1; j < n_bins; j++)
    {
      gsize idx = (gsize) ((j * (guint64) m + n_bins - 1) / n_bins) - 1;

      if (n_ranks == 0 || idx > ranks[n_ranks - 1])
        ranks[n_ranks++] = idx;
    }
  return n_ranks;
}

/* The edges at @ranks of @values once selected, repeated ones dropped. */
guint
_sc_psi_edges (const double *values,
               const gsize  *ranks,
               guint         n_ranks,
               double       *edges)
{
  guint n_edges = 0;

  for (guint r = 0; r < n_ranks; r++)
    {
      double e = values[ranks[r]];

      if (n_edges == 0 || e > edges[n_edges - 1])
        edges[n_edges++] = e;
    }
  return n_edges;
}

/* Adds to @counts (n_edges + 1 bins) the values of @v that are not NAN. */
void
_sc_psi_count (const double *edges,
               guint         n_edges,
               const double *v,
               gsize         n,
               guint64      *counts)
{
  for (gsize i = 0; i < n; i++)
    if (!isnan (v[i]))
      counts[bin_of (edges, n_edges, v[i])]++;
}

double
_sc_psi_of_counts (const guint64 *ce,
                   gsize          m,
                   const guint64 *ca,
                   gsize          ma,
                   guint          n_edges)
{
  double psi = 0;

  for (guint b = 0; b <= n_edges; b++)
    {
      double p = MAX (ce[b] / (double) m, SC_PSI_EPSILON);
      double q = MAX (ca[b] / (double) ma, SC_PSI_EPSILON);

      psi += (q - p) * log (q / p);
    }
  return psi;
}

/**
 * sc_psi:
 * @expected: (array length=n_expected): the earlier values
 * @actual: (array length=n_actual): the later values
 * @n_bins: number of quantile bins (10 for deciles)
 *
 * Population stability index, Σ (q − p) ln (q / p) over bins, p and q the shares of the
 * expected and actual values in each bin.  The bin edges are the expected values' lower
 * quantiles: with the m values sorted as x[0..m−1], edge j (1 ≤ j < @n_bins) is
 * x[⌈j m / n_bins⌉ − 1], repeated edges dropped; the bins are (−∞, e₁], (e₁, e₂], …, (e_last,
 * ∞).  A share of 0 counts as %SC_PSI_EPSILON.  NAN values are ignored.
 *
 * Returns: the index, or NAN when either side has no value or @n_bins < 2
 */
double
sc_psi (const double *expected,
        gsize         n_expected,
        const double *actual,
        gsize         n_actual,
        guint         n_bins)
{
  g_autofree double *values = NULL;
  g_autofree double *edges = NULL;
  g_autofree gsize *ranks = NULL;
  g_autofree guint64 *ce = NULL;
  g_autofree guint64 *ca = NULL;
  gsize m = 0, ma = 0;
  guint n_edges, n_ranks;

  g_return_val_if_fail (expected != NULL || n_expected == 0, NAN);
  g_return_val_if_fail (actual != NULL || n_actual == 0, NAN);

  if (n_bins < 2)
    return NAN;
  values = g_new (double, MAX (n_expected, 1));
  for (gsize i = 0; i < n_expected; i++)
    if (!isnan (expected[i]))
      values[m++] = expected[i];
  for (gsize i = 0; i < n_actual; i++)
    ma += !isnan (actual[i]);
  if (m == 0 || ma == 0)
    return NAN;
  /* The edges are order statistics: selected, not sorted for (the order of the values
   * matters nowhere else below). */
  ranks = g_new (gsize, n_bins);
  n_ranks = _sc_psi_ranks (m, n_bins, ranks);
  sc_select_ranks (values, m, ranks, n_ranks);
  edges = g_new (double, n_bins);
  n_edges = _sc_psi_edges (values, ranks, n_ranks, edges);

  ce = g_new0 (guint64, n_edges + 1);
  ca = g_new0 (guint64, n_edges + 1);
  _sc_psi_count (edges, n_edges, values, m, ce);
  _sc_psi_count (edges, n_edges, actual, n_actual, ca);
  return _sc_psi_of_counts (ce, m, ca, ma, n_edges);
}
