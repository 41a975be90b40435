/* sc-import-layout.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a file holds and how to read it: the preview the wizard shows (sniffed, with the
 * person's choices applied, roles detected on the first rows), and the layout an import
 * uses, which is the same preview with the options' column map applied on top, so that the
 * wizard and the import never disagree about a file.  The options that say how to read the
 * files live here too, below the row reader, the attributes and the import. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-csv.h"
#include "sc-detect.h"
#include "sc-import-layout-private.h"
#include "sc-value.h"

#define SAMPLE_ROWS 1000

/* The options, copied before a worker thread starts. */

void
sc_import_options_init (ScImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->date_order = SC_DATE_ORDER_AUTO;
  /* 0: the default bounds, resolved when the import starts */
  options->min_day = 0;
  options->max_day = 0;
  options->max_amount = 0;
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
  g_clear_pointer (&options->interactions_path, g_free);
  for (guint i = 0; i < SC_N_ROLES; i++)
    g_clear_pointer (&options->map[i], g_free);
  import_table_clear (&options->orders);
  import_table_clear (&options->customers);
  import_table_clear (&options->interactions);
  g_clear_pointer (&options->fill_down, g_strfreev);
  g_clear_pointer (&options->count_status, g_strfreev);
  g_clear_pointer (&options->margin_by, g_free);
  g_clear_pointer (&options->category_margins, g_strfreev);
}

void
sc_import_options_copy (const ScImportOptions *src,
                        ScImportOptions       *dest)
{
  *dest = *src;
  dest->transactions_path = g_strdup (src->transactions_path);
  dest->customers_path = g_strdup (src->customers_path);
  dest->interactions_path = g_strdup (src->interactions_path);
  for (guint i = 0; i < SC_N_ROLES; i++)
    dest->map[i] = g_strdup (src->map[i]);
  import_table_copy (&src->orders, &dest->orders);
  import_table_copy (&src->customers, &dest->customers);
  import_table_copy (&src->interactions, &dest->interactions);
  dest->fill_down = g_strdupv (src->fill_down);
  dest->count_status = g_strdupv (src->count_status);
  dest->margin_by = g_strdup (src->margin_by);
  dest->category_margins = g_strdupv (src->category_margins);
}

/**
 * sc_import_options_get_bounds:
 * @options: import options
 * @min_day: (out) (optional): the earliest plausible order date
 * @max_day: (out) (optional): the latest plausible order date
 * @max_amount: (out) (optional): the largest plausible magnitude of an amount
 *
 * The plausible bounds an import with @options applies, defaults resolved (today is taken
 * now, in UTC).  A limit on amounts that is not a positive number takes the default.
 */
void
sc_import_options_get_bounds (const ScImportOptions *options,
                              ScDay                 *min_day,
                              ScDay                 *max_day,
                              double                *max_amount)
{
  g_return_if_fail (options != NULL);

  if (min_day != NULL)
    *min_day = options->min_day;
  if (max_day != NULL)
    {
      if (options->max_day != 0)
        *max_day = options->max_day;
      else
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          *max_day = sc_day_from_ymd (g_date_time_get_year (now),
                                      g_date_time_get_month (now),
                                      g_date_time_get_day_of_month (now)) + SC_IMPORT_DAYS_AHEAD;
        }
    }
  if (max_amount != NULL)
    *max_amount = options->max_amount > 0 ? MIN (options->max_amount,
                                                 SC_IMPORT_MAX_AMOUNT_CEILING)
                                          : SC_IMPORT_MAX_AMOUNT;
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

/* How many of the columns have a name that contains one of @words (lower case). */
static guint
count_columns_named (guint               n_columns,
                     char              **header,
                     const char * const *words)
{
  guint n = 0;

  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *h = g_ascii_strdown (header[i], -1);

      for (guint w = 0; words[w] != NULL; w++)
        if (strstr (h, words[w]) != NULL)
          {
            n++;
            break;
          }
    }
  return n;
}

