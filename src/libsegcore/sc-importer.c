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
#include "sc-detect.h"
#include "sc-importer.h"
#include "sc-store-private.h"
#include "sc-value.h"

#define SAMPLE_ROWS 1000
#define CHECK_EVERY 4096
#define MAX_SHOWN_VALUE 60

/* Progress slices of an import. */
#define STAGE_READ_END   0.55
#define STAGE_WRITE_END  0.90

/* ------------------------------------------------------------------------------------------ */
/* Interning                                                                                  */

/* A set of 64-bit hashes of raw rows, for exact duplicates: a collision needs two different
 * rows with the same 64-bit hash, which we accept. */
typedef struct
{
  guint64 *slot;
  gsize    mask;
  gsize    count;
} HashSet;

static void
hash_set_init (HashSet *set,
               gsize    expected)
{
  set->mask = 4096 - 1;
  while ((set->mask + 1) / 2 < expected)
    set->mask = set->mask * 2 + 1;
  set->slot = g_new0 (guint64, set->mask + 1);
  set->count = 0;
}

static gboolean
hash_set_contains (const HashSet *set,
                   guint64        h)
{
  for (gsize at = h & set->mask; set->slot[at] != 0; at = (at + 1) & set->mask)
    if (set->slot[at] == h)
      return TRUE;
  return FALSE;
}

/* TRUE when h was already present. */
static gboolean
hash_set_add (HashSet *set,
              guint64  h)
{
  gsize at;

  for (at = h & set->mask; set->slot[at] != 0; at = (at + 1) & set->mask)
    if (set->slot[at] == h)
      return TRUE;
  set->slot[at] = h;
  if (++set->count * 2 > set->mask)
    {
      gsize new_mask = set->mask * 2 + 1;
      guint64 *slot = g_new0 (guint64, new_mask + 1);

      for (gsize i = 0; i <= set->mask; i++)
        if (set->slot[i] != 0)
          {
            gsize j;
            for (j = set->slot[i] & new_mask; slot[j] != 0; j = (j + 1) & new_mask)
              ;
            slot[j] = set->slot[i];
          }
      g_free (set->slot);
      set->slot = slot;
      set->mask = new_mask;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Options and report                                                                         */

void
sc_import_options_init (ScImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->date_order = SC_DATE_ORDER_AUTO;
}

void
sc_import_options_clear (ScImportOptions *options)
{
  g_clear_pointer (&options->transactions_path, g_free);
  g_clear_pointer (&options->customers_path, g_free);
  for (guint i = 0; i < SC_N_ROLES; i++)
    g_clear_pointer (&options->map[i], g_free);
}

void
sc_import_options_copy (const ScImportOptions *src,
                        ScImportOptions       *dest)
{
  *dest = *src;
  dest->transactions_path = g_strdup (src->transactions_path);
  dest->customers_path = g_strdup (src->customers_path);
  for (guint i = 0; i < SC_N_ROLES; i++)
    dest->map[i] = g_strdup (src->map[i]);
}

void
sc_import_report_free (ScImportReport *report)
{
  if (report == NULL)
    return;
  sc_import_record_clear (&report->transactions);
  sc_import_record_clear (&report->customers);
  g_clear_pointer (&report->examples, g_ptr_array_unref);
  g_free (report);
}

static void
append_record (GString              *out,
               const ScImportRecord *r)
{
  g_string_append_printf (out, _("%s: %s\n"),
                          g_str_equal (r->kind, "transactions") ? _("Orders") : _("Customer list"),
                          r->path);
  g_string_append_printf (out, _("  Rows read:       %" PRIu64 "\n"), r->rows_read);
  g_string_append_printf (out, _("  Accepted:        %" PRIu64 "\n"), r->rows_accepted);
  g_string_append_printf (out, _("  Rejected:        %" PRIu64 "\n"), r->rows_rejected);
  if (r->duplicate_rows > 0)
    g_string_append_printf (out, _("  Duplicate rows (imported once): %" PRIu64 "\n"),
                            r->duplicate_rows);
  if (g_str_equal (r->kind, "transactions"))
    {
      if (r->already_present > 0)
        g_string_append_printf (out, _("  Already in the project (skipped): %" PRIu64
                                       "\n"), r->already_present);
      if (r->duplicate_order_ids > 0)
        g_string_append_printf (out, _("  Order ids reused for another customer: %"
                                       PRIu64 "\n"), r->duplicate_order_ids);
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

/* ------------------------------------------------------------------------------------------ */
/* The import                                                                                 */

typedef struct
{
  ScStore               *store;           /* NULL for a dry run */
  const ScImportOptions *options;
  ScImportReport        *report;
  ScProgressFunc         progress;
  gpointer               progress_data;
  GCancellable          *cancellable;

  ScInterner             customers;
  guint32                n_existing;      /* customers in the project before */
  guint32                order_base;      /* order numbers used by earlier imports */

  /* accepted transaction rows, in input order */
  gsize                  n_rows;
  gsize                  cap_rows;
  guint32               *row_customer;
  ScDay                 *row_day;
  double                *row_amount;
  guint32               *row_order;       /* NULL without an order column */

  ScInterner             orders;
  gboolean               has_orders;
  guint32                n_orders_local;  /* without an order column: one order per row */
  guint32               *order_customer;
  guint64               *order_row_hash;  /* raw-text hash of the order's first row */
  gsize                  cap_orders;
  HashSet                rows_seen;       /* raw-text hashes of rows not checked by order */

  /* What earlier imports brought, so adding a file twice adds nothing. */
  ScInterner             existing_orders;
  HashSet                existing_rows;   /* (customer, day, amount) of rows without order id */

  /* problems: streamed to the store, a few kept as examples */
  sqlite3_stmt          *problem_stmt;
  guint64                import_id;
  guint                  examples_per_kind[SC_N_REJECT_REASONS + 2];
} Import;

static void
import_clear (Import *imp)
{
  _sc_interner_clear (&imp->customers);
  _sc_interner_clear (&imp->orders);
  g_clear_pointer (&imp->order_row_hash, g_free);
  g_clear_pointer (&imp->rows_seen.slot, g_free);
  _sc_interner_clear (&imp->existing_orders);
  g_clear_pointer (&imp->existing_rows.slot, g_free);
  g_clear_pointer (&imp->row_customer, g_free);
  g_clear_pointer (&imp->row_day, g_free);
  g_clear_pointer (&imp->row_amount, g_free);
  g_clear_pointer (&imp->row_order, g_free);
  g_clear_pointer (&imp->order_customer, g_free);
  g_clear_pointer (&imp->problem_stmt, sqlite3_finalize);
}

static void
report_progress (Import     *imp,
                 double      fraction,
                 const char *message)
{
  if (imp->progress != NULL)
    imp->progress (CLAMP (fraction, 0.0, 1.0), message, imp->progress_data);
}

/* A value as shown inside a message: cut so a 2 MB field does not become a 2 MB message. */
static char *
shown_value (const char *value)
{
  if (g_utf8_strlen (value, MAX_SHOWN_VALUE + 1) > MAX_SHOWN_VALUE)
    {
      g_autofree char *cut = g_utf8_substring (value, 0, MAX_SHOWN_VALUE);
      return g_strdup_printf ("%s…", cut);
    }
  return g_strdup (value);
}

static gboolean
add_problem (Import      *imp,
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

static gboolean
reject (Import         *imp,
        ScRejectReason  why,
        ScImportRecord *record,
        ScCsvReader    *reader,
        const char     *column,
        char           *reason,
        GError        **error)
{
  const char *raw;
  gsize raw_len = 0;

  raw = sc_csv_reader_get_raw (reader, &raw_len);
  imp->report->rejected[why]++;
  record->rows_rejected++;
  return add_problem (imp, why, "rejected", sc_csv_reader_get_line (reader), column,
                      raw, raw_len, reason, error);
}

static int
find_column (guint               n_columns,
             char              **header,
             const char         *name)
{
  for (guint i = 0; i < n_columns; i++)
    if (g_ascii_strcasecmp (g_strstrip (header[i]), name) == 0)
      return (int) i;
  /* Tolerate surrounding spaces in what people type. */
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *a = g_strstrip (g_strdup (header[i]));
      g_autofree char *b = g_strstrip (g_strdup (name));
      if (g_ascii_strcasecmp (a, b) == 0)
        return (int) i;
    }
  return -1;
}

static char *
columns_list (guint   n_columns,
              char  **header)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_columns; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, header[i]);
    }
  return g_string_free (s, FALSE);
}

typedef struct
{
  ScCsvDialect  dialect;
  guint         n_columns;
  char        **header;         /* n_columns; names made up when the file has none */
  GPtrArray    *sample;         /* of char ** (n_columns each, padded) */
  ScColumnGuess *guesses;
  int           column[SC_N_ROLES];  /* index per role, -1 none (attributes: not used) */
  double        bytes_per_row;       /* in the sample, to size tables before the pass */
} Layout;

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->header, g_strfreev);
  g_clear_pointer (&layout->sample, g_ptr_array_unref);
  g_clear_pointer (&layout->guesses, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Layout, layout_clear)

