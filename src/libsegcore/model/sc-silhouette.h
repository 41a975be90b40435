/* sc-silhouette.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

double sc_silhouette (const double  *x,
                      gsize          n,
                      guint          d,
                      const guint32 *labels,
                      guint          k,
                      gsize          sample_size,
                      guint64        seed,
                      guint          n_threads);

G_END_DECLS
