/* sc-gamma-gamma.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Gamma-Gamma (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999): the spend
 * model of the customer-value estimate, fitted by maximum likelihood on the repeat buyers.
 * The likelihood needs one log per customer; the rest is summed per distinct x. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-clv-summary-private.h"
#include "sc-gamma-gamma.h"
#include "sc-optim.h"

#define MIN_GG_CUSTOMERS 10

/* {{{ Gamma-Gamma */

typedef struct
{
  ScClvLikelihood lik;  /* first: the shared fit reads it */
  guint    n_x;
  double  *xv;
  double  *wx;
  double  *slogm_x;    /* Σ log m per distinct x */
  double  *xlogx;
  gsize    n;
  guint32 *ix;
  double  *spend;      /* scaled total repeat spend m x */
  double   sum_logm;

  double  *pxq;        /* p x + q, per evaluation */
  double   gam;
  double   partial[2][4];
} GgData;

static void
gg_data_free (GgData *d)
{
  if (d == NULL)
    return;
  g_free (d->xv);
  g_free (d->wx);
  g_free (d->slogm_x);
  g_free (d->xlogx);
  g_free (d->ix);
  g_free (d->spend);
  g_free (d->pxq);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GgData, gg_data_free)

static inline gboolean
gg_usable (const ScClvSummary *s,
           gsize               i)
{
  return s->included[i] && s->x[i] > 0 && isfinite (s->mean_spend[i]) && s->mean_spend[i] > 0;
}

static GgData *
gg_data_new (const ScClvSummary *s,
             double              mu,
             guint64             threshold,
             double              penalty)
{
  GgData *d = g_new0 (GgData, 1);
  ScDoubleIndex xs;
  gsize cap = 0;

  for (gsize i = 0; i < s->n; i++)
    if (gg_usable (s, i) && _sc_clv_in_sample (i, threshold))
      cap++;

  _sc_double_index_init (&xs, 256);
  d->ix = g_new (guint32, MAX (cap, 1));
  d->spend = g_new (double, MAX (cap, 1));
  for (gsize i = 0; i < s->n; i++)
    {
      if (!gg_usable (s, i) || !_sc_clv_in_sample (i, threshold))
        continue;
      d->ix[d->n] = _sc_double_index_add (&xs, s->x[i]);
      d->spend[d->n] = s->mean_spend[i] / mu * s->x[i];
      d->n++;
    }
  d->xv = _sc_double_index_steal (&xs, &d->n_x);

  d->wx = g_new0 (double, MAX (d->n_x, 1));
  d->slogm_x = g_new0 (double, MAX (d->n_x, 1));
  d->xlogx = g_new (double, MAX (d->n_x, 1));
  d->pxq = g_new (double, MAX (d->n_x, 1));
  for (gsize i = 0; i < d->n; i++)
    {
      double logm = log (d->spend[i] / d->xv[d->ix[i]]);

      d->wx[d->ix[i]] += 1.0;
      d->slogm_x[d->ix[i]] += logm;
      d->sum_logm += logm;
    }
  for (guint j = 0; j < d->n_x; j++)
    d->xlogx[j] = d->xv[j] * log (d->xv[j]);
  d->lik.total_w = (double) d->n;
  d->lik.penalty = penalty;
  return d;
}

static void
gg_range (gpointer user_data,
          gsize    begin,
          gsize    end,
          guint    part)
{
  GgData *d = user_data;
  double f = 0.0, gp = 0.0, gq = 0.0, gg = 0.0;

  for (gsize i = begin; i < end; i++)
    {
      guint32 j = d->ix[i];
      double pxq = d->pxq[j];
      double den = d->gam + d->spend[i];
      double l = log (den);

      f -= pxq * l;
      gp -= d->xv[j] * l;
      gq -= l;
      gg -= pxq / den;
    }

  d->partial[part][0] = f;
  d->partial[part][1] = gp;
  d->partial[part][2] = gq;
  d->partial[part][3] = gg;
}

