/* seg-bars-chart.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The segment sizes chart of the Overview: a copy of the run's segments in priority order,
 * made when the project changes (a handful of rows, so on the main thread), and the row
 * layout of sc_bars_layout(), made for each size; painting and hit testing read both. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-bars.h"
#include "seg-bars-chart.h"
#include "seg-chart-private.h"
#include "seg-format.h"

struct _SegBarsChart
{
  SegChart       parent_instance;

  guint          n;
  ScBarsSegment *segments;     /* n, in priority order; names point into names */
  GStrv          names;
  guint64       *sizes;
  int           *positions;    /* n: row -> segment position */

  ScBarsRow     *rows;         /* n, for layout_width × layout_height */
  int            layout_width;
  int            layout_height;
};

G_DEFINE_FINAL_TYPE (SegBarsChart, seg_bars_chart, SEG_TYPE_CHART)

/* Rows of sc_bars_layout() may be 28 to 64 units high; under 40 the two bars and their
 * labels crowd each other.  A scrolled page allocates the minimum, so it must read well. */
#define ROW_MIN     40
#define ROW_NATURAL 44
#define PADDING     16

static void
clear_data (SegBarsChart *self)
{
  self->n = 0;
  g_clear_pointer (&self->segments, g_free);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->sizes, g_free);
  g_clear_pointer (&self->positions, g_free);
  g_clear_pointer (&self->rows, g_free);
  self->layout_width = self->layout_height = 0;
}

static int
row_of (SegBarsChart *self,
        int           position)
{
  for (guint i = 0; i < self->n; i++)
    if (self->positions[i] == position)
      return (int) i;
  return -1;
}

static void
update_description (SegBarsChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->n; i++)
    {
      g_autofree char *share = seg_format_share (self->segments[i].share);
      g_autofree char *revenue = seg_format_share (self->segments[i].revenue_share);

      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: one segment in the description of the chart for screen readers:
       * name, share of customers, share of revenue */
      g_string_append_printf (text, _("%s: %s of customers, %s of revenue."),
                              self->names[i], share, revenue);
    }

  if (text->len == 0)
    g_string_append (text, _("No segments yet."));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
}

/* The run's segments change with every reload of the project: a new segmentation, a
 * rename, a new priority. */
static void
seg_bars_chart_project_changed (SegChart *chart)
{
  SegBarsChart *self = SEG_BARS_CHART (chart);
  ScProject *project = seg_chart_get_project (chart);
  const ScRun *run = project != NULL ? sc_project_get_run (project) : NULL;
  g_autofree guint *order = NULL;
  guint n_before = self->n;

  clear_data (self);

  if (run != NULL && run->n_segments > 0)
    {
      self->n = run->n_segments;
      self->segments = g_new0 (ScBarsSegment, self->n);
      self->names = g_new0 (char *, self->n + 1);
      self->sizes = g_new0 (guint64, self->n);
      self->positions = g_new0 (int, self->n);
      self->rows = g_new0 (ScBarsRow, self->n);

      order = sc_run_priority_order (run);
      for (guint i = 0; i < self->n; i++)
        {
          const ScSegmentInfo *info = &run->segments[order[i]];

          self->names[i] = g_strdup (info->name != NULL ? info->name : "");
          self->segments[i].name = self->names[i];
          self->segments[i].colour = info->colour;
          self->segments[i].is_outliers = info->is_outliers;
          self->segments[i].share = info->share;
          self->segments[i].revenue_share = info->revenue_share;
          self->sizes[i] = info->size;
          self->positions[i] = (int) info->position;
        }
    }

  update_description (self);
  if (self->n != n_before)
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_bars_chart_prepare (SegChart *chart,
                        int       width,
                        int       height,
                        double    scale)
{
  SegBarsChart *self = SEG_BARS_CHART (chart);
  ScBarsLayout layout;

  if (self->n == 0)
    return;

  sc_bars_layout (self->segments, self->n, seg_chart_get_palette (chart), width, height,
                  &layout, self->rows);
  self->layout_width = width;
  self->layout_height = height;
}

static void
seg_bars_chart_paint (SegChart        *chart,
                      cairo_t         *cr,
                      int              width,
                      int              height,
                      const ScPalette *palette,
                      double           scale)
{
  SegBarsChart *self = SEG_BARS_CHART (chart);
  int hover = seg_chart_get_hover (chart);

  if (self->n == 0)
    return;

  /* The hover highlight belongs to the screen only, and to the layout it was found in. */
  if (hover >= 0 && !seg_chart_is_exporting (chart) &&
      width == self->layout_width && height == self->layout_height)
    {
      int row = row_of (self, hover);

      if (row >= 0 && hover != seg_chart_get_selected (chart))
        {
          const ScRect *r = &self->rows[row].row;

          /* As sc_bars_paint() draws the selected row, fainter. */
          double x = r->x + 2, y = r->y + 1, w = r->width - 4, h = r->height - 2, rad = 6;

          cairo_save (cr);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x + w - rad, y + rad, rad, -G_PI / 2, 0);
          cairo_arc (cr, x + w - rad, y + h - rad, rad, 0, G_PI / 2);
          cairo_arc (cr, x + rad, y + h - rad, rad, G_PI / 2, G_PI);
          cairo_arc (cr, x + rad, y + rad, rad, G_PI, 3 * G_PI / 2);
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, palette->foreground.r, palette->foreground.g,
                                 palette->foreground.b, 0.06);
          cairo_fill (cr);
          cairo_restore (cr);
        }
    }

  sc_bars_paint (cr, self->segments, self->n, palette,
                 row_of (self, seg_chart_get_selected (chart)), width, height);
}

