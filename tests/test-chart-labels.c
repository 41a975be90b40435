/* test-chart-labels.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The scatter legend's names (issue 19): at 1.5× text most names were cut to one ellipsized
 * line. Over many seeded sets of segment names, at 360, 600 and 1024 px and at 1.0 and 1.5×
 * text, every legend name drawn lies inside the chart, right of the plot and clear of the
 * other names, and a name that two lines of the legend's room can hold is drawn whole. The
 * layouts checked are fitted as the painter fits them (_sc_scatter_legend_fit). */

#include <math.h>
#include <string.h>

#include "sc-scatter-private.h"
#include "test-render-utils.h"

#define N_SETS 60

static const char *const words[] = {
  "Service", "tier", "loyal", "high", "spenders", "at", "risk", "new", "customers", "of",
  "the", "North", "region", "Enterprise", "accounts", "with", "support", "contracts", "2",
  "occasional", "buyers", "Überweisungskunden", "big", "small", "retail", "wholesale",
};

typedef struct
{
  double x, y, width, height;
} Box;

static gboolean
boxes_overlap (const Box *a,
               const Box *b)
{
  return a->x < b->x + b->width - 0.5 && b->x < a->x + a->width - 0.5 &&
         a->y < b->y + b->height - 0.5 && b->y < a->y + a->height - 0.5;
}

static void
check_legend (const ScScatterCache *cache,
              const ScPalette      *palette,
              const char *const    *names,
              guint                 n,
              gboolean              bold,
              guint                *n_wrapped)
{
  g_autoptr(ScTextContext) context = _sc_text_context_new ();
  const ScRect *l = &cache->legend;
  double room = _sc_scatter_legend_text_room (l->width);
  g_autofree Box *boxes = g_new0 (Box, n);
  guint drawn = 0;

  g_assert_cmpfloat (l->x, >=, cache->plot.x + cache->plot.width);
  for (guint s = 0; s < n; s++)
    {
      g_autoptr(PangoLayout) layout = _sc_text_layout (context, NULL, palette, names[s],
                                                       _SC_TEXT_NORMAL, bold);
      double top = l->y + s * cache->legend_row_height;
      double tw, th, widest, whole;
      Box *b = &boxes[drawn];

      /* The painter stops at the first row that does not fit. */
      if (top + cache->legend_row_height > cache->height)
        break;
      _sc_scatter_legend_fit (layout, room);
      _sc_text_size (layout, &tw, &th);
      b->x = l->x + LEGEND_PAD + LEGEND_SWATCH + 6;
      b->y = top + (cache->legend_row_height - th) / 2;
      b->width = tw;
      b->height = th;
      g_assert_cmpfloat (b->x, >=, cache->plot.x + cache->plot.width);
      g_assert_cmpfloat (b->x + b->width, <=, l->x + l->width + 0.5);
      g_assert_cmpfloat (b->x + b->width, <=, cache->width);
      g_assert_cmpfloat (b->y, >=, 0);
      g_assert_cmpfloat (b->y + b->height, <=, cache->height);
      for (guint o = 0; o < drawn; o++)
        if (boxes_overlap (b, &boxes[o]))
          g_error ("legend names %u and %u overlap at %d px", o, drawn, cache->width);
      drawn++;

      /* Words wrap at spaces, so a line leaves less than the widest word empty: a name
       * whose width and widest word together fit two rooms fits two lines, whole. */
      widest = _sc_text_widest_word (context, palette, names[s], _SC_TEXT_NORMAL, bold);
      _sc_text_measure (context, palette, names[s], _SC_TEXT_NORMAL, bold, &whole, NULL);
      if (whole + widest <= LEGEND_MAX_LINES * room)
        {
          if (pango_layout_is_ellipsized (layout))
            g_error ("“%s” cut in a legend of %.0f px at %d px (font %.1f)", names[s], room,
                     cache->width, palette->font_size);
          if (whole > room)
            (*n_wrapped)++;
        }
    }
  g_assert_cmpuint (drawn, >, 0);
}

static void
test_legend_names (void)
{
  const int widths[] = { 360, 600, 1024 };
  const double scales[] = { 1.0, 1.5 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  guint n_wrapped = 0;
  Points pts;

  demo_points (&pts, 600, 3);
  for (guint set = 0; set < N_SETS; set++)
    {
      guint n = g_rand_int_range (rand, 2, 7);
      g_auto(GStrv) names = g_new0 (char *, n + 1);
      g_autofree ScScatterSegment *segments = g_new0 (ScScatterSegment, n);
      ScScatterData data;

      for (guint s = 0; s < n; s++)
        {
          names[s] = random_name (rand, words, G_N_ELEMENTS (words), 7);
          segments[s] = demo_segments[s % N_DEMO_SEGMENTS];
          segments[s].name = names[s];
        }
      for (guint i = 0; i < pts.n; i++)
        pts.label[i] = pts.label[i] % n;
      demo_scatter_data (&data, &pts, segments, n);

      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        for (guint f = 0; f < G_N_ELEMENTS (scales); f++)
          {
            g_autoptr(ScPalette) palette = sc_palette_new (set % 2 == 1);
            g_autoptr(ScScatterCache) cache = NULL;

            palette->font_size *= scales[f];
            cache = sc_scatter_cache_new (&data, widths[w], 420, 1, NULL, palette);
            g_assert_cmpfloat (cache->legend.width, >, 0);
            check_legend (cache, palette, (const char *const *) names, n, TRUE, &n_wrapped);
            check_legend (cache, palette, (const char *const *) names, n, FALSE, &n_wrapped);
          }
    }
  points_clear (&pts);
  /* The property held for names that needed the second line, not only for short ones. */
  g_assert_cmpuint (n_wrapped, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/ChartLabels/scatter-legend", test_legend_names);

  return g_test_run ();
}
