/* sc-optim.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Parameters at most, and the box on each of them: e^±15 ≈ 3e-7 … 3e6 for log-parameters. */
#define SC_OPTIM_MAX_DIM   4
#define SC_OPTIM_LOG_BOUND 15.0

/**
 * ScObjectiveFunc:
 * @data: the data given to sc_optim_fit_log_params()
 * @theta: (array): the point, SC_OPTIM_MAX_DIM values at most
 * @grad: (out caller-allocates) (array): the gradient at @theta
 *
 * Returns: the objective at @theta; INFINITY where it cannot be evaluated
 */
typedef double (*ScObjectiveFunc) (gpointer      data,
                                   const double *theta,
                                   double       *grad);

/**
 * ScOptimResult:
 * @f: the objective at the estimate
 * @iterations: quasi-Newton iterations of the last run
 * @converged: whether the run reached a stationary point inside the box
 */
typedef struct
{
  double   f;
  guint    iterations;
  gboolean converged;
} ScOptimResult;

gboolean sc_optim_fit_log_params (ScObjectiveFunc   fn,
                                  gpointer          sample_data,
                                  gpointer          full_data,
                                  guint             dim,
                                  const double     *starts,
                                  guint             n_starts,
                                  double           *theta,
                                  ScOptimResult    *res,
                                  GCancellable     *cancellable,
                                  GError          **error);

gboolean sc_optim_log_standard_errors (ScObjectiveFunc  fn,
                                       gpointer         data,
                                       guint            dim,
                                       const double    *theta,
                                       double           n,
                                       double          *se);

G_END_DECLS