static const char *
file_basename_for (const char *path)
{
  const char *slash = strrchr (path, G_DIR_SEPARATOR);
  return slash != NULL ? slash + 1 : path;
}

/* Sniffs the dialect (unless set in the options), reads the header and a sample, and detects
 * the column roles; options->map overrides detection. */
static gboolean
read_layout (Import       *imp,
             const char   *path,
             ScTableKind   kind,
             Layout       *layout,
             GError      **error)
{
  g_autoptr(ScCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header_names = NULL;
  guint n_fields;
  char **fields;
  gsize *lengths;
  g_autoptr(GError) local_error = NULL;

  for (guint r = 0; r < SC_N_ROLES; r++)
    layout->column[r] = -1;

  if (!sc_csv_sniff (path, &layout->dialect, error))
    return FALSE;
  if (imp->options->delimiter != 0)
    layout->dialect.delimiter = imp->options->delimiter;
  if (imp->options->decimal_mark != 0)
    layout->dialect.decimal_mark = imp->options->decimal_mark;

  reader = sc_csv_reader_new (path, &layout->dialect, error);
  if (reader == NULL)
    return FALSE;

  if (!sc_csv_reader_next (reader, &n_fields, &fields, &lengths, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE,
                     _("“%s” is empty: there are no rows to import."), file_basename_for (path));
      return FALSE;
    }

  layout->n_columns = n_fields;
  layout->header = g_new0 (char *, n_fields + 1);
  layout->sample = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  if (layout->dialect.has_header)
    {
      for (guint i = 0; i < n_fields; i++)
        {
          g_autofree char *name = g_strstrip (g_strdup (fields[i]));
          layout->header[i] = *name ? g_steal_pointer (&name)
                                    : g_strdup_printf (_("Column %u"), i + 1);
        }
    }
  else
    {
      char **row = g_new0 (char *, n_fields + 1);
      for (guint i = 0; i < n_fields; i++)
        {
          layout->header[i] = g_strdup_printf (_("Column %u"), i + 1);
          row[i] = g_strdup (fields[i]);
        }
      g_ptr_array_add (layout->sample, row);
    }

  while (layout->sample->len < SAMPLE_ROWS &&
         sc_csv_reader_next (reader, &n_fields, &fields, &lengths, &local_error))
    {
      char **row = g_new0 (char *, layout->n_columns + 1);
      for (guint i = 0; i < layout->n_columns; i++)
        row[i] = g_strdup (i < n_fields ? fields[i] : "");
      g_ptr_array_add (layout->sample, row);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  layout->bytes_per_row = (double) sc_csv_reader_get_offset (reader) /
                          MAX (layout->sample->len + (layout->dialect.has_header ? 1 : 0), 1);
  layout->guesses = g_new0 (ScColumnGuess, layout->n_columns);
  sc_detect_columns (kind, layout->n_columns, (const char * const *) layout->header,
                     layout->sample->len, (const char * const * const *) layout->sample->pdata,
                     layout->dialect.decimal_mark, layout->guesses);

  for (guint i = 0; i < layout->n_columns; i++)
    {
      ScColumnRole role = layout->guesses[i].role;
      if (role != SC_ROLE_IGNORE && role != SC_ROLE_ATTRIBUTE && layout->column[role] < 0)
        layout->column[role] = (int) i;
    }

  /* Explicit mappings win; a mapping naming a missing column is an error, except for the
   * customer list, which only takes the roles it has. */
  for (guint r = 0; r < SC_N_ROLES; r++)
    {
      const char *name = imp->options->map[r];
      int col;

      if (name == NULL)
        continue;
      if (kind == SC_TABLE_CUSTOMERS && r != SC_ROLE_CUSTOMER && r != SC_ROLE_CONSENT)
        continue;
      if (kind == SC_TABLE_TRANSACTIONS && r == SC_ROLE_CONSENT)
        continue;
      col = find_column (layout->n_columns, layout->header, name);
      if (col < 0)
        {
          g_autofree char *list = columns_list (layout->n_columns, layout->header);

          if (kind == SC_TABLE_CUSTOMERS)
            continue;
          g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                       _("“%s” has no column named “%s” (given for %s). Its columns are: %s."),
                       file_basename_for (path), name, sc_column_role_to_label (r), list);
          return FALSE;
        }
      /* The column now plays this role only. */
      for (guint other = 0; other < SC_N_ROLES; other++)
        if (layout->column[other] == col)
          layout->column[other] = -1;
      layout->column[r] = col;
      layout->guesses[col].role = r;
    }

  if (kind == SC_TABLE_TRANSACTIONS)
    {
      const char *missing = NULL;

      if (layout->column[SC_ROLE_CUSTOMER] < 0)
        missing = _("the customer id");
      else if (layout->column[SC_ROLE_DATE] < 0)
        missing = _("the order date");
      else if (layout->column[SC_ROLE_AMOUNT] < 0 &&
               (layout->column[SC_ROLE_QUANTITY] < 0 || layout->column[SC_ROLE_PRICE] < 0))
        missing = _("the amount (or quantity and unit price)");

      if (missing != NULL)
        {
          g_autofree char *list = columns_list (layout->n_columns, layout->header);
          g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                       _("Could not tell which column of “%s” holds %s. Its columns are: %s. "
                         "Choose the column (segments-cli: --map ROLE=COLUMN)."),
                       file_basename_for (path), missing, list);
          return FALSE;
        }
    }
  else if (layout->column[SC_ROLE_CUSTOMER] < 0)
    {
      g_autofree char *list = columns_list (layout->n_columns, layout->header);
      g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                   _("Could not tell which column of the customer list “%s” holds the customer "
                     "id. Its columns are: %s. Choose the column (segments-cli: --map "
                     "customer=COLUMN)."), file_basename_for (path), list);
      return FALSE;
    }

  return TRUE;
}

