/* seg-hypotheses-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_HYPOTHESES_PAGE (seg_hypotheses_page_get_type ())

G_DECLARE_FINAL_TYPE (SegHypothesesPage, seg_hypotheses_page, SEG, HYPOTHESES_PAGE, AdwBin)

void                      seg_hypotheses_page_set_project (SegHypothesesPage *self,
                                                           ScProject         *project);
gboolean                  seg_hypotheses_page_is_testing  (SegHypothesesPage *self);
const ScHypothesisReport *seg_hypotheses_page_get_report  (SegHypothesesPage *self);

G_END_DECLS
