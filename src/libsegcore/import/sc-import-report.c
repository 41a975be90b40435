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
#include "sc-format.h"
#include "sc-import-report-private.h"
#include "sc-store-private.h"
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
  g_clear_pointer (&report->excluded, g_array_unref);
  g_clear_pointer (&report->excluded_orders, g_ptr_array_unref);
  g_free (report);
}

static void
exclusion_clear (ScImportExclusion *e)
{
  g_clear_pointer (&e->reason, g_free);
}

static GArray *
exclusions_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (ScImportExclusion));

  g_array_set_clear_func (a, (GDestroyNotify) exclusion_clear);
  return a;
}

static ScImportExclusion *
exclusion_for (GArray     *excluded,
               const char *reason)
{
  ScImportExclusion e = { 0 };
  guint i;

  for (i = 0; i < excluded->len; i++)
    if (g_str_equal (g_array_index (excluded, ScImportExclusion, i).reason, reason))
      return &g_array_index (excluded, ScImportExclusion, i);
  /* kept sorted by reason, so that reports and JSON list them in one order */
  for (i = 0; i < excluded->len; i++)
    if (strcmp (g_array_index (excluded, ScImportExclusion, i).reason, reason) > 0)
      break;
  e.reason = g_strdup (reason);
  g_array_insert_val (excluded, i, e);
  return &g_array_index (excluded, ScImportExclusion, i);
}

/* One order left out, as the project keeps it. */
typedef struct
{
  char    *key;       /* its order id, or NULL */
  guint64  line;
  char    *reason;
  double   revenue;
} ExcludedOrder;

static void
excluded_order_free (ExcludedOrder *o)
{
  g_free (o->key);
  g_free (o->reason);
  g_free (o);
}

void
_sc_import_report_exclude (ScImportReport *report,
                           const char     *reason,
                           const char     *order_key,
                           guint64         line,
                           gboolean        is_order,
                           double          revenue)
{
  ScImportExclusion *e;

  if (report->excluded == NULL)
    report->excluded = exclusions_new ();
  if (report->excluded_orders == NULL)
    report->excluded_orders = g_ptr_array_new_with_free_func ((GDestroyNotify) excluded_order_free);
  e = exclusion_for (report->excluded, reason);
  e->orders += is_order ? 1 : 0;
  e->revenue += revenue;
  if (is_order || report->excluded_orders->len == 0)
    {
      ExcludedOrder *o = g_new0 (ExcludedOrder, 1);

      o->key = g_strdup (order_key);
      o->line = line;
      o->reason = g_strdup (reason);
      g_ptr_array_add (report->excluded_orders, o);
    }
  ((ExcludedOrder *) g_ptr_array_index (report->excluded_orders,
                                        report->excluded_orders->len - 1))->revenue += revenue;
}

