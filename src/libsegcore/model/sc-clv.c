/* sc-clv.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Buy-till-you-die models: BG/NBD for purchases (Fader, Hardie & Lee 2005) and Gamma-Gamma
 * for spend, fitted by maximum likelihood.
 *
 * Speed comes from the shape of the likelihood, not from approximations:
 *
 * - BG/NBD depends on a customer only through (x, t_x, T), and with day-resolution data many
 *   customers share a triple, so the sum runs over distinct triples with weights.  The terms
 *   that depend on x alone (all the lgamma/digamma work) are summed over distinct x, and
 *   log(α + t) over distinct times; what is left per triple is one exp and one log1p.
 *   Gamma-Gamma likewise needs one log per customer, the rest is per distinct x.
 * - Parameters are optimised as logarithms with BFGS and an analytic gradient, on data scaled
 *   so that the mean T and the mean spend are 1: the same starting points then suit any time
 *   or money unit, and box bounds on the logarithms are meaningful.
 * - The several starting points run on a fixed pseudo-random sample of customers; the best
 *   of them (with its inverse-Hessian approximation, valid because the objective is the mean
 *   per customer) then starts a run on all the data, which takes a handful of iterations.
 *   The result is the maximum-likelihood estimate of all the data, not of the sample.  If
 *   that run does not converge, every start is rerun on all the data.
 * - Likelihood sums over many terms are split in two halves, run on two threads when there
 *   are enough terms.  The halves are the same with one thread or two, so results are
 *   bit-identical on any machine.
 *
 * Predictions need E[(1 - (1 + p s)^-k) / p] over a beta distribution of p, which is the
 * Gauss hypergeometric function of the papers.  After Euler's transformation its series has
 * parameters (a + b - 1 - r, a - 1; a + b + x - 1) that do not grow with x, so it converges
 * fast for frequent buyers too; the factor a - 1 is divided out analytically so a = 1 needs
 * no special case.  When z = s / (1 + s) is so close to 1 that the series would be slow, or
 * when its terms would cancel (r far above a + b), the integral over p is computed directly
 * by double-exponential quadrature.  Predictions given "alive" depend on (x, T) only, so they
 * are computed once per distinct (x, T) and scaled by each customer's P(alive).
 *
 * Files, from the bottom up.  sc-clv-summary.c holds the summary and what the models share,
 * sc-clv-index.c the distinct-value indexes, sc-optim.c the minimiser; the models are in
 * sc-bgnbd.c and sc-gamma-gamma.c; this file, above them, holds the CLV predictions and the
 * holdout check.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sc-bgnbd-private.h"
#include "sc-clv-check.h"
#include "sc-clv-summary-private.h"
#include "sc-clv.h"

/* Below this many predicted histories, a second thread costs more than it saves. */
#define PARALLEL_MIN_PREDICT 256
#define DAYS_PER_MONTH   (365.25 / 12.0)

/* {{{ CLV */

typedef struct
{
  guint   horizon;
  double *s;
  double *z;
  double *pw;
  double *G;
  double *cum;
} ClvScratch;

static void
clv_scratch_init (ClvScratch *sc,
                  guint       horizon)
{
  sc->horizon = horizon;
  sc->s = g_new (double, MAX (horizon, 1));
  sc->z = g_new (double, MAX (horizon, 1));
  sc->pw = g_new (double, MAX (horizon, 1));
  sc->G = g_new (double, MAX (horizon, 1));
  sc->cum = g_new (double, MAX (horizon, 1));
}

static void
clv_scratch_clear (ClvScratch *sc)
{
  g_free (sc->s);
  g_free (sc->z);
  g_free (sc->pw);
  g_free (sc->G);
  g_free (sc->cum);
}

/* Fills sc->cum[m] with the expected purchases in the next (m + 1) × @period of a customer
 * with x repeat purchases and age T who is alive now. */
