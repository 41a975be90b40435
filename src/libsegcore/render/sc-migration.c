/* sc-migration.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where the members of each earlier segment are now, drawn as a matrix, not as an alluvial
 * flow: with three to eight segments plus new and gone customers an alluvial chart has up
 * to 81 crossing ribbons whose sizes are hard to compare, while a matrix keeps every count
 * readable and exact.  Rows are the earlier segments (then the new customers), columns the
 * later ones (then "gone"); each cell is tinted in its row's segment colour by the share of
 * the row it holds, so a row reads as "where did these customers go", and the cell of a
 * segment's own later self is outlined.  Row and column totals are the sizes before and
 * now. */

#include "config.h"

#include "sc-migration.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-render-util-private.h"
#include "sc-value.h"

#define PAD            8.0
#define SWATCH         10.0
#define LABEL_GAP      10.0
#define COLOUR_BAR     3.0
#define CELL_INSET     1.5
#define CELL_NATURAL_W 96.0
#define CELL_NATURAL_H 36.0
#define CELL_MAX_W     132.0
#define CELL_MAX_H     44.0
#define CELL_MIN_H     18.0

/* ---------------------------------------------------------------------------------------- */
/* Migration data */

/**
 * sc_migration_new:
 * @drift: a drift between two states
 * @from: (nullable): the earlier state, for the segments' colours
 * @to: (nullable): the later state
 *
 * Copies what the migration chart needs.  Without a state (or when it does not match
 * @drift) a segment's colour is its position.
 *
 * Returns: (transfer full): the migration
 */
ScMigration *
sc_migration_new (const ScDrift    *drift,
                  const ScSnapshot *from,
                  const ScSnapshot *to)
{
  ScMigration *m;
  gsize n_counts;

  g_return_val_if_fail (drift != NULL, NULL);

  m = g_new0 (ScMigration, 1);
  m->n_from = drift->n_from;
  m->n_to = drift->n_to;
  m->from = g_new0 (ScFlowSegment, MAX (m->n_from, 1));
  m->to = g_new0 (ScFlowSegment, MAX (m->n_to, 1));
  m->to_match = g_new (int, MAX (m->n_from, 1));
  n_counts = (gsize) (m->n_from + 1) * (m->n_to + 1);
  m->counts = g_memdup2 (drift->matrix, n_counts * sizeof (guint64));

  for (guint i = 0; i < m->n_from; i++)
    {
      gboolean known = from != NULL && from->n_segments == m->n_from;

      m->from[i].name = g_strdup (drift->from_names[i] != NULL ? drift->from_names[i] : "");
      m->from[i].colour = known ? from->segments[i].colour : i;
      m->from[i].is_outliers = known && from->segments[i].is_outliers;
      m->to_match[i] = drift->to_match != NULL ? drift->to_match[i] : -1;
    }
  for (guint j = 0; j < m->n_to; j++)
    {
      gboolean known = to != NULL && to->n_segments == m->n_to;

      m->to[j].name = g_strdup (drift->to_names[j] != NULL ? drift->to_names[j] : "");
      m->to[j].colour = known ? to->segments[j].colour : j;
      m->to[j].is_outliers = known && to->segments[j].is_outliers;
    }

  return m;
}

/**
 * sc_migration_free:
 * @migration: (nullable): a migration
 */
void
sc_migration_free (ScMigration *migration)
{
  if (migration == NULL)
    return;

  for (guint i = 0; i < migration->n_from; i++)
    g_free (migration->from[i].name);
  for (guint j = 0; j < migration->n_to; j++)
    g_free (migration->to[j].name);
  g_free (migration->from);
  g_free (migration->to);
  g_free (migration->counts);
  g_free (migration->to_match);
  g_free (migration);
}

/**
 * sc_migration_get:
 * @migration: a migration
 * @from: an earlier position, or -1 for the new customers
 * @to: a later position, or -1 for the customers in no later segment
 *
 * Returns: the customers who went from @from to @to; 0 for positions out of range
 */
