/* sc-axis.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "sc-format.h"
#include "sc-palette.h"

G_BEGIN_DECLS

/* Room in ScAxis for ticks; the tick functions never return more than they are asked for. */
#define SC_AXIS_MAX_TICKS 24

/**
 * ScRect:
 *
 * A rectangle in logical units (device-independent pixels on screen, points in PDF).
 */
typedef struct
{
  double x, y, width, height;
} ScRect;

gboolean sc_rect_contains (const ScRect *rect,
                           double        x,
                           double        y);

/**
 * ScAxisFormat:
 * @SC_AXIS_FORMAT_NUMBER: plain numbers with thousands separators
 * @SC_AXIS_FORMAT_CURRENCY: amounts, with the axis' currency symbol when it has one
 * @SC_AXIS_FORMAT_DAYS: durations in days
 * @SC_AXIS_FORMAT_PERCENT: fractions 0..1 shown as percentages
 */
typedef enum
{
  SC_AXIS_FORMAT_NUMBER,
  SC_AXIS_FORMAT_CURRENCY,
  SC_AXIS_FORMAT_DAYS,
  SC_AXIS_FORMAT_PERCENT,
} ScAxisFormat;

typedef enum
{
  SC_AXIS_BOTTOM,
  SC_AXIS_LEFT,
} ScAxisSide;

/**
 * ScAxis:
 * @format: how tick labels read
 * @log: whether the axis is logarithmic; see sc_scale_forward()
 * @min: the value at the start of the axis (data units)
 * @max: the value at the end of the axis (data units)
 * @t_min: @min on the scale (log10 (1 + @min) on log axes)
 * @t_max: @max on the scale
 * @n_ticks: ticks in @ticks
 * @ticks: tick values in data units, ascending, all within @min..@max
 * @step: the tick step of a linear axis, 0 on a log axis
 * @currency: symbol put before amounts, may be empty
 *
 * Filled by sc_axis_init(); plain data, safe to copy and to use from any thread.
 */
typedef struct
{
  ScAxisFormat format;
  gboolean     log;
  double       min;
  double       max;
  double       t_min;
  double       t_max;
  guint        n_ticks;
  double       ticks[SC_AXIS_MAX_TICKS];
  double       step;
  char         currency[16];
} ScAxis;

gboolean sc_ticks_linear     (double          min,
                              double          max,
                              guint           max_ticks,
                              double         *out,
                              guint          *n);
gboolean sc_ticks_log        (double          min,
                              double          max,
                              guint           max_ticks,
                              double         *out,
                              guint          *n);

double   sc_scale_forward    (gboolean        log,
                              double          value);
double   sc_scale_inverse    (gboolean        log,
                              double          t);

void     sc_axis_init        (ScAxis         *axis,
                              double          data_min,
                              double          data_max,
                              gboolean        log,
                              gboolean        exact,
                              guint           max_ticks,
                              ScAxisFormat    format);
void     sc_axis_set_currency (ScAxis        *axis,
                               const char    *symbol);
double   sc_axis_position    (const ScAxis   *axis,
                              double          value,
                              double          start,
                              double          end);
double   sc_axis_value_at    (const ScAxis   *axis,
                              double          position,
                              double          start,
                              double          end);
char    *sc_axis_format_tick (const ScAxis   *axis,
                              double          value);

double   sc_axis_measure     (const ScAxis    *axis,
                              const ScPalette *palette,
                              ScAxisSide       side,
                              const char      *title);
void     sc_axis_draw_grid   (cairo_t         *cr,
                              const ScAxis    *axis,
                              const ScPalette *palette,
                              ScAxisSide       side,
                              const ScRect    *frame,
                              const ScRect    *map);
void     sc_axis_draw        (cairo_t         *cr,
                              const ScAxis    *axis,
                              const ScPalette *palette,
                              ScAxisSide       side,
                              const ScRect    *frame,
                              const ScRect    *map,
                              const char      *title);

G_END_DECLS
