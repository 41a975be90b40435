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

#include <sqlite3.h>
#include <string.h>

#include "sc-import-attributes-private.h"
#include "sc-import-layout-private.h"
#include "sc-importer.h"
#include "sc-intern-private.h"
#include "sc-row-reader-private.h"
#include "sc-store-tx-writer-private.h"
#include "sc-aggregates-private.h"

G_BEGIN_DECLS

typedef struct _ScImportRun ScImportRun;

/* Faults in the pages of arrays the importing thread is about to fill, in a helper thread
 * (sc-import-prefault.c); %NULL when the system cannot. */
typedef struct _ScPrefault ScPrefault;

#define SC_PREFAULT_SLICE ((gsize) 256 * 1024)      /* elements faulted in at a time */
#define SC_PREFAULT_LEAD  (4 * SC_PREFAULT_SLICE)   /* how far ahead of the rows filled */

ScPrefault *_sc_prefault_start   (void * const *mem,
                                  const gsize  *elem_size,
                                  const gsize  *n,
                                  guint         n_arrays);
gsize       _sc_prefault_advance (ScPrefault   *pf,
                                  gsize         filled);
void        _sc_prefault_finish  (ScPrefault   *pf);

/* The state of one import, shared by the files of sc-importer.c (orders, the import as a
 * whole) and sc-import-customers.c (the customer list). */
struct _ScImportRun
{
  ScStore               *store;           /* NULL for a dry run */
  ScStore               *known;           /* read for what it holds: @store, or for a check the
                                           * project the files would go to; or NULL */
  const ScImportOptions *options;
  ScImportReport        *report;
  ScProgressFunc         progress;
  gpointer               progress_data;
  GCancellable          *cancellable;

  ScInterner             customers;
  guint32                n_existing;      /* customers in the project before */
  gboolean               pushdown;        /* orders kept in a database (sc-pushdown.h) */
  guint32                order_base;      /* order numbers used by earlier imports */

  /* accepted transaction rows, in input order */
  gsize                  n_rows;
  gsize                  cap_rows;
  guint32               *row_customer;
  ScDay                 *row_day;
  double                *row_amount;
  guint32               *row_order;       /* NULL without an order column */
  double                *row_cost;        /* NULL without a cost or margin column */
  /* packs the rows for the store while the file is read (NULL in a dry run): the rows
   * before rows_pushed are handed over, tx_keys holds the order ids of the others */
  ScTxWriter            *tx_writer;
  gsize                  rows_pushed;
  GString               *tx_keys;
  /* sums the customers of a new project's rows while they are read, as long as they come
   * grouped (NULL otherwise, and once the arrays above move) */
  ScAggFollow           *agg_follow;

  ScInterner             orders;
  gboolean               has_orders;
  guint32                n_orders_local;  /* without an order column: one order per row */
  guint32               *order_customer;
  guint64               *order_row_hash;  /* raw-text hash of the order's first row */
  gsize                  cap_orders;
  ScPrefault            *prefault;        /* of the arrays above, while the file is read */
  gsize                  prefault_mark;   /* n_rows at which to tell it again */
  ScHashSet              rows_seen;       /* raw-text hashes of rows not checked by order */

  /* What earlier imports brought, so adding a file twice adds nothing. */
  ScHashSet              existing_rows;   /* identities of the rows already in the project */
  /* Order ids the project holds, when a file with order ids is added to it: their rows in
   * the file take the order's stored number, so that lines with the same order id count as
   * one order whichever file they came in, as in one file */
  guint64               *known_orders;    /* open addressing by the id's hash: its high 32
                                           * bits (odd) above the stored number; 0 empty */
  gsize                  known_mask;
  gsize                  n_known;
  guint32               *order_stored;    /* per order of the file: the number stored, or
                                           * NULL when the project holds no order ids */

  /* problems: streamed to the store, a few kept as examples */
  sqlite3_stmt          *problem_stmt;
  guint64                import_id;
  guint                  examples_per_kind[SC_N_REJECT_REASONS + 2];
  const char            *path;            /* the file being read */
  const char            *stage;           /* what reading it is called in progress messages */

  /* the customer list's e-mail, phone and name, when it has them */
  ScContactColumns      *contacts;

  /* consent from the orders file: per customer, -1 none, else 0/1/2 of its latest order */
  GArray                *order_consent;
  GArray                *order_consent_day;

  /* the currency the orders' amounts were marked with ("€ 12"), or NULL */
  const char            *currency;

