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
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sc-clv.h"

/* Box on the log-parameters of the scaled problem: e^±15 ≈ 3e-7 … 3e6. */
#define LOG_BOUND        15.0
/* Gradient tolerance on the mean negative log-likelihood per customer, per log-parameter. */
#define GRAD_TOL         1e-7
#define MAX_ITERATIONS   400
/* Below this many likelihood terms (or predicted histories), a second thread costs more
 * than it saves. */
#define PARALLEL_MIN     32768
#define PARALLEL_MIN_PREDICT 256
/* Multi-start on a sample of about this many customers when there are at least twice as
 * many; a smaller sample makes the final run on all the data longer. */
#define SAMPLE_CUSTOMERS 25000
#define SAMPLE_SEED      G_GUINT64_CONSTANT (0x5c1f0a3e7d2b4c91)
#define MIN_CUSTOMERS    10
#define MIN_GG_CUSTOMERS 10
#define SERIES_MAX_TERMS 5000
#define DAYS_PER_MONTH   (365.25 / 12.0)

/* {{{ Numerical helpers */

static inline double
lgam (double x)
{
  int sign;

  /* lgamma() writes the global signgam, a data race once predictions run on two threads. */
  return lgamma_r (x, &sign);
}

/* ψ(x) for x > 0: recurrence up to 10, then the asymptotic series (error about 2e-14). */
static double
digamma (double x)
{
  double acc = 0.0;
  double f;

  while (x < 10.0)
    {
      acc -= 1.0 / x;
      x += 1.0;
    }
  f = 1.0 / (x * x);
  return acc + log (x) - 0.5 / x
         - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
}

