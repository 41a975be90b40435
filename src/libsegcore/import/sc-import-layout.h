/* sc-import-layout.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-csv.h"
#include "sc-detect.h"
#include "sc-types.h"

G_BEGIN_DECLS

#define SC_N_ROLES (SC_ROLE_ATTRIBUTE + 1)

typedef enum
{
  SC_IMPORT_ENCODING_AUTO,
  SC_IMPORT_ENCODING_UTF8,
  SC_IMPORT_ENCODING_WINDOWS_1252,
} ScImportEncoding;

typedef enum
{
  SC_IMPORT_HEADER_AUTO,
  SC_IMPORT_HEADER_YES,
  SC_IMPORT_HEADER_NO,
} ScImportHeader;

/**
 * ScImportFormat:
 * @delimiter: 0 to sniff, else `,` `;` tab `|` or space (whitespace-aligned)
 * @encoding: the text encoding, or %SC_IMPORT_ENCODING_AUTO to sniff
 * @header: whether the first row names the columns, or %SC_IMPORT_HEADER_AUTO to sniff
 * @decimal_mark: 0 to sniff, else `.` or `,`
 *
 * How one file is written.  Zero-initialised, everything is sniffed.
 */
typedef struct
{
  char              delimiter;
  ScImportEncoding  encoding;
  ScImportHeader    header;
  char              decimal_mark;
} ScImportFormat;

/**
 * ScImportPreview:
 * @dialect: how the file is read: sniffed, then the format's choices applied
 * @n_columns: columns of the first row
 * @header: @n_columns names; made up ("Column 1") without a header row
 * @rows: of `char **`, the first data rows, each @n_columns long (missing fields are "")
 * @n_fields: fields each row really had, so that ragged rows can be shown
 * @lines: the line each row starts on
 * @guesses: the detected role and kind per column, from @rows
 * @complete: @rows hold every row of the file
 *
 * The start of a file, read as the import will read it.
 */
typedef struct
{
  ScCsvDialect    dialect;
  guint           n_columns;
  char          **header;
  GPtrArray      *rows;
  guint          *n_fields;
  guint64        *lines;
  ScColumnGuess  *guesses;
  double          bytes_per_row;
  gboolean        complete;
} ScImportPreview;

ScImportPreview *sc_import_preview      (const char            *path,
                                         ScTableKind            kind,
                                         const ScImportFormat  *format,
                                         guint                  max_rows,
                                         GError               **error);
void             sc_import_preview_free (ScImportPreview       *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScImportPreview, sc_import_preview_free)

G_END_DECLS
