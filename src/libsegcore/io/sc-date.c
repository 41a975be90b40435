/* sc-date.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Dates as people and shop systems write them ("2024-03-05", "5.3.2024", "03/05/24",
 * "5 Mar 2024", "20240305", with or without a time), turned into day numbers by a
 * civil-from-days algorithm on the proleptic Gregorian calendar: no mktime, no time zones,
 * no locale.  The order of day and month is a property of a whole column, which the date
 * sniffer decides from the values that can be read only one way.
 *
 * Timestamps with a UTC offset or "Z" ("2024-03-05T23:30:00-05:00", "2024-03-05 10:11:12
 * +0100", "2024-03-05T10:11:12Z") belong to the calendar day written in them: the local day
 * of the place and offset the system recorded, never the day in UTC.  A shop's export
 * writes its orders in the shop's time zone, so an order at 23:30 in New York belongs to
 * that evening's day, as the shop's own reports count it; moving it to UTC would put every
 * late order of a western shop on the next day, and a file that mixes offsets (summer and
 * winter time) would shift some of its days and not others.  A timestamp written in UTC
 * ("Z", Stripe's "Created (UTC)") is then counted in UTC days.  The offset itself is
 * checked (hours 0 to 14, minutes 00 to 59), so a malformed one makes the value unreadable
 * rather than read by luck of its date part. */

#include "config.h"

#include <string.h>

#include "sc-value-private.h"

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

  while (p < end && _sc_value_is_digit (*p) && n < max_digits)
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
 * followed by a zone ("Z", "+02:00", "-0500", "+05", "UTC", "GMT+1", "+0000 UTC",
 * "+01:00 (CET)").  The date is kept as written: a zone does not move it to another day
 * (see the top of the file). */
static gboolean
parse_time (const char *p,
            const char *end)
{
  int h, m, s = 0, n;
  gboolean named = FALSE;

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
          if (p >= end || !_sc_value_is_digit (*p))
            return FALSE;
          while (p < end && _sc_value_is_digit (*p))
            p++;
        }
    }

  p = _sc_value_skip_spaces (p, end);
  if (end - p >= 2 && (p[0] == 'a' || p[0] == 'A' || p[0] == 'p' || p[0] == 'P') &&
      (p[1] == 'm' || p[1] == 'M'))
    {
      if (h < 1 || h > 12)
        return FALSE;
      p = _sc_value_skip_spaces (p + 2, end);
    }
  else if (h > 23)
    return FALSE;

  if (p < end && *p == 'Z')
    p++;
  else if (end - p >= 3 && (g_ascii_strncasecmp (p, "UTC", 3) == 0 ||
                            g_ascii_strncasecmp (p, "GMT", 3) == 0))
    {
      p += 3;
      named = TRUE;
    }

  if (p < end && (*p == '+' || *p == '-'))
    {
      int oh, om;

      p = read_int (p + 1, end, 2, &oh, &n);
      /* "GMT+1" has one digit; a bare offset has two ("+01", "+0100", "+01:00") */
      if (n < (named ? 1 : 2) || oh > 14)
        return FALSE;
      if (p < end && *p == ':')
        p++;
      if (p < end)
        {
          p = read_int (p, end, 2, &om, &n);
          if (n != 2 || om > 59)
            return FALSE;
        }
      /* a zone's abbreviation after its offset: "+0000 UTC", "+01:00 (CET)" */
      p = _sc_value_skip_spaces (p, end);
      if (p < end && *p == '(')
        {
          const char *close = memchr (p, ')', end - p);
          if (close == NULL)
            return FALSE;
          p = close + 1;
        }
      else
        {
          const char *q = p;
          while (q < end && q - p < 6 && g_ascii_isupper (*q))
            q++;
          if (q - p >= 2 && q - p <= 5)
            p = q;
        }
    }

  return _sc_value_skip_spaces (p, end) == end;
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
  q = _sc_value_skip_spaces (p, end);
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
  p = _sc_value_skip_spaces (p, end);
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
  _sc_value_trim (s, &p, &end);
  if (p == end)
    return FALSE;

  if (_sc_value_is_digit (*p))
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
          p = _sc_value_skip_spaces (p, end);
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
      p = _sc_value_skip_spaces (p, end);
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
 * "05-Mar-24", "March 5, 2024", and times "13:45", "13:45:10", "1:45 PM", with a zone "Z",
 * "+02:00", "-0500".  A timestamp with a zone belongs to the day written in it (the local
 * day at its offset), not to the day in UTC.
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

  if (_sc_value_is_digit (s[0]) && _sc_value_is_digit (s[1]) && _sc_value_is_digit (s[2]) && _sc_value_is_digit (s[3]) && s[4] == '-' &&
      _sc_value_is_digit (s[5]) && _sc_value_is_digit (s[6]) && s[7] == '-' && _sc_value_is_digit (s[8]) && _sc_value_is_digit (s[9]) &&
      s[10] == '\0')
    {
      guint y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
      guint m = (s[5] - '0') * 10 + (s[6] - '0');
      guint d = (s[8] - '0') * 10 + (s[9] - '0');
      guint yy, era, yoe, doy, doe;

      /* sc_date_is_valid() and sc_day_from_ymd() for a year of four digits, where
       * everything is non-negative: the same days in unsigned arithmetic, inline (every
       * row of an orders file comes here) */
      if (y == 0 || m == 0 || m > 12 || d == 0 ||
          d > (guint) days_in_month ((int) y, (int) m))
        return FALSE;
      yy = y - (m <= 2);
      era = yy / 400;
      yoe = yy - era * 400;
      doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
      doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
      *out = (ScDay) ((gint64) era * 146097 + doe - 719468);
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
