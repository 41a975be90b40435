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

static void
import_table_clear (ScImportTable *table)
{
  for (guint i = 0; i < SC_N_ROLES; i++)
    g_clear_pointer (&table->map[i], g_free);
  g_clear_pointer (&table->numeric, g_strfreev);
  g_clear_pointer (&table->categories, g_strfreev);
}

static void
import_table_copy (const ScImportTable *src,
                   ScImportTable       *dest)
{
  *dest = *src;
  for (guint i = 0; i < SC_N_ROLES; i++)
    dest->map[i] = g_strdup (src->map[i]);
  dest->numeric = g_strdupv (src->numeric);
  dest->categories = g_strdupv (src->categories);
}

void
sc_import_options_clear (ScImportOptions *options)
{
  g_clear_pointer (&options->transactions_path, g_free);
  g_clear_pointer (&options->customers_path, g_free);
  for (guint i = 0; i < SC_N_ROLES; i++)
    g_clear_pointer (&options->map[i], g_free);
  import_table_clear (&options->orders);
  import_table_clear (&options->customers);
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
  import_table_copy (&src->orders, &dest->orders);
  import_table_copy (&src->customers, &dest->customers);
}

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
  g_return_if_fail (out != NULL);
  g_return_if_fail (problem != NULL);

  sc_csv_append_field (out, path);
  g_string_append_printf (out, ",%" G_GUINT64_FORMAT ",", problem->line);
  sc_csv_append_field (out, problem->column);
  g_string_append_c (out, ',');
  sc_csv_append_field (out, problem->kind);
  g_string_append_c (out, ',');
  sc_csv_append_field (out, problem->reason);
  g_string_append_c (out, ',');
  sc_csv_append_field (out, problem->raw);
  g_string_append_c (out, '\n');
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
  HashSet                existing_rows;   /* identities of the rows already in the project */

  /* problems: streamed to the store, a few kept as examples */
  sqlite3_stmt          *problem_stmt;
  guint64                import_id;
  guint                  examples_per_kind[SC_N_REJECT_REASONS + 2];
  const char            *path;            /* the file being read */

  /* consent from the orders file: per customer, -1 none, else 0/1/2 of its latest order */
  GArray                *order_consent;
  GArray                *order_consent_day;

  /* for rows per second in the progress messages, and the slice of a file's reading */
  GTimer                *stage_timer;
  double                 read_from;
  double                 read_to;
} Import;

static void
import_clear (Import *imp)
{
  _sc_interner_clear (&imp->customers);
  _sc_interner_clear (&imp->orders);
  g_clear_pointer (&imp->order_row_hash, g_free);
  g_clear_pointer (&imp->rows_seen.slot, g_free);
  g_clear_pointer (&imp->existing_rows.slot, g_free);
  g_clear_pointer (&imp->row_customer, g_free);
  g_clear_pointer (&imp->row_day, g_free);
  g_clear_pointer (&imp->row_amount, g_free);
  g_clear_pointer (&imp->row_order, g_free);
  g_clear_pointer (&imp->order_customer, g_free);
  g_clear_pointer (&imp->problem_stmt, sqlite3_finalize);
  g_clear_pointer (&imp->order_consent, g_array_unref);
  g_clear_pointer (&imp->order_consent_day, g_array_unref);
  g_clear_pointer (&imp->stage_timer, g_timer_destroy);
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
  double elapsed;

  if (imp->progress == NULL)
    return;

  elapsed = imp->stage_timer != NULL ? g_timer_elapsed (imp->stage_timer, NULL) : 0.0;
  if (elapsed >= 0.25)
    /* Translators: "Reading orders: 1,200,000 rows, 800,000 rows/s" */
    message = g_strdup_printf (_("%s: %'" G_GUINT64_FORMAT " rows, %'" G_GUINT64_FORMAT
                                 " rows/s"), stage, rows, (guint64) (rows / elapsed));
  else
    message = g_strdup_printf (_("%s: %'" G_GUINT64_FORMAT " rows"), stage, rows);
  report_progress (imp, fraction, message);
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
  /* columns kept as customer attributes (-1 ends), and whether each is a category */
  int          *attr_column;
  gboolean     *attr_categorical;
  guint         n_attrs;
} Layout;

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->header, g_strfreev);
  g_clear_pointer (&layout->sample, g_ptr_array_unref);
  g_clear_pointer (&layout->guesses, g_free);
  g_clear_pointer (&layout->attr_column, g_free);
  g_clear_pointer (&layout->attr_categorical, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Layout, layout_clear)

