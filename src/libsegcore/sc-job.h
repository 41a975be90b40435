/* sc-job.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SC_TYPE_JOB (sc_job_get_type ())

G_DECLARE_FINAL_TYPE (ScJob, sc_job, SC, JOB, GObject)

ScJob      *sc_job_new          (void);
double      sc_job_get_fraction (ScJob      *self);
char       *sc_job_dup_message  (ScJob      *self);
void        sc_job_update       (ScJob      *self,
                                 double      fraction,
                                 const char *message);
void        sc_job_progress_func (double      fraction,
                                  const char *message,
                                  gpointer    job);

GTask      *sc_job_task_new      (gpointer             source_object,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
void        sc_job_run_in_thread (GTask           *task,
                                  GTaskThreadFunc  func);
guint       sc_job_cancel_all    (void);
gboolean    sc_job_wait_all      (guint            timeout_ms);

G_END_DECLS