static inline guint64
mix64 (guint64 z)
{
  z += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
double_bits (double v)
{
  guint64 bits;

  v += 0.0;   /* folds -0.0 into +0.0 so both hash alike */
  memcpy (&bits, &v, sizeof bits);
  return bits;
}

/* }}} */
/* {{{ Two-part parallel sums */

typedef void (*RangeFunc) (gpointer data,
                           gsize    begin,
                           gsize    end,
                           guint    part);

typedef struct
{
  RangeFunc fn;
  gpointer  data;
  gsize     begin;
  gsize     end;
} RangeJob;

static gpointer
range_thread (gpointer user_data)
{
  RangeJob *job = user_data;

  job->fn (job->data, job->begin, job->end, 1);
  return NULL;
}

/* Always two parts, so partial sums and their order do not depend on the thread count.
 * A second thread starts when there are at least @min_parallel items. */
static void
run_two_parts (gsize     n,
               gsize     min_parallel,
               RangeFunc fn,
               gpointer  data)
{
  gsize mid = n / 2;
  GThread *thread = NULL;
  RangeJob job = { fn, data, mid, n };

  if (n >= min_parallel && g_get_num_processors () > 1)
    thread = g_thread_try_new ("sc-clv", range_thread, &job, NULL);

  fn (data, 0, mid, 0);
  if (thread != NULL)
    g_thread_join (thread);
  else
    fn (data, mid, n, 1);
}

/* }}} */
/* {{{ Summary */

/**
 * sc_clv_time_unit_days:
 * @unit: a time unit
 *
 * Returns: the length of @unit in days
 */
double
sc_clv_time_unit_days (ScTimeUnit unit)
{
  return unit == SC_TIME_UNIT_WEEK ? 7.0 : 1.0;
}

/**
 * sc_clv_summary_new_empty:
 * @n: number of customers
 * @end_day: the last day the summary covers
 * @unit: time unit of the summary
 *
 * Creates a summary in which no customer is included, for callers that fill the arrays
 * themselves (for example from stored aggregates, or in tests).
 *
 * Returns: (transfer full): a new summary
 */
ScClvSummary *
sc_clv_summary_new_empty (gsize      n,
                          ScDay      end_day,
                          ScTimeUnit unit)
{
  ScClvSummary *s = g_new0 (ScClvSummary, 1);

  s->n = n;
  s->unit = unit;
  s->end_day = end_day;
  s->included = g_new0 (gboolean, n);
  s->x = g_new0 (double, n);
  s->t_x = g_new0 (double, n);
  s->T = g_new0 (double, n);
  s->mean_spend = g_new0 (double, n);
  s->first_day = g_new0 (ScDay, n);
  return s;
}

/**
 * sc_clv_summary_new:
 * @tx: the transactions
 * @end_day: the last day to use, inclusive
 * @unit: the time unit of t_x and T
 *
 * Summarises each customer's purchases up to @end_day as described for #ScClvSummary.
 *
 * Returns: (transfer full): a new summary with one entry per customer of @tx
 */
ScClvSummary *
sc_clv_summary_new (const ScTransactions *tx,
                    ScDay                 end_day,
                    ScTimeUnit            unit)
{
  ScClvSummary *s;
  double days;

  g_return_val_if_fail (tx != NULL, NULL);
  g_return_val_if_fail (tx->n_customers == 0 || tx->offsets != NULL, NULL);

  s = sc_clv_summary_new_empty (tx->n_customers, end_day, unit);
  days = sc_clv_time_unit_days (unit);

  for (guint32 c = 0; c < tx->n_customers; c++)
    {
      gsize begin = tx->offsets[c];
      gsize end = tx->offsets[c + 1];
      gboolean have_day = FALSE;
      ScDay day = 0;
      double net = 0.0;
      guint64 purchases = 0;
      ScDay first = 0;
      ScDay last = 0;
      double repeat_spend = 0.0;

      /* One step past the end flushes the last day. */
      for (gsize i = begin; i <= end; i++)
        {
          gboolean at_end = i == end;

          if (!at_end && (tx->day[i] > end_day || !isfinite (tx->amount[i])))
            continue;

          if (have_day && (at_end || tx->day[i] != day))
            {
              if (net > 0.0)
                {
                  if (purchases == 0)
                    first = day;
                  else
                    repeat_spend += net;
                  last = day;
                  purchases++;
                }
              net = 0.0;
              have_day = FALSE;
            }

          if (!at_end)
            {
              day = tx->day[i];
              net += tx->amount[i];
              have_day = TRUE;
            }
        }

      if (purchases == 0)
        continue;

      s->included[c] = TRUE;
      s->first_day[c] = first;
      s->x[c] = (double) (purchases - 1);
      s->t_x[c] = (double) (last - first) / days;
      s->T[c] = ((double) end_day - (double) first) / days;
      s->mean_spend[c] = purchases > 1 ? repeat_spend / (double) (purchases - 1) : 0.0;
    }

  return s;
}

/**
 * sc_clv_summary_free:
 * @s: (nullable): a summary
 *
 * Frees @s and its arrays.
 */
void
sc_clv_summary_free (ScClvSummary *s)
{
  if (s == NULL)
    return;
  g_free (s->included);
  g_free (s->x);
  g_free (s->t_x);
  g_free (s->T);
  g_free (s->mean_spend);
  g_free (s->first_day);
  g_free (s);
}

/* Counts the customers a fit can use and rejects impossible summaries, which can only come
 * from hand-filled arrays. */
static gboolean
summary_check (const ScClvSummary *s,
               gsize              *n_included,
               gsize              *n_repeat,
               double             *sum_x,
               double             *sum_T,
               GError            **error)
{
  *n_included = 0;
  *n_repeat = 0;
  *sum_x = 0.0;
  *sum_T = 0.0;

  for (gsize i = 0; i < s->n; i++)
    {
      double x, t_x, T;

      if (!s->included[i])
        continue;

      x = s->x[i];
      t_x = x > 0 ? s->t_x[i] : 0.0;
      T = s->T[i];
      if (!isfinite (x) || !isfinite (t_x) || !isfinite (T) || x < 0 || x != floor (x)
          || t_x < 0 || T < t_x)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("Customer %" "zu" " has an impossible purchase history "
                         "(repeat purchases %g, last purchase at %g, age %g)"),
                       i, x, t_x, T);
          return FALSE;
        }

      (*n_included)++;
      if (x > 0)
        (*n_repeat)++;
      *sum_x += x;
      *sum_T += T;
    }

  return TRUE;
}

/* Whether customer @i belongs to the multi-start sample; @threshold = G_MAXUINT64 keeps all. */
static inline gboolean
in_sample (gsize   i,
           guint64 threshold)
{
  return threshold == G_MAXUINT64 || mix64 ((guint64) i ^ SAMPLE_SEED) <= threshold;
}

static guint64
sample_threshold (gsize n)
{
  if (n < 2 * SAMPLE_CUSTOMERS)
    return G_MAXUINT64;
  return (guint64) ldexp ((double) SAMPLE_CUSTOMERS / (double) n, 64);
}

