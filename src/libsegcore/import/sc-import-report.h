/* sc-import-report.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What an import reports: rejected rows per reason, a few examples, the files read
 * (sc-import-report.c).  Below sc-importer.h, which includes it. */

#pragma once

#include <glib.h>

#include "sc-store.h"

G_BEGIN_DECLS

typedef enum
{
  SC_REJECT_FIELDS,
  SC_REJECT_CUSTOMER,
  SC_REJECT_DATE,
  SC_REJECT_AMOUNT,
  SC_REJECT_ENCODING,
  SC_REJECT_IMPLAUSIBLE,   /* a date or amount outside the plausible bounds */
  SC_REJECT_TYPE,          /* an interaction without its type */
  SC_N_REJECT_REASONS,
} ScRejectReason;

/* Examples kept in memory per reason; every problem is stored in the project. */
#define SC_IMPORT_EXAMPLES 5

typedef struct
{
  ScImportRecord  transactions;    /* kind is NULL when no such file was read */
  ScImportRecord  customers;
  ScImportRecord  interactions;    /* sc-interactions.c */
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScImportReport, sc_import_report_free)

G_END_DECLS
