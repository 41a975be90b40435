/* sc-store-imports.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The imports table (one row per file read, with its figures and settings) and the problems
 * found in each, kept so that a project can say later what was imported from where. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sc-store-private.h"

void
sc_import_record_clear (ScImportRecord *record)
{
  g_clear_pointer (&record->kind, g_free);
  g_clear_pointer (&record->path, g_free);
  g_clear_pointer (&record->imported_at, g_free);
  g_clear_pointer (&record->settings, g_free);
  g_clear_pointer (&record->notes, g_free);
}

void
sc_import_problem_free (ScImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->reason);
  g_free (problem->raw);
  g_free (problem->kind);
  g_free (problem);
}

/* Binds the figures of @r, in the column order of both statements below, from parameter
 * @first on. */
static void
bind_figures (sqlite3_stmt         *stmt,
              int                   first,
              const ScImportRecord *r)
{
  sqlite3_bind_int64 (stmt, first, r->rows_read);
  sqlite3_bind_int64 (stmt, first + 1, r->rows_accepted);
  sqlite3_bind_int64 (stmt, first + 2, r->rows_rejected);
  sqlite3_bind_int64 (stmt, first + 3, r->duplicate_rows);
  sqlite3_bind_int64 (stmt, first + 4, r->duplicate_order_ids);
  sqlite3_bind_int64 (stmt, first + 5, r->returns);
  sqlite3_bind_int64 (stmt, first + 6, r->customers);
  sqlite3_bind_int64 (stmt, first + 7, r->new_customers);
  sqlite3_bind_int64 (stmt, first + 8, r->unmatched);
  if (r->rows_accepted > 0 && !g_str_equal (r->kind, "customers"))
    {
      sqlite3_bind_int (stmt, first + 9, r->first_day);
      sqlite3_bind_int (stmt, first + 10, r->last_day);
    }
  sqlite3_bind_double (stmt, first + 11, r->revenue);
  sqlite3_bind_text (stmt, first + 12, r->settings, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 13, r->notes, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, first + 14, r->already_present);
}

gboolean
sc_store_add_import (ScStore         *self,
                     ScImportRecord  *r,
                     GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (self,
                          "INSERT INTO imports (kind, path, imported_at, rows_read, rows_accepted, "
                          "rows_rejected, duplicate_rows, duplicate_order_ids, returns, customers, "
                          "new_customers, unmatched, first_day, last_day, revenue, settings, notes, "
                          "already_present) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, r->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, r->path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, r->imported_at, -1, SQLITE_STATIC);
  bind_figures (stmt, 4, r);
  if (!_sc_store_step_done (self, stmt, error))
    return FALSE;
  r->id = (guint64) _sc_store_last_insert_id (self);
  return TRUE;
}

/* The import row goes in first so that problems can point at it; its figures are written
 * once known, inside the same transaction. */
gboolean
_sc_store_update_import (ScStore               *self,
                         const ScImportRecord  *r,
                         GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (self,
                          "UPDATE imports SET rows_read = ?, rows_accepted = ?, rows_rejected = ?, "
                          "duplicate_rows = ?, duplicate_order_ids = ?, returns = ?, customers = ?, "
                          "new_customers = ?, unmatched = ?, first_day = ?, last_day = ?, "
                          "revenue = ?, settings = ?, notes = ?, already_present = ? WHERE id = ?",
                          &stmt, error))
    return FALSE;
  bind_figures (stmt, 1, r);
  sqlite3_bind_int64 (stmt, 16, r->id);
  return _sc_store_step_done (self, stmt, error);
}

gboolean
_sc_store_prepare_add_problem (ScStore       *self,
                               sqlite3_stmt **stmt,
                               GError       **error)
{
  return _sc_store_prepare (self, "INSERT INTO import_problems (import, line, column_name, "
                            "reason, raw, kind) VALUES (?,?,?,?,?,?)", stmt, error);
}

/**
 * sc_store_get_data_version:
 *
 * What the project's data is at: it grows with every import (imports are never removed), so
 * two figures made at the same version saw the same data, whatever the clock said.
 *
 * Returns: the data version
 */
guint64
sc_store_get_data_version (ScStore *self)
{
  return sc_store_count (self, "imports");
}

gboolean
sc_store_list_imports (ScStore  *self,
                       GArray  **records,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) result = g_array_new (FALSE, TRUE, sizeof (ScImportRecord));
  int rc;

  g_array_set_clear_func (result, (GDestroyNotify) sc_import_record_clear);
  if (!_sc_store_prepare (self,
                          "SELECT id, kind, path, imported_at, rows_read, rows_accepted, "
                          "rows_rejected, duplicate_rows, duplicate_order_ids, returns, customers, "
                          "new_customers, unmatched, first_day, last_day, revenue, settings, notes, "
                          "already_present FROM imports ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScImportRecord r = { 0 };

      r.id = sqlite3_column_int64 (stmt, 0);
      r.kind = _sc_store_column_dup (stmt, 1);
      r.path = _sc_store_column_dup (stmt, 2);
      r.imported_at = _sc_store_column_dup (stmt, 3);
      r.rows_read = sqlite3_column_int64 (stmt, 4);
      r.rows_accepted = sqlite3_column_int64 (stmt, 5);
      r.rows_rejected = sqlite3_column_int64 (stmt, 6);
      r.duplicate_rows = sqlite3_column_int64 (stmt, 7);
      r.duplicate_order_ids = sqlite3_column_int64 (stmt, 8);
      r.returns = sqlite3_column_int64 (stmt, 9);
      r.customers = sqlite3_column_int64 (stmt, 10);
      r.new_customers = sqlite3_column_int64 (stmt, 11);
      r.unmatched = sqlite3_column_int64 (stmt, 12);
      r.first_day = sqlite3_column_int (stmt, 13);
      r.last_day = sqlite3_column_int (stmt, 14);
      r.revenue = sqlite3_column_double (stmt, 15);
      r.settings = _sc_store_column_dup (stmt, 16);
      r.notes = _sc_store_column_dup (stmt, 17);
      r.already_present = sqlite3_column_int64 (stmt, 18);
      g_array_append_val (result, r);
    }
  if (!_sc_store_expect (self, rc, SQLITE_DONE, error))
    return FALSE;
  *records = g_steal_pointer (&result);
  return TRUE;
}

gboolean
sc_store_foreach_problem (ScStore        *self,
                          ScProblemFunc   func,
                          gpointer        user_data,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_sc_store_prepare (self, "SELECT import, line, column_name, reason, raw, kind "
                          "FROM import_problems ORDER BY import, line, rowid", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScImportProblem p = {
        .line = sqlite3_column_int64 (stmt, 1),
        .column = (char *) sqlite3_column_text (stmt, 2),
        .reason = (char *) sqlite3_column_text (stmt, 3),
        .raw = (char *) sqlite3_column_text (stmt, 4),
        .kind = (char *) sqlite3_column_text (stmt, 5),
      };

      if (!func (sqlite3_column_int64 (stmt, 0), &p, user_data))
        break;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}
