/* seg-import-source.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One file of an import as the wizard sees it: the format chosen (zero fields are left to
 * sniffing), a preview read by the core exactly as the import will read the file, and what
 * happens to each column.  The wizard's pages show and edit a source; the import options
 * are made from it, with every setting spelled out (the resolved format, a column or ""
 * for every role, the exact attribute columns), so that the import does what the pages
 * showed and detection cannot pick anything else.
 *
 * The choices made for a file layout are remembered in a key file in the user's config
 * folder, keyed by a hash of the file's first line: exports from one system share a header,
 * and the next file like it starts with the same choices. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-contact.h"
#include "sc-value.h"
#include "seg-format.h"
#include "seg-import-source-private.h"

/* Detection looks at as many rows as the importer does. */
#define DETECT_ROWS 1000
/* The first line is the key of a layout; a longer one is no header. */
#define MAX_HEADER_LINE (64 * 1024)
#define MAX_REMEMBERED 50

struct _SegImportSource
{
  GObject          parent_instance;

  ScTableKind      kind;
  GFile           *file;
  char            *path;
  ScImportFormat   format;      /* choices; zero fields are sniffed */
  ScDateOrder      date_order;  /* choice */
  ScImportPreview *preview;
  GError          *error;
  SegColumnChoice *choices;     /* per column of the preview */
  char            *layout_key;  /* hash of the first line, or NULL */
  gboolean         recalled;
  gboolean         set_margin;  /* orders: a project-wide margin instead of a cost column */
  double           margin_percent;
  ScDateOrder      sniffed;     /* of the date column's preview values; AUTO: not known yet */
};

enum {
  CHANGED,
  CHOICES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SegImportSource, seg_import_source, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------------ */
/* Remembered layouts                                                                         */

static char *
layouts_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "segments", "import-layouts.ini", NULL);
}

static char *
group_name (SegImportSource *self)
{
  static const char * const kinds[] = {
    [SC_TABLE_TRANSACTIONS] = "orders",
    [SC_TABLE_CUSTOMERS] = "customers",
    [SC_TABLE_INTERACTIONS] = "interactions",
  };

  return g_strdup_printf ("%s %s", kinds[self->kind], self->layout_key);
}

/* A hash of the file's first line, BOM and line end left out. */
static char *
read_layout_key (const char *path)
{
  g_autofree char *buf = g_malloc (MAX_HEADER_LINE + 1);
  const char *start = buf;
  FILE *fp;
  gsize len;
  char *end;

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    return NULL;
  len = fread (buf, 1, MAX_HEADER_LINE, fp);
  fclose (fp);

  end = memchr (buf, '\n', len);
  if (end == NULL)
    {
      if (len == MAX_HEADER_LINE)
        return NULL;
      end = buf + len;
    }
  if (end > buf && end[-1] == '\r')
    end--;
  if (end - buf >= 3 && memcmp (buf, "\xEF\xBB\xBF", 3) == 0)
    start += 3;
  if (end <= start)
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) start, end - start);
}

static GKeyFile *
load_layouts (void)
{
  g_autofree char *path = layouts_path ();
  GKeyFile *key_file = g_key_file_new ();

  /* A missing or damaged file only means nothing is remembered. */
  g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL);
  return key_file;
}

static gboolean
valid_format (const ScImportFormat *f)
{
  return (f->delimiter == 0 || sc_csv_delimiter_is_valid (f->delimiter)) &&
         (f->decimal_mark == 0 || f->decimal_mark == '.' || f->decimal_mark == ',') &&
         (guint) f->encoding <= SC_IMPORT_ENCODING_WINDOWS_1252 &&
         (guint) f->header <= SC_IMPORT_HEADER_NO;
}

/* ------------------------------------------------------------------------------------------ */