/* }}} */
/* {{{ Hashing of distinct values */

/* Open addressing from a value's bits to a dense index of distinct values. */
typedef struct
{
  guint32 *slots;    /* index + 1; 0 is empty */
  gsize    mask;
  double  *values;
  guint32  n_values;
  gsize    capacity;
} DoubleIndex;

static void
double_index_init (DoubleIndex *di,
                   gsize        expected)
{
  gsize size = 64;

  while (size < 2 * expected)
    size *= 2;
  di->slots = g_new0 (guint32, size);
  di->mask = size - 1;
  di->capacity = 64;
  di->values = g_new (double, di->capacity);
  di->n_values = 0;
}

static void
double_index_grow (DoubleIndex *di)
{
  gsize size = 2 * (di->mask + 1);
  guint32 *slots = g_new0 (guint32, size);

  for (guint32 j = 0; j < di->n_values; j++)
    {
      gsize h = mix64 (double_bits (di->values[j])) & (size - 1);

      while (slots[h] != 0)
        h = (h + 1) & (size - 1);
      slots[h] = j + 1;
    }
  g_free (di->slots);
  di->slots = slots;
  di->mask = size - 1;
}

static guint32
double_index_add (DoubleIndex *di,
                  double       v)
{
  guint64 bits = double_bits (v);
  gsize h = mix64 (bits) & di->mask;

  while (di->slots[h] != 0)
    {
      guint32 j = di->slots[h] - 1;

      if (double_bits (di->values[j]) == bits)
        return j;
      h = (h + 1) & di->mask;
    }

  if (di->n_values == di->capacity)
    {
      di->capacity *= 2;
      di->values = g_renew (double, di->values, di->capacity);
    }
  di->values[di->n_values] = v + 0.0;
  di->slots[h] = ++di->n_values;

  if (2 * (gsize) di->n_values > di->mask)
    double_index_grow (di);
  return di->n_values - 1;
}

/* Hands the distinct values over and frees the table. */
static double *
double_index_steal (DoubleIndex *di,
                    guint       *n_values)
{
  *n_values = di->n_values;
  g_clear_pointer (&di->slots, g_free);
  return g_steal_pointer (&di->values);
}

/* Open addressing from three dense indexes to a dense index of distinct combinations, with
 * the number of times each was added. */
typedef struct
{
  guint32 *slots;    /* id + 1; 0 is empty */
  gsize    mask;
  guint32 *keys;     /* 3 per id */
  guint32 *count;
  gsize    n;
  gsize    capacity;
} Key3Index;

static inline gsize
key3_hash (const guint32 *k)
{
  return (gsize) mix64 (((guint64) k[0] << 42) ^ ((guint64) k[1] << 21) ^ k[2]);
}

static void
key3_index_init (Key3Index *ki)
{
  ki->mask = 1023;
  ki->slots = g_new0 (guint32, ki->mask + 1);
  ki->capacity = 256;
  ki->keys = g_new (guint32, 3 * ki->capacity);
  ki->count = g_new (guint32, ki->capacity);
  ki->n = 0;
}

static void
key3_index_clear (Key3Index *ki)
{
  g_clear_pointer (&ki->slots, g_free);
  g_clear_pointer (&ki->keys, g_free);
  g_clear_pointer (&ki->count, g_free);
}

static guint32
key3_index_add (Key3Index *ki,
                guint32    a,
                guint32    b,
                guint32    c)
{
  guint32 key[3] = { a, b, c };
  gsize h = key3_hash (key) & ki->mask;

  while (ki->slots[h] != 0)
    {
      guint32 id = ki->slots[h] - 1;
      const guint32 *k = ki->keys + 3 * (gsize) id;

      if (k[0] == a && k[1] == b && k[2] == c)
        {
          ki->count[id]++;
          return id;
        }
      h = (h + 1) & ki->mask;
    }

  if (ki->n == ki->capacity)
    {
      ki->capacity *= 2;
      ki->keys = g_renew (guint32, ki->keys, 3 * ki->capacity);
      ki->count = g_renew (guint32, ki->count, ki->capacity);
    }
  memcpy (ki->keys + 3 * ki->n, key, sizeof key);
  ki->count[ki->n] = 1;
  ki->slots[h] = (guint32) ++ki->n;

  if (2 * ki->n > ki->mask)
    {
      gsize size = 2 * (ki->mask + 1);

      g_free (ki->slots);
      ki->slots = g_new0 (guint32, size);
      ki->mask = size - 1;
      for (gsize id = 0; id < ki->n; id++)
        {
          h = key3_hash (ki->keys + 3 * id) & ki->mask;
          while (ki->slots[h] != 0)
            h = (h + 1) & ki->mask;
          ki->slots[h] = (guint32) (id + 1);
        }
    }
  return (guint32) (ki->n - 1);
}