/* Mean negative log-likelihood (plus penalty) at θ = log (p, q, γ), with its gradient. */
static double
gg_objective (gpointer      user_data,
              const double *theta,
              double       *grad)
{
  GgData *d = user_data;
  double p = exp (theta[0]), q = exp (theta[1]), gam = exp (theta[2]);
  double lg_q = _sc_lgamma (q), ps_q = _sc_digamma (q);
  double ll = -d->sum_logm, g[3] = { 0.0, 0.0, 0.0 };

  for (guint j = 0; j < d->n_x; j++)
    {
      double x = d->xv[j], w = d->wx[j];
      double px = p * x, pxq = px + q;
      double ps_pxq = _sc_digamma (pxq);

      d->pxq[j] = pxq;
      ll += w * (_sc_lgamma (pxq) - _sc_lgamma (px) - lg_q + q * theta[2] + p * d->xlogx[j])
            + px * d->slogm_x[j];
      g[0] += w * x * (ps_pxq - _sc_digamma (px)) + w * d->xlogx[j] + x * d->slogm_x[j];
      g[1] += w * (ps_pxq - ps_q + theta[2]);
      g[2] += w * q / gam;
    }

  d->gam = gam;
  _sc_clv_run_two_parts (d->n, _SC_CLV_PARALLEL_MIN, gg_range, d);
  for (guint k = 0; k < 2; k++)
    {
      ll += d->partial[k][0];
      g[0] += d->partial[k][1];
      g[1] += d->partial[k][2];
      g[2] += d->partial[k][3];
    }

  /* The penalty pulls the shapes p and q, not the scale γ. */
  return _sc_clv_objective_end (&d->lik, ll, g, theta, 3, 1u << 0 | 1u << 1, grad);
}

/**
 * sc_gamma_gamma_log_likelihood:
 * @p: Gamma-Gamma parameters
 * @x: repeat purchases, at least 1
 * @mean_spend: mean spend of the repeat purchases, positive
 *
 * Returns: the log-likelihood of one customer's mean spend, NAN for invalid arguments
 */
double
sc_gamma_gamma_log_likelihood (const ScGammaGammaParams *p,
                               double                    x,
                               double                    mean_spend)
{
  double px;

  g_return_val_if_fail (p != NULL, NAN);

  if (!(p->p > 0 && p->q > 0 && p->gamma > 0) || !(x >= 1) || !isfinite (x)
      || !(mean_spend > 0) || !isfinite (mean_spend))
    return NAN;

  px = p->p * x;
  return _sc_lgamma (px + p->q) - _sc_lgamma (px) - _sc_lgamma (p->q) + p->q * log (p->gamma)
         + (px - 1.0) * log (mean_spend) + px * log (x)
         - (px + p->q) * log (p->gamma + mean_spend * x);
}

/**
 * sc_gamma_gamma_fit:
 * @s: a summary
 * @options: (nullable): fit options, %NULL for the defaults
 * @out: (out caller-allocates): the estimate
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fits the Gamma-Gamma spend model by maximum likelihood to the included repeat buyers of
 * @s whose mean spend is positive; the others are counted in @out->excluded.  Also reports
 * the correlation of frequency and spend, the model's independence assumption.  Uses up to
 * two threads.
 *
 * Returns: %TRUE on success; %FALSE with @error set when fewer than 10 customers can be
 *   used, or when cancelled
 */
