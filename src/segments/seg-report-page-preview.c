/* seg-report-page-preview.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Report page's preview: the page shown large, the thumbnails beside it, and zoom.
 *
 * Pictures of pages are drawn in workers, one at a time: first the page in the large preview
 * at its size on screen, then the thumbnails in order.  Each result carries the serial number
 * of the report it was drawn from, so a picture of an older report is never taken for a
 * current one; until the new picture arrives the old one stays, scaled. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-report-page-private.h"

static const double zoom_levels[] = { 0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0 };


/* ------------------------------------------------------------------------------------------ */
/* Labels                                                                                     */

void
_seg_report_page_update_page_label (SegReportPage *self)
{
  guint n = self->doc != NULL ? seg_report_doc_get_n_pages (self->doc) : 0;
  g_autofree char *text = NULL;

  if (n == 0)
    {
      gtk_label_set_text (self->page_label, "");
      return;
    }

  if (self->format == SC_REPORT_FORMAT_SLIDES)
    /* Translators: "Slide 3 of 12" */
    text = g_strdup_printf (_("Slide %u of %u"), self->page + 1, n);
  else
    /* Translators: "Page 3 of 10" */
    text = g_strdup_printf (_("Page %u of %u"), self->page + 1, n);
  gtk_label_set_text (self->page_label, text);
}

/* Screen readers hear which page the preview shows. */
static void
update_preview_name (SegReportPage *self)
{
  const char *title;
  g_autofree char *name = NULL;

  if (self->doc == NULL || self->page >= seg_report_doc_get_n_pages (self->doc))
    return;

  title = seg_report_doc_get_page_title (self->doc, self->page);
  if (self->format == SC_REPORT_FORMAT_SLIDES)
    /* Translators: the preview's name for screen readers: "Slide 3 of 12: Segment sizes" */
    name = g_strdup_printf (_("Slide %u of %u: %s"), self->page + 1,
                            seg_report_doc_get_n_pages (self->doc), title != NULL ? title : "");
  else
    /* Translators: the preview's name for screen readers: "Page 3 of 10: Segment sizes" */
    name = g_strdup_printf (_("Page %u of %u: %s"), self->page + 1,
                            seg_report_doc_get_n_pages (self->doc), title != NULL ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preview), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
}

double
_seg_report_page_effective_zoom (SegReportPage *self)
{
  return seg_page_picture_get_effective_zoom (self->preview) / PIXELS_PER_POINT;
}

static void
update_zoom_label (SegReportPage *self)
{
  double zoom = _seg_report_page_effective_zoom (self);
  g_autofree char *text = NULL;

  if (zoom <= 0)
    {
      gtk_label_set_text (self->zoom_label, "");
      return;
    }

  /* Translators: a zoom level, "75 %" */
  text = g_strdup_printf (_("%d %%"), (int) round (zoom * 100));
  gtk_label_set_text (self->zoom_label, text);
}

/* ------------------------------------------------------------------------------------------ */
/* Pictures of pages                                                                          */

typedef struct
{
  SegReportPage *self;
  guint          serial;
  guint          page;
  gboolean       preview;
  int            width;
  int            height;
} RenderRequest;

