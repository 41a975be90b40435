/* sc-scatter.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A scatter of up to millions of customers, drawn at the cost of one image blit.
 *
 * sc_scatter_cache_new() maps every point to a device pixel of the plot and sorts the
 * points by pixel (an LSD radix sort on the pixel number: linear in the points, no
 * per-pixel arrays).  Each pixel that holds points becomes a "cell" with its points'
 * range in the sorted order and its dominant segment.  That is all the memory it keeps:
 * 6 bytes per point and 12 per occupied pixel.  sc-scatter-image.c colours the cells into
 * an image, sc-scatter-paint.c paints it and answers hit tests from the same cells.
 *
 * The cache holds no reference to the data and touches no global state, so it can be
 * built in a worker thread; after that it belongs to one thread at a time (painting may
 * remake the image). */

#include "config.h"

#include "sc-scatter.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-render-util-private.h"
#include "sc-scatter-private.h"

/* ---------------------------------------------------------------------------------------- */
/* Data */

/**
 * sc_feature_axis_format:
 * @feature: a feature
 *
 * Returns: how ticks of an axis showing @feature read
 */
ScAxisFormat
sc_feature_axis_format (ScFeature feature)
{
  switch (feature)
    {
    case SC_FEATURE_RECENCY:
    case SC_FEATURE_TENURE:
      return SC_AXIS_FORMAT_DAYS;
    case SC_FEATURE_MONETARY:
    case SC_FEATURE_AOV:
    case SC_FEATURE_CLV:
    case SC_FEATURE_PROFIT:
      return SC_AXIS_FORMAT_CURRENCY;
    case SC_FEATURE_P_ALIVE:
      return SC_AXIS_FORMAT_PERCENT;
    case SC_FEATURE_FREQUENCY:
    case SC_N_FEATURES:
    default:
      return SC_AXIS_FORMAT_NUMBER;
    }
}

/**
 * sc_scatter_data_init_from_run:
 * @data: (out caller-allocates): the scatter data
 * @run: a segmentation run
 * @features: per-customer features of the same customers as @run
 * @x: the feature on the x axis
 * @y: the feature on the y axis
 * @error: return location for an error
 *
 * Points @data at the arrays of @run and @features (which must outlive it) and fills in
 * the segments, titles and formats.  Release with sc_scatter_data_clear().
 *
 * Returns: %FALSE with %SC_ERROR_NO_DATA when a feature is not available (CLV and
 *   P(alive) before the CLV model runs), or %SC_ERROR_INVALID_INPUT when @run and
 *   @features do not describe the same customers
 */
gboolean
sc_scatter_data_init_from_run (ScScatterData     *data,
                               const ScRun       *run,
                               const ScFeatures  *features,
                               ScFeature          x,
                               ScFeature          y,
                               GError           **error)
{
  ScScatterSegment *segments;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (features != NULL, FALSE);
  g_return_val_if_fail ((guint) x < SC_N_FEATURES && (guint) y < SC_N_FEATURES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (data, 0, sizeof *data);

  for (guint i = 0; i < 2; i++)
    {
      ScFeature f = i == 0 ? x : y;

      if (features->values[f] == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                       _("“%s” is not available until the customer value model has run"),
                       sc_feature_to_label (f));
          return FALSE;
        }
    }

  if (features->n != run->n_customers)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   "The run has %u customers but the features have %u",
                   run->n_customers, features->n);
      return FALSE;
    }

  for (guint s = 0; s < run->n_segments; s++)
    if (run->segments[s].position != s)
      {
        g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                     "Segment %u of the run has position %u", s, run->segments[s].position);
        return FALSE;
      }

  segments = g_new0 (ScScatterSegment, MAX (run->n_segments, 1));
  for (guint s = 0; s < run->n_segments; s++)
    {
      segments[s].name = run->segments[s].name;
      segments[s].colour = run->segments[s].colour;
      segments[s].is_outliers = run->segments[s].is_outliers;
      segments[s].centroid_x = NAN;
      segments[s].centroid_y = NAN;
    }

  data->n = run->n_customers;
  data->x = features->values[x];
  data->y = features->values[y];
  data->label = run->labels;
  data->n_segments = run->n_segments;
  data->segments = segments;
  data->x_title = sc_feature_to_label (x);
  data->y_title = sc_feature_to_label (y);
  data->x_format = sc_feature_axis_format (x);
  data->y_format = sc_feature_axis_format (y);

  return TRUE;
}

