/* cli-overlay.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* overlay (issue 18): the behavioural segments crossed with a customer-list attribute or the
 * rule segments, as a table or as JSON cells. */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-format.h"
#include "sc-project-overlay.h"

static void
print_json (const ScOverlay *ov)
{
  GString *out = g_string_new (NULL);
  g_autofree char *by = json_escape (ov->by);
  g_autofree char *revenue = json_number (ov->revenue);
  g_autofree char *profit = json_number (ov->has_profit ? ov->profit : NAN);

  g_string_append_printf (out, "{\"by\": %s, \"customers\": %" PRIu64 ", \"revenue\": %s, "
                          "\"profit\": %s, \"segments\": [", by, ov->customers, revenue,
                          profit);
  for (guint r = 0; r < ov->n_rows; r++)
    {
      g_autofree char *name = json_escape (ov->row_names[r]);
      g_string_append_printf (out, "%s%s", r > 0 ? ", " : "", name);
    }
  g_string_append (out, "], \"values\": [");
  for (guint k = 0; k < ov->n_columns; k++)
    {
      g_autofree char *name = json_escape (ov->column_names[k]);
      g_string_append_printf (out, "%s%s", k > 0 ? ", " : "", name);
    }
  g_string_append (out, "], \"cells\": [");
  for (guint i = 0; i < ov->n_rows * ov->n_columns; i++)
    {
      const ScOverlayCell *c = &ov->cells[i];
      g_autofree char *segment = json_escape (ov->row_names[c->row]);
      g_autofree char *value = json_escape (ov->column_names[c->column]);
      g_autofree char *rev = json_number (c->revenue);

      g_string_append_printf (out, "%s{\"segment\": %s, \"value\": %s, \"customers\": %"
                              PRIu64 ", \"revenue\": %s", i > 0 ? ", " : "", segment, value,
                              c->customers, rev);
      if (ov->has_profit)
        {
          g_autofree char *p = json_number (c->profit);
          g_string_append_printf (out, ", \"profit\": %s", p);
        }
      g_string_append_c (out, '}');
    }
  g_print ("%s]}\n", out->str);
  g_string_free (out, TRUE);
}

static void
print_table (const ScOverlay *ov)
{
  g_print ("%-26s", "");
  for (guint k = 0; k < ov->n_columns; k++)
    {
      g_autofree char *name = terminal_text (ov->column_names[k], FALSE);
      g_print (" %16.16s", name);
    }
  g_print ("\n");
  for (guint r = 0; r < ov->n_rows; r++)
    {
      g_autofree char *name = terminal_text (ov->row_names[r], FALSE);

      g_print ("%-26.26s", name);
      for (guint k = 0; k < ov->n_columns; k++)
        {
          const ScOverlayCell *c = &ov->cells[r * ov->n_columns + k];
          g_autofree char *rev = sc_format_compact (c->revenue);
          g_autofree char *cell = g_strdup_printf ("%" PRIu64 " · %s", c->customers, rev);

          g_print (" %16s", cell);
        }
      g_print ("\n");
    }
  g_print (_("Each cell: customers · revenue. %" PRIu64 " customers in all.\n"), ov->customers);
  if (ov->has_profit)
    {
      g_print ("\n%s\n", _("Gross profit per cell:"));
      for (guint r = 0; r < ov->n_rows; r++)
        {
          g_autofree char *name = terminal_text (ov->row_names[r], FALSE);

          g_print ("%-26.26s", name);
          for (guint k = 0; k < ov->n_columns; k++)
            {
              g_autofree char *p = sc_format_compact (ov->cells[r * ov->n_columns + k].profit);
              g_print (" %16s", isfinite (ov->cells[r * ov->n_columns + k].profit) ? p : "—");
            }
          g_print ("\n");
        }
    }
}

int
cmd_overlay (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  g_autofree char *by = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScOverlay) overlay = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("A customer-list attribute, or “rules” for the rule segments"), "ATTRIBUTE|rules" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv, _("PROJECT — cross the segments with an attribute or "
                                            "the rule segments"), entries,
                           _("overlay takes one PROJECT file")))
    return EXIT_USAGE;
  if (by == NULL)
    return usage_error (_("overlay needs --by ATTRIBUTE or --by rules"));
  project = open_segmented_project (argv[1], &error);
  if (project == NULL || (overlay = sc_project_overlay (project, by, &error)) == NULL)
    return report_error (error);
  if (json)
    print_json (overlay);
  else
    print_table (overlay);
  return EXIT_SUCCESS;
}