gboolean
sc_gamma_gamma_fit (const ScClvSummary       *s,
                    const ScClvFitOptions    *options,
                    ScGammaGammaParams       *out,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  static const double shape_starts[][3] = {
    /* p, q, γ / mean spend: each start has the observed mean spend p γ / (q - 1) */
    { 1.0, 2.0, 1.0 },
    { 2.0, 3.0, 1.0 },
    { 5.0, 4.0, 0.6 },
    { 0.5, 1.5, 1.0 },
  };
  static const ScClvModel model = {
    gg_objective, 3,
    N_("The spend model could not be fitted: the likelihood could not be evaluated for these "
       "data"),
  };
  double starts[G_N_ELEMENTS (shape_starts) * 3];
  g_autoptr(GgData) full = NULL;
  g_autoptr(GgData) sample = NULL;
  gsize usable = 0, excluded = 0;
  double sum_m = 0.0, sum_x = 0.0, mu, mean_x, sxx = 0.0, smm = 0.0, sxm = 0.0;
  double penalty;
  guint64 threshold;
  ScClvFit fit;

  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (out, 0, sizeof *out);
  for (gsize i = 0; i < s->n; i++)
    {
      if (!s->included[i] || !(s->x[i] > 0))
        continue;
      if (!isfinite (s->x[i]) || s->x[i] != floor (s->x[i]))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("Customer %" "zu" " has an impossible number of repeat "
                         "purchases (%g)"), i, s->x[i]);
          return FALSE;
        }
      if (gg_usable (s, i))
        {
          usable++;
          sum_m += s->mean_spend[i];
          sum_x += s->x[i];
        }
      else
        excluded++;
    }

  if (usable < MIN_GG_CUSTOMERS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_FIT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Only %" "zu" " repeat buyer with positive spend: the "
                                "spend model needs at least %d",
                                "Only %" "zu" " repeat buyers with positive spend: the "
                                "spend model needs at least %d",
                                usable),
                   usable, MIN_GG_CUSTOMERS);
      return FALSE;
    }

  mu = sum_m / (double) usable;
  mean_x = sum_x / (double) usable;
  for (gsize i = 0; i < s->n; i++)
    {
      double dx, dm;

      if (!gg_usable (s, i))
        continue;
      dx = s->x[i] - mean_x;
      dm = s->mean_spend[i] - mu;
      sxx += dx * dx;
      smm += dm * dm;
      sxm += dx * dm;
    }

  penalty = options != NULL ? MAX (options->l2_penalty, 0.0) : 0.0;
  full = gg_data_new (s, mu, G_MAXUINT64, penalty);
  threshold = _sc_clv_sample_threshold (usable);
  if (threshold != G_MAXUINT64)
    {
      sample = gg_data_new (s, mu, threshold, penalty);
      if (sample->n < MIN_GG_CUSTOMERS)
        g_clear_pointer (&sample, gg_data_free);
    }

  for (guint k = 0; k < G_N_ELEMENTS (shape_starts); k++)
    for (guint j = 0; j < 3; j++)
      starts[3 * k + j] = log (shape_starts[k][j]);

  if (!_sc_clv_fit (&model, sample != NULL ? &sample->lik : NULL, &full->lik, starts,
                    G_N_ELEMENTS (shape_starts), &fit, cancellable, error))
    return FALSE;

  out->p = exp (fit.theta[0]);
  out->q = exp (fit.theta[1]);
  out->gamma = exp (fit.theta[2]) * mu;
  /* Back in the caller's currency unit. */
  out->log_likelihood = fit.log_likelihood - (double) usable * log (mu);
  out->customers = usable;
  out->excluded = excluded;
  out->frequency_spend_correlation = sxx > 0 && smm > 0 ? sxm / sqrt (sxx * smm) : 0.0;
  out->converged = fit.converged;
  out->iterations = fit.iterations;
  out->starts = fit.starts;
  out->at_bound = fit.at_bound;
  memcpy (out->log_se, fit.log_se, sizeof out->log_se);
  return TRUE;
}

static double
gg_population_mean (const ScGammaGammaParams *p)
{
  return p->q > 1.0 ? p->p * p->gamma / (p->q - 1.0) : NAN;
}

/**
 * sc_gamma_gamma_expected_spend:
 * @p: Gamma-Gamma parameters
 * @x: repeat purchases
 * @mean_spend: mean spend of the repeat purchases
 *
 * The expected spend per purchase of a customer: a weighted mean of the population mean
 * p γ / (q - 1) and the customer's own mean, weighted by @x.  Customers without usable spend
 * history (@x = 0, or a mean spend that is not positive) get the population mean.
 *
 * Returns: the expected spend per purchase; NAN when it is infinite (q <= 1 and no usable
 *   history) or the parameters are invalid
 */
double
sc_gamma_gamma_expected_spend (const ScGammaGammaParams *p,
                               double                    x,
                               double                    mean_spend)
{
  double px;

  g_return_val_if_fail (p != NULL, NAN);

  if (!(p->p > 0 && p->q > 0 && p->gamma > 0))
    return NAN;
  if (!(x > 0) || !isfinite (x) || !(mean_spend > 0) || !isfinite (mean_spend))
    return gg_population_mean (p);

  px = p->p * x;
  if (!(px + p->q > 1.0))
    return NAN;
  return p->p * (p->gamma + mean_spend * x) / (px + p->q - 1.0);
}

/* }}} */
