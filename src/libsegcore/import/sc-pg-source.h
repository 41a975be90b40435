/* sc-pg-source.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* PostgreSQL as a source of orders and of a customer list (issue 22): the settings. */

#pragma once

#include <glib.h>

#include "sc-import-layout.h"
#include "sc-types.h"

G_BEGIN_DECLS

/**
 * ScPgOptions:
 * @conninfo: a libpq connection string or URI; a password in it is never stored (libpq
 *   also reads `PGPASSWORD` and `~/.pgpass`)
 * @orders_table: (nullable): a table or view, optionally `schema.name`
 * @orders_query: (nullable): a read-only query giving the order rows (instead of a table)
 * @customers_table: (nullable): the customer list as a table or view
 * @customers_query: (nullable): the customer list as a query
 * @map: column name per #ScColumnRole, %NULL to detect it from the names; customer and
 *   consent apply to the customer list as well
 * @copy_transactions: copy the order rows into the project instead of keeping only what the
 *   server computes per customer
 *
 * Where the data is and how its columns map to roles.  Exactly one of @orders_table and
 * @orders_query is set; at most one of @customers_table and @customers_query.
 */
typedef struct
{
  char     *conninfo;
  char     *orders_table;
  char     *orders_query;
  char     *customers_table;
  char     *customers_query;
  char     *map[SC_N_ROLES];
  gboolean  copy_transactions;
} ScPgOptions;

void      sc_pg_options_init   (ScPgOptions       *options);
void      sc_pg_options_clear  (ScPgOptions       *options);
void      sc_pg_options_copy   (const ScPgOptions *src,
                                ScPgOptions       *dest);
/* @conninfo without its password, for people and for the project file; %NULL when it cannot
 * be parsed (the error says why). */
char     *sc_pg_conninfo_public (const char       *conninfo,
                                 GError          **error);
/* Whether this build can read PostgreSQL. */
gboolean  sc_pg_available      (void);
gboolean  sc_pg_error_is_login (const GError     *error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScPgOptions, sc_pg_options_clear)

G_END_DECLS
