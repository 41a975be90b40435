/* seg-segment-details.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project-overlay.h"

G_BEGIN_DECLS

#define SEG_TYPE_SEGMENT_DETAILS (seg_segment_details_get_type ())

G_DECLARE_FINAL_TYPE (SegSegmentDetails, seg_segment_details, SEG, SEGMENT_DETAILS, AdwBin)

void                seg_segment_details_set_project      (SegSegmentDetails *self,
                                                          ScProject         *project);
/* The segment shown, by position in the current run; -1 for none. */
void                seg_segment_details_set_position     (SegSegmentDetails *self,
                                                          int                position);
int                 seg_segment_details_get_position     (SegSegmentDetails *self);
/* Takes @details (transfer full, nullable): profiles and examples of the current run. */
void                seg_segment_details_set_run_details  (SegSegmentDetails *self,
                                                          ScRunDetails      *details);
const ScRunDetails *seg_segment_details_get_run_details  (SegSegmentDetails *self);
/* Saves text typed but not saved yet (it is saved on leaving a field, on Enter and after a
 * pause). Returns FALSE when a typed name is not valid and was left unsaved. */
gboolean            seg_segment_details_commit           (SegSegmentDetails *self);
/* For tests and the page: the inline error under the name, or NULL when there is none. */
/* Takes @profit (transfer full, nullable): per segment position of the run @run. */
void                seg_segment_details_set_profit       (SegSegmentDetails *self,
                                                          gint64             run,
                                                          ScSegmentProfit   *profit,
                                                          guint              n_segments);
const char         *seg_segment_details_get_name_error   (SegSegmentDetails *self);

G_END_DECLS
