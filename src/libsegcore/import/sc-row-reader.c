/* sc-row-reader.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rows of one file, as an import reads them: the header skipped, every row checked for
 * its number of fields, and on request the values its table needs read into typed values
 * (the customer id; for orders the day and the amount), or the reason, for people, why the
 * row cannot be used.  What to do with a usable or unusable row (duplicates, interning,
 * storing the problem) stays with the import. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-currency.h"
#include "sc-intern-private.h"
#include "sc-row-reader-private.h"
#include "sc-value.h"
#include "sc-value-private.h"

#define CHECK_EVERY 4096
#define MAX_SHOWN_VALUE 60

struct _ScRowReader
{
  ScCsvReader          *csv;        /* NULL while rows come from a chunk read ahead */
  char                 *path;
  const ScImportLayout *layout;
  ScTableKind           kind;
  ScDateOrder           date_order;
  GCancellable         *cancellable;
  ScRowProgress         progress;
  gpointer              progress_data;
  guint64               size;
  guint64               rows;
  gboolean              first;
  ScRow                 row;
  GString              *customer;   /* a customer id with trailing blanks, without them */
  ScCurrencyTally       currency;   /* the currencies the amounts were marked with */
  ScFillDown            fill;

  /* a part read for sc-row-chunks.c: the columns parse() found a currency marker in */
  gboolean              part;
  int                   tally[2];

  /* reading in parallel (sc-row-chunks.c) */
  ScRowChunks          *chunks;
  guint                 k;          /* the chunk being handed out */
  ScRowChunk           *chunk;      /* it, or NULL */
  guint                 chunk_row;  /* the next of its rows */
  const ScChunkRow     *current;    /* the row handed out last, from a chunk */
  guint64               proven;     /* a record of the whole file starts here */
  guint64               line_base;  /* the physical lines before it */
  char                **fields;     /* the row's fields, into the chunk's text */
  gsize                *lengths;
  guint                 fields_cap;
  GString              *raw;        /* the raw text of a row from a chunk, when asked */
};

/* A value as shown inside a message: cut so a 2 MB field does not become a 2 MB message. */
char *
_sc_import_shown_value (const char *value)
{
  if (g_utf8_strlen (value, MAX_SHOWN_VALUE + 1) > MAX_SHOWN_VALUE)
    {
      g_autofree char *cut = g_utf8_substring (value, 0, MAX_SHOWN_VALUE);
      return g_strdup_printf ("%s…", cut);
    }
  return g_strdup (value);
}

ScRowReader *
_sc_row_reader_new (const char            *path,
                    const ScImportLayout  *layout,
                    ScTableKind            kind,
                    ScDateOrder            date_order,
                    GCancellable          *cancellable,
                    ScRowProgress          progress,
                    gpointer               progress_data,
                    GError               **error)
{
  g_autoptr(ScCsvReader) csv = sc_csv_reader_new (path, &layout->dialect, error);
  ScRowReader *reader;

  if (csv == NULL)
    return NULL;
  reader = g_new0 (ScRowReader, 1);
  reader->csv = g_steal_pointer (&csv);
  reader->path = g_strdup (path);
  reader->layout = layout;
  reader->kind = kind;
  reader->date_order = date_order;
  reader->cancellable = cancellable;
  reader->progress = progress;
  reader->progress_data = progress_data;
  reader->size = MAX (sc_csv_reader_get_size (reader->csv), 1);
  reader->first = TRUE;
  reader->customer = g_string_new (NULL);
  if (layout->rules.n_fill_down > 0)
    _sc_fill_down_init (&reader->fill, &layout->rules);
  reader->chunks = _sc_row_chunks_new (path, layout, kind, date_order, cancellable,
                                       sc_csv_reader_get_size (reader->csv));
  if (reader->chunks != NULL)
    g_clear_pointer (&reader->csv, sc_csv_reader_free);
  return reader;
}

ScRowReader *
_sc_row_reader_new_part (const char            *path,
                         const ScImportLayout  *layout,
                         ScTableKind            kind,
                         ScDateOrder            date_order,
                         guint64                start,
                         guint64                limit,
                         GError               **error)
{
  g_autoptr(ScCsvReader) csv = sc_csv_reader_new_range (path, &layout->dialect, start, limit, 1,
                                                        error);
  ScRowReader *reader;

  if (csv == NULL)
    return NULL;
  reader = g_new0 (ScRowReader, 1);
  reader->csv = g_steal_pointer (&csv);
  reader->layout = layout;
  reader->kind = kind;
  reader->date_order = date_order;
  reader->size = MAX (sc_csv_reader_get_size (reader->csv), 1);
  reader->first = start == 0;
  reader->customer = g_string_new (NULL);
  reader->part = TRUE;
  reader->tally[0] = reader->tally[1] = -1;
  return reader;
}

