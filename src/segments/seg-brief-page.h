/* seg-brief-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_BRIEF_PAGE (seg_brief_page_get_type ())

G_DECLARE_FINAL_TYPE (SegBriefPage, seg_brief_page, SEG, BRIEF_PAGE, AdwBin)

/* The project whose brief the page shows and edits; may be NULL. */
void        seg_brief_page_set_project (SegBriefPage *self,
                                        ScProject    *project);
/* The brief as last read from the project, or NULL while it loads. */
const ScBrief *seg_brief_page_get_brief (SegBriefPage *self);

G_END_DECLS
