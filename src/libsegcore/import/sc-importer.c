/* sc-importer.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One streaming pass per file turns text into columns: customer keys and order keys are
 * interned to dense integers with open-addressing tables (keys live in a string chunk, so
 * there is no allocation per row), rejected rows are written to the project as they are met
 * (only a few examples stay in memory), and the accepted rows go to SQLite in one transaction
 * with multi-row INSERTs.  The same code runs as a dry run (no store) for the wizard's check
 * page, so what the check says is exactly what the import will do.
 *
 * Exact duplicate rows (the same raw text) are reported and imported once: double exports
 * are far more common than two identical order lines.  An order id that reappears with a
 * different customer is reported and kept. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-csv.h"
#include "sc-currency.h"
#include "sc-detect.h"
#include "sc-format.h"
#include "sc-import-attributes-private.h"
#include "sc-importer.h"
#include "sc-importer-private.h"
#include "sc-pushdown.h"
#include "sc-row-reader-private.h"
#include "sc-source-rules-private.h"
#include "sc-store-columns-private.h"
#include "sc-store-private.h"
#include "sc-value.h"
#include "sc-value-private.h"


/* ------------------------------------------------------------------------------------------ */
/* The import                                                                                 */


static void
import_clear (Import *imp)
{
  g_clear_pointer (&imp->prefault, _sc_prefault_finish);
  g_clear_pointer (&imp->agg_follow, _sc_agg_follow_free);
  _sc_interner_clear (&imp->customers);
  _sc_interner_clear (&imp->orders);
  g_clear_pointer (&imp->order_row_hash, g_free);
  g_clear_pointer (&imp->rows_seen.slot, g_free);
  g_clear_pointer (&imp->existing_rows.slot, g_free);
  _sc_import_forget_known_orders (imp);
  g_clear_pointer (&imp->row_customer, g_free);
  g_clear_pointer (&imp->row_day, g_free);
  g_clear_pointer (&imp->row_amount, g_free);
  g_clear_pointer (&imp->row_order, g_free);
  g_clear_pointer (&imp->row_cost, g_free);
  g_clear_pointer (&imp->tx_writer, _sc_tx_writer_free);
  if (imp->tx_keys != NULL)
    g_string_free (g_steal_pointer (&imp->tx_keys), TRUE);
  g_clear_pointer (&imp->order_customer, g_free);
  g_clear_pointer (&imp->problem_stmt, sqlite3_finalize);
  g_clear_pointer (&imp->order_consent, g_array_unref);
  g_clear_pointer (&imp->order_consent_day, g_array_unref);
  g_clear_pointer (&imp->stage_timer, g_timer_destroy);
  g_clear_pointer (&imp->contacts, _sc_contacts_free);
}

static void
report_progress (Import     *imp,
                 double      fraction,
                 const char *message)
{
  if (imp->progress != NULL)
    imp->progress (CLAMP (fraction, 0.0, 1.0), message, imp->progress_data);
}

/* Rows read so far and the pace, so that a long read shows it is moving. */
static void
report_rows (Import     *imp,
             double      fraction,
             const char *stage,
             guint64     rows)
{
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;
  double elapsed;

  if (imp->progress == NULL)
    return;

  elapsed = imp->stage_timer != NULL ? g_timer_elapsed (imp->stage_timer, NULL) : 0.0;
  count = sc_format_count (rows);
  if (elapsed >= 0.25)
    {
      g_autofree char *speed = sc_format_count ((guint64) (rows / elapsed));

      /* Translators: "Reading orders: 1,200,000 rows, 800,000 rows/s"; the numbers are
       * grouped already */
      message = g_strdup_printf (_("%s: %s rows, %s rows/s"), stage, count, speed);
    }
  else
    /* Translators: "Reading orders: 1,200,000 rows"; the number is grouped already */
    message = g_strdup_printf (_("%s: %s rows"), stage, count);
  report_progress (imp, fraction, message);
}

void
_sc_import_read_progress (guint64  rows,
                          double   fraction,
                          gpointer user_data)
{
  Import *imp = user_data;
  double now = imp->stage_timer != NULL ? g_timer_elapsed (imp->stage_timer, NULL) : 0.0;

  /* The first count of a stage, then a few times a second, is enough to show it moves;
   * each message wakes the main loop. */
  if (imp->progress == NULL ||
      (imp->last_report >= 0 && now - imp->last_report < 0.04))
    return;
  imp->last_report = now;
  report_rows (imp, imp->read_from + (imp->read_to - imp->read_from) * fraction, imp->stage,
               rows);
}