/* What a file that cannot be read as orders looks like, and what to do with it, for people;
 * NULL when it looks like orders whose column was not found.  A customer list (one the
 * catalogue knows, or columns of names, addresses and phones without an order in sight) goes
 * in as one; a product catalogue or stock list has no place. */
static char *
not_orders_hint (ScImportSource   source,
                 guint            n_columns,
                 char           **header)
{
  static const char * const order_words[] = {
    "order", "invoice", "transaction", "payment", "charge", "deal", "opportunit", "receipt",
    "purchase", "sales", NULL,
  };
  static const char * const product_words[] = {
    "sku", "handle", "variant", "barcode", "inventory", "stock", "on hand", "vendor",
    "product", "weight", "grams", NULL,
  };
  static const char * const person_words[] = {
    "email", "e-mail", "first name", "last name", "phone", "address", "company", NULL,
  };
  const ScSourceShape *list;

  list = sc_source_shape_recognise (source == SC_IMPORT_SOURCE_GENERIC ? SC_IMPORT_SOURCE_AUTO
                                                                       : source,
                                    SC_TABLE_CUSTOMERS, n_columns,
                                    (const char * const *) header);
  if (list != NULL)
    /* Translators: %s is the kind of export, "Shopify customers export" */
    return g_strdup_printf (_("It is a %s: a customer list, not orders. Import it as the "
                              "customer list (segments-cli: --customers FILE), with the "
                              "orders in --transactions."), sc_source_shape_get_label (list));
  if (count_columns_named (n_columns, header, order_words) > 0)
    return NULL;
  if (count_columns_named (n_columns, header, product_words) >= 2)
    return g_strdup (_("Its columns look like a product catalogue or a stock list: it has no "
                       "orders. Import the orders export, one row per order or order line "
                       "with the customer, the date and the amount; if this is one, choose "
                       "the column (segments-cli: --map ROLE=COLUMN)."));
  if (count_columns_named (n_columns, header, person_words) >= 2)
    return g_strdup (_("Its columns look like a customer list: import it as the customer list "
                       "(segments-cli: --customers FILE), with the orders in --transactions; "
                       "if it is orders, choose the column (segments-cli: --map "
                       "ROLE=COLUMN)."));
  return NULL;
}

void
_sc_import_layout_clear (ScImportLayout *layout)
{
  g_clear_pointer (&layout->header, g_strfreev);
  g_clear_pointer (&layout->sample, g_ptr_array_unref);
  g_clear_pointer (&layout->guesses, g_free);
  g_clear_pointer (&layout->attr_column, g_free);
  g_clear_pointer (&layout->attr_categorical, g_free);
  g_clear_pointer (&layout->category_margin, g_hash_table_unref);
  _sc_source_rules_clear (&layout->rules);
}

const char *
_sc_import_basename (const char *path)
{
  const char *slash = strrchr (path, G_DIR_SEPARATOR);
  return slash != NULL ? slash + 1 : path;
}

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
  /* An encoding a person chose applies to every field. */
  if (format->encoding == SC_IMPORT_ENCODING_UTF8)
    {
      dialect->encoding = SC_ENCODING_UTF8;
      dialect->keep_utf8 = FALSE;
    }
  else if (format->encoding == SC_IMPORT_ENCODING_WINDOWS_1252)
    {
      dialect->encoding = SC_ENCODING_WINDOWS_1252;
      dialect->keep_utf8 = FALSE;
    }
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
         ((format->delimiter == 0 || sc_csv_delimiter_is_valid (format->delimiter)) &&
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
                     "read."), _sc_import_basename (path));
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
                     _("“%s” is empty: there are no rows to import."), _sc_import_basename (path));
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
                   _("“%s” has a header but no rows to import."), _sc_import_basename (path));
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
  preview->shape = sc_source_shape_recognise (format != NULL ? format->source
                                                             : SC_IMPORT_SOURCE_AUTO,
                                              kind, preview->n_columns,
                                              (const char * const *) preview->header);
  if (preview->shape != NULL)
    {
      int column[SC_N_ROLES];

      for (guint r = 0; r < SC_N_ROLES; r++)
        column[r] = -1;
      for (guint i = 0; i < preview->n_columns; i++)
        if (column[preview->guesses[i].role] < 0)
          column[preview->guesses[i].role] = (int) i;
      _sc_source_apply_roles (preview->shape, preview->n_columns, preview->header,
                              preview->guesses, column);
    }
  return g_steal_pointer (&preview);
}

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
                              : kind == SC_TABLE_INTERACTIONS ? &options->interactions
                              : &options->orders;

  if (table->set)
    {
      *format = table->format;
      if (format->source == SC_IMPORT_SOURCE_AUTO)
        format->source = options->source;
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
      format->source = options->source;
      *map = (const char * const *) options->map;
      *numeric = NULL;
      *categories = NULL;
    }
}