static void
detect_choices (SegImportSource *self)
{
  guint n = self->preview->n_columns;

  g_free (self->choices);
  self->choices = g_new0 (SegColumnChoice, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const ScColumnGuess *guess = &self->preview->guesses[i];
      SegColumnChoice choice = _seg_column_choice_from_guess (self->kind, guess);

      self->choices[i] = _seg_column_choice_fits_kind (self->kind, choice) ? choice
                                                                          : SEG_COLUMN_IGNORE;
    }
}

/* Reads the preview with the current format.  Choices survive when the columns are the same
 * (a new decimal mark, say); otherwise detection proposes them anew. */
static void
reload (SegImportSource *self)
{
  g_autoptr(ScImportPreview) old = g_steal_pointer (&self->preview);
  g_autofree SegColumnChoice *old_choices = g_steal_pointer (&self->choices);

  g_clear_error (&self->error);
  self->sniffed = SC_DATE_ORDER_AUTO;

  if (self->path == NULL)
    {
      if (self->file != NULL)
        g_set_error_literal (&self->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Only files in local folders can be imported."));
      return;
    }

  self->preview = sc_import_preview (self->path, self->kind, &self->format, DETECT_ROWS,
                                     &self->error);
  if (self->preview == NULL)
    return;

  if (old != NULL && old_choices != NULL && old->n_columns == self->preview->n_columns &&
      g_strv_equal ((const char * const *) old->header,
                    (const char * const *) self->preview->header))
    self->choices = g_steal_pointer (&old_choices);
  else
    detect_choices (self);
}

/* Applies what was chosen for this layout last time, if anything. */
static void
recall (SegImportSource *self)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *group = NULL;
  g_auto(GStrv) columns = NULL;
  g_auto(GStrv) choices = NULL;
  ScImportFormat format = { 0 };
  int date_order;

  if (self->layout_key == NULL || self->preview == NULL)
    return;

  key_file = load_layouts ();
  group = group_name (self);
  if (!g_key_file_has_group (key_file, group))
    return;

  format.delimiter = (char) g_key_file_get_integer (key_file, group, "delimiter", NULL);
  format.encoding = g_key_file_get_integer (key_file, group, "encoding", NULL);
  format.header = g_key_file_get_integer (key_file, group, "header", NULL);
  format.decimal_mark = (char) g_key_file_get_integer (key_file, group, "decimal-mark", NULL);
  date_order = g_key_file_get_integer (key_file, group, "date-order", NULL);
  columns = g_key_file_get_string_list (key_file, group, "columns", NULL, NULL);
  choices = g_key_file_get_string_list (key_file, group, "choices", NULL, NULL);
  if (!valid_format (&format) || date_order < SC_DATE_ORDER_AUTO ||
      date_order > SC_DATE_ORDER_YYYYMMDD || columns == NULL || choices == NULL ||
      g_strv_length (columns) != g_strv_length (choices))
    return;

  if (memcmp (&format, &self->format, sizeof format) != 0)
    {
      self->format = format;
      reload (self);
      if (self->preview == NULL)
        {
          /* What worked last time does not now: back to what the file itself suggests. */
          memset (&self->format, 0, sizeof self->format);
          reload (self);
          return;
        }
    }
  self->date_order = date_order;

  if (g_strv_length (columns) != self->preview->n_columns ||
      !g_strv_equal ((const char * const *) columns,
                     (const char * const *) self->preview->header))
    return;

  for (guint i = 0; choices[i] != NULL; i++)
    {
      SegColumnChoice choice;

      if (_seg_column_choice_from_name (choices[i], &choice))
        self->choices[i] = choice;
    }
  self->recalled = TRUE;
  self->sniffed = SC_DATE_ORDER_AUTO;
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_import_source_finalize (GObject *object)
{
  SegImportSource *self = SEG_IMPORT_SOURCE (object);

  g_clear_object (&self->file);
  g_free (self->path);
  g_clear_pointer (&self->preview, sc_import_preview_free);
  g_clear_error (&self->error);
  g_free (self->choices);
  g_free (self->layout_key);

  G_OBJECT_CLASS (seg_import_source_parent_class)->finalize (object);
}

static void
seg_import_source_class_init (SegImportSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = seg_import_source_finalize;

  /**
   * SegImportSource::changed:
   *
   * The file, its format or its preview changed, and so may its columns.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SegImportSource::choices-changed:
   *
   * What happens to the columns changed.
   */
  signals[CHOICES_CHANGED] = g_signal_new ("choices-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
seg_import_source_init (SegImportSource *self)
{
  self->date_order = SC_DATE_ORDER_AUTO;
}

static void
emit_changed (SegImportSource *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[CHOICES_CHANGED], 0);
}

SegImportSource *
seg_import_source_new (ScTableKind kind)
{
  SegImportSource *self = g_object_new (SEG_TYPE_IMPORT_SOURCE, NULL);

  self->kind = kind;
  return self;
}

ScTableKind
seg_import_source_get_kind (SegImportSource *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), SC_TABLE_TRANSACTIONS);

  return self->kind;
}

