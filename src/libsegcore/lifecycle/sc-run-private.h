/* sc-run-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-run.h"
#include "sc-store.h"

G_BEGIN_DECLS

ScRun   *_sc_run_compute  (ScStore            *store,
                           const ScRunParams  *params,
                           ScProgressFunc      progress,
                           gpointer            progress_data,
                           GCancellable       *cancellable,
                           GError            **error);
char     *_sc_run_now     (void);
/* Stores run as a new run and makes it current; sets the run's and segments' ids. */
gboolean _sc_run_save     (ScStore       *store,
                           ScRun         *run,
                           GError       **error);
/* Recomputes every segment's figures, profile and suggested name from run->labels (the
 * segments' positions and outlier flags given), keeping what people set. */
gboolean _sc_run_describe (ScStore       *store,
                           ScRun         *run,
                           GCancellable  *cancellable,
                           GError       **error);
/* After _sc_run_save: places the segments on the value × potential grid when a model
 * fitted on the current data exists. */
gboolean _sc_run_apply_fresh_potential (ScStore  *store,
                                        ScRun    *run,
                                        GError  **error);

G_END_DECLS
