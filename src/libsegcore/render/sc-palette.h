/* sc-palette.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Colours a segment can take; segments keep their colour index between runs. */
#define SC_PALETTE_N_SEGMENT_COLOURS 12

/**
 * ScRgba:
 *
 * A colour with straight (not premultiplied) alpha, each component 0..1.
 */
typedef struct
{
  double r, g, b, a;
} ScRgba;

/**
 * ScPalette:
 * @dark: whether the colours are meant for a dark background
 * @segments: segment colours by colour index
 * @outliers: the colour of the outlier segment, a neutral grey
 * @foreground: text and axis lines
 * @muted: secondary text: tick labels, quadrant names, messages
 * @grid: grid lines and dividers
 * @background: what the charts are drawn on; painters do not fill it themselves
 * @selection: highlight behind a selected bar row or legend entry
 * @dimmed: points of segments that are not selected
 * @font_family: Pango family list for chart text
 * @font_size: base text size in logical pixels; titles and labels derive from it
 * @currency: the ISO 4217 code money axes name in their titles, "" when none is known
 *
 * The one definition of chart colours.  The application takes its CSS colour names
 * from sc_palette_to_css(), so the values live only here.  A widget may adjust
 * @foreground, @background or the font from its theme before painting.
 */
typedef struct
{
  gboolean  dark;
  ScRgba    segments[SC_PALETTE_N_SEGMENT_COLOURS];
  ScRgba    outliers;
  ScRgba    foreground;
  ScRgba    muted;
  ScRgba    grid;
  ScRgba    background;
  ScRgba    selection;
  ScRgba    dimmed;
  char     *font_family;
  double    font_size;
  char      currency[4];
} ScPalette;

/* WCAG 2 level AA for normal text. */
#define SC_PALETTE_MIN_TEXT_CONTRAST 4.5

ScPalette *sc_palette_new            (gboolean         dark);
ScPalette *sc_palette_new_for_style  (gboolean         dark,
                                      gboolean         high_contrast);
ScPalette *sc_palette_copy           (const ScPalette *palette);
void       sc_palette_free           (ScPalette       *palette);
void       sc_palette_set_currency   (ScPalette       *palette,
                                      const char      *code);

void       sc_palette_segment_colour (const ScPalette *palette,
                                      guint            colour_index,
                                      gboolean         is_outliers,
                                      ScRgba          *out);
char      *sc_palette_to_css         (const ScPalette *palette);
void       sc_palette_text_on        (const ScPalette *palette,
                                      const ScRgba    *fill,
                                      double           alpha,
                                      ScRgba          *out);
double     sc_palette_visible_alpha  (const ScPalette *palette,
                                      const ScRgba    *colour,
                                      double           min_alpha,
                                      double           contrast);

/* Unselected marks: faint, yet their outline stands 3:1 and their fill 1.3:1 against the
 * background in every style (WCAG 2.1's level for graphical objects is 3:1). */
#define SC_PALETTE_DIM_OUTLINE_CONTRAST 3.0
#define SC_PALETTE_DIM_FILL_CONTRAST 1.3

double     sc_rgba_luminance         (const ScRgba    *rgba);
void       sc_rgba_over              (const ScRgba    *top,
                                      double           alpha,
                                      const ScRgba    *bottom,
                                      ScRgba          *out);
double     sc_rgba_contrast          (const ScRgba    *text,
                                      double           alpha,
                                      const ScRgba    *background);

gboolean   sc_rgba_parse             (ScRgba          *rgba,
                                      const char      *hex);
char      *sc_rgba_to_hex            (const ScRgba    *rgba);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPalette, sc_palette_free)

G_END_DECLS