/**
 * seg_import_source_set_file:
 * @file: (nullable): the file, or %NULL for none
 *
 * Reads the start of @file with a sniffed format, or with the choices remembered for its
 * layout.  Reads at most a thousand rows: quick enough for the main thread.
 *
 * Returns: whether the file can be read as a table; else see seg_import_source_get_error()
 */
gboolean
seg_import_source_set_file (SegImportSource *self,
                            GFile           *file)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), FALSE);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), FALSE);

  g_set_object (&self->file, file);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->layout_key, g_free);
  g_clear_pointer (&self->preview, sc_import_preview_free);
  g_clear_pointer (&self->choices, g_free);
  memset (&self->format, 0, sizeof self->format);
  self->date_order = SC_DATE_ORDER_AUTO;
  self->recalled = FALSE;

  if (file != NULL)
    {
      self->path = g_file_get_path (file);
      if (self->path != NULL)
        self->layout_key = read_layout_key (self->path);
    }

  reload (self);
  recall (self);
  emit_changed (self);

  return self->preview != NULL;
}

/**
 * seg_import_source_get_file:
 *
 * Returns: (transfer none) (nullable): the file
 */
GFile *
seg_import_source_get_file (SegImportSource *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), NULL);

  return self->file;
}

/**
 * seg_import_source_dup_path:
 *
 * Returns: (transfer full) (nullable): the file's local path
 */
char *
seg_import_source_dup_path (SegImportSource *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), NULL);

  return g_strdup (self->path);
}

/**
 * seg_import_source_get_error:
 *
 * Returns: (transfer none) (nullable): why the file cannot be read as a table, for people
 */
const GError *
seg_import_source_get_error (SegImportSource *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), NULL);

  return self->error;
}

/**
 * seg_import_source_is_ready:
 *
 * Returns: whether the file reads as a table and every column the import needs is chosen
 */
gboolean
seg_import_source_is_ready (SegImportSource *self)
{
  g_autofree char *missing = NULL;

  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), FALSE);

  if (self->preview == NULL)
    return FALSE;
  missing = seg_import_source_dup_missing (self);
  return missing == NULL;
}

/**
 * seg_import_source_get_preview:
 *
 * Returns: (transfer none) (nullable): the start of the file as read now
 */
const ScImportPreview *
seg_import_source_get_preview (SegImportSource *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), NULL);

  return self->preview;
}

/**
 * seg_import_source_get_format:
 * @format: (out caller-allocates): the choices; zero fields are left to sniffing
 */
void
seg_import_source_get_format (SegImportSource *self,
                              ScImportFormat  *format)
{
  g_return_if_fail (SEG_IS_IMPORT_SOURCE (self));
  g_return_if_fail (format != NULL);

  *format = self->format;
}

/**
 * seg_import_source_set_format:
 *
 * Reads the preview again with @format.
 */
