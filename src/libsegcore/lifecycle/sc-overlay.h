/* sc-overlay.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-types.h"

G_BEGIN_DECLS

/* The name of the overlay by rule segments; any other name is an attribute's. */
#define SC_OVERLAY_BY_RULES "rules"

/**
 * ScOverlayCell:
 * @row: the behavioural segment's row in #ScOverlay (not its position)
 * @column: the overlay value's column
 * @customers: customers in both
 * @revenue: their net revenue
 * @profit: their gross profit (known part), NAN without profit data or when none is known
 */
typedef struct
{
  guint    row;
  guint    column;
  guint64  customers;
  double   revenue;
  double   profit;
} ScOverlayCell;

/**
 * ScOverlay:
 * @by: the attribute's name, or %SC_OVERLAY_BY_RULES
 * @n_rows: behavioural segments (in priority order), then "Not segmented" when any customer
 *   has no segment
 * @row_names: their names
 * @row_positions: their segment positions (G_MAXUINT for "Not segmented")
 * @n_columns: overlay values: the attribute's values (a numeric one in four bands by
 *   quartile), or the rules in order; then "(missing)" or "No rule" when any customer has none
 * @column_names: their names
 * @cells: @n_rows × @n_columns, row by row, empty cells included
 * @has_profit: profit is known for some customers
 * @customers: all customers (the sum of the cells)
 * @revenue: their net revenue
 * @profit: their known profit (NAN without profit data)
 *
 * The cross-table of behavioural segments and a firmographic lens (issue 18).
 */
typedef struct
{
  char           *by;
  guint           n_rows;
  char          **row_names;
  guint          *row_positions;
  guint           n_columns;
  char          **column_names;
  ScOverlayCell  *cells;
  gboolean        has_profit;
  guint64         customers;
  double          revenue;
  double          profit;
} ScOverlay;

void sc_overlay_free (ScOverlay *overlay);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScOverlay, sc_overlay_free)

G_END_DECLS
