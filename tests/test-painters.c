/* test-painters.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The bars and grid painters, checked on the pixels they produce (the scatter's are in
 * test-scatter.c): charts are rendered to ARGB32 image surfaces and read back at positions
 * computed by the layout functions.  With SC_CHART_OUTPUT_DIR set, the test also writes a
 * PNG of every chart, light and dark, there for people to look at. */

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-bars.h"
#include "sc-enum-types.h"
#include "sc-grid.h"
#include "sc-scatter.h"
#include "test-render-utils.h"

/* ---------------------------------------------------------------------------------------- */
/* Demo data, also used for the PNGs (the scatter's in test-render-utils.c) */

static const ScBarsSegment demo_bars[] = {
  { "Loyal high spenders", 0, FALSE, 0.12, 0.41 },
  { "New customers", 1, FALSE, 0.31, 0.14 },
  { "At risk", 2, FALSE, 0.18, 0.22 },
  { "عملاء نائمون", 3, FALSE, 0.27, 0.08 },
  { "优惠猎手", 4, FALSE, 0.11, 0.05 },
  { "Outliers", 5, TRUE, 0.01, 0.10 },
};

static const ScGridSegment demo_grid[] = {
  { "Loyal high spenders", 0, FALSE, 1200, 820, 1150 },
  { "New customers", 1, FALSE, 3100, 90, 420 },
  { "At risk", 2, FALSE, 1800, 410, 260 },
  { "عملاء نائمون", 3, FALSE, 2700, 25, 40 },
  { "优惠猎手", 4, FALSE, 1100, 150, 180 },
  { "Outliers", 5, TRUE, 100, 4100, 3000 },
};

/* ---------------------------------------------------------------------------------------- */
/* Bars */

static void
test_bars_layout (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  const guint n = G_N_ELEMENTS (demo_bars);
  ScBarsRow rows[G_N_ELEMENTS (demo_bars)];
  ScBarsLayout layout;

  sc_bars_layout (demo_bars, n, palette, 720, 360, &layout, rows);

  /* The largest share (41% of revenue) fills the bar width; all bars share one scale. */
  g_assert_cmpfloat_with_epsilon (layout.scale, layout.bars_width / 0.41, 1e-9);
  g_assert_cmpfloat_with_epsilon (rows[0].revenue.width, layout.bars_width, 1e-9);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (rows[i].customers.width, demo_bars[i].share * layout.scale,
                                      1e-9);
      g_assert_cmpfloat_with_epsilon (rows[i].revenue.width,
                                      demo_bars[i].revenue_share * layout.scale, 1e-9);
      g_assert_cmpfloat (rows[i].customers.x, ==, layout.bars_x);
      g_assert_cmpfloat (rows[i].revenue.x, ==, layout.bars_x);
      /* Side by side: customers above revenue, within the row. */
      g_assert_cmpfloat (rows[i].customers.y + rows[i].customers.height, <=, rows[i].revenue.y);
      g_assert_cmpfloat (rows[i].customers.y, >=, rows[i].row.y);
      g_assert_cmpfloat (rows[i].revenue.y + rows[i].revenue.height, <=,
                         rows[i].row.y + rows[i].row.height);
      /* Rows in the given order, not overlapping, names left of bars, labels after them
       * and inside the chart. */
      if (i > 0)
        g_assert_cmpfloat (rows[i].row.y, >=, rows[i - 1].row.y + rows[i - 1].row.height - 1e-9);
      g_assert_cmpfloat (rows[i].name.x + rows[i].name.width, <, layout.bars_x);
      g_assert_cmpfloat (rows[i].customers_label.x, >,
                         rows[i].customers.x + rows[i].customers.width);
      g_assert_cmpfloat (rows[i].revenue_label.x + rows[i].revenue_label.width, <=, 720);
      g_assert_cmpint (sc_bars_hit_test (rows, n, 100, rows[i].row.y + rows[i].row.height / 2),
                       ==, i);
    }
  g_assert_cmpfloat (rows[n - 1].row.y + rows[n - 1].row.height, <=, 360);
  g_assert_cmpint (sc_bars_hit_test (rows, n, 100, 359.5), ==, -1);
  g_assert_cmpint (sc_bars_hit_test (rows, n, -1, rows[0].row.y + 1), ==, -1);
  g_assert_cmpint (sc_bars_hit_test (NULL, 0, 10, 10), ==, -1);

  /* Twice as wide, bars twice as long (less the fixed room for names and labels). */
  {
    ScBarsRow wide[G_N_ELEMENTS (demo_bars)];
    ScBarsLayout wl;

    sc_bars_layout (demo_bars, n, palette, 1440, 360, &wl, wide);
    g_assert_cmpfloat (wl.bars_width, >, 2 * layout.bars_width);
  }
}

