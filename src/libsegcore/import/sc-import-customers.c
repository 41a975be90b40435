/* sc-import-customers.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The customer list of an import (sc-importer.c): each row's customer interned with the
 * orders' customers, attributes and contacts kept, consent read; rows that cannot be used
 * are rejected with the same rules and messages as orders. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "sc-contact.h"
#include "sc-import-attributes-private.h"
#include "sc-importer-private.h"
#include "sc-source-rules-private.h"
#include "sc-value.h"

gboolean
_sc_import_read_customers (Import      *imp,
                           const char  *path,
                           GPtrArray   *attributes,     /* of ScAttribute, filled here */
                           GArray      *consent,        /* gint8 per customer id, grown here */
                           GError     **error)
{
  ScImportRecord *record = &imp->report->customers;
  g_auto(ScImportLayout) layout = { 0 };
  g_autoptr(ScRowReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GPtrArray) attr_columns = NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, TRUE, 1);
  ScRow *row;
  int c_customer, c_consent;
  guint64 bad_consent = 0, bad_numbers = 0;

  imp->path = path;
  if (!_sc_import_layout_read (imp->options, imp->cancellable, path, SC_TABLE_CUSTOMERS,
                               &layout, error))
    return FALSE;
  if (!_sc_import_begin_record (imp, record, "customers", path, &layout, SC_DATE_ORDER_AUTO, notes,
                            error))
    return FALSE;

  c_customer = layout.column[SC_ROLE_CUSTOMER];
  c_consent = layout.column[SC_ROLE_CONSENT];
  imp->report->customers_shape = layout.rules.shape;
  attr_columns = _sc_attr_columns_new (&layout, attributes, FALSE);
  imp->contacts = _sc_contacts_new (&layout);

  imp->stage = _("Reading the customer list");
  reader = _sc_row_reader_new (path, &layout, SC_TABLE_CUSTOMERS, SC_DATE_ORDER_AUTO,
                               imp->cancellable, _sc_import_read_progress, imp, error);
  if (reader == NULL)
    return FALSE;
  g_timer_start (imp->stage_timer);
  imp->last_report = -1.0;

  while ((row = _sc_row_reader_next (reader, &local_error)) != NULL)
    {
      guint32 cust;
      gboolean added;
      guint32 n_now;

      record->rows_read++;
      if (row->reason != NULL || !_sc_row_reader_parse (reader, row))
        {
          if (!_sc_import_reject (imp, record, reader, row, error))
            return FALSE;
          continue;
        }

      cust = _sc_interner_intern (&imp->customers, row->customer,
                                  row->customer_len, TRUE, &added);
      n_now = imp->customers.n;

      if (listed->len < n_now)
        g_array_set_size (listed, n_now);
      if (listed->data[cust])
        {
          const char *raw;
          gsize raw_len;

          raw = _sc_row_reader_get_raw (reader, &raw_len);
          record->duplicate_rows++;
          if (!_sc_import_add_problem (imp, SC_N_REJECT_REASONS, "duplicate",
                            row->line, layout.header[c_customer], raw,
                            raw_len,
                            g_strdup_printf (_("customer “%s” is listed again; the first "
                                               "listing is kept"), row->customer), error))
            return FALSE;
          continue;
        }
      listed->data[cust] = 1;
      record->rows_accepted++;
      record->customers++;
      if (added)
        record->new_customers++;

      if (consent->len < n_now)
        {
          guint old = consent->len;
          g_array_set_size (consent, n_now);
          memset (consent->data + old, -1, n_now - old);
        }
      if (c_consent >= 0)
        {
          gboolean yes;

          if (sc_value_is_missing (row->fields[c_consent]))
            g_array_index (consent, gint8, cust) = 2;
          else if (_sc_source_read_consent (&layout.rules, row->fields[c_consent], &yes))
            g_array_index (consent, gint8, cust) = yes ? 1 : 0;
          else
            {
              g_array_index (consent, gint8, cust) = 2;
              bad_consent++;
            }
        }
      else
        g_array_index (consent, gint8, cust) = 2;

      for (guint a = 0; a < attr_columns->len; a++)
        {
          ScAttrColumn *ac = g_ptr_array_index (attr_columns, a);

          if (!_sc_attr_column_set (ac, cust, n_now, row->fields[ac->column],
                                    layout.dialect.decimal_mark, 0))
            bad_numbers++;
        }
      if (imp->contacts != NULL)
        {
          char *reason = NULL;

          if (!_sc_contacts_set (imp->contacts, cust, row->fields, &reason))
            {
              const char *raw;
              gsize raw_len;

              raw = _sc_row_reader_get_raw (reader, &raw_len);
              if (!_sc_import_add_problem (imp, SC_N_REJECT_REASONS + 1, "warning", row->line,
                                layout.header[layout.column[SC_ROLE_EMAIL]], raw, raw_len,
                                reason, error))
                return FALSE;
            }
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint a = 0; a < attr_columns->len; a++)
    _sc_attr_column_finish (g_ptr_array_index (attr_columns, a), imp->customers.n);

  if (record->rows_read == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("The customer list “%s” has a header but no rows."),
                   _sc_import_basename (path));
      return FALSE;
    }

  if (bad_consent > 0)
    g_string_append_printf (notes, _("%" PRIu64 " consent values were not yes/no and "
                                     "count as unknown (left out of activation exports).\n"),
                            bad_consent);
  _sc_import_end_notes (imp, record, g_steal_pointer (&notes), bad_numbers);
  return TRUE;
}

/* Ends the notes of a file of customers or orders with what both can say (@bad_numbers
 * values of numeric attributes that were not numbers, the e-mail addresses left out) and
 * makes them @record's. */
void
_sc_import_end_notes (Import         *imp,
                      ScImportRecord *record,
                      GString        *notes,
                      guint64         bad_numbers)
{
  if (bad_numbers > 0)
    g_string_append_printf (notes, _("%" PRIu64 " values in numeric columns were not "
                                     "numbers and count as missing.\n"), bad_numbers);
  if (imp->contacts != NULL && imp->contacts->invalid_emails > 0)
    g_string_append_printf (notes, _("%" PRIu64 " e-mail addresses were not valid and were "
                                     "left out (listed as problems).\n"),
                            imp->contacts->invalid_emails);
  record->notes = g_string_free (notes, FALSE);
}

/* _sc_import_count_customer() for a customer not counted yet. */
void
_sc_import_count_new_customer (ScImportRecord *record, guint8 **seen, gsize *cap, guint32 cust,
                               guint32 n_existing)
{
  if (cust >= *cap)
    {
      gsize old = *cap;
      *cap = MAX (*cap * 2, MAX (65536, (gsize) cust + 1));
      *seen = g_realloc (*seen, *cap);
      memset (*seen + old, 0, *cap - old);
    }
  if (!(*seen)[cust])
    {
      (*seen)[cust] = 1;
      record->customers++;
      if (cust >= n_existing)
        record->new_customers++;
    }
}