static const char *
file_basename_for (const char *path)
{
  const char *slash = strrchr (path, G_DIR_SEPARATOR);
  return slash != NULL ? slash + 1 : path;
}

/* ------------------------------------------------------------------------------------------ */
/* Preview                                                                                    */

void
sc_import_preview_free (ScImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_strfreev (preview->header);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_free (preview->n_fields);
  g_free (preview->lines);
  g_free (preview->guesses);
  g_free (preview);
}

static void
apply_format (ScCsvDialect         *dialect,
              const ScImportFormat *format)
{
  if (format == NULL)
    return;
  if (format->delimiter != 0)
    dialect->delimiter = format->delimiter;
  if (format->decimal_mark != 0)
    dialect->decimal_mark = format->decimal_mark;
  if (format->encoding == SC_IMPORT_ENCODING_UTF8)
    dialect->encoding = SC_ENCODING_UTF8;
  else if (format->encoding == SC_IMPORT_ENCODING_WINDOWS_1252)
    dialect->encoding = SC_ENCODING_WINDOWS_1252;
  if (format->header == SC_IMPORT_HEADER_YES)
    dialect->has_header = TRUE;
  else if (format->header == SC_IMPORT_HEADER_NO)
    dialect->has_header = FALSE;
  /* Quotes cannot be the delimiter; a file split on quotes reads without quoting. */
  if (dialect->quote == dialect->delimiter)
    dialect->quote = '\0';
}

static gboolean
format_is_valid (const ScImportFormat *format)
{
  return format == NULL ||
         ((format->delimiter == 0 || strchr (",;\t| ", format->delimiter) != NULL) &&
          (format->decimal_mark == 0 || format->decimal_mark == '.' ||
           format->decimal_mark == ',') &&
          (guint) format->encoding <= SC_IMPORT_ENCODING_WINDOWS_1252 &&
          (guint) format->header <= SC_IMPORT_HEADER_NO);
}

/**
 * sc_import_preview:
 * @path: the file
 * @kind: whether it holds orders or a customer list, for detection
 * @format: (nullable): choices that override what is sniffed
 * @max_rows: data rows to read at most
 * @error: return location for a #GError
 *
 * Reads the start of a file exactly as sc_import() reads it: sniffed, with @format's
 * choices applied, and detects the column roles from the rows read.  Fails, with a message
 * for people, for files that are not tables (empty, binary, a PDF, a single huge line) and
 * for files without any row.  Reads at most @max_rows records (and the sniffed part), so it
 * is quick enough for the main thread for a few hundred rows.
 *
 * Returns: (transfer full) (nullable): the preview, or %NULL with @error set
 */
