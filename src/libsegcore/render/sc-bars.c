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
#include <string.h>

#include "sc-render-util-private.h"

#define PAD          8.0
#define NAME_GAP     12.0
#define LABEL_GAP    6.0
#define MIN_ROW      28.0
#define MAX_BAR      64.0
#define BAR_FILL     0.8
#define BAR_GAP      2.0
#define TINT         0.45
#define ROW_INSET    2.0
#define NAME_ABOVE_GAP 2.0

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

/* Text heights and the widest word of the names, which decide between names beside the
 * bars and names above them. */
typedef struct
{
  double name_w;     /* the widest name, whole */
  double word_w;     /* the widest word of any name */
  double name_h;
  double label_w;
  double label_h;
} Measures;

static void
measure (const ScBarsSegment *segments,
         guint                n_segments,
         const ScPalette     *palette,
         Measures            *m)
{
  g_autoptr(ScTextContext) context = _sc_text_context_new ();

  memset (m, 0, sizeof *m);
  /* Never less than one line of text, even without segments. */
  _sc_text_measure (context, palette, "Ag", _SC_TEXT_NORMAL, TRUE, NULL, &m->name_h);
  _sc_text_measure (context, palette, "Ag", _SC_TEXT_SMALL, FALSE, NULL, &m->label_h);
  for (guint i = 0; i < n_segments; i++)
    {
      g_autofree char *c = customers_text (segments[i].share);
      g_autofree char *r = revenue_text (segments[i].revenue_share);
      double w;

      _sc_text_measure (context, palette, segments[i].name, _SC_TEXT_NORMAL, TRUE, &w, NULL);
      m->name_w = MAX (m->name_w, w);
      m->word_w = MAX (m->word_w, _sc_text_widest_word (context, palette, segments[i].name,
                                                        _SC_TEXT_NORMAL, TRUE));
      _sc_text_measure (context, palette, c, _SC_TEXT_SMALL, FALSE, &w, NULL);
      m->label_w = MAX (m->label_w, w);
      _sc_text_measure (context, palette, r, _SC_TEXT_SMALL, FALSE, &w, NULL);
      m->label_w = MAX (m->label_w, w);
    }
}

/* The bars are at least as far apart as their labels are high, so the labels, each centred
 * on its bar, never touch. */
static double
min_bars_height (const Measures *m)
{
  return 2 * m->label_h + BAR_GAP;
}

/**
 * sc_bars_min_row_height:
 * @palette: the palette (for the font)
 *
 * Returns: the height a row needs at least in any width, its name above its bars (as in
 * narrow charts); rows of sc_bars_layout() are never lower
 */
