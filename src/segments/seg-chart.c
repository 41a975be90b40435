/* seg-chart.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The base of the app's charts.  A subclass only says how to prepare its caches, how to
 * paint from them and which segment lies under a point; everything a user does with any
 * chart lives here, so that all charts behave alike:
 *
 * - preparation runs from size_allocate, when the size, the scale factor, the theme or the
 *   project changed, or after seg_chart_invalidate() (which queues an allocation for that
 *   reason), so that caches are ready before the frame that paints them;
 * - painting goes through the same paint function for the screen, PNG, SVG, PDF and the
 *   clipboard, on the palette that follows AdwStyleManager's dark property;
 * - a click selects the segment under the pointer in the window's shared SegSelection,
 *   arrow keys walk through the segments, and the context menu (right click, long press,
 *   Menu key, Shift+F10) copies or exports the chart (seg-chart-export.c). */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seg-chart-private.h"
#include "seg-widget-util.h"

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_SELECTION,
  PROP_HOVER,
  N_PROPS
};

G_DEFINE_TYPE_WITH_PRIVATE (SegChart, seg_chart, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];

SegChartPrivate *
_seg_chart_get_private (SegChart *self)
{
  return seg_chart_get_instance_private (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Palette CSS                                                                                */

static void
load_palette_css (GtkCssProvider  *provider,
                  AdwStyleManager *manager)
{
  g_autoptr(ScPalette) palette =
    sc_palette_new_for_style (adw_style_manager_get_dark (manager),
                              adw_style_manager_get_high_contrast (manager));
  g_autofree char *css = sc_palette_to_css (palette);

  gtk_css_provider_load_from_data (provider, css, -1);
}

static void
on_css_dark_changed (AdwStyleManager *manager,
                     GParamSpec      *pspec,
                     GtkCssProvider  *provider)
{
  load_palette_css (provider, manager);
}

/**
 * seg_chart_install_palette_css:
 * @display: a display
 *
 * Makes the segment colours of the chart palette (sc_palette_to_css()) available to the
 * style sheets of @display as `@segment_color_0` … `@segment_color_11` and
 * `@segment_color_outlier`, in their light or dark variant as AdwStyleManager says.  The
 * palette is defined once, in the render library; style.css only refers to it.  Calling
 * it again for the same display does nothing.
 */
void
seg_chart_install_palette_css (GdkDisplay *display)
{
  static const char *key = "seg-chart-palette-css";
  g_autoptr(GtkCssProvider) provider = NULL;
  AdwStyleManager *manager;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_object_get_data (G_OBJECT (display), key) != NULL)
    return;

  provider = gtk_css_provider_new ();
  manager = adw_style_manager_get_for_display (display);
  load_palette_css (provider, manager);
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (on_css_dark_changed),
                           provider, 0);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (on_css_dark_changed),
                           provider, 0);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), key, g_steal_pointer (&provider), g_object_unref);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static AdwStyleManager *
style_manager (SegChart *self)
{
  return adw_style_manager_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
}

static void
set_rgba (ScRgba        *out,
          const GdkRGBA *in)
{
  out->r = in->red;
  out->g = in->green;
  out->b = in->blue;
  out->a = in->alpha;
}

/* Money axes name the project's currency ("Potential (EUR)"). */
static void
sync_currency (SegChart *self)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);

  if (priv->palette != NULL)
    sc_palette_set_currency (priv->palette, priv->project != NULL
                                            ? sc_project_get_currency (priv->project, NULL)
                                            : NULL);
}

/* The desktop's text scaling: GNOME's text-scaling-factor reaches GTK as gtk-xft-dpi (in
 * 1/1024 dots per inch; 96 dpi is a factor of 1).  Chart text grows with the rest of the UI. */
static double
text_scale (SegChart *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  int dpi = -1;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 0)
    return 1.0;
  return CLAMP (dpi / 1024.0 / 96.0, 0.5, 3.0);
}

/* The palette for the current style; text and background follow the theme's view colours
 * (which high contrast changes), the font size the text scaling; the rest comes from the
 * render library. */