ScImportPreview *
sc_import_preview (const char            *path,
                   ScTableKind            kind,
                   const ScImportFormat  *format,
                   guint                  max_rows,
                   GError               **error)
{
  g_autoptr(ScImportPreview) preview = NULL;
  g_autoptr(ScCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) n_fields_list = NULL;
  g_autoptr(GArray) lines = NULL;
  guint n_fields;
  char **fields;
  gsize *lengths;
  guint64 header_line;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!format_is_valid (format))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The delimiter or decimal mark chosen for “%s” is not one Segments can "
                     "read."), file_basename_for (path));
      return NULL;
    }

  preview = g_new0 (ScImportPreview, 1);
  if (!sc_csv_sniff (path, &preview->dialect, error))
    return NULL;
  apply_format (&preview->dialect, format);

  reader = sc_csv_reader_new (path, &preview->dialect, error);
  if (reader == NULL)
    return NULL;

  if (!sc_csv_reader_next (reader, &n_fields, &fields, &lengths, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE,
                     _("“%s” is empty: there are no rows to import."), file_basename_for (path));
      return NULL;
    }
  header_line = sc_csv_reader_get_line (reader);

  preview->n_columns = n_fields;
  preview->header = g_new0 (char *, n_fields + 1);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  n_fields_list = g_array_new (FALSE, FALSE, sizeof (guint));
  lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  if (preview->dialect.has_header)
    {
      for (guint i = 0; i < n_fields; i++)
        {
          g_autofree char *name = g_strstrip (g_strdup (fields[i]));
          preview->header[i] = *name ? g_strdelimit (g_steal_pointer (&name), "\r\n", ' ')
                                     : g_strdup_printf (_("Column %u"), i + 1);
        }
    }
  else
    {
      char **row = g_new0 (char *, n_fields + 1);
      for (guint i = 0; i < n_fields; i++)
        {
          preview->header[i] = g_strdup_printf (_("Column %u"), i + 1);
          row[i] = g_strdup (fields[i]);
        }
      if (max_rows > 0)
        {
          g_ptr_array_add (preview->rows, row);
          g_array_append_val (n_fields_list, n_fields);
          g_array_append_val (lines, header_line);
        }
      else
        g_strfreev (row);
    }

  while (preview->rows->len < max_rows &&
         sc_csv_reader_next (reader, &n_fields, &fields, &lengths, &local_error))
    {
      char **row = g_new0 (char *, preview->n_columns + 1);
      guint64 line = sc_csv_reader_get_line (reader);

      for (guint i = 0; i < preview->n_columns; i++)
        row[i] = g_strdup (i < n_fields ? fields[i] : "");
      g_ptr_array_add (preview->rows, row);
      g_array_append_val (n_fields_list, n_fields);
      g_array_append_val (lines, line);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (preview->rows->len < max_rows)
    preview->complete = TRUE;
  else
    {
      preview->complete = !sc_csv_reader_next (reader, &n_fields, &fields, &lengths,
                                               &local_error) && local_error == NULL;
    }

  if (preview->rows->len == 0 && preview->complete)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("“%s” has a header but no rows to import."), file_basename_for (path));
      return NULL;
    }

  preview->bytes_per_row = (double) sc_csv_reader_get_offset (reader) /
                           MAX (preview->rows->len + (preview->dialect.has_header ? 1 : 0), 1);
  preview->n_fields = (guint *) g_array_free (g_steal_pointer (&n_fields_list), FALSE);
  preview->lines = (guint64 *) g_array_free (g_steal_pointer (&lines), FALSE);
  preview->guesses = g_new0 (ScColumnGuess, MAX (preview->n_columns, 1));
  sc_detect_columns (kind, preview->n_columns, (const char * const *) preview->header,
                     preview->rows->len, (const char * const * const *) preview->rows->pdata,
                     preview->dialect.decimal_mark, preview->guesses);
  return g_steal_pointer (&preview);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading a file's layout                                                                    */

/* The settings that apply to one file: its table's when set, else the common ones. */
static void
table_settings (const ScImportOptions  *options,
                ScTableKind             kind,
                ScImportFormat         *format,
                const char * const    **map,
                const char * const    **numeric,
                const char * const    **categories)
{
  const ScImportTable *table = kind == SC_TABLE_CUSTOMERS ? &options->customers
                                                          : &options->orders;

  if (table->set)
    {
      *format = table->format;
      *map = (const char * const *) table->map;
      *numeric = (const char * const *) table->numeric;
      *categories = (const char * const *) table->categories;
    }
  else
    {
      format->delimiter = options->delimiter;
      format->decimal_mark = options->decimal_mark;
      format->encoding = options->encoding;
      format->header = options->header;
      *map = (const char * const *) options->map;
      *numeric = NULL;
      *categories = NULL;
    }
}

/* Sniffs the dialect (unless set in the options), reads the header and a sample, and detects
 * the column roles; the options' map overrides detection. */
