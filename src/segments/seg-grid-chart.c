/* seg-grid-chart.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The value × potential grid of the editor, drawn by sc_grid_paint() like the report's.
 * On top of the painter's drawing it marks segments whose quadrant a person chose (a
 * dashed ring and the chosen quadrant's name), and lets people change both things the grid
 * stands for: dragging a bubble into another quadrant overrides its quadrant (dropping it
 * back into the one its data gives clears the override), and dragging a divider moves
 * that threshold.  A bubble stays where its data puts it; only the decision moves.
 *
 * prepare() copies what it needs out of the run (names included), because the run is
 * replaced on every edit while a drag may be under way. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-grid.h"
#include "seg-chart-private.h"
#include "seg-format.h"
#include "seg-grid-chart.h"

/* How close to a divider, in pixels, a press grabs it. */
#define DIVIDER_GRAB 6.0

typedef enum
{
  DRAG_NONE,
  DRAG_BUBBLE,
  DRAG_VALUE,
  DRAG_POTENTIAL,
  DRAG_BOTH,
} DragKind;

struct _SegGridChart
{
  SegChart       parent_instance;

  /* what prepare() copied out of the run, by position */
  guint          n;
  ScGridSegment *segments;
  char         **names;
  gint64        *ids;
  ScQuadrant    *computed;     /* the quadrant the data gives, or NONE */
  ScQuadrant    *overrides;    /* the quadrant a person chose, or NONE */
  double         value_threshold;
  double         potential_threshold;

  /* the layout for the widget's size */
  int            width;
  int            height;
  ScGridLayout   layout;
  ScGridBubble  *bubbles;

  DragKind       drag;
  int            drag_segment;
  double         start_x;
  double         start_y;
  double         drag_x;
  double         drag_y;
};

G_DEFINE_FINAL_TYPE (SegGridChart, seg_grid_chart, SEG_TYPE_CHART)

static void
clear_cache (SegGridChart *self)
{
  for (guint i = 0; i < self->n; i++)
    {
      g_free (self->names[i]);
    }
  g_clear_pointer (&self->segments, g_free);
  g_clear_pointer (&self->names, g_free);
  g_clear_pointer (&self->ids, g_free);
  g_clear_pointer (&self->computed, g_free);
  g_clear_pointer (&self->overrides, g_free);
  g_clear_pointer (&self->bubbles, g_free);
  self->n = 0;
}

static void
copy_run (SegGridChart *self)
{
  ScProject *project = seg_chart_get_project (SEG_CHART (self));
  const ScRun *run = project != NULL ? sc_project_get_run (project) : NULL;
  guint n = run != NULL ? run->n_segments : 0;

  clear_cache (self);
  self->n = n;
  self->segments = g_new0 (ScGridSegment, MAX (n, 1));
  self->names = g_new0 (char *, MAX (n, 1));
  self->ids = g_new0 (gint64, MAX (n, 1));
  self->computed = g_new0 (ScQuadrant, MAX (n, 1));
  self->overrides = g_new0 (ScQuadrant, MAX (n, 1));
  self->bubbles = g_new0 (ScGridBubble, MAX (n, 1));
  self->value_threshold = run != NULL ? run->value_threshold : NAN;
  self->potential_threshold = run != NULL ? run->potential_threshold : NAN;

  for (guint i = 0; i < n; i++)
    {
      const ScSegmentInfo *info = &run->segments[i];

      self->names[i] = g_strdup (info->name);
      self->ids[i] = info->id;
      self->computed[i] = sc_quadrant_from_string (info->quadrant);
      self->overrides[i] = sc_quadrant_from_string (info->quadrant_override);
      self->segments[i] = (ScGridSegment) {
        .name = self->names[i],
        .colour = info->colour,
        .is_outliers = info->is_outliers,
        .customers = info->size,
        .value = info->value,
        .potential = info->potential,
      };
    }
}

/* The segments by name, whole: the painter may shorten or leave out a bubble's label where
 * it finds no room, and a screen reader still hears every name. */
static void
update_description (SegGridChart *self)
{
  g_autoptr(GString) text = g_string_new (_("Segments placed by current value across and "
                                            "potential up. Drag a segment into another "
                                            "quadrant to choose its quadrant; drag a dashed "
                                            "divider to move a threshold. Arrow keys select "
                                            "segments."));

  for (guint i = 0; i < self->n; i++)
    {
      g_autofree char *customers = seg_format_count (self->segments[i].customers);

      g_string_append_c (text, ' ');
      /* Translators: one segment in the grid's description for screen readers: its name
       * and its number of customers */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %s customer.",
                                                 "%s: %s customers.",
                                                 self->segments[i].customers),
                              self->names[i], customers);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