static void
update_palette (SegChart *self)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  ScPalette *palette = sc_palette_new_for_style (adw_style_manager_get_dark (style_manager (self)),
                                                 adw_style_manager_get_high_contrast (style_manager (self)));
  GdkRGBA rgba;

  if (gtk_style_context_lookup_color (context, "view_bg_color", &rgba) && rgba.alpha > 0.99)
    set_rgba (&palette->background, &rgba);
  if (gtk_style_context_lookup_color (context, "view_fg_color", &rgba))
    set_rgba (&palette->foreground, &rgba);
  palette->font_size *= text_scale (self);

  sc_palette_free (priv->palette);
  priv->palette = palette;
  sync_currency (self);
}

static gboolean
palettes_equal (const ScPalette *a,
                const ScPalette *b)
{
  return a->dark == b->dark && a->font_size == b->font_size &&
         memcmp (&a->foreground, &b->foreground, sizeof (ScRgba)) == 0 &&
         memcmp (&a->background, &b->background, sizeof (ScRgba)) == 0;
}

static void
set_hover (SegChart *self,
           int       hover)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);

  if (priv->hover == hover)
    return;

  priv->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hover >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER]);
}

static int
segment_at (SegChart *self,
            double    x,
            double    y)
{
  SegChartClass *klass = SEG_CHART_GET_CLASS (self);

  return klass->segment_at != NULL ? klass->segment_at (self, x, y) : -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Painting                                                                                   */

void
_seg_chart_paint_with_background (SegChart *self,
                       cairo_t  *cr,
                       int       width,
                       int       height,
                       double    scale)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);
  SegChartClass *klass = SEG_CHART_GET_CLASS (self);
  const ScRgba *bg = &priv->palette->background;

  cairo_save (cr);
  cairo_set_source_rgb (cr, bg->r, bg->g, bg->b);
  cairo_paint (cr);
  cairo_restore (cr);

  priv->exporting = TRUE;
  if (klass->paint != NULL)
    klass->paint (self, cr, width, height, priv->palette, scale);
  priv->exporting = FALSE;
}

static void
prepare (SegChart *self,
         int       width,
         int       height,
         int       scale)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);
  SegChartClass *klass = SEG_CHART_GET_CLASS (self);

  priv->needs_prepare = FALSE;
  priv->prepared_width = width;
  priv->prepared_height = height;
  priv->prepared_scale = scale;

  if (klass->prepare != NULL)
    klass->prepare (self, width, height, scale);
}

static void
maybe_prepare (SegChart *self)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (width <= 0 || height <= 0)
    return;

  if (priv->needs_prepare || width != priv->prepared_width || height != priv->prepared_height ||
      scale != priv->prepared_scale)
    prepare (self, width, height, scale);
}

static void
seg_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  SegChart *self = SEG_CHART (widget);
  SegChartPrivate *priv = seg_chart_get_instance_private (self);
  SegChartClass *klass = SEG_CHART_GET_CLASS (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0 || klass->paint == NULL)
    return;

  /* Normally done by size_allocate already; this covers a paint without a new layout. */
  maybe_prepare (self);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  klass->paint (self, cr, width, height, priv->palette, gtk_widget_get_scale_factor (widget));
  cairo_destroy (cr);
}

static void
seg_chart_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  SegChart *self = SEG_CHART (widget);
  SegChartPrivate *priv = seg_chart_get_instance_private (self);

  if (priv->menu != NULL)
    gtk_popover_present (GTK_POPOVER (priv->menu));

  maybe_prepare (self);
}

static void
seg_chart_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  SegChartClass *klass = SEG_CHART_GET_CLASS (widget);
  SegChartSize size = { 200, 480, 150, 320 };

  if (klass->size_hints != NULL)
    klass->size_hints (SEG_CHART (widget), &size);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = size.minimum_width;
      *natural = size.natural_width;
    }
  else
    {
      *minimum = size.minimum_height;
      *natural = size.natural_height;
    }
}

