/* seg-figure-grid.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SEG_TYPE_FIGURE_GRID (seg_figure_grid_get_type ())

G_DECLARE_FINAL_TYPE (SegFigureGrid, seg_figure_grid, SEG, FIGURE_GRID, GtkWidget)

GtkWidget *seg_figure_grid_new             (void);
guint      seg_figure_grid_get_n_columns   (SegFigureGrid *self);

G_END_DECLS
