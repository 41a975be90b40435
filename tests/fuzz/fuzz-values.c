/* fuzz-values.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One cell value through every value parser.  Invariants: a parsed date is a real day that
 * prints and parses back to itself; a date accepted in automatic order reads the same day
 * first and month first; a number without any '.' or ',' reads the same with either decimal
 * mark; an amount is exactly a number. */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "sc-value.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

static void
check_date (const char  *s,
            ScDateOrder  order,
            ScDay        day)
{
  int y, m, d;
  ScDay back;
  g_autofree char *iso = NULL;

  sc_day_to_ymd (day, &y, &m, &d);
  FUZZ_CHECK (sc_date_is_valid (y, m, d), "“%s” (order %d) gave day %d = %d-%d-%d", s, order,
              day, y, m, d);
  FUZZ_CHECK (sc_day_from_ymd (y, m, d) == day, "day %d does not round-trip", day);
  iso = sc_day_format (day);
  FUZZ_CHECK (sc_parse_date (iso, SC_DATE_ORDER_YMD, &back) && back == day,
              "“%s” (order %d): day %d prints as “%s”, which does not parse back", s, order,
              day, iso);
}

static void
check_value (const char *s)
{
  static const ScDateOrder orders[] = {
    SC_DATE_ORDER_AUTO, SC_DATE_ORDER_YMD, SC_DATE_ORDER_DMY, SC_DATE_ORDER_MDY,
    SC_DATE_ORDER_YYYYMMDD,
  };
  ScDay day[G_N_ELEMENTS (orders)];
  gboolean date_ok[G_N_ELEMENTS (orders)];
  ScDateSniffer sniffer = { 0 };
  double v_dot = 0, v_comma = 0, a;
  gboolean ok_dot, ok_comma, yes;

  (void) sc_value_is_missing (s);

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      date_ok[i] = sc_parse_date (s, orders[i], &day[i]);
      if (date_ok[i])
        check_date (s, orders[i], day[i]);
    }
  /* Automatic order reads a date one of the explicit orders reads, and never one the two
   * read differently; what both read alike it reads too. */
#define DATE_ORDERS_MSG "“%s”: automatic order %s %d, day first %s %d, month first %s %d", s, \
  date_ok[0] ? "gives" : "fails", day[0], date_ok[2] ? "gives" : "fails", day[2],           \
  date_ok[3] ? "gives" : "fails", day[3]
  if (date_ok[0])
    {
      FUZZ_CHECK ((date_ok[2] && day[2] == day[0]) || (date_ok[3] && day[3] == day[0]),
                  DATE_ORDERS_MSG);
      FUZZ_CHECK (!(date_ok[2] && date_ok[3]) || (day[2] == day[0] && day[3] == day[0]),
                  DATE_ORDERS_MSG);
    }
  if (date_ok[2] && date_ok[3] && day[2] == day[3])
    FUZZ_CHECK (date_ok[0] && day[0] == day[2], DATE_ORDERS_MSG);
#undef DATE_ORDERS_MSG

  sc_date_sniffer_add (&sniffer, s);
  sc_date_sniffer_add (&sniffer, s);
  FUZZ_CHECK (sniffer.n <= 2 && sniffer.iso + sniffer.yyyymmdd + sniffer.dmy_only +
              sniffer.mdy_only + sniffer.either + sniffer.bad <= 2 * sniffer.n,
              "sniffer counts");
  {
    ScDateOrder r = sc_date_sniffer_result (&sniffer);
    FUZZ_CHECK (r >= SC_DATE_ORDER_AUTO && r <= SC_DATE_ORDER_YYYYMMDD, "sniffer result %d", r);
  }

  ok_dot = sc_parse_number (s, '.', &v_dot);
  ok_comma = sc_parse_number (s, ',', &v_comma);
  if (ok_dot)
    FUZZ_CHECK (!isnan (v_dot), "“%s” parses as NaN", s);
  if (ok_comma)
    FUZZ_CHECK (!isnan (v_comma), "“%s” parses as NaN", s);
  if (strpbrk (s, ".,") == NULL)
    FUZZ_CHECK (ok_dot == ok_comma && (!ok_dot || v_dot == v_comma),
                "“%s”: '.' mark %s %.17g, ',' mark %s %.17g", s, ok_dot ? "reads" : "fails",
                v_dot, ok_comma ? "reads" : "fails", v_comma);

  FUZZ_CHECK (sc_parse_amount (s, '.', &a) == ok_dot && (!ok_dot || a == v_dot || isnan (a)),
              "“%s”: amount and number differ", s);

  if (sc_parse_bool (s, &yes))
    FUZZ_CHECK (yes == TRUE || yes == FALSE, "bool %d", yes);
}

int
LLVMFuzzerTestOneInput (const uint8_t *bytes,
                        size_t         size)
{
  g_autofree char *s = g_strndup ((const char *) bytes, size);
  char *line, *next;

  /* The whole input as one value, then each line as a value: a seed file can hold many. */
  check_value (s);
  for (line = s; line != NULL; line = next)
    {
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      check_value (line);
    }
  return 0;
}
