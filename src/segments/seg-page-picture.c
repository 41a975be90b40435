/* seg-page-picture.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One page of the report as a picture: a thumbnail, the preview, or a slide in Present
 * mode.  The widget only shows a texture someone else drew; it says through
 * "effective-zoom" (and the scale factor) how large a texture would be sharp, so that the
 * owner can draw one in a worker.  Until then the texture it has is scaled, which is what
 * makes zooming and resizing smooth. */

#include "config.h"

#include <math.h>

#include "seg-page-picture.h"

struct _SegPagePicture
{
  GtkWidget   parent_instance;

  GdkTexture *texture;
  double      page_width;       /* points */
  double      page_height;
  double      zoom;             /* logical pixels per point; 0 to fit the allocation */
  double      effective_zoom;   /* as laid out */
  guint       sheet : 1;        /* drawn as paper with a shadow */
};

enum {
  PROP_0,
  PROP_TEXTURE,
  PROP_ZOOM,
  PROP_SHEET,
  PROP_EFFECTIVE_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  WANTS_TEXTURE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SegPagePicture, seg_page_picture, GTK_TYPE_WIDGET)

/* Below this the page would be a speck: the widget asks for at least this much room. */
#define MIN_FIT_SIZE 24

static double
fit_zoom (SegPagePicture *self,
          int             width,
          int             height)
{
  if (self->page_width <= 0 || self->page_height <= 0 || width <= 0 || height <= 0)
    return 0.0;

  return MIN (width / self->page_width, height / self->page_height);
}

static void
update_effective_zoom (SegPagePicture *self)
{
  double zoom = self->zoom > 0 ? self->zoom
                               : fit_zoom (self, gtk_widget_get_width (GTK_WIDGET (self)),
                                           gtk_widget_get_height (GTK_WIDGET (self)));

  if (fabs (zoom - self->effective_zoom) < 1e-9)
    return;

  self->effective_zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECTIVE_ZOOM]);
}

static void
seg_page_picture_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SegPagePicture *self = SEG_PAGE_PICTURE (widget);
  double extent = orientation == GTK_ORIENTATION_HORIZONTAL ? self->page_width
                                                            : self->page_height;

  if (self->zoom > 0)
    *minimum = *natural = (int) ceil (extent * self->zoom);
  else
    *minimum = *natural = MIN_FIT_SIZE;
}

static void
seg_page_picture_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  update_effective_zoom (SEG_PAGE_PICTURE (widget));
}

/* The sheet's rectangle in widget coordinates, centred, on whole device pixels. */
static graphene_rect_t
sheet_rect (SegPagePicture *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int scale = gtk_widget_get_scale_factor (widget);
  double w = round (self->page_width * self->effective_zoom * scale) / scale;
  double h = round (self->page_height * self->effective_zoom * scale) / scale;
  double x = round ((gtk_widget_get_width (widget) - w) / 2 * scale) / scale;
  double y = round ((gtk_widget_get_height (widget) - h) / 2 * scale) / scale;

  return GRAPHENE_RECT_INIT (MAX (x, 0), MAX (y, 0), w, h);
}

static void
seg_page_picture_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SegPagePicture *self = SEG_PAGE_PICTURE (widget);
  graphene_rect_t rect;

  if (self->effective_zoom <= 0)
    return;

  rect = sheet_rect (self);
  if (rect.size.width < 1 || rect.size.height < 1)
    return;

  if (self->sheet)
    {
      GskRoundedRect outline;

      gsk_rounded_rect_init_from_rect (&outline, &rect, 0);
      gtk_snapshot_append_outset_shadow (snapshot, &outline, &(GdkRGBA) { 0, 0, 0, 0.18 },
                                         0, 1, 1, 3);
      /* Paper, also while the first picture of the page is being drawn. */
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, &rect);
    }

  if (self->texture != NULL)
    gtk_snapshot_append_texture (snapshot, self->texture, &rect);

  /* Drawn scaled or not at all: whoever draws pages is asked again, whatever notification
   * it may have missed on the way. */
  {
    int width, height;

    seg_page_picture_get_device_size (self, &width, &height);
    if (self->texture == NULL || gdk_texture_get_width (self->texture) != width ||
        gdk_texture_get_height (self->texture) != height)
      g_signal_emit (self, signals[WANTS_TEXTURE], 0);
  }
}

static void
seg_page_picture_dispose (GObject *object)
{
  SegPagePicture *self = SEG_PAGE_PICTURE (object);

  g_clear_object (&self->texture);

  G_OBJECT_CLASS (seg_page_picture_parent_class)->dispose (object);
}

