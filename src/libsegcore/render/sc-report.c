/* sc-report.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report: an A4 document or 16:9 slides, drawn by one code path for the PDF and for
 * the preview.
 *
 * sc_report_new() reads everything from the project, writes the text (the executive
 * summary is generated from the numbers), and lays the pages out once: each section is a
 * list of blocks (paragraphs, tables, figure cards, charts), measured with Pango and
 * flowed onto pages.  Paragraphs split between lines and tables between rows, so a long
 * text written by people continues on the next page instead of being clipped; headings
 * stay with what follows them.  sc_report_render_page() then only draws what the layout
 * placed.
 *
 * Text is measured and drawn with unhinted metrics and unrounded glyph positions, so a
 * line breaks at the same word at any zoom: the thumbnail, the preview and the PDF show
 * the same pages.  Charts come from the application's painters through ScCharts; the
 * scatter's points are an image made at three device pixels per point, sharp in print. */

#include "config.h"

#include "sc-drift.h"
#include "sc-flow.h"
#include "sc-report.h"
#include "sc-snapshot.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "sc-axis.h"
#include "sc-export.h"
#include "sc-palette.h"
#include "sc-potential.h"
#include "sc-render-private.h"
#include "sc-run.h"
#include "sc-value.h"

/* ------------------------------------------------------------------------------------------ */
/* Page metrics */

typedef enum
{
  STYLE_TITLE,
  STYLE_SUBTITLE,
  STYLE_KICKER,
  STYLE_H1,
  STYLE_H2,
  STYLE_BODY,
  STYLE_SMALL,
  STYLE_CAPTION,
  STYLE_CARD_VALUE,
  STYLE_CARD_LABEL,
  STYLE_TABLE,
  STYLE_TABLE_HEAD,
  STYLE_FOOTER,
  N_STYLES
} StyleId;

typedef struct
{
  double   size;
  gboolean bold;
  gboolean muted;
  double   before;   /* space above, dropped at the top of a page */
  double   after;    /* space below */
} Style;

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
  Style  styles[N_STYLES];
} Metrics;

static const Metrics a4_metrics = {
  595.276, 841.89, 56.0, 54.0, 66.0, 34.0, 8.5, 3.0, 13.0, 10.0, 9.0, 4.5, 3.2,
  {
    [STYLE_TITLE]      = { 30.0, TRUE,  FALSE,  0.0, 10.0 },
    [STYLE_SUBTITLE]   = { 14.0, FALSE, TRUE,   0.0,  6.0 },
    [STYLE_KICKER]     = { 10.0, TRUE,  TRUE,   0.0,  8.0 },
    [STYLE_H1]         = { 20.0, TRUE,  FALSE,  0.0, 10.0 },
    [STYLE_H2]         = { 12.5, TRUE,  FALSE, 14.0,  5.0 },
    [STYLE_BODY]       = { 10.0, FALSE, FALSE,  0.0,  6.0 },
    [STYLE_SMALL]      = {  8.5, FALSE, FALSE,  0.0,  4.0 },
    [STYLE_CAPTION]    = {  8.5, FALSE, TRUE,   2.0,  8.0 },
    [STYLE_CARD_VALUE] = { 16.0, TRUE,  FALSE,  0.0,  0.0 },
    [STYLE_CARD_LABEL] = {  8.5, FALSE, TRUE,   0.0,  0.0 },
    [STYLE_TABLE]      = {  8.8, FALSE, FALSE,  0.0,  8.0 },
    [STYLE_TABLE_HEAD] = {  8.3, TRUE,  TRUE,   0.0,  0.0 },
    [STYLE_FOOTER]     = {  8.0, FALSE, TRUE,   0.0,  0.0 },
  },
};

static const Metrics slides_metrics = {
  960.0, 540.0, 52.0, 40.0, 56.0, 22.0, 15.0, 2.5, 24.0, 16.0, 14.0, 7.0, 4.5,
  {
    [STYLE_TITLE]      = { 40.0, TRUE,  FALSE,  0.0, 14.0 },
    [STYLE_SUBTITLE]   = { 20.0, FALSE, TRUE,   0.0,  8.0 },
    [STYLE_KICKER]     = { 15.0, TRUE,  TRUE,   0.0, 10.0 },
    [STYLE_H1]         = { 28.0, TRUE,  FALSE,  0.0, 14.0 },
    [STYLE_H2]         = { 17.0, TRUE,  FALSE, 12.0,  5.0 },
    [STYLE_BODY]       = { 17.0, FALSE, FALSE,  0.0,  8.0 },
    [STYLE_SMALL]      = { 13.0, FALSE, FALSE,  0.0,  5.0 },
    [STYLE_CAPTION]    = { 13.0, FALSE, TRUE,   2.0,  8.0 },
    [STYLE_CARD_VALUE] = { 26.0, TRUE,  FALSE,  0.0,  0.0 },
    [STYLE_CARD_LABEL] = { 13.0, FALSE, TRUE,   0.0,  0.0 },
    [STYLE_TABLE]      = { 13.0, FALSE, FALSE,  0.0, 10.0 },
    [STYLE_TABLE_HEAD] = { 12.5, TRUE,  TRUE,   0.0,  0.0 },
    [STYLE_FOOTER]     = { 11.0, FALSE, TRUE,   0.0,  0.0 },
  },
};

/* ------------------------------------------------------------------------------------------ */
/* Blocks and pages */

typedef enum
{
  BLOCK_TEXT,
  BLOCK_TABLE,
  BLOCK_CARDS,
  BLOCK_CHART,
  BLOCK_SEGMENT_HEAD,
  BLOCK_COLUMNS,
} BlockKind;

/* A paragraph in a column: columns are sized to the rest of the page, and what does not
 * fit is shortened with an ellipsis. */
typedef struct
{
  StyleId   style;
  char     *text;
  gboolean  bullet;
  gboolean  muted;
  ScRgba    accent;
  double    before;
  double    after;
  double    height;    /* natural height at the column's width */
  double    shown;     /* height given to it on the page; 0 leaves it out */
} Item;

typedef enum
{
  ALIGN_START,
  ALIGN_END,
} Align;

typedef struct
{
  BlockKind   kind;
  StyleId     style;
  double      before;
  double      after;
  gboolean    keep_with_next;

  /* Text: one paragraph, optionally a bullet item; a segment head's name. */
  char       *text;
  char       *text2;        /* a segment head's details line */
  gboolean    bullet;
  gboolean    muted;
  gboolean    has_accent;
  ScRgba      accent;

  /* Table: n_cols cells per row, the first row is the header. */
  guint       n_cols;
  double     *col_width;    /* fractions of the content width */
  Align      *col_align;
  GPtrArray  *cells;
  GArray     *row_swatch;   /* ScRgba per body row, or NULL; alpha 0 for none */
  guint       swatch_col;   /* the column the swatches are drawn in */

  /* Cards: value and label of each. */
  GPtrArray  *card_values;
  GPtrArray  *card_labels;

  /* Columns: two lists of Item. */
  GPtrArray  *columns[2];

  /* Chart: chart_height, or with fill_min > 0 whatever is left of the page down to
   * fill_min, up to chart_height. */
  ScChartKind chart;
  gboolean    migration;    /* draws the report's migration matrix instead of @chart */
  double      chart_height;
  double      fill_min;

  /* Measured by layout_block(): units are lines of text or table rows; a block that
   * cannot be split is one unit.  unit_top[i] is unit i's offset from the top of the
   * block's body (below a table's header), unit_top[n_units] its height. */
  guint       n_units;
  double     *unit_top;
  double      header_height;
} Block;

typedef struct
{
  Block  *block;
  double  y;
  guint   first;
  guint   last;
} Placement;

typedef struct
{
  ScReportPageKind  kind;
  char             *title;
  int               segment;     /* index into the run's segments, or -1 */
  gboolean          continued;   /* not the section's first page */
  GArray           *placements;
} Page;

typedef struct
{
  ScReportPageKind  kind;
  char             *title;
  int               segment;
  GPtrArray        *blocks;
} Section;

struct _ScReport
{
  GObject          parent_instance;

  ScReportFormat   format;
  const Metrics   *m;
  ScPalette       *palette;      /* light; chart text sized for the format */
  ScCharts        *charts;
  ScMigration     *migration;    /* "What changed", when there is a snapshot to compare */

  char            *title;
  char            *author;
  GDateTime       *date;
  char            *date_text;
  char            *period;

  guint64          n_customers;
  guint64          n_segmented;
  guint64          n_orders;
  double           revenue;
  guint            n_clusters;   /* segments apart from the outliers */
  guint64          n_outliers;

  char            *summary;
  GPtrArray       *sections;
  GPtrArray       *pages;
};

G_DEFINE_FINAL_TYPE (ScReport, sc_report, G_TYPE_OBJECT)

static void
block_free (Block *b)
{
  g_free (b->text);
  g_free (b->text2);
  g_free (b->col_width);
  g_free (b->col_align);
  if (b->cells != NULL)
    g_ptr_array_unref (b->cells);
  if (b->row_swatch != NULL)
    g_array_unref (b->row_swatch);
  if (b->card_values != NULL)
    g_ptr_array_unref (b->card_values);
  if (b->card_labels != NULL)
    g_ptr_array_unref (b->card_labels);
  for (guint c = 0; c < 2; c++)
    if (b->columns[c] != NULL)
      g_ptr_array_unref (b->columns[c]);
  g_free (b->unit_top);
  g_free (b);
}

static void
item_free (Item *item)
{
  g_free (item->text);
  g_free (item);
}

static void
section_free (Section *s)
{
  g_free (s->title);
  g_ptr_array_unref (s->blocks);
  g_free (s);
}

static void
page_free (Page *p)
{
  g_free (p->title);
  g_array_unref (p->placements);
  g_free (p);
}

/* ------------------------------------------------------------------------------------------ */
/* Text */

static const Style *
style_of (ScReport *self,
          StyleId   id)
{
  return &self->m->styles[id];
}

/* Unhinted metrics and unrounded positions: text lays out the same at every scale. */
static void
set_text_options (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
}

static PangoContext *
measure_context_new (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  set_text_options (context);
  return context;
}

static PangoContext *
render_context_new (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);

  set_text_options (context);
  pango_cairo_update_context (cr, context);
  return context;
}

