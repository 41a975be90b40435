/* test-scatter.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The scatter painter, checked on the pixels it produces: charts are rendered to ARGB32
 * image surfaces and read back at positions computed by the layout functions (the other
 * painters are in test-painters.c). */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-scatter.h"
#include "test-render-utils.h"

/* ---------------------------------------------------------------------------------------- */
/* Scatter */

/* Three segments, two points each, far apart; centroids given explicitly in an empty
 * corner so that they cover no point. */
static const double small_x[] = { 10, 90, 20, 80, 50, 60 };
static const double small_y[] = { 10, 90, 80, 20, 50, 30 };
static const guint16 small_label[] = { 0, 0, 1, 1, 2, 2 };
static const ScScatterSegment small_segments[] = {
  { "A", 0, FALSE, 95, 5 },
  { "B", 1, FALSE, 5, 95 },
  { "C", 2, TRUE, 35, 62 },
};

static ScScatterData
small_data (void)
{
  ScScatterData data = { 0 };

  data.n = G_N_ELEMENTS (small_x);
  data.x = small_x;
  data.y = small_y;
  data.label = small_label;
  data.n_segments = G_N_ELEMENTS (small_segments);
  data.segments = small_segments;
  data.x_title = "Recency";
  data.y_title = "Spend";
  data.x_format = SC_AXIS_FORMAT_DAYS;
  data.y_format = SC_AXIS_FORMAT_CURRENCY;
  data.currency = "$";
  return data;
}

static void
test_scatter_points (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new (dark);
      ScScatterData data = small_data ();
      g_autoptr(ScScatterCache) cache = sc_scatter_cache_new (&data, 480, 320, 1, NULL, palette);
      Canvas canvas;

      g_assert_cmpuint (sc_scatter_cache_get_n_points (cache), ==, 6);
      canvas_init (&canvas, 480, 320, 1, palette);
      sc_scatter_paint (canvas.cr, cache, palette, -1, 480, 320);
      canvas_finish (&canvas);

      for (guint i = 0; i < data.n; i++)
        {
          const ScScatterSegment *seg = &small_segments[small_label[i]];
          ScRgba colour = segment_colour (palette, seg->colour, seg->is_outliers);
          double x, y;

          g_assert_true (sc_scatter_point_position (cache, small_x[i], small_y[i], &x, &y));
          assert_colour (&canvas, x, y, &colour, palette, 0.8, 1.0);
          /* Beyond the point's radius, nothing (these points have no neighbours there). */
          assert_background (&canvas, x + 3 * sc_scatter_cache_get_point_radius (cache) + 2,
                             y - 3 * sc_scatter_cache_get_point_radius (cache) - 2, palette);
        }

      /* Centroid markers: a ring of the segment's colour at the given place. */
      for (guint s = 0; s < data.n_segments; s++)
        {
          ScRgba colour = segment_colour (palette, small_segments[s].colour,
                                          small_segments[s].is_outliers);
          double cx, cy, px, py;

          g_assert_true (sc_scatter_cache_get_centroid (cache, s, &cx, &cy));
          g_assert_true (sc_scatter_point_position (cache, small_segments[s].centroid_x,
                                                    small_segments[s].centroid_y, &px, &py));
          g_assert_cmpfloat_with_epsilon (cx, px, 1e-9);
          g_assert_cmpfloat_with_epsilon (cy, py, 1e-9);
          /* On the ring, diagonally (off the cross). */
          assert_colour (&canvas, cx + 7 * G_SQRT2 / 2, cy - 7 * G_SQRT2 / 2, &colour, palette,
                         0.6, 1.0);
        }

      canvas_clear (&canvas);
    }
}