/* What a chart is called: in the export dialog's file name and for assistive technologies. */
void
_seg_chart_set_names (SegChart   *self,
                      const char *export_name,
                      const char *label)
{
  seg_chart_set_export_name (self, export_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Text a chart draws over the painter's picture, in the palette's font at @size pixels. */
PangoLayout *
_seg_chart_text_layout (cairo_t         *cr,
                        const ScPalette *palette,
                        const char      *text,
                        double           size,
                        gboolean         bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, palette->font_family != NULL ? palette->font_family
                                                                        : "Sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
seg_chart_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  SegChart *self = SEG_CHART (widget);
  SegChartPrivate *priv = seg_chart_get_instance_private (self);
  g_autoptr(ScPalette) before = priv->palette != NULL ? sc_palette_copy (priv->palette) : NULL;

  GTK_WIDGET_CLASS (seg_chart_parent_class)->css_changed (widget, change);

  /* Focus and hover states change the CSS too; only a new theme changes the palette. */
  update_palette (self);
  if (before == NULL || !palettes_equal (before, priv->palette))
    seg_chart_invalidate (self);
}

static void
on_dark_changed (SegChart *self)
{
  update_palette (self);
  seg_chart_invalidate (self);
}

static void
on_scale_changed (SegChart *self)
{
  seg_chart_invalidate (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Selection and input                                                                        */

static void
select_segment (SegChart *self,
                int       position)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);

  if (priv->selection != NULL)
    seg_selection_set_position (priv->selection, position);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  SegChart        *self)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);

  priv->press_x = x;
  priv->press_y = y;
  if (gtk_widget_get_focus_on_click (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   SegChart        *self)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);
  int position;

  /* The end of a drag (a zoom rectangle) is not a click. */
  if (n_press != 1 || ABS (x - priv->press_x) > 4 || ABS (y - priv->press_y) > 4)
    return;

  position = segment_at (self, x, y);

  /* Clicking the selected segment again, or beside every segment, clears the selection. */
  if (position >= 0 && position == seg_chart_get_selected (self))
    position = -1;
  select_segment (self, position);
}

static void
popup_menu_at (SegChart *self,
               double    x,
               double    y)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  gtk_popover_set_pointing_to (GTK_POPOVER (priv->menu), &rect);
  gtk_popover_popup (GTK_POPOVER (priv->menu));
}

static void
on_context_pressed (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    SegChart        *self)
{
  GdkEvent *event = gtk_gesture_get_last_event (GTK_GESTURE (gesture), NULL);

  /* Some platforms pop context menus up on release; here, as in GTK itself, on press. */
  if (event != NULL && !gdk_event_triggers_context_menu (event))
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

static void
on_long_pressed (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 SegChart            *self)
{
  popup_menu_at (self, x, y);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SegChart                 *self)
{
  set_hover (self, segment_at (self, x, y));
}

static void
on_leave (GtkEventControllerMotion *controller,
          SegChart                 *self)
{
  set_hover (self, -1);
}

/* Segment positions in the order people see them: priority, rank 1 first. */
static guint *
dup_segment_order (SegChart *self,
                   guint    *n)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);
  const ScRun *run = priv->project != NULL ? sc_project_get_run (priv->project) : NULL;
  guint *order;

  *n = run != NULL ? run->n_segments : 0;
  if (*n == 0)
    return NULL;

  order = sc_run_priority_order (run);
  for (guint i = 0; i < *n; i++)
    order[i] = run->segments[order[i]].position;
  return order;
}

/* Walks the ring "no selection, first, …, last" forwards or backwards. */
static void
step_selection (SegChart *self,
                int       direction)
{
  g_autofree guint *order = NULL;
  int selected = seg_chart_get_selected (self);
  int index = -1, n_ring;
  guint n;

  order = dup_segment_order (self, &n);
  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    if ((int) order[i] == selected)
      index = (int) i;

  /* Ring positions: 0 is "none", i + 1 is order[i]. */
  n_ring = (int) n + 1;
  index = ((index + 1) + direction + n_ring) % n_ring - 1;
  select_segment (self, index >= 0 ? (int) order[index] : -1);
}

static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  step_selection (SEG_CHART (widget), 1);
}

static void
select_previous_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  step_selection (SEG_CHART (widget), -1);
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  popup_menu_at (SEG_CHART (widget), gtk_widget_get_width (widget) / 2.0,
                 gtk_widget_get_height (widget) / 2.0);
}

/* ------------------------------------------------------------------------------------------ */

