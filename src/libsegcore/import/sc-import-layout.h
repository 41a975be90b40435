/* sc-import-layout.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-csv.h"
#include "sc-detect.h"
#include "sc-source-catalogue.h"
#include "sc-store.h"
#include "sc-types.h"

G_BEGIN_DECLS

#define SC_N_ROLES (SC_ROLE_ATTRIBUTE + 1)

typedef enum
{
  SC_IMPORT_ENCODING_AUTO,
  SC_IMPORT_ENCODING_UTF8,
  SC_IMPORT_ENCODING_WINDOWS_1252,
} ScImportEncoding;

typedef enum
{
  SC_IMPORT_HEADER_AUTO,
  SC_IMPORT_HEADER_YES,
  SC_IMPORT_HEADER_NO,
} ScImportHeader;

/**
 * ScImportFormat:
 * @delimiter: 0 to sniff, else `,` `;` tab `|` or space (whitespace-aligned)
 * @encoding: the text encoding, or %SC_IMPORT_ENCODING_AUTO to sniff
 * @header: whether the first row names the columns, or %SC_IMPORT_HEADER_AUTO to sniff
 * @decimal_mark: 0 to sniff, else `.` or `,`
 * @source: the system the file was exported from, %SC_IMPORT_SOURCE_AUTO to recognise its
 *   shape from the header, %SC_IMPORT_SOURCE_GENERIC to read it as a plain table
 *
 * How one file is written.  Zero-initialised, everything is sniffed.
 */
typedef struct
{
  char              delimiter;
  ScImportEncoding  encoding;
  ScImportHeader    header;
  char              decimal_mark;
  ScImportSource    source;
} ScImportFormat;

/**
 * ScImportTable:
 * @set: use these settings for the file instead of the common ones of #ScImportOptions
 * @format: how the file is written
 * @map: column name per #ScColumnRole; %NULL to detect the column, "" for none (so that
 *   detection cannot pick one).  Orders: customer, order, date, amount, quantity, price and
 *   consent; customer list: customer and consent.
 * @numeric: (nullable): columns kept as numeric customer attributes
 * @categories: (nullable): columns kept as categorical customer attributes
 *
 * Exact settings for one file, as the import wizard makes them.  When @numeric and
 * @categories are both %NULL, a customer list keeps every other column as an attribute of
 * the detected kind and an orders file keeps none; otherwise exactly the columns named
 * there are kept.  An attribute or consent taken from an orders file holds, per customer,
 * the value on their latest order that has one; a customer list, when also given, wins.
 */
typedef struct
{
  gboolean         set;
  ScImportFormat   format;
  char            *map[SC_N_ROLES];
  char           **numeric;
  char           **categories;
} ScImportTable;

/**
 * ScImportProblemFunc:
 * @path: the file the problem is in
 * @problem: the problem, with the whole raw text of the row
 *
 * Called from the importing thread for every rejected, duplicate or flagged row, in line
 * order per file.
 */
typedef void (*ScImportProblemFunc) (const char            *path,
                                     const ScImportProblem *problem,
                                     gpointer               user_data);

