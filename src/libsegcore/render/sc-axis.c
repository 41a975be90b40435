/* sc-axis.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Ticks, scales, tick labels and axis drawing shared by every chart.  Numbers themselves are
 * written by sc-format.c, text is measured and drawn by sc-render-util.c.
 *
 * Log scale: customer figures are full of zeros (no spend in the window, a recency of 0
 * days), which a plain log10 cannot show.  Log axes therefore map v to log10 (1 + v),
 * so 0 sits at the start of the axis and large values read as decades; negative values
 * (net returns) clamp to 0.  Below 1 this scale is close to linear, so a log axis whose
 * data all lie in 0..1 gets linear ticks.
 */

#include "config.h"

#include "sc-axis.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-render-util-private.h"

/* ---------------------------------------------------------------------------------------- */
/* Geometry */

gboolean
sc_rect_contains (const ScRect *rect,
                  double        x,
                  double        y)
{
  g_return_val_if_fail (rect != NULL, FALSE);

  return x >= rect->x && x < rect->x + rect->width
         && y >= rect->y && y < rect->y + rect->height;
}

/* ---------------------------------------------------------------------------------------- */
/* Ticks */

/* k × mantissa × 10^exponent, computed so that decimal ticks come out as the nearest
 * double (0.6, not 0.6000000000000001). */
static double
nice_value (gint64 k,
            int    mantissa,
            int    exponent)
{
  double v;

  if (exponent >= 0)
    v = (double) (k * mantissa) * pow (10.0, exponent);
  else
    v = (double) (k * mantissa) / pow (10.0, -exponent);

  return v == 0.0 ? 0.0 : v;   /* no -0 */
}

/* Puts @min and @max in order; FALSE when either is not finite or there is room for fewer
 * than two ticks. */
static gboolean
tick_range (double *min,
            double *max,
            guint   max_ticks)
{
  double t;

  if (!isfinite (*min) || !isfinite (*max) || max_ticks < 2)
    return FALSE;
  if (*min > *max)
    {
      t = *min;
      *min = *max;
      *max = t;
    }
  return TRUE;
}

static gboolean
ticks_linear (double  min,
              double  max,
              guint   max_ticks,
              double *out,
              guint  *n,
              double *step_out)
{
  static const int mantissas[] = { 1, 2, 5 };
  double range, raw;
  int exponent, mi;

  if (!tick_range (&min, &max, max_ticks))
    return FALSE;

  if (min == max)
    {
      /* One value: show it in the middle of a decade-sized range around it. */
      double d = min == 0.0 ? 1.0 : pow (10.0, floor (log10 (fabs (min))));

      min -= d;
      max += d;
    }

  range = max - min;
  raw = range / (max_ticks - 1);
  exponent = (int) floor (log10 (raw));
  mi = 0;
  while (mi < 3 && mantissas[mi] * pow (10.0, exponent) < raw * (1 - 1e-9))
    mi++;
  if (mi == 3)
    {
      mi = 0;
      exponent++;
    }

  for (;;)
    {
      double step = mantissas[mi] * pow (10.0, exponent);
      gint64 lo = (gint64) floor (min / step + 1e-9);
      gint64 hi = (gint64) ceil (max / step - 1e-9);

      if (hi <= lo)
        hi = lo + 1;   /* a range below the precision of its magnitude */

      if (max_ticks == 2 && lo == -1 && hi == 1)
        {
          /* Two ticks cannot be adjacent multiples of a step around 0: ±step it is. */
          out[0] = -step;
          out[1] = step;
          *n = 2;
          if (step_out != NULL)
            *step_out = 2 * step;
          return TRUE;
        }

      if (hi - lo + 1 <= (gint64) max_ticks)
        {
          guint count = 0;

          for (gint64 k = lo; k <= hi; k++)
            out[count++] = nice_value (k, mantissas[mi], exponent);
          *n = count;
          if (step_out != NULL)
            *step_out = step;
          return TRUE;
        }

      if (++mi == 3)
        {
          mi = 0;
          exponent++;
        }
    }
}