static void
on_project_changed (SegChart *self)
{
  SegChartClass *klass = SEG_CHART_GET_CLASS (self);

  sync_currency (self);
  if (klass->project_changed != NULL)
    klass->project_changed (self);
  seg_chart_invalidate (self);
}

static void
on_selection_changed (SegChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
seg_chart_dispose (GObject *object)
{
  SegChart *self = SEG_CHART (object);
  SegChartPrivate *priv = seg_chart_get_instance_private (self);

  if (priv->project != NULL)
    g_signal_handlers_disconnect_by_func (priv->project, on_project_changed, self);
  g_clear_object (&priv->project);
  if (priv->selection != NULL)
    g_signal_handlers_disconnect_by_func (priv->selection, on_selection_changed, self);
  g_clear_object (&priv->selection);

  if (priv->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (priv->chooser));
  g_clear_pointer (&priv->menu, gtk_widget_unparent);
  for (guint i = 0; i < G_N_ELEMENTS (priv->filters); i++)
    g_clear_object (&priv->filters[i]);

  G_OBJECT_CLASS (seg_chart_parent_class)->dispose (object);
}

static void
seg_chart_finalize (GObject *object)
{
  SegChart *self = SEG_CHART (object);
  SegChartPrivate *priv = seg_chart_get_instance_private (self);

  g_clear_pointer (&priv->palette, sc_palette_free);
  g_free (priv->export_name);

  G_OBJECT_CLASS (seg_chart_parent_class)->finalize (object);
}

static void
seg_chart_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  SegChart *self = SEG_CHART (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, seg_chart_get_project (self));
      break;
    case PROP_SELECTION:
      g_value_set_object (value, seg_chart_get_selection (self));
      break;
    case PROP_HOVER:
      g_value_set_int (value, seg_chart_get_hover (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_chart_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  SegChart *self = SEG_CHART (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      seg_chart_set_project (self, g_value_get_object (value));
      break;
    case PROP_SELECTION:
      seg_chart_set_selection (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_chart_class_init (SegChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_chart_dispose;
  object_class->finalize = seg_chart_finalize;
  object_class->get_property = seg_chart_get_property;
  object_class->set_property = seg_chart_set_property;

  widget_class->snapshot = seg_chart_snapshot;
  widget_class->size_allocate = seg_chart_size_allocate;
  widget_class->measure = seg_chart_measure;
  widget_class->css_changed = seg_chart_css_changed;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, SC_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, SEG_TYPE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOVER] =
    g_param_spec_int ("hover", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _seg_chart_install_export_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "chart.menu", NULL, menu_action);
  gtk_widget_class_install_action (widget_class, "chart.select-next", NULL, select_next_action);
  gtk_widget_class_install_action (widget_class, "chart.select-previous", NULL,
                                   select_previous_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "chart.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "chart.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK,
                                       "chart.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.select-next",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.select-previous",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.select-previous",
                                       NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
seg_chart_init (SegChart *self)
{
  SegChartPrivate *priv = seg_chart_get_instance_private (self);
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkGesture *click, *context, *long_press;
  GtkEventController *motion;

  priv->hover = -1;
  priv->needs_prepare = TRUE;

  seg_chart_install_palette_css (gtk_widget_get_display (widget));
  update_palette (self);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (widget, "segments-chart");

  g_menu_append (menu, _("_Copy Image"), "chart.copy");
  g_menu_append (menu, _("_Export as PNG/SVG/PDF…"), "chart.export");
  priv->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (priv->menu), FALSE);
  gtk_widget_set_halign (priv->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (priv->menu, widget);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  context = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context), 0);
  g_signal_connect (context, "pressed", G_CALLBACK (on_context_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (context));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (on_long_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (long_press));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  g_signal_connect_object (adw_style_manager_get_for_display (gtk_widget_get_display (widget)),
                           "notify::dark", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_for_display (gtk_widget_get_display (widget)),
                           "notify::high-contrast", G_CALLBACK (on_dark_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_changed), NULL);
  g_signal_connect_object (gtk_widget_get_settings (widget), "notify::gtk-xft-dpi",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

/**
 * seg_chart_get_project:
 *
 * Returns: (transfer none) (nullable): the project the chart shows
 */
ScProject *
seg_chart_get_project (SegChart *self)
{
  SegChartPrivate *priv;

  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  priv = seg_chart_get_instance_private (self);
  return priv->project;
}

/**
 * seg_chart_set_project:
 * @project: (nullable): the project to show
 *
 * The chart follows the project's changes (ScProject::changed) until another is set.
 */
void
seg_chart_set_project (SegChart  *self,
                       ScProject *project)
{
  SegChartPrivate *priv;

  g_return_if_fail (SEG_IS_CHART (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));

  priv = seg_chart_get_instance_private (self);
  if (!seg_set_watched_object ((gpointer *) &priv->project, project, "changed",
                               G_CALLBACK (on_project_changed), self))
    return;

  set_hover (self, -1);
  on_project_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

/**
 * seg_chart_get_selection:
 *
 * Returns: (transfer none) (nullable): the selection the chart shares with its window
 */
SegSelection *
seg_chart_get_selection (SegChart *self)
{
  SegChartPrivate *priv;

  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  priv = seg_chart_get_instance_private (self);
  return priv->selection;
}

/**
 * seg_chart_set_selection:
 * @selection: (nullable): the window's selection
 *
 * The chart highlights the selected segment and selects the segment a user clicks.
 */
void
seg_chart_set_selection (SegChart     *self,
                         SegSelection *selection)
{
  SegChartPrivate *priv;

  g_return_if_fail (SEG_IS_CHART (self));
  g_return_if_fail (selection == NULL || SEG_IS_SELECTION (selection));

  priv = seg_chart_get_instance_private (self);
  if (!seg_set_watched_object ((gpointer *) &priv->selection, selection, "notify::position",
                               G_CALLBACK (on_selection_changed), self))
    return;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/**
 * seg_chart_get_selected:
 *
 * Returns: the selected segment's position, or -1 when none is
 */
int
seg_chart_get_selected (SegChart *self)
{
  SegChartPrivate *priv;

  g_return_val_if_fail (SEG_IS_CHART (self), -1);

  priv = seg_chart_get_instance_private (self);
  return priv->selection != NULL ? seg_selection_get_position (priv->selection) : -1;
}

/**
 * seg_chart_get_palette:
 *
 * Returns: (transfer none): the palette the chart paints with; replaced when the theme
 *   changes, so do not keep it
 */
const ScPalette *
seg_chart_get_palette (SegChart *self)
{
  SegChartPrivate *priv;

  g_return_val_if_fail (SEG_IS_CHART (self), NULL);

  priv = seg_chart_get_instance_private (self);
  return priv->palette;
}

/**
 * seg_chart_invalidate:
 *
 * The data or a setting changed: prepare is called again before the next paint, from the
 * next layout.
 */
void
seg_chart_invalidate (SegChart *self)
{
  SegChartPrivate *priv;

  g_return_if_fail (SEG_IS_CHART (self));

  priv = seg_chart_get_instance_private (self);
  priv->needs_prepare = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * seg_chart_get_hover:
 *
 * Returns: the position of the segment under the pointer, or -1
 */
int
seg_chart_get_hover (SegChart *self)
{
  SegChartPrivate *priv;

  g_return_val_if_fail (SEG_IS_CHART (self), -1);

  priv = seg_chart_get_instance_private (self);
  return priv->hover;
}

/**
 * seg_chart_is_exporting:
 *
 * Returns: whether the current paint call draws an export or a copy
 */
gboolean
seg_chart_is_exporting (SegChart *self)
{
  SegChartPrivate *priv;

  g_return_val_if_fail (SEG_IS_CHART (self), FALSE);

  priv = seg_chart_get_instance_private (self);
  return priv->exporting;
}

/**
 * seg_chart_set_export_name:
 * @name: (nullable): a file name without extension, or %NULL for "Chart"
 *
 * Also the title of exported PDF documents.
 */
void
seg_chart_set_export_name (SegChart   *self,
                           const char *name)
{
  SegChartPrivate *priv;

  g_return_if_fail (SEG_IS_CHART (self));

  priv = seg_chart_get_instance_private (self);
  g_free (priv->export_name);
  priv->export_name = g_strdup (name);
}