static void
test_scatter_selection (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScScatterData data = small_data ();
  g_autoptr(ScScatterCache) cache = sc_scatter_cache_new (&data, 480, 320, 1, NULL, palette);
  ScRgba b = segment_colour (palette, 1, FALSE);
  ScRgba a = segment_colour (palette, 0, FALSE);
  Canvas canvas;
  double x, y;

  canvas_init (&canvas, 480, 320, 1, palette);
  sc_scatter_paint (canvas.cr, cache, palette, 1, 480, 320);
  canvas_finish (&canvas);

  /* B is highlighted in its colour ... */
  g_assert_true (sc_scatter_point_position (cache, small_x[2], small_y[2], &x, &y));
  assert_colour (&canvas, x, y, &b, palette, 0.8, 1.0);

  /* ... A is dimmed: a faint grey, not A's colour. */
  g_assert_true (sc_scatter_point_position (cache, small_x[0], small_y[0], &x, &y));
  {
    ScRgba pixel = pixel_at (&canvas, x, y);
    double dimmed = blend_alpha (&pixel, &palette->dimmed, &palette->background);

    g_assert_cmpfloat (dimmed, >, 0.2);
    g_assert_cmpfloat (dimmed, <, 0.6);
    g_assert_cmpfloat (blend_alpha (&pixel, &a, &palette->background), <, 0.5);
  }
  canvas_clear (&canvas);

  /* Back to no selection: the image is remade. */
  canvas_init (&canvas, 480, 320, 1, palette);
  sc_scatter_paint (canvas.cr, cache, palette, -1, 480, 320);
  canvas_finish (&canvas);
  g_assert_true (sc_scatter_point_position (cache, small_x[0], small_y[0], &x, &y));
  assert_colour (&canvas, x, y, &a, palette, 0.8, 1.0);
  canvas_clear (&canvas);

  /* An out-of-range selection is no selection. */
  canvas_init (&canvas, 480, 320, 1, palette);
  sc_scatter_paint (canvas.cr, cache, palette, 17, 480, 320);
  canvas_finish (&canvas);
  assert_colour (&canvas, x, y, &a, palette, 0.8, 1.0);
  canvas_clear (&canvas);
}

/* Many points in one pixel: the segment with most of them colours it, and the pixel is
 * more opaque than a pixel with a lone point. */
static void
test_scatter_dominant (void)
{
  const double xs[] = { 50, 50, 50, 50, 50, 10, 90 };
  const double ys[] = { 50, 50, 50, 50, 50, 10, 90 };
  const guint16 ls[] = { 1, 0, 1, 0, 1, 0, 0 };
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScScatterData data = small_data ();
  g_autoptr(ScScatterCache) cache = NULL;
  ScRgba b = segment_colour (palette, 1, FALSE);
  ScRgba a = segment_colour (palette, 0, FALSE);
  Canvas canvas;
  double x, y;

  data.n = G_N_ELEMENTS (xs);
  data.x = xs;
  data.y = ys;
  data.label = ls;
  cache = sc_scatter_cache_new (&data, 480, 320, 1, NULL, palette);
  canvas_init (&canvas, 480, 320, 1, palette);
  sc_scatter_paint (canvas.cr, cache, palette, -1, 480, 320);
  canvas_finish (&canvas);

  g_assert_true (sc_scatter_point_position (cache, 50, 50, &x, &y));
  assert_colour (&canvas, x, y, &b, palette, 0.95, 1.0);
  g_assert_true (sc_scatter_point_position (cache, 10, 10, &x, &y));
  assert_colour (&canvas, x, y, &a, palette, 0.5, 0.7);

  /* Hit testing the shared pixel gives a point of the dominant segment, the first one. */
  g_assert_true (sc_scatter_point_position (cache, 50, 50, &x, &y));
  g_assert_cmpint (sc_scatter_hit_test (cache, x, y, 3), ==, 0);
  canvas_clear (&canvas);

  /* Selecting A, which is in the shared pixel but not dominant, shows A there. */
  canvas_init (&canvas, 480, 320, 1, palette);
  sc_scatter_paint (canvas.cr, cache, palette, 0, 480, 320);
  canvas_finish (&canvas);
  g_assert_true (sc_scatter_point_position (cache, 50, 50, &x, &y));
  assert_colour (&canvas, x, y, &a, palette, 0.8, 1.0);
  canvas_clear (&canvas);
}

