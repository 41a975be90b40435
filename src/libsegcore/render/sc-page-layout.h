/* sc-page-layout.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sc-palette.h"

G_BEGIN_DECLS

/* The page-layout engine of the report: pages of fixed metrics, sections that start on a
 * new page, and blocks (paragraphs, bullets, tables, figure cards, charts, a heading with a
 * colour swatch, two columns of paragraphs) flowed onto pages with page breaks, running
 * titles on continued pages and a footer.  It knows nothing of what the blocks say; charts
 * are drawn by the owner's ScPageChartFunc. */

typedef struct _ScPageLayout ScPageLayout;

typedef enum
{
  SC_STYLE_TITLE,
  SC_STYLE_SUBTITLE,
  SC_STYLE_KICKER,
  SC_STYLE_H1,
  SC_STYLE_H2,
  SC_STYLE_BODY,
  SC_STYLE_SMALL,
  SC_STYLE_CAPTION,
  SC_STYLE_CARD_VALUE,
  SC_STYLE_CARD_LABEL,
  SC_STYLE_TABLE,
  SC_STYLE_TABLE_HEAD,
  SC_STYLE_FOOTER,
  SC_N_STYLES
} ScPageStyleId;

typedef struct
{
  double   size;
  gboolean bold;
  gboolean muted;
  double   before;   /* space above, dropped at the top of a page */
  double   after;    /* space below */
} ScPageStyle;

typedef struct
{
  double width;
  double height;
  double margin_x;
  double margin_top;
  double margin_bottom;
  double footer_gap;        /* from the bottom edge to the footer's text */
  double chart_font;        /* the painters' base text size */
  double scatter_scale;     /* device pixels per point of the scatter's image */
  double bullet_indent;
  double card_gap;
  double card_pad;
  double cell_pad_x;
  double cell_pad_y;
  ScPageStyle styles[SC_N_STYLES];
} ScPageMetrics;

typedef enum
{
  SC_BLOCK_TEXT,
  SC_BLOCK_TABLE,
  SC_BLOCK_CARDS,
  SC_BLOCK_CHART,
  SC_BLOCK_SWATCH_HEAD,
  SC_BLOCK_COLUMNS,
} ScBlockKind;

/* A paragraph in a column: columns are sized to the rest of the page, and what does not
 * fit is shortened with an ellipsis. */
typedef struct
{
  ScPageStyleId  style;
  char          *text;
  gboolean       bullet;
  gboolean       muted;
  ScRgba         accent;
  double         before;
  double         after;
  double         height;    /* natural height at the column's width */
  double         shown;     /* height given to it on the page; 0 leaves it out */
} ScColumnItem;

typedef enum
{
  SC_ALIGN_START,
  SC_ALIGN_END,
} ScAlign;

typedef struct
{
  ScPageLayout  *layout;
  ScBlockKind    kind;
  ScPageStyleId  style;
  double         before;
  double         after;
  gboolean       keep_with_next;

  /* Text: one paragraph, optionally a bullet item; a swatch head's heading. */
  char       *text;
  char       *text2;        /* a swatch head's details line */
  gboolean    bullet;
  gboolean    muted;
  gboolean    has_accent;
  ScRgba      accent;

  /* Table: n_cols cells per row, the first row is the header. */
  guint       n_cols;
  double     *col_width;    /* fractions of the content width */
  ScAlign    *col_align;
  GPtrArray  *cells;
  GArray     *row_swatch;   /* ScRgba per body row, or NULL; alpha 0 for none */
  guint       swatch_col;   /* the column the swatches are drawn in */

  /* Cards: value and label of each. */
  GPtrArray  *card_values;
  GPtrArray  *card_labels;

  /* Columns: two lists of ScColumnItem. */
  GPtrArray  *columns[2];

  /* Chart: chart_height, or with fill_min > 0 whatever is left of the page down to
   * fill_min, up to chart_height. */
  guint       chart;        /* the owner's chart, drawn by its ScPageChartFunc */
  double      chart_height;
  double      fill_min;

  /* Measured by measure_block(): units are lines of text or table rows; a block that
   * cannot be split is one unit.  unit_top[i] is unit i's offset from the top of the
   * block's body (below a table's header), unit_top[n_units] its height. */
  guint       n_units;
  double     *unit_top;
  double      header_height;
} ScBlock;

