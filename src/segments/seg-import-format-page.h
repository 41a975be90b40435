/* seg-import-format-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-import-source-page.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_FORMAT_PAGE (seg_import_format_page_get_type ())

G_DECLARE_FINAL_TYPE (SegImportFormatPage, seg_import_format_page, SEG, IMPORT_FORMAT_PAGE,
                      SegImportSourcePage)

void seg_import_format_page_set_show_preview (SegImportFormatPage *self,
                                              gboolean             show_preview);

G_END_DECLS