static void
test_scatter_hit_test (void)
{
  ScScatterData data = small_data ();
  g_autoptr(ScScatterCache) cache = sc_scatter_cache_new (&data, 480, 320, 2, NULL, NULL);
  ScRect plot;
  double x, y;

  for (guint i = 0; i < data.n; i++)
    {
      g_assert_true (sc_scatter_point_position (cache, small_x[i], small_y[i], &x, &y));
      g_assert_cmpint (sc_scatter_hit_test (cache, x, y, 4), ==, i);
      g_assert_cmpint (sc_scatter_hit_test (cache, x + 2, y - 1, 4), ==, i);
      g_assert_cmpint (sc_scatter_hit_test (cache, x + 6, y, 4), ==, -1);
    }

  /* Nearest of two: (50, 50) and (60, 30) are both within a large radius. */
  g_assert_true (sc_scatter_point_position (cache, 52, 46, &x, &y));
  g_assert_cmpint (sc_scatter_hit_test (cache, x, y, 500), ==, 4);
  g_assert_true (sc_scatter_point_position (cache, 58, 34, &x, &y));
  g_assert_cmpint (sc_scatter_hit_test (cache, x, y, 500), ==, 5);

  sc_scatter_cache_get_plot_area (cache, &plot);
  g_assert_cmpint (sc_scatter_hit_test (cache, -100, -100, 10), ==, -1);
  g_assert_cmpint (sc_scatter_hit_test (cache, plot.x + plot.width / 2, plot.y, NAN), ==, -1);

  /* The inverse mapping. */
  {
    double xv, yv;

    g_assert_true (sc_scatter_point_position (cache, 37, 61, &x, &y));
    g_assert_true (sc_scatter_value_at (cache, x, y, &xv, &yv));
    g_assert_cmpfloat_with_epsilon (xv, 37, 1e-9);
    g_assert_cmpfloat_with_epsilon (yv, 61, 1e-9);
    g_assert_false (sc_scatter_value_at (cache, 0, 0, &xv, &yv));
  }
}

static void
test_scatter_legend (void)
{
  ScScatterData data = small_data ();
  g_autoptr(ScScatterCache) cache = sc_scatter_cache_new (&data, 480, 320, 1, NULL, NULL);
  ScRect plot;
  int hits[3] = { 0, 0, 0 };

  sc_scatter_cache_get_plot_area (cache, &plot);
  /* Scan the column right of the plot: each segment's entry once, top down. */
  for (double y = 0; y < 320; y += 1)
    {
      int s = sc_scatter_legend_hit_test (cache, plot.x + plot.width + 40, y);

      if (s >= 0)
        {
          g_assert_cmpint (s, <, 3);
          g_assert_true (s == 0 || hits[s - 1] > 0);
          hits[s]++;
        }
    }
  for (guint s = 0; s < 3; s++)
    g_assert_cmpint (hits[s], >, 10);
  g_assert_cmpint (sc_scatter_legend_hit_test (cache, plot.x + 10, plot.y + 10), ==, -1);
}

/* On log axes zeros sit at the start and negative values clamp to it. */
static void
test_scatter_log_zero (void)
{
  const double xs[] = { 0, -5, 9, 999 };
  const double ys[] = { 0, 10, 99, 0 };
  const guint16 ls[] = { 0, 1, 0, 1 };
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScScatterData data = small_data ();
  ScScatterAxes axes;
  g_autoptr(ScScatterCache) cache = NULL;
  const ScAxis *xa;
  ScRect plot;
  double x, y, x2, y2;

  data.n = G_N_ELEMENTS (xs);
  data.x = xs;
  data.y = ys;
  data.label = ls;
  sc_scatter_axes_init (&axes);
  axes.x_log = TRUE;
  axes.y_log = TRUE;
  cache = sc_scatter_cache_new (&data, 480, 320, 1, &axes, palette);
  sc_scatter_cache_get_plot_area (cache, &plot);
  xa = sc_scatter_cache_get_x_axis (cache);

  g_assert_true (xa->log);
  g_assert_cmpfloat (xa->min, ==, 0);
  g_assert_cmpfloat (xa->max, ==, 1000);
  g_assert_cmpuint (sc_scatter_cache_get_n_points (cache), ==, 4);

  g_assert_true (sc_scatter_point_position (cache, 0, 0, &x, &y));
  g_assert_cmpfloat (x, ==, plot.x);
  g_assert_cmpfloat (y, ==, plot.y + plot.height);
  g_assert_true (sc_scatter_point_position (cache, -5, 10, &x2, &y2));
  g_assert_cmpfloat (x2, ==, plot.x);

  /* 9 is one decade of log10 (1 + v) from 0, 999 three. */
  g_assert_true (sc_scatter_point_position (cache, 9, 99, &x, &y));
  g_assert_cmpfloat_with_epsilon ((x - plot.x) / plot.width, 1 / log10 (1001), 1e-9);

  {
    Canvas canvas;
    ScRgba a = segment_colour (palette, 0, FALSE), b = segment_colour (palette, 1, FALSE);

    canvas_init (&canvas, 480, 320, 1, palette);
    sc_scatter_paint (canvas.cr, cache, palette, -1, 480, 320);
    canvas_finish (&canvas);
    assert_colour (&canvas, x, y, &a, palette, 0.8, 1.0);
    /* The clamped point is drawn on the axis' start, half inside the plot. */
    assert_colour (&canvas, x2 + 1, y2, &b, palette, 0.3, 1.0);
    canvas_clear (&canvas);
  }
}

