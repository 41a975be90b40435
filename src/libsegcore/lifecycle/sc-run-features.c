/* sc-run-features.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The features a run is built on beyond those computed from the orders: CLV and P(alive)
 * from the fitted value model, and the engagement features from the interactions.  Every
 * place that computes a run's features (segmenting, describing, splitting, scoring) fills
 * them here, so a run on engagement reads the same figures wherever it is touched. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sc-engagement.h"
#include "sc-potential.h"
#include "sc-run-private.h"

/**
 * _sc_run_fill_features:
 * @features: computed from the orders, at the run's as-of day
 *
 * Adds the value and engagement features that @params use.
 *
 * Returns: %FALSE with @error set when they cannot be had: no fitted value model for the
 *   current data, or no interactions
 */
gboolean
_sc_run_fill_features (ScStore            *store,
                       const ScRunParams  *params,
                       ScFeatures         *features,
                       GCancellable       *cancellable,
                       GError            **error)
{
  gboolean value = FALSE, engagement = FALSE;

  for (guint j = 0; j < params->n_features; j++)
    {
      value |= params->features[j] == SC_FEATURE_CLV || params->features[j] == SC_FEATURE_P_ALIVE;
      engagement |= sc_feature_is_engagement (params->features[j]);
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
  return TRUE;
}