void
seg_import_source_set_format (SegImportSource      *self,
                              const ScImportFormat *format)
{
  g_return_if_fail (SEG_IS_IMPORT_SOURCE (self));
  g_return_if_fail (format != NULL);

  if (memcmp (format, &self->format, sizeof *format) == 0)
    return;

  self->format = *format;
  reload (self);
  emit_changed (self);
}

ScDateOrder
seg_import_source_get_date_order (SegImportSource *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), SC_DATE_ORDER_AUTO);

  return self->date_order;
}

void
seg_import_source_set_date_order (SegImportSource *self,
                                  ScDateOrder      order)
{
  g_return_if_fail (SEG_IS_IMPORT_SOURCE (self));

  if (self->date_order == order)
    return;

  self->date_order = order;
  emit_changed (self);
}

/**
 * seg_import_source_get_sniffed_date_order:
 *
 * Returns: the date order the rows read suggest for the date column, year-month-day when
 *   they cannot tell; the import looks further down an ambiguous column
 */
ScDateOrder
seg_import_source_get_sniffed_date_order (SegImportSource *self)
{
  ScDateSniffer sniffer = { 0 };
  ScDateOrder order;
  int col;

  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), SC_DATE_ORDER_YMD);

  /* Asked for every date cell the preview shows: worked out once per preview and choice. */
  if (self->sniffed != SC_DATE_ORDER_AUTO)
    return self->sniffed;

  col = seg_import_source_find_choice (self, SEG_COLUMN_DATE);
  if (col < 0 || self->preview == NULL)
    return SC_DATE_ORDER_YMD;

  for (guint i = 0; i < self->preview->rows->len; i++)
    {
      char **row = g_ptr_array_index (self->preview->rows, i);

      if (!sc_value_is_missing (row[col]))
        sc_date_sniffer_add (&sniffer, row[col]);
    }
  order = sc_date_sniffer_result (&sniffer);
  self->sniffed = order == SC_DATE_ORDER_AUTO ? SC_DATE_ORDER_YMD : order;
  return self->sniffed;
}

guint
seg_import_source_get_n_columns (SegImportSource *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), 0);

  return self->preview != NULL ? self->preview->n_columns : 0;
}

const char *
seg_import_source_get_column_name (SegImportSource *self,
                                   guint            column)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), NULL);
  g_return_val_if_fail (column < seg_import_source_get_n_columns (self), NULL);

  return self->preview->header[column];
}

SegColumnChoice
seg_import_source_get_choice (SegImportSource *self,
                              guint            column)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), SEG_COLUMN_IGNORE);
  g_return_val_if_fail (column < seg_import_source_get_n_columns (self), SEG_COLUMN_IGNORE);

  return self->choices[column];
}

/**
 * seg_import_source_set_choice:
 *
 * Sets what happens to @column.  A role one column plays at most (all but ignore and the
 * attributes) moves: the column that had it is then ignored.
 */
void
seg_import_source_set_choice (SegImportSource *self,
                              guint            column,
                              SegColumnChoice  choice)
{
  g_return_if_fail (SEG_IS_IMPORT_SOURCE (self));
  g_return_if_fail (column < seg_import_source_get_n_columns (self));
  g_return_if_fail ((guint) choice < SEG_N_COLUMN_CHOICES);

  if (self->choices[column] == choice)
    return;

  if (seg_column_choice_is_unique (choice))
    for (guint i = 0; i < self->preview->n_columns; i++)
      if (self->choices[i] == choice)
        self->choices[i] = SEG_COLUMN_IGNORE;
  self->choices[column] = choice;
  self->recalled = FALSE;
  self->sniffed = SC_DATE_ORDER_AUTO;

  g_signal_emit (self, signals[CHOICES_CHANGED], 0);
}

/**
 * seg_import_source_find_choice:
 *
 * Returns: the first column with @choice, or -1
 */
