/* sc-format.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Numbers for people: the one formatter behind the charts, the report, the CLI and the
 * application's labels, so that a share or an amount reads the same wherever it is shown.
 *
 * Digit grouping is done here rather than with glibc's ' printf flag: the C locale has no
 * thousands separator, and a count of a million customers should still read "1,000,000"
 * (in the report, in a test, in a terminal). */

#include "config.h"

#include "sc-format.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <math.h>
#include <string.h>


static void
locale_marks (const char **thousands,
              const char **decimal)
{
  /* nl_langinfo reads the thread's locale; unlike localeconv it shares no static buffer
   * that another thread rewrites. */
  const char *d = nl_langinfo (RADIXCHAR);
  const char *t = nl_langinfo (THOUSEP);

  if (d == NULL || *d == '\0')
    d = ".";
  if (t == NULL || *t == '\0')
    t = strcmp (d, ",") == 0 ? "." : ",";

  *thousands = t;
  *decimal = d;
}

static int
auto_decimals (double value)
{
  double a = fabs (value);

  for (int d = 0; d < 2; d++)
    {
      double scaled = a * pow (10.0, d);

      if (fabs (scaled - round (scaled)) < 1e-6 * MAX (1.0, scaled))
        return d;
    }
  return 2;
}

static void
append_grouped (GString    *s,
                guint64     integer,
                const char *thousands)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" PRIu64, integer);

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (s, thousands);
      g_string_append_c (s, digits[i]);
    }
}

/**
 * sc_format_number:
 * @value: a number
 * @decimals: digits after the decimal mark, or -1 for as few as needed, up to 2
 *
 * Formats with the locale's decimal mark and thousands separator; without a thousands
 * separator in the locale (the C locale), ',' is used, or '.' where the decimal mark is
 * ','.  1234567 gives "1,234,567" in the C locale.
 *
 * Returns: (transfer full): the text
 */
char *
sc_format_number (double value,
                  int    decimals)
{
  const char *thousands, *decimal;
  GString *s;
  guint64 scaled, integer, fraction, pow10 = 1;

  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");

  if (decimals < 0)
    decimals = auto_decimals (value);
  decimals = MIN (decimals, 6);
  for (int i = 0; i < decimals; i++)
    pow10 *= 10;

  if (fabs (value) * pow10 >= 9e15)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.3g", value));
    }

  locale_marks (&thousands, &decimal);
  scaled = (guint64) llround (fabs (value) * pow10);
  integer = scaled / pow10;
  fraction = scaled % pow10;

  s = g_string_new (NULL);
  if (value < 0 && scaled != 0)
    g_string_append_c (s, '-');

  append_grouped (s, integer, thousands);

  if (decimals > 0)
    {
      g_string_append (s, decimal);
      g_string_append_printf (s, "%0*" PRIu64, decimals, fraction);
    }

  return g_string_free (s, FALSE);
}

/**
 * sc_format_count:
 * @count: a number of things
 *
 * Like sc_format_number() with no decimals, exact over the whole range of @count (a
 * double would round counts beyond 2^53).
 *
 * Returns: (transfer full): the text, as in "1,234,567"
 */
char *
sc_format_count (guint64 count)
{
  const char *thousands, *decimal;
  GString *s = g_string_new (NULL);

  locale_marks (&thousands, &decimal);
  append_grouped (s, count, thousands);
  return g_string_free (s, FALSE);
}

/**
 * sc_format_compact:
 * @value: a number
 *
 * Like sc_format_number() with as few decimals as needed below a million, and with a
 * suffix from a million on: "2.5M", "3B".
 *
 * Returns: (transfer full): the text
 */
char *
sc_format_compact (double value)
{
  static const double factors[] = { 1e12, 1e9, 1e6 };

  if (isfinite (value))
    {
      for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
        if (fabs (value) >= factors[i])
          {
            double scaled = value / factors[i];
            g_autofree char *number = sc_format_number (scaled, fabs (scaled) >= 100 ? 0 : -1);

            switch (i)
              {
              case 0:
                /* Translators: a number of trillions, as in "2.5T" */
                return g_strdup_printf (_("%sT"), number);
              case 1:
                /* Translators: a number of billions, as in "2.5B" */
                return g_strdup_printf (_("%sB"), number);
              default:
                /* Translators: a number of millions, as in "2.5M" */
                return g_strdup_printf (_("%sM"), number);
              }
          }
    }

  return sc_format_number (value, -1);
}

/**
 * sc_format_currency:
 * @value: an amount
 * @symbol: (nullable): put before the number, as in "$1,234"
 *
 * Amounts of 100 and more show no cents; smaller ones show two decimals unless whole.
 *
 * Returns: (transfer full): the text
 */
char *
sc_format_currency (double      value,
                    const char *symbol)
{
  g_autofree char *number = NULL;
  int decimals;

  if (!isfinite (value))
    return sc_format_number (value, 0);

  decimals = fabs (value) >= 100 || auto_decimals (value) == 0 ? 0 : 2;
  number = sc_format_number (fabs (value), decimals);

  return g_strdup_printf ("%s%s%s", value < 0 && strcmp (number, "0") != 0 ? "-" : "",
                          symbol != NULL ? symbol : "", number);
}

/**
 * sc_format_money:
 * @value: an amount
 * @code: (nullable): the currency's ISO 4217 code
 *
 * Like sc_format_currency() with the code before the number and a no-break space between
 * them, so that the code stays with its number in narrow cells: "EUR 1,234".  Without a
 * code, a plain number.
 *
 * Returns: (transfer full): the text
 */
char *
sc_format_money (double      value,
                 const char *code)
{
  g_autofree char *prefix = NULL;

  if (code != NULL && *code != '\0')
    prefix = g_strconcat (code, "\u00a0", NULL);
  return sc_format_currency (value, prefix);
}

/**
 * sc_format_days:
 * @days: a number of days
 *
 * Returns: (transfer full): "1 day", "45 days", "1,200 days" (rounded to whole days)
 */
char *
sc_format_days (double days)
{
  g_autofree char *number = NULL;
  double rounded;

  if (!isfinite (days))
    return sc_format_number (days, 0);

  rounded = round (days);
  number = sc_format_number (rounded, 0);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                       (gulong) MIN (fabs (rounded), (double) G_MAXULONG)),
                          number);
}

/**
 * sc_format_percent:
 * @fraction: a share, 1.0 being 100 %
 * @decimals: digits after the decimal mark, or -1 to choose: none from 10 % up, one
 *   below (dropped when zero), and "<0.1%" for tiny non-zero shares
 *
 * Returns: (transfer full): "12%", "4.5%", "<0.1%"
 */
char *
sc_format_percent (double fraction,
                   int    decimals)
{
  g_autofree char *number = NULL;
  double p = fraction * 100.0;

  if (!isfinite (p))
    return sc_format_number (p, 0);

  if (decimals < 0)
    {
      if (p != 0.0 && fabs (p) < 0.05)
        {
          /* Translators: a share too small to show, as in "<0.1%" */
          return g_strdup (p > 0 ? _("<0.1%") : _(">-0.1%"));
        }
      if (fabs (p) >= 9.95)
        decimals = 0;
      else
        decimals = fmod (fabs (round (p * 10)), 10) == 0 ? 0 : 1;
    }

  number = sc_format_number (p, decimals);
  /* Translators: a percentage, as in "12%" */
  return g_strdup_printf (_("%s%%"), number);
}
