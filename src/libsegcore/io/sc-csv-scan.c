/* sc-csv-scan.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Splitting the buffered bytes into one record's fields, in place (see sc-csv.c for the
 * scheme), and converting a record's text to UTF-8. */

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <glib/gi18n-lib.h>

#include "sc-csv-private.h"

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
gsize
_sc_csv_convert_text (const char *in,
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

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

gboolean
_sc_csv_has_high_bytes (const char *s,
                        gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guint8) s[i] >= 0x80)
      return TRUE;
  return FALSE;
}

gboolean
_sc_csv_cp1252_is_valid (const char *s,
                         gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = (guint8) s[i];

      /* the five bytes Windows-1252 leaves unassigned */
      if (c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D)
        return FALSE;
    }
  return TRUE;
}

/* The first byte >= 0x80 in [p, end), or @end. */
static const char *
find_high (const char *p,
           const char *end)
{
  while (end - p >= 8)
    {
      guint64 x;

      memcpy (&x, p, 8);
      if (x & HIGHS)
        break;
      p += 8;
    }
  while (p < end && (guint8) *p < 0x80)
    p++;
  return p;
}

void
_sc_csv_count_encoding (const char *data,
                        gsize       len,
                        guint64    *n_utf8,
                        guint64    *n_other)
{
  const char *p = data;
  const char *end = data + len;

  for (;;)
    {
      const char *high = find_high (p, end);
      const char *start = high;
      const char *stop = high;

      if (high == end)
        break;
      while (start > p && start[-1] != '\n' && start[-1] != '\r')
        start--;
      while (stop < end && *stop != '\n' && *stop != '\r')
        stop++;
      if (g_utf8_validate (start, stop - start, NULL))
        (*n_utf8)++;
      else
        (*n_other)++;
      p = stop;
    }
}

ScEncoding
_sc_csv_encoding_from_counts (guint64 n_utf8,
                              guint64 n_other)
{
  return n_other > n_utf8 ? SC_ENCODING_WINDOWS_1252 : SC_ENCODING_UTF8;
}

gsize
_sc_csv_sep_line (const char *data,
                  gsize       len,
                  char       *delimiter)
{
  gsize n = 5;

  if (len < 5 || g_ascii_strncasecmp (data, "sep=", 4) != 0 ||
      strchr (",;\t|", data[4]) == NULL || data[4] == '\0')
    return 0;
  if (n < len && data[n] == '\r')
    n++;
  if (n < len && data[n] == '\n')
    n++;
  if (n == 5 && n < len)
    return 0;   /* more text on the line: not a delimiter line */
  *delimiter = data[4];
  return n;
}


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