int
seg_import_source_find_choice (SegImportSource *self,
                               SegColumnChoice  choice)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), -1);

  for (guint i = 0; i < seg_import_source_get_n_columns (self); i++)
    if (self->choices[i] == choice)
      return (int) i;
  return -1;
}

/**
 * seg_import_source_dup_missing:
 *
 * Returns: (transfer full) (nullable): a sentence naming the columns still to choose, or
 *   %NULL when the import has all it needs
 */
char *
seg_import_source_dup_missing (SegImportSource *self)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autoptr(GString) list = g_string_new (NULL);

  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), NULL);

  if (self->preview == NULL)
    return NULL;

  if (seg_import_source_find_choice (self, SEG_COLUMN_CUSTOMER) < 0)
    g_ptr_array_add (missing, _("the customer ID"));
  if (self->kind == SC_TABLE_TRANSACTIONS)
    {
      if (seg_import_source_find_choice (self, SEG_COLUMN_DATE) < 0)
        g_ptr_array_add (missing, _("the order date"));
      if (seg_import_source_find_choice (self, SEG_COLUMN_AMOUNT) < 0)
        {
          gboolean qty = seg_import_source_find_choice (self, SEG_COLUMN_QUANTITY) >= 0;
          gboolean price = seg_import_source_find_choice (self, SEG_COLUMN_PRICE) >= 0;

          if (qty && !price)
            g_ptr_array_add (missing, _("the unit price (the amount is quantity × unit price)"));
          else if (price && !qty)
            g_ptr_array_add (missing, _("the quantity (the amount is quantity × unit price)"));
          else if (!qty && !price)
            g_ptr_array_add (missing, _("the amount (or the quantity and the unit price)"));
        }
    }
  else if (self->kind == SC_TABLE_INTERACTIONS)
    {
      if (seg_import_source_find_choice (self, SEG_COLUMN_DATE) < 0)
        g_ptr_array_add (missing, _("the date"));
      if (seg_import_source_find_choice (self, SEG_COLUMN_TYPE) < 0)
        g_ptr_array_add (missing, _("the interaction type"));
    }

  if (missing->len == 0)
    return NULL;

  for (guint i = 0; i < missing->len; i++)
    {
      if (i > 0 && i == missing->len - 1)
        /* Translators: between the last two items of a list */
        g_string_append (list, _(" and "));
      else if (i > 0)
        g_string_append (list, _(", "));
      g_string_append (list, g_ptr_array_index (missing, i));
    }

  /* Translators: %s is a list such as "the customer ID and the order date" */
  return g_strdup_printf (_("Choose the column with %s."), list->str);
}

/**
 * seg_import_source_get_recalled:
 *
 * Returns: whether the choices are those remembered from an earlier import of a file with
 *   the same first line, unchanged since
 */
gboolean
seg_import_source_get_recalled (SegImportSource *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), FALSE);

  return self->recalled;
}

/**
 * seg_import_source_detect_again:
 *
 * Drops remembered or edited choices: the format is sniffed and the columns detected.
 */
void
seg_import_source_detect_again (SegImportSource *self)
{
  g_return_if_fail (SEG_IS_IMPORT_SOURCE (self));

  memset (&self->format, 0, sizeof self->format);
  self->date_order = SC_DATE_ORDER_AUTO;
  self->recalled = FALSE;
  g_clear_pointer (&self->preview, sc_import_preview_free);
  reload (self);
  emit_changed (self);
}

static char *
format_number (double value,
               int    decimals)
{
  if (decimals >= 0)
    return g_strdup_printf ("%'.*f", decimals, value);
  return g_strdup_printf ("%'.12g", value);
}

/**
 * seg_import_source_format_cell:
 * @valid: (out): whether the import can use the value as its column's choice needs it
 *
 * Returns: (transfer full): the value of a preview cell as the import will read it: a date
 *   or an amount formatted for people, the raw text for other columns
 */
