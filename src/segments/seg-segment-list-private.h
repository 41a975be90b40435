/* seg-segment-list-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-project.h"

G_BEGIN_DECLS

/* A segment's colour as the charts paint it (ScPalette, light or dark as the style
 * manager says), for the editor's list and details. */
GtkWidget *_seg_swatch_new        (int          size);
void       _seg_swatch_set_colour (GtkWidget   *swatch,
                                   guint        colour,
                                   gboolean     is_outliers);

/* "Invest", or "Invest (set by hand)" when @info's quadrant is overridden; NULL when the
 * segment has no place on the grid. */
char      *_seg_dup_quadrant_text (const ScSegmentInfo *info);

G_END_DECLS
