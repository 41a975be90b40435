/* sc-bgnbd.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* BG/NBD (Fader, Hardie & Lee 2005): the purchase model of the customer-value estimate.
 * Its likelihood depends on a customer only through (x, t_x, T), so the sum runs over
 * distinct triples with weights; the terms that depend on x alone (all the lgamma/digamma
 * work) are summed over distinct x, and log(α + t) over distinct times; what is left per
 * triple is one exp and one log1p.  Predictions need the Gauss hypergeometric function of
 * the papers, computed as described in sc-clv.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-bgnbd-private.h"
#include "sc-clv-summary-private.h"
#include "sc-optim.h"

#define MIN_CUSTOMERS    10
#define SERIES_MAX_TERMS 5000

/* {{{ BG/NBD likelihood */

typedef struct
{
  guint32 ix;
  guint32 it_x;
  guint32 iT;
  guint32 weight;
} BgTriple;

typedef struct
{
  ScClvLikelihood lik;  /* first: the shared fit reads it */
  guint     n_x;
  double   *xv;         /* distinct x */
  double   *wx;         /* customers per distinct x */
  guint     n_t;
  double   *tv;         /* distinct scaled times, t_x and T alike */
  gsize     n_tri;
  gsize     n_zero;     /* the x = 0 triples come first */
  BgTriple *tri;

  /* Per-evaluation tables, written before the parallel part and only read inside it. */
  double   *k_x;        /* r + x */
  double   *c4_x;       /* log a - log (b + x - 1) */
  double   *ib_x;       /* 1 / (b + x - 1) */
  double   *lt;         /* log (α + t) */
  double   *it;         /* 1 / (α + t) */
  double    partial[2][5];
} BgData;

static void
bg_data_free (BgData *d)
{
  if (d == NULL)
    return;
  g_free (d->xv);
  g_free (d->wx);
  g_free (d->tv);
  g_free (d->tri);
  g_free (d->k_x);
  g_free (d->c4_x);
  g_free (d->ib_x);
  g_free (d->lt);
  g_free (d->it);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BgData, bg_data_free)

/* Compresses the included customers of @s that are in the sample into weighted distinct
 * (x, t_x, T) triples, with times divided by @tau. */
static BgData *
bg_data_new (const ScClvSummary *s,
             double              tau,
             guint64             threshold,
             double              penalty)
{
  BgData *d = g_new0 (BgData, 1);
  ScDoubleIndex xs, ts;
  ScKey3Index tri;
  gsize zero = 0;

  _sc_double_index_init (&xs, 256);
  _sc_double_index_init (&ts, 4096);
  _sc_key3_index_init (&tri);

  for (gsize i = 0; i < s->n; i++)
    {
      if (!s->included[i] || !_sc_clv_in_sample (i, threshold))
        continue;
      _sc_key3_index_add (&tri,
                      _sc_double_index_add (&xs, s->x[i]),
                      _sc_double_index_add (&ts, s->x[i] > 0 ? s->t_x[i] : 0.0),
                      _sc_double_index_add (&ts, s->T[i]));
    }

  d->xv = _sc_double_index_steal (&xs, &d->n_x);
  d->tv = _sc_double_index_steal (&ts, &d->n_t);
  for (guint j = 0; j < d->n_t; j++)
    d->tv[j] /= tau;

  /* x = 0 triples first: their term needs no log-sum-exp. */
  d->n_tri = tri.n;
  d->tri = g_new (BgTriple, MAX (tri.n, 1));
  for (guint pass = 0; pass < 2; pass++)
    {
      for (gsize j = 0; j < tri.n; j++)
        {
          const guint32 *k = tri.keys + 3 * j;

          if ((d->xv[k[0]] == 0.0) == (pass == 0))
            {
              BgTriple *out = &d->tri[zero++];

              out->ix = k[0];
              out->it_x = k[1];
              out->iT = k[2];
              out->weight = tri.count[j];
            }
        }
      if (pass == 0)
        d->n_zero = zero;
    }
  _sc_key3_index_clear (&tri);

  d->wx = g_new0 (double, MAX (d->n_x, 1));
  for (gsize j = 0; j < d->n_tri; j++)
    {
      d->wx[d->tri[j].ix] += d->tri[j].weight;
      d->lik.total_w += d->tri[j].weight;
    }

  d->lik.penalty = penalty;
  d->k_x = g_new (double, MAX (d->n_x, 1));
  d->c4_x = g_new (double, MAX (d->n_x, 1));
  d->ib_x = g_new (double, MAX (d->n_x, 1));
  d->lt = g_new (double, MAX (d->n_t, 1));
  d->it = g_new (double, MAX (d->n_t, 1));
  return d;
}

