/* sc-overlay-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-overlay.h"
#include "sc-profit.h"
#include "sc-rules.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* What rules may name (of ScAttribute, every customer): the customer list's attributes, then
 * the features spend, revenue (the same), orders, aov, recency (days since the last order,
 * at the last day of the data), tenure (days since the first) and, with profit data, profit.
 * An attribute of a feature's name hides the feature. */
GPtrArray *_sc_overlay_load_fields (ScStore         *store,
                                    const ScProfit  *profit,
                                    GError         **error);
/* The project's rules, parsed and bound to @fields (of ScRuleExpr). */
GPtrArray *_sc_overlay_load_rules  (ScStore         *store,
                                    GPtrArray       *fields,
                                    GPtrArray      **names,
                                    GError         **error);
ScOverlay *_sc_overlay_compute     (ScStore         *store,
                                    const char      *by,
                                    GError         **error);

G_END_DECLS
