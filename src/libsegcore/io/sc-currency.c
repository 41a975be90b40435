/* sc-currency.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project's currency, so that "2,659,685" never leaves the reader asking "what?".
 *
 * People's word wins: the brief's currency.  Without it, the currency the amounts were
 * written in ("€ 12,50", "12.50 EUR", "US$ 5"), counted as the orders are read and kept in
 * the project's meta table by the import.  Without markers in the data, the currency of
 * the computer's locale (LC_MONETARY), which the report then asks people to confirm.  The C
 * locale has none: money figures are then plain numbers and the report asks for a currency.
 *
 * A bare "$" is the locale's dollar where the locale's currency is written "$" (CAD in
 * en_CA), else US dollars; "kr" names no one currency (SEK, NOK, DKK, ISK) and counts as
 * unknown unless the locale's currency is written so. */

#include "config.h"

#include <langinfo.h>
#include <string.h>

#include "sc-currency.h"

/* glibc names it so only with _GNU_SOURCE. */
#ifndef INT_CURR_SYMBOL
#define INT_CURR_SYMBOL __INT_CURR_SYMBOL
#endif

static const struct
{
  const char *marker;
  const char *code;
} markers[] = {
  { "€", "EUR" }, { "£", "GBP" }, { "¥", "JPY" }, { "₹", "INR" }, { "₩", "KRW" },
  { "₺", "TRY" }, { "₽", "RUB" }, { "₪", "ILS" }, { "₫", "VND" }, { "฿", "THB" },
  { "₱", "PHP" }, { "₴", "UAH" }, { "₦", "NGN" }, { "US$", "USD" }, { "R$", "BRL" },
  { "C$", "CAD" }, { "CA$", "CAD" }, { "A$", "AUD" }, { "AU$", "AUD" }, { "NZ$", "NZD" },
  { "HK$", "HKD" }, { "S$", "SGD" }, { "SG$", "SGD" }, { "MX$", "MXN" },
};

/* ISO 4217 active codes, each followed by a blank. */
static const char iso_4217[] =
  "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP "
  "BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
  "GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR "
  "KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK "
  "MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR "
  "SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS "
  "UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

/**
 * sc_currency_is_code:
 *
 * Returns: whether @code is an active ISO 4217 currency code, in capitals ("EUR")
 */
gboolean
sc_currency_is_code (const char *code)
{
  const char *found;

  if (code == NULL || strlen (code) != 3)
    return FALSE;
  found = strstr (iso_4217, code);
  return found != NULL && (found - iso_4217) % 4 == 0;
}

/* The locale's currency symbol, as "$" or "kr" ("" when it has none). */
static const char *
locale_symbol (void)
{
  const char *s = nl_langinfo (CRNCYSTR);

  /* CRNCYSTR is prefixed with '-' (before the number), '+' (after) or '.' (replaces the
   * decimal mark). */
  if (s == NULL)
    return "";
  if (*s == '-' || *s == '+' || *s == '.')
    s++;
  return s;
}

/**
 * sc_currency_from_locale:
 *
 * Returns: (transfer full) (nullable): the ISO 4217 code of the locale's currency ("EUR"
 *   in de_DE), %NULL in a locale without one (C, POSIX)
 */
char *
sc_currency_from_locale (void)
{
  const char *s = nl_langinfo (INT_CURR_SYMBOL);
  g_autofree char *code = NULL;

  if (s == NULL || strlen (s) < 3)
    return NULL;
  code = g_strndup (s, 3);
  if (!sc_currency_is_code (code))
    return NULL;
  return g_steal_pointer (&code);
}

/* The currency of the locale when it is written @symbol, else NULL. */
static const char *
locale_code_for (const char *symbol)
{
  g_autofree char *found = NULL;

  if (strcmp (locale_symbol (), symbol) != 0 || (found = sc_currency_from_locale ()) == NULL)
    return NULL;
  return g_intern_string (found);
}

/**
 * sc_currency_from_marker:
 * @amount: an amount as written in a file, such as "€ 12,50", "-$12", "12.50 EUR"
 *
 * Returns: (nullable): the ISO 4217 code the amount's currency marker names, "" for a
 *   marker that names no one currency ("kr"), %NULL when the amount has no marker
 */
const char *
sc_currency_from_marker (const char *amount)
{
  char marker[16];
  gsize len = 0;

  /* What is left once the number is taken out: digits, signs, brackets, blanks and
   * separators.  An exponent's 'E' is left in and makes the marker unknown. */
  for (const char *p = amount; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gsize n = g_utf8_next_char (p) - p;

      if (g_unichar_isdigit (c) || g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f ||
          (c < 128 && strchr ("+-().,'", (int) c) != NULL) || c == 0x2212)
        continue;
      if (len + n >= sizeof marker)
        return "";
      memcpy (marker + len, p, n);
      len += n;
    }
  marker[len] = '\0';
  if (len == 0)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (strcmp (marker, markers[i].marker) == 0)
      return markers[i].code;
  if (strcmp (marker, "$") == 0)
    {
      const char *code = locale_code_for ("$");

      return code != NULL ? code : "USD";
    }
  if (len == 3 && g_ascii_isupper (marker[0]) && sc_currency_is_code (marker))
    {
      for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
        if (strcmp (marker, markers[i].code) == 0)
          return markers[i].code;
      {
        const char *code = locale_code_for (marker);

        if (code != NULL)
          return code;
      }
      /* Codes without a symbol above are kept in the tally by their own spelling. */
      return g_intern_string (marker);
    }
  {
    const char *code = locale_code_for (marker);

    return code != NULL ? code : "";
  }
}

/**
 * sc_currency_tally_add:
 * @amount: an amount that parsed as a number
 *
 * Counts the currency of @amount's marker, if it has one.  Plain numbers cost one byte
 * comparison each.
 */
void
sc_currency_tally_add (ScCurrencyTally *tally,
                       const char      *amount)
{
  const char *code;
  gsize len;

  len = strlen (amount);
  if (len == 0 || (g_ascii_isdigit (amount[0]) && g_ascii_isdigit (amount[len - 1])))
    return;
  code = sc_currency_from_marker (amount);
  if (code == NULL)
    return;
  if (*code == '\0')
    {
      tally->n_unknown++;
      return;
    }
  for (guint i = 0; i < tally->n_codes; i++)
    if (strcmp (tally->codes[i], code) == 0)
      {
        tally->counts[i]++;
        return;
      }
  if (tally->n_codes < G_N_ELEMENTS (tally->codes))
    {
      memcpy (tally->codes[tally->n_codes], code, 4);
      tally->counts[tally->n_codes++] = 1;
    }
}

/**
 * sc_currency_tally_dominant:
 *
 * Returns: (nullable): the currency most amounts were marked with, %NULL when none was
 *   or when as many amounts had a marker naming no one currency
 */
const char *
sc_currency_tally_dominant (const ScCurrencyTally *tally)
{
  guint best = 0;

  if (tally->n_codes == 0)
    return NULL;
  for (guint i = 1; i < tally->n_codes; i++)
    if (tally->counts[i] > tally->counts[best])
      best = i;
  if (tally->counts[best] <= tally->n_unknown)
    return NULL;
  return tally->codes[best];
}

