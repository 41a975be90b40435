/* test-value.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-value.h"

static void
test_missing (void)
{
  const char *missing[] = { "", " ", "\t  ", "NA", "na", "N/A", "n/a", "#N/A", "null", "NULL",
                            "None", "none", "nan", "NaN", "-", " - ", "\xC2\xA0" };
  const char *present[] = { "0", "x", "--", "NAB", "-1", "nothing", "12", "Null value" };

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    g_assert_true (sc_value_is_missing (missing[i]));
  for (guint i = 0; i < G_N_ELEMENTS (present); i++)
    g_assert_false (sc_value_is_missing (present[i]));
}

typedef struct
{
  const char *text;
  char        decimal_mark;
  double      expected;
} AmountCase;

static void
test_amount_forms (void)
{
  const AmountCase ok[] = {
    { "1234.5", '.', 1234.5 },
    { "0", '.', 0 },
    { "-12", '.', -12 },
    { "+7", '.', 7 },
    { ".5", '.', 0.5 },
    { "5.", '.', 5 },
    { "1,234.50", '.', 1234.5 },
    { "1,234,567.89", '.', 1234567.89 },
    { "1.234,50", ',', 1234.5 },
    { "1.234.567,89", ',', 1234567.89 },
    { "12,50", ',', 12.5 },
    { "1234,5", ',', 1234.5 },
    { "1 234,50", ',', 1234.5 },
    { "1\xC2\xA0" "234,50", ',', 1234.5 },       /* U+00A0 */
    { "1\xE2\x80\xAF" "234,50", ',', 1234.5 },   /* U+202F */
    { "1'234.50", '.', 1234.5 },
    { "1\xE2\x80\x99" "234.50", '.', 1234.5 },   /* U+2019 */
    { "€ 12,50", ',', 12.5 },
    { "€12,50", ',', 12.5 },
    { "12,50 €", ',', 12.5 },
    { "$1,200", '.', 1200 },
    { "-$1,200.10", '.', -1200.1 },
    { "$-5", '.', -5 },
    { "US$ 5", '.', 5 },
    { "£3.99", '.', 3.99 },
    { "12.50 EUR", '.', 12.5 },
    { "12.50EUR", '.', 12.5 },
    { "EUR 12.50", '.', 12.5 },
    { "CHF 1'000.00", '.', 1000 },
    { "120 kr", ',', 120 },
    { "(12.00)", '.', -12 },
    { "($1,234.00)", '.', -1234 },
    { "  42.5  ", '.', 42.5 },
    { "1.5E+03", '.', 1500 },
    { "2e-2", '.', 0.02 },
    { "\xE2\x88\x92" "3", '.', -3 },               /* U+2212 minus sign */
    { "1,234", '.', 1234 },
    { "1,234", ',', 1.234 },
    { "0.1", '.', 0.1 },
    { "123456789012.34", '.', 123456789012.34 },
    { "12345678901234567890", '.', 12345678901234567890.0 },
  };
  const AmountCase bad[] = {
    { "", '.', 0 },
    { "   ", '.', 0 },
    { "12abc", '.', 0 },
    { "abc", '.', 0 },
    { "1.2.3", '.', 0 },
    { "12-", '.', 0 },
    { "1,2", '.', 0 },
    { "1.234,50", '.', 0 },
    { "1,234.50", ',', 0 },
    { "12,34,567.00", '.', 0 },
    { "1,23", '.', 0 },
    { "1 2", '.', 0 },
    { "-", '.', 0 },
    { "$", '.', 0 },
    { "(12", '.', 0 },
    { "12)", '.', 0 },
    { "--12", '.', 0 },
    { "1e", '.', 0 },
    { "1e999", '.', 0 },
    { "inf", '.', 0 },
    { "nan", '.', 0 },
    { "12 34 56", ',', 0 },
    { "2024-03-05", '.', 0 },
    { "12.5 eur", '.', 0 },
    { "0x10", '.', 0 },
    { "ACC-0001", '.', 0 },
    { "ABC 12", '.', 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      double v = NAN;

      if (!sc_parse_amount (ok[i].text, ok[i].decimal_mark, &v))
        g_error ("“%s” (decimal %c) was not parsed", ok[i].text, ok[i].decimal_mark);
      if (fabs (v - ok[i].expected) > fabs (ok[i].expected) * 1e-15)
        g_error ("“%s” gave %.17g, expected %.17g", ok[i].text, v, ok[i].expected);
      g_assert_true (sc_parse_number (ok[i].text, ok[i].decimal_mark, &v));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double v = 0;

      if (sc_parse_amount (bad[i].text, bad[i].decimal_mark, &v))
        g_error ("“%s” (decimal %c) was parsed as %g", bad[i].text, bad[i].decimal_mark, v);
    }
}

