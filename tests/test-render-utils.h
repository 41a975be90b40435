/* test-render-utils.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "sc-palette.h"
#include "sc-scatter.h"

G_BEGIN_DECLS

/* What the painter tests share: an image surface painted with the palette's background, and
 * its pixels read back at logical positions (test-painters.c, test-scatter.c, test-flow.c);
 * the demo data of the scatter. */

typedef struct
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           scale;
} Canvas;

/* An ARGB32 surface of width x height logical pixels at scale, painted with the background. */
void     canvas_init       (Canvas          *canvas,
                            int              width,
                            int              height,
                            double           scale,
                            const ScPalette *palette);
/* Flushes the drawing; asserts that cairo met no error. */
void     canvas_finish     (Canvas          *canvas);
void     canvas_clear      (Canvas          *canvas);
/* The colour at logical (x, y), un-premultiplied, 0..1. */
ScRgba   pixel_at          (Canvas          *canvas,
                            double           x,
                            double           y);
/* Fits pixel as colour laid over bg with some opacity; returns the opacity, or -1 when the
 * pixel is not such a blend. */
double   blend_alpha       (const ScRgba    *pixel,
                            const ScRgba    *colour,
                            const ScRgba    *bg);
/* Aborts, saying what it found, unless the pixel at (x, y) is colour over the background at
 * an opacity in [min_alpha, max_alpha]. */
void     assert_colour     (Canvas          *canvas,
                            double           x,
                            double           y,
                            const ScRgba    *colour,
                            const ScPalette *palette,
                            double           min_alpha,
                            double           max_alpha);
gboolean is_background     (Canvas          *canvas,
                            double           x,
                            double           y,
                            const ScPalette *palette);
/* Aborts, saying what it found, unless the pixel at (x, y) is the background. */
void     assert_background (Canvas          *canvas,
                            double           x,
                            double           y,
                            const ScPalette *palette);

/* The palette's colour for a segment. */
ScRgba   segment_colour    (const ScPalette *palette,
                            guint            colour,
                            gboolean         is_outliers);

/* Demo data of the scatter tests and of the PNGs: six segments, one of them right-to-left,
 * one non-Latin, one the outliers; points drawn around each segment's recency and spend. */
#define N_DEMO_SEGMENTS 6
extern const ScScatterSegment demo_segments[N_DEMO_SEGMENTS];

typedef struct
{
  guint32  n;
  double  *x;
  double  *y;
  guint16 *label;
} Points;

void     demo_points       (Points          *pts,
                            guint32          n,
                            guint32          seed);
void     points_clear      (Points          *pts);
/* Scatter data over @pts ("Recency" across, "Spend" up), borrowing everything. */
void     demo_scatter_data (ScScatterData          *data,
                            const Points           *pts,
                            const ScScatterSegment *segments,
                            guint                   n_segments);

/* A name of 1 to max_words words drawn from words, for property tests of chart labels. */
char    *random_name       (GRand             *rand,
                            const char *const *words,
                            guint              n_words,
                            guint              max_words);
/* A chart written as a file, as the exports do: kind 0 a PDF, 1 an SVG, 2 a PNG (file_ext);
 * a PNG is drawn at twice the resolution. */
extern const char *const file_ext[3];
/* The w × h page to draw on for a file at path. */
cairo_surface_t *file_surface_new    (int              kind,
                                      const char      *path,
                                      double           w,
                                      double           h);
/* Ends the page: a PNG is written to path, and kept as name in out_dir when that is not
 * NULL; checks that cairo wrote it, and destroys the surface. */
void             file_surface_finish (cairo_surface_t *surface,
                                      int              kind,
                                      const char      *path,
                                      const char      *out_dir,
                                      const char      *name);

G_END_DECLS