/* The margin of each product category (options' margin_by and category_margins): the
 * column is found by its header, its case ignored; each item is "CATEGORY=PERCENT". */
static gboolean
read_category_margins (const ScImportOptions  *options,
                       const char             *path,
                       ScImportLayout         *layout,
                       GError                **error)
{
  layout->margin_by_column = -1;
  if (options->margin_by == NULL || *options->margin_by == '\0')
    return TRUE;

  for (guint c = 0; c < layout->n_columns && layout->margin_by_column < 0; c++)
    {
      g_autofree char *name = g_strstrip (g_strdup (layout->header[c]));

      if (g_utf8_collate (name, options->margin_by) == 0 ||
          g_ascii_strcasecmp (name, options->margin_by) == 0)
        layout->margin_by_column = (int) c;
    }
  if (layout->margin_by_column < 0)
    {
      g_autofree char *columns = g_strjoinv (", ", layout->header);

      g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                   _("“%s” has no column “%s” for the margins by category. Its columns are: "
                     "%s."), _sc_import_basename (path), options->margin_by, columns);
      return FALSE;
    }

  layout->category_margin = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; options->category_margins != NULL && options->category_margins[i]; i++)
    {
      const char *item = options->category_margins[i];
      const char *eq = strrchr (item, '=');
      double percent;
      g_autofree char *name = NULL;

      if (eq == NULL || eq == item || !sc_parse_number (eq + 1, '.', &percent) ||
          !(percent <= 100 && percent >= -1000))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("A margin by category is written CATEGORY=PERCENT, the percentage "
                         "from -1000 to 100 (got “%s”)."), item);
          return FALSE;
        }
      name = g_strstrip (g_strndup (item, eq - item));
      g_hash_table_replace (layout->category_margin, g_utf8_casefold (name, -1),
                            g_memdup2 (&percent, sizeof percent));
    }
  return TRUE;
}

/* Sniffs the dialect (unless set in the options), reads the header and a sample, and detects
 * the column roles; the options' map overrides detection. */
