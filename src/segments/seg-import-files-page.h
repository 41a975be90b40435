/* seg-import-files-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-import-source.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_FILES_PAGE (seg_import_files_page_get_type ())

G_DECLARE_FINAL_TYPE (SegImportFilesPage, seg_import_files_page, SEG, IMPORT_FILES_PAGE, AdwBin)

void seg_import_files_page_set_sources     (SegImportFilesPage *self,
                                            SegImportSource    *orders,
                                            SegImportSource    *customers,
                                            SegImportSource    *interactions);
void seg_import_files_page_update          (SegImportFilesPage *self,
                                            gboolean            has_customers,
                                            gboolean            has_interactions,
                                            const char         *project_title);
void seg_import_files_page_add_recent_file (GFile              *file);

G_END_DECLS
