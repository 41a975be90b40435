/* seg-segments-view.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEG_TYPE_SEGMENTS_VIEW (seg_segments_view_get_type ())

G_DECLARE_FINAL_TYPE (SegSegmentsView, seg_segments_view, SEG, SEGMENTS_VIEW, AdwBin)

GtkWidget  *seg_segments_view_new             (const char      *columns);
GListModel *seg_segments_view_get_model       (SegSegmentsView *self);
void        seg_segments_view_set_model       (SegSegmentsView *self,
                                               GListModel      *model);
const char *seg_segments_view_get_description (SegSegmentsView *self);
void        seg_segments_view_set_description (SegSegmentsView *self,
                                               const char      *description);

G_END_DECLS