gboolean
_sc_import_layout_read (const ScImportOptions  *options,
                        GCancellable           *cancellable,
                        const char             *path,
                        ScTableKind             kind,
                        ScImportLayout         *layout,
                        GError                **error)
{
  g_autoptr(ScImportPreview) preview = NULL;
  ScImportFormat format = { 0 };
  const char * const *map;
  const char * const *numeric;
  const char * const *categories;
  gboolean explicit_map;
  g_auto(GStrv) shape_numeric = NULL;
  g_auto(GStrv) shape_categories = NULL;

  for (guint r = 0; r < SC_N_ROLES; r++)
    layout->column[r] = -1;
  sc_import_options_get_bounds (options, &layout->min_day, &layout->max_day,
                                &layout->max_amount);

  table_settings (options, kind, &format, &map, &numeric, &categories);
  explicit_map = (kind == SC_TABLE_CUSTOMERS ? options->customers.set
                  : kind == SC_TABLE_INTERACTIONS ? options->interactions.set
                  : options->orders.set);

  preview = sc_import_preview (path, kind, &format, SAMPLE_ROWS, error);
  if (preview == NULL)
    return FALSE;
  if (preview->shape == NULL && format.source != SC_IMPORT_SOURCE_AUTO &&
      format.source != SC_IMPORT_SOURCE_GENERIC)
    {
      g_autofree char *list = columns_list (preview->n_columns, preview->header);
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   /* Translators: "“x.csv” is not one of the Shopify exports Segments
                    * knows (orders, payments or deals). Its columns are: …" */
                   _("“%s” is not one of the %s exports Segments knows (%s). Its columns are: "
                     "%s. Import it as a plain table (segments-cli: --source generic) or check "
                     "the file."),
                   _sc_import_basename (path), sc_import_source_get_label (format.source),
                   kind == SC_TABLE_CUSTOMERS ? _("customers, contacts or accounts")
                                              : _("orders, payments or deals"), list);
      return FALSE;
    }

  layout->dialect = preview->dialect;
  /* The sniffer saw the start of the file; the encoding is decided from all of it (the
   * sample keeps its reading: only fields invalid in one encoding read differently). */
  if (format.encoding == SC_IMPORT_ENCODING_AUTO && !preview->complete)
    {
      GStatBuf st;

      if (g_stat (path, &st) == 0 && (guint64) st.st_size > SC_CSV_SNIFF_SIZE &&
          !sc_csv_sniff_encoding (path, cancellable, &layout->dialect.encoding, error))
        return FALSE;
    }
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
      if (kind == SC_TABLE_CUSTOMERS && r != SC_ROLE_CUSTOMER && r != SC_ROLE_CONSENT &&
          r != SC_ROLE_EMAIL && r != SC_ROLE_PHONE && r != SC_ROLE_NAME)
        continue;
      /* type and channel belong to interactions, which take only those and the
       * customer, date and value (amount) */
      if ((kind == SC_TABLE_INTERACTIONS) != (r == SC_ROLE_TYPE || r == SC_ROLE_CHANNEL) &&
          !(kind == SC_TABLE_INTERACTIONS &&
            (r == SC_ROLE_CUSTOMER || r == SC_ROLE_DATE || r == SC_ROLE_AMOUNT)))
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

          if ((kind == SC_TABLE_CUSTOMERS || kind == SC_TABLE_INTERACTIONS ||
               r == SC_ROLE_CONSENT) && !explicit_map)
            continue;
          g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                       _("“%s” has no column named “%s” (given for %s). Its columns are: %s."),
                       _sc_import_basename (path), name, sc_column_role_to_label (r), list);
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
          g_autofree char *hint = explicit_map ? NULL
                                               : not_orders_hint (format.source,
                                                                  layout->n_columns,
                                                                  layout->header);

          if (hint != NULL)
            g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                         /* Translators: the second %s is "the order date", the third a
                          * sentence saying what the file looks like and what to do */
                         _("“%s” cannot be read as orders: none of its columns holds %s. %s "
                           "Its columns are: %s."),
                         _sc_import_basename (path), missing, hint, list);
          else
            g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                         _("Could not tell which column of “%s” holds %s. Its columns are: "
                           "%s. Choose the column (segments-cli: --map ROLE=COLUMN)."),
                         _sc_import_basename (path), missing, list);
          return FALSE;
        }
    }
  else if (kind == SC_TABLE_INTERACTIONS)
    {
      const char *missing = NULL;

      if (layout->column[SC_ROLE_CUSTOMER] < 0)
        missing = _("the customer id");
      else if (layout->column[SC_ROLE_DATE] < 0)
        missing = _("the date");
      else if (layout->column[SC_ROLE_TYPE] < 0)
        missing = _("the interaction type");
      if (missing != NULL)
        {
          g_autofree char *list = columns_list (layout->n_columns, layout->header);
          g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                       _("Could not tell which column of the interactions file “%s” holds %s. "
                         "Its columns are: %s. Choose the column (segments-cli: --map "
                         "ROLE=COLUMN, with ROLE customer, date, type, amount or channel)."),
                       _sc_import_basename (path), missing, list);
          return FALSE;
        }
    }
  else if (layout->column[SC_ROLE_CUSTOMER] < 0)
    {
      g_autofree char *list = columns_list (layout->n_columns, layout->header);
      g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                   _("Could not tell which column of the customer list “%s” holds the customer "
                     "id. Its columns are: %s. Choose the column (segments-cli: --map "
                     "customer=COLUMN)."), _sc_import_basename (path), list);
      return FALSE;
    }

  if (!_sc_source_resolve_rules (&layout->rules, preview->shape, kind,
                                 kind == SC_TABLE_TRANSACTIONS
                                   ? (const char * const *) options->fill_down : NULL,
                                 kind == SC_TABLE_TRANSACTIONS
                                   ? (const char * const *) options->count_status : NULL,
                                 path, layout->n_columns, layout->header, layout->column,
                                 error))
    return FALSE;
  if (preview->shape != NULL && kind == SC_TABLE_CUSTOMERS && numeric == NULL &&
      categories == NULL)
    {
      _sc_source_attribute_names (preview->shape, layout->n_columns, layout->header,
                                  &shape_numeric, &shape_categories);
      numeric = (const char * const *) shape_numeric;
      categories = (const char * const *) shape_categories;
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
                                 "columns are: %s."), _sc_import_basename (path), names[i], list);
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
              (int) i == layout->column[SC_ROLE_EMAIL] ||
              (int) i == layout->column[SC_ROLE_PHONE] ||
              (int) i == layout->column[SC_ROLE_NAME] ||
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

  return kind != SC_TABLE_TRANSACTIONS || read_category_margins (options, path, layout, error);
}

