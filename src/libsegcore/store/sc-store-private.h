/* sc-store-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sc-intern-private.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* For the other tables' code inside the core (runs, segments, models); never in a public
 * header. */
sqlite3  *_sc_store_get_db   (ScStore     *store);
gboolean  _sc_store_exec     (ScStore     *store,
                              const char  *sql,
                              GError     **error);
gboolean  _sc_store_prepare  (ScStore       *store,
                              const char    *sql,
                              sqlite3_stmt **stmt,
                              GError       **error);
gboolean  _sc_store_step_done (ScStore      *store,
                               sqlite3_stmt *stmt,
                               GError      **error);
/* TRUE when @rc (from sqlite3_step()) is @expected, else FALSE with the connection's error. */
gboolean  _sc_store_expect        (ScStore      *store,
                                   int           rc,
                                   int           expected,
                                   GError      **error);
/* Steps a statement that gives at most one row: TRUE with *found (and @stmt on the row) or
 * without; FALSE with @error when the step fails. */
gboolean  _sc_store_step_row      (ScStore       *store,
                                   sqlite3_stmt  *stmt,
                                   gboolean      *found,
                                   GError       **error);
/* The one-row lookup by a text key (prepare, bind, step): TRUE with *found and @stmt on the
 * row, or without a row; FALSE with @error when the statement fails. */
gboolean  _sc_store_lookup        (ScStore       *store,
                                   const char    *sql,
                                   const char    *key,
                                   sqlite3_stmt **stmt,
                                   gboolean      *found,
                                   GError       **error);
/* The stored column @name: TRUE with @stmt on its row (n, data) and *@stored its customers,
 * or with @stmt NULL when there is none; FALSE with @error when the lookup fails. */
gboolean  _sc_store_lookup_column (ScStore       *store,
                                   const char    *name,
                                   sqlite3_stmt **stmt,
                                   gint64        *stored,
                                   GError       **error);
/* Runs @sql (a DELETE or UPDATE with one id parameter) for @id: the rows it changed, or -1
 * with @error. */
gint64    _sc_store_exec_id       (ScStore       *store,
                                   const char    *sql,
                                   gint64         id,
                                   GError       **error);
/* A NULL column reads as NAN; a non-finite value is bound as NULL. */
double    _sc_store_column_double (sqlite3_stmt *stmt,
                                   int           col);
char     *_sc_store_column_dup    (sqlite3_stmt *stmt,
                                   int           col);
void      _sc_store_bind_double   (sqlite3_stmt *stmt,
                                   int           col,
                                   double        v);
void      _sc_store_set_error (ScStore     *store,
                               GError     **error);
gint64    _sc_store_last_insert_id (ScStore *store);
/* Columns of texts back to back, each ending in NUL (sc-store-activation.c). */
gboolean  _sc_store_load_strings   (ScStore     *store,
                                    const char  *name,
                                    gboolean     empty_is_null,
                                    GPtrArray   *out,
                                    GError     **error);
/* A per-customer column of @n texts back to back, each ending in NUL, in @bytes bytes
 * (sc-store-columns.c); stored packed when that saves space. */
gboolean  _sc_store_save_blob      (ScStore     *store,
                                    const char  *name,
                                    guint32      n,
                                    const void  *data,
                                    gsize        bytes,
                                    GError     **error);
guint32   _sc_store_get_n_orders (ScStore *store);

/* The figures of an import added with sc_store_add_import(), once known. */
gboolean  _sc_store_update_import (ScStore               *store,
                                   const ScImportRecord  *record,
                                   GError               **error);
/* The statement that adds one problem: import, line, column_name, reason, raw, kind. */
gboolean  _sc_store_prepare_add_problem (ScStore       *store,
                                         sqlite3_stmt **stmt,
                                         GError       **error);
/* The first import of a new project: a rollback journal when no other connection has the
 * file open (*alone), else sc_store_begin(); _sc_store_end_alone() returns to WAL after the
 * transaction (sc-store-import.c). */