/* }}} */
/* {{{ BFGS on log-parameters */

typedef double (*ObjectiveFunc) (gpointer      data,
                                 const double *theta,
                                 double       *grad);

#define MAX_DIM 4

typedef struct
{
  double   f;
  guint    iterations;
  gboolean converged;
} MinResult;

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
bfgs_minimize (ObjectiveFunc fn,
               gpointer      data,
               guint         dim,
               double       *theta,
               double       *hinv,
               gboolean      have_hinv,
               GCancellable *cancellable,
               MinResult    *res,
               GError      **error)
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

/* Runs every start on @sample_data (the sample, or everything when @full_data is NULL)
 * and, with a sample, continues the best on @full_data.  @theta receives the estimate. */
static gboolean
fit_log_params (ObjectiveFunc   fn,
                gpointer        sample_data,
                gpointer        full_data,
                guint           dim,
                const double   *starts,
                guint           n_starts,
                double         *theta,
                MinResult      *res,
                GCancellable   *cancellable,
                GError        **error)
{
  double best_h[MAX_DIM * MAX_DIM];
  gboolean have_best = FALSE;

  res->f = INFINITY;
  res->converged = FALSE;
  res->iterations = 0;

  for (guint k = 0; k < n_starts; k++)
    {
      double th[MAX_DIM], h[MAX_DIM * MAX_DIM];
      MinResult r;

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
    MinResult r;

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
    if (!fit_log_params (fn, full_data, NULL, dim, starts, n_starts, theta, res,
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

/* }}} */
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
  guint     n_x;
  double   *xv;         /* distinct x */
  double   *wx;         /* customers per distinct x */
  guint     n_t;
  double   *tv;         /* distinct scaled times, t_x and T alike */
  gsize     n_tri;
  gsize     n_zero;     /* the x = 0 triples come first */
  BgTriple *tri;
  double    total_w;
  double    penalty;

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
  DoubleIndex xs, ts;
  Key3Index tri;
  gsize zero = 0;

  double_index_init (&xs, 256);
  double_index_init (&ts, 4096);
  key3_index_init (&tri);

  for (gsize i = 0; i < s->n; i++)
    {
      if (!s->included[i] || !in_sample (i, threshold))
        continue;
      key3_index_add (&tri,
                      double_index_add (&xs, s->x[i]),
                      double_index_add (&ts, s->x[i] > 0 ? s->t_x[i] : 0.0),
                      double_index_add (&ts, s->T[i]));
    }

  d->xv = double_index_steal (&xs, &d->n_x);
  d->tv = double_index_steal (&ts, &d->n_t);
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
  key3_index_clear (&tri);

  d->wx = g_new0 (double, MAX (d->n_x, 1));
  for (gsize j = 0; j < d->n_tri; j++)
    {
      d->wx[d->tri[j].ix] += d->tri[j].weight;
      d->total_w += d->tri[j].weight;
    }

  d->penalty = penalty;
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
  double lg_r = lgam (r), lg_ab = lgam (a + b), lg_b = lgam (b);
  double ps_r = digamma (r), ps_ab = digamma (a + b), ps_b = digamma (b);
  double ll = 0.0, g[4] = { 0.0, 0.0, 0.0, 0.0 };
  double f;

  for (guint j = 0; j < d->n_t; j++)
    {
      d->lt[j] = log (al + d->tv[j]);
      d->it[j] = 1.0 / (al + d->tv[j]);
    }

  for (guint j = 0; j < d->n_x; j++)
    {
      double x = d->xv[j], w = d->wx[j];
      double ps_abx = digamma (a + b + x);

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
      ll += w * (lgam (r + x) - lg_r + r * log_al + lg_ab + lgam (b + x) - lg_b
                 - lgam (a + b + x));
      g[0] += w * (digamma (r + x) - ps_r + log_al);
      g[1] += w * r / al;
      g[2] += w * (ps_ab - ps_abx);
      g[3] += w * (ps_ab + digamma (b + x) - ps_b - ps_abx);
    }

  for (gsize i = 0; i < d->n_zero; i++)
    {
      const BgTriple *t = &d->tri[i];

      ll -= t->weight * r * d->lt[t->iT];
      g[0] -= t->weight * d->lt[t->iT];
      g[1] -= t->weight * r * d->it[t->iT];
    }

  run_two_parts (d->n_tri - d->n_zero, PARALLEL_MIN, bg_range, d);
  for (guint p = 0; p < 2; p++)
    {
      ll += d->partial[p][0];
      g[0] += d->partial[p][1];
      g[1] += d->partial[p][2];
      g[2] += d->partial[p][3] / a;
      g[3] += d->partial[p][4];
    }

  f = -ll / d->total_w;
  grad[0] = -g[0] * r / d->total_w;
  grad[1] = -g[1] * al / d->total_w;
  grad[2] = -g[2] * a / d->total_w;
  grad[3] = -g[3] * b / d->total_w;

  if (d->penalty > 0.0)
    {
      static const guint shapes[] = { 0, 2, 3 };

      for (guint k = 0; k < G_N_ELEMENTS (shapes); k++)
        {
          f += d->penalty * theta[shapes[k]] * theta[shapes[k]];
          grad[shapes[k]] += 2.0 * d->penalty * theta[shapes[k]];
        }
    }

  if (!isfinite (f) || !isfinite (grad[0]) || !isfinite (grad[1]) || !isfinite (grad[2])
      || !isfinite (grad[3]))
    return INFINITY;
  return f;
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

  A12 = lgam (r + x) - lgam (r) + r * log (al)
        + lgam (a + b) + lgam (b + x) - lgam (b) - lgam (a + b + x);
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
  g_autoptr(BgData) full = NULL;
  g_autoptr(BgData) sample = NULL;
  gsize n_included, n_repeat;
  double sum_x, sum_T, tau, rate, penalty, theta[4], grad[4], f0;
  guint64 threshold;
  MinResult res;

  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!summary_check (s, &n_included, &n_repeat, &sum_x, &sum_T, error))
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
  threshold = sample_threshold (n_included);
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
      starts[4 * k + 1] = CLAMP (log (shape_starts[k][0] / rate), -LOG_BOUND + 1,
                                 LOG_BOUND - 1);
      starts[4 * k + 2] = log (shape_starts[k][2]);
      starts[4 * k + 3] = log (shape_starts[k][3]);
    }

  if (!fit_log_params (bg_objective, sample != NULL ? sample : full,
                       sample != NULL ? full : NULL, 4, starts,
                       G_N_ELEMENTS (shape_starts), theta, &res, cancellable, error))
    return FALSE;

  if (!isfinite (res.f))
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_FIT,
                           _("The purchase model could not be fitted: the likelihood could "
                             "not be evaluated for these data"));
      return FALSE;
    }

  /* The log-likelihood without penalty, back in the caller's time unit. */
  full->penalty = 0.0;
  f0 = bg_objective (full, theta, grad);

  out->r = exp (theta[0]);
  out->alpha = exp (theta[1]) * tau;
  out->a = exp (theta[2]);
  out->b = exp (theta[3]);
  out->log_likelihood = -f0 * full->total_w - sum_x * log (tau);
  out->customers = n_included;
  out->distinct = full->n_tri;
  out->converged = res.converged;
  out->iterations = res.iterations;
  out->starts = G_N_ELEMENTS (shape_starts);
  return TRUE;
}