const char *
_sc_import_date_order_label (ScDateOrder order)
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
    case SC_CSV_WHITESPACE: return _("whitespace-separated");
    default: return _("delimited");
    }
}

/* The date order is a property of the whole column: a sorted export can start with weeks of
 * dates whose day is 12 or less. When the sample cannot tell, scan the column to the first
 * value that can. */
gboolean
_sc_import_layout_resolve_date_order (const ScImportOptions  *options,
                                      GCancellable           *cancellable,
                                      const char             *path,
                                      ScImportLayout         *layout,
                                      ScDateOrder            *order,
                                      GString                *notes,
                                      GError                **error)
{
  ScDateSniffer sniffer = { 0 };
  guint col = (guint) layout->column[SC_ROLE_DATE];
  g_autoptr(ScCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_fields;
  char **fields;
  gsize *lengths;
  gboolean first = TRUE;

  if (options->date_order != SC_DATE_ORDER_AUTO ||
      layout->rules.date_order != SC_DATE_ORDER_AUTO)
    {
      *order = options->date_order != SC_DATE_ORDER_AUTO ? options->date_order
                                                         : layout->rules.date_order;
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
              g_cancellable_set_error_if_cancelled (cancellable, error))
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
                            layout->header[col], _sc_import_date_order_label (*order));
  return TRUE;
}

void
_sc_import_record_settings (ScImportRecord *record,
                            ScImportLayout *layout,
                            ScDateOrder     order,
                            gboolean        with_dates)
{
  GString *s = g_string_new (NULL);

  if (layout->rules.shape != NULL)
    g_string_append_printf (s, "%s; ", sc_source_shape_get_label (layout->rules.shape));
  g_string_append_printf (s, "%s, %s, %s", delimiter_label (layout->dialect.delimiter),
                          layout->dialect.encoding == SC_ENCODING_UTF8 ? "UTF-8" : "Windows-1252",
                          layout->dialect.has_header ? _("with a header row")
                                                     : _("without a header row"));
  g_string_append_printf (s, _(", decimal mark “%c”"), layout->dialect.decimal_mark);
  if (with_dates)
    g_string_append_printf (s, _(", dates %s"), _sc_import_date_order_label (order));
  for (guint r = SC_ROLE_CUSTOMER; r < SC_ROLE_ATTRIBUTE; r++)
    if (layout->column[r] >= 0)
      g_string_append_printf (s, "; %s = %s", sc_column_role_to_string (r),
                              layout->header[layout->column[r]]);
  record->settings = g_string_free (s, FALSE);
}
