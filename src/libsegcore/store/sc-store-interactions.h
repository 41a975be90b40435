/* sc-store-interactions.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-store.h"

G_BEGIN_DECLS

/* Interaction types and channels are kept as indexes into the project's lists of names;
 * channel 0 is "no channel". */
#define SC_INTERACTION_NO_CHANNEL 0
#define SC_INTERACTION_MAX_NAMES  65535

/**
 * ScInteractions:
 * @n: rows
 * @customer: dense customer id per row
 * @day: day per row
 * @type: index into @types per row
 * @value: the value per row, NAN where the file had none
 * @channel: index into @channels per row (0: none)
 * @types: (array zero-terminated=1): type names, in the order first imported
 * @channels: (array zero-terminated=1): channel names; [0] is ""
 *
 * Every interaction of a project, in import order.
 */
typedef struct
{
  gsize     n;
  guint32  *customer;
  ScDay    *day;
  guint16  *type;
  double   *value;
  guint16  *channel;
  char    **types;
  char    **channels;
} ScInteractions;

void            sc_interactions_free            (ScInteractions  *ix);
guint           sc_interactions_n_types         (const ScInteractions *ix);

gboolean        sc_store_has_interactions       (ScStore         *store);
/* The names of types ("interaction_types") or channels ("interaction_channels"); an empty
 * list when the project has none.  Channels start with "" (no channel). */
gboolean        sc_store_load_interaction_names (ScStore         *store,
                                                 const char      *which,
                                                 GPtrArray      **names,
                                                 GError         **error);
gboolean        sc_store_save_interaction_names (ScStore         *store,
                                                 const char      *which,
                                                 GPtrArray       *names,
                                                 GError         **error);
/* Appends rows as chunks (inside the caller's transaction). */
gboolean        sc_store_insert_interactions    (ScStore         *store,
                                                 guint64          import_id,
                                                 gsize            n,
                                                 const guint32   *customer,
                                                 const ScDay     *day,
                                                 const guint16   *type,
                                                 const double    *value,
                                                 const guint16   *channel,
                                                 GCancellable    *cancellable,
                                                 GError         **error);
ScInteractions *sc_store_load_interactions      (ScStore         *store,
                                                 GCancellable    *cancellable,
                                                 GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScInteractions, sc_interactions_free)

G_END_DECLS
