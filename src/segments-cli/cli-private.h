/* cli-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Shared by the commands of segments-cli: each command lives in its own file and is listed
 * in the command table of segments-cli.c. */

#define EXIT_USAGE 2
#define EXIT_CANCELLED 130

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;   /* cancelled by Ctrl+C */
  gboolean      show_progress;
  GMutex        mutex;
  char         *last_message;
  int           last_percent;
} Cli;

extern Cli cli;

typedef gpointer (*WorkFunc) (gpointer data, GError **error);

/* Prints "segments-cli: message" and a hint; returns EXIT_USAGE. */
int      usage_error     (const char *fmt,
                          ...) G_GNUC_PRINTF (1, 2);
/* Prints the error for people; returns EXIT_FAILURE, or EXIT_CANCELLED for a cancel. */
int      report_error    (const GError *error);
/* An ScProgressFunc drawing a progress line on a terminal's stderr. */
void     progress_cb     (double      fraction,
                          const char *message,
                          gpointer    user_data);
/* Runs func in a thread while the main loop routes Ctrl+C to cli.cancellable. */
gpointer run_cancellable (WorkFunc   func,
                          gpointer   data,
                          GError   **error);
char    *json_escape     (const char *s);
char    *json_number     (double      v);
gboolean parse_uint      (const char *s,
                          guint64     max,
                          guint64    *out);

/* Presenting and handing over (cli-report.c). */
extern int cmd_export    (int argc, char **argv);
extern int cmd_report    (int argc, char **argv);
extern int cmd_chart     (int argc, char **argv);

/* Keeping segments alive (cli-drift.c). */
extern int cmd_snapshot  (int argc, char **argv);
extern int cmd_snapshots (int argc, char **argv);
extern int cmd_drift     (int argc, char **argv);
extern int cmd_assign    (int argc, char **argv);
/* After a re-run: which segments kept the previous names and plans, which did not. */
void     print_carry_over (const char *path,
                           gint64      run);

G_END_DECLS
