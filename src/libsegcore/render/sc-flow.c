/* sc-flow.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What changed between snapshots, in two charts.
 *
 * Migration is drawn as a matrix, not as an alluvial flow: with three to eight segments plus
 * new and gone customers an alluvial chart has up to 81 crossing ribbons whose sizes are
 * hard to compare, while a matrix keeps every count readable and exact.  Rows are the
 * earlier segments (then the new customers), columns the later ones (then "gone"); each
 * cell is tinted in its row's segment colour by the share of the row it holds, so a row
 * reads as "where did these customers go", and the cell of a segment's own later self is
 * outlined.  Row and column totals are the sizes before and now.
 *
 * Impact is one line per segment over the snapshots, evenly spaced oldest first (two
 * snapshots may share an as-of day, so a time axis would stack them), for one measure at a
 * time on a linear axis from zero.  Names sit right of the plot, pushed apart so they never
 * overlap, with a leader to the line's last point when they had to move. */

#include "config.h"

#include "sc-flow.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-render-private.h"
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

G_STATIC_ASSERT (SC_SNAPSHOT_WINDOW_DAYS == 90);

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
    }
  if (out->show_new)
    {
      _sc_text_measure (context, palette, new_customers_text (), _SC_TEXT_NORMAL, FALSE, &w,
                        NULL);
      out->row_label_w = MAX (out->row_label_w, SWATCH + _SC_GAP * 1.5 + w);
    }
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

  label_w = CLAMP (metrics.row_label_w, MIN (60.0, width * 0.3), MAX (width * 0.3, 40.0));
  avail_w = width - 2 * PAD - label_w - 2 * LABEL_GAP - metrics.totals_w;
  avail_h = height - 2 * PAD - metrics.header_h - metrics.footer_h;

  layout->cell_width = layout->n_columns > 0
                       ? CLAMP (avail_w / layout->n_columns, 1.0, CELL_MAX_W) : 0;
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
luminance (const ScRgba *c)
{
  return 0.2126 * c->r + 0.7152 * c->g + 0.0722 * c->b;
}

/* Text on a tinted cell: whichever of foreground and background stands out more. */
static const ScRgba *
text_on (const ScPalette *palette,
         const ScRgba    *fill,
         double           alpha)
{
  ScRgba mixed = {
    palette->background.r * (1 - alpha) + fill->r * alpha,
    palette->background.g * (1 - alpha) + fill->g * alpha,
    palette->background.b * (1 - alpha) + fill->b * alpha,
    1.0,
  };
  double l = luminance (&mixed);

  return fabs (l - luminance (&palette->foreground)) >= fabs (l - luminance (&palette->background))
         ? &palette->foreground : &palette->background;
}

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

  _sc_text_fit (layout, box->width);
  _sc_text_size (layout, &w, &h);
  _sc_text_draw (cr, layout, box->x + (box->width - MIN (w, box->width)) / 2,
                 box->y + (box->height - h) / 2, colour, 1.0);
}

static void
paint_row_label (cairo_t                 *cr,
                 const ScPalette         *palette,
                 const ScMigrationLayout *layout,
                 const ScRect            *cell,
                 const ScFlowSegment     *segment)
{
  g_autoptr(PangoLayout) text = NULL;
  double x = layout->row_labels.x, w, h;

  if (segment != NULL)
    {
      ScRgba colour;

      sc_palette_segment_colour (palette, segment->colour, segment->is_outliers, &colour);
      _sc_rounded_rect (cr, x, cell->y + (cell->height - SWATCH) / 2, SWATCH, SWATCH, 2.5);
      _sc_set_source (cr, &colour, 1.0);
      cairo_fill (cr);
    }
  x += SWATCH + _SC_GAP * 1.5;

  text = _sc_text_layout (NULL, cr, palette, segment != NULL ? segment->name
                                                             : new_customers_text (),
                          _SC_TEXT_NORMAL, FALSE);
  _sc_text_fit (text, MAX (layout->row_labels.x + layout->row_labels.width - x, 1.0));
  _sc_text_size (text, &w, &h);
  _sc_text_draw (cr, text, x, cell->y + (cell->height - h) / 2,
                 segment != NULL ? &palette->foreground : &palette->muted, 1.0);
}

