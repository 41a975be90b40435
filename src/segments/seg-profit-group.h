/* seg-profit-group.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-figure-group.h"

G_BEGIN_DECLS

#define SEG_TYPE_PROFIT_GROUP (seg_profit_group_get_type ())

G_DECLARE_FINAL_TYPE (SegProfitGroup, seg_profit_group, SEG, PROFIT_GROUP, SegFigureGroup)

GtkWidget *seg_profit_group_new         (void);
GtkSwitch *seg_profit_group_get_switch  (SegProfitGroup *self);

G_END_DECLS