/* The fast path must give the same double as strtod, bit for bit. */
static void
test_amount_exact (void)
{
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 200000; i++)
    {
      guint64 cents = g_rand_int (rand) * (guint64) g_rand_int_range (rand, 1, 1000);
      int decimals = g_rand_int_range (rand, 0, 6);
      char text[64];
      double v, expected;

      g_snprintf (text, sizeof text, "%s%" G_GUINT64_FORMAT, i % 3 == 0 ? "-" : "", cents);
      if (decimals > 0 && strlen (text) > (gsize) decimals + 1)
        {
          gsize len = strlen (text);

          memmove (text + len - decimals + 1, text + len - decimals, decimals + 1);
          text[len - decimals] = '.';
        }
      expected = g_ascii_strtod (text, NULL);
      g_assert_true (sc_parse_amount (text, '.', &v));
      g_assert_true (v == expected);
    }
  g_rand_free (rand);
}

typedef struct
{
  const char  *text;
  ScDateOrder  order;
  int          y, m, d;
} DateCase;

static void
test_date_forms (void)
{
  const DateCase ok[] = {
    { "2024-03-05", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "2024-03-05", SC_DATE_ORDER_DMY, 2024, 3, 5 },
    { "2024-3-5", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "2024-03-05T10:11:12", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "2024-03-05T10:11:12Z", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "2024-03-05T10:11:12.123456Z", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "2024-03-05T23:59:59+02:00", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "2024-03-05 10:11", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "2024-03-05 10:11:12 +0100", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "2024-03-05 10:11:12 UTC", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "2024/03/05", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "2024.03.05", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "20240305", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "20240305", SC_DATE_ORDER_YYYYMMDD, 2024, 3, 5 },
    { "05/03/2024", SC_DATE_ORDER_DMY, 2024, 3, 5 },
    { "03/05/2024", SC_DATE_ORDER_MDY, 2024, 3, 5 },
    { "5.3.2024", SC_DATE_ORDER_DMY, 2024, 3, 5 },
    { "05-03-24", SC_DATE_ORDER_DMY, 2024, 3, 5 },
    { "05-03-24", SC_DATE_ORDER_MDY, 2024, 5, 3 },
    { "24-03-05", SC_DATE_ORDER_YMD, 2024, 3, 5 },
    { "31/12/1999", SC_DATE_ORDER_DMY, 1999, 12, 31 },
    { "12/31/1999", SC_DATE_ORDER_MDY, 1999, 12, 31 },
    { "05/05/2024", SC_DATE_ORDER_AUTO, 2024, 5, 5 },
    { "12/1/2010 8:26", SC_DATE_ORDER_MDY, 2010, 12, 1 },
    { "05/03/2024 13:45", SC_DATE_ORDER_DMY, 2024, 3, 5 },
    { "05/03/2024 13:45:10", SC_DATE_ORDER_DMY, 2024, 3, 5 },
    { "03/05/2024 1:45 PM", SC_DATE_ORDER_MDY, 2024, 3, 5 },
    { "03/05/2024 12:05am", SC_DATE_ORDER_MDY, 2024, 3, 5 },
    { "01/01/69", SC_DATE_ORDER_DMY, 2069, 1, 1 },
    { "01/01/70", SC_DATE_ORDER_DMY, 1970, 1, 1 },
    { "31/12/99", SC_DATE_ORDER_DMY, 1999, 12, 31 },
    { "01/01/00", SC_DATE_ORDER_DMY, 2000, 1, 1 },
    { "5 Mar 2024", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "05-Mar-2024", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "05-MAR-24", SC_DATE_ORDER_MDY, 2024, 3, 5 },
    { "March 5, 2024", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "Sept 30 2023", SC_DATE_ORDER_AUTO, 2023, 9, 30 },
    { "  2024-03-05  ", SC_DATE_ORDER_AUTO, 2024, 3, 5 },
    { "0001-01-01", SC_DATE_ORDER_AUTO, 1, 1, 1 },
    { "9999-12-31", SC_DATE_ORDER_AUTO, 9999, 12, 31 },
  };
  const DateCase bad[] = {
    { "", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "abc", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "2024-02-30", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "2024-13-01", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "2024-00-10", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "2024-01-00", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "0000-01-01", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "31/02/2024", SC_DATE_ORDER_DMY, 0, 0, 0 },
    { "31/04/2024", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "05/03/2024", SC_DATE_ORDER_AUTO, 0, 0, 0 },   /* ambiguous */
    /* automatic order leaves every day/month form that could be misread to an explicit
     * order, even one that is valid only one way */
    { "31/12/1999", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "12/31/1999", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "24-03-05", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "13/05/2024", SC_DATE_ORDER_MDY, 0, 0, 0 },
    { "05/13/2024", SC_DATE_ORDER_DMY, 0, 0, 0 },
    { "2024-03-05T25:00", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "2024-03-05 10:61", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "2024-03-05 13:00 PM", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "2024-03-05x", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "2024-03/05", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "2024-03-05 banana", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "12345678", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "99991231", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "12.50", SC_DATE_ORDER_DMY, 0, 0, 0 },
    { "1.234.567", SC_DATE_ORDER_DMY, 0, 0, 0 },
    { "5/3", SC_DATE_ORDER_DMY, 0, 0, 0 },
    { "5/3/202", SC_DATE_ORDER_DMY, 0, 0, 0 },
    { "32 Mar 2024", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "5 Foo 2024", SC_DATE_ORDER_AUTO, 0, 0, 0 },
    { "2024", SC_DATE_ORDER_AUTO, 0, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      ScDay day = -1;
      int y, m, d;

      if (!sc_parse_date (ok[i].text, ok[i].order, &day))
        g_error ("“%s” (order %d) was not parsed", ok[i].text, ok[i].order);
      sc_day_to_ymd (day, &y, &m, &d);
      if (y != ok[i].y || m != ok[i].m || d != ok[i].d)
        g_error ("“%s” gave %04d-%02d-%02d", ok[i].text, y, m, d);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      ScDay day;

      if (sc_parse_date (bad[i].text, bad[i].order, &day))
        g_error ("“%s” (order %d) was parsed", bad[i].text, bad[i].order);
    }
}

static void
test_leap_years (void)
{
  ScDay day;

  g_assert_true (sc_parse_date ("2024-02-29", SC_DATE_ORDER_AUTO, &day));
  g_assert_cmpint (day, ==, 19782);
  g_assert_false (sc_parse_date ("2023-02-29", SC_DATE_ORDER_AUTO, &day));
  g_assert_false (sc_parse_date ("1900-02-29", SC_DATE_ORDER_AUTO, &day));
  g_assert_false (sc_parse_date ("1900/02/29", SC_DATE_ORDER_DMY, &day));
  g_assert_true (sc_parse_date ("2000-02-29", SC_DATE_ORDER_AUTO, &day));
  g_assert_true (sc_parse_date ("29/02/2024", SC_DATE_ORDER_DMY, &day));
  g_assert_cmpint (day, ==, 19782);
  g_assert_false (sc_parse_date ("29/02/2023", SC_DATE_ORDER_DMY, &day));
  g_assert_true (sc_parse_date ("02/29/2024", SC_DATE_ORDER_MDY, &day));
  g_assert_false (sc_parse_date ("02/29/2100", SC_DATE_ORDER_MDY, &day));
  g_assert_true (sc_parse_date ("20000229", SC_DATE_ORDER_AUTO, &day));
  g_assert_false (sc_parse_date ("20230229", SC_DATE_ORDER_AUTO, &day));

  g_assert_true (sc_date_is_valid (2024, 2, 29));
  g_assert_false (sc_date_is_valid (2100, 2, 29));
  g_assert_true (sc_date_is_valid (2400, 2, 29));
  g_assert_false (sc_date_is_valid (2024, 4, 31));
}

static void
test_day_numbers (void)
{
  const struct { int y, m, d; ScDay day; } known[] = {
    { 1970, 1, 1, 0 },
    { 1969, 12, 31, -1 },
    { 2000, 3, 1, 11017 },
    { 2024, 3, 5, 19787 },
    { 2024, 1, 1, 19723 },
    { 1900, 3, 1, -25508 },
    { 1, 1, 1, -719162 },
    { 9999, 12, 31, 2932896 },
  };
  int y = 1, m = 1, d = 1;
  ScDay day = sc_day_from_ymd (1, 1, 1);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      int yy, mm, dd;

      g_assert_cmpint (sc_day_from_ymd (known[i].y, known[i].m, known[i].d), ==, known[i].day);
      sc_day_to_ymd (known[i].day, &yy, &mm, &dd);
      g_assert_cmpint (yy, ==, known[i].y);
      g_assert_cmpint (mm, ==, known[i].m);
      g_assert_cmpint (dd, ==, known[i].d);
    }

  /* Walk every day from year 1 to 9999 by counting, independently of the formula. */
  while (y < 10000)
    {
      int yy, mm, dd;

      g_assert_cmpint (sc_day_from_ymd (y, m, d), ==, day);
      sc_day_to_ymd (day, &yy, &mm, &dd);
      if (yy != y || mm != m || dd != d)
        g_error ("day %d gave %d-%d-%d, expected %d-%d-%d", day, yy, mm, dd, y, m, d);

      day++;
      d++;
      if (!sc_date_is_valid (y, m, d))
        {
          d = 1;
          m++;
          if (m > 12)
            {
              m = 1;
              y++;
            }
        }
    }
}

