/* sc-bars.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segment sizes: per segment, in the order given (priority), a bar for its share of
 * customers and one for its share of revenue, side by side on one scale, each labelled
 * ("12% of customers", "41% of revenue"), so that a small segment carrying much of the
 * revenue shows at a glance.  The customer bar is a lighter tint of the segment colour,
 * the revenue bar the full colour. */

#include "config.h"

#include "sc-bars.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-render-util-private.h"

#define PAD          8.0
#define NAME_GAP     12.0
#define LABEL_GAP    6.0
#define MIN_ROW      28.0
#define MAX_BAR      64.0
#define BAR_FILL     0.8
#define BAR_GAP      2.0
#define TINT         0.45

static char *
customers_text (double share)
{
  g_autofree char *p = sc_format_percent (share, -1);

  /* Translators: a segment's share of all customers, as in "12% of customers" */
  return g_strdup_printf (_("%s of customers"), p);
}

static char *
revenue_text (double share)
{
  g_autofree char *p = sc_format_percent (share, -1);

  /* Translators: a segment's share of all revenue, as in "41% of revenue" */
  return g_strdup_printf (_("%s of revenue"), p);
}

static double
bar_value (double share)
{
  return isfinite (share) ? MAX (share, 0.0) : 0.0;
}

/**
 * sc_bars_layout:
 * @segments: (array length=n_segments): the segments, in the order to show them
 * @n_segments: number of segments
 * @palette: the palette (for the font)
 * @width: chart width in logical units
 * @height: chart height in logical units
 * @layout: (out caller-allocates): the scale shared by all bars
 * @rows: (out caller-allocates) (array length=n_segments): one row per segment
 *
 * Computes where everything goes; sc_bars_paint() draws exactly this.  The rows share the
 * height (each at least 28 units high, from the top) and the bars take most of their row,
 * so that an exported chart fills its area rather than leaving the bottom blank; bars grow
 * from a common left edge and the longest one (customers or revenue) fills the width left
 * after names and labels.
 */
