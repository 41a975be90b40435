/* seg-segment-quality-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Gives every wrapping label in @widget a minimum width of a few characters, which is much
 * cheaper to measure than none (see seg-segment-quality.c). */
void       _seg_labels_cheap_minimum (GtkWidget *widget);

/* Rows of figures the details and their quality section refill: an AdwActionRow added to
 * @group and remembered in @rows, and the removal of all of them. */
GtkWidget *_seg_rows_add   (GPtrArray           *rows,
                            AdwPreferencesGroup *group,
                            const char          *title,
                            const char          *subtitle);
void       _seg_rows_clear (GPtrArray           *rows);

/* The next row of a refill, *@used counting them from 0: the row in that place if it is of
 * @kind (any number but 0) in @group, with the texts set, else a new one, the rest of @rows
 * dropped.  Setting the same texts again changes nothing, so a refill lays out again only
 * the rows whose text changed. */
GtkWidget *_seg_rows_reuse (GPtrArray           *rows,
                            guint               *used,
                            AdwPreferencesGroup *group,
                            guint                kind,
                            const char          *title,
                            const char          *subtitle);
/* Removes the rows from @from on (after a refill: those it did not use). */
void       _seg_rows_drop  (GPtrArray           *rows,
                            guint                from);

G_END_DECLS
