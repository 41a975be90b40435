/* sc-bgnbd.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-clv-summary.h"
#include "sc-types.h"

G_BEGIN_DECLS

/**
 * ScBgnbdParams:
 * @r: shape of the gamma distribution of purchase rates
 * @alpha: scale of the gamma distribution of purchase rates, in the summary's time unit
 * @a: first shape of the beta distribution of the drop-out probability
 * @b: second shape of the beta distribution of the drop-out probability
 * @log_likelihood: log-likelihood of the fitted data at the estimate (without penalty)
 * @customers: customers in the fit
 * @distinct: distinct (x, t_x, T) triples, the number of likelihood terms evaluated
 * @converged: %TRUE when the optimiser reached a stationary point away from the parameter
 *   bounds; %FALSE means the estimate is the best point found but may not be a maximum
 *   (for example when the data push a or b towards infinity)
 * @iterations: quasi-Newton iterations of the final run on all the data
 * @starts: starting points tried
 * @at_bound: %TRUE when a parameter ended on the box of the optimiser (e^±15 on the scale
 *   the fit works on): the data push it towards 0 or infinity
 * @log_se: standard errors of log r, log α, log a and log b from the observed information;
 *   NAN when the information matrix is not positive definite
 *
 * BG/NBD parameters (Fader, Hardie & Lee 2005).  Fill the first four fields by hand to use
 * published values with the prediction functions.
 */
typedef struct
{
  double   r;
  double   alpha;
  double   a;
  double   b;
  double   log_likelihood;
  gsize    customers;
  gsize    distinct;
  gboolean converged;
  guint    iterations;
  guint    starts;
  gboolean at_bound;
  double   log_se[4];
} ScBgnbdParams;

gboolean sc_bgnbd_fit                (const ScClvSummary    *s,
                                      const ScClvFitOptions *options,
                                      ScBgnbdParams         *out,
                                      GCancellable          *cancellable,
                                      GError               **error);
double   sc_bgnbd_log_likelihood     (const ScBgnbdParams   *p,
                                      double                 x,
                                      double                 t_x,
                                      double                 T);
double   sc_bgnbd_expected_purchases (const ScBgnbdParams   *p,
                                      double                 t);
double   sc_bgnbd_conditional_expected_purchases (const ScBgnbdParams *p,
                                                  double               t,
                                                  double               x,
                                                  double               t_x,
                                                  double               T);
double   sc_bgnbd_p_alive            (const ScBgnbdParams   *p,
                                      double                 x,
                                      double                 t_x,
                                      double                 T);

G_END_DECLS
