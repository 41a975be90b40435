/* seg-chart.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-palette.h"
#include "sc-project.h"
#include "seg-selection.h"

G_BEGIN_DECLS

#define SEG_TYPE_CHART (seg_chart_get_type ())

G_DECLARE_DERIVABLE_TYPE (SegChart, seg_chart, SEG, CHART, GtkWidget)

/* What a chart asks its parent for, in logical pixels. */
typedef struct
{
  int minimum_width;
  int natural_width;
  int minimum_height;
  int natural_height;
} SegChartSize;

/**
 * SegChartClass:
 * @paint: draws the chart at a logical size with a palette; the same function draws the
 *   screen (from snapshot, through gtk_snapshot_append_cairo) and exports (PNG/SVG/PDF), so
 *   it must only read caches prepared by @prepare
 * @prepare: (nullable): called when the project, the size, the scale or the theme changed,
 *   before the next paint; heavy work goes to a worker and ends with
 *   seg_chart_queue_draw()-ing
 * @segment_at: (nullable): the segment position under a point in widget coordinates, or -1;
 *   NULL for a chart whose marks are not the current run's segments
 * @size_hints: (nullable): the minimum and natural width and height the chart asks for;
 *   NULL for 200×150, natural 480×320.  The base class measures the widget from it, so a
 *   subclass whose hints change with its data calls gtk_widget_queue_resize()
 * @project_changed: (nullable): the chart was given another project, or its project
 *   changed; called before the chart is invalidated, for a subclass that reads its data
 *   from the project in the main thread
 *
 * The base class of the app's charts (the one deliberate extension point, STYLE.md §3): it
 * keeps the project, the shared selection and the theme palette, paints through @paint,
 * selects a segment on click, and offers "Copy Image" and "Export as PNG/SVG/PDF…" from a
 * context menu (right click, Menu key, Shift+F10) with actions `chart.copy` and
 * `chart.export`.
 */
struct _SegChartClass
{
  GtkWidgetClass parent_class;

  void (*paint)      (SegChart        *self,
                      cairo_t         *cr,
                      int              width,
                      int              height,
                      const ScPalette *palette,
                      double           scale);
  void (*prepare)    (SegChart        *self,
                      int              width,
                      int              height,
                      double           scale);
  int  (*segment_at) (SegChart        *self,
                      double           x,
                      double           y);
  void (*size_hints) (SegChart        *self,
                      SegChartSize    *size);
  void (*project_changed) (SegChart   *self);

  /*< private >*/
  gpointer padding[6];
};

ScProject       *seg_chart_get_project   (SegChart      *self);
void             seg_chart_set_project   (SegChart      *self,
                                          ScProject     *project);
SegSelection    *seg_chart_get_selection (SegChart      *self);
void             seg_chart_set_selection (SegChart      *self,
                                          SegSelection  *selection);
/* -1 when nothing is selected. */
int              seg_chart_get_selected  (SegChart      *self);
const ScPalette *seg_chart_get_palette   (SegChart      *self);
/* Data or settings changed: prepare again before the next paint. */
void             seg_chart_invalidate    (SegChart      *self);
/* Writes the chart to file as PNG, SVG or PDF (by extension) at a logical size. */
gboolean         seg_chart_export        (SegChart      *self,
                                          GFile         *file,
                                          int            width,
                                          int            height,
                                          GError       **error);
void             seg_chart_copy_image    (SegChart      *self);

/* Added with the first charts; the functions above are the original contract. */

/* The segment position under the pointer, or -1: subclasses draw a hover highlight from it. */
int              seg_chart_get_hover     (SegChart      *self);
/* TRUE while paint draws an export or a copy rather than the screen: no hover, no rubber
 * band, and a cache of another size may be made for it. */
gboolean         seg_chart_is_exporting  (SegChart      *self);
/* The file name the export dialog proposes, without extension ("Segment sizes"). */
void             seg_chart_set_export_name (SegChart    *self,
                                            const char  *name);
/* The chart painted on its background at a logical size and a scale factor. */
GdkTexture      *seg_chart_render_texture (SegChart     *self,
                                           int           width,
                                           int           height,
                                           double        scale);
/* Loads the segment colours of sc_palette_to_css() for @display and follows dark mode;
 * style.css refers to them as @segment_color_N.  Idempotent. */
void             seg_chart_install_palette_css (GdkDisplay *display);

G_END_DECLS
