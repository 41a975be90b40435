/* sc-impact.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "sc-axis.h"
#include "sc-drift.h"
#include "sc-palette.h"

G_BEGIN_DECLS

/* Impact: one figure per segment over the snapshots */

/**
 * ScImpactMeasure:
 * @SC_IMPACT_CUSTOMERS: members
 * @SC_IMPACT_REVENUE: the members' net spend in the recent window
 * @SC_IMPACT_ORDERS: orders per member in the recent window
 * @SC_IMPACT_CHURN: share of members without a purchase in the recent window
 * @SC_IMPACT_CLV: the members' mean customer lifetime value
 *
 * The figures of #ScImpactSeries.
 */
typedef enum
{
  SC_IMPACT_CUSTOMERS,
  SC_IMPACT_REVENUE,
  SC_IMPACT_ORDERS,
  SC_IMPACT_CHURN,
  SC_IMPACT_CLV,
  SC_IMPACT_N_MEASURES
} ScImpactMeasure;

/**
 * ScImpactLabel:
 * @visible: %FALSE for a series without any value of the measure
 * @x: the series' last point with a value
 * @y: its height
 * @rect: where the series' name is drawn, right of the plot, so that names do not overlap
 */
typedef struct
{
  gboolean visible;
  double   x;
  double   y;
  ScRect   rect;
} ScImpactLabel;

/**
 * ScImpactLayout:
 * @has_values: %FALSE when no series has a value of the measure: the chart then shows a
 *   message
 * @n_points: the snapshots, evenly spaced from left to right, oldest first
 * @frame: the plot frame
 * @map: the rectangle the points map onto, inside @frame
 * @y_axis: the measure's axis
 * @x_labels: the band below @frame where each snapshot's as-of day and label are written
 * @n_hidden: series whose name has no room beside the plot (their key's colour stays)
 * @hidden_note: where the note saying so is drawn, at the bottom; empty when @n_hidden is 0
 */
typedef struct
{
  gboolean has_values;
  guint    n_points;
  ScRect   frame;
  ScRect   map;
  ScAxis   y_axis;
  ScRect   x_labels;
  guint    n_hidden;
  ScRect   hidden_note;
} ScImpactLayout;

const char   *sc_impact_measure_label (ScImpactMeasure       measure);
const double *sc_impact_values        (const ScImpactSeries *series,
                                       ScImpactMeasure       measure);

void          sc_impact_layout        (const ScImpact       *impact,
                                       ScImpactMeasure       measure,
                                       const ScPalette      *palette,
                                       double                width,
                                       double                height,
                                       ScImpactLayout       *layout,
                                       ScImpactLabel        *labels);
double        sc_impact_point_x       (const ScImpactLayout *layout,
                                       guint                 point);
double        sc_impact_value_y       (const ScImpactLayout *layout,
                                       double                value);
gboolean      sc_impact_hit_test      (const ScImpact       *impact,
                                       ScImpactMeasure       measure,
                                       const ScImpactLayout *layout,
                                       double                x,
                                       double                y,
                                       guint                *series,
                                       guint                *point);
void          sc_impact_paint         (cairo_t              *cr,
                                       const ScImpact       *impact,
                                       ScImpactMeasure       measure,
                                       const ScPalette      *palette,
                                       int                   selected,
                                       double                width,
                                       double                height);

G_END_DECLS