gboolean
_sc_import_add_problem (Import      *imp,
                        guint        slot,        /* ScRejectReason, or SC_N_REJECT_REASONS (+1) */
                        const char  *kind,
                        guint64      line,
                        const char  *column,
                        const char  *raw,
                        gsize        raw_len,
                        char        *reason,      /* (transfer full) */
                        GError     **error)
{
  g_autofree char *owned_reason = reason;
  g_autofree char *raw_text = NULL;

  /* Raw text is kept whole in the project (up to the reader's record limit) but capped in
   * memory; invalid UTF-8 cannot occur (the reader converts) but is guarded anyway. */
  raw_text = g_utf8_make_valid (raw != NULL ? raw : "", raw != NULL ? (gssize) raw_len : 0);

  if (imp->problem_stmt != NULL)
    {
      sqlite3_bind_int64 (imp->problem_stmt, 1, imp->import_id);
      sqlite3_bind_int64 (imp->problem_stmt, 2, line);
      sqlite3_bind_text (imp->problem_stmt, 3, column, -1, SQLITE_STATIC);
      sqlite3_bind_text (imp->problem_stmt, 4, owned_reason, -1, SQLITE_STATIC);
      sqlite3_bind_text (imp->problem_stmt, 5, raw_text, -1, SQLITE_STATIC);
      sqlite3_bind_text (imp->problem_stmt, 6, kind, -1, SQLITE_STATIC);
      if (!_sc_store_step_done (imp->store, imp->problem_stmt, error))
        return FALSE;
    }

  if (imp->options->problem_func != NULL)
    {
      ScImportProblem whole = { line, (char *) column, owned_reason, raw_text, (char *) kind };

      imp->options->problem_func (imp->path, &whole, imp->options->problem_data);
    }

  if (imp->examples_per_kind[slot] < SC_IMPORT_EXAMPLES)
    {
      ScImportProblem *p = g_new0 (ScImportProblem, 1);

      imp->examples_per_kind[slot]++;
      p->line = line;
      p->column = g_strdup (column);
      p->reason = g_steal_pointer (&owned_reason);
      /* g_utf8_substring() reads past the end of shorter strings in GLib 2.74. */
      p->raw = g_utf8_substring (raw_text, 0, MIN (400, g_utf8_strlen (raw_text, -1)));
      p->kind = g_strdup (kind);
      g_ptr_array_add (imp->report->examples, p);
    }
  return TRUE;
}

/* Stores the problem of a row that cannot be used (its reason is taken). */
gboolean
_sc_import_reject (Import          *imp,
                   ScImportRecord  *record,
                   ScRowReader     *reader,
                   ScRow           *row,
                   GError         **error)
{
  const char *raw;
  gsize raw_len = 0;

  raw = _sc_row_reader_get_raw (reader, &raw_len);
  imp->report->rejected[row->why]++;
  record->rows_rejected++;
  return _sc_import_add_problem (imp, row->why, "rejected", row->line, row->column, raw, raw_len,
                      g_steal_pointer (&row->reason), error);
}

static void
grow_rows (Import *imp)
{
  /* the arrays move: the helpers faulting them in ahead and summing them stop */
  g_clear_pointer (&imp->prefault, _sc_prefault_finish);
  g_clear_pointer (&imp->agg_follow, _sc_agg_follow_free);
  imp->prefault_mark = G_MAXSIZE;
  imp->cap_rows = MAX (imp->cap_rows + imp->cap_rows / 2, 65536);
  imp->row_customer = g_renew (guint32, imp->row_customer, imp->cap_rows);
  imp->row_day = g_renew (ScDay, imp->row_day, imp->cap_rows);
  imp->row_amount = g_renew (double, imp->row_amount, imp->cap_rows);
  imp->row_order = g_renew (guint32, imp->row_order, imp->cap_rows);
  if (imp->row_cost != NULL)
    imp->row_cost = g_renew (double, imp->row_cost, imp->cap_rows);
}

/* Hands the accepted rows not yet handed over to the writer, which packs them while the
 * file is still read, and stores the chunks it has packed by now. */
static gboolean
push_rows (Import  *imp,
           GError **error)
{
  gsize from = imp->rows_pushed;
  ScTxRows rows = { imp->n_rows - from, imp->row_customer + from, imp->row_day + from,
                    imp->row_amount + from, imp->row_cost != NULL ? imp->row_cost + from : NULL,
                    imp->row_order + from };

  if (imp->tx_writer == NULL || rows.len == 0)
    return TRUE;
  rows.keys = imp->tx_keys->str;
  rows.keys_len = imp->tx_keys->len;
  _sc_tx_writer_push (imp->tx_writer, &rows);
  g_string_truncate (imp->tx_keys, 0);
  imp->rows_pushed = imp->n_rows;
  return _sc_tx_writer_store_packed (imp->tx_writer, imp->store, imp->report->transactions.id, error);
}

static ScHashSet *
ensure_rows_seen (Import *imp)
{
  if (imp->rows_seen.slot == NULL)
    _sc_hash_set_init (&imp->rows_seen, 0);
  return &imp->rows_seen;
}

