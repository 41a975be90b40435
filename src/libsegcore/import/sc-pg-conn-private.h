/* sc-pg-conn-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

#include "sc-types.h"

G_BEGIN_DECLS

/* The connection (sc-pg-conn.c) for the source (sc-pg-source.c); only with libpq. */

/* Connects and opens the REPEATABLE READ, READ ONLY transaction every read runs in. */
PGconn   *_sc_pg_session_open (const char         *conninfo,
                               GCancellable       *cancellable,
                               GError            **error);
/* The same, seeing the data of the session that exported @snapshot (nullable). */
PGconn   *_sc_pg_session_join (const char         *conninfo,
                               const char         *snapshot,
                               GCancellable       *cancellable,
                               GError            **error);
/* Runs one statement with text parameters; its only result when its status is @expected
 * (PGRES_COPY_OUT: the copy has started), else NULL with @error set for people. */
PGresult *_sc_pg_run          (PGconn             *conn,
                               const char         *sql,
                               int                 n_params,
                               const char        **params,
                               ExecStatusType      expected,
                               GCancellable       *cancellable,
                               GError            **error);
gboolean  _sc_pg_exec         (PGconn             *conn,
                               const char         *sql,
                               GCancellable       *cancellable,
                               GError            **error);
/* The rows of a COPY … TO STDOUT, one buffer at a time; @func returns FALSE to stop (with
 * @error set).  TRUE when the copy ended well. */
typedef gboolean (*ScPgCopyFunc) (const char  *data,
                                  int          len,
                                  gpointer     user_data,
                                  GError     **error);
gboolean  _sc_pg_copy_out     (PGconn             *conn,
                               const char         *sql,
                               ScPgCopyFunc        func,
                               gpointer            user_data,
                               GCancellable       *cancellable,
                               GError            **error);
/* The first line of a libpq message, without its "ERROR:" prefix. */
char     *_sc_pg_first_line   (const char         *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
