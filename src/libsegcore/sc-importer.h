/* sc-importer.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-store.h"
#include "sc-types.h"

G_BEGIN_DECLS

#define SC_N_ROLES (SC_ROLE_ATTRIBUTE + 1)

/**
 * ScImportOptions:
 * @transactions_path: (nullable): the orders or order lines file
 * @customers_path: (nullable): the customer list
 * @map: column name per #ScColumnRole, %NULL to detect it; applies to the transactions
 *   file, and for customer and consent to the customer list as well
 * @delimiter: 0 to sniff, else `,` `;` tab `|` or space (whitespace-aligned)
 * @date_order: %SC_DATE_ORDER_AUTO to resolve from the whole column
 * @decimal_mark: 0 to sniff, else `.` or `,`
 */
typedef struct
{
  char        *transactions_path;
  char        *customers_path;
  char        *map[SC_N_ROLES];
  char         delimiter;
  ScDateOrder  date_order;
  char         decimal_mark;
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
