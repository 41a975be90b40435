/* sc-project.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

/* The public types of the operations below. The app and the CLI include only this header
 * (and the render layer's): they never open the store themselves. */
#include "sc-brief.h"
#include "sc-drift.h"
#include "sc-edit.h"
#include "sc-hypothesis.h"
#include "sc-importer.h"
#include "sc-job.h"
#include "sc-plan.h"
#include "sc-potential.h"
#include "sc-rerun.h"
#include "sc-rfm.h"
#include "sc-run.h"
#include "sc-segment.h"
#include "sc-snapshot.h"
#include "sc-validate.h"

G_BEGIN_DECLS

#define SC_TYPE_PROJECT (sc_project_get_type ())

G_DECLARE_FINAL_TYPE (ScProject, sc_project, SC, PROJECT, GObject)

/* The file name extension of project files, with the dot. */
#define SC_PROJECT_EXTENSION ".segments"

/**
 * ScProjectParts:
 * @SC_PROJECT_PART_DATA: the transactions and customers (an import)
 * @SC_PROJECT_PART_RUN: which run is current (a segmentation, a re-run, undo of a reshape)
 * @SC_PROJECT_PART_MEMBERSHIP: who is in which segment
 * @SC_PROJECT_PART_SEGMENT_FIELDS: names, plans, priorities, grid thresholds
 * @SC_PROJECT_PART_VALUE_MODEL: the customer-value model and the segments' value and
 *   potential
 * @SC_PROJECT_PART_SNAPSHOTS: the list of snapshots
 * @SC_PROJECT_PART_BRIEF: the project brief
 * @SC_PROJECT_PART_ALL: everything, for a reload from the file
 *
 * What an operation changed, as #ScProject::changed-parts reports it, so a view reloads
 * only what it shows of it.
 */
typedef enum /*< flags >*/
{
  SC_PROJECT_PART_DATA           = 1 << 0,
  SC_PROJECT_PART_RUN            = 1 << 1,
  SC_PROJECT_PART_MEMBERSHIP     = 1 << 2,
  SC_PROJECT_PART_SEGMENT_FIELDS = 1 << 3,
  SC_PROJECT_PART_VALUE_MODEL    = 1 << 4,
  SC_PROJECT_PART_SNAPSHOTS      = 1 << 5,
  SC_PROJECT_PART_BRIEF          = 1 << 6,
  SC_PROJECT_PART_ALL            = 0x7f,
} ScProjectParts;

gboolean        sc_project_delete_files      (const char             *path,
                                              GError                **error);

ScProject      *sc_project_open              (const char             *path,
                                              gboolean                create,
                                              GError                **error);
const char     *sc_project_get_path          (ScProject              *self);
char           *sc_project_dup_title         (ScProject              *self);
guint64         sc_project_get_n_customers   (ScProject              *self);
gboolean        sc_project_get_read_only     (ScProject              *self);
const char     *sc_project_get_currency      (ScProject              *self,
                                              ScCurrencySource       *source);
guint64         sc_project_get_n_transactions (ScProject             *self);
gboolean        sc_project_get_has_data      (ScProject              *self);
const ScRun    *sc_project_get_run           (ScProject              *self);
/* sc-project-validate.c: how k was chosen and how good the current segments are. */
const ScValidation *sc_project_get_validation (ScProject            *self);
const ScSegmentQuality *sc_project_get_segment_quality (ScProject   *self,
                                                        guint        position);
GListModel     *sc_project_get_segments      (ScProject              *self);
gboolean        sc_project_get_summary       (ScProject              *self,
                                              ScDay                  *first_day,
                                              ScDay                  *last_day,
                                              double                 *revenue,
                                              guint64                *n_orders);
