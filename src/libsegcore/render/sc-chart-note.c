/* sc-chart-note.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A chart that has no room for a name leaves it out rather than let it cover other text;
 * it then says so (issue 19), so that a reader does not take the unnamed bubble or line
 * for an oversight.  The note wraps between words onto up to three lines, in the muted text
 * colour, which keeps 4.5:1 against the background. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-chart-note-private.h"
#include "sc-render-util-private.h"

#define NOTE_LINES 3

char *
_sc_hidden_note_text (guint n_hidden)
{
  /* Translators: under a chart that left some segment names out */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u name not shown for lack of room",
                                       "%u names not shown for lack of room", n_hidden),
                          n_hidden);
}

static PangoLayout *
note_layout (PangoContext    *context,
             cairo_t         *cr,
             const ScPalette *palette,
             guint            n_hidden,
             double           width)
{
  g_autofree char *text = _sc_hidden_note_text (n_hidden);
  PangoLayout *layout = _sc_text_layout (context, cr, palette, text, _SC_TEXT_SMALL, FALSE);

  if (!_sc_text_fit_words (layout, width, NOTE_LINES))
    g_clear_object (&layout);
  return layout;
}

/* The height of the note for @n_hidden names in @width, or 0 when there is nothing to say
 * or no room to say it. */
double
_sc_hidden_note_measure (const ScPalette *palette,
                         guint            n_hidden,
                         double           width)
{
  g_autoptr(ScTextContext) context = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double h = 0;

  if (n_hidden == 0)
    return 0;
  context = _sc_text_context_new ();
  layout = note_layout (context, NULL, palette, n_hidden, width);
  if (layout == NULL)
    return 0;
  _sc_text_size (layout, NULL, &h);
  return ceil (h) + 1;
}

void
_sc_hidden_note_draw (cairo_t         *cr,
                      const ScPalette *palette,
                      guint            n_hidden,
                      const ScRect    *rect)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (n_hidden == 0 || rect->height <= 0)
    return;
  layout = note_layout (NULL, cr, palette, n_hidden, rect->width);
  if (layout != NULL)
    _sc_text_draw (cr, layout, rect->x, rect->y, &palette->muted, 1.0);
}
