/* cli-rules.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Rule segments from a terminal (issue 18): rules add (checked against the data, printing
 * how many customers the rule matches), rules list (first-match order, with counts) and
 * rules delete. */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-project-overlay.h"

static int
rules_add (int    argc,
           char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  guint64 matching = 0;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The rule segment’s name"), "NAME" },
    { "where", 0, 0, G_OPTION_ARG_STRING, &where, N_("The condition, such as “employees >= 1000 and region = \"North\"”"), "EXPR" },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv, _("PROJECT — add a rule segment (first match wins)"),
                           entries, _("rules add takes one PROJECT file")))
    return EXIT_USAGE;
  if (name == NULL || where == NULL)
    return usage_error (_("rules add needs --name NAME and --where EXPR"));
  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL || sc_project_add_rule (project, name, where, &matching, &error) == 0)
    return report_error (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Added rule “%s”: it matches %" PRIu64 " customer.\n",
                        "Added rule “%s”: it matches %" PRIu64 " customers.\n", matching),
           name, matching);
  return EXIT_SUCCESS;
}

static int
rules_list (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  if (!parse_project_json_args (&argc, &argv, _("PROJECT — list the rule segments in order"),
                                N_("Print JSON"), _("rules list takes one PROJECT file"), &json))
    return EXIT_USAGE;
  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL || (rules = sc_project_list_rules (project, &error)) == NULL)
    return report_error (error);
  if (json)
    {
      GString *out = g_string_new ("{\"rules\": [");

      for (guint i = 0; i < rules->len; i++)
        {
          const ScRuleInfo *r = g_ptr_array_index (rules, i);
          g_autofree char *n = json_escape (r->name);
          g_autofree char *e = json_escape (r->expression);

          g_string_append_printf (out, "%s{\"position\": %u, \"name\": %s, \"where\": %s, "
                                  "\"matching\": %" PRIu64 ", \"customers\": %" PRIu64 "}",
                                  i > 0 ? ", " : "", i + 1, n, e, r->matching, r->assigned);
        }
      g_print ("%s]}\n", out->str);
      g_string_free (out, TRUE);
      return EXIT_SUCCESS;
    }
  if (rules->len == 0)
    g_print ("%s\n", _("No rules yet: add one with segments-cli rules add PROJECT --name NAME "
                       "--where EXPR."));
  for (guint i = 0; i < rules->len; i++)
    {
      const ScRuleInfo *r = g_ptr_array_index (rules, i);
      g_autofree char *n = terminal_text (r->name, FALSE);
      g_autofree char *e = terminal_text (r->expression, FALSE);

      /* Translators: position, name, condition, customers it gets (first match), customers
       * it matches */
      g_print (_("%u. %s: %s — %" PRIu64 " customers (%" PRIu64 " match)\n"), i + 1, n, e,
               r->assigned, r->matching);
    }
  return EXIT_SUCCESS;
}

static int
rules_delete (int    argc,
              char **argv)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The rule to delete"), "NAME" },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv, _("PROJECT — delete a rule segment"), entries,
                           _("rules delete takes one PROJECT file")))
    return EXIT_USAGE;
  if (name == NULL)
    return usage_error (_("rules delete needs --name NAME"));
  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL || !sc_project_delete_rule (project, name, &error))
    return report_error (error);
  g_print (_("Deleted rule “%s”.\n"), name);
  return EXIT_SUCCESS;
}

int
cmd_rules (int    argc,
           char **argv)
{
  g_autofree char *prog = NULL;

  if (argc < 2)
    return usage_error (_("rules needs add, list or delete"));
  prog = g_strdup_printf ("segments-cli rules %s", argv[1]);
  g_set_prgname (prog);
  if (g_str_equal (argv[1], "add"))
    return rules_add (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return rules_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "delete"))
    return rules_delete (argc - 1, argv + 1);
  return usage_error (_("unknown rules command “%s”: use add, list or delete"), argv[1]);
}
