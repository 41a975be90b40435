/* cli-common.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the commands share: usage and error messages, the progress line, and
 * run_cancellable(), which runs a command's work in a thread while the main loop waits, so
 * Ctrl+C (through g_unix_signal_add) cancels it cleanly: the project is left exactly as it
 * was. */

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "cli-common.h"
#include "sc-export.h"

Cli cli;

int
usage_error (const char *fmt,
             ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_printerr ("segments-cli: %s\n", msg);
  g_printerr (_("Run “segments-cli --help” for usage.\n"));
  return EXIT_USAGE;
}

gboolean
parse_project_args (int                 *argc,
                    char              ***argv,
                    const char          *parameter_string,
                    const GOptionEntry  *entries,
                    const char          *one_project_error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error ("%s", error->message);
      return FALSE;
    }
  if (*argc != 2)
    {
      usage_error ("%s", one_project_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
parse_project_json_args (int          *argc,
                         char       ***argv,
                         const char   *parameter_string,
                         const char   *json_help,
                         const char   *one_project_error,
                         gboolean     *json)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, json_help, NULL },
    { NULL }
  };

  return parse_project_args (argc, argv, parameter_string, entries, one_project_error);
}

int
report_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr (_("Cancelled; the project is unchanged.\n"));
      return EXIT_CANCELLED;
    }
  {
    g_autofree char *message = terminal_text (error->message, TRUE);

    g_printerr ("segments-cli: %s\n", message);
  }
  return EXIT_FAILURE;
}

/* Text from a file may hold control characters; sent to a terminal as they are, an escape
 * sequence could retitle the window, hide lines or worse.  C0 and C1 controls and DEL are
 * written as \xNN (tabs stay; line breaks stay only when @keep_newlines), like bytes that
 * are not UTF-8. */
char *
terminal_text (const char *s,
               gboolean    keep_newlines)
{
  GString *out;
  const char *p, *end;

  if (s == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (s));
  end = s + strlen (s);
  for (p = s; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guint8) *p);
          p++;
          continue;
        }
      if ((c < 0x20 && c != '\t' && !(keep_newlines && c == '\n')) ||
          (c >= 0x7F && c < 0xA0))
        g_string_append_printf (out, "\\x%02X", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  int percent = (int) floor (fraction * 100);

  if (!cli.show_progress)
    return;
  g_mutex_lock (&cli.mutex);
  if (message != NULL && g_strcmp0 (message, cli.last_message) != 0)
    {
      g_free (cli.last_message);
      cli.last_message = g_strdup (message);
      cli.last_percent = -1;
    }
  if (percent != cli.last_percent)
    {
      cli.last_percent = percent;
      g_printerr ("\r\033[K%3d%% %s", percent, cli.last_message ? cli.last_message : "");
      if (percent >= 100)
        g_printerr ("\r\033[K");
    }
  g_mutex_unlock (&cli.mutex);
}


static void
on_job_notify (ScJob      *job,
               GParamSpec *pspec,
               gpointer    user_data)
{
  g_autofree char *message = sc_job_dup_message (job);

  progress_cb (sc_job_get_fraction (job), message, NULL);
}

void
cli_init (void)
{
  cli.loop = g_main_loop_new (NULL, FALSE);
  cli.cancellable = g_cancellable_new ();
  cli.show_progress = isatty (STDERR_FILENO);
  cli.last_percent = -1;
  g_mutex_init (&cli.mutex);
  cli.job = sc_job_new ();
  g_signal_connect (cli.job, "notify::fraction", G_CALLBACK (on_job_notify), NULL);
}

void
cli_clear (void)
{
  g_clear_object (&cli.job);
  g_clear_pointer (&cli.loop, g_main_loop_unref);
  g_clear_object (&cli.cancellable);
  g_clear_pointer (&cli.last_message, g_free);
}

