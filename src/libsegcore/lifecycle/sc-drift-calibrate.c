/* sc-drift-calibrate.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* When a change is drift.
 *
 * Between two periods of the same business every segment changes a little: its members'
 * orders are new draws, customers cross its borders both ways, some arrive and some lapse.
 * A flag is only worth reading when the change is larger than that, so every criterion is
 * judged against a "normal" change for that segment, never against one fixed threshold.
 *
 * Method: a bootstrap of the earlier snapshot.  Its segmented customers are resampled with
 * replacement (SC_DRIFT_BOOTSTRAP_B times, at most SC_DRIFT_BOOTSTRAP_MAX customers each, a
 * fixed seed: the same two snapshots always give the same flags) and, per segment, the share
 * of customers, the recent revenue, the revenue per order and the members' mean position in
 * the clustering space are measured on every resample.  Their standard deviation, scaled back
 * to the whole population (an m-out-of-n resample spreads √(n/m) times wider), is the
 * sampling spread of one period; the difference of two independent periods spreads √2 times
 * wider, and a change is normal within SC_DRIFT_NORMAL_Z of those.  Two periods of one
 * business share customers, which makes their difference vary less than that: the bound errs
 * towards quiet.  We chose the bootstrap over the value model's expected movement because it
 * needs only the earlier snapshot (the value model may be missing, stale or degenerate), it
 * calibrates every statistic the same way, revenue per order included (the models say
 * nothing of a segment's order value), and it costs B × m draws however large the project.
 *
 * Where a statistic's sampling law is known, it is used instead of resampling: the mean of
 * P(alive), a value in [0, 1], has a variance of at most μ(1 − μ)/n; the PSI of two samples
 * of one distribution is close to χ²(bins − 1) × (1/n₁ + 1/n₂), and its 99.9th percentile
 * bounds it.
 *
 * Movement has no sampling law: how many members leave a segment in a quarter depends on
 * how close to its borders they sit and how fast they buy, and a steady business moves a
 * third of some segments every quarter.  It is judged against the share that left in the
 * period before, when an earlier snapshot gives one (sc_drift_compute_full()), with a
 * binomial spread; without it, movement is shown and never flagged on its own.
 *
 * Every normal change has a floor (sc-drift.h): in a very large project the sampling spread
 * is tiny, and a 2 % change in order value, however certain, is not news for a marketer. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-drift-private.h"

/* 99.9th percentiles: χ² with SC_PSI_BINS − 1 = 9 degrees of freedom, and √χ² with 3 (the
 * length of a 3-feature shift of independent normal coordinates). */
#define CHI2_9_999  27.877
#define CHI_3_999   4.0331

/* How many draws ahead a resample's tally fetches the customer it will add. */
#define PREFETCH_AHEAD 16

G_STATIC_ASSERT (SC_PSI_BINS == 10);
G_STATIC_ASSERT (SC_SNAPSHOT_N_FEATURES == 3);

typedef struct
{
  double n;
  double revenue;
  double orders;
  double z_sum[SC_SNAPSHOT_N_FEATURES];
  double z_n[SC_SNAPSHOT_N_FEATURES];
} Tally;

/* Sums of deviations from the full-sample value and of their squares, for a spread. */
typedef struct
{
  double sum;
  double sum2;
  guint  n;
} Spread;

static void
spread_add (Spread *s,
            double  value,
            double  centre)
{
  if (!isfinite (value) || !isfinite (centre))
    return;
  s->sum += value - centre;
  s->sum2 += (value - centre) * (value - centre);
  s->n++;
}

static double
spread_sd (const Spread *s,
           double        scale)
{
  double m;

  if (s->n < 2)
    return NAN;
  m = s->sum / s->n;
  return sqrt (MAX (s->sum2 / s->n - m * m, 0.0)) * scale;
}

/* One segmented customer as the resamples see it: its segment, recent figures and position
 * in the clustering space (NAN: no value).  Single precision is plenty for a spread and
 * keeps the copy smaller than the snapshot it comes from. */
typedef struct
{
  float   revenue;
  float   orders;
  float   z[SC_SNAPSHOT_N_FEATURES];
  guint16 label;
} Customer;

