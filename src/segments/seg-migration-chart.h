/* seg-migration-chart.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-flow.h"
#include "seg-chart.h"

G_BEGIN_DECLS

#define SEG_TYPE_MIGRATION_CHART (seg_migration_chart_get_type ())

G_DECLARE_FINAL_TYPE (SegMigrationChart, seg_migration_chart, SEG, MIGRATION_CHART, SegChart)

/* Where the members of each earlier segment are now (sc_migration_paint). */
GtkWidget         *seg_migration_chart_new           (void);
void               seg_migration_chart_set_migration (SegMigrationChart *self,
                                                      ScMigration       *migration);
const ScMigration *seg_migration_chart_get_migration (SegMigrationChart *self);
gboolean           seg_migration_chart_get_layout    (SegMigrationChart *self,
                                                      ScMigrationLayout *layout);

G_END_DECLS