void
sc_bars_layout (const ScBarsSegment *segments,
                guint                n_segments,
                const ScPalette     *palette,
                double               width,
                double               height,
                ScBarsLayout        *layout,
                ScBarsRow           *rows)
{
  g_autoptr(ScTextContext) context = NULL;
  double name_w = 0, label_w = 0, text_h = 0;
  double max_share = 0, row_h, bar_h, bars_x, bars_w;

  g_return_if_fail (n_segments == 0 || segments != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (n_segments == 0 || rows != NULL);

  context = _sc_text_context_new ();
  for (guint i = 0; i < n_segments; i++)
    {
      g_autofree char *c = customers_text (segments[i].share);
      g_autofree char *r = revenue_text (segments[i].revenue_share);
      double w, h;

      _sc_text_measure (context, palette, segments[i].name, _SC_TEXT_NORMAL, TRUE, &w, &h);
      name_w = MAX (name_w, w);
      text_h = MAX (text_h, h);
      _sc_text_measure (context, palette, c, _SC_TEXT_SMALL, FALSE, &w, NULL);
      label_w = MAX (label_w, w);
      _sc_text_measure (context, palette, r, _SC_TEXT_SMALL, FALSE, &w, NULL);
      label_w = MAX (label_w, w);

      max_share = MAX (max_share, bar_value (segments[i].share));
      max_share = MAX (max_share, bar_value (segments[i].revenue_share));
    }

  name_w = CLAMP (name_w, MIN (60.0, width * 0.3), MAX (width * 0.32, 40.0));
  bars_x = PAD + name_w + NAME_GAP;
  bars_w = MAX (width - PAD - label_w - LABEL_GAP - bars_x, 20.0);

  layout->bars_x = bars_x;
  layout->bars_width = bars_w;
  layout->scale = max_share > 0 ? bars_w / max_share : 0.0;

  row_h = n_segments > 0 ? MAX ((height - 2 * PAD) / n_segments, MIN_ROW) : MIN_ROW;
  bar_h = CLAMP ((MIN (BAR_FILL * row_h, row_h - 10) - BAR_GAP) / 2, 6.0, MAX_BAR);

  for (guint i = 0; i < n_segments; i++)
    {
      ScBarsRow *r = &rows[i];
      double top = PAD + i * row_h;
      double bars_top = top + (row_h - (2 * bar_h + BAR_GAP)) / 2;
      double cw = bar_value (segments[i].share) * layout->scale;
      double rw = bar_value (segments[i].revenue_share) * layout->scale;
      double label_h = bar_h + 4;

      r->row = (ScRect) { 0, top, width, row_h };
      r->name = (ScRect) { PAD, top + (row_h - text_h) / 2, name_w, text_h };
      r->customers = (ScRect) { bars_x, bars_top, cw, bar_h };
      r->revenue = (ScRect) { bars_x, bars_top + bar_h + BAR_GAP, rw, bar_h };
      r->customers_label = (ScRect) { bars_x + cw + LABEL_GAP,
                                      r->customers.y + (bar_h - label_h) / 2, label_w, label_h };
      r->revenue_label = (ScRect) { bars_x + rw + LABEL_GAP,
                                    r->revenue.y + (bar_h - label_h) / 2, label_w, label_h };
    }
}

static void
draw_label (cairo_t         *cr,
            const ScPalette *palette,
            const char      *text,
            const ScRect    *bar,
            const ScRgba    *colour)
{
  _sc_text_draw_row (cr, palette, text, _SC_TEXT_SMALL, FALSE, bar->x + bar->width + LABEL_GAP,
                     bar->y, bar->height, INFINITY, colour);
}

/**
 * sc_bars_paint:
 * @cr: a cairo context, its origin at the chart's top left corner
 * @segments: (array length=n_segments): the segments, in the order to show them
 * @n_segments: number of segments
 * @palette: the colours
 * @selected: index of the highlighted segment (the others are dimmed), or -1
 * @width: chart width in logical units
 * @height: chart height in logical units
 *
 * Paints the segment sizes chart as sc_bars_layout() lays it out.  The background is not
 * filled.
 */
void
sc_bars_paint (cairo_t             *cr,
               const ScBarsSegment *segments,
               guint                n_segments,
               const ScPalette     *palette,
               int                  selected,
               double               width,
               double               height)
{
  g_autofree ScBarsRow *rows = NULL;
  ScBarsLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (n_segments == 0 || segments != NULL);
  g_return_if_fail (palette != NULL);

  if (n_segments == 0)
    return;
  if (selected < 0 || (guint) selected >= n_segments)
    selected = -1;

  rows = g_new (ScBarsRow, n_segments);
  sc_bars_layout (segments, n_segments, palette, width, height, &layout, rows);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  for (guint i = 0; i < n_segments; i++)
    {
      const ScBarsRow *r = &rows[i];
      gboolean dim = selected >= 0 && (int) i != selected;
      double alpha = dim ? 0.35 : 1.0;
      const ScRgba *text = dim ? &palette->muted : &palette->foreground;
      g_autofree char *c = NULL, *rv = NULL;
      ScRgba colour;

      if ((int) i == selected)
        _sc_fill_rounded_rect (cr, r->row.x + 2, r->row.y + 1, r->row.width - 4,
                               r->row.height - 2, 6, &palette->selection, 0.15);

      _sc_text_draw_row (cr, palette, segments[i].name, _SC_TEXT_NORMAL, (int) i == selected,
                         r->name.x, r->row.y, r->row.height, r->name.width, text);

      sc_palette_segment_colour (palette, segments[i].colour, segments[i].is_outliers, &colour);
      if (r->customers.width > 0)
        _sc_fill_rounded_rect (cr, r->customers.x, r->customers.y, r->customers.width,
                               r->customers.height, 2, &colour, TINT * alpha);
      if (r->revenue.width > 0)
        _sc_fill_rounded_rect (cr, r->revenue.x, r->revenue.y, r->revenue.width,
                               r->revenue.height, 2, &colour, alpha);

      c = customers_text (segments[i].share);
      rv = revenue_text (segments[i].revenue_share);
      draw_label (cr, palette, c, &r->customers, text);
      draw_label (cr, palette, rv, &r->revenue, text);
    }

  cairo_restore (cr);
}

/**
 * sc_bars_hit_test:
 * @rows: (array length=n_rows): rows from sc_bars_layout()
 * @n_rows: number of rows
 * @x: logical x within the chart
 * @y: logical y within the chart
 *
 * Returns: the index of the segment whose row is at (@x, @y), or -1
 */
int
sc_bars_hit_test (const ScBarsRow *rows,
                  guint            n_rows,
                  double           x,
                  double           y)
{
  g_return_val_if_fail (n_rows == 0 || rows != NULL, -1);

  for (guint i = 0; i < n_rows; i++)
    if (sc_rect_contains (&rows[i].row, x, y))
      return (int) i;
  return -1;
}