/**
 * sc_ticks_linear:
 * @min: smallest value to cover
 * @max: largest value to cover
 * @max_ticks: at most this many ticks (at least 2)
 * @out: (array length=max_ticks) (out caller-allocates): the ticks, ascending
 * @n: (out): number of ticks written
 *
 * Ticks at 1, 2 or 5 times a power of ten that cover @min..@max: the first tick is at or
 * below @min and the last at or above @max (0..97 gives 0, 20, 40, 60, 80, 100 for six
 * ticks).  The smallest such step that needs no more than @max_ticks ticks wins.  When
 * @min equals @max, the range is widened by a power of ten on either side.  With only two
 * ticks, a range around 0 gets -s and s for a 1-2-5 step s.
 *
 * Returns: %FALSE when @min or @max is not finite or @max_ticks is below 2
 */
gboolean
sc_ticks_linear (double  min,
                 double  max,
                 guint   max_ticks,
                 double *out,
                 guint  *n)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n != NULL, FALSE);

  *n = 0;
  return ticks_linear (min, max, max_ticks, out, n, NULL);
}

/**
 * sc_ticks_log:
 * @min: smallest value to cover; negative values count as 0
 * @max: largest value to cover
 * @max_ticks: at most this many ticks (at least 2)
 * @out: (array length=max_ticks) (out caller-allocates): the ticks, ascending
 * @n: (out): number of ticks written
 *
 * Ticks for a log10 (1 + v) axis: powers of ten covering @min..@max (1..1e6 gives 1, 10,
 * …, 1e6), with a tick at 0 when the data reach below 1, so that zeros have a place on
 * the axis.  Over at most two decades 2 and 5 times the powers are added when they fit
 * (1..50 gives 1, 2, 5, 10, 20, 50); over many decades every second or third power is
 * kept, counting down from the top one.  When all values are below 1 the ticks are
 * linear (see sc_ticks_linear()).
 *
 * Returns: %FALSE when @min or @max is not finite or @max_ticks is below 2
 */
gboolean
sc_ticks_log (double  min,
              double  max,
              guint   max_ticks,
              double *out,
              guint  *n)
{
  gboolean with_zero;
  int d0, d1;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (n != NULL, FALSE);

  *n = 0;
  if (!tick_range (&min, &max, max_ticks))
    return FALSE;
  min = MAX (min, 0.0);
  max = MAX (max, 0.0);

  if (max < 1.0)
    return ticks_linear (min, max == min ? 1.0 : max, max_ticks, out, n, NULL);

  with_zero = min < 1.0;
  d0 = with_zero ? 0 : (int) floor (log10 (min) + 1e-9);
  d1 = (int) ceil (log10 (max) - 1e-9);
  if (d1 == d0)
    d1 = d0 + 1;

  /* 1-2-5 within few decades, when that fits. */
  if (d1 - d0 <= 2)
    {
      static const int sub[] = { 1, 2, 5 };
      double tmp[16];
      guint count = 0;
      gboolean done = FALSE;

      if (with_zero)
        tmp[count++] = 0.0;
      for (int d = d0; d <= d1 && !done; d++)
        for (guint s = 0; s < G_N_ELEMENTS (sub) && !done; s++)
          {
            double v = nice_value (1, sub[s], d);

            if (!with_zero && v < min * (1 - 1e-9) && d == d0)
              {
                /* Drop sub-ticks below the data, keeping the one just under it. */
                double next = s + 1 < G_N_ELEMENTS (sub) ? nice_value (1, sub[s + 1], d)
                                                          : nice_value (1, 1, d + 1);

                if (next <= min * (1 + 1e-9))
                  continue;
              }
            tmp[count++] = v;
            if (v >= max * (1 - 1e-9))
              done = TRUE;
          }

      if (count <= max_ticks)
        {
          memcpy (out, tmp, count * sizeof (double));
          *n = count;
          return TRUE;
        }
    }

  /* Every stride-th decade, counted down from the top one so that the axis ends just
   * above the data. */
  for (int stride = 1;; stride++)
    {
      int steps = (d1 - d0 + stride - 1) / stride;
      guint count = with_zero ? 1 : 0;

      for (int k = 0; k <= steps; k++)
        {
          int d = d1 - k * stride;

          /* From zero, 0 and 1 would crowd each other when decades are skipped. */
          if (!with_zero || (d > 0 || (d == 0 && stride == 1)))
            count++;
        }

      if (count <= max_ticks)
        {
          guint j = 0;

          if (with_zero)
            out[j++] = 0.0;
          for (int k = steps; k >= 0; k--)
            {
              int d = d1 - k * stride;

              if (!with_zero || (d > 0 || (d == 0 && stride == 1)))
                out[j++] = nice_value (1, 1, d);
            }
          g_assert (j == count);
          *n = count;
          return TRUE;
        }
    }
}

