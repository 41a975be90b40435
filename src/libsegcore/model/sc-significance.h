/* sc-significance.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ScAlternative:
 * @SC_ALTERNATIVE_GREATER: the first sample is stochastically greater (or its rate higher)
 * @SC_ALTERNATIVE_LESS: the first sample is stochastically smaller (or its rate lower)
 *
 * The direction of a one-sided test.
 */
typedef enum
{
  SC_ALTERNATIVE_GREATER,
  SC_ALTERNATIVE_LESS,
} ScAlternative;

double   sc_normal_sf            (double         z);

double   sc_rank_average         (const double  *values,
                                  gsize          n,
                                  double        *ranks);
gboolean sc_mann_whitney_ranked  (const double  *ranks,
                                  const guint8  *in_x,
                                  gsize          n,
                                  double         tie_term,
                                  ScAlternative  alternative,
                                  double        *u,
                                  double        *p);
gboolean sc_mann_whitney         (const double  *x,
                                  gsize          nx,
                                  const double  *y,
                                  gsize          ny,
                                  ScAlternative  alternative,
                                  double        *u,
                                  double        *p);
gboolean sc_two_proportions      (guint64        k1,
                                  guint64        n1,
                                  guint64        k2,
                                  guint64        n2,
                                  ScAlternative  alternative,
                                  double        *z,
                                  double        *p);
void     sc_holm                 (const double  *p,
                                  gsize          n,
                                  double        *adjusted);
gboolean sc_bootstrap_ratio      (const double  *x,
                                  gsize          nx,
                                  const double  *y,
                                  gsize          ny,
                                  guint          n_resamples,
                                  guint64        seed,
                                  guint64        stream,
                                  double         level,
                                  double        *low,
                                  double        *high);

G_END_DECLS
