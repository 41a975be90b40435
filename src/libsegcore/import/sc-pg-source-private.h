/* sc-pg-source-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-pg-pull-private.h"
#include "sc-pg-source.h"

G_BEGIN_DECLS

ScPgPull *_sc_pg_pull_aggregates  (const ScPgOptions *options,
                                   guint32            expected,
                                   ScPgMeanwhileFunc  meanwhile,
                                   gpointer           meanwhile_data,
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
#else
/* Fails with "This build of Segments cannot read PostgreSQL". */
void      _sc_pg_set_unavailable  (GError           **error);
#endif

G_END_DECLS
