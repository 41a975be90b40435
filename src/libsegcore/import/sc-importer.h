/* sc-importer.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-csv.h"
#include "sc-detect.h"
#include "sc-import-layout.h"
#include "sc-store.h"
#include "sc-types.h"

G_BEGIN_DECLS

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
 * @problem_func: (nullable): receives every problem (the report keeps only examples)
 * @problem_data: for @problem_func
 *
 * @delimiter, @decimal_mark, @encoding and @header apply to both files unless a table's
 * settings are set.
 */
typedef struct
{
  char                *transactions_path;
  char                *customers_path;
  char                *map[SC_N_ROLES];
  char                 delimiter;
  ScDateOrder          date_order;
  char                 decimal_mark;
  ScImportEncoding     encoding;
  ScImportHeader       header;
  ScImportTable        orders;
  ScImportTable        customers;
  ScImportProblemFunc  problem_func;
  gpointer             problem_data;
} ScImportOptions;

void sc_import_options_init  (ScImportOptions *options);
void sc_import_options_clear (ScImportOptions *options);
void sc_import_options_copy  (const ScImportOptions *src,
                              ScImportOptions       *dest);

typedef enum
{
  SC_REJECT_FIELDS,
  SC_REJECT_CUSTOMER,
  SC_REJECT_DATE,
  SC_REJECT_AMOUNT,
  SC_REJECT_ENCODING,
  SC_N_REJECT_REASONS,
} ScRejectReason;

/* Examples kept in memory per reason; every problem is stored in the project. */
#define SC_IMPORT_EXAMPLES 5

typedef struct
{
  ScImportRecord  transactions;    /* kind is NULL when no such file was read */
  ScImportRecord  customers;
  guint64         rejected[SC_N_REJECT_REASONS];
  GPtrArray      *examples;        /* of ScImportProblem: a few per reason, in line order */
  guint64         project_customers;
  guint64         project_transactions;
} ScImportReport;

void  sc_import_report_free   (ScImportReport *report);
char *sc_import_report_format (const ScImportReport *report);

/* The columns of a problem list written as CSV, as segments-cli problems --csv writes it. */
#define SC_IMPORT_PROBLEMS_CSV_HEADER "file,line,column,kind,reason,raw\n"

void  sc_import_problem_append_csv (GString               *out,
                                    const char            *path,
                                    const ScImportProblem *problem);

/**
 * sc_import:
 * @store: (nullable): the project; %NULL for a dry run that only checks the files
 *
 * Reads, validates and (unless @store is %NULL) stores the files in one transaction: on
 * error or cancellation nothing is written.
 */
ScImportReport *sc_import (ScStore                *store,
                           const ScImportOptions  *options,
                           ScProgressFunc          progress,
                           gpointer                progress_data,
                           GCancellable           *cancellable,
                           GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScImportReport, sc_import_report_free)

G_END_DECLS
