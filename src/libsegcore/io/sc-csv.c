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

#include "sc-csv.h"
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
#define MAX_FIELDS         65536
#define SNIFF_MAX_RECORDS  1000
#define SNIFF_KEEP_RECORDS 200

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
  char         *rec_start;
  char         *rec_end;     /* the line end, or the end of the input */
  gboolean      high;        /* the record has bytes >= 0x80 */
  guint64       line;
  guint64       next_line;

  char         *conv;
  gsize         conv_cap;

  GString      *raw;
  gboolean      raw_valid;

  GError       *error;       /* once failed, the reader keeps failing */
};

/* Windows-1252 0x80..0x9F; the five unassigned bytes map to the C1 controls, as Windows
 * itself does.  0xA0..0xFF are Latin-1 and map to U+00A0..U+00FF. */
static const guint16 cp1252_c1[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static inline char *
put_cp1252 (char   *o,
            guint8  c)
{
  guint32 u = c >= 0xA0 ? c : cp1252_c1[c - 0x80];

  if (u < 0x800)
    {
      *o++ = (char) (0xC0 | (u >> 6));
      *o++ = (char) (0x80 | (u & 0x3F));
    }
  else
    {
      *o++ = (char) (0xE0 | (u >> 12));
      *o++ = (char) (0x80 | ((u >> 6) & 0x3F));
      *o++ = (char) (0x80 | (u & 0x3F));
    }
  return o;
}

/* Converts @len bytes to UTF-8 at @out (which has room for 3 * @len + 1 bytes).  In UTF-8
 * mode, valid sequences are kept and only stray bytes are read as Windows-1252: a file that
 * is ASCII in the part sniff_data() saw may still hold a Latin-1 name further down. */
static gsize
convert_text (const char *in,
              gsize       len,
              ScEncoding  encoding,
              char       *out)
{
  const char *p = in;
  const char *end = in + len;
  char *o = out;

  while (p < end)
    {
      guint8 c = (guint8) *p;

      if (c < 0x80)
        {
          *o++ = (char) c;
          p++;
          continue;
        }
      if (encoding == SC_ENCODING_UTF8)
        {
          const char *valid_end;

          g_utf8_validate (p, end - p, &valid_end);
          if (valid_end > p)
            {
              memcpy (o, p, valid_end - p);
              o += valid_end - p;
              p = valid_end;
              continue;
            }
        }
      o = put_cp1252 (o, c);
      p++;
    }
  *o = '\0';
  return o - out;
}

static gboolean
has_high_bytes (const char *s,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guint8) s[i] >= 0x80)
      return TRUE;
  return FALSE;
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* The first byte in [p, end) that @cls marks, or @end.  @delim and the line ends are what
 * @cls marks besides the bytes >= 0x80; on little-endian machines eight bytes are tested at
 * once (a zero byte in x ^ c marks a c; the lowest marked byte is exact, because the borrow
 * that may mark bytes above a match never reaches below it). */
static inline char *
scan_plain (char         *p,
            char         *end,
            const guint8 *cls,
            char          delim)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined (__GNUC__)
  const guint64 d = ONES * (guint8) delim;
  const guint64 cr = ONES * (guint8) '\r';
  const guint64 lf = ONES * (guint8) '\n';

  while (end - p >= 8)
    {
      guint64 x, a, b, c, m;

      memcpy (&x, p, 8);
      a = x ^ d;
      b = x ^ cr;
      c = x ^ lf;
      m = ((a - ONES) & ~a) | ((b - ONES) & ~b) | ((c - ONES) & ~c) | x;
      m &= HIGHS;
      if (m != 0)
        return p + (__builtin_ctzll (m) >> 3);
      p += 8;
    }
#endif
  while (p < end && !cls[(guint8) *p])
    p++;
  return p;
}

static void
reader_set_error (ScCsvReader  *r,
                  GError      **error,
                  gint          code,
                  guint64       line,
                  const char   *message)
{
  if (r->name != NULL)
    g_set_error (error, SC_ERROR, code,
                 /* Translators: the first %s is a file name, the last the problem */
                 _("“%s”, line %llu: %s"), r->name, (unsigned long long) line, message);
  else
    g_set_error (error, SC_ERROR, code,
                 _("Line %llu: %s"), (unsigned long long) line, message);
}

