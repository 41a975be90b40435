/* sc-stats.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

double sc_median      (const double *v,
                       gsize         n);

gsize  sc_quantiles   (double       *values,
                       gsize         n,
                       const double *probs,
                       guint         n_probs,
                       double       *out);

void   sc_select_ranks (double      *values,
                        gsize        n,
                        const gsize *ranks,
                        guint        n_ranks);

void   sc_robust_z    (const double *v,
                       gsize         n,
                       double       *z);

void   sc_standardise (double       *x,
                       gsize         n,
                       guint         d,
                       double       *mean,
                       double       *sd);

G_END_DECLS
