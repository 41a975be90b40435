/* seg-scatter-chart.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Customers on two features, coloured by segment: the type, its properties and the settings
 * people change (features, log scales, zoom).  What is drawn is prepared in workers by
 * seg-scatter-chart-data.c; painting and input are in seg-scatter-chart-view.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "sc-enum-types.h"
#include "seg-chart-private.h"
#include "seg-scatter-chart-private.h"

G_DEFINE_FINAL_TYPE (SegScatterChart, seg_scatter_chart, SEG_TYPE_CHART)

GParamSpec *_seg_scatter_chart_properties[SEG_SCATTER_N_PROPS];

/* Out of a window, the chart has nothing to draw for: work in flight is dropped rather than
 * keeping the chart alive in its workers' references; it starts again when the chart is
 * put back. */
static void
seg_scatter_chart_unroot (GtkWidget *widget)
{
  SegScatterChart *self = SEG_SCATTER_CHART (widget);
  SEG_SCATTER_BUSY_BEGIN (self);

  if (self->load_cancellable != NULL)
    self->source_stale = TRUE;
  _seg_scatter_chart_drop_work (self);
  g_clear_handle_id (&self->kick_id, g_source_remove);
  self->dragging = FALSE;
  self->hover_point = -1;

  GTK_WIDGET_CLASS (seg_scatter_chart_parent_class)->unroot (widget);

  SEG_SCATTER_BUSY_END (self);
}

static void
seg_scatter_chart_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (seg_scatter_chart_parent_class)->root (widget);

  seg_chart_invalidate (SEG_CHART (widget));
}


/* ------------------------------------------------------------------------------------------ */

static void
seg_scatter_chart_dispose (GObject *object)
{
  SegScatterChart *self = SEG_SCATTER_CHART (object);

  g_clear_handle_id (&self->kick_id, g_source_remove);
  _seg_scatter_chart_dispose_data (self);

  G_OBJECT_CLASS (seg_scatter_chart_parent_class)->dispose (object);
}

static void
seg_scatter_chart_finalize (GObject *object)
{
  SegScatterChart *self = SEG_SCATTER_CHART (object);

  _seg_scatter_chart_finalize_data (self);

  G_OBJECT_CLASS (seg_scatter_chart_parent_class)->finalize (object);
}

