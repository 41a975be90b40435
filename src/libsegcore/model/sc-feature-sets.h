/* sc-feature-sets.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-features.h"

G_BEGIN_DECLS

/**
 * ScFeatureSet:
 * @SC_FEATURE_SET_RFM: behaviour: recency, frequency, monetary (the default)
 * @SC_FEATURE_SET_VALUE: value: CLV and P(alive) from the fitted value model
 * @SC_FEATURE_SET_ENGAGEMENT: interactions: 90-day counts of e-mail opens, e-mail clicks,
 *   web visits, support tickets and campaign responses, and the engagement score
 * @SC_FEATURE_SET_PROFIT: gross profit per customer, signed (needs cost or margin data)
 *
 * What segments can be built on; any mix of sets may be chosen.
 */
typedef enum
{
  SC_FEATURE_SET_RFM,
  SC_FEATURE_SET_VALUE,
  SC_FEATURE_SET_ENGAGEMENT,
  SC_FEATURE_SET_PROFIT,
  SC_N_FEATURE_SETS /*< skip >*/
} ScFeatureSet;

/* At most every feature of every set at once. */
#define SC_FEATURE_SETS_MAX_FEATURES 12

const char *sc_feature_set_to_string   (ScFeatureSet      set);
const char *sc_feature_set_to_label    (ScFeatureSet      set);
gboolean    sc_feature_sets_parse      (const char       *text,
                                        ScFeature        *features,
                                        guint            *n_features,
                                        GError          **error);
guint       sc_feature_sets_expand     (guint             sets,
                                        ScFeature        *features);
guint       sc_feature_sets_of         (const ScFeature  *features,
                                        guint             n_features);
char      **sc_feature_sets_names      (guint             sets);

G_END_DECLS
