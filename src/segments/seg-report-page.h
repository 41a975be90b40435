/* seg-report-page.h
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

#define SEG_TYPE_REPORT_PAGE (seg_report_page_get_type ())

G_DECLARE_FINAL_TYPE (SegReportPage, seg_report_page, SEG, REPORT_PAGE, AdwBin)

GtkWidget *seg_report_page_new         (void);
/* project and selection may be NULL (no project open). */
void       seg_report_page_set_project (SegReportPage *self,
                                        ScProject    *project,
                                        SegSelection *selection);

G_END_DECLS