static void
test_day_format (void)
{
  char *s;

  s = sc_day_format (19787);
  g_assert_cmpstr (s, ==, "2024-03-05");
  g_free (s);
  s = sc_day_format (-1);
  g_assert_cmpstr (s, ==, "1969-12-31");
  g_free (s);
  s = sc_day_format (-719162);
  g_assert_cmpstr (s, ==, "0001-01-01");
  g_free (s);
}

static ScDateOrder
sniff (const char * const *values)
{
  ScDateSniffer s = { 0 };

  for (guint i = 0; values[i] != NULL; i++)
    sc_date_sniffer_add (&s, values[i]);
  return sc_date_sniffer_result (&s);
}

static void
test_sniffer (void)
{
  const char *iso[] = { "2024-03-05", "2024-03-06 10:00", "", "NA", NULL };
  const char *compact[] = { "20240305", "20240306", "20231231", NULL };
  const char *dmy[] = { "05/03/2024", "06/03/2024", "25/03/2024", NULL };
  const char *mdy[] = { "03/05/2024", "03/06/2024", "03/25/2024", NULL };
  const char *ambiguous[] = { "05/03/2024", "06/03/2024", "01/02/2024", NULL };
  const char *dotted[] = { "5.3.2024", "31.12.2023", NULL };
  const char *mostly_mdy[] = { "03/13/2024", "03/14/2024", "13/03/2024", NULL };
  const char *junk[] = { "hello", "12.5", "", NULL };
  const char *named[] = { "5 Mar 2024", "March 6, 2024", NULL };
  ScDateSniffer s = { 0 };

  g_assert_cmpint (sniff (iso), ==, SC_DATE_ORDER_YMD);
  g_assert_cmpint (sniff (compact), ==, SC_DATE_ORDER_YYYYMMDD);
  g_assert_cmpint (sniff (dmy), ==, SC_DATE_ORDER_DMY);
  g_assert_cmpint (sniff (mdy), ==, SC_DATE_ORDER_MDY);
  g_assert_cmpint (sniff (ambiguous), ==, SC_DATE_ORDER_DMY);
  g_assert_cmpint (sniff (dotted), ==, SC_DATE_ORDER_DMY);
  g_assert_cmpint (sniff (mostly_mdy), ==, SC_DATE_ORDER_MDY);
  g_assert_cmpint (sniff (junk), ==, SC_DATE_ORDER_AUTO);
  g_assert_cmpint (sniff (named), ==, SC_DATE_ORDER_DMY);
  g_assert_cmpint (sc_date_sniffer_result (&s), ==, SC_DATE_ORDER_AUTO);

  for (guint i = 0; mdy[i] != NULL; i++)
    sc_date_sniffer_add (&s, mdy[i]);
  sc_date_sniffer_add (&s, "");
  sc_date_sniffer_add (&s, "junk");
  sc_date_sniffer_add (&s, "2024-01-01");
  g_assert_cmpuint (s.n, ==, 5);
  g_assert_cmpuint (s.mdy_only, ==, 1);
  g_assert_cmpuint (s.either, ==, 2);
  g_assert_cmpuint (s.bad, ==, 1);
  g_assert_cmpuint (s.iso, ==, 1);
}

