/* sc-pg-pull-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

#include "sc-pg-source-private.h"

G_BEGIN_DECLS

/* The pull in parts, one session each (sc-pg-pull.c); only with libpq. */

/* How many sessions a pull uses: SEGMENTS_PG_CONNECTIONS (1 to 16), else 2. */
guint     _sc_pg_pull_wanted_parts (void);
/* Runs @n COPYs at once, @sqls[i] on @conns[i] (one thread each but the first, which runs
 * in the caller's), and merges their customers in the byte order of their keys. */
ScPgPull *_sc_pg_pull_parts        (PGconn             **conns,
                                    const char * const  *sqls,
                                    guint                n,
                                    ScProgressFunc       progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GError             **error);
/* Runs one query on each of @conns at once; @results (one each) on success. */
gboolean  _sc_pg_query_parts       (PGconn             **conns,
                                    const char * const  *sqls,
                                    guint                n,
                                    PGresult           **results,
                                    GCancellable        *cancellable,
                                    GError             **error);
/* One part's COPY parsed into @pull (sc-pg-source.c); @received counts every part's
 * customers, @progress (nullable) reports them. */
gboolean  _sc_pg_pull_part         (PGconn              *conn,
                                    const char          *sql,
                                    ScPgPull            *pull,
                                    ScProgressFunc       progress,
                                    gpointer             progress_data,
                                    gint                *received,
                                    GCancellable        *cancellable,
                                    GError             **error);

G_END_DECLS
