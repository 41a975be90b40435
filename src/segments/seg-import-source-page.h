/* seg-import-source-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-import-source.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_SOURCE_PAGE (seg_import_source_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (SegImportSourcePage, seg_import_source_page, SEG, IMPORT_SOURCE_PAGE,
                          AdwBin)

struct _SegImportSourcePageClass
{
  AdwBinClass parent_class;

  /* The page shows another file, or its file's format or columns changed. */
  void (*source_changed)  (SegImportSourcePage *self);
  /* The uses chosen for the file's columns changed. */
  void (*choices_changed) (SegImportSourcePage *self);
};

SegImportSource *seg_import_source_page_get_source (SegImportSourcePage *self);
void             seg_import_source_page_set_source (SegImportSourcePage *self,
                                                    SegImportSource     *source);

G_END_DECLS
