/* fuzz-csv.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Random bytes as a file: sniffed, then read with the sniffed dialect and with one chosen by
 * the first byte, from memory and from a file.  Besides memory errors (the sanitizers) it
 * checks what callers rely on: fields are NUL-terminated UTF-8 of the stated length, line
 * numbers increase, the raw text is UTF-8, the reader stays finished or failed once it is,
 * and the memory and file readers (which refill their buffers at different places) and the
 * memory and file sniffers agree. */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sc-csv.h"
#include "fuzz.h"

typedef struct
{
  guint     n_fields;
  char    **fields;     /* n_fields, each NUL-terminated */
  gsize    *lengths;
  guint64   line;
  char     *raw;
  gsize     raw_len;
} Record;

static void
record_free (gpointer data)
{
  Record *r = data;

  for (guint i = 0; i < r->n_fields; i++)
    g_free (r->fields[i]);
  g_free (r->fields);
  g_free (r->lengths);
  g_free (r->raw);
  g_free (r);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  fuzz_open_scratch ("fuzz-csv-XXXXXX.csv");
  return 0;
}

static void
check_text (const char *what,
            const char *s,
            gsize       len)
{
  const char *nul = memchr (s, '\0', len);

  FUZZ_CHECK (s[len] == '\0', "%s is not NUL-terminated at its length %" G_GSIZE_FORMAT,
              what, len);
  /* Embedded NULs come only from NUL bytes in the input; the text up to the first must be
   * UTF-8 all the same. */
  FUZZ_CHECK (g_utf8_validate (s, nul != NULL ? nul - s : (gssize) len, NULL),
              "%s is not UTF-8", what);
}

/* Reads every record; returns them with the final error (NULL at a clean end). */
static GPtrArray *
read_all (ScCsvReader  *reader,
          GError      **final_error)
{
  GPtrArray *records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr(GError) error = NULL;
  guint n_fields;
  char **fields;
  gsize *lengths;
  guint64 last_line = 0, last_offset = 0;

  while (sc_csv_reader_next (reader, &n_fields, &fields, &lengths, &error))
    {
      Record *r = g_new0 (Record, 1);
      const char *raw;
      gsize raw_len;
      guint64 offset;

      FUZZ_CHECK (n_fields >= 1, "a record with no fields");
      r->n_fields = n_fields;
      r->fields = g_new (char *, n_fields);
      r->lengths = g_memdup2 (lengths, sizeof (gsize) * n_fields);
      for (guint i = 0; i < n_fields; i++)
        {
          check_text ("a field", fields[i], lengths[i]);
          r->fields[i] = g_memdup2 (fields[i], lengths[i] + 1);
        }

      r->line = sc_csv_reader_get_line (reader);
      FUZZ_CHECK (r->line > last_line, "line %" G_GUINT64_FORMAT " after line %" G_GUINT64_FORMAT,
                  r->line, last_line);
      last_line = r->line;

      offset = sc_csv_reader_get_offset (reader);
      FUZZ_CHECK (offset >= last_offset && offset <= sc_csv_reader_get_size (reader),
                  "offset %" G_GUINT64_FORMAT " (before %" G_GUINT64_FORMAT ", size %"
                  G_GUINT64_FORMAT ")", offset, last_offset, sc_csv_reader_get_size (reader));
      last_offset = offset;

      raw = sc_csv_reader_get_raw (reader, &raw_len);
      check_text ("the raw text", raw, raw_len);
      r->raw = g_memdup2 (raw, raw_len + 1);
      r->raw_len = raw_len;
      /* Asking twice gives the same text: the raw text is rebuilt from the split buffer. */
      raw = sc_csv_reader_get_raw (reader, &raw_len);
      FUZZ_CHECK (raw_len == r->raw_len && memcmp (raw, r->raw, raw_len) == 0,
                  "the raw text changed between two calls");

      g_ptr_array_add (records, r);
    }

  /* Finished stays finished, failed stays failed. */
  {
    g_autoptr(GError) again = NULL;

    FUZZ_CHECK (!sc_csv_reader_next (reader, &n_fields, &fields, &lengths, &again),
                "a record after the end");
    FUZZ_CHECK ((error == NULL) == (again == NULL), "the end is not stable");
    if (error != NULL)
      FUZZ_CHECK (g_str_equal (error->message, again->message), "a different error");
  }
  if (error != NULL)
    check_text ("an error message", error->message, strlen (error->message));

  *final_error = g_steal_pointer (&error);
  return records;
}

