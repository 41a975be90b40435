/* seg-scatter-chart-view.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The scatter chart on screen: painting reads the cache that seg-scatter-chart-data.c
 * prepared, and only that (a theme change recolours its image, it does not bin again;
 * exports at another size bin once, synchronously, for the file); hover, tooltips, zooming
 * by dragging and hit-testing map widget coordinates to the cache, which may be laid out
 * for another size while a resize settles. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-chart-private.h"
#include "seg-format.h"
#include "seg-scatter-chart-private.h"

#define DRAG_THRESHOLD  5.0
#define MIN_ZOOM_SIZE   6.0


/* ------------------------------------------------------------------------------------------ */
/* Geometry                                                                                   */

/* @v along a length @from, at the same place along a length @to (kept as it is while @from
 * is not laid out yet). */
static double
rescale (double v,
         double from,
         double to)
{
  return from > 0 ? v * to / from : v;
}

/* The cache may be laid out for another size while a resize settles. */
static void
to_cache (SegScatterChart *self,
          double           x,
          double           y,
          double          *cx,
          double          *cy)
{
  *cx = rescale (x, gtk_widget_get_width (GTK_WIDGET (self)), self->cache_key.width);
  *cy = rescale (y, gtk_widget_get_height (GTK_WIDGET (self)), self->cache_key.height);
}

static void
from_cache (SegScatterChart *self,
            double           cx,
            double           cy,
            double          *x,
            double          *y)
{
  *x = rescale (cx, self->cache_key.width, gtk_widget_get_width (GTK_WIDGET (self)));
  *y = rescale (cy, self->cache_key.height, gtk_widget_get_height (GTK_WIDGET (self)));
}

static double
hit_radius (SegScatterChart *self)
{
  return MAX (4.0, sc_scatter_cache_get_point_radius (self->cache) + 2.0);
}

static guint
label_of (SegScatterChart *self,
          gint64           customer)
{
  return customer >= 0 && (guint64) customer < self->source->run->n_customers
         ? self->source->run->labels[customer] : SC_LABEL_NONE;
}

/* ------------------------------------------------------------------------------------------ */
/* SegChart                                                                                   */

static gboolean
on_kick (gpointer user_data)
{
  SegScatterChart *self = user_data;

  self->kick_id = 0;
  if (self->source_stale)
    _seg_scatter_chart_start_load (self);
  else
    _seg_scatter_chart_request_build (self);
  return G_SOURCE_REMOVE;
}

static void
seg_scatter_chart_prepare (SegChart *chart,
                           int       width,
                           int       height,
                           double    scale)
{
  SegScatterChart *self = SEG_SCATTER_CHART (chart);

  self->want_width = width;
  self->want_height = height;
  self->want_scale = (int) scale;

  /* Prepare runs inside size_allocate, where the "busy" and "n-shown" notifications
   * would resize the page's controls in the middle of the layout: start from an idle. */
  if (self->kick_id == 0)
    self->kick_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_kick, self, NULL);
}

