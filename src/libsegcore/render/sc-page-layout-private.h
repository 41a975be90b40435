/* sc-page-layout-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-page-layout.h"

G_BEGIN_DECLS

/* Shared by the layout (sc-page-layout.c) and the drawing of what it placed
 * (sc-page-draw.c). */

struct _ScPageLayout
{
  const ScPageMetrics *m;
  const ScPalette     *palette;
  ScPageChartFunc      paint_chart;
  gpointer             chart_data;
  char                *footer;
  GPtrArray           *sections;
  GPtrArray           *pages;
};

typedef struct
{
  ScBlock *block;
  double   y;
  guint    first;
  guint    last;
} ScPlacement;

void          _sc_page_set_text_options (PangoContext        *context);
PangoLayout  *_sc_page_dir              (PangoLayout         *layout);
double        _sc_page_cell_left_pad    (ScPageLayout        *self,
                                         const ScBlock       *b,
                                         guint                col);
double        _sc_page_cell_text_width  (ScPageLayout        *self,
                                         const ScBlock       *b,
                                         guint                col);
PangoLayout  *_sc_page_card_value       (ScPageLayout        *self,
                                         PangoContext        *context,
                                         const char          *text,
                                         double               width);
double        _sc_page_card_width       (ScPageLayout        *self,
                                         const ScBlock       *b);
double        _sc_page_swatch_size      (ScPageLayout        *self);
double        _sc_page_column_width     (ScPageLayout        *self);
double        _sc_page_item_indent      (ScPageLayout        *self,
                                         const ScColumnItem  *item);
double        _sc_page_units_height     (const ScBlock       *b,
                                         guint                first,
                                         guint                last);

G_END_DECLS