static void
check_dialect (const ScCsvDialect *d)
{
  FUZZ_CHECK (sc_csv_delimiter_is_valid (d->delimiter), "sniffed delimiter 0x%02x",
              (guint8) d->delimiter);
  FUZZ_CHECK (d->quote == '\0' || d->quote == '"', "sniffed quote 0x%02x", (guint8) d->quote);
  FUZZ_CHECK (d->decimal_mark == '.' || d->decimal_mark == ',', "sniffed decimal mark 0x%02x",
              (guint8) d->decimal_mark);
  FUZZ_CHECK (d->encoding == SC_ENCODING_UTF8 || d->encoding == SC_ENCODING_WINDOWS_1252,
              "sniffed encoding %d", d->encoding);
  FUZZ_CHECK (d->n_columns >= 1, "sniffed %u columns", d->n_columns);
}

static gboolean
dialects_equal (const ScCsvDialect *a,
                const ScCsvDialect *b)
{
  return a->delimiter == b->delimiter && a->quote == b->quote && a->encoding == b->encoding &&
         a->has_bom == b->has_bom && a->has_header == b->has_header &&
         a->decimal_mark == b->decimal_mark && a->n_columns == b->n_columns;
}

static void
read_both_ways (const char         *data,
                gsize               size,
                const ScCsvDialect *dialect)
{
  g_autoptr(ScCsvReader) mem = sc_csv_reader_new_from_data (data, size, dialect);
  g_autoptr(ScCsvReader) file = NULL;
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GError) error_a = NULL;
  g_autoptr(GError) error_b = NULL;
  g_autoptr(GError) error = NULL;

  FUZZ_CHECK (mem != NULL, "no reader for a valid dialect");
  a = read_all (mem, &error_a);

  file = sc_csv_reader_new (fuzz_scratch_path, dialect, &error);
  FUZZ_CHECK (file != NULL, "cannot open the temporary file: %s", error->message);
  FUZZ_CHECK (sc_csv_reader_get_size (file) == size, "file size");
  b = read_all (file, &error_b);

  FUZZ_CHECK ((error_a == NULL) == (error_b == NULL), "memory: %s, file: %s",
              error_a ? error_a->message : "no error", error_b ? error_b->message : "no error");
  FUZZ_CHECK (a->len == b->len, "%u records from memory, %u from the file", a->len, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const Record *x = g_ptr_array_index (a, i);
      const Record *y = g_ptr_array_index (b, i);

      FUZZ_CHECK (x->n_fields == y->n_fields && x->line == y->line,
                  "record %u: %u fields on line %" G_GUINT64_FORMAT " from memory, %u on line %"
                  G_GUINT64_FORMAT " from the file", i, x->n_fields, x->line, y->n_fields,
                  y->line);
      for (guint f = 0; f < x->n_fields; f++)
        FUZZ_CHECK (x->lengths[f] == y->lengths[f] &&
                    memcmp (x->fields[f], y->fields[f], x->lengths[f]) == 0,
                    "record %u field %u differs between memory and file", i, f);
      FUZZ_CHECK (x->raw_len == y->raw_len && memcmp (x->raw, y->raw, x->raw_len) == 0,
                  "record %u: raw text differs between memory and file", i);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *bytes,
                        size_t         size)
{
  const char *data = (const char *) bytes;
  static const char delimiters[] = { ',', ';', '\t', '|', ' ' };
  static const char quotes[] = { '"', '\0', '\'' };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) file_error = NULL;
  ScCsvDialect sniffed, from_file, chosen;
  gboolean ok, file_ok;

  fuzz_write_file (fuzz_scratch_path, data, size);

  ok = sc_csv_sniff_data (data, size, &sniffed, &error);
  file_ok = sc_csv_sniff (fuzz_scratch_path, &from_file, &file_error);
  FUZZ_CHECK (ok == file_ok, "sniffing memory: %s, the file: %s",
              error ? error->message : "ok", file_error ? file_error->message : "ok");
  if (ok)
    {
      check_dialect (&sniffed);
      FUZZ_CHECK (dialects_equal (&sniffed, &from_file), "memory and file sniff differently");
      read_both_ways (data, size, &sniffed);
    }
  else
    {
      FUZZ_CHECK (error != NULL && error->domain == SC_ERROR,
                  "a failed sniff without an SC_ERROR");
      check_text ("a sniff error", error->message, strlen (error->message));
    }

  /* Whatever the sniffer says, the reader must cope with any dialect on any bytes. */
  sc_csv_dialect_init_default (&chosen);
  if (size > 0)
    {
      guint8 b = bytes[0];

      chosen.delimiter = delimiters[b % G_N_ELEMENTS (delimiters)];
      chosen.quote = quotes[(b / 5) % G_N_ELEMENTS (quotes)];
      chosen.encoding = (b / 15) % 2 ? SC_ENCODING_WINDOWS_1252 : SC_ENCODING_UTF8;
    }
  read_both_ways (data, size, &chosen);
  return 0;
}