static void
bg_range (gpointer user_data,
          gsize    begin,
          gsize    end,
          guint    part)
{
  BgData *d = user_data;
  const BgTriple *tri = d->tri + d->n_zero;
  double f = 0.0, gr = 0.0, gal = 0.0, ga = 0.0, gb = 0.0;

  for (gsize i = begin; i < end; i++)
    {
      const BgTriple *t = &tri[i];
      double w = t->weight;
      double k = d->k_x[t->ix];
      double lT = d->lt[t->iT];
      double ltx = d->lt[t->it_x];
      double A3 = -k * lT;
      double A4 = d->c4_x[t->ix] - k * ltx;
      double diff = A4 - A3;
      double e = exp (-fabs (diff));
      double big = 1.0 / (1.0 + e);
      double w4 = diff > 0 ? big : e * big;
      double w3 = diff > 0 ? e * big : big;

      f += w * (MAX (A3, A4) + log1p (e));
      gr -= w * (w3 * lT + w4 * ltx);
      gal -= w * k * (w3 * d->it[t->iT] + w4 * d->it[t->it_x]);
      ga += w * w4;
      gb -= w * w4 * d->ib_x[t->ix];
    }

  d->partial[part][0] = f;
  d->partial[part][1] = gr;
  d->partial[part][2] = gal;
  d->partial[part][3] = ga;
  d->partial[part][4] = gb;
}

/* Mean negative log-likelihood per customer (plus penalty) at log-parameters
 * θ = log (r, α, a, b), with its gradient in θ. */
static double
bg_objective (gpointer      user_data,
              const double *theta,
              double       *grad)
{
  BgData *d = user_data;
  double r = exp (theta[0]), al = exp (theta[1]), a = exp (theta[2]), b = exp (theta[3]);
  double log_al = theta[1], log_a = theta[2];
  double lg_r = _sc_lgamma (r), lg_ab = _sc_lgamma (a + b), lg_b = _sc_lgamma (b);
  double ps_r = _sc_digamma (r), ps_ab = _sc_digamma (a + b), ps_b = _sc_digamma (b);
  double ll = 0.0, g[4] = { 0.0, 0.0, 0.0, 0.0 };

  for (guint j = 0; j < d->n_t; j++)
    {
      d->lt[j] = log (al + d->tv[j]);
      d->it[j] = 1.0 / (al + d->tv[j]);
    }

  for (guint j = 0; j < d->n_x; j++)
    {
      double x = d->xv[j], w = d->wx[j];
      double ps_abx = _sc_digamma (a + b + x);

      d->k_x[j] = r + x;
      if (x > 0)
        {
          d->c4_x[j] = log_a - log (b + x - 1.0);
          d->ib_x[j] = 1.0 / (b + x - 1.0);
        }
      else
        {
          d->c4_x[j] = -INFINITY;
          d->ib_x[j] = 0.0;
        }

      if (w == 0.0)
        continue;
      ll += w * (_sc_lgamma (r + x) - lg_r + r * log_al + lg_ab + _sc_lgamma (b + x) - lg_b
                 - _sc_lgamma (a + b + x));
      g[0] += w * (_sc_digamma (r + x) - ps_r + log_al);
      g[1] += w * r / al;
      g[2] += w * (ps_ab - ps_abx);
      g[3] += w * (ps_ab + _sc_digamma (b + x) - ps_b - ps_abx);
    }

  for (gsize i = 0; i < d->n_zero; i++)
    {
      const BgTriple *t = &d->tri[i];

      ll -= t->weight * r * d->lt[t->iT];
      g[0] -= t->weight * d->lt[t->iT];
      g[1] -= t->weight * r * d->it[t->iT];
    }

  _sc_clv_run_two_parts (d->n_tri - d->n_zero, _SC_CLV_PARALLEL_MIN, bg_range, d);
  for (guint p = 0; p < 2; p++)
    {
      ll += d->partial[p][0];
      g[0] += d->partial[p][1];
      g[1] += d->partial[p][2];
      g[2] += d->partial[p][3] / a;
      g[3] += d->partial[p][4];
    }

  /* The penalty pulls the shapes r, a and b, not the scale α. */
  return _sc_clv_objective_end (&d->lik, ll, g, theta, 4, 1u << 0 | 1u << 2 | 1u << 3, grad);
}

