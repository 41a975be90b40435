/* seg-present-window.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Present mode: the slides one at a time, full screen, on black.
 *
 * Each slide is drawn by sc_report_render_page() in a worker at the size it has on this
 * monitor, so text is as sharp as the screen allows; the next and the previous slide are
 * drawn ahead, so moving on is instant.  Only the slides near the current one are kept:
 * a full-HD slide is 8 MB. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-page-picture.h"
#include "seg-present-window.h"
#include "seg-widget-util.h"

struct _SegPresentWindow
{
  GtkWindow       parent_instance;

  GtkStack       *stack;
  GtkLabel       *status_label;
  SegPagePicture *picture;
  GtkRevealer    *osd_revealer;
  GtkLabel       *osd_label;

  SegReportDoc   *doc;
  GCancellable   *cancellable;          /* the build and the renders; cancelled on close */
  guint           page;

  GPtrArray      *slides;               /* GdkTexture or NULL, by page */
  int             slides_width;         /* the device size they were drawn at */
  int             slides_height;
  guint           rendering : 1;        /* one render in flight at a time */

  guint           osd_timeout;
  guint           cursor_timeout;
  double          pointer_x;
  double          pointer_y;
  guint           rendering_page;
  guint           told_how_to_leave : 1;
};

enum {
  PROP_0,
  PROP_PAGE,
  PROP_N_PAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SegPresentWindow, seg_present_window, GTK_TYPE_WINDOW)

/* Slides further than this from the current one are dropped from memory. */
#define KEEP_AROUND 2
#define OSD_SECONDS 2
#define CURSOR_SECONDS 2

static void schedule_render (SegPresentWindow *self);

/* ------------------------------------------------------------------------------------------ */
/* The on-screen display: which slide, and how to leave                                       */

static gboolean
on_osd_timeout (gpointer data)
{
  SegPresentWindow *self = data;

  self->osd_timeout = 0;
  gtk_revealer_set_reveal_child (self->osd_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

static void
show_osd (SegPresentWindow *self)
{
  guint n = self->doc != NULL ? seg_report_doc_get_n_pages (self->doc) : 0;
  g_autofree char *text = NULL;

  if (n == 0)
    return;

  if (!self->told_how_to_leave)
    {
      /* Translators: shown when Present mode starts: "Slide 1 of 12 · Esc to leave" */
      text = g_strdup_printf (_("Slide %u of %u · Esc to leave"), self->page + 1, n);
      self->told_how_to_leave = TRUE;
    }
  else
    /* Translators: the slide shown in Present mode: "Slide 3 of 12" */
    text = g_strdup_printf (_("Slide %u of %u"), self->page + 1, n);

  gtk_label_set_text (self->osd_label, text);
  gtk_revealer_set_reveal_child (self->osd_revealer, TRUE);
  g_clear_handle_id (&self->osd_timeout, g_source_remove);
  self->osd_timeout = g_timeout_add_seconds (OSD_SECONDS, on_osd_timeout, self);
}

static gboolean
on_cursor_timeout (gpointer data)
{
  SegPresentWindow *self = data;

  self->cursor_timeout = 0;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");
  return G_SOURCE_REMOVE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           SegPresentWindow         *self)
{
  /* Crossing events repeat the last position: only a real move shows the pointer. */
  if (x == self->pointer_x && y == self->pointer_y)
    return;

  self->pointer_x = x;
  self->pointer_y = y;
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  g_clear_handle_id (&self->cursor_timeout, g_source_remove);
  self->cursor_timeout = g_timeout_add_seconds (CURSOR_SECONDS, on_cursor_timeout, self);
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing the slides                                                                         */

/* Slides not drawn yet are NULL. */
static void
unref_texture (gpointer texture)
{
  if (texture != NULL)
    g_object_unref (texture);
}

static void
drop_far_slides (SegPresentWindow *self)
{
  for (guint i = 0; i < self->slides->len; i++)
    if ((i + KEEP_AROUND < self->page || i > self->page + KEEP_AROUND) &&
        g_ptr_array_index (self->slides, i) != NULL)
      g_clear_object (&g_ptr_array_index (self->slides, i));
}

static void
on_rendered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SegPresentWindow) self = user_data;
  SegReportDoc *doc = SEG_REPORT_DOC (source);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  guint page = self->rendering_page;

  texture = seg_report_doc_render_finish (doc, result, &error);
  self->rendering = FALSE;

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not draw slide %u: %s", page + 1, error->message);
      return;
    }

  /* A slide drawn for another size is still better than none for the current page. */
  if (doc != self->doc || page >= self->slides->len)
    return;
  if (gdk_texture_get_width (texture) == self->slides_width &&
      gdk_texture_get_height (texture) == self->slides_height)
    g_set_object (&g_ptr_array_index (self->slides, page), texture);
  if (page == self->page)
    seg_page_picture_set_texture (self->picture, texture);

  schedule_render (self);
}

