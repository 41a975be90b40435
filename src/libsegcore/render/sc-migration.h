/* sc-migration.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "sc-axis.h"
#include "sc-drift.h"
#include "sc-palette.h"

G_BEGIN_DECLS

/* Migration: where the members of each earlier segment are now */

/**
 * ScFlowSegment:
 * @name: the segment's name
 * @colour: palette colour index
 * @is_outliers: drawn in the outlier grey
 */
typedef struct
{
  char     *name;
  guint     colour;
  gboolean  is_outliers;
} ScFlowSegment;

/**
 * ScMigration:
 * @n_from: segments of the earlier state
 * @from: (array length=n_from): they, by position
 * @n_to: segments of the later state
 * @to: (array length=n_to): they, by position
 * @counts: (n_from + 1) × (n_to + 1) customers, row-major, as #ScDrift.matrix: the last row
 *   holds the new customers, the last column those in no later segment ("gone")
 * @to_match: (array length=n_from): the later position of each earlier segment, or -1
 *
 * What the migration chart draws, owned: it can outlive the drift it was made from.
 */
typedef struct
{
  guint          n_from;
  ScFlowSegment *from;
  guint          n_to;
  ScFlowSegment *to;
  guint64       *counts;
  int           *to_match;
} ScMigration;

/**
 * ScMigrationLayout:
 * @n_from: segments of the earlier state (rows 0 .. @n_from − 1)
 * @n_to: segments of the later state (columns 0 .. @n_to − 1)
 * @show_new: whether the row of new customers is drawn (it is left out when empty)
 * @show_gone: whether the column of customers in no later segment is drawn
 * @n_rows: rows drawn
 * @n_columns: columns drawn
 * @grid: the cells, all of them
 * @cell_width: width of a cell
 * @cell_height: height of a cell
 * @row_labels: where the earlier segments are named, left of @grid
 * @column_labels: where the later segments are named, above @grid
 * @row_totals: the earlier sizes, right of @grid
 * @column_totals: the later sizes, below @grid
 * @numbered: whether the columns are headed by numbers (1 for the first later segment, and
 *   the "gone" column last) because a name has no word narrow enough for its cell
 * @key: where the numbered columns are named, below @column_totals (empty unless @numbered)
 *
 * Where the migration chart goes, in logical units.
 */
typedef struct
{
  guint    n_from;
  guint    n_to;
  gboolean show_new;
  gboolean show_gone;
  guint    n_rows;
  guint    n_columns;
  ScRect   grid;
  double   cell_width;
  double   cell_height;
  ScRect   row_labels;
  ScRect   column_labels;
  ScRect   row_totals;
  ScRect   column_totals;
  gboolean numbered;
  ScRect   key;
} ScMigrationLayout;

ScMigration *sc_migration_new            (const ScDrift           *drift,
                                          const ScSnapshot        *from,
                                          const ScSnapshot        *to);
void         sc_migration_free           (ScMigration             *migration);
guint64      sc_migration_get            (const ScMigration       *migration,
                                          int                      from,
                                          int                      to);
guint64      sc_migration_row_total      (const ScMigration       *migration,
                                          int                      from);
guint64      sc_migration_column_total   (const ScMigration       *migration,
                                          int                      to);

void         sc_migration_natural_size   (const ScMigration       *migration,
                                          const ScPalette         *palette,
                                          double                  *width,
                                          double                  *height);
double       sc_migration_min_height     (const ScMigration       *migration,
                                          const ScPalette         *palette,
                                          double                   width);
void         sc_migration_layout         (const ScMigration       *migration,
                                          const ScPalette         *palette,
                                          double                   width,
                                          double                   height,
                                          ScMigrationLayout       *layout);
gboolean     sc_migration_cell           (const ScMigrationLayout *layout,
                                          int                      from,
                                          int                      to,
                                          ScRect                  *cell);
gboolean     sc_migration_hit_test       (const ScMigrationLayout *layout,
                                          double                   x,
                                          double                   y,
                                          int                     *from,
                                          int                     *to);
void         sc_migration_paint          (cairo_t                 *cr,
                                          const ScMigration       *migration,
                                          const ScPalette         *palette,
                                          double                   width,
                                          double                   height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScMigration, sc_migration_free)

G_END_DECLS
