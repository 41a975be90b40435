/* sc-import-report.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import's report, as text for people, and its problems as CSV. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "sc-csv.h"
#include "sc-import-report.h"
#include "sc-value.h"

/**
 * sc_import_problem_append_csv:
 * @out: where to append
 * @path: the file the problem is in
 * @problem: the problem
 *
 * Appends one line in the columns of %SC_IMPORT_PROBLEMS_CSV_HEADER, with formulas
 * neutralised (sc_csv_append_field()).
 */
void
sc_import_problem_append_csv (GString               *out,
                              const char            *path,
                              const ScImportProblem *problem)
{
  ScCsvWriter csv;

  g_return_if_fail (out != NULL);
  g_return_if_fail (problem != NULL);

  sc_csv_writer_init (&csv, out, SC_CSV_WRITE_DEFAULT);
  sc_csv_writer_field (&csv, path);
  sc_csv_writer_uint (&csv, problem->line);
  sc_csv_writer_field (&csv, problem->column);
  sc_csv_writer_field (&csv, problem->kind);
  sc_csv_writer_field (&csv, problem->reason);
  sc_csv_writer_field (&csv, problem->raw);
  sc_csv_writer_end_row (&csv);
}

void
sc_import_report_free (ScImportReport *report)
{
  if (report == NULL)
    return;
  sc_import_record_clear (&report->transactions);
  sc_import_record_clear (&report->customers);
  sc_import_record_clear (&report->interactions);
  g_clear_pointer (&report->examples, g_ptr_array_unref);
  g_free (report);
}

static void
append_record (GString              *out,
               const ScImportRecord *r)
{
  g_string_append_printf (out, _("%s: %s\n"),
                          g_str_equal (r->kind, "transactions") ? _("Orders")
                          : g_str_equal (r->kind, "interactions") ? _("Interactions")
                          : _("Customer list"), r->path);
  g_string_append_printf (out, _("  Rows read:       %" PRIu64 "\n"), r->rows_read);
  g_string_append_printf (out, _("  Accepted:        %" PRIu64 "\n"), r->rows_accepted);
  g_string_append_printf (out, _("  Rejected:        %" PRIu64 "\n"), r->rows_rejected);
  if (r->duplicate_rows > 0)
    g_string_append_printf (out, _("  Duplicate rows (imported once): %" PRIu64 "\n"),
                            r->duplicate_rows);
  if (!g_str_equal (r->kind, "customers"))
    {
      if (r->already_present > 0)
        g_string_append_printf (out, _("  Already in the project (skipped): %" PRIu64
                                       "\n"), r->already_present);
      if (r->duplicate_order_ids > 0)
        g_string_append_printf (out, _("  Order ids reused for another customer: %"
                                       PRIu64 "\n"), r->duplicate_order_ids);
      if (g_str_equal (r->kind, "transactions"))
        g_string_append_printf (out, _("  Returns (negative amounts): %" PRIu64 "\n"),
                                r->returns);
      g_string_append_printf (out, _("  Customers:       %" PRIu64
                                     " (%" PRIu64 " new)\n"),
                              r->customers, r->new_customers);
      if (r->rows_accepted > 0)
        {
          g_autofree char *first = sc_day_format (r->first_day);
          g_autofree char *last = sc_day_format (r->last_day);

          g_string_append_printf (out, _("  Dates:           %s to %s\n"), first, last);
        }
      if (g_str_equal (r->kind, "transactions"))
        g_string_append_printf (out, _("  Net revenue:     %.2f\n"), r->revenue);
    }
  else
    {
      g_string_append_printf (out, _("  Customers:       %" PRIu64
                                     " (%" PRIu64 " not in the project before)\n"),
                              r->customers, r->new_customers);
    }
  if (r->settings != NULL && *r->settings)
    g_string_append_printf (out, _("  Read as:         %s\n"), r->settings);
  if (r->notes != NULL && *r->notes)
    {
      g_auto(GStrv) lines = g_strsplit (r->notes, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i])
          g_string_append_printf (out, _("  Note: %s\n"), lines[i]);
    }
}

/**
 * sc_import_report_format:
 *
 * Returns: (transfer full): the report as text for people, as printed by segments-cli
 */
char *
sc_import_report_format (const ScImportReport *report)
{
  GString *out = g_string_new (NULL);

  if (report->transactions.kind != NULL)
    append_record (out, &report->transactions);
  if (report->customers.kind != NULL)
    append_record (out, &report->customers);
  if (report->interactions.kind != NULL)
    append_record (out, &report->interactions);

  if (report->transactions.kind != NULL && report->customers.kind != NULL)
    g_string_append_printf (out, _("Customers with orders but not in the list: %" PRIu64
                                   "\nListed customers without orders: %" PRIu64 "\n"),
                            report->transactions.unmatched, report->customers.unmatched);

  if (report->examples != NULL && report->examples->len > 0)
    {
      g_string_append (out, _("Problems (first examples; all are kept in the project):\n"));
      for (guint i = 0; i < report->examples->len; i++)
        {
          const ScImportProblem *p = g_ptr_array_index (report->examples, i);
          g_string_append_printf (out, _("  Line %" PRIu64 ": %s\n"), p->line, p->reason);
        }
    }

  g_string_append_printf (out, _("The project now holds %" PRIu64 " customers and %"
                                 PRIu64 " transactions.\n"),
                          report->project_customers, report->project_transactions);
  return g_string_free (out, FALSE);
}
