/* sc-csv-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-csv.h"

G_BEGIN_DECLS

/* The reader's state, shared by the reader (sc-csv.c) and the scanner (sc-csv-scan.c). */

#define MAX_FIELDS 65536

typedef enum
{
  SCAN_OK,
  SCAN_MORE,
  SCAN_ERROR,
} ScanResult;

typedef struct
{
  guint  index;
  char  *start;   /* the opening quote */
  char  *end;     /* the byte after the field's last byte */
} FixSpan;

struct _ScCsvReader
{
  ScCsvDialect  dialect;
  char         *name;        /* for messages; NULL for in-memory data */

  int           fd;          /* -1 for in-memory data */
  const char   *data;
  gsize         data_len;
  gsize         data_pos;
  guint64       size;
  gboolean      eof;
  gboolean      started;

  char         *buf;         /* cap + 1 bytes: a NUL may go after the last byte at EOF */
  gsize         cap;
  gsize         pos;         /* start of the unconsumed data */
  gsize         end;         /* end of the valid data */
  guint64       buf_offset;  /* offset in the input of buf[0] */
  guint64       file_pos;    /* offset in the input of buf[end] */
  guint64       limit;       /* no record starts at or after this offset (G_MAXUINT64: none) */

  guint8        cls[256];    /* outside quotes: delimiter, CR, LF and bytes >= 0x80 */
  guint8        cls_q[256];  /* inside quotes: quote, CR, LF and bytes >= 0x80 */

  /* the current record */
  char        **fields;
  gsize        *lengths;
  char        **term_pos;    /* the byte overwritten by each field's NUL, or NULL */
  char         *term;        /* and what it was */
  guint         n_fields;
  guint         fields_cap;
  GArray       *fixes;       /* FixSpan */
  guint8       *invalid;     /* per field: not valid text in the dialect's encoding */
  guint         n_invalid;
  gboolean      skip_sep_line;
  char         *rec_start;
  char         *rec_end;     /* the line end, or the end of the input */
  gboolean      high;        /* the record has bytes >= 0x80 */
  gboolean      words_split; /* split by scan_words(): each field but the last ends with a
                              * delimiter, the last at the line end */
  gboolean      plain_scan;  /* tests: split every record by the general scanner only */
  guint64       line;
  guint64       next_line;

  char         *conv;
  gsize         conv_cap;

  GString      *raw;
  gboolean      raw_valid;
  gboolean      raw_split;   /* sc_csv_reader_raw_is_split() */

  GError       *error;       /* once failed, the reader keeps failing */
};

void       _sc_csv_reader_set_error (ScCsvReader  *r,
                                     GError      **error,
                                     gint          code,
                                     guint64       line,
                                     const char   *message);
gboolean   _sc_csv_ensure_fields    (ScCsvReader  *r,
                                     guint         n,
                                     GError      **error);

/* Split the record at r->pos into r->fields; SCAN_MORE when it runs past the buffered data
 * (the bytes overwritten so far are put back). */
ScanResult _sc_csv_scan_delimited   (ScCsvReader  *r,
                                     gboolean      at_eof,
                                     char        **next,
                                     guint        *n_breaks,
                                     GError      **error);
ScanResult _sc_csv_scan_whitespace  (ScCsvReader  *r,
                                     gboolean      at_eof,
                                     char        **next,
                                     guint        *n_breaks,
                                     GError      **error);

/* Converts @len bytes to UTF-8 at @out (room for 3 * @len + 1 bytes); returns the length. */
gsize      _sc_csv_convert_text     (const char   *in,
                                     gsize         len,
                                     ScEncoding    encoding,
                                     char         *out);
gboolean   _sc_csv_has_high_bytes   (const char   *s,
                                     gsize         len);
/* Whether @len bytes read as Windows-1252 hold only assigned characters. */
gboolean   _sc_csv_cp1252_is_valid  (const char   *s,
                                     gsize         len);
/* Counts the lines of @data that hold bytes >= 0x80: those that are valid UTF-8, and
 * those that are not (a line cut off at the end of @data counts as it stands). */
void       _sc_csv_count_encoding   (const char   *data,
                                     gsize         len,
                                     guint64      *n_utf8,
                                     guint64      *n_other);
/* The encoding those counts decide: Windows-1252 only when more lines need it. */
ScEncoding _sc_csv_encoding_from_counts (guint64   n_utf8,
                                         guint64   n_other);
/* The length of a first line "sep=X" (Excel's delimiter line) with its line end, and X;
 * 0 when @data does not start with one. */
gsize      _sc_csv_sep_line         (const char   *data,
                                     gsize         len,
                                     char         *delimiter);

G_END_DECLS
