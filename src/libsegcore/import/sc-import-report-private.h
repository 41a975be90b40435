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

G_BEGIN_DECLS

/* Adds @orders orders (0 for a further line of one) left out for @reason. */
void     _sc_import_report_exclude  (ScImportReport  *report,
                                     const char      *reason,
                                     guint64          orders,
                                     double           revenue);
gboolean _sc_import_save_exclusions (ScStore         *store,
                                     guint64          import_id,
                                     const GArray    *excluded,
                                     GError         **error);

G_END_DECLS
