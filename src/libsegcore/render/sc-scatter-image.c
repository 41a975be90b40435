/* sc-scatter-image.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sc_scatter_cache_prepare() colours the cells into an ARGB32 image: each cell stamps an
 * anti-aliased disc (larger for fewer points, so 1000 customers are as readable as a
 * million) in its dominant segment's colour, more opaque where more points share the
 * pixel.  With a selected segment, the other cells are stamped first in the dimmed colour
 * and the cells holding the selected segment on top of them in its colour.  The image
 * depends only on the colours and the selection, so it is remade only when they change;
 * sc_scatter_paint() then costs a blit plus axes, centroids and legend whatever the
 * number of points. */

#include "config.h"

#include "sc-scatter.h"

#include <math.h>
#include <string.h>

#include "sc-render-util-private.h"
#include "sc-scatter-private.h"

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
