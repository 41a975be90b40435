/* sc-render-util.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The text and drawing primitives every painter shares, the axis included: text layouts,
 * sizes and drawing, colours, pixel snapping and rounded rectangles, and the drawing steps
 * several painters repeat.  It sits below every painter and includes none of them.
 *
 * Text is measured either through a cairo context (when painting) or through a Pango
 * context of the calling thread's default PangoCairo font map (when laying out without a
 * surface, for example in a worker building a scatter cache).  Sizes are absolute, in
 * logical pixels, so both agree whatever the resolution of the target. */

#include "config.h"

#include <math.h>

#include "sc-render-util-private.h"

PangoContext *
_sc_text_context_new (void)
{
  /* The default font map is per thread, so this is safe in a worker. */
  return pango_font_map_create_context (pango_cairo_font_map_get_default ());
}

PangoLayout *
_sc_text_layout (PangoContext    *context,
                 cairo_t         *cr,
                 const ScPalette *palette,
                 const char      *text,
                 double           size,
                 gboolean         bold)
{
  PangoLayout *layout;
  PangoFontDescription *desc;

  g_assert (context != NULL || cr != NULL);

  if (cr != NULL)
    layout = pango_cairo_create_layout (cr);
  else
    layout = pango_layout_new (context);

  desc = pango_font_description_from_string (palette->font_family != NULL
                                             ? palette->font_family : "Sans");
  pango_font_description_set_absolute_size (desc, size * palette->font_size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

/* Whether @c is written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko and the other
 * scripts of those blocks, their presentation forms, and the right-to-left scripts of the
 * supplementary planes. */
static gboolean
is_rtl_char (gunichar c)
{
  return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
         (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0x10800 && c <= 0x10FFF) ||
         (c >= 0x1E800 && c <= 0x1EFFF);
}

/* A name to be set inside a sentence, as its own bidirectional run: a name that holds
 * right-to-left letters is wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so
 * that what follows it in the sentence stays where it is written ("حلفاء مخلصون: 40%", not
 * "40 :حلفاء مخلصون%": without the isolate the figure joins the Arabic run).  Any other name
 * is returned as it is.  Returns: (transfer full) (nullable): NULL for %NULL */
char *
_sc_text_isolate (const char *name)
{
  if (name == NULL)
    return NULL;
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0x80 && is_rtl_char (g_utf8_get_char (p)))
      return g_strconcat ("\u2068", name, "\u2069", NULL);
  return g_strdup (name);
}

/* @name without the isolate _sc_text_isolate() put around it: for a page's title, which
 * is a name alone, and the document's keywords.  Returns: (transfer full) */
char *
_sc_text_unisolate (const char *name)
{
  gsize len = strlen (name);

  if (g_str_has_prefix (name, "\u2068") && g_str_has_suffix (name, "\u2069") && len >= 6)
    return g_strndup (name + 3, len - 6);
  return g_strdup (name);
}

void
_sc_text_size (PangoLayout *layout,
               double      *width,
               double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Fits @layout to @max_width only when it is wider, so that a narrower right-to-left text
 * is not pushed to the right edge of a layout width: on one line shortened by whole words
 * first (_sc_text_fit_words()), and cut inside a word only when even its first word is
 * wider than the room. */
void
_sc_text_fit (PangoLayout *layout,
              double       max_width)
{
  double w;

  _sc_text_size (layout, &w, NULL);
  if (w > max_width && !_sc_text_fit_words (layout, max_width, 1))
    {
      pango_layout_set_width (layout, (int) (MAX (max_width, 1.0) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
}

void
_sc_text_measure (PangoContext    *context,
                  const ScPalette *palette,
                  const char      *text,
                  double           size,
                  gboolean         bold,
                  double          *width,
                  double          *height)
{
  g_autoptr(PangoLayout) layout = _sc_text_layout (context, NULL, palette, text, size, bold);

  _sc_text_size (layout, width, height);
}

/* The widest word of @text (split at spaces): the least room in which the text can be
 * shown whole or shortened by words (_sc_text_fit_words()). */
double
_sc_text_widest_word (PangoContext    *context,
                      const ScPalette *palette,
                      const char      *text,
                      double           size,
                      gboolean         bold)
{
  g_auto(GStrv) words = g_strsplit (text != NULL ? text : "", " ", -1);
  double widest = 0;

  for (guint k = 0; words[k] != NULL; k++)
    {
      double w;

      _sc_text_measure (context, palette, words[k], size, bold, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

void
_sc_set_source (cairo_t      *cr,
                const ScRgba *colour,
                double        alpha)
{
  cairo_set_source_rgba (cr, colour->r, colour->g, colour->b, colour->a * alpha);
}

/* The text log: a test attaches an array to a cairo context and every text the painters
 * draw through _sc_text_draw() on it is appended, with its box in device pixels, so that
 * one mechanism checks the labels of every chart (bounds, overlaps, cut words, contrast
 * against what was painted under it) without the test repeating any painter's layout. */
typedef struct
{
  GArray   *log;
  gboolean  hide;
} TextLog;

static const cairo_user_data_key_t text_log_key;
static const char *const full_text_key = "sc-full-text";

static void
text_record_clear (gpointer data)
{
  ScTextRecord *record = data;

  g_free (record->text);
  g_free (record->full);
}

/**
 * _sc_text_log_new:
 *
 * Returns: (transfer full): an empty array of #ScTextRecord for _sc_text_log_attach()
 */
GArray *
_sc_text_log_new (void)
{
  GArray *log = g_array_new (FALSE, TRUE, sizeof (ScTextRecord));

  g_array_set_clear_func (log, text_record_clear);
  return log;
}

/**
 * _sc_text_log_attach:
 * @cr: a cairo context
 * @log: an array from _sc_text_log_new(), which must outlive @cr
 * @hide: whether to log the texts without drawing them (to see what lies under them)
 *
 * Logs every text drawn on @cr through _sc_text_draw() into @log.
 */
void
_sc_text_log_attach (cairo_t  *cr,
                     GArray   *log,
                     gboolean  hide)
{
  TextLog *tl = g_new (TextLog, 1);

  tl->log = log;
  tl->hide = hide;
  cairo_set_user_data (cr, &text_log_key, tl, g_free);
}

/* A line of a wrapped layout that starts inside a word: Pango breaks a word that does not
 * fit a line on its own (PANGO_WRAP_WORD_CHAR, or a hyphenated break). */
static gboolean
breaks_inside_word (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  GSList *lines = pango_layout_get_lines_readonly (layout);

  for (GSList *l = lines != NULL ? lines->next : NULL; l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      gunichar before;

      if (line->start_index <= 0)
        continue;
      before = g_utf8_get_char (g_utf8_prev_char (text + line->start_index));
      if (!g_unichar_isspace (before) && before != '-' && before != '/')
        return TRUE;
    }
  return FALSE;
}

static void
device_box (cairo_t              *cr,
            double                x,
            double                y,
            const PangoRectangle *r,
            double               *box)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint c = 0; c < 4; c++)
    {
      double px = x + (double) (r->x + (c & 1 ? r->width : 0)) / PANGO_SCALE;
      double py = y + (double) (r->y + (c & 2 ? r->height : 0)) / PANGO_SCALE;

      cairo_user_to_device (cr, &px, &py);
      x0 = MIN (x0, px);
      y0 = MIN (y0, py);
      x1 = MAX (x1, px);
      y1 = MAX (y1, py);
    }
  box[0] = x0;
  box[1] = y0;
  box[2] = x1 - x0;
  box[3] = y1 - y0;
}

static void
log_text (TextLog      *tl,
          cairo_t      *cr,
          PangoLayout  *layout,
          double        x,
          double        y,
          const ScRgba *colour,
          double        alpha)
{
  const char *full = g_object_get_data (G_OBJECT (layout), full_text_key);
  PangoRectangle ink, logical;
  ScTextRecord record = { 0 };
  double box[4];

  pango_layout_get_extents (layout, &ink, &logical);
  record.text = g_strdup (pango_layout_get_text (layout));
  record.full = g_strdup (full != NULL ? full : record.text);
  record.shortened = full != NULL;
  device_box (cr, x, y, &logical, box);
  record.x = box[0];
  record.y = box[1];
  record.width = box[2];
  record.height = box[3];
  device_box (cr, x, y, &ink, box);
  record.ink_x = box[0];
  record.ink_y = box[1];
  record.ink_width = box[2];
  record.ink_height = box[3];
  record.colour = *colour;
  record.colour.a *= alpha;
  record.cut = pango_layout_is_ellipsized (layout) || breaks_inside_word (layout);
  g_array_append_val (tl->log, record);
}

void
_sc_text_draw (cairo_t      *cr,
               PangoLayout  *layout,
               double        x,
               double        y,
               const ScRgba *colour,
               double        alpha)
{
  TextLog *tl = cairo_get_user_data (cr, &text_log_key);

  if (tl != NULL)
    {
      log_text (tl, cr, layout, x, y, colour, alpha);
      if (tl->hide)
        return;
    }
  _sc_set_source (cr, colour, alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Whether @layout, as it is now set up, fits @max_width in at most @max_lines lines without
 * breaking a word. */
static gboolean
fits_lines (PangoLayout *layout,
            double       max_width,
            int          max_lines)
{
  double w;

  _sc_text_size (layout, &w, NULL);
  return w <= max_width + 0.01 && pango_layout_get_line_count (layout) <= max_lines &&
         !breaks_inside_word (layout);
}

/**
 * _sc_text_fit_words:
 * @layout: a layout holding the whole text
 * @max_width: the room, in logical pixels
 * @max_lines: how many lines the text may wrap to
 *
 * Fits a label to its room without cutting a word: wraps it at spaces onto up to
 * @max_lines lines, and when it is still too long, leaves out whole words from the end and
 * ends it with "…".  The whole text stays on @layout (for the text log; callers keep it for
 * accessible descriptions and tooltips).
 *
 * Returns: %FALSE when not even the first word fits: the caller must not draw the layout
 * as it is (it is left unwrapped and whole) but move or drop the label.
 */
gboolean
_sc_text_fit_words (PangoLayout *layout,
                    double       max_width,
                    int          max_lines)
{
  g_autofree char *full = g_strdup (pango_layout_get_text (layout));
  g_auto(GStrv) words = NULL;
  double w;

  _sc_text_size (layout, &w, NULL);
  if (w <= max_width + 0.01)
    return TRUE;
  pango_layout_set_width (layout, (int) (MAX (max_width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  if (fits_lines (layout, max_width, max_lines))
    return TRUE;

  words = g_strsplit (full, " ", -1);
  for (guint n = g_strv_length (words); n-- > 1;)
    {
      g_autofree char *prefix = NULL, *text = NULL;
      char *keep = words[n];

      words[n] = NULL;
      prefix = g_strjoinv (" ", words);
      words[n] = keep;
      text = g_strdup_printf ("%s…", g_strchomp (prefix));
      pango_layout_set_text (layout, text, -1);
      if (fits_lines (layout, max_width, max_lines))
        {
          g_object_set_data_full (G_OBJECT (layout), full_text_key, g_steal_pointer (&full),
                                  g_free);
          return TRUE;
        }
    }
  pango_layout_set_text (layout, full, -1);
  pango_layout_set_width (layout, -1);
  return FALSE;
}

/* Places a line of @line_width logical pixels so that its edges fall on device pixels,
 * which keeps 1 px lines crisp at any scale factor. */
static double
snap (double device,
      double device_width)
{
  long w = lround (device_width);

  if (w % 2 == 1)
    return floor (device) + 0.5;
  return round (device);
}

/* Snaps one device coordinate of the user point (x, y) (the vertical one when @vertical)
 * for a line @line_width wide across it, and returns the point's user coordinate again. */
static double
snap_user (cairo_t  *cr,
           double    x,
           double    y,
           double    line_width,
           gboolean  vertical)
{
  double w = vertical ? 0 : line_width, h = vertical ? line_width : 0;

  cairo_user_to_device (cr, &x, &y);
  cairo_user_to_device_distance (cr, &w, &h);
  if (vertical)
    y = snap (y, fabs (h));
  else
    x = snap (x, fabs (w));
  cairo_device_to_user (cr, &x, &y);
  return vertical ? y : x;
}

double
_sc_snap_x (cairo_t *cr,
            double   x,
            double   line_width)
{
  return snap_user (cr, x, 0, line_width, FALSE);
}

double
_sc_snap_y (cairo_t *cr,
            double   y,
            double   line_width)
{
  return snap_user (cr, 0, y, line_width, TRUE);
}

void
_sc_rounded_rect (cairo_t *cr,
                  double   x,
                  double   y,
                  double   width,
                  double   height,
                  double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2.0);
  if (radius <= 0.0)
    {
      cairo_rectangle (cr, x, y, width, height);
      return;
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/**
 * _sc_text_draw_row:
 * @cr: a cairo context
 * @palette: the palette (for the font)
 * @text: one line of text
 * @size: text size relative to the palette's
 * @bold: whether the text is bold
 * @x: left edge of the text
 * @top: top of the row the text sits in
 * @height: height of the row; the text is centred in it vertically
 * @max_width: width past which the text is shortened by whole words, or %INFINITY
 * @colour: the text colour
 *
 * Draws a label in a row: a segment's name in a legend or beside its bar, a figure beside
 * a bar.
 *
 * Returns: %FALSE when not even the first word fits @max_width: nothing is drawn
 */
gboolean
_sc_text_draw_row (cairo_t         *cr,
                   const ScPalette *palette,
                   const char      *text,
                   double           size,
                   gboolean         bold,
                   double           x,
                   double           top,
                   double           height,
                   double           max_width,
                   const ScRgba    *colour)
{
  g_autoptr(PangoLayout) layout = _sc_text_layout (NULL, cr, palette, text, size, bold);
  double w, h;

  if (!_sc_text_fit_words (layout, max_width, 1))
    return FALSE;
  _sc_text_size (layout, &w, &h);
  _sc_text_draw (cr, layout, x, top + (height - h) / 2, colour, 1.0);
  return TRUE;
}

/**
 * _sc_fill_rounded_rect:
 * @cr: a cairo context
 * @x: left edge
 * @y: top edge
 * @width: width
 * @height: height
 * @radius: corner radius
 * @colour: the fill colour
 * @alpha: opacity, multiplied with the colour's
 *
 * Fills a rounded rectangle: a bar, a cell, a swatch or a selection highlight.
 */
void
_sc_fill_rounded_rect (cairo_t      *cr,
                       double        x,
                       double        y,
                       double        width,
                       double        height,
                       double        radius,
                       const ScRgba *colour,
                       double        alpha)
{
  _sc_rounded_rect (cr, x, y, width, height, radius);
  _sc_set_source (cr, colour, alpha);
  cairo_fill (cr);
}