static gboolean
report_duplicate (Import          *imp,
                  ScImportRecord  *record,
                  ScRowReader     *reader,
                  ScRow           *row,
                  GError         **error)
{
  const char *raw;
  gsize raw_len;

  raw = _sc_row_reader_get_raw (reader, &raw_len);
  record->duplicate_rows++;
  return _sc_import_add_problem (imp, SC_N_REJECT_REASONS, "duplicate", row->line, NULL, raw, raw_len,
                      g_strdup (_("exact copy of an earlier row; imported once")), error);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Starts the record of one file: in the project (so that its problems can point at it),
 * with how the file is read. */
gboolean
_sc_import_begin_record (Import          *imp,
                         ScImportRecord  *record,
                         const char      *kind,
                         const char      *path,
                         ScImportLayout  *layout,
                         ScDateOrder      date_order,
                         GString         *notes,
                         GError         **error)
{
  record->kind = g_strdup (kind);
  record->path = g_strdup (path);
  record->imported_at = now_iso8601 ();
  record->first_day = G_MAXINT32;
  record->last_day = G_MININT32;

  if (imp->store != NULL)
    {
      /* The import row goes in first so problems can point at it; its figures are updated
       * at the end, inside the same transaction. */
      if (!sc_store_add_import (imp->store, record, error))
        return FALSE;
      imp->import_id = record->id;
      g_clear_pointer (&imp->problem_stmt, sqlite3_finalize);
      if (!_sc_store_prepare_add_problem (imp->store, &imp->problem_stmt, error))
        return FALSE;
    }

  _sc_import_record_settings (record, layout, date_order, g_str_equal (kind, "transactions"));
  if (layout->dialect.encoding == SC_ENCODING_WINDOWS_1252)
    g_string_append (notes, _("The file is not UTF-8; it was read as Windows-1252 "
                              "(Western European) and converted.\n"));
  return TRUE;
}

static gboolean
finish_import_record (Import          *imp,
                      ScImportRecord  *record,
                      GError         **error)
{
  return imp->store == NULL || _sc_store_update_import (imp->store, record, error);
}

static gboolean
read_transactions (Import      *imp,
                   const char  *path,
                   GPtrArray   *attributes,     /* of ScAttribute, added to here */
                   GError     **error)
{
  ScImportRecord *record = &imp->report->transactions;
  g_auto(ScImportLayout) layout = { 0 };
  g_autoptr(ScRowReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree guint8 *seen_customer = NULL;
  gsize seen_customer_cap = 0;
  ScDateOrder date_order;
  gsize expected_rows;
  int c_order;
  ScRow *row;
  guint64 file_size;
  char decimal;
  gboolean ok = FALSE;
  int c_consent;
  g_autoptr(GPtrArray) attr_columns = NULL;
  guint64 bad_consent = 0, bad_numbers = 0;

  imp->path = path;
  if (!_sc_import_layout_read (imp->options, imp->cancellable, path, SC_TABLE_TRANSACTIONS,
                               &layout, error))
    return FALSE;
  if (!_sc_import_layout_resolve_date_order (imp->options, imp->cancellable, path, &layout,
                                             &date_order, notes, error))
    return FALSE;
  if (!_sc_import_begin_record (imp, record, "transactions", path, &layout, date_order, notes,
                            error) ||
      !_sc_source_scan_currency (path, &layout, date_order, imp->cancellable, notes, error))
    return FALSE;
  imp->report->orders_shape = layout.rules.shape;

  c_order = layout.column[SC_ROLE_ORDER];
  c_consent = layout.column[SC_ROLE_CONSENT];
  decimal = layout.dialect.decimal_mark;
  attr_columns = _sc_attr_columns_new (&layout, attributes, TRUE);
  if (c_consent >= 0)
    {
      imp->order_consent = g_array_new (FALSE, FALSE, sizeof (gint8));
      imp->order_consent_day = g_array_new (FALSE, FALSE, sizeof (ScDay));
    }

  imp->stage = _("Reading orders");
  reader = _sc_row_reader_new (path, &layout, SC_TABLE_TRANSACTIONS, date_order,
                               imp->cancellable, _sc_import_read_progress, imp, error);
  if (reader == NULL)
    return FALSE;
  file_size = _sc_row_reader_get_size (reader);

  /* Size the tables for the whole file up front: growing a table of millions of slots
   * rehashes every key again. */
  expected_rows = (gsize) (file_size / MAX (layout.bytes_per_row, 8.0) * 1.05) + 1024;
  _sc_interner_reserve (&imp->customers, imp->customers.n + expected_rows / 2);
  imp->has_orders = c_order >= 0;
  if (imp->known != NULL && imp->n_existing > 0 && !_sc_import_load_existing (imp, error))
    return FALSE;
  if (imp->has_orders)
    _sc_interner_init (&imp->orders, expected_rows);
  else
    _sc_hash_set_init (&imp->rows_seen, expected_rows);
  _sc_import_reserve_rows (imp, expected_rows, layout.column[SC_ROLE_COST] >= 0 ||
                           layout.column[SC_ROLE_MARGIN] >= 0 || layout.category_margin != NULL);
  if (imp->known_orders != NULL)
    imp->order_stored = g_new (guint32, MAX (imp->cap_orders, 1));
  if (imp->store != NULL)
    {
      /* with known order ids, the rows carry the numbers they are stored with */
      imp->tx_writer = _sc_tx_writer_new (imp->known_orders != NULL ? 0 : imp->order_base,
                                          imp->has_orders, imp->row_cost != NULL);
      imp->tx_keys = g_string_sized_new (imp->has_orders ? 16 * SC_TX_CHUNK_ROWS : 0);
      /* what summarise_rows() would lend the rows for */
      if (!imp->pushdown && imp->n_existing == 0 && imp->order_base == 0)
        imp->agg_follow = _sc_agg_follow_new (expected_rows / 2);
    }
  g_timer_start (imp->stage_timer);
  imp->last_report = -1.0;

  while ((row = _sc_row_reader_next (reader, &local_error)) != NULL)
    {
      const char *raw;
      gsize raw_len;
      guint32 cust, ord = 0;
      const char *okey = NULL;
      g_autofree char *synth = NULL;    /* okey of a row without an order id */
      gsize olen = 0;
      gboolean added;
      guint64 row_hash;
      ScDay day;
      double amount;

      record->rows_read++;
      if (row->reason != NULL)
        {
          if (!_sc_import_reject (imp, record, reader, row, error))
            goto out;
          continue;
        }

      row_hash = _sc_row_reader_get_raw_hash (reader);
      if (!imp->has_orders && _sc_hash_set_add (&imp->rows_seen, row_hash))
        {
          if (!report_duplicate (imp, record, reader, row, error))
            goto out;
          continue;
        }

      switch (_sc_source_judge_row (reader, &layout, row, imp->report))
        {
        case SC_ROW_LINE_ITEM:
          imp->report->line_items++;
          continue;
        case SC_ROW_EXCLUDED:
          continue;
        case SC_ROW_REJECTED:
          if (!_sc_import_reject (imp, record, reader, row, error))
            goto out;
          continue;
        case SC_ROW_COUNTS:
        default:
          break;
        }
      day = row->day;
      amount = row->amount;

      /* Rows an earlier import brought are counted and skipped. */
      if (imp->existing_rows.slot != NULL && imp->has_orders &&
          !sc_value_is_missing (row->fields[c_order]) &&
          _sc_hash_set_contains (&imp->existing_rows,
                                 _sc_order_row_identity (row->fields[c_order], day, amount) | 1))
        {
          record->already_present++;
          continue;
        }
      if (imp->existing_rows.slot != NULL && !imp->has_orders)
        {
          guint32 known = _sc_interner_intern (&imp->customers, row->customer,
                                               row->customer_len, FALSE, NULL);
          if (known != SC_INTERN_ABSENT &&
              _sc_hash_set_contains (&imp->existing_rows, _sc_row_identity (known, day, amount)))
            {
              record->already_present++;
              continue;
            }
        }

      cust = _sc_interner_intern (&imp->customers, row->customer,
                                  row->customer_len, TRUE, &added);

      if (imp->has_orders)
        {
          okey = row->fields[c_order];
          olen = row->lengths[c_order];

          /* A row without an order id is an order of its own. */
          if (_sc_value_is_missing_quick (row->fields[c_order]))
            {
              synth = g_strdup_printf ("\x1f%" PRIu64, row->line);
              okey = synth;
              olen = strlen (synth);
            }
          ord = _sc_interner_intern (&imp->orders, okey, olen, TRUE, &added);
          if (ord == SC_INTERN_ABSENT)
            {
              g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                           _("“%s” has more distinct orders than Segments can hold."),
                           _sc_import_basename (path));
              goto out;
            }
          if (added)
            {
              if (ord >= imp->cap_orders)
                {
                  imp->cap_orders = MAX (imp->cap_orders * 2, MAX (expected_rows, 65536));
                  imp->order_customer = g_renew (guint32, imp->order_customer, imp->cap_orders);
                  imp->order_row_hash = g_renew (guint64, imp->order_row_hash, imp->cap_orders);
                  if (imp->known_orders != NULL)
                    imp->order_stored = g_renew (guint32, imp->order_stored, imp->cap_orders);
                }
              imp->order_customer[ord] = cust;
              imp->order_row_hash[ord] = row_hash;
              if (imp->order_stored != NULL)
                imp->order_stored[ord] = _sc_import_stored_order_no (imp, okey, olen, ord);
            }
          else
            {
              /* An exact copy repeats its order id, so duplicates are only looked for among
               * rows of orders seen before: the first row of each order is remembered with
               * the order, the others in a set that stays small for order-per-row files. */
              if (imp->order_row_hash[ord] == row_hash ||
                  _sc_hash_set_add (ensure_rows_seen (imp), row_hash))
                {
                  if (!report_duplicate (imp, record, reader, row, error))
                    goto out;
                  continue;
                }
              /* Lines of one order may carry later dates (returns, adjustments); another
               * customer on the same order id is what signals a clash. */
              if (imp->order_customer[ord] != cust)
                {
                  g_autofree char *shown = _sc_import_shown_value (row->fields[c_order]);

                  raw = _sc_row_reader_get_raw (reader, &raw_len);
                  record->duplicate_order_ids++;
                  if (!_sc_import_add_problem (imp, SC_N_REJECT_REASONS + 1, "warning",
                                    row->line, layout.header[c_order], raw,
                                    raw_len,
                                    g_strdup_printf (_("order id “%s” was used before for "
                                                       "another customer; the row is imported"),
                                                     shown), error))
                    goto out;
                }
            }
        }
      else
        ord = imp->n_orders_local++;

      if (imp->n_rows == imp->cap_rows)
        grow_rows (imp);
      imp->row_customer[imp->n_rows] = cust;
      imp->row_day[imp->n_rows] = day;
      imp->row_amount[imp->n_rows] = amount;
      imp->row_order[imp->n_rows] = imp->order_stored != NULL ? imp->order_stored[ord] : ord;
      if (imp->row_cost != NULL)
        imp->row_cost[imp->n_rows] = row->cost;
      imp->n_rows++;
      if (G_UNLIKELY (imp->n_rows >= imp->prefault_mark))
        imp->prefault_mark = _sc_prefault_advance (imp->prefault, imp->n_rows);
      if (imp->tx_writer != NULL)
        {
          /* the interned key's text, up to a NUL as stored keys end there */
          if (imp->has_orders)
            {
              gsize klen = strnlen (okey, olen) + 1, at = imp->tx_keys->len;

              /* grows like a GString, without its per-call work */
              if (at + klen >= imp->tx_keys->allocated_len)
                g_string_set_size (imp->tx_keys, at + klen);
              memcpy (imp->tx_keys->str + at, okey, klen);
              imp->tx_keys->len = at + klen;
              imp->tx_keys->str[at + klen] = '\0';
            }
          if (imp->n_rows - imp->rows_pushed == SC_TX_CHUNK_ROWS)
            {
              if (!push_rows (imp, error))
                goto out;
              if (imp->agg_follow != NULL)
                _sc_agg_follow_rows (imp->agg_follow, imp->row_customer, imp->row_day,
                                     imp->row_amount, imp->row_order, imp->n_rows);
            }
        }

      _sc_import_count_customer (record, &seen_customer, &seen_customer_cap, cust,
                                 imp->n_existing);

      record->rows_accepted++;
      record->revenue += amount;
      if (amount < 0)
        record->returns++;
      record->first_day = MIN (record->first_day, day);
      record->last_day = MAX (record->last_day, day);

      if (c_consent >= 0 && !sc_value_is_missing (row->fields[c_consent]))
        {
          guint old = imp->order_consent->len;
          gboolean yes;

          if (old < imp->customers.n)
            {
              g_array_set_size (imp->order_consent, imp->customers.n);
              g_array_set_size (imp->order_consent_day, imp->customers.n);
              memset (imp->order_consent->data + old, -1, imp->customers.n - old);
              for (guint j = old; j < imp->customers.n; j++)
                g_array_index (imp->order_consent_day, ScDay, j) = G_MININT32;
            }
          if (!_sc_source_read_consent (&layout.rules, row->fields[c_consent], &yes))
            bad_consent++;
          else if (day >= g_array_index (imp->order_consent_day, ScDay, cust))
            {
              g_array_index (imp->order_consent, gint8, cust) = yes ? 1 : 0;
              g_array_index (imp->order_consent_day, ScDay, cust) = day;
            }
        }
      for (guint a = 0; a < attr_columns->len; a++)
        {
          ScAttrColumn *ac = g_ptr_array_index (attr_columns, a);

          if (!_sc_attr_column_set (ac, cust, imp->customers.n, row->fields[ac->column], decimal,
                                    day))
            bad_numbers++;
        }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  /* A currency column names the currency kept (sc-source-rules.c); else the markers of the
   * amounts ("€ 12"), if any. */
  {
    g_autofree char *kept = layout.rules.currency_kept != NULL
                            ? g_ascii_strup (g_strstrip (layout.rules.currency_kept), -1)
                            : NULL;

    imp->currency = g_intern_string (sc_currency_is_code (kept)
                                     ? kept : _sc_row_reader_get_currency (reader));
  }

  if (record->rows_read == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("“%s” has a header but no rows to import."), _sc_import_basename (path));
      goto out;
    }
  if (record->rows_accepted == 0 && record->already_present == 0 &&
      imp->report->excluded != NULL)
    {
      g_autofree char *shape = sc_import_report_describe_shape (imp->report);

      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("No order of “%s” counts: every one was left out by its status, refund "
                     "or currency (%s). Choose the statuses that count (segments-cli: "
                     "--count-status) or read it as a plain table (--source generic)."),
                   _sc_import_basename (path), shape != NULL ? shape : _("see the report"));
      goto out;
    }
  if (record->rows_accepted == 0 && record->already_present == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("None of the %" PRIu64 " rows of “%s” could be imported. The "
                     "first problem, on line %" PRIu64 ": %s."),
                   record->rows_read, _sc_import_basename (path),
                   imp->report->examples->len > 0
                     ? ((ScImportProblem *) g_ptr_array_index (imp->report->examples, 0))->line : 0,
                   imp->report->examples->len > 0
                     ? ((ScImportProblem *) g_ptr_array_index (imp->report->examples, 0))->reason
                     : _("no usable rows"));
      goto out;
    }

  for (guint a = 0; a < attr_columns->len; a++)
    _sc_attr_column_finish (g_ptr_array_index (attr_columns, a), imp->customers.n);
  imp->report->orders = imp->has_orders ? imp->orders.n : imp->n_orders_local;

  if (record->duplicate_rows > 0)
    g_string_append_printf (notes, _("%" PRIu64 " rows were exact copies of earlier "
                                     "rows and were imported once.\n"), record->duplicate_rows);
  if (bad_consent > 0)
    g_string_append_printf (notes, _("%" PRIu64 " consent values were not yes/no and were "
                                     "left out.\n"), bad_consent);
  _sc_import_end_notes (imp, record, g_steal_pointer (&notes), bad_numbers);
  ok = TRUE;

