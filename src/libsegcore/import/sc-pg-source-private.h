/* sc-pg-source-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-pg-source.h"

G_BEGIN_DECLS

/* What the server computed, one entry per customer (sc-pg-source.c), for sc-pg-import.c.
 * @keys holds the customer keys back to back, each ending in NUL, in the order they came. */
typedef struct
{
  guint32  n;
  guint32  cap;
  GString *keys;
  ScDay   *first_day;
  ScDay   *last_day;
  guint32 *n_orders;
  guint32 *n_purchase_days;
  guint32 *n_rows;
  guint32 *recent_orders;
  double  *monetary;
  double  *returns;
  double  *repeat_spend;
  double  *value;
  double  *recent_monetary;
  gint8   *consent;          /* -1 when the orders say nothing */
  /* Over all rows */
  guint64  rows_read;
  guint64  rows_skipped;     /* a customer, date or amount missing */
  guint64  return_rows;
  ScDay    first_any;
  ScDay    last_any;
  double   revenue;
} ScPgPull;

void      _sc_pg_pull_free        (ScPgPull          *pull);
ScPgPull *_sc_pg_pull_aggregates  (const ScPgOptions *options,
                                   ScProgressFunc     progress,
                                   gpointer           progress_data,
                                   GCancellable      *cancellable,
                                   GError           **error);
/* Writes the customer list (@customers) or the order rows (customer, date, amount, order,
 * consent, with those headers) as CSV to @path. */
gboolean  _sc_pg_copy_csv         (const ScPgOptions *options,
                                   gboolean           customers,
                                   const char        *path,
                                   GCancellable      *cancellable,
                                   GError           **error);

#if HAVE_LIBPQ
#include <libpq-fe.h>

/* Appends "<table> AS src" (quoted) or "(<query>) AS src" (also used to preview). */
gboolean  _sc_pg_append_from      (PGconn            *conn,
                                   GString           *out,
                                   const char        *table,
                                   const char        *query,
                                   GError           **error);
#endif

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPgPull, _sc_pg_pull_free)

G_END_DECLS