static PangoLayout *
text_layout (ScReport     *self,
             PangoContext *context,
             StyleId       style_id,
             gboolean      bold,
             const char   *text,
             double        width)
{
  const Style *style = style_of (self, style_id);
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string (self->palette->font_family);

  pango_font_description_set_absolute_size (desc, style->size * PANGO_SCALE);
  pango_font_description_set_weight (desc, style->bold || bold ? PANGO_WEIGHT_BOLD
                                                              : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/* Names and figures line up with the page: a right-to-left name stays at the start of its
 * cell, still written right to left.  Paragraphs keep Pango's per-paragraph direction. */
static PangoLayout *
page_dir (PangoLayout *layout)
{
  pango_layout_set_auto_dir (layout, FALSE);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
set_colour (cairo_t      *cr,
            const ScRgba *c,
            double        alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

static const ScRgba *
text_colour (ScReport *self,
             StyleId   style,
             gboolean  muted)
{
  return style_of (self, style)->muted || muted ? &self->palette->muted
                                                : &self->palette->foreground;
}

/* Draws lines first..last-1 of @layout with line @first's top at @y. */
static void
draw_lines (cairo_t     *cr,
            PangoLayout *layout,
            double       x,
            double       y,
            guint        first,
            guint        last)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double top = 0;
  guint i = 0;

  do
    {
      if (i == first)
        {
          int y0;

          pango_layout_iter_get_line_yrange (iter, &y0, NULL);
          top = (double) y0 / PANGO_SCALE;
        }
      if (i >= first && i < last)
        {
          PangoRectangle logical;
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE, y + baseline - top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      i++;
    }
  while (i < last && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_text (ScReport     *self,
           cairo_t      *cr,
           PangoContext *context,
           StyleId       style,
           gboolean      muted,
           const char   *text,
           double        x,
           double        y,
           double        width,
           gboolean      align_end)
{
  g_autoptr(PangoLayout) layout = page_dir (text_layout (self, context, style, FALSE, text,
                                                         width));

  if (align_end)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  set_colour (cr, text_colour (self, style, muted), 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* ------------------------------------------------------------------------------------------ */
/* Number and date formats */

static char *
fmt_count (guint64 n)
{
  return sc_format_number ((double) n, 0);
}

static char *
fmt_money (double v)
{
  return isfinite (v) ? sc_format_currency (v, NULL) : g_strdup ("–");
}

/* Amounts in cards and tables: tens of millions and more compactly ("52M"), so that they
 * keep to one line. */
static char *
fmt_amount (double v)
{
  if (isfinite (v) && fabs (v) >= 1e7)
    return sc_format_compact (v);
  return fmt_money (v);
}

static char *
fmt_share (double f)
{
  return isfinite (f) ? sc_format_percent (f, -1) : g_strdup ("–");
}

static char *
fmt_fixed (double v,
           int    decimals)
{
  return isfinite (v) ? sc_format_number (v, decimals) : g_strdup ("–");
}

static char *
fmt_day (ScDay day)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  sc_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return sc_day_format (day);
  /* Translators: a date as in "1 March 2025"; see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

/* "A", "A and B", "A, B and C" */
static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == names->len ? _(" and ") : _(", "));
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

/* Profile phrases are joined in one sentence; as bullets each starts a sentence. */
static char *
capitalise (const char *text)
{
  gunichar c = g_utf8_get_char (text);
  const char *rest = g_utf8_next_char (text);
  char buf[8];
  int len = g_unichar_to_utf8 (g_unichar_totitle (c), buf);

  return g_strdup_printf ("%.*s%s", len, buf, rest);
}

/* Column names such as "company_size" read as "Company size". */
static char *
attribute_label (const char *name)
{
  g_autofree char *spaced = g_strdup (name);

  g_strdelimit (spaced, "_", ' ');
  return capitalise (spaced);
}

static const char *
quadrant_label (const ScSegmentInfo *s)
{
  const char *label = sc_quadrant_to_label (sc_segment_info_get_quadrant (s));

  return label != NULL ? label : "–";
}

static const char *
tier_label (const ScSegmentInfo *s)
{
  const char *label = sc_service_tier_to_label (s->service_tier);

  return label != NULL ? label : "–";
}

static const char *
quadrant_meaning (const char *quadrant)
{
  if (g_strcmp0 (quadrant, "invest") == 0)
    return _("high current value and high potential");
  if (g_strcmp0 (quadrant, "keep") == 0)
    return _("high current value, lower potential");
  if (g_strcmp0 (quadrant, "grow") == 0)
    return _("lower current value, high potential");
  if (g_strcmp0 (quadrant, "maintain") == 0)
    return _("low current value and low potential");
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Building blocks */

static Section *
add_section (ScReport         *self,
             ScReportPageKind  kind,
             const char       *title,
             int               segment)
{
  Section *s = g_new0 (Section, 1);

  s->kind = kind;
  s->title = g_strdup (title);
  s->segment = segment;
  s->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  g_ptr_array_add (self->sections, s);
  return s;
}

static Block *
add_block (ScReport  *self,
           Section   *section,
           BlockKind  kind,
           StyleId    style)
{
  Block *b = g_new0 (Block, 1);

  b->kind = kind;
  b->style = style;
  b->before = style_of (self, style)->before;
  b->after = style_of (self, style)->after;
  g_ptr_array_add (section->blocks, b);
  return b;
}

static Block *
add_text (ScReport   *self,
          Section    *section,
          StyleId     style,
          const char *text)
{
  Block *b = add_block (self, section, BLOCK_TEXT, style);

  b->text = g_strdup (text);
  b->keep_with_next = style == STYLE_H1 || style == STYLE_H2 || style == STYLE_KICKER;
  return b;
}

static Block *
add_bullet (ScReport   *self,
            Section    *section,
            StyleId     style,
            const char *text)
{
  Block *b = add_text (self, section, style, text);

  b->bullet = TRUE;
  b->after = style_of (self, style)->after * 0.6;
  return b;
}

static void
add_heading (ScReport   *self,
             Section    *section,
             const char *text)
{
  add_text (self, section, STYLE_H2, text);
}

static Block *
add_table (ScReport     *self,
           Section      *section,
           guint         n_cols,
           const double *widths,
           const Align  *align)
{
  Block *b = add_block (self, section, BLOCK_TABLE, STYLE_TABLE);

  b->n_cols = n_cols;
  b->col_width = g_memdup2 (widths, sizeof (double) * n_cols);
  b->col_align = g_memdup2 (align, sizeof (Align) * n_cols);
  b->cells = g_ptr_array_new_with_free_func (g_free);
  return b;
}

/* Appends a row of n_cols strings, taking them. */
static void
table_row_take (Block  *b,
                char  **cells)
{
  for (guint c = 0; c < b->n_cols; c++)
    g_ptr_array_add (b->cells, cells[c]);
}

static guint
table_n_body_rows (const Block *b)
{
  return b->cells->len / b->n_cols - 1;
}

static void
table_set_swatch (Block        *b,
                  guint         row,
                  const ScRgba *colour)
{
  guint n = table_n_body_rows (b);

  if (b->row_swatch == NULL)
    b->row_swatch = g_array_new (FALSE, TRUE, sizeof (ScRgba));
  if (b->row_swatch->len < MAX (n, row + 1))
    g_array_set_size (b->row_swatch, MAX (n, row + 1));
  g_array_index (b->row_swatch, ScRgba, row) = *colour;
}

static Block *
add_cards (ScReport *self,
           Section  *section)
{
  Block *b = add_block (self, section, BLOCK_CARDS, STYLE_CARD_VALUE);

  b->after = style_of (self, STYLE_BODY)->after * 2;
  b->card_values = g_ptr_array_new_with_free_func (g_free);
  b->card_labels = g_ptr_array_new_with_free_func (g_free);
  return b;
}

static void
card_take (Block *b,
           char  *value,
           char  *label)
{
  g_ptr_array_add (b->card_values, value);
  g_ptr_array_add (b->card_labels, label);
}

static Block *
add_chart (ScReport    *self,
           Section     *section,
           ScChartKind  kind,
           double       height)
{
  Block *b;

  /* A chart's caption stays with it. */
  if (section->blocks->len > 0)
    {
      Block *prev = g_ptr_array_index (section->blocks, section->blocks->len - 1);

      if (prev->kind == BLOCK_TEXT && prev->style == STYLE_CAPTION)
        prev->keep_with_next = TRUE;
    }
  b = add_block (self, section, BLOCK_CHART, STYLE_BODY);
  b->chart = kind;
  b->chart_height = height;
  b->after = style_of (self, STYLE_BODY)->after;
  return b;
}

static Block *
add_columns (ScReport *self,
             Section  *section)
{
  Block *b = add_block (self, section, BLOCK_COLUMNS, STYLE_BODY);

  for (guint c = 0; c < 2; c++)
    b->columns[c] = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  return b;
}

static Item *
column_add (ScReport   *self,
            Block      *b,
            guint       column,
            StyleId     style,
            const char *text)
{
  Item *item = g_new0 (Item, 1);

  item->style = style;
  item->text = g_strdup (text);
  item->before = style_of (self, style)->before;
  item->after = style_of (self, style)->after;
  g_ptr_array_add (b->columns[column], item);
  return item;
}

/* A chart that takes the rest of the page, between min_height and max_height. */
static void
add_fill_chart (ScReport    *self,
                Section     *section,
                ScChartKind  kind,
                double       min_height,
                double       max_height)
{
  Block *b = add_chart (self, section, kind, max_height);

  b->fill_min = MIN (min_height, max_height);
}

/* ------------------------------------------------------------------------------------------ */
/* Measuring */

static double
content_width (ScReport *self)
{
  return self->m->width - 2 * self->m->margin_x;
}

static double
content_height (ScReport *self)
{
  return self->m->height - self->m->margin_top - self->m->margin_bottom;
}

static void
measure_text_block (ScReport     *self,
                    PangoContext *context,
                    Block        *b)
{
  double indent = b->bullet ? self->m->bullet_indent : 0;
  g_autoptr(PangoLayout) layout = text_layout (self, context, b->style, FALSE, b->text,
                                               content_width (self) - indent);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint i = 0;

  b->n_units = (guint) pango_layout_get_line_count (layout);
  b->unit_top = g_new0 (double, b->n_units + 1);
  do
    {
      int y0;

      pango_layout_iter_get_line_yrange (iter, &y0, NULL);
      b->unit_top[i++] = (double) y0 / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter) && i < b->n_units);
  pango_layout_iter_free (iter);
  b->unit_top[b->n_units] = layout_height (layout);
}

static double
cell_left_pad (ScReport    *self,
               const Block *b,
               guint        col)
{
  double pad = self->m->cell_pad_x;

  /* Room for the segment's colour swatch. */
  if (col == b->swatch_col && b->row_swatch != NULL)
    pad += style_of (self, STYLE_TABLE)->size * 0.9 + self->m->cell_pad_x;
  return pad;
}

static double
cell_text_width (ScReport    *self,
                 const Block *b,
                 guint        col)
{
  return MAX (b->col_width[col] * content_width (self) - cell_left_pad (self, b, col) -
              self->m->cell_pad_x, 10.0);
}

static double
table_row_height (ScReport     *self,
                  PangoContext *context,
                  const Block  *b,
                  guint         row)
{
  double h = 0;

  for (guint c = 0; c < b->n_cols; c++)
    {
      const char *text = g_ptr_array_index (b->cells, row * b->n_cols + c);
      g_autoptr(PangoLayout) layout = page_dir (text_layout (self, context,
                                                             row == 0 ? STYLE_TABLE_HEAD
                                                                      : STYLE_TABLE,
                                                             FALSE, text,
                                                             cell_text_width (self, b, c)));

      h = MAX (h, layout_height (layout));
    }
  return h + 2 * self->m->cell_pad_y;
}

static void
measure_table (ScReport     *self,
               PangoContext *context,
               Block        *b)
{
  guint rows = table_n_body_rows (b);

  b->header_height = table_row_height (self, context, b, 0);
  b->n_units = rows;
  b->unit_top = g_new0 (double, rows + 1);
  for (guint r = 0; r < rows; r++)
    b->unit_top[r + 1] = b->unit_top[r] + table_row_height (self, context, b, r + 1);
}

static double
card_width (ScReport    *self,
            const Block *b)
{
  guint n = b->card_values->len;

  return (content_width (self) - (n - 1) * self->m->card_gap) / n;
}

static void
measure_cards (ScReport     *self,
               PangoContext *context,
               Block        *b)
{
  double w = card_width (self, b) - 2 * self->m->card_pad;
  double value_h = 0, label_h = 0;

  for (guint i = 0; i < b->card_values->len; i++)
    {
      g_autoptr(PangoLayout) v = page_dir (text_layout (self, context, STYLE_CARD_VALUE, FALSE,
                                                        g_ptr_array_index (b->card_values, i),
                                                        w));
      g_autoptr(PangoLayout) l = page_dir (text_layout (self, context, STYLE_CARD_LABEL, FALSE,
                                                        g_ptr_array_index (b->card_labels, i),
                                                        w));

      value_h = MAX (value_h, layout_height (v));
      label_h = MAX (label_h, layout_height (l));
    }
  b->n_units = 1;
  b->unit_top = g_new0 (double, 2);
  b->unit_top[1] = 2 * self->m->card_pad + value_h + 2 + label_h;
}

static double
swatch_size (ScReport *self)
{
  return style_of (self, STYLE_H1)->size * 0.75;
}

static void
measure_segment_head (ScReport     *self,
                      PangoContext *context,
                      Block        *b)
{
  double indent = swatch_size (self) + self->m->card_gap;
  g_autoptr(PangoLayout) name = page_dir (text_layout (self, context, STYLE_H1, FALSE, b->text,
                                                       content_width (self) - indent));
  g_autoptr(PangoLayout) meta = page_dir (text_layout (self, context, STYLE_BODY, FALSE,
                                                       b->text2,
                                                       content_width (self) - indent));

  b->n_units = 1;
  b->unit_top = g_new0 (double, 2);
  b->unit_top[1] = layout_height (name) + 4 + layout_height (meta);
}

static double
column_width (ScReport *self)
{
  return (content_width (self) - 2 * self->m->card_gap) / 2;
}

static double
item_indent (ScReport   *self,
             const Item *item)
{
  return item->bullet ? self->m->bullet_indent : 0;
}

static void
measure_columns (ScReport     *self,
                 PangoContext *context,
                 Block        *b)
{
  double natural = 0;

  for (guint c = 0; c < 2; c++)
    {
      double h = 0;

      for (guint i = 0; i < b->columns[c]->len; i++)
        {
          Item *item = g_ptr_array_index (b->columns[c], i);
          g_autoptr(PangoLayout) layout = text_layout (self, context, item->style, FALSE,
                                                       item->text,
                                                       column_width (self) -
                                                       item_indent (self, item));

          item->height = layout_height (layout);
          item->shown = item->height;
          h += (i > 0 ? item->before : 0) + item->height + item->after;
        }
      natural = MAX (natural, h);
    }
  b->n_units = 1;
  b->unit_top = g_new0 (double, 2);
  b->unit_top[1] = natural;
}

/* Gives each column's paragraphs what is left of the page, in order: the paragraph that
 * reaches the bottom is shortened to whole lines, and the ones after it are left out. */
static double
fit_columns (ScReport     *self,
             PangoContext *context,
             Block        *b,
             double        avail)
{
  double used = 0;

  for (guint c = 0; c < 2; c++)
    {
      double h = 0;
      gboolean full = FALSE;

      for (guint i = 0; i < b->columns[c]->len; i++)
        {
          Item *item = g_ptr_array_index (b->columns[c], i);
          double top = h + (i > 0 ? item->before : 0);

          item->shown = 0;
          if (full)
            continue;
          if (top + item->height <= avail)
            item->shown = item->height;
          else
            {
              g_autoptr(PangoLayout) layout = text_layout (self, context, item->style, FALSE,
                                                           item->text,
                                                           column_width (self) -
                                                           item_indent (self, item));
              PangoLayoutIter *iter = pango_layout_get_iter (layout);

              /* Whole lines only; a heading is never left without its text. */
              do
                {
                  int y1;

                  pango_layout_iter_get_line_yrange (iter, NULL, &y1);
                  if (top + (double) y1 / PANGO_SCALE > avail)
                    break;
                  item->shown = (double) y1 / PANGO_SCALE;
                }
              while (pango_layout_iter_next_line (iter));
              pango_layout_iter_free (iter);
              full = TRUE;
              if (item->style == STYLE_H2)
                item->shown = 0;
            }
          if (item->shown > 0)
            h = top + item->shown + item->after;
        }
      used = MAX (used, h);
    }
  return MIN (used, avail);
}

static void
measure_block (ScReport     *self,
               PangoContext *context,
               Block        *b)
{
  switch (b->kind)
    {
    case BLOCK_TEXT:
      measure_text_block (self, context, b);
      break;
    case BLOCK_TABLE:
      measure_table (self, context, b);
      break;
    case BLOCK_CARDS:
      measure_cards (self, context, b);
      break;
    case BLOCK_SEGMENT_HEAD:
      measure_segment_head (self, context, b);
      break;
    case BLOCK_COLUMNS:
      measure_columns (self, context, b);
      break;
    case BLOCK_CHART:
    default:
      b->n_units = 1;
      b->unit_top = g_new0 (double, 2);
      b->unit_top[1] = b->chart_height;
      break;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Pagination */

static Page *
new_page (ScReport      *self,
          const Section *section,
          gboolean       continued)
{
  Page *p = g_new0 (Page, 1);

  p->kind = section->kind;
  p->segment = section->segment;
  p->continued = continued;
  p->title = continued ? g_strdup_printf (_("%s (continued)"), section->title)
                       : g_strdup (section->title);
  p->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  g_ptr_array_add (self->pages, p);
  return p;
}

static double
units_height (const Block *b,
              guint        first,
              guint        last)
{
  return b->unit_top[last] - b->unit_top[first];
}

static double
first_unit_height (const Block *b)
{
  if (b->kind == BLOCK_CHART && b->fill_min > 0)
    return b->fill_min;
  return b->header_height + (b->n_units > 0 ? units_height (b, 0, 1) : 0);
}

/* The room a heading needs on this page: itself, the blocks kept with it (a caption), and
 * the first line, row or chart of what they introduce. */
static double
kept_height (Section *section,
             guint    i)
{
  double need = 0;

  for (; i < section->blocks->len; i++)
    {
      const Block *b = g_ptr_array_index (section->blocks, i);

      if (!b->keep_with_next || i + 1 == section->blocks->len)
        return need + b->before + first_unit_height (b);
      need += b->before + units_height (b, 0, b->n_units) + b->after;
    }
  return need;
}

static void
paginate_section (ScReport     *self,
                  PangoContext *context,
                  Section      *section)
{
  double top = self->m->margin_top;
  double bottom = self->m->height - self->m->margin_bottom;
  Page *page = new_page (self, section, FALSE);
  double y = top;

  if (section->kind == SC_REPORT_PAGE_TITLE)
    return;

  for (guint i = 0; i < section->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (section->blocks, i);
      guint unit = 0;

      /* A heading goes to the next page rather than end this one. */
      if (b->keep_with_next && i + 1 < section->blocks->len && y > top &&
          y + kept_height (section, i) > bottom)
        {
          page = new_page (self, section, TRUE);
          y = top;
        }

      while (unit < b->n_units)
        {
          double before = y > top ? b->before : 0;
          double avail = bottom - y - before - b->header_height;
          guint last = unit;
          Placement pl;

          if (b->kind == BLOCK_CHART && b->fill_min > 0)
            {
              if (avail < b->fill_min && y > top)
                {
                  page = new_page (self, section, TRUE);
                  y = top;
                  continue;
                }
              b->chart_height = MAX (MIN (b->chart_height, avail), b->fill_min);
              b->unit_top[1] = b->chart_height;
            }
          if (b->kind == BLOCK_COLUMNS && units_height (b, 0, 1) > avail)
            b->unit_top[1] = fit_columns (self, context, b, MAX (avail, 0));

          while (last < b->n_units && units_height (b, unit, last + 1) <= avail + 0.01)
            last++;
          /* Two lines of a paragraph at least, or none, at the foot of a page. */
          if (b->kind == BLOCK_TEXT && last == unit + 1 && b->n_units - unit > 1 && y > top)
            last = unit;
          if (last == unit)
            {
              if (y > top)
                {
                  page = new_page (self, section, TRUE);
                  y = top;
                  continue;
                }
              /* Taller than a page: place it anyway, clipped at the margin. */
              last = unit + 1;
            }

          pl.block = b;
          pl.y = y + before;
          pl.first = unit;
          pl.last = last;
          g_array_append_val (page->placements, pl);
          y = pl.y + b->header_height + units_height (b, unit, last);
          unit = last;
          if (unit < b->n_units)
            {
              page = new_page (self, section, TRUE);
              y = top;
            }
        }
      y += b->after;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing blocks */

static void
draw_text_block (ScReport        *self,
                 cairo_t         *cr,
                 PangoContext    *context,
                 const Placement *pl)
{
  const Block *b = pl->block;
  double x = self->m->margin_x;
  double indent = b->bullet ? self->m->bullet_indent : 0;
  g_autoptr(PangoLayout) layout = text_layout (self, context, b->style, FALSE, b->text,
                                               content_width (self) - indent);

  set_colour (cr, text_colour (self, b->style, b->muted), 1.0);
  if (b->bullet && pl->first == 0)
    {
      g_autoptr(PangoLayout) dot = text_layout (self, context, b->style, TRUE, "•", 0);

      if (b->has_accent)
        set_colour (cr, &b->accent, 1.0);
      cairo_move_to (cr, x + indent * 0.15, pl->y);
      pango_cairo_show_layout (cr, dot);
      set_colour (cr, text_colour (self, b->style, b->muted), 1.0);
    }
  draw_lines (cr, layout, x + indent, pl->y, pl->first, pl->last);
}

static void
draw_swatch (cairo_t      *cr,
             const ScRgba *colour,
             double        x,
             double        y,
             double        size)
{
  double r = size * 0.22;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + size - r, y + size - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + size - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_colour (cr, colour, 1.0);
  cairo_fill (cr);
}

static void
draw_table_row (ScReport     *self,
                cairo_t      *cr,
                PangoContext *context,
                const Block  *b,
                guint         row,
                double        y,
                double        height)
{
  double x = self->m->margin_x;
  StyleId style = row == 0 ? STYLE_TABLE_HEAD : STYLE_TABLE;

  for (guint c = 0; c < b->n_cols; c++)
    {
      const char *text = g_ptr_array_index (b->cells, row * b->n_cols + c);
      double w = cell_text_width (self, b, c);
      double left = cell_left_pad (self, b, c);
      g_autoptr(PangoLayout) layout = page_dir (text_layout (self, context, style, FALSE, text,
                                                             w));

      if (b->col_align[c] == ALIGN_END)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      if (c == b->swatch_col && row > 0 && b->row_swatch != NULL &&
          row - 1 < b->row_swatch->len &&
          g_array_index (b->row_swatch, ScRgba, row - 1).a > 0)
        {
          double size = style_of (self, STYLE_TABLE)->size * 0.9;

          draw_swatch (cr, &g_array_index (b->row_swatch, ScRgba, row - 1),
                       x + self->m->cell_pad_x,
                       y + self->m->cell_pad_y + (style_of (self, STYLE_TABLE)->size * 1.25 -
                                                  size) / 2, size);
        }
      set_colour (cr, text_colour (self, style, FALSE), 1.0);
      cairo_move_to (cr, x + left, y + self->m->cell_pad_y);
      pango_cairo_show_layout (cr, layout);
      x += b->col_width[c] * content_width (self);
    }

  /* A rule under each row; a stronger one under the header. */
  cairo_set_line_width (cr, row == 0 ? 0.9 : 0.5);
  set_colour (cr, row == 0 ? &self->palette->muted : &self->palette->grid, 1.0);
  cairo_move_to (cr, self->m->margin_x, y + height);
  cairo_line_to (cr, self->m->margin_x + content_width (self), y + height);
  cairo_stroke (cr);
}

static void
draw_table (ScReport        *self,
            cairo_t         *cr,
            PangoContext    *context,
            const Placement *pl)
{
  const Block *b = pl->block;
  double y = pl->y;

  draw_table_row (self, cr, context, b, 0, y, b->header_height);
  y += b->header_height;
  for (guint r = pl->first; r < pl->last; r++)
    {
      double h = units_height (b, r, r + 1);

      draw_table_row (self, cr, context, b, r + 1, y, h);
      y += h;
    }
}

static void
draw_cards (ScReport        *self,
            cairo_t         *cr,
            PangoContext    *context,
            const Placement *pl)
{
  const Block *b = pl->block;
  double w = card_width (self, b);
  double h = units_height (b, 0, 1);
  double pad = self->m->card_pad;
  const ScRgba *accent = b->has_accent ? &b->accent : &self->palette->segments[0];

  for (guint i = 0; i < b->card_values->len; i++)
    {
      double x = self->m->margin_x + i * (w + self->m->card_gap);
      double r = MIN (6.0, pad);
      g_autoptr(PangoLayout) value = NULL;

      cairo_new_sub_path (cr);
      cairo_arc (cr, x + w - r, pl->y + r, r, -G_PI / 2, 0);
      cairo_arc (cr, x + w - r, pl->y + h - r, r, 0, G_PI / 2);
      cairo_arc (cr, x + r, pl->y + h - r, r, G_PI / 2, G_PI);
      cairo_arc (cr, x + r, pl->y + r, r, G_PI, 3 * G_PI / 2);
      cairo_close_path (cr);
      set_colour (cr, accent, 0.09);
      cairo_fill (cr);
      cairo_rectangle (cr, x, pl->y + r, 3, h - 2 * r);
      set_colour (cr, accent, 1.0);
      cairo_fill (cr);

      value = page_dir (text_layout (self, context, STYLE_CARD_VALUE, FALSE,
                                     g_ptr_array_index (b->card_values, i), w - 2 * pad));
      set_colour (cr, &self->palette->foreground, 1.0);
      cairo_move_to (cr, x + pad, pl->y + pad);
      pango_cairo_show_layout (cr, value);
      draw_text (self, cr, context, STYLE_CARD_LABEL, FALSE,
                 g_ptr_array_index (b->card_labels, i), x + pad,
                 pl->y + pad + layout_height (value) + 2, w - 2 * pad, FALSE);
    }
}

static void
draw_segment_head (ScReport        *self,
                   cairo_t         *cr,
                   PangoContext    *context,
                   const Placement *pl)
{
  const Block *b = pl->block;
  double size = swatch_size (self);
  double indent = size + self->m->card_gap;
  double x = self->m->margin_x;
  g_autoptr(PangoLayout) name = page_dir (text_layout (self, context, STYLE_H1, FALSE, b->text,
                                                       content_width (self) - indent));
  double name_h = layout_height (name);
  PangoLayoutIter *iter = pango_layout_get_iter (name);
  double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

  pango_layout_iter_free (iter);
  draw_swatch (cr, &b->accent, x, pl->y + baseline - size * 0.95, size);
  set_colour (cr, &self->palette->foreground, 1.0);
  cairo_move_to (cr, x + indent, pl->y);
  pango_cairo_show_layout (cr, name);
  draw_text (self, cr, context, STYLE_BODY, TRUE, b->text2, x + indent, pl->y + name_h + 4,
             content_width (self) - indent, FALSE);
}

static void
draw_chart (ScReport        *self,
            cairo_t         *cr,
            const Placement *pl)
{
  const Block *b = pl->block;

  cairo_save (cr);
  cairo_translate (cr, self->m->margin_x, pl->y);
  cairo_rectangle (cr, 0, 0, content_width (self), b->chart_height);
  cairo_clip (cr);
  if (b->migration)
    sc_migration_paint (cr, self->migration, self->palette, content_width (self),
                        b->chart_height);
  else
    sc_charts_paint (self->charts, b->chart, cr, self->palette, content_width (self),
                     b->chart_height, self->m->scatter_scale);
  cairo_restore (cr);
}

static void
draw_columns (ScReport        *self,
              cairo_t         *cr,
              PangoContext    *context,
              const Placement *pl)
{
  const Block *b = pl->block;

  for (guint c = 0; c < 2; c++)
    {
      double x = self->m->margin_x + c * (column_width (self) + 2 * self->m->card_gap);
      double y = pl->y;

      for (guint i = 0; i < b->columns[c]->len; i++)
        {
          const Item *item = g_ptr_array_index (b->columns[c], i);
          double indent = item_indent (self, item);
          g_autoptr(PangoLayout) layout = NULL;

          if (item->shown <= 0)
            continue;
          if (i > 0)
            y += item->before;
          layout = text_layout (self, context, item->style, FALSE, item->text,
                                column_width (self) - indent);
          if (item->shown < item->height)
            {
              pango_layout_set_height (layout, (int) ceil (item->shown * PANGO_SCALE));
              pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
            }
          if (item->bullet)
            {
              g_autoptr(PangoLayout) dot = text_layout (self, context, item->style, TRUE, "•", 0);

              set_colour (cr, &item->accent, 1.0);
              cairo_move_to (cr, x + indent * 0.15, y);
              pango_cairo_show_layout (cr, dot);
            }
          cairo_save (cr);
          cairo_rectangle (cr, x, y, column_width (self), item->shown + 1);
          cairo_clip (cr);
          set_colour (cr, text_colour (self, item->style, item->muted), 1.0);
          cairo_move_to (cr, x + indent, y);
          pango_cairo_show_layout (cr, layout);
          cairo_restore (cr);
          y += item->shown + item->after;
        }
    }
}

static void
draw_placement (ScReport        *self,
                cairo_t         *cr,
                PangoContext    *context,
                const Placement *pl)
{
  switch (pl->block->kind)
    {
    case BLOCK_TEXT:
      draw_text_block (self, cr, context, pl);
      break;
    case BLOCK_TABLE:
      draw_table (self, cr, context, pl);
      break;
    case BLOCK_CARDS:
      draw_cards (self, cr, context, pl);
      break;
    case BLOCK_SEGMENT_HEAD:
      draw_segment_head (self, cr, context, pl);
      break;
    case BLOCK_COLUMNS:
      draw_columns (self, cr, context, pl);
      break;
    case BLOCK_CHART:
    default:
      draw_chart (self, cr, pl);
      break;
    }
}

static void
draw_footer (ScReport     *self,
             cairo_t      *cr,
             PangoContext *context,
             guint         page)
{
  const Metrics *m = self->m;
  double y = m->height - m->footer_gap - style_of (self, STYLE_FOOTER)->size * 1.2;
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  g_autofree char *left = g_strdup_printf ("%s · %s", self->title,
                                           self->format == SC_REPORT_FORMAT_A4
                                           ? _("Customer segments") : self->date_text);

  cairo_set_line_width (cr, 0.6);
  set_colour (cr, &self->palette->grid, 1.0);
  cairo_move_to (cr, m->margin_x, y - 6);
  cairo_line_to (cr, m->width - m->margin_x, y - 6);
  cairo_stroke (cr);
  draw_text (self, cr, context, STYLE_FOOTER, FALSE, left, m->margin_x, y,
             content_width (self) * 0.7, FALSE);
  draw_text (self, cr, context, STYLE_FOOTER, FALSE, number, m->margin_x, y,
             content_width (self), TRUE);
}

/* The title page: the project, the period, the key figures and a strip of the segments in
 * their colours, as wide as their share of customers. */
static void
draw_title_page (ScReport     *self,
                 cairo_t      *cr,
                 PangoContext *context)
{
  const Metrics *m = self->m;
  const ScRun *run = sc_charts_get_run (self->charts);
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  double w = content_width (self);
  double x = m->margin_x;
  double y = slides ? m->height * 0.22 : m->height * 0.28;
  double strip_h = slides ? 14 : 10;
  g_autofree char *customers = fmt_count (self->n_customers);
  g_autofree char *orders = fmt_count (self->n_orders);
  g_autofree char *revenue = fmt_money (self->revenue);
  g_autofree char *figures = NULL;
  g_autofree char *prepared = NULL;
  g_autoptr(PangoLayout) title = text_layout (self, context, STYLE_TITLE, FALSE, self->title, w);
  double sx = x;

  /* Translators: the key figures on the title page */
  figures = g_strdup_printf (_("%s customers · %s orders · %s net revenue · %u segments"),
                             customers, orders, revenue, self->n_clusters);
  if (self->author != NULL)
    /* Translators: "Prepared by Ana Lima on 3 March 2026" */
    prepared = g_strdup_printf (_("Prepared by %s on %s"), self->author, self->date_text);
  else
    /* Translators: "Prepared on 3 March 2026" */
    prepared = g_strdup_printf (_("Prepared on %s"), self->date_text);

  draw_text (self, cr, context, STYLE_KICKER, FALSE, _("Customer segments report"), x, y, w,
             FALSE);
  y += style_of (self, STYLE_KICKER)->size * 1.3 + style_of (self, STYLE_KICKER)->after;
  set_colour (cr, &self->palette->foreground, 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, title);
  y += layout_height (title) + style_of (self, STYLE_TITLE)->after;
  draw_text (self, cr, context, STYLE_SUBTITLE, FALSE, self->period, x, y, w, FALSE);
  y += style_of (self, STYLE_SUBTITLE)->size * 1.4 + style_of (self, STYLE_SUBTITLE)->after;
  draw_text (self, cr, context, STYLE_BODY, FALSE, figures, x, y, w, FALSE);
  y += style_of (self, STYLE_BODY)->size * 1.4 + (slides ? 24 : 22);

  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[i];
      double sw = w * (isfinite (s->share) ? MAX (s->share, 0) : 0);
      ScRgba colour;

      sc_palette_segment_colour (self->palette, s->colour, s->is_outliers, &colour);
      cairo_rectangle (cr, sx, y, MAX (sw - 1.5, 0), strip_h);
      set_colour (cr, &colour, 1.0);
      cairo_fill (cr);
      sx += sw;
    }

  y = m->height - m->margin_bottom - style_of (self, STYLE_BODY)->size * 3.2;
  draw_text (self, cr, context, STYLE_BODY, FALSE, prepared, x, y, w, FALSE);
  draw_text (self, cr, context, STYLE_SMALL, TRUE, _("Made with Segments"), x,
             y + style_of (self, STYLE_BODY)->size * 1.5, w, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Content */

typedef struct
{
  const ScRun       *run;
  const ScFeatures  *features;
  ScPotential       *potential;      /* nullable */
  gboolean           fresh;
  double            *expected;       /* per segment: sum of expected future value, or NAN */
  GArray            *imports;
  ScConsentSummary   consent;
  GPtrArray         *attributes;     /* categorical attributes worth showing */
  guint64          **level_counts;   /* per attribute: n_segments × n_levels, then totals */
  guint             *order;          /* priority order */
} Data;

static void
data_clear (Data *d)
{
  if (d->level_counts != NULL && d->attributes != NULL)
    for (guint a = 0; a < d->attributes->len; a++)
      g_free (d->level_counts[a]);
  g_free (d->level_counts);
  g_clear_pointer (&d->attributes, g_ptr_array_unref);
  g_clear_pointer (&d->potential, sc_potential_free);
  g_clear_pointer (&d->imports, g_array_unref);
  g_free (d->expected);
  g_free (d->order);
}

static double
weighted_mean (const ScRun *run,
               gsize        offset)
{
  double sum = 0, weight = 0;

  for (guint s = 0; s < run->n_segments; s++)
    {
      double v = G_STRUCT_MEMBER (double, &run->segments[s], offset);

      if (isfinite (v) && run->segments[s].size > 0)
        {
          sum += v * run->segments[s].size;
          weight += run->segments[s].size;
        }
    }
  return weight > 0 ? sum / weight : NAN;
}

static const ScSegmentInfo *
top_revenue_segment (const ScRun *run)
{
  const ScSegmentInfo *best = NULL;

  for (guint s = 0; s < run->n_segments; s++)
    {
      const ScSegmentInfo *info = &run->segments[s];

      if (info->is_outliers || !isfinite (info->revenue_share))
        continue;
      if (best == NULL || info->revenue_share > best->revenue_share)
        best = info;
    }
  return best;
}

static int
compare_expected (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const double *expected = user_data;
  double x = expected[*(const guint *) a], y = expected[*(const guint *) b];

  if (x != y)
    return x > y ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

/* The executive summary, one sentence per item, from the numbers. */
static GPtrArray *
summary_sentences (ScReport   *self,
                   const Data *d)
{
  const ScRun *run = d->run;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const ScSegmentInfo *top = top_revenue_segment (run);
  const ScSegmentInfo *first = run->n_segments > 0 ? &run->segments[d->order[0]] : NULL;
  g_autofree char *segmented = fmt_count (self->n_segmented);

  g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "The %s customers with orders form %u "
                                                      "segment.",
                                                      "The %s customers with orders form %u "
                                                      "segments.",
                                                      self->n_clusters),
                                         segmented, self->n_clusters));

  if (top != NULL)
    {
      g_autofree char *share = fmt_share (top->share);
      g_autofree char *revenue = fmt_share (top->revenue_share);

      /* Translators: "Loyal high spenders are 12% of customers and 41% of revenue." */
      g_ptr_array_add (out, g_strdup_printf (_("%s are %s of customers and %s of revenue."),
                                             top->name, share, revenue));
    }

  if (first != NULL && first != top && !first->is_outliers)
    {
      g_autofree char *share = fmt_share (first->share);
      g_autofree char *revenue = fmt_share (first->revenue_share);

      /* Translators: "The top priority is Growing accounts: 20% of customers and 9% of
       * revenue." */
      g_ptr_array_add (out, g_strdup_printf (_("The top priority is %s: %s of customers and %s "
                                               "of revenue."),
                                             first->name, share, revenue));
    }

  /* Expected future value: the fewest segments that hold two thirds of it. */
  {
    g_autofree guint *by_value = g_new (guint, MAX (run->n_segments, 1));
    double total = 0;
    guint n_valued = 0;

    /* The outliers are reported apart, in their own sentence. */
    for (guint s = 0; s < run->n_segments; s++)
      if (!run->segments[s].is_outliers && isfinite (d->expected[s]) && d->expected[s] > 0)
        {
          total += d->expected[s];
          by_value[n_valued++] = s;
        }

    if (n_valued >= 2 && total > 0 && d->potential != NULL)
      {
        g_autoptr(GPtrArray) names = g_ptr_array_new ();
        g_autofree char *list = NULL;
        g_autofree char *share = NULL;
        double held = 0;
        guint horizon = d->potential->params.horizon_months;

        g_qsort_with_data (by_value, n_valued, sizeof (guint), compare_expected, d->expected);
        for (guint i = 0; i < n_valued && held < total * 2.0 / 3.0; i++)
          {
            held += d->expected[by_value[i]];
            g_ptr_array_add (names, run->segments[by_value[i]].name);
          }
        list = join_names (names);
        share = fmt_share (held / total);
        if (names->len == 1)
          g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%s alone holds %s of the segments’ "
                                                              "expected future value over the "
                                                              "next %u month.",
                                                              "%s alone holds %s of the segments’ "
                                                              "expected future value over the "
                                                              "next %u months.",
                                                              horizon),
                                                 list, share, horizon));
        else
          g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u segments hold %s of the "
                                                              "segments’ expected future value "
                                                              "over the next %u month: %s.",
                                                              "%u segments hold %s of the "
                                                              "segments’ expected future value "
                                                              "over the next %u months: %s.",
                                                              horizon),
                                                 names->len, share, horizon, list));
        if (!d->fresh)
          g_ptr_array_add (out, g_strdup (_("The customer value model was fitted before the "
                                            "latest import; refit it to bring value and "
                                            "potential up to date.")));
      }
    else if (d->potential == NULL)
      g_ptr_array_add (out, g_strdup (_("No customer value model has been fitted yet, so "
                                        "expected future value and the value × potential "
                                        "grid are not shown.")));
  }

  /* Where the segments sit on the grid. */
  {
    static const char * const quadrants[] = { "invest", "keep", "grow", "maintain" };
    GString *grid = g_string_new (NULL);

    for (guint q = 0; q < G_N_ELEMENTS (quadrants); q++)
      {
        g_autoptr(GPtrArray) names = g_ptr_array_new ();
        g_autofree char *list = NULL;

        for (guint i = 0; i < run->n_segments; i++)
          {
            const ScSegmentInfo *s = &run->segments[d->order[i]];

            if (!s->is_outliers && g_strcmp0 (sc_segment_info_get_quadrant (s),
                                              quadrants[q]) == 0)
              g_ptr_array_add (names, s->name);
          }
        if (names->len == 0)
          continue;
        list = join_names (names);
        if (grid->len > 0)
          g_string_append (grid, _("; "));
        /* Translators: a quadrant and its segments, as in "Invest: Loyal buyers" */
        g_string_append_printf (grid, _("%s: %s"), sc_quadrant_to_label (quadrants[q]), list);
      }
    if (grid->len > 0)
      /* Translators: %s lists quadrants and their segments */
      g_ptr_array_add (out, g_strdup_printf (_("On the value × potential grid: %s."), grid->str));
    g_string_free (grid, TRUE);
  }

  if (self->n_outliers > 0)
    {
      g_autofree char *n = fmt_count (self->n_outliers);
      g_autofree char *revenue = NULL;
      double share = 0;

      for (guint s = 0; s < run->n_segments; s++)
        if (run->segments[s].is_outliers && isfinite (run->segments[s].revenue_share))
          share += run->segments[s].revenue_share;
      revenue = fmt_share (share);
      g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%s customer is an outlier, with %s of "
                                                          "revenue: spending far outside the "
                                                          "rest, reported apart rather than "
                                                          "forced into a segment.",
                                                          "%s customers are outliers, with %s of "
                                                          "revenue: spending far outside the "
                                                          "rest, reported apart rather than "
                                                          "forced into a segment.",
                                                          self->n_outliers),
                                             n, revenue));
    }
  else if (run->params.outlier_z > 0)
    g_ptr_array_add (out, g_strdup (_("No customer spends far enough outside the rest to be set "
                                      "apart as an outlier.")));
  else
    g_ptr_array_add (out, g_strdup (_("Outliers were not set apart in this segmentation.")));

  if (d->consent.excluded > 0)
    {
      g_autofree char *n = fmt_count (d->consent.excluded);

      if (d->consent.consent_known && d->consent.consent_unknown > 0)
        g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s customer has not agreed to "
                                                            "marketing (or the data do not say) "
                                                            "and is left out of activation "
                                                            "exports.",
                                                            "%s customers have not agreed to "
                                                            "marketing (or the data do not say) "
                                                            "and are left out of activation "
                                                            "exports.",
                                                            d->consent.excluded),
                                               n));
      else
        g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s customer has not agreed to "
                                                            "marketing and is left out of "
                                                            "activation exports.",
                                                            "%s customers have not agreed to "
                                                            "marketing and are left out of "
                                                            "activation exports.",
                                                            d->consent.excluded),
                                               n));
    }
  else if (!d->consent.consent_known)
    g_ptr_array_add (out, g_strdup (_("The data record no marketing consent, so activation "
                                      "exports include every customer.")));
  else
    g_ptr_array_add (out, g_strdup (_("Every segmented customer agreed to marketing.")));

  return out;
}