gboolean        sc_project_get_summary_known (ScProject              *self);
void            sc_project_load_summary_async (ScProject             *self,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
gboolean        sc_project_load_summary_finish (ScProject            *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean        sc_project_reload            (ScProject              *self,
                                              GError                **error);

ScImportReport *sc_project_import            (ScProject              *self,
                                              const ScImportOptions  *options,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GError                **error);
ScImportReport *sc_project_import_path       (const char             *path,
                                              const ScImportOptions  *options,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GError                **error);
void            sc_project_import_path_async (const char             *path,
                                              const ScImportOptions  *options,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
ScImportReport *sc_project_import_path_finish (GAsyncResult          *result,
                                               GError               **error);
void            sc_project_import_async      (ScProject              *self,
                                              const ScImportOptions  *options,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
ScImportReport *sc_project_import_finish     (ScProject              *self,
                                              GAsyncResult           *result,
                                              GError                **error);
ScImportReport *sc_project_check_import      (ScProject              *self,
                                              const ScImportOptions  *options,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
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
/**
 * ScSegmentChanges:
 * @n_fields: entries used in @fields and @values
 * @fields: fields to set
 * @values: their values (%NULL or empty clears one, not a name)
 * @priority: the new rank, 1-based; 0 leaves it
 * @accept_suggested: set the suggested objective, tactics and service tier the fields do
 *   not set
 *
 * What sc_project_edit_segment() changes of one segment.
 */
typedef struct
{
  guint           n_fields;
  ScSegmentField  fields[16];
  const char     *values[16];
  guint           priority;
  gboolean        accept_suggested;
} ScSegmentChanges;

gboolean        sc_project_edit_segment      (ScProject              *self,
                                              gint64                  segment_id,
                                              const ScSegmentChanges *changes,
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

/* ------------------------------------------------------------------------------------------ */
/* Plans and decisions (sc-project-plan.c)                                                    */

ScPlans        *sc_project_plan              (ScProject              *self,
                                              const ScRun            *run,
                                              GCancellable           *cancellable,
                                              GError                **error);
void            sc_project_plan_async        (ScProject              *self,
                                              const ScRun            *run,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
ScPlans        *sc_project_plan_finish       (ScProject              *self,
                                              GAsyncResult           *result,
                                              GError                **error);
GPtrArray      *sc_project_get_decisions     (ScProject              *self,
                                              const ScPlans          *plans);
const ScSegmentInfo *sc_project_find_segment (ScProject              *self,
                                              const char             *id_or_name,
                                              GError                **error);

/* ------------------------------------------------------------------------------------------ */
/* Customer value (sc-project-pipeline.c)                                                     */

ScPotential    *sc_project_fit_value_model   (ScProject                *self,
                                              const ScPotentialParams  *params,
                                              ScJob                    *job,
                                              GCancellable             *cancellable,
                                              GError                  **error);
void            sc_project_fit_value_model_async  (ScProject               *self,
                                                   const ScPotentialParams *params,
                                                   ScJob                   *job,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
ScPotential    *sc_project_fit_value_model_finish (ScProject               *self,
                                                   GAsyncResult            *result,
                                                   GError                 **error);
ScPotential    *sc_project_load_value_model  (ScProject                *self,
                                              gboolean                 *fresh,
                                              GError                  **error);

/* ------------------------------------------------------------------------------------------ */
/* Scoring new data against the current segments (sc-project-pipeline.c)                     */

/**
 * ScScoreResult:
 * @before: the run that was current before scoring
 * @after: the scored run, now current
 * @snapshot: the snapshot that keeps the state before, or 0
 * @drift: (nullable): what moved from @snapshot to @after; %NULL when it could not be
 *   measured (the scoring stands all the same)
 */
typedef struct
{
  ScRun   *before;
  ScRun   *after;
  gint64   snapshot;
  ScDrift *drift;
} ScScoreResult;

void            sc_score_result_free         (ScScoreResult          *result);
ScScoreResult  *sc_project_score             (ScProject              *self,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GError                **error);
void            sc_project_score_async       (ScProject              *self,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
ScScoreResult  *sc_project_score_finish      (ScProject              *self,
                                              GAsyncResult           *result,
                                              GError                **error);

/* ------------------------------------------------------------------------------------------ */
/* Snapshots, drift, carry-over (sc-project-snapshots.c)                                      */

gint64          sc_project_take_snapshot     (ScProject              *self,
                                              const char             *label,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GError                **error);
void            sc_project_take_snapshot_async  (ScProject           *self,
                                                 const char          *label,
                                                 ScJob               *job,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gint64          sc_project_take_snapshot_finish (ScProject           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
GArray         *sc_project_list_snapshots    (ScProject              *self,
                                              GError                **error);
ScSnapshot     *sc_project_load_snapshot     (ScProject              *self,
                                              gint64                  id,
                                              GError                **error);
ScSnapshot     *sc_project_capture_snapshot  (ScProject              *self,
                                              const ScRun            *run,
                                              GCancellable           *cancellable,
                                              GError                **error);
gboolean        sc_project_delete_snapshot   (ScProject              *self,
                                              gint64                  id,
                                              GError                **error);
void            sc_project_delete_snapshot_async  (ScProject           *self,
                                                   gint64               id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        sc_project_delete_snapshot_finish (ScProject           *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
gint64          sc_project_find_snapshot_for_run (ScProject          *self,
                                                  gint64              run_id,
                                                  GError            **error);
gboolean        sc_project_load_drift_pair   (ScProject              *self,
                                              gint64                  from_id,
                                              gint64                  to_id,
                                              ScSnapshot            **from,
                                              ScSnapshot            **to,
                                              GCancellable           *cancellable,
                                              GError                **error);
ScDrift        *sc_project_compute_drift     (ScProject              *self,
                                              gint64                  from_id,
                                              gint64                  to_id,
                                              ScJob                  *job,
                                              GCancellable           *cancellable,
                                              GError                **error);
void            sc_project_compute_drift_async  (ScProject           *self,
                                                 gint64               from_id,
                                                 gint64               to_id,
                                                 ScJob               *job,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
ScDrift        *sc_project_compute_drift_finish (ScProject           *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
ScImpact       *sc_project_load_impact       (ScProject              *self,
                                              const ScSnapshot       *current,
                                              GError                **error);
ScCarryOver    *sc_project_load_carry_over   (ScProject              *self,
                                              gint64                  run_id,
                                              GError                **error);

/* ------------------------------------------------------------------------------------------ */
/* Reading the project (sc-project-data.c)                                                    */

ScRunDetails   *sc_project_describe_run      (ScProject              *self,
                                              const ScRun            *run,
                                              guint                   n_examples,
                                              GCancellable           *cancellable,
                                              GError                **error);
void            sc_project_describe_run_async  (ScProject            *self,
                                                const ScRun          *run,
                                                guint                 n_examples,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
ScRunDetails   *sc_project_describe_run_finish (ScProject            *self,
                                                GAsyncResult         *result,
                                                GError              **error);
gboolean        sc_project_validate_segment_name (ScProject          *self,
                                                  gint64              segment_id,
                                                  const char         *name,
                                                  GError            **error);
gboolean        sc_project_find_customer     (ScProject              *self,
                                              const char             *key,
                                              guint32                *customer,
                                              GError                **error);

/**
 * ScCustomerData:
 * @run: the run the data was read for, a copy
 * @features: per customer of the project: the features at the run's as-of date, with CLV
 *   and P(alive) when a value model of the current data exists
 * @keys: (nullable): the customers' keys by dense id, %NULL when they are not known
 *
 * What the charts and the segment details show per customer.
 */
typedef struct
{
  ScRun      *run;
  ScFeatures *features;
  GPtrArray  *keys;
} ScCustomerData;

void            sc_customer_data_free        (ScCustomerData         *data);
ScCustomerData *sc_project_load_customer_data (ScProject             *self,
                                               const ScRun           *run,
                                               GCancellable          *cancellable,
                                               GError               **error);
void            sc_project_load_customer_data_async  (ScProject           *self,
                                                      const ScRun         *run,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
ScCustomerData *sc_project_load_customer_data_finish (ScProject           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

GArray         *sc_project_list_imports      (ScProject              *self,
                                              GError                **error);
GArray         *sc_project_list_exclusions   (ScProject              *self,
                                              GError                **error);
gboolean        sc_project_foreach_problem   (ScProject              *self,
                                              ScProblemFunc           func,
                                              gpointer                user_data,
                                              GError                **error);
guint64         sc_project_get_n_rejected_rows (ScProject            *self);
gboolean        sc_project_get_run_is_stale  (ScProject              *self);
ScAggregates   *sc_project_load_aggregates   (ScProject              *self,
                                              GError                **error);
gboolean        sc_project_get_rfm_thresholds (ScProject             *self,
                                               ScRfmThresholds       *thresholds,
                                               gboolean              *custom,
                                               GError               **error);
gboolean        sc_project_set_rfm_thresholds (ScProject             *self,
                                               const ScRfmThresholds *thresholds,
                                               GError               **error);
gboolean        sc_project_count_rfm_names   (ScProject              *self,
                                              const ScRfmThresholds  *thresholds,
                                              guint64                *counts,
                                              GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScScoreResult, sc_score_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCustomerData, sc_customer_data_free)

/* ------------------------------------------------------------------------------------------ */
/* Comparing two states, carry-over and finding customers in a worker                         */
/* (sc-project-snapshots.c, sc-project-edit.c)                                                */

/**
 * ScComparisonStatus:
 * @SC_COMPARISON_DONE: the two states were compared
 * @SC_COMPARISON_NO_SNAPSHOTS: the project has no snapshots yet
 * @SC_COMPARISON_NO_CURRENT: the current segments were asked for, but there are none
 * @SC_COMPARISON_SAME_STATE: the same snapshot was chosen on both sides
 */
typedef enum
{
  SC_COMPARISON_DONE,
  SC_COMPARISON_NO_SNAPSHOTS,
  SC_COMPARISON_NO_CURRENT,
  SC_COMPARISON_SAME_STATE,
} ScComparisonStatus;

/**
 * ScComparison:
 * @infos: (element-type ScSnapshotInfo): the project's snapshots, oldest first
 * @has_run: whether the project has current segments
 * @status: whether the states were compared, or why not
 * @from_id: the earlier snapshot compared, resolved
 * @to_id: the later snapshot compared, resolved; 0 for the current segments
 * @from: (nullable): the earlier state, when compared
 * @to: (nullable): the later state, when compared
 * @drift: (nullable): what changed between them, when compared
 * @impact: (nullable): each segment's figures over the snapshots, when compared
 *
 * What sc_project_compare() found.
 */
typedef struct
{
  GArray             *infos;
  gboolean            has_run;
  ScComparisonStatus  status;
  gint64              from_id;
  gint64              to_id;
  ScSnapshot         *from;
  ScSnapshot         *to;
  ScDrift            *drift;
  ScImpact           *impact;
} ScComparison;

void            sc_comparison_free           (ScComparison           *comparison);
ScComparison   *sc_project_compare           (ScProject              *self,
                                              gint64                  from_id,
                                              gint64                  to_id,
                                              GCancellable           *cancellable,
                                              GError                **error);
void            sc_project_compare_async     (ScProject              *self,
                                              gint64                  from_id,
                                              gint64                  to_id,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
ScComparison   *sc_project_compare_finish    (ScProject              *self,
                                              GAsyncResult           *result,
                                              GError                **error);
void            sc_project_load_carry_over_async  (ScProject           *self,
                                                   gint64               run_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
ScCarryOver    *sc_project_load_carry_over_finish (ScProject           *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
void            sc_project_find_customer_async  (ScProject           *self,
                                                 const char          *key,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        sc_project_find_customer_finish (ScProject           *self,
                                                 GAsyncResult        *result,
                                                 guint32             *customer,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScComparison, sc_comparison_free)

/* ------------------------------------------------------------------------------------------ */
/* Hypotheses tested against the data (sc-project-hypotheses.c)                               */

GPtrArray      *sc_project_list_hypotheses   (ScProject              *self,
                                              GError                **error);
GPtrArray      *sc_project_list_categories   (ScProject              *self,
                                              GError                **error);
void            sc_project_list_categories_async  (ScProject           *self,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray      *sc_project_list_categories_finish (ScProject           *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
gint64          sc_project_add_hypothesis    (ScProject              *self,
                                              const ScHypothesis     *hypothesis,
                                              GError                **error);
gboolean        sc_project_remove_hypothesis (ScProject              *self,
                                              gint64                  id,
                                              GError                **error);
ScHypothesisReport *sc_project_test_hypotheses (ScProject            *self,
                                                gboolean              suggest,
                                                GCancellable         *cancellable,
                                                GError              **error);
void            sc_project_test_hypotheses_async  (ScProject           *self,
                                                   gboolean             suggest,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
ScHypothesisReport *sc_project_test_hypotheses_finish (ScProject         *self,
                                                       GAsyncResult      *result,
                                                       GError           **error);
/* The project brief (sc-project-brief.c)                                                     */

ScBrief        *sc_project_load_brief        (ScProject              *self,
                                              GError                **error);
void            sc_project_load_brief_async  (ScProject              *self,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
ScBrief        *sc_project_load_brief_finish (ScProject              *self,
                                              GAsyncResult           *result,
                                              GError                **error);
gboolean        sc_project_set_brief         (ScProject              *self,
                                              const ScBrief          *brief,
                                              GError                **error);
gboolean        sc_project_get_has_brief     (ScProject              *self);

G_END_DECLS
