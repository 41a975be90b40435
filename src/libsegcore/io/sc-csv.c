/* sc-csv.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A streaming reader for delimited text.
 *
 * The file is read into one buffer (1 MiB, grown only for a record that does not fit, up to
 * SC_CSV_MAX_RECORD_SIZE) and records are split in place: the byte after each field (its
 * delimiter, line end or closing quote) is overwritten with NUL and the field is handed out
 * as a pointer into the buffer, so the common path neither copies nor allocates.  Scanning
 * an unquoted field is a table lookup per byte that stops only at the delimiter, a line
 * end, or a byte >= 0x80 (which marks the record for the UTF-8 check or the Windows-1252
 * conversion).
 *
 * A record that runs past the end of the buffered data is not resumed: the bytes overwritten
 * so far are put back, the partial record is moved to the front of the buffer, more is read,
 * and the record is scanned again from its start.  That happens once per buffer refill, so it
 * costs nothing measurable and keeps the scanner free of saved state.
 *
 * Quoted fields whose text must change (doubled quotes, text after the closing quote) are
 * compacted only once the whole record has been seen, because a rescan must find the bytes
 * as they were.  The overwritten bytes are remembered, so the raw text of a record can be
 * rebuilt on demand for error reports.
 */

#include "config.h"

#include "sc-csv-private.h"
#include "sc-intern-private.h"
#include "sc-value.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#ifndef READ_BUFFER_SIZE
#define READ_BUFFER_SIZE   (1024 * 1024)   /* smaller only in fuzzing builds */
#endif
#define MAX_BUFFER_SIZE    (SC_CSV_MAX_RECORD_SIZE + 2)

