/* cli-profit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Profit from a terminal (issue 18): profit shows gross profit, how much of the revenue it
 * covers and who costs more to serve than they are worth, per segment too; --margin sets the
 * project-wide margin and --value-basis makes value and the grid use profit or revenue. */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-format.h"
#include "sc-project-overlay.h"
#include "sc-value.h"

static void
print_profit_json (const ScProfit        *p,
                   const ScRun           *run,
                   const ScSegmentProfit *seg,
                   guint                  n_segments)
{
  GString *out = g_string_new ("{");
  g_autofree char *margin = json_number (p->margin_percent);
  g_autofree char *total = json_number (p->known ? p->total_profit : NAN);
  g_autofree char *revenue = json_number (p->total_revenue);
  g_autofree char *unknown = json_number (p->revenue_unknown);
  g_autofree char *loss = json_number (p->unprofitable_loss);
  g_autofree char *unprof_rev = json_number (p->unprofitable_revenue);

  g_string_append_printf (out, "\"known\": %s, \"value_basis\": \"%s\", \"margin_percent\": %s, "
                          "\"profit\": %s, \"revenue\": %s, \"lines_with_cost\": %" PRIu64 ", "
                          "\"lines_from_margin\": %" PRIu64 ", \"lines_without_cost\": %" PRIu64
                          ", \"revenue_without_cost\": %s, \"negative_margin_lines\": %" PRIu64
                          ", \"customers_with_profit\": %u, \"customers_partial\": %u, "
                          "\"customers_without_profit\": %u, \"unprofitable_customers\": %u, "
                          "\"unprofitable_revenue\": %s, \"unprofitable_loss\": %s, "
                          "\"segments\": [",
                          p->known ? "true" : "false",
                          p->value_is_profit ? "profit" : "revenue", margin, total, revenue,
                          p->lines_with_cost, p->lines_from_margin, p->lines_unknown, unknown,
                          p->negative_lines, p->customers_known, p->customers_partial,
                          p->customers_unknown, p->customers_unprofitable, unprof_rev, loss);
  for (guint s = 0; seg != NULL && s < n_segments; s++)
    {
      g_autofree char *name = json_escape (run->segments[s].name);
      g_autofree char *profit = json_number (seg[s].profit);
      g_autofree char *share = json_number (seg[s].share);

      g_string_append_printf (out, "%s{\"id\": %u, \"name\": %s, \"profit\": %s, "
                              "\"profit_share\": %s, \"unprofitable\": %" PRIu64 "}",
                              s > 0 ? ", " : "", s + 1, name, profit, share,
                              seg[s].unprofitable);
    }
  g_print ("%s]}\n", out->str);
  g_string_free (out, TRUE);
}

static void
print_profit (const ScProfit        *p,
              const ScRun           *run,
              const ScSegmentProfit *seg,
              guint                  n_segments)
{
  g_autofree char *total = sc_format_compact (p->total_profit);
  g_autofree char *share = sc_format_percent (p->total_revenue != 0
                                              ? p->total_profit / p->total_revenue : NAN, 1);

  if (!p->known)
    {
      g_print ("%s\n", _("Profit is not known: import orders with a cost or margin column "
                         "(--map cost=COLUMN), or set a margin for the whole project "
                         "(segments-cli profit PROJECT --margin PERCENT)."));
      return;
    }
  g_print (_("Gross profit: %s (%s of revenue), from %u customers.\n"), total, share,
           p->customers_known);
  if (isfinite (p->margin_percent))
    g_print (_("Margin for lines without a cost: %g %% (%" PRIu64 " lines).\n"),
             p->margin_percent, p->lines_from_margin);
  if (p->lines_unknown > 0)
    {
      g_autofree char *rev = sc_format_compact (p->revenue_unknown);
      g_print (_("%" PRIu64 " order lines (revenue %s) have no cost and are left out of profit; "
                 "%u customers have no profit at all, %u only a partial one.\n"),
               p->lines_unknown, rev, p->customers_unknown, p->customers_partial);
    }
  if (p->negative_lines > 0)
    g_print (_("%" PRIu64 " order lines were sold below cost.\n"), p->negative_lines);
  if (p->customers_unprofitable > 0)
    {
      g_autofree char *loss = sc_format_compact (p->unprofitable_loss);
      g_print (_("%u customers cost more to serve than they are worth: together they lose %s.\n"),
               p->customers_unprofitable, loss);
    }
  else
    g_print ("%s\n", _("No customer costs more than they are worth."));
  g_print (_("Value and the value × potential grid use %s.\n"),
           p->value_is_profit ? _("profit") : _("revenue"));
  for (guint s = 0; seg != NULL && s < n_segments; s++)
    {
      g_autofree char *name = terminal_text (run->segments[s].name, FALSE);
      g_autofree char *profit = sc_format_compact (seg[s].profit);
      g_autofree char *pshare = sc_format_percent (seg[s].share, 1);

      g_print ("  %-28s %12s  %7s  %" PRIu64 " unprofitable\n", name, profit, pshare,
               seg[s].unprofitable);
    }
}

int
cmd_profit (int    argc,
            char **argv)
{
  gboolean json = FALSE;
  g_autofree char *margin = NULL;
  g_autofree char *basis = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScProfit) profit = NULL;
  g_autofree ScSegmentProfit *seg = NULL;
  guint n_segments = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "margin", 0, 0, G_OPTION_ARG_STRING, &margin, N_("Set the project’s gross margin in percent of revenue for lines without a cost (“none” removes it)"), "PERCENT" },
    { "value-basis", 0, 0, G_OPTION_ARG_STRING, &basis, N_("Measure value and the value × potential grid in profit or revenue"), "profit|revenue" },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv, _("PROJECT — show gross profit, and set how it is "
                                            "measured"), entries, _("profit takes one PROJECT file")))
    return EXIT_USAGE;
  /* Each is one transaction; a command is at most one. */
  if (basis != NULL && margin != NULL)
    return usage_error (_("give --margin or --value-basis, one at a time"));
  if (basis != NULL && g_strcmp0 (basis, "profit") != 0 && g_strcmp0 (basis, "revenue") != 0)
    return usage_error (_("--value-basis takes profit or revenue (got “%s”)"), basis);

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);
  if (margin != NULL)
    {
      double v = NAN;

      if (g_ascii_strcasecmp (margin, "none") != 0 &&
          (!sc_parse_number (margin, '.', &v) || !(v <= 100 && v >= -1000)))
        return usage_error (_("--margin takes a percentage of revenue from -1000 to 100, or "
                              "none (got “%s”)"), margin);
      if (!sc_project_set_margin (project, v, &error))
        return report_error (error);
    }
  if (basis != NULL && !sc_project_set_value_basis (project, g_str_equal (basis, "profit"),
                                                    &error))
    return report_error (error);

  profit = sc_project_load_profit (project, &error);
  if (profit == NULL)
    return report_error (error);
  seg = sc_project_segment_profit (project, profit, &n_segments);
  if (json)
    print_profit_json (profit, sc_project_get_run (project), seg, n_segments);
  else
    print_profit (profit, sc_project_get_run (project), seg, n_segments);
  return EXIT_SUCCESS;
}
