/* sc-value.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Parsing of cell values as people type them into spreadsheets and as shop systems export
 * them.  sc_parse_amount() and sc_parse_date() run once per transaction row, millions of
 * times per import, so each has a fast path for the plain machine form ("1234.50",
 * "2024-03-05") that neither allocates nor calls into libc, and falls back to the general
 * parser for everything else.  Day numbers come from a civil-from-days algorithm on the
 * proleptic Gregorian calendar: no mktime, no time zones, no locale.
 */

#include "sc-value.h"

#include <math.h>
#include <string.h>

/* Exact powers of ten: any integer below 2^53 divided by one of these is correctly rounded,
 * so the fast path gives the same double as strtod. */
static const double pow10_exact[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

static inline gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Length of the white space (ASCII, no-break, narrow no-break, thin or figure space) at @p,
 * 0 if there is none.  Spreadsheets put U+00A0 and U+202F into formatted numbers. */
static int
space_len (const char *p,
           const char *end)
{
  guint8 c = (guint8) *p;

  if (c == ' ' || (c >= '\t' && c <= '\r'))
    return 1;
  if (c == 0xC2 && end - p >= 2 && (guint8) p[1] == 0xA0)
    return 2;
  if (c == 0xE2 && end - p >= 3 && (guint8) p[1] == 0x80 &&
      ((guint8) p[2] == 0xAF || (guint8) p[2] == 0x89 || (guint8) p[2] == 0x87))
    return 3;
  return 0;
}

/* Length of the white space that ends just before @p. */
static int
space_len_before (const char *start,
                  const char *p)
{
  guint8 c;

  if (p <= start)
    return 0;
  c = (guint8) p[-1];
  if (c == ' ' || (c >= '\t' && c <= '\r'))
    return 1;
  if (c == 0xA0 && p - start >= 2 && (guint8) p[-2] == 0xC2)
    return 2;
  if ((c == 0xAF || c == 0x89 || c == 0x87) && p - start >= 3 &&
      (guint8) p[-3] == 0xE2 && (guint8) p[-2] == 0x80)
    return 3;
  return 0;
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  int n;

  while (p < end && (n = space_len (p, end)) > 0)
    p += n;
  return p;
}

static void
trim (const char  *s,
      const char **begin,
      const char **end)
{
  const char *b = s;
  const char *e = s + strlen (s);
  int n;

  b = skip_spaces (b, e);
  while (e > b && (n = space_len_before (b, e)) > 0)
    e -= n;
  *begin = b;
  *end = e;
}

static gboolean
token_equal (const char *b,
             const char *e,
             const char *word)
{
  gsize len = strlen (word);

  return (gsize) (e - b) == len && g_ascii_strncasecmp (b, word, len) == 0;
}

/**
 * sc_value_is_missing:
 * @s: a cell value
 *
 * Whether @s stands for "no value": empty or white space, or one of the markers that
 * databases and spreadsheets write for it ("NA", "N/A", "#N/A", "null", "None", "nan",
 * a lone "-"), in any case.
 *
 * Returns: %TRUE when the value is missing
 */
gboolean
sc_value_is_missing (const char *s)
{
  static const char * const markers[] = { "na", "n/a", "#n/a", "null", "none", "nan", "-", "nil" };
  const char *b, *e;

  g_return_val_if_fail (s != NULL, TRUE);

  /* The common case, a plain value, must not pay for the marker comparisons. */
  if (is_digit (s[0]))
    return FALSE;

  trim (s, &b, &e);
  if (b == e)
    return TRUE;
  if (e - b > 4)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (token_equal (b, e, markers[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_currency_code (const char *p)
{
  static const char codes[][4] = {
    "EUR", "USD", "GBP", "CHF", "JPY", "CNY", "SEK", "NOK", "DKK", "ISK", "PLN", "CZK", "HUF",
    "RON", "BGN", "TRY", "RUB", "UAH", "CAD", "AUD", "NZD", "MXN", "BRL", "ARS", "CLP", "COP",
    "PEN", "INR", "IDR", "MYR", "PHP", "SGD", "HKD", "TWD", "KRW", "THB", "VND", "ILS", "AED",
    "SAR", "QAR", "ZAR", "EGP", "NGN", "KES", "MAD",
  };

  /* Never compare past the end of a shorter string. */
  if (p[0] == '\0' || p[1] == '\0' || p[2] == '\0')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (memcmp (codes[i], p, 3) == 0)
      return TRUE;
  return FALSE;
}

/* Skips a currency marker at @p: a currency symbol, optionally preceded by up to three
 * letters ("$", "€", "US$", "R$"), an ISO 4217 code ("EUR") or "kr"/"kr.".  Returns the end
 * of the marker, or @p when there is none.  A code that is directly followed by a dash is
 * no currency ("ACC-0001" is an id, not minus one). */
static const char *
skip_currency (const char *p,
               const char *end)
{
  const char *q = p;
  int n_letters = 0;

  while (q < end && g_ascii_isalpha (*q) && n_letters < 4)
    {
      q++;
      n_letters++;
    }

  if (q < end && n_letters <= 3)
    {
      gunichar c = g_utf8_get_char_validated (q, end - q);

      if (c != (gunichar) -1 && c != (gunichar) -2 &&
          g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL)
        return g_utf8_next_char (q);
    }

  if (q < end && (*q == '-' || *q == '+'))
    return p;

  if (n_letters == 3 && is_currency_code (p))
    return p + 3;

  if (n_letters == 2 && g_ascii_strncasecmp (p, "kr", 2) == 0)
    return (p + 2 < end && p[2] == '.') ? p + 3 : p + 2;

  return p;
}

/* Length of a thousands separator at @p (one that is not @decimal_mark), or 0. */
static int
group_sep_len (const char *p,
               const char *end,
               char        decimal_mark)
{
  guint8 c = (guint8) *p;

  if ((c == ',' || c == '.') && c != (guint8) decimal_mark)
    return 1;
  if (c == ' ' || c == '\'')
    return 1;
  /* U+2019 right single quotation mark, which word processors substitute for "'" */
  if (c == 0xE2 && end - p >= 3 && (guint8) p[1] == 0x80 && (guint8) p[2] == 0x99)
    return 3;
  if (c >= 0x80)
    return space_len (p, end);
  return 0;
}

static gboolean
parse_number_slow (const char *s,
                   char        decimal_mark,
                   double     *out)
{
  char buf[128];
  gsize bl = 0;
  const char *p, *end;
  const char *group_sep = NULL;
  int group_sep_n = 0;
  gboolean neg = FALSE, sign = FALSE, paren = FALSE, currency = FALSE;
  gboolean seen_decimal = FALSE;
  guint n_digits = 0, digits_in_group = 0;
  char *endptr;
  double v;

  trim (s, &p, &end);
  if (p == end)
    return FALSE;

  /* Sign, parenthesis and currency may come in any order before the digits: "-$12",
   * "$-12", "€ -12,50", "($12.00)". */
  for (;;)
    {
      const char *q;

      if (*p == '(' && !paren && !sign)
        {
          paren = TRUE;
          p = skip_spaces (p + 1, end);
          continue;
        }
      if ((*p == '-' || *p == '+') && !sign && !paren)
        {
          sign = TRUE;
          neg = *p == '-';
          p++;
          continue;
        }
      if (!sign && !paren && end - p >= 3 && memcmp (p, "\xE2\x88\x92", 3) == 0)
        {
          sign = TRUE;
          neg = TRUE;
          p += 3;
          continue;
        }
      if (!currency && (q = skip_currency (p, end)) != p)
        {
          currency = TRUE;
          p = skip_spaces (q, end);
          continue;
        }
      break;
    }

  if (neg || paren)
    buf[bl++] = '-';

  while (p < end)
    {
      int n;

      if (is_digit (*p))
        {
          if (bl >= sizeof buf - 8)
            return FALSE;
          buf[bl++] = *p++;
          n_digits++;
          digits_in_group++;
          continue;
        }

      if (*p == decimal_mark)
        {
          if (seen_decimal)
            return FALSE;
          if (group_sep != NULL && digits_in_group != 3)
            return FALSE;
          seen_decimal = TRUE;
          buf[bl++] = '.';
          p++;
          digits_in_group = 0;
          continue;
        }

      if ((*p == 'e' || *p == 'E') && n_digits > 0 && group_sep == NULL)
        {
          const char *q = p + 1;

          if (q < end && (*q == '+' || *q == '-'))
            q++;
          if (q < end && is_digit (*q))
            {
              buf[bl++] = 'e';
              if (p[1] == '-')
                buf[bl++] = '-';
              p = q;
              while (p < end && is_digit (*p))
                {
                  if (bl >= sizeof buf - 2)
                    return FALSE;
                  buf[bl++] = *p++;
                }
              break;
            }
          break;
        }

      n = group_sep_len (p, end, decimal_mark);
      if (n > 0 && !seen_decimal && n_digits > 0)
        {
          /* A separator must be followed by a digit; a space that is not is the gap
           * before a currency code ("12 EUR"). */
          if (p + n >= end || !is_digit (p[n]))
            {
              if (space_len (p, end) > 0)
                break;
              return FALSE;
            }
          if (group_sep == NULL)
            {
              if (digits_in_group < 1 || digits_in_group > 3)
                return FALSE;
              group_sep = p;
              group_sep_n = n;
            }
          else if (n != group_sep_n || memcmp (p, group_sep, n) != 0 || digits_in_group != 3)
            return FALSE;
          digits_in_group = 0;
          p += n;
          continue;
        }
      break;
    }

  if (n_digits == 0)
    return FALSE;
  if (group_sep != NULL && !seen_decimal && digits_in_group != 3)
    return FALSE;

  p = skip_spaces (p, end);
  if (!currency && p < end)
    {
      const char *q = skip_currency (p, end);

      if (q != p)
        p = skip_spaces (q, end);
    }
  if (paren)
    {
      if (p < end && *p == ')')
        p = skip_spaces (p + 1, end);
      else
        return FALSE;
    }
  if (p != end)
    return FALSE;

  buf[bl] = '\0';
  v = g_ascii_strtod (buf, &endptr);
  if (*endptr != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/**
 * sc_parse_number:
 * @s: a cell value
 * @decimal_mark: '.' or ','
 * @out: (out): the value
 *
 * Parses a number as written in exports and spreadsheets: "1234.5", "-12", "1,234.50",
 * "1.234,50" (with @decimal_mark ','), "1 234,50" (with U+00A0 or U+202F too), "1'234.50",
 * currency markers before or after ("€ 12,50", "$1,200", "12.50 EUR", "US$ 5"),
 * accounting negatives "(12.00)", exponents without grouping ("1.5E+03").  Thousands
 * separators must group by three.  Anything else, such as "12abc", "1.2.3" (with '.' as
 * decimal mark), "12-" or an empty string, is rejected.
 *
 * Returns: %TRUE when @s is a number; @out is then set
 */
gboolean
sc_parse_number (const char *s,
                 char        decimal_mark,
                 double     *out)
{
  const char *p = s;
  gboolean neg = FALSE;
  guint64 mant = 0;
  int n_digits = 0, n_frac = 0;

  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (decimal_mark == '.' || decimal_mark == ',', FALSE);

  if (*p == '-')
    {
      neg = TRUE;
      p++;
    }
  while (is_digit (*p))
    {
      mant = mant * 10 + (guint64) (*p - '0');
      n_digits++;
      p++;
    }
  if (*p == decimal_mark)
    {
      p++;
      while (is_digit (*p))
        {
          mant = mant * 10 + (guint64) (*p - '0');
          n_digits++;
          n_frac++;
          p++;
        }
    }
  if (*p == '\0' && n_digits > 0 && n_digits <= 15)
    {
      double v = (double) mant;

      if (n_frac > 0)
        v /= pow10_exact[n_frac];
      *out = neg ? -v : v;
      return TRUE;
    }

  return parse_number_slow (s, decimal_mark, out);
}

/**
 * sc_parse_amount:
 * @s: a cell value
 * @decimal_mark: '.' or ','
 * @out: (out): the amount
 *
 * Parses a money amount; accepts exactly what sc_parse_number() accepts.
 *
 * Returns: %TRUE when @s is an amount; @out is then set
 */
gboolean
sc_parse_amount (const char *s,
                 char        decimal_mark,
                 double     *out)
{
  return sc_parse_number (s, decimal_mark, out);
}

/**
 * sc_parse_bool:
 * @s: a cell value
 * @out: (out): the value
 *
 * Parses a yes/no value such as a marketing consent: yes/no, y/n, true/false, t/f, 1/0,
 * on/off, opt-in/opt-out (also "optin", "opted in", …), subscribed/unsubscribed,
 * granted/denied, in any case and with surrounding white space.
 *
 * Returns: %TRUE when @s is a yes/no value; @out is then set
 */
gboolean
sc_parse_bool (const char *s,
               gboolean   *out)
{
  static const char * const yes[] = {
    "yes", "y", "true", "t", "1", "on", "opt-in", "optin", "opt in", "opted-in", "opted in",
    "subscribed", "granted",
  };
  static const char * const no[] = {
    "no", "n", "false", "f", "0", "off", "opt-out", "optout", "opt out", "opted-out",
    "opted out", "unsubscribed", "denied",
  };
  const char *b, *e;

  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  trim (s, &b, &e);
  if (b == e || e - b > 12)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (token_equal (b, e, yes[i]))
      {
        *out = TRUE;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (token_equal (b, e, no[i]))
      {
        *out = FALSE;
        return TRUE;
      }
  return FALSE;
}

/* Calendar */

static inline gboolean
is_leap (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return month == 2 && is_leap (year) ? 29 : days[month - 1];
}

/**
 * sc_date_is_valid:
 * @year: the year, 1..9999
 * @month: the month, 1..12
 * @mday: the day of the month
 *
 * Returns: whether the date exists in the Gregorian calendar
 */
gboolean
sc_date_is_valid (int year,
                  int month,
                  int mday)
{
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
         mday >= 1 && mday <= days_in_month (year, month);
}

/**
 * sc_day_from_ymd:
 * @year: the year
 * @month: the month, 1..12
 * @mday: the day of the month, 1..31
 *
 * Counts days from 1970-01-01 (day 0) on the proleptic Gregorian calendar.  The date is not
 * validated; see sc_date_is_valid().
 *
 * Returns: the day number
 */
ScDay
sc_day_from_ymd (int year,
                 int month,
                 int mday)
{
  /* Howard Hinnant's days_from_civil: years start on 1 March so that the leap day is the
   * last day of the year, and 400-year eras repeat exactly. */
  gint64 y = (gint64) year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (ScDay) (era * 146097 + doe - 719468);
}

/**
 * sc_day_to_ymd:
 * @day: a day number
 * @year: (out) (optional): the year
 * @month: (out) (optional): the month, 1..12
 * @mday: (out) (optional): the day of the month, 1..31
 *
 * The inverse of sc_day_from_ymd().
 */
void
sc_day_to_ymd (ScDay  day,
               int   *year,
               int   *month,
               int   *mday)
{
  gint64 z = (gint64) day + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 y = yoe + era * 400;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int d = (int) (doy - (153 * mp + 2) / 5 + 1);
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  if (m <= 2)
    y++;
  if (year)
    *year = (int) y;
  if (month)
    *month = m;
  if (mday)
    *mday = d;
}

/**
 * sc_day_format:
 * @day: a day number
 *
 * Returns: (transfer full): the ISO 8601 date, such as "2024-03-05"
 */
char *
sc_day_format (ScDay day)
{
  int y, m, d;

  sc_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/* Date syntax */

typedef enum
{
  FORM_NONE,
  FORM_ISO,       /* a = year (4 digits), b = month, c = day */
  FORM_YYYYMMDD,  /* a = year, b = month, c = day */
  FORM_SHORT,     /* a, b = day and month in some order, c = year (2 or 4 digits) */
  FORM_NAMED,     /* a = year as written, b = month, c = day; a month name was used */
} DateForm;

typedef struct
{
  DateForm form;
  int      a, b, c;
  int      na, nc;
} DateParts;

static const char *
read_int (const char *p,
          const char *end,
          int         max_digits,
          int        *value,
          int        *n_digits)
{
  int v = 0, n = 0;

  while (p < end && is_digit (*p) && n < max_digits)
    {
      v = v * 10 + (*p - '0');
      p++;
      n++;
    }
  *value = v;
  *n_digits = n;
  return p;
}

/* Reads an English month name or abbreviation ("Mar", "March", "Sept", "mar."). */
static const char *
read_month_name (const char *p,
                 const char *end,
                 int        *month)
{
  static const char * const names[12] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  };
  const char *q = p;
  gsize len;

  while (q < end && g_ascii_isalpha (*q))
    q++;
  len = q - p;
  if (len < 3)
    return NULL;

  for (int i = 0; i < 12; i++)
    {
      if ((len == 3 || len == strlen (names[i])) && g_ascii_strncasecmp (p, names[i], len) == 0)
        {
          *month = i + 1;
          return (q < end && *q == '.') ? q + 1 : q;
        }
    }
  if (len == 4 && g_ascii_strncasecmp (p, "sept", 4) == 0)
    {
      *month = 9;
      return (q < end && *q == '.') ? q + 1 : q;
    }
  return NULL;
}

/* A time of day after a date: "13:45", "13:45:10", "13:45:10.123", "1:45 PM", optionally
 * followed by a zone ("Z", "+02:00", "-0500", "UTC").  The date is kept as written: a zone
 * does not move it to another day. */
static gboolean
parse_time (const char *p,
            const char *end)
{
  int h, m, s = 0, n;

  p = read_int (p, end, 2, &h, &n);
  if (n == 0 || p >= end || *p != ':')
    return FALSE;
  p = read_int (p + 1, end, 2, &m, &n);
  if (n != 2 || m > 59)
    return FALSE;
  if (p < end && *p == ':')
    {
      p = read_int (p + 1, end, 2, &s, &n);
      if (n != 2 || s > 60)
        return FALSE;
      if (p < end && (*p == '.' || *p == ','))
        {
          p++;
          if (p >= end || !is_digit (*p))
            return FALSE;
          while (p < end && is_digit (*p))
            p++;
        }
    }

  p = skip_spaces (p, end);
  if (end - p >= 2 && (p[0] == 'a' || p[0] == 'A' || p[0] == 'p' || p[0] == 'P') &&
      (p[1] == 'm' || p[1] == 'M'))
    {
      if (h < 1 || h > 12)
        return FALSE;
      p = skip_spaces (p + 2, end);
    }
  else if (h > 23)
    return FALSE;

  if (p < end && *p == 'Z')
    p++;
  else if (end - p >= 3 && (g_ascii_strncasecmp (p, "UTC", 3) == 0 ||
                            g_ascii_strncasecmp (p, "GMT", 3) == 0))
    p += 3;

  if (p < end && (*p == '+' || *p == '-'))
    {
      int oh, om;

      p = read_int (p + 1, end, 2, &oh, &n);
      if (n != 2 || oh > 14)
        return FALSE;
      if (p < end && *p == ':')
        p++;
      if (p < end)
        {
          p = read_int (p, end, 2, &om, &n);
          if (n != 2 || om > 59)
            return FALSE;
        }
    }

  return skip_spaces (p, end) == end;
}

/* After the date: nothing, or 'T' or white space and a time. */
static gboolean
parse_date_tail (const char *p,
                 const char *end)
{
  const char *q;

  if (p == end)
    return TRUE;
  if (*p == 'T')
    return parse_time (p + 1, end);
  q = skip_spaces (p, end);
  if (q == p)
    return FALSE;
  return parse_time (q, end);
}

/* The end of a date written with a month name, once its day and month are read: an optional
 * comma, the year (2 or 4 digits) and the tail. */
static gboolean
parse_named_year (const char *p,
                  const char *end,
                  int         day,
                  int         month,
                  DateParts  *dp)
{
  int year, n_year;

  if (p < end && *p == ',')
    p++;
  p = skip_spaces (p, end);
  p = read_int (p, end, 5, &year, &n_year);
  if (n_year != 2 && n_year != 4)
    return FALSE;
  dp->form = FORM_NAMED;
  dp->a = year;
  dp->na = n_year;
  dp->b = month;
  dp->c = day;
  return parse_date_tail (p, end);
}

static gboolean
parse_date_parts (const char *s,
                  DateParts  *dp)
{
  const char *p, *end;
  int a, na, b, nb, c, nc;

  memset (dp, 0, sizeof *dp);
  trim (s, &p, &end);
  if (p == end)
    return FALSE;

  if (is_digit (*p))
    {
      p = read_int (p, end, 9, &a, &na);

      if (na == 8 && (p == end || *p == 'T' || *p == ' '))
        {
          dp->form = FORM_YYYYMMDD;
          dp->a = a / 10000;
          dp->b = a / 100 % 100;
          dp->c = a % 100;
          return parse_date_tail (p, end);
        }

      if (p < end && (*p == '-' || *p == '/' || *p == '.'))
        {
          char sep = *p++;

          if (p < end && g_ascii_isalpha (*p))
            {
              /* 5-Mar-2024, 05-MAR-24, 2024-Mar-05 */
              p = read_month_name (p, end, &b);
              if (p == NULL || p >= end || *p != sep)
                return FALSE;
              p = read_int (p + 1, end, 4, &c, &nc);
              dp->form = FORM_NAMED;
              dp->b = b;
              if (na == 4 && nc >= 1 && nc <= 2)
                {
                  dp->a = a;
                  dp->na = 4;
                  dp->c = c;
                }
              else if (na >= 1 && na <= 2 && (nc == 2 || nc == 4))
                {
                  dp->a = c;
                  dp->na = nc;
                  dp->c = a;
                }
              else
                return FALSE;
              return parse_date_tail (p, end);
            }

          p = read_int (p, end, 3, &b, &nb);
          if (nb < 1 || nb > 2 || p >= end || *p != sep)
            return FALSE;
          p = read_int (p + 1, end, 5, &c, &nc);

          if (na == 4 && nc >= 1 && nc <= 2)
            {
              dp->form = FORM_ISO;
              dp->a = a;
              dp->na = 4;
              dp->b = b;
              dp->c = c;
            }
          else if (na >= 1 && na <= 2 && (nc == 2 || nc == 4))
            {
              dp->form = FORM_SHORT;
              dp->a = a;
              dp->na = na;
              dp->b = b;
              dp->c = c;
              dp->nc = nc;
            }
          else
            return FALSE;
          return parse_date_tail (p, end);
        }

      if (na >= 1 && na <= 2 && p < end && *p == ' ')
        {
          /* 5 Mar 2024, 5 March, 2024 */
          p = skip_spaces (p, end);
          p = read_month_name (p, end, &b);
          if (p == NULL)
            return FALSE;
          return parse_named_year (p, end, a, b, dp);
        }
      return FALSE;
    }

  if (g_ascii_isalpha (*p))
    {
      /* Mar 5, 2024; March 5 2024 */
      p = read_month_name (p, end, &b);
      if (p == NULL)
        return FALSE;
      p = skip_spaces (p, end);
      p = read_int (p, end, 3, &a, &na);
      if (na < 1 || na > 2)
        return FALSE;
      return parse_named_year (p, end, a, b, dp);
    }

  return FALSE;
}

static inline int
expand_year (int year,
             int n_digits)
{
  if (n_digits == 2)
    return year < 70 ? 2000 + year : 1900 + year;
  return year;
}

static gboolean
resolve_date (const DateParts *dp,
              ScDateOrder      order,
              ScDay           *out)
{
  int y, m, d;

  switch (dp->form)
    {
    case FORM_ISO:
      y = dp->a;
      m = dp->b;
      d = dp->c;
      break;

    case FORM_YYYYMMDD:
      /* Eight digits are a date only in a plausible range; otherwise they are a number. */
      if (dp->a < 1800 || dp->a > 2200)
        return FALSE;
      y = dp->a;
      m = dp->b;
      d = dp->c;
      break;

    case FORM_NAMED:
      y = expand_year (dp->a, dp->na);
      m = dp->b;
      d = dp->c;
      break;

    case FORM_SHORT:
      {
        gboolean day_first;

        if (order == SC_DATE_ORDER_YMD && dp->na == 2 && dp->nc == 2)
          {
            y = expand_year (dp->a, 2);
            m = dp->b;
            d = dp->c;
            break;
          }

        if (order == SC_DATE_ORDER_DMY)
          day_first = TRUE;
        else if (order == SC_DATE_ORDER_MDY)
          day_first = FALSE;
        else if (dp->a == dp->b)
          day_first = TRUE;
        else
          return FALSE;

        y = expand_year (dp->c, dp->nc);
        m = day_first ? dp->b : dp->a;
        d = day_first ? dp->a : dp->b;
      }
      break;

    case FORM_NONE:
    default:
      return FALSE;
    }

  if (!sc_date_is_valid (y, m, d))
    return FALSE;
  *out = sc_day_from_ymd (y, m, d);
  return TRUE;
}

/**
 * sc_parse_date:
 * @s: a cell value
 * @order: how to read "05/03/2024": %SC_DATE_ORDER_DMY, %SC_DATE_ORDER_MDY, or
 *   %SC_DATE_ORDER_AUTO (or the year-first orders) to accept of the day/month forms only
 *   those that read the same day either way ("05/05/2024"): even "31/12/2024" is left to
 *   an explicit order, so that what %SC_DATE_ORDER_AUTO accepts never contradicts one.
 *   Resolve a column's order with #ScDateSniffer first.
 * @out: (out): the day number
 *
 * Parses a date, with an optional time of day that is checked and dropped: ISO
 * "2024-03-05", "2024-03-05T10:11:12Z", "2024-03-05 10:11", "2024/03/05", "20240305",
 * day or month first "05/03/2024", "5.3.2024", "05-03-24", with month names "5 Mar 2024",
 * "05-Mar-24", "March 5, 2024", and times "13:45", "13:45:10", "1:45 PM", "+02:00".
 * Two-digit years 00-69 are 20xx, 70-99 are 19xx.  With %SC_DATE_ORDER_YMD, "24-03-05" is
 * read year first.  Impossible dates (31/02/2024) are rejected.
 *
 * Returns: %TRUE when @s is a date; @out is then set
 */
gboolean
sc_parse_date (const char  *s,
               ScDateOrder  order,
               ScDay       *out)
{
  DateParts dp;

  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (is_digit (s[0]) && is_digit (s[1]) && is_digit (s[2]) && is_digit (s[3]) && s[4] == '-' &&
      is_digit (s[5]) && is_digit (s[6]) && s[7] == '-' && is_digit (s[8]) && is_digit (s[9]) &&
      s[10] == '\0')
    {
      int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
      int m = (s[5] - '0') * 10 + (s[6] - '0');
      int d = (s[8] - '0') * 10 + (s[9] - '0');

      if (!sc_date_is_valid (y, m, d))
        return FALSE;
      *out = sc_day_from_ymd (y, m, d);
      return TRUE;
    }

  if (!parse_date_parts (s, &dp))
    return FALSE;
  return resolve_date (&dp, order, out);
}

/**
 * sc_date_sniffer_add:
 * @s: a sniffer
 * @value: a cell value; missing values are ignored
 *
 * Counts the form of one value of a date column.
 */
void
sc_date_sniffer_add (ScDateSniffer *s,
                     const char    *value)
{
  DateParts dp;
  ScDay day;

  g_return_if_fail (s != NULL);
  g_return_if_fail (value != NULL);

  if (sc_value_is_missing (value))
    return;
  s->n++;

  if (!parse_date_parts (value, &dp))
    {
      s->bad++;
      return;
    }

  switch (dp.form)
    {
    case FORM_ISO:
      if (resolve_date (&dp, SC_DATE_ORDER_YMD, &day))
        s->iso++;
      else
        s->bad++;
      break;

    case FORM_YYYYMMDD:
      if (resolve_date (&dp, SC_DATE_ORDER_YYYYMMDD, &day))
        s->yyyymmdd++;
      else
        s->bad++;
      break;

    case FORM_NAMED:
      if (resolve_date (&dp, SC_DATE_ORDER_AUTO, &day))
        s->either++;
      else
        s->bad++;
      break;

    case FORM_SHORT:
      {
        gboolean dmy_ok = resolve_date (&dp, SC_DATE_ORDER_DMY, &day);
        gboolean mdy_ok = resolve_date (&dp, SC_DATE_ORDER_MDY, &day);

        if (dmy_ok && mdy_ok)
          s->either++;
        else if (dmy_ok)
          s->dmy_only++;
        else if (mdy_ok)
          s->mdy_only++;
        else
          s->bad++;
      }
      break;

    case FORM_NONE:
    default:
      s->bad++;
      break;
    }
}

/**
 * sc_date_sniffer_result:
 * @s: a sniffer
 *
 * Chooses the date order for the column: the most common form wins; among day/month
 * values, day first unless more values can only be month first.
 *
 * Returns: %SC_DATE_ORDER_YMD, %SC_DATE_ORDER_YYYYMMDD, %SC_DATE_ORDER_DMY or
 *   %SC_DATE_ORDER_MDY; %SC_DATE_ORDER_AUTO when no value was a date
 */
ScDateOrder
sc_date_sniffer_result (const ScDateSniffer *s)
{
  guint64 slash;

  g_return_val_if_fail (s != NULL, SC_DATE_ORDER_AUTO);

  slash = s->dmy_only + s->mdy_only + s->either;
  if (s->iso + s->yyyymmdd + slash == 0)
    return SC_DATE_ORDER_AUTO;
  if (s->iso >= s->yyyymmdd && s->iso >= slash)
    return SC_DATE_ORDER_YMD;
  if (s->yyyymmdd >= slash)
    return SC_DATE_ORDER_YYYYMMDD;
  return s->mdy_only > s->dmy_only ? SC_DATE_ORDER_MDY : SC_DATE_ORDER_DMY;
}
