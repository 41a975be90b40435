/* sc-palette.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The segment colours start with the six chromatic Okabe–Ito colours (Okabe & Ito, "Color
 * Universal Design", 2002) and continue with colours from Paul Tol's schemes
 * (https://personal.sron.nl/~pault/), chosen greedily so that every pair stays apart in
 * CIELAB for normal vision and under simulated deuteranopia, protanopia and tritanopia
 * (Machado, Oliveira & Fernandes 2009).  Measured with CIE76 ΔE over the twelve colours and
 * the outlier grey: light ≥ 13.0 normal, ≥ 11.9 deutan, ≥ 10.0 protan; the first eight
 * (the most segments a run makes) with the grey ≥ 26 normal and ≥ 12 deutan.  The dark
 * variant keeps the first six (the blue lifted for contrast) and replaces the dark ones
 * with lighter Tol colours of related hue, since lifting the lightness of the light
 * variant's wine and greens made them collide under colour-vision deficiency.
 * tests/test-palette.c checks these bounds. */

#include "sc-palette.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char * const light_segments[SC_PALETTE_N_SEGMENT_COLOURS] = {
  "#0072B2", /* blue */
  "#E69F00", /* orange */
  "#009E73", /* bluish green */
  "#D55E00", /* vermillion */
  "#CC79A7", /* reddish purple */
  "#56B4E9", /* sky blue */
  "#882255", /* wine */
  "#999933", /* olive */
  "#225522", /* dark green */
  "#117733", /* green */
  "#44BB99", /* mint */
  "#EE8866", /* peach */
};

static const char * const dark_segments[SC_PALETTE_N_SEGMENT_COLOURS] = {
  "#2A81C3",
  "#E69F00",
  "#009E73",
  "#D55E00",
  "#CC79A7",
  "#56B4E9",
  "#AA4499", /* purple */
  "#999933",
  "#EEDD88", /* sand */
  "#44BB99",
  "#99DDFF", /* pale blue */
  "#FFAABB", /* pink */
};

typedef struct
{
  const char *outliers;
  const char *foreground;
  const char *muted;
  const char *grid;
  const char *background;
  const char *selection;
  const char *dimmed;
  double      dimmed_alpha;
} UiColours;

/* Foreground and background follow libadwaita's view colours; muted text keeps a contrast
 * above 4.5:1 on the background. */
static const UiColours light_ui = {
  "#707070", "#303030", "#666666", "#E3E3E3", "#FFFFFF", "#3584E4", "#9A9A9A", 0.45,
};

static const UiColours dark_ui = {
  "#7A7A7A", "#EEEEEE", "#A8A8A8", "#3A3A3A", "#1E1E1E", "#78AEED", "#6A6A6A", 0.55,
};

/* High contrast, as libadwaita's high-contrast style: black on white or white on black,
 * secondary text and grid lines darker (lighter) than in the normal variants. */
static const UiColours light_hc_ui = {
  "#5E5E5E", "#000000", "#3D3D3D", "#BDBDBD", "#FFFFFF", "#1C71D8", "#8A8A8A", 0.5,
};

static const UiColours dark_hc_ui = {
  "#8F8F8F", "#FFFFFF", "#D0D0D0", "#5E5E5E", "#000000", "#99C1F1", "#7A7A7A", 0.6,
};

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/**
 * sc_rgba_parse:
 * @rgba: (out): the colour
 * @hex: "#RRGGBB" or "#RRGGBBAA"
 *
 * Returns: %TRUE if @hex was a colour; @rgba is left untouched otherwise
 */