static void
seg_grid_chart_prepare (SegChart *chart,
                        int       width,
                        int       height,
                        double    scale)
{
  SegGridChart *self = SEG_GRID_CHART (chart);

  copy_run (self);
  update_description (self);
  self->width = width;
  self->height = height;
  sc_grid_layout (self->segments, self->n, self->value_threshold, self->potential_threshold,
                  seg_chart_get_palette (chart), width, height, &self->layout, self->bubbles);
}

static ScQuadrant
quadrant_at (const ScGridLayout *layout,
             double              x,
             double              y)
{
  /* The grid's rule in widget coordinates, where potential grows upwards: y is negated. */
  return sc_quadrant_classify (x, -y, layout->divider_x, -layout->divider_y);
}

/* ------------------------------------------------------------------------------------------ */
/* Painting                                                                                   */

static void
set_source (cairo_t      *cr,
            const ScRgba *rgba,
            double        alpha)
{
  cairo_set_source_rgba (cr, rgba->r, rgba->g, rgba->b, rgba->a * alpha);
}

/* A small pill with text, centred on (x, y). */
static void
draw_tag (cairo_t         *cr,
          const ScPalette *palette,
          const char      *text,
          double           x,
          double           y,
          const ScRgba    *fill)
{
  g_autoptr(PangoLayout) layout = _seg_chart_text_layout (cr, palette, text,
                                                          palette->font_size * 0.85, TRUE);
  int w, h;
  double pad = 5, bw, bh;

  pango_layout_get_pixel_size (layout, &w, &h);
  bw = w + 2 * pad;
  bh = h + 2;
  x -= bw / 2;
  y -= bh / 2;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + bh / 2, y + bh / 2, bh / 2, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, x + bw - bh / 2, y + bh / 2, bh / 2, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  set_source (cr, fill, 1.0);
  cairo_fill (cr);

  set_source (cr, &palette->background, 1.0);
  cairo_move_to (cr, x + pad, y + 1);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_overrides (SegGridChart        *self,
                cairo_t             *cr,
                const ScPalette     *palette,
                const ScGridBubble  *bubbles)
{
  for (guint i = 0; i < self->n; i++)
    {
      const ScGridBubble *b = &bubbles[i];

      if (!b->visible || self->overrides[i] == SC_QUADRANT_NONE)
        continue;

      cairo_save (cr);
      cairo_new_path (cr);
      cairo_arc (cr, b->x, b->y, b->radius + 4, 0, 2 * G_PI);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[]) { 4.0, 3.0 }, 2, 0);
      set_source (cr, &palette->foreground, 0.9);
      cairo_stroke (cr);
      cairo_restore (cr);

      {
        /* Translators: on the grid, the quadrant a person moved a segment to: "→ Invest" */
        g_autofree char *text = g_strdup_printf (_("→ %s"),
                                                 sc_quadrant_get_label (self->overrides[i]));

        draw_tag (cr, palette, text, b->x, b->y - b->radius - 4, &palette->foreground);
      }
    }
}

static void
quadrant_rect (const ScGridLayout *layout,
               ScQuadrant          quadrant,
               ScRect             *rect)
{
  const ScRect *f = &layout->frame;
  gboolean right = quadrant == SC_QUADRANT_INVEST || quadrant == SC_QUADRANT_KEEP;
  gboolean top = quadrant == SC_QUADRANT_INVEST || quadrant == SC_QUADRANT_GROW;
  double dx = CLAMP (layout->divider_x, f->x, f->x + f->width);
  double dy = CLAMP (layout->divider_y, f->y, f->y + f->height);

  rect->x = right ? dx : f->x;
  rect->width = right ? f->x + f->width - dx : dx - f->x;
  rect->y = top ? f->y : dy;
  rect->height = top ? dy - f->y : f->y + f->height - dy;
}