static gboolean
ensure_fields (ScCsvReader  *r,
               guint         n,
               GError      **error)
{
  guint cap;

  if (n < r->fields_cap)
    return TRUE;
  if (r->fields_cap >= MAX_FIELDS)
    {
      g_autofree char *msg = g_strdup_printf (_("a record has more than %u fields."), MAX_FIELDS);

      reader_set_error (r, error, SC_ERROR_NOT_A_TABLE, r->next_line, msg);
      return FALSE;
    }
  cap = MIN (MAX (r->fields_cap * 2, 16), MAX_FIELDS);
  r->fields = g_renew (char *, r->fields, cap);
  r->lengths = g_renew (gsize, r->lengths, cap);
  r->term_pos = g_renew (char *, r->term_pos, cap);
  r->term = g_renew (char, r->term, cap);
  r->fields_cap = cap;
  return TRUE;
}

/* Puts back the bytes the first @n fields overwrote, before a rescan. */
static void
restore_terms (ScCsvReader *r,
               guint        n)
{
  for (guint i = 0; i < n; i++)
    if (r->term_pos[i] != NULL)
      *r->term_pos[i] = r->term[i];
}

static inline void
terminate_field (ScCsvReader *r,
                 guint        n)
{
  if (r->fields[n] != NULL)
    {
      char *t = r->fields[n] + r->lengths[n];

      r->term_pos[n] = t;
      r->term[n] = *t;
      *t = '\0';
    }
  else
    r->term_pos[n] = NULL;
}

/* Finds the start of the next record after the line end @c at @p.  FALSE when a CR is the
 * last byte buffered and the next byte decides whether it is CR LF. */
static inline gboolean
skip_line_end (char      *p,
               char      *end,
               char       c,
               gboolean   at_eof,
               char     **next)
{
  if (c == '\n')
    *next = p + 1;
  else if (p + 1 < end)
    *next = p + (p[1] == '\n' ? 2 : 1);
  else if (at_eof)
    *next = p + 1;
  else
    return FALSE;
  return TRUE;
}

/* End of an unquoted field in whitespace-aligned mode: a tab, two blanks, a blank before a
 * line end, or a line end.  Sets @more when the buffered data cannot tell. */
static char *
scan_ws_plain (char     *p,
               char     *end,
               gboolean  at_eof,
               gboolean *high,
               gboolean *more)
{
  for (; p < end; p++)
    {
      guint8 c = (guint8) *p;

      if (c == '\n' || c == '\r' || c == '\t')
        return p;
      if (c == ' ')
        {
          guint8 c1;

          if (p + 1 == end)
            {
              if (!at_eof)
                *more = TRUE;
              return p;
            }
          c1 = (guint8) p[1];
          if (c1 == ' ' || c1 == '\t' || c1 == '\r' || c1 == '\n')
            return p;
        }
      else if (c >= 0x80)
        *high = TRUE;
    }
  if (!at_eof)
    *more = TRUE;
  return p;
}

/* Scans the quoted field whose opening quote is at *@pp; on success *@pp is the byte after
 * the field (delimiter, separator, line end or end of data). */
static ScanResult
scan_quoted (ScCsvReader  *r,
             gboolean      at_eof,
             char        **pp,
             guint         n,
             guint        *breaks,
             gboolean     *high,
             GError      **error)
{
  char *open = *pp;
  char *end = r->buf + r->end;
  char *q = open + 1;
  char *p;
  const guint8 *cls_q = r->cls_q;
  const char quote = r->dialect.quote;
  const gboolean ws = r->dialect.delimiter == ' ';
  guint64 start_line = r->next_line + *breaks;
  gboolean fix = FALSE;

  for (;;)
    {
      char c;

      while (q < end && !cls_q[(guint8) *q])
        q++;
      if (q == end)
        {
          if (!at_eof)
            return SCAN_MORE;
          reader_set_error (r, error, SC_ERROR_INVALID_INPUT, start_line,
                            _("a quoted field starts here but its closing quote is missing."));
          return SCAN_ERROR;
        }
      c = *q;
      if (c == quote)
        {
          if (q + 1 == end)
            {
              if (!at_eof)
                return SCAN_MORE;
              break;
            }
          if (q[1] == quote)
            {
              fix = TRUE;
              q += 2;
              continue;
            }
          break;
        }
      if (c == '\n')
        (*breaks)++;
      else if (c == '\r')
        {
          if (q + 1 == end && !at_eof)
            return SCAN_MORE;
          if (q + 1 == end || q[1] != '\n')
            (*breaks)++;
        }
      else
        *high = TRUE;
      q++;
    }

  /* Text after the closing quote is kept literally, as spreadsheets do: "12" inch → 12 inch */
  p = q + 1;
  if (p < end)
    {
      char c = *p;

      if (ws)
        {
          if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            {
              gboolean more = FALSE;

              fix = TRUE;
              p = scan_ws_plain (p, end, at_eof, high, &more);
              if (more)
                return SCAN_MORE;
            }
        }
      else if (c != r->dialect.delimiter && c != '\r' && c != '\n')
        {
          fix = TRUE;
          for (;;)
            {
              p = scan_plain (p, end, r->cls, r->dialect.delimiter);
              if (p < end && (guint8) *p >= 0x80)
                {
                  *high = TRUE;
                  p++;
                  continue;
                }
              break;
            }
          if (p == end && !at_eof)
            return SCAN_MORE;
        }
    }
  else if (!at_eof)
    return SCAN_MORE;

  if (fix)
    {
      FixSpan span = { n, open, p };

      g_array_append_val (r->fixes, span);
      r->fields[n] = NULL;
      r->lengths[n] = 0;
    }
  else
    {
      r->fields[n] = open + 1;
      r->lengths[n] = q - open - 1;
    }
  *pp = p;
  return SCAN_OK;
}

