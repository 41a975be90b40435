/* sc-kmeans-choice.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Automatic k: the number of segments a marketer can use, not only the most distinct one.
 *
 * Silhouette alone favours k = 2 on typical purchase data (one-time buyers against the
 * rest), and two segments are not a plan.  So each k of the range is scored three ways: its
 * silhouette (how distinct the clusters are), its smallest cluster's share of the points
 * (a segment too small to act on is no segment) and, when measured, its least stable
 * cluster's stability (a cluster that resampling does not find again is an artefact).
 *
 * A k is usable when its smallest cluster holds at least min_share and no cluster's
 * stability is below min_stability (default 0.75, where Hennig calls a cluster stable; a
 * segment below 0.6 is flagged unstable wherever it is shown).  The rule, in order:
 *   1. among the usable k whose silhouette is within silhouette_tolerance of the highest
 *      silhouette of the range, the one with the highest silhouette (BEST when that is the
 *      highest of all, else WITHIN_TOLERANCE);
 *   2. else the usable k with the highest silhouette (OUTSIDE_TOLERANCE);
 *   3. else nothing in the range is usable (FEWER_GROUPS): the data supports fewer usable
 *      groups than the range's low end.  The k with the highest silhouette among those whose
 *      clusters are all large enough is kept, or the highest silhouette of all, and the run
 *      says so in plain words.
 * Ties go to the smaller k everywhere (the arrays are in ascending k). */

#include "config.h"

#include <math.h>

#include "sc-kmeans-private.h"

static gboolean
is_usable (const ScKmeansParams *params,
           double                smallest_share,
           double                stability)
{
  if (!(smallest_share >= params->min_share))
    return FALSE;
  /* Not measured is no evidence of instability. */
  return isnan (stability) || stability >= params->min_stability;
}

/* The index with the highest silhouette among those accepted, or -1. */
static int
best_of (guint          n_tried,
         const double  *silhouette,
         const gboolean *accepted)
{
  int best = -1;

  for (guint t = 0; t < n_tried; t++)
    if (accepted[t] && (best < 0 || silhouette[t] > silhouette[best]))
      best = (int) t;
  return best;
}

guint
_sc_kmeans_choose_k (const ScKmeansParams *params,
                     guint                 n_tried,
                     const double         *silhouette,
                     const double         *smallest_share,
                     const double         *stability,
                     ScKChoice            *choice)
{
  g_autofree gboolean *accepted = g_new0 (gboolean, MAX (n_tried, 1));
  double highest = -INFINITY;
  int best;

  g_assert (n_tried > 0);

  for (guint t = 0; t < n_tried; t++)
    highest = MAX (highest, silhouette[t]);

  for (guint t = 0; t < n_tried; t++)
    accepted[t] = is_usable (params, smallest_share[t], stability[t]) &&
                  silhouette[t] >= highest - params->silhouette_tolerance;
  best = best_of (n_tried, silhouette, accepted);
  if (best >= 0)
    {
      *choice = silhouette[best] >= highest ? SC_K_CHOICE_BEST : SC_K_CHOICE_WITHIN_TOLERANCE;
      return (guint) best;
    }

  for (guint t = 0; t < n_tried; t++)
    accepted[t] = is_usable (params, smallest_share[t], stability[t]);
  best = best_of (n_tried, silhouette, accepted);
  if (best >= 0)
    {
      *choice = SC_K_CHOICE_OUTSIDE_TOLERANCE;
      return (guint) best;
    }

  *choice = SC_K_CHOICE_FEWER_GROUPS;
  for (guint t = 0; t < n_tried; t++)
    accepted[t] = smallest_share[t] >= params->min_share;
  best = best_of (n_tried, silhouette, accepted);
  if (best >= 0)
    return (guint) best;
  for (guint t = 0; t < n_tried; t++)
    accepted[t] = TRUE;
  return (guint) best_of (n_tried, silhouette, accepted);
}

/* ------------------------------------------------------------------------------------- */
/* Distinct rows, only needed to explain why a fit left a cluster empty. */

typedef struct
{
  const double *x;
  guint         d;
} RowOrder;

static gint
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const RowOrder *order = user_data;
  const double *pa = order->x + *(const gsize *) a * order->d;
  const double *pb = order->x + *(const gsize *) b * order->d;

  for (guint j = 0; j < order->d; j++)
    if (pa[j] != pb[j])
      return pa[j] < pb[j] ? -1 : 1;
  return 0;
}

gsize
_sc_kmeans_count_distinct_rows (const Points *points)
{
  RowOrder order = { points->x, points->d };
  g_autofree gsize *rows = g_new (gsize, points->n);
  gsize distinct = points->n > 0;

  for (gsize i = 0; i < points->n; i++)
    rows[i] = i;
  g_qsort_with_data (rows, points->n, sizeof (gsize), compare_rows, &order);
  for (gsize i = 1; i < points->n; i++)
    distinct += compare_rows (&rows[i - 1], &rows[i], &order) != 0;
  return distinct;
}