static void
test_scatter_left_out (void)
{
  const double xs[] = { 1, NAN, 3, 4, INFINITY, 6 };
  const double ys[] = { 1, 2, NAN, 4, 5, 6 };
  const guint16 ls[] = { 0, 0, 1, SC_LABEL_NONE, 2, 7 };
  ScScatterData data = small_data ();
  g_autoptr(ScScatterCache) cache = NULL;
  const ScAxis *xa;

  data.n = G_N_ELEMENTS (xs);
  data.x = xs;
  data.y = ys;
  data.label = ls;
  cache = sc_scatter_cache_new (&data, 400, 300, 1, NULL, NULL);
  /* Only the first point has finite coordinates and a segment. */
  g_assert_cmpuint (sc_scatter_cache_get_n_points (cache), ==, 1);
  /* ... and the axes cover it alone. */
  xa = sc_scatter_cache_get_x_axis (cache);
  g_assert_cmpfloat (xa->min, <=, 1);
  g_assert_cmpfloat (xa->max, >=, 1);
  g_assert_cmpfloat (xa->max, <, 3);
}

static void
test_scatter_explicit_range (void)
{
  ScScatterData data = small_data ();
  ScScatterAxes axes;
  g_autoptr(ScScatterCache) cache = NULL;
  const ScAxis *xa, *ya;
  double x, y;

  sc_scatter_axes_init (&axes);
  axes.x_min = 0;
  axes.x_max = 55;
  axes.y_min = 25;
  axes.y_max = 100;
  cache = sc_scatter_cache_new (&data, 480, 320, 1, &axes, NULL);
  xa = sc_scatter_cache_get_x_axis (cache);
  ya = sc_scatter_cache_get_y_axis (cache);
  g_assert_cmpfloat (xa->min, ==, 0);
  g_assert_cmpfloat (xa->max, ==, 55);
  g_assert_cmpfloat (ya->min, ==, 25);
  g_assert_cmpfloat (ya->max, ==, 100);
  /* In range: (20, 80) and (50, 50). */
  g_assert_cmpuint (sc_scatter_cache_get_n_points (cache), ==, 2);
  g_assert_false (sc_scatter_point_position (cache, 90, 90, &x, &y));
  g_assert_cmpint (sc_scatter_hit_test (cache, x, y, 5), ==, -1);
}

/* A segment's marker stands at the centre of all its points whatever the zoom shows of
 * them: seeded datasets, zoomed into windows around each centre that cut most points off. */
