/* seg-impact-chart.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The impact chart of the What Changed dialog: one line per segment over the snapshots for
 * one measure, painted by sc_impact_paint().  The series come finished from the dialog's
 * worker; changing the measure only lays the chart out again.  Hovering a point highlights
 * its segment's line and a tooltip gives the value.  The lines are segment identities
 * across runs, not positions of the current run, so the chart keeps its own hover instead
 * of SegChart's segment hover and selection. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-chart-private.h"
#include "seg-format.h"
#include "seg-impact-chart.h"

struct _SegImpactChart
{
  SegChart         parent_instance;

  ScImpact        *impact;
  ScImpactMeasure  measure;
  ScImpactLayout   layout;
  int              layout_width;    /* 0 until laid out */
  int              layout_height;
  int              hover;           /* series under the pointer, or -1 */
};

G_DEFINE_FINAL_TYPE (SegImpactChart, seg_impact_chart, SEG_TYPE_CHART)

static char *
format_value (SegImpactChart *self,
              double          value)
{
  ScProject *project = seg_chart_get_project (SEG_CHART (self));
  ScImpactMeasure measure = self->measure;

  switch (measure)
    {
    case SC_IMPACT_CUSTOMERS:
      return seg_format_count ((guint64) MAX (round (value), 0));
    case SC_IMPACT_REVENUE:
    case SC_IMPACT_CLV:
      return seg_format_amount (project != NULL ? sc_project_get_currency (project, NULL) : NULL,
                                value);
    case SC_IMPACT_CHURN:
      return seg_format_share (value);
    case SC_IMPACT_ORDERS:
    case SC_IMPACT_N_MEASURES:
    default:
      return g_strdup_printf ("%.2f", value);
    }
}

static void
update_description (SegImpactChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->impact != NULL && self->impact->n_points > 0)
    {
      /* Translators: the start of the impact chart's description for screen readers; %s is
       * a measure such as "Customers" */
      g_string_append_printf (text, _("%s per segment over %u snapshots."),
                              sc_impact_measure_label (self->measure), self->impact->n_points);
      for (guint s = 0; s < self->impact->n_series; s++)
        {
          const double *v = sc_impact_values (&self->impact->series[s], self->measure);
          int first = -1, last = -1;

          for (guint p = 0; p < self->impact->n_points; p++)
            if (isfinite (v[p]))
              {
                if (first < 0)
                  first = (int) p;
                last = (int) p;
              }
          if (first >= 0)
            {
              g_autofree char *a = format_value (self, v[first]);
              g_autofree char *b = format_value (self, v[last]);

              /* Translators: one segment in the impact chart's description: name, first and
               * last value */
              g_string_append_printf (text, _(" %s: from %s to %s."),
                                      self->impact->series[s].name, a, b);
            }
        }
    }
  else
    g_string_append (text, _("No snapshots yet."));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
}

static void
seg_impact_chart_prepare (SegChart *chart,
                          int       width,
                          int       height,
                          double    scale)
{
  SegImpactChart *self = SEG_IMPACT_CHART (chart);

  if (self->impact == NULL)
    return;

  sc_impact_layout (self->impact, self->measure, seg_chart_get_palette (chart), width, height,
                    &self->layout, NULL);
  self->layout_width = width;
  self->layout_height = height;
}

static void
seg_impact_chart_paint (SegChart        *chart,
                        cairo_t         *cr,
                        int              width,
                        int              height,
                        const ScPalette *palette,
                        double           scale)
{
  SegImpactChart *self = SEG_IMPACT_CHART (chart);

  if (self->impact == NULL)
    return;

  sc_impact_paint (cr, self->impact, self->measure, palette,
                   seg_chart_is_exporting (chart) ? -1 : self->hover, width, height);
}

static gboolean
hit_test (SegImpactChart *self,
          double          x,
          double          y,
          guint          *series,
          guint          *point)
{
  if (self->impact == NULL || self->layout_width == 0 || !self->layout.has_values)
    return FALSE;

  return sc_impact_hit_test (self->impact, self->measure, &self->layout, x, y, series, point);
}

