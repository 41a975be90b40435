/* sc-source-rules.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a row of an orders file counts as once the file's rules are known (a recognised
 * export shape, or the person's fill-down and counted statuses):
 *
 * - a further line of an order whose amount is filled down is one of its line items: the
 *   amount is the order's and is counted once, on its first line;
 * - an order whose status does not count is left out and tallied by its status, with its
 *   amount, never rejected: it is a healthy row of a healthy file;
 * - a counted order's refunded part (a refund column, written positive or negative) is
 *   taken off its amount; an order refunded in full is left out as "refunded";
 * - with a currency column, only the currency most counted orders are in is counted: the
 *   others are left out as "currency:XXX", so amounts in two currencies are never summed.
 *   Refusing the file would be the alternative; keeping the main currency imports what can
 *   be compared and says plainly what was not.  Without a currency column, the amounts'
 *   own markers ("USD 48,000.00", "15,00 €", as localized report exports write them) are
 *   the currency when they name more than one; an amount without a marker counts. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sc-currency.h"
#include "sc-format.h"
#include "sc-source-rules-private.h"
#include "sc-value.h"

/* The currency code as a key: without blanks, in upper case ("eur " is "EUR"). */
static char *
currency_key (const char *value)
{
  return g_strstrip (g_ascii_strup (value, -1));
}

/* The row's currency: its currency column's, or its amount's marker's ("" when none). */
static char *
row_currency (const ScImportLayout *layout,
              const ScRow          *row)
{
  const ScSourceRules *rules = &layout->rules;
  const char *code;

  if (!rules->currency_marked)
    return currency_key (row->fields[rules->currency]);
  code = sc_currency_from_marker (row->fields[layout->column[SC_ROLE_AMOUNT]]);
  return g_strdup (code != NULL ? code : "");
}

/* The status of a row as a reason to leave it out, or NULL when it counts. */
static char *
excluded_status (const ScSourceRules *rules,
                 ScRow               *row)
{
  g_autofree char *key = NULL;

  if (rules->status < 0 || rules->counted == NULL)
    return NULL;
  key = _sc_source_status_key (row->fields[rules->status]);
  if (g_strv_contains ((const char * const *) rules->counted, key))
    return NULL;
  return g_steal_pointer (&key);
}

static ScRowVerdict
exclude (const ScImportLayout *layout,
         ScImportReport       *report,
         ScRow                *row,
         const char           *reason,
         double                revenue)
{
  int c_order = layout->column[SC_ROLE_ORDER];
  g_autofree char *key = NULL;

  if (c_order >= 0 && !sc_value_is_missing (row->fields[c_order]))
    key = g_strndup (row->fields[c_order], row->lengths[c_order]);
  _sc_import_report_exclude (report, reason, key, row->line, !row->continuation, revenue);
  g_clear_pointer (&row->reason, g_free);
  return SC_ROW_EXCLUDED;
}

ScRowVerdict
_sc_source_judge_row (ScRowReader           *reader,
                      const ScImportLayout  *layout,
                      ScRow                 *row,
                      ScImportReport        *report)
{
  const ScSourceRules *rules = &layout->rules;
  g_autofree char *status = NULL;
  gboolean parsed;

  if (row->continuation && rules->per_order)
    return SC_ROW_LINE_ITEM;
  /* no status, currency or refund to look at: most files, every row */
  if ((rules->status < 0 || rules->counted == NULL) && rules->currency_kept == NULL &&
      rules->refund < 0)
    return _sc_row_reader_parse (reader, row) ? SC_ROW_COUNTS : SC_ROW_REJECTED;

  status = excluded_status (rules, row);
  parsed = _sc_row_reader_parse (reader, row);
  if (status != NULL)
    {
      int c_amount = layout->column[SC_ROLE_AMOUNT];
      double amount = 0;

      /* An order left out needs no customer or date: its amount is read on its own. */
      if (parsed)
        amount = row->amount;
      else if (c_amount >= 0 &&
               (sc_parse_number_checked (row->fields[c_amount], layout->dialect.decimal_mark,
                                         &amount) != SC_NUMBER_OK || !isfinite (amount)))
        amount = 0;
      return exclude (layout, report, row, status, amount);
    }
  if (!parsed)
    return SC_ROW_REJECTED;

  if (rules->currency_kept != NULL)
    {
      g_autofree char *currency = row_currency (layout, row);

      if (*currency != '\0' && !g_str_equal (currency, rules->currency_kept))
        {
          g_autofree char *reason = g_strconcat ("currency:", currency, NULL);
          return exclude (layout, report, row, reason, row->amount);
        }
    }

  if (rules->refund >= 0 && !sc_value_is_missing (row->fields[rules->refund]))
    {
      double refunded;

      if (sc_parse_number_checked (row->fields[rules->refund], layout->dialect.decimal_mark,
                                   &refunded) != SC_NUMBER_OK || !isfinite (refunded))
        {
          g_autofree char *shown = _sc_import_shown_value (row->fields[rules->refund]);

          row->why = SC_REJECT_AMOUNT;
          row->column = layout->header[rules->refund];
          row->reason = g_strdup_printf (_("refund “%s” is not a number in column %s"), shown,
                                         layout->header[rules->refund]);
          return SC_ROW_REJECTED;
        }
      refunded = fabs (refunded);
      if (row->amount > 0 && refunded > 0)
        {
          /* within half a cent: a refund of the whole amount written with rounding */
          if (refunded >= row->amount - 0.005)
            return exclude (layout, report, row, "refunded", row->amount);
          row->amount -= refunded;
        }
    }
  return SC_ROW_COUNTS;
}

