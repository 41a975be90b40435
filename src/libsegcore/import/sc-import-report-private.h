/* sc-import-report-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The excluded orders of a report, tallied while a file is read and stored with its import
 * (sc-import-report.c), for the import and the rows' verdicts. */

#pragma once

#include "sc-import-report.h"
#include "sc-intern-private.h"

G_BEGIN_DECLS

/* Adds an order left out for @reason (@order_key, nullable, is its id; @line where it is;
 * @is_order FALSE for a further line of one, whose amount adds to it). */
void     _sc_import_report_exclude  (ScImportReport  *report,
                                     const char      *reason,
                                     const char      *order_key,
                                     guint64          line,
                                     gboolean         is_order,
                                     double           revenue);
/* Stores the orders @report left out with the import @import_id. */
gboolean _sc_import_save_exclusions (ScStore         *store,
                                     guint64          import_id,
                                     const ScImportReport *report,
                                     GError         **error);
/* The orders an import counts are no longer left out, whatever an earlier import said. */
gboolean _sc_import_forget_exclusions (ScStore          *store,
                                       const ScInterner *orders,
                                       GError          **error);

G_END_DECLS