static void
alive_cumulative (const ScBgnbdParams *p,
                  double               period,
                  double               x,
                  double               T,
                  ClvScratch          *sc)
{
  double base = p->alpha + T, k = p->r + x, bb = p->b + x;

  for (guint m = 0; m < sc->horizon; m++)
    sc->s[m] = (m + 1) * period / base;

  _sc_bgnbd_integral (sc->s, sc->horizon, k, p->a, bb, sc->z, sc->pw, sc->G, sc->cum);
}

/* Σ over months of the month's expected purchases, discounted at the end of the month. */
static double
clv_discounted (const ClvScratch *sc,
                double            monthly_factor)
{
  double total = 0.0, previous = 0.0, factor = 1.0;

  for (guint m = 0; m < sc->horizon; m++)
    {
      factor *= monthly_factor;
      total += (sc->cum[m] - previous) * factor;
      previous = sc->cum[m];
    }
  return total;
}

static double
month_length (ScTimeUnit unit)
{
  return DAYS_PER_MONTH / sc_clv_time_unit_days (unit);
}

/**
 * sc_clv_expected_value:
 * @bg: BG/NBD parameters, in the time unit @unit
 * @gg: Gamma-Gamma parameters
 * @unit: the time unit of @bg, @t_x and @T
 * @x: repeat purchases
 * @t_x: time of the last purchase since the first
 * @T: time since the first purchase
 * @mean_spend: mean spend of the repeat purchases
 * @horizon_months: months to look ahead
 * @annual_discount_rate: yearly discount rate, for example 0.1 for 10 %
 *
 * The expected discounted value of a customer over the next @horizon_months months:
 * Σ_{m=1..H} E[purchases in month m] × E[spend per purchase] / (1 + d)^m, where a month is
 * 365.25 / 12 days, purchases of month m are discounted at its end and the monthly rate d
 * is (1 + @annual_discount_rate)^(1/12) - 1.  Purchases come from BG/NBD given the
 * history, spend from sc_gamma_gamma_expected_spend().
 *
 * Returns: the expected value, NAN for invalid arguments or when the expected spend is
 *   undefined
 */
double
sc_clv_expected_value (const ScBgnbdParams      *bg,
                       const ScGammaGammaParams *gg,
                       ScTimeUnit                unit,
                       double                    x,
                       double                    t_x,
                       double                    T,
                       double                    mean_spend,
                       guint                     horizon_months,
                       double                    annual_discount_rate)
{
  ClvScratch sc;
  double alive, spend, value;

  g_return_val_if_fail (bg != NULL, NAN);
  g_return_val_if_fail (gg != NULL, NAN);

  if (!_sc_bgnbd_params_valid (bg) || !_sc_clv_history_valid (x, t_x, T)
      || !(annual_discount_rate > -1.0))
    return NAN;

  spend = sc_gamma_gamma_expected_spend (gg, x, mean_spend);
  alive = sc_bgnbd_p_alive (bg, x, t_x, T);
  if (horizon_months == 0 || alive == 0.0)
    return spend * 0.0;

  clv_scratch_init (&sc, horizon_months);
  alive_cumulative (bg, month_length (unit), x, T, &sc);
  value = spend * alive * clv_discounted (&sc, pow (1.0 + annual_discount_rate, -1.0 / 12.0));
  clv_scratch_clear (&sc);
  return value;
}

/* Distinct (x, T) among the customers to predict.  Given that a customer is alive, future
 * purchases depend on nothing else, and P(alive), which needs t_x, is a factor; so the
 * costly part runs once per distinct history, a few ten thousand for a million customers
 * with day-resolution data. */
typedef struct
{
  gsize    n;
  double  *x;
  double  *T;
  guint32 *of;       /* per customer; G_MAXUINT32 when the customer is not predicted */
} Histories;

static void
histories_free (Histories *h)
{
  if (h == NULL)
    return;
  g_free (h->x);
  g_free (h->T);
  g_free (h->of);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Histories, histories_free)

