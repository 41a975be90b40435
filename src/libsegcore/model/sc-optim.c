/* sc-optim.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The numerical minimiser of the customer-value models: BFGS with an analytic gradient on
 * log-parameters inside a box, and a multi-start driver that runs the starts on a sample
 * of customers and finishes the best one on all of them (see sc-clv.c for why that gives
 * the estimate of all the data). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-optim.h"

#define MAX_DIM          SC_OPTIM_MAX_DIM
#define LOG_BOUND        SC_OPTIM_LOG_BOUND
/* Gradient tolerance on the mean negative log-likelihood per customer, per log-parameter. */
#define GRAD_TOL         1e-7
#define MAX_ITERATIONS   400

static void
hinv_identity (double *h,
               guint   dim,
               double  scale)
{
  for (guint i = 0; i < dim; i++)
    for (guint j = 0; j < dim; j++)
      h[i * dim + j] = i == j ? scale : 0.0;
}

/* Minimises @fn from @theta (updated in place).  @hinv is the inverse-Hessian approximation,
 * used as given when @have_hinv and left with the final approximation.  Returns FALSE only
 * when cancelled. */
static gboolean
bfgs_minimize (ScObjectiveFunc  fn,
               gpointer         data,
               guint            dim,
               double          *theta,
               double          *hinv,
               gboolean         have_hinv,
               GCancellable    *cancellable,
               ScOptimResult   *res,
               GError         **error)
{
  double g[MAX_DIM], d[MAX_DIM], trial[MAX_DIM], gt[MAX_DIM], s[MAX_DIM], y[MAX_DIM];
  double f;
  gboolean identity = !have_hinv;
  gboolean scaled = have_hinv;
  guint stall = 0;
  guint it;

  g_assert (dim <= MAX_DIM);

  res->converged = FALSE;
  res->iterations = 0;
  if (!have_hinv)
    hinv_identity (hinv, dim, 1.0);

  f = fn (data, theta, g);
  if (!isfinite (f))
    {
      res->f = INFINITY;
      return TRUE;
    }

  for (it = 0; it < MAX_ITERATIONS; it++)
    {
      double gmax = 0.0, slope = 0.0, dmax = 0.0, step, ft = INFINITY;
      gboolean accepted = FALSE;
      double sy = 0.0, yy = 0.0, ss = 0.0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      for (guint i = 0; i < dim; i++)
        gmax = MAX (gmax, fabs (g[i]));
      if (gmax < GRAD_TOL)
        {
          res->converged = TRUE;
          break;
        }

      for (guint i = 0; i < dim; i++)
        {
          d[i] = 0.0;
          for (guint j = 0; j < dim; j++)
            d[i] -= hinv[i * dim + j] * g[j];
          slope += d[i] * g[i];
        }
      if (!(slope < 0.0))
        {
          hinv_identity (hinv, dim, 1.0);
          identity = TRUE;
          scaled = FALSE;
          for (guint i = 0; i < dim; i++)
            d[i] = -g[i];
        }

      /* A log-parameter never usefully moves by more than 2 in one step; longer steps only
       * reach regions where lgamma loses precision. */
      for (guint i = 0; i < dim; i++)
        dmax = MAX (dmax, fabs (d[i]));
      step = dmax > 2.0 ? 2.0 / dmax : 1.0;

      for (guint ls = 0; ls < 60; ls++)
        {
          double sg = 0.0;
          gboolean moved = FALSE;

          for (guint i = 0; i < dim; i++)
            {
              trial[i] = CLAMP (theta[i] + step * d[i], -LOG_BOUND, LOG_BOUND);
              s[i] = trial[i] - theta[i];
              sg += s[i] * g[i];
              moved |= s[i] != 0.0;
            }
          if (!moved || !(sg < 0.0))
            break;

          ft = fn (data, trial, gt);
          if (isfinite (ft) && ft <= f + 1e-4 * sg)
            {
              accepted = TRUE;
              break;
            }

          if (isfinite (ft))
            {
              /* Minimum of the quadratic through f, its slope and ft, kept within reason. */
              double t = -sg / (2.0 * (ft - f - sg));
              step *= CLAMP (t, 0.1, 0.5);
            }
          else
            step *= 0.25;
        }

      if (!accepted)
        {
          if (!identity)
            {
              hinv_identity (hinv, dim, 1.0);
              identity = TRUE;
              scaled = FALSE;
              continue;
            }
          /* No descent left: a minimum up to rounding, or a bound. */
          res->converged = gmax < 1e-5;
          break;
        }

      for (guint i = 0; i < dim; i++)
        {
          y[i] = gt[i] - g[i];
          sy += s[i] * y[i];
          yy += y[i] * y[i];
          ss += s[i] * s[i];
        }

      /* Skip updates that would break positive definiteness (curvature condition fails). */
      if (sy > 1e-12 * sqrt (ss * yy))
        {
          double hy[MAX_DIM], yhy = 0.0, rho = 1.0 / sy;

          if (!scaled)
            {
              hinv_identity (hinv, dim, sy / yy);
              scaled = TRUE;
            }
          for (guint i = 0; i < dim; i++)
            {
              hy[i] = 0.0;
              for (guint j = 0; j < dim; j++)
                hy[i] += hinv[i * dim + j] * y[j];
              yhy += y[i] * hy[i];
            }
          for (guint i = 0; i < dim; i++)
            for (guint j = 0; j < dim; j++)
              hinv[i * dim + j] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                                   + (rho * rho * yhy + rho) * s[i] * s[j];
          identity = FALSE;
        }

      if (f - ft <= 1e-15 * MAX (1.0, fabs (f)))
        stall++;
      else
        stall = 0;

      memcpy (theta, trial, dim * sizeof (double));
      memcpy (g, gt, dim * sizeof (double));
      f = ft;

      if (stall >= 4)
        {
          gmax = 0.0;
          for (guint i = 0; i < dim; i++)
            gmax = MAX (gmax, fabs (g[i]));
          res->converged = gmax < 1e-5;
          it++;
          break;
        }
    }

  res->iterations = it;
  res->f = f;
  for (guint i = 0; i < dim; i++)
    if (fabs (theta[i]) >= LOG_BOUND - 1e-9)
      res->converged = FALSE;
  return TRUE;
}