static gboolean
on_sigint (gpointer user_data)
{
  g_cancellable_cancel (cli.cancellable);
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  WorkFunc  func;
  gpointer  data;
  gpointer  result;
  GError   *error;
} Work;

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (cli.loop);
  return G_SOURCE_REMOVE;
}

static gpointer
work_thread (gpointer user_data)
{
  Work *work = user_data;

  work->result = work->func (work->data, &work->error);
  g_idle_add (quit_loop, NULL);
  return NULL;
}

/* Runs func in a thread; the main loop handles Ctrl+C meanwhile. */
gpointer
run_cancellable (WorkFunc   func,
                 gpointer   data,
                 GError   **error)
{
  Work work = { func, data, NULL, NULL };
  GThread *thread;
  guint sigint;

  sigint = g_unix_signal_add (SIGINT, on_sigint, NULL);
  thread = g_thread_new ("segments-cli-work", work_thread, &work);
  g_main_loop_run (cli.loop);
  g_thread_join (thread);
  g_source_remove (sigint);
  /* The job notifies from an idle: draw its last progress. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  if (work.error != NULL)
    g_propagate_error (error, work.error);
  return work.result;
}


/* Opens the project in the main thread first: it checks the file is a project and says
 * so for people, and that it has segments. */
ScProject *
open_segmented_project (const char  *path,
                        GError     **error)
{
  g_autoptr(ScProject) project = sc_project_open (path, FALSE, error);

  if (project == NULL)
    return NULL;
  if (sc_project_get_run (project) == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("%s has no segments yet: run “segments-cli segment %s” first."), path,
                   path);
      return NULL;
    }
  return g_steal_pointer (&project);
}

gpointer
run_import (const char  *path,
            ScProject  **project,
            gboolean     keep_open,
            WorkFunc     func,
            gpointer     data,
            GError     **error)
{
  gboolean created = !g_file_test (path, G_FILE_TEST_EXISTS);
  gpointer result;

  *project = sc_project_open (path, TRUE, error);
  if (*project == NULL)
    return NULL;
  /* Opened for its checks (and to create it); an import that needs no project object runs
   * on the only connection to the file, which lets the first import of a new project write
   * its rows once (sc_project_import_path()). */
  if (!keep_open)
    g_clear_object (project);
  result = run_cancellable (func, data, error);
  g_clear_object (project);
  /* A project this command created for an import that failed holds nothing: leave no
   * empty file behind. */
  if (result == NULL && created)
    sc_project_delete_files (path, NULL);
  return result;
}

void
print_import_report (const ScImportReport *report)
{
  g_autofree char *text = sc_import_report_format (report);
  g_autofree char *shown = terminal_text (text, TRUE);

  g_print ("%s", shown);
}

gboolean
parse_role_map (const char  *arg,
                guint        roles,
                char       **map)
{
  const char *eq = strchr (arg, '=');
  g_autofree char *role_name = eq != NULL ? g_strndup (arg, eq - arg) : NULL;
  ScColumnRole role;

  G_STATIC_ASSERT (SC_N_ROLES <= 32);
  if (eq == NULL || eq[1] == '\0' || !sc_column_role_from_string (role_name, &role) ||
      (roles & (1u << role)) == 0)
    return FALSE;
  g_free (map[role]);
  map[role] = g_strdup (eq + 1);
  return TRUE;
}

gboolean
parse_uint (const char *s,
            guint64     max,
            guint64    *out)
{
  return g_ascii_string_to_unsigned (s, 10, 0, max, out, NULL);
}

gboolean
parse_id (const char *s,
          gint64     *id)
{
  guint64 v;

  if (s == NULL)
    {
      *id = 0;
      return TRUE;
    }
  if (!parse_uint (s, G_MAXINT64, &v) || v == 0)
    return FALSE;
  *id = (gint64) v;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */

char *
json_escape (const char *s)
{
  GString *out = g_string_new (NULL);

  sc_json_append_string (out, s != NULL ? s : "");
  return g_string_free (out, FALSE);
}

char *
json_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    return g_strdup ("null");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

