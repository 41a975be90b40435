/* seg-changes-dialog.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-flow.h"
#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_CHANGES_DIALOG (seg_changes_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SegChangesDialog, seg_changes_dialog, SEG, CHANGES_DIALOG, AdwWindow)

SegChangesDialog  *seg_changes_dialog_new              (GtkWindow        *parent,
                                                        ScProject        *project);
void               seg_changes_dialog_compare          (SegChangesDialog *self,
                                                        gint64            from_id,
                                                        gint64            to_id);
gboolean           seg_changes_dialog_is_loading       (SegChangesDialog *self);
guint              seg_changes_dialog_get_n_snapshots  (SegChangesDialog *self);
gint64             seg_changes_dialog_get_snapshot_id  (SegChangesDialog *self,
                                                        guint             index);
const ScDrift     *seg_changes_dialog_get_drift        (SegChangesDialog *self);
const ScMigration *seg_changes_dialog_get_migration    (SegChangesDialog *self);
const ScImpact    *seg_changes_dialog_get_impact       (SegChangesDialog *self);

void               seg_changes_take_snapshot           (GtkWindow           *parent,
                                                        ScProject           *project,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gint64             seg_changes_take_snapshot_finish    (GAsyncResult        *result,
                                                        GError             **error);

void               seg_changes_score_async             (ScProject           *project,
                                                        ScJob               *job,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean           seg_changes_score_finish            (ScProject           *project,
                                                        GAsyncResult        *result,
                                                        ScDrift            **drift,
                                                        GError             **error);
char              *seg_changes_format_flagged          (guint                n_flagged);
AdwToast          *seg_changes_drift_toast_new         (const ScDrift       *drift);

G_END_DECLS
