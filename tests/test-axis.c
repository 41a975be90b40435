/* test-axis.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <math.h>
#include <string.h>

#include "sc-axis.h"

static void
assert_ticks (const double *got,
              guint         n_got,
              const double *want,
              guint         n_want)
{
  g_assert_cmpuint (n_got, ==, n_want);
  for (guint i = 0; i < n_want; i++)
    g_assert_cmpfloat (got[i], ==, want[i]);
}

static void
test_linear_known (void)
{
  double t[SC_AXIS_MAX_TICKS];
  guint n;

  {
    const double want[] = { 0, 20, 40, 60, 80, 100 };

    g_assert_true (sc_ticks_linear (0, 97, 6, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* Decimal ticks come out as the nearest doubles: 0.6, not 0.6000000000000001. */
    const double want[] = { 0, 0.2, 0.4, 0.6, 0.8, 1.0 };

    g_assert_true (sc_ticks_linear (0.013, 0.9, 6, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    const double want[] = { -5, 0, 5, 10, 15 };

    g_assert_true (sc_ticks_linear (-3.5, 12, 6, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* Reversed bounds are the same range. */
    const double want[] = { -5, 0, 5, 10, 15 };

    g_assert_true (sc_ticks_linear (12, -3.5, 6, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* One value: widened by a power of ten on either side. */
    const double want[] = { 4, 4.5, 5, 5.5, 6 };

    g_assert_true (sc_ticks_linear (5, 5, 6, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    const double want[] = { -1, -0.5, 0, 0.5, 1 };

    g_assert_true (sc_ticks_linear (0, 0, 6, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* Exactly on a tick: no extra tick beyond it. */
    const double want[] = { 0, 200, 400, 600, 800, 1000 };
    const double want3[] = { 0, 500, 1000 };

    g_assert_true (sc_ticks_linear (0, 1000, 6, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
    /* 250 is no 1-2-5 step: 500 it is. */
    g_assert_true (sc_ticks_linear (0, 1000, 5, t, &n));
    assert_ticks (t, n, want3, G_N_ELEMENTS (want3));
  }
  {
    /* Two ticks around 0: ±step. */
    g_assert_true (sc_ticks_linear (-3, 7, 2, t, &n));
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpfloat (t[0], ==, -10);
    g_assert_cmpfloat (t[1], ==, 10);
  }
  {
    /* Two ticks are enough to span anything. */
    g_assert_true (sc_ticks_linear (3, 97, 2, t, &n));
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpfloat (t[0], ==, 0);
    g_assert_cmpfloat (t[1], ==, 100);
  }
}

static void
test_linear_invalid (void)
{
  double t[8];
  guint n = 99;

  g_assert_false (sc_ticks_linear (NAN, 1, 6, t, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (sc_ticks_linear (0, INFINITY, 6, t, &n));
  g_assert_false (sc_ticks_linear (0, 1, 1, t, &n));
  g_assert_false (sc_ticks_linear (0, 1, 0, t, &n));
}

/* For many random ranges: never more ticks than allowed, equally spaced by 1, 2 or 5 times a
 * power of ten, covering the range. */
static void
test_linear_properties (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (guint iter = 0; iter < 20000; iter++)
    {
      double scale = pow (10.0, g_rand_double_range (rand, -6, 9));
      double a = g_rand_double_range (rand, -1, 1) * scale;
      double b = a + g_rand_double (rand) * scale;
      guint max_ticks = g_rand_int_range (rand, 2, SC_AXIS_MAX_TICKS + 1);
      double t[SC_AXIS_MAX_TICKS];
      guint n;
      double step, mantissa;

      g_assert_true (sc_ticks_linear (a, b, max_ticks, t, &n));
      g_assert_cmpuint (n, >=, 2);
      g_assert_cmpuint (n, <=, max_ticks);
      step = t[1] - t[0];
      g_assert_cmpfloat (t[0], <=, a + fabs (step) * 1e-6);
      g_assert_cmpfloat (t[n - 1], >=, b - fabs (step) * 1e-6);
      for (guint i = 1; i < n; i++)
        g_assert_cmpfloat (fabs (t[i] - t[i - 1] - step), <=, step * 1e-6);

      if (n == 2 && t[0] == -t[1])
        step /= 2;   /* ±s around 0 */
      mantissa = step / pow (10.0, floor (log10 (step) + 1e-9));
      g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6
                     || fabs (mantissa - 5) < 1e-6);
    }

  g_rand_free (rand);
}

static void
test_log_known (void)
{
  double t[SC_AXIS_MAX_TICKS];
  guint n;

  {
    const double want[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };

    g_assert_true (sc_ticks_log (1, 1e6, 8, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* Fewer ticks allowed: every second decade. */
    const double want[] = { 1, 100, 1e4, 1e6 };

    g_assert_true (sc_ticks_log (1, 1e6, 4, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* Zeros get a tick of their own at the start of the axis. */
    const double want[] = { 0, 1, 10, 100, 1000 };

    g_assert_true (sc_ticks_log (0, 1000, 8, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* Negatives clamp to 0; 97 is covered by 100. */
    const double want[] = { 0, 1, 10, 100 };
    const double want125[] = { 0, 1, 2, 5, 10, 20, 50, 100 };

    g_assert_true (sc_ticks_log (-40, 97, 5, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
    g_assert_true (sc_ticks_log (-40, 97, 8, t, &n));
    assert_ticks (t, n, want125, G_N_ELEMENTS (want125));
  }
  {
    /* Few decades: 2 and 5 as well. */
    const double want[] = { 1, 2, 5, 10, 20, 50 };

    g_assert_true (sc_ticks_log (1, 50, 8, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* ... starting just below the data. */
    const double want[] = { 2, 5, 10, 20, 50, 100 };

    g_assert_true (sc_ticks_log (3, 60, 8, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* ... unless they do not fit. */
    const double want[] = { 1, 10, 100 };

    g_assert_true (sc_ticks_log (1, 50, 4, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* Many decades from zero, few ticks: 0 and every third decade. */
    const double want[] = { 0, 1e3, 1e6, 1e9 };

    g_assert_true (sc_ticks_log (0, 1e9, 4, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }
  {
    /* All below 1 (a probability): linear ticks. */
    const double want[] = { 0, 0.2, 0.4, 0.6, 0.8, 1.0 };

    g_assert_true (sc_ticks_log (0, 0.93, 6, t, &n));
    assert_ticks (t, n, want, G_N_ELEMENTS (want));
  }

  g_assert_false (sc_ticks_log (0, NAN, 6, t, &n));
  g_assert_false (sc_ticks_log (0, 10, 1, t, &n));
}

static void
test_scale (void)
{
  g_assert_cmpfloat (sc_scale_forward (FALSE, -3), ==, -3);
  g_assert_cmpfloat (sc_scale_forward (TRUE, 0), ==, 0);
  g_assert_cmpfloat_with_epsilon (sc_scale_forward (TRUE, 9), 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (sc_scale_forward (TRUE, 99), 2, 1e-12);
  g_assert_cmpfloat (sc_scale_forward (TRUE, -5), ==, 0);
  g_assert_cmpfloat_with_epsilon (sc_scale_inverse (TRUE, 2), 99, 1e-9);
  g_assert_cmpfloat (sc_scale_inverse (FALSE, 2), ==, 2);
}

static void
test_axis_init (void)
{
  ScAxis axis;

  /* Loose: the axis ends at the enclosing ticks. */
  sc_axis_init (&axis, 3, 97, FALSE, FALSE, 6, SC_AXIS_FORMAT_NUMBER);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, ==, 100);
  g_assert_cmpuint (axis.n_ticks, ==, 6);
  g_assert_cmpfloat (axis.step, ==, 20);
  g_assert_cmpfloat (sc_axis_position (&axis, 25, 100, 300), ==, 150);
  g_assert_cmpfloat (sc_axis_position (&axis, 25, 300, 100), ==, 250);
  g_assert_cmpfloat_with_epsilon (sc_axis_value_at (&axis, 150, 100, 300), 25, 1e-12);

  /* Exact (zoomed): the ends stay, ticks inside only. */
  sc_axis_init (&axis, 3, 97, FALSE, TRUE, 6, SC_AXIS_FORMAT_NUMBER);
  g_assert_cmpfloat (axis.min, ==, 3);
  g_assert_cmpfloat (axis.max, ==, 97);
  g_assert_cmpuint (axis.n_ticks, ==, 4);
  g_assert_cmpfloat (axis.ticks[0], ==, 20);
  g_assert_cmpfloat (axis.ticks[3], ==, 80);
  g_assert_cmpfloat (sc_axis_position (&axis, 50, 0, 94), ==, 47);

  /* Log with zeros: 0 at the start of the axis, decades evenly apart beyond 1. */
  sc_axis_init (&axis, 0, 999, TRUE, FALSE, 8, SC_AXIS_FORMAT_NUMBER);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, ==, 1000);
  g_assert_cmpfloat (axis.t_min, ==, 0);
  g_assert_cmpfloat (sc_axis_position (&axis, 0, 0, 100), ==, 0);
  g_assert_cmpfloat (sc_axis_position (&axis, -20, 0, 100), ==, 0);
  g_assert_cmpfloat_with_epsilon (sc_axis_position (&axis, 99, 0, 100),
                                  100 * 2 / log10 (1001), 1e-9);
  g_assert_cmpfloat (sc_axis_position (&axis, 1000, 0, 100), ==, 100);
  g_assert_cmpfloat_with_epsilon (sc_axis_value_at (&axis, sc_axis_position (&axis, 42, 0, 100),
                                                    0, 100), 42, 1e-9);

  /* A log axis ends at the 1-2-5 value above the data, not at the next decade. */
  sc_axis_init (&axis, 0, 120000, TRUE, FALSE, 8, SC_AXIS_FORMAT_NUMBER);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, ==, 200000);
  g_assert_cmpfloat (axis.ticks[axis.n_ticks - 1], ==, 100000);
  {
    /* Two decade ticks left inside 20..5000: 2 and 5 join them. */
    const double want[] = { 20, 50, 100, 200, 500, 1000, 2000, 5000 };

    sc_axis_init (&axis, 30, 4100, TRUE, FALSE, 8, SC_AXIS_FORMAT_NUMBER);
    g_assert_cmpfloat (axis.min, ==, 20);
    g_assert_cmpfloat (axis.max, ==, 5000);
    assert_ticks (axis.ticks, axis.n_ticks, want, G_N_ELEMENTS (want));

    /* ... unless they do not fit. */
    sc_axis_init (&axis, 30, 4100, TRUE, FALSE, 5, SC_AXIS_FORMAT_NUMBER);
    g_assert_cmpfloat (axis.min, ==, 20);
    g_assert_cmpfloat (axis.max, ==, 5000);
    g_assert_cmpuint (axis.n_ticks, ==, 2);
    g_assert_cmpfloat (axis.ticks[0], ==, 100);
    g_assert_cmpfloat (axis.ticks[1], ==, 1000);
  }

  /* A log axis over negative data only. */
  sc_axis_init (&axis, -50, -1, TRUE, FALSE, 6, SC_AXIS_FORMAT_NUMBER);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, >, 0);
  for (guint i = 0; i < axis.n_ticks; i++)
    g_assert_cmpfloat (axis.ticks[i], >=, 0);

  /* Nothing usable: 0..1. */
  sc_axis_init (&axis, NAN, NAN, FALSE, FALSE, 6, SC_AXIS_FORMAT_NUMBER);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, ==, 1);

  /* max_ticks is clamped to what the struct holds. */
  sc_axis_init (&axis, 0, 1e6, FALSE, FALSE, 1000, SC_AXIS_FORMAT_NUMBER);
  g_assert_cmpuint (axis.n_ticks, <=, SC_AXIS_MAX_TICKS);
}

static void
test_format_number (void)
{
  const struct
  {
    double      value;
    int         decimals;
    const char *want;
  } cases[] = {
    { 1234567, 0, "1,234,567" },
    { 1234567, -1, "1,234,567" },
    { -1234.5, -1, "-1,234.5" },
    { 999.999, 2, "1,000.00" },
    { 100, 0, "100" },
    { 1000, 0, "1,000" },
    { 0.125, 2, "0.13" },
    { 0.1, -1, "0.1" },
    { 2.25, -1, "2.25" },
    { 1.0 / 3.0, -1, "0.33" },
    { -0.001, 0, "0" },
    { 0, 0, "0" },
    { NAN, 0, "–" },
    { INFINITY, 0, "∞" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = sc_format_number (cases[i].value, cases[i].decimals);

      g_assert_cmpstr (s, ==, cases[i].want);
    }

  {
    /* Beyond what an integer holds: still a number, in exponent form. */
    g_autofree char *s = sc_format_number (1e300, 0);

    g_assert_cmpstr (s, ==, "1e+300");
  }
}

static void
test_format_others (void)
{
  const struct
  {
    char *got;
    const char *want;
  } cases[] = {
    { sc_format_compact (2500000), "2.5M" },
    { sc_format_compact (3e9), "3B" },
    { sc_format_compact (-1.5e12), "-1.5T" },
    { sc_format_compact (250e6), "250M" },
    { sc_format_compact (999999), "999,999" },
    { sc_format_currency (1234.5, "$"), "$1,235" },
    { sc_format_currency (12.5, "$"), "$12.50" },
    { sc_format_currency (12, "€"), "€12" },
    { sc_format_currency (-40, "$"), "-$40" },
    { sc_format_currency (7, NULL), "7" },
    { sc_format_days (1), "1 day" },
    { sc_format_days (45), "45 days" },
    { sc_format_days (1200), "1,200 days" },
    { sc_format_days (0), "0 days" },
    { sc_format_days (6.6), "7 days" },
    { sc_format_percent (0.12, -1), "12%" },
    { sc_format_percent (0.41, -1), "41%" },
    { sc_format_percent (0.045, -1), "4.5%" },
    { sc_format_percent (0.05, -1), "5%" },
    { sc_format_percent (0.0004, -1), "<0.1%" },
    { sc_format_percent (0, -1), "0%" },
    { sc_format_percent (1, -1), "100%" },
    { sc_format_percent (0.1234, 2), "12.34%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cases[i].got, ==, cases[i].want);
      g_free (cases[i].got);
    }
}

static void
test_format_tick (void)
{
  ScAxis axis;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL;

  sc_axis_init (&axis, 0, 0.93, FALSE, FALSE, 6, SC_AXIS_FORMAT_PERCENT);
  a = sc_axis_format_tick (&axis, axis.ticks[1]);
  g_assert_cmpstr (a, ==, "20%");

  sc_axis_init (&axis, 0, 2.2, FALSE, FALSE, 6, SC_AXIS_FORMAT_CURRENCY);
  sc_axis_set_currency (&axis, "€");
  g_assert_cmpfloat (axis.step, ==, 0.5);
  b = sc_axis_format_tick (&axis, 1.5);
  g_assert_cmpstr (b, ==, "€1.5");

  sc_axis_init (&axis, 0, 4.2e6, FALSE, FALSE, 6, SC_AXIS_FORMAT_NUMBER);
  c = sc_axis_format_tick (&axis, 3e6);
  g_assert_cmpstr (c, ==, "3M");
  d = sc_axis_format_tick (&axis, 0);
  g_assert_cmpstr (d, ==, "0");

  sc_axis_init (&axis, 0, 400, FALSE, FALSE, 6, SC_AXIS_FORMAT_DAYS);
  e = sc_axis_format_tick (&axis, 100);
  g_assert_cmpstr (e, ==, "100 days");

  sc_axis_init (&axis, 0, 5e4, TRUE, FALSE, 8, SC_AXIS_FORMAT_CURRENCY);
  sc_axis_set_currency (&axis, "$");
  f = sc_axis_format_tick (&axis, 10000);
  g_assert_cmpstr (f, ==, "$10,000");
}

static void
test_currency_truncation (void)
{
  ScAxis axis;

  sc_axis_init (&axis, 0, 1, FALSE, FALSE, 6, SC_AXIS_FORMAT_CURRENCY);
  /* 15 bytes of room: cut on a character boundary, never inside a UTF-8 sequence. */
  sc_axis_set_currency (&axis, "€€€€€€");
  g_assert_cmpstr (axis.currency, ==, "€€€€€");
  g_assert_true (g_utf8_validate (axis.currency, -1, NULL));
  sc_axis_set_currency (&axis, NULL);
  g_assert_cmpstr (axis.currency, ==, "");
}

static void
test_rect (void)
{
  ScRect r = { 10, 20, 30, 40 };

  g_assert_true (sc_rect_contains (&r, 10, 20));
  g_assert_true (sc_rect_contains (&r, 39.9, 59.9));
  g_assert_false (sc_rect_contains (&r, 40, 30));
  g_assert_false (sc_rect_contains (&r, 9.9, 30));
}

/* In a locale with its own separators, those are used; skipped where it is not installed. */
static void
test_format_locale (void)
{
  const char *old = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (old);
  g_autofree char *s = NULL;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("de_DE.UTF-8 is not installed");
      return;
    }
  s = sc_format_number (1234567.5, 1);
  setlocale (LC_NUMERIC, saved);
  g_assert_cmpstr (s, ==, "1.234.567,5");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/Axis/ticks-linear", test_linear_known);
  g_test_add_func ("/Render/Axis/ticks-linear-invalid", test_linear_invalid);
  g_test_add_func ("/Render/Axis/ticks-linear-properties", test_linear_properties);
  g_test_add_func ("/Render/Axis/ticks-log", test_log_known);
  g_test_add_func ("/Render/Axis/scale", test_scale);
  g_test_add_func ("/Render/Axis/init", test_axis_init);
  g_test_add_func ("/Render/Axis/format-number", test_format_number);
  g_test_add_func ("/Render/Axis/format-others", test_format_others);
  g_test_add_func ("/Render/Axis/format-tick", test_format_tick);
  g_test_add_func ("/Render/Axis/currency-truncation", test_currency_truncation);
  g_test_add_func ("/Render/Axis/rect", test_rect);
  g_test_add_func ("/Render/Axis/format-locale", test_format_locale);

  return g_test_run ();
}
