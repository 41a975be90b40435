/* sc-csv-writer.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one CSV writer: every CSV file the application writes (the activation exports and
 * their presets, the segment definitions, the import problems) is made of these cells and
 * rows, so quoting, formula neutralisation, the byte order mark and line ends are decided
 * here once.
 *
 * Spreadsheets run a cell that starts with = + - @ (or tab/CR) as a formula, so such a text
 * cell gets a leading apostrophe inside quotes and stays text (OWASP's advice for CSV
 * injection).  Numbers are never neutralised: a leading minus is a negative number; nor are
 * phone numbers made only of digits, spaces and + ( ) . / -: at worst a spreadsheet computes
 * arithmetic from "+44 20 7946 0018" (no function, no link, nothing run), while the
 * apostrophe would make the number unreadable to the CRM that imports it. */

#include "config.h"

#include "sc-csv-writer.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define UTF8_BOM "\xef\xbb\xbf"

/* g_string_append_len() without its checks, for the million-row exports: a copy when the
 * string has room. */
static inline void
append_len (GString    *out,
            const char *s,
            gsize       len)
{
  if (out->len + len < out->allocated_len)
    {
      memcpy (out->str + out->len, s, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, s, (gssize) len);
}

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
  g_return_if_fail (out != NULL);

  if (value != NULL)
    sc_csv_append_field_len (out, value, strlen (value));
}

/**
 * sc_csv_append_field_len:
 * @value: the cell's text, @len bytes (no NUL needed)
 *
 * sc_csv_append_field() for a part of a string.
 */
void
sc_csv_append_field_len (GString    *out,
                         const char *value,
                         gsize       len)
{
  gboolean formula, quote = FALSE;

  if (len == 0)
    return;

  formula = value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
            value[0] == '\t' || value[0] == '\r';
  for (gsize i = 0; i < len && !quote; i++)
    quote = value[i] == ',' || value[i] == '"' || value[i] == '\r' || value[i] == '\n';
  if (!formula && !quote)
    {
      append_len (out, value, len);
      return;
    }

  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (gsize i = 0; i < len; i++)
    {
      if (value[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, value[i]);
    }
  g_string_append_c (out, '"');
}

static const double powers_of_ten[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };

/**
 * sc_csv_append_number:
 * @out: where to append
 * @value: a number; NAN and infinities give an empty cell
 * @decimals: digits after the point (0..9), or -1 for the shortest text that reads back as
 *   a close approximation ("%.15g")
 *
 * Appends a number with a "." decimal mark whatever the locale.  Numbers are never
 * neutralised: a leading minus is a negative number, not a formula.
 */
void
sc_csv_append_number (GString *out,
                      double   value,
                      int      decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (out != NULL);
  g_return_if_fail (decimals <= 9);

  if (!isfinite (value))
    return;

  if (decimals >= 0 && fabs (value) * powers_of_ten[decimals] < 9e15)
    {
      /* The fixed-point path does by hand what "%.*f" does, several times faster: the
       * activation CSV formats millions of amounts. */
      gint64 q = (gint64) nearbyint (value * powers_of_ten[decimals]);
      guint64 u = q < 0 ? (guint64) -q : (guint64) q;
      char digits[32];
      int len = 0;

      do
        {
          digits[len++] = (char) ('0' + u % 10);
          u /= 10;
        }
      while (u > 0 || len <= decimals);

      if (q < 0)
        g_string_append_c (out, '-');
      for (int i = len - 1; i >= 0; i--)
        {
          g_string_append_c (out, digits[i]);
          if (i == decimals && decimals > 0)
            g_string_append_c (out, '.');
        }
      return;
    }

  if (decimals >= 0)
    {
      /* Fixed-point text of any double: up to 309 integer digits, a sign, the point and
       * the decimals (G_ASCII_DTOSTR_BUF_SIZE would cut amounts from ~1e36 on). */
      char wide[DBL_MAX_10_EXP + 16];
      char format[8];

      g_snprintf (format, sizeof format, "%%.%df", decimals);
      g_string_append (out, g_ascii_formatd (wide, sizeof wide, format, value));
    }
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

/**
 * sc_csv_writer_init:
 * @buf: where rows are appended
 * @flags: byte order mark and line ends
 *
 * Starts writing CSV into @buf; with %SC_CSV_WRITE_BOM the mark is appended at once.
 */
void
sc_csv_writer_init (ScCsvWriter     *w,
                    GString         *buf,
                    ScCsvWriteFlags  flags)
{
  g_return_if_fail (w != NULL && buf != NULL);

  w->buf = buf;
  w->eol = (flags & SC_CSV_WRITE_CRLF) ? "\r\n" : "\n";
  w->in_row = FALSE;
  if (flags & SC_CSV_WRITE_BOM)
    g_string_append (buf, UTF8_BOM);
}

static inline void
separate (ScCsvWriter *w)
{
  if (w->in_row)
    g_string_append_c (w->buf, ',');
  w->in_row = TRUE;
}

/* Appends a text cell (%NULL or "" is an empty cell). */
void
sc_csv_writer_field (ScCsvWriter *w,
                     const char  *text)
{
  separate (w);
  sc_csv_append_field (w->buf, text);
}

/* Appends a text cell of @len bytes of @text. */
void
sc_csv_writer_field_len (ScCsvWriter *w,
                         const char  *text,
                         gsize        len)
{
  separate (w);
  sc_csv_append_field_len (w->buf, text, len);
}

/* Appends a number cell; see sc_csv_append_number(). */
void
sc_csv_writer_number (ScCsvWriter *w,
                      double       value,
                      int          decimals)
{
  separate (w);
  sc_csv_append_number (w->buf, value, decimals);
}

static gboolean
is_phone_number (const char *s)
{
  gboolean digit = FALSE;

  for (const char *p = s; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr ("+-(). /", *p) == NULL)
        return FALSE;
    }
  return digit;
}

/* Appends a phone number: as a text cell, except that a number written only with phone
 * characters keeps its leading + or - (see the rationale at the top). */
void
sc_csv_writer_phone (ScCsvWriter *w,
                     const char  *text)
{
  separate (w);
  if (text != NULL && is_phone_number (text))
    append_len (w->buf, text, strlen (text));
  else
    sc_csv_append_field (w->buf, text);
}

void
sc_csv_writer_uint (ScCsvWriter *w,
                    guint64      value)
{
  separate (w);
  g_string_append_printf (w->buf, "%" G_GUINT64_FORMAT, value);
}

/* Appends cells formatted before, joined by commas, by a writer of their own: the cells
 * that repeat on many rows are formatted once. */
void
sc_csv_writer_cells (ScCsvWriter *w,
                     const char  *cells)
{
  separate (w);
  append_len (w->buf, cells, strlen (cells));
}

void
sc_csv_writer_end_row (ScCsvWriter *w)
{
  append_len (w->buf, w->eol, w->eol[1] != '\0' ? 2 : 1);
  w->in_row = FALSE;
}

/* Appends a whole row of text cells (a header), @texts ending in %NULL. */
void
sc_csv_writer_row (ScCsvWriter        *w,
                   const char * const *texts)
{
  for (guint i = 0; texts[i] != NULL; i++)
    sc_csv_writer_field (w, texts[i]);
  sc_csv_writer_end_row (w);
}