static void
seg_scatter_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SegScatterChart *self = SEG_SCATTER_CHART (object);

  switch (prop_id)
    {
    case SEG_SCATTER_PROP_X_FEATURE:
      g_value_set_enum (value, self->x_feature);
      break;
    case SEG_SCATTER_PROP_Y_FEATURE:
      g_value_set_enum (value, self->y_feature);
      break;
    case SEG_SCATTER_PROP_X_LOG:
      g_value_set_boolean (value, self->x_log);
      break;
    case SEG_SCATTER_PROP_Y_LOG:
      g_value_set_boolean (value, self->y_log);
      break;
    case SEG_SCATTER_PROP_ZOOMED:
      g_value_set_boolean (value, seg_scatter_chart_get_zoomed (self));
      break;
    case SEG_SCATTER_PROP_BUSY:
      g_value_set_boolean (value, _seg_scatter_chart_get_busy (self));
      break;
    case SEG_SCATTER_PROP_N_SHOWN:
      g_value_set_uint (value, seg_scatter_chart_get_n_shown (self));
      break;
    case SEG_SCATTER_PROP_HAS_POTENTIAL:
      g_value_set_boolean (value, _seg_scatter_chart_source_has (self->source, SC_FEATURE_CLV));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_scatter_chart_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SegScatterChart *self = SEG_SCATTER_CHART (object);

  switch (prop_id)
    {
    case SEG_SCATTER_PROP_X_FEATURE:
      seg_scatter_chart_set_features (self, g_value_get_enum (value), self->y_feature);
      break;
    case SEG_SCATTER_PROP_Y_FEATURE:
      seg_scatter_chart_set_features (self, self->x_feature, g_value_get_enum (value));
      break;
    case SEG_SCATTER_PROP_X_LOG:
      seg_scatter_chart_set_x_log (self, g_value_get_boolean (value));
      break;
    case SEG_SCATTER_PROP_Y_LOG:
      seg_scatter_chart_set_y_log (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_scatter_chart_class_init (SegScatterChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamSpec **properties = _seg_scatter_chart_properties;

  object_class->dispose = seg_scatter_chart_dispose;
  object_class->finalize = seg_scatter_chart_finalize;
  object_class->get_property = seg_scatter_chart_get_property;
  object_class->set_property = seg_scatter_chart_set_property;

  widget_class->root = seg_scatter_chart_root;
  widget_class->unroot = seg_scatter_chart_unroot;
  _seg_scatter_chart_class_init_view (klass);

  properties[SEG_SCATTER_PROP_X_FEATURE] =
    g_param_spec_enum ("x-feature", NULL, NULL, SC_TYPE_FEATURE, SEG_SCATTER_DEFAULT_X, rw);
  properties[SEG_SCATTER_PROP_Y_FEATURE] =
    g_param_spec_enum ("y-feature", NULL, NULL, SC_TYPE_FEATURE, SEG_SCATTER_DEFAULT_Y, rw);
  properties[SEG_SCATTER_PROP_X_LOG] = g_param_spec_boolean ("x-log", NULL, NULL, FALSE, rw);
  properties[SEG_SCATTER_PROP_Y_LOG] = g_param_spec_boolean ("y-log", NULL, NULL, TRUE, rw);
  properties[SEG_SCATTER_PROP_ZOOMED] = g_param_spec_boolean ("zoomed", NULL, NULL, FALSE, ro);
  properties[SEG_SCATTER_PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[SEG_SCATTER_PROP_N_SHOWN] =
    g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT32, 0, ro);
  properties[SEG_SCATTER_PROP_HAS_POTENTIAL] =
    g_param_spec_boolean ("has-potential", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, SEG_SCATTER_N_PROPS, properties);
}

static void
seg_scatter_chart_init (SegScatterChart *self)
{
  self->x_feature = SEG_SCATTER_DEFAULT_X;
  self->y_feature = SEG_SCATTER_DEFAULT_Y;
  self->x_log = FALSE;
  /* Spend spans orders of magnitude: on a linear axis most customers sit in one corner. */
  self->y_log = TRUE;
  for (guint i = 0; i < 4; i++)
    self->zoom[i] = NAN;
  self->hover_point = -1;

  _seg_chart_set_names (SEG_CHART (self), _("Customers"), _("Customer scatter chart"));
  _seg_scatter_chart_update_description (self);

  _seg_scatter_chart_init_view (self);
  _seg_scatter_chart_init_data (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

/**
 * seg_scatter_chart_new:
 *
 * Returns: (transfer floating): a scatter chart of customers; give it a project and the
 *   window's selection with seg_chart_set_project() and seg_chart_set_selection()
 */
GtkWidget *
seg_scatter_chart_new (void)
{
  return g_object_new (SEG_TYPE_SCATTER_CHART, NULL);
}

ScFeature
seg_scatter_chart_get_x_feature (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), SEG_SCATTER_DEFAULT_X);

  return self->x_feature;
}

ScFeature
seg_scatter_chart_get_y_feature (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), SEG_SCATTER_DEFAULT_Y);

  return self->y_feature;
}

/**
 * seg_scatter_chart_set_features:
 * @x: the feature on the horizontal axis
 * @y: the feature on the vertical axis
 *
 * Shows the customers on other features; the zoom is reset, since its ranges belonged
 * to the previous ones.
 */
void
seg_scatter_chart_set_features (SegScatterChart *self,
                                ScFeature        x,
                                ScFeature        y)
{
  gboolean x_changed, y_changed;

  g_return_if_fail (SEG_IS_SCATTER_CHART (self));
  g_return_if_fail ((guint) x < SC_N_FEATURES && (guint) y < SC_N_FEATURES);

  x_changed = x != self->x_feature;
  y_changed = y != self->y_feature;
  if (!x_changed && !y_changed)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->x_feature = x;
  self->y_feature = y;
  for (guint i = 0; i < 4; i++)
    self->zoom[i] = NAN;

  if (x_changed)
    _seg_scatter_chart_notify (self, SEG_SCATTER_PROP_X_FEATURE);
  if (y_changed)
    _seg_scatter_chart_notify (self, SEG_SCATTER_PROP_Y_FEATURE);
  _seg_scatter_chart_notify (self, SEG_SCATTER_PROP_ZOOMED);
  _seg_scatter_chart_update_description (self);
  _seg_scatter_chart_request_build (self);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
seg_scatter_chart_get_x_log (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);

  return self->x_log;
}

/**
 * seg_scatter_chart_set_x_log:
 * @x_log: whether the horizontal axis is logarithmic (log10 (1 + v))
 */
void
seg_scatter_chart_set_x_log (SegScatterChart *self,
                             gboolean         x_log)
{
  g_return_if_fail (SEG_IS_SCATTER_CHART (self));

  x_log = !!x_log;
  if (self->x_log == x_log)
    return;

  self->x_log = x_log;
  _seg_scatter_chart_notify (self, SEG_SCATTER_PROP_X_LOG);
  _seg_scatter_chart_request_build (self);
}

gboolean
seg_scatter_chart_get_y_log (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);

  return self->y_log;
}