static void
paint_column_label (cairo_t                 *cr,
                    const ScPalette         *palette,
                    const ScMigrationLayout *layout,
                    const ScRect            *cell,
                    const ScFlowSegment     *segment)
{
  g_autoptr(PangoLayout) text = NULL;
  double bar_y = layout->grid.y - _SC_GAP - COLOUR_BAR;
  double w, h, inner = MAX (cell->width - 2 * _SC_GAP, 1.0);

  if (segment != NULL)
    {
      ScRgba colour;

      sc_palette_segment_colour (palette, segment->colour, segment->is_outliers, &colour);
      _sc_rounded_rect (cr, cell->x + CELL_INSET + 1, bar_y, cell->width - 2 * CELL_INSET - 2,
                        COLOUR_BAR, 1.5);
      _sc_set_source (cr, &colour, 1.0);
      cairo_fill (cr);
    }

  text = _sc_text_layout (NULL, cr, palette, segment != NULL ? segment->name : gone_text (),
                          _SC_TEXT_SMALL, segment != NULL);
  pango_layout_set_width (text, (int) (inner * PANGO_SCALE));
  pango_layout_set_wrap (text, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (text, -2);
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  _sc_text_size (text, &w, &h);
  _sc_text_draw (cr, text, cell->x + _SC_GAP, bar_y - _SC_GAP - h,
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

    _sc_text_fit (text, layout.row_labels.width);
    _sc_text_size (text, &w, &h);
    if (h <= layout.column_labels.height)
      _sc_text_draw (cr, text, layout.row_labels.x, layout.grid.y - _SC_GAP - h,
                     &palette->muted, 1.0);
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
      paint_column_label (cr, palette, &layout, &cell, to >= 0 ? &migration->to[to] : NULL);

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
          double tw;

          if (!sc_migration_cell (&layout, from, to, &cell))
            continue;
          inner = (ScRect) { cell.x + CELL_INSET, cell.y + CELL_INSET,
                             MAX (cell.width - 2 * CELL_INSET, 0),
                             MAX (cell.height - 2 * CELL_INSET, 0) };

          if (alpha > 0)
            {
              _sc_rounded_rect (cr, inner.x, inner.y, inner.width, inner.height, 3);
              _sc_set_source (cr, &colour, alpha);
              cairo_fill (cr);
            }
          else
            {
              _sc_rounded_rect (cr, inner.x, inner.y, inner.width, inner.height, 3);
              _sc_set_source (cr, &palette->grid, 0.35);
              cairo_fill (cr);
            }

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
              draw_text_centred (cr, palette, "–", _SC_TEXT_SMALL, FALSE, &inner,
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
          draw_text_centred (cr, palette, text, _SC_TEXT_SMALL, alpha > 0.5, &inner,
                             text_on (palette, &colour, alpha));
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

/* ---------------------------------------------------------------------------------------- */
/* Impact */

/**
 * sc_impact_measure_label:
 * @measure: a measure
 *
 * Returns: (transfer none): its name for people, also the chart's axis title
 */
const char *
sc_impact_measure_label (ScImpactMeasure measure)
{
  switch (measure)
    {
    case SC_IMPACT_CUSTOMERS:
      return _("Customers");
    case SC_IMPACT_REVENUE:
      return _("Revenue in the last 90 days");
    case SC_IMPACT_ORDERS:
      return _("Orders per customer in the last 90 days");
    case SC_IMPACT_CHURN:
      return _("Churn: no purchase in 90 days");
    case SC_IMPACT_CLV:
      return _("Average customer lifetime value");
    case SC_IMPACT_N_MEASURES:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

/**
 * sc_impact_values:
 * @series: a segment's series
 * @measure: a measure
 *
 * Returns: (transfer none): the series' values of @measure, one per point, NAN where
 *   unknown
 */
const double *
sc_impact_values (const ScImpactSeries *series,
                  ScImpactMeasure       measure)
{
  g_return_val_if_fail (series != NULL, NULL);

  switch (measure)
    {
    case SC_IMPACT_CUSTOMERS:
      return series->customers;
    case SC_IMPACT_REVENUE:
      return series->revenue;
    case SC_IMPACT_ORDERS:
      return series->orders_per_customer;
    case SC_IMPACT_CHURN:
      return series->churn;
    case SC_IMPACT_CLV:
      return series->clv;
    case SC_IMPACT_N_MEASURES:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}

static ScAxisFormat
measure_format (ScImpactMeasure measure)
{
  switch (measure)
    {
    case SC_IMPACT_REVENUE:
    case SC_IMPACT_CLV:
      return SC_AXIS_FORMAT_CURRENCY;
    case SC_IMPACT_CHURN:
      return SC_AXIS_FORMAT_PERCENT;
    case SC_IMPACT_CUSTOMERS:
    case SC_IMPACT_ORDERS:
    case SC_IMPACT_N_MEASURES:
    default:
      return SC_AXIS_FORMAT_NUMBER;
    }
}

#define IMPACT_INSET  18.0
#define IMPACT_TOP    6.0
#define IMPACT_KEY    12.0
#define IMPACT_HIT    10.0

/* The last point of @series with a value, or -1. */
static int
last_point (const ScImpact       *impact,
            const ScImpactSeries *series,
            ScImpactMeasure       measure)
{
  const double *v = sc_impact_values (series, measure);

  for (int p = (int) impact->n_points - 1; p >= 0; p--)
    if (isfinite (v[p]))
      return p;
  return -1;
}

static int
compare_label_y (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const ScImpactLabel *labels = data;
  double ya = labels[*(const guint *) a].y, yb = labels[*(const guint *) b].y;

  return ya < yb ? -1 : ya > yb ? 1 : (int) *(const guint *) a - (int) *(const guint *) b;
}

/**
 * sc_impact_layout:
 * @impact: the series
 * @measure: the measure shown
 * @palette: the palette (for the font)
 * @width: chart width in logical units
 * @height: chart height in logical units
 * @layout: (out caller-allocates): the plot and its axis
 * @labels: (out caller-allocates) (array length=impact->n_series) (nullable): where each
 *   series' name goes
 *
 * Computes where sc_impact_paint() draws.  The axis starts at zero (or below, for negative
 * values) and ends at a tick above the largest value.
 */
void
sc_impact_layout (const ScImpact  *impact,
                  ScImpactMeasure  measure,
                  const ScPalette *palette,
                  double           width,
                  double           height,
                  ScImpactLayout  *layout,
                  ScImpactLabel   *labels)
{
  g_autoptr(ScTextContext) context = NULL;
  g_autofree guint *order = NULL;
  double vmin = 0, vmax = -INFINITY, small_h = 0, name_w = 0, label_w, left_w, bottom_h;
  double plot_h, bottom_limit;
  guint max_ticks, n_visible = 0;

  g_return_if_fail (impact != NULL);
  g_return_if_fail (measure < SC_IMPACT_N_MEASURES);
  g_return_if_fail (palette != NULL);
  g_return_if_fail (layout != NULL);

  memset (layout, 0, sizeof *layout);
  layout->n_points = impact->n_points;

  context = _sc_text_context_new ();
  _sc_text_measure (context, palette, "0", _SC_TEXT_SMALL, FALSE, NULL, &small_h);

  for (guint s = 0; s < impact->n_series; s++)
    {
      const double *v = sc_impact_values (&impact->series[s], measure);
      gboolean any = FALSE;

      for (guint p = 0; p < impact->n_points; p++)
        if (isfinite (v[p]))
          {
            vmin = MIN (vmin, v[p]);
            vmax = MAX (vmax, v[p]);
            any = TRUE;
          }
      if (any)
        {
          double w;

          _sc_text_measure (context, palette, impact->series[s].name, _SC_TEXT_SMALL, FALSE,
                            &w, NULL);
          name_w = MAX (name_w, w);
        }
    }
  layout->has_values = isfinite (vmax);
  if (!layout->has_values)
    vmax = 1.0;
  if (vmax <= vmin)
    vmax = vmin + (measure == SC_IMPACT_CHURN ? 0.1 : 1.0);

  label_w = layout->has_values
            ? CLAMP (IMPACT_KEY + _SC_GAP + name_w, MIN (40.0, width * 0.3),
                     MAX (width * 0.3, 40.0))
            : 0;
  bottom_h = _SC_TICK_LENGTH + _SC_GAP + 2 * small_h + _SC_GAP;
  plot_h = MAX (height - 2 * PAD - bottom_h, 1.0);
  max_ticks = (guint) CLAMP (plot_h / 36.0, 2, 8);

  sc_axis_init (&layout->y_axis, vmin, vmax, FALSE, FALSE, max_ticks, measure_format (measure));
  left_w = sc_axis_measure (&layout->y_axis, palette, SC_AXIS_LEFT, NULL);

  layout->frame = (ScRect) { PAD + left_w, PAD,
                             MAX (width - 2 * PAD - left_w - (label_w > 0 ? label_w + LABEL_GAP
                                                                          : 0), 1.0),
                             plot_h };
  /* Inset, so that the dots of the first and last snapshot and of the largest value are
   * not cut by the frame. */
  layout->map = (ScRect) { layout->frame.x + MIN (IMPACT_INSET, layout->frame.width / 4),
                           layout->frame.y + MIN (IMPACT_TOP, layout->frame.height / 4),
                           layout->frame.width - 2 * MIN (IMPACT_INSET, layout->frame.width / 4),
                           layout->frame.height - MIN (IMPACT_TOP, layout->frame.height / 4) };
  layout->x_labels = (ScRect) { layout->frame.x, layout->frame.y + layout->frame.height,
                                layout->frame.width, bottom_h };

  if (labels == NULL)
    return;

  /* Names at the height of their line's end, then pushed apart: down from the top, and
   * back up from the bottom when the last ones ran out of room. */
  order = g_new (guint, MAX (impact->n_series, 1));
  for (guint s = 0; s < impact->n_series; s++)
    {
      ScImpactLabel *l = &labels[s];
      int p = last_point (impact, &impact->series[s], measure);

      memset (l, 0, sizeof *l);
      if (p < 0)
        continue;
      l->visible = TRUE;
      l->x = sc_impact_point_x (layout, (guint) p);
      l->y = sc_impact_value_y (layout, sc_impact_values (&impact->series[s], measure)[p]);
      l->rect = (ScRect) { layout->frame.x + layout->frame.width + LABEL_GAP, l->y - small_h / 2,
                           label_w, small_h };
      order[n_visible++] = s;
    }
  g_qsort_with_data (order, n_visible, sizeof (guint), compare_label_y, labels);

  bottom_limit = height - PAD;
  for (guint i = 1; i < n_visible; i++)
    {
      ScRect *prev = &labels[order[i - 1]].rect, *r = &labels[order[i]].rect;

      r->y = MAX (r->y, prev->y + prev->height + 1);
    }
  for (int i = (int) n_visible - 1; i >= 0; i--)
    {
      ScRect *r = &labels[order[i]].rect;
      double limit = i == (int) n_visible - 1 ? bottom_limit
                                              : labels[order[i + 1]].rect.y - 1;

      r->y = MIN (r->y, limit - r->height);
    }
  for (guint i = 0; i < n_visible; i++)
    {
      ScRect *r = &labels[order[i]].rect;
      double limit = i == 0 ? 0.0 : labels[order[i - 1]].rect.y + labels[order[i - 1]].rect.height
                                    + 1;

      r->y = MAX (r->y, limit);
    }
}

/**
 * sc_impact_point_x:
 * @layout: a layout from sc_impact_layout()
 * @point: a snapshot index
 *
 * Returns: where the snapshot's points are, horizontally
 */
double
sc_impact_point_x (const ScImpactLayout *layout,
                   guint                 point)
{
  g_return_val_if_fail (layout != NULL, 0);

  if (layout->n_points <= 1)
    return layout->map.x + layout->map.width / 2;
  return layout->map.x + layout->map.width * point / (layout->n_points - 1);
}

/**
 * sc_impact_value_y:
 * @layout: a layout from sc_impact_layout()
 * @value: a value of the measure
 *
 * Returns: the height of @value
 */
double
sc_impact_value_y (const ScImpactLayout *layout,
                   double                value)
{
  g_return_val_if_fail (layout != NULL, 0);

  return sc_axis_position (&layout->y_axis, value, layout->map.y + layout->map.height,
                           layout->map.y);
}

/**
 * sc_impact_hit_test:
 * @impact: the series
 * @measure: the measure shown
 * @layout: its layout
 * @x: logical x within the chart
 * @y: logical y within the chart
 * @series: (out): the series of the nearest point
 * @point: (out): the snapshot of the nearest point
 *
 * Returns: whether a point lies within 10 units of (@x, @y)
 */
gboolean
sc_impact_hit_test (const ScImpact       *impact,
                    ScImpactMeasure       measure,
                    const ScImpactLayout *layout,
                    double                x,
                    double                y,
                    guint                *series,
                    guint                *point)
{
  double best = IMPACT_HIT * IMPACT_HIT;
  gboolean found = FALSE;

  g_return_val_if_fail (impact != NULL && layout != NULL, FALSE);
  g_return_val_if_fail (series != NULL && point != NULL, FALSE);
  g_return_val_if_fail (measure < SC_IMPACT_N_MEASURES, FALSE);

  for (guint s = 0; s < impact->n_series; s++)
    {
      const double *v = sc_impact_values (&impact->series[s], measure);

      for (guint p = 0; p < impact->n_points; p++)
        {
          double dx, dy;

          if (!isfinite (v[p]))
            continue;
          dx = sc_impact_point_x (layout, p) - x;
          dy = sc_impact_value_y (layout, v[p]) - y;
          if (dx * dx + dy * dy <= best)
            {
              best = dx * dx + dy * dy;
              *series = s;
              *point = p;
              found = TRUE;
            }
        }
    }
  return found;
}

static void
paint_message (cairo_t         *cr,
               const ScPalette *palette,
               const char      *message,
               double           width,
               double           height)
{
  g_autoptr(PangoLayout) text = _sc_text_layout (NULL, cr, palette, message, _SC_TEXT_NORMAL,
                                                  FALSE);
  double w, h;

  pango_layout_set_width (text, (int) (MAX (width - 2 * PAD, 1.0) * PANGO_SCALE));
  pango_layout_set_alignment (text, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (text, PANGO_WRAP_WORD);
  _sc_text_size (text, &w, &h);
  _sc_text_draw (cr, text, PAD, (height - h) / 2, &palette->muted, 1.0);
}

/* Centred under @x, but kept inside the chart: the first and last labels are often wider
 * than the inset of their points. */
static double
label_left (double x,
            double w,
            double width)
{
  return MAX (MIN (x - w / 2, width - PAD - w), PAD);
}

static void
paint_x_labels (cairo_t              *cr,
                const ScImpact       *impact,
                const ScPalette      *palette,
                const ScImpactLayout *layout,
                double                width)
{
  double slot, widest = 0, baseline = layout->frame.y + layout->frame.height;
  guint every = 1;

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  _sc_set_source (cr, &palette->muted, 1.0);
  cairo_move_to (cr, layout->frame.x, _sc_snap_y (cr, baseline, 1.0));
  cairo_line_to (cr, layout->frame.x + layout->frame.width, _sc_snap_y (cr, baseline, 1.0));
  for (guint p = 0; p < impact->n_points; p++)
    {
      double x = _sc_snap_x (cr, sc_impact_point_x (layout, p), 1.0);

      cairo_move_to (cr, x, _sc_snap_y (cr, baseline, 1.0));
      cairo_line_to (cr, x, baseline + _SC_TICK_LENGTH);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* Dates all have the same width: when they do not fit, keep every n-th one, counting from
   * the latest, which matters most. */
  slot = impact->n_points > 1 ? layout->map.width / (impact->n_points - 1) : layout->frame.width;
  for (guint p = 0; p < impact->n_points; p++)
    {
      g_autofree char *date = sc_day_format (impact->as_of[p]);
      g_autoptr(PangoLayout) probe = _sc_text_layout (NULL, cr, palette, date, _SC_TEXT_SMALL,
                                                       FALSE);
      double w;

      _sc_text_size (probe, &w, NULL);
      widest = MAX (widest, w);
    }
  if (slot > 0)
    every = MAX ((guint) ceil ((widest + 2 * _SC_GAP) / slot), 1);

  for (guint p = 0; p < impact->n_points; p++)
    {
      g_autofree char *date = NULL;
      g_autoptr(PangoLayout) top = NULL;
      g_autoptr(PangoLayout) bottom = NULL;
      double x = sc_impact_point_x (layout, p), y, w, h, room;

      if ((impact->n_points - 1 - p) % every != 0)
        continue;
      room = MAX (MIN (slot * every, layout->frame.width) - _SC_GAP, 1.0);
      y = layout->x_labels.y + _SC_TICK_LENGTH + _SC_GAP;

      date = sc_day_format (impact->as_of[p]);
      top = _sc_text_layout (NULL, cr, palette, date, _SC_TEXT_SMALL, FALSE);
      _sc_text_size (top, &w, &h);
      _sc_text_draw (cr, top, label_left (x, w, width), y, &palette->foreground, 1.0);

      if (impact->labels[p] != NULL)
        {
          double bw;

          bottom = _sc_text_layout (NULL, cr, palette, impact->labels[p], _SC_TEXT_SMALL, FALSE);
          _sc_text_fit (bottom, room);
          _sc_text_size (bottom, &bw, NULL);
          bw = MIN (bw, room);
          _sc_text_draw (cr, bottom, label_left (x, bw, width), y + h, &palette->muted, 1.0);
        }
    }
}

static void
paint_series (cairo_t              *cr,
              const ScImpact       *impact,
              ScImpactMeasure       measure,
              const ScPalette      *palette,
              const ScImpactLayout *layout,
              guint                 s,
              double                alpha)
{
  const ScImpactSeries *series = &impact->series[s];
  const double *v = sc_impact_values (series, measure);
  gboolean drawing = FALSE;
  ScRgba colour;

  sc_palette_segment_colour (palette, series->colour, series->is_outliers, &colour);

  cairo_save (cr);
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint p = 0; p < impact->n_points; p++)
    {
      if (!isfinite (v[p]))
        {
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, sc_impact_point_x (layout, p), sc_impact_value_y (layout, v[p]));
      else
        cairo_move_to (cr, sc_impact_point_x (layout, p), sc_impact_value_y (layout, v[p]));
      drawing = TRUE;
    }
  _sc_set_source (cr, &colour, alpha);
  cairo_stroke (cr);

  for (guint p = 0; p < impact->n_points; p++)
    {
      if (!isfinite (v[p]))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, sc_impact_point_x (layout, p), sc_impact_value_y (layout, v[p]), 4.0, 0,
                 2 * G_PI);
    }
  _sc_set_source (cr, &palette->background, 1.0);
  cairo_fill_preserve (cr);
  _sc_set_source (cr, &colour, alpha);
  cairo_fill (cr);
  for (guint p = 0; p < impact->n_points; p++)
    {
      if (!isfinite (v[p]))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, sc_impact_point_x (layout, p), sc_impact_value_y (layout, v[p]), 4.0, 0,
                 2 * G_PI);
    }
  cairo_set_line_width (cr, 1.5);
  _sc_set_source (cr, &palette->background, 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
paint_label (cairo_t              *cr,
             const ScImpact       *impact,
             const ScPalette      *palette,
             const ScImpactLayout *layout,
             const ScImpactLabel  *label,
             guint                 s,
             double                alpha)
{
  const ScImpactSeries *series = &impact->series[s];
  g_autoptr(PangoLayout) text = NULL;
  double centre = label->rect.y + label->rect.height / 2, w, h;
  double last_x = sc_impact_point_x (layout, impact->n_points > 0 ? impact->n_points - 1 : 0);
  ScRgba colour;

  sc_palette_segment_colour (palette, series->colour, series->is_outliers, &colour);

  cairo_save (cr);
  /* A leader when the name moved away from its line's end, or the line ended early. */
  if (fabs (centre - label->y) > 2 || label->x < last_x - 1)
    {
      static const double dashes[] = { 1.0, 3.0 };

      /* Dotted, so that it does not read as the line going on. */
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, label->x + 5, label->y);
      cairo_line_to (cr, layout->frame.x + layout->frame.width, label->y);
      cairo_line_to (cr, label->rect.x - 2, centre);
      _sc_set_source (cr, &colour, 0.7 * alpha);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  cairo_set_line_width (cr, 3.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, label->rect.x + 1.5, centre);
  cairo_line_to (cr, label->rect.x + IMPACT_KEY - 1.5, centre);
  _sc_set_source (cr, &colour, alpha);
  cairo_stroke (cr);

  text = _sc_text_layout (NULL, cr, palette, series->name, _SC_TEXT_SMALL, FALSE);
  _sc_text_fit (text, MAX (label->rect.width - IMPACT_KEY - _SC_GAP, 1.0));
  _sc_text_size (text, &w, &h);
  _sc_text_draw (cr, text, label->rect.x + IMPACT_KEY + _SC_GAP, centre - h / 2,
                 alpha < 1 ? &palette->muted : &palette->foreground, 1.0);
  cairo_restore (cr);
}

/**
 * sc_impact_paint:
 * @cr: a cairo context, its origin at the chart's top left corner
 * @impact: the series
 * @measure: the measure to show
 * @palette: the colours
 * @selected: a series to highlight (the others are dimmed), or -1
 * @width: chart width in logical units
 * @height: chart height in logical units
 *
 * Paints one line per segment as sc_impact_layout() lays them out, or a message when there
 * is nothing to draw.  The background is not filled.
 */
void
sc_impact_paint (cairo_t         *cr,
                 const ScImpact  *impact,
                 ScImpactMeasure  measure,
                 const ScPalette *palette,
                 int              selected,
                 double           width,
                 double           height)
{
  g_autofree ScImpactLabel *labels = NULL;
  ScImpactLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (impact != NULL);
  g_return_if_fail (measure < SC_IMPACT_N_MEASURES);
  g_return_if_fail (palette != NULL);

  if (selected >= (int) impact->n_series)
    selected = -1;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);

  if (impact->n_points == 0)
    {
      paint_message (cr, palette, _("No snapshots yet."), width, height);
      cairo_restore (cr);
      return;
    }

  labels = g_new0 (ScImpactLabel, MAX (impact->n_series, 1));
  sc_impact_layout (impact, measure, palette, width, height, &layout, labels);
  if (!layout.has_values)
    {
      paint_message (cr, palette, measure == SC_IMPACT_CLV
                     ? _("No snapshot has a lifetime value yet: it is known once the value "
                         "model has run.")
                     : _("No snapshot has this figure."), width, height);
      cairo_restore (cr);
      return;
    }

  sc_axis_draw_grid (cr, &layout.y_axis, palette, SC_AXIS_LEFT, &layout.frame, &layout.map);
  sc_axis_draw (cr, &layout.y_axis, palette, SC_AXIS_LEFT, &layout.frame, &layout.map, NULL);
  paint_x_labels (cr, impact, palette, &layout, width);

  /* The highlighted series last, on top. */
  for (guint s = 0; s < impact->n_series; s++)
    if ((int) s != selected)
      paint_series (cr, impact, measure, palette, &layout, s, selected >= 0 ? 0.25 : 1.0);
  if (selected >= 0)
    paint_series (cr, impact, measure, palette, &layout, (guint) selected, 1.0);

  for (guint s = 0; s < impact->n_series; s++)
    if (labels[s].visible)
      paint_label (cr, impact, palette, &layout, &labels[s], s,
                   selected >= 0 && (int) s != selected ? 0.4 : 1.0);

  cairo_restore (cr);
}
