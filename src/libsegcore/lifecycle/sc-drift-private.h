/* sc-drift-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>

#include "sc-drift.h"
#include "sc-parallel.h"

G_BEGIN_DECLS

/* The spread of one earlier segment's statistics over the bootstrap resamples, scaled to the
 * whole earlier population (sc-drift-calibrate.c). NAN where a statistic has no value. */
typedef struct
{
  double share_sd;
  double revenue_cv;
  double order_value_cv;
  double mean_z_sd[SC_SNAPSHOT_N_FEATURES];
} ScDriftSpread;

/* log1p (i) for the whole numbers i below SC_DRIFT_LOG1P_TABLE (sc-drift.c). */
#define SC_DRIFT_LOG1P_TABLE 8192
const double  *_sc_drift_log1p_table (void);

/* log1p (max (v, 0)) of a value that is not NAN: the clustering space's transform.  Recency
 * and frequency are whole days and orders, mostly small, read from @table (the same value
 * log1p() gives, without computing it again for every customer of every pass). */
static inline double
_sc_drift_log1p (const double *table,
                 double        v)
{
  double w = MAX (v, 0.0);

  if (w < SC_DRIFT_LOG1P_TABLE)
    {
      guint k = (guint) w;

      if ((double) k == w)
        return table[k];
    }
  return log1p (w);
}

/* Per earlier segment (from->n_segments entries), or NULL when it has no segmented customer;
 * mean and sd are the clustering space of population_transform() in sc-drift.c; the
 * resamples run on @team. */
ScDriftSpread *_sc_drift_bootstrap (const ScSnapshot *from,
                                    const double     *mean,
                                    const double     *sd,
                                    ScTeam           *team);

/* Sets d's normal changes from its measured figures and the spread of its earlier segment
 * (NULL for a new segment), then its flags and reason. */
void           _sc_drift_judge     (ScSegmentDrift      *d,
                                    const ScDriftSpread *spread);

/* The PSI's pieces (sc-drift-psi.c).  The ranks of the bin edges among m expected values,
 * ascending and distinct (their number returned); the edges at those ranks of the values
 * once selected, repeated ones dropped; counts per bin (n_edges + 1 of them) of the values
 * that are not NAN, added to @counts; and the index from the two sides' counts. */
guint          _sc_psi_ranks       (gsize                m,
                                    guint                n_bins,
                                    gsize               *ranks);
guint          _sc_psi_edges       (const double        *values,
                                    const gsize         *ranks,
                                    guint                n_ranks,
                                    double              *edges);
void           _sc_psi_count       (const double        *edges,
                                    guint                n_edges,
                                    const double        *v,
                                    gsize                n,
                                    guint64             *counts);
double         _sc_psi_of_counts   (const guint64       *ce,
                                    gsize                m,
                                    const guint64       *ca,
                                    gsize                ma,
                                    guint                n_edges);

/* The reason of a flagged segment (sc-drift-reason.c). */
char          *_sc_drift_reason    (const ScSegmentDrift *d);

G_END_DECLS