static gboolean
refill (ScCsvReader  *r,
        GError      **error)
{
  gsize keep = r->end - r->pos;

  if (r->pos > 0)
    {
      memmove (r->buf, r->buf + r->pos, keep);
      r->buf_offset += r->pos;
      r->pos = 0;
      r->end = keep;
    }
  if (r->end == r->cap && r->cap < MAX_BUFFER_SIZE)
    {
      r->cap = MIN (r->cap * 2, MAX_BUFFER_SIZE);
      r->buf = g_realloc (r->buf, r->cap + 1);
    }

  while (r->end < r->cap && !r->eof)
    {
      if (r->fd >= 0)
        {
          gsize want = r->cap - r->end;
          gssize n;

          /* A range reads up to its limit first, and past it only for the record that
           * crosses it. */
          if (r->file_pos < r->limit)
            want = MIN (want, r->limit - r->file_pos);
          n = read (r->fd, r->buf + r->end, want);

          if (n < 0)
            {
              int saved = errno;

              if (saved == EINTR)
                continue;
              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                           _("Could not read “%s”: %s"),
                           r->name ? r->name : "", g_strerror (saved));
              return FALSE;
            }
          if (n == 0)
            r->eof = TRUE;
          r->end += n;
          r->file_pos += n;
          if (r->file_pos == r->limit && r->end > r->pos)
            break;
        }
      else
        {
          gsize n = MIN (r->cap - r->end, r->data_len - r->data_pos);

          if (n > 0)
            memcpy (r->buf + r->end, r->data + r->data_pos, n);
          r->data_pos += n;
          r->end += n;
          if (r->data_pos == r->data_len)
            r->eof = TRUE;
        }
    }

  if (!r->started && (r->end >= 3 || r->eof))
    {
      r->started = TRUE;
      if (r->end >= 3 && memcmp (r->buf, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
    }
  return TRUE;
}

/* The importer asks for the raw text of every row (it hashes it to find duplicates), so the
 * plain case is one copy and a few byte stores into a reused string. */
static void
build_raw (ScCsvReader *r)
{
  gsize len = r->rec_end - r->rec_start;
  char *bytes;
  guint odd = r->fixes->len;

  g_string_set_size (r->raw, len);
  bytes = r->raw->str;
  memcpy (bytes, r->rec_start, len);
  for (guint i = 0; i < r->n_fields; i++)
    {
      char *t = r->term_pos[i];

      if (t != NULL && t >= r->rec_start && t < r->rec_end)
        {
          bytes[t - r->rec_start] = r->term[i];
          odd |= (guchar) (r->term[i] ^ r->dialect.delimiter);
        }
    }
  r->raw_split = odd == 0 && !r->high;

  /* Like the fields: valid UTF-8 is kept unless a person chose Windows-1252. */
  if (G_UNLIKELY (r->high) && _sc_csv_has_high_bytes (bytes, len) &&
      ((r->dialect.encoding != SC_ENCODING_UTF8 && !r->dialect.keep_utf8) ||
       !g_utf8_validate (bytes, len, NULL)))
    {
      g_autofree char *copy = g_memdup2 (bytes, len);

      g_string_set_size (r->raw, 3 * len + 1);
      g_string_set_size (r->raw, _sc_csv_convert_text (copy, len, r->dialect.encoding,
                                                       r->raw->str));
    }
  r->raw_valid = TRUE;
}

/* Unescapes the quoted fields that need it, now that the record will not be rescanned. */
static void
compact_fixes (ScCsvReader *r)
{
  const char quote = r->dialect.quote;

  for (guint i = 0; i < r->fixes->len; i++)
    {
      const FixSpan *span = &g_array_index (r->fixes, FixSpan, i);
      const char *in = span->start + 1;
      char *out = span->start;

      for (;;)
        {
          if (*in == quote)
            {
              if (in + 1 < span->end && in[1] == quote)
                {
                  *out++ = quote;
                  in += 2;
                  continue;
                }
              in++;
              break;
            }
          *out++ = *in++;
        }
      while (in < span->end)
        *out++ = *in++;
      *out = '\0';

      r->fields[span->index] = span->start;
      r->lengths[span->index] = out - span->start;
    }
}

/* Converts the fields with bytes >= 0x80 to UTF-8 and marks those that are not valid text
 * in the dialect's encoding: not UTF-8 in a UTF-8 file (shown with the stray bytes read as
 * Windows-1252), or holding an unassigned byte in a Windows-1252 file.  With @keep_utf8 a
 * field that is valid UTF-8 is never read again as Windows-1252, so a name reads the same
 * whatever the rest of its file holds. */
static void
convert_fields (ScCsvReader *r)
{
  const ScEncoding encoding = r->dialect.encoding;
  gsize need = 0, used = 0;

  for (guint i = 0; i < r->n_fields; i++)
    need += 3 * r->lengths[i] + 1;
  if (need > r->conv_cap)
    {
      g_free (r->conv);
      r->conv_cap = MAX (need, 4096);
      r->conv = g_malloc (r->conv_cap);
    }

  r->n_invalid = 0;
  for (guint i = 0; i < r->n_fields; i++)
    {
      const char *f = r->fields[i];
      gsize len = r->lengths[i];
      gboolean invalid;

      r->invalid[i] = FALSE;
      if (!_sc_csv_has_high_bytes (f, len))
        continue;
      if ((encoding == SC_ENCODING_UTF8 || r->dialect.keep_utf8) &&
          g_utf8_validate (f, len, NULL))
        continue;
      invalid = encoding == SC_ENCODING_UTF8 || !_sc_csv_cp1252_is_valid (f, len);
      r->invalid[i] = invalid;
      r->n_invalid += invalid;
      r->lengths[i] = _sc_csv_convert_text (f, len, encoding, r->conv + used);
      r->fields[i] = r->conv + used;
      used += r->lengths[i] + 1;
    }
}

static gboolean
is_blank_record (ScCsvReader *r)
{
  if (r->n_fields == 0)
    return TRUE;
  if (r->n_fields != 1 || r->fields[0] != r->rec_start)
    return FALSE;
  for (gsize i = 0; i < r->lengths[0]; i++)
    if (r->fields[0][i] != ' ' && r->fields[0][i] != '\t')
      return FALSE;
  return TRUE;
}

static ScCsvReader *
reader_new (const ScCsvDialect *dialect)
{
  ScCsvReader *r = g_new0 (ScCsvReader, 1);

  r->dialect = *dialect;
  r->fd = -1;
  r->fixes = g_array_new (FALSE, FALSE, sizeof (FixSpan));
  r->raw = g_string_new (NULL);
  r->line = 0;
  r->next_line = 1;
  r->limit = G_MAXUINT64;
  r->skip_sep_line = dialect->has_sep_line;

  if (dialect->delimiter != ' ' && dialect->delimiter != SC_CSV_WHITESPACE)
    r->cls[(guint8) dialect->delimiter] = 1;
  r->cls['\r'] = 1;
  r->cls['\n'] = 1;
  if (dialect->quote != '\0')
    r->cls_q[(guint8) dialect->quote] = 1;
  r->cls_q['\r'] = 1;
  r->cls_q['\n'] = 1;
  for (guint c = 0x80; c < 256; c++)
    {
      r->cls[c] = 1;
      r->cls_q[c] = 1;
    }

  _sc_csv_ensure_fields (r, 0, NULL);
  return r;
}

/**
 * sc_csv_delimiter_is_valid:
 * @delimiter: a delimiter
 *
 * Returns: whether the reader takes @delimiter: `,` `;` tab `|`, space (aligned columns) or
 *   %SC_CSV_WHITESPACE
 */
gboolean
sc_csv_delimiter_is_valid (char delimiter)
{
  return delimiter != '\0' &&
         (strchr (",;\t| ", delimiter) != NULL || delimiter == SC_CSV_WHITESPACE);
}

static gboolean
dialect_is_valid (const ScCsvDialect *dialect)
{
  return dialect != NULL && sc_csv_delimiter_is_valid (dialect->delimiter) &&
         (dialect->quote == '\0' || dialect->quote == '"' || dialect->quote == '\'') &&
         dialect->quote != dialect->delimiter;
}

/**
 * sc_csv_dialect_init_default:
 * @dialect: (out caller-allocates): the dialect to fill
 *
 * Sets @dialect to plain RFC 4180 CSV: comma, double quotes, UTF-8, a header row,
 * '.' as the decimal mark.
 */
void
sc_csv_dialect_init_default (ScCsvDialect *dialect)
{
  g_return_if_fail (dialect != NULL);

  memset (dialect, 0, sizeof *dialect);
  dialect->delimiter = ',';
  dialect->quote = '"';
  dialect->encoding = SC_ENCODING_UTF8;
  dialect->has_header = TRUE;
  dialect->decimal_mark = '.';
}

/**
 * sc_csv_reader_new:
 * @path: a file name in the GLib file name encoding
 * @dialect: how the file is written, usually from sc_csv_sniff()
 * @error: return location for an error
 *
 * Opens @path for streaming.  Memory use is one read buffer (1 MiB) plus the longest record,
 * whatever the size of the file.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL when the file cannot be opened
 */
ScCsvReader *
sc_csv_reader_new (const char          *path,
                   const ScCsvDialect  *dialect,
                   GError             **error)
{
  g_autoptr(ScCsvReader) r = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (dialect_is_valid (dialect), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  r = reader_new (dialect);
  r->name = g_filename_display_basename (path);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not open “%s”: %s"), r->name, g_strerror (saved));
      return NULL;
    }
  r->fd = fd;

  if (fstat (fd, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("“%s” is a folder, not a file."), r->name);
          return NULL;
        }
      if (S_ISREG (st.st_mode))
        r->size = st.st_size;
    }
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif

  r->cap = READ_BUFFER_SIZE;
  r->buf = g_malloc (r->cap + 1);
  return g_steal_pointer (&r);
}

