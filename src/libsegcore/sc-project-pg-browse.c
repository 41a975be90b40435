/* sc-project-pg-browse.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Looking at a PostgreSQL server before an import (issue 22): the connection settings as a
 * person types them, the relations the role may SELECT from, and a table's or query's
 * columns with a few rows and the role each column seems to have.  Every look runs in the
 * same read-only session as an import (_sc_pg_session_open(): timeouts, cancel), so a query
 * previewed cannot write either.  The async variants are GTasks without a source object:
 * there is no project yet when the wizard asks. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-job.h"
#include "sc-pg-source-private.h"
#include "sc-project-pg-browse.h"

#if HAVE_LIBPQ
#include "sc-pg-conn-private.h"
#endif

void
sc_pg_connection_clear (ScPgConnection *connection)
{
  g_clear_pointer (&connection->host, g_free);
  g_clear_pointer (&connection->port, g_free);
  g_clear_pointer (&connection->dbname, g_free);
  g_clear_pointer (&connection->user, g_free);
  g_clear_pointer (&connection->sslmode, g_free);
}

/* key='value' as libpq reads it: quotes and backslashes escaped. */
static void
append_setting (GString    *s,
                const char *key,
                const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  if (s->len > 0)
    g_string_append_c (s, ' ');
  g_string_append_printf (s, "%s='", key);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '\'');
}

/**
 * sc_pg_connection_to_conninfo:
 * @password: (nullable): the password, for this connection only (never stored)
 *
 * Returns: (transfer full): a libpq connection string with the settings that are set
 */
char *
sc_pg_connection_to_conninfo (const ScPgConnection *connection,
                              const char           *password)
{
  GString *s = g_string_new (NULL);

  append_setting (s, "host", connection->host);
  append_setting (s, "port", connection->port);
  append_setting (s, "dbname", connection->dbname);
  append_setting (s, "user", connection->user);
  append_setting (s, "sslmode", connection->sslmode);
  append_setting (s, "password", password);
  return g_string_free (s, FALSE);
}

/**
 * sc_pg_conninfo_with_password:
 * @conninfo: a libpq connection string (not a URI)
 * @password: (nullable): the password to add
 *
 * Returns: (transfer full): @conninfo with @password, quoted as libpq reads it
 */
char *
sc_pg_conninfo_with_password (const char *conninfo,
                              const char *password)
{
  GString *s = g_string_new (conninfo);

  append_setting (s, "password", password);
  return g_string_free (s, FALSE);
}

void
sc_pg_preview_free (ScPgPreview *preview)
{
  if (preview == NULL)
    return;
  g_strfreev (preview->columns);
  g_free (preview->roles);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_free (preview);
}

#if !HAVE_LIBPQ

gboolean
sc_pg_connection_parse (const char      *conninfo,
                        ScPgConnection  *connection,
                        GError         **error)
{
  memset (connection, 0, sizeof *connection);
  _sc_pg_set_unavailable (error);
  return FALSE;
}

GStrv
sc_pg_list_relations (const char    *conninfo,
                      GCancellable  *cancellable,
                      GError       **error)
{
  _sc_pg_set_unavailable (error);
  return NULL;
}

ScPgPreview *
sc_pg_preview (const char    *conninfo,
               const char    *table,
               const char    *query,
               ScTableKind    kind,
               guint          max_rows,
               GCancellable  *cancellable,
               GError       **error)
{
  _sc_pg_set_unavailable (error);
  return NULL;
}

#else /* HAVE_LIBPQ */

/**
 * sc_pg_connection_parse:
 * @conninfo: a libpq connection string or URI
 * @connection: (out caller-allocates): its host, port, database, user and SSL mode
 *
 * Returns: whether @conninfo could be read; else @error says why
 */