const char *
_sc_row_reader_get_record (ScRowReader *reader,
                           gsize       *len)
{
  return sc_csv_reader_get_record (reader->csv, len);
}

gboolean
_sc_row_reader_raw_is_split (ScRowReader *reader)
{
  return sc_csv_reader_raw_is_split (reader->csv);
}

gboolean
_sc_row_reader_hash_split (ScRowReader *reader,
                           guint64     *hash)
{
  return sc_csv_reader_hash_split (reader->csv, hash);
}

guint64
_sc_row_reader_part_end (ScRowReader *reader,
                         guint64     *n_lines)
{
  *n_lines = sc_csv_reader_get_next_line (reader->csv) - 1;
  return sc_csv_reader_get_offset (reader->csv);
}

void
_sc_row_reader_take_tally (ScRowReader *reader,
                           int          tally[2])
{
  tally[0] = reader->tally[0];
  tally[1] = reader->tally[1];
  reader->tally[0] = reader->tally[1] = -1;
}

void
_sc_row_reader_free (ScRowReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_pointer (&reader->row.reason, g_free);
  g_string_free (reader->customer, TRUE);
  _sc_fill_down_clear (&reader->fill);
  g_clear_pointer (&reader->csv, sc_csv_reader_free);
  g_clear_pointer (&reader->chunks, _sc_row_chunks_free);
  g_free (reader->fields);
  g_free (reader->lengths);
  if (reader->raw != NULL)
    g_string_free (reader->raw, TRUE);
  g_free (reader->path);
  g_free (reader);
}

guint64
_sc_row_reader_get_size (ScRowReader *reader)
{
  return reader->size;
}

/* The currency most amounts read so far were marked with ("€ 12"), or NULL. */
const char *
_sc_row_reader_get_currency (ScRowReader *reader)
{
  return sc_currency_tally_dominant (&reader->currency);
}

const char *
_sc_row_reader_get_raw (ScRowReader *reader,
                        gsize       *len)
{
  if (reader->csv == NULL)
    {
      if (len != NULL)
        *len = reader->current != NULL ? reader->current->raw_len : 0;
      if (reader->current == NULL)
        return "";
      if (reader->raw == NULL)
        reader->raw = g_string_new (NULL);
      _sc_row_chunk_raw (reader->chunk->data, reader->current, reader->raw,
                         reader->layout->dialect.delimiter);
      return reader->raw->str;
    }
  return sc_csv_reader_get_raw (reader->csv, len);
}

guint64
_sc_row_reader_get_raw_hash (ScRowReader *reader)
{
  const char *raw;
  gsize len;

  guint64 h;

  if (reader->current != NULL)
    return reader->current->raw_hash;
  if (reader->csv != NULL && sc_csv_reader_hash_split (reader->csv, &h))
    return h | 1;
  raw = _sc_row_reader_get_raw (reader, &len);
  return _sc_hash_bytes (raw, len) | 1;
}

static gboolean
column_is_used (const ScImportLayout *layout,
                int                   col)
{
  for (guint r = 0; r < SC_N_ROLES; r++)
    if (layout->column[r] == col)
      return TRUE;
  for (guint a = 0; layout->attr_column != NULL && a < layout->n_attrs; a++)
    if (layout->attr_column[a] == col)
      return TRUE;
  return FALSE;
}

/* A row whose value in a column the import reads is not valid text in the file's encoding
 * is left out, not guessed at: read as another encoding, a name would become a second
 * customer (or a second category) beside the one spelled right elsewhere. */
