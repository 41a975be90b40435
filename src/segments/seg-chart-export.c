/* seg-chart-export.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What every chart offers beside the screen: a PNG, SVG or PDF file (the chart.export action,
 * with its file chooser, and seg_chart_export()), a texture and a copy on the clipboard.  All
 * of them paint through the same function as the screen, on the chart's background. */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <string.h>

#include "seg-chart-private.h"
#include "seg-widget-util.h"

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
  N_FORMATS
} ExportFormat;

static const struct
{
  const char *extension;
  const char *mime_type;
} formats[N_FORMATS] = {
  [FORMAT_PNG] = { ".png", "image/png" },
  [FORMAT_SVG] = { ".svg", "image/svg+xml" },
  [FORMAT_PDF] = { ".pdf", "application/pdf" },
};

/* The resolution of copies and PNG exports: sharp on HiDPI screens and in documents. */
#define EXPORT_SCALE 2.0


typedef struct
{
  GOutputStream *stream;
  GError        *error;
} WriteClosure;

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  WriteClosure *wc = closure;

  if (wc->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;

  if (!g_output_stream_write_all (wc->stream, data, length, NULL, NULL, &wc->error))
    return CAIRO_STATUS_WRITE_ERROR;

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
format_from_name (const char   *name,
                  ExportFormat *format)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  for (guint i = 0; i < N_FORMATS; i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      {
        *format = (ExportFormat) i;
        return TRUE;
      }

  return FALSE;
}

static cairo_status_t
draw_export (SegChart      *self,
             ExportFormat   format,
             WriteClosure  *wc,
             int            width,
             int            height)
{
  SegChartPrivate *priv = _seg_chart_get_private (self);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  switch (format)
    {
    case FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) (width * EXPORT_SCALE),
                                            (int) (height * EXPORT_SCALE));
      cairo_surface_set_device_scale (surface, EXPORT_SCALE, EXPORT_SCALE);
      break;
    case FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_stream, wc, width, height);
      break;
    case FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, wc, width, height);
      if (priv->export_name != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, priv->export_name);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Segments");
      break;
    case N_FORMATS:
    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  _seg_chart_paint_with_background (self, cr, width, height, EXPORT_SCALE);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, wc);

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return status;
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    SegChart        *self)
{
  SegChartPrivate *priv = _seg_chart_get_private (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  ExportFormat format;
  int width, height;

  file = seg_file_chooser_get_accepted (dialog, response);
  if (file == NULL)
    goto out;

  /* A name typed without an extension takes the one of the chosen file type. */
  name = g_file_get_basename (file);
  if (!format_from_name (name, &format))
    {
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *with_extension = NULL;

      format = FORMAT_PNG;
      for (guint i = 0; i < N_FORMATS; i++)
        if (filter == priv->filters[i])
          format = (ExportFormat) i;

      with_extension = g_strconcat (name, formats[format].extension, NULL);
      g_object_unref (file);
      file = g_file_get_child (parent, with_extension);
    }

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width < 200 || height < 150)
    {
      width = 800;
      height = 500;
    }

  if (seg_chart_export (self, file, width, height, &error))
    {
      g_autofree char *display = g_file_get_parse_name (file);
      g_autofree char *base = g_path_get_basename (display);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Chart saved as “%s”"), base);

      seg_widget_show_toast (GTK_WIDGET (self), message);
    }
  else
    seg_show_error_dialog (seg_widget_get_window (GTK_WIDGET (self)),
                           _("Could Not Export the Chart"), error->message);

out:
  g_clear_object (&priv->chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SegChart *self = SEG_CHART (widget);
  SegChartPrivate *priv = _seg_chart_get_private (self);
  static const char *names[N_FORMATS] = {
    [FORMAT_PNG] = N_("PNG Image"),
    [FORMAT_SVG] = N_("SVG Image"),
    [FORMAT_PDF] = N_("PDF Document"),
  };
  g_autofree char *current = NULL;

  if (priv->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (priv->chooser));
      return;
    }

  priv->chooser = seg_file_chooser_new (_("Export Chart"), seg_widget_get_window (widget),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));

  for (guint i = 0; i < N_FORMATS; i++)
    {
      if (priv->filters[i] == NULL)
        priv->filters[i] = seg_file_filter_new (_(names[i]), formats[i].mime_type,
                                                formats[i].extension + 1);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (priv->chooser), priv->filters[i]);
    }

  current = g_strconcat (priv->export_name != NULL ? priv->export_name : _("Chart"), ".png",
                         NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (priv->chooser), current);

  g_signal_connect (priv->chooser, "response", G_CALLBACK (on_export_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (priv->chooser));
}

