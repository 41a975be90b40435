/* test-render-utils.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>

#include "test-render-utils.h"

/* ------------------------------------------------------------------------------------------ */
/* The canvas                                                                                 */

void
canvas_init (Canvas          *canvas,
             int              width,
             int              height,
             double           scale,
             const ScPalette *palette)
{
  canvas->scale = scale;
  canvas->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                                (int) ceil (height * scale));
  cairo_surface_set_device_scale (canvas->surface, scale, scale);
  canvas->cr = cairo_create (canvas->surface);
  cairo_set_source_rgb (canvas->cr, palette->background.r, palette->background.g,
                        palette->background.b);
  cairo_paint (canvas->cr);
}

void
canvas_finish (Canvas *canvas)
{
  cairo_surface_flush (canvas->surface);
  g_assert_cmpint (cairo_status (canvas->cr), ==, CAIRO_STATUS_SUCCESS);
}

void
canvas_clear (Canvas *canvas)
{
  cairo_destroy (canvas->cr);
  cairo_surface_destroy (canvas->surface);
}

/* The colour at logical (x, y), un-premultiplied, 0..1. */
ScRgba
pixel_at (Canvas *canvas,
          double  x,
          double  y)
{
  int px = (int) floor (x * canvas->scale);
  int py = (int) floor (y * canvas->scale);
  const guint8 *data = cairo_image_surface_get_data (canvas->surface);
  int stride = cairo_image_surface_get_stride (canvas->surface);
  guint32 v;
  double a;
  ScRgba c;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (canvas->surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (canvas->surface));

  v = *(const guint32 *) (gconstpointer) (data + py * stride + px * 4);
  a = (v >> 24) / 255.0;
  c.a = a;
  c.r = a > 0 ? ((v >> 16) & 0xff) / 255.0 / a : 0;
  c.g = a > 0 ? ((v >> 8) & 0xff) / 255.0 / a : 0;
  c.b = a > 0 ? (v & 0xff) / 255.0 / a : 0;
  return c;
}

/* Fits @pixel as @colour laid over @bg with some opacity; returns the opacity, or -1 when
 * the pixel is not such a blend. */
double
blend_alpha (const ScRgba *pixel,
             const ScRgba *colour,
             const ScRgba *bg)
{
  double d[3] = { colour->r - bg->r, colour->g - bg->g, colour->b - bg->b };
  double p[3] = { pixel->r - bg->r, pixel->g - bg->g, pixel->b - bg->b };
  double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  double a, residual = 0;

  g_assert_cmpfloat (dd, >, 0);
  a = (p[0] * d[0] + p[1] * d[1] + p[2] * d[2]) / dd;
  for (int i = 0; i < 3; i++)
    residual = MAX (residual, fabs (p[i] - a * d[i]));

  return residual < 0.03 ? a : -1;
}

void
assert_colour (Canvas          *canvas,
               double           x,
               double           y,
               const ScRgba    *colour,
               const ScPalette *palette,
               double           min_alpha,
               double           max_alpha)
{
  ScRgba pixel = pixel_at (canvas, x, y);
  double a = blend_alpha (&pixel, colour, &palette->background);

  if (a < min_alpha || a > max_alpha)
    g_error ("pixel at %.1f,%.1f is (%.3f %.3f %.3f), not (%.3f %.3f %.3f) at opacity "
             "%.2f..%.2f (fit %.3f)", x, y, pixel.r, pixel.g, pixel.b, colour->r, colour->g,
             colour->b, min_alpha, max_alpha, a);
}

gboolean
is_background (Canvas          *canvas,
               double           x,
               double           y,
               const ScPalette *palette)
{
  ScRgba pixel = pixel_at (canvas, x, y);

  return fabs (pixel.r - palette->background.r) < 0.01 &&
         fabs (pixel.g - palette->background.g) < 0.01 &&
         fabs (pixel.b - palette->background.b) < 0.01;
}

