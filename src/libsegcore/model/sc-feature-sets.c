/* sc-feature-sets.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The feature sets a segmentation can be built on, as people choose them ("rfm,engagement")
 * and as the features a run stores.  A run records its features one by one; the sets it
 * was built on are read back from them: a set counts when all its features are there. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-feature-sets.h"
#include "sc-types.h"

static const struct
{
  const char *name;
  const char *label;
  ScFeature   features[6];
  guint       n;
} sets[SC_N_FEATURE_SETS] = {
  [SC_FEATURE_SET_RFM] = { "rfm", N_("Behaviour: recency, frequency and spend"),
                           { SC_FEATURE_RECENCY, SC_FEATURE_FREQUENCY, SC_FEATURE_MONETARY }, 3 },
  [SC_FEATURE_SET_VALUE] = { "value", N_("Value: lifetime value and chance still active"),
                             { SC_FEATURE_CLV, SC_FEATURE_P_ALIVE }, 2 },
  [SC_FEATURE_SET_ENGAGEMENT] = { "engagement",
                                  N_("Engagement: e-mails, web visits, tickets, campaigns"),
                                  { SC_FEATURE_EMAIL_OPENS, SC_FEATURE_EMAIL_CLICKS,
                                    SC_FEATURE_WEB_VISITS, SC_FEATURE_SUPPORT_TICKETS,
                                    SC_FEATURE_CAMPAIGN_RESPONSES, SC_FEATURE_ENGAGEMENT }, 6 },
  [SC_FEATURE_SET_PROFIT] = { "profit", N_("Profit: gross profit per customer"),
                              { SC_FEATURE_PROFIT }, 1 },
};

const char *
sc_feature_set_to_string (ScFeatureSet set)
{
  g_return_val_if_fail ((guint) set < SC_N_FEATURE_SETS, NULL);
  return sets[set].name;
}

const char *
sc_feature_set_to_label (ScFeatureSet set)
{
  g_return_val_if_fail ((guint) set < SC_N_FEATURE_SETS, NULL);
  return _(sets[set].label);
}

/**
 * sc_feature_sets_expand:
 * @sets: a bit per #ScFeatureSet
 * @features: (out caller-allocates): room for %SC_FEATURE_SETS_MAX_FEATURES
 *
 * Returns: the number of features of @sets, in set order
 */
guint
sc_feature_sets_expand (guint      sets_mask,
                        ScFeature *features)
{
  guint n = 0;

  for (guint s = 0; s < SC_N_FEATURE_SETS; s++)
    if (sets_mask & (1u << s))
      for (guint i = 0; i < sets[s].n; i++)
        features[n++] = sets[s].features[i];
  return n;
}

/**
 * sc_feature_sets_parse:
 * @text: set names separated by commas, such as "rfm,engagement"
 * @features: (out caller-allocates): room for %SC_FEATURE_SETS_MAX_FEATURES
 * @n_features: (out): the number of features
 *
 * Whether the project has the data a set needs (a value model, interactions, costs) is
 * checked when the run computes its features (_sc_run_fill_features()).
 *
 * Returns: %FALSE with @error set for an unknown or empty name
 */
gboolean
sc_feature_sets_parse (const char  *text,
                       ScFeature   *features,
                       guint       *n_features,
                       GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  guint mask = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *name = g_strstrip (parts[i]);
      gboolean found = FALSE;

      for (guint s = 0; s < SC_N_FEATURE_SETS; s++)
        if (g_ascii_strcasecmp (name, sets[s].name) == 0)
          {
            mask |= 1u << s;
            found = TRUE;
          }
      if (!found)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("Unknown feature set “%s”: choose from rfm, value, engagement and "
                         "profit, separated by commas."), name);
          return FALSE;
        }
    }
  if (mask == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("Choose at least one feature set: rfm, value, engagement or profit."));
      return FALSE;
    }
  *n_features = sc_feature_sets_expand (mask, features);
  return TRUE;
}

/**
 * sc_feature_sets_of:
 *
 * Returns: a bit per #ScFeatureSet all of whose features are among @features
 */
guint
sc_feature_sets_of (const ScFeature *features,
                    guint            n_features)
{
  guint mask = 0;

  for (guint s = 0; s < SC_N_FEATURE_SETS; s++)
    {
      gboolean all = sets[s].n > 0;

      for (guint i = 0; i < sets[s].n && all; i++)
        {
          gboolean here = FALSE;

          for (guint j = 0; j < n_features; j++)
            here |= features[j] == sets[s].features[i];
          all = here;
        }
      if (all)
        mask |= 1u << s;
    }
  return mask;
}

/**
 * sc_feature_sets_names:
 *
 * Returns: (transfer full): the names of @sets, %NULL-terminated
 */
char **
sc_feature_sets_names (guint sets_mask)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint s = 0; s < SC_N_FEATURE_SETS; s++)
    if (sets_mask & (1u << s))
      g_ptr_array_add (names, g_strdup (sets[s].name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}