/**
 * sc_csv_reader_new_range:
 * @path: a file name in the GLib file name encoding
 * @dialect: how the file is written
 * @start: the offset of the first record to read; a record starts there (the caller
 *   vouches for it, see sc-row-chunks.c); the file's start when 0, with its BOM and
 *   "sep=" line
 * @limit: no record starting at or after this offset is read; the one that starts before
 *   it and crosses it is read whole.  G_MAXUINT64 reads to the end.
 * @first_line: the physical line number at @start
 * @error: return location for an error
 *
 * Opens part of @path.  Reading it yields exactly the records that a reader of the whole
 * file yields from @start on, up to @limit, numbered the same when @first_line is right;
 * sc_csv_reader_get_offset() then tells where the next record starts.
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL when the file cannot be opened
 */
ScCsvReader *
sc_csv_reader_new_range (const char          *path,
                         const ScCsvDialect  *dialect,
                         guint64              start,
                         guint64              limit,
                         guint64              first_line,
                         GError             **error)
{
  g_autoptr(ScCsvReader) r = sc_csv_reader_new (path, dialect, error);

  if (r == NULL)
    return NULL;
  r->limit = limit;
  r->next_line = first_line;
  if (start > 0)
    {
      if (lseek (r->fd, (off_t) start, SEEK_SET) < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not read “%s”: %s"), r->name, g_strerror (saved));
          return NULL;
        }
      r->buf_offset = start;
      r->file_pos = start;
      r->started = TRUE;
      r->skip_sep_line = FALSE;
    }
  return g_steal_pointer (&r);
}

