/* sc-silhouette-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The silhouette on a thread team the caller already runs, with cancellation: how
 * sc-kmeans.c scores each k and its final clustering. */

#pragma once

#include <gio/gio.h>

#include "sc-parallel.h"
#include "sc-silhouette.h"

G_BEGIN_DECLS

double _sc_silhouette_sampled (ScTeam        *team,
                               const double  *x,
                               gsize          n,
                               guint          d,
                               const guint32 *labels,
                               guint          k,
                               gsize          sample_size,
                               guint64        seed,
                               GCancellable  *cancellable,
                               gboolean      *cancelled);

G_END_DECLS
