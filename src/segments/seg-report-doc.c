/* seg-report-doc.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A laid-out report shared by the Report page and Present mode.
 *
 * An ScReport may be used from one thread at a time (painting the scatter fills a cache),
 * and every drawing of a page happens in a worker so that a slow page never holds up a
 * frame.  The lock serialises those workers; the main thread takes it never, and reads only
 * what sc_report_new() fixed for good: the page count, sizes and titles.  Callers keep at
 * most one render of theirs in flight, so waiting workers cannot fill GIO's thread pool. */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-project-export.h"
#include "seg-report-doc.h"

struct _SegReportDoc
{
  GObject           parent_instance;

  GMutex            lock;       /* held while report draws */
  ScReport         *report;
  char             *project_path;
  ScConsentSummary  consent;
};

G_DEFINE_FINAL_TYPE (SegReportDoc, seg_report_doc, G_TYPE_OBJECT)

static void
seg_report_doc_finalize (GObject *object)
{
  SegReportDoc *self = SEG_REPORT_DOC (object);

  g_clear_object (&self->report);
  g_free (self->project_path);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (seg_report_doc_parent_class)->finalize (object);
}

static void
seg_report_doc_class_init (SegReportDocClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seg_report_doc_finalize;
}

static void
seg_report_doc_init (SegReportDoc *self)
{
  g_mutex_init (&self->lock);
}

/* ------------------------------------------------------------------------------------------ */
/* Building                                                                                   */

static void
on_report_built (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ScProject *project = SC_PROJECT (source);
  g_autoptr(SegReportDoc) self = g_object_new (SEG_TYPE_REPORT_DOC, NULL);
  GError *error = NULL;

  /* Who the activation export would leave out comes with it, said before anyone exports;
   * none is left out of a project without segments. */
  self->report = sc_project_new_report_finish (project, result, NULL, &self->consent, &error);
  if (self->report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  self->project_path = g_strdup (sc_project_get_path (project));
  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

/**
 * seg_report_doc_new_async:
 * @project: the project; the worker opens a connection of its own
 * @format: A4 or slides
 * @cancellable: (nullable): cancels the build
 * @callback: called in the caller's main context
 * @user_data: for @callback
 *
 * Reads the project's current segmentation and lays out the report in a worker
 * (sc_project_new_report_async()).
 */
void
seg_report_doc_new_async (ScProject           *project,
                          ScReportFormat       format,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (SC_IS_PROJECT (project));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seg_report_doc_new_async);
  sc_project_new_report_async (project, format, cancellable, on_report_built, task);
}

/**
 * seg_report_doc_new_finish:
 * @result: the result given to the callback
 * @error: return location for an error: %SC_ERROR_NO_DATA when the project has no
 *   segments yet, %G_IO_ERROR_CANCELLED when cancelled
 *
 * Returns: (transfer full) (nullable): the report
 */
SegReportDoc *
seg_report_doc_new_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == seg_report_doc_new_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------ */
/* What the layout fixed                                                                      */

ScReportFormat
seg_report_doc_get_format (SegReportDoc *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_DOC (self), SC_REPORT_FORMAT_A4);

  return sc_report_get_format (self->report);
}

guint
seg_report_doc_get_n_pages (SegReportDoc *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_DOC (self), 0);

  return sc_report_get_n_pages (self->report);
}

/**
 * seg_report_doc_get_page_size:
 * @width: (out) (optional): in points
 * @height: (out) (optional): in points
 */
void
seg_report_doc_get_page_size (SegReportDoc *self,
                              double       *width,
                              double       *height)
{
  g_return_if_fail (SEG_IS_REPORT_DOC (self));

  sc_report_get_page_size (self->report, width, height);
}

/**
 * seg_report_doc_get_page_title:
 *
 * Returns: (transfer none): what the page is about
 */
const char *
seg_report_doc_get_page_title (SegReportDoc *self,
                               guint         page)
{
  g_return_val_if_fail (SEG_IS_REPORT_DOC (self), NULL);
  g_return_val_if_fail (page < sc_report_get_n_pages (self->report), NULL);

  return sc_report_get_page_title (self->report, page);
}

