/* sc-scatter-paint.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Painting a scatter cache (grid, the coloured image, axes, centroid markers, legend) and
 * the queries a chart widget asks of it.  Hit testing uses the binned cells: a binary
 * search per pixel row within the radius. */

#include "config.h"

#include "sc-scatter.h"

#include <math.h>

#include "sc-render-util-private.h"
#include "sc-scatter-private.h"

/* ---------------------------------------------------------------------------------------- */
/* Painting */

/* Whether (@x, @y) lies in the plot area, its edges included (unlike sc_rect_contains()). */
static gboolean
in_plot (const ScScatterCache *cache,
         double                x,
         double                y)
{
  const ScRect *p = &cache->plot;

  return x >= p->x && x <= p->x + p->width && y >= p->y && y <= p->y + p->height;
}

static void
centroid_position (const ScScatterCache *cache,
                   const Segment        *seg,
                   double               *x,
                   double               *y)
{
  const ScRect *p = &cache->plot;

  *x = p->x + (seg->tx - cache->x_axis.t_min) / (cache->x_axis.t_max - cache->x_axis.t_min)
              * p->width;
  *y = p->y + p->height
       - (seg->ty - cache->y_axis.t_min) / (cache->y_axis.t_max - cache->y_axis.t_min)
         * p->height;
}

static void
draw_centroid (cairo_t         *cr,
               const ScPalette *palette,
               double           x,
               double           y,
               double           radius,
               const ScRgba    *colour)
{
  /* A ring with a cross, over a halo in the background colour so that it stands out on
   * dense points of its own colour. */
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_move_to (cr, x - radius - 3, y);
  cairo_line_to (cr, x + radius + 3, y);
  cairo_move_to (cr, x, y - radius - 3);
  cairo_line_to (cr, x, y + radius + 3);
  cairo_set_line_width (cr, 5.0);
  _sc_set_source (cr, &palette->background, 0.9);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 2.0);
  _sc_set_source (cr, colour, 1.0);
  cairo_stroke (cr);
}

static void
draw_centroids (cairo_t              *cr,
                const ScScatterCache *cache,
                const ScPalette      *palette,
                int                   selected)
{
  cairo_save (cr);
  cairo_rectangle (cr, cache->plot.x - CENTROID_RADIUS - 4, cache->plot.y - CENTROID_RADIUS - 4,
                   cache->plot.width + 2 * CENTROID_RADIUS + 8,
                   cache->plot.height + 2 * CENTROID_RADIUS + 8);
  cairo_clip (cr);

  /* The selected segment's marker last, on top. */
  for (int pass = 0; pass < 2; pass++)
    for (guint s = 0; s < cache->n_segments; s++)
      {
        const Segment *seg = &cache->segments[s];
        gboolean is_selected = (int) s == selected;
        ScRgba colour;
        double x, y;

        if (!seg->has_centroid || (pass == 1) != is_selected)
          continue;
        centroid_position (cache, seg, &x, &y);
        if (!in_plot (cache, x, y))
          continue;

        if (selected >= 0 && !is_selected)
          colour = palette->muted;
        else
          sc_palette_segment_colour (palette, seg->colour, seg->is_outliers, &colour);
        draw_centroid (cr, palette, x, y, is_selected ? CENTROID_RADIUS + 2 : CENTROID_RADIUS,
                       &colour);
      }

  cairo_restore (cr);
}

static void
draw_legend (cairo_t              *cr,
             const ScScatterCache *cache,
             const ScPalette      *palette,
             int                   selected)
{
  const ScRect *l = &cache->legend;

  if (l->width <= 0)
    return;

  for (guint s = 0; s < cache->n_segments; s++)
    {
      const Segment *seg = &cache->segments[s];
      gboolean is_selected = (int) s == selected;
      double dim = selected >= 0 && !is_selected ? 0.45 : 1.0;
      double y = l->y + s * cache->legend_row_height;
      g_autoptr(PangoLayout) layout = NULL;
      double th;
      ScRgba colour;

      if (y + cache->legend_row_height > cache->height)
        break;

      if (is_selected)
        _sc_fill_rounded_rect (cr, l->x, y, l->width, cache->legend_row_height, 4,
                               &palette->selection, 0.18);

      sc_palette_segment_colour (palette, seg->colour, seg->is_outliers, &colour);
      /* The text drawn before leaves a current point: without a new path the arc would
       * start with a line from it. */
      cairo_new_path (cr);
      cairo_arc (cr, l->x + LEGEND_PAD + LEGEND_SWATCH / 2, y + cache->legend_row_height / 2,
                 LEGEND_SWATCH / 2, 0, 2 * G_PI);
      _sc_set_source (cr, &colour, dim);
      cairo_fill (cr);

      layout = _sc_text_layout (NULL, cr, palette, seg->name, _SC_TEXT_NORMAL, is_selected);
      _sc_scatter_legend_fit (layout, _sc_scatter_legend_text_room (l->width));
      _sc_text_size (layout, NULL, &th);
      _sc_text_draw (cr, layout, l->x + LEGEND_PAD + LEGEND_SWATCH + 6,
                     y + (cache->legend_row_height - th) / 2,
                     selected >= 0 && !is_selected ? &palette->muted : &palette->foreground,
                     1.0);
    }
}

