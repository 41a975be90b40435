/* sc-chart-note-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The note a chart writes when it leaves names out for lack of room (sc-chart-note.c),
 * shared by the grid and impact painters. */

#pragma once

#include <cairo.h>

#include "sc-axis.h"
#include "sc-palette.h"

G_BEGIN_DECLS

char   *_sc_hidden_note_text    (guint            n_hidden);
double  _sc_hidden_note_measure (const ScPalette *palette,
                                 guint            n_hidden,
                                 double           width);
void    _sc_hidden_note_draw    (cairo_t         *cr,
                                 const ScPalette *palette,
                                 guint            n_hidden,
                                 const ScRect    *rect);

G_END_DECLS
