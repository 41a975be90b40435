/* sc-source-rules-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a row of an orders file counts as under its rules (sc-source-rules.c), for the
 * import (sc-importer.c). */

#pragma once

#include "sc-import-report-private.h"
#include "sc-row-reader-private.h"

G_BEGIN_DECLS

typedef enum
{
  SC_ROW_COUNTS,      /* an order (line) to import; its amount is net of refunds */
  SC_ROW_LINE_ITEM,   /* a further line of an order whose amount is the order's */
  SC_ROW_EXCLUDED,    /* an order left out, tallied in the report by reason */
  SC_ROW_REJECTED,    /* unusable: the row's problem is set */
} ScRowVerdict;

/* Parses the row (_sc_row_reader_parse()) and applies the layout's rules to it. */
ScRowVerdict _sc_source_judge_row     (ScRowReader           *reader,
                                       const ScImportLayout  *layout,
                                       ScRow                 *row,
                                       ScImportReport        *report);
/* With a currency column: finds the currency most counted orders are in (kept in the
 * layout's rules; the others are left out) and notes when there are several. */
gboolean     _sc_source_scan_currency (const char            *path,
                                       ScImportLayout        *layout,
                                       ScDateOrder            date_order,
                                       GCancellable          *cancellable,
                                       GString               *notes,
                                       GError               **error);

G_END_DECLS