static Histories *
histories_new (const ScClvSummary *s)
{
  Histories *h = g_new0 (Histories, 1);
  ScDoubleIndex xs, ts;
  ScKey3Index pairs;
  guint n_x, n_t;
  g_autofree double *xv = NULL;
  g_autofree double *tv = NULL;

  _sc_double_index_init (&xs, 256);
  _sc_double_index_init (&ts, 4096);
  _sc_key3_index_init (&pairs);
  h->of = g_new (guint32, MAX (s->n, 1));

  for (gsize i = 0; i < s->n; i++)
    {
      if (!s->included[i] || !_sc_clv_history_valid (s->x[i], s->t_x[i], s->T[i]))
        {
          h->of[i] = G_MAXUINT32;
          continue;
        }
      h->of[i] = _sc_key3_index_add (&pairs, _sc_double_index_add (&xs, s->x[i]),
                                 _sc_double_index_add (&ts, s->T[i]), 0);
    }

  xv = _sc_double_index_steal (&xs, &n_x);
  tv = _sc_double_index_steal (&ts, &n_t);
  h->n = pairs.n;
  h->x = g_new (double, MAX (pairs.n, 1));
  h->T = g_new (double, MAX (pairs.n, 1));
  for (gsize j = 0; j < pairs.n; j++)
    {
      h->x[j] = xv[pairs.keys[3 * j]];
      h->T[j] = tv[pairs.keys[3 * j + 1]];
    }
  _sc_key3_index_clear (&pairs);
  return h;
}

typedef struct
{
  const Histories     *h;
  const ScBgnbdParams *bg;
  double               period;
  guint                horizon;
  double               monthly_factor;
  double              *total;        /* expected purchases in the whole horizon, if alive */
  double              *discounted;   /* discounted expected purchases, if alive; or NULL */
  GCancellable        *cancellable;
} HistoryJob;

static void
history_range (gpointer user_data,
               gsize    begin,
               gsize    end,
               guint    part)
{
  HistoryJob *job = user_data;
  ClvScratch sc;

  clv_scratch_init (&sc, job->horizon);
  for (gsize j = begin; j < end; j++)
    {
      if ((j & 255) == 0 && g_cancellable_is_cancelled (job->cancellable))
        break;
      alive_cumulative (job->bg, job->period, job->h->x[j], job->h->T[j], &sc);
      job->total[j] = sc.cum[job->horizon - 1];
      if (job->discounted != NULL)
        job->discounted[j] = clv_discounted (&sc, job->monthly_factor);
    }
  clv_scratch_clear (&sc);
}

/**
 * sc_clv_predict:
 * @s: a summary
 * @bg: BG/NBD parameters in the time unit of @s
 * @gg: (nullable): Gamma-Gamma parameters, %NULL when the spend model could not be fitted
 * @horizon_months: months to look ahead
 * @annual_discount_rate: yearly discount rate, for example 0.1 for 10 %
 * @p_alive: (out caller-allocates) (array) (nullable): P(alive) per customer
 * @expected_purchases: (out caller-allocates) (array) (nullable): expected purchases in the
 *   horizon per customer (undiscounted)
 * @expected_spend: (out caller-allocates) (array) (nullable): expected spend per purchase
 * @clv: (out caller-allocates) (array) (nullable): expected discounted value over the
 *   horizon, as sc_clv_expected_value()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Predictions for every customer of @s at once, into arrays of @s->n values (any may be
 * %NULL).  Excluded customers get NAN everywhere; without @gg, spend and value are NAN.
 * Uses up to two threads.
 *
 * Returns: %TRUE, or %FALSE when cancelled or @bg is not valid (the arrays are then
 *   undefined)
 */