guint64
sc_migration_get (const ScMigration *migration,
                  int                from,
                  int                to)
{
  guint row, column;

  g_return_val_if_fail (migration != NULL, 0);

  if (from >= (int) migration->n_from || to >= (int) migration->n_to || from < -1 || to < -1)
    return 0;

  row = from < 0 ? migration->n_from : (guint) from;
  column = to < 0 ? migration->n_to : (guint) to;
  return migration->counts[(gsize) row * (migration->n_to + 1) + column];
}

/**
 * sc_migration_row_total:
 * @migration: a migration
 * @from: an earlier position, or -1 for the new customers
 *
 * Returns: the customers of the row: the earlier size of segment @from
 */
guint64
sc_migration_row_total (const ScMigration *migration,
                        int                from)
{
  guint64 total = 0;

  g_return_val_if_fail (migration != NULL, 0);

  for (int j = -1; j < (int) migration->n_to; j++)
    total += sc_migration_get (migration, from, j);
  return total;
}

/**
 * sc_migration_column_total:
 * @migration: a migration
 * @to: a later position, or -1 for the customers in no later segment
 *
 * Returns: the customers of the column: the later size of segment @to
 */
guint64
sc_migration_column_total (const ScMigration *migration,
                           int                to)
{
  guint64 total = 0;

  g_return_val_if_fail (migration != NULL, 0);

  for (int i = -1; i < (int) migration->n_from; i++)
    total += sc_migration_get (migration, i, to);
  return total;
}

/* ---------------------------------------------------------------------------------------- */
/* Migration layout */

static const char *
new_customers_text (void)
{
  /* Translators: the row of the migration chart counting customers who were in no earlier
   * segment */
  return _("New customers");
}

static const char *
gone_text (void)
{
  /* Translators: the column of the migration chart counting earlier members who are in no
   * segment now */
  return _("Gone");
}

static const char *
before_text (void)
{
  /* Translators: header of the migration chart's column of earlier segment sizes */
  return _("Before");
}

static const char *
now_text (void)
{
  /* Translators: header of the migration chart's row of current segment sizes */
  return _("Now");
}

static const char *
corner_text (void)
{
  /* Translators: how to read the migration chart, written in its top left corner */
  return _("Rows: before\nColumns: now");
}

/* Counts narrower than a cell: "12,345" or, squeezed, "12k". */
static char *
format_count (guint64  count,
              gboolean compact)
{
  double v = (double) count;

  if (compact && v >= 1e6)
    return sc_format_compact (v);
  if (compact && v >= 1e3)
    {
      g_autofree char *n = sc_format_number (v / 1e3, v >= 1e4 ? 0 : 1);

      /* Translators: a number of thousands, as in "12k" */
      return g_strdup_printf (_("%sk"), n);
    }
  return sc_format_number (v, 0);
}

typedef struct
{
  gboolean show_new;
  gboolean show_gone;
  double   row_label_w;
  double   row_word_w;
  double   column_word_w;
  double   totals_w;
  double   small_h;
  double   header_h;
  double   footer_h;
} Metrics;