/**
 * sc_csv_reader_new_from_data:
 * @data: the text
 * @len: its length in bytes
 * @dialect: how the text is written
 *
 * Reads records from memory.  @data is not copied as a whole and must stay alive and
 * unchanged as long as the reader.
 *
 * Returns: (transfer full): a reader
 */
ScCsvReader *
sc_csv_reader_new_from_data (const char         *data,
                             gsize               len,
                             const ScCsvDialect *dialect)
{
  ScCsvReader *r;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (dialect_is_valid (dialect), NULL);

  r = reader_new (dialect);
  r->data = data;
  r->data_len = len;
  r->size = len;
  r->cap = MIN (MAX (len + 16, 64), READ_BUFFER_SIZE);
  r->buf = g_malloc (r->cap + 1);
  return r;
}

/**
 * sc_csv_reader_free:
 * @reader: (transfer full) (nullable): a reader
 *
 * Closes the file and frees the reader.
 */
void
sc_csv_reader_free (ScCsvReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->fd >= 0)
    close (reader->fd);
  g_free (reader->name);
  g_free (reader->buf);
  g_free (reader->fields);
  g_free (reader->lengths);
  g_free (reader->term_pos);
  g_free (reader->term);
  g_free (reader->invalid);
  g_array_unref (reader->fixes);
  g_free (reader->conv);
  g_string_free (reader->raw, TRUE);
  g_clear_error (&reader->error);
  g_free (reader);
}

/**
 * sc_csv_reader_next:
 * @reader: a reader
 * @n_fields: (out): the number of fields in the record
 * @fields: (out) (transfer none) (array length=n_fields): the fields, NUL-terminated UTF-8
 * @lengths: (out) (transfer none) (array length=n_fields): their lengths in bytes
 * @error: return location for an error
 *
 * Reads the next record.  Quotes are removed and doubled quotes undone; Windows-1252 text
 * (and, in a UTF-8 file, any byte that is not valid UTF-8) is converted to UTF-8; fields
 * that are not valid text in the dialect's encoding are marked (see
 * sc_csv_reader_get_invalid()).  Blank lines, and Excel's "sep=" line when the dialect has
 * one, are skipped.  With a header, the header is the first record.  The arrays and the
 * strings stay valid until the next call.
 *
 * After an error (an unterminated quote, a record over %SC_CSV_MAX_RECORD_SIZE bytes, a
 * read error) every further call fails the same way.
 *
 * Returns: %TRUE with a record; %FALSE at the end of the input (@error unset) or on error
 */