static void
draw_drag (SegGridChart    *self,
           cairo_t         *cr,
           const ScPalette *palette)
{
  const ScGridLayout *layout = &self->layout;
  const ScRect *f = &layout->frame;

  if (self->drag == DRAG_BUBBLE && self->drag_segment >= 0 && (guint) self->drag_segment < self->n)
    {
      const ScGridBubble *b = &self->bubbles[self->drag_segment];
      ScQuadrant target = quadrant_at (layout, self->drag_x, self->drag_y);
      ScRect rect;
      ScRgba colour;

      quadrant_rect (layout, target, &rect);
      cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
      set_source (cr, &palette->selection, 0.12);
      cairo_fill (cr);

      sc_palette_segment_colour (palette, self->segments[self->drag_segment].colour,
                                 self->segments[self->drag_segment].is_outliers, &colour);
      cairo_save (cr);
      cairo_new_path (cr);
      cairo_arc (cr, self->drag_x, self->drag_y, b->radius, 0, 2 * G_PI);
      set_source (cr, &colour, 0.35);
      cairo_fill_preserve (cr);
      cairo_set_dash (cr, (double[]) { 4.0, 3.0 }, 2, 0);
      cairo_set_line_width (cr, 1.5);
      set_source (cr, &colour, 1.0);
      cairo_stroke (cr);
      cairo_restore (cr);

      draw_tag (cr, palette, sc_quadrant_get_label (target), self->drag_x,
                self->drag_y - b->radius - 10, &palette->selection);
      return;
    }

  if (self->drag == DRAG_VALUE || self->drag == DRAG_BOTH)
    {
      double x = CLAMP (self->drag_x, f->x, f->x + f->width);
      double value = sc_axis_value_at (&layout->x_axis, x, layout->map.x,
                                       layout->map.x + layout->map.width);
      g_autofree char *text = sc_axis_format_tick (&layout->x_axis, value);

      cairo_move_to (cr, x, f->y);
      cairo_line_to (cr, x, f->y + f->height);
      cairo_set_line_width (cr, 2);
      set_source (cr, &palette->selection, 1.0);
      cairo_stroke (cr);
      draw_tag (cr, palette, text, x, f->y + f->height - 10, &palette->selection);
    }
  if (self->drag == DRAG_POTENTIAL || self->drag == DRAG_BOTH)
    {
      double y = CLAMP (self->drag_y, f->y, f->y + f->height);
      double value = sc_axis_value_at (&layout->y_axis, y, layout->map.y + layout->map.height,
                                       layout->map.y);
      g_autofree char *text = sc_axis_format_tick (&layout->y_axis, value);

      cairo_move_to (cr, f->x, y);
      cairo_line_to (cr, f->x + f->width, y);
      cairo_set_line_width (cr, 2);
      set_source (cr, &palette->selection, 1.0);
      cairo_stroke (cr);
      draw_tag (cr, palette, text, f->x + 40, y, &palette->selection);
    }
}

static void
seg_grid_chart_paint (SegChart        *chart,
                      cairo_t         *cr,
                      int              width,
                      int              height,
                      const ScPalette *palette,
                      double           scale)
{
  SegGridChart *self = SEG_GRID_CHART (chart);
  g_autofree ScGridBubble *other = NULL;
  const ScGridBubble *bubbles = self->bubbles;
  gboolean exporting = seg_chart_is_exporting (chart);
  int hover = seg_chart_get_hover (chart);

  sc_grid_paint (cr, self->segments, self->n, self->value_threshold, self->potential_threshold,
                 palette, seg_chart_get_selected (chart), width, height);

  if (width != self->width || height != self->height)
    {
      ScGridLayout layout;

      /* An export at another size: its own layout, drawn once. */
      other = g_new0 (ScGridBubble, MAX (self->n, 1));
      sc_grid_layout (self->segments, self->n, self->value_threshold, self->potential_threshold,
                      palette, width, height, &layout, other);
      bubbles = other;
    }

  if (!self->layout.has_values)
    return;

  draw_overrides (self, cr, palette, bubbles);

  if (exporting || other != NULL)
    return;

  if (hover >= 0 && (guint) hover < self->n && bubbles[hover].visible && self->drag == DRAG_NONE)
    {
      cairo_new_path (cr);
      cairo_arc (cr, bubbles[hover].x, bubbles[hover].y, bubbles[hover].radius + 2, 0, 2 * G_PI);
      cairo_set_line_width (cr, 2);
      set_source (cr, &palette->selection, 0.9);
      cairo_stroke (cr);
    }

  draw_drag (self, cr, palette);
}

