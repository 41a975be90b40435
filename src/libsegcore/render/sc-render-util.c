/* sc-render-util.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Drawing steps that several painters share.  The text primitives they build on
 * (_sc_text_layout(), _sc_text_fit(), _sc_text_draw()) live with the axis in sc-axis.c. */

#include "config.h"

#include "sc-render-private.h"

/**
 * _sc_text_draw_row:
 * @cr: a cairo context
 * @palette: the palette (for the font)
 * @text: one line of text
 * @size: text size relative to the palette's
 * @bold: whether the text is bold
 * @x: left edge of the text
 * @top: top of the row the text sits in
 * @height: height of the row; the text is centred in it vertically
 * @max_width: width past which the text is ellipsized, or %INFINITY
 * @colour: the text colour
 *
 * Draws a label in a row: a segment's name in a legend or beside its bar, a figure beside
 * a bar.
 */
void
_sc_text_draw_row (cairo_t         *cr,
                   const ScPalette *palette,
                   const char      *text,
                   double           size,
                   gboolean         bold,
                   double           x,
                   double           top,
                   double           height,
                   double           max_width,
                   const ScRgba    *colour)
{
  g_autoptr(PangoLayout) layout = _sc_text_layout (NULL, cr, palette, text, size, bold);
  double w, h;

  _sc_text_fit (layout, max_width);
  _sc_text_size (layout, &w, &h);
  _sc_text_draw (cr, layout, x, top + (height - h) / 2, colour, 1.0);
}

/**
 * _sc_fill_rounded_rect:
 * @cr: a cairo context
 * @x: left edge
 * @y: top edge
 * @width: width
 * @height: height
 * @radius: corner radius
 * @colour: the fill colour
 * @alpha: opacity, multiplied with the colour's
 *
 * Fills a rounded rectangle: a bar, a cell, a swatch or a selection highlight.
 */
void
_sc_fill_rounded_rect (cairo_t      *cr,
                       double        x,
                       double        y,
                       double        width,
                       double        height,
                       double        radius,
                       const ScRgba *colour,
                       double        alpha)
{
  _sc_rounded_rect (cr, x, y, width, height, radius);
  _sc_set_source (cr, colour, alpha);
  cairo_fill (cr);
}
