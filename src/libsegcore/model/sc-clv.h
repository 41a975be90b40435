/* sc-clv.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-bgnbd.h"
#include "sc-clv-summary.h"
#include "sc-gamma-gamma.h"
#include "sc-types.h"

G_BEGIN_DECLS

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