static void
migration_metrics (const ScMigration *m,
                   const ScPalette   *palette,
                   Metrics           *out)
{
  g_autoptr(ScTextContext) context = _sc_text_context_new ();
  double w, h;

  memset (out, 0, sizeof *out);
  for (guint j = 0; j < m->n_to && !out->show_new; j++)
    out->show_new = sc_migration_get (m, -1, (int) j) > 0;
  for (guint i = 0; i < m->n_from && !out->show_gone; i++)
    out->show_gone = sc_migration_get (m, (int) i, -1) > 0;

  for (guint i = 0; i < m->n_from; i++)
    {
      _sc_text_measure (context, palette, m->from[i].name, _SC_TEXT_NORMAL, FALSE, &w, NULL);
      out->row_label_w = MAX (out->row_label_w, SWATCH + _SC_GAP * 1.5 + w);
      w = _sc_text_widest_word (context, palette, m->from[i].name, _SC_TEXT_NORMAL, FALSE);
      /* With room for the "…" of a shortened name. */
      out->row_word_w = MAX (out->row_word_w, SWATCH + _SC_GAP * 1.5 + w + 1.5 * _SC_GAP);
    }
  if (out->show_new)
    {
      _sc_text_measure (context, palette, new_customers_text (), _SC_TEXT_NORMAL, FALSE, &w,
                        NULL);
      out->row_label_w = MAX (out->row_label_w, SWATCH + _SC_GAP * 1.5 + w);
    }
  for (guint j = 0; j < m->n_to; j++)
    out->column_word_w = MAX (out->column_word_w,
                              _sc_text_widest_word (context, palette, m->to[j].name,
                                                    _SC_TEXT_SMALL, TRUE));
  if (out->show_gone)
    out->column_word_w = MAX (out->column_word_w,
                              _sc_text_widest_word (context, palette, gone_text (),
                                                    _SC_TEXT_SMALL, FALSE));
  _sc_text_measure (context, palette, now_text (), _SC_TEXT_SMALL, FALSE, &w, &out->small_h);
  out->row_label_w = MAX (out->row_label_w, w);

  _sc_text_measure (context, palette, before_text (), _SC_TEXT_SMALL, FALSE, &w, NULL);
  out->totals_w = w;
  for (int i = -1; i < (int) m->n_from; i++)
    {
      g_autofree char *text = format_count (sc_migration_row_total (m, i), FALSE);

      _sc_text_measure (context, palette, text, _SC_TEXT_SMALL, FALSE, &w, &h);
      out->totals_w = MAX (out->totals_w, w);
    }

  /* Two lines of name, a gap and the colour bar. */
  out->header_h = 2 * out->small_h + _SC_GAP + COLOUR_BAR + _SC_GAP;
  out->footer_h = out->small_h + 2 * _SC_GAP;
}

/* "1 Loyal · 2 New · 3 Gone": the key of numbered columns, a number and its name held
 * together by no-break spaces so that lines break only between entries or inside a
 * name. */
static char *
key_text (const ScMigration *m,
          gboolean           show_gone)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint j = 0; j < m->n_to + (show_gone ? 1 : 0); j++)
    g_string_append_printf (text, "%s%u\u00A0%s", j > 0 ? "\u00A0· " : "", j + 1,
                            j < m->n_to ? m->to[j].name : gone_text ());
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The key wrapped to @width, or NULL when one of its words is wider than that. */
static PangoLayout *
key_layout (const ScMigration *m,
            gboolean           show_gone,
            double             width,
            const ScPalette   *palette,
            PangoContext      *context,
            cairo_t           *cr)
{
  g_autofree char *text = key_text (m, show_gone);
  g_autoptr(PangoLayout) layout = _sc_text_layout (context, cr, palette, text, _SC_TEXT_SMALL,
                                                   FALSE);

  if (!_sc_text_fit_words (layout, width, G_MAXINT))
    return NULL;
  return g_steal_pointer (&layout);
}

/**
 * sc_migration_natural_size:
 * @migration: a migration
 * @palette: the palette (for the font)
 * @width: (out) (optional): the width at which cells are comfortably wide
 * @height: (out) (optional): the height at which rows are comfortably tall
 */
