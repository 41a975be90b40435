/* seg-segment-list.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"
#include "seg-selection.h"

G_BEGIN_DECLS

#define SEG_TYPE_SEGMENT_LIST (seg_segment_list_get_type ())

G_DECLARE_FINAL_TYPE (SegSegmentList, seg_segment_list, SEG, SEGMENT_LIST, AdwBin)

GtkWidget *seg_segment_list_new          (void);
/* project and selection may be NULL. */
void       seg_segment_list_set_project  (SegSegmentList *self,
                                          ScProject      *project,
                                          SegSelection   *selection);
GtkListBox *seg_segment_list_get_list_box (SegSegmentList *self);
/* The position of the segment shown at row @index (priority order), or -1. */
int        seg_segment_list_get_position_at (SegSegmentList *self,
                                             guint           index);

G_END_DECLS