void
assert_background (Canvas          *canvas,
                   double           x,
                   double           y,
                   const ScPalette *palette)
{
  ScRgba pixel = pixel_at (canvas, x, y);

  if (!is_background (canvas, x, y, palette))
    g_error ("pixel at %.1f,%.1f is (%.3f %.3f %.3f), not the background", x, y, pixel.r,
             pixel.g, pixel.b);
}

/* ------------------------------------------------------------------------------------------ */
/* Colours and demo data                                                                      */

ScRgba
segment_colour (const ScPalette *palette,
                guint            colour,
                gboolean         is_outliers)
{
  ScRgba c;

  sc_palette_segment_colour (palette, colour, is_outliers, &c);
  return c;
}

const ScScatterSegment demo_segments[N_DEMO_SEGMENTS] = {
  { "Loyal high spenders", 0, FALSE, NAN, NAN },
  { "New customers", 1, FALSE, NAN, NAN },
  { "At risk", 2, FALSE, NAN, NAN },
  { "عملاء نائمون", 3, FALSE, NAN, NAN },    /* right-to-left: "dormant customers" */
  { "优惠猎手", 4, FALSE, NAN, NAN },          /* non-Latin: "bargain hunters" */
  { "Outliers", 5, TRUE, NAN, NAN },
};

void
demo_points (Points  *pts,
             guint32  n,
             guint32  seed)
{
  static const double rec[] = { 25, 12, 140, 380, 70, 150 };
  static const double spend[] = { 4200, 260, 1500, 180, 650, 38000 };
  GRand *rand = g_rand_new_with_seed (seed);

  pts->n = n;
  pts->x = g_new (double, n);
  pts->y = g_new (double, n);
  pts->label = g_new (guint16, n);
  for (guint32 i = 0; i < n; i++)
    {
      guint r = g_rand_int_range (rand, 0, 1000);
      guint s = r < 8 ? 5 : r % 5;
      double u1 = g_rand_double (rand), u2 = g_rand_double (rand);
      double normal = sqrt (-2 * log (MAX (u1, 1e-12))) * cos (2 * G_PI * u2);

      pts->label[i] = (guint16) s;
      pts->x[i] = MAX (0.0, round (rec[s] * exp (0.5 * normal)));
      pts->y[i] = spend[s] * exp (0.6 * (g_rand_double (rand) * 2 - 1) + 0.25 * normal);
    }
  g_rand_free (rand);
}

void
demo_scatter_data (ScScatterData          *data,
                   const Points           *pts,
                   const ScScatterSegment *segments,
                   guint                   n_segments)
{
  *data = (ScScatterData) { 0 };
  data->n = pts->n;
  data->x = pts->x;
  data->y = pts->y;
  data->label = pts->label;
  data->n_segments = n_segments;
  data->segments = segments;
  data->x_title = "Recency";
  data->y_title = "Spend";
}

void
points_clear (Points *pts)
{
  g_free (pts->x);
  g_free (pts->y);
  g_free (pts->label);
}

char *
random_name (GRand             *rand,
             const char *const *words,
             guint              n_words,
             guint              max_words)
{
  GString *name = g_string_new (NULL);
  int n = g_rand_int_range (rand, 1, max_words + 1);

  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, words[g_rand_int_range (rand, 0, n_words)]);
    }
  return g_string_free (name, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                      */

const char *const file_ext[3] = { "pdf", "svg", "png" };

cairo_surface_t *
file_surface_new (int         kind,
                  const char *path,
                  double      w,
                  double      h)
{
  cairo_surface_t *surface;

  if (kind == 0)
    return cairo_pdf_surface_create (path, w, h);
  if (kind == 1)
    return cairo_svg_surface_create (path, w, h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w * 2, (int) h * 2);
  cairo_surface_set_device_scale (surface, 2, 2);
  return surface;
}

void
file_surface_finish (cairo_surface_t *surface,
                     int              kind,
                     const char      *path,
                     const char      *out_dir,
                     const char      *name)
{
  if (kind == 2)
    {
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      if (out_dir != NULL)
        {
          g_autofree char *keep = g_build_filename (out_dir, name, NULL);

          g_assert_cmpint (cairo_surface_write_to_png (surface, keep), ==,
                           CAIRO_STATUS_SUCCESS);
        }
    }
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}