static void
test_scatter_centroid_zoom (void)
{
  for (guint seed = 1; seed <= 20; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      guint n = (guint) g_rand_int_range (rand, 50, 400);
      guint k = (guint) g_rand_int_range (rand, 2, 6);
      g_autofree double *px = g_new (double, n);
      g_autofree double *py = g_new (double, n);
      g_autofree guint16 *label = g_new (guint16, n);
      g_autofree ScScatterSegment *segments = g_new0 (ScScatterSegment, k);
      g_autofree double *mx = g_new0 (double, k);
      g_autofree double *my = g_new0 (double, k);
      g_autofree guint *count = g_new0 (guint, k);
      ScScatterData data = small_data ();

      for (guint s = 0; s < k; s++)
        {
          segments[s].name = "S";
          segments[s].colour = s;
          segments[s].centroid_x = NAN;
          segments[s].centroid_y = NAN;
        }
      for (guint i = 0; i < n; i++)
        {
          label[i] = (guint16) g_rand_int_range (rand, 0, (gint32) k);
          px[i] = g_rand_double_range (rand, 0, 1000) + 300 * label[i];
          py[i] = g_rand_double_range (rand, 0, 500) * (1 + label[i]);
          mx[label[i]] += px[i];
          my[label[i]] += py[i];
          count[label[i]]++;
        }
      data.n = n;
      data.x = px;
      data.y = py;
      data.label = label;
      data.n_segments = k;
      data.segments = segments;

      for (guint s = 0; s < k; s++)
        {
          ScScatterAxes axes;
          g_autoptr(ScScatterCache) cache = NULL;
          double half = g_rand_double_range (rand, 5, 60);
          double cx, cy, ex, ey;

          if (count[s] == 0)
            continue;
          mx[s] /= count[s];
          my[s] /= count[s];
          sc_scatter_axes_init (&axes);
          axes.x_min = mx[s] - half;
          axes.x_max = mx[s] + half * g_rand_double_range (rand, 0.5, 2);
          axes.y_min = my[s] - half;
          axes.y_max = my[s] + half * g_rand_double_range (rand, 0.5, 2);
          cache = sc_scatter_cache_new (&data, 480, 320, 1, &axes, NULL);
          g_assert_true (sc_scatter_point_position (cache, mx[s], my[s], &ex, &ey));
          g_assert_true (sc_scatter_cache_get_centroid (cache, s, &cx, &cy));
          g_assert_cmpfloat_with_epsilon (cx, ex, 0.01);
          g_assert_cmpfloat_with_epsilon (cy, ey, 0.01);
        }
    }
}

/* At scale 2 everything is twice as many device pixels: points land at twice the
 * coordinates and a 1 px axis line covers exactly two device columns, crisp. */
static void
test_scatter_hidpi (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScScatterData data = small_data ();

  for (int scale = 1; scale <= 2; scale++)
    {
      g_autoptr(ScScatterCache) cache = sc_scatter_cache_new (&data, 480, 320, scale, NULL,
                                                              palette);
      Canvas canvas;
      ScRect plot;
      int column, covered = 0;
      const guint8 *pixels;
      int stride;
      double x, y;

      canvas_init (&canvas, 480, 320, scale, palette);
      sc_scatter_paint (canvas.cr, cache, palette, -1, 480, 320);
      canvas_finish (&canvas);

      for (guint i = 0; i < data.n; i++)
        {
          const ScScatterSegment *seg = &small_segments[small_label[i]];
          ScRgba colour = segment_colour (palette, seg->colour, seg->is_outliers);

          g_assert_true (sc_scatter_point_position (cache, small_x[i], small_y[i], &x, &y));
          assert_colour (&canvas, x, y, &colour, palette, 0.8, 1.0);
        }

      /* The y axis line: count device columns near the plot's left edge that are not
       * background, on a row between ticks. */
      sc_scatter_cache_get_plot_area (cache, &plot);
      pixels = cairo_image_surface_get_data (canvas.surface);
      stride = cairo_image_surface_get_stride (canvas.surface);
      {
        const ScAxis *ya = sc_scatter_cache_get_y_axis (cache);
        double mid = (ya->ticks[0] + ya->ticks[1]) / 2;
        int row;

        /* Only y matters: the row of a value between the first two ticks. */
        sc_scatter_point_position (cache, 0, mid, &x, &y);
        row = (int) (y * scale);
        for (column = (int) (plot.x * scale) - 4; column <= (int) (plot.x * scale) + 3; column++)
          {
            guint32 v = *(const guint32 *) (gconstpointer) (pixels + row * stride + column * 4);

            if ((v & 0xffffff) != 0xffffff)
              covered++;
          }
      }
      g_assert_cmpint (covered, ==, scale);
      canvas_clear (&canvas);
    }
}