static void
customer_init (Customer         *c,
               const ScSnapshot *snap,
               guint32           i,
               const double     *table,
               const double     *mean,
               const double     *sd)
{
  c->label = snap->labels[i];
  c->revenue = (float) snap->revenue[i];
  c->orders = snap->orders != NULL ? (float) snap->orders[i] : 0.0f;
  for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
    {
      double v = snap->features[f][i];

      c->z[f] = isnan (v) ? NAN
                          : sd[f] > 0 ? (float) ((_sc_drift_log1p (table, v) - mean[f]) / sd[f])
                                      : 0.0f;
    }
}

static void
tally_add (Tally          *t,
           const Customer *c)
{
  t->n += 1;
  t->revenue += c->revenue;
  t->orders += c->orders;
  for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
    if (!isnan (c->z[f]))
      {
        t->z_sum[f] += c->z[f];
        t->z_n[f] += 1;
      }
}

/* The resamples run in batches on a team of threads (both cores: at 10M customers the
 * bootstrap was the longest serial step of a refresh after the server's last row).  The
 * draws come from one generator in the order one thread would make them: a batch's draws
 * are made by one task while the batch before is tallied by the others, each resample into
 * its own tally, and the tallies are added to the spreads in resample order once a batch
 * is done.  So the spreads are the same, bit for bit, on one thread or on many. */
#define BATCH 8

typedef struct
{
  const Customer   *customers;
  guint32           n;
  guint32           m;
  guint             ns;
  GRand            *rand;
  guint32          *draws[2];     /* BATCH resamples of m draws each */
  Tally            *t;            /* BATCH × ns tallies */
  guint             next_count;   /* resamples in the batch being drawn */
  guint             next_buffer;
  guint             count;        /* resamples in the batch being tallied */
  guint             buffer;
} Resamples;

static void
draw_batch (Resamples *r,
            guint      buffer,
            guint      count)
{
  guint32 *draws = r->draws[buffer];

  for (gsize k = 0; k < (gsize) count * r->m; k++)
    draws[k] = (guint32) g_rand_int_range (r->rand, 0, (gint32) r->n);
}

static void
tally_resample (const Resamples *r,
                const guint32   *draws,
                Tally           *t)
{
  memset (t, 0, sizeof (Tally) * r->ns);
  /* Each draw lands anywhere in a large project's copy, so the customers a few draws
   * ahead are fetched meanwhile. */
  for (guint32 k = 0; k < r->m; k++)
    {
      const Customer *c = &r->customers[draws[k]];

      if (k + PREFETCH_AHEAD < r->m)
        __builtin_prefetch (&r->customers[draws[k + PREFETCH_AHEAD]]);
      tally_add (&t[c->label], c);
    }
}

/* Task 0 draws the next batch; task 1 + j tallies resample j of the current one. */
static void
resample_task (gpointer data,
               guint    task,
               guint    worker)
{
  Resamples *r = data;

  if (task == 0)
    {
      if (r->next_count > 0)
        draw_batch (r, r->next_buffer, r->next_count);
      return;
    }
  tally_resample (r, r->draws[r->buffer] + (gsize) (task - 1) * r->m,
                  r->t + (gsize) (task - 1) * r->ns);
}

/**
 * _sc_drift_bootstrap:
 *
 * See the rationale at the top of the file.
 *
 * Returns: (transfer full) (nullable): from->n_segments spreads, %NULL without a segmented
 *   customer
 */
