/* sc-import-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-importer.h"

G_BEGIN_DECLS

/* Shared by the three parts of an import: the layout of a file (sc-import-layout.c), the
 * rows read from it (sc-row-reader.c) and the import itself (sc-importer.c). */

/* How one file is read: its dialect, header, a sample, and the column of each role. */
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
} ScImportLayout;

void        _sc_import_layout_clear              (ScImportLayout         *layout);
/* Sniffs the dialect (unless set in the options), reads the header and a sample, and
 * detects the column roles; the options' map overrides detection. */
gboolean    _sc_import_layout_read               (const ScImportOptions  *options,
                                                  GCancellable           *cancellable,
                                                  const char             *path,
                                                  ScTableKind             kind,
                                                  ScImportLayout         *layout,
                                                  GError                **error);
gboolean    _sc_import_layout_resolve_date_order (const ScImportOptions  *options,
                                                  GCancellable           *cancellable,
                                                  const char             *path,
                                                  ScImportLayout         *layout,
                                                  ScDateOrder            *order,
                                                  GString                *notes,
                                                  GError                **error);
/* Sets record->settings: how the file was read, for the report. */
void        _sc_import_record_settings           (ScImportRecord         *record,
                                                  ScImportLayout         *layout,
                                                  ScDateOrder             order,
                                                  gboolean                with_dates);
const char *_sc_import_date_order_label          (ScDateOrder             order);
const char *_sc_import_basename                  (const char             *path);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScImportLayout, _sc_import_layout_clear)

/* A value as shown inside a message: cut so a 2 MB field does not become a 2 MB message. */
char        *_sc_import_shown_value (const char *value);

/* One data row of a file.  When @reason is set the row cannot be used: @why says which
 * check failed and @column names the column at fault (%NULL for the row as a whole). */
typedef struct
{
  guint           n_fields;
  char          **fields;
  gsize          *lengths;
  guint64         line;
  const char     *customer;   /* after _sc_row_reader_parse(): the stripped customer id */
  ScDay           day;        /* orders only */
  double          amount;     /* orders only: the amount, or quantity times unit price */
  ScRejectReason  why;
  const char     *column;
  char           *reason;
} ScRow;

typedef struct _ScRowReader ScRowReader;

/* Called every few thousand rows with the rows so far and the part of the file read. */
typedef void (*ScRowProgress) (guint64  rows,
                               double   fraction,
                               gpointer user_data);

ScRowReader *_sc_row_reader_new      (const char            *path,
                                      const ScImportLayout  *layout,
                                      ScTableKind            kind,
                                      ScDateOrder            date_order,
                                      GCancellable          *cancellable,
                                      ScRowProgress          progress,
                                      gpointer               progress_data,
                                      GError               **error);
void         _sc_row_reader_free     (ScRowReader           *reader);
guint64      _sc_row_reader_get_size (ScRowReader           *reader);
const char  *_sc_row_reader_get_raw  (ScRowReader           *reader,
                                      gsize                 *len);
/* The next data row, checked for its number of fields only; %NULL at the end, or with
 * @error set (a read error, or cancelled).  The row is the reader's, valid until the next
 * call; its @reason may be stolen. */
ScRow       *_sc_row_reader_next     (ScRowReader           *reader,
                                      GError               **error);
gboolean     _sc_row_reader_parse    (ScRowReader           *reader,
                                      ScRow                 *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRowReader, _sc_row_reader_free)

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
} ScAttrColumn;

/* Adds the layout's attribute columns to @attributes and returns their builders. */
GPtrArray *_sc_attr_columns_new    (const ScImportLayout *layout,
                                    GPtrArray            *attributes,
                                    gboolean              with_days);
/* Returns FALSE for a value of a numeric column that is not a number. */
gboolean   _sc_attr_column_set     (ScAttrColumn         *ac,
                                    guint32               customer,
                                    guint32               n_customers,
                                    const char           *value,
                                    char                  decimal_mark,
                                    ScDay                 day);
/* Hands the gathered values to the attribute, sized to every customer known now. */
void       _sc_attr_column_finish  (ScAttrColumn         *ac,
                                    guint32               n_customers);

G_END_DECLS