/**
 * ScImportOptions:
 * @transactions_path: (nullable): the orders or order lines file
 * @customers_path: (nullable): the customer list
 * @interactions_path: (nullable): customer interactions (e-mail opens, web visits, support
 *   tickets, …): customer, date, type, optional value and channel (sc-interactions.c)
 * @map: column name per #ScColumnRole, %NULL to detect it, "" for none; applies to the
 *   transactions file, and for customer and consent to the customer list as well
 * @delimiter: 0 to sniff, else `,` `;` tab `|` or space (whitespace-aligned)
 * @date_order: %SC_DATE_ORDER_AUTO to resolve from the whole column
 * @decimal_mark: 0 to sniff, else `.` or `,`
 * @encoding: %SC_IMPORT_ENCODING_AUTO to sniff
 * @header: %SC_IMPORT_HEADER_AUTO to sniff
 * @orders: when its @set is %TRUE, replaces @map, @delimiter, @decimal_mark, @encoding
 *   and @header for the orders file
 * @customers: likewise for the customer list
 * @interactions: likewise for the interactions file; without it, the common @map gives the
 *   interactions file its customer, date, amount (the value), type and channel columns
 * @problem_func: (nullable): receives every problem (the report keeps only examples)
 * @problem_data: for @problem_func
 * @min_day: the earliest plausible order date; 0 for the default, 1970-01-01
 * @max_day: the latest plausible order date; 0 for the default, one year after today (UTC)
 * @max_amount: the largest plausible magnitude of an order's amount (or quantity times unit
 *   price); 0 for the default, %SC_IMPORT_MAX_AMOUNT.  Never more than
 *   %SC_IMPORT_MAX_AMOUNT_CEILING.
 * @set_margin: whether the import sets the project-wide gross margin, @margin_percent (at most
 *   100; negative: sold at a loss), which gives a cost to every order line without one
 * @margin_by: (nullable): a column of the orders file (by its header) holding a product
 *   category; with @category_margins, a line without a cost or margin of its own is costed
 *   with its category's margin
 * @category_margins: (nullable): "CATEGORY=PERCENT" items (the category's case ignored); a
 *   line whose category is not listed has no cost (counted, never zero) unless the project
 *   margin gives one
 * @source: the system both files come from, unless a table's settings are set with a
 *   source other than auto; %SC_IMPORT_SOURCE_AUTO recognises each file's shape,
 *   %SC_IMPORT_SOURCE_GENERIC none
 * @fill_down: (nullable): columns of the orders file whose empty values, on a later line of
 *   the same order, take the value of the line above (the order column must be known); a
 *   filled-down amount is the order's and is counted once, the order's further lines being
 *   its line items
 * @count_status: (nullable): the values of the orders file's status column that count
 *   (case ignored, blanks as '_'); other orders are left out and reported by status.  The
 *   status column is the recognised shape's, else the first named "Status", "… Status" or
 *   "… Stage"
 *
 * @delimiter, @decimal_mark, @encoding and @header apply to both files unless a table's
 * settings are set.  An order row whose date or amount lies outside the plausible bounds is
 * rejected like an unreadable one, with its reason (%SC_REJECT_IMPLAUSIBLE).
 */
typedef struct
{
  char                *transactions_path;
  char                *customers_path;
  char                *interactions_path;
  char                *map[SC_N_ROLES];
  char                 delimiter;
  ScDateOrder          date_order;
  char                 decimal_mark;
  ScImportEncoding     encoding;
  ScImportHeader       header;
  ScImportTable        orders;
  ScImportTable        customers;
  ScImportTable        interactions;
  ScImportProblemFunc  problem_func;
  gpointer             problem_data;
  ScDay                min_day;
  ScDay                max_day;
  double               max_amount;
  gboolean             set_margin;
  double               margin_percent;
  char                *margin_by;
  char               **category_margins;
  ScImportSource       source;
  char               **fill_down;
  char               **count_status;
} ScImportOptions;

/* The default limit of an amount's magnitude, and the most it can be widened to: with it,
 * the sums of any number of rows a customer can have (below 2^32) stay finite and exact to
 * the cent for realistic counts. */
#define SC_IMPORT_MAX_AMOUNT          1e12
#define SC_IMPORT_MAX_AMOUNT_CEILING  1e15
/* The default latest plausible date is this many days after today. */
#define SC_IMPORT_DAYS_AHEAD          365

void sc_import_options_init  (ScImportOptions *options);
void sc_import_options_clear (ScImportOptions *options);
void sc_import_options_copy  (const ScImportOptions *src,
                              ScImportOptions       *dest);
void sc_import_options_get_bounds (const ScImportOptions *options,
                                   ScDay                 *min_day,
                                   ScDay                 *max_day,
                                   double                *max_amount);

/**
 * ScImportPreview:
 * @dialect: how the file is read: sniffed, then the format's choices applied
 * @n_columns: columns of the first row
 * @header: @n_columns names; made up ("Column 1") without a header row
 * @rows: of `char **`, the first data rows, each @n_columns long (missing fields are "")
 * @n_fields: fields each row really had, so that ragged rows can be shown
 * @lines: the line each row starts on
 * @guesses: the detected role and kind per column, from @rows
 * @complete: @rows hold every row of the file
 * @shape: (nullable): the export shape recognised from the header (unless the format's
 *   source is %SC_IMPORT_SOURCE_GENERIC); @guesses then follow it
 *
 * The start of a file, read as the import will read it.
 */
typedef struct
{
  ScCsvDialect    dialect;
  guint           n_columns;
  char          **header;
  GPtrArray      *rows;
  guint          *n_fields;
  guint64        *lines;
  ScColumnGuess  *guesses;
  double          bytes_per_row;
  gboolean        complete;
  const ScSourceShape *shape;
} ScImportPreview;

ScImportPreview *sc_import_preview      (const char            *path,
                                         ScTableKind            kind,
                                         const ScImportFormat  *format,
                                         guint                  max_rows,
                                         GError               **error);
void             sc_import_preview_free (ScImportPreview       *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScImportPreview, sc_import_preview_free)

G_END_DECLS