static ScRgba
segment_colour (ScReport            *self,
                const ScSegmentInfo *s)
{
  ScRgba colour;

  sc_palette_segment_colour (self->palette, s->colour, s->is_outliers, &colour);
  return colour;
}

static void
build_title (ScReport *self)
{
  add_section (self, SC_REPORT_PAGE_TITLE, self->title, -1);
}

static void
add_key_figures (ScReport   *self,
                 Section    *section,
                 const Data *d)
{
  Block *cards = add_cards (self, section);
  g_autofree char *outliers = fmt_count (self->n_outliers);

  card_take (cards, fmt_count (self->n_customers), g_strdup (_("customers")));
  card_take (cards, fmt_count (self->n_orders), g_strdup (_("orders")));
  card_take (cards, fmt_amount (self->revenue), g_strdup (_("net revenue")));
  card_take (cards, g_strdup_printf ("%u", self->n_clusters),
             self->n_outliers > 0
             /* Translators: under the number of segments; %s is a number of customers */
             ? g_strdup_printf (_("segments, plus %s outliers"), outliers)
             : g_strdup (_("segments")));
}

static void
build_summary (ScReport   *self,
               const Data *d)
{
  const ScRun *run = d->run;
  Section *section = add_section (self, SC_REPORT_PAGE_SUMMARY, _("Executive summary"), -1);
  g_autoptr(GPtrArray) sentences = summary_sentences (self, d);
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;

  add_text (self, section, STYLE_H1, _("Executive summary"));
  add_key_figures (self, section, d);
  for (guint i = 0; i < sentences->len; i++)
    {
      Block *b = add_bullet (self, section, STYLE_BODY, g_ptr_array_index (sentences, i));

      b->has_accent = TRUE;
      b->accent = self->palette->segments[0];
    }
  g_ptr_array_add (sentences, NULL);
  self->summary = g_strjoinv (" ", (char **) sentences->pdata);
  g_ptr_array_remove_index (sentences, sentences->len - 1);

  if (slides)
    return;

  add_heading (self, section, _("Segments by priority"));
  {
    static const double widths[] = { 0.05, 0.27, 0.11, 0.10, 0.10, 0.13, 0.11, 0.13 };
    static const Align align[] = { ALIGN_END, ALIGN_START, ALIGN_END, ALIGN_END, ALIGN_END,
                                   ALIGN_START, ALIGN_START, ALIGN_START };
    Block *t = add_table (self, section, G_N_ELEMENTS (widths), widths, align);
    char *head[] = { g_strdup ("#"), g_strdup (_("Segment")), g_strdup (_("Customers")),
                     g_strdup (_("Customer share")), g_strdup (_("Revenue share")),
                     g_strdup (_("Quadrant")), g_strdup (_("Service")), g_strdup (_("Owner")) };

    table_row_take (t, head);
    for (guint i = 0; i < run->n_segments; i++)
      {
        const ScSegmentInfo *s = &run->segments[d->order[i]];
        ScRgba colour = segment_colour (self, s);
        char *row[] = { g_strdup_printf ("%u", s->priority), g_strdup (s->name),
                        fmt_count (s->size), fmt_share (s->share),
                        fmt_share (s->revenue_share), g_strdup (quadrant_label (s)),
                        g_strdup (tier_label (s)),
                        g_strdup (s->owner != NULL && *s->owner ? s->owner : "–") };

        table_row_take (t, row);
        table_set_swatch (t, i, &colour);
      }
    t->swatch_col = 1;
  }

  add_heading (self, section, _("Segment sizes"));
  add_text (self, section, STYLE_CAPTION, _("Each segment’s share of customers (light bar) and "
                                            "of net revenue (full bar), in priority order."));
  add_fill_chart (self, section, SC_CHART_SIZES, MIN (150, run->n_segments * 32.0 + 16),
                  run->n_segments * 44.0 + 16);
}

