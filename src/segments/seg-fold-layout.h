/* seg-fold-layout.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SEG_TYPE_FOLD_LAYOUT (seg_fold_layout_get_type ())

G_DECLARE_FINAL_TYPE (SegFoldLayout, seg_fold_layout, SEG, FOLD_LAYOUT, GtkLayoutManager)

GtkLayoutManager *seg_fold_layout_new (void);

G_END_DECLS