gboolean
sc_rgba_parse (ScRgba     *rgba,
               const char *hex)
{
  double c[4] = { 0, 0, 0, 1 };
  gsize len;

  g_return_val_if_fail (rgba != NULL, FALSE);
  g_return_val_if_fail (hex != NULL, FALSE);

  if (hex[0] != '#')
    return FALSE;
  len = strlen (hex + 1);
  if (len != 6 && len != 8)
    return FALSE;

  for (gsize i = 0; i < len / 2; i++)
    {
      int hi = hex_digit (hex[1 + 2 * i]);
      int lo = hex_digit (hex[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      c[i] = (hi * 16 + lo) / 255.0;
    }

  rgba->r = c[0];
  rgba->g = c[1];
  rgba->b = c[2];
  rgba->a = c[3];
  return TRUE;
}

/**
 * sc_rgba_to_hex:
 * @rgba: a colour
 *
 * Returns: (transfer full): "#rrggbb", with "aa" appended when the colour is not opaque
 */
char *
sc_rgba_to_hex (const ScRgba *rgba)
{
  int c[4];

  g_return_val_if_fail (rgba != NULL, NULL);

  c[0] = (int) (CLAMP (rgba->r, 0.0, 1.0) * 255.0 + 0.5);
  c[1] = (int) (CLAMP (rgba->g, 0.0, 1.0) * 255.0 + 0.5);
  c[2] = (int) (CLAMP (rgba->b, 0.0, 1.0) * 255.0 + 0.5);
  c[3] = (int) (CLAMP (rgba->a, 0.0, 1.0) * 255.0 + 0.5);

  if (c[3] == 255)
    return g_strdup_printf ("#%02x%02x%02x", c[0], c[1], c[2]);
  return g_strdup_printf ("#%02x%02x%02x%02x", c[0], c[1], c[2], c[3]);
}

static void
set (ScRgba     *rgba,
     const char *hex)
{
  gboolean ok = sc_rgba_parse (rgba, hex);

  g_assert (ok);
}

/**
 * sc_palette_new:
 * @dark: whether the charts are drawn on a dark background
 *
 * Returns: (transfer full): the chart palette
 */
ScPalette *
sc_palette_new (gboolean dark)
{
  return sc_palette_new_for_style (dark, FALSE);
}

/**
 * sc_palette_new_for_style:
 * @dark: whether the charts are drawn on a dark background
 * @high_contrast: the high-contrast variant: black or white text on white or black, with
 *   stronger secondary text and grid lines
 *
 * Every text colour of every variant (foreground and muted, opaque) stands at least
 * %SC_PALETTE_MIN_TEXT_CONTRAST against its background.
 *
 * Returns: (transfer full): the chart palette
 */
ScPalette *
sc_palette_new_for_style (gboolean dark,
                          gboolean high_contrast)
{
  ScPalette *palette = g_new0 (ScPalette, 1);
  const char * const *segments = dark ? dark_segments : light_segments;
  const UiColours *ui = high_contrast ? (dark ? &dark_hc_ui : &light_hc_ui)
                                      : (dark ? &dark_ui : &light_ui);

  palette->dark = !!dark;
  for (guint i = 0; i < SC_PALETTE_N_SEGMENT_COLOURS; i++)
    set (&palette->segments[i], segments[i]);
  set (&palette->outliers, ui->outliers);
  set (&palette->foreground, ui->foreground);
  set (&palette->muted, ui->muted);
  set (&palette->grid, ui->grid);
  set (&palette->background, ui->background);
  set (&palette->selection, ui->selection);
  set (&palette->dimmed, ui->dimmed);
  palette->dimmed.a = ui->dimmed_alpha;
  palette->font_family = g_strdup ("Cantarell, Sans");
  palette->font_size = 12.0;

  return palette;
}

/**
 * sc_palette_copy:
 * @palette: a palette
 *
 * Returns: (transfer full): an independent copy of @palette
 */
ScPalette *
sc_palette_copy (const ScPalette *palette)
{
  ScPalette *copy;

  g_return_val_if_fail (palette != NULL, NULL);

  copy = g_memdup2 (palette, sizeof *palette);
  copy->font_family = g_strdup (palette->font_family);
  return copy;
}

/**
 * sc_palette_set_currency:
 * @code: (nullable): an ISO 4217 code, or %NULL when the project has no currency
 *
 * Money axes drawn with @palette name @code in their titles: "Potential (EUR)".
 */
void
sc_palette_set_currency (ScPalette  *palette,
                         const char *code)
{
  g_return_if_fail (palette != NULL);

  g_strlcpy (palette->currency, code != NULL && strlen (code) == 3 ? code : "",
             sizeof palette->currency);
}

/**
 * sc_palette_free:
 * @palette: (nullable): a palette
 */
void
sc_palette_free (ScPalette *palette)
{
  if (palette == NULL)
    return;
  g_free (palette->font_family);
  g_free (palette);
}

/**
 * sc_palette_segment_colour:
 * @palette: a palette
 * @colour_index: the segment's colour index; indices past the palette wrap around
 * @is_outliers: whether the segment is the outlier segment, which is always grey
 * @out: (out): the colour
 */
void
sc_palette_segment_colour (const ScPalette *palette,
                           guint            colour_index,
                           gboolean         is_outliers,
                           ScRgba          *out)
{
  g_return_if_fail (palette != NULL);
  g_return_if_fail (out != NULL);

  if (is_outliers)
    *out = palette->outliers;
  else
    *out = palette->segments[colour_index % SC_PALETTE_N_SEGMENT_COLOURS];
}

/**
 * sc_palette_to_css:
 * @palette: a palette
 *
 * The segment colours as GTK CSS colour definitions, `@define-color segment_color_0 #…;`
 * up to `segment_color_11` and `segment_color_outlier`, for the application to load
 * with a provider of its own (and reload with the dark variant when the style changes).
 *
 * Returns: (transfer full): CSS text
 */
char *
sc_palette_to_css (const ScPalette *palette)
{
  GString *css;
  g_autofree char *outliers = NULL;

  g_return_val_if_fail (palette != NULL, NULL);

  css = g_string_new ("/* From sc_palette_to_css (): the one definition of segment colours. */\n");
  for (guint i = 0; i < SC_PALETTE_N_SEGMENT_COLOURS; i++)
    {
      g_autofree char *hex = sc_rgba_to_hex (&palette->segments[i]);

      g_string_append_printf (css, "@define-color segment_color_%u %s;\n", i, hex);
    }
  outliers = sc_rgba_to_hex (&palette->outliers);
  g_string_append_printf (css, "@define-color segment_color_outlier %s;\n", outliers);

  return g_string_free (css, FALSE);
}

/**
 * sc_rgba_luminance:
 * @rgba: an opaque colour (alpha is ignored)
 *
 * Returns: its relative luminance as WCAG 2 defines it, 0 (black) to 1 (white)
 */
double
sc_rgba_luminance (const ScRgba *rgba)
{
  double c[3] = { rgba->r, rgba->g, rgba->b };

  g_return_val_if_fail (rgba != NULL, 0.0);

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.04045 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/**
 * sc_rgba_over:
 * @top: a colour
 * @alpha: extra opacity applied to @top, as painters pass it to cairo
 * @bottom: the opaque colour below
 * @out: (out): what shows: @top at @alpha × its own alpha over @bottom, opaque
 */
void
sc_rgba_over (const ScRgba *top,
              double        alpha,
              const ScRgba *bottom,
              ScRgba       *out)
{
  double a;

  g_return_if_fail (top != NULL && bottom != NULL && out != NULL);

  a = CLAMP (top->a * alpha, 0.0, 1.0);
  out->r = top->r * a + bottom->r * (1 - a);
  out->g = top->g * a + bottom->g * (1 - a);
  out->b = top->b * a + bottom->b * (1 - a);
  out->a = 1.0;
}

/**
 * sc_rgba_contrast:
 * @text: the text colour
 * @alpha: extra opacity the text is drawn with
 * @background: the opaque colour behind the text
 *
 * Returns: the WCAG 2 contrast ratio, 1 to 21, of @text as it shows over @background;
 *   normal text needs %SC_PALETTE_MIN_TEXT_CONTRAST
 */
double
sc_rgba_contrast (const ScRgba *text,
                  double        alpha,
                  const ScRgba *background)
{
  ScRgba shown;
  double a, b;

  g_return_val_if_fail (text != NULL && background != NULL, 1.0);

  sc_rgba_over (text, alpha, background, &shown);
  a = sc_rgba_luminance (&shown);
  b = sc_rgba_luminance (background);
  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

/**
 * sc_palette_text_on:
 * @palette: a palette
 * @fill: a colour filled over the palette's background
 * @alpha: the opacity it is filled with
 * @out: (out): the text colour to write on it: the palette's foreground or background,
 *   whichever stands out more, or black or white when neither reaches
 *   %SC_PALETTE_MIN_TEXT_CONTRAST (on mid-tones; one of black and white always does)
 */
void
sc_palette_text_on (const ScPalette *palette,
                    const ScRgba    *fill,
                    double           alpha,
                    ScRgba          *out)
{
  static const ScRgba black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };
  ScRgba shown;
  double fg, bg;

  g_return_if_fail (palette != NULL && fill != NULL && out != NULL);

  sc_rgba_over (fill, alpha, &palette->background, &shown);
  fg = sc_rgba_contrast (&palette->foreground, 1.0, &shown);
  bg = sc_rgba_contrast (&palette->background, 1.0, &shown);
  if (MAX (fg, bg) >= SC_PALETTE_MIN_TEXT_CONTRAST)
    *out = fg >= bg ? palette->foreground : palette->background;
  else
    *out = sc_rgba_contrast (&black, 1.0, &shown) >= sc_rgba_contrast (&white, 1.0, &shown)
           ? black : white;
}

/**
 * sc_palette_visible_alpha:
 * @palette: a palette
 * @colour: a colour drawn over the palette's background
 * @min_alpha: the opacity to start from
 * @contrast: the contrast ratio against the background to reach
 *
 * An unselected bubble is drawn faintly, but must not vanish: in the dark style a dim
 * colour at 20% is nearly the background.  The opacity rises from @min_alpha until the
 * colour stands @contrast:1 against the background (3:1 is WCAG's level for the outline
 * of a graphical object), or reaches 1 where the colour itself cannot.
 *
 * Returns: the opacity to draw @colour with
 */
double
sc_palette_visible_alpha (const ScPalette *palette,
                          const ScRgba    *colour,
                          double           min_alpha,
                          double           contrast)
{
  double lo, hi;

  g_return_val_if_fail (palette != NULL && colour != NULL, 1.0);

  lo = CLAMP (min_alpha, 0.0, 1.0);
  if (sc_rgba_contrast (colour, lo, &palette->background) >= contrast)
    return lo;
  if (sc_rgba_contrast (colour, 1.0, &palette->background) < contrast)
    return 1.0;
  /* Contrast grows with opacity (the colour moves away from the background in a straight
   * line in linear RGB): bisect. */
  hi = 1.0;
  for (int i = 0; i < 30; i++)
    {
      double mid = (lo + hi) / 2;

      if (sc_rgba_contrast (colour, mid, &palette->background) >= contrast)
        hi = mid;
      else
        lo = mid;
    }
  return hi;
}