static const char *
quadrant_advice (const char *quadrant)
{
  if (g_strcmp0 (quadrant, "invest") == 0)
    return _("Develop and protect: high-touch service, account plans, early access.");
  if (g_strcmp0 (quadrant, "keep") == 0)
    return _("Retain efficiently: loyalty and service quality rather than acquisition spend.");
  if (g_strcmp0 (quadrant, "grow") == 0)
    return _("Develop: onboarding, cross-selling and nurturing towards the next orders.");
  if (g_strcmp0 (quadrant, "maintain") == 0)
    return _("Serve at low cost: automated, digital contact; win back selectively.");
  return NULL;
}

/* What each quadrant holds and asks for. */
static void
add_quadrant_table (ScReport   *self,
                    Section    *section,
                    const Data *d)
{
  static const char * const quadrants[] = { "invest", "keep", "grow", "maintain" };
  static const double widths[] = { 0.19, 0.37, 0.44 };
  static const Align align[] = { ALIGN_START, ALIGN_START, ALIGN_START };
  const ScRun *run = d->run;
  Block *t = add_table (self, section, G_N_ELEMENTS (widths), widths, align);
  char *head[] = { g_strdup (_("Quadrant")), g_strdup (_("Segments")),
                   g_strdup (_("What it asks for")) };

  table_row_take (t, head);
  for (guint q = 0; q < G_N_ELEMENTS (quadrants); q++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      char *row[3];

      for (guint i = 0; i < run->n_segments; i++)
        {
          const ScSegmentInfo *s = &run->segments[d->order[i]];

          if (g_strcmp0 (sc_segment_info_get_quadrant (s), quadrants[q]) == 0)
            g_ptr_array_add (names, s->name);
        }
      row[0] = g_strdup (sc_quadrant_to_label (quadrants[q]));
      row[1] = names->len > 0 ? join_names (names) : g_strdup ("–");
      row[2] = g_strdup (quadrant_advice (quadrants[q]));
      table_row_take (t, row);
    }
}

