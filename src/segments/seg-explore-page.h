/* seg-explore-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"
#include "seg-scatter-chart.h"
#include "seg-selection.h"

G_BEGIN_DECLS

#define SEG_TYPE_EXPLORE_PAGE (seg_explore_page_get_type ())

G_DECLARE_FINAL_TYPE (SegExplorePage, seg_explore_page, SEG, EXPLORE_PAGE, AdwBin)

GtkWidget       *seg_explore_page_new         (void);
/* project and selection may be NULL (no project open). */
void             seg_explore_page_set_project (SegExplorePage *self,
                                               ScProject      *project,
                                               SegSelection   *selection);
SegScatterChart *seg_explore_page_get_chart   (SegExplorePage *self);

G_END_DECLS