gboolean
sc_clv_predict (const ScClvSummary       *s,
                const ScBgnbdParams      *bg,
                const ScGammaGammaParams *gg,
                guint                     horizon_months,
                double                    annual_discount_rate,
                double                   *p_alive,
                double                   *expected_purchases,
                double                   *expected_spend,
                double                   *clv,
                GCancellable             *cancellable,
                GError                  **error)
{
  g_autoptr(Histories) h = NULL;
  g_autofree double *total = NULL;
  g_autofree double *discounted = NULL;
  HistoryJob job;

  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (bg != NULL, FALSE);
  g_return_val_if_fail (annual_discount_rate > -1.0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_sc_bgnbd_params_valid (bg))
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                           _("The purchase model parameters are not valid"));
      return FALSE;
    }

  h = histories_new (s);
  total = g_new0 (double, MAX (h->n, 1));
  if (clv != NULL && gg != NULL)
    discounted = g_new0 (double, MAX (h->n, 1));

  if (horizon_months > 0 && (expected_purchases != NULL || discounted != NULL))
    {
      job.h = h;
      job.bg = bg;
      job.period = month_length (s->unit);
      job.horizon = horizon_months;
      job.monthly_factor = pow (1.0 + annual_discount_rate, -1.0 / 12.0);
      job.total = total;
      job.discounted = discounted;
      job.cancellable = cancellable;
      _sc_clv_run_two_parts (h->n, PARALLEL_MIN_PREDICT, history_range, &job);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  for (gsize i = 0; i < s->n; i++)
    {
      double alive = NAN, purchases = NAN, spend = NAN, value = NAN;
      guint32 j = h->of[i];

      if (j != G_MAXUINT32)
        {
          alive = sc_bgnbd_p_alive (bg, s->x[i], s->t_x[i], s->T[i]);
          purchases = alive * total[j];
          if (gg != NULL)
            {
              spend = sc_gamma_gamma_expected_spend (gg, s->x[i], s->mean_spend[i]);
              if (discounted != NULL)
                value = spend * alive * discounted[j];
            }
        }

      if (p_alive != NULL)
        p_alive[i] = alive;
      if (expected_purchases != NULL)
        expected_purchases[i] = purchases;
      if (expected_spend != NULL)
        expected_spend[i] = spend;
      if (clv != NULL)
        clv[i] = value;
    }

  return TRUE;
}

/* }}} */
/* {{{ Holdout */

/* Purchase days of customer @c in (after, until], counted as the summary counts them. */
static guint64
purchase_days_between (const ScTransactions *tx,
                       guint32               c,
                       ScDay                 after,
                       ScDay                 until)
{
  gsize row = tx->offsets[c];
  guint64 count = 0;
  ScDay day;
  double net;

  while (_sc_clv_next_purchase_day (tx, &row, tx->offsets[c + 1], after, until, &day, &net))
    count++;
  return count;
}

/**
 * sc_clv_holdout:
 * @tx: the transactions
 * @calibration_end: last day of the calibration period, inclusive
 * @holdout_end: last day of the holdout period, inclusive
 * @unit: time unit for the fit
 * @options: (nullable): fit options, %NULL for the defaults
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fits BG/NBD on the purchases up to @calibration_end, predicts each customer's purchases in
 * (@calibration_end, @holdout_end] and compares them with the purchase days that actually
 * happened there, per group of calibration repeat purchases (the conditional-expectations
 * table of Fader, Hardie & Lee 2005).  @holdout_end should not be after the last day of the
 * data, or the actual purchases are undercounted.
 *
 * Returns: (transfer full) (nullable): the comparison, or %NULL with @error set when the
 *   calibration data cannot support a fit (sc-clv-check.c; %SC_ERROR_FIT with the reason),
 *   the periods are inconsistent or the operation was cancelled
 */
