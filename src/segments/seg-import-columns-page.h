/* seg-import-columns-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-import-source.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_COLUMNS_PAGE (seg_import_columns_page_get_type ())

G_DECLARE_FINAL_TYPE (SegImportColumnsPage, seg_import_columns_page, SEG, IMPORT_COLUMNS_PAGE,
                      AdwBin)

SegImportSource *seg_import_columns_page_get_source     (SegImportColumnsPage *self);
void             seg_import_columns_page_set_source     (SegImportColumnsPage *self,
                                                         SegImportSource      *source);
GtkDropDown     *seg_import_columns_page_get_dropdown   (SegImportColumnsPage *self,
                                                         guint                 column);

G_END_DECLS
