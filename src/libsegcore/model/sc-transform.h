/* sc-transform.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-features.h"

G_BEGIN_DECLS

/* The clustering space shared by segmenting and scoring: which customers take part, which
 * are outliers, and how a customer's features become a point. */

guint8 *sc_transform_active_mask   (const ScAggregates *agg,
                                    gsize              *n_active);
guint8 *sc_transform_outlier_mask  (const ScFeatures   *features,
                                    const guint8       *active,
                                    gsize               n_active,
                                    double              outlier_z,
                                    gsize              *n_outliers);
double  sc_transform_value         (double              v);
void    sc_transform_row           (const ScFeatures   *features,
                                    guint32             customer,
                                    const ScFeature    *which,
                                    guint               d,
                                    const double       *mean,
                                    const double       *sd,
                                    double             *row);
guint   sc_kmeans_assign_nearest   (const double       *row,
                                    const double       *centroids,
                                    guint               k,
                                    guint               d,
                                    double             *distance);

G_END_DECLS
