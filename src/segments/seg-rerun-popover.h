/* seg-rerun-popover.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_RERUN_POPOVER (seg_rerun_popover_get_type ())

G_DECLARE_FINAL_TYPE (SegRerunPopover, seg_rerun_popover, SEG, RERUN_POPOVER, GtkPopover)

GtkWidget *seg_rerun_popover_new        (void);
/* Shows @params (those of the current run) as the starting point. */
void       seg_rerun_popover_set_params (SegRerunPopover   *self,
                                         const ScRunParams *params);
void       seg_rerun_popover_set_profit_known (SegRerunPopover *self,
                                               gboolean         known);
/* The settings chosen; the seed and restarts of the last set_params() are kept, and the
 * as-of day is the data's own (the last day + 1), so that new data counts. */
void       seg_rerun_popover_get_params (SegRerunPopover   *self,
                                         ScRunParams       *params);

G_END_DECLS