/**
 * seg_scatter_chart_set_y_log:
 * @y_log: whether the vertical axis is logarithmic (log10 (1 + v))
 */
void
seg_scatter_chart_set_y_log (SegScatterChart *self,
                             gboolean         y_log)
{
  g_return_if_fail (SEG_IS_SCATTER_CHART (self));

  y_log = !!y_log;
  if (self->y_log == y_log)
    return;

  self->y_log = y_log;
  _seg_scatter_chart_notify (self, SEG_SCATTER_PROP_Y_LOG);
  _seg_scatter_chart_request_build (self);
}

/**
 * seg_scatter_chart_has_feature:
 *
 * Returns: whether the loaded customers have @feature; %FALSE before they are loaded
 */
gboolean
seg_scatter_chart_has_feature (SegScatterChart *self,
                               ScFeature        feature)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);
  g_return_val_if_fail ((guint) feature < SC_N_FEATURES, FALSE);

  return _seg_scatter_chart_source_has (self->source, feature);
}

gboolean
seg_scatter_chart_get_busy (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);

  /* A load waiting for the next layout counts; out of a window, none is coming. */
  return _seg_scatter_chart_get_busy (self) || self->kick_id != 0 ||
         (self->source_stale && self->project != NULL &&
          gtk_widget_get_root (GTK_WIDGET (self)) != NULL);
}

guint
seg_scatter_chart_get_n_shown (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), 0);

  return self->cache != NULL ? sc_scatter_cache_get_n_points (self->cache) : 0;
}

guint
seg_scatter_chart_get_n_builds (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), 0);

  return self->n_builds;
}

/**
 * seg_scatter_chart_reset_zoom:
 *
 * Shows all customers again.
 */
void
seg_scatter_chart_reset_zoom (SegScatterChart *self)
{
  g_return_if_fail (SEG_IS_SCATTER_CHART (self));

  if (!seg_scatter_chart_get_zoomed (self))
    return;

  for (guint i = 0; i < 4; i++)
    self->zoom[i] = NAN;
  _seg_scatter_chart_notify (self, SEG_SCATTER_PROP_ZOOMED);
  _seg_scatter_chart_request_build (self);
}

gboolean
seg_scatter_chart_get_zoomed (SegScatterChart *self)
{
  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);

  return isfinite (self->zoom[0]);
}

/**
 * seg_scatter_chart_get_visible_range:
 * @range: (out caller-allocates) (array fixed-size=4): x min, x max, y min, y max
 *
 * Returns: %FALSE while nothing is drawn
 */
gboolean
seg_scatter_chart_get_visible_range (SegScatterChart *self,
                                     double           range[4])
{
  const ScAxis *x, *y;

  g_return_val_if_fail (SEG_IS_SCATTER_CHART (self), FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  if (self->cache == NULL)
    return FALSE;

  x = sc_scatter_cache_get_x_axis (self->cache);
  y = sc_scatter_cache_get_y_axis (self->cache);
  range[0] = x->min;
  range[1] = x->max;
  range[2] = y->min;
  range[3] = y->max;
  return TRUE;
}

