/* sc-pg-import-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-import-report.h"
#include "sc-pg-source-private.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* A list of customer keys summed up: how many, their bytes, a hash (sc-pg-import.c). */
typedef struct
{
  guint32 n;
  guint64 bytes;
  guint64 hash;
} ScPgKeysPrint;

/* What _sc_pg_fetch() read from the server, before anything is written (sc-pg-import.c);
 * the temporary files go with it. */
typedef struct
{
  char     *conninfo;        /* without the password */
  ScPgPull *pull;            /* NULL when the rows were copied */
  gboolean  has_stored;      /* with a pull: whether @stored holds the project's keys */
  ScPgKeysPrint stored;
  char     *dir;
  char     *customers_path;  /* nullable */
  char     *orders_path;     /* nullable: the copied rows */
} ScPgFetch;

void            _sc_pg_fetch_free  (ScPgFetch         *fetch);
ScPgFetch      *_sc_pg_fetch       (const ScPgOptions *options,
                                    ScStore           *store,
                                    ScPgMeanwhileFunc  meanwhile,
                                    gpointer           meanwhile_data,
                                    ScProgressFunc     progress,
                                    gpointer           progress_data,
                                    GCancellable      *cancellable,
                                    GError           **error);
ScImportReport *_sc_pg_store       (ScStore           *store,
                                    ScPgFetch         *fetch,
                                    const ScPgOptions *options,
                                    GCancellable      *cancellable,
                                    GError           **error);
gboolean        _sc_pg_load_source (ScStore           *store,
                                    ScPgOptions       *options,
                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPgFetch, _sc_pg_fetch_free)

G_END_DECLS
