/* sc-project-overlay-async.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The long reads of the overlay, each written once as a work of the project that runs in
 * the calling thread (for the CLI) or in a worker (for the app): the audit and the profit
 * read every order line, an overlay every customer's attribute, so the main thread never
 * waits on them.  Each reads through a connection of its own. */

#include "config.h"

#include "sc-audit-private.h"
#include "sc-overlay-private.h"
#include "sc-project-overlay.h"
#include "sc-project-private.h"

static gpointer
audit_work (ScStore       *store,
            gpointer       input,
            ScJob         *job,
            GCancellable  *cancellable,
            GError       **error)
{
  return _sc_audit_compute (store, error);
}

ScAudit *
sc_project_audit (ScProject  *self,
                  GError    **error)
{
  return _sc_project_run (self, audit_work, NULL, NULL, NULL, error);
}

/**
 * sc_project_audit_async:
 *
 * sc_project_audit() in a worker.
 */
void
sc_project_audit_async (ScProject           *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_audit_async, audit_work, NULL, NULL,
                         (GDestroyNotify) sc_audit_free, NULL, cancellable, callback, user_data);
}

/**
 * sc_project_audit_finish:
 *
 * Returns: (transfer full) (nullable): the audit, or %NULL with @error
 */
ScAudit *
sc_project_audit_finish (ScProject     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_audit_async, error);
}

static gpointer
profit_work (ScStore       *store,
             gpointer       input,
             ScJob         *job,
             GCancellable  *cancellable,
             GError       **error)
{
  return sc_profit_load (store, error);
}

ScProfit *
sc_project_load_profit (ScProject  *self,
                        GError    **error)
{
  return _sc_project_run (self, profit_work, NULL, NULL, NULL, error);
}

/**
 * sc_project_load_profit_async:
 *
 * sc_project_load_profit() in a worker.
 */
void
sc_project_load_profit_async (ScProject           *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_load_profit_async, profit_work, NULL, NULL,
                         (GDestroyNotify) sc_profit_free, NULL, cancellable, callback, user_data);
}

/**
 * sc_project_load_profit_finish:
 *
 * Returns: (transfer full) (nullable): the profit figures, or %NULL with @error
 */
ScProfit *
sc_project_load_profit_finish (ScProject     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_load_profit_async, error);
}

static gpointer
overlay_work (ScStore       *store,
              gpointer       input,
              ScJob         *job,
              GCancellable  *cancellable,
              GError       **error)
{
  return _sc_overlay_compute (store, input, error);
}

ScOverlay *
sc_project_overlay (ScProject   *self,
                    const char  *by,
                    GError     **error)
{
  g_return_val_if_fail (by != NULL, NULL);

  return _sc_project_run (self, overlay_work, (gpointer) by, NULL, NULL, error);
}

/**
 * sc_project_overlay_async:
 * @by: an attribute of the customer list or %SC_OVERLAY_BY_RULES
 *
 * sc_project_overlay() in a worker.
 */
void
sc_project_overlay_async (ScProject           *self,
                          const char          *by,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));
  g_return_if_fail (by != NULL);

  _sc_project_run_async (self, sc_project_overlay_async, overlay_work, g_strdup (by), g_free,
                         (GDestroyNotify) sc_overlay_free, NULL, cancellable, callback,
                         user_data);
}

/**
 * sc_project_overlay_finish:
 *
 * Returns: (transfer full) (nullable): the cross-table, or %NULL with @error
 */
ScOverlay *
sc_project_overlay_finish (ScProject     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _sc_project_run_finish (self, result, sc_project_overlay_async, error);
}
