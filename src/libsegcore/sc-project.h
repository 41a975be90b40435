/* sc-project.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-edit.h"
#include "sc-importer.h"
#include "sc-job.h"
#include "sc-run.h"
#include "sc-segment.h"

G_BEGIN_DECLS

#define SC_TYPE_PROJECT (sc_project_get_type ())

G_DECLARE_FINAL_TYPE (ScProject, sc_project, SC, PROJECT, GObject)

/* The file name extension of project files, with the dot. */
#define SC_PROJECT_EXTENSION ".segments"

ScProject      *sc_project_open              (const char             *path,
                                              gboolean                create,
                                              GError                **error);
const char     *sc_project_get_path          (ScProject              *self);
char           *sc_project_dup_title         (ScProject              *self);
guint64         sc_project_get_n_customers   (ScProject              *self);
guint64         sc_project_get_n_transactions (ScProject             *self);
gboolean        sc_project_get_has_data      (ScProject              *self);
const ScRun    *sc_project_get_run           (ScProject              *self);
GListModel     *sc_project_get_segments      (ScProject              *self);
gboolean        sc_project_get_summary       (ScProject              *self,
                                              ScDay                  *first_day,
                                              ScDay                  *last_day,
                                              double                 *revenue,
                                              guint64                *n_orders);
gboolean        sc_project_reload            (ScProject              *self,
                                              GError                **error);

ScImportReport *sc_project_import            (ScProject              *self,
                                              const ScImportOptions  *options,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GError                **error);
void            sc_project_import_async      (ScProject              *self,
                                              const ScImportOptions  *options,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
ScImportReport *sc_project_import_finish     (ScProject              *self,
                                              GAsyncResult           *result,
                                              GError                **error);

gboolean        sc_project_segment           (ScProject              *self,
                                              const ScRunParams      *params,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GError                **error);
void            sc_project_segment_async     (ScProject              *self,
                                              const ScRunParams      *params,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gboolean        sc_project_segment_finish    (ScProject              *self,
                                              GAsyncResult           *result,
                                              GError                **error);

/* Edits of the current segmentation, saved at once and undoable within the session.
 * Each reloads the project (ScProject::changed). */
gboolean        sc_project_set_segment_field (ScProject              *self,
                                              gint64                  segment_id,
                                              ScSegmentField          field,
                                              const char             *value,
                                              GError                **error);
gboolean        sc_project_set_segment_priority (ScProject           *self,
                                                 gint64               segment_id,
                                                 guint                rank,
                                                 GError             **error);
gboolean        sc_project_merge_segments    (ScProject              *self,
                                              const guint            *positions,
                                              guint                   n_positions,
                                              GError                **error);
gboolean        sc_project_split_segment     (ScProject              *self,
                                              guint                   position,
                                              GError                **error);
gboolean        sc_project_move_customers    (ScProject              *self,
                                              const guint32          *customers,
                                              guint                   n_customers,
                                              guint                   to_position,
                                              GError                **error);
gboolean        sc_project_fold_outliers     (ScProject              *self,
                                              GError                **error);
gboolean        sc_project_set_thresholds    (ScProject              *self,
                                              double                  value_threshold,
                                              double                  potential_threshold,
                                              GError                **error);

/**
 * ScReshape:
 * @SC_RESHAPE_MERGE: merge the segments at @positions
 * @SC_RESHAPE_SPLIT: split the segment at @positions[0] in two
 * @SC_RESHAPE_MOVE_CUSTOMERS: move @customers to the segment at @positions[0]
 * @SC_RESHAPE_FOLD_OUTLIERS: fold the outliers into the nearest segments
 *
 * The edits that change who is in which segment, for sc_project_reshape_async().
 */
typedef enum
{
  SC_RESHAPE_MERGE,
  SC_RESHAPE_SPLIT,
  SC_RESHAPE_MOVE_CUSTOMERS,
  SC_RESHAPE_FOLD_OUTLIERS,
} ScReshape;

void            sc_project_reshape_async     (ScProject              *self,
                                              ScReshape               kind,
                                              const guint            *positions,
                                              guint                   n_positions,
                                              const guint32          *customers,
                                              guint                   n_customers,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gboolean        sc_project_reshape_finish    (ScProject              *self,
                                              GAsyncResult           *result,
                                              GError                **error);
/* Fits the customer-value model with its default settings and places the current run's
 * segments on the value × potential grid; not an edit (nothing to undo). */
void            sc_project_estimate_potential_async  (ScProject           *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        sc_project_estimate_potential_finish (ScProject           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
/* Whether a reshape runs; edits, undo and redo wait for it (they fail with
 * G_IO_ERROR_BUSY). */
gboolean        sc_project_get_busy          (ScProject              *self);

gboolean        sc_project_get_can_undo      (ScProject              *self);
gboolean        sc_project_get_can_redo      (ScProject              *self);
/* What undo or redo would do, for menus and tooltips: "Undo Rename". */
const char     *sc_project_get_undo_label    (ScProject              *self);
const char     *sc_project_get_redo_label    (ScProject              *self);
gboolean        sc_project_undo              (ScProject              *self,
                                              GError                **error);
gboolean        sc_project_redo              (ScProject              *self,
                                              GError                **error);

G_END_DECLS
