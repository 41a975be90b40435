/* seg-overview-page.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"
#include "sc-types.h"
#include "seg-chart.h"
#include "seg-selection.h"

G_BEGIN_DECLS

/* What the overview shows about a project.  orders, revenue and the days are only valid
 * with has_summary, which is FALSE while the project holds no transactions or while they
 * are being summed (loading). */
typedef struct
{
  guint64  customers;
  guint64  transactions;
  gboolean has_summary;
  gboolean loading;
  guint64  orders;
  double   revenue;
  ScDay    first_day;
  ScDay    last_day;
} SegKeyFigures;

#define SEG_TYPE_OVERVIEW_PAGE (seg_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (SegOverviewPage, seg_overview_page, SEG, OVERVIEW_PAGE, AdwBin)

GtkWidget *seg_overview_page_new          (void);
void       seg_overview_page_set_figures  (SegOverviewPage     *self,
                                           const char          *title,
                                           const SegKeyFigures *figures);
void       seg_overview_page_set_segments (SegOverviewPage     *self,
                                           GListModel          *segments);
/* The project and selection of the segment sizes chart; both may be NULL. */
void       seg_overview_page_set_project  (SegOverviewPage     *self,
                                           ScProject           *project,
                                           SegSelection        *selection);
SegChart  *seg_overview_page_get_bars_chart (SegOverviewPage   *self);

G_END_DECLS
