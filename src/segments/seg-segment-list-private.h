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

/* Rows of figures the details and their quality section refill: an AdwActionRow added to
 * @group and remembered in @rows, and the removal of all of them. */
GtkWidget *_seg_rows_add          (GPtrArray           *rows,
                                   GtkWidget           *group,
                                   const char          *title,
                                   const char          *subtitle);
void       _seg_rows_clear        (GPtrArray           *rows);

G_END_DECLS