/**
 * sc_bgnbd_log_likelihood:
 * @p: BG/NBD parameters
 * @x: repeat purchases
 * @t_x: time of the last purchase since the first
 * @T: time since the first purchase
 *
 * The log-likelihood of one customer's purchase history, in the time unit of @p.
 *
 * Returns: the log-likelihood, NAN for invalid arguments
 */
double
sc_bgnbd_log_likelihood (const ScBgnbdParams *p,
                         double               x,
                         double               t_x,
                         double               T)
{
  double r, al, a, b, A12, A3, A4;

  g_return_val_if_fail (p != NULL, NAN);

  r = p->r, al = p->alpha, a = p->a, b = p->b;
  if (!(r > 0 && al > 0 && a > 0 && b > 0) || !(x >= 0) || !(T >= 0) || !isfinite (T)
      || (x > 0 && !(t_x >= 0 && t_x <= T)))
    return NAN;

  A12 = _sc_lgamma (r + x) - _sc_lgamma (r) + r * log (al)
        + _sc_lgamma (a + b) + _sc_lgamma (b + x) - _sc_lgamma (b) - _sc_lgamma (a + b + x);
  A3 = -(r + x) * log (al + T);
  if (x == 0)
    return A12 + A3;
  A4 = log (a) - log (b + x - 1.0) - (r + x) * log (al + t_x);
  return A12 + MAX (A3, A4) + log1p (exp (-fabs (A3 - A4)));
}

/* }}} */
/* {{{ BG/NBD fit */

/**
 * sc_bgnbd_fit:
 * @s: a summary
 * @options: (nullable): fit options, %NULL for the defaults
 * @out: (out caller-allocates): the estimate
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fits BG/NBD by maximum likelihood to the included customers of @s.  Customers with the
 * same (x, t_x, T) are evaluated once with a weight.  Several starting points are tried (on
 * a fixed sample of customers when there are many) and the best is refined on all the data.
 * Uses up to two threads.  Safe to call from a worker thread.
 *
 * A fit that ends without a stationary point still returns %TRUE with
 * @out->converged = %FALSE: check it before trusting the parameters.
 *
 * Returns: %TRUE on success; %FALSE with @error set when the data cannot support a fit (no
 *   customers, no repeat purchases, fewer than 10 customers) or when cancelled
 */
