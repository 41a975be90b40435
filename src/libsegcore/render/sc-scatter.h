/* sc-scatter.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "sc-axis.h"
#include "sc-features.h"
#include "sc-palette.h"
#include "sc-run.h"

G_BEGIN_DECLS

/**
 * ScScatterSegment:
 * @name: legend label
 * @colour: palette colour index
 * @is_outliers: drawn in the outlier grey
 * @centroid_x: where the segment's centre is marked, in data units, or NAN to mark the
 *   mean position of its points on the chart's scales (on a log axis, the mean of
 *   log10 (1 + v))
 * @centroid_y: likewise
 */
typedef struct
{
  const char *name;
  guint       colour;
  gboolean    is_outliers;
  double      centroid_x;
  double      centroid_y;
} ScScatterSegment;

/**
 * ScScatterData:
 * @n: points
 * @x: @n values; points with a non-finite coordinate are left out
 * @y: @n values
 * @label: @n segment indices into @segments; other values (%SC_LABEL_NONE) are left out
 * @n_segments: segments
 * @segments: @n_segments segment descriptions
 * @x_title: (nullable): x axis title
 * @y_title: (nullable): y axis title
 * @x_format: x tick format
 * @y_format: y tick format
 * @currency: (nullable): symbol for %SC_AXIS_FORMAT_CURRENCY ticks
 *
 * What a scatter shows.  Borrowed by sc_scatter_cache_new(), which copies what it keeps:
 * the arrays may be freed once the cache is built.
 */
typedef struct
{
  guint32                 n;
  const double           *x;
  const double           *y;
  const guint16          *label;
  guint                   n_segments;
  const ScScatterSegment *segments;
  const char             *x_title;
  const char             *y_title;
  ScAxisFormat            x_format;
  ScAxisFormat            y_format;
  const char             *currency;
} ScScatterData;

/**
 * ScScatterAxes:
 * @x_log: log10 (1 + v) x axis (see sc_scale_forward())
 * @y_log: log10 (1 + v) y axis
 * @x_min: start of the x axis, or NAN for the data's range extended to round ticks
 * @x_max: end of the x axis, or NAN
 * @y_min: start of the y axis, or NAN
 * @y_max: end of the y axis, or NAN
 *
 * Scales and ranges; a range is used only when both of its ends are finite.  Points
 * outside a given range are left out.
 */
typedef struct
{
  gboolean x_log;
  gboolean y_log;
  double   x_min;
  double   x_max;
  double   y_min;
  double   y_max;
} ScScatterAxes;

typedef struct _ScScatterCache ScScatterCache;

gboolean        sc_scatter_data_init_from_run (ScScatterData       *data,
                                               const ScRun         *run,
                                               const ScFeatures    *features,
                                               ScFeature            x,
                                               ScFeature            y,
                                               GError             **error);
void            sc_scatter_data_clear         (ScScatterData       *data);
ScAxisFormat    sc_feature_axis_format        (ScFeature            feature);

void            sc_scatter_axes_init          (ScScatterAxes       *axes);

ScScatterCache *sc_scatter_cache_new          (const ScScatterData *data,
                                               int                  width,
                                               int                  height,
                                               double               scale_factor,
                                               const ScScatterAxes *axes,
                                               const ScPalette     *palette);
void            sc_scatter_cache_free         (ScScatterCache      *cache);

void            sc_scatter_paint              (cairo_t             *cr,
                                               ScScatterCache      *cache,
                                               const ScPalette     *palette,
                                               int                  selected_segment,
                                               double               width,
                                               double               height);
void            sc_scatter_cache_prepare      (ScScatterCache      *cache,
                                               const ScPalette     *palette,
                                               int                  selected_segment);

gint64          sc_scatter_hit_test           (const ScScatterCache *cache,
                                               double               x,
                                               double               y,
                                               double               radius);
int             sc_scatter_legend_hit_test    (const ScScatterCache *cache,
                                               double               x,
                                               double               y);
gboolean        sc_scatter_point_position     (const ScScatterCache *cache,
                                               double               x_value,
                                               double               y_value,
                                               double              *x,
                                               double              *y);
gboolean        sc_scatter_value_at           (const ScScatterCache *cache,
                                               double               x,
                                               double               y,
                                               double              *x_value,
                                               double              *y_value);
void            sc_scatter_cache_get_plot_area (const ScScatterCache *cache,
                                                ScRect              *area);
const ScAxis   *sc_scatter_cache_get_x_axis   (const ScScatterCache *cache);
const ScAxis   *sc_scatter_cache_get_y_axis   (const ScScatterCache *cache);
guint32         sc_scatter_cache_get_n_points (const ScScatterCache *cache);
double          sc_scatter_cache_get_point_radius (const ScScatterCache *cache);
gboolean        sc_scatter_cache_get_centroid (const ScScatterCache *cache,
                                               guint                segment,
                                               double              *x,
                                               double              *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScScatterCache, sc_scatter_cache_free)

G_END_DECLS
