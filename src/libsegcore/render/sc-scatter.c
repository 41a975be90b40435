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
 * 6 bytes per point and 12 per occupied pixel.
 *
 * sc_scatter_cache_prepare() colours the cells into an ARGB32 image: each cell stamps an
 * anti-aliased disc (larger for fewer points, so 1000 customers are as readable as a
 * million) in its dominant segment's colour, more opaque where more points share the
 * pixel.  With a selected segment, the other cells are stamped first in the dimmed colour
 * and the cells holding the selected segment on top of them in its colour.  The image
 * depends only on the colours and the selection, so it is remade only when they change;
 * sc_scatter_paint() then costs a blit plus axes, centroids and legend whatever the
 * number of points.
 *
 * Hit testing uses the same cells: a binary search per pixel row within the radius.
 *
 * The cache holds no reference to the data and touches no global state, so it can be
 * built in a worker thread; after that it belongs to one thread at a time (painting may
 * remake the image). */

#include "config.h"

#include "sc-scatter.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-render-private.h"

typedef struct
{
  guint32 cell;       /* py * pw + px */
  guint32 start;      /* first point in order[] */
  guint16 dominant;   /* segment with most points in the cell, lowest index on ties */
} Cell;

typedef struct
{
  char     *name;
  guint     colour;
  gboolean  is_outliers;
  guint32   count;      /* points drawn */
  gboolean  has_centroid;
  double    tx, ty;     /* centroid on the axes' scales */
} Segment;

struct _ScScatterCache
{
  int       width;
  int       height;
  double    scale;

  ScAxis    x_axis;
  ScAxis    y_axis;
  char     *x_title;
  char     *y_title;
  ScRect    plot;
  int       pw, ph;        /* device pixels of the plot */

  guint     n_segments;
  Segment  *segments;

  guint32   n_points;
  guint32  *order;         /* n_points: data index, sorted by cell */
  guint16  *labels;        /* n_points: segment of order[i] */
  guint32   n_cells;
  Cell     *cells;         /* n_cells + 1; the last one's start is n_points */
  guint32   max_count;
  double    radius;        /* logical pixels */

  ScRect    legend;
  double    legend_row_height;

  /* The coloured image and what it was made for. */
  cairo_surface_t *image;
  int       pad;           /* device pixels around the plot in the image */
  gboolean  image_valid;
  int       image_selected;
  ScRgba    image_colours[SC_PALETTE_N_SEGMENT_COLOURS + 2];
};

#define LEGEND_SWATCH   10.0
#define LEGEND_PAD      8.0
#define CENTROID_RADIUS 7.0

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
  sc_axis_set_currency (&cache->x_axis, data->currency);
  sc_axis_set_currency (&cache->y_axis, data->currency);
}

