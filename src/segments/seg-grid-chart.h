/* seg-grid-chart.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-types.h"
#include "seg-chart.h"

G_BEGIN_DECLS

#define SEG_TYPE_GRID_CHART (seg_grid_chart_get_type ())

G_DECLARE_FINAL_TYPE (SegGridChart, seg_grid_chart, SEG, GRID_CHART, SegChart)

GtkWidget  *seg_grid_chart_new           (void);
/* Whether any segment has a value and a potential to be placed by. */
gboolean    seg_grid_chart_has_values    (SegGridChart *self);
/* Where the segment at @position is drawn, in widget coordinates. */
gboolean    seg_grid_chart_get_bubble    (SegGridChart *self,
                                          guint         position,
                                          double       *x,
                                          double       *y,
                                          double       *radius);
void        seg_grid_chart_get_dividers  (SegGridChart *self,
                                          double       *x,
                                          double       *y);
/* The quadrant at a point (NONE before the chart has a layout with values). */
ScQuadrant  seg_grid_chart_quadrant_at   (SegGridChart *self,
                                          double        x,
                                          double        y);
/* What dropping a dragged bubble or divider does: the segment's quadrant becomes the one
 * at (x, y) (its computed one clears the override); the dividers move to x and y (NAN
 * leaves one where it is). Both go through the editor's actions. */
gboolean    seg_grid_chart_drop_segment  (SegGridChart *self,
                                          guint         position,
                                          double        x,
                                          double        y);
gboolean    seg_grid_chart_drop_dividers (SegGridChart *self,
                                          double        x,
                                          double        y);

G_END_DECLS
