/* sc-pushdown.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A project whose orders stay in a database (issue 22) keeps, instead of the order rows,
 * what the server computed per customer: the aggregates (sc-aggregates.h) and the few
 * figures the value model and snapshots otherwise read from rows.  Those figures are valid
 * for the windows below, counted back from the last day of the data. */

#pragma once

#include "sc-store.h"

G_BEGIN_DECLS

/* The default horizon of the value model (ScPotentialParams) and the snapshots' window
 * (SC_SNAPSHOT_WINDOW_DAYS); both files check that they agree. */
#define SC_PUSHDOWN_VALUE_MONTHS 12
#define SC_PUSHDOWN_RECENT_DAYS 90

/**
 * ScPushdown:
 * @n: customers
 * @last_day: the last day of any order row
 * @repeat_spend: net spend of the purchase days after the first (as #ScClvSummary)
 * @value: net spend of the days after @last_day − the value window; NAN without rows
 * @recent_monetary: net spend of the %SC_PUSHDOWN_RECENT_DAYS days up to @last_day
 * @recent_orders: orders in those days
 */
typedef struct
{
  guint32  n;
  ScDay    last_day;
  double  *repeat_spend;
  double  *value;
  double  *recent_monetary;
  guint32 *recent_orders;
} ScPushdown;

double      _sc_pushdown_value_window_days (void);
void        _sc_pushdown_free     (ScPushdown  *pd);
gboolean    _sc_pushdown_save     (ScStore          *store,
                                   const ScPushdown *pd,
                                   guint64           n_rows,
                                   GError          **error);
/* The last day of the server's rows; SC_DAY_NONE when the project keeps its order rows. */
gboolean    _sc_pushdown_get_last_day (ScStore  *store,
                                       ScDay    *last_day,
                                       GError  **error);
/* Only the recent window's figures, into the caller's arrays of @n customers. */
gboolean    _sc_pushdown_load_recent (ScStore   *store,
                                      guint32    n,
                                      double    *monetary,
                                      guint32   *orders,
                                      GError   **error);
/* %NULL without an error when the project keeps its order rows. */
ScPushdown *_sc_pushdown_load     (ScStore     *store,
                                   GError     **error);
gboolean    _sc_pushdown_is_active (ScStore   *store);
/* Forgets the server's figures: the project keeps its rows from now on. */
gboolean    _sc_pushdown_clear    (ScStore     *store,
                                   GError     **error);
/* Order rows: stored ones, or the rows the server summed. */
guint64     _sc_pushdown_get_n_rows (ScStore   *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPushdown, _sc_pushdown_free)

G_END_DECLS