void
_sc_csv_reader_set_error (ScCsvReader  *r,
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

gboolean
_sc_csv_ensure_fields (ScCsvReader  *r,
                       guint         n,
                       GError      **error)
{
  guint cap;

  if (n < r->fields_cap)
    return TRUE;
  if (r->fields_cap >= MAX_FIELDS)
    {
      g_autofree char *msg = g_strdup_printf (_("a record has more than %u fields."), MAX_FIELDS);

      _sc_csv_reader_set_error (r, error, SC_ERROR_NOT_A_TABLE, r->next_line, msg);
      return FALSE;
    }
  cap = MIN (MAX (r->fields_cap * 2, 16), MAX_FIELDS);
  r->fields = g_renew (char *, r->fields, cap);
  r->lengths = g_renew (gsize, r->lengths, cap);
  r->term_pos = g_renew (char *, r->term_pos, cap);
  r->term = g_renew (char, r->term, cap);
  r->invalid = g_renew (guint8, r->invalid, cap);
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
 * line end, or a line end; with @runs (whitespace-separated mode) any blank.  Sets @more
 * when the buffered data cannot tell. */
static char *
scan_ws_plain (char     *p,
               char     *end,
               gboolean  runs,
               gboolean  at_eof,
               gboolean *high,
               gboolean *more)
{
  for (; p < end; p++)
    {
      guint8 c = (guint8) *p;

      if (c == '\n' || c == '\r' || c == '\t' || (runs && c == ' '))
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
  const gboolean ws = r->dialect.delimiter == ' ' ||
                      r->dialect.delimiter == SC_CSV_WHITESPACE;
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
          _sc_csv_reader_set_error (r, error, SC_ERROR_INVALID_INPUT, start_line,
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
              p = scan_ws_plain (p, end, r->dialect.delimiter == SC_CSV_WHITESPACE, at_eof,
                                 high, &more);
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

/* The whole record a word at a time (little-endian GCC/Clang builds; elsewhere the general
 * scanner does every record).
 *
 * Nearly every record of an export is unquoted ASCII that ends well inside the buffer.  Such
 * a record is split here from one pass over its words: each word gives an exact mask of
 * its delimiters, line ends, quotes and bytes >= 0x80 (exact: (y & 0x7F) + 0x7F never
 * carries into the next byte, so unlike scan_plain()'s test every marked byte is one), and
 * the fields are cut at the marked bytes in order, without restarting a scan per field.
 * Whatever this does not handle the way the general scanner would for certain — a quote at
 * the start of a field, a byte >= 0x80, a record that reaches the end of the buffered data
 * or of the field arrays — gives up before anything is written, and the general scanner
 * splits the record from its start.  A quote inside an unquoted field is literal there as
 * here.  Where SSE2 is there (every x86-64), sixteen bytes are marked at a time while
 * sixteen are left, with the same marks as the words' (a compare per byte kind, and the top
 * bit of each byte for those >= 0x80).  tests/test-csv-scan-words.c checks both against
 * each other bit for bit. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined (__GNUC__)
#define LOWS  G_GUINT64_CONSTANT (0x7F7F7F7F7F7F7F7F)

/* Bit 7 of each byte of @y set exactly where that byte is 0. */
static inline guint64
zero_bytes (guint64 y)
{
  return ~(((y & LOWS) + LOWS) | y) & HIGHS;
}

static gboolean
scan_words (ScCsvReader *r,
            char        *end,
            char       **next)
{
  const char delim = r->dialect.delimiter;
  const char quote = r->dialect.quote;
  const guint64 d = ONES * (guint8) delim;
  /* without quoting the delimiter stands in: a second test for the same byte */
  const guint64 qu = ONES * (guint8) (quote != '\0' ? quote : delim);
  const guint64 cr = ONES * (guint8) '\r';
  const guint64 lf = ONES * (guint8) '\n';
  const guint cap = r->fields_cap;
  char **fields = r->fields;
  gsize *lengths = r->lengths;
  char *s = r->buf + r->pos;
  char *w = s;
  guint n = 0;

#ifdef __SSE2__
  const __m128i vd = _mm_set1_epi8 (delim);
  const __m128i vqu = _mm_set1_epi8 (quote != '\0' ? quote : delim);
  const __m128i vcr = _mm_set1_epi8 ('\r');
  const __m128i vlf = _mm_set1_epi8 ('\n');
#endif

  for (;;)
    {
      guint64 m;
      guint shift, step;

#ifdef __SSE2__
      /* sixteen bytes at a time where they are there: a bit per byte, the same marks */
      if (end - w >= 16)
        {
          __m128i x = _mm_loadu_si128 ((const __m128i *) (const void *) w);
          __m128i e = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (x, vd),
                                                  _mm_cmpeq_epi8 (x, vqu)),
                                    _mm_or_si128 (_mm_cmpeq_epi8 (x, vcr),
                                                  _mm_cmpeq_epi8 (x, vlf)));

          /* bit 7 of a byte: a mark, or a byte >= 0x80 */
          m = (guint) _mm_movemask_epi8 (_mm_or_si128 (e, x));
          shift = 0;
          step = 16;
        }
      else
#endif
        {
          guint64 x = 0;

          if (end - w >= 8)
            memcpy (&x, w, 8);
          else if (w < end)
            memcpy (&x, w, end - w);   /* zeros after the data mark nothing */
          else
            return FALSE;
          m = zero_bytes (x ^ d) | zero_bytes (x ^ qu) | zero_bytes (x ^ cr) |
              zero_bytes (x ^ lf) | (x & HIGHS);
          shift = 3;
          step = 8;
        }
      for (; m != 0; m &= m - 1)
        {
          char *q = w + (__builtin_ctzll (m) >> shift);
          char c = *q;

          if (c == delim)
            {
              if (n >= cap)
                return FALSE;
              fields[n] = s;
              lengths[n++] = q - s;
              s = q + 1;
              continue;
            }
          if (c == '\n' || c == '\r')
            {
              if (n >= cap)
                return FALSE;
              if (c == '\n')
                *next = q + 1;
              else if (q + 1 < end)
                *next = q + (q[1] == '\n' ? 2 : 1);
              else
                return FALSE;
              fields[n] = s;
              lengths[n++] = q - s;
              r->rec_end = q;
              for (guint i = 0; i < n; i++)
                {
                  char *t = fields[i] + lengths[i];

                  r->term_pos[i] = t;
                  r->term[i] = *t;
                  *t = '\0';
                }
              r->n_fields = n;
              r->high = FALSE;
              r->words_split = TRUE;
              return TRUE;
            }
          if (c != quote || q == s || (guint8) c >= 0x80)
            return FALSE;
        }
      w += step;
    }
}
#undef LOWS
#endif

ScanResult
_sc_csv_scan_delimited (ScCsvReader  *r,
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

#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined (__GNUC__)
  if (G_LIKELY (!r->plain_scan) && scan_words (r, end, next))
    {
      *n_breaks = 0;
      return SCAN_OK;
    }
#endif

  for (;;)
    {
      char c;

      if (G_UNLIKELY (n >= r->fields_cap) && !_sc_csv_ensure_fields (r, n, error))
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

ScanResult
_sc_csv_scan_whitespace (ScCsvReader  *r,
                         gboolean      at_eof,
                         char        **next,
                         guint        *n_breaks,
                         GError      **error)
{
  char *const end = r->buf + r->end;
  const char quote = r->dialect.quote;
  const gboolean runs = r->dialect.delimiter == SC_CSV_WHITESPACE;
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

      if (G_UNLIKELY (n >= r->fields_cap) && !_sc_csv_ensure_fields (r, n, error))
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

          p = scan_ws_plain (p, end, runs, at_eof, &high, &more);
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