/* The nearest of 1, 2 or 5 times a power of ten at or above (@up) or at or below @v > 0. */
static double
nice_125 (double   v,
          gboolean up)
{
  static const int mantissas[] = { 1, 2, 5, 10 };
  int e = (int) floor (log10 (v));
  double best = up ? nice_value (1, 10, e) : nice_value (1, 1, e);

  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    {
      double c = nice_value (1, mantissas[i], e);

      if (up && c >= v * (1 - 1e-9) && c < best)
        best = c;
      if (!up && c <= v * (1 + 1e-9) && c > best)
        best = c;
    }
  return best;
}

/**
 * sc_scale_forward:
 * @log: whether the scale is logarithmic
 * @value: a data value
 *
 * Returns: @value on the scale: itself, or log10 (1 + MAX (@value, 0)) on a log scale
 */
double
sc_scale_forward (gboolean log,
                  double   value)
{
  if (!log)
    return value;
  return log10 (1.0 + MAX (value, 0.0));
}

/**
 * sc_scale_inverse:
 * @log: whether the scale is logarithmic
 * @t: a position on the scale
 *
 * Returns: the data value at @t
 */
double
sc_scale_inverse (gboolean log,
                  double   t)
{
  if (!log)
    return t;
  return pow (10.0, t) - 1.0;
}

/* A tenth of a 1-2-5 step, itself a 1-2-5 value. */
static double
minor_step (double step)
{
  return step / 10;
}

/* When few ticks are allowed, the enclosing ticks can lie far beyond the data (0..545 with
 * three ticks runs 0, 500, 1000): past FIT_SLACK of the span, the axis ends at the data's
 * extent rounded out to a tenth of the step (550) and drops the ticks beyond it. */
#define FIT_SLACK 0.15

static void
fit_linear (ScAxis       *axis,
            const double *ticks,
            guint         n,
            double        step,
            double        data_min,
            double        data_max)
{
  double lo = ticks[0], hi = ticks[n - 1], span = hi - lo;

  if (step > 0 && span > 0 && data_min < data_max)
    {
      double minor = minor_step (step);

      if (data_min - lo > FIT_SLACK * span)
        lo = MAX (lo, floor (data_min / minor + 1e-9) * minor);
      if (hi - data_max > FIT_SLACK * (hi - lo))
        hi = MIN (hi, ceil (data_max / minor - 1e-9) * minor);
      span = hi - lo;
    }

  axis->min = lo;
  axis->max = hi;
  axis->n_ticks = 0;
  for (guint i = 0; i < n; i++)
    if (ticks[i] >= lo - 1e-9 * span && ticks[i] <= hi + 1e-9 * span)
      axis->ticks[axis->n_ticks++] = ticks[i];
  /* Keep two labels at least: the end of the axis is a 1-2-5 multiple too. */
  if (axis->n_ticks < 2 && hi > lo)
    {
      if (axis->n_ticks == 0 || axis->ticks[0] > lo + 1e-9 * span)
        {
          memmove (axis->ticks + 1, axis->ticks, axis->n_ticks * sizeof (double));
          axis->ticks[0] = lo;
          axis->n_ticks++;
        }
      if (axis->n_ticks < 2)
        axis->ticks[axis->n_ticks++] = hi;
    }
}

