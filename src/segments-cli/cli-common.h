/* cli-common.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-project.h"

G_BEGIN_DECLS

/* Shared by the commands of segments-cli: each command group lives in a file of its own
 * (cli-import.c, cli-segment.c, …) and is listed in the command table of segments-cli.c.
 * Commands reach the project only through ScProject (and the render layer's project entry
 * points); none opens the store. */

#define EXIT_USAGE 2
#define EXIT_CANCELLED 130

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;   /* cancelled by Ctrl+C */
  ScJob        *job;           /* progress of the running command, drawn on a terminal */
  gboolean      show_progress;
  GMutex        mutex;
  char         *last_message;
  int           last_percent;
} Cli;

extern Cli cli;

typedef gpointer (*WorkFunc) (gpointer data, GError **error);

/* Sets up cli for one command, and tears it down. */
void     cli_init        (void);
void     cli_clear       (void);
/* Prints "segments-cli: message" and a hint; returns EXIT_USAGE. */
int      usage_error     (const char *fmt,
                          ...) G_GNUC_PRINTF (1, 2);
/* Parses a command's options (@entries may be NULL) and checks that one PROJECT is left in
 * argv[1]; otherwise prints the usage error (@one_project_error for a wrong count) and
 * returns FALSE: the command then exits with EXIT_USAGE. */
gboolean parse_project_args (int                 *argc,
                             char              ***argv,
                             const char          *parameter_string,
                             const GOptionEntry  *entries,
                             const char          *one_project_error);
/* parse_project_args() for a command whose one option is --json, described by @json_help
 * (marked with N_(): the options are translated when the help is shown). */
gboolean parse_project_json_args (int          *argc,
                                  char       ***argv,
                                  const char   *parameter_string,
                                  const char   *json_help,
                                  const char   *one_project_error,
                                  gboolean     *json);
/* @s with control characters written as \xNN, for a terminal (files keep the raw text). */
char    *terminal_text   (const char *s,
                          gboolean    keep_newlines);
/* Prints the error for people; returns EXIT_FAILURE, or EXIT_CANCELLED for a cancel. */
int      report_error    (const GError *error);
/* An ScProgressFunc drawing a progress line on a terminal's stderr. */
void     progress_cb     (double      fraction,
                          const char *message,
                          gpointer    user_data);
/* Runs func in a thread while the main loop routes Ctrl+C to cli.cancellable and draws the
 * progress of cli.job. */
gpointer run_cancellable (WorkFunc   func,
                          gpointer   data,
                          GError   **error);
/* A JSON string (NULL as ""), and a number with 17 significant digits (null when not
 * finite). */
char    *json_escape     (const char *s);
char    *json_number     (double      v);
/* run_cancellable() for an import: opens the project at @path into *@project (creating it
 * when there is none) for @func to write into, and closes it after; a project created for
 * an import that fails is deleted again.  Unless @keep_open, *@project is closed again
 * (NULL) before @func runs: @func imports by path. */
gpointer run_import      (const char  *path,
                          ScProject  **project,
                          gboolean     keep_open,
                          WorkFunc     func,
                          gpointer     data,
                          GError     **error);
/* What an import did, for people. */
void     print_import_report (const ScImportReport *report);
/* A --map ROLE=COLUMN: sets map[ROLE] to COLUMN; FALSE when @arg is not of that shape or
 * ROLE is not in @roles, a mask of 1 << ScColumnRole. */
gboolean parse_role_map  (const char  *arg,
                          guint        roles,
                          char       **map);
gboolean parse_uint      (const char *s,
                          guint64     max,
                          guint64    *out);
/* The project at path when it has segments, else NULL with an error for people. */
ScProject *open_segmented_project (const char  *path,
                                   GError     **error);
/* A snapshot id; NULL is 0, "no id given". */
gboolean parse_id        (const char *s,
                          gint64     *id);

/* What scoring did (cli-drift.c); assign and refresh print it. */
void     print_score     (const ScScoreResult *score,
                          const char          *path);
/* The current segments as a table (cli-show.c); segment prints them too. */
void     print_run       (const ScRun *run,
                          const char  *currency);
/* A segment's plan as one JSON object, "null" without plans (cli-edit.c); show --json
 * prints it too. */
void     append_plan_json (GString       *out,
                           const ScPlans *plans,
                           guint          position);
/* The k tried and why the run has its k (cli-validate.c); segment prints it too. */
void     print_k_choice  (const ScRun *run);

G_END_DECLS