void
sc_migration_natural_size (const ScMigration *migration,
                           const ScPalette   *palette,
                           double            *width,
                           double            *height)
{
  Metrics metrics;
  guint rows, columns;

  g_return_if_fail (migration != NULL);
  g_return_if_fail (palette != NULL);

  migration_metrics (migration, palette, &metrics);
  rows = migration->n_from + (metrics.show_new ? 1 : 0);
  columns = migration->n_to + (metrics.show_gone ? 1 : 0);

  if (width != NULL)
    *width = 2 * PAD + MIN (metrics.row_label_w, 220.0) + LABEL_GAP + columns * CELL_NATURAL_W +
             LABEL_GAP + metrics.totals_w;
  if (height != NULL)
    *height = 2 * PAD + metrics.header_h + rows * CELL_NATURAL_H + metrics.footer_h;
}

/**
 * sc_migration_min_height:
 * @migration: a migration
 * @palette: the palette (for the font)
 * @width: chart width in logical units
 *
 * The least height at which, at @width, every row keeps room for its name and counts, with
 * the key of numbered columns (see #ScMigrationLayout) when there is one.
 *
 * Returns: the height in logical units
 */
double
sc_migration_min_height (const ScMigration *migration,
                         const ScPalette   *palette,
                         double             width)
{
  g_autoptr(ScTextContext) context = _sc_text_context_new ();
  ScMigrationLayout layout;
  Metrics metrics;
  double text_h;

  g_return_val_if_fail (migration != NULL, 0);
  g_return_val_if_fail (palette != NULL, 0);

  migration_metrics (migration, palette, &metrics);
  _sc_text_measure (context, palette, "Ag", _SC_TEXT_NORMAL, FALSE, NULL, &text_h);
  /* The cells' width, and with it the numbering, does not depend on the height. */
  sc_migration_layout (migration, palette, width, 1e5, &layout);
  return 2 * PAD + metrics.header_h + metrics.footer_h + layout.key.height +
         layout.n_rows * MAX (CELL_MIN_H, ceil (text_h) + 1);
}

/**
 * sc_migration_layout:
 * @migration: a migration
 * @palette: the palette (for the font)
 * @width: chart width in logical units
 * @height: chart height in logical units
 * @layout: (out caller-allocates): where everything goes
 *
 * Computes where sc_migration_paint() draws.  Names take at most 30 % of the width; cells
 * share the rest, up to 132 × 44 units, from the top left.
 */
void
sc_migration_layout (const ScMigration *migration,
                     const ScPalette   *palette,
                     double             width,
                     double             height,
                     ScMigrationLayout *layout)
{
  Metrics metrics;
  double label_w, avail_w, avail_h;

  g_return_if_fail (migration != NULL);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (layout != NULL);

  memset (layout, 0, sizeof *layout);
  migration_metrics (migration, palette, &metrics);

  layout->n_from = migration->n_from;
  layout->n_to = migration->n_to;
  layout->show_new = metrics.show_new;
  layout->show_gone = metrics.show_gone;
  layout->n_rows = migration->n_from + (metrics.show_new ? 1 : 0);
  layout->n_columns = migration->n_to + (metrics.show_gone ? 1 : 0);

  /* Wide enough for the widest word of a name where that takes less than half the width,
   * so that a name is shortened rather than left out. */
  label_w = CLAMP (metrics.row_label_w, MIN (60.0, width * 0.3),
                   MAX (MAX (width * 0.3, 40.0), MIN (metrics.row_word_w, width * 0.45)));
  avail_w = width - 2 * PAD - label_w - 2 * LABEL_GAP - metrics.totals_w;
  avail_h = height - 2 * PAD - metrics.header_h - metrics.footer_h;

  layout->cell_width = layout->n_columns > 0
                       ? CLAMP (avail_w / layout->n_columns, 1.0, CELL_MAX_W) : 0;

  /* Where a column's name has no word that fits its cell, the columns are numbered and a
   * key below the table names them, rather than leaving a column unnamed. */
  if (layout->n_columns > 0 && metrics.column_word_w > layout->cell_width - 2 * _SC_GAP)
    {
      g_autoptr(ScTextContext) context = _sc_text_context_new ();
      g_autoptr(PangoLayout) key = key_layout (migration, metrics.show_gone,
                                               MAX (width - 2 * PAD, 1.0), palette, context,
                                               NULL);
      double key_h;

      if (key != NULL)
        {
          _sc_text_size (key, NULL, &key_h);
          layout->numbered = TRUE;
          layout->key.height = ceil (key_h) + 1;
          avail_h -= layout->key.height;
        }
    }
  layout->cell_height = layout->n_rows > 0
                        ? CLAMP (avail_h / layout->n_rows, MIN (CELL_MIN_H, MAX (avail_h, 1.0)),
                                 CELL_MAX_H)
                        : 0;
  /* Never taller than the room when that is smaller than the minimum row. */
  if (layout->n_rows > 0 && layout->cell_height * layout->n_rows > MAX (avail_h, 1.0))
    layout->cell_height = MAX (avail_h, 1.0) / layout->n_rows;

  layout->grid = (ScRect) { PAD + label_w + LABEL_GAP, PAD + metrics.header_h,
                            layout->cell_width * layout->n_columns,
                            layout->cell_height * layout->n_rows };
  layout->row_labels = (ScRect) { PAD, layout->grid.y, label_w, layout->grid.height };
  layout->column_labels = (ScRect) { layout->grid.x, PAD, layout->grid.width, metrics.header_h };
  layout->row_totals = (ScRect) { layout->grid.x + layout->grid.width + LABEL_GAP,
                                  layout->grid.y, metrics.totals_w, layout->grid.height };
  layout->column_totals = (ScRect) { layout->grid.x, layout->grid.y + layout->grid.height,
                                     layout->grid.width, metrics.footer_h };
  if (layout->numbered)
    layout->key = (ScRect) { PAD, layout->column_totals.y + layout->column_totals.height,
                             MAX (width - 2 * PAD, 1.0), layout->key.height };
}

