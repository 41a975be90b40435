/* seg-import-check-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-importer.h"
#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_CHECK_PAGE (seg_import_check_page_get_type ())

G_DECLARE_FINAL_TYPE (SegImportCheckPage, seg_import_check_page, SEG, IMPORT_CHECK_PAGE, AdwBin)

void                  seg_import_check_page_start             (SegImportCheckPage *self,
                                                               ScImportOptions    *options);
void                  seg_import_check_page_stop              (SegImportCheckPage *self);
void                  seg_import_check_page_cancel            (SegImportCheckPage *self);
void                  seg_import_check_page_invalidate        (SegImportCheckPage *self);
void                  seg_import_check_page_refresh           (SegImportCheckPage *self);
void                  seg_import_check_page_set_project       (SegImportCheckPage *self,
                                                               ScProject          *project);
gboolean              seg_import_check_page_is_running        (SegImportCheckPage *self);
gboolean              seg_import_check_page_is_current        (SegImportCheckPage *self);
gboolean              seg_import_check_page_is_stale          (SegImportCheckPage *self);
const ScImportReport *seg_import_check_page_get_report        (SegImportCheckPage *self);
const GError         *seg_import_check_page_get_failure       (SegImportCheckPage *self);
char                 *seg_import_check_page_dup_problems_path (SegImportCheckPage *self);
void                  seg_import_check_page_fill_bounds       (SegImportCheckPage *self,
                                                               ScImportOptions    *options);

G_END_DECLS
