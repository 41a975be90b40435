/* sc-clv-check.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-bgnbd.h"
#include "sc-gamma-gamma.h"

G_BEGIN_DECLS

char *sc_clv_check_summary      (const ScClvSummary       *s);
char *sc_clv_check_bgnbd       (const ScBgnbdParams      *p);
char *sc_clv_check_gamma_gamma (const ScGammaGammaParams *p);

G_END_DECLS