static gboolean
row_of (const ScMigrationLayout *layout,
        int                      from,
        guint                   *row)
{
  if (from >= 0 && (guint) from < layout->n_from)
    *row = (guint) from;
  else if (from == -1 && layout->show_new)
    *row = layout->n_from;
  else
    return FALSE;
  return TRUE;
}

static gboolean
column_of (const ScMigrationLayout *layout,
           int                      to,
           guint                   *column)
{
  if (to >= 0 && (guint) to < layout->n_to)
    *column = (guint) to;
  else if (to == -1 && layout->show_gone)
    *column = layout->n_to;
  else
    return FALSE;
  return TRUE;
}

/**
 * sc_migration_cell:
 * @layout: a layout from sc_migration_layout()
 * @from: an earlier position, or -1 for the new customers
 * @to: a later position, or -1 for "gone"
 * @cell: (out): where the cell is
 *
 * Returns: whether the cell is drawn (the new row and the gone column are left out when
 *   they hold nobody)
 */
gboolean
sc_migration_cell (const ScMigrationLayout *layout,
                   int                      from,
                   int                      to,
                   ScRect                  *cell)
{
  guint row, column;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (cell != NULL, FALSE);

  if (!row_of (layout, from, &row) || !column_of (layout, to, &column))
    return FALSE;

  *cell = (ScRect) { layout->grid.x + column * layout->cell_width,
                     layout->grid.y + row * layout->cell_height,
                     layout->cell_width, layout->cell_height };
  return TRUE;
}

/**
 * sc_migration_hit_test:
 * @layout: a layout from sc_migration_layout()
 * @x: logical x within the chart
 * @y: logical y within the chart
 * @from: (out): the earlier position of the cell, -1 for the new customers
 * @to: (out): the later position, -1 for "gone"
 *
 * Returns: whether (@x, @y) is on a cell
 */
