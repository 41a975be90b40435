/* sc-aggregates-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-aggregates.h"

G_BEGIN_DECLS

/* The aggregates of customer @c from its rows [@begin, @end) (sc-aggregates.c). */
void          _sc_aggregates_customer (ScAggregates  *agg,
                                       guint32        c,
                                       const ScDay   *day,
                                       const double  *amount,
                                       const guint32 *order,
                                       gsize          begin,
                                       gsize          end,
                                       guint64       *seen);

/* Sums an import's customers while its rows are read (sc-aggregates-follow.c). */
typedef struct _ScAggFollow ScAggFollow;

ScAggFollow  *_sc_agg_follow_new    (gsize          expected_customers);
/* Rows [0, @n_rows) of these arrays are final and stay where they are until
 * _sc_agg_follow_finish() or _sc_agg_follow_free(). */
void          _sc_agg_follow_rows   (ScAggFollow   *follow,
                                     const guint32 *customer,
                                     const ScDay   *day,
                                     const double  *amount,
                                     const guint32 *order,
                                     gsize          n_rows);
/* The aggregates of @n_customers customers from rows [0, @n_rows), the same as
 * sc_aggregates_compute() gives for them; %NULL when the rows did not come grouped by
 * customer and by day within one. */
ScAggregates *_sc_agg_follow_finish (ScAggFollow   *follow,
                                     const guint32 *customer,
                                     const ScDay   *day,
                                     const double  *amount,
                                     const guint32 *order,
                                     gsize          n_rows,
                                     guint32        n_customers);
/* Stops following at once (the rows may move after it). */
void          _sc_agg_follow_free   (ScAggFollow   *follow);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScAggFollow, _sc_agg_follow_free)

G_END_DECLS
