/* seg-scatter-chart.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-features.h"
#include "seg-chart.h"

G_BEGIN_DECLS

#define SEG_TYPE_SCATTER_CHART (seg_scatter_chart_get_type ())

G_DECLARE_FINAL_TYPE (SegScatterChart, seg_scatter_chart, SEG, SCATTER_CHART, SegChart)

/* Customers as points on two features, coloured by segment (sc_scatter_paint). */
GtkWidget *seg_scatter_chart_new                  (void);

ScFeature  seg_scatter_chart_get_x_feature        (SegScatterChart *self);
ScFeature  seg_scatter_chart_get_y_feature        (SegScatterChart *self);
/* Changing a feature zooms out. */
void       seg_scatter_chart_set_features         (SegScatterChart *self,
                                                   ScFeature        x,
                                                   ScFeature        y);
gboolean   seg_scatter_chart_get_x_log            (SegScatterChart *self);
void       seg_scatter_chart_set_x_log            (SegScatterChart *self,
                                                   gboolean         x_log);
gboolean   seg_scatter_chart_get_y_log            (SegScatterChart *self);
void       seg_scatter_chart_set_y_log            (SegScatterChart *self,
                                                   gboolean         y_log);
/* Whether the loaded customers have @feature: CLV and P(alive) need a fresh CLV model. */
gboolean   seg_scatter_chart_has_feature          (SegScatterChart *self,
                                                   ScFeature        feature);

/* TRUE while customers are loaded or points binned in a worker. */
gboolean   seg_scatter_chart_get_busy             (SegScatterChart *self);
/* Customers drawn: with a segment, finite values, within the zoomed range. */
guint      seg_scatter_chart_get_n_shown          (SegScatterChart *self);
/* How many point caches were made, to tell a repaint from a rebuild. */
guint      seg_scatter_chart_get_n_builds         (SegScatterChart *self);

/* Zooms to a rectangle in widget coordinates, as dragging it does; FALSE when it holds
 * no room of the plot. */
gboolean   seg_scatter_chart_zoom_to              (SegScatterChart *self,
                                                   double           x0,
                                                   double           y0,
                                                   double           x1,
                                                   double           y1);
void       seg_scatter_chart_reset_zoom           (SegScatterChart *self);
gboolean   seg_scatter_chart_get_zoomed           (SegScatterChart *self);
/* The axes' ranges in data units: x min, x max, y min, y max. */
gboolean   seg_scatter_chart_get_visible_range    (SegScatterChart *self,
                                                   double           range[4]);

/* The customer (dense id) drawn nearest to a point in widget coordinates, or -1. */
gint64     seg_scatter_chart_customer_at          (SegScatterChart *self,
                                                   double           x,
                                                   double           y);
/* Where a customer is drawn, in widget coordinates; FALSE when not drawn. */
gboolean   seg_scatter_chart_get_customer_position (SegScatterChart *self,
                                                    guint32          customer,
                                                    double          *x,
                                                    double          *y);
/* The tooltip shown at a point in widget coordinates: the customer's id, segment and
 * values, or a legend entry's segment; NULL for nothing. */
char      *seg_scatter_chart_tooltip_text_at      (SegScatterChart *self,
                                                   double           x,
                                                   double           y);

G_END_DECLS