static void
test_bars_pixels (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new (dark);
      const guint n = G_N_ELEMENTS (demo_bars);
      ScBarsRow rows[G_N_ELEMENTS (demo_bars)];
      ScBarsLayout layout;
      Canvas canvas;

      sc_bars_layout (demo_bars, n, palette, 720, 360, &layout, rows);
      canvas_init (&canvas, 720, 360, 1, palette);
      sc_bars_paint (canvas.cr, demo_bars, n, palette, -1, 720, 360);
      canvas_finish (&canvas);

      for (guint i = 0; i < n; i++)
        {
          ScRgba colour = segment_colour (palette, demo_bars[i].colour, demo_bars[i].is_outliers);
          const ScRect *c = &rows[i].customers, *r = &rows[i].revenue;
          double cy = c->y + c->height / 2, ry = r->y + r->height / 2;

          /* Revenue in the full colour up to its computed end, customers in a tint. */
          assert_colour (&canvas, r->x + 1, ry, &colour, palette, 0.97, 1.0);
          assert_colour (&canvas, r->x + r->width - 1.5, ry, &colour, palette, 0.97, 1.0);
          assert_colour (&canvas, c->x + 1, cy, &colour, palette, 0.4, 0.5);
          assert_colour (&canvas, c->x + c->width - 1.5, cy, &colour, palette, 0.4, 0.5);
          /* Just past the ends, the gap before the label. */
          assert_background (&canvas, r->x + r->width + 1.5, ry, palette);
          assert_background (&canvas, c->x + c->width + 1.5, cy, palette);
        }
      canvas_clear (&canvas);

      /* Selecting the third row dims the others. */
      canvas_init (&canvas, 720, 360, 1, palette);
      sc_bars_paint (canvas.cr, demo_bars, n, palette, 2, 720, 360);
      canvas_finish (&canvas);
      {
        ScRgba c0 = segment_colour (palette, demo_bars[0].colour, FALSE);
        ScRgba c2 = segment_colour (palette, demo_bars[2].colour, FALSE);
        ScRgba selected_bg;
        const ScRect *r0 = &rows[0].revenue, *r2 = &rows[2].revenue;

        assert_colour (&canvas, r0->x + 2, r0->y + r0->height / 2, &c0, palette, 0.3, 0.4);
        /* The selected row sits on a selection tint, so compare against that. */
        selected_bg = pixel_at (&canvas, rows[2].row.x + 4, rows[2].row.y + rows[2].row.height / 2);
        g_assert_true (fabs (selected_bg.r - palette->background.r) > 0.01
                       || fabs (selected_bg.g - palette->background.g) > 0.01
                       || fabs (selected_bg.b - palette->background.b) > 0.01);
        {
          ScRgba pixel = pixel_at (&canvas, r2->x + 2, r2->y + r2->height / 2);

          g_assert_cmpfloat (fabs (pixel.r - c2.r), <, 0.01);
          g_assert_cmpfloat (fabs (pixel.g - c2.g), <, 0.01);
          g_assert_cmpfloat (fabs (pixel.b - c2.b), <, 0.01);
        }
      }
      canvas_clear (&canvas);
    }
}