/**
 * seg_report_doc_get_consent:
 *
 * Returns: (transfer none): who an activation export of the segmentation would write and
 *   leave out, counted when the report was built
 */
const ScConsentSummary *
seg_report_doc_get_consent (SegReportDoc *self)
{
  g_return_val_if_fail (SEG_IS_REPORT_DOC (self), NULL);

  return &self->consent;
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing a page                                                                             */

typedef struct
{
  guint page;
  int   width;
  int   height;
} RenderData;

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SegReportDoc *self = source_object;
  RenderData *data = task_data;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;
  cairo_status_t status;
  int stride;

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, data->width, data->height);
  cr = cairo_create (surface);
  g_mutex_lock (&self->lock);
  sc_report_render_page (self->report, cr, data->page, data->width, data->height);
  g_mutex_unlock (&self->lock);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The page could not be drawn: %s"),
                               cairo_status_to_string (status));
      return;
    }

  /* The texture keeps the surface alive instead of copying its pixels; cairo's native
   * ARGB32 layout is what GDK calls its default memory format. */
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * data->height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (data->width, data->height, GDK_MEMORY_DEFAULT, bytes,
                                    stride);
  g_task_return_pointer (task, texture, g_object_unref);
}

/**
 * seg_report_doc_render_async:
 * @page: a page number, from 0
 * @width: the picture's width in device pixels
 * @height: its height
 * @cancellable: (nullable): drops the request if it has not started drawing yet
 *
 * Draws a page with sc_report_render_page() in a worker, into a texture.  Keep at most one
 * render in flight per caller: workers wait for each other on the report.
 */
void
seg_report_doc_render_async (SegReportDoc        *self,
                             guint                page,
                             int                  width,
                             int                  height,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderData *data;

  g_return_if_fail (SEG_IS_REPORT_DOC (self));
  g_return_if_fail (page < sc_report_get_n_pages (self->report));
  g_return_if_fail (width > 0 && height > 0);

  data = g_new0 (RenderData, 1);
  data->page = page;
  data->width = width;
  data->height = height;

  task = sc_job_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seg_report_doc_render_async);
  g_task_set_task_data (task, data, g_free);
  sc_job_run_in_thread (task, render_thread);
}

/**
 * seg_report_doc_render_finish:
 *
 * Returns: (transfer full) (nullable): the page, @width × @height device pixels
 */
GdkTexture *
seg_report_doc_render_finish (SegReportDoc  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (SEG_IS_REPORT_DOC (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------ */
/* Saving                                                                                     */

typedef struct
{
  char  *path;
  ScJob *job;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->path);
  g_clear_object (&data->job);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SegReportDoc *self = source_object;
  SaveData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = sc_report_save_pdf (self->report, data->path,
                           data->job != NULL ? sc_job_progress_func : NULL, data->job,
                           cancellable, &error);
  g_mutex_unlock (&self->lock);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * seg_report_doc_save_pdf_async:
 * @file: a local file; it is replaced only once the whole PDF is written
 * @job: (nullable): takes the progress
 * @cancellable: (nullable): stops writing, leaving any earlier file as it was
 *
 * Writes the report as a PDF in a worker, with the same drawing as the preview.
 */
void
seg_report_doc_save_pdf_async (SegReportDoc        *self,
                               GFile               *file,
                               ScJob               *job,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  SaveData *data;

  g_return_if_fail (SEG_IS_REPORT_DOC (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (job == NULL || SC_IS_JOB (job));

  /* In the core's workers, which quitting cancels and waits for (sc_job_cancel_all()): the
   * PDF is complete or absent, its temporary file removed, before the process exits. */
  task = sc_job_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, seg_report_doc_save_pdf_async);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The report can only be saved in a local folder."));
      return;
    }

  data = g_new0 (SaveData, 1);
  data->path = g_steal_pointer (&path);
  data->job = job != NULL ? g_object_ref (job) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  sc_job_run_in_thread (task, save_thread);
}

gboolean
seg_report_doc_save_pdf_finish (SegReportDoc  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (SEG_IS_REPORT_DOC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
