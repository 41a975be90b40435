/* sc-pg-conn.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Talking to PostgreSQL without ever hanging (issue 22): the connection is made without
 * blocking, with a deadline; every statement runs under statement_timeout in a READ ONLY
 * transaction; TCP keepalives notice a dead peer; and every wait polls the socket in short
 * slices, so that a cancel sends PQcancel() to the server and returns at once.  Errors are
 * turned into messages that say what to do. */

#include "config.h"

#if HAVE_LIBPQ

#include <glib/gi18n-lib.h>
#include <poll.h>
#include <string.h>

#include "sc-pg-conn-private.h"

#define CONNECT_SECONDS 15
#define POLL_MS 100
#define DEFAULT_STATEMENT_TIMEOUT "30min"

/* The first line of libpq's message, without the "ERROR:  " prefix. */
char *
_sc_pg_first_line (const char *message)
{
  g_autofree char *copy = g_strdup (message != NULL ? message : "");
  char *nl;
  char *s = copy;

  if (g_str_has_prefix (s, "ERROR:  "))
    s += 8;
  if (g_str_has_prefix (s, "FATAL:  "))
    s += 8;
  nl = strchr (s, '\n');
  if (nl != NULL)
    *nl = '\0';
  return g_strdup (g_strstrip (s));
}

static void
set_connect_error (PGconn   *conn,
                   GError  **error)
{
  const char *msg = PQerrorMessage (conn);
  g_autofree char *line = _sc_pg_first_line (msg);

  if (strstr (msg, "password authentication failed") != NULL ||
      strstr (msg, "no password supplied") != NULL ||
      strstr (msg, "authentication failed") != NULL)
    /* Said for a desktop user as much as for a script: where a password comes from is the
     * caller's to add (sc_pg_error_is_login()). */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                 _("The database server refused the user name or password (%s). Check "
                   "them."), line);
  else if (strstr (msg, "database") != NULL && strstr (msg, "does not exist") != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The database server has no such database (%s). Check the database name."),
                 line);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE,
                 _("The database server cannot be reached (%s). Check the host and port, and "
                   "that the server is running."), line);
}

/* Waits until the socket is ready for @events, a slice at a time: FALSE when cancelled
 * (the error is set) or past @deadline (0: none). */
static gboolean
wait_socket (PGconn        *conn,
             short          events,
             gint64         deadline,
             GCancellable  *cancellable,
             GError       **error)
{
  struct pollfd p = { .fd = PQsocket (conn), .events = events };

  for (;;)
    {
      int rc;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (deadline > 0 && g_get_monotonic_time () > deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       _("The database server cannot be reached (no answer in %d seconds). "
                         "Check the host and port, and that the server is running."),
                       CONNECT_SECONDS);
          return FALSE;
        }
      if (p.fd < 0)
        return TRUE;
      rc = poll (&p, 1, POLL_MS);
      if (rc != 0)
        return TRUE;
    }
}

static PGconn *
pg_connect (const char    *conninfo,
            GCancellable  *cancellable,
            GError       **error)
{
  /* Defaults first: the expanded connection string (dbname) overrides them. */
  static const char * const keywords[] = {
    "fallback_application_name", "keepalives_idle", "keepalives_interval", "keepalives_count",
    "dbname", NULL
  };
  const char *values[] = { "segments", "30", "10", "3", conninfo, NULL };
  g_autoptr(PGconn) conn = PQconnectStartParams (keywords, values, TRUE);
  gint64 deadline = g_get_monotonic_time () + CONNECT_SECONDS * G_USEC_PER_SEC;
  PostgresPollingStatusType st = PGRES_POLLING_WRITING;

  if (conn == NULL || PQstatus (conn) == CONNECTION_BAD)
    {
      if (conn != NULL && strstr (PQerrorMessage (conn), "invalid") != NULL)
        {
          g_autofree char *line = _sc_pg_first_line (PQerrorMessage (conn));
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("The database connection settings cannot be read: %s"), line);
        }
      else if (conn != NULL)
        set_connect_error (conn, error);
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Out of memory."));
      return NULL;
    }

  while (st != PGRES_POLLING_OK)
    {
      if (st == PGRES_POLLING_FAILED)
        {
          set_connect_error (conn, error);
          return NULL;
        }
      if (!wait_socket (conn, st == PGRES_POLLING_READING ? POLLIN : POLLOUT, deadline,
                        cancellable, error))
        return NULL;
      st = PQconnectPoll (conn);
    }
  return g_steal_pointer (&conn);
}

