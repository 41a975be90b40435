/* seg-segments-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"
#include "seg-selection.h"

G_BEGIN_DECLS

#define SEG_TYPE_SEGMENTS_PAGE (seg_segments_page_get_type ())

G_DECLARE_FINAL_TYPE (SegSegmentsPage, seg_segments_page, SEG, SEGMENTS_PAGE, AdwBin)

GtkWidget *seg_segments_page_new         (void);
/* project and selection may be NULL (no project open). */
void       seg_segments_page_set_project (SegSegmentsPage *self,
                                          ScProject    *project,
                                          SegSelection *selection);

G_END_DECLS