static void
check_encoding (ScRowReader *reader,
                ScRow       *row)
{
  const ScImportLayout *layout = reader->layout;
  int col = sc_csv_reader_get_invalid (reader->csv, 0);
  g_autofree char *shown = NULL;

  while (col >= 0 && !column_is_used (layout, col))
    col = sc_csv_reader_get_invalid (reader->csv, col + 1);
  if (col < 0)
    return;

  shown = _sc_import_shown_value (row->fields[col]);
  row->why = SC_REJECT_ENCODING;
  row->column = layout->header[col];
  if (layout->dialect.encoding == SC_ENCODING_UTF8)
    row->reason = g_strdup_printf (_("“%s” in column %s is not valid UTF-8, the encoding of "
                                     "the rest of the file"), shown, layout->header[col]);
  else
    row->reason = g_strdup_printf (_("“%s” in column %s holds a byte that is not a character "
                                     "in Windows-1252, the encoding of the file"), shown,
                                   layout->header[col]);
}

/* Hands out row @cr of the current chunk as the reader would have read it. */
static void
take_chunk_row (ScRowReader      *reader,
                const ScChunkRow *cr)
{
  const ScChunkData *d = reader->chunk->data;
  ScRow *row = &reader->row;

  if (cr->n_fields > reader->fields_cap)
    {
      reader->fields_cap = MAX (cr->n_fields, 2 * reader->fields_cap);
      reader->fields = g_renew (char *, reader->fields, reader->fields_cap);
      reader->lengths = g_renew (gsize, reader->lengths, reader->fields_cap);
    }
  /* locals: the build does not assume strict aliasing, so each store through the arrays
   * would reload whatever was read through a pointer */
  {
    const guint32 *off = d->field_off + cr->first_field;
    const guint32 *len = d->field_len + cr->first_field;
    char *text = d->text;
    char **fields = reader->fields;
    gsize *lengths = reader->lengths;
    guint n = cr->n_fields;

    for (guint i = 0; i < n; i++)
      {
        fields[i] = text + off[i];
        lengths[i] = len[i];
      }
  }
  reader->current = cr;
  row->n_fields = cr->n_fields;
  row->fields = reader->fields;
  row->lengths = reader->lengths;
  row->line = reader->line_base + cr->line;
}

/* Whether no field of the record holds anything but blanks: a line of delimiters only
 * (";;;;", the formatted but empty rows a spreadsheet saves) or of empty quotes, which is
 * no row, as a blank line is none. */
static gboolean
is_empty_record (guint          n_fields,
                 char * const  *fields,
                 const gsize   *lengths)
{
  for (guint i = 0; i < n_fields; i++)
    for (gsize j = 0; j < lengths[i]; j++)
      if (fields[i][j] != ' ' && fields[i][j] != '\t')
        return FALSE;
  return TRUE;
}

/* The next record of the file into the row (fields and line); FALSE at the end or with
 * @error set.  Reading in parallel, the rows come from the chunks read ahead while their
 * start is proven, else from a reader of the range opened here (sc-row-chunks.c). */
static gboolean
next_record (ScRowReader  *reader,
             GError      **error)
{
  const ScImportLayout *layout = reader->layout;
  ScRow *row = &reader->row;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      ScRowChunk *c;

      if (reader->csv != NULL)
        {
          reader->current = NULL;
          if (sc_csv_reader_next (reader->csv, &row->n_fields, &row->fields, &row->lengths,
                                  &local_error))
            {
              if (reader->first && layout->dialect.has_header)
                {
                  reader->first = FALSE;
                  continue;
                }
              reader->first = FALSE;
              /* a first field that starts with a value settles it, for nearly every row
               * (the fields end in NUL: an empty one starts with it) */
              if (G_UNLIKELY ((guchar) row->fields[0][0] <= ' ') &&
                  is_empty_record (row->n_fields, row->fields, row->lengths))
                continue;
              row->line = sc_csv_reader_get_line (reader->csv);
              return TRUE;
            }
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          if (reader->chunks == NULL)
            return FALSE;
          /* read here from a proven start: where it stopped is one too */
          reader->proven = sc_csv_reader_get_offset (reader->csv);
          reader->line_base = sc_csv_reader_get_next_line (reader->csv) - 1;
          g_clear_pointer (&reader->csv, sc_csv_reader_free);
          reader->k++;
          continue;
        }

      if (reader->chunk == NULL)
        {
          if (reader->k == _sc_row_chunks_get_n (reader->chunks))
            return FALSE;
          c = _sc_row_chunks_wait (reader->chunks, reader->k);
          if (c->error != NULL || c->start != reader->proven)
            {
              guint64 limit = c->limit;

              /* a cut inside a quoted field, or a failure: read the range here */
              _sc_row_chunks_release (reader->chunks, reader->k, FALSE);
              reader->csv = sc_csv_reader_new_range (reader->path, &layout->dialect,
                                                     reader->proven, limit,
                                                     reader->line_base + 1, error);
              if (reader->csv == NULL)
                return FALSE;
              reader->first = reader->proven == 0;
              continue;
            }
          reader->chunk = c;
          reader->chunk_row = 0;
        }

      c = reader->chunk;
      if (reader->chunk_row < c->data->n_rows)
        {
          take_chunk_row (reader, &c->data->rows[reader->chunk_row++]);
          return TRUE;
        }
      reader->proven = c->end;
      reader->line_base += c->n_lines;
      reader->current = NULL;
      reader->chunk = NULL;
      _sc_row_chunks_release (reader->chunks, reader->k, TRUE);
      reader->k++;
    }
}