/* }}} */
/* {{{ Gamma-Gamma */

typedef struct
{
  guint    n_x;
  double  *xv;
  double  *wx;
  double  *slogm_x;    /* Σ log m per distinct x */
  double  *xlogx;
  gsize    n;
  guint32 *ix;
  double  *spend;      /* scaled total repeat spend m x */
  double   total_w;
  double   sum_logm;
  double   penalty;

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
  DoubleIndex xs;
  gsize cap = 0;

  for (gsize i = 0; i < s->n; i++)
    if (gg_usable (s, i) && in_sample (i, threshold))
      cap++;

  double_index_init (&xs, 256);
  d->ix = g_new (guint32, MAX (cap, 1));
  d->spend = g_new (double, MAX (cap, 1));
  for (gsize i = 0; i < s->n; i++)
    {
      if (!gg_usable (s, i) || !in_sample (i, threshold))
        continue;
      d->ix[d->n] = double_index_add (&xs, s->x[i]);
      d->spend[d->n] = s->mean_spend[i] / mu * s->x[i];
      d->n++;
    }
  d->xv = double_index_steal (&xs, &d->n_x);

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
  d->total_w = (double) d->n;
  d->penalty = penalty;
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
  double lg_q = lgam (q), ps_q = digamma (q);
  double ll = -d->sum_logm, g[3] = { 0.0, 0.0, 0.0 };
  double f;

  for (guint j = 0; j < d->n_x; j++)
    {
      double x = d->xv[j], w = d->wx[j];
      double px = p * x, pxq = px + q;
      double ps_pxq = digamma (pxq);

      d->pxq[j] = pxq;
      ll += w * (lgam (pxq) - lgam (px) - lg_q + q * theta[2] + p * d->xlogx[j])
            + px * d->slogm_x[j];
      g[0] += w * x * (ps_pxq - digamma (px)) + w * d->xlogx[j] + x * d->slogm_x[j];
      g[1] += w * (ps_pxq - ps_q + theta[2]);
      g[2] += w * q / gam;
    }

  d->gam = gam;
  run_two_parts (d->n, PARALLEL_MIN, gg_range, d);
  for (guint k = 0; k < 2; k++)
    {
      ll += d->partial[k][0];
      g[0] += d->partial[k][1];
      g[1] += d->partial[k][2];
      g[2] += d->partial[k][3];
    }

  f = -ll / d->total_w;
  grad[0] = -g[0] * p / d->total_w;
  grad[1] = -g[1] * q / d->total_w;
  grad[2] = -g[2] * gam / d->total_w;

  if (d->penalty > 0.0)
    for (guint k = 0; k < 2; k++)
      {
        f += d->penalty * theta[k] * theta[k];
        grad[k] += 2.0 * d->penalty * theta[k];
      }

  if (!isfinite (f) || !isfinite (grad[0]) || !isfinite (grad[1]) || !isfinite (grad[2]))
    return INFINITY;
  return f;
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
  return lgam (px + p->q) - lgam (px) - lgam (p->q) + p->q * log (p->gamma)
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
  double starts[G_N_ELEMENTS (shape_starts) * 3];
  g_autoptr(GgData) full = NULL;
  g_autoptr(GgData) sample = NULL;
  gsize usable = 0, excluded = 0;
  double sum_m = 0.0, sum_x = 0.0, mu, mean_x, sxx = 0.0, smm = 0.0, sxm = 0.0;
  double penalty, theta[3], grad[3], f0;
  guint64 threshold;
  MinResult res;

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
  threshold = sample_threshold (usable);
  if (threshold != G_MAXUINT64)
    {
      sample = gg_data_new (s, mu, threshold, penalty);
      if (sample->n < MIN_GG_CUSTOMERS)
        g_clear_pointer (&sample, gg_data_free);
    }

  for (guint k = 0; k < G_N_ELEMENTS (shape_starts); k++)
    for (guint j = 0; j < 3; j++)
      starts[3 * k + j] = log (shape_starts[k][j]);

  if (!fit_log_params (gg_objective, sample != NULL ? sample : full,
                       sample != NULL ? full : NULL, 3, starts,
                       G_N_ELEMENTS (shape_starts), theta, &res, cancellable, error))
    return FALSE;

  if (!isfinite (res.f))
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_FIT,
                           _("The spend model could not be fitted: the likelihood could not be "
                             "evaluated for these data"));
      return FALSE;
    }

  full->penalty = 0.0;
  f0 = gg_objective (full, theta, grad);

  out->p = exp (theta[0]);
  out->q = exp (theta[1]);
  out->gamma = exp (theta[2]) * mu;
  out->log_likelihood = -f0 * full->total_w - (double) usable * log (mu);
  out->customers = usable;
  out->excluded = excluded;
  out->frequency_spend_correlation = sxx > 0 && smm > 0 ? sxm / sqrt (sxx * smm) : 0.0;
  out->converged = res.converged;
  out->iterations = res.iterations;
  out->starts = G_N_ELEMENTS (shape_starts);
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
/* {{{ BG/NBD predictions */

