/* sc-types.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-types.h"

#include <glib/gi18n-lib.h>
#include <math.h>

G_DEFINE_QUARK (sc-error-quark, sc_error)

/* The stored form, by ScQuadrant: these strings are in project files and exports, so they
 * never change. */
static const char * const quadrant_strings[SC_N_QUADRANTS] = {
  [SC_QUADRANT_NONE] = NULL,
  [SC_QUADRANT_INVEST] = "invest",
  [SC_QUADRANT_KEEP] = "keep",
  [SC_QUADRANT_GROW] = "grow",
  [SC_QUADRANT_MAINTAIN] = "maintain",
};

/* The stored and exported form, by ScSegmentKind: in project files and `show --json`. */
static const char * const segment_kind_strings[SC_N_SEGMENT_KINDS] = {
  [SC_SEGMENT_KIND_SEGMENT] = "segment",
  [SC_SEGMENT_KIND_TOP_ACCOUNTS] = "top_accounts",
  [SC_SEGMENT_KIND_ANOMALIES] = "anomalies",
};

/* The index of @text in @strings (the stored form of an enum), or @fallback. */
static guint
stored_index (const char * const *strings,
              guint               n,
              const char         *text,
              guint               fallback)
{
  for (guint i = 0; i < n; i++)
    if (strings[i] != NULL && g_strcmp0 (text, strings[i]) == 0)
      return i;
  return fallback;
}

/**
 * sc_segment_kind_to_string:
 *
 * Returns: (transfer none): "segment", "top_accounts" or "anomalies"
 */
const char *
sc_segment_kind_to_string (ScSegmentKind kind)
{
  g_return_val_if_fail ((guint) kind < SC_N_SEGMENT_KINDS, NULL);

  return segment_kind_strings[kind];
}

/**
 * sc_segment_kind_from_string:
 * @text: (nullable): a stored kind
 *
 * Returns: the kind @text names; %SC_SEGMENT_KIND_SEGMENT for %NULL or any other text
 */
ScSegmentKind
sc_segment_kind_from_string (const char *text)
{
  return stored_index (segment_kind_strings, SC_N_SEGMENT_KINDS, text, SC_SEGMENT_KIND_SEGMENT);
}

/**
 * sc_quadrant_classify:
 * @value: current value
 * @potential: potential (expected future value)
 * @value_threshold: values at or above it are high
 * @potential_threshold: potentials at or above it are high
 *
 * The one rule of the value × potential grid: a point on a divider counts as high.
 *
 * Returns: the quadrant of the point; %SC_QUADRANT_NONE when any argument is not finite
 */
ScQuadrant
sc_quadrant_classify (double value,
                      double potential,
                      double value_threshold,
                      double potential_threshold)
{
  gboolean high_value, high_potential;

  if (!isfinite (value) || !isfinite (potential) ||
      !isfinite (value_threshold) || !isfinite (potential_threshold))
    return SC_QUADRANT_NONE;

  high_value = value >= value_threshold;
  high_potential = potential >= potential_threshold;
  if (high_value)
    return high_potential ? SC_QUADRANT_INVEST : SC_QUADRANT_KEEP;
  return high_potential ? SC_QUADRANT_GROW : SC_QUADRANT_MAINTAIN;
}

/**
 * sc_quadrant_to_string:
 * @quadrant: a quadrant
 *
 * Returns: (transfer none) (nullable): "invest", "keep", "grow" or "maintain", the form
 *   stored in the project and written to exports; %NULL for %SC_QUADRANT_NONE
 */
const char *
sc_quadrant_to_string (ScQuadrant quadrant)
{
  g_return_val_if_fail ((guint) quadrant < SC_N_QUADRANTS, NULL);

  return quadrant_strings[quadrant];
}

/**
 * sc_quadrant_from_string:
 * @text: (nullable): a stored quadrant
 *
 * Returns: the quadrant @text names; %SC_QUADRANT_NONE for %NULL or any other text
 */
ScQuadrant
sc_quadrant_from_string (const char *text)
{
  return stored_index (quadrant_strings, SC_N_QUADRANTS, text, SC_QUADRANT_NONE);
}

/**
 * sc_quadrant_get_label:
 * @quadrant: a quadrant
 *
 * Returns: (transfer none) (nullable): the quadrant's translated name, as in "Maintain at
 *   low cost"; %NULL for %SC_QUADRANT_NONE
 */
const char *
sc_quadrant_get_label (ScQuadrant quadrant)
{
  switch (quadrant)
    {
    case SC_QUADRANT_NONE:
      return NULL;
    case SC_QUADRANT_INVEST:
      /* Translators: value × potential quadrant: high value, high potential */
      return _("Invest");
    case SC_QUADRANT_KEEP:
      /* Translators: value × potential quadrant: high value, lower potential */
      return _("Keep");
    case SC_QUADRANT_GROW:
      /* Translators: value × potential quadrant: lower value, high potential */
      return _("Grow");
    case SC_QUADRANT_MAINTAIN:
      /* Translators: value × potential quadrant: low value, low potential */
      return _("Maintain at low cost");
    default:
      g_return_val_if_reached (NULL);
    }
}
