/* test-chart-geometry.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Geometry and pixel checks of the chart fixes of issue 16: no stray path in the scatter
 * legend, grid labels inside the plot and clear of each other and of the quadrant names
 * (over many seeded segment sets), axes fitted to the data, the sizes chart filling its
 * area, and every text colour the painters draw at ≥ 4.5:1 against the background in the
 * light, dark and high-contrast palettes (read from the glyphs of an SVG rendering, whose
 * paths also show any stray line that an image surface hides). */

#include <cairo-svg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-bars.h"
#include "sc-grid.h"
#include "sc-render-util-private.h"
#include "sc-scatter-private.h"
#include "test-render-utils.h"

/* ---------------------------------------------------------------------------------------- */
/* Scatter legend: nothing drawn between the dots */

static void
demo_scatter (Points        *pts,
              ScScatterData *data,
              guint32        n,
              guint32        seed)
{
  demo_points (pts, n, seed);
  demo_scatter_data (data, pts, demo_segments, N_DEMO_SEGMENTS);
}

static void
test_legend_no_stray_path (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autoptr(ScScatterCache) cache = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  ScScatterData data = { 0 };
  Points pts;
  const ScRect *l;
  guchar *pixels;
  int stride;
  double dot_x;

  demo_scatter (&pts, &data, 3000, 7);
  cache = sc_scatter_cache_new (&data, 900, 500, 1, NULL, palette);
  l = &cache->legend;
  g_assert_cmpfloat (l->width, >, 0);

  /* Transparent, so that anything painted shows as alpha. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 500);
  cr = cairo_create (surface);
  sc_scatter_paint (cr, cache, palette, -1, 900, 500);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  /* The columns of the dots, between one dot's bottom and the next one's top, and left of
   * the names. */
  dot_x = l->x + LEGEND_PAD + LEGEND_SWATCH / 2;
  for (guint s = 0; s + 1 < N_DEMO_SEGMENTS; s++)
    {
      double centre = l->y + (s + 0.5) * cache->legend_row_height;
      int y0 = (int) ceil (centre + LEGEND_SWATCH / 2 + 1.5);
      int y1 = (int) floor (centre + cache->legend_row_height - LEGEND_SWATCH / 2 - 1.5);

      for (int y = y0; y <= y1; y++)
        for (int x = (int) ceil (l->x + 1); x <= (int) floor (dot_x + LEGEND_SWATCH / 2 + 2); x++)
          {
            guint32 px = *(guint32 *) (pixels + y * stride + 4 * x);

            if ((px >> 24) != 0)
              g_error ("legend pixel (%d, %d) between dots %u and %u is painted (%08x)", x, y,
                       s, s + 1, px);
          }
    }
  g_assert_cmpfloat (dot_x + 6, <, l->x + l->width);

  cairo_surface_destroy (surface);
  points_clear (&pts);
}

/* ---------------------------------------------------------------------------------------- */
/* Grid labels */

static const char * const name_pool[] = {
  "Loyal high spenders (long tenure)", "New customers", "At risk", "Big spenders",
  "Bargain hunters", "Dormant accounts", "Occasional buyers", "Champions", "Hibernating",
  "Promising newcomers", "Need attention", "Cannot lose them",
};

static gboolean
rects_overlap (const ScRect *a,
               const ScRect *b)
{
  return a->width > 0 && b->width > 0 &&
         MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x) > 0.5 &&
         MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y) > 0.5;
}

static gboolean
rect_inside (const ScRect *inner,
             const ScRect *outer)
{
  return inner->x >= outer->x - 0.5 && inner->y >= outer->y - 0.5 &&
         inner->x + inner->width <= outer->x + outer->width + 0.5 &&
         inner->y + inner->height <= outer->y + outer->height + 0.5;
}

