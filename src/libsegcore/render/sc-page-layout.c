/* sc-page-layout.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The page-layout engine: each section is a list of blocks, measured with Pango and
 * flowed onto pages.  Paragraphs split between lines and tables between rows, so a long
 * text continues on the next page instead of being clipped; headings stay with what
 * follows them.  Drawing a page then only draws what the layout placed.
 *
 * Text is measured and drawn with unhinted metrics and unrounded glyph positions, so a
 * line breaks at the same word at any zoom: a thumbnail, a preview and a PDF show the
 * same pages. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "sc-page-layout-private.h"
#include "sc-render-util-private.h"

static void
block_free (ScBlock *b)
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
item_free (ScColumnItem *item)
{
  g_free (item->text);
  g_free (item);
}

static void
section_free (ScSection *s)
{
  g_free (s->title);
  g_ptr_array_unref (s->blocks);
  g_free (s);
}

static void
page_free (ScPage *p)
{
  g_free (p->title);
  g_array_unref (p->placements);
  g_free (p);
}

/* ------------------------------------------------------------------------------------------ */
/* Text */

static const ScPageStyle *
style_of (ScPageLayout *self,
          ScPageStyleId id)
{
  return &self->m->styles[id];
}

/* Unhinted metrics and unrounded positions: text lays out the same at every scale. */
void
_sc_page_set_text_options (PangoContext *context)
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

  _sc_page_set_text_options (context);
  return context;
}