gboolean
_sc_import_save_exclusions (ScStore               *store,
                            guint64                import_id,
                            const ScImportReport  *report,
                            GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (report->excluded_orders == NULL || report->excluded_orders->len == 0)
    return TRUE;
  if (!_sc_store_prepare (store, "INSERT OR REPLACE INTO excluded_orders (order_key, import, "
                          "reason, revenue) VALUES (?,?,?,?)", &stmt, error))
    return FALSE;
  for (guint i = 0; i < report->excluded_orders->len; i++)
    {
      const ExcludedOrder *o = g_ptr_array_index (report->excluded_orders, i);
      g_autofree char *key = o->key != NULL
        ? NULL : g_strdup_printf ("\x1f%" PRIu64 ":%" PRIu64, import_id, o->line);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, o->key != NULL ? o->key : key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, import_id);
      sqlite3_bind_text (stmt, 3, o->reason, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 4, o->revenue);
      if (!_sc_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_sc_import_forget_exclusions (ScStore           *store,
                              const ScInterner  *orders,
                              GError           **error)
{
  g_autoptr(sqlite3_stmt) any = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (orders->n == 0 ||
      !_sc_store_prepare (store, "SELECT 1 FROM excluded_orders LIMIT 1", &any, error))
    return orders->n == 0;
  if (sqlite3_step (any) != SQLITE_ROW)
    return TRUE;
  if (!_sc_store_prepare (store, "DELETE FROM excluded_orders WHERE order_key = ?", &stmt,
                          error))
    return FALSE;
  /* every key, in the order of their ids: back to back in the interner's text */
  for (const char *key = orders->buf, *end = orders->buf + orders->buf_len; key < end;
       key += strlen (key) + 1)
    {
      if (key[0] == '\x1f')
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (!_sc_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * sc_import_load_exclusions:
 * @store: a project
 *
 * Returns: (transfer full) (nullable): of #ScImportExclusion, the orders the project's
 *   imports left out summed by reason, sorted by reason (each order once, with the reason
 *   of the latest import that left it out); %NULL with @error set when it cannot be read
 */
GArray *
sc_import_load_exclusions (ScStore  *store,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) result = exclusions_new ();
  int rc;

  if (!_sc_store_prepare (store, "SELECT reason, count(*), sum(revenue) FROM "
                          "excluded_orders GROUP BY reason ORDER BY reason", &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScImportExclusion e = { 0 };

      e.reason = _sc_store_column_dup (stmt, 0);
      e.orders = sqlite3_column_int64 (stmt, 1);
      e.revenue = sqlite3_column_double (stmt, 2);
      g_array_append_val (result, e);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT, _("The excluded orders could not be "
                                                        "read: %s"), sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&result);
}

/* "refunded 300, voided 12" */
static char *
exclusions_list (const GArray *excluded)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < excluded->len; i++)
    {
      const ScImportExclusion *e = &g_array_index (excluded, ScImportExclusion, i);
      g_autofree char *n = sc_format_count (e->orders);

      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%s %s", e->reason, n);
    }
  return g_string_free (s, FALSE);
}

static guint64
excluded_orders (const ScImportReport *report)
{
  guint64 n = 0;

  for (guint i = 0; report->excluded != NULL && i < report->excluded->len; i++)
    n += g_array_index (report->excluded, ScImportExclusion, i).orders;
  return n;
}

/**
 * sc_import_report_describe_shape:
 *
 * Returns: (transfer full) (nullable): what was recognised in the orders file and what it
 *   holds, for people; %NULL when it was read as a plain table
 */
char *
sc_import_report_describe_shape (const ScImportReport *report)
{
  guint64 left_out;
  g_autofree char *orders = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *out = NULL;
  char *text;

  g_return_val_if_fail (report != NULL, NULL);
  if (report->orders_shape == NULL)
    return NULL;

  left_out = excluded_orders (report);
  orders = sc_format_count (report->orders + left_out);
  lines = sc_format_count (report->transactions.rows_read);
  /* Translators: "Shopify orders export: 6,000 orders, 12,014 lines" */
  text = g_strdup_printf (_("%s: %s orders, %s lines"),
                          sc_source_shape_get_label (report->orders_shape), orders, lines);
  if (left_out > 0)
    {
      g_autofree char *head = text;
      g_autofree char *list = exclusions_list (report->excluded);

      out = sc_format_count (left_out);
      /* Translators: "…, 412 orders left out (refunded 400, voided 12)" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s order left out (%s)",
                                           "%s, %s orders left out (%s)", left_out),
                              head, out, list);
    }
  return text;
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

/* The recognised export, its line items and the orders left out, with their revenue. */
static void
append_shape (GString              *out,
              const ScImportReport *report)
{
  g_autofree char *shape = sc_import_report_describe_shape (report);

  if (shape == NULL && report->excluded == NULL && report->line_items == 0)
    return;
  if (shape != NULL)
    g_string_append_printf (out, _("  Recognised:      %s\n"), shape);
  g_string_append_printf (out, _("  Orders counted:  %" PRIu64 "\n"), report->orders);
  if (report->line_items > 0)
    g_string_append_printf (out, _("  Line items:      %" PRIu64 " further lines of orders "
                                   "(part of their order, not rows of their own)\n"),
                            report->line_items);
  for (guint i = 0; report->excluded != NULL && i < report->excluded->len; i++)
    {
      const ScImportExclusion *e = &g_array_index (report->excluded, ScImportExclusion, i);

      /* Translators: "  Left out (refunded): 3 orders, 120.50" */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "  Left out (%s): %" PRIu64 " order, %.2f\n",
                                                "  Left out (%s): %" PRIu64 " orders, %.2f\n",
                                                e->orders),
                              e->reason, e->orders, e->revenue);
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
    {
      append_record (out, &report->transactions);
      append_shape (out, report);
    }
  if (report->customers.kind != NULL)
    {
      append_record (out, &report->customers);
      if (report->customers_shape != NULL)
        g_string_append_printf (out, _("  Recognised:      %s\n"),
                                sc_source_shape_get_label (report->customers_shape));
    }
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
