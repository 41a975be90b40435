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
  gsize           customer_len;
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
/* _sc_hash_bytes() of the current row's raw text, | 1 (computed ahead when read in
 * parallel). */
guint64      _sc_row_reader_get_raw_hash (ScRowReader       *reader);

/* A plain reader of the records from @start (where one starts) up to @limit, the line at
 * @start numbered @first_line; the values parse() reads a currency marker from are noted
 * instead of tallied (_sc_row_reader_take_tally()).  For the chunks read in parallel. */
ScRowReader *_sc_row_reader_new_part (const char            *path,
                                      const ScImportLayout  *layout,
                                      ScTableKind            kind,
                                      ScDateOrder            date_order,
                                      guint64                start,
                                      guint64                limit,
                                      GError               **error);
/* The current record's bytes, fields split in place (sc_csv_reader_get_record()). */
const char  *_sc_row_reader_get_record (ScRowReader         *reader,
                                        gsize               *len);
/* sc_csv_reader_raw_is_split() of the current record. */
gboolean     _sc_row_reader_raw_is_split (ScRowReader       *reader);
/* sc_csv_reader_hash_split() of the current record. */
gboolean     _sc_row_reader_hash_split (ScRowReader         *reader,
                                        guint64             *hash);
/* Where the record after the last one read starts, and the physical lines read so far. */
guint64      _sc_row_reader_part_end (ScRowReader           *reader,
                                      guint64               *n_lines);
/* The columns whose values the last parse() tallied a currency marker from (-1: none). */
void         _sc_row_reader_take_tally (ScRowReader         *reader,
                                        int                  tally[2]);

/* Parallel reading (sc-row-chunks.c): the file is cut into byte ranges ("chunks") that
 * worker threads read and parse ahead; the row reader hands their rows out in file order as
 * if it had read them itself, and proves each cut as it goes (see the rationale there). */

/* One row of a chunk as the reader would have handed it out, and what parse() said of it. */
typedef struct
{
  guint32 line;          /* physical line, counted from 1 at the chunk's start */
  guint32 n_fields;
  guint32 first_field;   /* into the chunk's field_off and field_len */
  guint32 raw_off;       /* into the chunk's text: the raw text, or the record it is made
                          * from (raw_is_record) */
  guint32 raw_len;
  guint32 cust_off;      /* parsed == 1: the stripped customer id in the chunk's text */
  guint32 cust_len;
  gint32  problem;       /* index into the chunk's problems for the row's reason, or -1 */
  gint32  parse_problem; /* the same for the reason parse() gave */
  gint32  tally[2];
  guint64 raw_hash;      /* _sc_hash_bytes() of the raw text, | 1 */
  gint8   parsed;        /* -1: not parsed (the row had a reason), 0: refused, 1: read */
  gint8   raw_is_record; /* the raw text is the record with each NUL put back to the
                          * delimiter: not stored twice */
  ScDay   day;
  double  amount;
  double  cost;
} ScChunkRow;

typedef struct
{
  ScRejectReason  why;
  const char     *column;
  char           *reason;
} ScChunkProblem;

/* What a chunk holds; reused from chunk to chunk, so that reading ahead does not fault
 * fresh pages in all the time. */
typedef struct
{
  ScChunkRow *rows;
  guint       n_rows;
  guint       cap_rows;
  guint32    *field_off;   /* per field, into @text */
  guint32    *field_len;   /* in the same block as field_off, after it */
  guint       n_fields;
  guint       cap_fields;
  char       *text;
  gsize       text_len;
  gsize       text_cap;
  GArray     *problems;    /* ScChunkProblem */
} ScChunkData;

typedef struct
{
  guint64      start;      /* the range: a record is believed to start at @start */
  guint64      limit;
  guint64      end;        /* where the record after the chunk's last starts */
  guint64      n_lines;    /* physical lines read */
  ScChunkData *data;
  GError      *error;      /* the read failed (or was started inside a quoted field) */
} ScRowChunk;

typedef struct _ScRowChunks ScRowChunks;

/* The raw text of row @cr of @d into @out (a file's delimiter @delim). */
void         _sc_row_chunk_raw   (const ScChunkData     *d,
                                  const ScChunkRow      *cr,
                                  GString               *out,
                                  char                   delim);

/* NULL when the file is better read in one piece: one thread, fill-down, a small file, or
 * no line end to cut at. */
ScRowChunks *_sc_row_chunks_new  (const char            *path,
                                  const ScImportLayout  *layout,
                                  ScTableKind            kind,
                                  ScDateOrder            date_order,
                                  GCancellable          *cancellable,
                                  guint64                size);
guint        _sc_row_chunks_get_n (ScRowChunks          *chunks);
/* Waits for chunk @k (read by then, or failed); it stays the caller's to read until
 * released, which lets the workers read further ahead. */
ScRowChunk  *_sc_row_chunks_wait (ScRowChunks           *chunks,
                                  guint                  k);
/* @used: its rows were handed out (else it was read again, from a proven start) */
void         _sc_row_chunks_release (ScRowChunks        *chunks,
                                     guint               k,
                                     gboolean            used);
void         _sc_row_chunks_get_counts (guint64         *used,
                                        guint64         *reread);
/* For tests: threads and chunk size (bytes) instead of SEGMENTS_IMPORT_THREADS and
 * SEGMENTS_IMPORT_CHUNK_SIZE; 0 goes back to those. */
void         _sc_row_chunks_override   (guint            threads,
                                        guint64          chunk_size);
void         _sc_row_chunks_free (ScRowChunks           *chunks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRowReader, _sc_row_reader_free)

G_END_DECLS