static PangoLayout *
text_layout (ScPageLayout *self,
             PangoContext *context,
             ScPageStyleId style_id,
             gboolean      bold,
             const char   *text,
             double        width)
{
  const ScPageStyle *style = style_of (self, style_id);
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
PangoLayout *
_sc_page_dir (PangoLayout *layout)
{
  pango_layout_set_auto_dir (layout, FALSE);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  double height;

  _sc_text_size (layout, NULL, &height);
  return height;
}

/* ------------------------------------------------------------------------------------------ */
/* Building blocks */

ScSection *
sc_page_layout_add_section (ScPageLayout *self,
                            int           kind,
                            const char   *title,
                            int           tag)
{
  ScSection *s = g_new0 (ScSection, 1);

  s->layout = self;
  s->kind = kind;
  s->title = g_strdup (title);
  s->tag = tag;
  s->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  g_ptr_array_add (self->sections, s);
  return s;
}

ScBlock *
sc_section_add_block (ScSection    *section,
                      ScBlockKind   kind,
                      ScPageStyleId style)
{
  ScBlock *b = g_new0 (ScBlock, 1);

  b->layout = section->layout;
  b->kind = kind;
  b->style = style;
  b->before = style_of (section->layout, style)->before;
  b->after = style_of (section->layout, style)->after;
  g_ptr_array_add (section->blocks, b);
  return b;
}

ScBlock *
sc_section_add_text (ScSection    *section,
                     ScPageStyleId style,
                     const char   *text)
{
  ScBlock *b = sc_section_add_block (section, SC_BLOCK_TEXT, style);

  b->text = g_strdup (text);
  b->keep_with_next = style == SC_STYLE_H1 || style == SC_STYLE_H2 || style == SC_STYLE_KICKER;
  return b;
}

ScBlock *
sc_section_add_bullet (ScSection    *section,
                       ScPageStyleId style,
                       const char   *text)
{
  ScBlock *b = sc_section_add_text (section, style, text);

  b->bullet = TRUE;
  b->after = style_of (section->layout, style)->after * 0.6;
  return b;
}

void
sc_section_add_heading (ScSection  *section,
                        const char *text)
{
  sc_section_add_text (section, SC_STYLE_H2, text);
}

ScBlock *
sc_section_add_table (ScSection     *section,
                      guint          n_cols,
                      const double  *widths,
                      const ScAlign *align)
{
  ScBlock *b = sc_section_add_block (section, SC_BLOCK_TABLE, SC_STYLE_TABLE);

  b->n_cols = n_cols;
  b->col_width = g_memdup2 (widths, sizeof (double) * n_cols);
  b->col_align = g_memdup2 (align, sizeof (ScAlign) * n_cols);
  b->cells = g_ptr_array_new_with_free_func (g_free);
  return b;
}

/* Appends a row of n_cols strings, taking them. */
void
sc_block_add_row (ScBlock *table,
                  char   **cells)
{
  for (guint c = 0; c < table->n_cols; c++)
    g_ptr_array_add (table->cells, cells[c]);
}

static guint
table_n_body_rows (const ScBlock *b)
{
  return b->cells->len / b->n_cols - 1;
}

void
sc_block_set_swatch (ScBlock      *table,
                     guint         row,
                     const ScRgba *colour)
{
  guint n = table_n_body_rows (table);

  if (table->row_swatch == NULL)
    table->row_swatch = g_array_new (FALSE, TRUE, sizeof (ScRgba));
  if (table->row_swatch->len < MAX (n, row + 1))
    g_array_set_size (table->row_swatch, MAX (n, row + 1));
  g_array_index (table->row_swatch, ScRgba, row) = *colour;
}

ScBlock *
sc_section_add_cards (ScSection *section)
{
  ScBlock *b = sc_section_add_block (section, SC_BLOCK_CARDS, SC_STYLE_CARD_VALUE);

  b->after = style_of (section->layout, SC_STYLE_BODY)->after * 2;
  b->card_values = g_ptr_array_new_with_free_func (g_free);
  b->card_labels = g_ptr_array_new_with_free_func (g_free);
  return b;
}

void
sc_block_add_card (ScBlock *cards,
                   char    *value,
                   char    *label)
{
  g_ptr_array_add (cards->card_values, value);
  g_ptr_array_add (cards->card_labels, label);
}

ScBlock *
sc_section_add_chart (ScSection *section,
                      guint      chart,
                      double     height)
{
  ScBlock *b;

  /* A chart's caption stays with it. */
  if (section->blocks->len > 0)
    {
      ScBlock *prev = g_ptr_array_index (section->blocks, section->blocks->len - 1);

      if (prev->kind == SC_BLOCK_TEXT && prev->style == SC_STYLE_CAPTION)
        prev->keep_with_next = TRUE;
    }
  b = sc_section_add_block (section, SC_BLOCK_CHART, SC_STYLE_BODY);
  b->chart = chart;
  b->chart_height = height;
  b->after = style_of (section->layout, SC_STYLE_BODY)->after;
  return b;
}

ScBlock *
sc_section_add_columns (ScSection *section)
{
  ScBlock *b = sc_section_add_block (section, SC_BLOCK_COLUMNS, SC_STYLE_BODY);

  for (guint c = 0; c < 2; c++)
    b->columns[c] = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  return b;
}

ScColumnItem *
sc_block_add_item (ScBlock      *columns,
                   guint         column,
                   ScPageStyleId style,
                   const char   *text)
{
  ScColumnItem *item = g_new0 (ScColumnItem, 1);

  item->style = style;
  item->text = g_strdup (text);
  item->before = style_of (columns->layout, style)->before;
  item->after = style_of (columns->layout, style)->after;
  g_ptr_array_add (columns->columns[column], item);
  return item;
}

/* A chart that takes the rest of the page, between min_height and max_height. */
void
sc_section_add_fill_chart (ScSection *section,
                           guint      chart,
                           double     min_height,
                           double     max_height)
{
  ScBlock *b = sc_section_add_chart (section, chart, max_height);

  b->fill_min = MIN (min_height, max_height);
}

/* ------------------------------------------------------------------------------------------ */
/* Measuring */

static double
content_width (ScPageLayout *self)
{
  return self->m->width - 2 * self->m->margin_x;
}

static double
content_height (ScPageLayout *self)
{
  return self->m->height - self->m->margin_top - self->m->margin_bottom;
}

static void
measure_text_block (ScPageLayout *self,
                    PangoContext *context,
                    ScBlock      *b)
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

double
_sc_page_cell_left_pad (ScPageLayout  *self,
                        const ScBlock *b,
                        guint          col)
{
  double pad = self->m->cell_pad_x;

  /* Room for the segment's colour swatch. */
  if (col == b->swatch_col && b->row_swatch != NULL)
    pad += style_of (self, SC_STYLE_TABLE)->size * 0.9 + self->m->cell_pad_x;
  return pad;
}

double
_sc_page_cell_text_width (ScPageLayout  *self,
                          const ScBlock *b,
                          guint          col)
{
  return MAX (b->col_width[col] * content_width (self) - _sc_page_cell_left_pad (self, b, col) -
              self->m->cell_pad_x, 10.0);
}

static double
table_row_height (ScPageLayout  *self,
                  PangoContext  *context,
                  const ScBlock *b,
                  guint          row)
{
  double h = 0;

  for (guint c = 0; c < b->n_cols; c++)
    {
      const char *text = g_ptr_array_index (b->cells, row * b->n_cols + c);
      ScPageStyleId style = row == 0 ? SC_STYLE_TABLE_HEAD : SC_STYLE_TABLE;
      g_autoptr(PangoLayout) layout = _sc_page_dir (text_layout (self, context, style, FALSE, text,
                                                                 _sc_page_cell_text_width (self, b,
                                                                                           c)));

      h = MAX (h, layout_height (layout));
    }
  return h + 2 * self->m->cell_pad_y;
}

/* The width, as a share of the content, that column @col needs so that none of its figures
 * breaks inside its digits and no word of its header breaks: its widest body cell on one
 * line and its header's widest word, with the cell's padding. */
static double
figure_column_need (ScPageLayout  *self,
                    PangoContext  *context,
                    const ScBlock *b,
                    guint          col)
{
  guint rows = table_n_body_rows (b);
  const char *head = g_ptr_array_index (b->cells, col);
  g_auto(GStrv) words = g_strsplit (head != NULL ? head : "", " ", -1);
  double need = 0;

  for (guint r = 0; r <= rows; r++)
    {
      const char *text = g_ptr_array_index (b->cells, r * b->n_cols + col);
      PangoLayout *layout;
      double w;

      if (r == 0 || text == NULL || *text == '\0')
        continue;
      layout = text_layout (self, context, SC_STYLE_TABLE, FALSE, text, -1);
      _sc_text_size (layout, &w, NULL);
      g_object_unref (layout);
      need = MAX (need, w);
    }
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = text_layout (self, context, SC_STYLE_TABLE_HEAD, FALSE,
                                                   words[i], -1);
      double w;

      _sc_text_size (layout, &w, NULL);
      need = MAX (need, w);
    }
  return (need + 1 + _sc_page_cell_left_pad (self, b, col) + self->m->cell_pad_x) /
         content_width (self);
}