gboolean
sc_pg_connection_parse (const char      *conninfo,
                        ScPgConnection  *connection,
                        GError         **error)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &message);

  memset (connection, 0, sizeof *connection);
  if (options == NULL)
    {
      g_autofree char *line = message != NULL ? _sc_pg_first_line (message) : NULL;

      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The connection settings cannot be read: %s"),
                   line != NULL ? line : _("out of memory"));
      PQfreemem (message);
      return FALSE;
    }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      char **field = NULL;

      if (o->val == NULL || o->val[0] == '\0')
        continue;
      if (g_str_equal (o->keyword, "host"))
        field = &connection->host;
      else if (g_str_equal (o->keyword, "port"))
        field = &connection->port;
      else if (g_str_equal (o->keyword, "dbname"))
        field = &connection->dbname;
      else if (g_str_equal (o->keyword, "user"))
        field = &connection->user;
      else if (g_str_equal (o->keyword, "sslmode"))
        field = &connection->sslmode;
      if (field != NULL)
        *field = g_strdup (o->val);
    }
  PQconninfoFree (options);
  return TRUE;
}

/* Tables, views, materialized views, partitioned and foreign tables outside the system
 * schemas on which the role holds SELECT; "schema.name" but for the search path's first. */
static const char RELATIONS_SQL[] =
  "SELECT CASE WHEN n.nspname = current_schema() THEN c.relname "
  "            ELSE n.nspname || '.' || c.relname END "
  "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
  "WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') "
  "  AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
  "  AND n.nspname NOT LIKE 'pg\\_%' "
  "  AND pg_catalog.has_table_privilege(c.oid, 'SELECT') "
  "ORDER BY n.nspname <> current_schema(), 1";

/**
 * sc_pg_list_relations:
 * @conninfo: a libpq connection string, with the password when one is needed
 *
 * Returns: (transfer full) (nullable): the tables and views the role can read, or %NULL
 *   with @error set (wrong password, unreachable server, …)
 */
GStrv
sc_pg_list_relations (const char    *conninfo,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(PGconn) conn = _sc_pg_session_open (conninfo, cancellable, error);
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  if (conn == NULL)
    return NULL;
  res = _sc_pg_run (conn, RELATIONS_SQL, 0, NULL, PGRES_TUPLES_OK, cancellable, error);
  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    g_strv_builder_add (names, PQgetvalue (res, i, 0));
  return g_strv_builder_end (names);
}

/* Only the roles an import from PostgreSQL reads (sc-pg-source.c) are proposed. */
static ScColumnRole
usable_role (ScColumnRole role,
             ScTableKind  kind)
{
  switch (role)
    {
    case SC_ROLE_CUSTOMER:
    case SC_ROLE_CONSENT:
      return role;
    case SC_ROLE_ORDER:
    case SC_ROLE_DATE:
    case SC_ROLE_AMOUNT:
    case SC_ROLE_QUANTITY:
    case SC_ROLE_PRICE:
      return kind == SC_TABLE_TRANSACTIONS ? role : SC_ROLE_IGNORE;
    default:
      return SC_ROLE_IGNORE;
    }
}

/**
 * sc_pg_preview:
 * @table: (nullable): a table or view, optionally `schema.name`
 * @query: (nullable): a read-only query, when @table is %NULL
 * @kind: orders or a customer list, for the roles proposed
 * @max_rows: how many rows to read at most
 *
 * Returns: (transfer full) (nullable): the columns, their detected roles and the first
 *   rows, or %NULL with @error set (a missing table, a query that fails, no SELECT rights…)
 */
