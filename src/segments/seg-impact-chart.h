/* seg-impact-chart.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-flow.h"
#include "seg-chart.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPACT_CHART (seg_impact_chart_get_type ())

G_DECLARE_FINAL_TYPE (SegImpactChart, seg_impact_chart, SEG, IMPACT_CHART, SegChart)

/* One line per segment over the snapshots for a measure (sc_impact_paint). */
GtkWidget       *seg_impact_chart_new         (void);
void             seg_impact_chart_set_impact  (SegImpactChart  *self,
                                               ScImpact        *impact);
const ScImpact  *seg_impact_chart_get_impact  (SegImpactChart  *self);
void             seg_impact_chart_set_measure (SegImpactChart  *self,
                                               ScImpactMeasure  measure);
ScImpactMeasure  seg_impact_chart_get_measure (SegImpactChart  *self);

G_END_DECLS