static gboolean
read_layout (Import       *imp,
             const char   *path,
             ScTableKind   kind,
             Layout       *layout,
             GError      **error)
{
  g_autoptr(ScImportPreview) preview = NULL;
  ScImportFormat format = { 0 };
  const char * const *map;
  const char * const *numeric;
  const char * const *categories;
  gboolean explicit_map;

  for (guint r = 0; r < SC_N_ROLES; r++)
    layout->column[r] = -1;

  table_settings (imp->options, kind, &format, &map, &numeric, &categories);
  explicit_map = (kind == SC_TABLE_CUSTOMERS ? imp->options->customers.set
                                             : imp->options->orders.set);

  preview = sc_import_preview (path, kind, &format, SAMPLE_ROWS, error);
  if (preview == NULL)
    return FALSE;

  layout->dialect = preview->dialect;
  layout->n_columns = preview->n_columns;
  layout->header = g_steal_pointer (&preview->header);
  layout->sample = g_steal_pointer (&preview->rows);
  layout->guesses = g_steal_pointer (&preview->guesses);
  layout->bytes_per_row = preview->bytes_per_row;

  for (guint i = 0; i < layout->n_columns; i++)
    {
      ScColumnRole role = layout->guesses[i].role;
      if (role != SC_ROLE_IGNORE && role != SC_ROLE_ATTRIBUTE && layout->column[role] < 0)
        layout->column[role] = (int) i;
    }

  /* Explicit mappings win; a mapping naming a missing column is an error, except for the
   * common map on the customer list, which only takes the roles it has, and for consent on
   * an orders file, which may name a column of the customer list. */
  for (guint r = SC_ROLE_CUSTOMER; r < SC_ROLE_ATTRIBUTE; r++)
    {
      const char *name = map[r];
      int col;

      if (name == NULL)
        continue;
      if (kind == SC_TABLE_CUSTOMERS && r != SC_ROLE_CUSTOMER && r != SC_ROLE_CONSENT)
        continue;
      if (*name == '\0')
        {
          if (layout->column[r] >= 0)
            layout->guesses[layout->column[r]].role = SC_ROLE_IGNORE;
          layout->column[r] = -1;
          continue;
        }
      col = find_column (layout->n_columns, layout->header, name);
      if (col < 0)
        {
          g_autofree char *list = columns_list (layout->n_columns, layout->header);

          if ((kind == SC_TABLE_CUSTOMERS || r == SC_ROLE_CONSENT) && !explicit_map)
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

  /* Attributes: the columns named, or on a customer list by default every other column
   * with values, numeric when detection saw numbers. */
  layout->attr_column = g_new (int, layout->n_columns + 1);
  layout->attr_categorical = g_new (gboolean, layout->n_columns + 1);
  layout->n_attrs = 0;
  if (numeric != NULL || categories != NULL)
    {
      for (guint pass = 0; pass < 2; pass++)
        {
          const char * const *names = pass == 0 ? numeric : categories;

          for (guint i = 0; names != NULL && names[i] != NULL; i++)
            {
              int col = find_column (layout->n_columns, layout->header, names[i]);
              gboolean taken = FALSE;

              if (col < 0)
                {
                  g_autofree char *list = columns_list (layout->n_columns, layout->header);
                  g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                               _("“%s” has no column named “%s” (given as an attribute). Its "
                                 "columns are: %s."), file_basename_for (path), names[i], list);
                  return FALSE;
                }
              for (guint r = 0; r < SC_N_ROLES; r++)
                taken |= layout->column[r] == col;
              for (guint a = 0; a < layout->n_attrs; a++)
                taken |= layout->attr_column[a] == col;
              if (taken)
                continue;
              layout->attr_column[layout->n_attrs] = col;
              layout->attr_categorical[layout->n_attrs] = pass == 1;
              layout->n_attrs++;
            }
        }
    }
  else if (kind == SC_TABLE_CUSTOMERS)
    {
      for (guint i = 0; i < layout->n_columns; i++)
        {
          if ((int) i == layout->column[SC_ROLE_CUSTOMER] ||
              (int) i == layout->column[SC_ROLE_CONSENT] ||
              layout->guesses[i].role == SC_ROLE_IGNORE ||
              layout->guesses[i].kind == SC_VALUE_EMPTY)
            continue;
          layout->attr_column[layout->n_attrs] = (int) i;
          layout->attr_categorical[layout->n_attrs] =
            !(layout->guesses[i].kind == SC_VALUE_INTEGER ||
              layout->guesses[i].kind == SC_VALUE_NUMBER);
          layout->n_attrs++;
        }
    }
  layout->attr_column[layout->n_attrs] = -1;

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

/* A row of an order id: the same order id can come back later with other rows (a return,
 * an adjustment), so what was imported before is the order id with the row's day and
 * amount. */
static guint64
order_row_identity (const char *order_key,
                    ScDay       day,
                    double      amount)
{
  return row_identity ((guint32) _sc_hash_bytes (order_key, strlen (order_key)), day, amount) ^
         (_sc_hash_bytes (order_key, strlen (order_key)) & ~(guint64) 1);
}

static void
add_existing_row (const char *order_key,
                  guint32     customer,
                  ScDay       day,
                  double      amount,
                  gpointer    user_data)
{
  Import *imp = user_data;

  if (imp->has_orders && order_key != NULL)
    hash_set_add (&imp->existing_rows, order_row_identity (order_key, day, amount) | 1);
  else if (!imp->has_orders)
    hash_set_add (&imp->existing_rows, row_identity (customer, day, amount));
}

/* Loads what the project already holds: for files with order ids, each row's order id, day
 * and amount; for files without them, each row's customer, day and amount. */
static gboolean
load_existing (Import    *imp,
               GError   **error)
{
  hash_set_init (&imp->existing_rows, sc_store_get_n_transactions (imp->store));
  return sc_store_foreach_transaction (imp->store, add_existing_row, imp, error);
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

/* ------------------------------------------------------------------------------------------ */
/* Customer attributes                                                                        */

/* One column becoming a customer attribute: values gathered per customer id while reading,
 * handed to an ScAttribute at the end.  From an orders file the value of a customer's latest
 * order wins, so @day holds the day of the value kept; from a customer list the first
 * listing wins (later ones are duplicates) and @day is NULL. */
typedef struct
{
  ScAttribute *attr;      /* owned by the import's attribute array */
  guint        column;
  GArray      *values;    /* gint32 level per customer (-1 missing) or double (NAN missing) */
  GArray      *day;       /* ScDay per customer, orders file only */
  GHashTable  *levels;    /* label -> level + 1 */
  GPtrArray   *names;     /* level labels */
} AttrColumn;

static void
attr_column_free (AttrColumn *ac)
{
  g_clear_pointer (&ac->values, g_array_unref);
  g_clear_pointer (&ac->day, g_array_unref);
  g_clear_pointer (&ac->levels, g_hash_table_unref);
  g_clear_pointer (&ac->names, g_ptr_array_unref);
  g_free (ac);
}

/* Adds the layout's attribute columns to @attributes and returns their builders. */
static GPtrArray *
attr_columns_new (const Layout *layout,
                  GPtrArray    *attributes,
                  gboolean      with_days)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) attr_column_free);

  for (guint a = 0; a < layout->n_attrs; a++)
    {
      AttrColumn *ac = g_new0 (AttrColumn, 1);

      ac->attr = g_new0 (ScAttribute, 1);
      ac->attr->name = g_strdup (layout->header[layout->attr_column[a]]);
      ac->attr->categorical = layout->attr_categorical[a];
      ac->column = (guint) layout->attr_column[a];
      ac->values = g_array_new (FALSE, FALSE, ac->attr->categorical ? sizeof (gint32)
                                                                    : sizeof (double));
      if (with_days)
        ac->day = g_array_new (FALSE, FALSE, sizeof (ScDay));
      if (ac->attr->categorical)
        {
          ac->levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          ac->names = g_ptr_array_new_with_free_func (g_free);
        }
      g_ptr_array_add (attributes, ac->attr);
      g_ptr_array_add (columns, ac);
    }
  return columns;
}

