/* sc-gamma-gamma.h
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
 * ScGammaGammaParams:
 * @p: shape of the gamma distribution of a customer's spend per purchase
 * @q: shape of the gamma distribution of the customers' spend scales
 * @gamma: scale of the gamma distribution of the spend scales, in money
 * @log_likelihood: log-likelihood of the fitted data at the estimate (without penalty)
 * @customers: repeat buyers in the fit (x > 0, mean spend > 0)
 * @excluded: repeat buyers left out because their mean spend is zero, negative or not finite
 * @frequency_spend_correlation: Pearson correlation of x and mean spend over the fitted
 *   customers.  The model assumes spend does not depend on frequency; a value far from 0
 *   (say beyond ±0.3) means its spend predictions deserve less trust.
 * @converged: as in #ScBgnbdParams
 * @iterations: quasi-Newton iterations of the final run on all the data
 * @starts: starting points tried
 * @at_bound: as in #ScBgnbdParams
 * @log_se: standard errors of log p, log q and log γ, as in #ScBgnbdParams
 *
 * Gamma-Gamma spend model parameters (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo &
 * Jiang 1999).  The population mean spend per purchase is p γ / (q - 1) when q > 1.
 */
typedef struct
{
  double   p;
  double   q;
  double   gamma;
  double   log_likelihood;
  gsize    customers;
  gsize    excluded;
  double   frequency_spend_correlation;
  gboolean converged;
  guint    iterations;
  guint    starts;
  gboolean at_bound;
  double   log_se[3];
} ScGammaGammaParams;

gboolean sc_gamma_gamma_fit            (const ScClvSummary       *s,
                                        const ScClvFitOptions    *options,
                                        ScGammaGammaParams       *out,
                                        GCancellable             *cancellable,
                                        GError                  **error);
double   sc_gamma_gamma_log_likelihood (const ScGammaGammaParams *p,
                                        double                    x,
                                        double                    mean_spend);
double   sc_gamma_gamma_expected_spend (const ScGammaGammaParams *p,
                                        double                    x,
                                        double                    mean_spend);

G_END_DECLS
