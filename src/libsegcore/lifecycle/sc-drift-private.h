/* sc-drift-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-drift.h"

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

/* Per earlier segment (from->n_segments entries), or NULL when it has no segmented customer;
 * mean and sd are the clustering space of population_transform() in sc-drift.c. */
ScDriftSpread *_sc_drift_bootstrap (const ScSnapshot *from,
                                    const double     *mean,
                                    const double     *sd);

/* Sets d's normal changes from its measured figures and the spread of its earlier segment
 * (NULL for a new segment), then its flags and reason. */
void           _sc_drift_judge     (ScSegmentDrift      *d,
                                    const ScDriftSpread *spread);

/* The reason of a flagged segment (sc-drift-reason.c). */
char          *_sc_drift_reason    (const ScSegmentDrift *d);

G_END_DECLS