static void
test_bars_odd_values (void)
{
  const ScBarsSegment odd[] = {
    { "Returns exceed sales", 0, FALSE, 0.5, -0.1 },
    { "Nothing", 1, FALSE, 0, 0 },
    { "Unknown", 2, FALSE, NAN, NAN },
  };
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScBarsRow rows[3];
  ScBarsLayout layout;
  Canvas canvas;

  sc_bars_layout (odd, 3, palette, 500, 200, &layout, rows);
  g_assert_cmpfloat (rows[0].revenue.width, ==, 0);
  g_assert_cmpfloat (rows[0].customers.width, ==, layout.bars_width);
  g_assert_cmpfloat (rows[1].customers.width, ==, 0);
  g_assert_cmpfloat (rows[2].customers.width, ==, 0);

  canvas_init (&canvas, 500, 200, 1, palette);
  sc_bars_paint (canvas.cr, odd, 3, palette, -1, 500, 200);
  canvas_finish (&canvas);
  assert_background (&canvas, rows[0].revenue.x + 1.5, rows[0].revenue.y + 2, palette);
  canvas_clear (&canvas);

  /* All zero: no scale, nothing drawn, no division by zero. */
  sc_bars_layout (&odd[1], 1, palette, 500, 200, &layout, rows);
  g_assert_cmpfloat (layout.scale, ==, 0);

  /* No segments at all. */
  canvas_init (&canvas, 500, 200, 1, palette);
  sc_bars_paint (canvas.cr, NULL, 0, palette, -1, 500, 200);
  canvas_finish (&canvas);
  canvas_clear (&canvas);
}

/* ---------------------------------------------------------------------------------------- */
/* Grid */

/* One segment per quadrant with round numbers; thresholds 100 / 100. */
static const ScGridSegment quad[] = {
  { "Invest", 0, FALSE, 400, 180, 170 },
  { "Keep", 1, FALSE, 100, 160, 30 },
  { "Grow", 2, FALSE, 900, 40, 160 },
  { "Maintain", 3, FALSE, 1600, 20, 20 },
};