out:
  return ok;
}

static void
write_progress (double      fraction,
                const char *message,
                gpointer    user_data)
{
  report_progress (user_data, STAGE_READ_END + 0.02 + (STAGE_WRITE_END - STAGE_READ_END - 0.04) * fraction,
                   NULL);
}

/* On a fresh project the rows in memory are all there is: they are summarised, and the
 * summary packed, in a thread while the importing thread writes the other columns and the
 * rows, then packs the customer keys.  Nothing writes to the rows or the keys by then. */
typedef struct
{
  const Import    *imp;
  ScAggFollow     *follow;        /* imp's, if it has followed the rows */
  guint32          n_customers;
  gboolean         ok;
  ScPackedColumns *columns;
} Summary;

static gpointer
summarise_rows (gpointer data)
{
  Summary *summary = data;
  const Import *imp = summary->imp;
  g_autoptr(ScTransactions) tx = g_new0 (ScTransactions, 1);
  g_autoptr(ScAggregates) agg = NULL;
  gboolean lent = FALSE;
  ScTxRows rows = { imp->n_rows, imp->row_customer, imp->row_day, imp->row_amount, NULL,
                    imp->row_order };

  tx->n_customers = summary->n_customers;
  summary->columns = _sc_packed_columns_new ();
  if (summary->follow != NULL)
    agg = _sc_agg_follow_finish (summary->follow, rows.customer, rows.day, rows.amount,
                                 rows.order, rows.len, summary->n_customers);
  if (agg != NULL)
    {
      summary->ok = TRUE;
      _sc_packed_columns_add_aggregates (summary->columns, agg);
      return NULL;
    }
  if (imp->order_base == 0)
    lent = _sc_transactions_group_or_lend (tx, &rows);
  else
    {
      _sc_transactions_group (tx, imp->n_rows, imp->row_customer, imp->row_day,
                              imp->row_amount, imp->row_order);
      for (gsize i = 0; i < imp->n_rows; i++)
        tx->order[i] += imp->order_base;
    }
  agg = sc_aggregates_compute (tx);
  if (lent)
    _sc_transactions_give_back (tx);
  summary->ok = agg != NULL;
  if (agg != NULL)
    _sc_packed_columns_add_aggregates (summary->columns, agg);
  return NULL;
}

