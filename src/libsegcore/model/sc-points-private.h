/* sc-points-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Points in d dimensions, as the clustering and its measures read them: n rows of d
 * doubles, row after row.  Shared by the k-means files (sc-kmeans.c, sc-kmeans-lloyd.c)
 * and the silhouette (sc-silhouette.c), which sits below k-means and so cannot include
 * sc-kmeans-private.h. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const double *x;
  gsize         n;
  guint         d;
} Points;

/* Kernels are written once for a dimension d and instantiated for d = 1..8 with a constant
 * d, so that the compiler unrolls the coordinate loop; other d use the generic copy.  The
 * distance is always summed in coordinate order, in every kernel, so that the same point
 * and centre give the same bits wherever they meet. */
#define SC_DISPATCH_D(d, CALL) \
  switch (d) \
    { \
    case 1: CALL (1); break; \
    case 2: CALL (2); break; \
    case 3: CALL (3); break; \
    case 4: CALL (4); break; \
    case 5: CALL (5); break; \
    case 6: CALL (6); break; \
    case 7: CALL (7); break; \
    case 8: CALL (8); break; \
    default: CALL (d); break; \
    }

G_ALWAYS_INLINE static inline double
_sc_sqdist (const double *a,
            const double *b,
            guint         d)
{
  double s = 0.0;

#pragma GCC unroll 8
  for (guint j = 0; j < d; j++)
    {
      double t = a[j] - b[j];

      s += t * t;
    }
  return s;
}

G_END_DECLS
