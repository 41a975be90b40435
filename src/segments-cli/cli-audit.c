/* cli-audit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* audit (issue 18): the data-quality audit, for people or as JSON. */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-format.h"
#include "sc-project-overlay.h"

static void
print_json (const ScAudit *a)
{
  GString *out = g_string_new ("{");
  g_autofree char *coverage = json_number (a->consent_coverage);
  g_autofree char *yes = json_number (a->consent_yes);
  g_autofree char *revenue = json_number (a->revenue);
  g_autofree char *unlisted = json_number (a->unlisted_revenue);
  g_autofree char *summary = json_escape (a->summary);

  g_string_append_printf (out, "\"customers\": %" PRIu64 ", \"listed_customers\": %" PRIu64
                          ", \"revenue\": %s, \"consent_coverage\": %s, \"consent_yes\": %s, "
                          "\"customers_without_orders\": %" PRIu64 ", "
                          "\"orders_without_listed_customer\": %" PRIu64 ", "
                          "\"unlisted_customers\": %" PRIu64 ", \"unlisted_revenue\": %s, "
                          "\"duplicate_ids\": %" PRIu64 ", \"duplicate_rows\": %" PRIu64 ", "
                          "\"duplicate_order_ids\": %" PRIu64 ", \"rejected_rows\": %" PRIu64 ", "
                          "\"conflicting_values\": %" PRIu64 ", \"interactions\": %s, "
                          "\"interaction_types\": {",
                          a->customers, a->listed, revenue, coverage, yes,
                          a->customers_without_orders, a->orders_without_listed_customer,
                          a->unlisted_customers, unlisted, a->duplicate_ids, a->duplicate_rows,
                          a->duplicate_order_ids, a->rejected_rows, a->conflicts,
                          a->interactions ? "true" : "false");
  for (guint i = 0; i < a->interaction_types->len; i++)
    {
      g_autofree char *t = json_escape (g_ptr_array_index (a->interaction_types, i));
      g_string_append_printf (out, "%s%s: %" PRIu64, i > 0 ? ", " : "", t,
                              g_array_index (a->interaction_counts, guint64, i));
    }
  g_string_append (out, "}, \"columns\": [");
  for (guint i = 0; i < a->columns->len; i++)
    {
      const ScAuditColumn *c = g_ptr_array_index (a->columns, i);
      g_autofree char *file = json_escape (c->file);
      g_autofree char *name = json_escape (c->name);
      g_autofree char *share = json_number (c->missing_share);
      g_autofree char *rev = json_number (c->revenue);

      g_string_append_printf (out, "%s{\"file\": %s, \"name\": %s, \"missing\": %" PRIu64 ", "
                              "\"missing_share\": %s, \"distinct\": %" PRIu64 ", "
                              "\"conflicts\": %" PRIu64 ", \"revenue\": %s}",
                              i > 0 ? ", " : "", file, name, c->missing, share, c->distinct,
                              c->conflicts, rev);
    }
  g_string_append (out, "], \"problems\": [");
  for (guint i = 0; i < a->problems->len; i++)
    {
      const ScAuditProblem *p = g_ptr_array_index (a->problems, i);
      g_autofree char *key = json_escape (p->key);
      g_autofree char *rev = json_number (p->revenue);
      g_autofree char *sentence = json_escape (p->sentence);

      g_string_append_printf (out, "%s{\"key\": %s, \"count\": %" PRIu64 ", \"customers\": %"
                              PRIu64 ", \"revenue\": %s, \"sentence\": %s}", i > 0 ? ", " : "",
                              key, p->count, p->customers, rev, sentence);
    }
  g_print ("%s], \"summary\": %s}\n", out->str, summary);
  g_string_free (out, TRUE);
}

static void
print_text (const ScAudit *a)
{
  g_autofree char *summary = terminal_text (a->summary, FALSE);

  g_print ("%s\n", summary);
  if (a->problems->len > 0)
    g_print ("\n%s\n", _("Problems, the most revenue first:"));
  for (guint i = 0; i < a->problems->len; i++)
    {
      const ScAuditProblem *p = g_ptr_array_index (a->problems, i);
      g_autofree char *s = terminal_text (p->sentence, FALSE);
      g_print ("  • %s\n", s);
    }
  if (a->columns->len > 0)
    g_print ("\n%-10s %-28s %9s %9s %9s\n", _("File"), _("Column"), _("Missing"), _("Distinct"),
             _("Changed"));
  for (guint i = 0; i < a->columns->len; i++)
    {
      const ScAuditColumn *c = g_ptr_array_index (a->columns, i);
      g_autofree char *name = terminal_text (c->name, FALSE);
      g_autofree char *share = sc_format_percent (c->missing_share, 1);

      g_print ("%-10s %-28.28s %9s %9" PRIu64 " %9" PRIu64 "\n", c->file, name, share,
               c->distinct, c->conflicts);
    }
  if (a->interactions)
    {
      g_print ("\n%s", _("Interaction types seen:"));
      for (guint i = 0; i < a->interaction_types->len; i++)
        g_print (" %s (%" PRIu64 ")", (char *) g_ptr_array_index (a->interaction_types, i),
                 g_array_index (a->interaction_counts, guint64, i));
      g_print ("\n");
    }
}

int
cmd_audit (int    argc,
           char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScAudit) audit = NULL;
  if (!parse_project_json_args (&argc, &argv, _("PROJECT — check the quality of the imported data"),
                                N_("Print JSON"), _("audit takes one PROJECT file"), &json))
    return EXIT_USAGE;
  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL || (audit = sc_project_audit (project, &error)) == NULL)
    return report_error (error);
  if (json)
    print_json (audit);
  else
    print_text (audit);
  return EXIT_SUCCESS;
}
