/* sc-project-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-project.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* Shared by the files of the ScProject facade (sc-project*.c) and the render layer's
 * project entry points (render/sc-project-export.c). */

struct _ScProject
{
  GObject     parent_instance;
  char       *path;
  ScStore    *store;              /* the main thread's connection; only reads and edits */
  ScRun      *run;
  GListStore *segments;
  guint64     n_customers;
  guint64     n_transactions;
  char       *currency;           /* ISO 4217, or NULL; reloaded with the data and the brief */
  ScCurrencySource currency_source;
  GPtrArray  *undo;               /* of edits, most recent last (sc-project-edit.c) */
  GPtrArray  *redo;
  gboolean    busy;               /* a reshape runs in a worker */
  /* sc_project_get_summary() sums every customer's aggregates: kept until new data. */
  gboolean    summary_valid;
  guint       summary_generation; /* counts the data changes, so a late summary is dropped */
  gboolean    summary_any;
  ScDay       summary_first_day;
  ScDay       summary_last_day;
  double      summary_revenue;
  guint64     summary_orders;
};

/**
 * ScProjectWork:
 * @store: a connection of the calling thread's own
 * @input: the operation's inputs, copied when the operation was started
 * @job: (nullable): receives progress
 *
 * One operation of the facade, written once and run either in the calling thread (the sync
 * function) or in a worker (the _async function): see _sc_project_run().
 *
 * Returns: (nullable): the result, %NULL with @error set on failure
 */
typedef gpointer (*ScProjectWork) (ScStore       *store,
                                   gpointer       input,
                                   ScJob         *job,
                                   GCancellable  *cancellable,
                                   GError       **error);

ScStore  *_sc_project_open_store     (ScProject            *self,
                                      GError              **error);
gpointer  _sc_project_run            (ScProject            *self,
                                      ScProjectWork         work,
                                      gpointer              input,
                                      ScJob                *job,
                                      GCancellable         *cancellable,
                                      GError              **error);
void      _sc_project_run_async      (ScProject            *self,
                                      gpointer              source_tag,
                                      ScProjectWork         work,
                                      gpointer              input,
                                      GDestroyNotify        input_free,
                                      GDestroyNotify        result_free,
                                      ScJob                *job,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
void      _sc_project_run_path_async (const char           *path,
                                      gpointer              source_tag,
                                      ScProjectWork         work,
                                      gpointer              input,
                                      GDestroyNotify        input_free,
                                      GDestroyNotify        result_free,
                                      ScJob                *job,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gpointer  _sc_project_run_finish     (ScProject            *self,
                                      GAsyncResult         *result,
                                      gpointer              source_tag,
                                      GError              **error);
gpointer  _sc_project_task_get_input (GAsyncResult         *result);

gboolean  _sc_project_reload         (ScProject            *self,
                                      ScProjectParts        parts,
                                      GError              **error);
void      _sc_project_set_busy       (ScProject            *self,
                                      gboolean              busy);
void      _sc_project_notify_history (ScProject            *self);

/* sc-project-edit.c */
/* FALSE with G_IO_ERROR_BUSY while a reshape runs. */
gboolean  _sc_project_check_not_busy (ScProject          *self,
                                      GError            **error);
typedef gboolean (*ScProjectApplyState) (ScStore        *store,
                                         gconstpointer   state,
                                         GError        **error);
gboolean  _sc_project_push_state_edit (ScProject           *self,
                                       const char          *label,
                                       ScProjectParts       parts,
                                       ScProjectApplyState  apply,
                                       gpointer             before,
                                       gpointer             after,
                                       GDestroyNotify       state_free,
                                       GError             **error);
void      _sc_project_edits_init     (ScProject            *self);
void      _sc_project_clear_history  (ScProject            *self);
void      _sc_project_record_rerun   (ScProject            *self,
                                      gint64                before,
                                      gint64                after);

/* sc-project-hypotheses.c: the test on a connection the caller holds (the report's). */
ScHypothesisReport *_sc_project_test_hypotheses_in (ScStore       *store,
                                                    gboolean       suggest,
                                                    GCancellable  *cancellable,
                                                    GError       **error);

/* sc-project-pipeline.c: scoring then drift, also run by a refresh (sc-project-pg.c) inside
 * its transaction. Returns an ScScoreResult. */
gpointer  _sc_project_score_work     (ScStore              *store,
                                      gpointer              input,
                                      ScJob                *job,
                                      GCancellable         *cancellable,
                                      GError              **error);
/* sc-project-pipeline.c: what the _finish of an import (file or database) does with the
 * worker's @report: clears the undo history and reloads the data; frees @report and
 * returns NULL with @error set when the reload fails. */
ScImportReport *_sc_project_import_done (ScProject       *self,
                                         ScImportReport  *report,
                                         GError         **error);

/* A result that is only success: a non-NULL pointer nobody frees. */
#define SC_PROJECT_OK GINT_TO_POINTER (TRUE)

G_END_DECLS