/**
 * sc_scatter_data_clear:
 * @data: data filled by sc_scatter_data_init_from_run()
 *
 * Frees the segment array the data owns and zeroes @data.
 */
void
sc_scatter_data_clear (ScScatterData *data)
{
  g_return_if_fail (data != NULL);

  g_free ((gpointer) data->segments);
  memset (data, 0, sizeof *data);
}

/**
 * sc_scatter_axes_init:
 * @axes: (out caller-allocates): axes
 *
 * Linear axes over the data's range.
 */
void
sc_scatter_axes_init (ScScatterAxes *axes)
{
  g_return_if_fail (axes != NULL);

  axes->x_log = FALSE;
  axes->y_log = FALSE;
  axes->x_min = NAN;
  axes->x_max = NAN;
  axes->y_min = NAN;
  axes->y_max = NAN;
}

/* ---------------------------------------------------------------------------------------- */
/* Building */

static gboolean
point_valid (const ScScatterData *data,
             guint32              i)
{
  return data->label[i] < data->n_segments && isfinite (data->x[i]) && isfinite (data->y[i]);
}

static double
radius_for (guint32 n_points)
{
  if (n_points <= 2000)
    return 3.0;
  if (n_points <= 20000)
    return 2.0;
  if (n_points <= 200000)
    return 1.4;
  return 1.0;
}

static guint
ticks_for (double length,
           double spacing)
{
  return (guint) CLAMP (length / spacing, 2, 10) + 1;
}

static void
init_axes (ScScatterCache      *cache,
           const ScScatterData *data,
           const ScPalette     *palette,
           const ScScatterAxes *axes,
           const double         range[4],
           double               plot_w,
           double               plot_h)
{
  gboolean x_exact = isfinite (axes->x_min) && isfinite (axes->x_max) && axes->x_min < axes->x_max;
  gboolean y_exact = isfinite (axes->y_min) && isfinite (axes->y_max) && axes->y_min < axes->y_max;

  sc_axis_init (&cache->x_axis, x_exact ? axes->x_min : range[0], x_exact ? axes->x_max : range[1],
                axes->x_log, x_exact, ticks_for (plot_w, 100), data->x_format);
  sc_axis_init (&cache->y_axis, y_exact ? axes->y_min : range[2], y_exact ? axes->y_max : range[3],
                axes->y_log, y_exact, ticks_for (plot_h, 50), data->y_format);
  sc_axis_set_currency (&cache->x_axis, data->currency != NULL ? data->currency
                                                              : palette->currency);
  sc_axis_set_currency (&cache->y_axis, data->currency != NULL ? data->currency
                                                              : palette->currency);
}

/* Aligns to the device pixel grid so the image blits 1:1. */
static double
align (double v,
       double scale,
       gboolean up)
{
  return (up ? ceil (v * scale - 1e-6) : floor (v * scale + 1e-6)) / scale;
}

/* The legend's text: the room right of the swatch, the layout of one name in it. The
 * layout and the painting use the same two functions, so what is measured is drawn. */
double
_sc_scatter_legend_text_room (double legend_width)
{
  return legend_width - 2 * LEGEND_PAD - LEGEND_SWATCH - 6;
}

void
_sc_scatter_legend_fit (PangoLayout *layout,
                        double       room)
{
  /* Wrapping and the line limit only act once the text is given a width, when too wide. */
  _sc_text_fit (layout, room);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -LEGEND_MAX_LINES);
}