static void
attr_column_grow (AttrColumn *ac,
                  guint32     n)
{
  guint old = ac->values->len;

  if (old >= n)
    return;
  g_array_set_size (ac->values, n);
  for (guint j = old; j < n; j++)
    {
      if (ac->attr->categorical)
        g_array_index (ac->values, gint32, j) = -1;
      else
        g_array_index (ac->values, double, j) = NAN;
    }
  if (ac->day != NULL)
    {
      g_array_set_size (ac->day, n);
      for (guint j = old; j < n; j++)
        g_array_index (ac->day, ScDay, j) = G_MININT32;
    }
}

/* Returns FALSE for a value of a numeric column that is not a number. */
static gboolean
attr_column_set (AttrColumn *ac,
                 guint32     customer,
                 guint32     n_customers,
                 const char *value,
                 char        decimal_mark,
                 ScDay       day)
{
  attr_column_grow (ac, n_customers);
  if (sc_value_is_missing (value))
    return TRUE;
  if (ac->day != NULL)
    {
      if (day < g_array_index (ac->day, ScDay, customer))
        return TRUE;
    }

  if (ac->attr->categorical)
    {
      g_autofree char *label = g_strdelimit (g_strstrip (g_strdup (value)), "\r\n", ' ');
      gpointer found = g_hash_table_lookup (ac->levels, label);

      if (found == NULL)
        {
          g_ptr_array_add (ac->names, g_strdup (label));
          found = GUINT_TO_POINTER (ac->names->len);
          g_hash_table_insert (ac->levels, g_steal_pointer (&label), found);
        }
      g_array_index (ac->values, gint32, customer) = (gint32) GPOINTER_TO_UINT (found) - 1;
    }
  else
    {
      double v;

      if (!sc_parse_number (value, decimal_mark, &v) || !isfinite (v))
        return FALSE;
      g_array_index (ac->values, double, customer) = v;
    }
  if (ac->day != NULL)
    g_array_index (ac->day, ScDay, customer) = day;
  return TRUE;
}

