/* seg-segment-quality.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_SEGMENT_QUALITY (seg_segment_quality_get_type ())

G_DECLARE_FINAL_TYPE (SegSegmentQuality, seg_segment_quality, SEG, SEGMENT_QUALITY, AdwBin)

/* Shows the quality of the segment at @position of @project's current run (stored with the
 * run), and the look-alikes it could be merged with; nothing for -1. */
void       seg_segment_quality_update (SegSegmentQuality *self,
                                       ScProject         *project,
                                       int                position);

/* "Stable (0.93)", "Unstable (0.52)": a stability in words, with its figure. */
char      *seg_dup_stability_text     (const ScSegmentQuality *quality);
/* Why a segment is flagged unstable, a sentence for tooltips and screen readers. */
const char *seg_unstable_reason       (void);

G_END_DECLS
