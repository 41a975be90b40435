/* fuzz-import.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The importer's dry run (no project) on a random file.  The first byte chooses the options:
 * which role the file plays (orders, customer list, both, orders with quantity × price), the
 * date order and the decimal mark; the rest is the file.  Invariants: every row read is
 * accepted, rejected or a duplicate; the counts in the report agree with each other; every
 * message is UTF-8; a failure says why. */

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sc-importer.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  fuzz_open_scratch ("fuzz-import-XXXXXX.csv");
  return 0;
}

static void
check_utf8 (const char *what,
            const char *s)
{
  FUZZ_CHECK (s != NULL, "%s is NULL", what);
  FUZZ_CHECK (g_utf8_validate (s, -1, NULL), "%s is not UTF-8", what);
}

static void
check_record (const ScImportRecord *r,
              guint64               n_lines)
{
  if (r->kind == NULL)
    return;
  FUZZ_CHECK (r->rows_read == r->rows_accepted + r->rows_rejected + r->duplicate_rows,
              "%s: %" G_GUINT64_FORMAT " rows read, %" G_GUINT64_FORMAT " accepted, %"
              G_GUINT64_FORMAT " rejected, %" G_GUINT64_FORMAT " duplicates", r->kind,
              r->rows_read, r->rows_accepted, r->rows_rejected, r->duplicate_rows);
  FUZZ_CHECK (r->rows_read <= n_lines, "%s: %" G_GUINT64_FORMAT " rows in %" G_GUINT64_FORMAT
              " lines", r->kind, r->rows_read, n_lines);
  FUZZ_CHECK (r->customers <= r->rows_accepted && r->new_customers <= r->customers,
              "%s: customer counts", r->kind);
  if (g_str_equal (r->kind, "transactions"))
    {
      FUZZ_CHECK (r->returns <= r->rows_accepted, "more returns than rows");
      FUZZ_CHECK (r->rows_accepted > 0, "an import without accepted rows succeeded");
      FUZZ_CHECK (r->first_day <= r->last_day, "first day %d after last day %d", r->first_day,
                  r->last_day);
      FUZZ_CHECK (r->duplicate_order_ids <= r->rows_accepted, "order id warnings");
    }
  if (r->settings != NULL)
    check_utf8 ("settings", r->settings);
  if (r->notes != NULL)
    check_utf8 ("notes", r->notes);
}

int
LLVMFuzzerTestOneInput (const uint8_t *bytes,
                        size_t         size)
{
  static const ScDateOrder orders[] = {
    SC_DATE_ORDER_AUTO, SC_DATE_ORDER_YMD, SC_DATE_ORDER_DMY, SC_DATE_ORDER_MDY,
    SC_DATE_ORDER_YYYYMMDD,
  };
  static const char decimal_marks[] = { 0, '.', ',' };
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;
  guint8 control;
  guint64 n_lines = 1, rejected = 0;

  if (size == 0)
    return 0;
  control = bytes[0];
  bytes++;
  size--;
  for (gsize i = 0; i < size; i++)
    n_lines += bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == size || bytes[i + 1] != '\n'));

  fuzz_write_file (fuzz_scratch_path, bytes, size);

  sc_import_options_init (&options);
  switch (control % 4)
    {
    case 0:
      options.transactions_path = g_strdup (fuzz_scratch_path);
      break;
    case 1:
      options.customers_path = g_strdup (fuzz_scratch_path);
      break;
    case 2:
      options.transactions_path = g_strdup (fuzz_scratch_path);
      options.customers_path = g_strdup (fuzz_scratch_path);
      break;
    default:
      /* Order lines: the first columns as quantity and unit price when they exist. */
      options.transactions_path = g_strdup (fuzz_scratch_path);
      options.map[SC_ROLE_QUANTITY] = g_strdup ("qty");
      options.map[SC_ROLE_PRICE] = g_strdup ("price");
      break;
    }
  options.date_order = orders[(control / 4) % G_N_ELEMENTS (orders)];
  options.decimal_mark = decimal_marks[(control / 20) % G_N_ELEMENTS (decimal_marks)];

  report = sc_import (NULL, &options, NULL, NULL, NULL, &error);
  if (report == NULL)
    {
      FUZZ_CHECK (error != NULL, "failed without an error");
      FUZZ_CHECK (error->domain == SC_ERROR || error->domain == G_IO_ERROR,
                  "error domain %s", g_quark_to_string (error->domain));
      check_utf8 ("the error", error->message);
      FUZZ_CHECK (error->message[0] != '\0', "an empty error message");
    }
  else
    {
      g_autofree char *text = NULL;

      FUZZ_CHECK (error == NULL, "succeeded with an error set");
      check_record (&report->transactions, n_lines);
      check_record (&report->customers, n_lines);
      for (guint i = 0; i < SC_N_REJECT_REASONS; i++)
        rejected += report->rejected[i];
      FUZZ_CHECK (rejected == report->transactions.rows_rejected +
                              report->customers.rows_rejected,
                  "rejections by reason do not add up");
      if (report->transactions.kind != NULL)
        FUZZ_CHECK (report->project_transactions == report->transactions.rows_accepted,
                    "a dry run holds %" G_GUINT64_FORMAT " transactions, %" G_GUINT64_FORMAT
                    " rows were accepted", report->project_transactions,
                    report->transactions.rows_accepted);
      for (guint i = 0; i < report->examples->len; i++)
        {
          const ScImportProblem *p = g_ptr_array_index (report->examples, i);

          FUZZ_CHECK (p->line >= 1 && p->line <= n_lines, "a problem on line %" G_GUINT64_FORMAT
                      " of %" G_GUINT64_FORMAT, p->line, n_lines);
          check_utf8 ("a problem's reason", p->reason);
          check_utf8 ("a problem's kind", p->kind);
          if (p->raw != NULL)
            check_utf8 ("a problem's raw text", p->raw);
          if (p->column != NULL)
            check_utf8 ("a problem's column", p->column);
        }
      text = sc_import_report_format (report);
      check_utf8 ("the report", text);
    }

  sc_import_options_clear (&options);
  return 0;
}
