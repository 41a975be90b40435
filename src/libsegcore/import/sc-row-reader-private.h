/* sc-row-reader-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rows of one file, read and checked against its layout (sc-row-reader.c), for the
 * import (sc-importer.c). */

#pragma once

#include <gio/gio.h>

#include "sc-import-layout-private.h"
#include "sc-import-report.h"

G_BEGIN_DECLS

/* A value as shown inside a message: cut so a 2 MB field does not become a 2 MB message. */
char        *_sc_import_shown_value (const char *value);

/* One data row of a file.  When @reason is set the row cannot be used: @why says which
 * check failed and @column names the column at fault (%NULL for the row as a whole). */
typedef struct
{
  guint           n_fields;
  char          **fields;
  gsize          *lengths;
  guint64         line;
  gboolean        continuation;  /* a later line of the order of the line above (with
                                  * fill-down only); its empty order-level values filled */
  const char     *customer;   /* after _sc_row_reader_parse(): the stripped customer id */
  ScDay           day;        /* orders only */
  double          amount;     /* orders only: the amount, or quantity times unit price */
  double          cost;       /* orders only: the line's cost (parse_cost()), NAN unknown */
  ScRejectReason  why;
  const char     *column;
  char           *reason;
} ScRow;

typedef struct _ScRowReader ScRowReader;

/* Called every few thousand rows with the rows so far and the part of the file read. */
typedef void (*ScRowProgress) (guint64  rows,
                               double   fraction,
                               gpointer user_data);

ScRowReader *_sc_row_reader_new      (const char            *path,
                                      const ScImportLayout  *layout,
                                      ScTableKind            kind,
                                      ScDateOrder            date_order,
                                      GCancellable          *cancellable,
                                      ScRowProgress          progress,
                                      gpointer               progress_data,
                                      GError               **error);
void         _sc_row_reader_free     (ScRowReader           *reader);
guint64      _sc_row_reader_get_size (ScRowReader           *reader);
const char  *_sc_row_reader_get_raw  (ScRowReader           *reader,
                                      gsize                 *len);
/* The next data row, checked for its number of fields only; %NULL at the end, or with
 * @error set (a read error, or cancelled).  The row is the reader's, valid until the next
 * call; its @reason may be stolen. */
ScRow       *_sc_row_reader_next     (ScRowReader           *reader,
                                      GError               **error);
gboolean     _sc_row_reader_parse    (ScRowReader           *reader,
                                      ScRow                 *row);
const char  *_sc_row_reader_get_currency (ScRowReader       *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRowReader, _sc_row_reader_free)

G_END_DECLS