static ScanResult
scan_delimited (ScCsvReader  *r,
                gboolean      at_eof,
                char        **next,
                guint        *n_breaks,
                GError      **error)
{
  char *const end = r->buf + r->end;
  const guint8 *cls = r->cls;
  const char delim = r->dialect.delimiter;
  const char quote = r->dialect.quote;
  char *p = r->buf + r->pos;
  guint n = 0;
  guint breaks = 0;
  gboolean high = FALSE;

  for (;;)
    {
      char c;

      if (G_UNLIKELY (n >= r->fields_cap) && !ensure_fields (r, n, error))
        return SCAN_ERROR;

      if (quote != '\0' && p < end && *p == quote)
        {
          ScanResult res = scan_quoted (r, at_eof, &p, n, &breaks, &high, error);

          if (res != SCAN_OK)
            {
              restore_terms (r, n);
              return res;
            }
        }
      else
        {
          char *s = p;

          for (;;)
            {
              p = scan_plain (p, end, cls, delim);
              if (G_UNLIKELY (p < end && (guint8) *p >= 0x80))
                {
                  high = TRUE;
                  p++;
                  continue;
                }
              break;
            }
          if (p == end && !at_eof)
            {
              restore_terms (r, n);
              return SCAN_MORE;
            }
          r->fields[n] = s;
          r->lengths[n] = p - s;
        }

      c = p < end ? *p : '\0';
      terminate_field (r, n);
      n++;

      if (p == end)
        {
          r->rec_end = end;
          *next = end;
          break;
        }
      if (c == delim)
        {
          p++;
          continue;
        }
      r->rec_end = p;
      if (!skip_line_end (p, end, c, at_eof, next))
        {
          restore_terms (r, n);
          return SCAN_MORE;
        }
      break;
    }

  r->n_fields = n;
  r->high = high;
  *n_breaks = breaks;
  return SCAN_OK;
}