static double
read_fraction (ScRowReader *reader)
{
  const ScRowChunk *c = reader->chunk;

  if (reader->csv != NULL)
    return (double) sc_csv_reader_get_offset (reader->csv) / reader->size;
  if (c == NULL || c->data->n_rows == 0)
    return 0;
  return (c->start + (double) (c->end - c->start) * reader->chunk_row / c->data->n_rows) /
         reader->size;
}

/* A problem the row was read with, a copy that can be taken. */
static void
take_problem (ScRowReader *reader,
              ScRow       *row,
              int          index)
{
  const ScChunkProblem *p = &g_array_index (reader->chunk->data->problems, ScChunkProblem,
                                            index);

  row->why = p->why;
  row->column = p->column;
  g_free (row->reason);
  row->reason = g_strdup (p->reason);
}

ScRow *
_sc_row_reader_next (ScRowReader  *reader,
                     GError      **error)
{
  const ScImportLayout *layout = reader->layout;
  ScRow *row = &reader->row;

  g_clear_pointer (&row->reason, g_free);
  if (!next_record (reader, error))
    return NULL;

  reader->rows++;
  if ((reader->rows % CHECK_EVERY) == 0)
    {
      if (g_cancellable_set_error_if_cancelled (reader->cancellable, error))
        return NULL;
      if (reader->progress != NULL)
        reader->progress (reader->rows, read_fraction (reader), reader->progress_data);
    }

  row->customer = NULL;
  row->column = NULL;
  row->continuation = FALSE;
  if (reader->current != NULL)
    {
      if (reader->current->problem >= 0)
        take_problem (reader, row, reader->current->problem);
    }
  else if (row->n_fields != layout->n_columns)
    {
      row->why = SC_REJECT_FIELDS;
      if (row->n_fields == 1 && layout->n_columns > 2)
        {
          /* a report's title, totals line or notice below the rows ("Grand Totals (5700
           * records)", "Confidential Information - Do Not Distribute") */
          g_autofree char *shown = _sc_import_shown_value (row->fields[0]);

          row->reason = g_strdup_printf (_("a line of text, not a row of the table (a title, "
                                           "total or note such as report exports add): “%s”"),
                                         shown);
        }
      else if (reader->kind == SC_TABLE_TRANSACTIONS && row->n_fields > layout->n_columns)
        row->reason = g_strdup_printf (_("the row has %u fields but the header has %u; a value "
                                         "may contain an unquoted “%c”"),
                                       row->n_fields, layout->n_columns,
                                       layout->dialect.delimiter == '\t' ||
                                       layout->dialect.delimiter == SC_CSV_WHITESPACE
                                         ? ' ' : layout->dialect.delimiter);
      else
        row->reason = g_strdup_printf (_("the row has %u fields but the header has %u"),
                                       row->n_fields, layout->n_columns);
    }
  else
    {
      check_encoding (reader, row);
      if (layout->rules.n_fill_down > 0)
        row->continuation = _sc_fill_down_row (&reader->fill, &layout->rules,
                                               layout->column[SC_ROLE_ORDER], row->fields,
                                               row->lengths);
    }
  return row;
}

/* Sets the row's problem to a value of column @col that is missing or unreadable. */
static gboolean
bad_value (ScRowReader    *reader,
           ScRow          *row,
           ScRejectReason  why,
           int             col,
           char           *reason)
{
  row->why = why;
  row->column = reader->layout->header[col];
  row->reason = reason;
  return FALSE;
}

/* Whether @value, without surrounding blanks, is @word (or, with @signed, @word after one
 * sign), in any case.  Only for values already known not to be numbers. */
