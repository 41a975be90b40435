/* sc-csv.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-types.h"

#include "sc-csv-writer.h"

G_BEGIN_DECLS

/* A record (one row, possibly over several physical lines) longer than this is an error. */
#define SC_CSV_MAX_RECORD_SIZE (16 * 1024 * 1024)
/* sc_csv_sniff() looks at no more than this much of a file. */
#define SC_CSV_SNIFF_SIZE (256 * 1024)

typedef enum
{
  SC_ENCODING_UTF8,
  SC_ENCODING_WINDOWS_1252,
} ScEncoding;

/* The delimiter of whitespace-separated files: any run of spaces and tabs separates fields,
 * as R's read.table() and pandas' sep=r'\s+' read them.  A vertical tab never separates
 * the fields of a real file, so it can stand for this mode. */
#define SC_CSV_WHITESPACE '\v'

/**
 * ScCsvDialect:
 * @delimiter: ',', ';', '\t', '|', ' ' for whitespace-aligned columns (runs of two or
 *   more spaces, or any tab, separate fields; single spaces stay inside a field), or
 *   %SC_CSV_WHITESPACE (any run of spaces and tabs separates fields)
 * @quote: '"' normally, 0 for no quoting
 * @encoding: the text encoding
 * @has_bom: the file starts with a UTF-8 byte order mark (the reader skips it)
 * @has_header: the first record names the columns
 * @decimal_mark: '.' or ',', guessed from numeric-looking fields
 * @n_columns: fields in the first record (header or data)
 * @keep_utf8: with Windows-1252, fields that are valid UTF-8 stay as they are (the
 *   sniffer's choice: a file appended to by several programs may mix the two, and a name
 *   must read the same in every row); %FALSE converts every field, for a person who chose
 *   the encoding
 * @has_sep_line: the first line is Excel's "sep=;", which sets the delimiter and is
 *   neither header nor data (the reader skips it)
 */
typedef struct
{
  char       delimiter;
  char       quote;
  ScEncoding encoding;
  gboolean   has_bom;
  gboolean   has_header;
  char       decimal_mark;
  guint      n_columns;
  gboolean   keep_utf8;
  gboolean   has_sep_line;
} ScCsvDialect;

void         sc_csv_dialect_init_default (ScCsvDialect *dialect);

gboolean     sc_csv_sniff                (const char    *path,
                                          ScCsvDialect  *dialect,
                                          GError       **error);
gboolean     sc_csv_sniff_data           (const char    *data,
                                          gsize          len,
                                          ScCsvDialect  *dialect,
                                          GError       **error);
gboolean     sc_csv_sniff_encoding       (const char    *path,
                                          GCancellable  *cancellable,
                                          ScEncoding    *encoding,
                                          GError       **error);
gboolean     sc_csv_delimiter_is_valid   (char           delimiter);

typedef struct _ScCsvReader ScCsvReader;

ScCsvReader *sc_csv_reader_new           (const char          *path,
                                          const ScCsvDialect  *dialect,
                                          GError             **error);
ScCsvReader *sc_csv_reader_new_range     (const char          *path,
                                          const ScCsvDialect  *dialect,
                                          guint64              start,
                                          guint64              limit,
                                          guint64              first_line,
                                          GError             **error);
ScCsvReader *sc_csv_reader_new_from_data (const char          *data,
                                          gsize                len,
                                          const ScCsvDialect  *dialect);
void         sc_csv_reader_free          (ScCsvReader         *reader);

gboolean     sc_csv_reader_next          (ScCsvReader         *reader,
                                          guint               *n_fields,
                                          char              ***fields,
                                          gsize              **lengths,
                                          GError             **error);
guint64      sc_csv_reader_get_line      (ScCsvReader         *reader);
int          sc_csv_reader_get_invalid   (ScCsvReader         *reader,
                                          guint                from);
const char  *sc_csv_reader_get_raw       (ScCsvReader         *reader,
                                          gsize               *len);
const char  *sc_csv_reader_get_record    (ScCsvReader         *reader,
                                          gsize               *len);
gboolean     sc_csv_reader_raw_is_split  (ScCsvReader         *reader);
gboolean     sc_csv_reader_hash_split    (ScCsvReader         *reader,
                                          guint64             *hash);
guint64      sc_csv_reader_get_offset    (ScCsvReader         *reader);
guint64      sc_csv_reader_get_next_line (ScCsvReader         *reader);
guint64      sc_csv_reader_get_size      (ScCsvReader         *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCsvReader, sc_csv_reader_free)

G_END_DECLS