static int
seg_bars_chart_segment_at (SegChart *chart,
                           double    x,
                           double    y)
{
  SegBarsChart *self = SEG_BARS_CHART (chart);
  int row;

  if (self->n == 0 || self->layout_width == 0)
    return -1;

  row = sc_bars_hit_test (self->rows, self->n, x, y);
  return row >= 0 ? self->positions[row] : -1;
}

static gboolean
seg_bars_chart_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard_mode,
                              GtkTooltip *tooltip)
{
  SegBarsChart *self = SEG_BARS_CHART (widget);
  int position, row;
  g_autofree char *count = NULL;
  g_autofree char *share = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *text = NULL;

  if (keyboard_mode)
    position = seg_chart_get_selected (SEG_CHART (self));
  else
    position = seg_bars_chart_segment_at (SEG_CHART (self), x, y);

  row = position >= 0 ? row_of (self, position) : -1;
  if (row < 0)
    return FALSE;

  count = seg_format_count (self->sizes[row]);
  share = seg_format_share (self->segments[row].share);
  revenue = seg_format_share (self->segments[row].revenue_share);
  /* Translators: a tooltip: segment name, customers, share of customers, share of revenue */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%s customer (%s)\n%s of revenue",
                                       "%s\n%s customers (%s)\n%s of revenue",
                                       (gulong) MIN (self->sizes[row], G_MAXULONG)),
                          self->names[row], count, share, revenue);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
seg_bars_chart_size_hints (SegChart     *chart,
                           SegChartSize *size)
{
  SegBarsChart *self = SEG_BARS_CHART (chart);

  /* Rows as high as their text needs at the current text size, names above the bars. */
  double row = sc_bars_min_row_height (seg_chart_get_palette (chart));
  int row_min = MAX (ROW_MIN, (int) ceil (row)), row_natural = MAX (ROW_NATURAL, row_min + 4);

  *size = (SegChartSize) { 280, 560, MAX (PADDING + (int) self->n * row_min, 60),
                           MAX (PADDING + (int) self->n * row_natural, 120) };
}

static void
seg_bars_chart_finalize (GObject *object)
{
  clear_data (SEG_BARS_CHART (object));

  G_OBJECT_CLASS (seg_bars_chart_parent_class)->finalize (object);
}

static void
seg_bars_chart_class_init (SegBarsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SegChartClass *chart_class = SEG_CHART_CLASS (klass);

  object_class->finalize = seg_bars_chart_finalize;

  widget_class->query_tooltip = seg_bars_chart_query_tooltip;

  chart_class->prepare = seg_bars_chart_prepare;
  chart_class->paint = seg_bars_chart_paint;
  chart_class->segment_at = seg_bars_chart_segment_at;
  chart_class->size_hints = seg_bars_chart_size_hints;
  chart_class->project_changed = seg_bars_chart_project_changed;
}

static void
seg_bars_chart_init (SegBarsChart *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  _seg_chart_set_names (SEG_CHART (self), _("Segment sizes"), _("Segment sizes chart"));
  update_description (self);
}

/**
 * seg_bars_chart_new:
 *
 * Returns: (transfer floating): a segment sizes chart; give it a project and the window's
 *   selection with seg_chart_set_project() and seg_chart_set_selection()
 */
GtkWidget *
seg_bars_chart_new (void)
{
  return g_object_new (SEG_TYPE_BARS_CHART, NULL);
}

/**
 * seg_bars_chart_get_row_area:
 * @position: a segment position
 * @area: (out): the segment's row, in widget coordinates
 *
 * Returns: whether the chart shows the segment at @position
 */
gboolean
seg_bars_chart_get_row_area (SegBarsChart *self,
                             int           position,
                             ScRect       *area)
{
  int row;

  g_return_val_if_fail (SEG_IS_BARS_CHART (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  row = row_of (self, position);
  if (row < 0 || self->layout_width == 0)
    return FALSE;

  *area = self->rows[row].row;
  return TRUE;
}
