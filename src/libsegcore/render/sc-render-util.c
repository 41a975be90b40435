/* sc-render-util.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The text and drawing primitives every painter shares, the axis included: text layouts,
 * sizes and drawing, colours, pixel snapping and rounded rectangles, and the drawing steps
 * several painters repeat.  It sits below every painter and includes none of them.
 *
 * Text is measured either through a cairo context (when painting) or through a Pango
 * context of the calling thread's default PangoCairo font map (when laying out without a
 * surface, for example in a worker building a scatter cache).  Sizes are absolute, in
 * logical pixels, so both agree whatever the resolution of the target. */

#include "config.h"

#include <math.h>

#include "sc-render-util-private.h"

PangoContext *
_sc_text_context_new (void)
{
  /* The default font map is per thread, so this is safe in a worker. */
  return pango_font_map_create_context (pango_cairo_font_map_get_default ());
}

PangoLayout *
_sc_text_layout (PangoContext    *context,
                 cairo_t         *cr,
                 const ScPalette *palette,
                 const char      *text,
                 double           size,
                 gboolean         bold)
{
  PangoLayout *layout;
  PangoFontDescription *desc;

  g_assert (context != NULL || cr != NULL);

  if (cr != NULL)
    layout = pango_cairo_create_layout (cr);
  else
    layout = pango_layout_new (context);

  desc = pango_font_description_from_string (palette->font_family != NULL
                                             ? palette->font_family : "Sans");
  pango_font_description_set_absolute_size (desc, size * palette->font_size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

void
_sc_text_size (PangoLayout *layout,
               double      *width,
               double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Ellipsizes @layout to @max_width only when it is wider, so that a narrower right-to-left
 * text is not pushed to the right edge of a layout width. */
void
_sc_text_fit (PangoLayout *layout,
              double       max_width)
{
  double w;

  _sc_text_size (layout, &w, NULL);
  if (w > max_width)
    {
      pango_layout_set_width (layout, (int) (MAX (max_width, 1.0) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
}

void
_sc_text_measure (PangoContext    *context,
                  const ScPalette *palette,
                  const char      *text,
                  double           size,
                  gboolean         bold,
                  double          *width,
                  double          *height)
{
  g_autoptr(PangoLayout) layout = _sc_text_layout (context, NULL, palette, text, size, bold);

  _sc_text_size (layout, width, height);
}

void
_sc_set_source (cairo_t      *cr,
                const ScRgba *colour,
                double        alpha)
{
  cairo_set_source_rgba (cr, colour->r, colour->g, colour->b, colour->a * alpha);
}

void
_sc_text_draw (cairo_t      *cr,
               PangoLayout  *layout,
               double        x,
               double        y,
               const ScRgba *colour,
               double        alpha)
{
  _sc_set_source (cr, colour, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Places a line of @line_width logical pixels so that its edges fall on device pixels,
 * which keeps 1 px lines crisp at any scale factor. */
static double
snap (double device,
      double device_width)
{
  long w = lround (device_width);

  if (w % 2 == 1)
    return floor (device) + 0.5;
  return round (device);
}

/* Snaps one device coordinate of the user point (x, y) (the vertical one when @vertical)
 * for a line @line_width wide across it, and returns the point's user coordinate again. */
static double
snap_user (cairo_t  *cr,
           double    x,
           double    y,
           double    line_width,
           gboolean  vertical)
{
  double w = vertical ? 0 : line_width, h = vertical ? line_width : 0;

  cairo_user_to_device (cr, &x, &y);
  cairo_user_to_device_distance (cr, &w, &h);
  if (vertical)
    y = snap (y, fabs (h));
  else
    x = snap (x, fabs (w));
  cairo_device_to_user (cr, &x, &y);
  return vertical ? y : x;
}

double
_sc_snap_x (cairo_t *cr,
            double   x,
            double   line_width)
{
  return snap_user (cr, x, 0, line_width, FALSE);
}

double
_sc_snap_y (cairo_t *cr,
            double   y,
            double   line_width)
{
  return snap_user (cr, 0, y, line_width, TRUE);
}

void
_sc_rounded_rect (cairo_t *cr,
                  double   x,
                  double   y,
                  double   width,
                  double   height,
                  double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);
  if (radius <= 0.0)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

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