  /* for rows per second in the progress messages, and the slice of a file's reading */
  GTimer                *stage_timer;
  double                 last_report;     /* stage_timer at the last row count, -1 none yet */
  double                 read_from;
  double                 read_to;
};
typedef ScImportRun Import;

/* Sizes the rows' arrays for @expected rows and faults them in ahead of the importing
 * thread (sc-import-prefault.c). */
void _sc_import_reserve_rows (ScImportRun *imp,
                              gsize        expected,
                              gboolean     with_cost);

/* A stored row's identity, to recognise it in a file added later: by customer, day and
 * amount for files without order ids, by order id, day and amount for files with them (an
 * order id can come back later with other rows: a return, an adjustment). */
static inline guint64
_sc_row_identity (guint32 customer,
                  ScDay   day,
                  double  amount)
{
  char buf[sizeof customer + sizeof day + sizeof amount];

  memcpy (buf, &customer, sizeof customer);
  memcpy (buf + sizeof customer, &day, sizeof day);
  memcpy (buf + sizeof customer + sizeof day, &amount, sizeof amount);
  return _sc_hash_bytes (buf, sizeof buf) | 1;
}

/* @key_hash: _sc_hash_bytes() of the order id */
static inline guint64
_sc_order_row_identity_of (guint64 key_hash,
                           ScDay   day,
                           double  amount)
{
  return _sc_row_identity ((guint32) key_hash, day, amount) ^ (key_hash & ~(guint64) 1);
}

static inline guint64
_sc_order_row_identity (const char *order_key,
                        ScDay       day,
                        double      amount)
{
  return _sc_order_row_identity_of (_sc_hash_bytes (order_key, strlen (order_key)), day, amount);
}

/* What the project holds already (sc-import-existing.c): its rows in existing_rows, and
 * with order ids in the file and a store to write, the number of each order id it holds;
 * then the number a row of the file's order @ord is stored with. */
gboolean _sc_import_load_existing       (ScImportRun  *imp,
                                         GError      **error);
guint32  _sc_import_stored_order_no     (ScImportRun  *imp,
                                         const char   *okey,
                                         gsize         olen,
                                         guint32       ord);
void     _sc_import_forget_known_orders (ScImportRun  *imp);

/* Progress slices of an import. */
#define STAGE_READ_END   0.55
#define STAGE_WRITE_END  0.90

void         _sc_import_read_progress (guint64          rows,
                                       double           fraction,
                                       gpointer         user_data);
/* Keeps a problem: in the project, to the options' problem function, a few as examples. */
gboolean     _sc_import_add_problem (ScImportRun     *imp,
                                     guint            slot,
                                     const char      *kind,
                                     guint64          line,
                                     const char      *column,
                                     const char      *raw,
                                     gsize            raw_len,
                                     char            *reason,
                                     GError         **error);
/* Stores the problem of a row that cannot be used (its reason is taken). */
gboolean     _sc_import_reject      (ScImportRun     *imp,
                                     ScImportRecord  *record,
                                     ScRowReader     *reader,
                                     ScRow           *row,
                                     GError         **error);
/* Starts the record of one file in the project, with how the file is read. */
gboolean     _sc_import_begin_record (ScImportRun    *imp,
                                      ScImportRecord *record,
                                      const char     *kind,
                                      const char     *path,
                                      ScImportLayout *layout,
                                      ScDateOrder     date_order,
                                      GString        *notes,
                                      GError        **error);
/* sc-import-customers.c */
gboolean     _sc_import_read_customers (ScImportRun  *imp,
                                        const char   *path,
                                        GPtrArray    *attributes,
                                        GArray       *consent,
                                        GError      **error);

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

void         _sc_import_end_notes   (Import          *imp,
                                     ScImportRecord  *record,
                                     GString         *notes,
                                     guint64          bad_numbers);

void         _sc_import_count_new_customer (ScImportRecord *record,
                                            guint8        **seen,
                                            gsize          *cap,
                                            guint32         cust,
                                            guint32         n_existing);

/* Counts @cust among the file's customers the first time it is met (@seen grows); a
 * customer counted already (most rows) costs no call. */
static inline void
_sc_import_count_customer (ScImportRecord *record,
                           guint8        **seen,
                           gsize          *cap,
                           guint32         cust,
                           guint32         n_existing)
{
  if (cust >= *cap || !(*seen)[cust])
    _sc_import_count_new_customer (record, seen, cap, cust, n_existing);
}

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
