/* test-ui-format.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How the application writes numbers, shares and dates.  Runs in the C locale (LC_ALL is
 * C.UTF-8 in the test environment), which has no thousands separator: the core's formatter
 * then groups digits with ',', as the report does. */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "sc-segment.h"
#include "seg-format.h"

static void
test_format_count (void)
{
  g_autofree char *zero = seg_format_count (0);
  g_autofree char *some = seg_format_count (3000);
  g_autofree char *big = seg_format_count (G_GUINT64_CONSTANT (18446744073709551615));

  g_assert_cmpstr (zero, ==, "0");
  g_assert_cmpstr (some, ==, "3,000");
  g_assert_cmpstr (big, ==, "18,446,744,073,709,551,615");
}

static void
test_format_amount (void)
{
  struct { double value; const char *text; } cases[] = {
    { 0.0, "0" },
    { -0.4, "-0.40" },
    { 0.5, "0.50" },
    { 1234.49, "1,234" },
    { 1234.5, "1,235" },
    { -1234.5, "-1,235" },
    { 41082626.67, "41,082,627" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = seg_format_amount (NULL, cases[i].value);
      g_autofree char *with_code = seg_format_amount ("EUR", cases[i].value);
      g_autofree char *expected = cases[i].text[0] == '-'
                                  ? g_strconcat ("-EUR\u00a0", cases[i].text + 1, NULL)
                                  : g_strconcat ("EUR\u00a0", cases[i].text, NULL);

      g_assert_cmpstr (text, ==, cases[i].text);
      /* The currency's code before the number, kept with it by a no-break space. */
      g_assert_cmpstr (with_code, ==, expected);
    }
}

static void
test_format_share (void)
{
  struct { double value; const char *text; } cases[] = {
    { 0.0, "0%" },
    { 0.004, "0.4%" },
    { 0.005, "0.5%" },
    { 0.0004, "<0.1%" },
    { 0.414, "41%" },
    { 0.416, "42%" },
    { 1.0, "100%" },
    { -0.02, "-2%" },
    { NAN, "–" },
    { INFINITY, "–" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = seg_format_share (cases[i].value);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_days (void)
{
  g_autofree char *epoch = seg_format_day (0);
  g_autofree char *first = seg_format_day (19723);
  g_autofree char *leap = seg_format_day (19782);
  g_autofree char *period = seg_format_period (19723, 20453);
  g_autofree char *single = seg_format_period (20453, 20453);

  g_assert_cmpstr (epoch, ==, "1 Jan 1970");
  g_assert_cmpstr (first, ==, "1 Jan 2024");
  g_assert_cmpstr (leap, ==, "29 Feb 2024");
  g_assert_cmpstr (period, ==, "1 Jan 2024 – 31 Dec 2025");
  g_assert_cmpstr (single, ==, "31 Dec 2025");
}

static void
test_format_days_out_of_range (void)
{
  /* Beyond what GDateTime can hold (year 9999): never a crash, never a made-up date. */
  g_autofree char *far = seg_format_day (G_MAXINT32);
  g_autofree char *before = seg_format_day (G_MININT32);

  g_assert_cmpstr (far, ==, "–");
  g_assert_cmpstr (before, ==, "–");
}

static ScSegment *
make_segment (guint    colour,
              gboolean outliers)
{
  ScSegmentInfo info = { 0, };

  info.name = (char *) "Test";
  info.colour = colour;
  info.is_outliers = outliers;
  return sc_segment_new (&info);
}

static void
test_segment_color_class (void)
{
  g_autoptr(ScSegment) first = make_segment (0, FALSE);
  g_autoptr(ScSegment) wraps = make_segment (13, FALSE);
  g_autoptr(ScSegment) outliers = make_segment (3, TRUE);
  g_autofree char *first_class = seg_segment_dup_color_class (first);
  g_autofree char *wraps_class = seg_segment_dup_color_class (wraps);
  g_autofree char *outliers_class = seg_segment_dup_color_class (outliers);

  g_assert_cmpstr (first_class, ==, "segment-color-0");
  /* style.css has the twelve colours of the chart palette */
  g_assert_cmpstr (wraps_class, ==, "segment-color-1");
  g_assert_cmpstr (outliers_class, ==, "segment-color-outlier");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Ui/Format/count", test_format_count);
  g_test_add_func ("/Ui/Format/amount", test_format_amount);
  g_test_add_func ("/Ui/Format/share", test_format_share);
  g_test_add_func ("/Ui/Format/days", test_format_days);
  g_test_add_func ("/Ui/Format/days-out-of-range", test_format_days_out_of_range);
  g_test_add_func ("/Ui/Format/segment-color-class", test_segment_color_class);

  return g_test_run ();
}