/* "What changed" (issue 10): the latest snapshot against the current segments, or the two
 * latest snapshots. Left out when the project has no snapshot to compare, or when the
 * comparison cannot be made; the rest of the report does not depend on it. */
static void
build_changes (ScReport      *self,
               ScStore       *store,
               GCancellable  *cancellable)
{
  g_autoptr(GArray) infos = NULL;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(ScDrift) drift = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_day = NULL;
  g_autofree char *to_day = NULL;
  g_autofree char *caption = NULL;
  Section *section;
  Block *b;
  double width, height;

  if (!sc_snapshot_list (store, &infos, NULL) || infos->len == 0 ||
      !sc_drift_load_pair (store, 0, 0, &from, &to, cancellable, &error))
    return;
  drift = sc_drift_compute (from, to, cancellable, &error);
  if (drift == NULL)
    return;
  self->migration = sc_migration_new (drift, from, to);

  section = add_section (self, SC_REPORT_PAGE_CHART, _("What changed"), -1);
  add_text (self, section, STYLE_H1, _("What changed"));
  from_day = fmt_day (drift->from_as_of);
  to_day = fmt_day (drift->to_as_of);
  /* Translators: the two dates of a comparison of segmentations */
  caption = g_strdup_printf (_("Segments as of %s compared with %s."), from_day, to_day);
  add_text (self, section, STYLE_CAPTION, caption);

  if (drift->n_flagged == 0)
    add_text (self, section, STYLE_BODY, _("No segment changed beyond the drift thresholds "
                                           "(size ±20%, centre shift 0.5 standard units, "
                                           "population stability 0.2, 30% of members "
                                           "leaving)."));
  for (guint i = 0; i < drift->n_segments; i++)
    if (drift->segments[i].flags != 0 && drift->segments[i].reason != NULL)
      add_bullet (self, section, STYLE_BODY, drift->segments[i].reason);

  if (drift->n_flows > 0)
    {
      add_heading (self, section, _("Biggest moves"));
      for (guint i = 0; i < drift->n_flows; i++)
        add_bullet (self, section, STYLE_BODY, drift->flows[i].text);
    }

  add_heading (self, section, _("Where customers went"));
  sc_migration_natural_size (self->migration, self->palette, &width, &height);
  b = add_block (self, section, BLOCK_CHART, STYLE_BODY);
  b->migration = TRUE;
  b->chart_height = MIN (content_height (self) * 0.6,
                         height * MIN (1.0, content_width (self) / MAX (width, 1)));
  b->chart_height = MAX (b->chart_height, 120);
  b->after = style_of (self, STYLE_BODY)->after;
}

static void
build_charts (ScReport   *self,
              const Data *d)
{
  const ScRun *run = d->run;
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  Section *section;

  if (slides)
    {
      /* One chart per slide, as large as the slide allows under its title and caption. */
      section = add_section (self, SC_REPORT_PAGE_CHART, _("Segment sizes"), -1);
      add_text (self, section, STYLE_H1, _("Segment sizes"));
      add_text (self, section, STYLE_CAPTION, _("Each segment’s share of customers (light bar) "
                                                "and of net revenue (full bar), in priority "
                                                "order."));
      add_fill_chart (self, section, SC_CHART_SIZES, 200, run->n_segments * 70.0 + 24);

      section = add_section (self, SC_REPORT_PAGE_CHART, _("Value and potential"), -1);
      add_text (self, section, STYLE_H1, _("Value and potential"));
      add_text (self, section, STYLE_CAPTION, _("Current value across, expected future value "
                                                "up; bubble area is proportional to customers."));
      add_fill_chart (self, section, SC_CHART_GRID, 200, content_height (self));

      section = add_section (self, SC_REPORT_PAGE_CHART, _("Customers"), -1);
      add_text (self, section, STYLE_H1, sc_chart_kind_to_title (SC_CHART_SCATTER));
      add_text (self, section, STYLE_CAPTION, _("Each dot is a customer: days since the last order "
                                                "across, net spend up (log scale); rings mark "
                                                "segment centres."));
      add_fill_chart (self, section, SC_CHART_SCATTER, 200, content_height (self));
      return;
    }

  section = add_section (self, SC_REPORT_PAGE_CHART, _("Value and potential"), -1);
  add_text (self, section, STYLE_H1, _("Value and potential"));
  add_text (self, section, STYLE_CAPTION, _("Current value across, expected future value up, "
                                            "divided at the segments’ medians into four "
                                            "quadrants; bubble area is proportional to "
                                            "customers."));
  add_fill_chart (self, section, SC_CHART_GRID, 260, content_width (self) * 0.95);
  add_quadrant_table (self, section, d);

  section = add_section (self, SC_REPORT_PAGE_CHART, _("Customers"), -1);
  add_text (self, section, STYLE_H1, sc_chart_kind_to_title (SC_CHART_SCATTER));
  add_text (self, section, STYLE_CAPTION, _("Each dot is a customer: days since the last order "
                                            "across, net spend up (log scale). Rings mark the "
                                            "centre of each segment."));
  /* As tall as the page allows once the averages table (rows of at most two lines) has
   * its room. */
  add_chart (self, section, SC_CHART_SCATTER,
             CLAMP (content_height (self) - 150 - (run->n_segments + 1) *
                    (2.6 * style_of (self, STYLE_TABLE)->size + 2 * self->m->cell_pad_y),
                    260, content_width (self) * 0.95));

  add_heading (self, section, _("Segment averages"));
  {
    static const double widths[] = { 0.31, 0.115, 0.115, 0.115, 0.115, 0.115, 0.115 };
    static const Align align[] = { ALIGN_START, ALIGN_END, ALIGN_END, ALIGN_END, ALIGN_END,
                                   ALIGN_END, ALIGN_END };
    Block *t = add_table (self, section, G_N_ELEMENTS (widths), widths, align);
    char *head[] = { g_strdup (_("Segment")), g_strdup (_("Days since last order")),
                     g_strdup (_("Orders")), g_strdup (_("Net spend")),
                     g_strdup (_("Current value")), g_strdup (_("Potential")),
                     g_strdup (_("P(alive)")) };

    table_row_take (t, head);
    for (guint i = 0; i < run->n_segments; i++)
      {
        const ScSegmentInfo *s = &run->segments[d->order[i]];
        ScRgba colour = segment_colour (self, s);
        char *row[] = { g_strdup (s->name), fmt_fixed (s->recency, 0),
                        fmt_fixed (s->frequency, 1), fmt_amount (s->monetary),
                        fmt_amount (s->value), fmt_amount (s->potential),
                        fmt_share (s->p_alive) };

        table_row_take (t, row);
        table_set_swatch (t, i, &colour);
      }
  }
}