/**
 * sc_optim_fit_log_params:
 * @fn: (scope call): the objective, a mean over customers so that sample and full data
 *   have comparable curvature
 * @sample_data: data of @fn for the starts: a sample, or all the data
 * @full_data: (nullable): all the data, to continue the best start on; %NULL when
 *   @sample_data is already all of it
 * @dim: number of parameters, at most %SC_OPTIM_MAX_DIM
 * @starts: (array): @n_starts starting points of @dim values each
 * @n_starts: number of starting points
 * @theta: (out caller-allocates) (array): the estimate
 * @res: (out caller-allocates): its objective and convergence
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Minimises @fn by BFGS within the box ±%SC_OPTIM_LOG_BOUND from each start on
 * @sample_data and, with @full_data, continues the best start on @full_data with its
 * inverse-Hessian approximation; if that run does not converge, every start is rerun on
 * @full_data.  A start whose objective cannot be evaluated is skipped: when none can,
 * @res->f is INFINITY.
 *
 * Returns: %FALSE only when cancelled
 */
gboolean
sc_optim_fit_log_params (ScObjectiveFunc   fn,
                         gpointer          sample_data,
                         gpointer          full_data,
                         guint             dim,
                         const double     *starts,
                         guint             n_starts,
                         double           *theta,
                         ScOptimResult    *res,
                         GCancellable     *cancellable,
                         GError          **error)
{
  double best_h[MAX_DIM * MAX_DIM];
  gboolean have_best = FALSE;

  res->f = INFINITY;
  res->converged = FALSE;
  res->iterations = 0;

  for (guint k = 0; k < n_starts; k++)
    {
      double th[MAX_DIM], h[MAX_DIM * MAX_DIM];
      ScOptimResult r;

      memcpy (th, starts + k * dim, dim * sizeof (double));
      if (!bfgs_minimize (fn, sample_data, dim, th, h, FALSE, cancellable, &r, error))
        return FALSE;

      /* Prefer a converged run when two reach the same value. */
      if (isfinite (r.f)
          && (!have_best || r.f < res->f - 1e-12 * fabs (res->f)
              || (r.f <= res->f + 1e-12 * fabs (res->f) && r.converged && !res->converged)))
        {
          have_best = TRUE;
          *res = r;
          memcpy (theta, th, dim * sizeof (double));
          memcpy (best_h, h, sizeof best_h);
        }
    }

  if (full_data == NULL || !have_best)
    return TRUE;

  {
    double th[MAX_DIM], polished[MAX_DIM];
    ScOptimResult r;

    memcpy (th, theta, dim * sizeof (double));
    if (!bfgs_minimize (fn, full_data, dim, th, best_h, TRUE, cancellable, &r, error))
      return FALSE;
    if (r.converged)
      {
        *res = r;
        memcpy (theta, th, dim * sizeof (double));
        return TRUE;
      }

    /* The sample misled us (rare: a flat or multi-modal likelihood); do it properly, but
     * keep the refined point if nothing beats it. */
    memcpy (polished, th, sizeof polished);
    if (!sc_optim_fit_log_params (fn, full_data, NULL, dim, starts, n_starts, theta, res,
                         cancellable, error))
      return FALSE;
    if (isfinite (r.f) && !(res->f <= r.f))
      {
        *res = r;
        memcpy (theta, polished, dim * sizeof (double));
      }
    return TRUE;
  }
}

