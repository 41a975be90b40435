/* sc-clv.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-bgnbd.h"
#include "sc-gamma-gamma.h"
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
 * is the sum of that day's rows (returns are negative), and a purchase day is a day whose
 * net amount is positive.  Times are in days, or in days / 7 for weeks, so a customer who
 * first bought on @end_day has @T = 0.  Rows with a non-finite amount are ignored.
 *
 * Every array holds @n values.  The arrays of excluded customers hold 0.
 */
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
struct _ScClvFitOptions
{
  double l2_penalty;
};

#define SC_CLV_FIT_OPTIONS_INIT { 0.0 }

double   sc_clv_expected_value (const ScBgnbdParams      *bg,
                                const ScGammaGammaParams *gg,
                                ScTimeUnit                unit,
                                double                    x,
                                double                    t_x,
                                double                    T,
                                double                    mean_spend,
                                guint                     horizon_months,
                                double                    annual_discount_rate);

gboolean sc_clv_predict        (const ScClvSummary       *s,
                                const ScBgnbdParams      *bg,
                                const ScGammaGammaParams *gg,
                                guint                     horizon_months,
                                double                    annual_discount_rate,
                                double                   *p_alive,
                                double                   *expected_purchases,
                                double                   *expected_spend,
                                double                   *clv,
                                GCancellable             *cancellable,
                                GError                  **error);

/* Groups of the holdout check: calibration x = 0, 1, …, 6 and "7 or more". */
#define SC_CLV_HOLDOUT_GROUPS 8

/**
 * ScClvHoldout:
 * @n_groups: %SC_CLV_HOLDOUT_GROUPS
 * @x_group: the calibration repeat purchases of each group; the last group (7) holds every
 *   customer with 7 or more
 * @customers: customers per group
 * @predicted: mean predicted repeat purchases in the holdout per customer of the group, NAN
 *   for an empty group
 * @actual: mean actual purchase days in the holdout per customer of the group, NAN for an
 *   empty group
 * @n_customers: customers in the check (those with a purchase in the calibration period)
 * @holdout_length: length of the holdout period in the time unit
 * @total_predicted: predicted purchases in the holdout, summed over all customers
 * @total_actual: actual purchase days in the holdout, summed over all customers
 * @mae: mean absolute error per customer, mean of |predicted - actual|
 * @total_ratio: @total_predicted / @total_actual, NAN when nobody bought in the holdout
 * @params: the BG/NBD parameters fitted on the calibration period
 *
 * Out-of-sample check of the purchase model: fitted on the calibration period, compared
 * with what the customers actually did afterwards.
 */
typedef struct
{
  guint         n_groups;
  guint        *x_group;
  gsize        *customers;
  double       *predicted;
  double       *actual;
  gsize         n_customers;
  double        holdout_length;
  double        total_predicted;
  double        total_actual;
  double        mae;
  double        total_ratio;
  ScBgnbdParams params;
} ScClvHoldout;

ScClvHoldout *sc_clv_holdout      (const ScTransactions  *tx,
                                   ScDay                  calibration_end,
                                   ScDay                  holdout_end,
                                   ScTimeUnit             unit,
                                   const ScClvFitOptions *options,
                                   GCancellable          *cancellable,
                                   GError               **error);
void          sc_clv_holdout_free (ScClvHoldout          *h);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScClvHoldout, sc_clv_holdout_free)

G_END_DECLS
