/* sc-rerun.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-run.h"
#include "sc-snapshot.h"

G_BEGIN_DECLS

ScRun *sc_run_segment (ScStore            *store,
                       const ScRunParams  *params,
                       ScProgressFunc      progress,
                       gpointer            progress_data,
                       GCancellable       *cancellable,
                       GError            **error);

/**
 * sc_run_score:
 * @as_of: the as-of day, or %SC_FEATURES_AS_OF_AUTO for the last transaction day + 1
 *
 * See sc-rerun.c.
 */
ScRun *sc_run_score   (ScStore            *store,
                       ScDay               as_of,
                       ScProgressFunc      progress,
                       gpointer            progress_data,
                       GCancellable       *cancellable,
                       GError            **error);

G_END_DECLS
