/* sc-audit-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-audit.h"
#include "sc-store.h"

G_BEGIN_DECLS

ScAudit *_sc_audit_compute (ScStore  *store,
                            GError  **error);

G_END_DECLS
