/* sc-report-hypotheses-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-report-private.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* The "Hypotheses" section (sc-report-hypotheses.c), after "What changed"; nothing when
 * the project states no hypothesis. */
void _sc_report_build_hypotheses (ScReport      *self,
                                  ScStore       *store,
                                  GCancellable  *cancellable);

G_END_DECLS