/* Aligns to the device pixel grid so the image blits 1:1. */
static double
align (double v,
       double scale,
       gboolean up)
{
  return (up ? ceil (v * scale - 1e-6) : floor (v * scale + 1e-6)) / scale;
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
      double name_w = 0;

      for (guint s = 0; s < cache->n_segments; s++)
        {
          double tw, th;

          _sc_text_measure (context, palette, cache->segments[s].name, _SC_TEXT_NORMAL, TRUE,
                            &tw, &th);
          name_w = MAX (name_w, tw);
          row_h = MAX (row_h, th);
        }
      row_h += 6;
      legend_w = MIN (LEGEND_SWATCH + 6 + name_w + 2 * LEGEND_PAD, w * 0.28);
    }
  cache->legend_row_height = row_h;

  _sc_text_measure (context, palette, "0", _SC_TEXT_SMALL, FALSE, NULL, &label_h);

  /* Twice: the tick count depends on the plot size, and the labels' room on the ticks. */
  init_axes (cache, data, axes, range, w * 0.7, h * 0.7);
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
        init_axes (cache, data, axes, range, MAX (w - left - right, 10),
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

  for (guint32 i = 0; i < data->n; i++)
    {
      double tx, ty, u, v;
      int px, py;
      guint16 s;

      if (!point_valid (data, i))
        continue;

      tx = sc_scale_forward (cache->x_axis.log, data->x[i]);
      ty = sc_scale_forward (cache->y_axis.log, data->y[i]);
      u = (tx - tx0) / (tx1 - tx0);
      v = (ty - ty0) / (ty1 - ty0);
      if (!(u >= 0.0 && u <= 1.0 && v >= 0.0 && v <= 1.0))
        continue;

      px = MIN ((int) (u * cache->pw), cache->pw - 1);
      py = MIN ((int) ((1.0 - v) * cache->ph), cache->ph - 1);
      keys[n_kept++] = ((guint64) ((guint32) py * (guint32) cache->pw + (guint32) px) << 32) | i;

      s = data->label[i];
      cache->segments[s].count++;
      sum_x[s] += tx;
      sum_y[s] += ty;
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
      else if (seg->count > 0)
        {
          seg->has_centroid = TRUE;
          seg->tx = sum_x[s] / seg->count;
          seg->ty = sum_y[s] / seg->count;
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

/* ---------------------------------------------------------------------------------------- */
/* Colouring */

static guint32
cell_count (const ScScatterCache *cache,
            guint32               c)
{
  return cache->cells[c + 1].start - cache->cells[c].start;
}

/* Opacity from the number of points in a pixel: lone points clearly visible, the
 * densest pixel opaque, logarithmic between. */
static double
density_alpha (guint32 count,
               guint32 max_count)
{
  if (max_count <= 1)
    return 0.9;
  return 0.6 + 0.4 * log ((double) count) / log ((double) max_count);
}

static inline guint32
div255 (guint32 v)
{
  return (v + 128 + ((v + 128) >> 8)) >> 8;
}

/* An anti-aliased disc as a list of its non-zero pixels. */
typedef struct
{
  int      r;          /* reach from the centre, in pixels */
  guint    n;
  int     *offset;     /* n: dy * stride + dx * 4, in bytes */
  guint8  *coverage;   /* n: 1..255 */
} Stamp;

static void
stamp_init (Stamp  *stamp,
            double  radius,
            int     stride)
{
  int side;

  stamp->r = (int) ceil (radius + 0.5);
  side = 2 * stamp->r + 1;
  stamp->n = 0;
  stamp->offset = g_new (int, side * side);
  stamp->coverage = g_new (guint8, side * side);
  for (int dy = -stamp->r; dy <= stamp->r; dy++)
    for (int dx = -stamp->r; dx <= stamp->r; dx++)
      {
        double d = sqrt ((double) (dx * dx + dy * dy));
        long cov = lround (CLAMP (radius + 0.5 - d, 0.0, 1.0) * 255);

        if (cov == 0)
          continue;
        stamp->offset[stamp->n] = dy * stride + dx * 4;
        stamp->coverage[stamp->n] = (guint8) cov;
        stamp->n++;
      }
}

static void
stamp_clear (Stamp *stamp)
{
  g_free (stamp->offset);
  g_free (stamp->coverage);
}

/* Composites the stamp OVER the premultiplied pixels around @centre; the image is padded
 * by the stamp's reach, so no pixel falls outside it. */
static void
stamp_draw (const Stamp  *stamp,
            guint8       *centre,
            const guint8  rgb[3],
            guint32       alpha)   /* 0..255 */
{
  for (guint k = 0; k < stamp->n; k++)
    {
      guint32 *px = (guint32 *) (gpointer) (centre + stamp->offset[k]);
      guint32 a = div255 (alpha * stamp->coverage[k]);
      guint32 d, inv, da, dr, dg, db;

      if (a == 0)
        continue;
      d = *px;
      inv = 255 - a;
      da = a + div255 ((d >> 24) * inv);
      dr = div255 (rgb[0] * a) + div255 (((d >> 16) & 0xff) * inv);
      dg = div255 (rgb[1] * a) + div255 (((d >> 8) & 0xff) * inv);
      db = div255 (rgb[2] * a) + div255 ((d & 0xff) * inv);
      *px = (da << 24) | (MIN (dr, 255) << 16) | (MIN (dg, 255) << 8) | MIN (db, 255);
    }
}

static void
rgb8 (const ScRgba *c,
      guint8        out[3])
{
  out[0] = (guint8) lround (CLAMP (c->r, 0, 1) * 255);
  out[1] = (guint8) lround (CLAMP (c->g, 0, 1) * 255);
  out[2] = (guint8) lround (CLAMP (c->b, 0, 1) * 255);
}

static void
image_key (const ScPalette *palette,
           ScRgba           key[SC_PALETTE_N_SEGMENT_COLOURS + 2])
{
  memcpy (key, palette->segments, sizeof palette->segments);
  key[SC_PALETTE_N_SEGMENT_COLOURS] = palette->outliers;
  key[SC_PALETTE_N_SEGMENT_COLOURS + 1] = palette->dimmed;
}

/**
 * sc_scatter_cache_prepare:
 * @cache: a scatter cache
 * @palette: the colours
 * @selected_segment: segment to highlight, or -1
 *
 * Colours the binned points for @palette and @selected_segment, unless the image is
 * already made for them.  sc_scatter_paint() calls this itself; call it beforehand to
 * keep the cost (linear in the occupied pixels) out of a frame.
 */
void
sc_scatter_cache_prepare (ScScatterCache  *cache,
                          const ScPalette *palette,
                          int              selected_segment)
{
  ScRgba key[SC_PALETTE_N_SEGMENT_COLOURS + 2];
  g_autofree guint32 *selected_counts = NULL;
  Stamp stamp;
  guint8 *pixels;
  int stride, ih;
  guint8 dimmed[3];
  guint32 dimmed_alpha;
  gboolean has_selection;

  g_return_if_fail (cache != NULL);
  g_return_if_fail (palette != NULL);

  if (selected_segment < 0 || (guint) selected_segment >= cache->n_segments)
    selected_segment = -1;
  has_selection = selected_segment >= 0;

  image_key (palette, key);
  if (cache->image_valid && cache->image_selected == selected_segment
      && memcmp (key, cache->image_colours, sizeof key) == 0)
    return;

  if (cache->image == NULL)
    {
      cache->pad = (int) ceil (cache->radius * cache->scale + 0.5);
      cache->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                 cache->pw + 2 * cache->pad,
                                                 cache->ph + 2 * cache->pad);
      cairo_surface_set_device_scale (cache->image, cache->scale, cache->scale);
    }

  cairo_surface_flush (cache->image);
  pixels = cairo_image_surface_get_data (cache->image);
  stride = cairo_image_surface_get_stride (cache->image);
  ih = cairo_image_surface_get_height (cache->image);
  if (pixels == NULL)
    return;   /* out of memory: cairo handed out an error surface; paint no points */
  memset (pixels, 0, (gsize) stride * ih);

  stamp_init (&stamp, cache->radius * cache->scale, stride);
  g_assert (stamp.r == cache->pad);

  rgb8 (&palette->dimmed, dimmed);
  dimmed_alpha = (guint32) lround (CLAMP (palette->dimmed.a, 0, 1) * 255);

  if (has_selection)
    {
      selected_counts = g_new0 (guint32, MAX (cache->n_cells, 1));
      for (guint32 c = 0; c < cache->n_cells; c++)
        for (guint32 k = cache->cells[c].start; k < cache->cells[c + 1].start; k++)
          if (cache->labels[k] == selected_segment)
            selected_counts[c]++;
    }

  for (guint32 c = 0; c < cache->n_cells; c++)
    {
      guint32 count = cell_count (cache, c);
      int px = (int) (cache->cells[c].cell % (guint32) cache->pw) + cache->pad;
      int py = (int) (cache->cells[c].cell / (guint32) cache->pw) + cache->pad;

      if (has_selection)
        {
          guint32 others = count - selected_counts[c];

          if (others == 0)
            continue;
          stamp_draw (&stamp, pixels + (gsize) py * stride + px * 4, dimmed,
                      (guint32) lround (dimmed_alpha * density_alpha (others, cache->max_count)));
        }
      else
        {
          const Segment *seg = &cache->segments[cache->cells[c].dominant];
          ScRgba colour;
          guint8 rgb[3];

          sc_palette_segment_colour (palette, seg->colour, seg->is_outliers, &colour);
          rgb8 (&colour, rgb);
          stamp_draw (&stamp, pixels + (gsize) py * stride + px * 4, rgb,
                      (guint32) lround (255 * colour.a
                                        * density_alpha (count, cache->max_count)));
        }
    }

  if (has_selection)
    {
      const Segment *seg = &cache->segments[selected_segment];
      ScRgba colour;
      guint8 rgb[3];

      sc_palette_segment_colour (palette, seg->colour, seg->is_outliers, &colour);
      rgb8 (&colour, rgb);
      for (guint32 c = 0; c < cache->n_cells; c++)
        {
          int px, py;

          if (selected_counts[c] == 0)
            continue;
          px = (int) (cache->cells[c].cell % (guint32) cache->pw) + cache->pad;
          py = (int) (cache->cells[c].cell / (guint32) cache->pw) + cache->pad;
          stamp_draw (&stamp, pixels + (gsize) py * stride + px * 4, rgb,
                      (guint32) lround (255 * colour.a
                                        * density_alpha (selected_counts[c], cache->max_count)));
        }
    }

  cairo_surface_mark_dirty (cache->image);
  stamp_clear (&stamp);

  memcpy (cache->image_colours, key, sizeof key);
  cache->image_selected = selected_segment;
  cache->image_valid = TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Painting */

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
        if (!(x >= cache->plot.x && x <= cache->plot.x + cache->plot.width
              && y >= cache->plot.y && y <= cache->plot.y + cache->plot.height))
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
      g_autoptr(PangoLayout) layout = _sc_text_layout (NULL, cr, palette, seg->name,
                                                        _SC_TEXT_NORMAL, is_selected);
      ScRgba colour;
      double tw, th;

      if (y + cache->legend_row_height > cache->height)
        break;

      if (is_selected)
        {
          _sc_rounded_rect (cr, l->x, y, l->width, cache->legend_row_height, 4);
          _sc_set_source (cr, &palette->selection, 0.18);
          cairo_fill (cr);
        }

      sc_palette_segment_colour (palette, seg->colour, seg->is_outliers, &colour);
      cairo_arc (cr, l->x + LEGEND_PAD + LEGEND_SWATCH / 2, y + cache->legend_row_height / 2,
                 LEGEND_SWATCH / 2, 0, 2 * G_PI);
      _sc_set_source (cr, &colour, dim);
      cairo_fill (cr);

      _sc_text_fit (layout, l->width - 2 * LEGEND_PAD - LEGEND_SWATCH - 6);
      _sc_text_size (layout, &tw, &th);
      _sc_text_draw (cr, layout, l->x + LEGEND_PAD + LEGEND_SWATCH + 6,
                     y + (cache->legend_row_height - th) / 2,
                     selected >= 0 && !is_selected ? &palette->muted : &palette->foreground, 1.0);
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

  return isfinite (*x) && isfinite (*y)
         && *x >= p->x && *x <= p->x + p->width && *y >= p->y && *y <= p->y + p->height;
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

  return x >= p->x && x <= p->x + p->width && y >= p->y && y <= p->y + p->height;
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