/* Writes the customer columns and the new rows. */
static gboolean
store_rows (Import     *imp,
            gboolean    keys_packed,
            guint32     n_orders,
            GPtrArray  *attributes,
            GArray     *consent,
            GError    **error)
{
  guint32 n_customers = imp->customers.n;
  g_autofree gint8 *all_consent = g_new (gint8, MAX (n_customers, 1));
  g_autofree guint8 *all_listed = g_new (guint8, MAX (n_customers, 1));

  report_progress (imp, STAGE_READ_END, _("Saving customers"));
  if (!keys_packed &&
      !sc_store_save_customer_keys (imp->store, n_customers, imp->customers.buf,
                                    imp->customers.buf_len, error))
    return FALSE;

  if (!sc_store_load_consent (imp->store, n_customers, all_consent, all_listed, error))
    return FALSE;
  /* Consent from orders first, so that a customer list, which is about consent, wins. */
  for (guint32 c = 0; imp->order_consent != NULL && c < imp->order_consent->len; c++)
    {
      gint8 v = g_array_index (imp->order_consent, gint8, c);
      if (v >= 0)
        all_consent[c] = v;
    }
  for (guint32 c = 0; consent != NULL && c < consent->len; c++)
    {
      gint8 v = g_array_index (consent, gint8, c);
      if (v >= 0)
        {
          all_consent[c] = v;
          all_listed[c] = 1;
        }
    }
  if (!sc_store_save_consent (imp->store, n_customers, all_consent, all_listed, error))
    return FALSE;

  if (!_sc_store_record_conflicts (imp->store, imp->report->customers.kind != NULL
                                                ? imp->report->customers.id
                                                : imp->report->transactions.id,
                                   n_customers, attributes, error) ||
      (imp->options->set_margin &&
       !_sc_store_set_margin (imp->store, imp->options->margin_percent, error)))
    return FALSE;
  for (guint a = 0; attributes != NULL && a < attributes->len; a++)
    if (!sc_store_save_attribute (imp->store, n_customers, g_ptr_array_index (attributes, a),
                                  error))
      return FALSE;
  if (imp->contacts != NULL &&
      !_sc_contacts_save (imp->contacts, imp->store, n_customers, error))
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    return FALSE;

  report_progress (imp, STAGE_READ_END + 0.02, _("Saving transactions"));
  if (imp->n_rows > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", imp->order_base + n_orders);

      if (!push_rows (imp, error) ||
          !_sc_tx_writer_finish (imp->tx_writer, imp->store, imp->report->transactions.id,
                                 imp->cancellable, write_progress, imp, error) ||
          !sc_store_set_meta (imp->store, "order_count", count, error))
        return FALSE;
    }
  /* An import without currency markers keeps what an earlier one found. */
  if (imp->currency != NULL &&
      !sc_store_set_meta (imp->store, SC_CURRENCY_META_KEY, imp->currency, error))
    return FALSE;

  return !g_cancellable_set_error_if_cancelled (imp->cancellable, error);
}

