/* seg-run-params.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segmentation parameters as an action parameter: a page asks its window to segment with
 * gtk_widget_activate_action (page, "win.segment-with", …), so that the page depends on no
 * window type and the window alone starts the job. */

#include "config.h"

#include "seg-run-params.h"

/**
 * seg_run_params_to_variant:
 *
 * Returns: (transfer floating): @params as a %SEG_RUN_PARAMS_VARIANT_TYPE variant
 */
GVariant *
seg_run_params_to_variant (const ScRunParams *params)
{
  GVariantBuilder features;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (params->n_features <= SC_RUN_MAX_FEATURES, NULL);

  g_variant_builder_init (&features, G_VARIANT_TYPE ("au"));
  for (guint i = 0; i < params->n_features; i++)
    g_variant_builder_add (&features, "u", (guint32) params->features[i]);

  return g_variant_new (SEG_RUN_PARAMS_VARIANT_TYPE, params->k, params->seed, params->n_init,
                        params->outlier_z, (gint32) params->as_of, &features, params->k_min,
                        params->k_max, params->min_share);
}

/**
 * seg_run_params_from_variant:
 * @variant: a %SEG_RUN_PARAMS_VARIANT_TYPE variant
 * @params: (out caller-allocates): the parameters
 *
 * Returns: whether @variant held parameters (at most %SC_RUN_MAX_FEATURES features)
 */
gboolean
seg_run_params_from_variant (GVariant    *variant,
                             ScRunParams *params)
{
  g_autoptr(GVariantIter) features = NULL;
  guint32 feature;
  gint32 as_of;

  g_return_val_if_fail (params != NULL, FALSE);

  if (variant == NULL || !g_variant_is_of_type (variant,
                                                G_VARIANT_TYPE (SEG_RUN_PARAMS_VARIANT_TYPE)))
    return FALSE;

  sc_run_params_init (params);
  g_variant_get (variant, SEG_RUN_PARAMS_VARIANT_TYPE, &params->k, &params->seed,
                 &params->n_init, &params->outlier_z, &as_of, &features, &params->k_min,
                 &params->k_max, &params->min_share);
  params->as_of = as_of;
  params->n_features = 0;
  while (g_variant_iter_next (features, "u", &feature))
    {
      if (params->n_features == SC_RUN_MAX_FEATURES)
        return FALSE;
      params->features[params->n_features++] = (ScFeature) feature;
    }
  return TRUE;
}
