/* seg-fold-box.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SEG_TYPE_FOLD_BOX (seg_fold_box_get_type ())

G_DECLARE_FINAL_TYPE (SegFoldBox, seg_fold_box, SEG, FOLD_BOX, GtkWidget)

GtkWidget *seg_fold_box_new        (int         spacing);
void       seg_fold_box_append     (SegFoldBox *self,
                                    GtkWidget  *child);
gboolean   seg_fold_box_get_folded (SegFoldBox *self);

G_END_DECLS
