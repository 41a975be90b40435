/* sc-snapshot-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sc-snapshot.h"

G_BEGIN_DECLS

/* Snapshots stored as deltas (sc-snapshot-delta.c). */

gboolean _sc_snapshot_damaged           (ScStore           *store,
                                         gint64             id,
                                         GError           **error);

gboolean _sc_snapshot_store_data        (ScStore           *store,
                                         ScSnapshot        *snap,
                                         gint64             base_id,
                                         GError           **error);
gboolean _sc_snapshot_read_delta        (ScStore           *store,
                                         sqlite3_stmt      *stmt,
                                         int                first,
                                         gint64             base_id,
                                         ScSnapshot        *snap,
                                         GError           **error);
gboolean _sc_snapshot_rebase_dependants (ScStore           *store,
                                         gint64             id,
                                         GError           **error);

G_END_DECLS