gboolean
sc_bgnbd_fit (const ScClvSummary    *s,
              const ScClvFitOptions *options,
              ScBgnbdParams         *out,
              GCancellable          *cancellable,
              GError               **error)
{
  static const double shape_starts[][4] = {
    /* r, α × rate / r, a, b */
    { 1.0,  1.0, 1.0, 1.0 },
    { 0.25, 1.0, 0.8, 2.5 },
    { 3.0,  1.0, 0.3, 3.0 },
    { 0.5,  1.0, 2.0, 10.0 },
  };
  double starts[G_N_ELEMENTS (shape_starts) * 4];
  static const ScClvModel model = {
    bg_objective, 4,
    N_("The purchase model could not be fitted: the likelihood could not be evaluated for "
       "these data"),
  };
  g_autoptr(BgData) full = NULL;
  g_autoptr(BgData) sample = NULL;
  gsize n_included, n_repeat;
  double sum_x, sum_T, tau, rate, penalty;
  guint64 threshold;
  ScClvFit fit;

  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!_sc_clv_summary_check (s, &n_included, &n_repeat, &sum_x, &sum_T, error))
    return FALSE;

  if (n_included == 0)
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_NO_DATA,
                           _("No customer has a purchase in the period: there is nothing to "
                             "fit the purchase model to"));
      return FALSE;
    }
  if (n_repeat == 0)
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_FIT,
                           _("No repeat purchases: at least some customers must buy twice to "
                             "fit the purchase model"));
      return FALSE;
    }
  if (n_included < MIN_CUSTOMERS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_FIT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Only %" "zu" " customer: the purchase model needs at "
                                "least %d",
                                "Only %" "zu" " customers: the purchase model needs "
                                "at least %d",
                                n_included),
                   n_included, MIN_CUSTOMERS);
      return FALSE;
    }

  penalty = options != NULL ? MAX (options->l2_penalty, 0.0) : 0.0;
  tau = sum_T / (double) n_included;
  if (!(tau > 0.0))
    tau = 1.0;

  full = bg_data_new (s, tau, G_MAXUINT64, penalty);
  threshold = _sc_clv_sample_threshold (n_included);
  if (threshold != G_MAXUINT64)
    {
      sample = bg_data_new (s, tau, threshold, penalty);
      /* A sample without repeat buyers says nothing about the drop-out process. */
      if (sample->n_tri == sample->n_zero)
        g_clear_pointer (&sample, bg_data_free);
    }

  /* Repeat purchases per scaled time unit: the purchase-rate scale α is about r / rate. */
  rate = sum_x / (sum_T / tau);
  for (guint k = 0; k < G_N_ELEMENTS (shape_starts); k++)
    {
      starts[4 * k + 0] = log (shape_starts[k][0]);
      starts[4 * k + 1] = CLAMP (log (shape_starts[k][0] / rate), -SC_OPTIM_LOG_BOUND + 1,
                                 SC_OPTIM_LOG_BOUND - 1);
      starts[4 * k + 2] = log (shape_starts[k][2]);
      starts[4 * k + 3] = log (shape_starts[k][3]);
    }

  if (!_sc_clv_fit (&model, sample != NULL ? &sample->lik : NULL, &full->lik, starts,
                    G_N_ELEMENTS (shape_starts), &fit, cancellable, error))
    return FALSE;

  out->r = exp (fit.theta[0]);
  out->alpha = exp (fit.theta[1]) * tau;
  out->a = exp (fit.theta[2]);
  out->b = exp (fit.theta[3]);
  /* Back in the caller's time unit. */
  out->log_likelihood = fit.log_likelihood - sum_x * log (tau);
  out->customers = n_included;
  out->distinct = full->n_tri;
  out->converged = fit.converged;
  out->iterations = fit.iterations;
  out->starts = fit.starts;
  out->at_bound = fit.at_bound;
  memcpy (out->log_se, fit.log_se, sizeof out->log_se);
  return TRUE;
}

/* }}} */
/* {{{ BG/NBD predictions */

gboolean
_sc_bgnbd_params_valid (const ScBgnbdParams *p)
{
  return p->r > 0 && p->alpha > 0 && p->a > 0 && p->b > 0 && isfinite (p->r)
         && isfinite (p->alpha) && isfinite (p->a) && isfinite (p->b);
}

/* E[(1 - (1 + p s_m)^-k) / p] for p ~ Beta(a, bb) and n values s_m, by the
 * double-exponential (tanh-sinh) rule in p = 1 / (1 + e^-v), v = π sinh t, which copes with
 * the singular beta weight at both ends and with the narrow feature near p ≈ 1 / s for
 * large s.  The nodes and weights are shared by all the s_m.  @acc and @prev are scratch. */
static void
de_integral (const double *s,
             guint         n,
             double        k,
             double        a,
             double        bb,
             double       *acc,
             double       *prev,
             double       *out)
{
  /* Beyond |t| = 6 the weight is below e^-600 times p^a or (1-p)^bb; for tiny shapes the
   * remaining mass is added in closed form, the rest of the integrand being constant there. */
  const double t_max = 6.0;
  double log_beta = _sc_lgamma (a) + _sc_lgamma (bb) - _sc_lgamma (a + bb);
  double v_end = G_PI * sinh (t_max);
  double h = 0.5;

  for (guint m = 0; m < n; m++)
    acc[m] = 0.0;

  for (guint level = 0; level <= 12; level++)
    {
      /* Level 0 takes every multiple of h, later levels only the new odd ones. */
      double first = level == 0 ? -t_max : -t_max + h;
      double stride = level == 0 ? h : 2.0 * h;
      gboolean done = level >= 3;

      for (double t = first; t <= t_max + 1e-12; t += stride)
        {
          double v = G_PI * sinh (t);
          double log_p = v >= 0 ? -log1p (exp (-v)) : v - log1p (exp (v));
          double log_q = v <= 0 ? -log1p (exp (v)) : -v - log1p (exp (-v));
          double p = exp (log_p);
          double w = G_PI * cosh (t) * exp (a * log_p + bb * log_q - log_beta);

          if (w == 0.0)
            continue;
          for (guint m = 0; m < n; m++)
            acc[m] += w * (p > 0 ? -expm1 (-k * log1p (p * s[m])) / p : k * s[m]);
        }

      for (guint m = 0; m < n; m++)
        {
          double estimate = h * acc[m];

          if (level > 0 && fabs (estimate - prev[m]) > 1e-12 * fabs (estimate))
            done = FALSE;
          prev[m] = estimate;
        }
      if (done)
        break;
      h /= 2.0;
    }

  for (guint m = 0; m < n; m++)
    {
      double tail0 = k * s[m] * exp (-a * v_end - log_beta) / a;
      double tail1 = -expm1 (-k * log1p (s[m])) * exp (-bb * v_end - log_beta) / bb;

      out[m] = prev[m] + tail0 + tail1;
    }
}