static const char *
date_order_label (ScDateOrder order)
{
  switch (order)
    {
    case SC_DATE_ORDER_YMD: return _("year-month-day");
    case SC_DATE_ORDER_DMY: return _("day/month/year");
    case SC_DATE_ORDER_MDY: return _("month/day/year");
    case SC_DATE_ORDER_YYYYMMDD: return _("YYYYMMDD");
    case SC_DATE_ORDER_AUTO:
    default: return _("automatic");
    }
}

static const char *
delimiter_label (char delimiter)
{
  switch (delimiter)
    {
    case ',': return _("comma-separated");
    case ';': return _("semicolon-separated");
    case '\t': return _("tab-separated");
    case '|': return _("pipe-separated");
    case ' ': return _("aligned columns");
    default: return _("delimited");
    }
}

/* The date order is a property of the whole column: a sorted export can start with weeks of
 * dates whose day is 12 or less. When the sample cannot tell, scan the column to the first
 * value that can. */
static gboolean
resolve_date_order (Import       *imp,
                    const char   *path,
                    Layout       *layout,
                    ScDateOrder  *order,
                    GString      *notes,
                    GError      **error)
{
  ScDateSniffer sniffer = { 0 };
  guint col = (guint) layout->column[SC_ROLE_DATE];
  g_autoptr(ScCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_fields;
  char **fields;
  gsize *lengths;
  gboolean first = TRUE;

  if (imp->options->date_order != SC_DATE_ORDER_AUTO)
    {
      *order = imp->options->date_order;
      return TRUE;
    }

  for (guint i = 0; i < layout->sample->len; i++)
    {
      char **row = g_ptr_array_index (layout->sample, i);
      if (!sc_value_is_missing (row[col]))
        sc_date_sniffer_add (&sniffer, row[col]);
    }

  if (sniffer.either > 0 && sniffer.dmy_only == 0 && sniffer.mdy_only == 0)
    {
      reader = sc_csv_reader_new (path, &layout->dialect, error);
      if (reader == NULL)
        return FALSE;
      while (sc_csv_reader_next (reader, &n_fields, &fields, &lengths, &local_error))
        {
          if (first && layout->dialect.has_header)
            {
              first = FALSE;
              continue;
            }
          first = FALSE;
          if (col < n_fields && !sc_value_is_missing (fields[col]))
            sc_date_sniffer_add (&sniffer, fields[col]);
          if (sniffer.dmy_only > 0 || sniffer.mdy_only > 0)
            break;
          if ((sniffer.n & 0xffff) == 0 &&
              g_cancellable_set_error_if_cancelled (imp->cancellable, error))
            return FALSE;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  *order = sc_date_sniffer_result (&sniffer);
  if (*order == SC_DATE_ORDER_AUTO)
    *order = SC_DATE_ORDER_YMD;   /* nothing parses: every row will say so */
  if ((*order == SC_DATE_ORDER_DMY || *order == SC_DATE_ORDER_MDY) &&
      sniffer.dmy_only == 0 && sniffer.mdy_only == 0)
    g_string_append_printf (notes, _("Every date in column %s could be read either way; they "
                                     "were read as %s. Choose the date order if that is wrong.\n"),
                            layout->header[col], date_order_label (*order));
  return TRUE;
}

static void
record_settings (ScImportRecord *record,
                 Layout         *layout,
                 ScDateOrder     order,
                 gboolean        with_dates)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s, %s, %s", delimiter_label (layout->dialect.delimiter),
                          layout->dialect.encoding == SC_ENCODING_UTF8 ? "UTF-8" : "Windows-1252",
                          layout->dialect.has_header ? _("with a header row")
                                                     : _("without a header row"));
  g_string_append_printf (s, _(", decimal mark “%c”"), layout->dialect.decimal_mark);
  if (with_dates)
    g_string_append_printf (s, _(", dates %s"), date_order_label (order));
  for (guint r = SC_ROLE_CUSTOMER; r < SC_ROLE_ATTRIBUTE; r++)
    if (layout->column[r] >= 0)
      g_string_append_printf (s, "; %s = %s", sc_column_role_to_string (r),
                              layout->header[layout->column[r]]);
  record->settings = g_string_free (s, FALSE);
}

static void
grow_rows (Import *imp)
{
  imp->cap_rows = MAX (imp->cap_rows + imp->cap_rows / 2, 65536);
  imp->row_customer = g_renew (guint32, imp->row_customer, imp->cap_rows);
  imp->row_day = g_renew (ScDay, imp->row_day, imp->cap_rows);
  imp->row_amount = g_renew (double, imp->row_amount, imp->cap_rows);
  imp->row_order = g_renew (guint32, imp->row_order, imp->cap_rows);
}

static guint64
row_identity (guint32 customer,
              ScDay   day,
              double  amount)
{
  char buf[sizeof customer + sizeof day + sizeof amount];

  memcpy (buf, &customer, sizeof customer);
  memcpy (buf + sizeof customer, &day, sizeof day);
  memcpy (buf + sizeof customer + sizeof day, &amount, sizeof amount);
  return _sc_hash_bytes (buf, sizeof buf) | 1;
}

static void
add_existing_order (const char *key,
                    gsize       len,
                    gpointer    user_data)
{
  _sc_interner_intern (user_data, key, len, TRUE, NULL);
}

/* Loads what the project already holds: order ids, or for files without them, the
 * (customer, day, amount) of every row. */
static gboolean
load_existing (Import    *imp,
               GError   **error)
{
  if (imp->has_orders)
    {
      _sc_interner_init (&imp->existing_orders, sc_store_get_n_transactions (imp->store));
      return sc_store_foreach_order_key (imp->store, add_existing_order, &imp->existing_orders,
                                         error);
    }
  else
    {
      g_autoptr(ScTransactions) tx = sc_store_load_transactions (imp->store, imp->n_existing,
                                                                 G_MAXINT32, imp->cancellable,
                                                                 error);
      if (tx == NULL)
        return FALSE;
      hash_set_init (&imp->existing_rows, tx->n_rows);
      for (guint32 c = 0; c < tx->n_customers; c++)
        for (gsize r = tx->offsets[c]; r < tx->offsets[c + 1]; r++)
          hash_set_add (&imp->existing_rows, row_identity (c, tx->day[r], tx->amount[r]));
      return TRUE;
    }
}

static HashSet *
ensure_rows_seen (Import *imp)
{
  if (imp->rows_seen.slot == NULL)
    hash_set_init (&imp->rows_seen, 0);
  return &imp->rows_seen;
}

static gboolean
report_duplicate (Import          *imp,
                  ScImportRecord  *record,
                  ScCsvReader     *reader,
                  GError         **error)
{
  const char *raw;
  gsize raw_len;

  raw = sc_csv_reader_get_raw (reader, &raw_len);
  record->duplicate_rows++;
  return add_problem (imp, SC_N_REJECT_REASONS, "duplicate", sc_csv_reader_get_line (reader),
                      NULL, raw, raw_len,
                      g_strdup (_("exact copy of an earlier row; imported once")), error);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
begin_import_record (Import          *imp,
                     ScImportRecord  *record,
                     const char      *kind,
                     const char      *path,
                     GError         **error)
{
  record->kind = g_strdup (kind);
  record->path = g_strdup (path);
  record->imported_at = now_iso8601 ();
  record->first_day = G_MAXINT32;
  record->last_day = G_MININT32;

  if (imp->store == NULL)
    return TRUE;

  /* The import row goes in first so problems can point at it; its figures are updated at
   * the end, inside the same transaction. */
  if (!sc_store_add_import (imp->store, record, error))
    return FALSE;
  imp->import_id = record->id;
  g_clear_pointer (&imp->problem_stmt, sqlite3_finalize);
  return _sc_store_prepare (imp->store, "INSERT INTO import_problems (import, line, column_name, "
                            "reason, raw, kind) VALUES (?,?,?,?,?,?)", &imp->problem_stmt, error);
}

static gboolean
finish_import_record (Import          *imp,
                      ScImportRecord  *record,
                      GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (imp->store == NULL)
    return TRUE;
  if (!_sc_store_prepare (imp->store,
                          "UPDATE imports SET rows_read = ?, rows_accepted = ?, rows_rejected = ?, "
                          "duplicate_rows = ?, duplicate_order_ids = ?, returns = ?, customers = ?, "
                          "new_customers = ?, unmatched = ?, first_day = ?, last_day = ?, "
                          "revenue = ?, settings = ?, notes = ?, already_present = ? WHERE id = ?",
                          &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->rows_read);
  sqlite3_bind_int64 (stmt, 2, record->rows_accepted);
  sqlite3_bind_int64 (stmt, 3, record->rows_rejected);
  sqlite3_bind_int64 (stmt, 4, record->duplicate_rows);
  sqlite3_bind_int64 (stmt, 5, record->duplicate_order_ids);
  sqlite3_bind_int64 (stmt, 6, record->returns);
  sqlite3_bind_int64 (stmt, 7, record->customers);
  sqlite3_bind_int64 (stmt, 8, record->new_customers);
  sqlite3_bind_int64 (stmt, 9, record->unmatched);
  if (record->rows_accepted > 0 && g_str_equal (record->kind, "transactions"))
    {
      sqlite3_bind_int (stmt, 10, record->first_day);
      sqlite3_bind_int (stmt, 11, record->last_day);
    }
  sqlite3_bind_double (stmt, 12, record->revenue);
  sqlite3_bind_text (stmt, 13, record->settings, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, record->notes, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 15, record->already_present);
  sqlite3_bind_int64 (stmt, 16, record->id);
  return _sc_store_step_done (imp->store, stmt, error);
}

static gboolean
read_transactions (Import      *imp,
                   const char  *path,
                   GError     **error)
{
  ScImportRecord *record = &imp->report->transactions;
  g_auto(Layout) layout = { 0 };
  g_autoptr(ScCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree guint8 *seen_customer = NULL;
  gsize seen_customer_cap = 0;
  ScDateOrder date_order;
  gsize expected_rows;
  int c_customer, c_date, c_amount, c_qty, c_price, c_order;
  gboolean first = TRUE;
  guint n_fields;
  char **fields;
  gsize *lengths;
  guint64 file_size;
  char decimal;
  gboolean ok = FALSE;

  if (!read_layout (imp, path, SC_TABLE_TRANSACTIONS, &layout, error))
    return FALSE;
  if (!resolve_date_order (imp, path, &layout, &date_order, notes, error))
    return FALSE;
  if (!begin_import_record (imp, record, "transactions", path, error))
    return FALSE;

  record_settings (record, &layout, date_order, TRUE);
  if (layout.dialect.encoding == SC_ENCODING_WINDOWS_1252)
    g_string_append (notes, _("The file is not UTF-8; it was read as Windows-1252 "
                              "(Western European) and converted.\n"));

  c_customer = layout.column[SC_ROLE_CUSTOMER];
  c_date = layout.column[SC_ROLE_DATE];
  c_amount = layout.column[SC_ROLE_AMOUNT];
  c_qty = c_amount < 0 ? layout.column[SC_ROLE_QUANTITY] : -1;
  c_price = c_amount < 0 ? layout.column[SC_ROLE_PRICE] : -1;
  c_order = layout.column[SC_ROLE_ORDER];
  decimal = layout.dialect.decimal_mark;

  reader = sc_csv_reader_new (path, &layout.dialect, error);
  if (reader == NULL)
    return FALSE;
  file_size = MAX (sc_csv_reader_get_size (reader), 1);

  /* Size the tables for the whole file up front: growing a table of millions of slots
   * rehashes every key again. */
  expected_rows = (gsize) (file_size / MAX (layout.bytes_per_row, 8.0) * 1.05) + 1024;
  _sc_interner_reserve (&imp->customers, imp->customers.n + expected_rows / 2);
  imp->has_orders = c_order >= 0;
  if (imp->store != NULL && imp->n_existing > 0 && !load_existing (imp, error))
    return FALSE;
  if (imp->has_orders)
    _sc_interner_init (&imp->orders, expected_rows);
  else
    hash_set_init (&imp->rows_seen, expected_rows);
  imp->cap_rows = expected_rows;
  imp->row_customer = g_new (guint32, imp->cap_rows);
  imp->row_day = g_new (ScDay, imp->cap_rows);
  imp->row_amount = g_new (double, imp->cap_rows);
  imp->row_order = g_new (guint32, imp->cap_rows);

  while (sc_csv_reader_next (reader, &n_fields, &fields, &lengths, &local_error))
    {
      const char *raw;
      gsize raw_len;
      guint32 cust, ord = 0;
      gboolean added;
      guint64 row_hash;
      ScDay day;
      double amount;

      if (first)
        {
          first = FALSE;
          if (layout.dialect.has_header)
            continue;
        }

      record->rows_read++;
      if ((record->rows_read % CHECK_EVERY) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
            goto out;
          report_progress (imp, STAGE_READ_END * sc_csv_reader_get_offset (reader) / file_size,
                           NULL);
        }

      if (n_fields != layout.n_columns)
        {
          if (!reject (imp, SC_REJECT_FIELDS, record, reader, NULL,
                       g_strdup_printf (_("the row has %u fields but the header has %u; a value "
                                          "may contain an unquoted “%c”"),
                                        n_fields, layout.n_columns,
                                        layout.dialect.delimiter == '\t' ? ' '
                                                                         : layout.dialect.delimiter),
                       error))
            goto out;
          continue;
        }

      raw = sc_csv_reader_get_raw (reader, &raw_len);
      row_hash = _sc_hash_bytes (raw, raw_len) | 1;
      if (!imp->has_orders && hash_set_add (&imp->rows_seen, row_hash))
        {
          if (!report_duplicate (imp, record, reader, error))
            goto out;
          continue;
        }

      if (sc_value_is_missing (fields[c_customer]))
        {
          if (!reject (imp, SC_REJECT_CUSTOMER, record, reader, layout.header[c_customer],
                       g_strdup_printf (_("the customer id is missing in column %s"),
                                        layout.header[c_customer]), error))
            goto out;
          continue;
        }

      if (!sc_parse_date (fields[c_date], date_order, &day))
        {
          g_autofree char *shown = shown_value (fields[c_date]);
          char *reason = sc_value_is_missing (fields[c_date])
            ? g_strdup_printf (_("the date is missing in column %s"), layout.header[c_date])
            : g_strdup_printf (_("date “%s” is not a valid date (%s) in column %s"), shown,
                               date_order_label (date_order), layout.header[c_date]);
          if (!reject (imp, SC_REJECT_DATE, record, reader, layout.header[c_date], reason, error))
            goto out;
          continue;
        }

      if (c_amount >= 0)
        {
          if (!sc_parse_amount (fields[c_amount], decimal, &amount) || !isfinite (amount))
            {
              g_autofree char *shown = shown_value (fields[c_amount]);
              char *reason = sc_value_is_missing (fields[c_amount])
                ? g_strdup_printf (_("the amount is missing in column %s"),
                                   layout.header[c_amount])
                : g_strdup_printf (_("amount “%s” is not a number in column %s"), shown,
                                   layout.header[c_amount]);
              if (!reject (imp, SC_REJECT_AMOUNT, record, reader, layout.header[c_amount],
                           reason, error))
                goto out;
              continue;
            }
        }
      else
        {
          double qty, price;
          int bad = -1;

          if (!sc_parse_number (fields[c_qty], decimal, &qty) || !isfinite (qty))
            bad = c_qty;
          else if (!sc_parse_amount (fields[c_price], decimal, &price) || !isfinite (price))
            bad = c_price;

          if (bad >= 0)
            {
              g_autofree char *shown = shown_value (fields[bad]);
              char *reason = sc_value_is_missing (fields[bad])
                ? g_strdup_printf (_("the value is missing in column %s"), layout.header[bad])
                : g_strdup_printf (_("“%s” is not a number in column %s"), shown,
                                   layout.header[bad]);
              if (!reject (imp, SC_REJECT_AMOUNT, record, reader, layout.header[bad], reason,
                           error))
                goto out;
              continue;
            }
          amount = qty * price;
        }

      g_strstrip (fields[c_customer]);

      /* Rows an earlier import brought are counted and skipped. */
      if (imp->existing_orders.n > 0 && !sc_value_is_missing (fields[c_order]) &&
          _sc_interner_intern (&imp->existing_orders, fields[c_order], lengths[c_order], FALSE,
                               NULL) != SC_INTERN_ABSENT)
        {
          record->already_present++;
          continue;
        }
      if (imp->existing_rows.slot != NULL)
        {
          guint32 known = _sc_interner_intern (&imp->customers, fields[c_customer],
                                               strlen (fields[c_customer]), FALSE, NULL);
          if (known != SC_INTERN_ABSENT &&
              hash_set_contains (&imp->existing_rows, row_identity (known, day, amount)))
            {
              record->already_present++;
              continue;
            }
        }

      cust = _sc_interner_intern (&imp->customers, fields[c_customer],
                                  strlen (fields[c_customer]), TRUE, &added);

      if (imp->has_orders)
        {
          gsize olen = lengths[c_order];
          g_autofree char *synth = NULL;
          const char *okey = fields[c_order];

          /* A row without an order id is an order of its own. */
          if (sc_value_is_missing (fields[c_order]))
            {
              synth = g_strdup_printf ("\x1f%" PRIu64, sc_csv_reader_get_line (reader));
              okey = synth;
              olen = strlen (synth);
            }
          ord = _sc_interner_intern (&imp->orders, okey, olen, TRUE, &added);
          if (ord == SC_INTERN_ABSENT)
            {
              g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                           _("“%s” has more distinct orders than Segments can hold."),
                           file_basename_for (path));
              goto out;
            }
          if (added)
            {
              if (ord >= imp->cap_orders)
                {
                  imp->cap_orders = MAX (imp->cap_orders * 2, MAX (expected_rows, 65536));
                  imp->order_customer = g_renew (guint32, imp->order_customer, imp->cap_orders);
                  imp->order_row_hash = g_renew (guint64, imp->order_row_hash, imp->cap_orders);
                }
              imp->order_customer[ord] = cust;
              imp->order_row_hash[ord] = row_hash;
            }
          else
            {
              /* An exact copy repeats its order id, so duplicates are only looked for among
               * rows of orders seen before: the first row of each order is remembered with
               * the order, the others in a set that stays small for order-per-row files. */
              if (imp->order_row_hash[ord] == row_hash ||
                  hash_set_add (ensure_rows_seen (imp), row_hash))
                {
                  if (!report_duplicate (imp, record, reader, error))
                    goto out;
                  continue;
                }
              /* Lines of one order may carry later dates (returns, adjustments); another
               * customer on the same order id is what signals a clash. */
              if (imp->order_customer[ord] != cust)
                {
                  g_autofree char *shown = shown_value (fields[c_order]);

                  record->duplicate_order_ids++;
                  if (!add_problem (imp, SC_N_REJECT_REASONS + 1, "warning",
                                    sc_csv_reader_get_line (reader), layout.header[c_order], raw,
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
      imp->row_order[imp->n_rows] = ord;
      imp->n_rows++;

      if (cust >= seen_customer_cap)
        {
          gsize old = seen_customer_cap;
          seen_customer_cap = MAX (seen_customer_cap * 2, MAX (65536, (gsize) cust + 1));
          seen_customer = g_realloc (seen_customer, seen_customer_cap);
          memset (seen_customer + old, 0, seen_customer_cap - old);
        }
      if (!seen_customer[cust])
        {
          seen_customer[cust] = 1;
          record->customers++;
          if (cust >= imp->n_existing)
            record->new_customers++;
        }

      record->rows_accepted++;
      record->revenue += amount;
      if (amount < 0)
        record->returns++;
      record->first_day = MIN (record->first_day, day);
      record->last_day = MAX (record->last_day, day);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  if (record->rows_read == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("“%s” has a header but no rows to import."), file_basename_for (path));
      goto out;
    }
  if (record->rows_accepted == 0 && record->already_present == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("None of the %" PRIu64 " rows of “%s” could be imported. The "
                     "first problem, on line %" PRIu64 ": %s."),
                   record->rows_read, file_basename_for (path),
                   imp->report->examples->len > 0
                     ? ((ScImportProblem *) g_ptr_array_index (imp->report->examples, 0))->line : 0,
                   imp->report->examples->len > 0
                     ? ((ScImportProblem *) g_ptr_array_index (imp->report->examples, 0))->reason
                     : _("no usable rows"));
      goto out;
    }

  if (record->duplicate_rows > 0)
    g_string_append_printf (notes, _("%" PRIu64 " rows were exact copies of earlier "
                                     "rows and were imported once.\n"), record->duplicate_rows);
  record->notes = g_string_free (g_steal_pointer (&notes), FALSE);
  ok = TRUE;

out:
  return ok;
}

static void
array_unref_nullable (gpointer array)
{
  if (array != NULL)
    g_array_unref (array);
}

static gboolean
read_customers (Import      *imp,
                const char  *path,
                GPtrArray   *attributes,     /* of ScAttribute, filled here */
                GArray      *consent,        /* gint8 per customer id, grown here */
                GError     **error)
{
  ScImportRecord *record = &imp->report->customers;
  g_auto(Layout) layout = { 0 };
  g_autoptr(ScCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GPtrArray) level_tables = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autofree int *attr_of_column = NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, TRUE, 1);
  guint n_fields;
  char **fields;
  gsize *lengths;
  gboolean first = TRUE;
  int c_customer, c_consent;
  guint64 bad_consent = 0, bad_numbers = 0;

  if (!read_layout (imp, path, SC_TABLE_CUSTOMERS, &layout, error))
    return FALSE;
  if (!begin_import_record (imp, record, "customers", path, error))
    return FALSE;
  record_settings (record, &layout, SC_DATE_ORDER_AUTO, FALSE);
  if (layout.dialect.encoding == SC_ENCODING_WINDOWS_1252)
    g_string_append (notes, _("The file is not UTF-8; it was read as Windows-1252 "
                              "(Western European) and converted.\n"));

  c_customer = layout.column[SC_ROLE_CUSTOMER];
  c_consent = layout.column[SC_ROLE_CONSENT];

  /* Every other column becomes an attribute: numeric when detection saw numbers, else a
   * category. */
  attr_of_column = g_new (int, layout.n_columns);
  for (guint i = 0; i < layout.n_columns; i++)
    {
      ScAttribute *attr;

      attr_of_column[i] = -1;
      if ((int) i == c_customer || (int) i == c_consent ||
          layout.guesses[i].role == SC_ROLE_IGNORE || layout.guesses[i].kind == SC_VALUE_EMPTY)
        continue;
      attr = g_new0 (ScAttribute, 1);
      attr->name = g_strdup (layout.header[i]);
      attr->categorical = !(layout.guesses[i].kind == SC_VALUE_INTEGER ||
                            layout.guesses[i].kind == SC_VALUE_NUMBER);
      attr_of_column[i] = (int) attributes->len;
      g_ptr_array_add (attributes, attr);
      g_ptr_array_add (level_tables, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
    }

  /* Values are gathered per row into growable arrays indexed by customer id. */
  for (guint a = 0; a < attributes->len; a++)
    {
      ScAttribute *attr = g_ptr_array_index (attributes, a);
      if (attr->categorical)
        attr->levels = (char **) g_ptr_array_new_with_free_func (g_free);
    }

  {
    g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (array_unref_nullable);

    for (guint a = 0; a < attributes->len; a++)
      {
        ScAttribute *attr = g_ptr_array_index (attributes, a);
        g_ptr_array_add (columns, attr->categorical ? g_array_new (FALSE, FALSE, sizeof (gint32))
                                                    : g_array_new (FALSE, FALSE, sizeof (double)));
      }

    reader = sc_csv_reader_new (path, &layout.dialect, error);
    if (reader == NULL)
      return FALSE;

    while (sc_csv_reader_next (reader, &n_fields, &fields, &lengths, &local_error))
      {
        guint32 cust;
        gboolean added;
        guint32 n_now;

        if (first)
          {
            first = FALSE;
            if (layout.dialect.has_header)
              continue;
          }
        record->rows_read++;
        if ((record->rows_read % CHECK_EVERY) == 0 &&
            g_cancellable_set_error_if_cancelled (imp->cancellable, error))
          return FALSE;

        if (n_fields != layout.n_columns)
          {
            if (!reject (imp, SC_REJECT_FIELDS, record, reader, NULL,
                         g_strdup_printf (_("the row has %u fields but the header has %u"),
                                          n_fields, layout.n_columns), error))
              return FALSE;
            continue;
          }
        if (sc_value_is_missing (fields[c_customer]))
          {
            if (!reject (imp, SC_REJECT_CUSTOMER, record, reader, layout.header[c_customer],
                         g_strdup_printf (_("the customer id is missing in column %s"),
                                          layout.header[c_customer]), error))
              return FALSE;
            continue;
          }

        g_strstrip (fields[c_customer]);
        cust = _sc_interner_intern (&imp->customers, fields[c_customer],
                                    strlen (fields[c_customer]), TRUE, &added);
        n_now = imp->customers.n;

        if (listed->len < n_now)
          g_array_set_size (listed, n_now);
        if (listed->data[cust])
          {
            const char *raw;
            gsize raw_len;

            raw = sc_csv_reader_get_raw (reader, &raw_len);
            record->duplicate_rows++;
            if (!add_problem (imp, SC_N_REJECT_REASONS, "duplicate",
                              sc_csv_reader_get_line (reader), layout.header[c_customer], raw,
                              raw_len,
                              g_strdup_printf (_("customer “%s” is listed again; the first "
                                                 "listing is kept"), fields[c_customer]), error))
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

            if (sc_value_is_missing (fields[c_consent]))
              g_array_index (consent, gint8, cust) = 2;
            else if (sc_parse_bool (fields[c_consent], &yes))
              g_array_index (consent, gint8, cust) = yes ? 1 : 0;
            else
              {
                g_array_index (consent, gint8, cust) = 2;
                bad_consent++;
              }
          }
        else
          g_array_index (consent, gint8, cust) = 2;

        for (guint i = 0; i < layout.n_columns; i++)
          {
            int a = attr_of_column[i];
            ScAttribute *attr;
            GArray *column;

            if (a < 0)
              continue;
            attr = g_ptr_array_index (attributes, a);
            column = g_ptr_array_index (columns, a);
            if (column->len < n_now)
              {
                guint old = column->len;
                g_array_set_size (column, n_now);
                for (guint j = old; j < n_now; j++)
                  {
                    if (attr->categorical)
                      g_array_index (column, gint32, j) = -1;
                    else
                      g_array_index (column, double, j) = NAN;
                  }
              }
            if (sc_value_is_missing (fields[i]))
              continue;
            if (attr->categorical)
              {
                GHashTable *levels = g_ptr_array_index (level_tables, a);
                GPtrArray *names = (GPtrArray *) attr->levels;
                g_autofree char *label = g_strdelimit (g_strstrip (g_strdup (fields[i])), "\r\n", ' ');
                gpointer found;

                if (!g_hash_table_lookup_extended (levels, label, NULL, &found))
                  {
                    found = GUINT_TO_POINTER (names->len);
                    g_ptr_array_add (names, g_strdup (label));
                    g_hash_table_insert (levels, g_steal_pointer (&label), found);
                  }
                g_array_index (column, gint32, cust) = (gint32) GPOINTER_TO_UINT (found);
              }
            else
              {
                double v;
                if (sc_parse_number (fields[i], layout.dialect.decimal_mark, &v) && isfinite (v))
                  g_array_index (column, double, cust) = v;
                else
                  bad_numbers++;
              }
          }
      }
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }

    /* Hand the gathered columns to the attributes, sized to every customer known now. */
    for (guint a = 0; a < attributes->len; a++)
      {
        ScAttribute *attr = g_ptr_array_index (attributes, a);
        GArray *column = g_ptr_array_index (columns, a);
        guint32 n_now = imp->customers.n;
        guint old = column->len;

        g_array_set_size (column, MAX (n_now, 1));
        for (guint j = old; j < column->len; j++)
          {
            if (attr->categorical)
              g_array_index (column, gint32, j) = -1;
            else
              g_array_index (column, double, j) = NAN;
          }
        if (attr->categorical)
          {
            GPtrArray *names = (GPtrArray *) attr->levels;
            attr->n_levels = names->len;
            g_ptr_array_add (names, NULL);
            attr->levels = (char **) g_ptr_array_free (names, FALSE);
            attr->codes = (gint32 *) g_array_free (g_steal_pointer (&column), FALSE);
          }
        else
          attr->values = (double *) g_array_free (g_steal_pointer (&column), FALSE);
        g_ptr_array_index (columns, a) = NULL;
      }
  }

  if (record->rows_read == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("The customer list “%s” has a header but no rows."), file_basename_for (path));
      return FALSE;
    }

  if (bad_consent > 0)
    g_string_append_printf (notes, _("%" PRIu64 " consent values were not yes/no and "
                                     "count as unknown (left out of activation exports).\n"),
                            bad_consent);
  if (bad_numbers > 0)
    g_string_append_printf (notes, _("%" PRIu64 " values in numeric columns were not "
                                     "numbers and count as missing.\n"), bad_numbers);
  record->notes = g_string_free (g_steal_pointer (&notes), FALSE);
  return TRUE;
}

static void
write_progress (double      fraction,
                const char *message,
                gpointer    user_data)
{
  report_progress (user_data, STAGE_READ_END + 0.02 + (STAGE_WRITE_END - STAGE_READ_END - 0.04) * fraction,
                   NULL);
}

/* Writes the customer columns and the new rows, recomputes the aggregates of every
 * customer. */
static gboolean
store_everything (Import     *imp,
                  GPtrArray  *attributes,
                  GArray     *consent,
                  GError    **error)
{
  guint32 n_customers = imp->customers.n;
  g_autoptr(ScTransactions) tx = NULL;
  g_autoptr(ScAggregates) agg = NULL;
  g_autofree gint8 *all_consent = g_new (gint8, MAX (n_customers, 1));
  g_autofree guint8 *all_listed = g_new (guint8, MAX (n_customers, 1));

  report_progress (imp, STAGE_READ_END, _("Saving customers"));
  if (!sc_store_save_customer_keys (imp->store, n_customers, imp->customers.buf,
                                    imp->customers.buf_len, error))
    return FALSE;

  if (!sc_store_load_consent (imp->store, n_customers, all_consent, all_listed, error))
    return FALSE;
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

  for (guint a = 0; attributes != NULL && a < attributes->len; a++)
    if (!sc_store_save_attribute (imp->store, n_customers, g_ptr_array_index (attributes, a),
                                  error))
      return FALSE;

  report_progress (imp, STAGE_READ_END + 0.02, _("Saving transactions"));
  if (imp->n_rows > 0)
    {
      guint32 n_orders = imp->has_orders ? imp->orders.n : imp->n_orders_local;
      g_autofree char *count = g_strdup_printf ("%u", imp->order_base + n_orders);

      _sc_interner_drop_index (&imp->orders);
      if (!_sc_store_insert_transactions (imp->store, imp->report->transactions.id, imp->n_rows,
                                          imp->row_customer, imp->row_day, imp->row_amount,
                                          imp->row_order, imp->order_base,
                                          imp->has_orders ? &imp->orders : NULL,
                                          imp->cancellable, write_progress, imp, error) ||
          !sc_store_set_meta (imp->store, "order_count", count, error))
        return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    return FALSE;

  report_progress (imp, STAGE_WRITE_END, _("Summarising customers"));

  /* Aggregates always cover every transaction of a customer: on a fresh project the rows in
   * memory are all there is; when adding to a project, read everything back. */
  if (imp->n_existing == 0)
    {
      _sc_interner_clear (&imp->orders);
      for (gsize i = 0; i < imp->n_rows; i++)
        imp->row_order[i] += imp->order_base;
      tx = g_new0 (ScTransactions, 1);
      tx->n_customers = n_customers;
      _sc_transactions_group (tx, imp->n_rows, imp->row_customer, imp->row_day, imp->row_amount,
                              imp->row_order);
    }
  else
    {
      tx = sc_store_load_transactions (imp->store, n_customers, G_MAXINT32, imp->cancellable,
                                       error);
      if (tx == NULL)
        return FALSE;
    }

  agg = sc_aggregates_compute (tx);
  if (agg == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("The transactions of “%s” are inconsistent."), sc_store_get_path (imp->store));
      return FALSE;
    }
  return sc_store_save_aggregates (imp->store, agg, error);
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
  g_autoptr(ScImportReport) report = g_new0 (ScImportReport, 1);
  g_autoptr(GPtrArray) attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_attribute_free);
  g_autoptr(GArray) consent = g_array_new (FALSE, TRUE, sizeof (gint8));
  Import imp = { 0 };
  gboolean ok = FALSE;
  g_autoptr(GTimer) timer = NULL;

  g_return_val_if_fail (options != NULL, NULL);

  if (options->transactions_path == NULL && options->customers_path == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("Choose an orders file or a customer list to import."));
      return NULL;
    }

  report->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_import_problem_free);
  imp.store = store;
  imp.options = options;
  imp.report = report;
  imp.progress = progress;
  imp.progress_data = progress_data;
  imp.cancellable = cancellable;
  _sc_interner_init (&imp.customers, 0);

  if (store != NULL)
    {
      g_autoptr(GPtrArray) keys = NULL;

      if (!sc_store_begin (store, error))
        goto out;
      if (!sc_store_load_customer_keys (store, &keys, error))
        goto out;
      for (guint i = 0; i < keys->len; i++)
        {
          const char *k = g_ptr_array_index (keys, i);
          _sc_interner_intern (&imp.customers, k, strlen (k), TRUE, NULL);
        }
      imp.n_existing = keys->len;
      imp.order_base = _sc_store_get_n_orders (store);
    }

  timer = g_timer_new ();
  report_progress (&imp, 0.0, _("Reading orders"));
  if (options->transactions_path != NULL &&
      !read_transactions (&imp, options->transactions_path, error))
    goto out;

  g_debug ("import: orders read in %.3f s", g_timer_elapsed (timer, NULL));
  report_progress (&imp, STAGE_READ_END, _("Reading the customer list"));
  if (options->customers_path != NULL &&
      !read_customers (&imp, options->customers_path, attributes, consent, error))
    goto out;

  if (options->customers_path != NULL)
    count_unmatched (&imp, consent);

  if (store != NULL)
    {
      if (!store_everything (&imp, attributes, consent, error))
        goto out;
      if (report->transactions.kind != NULL &&
          !finish_import_record (&imp, &report->transactions, error))
        goto out;
      if (report->customers.kind != NULL &&
          !finish_import_record (&imp, &report->customers, error))
        goto out;
      g_clear_pointer (&imp.problem_stmt, sqlite3_finalize);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      g_debug ("import: stored in %.3f s", g_timer_elapsed (timer, NULL));
      if (!sc_store_commit (store, error))
        goto out;
      g_debug ("import: committed in %.3f s", g_timer_elapsed (timer, NULL));
      report->project_customers = sc_store_get_n_customers (store);
      report->project_transactions = sc_store_get_n_transactions (store);
    }
  else
    {
      report->project_customers = imp.customers.n;
      report->project_transactions = imp.n_rows;
    }

  report_progress (&imp, 1.0, NULL);
  ok = TRUE;

out:
  g_clear_pointer (&imp.problem_stmt, sqlite3_finalize);
  if (!ok && store != NULL)
    sc_store_rollback (store);
  import_clear (&imp);
  return ok ? g_steal_pointer (&report) : NULL;
}