static void
test_grid_layout (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScGridBubble b[G_N_ELEMENTS (quad)];
  ScGridLayout layout;

  sc_grid_layout (quad, 4, 100, 100, palette, 640, 480, &layout, b);
  g_assert_true (layout.has_values);
  g_assert_cmpfloat (layout.value_threshold, ==, 100);
  g_assert_cmpfloat (layout.potential_threshold, ==, 100);

  for (guint i = 0; i < 4; i++)
    {
      double x = sc_axis_position (&layout.x_axis, quad[i].value, layout.map.x,
                                   layout.map.x + layout.map.width);
      double y = sc_axis_position (&layout.y_axis, quad[i].potential,
                                   layout.map.y + layout.map.height, layout.map.y);

      g_assert_true (b[i].visible);
      g_assert_cmpfloat_with_epsilon (b[i].x, x, 1e-9);
      g_assert_cmpfloat_with_epsilon (b[i].y, y, 1e-9);
      /* Inside the frame, whole. */
      g_assert_cmpfloat (b[i].x - b[i].radius, >=, layout.frame.x);
      g_assert_cmpfloat (b[i].x + b[i].radius, <=, layout.frame.x + layout.frame.width);
      g_assert_cmpfloat (b[i].y - b[i].radius, >=, layout.frame.y);
      g_assert_cmpfloat (b[i].y + b[i].radius, <=, layout.frame.y + layout.frame.height);
      /* Labels in the chart and clear of one another. */
      g_assert_cmpfloat (b[i].label.x, >=, 0);
      g_assert_cmpfloat (b[i].label.x + b[i].label.width, <=, 640);
      for (guint j = 0; j < i; j++)
        g_assert_false (b[i].label.x < b[j].label.x + b[j].label.width
                        && b[j].label.x < b[i].label.x + b[i].label.width
                        && b[i].label.y < b[j].label.y + b[j].label.height
                        && b[j].label.y < b[i].label.y + b[i].label.height);
    }

  /* Each bubble sits in the quadrant named after it. */
  g_assert_cmpfloat (b[0].x, >, layout.divider_x);
  g_assert_cmpfloat (b[0].y, <, layout.divider_y);
  g_assert_cmpfloat (b[1].x, >, layout.divider_x);
  g_assert_cmpfloat (b[1].y, >, layout.divider_y);
  g_assert_cmpfloat (b[2].x, <, layout.divider_x);
  g_assert_cmpfloat (b[2].y, <, layout.divider_y);
  g_assert_cmpfloat (b[3].x, <, layout.divider_x);
  g_assert_cmpfloat (b[3].y, >, layout.divider_y);
  g_assert_cmpint (sc_quadrant_classify (180, 170, 100, 100), ==, SC_QUADRANT_INVEST);
  g_assert_cmpint (sc_quadrant_classify (160, 30, 100, 100), ==, SC_QUADRANT_KEEP);
  g_assert_cmpint (sc_quadrant_classify (40, 160, 100, 100), ==, SC_QUADRANT_GROW);
  g_assert_cmpint (sc_quadrant_classify (20, 20, 100, 100), ==, SC_QUADRANT_MAINTAIN);
  g_assert_cmpint (sc_quadrant_classify (100, 100, 100, 100), ==, SC_QUADRANT_INVEST);
  g_assert_cmpstr (sc_quadrant_get_label (SC_QUADRANT_MAINTAIN), ==, "Maintain at low cost");
  g_assert_cmpint (sc_quadrant_classify (NAN, 100, 100, 100), ==, SC_QUADRANT_NONE);
  for (guint q = SC_QUADRANT_NONE; q < SC_N_QUADRANTS; q++)
    g_assert_cmpint (sc_quadrant_from_string (sc_quadrant_to_string (q)), ==, q);
  g_assert_cmpstr (sc_quadrant_to_string (SC_QUADRANT_MAINTAIN), ==, "maintain");
  g_assert_cmpint (sc_quadrant_from_string ("Invest"), ==, SC_QUADRANT_NONE);
  {
    /* The GType's nicks are the stored form too. */
    GEnumClass *quadrants = g_type_class_ref (SC_TYPE_QUADRANT);

    for (guint q = SC_QUADRANT_INVEST; q < SC_N_QUADRANTS; q++)
      g_assert_cmpstr (g_enum_get_value (quadrants, q)->value_nick, ==, sc_quadrant_to_string (q));
    g_type_class_unref (quadrants);
  }

  /* Areas proportional to customers: radius ∝ √customers (1600 is the largest). */
  g_assert_cmpfloat_with_epsilon (b[0].radius / b[3].radius, sqrt (400.0 / 1600.0), 1e-9);
  g_assert_cmpfloat_with_epsilon (b[2].radius / b[3].radius, sqrt (900.0 / 1600.0), 1e-9);

  /* Hit testing: centres, labels, nothing. */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpint (sc_grid_hit_test (b, 4, b[i].x, b[i].y), ==, i);
      g_assert_cmpint (sc_grid_hit_test (b, 4, b[i].label.x + b[i].label.width / 2,
                                         b[i].label.y + b[i].label.height / 2), ==, i);
    }
  g_assert_cmpint (sc_grid_hit_test (b, 4, -5, -5), ==, -1);

  /* The quadrant names are in their quadrants. */
  g_assert_cmpfloat (layout.quadrant_labels[SC_QUADRANT_INVEST].x, >, layout.divider_x);
  g_assert_cmpfloat (layout.quadrant_labels[SC_QUADRANT_GROW].x
                     + layout.quadrant_labels[SC_QUADRANT_GROW].width, <, layout.divider_x);
  g_assert_cmpfloat (layout.quadrant_labels[SC_QUADRANT_KEEP].y, >, layout.divider_y);
}

static void
test_grid_auto_threshold (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScGridBubble b[4];
  ScGridLayout layout;

  sc_grid_layout (quad, 4, NAN, NAN, palette, 640, 480, &layout, b);
  /* Customer-weighted means: (400·180 + 100·160 + 900·40 + 1600·20) / 3000 = 52;
   * (400·170 + 100·30 + 900·160 + 1600·20) / 3000 = 82.33… */
  g_assert_cmpfloat_with_epsilon (layout.value_threshold, 52, 1e-9);
  g_assert_cmpfloat_with_epsilon (layout.potential_threshold, 247000.0 / 3000.0, 1e-9);
}

