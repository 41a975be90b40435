/* sc-store.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-aggregates.h"
#include "sc-types.h"

G_BEGIN_DECLS

/* The project file: a SQLite database.  One ScStore is one connection and must be used from
 * one thread at a time; the sqlite3 handle never leaves sc-store.c. */

#define SC_STORE_APPLICATION_ID 0x5345474d /* "SEGM" */
#define SC_STORE_SCHEMA_VERSION 16

typedef struct _ScStore ScStore;

typedef struct
{
  guint64  id;
  char    *kind;             /* "transactions" or "customers" */
  char    *path;
  char    *imported_at;      /* ISO 8601, UTC */
  guint64  rows_read;
  guint64  rows_accepted;
  guint64  rows_rejected;
  guint64  duplicate_rows;
  guint64  duplicate_order_ids;
  guint64  already_present;  /* rows of orders an earlier import already brought */
  guint64  returns;
  guint64  customers;        /* distinct customers in this file */
  guint64  new_customers;    /* not in the project before */
  guint64  unmatched;        /* transactions: customers absent from the customer list;
                                customers: listed customers without orders */
  ScDay    first_day;
  ScDay    last_day;
  double   revenue;
  char    *settings;         /* how the file was read, for people */
  char    *notes;            /* one note per line */
} ScImportRecord;

void     sc_import_record_clear (ScImportRecord *record);

typedef struct
{
  guint64  line;
  char    *column;           /* nullable */
  char    *reason;
  char    *raw;
  char    *kind;             /* "rejected", "duplicate" or "warning" */
} ScImportProblem;

void     sc_import_problem_free (ScImportProblem *problem);

ScStore *sc_store_open              (const char      *path,
                                     gboolean         create,
                                     GError         **error);
void     sc_store_close             (ScStore         *store);
const char *sc_store_get_path       (ScStore         *store);
gboolean sc_store_get_read_only     (ScStore         *store);

gboolean sc_store_begin             (ScStore         *store,
                                     GError         **error);
gboolean sc_store_commit            (ScStore         *store,
                                     GError         **error);
void     sc_store_rollback          (ScStore         *store);
gboolean sc_store_end               (ScStore         *store,
                                     gboolean         ok,
                                     GError         **error);

gboolean sc_store_get_meta          (ScStore         *store,
                                     const char      *key,
                                     char           **value,
                                     GError         **error);
gboolean sc_store_set_meta          (ScStore         *store,
                                     const char      *key,
                                     const char      *value,
                                     GError         **error);

/* Row count of one of the project's own tables. */
guint64  sc_store_count             (ScStore         *store,
                                     const char      *table);
guint32  sc_store_get_n_customers   (ScStore         *store);
guint64  sc_store_get_n_transactions (ScStore        *store);

/* Per-customer data is kept as columns: arrays indexed by the dense customer id. */
gboolean sc_store_save_column       (ScStore         *store,
                                     const char      *name,
                                     guint32          n,
                                     gsize            elem_size,
                                     const void      *data,
                                     GError         **error);
gboolean sc_store_load_column       (ScStore         *store,
                                     const char      *name,
                                     guint32          n,
                                     gsize           elem_size,
                                     void            *data,
                                     GError         **error);

/* Customer keys in dense id order. */
gboolean sc_store_load_customer_keys (ScStore        *store,
                                      GPtrArray     **keys,
                                      GError        **error);
gboolean sc_store_save_customer_keys (ScStore        *store,
                                      guint32         n,
                                      const char     *keys,
                                      gsize           len,
                                      GError        **error);
/* consent: 0 no, 1 yes, 2 unknown; listed: named by a customer list. */
gboolean sc_store_save_consent      (ScStore         *store,
                                     guint32          n,
                                     const gint8     *consent,
                                     const guint8    *listed,
                                     GError         **error);
gboolean sc_store_load_consent      (ScStore         *store,
                                     guint32          n,
                                     gint8           *consent,
                                     guint8          *listed,
                                     GError         **error);

/* Reads every transaction, grouped by customer and sorted by day within a customer.
 * Rows after until_day are left out (G_MAXINT32 for all). */
/* Calls func with every stored transaction, in import order; order_key is NULL for rows of
 * files without an order column. */
typedef void (*ScTransactionFunc) (const char *order_key,
                                   guint32     customer,
                                   ScDay       day,
                                   double      amount,
                                   gpointer    user_data);
gboolean sc_store_foreach_transaction (ScStore           *store,
                                       ScTransactionFunc  func,
                                       gpointer           user_data,
                                       GError           **error);

ScTransactions *sc_store_load_transactions (ScStore      *store,
                                            guint32       n_customers,
                                            ScDay         until_day,
                                            GCancellable *cancellable,
                                            GError      **error);
void     sc_transactions_free       (ScTransactions  *tx);

/* Per-customer aggregates, stored once per import so that re-segmenting never rescans the
 * transactions. */
gboolean      sc_store_save_aggregates (ScStore             *store,
                                        const ScAggregates  *aggregates,
                                        GError             **error);
ScAggregates *sc_store_load_aggregates (ScStore             *store,
                                        GError             **error);
ScAggregates *sc_store_load_aggregates_for_features (ScStore  *store,
                                                     GError  **error);
gboolean      sc_store_load_aggregates_into (ScStore       *store,
                                             ScAggregates  *agg,
                                             GError       **error);

/* Attributes of the customer list: replaces attributes of the same name. */
gboolean sc_store_save_attribute    (ScStore           *store,
                                     guint32            n_customers,
                                     const ScAttribute *attribute,
                                     GError           **error);
gboolean sc_store_load_attributes   (ScStore           *store,
                                     guint32            n_customers,
                                     GPtrArray        **attributes,
                                     GError           **error);
/* Names and levels only: codes and values are NULL. */
gboolean sc_store_list_attributes   (ScStore           *store,
                                     GPtrArray        **attributes,
                                     GError           **error);
void     sc_attribute_free          (ScAttribute       *attribute);

/* Imports and their problems. */
gboolean sc_store_add_import        (ScStore              *store,
                                     ScImportRecord       *record,
                                     GError              **error);
gboolean sc_store_list_imports      (ScStore              *store,
                                     GArray              **records,
                                     GError              **error);
guint64  sc_store_get_data_version  (ScStore              *store);
/* Calls func for every problem of every import, in import then line order. */
typedef gboolean (*ScProblemFunc) (guint64                import_id,
                                   const ScImportProblem *problem,
                                   gpointer               user_data);
gboolean sc_store_foreach_problem   (ScStore              *store,
                                     ScProblemFunc         func,
                                     gpointer              user_data,
                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScStore, sc_store_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTransactions, sc_transactions_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScImportProblem, sc_import_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScAttribute, sc_attribute_free)

G_END_DECLS
