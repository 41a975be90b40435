/* test-palette-style.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Charts in every style the desktop can ask for — light, dark, and both in high contrast
 * (issue 19): every text colour stands 4.5:1 on the background, and a bubble that is not
 * selected stays visible (its outline 3:1, its fill 1.3:1 against the background) yet
 * distinct from the selected one.  The grid is painted and its pixels read back, so the
 * painter, not only the palette, is checked. */

#include "config.h"

#include <cairo.h>
#include <math.h>

#include "sc-grid.h"
#include "sc-palette.h"

static const struct { const char *name; gboolean dark, high_contrast; } styles[] = {
  { "light", FALSE, FALSE },
  { "dark", TRUE, FALSE },
  { "light high contrast", FALSE, TRUE },
  { "dark high contrast", TRUE, TRUE },
};

static void
test_text_contrast (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new_for_style (styles[s].dark,
                                                                styles[s].high_contrast);
      double fg = sc_rgba_contrast (&palette->foreground, 1.0, &palette->background);
      double muted = sc_rgba_contrast (&palette->muted, 1.0, &palette->background);

      g_test_message ("%s: foreground %.2f:1, muted %.2f:1", styles[s].name, fg, muted);
      g_assert_cmpfloat (fg, >=, SC_PALETTE_MIN_TEXT_CONTRAST);
      g_assert_cmpfloat (muted, >=, SC_PALETTE_MIN_TEXT_CONTRAST);
      /* High contrast raises both. */
      if (styles[s].high_contrast)
        {
          g_autoptr(ScPalette) normal = sc_palette_new_for_style (styles[s].dark, FALSE);

          g_assert_cmpfloat (fg, >=, sc_rgba_contrast (&normal->foreground, 1.0,
                                                       &normal->background));
          g_assert_cmpfloat (muted, >, sc_rgba_contrast (&normal->muted, 1.0,
                                                         &normal->background));
        }

      /* Text written on any segment colour, as labels inside bars and bubbles are. */
      for (guint c = 0; c <= SC_PALETTE_N_SEGMENT_COLOURS; c++)
        {
          ScRgba fill, text, shown;

          sc_palette_segment_colour (palette, c, c == SC_PALETTE_N_SEGMENT_COLOURS, &fill);
          sc_palette_text_on (palette, &fill, 0.7, &text);
          sc_rgba_over (&fill, 0.7, &palette->background, &shown);
          g_assert_cmpfloat (sc_rgba_contrast (&text, 1.0, &shown), >=,
                             SC_PALETTE_MIN_TEXT_CONTRAST);
        }
    }
}

static void
test_visible_alpha (void)
{
  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new_for_style (styles[s].dark,
                                                                styles[s].high_contrast);

      for (guint c = 0; c <= SC_PALETTE_N_SEGMENT_COLOURS; c++)
        {
          ScRgba colour;
          double outline, fill;

          sc_palette_segment_colour (palette, c, c == SC_PALETTE_N_SEGMENT_COLOURS, &colour);
          outline = sc_palette_visible_alpha (palette, &colour, 0.4,
                                              SC_PALETTE_DIM_OUTLINE_CONTRAST);
          fill = sc_palette_visible_alpha (palette, &colour, 0.2, SC_PALETTE_DIM_FILL_CONTRAST);

          g_assert_cmpfloat (outline, >=, 0.4);
          g_assert_cmpfloat (outline, <=, 1.0);
          g_assert_cmpfloat (fill, >=, 0.2);
          /* Reached, or the colour at full strength is as far as it goes. */
          if (outline < 1.0)
            g_assert_cmpfloat (sc_rgba_contrast (&colour, outline, &palette->background), >=,
                               SC_PALETTE_DIM_OUTLINE_CONTRAST - 1e-6);
          g_assert_cmpfloat (sc_rgba_contrast (&colour, fill, &palette->background), >=,
                             SC_PALETTE_DIM_FILL_CONTRAST - 1e-6);
          /* The least opacity that does: a little less would not. */
          if (fill > 0.2 + 1e-3)
            g_assert_cmpfloat (sc_rgba_contrast (&colour, fill - 0.01, &palette->background), <,
                               SC_PALETTE_DIM_FILL_CONTRAST);
          /* Still fainter than a selected bubble's fill (0.7). */
          g_assert_cmpfloat (fill, <, 0.7);
        }
    }
}