typedef struct
{
  char    *code;
  guint64  orders;
} CurrencyCount;

static void
currency_count_clear (CurrencyCount *c)
{
  g_free (c->code);
}

/* Whether an amount of the sample carries a currency marker ("USD 1,200.00", "€ 5"). */
static gboolean
sample_has_markers (const ScImportLayout *layout)
{
  int c_amount = layout->column[SC_ROLE_AMOUNT];

  if (c_amount < 0 || layout->sample == NULL)
    return FALSE;
  for (guint i = 0; i < layout->sample->len; i++)
    {
      const char *value = ((char **) g_ptr_array_index (layout->sample, i))[c_amount];
      gsize len = value != NULL ? strlen (value) : 0;
      const char *code;

      /* only a value that does not start and end with a digit can carry one */
      if (len == 0 || (g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[len - 1])))
        continue;
      code = sc_currency_from_marker (value);
      if (code != NULL && *code != '\0')
        return TRUE;
    }
  return FALSE;
}

gboolean
_sc_source_scan_currency (const char      *path,
                          ScImportLayout  *layout,
                          ScDateOrder      date_order,
                          GCancellable    *cancellable,
                          GString         *notes,
                          GError         **error)
{
  ScSourceRules *rules = &layout->rules;
  g_autoptr(ScRowReader) reader = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) local_error = NULL;
  CurrencyCount *kept = NULL;
  gboolean marked = FALSE;
  ScRow *row;

  g_clear_pointer (&rules->currency_kept, g_free);
  rules->currency_marked = FALSE;
  if (rules->currency < 0)
    {
      /* plain numbers, most files: no pass */
      if (!sample_has_markers (layout))
        return TRUE;
      marked = TRUE;
    }

  reader = _sc_row_reader_new (path, layout, SC_TABLE_TRANSACTIONS, date_order, cancellable,
                               NULL, NULL, error);
  if (reader == NULL)
    return FALSE;
  counts = g_array_new (FALSE, TRUE, sizeof (CurrencyCount));
  g_array_set_clear_func (counts, (GDestroyNotify) currency_count_clear);
  while ((row = _sc_row_reader_next (reader, &local_error)) != NULL)
    {
      g_autofree char *status = NULL;
      g_autofree char *code = NULL;
      guint i;

      if (row->reason != NULL || (row->continuation && rules->per_order))
        continue;
      status = excluded_status (rules, row);
      if (marked)
        {
          const char *m = sc_currency_from_marker (row->fields[layout->column[SC_ROLE_AMOUNT]]);
          code = g_strdup (m != NULL ? m : "");
        }
      else
        code = currency_key (row->fields[rules->currency]);
      if (status != NULL || *code == '\0')
        continue;
      for (i = 0; i < counts->len; i++)
        if (g_str_equal (g_array_index (counts, CurrencyCount, i).code, code))
          break;
      if (i == counts->len)
        {
          CurrencyCount c = { g_steal_pointer (&code), 0 };
          g_array_append_val (counts, c);
        }
      g_array_index (counts, CurrencyCount, i).orders++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The most orders; on a tie, the currency met first. */
  for (guint i = 0; i < counts->len; i++)
    if (kept == NULL || g_array_index (counts, CurrencyCount, i).orders > kept->orders)
      kept = &g_array_index (counts, CurrencyCount, i);
  /* amounts marked in one currency: nothing to leave out, the markers name the project's */
  if (kept == NULL || (marked && counts->len < 2))
    return TRUE;
  rules->currency_kept = g_strdup (kept->code);
  rules->currency_marked = marked;

  if (counts->len > 1)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < counts->len; i++)
        {
          const CurrencyCount *c = &g_array_index (counts, CurrencyCount, i);
          g_autofree char *n = sc_format_count (c->orders);

          if (list->len > 0)
            g_string_append (list, ", ");
          /* Translators: "1,200 in EUR" */
          g_string_append_printf (list, _("%s in %s"), n, c->code);
        }
      g_string_append_printf (notes, _("The orders are in %u currencies (%s): only those in "
                                       "%s, the most, are counted; the others are left out, "
                                       "by currency, and never added to them. Import each "
                                       "currency into a project of its own to see it.\n"),
                              counts->len, list->str, kept->code);
    }
  return TRUE;
}
