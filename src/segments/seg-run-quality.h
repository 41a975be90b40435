/* seg-run-quality.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_RUN_QUALITY (seg_run_quality_get_type ())

G_DECLARE_FINAL_TYPE (SegRunQuality, seg_run_quality, SEG, RUN_QUALITY, AdwBin)

/* Shows how the number of segments of @project's current run was chosen. */
void       seg_run_quality_update (SegRunQuality *self,
                                   ScProject     *project);

G_END_DECLS