/* Hands the gathered values to the attribute, sized to every customer known now. */
static void
attr_column_finish (AttrColumn *ac,
                    guint32     n_customers)
{
  ScAttribute *attr = ac->attr;

  attr_column_grow (ac, MAX (n_customers, 1));
  if (attr->categorical)
    {
      attr->n_levels = ac->names->len;
      g_ptr_array_add (ac->names, NULL);
      attr->levels = (char **) g_ptr_array_free (g_steal_pointer (&ac->names), FALSE);
      attr->codes = (gint32 *) g_array_free (g_steal_pointer (&ac->values), FALSE);
    }
  else
    attr->values = (double *) g_array_free (g_steal_pointer (&ac->values), FALSE);
}

static gboolean
read_transactions (Import      *imp,
                   const char  *path,
                   GPtrArray   *attributes,     /* of ScAttribute, added to here */
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
  int c_consent;
  g_autoptr(GPtrArray) attr_columns = NULL;
  guint64 bad_consent = 0, bad_numbers = 0;

  imp->path = path;
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
  c_consent = layout.column[SC_ROLE_CONSENT];
  decimal = layout.dialect.decimal_mark;
  attr_columns = attr_columns_new (&layout, attributes, TRUE);
  if (c_consent >= 0)
    {
      imp->order_consent = g_array_new (FALSE, FALSE, sizeof (gint8));
      imp->order_consent_day = g_array_new (FALSE, FALSE, sizeof (ScDay));
    }

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
  g_timer_start (imp->stage_timer);

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
          report_rows (imp, imp->read_from + (imp->read_to - imp->read_from) *
                            sc_csv_reader_get_offset (reader) / file_size,
                       _("Reading orders"), record->rows_read);
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
      if (imp->existing_rows.slot != NULL && imp->has_orders &&
          !sc_value_is_missing (fields[c_order]) &&
          hash_set_contains (&imp->existing_rows,
                             order_row_identity (fields[c_order], day, amount) | 1))
        {
          record->already_present++;
          continue;
        }
      if (imp->existing_rows.slot != NULL && !imp->has_orders)
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

      if (c_consent >= 0 && !sc_value_is_missing (fields[c_consent]))
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
          if (!sc_parse_bool (fields[c_consent], &yes))
            bad_consent++;
          else if (day >= g_array_index (imp->order_consent_day, ScDay, cust))
            {
              g_array_index (imp->order_consent, gint8, cust) = yes ? 1 : 0;
              g_array_index (imp->order_consent_day, ScDay, cust) = day;
            }
        }
      for (guint a = 0; a < attr_columns->len; a++)
        {
          AttrColumn *ac = g_ptr_array_index (attr_columns, a);

          if (!attr_column_set (ac, cust, imp->customers.n, fields[ac->column], decimal, day))
            bad_numbers++;
        }
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

  for (guint a = 0; a < attr_columns->len; a++)
    attr_column_finish (g_ptr_array_index (attr_columns, a), imp->customers.n);

  if (record->duplicate_rows > 0)
    g_string_append_printf (notes, _("%" PRIu64 " rows were exact copies of earlier "
                                     "rows and were imported once.\n"), record->duplicate_rows);
  if (bad_consent > 0)
    g_string_append_printf (notes, _("%" PRIu64 " consent values were not yes/no and were "
                                     "left out.\n"), bad_consent);
  if (bad_numbers > 0)
    g_string_append_printf (notes, _("%" PRIu64 " values in numeric columns were not "
                                     "numbers and count as missing.\n"), bad_numbers);
  record->notes = g_string_free (g_steal_pointer (&notes), FALSE);
  ok = TRUE;