static void
seg_page_picture_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SegPagePicture *self = SEG_PAGE_PICTURE (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_SHEET:
      g_value_set_boolean (value, self->sheet);
      break;
    case PROP_EFFECTIVE_ZOOM:
      g_value_set_double (value, self->effective_zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_page_picture_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SegPagePicture *self = SEG_PAGE_PICTURE (object);

  switch (prop_id)
    {
    case PROP_TEXTURE:
      seg_page_picture_set_texture (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      seg_page_picture_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_SHEET:
      seg_page_picture_set_sheet (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_page_picture_class_init (SegPagePictureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_page_picture_dispose;
  object_class->get_property = seg_page_picture_get_property;
  object_class->set_property = seg_page_picture_set_property;

  widget_class->measure = seg_page_picture_measure;
  widget_class->size_allocate = seg_page_picture_size_allocate;
  widget_class->snapshot = seg_page_picture_snapshot;

  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL, GDK_TYPE_TEXTURE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.0, 100.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHEET] =
    g_param_spec_boolean ("sheet", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EFFECTIVE_ZOOM] =
    g_param_spec_double ("effective-zoom", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SegPagePicture::wants-texture:
   *
   * Emitted when the picture was drawn without a texture of its device size; the handler
   * may only schedule work (it runs while the widget is drawn).
   */
  signals[WANTS_TEXTURE] =
    g_signal_new ("wants-texture", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "pagepicture");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
seg_page_picture_init (SegPagePicture *self)
{
  self->sheet = TRUE;
  /* A4 until told otherwise, so that an empty picture has a sensible shape. */
  self->page_width = 595.276;
  self->page_height = 841.89;
}

GtkWidget *
seg_page_picture_new (void)
{
  return g_object_new (SEG_TYPE_PAGE_PICTURE, NULL);
}

/**
 * seg_page_picture_set_page_size:
 * @width: the page's width in points
 * @height: its height
 */
void
seg_page_picture_set_page_size (SegPagePicture *self,
                                double          width,
                                double          height)
{
  g_return_if_fail (SEG_IS_PAGE_PICTURE (self));
  g_return_if_fail (width > 0 && height > 0);

  if (width == self->page_width && height == self->page_height)
    return;

  self->page_width = width;
  self->page_height = height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * seg_page_picture_get_texture:
 *
 * Returns: (transfer none) (nullable): the picture shown
 */
GdkTexture *
seg_page_picture_get_texture (SegPagePicture *self)
{
  g_return_val_if_fail (SEG_IS_PAGE_PICTURE (self), NULL);

  return self->texture;
}

/**
 * seg_page_picture_set_texture:
 * @texture: (nullable): the page, any size: it is scaled to the sheet
 */
void
seg_page_picture_set_texture (SegPagePicture *self,
                              GdkTexture     *texture)
{
  g_return_if_fail (SEG_IS_PAGE_PICTURE (self));
  g_return_if_fail (texture == NULL || GDK_IS_TEXTURE (texture));

  if (!g_set_object (&self->texture, texture))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * seg_page_picture_set_zoom:
 * @zoom: logical pixels per point, or 0 to fit the page into the widget's allocation
 */
void
seg_page_picture_set_zoom (SegPagePicture *self,
                           double          zoom)
{
  g_return_if_fail (SEG_IS_PAGE_PICTURE (self));
  g_return_if_fail (zoom >= 0);

  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * seg_page_picture_set_sheet:
 * @sheet: whether to draw the page as paper with a shadow
 */
void
seg_page_picture_set_sheet (SegPagePicture *self,
                            gboolean        sheet)
{
  g_return_if_fail (SEG_IS_PAGE_PICTURE (self));

  sheet = !!sheet;
  if (sheet == self->sheet)
    return;

  self->sheet = sheet;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHEET]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * seg_page_picture_get_effective_zoom:
 *
 * Returns: logical pixels per point as the page is shown; 0 before the first allocation
 *   of a picture that fits its page
 */
double
seg_page_picture_get_effective_zoom (SegPagePicture *self)
{
  g_return_val_if_fail (SEG_IS_PAGE_PICTURE (self), 0.0);

  if (self->zoom > 0)
    return self->zoom;

  return self->effective_zoom;
}

/**
 * seg_page_picture_get_device_size:
 * @width: (out): the sheet's width in device pixels, or 0 when it is not laid out
 * @height: (out): its height
 *
 * The size of a texture that is sharp on screen.
 */
void
seg_page_picture_get_device_size (SegPagePicture *self,
                                  int            *width,
                                  int            *height)
{
  int scale;
  double zoom;

  g_return_if_fail (SEG_IS_PAGE_PICTURE (self));
  g_return_if_fail (width != NULL && height != NULL);

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  zoom = seg_page_picture_get_effective_zoom (self);
  *width = (int) round (self->page_width * zoom * scale);
  *height = (int) round (self->page_height * zoom * scale);
}