char *
seg_import_source_format_cell (SegImportSource *self,
                               guint            row,
                               guint            column,
                               gboolean        *valid)
{
  const char *value;
  char **cells;

  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), NULL);
  g_return_val_if_fail (self->preview != NULL, NULL);
  g_return_val_if_fail (row < self->preview->rows->len, NULL);
  g_return_val_if_fail (column < self->preview->n_columns, NULL);
  g_return_val_if_fail (valid != NULL, NULL);

  cells = g_ptr_array_index (self->preview->rows, row);
  value = cells[column];
  *valid = TRUE;

  switch (self->choices[column])
    {
    case SEG_COLUMN_DATE:
      {
        ScDateOrder order = self->date_order != SC_DATE_ORDER_AUTO
                            ? self->date_order : seg_import_source_get_sniffed_date_order (self);
        ScDay day;

        if (sc_value_is_missing (value))
          {
            *valid = FALSE;
            return g_strdup (_("missing"));
          }
        if (sc_parse_date (value, order, &day))
          return seg_format_day (day);
        *valid = FALSE;
        return g_strdup (value);
      }

    case SEG_COLUMN_AMOUNT:
    case SEG_COLUMN_PRICE:
    case SEG_COLUMN_COST:
    case SEG_COLUMN_MARGIN:
    case SEG_COLUMN_QUANTITY:
    case SEG_COLUMN_NUMBER:
      {
        SegColumnChoice choice = self->choices[column];
        gboolean amount = choice == SEG_COLUMN_AMOUNT || choice == SEG_COLUMN_PRICE ||
                          choice == SEG_COLUMN_COST;
        double v;

        if (sc_value_is_missing (value))
          {
            /* a missing cost or margin is counted by the import, the row is kept; an
             * interaction's value is optional */
            *valid = choice == SEG_COLUMN_NUMBER || choice == SEG_COLUMN_COST ||
                     choice == SEG_COLUMN_MARGIN || self->kind == SC_TABLE_INTERACTIONS;
            return g_strdup (*valid ? "" : _("missing"));
          }
        if ((amount ? sc_parse_amount (value, self->preview->dialect.decimal_mark, &v)
                    : sc_parse_number (value, self->preview->dialect.decimal_mark, &v)) &&
            isfinite (v))
          return format_number (v, amount ? 2 : -1);
        *valid = FALSE;
        return g_strdup (value);
      }

    case SEG_COLUMN_CONSENT:
      {
        gboolean yes;

        if (sc_value_is_missing (value))
          return g_strdup ("");
        if (sc_parse_bool (value, &yes))
          return g_strdup (yes ? _("Yes") : _("No"));
        *valid = FALSE;
        return g_strdup (value);
      }

    case SEG_COLUMN_CUSTOMER:
      if (sc_value_is_missing (value))
        {
          *valid = FALSE;
          return g_strdup (_("missing"));
        }
      return g_strstrip (g_strdup (value));

    case SEG_COLUMN_EMAIL:
      {
        char *email;

        /* as the import keeps it; an address that is none is left out and listed */
        if (sc_value_is_missing (value))
          return g_strdup ("");
        email = sc_email_normalize (value, NULL);
        if (email != NULL)
          return email;
        *valid = FALSE;
        return g_strdup (value);
      }

    case SEG_COLUMN_IGNORE:
    case SEG_COLUMN_ORDER:
    case SEG_COLUMN_TYPE:
    case SEG_COLUMN_CHANNEL:
    case SEG_COLUMN_CATEGORY:
    case SEG_N_COLUMN_CHOICES:
    default:
      return g_strdup (value);
    }
}

static const char *
kind_label (ScValueKind kind)
{
  switch (kind)
    {
    case SC_VALUE_INTEGER: return _("whole numbers");
    case SC_VALUE_NUMBER: return _("numbers");
    case SC_VALUE_DATE: return _("dates");
    case SC_VALUE_BOOL: return _("yes/no");
    case SC_VALUE_EMPTY: return _("empty");
    case SC_VALUE_TEXT:
    default: return _("text");
    }
}

