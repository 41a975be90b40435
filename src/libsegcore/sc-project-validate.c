/* sc-project-validate.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The quality of the current segmentation, for the app, the report and the CLI: how its k
 * was chosen (the table of k tried and why), each segment's stability and distinguishing
 * features, and the pairs of segments that look alike.  Computed and stored with each run
 * (sc-validate.c, sc-run-quality.c); this is the facade's door to it. */

#include "config.h"

#include "sc-project-private.h"

/**
 * sc_project_get_validation:
 * @self: a project
 *
 * The validation of the current segmentation, stored with it when it was computed. A
 * segmentation shaped by hand (merged, split, moved) or scored against new data has none:
 * only a clustering is validated.
 *
 * Returns: (transfer none) (nullable): the validation, or %NULL when the current
 *   segmentation has none or there is no segmentation
 */
const ScValidation *
sc_project_get_validation (ScProject *self)
{
  const ScRun *run;

  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);

  run = sc_project_get_run (self);
  return run != NULL ? run->validation : NULL;
}

/**
 * sc_project_get_segment_quality:
 * @self: a project
 * @position: a segment's position in the current segmentation
 *
 * Returns: (transfer none) (nullable): the segment's stability and distinguishing features,
 *   or %NULL without a validation
 */
const ScSegmentQuality *
sc_project_get_segment_quality (ScProject *self,
                                guint      position)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);

  return sc_validation_get_segment (sc_project_get_validation (self), position);
}