/* The painted picture is scaled when painted at another size than the cache's. */
static void
test_scatter_rescaled (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScScatterData data = small_data ();
  g_autoptr(ScScatterCache) cache = sc_scatter_cache_new (&data, 480, 320, 1, NULL, palette);
  ScRgba a = segment_colour (palette, 0, FALSE);
  Canvas canvas;
  double x, y;

  canvas_init (&canvas, 960, 640, 1, palette);
  sc_scatter_paint (canvas.cr, cache, palette, -1, 960, 640);
  canvas_finish (&canvas);
  g_assert_true (sc_scatter_point_position (cache, small_x[0], small_y[0], &x, &y));
  assert_colour (&canvas, 2 * x, 2 * y, &a, palette, 0.6, 1.0);
  canvas_clear (&canvas);
}

typedef struct
{
  const ScScatterData *data;
  ScScatterCache      *cache;
} BuildJob;

static gpointer
build_thread (gpointer user_data)
{
  BuildJob *job = user_data;

  job->cache = sc_scatter_cache_new (job->data, 800, 500, 1, NULL, NULL);
  return NULL;
}

/* Caches built in two threads at once are the same as one built alone. */
static void
test_scatter_threads (void)
{
  Points pts;
  ScScatterData data = { 0 };
  BuildJob jobs[2];
  GThread *threads[2];
  g_autoptr(ScScatterCache) reference = NULL;

  demo_points (&pts, 50000, 3);
  data.n = pts.n;
  data.x = pts.x;
  data.y = pts.y;
  data.label = pts.label;
  data.n_segments = G_N_ELEMENTS (demo_segments);
  data.segments = demo_segments;

  for (guint t = 0; t < 2; t++)
    {
      jobs[t].data = &data;
      jobs[t].cache = NULL;
      threads[t] = g_thread_new ("scatter", build_thread, &jobs[t]);
    }
  for (guint t = 0; t < 2; t++)
    g_thread_join (threads[t]);

  reference = sc_scatter_cache_new (&data, 800, 500, 1, NULL, NULL);
  for (guint t = 0; t < 2; t++)
    {
      ScRect a, b;

      g_assert_cmpuint (sc_scatter_cache_get_n_points (jobs[t].cache), ==,
                        sc_scatter_cache_get_n_points (reference));
      sc_scatter_cache_get_plot_area (jobs[t].cache, &a);
      sc_scatter_cache_get_plot_area (reference, &b);
      g_assert_true (memcmp (&a, &b, sizeof a) == 0);
      for (guint i = 0; i < 200; i++)
        {
          double x, y;

          sc_scatter_point_position (reference, pts.x[i * 7], pts.y[i * 7], &x, &y);
          g_assert_cmpint (sc_scatter_hit_test (jobs[t].cache, x, y, 5), ==,
                           sc_scatter_hit_test (reference, x, y, 5));
        }
      sc_scatter_cache_free (jobs[t].cache);
    }
  points_clear (&pts);
}

static void
test_scatter_empty (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScScatterData data = { 0 };
  g_autoptr(ScScatterCache) cache = sc_scatter_cache_new (&data, 200, 100, 1, NULL, palette);
  Canvas canvas;
  double x, y;

  g_assert_cmpuint (sc_scatter_cache_get_n_points (cache), ==, 0);
  g_assert_false (sc_scatter_cache_get_centroid (cache, 0, &x, &y));
  canvas_init (&canvas, 200, 100, 1, palette);
  sc_scatter_paint (canvas.cr, cache, palette, 0, 200, 100);
  canvas_finish (&canvas);
  canvas_clear (&canvas);
  g_assert_cmpint (sc_scatter_hit_test (cache, 100, 50, 50), ==, -1);

  /* Tiny sizes still give a cache. */
  {
    ScScatterData small = small_data ();
    g_autoptr(ScScatterCache) tiny = sc_scatter_cache_new (&small, 3, 2, 1, NULL, palette);

    canvas_init (&canvas, 3, 2, 1, palette);
    sc_scatter_paint (canvas.cr, tiny, palette, -1, 3, 2);
    canvas_finish (&canvas);
    canvas_clear (&canvas);
  }
}

