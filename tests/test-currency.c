/* test-currency.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project currency's detection (io/sc-currency.c): which currency an amount's marker
 * names, which one most amounts of a file name, the ISO 4217 check, and the money format
 * that carries the code ("EUR 1,234"). */

#include "config.h"

#include <locale.h>

#include "sc-currency.h"
#include "sc-format.h"

static void
test_markers (void)
{
  /* In the C locale, whose currency is none: a bare "$" is US dollars. */
  static const struct { const char *cell; const char *code; } cases[] = {
    { "12.50", NULL },
    { "-12", NULL },
    { "1,234.50", NULL },
    { "€12,50", "EUR" },
    { "€ 12,50", "EUR" },
    { "12,50 €", "EUR" },
    { "12.50 EUR", "EUR" },
    { "EUR -3", "EUR" },
    { "(€12.00)", "EUR" },
    { "-$12", "USD" },
    { "$1,200", "USD" },
    { "US$ 5", "USD" },
    { "R$ 10,00", "BRL" },
    { "C$4", "CAD" },
    { "£3", "GBP" },
    { "¥500", "JPY" },
    { "₹ 1,00,000", "INR" },
    { "12 CHF", "CHF" },
    { "12 SEK", "SEK" },
    { "12 kr", "" },          /* SEK, NOK, DKK or ISK: no one currency */
    { "12 XYZ", "" },         /* not a currency code */
    { "1.5E+03", "" },        /* an exponent is not a marker, but not a plain number either */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *code = sc_currency_from_marker (cases[i].cell);

      if (g_strcmp0 (code, cases[i].code) != 0)
        g_error ("“%s”: expected %s, got %s", cases[i].cell,
                 cases[i].code != NULL ? cases[i].code : "(none)", code != NULL ? code : "(none)");
    }
}

static void
test_tally (void)
{
  ScCurrencyTally tally = { 0 };

  g_assert_null (sc_currency_tally_dominant (&tally));
  sc_currency_tally_add (&tally, "12.50");
  sc_currency_tally_add (&tally, "7");
  g_assert_null (sc_currency_tally_dominant (&tally));

  sc_currency_tally_add (&tally, "€1");
  sc_currency_tally_add (&tally, "2 EUR");
  sc_currency_tally_add (&tally, "$3");
  g_assert_cmpstr (sc_currency_tally_dominant (&tally), ==, "EUR");
  sc_currency_tally_add (&tally, "$4");
  sc_currency_tally_add (&tally, "$5");
  g_assert_cmpstr (sc_currency_tally_dominant (&tally), ==, "USD");

  /* As many markers naming no one currency: nothing is claimed. */
  {
    ScCurrencyTally kr = { 0 };

    sc_currency_tally_add (&kr, "10 kr");
    sc_currency_tally_add (&kr, "11 kr");
    sc_currency_tally_add (&kr, "€3");
    sc_currency_tally_add (&kr, "€4");
    g_assert_null (sc_currency_tally_dominant (&kr));
    sc_currency_tally_add (&kr, "€5");
    g_assert_cmpstr (sc_currency_tally_dominant (&kr), ==, "EUR");
  }
}

static void
test_codes (void)
{
  g_assert_true (sc_currency_is_code ("EUR"));
  g_assert_true (sc_currency_is_code ("ZWG"));
  g_assert_true (sc_currency_is_code ("AED"));
  g_assert_false (sc_currency_is_code ("eur"));
  g_assert_false (sc_currency_is_code ("EU"));
  g_assert_false (sc_currency_is_code ("EURO"));
  g_assert_false (sc_currency_is_code ("R A"));      /* across two codes of the list */
  g_assert_false (sc_currency_is_code ("XYZ"));
  g_assert_false (sc_currency_is_code (NULL));
  /* The C locale has no currency. */
  g_assert_null (sc_currency_from_locale ());
}

static void
test_money (void)
{
  g_autofree char *eur = sc_format_money (1234.4, "EUR");
  g_autofree char *neg = sc_format_money (-45.5, "GBP");
  g_autofree char *plain = sc_format_money (2659685, NULL);
  g_autofree char *empty = sc_format_money (12, "");

  g_assert_cmpstr (eur, ==, "EUR\u00a01,234");
  g_assert_cmpstr (neg, ==, "-GBP\u00a045.50");
  g_assert_cmpstr (plain, ==, "2,659,685");
  g_assert_cmpstr (empty, ==, "12");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/currency/markers", test_markers);
  g_test_add_func ("/currency/tally", test_tally);
  g_test_add_func ("/currency/codes", test_codes);
  g_test_add_func ("/currency/money", test_money);
  return g_test_run ();
}
