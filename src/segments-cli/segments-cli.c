/* segments-cli.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The same pipeline as the app, from a terminal. Each command runs its work in a thread
 * while the main loop waits, so Ctrl+C (through g_unix_signal_add) cancels it cleanly: the
 * project is left exactly as it was.
 *
 * This file holds only main and the command table; the commands live in cli-*.c.
 *
 * Exit codes: 0 success, 1 bad input or a failed operation, 2 usage error, 130 cancelled. */


#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "cli-commands.h"
#include "cli-common.h"


static const struct
{
  const char *name;
  int       (*func) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "import", cmd_import, N_("Import orders (and a customer list) into a project") },
  { "brief", cmd_brief, N_("Show or set the project brief: objective, KPIs, stakeholders, scope") },
  { "segment", cmd_segment, N_("Segment the customers of a project") },
  { "validate", cmd_validate, N_("Check the segments: choice of k, stability, look-alikes") },
  { "hypothesis", cmd_hypothesis, N_("State hypotheses about customers and test them: add, list, test, remove") },
  { "clv", cmd_clv, N_("Fit customer value models: P(alive), expected value, potential") },
  { "show", cmd_show, N_("Show the data and the current segments") },
  { "edit", cmd_edit, N_("Set a segment’s name, description, plan, owner or priority") },
  { "plan", cmd_plan, N_("Show each segment’s plan, set or suggested, and the decisions needed") },
  { "rfm", cmd_rfm, N_("Show or set the RFM score thresholds") },
  { "export", cmd_export, N_("Export each customer’s segment (CSV) and the segment definitions") },
  { "report", cmd_report, N_("Write the segments report or slides as a PDF") },
  { "playbooks", cmd_playbooks, N_("Write one playbook per segment for sales and support teams (HTML or PDF)") },
  { "chart", cmd_chart, N_("Draw a chart of the segments as PNG, SVG or PDF") },
  { "problems", cmd_problems, N_("List the rows an import rejected or flagged") },
  { "snapshot", cmd_snapshot, N_("Freeze the current segments as a snapshot") },
  { "snapshots", cmd_snapshots, N_("List the snapshots, or delete one") },
  { "drift", cmd_drift, N_("Show what changed between two snapshots: drift and migration") },
  { "assign", cmd_assign, N_("Assign customers, new ones included, to the current segments") },
  { "profit", cmd_profit, N_("Show gross profit per customer and segment; set the margin or the value basis") },
  { "rules", cmd_rules, N_("Define rule segments on attributes and features: add, list, delete") },
  { "overlay", cmd_overlay, N_("Cross the segments with an attribute or the rule segments") },
  { "audit", cmd_audit, N_("Check the data: missing values, duplicates, unmatched ids, consent") },
  { "refresh", cmd_refresh, N_("Read the current figures from the database, assign customers and show the drift") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: segments-cli COMMAND PROJECT [OPTION…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "%s", _("\nRun “segments-cli COMMAND --help” for the options of a command.\n"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  /* SEGMENTS_LOCALEDIR: the translations of an uninstalled build (the build's po folder). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SEGMENTS_LOCALEDIR") != NULL
                                   ? g_getenv ("SEGMENTS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("segments-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[1], commands[i].name))
        continue;

      cli_init ();

      /* The command sees itself as argv[0], so GOptionContext prints its usage. */
      {
        g_autofree char *prog = g_strdup_printf ("segments-cli %s", argv[1]);
        g_set_prgname (prog);
      }
      status = commands[i].func (argc - 1, argv + 1);

      cli_clear ();
      return status;
    }

  return usage_error (_("unknown command “%s”"), argv[1]);
}

