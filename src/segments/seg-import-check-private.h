/* seg-import-check-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* seg-import-check-rows.c: rows of the check page's groups */
GtkWidget *_seg_check_value_row (AdwPreferencesGroup *group,
                                 const char          *title,
                                 const char          *value,
                                 const char          *subtitle);
void       _seg_check_count_row (AdwPreferencesGroup *group,
                                 const char          *title,
                                 guint64              count,
                                 const char          *subtitle);
void       _seg_check_note_rows (AdwPreferencesGroup *group,
                                 const char          *notes);

G_END_DECLS