static char *
details_line (const ScSegmentInfo *s,
              guint                n_segments)
{
  GString *out = g_string_new (NULL);
  const char *quadrant = sc_quadrant_to_label (sc_segment_info_get_quadrant (s));
  const char *tier = sc_service_tier_to_label (s->service_tier);

  if (s->is_outliers)
    g_string_append (out, _("Outliers"));
  else
    /* Translators: "Priority 1 of 5" */
    g_string_append_printf (out, _("Priority %u of %u"), s->priority, n_segments);
  if (quadrant != NULL)
    g_string_append_printf (out, " · %s", quadrant);
  if (tier != NULL)
    g_string_append_printf (out, " · %s", tier);
  if (s->owner != NULL && *s->owner != '\0')
    /* Translators: the person or team responsible for a segment */
    g_string_append_printf (out, _(" · Owner: %s"), s->owner);
  return g_string_free (out, FALSE);
}

static void
add_segment_profile (ScReport            *self,
                     Section             *section,
                     const Data          *d,
                     const ScSegmentInfo *s)
{
  const ScRun *run = d->run;
  static const double widths[] = { 0.44, 0.28, 0.28 };
  static const Align align[] = { ALIGN_START, ALIGN_END, ALIGN_END };
  Block *t = add_table (self, section, G_N_ELEMENTS (widths), widths, align);
  char *head[] = { g_strdup (_("Measure")), g_strdup (_("This segment")),
                   g_strdup (_("All customers")) };
  struct { const char *label; gsize offset; int kind; } measures[] = {
    { N_("Days since last order"), G_STRUCT_OFFSET (ScSegmentInfo, recency), 0 },
    { N_("Orders"), G_STRUCT_OFFSET (ScSegmentInfo, frequency), 1 },
    { N_("Net spend"), G_STRUCT_OFFSET (ScSegmentInfo, monetary), 2 },
    { N_("Current value"), G_STRUCT_OFFSET (ScSegmentInfo, value), 2 },
    { N_("Potential (expected value)"), G_STRUCT_OFFSET (ScSegmentInfo, potential), 2 },
    { N_("P(alive)"), G_STRUCT_OFFSET (ScSegmentInfo, p_alive), 3 },
  };
  guint seg = s->position;

  table_row_take (t, head);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      double v = G_STRUCT_MEMBER (double, s, measures[i].offset);
      double all = weighted_mean (run, measures[i].offset);
      char *row[3];

      if (!isfinite (v) && !isfinite (all))
        continue;
      row[0] = g_strdup (_(measures[i].label));
      switch (measures[i].kind)
        {
        case 0:
          row[1] = fmt_fixed (v, 0);
          row[2] = fmt_fixed (all, 0);
          break;
        case 1:
          row[1] = fmt_fixed (v, 1);
          row[2] = fmt_fixed (all, 1);
          break;
        case 2:
          row[1] = fmt_amount (v);
          row[2] = fmt_amount (all);
          break;
        default:
          row[1] = fmt_share (v);
          row[2] = fmt_share (all);
          break;
        }
      table_row_take (t, row);
    }

  /* The most common level of each customer attribute, against its share overall. */
  for (guint a = 0; d->attributes != NULL && a < d->attributes->len; a++)
    {
      const ScAttribute *attr = g_ptr_array_index (d->attributes, a);
      const guint64 *counts = d->level_counts[a];
      const guint64 *totals = counts + (gsize) run->n_segments * attr->n_levels;
      guint64 segment_known = 0, all_known = 0;
      guint best = 0;
      g_autofree char *label = NULL;
      char *row[3];

      for (guint l = 0; l < attr->n_levels; l++)
        {
          guint64 c = counts[(gsize) seg * attr->n_levels + l];

          segment_known += c;
          all_known += totals[l];
          if (c > counts[(gsize) seg * attr->n_levels + best])
            best = l;
        }
      if (segment_known == 0 || all_known == 0)
        continue;
      label = attribute_label (attr->name);
      /* Translators: an attribute and its most common value, as in "Industry: Retail" */
      row[0] = g_strdup_printf (_("%s: %s"), label, attr->levels[best]);
      row[1] = fmt_share ((double) counts[(gsize) seg * attr->n_levels + best] / segment_known);
      row[2] = fmt_share ((double) totals[best] / all_known);
      table_row_take (t, row);
    }
}

static const char *
outliers_text (void)
{
  return _("Customers whose spend is far outside the rest, set apart so that they do not pull "
           "the segments towards them. Look at them one by one.");
}

static void
add_segment_cards (ScReport            *self,
                   Section             *section,
                   const Data          *d,
                   const ScSegmentInfo *s,
                   const ScRgba        *colour)
{
  Block *cards = add_cards (self, section);
  g_autofree char *share = fmt_share (s->share);
  g_autofree char *rshare = fmt_share (s->revenue_share);

  cards->accent = *colour;
  cards->has_accent = TRUE;
  /* Translators: "8.6% of customers" */
  card_take (cards, fmt_count (s->size), g_strdup_printf (_("customers, %s of all"), share));
  /* Translators: "74% of revenue" */
  card_take (cards, fmt_amount (s->revenue), g_strdup_printf (_("net revenue, %s of all"),
                                                               rshare));
  card_take (cards, fmt_amount (s->monetary), g_strdup (_("average net spend per customer")));
  if (isfinite (s->potential))
    card_take (cards, fmt_amount (s->potential),
               d->potential != NULL
               /* Translators: %u is a number of months */
               ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "expected value per customer, next %u month",
                                               "expected value per customer, next %u months",
                                               d->potential->params.horizon_months),
                                  d->potential->params.horizon_months)
               : g_strdup (_("expected value per customer")));
  else
    card_take (cards, fmt_fixed (s->frequency, 1), g_strdup (_("orders per customer")));
}

/* The profile sentence, one trait per item. */
static GPtrArray *
segment_traits (const ScSegmentInfo *s)
{
  g_auto(GStrv) parts = g_strsplit (s->profile != NULL ? s->profile : "", "; ", -1);
  GPtrArray *traits = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_ptr_array_add (traits, capitalise (parts[i]));
  return traits;
}

/* Slides: one slide per segment, whatever people wrote; the two columns below the figures
 * take the rest of the slide and shorten what does not fit. */