static void
send_cancel (PGconn *conn)
{
  PGcancel *cancel = PQgetCancel (conn);
  char buf[256];

  if (cancel != NULL)
    {
      PQcancel (cancel, buf, sizeof buf);
      PQfreeCancel (cancel);
    }
}

static void
set_lost_error (PGconn  *conn,
                GError **error)
{
  g_autofree char *line = _sc_pg_first_line (PQerrorMessage (conn));

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
               _("The connection to the database server was lost while reading (%s). Nothing "
                 "was changed; try again."), line);
}

/* An error of a statement, for people: the server's message with what to do about it. */
static void
set_result_error (PGconn         *conn,
                  const PGresult *res,
                  GError        **error)
{
  const char *state = res != NULL ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  g_autofree char *line = _sc_pg_first_line (res != NULL ? PQresultErrorMessage (res)
                                                  : PQerrorMessage (conn));

  if (PQstatus (conn) == CONNECTION_BAD || (state != NULL && (g_str_has_prefix (state, "08") ||
                                                               g_str_equal (state, "57P01"))))
    set_lost_error (conn, error);
  else if (state != NULL && g_str_equal (state, "42501"))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 _("The database user may not read this data (%s). Ask for SELECT rights on "
                   "it, or connect as another user."), line);
  else if (state != NULL && g_str_equal (state, "42P01"))
    g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                 _("The table or view does not exist (%s). Check its name and schema."), line);
  else if (state != NULL && g_str_equal (state, "57014"))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                 _("The database server stopped the query (%s). It took longer than the "
                   "statement timeout, or was cancelled."), line);
  else if (state != NULL && g_str_equal (state, "25006"))
    g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                 _("The query tries to change data (%s); Segments only reads. Give a SELECT "
                   "query."), line);
  else
    g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                 _("The database server could not run the query: %s"), line);
}

/* Waits for the next result without blocking on the socket; on cancel, asks the server to
 * stop and drains what is left. */
static PGresult *
next_result (PGconn        *conn,
             GCancellable  *cancellable,
             GError       **error)
{
  while (PQisBusy (conn))
    {
      if (!wait_socket (conn, POLLIN, 0, cancellable, error))
        {
          send_cancel (conn);
          return NULL;
        }
      if (!PQconsumeInput (conn))
        {
          set_lost_error (conn, error);
          return NULL;
        }
    }
  return PQgetResult (conn);
}

/* Runs one statement (with text parameters) and returns its only result when its status is
 * @expected; else NULL with @error set. */
PGresult *
_sc_pg_run (PGconn         *conn,
     const char     *sql,
     int             n_params,
     const char    **params,
     ExecStatusType  expected,
     GCancellable   *cancellable,
     GError        **error)
{
  g_autoptr(PGresult) res = NULL;
  PGresult *extra;

  if (!PQsendQueryParams (conn, sql, n_params, NULL, params, NULL, NULL, 0))
    {
      set_lost_error (conn, error);
      return NULL;
    }
  res = next_result (conn, cancellable, error);
  if (res == NULL)
    {
      if (error != NULL && *error == NULL)
        set_lost_error (conn, error);
      return NULL;
    }
  if (PQresultStatus (res) != expected && expected != PGRES_COPY_OUT)
    {
      set_result_error (conn, res, error);
      while ((extra = PQgetResult (conn)) != NULL)
        PQclear (extra);
      return NULL;
    }
  if (expected == PGRES_COPY_OUT)
    {
      if (PQresultStatus (res) != PGRES_COPY_OUT)
        {
          set_result_error (conn, res, error);
          while ((extra = PQgetResult (conn)) != NULL)
            PQclear (extra);
          return NULL;
        }
      return g_steal_pointer (&res);
    }
  while ((extra = next_result (conn, cancellable, NULL)) != NULL)
    PQclear (extra);
  return g_steal_pointer (&res);
}

