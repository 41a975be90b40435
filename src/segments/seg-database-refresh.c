/* seg-database-refresh.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Refresh From Database" (win.refresh-database, issue 22): the same core refresh as
 * `segments-cli refresh`, run as the window's job with its progress and Cancel.  The action
 * is enabled only for a project imported from a database; its menu item is not hidden
 * otherwise, because a menu item hidden when disabled made GTK 4.8 crash in an undo's toast
 * animation (ui-editor).  The project keeps the connection without its password; the
 * password comes from the keyring (seg-database-password.c), and when the keyring has none,
 * or there is no keyring, the window asks for it (saying why) before the job starts.  A
 * password typed is offered to the keyring once the refresh has worked.  Afterwards the
 * window says what moved, as after adding a file: the toast with the What Changed dialog. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-changes-dialog.h"
#include "seg-database-password.h"
#include "seg-window-private.h"

typedef struct
{
  SegWindow      *window;
  ScPgConnection  connection;
  char           *typed;        /* a password asked for, to keep once it worked */
} Refresh;

static void
refresh_free (Refresh *r)
{
  g_clear_object (&r->window);
  sc_pg_connection_clear (&r->connection);
  g_free (r->typed);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refresh, refresh_free)

/**
 * _seg_window_has_database:
 *
 * Returns: whether the window's project was imported from a database (looked up again only
 *   when the project or its customers change)
 */
gboolean
_seg_window_has_database (SegWindow *self)
{
  guint64 customers;

  if (self->project == NULL)
    return FALSE;
  customers = sc_project_get_n_customers (self->project);
  if (self->database_checked != self->project || self->database_customers != customers)
    {
      g_auto(ScPgOptions) options = { 0 };

      self->database_checked = self->project;
      self->database_customers = customers;
      self->has_database = sc_project_get_pg_source (self->project, &options, NULL);
    }
  return self->has_database;
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!seg_database_password_store_finish (result, &error))
    g_debug ("The database password was not kept: %s", error->message);
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Refresh) r = user_data;
  SegWindow *self = r->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRefreshResult) refresh = sc_project_refresh_finish (SC_PROJECT (source), result,
                                                                  &error);
  AdwToast *toast = NULL;

  _seg_window_end_job (self);
  if (refresh == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _seg_window_show_toast (self, _("Refresh cancelled: the project is as it was"));
      else
        _seg_window_show_error (self, _("Could Not Refresh From the Database"), error);
      return;
    }
  if (r->typed != NULL)
    seg_database_password_store_async (&r->connection, r->typed, NULL, on_stored, NULL);
  if (self->closed)
    return;

  if (refresh->score == NULL)
    toast = adw_toast_new (_("Refreshed from the database: segment the customers to see the "
                             "groups they form"));
  else
    toast = seg_changes_drift_toast_new (refresh->score->drift);
  if (toast == NULL)
    toast = adw_toast_new (_("Refreshed from the database: no segment changed noticeably"));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
run_refresh (Refresh    *r,
             const char *password)
{
  SegWindow *self = r->window;

  if (self->closed || self->project == NULL || self->job != NULL)
    {
      refresh_free (r);
      return;
    }
  _seg_window_start_job (self, _("Refreshing From the Database"));
  sc_job_update (self->job, 0.0, _("Reading the current figures from the database…"));
  sc_project_refresh_async (self->project, password, self->job, self->job_cancellable,
                            on_refreshed, r);
}

static void
on_password_typed (const char *password,
                   gpointer    user_data)
{
  Refresh *r = user_data;

  if (password == NULL)
    {
      refresh_free (r);
      return;
    }
  r->typed = password[0] != '\0' ? g_strdup (password) : NULL;
  run_refresh (r, r->typed);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Refresh *r = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = seg_database_password_lookup_finish (result, &error);
  g_autofree char *reason = NULL;

  if (password != NULL)
    {
      run_refresh (r, password);
      return;
    }
  if (r->window->closed)
    {
      refresh_free (r);
      return;
    }
  if (error != NULL)
    /* Translators: %s is the keyring's own message */
    reason = g_strdup_printf (_("The keyring is not available (%s): the password is asked for "
                                "each time."), error->message);
  else
    reason = g_strdup (_("The keyring holds no password for this database."));
  seg_database_password_ask (GTK_WINDOW (r->window), &r->connection, reason, on_password_typed,
                             r, NULL);
}

/**
 * _seg_window_refresh_database:
 *
 * Reads the current figures from the project's database (win.refresh-database).
 */
void
_seg_window_refresh_database (SegWindow *self)
{
  g_auto(ScPgOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(Refresh) r = g_new0 (Refresh, 1);
  Refresh *owned;

  if (self->project == NULL || self->job != NULL)
    return;
  if (!sc_project_get_pg_source (self->project, &options, &error) ||
      !sc_pg_connection_parse (options.conninfo, &r->connection, &error))
    {
      _seg_window_show_error (self, _("Could Not Refresh From the Database"), error);
      return;
    }
  r->window = g_object_ref (self);
  owned = g_steal_pointer (&r);
  seg_database_password_lookup_async (&owned->connection, NULL, on_looked_up, owned);
}
