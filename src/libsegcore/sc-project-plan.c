/* sc-project-plan.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The facade's door to plans (sc-plan.c): every segment's plan, set or suggested, and the
 * decisions the project still needs. Plans read the customers' features, so they are
 * computed in the runner like other reads (sync for the CLI, async for the app). Setting
 * and accepting plans are edits (sc_project_edit_segment(), sc-project-edit.c). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sc-project-private.h"

static gpointer
plan_work (ScStore       *store,
           gpointer       input,
           ScJob         *job,
           GCancellable  *cancellable,
           GError       **error)
{
  return sc_plan_run (store, input, cancellable, error);
}

/**
 * sc_project_plan:
 * @run: the run to plan, usually sc_project_get_run()
 *
 * Returns: (transfer full) (nullable): every segment's plan, %NULL with @error set
 */
ScPlans *
sc_project_plan (ScProject     *self,
                 const ScRun   *run,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);
  g_return_val_if_fail (run != NULL, NULL);

  return _sc_project_run (self, plan_work, (gpointer) run, NULL, cancellable, error);
}

/**
 * sc_project_plan_async:
 * @run: copied before the worker starts
 */
void
sc_project_plan_async (ScProject           *self,
                       const ScRun         *run,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));
  g_return_if_fail (run != NULL);

  _sc_project_run_async (self, sc_project_plan_async, plan_work, sc_run_copy (run),
                         (GDestroyNotify) sc_run_free, (GDestroyNotify) sc_plans_free, NULL,
                         cancellable, callback, user_data);
}

ScPlans *
sc_project_plan_finish (ScProject     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_plan_async, error);
}

/**
 * sc_project_get_decisions:
 * @plans: (nullable): the current run's plans, to list those still suggested
 *
 * Returns: (transfer full) (element-type ScDecision): what people still have to decide
 *   about the current segments (see sc_plan_decisions()); empty without segments
 */
GPtrArray *
sc_project_get_decisions (ScProject     *self,
                          const ScPlans *plans)
{
  const ScRun *run;

  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);

  run = sc_project_get_run (self);
  if (run == NULL)
    return g_ptr_array_new ();
  if (plans != NULL && plans->run != run->id)
    plans = NULL;
  return sc_plan_decisions (run, plans);
}

/**
 * sc_project_find_segment:
 * @id_or_name: a segment's number (1-based, as the CLI and the exports show it) or its
 *   name, in any case
 *
 * Returns: (transfer none) (nullable): the current run's segment, %NULL with @error set
 *   (listing the segments there are)
 */
const ScSegmentInfo *
sc_project_find_segment (ScProject   *self,
                         const char  *id_or_name,
                         GError     **error)
{
  const ScRun *run;

  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  run = sc_project_get_run (self);
  if (run == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("There are no segments yet: segment the customers first."));
      return NULL;
    }
  return sc_edit_find_segment (run, id_or_name, error);
}