static gboolean
value_is_word (const char *value,
               const char *word,
               gboolean    with_sign)
{
  g_autofree char *v = g_strstrip (g_strdup (value));
  const char *p = v;

  if (with_sign && (*p == '-' || *p == '+'))
    p++;
  return g_ascii_strcasecmp (p, word) == 0;
}

/* The limit of amounts as people read it in a message. */
static char *
limit_text (double limit)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* 1e+12 rather than 1000000000000, unless that loses digits */
  g_ascii_formatd (buf, sizeof buf, "%g", limit);
  if (g_ascii_strtod (buf, NULL) != limit)
    g_ascii_formatd (buf, sizeof buf, "%.17g", limit);
  return g_strdup (buf);
}

/* A value of column @col that was written as a number but is not a plausible one: too
 * large for a double, too small to be told from 0, infinite or beyond the limit. */
static gboolean
implausible_number (ScRowReader    *reader,
                    ScRow          *row,
                    int             col,
                    ScNumberResult  result)
{
  const ScImportLayout *layout = reader->layout;
  g_autofree char *shown = _sc_import_shown_value (row->fields[col]);
  g_autofree char *limit = limit_text (layout->max_amount);
  const char *name = layout->header[col];
  char *reason;

  if (result == SC_NUMBER_UNDERFLOW)
    reason = g_strdup_printf (_("“%s” in column %s is not zero but too small to be an amount"),
                              shown, name);
  else
    /* Translators: the last %s is a number such as 1e+12 */
    reason = g_strdup_printf (_("“%s” in column %s is beyond the plausible limit of amounts, "
                                "±%s; to import it, raise the largest amount (Plausible Range "
                                "in the import’s check step, or segments-cli import "
                                "--max-amount)"), shown, name, limit);
  return bad_value (reader, row, SC_REJECT_IMPLAUSIBLE, col, reason);
}

/* Reads one number of column @col: FALSE, with the row's problem set, when it is missing,
 * not a number (NaN included) or not a plausible one. */
static gboolean
read_number (ScRowReader *reader,
             ScRow       *row,
             int          col,
             double      *out)
{
  const ScImportLayout *layout = reader->layout;
  const char *field = row->fields[col];
  ScNumberResult result = sc_parse_number_checked (field, layout->dialect.decimal_mark, out);
  g_autofree char *shown = NULL;
  char *reason;

  if (result == SC_NUMBER_OK)
    {
      if (fabs (*out) > layout->max_amount)
        return implausible_number (reader, row, col, SC_NUMBER_OVERFLOW);
      /* Only a value that does not start and end with a digit can carry a marker. */
      if (row->lengths[col] > 0 && (!g_ascii_isdigit (field[0]) ||
                                    !g_ascii_isdigit (field[row->lengths[col] - 1])))
        {
          /* a part read ahead notes it: the tally counts only the rows parsed in order */
          if (reader->part)
            reader->tally[reader->tally[0] < 0 ? 0 : 1] = col;
          else
            sc_currency_tally_add (&reader->currency, field);
        }
      return TRUE;
    }
  if (result != SC_NUMBER_INVALID || value_is_word (field, "inf", TRUE) ||
      value_is_word (field, "infinity", TRUE))
    return implausible_number (reader, row, col, result == SC_NUMBER_UNDERFLOW
                                                   ? SC_NUMBER_UNDERFLOW : SC_NUMBER_OVERFLOW);

  /* "NaN" counts as a missing marker elsewhere, but an amount written as NaN is a result
   * that went wrong, not one left out. */
  shown = _sc_import_shown_value (field);
  if (sc_value_is_missing (field) && !value_is_word (field, "nan", FALSE))
    reason = col == layout->column[SC_ROLE_AMOUNT]
      ? g_strdup_printf (_("the amount is missing in column %s"), layout->header[col])
      : g_strdup_printf (_("the value is missing in column %s"), layout->header[col]);
  else
    reason = col == layout->column[SC_ROLE_AMOUNT]
      ? g_strdup_printf (_("amount “%s” is not a number in column %s"), shown,
                         layout->header[col])
      : g_strdup_printf (_("“%s” is not a number in column %s"), shown, layout->header[col]);
  return bad_value (reader, row, SC_REJECT_AMOUNT, col, reason);
}

/* The amount, or quantity times unit price, within the limit; -0 is read as 0, so that it
 * is the same amount (and the same row) as 0. */
