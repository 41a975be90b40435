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
 * parser for everything else.  Dates are parsed in sc-date.c.
 */

#include "sc-value-private.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* Exact powers of ten: any integer below 2^53 divided by one of these is correctly rounded,
 * so the fast path gives the same double as strtod. */
static const double pow10_exact[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

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

const char *
_sc_value_skip_spaces (const char *p,
                       const char *end)
{
  int n;

  while (p < end && (n = space_len (p, end)) > 0)
    p += n;
  return p;
}

void
_sc_value_trim (const char  *s,
                const char **begin,
                const char **end)
{
  const char *b = s;
  const char *e = s + strlen (s);
  int n;

  b = _sc_value_skip_spaces (b, e);
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
  if (_sc_value_is_digit (s[0]))
    return FALSE;
  /* Nor a plain id: no marker starts with another ASCII letter, and a letter is no space. */
  if (g_ascii_isalpha (s[0]) && s[0] != 'n' && s[0] != 'N')
    return FALSE;

  _sc_value_trim (s, &b, &e);
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

/* Whether the digits before the exponent of @buf (as parse_number_slow() builds it) are not
 * all zero. */
static gboolean
has_nonzero_mantissa (const char *buf)
{
  for (const char *p = buf; *p != '\0' && *p != 'e'; p++)
    if (*p >= '1' && *p <= '9')
      return TRUE;
  return FALSE;
}

static ScNumberResult
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

  _sc_value_trim (s, &p, &end);
  if (p == end)
    return SC_NUMBER_INVALID;

  /* Sign, parenthesis and currency may come in any order before the digits: "-$12",
   * "$-12", "€ -12,50", "($12.00)". */
  for (;;)
    {
      const char *q;

      if (*p == '(' && !paren && !sign)
        {
          paren = TRUE;
          p = _sc_value_skip_spaces (p + 1, end);
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
          p = _sc_value_skip_spaces (q, end);
          continue;
        }
      break;
    }

  if (neg || paren)
    buf[bl++] = '-';

  while (p < end)
    {
      int n;

      if (_sc_value_is_digit (*p))
        {
          if (bl >= sizeof buf - 8)
            return SC_NUMBER_INVALID;
          buf[bl++] = *p++;
          n_digits++;
          digits_in_group++;
          continue;
        }

      if (*p == decimal_mark)
        {
          if (seen_decimal)
            return SC_NUMBER_INVALID;
          if (group_sep != NULL && digits_in_group != 3)
            return SC_NUMBER_INVALID;
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
          if (q < end && _sc_value_is_digit (*q))
            {
              buf[bl++] = 'e';
              if (p[1] == '-')
                buf[bl++] = '-';
              p = q;
              while (p < end && _sc_value_is_digit (*p))
                {
                  if (bl >= sizeof buf - 2)
                    return SC_NUMBER_INVALID;
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
          if (p + n >= end || !_sc_value_is_digit (p[n]))
            {
              if (space_len (p, end) > 0)
                break;
              return SC_NUMBER_INVALID;
            }
          if (group_sep == NULL)
            {
              if (digits_in_group < 1 || digits_in_group > 3)
                return SC_NUMBER_INVALID;
              group_sep = p;
              group_sep_n = n;
            }
          else if (n != group_sep_n || memcmp (p, group_sep, n) != 0 || digits_in_group != 3)
            return SC_NUMBER_INVALID;
          digits_in_group = 0;
          p += n;
          continue;
        }
      break;
    }

  if (n_digits == 0)
    return SC_NUMBER_INVALID;
  if (group_sep != NULL && !seen_decimal && digits_in_group != 3)
    return SC_NUMBER_INVALID;

  p = _sc_value_skip_spaces (p, end);
  if (!currency && p < end)
    {
      const char *q = skip_currency (p, end);

      if (q != p)
        p = _sc_value_skip_spaces (q, end);
    }
  if (paren)
    {
      if (p < end && *p == ')')
        p = _sc_value_skip_spaces (p + 1, end);
      else
        return SC_NUMBER_INVALID;
    }
  if (p != end)
    return SC_NUMBER_INVALID;

  buf[bl] = '\0';
  v = g_ascii_strtod (buf, &endptr);
  if (*endptr != '\0' || isnan (v))
    return SC_NUMBER_INVALID;
  if (isinf (v))
    return SC_NUMBER_OVERFLOW;
  /* strtod reads a number too small for a double as 0 (or as a subnormal that lost its
   * digits): a non-zero value written as 0 would pass silently. */
  if (fabs (v) < DBL_MIN && (v != 0 || has_nonzero_mantissa (buf)))
    return SC_NUMBER_UNDERFLOW;
  *out = v;
  return SC_NUMBER_OK;
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
 * A value too large for a double ("1e400") or a non-zero value too small to be told from 0
 * ("1e-400") is rejected too; sc_parse_number_checked() says which.
 *
 * Returns: %TRUE when @s is a number; @out is then set
 */
gboolean
sc_parse_number (const char *s,
                 char        decimal_mark,
                 double     *out)
{
  return sc_parse_number_checked (s, decimal_mark, out) == SC_NUMBER_OK;
}

/**
 * sc_parse_number_checked:
 * @s: a cell value
 * @decimal_mark: '.' or ','
 * @out: (out): the value
 *
 * Parses a number as sc_parse_number() does, and says why a value that is written as a
 * number cannot be one.
 *
 * Returns: %SC_NUMBER_OK when @s is a number (@out is then set), else what is wrong
 */
ScNumberResult
sc_parse_number_checked (const char *s,
                         char        decimal_mark,
                         double     *out)
{
  const char *p = s;
  gboolean neg = FALSE;
  guint64 mant = 0;
  int n_digits = 0, n_frac = 0;

  g_return_val_if_fail (s != NULL, SC_NUMBER_INVALID);
  g_return_val_if_fail (out != NULL, SC_NUMBER_INVALID);
  g_return_val_if_fail (decimal_mark == '.' || decimal_mark == ',', SC_NUMBER_INVALID);

  if (*p == '-')
    {
      neg = TRUE;
      p++;
    }
  while (_sc_value_is_digit (*p))
    {
      mant = mant * 10 + (guint64) (*p - '0');
      n_digits++;
      p++;
    }
  if (*p == decimal_mark)
    {
      p++;
      while (_sc_value_is_digit (*p))
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
      return SC_NUMBER_OK;
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

  _sc_value_trim (s, &b, &e);
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