static gboolean
bg_params_valid (const ScBgnbdParams *p)
{
  return p->r > 0 && p->alpha > 0 && p->a > 0 && p->b > 0 && isfinite (p->r)
         && isfinite (p->alpha) && isfinite (p->a) && isfinite (p->b);
}

/* Whether (x, t_x, T) can be a customer's history. */
static inline gboolean
history_valid (double x,
               double t_x,
               double T)
{
  return x >= 0 && isfinite (x) && T >= 0 && isfinite (T) && (x == 0 || (t_x >= 0 && t_x <= T));
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
  double log_beta = lgam (a) + lgam (bb) - lgam (a + bb);
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
  if (!integral_series (&s, 1, k, a, bb, &z, &pw, &G, &out))
    de_integral (&s, 1, k, a, bb, &pw, &G, &out);
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

  if (!bg_params_valid (p) || !(t >= 0) || !isfinite (t))
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

  if (!bg_params_valid (p) || !history_valid (x, t_x, T))
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

  if (!bg_params_valid (p) || !history_valid (x, t_x, T) || !(t >= 0) || !isfinite (t))
    return NAN;

  alive = sc_bgnbd_p_alive (p, x, t_x, T);
  if (alive == 0.0)
    return 0.0;
  return alive * bg_integral (t / (p->alpha + T), p->r + x, p->a, p->b + x);
}