/* Writes the customer columns and the new rows, recomputes the aggregates of every
 * customer. */
static gboolean
store_everything (Import     *imp,
                  GPtrArray  *attributes,
                  GArray     *consent,
                  GError    **error)
{
  g_autoptr(ScTransactions) tx = NULL;
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(ScPackedColumns) packed = NULL;
  g_autoptr(ScPackedColumns) keys = NULL;
  Summary summary = { imp, imp->agg_follow, imp->customers.n, FALSE, NULL };
  GThread *thread = NULL;
  guint32 n_orders = imp->has_orders ? imp->orders.n : imp->n_orders_local;
  gboolean ok;

  /* What only reading needed goes before the summary takes memory (summed already while
   * reading, it takes little: it starts first); the writer holds the order ids it stores. */
  /* (a follower exists only for a new project's own rows, see read_transactions()) */
  if (imp->agg_follow != NULL)
    thread = g_thread_new ("segments-sum", summarise_rows, &summary);
  g_clear_pointer (&imp->prefault, _sc_prefault_finish);
  _sc_interner_clear (&imp->orders);
  g_clear_pointer (&imp->order_customer, g_free);
  g_clear_pointer (&imp->order_row_hash, g_free);
  g_clear_pointer (&imp->rows_seen.slot, g_free);
  g_clear_pointer (&imp->existing_rows.slot, g_free);
  _sc_import_forget_known_orders (imp);

  /* Aggregates always cover every transaction of a customer: on a fresh project the rows in
   * memory are all there is; when adding to a project, read everything back. */
  if (!imp->pushdown && imp->n_existing == 0 && thread == NULL)
    thread = g_thread_new ("segments-sum", summarise_rows, &summary);
  ok = store_rows (imp, thread != NULL, n_orders, attributes, consent, error);
  if (thread != NULL)
    {
      keys = _sc_packed_columns_new ();
      if (ok)
        _sc_packed_columns_add (keys, "key", summary.n_customers, 0, imp->customers.buf,
                                imp->customers.buf_len);
      g_thread_join (thread);
      packed = g_steal_pointer (&summary.columns);
    }
  if (!ok)
    return FALSE;

  report_progress (imp, STAGE_WRITE_END, _("Summarising customers"));

  /* The orders stay in a database: a customer list keeps the server's figures, and the
   * customers it adds have none. */
  if (imp->pushdown)
    {
      agg = sc_store_load_aggregates (imp->store, error);
      return agg != NULL && sc_store_save_aggregates (imp->store, agg, error);
    }

  if (packed == NULL)
    {
      tx = sc_store_load_transactions (imp->store, summary.n_customers, G_MAXINT32,
                                       imp->cancellable, error);
      if (tx == NULL || g_cancellable_set_error_if_cancelled (imp->cancellable, error))
        return FALSE;
      agg = sc_aggregates_compute (tx);
    }
  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    return FALSE;
  if (packed != NULL ? !summary.ok : agg == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("The transactions of “%s” are inconsistent."), sc_store_get_path (imp->store));
      return FALSE;
    }
  return packed != NULL ? _sc_packed_columns_save (keys, imp->store, error) &&
                          _sc_packed_columns_save (packed, imp->store, error)
                        : sc_store_save_aggregates (imp->store, agg, error);
}

