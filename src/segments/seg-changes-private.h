/* seg-changes-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-flow.h"
#include "sc-project.h"

G_BEGIN_DECLS

/* seg-drift-row.c, for seg-changes-dialog.c */
GtkWidget *_seg_drift_row_new (const ScSegmentDrift *s,
                               const ScMigration    *migration);

G_END_DECLS