static void
set_hover (SegImpactChart *self,
           int             hover)
{
  if (self->hover == hover)
    return;

  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SegImpactChart           *self)
{
  guint series, point;

  set_hover (self, hit_test (self, x, y, &series, &point) ? (int) series : -1);
}

static void
on_leave (GtkEventControllerMotion *controller,
          SegImpactChart           *self)
{
  set_hover (self, -1);
}

static gboolean
seg_impact_chart_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  SegImpactChart *self = SEG_IMPACT_CHART (widget);
  const ScImpactSeries *series;
  g_autofree char *day = NULL;
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  guint s, p;

  if (keyboard_mode || !hit_test (self, x, y, &s, &p))
    return FALSE;

  series = &self->impact->series[s];
  day = seg_format_day (self->impact->as_of[p]);
  value = format_value (self, sc_impact_values (series, self->measure)[p]);
  /* Translators: an impact chart tooltip: segment, snapshot label, its as-of date, then a
   * measure such as "Customers" and its value */
  text = g_strdup_printf (_("%s\n%s, as of %s\n%s: %s"), series->name,
                          self->impact->labels[p] != NULL ? self->impact->labels[p] : "", day,
                          sc_impact_measure_label (self->measure), value);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
seg_impact_chart_size_hints (SegChart     *chart,
                             SegChartSize *size)
{
  *size = (SegChartSize) { 320, 720, 200, 320 };
}

static void
seg_impact_chart_finalize (GObject *object)
{
  SegImpactChart *self = SEG_IMPACT_CHART (object);

  g_clear_pointer (&self->impact, sc_impact_free);

  G_OBJECT_CLASS (seg_impact_chart_parent_class)->finalize (object);
}

static void
seg_impact_chart_class_init (SegImpactChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SegChartClass *chart_class = SEG_CHART_CLASS (klass);

  object_class->finalize = seg_impact_chart_finalize;

  widget_class->query_tooltip = seg_impact_chart_query_tooltip;

  chart_class->prepare = seg_impact_chart_prepare;
  chart_class->paint = seg_impact_chart_paint;
  chart_class->size_hints = seg_impact_chart_size_hints;
}

static void
seg_impact_chart_init (SegImpactChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->hover = -1;
  self->measure = SC_IMPACT_CUSTOMERS;

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  _seg_chart_set_names (SEG_CHART (self), _("Segments over time"), _("Segments over time chart"));
  update_description (self);
}

/**
 * seg_impact_chart_new:
 *
 * Returns: (transfer floating): an impact chart without data, showing customers
 */
GtkWidget *
seg_impact_chart_new (void)
{
  return g_object_new (SEG_TYPE_IMPACT_CHART, NULL);
}

/**
 * seg_impact_chart_set_impact:
 * @impact: (transfer full) (nullable): the series
 */
void
seg_impact_chart_set_impact (SegImpactChart *self,
                             ScImpact       *impact)
{
  g_return_if_fail (SEG_IS_IMPACT_CHART (self));

  if (self->impact == impact)
    return;

  g_clear_pointer (&self->impact, sc_impact_free);
  self->impact = impact;
  self->layout_width = self->layout_height = 0;
  self->hover = -1;

  update_description (self);
  seg_chart_invalidate (SEG_CHART (self));
}

/**
 * seg_impact_chart_get_impact:
 *
 * Returns: (transfer none) (nullable): the series shown
 */
const ScImpact *
seg_impact_chart_get_impact (SegImpactChart *self)
{
  g_return_val_if_fail (SEG_IS_IMPACT_CHART (self), NULL);

  return self->impact;
}

void
seg_impact_chart_set_measure (SegImpactChart  *self,
                              ScImpactMeasure  measure)
{
  g_return_if_fail (SEG_IS_IMPACT_CHART (self));
  g_return_if_fail (measure < SC_IMPACT_N_MEASURES);

  if (self->measure == measure)
    return;

  self->measure = measure;
  self->layout_width = self->layout_height = 0;
  self->hover = -1;

  update_description (self);
  seg_chart_invalidate (SEG_CHART (self));
}

ScImpactMeasure
seg_impact_chart_get_measure (SegImpactChart *self)
{
  g_return_val_if_fail (SEG_IS_IMPACT_CHART (self), SC_IMPACT_CUSTOMERS);

  return self->measure;
}