/* A page of a section; kind and tag are the section's. */
typedef struct
{
  int       kind;
  char     *title;
  int       tag;
  gboolean  continued;   /* not the section's first page */
  GArray   *placements;
} ScPage;

/* A run of blocks that starts on a new page; kind and tag are the owner's, for its pages. */
typedef struct
{
  ScPageLayout *layout;
  int           kind;
  char         *title;
  int           tag;
  GPtrArray    *blocks;
} ScSection;

typedef void (*ScPageChartFunc) (cairo_t  *cr,
                                 guint     chart,
                                 double    width,
                                 double    height,
                                 gpointer  user_data);

ScPageLayout        *sc_page_layout_new            (const ScPageMetrics *metrics,
                                                    const ScPalette     *palette,
                                                    ScPageChartFunc      paint_chart,
                                                    gpointer             chart_data);
void                 sc_page_layout_free           (ScPageLayout        *self);
void                 sc_page_layout_set_footer     (ScPageLayout        *self,
                                                    const char          *footer);
const ScPageStyle   *sc_page_layout_get_style      (ScPageLayout        *self,
                                                    ScPageStyleId        style);
double               sc_page_layout_content_width  (ScPageLayout        *self);
double               sc_page_layout_content_height (ScPageLayout        *self);
ScSection           *sc_page_layout_add_section    (ScPageLayout        *self,
                                                    int                  kind,
                                                    const char          *title,
                                                    int                  tag);
void                 sc_page_layout_flow           (ScPageLayout        *self);
guint                sc_page_layout_get_n_pages    (ScPageLayout        *self);
const ScPage        *sc_page_layout_get_page       (ScPageLayout        *self,
                                                    guint                page);
void                 sc_page_layout_draw_page      (ScPageLayout        *self,
                                                    cairo_t             *cr,
                                                    PangoContext        *context,
                                                    guint                page);

PangoContext        *sc_page_layout_measure_context_new (void);
PangoContext        *sc_page_layout_render_context_new  (cairo_t       *cr);
PangoLayout         *sc_page_layout_text           (ScPageLayout        *self,
                                                    PangoContext        *context,
                                                    ScPageStyleId        style,
                                                    gboolean             bold,
                                                    const char          *text,
                                                    double               width);
double               sc_page_layout_text_height    (PangoLayout         *layout);
void                 sc_page_layout_draw_text      (ScPageLayout        *self,
                                                    cairo_t             *cr,
                                                    PangoContext        *context,
                                                    ScPageStyleId        style,
                                                    gboolean             muted,
                                                    const char          *text,
                                                    double               x,
                                                    double               y,
                                                    double               width,
                                                    gboolean             align_end);

ScBlock             *sc_section_add_block          (ScSection           *section,
                                                    ScBlockKind          kind,
                                                    ScPageStyleId        style);
ScBlock             *sc_section_add_text           (ScSection           *section,
                                                    ScPageStyleId        style,
                                                    const char          *text);
ScBlock             *sc_section_add_bullet         (ScSection           *section,
                                                    ScPageStyleId        style,
                                                    const char          *text);
void                 sc_section_add_heading        (ScSection           *section,
                                                    const char          *text);
ScBlock             *sc_section_add_table          (ScSection           *section,
                                                    guint                n_cols,
                                                    const double        *widths,
                                                    const ScAlign       *align);
ScBlock             *sc_section_add_cards          (ScSection           *section);
ScBlock             *sc_section_add_chart          (ScSection           *section,
                                                    guint                chart,
                                                    double               height);
void                 sc_section_add_fill_chart     (ScSection           *section,
                                                    guint                chart,
                                                    double               min_height,
                                                    double               max_height);
ScBlock             *sc_section_add_columns        (ScSection           *section);

void                 sc_block_add_row              (ScBlock             *table,
                                                    char               **cells);
void                 sc_block_set_swatch           (ScBlock             *table,
                                                    guint                row,
                                                    const ScRgba        *colour);
void                 sc_block_add_card             (ScBlock             *cards,
                                                    char                *value,
                                                    char                *label);
ScColumnItem        *sc_block_add_item             (ScBlock             *columns,
                                                    guint                column,
                                                    ScPageStyleId        style,
                                                    const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPageLayout, sc_page_layout_free)

G_END_DECLS