/* ------------------------------------------------------------------------------------------ */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  seg_chart_copy_image (SEG_CHART (widget));
}

void
_seg_chart_install_export_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "chart.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "chart.export", NULL, export_action);
}

/**
 * seg_chart_render_texture:
 * @width: logical width
 * @height: logical height
 * @scale: device pixels per logical pixel
 *
 * Paints the chart on its background colour, as exports and copies show it.
 *
 * Returns: (transfer full): a texture of @width × @scale by @height × @scale pixels
 */
GdkTexture *
seg_chart_render_texture (SegChart *self,
                          int       width,
                          int       height,
                          double    scale)
{
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  int pixel_width, pixel_height, stride;
  cairo_t *cr;

  g_return_val_if_fail (SEG_IS_CHART (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, NULL);

  pixel_width = (int) (width * scale);
  pixel_height = (int) (height * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, pixel_height);
  cairo_surface_set_device_scale (surface, scale, scale);

  cr = cairo_create (surface);
  _seg_chart_paint_with_background (self, cr, width, height, scale);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT: premultiplied, native byte order. */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * pixel_height);
  cairo_surface_destroy (surface);

  return gdk_memory_texture_new (pixel_width, pixel_height, GDK_MEMORY_DEFAULT, bytes, stride);
}

/**
 * seg_chart_export:
 * @file: where to write; the format follows its extension: .png, .svg or .pdf
 * @width: logical width (pixels of a PNG at 1×, points of a PDF)
 * @height: logical height
 * @error: return location for an error
 *
 * Writes the chart as the screen shows it, on its background colour; PNG files are made
 * at twice the size for sharpness.  A failed export leaves an existing file as it was.
 *
 * Returns: whether the file was written
 */
gboolean
seg_chart_export (SegChart  *self,
                  GFile     *file,
                  int        width,
                  int        height,
                  GError   **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *name = NULL;
  WriteClosure wc = { NULL, NULL };
  cairo_status_t status;
  ExportFormat format;

  g_return_val_if_fail (SEG_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_basename (file);
  if (name == NULL || !format_from_name (name, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Charts can be saved as PNG, SVG or PDF files: choose a name that ends "
                     "in .png, .svg or .pdf."));
      return FALSE;
    }

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  wc.stream = G_OUTPUT_STREAM (stream);
  status = draw_export (self, format, &wc, width, height);

  if (wc.error != NULL || status != CAIRO_STATUS_SUCCESS)
    {
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      /* Closing with a cancelled cancellable leaves the previous file in place. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);

      if (wc.error != NULL)
        g_propagate_error (error, wc.error);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     /* Translators: %s is a technical reason from the drawing library */
                     _("The chart could not be drawn (%s)."), cairo_status_to_string (status));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

/**
 * seg_chart_copy_image:
 *
 * Puts a picture of the chart, at twice its size on screen, on the clipboard.
 */
void
seg_chart_copy_image (SegChart *self)
{
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  g_return_if_fail (SEG_IS_CHART (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    return;

  texture = seg_chart_render_texture (self, width, height, EXPORT_SCALE);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  seg_widget_show_toast (GTK_WIDGET (self), _("Chart copied"));
}
