/* sc-store-debug.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A test-only hook: the reliability suite (tests/test-reliability.py) kills a command at a
 * chosen SQLite statement to check that the project is then in the state before the command
 * or after it, never in between.
 *
 *   SEGMENTS_TEST_KILL_AT_STATEMENT=N      the process sends itself SIGKILL as the Nth SQLite
 *                                          statement of the process is about to run
 *   SEGMENTS_TEST_KILL_AT_STATEMENT=count  nothing is killed; each statement is printed to
 *                                          stderr as it starts ("segments-test: N SQL"), and
 *                                          the total at exit ("segments-test: statements N")
 *
 *   SEGMENTS_TEST_STOP_AT_STATEMENT=N      the process stops itself (SIGSTOP) as the Nth
 *                                          statement is about to run, holding whatever locks
 *                                          it holds until it is sent SIGCONT: what another
 *                                          process sees meanwhile (a first import's
 *                                          exclusive lock)
 *
 *   SEGMENTS_TEST_CACHE_PAGES=N            each connection keeps at most N pages in its cache
 *                                          (PRAGMA cache_size), so that a transaction writes
 *                                          pages into the project file before its commit and
 *                                          a kill finds them there (the first import of a new
 *                                          project, whose rollback journal must undo them)
 *
 * Statements are counted over every connection of the process with sqlite3_trace_v2()
 * (SQLITE_TRACE_STMT fires once each time a statement starts running, BEGIN and COMMIT
 * included), so for the same project and command the count is deterministic.  The variable
 * is read once; without it no trace callback is installed and nothing is counted. */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sc-store-private.h"

static gint64 kill_at;           /* 0: off; -1: count only */
static gint64 stop_at;           /* 0: off */
static volatile gint count;

static void
print_count (void)
{
  fprintf (stderr, "segments-test: statements %d\n", g_atomic_int_get (&count));
}

static int
on_statement (unsigned  type,
              void     *data,
              void     *stmt,
              void     *sql)
{
  gint n = g_atomic_int_add (&count, 1) + 1;

  if (kill_at < 0)
    {
      g_autofree char *line = g_strndup (sql, 60);

      g_strdelimit (line, "\n\r\t", ' ');
      fprintf (stderr, "segments-test: %d %s\n", n, line);
    }

  if (stop_at > 0 && n == stop_at)
    kill (getpid (), SIGSTOP);
  if (kill_at > 0 && n >= kill_at)
    {
      kill (getpid (), SIGKILL);
      _exit (137);
    }
  return 0;
}

static gpointer
read_setting (gpointer unused)
{
  const char *value = g_getenv ("SEGMENTS_TEST_KILL_AT_STATEMENT");
  const char *stop = g_getenv ("SEGMENTS_TEST_STOP_AT_STATEMENT");

  if (stop != NULL)
    stop_at = MAX (0, g_ascii_strtoll (stop, NULL, 10));
  if (value == NULL || *value == '\0')
    return NULL;
  if (g_str_equal (value, "count"))
    {
      kill_at = -1;
      atexit (print_count);
    }
  else
    kill_at = MAX (0, g_ascii_strtoll (value, NULL, 10));
  return NULL;
}

/* Called by sc_store_open() on every new connection. */
void
_sc_store_debug_attach (sqlite3 *db)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, read_setting, NULL);
  if (kill_at != 0 || stop_at != 0)
    sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, on_statement, NULL);
}

/* SEGMENTS_TEST_CACHE_PAGES, or 0 when it is not set. */
gint64
_sc_store_debug_cache_pages (void)
{
  static gsize done = 0;
  static gint64 pages;

  if (g_once_init_enter (&done))
    {
      const char *value = g_getenv ("SEGMENTS_TEST_CACHE_PAGES");

      pages = value != NULL ? MAX (0, g_ascii_strtoll (value, NULL, 10)) : 0;
      g_once_init_leave (&done, 1);
    }
  return pages;
}
