/* sc-project-pg.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Data in PostgreSQL (issue 22): import with the sums done by the server, and refresh. */

#pragma once

#include "sc-pg-source.h"
#include "sc-project.h"

G_BEGIN_DECLS

/**
 * ScRefreshResult:
 * @report: what was read, as for an import
 * @score: (nullable): the scoring and drift, %NULL when the project had no segments
 */
typedef struct
{
  ScImportReport *report;
  ScScoreResult  *score;
} ScRefreshResult;

void             sc_refresh_result_free      (ScRefreshResult   *result);

ScImportReport  *sc_project_import_pg        (ScProject         *self,
                                              const ScPgOptions *options,
                                              ScJob             *job,
                                              GCancellable      *cancellable,
                                              GError           **error);
void             sc_project_import_pg_async  (ScProject         *self,
                                              const ScPgOptions *options,
                                              ScJob             *job,
                                              GCancellable      *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer           user_data);
ScImportReport  *sc_project_import_pg_finish (ScProject         *self,
                                              GAsyncResult      *result,
                                              GError           **error);

void             sc_project_import_pg_path_async  (const char          *path,
                                                   const ScPgOptions   *options,
                                                   ScJob               *job,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
ScImportReport  *sc_project_import_pg_path_finish (GAsyncResult        *result,
                                                   GError             **error);

ScRefreshResult *sc_project_refresh          (ScProject         *self,
                                              const char        *password,
                                              ScJob             *job,
                                              GCancellable      *cancellable,
                                              GError           **error);
void             sc_project_refresh_async    (ScProject         *self,
                                              const char        *password,
                                              ScJob             *job,
                                              GCancellable      *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer           user_data);
ScRefreshResult *sc_project_refresh_finish   (ScProject         *self,
                                              GAsyncResult      *result,
                                              GError           **error);
/* The stored source without a password; FALSE with %SC_ERROR_NO_DATA when there is none. */
gboolean         sc_project_get_pg_source    (ScProject         *self,
                                              ScPgOptions       *options,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRefreshResult, sc_refresh_result_free)

G_END_DECLS