static void
test_scatter_from_run (void)
{
  ScSegmentInfo infos[2] = { { 0 } };
  guint16 labels[4] = { 0, 1, SC_LABEL_NONE, 1 };
  ScRun run = { 0 };
  g_autoptr(ScFeatures) features = sc_features_new (4, 1000);
  g_autoptr(GError) error = NULL;
  ScScatterData data;
  double *rec = g_new (double, 4), *mon = g_new (double, 4);

  for (guint i = 0; i < 4; i++)
    {
      rec[i] = 10 * (i + 1);
      mon[i] = 100 * (i + 1);
    }
  sc_features_set (features, SC_FEATURE_RECENCY, rec);
  sc_features_set (features, SC_FEATURE_MONETARY, mon);

  infos[0].position = 0;
  infos[0].name = (char *) "Loyal";
  infos[0].colour = 3;
  infos[1].position = 1;
  infos[1].name = (char *) "Outliers";
  infos[1].colour = 1;
  infos[1].is_outliers = TRUE;
  run.n_customers = 4;
  run.labels = labels;
  run.n_segments = 2;
  run.segments = infos;

  g_assert_true (sc_scatter_data_init_from_run (&data, &run, features, SC_FEATURE_RECENCY,
                                                SC_FEATURE_MONETARY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (data.n, ==, 4);
  g_assert_true (data.x == rec);
  g_assert_true (data.y == mon);
  g_assert_cmpint (data.x_format, ==, SC_AXIS_FORMAT_DAYS);
  g_assert_cmpint (data.y_format, ==, SC_AXIS_FORMAT_CURRENCY);
  g_assert_cmpstr (data.segments[0].name, ==, "Loyal");
  g_assert_cmpuint (data.segments[0].colour, ==, 3);
  g_assert_true (data.segments[1].is_outliers);
  g_assert_true (isnan (data.segments[1].centroid_x));
  {
    g_autoptr(ScScatterCache) cache = sc_scatter_cache_new (&data, 400, 300, 1, NULL, NULL);

    g_assert_cmpuint (sc_scatter_cache_get_n_points (cache), ==, 3);
  }
  sc_scatter_data_clear (&data);
  g_assert_null (data.segments);

  /* CLV is not there before the CLV model runs. */
  g_assert_false (sc_scatter_data_init_from_run (&data, &run, features, SC_FEATURE_CLV,
                                                 SC_FEATURE_MONETARY, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);

  /* Features of other customers. */
  run.n_customers = 3;
  g_assert_false (sc_scatter_data_init_from_run (&data, &run, features, SC_FEATURE_RECENCY,
                                                 SC_FEATURE_MONETARY, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  g_assert_cmpint (sc_feature_axis_format (SC_FEATURE_P_ALIVE), ==, SC_AXIS_FORMAT_PERCENT);
  g_assert_cmpint (sc_feature_axis_format (SC_FEATURE_FREQUENCY), ==, SC_AXIS_FORMAT_NUMBER);
  g_assert_cmpint (sc_feature_axis_format (SC_FEATURE_TENURE), ==, SC_AXIS_FORMAT_DAYS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/Scatter/points", test_scatter_points);
  g_test_add_func ("/Render/Scatter/selection", test_scatter_selection);
  g_test_add_func ("/Render/Scatter/dominant", test_scatter_dominant);
  g_test_add_func ("/Render/Scatter/hit-test", test_scatter_hit_test);
  g_test_add_func ("/Render/Scatter/legend", test_scatter_legend);
  g_test_add_func ("/Render/Scatter/log-zero", test_scatter_log_zero);
  g_test_add_func ("/Render/Scatter/left-out", test_scatter_left_out);
  g_test_add_func ("/Render/Scatter/explicit-range", test_scatter_explicit_range);
  g_test_add_func ("/Render/Scatter/centroid-zoom", test_scatter_centroid_zoom);
  g_test_add_func ("/Render/Scatter/hidpi", test_scatter_hidpi);
  g_test_add_func ("/Render/Scatter/rescaled", test_scatter_rescaled);
  g_test_add_func ("/Render/Scatter/threads", test_scatter_threads);
  g_test_add_func ("/Render/Scatter/empty", test_scatter_empty);
  g_test_add_func ("/Render/Scatter/from-run", test_scatter_from_run);

  return g_test_run ();
}