out:
  return ok;
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
  g_autoptr(GPtrArray) attr_columns = NULL;
  g_autoptr(GArray) listed = g_array_new (FALSE, TRUE, 1);
  guint n_fields;
  char **fields;
  gsize *lengths;
  gboolean first = TRUE;
  int c_customer, c_consent;
  guint64 bad_consent = 0, bad_numbers = 0;
  guint64 file_size;

  imp->path = path;
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
  attr_columns = attr_columns_new (&layout, attributes, FALSE);

  reader = sc_csv_reader_new (path, &layout.dialect, error);
  if (reader == NULL)
    return FALSE;
  file_size = MAX (sc_csv_reader_get_size (reader), 1);
  g_timer_start (imp->stage_timer);

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
      if ((record->rows_read % CHECK_EVERY) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
            return FALSE;
          report_rows (imp, imp->read_from + (imp->read_to - imp->read_from) *
                            sc_csv_reader_get_offset (reader) / file_size,
                       _("Reading the customer list"), record->rows_read);
        }

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

      for (guint a = 0; a < attr_columns->len; a++)
        {
          AttrColumn *ac = g_ptr_array_index (attr_columns, a);

          if (!attr_column_set (ac, cust, n_now, fields[ac->column],
                                layout.dialect.decimal_mark, 0))
            bad_numbers++;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint a = 0; a < attr_columns->len; a++)
    attr_column_finish (g_ptr_array_index (attr_columns, a), imp->customers.n);

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

  for (guint a = 0; attributes != NULL && a < attributes->len; a++)
    if (!sc_store_save_attribute (imp->store, n_customers, g_ptr_array_index (attributes, a),
                                  error))
      return FALSE;

  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
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

  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    return FALSE;
  agg = sc_aggregates_compute (tx);
  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    return FALSE;
  if (agg == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("The transactions of “%s” are inconsistent."), sc_store_get_path (imp->store));
      return FALSE;
    }
  return sc_store_save_aggregates (imp->store, agg, error);
}

/* SQLite checkpoints the WAL into the database when a COMMIT makes it long, inside that
 * COMMIT: after a big import, half a second (4M transactions) during which cancelling could
 * not stop anything.  The import commits without it, then checkpoints: the import has
 * succeeded by then, and the checkpoint still happens in this thread rather than in the
 * next edit's commit on the UI thread. */
static gint64
get_autocheckpoint (ScStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 pages = -1;

  if (_sc_store_prepare (store, "PRAGMA wal_autocheckpoint", &stmt, NULL) &&
      sqlite3_step (stmt) == SQLITE_ROW)
    pages = sqlite3_column_int64 (stmt, 0);
  return pages;
}

static void
set_autocheckpoint (ScStore *store,
                    gint64   pages)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA wal_autocheckpoint = %" G_GINT64_FORMAT,
                                          pages);

  /* Only the timing depends on it. */
  _sc_store_exec (store, sql, NULL);
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
  gint64 autocheckpoint = -1;

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

      autocheckpoint = get_autocheckpoint (store);
      if (autocheckpoint > 0)
        set_autocheckpoint (store, 0);
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
  imp.stage_timer = g_timer_new ();
  imp.read_from = 0.0;
  imp.read_to = options->customers_path != NULL ? STAGE_READ_END - 0.05 : STAGE_READ_END;
  report_progress (&imp, 0.0, _("Reading orders"));
  if (options->transactions_path != NULL &&
      !read_transactions (&imp, options->transactions_path, attributes, error))
    goto out;

  g_debug ("import: orders read in %.3f s", g_timer_elapsed (timer, NULL));
  imp.read_from = options->transactions_path != NULL ? imp.read_to : 0.0;
  imp.read_to = STAGE_READ_END;
  report_progress (&imp, imp.read_from, _("Reading the customer list"));
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
  if (autocheckpoint > 0)
    {
      set_autocheckpoint (store, autocheckpoint);
      if (ok)
        _sc_store_exec (store, "PRAGMA wal_checkpoint(PASSIVE)", NULL);
    }
  import_clear (&imp);
  return ok ? g_steal_pointer (&report) : NULL;
}
