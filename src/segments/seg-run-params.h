/* seg-run-params.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-project.h"

G_BEGIN_DECLS

/* The parameter of the window's "win.segment-with" action: k, seed, restarts, outlier z,
 * as-of day, the features, and the range automatic k searches with its smallest share. */
#define SEG_RUN_PARAMS_VARIANT_TYPE "(utudiauuud)"

GVariant *seg_run_params_to_variant   (const ScRunParams *params);
gboolean  seg_run_params_from_variant (GVariant          *variant,
                                       ScRunParams       *params);

G_END_DECLS