/**
 * sc_axis_init:
 * @axis: (out caller-allocates): the axis
 * @data_min: smallest value to show
 * @data_max: largest value to show
 * @log: log10 (1 + v) scale; negative values clamp to 0
 * @exact: %TRUE to end the axis exactly at @data_min and @data_max (a zoomed view),
 *   %FALSE to extend it to the enclosing ticks (on a log axis, to the enclosing 1, 2 or 5
 *   times a power of ten, so that 0..120 000 ends at 200 000, not at 1 000 000); when
 *   those lie far beyond the data, a linear axis ends at the data rounded out to a tenth
 *   of a tick step instead (0..545 on three ticks ends at 550, not 1000)
 * @max_ticks: at most this many ticks, 2..%SC_AXIS_MAX_TICKS
 * @format: how tick labels read
 *
 * Non-finite bounds give a 0..1 axis.
 */
void
sc_axis_init (ScAxis       *axis,
              double        data_min,
              double        data_max,
              gboolean      log,
              gboolean      exact,
              guint         max_ticks,
              ScAxisFormat  format)
{
  double ticks[SC_AXIS_MAX_TICKS] = { 0 };
  guint n = 0;
  double step = 0;

  g_return_if_fail (axis != NULL);

  memset (axis, 0, sizeof *axis);
  axis->format = format;
  axis->log = !!log;
  max_ticks = CLAMP (max_ticks, 2, SC_AXIS_MAX_TICKS);

  if (!isfinite (data_min) || !isfinite (data_max))
    {
      data_min = 0.0;
      data_max = 1.0;
    }
  if (data_min > data_max)
    {
      double t = data_min;

      data_min = data_max;
      data_max = t;
    }
  if (log)
    {
      data_min = MAX (data_min, 0.0);
      data_max = MAX (data_max, 0.0);
    }
  if (data_min == data_max)
    exact = FALSE;

  if (log && data_max >= 1.0)
    {
      sc_ticks_log (data_min, data_max, max_ticks, ticks, &n);
    }
  else
    {
      /* Zero-width ranges are widened in ticks_linear; never let a log axis go negative. */
      double lo = data_min, hi = data_max;

      if (log && lo == hi)
        hi = lo + 1.0;
      ticks_linear (lo, hi, max_ticks, ticks, &n, &step);
      if (log && ticks[0] < 0.0)
        {
          guint j = 0;

          for (guint i = 0; i < n; i++)
            if (ticks[i] >= 0.0)
              ticks[j++] = ticks[i];
          n = j;
        }
    }
  g_assert (n >= 1);

  if (exact)
    {
      double eps = (data_max - data_min) * 1e-9;

      axis->min = data_min;
      axis->max = data_max;
      for (guint i = 0; i < n; i++)
        if (ticks[i] >= data_min - eps && ticks[i] <= data_max + eps)
          axis->ticks[axis->n_ticks++] = ticks[i];
    }
  else if (log && data_max >= 1.0)
    {
      /* Decade ticks would leave up to 90 % of the last decade empty: end the axis at the
       * 1-2-5 value just above the data instead, and start it at the one just below (or
       * at 0). */
      double lo = ticks[0] == 0.0 ? 0.0 : nice_125 (data_min, FALSE);
      double hi = nice_125 (data_max, TRUE);

      axis->min = MAX (lo, ticks[0]);
      axis->max = MIN (hi, ticks[n - 1]);
      for (guint i = 0; i < n; i++)
        if (ticks[i] >= axis->min * (1 - 1e-9) && ticks[i] <= axis->max * (1 + 1e-9))
          axis->ticks[axis->n_ticks++] = ticks[i];

      /* Trimmed to fewer than three: 2 and 5 times the powers as well, if they fit. */
      if (axis->n_ticks < 3 && axis->min > 0)
        {
          static const int sub[] = { 1, 2, 5 };
          double more[SC_AXIS_MAX_TICKS];
          guint count = 0;
          int e0 = (int) floor (log10 (axis->min)), e1 = (int) ceil (log10 (axis->max));

          for (int e = e0; e <= e1 && count <= max_ticks; e++)
            for (guint k = 0; k < G_N_ELEMENTS (sub) && count <= max_ticks; k++)
              {
                double v = nice_value (1, sub[k], e);

                if (v >= axis->min * (1 - 1e-9) && v <= axis->max * (1 + 1e-9)
                    && count < SC_AXIS_MAX_TICKS)
                  more[count++] = v;
              }
          if (count <= max_ticks && count > axis->n_ticks)
            {
              memcpy (axis->ticks, more, count * sizeof (double));
              axis->n_ticks = count;
            }
        }
    }
  else
    {
      fit_linear (axis, ticks, n, step, data_min, data_max);
    }
  if (axis->max == axis->min)
    axis->max = axis->min + 1.0;

  axis->step = log ? 0.0 : step;
  axis->t_min = sc_scale_forward (log, axis->min);
  axis->t_max = sc_scale_forward (log, axis->max);
}