/* Step of the central differences of the gradient, in log-parameters: small enough for the
 * curvature to be local, large enough that rounding in a mean over millions of customers
 * (about 1e-16 relative) stays far below the differences. */
#define HESSIAN_STEP 1e-4

/**
 * sc_optim_log_standard_errors:
 * @fn: (scope call): the objective that was minimised, a mean negative log-likelihood per
 *   customer without penalty
 * @data: the data of @fn: all of it
 * @dim: number of parameters, at most %SC_OPTIM_MAX_DIM
 * @theta: (array): the estimate
 * @n: the number of customers @fn is the mean over
 * @se: (out caller-allocates) (array): the standard error of each log-parameter
 *
 * Standard errors of the estimate from the observed information: the Hessian of @fn at
 * @theta, by central differences of its analytic gradient, times @n, inverted.  When that
 * matrix is not finite or not positive definite (a flat or saddle direction: the data do
 * not determine the parameters), every standard error is NAN.
 *
 * Returns: %TRUE when every standard error is finite
 */
gboolean
sc_optim_log_standard_errors (ScObjectiveFunc  fn,
                              gpointer         data,
                              guint            dim,
                              const double    *theta,
                              double           n,
                              double          *se)
{
  double h[MAX_DIM * MAX_DIM], l[MAX_DIM * MAX_DIM];

  g_return_val_if_fail (dim > 0 && dim <= MAX_DIM, FALSE);

  for (guint i = 0; i < dim; i++)
    se[i] = NAN;

  for (guint j = 0; j < dim; j++)
    {
      double up[MAX_DIM], down[MAX_DIM], g_up[MAX_DIM], g_down[MAX_DIM];

      memcpy (up, theta, dim * sizeof (double));
      memcpy (down, theta, dim * sizeof (double));
      up[j] += HESSIAN_STEP;
      down[j] -= HESSIAN_STEP;
      if (!isfinite (fn (data, up, g_up)) || !isfinite (fn (data, down, g_down)))
        return FALSE;
      for (guint i = 0; i < dim; i++)
        h[i * dim + j] = (g_up[i] - g_down[i]) / (2.0 * HESSIAN_STEP);
    }

  /* Cholesky of the symmetrised information n H = L Lᵀ. */
  for (guint i = 0; i < dim; i++)
    for (guint j = 0; j <= i; j++)
      {
        double sum = n * 0.5 * (h[i * dim + j] + h[j * dim + i]);

        for (guint k = 0; k < j; k++)
          sum -= l[i * dim + k] * l[j * dim + k];
        if (i == j)
          {
            if (!(sum > 0.0) || !isfinite (sum))
              return FALSE;
            l[i * dim + i] = sqrt (sum);
          }
        else
          l[i * dim + j] = sum / l[j * dim + j];
      }

  /* (n H)⁻¹ᵢᵢ = Σₖ (L⁻¹)ₖᵢ²: column i of L⁻¹ by forward substitution. */
  for (guint i = 0; i < dim; i++)
    {
      double col[MAX_DIM], var = 0.0;

      for (guint r = 0; r < dim; r++)
        {
          double sum = r == i ? 1.0 : 0.0;

          for (guint k = 0; k < r; k++)
            sum -= l[r * dim + k] * col[k];
          col[r] = sum / l[r * dim + r];
          var += col[r] * col[r];
        }
      se[i] = sqrt (var);
    }

  for (guint i = 0; i < dim; i++)
    if (!isfinite (se[i]))
      {
        for (guint k = 0; k < dim; k++)
          se[k] = NAN;
        return FALSE;
      }
  return TRUE;
}