ScDriftSpread *
_sc_drift_bootstrap (const ScSnapshot *from,
                     const double     *mean,
                     const double     *sd,
                     ScTeam           *team)
{
  guint ns = from->n_segments;
  const double *table = _sc_drift_log1p_table ();
  g_autofree Customer *customers = NULL;
  g_autofree guint32 *draws = NULL;
  g_autofree Tally *full = NULL;
  g_autofree Tally *t = NULL;
  g_autofree Spread *share = NULL;
  g_autofree Spread *revenue = NULL;
  g_autofree Spread *order_value = NULL;
  g_autofree Spread *mean_z = NULL;
  g_autoptr(GRand) rand = NULL;
  Resamples r;
  ScDriftSpread *out;
  guint32 n = 0, m;
  double scale;

  if (ns == 0)
    return NULL;
  customers = g_new (Customer, MAX (from->n_customers, 1));
  full = g_new0 (Tally, ns);
  for (guint32 i = 0; i < from->n_customers; i++)
    if (from->labels[i] < ns)
      {
        customer_init (&customers[n], from, i, table, mean, sd);
        tally_add (&full[from->labels[i]], &customers[n]);
        n++;
      }
  if (n == 0)
    return NULL;

  m = MIN (n, (guint32) SC_DRIFT_BOOTSTRAP_MAX);
  scale = sqrt ((double) m / n);
  t = g_new (Tally, (gsize) BATCH * ns);
  draws = g_new (guint32, (gsize) 2 * BATCH * m);
  share = g_new0 (Spread, ns);
  revenue = g_new0 (Spread, ns);
  order_value = g_new0 (Spread, ns);
  mean_z = g_new0 (Spread, (gsize) ns * SC_SNAPSHOT_N_FEATURES);
  rand = g_rand_new_with_seed (SC_DRIFT_BOOTSTRAP_SEED);
  r = (Resamples) { customers, n, m, ns, rand, { draws, draws + (gsize) BATCH * m }, t,
                    0, 1, MIN (BATCH, SC_DRIFT_BOOTSTRAP_B), 0 };
  draw_batch (&r, 0, r.count);
  for (guint first = 0; first < SC_DRIFT_BOOTSTRAP_B; first += BATCH)
    {
      r.next_count = MIN (BATCH, SC_DRIFT_BOOTSTRAP_B - MIN (first + BATCH,
                                                             SC_DRIFT_BOOTSTRAP_B));
      sc_team_run (team, resample_task, &r, 1 + r.count);
      for (guint j = 0; j < r.count; j++)
        for (guint s = 0; s < ns; s++)
          {
            const Tally *a = &t[(gsize) j * ns + s], *o = &full[s];

            spread_add (&share[s], a->n / m, o->n / n);
            /* Revenue per customer of the population: the segment's revenue, scaled. */
            spread_add (&revenue[s], a->revenue / m, o->revenue / n);
            if (from->orders != NULL && a->orders > 0 && o->orders > 0)
              spread_add (&order_value[s], a->revenue / a->orders, o->revenue / o->orders);
            for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
              if (a->z_n[f] > 0 && o->z_n[f] > 0)
                spread_add (&mean_z[s * SC_SNAPSHOT_N_FEATURES + f], a->z_sum[f] / a->z_n[f],
                            o->z_sum[f] / o->z_n[f]);
          }
      r.count = r.next_count;
      r.buffer = r.next_buffer;
      r.next_buffer = 1 - r.next_buffer;
    }
  g_clear_pointer (&customers, g_free);

  out = g_new (ScDriftSpread, ns);
  for (guint s = 0; s < ns; s++)
    {
      const Tally *o = &full[s];
      double rev = o->revenue / n;
      double ov = o->orders > 0 ? o->revenue / o->orders : NAN;

      out[s].share_sd = spread_sd (&share[s], scale);
      out[s].revenue_cv = rev > 0 ? spread_sd (&revenue[s], scale) / rev : NAN;
      out[s].order_value_cv = ov > 0 ? spread_sd (&order_value[s], scale) / ov : NAN;
      for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
        out[s].mean_z_sd[f] = spread_sd (&mean_z[s * SC_SNAPSHOT_N_FEATURES + f], scale);
    }
  return out;
}

/* Normal change of a statistic with sampling spread sd in one period, and a floor. */
static double
normal_change (double sd,
               double floor_value)
{
  double calibrated = SC_DRIFT_NORMAL_Z * G_SQRT2 * sd;

  return isfinite (calibrated) ? MAX (calibrated, floor_value) : floor_value;
}

