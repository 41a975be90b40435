/* seg-chart-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-chart.h"

G_BEGIN_DECLS

typedef struct
{
  ScProject            *project;
  SegSelection         *selection;
  ScPalette            *palette;
  char                 *export_name;

  GtkWidget            *menu;
  GtkFileChooserNative *chooser;
  GtkFileFilter        *filters[3];

  int                   prepared_width;
  int                   prepared_height;
  int                   prepared_scale;
  guint                 needs_prepare : 1;
  guint                 exporting : 1;

  int                   hover;
  double                press_x;
  double                press_y;
} SegChartPrivate;

SegChartPrivate *_seg_chart_get_private            (SegChart       *self);
void             _seg_chart_paint_with_background  (SegChart       *self,
                                                    cairo_t        *cr,
                                                    int             width,
                                                    int             height,
                                                    double          scale);
void             _seg_chart_set_names              (SegChart       *self,
                                                    const char     *export_name,
                                                    const char     *label);

/* seg-chart-export.c */
PangoLayout     *_seg_chart_text_layout            (cairo_t         *cr,
                                                    const ScPalette *palette,
                                                    const char      *text,
                                                    double           size,
                                                    gboolean         bold);

void             _seg_chart_install_export_actions (GtkWidgetClass *widget_class);

G_END_DECLS