/* }}} */
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

  if (!integral_series (sc->s, sc->horizon, k, p->a, bb, sc->z, sc->pw, sc->G, sc->cum))
    de_integral (sc->s, sc->horizon, k, p->a, bb, sc->pw, sc->G, sc->cum);
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

  if (!bg_params_valid (bg) || !history_valid (x, t_x, T) || !(annual_discount_rate > -1.0))
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
  DoubleIndex xs, ts;
  Key3Index pairs;
  guint n_x, n_t;
  g_autofree double *xv = NULL;
  g_autofree double *tv = NULL;

  double_index_init (&xs, 256);
  double_index_init (&ts, 4096);
  key3_index_init (&pairs);
  h->of = g_new (guint32, MAX (s->n, 1));

  for (gsize i = 0; i < s->n; i++)
    {
      if (!s->included[i] || !history_valid (s->x[i], s->t_x[i], s->T[i]))
        {
          h->of[i] = G_MAXUINT32;
          continue;
        }
      h->of[i] = key3_index_add (&pairs, double_index_add (&xs, s->x[i]),
                                 double_index_add (&ts, s->T[i]), 0);
    }

  xv = double_index_steal (&xs, &n_x);
  tv = double_index_steal (&ts, &n_t);
  h->n = pairs.n;
  h->x = g_new (double, MAX (pairs.n, 1));
  h->T = g_new (double, MAX (pairs.n, 1));
  for (gsize j = 0; j < pairs.n; j++)
    {
      h->x[j] = xv[pairs.keys[3 * j]];
      h->T[j] = tv[pairs.keys[3 * j + 1]];
    }
  key3_index_clear (&pairs);
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

  if (!bg_params_valid (bg))
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
      run_two_parts (h->n, PARALLEL_MIN_PREDICT, history_range, &job);
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

/* Purchase days (positive daily net) of customer @c in (after, until]. */
static guint64
purchase_days_between (const ScTransactions *tx,
                       guint32               c,
                       ScDay                 after,
                       ScDay                 until)
{
  gsize end = tx->offsets[c + 1];
  gboolean have_day = FALSE;
  ScDay day = 0;
  double net = 0.0;
  guint64 count = 0;

  for (gsize i = tx->offsets[c]; i <= end; i++)
    {
      gboolean at_end = i == end;

      if (!at_end && (tx->day[i] <= after || tx->day[i] > until || !isfinite (tx->amount[i])))
        continue;
      if (have_day && (at_end || tx->day[i] != day))
        {
          if (net > 0.0)
            count++;
          net = 0.0;
          have_day = FALSE;
        }
      if (!at_end)
        {
          day = tx->day[i];
          net += tx->amount[i];
          have_day = TRUE;
        }
    }
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
 * happened there, per group of calibration repeat purchases.  @holdout_end should not be
 * after the last day of the data, or the actual purchases are undercounted.
 *
 * Returns: (transfer full) (nullable): the comparison, or %NULL with @error set when the
 *   fit fails, the periods are inconsistent or the operation was cancelled
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
  if (!sc_bgnbd_fit (s, options, &bg, cancellable, error))
    return NULL;

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
  run_two_parts (histories->n, PARALLEL_MIN_PREDICT, history_range, &job);

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