static void
calibrate (ScSegmentDrift      *d,
           const ScDriftSpread *spread)
{
  gboolean big_from = d->size_from >= SC_DRIFT_MIN_MEMBERS;
  gboolean big_to = d->size_to >= SC_DRIFT_MIN_MEMBERS;
  double n1 = (double) d->size_from, n2 = (double) d->size_to;

  d->share_normal = d->revenue_normal = d->order_value_normal = d->p_alive_normal = NAN;
  d->shift_normal = d->psi_normal = d->left_normal = NAN;
  if (spread == NULL || d->to_position < 0)
    return;

  d->share_normal = normal_change (spread->share_sd, SC_DRIFT_SIZE_THRESHOLD * d->share_from);
  /* A snapshot from before orders were kept: enough members stand in for enough orders. */
  if ((isnan (d->orders_from) ? big_from : d->orders_from >= SC_DRIFT_MIN_MEMBERS) &&
      d->revenue_from > 0)
    d->revenue_normal = normal_change (spread->revenue_cv, SC_DRIFT_REVENUE_THRESHOLD);
  if (d->orders_from >= SC_DRIFT_MIN_MEMBERS && d->orders_to >= SC_DRIFT_MIN_MEMBERS &&
      d->order_value_from > 0)
    d->order_value_normal = normal_change (spread->order_value_cv,
                                           SC_DRIFT_ORDER_VALUE_THRESHOLD);
  if (big_from && big_to && isfinite (d->p_alive_from) && isfinite (d->p_alive_to))
    {
      double p = CLAMP (d->p_alive_from, 0.0, 1.0), q = CLAMP (d->p_alive_to, 0.0, 1.0);
      double sd = sqrt (p * (1 - p) / n1 + q * (1 - q) / n2);

      /* Already the spread of the difference: no √2. */
      d->p_alive_normal = MAX (SC_DRIFT_NORMAL_Z * sd, SC_DRIFT_P_ALIVE_THRESHOLD);
    }
  if (big_from && big_to)
    {
      double widest = 0;

      d->psi_normal = MAX (SC_DRIFT_PSI_THRESHOLD, CHI2_9_999 * (1 / n1 + 1 / n2));
      for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
        if (isfinite (spread->mean_z_sd[f]))
          widest = MAX (widest, spread->mean_z_sd[f]);
      d->shift_normal = MAX (SC_DRIFT_SHIFT_THRESHOLD, CHI_3_999 * G_SQRT2 * widest);
    }
  if (big_from && isfinite (d->left_before))
    {
      double p = d->left_before;

      d->left_normal = p + MAX (SC_DRIFT_NORMAL_Z * sqrt (p * (1 - p) * 2 / n1),
                                SC_DRIFT_LEFT_THRESHOLD);
    }
}

/**
 * _sc_drift_judge:
 *
 * Sets the normal changes, then the flags: a change beyond its normal one.
 */
void
_sc_drift_judge (ScSegmentDrift      *d,
                 const ScDriftSpread *spread)
{
  gboolean big_from = d->size_from >= SC_DRIFT_MIN_MEMBERS;
  gboolean big_to = d->size_to >= SC_DRIFT_MIN_MEMBERS;

  calibrate (d, spread);
  d->flags = 0;
  d->moderate_psi = 0;
  g_clear_pointer (&d->reason, g_free);
  if (!big_from && !big_to)
    return;
  if (d->from_position < 0)
    d->flags |= SC_DRIFT_FLAG_NEW;
  else if (d->to_position < 0)
    d->flags |= SC_DRIFT_FLAG_GONE;
  else
    {
      if (isfinite (d->share_normal) && fabs (d->share_to - d->share_from) > d->share_normal)
        d->flags |= SC_DRIFT_FLAG_SIZE;
      if (isfinite (d->revenue_normal) && isfinite (d->revenue_change) &&
          fabs (d->revenue_change) > d->revenue_normal)
        d->flags |= SC_DRIFT_FLAG_REVENUE;
      if (isfinite (d->order_value_normal) && isfinite (d->order_value_change) &&
          fabs (d->order_value_change) > d->order_value_normal)
        d->flags |= SC_DRIFT_FLAG_ORDER_VALUE;
      if (isfinite (d->p_alive_normal) &&
          fabs (d->p_alive_to - d->p_alive_from) > d->p_alive_normal)
        d->flags |= SC_DRIFT_FLAG_P_ALIVE;
      if (isfinite (d->shift_normal) && isfinite (d->centroid_shift) &&
          d->centroid_shift > d->shift_normal)
        d->flags |= SC_DRIFT_FLAG_CENTROID;
      for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES && isfinite (d->psi_normal); f++)
        {
          if (!isfinite (d->psi[f]))
            continue;
          if (d->psi[f] > d->psi_normal)
            d->flags |= SC_DRIFT_FLAG_PSI;
          else if (d->psi[f] > SC_DRIFT_PSI_MODERATE)
            d->moderate_psi |= 1u << f;
        }
      if (isfinite (d->left_normal) && isfinite (d->left_share) &&
          d->left_share > d->left_normal)
        d->flags |= SC_DRIFT_FLAG_LEFT;
    }
  if (d->flags != 0)
    d->reason = _sc_drift_reason (d);
}
