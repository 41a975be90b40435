/* sc-currency.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ScCurrencySource:
 * @SC_CURRENCY_NONE: no currency is known: money figures are plain numbers
 * @SC_CURRENCY_BRIEF: set by people in the brief
 * @SC_CURRENCY_DATA: detected from the currency markers in the imported amounts
 * @SC_CURRENCY_LOCALE: the computer's locale's currency, a suggestion
 *
 * Where the project's currency comes from, strongest first: people's word, then the data,
 * then the computer's settings.
 */
typedef enum
{
  SC_CURRENCY_NONE,
  SC_CURRENCY_BRIEF,
  SC_CURRENCY_DATA,
  SC_CURRENCY_LOCALE,
} ScCurrencySource;

/* Counts the currencies of amounts as an import reads them (Initialise with zeroes). */
typedef struct
{
  char    codes[8][4];
  guint64 counts[8];
  guint   n_codes;
  guint64 n_unknown;    /* markers that name no one currency ("kr", "$" outside a $ locale) */
} ScCurrencyTally;

/* Where an import keeps the currency its amounts were marked with (the meta table). */
#define SC_CURRENCY_META_KEY "data_currency"

gboolean    sc_currency_is_code        (const char        *code);
const char *sc_currency_from_marker    (const char        *amount);
void        sc_currency_tally_add      (ScCurrencyTally   *tally,
                                        const char        *amount);
const char *sc_currency_tally_dominant (const ScCurrencyTally *tally);
char       *sc_currency_from_locale    (void);

G_END_DECLS
