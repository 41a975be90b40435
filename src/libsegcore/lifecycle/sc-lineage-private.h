/* sc-lineage-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-lineage.h"

G_BEGIN_DECLS

/* sc_run_record_lineage() with the kind of change stored: "edit", "rerun" or "score". */
gboolean _sc_run_record_lineage (ScStore      *store,
                                 const ScRun  *previous_run,
                                 const ScRun  *run,
                                 const int    *previous_position,
                                 const char   *kind,
                                 GError      **error);

G_END_DECLS