/* E[(1 - (1 + p s_m)^-k) / p] for p ~ Beta(a, bb), for n values s_m, by the series
 * c [(1 - (1-z)^ε) / ε - (1-z)^ε G(z)] with c = a + bb - 1, ε = a - 1, z = s / (1 + s) and
 * G = Σ_{n≥1} (c-k)_n (ε+1)_{n-1} / ((c)_n n!) z^n — Euler's transformation of
 * c / ε [1 - (1-z)^k 2F1(k, bb; c; z)] with the factor ε taken out of (ε)_n.  The
 * coefficients are shared by all the z_m.  Returns FALSE when the series is unusable or
 * too slow for the largest z; @out is then undefined. */
static gboolean
integral_series (const double *s,
                 guint         n,
                 double        k,
                 double        a,
                 double        bb,
                 double       *z,
                 double       *pw,
                 double       *G,
                 double       *out)
{
  double c = a + bb - 1.0, eps = a - 1.0, A = c - k, C = c;
  double zmax = 0.0, coef, q_growth, biggest = 0.0;
  double jmin;
  guint m_max = 0;
  gboolean done = FALSE;

  if (C <= 0.5 && fabs (C - round (C)) < 1e-6)
    return FALSE;

  for (guint m = 0; m < n; m++)
    {
      z[m] = s[m] / (1.0 + s[m]);
      pw[m] = 1.0;
      G[m] = 0.0;
      if (z[m] > zmax)
        {
          zmax = z[m];
          m_max = m;
        }
    }
  if (zmax == 0.0)
    {
      for (guint m = 0; m < n; m++)
        out[m] = 0.0;
      return TRUE;
    }
  if (zmax > 0.999)
    return FALSE;

  /* The term ratio z (A+j)(ε+j) / ((C+j)(j+1)) tends to z; it stays below z after
   * j (a - k - 2) + A ε - C < 0 when a - k - 2 <= 0, and otherwise decreases towards z
   * once j is well past the parameters. */
  q_growth = a - k - 2.0;
  jmin = q_growth > 0 ? 4.0 * (fabs (A) + fabs (eps) + fabs (C) + 2.0) : 1.0;

  /* out[] first holds the size of the other part of the result, (e^{-εL} - 1) / ε, which
   * bounds the error that matters when G itself is small. */
  for (guint m = 0; m < n; m++)
    {
      double L = -log1p (s[m]);

      out[m] = fabs (eps != 0.0 ? expm1 (-eps * L) / eps : -L) + 1e-300;
    }

  coef = A / C;
  for (guint j = 1; j <= SERIES_MAX_TERMS; j++)
    {
      double ratio = (A + j) * (eps + j) / ((C + j) * (j + 1.0));
      gboolean bounded;

      for (guint m = 0; m < n; m++)
        {
          pw[m] *= z[m];
          G[m] += coef * pw[m];
        }
      biggest = MAX (biggest, fabs (coef) * pw[m_max]);
      coef *= ratio;

      bounded = A + j > 0 && eps + j > 0 && C + j > 0
                && (q_growth > 0 ? j >= jmin : (j * q_growth + A * eps - C < 0));
      if (bounded && (j & 3) == 0)
        {
          double f = q_growth > 0 ? MAX (fabs (ratio), 1.0) : 1.0;

          done = TRUE;
          for (guint m = 0; m < n && done; m++)
            {
              double q = z[m] * f;
              double tail = fabs (coef) * pw[m] * z[m] / (1.0 - q);

              done = q < 1.0 && tail <= 1e-16 * (fabs (G[m]) + out[m]);
            }
          if (done)
            break;
        }
      if (coef == 0.0)
        {
          done = TRUE;
          break;
        }
    }
  /* With c - k far below zero the terms alternate and grow before they shrink; beyond
   * five lost digits the quadrature is the better tool. */
  if (!done || biggest > 1e5 * (fabs (G[m_max]) + out[m_max]))
    return FALSE;

  for (guint m = 0; m < n; m++)
    {
      double L = -log1p (s[m]);
      double e1 = eps != 0.0 ? -expm1 (eps * L) / eps : -L;

      out[m] = c * (e1 - exp (eps * L) * G[m]);
    }
  return TRUE;
}