static void
test_grid_overlap (void)
{
  /* Two bubbles at the same place: the smaller, drawn on top, is hit. */
  const ScGridSegment same[] = {
    { "Big", 0, FALSE, 1000, 50, 50 },
    { "Small", 1, FALSE, 10, 50, 50 },
    { "Elsewhere", 2, FALSE, 500, 150, 10 },
  };
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScGridBubble b[3];
  ScGridLayout layout;

  sc_grid_layout (same, 3, NAN, NAN, palette, 640, 480, &layout, b);
  g_assert_cmpfloat (b[0].x, ==, b[1].x);
  g_assert_cmpint (sc_grid_hit_test (b, 3, b[0].x, b[0].y), ==, 1);
  g_assert_cmpint (sc_grid_hit_test (b, 3, b[0].x + b[0].radius - 1, b[0].y), ==, 0);
  /* Their labels do not overlap. */
  g_assert_false (b[0].label.x < b[1].label.x + b[1].label.width
                  && b[1].label.x < b[0].label.x + b[0].label.width
                  && b[0].label.y < b[1].label.y + b[1].label.height
                  && b[1].label.y < b[0].label.y + b[0].label.height);
}

static void
test_grid_pixels (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new (dark);
      ScGridBubble b[4];
      ScGridLayout layout;
      Canvas canvas;

      sc_grid_layout (quad, 4, 100, 100, palette, 640, 480, &layout, b);
      canvas_init (&canvas, 640, 480, 1, palette);
      sc_grid_paint (canvas.cr, quad, 4, 100, 100, palette, -1, 640, 480);
      canvas_finish (&canvas);
      for (guint i = 0; i < 4; i++)
        {
          ScRgba colour = segment_colour (palette, quad[i].colour, FALSE);

          /* Half way between centre and rim, right of centre (clear of the dividers). */
          assert_colour (&canvas, b[i].x + b[i].radius / 2, b[i].y + b[i].radius / 3, &colour,
                         palette, 0.65, 0.75);
        }
      canvas_clear (&canvas);

      canvas_init (&canvas, 640, 480, 1, palette);
      sc_grid_paint (canvas.cr, quad, 4, 100, 100, palette, 1, 640, 480);
      canvas_finish (&canvas);
      for (guint i = 0; i < 4; i++)
        {
          ScRgba colour = segment_colour (palette, quad[i].colour, FALSE);

          if (i == 1)
            assert_colour (&canvas, b[i].x + b[i].radius / 2, b[i].y + b[i].radius / 3, &colour,
                           palette, 0.65, 0.75);
          else
            assert_colour (&canvas, b[i].x + b[i].radius / 2, b[i].y + b[i].radius / 3, &colour,
                           palette, 0.15, 0.25);
        }
      canvas_clear (&canvas);
    }
}

