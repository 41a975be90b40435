/* sc-segment.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-run.h"

G_BEGIN_DECLS

#define SC_TYPE_SEGMENT (sc_segment_get_type ())

G_DECLARE_FINAL_TYPE (ScSegment, sc_segment, SC, SEGMENT, GObject)

ScSegment  *sc_segment_new               (const ScSegmentInfo *info);
const char *sc_segment_get_name          (ScSegment *self);
const char *sc_segment_get_profile       (ScSegment *self);
guint       sc_segment_get_colour        (ScSegment *self);
gboolean    sc_segment_get_is_outliers   (ScSegment *self);
ScSegmentKind sc_segment_get_kind        (ScSegment *self);
guint64     sc_segment_get_size          (ScSegment *self);
double      sc_segment_get_share         (ScSegment *self);
double      sc_segment_get_revenue       (ScSegment *self);
double      sc_segment_get_revenue_share (ScSegment *self);
double      sc_segment_get_recency       (ScSegment *self);
double      sc_segment_get_frequency     (ScSegment *self);
double      sc_segment_get_monetary      (ScSegment *self);

G_END_DECLS