static gboolean
axis_currency_is_code (const ScAxis *axis)
{
  return strlen (axis->currency) == 3 && g_ascii_isupper (axis->currency[0]) &&
         g_ascii_isupper (axis->currency[1]) && g_ascii_isupper (axis->currency[2]);
}

/* The title of a money axis names its currency when the currency is a code. */
static char *
axis_title (const ScAxis *axis,
            const char   *title)
{
  if (title == NULL || *title == '\0')
    return NULL;
  if (axis->format == SC_AXIS_FORMAT_CURRENCY && axis_currency_is_code (axis))
    /* Translators: a money axis' title and its currency, as in "Potential (EUR)" */
    return g_strdup_printf (_("%s (%s)"), title, axis->currency);
  return g_strdup (title);
}

/**
 * sc_axis_set_currency:
 * @axis: an axis
 * @symbol: (nullable): a currency for %SC_AXIS_FORMAT_CURRENCY axes: an ISO 4217 code goes
 *   into the axis title ("Potential (EUR)"), any other symbol before each tick label ("$1k")
 */
void
sc_axis_set_currency (ScAxis     *axis,
                      const char *symbol)
{
  g_return_if_fail (axis != NULL);

  axis->currency[0] = '\0';
  if (symbol != NULL)
    {
      /* Cut on a character boundary. */
      const char *end = symbol;

      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if ((gsize) (next - symbol) >= sizeof axis->currency)
            break;
          end = next;
        }
      memcpy (axis->currency, symbol, end - symbol);
      axis->currency[end - symbol] = '\0';
    }
}

/**
 * sc_axis_position:
 * @axis: an axis
 * @value: a data value
 * @start: where the axis minimum is drawn (left edge, or bottom edge of a vertical axis)
 * @end: where the axis maximum is drawn
 *
 * Returns: the position of @value between @start and @end (beyond them when @value is
 *   outside the axis)
 */
double
sc_axis_position (const ScAxis *axis,
                  double        value,
                  double        start,
                  double        end)
{
  double t;

  g_return_val_if_fail (axis != NULL, start);

  t = sc_scale_forward (axis->log, value);
  if (axis->t_max == axis->t_min)
    return (start + end) / 2;
  return start + (t - axis->t_min) / (axis->t_max - axis->t_min) * (end - start);
}

/**
 * sc_axis_value_at:
 * @axis: an axis
 * @position: a position between @start and @end
 * @start: where the axis minimum is drawn
 * @end: where the axis maximum is drawn
 *
 * Returns: the data value drawn at @position
 */