/* Before the CLV model runs: no bubbles, anywhere, and a message instead. */
static void
test_grid_no_values (void)
{
  ScGridSegment none[G_N_ELEMENTS (demo_grid)];
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScGridBubble b[G_N_ELEMENTS (demo_grid)];
  ScGridLayout layout;
  Canvas canvas;
  const guint8 *pixels;
  int stride, text_pixels = 0;

  memcpy (none, demo_grid, sizeof none);
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    none[i].value = none[i].potential = NAN;

  sc_grid_layout (none, G_N_ELEMENTS (none), NAN, NAN, palette, 640, 480, &layout, b);
  g_assert_false (layout.has_values);
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    {
      g_assert_false (b[i].visible);
      g_assert_cmpint (sc_grid_hit_test (b, G_N_ELEMENTS (none), 320, 240), ==, -1);
    }

  canvas_init (&canvas, 640, 480, 1, palette);
  sc_grid_paint (canvas.cr, none, G_N_ELEMENTS (none), NAN, NAN, palette, -1, 640, 480);
  canvas_finish (&canvas);

  pixels = cairo_image_surface_get_data (canvas.surface);
  stride = cairo_image_surface_get_stride (canvas.surface);
  for (int y = 0; y < 480; y++)
    for (int x = 0; x < 640; x++)
      {
        guint32 v = *(const guint32 *) (gconstpointer) (pixels + y * stride + x * 4);
        ScRgba p = { ((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0, 1 };

        /* No pixel has the hue of a segment colour. */
        for (guint i = 0; i < G_N_ELEMENTS (none); i++)
          {
            ScRgba c = segment_colour (palette, none[i].colour, none[i].is_outliers);
            double a;

            if (none[i].is_outliers)
              continue;   /* grey, like the text */
            a = blend_alpha (&p, &c, &palette->background);
            g_assert_cmpfloat (a, <, 0.3);   /* bubbles are 0.7 opaque */
          }
        /* Dark text in the middle band: the message. */
        if (y > 200 && y < 280 && x > 120 && x < 520 && p.r < 0.5)
          text_pixels++;
      }
  g_assert_cmpint (text_pixels, >, 200);
  canvas_clear (&canvas);

  /* One segment without values among others: it alone is missing. */
  memcpy (none, demo_grid, sizeof none);
  none[2].potential = NAN;
  sc_grid_layout (none, G_N_ELEMENTS (none), NAN, NAN, palette, 640, 480, &layout, b);
  g_assert_true (layout.has_values);
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    g_assert_cmpint (b[i].visible, ==, i != 2);
}

static void
test_grid_segment_means (void)
{
  const guint16 labels[] = { 0, 1, 0, 1, SC_LABEL_NONE, 0, 9 };
  const double value[] = { 10, 20, 30, NAN, 1000, 50, 1000 };
  const double potential[] = { 1, 2, 3, 4, 1000, NAN, 1000 };
  double mv[3], mp[3];

  sc_grid_segment_means (labels, G_N_ELEMENTS (labels), value, potential, 3, mv, mp);
  g_assert_cmpfloat (mv[0], ==, 30);
  g_assert_cmpfloat (mp[0], ==, 2);
  g_assert_cmpfloat (mv[1], ==, 20);
  g_assert_cmpfloat (mp[1], ==, 3);
  g_assert_true (isnan (mv[2]));
  g_assert_true (isnan (mp[2]));
}

/* ---------------------------------------------------------------------------------------- */
/* Every chart on PDF, SVG and PNG surfaces; PNGs kept when SC_CHART_OUTPUT_DIR is set */

typedef enum
{
  CHART_SCATTER,
  CHART_SCATTER_SELECTED,
  CHART_BARS,
  CHART_GRID,
  CHART_GRID_EMPTY,
  N_CHARTS
} Chart;

static const char * const chart_names[N_CHARTS] = {
  "scatter", "scatter-selected", "bars", "grid", "grid-empty",
};

static void
chart_size (Chart   chart,
            double *width,
            double *height)
{
  switch (chart)
    {
    case CHART_BARS:
      *width = 760;
      *height = 380;
      break;
    case CHART_GRID:
    case CHART_GRID_EMPTY:
      *width = 720;
      *height = 520;
      break;
    case CHART_SCATTER:
    case CHART_SCATTER_SELECTED:
    case N_CHARTS:
    default:
      *width = 900;
      *height = 560;
      break;
    }
}

static void
draw_chart (cairo_t         *cr,
            Chart            chart,
            const ScPalette *palette,
            ScScatterCache  *scatter,
            double           width,
            double           height)
{
  cairo_set_source_rgb (cr, palette->background.r, palette->background.g, palette->background.b);
  cairo_paint (cr);

  switch (chart)
    {
    case CHART_SCATTER:
      sc_scatter_paint (cr, scatter, palette, -1, width, height);
      break;
    case CHART_SCATTER_SELECTED:
      sc_scatter_paint (cr, scatter, palette, 2, width, height);
      break;
    case CHART_BARS:
      sc_bars_paint (cr, demo_bars, G_N_ELEMENTS (demo_bars), palette, -1, width, height);
      break;
    case CHART_GRID:
      sc_grid_paint (cr, demo_grid, G_N_ELEMENTS (demo_grid), NAN, NAN, palette, -1, width,
                     height);
      break;
    case CHART_GRID_EMPTY:
      {
        ScGridSegment none[G_N_ELEMENTS (demo_grid)];

        memcpy (none, demo_grid, sizeof none);
        for (guint i = 0; i < G_N_ELEMENTS (none); i++)
          none[i].value = none[i].potential = NAN;
        sc_grid_paint (cr, none, G_N_ELEMENTS (none), NAN, NAN, palette, -1, width, height);
      }
      break;
    case N_CHARTS:
    default:
      g_assert_not_reached ();
    }
}

static void
test_surfaces (void)
{
  const char *out_dir = g_getenv ("SC_CHART_OUTPUT_DIR");
  g_autofree char *tmp = g_dir_make_tmp ("test-painters-XXXXXX", NULL);
  Points pts;
  ScScatterData data = { 0 };

  g_assert_nonnull (tmp);
  if (out_dir != NULL)
    g_mkdir_with_parents (out_dir, 0755);

  demo_points (&pts, 20000, 7);
  data.n = pts.n;
  data.x = pts.x;
  data.y = pts.y;
  data.label = pts.label;
  data.n_segments = G_N_ELEMENTS (demo_segments);
  data.segments = demo_segments;
  data.x_title = "Recency";
  data.y_title = "Total spend";
  data.x_format = SC_AXIS_FORMAT_DAYS;
  data.y_format = SC_AXIS_FORMAT_CURRENCY;
  data.currency = "$";

  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new (dark);

      for (Chart chart = 0; chart < N_CHARTS; chart++)
        {
          double w, h;
          g_autoptr(ScScatterCache) scatter = NULL;
          g_autoptr(ScScatterCache) scatter2x = NULL;
          ScScatterAxes axes;

          chart_size (chart, &w, &h);
          sc_scatter_axes_init (&axes);
          axes.y_log = TRUE;
          scatter = sc_scatter_cache_new (&data, (int) w, (int) h, 1, &axes, palette);
          scatter2x = sc_scatter_cache_new (&data, (int) w, (int) h, 2, &axes, palette);

          for (int kind = 0; kind < 3; kind++)
            {
              g_autofree char *name = g_strdup_printf ("%s-%s.%s", chart_names[chart],
                                                       dark ? "dark" : "light",
                                                       file_ext[kind]);
              g_autofree char *path = g_build_filename (tmp, name, NULL);
              cairo_surface_t *surface;
              cairo_t *cr;
              GStatBuf st;

              surface = file_surface_new (kind, path, w, h);
              cr = cairo_create (surface);
              draw_chart (cr, chart, palette, kind == 2 ? scatter2x : scatter, w, h);
              g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
              cairo_destroy (cr);

              file_surface_finish (surface, kind, path, out_dir, name);

              g_assert_cmpint (g_stat (path, &st), ==, 0);
              g_assert_cmpint (st.st_size, >, 1000);
              g_assert_cmpint (g_remove (path), ==, 0);
            }
        }
    }

  points_clear (&pts);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/Bars/layout", test_bars_layout);
  g_test_add_func ("/Render/Bars/pixels", test_bars_pixels);
  g_test_add_func ("/Render/Bars/odd-values", test_bars_odd_values);
  g_test_add_func ("/Render/Grid/layout", test_grid_layout);
  g_test_add_func ("/Render/Grid/auto-threshold", test_grid_auto_threshold);
  g_test_add_func ("/Render/Grid/overlap", test_grid_overlap);
  g_test_add_func ("/Render/Grid/pixels", test_grid_pixels);
  g_test_add_func ("/Render/Grid/no-values", test_grid_no_values);
  g_test_add_func ("/Render/Grid/segment-means", test_grid_segment_means);
  g_test_add_func ("/Render/Surfaces/pdf-svg-png", test_surfaces);

  return g_test_run ();
}
