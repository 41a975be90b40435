/* sc-page-draw.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Draws a page of an ScPageLayout: only what the layout placed, with the same unhinted
 * text options as the measuring, so that lines break where they were measured. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "sc-page-layout-private.h"
#include "sc-render-util-private.h"

/* A Pango context for @cr with the layout's text options (unhinted metrics, unrounded
 * positions), so that text breaks alike at every zoom. */
PangoContext *
sc_page_layout_render_context_new (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);

  _sc_page_set_text_options (context);
  pango_cairo_update_context (cr, context);
  return context;
}

static const ScRgba *
text_colour (ScPageLayout *self,
             ScPageStyleId style,
             gboolean      muted)
{
  return sc_page_layout_get_style (self, style)->muted || muted ? &self->palette->muted
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

/* One paragraph in a style, from (@x, @y), @width wide, aligned to the start or the end of
 * the line: the footer, card labels and the report's cover. */
void
sc_page_layout_draw_text (ScPageLayout *self,
                          cairo_t      *cr,
                          PangoContext *context,
                          ScPageStyleId style,
                          gboolean      muted,
                          const char   *text,
                          double        x,
                          double        y,
                          double        width,
                          gboolean      align_end)
{
  g_autoptr(PangoLayout) layout = _sc_page_dir (sc_page_layout_text (self, context, style, FALSE,
                                                                     text,
                                                                     width));

  if (align_end)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  _sc_set_source (cr, text_colour (self, style, muted), 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A line in the footer's style that never wraps: the footer and the running title of a
 * continued page, whose room is one line above the page's edge.  A text longer than @width
 * (a long report title) ends in an ellipsis rather than running off the page. */
static void
draw_one_line (ScPageLayout *self,
               cairo_t      *cr,
               PangoContext *context,
               const char   *text,
               double        x,
               double        y,
               double        width)
{
  g_autoptr(PangoLayout) layout = _sc_page_dir (sc_page_layout_text (self, context,
                                                                     SC_STYLE_FOOTER, FALSE,
                                                                     text, width));

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  _sc_set_source (cr, text_colour (self, SC_STYLE_FOOTER, FALSE), 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_text_block (ScPageLayout      *self,
                 cairo_t           *cr,
                 PangoContext      *context,
                 const ScPlacement *pl)
{
  const ScBlock *b = pl->block;
  double x = self->m->margin_x;
  double indent = b->bullet ? self->m->bullet_indent : 0;
  double width = sc_page_layout_content_width (self) - indent;
  g_autoptr(PangoLayout) layout = sc_page_layout_text (self, context, b->style, FALSE, b->text,
                                                       width);

  _sc_set_source (cr, text_colour (self, b->style, b->muted), 1.0);
  if (b->bullet && pl->first == 0)
    {
      g_autoptr(PangoLayout) dot = sc_page_layout_text (self, context, b->style, TRUE, "•", 0);

      if (b->has_accent)
        _sc_set_source (cr, &b->accent, 1.0);
      cairo_move_to (cr, x + indent * 0.15, pl->y);
      pango_cairo_show_layout (cr, dot);
      _sc_set_source (cr, text_colour (self, b->style, b->muted), 1.0);
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
  _sc_rounded_rect (cr, x, y, size, size, size * 0.22);
  _sc_set_source (cr, colour, 1.0);
  cairo_fill (cr);
}

static void
draw_table_row (ScPageLayout  *self,
                cairo_t       *cr,
                PangoContext  *context,
                const ScBlock *b,
                guint          row,
                double         y,
                double         height)
{
  double x = self->m->margin_x;
  ScPageStyleId style = row == 0 ? SC_STYLE_TABLE_HEAD : SC_STYLE_TABLE;

  for (guint c = 0; c < b->n_cols; c++)
    {
      const char *text = g_ptr_array_index (b->cells, row * b->n_cols + c);
      double w = _sc_page_cell_text_width (self, b, c);
      double left = _sc_page_cell_left_pad (self, b, c);
      g_autoptr(PangoLayout) layout = _sc_page_dir (sc_page_layout_text (self, context, style,
                                                                         FALSE, text,
                                                                         w));

      if (b->col_align[c] == SC_ALIGN_END)
        pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      if (c == b->swatch_col && row > 0 && b->row_swatch != NULL &&
          row - 1 < b->row_swatch->len &&
          g_array_index (b->row_swatch, ScRgba, row - 1).a > 0)
        {
          double text_size = sc_page_layout_get_style (self, SC_STYLE_TABLE)->size;
          double size = text_size * 0.9;

          draw_swatch (cr, &g_array_index (b->row_swatch, ScRgba, row - 1),
                       x + self->m->cell_pad_x,
                       y + self->m->cell_pad_y + (text_size * 1.25 - size) / 2, size);
        }
      _sc_set_source (cr, text_colour (self, style, FALSE), 1.0);
      cairo_move_to (cr, x + left, y + self->m->cell_pad_y);
      pango_cairo_show_layout (cr, layout);
      x += b->col_width[c] * sc_page_layout_content_width (self);
    }

  /* A rule under each row; a stronger one under the header. */
  cairo_set_line_width (cr, row == 0 ? 0.9 : 0.5);
  _sc_set_source (cr, row == 0 ? &self->palette->muted : &self->palette->grid, 1.0);
  cairo_move_to (cr, self->m->margin_x, y + height);
  cairo_line_to (cr, self->m->margin_x + sc_page_layout_content_width (self), y + height);
  cairo_stroke (cr);
}

static void
draw_table (ScPageLayout      *self,
            cairo_t           *cr,
            PangoContext      *context,
            const ScPlacement *pl)
{
  const ScBlock *b = pl->block;
  double y = pl->y;

  draw_table_row (self, cr, context, b, 0, y, b->header_height);
  y += b->header_height;
  for (guint r = pl->first; r < pl->last; r++)
    {
      double h = _sc_page_units_height (b, r, r + 1);

      draw_table_row (self, cr, context, b, r + 1, y, h);
      y += h;
    }
}

static void
draw_cards (ScPageLayout      *self,
            cairo_t           *cr,
            PangoContext      *context,
            const ScPlacement *pl)
{
  const ScBlock *b = pl->block;
  double w = _sc_page_card_width (self, b);
  double h = _sc_page_units_height (b, 0, 1);
  double pad = self->m->card_pad;
  const ScRgba *accent = b->has_accent ? &b->accent : &self->palette->segments[0];

  for (guint i = 0; i < b->card_values->len; i++)
    {
      double x = self->m->margin_x + i * (w + self->m->card_gap);
      double r = MIN (6.0, pad);
      g_autoptr(PangoLayout) value = NULL;

      _sc_rounded_rect (cr, x, pl->y, w, h, r);
      _sc_set_source (cr, accent, 0.09);
      cairo_fill (cr);
      cairo_rectangle (cr, x, pl->y + r, 3, h - 2 * r);
      _sc_set_source (cr, accent, 1.0);
      cairo_fill (cr);

      value = _sc_page_card_value (self, context, g_ptr_array_index (b->card_values, i),
                                   w - 2 * pad);
      _sc_set_source (cr, &self->palette->foreground, 1.0);
      cairo_move_to (cr, x + pad, pl->y + pad);
      pango_cairo_show_layout (cr, value);
      sc_page_layout_draw_text (self, cr, context, SC_STYLE_CARD_LABEL, FALSE,
                                g_ptr_array_index (b->card_labels, i), x + pad,
                                pl->y + pad + sc_page_layout_text_height (value) + 2,
                                w - 2 * pad, FALSE);
    }
}

static void
draw_swatch_head (ScPageLayout      *self,
                  cairo_t           *cr,
                  PangoContext      *context,
                  const ScPlacement *pl)
{
  const ScBlock *b = pl->block;
  double size = _sc_page_swatch_size (self);
  double indent = size + self->m->card_gap;
  double x = self->m->margin_x;
  double width = sc_page_layout_content_width (self) - indent;
  g_autoptr(PangoLayout) name = _sc_page_dir (sc_page_layout_text (self, context, SC_STYLE_H1,
                                                                   FALSE, b->text, width));
  double name_h = sc_page_layout_text_height (name);
  PangoLayoutIter *iter = pango_layout_get_iter (name);
  double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

  pango_layout_iter_free (iter);
  draw_swatch (cr, &b->accent, x, pl->y + baseline - size * 0.95, size);
  _sc_set_source (cr, &self->palette->foreground, 1.0);
  cairo_move_to (cr, x + indent, pl->y);
  pango_cairo_show_layout (cr, name);
  sc_page_layout_draw_text (self, cr, context, SC_STYLE_BODY, TRUE, b->text2, x + indent,
                            pl->y + name_h + 4, width, FALSE);
}

static void
draw_chart (ScPageLayout      *self,
            cairo_t           *cr,
            const ScPlacement *pl)
{
  const ScBlock *b = pl->block;

  cairo_save (cr);
  cairo_translate (cr, self->m->margin_x, pl->y);
  cairo_rectangle (cr, 0, 0, sc_page_layout_content_width (self), b->chart_height);
  cairo_clip (cr);
  self->paint_chart (cr, b->chart, sc_page_layout_content_width (self), b->chart_height,
                     self->chart_data);
  cairo_restore (cr);
}

static void
draw_columns (ScPageLayout      *self,
              cairo_t           *cr,
              PangoContext      *context,
              const ScPlacement *pl)
{
  const ScBlock *b = pl->block;

  for (guint c = 0; c < 2; c++)
    {
      double x = self->m->margin_x + c * (_sc_page_column_width (self) + 2 * self->m->card_gap);
      double y = pl->y;

      for (guint i = 0; i < b->columns[c]->len; i++)
        {
          const ScColumnItem *item = g_ptr_array_index (b->columns[c], i);
          double indent = _sc_page_item_indent (self, item);
          g_autoptr(PangoLayout) layout = NULL;

          if (item->shown <= 0)
            continue;
          if (i > 0)
            y += item->before;
          layout = sc_page_layout_text (self, context, item->style, FALSE, item->text,
                                        _sc_page_column_width (self) - indent);
          if (item->shown < item->height)
            {
              pango_layout_set_height (layout, (int) ceil (item->shown * PANGO_SCALE));
              pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
            }
          if (item->bullet)
            {
              g_autoptr(PangoLayout) dot = sc_page_layout_text (self, context, item->style, TRUE,
                                                                "•", 0);

              _sc_set_source (cr, &item->accent, 1.0);
              cairo_move_to (cr, x + indent * 0.15, y);
              pango_cairo_show_layout (cr, dot);
            }
          cairo_save (cr);
          cairo_rectangle (cr, x, y, _sc_page_column_width (self), item->shown + 1);
          cairo_clip (cr);
          _sc_set_source (cr, text_colour (self, item->style, item->muted), 1.0);
          cairo_move_to (cr, x + indent, y);
          pango_cairo_show_layout (cr, layout);
          cairo_restore (cr);
          y += item->shown + item->after;
        }
    }
}

static void
draw_placement (ScPageLayout      *self,
                cairo_t           *cr,
                PangoContext      *context,
                const ScPlacement *pl)
{
  switch (pl->block->kind)
    {
    case SC_BLOCK_TEXT:
      draw_text_block (self, cr, context, pl);
      break;
    case SC_BLOCK_TABLE:
      draw_table (self, cr, context, pl);
      break;
    case SC_BLOCK_CARDS:
      draw_cards (self, cr, context, pl);
      break;
    case SC_BLOCK_SWATCH_HEAD:
      draw_swatch_head (self, cr, context, pl);
      break;
    case SC_BLOCK_COLUMNS:
      draw_columns (self, cr, context, pl);
      break;
    case SC_BLOCK_CHART:
    default:
      draw_chart (self, cr, pl);
      break;
    }
}

static void
draw_footer (ScPageLayout *self,
             cairo_t      *cr,
             PangoContext *context,
             guint         page)
{
  const ScPageMetrics *m = self->m;
  double y = m->height - m->footer_gap - sc_page_layout_get_style (self,
                                                                   SC_STYLE_FOOTER)->size * 1.2;
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);

  cairo_set_line_width (cr, 0.6);
  _sc_set_source (cr, &self->palette->grid, 1.0);
  cairo_move_to (cr, m->margin_x, y - 6);
  cairo_line_to (cr, m->width - m->margin_x, y - 6);
  cairo_stroke (cr);
  draw_one_line (self, cr, context, self->footer, m->margin_x, y,
                 sc_page_layout_content_width (self) * 0.7);
  sc_page_layout_draw_text (self, cr, context, SC_STYLE_FOOTER, FALSE, number, m->margin_x, y,
                            sc_page_layout_content_width (self), TRUE);
}

/* Draws what the layout placed on @page, its running title when it continues a section,
 * and the footer.  The background is the caller's. */
void
sc_page_layout_draw_page (ScPageLayout *self,
                          cairo_t      *cr,
                          PangoContext *context,
                          guint         page)
{
  const ScPage *p = sc_page_layout_get_page (self, page);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, self->m->width, self->m->height - self->m->margin_bottom + 2);
  cairo_clip (cr);
  for (guint i = 0; i < p->placements->len; i++)
    draw_placement (self, cr, context, &g_array_index (p->placements, ScPlacement, i));
  cairo_restore (cr);
  if (p->continued)
    draw_one_line (self, cr, context, p->title, self->m->margin_x, self->m->margin_top * 0.45,
                   sc_page_layout_content_width (self));
  draw_footer (self, cr, context, page);
}