static void
build_segment_slide (ScReport            *self,
                     Section             *section,
                     const Data          *d,
                     const ScSegmentInfo *s,
                     const ScRgba        *colour)
{
  g_autoptr(GPtrArray) traits = segment_traits (s);
  Block *columns;
  Item *item;

  add_segment_cards (self, section, d, s, colour);
  columns = add_columns (self, section);

  if (s->description != NULL && *s->description != '\0')
    column_add (self, columns, 0, STYLE_BODY, s->description);
  else if (s->is_outliers)
    column_add (self, columns, 0, STYLE_BODY, outliers_text ());
  column_add (self, columns, 0, STYLE_H2, _("What distinguishes it"));
  for (guint i = 0; i < traits->len; i++)
    {
      item = column_add (self, columns, 0, STYLE_BODY, g_ptr_array_index (traits, i));
      item->bullet = TRUE;
      item->accent = *colour;
      item->after *= 0.5;
    }
  if (traits->len == 0)
    column_add (self, columns, 0, STYLE_BODY, _("Nothing stands out from the average customer."));

  column_add (self, columns, 1, STYLE_H2, _("Objective"));
  if (s->objective != NULL && *s->objective != '\0')
    column_add (self, columns, 1, STYLE_BODY, s->objective);
  else
    column_add (self, columns, 1, STYLE_BODY, _("Not set yet."))->muted = TRUE;
  column_add (self, columns, 1, STYLE_H2, _("Tactics"));
  if (s->tactics != NULL && *s->tactics != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (s->tactics, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (*g_strstrip (lines[i]) != '\0')
          {
            item = column_add (self, columns, 1, STYLE_BODY, lines[i]);
            item->after *= 0.5;
          }
    }
  else
    column_add (self, columns, 1, STYLE_BODY, _("Not set yet."))->muted = TRUE;
}

static void
build_segment (ScReport            *self,
               const Data          *d,
               const ScSegmentInfo *s)
{
  Section *section = add_section (self, SC_REPORT_PAGE_SEGMENT, s->name, (int) s->position);
  ScRgba colour = segment_colour (self, s);
  Block *head = add_block (self, section, BLOCK_SEGMENT_HEAD, STYLE_H1);
  const char *meaning = quadrant_meaning (sc_segment_info_get_quadrant (s));
  g_autoptr(GPtrArray) traits = NULL;

  head->text = g_strdup (s->name);
  head->text2 = details_line (s, d->run->n_segments);
  head->accent = colour;
  head->has_accent = TRUE;
  head->after = style_of (self, STYLE_H1)->after;

  if (self->format == SC_REPORT_FORMAT_SLIDES)
    {
      build_segment_slide (self, section, d, s, &colour);
      return;
    }

  if (s->description != NULL && *s->description != '\0')
    add_text (self, section, STYLE_BODY, s->description);
  else if (s->is_outliers)
    add_text (self, section, STYLE_BODY, outliers_text ());

  add_segment_cards (self, section, d, s, &colour);

  if (meaning != NULL)
    {
      const char *quadrant = sc_quadrant_to_label (sc_segment_info_get_quadrant (s));
      /* Translators: "Invest: high current value and high potential." */
      g_autofree char *text = g_strdup_printf (_("%s: %s."), quadrant, meaning);
      add_text (self, section, STYLE_CAPTION, text);
    }

  add_heading (self, section, _("What distinguishes it"));
  traits = segment_traits (s);
  for (guint i = 0; i < traits->len; i++)
    {
      Block *b = add_bullet (self, section, STYLE_BODY, g_ptr_array_index (traits, i));

      b->accent = colour;
      b->has_accent = TRUE;
    }
  if (traits->len == 0)
    add_text (self, section, STYLE_BODY, _("Nothing stands out from the average customer."));

  add_heading (self, section, _("Profile"));
  add_segment_profile (self, section, d, s);

  add_heading (self, section, _("Objective"));
  if (s->objective != NULL && *s->objective != '\0')
    add_text (self, section, STYLE_BODY, s->objective);
  else
    add_text (self, section, STYLE_BODY, _("Not set yet."))->muted = TRUE;

  add_heading (self, section, _("Tactics"));
  if (s->tactics != NULL && *s->tactics != '\0')
    add_text (self, section, STYLE_BODY, s->tactics);
  else
    add_text (self, section, STYLE_BODY, _("Not set yet."))->muted = TRUE;
}

static void
build_appendix (ScReport   *self,
                const Data *d)
{
  const ScRun *run = d->run;
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  StyleId text_style = slides ? STYLE_SMALL : STYLE_BODY;
  Section *section = add_section (self, SC_REPORT_PAGE_APPENDIX, _("Methodology"), -1);
  GString *text = g_string_new (NULL);
  g_autofree char *as_of = fmt_day (run->params.as_of);

  add_text (self, section, STYLE_H1, _("Methodology"));

  /* Data sources */
  add_heading (self, section, _("Data sources"));
  {
    static const double widths[] = { 0.24, 0.1, 0.1, 0.1, 0.11, 0.09, 0.26 };
    static const Align align[] = { ALIGN_START, ALIGN_END, ALIGN_END, ALIGN_END, ALIGN_END,
                                   ALIGN_END, ALIGN_START };
    Block *t = add_table (self, section, G_N_ELEMENTS (widths), widths, align);
    char *head[] = { g_strdup (_("File")), g_strdup (_("Rows read")), g_strdup (_("Accepted")),
                     g_strdup (_("Rejected")), g_strdup (_("Duplicates")),
                     g_strdup (_("Returns")), g_strdup (_("Dates")) };

    table_row_take (t, head);
    for (guint i = 0; i < d->imports->len; i++)
      {
        const ScImportRecord *r = &g_array_index (d->imports, ScImportRecord, i);
        g_autofree char *base = g_path_get_basename (r->path != NULL ? r->path : "");
        gboolean orders = g_strcmp0 (r->kind, "transactions") == 0;
        g_autofree char *first = orders ? sc_day_format (r->first_day) : NULL;
        g_autofree char *last = orders ? sc_day_format (r->last_day) : NULL;
        char *row[] = {
          /* Translators: "Orders: sales.csv" or "Customers: crm.csv" */
          g_strdup_printf (_("%s: %s"), orders ? _("Orders") : _("Customers"), base),
          fmt_count (r->rows_read), fmt_count (r->rows_accepted), fmt_count (r->rows_rejected),
          fmt_count (r->duplicate_rows), orders ? fmt_count (r->returns) : g_strdup ("–"),
          orders ? g_strdup_printf ("%s – %s", first, last) : g_strdup ("–"),
        };

        table_row_take (t, row);
      }
    if (d->imports->len == 0)
      {
        char *row[] = { g_strdup (_("No import recorded")), g_strdup (""), g_strdup (""),
                        g_strdup (""), g_strdup (""), g_strdup (""), g_strdup ("") };

        table_row_take (t, row);
      }
    for (guint i = 0; i < d->imports->len && !slides; i++)
      {
        const ScImportRecord *r = &g_array_index (d->imports, ScImportRecord, i);
        g_autofree char *base = g_path_get_basename (r->path != NULL ? r->path : "");
        g_autofree char *line = NULL;

        if (r->settings == NULL || *r->settings == '\0')
          continue;
        /* Translators: how a file was read: "orders.csv read as: comma-separated, …" */
        line = g_strdup_printf (_("%s read as: %s."), base, r->settings);
        add_text (self, section, STYLE_CAPTION, line);
      }
  }

  /* Features */
  add_heading (self, section, _("Features"));
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    g_autofree char *list = NULL;

    for (guint f = 0; f < run->params.n_features; f++)
      g_ptr_array_add (names, (gpointer) sc_feature_to_label (run->params.features[f]));
    list = join_names (names);
    g_string_printf (text, _("Customers are described by %s, measured as of %s (the day after "
                             "the last order). Recency is days since the last order, frequency "
                             "the number of distinct orders and monetary value the net spend, "
                             "returns deducted. Each feature is transformed with log(1 + x) "
                             "and standardised to mean 0 and standard deviation 1, so that no "
                             "feature dominates by its units."), list, as_of);
    add_text (self, section, text_style, text->str);
  }

  /* Segmentation */
  add_heading (self, section, _("Segmentation"));
  {
    g_autofree char *silhouette = fmt_fixed (run->silhouette, 3);
    g_autofree char *seed = g_strdup_printf ("%" PRIu64, run->params.seed);

    g_string_printf (text, _("k-means clustering with k-means++ initialisation, %u restarts "
                             "and seed %s, so the same data always give the same segments. "),
                     run->params.n_init, seed);
    if (run->k_auto)
      {
        g_auto(GStrv) scores = g_strsplit (run->k_scores != NULL ? run->k_scores : "", "\n", -1);
        g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
        g_autofree char *list = NULL;

        for (guint i = 0; scores[i] != NULL; i++)
          {
            char *eq = strchr (scores[i], '=');

            if (eq == NULL || *g_strstrip (scores[i]) == '\0')
              continue;
            *eq = '\0';
            g_ptr_array_add (parts, g_strdup_printf ("k = %s: %s", scores[i], eq + 1));
          }
        list = join_names (parts);
        g_string_append_printf (text, _("The number of segments, k = %u, was chosen from 2 to 8 "
                                        "as the one with the highest silhouette score"), run->k);
        if (parts->len > 0)
          g_string_append_printf (text, " (%s)", list);
        g_string_append (text, ". ");
      }
    else
      g_string_append_printf (text, _("The number of segments, k = %u, was set by hand. "), run->k);
    g_string_append_printf (text, run->silhouette_sampled
                            ? _("The silhouette score of the result is %s (-1 to 1; higher "
                                "means better separated segments), estimated on a sample of "
                                "customers. ")
                            : _("The silhouette score of the result is %s (-1 to 1; higher "
                                "means better separated segments). "),
                            silhouette);
    if (run->params.outlier_z > 0)
      {
        g_autofree char *z = fmt_fixed (run->params.outlier_z, 1);
        g_autofree char *n = fmt_count (self->n_outliers);

        g_string_append_printf (text, _("Customers whose log spend has a robust z-score (median "
                                        "and median absolute deviation) above %s are set apart "
                                        "as outliers: %s customers."), z, n);
      }
    else
      g_string_append (text, _("Outliers were not set apart."));
    add_text (self, section, text_style, text->str);
  }

  /* Customer value model */
  if (slides)
    {
      section = add_section (self, SC_REPORT_PAGE_APPENDIX, _("Methodology: value and consent"),
                             -1);
      add_text (self, section, STYLE_H1, _("Methodology: value and consent"));
    }
  add_heading (self, section, _("Customer value model"));
  if (d->potential == NULL)
    add_text (self, section, text_style, _("No customer value model has been fitted, so current "
                                           "value, potential and P(alive) are not available."));
  else
    {
      const ScPotential *p = d->potential;
      g_autofree char *until = p->params.until == G_MAXINT32 ? NULL : fmt_day (p->params.until);
      g_autofree char *r = fmt_fixed (p->bg.r, 3), *alpha = fmt_fixed (p->bg.alpha, 3);
      g_autofree char *a = fmt_fixed (p->bg.a, 3), *b = fmt_fixed (p->bg.b, 3);
      g_autofree char *ll = fmt_fixed (p->bg.log_likelihood, 1);
      g_autofree char *n = fmt_count (p->bg.customers);
      g_autofree char *rate = fmt_share (p->params.annual_discount_rate);

      g_string_printf (text, _("Purchases follow the BG/NBD model (Fader, Hardie & Lee 2005), "
                               "fitted in %s on %s customers%s%s: r = %s, α = %s, a = %s, "
                               "b = %s (log-likelihood %s%s). "),
                       p->params.unit == SC_TIME_UNIT_WEEK ? _("weeks") : _("days"), n,
                       until != NULL ? _(" with data up to ") : "", until != NULL ? until : "",
                       r, alpha, a, b, ll,
                       p->bg.converged ? "" : _("; the optimiser did not fully converge"));
      if (p->has_gg)
        {
          g_autofree char *pp = fmt_fixed (p->gg.p, 3), *q = fmt_fixed (p->gg.q, 3);
          g_autofree char *gamma = fmt_fixed (p->gg.gamma, 3);
          g_autofree char *buyers = fmt_count (p->gg.customers);
          g_autofree char *corr = fmt_fixed (p->gg.frequency_spend_correlation, 2);

          g_string_append_printf (text, _("Spend per purchase follows the Gamma-Gamma model on "
                                          "%s repeat buyers: p = %s, q = %s, γ = %s; the "
                                          "correlation of frequency and spend is %s. "),
                                  buyers, pp, q, gamma, corr);
        }
      else if (p->gg_note != NULL)
        g_string_append_printf (text, "%s ", p->gg_note);
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "Potential is the expected value of the next %u "
                                                 "month, discounted at %s a year; current value "
                                                 "is the net spend of the last %u month. ",
                                                 "Potential is the expected value of the next %u "
                                                 "months, discounted at %s a year; current value "
                                                 "is the net spend of the last %u months. ",
                                                 p->params.horizon_months),
                              p->params.horizon_months, rate, p->params.horizon_months);
      if (p->has_holdout)
        {
          g_autofree char *end = fmt_day (p->holdout_end);
          g_autofree char *mae = fmt_fixed (p->holdout_mae, 3);
          g_autofree char *ratio = fmt_fixed (p->holdout_ratio, 2);

          g_string_append_printf (text, _("Holdout check: fitted on the data up to %s and "
                                          "compared with what customers bought up to %s, the "
                                          "mean absolute error is %s purchases per customer and "
                                          "predicted ÷ actual purchases is %s."),
                                  until != NULL ? until : as_of, end, mae, ratio);
        }
      else
        g_string_append (text, _("No holdout check was made: fit the model with a calibration "
                                 "end date to compare its predictions with what happened."));
      if (!d->fresh)
        g_string_append (text, _(" The model was fitted before the latest import."));
      add_text (self, section, text_style, text->str);

      if (p->has_holdout && p->n_groups > 0 && !slides)
        {
          static const double widths[] = { 0.4, 0.2, 0.2, 0.2 };
          static const Align align[] = { ALIGN_START, ALIGN_END, ALIGN_END, ALIGN_END };
          Block *t = add_table (self, section, G_N_ELEMENTS (widths), widths, align);
          char *head[] = { g_strdup (_("Repeat purchases before the holdout")),
                           g_strdup (_("Customers")), g_strdup (_("Predicted")),
                           g_strdup (_("Actual")) };

          table_row_take (t, head);
          for (guint g = 0; g < p->n_groups; g++)
            {
              char *row[] = {
                g + 1 == p->n_groups ? g_strdup_printf (_("%u or more"), p->group_x[g])
                                     : g_strdup_printf ("%u", p->group_x[g]),
                fmt_count (p->group_customers[g]), fmt_fixed (p->group_predicted[g], 2),
                fmt_fixed (p->group_actual[g], 2),
              };

              table_row_take (t, row);
            }
        }
    }

  /* Consent */
  add_heading (self, section, _("Marketing consent"));
  {
    g_autofree char *yes = fmt_count (d->consent.consent_yes);
    g_autofree char *no = fmt_count (d->consent.consent_no);
    g_autofree char *unknown = fmt_count (d->consent.consent_unknown);
    g_autofree char *excluded = fmt_count (d->consent.excluded);

    if (!d->consent.consent_known)
      g_string_printf (text, _("The imported data record no marketing consent, so activation "
                               "exports include all %s segmented customers."), unknown);
    else if (d->consent.consent_unknown == 0)
      g_string_printf (text, _("Of the segmented customers, %s agreed to marketing and %s "
                               "refused. Activation exports leave out the %s who refused."),
                       yes, no, excluded);
    else
      g_string_printf (text, _("Of the segmented customers, %s agreed to marketing, %s refused "
                               "and for %s the data do not say. Activation exports leave out "
                               "%s customers: those who refused and, because the project "
                               "records consent, those whose consent is unknown."),
                       yes, no, unknown, excluded);
    add_text (self, section, text_style, text->str);
  }

  g_string_free (text, TRUE);
}

/* ------------------------------------------------------------------------------------------ */
/* Loading */

static gboolean
load_data (ScReport      *self,
           ScStore       *store,
           Data          *d,
           GCancellable  *cancellable,
           GError       **error)
{
  const ScRun *run = sc_charts_get_run (self->charts);
  g_autoptr(GPtrArray) attrs = NULL;
  guint32 n_store = sc_store_get_n_customers (store);

  d->run = run;
  d->features = sc_charts_get_features (self->charts);
  d->order = sc_run_priority_order (run);

  d->potential = sc_potential_load_current (store, error);
  if (d->potential == NULL && error != NULL && *error != NULL)
    return FALSE;
  d->fresh = d->potential != NULL && sc_potential_is_fresh (store, d->potential);

  /* Expected future value per segment: summed over the members when the model covers
   * them, else the segment's stored mean times its size. */
  d->expected = g_new (double, MAX (run->n_segments, 1));
  for (guint s = 0; s < run->n_segments; s++)
    d->expected[s] = isfinite (run->segments[s].potential)
                     ? run->segments[s].potential * run->segments[s].size : NAN;
  if (d->potential != NULL && d->fresh && d->potential->n >= run->n_customers)
    {
      for (guint s = 0; s < run->n_segments; s++)
        d->expected[s] = 0;
      for (guint32 i = 0; i < run->n_customers; i++)
        if (run->labels[i] < run->n_segments && isfinite (d->potential->clv[i]))
          d->expected[run->labels[i]] += d->potential->clv[i];
    }

  if (!sc_store_list_imports (store, &d->imports, error))
    return FALSE;
  if (!sc_export_consent_summary (store, run, &d->consent, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Categorical attributes with a handful of levels say who the customers are. */
  if (!sc_store_load_attributes (store, n_store, &attrs, error))
    return FALSE;
  d->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_attribute_free);
  for (guint a = 0; a < attrs->len; a++)
    {
      ScAttribute *attr = g_ptr_array_index (attrs, a);

      if (attr->categorical && attr->n_levels >= 2 && attr->n_levels <= 40 &&
          d->attributes->len < 4 && n_store >= run->n_customers)
        g_ptr_array_add (d->attributes, g_ptr_array_steal_index (attrs, a--));
    }
  d->level_counts = g_new0 (guint64 *, MAX (d->attributes->len, 1));
  for (guint a = 0; a < d->attributes->len; a++)
    {
      const ScAttribute *attr = g_ptr_array_index (d->attributes, a);
      guint64 *counts = g_new0 (guint64, (gsize) (run->n_segments + 1) * attr->n_levels);
      guint64 *totals = counts + (gsize) run->n_segments * attr->n_levels;

      for (guint32 i = 0; i < run->n_customers; i++)
        {
          gint32 code = attr->codes[i];
          guint16 label = run->labels[i];

          if (label >= run->n_segments || code < 0 || (guint) code >= attr->n_levels)
            continue;
          counts[(gsize) label * attr->n_levels + code]++;
          totals[code]++;
        }
      d->level_counts[a] = counts;
    }
  return TRUE;
}

/* The figures of the title page and the summary, over the run's customers. */
static void
compute_totals (ScReport   *self,
                const Data *d)
{
  const ScRun *run = d->run;
  const ScFeatures *f = d->features;
  const double *recency = f->values[SC_FEATURE_RECENCY];
  const double *tenure = f->values[SC_FEATURE_TENURE];
  ScDay first = G_MAXINT32, last = G_MININT32;

  for (guint32 i = 0; i < f->n; i++)
    {
      /* Customers without a transaction have no recency. */
      if (!isfinite (recency[i]))
        continue;
      self->n_customers++;
      self->n_orders += (guint64) f->values[SC_FEATURE_FREQUENCY][i];
      self->revenue += f->values[SC_FEATURE_MONETARY][i];
      last = MAX (last, f->as_of - (ScDay) recency[i]);
      if (isfinite (tenure[i]))
        first = MIN (first, f->as_of - (ScDay) tenure[i]);
    }

  for (guint s = 0; s < run->n_segments; s++)
    {
      self->n_segmented += run->segments[s].size;
      if (run->segments[s].is_outliers)
        self->n_outliers += run->segments[s].size;
      else
        self->n_clusters++;
    }

  if (first <= last)
    {
      g_autofree char *first_text = fmt_day (first);
      g_autofree char *last_text = fmt_day (last);

      /* Translators: "Orders from 1 January 2024 to 31 December 2025" */
      self->period = g_strdup_printf (_("Orders from %s to %s"), first_text, last_text);
    }
  else
    self->period = g_strdup (_("No orders"));
}

/* ------------------------------------------------------------------------------------------ */
/* GObject */

static void
sc_report_finalize (GObject *object)
{
  ScReport *self = SC_REPORT (object);

  g_clear_pointer (&self->palette, sc_palette_free);
  g_clear_pointer (&self->charts, sc_charts_free);
  g_clear_pointer (&self->migration, sc_migration_free);
  g_free (self->title);
  g_free (self->author);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_free (self->date_text);
  g_free (self->period);
  g_free (self->summary);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);

  G_OBJECT_CLASS (sc_report_parent_class)->finalize (object);
}

