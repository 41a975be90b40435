/* sc-scatter-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The scatter cache's insides, shared by the binning (sc-scatter.c), the coloured image
 * (sc-scatter-image.c) and the painting and queries (sc-scatter-paint.c). */

#pragma once

#include "sc-render-util-private.h"
#include "sc-scatter.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 cell;       /* py * pw + px */
  guint32 start;      /* first point in order[] */
  guint16 dominant;   /* segment with most points in the cell, lowest index on ties */
} Cell;

typedef struct
{
  char     *name;
  guint     colour;
  gboolean  is_outliers;
  guint32   count;      /* points drawn */
  gboolean  has_centroid;
  double    tx, ty;     /* centroid on the axes' scales */
} Segment;

struct _ScScatterCache
{
  int       width;
  int       height;
  double    scale;

  ScAxis    x_axis;
  ScAxis    y_axis;
  char     *x_title;
  char     *y_title;
  ScRect    plot;
  int       pw, ph;        /* device pixels of the plot */

  guint     n_segments;
  Segment  *segments;

  guint32   n_points;
  guint32  *order;         /* n_points: data index, sorted by cell */
  guint16  *labels;        /* n_points: segment of order[i] */
  guint32   n_cells;
  Cell     *cells;         /* n_cells + 1; the last one's start is n_points */
  guint32   max_count;
  double    radius;        /* logical pixels */

  ScRect    legend;
  double    legend_row_height;

  /* The coloured image and what it was made for. */
  cairo_surface_t *image;
  int       pad;           /* device pixels around the plot in the image */
  gboolean  image_valid;
  int       image_selected;
  ScRgba    image_colours[SC_PALETTE_N_SEGMENT_COLOURS + 2];
};

#define LEGEND_SWATCH   10.0
#define LEGEND_PAD      8.0
#define CENTROID_RADIUS 7.0

/* A legend name longer than its room wraps onto a second line before it is ellipsized
 * (issue 19: at 1.5× text most names were cut); the whole name is in the chart's tooltip and
 * accessible description. */
#define LEGEND_MAX_LINES 2

void   _sc_scatter_legend_fit       (PangoLayout *layout,
                                     double       room);
double _sc_scatter_legend_text_room (double       legend_width);

G_END_DECLS