/* The colour painted at (x, y) of a premultiplied ARGB32 surface, opaque. */
static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       ScRgba          *out)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p = *(const guint32 *) (data + y * stride + x * 4);

  out->r = ((p >> 16) & 0xff) / 255.0;
  out->g = ((p >> 8) & 0xff) / 255.0;
  out->b = (p & 0xff) / 255.0;
  out->a = 1.0;
}

static double
contrast (const ScRgba *a,
          const ScRgba *b)
{
  return sc_rgba_contrast (a, 1.0, b);
}

static void
test_grid_selection_visible (void)
{
  static const ScGridSegment segments[] = {
    { "Loyal high spenders", 0, FALSE, 1200, 820, 1150 },
    { "New customers", 1, FALSE, 3100, 90, 420 },
    { "At risk", 2, FALSE, 1800, 410, 260 },
    { "Occasional", 3, FALSE, 2400, 150, 90 },
  };
  const guint n = G_N_ELEMENTS (segments);

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new_for_style (styles[s].dark,
                                                                styles[s].high_contrast);
      ScGridLayout layout;
      ScGridBubble bubbles[G_N_ELEMENTS (segments)];

      sc_grid_layout (segments, n, NAN, NAN, palette, 720, 480, &layout, bubbles);
      for (guint selected = 0; selected < n; selected++)
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 720, 480);
          cairo_t *cr = cairo_create (surface);

          /* On the background the widget and the report put behind it. */
          cairo_set_source_rgb (cr, palette->background.r, palette->background.g,
                                palette->background.b);
          cairo_paint (cr);
          sc_grid_paint (cr, segments, n, NAN, NAN, palette, (int) selected, 720, 480);
          cairo_surface_flush (surface);

          for (guint i = 0; i < n; i++)
            {
              const ScGridBubble *b = &bubbles[i];
              ScRgba centre, outside;
              double rim = 0;

              if (!b->visible || b->radius < 8 || i == selected)
                continue;
              /* What lies around the bubble, a little outside it (the map may be tinted). */
              pixel (surface, (int) round (b->x), (int) round (b->y - b->radius - 5), &outside);
              /* Halfway up: the name label sits across the middle, on a halo. */
              pixel (surface, (int) round (b->x), (int) round (b->y - b->radius / 2), &centre);
              /* The outline, wherever antialiasing put its strongest pixel. */
              for (int d = -3; d <= 1; d++)
                {
                  ScRgba p;

                  pixel (surface, (int) round (b->x), (int) round (b->y - b->radius) - d, &p);
                  rim = MAX (rim, contrast (&p, &outside));
                }
              /* An unselected bubble's outline and fill stand out from what is around it. */
              g_test_message ("%s, %u selected: bubble %u outline %.2f:1, fill %.2f:1",
                              styles[s].name, selected, i, rim, contrast (&centre, &outside));
              {
                ScRgba colour;
                double reachable;

                /* 3:1, or as far as the colour itself goes (yellow on white does not reach
                 * it), less a little for antialiasing. */
                sc_palette_segment_colour (palette, segments[i].colour, FALSE, &colour);
                reachable = MIN (SC_PALETTE_DIM_OUTLINE_CONTRAST,
                                 sc_rgba_contrast (&colour, 1.0, &palette->background));
                g_assert_cmpfloat (rim, >=, 0.85 * reachable);
              }
              g_assert_cmpfloat (contrast (&centre, &outside), >=, 1.2);
            }

          /* The selected bubble's outline is the foreground colour, an unselected one's is
           * its own colour: they differ clearly. */
          {
            const ScGridBubble *b = &bubbles[selected];
            ScRgba rim;

            if (b->visible && b->radius >= 6)
              {
                pixel (surface, (int) round (b->x + b->radius - 0.5), (int) round (b->y), &rim);
                g_assert_cmpfloat (contrast (&rim, &palette->background), >=, 3.0);
              }
          }

          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/PaletteStyle/text-contrast", test_text_contrast);
  g_test_add_func ("/Render/PaletteStyle/visible-alpha", test_visible_alpha);
  g_test_add_func ("/Render/PaletteStyle/grid-selection", test_grid_selection_visible);

  return g_test_run ();
}
