/* sc-bars.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "sc-axis.h"
#include "sc-palette.h"

G_BEGIN_DECLS

/**
 * ScBarsSegment:
 * @name: the segment's name
 * @colour: palette colour index
 * @is_outliers: drawn in the outlier grey
 * @share: share of customers, 0..1
 * @revenue_share: share of revenue, 0..1; a negative share (net returns) draws no bar
 *   but keeps its label
 */
typedef struct
{
  const char *name;
  guint       colour;
  gboolean    is_outliers;
  double      share;
  double      revenue_share;
} ScBarsSegment;

/**
 * ScBarsRow:
 * @row: the whole row, for hit testing and the selection highlight
 * @name: where the name is drawn
 * @customers: the customer-share bar; its width is share × scale
 * @revenue: the revenue-share bar, below it
 * @customers_label: where "12% of customers" is drawn
 * @revenue_label: where "41% of revenue" is drawn
 *
 * One segment's row, in logical units.
 */
typedef struct
{
  ScRect row;
  ScRect name;
  ScRect customers;
  ScRect revenue;
  ScRect customers_label;
  ScRect revenue_label;
} ScBarsRow;

/**
 * ScBarsLayout:
 * @scale: logical units per 1.0 of share, the same for both bars of every row
 * @bars_x: where bars start
 * @bars_width: the longest bar's width
 * @names_above: whether each name is on a line above its bars (narrow charts)
 */
typedef struct
{
  double   scale;
  double   bars_x;
  double   bars_width;
  gboolean names_above;
} ScBarsLayout;

void sc_bars_layout   (const ScBarsSegment *segments,
                       guint                n_segments,
                       const ScPalette     *palette,
                       double               width,
                       double               height,
                       ScBarsLayout        *layout,
                       ScBarsRow           *rows);
void sc_bars_paint    (cairo_t             *cr,
                       const ScBarsSegment *segments,
                       guint                n_segments,
                       const ScPalette     *palette,
                       int                  selected,
                       double               width,
                       double               height);
int  sc_bars_hit_test (const ScBarsRow     *rows,
                       guint                n_rows,
                       double               x,
                       double               y);

double sc_bars_min_row_height (const ScPalette *palette);

G_END_DECLS
