/* seg-scatter-chart-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-project.h"
#include "sc-scatter.h"
#include "seg-scatter-chart.h"

G_BEGIN_DECLS

/* Shared by the files of the scatter chart: seg-scatter-chart.c (the type, its properties
 * and settings), seg-scatter-chart-data.c (loading customers and binning points in
 * workers) and seg-scatter-chart-view.c (painting, hit-testing and input). */

/* What one load read; the sources made from it share it (reference counted, immutable). */
typedef struct
{
  ScCustomerData *data;
} SegScatterCustomers;

/* The customers as drawn: immutable and reference counted, so builds share it across
 * threads. An edit of the segments makes a new source around the same customers. */
typedef struct
{
  ScRun               *run;        /* the segments: members, names, colours */
  const ScFeatures    *features;   /* borrowed from customers */
  GPtrArray           *keys;       /* borrowed from customers; customer ids by dense id */
  SegScatterCustomers *customers;
} SegScatterSource;

/* Everything a cache depends on but the colours. */
typedef struct
{
  SegScatterSource *source;    /* compared, not owned */
  ScFeature         x;
  ScFeature         y;
  gboolean          x_log;
  gboolean          y_log;
  double            zoom[4];
  int               width;
  int               height;
  int               scale;
} SegScatterKey;

struct _SegScatterChart
{
  SegChart          parent_instance;

  ScProject        *project;         /* whose "changed-parts" signal we follow */

  ScFeature         x_feature;
  ScFeature         y_feature;
  gboolean          x_log;
  gboolean          y_log;
  double            zoom[4];         /* x min, x max, y min, y max; NAN when not zoomed */

  SegScatterSource *source;
  gboolean          source_stale;
  char             *error;           /* why there is nothing to show, for people */
  GCancellable     *load_cancellable;
  guint             load_serial;

  ScScatterCache   *cache;
  SegScatterKey     cache_key;
  GCancellable     *build_cancellable;
  SegScatterKey     build_key;       /* of the build in flight */
  guint             build_serial;
  guint             debounce_id;
  guint             kick_id;
  guint             n_builds;

  int               want_width;
  int               want_height;
  int               want_scale;

  gint64            hover_point;
  gboolean          dragging;
  double            drag_x0, drag_y0, drag_x1, drag_y1;
};

enum {
  SEG_SCATTER_PROP_0,
  SEG_SCATTER_PROP_X_FEATURE,
  SEG_SCATTER_PROP_Y_FEATURE,
  SEG_SCATTER_PROP_X_LOG,
  SEG_SCATTER_PROP_Y_LOG,
  SEG_SCATTER_PROP_ZOOMED,
  SEG_SCATTER_PROP_BUSY,
  SEG_SCATTER_PROP_N_SHOWN,
  SEG_SCATTER_PROP_HAS_POTENTIAL,
  SEG_SCATTER_N_PROPS
};

extern GParamSpec *_seg_scatter_chart_properties[SEG_SCATTER_N_PROPS];

static inline void
_seg_scatter_chart_notify (SegScatterChart *self,
                           guint            prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), _seg_scatter_chart_properties[prop]);
}

#define SEG_SCATTER_DEFAULT_X SC_FEATURE_RECENCY
#define SEG_SCATTER_DEFAULT_Y SC_FEATURE_MONETARY

/* Runs a setter-like change and notifies "busy" if it flipped. */
#define SEG_SCATTER_BUSY_BEGIN(self) gboolean busy_before__ = _seg_scatter_chart_get_busy (self)
#define SEG_SCATTER_BUSY_END(self)                                                        \
  G_STMT_START {                                                                          \
    if (busy_before__ != _seg_scatter_chart_get_busy (self))                              \
      _seg_scatter_chart_notify (self, SEG_SCATTER_PROP_BUSY);                            \
  } G_STMT_END

/* seg-scatter-chart-data.c */
void            _seg_scatter_chart_init_data          (SegScatterChart        *self);
void            _seg_scatter_chart_dispose_data       (SegScatterChart        *self);
void            _seg_scatter_chart_finalize_data      (SegScatterChart        *self);
gboolean        _seg_scatter_chart_get_busy           (SegScatterChart        *self);
gboolean        _seg_scatter_chart_source_has         (SegScatterSource       *source,
                                                       ScFeature               feature);
void            _seg_scatter_chart_update_description (SegScatterChart        *self);
void            _seg_scatter_chart_start_load         (SegScatterChart        *self);
void            _seg_scatter_chart_request_build      (SegScatterChart        *self);
void            _seg_scatter_chart_drop_work          (SegScatterChart        *self);
ScScatterCache *_seg_scatter_chart_build_cache        (SegScatterSource       *source,
                                                       const SegScatterKey    *key,
                                                       double                  scale,
                                                       const ScPalette        *palette,
                                                       GError                **error);

/* seg-scatter-chart-view.c */
void            _seg_scatter_chart_class_init_view    (SegScatterChartClass   *klass);
void            _seg_scatter_chart_init_view          (SegScatterChart        *self);

G_END_DECLS
