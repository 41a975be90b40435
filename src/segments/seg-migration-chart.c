/* seg-migration-chart.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The migration matrix of the What Changed dialog.  The matrix comes finished from a worker
 * (the dialog's load); this widget keeps it, lays it out per size and paints it with
 * sc_migration_paint(), the painter the report uses too.  Cells explain themselves in
 * tooltips; the chart selects no segment, so it answers no segment to SegChart. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-chart-private.h"
#include "seg-format.h"
#include "seg-migration-chart.h"

struct _SegMigrationChart
{
  SegChart           parent_instance;

  ScMigration       *migration;
  ScMigrationLayout  layout;
  int                layout_width;    /* 0 until laid out */
  int                layout_height;
};

G_DEFINE_FINAL_TYPE (SegMigrationChart, seg_migration_chart, SEG_TYPE_CHART)

static char *describe_cell (const ScMigration *m,
                            int                from,
                            int                to);

/* "1 A (1,204), 2 B (530)": the names whole, whatever the painter could show of them at this
 * size (it numbers the columns when their names do not fit), with the sizes it writes
 * beside the rows (before, LATER false) or below the columns (now). */
static char *
join_names (const ScMigration *m,
            gboolean           later)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = later ? m->n_to : m->n_from;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *size = seg_format_count (later ? sc_migration_column_total (m, (int) i)
                                                      : sc_migration_row_total (m, (int) i));

      if (i > 0)
        /* Translators: between two segment names in a list */
        g_string_append (text, _(", "));
      /* Translators: a numbered segment in the migration chart's description, with its
       * number of customers */
      g_string_append_printf (text, _("%u %s (%s)"), i + 1,
                              later ? m->to[i].name : m->from[i].name, size);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Every count a cell shows, in words, row by row (the new customers last); the cells that
 * show 0 together at the end.  The row of new customers and the column of those gone are
 * drawn only when someone is in them. */
static char *
describe_cells (const ScMigration *m)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean show_new = FALSE, show_gone = FALSE, zeros = FALSE;

  for (guint j = 0; j < m->n_to; j++)
    show_new |= sc_migration_get (m, -1, (int) j) > 0;
  for (guint i = 0; i < m->n_from; i++)
    show_gone |= sc_migration_get (m, (int) i, -1) > 0;
  for (int i = 0; i <= (int) m->n_from; i++)
    for (int j = 0; j <= (int) m->n_to; j++)
      {
        int from = i < (int) m->n_from ? i : -1, to = j < (int) m->n_to ? j : -1;
        g_autofree char *cell = NULL;

        /* No one is both new and gone. */
        if ((from < 0 && (to < 0 || !show_new)) || (to < 0 && !show_gone))
          continue;
        if (sc_migration_get (m, from, to) == 0)
          {
            zeros = TRUE;
            continue;
          }
        cell = describe_cell (m, from, to);
        g_string_append_printf (text, " %s.", cell);
      }
  if (zeros)
    /* Translators: ends the migration chart's description, after its non-empty cells */
    g_string_append_printf (text, " %s", _("The other cells are 0."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_description (SegMigrationChart *self)
{
  g_autofree char *text = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *cells = NULL;

  if (self->migration == NULL)
    text = g_strdup (_("Nothing to compare."));
  else
    {
      g_autofree char *before = join_names (self->migration, FALSE);
      g_autofree char *now = join_names (self->migration, TRUE);

      /* Translators: the description of the migration chart for screen readers; the last
       * two %s are the numbered segment names before and now */
      sentence = g_strdup_printf (_("A table of customer counts: rows are the %u segments "
                                    "before, columns the %u segments now. Each cell counts the "
                                    "customers who moved from its row to its column. Before: "
                                    "%s. Now: %s."),
                                  self->migration->n_from, self->migration->n_to, before, now);
      cells = describe_cells (self->migration);
      text = g_strconcat (sentence, cells, NULL);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

static void
seg_migration_chart_prepare (SegChart *chart,
                             int       width,
                             int       height,
                             double    scale)
{
  SegMigrationChart *self = SEG_MIGRATION_CHART (chart);

  if (self->migration == NULL)
    return;

  sc_migration_layout (self->migration, seg_chart_get_palette (chart), width, height,
                       &self->layout);
  self->layout_width = width;
  self->layout_height = height;
}

static void
seg_migration_chart_paint (SegChart        *chart,
                           cairo_t         *cr,
                           int              width,
                           int              height,
                           const ScPalette *palette,
                           double           scale)
{
  SegMigrationChart *self = SEG_MIGRATION_CHART (chart);

  if (self->migration != NULL)
    sc_migration_paint (cr, self->migration, palette, width, height);
}

static char *
describe_cell (const ScMigration *m,
               int                from,
               int                to)
{
  guint64 count = sc_migration_get (m, from, to);
  guint64 row_total = sc_migration_row_total (m, from);
  g_autofree char *n = seg_format_count (count);
  g_autofree char *share = seg_format_share (row_total > 0 ? (double) count / row_total : 0);

  if (from < 0)
    /* Translators: a cell of the migration chart: a number of customers, a segment */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new customer joined %s",
                                         "%s new customers joined %s", count),
                            n, m->to[to].name);
  if (to < 0)
    /* Translators: a cell of the migration chart: a number of customers, a segment, a
     * percentage */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s customer of %s is in no segment now (%s)",
                                         "%s customers of %s are in no segment now (%s)", count),
                            n, m->from[from].name, share);
  if (m->to_match[from] == to)
    /* Translators: a cell of the migration chart: a number of customers, a segment, a
     * percentage */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer stayed in %s (%s)",
                                         "%s customers stayed in %s (%s)", count),
                            n, m->to[to].name, share);
  /* Translators: a cell of the migration chart: a number of customers, two segments and the
   * percentage of the first segment's members */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer went from %s to %s (%s)",
                                       "%s customers went from %s to %s (%s)", count),
                          n, m->from[from].name, m->to[to].name, share);
}

