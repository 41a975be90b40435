/* test-palette.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sc-palette.h"

typedef enum
{
  VISION_NORMAL,
  VISION_DEUTERANOPIA,
  VISION_PROTANOPIA,
  VISION_TRITANOPIA,
} Vision;

/* Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB. */
static const double cvd[][3][3] = {
  [VISION_DEUTERANOPIA] = { { 0.367322, 0.860646, -0.227968 },
                            { 0.280085, 0.672501, 0.047413 },
                            { -0.011820, 0.042940, 0.968881 } },
  [VISION_PROTANOPIA] = { { 0.152286, 1.052583, -0.204868 },
                          { 0.114503, 0.786281, 0.099216 },
                          { -0.003882, -0.048116, 1.051998 } },
  [VISION_TRITANOPIA] = { { 1.255528, -0.076749, -0.178779 },
                          { -0.078411, 0.930809, 0.147602 },
                          { 0.004733, 0.691367, 0.303900 } },
};

static double
linearise (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 0.008856 ? cbrt (t) : 7.787 * t + 16.0 / 116.0;
}

static void
to_lab (const ScRgba *c,
        Vision        vision,
        double        lab[3])
{
  double rgb[3] = { linearise (c->r), linearise (c->g), linearise (c->b) };
  double x, y, z;

  if (vision != VISION_NORMAL)
    {
      double sim[3];

      for (int i = 0; i < 3; i++)
        sim[i] = CLAMP (cvd[vision][i][0] * rgb[0] + cvd[vision][i][1] * rgb[1]
                        + cvd[vision][i][2] * rgb[2], 0.0, 1.0);
      memcpy (rgb, sim, sizeof rgb);
    }

  x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
  y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;

  lab[0] = 116 * lab_f (y) - 16;
  lab[1] = 500 * (lab_f (x) - lab_f (y));
  lab[2] = 200 * (lab_f (y) - lab_f (z));
}

/* CIE76 ΔE */
static double
delta_e (const ScRgba *a,
         const ScRgba *b,
         Vision        vision)
{
  double la[3], lb[3];

  to_lab (a, vision, la);
  to_lab (b, vision, lb);
  return sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1])
               + (la[2] - lb[2]) * (la[2] - lb[2]));
}

/* The smallest ΔE between any two of the first @n segment colours and the outlier grey. */
static double
min_distance (const ScPalette *palette,
              guint            n,
              Vision           vision)
{
  ScRgba colours[SC_PALETTE_N_SEGMENT_COLOURS + 1];
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    sc_palette_segment_colour (palette, i, FALSE, &colours[i]);
  sc_palette_segment_colour (palette, 0, TRUE, &colours[n]);

  for (guint i = 0; i <= n; i++)
    for (guint j = i + 1; j <= n; j++)
      best = MIN (best, delta_e (&colours[i], &colours[j], vision));

  return best;
}

static void
test_distinct (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new (dark);

      /* All twelve colours and the grey. */
      g_assert_cmpfloat (min_distance (palette, 12, VISION_NORMAL), >=, 12.0);
      g_assert_cmpfloat (min_distance (palette, 12, VISION_DEUTERANOPIA), >=, 10.0);
      g_assert_cmpfloat (min_distance (palette, 12, VISION_PROTANOPIA), >=, 9.5);
      g_assert_cmpfloat (min_distance (palette, 12, VISION_TRITANOPIA), >=, 9.0);

      /* The first eight, as many as a run with automatic k makes, apart more clearly. */
      g_assert_cmpfloat (min_distance (palette, 8, VISION_NORMAL), >=, 20.0);
      g_assert_cmpfloat (min_distance (palette, 8, VISION_DEUTERANOPIA), >=, 10.0);
      g_assert_cmpfloat (min_distance (palette, 8, VISION_PROTANOPIA), >=, 12.0);
    }
}

static void
test_contrast (void)
{
  for (int dark = 0; dark <= 1; dark++)
    {
      g_autoptr(ScPalette) palette = sc_palette_new (dark);
      ScRgba c;

      g_assert_cmpint (palette->dark, ==, dark);
      for (guint i = 0; i < SC_PALETTE_N_SEGMENT_COLOURS; i++)
        {
          sc_palette_segment_colour (palette, i, FALSE, &c);
          g_assert_cmpfloat (delta_e (&c, &palette->background, VISION_NORMAL), >=, 25.0);
        }
      g_assert_cmpfloat (delta_e (&palette->foreground, &palette->background, VISION_NORMAL),
                         >=, 70.0);
      g_assert_cmpfloat (delta_e (&palette->muted, &palette->background, VISION_NORMAL),
                         >=, 40.0);
      /* Grid lines stay in the background. */
      g_assert_cmpfloat (delta_e (&palette->grid, &palette->background, VISION_NORMAL),
                         <, 20.0);
    }
}