static void
test_bool (void)
{
  const char *yes[] = { "yes", "YES", "Y", "true", "True", "t", "1", "opt-in", "Opt-In", "optin",
                        " yes ", "subscribed", "on" };
  const char *no[] = { "no", "N", "false", "FALSE", "f", "0", "opt-out", "OPTOUT", "unsubscribed",
                       "off" };
  const char *bad[] = { "", "maybe", "2", "yess", "-1", "ja" };
  gboolean b;

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      b = FALSE;
      g_assert_true (sc_parse_bool (yes[i], &b));
      g_assert_true (b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      b = TRUE;
      g_assert_true (sc_parse_bool (no[i], &b));
      g_assert_false (b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (sc_parse_bool (bad[i], &b));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Value/missing", test_missing);
  g_test_add_func ("/Core/Value/amount-forms", test_amount_forms);
  g_test_add_func ("/Core/Value/amount-exact", test_amount_exact);
  g_test_add_func ("/Core/Value/date-forms", test_date_forms);
  g_test_add_func ("/Core/Value/leap-years", test_leap_years);
  g_test_add_func ("/Core/Value/day-numbers", test_day_numbers);
  g_test_add_func ("/Core/Value/day-format", test_day_format);
  g_test_add_func ("/Core/Value/date-sniffer", test_sniffer);
  g_test_add_func ("/Core/Value/bool", test_bool);

  return g_test_run ();
}