/* Figures are never broken inside their digits ("JPY 9,129,9 / 03"): a figure column (one
 * aligned to the end) too narrow for its widest figure takes the room it lacks from the
 * columns that can spare it — figure columns wider than their widest figure, then text
 * columns, each down to two thirds of its width.  A table whose figures fit keeps the widths
 * it was given. */
static void
fit_figure_columns (ScPageLayout *self,
                    PangoContext *context,
                    ScBlock      *b)
{
  g_autofree double *need = g_new0 (double, b->n_cols);
  g_autofree double *spare = g_new0 (double, b->n_cols);
  double lacking = 0, spare_total = 0;

  for (guint c = 0; c < b->n_cols; c++)
    if (b->col_align[c] == SC_ALIGN_END)
      {
        need[c] = figure_column_need (self, context, b, c);
        if (need[c] > b->col_width[c])
          lacking += need[c] - b->col_width[c];
        else
          spare[c] = b->col_width[c] - need[c];
      }
    else
      spare[c] = b->col_width[c] / 3;
  if (lacking <= 0)
    return;
  for (guint c = 0; c < b->n_cols; c++)
    spare_total += spare[c];
  if (spare_total <= 0)
    return;
  for (guint c = 0; c < b->n_cols; c++)
    {
      if (b->col_align[c] == SC_ALIGN_END && need[c] > b->col_width[c])
        b->col_width[c] += (need[c] - b->col_width[c]) * MIN (1.0, spare_total / lacking);
      else
        b->col_width[c] -= spare[c] * MIN (1.0, lacking / spare_total);
    }
}