static void
test_grid_labels_property (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  g_autoptr(ScTextContext) context = _sc_text_context_new ();
  guint full_width = 0, labels = 0;

  for (guint trial = 0; trial < 300; trial++)
    {
      guint n = g_rand_int_range (rand, 3, 8);
      ScGridSegment segments[8];
      ScGridBubble bubbles[8];
      ScGridLayout layout;
      double width = g_rand_double_range (rand, 560, 1000);
      double height = g_rand_double_range (rand, 400, 700);

      for (guint i = 0; i < n; i++)
        {
          segments[i] = (ScGridSegment) {
            name_pool[(trial + i * 5) % G_N_ELEMENTS (name_pool)], i, FALSE,
            (guint64) g_rand_int_range (rand, 50, 6000),
            exp (g_rand_double_range (rand, log (20), log (2000))),
            exp (g_rand_double_range (rand, log (20), log (3000))),
          };
        }
      sc_grid_layout (segments, n, NAN, NAN, palette, width, height, &layout, bubbles);
      g_assert_true (layout.has_values);

      for (guint i = 0; i < n; i++)
        {
          double natural;

          g_assert_true (bubbles[i].visible);
          if (!rect_inside (&bubbles[i].label, &layout.frame))
            g_error ("trial %u: label of %s (%.0f,%.0f %.0fx%.0f) leaves the plot", trial,
                     segments[i].name, bubbles[i].label.x, bubbles[i].label.y,
                     bubbles[i].label.width, bubbles[i].label.height);
          for (guint q = SC_QUADRANT_INVEST; q < SC_N_QUADRANTS; q++)
            if (rects_overlap (&bubbles[i].label, &layout.quadrant_labels[q]))
              g_error ("trial %u: label of %s covers quadrant name %u", trial,
                       segments[i].name, q);
          for (guint j = 0; j < i; j++)
            if (rects_overlap (&bubbles[i].label, &bubbles[j].label))
              g_error ("trial %u: labels of %s and %s overlap", trial, segments[i].name,
                       segments[j].name);

          /* Most names fit whole. */
          _sc_text_measure (context, palette, segments[i].name, _SC_TEXT_NORMAL, TRUE,
                            &natural, NULL);
          labels++;
          if (bubbles[i].label.width >= natural - 1)
            full_width++;
        }
    }
  /* Room enough in charts this size: nearly every name appears whole. */
  g_test_message ("%u of %u labels at full width", full_width, labels);
  g_assert_cmpuint (full_width, >=, labels * 95 / 100);
}

/* A bubble on the outer corner of "Maintain at low cost" moves the name to another
 * corner of its quadrant. */
