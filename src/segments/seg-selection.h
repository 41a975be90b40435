/* seg-selection.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SEG_TYPE_SELECTION (seg_selection_get_type ())

G_DECLARE_FINAL_TYPE (SegSelection, seg_selection, SEG, SELECTION, GObject)

/* The segment selected in a window, shared by its pages and charts: select in one chart,
 * highlighted in all. The position is a segment's position in the project's current run
 * (ScSegmentInfo.position), or -1 for none. */
SegSelection *seg_selection_new          (void);
int           seg_selection_get_position (SegSelection *self);
void          seg_selection_set_position (SegSelection *self,
                                          int           position);

G_END_DECLS
