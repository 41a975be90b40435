/* sc-transform.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One definition of the clustering space. sc_run_segment() fits it (means, standard
 * deviations, centroids) and sc_run_score() places customers in it later; both must agree
 * on every step, or scored customers would land in other segments than a re-run would put
 * them in. */

#include "config.h"

#include <math.h>

#include "sc-kmeans.h"
#include "sc-transform.h"

/**
 * sc_transform_active_mask:
 * @n_active: (out): customers with at least one transaction
 *
 * Returns: (transfer full): per customer of @agg, 1 when it has transactions
 */
guint8 *
sc_transform_active_mask (const ScAggregates *agg,
                          gsize              *n_active)
{
  guint8 *active = g_new0 (guint8, MAX (agg->n, 1));

  *n_active = 0;
  for (guint32 i = 0; i < agg->n; i++)
    if (agg->n_rows[i] > 0)
      {
        active[i] = 1;
        (*n_active)++;
      }
  return active;
}

/**
 * sc_transform_outlier_mask:
 * @active: from sc_transform_active_mask()
 * @outlier_z: the threshold; 0 or less sets nobody apart
 * @n_outliers: (out) (optional): customers set apart
 *
 * Outliers: a robust z-score of log spend over the active customers, so a handful of giant
 * accounts neither drag a centroid nor hide inside an ordinary segment. Only the high side
 * is set apart: very small spenders are the ordinary low end, not anomalies.
 *
 * Returns: (transfer full): per customer, 1 for an outlier
 */
guint8 *
sc_transform_outlier_mask (const ScFeatures *features,
                           const guint8     *active,
                           gsize             n_active,
                           double            outlier_z,
                           gsize            *n_outliers)
{
  guint8 *outlier = g_new0 (guint8, MAX (features->n, 1));
  gsize count = 0;

  if (outlier_z > 0 && n_active > 0)
    {
      g_autofree double *logm = g_new (double, n_active);
      gsize j = 0;

      for (guint32 i = 0; i < features->n; i++)
        if (active[i])
          logm[j++] = log1p (MAX (features->values[SC_FEATURE_MONETARY][i], 0.0));
      sc_robust_z (logm, n_active, logm);
      j = 0;
      for (guint32 i = 0; i < features->n; i++)
        if (active[i])
          {
            outlier[i] = logm[j++] > outlier_z;
            count += outlier[i];
          }
    }
  if (n_outliers != NULL)
    *n_outliers = count;
  return outlier;
}

/**
 * sc_transform_value:
 *
 * Returns: log1p (max (@v, 0)), with a missing value (NAN) as 0: the transform of
 *   sc_features_matrix()
 */
double
sc_transform_value (double v)
{
  return log1p (MAX (isnan (v) ? 0.0 : v, 0.0));
}

/**
 * sc_transform_row:
 * @which: (array length=d): the clustering features
 * @mean: (array length=d): per feature, the mean of the transformed values
 * @sd: (array length=d): their standard deviation; 0 for a constant feature (z = 0)
 * @row: (out caller-allocates) (array length=d): the customer's point
 *
 * Places one customer in a run's clustering space.
 */
void
sc_transform_row (const ScFeatures *features,
                  guint32           customer,
                  const ScFeature  *which,
                  guint             d,
                  const double     *mean,
                  const double     *sd,
                  double           *row)
{
  for (guint j = 0; j < d; j++)
    {
      double v = sc_transform_value (features->values[which[j]][customer]);

      row[j] = sd[j] > 0 ? (v - mean[j]) / sd[j] : 0.0;
    }
}

/**
 * sc_kmeans_assign_nearest:
 * @centroids: (array): k × d, row-major
 * @distance: (out) (optional): the squared distance to the nearest centroid
 *
 * Returns: the nearest centroid of @row; the first of equals
 */
guint
sc_kmeans_assign_nearest (const double *row,
                          const double *centroids,
                          guint         k,
                          guint         d,
                          double       *distance)
{
  double best = INFINITY;
  guint best_c = 0;

  for (guint c = 0; c < k; c++)
    {
      const double *centre = centroids + (gsize) c * d;
      double dist = 0;

      for (guint j = 0; j < d; j++)
        dist += (row[j] - centre[j]) * (row[j] - centre[j]);
      if (dist < best)
        {
          best = dist;
          best_c = c;
        }
    }
  if (distance != NULL)
    *distance = best;
  return best_c;
}