static void
render (SegPresentWindow *self,
        guint             page)
{
  self->rendering = TRUE;
  self->rendering_page = page;
  seg_report_doc_render_async (self->doc, page, self->slides_width, self->slides_height,
                               self->cancellable, on_rendered, g_object_ref (self));
}

static void
schedule_render (SegPresentWindow *self)
{
  static const int order[] = { 0, 1, -1, 2 };
  int width, height;
  guint n;

  if (self->doc == NULL || self->rendering || g_cancellable_is_cancelled (self->cancellable))
    return;

  seg_page_picture_get_device_size (self->picture, &width, &height);
  if (width <= 0 || height <= 0)
    return;

  if (width != self->slides_width || height != self->slides_height)
    {
      for (guint i = 0; i < self->slides->len; i++)
        g_clear_object (&g_ptr_array_index (self->slides, i));
      self->slides_width = width;
      self->slides_height = height;
    }

  n = self->slides->len;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      int page = (int) self->page + order[i];

      if (page < 0 || page >= (int) n || g_ptr_array_index (self->slides, page) != NULL)
        continue;
      render (self, (guint) page);
      return;
    }
}

static void
show_page (SegPresentWindow *self)
{
  GdkTexture *texture;

  if (self->doc == NULL)
    return;

  drop_far_slides (self);
  texture = g_ptr_array_index (self->slides, self->page);
  /* Until the slide is drawn, the one before stays up rather than a black screen. */
  if (texture != NULL)
    seg_page_picture_set_texture (self->picture, texture);
  show_osd (self);
  schedule_render (self);
}

static void
on_zoom_changed (SegPresentWindow *self)
{
  schedule_render (self);
}

/* ------------------------------------------------------------------------------------------ */
/* The slides                                                                                 */

static void
set_doc (SegPresentWindow *self,
         SegReportDoc     *doc)
{
  double width, height;
  guint n = seg_report_doc_get_n_pages (doc);

  g_set_object (&self->doc, doc);
  g_ptr_array_set_size (self->slides, 0);
  g_ptr_array_set_size (self->slides, n);
  self->slides_width = self->slides_height = 0;
  if (self->page >= n)
    self->page = n > 0 ? n - 1 : 0;

  seg_report_doc_get_page_size (doc, &width, &height);
  seg_page_picture_set_page_size (self->picture, width, height);
  gtk_stack_set_visible_child_name (self->stack, "slides");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  show_page (self);
}

static void
on_built (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SegPresentWindow) self = user_data;
  g_autoptr(SegReportDoc) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = seg_report_doc_new_finish (result, &error);
  if (doc == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: Present mode could not start; %s says why */
      text = g_strdup_printf (_("The slides could not be prepared: %s\nPress Esc to leave."),
                              error->message);
      gtk_label_set_text (self->status_label, text);
      gtk_stack_set_visible_child_name (self->stack, "status");
      return;
    }

  set_doc (self, doc);
}

/* ------------------------------------------------------------------------------------------ */
/* Moving                                                                                     */

static void
go_to (SegPresentWindow *self,
       int               page)
{
  guint n = seg_present_window_get_n_pages (self);

  if (n == 0)
    return;
  seg_present_window_set_page (self, (guint) CLAMP (page, 0, (int) n - 1));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SegPresentWindow *self = SEG_PRESENT_WINDOW (widget);

  go_to (self, (int) self->page + 1);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  SegPresentWindow *self = SEG_PRESENT_WINDOW (widget);

  go_to (self, (int) self->page - 1);
}

static void
first_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  go_to (SEG_PRESENT_WINDOW (widget), 0);
}