/**
 * seg_import_source_describe_column:
 *
 * Returns: (transfer full): what the column holds, for people: "dates, e.g. 05.03.2024"
 */
char *
seg_import_source_describe_column (SegImportSource *self,
                                   guint            column)
{
  g_autoptr(GPtrArray) samples = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  const ScColumnGuess *guess;

  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), NULL);
  g_return_val_if_fail (column < seg_import_source_get_n_columns (self), NULL);

  guess = &self->preview->guesses[column];
  for (guint i = 0; i < self->preview->rows->len && samples->len < 3; i++)
    {
      char **row = g_ptr_array_index (self->preview->rows, i);
      gboolean seen = FALSE;

      if (sc_value_is_missing (row[column]))
        continue;
      for (guint j = 0; j < samples->len; j++)
        seen |= g_str_equal (g_ptr_array_index (samples, j), row[column]);
      if (!seen)
        g_ptr_array_add (samples, row[column]);
    }

  g_string_append (text, kind_label (guess->kind));
  if (samples->len > 0)
    {
      g_string_append (text, _(", e.g. "));
      for (guint i = 0; i < samples->len; i++)
        {
          g_autofree char *shown = g_utf8_make_valid (g_ptr_array_index (samples, i), -1);

          if (g_utf8_strlen (shown, -1) > 24)
            {
              g_autofree char *cut = g_utf8_substring (shown, 0, 24);
              g_free (shown);
              shown = g_strconcat (cut, "…", NULL);
            }
          if (i > 0)
            g_string_append (text, ", ");
          g_string_append (text, shown);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * seg_import_source_fill_table:
 * @table: (out caller-allocates): cleared and filled
 *
 * Spells out everything: the format as read in the preview, a column (or "" for none) for
 * each role and exactly the attribute columns chosen.
 */
void
seg_import_source_fill_table (SegImportSource *self,
                              ScImportTable   *table)
{
  g_autoptr(GStrvBuilder) numeric = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  const ScCsvDialect *d;

  g_return_if_fail (SEG_IS_IMPORT_SOURCE (self));
  g_return_if_fail (self->preview != NULL);
  g_return_if_fail (table != NULL);

  memset (table, 0, sizeof *table);
  d = &self->preview->dialect;
  table->set = TRUE;
  table->format.delimiter = d->delimiter;
  table->format.decimal_mark = d->decimal_mark;
  table->format.encoding = d->encoding == SC_ENCODING_UTF8 ? SC_IMPORT_ENCODING_UTF8
                                                           : SC_IMPORT_ENCODING_WINDOWS_1252;
  table->format.header = d->has_header ? SC_IMPORT_HEADER_YES : SC_IMPORT_HEADER_NO;

  for (guint c = SEG_COLUMN_CUSTOMER; c <= SEG_COLUMN_CHANNEL; c++)
    {
      ScColumnRole role = _seg_column_choice_roles[c];
      int col = seg_import_source_find_choice (self, c);

      if (!_seg_column_choice_fits_kind (self->kind, c))
        continue;
      table->map[role] = g_strdup (col >= 0 ? self->preview->header[col] : "");
    }

  for (guint i = 0; i < self->preview->n_columns; i++)
    {
      if (self->choices[i] == SEG_COLUMN_NUMBER)
        g_strv_builder_add (numeric, self->preview->header[i]);
      else if (self->choices[i] == SEG_COLUMN_CATEGORY)
        g_strv_builder_add (categories, self->preview->header[i]);
    }
  table->numeric = g_strv_builder_end (numeric);
  table->categories = g_strv_builder_end (categories);
}

/**
 * seg_import_source_remember:
 *
 * Saves the format and column choices for the next file with the same first line.  Files
 * without a header row are not remembered: their first line is data.
 *
 * Returns: whether the choices were saved (or there was nothing to save)
 */
gboolean
seg_import_source_remember (SegImportSource  *self,
                            GError          **error)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *group = NULL;
  g_autoptr(GStrvBuilder) choices = g_strv_builder_new ();
  g_auto(GStrv) choice_list = NULL;
  g_auto(GStrv) groups = NULL;
  gsize n_groups;

  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), FALSE);

  if (self->preview == NULL || self->layout_key == NULL || !self->preview->dialect.has_header)
    return TRUE;

  key_file = load_layouts ();
  group = group_name (self);
  for (guint i = 0; i < self->preview->n_columns; i++)
    g_strv_builder_add (choices, _seg_column_choice_names[self->choices[i]]);
  choice_list = g_strv_builder_end (choices);

  g_key_file_remove_group (key_file, group, NULL);
  g_key_file_set_integer (key_file, group, "delimiter", self->format.delimiter);
  g_key_file_set_integer (key_file, group, "encoding", self->format.encoding);
  g_key_file_set_integer (key_file, group, "header", self->format.header);
  g_key_file_set_integer (key_file, group, "decimal-mark", self->format.decimal_mark);
  g_key_file_set_integer (key_file, group, "date-order", self->date_order);
  g_key_file_set_string_list (key_file, group, "columns",
                              (const char * const *) self->preview->header,
                              self->preview->n_columns);
  g_key_file_set_string_list (key_file, group, "choices",
                              (const char * const *) choice_list, self->preview->n_columns);
  g_key_file_set_int64 (key_file, group, "used", g_get_real_time () / G_USEC_PER_SEC);

  /* Only the layouts used last are kept. */
  groups = g_key_file_get_groups (key_file, &n_groups);
  while (n_groups > MAX_REMEMBERED)
    {
      const char *oldest = NULL;
      gint64 oldest_used = G_MAXINT64;

      for (guint i = 0; groups[i] != NULL; i++)
        {
          gint64 used;

          if (!g_key_file_has_group (key_file, groups[i]))
            continue;
          used = g_key_file_get_int64 (key_file, groups[i], "used", NULL);
          if (used < oldest_used)
            {
              oldest_used = used;
              oldest = groups[i];
            }
        }
      if (oldest == NULL)
        break;
      g_key_file_remove_group (key_file, oldest, NULL);
      n_groups--;
    }

  path = layouts_path ();
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return g_key_file_save_to_file (key_file, path, error);
}

