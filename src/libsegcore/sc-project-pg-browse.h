/* sc-project-pg-browse.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the import wizard asks a PostgreSQL server before importing (issue 22): the tables
 * and views it may read, and a query's columns with a few rows.  Nothing here touches a
 * project. */

#pragma once

#include <gio/gio.h>

#include "sc-detect.h"
#include "sc-types.h"

G_BEGIN_DECLS

/**
 * ScPgConnection:
 * @host: (nullable): a host name, an address or a Unix socket directory
 * @port: (nullable): the port, as text
 * @dbname: (nullable): the database
 * @user: (nullable): the role
 * @sslmode: (nullable): disable, allow, prefer, require, verify-ca or verify-full
 *
 * The settings a person types; empty or %NULL ones are left to libpq's defaults.
 */
typedef struct
{
  char *host;
  char *port;
  char *dbname;
  char *user;
  char *sslmode;
} ScPgConnection;

void      sc_pg_connection_clear   (ScPgConnection       *connection);
char     *sc_pg_connection_to_conninfo (const ScPgConnection *connection,
                                        const char           *password);
char     *sc_pg_conninfo_with_password (const char           *conninfo,
                                        const char           *password);
gboolean  sc_pg_connection_parse   (const char           *conninfo,
                                    ScPgConnection       *connection,
                                    GError              **error);

/**
 * ScPgPreview:
 * @columns: the column names
 * @roles: the role detected for each column from its name and values
 * @rows: (element-type GStrv): the first rows as text ("" for NULL)
 */
typedef struct
{
  GStrv         columns;
  ScColumnRole *roles;
  GPtrArray    *rows;
} ScPgPreview;

void          sc_pg_preview_free          (ScPgPreview    *preview);

GStrv         sc_pg_list_relations        (const char     *conninfo,
                                           GCancellable   *cancellable,
                                           GError        **error);
void          sc_pg_list_relations_async  (const char     *conninfo,
                                           GCancellable   *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer        user_data);
GStrv         sc_pg_list_relations_finish (GAsyncResult   *result,
                                           GError        **error);

ScPgPreview  *sc_pg_preview               (const char     *conninfo,
                                           const char     *table,
                                           const char     *query,
                                           ScTableKind     kind,
                                           guint           max_rows,
                                           GCancellable   *cancellable,
                                           GError        **error);
void          sc_pg_preview_async         (const char     *conninfo,
                                           const char     *table,
                                           const char     *query,
                                           ScTableKind     kind,
                                           guint           max_rows,
                                           GCancellable   *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer        user_data);
ScPgPreview  *sc_pg_preview_finish        (GAsyncResult   *result,
                                           GError        **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScPgConnection, sc_pg_connection_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPgPreview, sc_pg_preview_free)

G_END_DECLS