static void
last_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  go_to (SEG_PRESENT_WINDOW (widget), G_MAXINT);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
on_click (GtkGestureClick  *gesture,
          int               n_press,
          double            x,
          double            y,
          SegPresentWindow *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  go_to (self, (int) self->page + (button == GDK_BUTTON_SECONDARY ? -1 : 1));
}

/* ------------------------------------------------------------------------------------------ */

static gboolean
seg_present_window_close_request (GtkWindow *window)
{
  SegPresentWindow *self = SEG_PRESENT_WINDOW (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (seg_present_window_parent_class)->close_request (window);
}

static void
seg_present_window_dispose (GObject *object)
{
  SegPresentWindow *self = SEG_PRESENT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->osd_timeout, g_source_remove);
  g_clear_handle_id (&self->cursor_timeout, g_source_remove);
  g_clear_object (&self->doc);
  if (self->slides != NULL)
    g_ptr_array_set_size (self->slides, 0);

  G_OBJECT_CLASS (seg_present_window_parent_class)->dispose (object);
}

static void
seg_present_window_finalize (GObject *object)
{
  SegPresentWindow *self = SEG_PRESENT_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->slides, g_ptr_array_unref);

  G_OBJECT_CLASS (seg_present_window_parent_class)->finalize (object);
}