static gboolean
seg_migration_chart_query_tooltip (GtkWidget  *widget,
                                   int         x,
                                   int         y,
                                   gboolean    keyboard_mode,
                                   GtkTooltip *tooltip)
{
  SegMigrationChart *self = SEG_MIGRATION_CHART (widget);
  g_autofree char *text = NULL;
  int from, to;
  ScRect cell;

  if (self->migration == NULL || self->layout_width == 0 || keyboard_mode ||
      !sc_migration_hit_test (&self->layout, x, y, &from, &to))
    return FALSE;

  text = describe_cell (self->migration, from, to);
  gtk_tooltip_set_text (tooltip, text);
  if (sc_migration_cell (&self->layout, from, to, &cell))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) cell.x, (int) cell.y,
                                                         (int) cell.width, (int) cell.height });
  return TRUE;
}

static void
seg_migration_chart_size_hints (SegChart     *chart,
                                SegChartSize *size)
{
  SegMigrationChart *self = SEG_MIGRATION_CHART (chart);
  double width = 320, height = 120, least = 80;

  if (self->migration != NULL)
    {
      const ScPalette *palette = seg_chart_get_palette (chart);

      sc_migration_natural_size (self->migration, palette, &width, &height);
      /* At its narrowest the chart may number its columns and name them in a key below;
       * rows keep room for their text. */
      least = sc_migration_min_height (self->migration, palette, 320);
    }

  *size = (SegChartSize) { 320, MAX ((int) ceil (width), 320), MAX ((int) ceil (least), 80),
                           MAX ((int) ceil (MAX (height, least)), 120) };
}

static void
seg_migration_chart_finalize (GObject *object)
{
  SegMigrationChart *self = SEG_MIGRATION_CHART (object);

  g_clear_pointer (&self->migration, sc_migration_free);

  G_OBJECT_CLASS (seg_migration_chart_parent_class)->finalize (object);
}

static void
seg_migration_chart_class_init (SegMigrationChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SegChartClass *chart_class = SEG_CHART_CLASS (klass);

  object_class->finalize = seg_migration_chart_finalize;

  widget_class->query_tooltip = seg_migration_chart_query_tooltip;

  chart_class->prepare = seg_migration_chart_prepare;
  chart_class->paint = seg_migration_chart_paint;
  chart_class->size_hints = seg_migration_chart_size_hints;
}

static void
seg_migration_chart_init (SegMigrationChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  _seg_chart_set_names (SEG_CHART (self), _("Segment migration"), _("Segment migration chart"));
  update_description (self);
}

/**
 * seg_migration_chart_new:
 *
 * Returns: (transfer floating): a migration chart without data
 */
GtkWidget *
seg_migration_chart_new (void)
{
  return g_object_new (SEG_TYPE_MIGRATION_CHART, NULL);
}

/**
 * seg_migration_chart_set_migration:
 * @migration: (transfer full) (nullable): what to draw
 */
void
seg_migration_chart_set_migration (SegMigrationChart *self,
                                   ScMigration       *migration)
{
  g_return_if_fail (SEG_IS_MIGRATION_CHART (self));

  if (self->migration == migration)
    return;

  g_clear_pointer (&self->migration, sc_migration_free);
  self->migration = migration;
  self->layout_width = self->layout_height = 0;

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  seg_chart_invalidate (SEG_CHART (self));
}

/**
 * seg_migration_chart_get_migration:
 *
 * Returns: (transfer none) (nullable): what the chart draws
 */
const ScMigration *
seg_migration_chart_get_migration (SegMigrationChart *self)
{
  g_return_val_if_fail (SEG_IS_MIGRATION_CHART (self), NULL);

  return self->migration;
}

/**
 * seg_migration_chart_get_layout:
 * @layout: (out): the layout at the chart's current size
 *
 * Returns: whether the chart has been laid out
 */
gboolean
seg_migration_chart_get_layout (SegMigrationChart *self,
                                ScMigrationLayout *layout)
{
  g_return_val_if_fail (SEG_IS_MIGRATION_CHART (self), FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);

  if (self->migration == NULL || self->layout_width == 0)
    return FALSE;

  *layout = self->layout;
  return TRUE;
}
