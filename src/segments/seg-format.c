/* seg-format.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-format.h"
#include "sc-palette.h"
#include "seg-format.h"

/* style.css has a class for each colour of the chart palette. */
#define N_SEGMENT_COLORS SC_PALETTE_N_SEGMENT_COLOURS

/* The application's words for numbers, mapped onto the core's formatter (sc-format.h) so
 * that a label reads exactly as the same figure in the report.  Missing figures read "–". */

/**
 * seg_format_count:
 *
 * Returns: (transfer full): @count with digit grouping, as in "1,234"
 */
char *
seg_format_count (guint64 count)
{
  return sc_format_count (count);
}

/**
 * seg_format_amount:
 * @currency: (nullable): the project's currency (sc_project_get_currency())
 *
 * Returns: (transfer full): @amount with digit grouping and the currency's code; cents
 *   only below 100 and when not whole, as in "EUR 1,234" and "45.50"
 */
char *
seg_format_amount (const char *currency,
                   double      amount)
{
  return isfinite (amount) ? sc_format_money (amount, currency) : g_strdup ("–");
}

/**
 * seg_format_number:
 * @decimals: digits after the decimal mark, or -1 for as few as needed
 *
 * Returns: (transfer full): @value with digit grouping, also in the C locale
 */
char *
seg_format_number (double value,
                   int    decimals)
{
  return isfinite (value) ? sc_format_number (value, decimals) : g_strdup ("–");
}

/**
 * seg_format_share:
 * @share: a fraction, 0..1
 *
 * Returns: (transfer full): @share as a percentage: whole from 10 % up, one decimal below
 *   ("4.5%"), and "<0.1%" for a share too small to show but not zero
 */
char *
seg_format_share (double share)
{
  return isfinite (share) ? sc_format_percent (share, -1) : g_strdup ("–");
}

/**
 * seg_format_day:
 *
 * Returns: (transfer full): @day as a date for people
 */
char *
seg_format_day (ScDay day)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc ((gint64) day * 86400);

  if (date == NULL)
    return g_strdup ("–");

  /* Translators: a date as in "1 Jan 2024"; see the strftime(3) manual */
  return g_date_time_format (date, _("%-d %b %Y"));
}

/**
 * seg_format_period:
 *
 * Returns: (transfer full): the days from @first_day to @last_day, both included
 */
char *
seg_format_period (ScDay first_day,
                   ScDay last_day)
{
  g_autofree char *first = seg_format_day (first_day);
  g_autofree char *last = seg_format_day (last_day);

  if (first_day == last_day)
    return g_steal_pointer (&first);

  /* Translators: a period from the first to the last date */
  return g_strdup_printf (_("%s – %s"), first, last);
}

/**
 * seg_segment_dup_color_class:
 *
 * Returns: (transfer full): the style class that gives a widget this segment's colour from
 *   the palette in style.css
 */
char *
seg_segment_dup_color_class (ScSegment *segment)
{
  g_return_val_if_fail (SC_IS_SEGMENT (segment), NULL);

  if (sc_segment_get_is_outliers (segment))
    return g_strdup ("segment-color-outlier");

  return g_strdup_printf ("segment-color-%u", sc_segment_get_colour (segment) % N_SEGMENT_COLORS);
}
