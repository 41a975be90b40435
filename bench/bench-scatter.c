/* bench-scatter.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times the scatter painter at 10k, 100k and 1M customers (or the sizes given):
 *
 *   build     sc_scatter_cache_new (): layout, binning, sorting by pixel
 *   colour    sc_scatter_cache_prepare () for a new selection (the first paint after the
 *             selection or the palette changes)
 *   repaint   sc_scatter_paint () with a prepared cache: blit, axes, centroids, legend,
 *             onto an ARGB32 surface of the chart's size, as a GTK snapshot would
 *
 * Points are six log-normal clusters (recency × spend on a log y axis), like customers.
 * Each figure is the median of --repeat runs.
 *
 *   bench-scatter [--width 1280] [--height 800] [--scale 1] [--repeat 15] [N ...]
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-scatter.h"

static int opt_width = 1280;
static int opt_height = 800;
static double opt_scale = 1.0;
static int opt_repeat = 15;

static GOptionEntry entries[] = {
  { "width", 'w', 0, G_OPTION_ARG_INT, &opt_width, "Chart width (default 1280)", "W" },
  { "height", 'h', 0, G_OPTION_ARG_INT, &opt_height, "Chart height (default 800)", "H" },
  { "scale", 's', 0, G_OPTION_ARG_DOUBLE, &opt_scale, "Scale factor (default 1)", "S" },
  { "repeat", 'r', 0, G_OPTION_ARG_INT, &opt_repeat, "Runs per figure (default 15)", "R" },
  { NULL }
};

static const ScScatterSegment segments[] = {
  { "Loyal high spenders", 0, FALSE, NAN, NAN },
  { "New customers", 1, FALSE, NAN, NAN },
  { "At risk", 2, FALSE, NAN, NAN },
  { "Lapsed", 3, FALSE, NAN, NAN },
  { "Bargain hunters", 4, FALSE, NAN, NAN },
  { "Outliers", 5, TRUE, NAN, NAN },
};

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v,
        int     n)
{
  qsort (v, n, sizeof *v, compare_doubles);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
generate (guint32  n,
          double  *x,
          double  *y,
          guint16 *label)
{
  static const double rec[] = { 25, 12, 140, 380, 70, 150 };
  static const double spend[] = { 4200, 260, 1500, 180, 650, 38000 };
  GRand *rand = g_rand_new_with_seed (42);

  for (guint32 i = 0; i < n; i++)
    {
      guint r = g_rand_int_range (rand, 0, 1000);
      guint s = r < 8 ? 5 : r % 5;
      double u1 = g_rand_double (rand), u2 = g_rand_double (rand);
      double normal = sqrt (-2 * log (MAX (u1, 1e-12))) * cos (2 * G_PI * u2);

      label[i] = (guint16) s;
      x[i] = MAX (0.0, round (rec[s] * exp (0.5 * normal)));
      y[i] = spend[s] * exp (0.6 * (g_rand_double (rand) * 2 - 1) + 0.25 * normal);
    }
  g_rand_free (rand);
}

static void
bench (guint32 n)
{
  g_autofree double *x = g_new (double, n);
  g_autofree double *y = g_new (double, n);
  g_autofree guint16 *label = g_new (guint16, n);
  g_autofree double *build = g_new (double, opt_repeat);
  g_autofree double *colour = g_new (double, opt_repeat);
  g_autofree double *repaint = g_new (double, opt_repeat);
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScScatterData data = { 0 };
  ScScatterAxes axes;
  ScScatterCache *cache = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  generate (n, x, y, label);
  data.n = n;
  data.x = x;
  data.y = y;
  data.label = label;
  data.n_segments = G_N_ELEMENTS (segments);
  data.segments = segments;
  data.x_title = "Recency";
  data.y_title = "Total spend";
  data.x_format = SC_AXIS_FORMAT_DAYS;
  data.y_format = SC_AXIS_FORMAT_CURRENCY;
  data.currency = "$";
  sc_scatter_axes_init (&axes);
  axes.y_log = TRUE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (opt_width * opt_scale),
                                        (int) ceil (opt_height * opt_scale));
  cairo_surface_set_device_scale (surface, opt_scale, opt_scale);
  cr = cairo_create (surface);

  for (int r = 0; r < opt_repeat; r++)
    {
      gint64 t0 = g_get_monotonic_time ();

      g_clear_pointer (&cache, sc_scatter_cache_free);
      cache = sc_scatter_cache_new (&data, opt_width, opt_height, opt_scale, &axes, palette);
      build[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  for (int r = 0; r < opt_repeat; r++)
    {
      gint64 t0 = g_get_monotonic_time ();

      /* Alternate the selection so every run recolours. */
      sc_scatter_cache_prepare (cache, palette, r % 2 == 0 ? 2 : -1);
      colour[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  /* The first paint prepares for its selection; time the ones after it. */
  sc_scatter_paint (cr, cache, palette, -1, opt_width, opt_height);
  for (int r = 0; r < opt_repeat; r++)
    {
      gint64 t0;

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      t0 = g_get_monotonic_time ();
      sc_scatter_paint (cr, cache, palette, -1, opt_width, opt_height);
      cairo_surface_flush (surface);
      repaint[r] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  g_print ("| %9u | %9u | %8.1f | %8.1f | %9.2f |\n", n, sc_scatter_cache_get_n_points (cache),
           median (build, opt_repeat), median (colour, opt_repeat),
           median (repaint, opt_repeat));

  sc_scatter_cache_free (cache);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[N …]");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (opt_repeat < 1 || opt_width < 1 || opt_height < 1 || !(opt_scale > 0))
    {
      g_printerr ("--repeat, --width, --height and --scale must be positive\n");
      return 1;
    }

  g_print ("%dx%d logical pixels at scale %g, median of %d runs, times in ms\n\n",
           opt_width, opt_height, opt_scale, opt_repeat);
  g_print ("|    points |     drawn |    build |   colour |   repaint |\n");
  g_print ("|----------:|----------:|---------:|---------:|----------:|\n");

  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        {
          gint64 n = g_ascii_strtoll (argv[i], NULL, 10);

          if (n <= 0 || n > G_MAXUINT32)
            {
              g_printerr ("%s: not a number of points\n", argv[i]);
              return 1;
            }
          bench ((guint32) n);
        }
    }
  else
    {
      bench (10000);
      bench (100000);
      bench (1000000);
    }

  return 0;
}
