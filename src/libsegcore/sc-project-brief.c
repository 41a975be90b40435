/* sc-project-brief.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project brief through the facade: read with the KPIs' baselines computed from the
 * data and the current segments, and replaced whole in one transaction as an undoable
 * edit (the earlier brief is kept with it, so undo writes it back). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sc-project-private.h"

/**
 * sc_project_load_brief:
 * @self: a project
 *
 * Returns: (transfer full) (nullable): the brief, empty when none was written, with the
 *   baseline of every KPI the product knows
 */
ScBrief *
sc_project_load_brief (ScProject  *self,
                       GError    **error)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);

  return sc_brief_load_with_baselines (self->store, self->run, error);
}

static gpointer
load_brief_work (ScStore       *store,
                 gpointer       input,
                 ScJob         *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return sc_brief_load_with_baselines (store, input, error);
}

/**
 * sc_project_load_brief_async:
 *
 * sc_project_load_brief() in a worker: the baselines read every customer's figures.
 */
void
sc_project_load_brief_async (ScProject           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_load_brief_async, load_brief_work,
                         self->run != NULL ? sc_run_copy (self->run) : NULL,
                         (GDestroyNotify) sc_run_free, (GDestroyNotify) sc_brief_free, NULL,
                         cancellable, callback, user_data);
}

ScBrief *
sc_project_load_brief_finish (ScProject     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_load_brief_async, error);
}

static gboolean
apply_brief (ScStore        *store,
             gconstpointer   state,
             GError        **error)
{
  return sc_brief_save (store, state, error);
}

/**
 * sc_project_set_brief:
 * @brief: the whole new brief (baselines are ignored)
 *
 * Validates and saves the brief in one transaction, undoable within the session.
 *
 * Returns: %FALSE with %SC_ERROR_INVALID_INPUT for a bad date, currency or stakeholder
 */
gboolean
sc_project_set_brief (ScProject      *self,
                      const ScBrief  *brief,
                      GError        **error)
{
  g_autoptr(ScBrief) before = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (brief != NULL, FALSE);

  if (!_sc_project_check_not_busy (self, error) || !sc_brief_validate (brief, error))
    return FALSE;
  before = sc_brief_load (self->store, error);
  if (before == NULL)
    return FALSE;
  if (sc_brief_equal (before, brief))
    return TRUE;
  if (!sc_brief_save (self->store, brief, error))
    return FALSE;
  return _sc_project_push_state_edit (self, _("Brief Change"), SC_PROJECT_PART_BRIEF,
                                      apply_brief, g_steal_pointer (&before),
                                      sc_brief_copy (brief), (GDestroyNotify) sc_brief_free,
                                      error);
}

/**
 * sc_project_get_has_brief:
 *
 * Returns: whether anything of the brief was written
 */
gboolean
sc_project_get_has_brief (ScProject *self)
{
  g_autoptr(ScBrief) brief = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  brief = sc_brief_load (self->store, NULL);
  return brief != NULL && !sc_brief_is_empty (brief);
}
