/* seg-rules-dialog.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_RULES_DIALOG (seg_rules_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SegRulesDialog, seg_rules_dialog, SEG, RULES_DIALOG, AdwWindow)

GtkWidget *seg_rules_dialog_new (GtkWindow *parent,
                                 ScProject *project);

G_END_DECLS
