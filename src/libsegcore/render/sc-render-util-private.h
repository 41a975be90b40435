/* sc-render-util-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The text and drawing primitives of sc-render-util.c, shared by every painter. */

#pragma once

#include <pango/pangocairo.h>

#include "sc-palette.h"

G_BEGIN_DECLS

/* Text sizes relative to ScPalette.font_size. */
#define _SC_TEXT_SMALL   0.92
#define _SC_TEXT_NORMAL  1.0
#define _SC_TEXT_LARGE   1.2

/* Gaps in logical pixels. */
#define _SC_TICK_LENGTH  4.0
#define _SC_GAP          4.0

/* Pango 1.50 has no autoptr cleanup for PangoContext; this alias gets one without
 * clashing with a later Pango that adds it. */
typedef PangoContext ScTextContext;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTextContext, g_object_unref)

PangoContext *_sc_text_context_new  (void);
PangoLayout  *_sc_text_layout       (PangoContext    *context,
                                     cairo_t         *cr,
                                     const ScPalette *palette,
                                     const char      *text,
                                     double           size,
                                     gboolean         bold);
char         *_sc_text_isolate      (const char      *name);
char         *_sc_text_unisolate    (const char      *name);
void          _sc_text_size         (PangoLayout     *layout,
                                     double          *width,
                                     double          *height);
void          _sc_text_fit          (PangoLayout     *layout,
                                     double           max_width);
void          _sc_text_measure      (PangoContext    *context,
                                     const ScPalette *palette,
                                     const char      *text,
                                     double           size,
                                     gboolean         bold,
                                     double          *width,
                                     double          *height);
double        _sc_text_widest_word  (PangoContext    *context,
                                     const ScPalette *palette,
                                     const char      *text,
                                     double           size,
                                     gboolean         bold);
void          _sc_text_draw         (cairo_t         *cr,
                                     PangoLayout     *layout,
                                     double           x,
                                     double           y,
                                     const ScRgba    *colour,
                                     double           alpha);
void          _sc_set_source        (cairo_t         *cr,
                                     const ScRgba    *colour,
                                     double           alpha);
double        _sc_snap_x            (cairo_t         *cr,
                                     double           x,
                                     double           line_width);
double        _sc_snap_y            (cairo_t         *cr,
                                     double           y,
                                     double           line_width);
void          _sc_rounded_rect      (cairo_t         *cr,
                                     double           x,
                                     double           y,
                                     double           width,
                                     double           height,
                                     double           radius);

gboolean      _sc_text_draw_row     (cairo_t         *cr,
                                     const ScPalette *palette,
                                     const char      *text,
                                     double           size,
                                     gboolean         bold,
                                     double           x,
                                     double           top,
                                     double           height,
                                     double           max_width,
                                     const ScRgba    *colour);
void          _sc_fill_rounded_rect (cairo_t         *cr,
                                     double           x,
                                     double           y,
                                     double           width,
                                     double           height,
                                     double           radius,
                                     const ScRgba    *colour,
                                     double           alpha);

/* What a painter drew as text, for the geometry checks of the tests: see
 * _sc_text_log_attach(). */
typedef struct
{
  char    *text;          /* as drawn, a "…" included */
  char    *full;          /* before _sc_text_fit_words() shortened it */
  double   x, y, width, height;          /* logical extents, in device pixels */
  double   ink_x, ink_y, ink_width, ink_height;
  ScRgba   colour;        /* the opacity folded into colour.a */
  gboolean cut;           /* ellipsized by Pango or a line broken inside a word */
  gboolean shortened;     /* whole words left out by _sc_text_fit_words() */
} ScTextRecord;

GArray       *_sc_text_log_new      (void);
void          _sc_text_log_attach   (cairo_t         *cr,
                                     GArray          *log,
                                     gboolean         hide);
gboolean      _sc_text_fit_words    (PangoLayout     *layout,
                                     double           max_width,
                                     int              max_lines);

G_END_DECLS