static void
measure_table (ScPageLayout *self,
               PangoContext *context,
               ScBlock      *b)
{
  guint rows = table_n_body_rows (b);

  fit_figure_columns (self, context, b);
  b->header_height = table_row_height (self, context, b, 0);
  b->n_units = rows;
  b->unit_top = g_new0 (double, rows + 1);
  for (guint r = 0; r < rows; r++)
    b->unit_top[r + 1] = b->unit_top[r] + table_row_height (self, context, b, r + 1);
}

/* A card's figure on one line: a figure wider than the card ("EUR 2,659,685" in a quarter
 * of the page) is set smaller, down to two thirds of the size, rather than broken or
 * clipped. */
PangoLayout *
_sc_page_card_value (ScPageLayout *self,
                     PangoContext *context,
                     const char   *text,
                     double        width)
{
  PangoLayout *layout = _sc_page_dir (text_layout (self, context, SC_STYLE_CARD_VALUE, FALSE,
                                                   text, -1));
  double natural;

  _sc_text_size (layout, &natural, NULL);
  if (natural > width && width > 0)
    {
      PangoFontDescription *desc = pango_font_description_copy (pango_layout_get_font_description (layout));
      double size = style_of (self, SC_STYLE_CARD_VALUE)->size;

      /* A figure is shrunk to fit rather than broken inside its digits ("8,750,83 / 8"):
       * amounts read in full, as in the application and the CLI.  Only a figure that does
       * not fit at half size wraps, at a word. */
      pango_font_description_set_absolute_size (desc, MAX (size * width / natural, size / 2)
                                                      * PANGO_SCALE);
      pango_layout_set_font_description (layout, desc);
      pango_font_description_free (desc);
      pango_layout_set_width (layout, (int) floor (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
    }
  return layout;
}

double
_sc_page_card_width (ScPageLayout  *self,
                     const ScBlock *b)
{
  guint n = b->card_values->len;

  return (content_width (self) - (n - 1) * self->m->card_gap) / n;
}

static void
measure_cards (ScPageLayout *self,
               PangoContext *context,
               ScBlock      *b)
{
  double w = _sc_page_card_width (self, b) - 2 * self->m->card_pad;
  double value_h = 0, label_h = 0;

  for (guint i = 0; i < b->card_values->len; i++)
    {
      const char *value = g_ptr_array_index (b->card_values, i);
      const char *label = g_ptr_array_index (b->card_labels, i);
      g_autoptr(PangoLayout) v = _sc_page_card_value (self, context, value, w);
      g_autoptr(PangoLayout) l = _sc_page_dir (text_layout (self, context, SC_STYLE_CARD_LABEL,
                                                            FALSE, label, w));

      value_h = MAX (value_h, layout_height (v));
      label_h = MAX (label_h, layout_height (l));
    }
  b->n_units = 1;
  b->unit_top = g_new0 (double, 2);
  b->unit_top[1] = 2 * self->m->card_pad + value_h + 2 + label_h;
}

double
_sc_page_swatch_size (ScPageLayout *self)
{
  return style_of (self, SC_STYLE_H1)->size * 0.75;
}

static void
measure_swatch_head (ScPageLayout *self,
                     PangoContext *context,
                     ScBlock      *b)
{
  double indent = _sc_page_swatch_size (self) + self->m->card_gap;
  double width = content_width (self) - indent;
  g_autoptr(PangoLayout) name = _sc_page_dir (text_layout (self, context, SC_STYLE_H1, FALSE,
                                                           b->text, width));
  g_autoptr(PangoLayout) meta = _sc_page_dir (text_layout (self, context, SC_STYLE_BODY, FALSE,
                                                           b->text2, width));

  b->n_units = 1;
  b->unit_top = g_new0 (double, 2);
  b->unit_top[1] = layout_height (name) + 4 + layout_height (meta);
}

double
_sc_page_column_width (ScPageLayout *self)
{
  return (content_width (self) - 2 * self->m->card_gap) / 2;
}

double
_sc_page_item_indent (ScPageLayout       *self,
                      const ScColumnItem *item)
{
  return item->bullet ? self->m->bullet_indent : 0;
}

static void
measure_columns (ScPageLayout *self,
                 PangoContext *context,
                 ScBlock      *b)
{
  double natural = 0;

  for (guint c = 0; c < 2; c++)
    {
      double h = 0;

      for (guint i = 0; i < b->columns[c]->len; i++)
        {
          ScColumnItem *item = g_ptr_array_index (b->columns[c], i);
          g_autoptr(PangoLayout) layout = text_layout (self, context, item->style, FALSE,
                                                       item->text,
                                                       _sc_page_column_width (self) -
                                                       _sc_page_item_indent (self, item));

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
fit_columns (ScPageLayout *self,
             PangoContext *context,
             ScBlock      *b,
             double        avail)
{
  double used = 0;

  for (guint c = 0; c < 2; c++)
    {
      double h = 0;
      gboolean full = FALSE;

      for (guint i = 0; i < b->columns[c]->len; i++)
        {
          ScColumnItem *item = g_ptr_array_index (b->columns[c], i);
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
                                                           _sc_page_column_width (self) -
                                                           _sc_page_item_indent (self, item));
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
              if (item->style == SC_STYLE_H2)
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
measure_block (ScPageLayout *self,
               PangoContext *context,
               ScBlock      *b)
{
  switch (b->kind)
    {
    case SC_BLOCK_TEXT:
      measure_text_block (self, context, b);
      break;
    case SC_BLOCK_TABLE:
      measure_table (self, context, b);
      break;
    case SC_BLOCK_CARDS:
      measure_cards (self, context, b);
      break;
    case SC_BLOCK_SWATCH_HEAD:
      measure_swatch_head (self, context, b);
      break;
    case SC_BLOCK_COLUMNS:
      measure_columns (self, context, b);
      break;
    case SC_BLOCK_CHART:
    default:
      b->n_units = 1;
      b->unit_top = g_new0 (double, 2);
      b->unit_top[1] = b->chart_height;
      break;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Pagination */

static ScPage *
new_page (ScPageLayout    *self,
          const ScSection *section,
          gboolean         continued)
{
  ScPage *p = g_new0 (ScPage, 1);

  p->kind = section->kind;
  p->tag = section->tag;
  p->continued = continued;
  p->title = continued ? g_strdup_printf (_("%s (continued)"), section->title)
                       : g_strdup (section->title);
  p->placements = g_array_new (FALSE, TRUE, sizeof (ScPlacement));
  g_ptr_array_add (self->pages, p);
  return p;
}

double
_sc_page_units_height (const ScBlock *b,
                       guint          first,
                       guint          last)
{
  return b->unit_top[last] - b->unit_top[first];
}

static double
first_unit_height (const ScBlock *b)
{
  if (b->kind == SC_BLOCK_CHART && b->fill_min > 0)
    return b->fill_min;
  return b->header_height + (b->n_units > 0 ? _sc_page_units_height (b, 0, 1) : 0);
}

/* The room a heading needs on this page: itself, the blocks kept with it (a caption), and
 * the first line, row or chart of what they introduce. */
static double
kept_height (ScSection *section,
             guint      i)
{
  double need = 0;

  for (; i < section->blocks->len; i++)
    {
      const ScBlock *b = g_ptr_array_index (section->blocks, i);

      if (!b->keep_with_next || i + 1 == section->blocks->len)
        return need + b->before + first_unit_height (b);
      need += b->before + _sc_page_units_height (b, 0, b->n_units) + b->after;
    }
  return need;
}

static void
paginate_section (ScPageLayout *self,
                  PangoContext *context,
                  ScSection    *section)
{
  double top = self->m->margin_top;
  double bottom = self->m->height - self->m->margin_bottom;
  ScPage *page = new_page (self, section, FALSE);
  double y = top;

  for (guint i = 0; i < section->blocks->len; i++)
    {
      ScBlock *b = g_ptr_array_index (section->blocks, i);
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
          ScPlacement pl;

          if (b->kind == SC_BLOCK_CHART && b->fill_min > 0)
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
          if (b->kind == SC_BLOCK_COLUMNS && _sc_page_units_height (b, 0, 1) > avail)
            b->unit_top[1] = fit_columns (self, context, b, MAX (avail, 0));

          while (last < b->n_units && _sc_page_units_height (b, unit, last + 1) <= avail + 0.01)
            last++;
          /* Two lines of a paragraph at least, or none, at the foot of a page. */
          if (b->kind == SC_BLOCK_TEXT && last == unit + 1 && b->n_units - unit > 1 && y > top)
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
          y = pl.y + b->header_height + _sc_page_units_height (b, unit, last);
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
/* The layout */

ScPageLayout *
sc_page_layout_new (const ScPageMetrics *metrics,
                    const ScPalette     *palette,
                    ScPageChartFunc      paint_chart,
                    gpointer             chart_data)
{
  ScPageLayout *self = g_new0 (ScPageLayout, 1);

  self->m = metrics;
  self->palette = palette;
  self->paint_chart = paint_chart;
  self->chart_data = chart_data;
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  return self;
}

void
sc_page_layout_free (ScPageLayout *self)
{
  g_free (self->footer);
  g_ptr_array_unref (self->pages);
  g_ptr_array_unref (self->sections);
  g_free (self);
}

/* The footer's text at the start; the page number is at the end. */
void
sc_page_layout_set_footer (ScPageLayout *self,
                           const char   *footer)
{
  g_free (self->footer);
  self->footer = g_strdup (footer);
}

const ScPageStyle *
sc_page_layout_get_style (ScPageLayout *self,
                          ScPageStyleId style)
{
  return style_of (self, style);
}

double
sc_page_layout_content_width (ScPageLayout *self)
{
  return content_width (self);
}

double
sc_page_layout_content_height (ScPageLayout *self)
{
  return content_height (self);
}

/* Measures every block and flows each section onto pages. */
void
sc_page_layout_flow (ScPageLayout *self)
{
  g_autoptr(ScTextContext) context = measure_context_new ();

  for (guint s = 0; s < self->sections->len; s++)
    {
      ScSection *section = g_ptr_array_index (self->sections, s);

      for (guint b = 0; b < section->blocks->len; b++)
        measure_block (self, context, g_ptr_array_index (section->blocks, b));
      paginate_section (self, context, section);
    }
}

guint
sc_page_layout_get_n_pages (ScPageLayout *self)
{
  return self->pages->len;
}

const ScPage *
sc_page_layout_get_page (ScPageLayout *self,
                         guint         page)
{
  g_return_val_if_fail (page < self->pages->len, NULL);

  return g_ptr_array_index (self->pages, page);
}

PangoContext *
sc_page_layout_measure_context_new (void)
{
  return measure_context_new ();
}

PangoLayout *
sc_page_layout_text (ScPageLayout *self,
                     PangoContext *context,
                     ScPageStyleId style,
                     gboolean      bold,
                     const char   *text,
                     double        width)
{
  return text_layout (self, context, style, bold, text, width);
}

double
sc_page_layout_text_height (PangoLayout *layout)
{
  return layout_height (layout);
}

