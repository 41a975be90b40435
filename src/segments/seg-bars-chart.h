/* seg-bars-chart.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-axis.h"
#include "seg-chart.h"

G_BEGIN_DECLS

#define SEG_TYPE_BARS_CHART (seg_bars_chart_get_type ())

G_DECLARE_FINAL_TYPE (SegBarsChart, seg_bars_chart, SEG, BARS_CHART, SegChart)

/* Segment sizes: each segment's share of customers and of revenue (sc_bars_paint). */
GtkWidget *seg_bars_chart_new           (void);
/* Where the row of the segment at @position is drawn, in widget coordinates; FALSE when
 * the chart does not show that segment (or has not been laid out yet). */
gboolean   seg_bars_chart_get_row_area  (SegBarsChart *self,
                                         int           position,
                                         ScRect       *area);

G_END_DECLS
