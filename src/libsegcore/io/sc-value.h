/* sc-value.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-types.h"

G_BEGIN_DECLS

gboolean    sc_value_is_missing    (const char  *s);

gboolean    sc_parse_amount        (const char  *s,
                                    char         decimal_mark,
                                    double      *out);
gboolean    sc_parse_number        (const char  *s,
                                    char         decimal_mark,
                                    double      *out);

/**
 * ScNumberResult:
 * @SC_NUMBER_OK: a number, in range
 * @SC_NUMBER_INVALID: not a number
 * @SC_NUMBER_OVERFLOW: written as a number, but too large for a double ("1e400")
 * @SC_NUMBER_UNDERFLOW: written as a non-zero number too small to be told from 0 ("1e-400")
 *
 * What sc_parse_number_checked() found.
 */
typedef enum
{
  SC_NUMBER_OK,
  SC_NUMBER_INVALID,
  SC_NUMBER_OVERFLOW,
  SC_NUMBER_UNDERFLOW,
} ScNumberResult;

ScNumberResult sc_parse_number_checked (const char *s,
                                        char        decimal_mark,
                                        double     *out);

gboolean    sc_parse_date          (const char  *s,
                                    ScDateOrder  order,
                                    ScDay       *out);
gboolean    sc_parse_bool          (const char  *s,
                                    gboolean    *out);

gboolean    sc_date_is_valid       (int          year,
                                    int          month,
                                    int          mday);
void        sc_day_to_ymd          (ScDay        day,
                                    int         *year,
                                    int         *month,
                                    int         *mday);
ScDay       sc_day_from_ymd        (int          year,
                                    int          month,
                                    int          mday);
char       *sc_day_format          (ScDay        day);

/**
 * ScDateSniffer:
 * @n: values seen (missing values are not counted)
 * @iso: values with a four-digit year first ("2024-03-05", "2024/3/5")
 * @yyyymmdd: eight-digit values ("20240305")
 * @dmy_only: day-first values that cannot be month-first ("31/03/2024")
 * @mdy_only: month-first values that cannot be day-first ("03/31/2024")
 * @either: values valid both ways ("05/03/2024"), or with a month name
 * @bad: values that are no date at all
 *
 * Counts the date forms of a column so that one order can be chosen for all of it.
 * Initialise with zeroes (`ScDateSniffer s = { 0 };`).
 */
typedef struct
{
  guint64 n, iso, yyyymmdd, dmy_only, mdy_only, either, bad;
} ScDateSniffer;

void        sc_date_sniffer_add    (ScDateSniffer       *s,
                                    const char          *value);
ScDateOrder sc_date_sniffer_result (const ScDateSniffer *s);

G_END_DECLS