gboolean
_sc_pg_exec (PGconn        *conn,
      const char    *sql,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(PGresult) res = _sc_pg_run (conn, sql, 0, NULL, PGRES_COMMAND_OK, cancellable, error);

  return res != NULL;
}


gboolean
_sc_pg_copy_out (PGconn        *conn,
          const char    *sql,
          ScPgCopyFunc   func,
          gpointer       user_data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(PGresult) res = _sc_pg_run (conn, sql, 0, NULL, PGRES_COPY_OUT, cancellable, error);
  g_autoptr(PGresult) end = NULL;

  if (res == NULL)
    return FALSE;
  for (;;)
    {
      char *buf = NULL;
      int n = PQgetCopyData (conn, &buf, TRUE);

      if (n > 0)
        {
          gboolean ok = func (buf, n, user_data, error);

          PQfreemem (buf);
          if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              send_cancel (conn);
              return FALSE;
            }
          continue;
        }
      if (n == 0)
        {
          if (!wait_socket (conn, POLLIN, 0, cancellable, error))
            {
              send_cancel (conn);
              return FALSE;
            }
          if (!PQconsumeInput (conn))
            {
              set_lost_error (conn, error);
              return FALSE;
            }
          continue;
        }
      break;
    }
  end = next_result (conn, cancellable, error);
  if (end == NULL)
    {
      if (error != NULL && *error == NULL)
        set_lost_error (conn, error);
      return FALSE;
    }
  if (PQresultStatus (end) != PGRES_COMMAND_OK)
    {
      set_result_error (conn, end, error);
      return FALSE;
    }
  return TRUE;
}

/* Connects and opens the read-only transaction every pull runs in; with @snapshot (what
 * pg_export_snapshot() returned in another session) it sees exactly that session's data. */
PGconn *
_sc_pg_session_join (const char    *conninfo,
                     const char    *snapshot,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(PGconn) conn = pg_connect (conninfo, cancellable, error);
  g_autoptr(PGresult) res = NULL;
  const char *timeout = g_getenv ("SEGMENTS_PG_STATEMENT_TIMEOUT");
  const char *params[1] = { timeout != NULL ? timeout : DEFAULT_STATEMENT_TIMEOUT };

  if (conn == NULL ||
      !_sc_pg_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", cancellable, error))
    return NULL;
  if (snapshot != NULL)
    {
      /* The statement takes no parameters; the id is the server's own text, quoted. */
      char *lit = PQescapeLiteral (conn, snapshot, strlen (snapshot));
      g_autofree char *sql = NULL;

      if (lit == NULL)
        {
          set_lost_error (conn, error);
          return NULL;
        }
      sql = g_strdup_printf ("SET TRANSACTION SNAPSHOT %s", lit);
      PQfreemem (lit);
      if (!_sc_pg_exec (conn, sql, cancellable, error))
        return NULL;
    }
  res = _sc_pg_run (conn, "SELECT set_config('statement_timeout', $1, true)", 1, params,
             PGRES_TUPLES_OK, cancellable, error);
  if (res == NULL)
    return NULL;
  return g_steal_pointer (&conn);
}

PGconn *
_sc_pg_session_open (const char    *conninfo,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return _sc_pg_session_join (conninfo, NULL, cancellable, error);
}

/* }}} */

#endif /* HAVE_LIBPQ */
