/* sc-clv-summary-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the customer-value files share (sc-clv-summary.c defines it): the summary check,
 * the multi-start sample, the two-part parallel sums, and the fit and the objective's end both
 * models run.  Included by the models
 * (sc-bgnbd.c, sc-gamma-gamma.c) and by sc-clv.c above them. */

#pragma once

#include <math.h>

#include "sc-clv-index-private.h"
#include "sc-clv-summary.h"
#include "sc-optim.h"
#include "sc-parallel.h"

G_BEGIN_DECLS

/* Below this many likelihood terms, a second thread costs more than it saves. */
#define _SC_CLV_PARALLEL_MIN 32768
/* The fixed pseudo-random sample of customers the multi-start runs on. */
#define _SC_CLV_SAMPLE_SEED  G_GUINT64_CONSTANT (0x5c1f0a3e7d2b4c91)

static inline double
_sc_lgamma (double x)
{
  int sign;

  /* lgamma() writes the global signgam, a data race once predictions run on two threads. */
  return lgamma_r (x, &sign);
}

double   _sc_digamma           (double              x);

void     _sc_clv_run_two_parts (gsize               n,
                                gsize               min_parallel,
                                ScRangeFunc         fn,
                                gpointer            data);

gboolean _sc_clv_summary_check (const ScClvSummary *s,
                                gsize              *n_included,
                                gsize              *n_repeat,
                                double             *sum_x,
                                double             *sum_T,
                                GError            **error);

guint64  _sc_clv_sample_threshold (gsize n);

gboolean _sc_clv_next_purchase_day (const ScTransactions *tx,
                                    gsize                *row,
                                    gsize                 end,
                                    ScDay                 after,
                                    ScDay                 until,
                                    ScDay                *day,
                                    double               *net);

/* Whether customer @i belongs to the multi-start sample; @threshold = G_MAXUINT64 keeps all. */
static inline gboolean
_sc_clv_in_sample (gsize   i,
                   guint64 threshold)
{
  return threshold == G_MAXUINT64
         || _sc_mix64 ((guint64) i ^ _SC_CLV_SAMPLE_SEED) <= threshold;
}

/* What both models' data hold for the fit: the first member of BgData and GgData, so that
 * the shared fit can weigh the likelihood and evaluate it without the penalty. */
typedef struct
{
  double total_w;   /* the weight of all terms: customers */
  double penalty;   /* L2 on the log shape parameters; 0 for the plain likelihood */
} ScClvLikelihood;

/* A model as the shared fit drives it: its objective (data: the model's data, which starts
 * with an ScClvLikelihood) in @dim log-parameters, and the message when no start could
 * evaluate the likelihood. */
typedef struct
{
  ScObjectiveFunc fn;
  guint           dim;
  const char     *unfit_message;
} ScClvModel;

/* What a fit found, as both models' parameter structs report it. */
typedef struct
{
  double   theta[SC_OPTIM_MAX_DIM];   /* the log-parameters */
  double   log_likelihood;            /* at theta, without penalty, in the model's units */
  gboolean converged;
  guint    iterations;
  guint    starts;
  gboolean at_bound;                  /* a log-parameter at the optimiser's bound */
  double   log_se[SC_OPTIM_MAX_DIM];
} ScClvFit;

/* Fits a model's log-parameters from @starts on @sample (or on @full when there is no
 * sample), continued on @full; then measures the plain likelihood, the bounds and the
 * standard errors on @full, whose penalty it sets to 0.  Fails with the model's message
 * when no start could evaluate the likelihood. */
static inline gboolean
_sc_clv_fit (const ScClvModel  *model,
             ScClvLikelihood   *sample,
             ScClvLikelihood   *full,
             const double      *starts,
             guint              n_starts,
             ScClvFit          *fit,
             GCancellable      *cancellable,
             GError           **error)
{
  double grad[SC_OPTIM_MAX_DIM], f0;
  ScOptimResult res;

  g_assert (model->dim <= SC_OPTIM_MAX_DIM);

  *fit = (ScClvFit) { 0 };
  if (!sc_optim_fit_log_params (model->fn, sample != NULL ? sample : full,
                                sample != NULL ? full : NULL, model->dim, starts, n_starts,
                                fit->theta, &res, cancellable, error))
    return FALSE;
  if (!isfinite (res.f))
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_FIT,
                           g_dgettext (GETTEXT_PACKAGE, model->unfit_message));
      return FALSE;
    }

  full->penalty = 0.0;
  f0 = model->fn (full, fit->theta, grad);
  fit->log_likelihood = -f0 * full->total_w;
  fit->converged = res.converged;
  fit->iterations = res.iterations;
  fit->starts = n_starts;
  for (guint k = 0; k < model->dim; k++)
    fit->at_bound |= fabs (fit->theta[k]) >= SC_OPTIM_LOG_BOUND - 1e-6;
  sc_optim_log_standard_errors (model->fn, full, model->dim, fit->theta, full->total_w,
                                fit->log_se);
  return TRUE;
}

/* The end both objectives share: the mean negative log-likelihood from the log-likelihood
 * @ll, and its gradient in θ = log (parameters) from @g, the gradient in the parameters;
 * plus the penalty on θ_k for each bit k of @penalised.  INFINITY where anything is not
 * finite. */
static inline double
_sc_clv_objective_end (const ScClvLikelihood *lik,
                       double                 ll,
                       const double          *g,
                       const double          *theta,
                       guint                  dim,
                       guint                  penalised,
                       double                *grad)
{
  double f = -ll / lik->total_w;

  for (guint k = 0; k < dim; k++)
    grad[k] = -g[k] * exp (theta[k]) / lik->total_w;

  if (lik->penalty > 0.0)
    for (guint k = 0; k < dim; k++)
      if (penalised & (1u << k))
        {
          f += lik->penalty * theta[k] * theta[k];
          grad[k] += 2.0 * lik->penalty * theta[k];
        }

  if (!isfinite (f))
    return INFINITY;
  for (guint k = 0; k < dim; k++)
    if (!isfinite (grad[k]))
      return INFINITY;
  return f;
}

/* Whether (x, t_x, T) can be a customer's history. */
static inline gboolean
_sc_clv_history_valid (double x,
                       double t_x,
                       double T)
{
  return x >= 0 && isfinite (x) && T >= 0 && isfinite (T) && (x == 0 || (t_x >= 0 && t_x <= T));
}

G_END_DECLS
