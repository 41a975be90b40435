/* seg-segment-quality-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Rows of figures the details and their quality section refill: an AdwActionRow added to
 * @group and remembered in @rows, and the removal of all of them. */
GtkWidget *_seg_rows_add   (GPtrArray           *rows,
                            AdwPreferencesGroup *group,
                            const char          *title,
                            const char          *subtitle);
void       _seg_rows_clear (GPtrArray           *rows);

G_END_DECLS