double
sc_bars_min_row_height (const ScPalette *palette)
{
  Measures m;

  g_return_val_if_fail (palette != NULL, MIN_ROW);

  measure (NULL, 0, palette, &m);
  return MAX (m.name_h + NAME_ABOVE_GAP + min_bars_height (&m) + 2 * ROW_INSET, MIN_ROW);
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
 * height (each high enough for its two labels, from the top) and the bars take most of
 * their row, so that an exported chart fills its area rather than leaving the bottom blank;
 * bars grow from a common left edge and the longest one (customers or revenue) fills the
 * width left after names and labels.  When a word of a name is wider than the name column
 * a narrow chart can spare, every name goes on its own line above its bars (@layout's
 * names_above), full width.  Rows lower than their text need are not squeezed: they run
 * past @height (a widget asks for sc_bars_min_row_height() per row).
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
  Measures m;
  double name_w, max_share = 0, row_h, row_min, bar_h, bars_x, bars_w, name_top;
  gboolean above;

  g_return_if_fail (n_segments == 0 || segments != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (n_segments == 0 || rows != NULL);

  measure (segments, n_segments, palette, &m);
  for (guint i = 0; i < n_segments; i++)
    {
      max_share = MAX (max_share, bar_value (segments[i].share));
      max_share = MAX (max_share, bar_value (segments[i].revenue_share));
    }

  name_w = CLAMP (m.name_w, MIN (60.0, width * 0.3), MAX (width * 0.32, 40.0));
  above = m.word_w > name_w;
  if (above)
    {
      name_w = MAX (width - 2 * PAD, 1.0);
      bars_x = PAD;
      row_min = m.name_h + NAME_ABOVE_GAP + min_bars_height (&m) + 2 * ROW_INSET;
    }
  else
    {
      bars_x = PAD + name_w + NAME_GAP;
      row_min = MAX (min_bars_height (&m), m.name_h) + 2 * ROW_INSET;
    }
  bars_w = MAX (width - PAD - m.label_w - LABEL_GAP - bars_x, 20.0);

  layout->bars_x = bars_x;
  layout->bars_width = bars_w;
  layout->scale = max_share > 0 ? bars_w / max_share : 0.0;
  layout->names_above = above;

  row_min = MAX (row_min, MIN_ROW);
  row_h = n_segments > 0 ? MAX ((height - 2 * PAD) / n_segments, row_min) : row_min;
  name_top = above ? m.name_h + NAME_ABOVE_GAP : 0;
  bar_h = CLAMP ((MIN (BAR_FILL * (row_h - name_top), row_h - name_top - 10) - BAR_GAP) / 2,
                 m.label_h - BAR_GAP, MAX_BAR);
  bar_h = MAX (bar_h, 6.0);

  for (guint i = 0; i < n_segments; i++)
    {
      ScBarsRow *r = &rows[i];
      double top = PAD + i * row_h;
      double bars_top = top + name_top + (row_h - name_top - (2 * bar_h + BAR_GAP)) / 2;
      double cw = bar_value (segments[i].share) * layout->scale;
      double rw = bar_value (segments[i].revenue_share) * layout->scale;
      double label_h = MAX (bar_h, m.label_h);

      r->row = (ScRect) { 0, top, width, row_h };
      if (above)
        r->name = (ScRect) { PAD, bars_top - NAME_ABOVE_GAP - m.name_h, name_w, m.name_h };
      else
        r->name = (ScRect) { PAD, top + ROW_INSET, name_w, row_h - 2 * ROW_INSET };
      r->customers = (ScRect) { bars_x, bars_top, cw, bar_h };
      r->revenue = (ScRect) { bars_x, bars_top + bar_h + BAR_GAP, rw, bar_h };
      r->customers_label = (ScRect) { bars_x + cw + LABEL_GAP,
                                      r->customers.y + (bar_h - label_h) / 2, m.label_w,
                                      label_h };
      r->revenue_label = (ScRect) { bars_x + rw + LABEL_GAP,
                                    r->revenue.y + (bar_h - label_h) / 2, m.label_w, label_h };
    }
}

static void
draw_label (cairo_t         *cr,
            const ScPalette *palette,
            const char      *text,
            const ScRect    *label,
            const ScRgba    *colour)
{
  _sc_text_draw_row (cr, palette, text, _SC_TEXT_SMALL, FALSE, label->x, label->y,
                     label->height, INFINITY, colour);
}

/* The name in its box: on as many lines as the box holds, whole words only. */
static void
draw_name (cairo_t         *cr,
           const ScPalette *palette,
           const char      *name,
           gboolean         bold,
           const ScRect    *box,
           const ScRgba    *colour)
{
  g_autoptr(PangoLayout) layout = _sc_text_layout (NULL, cr, palette, name, _SC_TEXT_NORMAL,
                                                   bold);
  double line_h, w, h;
  int lines;

  _sc_text_size (layout, NULL, &line_h);
  lines = MAX ((int) floor (box->height / line_h), 1);
  if (!_sc_text_fit_words (layout, box->width, lines))
    return;
  _sc_text_size (layout, &w, &h);
  _sc_text_draw (cr, layout, box->x, box->y + (box->height - h) / 2, colour, 1.0);
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
      const ScRgba *text = dim ? &palette->muted : &palette->foreground;
      g_autofree char *c = NULL, *rv = NULL;
      double tint = TINT, alpha = 1.0;
      ScRgba colour;

      if ((int) i == selected)
        _sc_fill_rounded_rect (cr, r->row.x + 2, r->row.y + 1, r->row.width - 4,
                               r->row.height - 2, 6, &palette->selection, 0.15);

      draw_name (cr, palette, segments[i].name, (int) i == selected, &r->name, text);

      sc_palette_segment_colour (palette, segments[i].colour, segments[i].is_outliers, &colour);
      /* Unselected bars are faint but do not vanish (in the dark style a tint at a third
       * is nearly the background); the selected ones are outlined in the text colour, a
       * change of at least 3:1 in every style. */
      if (dim)
        {
          tint = sc_palette_visible_alpha (palette, &colour, TINT * 0.35,
                                           SC_PALETTE_DIM_FILL_CONTRAST);
          alpha = sc_palette_visible_alpha (palette, &colour, 0.35,
                                            SC_PALETTE_DIM_FILL_CONTRAST);
        }
      for (guint k = 0; k < 2; k++)
        {
          const ScRect *bar = k == 0 ? &r->customers : &r->revenue;

          if (bar->width <= 0)
            continue;
          _sc_fill_rounded_rect (cr, bar->x, bar->y, bar->width, bar->height, 2, &colour,
                                 k == 0 ? tint : alpha);
          if ((int) i == selected && bar->width > 3)
            {
              _sc_rounded_rect (cr, bar->x + 0.75, bar->y + 0.75, bar->width - 1.5,
                                bar->height - 1.5, 1.5);
              cairo_set_line_width (cr, 1.5);
              _sc_set_source (cr, &palette->foreground, 1.0);
              cairo_stroke (cr);
            }
        }

      c = customers_text (segments[i].share);
      rv = revenue_text (segments[i].revenue_share);
      draw_label (cr, palette, c, &r->customers_label, text);
      draw_label (cr, palette, rv, &r->revenue_label, text);
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