static ScanResult
scan_whitespace (ScCsvReader  *r,
                 gboolean      at_eof,
                 char        **next,
                 guint        *n_breaks,
                 GError      **error)
{
  char *const end = r->buf + r->end;
  const char quote = r->dialect.quote;
  char *p = r->buf + r->pos;
  guint n = 0;
  guint breaks = 0;
  gboolean high = FALSE;

  for (;;)
    {
      char c;

      while (p < end && (*p == ' ' || *p == '\t'))
        p++;
      if (p == end)
        {
          if (!at_eof)
            {
              restore_terms (r, n);
              return SCAN_MORE;
            }
          r->rec_end = end;
          *next = end;
          break;
        }
      c = *p;
      if (c == '\n' || c == '\r')
        {
          r->rec_end = p;
          if (!skip_line_end (p, end, c, at_eof, next))
            {
              restore_terms (r, n);
              return SCAN_MORE;
            }
          break;
        }

      if (G_UNLIKELY (n >= r->fields_cap) && !ensure_fields (r, n, error))
        return SCAN_ERROR;

      if (quote != '\0' && c == quote)
        {
          ScanResult res = scan_quoted (r, at_eof, &p, n, &breaks, &high, error);

          if (res != SCAN_OK)
            {
              restore_terms (r, n);
              return res;
            }
        }
      else
        {
          char *s = p;
          gboolean more = FALSE;

          p = scan_ws_plain (p, end, at_eof, &high, &more);
          if (more)
            {
              restore_terms (r, n);
              return SCAN_MORE;
            }
          r->fields[n] = s;
          r->lengths[n] = p - s;
        }

      c = p < end ? *p : '\0';
      terminate_field (r, n);
      n++;

      if (p == end)
        {
          r->rec_end = end;
          *next = end;
          break;
        }
      if (c == '\n' || c == '\r')
        {
          r->rec_end = p;
          if (!skip_line_end (p, end, c, at_eof, next))
            {
              restore_terms (r, n);
              return SCAN_MORE;
            }
          break;
        }
      p++;
    }

  r->n_fields = n;
  r->high = high;
  *n_breaks = breaks;
  return SCAN_OK;
}

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
          gssize n = read (r->fd, r->buf + r->end, r->cap - r->end);

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

  g_string_set_size (r->raw, len);
  bytes = r->raw->str;
  memcpy (bytes, r->rec_start, len);
  for (guint i = 0; i < r->n_fields; i++)
    {
      char *t = r->term_pos[i];

      if (t != NULL && t >= r->rec_start && t < r->rec_end)
        bytes[t - r->rec_start] = r->term[i];
    }

  if (G_UNLIKELY (r->high) && has_high_bytes (bytes, len) &&
      (r->dialect.encoding != SC_ENCODING_UTF8 || !g_utf8_validate (bytes, len, NULL)))
    {
      g_autofree char *copy = g_memdup2 (bytes, len);

      g_string_set_size (r->raw, 3 * len + 1);
      g_string_set_size (r->raw, convert_text (copy, len, r->dialect.encoding, r->raw->str));
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

static void
convert_fields (ScCsvReader *r)
{
  gsize need = 0, used = 0;

  for (guint i = 0; i < r->n_fields; i++)
    need += 3 * r->lengths[i] + 1;
  if (need > r->conv_cap)
    {
      g_free (r->conv);
      r->conv_cap = MAX (need, 4096);
      r->conv = g_malloc (r->conv_cap);
    }

  for (guint i = 0; i < r->n_fields; i++)
    {
      const char *f = r->fields[i];
      gsize len = r->lengths[i];

      if (!has_high_bytes (f, len))
        continue;
      if (r->dialect.encoding == SC_ENCODING_UTF8 && g_utf8_validate (f, len, NULL))
        continue;
      r->lengths[i] = convert_text (f, len, r->dialect.encoding, r->conv + used);
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

  if (dialect->delimiter != ' ')
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

  ensure_fields (r, 0, NULL);
  return r;
}

static gboolean
dialect_is_valid (const ScCsvDialect *dialect)
{
  return dialect != NULL &&
         strchr (",;\t| ", dialect->delimiter) != NULL && dialect->delimiter != '\0' &&
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
 * (and, in a UTF-8 file, any byte that is not valid UTF-8) is converted to UTF-8.  Blank
 * lines are skipped.  With a header, the header is the first record.  The arrays and the
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
      if (r->fixes->len > 0)
        g_array_set_size (r->fixes, 0);
      if (r->dialect.delimiter == ' ')
        res = scan_whitespace (r, r->eof, &next, &breaks, &local_error);
      else
        res = scan_delimited (r, r->eof, &next, &breaks, &local_error);

      if (G_LIKELY (res == SCAN_OK))
        {
          if (G_UNLIKELY ((gsize) (r->rec_end - r->rec_start) > SC_CSV_MAX_RECORD_SIZE))
            {
              reader_set_error (r, &local_error, SC_ERROR_NOT_A_TABLE, r->next_line,
                                _("a record is longer than 16 MiB; this does not look like a table."));
              res = SCAN_ERROR;
            }
        }
      else if (res == SCAN_MORE)
        {
          if (r->end - r->pos > SC_CSV_MAX_RECORD_SIZE)
            {
              reader_set_error (r, &local_error, SC_ERROR_NOT_A_TABLE, r->next_line,
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

/* Sniffing */

typedef enum
{
  CELL_MISSING,
  CELL_TEXT,
  CELL_NUMBER,
  CELL_DATE,
} CellClass;

static CellClass
classify_cell (const char *s,
               char        decimal_mark)
{
  ScDay day;
  double v;

  if (sc_value_is_missing (s))
    return CELL_MISSING;
  if (sc_parse_date (s, SC_DATE_ORDER_DMY, &day) || sc_parse_date (s, SC_DATE_ORDER_MDY, &day))
    return CELL_DATE;
  if (sc_parse_number (s, decimal_mark, &v))
    return CELL_NUMBER;
  return CELL_TEXT;
}

/* A column name as people write them: "customer_id", "Order Date", "Amount (€)". */
static gboolean
is_identifier_like (const char *s)
{
  const char *p = s;
  gsize len = strlen (s);

  if (len == 0 || len > 64)
    return FALSE;
  if (!g_unichar_isalpha (g_utf8_get_char (p)) && *p != '_' && *p != '#')
    return FALSE;
  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && !(c < 0x80 && strchr (" _-./#()%&$?'", (int) c) != NULL) &&
          g_unichar_type (c) != G_UNICODE_CURRENCY_SYMBOL)
        return FALSE;
    }
  return TRUE;
}

/* +1 when @s reads as a number with a decimal comma, -1 with a decimal point, 0 when it
 * cannot tell ("1,234" could be either) or is no number. */
static int
decimal_vote (const char *s)
{
  const char *first = NULL, *last = NULL, *p;
  const char *last_sep = NULL;
  guint n_dot = 0, n_comma = 0;
  double v;
  gsize after;

  for (p = s; *p; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          if (first == NULL)
            first = p;
          last = p;
        }
    }
  if (first == NULL)
    return 0;
  for (p = first; p < last; p++)
    {
      if (*p == '.')
        {
          n_dot++;
          last_sep = p;
        }
      else if (*p == ',')
        {
          n_comma++;
          last_sep = p;
        }
    }
  if (last_sep == NULL)
    return 0;
  after = last - last_sep;

  if (n_dot > 0 && n_comma > 0)
    {
      if (*last_sep == ',')
        return sc_parse_number (s, ',', &v) ? 1 : 0;
      return sc_parse_number (s, '.', &v) ? -1 : 0;
    }
  if (n_comma > 0)
    {
      if (n_comma > 1)
        return sc_parse_number (s, '.', &v) ? -1 : 0;
      if (after == 3)
        return 0;
      return sc_parse_number (s, ',', &v) ? 1 : 0;
    }
  if (n_dot > 1)
    return sc_parse_number (s, ',', &v) ? 1 : 0;
  if (after == 3)
    return 0;
  return sc_parse_number (s, '.', &v) ? -1 : 0;
}

static char
guess_decimal_mark (GPtrArray *rows)
{
  gint64 comma = 0, dot = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      for (guint j = 0; row[j] != NULL; j++)
        {
          int vote = decimal_vote (row[j]);

          if (vote > 0)
            comma++;
          else if (vote < 0)
            dot++;
        }
    }
  return comma > dot ? ',' : '.';
}

static gboolean
guess_has_header (GPtrArray *rows,
                  char       decimal_mark)
{
  char **row0 = g_ptr_array_index (rows, 0);
  guint n0 = g_strv_length (row0);
  gboolean row0_has_value = FALSE;
  gboolean all_text = TRUE;
  g_autoptr(GHashTable) seen = NULL;

  for (guint j = 0; j < n0; j++)
    {
      CellClass k0 = classify_cell (row0[j], decimal_mark);
      guint n_present = 0, n_valued = 0;

      if (k0 == CELL_NUMBER || k0 == CELL_DATE)
        {
          row0_has_value = TRUE;
          continue;
        }
      if (k0 != CELL_TEXT)
        continue;

      for (guint i = 1; i < rows->len; i++)
        {
          char **row = g_ptr_array_index (rows, i);
          CellClass k;

          if (g_strv_length (row) <= j)
            continue;
          k = classify_cell (row[j], decimal_mark);
          if (k == CELL_MISSING)
            continue;
          n_present++;
          if (k == CELL_NUMBER || k == CELL_DATE)
            n_valued++;
        }
      /* A name above a column of numbers or dates. */
      if (n_present > 0 && 2 * n_valued > n_present)
        return TRUE;
    }

  if (row0_has_value)
    return FALSE;
  if (rows->len == 1)
    return TRUE;

  for (guint i = 1; i < rows->len && all_text; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      for (guint j = 0; row[j] != NULL; j++)
        {
          CellClass k = classify_cell (row[j], decimal_mark);

          if (k == CELL_NUMBER || k == CELL_DATE)
            {
              all_text = FALSE;
              break;
            }
        }
    }
  /* Nothing to compare types with: a table of text is read as having names on top. */
  if (all_text)
    return TRUE;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint j = 0; j < n0; j++)
    {
      char *key;

      if (!is_identifier_like (row0[j]))
        return FALSE;
      key = g_utf8_casefold (row0[j], -1);
      if (!g_hash_table_add (seen, key))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char   delimiter;
  char   quote;
  double consistency;
  guint  mode;
} Candidate;

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
score_candidate (const char *data,
                 gsize       len,
                 gboolean    truncated,
                 ScEncoding  encoding,
                 Candidate  *cand)
{
  ScCsvDialect d;
  g_autoptr(ScCsvReader) r = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[SNIFF_MAX_RECORDS];
  guint n = 0, n_failed = 0;
  guint best_count = 0, best_run = 0;
  guint n_fields;
  char **fields;
  gsize *lengths;

  sc_csv_dialect_init_default (&d);
  d.delimiter = cand->delimiter;
  d.quote = cand->quote;
  d.encoding = encoding;

  r = sc_csv_reader_new_from_data (data, len, &d);
  while (n < SNIFF_MAX_RECORDS && sc_csv_reader_next (r, &n_fields, &fields, &lengths, &error))
    counts[n++] = n_fields;
  /* A quoted field cut off by the end of the sample proves nothing. */
  if (error != NULL && !truncated)
    n_failed = 1;

  cand->mode = 0;
  cand->consistency = 0;
  if (n == 0)
    return;

  qsort (counts, n, sizeof (guint), compare_uint);
  for (guint i = 0; i < n;)
    {
      guint j = i;

      while (j < n && counts[j] == counts[i])
        j++;
      if (j - i >= best_run)
        {
          best_run = j - i;
          best_count = counts[i];
        }
      i = j;
    }
  cand->mode = best_count;
  cand->consistency = (double) best_run / (n + n_failed);
}

static GPtrArray *
read_rows (const char         *data,
           gsize               len,
           const ScCsvDialect *dialect)
{
  g_autoptr(ScCsvReader) r = sc_csv_reader_new_from_data (data, len, dialect);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n_fields;
  char **fields;
  gsize *lengths;

  while (rows->len < SNIFF_KEEP_RECORDS &&
         sc_csv_reader_next (r, &n_fields, &fields, &lengths, NULL))
    {
      char **row = g_new (char *, n_fields + 1);

      for (guint i = 0; i < n_fields; i++)
        row[i] = g_strndup (fields[i], lengths[i]);
      row[n_fields] = NULL;
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* A macro, not a function, so that the compiler checks each format against its arguments. */
#define sniff_set_error(error, name, message_with_name, message) \
  (((name) != NULL) \
   ? g_set_error ((error), SC_ERROR, SC_ERROR_NOT_A_TABLE, (message_with_name), (name)) \
   : g_set_error_literal ((error), SC_ERROR, SC_ERROR_NOT_A_TABLE, (message)), \
   FALSE)

static gboolean
has_prefix_bytes (const char *data,
                  gsize       len,
                  const char *magic,
                  gsize       magic_len)
{
  return len >= magic_len && memcmp (data, magic, magic_len) == 0;
}

static gboolean
check_not_binary (const char  *data,
                  gsize        len,
                  const char  *name,
                  GError     **error)
{
  const char *p;

  if (has_prefix_bytes (data, len, "%PDF", 4))
    return sniff_set_error (error, name,
                            _("“%s” is a PDF document, not a table. Export the data as CSV from the program it comes from."),
                            _("This is a PDF document, not a table. Export the data as CSV from the program it comes from."));
  if (has_prefix_bytes (data, len, "PK\x03\x04", 4) ||
      has_prefix_bytes (data, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    return sniff_set_error (error, name,
                            _("“%s” is a spreadsheet workbook or a compressed archive, not a CSV or TSV table. Save it as CSV first."),
                            _("This is a spreadsheet workbook or a compressed archive, not a CSV or TSV table. Save it as CSV first."));
  if (has_prefix_bytes (data, len, "\x89PNG", 4) ||
      has_prefix_bytes (data, len, "\xFF\xD8\xFF", 3) ||
      has_prefix_bytes (data, len, "GIF87a", 6) ||
      has_prefix_bytes (data, len, "GIF89a", 6) ||
      (has_prefix_bytes (data, len, "RIFF", 4) && len >= 12 && memcmp (data + 8, "WEBP", 4) == 0))
    return sniff_set_error (error, name,
                            _("“%s” is an image, not a table."),
                            _("This is an image, not a table."));
  if (has_prefix_bytes (data, len, "\x1F\x8B", 2) ||
      has_prefix_bytes (data, len, "BZh", 3) ||
      has_prefix_bytes (data, len, "\xFD" "7zXZ", 5) ||
      has_prefix_bytes (data, len, "7z\xBC\xAF", 4))
    return sniff_set_error (error, name,
                            _("“%s” is a compressed file. Extract it and import the CSV file inside."),
                            _("This is a compressed file. Extract it and import the CSV file inside."));
  if (has_prefix_bytes (data, len, "\xFF\xFE", 2) || has_prefix_bytes (data, len, "\xFE\xFF", 2) ||
      (len >= 4 && data[0] != '\0' && data[1] == '\0' && data[2] != '\0' && data[3] == '\0'))
    return sniff_set_error (error, name,
                            _("“%s” is saved as UTF-16 text, which cannot be read. Save it as “CSV UTF-8” instead."),
                            _("This is UTF-16 text, which cannot be read. Save it as “CSV UTF-8” instead."));

  if (memchr (data, '\0', len) != NULL)
    return sniff_set_error (error, name,
                            _("“%s” holds binary data, not a CSV or TSV table."),
                            _("This is binary data, not a CSV or TSV table."));

  for (p = data; p < data + len && g_ascii_isspace (*p); p++)
    ;
  if (p < data + len && *p == '<' &&
      (g_strstr_len (p, MIN (len - (p - data), 512), "<html") != NULL ||
       g_strstr_len (p, MIN (len - (p - data), 512), "<HTML") != NULL ||
       g_strstr_len (p, MIN (len - (p - data), 512), "<!DOCTYPE") != NULL ||
       g_strstr_len (p, MIN (len - (p - data), 512), "<?xml") != NULL))
    return sniff_set_error (error, name,
                            _("“%s” is a web page or XML document, not a CSV or TSV table."),
                            _("This is a web page or XML document, not a CSV or TSV table."));
  return TRUE;
}

static gboolean
sniff_impl (const char    *data,
            gsize          len,
            gboolean       truncated,
            const char    *name,
            ScCsvDialect  *dialect,
            GError       **error)
{
  static const char delimiters[] = { '\t', ';', ',', '|', ' ' };
  static const char quotes[] = { '"', '\0' };
  ScCsvDialect d;
  Candidate best = { 0, 0, 0.0, 0 };
  g_autoptr(GPtrArray) rows = NULL;
  gboolean has_bom = FALSE;
  const char *p;

  if (!check_not_binary (data, len, name, error))
    return FALSE;

  if (has_prefix_bytes (data, len, "\xEF\xBB\xBF", 3))
    {
      has_bom = TRUE;
      data += 3;
      len -= 3;
    }

  for (p = data; p < data + len && g_ascii_isspace (*p); p++)
    ;
  if (p == data + len)
    return sniff_set_error (error, name, _("“%s” is empty."), _("There is no data."));

  if (truncated)
    {
      gsize cut = len;

      while (cut > 0 && data[cut - 1] != '\n' && data[cut - 1] != '\r')
        cut--;
      if (cut == 0)
        {
          if (name != NULL)
            g_set_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE,
                         _("The first line of “%s” is longer than %u KiB; this does not look like a table."),
                         name, SC_CSV_SNIFF_SIZE / 1024);
          else
            g_set_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE,
                         _("The first line is longer than %u KiB; this does not look like a table."),
                         SC_CSV_SNIFF_SIZE / 1024);
          return FALSE;
        }
      len = cut;
    }

  sc_csv_dialect_init_default (&d);
  d.has_bom = has_bom;
  d.encoding = g_utf8_validate (data, len, NULL) ? SC_ENCODING_UTF8 : SC_ENCODING_WINDOWS_1252;

  /* Earlier candidates win ties: a tab or a semicolon that splits every line the same way
   * is a stronger sign than a comma, which may be a decimal mark. */
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    for (guint k = 0; k < G_N_ELEMENTS (quotes); k++)
      {
        Candidate cand = { delimiters[i], quotes[k], 0.0, 0 };

        score_candidate (data, len, truncated, d.encoding, &cand);
        if (cand.mode < 2)
          continue;
        if (best.mode == 0 || cand.consistency > best.consistency + 0.02)
          best = cand;
      }

  if (best.mode < 2 || best.consistency < 0.5)
    return sniff_set_error (error, name,
                            _("No column separator found in “%s”. A table needs columns separated by commas, semicolons, tabs, “|” or aligned with spaces, the same number on every line."),
                            _("No column separator found. A table needs columns separated by commas, semicolons, tabs, “|” or aligned with spaces, the same number on every line."));

  d.delimiter = best.delimiter;
  d.quote = best.quote;

  rows = read_rows (data, len, &d);
  g_assert (rows->len > 0);
  d.decimal_mark = guess_decimal_mark (rows);
  d.has_header = guess_has_header (rows, d.decimal_mark);
  d.n_columns = g_strv_length (g_ptr_array_index (rows, 0));

  *dialect = d;
  return TRUE;
}

/**
 * sc_csv_sniff_data:
 * @data: the start of a file (only the first %SC_CSV_SNIFF_SIZE bytes are looked at)
 * @len: its length in bytes
 * @dialect: (out caller-allocates): the dialect found
 * @error: return location for an error
 *
 * Like sc_csv_sniff(), for data in memory.  When @len is over %SC_CSV_SNIFF_SIZE, the part
 * after the last line end within the sniffed part is ignored.
 *
 * Returns: %TRUE when @data looks like a delimited table; @dialect is then set
 */
gboolean
sc_csv_sniff_data (const char    *data,
                   gsize          len,
                   ScCsvDialect  *dialect,
                   GError       **error)
{
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (dialect != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (len == 0)
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_NOT_A_TABLE, _("There is no data."));
      return FALSE;
    }
  return sniff_impl (data, MIN (len, SC_CSV_SNIFF_SIZE), len > SC_CSV_SNIFF_SIZE, NULL,
                     dialect, error);
}

/**
 * sc_csv_sniff:
 * @path: a file name in the GLib file name encoding
 * @dialect: (out caller-allocates): the dialect found
 * @error: return location for an error
 *
 * Guesses how a delimited text file is written from its first %SC_CSV_SNIFF_SIZE bytes:
 * the encoding (UTF-8 if valid, else Windows-1252), a byte order mark, the delimiter (the
 * candidate that splits the most lines into the same number of fields, quotes respected),
 * whether quotes are used, whether the first record is a header, and the decimal mark.
 *
 * Fails with %SC_ERROR_NOT_A_TABLE, with a message for people that names the file, for an
 * empty file, binary data, a PDF, spreadsheet workbook, archive or image, text without a
 * consistent delimiter, or a first line longer than the sniffed part; and with a
 * %G_IO_ERROR when the file cannot be read.
 *
 * Returns: %TRUE when the file looks like a delimited table; @dialect is then set
 */
gboolean
sc_csv_sniff (const char    *path,
              ScCsvDialect  *dialect,
              GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *buf = NULL;
  struct stat st;
  gsize len = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (dialect != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_filename_display_basename (path);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not open “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a file."), name);
      return FALSE;
    }

  /* One byte more than is sniffed tells whether the sample is the whole file. */
  buf = g_malloc (SC_CSV_SNIFF_SIZE + 1);
  while (len < SC_CSV_SNIFF_SIZE + 1)
    {
      gssize n = read (fd, buf + len, SC_CSV_SNIFF_SIZE + 1 - len);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not read “%s”: %s"), name, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      len += n;
    }
  close (fd);

  if (len == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE, _("“%s” is empty."), name);
      return FALSE;
    }
  return sniff_impl (buf, MIN (len, SC_CSV_SNIFF_SIZE), len > SC_CSV_SNIFF_SIZE, name,
                     dialect, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */

/**
 * sc_csv_append_field:
 * @out: where to append
 * @value: (nullable): the cell's text; %NULL is an empty cell
 *
 * Appends one CSV cell.  The cell is quoted when it holds a comma, a quote or a line break,
 * and when it starts with a character that makes spreadsheets run it as a formula (= + - @
 * tab CR); such a cell also gets a leading apostrophe, so it stays text.
 */
void
sc_csv_append_field (GString    *out,
                     const char *value)
{
  gboolean formula, quote;

  g_return_if_fail (out != NULL);

  if (value == NULL || *value == '\0')
    return;

  formula = value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
            value[0] == '\t' || value[0] == '\r';
  quote = formula || strpbrk (value, ",\"\r\n") != NULL;
  if (!quote)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