double
sc_axis_value_at (const ScAxis *axis,
                  double        position,
                  double        start,
                  double        end)
{
  double u;

  g_return_val_if_fail (axis != NULL, 0);

  u = end == start ? 0.0 : (position - start) / (end - start);
  return sc_scale_inverse (axis->log, axis->t_min + u * (axis->t_max - axis->t_min));
}

/* ---------------------------------------------------------------------------------------- */
/* Tick labels */

static int
step_decimals (double step)
{
  if (step <= 0.0 || step >= 1.0)
    return 0;
  return (int) ceil (-log10 (step) - 1e-9);
}

/**
 * sc_axis_format_tick:
 * @axis: an axis
 * @value: a tick value
 *
 * Formats a tick in the axis' format, with as many decimals as the tick step needs and
 * millions written compactly ("2M").
 *
 * Returns: (transfer full): the label
 */
char *
sc_axis_format_tick (const ScAxis *axis,
                     double        value)
{
  int decimals;

  g_return_val_if_fail (axis != NULL, NULL);

  decimals = axis->log ? -1 : step_decimals (axis->step);

  switch (axis->format)
    {
    case SC_AXIS_FORMAT_PERCENT:
      return sc_format_percent (value, axis->log ? -1 : MAX (0, decimals - 2));

    case SC_AXIS_FORMAT_DAYS:
      if (decimals > 0)
        {
          g_autofree char *number = sc_format_number (value, decimals);

          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", 2),
                                  number);
        }
      if (fabs (value) >= 1e6)
        {
          g_autofree char *number = sc_format_compact (value);

          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", 2),
                                  number);
        }
      return sc_format_days (value);

    case SC_AXIS_FORMAT_CURRENCY:
      {
        g_autofree char *number = fabs (value) >= 1e6 ? sc_format_compact (fabs (value))
                                                      : sc_format_number (fabs (value),
                                                                          decimals);
        return g_strdup_printf ("%s%s%s", value < 0 ? "-" : "",
                                axis_currency_is_code (axis) ? "" : axis->currency, number);
      }

    case SC_AXIS_FORMAT_NUMBER:
    default:
      if (fabs (value) >= 1e6)
        return sc_format_compact (value);
      return sc_format_number (value, decimals);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Drawing */

static gboolean
tick_visible (double pos,
              double lo,
              double hi)
{
  return pos >= lo - 0.5 && pos <= hi + 0.5;
}

/**
 * sc_axis_measure:
 * @axis: an axis
 * @palette: the palette (for the font)
 * @side: where the axis is drawn
 * @title: (nullable): the axis title
 *
 * Returns: the room sc_axis_draw() needs outside the plot frame: the height below it for
 *   %SC_AXIS_BOTTOM, the width to its left for %SC_AXIS_LEFT
 */
double
sc_axis_measure (const ScAxis    *axis,
                 const ScPalette *palette,
                 ScAxisSide       side,
                 const char      *axis_title_text)
{
  g_autofree char *title = axis_title (axis, axis_title_text);
  g_autoptr(ScTextContext) context = NULL;
  double label_w = 0, label_h = 0, title_h = 0;

  g_return_val_if_fail (axis != NULL, 0);
  g_return_val_if_fail (palette != NULL, 0);

  context = _sc_text_context_new ();
  for (guint i = 0; i < axis->n_ticks; i++)
    {
      g_autofree char *text = sc_axis_format_tick (axis, axis->ticks[i]);
      double w, h;

      _sc_text_measure (context, palette, text, _SC_TEXT_SMALL, FALSE, &w, &h);
      label_w = MAX (label_w, w);
      label_h = MAX (label_h, h);
    }
  if (title != NULL && *title != '\0')
    _sc_text_measure (context, palette, title, _SC_TEXT_NORMAL, FALSE, NULL, &title_h);

  if (side == SC_AXIS_BOTTOM)
    return _SC_TICK_LENGTH + _SC_GAP + label_h + (title_h > 0 ? _SC_GAP + title_h : 0);
  return _SC_TICK_LENGTH + _SC_GAP + label_w + (title_h > 0 ? 2 * _SC_GAP + title_h : 0);
}