ScPgPreview *
sc_pg_preview (const char    *conninfo,
               const char    *table,
               const char    *query,
               ScTableKind    kind,
               guint          max_rows,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT * FROM ");
  g_autofree char *limit = g_strdup_printf ("%u", max_rows);
  const char *params[1] = { limit };
  g_autoptr(ScPgPreview) preview = g_new0 (ScPgPreview, 1);
  g_autofree ScColumnGuess *guesses = NULL;
  int n_columns, n_rows;

  g_return_val_if_fail ((table == NULL) != (query == NULL), NULL);

  conn = _sc_pg_session_open (conninfo, cancellable, error);
  if (conn == NULL || !_sc_pg_append_from (conn, sql, table, query, error))
    return NULL;
  g_string_append (sql, " LIMIT $1::bigint");
  res = _sc_pg_run (conn, sql->str, 1, params, PGRES_TUPLES_OK, cancellable, error);
  if (res == NULL)
    return NULL;

  n_columns = PQnfields (res);
  n_rows = PQntuples (res);
  preview->columns = g_new0 (char *, n_columns + 1);
  for (int c = 0; c < n_columns; c++)
    preview->columns[c] = g_strdup (PQfname (res, c));
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (int r = 0; r < n_rows; r++)
    {
      char **row = g_new0 (char *, n_columns + 1);

      for (int c = 0; c < n_columns; c++)
        row[c] = g_strdup (PQgetisnull (res, r, c) ? "" : PQgetvalue (res, r, c));
      g_ptr_array_add (preview->rows, row);
    }

  guesses = g_new0 (ScColumnGuess, MAX (n_columns, 1));
  sc_detect_columns (kind, (guint) n_columns, (const char * const *) preview->columns,
                     (guint) n_rows, (const char * const * const *) preview->rows->pdata, '.',
                     guesses);
  preview->roles = g_new0 (ScColumnRole, MAX (n_columns, 1));
  for (int c = 0; c < n_columns; c++)
    preview->roles[c] = usable_role (guesses[c].role, kind);
  return g_steal_pointer (&preview);
}

#endif /* HAVE_LIBPQ */

/* {{{ Async */

typedef struct
{
  char        *conninfo;
  char        *table;
  char        *query;
  ScTableKind  kind;
  guint        max_rows;
} BrowseData;

static void
browse_data_free (BrowseData *data)
{
  g_free (data->conninfo);
  g_free (data->table);
  g_free (data->query);
  g_free (data);
}

/* Run by the core's workers, which the application cancels and waits for as it quits
 * (sc_job_cancel_all()), so that no connection is left open past the exit. */
static GTask *
browse_task_new (gpointer             source_tag,
                 const char          *conninfo,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = sc_job_task_new (NULL, cancellable, callback, user_data);
  BrowseData *data = g_new0 (BrowseData, 1);

  g_task_set_source_tag (task, source_tag);
  data->conninfo = g_strdup (conninfo);
  g_task_set_task_data (task, data, (GDestroyNotify) browse_data_free);
  return task;
}

/* Hands a worker's answer to the task: @result, or @error when it is %NULL. */
static void
browse_return (GTask          *task,
               gpointer        result,
               GDestroyNotify  result_free,
               GError         *error)
{
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, result_free);
}

static gpointer
browse_finish (GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BrowseData *data = task_data;
  GError *error = NULL;
  GStrv names = sc_pg_list_relations (data->conninfo, cancellable, &error);

  browse_return (task, names, (GDestroyNotify) g_strfreev, error);
}

void
sc_pg_list_relations_async (const char          *conninfo,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = browse_task_new (sc_pg_list_relations_async, conninfo, cancellable,
                                           callback, user_data);

  sc_job_run_in_thread (task, list_thread);
}

GStrv
sc_pg_list_relations_finish (GAsyncResult  *result,
                             GError       **error)
{
  return browse_finish (result, sc_pg_list_relations_async, error);
}

static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  BrowseData *data = task_data;
  GError *error = NULL;
  ScPgPreview *preview = sc_pg_preview (data->conninfo, data->table, data->query, data->kind,
                                        data->max_rows, cancellable, &error);

  browse_return (task, preview, (GDestroyNotify) sc_pg_preview_free, error);
}

void
sc_pg_preview_async (const char          *conninfo,
                     const char          *table,
                     const char          *query,
                     ScTableKind          kind,
                     guint                max_rows,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = browse_task_new (sc_pg_preview_async, conninfo, cancellable,
                                           callback, user_data);
  BrowseData *data = g_task_get_task_data (task);

  data->table = g_strdup (table);
  data->query = g_strdup (query);
  data->kind = kind;
  data->max_rows = max_rows;
  sc_job_run_in_thread (task, preview_thread);
}

ScPgPreview *
sc_pg_preview_finish (GAsyncResult  *result,
                      GError       **error)
{
  return browse_finish (result, sc_pg_preview_async, error);
}

/* }}} */
