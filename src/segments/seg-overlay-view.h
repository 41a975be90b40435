/* seg-overlay-view.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_OVERLAY_VIEW (seg_overlay_view_get_type ())

G_DECLARE_FINAL_TYPE (SegOverlayView, seg_overlay_view, SEG, OVERLAY_VIEW, GtkBox)

GtkWidget   *seg_overlay_view_new         (void);
void         seg_overlay_view_set_project (SegOverlayView *self,
                                           ScProject      *project);
/* What the table is by (an attribute's name or SC_OVERLAY_BY_RULES); selects it. */
void         seg_overlay_view_set_by      (SegOverlayView *self,
                                           const char     *by);
gboolean     seg_overlay_view_get_loading (SegOverlayView *self);
/* The text of a cell as shown, row and column as in #ScOverlay; NULL outside the table. */
const char  *seg_overlay_view_get_cell_text (SegOverlayView *self,
                                             guint           row,
                                             guint           column);

G_END_DECLS