/* E[(1 - (1 + p s_m)^-k) / p] for p ~ Beta(a, bb) and the n values s_m: by the series
 * when it converges fast, else by quadrature.  z, pw and G are scratch of n values. */
void
_sc_bgnbd_integral (const double *s,
                    guint         n,
                    double        k,
                    double        a,
                    double        bb,
                    double       *z,
                    double       *pw,
                    double       *G,
                    double       *out)
{
  if (!integral_series (s, n, k, a, bb, z, pw, G, out))
    de_integral (s, n, k, a, bb, pw, G, out);
}

/* E[(1 - (1 + p s)^-k) / p] for p ~ Beta(a, bb): the expected purchases in the next period
 * of a customer alive now, when the gamma posterior of the rate has shape k and the period
 * is s times its scale. */
static double
bg_integral (double s,
             double k,
             double a,
             double bb)
{
  double z, pw, G, out;

  if (!(s > 0))
    return 0.0;
  _sc_bgnbd_integral (&s, 1, k, a, bb, &z, &pw, &G, &out);
  return out;
}

/**
 * sc_bgnbd_expected_purchases:
 * @p: BG/NBD parameters
 * @t: length of the period, in the time unit of @p
 *
 * E[X(t)]: the expected repeat purchases in a period of length @t of a customer who has
 * just made a first purchase.
 *
 * Returns: the expected purchases, NAN for invalid arguments
 */
double
sc_bgnbd_expected_purchases (const ScBgnbdParams *p,
                             double               t)
{
  g_return_val_if_fail (p != NULL, NAN);

  if (!_sc_bgnbd_params_valid (p) || !(t >= 0) || !isfinite (t))
    return NAN;
  return bg_integral (t / p->alpha, p->r, p->a, p->b);
}

/**
 * sc_bgnbd_p_alive:
 * @p: BG/NBD parameters
 * @x: repeat purchases
 * @t_x: time of the last purchase since the first
 * @T: time since the first purchase
 *
 * The probability that the customer is still active.  It is 1 when @x is 0: in BG/NBD a
 * customer can only drop out right after a repeat purchase.
 *
 * Returns: P(alive) in 0..1, NAN for invalid arguments
 */
double
sc_bgnbd_p_alive (const ScBgnbdParams *p,
                  double               x,
                  double               t_x,
                  double               T)
{
  double lr;

  g_return_val_if_fail (p != NULL, NAN);

  if (!_sc_bgnbd_params_valid (p) || !_sc_clv_history_valid (x, t_x, T))
    return NAN;
  if (x == 0)
    return 1.0;

  /* In logs, so that huge x or long silences give 0 instead of inf / inf. */
  lr = log (p->a) - log (p->b + x - 1.0)
       + (p->r + x) * (log (p->alpha + T) - log (p->alpha + t_x));
  return 1.0 / (1.0 + exp (lr));
}

/**
 * sc_bgnbd_conditional_expected_purchases:
 * @p: BG/NBD parameters
 * @t: length of the future period, in the time unit of @p
 * @x: repeat purchases
 * @t_x: time of the last purchase since the first
 * @T: time since the first purchase
 *
 * E[Y(t) | x, t_x, T]: the expected purchases in the next @t of a customer with this
 * history.
 *
 * Returns: the expected purchases, NAN for invalid arguments
 */
double
sc_bgnbd_conditional_expected_purchases (const ScBgnbdParams *p,
                                         double               t,
                                         double               x,
                                         double               t_x,
                                         double               T)
{
  double alive;

  g_return_val_if_fail (p != NULL, NAN);

  if (!_sc_bgnbd_params_valid (p) || !_sc_clv_history_valid (x, t_x, T) || !(t >= 0)
      || !isfinite (t))
    return NAN;

  alive = sc_bgnbd_p_alive (p, x, t_x, T);
  if (alive == 0.0)
    return 0.0;
  return alive * bg_integral (t / (p->alpha + T), p->r + x, p->a, p->b + x);
}

/* }}} */