gboolean  _sc_store_begin_alone (ScStore   *store,
                                 gboolean  *alone,
                                 GError   **error);
void      _sc_store_end_alone   (ScStore   *store);
/* Whether another process's first import holds @path (in rollback-journal mode). */
gboolean  _sc_store_is_being_imported (const char *path);
/* The busy handler of sc_store_open() until the first read: data is an ScStoreOpenWait. */
typedef struct
{
  const char *path;
  gint64      since;
  gboolean    checked;
} ScStoreOpenWait;
int       _sc_store_open_busy   (void      *data,
                                 int        count);
/* After an import's commit: the WAL copied into the file and emptied (sc-store-import.c). */
gboolean  _sc_store_checkpoint_import (ScStore  *store,
                                       GError  **error);
/* For sc-store-import.c: BEGIN EXCLUSIVE as the outermost level; PRAGMA journal_mode = WAL. */
gboolean  _sc_store_begin_exclusive   (ScStore  *store,
                                       GError  **error);
gboolean  _sc_store_set_wal           (ScStore  *store,
                                       GError  **error);
gint64    _sc_store_query_int (ScStore    *store,
                               const char *sql,
                               gint64      fallback);
/* PRAGMA wal_autocheckpoint: -1 when it cannot be read; setting it only changes timing. */
gint64    _sc_store_get_autocheckpoint (ScStore *store);
void      _sc_store_set_autocheckpoint (ScStore *store,
                                        gint64   pages);

/* Like sc_store_foreach_transaction(), with each row's stored order number: what an import
 * that adds a file gives the rows of an order id the project holds already. */
typedef void (*ScNumberedTransactionFunc) (const char *order_key,
                                           guint32     order_no,
                                           guint32     customer,
                                           ScDay       day,
                                           double      amount,
                                           gpointer    user_data);
gboolean  _sc_store_foreach_numbered_transaction (ScStore                   *store,
                                                  ScNumberedTransactionFunc  func,
                                                  gpointer                   user_data,
                                                  GError                   **error);

/* Appends rows as chunks. order[i] is a dense order number local to this import, stored as
 * order_base + order[i]; order_keys (nullable) gives the order id text of each number; cost
 * (nullable: the file had no cost) each row's cost, NAN where unknown. */
gboolean  _sc_store_insert_transactions (ScStore          *store,
                                         guint64           import_id,
                                         gsize             n,
                                         const guint32    *customer,
                                         const ScDay      *day,
                                         const double     *amount,
                                         const double     *cost,
                                         const guint32    *order,
                                         guint32           order_base,
                                         const ScInterner *order_keys,
                                         GCancellable     *cancellable,
                                         ScProgressFunc    progress,
                                         gpointer          progress_data,
                                         GError          **error);

/* Issue 18 (sc-store-rules.c, sc-store-profit.c): inside the import's transaction, records
 * the customers whose value of an attribute the import changes (a re-import that disagrees
 * with an earlier one), and sets the project-wide margin. */
gboolean  _sc_store_record_conflicts (ScStore    *store,
                                      guint64     import_id,
                                      guint32     n_customers,
                                      GPtrArray  *attributes,
                                      GError    **error);
gboolean  _sc_store_set_margin       (ScStore    *store,
                                      double      percent,
                                      GError    **error);

/* Fills tx (n_customers set) from rows in any order: grouped by customer, by day within. */
void      _sc_transactions_group (ScTransactions *tx,
                                  gsize           n,
                                  const guint32  *customer,
                                  const ScDay    *day,
                                  const double   *amount,
                                  const guint32  *order);

/* Test only (sc-store-debug.c): SEGMENTS_TEST_KILL_AT_STATEMENT kills the process at the
 * Nth SQLite statement; called on each new connection. */
void      _sc_store_debug_attach (sqlite3 *db);
gint64    _sc_store_debug_cache_pages (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
