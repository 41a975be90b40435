/* seg-segments-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"
#include "seg-overlay-view.h"
#include "seg-selection.h"

G_BEGIN_DECLS

#define SEG_TYPE_SEGMENTS_PAGE (seg_segments_page_get_type ())

G_DECLARE_FINAL_TYPE (SegSegmentsPage, seg_segments_page, SEG, SEGMENTS_PAGE, AdwBin)

GtkWidget *seg_segments_page_new         (void);
/* project and selection may be NULL (no project open). */
void       seg_segments_page_set_project (SegSegmentsPage *self,
                                          ScProject       *project,
                                          SegSelection    *selection);
/* Saves text typed in the editor but not saved yet, so that undo sees it. */
void       seg_segments_page_commit      (SegSegmentsPage *self);
/* After a segmentation replaced the run @previous_run: says which segments kept their
 * names and plans (the carry-over by member overlap) and which did not. */
void       seg_segments_page_show_rerun_result (SegSegmentsPage *self,
                                                gint64           previous_run);
/* Whether the page runs a change of the segments (a merge, a split, a move, an estimate). */
gboolean   seg_segments_page_is_working  (SegSegmentsPage *self);

/* seg-segments-page-overlay.c: the overlay view beside the grid, and whether the segments'
 * profit is being loaded for the details. */
SegOverlayView *seg_segments_page_get_overlay_view  (SegSegmentsPage *self);
void            seg_segments_page_show_overlay      (SegSegmentsPage *self,
                                                     gboolean         overlay);
gboolean        seg_segments_page_is_loading_profit (SegSegmentsPage *self);

G_END_DECLS
