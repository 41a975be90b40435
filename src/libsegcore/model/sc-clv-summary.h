/* sc-clv-summary.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the buy-till-you-die models take: the per-customer summary and the fit options.
 * Below the models (sc-bgnbd.h, sc-gamma-gamma.h) and sc-clv.h, which include it. */

#pragma once

#include <gio/gio.h>

#include "sc-types.h"

G_BEGIN_DECLS

/**
 * ScClvSummary:
 * @n: number of customers (the @n_customers of the transactions it was made from)
 * @unit: the time unit of @t_x and @T
 * @end_day: the last day used, inclusive (the calibration end, the CLI's `--until`)
 * @included: whether the customer is in the model: %FALSE when the customer has no purchase
 *   day on or before @end_day
 * @x: repeat purchases: purchase days after the first one
 * @t_x: time from the first to the last purchase day
 * @T: time from the first purchase day to @end_day
 * @mean_spend: mean daily net amount of the repeat purchase days, 0 when @x is 0
 * @first_day: the first purchase day (meaningless when not @included)
 *
 * The per-customer summary the buy-till-you-die models work on.  Only rows with a day on or
 * before @end_day are used.  Rows of one customer and day are merged: the daily net amount
 * is the sum of that day's rows (returns are negative), and a purchase day is a day with an
 * order, that is a row whose amount is not negative, whatever the day's net amount (a free
 * order, or one returned the same day, is still a visit); a day with returns only is not.
 * @mean_spend can therefore be 0 or negative; the spend model leaves such customers out.
 * Times are in days, or in days / 7 for weeks, so a customer who first bought on @end_day
 * has @T = 0.  Rows with a non-finite amount are ignored.
 *
 * Every array holds @n values.  The arrays of excluded customers hold 0.
 */
typedef struct _ScClvSummary ScClvSummary;

struct _ScClvSummary
{
  gsize       n;
  ScTimeUnit  unit;
  ScDay       end_day;
  gboolean   *included;
  double     *x;
  double     *t_x;
  double     *T;
  double     *mean_spend;
  ScDay      *first_day;
};

double        sc_clv_time_unit_days     (ScTimeUnit            unit);

ScClvSummary *sc_clv_summary_new        (const ScTransactions *tx,
                                         ScDay                 end_day,
                                         ScTimeUnit            unit);
ScClvSummary *sc_clv_summary_new_empty  (gsize                 n,
                                         ScDay                 end_day,
                                         ScTimeUnit            unit);
void          sc_clv_summary_free       (ScClvSummary         *s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScClvSummary, sc_clv_summary_free)

/**
 * ScClvFitOptions:
 * @l2_penalty: weight of an L2 penalty on the logarithms of the shape parameters (r, a, b of
 *   BG/NBD; p, q of Gamma-Gamma), added to the mean negative log-likelihood per customer.
 *   It pulls those parameters towards 1 when the data hardly identify them.  0 (the
 *   default) gives the plain maximum-likelihood estimate.  The scale parameters (α, γ) are
 *   never penalised, so results do not depend on the time or money unit.
 */
typedef struct _ScClvFitOptions ScClvFitOptions;

struct _ScClvFitOptions
{
  double l2_penalty;
};

#define SC_CLV_FIT_OPTIONS_INIT { 0.0 }

G_END_DECLS
