/* seg-data-quality.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-figure-group.h"

G_BEGIN_DECLS

#define SEG_TYPE_DATA_QUALITY (seg_data_quality_get_type ())

G_DECLARE_FINAL_TYPE (SegDataQuality, seg_data_quality, SEG, DATA_QUALITY, SegFigureGroup)

GtkWidget *seg_data_quality_new         (void);

G_END_DECLS