static void
count_unmatched (Import *imp,
                 GArray *consent)
{
  guint32 n = imp->customers.n;
  g_autofree guint8 *has_rows = g_new0 (guint8, MAX (n, 1));

  for (gsize i = 0; i < imp->n_rows; i++)
    has_rows[imp->row_customer[i]] = 1;

  imp->report->transactions.unmatched = 0;
  imp->report->customers.unmatched = 0;
  for (guint32 c = 0; c < n; c++)
    {
      gboolean listed = consent != NULL && c < consent->len &&
                        g_array_index (consent, gint8, c) >= 0;
      if (has_rows[c] && !listed)
        imp->report->transactions.unmatched++;
      if (!has_rows[c] && listed)
        imp->report->customers.unmatched++;
    }
}

/* @known: the project read for the customers and rows it holds (@store when importing) */
static ScImportReport *
run_import (ScStore                *store,
            ScStore                *known,
            const ScImportOptions  *options,
            ScProgressFunc          progress,
            gpointer                progress_data,
            GCancellable           *cancellable,
            GError                **error)
{
  g_autoptr(ScImportReport) report = g_new0 (ScImportReport, 1);
  g_autoptr(GPtrArray) attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_attribute_free);
  g_autoptr(GArray) consent = g_array_new (FALSE, TRUE, sizeof (gint8));
  Import imp = { 0 };
  gboolean ok = FALSE;
  g_autoptr(GTimer) timer = NULL;
  gint64 autocheckpoint = -1;
  g_autoptr(ScInteractionBatch) interactions = NULL;
  gboolean outermost = TRUE;
  gboolean new_project = FALSE;   /* _sc_store_begin_alone() was asked */
  gboolean alone = FALSE;         /* its transaction writes through a rollback journal */

  g_return_val_if_fail (options != NULL, NULL);

  if (options->transactions_path == NULL && options->customers_path == NULL &&
      options->interactions_path == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("Choose an orders file, a customer list or interactions to import."));
      return NULL;
    }

  report->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_import_problem_free);
  imp.store = store;
  imp.known = known;
  imp.options = options;
  imp.report = report;
  imp.progress = progress;
  imp.progress_data = progress_data;
  imp.cancellable = cancellable;
  _sc_interner_init (&imp.customers, 0);

  if (store != NULL)
    {
      /* SQLite checkpoints the WAL into the database when a COMMIT makes it long, inside that
       * COMMIT: after a big import, half a second (4M transactions) during which cancelling could
       * not stop anything.  The import commits without it, then checkpoints: the import has
       * succeeded by then, and the checkpoint still happens in this thread rather than in the
       * next edit's commit on the UI thread. */
      autocheckpoint = _sc_store_get_autocheckpoint (store);
      if (autocheckpoint > 0)
        _sc_store_set_autocheckpoint (store, 0);
      /* Issue 14: a reported success survives power loss, so the commit syncs the WAL. */
      /* Inside a caller's transaction (a database import, sc-pg-import.c) the caller's
       * commit is the one that counts, and the safety level cannot change there. */
      outermost = sqlite3_get_autocommit (_sc_store_get_db (store));
      /* Issue 21: the first import of a new project writes its pages once, through a
       * rollback journal, when this connection has the file to itself
       * (store/sc-store-import.c); otherwise, and for a project that holds rows, through
       * the WAL and a checkpoint after the commit. */
      new_project = outermost && sc_store_get_n_customers (store) == 0 &&
                    sc_store_get_n_transactions (store) == 0;
      if (new_project)
        {
          if (!_sc_store_begin_alone (store, &alone, error))
            goto out;
        }
      else if ((outermost && !_sc_store_exec (store, "PRAGMA synchronous = FULL", error)) ||
               !sc_store_begin (store, error))
        goto out;
    }
  if (known != NULL)
    {
      g_autoptr(GPtrArray) keys = NULL;

      if (!sc_store_load_customer_keys (known, &keys, error))
        goto out;
      for (guint i = 0; i < keys->len; i++)
        {
          const char *k = g_ptr_array_index (keys, i);
          _sc_interner_intern (&imp.customers, k, strlen (k), TRUE, NULL);
        }
      imp.n_existing = keys->len;
    }
  if (store != NULL)
    {
      imp.pushdown = _sc_pushdown_is_active (store);
      if (imp.pushdown && options->transactions_path != NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("The orders of “%s” stay in a PostgreSQL database, which sums them: "
                         "refresh the project from there (segments-cli refresh) instead of "
                         "adding an orders file."), sc_store_get_path (store));
          goto out;
        }
      imp.order_base = _sc_store_get_n_orders (store);
    }

  timer = g_timer_new ();
  imp.stage_timer = g_timer_new ();
  imp.last_report = -1.0;
  imp.read_from = 0.0;
  imp.read_to = options->customers_path != NULL ? STAGE_READ_END - 0.05 : STAGE_READ_END;
  if (options->interactions_path != NULL)
    imp.read_to /= 2;
  report_progress (&imp, 0.0, _("Reading orders"));
  if (options->transactions_path != NULL &&
      !read_transactions (&imp, options->transactions_path, attributes, error))
    goto out;

  g_debug ("import: orders read in %.3f s", g_timer_elapsed (timer, NULL));
  imp.read_from = options->transactions_path != NULL ? imp.read_to : 0.0;
  imp.read_to = options->interactions_path != NULL ? STAGE_READ_END / 2 + 0.05 : STAGE_READ_END;
  report_progress (&imp, imp.read_from, _("Reading the customer list"));
  if (options->customers_path != NULL &&
      !_sc_import_read_customers (&imp, options->customers_path, attributes, consent, error))
    goto out;

  imp.read_from = imp.read_to;
  imp.read_to = STAGE_READ_END;
  if (options->interactions_path != NULL &&
      !_sc_interactions_read (&imp, options->interactions_path, &interactions, error))
    goto out;

  if (options->customers_path != NULL)
    count_unmatched (&imp, consent);

  if (store != NULL)
    {
      if ((imp.has_orders && !_sc_import_forget_exclusions (store, &imp.orders, error)) ||
          !store_everything (&imp, attributes, consent, error))
        goto out;
      if (interactions != NULL && !_sc_interactions_store (&imp, interactions, error))
        goto out;
      if (report->transactions.kind != NULL &&
          (!finish_import_record (&imp, &report->transactions, error) ||
           !_sc_import_save_exclusions (store, report->transactions.id, report, error)))
        goto out;
      if (report->customers.kind != NULL &&
          !finish_import_record (&imp, &report->customers, error))
        goto out;
      if (report->interactions.kind != NULL &&
          !finish_import_record (&imp, &report->interactions, error))
        goto out;
      g_clear_pointer (&imp.problem_stmt, sqlite3_finalize);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      g_debug ("import: stored in %.3f s", g_timer_elapsed (timer, NULL));
      if (!sc_store_commit (store, error))
        goto out;
      g_debug ("import: committed in %.3f s", g_timer_elapsed (timer, NULL));
      if (outermost && !alone && !_sc_store_checkpoint_import (store, error))
        goto out;
      report->project_customers = sc_store_get_n_customers (store);
      report->project_transactions = sc_store_get_n_transactions (store);
    }
  else
    {
      report->project_customers = imp.customers.n;
      report->project_transactions = imp.n_rows +
                                     (known != NULL ? sc_store_get_n_transactions (known) : 0);
    }

  report_progress (&imp, 1.0, NULL);
  ok = TRUE;