/**
 * sc_scatter_paint:
 * @cr: a cairo context, its origin at the chart's top left corner
 * @cache: a scatter cache
 * @palette: the colours
 * @selected_segment: the segment to highlight (the others are dimmed), or -1
 * @width: chart width in logical units; the chart is scaled when this differs from the
 *   width the cache was built for
 * @height: chart height in logical units
 *
 * Paints grid lines, the points (an image blit), axes, centroid markers and the legend.
 * The background is not filled.
 */
void
sc_scatter_paint (cairo_t         *cr,
                  ScScatterCache  *cache,
                  const ScPalette *palette,
                  int              selected_segment,
                  double           width,
                  double           height)
{
  ScRect image_area;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (cache != NULL);
  g_return_if_fail (palette != NULL);

  if (selected_segment < 0 || (guint) selected_segment >= cache->n_segments)
    selected_segment = -1;

  sc_scatter_cache_prepare (cache, palette, selected_segment);

  cairo_save (cr);
  if (width > 0 && height > 0 && (width != cache->width || height != cache->height))
    cairo_scale (cr, width / cache->width, height / cache->height);

  sc_axis_draw_grid (cr, &cache->x_axis, palette, SC_AXIS_BOTTOM, &cache->plot, &cache->plot);
  sc_axis_draw_grid (cr, &cache->y_axis, palette, SC_AXIS_LEFT, &cache->plot, &cache->plot);

  if (cache->image != NULL && cairo_surface_status (cache->image) == CAIRO_STATUS_SUCCESS)
    {
      image_area.x = cache->plot.x - cache->pad / cache->scale;
      image_area.y = cache->plot.y - cache->pad / cache->scale;
      image_area.width = cache->plot.width + 2 * cache->pad / cache->scale;
      image_area.height = cache->plot.height + 2 * cache->pad / cache->scale;

      cairo_save (cr);
      cairo_rectangle (cr, image_area.x, image_area.y, image_area.width, image_area.height);
      cairo_set_source_surface (cr, cache->image, image_area.x, image_area.y);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  sc_axis_draw (cr, &cache->x_axis, palette, SC_AXIS_BOTTOM, &cache->plot, &cache->plot,
                cache->x_title);
  sc_axis_draw (cr, &cache->y_axis, palette, SC_AXIS_LEFT, &cache->plot, &cache->plot,
                cache->y_title);

  draw_centroids (cr, cache, palette, selected_segment);
  draw_legend (cr, cache, palette, selected_segment);

  cairo_restore (cr);
}

/* ---------------------------------------------------------------------------------------- */
/* Queries */

/* First cell at or after @cell. */
static guint32
find_cell (const ScScatterCache *cache,
           guint32               cell)
{
  guint32 lo = 0, hi = cache->n_cells;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (cache->cells[mid].cell < cell)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * sc_scatter_hit_test:
 * @cache: a scatter cache
 * @x: logical x within the chart
 * @y: logical y within the chart
 * @radius: how far to look, in logical pixels
 *
 * Finds the point drawn nearest to (@x, @y), to the resolution of a device pixel; of the
 * points sharing that pixel, the first of its dominant segment.  Costs a binary search
 * per pixel row within @radius.
 *
 * Returns: the index of the point in the data, or -1
 */
gint64
sc_scatter_hit_test (const ScScatterCache *cache,
                     double                x,
                     double                y,
                     double                radius)
{
  double qx, qy, r, best = G_MAXDOUBLE;
  gint64 best_cell = -1;
  int y0, y1, x0, x1;

  g_return_val_if_fail (cache != NULL, -1);

  if (cache->n_cells == 0 || !isfinite (x) || !isfinite (y) || !(radius >= 0))
    return -1;

  qx = (x - cache->plot.x) * cache->scale;
  qy = (y - cache->plot.y) * cache->scale;
  r = radius * cache->scale;

  y0 = (int) MAX (floor (qy - r), 0);
  y1 = (int) MIN (floor (qy + r), cache->ph - 1.0);
  x0 = (int) MAX (floor (qx - r), 0);
  x1 = (int) MIN (floor (qx + r), cache->pw - 1.0);
  if (y0 > y1 || x0 > x1)
    return -1;

  for (int py = y0; py <= y1; py++)
    {
      guint32 c = find_cell (cache, (guint32) py * (guint32) cache->pw + (guint32) x0);
      guint32 end = (guint32) py * (guint32) cache->pw + (guint32) x1;

      for (; c < cache->n_cells && cache->cells[c].cell <= end; c++)
        {
          double cx = cache->cells[c].cell % (guint32) cache->pw + 0.5;
          double dx = cx - qx, dy = py + 0.5 - qy;
          double d = dx * dx + dy * dy;

          if (d <= r * r + 0.5 && d < best)
            {
              best = d;
              best_cell = c;
            }
        }
    }

  if (best_cell < 0)
    return -1;

  for (guint32 k = cache->cells[best_cell].start; k < cache->cells[best_cell + 1].start; k++)
    if (cache->labels[k] == cache->cells[best_cell].dominant)
      return cache->order[k];

  g_assert_not_reached ();
  return -1;
}

/**
 * sc_scatter_legend_hit_test:
 * @cache: a scatter cache
 * @x: logical x within the chart
 * @y: logical y within the chart
 *
 * Returns: the segment whose legend entry is at (@x, @y), or -1
 */
int
sc_scatter_legend_hit_test (const ScScatterCache *cache,
                            double                x,
                            double                y)
{
  int row;

  g_return_val_if_fail (cache != NULL, -1);

  if (cache->legend.width <= 0 || !sc_rect_contains (&cache->legend, x, y))
    return -1;
  row = (int) ((y - cache->legend.y) / cache->legend_row_height);
  return row >= 0 && (guint) row < cache->n_segments ? row : -1;
}

/**
 * sc_scatter_point_position:
 * @cache: a scatter cache
 * @x_value: a value on the x axis (data units)
 * @y_value: a value on the y axis
 * @x: (out): where it is drawn, logical x within the chart
 * @y: (out): logical y
 *
 * Returns: %TRUE if the point lies within the plot area
 */
gboolean
sc_scatter_point_position (const ScScatterCache *cache,
                           double                x_value,
                           double                y_value,
                           double               *x,
                           double               *y)
{
  const ScRect *p;

  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  p = &cache->plot;
  *x = sc_axis_position (&cache->x_axis, x_value, p->x, p->x + p->width);
  *y = sc_axis_position (&cache->y_axis, y_value, p->y + p->height, p->y);

  return isfinite (*x) && isfinite (*y) && in_plot (cache, *x, *y);
}

/**
 * sc_scatter_value_at:
 * @cache: a scatter cache
 * @x: logical x within the chart
 * @y: logical y within the chart
 * @x_value: (out): the x value drawn there
 * @y_value: (out): the y value drawn there
 *
 * The inverse of sc_scatter_point_position(), for zooming to a dragged rectangle.
 *
 * Returns: %TRUE if (@x, @y) is within the plot area
 */
gboolean
sc_scatter_value_at (const ScScatterCache *cache,
                     double                x,
                     double                y,
                     double               *x_value,
                     double               *y_value)
{
  const ScRect *p;

  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (x_value != NULL && y_value != NULL, FALSE);

  p = &cache->plot;
  *x_value = sc_axis_value_at (&cache->x_axis, x, p->x, p->x + p->width);
  *y_value = sc_axis_value_at (&cache->y_axis, y, p->y + p->height, p->y);

  return in_plot (cache, x, y);
}

/**
 * sc_scatter_cache_get_centroid:
 * @cache: a scatter cache
 * @segment: a segment index
 * @x: (out): logical x of its centroid marker
 * @y: (out): logical y
 *
 * Returns: %FALSE when the segment has no centroid (no points and none given)
 */
gboolean
sc_scatter_cache_get_centroid (const ScScatterCache *cache,
                               guint                 segment,
                               double               *x,
                               double               *y)
{
  g_return_val_if_fail (cache != NULL, FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  if (segment >= cache->n_segments || !cache->segments[segment].has_centroid)
    return FALSE;
  centroid_position (cache, &cache->segments[segment], x, y);
  return TRUE;
}