static void
draw_message (cairo_t         *cr,
              const ScPalette *palette,
              const char      *text,
              int              width,
              int              height)
{
  g_autoptr(PangoLayout) layout = _seg_chart_text_layout (cr, palette, text, palette->font_size,
                                                          FALSE);
  int text_width, text_height;

  pango_layout_set_width (layout, MAX (width - 48, 40) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  cairo_set_source_rgba (cr, palette->muted.r, palette->muted.g, palette->muted.b,
                         palette->muted.a);
  cairo_move_to (cr, 24, (height - text_height) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_hover (SegScatterChart *self,
            cairo_t         *cr,
            const ScPalette *palette)
{
  const ScFeatures *features = self->source->features;
  double vx, vy, cx, cy, x, y, r;

  if (self->hover_point < 0 || (guint64) self->hover_point >= features->n)
    return;

  vx = features->values[self->x_feature][self->hover_point];
  vy = features->values[self->y_feature][self->hover_point];
  if (!sc_scatter_point_position (self->cache, vx, vy, &cx, &cy))
    return;

  from_cache (self, cx, cy, &x, &y);
  r = sc_scatter_cache_get_point_radius (self->cache) + 3.0;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_line_width (cr, 4.0);
  cairo_set_source_rgba (cr, palette->background.r, palette->background.g,
                         palette->background.b, 0.9);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, palette->foreground.r, palette->foreground.g,
                         palette->foreground.b, palette->foreground.a);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_rubber_band (SegScatterChart *self,
                  cairo_t         *cr,
                  const ScPalette *palette)
{
  double x = MIN (self->drag_x0, self->drag_x1);
  double y = MIN (self->drag_y0, self->drag_y1);
  double w = ABS (self->drag_x1 - self->drag_x0);
  double h = ABS (self->drag_y1 - self->drag_y0);

  cairo_save (cr);
  cairo_rectangle (cr, floor (x) + 0.5, floor (y) + 0.5, floor (w), floor (h));
  cairo_set_source_rgba (cr, palette->selection.r, palette->selection.g, palette->selection.b,
                         0.15);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_source_rgba (cr, palette->selection.r, palette->selection.g, palette->selection.b,
                         0.9);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
seg_scatter_chart_paint (SegChart        *chart,
                         cairo_t         *cr,
                         int              width,
                         int              height,
                         const ScPalette *palette,
                         double           scale)
{
  SegScatterChart *self = SEG_SCATTER_CHART (chart);
  int selected = seg_chart_get_selected (chart);
  gboolean exporting = seg_chart_is_exporting (chart);

  if (self->cache == NULL)
    {
      if (self->error != NULL)
        draw_message (cr, palette, self->error, width, height);
      else if (_seg_scatter_chart_get_busy (self))
        draw_message (cr, palette, _("Loading customers…"), width, height);
      return;
    }

  /* A file gets points binned for its own size and resolution rather than stretched. */
  if (exporting && self->source != NULL &&
      (width != self->cache_key.width || height != self->cache_key.height ||
       scale != self->cache_key.scale))
    {
      SegScatterKey key = self->cache_key;
      ScScatterCache *cache;

      key.width = width;
      key.height = height;
      cache = _seg_scatter_chart_build_cache (self->source, &key, scale, palette, NULL);
      if (cache != NULL)
        {
          sc_scatter_paint (cr, cache, palette, selected, width, height);
          sc_scatter_cache_free (cache);
          return;
        }
    }

  sc_scatter_paint (cr, self->cache, palette, selected, width, height);

  if (!exporting)
    {
      draw_hover (self, cr, palette);
      if (self->dragging)
        draw_rubber_band (self, cr, palette);
    }
}

static int
seg_scatter_chart_segment_at (SegChart *chart,
                              double    x,
                              double    y)
{
  SegScatterChart *self = SEG_SCATTER_CHART (chart);
  double cx, cy;
  int legend;
  gint64 customer;
  guint label;

  if (self->cache == NULL || self->source == NULL)
    return -1;

  to_cache (self, x, y, &cx, &cy);
  legend = sc_scatter_legend_hit_test (self->cache, cx, cy);
  if (legend >= 0)
    return legend;

  customer = sc_scatter_hit_test (self->cache, cx, cy, hit_radius (self));
  label = label_of (self, customer);
  return label < self->source->run->n_segments ? (int) label : -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Input                                                                                      */

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SegScatterChart          *self)
{
  gint64 point = seg_scatter_chart_customer_at (self, x, y);

  if (point != self->hover_point)
    {
      self->hover_point = point;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          SegScatterChart          *self)
{
  if (self->hover_point >= 0)
    {
      self->hover_point = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_drag_begin (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               SegScatterChart *self)
{
  self->drag_x0 = self->drag_x1 = x;
  self->drag_y0 = self->drag_y1 = y;
  self->dragging = FALSE;
}

static void
on_drag_update (GtkGestureDrag  *gesture,
                double           offset_x,
                double           offset_y,
                SegScatterChart *self)
{
  if (!self->dragging && hypot (offset_x, offset_y) < DRAG_THRESHOLD)
    return;

  self->dragging = self->cache != NULL;
  self->drag_x1 = self->drag_x0 + offset_x;
  self->drag_y1 = self->drag_y0 + offset_y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag  *gesture,
             double           offset_x,
             double           offset_y,
             SegScatterChart *self)
{
  if (!self->dragging)
    return;

  self->dragging = FALSE;
  self->drag_x1 = self->drag_x0 + offset_x;
  self->drag_y1 = self->drag_y0 + offset_y;
  if (ABS (offset_x) >= MIN_ZOOM_SIZE && ABS (offset_y) >= MIN_ZOOM_SIZE)
    seg_scatter_chart_zoom_to (self, self->drag_x0, self->drag_y0, self->drag_x1, self->drag_y1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_double_click (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 SegScatterChart *self)
{
  if (n_press == 2)
    seg_scatter_chart_reset_zoom (self);
}

static void
reset_zoom_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  seg_scatter_chart_reset_zoom (SEG_SCATTER_CHART (widget));
}

static gboolean
seg_scatter_chart_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;

  if (keyboard_mode)
    return FALSE;

  text = seg_scatter_chart_tooltip_text_at (SEG_SCATTER_CHART (widget), x, y);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/**
 * seg_scatter_chart_zoom_to:
 * @x0: a corner, widget coordinates
 * @y0: a corner
 * @x1: the opposite corner
 * @y1: the opposite corner
 *
 * Shows only the customers within the rectangle, which is clipped to the plot.
 *
 * Returns: whether the rectangle held some of the plot
 */
gboolean
seg_scatter_chart_zoom_to (SegScatterChart *self,
                           double           x0,
                           double           y0,
                           double           x1,
                           double           y1)
{
  ScRect plot;
  double cx0, cy0, cx1, cy1, v[4];
  gboolean was_zoomed;

  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);

  if (self->cache == NULL)
    return FALSE;

  sc_scatter_cache_get_plot_area (self->cache, &plot);
  to_cache (self, MIN (x0, x1), MIN (y0, y1), &cx0, &cy0);
  to_cache (self, MAX (x0, x1), MAX (y0, y1), &cx1, &cy1);
  cx0 = CLAMP (cx0, plot.x, plot.x + plot.width);
  cx1 = CLAMP (cx1, plot.x, plot.x + plot.width);
  cy0 = CLAMP (cy0, plot.y, plot.y + plot.height);
  cy1 = CLAMP (cy1, plot.y, plot.y + plot.height);
  if (cx1 - cx0 < 1.0 || cy1 - cy0 < 1.0)
    return FALSE;

  /* The top of the plot is the largest y value. */
  sc_scatter_value_at (self->cache, cx0, cy1, &v[0], &v[2]);
  sc_scatter_value_at (self->cache, cx1, cy0, &v[1], &v[3]);
  if (!(v[0] < v[1]) || !(v[2] < v[3]))
    return FALSE;

  was_zoomed = seg_scatter_chart_get_zoomed (self);
  memcpy (self->zoom, v, sizeof v);
  if (!was_zoomed)
    _seg_scatter_chart_notify (self, SEG_SCATTER_PROP_ZOOMED);
  _seg_scatter_chart_request_build (self);
  return TRUE;
}

/**
 * seg_scatter_chart_customer_at:
 * @x: widget coordinate
 * @y: widget coordinate
 *
 * Returns: the dense id of the customer drawn nearest to (@x, @y) within a few pixels, or -1
 */
gint64
seg_scatter_chart_customer_at (SegScatterChart *self,
                               double           x,
                               double           y)
{
  double cx, cy;

  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), -1);

  if (self->cache == NULL || self->source == NULL)
    return -1;

  to_cache (self, x, y, &cx, &cy);
  if (sc_scatter_legend_hit_test (self->cache, cx, cy) >= 0)
    return -1;
  return sc_scatter_hit_test (self->cache, cx, cy, hit_radius (self));
}

/**
 * seg_scatter_chart_get_customer_position:
 * @customer: a dense customer id
 * @x: (out): widget coordinate
 * @y: (out): widget coordinate
 *
 * Returns: whether the customer is drawn
 */
gboolean
seg_scatter_chart_get_customer_position (SegScatterChart *self,
                                         guint32          customer,
                                         double          *x,
                                         double          *y)
{
  const ScFeatures *features;
  double cx, cy;

  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  if (self->cache == NULL || self->source == NULL)
    return FALSE;

  features = self->source->features;
  if (customer >= features->n || label_of (self, customer) >= self->source->run->n_segments)
    return FALSE;

  if (!sc_scatter_point_position (self->cache, features->values[self->x_feature][customer],
                                  features->values[self->y_feature][customer], &cx, &cy))
    return FALSE;

  from_cache (self, cx, cy, x, y);
  return TRUE;
}

static char *
format_value (SegScatterChart *self,
              ScFeature        feature,
              double           value)
{
  ScProject *project = seg_chart_get_project (SEG_CHART (self));

  if (!isfinite (value))
    return g_strdup ("–");

  switch (sc_feature_axis_format (feature))
    {
    case SC_AXIS_FORMAT_DAYS:
      return sc_format_days (value);
    case SC_AXIS_FORMAT_CURRENCY:
      return sc_format_money (value, project != NULL ? sc_project_get_currency (project, NULL)
                                                     : NULL);
    case SC_AXIS_FORMAT_PERCENT:
      return sc_format_percent (value, -1);
    case SC_AXIS_FORMAT_NUMBER:
    default:
      return sc_format_number (value, -1);
    }
}

/* Axis titles carry their unit, "Recency (days)", which the values repeat. */
static const char *
feature_short_label (ScFeature feature)
{
  switch (feature)
    {
    case SC_FEATURE_RECENCY:
      return _("Recency");
    case SC_FEATURE_FREQUENCY:
      return _("Orders");
    case SC_FEATURE_TENURE:
      return _("Tenure");
    case SC_FEATURE_MONETARY:
    case SC_FEATURE_AOV:
    case SC_FEATURE_CLV:
    case SC_FEATURE_P_ALIVE:
    case SC_N_FEATURES:
    default:
      return sc_feature_to_label (feature);
    }
}

/**
 * seg_scatter_chart_tooltip_text_at:
 * @x: widget coordinate
 * @y: widget coordinate
 *
 * Returns: (transfer full) (nullable): what the tooltip says at (@x, @y)
 */
char *
seg_scatter_chart_tooltip_text_at (SegScatterChart *self,
                                   double           x,
                                   double           y)
{
  const ScRun *run;
  double cx, cy;
  int legend;
  gint64 customer;
  guint label;
  g_autofree char *key = NULL;
  g_autofree char *vx = NULL;
  g_autofree char *vy = NULL;

  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), NULL);

  if (self->cache == NULL || self->source == NULL)
    return NULL;

  run = self->source->run;
  to_cache (self, x, y, &cx, &cy);

  legend = sc_scatter_legend_hit_test (self->cache, cx, cy);
  if (legend >= 0 && (guint) legend < run->n_segments)
    {
      g_autofree char *count = seg_format_count (run->segments[legend].size);

      /* Translators: a tooltip: a segment's name and its number of customers */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s\n%s customer", "%s\n%s customers",
                                           (gulong) MIN (run->segments[legend].size, G_MAXULONG)),
                              run->segments[legend].name, count);
    }

  customer = sc_scatter_hit_test (self->cache, cx, cy, hit_radius (self));
  label = label_of (self, customer);
  if (label >= run->n_segments)
    return NULL;

  if (self->source->keys != NULL)
    key = g_strdup (g_ptr_array_index (self->source->keys, customer));
  else
    key = g_strdup_printf ("#%" G_GINT64_FORMAT, customer + 1);

  vx = format_value (self, self->x_feature, self->source->features->values[self->x_feature][customer]);
  vy = format_value (self, self->y_feature, self->source->features->values[self->y_feature][customer]);

  if (self->x_feature == self->y_feature)
    /* Translators: a tooltip: customer id, segment name, a feature and its value */
    return g_strdup_printf (_("Customer %s\nSegment: %s\n%s: %s"), key,
                            run->segments[label].name, feature_short_label (self->x_feature),
                            vx);

  /* Translators: a tooltip: customer id, segment name, two features and their values */
  return g_strdup_printf (_("Customer %s\nSegment: %s\n%s: %s\n%s: %s"), key,
                          run->segments[label].name, feature_short_label (self->x_feature), vx,
                          feature_short_label (self->y_feature), vy);
}


/* ------------------------------------------------------------------------------------------ */

void
_seg_scatter_chart_class_init_view (SegScatterChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SegChartClass *chart_class = SEG_CHART_CLASS (klass);

  widget_class->query_tooltip = seg_scatter_chart_query_tooltip;

  chart_class->prepare = seg_scatter_chart_prepare;
  chart_class->paint = seg_scatter_chart_paint;
  chart_class->segment_at = seg_scatter_chart_segment_at;

  gtk_widget_class_install_action (widget_class, "scatter.reset-zoom", NULL, reset_zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "scatter.reset-zoom",
                                       NULL);
}

void
_seg_scatter_chart_init_view (SegScatterChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion;
  GtkGesture *drag, *click;

  gtk_widget_set_has_tooltip (widget, TRUE);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_double_click), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
}
