/* sc-export-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the export files share: the temporary file written beside the target and renamed
 * over it when complete (sc-export-sink.c), and loading the run and its features
 * (sc-export.c). */

#pragma once

#include <cairo.h>

#include "sc-export.h"

G_BEGIN_DECLS

typedef struct
{
  char        *path;
  char        *tmp_path;
  int          fd;
  GString     *buf;
  /* Large files: full buffers go to a writer thread while the next one is formatted. */
  GThread     *writer;
  GAsyncQueue *full;     /* GString * to write; the sink itself ends the thread */
  GAsyncQueue *empty;    /* GString * written, to fill again */
  GMutex       lock;
  GError      *write_error;
} ScExportSink;

gboolean        _sc_export_sink_open        (ScExportSink  *sink,
                                             const char    *path,
                                             GError       **error);
gboolean        _sc_export_sink_flush       (ScExportSink  *sink,
                                             gboolean       force,
                                             GError       **error);
void            _sc_export_sink_clear       (ScExportSink  *sink);
gboolean        _sc_export_sink_commit      (ScExportSink  *sink,
                                             GError       **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScExportSink, _sc_export_sink_clear)

/* Cairo writes surfaces through this; the first error is kept for the caller. */
typedef struct
{
  ScExportSink *sink;
  GError       *error;
} ScExportCairoSink;

cairo_status_t  _sc_export_cairo_sink_write (void                *closure,
                                             const unsigned char *data,
                                             unsigned int         length);

ScRun          *_sc_export_load_run         (ScStore             *store,
                                             const ScRun         *run,
                                             GError             **error);
ScFeatures     *_sc_export_load_features    (ScStore             *store,
                                             const ScRun         *run,
                                             ScAggregates       **agg_out,
                                             GError             **error);
void            _sc_charts_isolate_names    (ScCharts            *charts);
gint8          *_sc_export_load_consent     (ScStore             *store,
                                             guint32              n,
                                             gboolean            *known,
                                             GError             **error);

G_END_DECLS
