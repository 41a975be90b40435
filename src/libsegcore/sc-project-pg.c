/* sc-project-pg.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The facade's PostgreSQL operations (issue 22).  Each writes the project in one
 * transaction: an unreachable server, a wrong password, a dropped connection or a cancel
 * leave the project as it was.  An import reads the server before it writes.  A refresh
 * also does what adding a file and scoring it does: the current segments are frozen as a
 * snapshot while the old figures are still there (while the server sums, before any of its
 * figures are kept, so that the snapshot and the pulled figures are not in memory at once),
 * then the new figures replace the old, every customer is placed in the nearest segment and
 * the drift is measured, all in that same transaction. */

#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "sc-pg-import-private.h"
#include "sc-project-pg-browse.h"
#include "sc-project-pg.h"
#include "sc-project-private.h"
#include "sc-snapshot.h"

void
sc_refresh_result_free (ScRefreshResult *result)
{
  if (result == NULL)
    return;
  sc_import_report_free (result->report);
  sc_score_result_free (result->score);
  g_free (result);
}

static void
fetch_progress (double      fraction,
                const char *message,
                gpointer    job)
{
  if (job != NULL)
    sc_job_update (job, 0.8 * fraction, message);
}

static gpointer
import_pg_work (ScStore       *store,
                gpointer       input,
                ScJob         *job,
                GCancellable  *cancellable,
                GError       **error)
{
  const ScPgOptions *options = input;
  g_autoptr(ScPgFetch) fetch = _sc_pg_fetch (options, store, NULL, NULL,
                                              fetch_progress, job, cancellable, error);
  ScImportReport *report;

  if (fetch == NULL)
    return NULL;
  if (job != NULL)
    sc_job_update (job, 0.8, _("Saving customers"));
  report = _sc_pg_store (store, fetch, options, cancellable, error);
  if (report != NULL && job != NULL)
    sc_job_update (job, 1.0, NULL);
  return report;
}

static void
pg_options_free (ScPgOptions *options)
{
  sc_pg_options_clear (options);
  g_free (options);
}

/* The options for a worker, freed with pg_options_free(). */
static ScPgOptions *
pg_options_dup (const ScPgOptions *options)
{
  ScPgOptions *copy = g_new0 (ScPgOptions, 1);

  sc_pg_options_copy (options, copy);
  return copy;
}

/**
 * sc_project_import_pg:
 * @options: the connection, the orders and customer list, the mapping
 * @job: (nullable): receives progress
 *
 * Imports from PostgreSQL: the server sums the orders per customer and only those sums
 * are kept (unless @options->copy_transactions).  See sc_project_import() about reloading.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
ScImportReport *
sc_project_import_pg (ScProject         *self,
                      const ScPgOptions *options,
                      ScJob             *job,
                      GCancellable      *cancellable,
                      GError           **error)
{
  return _sc_project_run (self, import_pg_work, (gpointer) options, job, cancellable, error);
}

void
sc_project_import_pg_async (ScProject          *self,
                            const ScPgOptions  *options,
                            ScJob              *job,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_import_pg_async, import_pg_work,
                         pg_options_dup (options),
                         (GDestroyNotify) pg_options_free,
                         (GDestroyNotify) sc_import_report_free, job, cancellable, callback,
                         user_data);
}

/**
 * sc_project_import_pg_path_async:
 * @path: a project file, which sc_project_open() has created already and whose #ScProject
 *   was closed again
 * @options: copied before the worker starts
 * @job: (nullable): receives progress
 *
 * sc_project_import_pg_async() without a #ScProject, as sc_project_import_path_async() is
 * for files: the first import of a new project then writes its rows once.  Finish with
 * sc_project_import_pg_path_finish(), then open the project to see the data.
 */
void
sc_project_import_pg_path_async (const char          *path,
                                 const ScPgOptions   *options,
                                 ScJob               *job,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  _sc_project_run_path_async (path, sc_project_import_pg_path_async, import_pg_work,
                              pg_options_dup (options),
                              (GDestroyNotify) pg_options_free,
                              (GDestroyNotify) sc_import_report_free, job, cancellable,
                              callback, user_data);
}

/* Returns: (transfer full) (nullable): the report, or %NULL with @error set */
ScImportReport *
sc_project_import_pg_path_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return _sc_project_run_finish (NULL, result, sc_project_import_pg_path_async, error);
}

ScImportReport *
sc_project_import_pg_finish (ScProject     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _sc_project_import_done (self,
                                  _sc_project_run_finish (self, result,
                                                          sc_project_import_pg_async, error),
                                  error);
}

/* Gives the pages freed by the phase that ended back to the system.  The phases of a refresh
 * free hundreds of megabytes at 10M customers, and the next one allocates in another
 * thread's arena (the pull's parts) or in other sizes, which would not reuse them: without
 * this the process keeps both. */
static void
release_freed (void)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

/* The current segments frozen as a snapshot while the figures are still those they were
 * made from (an ScPgMeanwhileFunc). */