static void
test_grid_quadrant_label_clear_of_bubbles (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  /* Low value, low potential near the axes' origin, large. */
  ScGridSegment segments[] = {
    { "Small and cheap", 0, FALSE, 5000, 1, 1 },
    { "Big", 1, FALSE, 800, 1000, 900 },
    { "Middle", 2, FALSE, 400, 500, 300 },
  };
  ScGridBubble bubbles[G_N_ELEMENTS (segments)];
  ScGridLayout layout;
  const ScRect *q;
  double cx, cy;

  sc_grid_layout (segments, G_N_ELEMENTS (segments), 400, 400, palette, 720, 480, &layout,
                  bubbles);
  q = &layout.quadrant_labels[SC_QUADRANT_MAINTAIN];
  g_assert_cmpfloat (q->width, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      cx = CLAMP (bubbles[i].x, q->x, q->x + q->width);
      cy = CLAMP (bubbles[i].y, q->y, q->y + q->height);
      g_assert_cmpfloat (hypot (cx - bubbles[i].x, cy - bubbles[i].y), >=, bubbles[i].radius);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Axes */

static void
test_axis_fitted (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (545);
  ScAxis axis;

  /* The report of issue 16: recency to 545 days must not run to 1,000. */
  sc_axis_init (&axis, 0, 545, FALSE, FALSE, 3, SC_AXIS_FORMAT_DAYS);
  g_assert_cmpfloat (axis.max, <, 1000);
  g_assert_cmpfloat (axis.max, >=, 545);

  for (guint trial = 0; trial < 2000; trial++)
    {
      double lo = g_rand_boolean (rand) ? 0 : g_rand_double_range (rand, 0, 500);
      double hi = lo + exp (g_rand_double_range (rand, log (0.5), log (1e6)));
      guint max_ticks = g_rand_int_range (rand, 3, 12);
      double step;

      sc_axis_init (&axis, lo, hi, FALSE, FALSE, max_ticks, SC_AXIS_FORMAT_NUMBER);
      g_assert_cmpuint (axis.n_ticks, >=, 2);
      g_assert_cmpuint (axis.n_ticks, <=, max_ticks);
      step = axis.ticks[1] - axis.ticks[0];
      /* Covers the data, and ends within one tick step of it... */
      g_assert_cmpfloat (axis.min, <=, lo + 1e-9 * hi);
      g_assert_cmpfloat (axis.max, >=, hi - 1e-9 * hi);
      g_assert_cmpfloat (axis.max - hi, <, step);
      /* ... with at most a fifth of the axis beyond the data. */
      g_assert_cmpfloat (axis.max - hi, <=, 0.2 * (axis.max - axis.min) + 1e-9 * hi);
      for (guint i = 0; i < axis.n_ticks; i++)
        {
          g_assert_cmpfloat (axis.ticks[i], >=, axis.min - 1e-9 * hi);
          g_assert_cmpfloat (axis.ticks[i], <=, axis.max + 1e-9 * hi);
        }
    }
}

/* ---------------------------------------------------------------------------------------- */
/* The sizes chart fills its area */

static void
test_bars_fill_area (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (60);

  for (guint n = 3; n <= 8; n++)
    {
      ScBarsSegment segments[8];
      Canvas canvas;
      int w = 800, h = 500, x0 = w, y0 = h, x1 = -1, y1 = -1;

      for (guint i = 0; i < n; i++)
        segments[i] = (ScBarsSegment) { name_pool[i], i, FALSE,
                                        g_rand_double_range (rand, 0.02, 0.4),
                                        g_rand_double_range (rand, 0.02, 0.5) };
      canvas_init (&canvas, w, h, 1, palette);
      sc_bars_paint (canvas.cr, segments, n, palette, -1, w, h);
      cairo_surface_flush (canvas.surface);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          if (!is_background (&canvas, x + 0.5, y + 0.5, palette))
            {
              x0 = MIN (x0, x);
              y0 = MIN (y0, y);
              x1 = MAX (x1, x);
              y1 = MAX (y1, y);
            }
      canvas_finish (&canvas);
      g_assert_cmpint (x1, >=, 0);
      g_test_message ("%u segments: %d..%d × %d..%d", n, x0, x1, y0, y1);
      g_assert_cmpfloat ((double) (x1 - x0 + 1) * (y1 - y0 + 1), >=, 0.85 * w * h);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Text contrast */

typedef void (*PaintFunc) (cairo_t *cr, const ScPalette *palette, int selected);

static void
paint_bars (cairo_t         *cr,
            const ScPalette *palette,
            int              selected)
{
  static const ScBarsSegment segments[] = {
    { "Loyal high spenders", 0, FALSE, 0.12, 0.41 },
    { "New customers", 1, FALSE, 0.31, 0.14 },
    { "Outliers", 5, TRUE, 0.01, 0.10 },
  };

  sc_bars_paint (cr, segments, G_N_ELEMENTS (segments), palette, selected, 720, 360);
}

static void
paint_grid (cairo_t         *cr,
            const ScPalette *palette,
            int              selected)
{
  static const ScGridSegment segments[] = {
    { "Loyal high spenders", 0, FALSE, 1200, 820, 1150 },
    { "New customers", 1, FALSE, 3100, 90, 420 },
    { "At risk", 2, FALSE, 1800, 410, 260 },
  };
  static const ScGridSegment value_only[] = {
    { "Loyal high spenders", 0, FALSE, 1200, 820, NAN },
  };

  sc_grid_paint (cr, segments, G_N_ELEMENTS (segments), NAN, NAN, palette, selected, 720, 480);
  cairo_translate (cr, 0, 480);
  sc_grid_paint (cr, value_only, 1, NAN, NAN, palette, selected, 720, 480);
  cairo_translate (cr, 0, 480);
  sc_grid_paint (cr, NULL, 0, NAN, NAN, palette, selected, 720, 480);
}

static void
paint_scatter (cairo_t         *cr,
               const ScPalette *palette,
               int              selected)
{
  g_autoptr(ScScatterCache) cache = NULL;
  ScScatterData data = { 0 };
  Points pts;

  demo_scatter (&pts, &data, 2000, 3);
  cache = sc_scatter_cache_new (&data, 720, 480, 1, NULL, palette);
  sc_scatter_paint (cr, cache, palette, selected, 720, 480);
  points_clear (&pts);
}

/* Parses "rgb(12.5%,50%,100%)" and the fill-opacity after it from a cairo SVG style. */
static gboolean
parse_fill (const char *style,
            ScRgba     *rgba,
            double     *alpha)
{
  const char *fill = strstr (style, "fill:rgb(");
  const char *opacity = strstr (style, "fill-opacity:");

  if (fill == NULL)
    return FALSE;
  if (sscanf (fill, "fill:rgb(%lf%%,%lf%%,%lf%%)", &rgba->r, &rgba->g, &rgba->b) != 3)
    return FALSE;
  rgba->r /= 100;
  rgba->g /= 100;
  rgba->b /= 100;
  rgba->a = 1;
  *alpha = opacity != NULL ? g_ascii_strtod (opacity + strlen ("fill-opacity:"), NULL) : 1.0;
  return TRUE;
}

/* Every run of glyphs in the SVG takes the fill of the group around it; returns how many
 * runs were checked. */
static guint
check_svg_text (const char      *svg,
                const ScPalette *palette,
                const char      *what)
{
  guint runs = 0;

  for (const char *p = strstr (svg, "<use xlink:href=\"#glyph"); p != NULL;
       p = strstr (p + 1, "<use xlink:href=\"#glyph"))
    {
      g_autofree char *head = g_strndup (svg, p - svg);
      const char *group = g_strrstr (head, "<g style=\"");
      ScRgba colour;
      double alpha = 1.0, ratio;

      g_assert_nonnull (group);
      g_assert_true (parse_fill (group, &colour, &alpha));
      ratio = sc_rgba_contrast (&colour, alpha, &palette->background);
      if (ratio < SC_PALETTE_MIN_TEXT_CONTRAST)
        {
          g_autofree char *hex = sc_rgba_to_hex (&colour);

          g_error ("%s: text in %s at %.2f opacity stands %.2f:1 on the background", what,
                   hex, alpha, ratio);
        }
      runs++;
    }
  return runs;
}

static cairo_status_t
append_svg (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A fill that starts with a line into a curve is an arc added to a path that still had a
 * current point: an image surface fills the zero-width sliver with nothing, but PDF and SVG
 * viewers draw it as a faint stray line (the legend dots of issue 16). */
static void
check_svg_paths (const char *svg,
                 const char *what)
{
  g_autoptr(GRegex) stray = g_regex_new ("d=\"M [-0-9.e]+ [-0-9.e]+ L [-0-9.e]+ [-0-9.e]+"
                                          "( C( [-0-9.e]+){6})+ *( Z)? *\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *body = strstr (svg, "</defs>");

  /* Glyph outlines, in the definitions, are no concern. */
  if (g_regex_match (stray, body != NULL ? body : svg, 0, &match))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);

      g_error ("%s: a path starts with a stray line into an arc: %s", what, found);
    }
}

static void
test_text_contrast (void)
{
  static const struct
  {
    const char *name;
    PaintFunc   paint;
  } charts[] = {
    { "bars", paint_bars },
    { "grid", paint_grid },
    { "scatter", paint_scatter },
  };

  for (guint style = 0; style < 4; style++)
    {
      gboolean dark = style & 1, high_contrast = style >= 2;
      g_autoptr(ScPalette) palette = sc_palette_new_for_style (dark, high_contrast);

      /* The palette's own text colours, opaque. */
      g_assert_cmpfloat (sc_rgba_contrast (&palette->foreground, 1, &palette->background), >=,
                         high_contrast ? 7.0 : SC_PALETTE_MIN_TEXT_CONTRAST);
      g_assert_cmpfloat (sc_rgba_contrast (&palette->muted, 1, &palette->background), >=,
                         high_contrast ? 7.0 : SC_PALETTE_MIN_TEXT_CONTRAST);

      /* Text on tinted cells (migration), over every segment colour at every strength. */
      for (guint c = 0; c <= SC_PALETTE_N_SEGMENT_COLOURS; c++)
        for (double a = 0; a <= 1.0 + 1e-9; a += 0.05)
          {
            ScRgba fill, ink, shown;

            sc_palette_segment_colour (palette, c, c == SC_PALETTE_N_SEGMENT_COLOURS, &fill);
            sc_palette_text_on (palette, &fill, a, &ink);
            sc_rgba_over (&fill, a, &palette->background, &shown);
            g_assert_cmpfloat (sc_rgba_contrast (&ink, 1, &shown), >=,
                               SC_PALETTE_MIN_TEXT_CONTRAST);
          }

      /* What the painters draw, unselected and with a selection (dimmed text). */
      for (guint k = 0; k < G_N_ELEMENTS (charts); k++)
        for (int selected = -1; selected <= 1; selected += 2)
          {
            g_autoptr(GString) svg = g_string_new (NULL);
            g_autofree char *what = g_strdup_printf ("%s (dark %d, high contrast %d, "
                                                     "selected %d)", charts[k].name, dark,
                                                     high_contrast, selected);
            cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append_svg, svg,
                                                                            720, 1440);
            cairo_t *cr = cairo_create (surface);

            charts[k].paint (cr, palette, selected);
            cairo_destroy (cr);
            cairo_surface_finish (surface);
            cairo_surface_destroy (surface);
            g_assert_cmpuint (check_svg_text (svg->str, palette, what), >, 3);
            check_svg_paths (svg->str, what);
          }
    }
}

/* The check itself: known WCAG ratios. */
static void
test_contrast_function (void)
{
  ScRgba white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 1 }, grey;

  g_assert_cmpfloat_with_epsilon (sc_rgba_contrast (&black, 1, &white), 21.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_rgba_contrast (&white, 1, &white), 1.0, 1e-9);
  /* #767676 is the lightest grey at 4.5:1 on white (4.54). */
  g_assert_true (sc_rgba_parse (&grey, "#767676"));
  g_assert_cmpfloat_with_epsilon (sc_rgba_contrast (&grey, 1, &white), 4.54, 0.01);
  /* The quadrant names before the fix: #666666 at 75% shows as #8C8C8C, 3.4:1. */
  g_assert_true (sc_rgba_parse (&grey, "#666666"));
  g_assert_cmpfloat_with_epsilon (sc_rgba_contrast (&grey, 0.75, &white), 3.36, 0.02);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/ChartGeometry/legend-no-stray-path", test_legend_no_stray_path);
  g_test_add_func ("/Render/ChartGeometry/grid-labels", test_grid_labels_property);
  g_test_add_func ("/Render/ChartGeometry/grid-quadrant-label-clear",
                   test_grid_quadrant_label_clear_of_bubbles);
  g_test_add_func ("/Render/ChartGeometry/axis-fitted", test_axis_fitted);
  g_test_add_func ("/Render/ChartGeometry/bars-fill-area", test_bars_fill_area);
  g_test_add_func ("/Render/ChartGeometry/contrast-function", test_contrast_function);
  g_test_add_func ("/Render/ChartGeometry/text-contrast", test_text_contrast);

  return g_test_run ();
}
