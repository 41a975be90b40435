/* sc-store-import.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How an import's transaction is written (import/sc-importer.c, run_import): the first
 * import of a new project through a rollback journal when its connection has the file to
 * itself, any other through the WAL and a checkpoint after the commit. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-store-private.h"

/* Whether the one row a journal_mode pragma returns names rollback-journal mode ("delete"):
 * an error or "wal" means that another connection has the file open. */
static gboolean
journal_is_delete (sqlite3    *db,
                   const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  return sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
         sqlite3_step (stmt) == SQLITE_ROW &&
         g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
}

/* The first import of a new project (issue 21): in WAL mode every page of the import is
 * written twice, into the -wal file at the commit and again into the project file at the
 * checkpoint (25 MB each at 1M customers, ~150 ms of a 0.7 s import).  A rollback journal
 * writes the new pages once: only pages that held something before the transaction are
 * copied to the journal first, and a new project holds next to nothing (its empty tables).
 *
 * That needs the file to itself.  Leaving WAL mode needs an exclusive lock on the file,
 * which SQLite gets only when no other connection of any process has the project open (each
 * one in WAL mode holds a shared lock on it for as long as it is open): when PRAGMA
 * journal_mode = DELETE fails, nothing changed and the caller takes the usual way.  Then
 * BEGIN EXCLUSIVE keeps every other connection out until the commit (one that opens the
 * project meanwhile waits for it, up to the busy timeout), so none can see or be broken by
 * the file in rollback mode.  Should one have opened it and set WAL again between the two
 * statements, the transaction is a WAL one, exactly the usual way: *@alone says which.
 *
 * Durability as with synchronous = FULL in WAL mode: synchronous = EXTRA syncs the journal
 * before the project file is written, the file before the journal is deleted, and the
 * folder after it (the deletion is the commit; FULL does not sync the folder).  A process
 * killed at any point leaves a hot journal that the next connection rolls back: the
 * project as it was before.  _sc_store_end_alone() returns to WAL after the commit or the
 * rollback.
 *
 * Returns: whether a transaction was begun (as sc_store_begin()); with %FALSE, @error is
 * set and nothing changed. */
gboolean
_sc_store_begin_alone (ScStore   *self,
                       gboolean  *alone,
                       GError   **error)
{
  sqlite3 *db = _sc_store_get_db (self);

  *alone = FALSE;
  if (sc_store_get_read_only (self) || !sqlite3_get_autocommit (db))
    return sc_store_begin (self, error);

  /* The switch names the mode after it: still "wal" when another connection has the file. */
  if (!journal_is_delete (db, "PRAGMA journal_mode = DELETE"))
    return _sc_store_exec (self, "PRAGMA synchronous = FULL", error) &&
           sc_store_begin (self, error);

  if (!_sc_store_exec (self, "PRAGMA synchronous = EXTRA", error))
    {
      _sc_store_end_alone (self);
      return FALSE;
    }
  if (!_sc_store_begin_exclusive (self, NULL))
    {
      /* Someone opened the project in between and holds it: the usual way (synchronous =
       * EXTRA syncs a WAL as FULL does, and a rollback journal's folder too, should the file
       * stay in that mode). */
      _sc_store_end_alone (self);
      return sc_store_begin (self, error);
    }
  *alone = journal_is_delete (db, "PRAGMA journal_mode");
  /* (in WAL, EXTRA syncs as FULL does; the ui tests look for this message) */
  if (*alone)
    g_debug ("import: %s is written once, through a rollback journal",
             sc_store_get_path (self));
  return TRUE;
}

/* After the transaction of _sc_store_begin_alone() has ended, committed or not: back to WAL,
 * as every project is kept.  The commit is durable already, so a failure here (another
 * process reading the file for longer than the wait) only leaves the file in rollback mode,
 * which the next connection to open it sets to WAL. */
void
_sc_store_end_alone (ScStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!_sc_store_set_wal (self, &error))
    g_debug ("%s stays in rollback mode until it is next opened: %s",
             sc_store_get_path (self), error->message);
}

/* After the commit, the imported rows are moved from the WAL into the project file and the
 * WAL emptied (issue 14): a success that is reported is then in the ".segments" file itself,
 * not only in its "-wal" companion.  Readers of another connection may hold the checkpoint
 * back (SQLITE_BUSY): the file is then consistent at an earlier commit and the rest follows
 * later, which is no failure.  Any other error (a full disk) is reported, saying that the
 * rows are in the project all the same. */
gboolean
_sc_store_checkpoint_import (ScStore  *store,
                             GError  **error)
{
  sqlite3 *db = _sc_store_get_db (store);
  int rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

  if (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    return TRUE;
  g_set_error (error, rc == SQLITE_FULL ? G_IO_ERROR : SC_ERROR,
               rc == SQLITE_FULL ? G_IO_ERROR_NO_SPACE : SC_ERROR_PROJECT,
               _("The rows were imported, but “%s” could not be written in full: %s. Free some "
                 "space; the project is completed when it is next saved or closed."),
               sc_store_get_path (store), sqlite3_errstr (rc));
  return FALSE;
}

/* Whether @path is in rollback-journal mode, bytes 18 and 19 of its header being 1 (2 in WAL
 * mode).  Every project is kept in WAL mode but during the first import of a new project,
 * which holds the file in rollback mode under an exclusive lock until its commit (see
 * _sc_store_begin_alone()): a file locked in that mode is being imported.  SQLite's locks
 * are advisory, so the header can be read all the same. */
gboolean
_sc_store_is_being_imported (const char *path)
{
  guint8 head[20] = { 0 };
  FILE *f = g_fopen (path, "rb");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fread (head, 1, sizeof head, f) == sizeof head;
  fclose (f);
  return ok && memcmp (head, "SQLite format 3", 16) == 0 && head[18] == 1 && head[19] == 1;
}

/* The busy handler of a connection being opened, until its first read (sc_store_open()):
 * the usual wait, up to 5 s, for another connection's lock to go, except for a first
 * import of another process.  That holds the file until its commit, seconds to minutes
 * away, so the open gives up after half a second (long enough for an import's commit and
 * return to WAL) and says why (set_open_error(), sc-store.c) rather than freezing a
 * window for 5 s to say it then. */
int
_sc_store_open_busy (void *data,
                     int   count)
{
  ScStoreOpenWait *wait = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    wait->since = now;
  else if (now - wait->since >= 5 * G_USEC_PER_SEC)
    return 0;
  if (!wait->checked && now - wait->since >= G_USEC_PER_SEC / 2)
    {
      wait->checked = TRUE;
      if (_sc_store_is_being_imported (wait->path))
        return 0;
    }
  g_usleep (MIN (count + 1, 20) * 1000);
  return 1;
}