typedef struct
{
  ScStore  *store;
  gboolean  has_run;
} Freeze;

static gboolean
freeze_current (gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Freeze *freeze = data;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(GError) local_error = NULL;

  run = sc_run_load_current (freeze->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  freeze->has_run = run != NULL;
  if (run != NULL &&
      sc_snapshot_take_auto (freeze->store, run, SC_SNAPSHOT_BEFORE_SCORING, cancellable,
                             error) < 0)
    return FALSE;
  g_clear_pointer (&run, sc_run_free);
  release_freed ();
  return TRUE;
}

/* What refresh_work() does in its transaction: reads the server, stores what it read into
 * @result's report and scores the new data against the current run, if any. */
static gboolean
refresh_in_transaction (ScStore            *store,
                        const ScPgOptions  *options,
                        ScRefreshResult    *result,
                        ScJob              *job,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(ScPgFetch) fetch = NULL;
  Freeze freeze = { store, FALSE };

  fetch = _sc_pg_fetch (options, store, freeze_current, &freeze, fetch_progress, job,
                        cancellable, error);
  if (fetch == NULL)
    return FALSE;
  if (job != NULL)
    sc_job_update (job, 0.8, _("Saving customers"));
  result->report = _sc_pg_store (store, fetch, options, cancellable, error);
  g_clear_pointer (&fetch, _sc_pg_fetch_free);
  if (result->report == NULL)
    return FALSE;
  release_freed ();
  if (freeze.has_run)
    {
      result->score = _sc_project_score_work (store, NULL, NULL, cancellable, error);
      if (result->score == NULL)
        return FALSE;
    }
  return TRUE;
}

static gpointer
refresh_work (ScStore       *store,
              gpointer       input,
              ScJob         *job,
              GCancellable  *cancellable,
              GError       **error)
{
  const char *password = input;
  g_autoptr(ScRefreshResult) result = g_new0 (ScRefreshResult, 1);
  g_auto(ScPgOptions) options = { 0 };

  if (!_sc_pg_load_source (store, &options, error))
    return NULL;
  if (password != NULL)
    {
      char *full = sc_pg_conninfo_with_password (options.conninfo, password);

      g_free (options.conninfo);
      options.conninfo = full;
    }
  /* The snapshot is taken in the transaction that the rest joins, while the server sums the
   * orders and before any of its figures are kept (_sc_pg_fetch()): it reads the whole
   * current state, and doing so before the pull arrives, rather than beside it, is what
   * keeps the peak memory down, while the server's work hides its time.  The server is
   * read while only the write lock is held, and any failure after still rolls the snapshot
   * back with everything else.  Scoring loads the run again: its labels need not wait
   * meanwhile, nor the pulled figures once they are stored (_sc_pg_store() consumes
   * them). */
  if (!sc_store_begin (store, error) ||
      !sc_store_end (store,
                     refresh_in_transaction (store, &options, result, job, cancellable, error),
                     error))
    return NULL;
  if (job != NULL)
    sc_job_update (job, 1.0, NULL);
  return g_steal_pointer (&result);
}

/**
 * sc_project_refresh:
 * @password: (nullable): the password, when not in `PGPASSWORD` or `~/.pgpass`
 * @job: (nullable): receives progress
 *
 * Reads the current figures from the database the project was imported from, then places
 * every customer in the current segments and measures the drift, as scoring a new file
 * does (sc_project_score()).  Fails with %SC_ERROR_NO_DATA when the project was not
 * imported from a database.  See sc_project_import() about reloading.
 *
 * Returns: (transfer full) (nullable): the report and the scoring, or %NULL with @error set
 */
ScRefreshResult *
sc_project_refresh (ScProject     *self,
                    const char    *password,
                    ScJob         *job,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return _sc_project_run (self, refresh_work, (gpointer) password, job, cancellable, error);
}

void
sc_project_refresh_async (ScProject          *self,
                          const char         *password,
                          ScJob              *job,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_refresh_async, refresh_work, g_strdup (password),
                         g_free, (GDestroyNotify) sc_refresh_result_free, job, cancellable,
                         callback, user_data);
}

ScRefreshResult *
sc_project_refresh_finish (ScProject     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_autoptr(ScRefreshResult) refresh = NULL;

  refresh = _sc_project_run_finish (self, result, sc_project_refresh_async, error);
  if (refresh == NULL ||
      !_sc_project_reload (self, SC_PROJECT_PART_DATA | SC_PROJECT_PART_RUN |
                                 SC_PROJECT_PART_MEMBERSHIP | SC_PROJECT_PART_SEGMENT_FIELDS |
                                 SC_PROJECT_PART_SNAPSHOTS, error))
    return NULL;
  return g_steal_pointer (&refresh);
}

gboolean
sc_project_get_pg_source (ScProject    *self,
                          ScPgOptions  *options,
                          GError      **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  sc_pg_options_init (options);
  return store != NULL && _sc_pg_load_source (store, options, error);
}
