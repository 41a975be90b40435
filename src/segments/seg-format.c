/* seg-format.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-palette.h"
#include "seg-format.h"

/* style.css has a class for each colour of the chart palette. */
#define N_SEGMENT_COLORS SC_PALETTE_N_SEGMENT_COLOURS

/* Numbers use the locale's digit grouping (the ' flag of glibc's printf); the project holds
 * no currency, so amounts are shown without one. */

/**
 * seg_format_count:
 *
 * Returns: (transfer full): @count with the locale's digit grouping
 */
char *
seg_format_count (guint64 count)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

/**
 * seg_format_amount:
 *
 * Returns: (transfer full): @amount rounded to a whole number, with digit grouping
 */
char *
seg_format_amount (double amount)
{
  double rounded = round (amount);

  /* "-0" reads like a mistake */
  if (rounded == 0.0)
    rounded = 0.0;

  return g_strdup_printf ("%'.0f", rounded);
}

/**
 * seg_format_share:
 * @share: a fraction, 0..1
 *
 * Returns: (transfer full): @share as a whole percentage; a share that is not zero never
 *   reads as "0%"
 */
char *
seg_format_share (double share)
{
  double percent = share * 100.0;

  if (!isfinite (percent))
    return g_strdup ("–");

  if (percent > 0.0 && percent < 0.5)
    {
      /* Translators: a share smaller than one percent */
      return g_strdup (_("<1%"));
    }

  /* Translators: a percentage; use "%.0f %%" where a space goes before the percent sign */
  return g_strdup_printf (_("%.0f%%"), fabs (round (percent)) == 0.0 ? 0.0 : round (percent));
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