out:
  g_clear_pointer (&imp.problem_stmt, sqlite3_finalize);
  if (!ok && store != NULL)
    sc_store_rollback (store);
  if (store != NULL && outermost)
    _sc_store_exec (store, "PRAGMA synchronous = NORMAL", NULL);
  if (new_project)
    _sc_store_end_alone (store);
  if (autocheckpoint > 0)
    _sc_store_set_autocheckpoint (store, autocheckpoint);
  import_clear (&imp);
  return ok ? g_steal_pointer (&report) : NULL;
}

/**
 * sc_import:
 * @store: (nullable): where to import; %NULL checks the files without writing
 * @options: the files and how to read them
 * @progress: (nullable) (scope call): called from this thread
 * @cancellable: (nullable): cancels the import; nothing is written then
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the import report, or %NULL with @error set
 */
ScImportReport *
sc_import (ScStore                *store,
           const ScImportOptions  *options,
           ScProgressFunc          progress,
           gpointer                progress_data,
           GCancellable           *cancellable,
           GError                **error)
{
  return run_import (store, store, options, progress, progress_data, cancellable, error);
}

/**
 * sc_import_check:
 * @known: the project the files would be imported into
 *
 * The dry run of sc_import() for @known: nothing is written, and the report counts what an
 * import would add to it, leaving out the rows it already holds (already_present) and
 * counting as new only the customers it does not know.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
ScImportReport *
sc_import_check (ScStore                *known,
                 const ScImportOptions  *options,
                 ScProgressFunc          progress,
                 gpointer                progress_data,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_return_val_if_fail (known != NULL, NULL);

  return run_import (NULL, known, options, progress, progress_data, cancellable, error);
}

/* For the interactions file (sc-interactions.c, through sc-importer-private.h). */
void
_sc_import_run_get (ScImportRun *imp, ScImportContext *ctx)
{
  *ctx = (ScImportContext) { imp->store, imp->options, imp->report, imp->cancellable,
                             &imp->customers, imp->n_existing };
}

ScRowReader *
_sc_import_run_begin (ScImportRun *imp, ScImportRecord *record, const char *path,
                      ScImportLayout *layout, ScDateOrder order, GString *notes, GError **error)
{
  imp->path = path;
  imp->stage = _("Reading interactions");
  g_timer_start (imp->stage_timer);
  imp->last_report = -1.0;
  if (!_sc_import_begin_record (imp, record, "interactions", path, layout, order, notes, error))
    return NULL;
  return _sc_row_reader_new (path, layout, SC_TABLE_INTERACTIONS, order, imp->cancellable,
                             _sc_import_read_progress, imp, error);
}

gboolean
_sc_import_run_problem (ScImportRun *imp, ScImportRecord *record, ScRowReader *reader,
                        ScRow *row, gboolean duplicate, GError **error)
{
  return duplicate ? report_duplicate (imp, record, reader, row, error)
                   : _sc_import_reject (imp, record, reader, row, error);
}
