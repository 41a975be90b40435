/* sc-run-features.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The features a run is built on beyond those computed from the orders: CLV and P(alive)
 * from the fitted value model, the engagement features from the interactions and gross
 * profit from the lines' costs (sc-profit.c; NAN for a customer none of whose lines has a
 * cost, which sc_run_segment() leaves out of the fit and places afterwards).  Every
 * place that computes a run's features (segmenting, describing, splitting, scoring) fills
 * them here, so a run on engagement reads the same figures wherever it is touched. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-engagement.h"
#include "sc-potential.h"
#include "sc-profit.h"
#include "sc-run-private.h"
#include "sc-transform.h"

/**
 * _sc_run_fill_features:
 * @features: computed from the orders, at the run's as-of day
 *
 * Adds the value, engagement and profit features that @params use.
 *
 * Returns: %FALSE with @error set when they cannot be had: no fitted value model for the
 *   current data, no interactions, or no cost or margin data
 */
gboolean
_sc_run_fill_features (ScStore            *store,
                       const ScRunParams  *params,
                       ScFeatures         *features,
                       GCancellable       *cancellable,
                       GError            **error)
{
  gboolean value = FALSE, engagement = FALSE, profit = FALSE;

  for (guint j = 0; j < params->n_features; j++)
    {
      value |= params->features[j] == SC_FEATURE_CLV || params->features[j] == SC_FEATURE_P_ALIVE;
      engagement |= sc_feature_is_engagement (params->features[j]);
      profit |= params->features[j] == SC_FEATURE_PROFIT;
    }

  if (value && features->values[SC_FEATURE_CLV] == NULL)
    {
      g_autoptr(ScPotential) potential = NULL;
      g_autoptr(GError) local_error = NULL;

      potential = sc_potential_load_current (store, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (potential == NULL || potential->n != features->n ||
          !sc_potential_is_fresh (store, potential))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                       _("Segments cannot be built on value yet: fit the value model on the "
                         "current data first (segments-cli clv PROJECT, or Value Model in the "
                         "app)."));
          return FALSE;
        }
      sc_features_set (features, SC_FEATURE_CLV,
                       g_memdup2 (potential->clv, sizeof (double) * potential->n));
      sc_features_set (features, SC_FEATURE_P_ALIVE,
                       g_memdup2 (potential->p_alive, sizeof (double) * potential->n));
    }

  if (engagement && features->values[SC_FEATURE_ENGAGEMENT] == NULL)
    {
      g_autoptr(ScEngagement) e = NULL;

      if (!sc_store_has_interactions (store))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                       _("Segments cannot be built on engagement: the project has no "
                         "interactions. Import them first (segments-cli import PROJECT "
                         "--interactions FILE, or Import Data)."));
          return FALSE;
        }
      e = sc_engagement_load (store, features->n, features->as_of, cancellable, error);
      if (e == NULL)
        return FALSE;
      sc_engagement_set_features (e, features);
    }

  if (profit && features->values[SC_FEATURE_PROFIT] == NULL)
    {
      g_autoptr(ScProfit) p = sc_profit_load (store, error);

      if (p == NULL)
        return FALSE;
      if (!p->known || p->n != features->n)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                       _("Segments cannot be built on profit: the project has no cost or "
                         "margin data. Import orders with a cost or margin column "
                         "(segments-cli import PROJECT --transactions FILE --map cost=COLUMN), "
                         "or set a margin for the whole project (segments-cli profit PROJECT "
                         "--margin PERCENT)."));
          return FALSE;
        }
      sc_features_set (features, SC_FEATURE_PROFIT, g_steal_pointer (&p->profit));
    }
  return TRUE;
}

gboolean
_sc_run_fits_customer (const ScRunParams *params,
                       const ScFeatures  *features,
                       guint32            c)
{
  for (guint j = 0; j < params->n_features; j++)
    if (params->features[j] == SC_FEATURE_PROFIT)
      return !isnan (features->values[SC_FEATURE_PROFIT][c]);
  return TRUE;
}

guint16
_sc_run_place_customer (const ScRun      *run,
                        const ScFeatures *features,
                        guint32           c)
{
  double row[SC_RUN_MAX_FEATURES];

  sc_transform_row (features, c, run->params.features, run->params.n_features, run->mean,
                    run->sd, row);
  return (guint16) sc_kmeans_assign_nearest (row, run->centroids, run->k,
                                             run->params.n_features, NULL);
}

gboolean
_sc_run_fill_known_features (ScStore     *store,
                             ScFeatures  *features,
                             GError     **error)
{
  g_autoptr(ScProfit) p = NULL;

  if (sc_store_has_interactions (store))
    {
      ScRunParams engagement = { .n_features = 1, .features = { SC_FEATURE_ENGAGEMENT } };

      if (!_sc_run_fill_features (store, &engagement, features, NULL, error))
        return FALSE;
    }
  p = sc_profit_load (store, error);
  if (p == NULL)
    return FALSE;
  if (p->known && p->n == features->n)
    sc_features_set (features, SC_FEATURE_PROFIT, g_steal_pointer (&p->profit));
  return TRUE;
}