ScClvHoldout *
sc_clv_holdout (const ScTransactions  *tx,
                ScDay                  calibration_end,
                ScDay                  holdout_end,
                ScTimeUnit             unit,
                const ScClvFitOptions *options,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autoptr(ScClvSummary) s = NULL;
  g_autoptr(ScClvHoldout) h = NULL;
  g_autoptr(Histories) histories = NULL;
  g_autofree double *total = NULL;
  double sum_pred[SC_CLV_HOLDOUT_GROUPS] = { 0 }, sum_act[SC_CLV_HOLDOUT_GROUPS] = { 0 };
  double abs_err = 0.0;
  g_autofree char *problem = NULL;
  ScBgnbdParams bg;
  HistoryJob job;

  g_return_val_if_fail (tx != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (holdout_end <= calibration_end)
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                           _("The holdout period must end after the calibration period"));
      return NULL;
    }

  s = sc_clv_summary_new (tx, calibration_end, unit);
  problem = sc_clv_check_summary (s);
  if (problem == NULL)
    {
      if (!sc_bgnbd_fit (s, options, &bg, cancellable, error))
        return NULL;
      problem = sc_clv_check_bgnbd (&bg);
    }
  if (problem != NULL)
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_FIT, problem);
      return NULL;
    }

  h = g_new0 (ScClvHoldout, 1);
  h->n_groups = SC_CLV_HOLDOUT_GROUPS;
  h->x_group = g_new (guint, SC_CLV_HOLDOUT_GROUPS);
  h->customers = g_new0 (gsize, SC_CLV_HOLDOUT_GROUPS);
  h->predicted = g_new (double, SC_CLV_HOLDOUT_GROUPS);
  h->actual = g_new (double, SC_CLV_HOLDOUT_GROUPS);
  h->holdout_length = ((double) holdout_end - (double) calibration_end)
                      / sc_clv_time_unit_days (unit);
  h->params = bg;

  histories = histories_new (s);
  total = g_new0 (double, MAX (histories->n, 1));
  job.h = histories;
  job.bg = &bg;
  job.period = h->holdout_length;
  job.horizon = 1;
  job.monthly_factor = 1.0;
  job.total = total;
  job.discounted = NULL;
  job.cancellable = cancellable;
  _sc_clv_run_two_parts (histories->n, PARALLEL_MIN_PREDICT, history_range, &job);

  for (guint32 c = 0; c < tx->n_customers; c++)
    {
      double actual, predicted;
      guint group;

      if (histories->of[c] == G_MAXUINT32)
        continue;
      if ((c & 65535) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      predicted = sc_bgnbd_p_alive (&bg, s->x[c], s->t_x[c], s->T[c])
                  * total[histories->of[c]];
      actual = (double) purchase_days_between (tx, c, calibration_end, holdout_end);
      group = (guint) MIN (s->x[c], (double) (SC_CLV_HOLDOUT_GROUPS - 1));
      h->customers[group]++;
      sum_pred[group] += predicted;
      sum_act[group] += actual;
      abs_err += fabs (predicted - actual);
      h->total_predicted += predicted;
      h->total_actual += actual;
      h->n_customers++;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  for (guint g = 0; g < SC_CLV_HOLDOUT_GROUPS; g++)
    {
      h->x_group[g] = g;
      h->predicted[g] = h->customers[g] > 0 ? sum_pred[g] / h->customers[g] : NAN;
      h->actual[g] = h->customers[g] > 0 ? sum_act[g] / h->customers[g] : NAN;
    }
  h->mae = h->n_customers > 0 ? abs_err / h->n_customers : NAN;
  h->total_ratio = h->total_actual > 0 ? h->total_predicted / h->total_actual : NAN;
  return g_steal_pointer (&h);
}

/**
 * sc_clv_holdout_free:
 * @h: (nullable): a holdout comparison
 *
 * Frees @h.
 */
void
sc_clv_holdout_free (ScClvHoldout *h)
{
  if (h == NULL)
    return;
  g_free (h->x_group);
  g_free (h->customers);
  g_free (h->predicted);
  g_free (h->actual);
  g_free (h);
}

/* }}} */