static gboolean
parse_amount (ScRowReader *reader,
              ScRow       *row)
{
  const ScImportLayout *layout = reader->layout;
  int c_amount = layout->column[SC_ROLE_AMOUNT];
  int c_qty = layout->column[SC_ROLE_QUANTITY];
  int c_price = layout->column[SC_ROLE_PRICE];
  double qty, price;

  if (c_amount >= 0)
    {
      if (!read_number (reader, row, c_amount, &row->amount))
        return FALSE;
    }
  else
    {
      if (!read_number (reader, row, c_qty, &qty) || !read_number (reader, row, c_price, &price))
        return FALSE;
      row->amount = qty * price;
      if (!(fabs (row->amount) <= layout->max_amount))
        {
          g_autofree char *shown_qty = _sc_import_shown_value (row->fields[c_qty]);
          g_autofree char *shown_price = _sc_import_shown_value (row->fields[c_price]);
          g_autofree char *limit = limit_text (layout->max_amount);

          /* Translators: quantity × unit price, then the columns, then a number like 1e+12 */
          return bad_value (reader, row, SC_REJECT_IMPLAUSIBLE, c_price,
                            g_strdup_printf (_("the amount %s × %s (columns %s and %s) is "
                                               "beyond the plausible limit of amounts, ±%s; to "
                                               "import it, raise the largest amount "
                                               "(Plausible Range in the import’s check "
                                               "step, or segments-cli import --max-amount)"),
                                             shown_qty, shown_price, layout->header[c_qty],
                                             layout->header[c_price], limit));
        }
    }
  if (row->amount == 0)
    row->amount = 0;
  return TRUE;
}

/* The line's cost, never a reason to reject the row: the cost column (times the quantity
 * when one is mapped: a unit cost), else the margin column (percent of the amount), else
 * NAN.  A missing, unreadable or implausible cost is NAN too, so that it is counted as
 * unknown instead of read as zero (model/sc-profit.c). */
static void
parse_cost (ScRowReader *reader,
            ScRow       *row)
{
  const ScImportLayout *layout = reader->layout;
  int c_cost = layout->column[SC_ROLE_COST];
  int c_margin = layout->column[SC_ROLE_MARGIN];
  int c_qty = layout->column[SC_ROLE_QUANTITY];
  char mark = layout->dialect.decimal_mark;
  double v, qty;

  row->cost = NAN;
  if (c_cost >= 0 && sc_parse_number_checked (row->fields[c_cost], mark, &v) == SC_NUMBER_OK &&
      fabs (v) <= layout->max_amount)
    {
      if (c_qty < 0)
        row->cost = v;
      else if (sc_parse_number_checked (row->fields[c_qty], mark, &qty) == SC_NUMBER_OK &&
               fabs (v * qty) <= layout->max_amount)
        row->cost = v * qty;
    }
  else if (c_margin >= 0 &&
           sc_parse_number_checked (row->fields[c_margin], mark, &v) == SC_NUMBER_OK &&
           v <= 100 && v >= -1e6)
    row->cost = row->amount * (1 - v / 100);
  else if (layout->category_margin != NULL && layout->margin_by_column >= 0)
    {
      g_autofree char *category = g_strstrip (g_strdup (row->fields[layout->margin_by_column]));
      g_autofree char *key = g_utf8_casefold (category, -1);
      const double *margin = g_hash_table_lookup (layout->category_margin, key);

      if (margin != NULL)
        row->cost = row->amount * (1 - *margin / 100);
    }
}

/* The customer id without surrounding blanks.  The field is not changed in place: the raw
 * text of the row (kept for duplicates and rejected rows) is rebuilt from the buffer the
 * fields live in. */
static const char *
strip_customer (ScRowReader *reader,
                const char  *s,
                gsize        len)
{
  while (len > 0 && g_ascii_isspace (*s))
    {
      s++;
      len--;
    }
  if (len == 0 || !g_ascii_isspace (s[len - 1]))
    return s;
  while (len > 0 && g_ascii_isspace (s[len - 1]))
    len--;
  g_string_truncate (reader->customer, 0);
  g_string_append_len (reader->customer, s, len);
  return reader->customer->str;
}

/* Reads the day of column @col: FALSE, with the row's problem set, when it is missing, not
 * a date or outside the plausible bounds. */