static void
compute_layout (ScScatterCache      *cache,
                const ScScatterData *data,
                const ScScatterAxes *axes,
                const ScPalette     *palette,
                const double         range[4])
{
  g_autoptr(ScTextContext) context = _sc_text_context_new ();
  double legend_w = 0, row_h = 0;
  double left, right, top, bottom, label_h;
  double w = cache->width, h = cache->height;

  if (cache->n_segments > 0 && w >= 360)
    {
      double name_w = 0, room;

      for (guint s = 0; s < cache->n_segments; s++)
        {
          double tw;

          _sc_text_measure (context, palette, cache->segments[s].name, _SC_TEXT_NORMAL, TRUE,
                            &tw, NULL);
          name_w = MAX (name_w, tw);
        }
      legend_w = MIN (LEGEND_SWATCH + 6 + name_w + 2 * LEGEND_PAD, w * 0.28);
      /* Rows as high as the highest name once wrapped in the room left (bold, as selected). */
      room = _sc_scatter_legend_text_room (legend_w);
      for (guint s = 0; s < cache->n_segments; s++)
        {
          g_autoptr(PangoLayout) layout = _sc_text_layout (context, NULL, palette,
                                                           cache->segments[s].name,
                                                           _SC_TEXT_NORMAL, TRUE);
          double th;

          _sc_scatter_legend_fit (layout, room);
          _sc_text_size (layout, NULL, &th);
          row_h = MAX (row_h, th);
        }
      row_h += 6;
    }
  cache->legend_row_height = row_h;

  _sc_text_measure (context, palette, "0", _SC_TEXT_SMALL, FALSE, NULL, &label_h);

  /* Twice: the tick count depends on the plot size, and the labels' room on the ticks. */
  init_axes (cache, data, palette, axes, range, w * 0.7, h * 0.7);
  for (int pass = 0; pass < 2; pass++)
    {
      g_autofree char *last = sc_axis_format_tick (&cache->x_axis,
                                                   cache->x_axis.ticks[cache->x_axis.n_ticks - 1]);
      double last_w;

      _sc_text_measure (context, palette, last, _SC_TEXT_SMALL, FALSE, &last_w, NULL);
      left = 8 + sc_axis_measure (&cache->y_axis, palette, SC_AXIS_LEFT, cache->y_title);
      bottom = 6 + sc_axis_measure (&cache->x_axis, palette, SC_AXIS_BOTTOM, cache->x_title);
      top = label_h / 2 + 8;
      right = legend_w > 0 ? legend_w + 16 + LEGEND_PAD : last_w / 2 + 8;

      if (pass == 0)
        init_axes (cache, data, palette, axes, range, MAX (w - left - right, 10),
                   MAX (h - top - bottom, 10));
    }

  cache->plot.x = align (left, cache->scale, TRUE);
  cache->plot.y = align (top, cache->scale, TRUE);
  cache->plot.width = MAX (align (w - right, cache->scale, FALSE) - cache->plot.x, 10);
  cache->plot.height = MAX (align (h - bottom, cache->scale, FALSE) - cache->plot.y, 10);
  cache->pw = MAX ((int) lround (cache->plot.width * cache->scale), 1);
  cache->ph = MAX ((int) lround (cache->plot.height * cache->scale), 1);

  cache->legend.x = cache->plot.x + cache->plot.width + 16;
  cache->legend.y = cache->plot.y;
  cache->legend.width = legend_w;
  cache->legend.height = legend_w > 0 ? row_h * cache->n_segments : 0;
}

