/* sc-csv-writer.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ScCsvWriteFlags:
 * @SC_CSV_WRITE_DEFAULT: UTF-8 without a byte order mark, rows ending in LF
 * @SC_CSV_WRITE_BOM: start with the UTF-8 byte order mark, which Excel needs to read
 *   UTF-8 (without it, "Café" shows as "CafÃ©")
 * @SC_CSV_WRITE_CRLF: end rows in CR LF, as RFC 4180 and Windows tools expect
 */
typedef enum
{
  SC_CSV_WRITE_DEFAULT = 0,
  SC_CSV_WRITE_BOM = 1 << 0,
  SC_CSV_WRITE_CRLF = 1 << 1,
} ScCsvWriteFlags;

/**
 * ScCsvWriter:
 *
 * Rows of cells appended to a string that the caller owns (and may empty between rows, as
 * the export files do when they write it out). Stack-allocated; nothing to free.
 */
typedef struct
{
  GString    *buf;
  const char *eol;
  gboolean    in_row;
} ScCsvWriter;

void  sc_csv_writer_init     (ScCsvWriter      *w,
                              GString          *buf,
                              ScCsvWriteFlags   flags);
void  sc_csv_writer_field    (ScCsvWriter      *w,
                              const char       *text);
void  sc_csv_writer_field_len (ScCsvWriter     *w,
                              const char       *text,
                              gsize             len);
void  sc_csv_writer_number   (ScCsvWriter      *w,
                              double            value,
                              int               decimals);
void  sc_csv_writer_phone    (ScCsvWriter      *w,
                              const char       *text);
void  sc_csv_writer_uint     (ScCsvWriter      *w,
                              guint64           value);
void  sc_csv_writer_cells    (ScCsvWriter      *w,
                              const char       *cells);
void  sc_csv_writer_end_row  (ScCsvWriter      *w);
void  sc_csv_writer_row      (ScCsvWriter      *w,
                              const char * const *texts);

/* The cells themselves, for text built outside a row (as the writer's own cells are). */
void  sc_csv_append_field    (GString          *out,
                              const char       *value);
void  sc_csv_append_field_len (GString         *out,
                              const char       *value,
                              gsize             len);
void  sc_csv_append_number   (GString          *out,
                              double            value,
                              int               decimals);

G_END_DECLS
