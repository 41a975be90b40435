/* seg-import-columns-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-import-source-page.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_COLUMNS_PAGE (seg_import_columns_page_get_type ())

G_DECLARE_FINAL_TYPE (SegImportColumnsPage, seg_import_columns_page, SEG, IMPORT_COLUMNS_PAGE,
                      SegImportSourcePage)

GtkDropDown *seg_import_columns_page_get_dropdown (SegImportColumnsPage *self,
                                                   guint                 column);

G_END_DECLS