/* Sorts (cell << 32 | index) pairs by cell, keeping index order within a cell. */
static void
radix_sort (guint64 *keys,
            guint64 *tmp,
            gsize    n,
            guint32  max_cell)
{
  g_autofree gsize *counts = g_new (gsize, 65536);
  guint64 *src = keys, *dst = tmp;

  for (int shift = 32; shift < 64; shift += 16)
    {
      gsize sum = 0;
      guint64 *swap;

      if (shift == 48 && (max_cell >> 16) == 0)
        break;

      memset (counts, 0, 65536 * sizeof (gsize));
      for (gsize i = 0; i < n; i++)
        counts[(src[i] >> shift) & 0xffff]++;
      for (guint d = 0; d < 65536; d++)
        {
          gsize c = counts[d];

          counts[d] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        dst[counts[(src[i] >> shift) & 0xffff]++] = src[i];

      swap = src;
      src = dst;
      dst = swap;
    }

  if (src != keys)
    memcpy (keys, src, n * sizeof (guint64));
}

/**
 * sc_scatter_cache_new:
 * @data: the points
 * @width: chart width in logical pixels
 * @height: chart height in logical pixels
 * @scale_factor: device pixels per logical pixel (2 on a HiDPI screen)
 * @axes: (nullable): scales and ranges; %NULL for linear axes over the data
 * @palette: (nullable): the palette whose font the chart uses for its layout (colours
 *   are chosen when painting); %NULL for the default font.  Read during the call only:
 *   pass a copy when another thread may change it meanwhile.
 *
 * Lays out the chart and bins the points into device pixels.  Linear in the points;
 * thread-safe (no shared state), so call it from a worker when the data, the size or
 * the axes change, and hand the cache to the painting thread.
 *
 * Returns: (transfer full): the cache
 */
ScScatterCache *
sc_scatter_cache_new (const ScScatterData *data,
                      int                  width,
                      int                  height,
                      double               scale_factor,
                      const ScScatterAxes *axes,
                      const ScPalette     *palette)
{
  ScScatterCache *cache;
  g_autoptr(ScPalette) measure_palette = NULL;
  ScScatterAxes default_axes;
  double range[4] = { INFINITY, -INFINITY, INFINITY, -INFINITY };
  g_autofree double *sum_x = NULL, *sum_y = NULL;
  g_autofree guint32 *n_summed = NULL;
  g_autofree guint64 *keys = NULL, *tmp = NULL;
  g_autofree guint32 *segment_counts = NULL;
  double tx0, tx1, ty0, ty1;
  guint32 n_kept = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->n == 0 || (data->x != NULL && data->y != NULL
                                         && data->label != NULL), NULL);
  g_return_val_if_fail (data->n_segments == 0 || data->segments != NULL, NULL);
  g_return_val_if_fail (data->n_segments <= G_MAXUINT16, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (scale_factor > 0, NULL);

  if (axes == NULL)
    {
      sc_scatter_axes_init (&default_axes);
      axes = &default_axes;
    }

  cache = g_new0 (ScScatterCache, 1);
  cache->width = width;
  cache->height = height;
  cache->scale = scale_factor;
  cache->x_title = g_strdup (data->x_title);
  cache->y_title = g_strdup (data->y_title);
  cache->image_selected = -2;

  cache->n_segments = data->n_segments;
  cache->segments = g_new0 (Segment, MAX (data->n_segments, 1));
  for (guint s = 0; s < data->n_segments; s++)
    {
      cache->segments[s].name = g_strdup (data->segments[s].name != NULL
                                          ? data->segments[s].name : "");
      cache->segments[s].colour = data->segments[s].colour;
      cache->segments[s].is_outliers = data->segments[s].is_outliers;
    }

  for (guint32 i = 0; i < data->n; i++)
    {
      if (!point_valid (data, i))
        continue;
      range[0] = MIN (range[0], data->x[i]);
      range[1] = MAX (range[1], data->x[i]);
      range[2] = MIN (range[2], data->y[i]);
      range[3] = MAX (range[3], data->y[i]);
    }

  /* Layout needs only the font, not the colours. */
  if (palette == NULL)
    palette = measure_palette = sc_palette_new (FALSE);
  compute_layout (cache, data, axes, palette, range);

  tx0 = cache->x_axis.t_min;
  tx1 = cache->x_axis.t_max;
  ty0 = cache->y_axis.t_min;
  ty1 = cache->y_axis.t_max;

  keys = g_new (guint64, MAX (data->n, 1));
  sum_x = g_new0 (double, MAX (data->n_segments, 1));
  sum_y = g_new0 (double, MAX (data->n_segments, 1));
  n_summed = g_new0 (guint32, MAX (data->n_segments, 1));

  for (guint32 i = 0; i < data->n; i++)
    {
      double tx, ty, u, v;
      int px, py;
      guint16 s;

      if (!point_valid (data, i))
        continue;

      tx = sc_scale_forward (cache->x_axis.log, data->x[i]);
      ty = sc_scale_forward (cache->y_axis.log, data->y[i]);
      if (!isfinite (tx) || !isfinite (ty))
        continue;
      /* A segment's centre is that of all its points, not of those in view: zooming in
       * must not move its marker. */
      s = data->label[i];
      n_summed[s]++;
      sum_x[s] += tx;
      sum_y[s] += ty;
      u = (tx - tx0) / (tx1 - tx0);
      v = (ty - ty0) / (ty1 - ty0);
      if (!(u >= 0.0 && u <= 1.0 && v >= 0.0 && v <= 1.0))
        continue;

      px = MIN ((int) (u * cache->pw), cache->pw - 1);
      py = MIN ((int) ((1.0 - v) * cache->ph), cache->ph - 1);
      keys[n_kept++] = ((guint64) ((guint32) py * (guint32) cache->pw + (guint32) px) << 32) | i;

      cache->segments[s].count++;
    }

  for (guint s = 0; s < data->n_segments; s++)
    {
      Segment *seg = &cache->segments[s];
      double cx = data->segments[s].centroid_x;
      double cy = data->segments[s].centroid_y;

      if (isfinite (cx) && isfinite (cy))
        {
          seg->has_centroid = TRUE;
          seg->tx = sc_scale_forward (cache->x_axis.log, cx);
          seg->ty = sc_scale_forward (cache->y_axis.log, cy);
        }
      else if (n_summed[s] > 0)
        {
          seg->has_centroid = TRUE;
          seg->tx = sum_x[s] / n_summed[s];
          seg->ty = sum_y[s] / n_summed[s];
        }
    }

  tmp = g_new (guint64, MAX (n_kept, 1));
  radix_sort (keys, tmp, n_kept, (guint32) cache->pw * (guint32) cache->ph);
  g_clear_pointer (&tmp, g_free);

  cache->n_points = n_kept;
  cache->order = g_new (guint32, MAX (n_kept, 1));
  cache->labels = g_new (guint16, MAX (n_kept, 1));

  /* Count cells first so the cell array is allocated once at its size. */
  cache->n_cells = 0;
  for (guint32 i = 0; i < n_kept; i++)
    if (i == 0 || (keys[i] >> 32) != (keys[i - 1] >> 32))
      cache->n_cells++;
  cache->cells = g_new (Cell, cache->n_cells + 1);

  segment_counts = g_new0 (guint32, MAX (data->n_segments, 1));
  for (guint32 i = 0, c = 0; i < n_kept;)
    {
      guint32 cell = (guint32) (keys[i] >> 32);
      guint32 j = i;
      guint16 dominant = 0;
      guint32 best = 0;

      for (; j < n_kept && (guint32) (keys[j] >> 32) == cell; j++)
        {
          guint32 idx = (guint32) keys[j];
          guint16 s = data->label[idx];

          cache->order[j] = idx;
          cache->labels[j] = s;
          if (++segment_counts[s] > best || (segment_counts[s] == best && s < dominant))
            {
              best = segment_counts[s];
              dominant = s;
            }
        }
      for (guint32 k = i; k < j; k++)
        segment_counts[cache->labels[k]] = 0;

      cache->cells[c].cell = cell;
      cache->cells[c].start = i;
      cache->cells[c].dominant = dominant;
      cache->max_count = MAX (cache->max_count, j - i);
      c++;
      i = j;
    }
  cache->cells[cache->n_cells].cell = G_MAXUINT32;
  cache->cells[cache->n_cells].start = n_kept;
  cache->cells[cache->n_cells].dominant = 0;

  cache->radius = radius_for (n_kept);

  return cache;
}

/**
 * sc_scatter_cache_free:
 * @cache: (nullable): a scatter cache
 */
void
sc_scatter_cache_free (ScScatterCache *cache)
{
  if (cache == NULL)
    return;

  for (guint s = 0; s < cache->n_segments; s++)
    g_free (cache->segments[s].name);
  g_free (cache->segments);
  g_free (cache->x_title);
  g_free (cache->y_title);
  g_free (cache->order);
  g_free (cache->labels);
  g_free (cache->cells);
  g_clear_pointer (&cache->image, cairo_surface_destroy);
  g_free (cache);
}

/**
 * sc_scatter_cache_get_plot_area:
 * @cache: a scatter cache
 * @area: (out): the rectangle the points are drawn in, logical units
 */
void
sc_scatter_cache_get_plot_area (const ScScatterCache *cache,
                                ScRect               *area)
{
  g_return_if_fail (cache != NULL);
  g_return_if_fail (area != NULL);

  *area = cache->plot;
}

/**
 * sc_scatter_cache_get_x_axis:
 * @cache: a scatter cache
 *
 * Returns: (transfer none): the x axis as laid out: range, ticks, scale
 */
const ScAxis *
sc_scatter_cache_get_x_axis (const ScScatterCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  return &cache->x_axis;
}

/**
 * sc_scatter_cache_get_y_axis:
 * @cache: a scatter cache
 *
 * Returns: (transfer none): the y axis as laid out
 */
const ScAxis *
sc_scatter_cache_get_y_axis (const ScScatterCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  return &cache->y_axis;
}

/**
 * sc_scatter_cache_get_n_points:
 * @cache: a scatter cache
 *
 * Returns: how many points are drawn (those with a segment, finite coordinates and
 *   within the axes' ranges)
 */
guint32
sc_scatter_cache_get_n_points (const ScScatterCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);

  return cache->n_points;
}

/**
 * sc_scatter_cache_get_point_radius:
 * @cache: a scatter cache
 *
 * Returns: the radius of a drawn point in logical pixels; it shrinks as points grow
 *   many
 */
double
sc_scatter_cache_get_point_radius (const ScScatterCache *cache)
{
  g_return_val_if_fail (cache != NULL, 0);

  return cache->radius;
}
