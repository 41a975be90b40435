/* seg-data-quality-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A row of the Overview's figure sections (Data Quality, Profit): @title and @subtitle, with
 * @value at its end, named @name for the tests; added to @group and remembered in @rows. */
GtkWidget *_seg_figure_row_add (GPtrArray           *rows,
                                AdwPreferencesGroup *group,
                                const char          *name,
                                const char          *title,
                                const char          *value,
                                const char          *subtitle);

G_END_DECLS
