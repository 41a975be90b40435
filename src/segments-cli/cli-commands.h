/* cli-commands.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The commands of segments-cli, for the command table in segments-cli.c. */

int cmd_import    (int argc, char **argv);   /* cli-import.c */
int cmd_problems  (int argc, char **argv);
int cmd_segment   (int argc, char **argv);   /* cli-segment.c */
int cmd_clv       (int argc, char **argv);   /* cli-value.c */
int cmd_rfm       (int argc, char **argv);
int cmd_show      (int argc, char **argv);   /* cli-show.c */
int cmd_export    (int argc, char **argv);   /* cli-export.c */
int cmd_chart     (int argc, char **argv);
int cmd_report    (int argc, char **argv);   /* cli-report.c */
int cmd_snapshot  (int argc, char **argv);   /* cli-snapshot.c */
int cmd_snapshots (int argc, char **argv);
int cmd_drift     (int argc, char **argv);   /* cli-drift.c */
int cmd_assign    (int argc, char **argv);
int cmd_validate  (int argc, char **argv);   /* cli-validate.c */
int cmd_hypothesis (int argc, char **argv);  /* cli-hypothesis.c */
int cmd_brief     (int argc, char **argv);   /* cli-brief.c */
int cmd_edit      (int argc, char **argv);   /* cli-edit.c */
int cmd_plan      (int argc, char **argv);
int cmd_playbooks (int argc, char **argv);   /* cli-playbooks.c */
int cmd_profit    (int argc, char **argv);   /* cli-profit.c */
int cmd_rules     (int argc, char **argv);   /* cli-rules.c */
int cmd_overlay   (int argc, char **argv);   /* cli-overlay.c */
int cmd_audit     (int argc, char **argv);   /* cli-audit.c */
int cmd_import_pg (int argc, char **argv);   /* cli-pg.c */
int cmd_refresh   (int argc, char **argv);
gboolean cli_import_wants_pg (int argc, char **argv);

G_END_DECLS