static void
sc_report_class_init (ScReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_report_finalize;
}

static void
sc_report_init (ScReport *self)
{
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API */

/**
 * sc_report_format_from_string:
 * @s: "a4" or "slides"
 * @format: (out): the format
 *
 * Returns: %TRUE when @s names a format
 */
gboolean
sc_report_format_from_string (const char     *s,
                              ScReportFormat *format)
{
  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  if (g_ascii_strcasecmp (s, "a4") == 0)
    *format = SC_REPORT_FORMAT_A4;
  else if (g_ascii_strcasecmp (s, "slides") == 0)
    *format = SC_REPORT_FORMAT_SLIDES;
  else
    return FALSE;
  return TRUE;
}

static char *
default_title (ScStore *store)
{
  g_autofree char *base = g_path_get_basename (sc_store_get_path (store));
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/**
 * sc_report_new:
 * @store: the project
 * @format: A4 or slides
 * @options: (nullable): title, author and date
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Reads the project's current segmentation, customer value model, imports and consent,
 * writes the text and lays out every page.  May run in a worker thread; the report holds
 * no reference to @store and may then be used from one thread at a time (painting the
 * scatter keeps a cache).
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with %SC_ERROR_NO_DATA when the
 *   project has no segments yet
 */
ScReport *
sc_report_new (ScStore                *store,
               ScReportFormat          format,
               const ScReportOptions  *options,
               GCancellable           *cancellable,
               GError                **error)
{
  g_autoptr(ScReport) self = NULL;
  g_autoptr(ScTextContext) context = NULL;
  Data d = { 0 };
  const ScRun *run;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (format == SC_REPORT_FORMAT_A4 || format == SC_REPORT_FORMAT_SLIDES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SC_TYPE_REPORT, NULL);
  self->format = format;
  self->m = format == SC_REPORT_FORMAT_A4 ? &a4_metrics : &slides_metrics;
  self->palette = sc_palette_new (FALSE);
  self->palette->font_size = self->m->chart_font;
  self->title = options != NULL && options->title != NULL && *options->title != '\0'
                ? g_strdup (options->title) : default_title (store);
  self->author = options != NULL && options->author != NULL && *options->author != '\0'
                 ? g_strdup (options->author) : NULL;
  self->date = options != NULL && options->date != NULL ? g_date_time_ref (options->date)
                                                        : g_date_time_new_now_local ();
  /* Translators: the report's date, as in "3 March 2026"; see g_date_time_format() */
  self->date_text = g_date_time_format (self->date, _("%-d %B %Y"));

  self->charts = sc_charts_new (store, cancellable, error);
  if (self->charts == NULL)
    return NULL;
  run = sc_charts_get_run (self->charts);
  if (run->n_segments == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA, _("The segmentation has no segments."));
      return NULL;
    }

  if (!load_data (self, store, &d, cancellable, error))
    {
      data_clear (&d);
      return NULL;
    }
  compute_totals (self, &d);

  build_title (self);
  build_summary (self, &d);
  build_charts (self, &d);
  build_changes (self, store, cancellable);
  for (guint i = 0; i < run->n_segments; i++)
    build_segment (self, &d, &run->segments[d.order[i]]);
  build_appendix (self, &d);
  data_clear (&d);

  context = measure_context_new ();
  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *section = g_ptr_array_index (self->sections, s);

      for (guint b = 0; b < section->blocks->len; b++)
        measure_block (self, context, g_ptr_array_index (section->blocks, b));
      paginate_section (self, context, section);
    }

  return g_steal_pointer (&self);
}

ScReportFormat
sc_report_get_format (ScReport *self)
{
  g_return_val_if_fail (SC_IS_REPORT (self), SC_REPORT_FORMAT_A4);
  return self->format;
}

guint
sc_report_get_n_pages (ScReport *self)
{
  g_return_val_if_fail (SC_IS_REPORT (self), 0);
  return self->pages->len;
}

/**
 * sc_report_get_page_size:
 * @self: a report
 * @width: (out) (optional): page width in points
 * @height: (out) (optional): page height in points
 */
void
sc_report_get_page_size (ScReport *self,
                         double   *width,
                         double   *height)
{
  g_return_if_fail (SC_IS_REPORT (self));

  if (width != NULL)
    *width = self->m->width;
  if (height != NULL)
    *height = self->m->height;
}

ScReportPageKind
sc_report_get_page_kind (ScReport *self,
                         guint     page)
{
  g_return_val_if_fail (SC_IS_REPORT (self), SC_REPORT_PAGE_TITLE);
  g_return_val_if_fail (page < self->pages->len, SC_REPORT_PAGE_TITLE);

  return ((Page *) g_ptr_array_index (self->pages, page))->kind;
}

/**
 * sc_report_get_page_title:
 * @self: a report
 * @page: a page number, from 0
 *
 * Returns: (transfer none): what the page is about, for thumbnails and the PDF outline
 */
const char *
sc_report_get_page_title (ScReport *self,
                          guint     page)
{
  g_return_val_if_fail (SC_IS_REPORT (self), NULL);
  g_return_val_if_fail (page < self->pages->len, NULL);

  return ((Page *) g_ptr_array_index (self->pages, page))->title;
}

/**
 * sc_report_get_summary:
 * @self: a report
 *
 * Returns: (transfer none): the executive summary as one paragraph
 */
const char *
sc_report_get_summary (ScReport *self)
{
  g_return_val_if_fail (SC_IS_REPORT (self), NULL);
  return self->summary;
}

/**
 * sc_report_render_page:
 * @self: a report
 * @cr: where to draw, with the page's top left corner at the origin
 * @page: a page number, from 0
 * @width: the width to draw the page at, in @cr's units
 * @height: the height
 *
 * Draws one page, background included, scaled to @width × @height: the same drawing for a
 * thumbnail, the preview and the PDF.
 */
void
sc_report_render_page (ScReport *self,
                       cairo_t  *cr,
                       guint     page,
                       double    width,
                       double    height)
{
  g_autoptr(ScTextContext) context = NULL;
  Page *p;

  g_return_if_fail (SC_IS_REPORT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);
  g_return_if_fail (width > 0 && height > 0);

  p = g_ptr_array_index (self->pages, page);

  cairo_save (cr);
  cairo_scale (cr, width / self->m->width, height / self->m->height);
  cairo_rectangle (cr, 0, 0, self->m->width, self->m->height);
  cairo_clip (cr);
  set_colour (cr, &self->palette->background, 1.0);
  cairo_paint (cr);

  context = render_context_new (cr);
  if (p->kind == SC_REPORT_PAGE_TITLE)
    draw_title_page (self, cr, context);
  else
    {
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, self->m->width,
                       self->m->height - self->m->margin_bottom + 2);
      cairo_clip (cr);
      for (guint i = 0; i < p->placements->len; i++)
        draw_placement (self, cr, context, &g_array_index (p->placements, Placement, i));
      cairo_restore (cr);
      if (p->continued)
        draw_text (self, cr, context, STYLE_FOOTER, FALSE, p->title, self->m->margin_x,
                   self->m->margin_top * 0.45, content_width (self), FALSE);
      draw_footer (self, cr, context, page);
    }
  cairo_restore (cr);
}

static char *
pdf_date (GDateTime *date)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * sc_report_save_pdf:
 * @self: a report
 * @path: the PDF file to write
 * @progress: (nullable): called after each page
 * @progress_data: its data
 * @cancellable: (nullable): polled between pages
 * @error: return location for an error
 *
 * Writes the report as a PDF with embedded fonts, the document's title, author, subject,
 * creator and date, and an outline of its sections.  The file appears complete or not at
 * all: it is written beside @path and renamed over it at the end.
 *
 * Returns: %TRUE on success
 */
gboolean
sc_report_save_pdf (ScReport       *self,
                    const char     *path,
                    ScProgressFunc  progress,
                    gpointer        progress_data,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *doc_title = NULL;
  g_autofree char *date = NULL;
  g_autofree char *keywords = NULL;
  const ScRun *run;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int fd, segments_outline = 0;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (SC_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tmp = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  g_close (fd, NULL);

  run = sc_charts_get_run (self->charts);
  /* Translators: the PDF's title: "Acme 2025 — Customer segments" */
  doc_title = g_strdup_printf (_("%s — Customer segments"), self->title);
  date = pdf_date (self->date);
  {
    GString *k = g_string_new (NULL);

    for (guint s = 0; s < run->n_segments; s++)
      g_string_append_printf (k, "%s%s", s > 0 ? ", " : "", run->segments[s].name);
    keywords = g_string_free (k, FALSE);
  }

  surface = cairo_pdf_surface_create (tmp, self->m->width, self->m->height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc_title);
  if (self->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  self->format == SC_REPORT_FORMAT_A4
                                  ? _("Customer segments report") : _("Customer segments slides"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Segments");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  cr = cairo_create (surface);

  for (guint i = 0; i < self->pages->len; i++)
    {
      Page *p = g_ptr_array_index (self->pages, i);

      if (g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      sc_report_render_page (self, cr, i, self->m->width, self->m->height);

      if (!p->continued)
        {
          g_autofree char *link = g_strdup_printf ("page=%u", i + 1);

          if (p->kind == SC_REPORT_PAGE_SEGMENT)
            {
              if (segments_outline == 0)
                segments_outline = cairo_pdf_surface_add_outline (surface,
                                                                  CAIRO_PDF_OUTLINE_ROOT,
                                                                  _("Segments"), link,
                                                                  CAIRO_PDF_OUTLINE_FLAG_OPEN);
              cairo_pdf_surface_add_outline (surface, segments_outline, p->title, link, 0);
            }
          else
            cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, p->title, link, 0);
        }
      cairo_show_page (cr);
      if (progress != NULL)
        progress ((double) (i + 1) / self->pages->len, _("Writing the report"), progress_data);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (cancelled || status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      if (cancelled)
        g_cancellable_set_error_if_cancelled (cancellable, error);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                     cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * sc_report_write_pdf:
 * @store: the project
 * @path: the PDF file to write
 * @format: A4 or slides
 * @options: (nullable): title, author and date
 * @progress: (nullable): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Makes the report of the project's current segmentation and writes it; see
 * sc_report_new() and sc_report_save_pdf().
 *
 * Returns: %TRUE on success
 */
gboolean
sc_report_write_pdf (ScStore                *store,
                     const char             *path,
                     ScReportFormat          format,
                     const ScReportOptions  *options,
                     ScProgressFunc          progress,
                     gpointer                progress_data,
                     GCancellable           *cancellable,
                     GError                **error)
{
  g_autoptr(ScReport) report = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (progress != NULL)
    progress (0.0, _("Preparing the report"), progress_data);
  report = sc_report_new (store, format, options, cancellable, error);
  if (report == NULL)
    return FALSE;
  return sc_report_save_pdf (report, path, progress, progress_data, cancellable, error);
}