static void
seg_present_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SegPresentWindow *self = SEG_PRESENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_uint (value, self->page);
      break;
    case PROP_N_PAGES:
      g_value_set_uint (value, seg_present_window_get_n_pages (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_present_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SegPresentWindow *self = SEG_PRESENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      seg_present_window_set_page (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_present_window_class_init (SegPresentWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = seg_present_window_dispose;
  object_class->finalize = seg_present_window_finalize;
  object_class->get_property = seg_present_window_get_property;
  object_class->set_property = seg_present_window_set_property;
  window_class->close_request = seg_present_window_close_request;

  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "present.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "present.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "present.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "present.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "present.leave", NULL, leave_action);
}

static void
seg_present_window_init (SegPresentWindow *self)
{
  static const SegKeyAction keys[] = {
    { GDK_KEY_Right, 0, "present.next" },
    { GDK_KEY_KP_Right, 0, "present.next" },
    { GDK_KEY_Down, 0, "present.next" },
    { GDK_KEY_KP_Down, 0, "present.next" },
    { GDK_KEY_Page_Down, 0, "present.next" },
    { GDK_KEY_KP_Page_Down, 0, "present.next" },
    { GDK_KEY_space, 0, "present.next" },
    { GDK_KEY_Return, 0, "present.next" },
    { GDK_KEY_KP_Enter, 0, "present.next" },
    { GDK_KEY_Left, 0, "present.previous" },
    { GDK_KEY_KP_Left, 0, "present.previous" },
    { GDK_KEY_Up, 0, "present.previous" },
    { GDK_KEY_KP_Up, 0, "present.previous" },
    { GDK_KEY_Page_Up, 0, "present.previous" },
    { GDK_KEY_KP_Page_Up, 0, "present.previous" },
    { GDK_KEY_BackSpace, 0, "present.previous" },
    { GDK_KEY_Home, 0, "present.first" },
    { GDK_KEY_KP_Home, 0, "present.first" },
    { GDK_KEY_End, 0, "present.last" },
    { GDK_KEY_KP_End, 0, "present.last" },
    { GDK_KEY_Escape, 0, "present.leave" },
  };
  GtkWidget *overlay, *spinner, *box, *status;
  GtkEventController *motion, *shortcuts;
  GtkGesture *click;

  self->cancellable = g_cancellable_new ();
  self->slides = g_ptr_array_new_with_free_func (unref_texture);
  self->pointer_x = self->pointer_y = -1;

  gtk_window_set_title (GTK_WINDOW (self), _("Present"));
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "present-window");

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_window_set_child (GTK_WINDOW (self), GTK_WIDGET (self->stack));

  /* While the slides are laid out. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Preparing the slides"), -1);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_stack_add_named (self->stack, box, "loading");

  status = gtk_label_new (NULL);
  self->status_label = GTK_LABEL (status);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_justify (self->status_label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_start (status, 48);
  gtk_widget_set_margin_end (status, 48);
  gtk_stack_add_named (self->stack, status, "status");

  overlay = gtk_overlay_new ();
  self->picture = SEG_PAGE_PICTURE (seg_page_picture_new ());
  seg_page_picture_set_sheet (self->picture, FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->picture), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->picture), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Slide"), -1);
  g_signal_connect_object (self->picture, "notify::effective-zoom",
                           G_CALLBACK (on_zoom_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picture, "notify::scale-factor",
                           G_CALLBACK (on_zoom_changed), self, G_CONNECT_SWAPPED);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->picture));

  self->osd_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->osd_revealer, GTK_REVEALER_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_halign (GTK_WIDGET (self->osd_revealer), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->osd_revealer), GTK_ALIGN_END);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->osd_revealer), 24);
  gtk_widget_set_can_target (GTK_WIDGET (self->osd_revealer), FALSE);
  self->osd_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->osd_label), "osd");
  gtk_widget_add_css_class (GTK_WIDGET (self->osd_label), "present-osd");
  gtk_widget_add_css_class (GTK_WIDGET (self->osd_label), "numeric");
  gtk_revealer_set_child (self->osd_revealer, GTK_WIDGET (self->osd_label));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->osd_revealer));
  gtk_stack_add_named (self->stack, overlay, "slides");

  gtk_stack_set_visible_child_name (self->stack, "loading");

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (overlay, GTK_EVENT_CONTROLLER (click));

  /* In the capture phase: GtkWindow's own bindings move the focus with the arrow keys. */
  shortcuts = seg_key_actions_controller_new (keys, G_N_ELEMENTS (keys));
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/**
 * seg_present_window_new:
 * @parent: (nullable): the window presenting; the slides fill the monitor it is on
 * @project: the project, to prepare the slides from when @slides is %NULL
 * @slides: (nullable): slides already laid out (%SC_REPORT_FORMAT_SLIDES)
 * @first_page: the slide to start at
 *
 * Returns: (transfer none): a new full-screen window, shown; it destroys itself on Escape
 */
SegPresentWindow *
seg_present_window_new (GtkWindow    *parent,
                        ScProject    *project,
                        SegReportDoc *slides,
                        guint         first_page)
{
  SegPresentWindow *self;
  GdkMonitor *monitor = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SC_IS_PROJECT (project), NULL);
  g_return_val_if_fail (slides == NULL || SEG_IS_REPORT_DOC (slides), NULL);
  g_return_val_if_fail (slides == NULL ||
                        seg_report_doc_get_format (slides) == SC_REPORT_FORMAT_SLIDES, NULL);

  self = g_object_new (SEG_TYPE_PRESENT_WINDOW, NULL);
  self->page = first_page;

  if (parent != NULL)
    {
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (parent));

      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
      if (surface != NULL)
        monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (parent)),
                                                      surface);
    }

  /* Without a window manager the full-screen request goes unanswered: the monitor's size
   * then still fills the screen. */
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (self));

  if (slides != NULL)
    set_doc (self, slides);
  else
    seg_report_doc_new_async (project, SC_REPORT_FORMAT_SLIDES, self->cancellable,
                              on_built, g_object_ref (self));

  gtk_window_present (GTK_WINDOW (self));

  return self;
}

/**
 * seg_present_window_get_page:
 *
 * Returns: the slide shown, from 0
 */
guint
seg_present_window_get_page (SegPresentWindow *self)
{
  g_return_val_if_fail (SEG_IS_PRESENT_WINDOW (self), 0);

  return self->page;
}

void
seg_present_window_set_page (SegPresentWindow *self,
                             guint             page)
{
  guint n;

  g_return_if_fail (SEG_IS_PRESENT_WINDOW (self));

  n = seg_present_window_get_n_pages (self);
  if (n > 0)
    page = MIN (page, n - 1);
  if (page == self->page)
    return;

  self->page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  show_page (self);
}

/**
 * seg_present_window_get_n_pages:
 *
 * Returns: the number of slides, 0 while they are prepared
 */
guint
seg_present_window_get_n_pages (SegPresentWindow *self)
{
  g_return_val_if_fail (SEG_IS_PRESENT_WINDOW (self), 0);

  return self->doc != NULL ? seg_report_doc_get_n_pages (self->doc) : 0;
}
