/* sc-importer-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the import of one set of files (sc-importer.c) lends the reading of an interactions
 * file (sc-interactions.c): the customers interned so far, the project, and the way rows
 * are rejected and problems kept, so that every file kind follows the same rules. */

#pragma once

#include "sc-import-layout-private.h"
#include "sc-importer.h"
#include "sc-intern-private.h"
#include "sc-row-reader-private.h"

G_BEGIN_DECLS

typedef struct _ScImportRun ScImportRun;

typedef struct
{
  ScStore               *store;          /* NULL for a dry run */
  const ScImportOptions *options;
  ScImportReport        *report;
  GCancellable          *cancellable;
  ScInterner            *customers;      /* the project's customers, then this import's */
  guint32                n_existing;     /* customers in the project before */
} ScImportContext;

void         _sc_import_run_get     (ScImportRun     *run,
                                     ScImportContext *ctx);
/* Starts the file's import record and returns its row reader (progress goes to the run). */
ScRowReader *_sc_import_run_begin   (ScImportRun     *run,
                                     ScImportRecord  *record,
                                     const char      *path,
                                     ScImportLayout  *layout,
                                     ScDateOrder      order,
                                     GString         *notes,
                                     GError         **error);
/* Keeps a rejected row (its reason is taken), or an exact duplicate imported once. */
gboolean     _sc_import_run_problem (ScImportRun     *run,
                                     ScImportRecord  *record,
                                     ScRowReader     *reader,
                                     ScRow           *row,
                                     gboolean         duplicate,
                                     GError         **error);

void         _sc_import_count_customer (ScImportRecord *record,
                                        guint8        **seen,
                                        gsize          *cap,
                                        guint32         cust,
                                        guint32         n_existing);

/* sc-interactions.c: the rows of an interactions file, read, checked and interned. */
typedef struct _ScInteractionBatch ScInteractionBatch;

void         _sc_interaction_batch_free (ScInteractionBatch *batch);
gboolean     _sc_interactions_read  (ScImportRun         *run,
                                     const char          *path,
                                     ScInteractionBatch **batch,
                                     GError             **error);
/* Writes the rows and the type and channel names (the store's transaction is open). */
gboolean     _sc_interactions_store (ScImportRun         *run,
                                     ScInteractionBatch  *batch,
                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScInteractionBatch, _sc_interaction_batch_free)

G_END_DECLS
