/* sc-grid.h
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
#include "sc-types.h"

G_BEGIN_DECLS

/**
 * ScGridSegment:
 * @name: the segment's name
 * @colour: palette colour index
 * @is_outliers: drawn in the outlier grey
 * @customers: members; the bubble's area is proportional to it
 * @value: current value per customer, or NAN when not known
 * @potential: expected future value per customer, or NAN when not known (the CLV model
 *   has not run)
 */
typedef struct
{
  const char *name;
  guint       colour;
  gboolean    is_outliers;
  guint64     customers;
  double      value;
  double      potential;
} ScGridSegment;

/**
 * ScGridBubble:
 * @visible: %FALSE when the segment has no value or potential (or no customers)
 * @x: centre, logical units
 * @y: centre
 * @radius: radius; the area is proportional to the customers
 * @label: where the name is drawn
 */
typedef struct
{
  gboolean visible;
  double   x;
  double   y;
  double   radius;
  ScRect   label;
} ScGridBubble;

/**
 * ScGridLayout:
 * @has_values: %FALSE when no segment has a value (and, unless @value_only, a potential):
 *   the chart then shows a message instead of bubbles
 * @value_only: no segment has a potential but some have a value (the data could not support
 *   the potential estimate): the bubbles sit on one line by value, without the potential
 *   axis and quadrants, and the chart says "value only"
 * @frame: the plot frame
 * @map: the rectangle the axes map onto: @frame inset by the largest radius, so that
 *   bubbles stay inside it
 * @x_axis: current value
 * @y_axis: potential
 * @value_threshold: the value dividing low from high, in data units
 * @potential_threshold: the potential dividing low from high
 * @divider_x: where the value divider is drawn
 * @divider_y: where the potential divider is drawn
 * @quadrant_labels: where each quadrant's name is drawn, by #ScQuadrant; empty (zero
 *   width) when the quadrant is too narrow for it, and always for %SC_QUADRANT_NONE
 * @note: where the "value only" label is drawn; empty unless @value_only
 * @n_hidden: bubbles drawn without their name, for want of a place clear of other text
 * @hidden_note: where the note saying so is drawn, below the chart; empty when @n_hidden is 0
 */
typedef struct
{
  gboolean has_values;
  gboolean value_only;
  ScRect   frame;
  ScRect   map;
  ScAxis   x_axis;
  ScAxis   y_axis;
  double   value_threshold;
  double   potential_threshold;
  double   divider_x;
  double   divider_y;
  ScRect   quadrant_labels[SC_N_QUADRANTS];
  ScRect   note;
  guint    n_hidden;
  ScRect   hidden_note;
} ScGridLayout;

void            sc_grid_segment_means (const guint16       *labels,
                                       guint32              n,
                                       const double        *value,
                                       const double        *potential,
                                       guint                n_segments,
                                       double              *mean_value,
                                       double              *mean_potential);

void            sc_grid_layout        (const ScGridSegment *segments,
                                       guint                n_segments,
                                       double               value_threshold,
                                       double               potential_threshold,
                                       const ScPalette     *palette,
                                       double               width,
                                       double               height,
                                       ScGridLayout        *layout,
                                       ScGridBubble        *bubbles);
void            sc_grid_paint         (cairo_t             *cr,
                                       const ScGridSegment *segments,
                                       guint                n_segments,
                                       double               value_threshold,
                                       double               potential_threshold,
                                       const ScPalette     *palette,
                                       int                  selected,
                                       double               width,
                                       double               height);
int             sc_grid_hit_test      (const ScGridBubble  *bubbles,
                                       guint                n_bubbles,
                                       double               x,
                                       double               y);

G_END_DECLS