static void
test_segment_colour (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  ScRgba a, b;

  sc_palette_segment_colour (palette, 0, FALSE, &a);
  g_assert_cmpfloat_with_epsilon (a.r, 0x00 / 255.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.g, 0x72 / 255.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (a.b, 0xB2 / 255.0, 1e-12);
  g_assert_cmpfloat (a.a, ==, 1.0);

  /* Indices wrap around. */
  sc_palette_segment_colour (palette, SC_PALETTE_N_SEGMENT_COLOURS + 3, FALSE, &b);
  sc_palette_segment_colour (palette, 3, FALSE, &a);
  g_assert_true (memcmp (&a, &b, sizeof a) == 0);

  /* Outliers are a neutral grey whatever their index. */
  sc_palette_segment_colour (palette, 5, TRUE, &a);
  g_assert_cmpfloat (a.r, ==, a.g);
  g_assert_cmpfloat (a.g, ==, a.b);

  /* Light and dark variants differ where the light colour is too dark for a dark
   * background. */
  {
    g_autoptr(ScPalette) dark = sc_palette_new (TRUE);

    sc_palette_segment_colour (palette, 6, FALSE, &a);
    sc_palette_segment_colour (dark, 6, FALSE, &b);
    g_assert_true (memcmp (&a, &b, sizeof a) != 0);
  }
}

static void
test_css (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (FALSE);
  g_autofree char *css = sc_palette_to_css (palette);
  g_auto(GStrv) lines = g_strsplit (css, "\n", -1);
  guint defines = 0;

  g_assert_nonnull (strstr (css, "@define-color segment_color_0 #0072b2;\n"));
  g_assert_nonnull (strstr (css, "@define-color segment_color_outlier #707070;\n"));

  /* Every definition parses back to the palette's colour. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char name[64], hex[16];
      ScRgba parsed, expected;

      if (!g_str_has_prefix (lines[i], "@define-color "))
        continue;
      defines++;
      g_assert_cmpint (sscanf (lines[i], "@define-color %63s %15[^;];", name, hex), ==, 2);
      g_assert_true (sc_rgba_parse (&parsed, hex));
      if (strcmp (name, "segment_color_outlier") == 0)
        {
          sc_palette_segment_colour (palette, 0, TRUE, &expected);
        }
      else
        {
          guint index;

          g_assert_cmpint (sscanf (name, "segment_color_%u", &index), ==, 1);
          sc_palette_segment_colour (palette, index, FALSE, &expected);
        }
      g_assert_cmpfloat_with_epsilon (parsed.r, expected.r, 1e-9);
      g_assert_cmpfloat_with_epsilon (parsed.g, expected.g, 1e-9);
      g_assert_cmpfloat_with_epsilon (parsed.b, expected.b, 1e-9);
    }
  g_assert_cmpuint (defines, ==, SC_PALETTE_N_SEGMENT_COLOURS + 1);
}

static void
test_rgba_parse (void)
{
  ScRgba c = { 0.5, 0.5, 0.5, 0.5 };
  g_autofree char *hex = NULL;

  g_assert_true (sc_rgba_parse (&c, "#ff8000"));
  g_assert_cmpfloat (c.r, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (c.g, 128 / 255.0, 1e-12);
  g_assert_cmpfloat (c.b, ==, 0.0);
  g_assert_cmpfloat (c.a, ==, 1.0);

  g_assert_true (sc_rgba_parse (&c, "#00000080"));
  g_assert_cmpfloat_with_epsilon (c.a, 128 / 255.0, 1e-12);
  hex = sc_rgba_to_hex (&c);
  g_assert_cmpstr (hex, ==, "#00000080");

  /* Malformed colours leave the output untouched. */
  c.r = 0.25;
  g_assert_false (sc_rgba_parse (&c, "ff8000"));
  g_assert_false (sc_rgba_parse (&c, "#ff800"));
  g_assert_false (sc_rgba_parse (&c, "#ff80000"));
  g_assert_false (sc_rgba_parse (&c, "#gg8000"));
  g_assert_false (sc_rgba_parse (&c, "#"));
  g_assert_false (sc_rgba_parse (&c, ""));
  g_assert_cmpfloat (c.r, ==, 0.25);
}

static void
test_copy (void)
{
  g_autoptr(ScPalette) palette = sc_palette_new (TRUE);
  g_autoptr(ScPalette) copy = sc_palette_copy (palette);

  g_assert_true (copy->dark);
  g_assert_cmpstr (copy->font_family, ==, palette->font_family);
  g_assert_true (copy->font_family != palette->font_family);
  g_assert_true (memcmp (copy->segments, palette->segments, sizeof palette->segments) == 0);
  g_assert_cmpfloat (copy->font_size, ==, palette->font_size);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/Palette/distinct", test_distinct);
  g_test_add_func ("/Render/Palette/contrast", test_contrast);
  g_test_add_func ("/Render/Palette/segment-colour", test_segment_colour);
  g_test_add_func ("/Render/Palette/css", test_css);
  g_test_add_func ("/Render/Palette/rgba-parse", test_rgba_parse);
  g_test_add_func ("/Render/Palette/copy", test_copy);

  return g_test_run ();
}