/**
 * sc_axis_draw_grid:
 * @cr: a cairo context
 * @axis: an axis
 * @palette: the palette
 * @side: which axis the grid lines belong to
 * @frame: the plot frame the lines span
 * @map: the rectangle @axis maps onto (usually @frame)
 *
 * Draws a line across @frame at every tick, to be painted before the data.
 */
void
sc_axis_draw_grid (cairo_t         *cr,
                   const ScAxis    *axis,
                   const ScPalette *palette,
                   ScAxisSide       side,
                   const ScRect    *frame,
                   const ScRect    *map)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (axis != NULL && palette != NULL && frame != NULL && map != NULL);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  _sc_set_source (cr, &palette->grid, 1.0);
  for (guint i = 0; i < axis->n_ticks; i++)
    {
      if (side == SC_AXIS_BOTTOM)
        {
          double x = sc_axis_position (axis, axis->ticks[i], map->x, map->x + map->width);

          if (!tick_visible (x, frame->x, frame->x + frame->width))
            continue;
          x = _sc_snap_x (cr, x, 1.0);
          cairo_move_to (cr, x, frame->y);
          cairo_line_to (cr, x, frame->y + frame->height);
        }
      else
        {
          double y = sc_axis_position (axis, axis->ticks[i], map->y + map->height, map->y);

          if (!tick_visible (y, frame->y, frame->y + frame->height))
            continue;
          y = _sc_snap_y (cr, y, 1.0);
          cairo_move_to (cr, frame->x, y);
          cairo_line_to (cr, frame->x + frame->width, y);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The label of tick @i as drawn, with its size. */
static PangoLayout *
tick_label (cairo_t         *cr,
            const ScAxis    *axis,
            const ScPalette *palette,
            guint            i,
            double          *width,
            double          *height)
{
  g_autofree char *text = sc_axis_format_tick (axis, axis->ticks[i]);
  PangoLayout *layout = _sc_text_layout (NULL, cr, palette, text, _SC_TEXT_SMALL, FALSE);

  _sc_text_size (layout, width, height);
  return layout;
}

/**
 * sc_axis_draw:
 * @cr: a cairo context
 * @axis: an axis
 * @palette: the palette
 * @side: %SC_AXIS_BOTTOM or %SC_AXIS_LEFT of @frame
 * @frame: the plot frame; the axis line runs along its edge, labels outside it
 * @map: the rectangle @axis maps onto (usually @frame)
 * @title: (nullable): the axis title, centred beyond the labels
 *
 * Draws the axis line, tick marks, tick labels (skipping any that would overlap the
 * previous one) and the title, within the room sc_axis_measure() reports.
 */
void
sc_axis_draw (cairo_t         *cr,
              const ScAxis    *axis,
              const ScPalette *palette,
              ScAxisSide       side,
              const ScRect    *frame,
              const ScRect    *map,
              const char      *axis_title_text)
{
  g_autofree char *title = axis_title (axis, axis_title_text);
  double label_extent = 0;
  double last_end = -G_MAXDOUBLE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (axis != NULL && palette != NULL && frame != NULL && map != NULL);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  _sc_set_source (cr, &palette->muted, 1.0);

  if (side == SC_AXIS_BOTTOM)
    {
      double y = _sc_snap_y (cr, frame->y + frame->height, 1.0);

      cairo_move_to (cr, frame->x, y);
      cairo_line_to (cr, frame->x + frame->width, y);
      for (guint i = 0; i < axis->n_ticks; i++)
        {
          double x = sc_axis_position (axis, axis->ticks[i], map->x, map->x + map->width);

          if (!tick_visible (x, frame->x, frame->x + frame->width))
            continue;
          x = _sc_snap_x (cr, x, 1.0);
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x, y + _SC_TICK_LENGTH);
        }
    }
  else
    {
      double x = _sc_snap_x (cr, frame->x, 1.0);

      cairo_move_to (cr, x, frame->y);
      cairo_line_to (cr, x, frame->y + frame->height);
      for (guint i = 0; i < axis->n_ticks; i++)
        {
          double y = sc_axis_position (axis, axis->ticks[i], map->y + map->height, map->y);

          if (!tick_visible (y, frame->y, frame->y + frame->height))
            continue;
          y = _sc_snap_y (cr, y, 1.0);
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x - _SC_TICK_LENGTH, y);
        }
    }
  cairo_stroke (cr);

  /* Labels: from the low end up, so the first (often 0) wins a collision. */
  for (guint i = 0; i < axis->n_ticks; i++)
    {
      double w, h;
      g_autoptr(PangoLayout) layout = tick_label (cr, axis, palette, i, &w, &h);

      if (side == SC_AXIS_BOTTOM)
        {
          double x = sc_axis_position (axis, axis->ticks[i], map->x, map->x + map->width);
          double left = x - w / 2;

          if (!tick_visible (x, frame->x, frame->x + frame->width) || left < last_end + _SC_GAP)
            continue;
          _sc_text_draw (cr, layout, left, frame->y + frame->height + _SC_TICK_LENGTH + _SC_GAP,
                         &palette->muted, 1.0);
          last_end = left + w;
          label_extent = MAX (label_extent, h);
        }
      else
        {
          double y = sc_axis_position (axis, axis->ticks[i], map->y + map->height, map->y);
          double bottom = y + h / 2;

          /* Going up the axis, "last_end" is the top of the previous label, negated. */
          if (!tick_visible (y, frame->y, frame->y + frame->height)
              || (last_end != -G_MAXDOUBLE && bottom > -last_end - _SC_GAP / 2))
            continue;
          _sc_text_draw (cr, layout, frame->x - _SC_TICK_LENGTH - _SC_GAP - w, y - h / 2,
                         &palette->muted, 1.0);
          last_end = -(y - h / 2);
          label_extent = MAX (label_extent, w);
        }
    }

  if (title != NULL && *title != '\0')
    {
      g_autoptr(PangoLayout) layout = _sc_text_layout (NULL, cr, palette, title, _SC_TEXT_NORMAL,
                                                        FALSE);
      double w, h;

      /* The labels' room comes from the widest label of any tick so that the title does
       * not move when labels are skipped. */
      label_extent = 0;
      for (guint i = 0; i < axis->n_ticks; i++)
        {
          double lw, lh;
          g_autoptr(PangoLayout) l = tick_label (cr, axis, palette, i, &lw, &lh);

          label_extent = MAX (label_extent, side == SC_AXIS_BOTTOM ? lh : lw);
        }

      if (side == SC_AXIS_BOTTOM)
        {
          _sc_text_fit (layout, frame->width);
          _sc_text_size (layout, &w, &h);
          _sc_text_draw (cr, layout, frame->x + (frame->width - w) / 2,
                         frame->y + frame->height + _SC_TICK_LENGTH + 2 * _SC_GAP + label_extent,
                         &palette->foreground, 1.0);
        }
      else
        {
          _sc_text_fit (layout, frame->height);
          _sc_text_size (layout, &w, &h);
          cairo_save (cr);
          cairo_translate (cr,
                           frame->x - _SC_TICK_LENGTH - 3 * _SC_GAP - label_extent - h,
                           frame->y + (frame->height + w) / 2);
          cairo_rotate (cr, -G_PI / 2);
          pango_cairo_update_layout (cr, layout);
          _sc_text_draw (cr, layout, 0, 0, &palette->foreground, 1.0);
          cairo_restore (cr);
        }
    }

  cairo_restore (cr);
}