static gboolean
parse_day (ScRowReader *reader,
           ScRow       *row,
           int          c_date)
{
  const ScImportLayout *layout = reader->layout;

  if (!sc_parse_date (row->fields[c_date], reader->date_order, &row->day))
    {
      g_autofree char *shown = _sc_import_shown_value (row->fields[c_date]);
      char *reason = sc_value_is_missing (row->fields[c_date])
        ? g_strdup_printf (_("the date is missing in column %s"), layout->header[c_date])
        : g_strdup_printf (_("date “%s” is not a valid date (%s) in column %s"), shown,
                           _sc_import_date_order_label (reader->date_order),
                           layout->header[c_date]);
      return bad_value (reader, row, SC_REJECT_DATE, c_date, reason);
    }
  if (row->day < layout->min_day || row->day > layout->max_day)
    {
      g_autofree char *shown = _sc_import_shown_value (row->fields[c_date]);
      g_autofree char *min = sc_day_format (layout->min_day);
      g_autofree char *max = sc_day_format (layout->max_day);

      return bad_value (reader, row, SC_REJECT_IMPLAUSIBLE, c_date,
                        g_strdup_printf (_("date “%s” in column %s is outside the "
                                           "plausible range %s to %s; to import it, widen "
                                           "the range (Plausible Range in the import’s "
                                           "check step, or segments-cli import "
                                           "--min-date or --max-date)"),
                                         shown, layout->header[c_date], min, max));
    }
  return TRUE;
}

/* What parse() said of a row read ahead, with its currency markers tallied now. */
static gboolean
replay_parse (ScRowReader *reader,
              ScRow       *row)
{
  const ScChunkRow *cr = reader->current;

  g_return_val_if_fail (cr->parsed >= 0, FALSE);

  for (guint t = 0; t < G_N_ELEMENTS (cr->tally); t++)
    if (cr->tally[t] >= 0)
      sc_currency_tally_add (&reader->currency, row->fields[cr->tally[t]]);
  row->day = cr->day;
  row->amount = cr->amount;
  row->cost = cr->cost;
  if (!cr->parsed)
    {
      take_problem (reader, row, cr->parse_problem);
      return FALSE;
    }
  row->customer = reader->chunk->data->text + cr->cust_off;
  row->customer_len = cr->cust_len;
  return TRUE;
}

/* Reads the values the table needs: the customer id, and for orders the day and the amount
 * (or quantity times unit price).  FALSE, with the row's problem set, when one is missing,
 * cannot be read or lies outside the plausible bounds of the layout. */
gboolean
_sc_row_reader_parse (ScRowReader *reader,
                      ScRow       *row)
{
  const ScImportLayout *layout = reader->layout;
  int c_customer = layout->column[SC_ROLE_CUSTOMER];
  int c_date = layout->column[SC_ROLE_DATE];

  if (reader->current != NULL)
    return replay_parse (reader, row);
  if (_sc_value_is_missing_quick (row->fields[c_customer]))
    {
      int c_else = layout->rules.customer_else;

      if (c_else < 0 || _sc_value_is_missing_quick (row->fields[c_else]))
        return bad_value (reader, row, SC_REJECT_CUSTOMER, c_customer,
                          g_strdup_printf (_("the customer id is missing in column %s"),
                                           layout->header[c_customer]));
      c_customer = c_else;
    }

  if (reader->kind != SC_TABLE_CUSTOMERS && !parse_day (reader, row, c_date))
    return FALSE;
  if (reader->kind == SC_TABLE_TRANSACTIONS)
    {
      if (!parse_amount (reader, row))
        return FALSE;
      parse_cost (reader, row);
    }
  else if (reader->kind == SC_TABLE_INTERACTIONS)
    {
      int c_type = layout->column[SC_ROLE_TYPE];
      int c_value = layout->column[SC_ROLE_AMOUNT];

      if (sc_value_is_missing (row->fields[c_type]))
        return bad_value (reader, row, SC_REJECT_TYPE, c_type,
                          g_strdup_printf (_("the interaction type is missing in column %s"),
                                           layout->header[c_type]));
      /* The value is optional: missing is NAN, but a value that is there must read. */
      row->amount = NAN;
      if (c_value >= 0 && !sc_value_is_missing (row->fields[c_value]) &&
          !read_number (reader, row, c_value, &row->amount))
        return FALSE;
    }

  row->customer = strip_customer (reader, row->fields[c_customer],
                                  row->lengths[c_customer]);
  /* measured here, by the readers when in parallel; a NUL in the field ends the id as
   * it always did */
  row->customer_len = strlen (row->customer);
  return TRUE;
}
