/* seg-window.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_WINDOW (seg_window_get_type ())

G_DECLARE_FINAL_TYPE (SegWindow, seg_window, SEG, WINDOW, AdwApplicationWindow)

SegWindow  *seg_window_new               (GtkApplication *application);
ScProject  *seg_window_get_project       (SegWindow      *self);
gboolean    seg_window_is_busy           (SegWindow      *self);
gboolean    seg_window_is_empty          (SegWindow      *self);
const char *seg_window_get_page_name     (SegWindow      *self);
gboolean    seg_window_holds_project     (SegWindow      *self,
                                          const char     *path);
GtkWindow  *seg_window_find_holder       (GtkApplication *application,
                                          const char     *path);
gboolean    seg_window_open_project      (SegWindow      *self,
                                          GFile          *file,
                                          gboolean        create);
void        seg_window_segment           (SegWindow         *self,
                                          const ScRunParams *params);
void        seg_window_import            (SegWindow      *self,
                                          GFile          *project_file,
                                          GFile          *transactions_file,
                                          GFile          *customers_file,
                                          GFile          *interactions_file);
GFile      *seg_window_dup_sample_dir    (void);
GFile      *seg_window_dup_sample_project_file (void);

G_END_DECLS