static void
render_request_free (RenderRequest *request)
{
  g_object_unref (request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenderRequest, render_request_free)

static void
preview_device_size (SegReportPage *self,
                     int           *width,
                     int           *height)
{
  int longest;

  seg_page_picture_get_device_size (self->preview, width, height);
  longest = MAX (*width, *height);
  if (longest > MAX_PREVIEW_PIXELS)
    {
      *width = (int) round ((double) *width * MAX_PREVIEW_PIXELS / longest);
      *height = (int) round ((double) *height * MAX_PREVIEW_PIXELS / longest);
    }
}

/* Shows a picture that is not the page drawn at the preview's size (its thumbnail, scaled):
 * the record of what the preview shows is cleared, so the page is drawn again. */
static void
show_stand_in (SegReportPage *self,
               GdkTexture    *texture)
{
  self->preview_serial = 0;
  self->preview_width = self->preview_height = 0;
  seg_page_picture_set_texture (self->preview, texture);
}

static void
on_rendered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RenderRequest) request = user_data;
  SegReportPage *self = request->self;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = seg_report_doc_render_finish (SEG_REPORT_DOC (source), result, &error);
  g_clear_object (&self->render_cancellable);
  g_debug ("report: page %u at %d×%d drawn%s", request->page + 1, request->width,
           request->height, texture == NULL ? " (not)" : "");

  if (self->disposed)
    return;

  if (texture == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      _seg_report_page_schedule_render (self);
      return;
    }
  if (texture == NULL)
    /* Marked as done all the same below: asking again would fail again, forever. */
    g_warning ("Could not draw page %u of the report: %s", request->page + 1, error->message);

  if (request->serial == self->serial)
    {
      if (request->preview)
        {
          /* The record says what the preview shows: a picture of a page left meanwhile is
           * not shown, so it is not recorded either (coming back must draw it again). */
          if (request->page == self->page)
            {
              self->preview_serial = request->serial;
              self->preview_page = request->page;
              self->preview_width = request->width;
              self->preview_height = request->height;
              if (texture != NULL)
                seg_page_picture_set_texture (self->preview, texture);
            }
        }
      else if (request->page < self->thumbs->len)
        {
          Thumb *thumb = g_ptr_array_index (self->thumbs, request->page);

          thumb->serial = request->serial;
          thumb->width = request->width;
          thumb->height = request->height;
          if (texture != NULL)
            seg_page_picture_set_texture (thumb->picture, texture);
          /* The preview may still show this page's old or blurred picture. */
          if (texture != NULL && request->page == self->page &&
              self->preview_serial != self->serial)
            show_stand_in (self, texture);
        }
    }

  _seg_report_page_schedule_render (self);
}

static void
render (SegReportPage *self,
        guint          page,
        gboolean       preview,
        int            width,
        int            height)
{
  RenderRequest *request = g_new0 (RenderRequest, 1);

  request->self = g_object_ref (self);
  request->serial = self->serial;
  request->page = page;
  request->preview = preview;
  request->width = width;
  request->height = height;

  g_debug ("report: drawing page %u at %d×%d for the %s (serial %u)", page + 1, width, height,
           preview ? "preview" : "thumbnail", request->serial);
  self->render_cancellable = g_cancellable_new ();
  seg_report_doc_render_async (self->doc, page, width, height, self->render_cancellable,
                               on_rendered, request);
}

/* Starts drawing the most wanted picture that is missing, unless one is being drawn. */
void
_seg_report_page_schedule_render (SegReportPage *self)
{
  int width, height;

  /* Pictures are drawn for a page people can see, and one at a time. */
  if (self->doc == NULL || self->render_cancellable != NULL || self->disposed ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  preview_device_size (self, &width, &height);
  if (width > 0 && height > 0 &&
      (self->preview_serial != self->serial || self->preview_page != self->page ||
       self->preview_width != width || self->preview_height != height))
    {
      render (self, self->page, TRUE, width, height);
      return;
    }

  for (guint i = 0; i < self->thumbs->len; i++)
    {
      Thumb *thumb = g_ptr_array_index (self->thumbs, i);

      seg_page_picture_get_device_size (thumb->picture, &width, &height);
      if (width <= 0 || height <= 0)
        continue;
      if (thumb->serial != self->serial || thumb->width != width || thumb->height != height)
        {
          render (self, i, FALSE, width, height);
          return;
        }
    }
}

static gboolean
on_render_idle (gpointer data)
{
  SegReportPage *self = data;

  self->render_idle = 0;
  _seg_report_page_schedule_render (self);
  return G_SOURCE_REMOVE;
}

/* Sizes change during layout: the render starts after it. */
void
_seg_report_page_queue_schedule_render (SegReportPage *self)
{
  if (self->render_idle == 0 && !self->disposed)
    /* Above redrawing: a busy frame clock must not keep the pictures from being drawn. */
    self->render_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_render_idle, self, NULL);
}