gboolean
sc_migration_hit_test (const ScMigrationLayout *layout,
                       double                   x,
                       double                   y,
                       int                     *from,
                       int                     *to)
{
  guint row, column;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (layout->n_rows == 0 || layout->n_columns == 0 || !sc_rect_contains (&layout->grid, x, y))
    return FALSE;

  row = MIN ((guint) ((y - layout->grid.y) / layout->cell_height), layout->n_rows - 1);
  column = MIN ((guint) ((x - layout->grid.x) / layout->cell_width), layout->n_columns - 1);
  *from = row < layout->n_from ? (int) row : -1;
  *to = column < layout->n_to ? (int) column : -1;
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Migration painting */

static double
cell_alpha (guint64 count,
            guint64 row_total)
{
  if (count == 0 || row_total == 0)
    return 0.0;
  return 0.12 + 0.78 * ((double) count / (double) row_total);
}

static void
draw_text_centred (cairo_t         *cr,
                   const ScPalette *palette,
                   const char      *text,
                   double           size,
                   gboolean         bold,
                   const ScRect    *box,
                   const ScRgba    *colour)
{
  g_autoptr(PangoLayout) layout = _sc_text_layout (NULL, cr, palette, text, size, bold);
  double w, h;

  /* A count that does not fit its cell (with a margin for the glyphs' overhang) is left to
   * the cell's shade and the tooltip. */
  if (!_sc_text_fit_words (layout, MAX (box->width - 4, 1.0), 1))
    return;
  _sc_text_size (layout, &w, &h);
  _sc_text_draw (cr, layout, box->x + (box->width - w) / 2, box->y + (box->height - h) / 2,
                 colour, 1.0);
}

static void
paint_row_label (cairo_t                 *cr,
                 const ScPalette         *palette,
                 const ScMigrationLayout *layout,
                 const ScRect            *cell,
                 const ScFlowSegment     *segment)
{
  const char *name = segment != NULL ? segment->name : new_customers_text ();
  const ScRgba *colour;
  double x = layout->row_labels.x, room;

  if (segment != NULL)
    {
      ScRgba swatch;

      sc_palette_segment_colour (palette, segment->colour, segment->is_outliers, &swatch);
      _sc_fill_rounded_rect (cr, x, cell->y + (cell->height - SWATCH) / 2, SWATCH, SWATCH, 2.5,
                             &swatch, 1.0);
    }
  x += SWATCH + _SC_GAP * 1.5;
  room = MAX (layout->row_labels.x + layout->row_labels.width - x, 1.0);
  colour = segment != NULL ? &palette->foreground : &palette->muted;

  if (!_sc_text_draw_row (cr, palette, name, _SC_TEXT_NORMAL, FALSE, x, cell->y, cell->height,
                          room, colour))
    {
      /* Not even the first word fits: it is shortened inside, so that no row is left
       * unnamed (issue 19); the chart's description and tooltips have the name whole. */
      g_autoptr(PangoLayout) text = _sc_text_layout (NULL, cr, palette, name, _SC_TEXT_NORMAL,
                                                     FALSE);
      double h;

      pango_layout_set_width (text, (int) (room * PANGO_SCALE));
      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
      _sc_text_size (text, NULL, &h);
      _sc_text_draw (cr, text, x, cell->y + (cell->height - h) / 2, colour, 1.0);
    }
}

static void
paint_column_label (cairo_t                 *cr,
                    const ScPalette         *palette,
                    const ScMigrationLayout *layout,
                    const ScRect            *cell,
                    guint                    column,
                    const ScFlowSegment     *segment)
{
  g_autofree char *number = g_strdup_printf ("%u", column + 1);
  g_autoptr(PangoLayout) text = NULL;
  double bar_y = layout->grid.y - _SC_GAP - COLOUR_BAR;
  /* A number may take the whole cell: narrow cells are why the columns are numbered. */
  double margin = layout->numbered ? 0.5 : _SC_GAP;
  double w, h, inner = MAX (cell->width - 2 * margin, 1.0);

  if (segment != NULL)
    {
      ScRgba colour;

      sc_palette_segment_colour (palette, segment->colour, segment->is_outliers, &colour);
      _sc_fill_rounded_rect (cr, cell->x + CELL_INSET + 1, bar_y,
                             cell->width - 2 * CELL_INSET - 2, COLOUR_BAR, 1.5, &colour, 1.0);
    }

  text = _sc_text_layout (NULL, cr, palette,
                          layout->numbered ? number
                          : segment != NULL ? segment->name : gone_text (),
                          _SC_TEXT_SMALL, segment != NULL);
  /* Two lines of whole words; a column whose name has no word narrow enough keeps its
   * colour bar, and the tooltip names it. */
  if (!_sc_text_fit_words (text, inner, 2))
    return;
  pango_layout_set_width (text, (int) (inner * PANGO_SCALE));
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  _sc_text_size (text, &w, &h);
  _sc_text_draw (cr, text, cell->x + margin, bar_y - _SC_GAP - h,
                 segment != NULL ? &palette->foreground : &palette->muted, 1.0);
}

/**
 * sc_migration_paint:
 * @cr: a cairo context, its origin at the chart's top left corner
 * @migration: a migration
 * @palette: the colours
 * @width: chart width in logical units
 * @height: chart height in logical units
 *
 * Paints the migration matrix as sc_migration_layout() lays it out.  The background is
 * not filled.
 */
void
sc_migration_paint (cairo_t           *cr,
                    const ScMigration *migration,
                    const ScPalette   *palette,
                    double             width,
                    double             height)
{
  ScMigrationLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (migration != NULL);
  g_return_if_fail (palette != NULL);

  sc_migration_layout (migration, palette, width, height, &layout);
  if (layout.n_rows == 0 || layout.n_columns == 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  /* The corner says how to read the matrix. */
  {
    g_autoptr(PangoLayout) text = _sc_text_layout (NULL, cr, palette, corner_text (),
                                                    _SC_TEXT_SMALL, FALSE);
    double w, h;

    if (_sc_text_fit_words (text, layout.row_labels.width, 2))
      _sc_text_size (text, &w, &h);
    else
      h = INFINITY;
    if (h <= layout.column_labels.height)
      _sc_text_draw (cr, text, layout.row_labels.x, layout.grid.y - _SC_GAP - h,
                     &palette->muted, 1.0);
  }

  if (layout.numbered)
    {
      g_autoptr(PangoLayout) key = key_layout (migration, layout.show_gone, layout.key.width,
                                               palette, NULL, cr);

      if (key != NULL)
        _sc_text_draw (cr, key, layout.key.x, layout.key.y, &palette->foreground, 1.0);
    }

  /* Headers of the totals. */
  {
    ScRect before = { layout.row_totals.x, PAD, layout.row_totals.width,
                      layout.column_labels.height - _SC_GAP };
    g_autoptr(PangoLayout) text = _sc_text_layout (NULL, cr, palette, before_text (),
                                                    _SC_TEXT_SMALL, TRUE);
    double w, h;

    _sc_text_size (text, &w, &h);
    _sc_text_draw (cr, text, before.x + before.width - w, layout.grid.y - _SC_GAP - COLOUR_BAR -
                   _SC_GAP - h, &palette->muted, 1.0);
    g_clear_object (&text);

    text = _sc_text_layout (NULL, cr, palette, now_text (), _SC_TEXT_SMALL, TRUE);
    _sc_text_size (text, &w, &h);
    _sc_text_draw (cr, text, layout.row_labels.x + SWATCH + _SC_GAP * 1.5,
                   layout.column_totals.y + (layout.column_totals.height - h) / 2,
                   &palette->muted, 1.0);
  }

  for (int j = 0; j <= (int) migration->n_to; j++)
    {
      int to = j < (int) migration->n_to ? j : -1;
      g_autofree char *total = NULL;
      ScRect cell, below;

      if (!sc_migration_cell (&layout, 0, to, &cell) &&
          !sc_migration_cell (&layout, -1, to, &cell))
        continue;
      paint_column_label (cr, palette, &layout, &cell, (guint) j,
                          to >= 0 ? &migration->to[to] : NULL);

      total = format_count (sc_migration_column_total (migration, to), FALSE);
      below = (ScRect) { cell.x, layout.column_totals.y, cell.width, layout.column_totals.height };
      draw_text_centred (cr, palette, total, _SC_TEXT_SMALL, FALSE, &below, &palette->muted);
    }

  for (int i = 0; i <= (int) migration->n_from; i++)
    {
      int from = i < (int) migration->n_from ? i : -1;
      guint64 row_total = sc_migration_row_total (migration, from);
      const ScFlowSegment *segment = from >= 0 ? &migration->from[from] : NULL;
      g_autofree char *total = NULL;
      ScRgba colour;
      ScRect first;

      if (!sc_migration_cell (&layout, from, 0, &first) &&
          !sc_migration_cell (&layout, from, -1, &first))
        continue;

      paint_row_label (cr, palette, &layout, &first, segment);
      if (segment != NULL)
        sc_palette_segment_colour (palette, segment->colour, segment->is_outliers, &colour);
      else
        colour = palette->muted;

      for (int j = 0; j <= (int) migration->n_to; j++)
        {
          int to = j < (int) migration->n_to ? j : -1;
          guint64 count = sc_migration_get (migration, from, to);
          double alpha = cell_alpha (count, row_total);
          g_autofree char *text = NULL;
          ScRect cell, inner;
          ScRgba ink;
          double tw;

          if (!sc_migration_cell (&layout, from, to, &cell))
            continue;
          inner = (ScRect) { cell.x + CELL_INSET, cell.y + CELL_INSET,
                             MAX (cell.width - 2 * CELL_INSET, 0),
                             MAX (cell.height - 2 * CELL_INSET, 0) };

          /* An empty cell is a faint grey tile. */
          _sc_fill_rounded_rect (cr, inner.x, inner.y, inner.width, inner.height, 3,
                                 alpha > 0 ? &colour : &palette->grid, alpha > 0 ? alpha : 0.35);

          if (from >= 0 && to >= 0 && migration->to_match[from] == to)
            {
              _sc_rounded_rect (cr, inner.x + 0.75, inner.y + 0.75, inner.width - 1.5,
                                inner.height - 1.5, 2.5);
              cairo_set_line_width (cr, 1.5);
              _sc_set_source (cr, &palette->foreground, 0.55);
              cairo_stroke (cr);
            }

          if (count == 0)
            {
              /* Nobody moved: a muted 0, a figure rather than a dash (issue 16). */
              draw_text_centred (cr, palette, "0", _SC_TEXT_SMALL, FALSE, &inner,
                                 &palette->muted);
              continue;
            }
          text = format_count (count, FALSE);
          {
            g_autoptr(PangoLayout) probe = _sc_text_layout (NULL, cr, palette, text,
                                                             _SC_TEXT_SMALL, alpha > 0.5);

            _sc_text_size (probe, &tw, NULL);
          }
          if (tw > inner.width - 4)
            {
              g_free (text);
              text = format_count (count, TRUE);
            }
          sc_palette_text_on (palette, &colour, alpha, &ink);
          draw_text_centred (cr, palette, text, _SC_TEXT_SMALL, alpha > 0.5, &inner, &ink);
        }

      total = format_count (row_total, FALSE);
      {
        g_autoptr(PangoLayout) text = _sc_text_layout (NULL, cr, palette, total, _SC_TEXT_SMALL,
                                                        FALSE);
        double w, h;

        _sc_text_size (text, &w, &h);
        _sc_text_draw (cr, text, layout.row_totals.x + layout.row_totals.width - w,
                       first.y + (first.height - h) / 2, &palette->muted, 1.0);
      }
    }

  cairo_restore (cr);
}