/**
 * seg_import_source_get_margin:
 * @percent: (out) (optional): the project-wide gross margin in percent of revenue
 *
 * Returns: whether the import sets a project-wide margin (orders only), as segments-cli
 *   import --margin does
 */
gboolean
seg_import_source_get_margin (SegImportSource *self,
                              double          *percent)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), FALSE);

  if (percent != NULL)
    *percent = self->margin_percent;
  return self->set_margin;
}

/**
 * seg_import_source_set_margin:
 * @set: whether the import sets the project-wide margin
 * @percent: at most 100; negative for a loss
 */
void
seg_import_source_set_margin (SegImportSource *self,
                              gboolean         set,
                              double           percent)
{
  g_return_if_fail (SEG_IS_IMPORT_SOURCE (self));
  g_return_if_fail (percent <= 100);

  if (self->set_margin == !!set && self->margin_percent == percent)
    return;
  self->set_margin = !!set;
  self->margin_percent = percent;
  g_signal_emit (self, signals[CHOICES_CHANGED], 0);
}

/**
 * seg_import_source_has_cost:
 *
 * Returns: whether a column gives the cost or the margin of each line
 */
gboolean
seg_import_source_has_cost (SegImportSource *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_SOURCE (self), FALSE);

  return seg_import_source_find_choice (self, SEG_COLUMN_COST) >= 0 ||
         seg_import_source_find_choice (self, SEG_COLUMN_MARGIN) >= 0;
}