static gboolean
on_zoom_idle (gpointer data)
{
  SegReportPage *self = data;

  self->zoom_idle = 0;
  g_debug ("report: preview zoom now %g", _seg_report_page_effective_zoom (self));
  update_zoom_label (self);
  _seg_report_page_update_actions (self);
  _seg_report_page_schedule_render (self);
  return G_SOURCE_REMOVE;
}

/* Notified during layout, where changing the label would queue another layout. */
void
_seg_report_page_on_preview_zoom_changed (SegReportPage *self)
{
  if (self->zoom_idle == 0 && !self->disposed)
    self->zoom_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, on_zoom_idle, self, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Pages                                                                                      */

static void
scroll_to_thumb (SegReportPage *self,
                 guint          page)
{
  Thumb *thumb;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, size;

  if (page >= self->thumbs->len)
    return;

  thumb = g_ptr_array_index (self->thumbs, page);
  if (!gtk_widget_compute_bounds (thumb->row, GTK_WIDGET (self->thumbs_list), &bounds))
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (self->thumbs_scroll);
  value = gtk_adjustment_get_value (adjustment);
  size = gtk_adjustment_get_page_size (adjustment);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > value + size)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - size);
}

void
_seg_report_page_show_page (SegReportPage *self,
           guint          page)
{
  Thumb *thumb;

  if (self->doc == NULL || page >= self->thumbs->len)
    return;

  if (page != self->page)
    {
      self->page = page;
      /* A new page starts at its top. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->preview_scroll), 0);
      g_object_notify (G_OBJECT (self), "page");
    }

  thumb = g_ptr_array_index (self->thumbs, page);
  if (gtk_list_box_get_selected_row (self->thumbs_list) != GTK_LIST_BOX_ROW (thumb->row))
    gtk_list_box_select_row (self->thumbs_list, GTK_LIST_BOX_ROW (thumb->row));
  scroll_to_thumb (self, page);

  /* The thumbnail, scaled up, until the page is drawn at its size. */
  if (self->preview_page != page || self->preview_serial != self->serial)
    show_stand_in (self, seg_page_picture_get_texture (thumb->picture));

  _seg_report_page_update_page_label (self);
  update_preview_name (self);
  _seg_report_page_update_actions (self);
  _seg_report_page_schedule_render (self);
}

void
_seg_report_page_on_thumb_selected (SegReportPage *self,
                   GtkListBoxRow *row)
{
  if (row != NULL)
    _seg_report_page_show_page (self, (guint) gtk_list_box_row_get_index (row));
}

void
_seg_report_page_update_thumb_labels (SegReportPage *self)
{
  for (guint i = 0; i < self->thumbs->len; i++)
    {
      Thumb *thumb = g_ptr_array_index (self->thumbs, i);
      const char *title = seg_report_doc_get_page_title (self->doc, i);
      g_autofree char *caption = g_strdup_printf ("%u · %s", i + 1, title != NULL ? title : "");
      g_autofree char *name = NULL;

      if (self->format == SC_REPORT_FORMAT_SLIDES)
        /* Translators: a thumbnail's name for screen readers: "Slide 3: Segment sizes" */
        name = g_strdup_printf (_("Slide %u: %s"), i + 1, title != NULL ? title : "");
      else
        /* Translators: a thumbnail's name for screen readers: "Page 3: Segment sizes" */
        name = g_strdup_printf (_("Page %u: %s"), i + 1, title != NULL ? title : "");

      gtk_label_set_text (thumb->label, caption);
      gtk_widget_set_tooltip_text (thumb->row, title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (thumb->row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

void
_seg_report_page_clear_thumbs (SegReportPage *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->thumbs, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->thumbs_list))) != NULL)
    gtk_list_box_remove (self->thumbs_list, child);
}

void
_seg_report_page_make_thumbs (SegReportPage *self,
             guint          n,
             double         page_width,
             double         page_height)
{
  _seg_report_page_clear_thumbs (self);

  for (guint i = 0; i < n; i++)
    {
      Thumb *thumb = g_new0 (Thumb, 1);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *label = gtk_label_new (NULL);

      thumb->picture = SEG_PAGE_PICTURE (seg_page_picture_new ());
      seg_page_picture_set_page_size (thumb->picture, page_width, page_height);
      seg_page_picture_set_zoom (thumb->picture, THUMB_WIDTH / page_width);
      gtk_widget_set_halign (GTK_WIDGET (thumb->picture), GTK_ALIGN_CENTER);
      g_signal_connect_object (thumb->picture, "notify::scale-factor",
                               G_CALLBACK (_seg_report_page_queue_schedule_render), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (thumb->picture, "wants-texture",
                               G_CALLBACK (_seg_report_page_queue_schedule_render), self, G_CONNECT_SWAPPED);

      thumb->label = GTK_LABEL (label);
      /* The column is as wide as a thumbnail: a long title wraps under it, whole. */
      gtk_label_set_wrap (thumb->label, TRUE);
      gtk_label_set_wrap_mode (thumb->label, PANGO_WRAP_WORD_CHAR);
      gtk_label_set_justify (thumb->label, GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (thumb->label, 1);
      gtk_widget_add_css_class (label, "caption");

      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (thumb->picture));
      gtk_box_append (GTK_BOX (box), label);

      thumb->row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (thumb->row), box);
      gtk_list_box_append (self->thumbs_list, thumb->row);
      g_ptr_array_add (self->thumbs, thumb);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Zoom                                                                                       */

static void
set_zoom (SegReportPage *self,
          double         zoom)
{
  if (zoom > 0)
    zoom = CLAMP (zoom, zoom_levels[0], zoom_levels[G_N_ELEMENTS (zoom_levels) - 1]);

  self->zoom = zoom;
  seg_page_picture_set_zoom (self->preview, zoom * PIXELS_PER_POINT);
  update_zoom_label (self);
  _seg_report_page_update_actions (self);
}

/* Zooms to the next level above (@direction 1) or below (-1) the zoom the page is shown at;
 * a level within 1 % of it counts as the same. */
static void
step_zoom (SegReportPage *self,
           int            direction)
{
  double current = _seg_report_page_effective_zoom (self);
  guint n = G_N_ELEMENTS (zoom_levels);

  for (guint i = 0; i < n; i++)
    {
      double level = zoom_levels[direction > 0 ? i : n - 1 - i];

      if (direction > 0 ? level > current * 1.01 : level < current * 0.99)
        {
          set_zoom (self, level);
          return;
        }
    }
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  step_zoom (SEG_REPORT_PAGE (widget), 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  step_zoom (SEG_REPORT_PAGE (widget), -1);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  set_zoom (SEG_REPORT_PAGE (widget), 0);
}

static void
zoom_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  set_zoom (SEG_REPORT_PAGE (widget), 1.0);
}

static void
zoom_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  set_zoom (SEG_REPORT_PAGE (widget), g_variant_get_double (param));
}

gboolean
_seg_report_page_on_preview_scroll (GtkEventControllerScroll *controller,
                   double                    dx,
                   double                    dy,
                   SegReportPage            *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), dy < 0 ? "report.zoom-in" : "report.zoom-out",
                              NULL);
  return TRUE;
}

/**
 * _seg_report_page_update_zoom_actions:
 * @shown: whether a report is shown
 */
void
_seg_report_page_update_zoom_actions (SegReportPage *self,
                                      gboolean       shown)
{
  double zoom = _seg_report_page_effective_zoom (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.zoom-in",
                                 shown && zoom < zoom_levels[G_N_ELEMENTS (zoom_levels) - 1] * 0.99);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.zoom-out",
                                 shown && zoom > zoom_levels[0] * 1.01);
}

void
_seg_report_page_install_zoom_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "report.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "report.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "report.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "report.zoom-original", NULL,
                                   zoom_original_action);
  gtk_widget_class_install_action (widget_class, "report.zoom-to", "d", zoom_to_action);
}