static int
seg_grid_chart_segment_at (SegChart *chart,
                           double    x,
                           double    y)
{
  SegGridChart *self = SEG_GRID_CHART (chart);

  if (self->bubbles == NULL || !self->layout.has_values)
    return -1;
  return sc_grid_hit_test (self->bubbles, self->n, x, y);
}

/* ------------------------------------------------------------------------------------------ */
/* Dragging                                                                                   */

static DragKind
divider_at (SegGridChart *self,
            double        x,
            double        y)
{
  const ScRect *f = &self->layout.frame;
  gboolean inside = sc_rect_contains (f, x, y);
  gboolean near_x = inside && fabs (x - self->layout.divider_x) <= DIVIDER_GRAB;
  gboolean near_y = inside && fabs (y - self->layout.divider_y) <= DIVIDER_GRAB;

  if (!self->layout.has_values)
    return DRAG_NONE;
  if (near_x && near_y)
    return DRAG_BOTH;
  if (near_x)
    return DRAG_VALUE;
  if (near_y)
    return DRAG_POTENTIAL;
  return DRAG_NONE;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               SegGridChart   *self)
{
  int segment = seg_grid_chart_segment_at (SEG_CHART (self), x, y);

  self->drag = DRAG_NONE;
  self->drag_segment = -1;
  self->start_x = self->drag_x = x;
  self->start_y = self->drag_y = y;

  if (segment >= 0)
    {
      self->drag = DRAG_BUBBLE;
      self->drag_segment = segment;
    }
  else
    self->drag = divider_at (self, x, y);

  if (self->drag == DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static gboolean
drag_started (GtkGestureDrag *gesture,
              double          dx,
              double          dy)
{
  /* Below the threshold a press is still a click, which selects. */
  return fabs (dx) > 4 || fabs (dy) > 4;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                SegGridChart   *self)
{
  if (self->drag == DRAG_NONE || !drag_started (gesture, dx, dy))
    return;

  self->drag_x = self->start_x + dx;
  self->drag_y = self->start_y + dy;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   self->drag == DRAG_BUBBLE ? "grabbing"
                                   : self->drag == DRAG_VALUE ? "col-resize"
                                   : self->drag == DRAG_POTENTIAL ? "row-resize" : "move");
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             SegGridChart   *self)
{
  DragKind kind = self->drag;
  int segment = self->drag_segment;
  double x, y;

  self->drag = DRAG_NONE;
  self->drag_segment = -1;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (kind == DRAG_NONE || !drag_started (gesture, dx, dy))
    return;

  x = self->start_x + dx;
  y = self->start_y + dy;
  if (kind == DRAG_BUBBLE)
    seg_grid_chart_drop_segment (self, (guint) segment, x, y);
  else
    seg_grid_chart_drop_dividers (self, kind == DRAG_POTENTIAL ? NAN : x,
                                  kind == DRAG_VALUE ? NAN : y);
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                SegGridChart     *self)
{
  self->drag = DRAG_NONE;
  self->drag_segment = -1;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SegGridChart             *self)
{
  DragKind near;

  if (self->drag != DRAG_NONE)
    return;
  if (seg_grid_chart_segment_at (SEG_CHART (self), x, y) >= 0)
    {
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
      return;
    }
  near = divider_at (self, x, y);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   near == DRAG_VALUE ? "col-resize"
                                   : near == DRAG_POTENTIAL ? "row-resize"
                                   : near == DRAG_BOTH ? "move" : NULL);
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_grid_chart_finalize (GObject *object)
{
  clear_cache (SEG_GRID_CHART (object));

  G_OBJECT_CLASS (seg_grid_chart_parent_class)->finalize (object);
}

static void
seg_grid_chart_class_init (SegGridChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SegChartClass *chart_class = SEG_CHART_CLASS (klass);

  object_class->finalize = seg_grid_chart_finalize;

  chart_class->prepare = seg_grid_chart_prepare;
  chart_class->paint = seg_grid_chart_paint;
  chart_class->segment_at = seg_grid_chart_segment_at;

  gtk_widget_class_set_css_name (widget_class, "grid-chart");
}

static void
seg_grid_chart_init (SegGridChart *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->value_threshold = self->potential_threshold = NAN;
  self->drag_segment = -1;
  self->bubbles = g_new0 (ScGridBubble, 1);
  self->segments = g_new0 (ScGridSegment, 1);
  self->names = g_new0 (char *, 1);
  self->ids = g_new0 (gint64, 1);
  self->computed = g_new0 (ScQuadrant, 1);
  self->overrides = g_new0 (ScQuadrant, 1);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  seg_chart_set_export_name (SEG_CHART (self), _("Value and potential"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value and potential grid"),
                                  -1);
  update_description (self);
}

/**
 * seg_grid_chart_new:
 *
 * Returns: (transfer floating): a new grid without a project
 */
GtkWidget *
seg_grid_chart_new (void)
{
  return g_object_new (SEG_TYPE_GRID_CHART, NULL);
}

gboolean
seg_grid_chart_has_values (SegGridChart *self)
{
  ScProject *project;
  const ScRun *run;

  g_return_val_if_fail (SEG_IS_GRID_CHART (self), FALSE);

  /* From the run rather than the cache, which is only made at the next layout. */
  project = seg_chart_get_project (SEG_CHART (self));
  run = project != NULL ? sc_project_get_run (project) : NULL;
  for (guint s = 0; run != NULL && s < run->n_segments; s++)
    if (isfinite (run->segments[s].value) && isfinite (run->segments[s].potential))
      return TRUE;
  return FALSE;
}

/**
 * seg_grid_chart_get_bubble:
 * @x: (out) (optional): the centre
 * @y: (out) (optional): the centre
 * @radius: (out) (optional): the radius
 *
 * Returns: whether the segment is drawn at all
 */
gboolean
seg_grid_chart_get_bubble (SegGridChart *self,
                           guint         position,
                           double       *x,
                           double       *y,
                           double       *radius)
{
  g_return_val_if_fail (SEG_IS_GRID_CHART (self), FALSE);

  if (position >= self->n || !self->bubbles[position].visible)
    return FALSE;
  if (x != NULL)
    *x = self->bubbles[position].x;
  if (y != NULL)
    *y = self->bubbles[position].y;
  if (radius != NULL)
    *radius = self->bubbles[position].radius;
  return TRUE;
}

/**
 * seg_grid_chart_get_dividers:
 * @x: (out) (optional): where the value threshold is drawn
 * @y: (out) (optional): where the potential threshold is drawn
 */
void
seg_grid_chart_get_dividers (SegGridChart *self,
                             double       *x,
                             double       *y)
{
  g_return_if_fail (SEG_IS_GRID_CHART (self));

  if (x != NULL)
    *x = self->layout.divider_x;
  if (y != NULL)
    *y = self->layout.divider_y;
}

ScQuadrant
seg_grid_chart_quadrant_at (SegGridChart *self,
                            double        x,
                            double        y)
{
  g_return_val_if_fail (SEG_IS_GRID_CHART (self), SC_QUADRANT_NONE);

  return quadrant_at (&self->layout, x, y);
}

gboolean
seg_grid_chart_drop_segment (SegGridChart *self,
                             guint         position,
                             double        x,
                             double        y)
{
  ScQuadrant target, override;

  g_return_val_if_fail (SEG_IS_GRID_CHART (self), FALSE);

  if (position >= self->n || !self->layout.has_values)
    return FALSE;

  target = quadrant_at (&self->layout, x, y);
  /* Back where the data puts it: the data decides again. */
  override = target == self->computed[position] ? SC_QUADRANT_NONE : target;
  if (override == self->overrides[position])
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), "editor.set-field", "(xims)",
                                     self->ids[position],
                                     (int) SC_SEGMENT_FIELD_QUADRANT_OVERRIDE,
                                     sc_quadrant_to_string (override));
}

gboolean
seg_grid_chart_drop_dividers (SegGridChart *self,
                              double        x,
                              double        y)
{
  const ScGridLayout *layout;
  double value, potential;

  g_return_val_if_fail (SEG_IS_GRID_CHART (self), FALSE);

  layout = &self->layout;
  if (!layout->has_values)
    return FALSE;

  value = layout->value_threshold;
  potential = layout->potential_threshold;
  if (isfinite (x))
    value = sc_axis_value_at (&layout->x_axis,
                              CLAMP (x, layout->frame.x, layout->frame.x + layout->frame.width),
                              layout->map.x, layout->map.x + layout->map.width);
  if (isfinite (y))
    potential = sc_axis_value_at (&layout->y_axis,
                                  CLAMP (y, layout->frame.y, layout->frame.y + layout->frame.height),
                                  layout->map.y + layout->map.height, layout->map.y);

  return gtk_widget_activate_action (GTK_WIDGET (self), "editor.set-thresholds", "(dd)",
                                     value, potential);
}
