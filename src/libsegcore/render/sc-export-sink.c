/* sc-export-sink.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every export file is written to a temporary name beside the target and renamed over it
 * only when complete, so an error or a cancel never leaves half a file behind and never
 * damages the previous one.  Rows are formatted into a buffer of about a megabyte that is
 * written out whenever it fills, so a million customers never become one giant string.
 *
 * From the second full buffer on, buffers are written by a thread of the sink's own while
 * the caller formats the next (two buffers in turn): a million-row export spends about as
 * long in write() as in formatting.  The caller's GString stays the same object — its
 * contents are swapped with a written buffer's — so writers holding it are not disturbed.
 * The first write error is kept and reported by the next flush or the commit. */

#include "config.h"

#include "sc-export-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define SINK_BUFFER   (1024 * 1024)

static void
swap_contents (GString *a,
               GString *b)
{
  GString t = *a;

  *a = *b;
  *b = t;
}

static gboolean sink_write (ScExportSink  *sink,
                            const char    *data,
                            gsize          len,
                            GError       **error);

static gpointer
writer_thread (gpointer data)
{
  ScExportSink *sink = data;
  GString *buf;

  while ((buf = g_async_queue_pop (sink->full)) != (GString *) sink)
    {
      GError *error = NULL;

      g_mutex_lock (&sink->lock);
      if (sink->write_error == NULL)
        {
          g_mutex_unlock (&sink->lock);
          if (!sink_write (sink, buf->str, buf->len, &error))
            {
              g_mutex_lock (&sink->lock);
              sink->write_error = error;
            }
          else
            g_mutex_lock (&sink->lock);
        }
      g_mutex_unlock (&sink->lock);
      g_string_truncate (buf, 0);
      g_async_queue_push (sink->empty, buf);
    }
  return NULL;
}

/* Ends the writer thread once it has written what it was given. */
static void
stop_writer (ScExportSink *sink)
{
  GString *buf;

  if (sink->writer == NULL)
    return;
  g_async_queue_push (sink->full, sink);
  g_thread_join (g_steal_pointer (&sink->writer));
  while ((buf = g_async_queue_try_pop (sink->empty)) != NULL)
    g_string_free (buf, TRUE);
  g_clear_pointer (&sink->full, g_async_queue_unref);
  g_clear_pointer (&sink->empty, g_async_queue_unref);
}

static gboolean
take_write_error (ScExportSink  *sink,
                  GError       **error)
{
  GError *e;

  g_mutex_lock (&sink->lock);
  e = g_steal_pointer (&sink->write_error);
  g_mutex_unlock (&sink->lock);
  if (e == NULL)
    return TRUE;
  g_propagate_error (error, e);
  return FALSE;
}

gboolean
_sc_export_sink_open (ScExportSink  *sink,
                      const char    *path,
                      GError       **error)
{
  int saved;

  memset (sink, 0, sizeof *sink);
  g_mutex_init (&sink->lock);
  sink->fd = -1;
  sink->path = g_strdup (path);
  sink->tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  sink->buf = g_string_sized_new (SINK_BUFFER + 4096);
  sink->fd = g_mkstemp_full (sink->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (sink->fd >= 0)
    return TRUE;

  saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
               _("Could not create “%s”: %s"), path, g_strerror (saved));
  return FALSE;
}

static gboolean
sink_write (ScExportSink  *sink,
            const char    *data,
            gsize          len,
            GError       **error)
{
  while (len > 0)
    {
      gssize n = write (sink->fd, data, len);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not write “%s”: %s"), sink->path, g_strerror (saved));
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Writes the buffer out once it holds a megabyte, or always (and in this thread, after
 * everything handed to the writer thread) with @force. */
gboolean
_sc_export_sink_flush (ScExportSink  *sink,
                       gboolean       force,
                       GError       **error)
{
  GString *spare;

  if (force)
    {
      stop_writer (sink);
      if (!take_write_error (sink, error) ||
          !sink_write (sink, sink->buf->str, sink->buf->len, error))
        return FALSE;
      g_string_truncate (sink->buf, 0);
      return TRUE;
    }
  if (sink->buf->len < SINK_BUFFER)
    return TRUE;
  if (!take_write_error (sink, error))
    return FALSE;
  if (sink->writer == NULL)
    {
      sink->full = g_async_queue_new ();
      sink->empty = g_async_queue_new ();
      g_async_queue_push (sink->empty, g_string_sized_new (SINK_BUFFER + 4096));
      sink->writer = g_thread_new ("export-writer", writer_thread, sink);
    }
  spare = g_async_queue_pop (sink->empty);
  swap_contents (sink->buf, spare);
  g_async_queue_push (sink->full, spare);
  return TRUE;
}

/* Safe on a zeroed sink that was never opened: only _sc_export_sink_open() sets
 * tmp_path. */
void
_sc_export_sink_clear (ScExportSink *sink)
{
  if (sink->tmp_path == NULL)
    {
      memset (sink, 0, sizeof *sink);
      return;
    }
  stop_writer (sink);
  g_clear_error (&sink->write_error);
  g_mutex_clear (&sink->lock);
  if (sink->tmp_path != NULL && sink->fd >= 0)
    {
      g_close (sink->fd, NULL);
      g_unlink (sink->tmp_path);
    }
  g_free (sink->path);
  g_free (sink->tmp_path);
  if (sink->buf != NULL)
    g_string_free (sink->buf, TRUE);
  memset (sink, 0, sizeof *sink);
}

gboolean
_sc_export_sink_commit (ScExportSink  *sink,
                        GError       **error)
{
  int fd = sink->fd;
  int saved;

  if (!_sc_export_sink_flush (sink, TRUE, error))
    return FALSE;
  sink->fd = -1;
  if (!g_close (fd, error) || g_rename (sink->tmp_path, sink->path) != 0)
    {
      saved = errno;
      g_unlink (sink->tmp_path);
      if (error != NULL && *error == NULL)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("Could not write “%s”: %s"), sink->path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

cairo_status_t
_sc_export_cairo_sink_write (void                *closure,
                             const unsigned char *data,
                             unsigned int         length)
{
  ScExportCairoSink *cs = closure;

  if (cs->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  g_string_append_len (cs->sink->buf, (const char *) data, length);
  if (!_sc_export_sink_flush (cs->sink, FALSE, &cs->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}
