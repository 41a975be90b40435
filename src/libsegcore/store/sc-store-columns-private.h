/* sc-store-columns-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-aggregates.h"
#include "sc-store-private.h"

G_BEGIN_DECLS

/* Per-customer columns made ready in one thread and stored in another (sc-store-columns.c):
 * packing is the costly part of saving a column and needs no connection, so an import packs
 * in a thread of its own while its importing thread writes other tables. */
typedef struct _ScPackedColumns ScPackedColumns;

/* A blob as stored: @n values of @elem_size (or texts each ending in a NUL, @elem_size 0) in
 * @bytes, packed where that pays, else a copy of the bytes (sc-store-codec.c). */
GByteArray      *_sc_store_pack_blob           (const void       *data,
                                                gsize             elem_size,
                                                gsize             n,
                                                gsize             bytes);
/* Binds @blob (NULL: SQL NULL); it must live until the statement has run. */
void             _sc_store_bind_blob           (sqlite3_stmt     *stmt,
                                                int               col,
                                                GByteArray       *blob);

ScPackedColumns *_sc_packed_columns_new        (void);
/* Packs @n values of @elem_size, or @bytes of texts each ending in a NUL (@elem_size 0). */
void             _sc_packed_columns_add        (ScPackedColumns  *columns,
                                                const char       *name,
                                                guint32           n,
                                                gsize             elem_size,
                                                const void       *data,
                                                gsize             bytes);
void             _sc_packed_columns_add_aggregates (ScPackedColumns    *columns,
                                                    const ScAggregates *agg);
gboolean         _sc_packed_columns_save       (ScPackedColumns  *columns,
                                                ScStore          *store,
                                                GError          **error);
void             _sc_packed_columns_free       (ScPackedColumns  *columns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPackedColumns, _sc_packed_columns_free)

G_END_DECLS