gboolean
sc_csv_reader_next (ScCsvReader   *reader,
                    guint         *n_fields,
                    char        ***fields,
                    gsize        **lengths,
                    GError       **error)
{
  ScCsvReader *r = reader;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (n_fields != NULL && fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  r->rec_start = NULL;
  r->raw_valid = FALSE;
  r->n_invalid = 0;
  *n_fields = 0;

  if (r->error != NULL)
    {
      g_propagate_error (error, g_error_copy (r->error));
      return FALSE;
    }

  for (;;)
    {
      GError *local_error = NULL;
      ScanResult res;
      char *next = NULL;
      guint breaks = 0;

      if (G_UNLIKELY (r->buf_offset + r->pos >= r->limit))
        return FALSE;
      if (r->pos == r->end || !r->started)
        {
          if (r->eof && r->started)
            return FALSE;
          if (!refill (r, &local_error))
            {
              r->error = local_error;
              g_propagate_error (error, g_error_copy (local_error));
              return FALSE;
            }
          if (r->pos == r->end && r->eof)
            return FALSE;
        }

      r->rec_start = r->buf + r->pos;
      r->words_split = FALSE;
      if (r->fixes->len > 0)
        g_array_set_size (r->fixes, 0);
      if (r->dialect.delimiter == ' ' || r->dialect.delimiter == SC_CSV_WHITESPACE)
        res = _sc_csv_scan_whitespace (r, r->eof, &next, &breaks, &local_error);
      else
        res = _sc_csv_scan_delimited (r, r->eof, &next, &breaks, &local_error);

      if (G_LIKELY (res == SCAN_OK))
        {
          if (G_UNLIKELY ((gsize) (r->rec_end - r->rec_start) > SC_CSV_MAX_RECORD_SIZE))
            {
              _sc_csv_reader_set_error (r, &local_error, SC_ERROR_NOT_A_TABLE, r->next_line,
                                        _("a record is longer than 16 MiB; this does not look like a table."));
              res = SCAN_ERROR;
            }
        }
      else if (res == SCAN_MORE)
        {
          if (r->end - r->pos > SC_CSV_MAX_RECORD_SIZE)
            {
              _sc_csv_reader_set_error (r, &local_error, SC_ERROR_NOT_A_TABLE, r->next_line,
                                        _("a record is longer than 16 MiB; this does not look like a table."));
              res = SCAN_ERROR;
            }
          else if (!refill (r, &local_error))
            res = SCAN_ERROR;
          else
            continue;
        }

      if (res == SCAN_ERROR)
        {
          r->rec_start = NULL;
          r->error = local_error;
          g_propagate_error (error, g_error_copy (local_error));
          return FALSE;
        }

      r->line = r->next_line;
      r->next_line += 1 + breaks;
      r->pos = next - r->buf;

      if (is_blank_record (r))
        continue;
      if (G_UNLIKELY (r->skip_sep_line))
        {
          r->skip_sep_line = FALSE;
          continue;
        }

      if (G_UNLIKELY (r->fixes->len > 0))
        {
          build_raw (r);
          compact_fixes (r);
        }
      if (G_UNLIKELY (r->high))
        convert_fields (r);

      *n_fields = r->n_fields;
      *fields = r->fields;
      if (lengths != NULL)
        *lengths = r->lengths;
      return TRUE;
    }
}

/**
 * sc_csv_reader_get_line:
 * @reader: a reader
 *
 * Returns: the 1-based physical line on which the current record starts
 */
guint64
sc_csv_reader_get_line (ScCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->line;
}

/**
 * sc_csv_reader_get_invalid:
 * @reader: a reader
 * @from: the first field to look at
 *
 * Which field of the current record, if any, is not valid text in the dialect's encoding:
 * a UTF-8 file's field that is not UTF-8, or a Windows-1252 field with one of the five
 * bytes that encoding leaves unassigned.  Such a field is still handed out, converted as
 * well as it can be, so that people can see it.
 *
 * Returns: the index of the first such field at or after @from, or -1
 */
int
sc_csv_reader_get_invalid (ScCsvReader *reader,
                           guint        from)
{
  g_return_val_if_fail (reader != NULL, -1);

  if (reader->n_invalid == 0 || reader->rec_start == NULL)
    return -1;
  for (guint i = from; i < reader->n_fields; i++)
    if (reader->invalid[i])
      return (int) i;
  return -1;
}

/**
 * sc_csv_reader_get_raw:
 * @reader: a reader
 * @len: (out) (optional): the length in bytes
 *
 * The current record as it stands in the file, without its line end, converted to UTF-8,
 * for showing a rejected row to people.  Valid until the next call to sc_csv_reader_next().
 *
 * Returns: (transfer none): the raw text, "" when there is no current record
 */
const char *
sc_csv_reader_get_raw (ScCsvReader *reader,
                       gsize       *len)
{
  g_return_val_if_fail (reader != NULL, NULL);

  if (reader->rec_start == NULL)
    {
      if (len)
        *len = 0;
      return "";
    }
  if (!reader->raw_valid)
    build_raw (reader);
  if (len)
    *len = reader->raw->len;
  return reader->raw->str;
}

/**
 * sc_csv_reader_get_record:
 * @reader: a reader
 * @len: (out): its length in bytes
 *
 * The bytes of the current record in the reader's buffer, fields split in place: most
 * fields (those not converted from another encoding) lie inside it, each followed by a NUL
 * (the last one's at @len).  Valid until the next call to sc_csv_reader_next().
 *
 * Returns: (transfer none) (nullable): the record's first byte, %NULL when there is none
 */
const char *
sc_csv_reader_get_record (ScCsvReader *reader,
                          gsize       *len)
{
  g_return_val_if_fail (reader != NULL, NULL);

  *len = reader->rec_start != NULL ? (gsize) (reader->rec_end - reader->rec_start) : 0;
  return reader->rec_start;
}

/**
 * sc_csv_reader_raw_is_split:
 * @reader: a reader
 *
 * Whether the raw text of the current record (sc_csv_reader_get_raw()) is its bytes
 * (sc_csv_reader_get_record()) with the NUL after each field that ends inside them put back
 * to the delimiter: no quote undone, no text converted.  Then a copy of the record is all
 * it takes to show the raw text later (the parallel import keeps one copy, not two).
 *
 * Returns: %TRUE when it is
 */
gboolean
sc_csv_reader_raw_is_split (ScCsvReader *reader)
{
  if (reader->rec_start == NULL)
    return FALSE;
  /* build_raw() tells, as it puts the delimiters back */
  if (!reader->raw_valid)
    build_raw (reader);
  return reader->raw_split;
}

/**
 * sc_csv_reader_hash_split:
 * @reader: a reader
 * @hash: (out): the hash
 *
 * When the raw text of the current record is split (sc_csv_reader_raw_is_split()) and its
 * bytes hold no NUL but the ones the fields end with, sets @hash to _sc_hash_bytes() of the
 * raw text, read from the record without building the text (the importer hashes every row
 * to find duplicates).
 *
 * Returns: %TRUE when @hash was set; else ask for the raw text
 */
gboolean
sc_csv_reader_hash_split (ScCsvReader *reader,
                          guint64     *hash)
{
  const char *start = reader->rec_start, *end = reader->rec_end;
  char delim = reader->dialect.delimiter;
  guint odd, n_terms = 0, n_nul;
  guint64 h;

  if (start == NULL || reader->high || reader->fixes->len > 0)
    return FALSE;
  /* as build_raw() decides it; split a word at a time, every field but the last ended at a
   * delimiter */
  odd = 0;
  if (reader->words_split)
    n_terms = reader->n_fields - 1;
  else
    {
      for (guint i = 0; i < reader->n_fields; i++)
        {
          const char *t = reader->term_pos[i];

          if (t != NULL && t >= start && t < end)
            {
              n_terms++;
              odd |= (guchar) (reader->term[i] ^ delim);
            }
        }
    }
  if (odd != 0)
    return FALSE;
  h = _sc_hash_bytes_nul_as (start, end - start, delim, &n_nul);
  /* a NUL of the file's own would be hashed as a delimiter */
  if (n_nul != n_terms)
    return FALSE;
  *hash = h;
  return TRUE;
}

/**
 * sc_csv_reader_get_offset:
 * @reader: a reader
 *
 * Returns: the number of bytes of the input consumed so far, for progress
 */
guint64
sc_csv_reader_get_offset (ScCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->buf_offset + reader->pos;
}

/**
 * sc_csv_reader_get_next_line:
 * @reader: a reader
 *
 * Returns: the physical line on which the next record would start: after the last record,
 *   one more than the lines read
 */
guint64
sc_csv_reader_get_next_line (ScCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->next_line;
}

/**
 * sc_csv_reader_get_size:
 * @reader: a reader
 *
 * Returns: the size of the input in bytes, 0 if unknown (a pipe)
 */
guint64
sc_csv_reader_get_size (ScCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->size;
}
