/* seg-row-words.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Makes @row's title (and its subtitle when @subtitle_too) wrap between words only. */
void seg_row_wrap_words (AdwActionRow *row,
                         gboolean      subtitle_too);
/* Makes @check's label wrap between words: a long one no longer keeps the window wide. */
void seg_check_button_wrap (GtkCheckButton *check);
/* Factories for a drop-down of strings: the choice shown on the button ellipsizes, with the
 * whole of it in its tooltip (ELLIPSIZE), or the choices listed whole in the popup. */
GtkListItemFactory *seg_string_factory_new (gboolean ellipsize);

G_END_DECLS
