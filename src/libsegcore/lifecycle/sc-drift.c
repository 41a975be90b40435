/* sc-drift.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What moved between two snapshots.
 *
 * Segments of the two snapshots are paired by origin (sc-snapshot.c records it when a run is
 * scored or re-run with carry-over); segments without an origin partner are paired by equal
 * name, because a structural edit may store a run without lineage and a name is what people
 * recognise.  Customers are the project's dense ids, the same in both snapshots.
 *
 * Drift looks at each segment as a population: its members then against its members now.
 * Sizes, revenue and orders of the recent window are plain sums, order value their ratio,
 * P(alive) the segment's mean as the snapshot froze it.  The centroid shift and the PSI use
 * the features the snapshots keep (recency, frequency, spend): the shift in the clustering's
 * own space (log1p, in units of the earlier snapshot's standard deviation over all segmented
 * customers), the PSI on the raw values binned at the earlier members' deciles.  Whether a
 * change is drift is decided against its normal change (sc-drift-calibrate.c), and the
 * sentence is written by sc-drift-reason.c. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-drift-private.h"
#include "sc-kmeans.h"
#include "sc-parallel.h"
#include "sc-store-private.h"

/* ------------------------------------------------------------------------------------------ */

/**
 * sc_drift_free:
 * @drift: (nullable): a drift
 */
void
sc_drift_free (ScDrift *drift)
{
  if (drift == NULL)
    return;
  for (guint i = 0; i < drift->n_segments; i++)
    {
      g_free (drift->segments[i].name);
      g_free (drift->segments[i].reason);
    }
  for (guint i = 0; i < drift->n_flows; i++)
    g_free (drift->flows[i].text);
  g_free (drift->segments);
  g_free (drift->from_label);
  g_free (drift->to_label);
  g_strfreev (drift->from_names);
  g_strfreev (drift->to_names);
  g_free (drift->to_match);
  g_free (drift->matrix);
  g_free (drift);
}

/* Customers grouped by label: members of segment s are ids[start[s] .. start[s + 1] − 1]. */
typedef struct
{
  guint32 *ids;
  gsize   *start;
} Members;

static void
members_init (Members          *m,
              const ScSnapshot *snap)
{
  guint ns = snap->n_segments;
  g_autofree gsize *next = NULL;

  m->start = g_new0 (gsize, ns + 2);
  for (guint32 i = 0; i < snap->n_customers; i++)
    if (snap->labels[i] < ns)
      m->start[snap->labels[i] + 1]++;
  for (guint s = 0; s < ns; s++)
    m->start[s + 1] += m->start[s];
  m->ids = g_new (guint32, MAX (m->start[ns], 1));
  next = g_memdup2 (m->start, sizeof (gsize) * (ns + 1));
  for (guint32 i = 0; i < snap->n_customers; i++)
    if (snap->labels[i] < ns)
      m->ids[next[snap->labels[i]]++] = i;
}

static void
members_clear (Members *m)
{
  g_free (m->ids);
  g_free (m->start);
}

const double *
_sc_drift_log1p_table (void)
{
  static double table[SC_DRIFT_LOG1P_TABLE];
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      for (guint i = 0; i < SC_DRIFT_LOG1P_TABLE; i++)
        table[i] = log1p ((double) i);
      g_once_init_leave (&ready, 1);
    }
  return table;
}

/* Mean and population standard deviation of log1p (max (v, 0)) over segmented customers,
 * one feature a task (each summed in order, as on one thread). */
typedef struct
{
  const ScSnapshot *snap;
  double           *mean;
  double           *sd;
} Population;

static void
population_task (gpointer data,
                 guint    f,
                 guint    worker)
{
  const Population *job = data;
  const ScSnapshot *snap = job->snap;
  const double *table = _sc_drift_log1p_table ();
  double sum = 0, sum2 = 0;
  gsize n = 0;

  for (guint32 i = 0; i < snap->n_customers; i++)
    {
      double v = snap->features[f][i];

      if (snap->labels[i] >= snap->n_segments || isnan (v))
        continue;
      v = _sc_drift_log1p (table, v);
      sum += v;
      n++;
    }
  job->mean[f] = n > 0 ? sum / n : 0;
  for (guint32 i = 0; i < snap->n_customers; i++)
    {
      double v = snap->features[f][i];

      if (snap->labels[i] >= snap->n_segments || isnan (v))
        continue;
      v = _sc_drift_log1p (table, v) - job->mean[f];
      sum2 += v * v;
    }
  job->sd[f] = n > 0 ? sqrt (sum2 / n) : 0;
}

static void
population_transform (const ScSnapshot *snap,
                      double           *mean,
                      double           *sd,
                      ScTeam           *team)
{
  Population job = { snap, mean, sd };

  sc_team_run (team, population_task, &job, SC_SNAPSHOT_N_FEATURES);
}

/* One segment's members seen through one snapshot.  Their values of one feature at a time
 * are copied out (side_values()): a large segment's three at once, on both sides, were the
 * peak of a refresh's drift (issue 22). */
typedef struct
{
  gsize             n;
  double            revenue;
  double            orders;
  double            p_alive;
  const ScSnapshot *snap;
  const guint32    *ids;     /* the members' indices, n of them */
  double           *values;  /* the members' values of the last feature side_values() read */
  double            mean_z;  /* and their mean position on it in the clustering space */
} Side;

static void
side_fill (Side             *side,
           const ScSnapshot *snap,
           const Members    *m,
           int               position)
{
  memset (side, 0, sizeof *side);
  side->orders = side->p_alive = NAN;
  if (position < 0)
    return;
  side->snap = snap;
  side->p_alive = snap->segments[position].p_alive;
  side->orders = snap->orders != NULL ? 0 : NAN;
  side->ids = m->ids + m->start[position];
  side->n = m->start[position + 1] - m->start[position];
  side->values = g_new (double, MAX (side->n, 1));
  for (gsize k = 0; k < side->n; k++)
    {
      side->revenue += snap->revenue[side->ids[k]];
      if (snap->orders != NULL)
        side->orders += snap->orders[side->ids[k]];
    }
}

/* The members' values of feature @f into side->values, and their mean position. */
static void
side_values (Side         *side,
             guint         f,
             const double *mean,
             const double *sd)
{
  const double *table = _sc_drift_log1p_table ();
  double sum = 0;
  gsize cnt = 0;

  for (gsize k = 0; k < side->n; k++)
    {
      double v = side->snap->features[f][side->ids[k]];

      side->values[k] = v;
      if (isnan (v))
        continue;
      sum += sd[f] > 0 ? (_sc_drift_log1p (table, v) - mean[f]) / sd[f] : 0.0;
      cnt++;
    }
  side->mean_z = cnt > 0 ? sum / cnt : NAN;
}

static void
side_clear (Side *side)
{
  g_clear_pointer (&side->values, g_free);
}

/* Revenue per order; NAN without orders. */
static double
order_value (const Side *side)
{
  return side->orders > 0 ? side->revenue / side->orders : NAN;
}

/* The median of the m values of @v once its middle ranks are selected (as sc_median()). */
static double
median_of_selected (const double *v,
                    gsize         m)
{
  double hi, lo;

  if (m == 0)
    return NAN;
  hi = v[m / 2];
  if (m % 2 == 1)
    return hi;
  lo = v[m / 2 - 1];
  return isfinite (lo + hi) ? (lo + hi) / 2.0 : lo / 2.0 + hi / 2.0;
}

/* One feature of a segment's two sides, measured on a team: each side's values gathered,
 * their NAN moved out and the order statistics selected in place (the earlier side's PSI
 * edges and median, the later side's median: no copies), then the later values counted
 * in the earlier side's bins, half each.  Every figure is an order statistic, a count or a
 * sum in the order of before, so the result is the one of sc_median() and sc_psi(). */
typedef struct
{
  Side         *side[2];
  guint         f;
  const double *mean;
  const double *sd;
  gboolean      with_psi;
  gsize         m[2];
  double        median[2];
  double        edges[SC_PSI_BINS];
  guint         n_edges;
  guint64       counts[3][SC_PSI_BINS];   /* the earlier side's, the later side's halves */
} Feature;

/* Adds @rank to the @n ascending, distinct @ranks. */
static void
rank_insert (gsize *ranks,
             guint *n,
             gsize  rank)
{
  guint at = *n;

  while (at > 0 && ranks[at - 1] > rank)
    at--;
  if (at > 0 && ranks[at - 1] == rank)
    return;
  memmove (ranks + at + 1, ranks + at, sizeof (gsize) * (*n - at));
  ranks[at] = rank;
  (*n)++;
}

static void
feature_side_task (gpointer data,
                   guint    task,
                   guint    worker)
{
  Feature *job = data;
  Side *side = job->side[task];
  gsize ranks[SC_PSI_BINS + 1], psi[SC_PSI_BINS];
  guint n_ranks = 0, n_psi = 0;
  gsize m = 0;

  side_values (side, job->f, job->mean, job->sd);
  for (gsize k = 0; k < side->n; k++)
    if (!isnan (side->values[k]))
      side->values[m++] = side->values[k];
  job->m[task] = m;
  if (m == 0)
    {
      job->median[task] = NAN;
      return;
    }
  if (task == 0 && job->with_psi)
    n_psi = _sc_psi_ranks (m, SC_PSI_BINS, psi);
  /* The edges' ranks and the median's, ascending and distinct. */
  memcpy (ranks, psi, sizeof (gsize) * n_psi);
  n_ranks = n_psi;
  rank_insert (ranks, &n_ranks, m / 2);
  if (m % 2 == 0)
    rank_insert (ranks, &n_ranks, m / 2 - 1);
  sc_select_ranks (side->values, m, ranks, n_ranks);
  job->median[task] = median_of_selected (side->values, m);
  if (n_psi > 0)
    {
      job->n_edges = _sc_psi_edges (side->values, psi, n_psi, job->edges);
      _sc_psi_count (job->edges, job->n_edges, side->values, m, job->counts[0]);
    }
}

static void
feature_count_task (gpointer data,
                    guint    task,
                    guint    worker)
{
  Feature *job = data;
  gsize m = job->m[1];

  _sc_psi_count (job->edges, job->n_edges, job->side[1]->values + m * task / 2,
                 m * (task + 1) / 2 - m * task / 2, job->counts[1 + task]);
}

static void
measure (ScSegmentDrift *d,
         Side           *a,
         Side           *b,
         double          n_from,
         double          n_to,
         const double   *mean,
         const double   *sd,
         ScTeam         *team)
{
  double sum2 = 0;

  d->size_from = a->n;
  d->size_to = b->n;
  d->size_change = a->n > 0 ? ((double) b->n - (double) a->n) / (double) a->n : NAN;
  d->revenue_from = a->revenue;
  d->revenue_to = b->revenue;
  d->revenue_change = a->revenue > 0 ? (b->revenue - a->revenue) / a->revenue : NAN;
  d->share_from = n_from > 0 ? a->n / n_from : NAN;
  d->share_to = n_to > 0 ? b->n / n_to : NAN;
  d->orders_from = a->orders;
  d->orders_to = b->orders;
  d->order_value_from = order_value (a);
  d->order_value_to = order_value (b);
  d->order_value_change = d->order_value_from > 0
    ? (d->order_value_to - d->order_value_from) / d->order_value_from : NAN;
  d->p_alive_from = a->p_alive;
  d->p_alive_to = b->p_alive;
  for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
    {
      Feature job = { { a, b }, f, mean, sd,
                      a->n >= SC_DRIFT_MIN_MEMBERS && b->n >= SC_DRIFT_MIN_MEMBERS };

      sc_team_run (team, feature_side_task, &job, 2);
      d->median_from[f] = job.median[0];
      d->median_to[f] = job.median[1];
      d->shift[f] = a->n > 0 && b->n > 0 ? b->mean_z - a->mean_z : NAN;
      sum2 += d->shift[f] * d->shift[f];
      d->psi[f] = NAN;
      if (job.with_psi && job.m[0] > 0 && job.m[1] > 0)
        {
          sc_team_run (team, feature_count_task, &job, 2);
          for (guint k = 0; k <= job.n_edges; k++)
            job.counts[1][k] += job.counts[2][k];
          d->psi[f] = _sc_psi_of_counts (job.counts[0], job.m[0], job.counts[1],
                                         job.m[1], job.n_edges);
        }
    }
  d->centroid_shift = sqrt (sum2);
}

typedef struct
{
  int     from;
  int     to;
  guint64 count;
} Cell;

static int
compare_cell (const void *a,
              const void *b)
{
  const Cell *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return (x->to > y->to) - (x->to < y->to);
}

static char *
flow_text (const ScDrift *drift,
           const Cell    *c)
{
  if (c->from < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%" PRIu64 " new customer joined %s",
                                         "%" PRIu64 " new customers joined %s",
                                         c->count),
                            c->count, drift->to_names[c->to]);
  if (c->to < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%" PRIu64 " customer of %s is no longer in "
                                         "any segment",
                                         "%" PRIu64 " customers of %s are no longer "
                                         "in any segment", c->count),
                            c->count, drift->from_names[c->from]);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%" PRIu64 " customer moved from %s to %s",
                                       "%" PRIu64 " customers moved from %s to %s",
                                       c->count),
                          c->count, drift->from_names[c->from], drift->to_names[c->to]);
}

/* Pairs the segments of two snapshots: same origin first, then same name among the rest.
 * to_match (from->n_segments) gets each earlier segment's later position, from_of
 * (to->n_segments) each later segment's earlier one, -1 where there is none. */
static void
pair_segments (const ScSnapshot *from,
               const ScSnapshot *to,
               int              *to_match,
               int              *from_of)
{
  guint nf = from->n_segments, nt = to->n_segments;

  for (guint i = 0; i < nf; i++)
    to_match[i] = -1;
  for (guint j = 0; j < nt; j++)
    from_of[j] = -1;
  for (guint pass = 0; pass < 2; pass++)
    for (guint j = 0; j < nt; j++)
      for (guint i = 0; i < nf && from_of[j] < 0; i++)
        {
          const ScSnapshotSegment *a = &from->segments[i], *b = &to->segments[j];
          gboolean same = pass == 0 ? a->origin == b->origin
                                    : g_strcmp0 (a->name, b->name) == 0;

          if (to_match[i] >= 0 || !same || a->is_outliers != b->is_outliers)
            continue;
          to_match[i] = (int) j;
          from_of[j] = (int) i;
        }
}

/* Per segment of from: the share of the members of its partner in before who were in
 * another segment (or none) at from; NAN without a partner of SC_DRIFT_MIN_MEMBERS. */
static double *
left_before (const ScSnapshot *before,
             const ScSnapshot *from)
{
  guint nb = before->n_segments, nf = from->n_segments;
  double *left = g_new (double, MAX (nf, 1));
  g_autofree int *to_match = g_new (int, MAX (nb, 1));
  g_autofree int *from_of = g_new (int, MAX (nf, 1));
  g_autofree guint64 *size = g_new0 (guint64, MAX (nb, 1));
  g_autofree guint64 *stayed = g_new0 (guint64, MAX (nb, 1));

  pair_segments (before, from, to_match, from_of);
  for (guint32 i = 0; i < before->n_customers; i++)
    {
      guint lb = before->labels[i];

      if (lb >= nb)
        continue;
      size[lb]++;
      if (i < from->n_customers && to_match[lb] >= 0 && from->labels[i] == to_match[lb])
        stayed[lb]++;
    }
  for (guint j = 0; j < nf; j++)
    {
      int p = from_of[j];

      left[j] = p >= 0 && size[p] >= SC_DRIFT_MIN_MEMBERS
        ? 1.0 - stayed[p] / (double) size[p] : NAN;
    }
  return left;
}

static guint64
n_segmented (const ScSnapshot *snap)
{
  guint64 n = 0;

  for (guint32 i = 0; i < snap->n_customers; i++)
    n += snap->labels[i] < snap->n_segments;
  return n;
}

static ScDrift *drift_compute (double            *left_prev_in,
                               const ScSnapshot  *from,
                               const ScSnapshot  *to,
                               GCancellable      *cancellable,
                               GError           **error);

/**
 * sc_drift_compute:
 * @from: the earlier snapshot
 * @to: the later snapshot (or the current state, captured)
 *
 * sc_drift_compute_full() without an earlier snapshot: movement is measured, not judged.
 *
 * Returns: (transfer full) (nullable): the drift, or %NULL with @error set when cancelled
 */
ScDrift *
sc_drift_compute (const ScSnapshot  *from,
                  const ScSnapshot  *to,
                  GCancellable      *cancellable,
                  GError           **error)
{
  return sc_drift_compute_full (NULL, from, to, cancellable, error);
}

/**
 * sc_drift_compute_full:
 * @before: (nullable): the snapshot before @from (sc_drift_load_before()), whose movement
 *   into @from is the normal movement
 * @from: the earlier snapshot
 * @to: the later snapshot (or the current state, captured)
 *
 * Per segment: size, share, revenue and order value change, P(alive), centroid shift, PSI of
 * each feature, share of the members that left, each with its normal change (a bootstrap of
 * @from, sc-drift-calibrate.c), the flags of sc-drift.h with a reason for people; the
 * migration matrix and its largest flows.
 *
 * Returns: (transfer full) (nullable): the drift, or %NULL with @error set when cancelled
 */
ScDrift *
sc_drift_compute_full (const ScSnapshot  *before,
                       const ScSnapshot  *from,
                       const ScSnapshot  *to,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);

  return drift_compute (before != NULL ? left_before (before, from) : NULL, from, to,
                        cancellable, error);
}

/* sc_drift_compute_full() with the snapshot before @from read down to what it says: the
 * share of each segment's members that left it (left_before(); consumed). */
static ScDrift *
drift_compute (double            *left_prev_in,
               const ScSnapshot  *from,
               const ScSnapshot  *to,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autoptr(ScDrift) drift = g_new0 (ScDrift, 1);
  g_autofree int *from_of = NULL;
  g_autofree ScDriftSpread *spread = NULL;
  g_autofree double *left_prev = left_prev_in;
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (ScSegmentDrift));
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  g_autoptr(ScTeam) team = NULL;
  Members mf, mt;
  double mean[SC_SNAPSHOT_N_FEATURES], sd[SC_SNAPSHOT_N_FEATURES];
  double n_from, n_to;
  guint nf, nt;
  guint32 n;

  nf = from->n_segments;
  nt = to->n_segments;
  drift->from_id = from->id;
  drift->to_id = to->id;
  drift->from_label = g_strdup (from->label);
  drift->to_label = g_strdup (to->label);
  drift->from_as_of = from->as_of;
  drift->to_as_of = to->as_of;
  drift->n_from = nf;
  drift->n_to = nt;
  drift->from_names = g_new0 (char *, nf + 1);
  for (guint i = 0; i < nf; i++)
    drift->from_names[i] = g_strdup (from->segments[i].name);
  drift->to_names = g_new0 (char *, nt + 1);
  for (guint j = 0; j < nt; j++)
    drift->to_names[j] = g_strdup (to->segments[j].name);

  drift->to_match = g_new (int, MAX (nf, 1));
  from_of = g_new (int, MAX (nt, 1));
  pair_segments (from, to, drift->to_match, from_of);

  /* The migration matrix, over every customer known to either snapshot. */
  n = MAX (from->n_customers, to->n_customers);
  drift->matrix = g_new0 (guint64, (gsize) (nf + 1) * (nt + 1));
  for (guint32 i = 0; i < n; i++)
    {
      guint lf = i < from->n_customers ? from->labels[i] : SC_LABEL_NONE;
      guint lt = i < to->n_customers ? to->labels[i] : SC_LABEL_NONE;

      if (lf >= nf && lt >= nt)
        continue;
      drift->matrix[(gsize) MIN (lf, nf) * (nt + 1) + MIN (lt, nt)]++;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  team = sc_team_new (sc_team_resolve_threads (0));
  population_transform (from, mean, sd, team);
  spread = _sc_drift_bootstrap (from, mean, sd, team);
  n_from = (double) n_segmented (from);
  n_to = (double) n_segmented (to);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  members_init (&mf, from);
  members_init (&mt, to);
  for (guint j = 0; j <= nt + nf; j++)
    {
      ScSegmentDrift d = { 0 };
      Side a, b;

      if (j < nt)
        {
          d.to_position = (int) j;
          d.from_position = from_of[j];
          d.name = g_strdup (to->segments[j].name);
          d.is_outliers = to->segments[j].is_outliers;
        }
      else
        {
          guint i = j - nt;

          if (i >= nf || drift->to_match[i] >= 0)
            continue;
          d.from_position = (int) i;
          d.to_position = -1;
          d.name = g_strdup (from->segments[i].name);
          d.is_outliers = from->segments[i].is_outliers;
        }

      side_fill (&a, from, &mf, d.from_position);
      side_fill (&b, to, &mt, d.to_position);
      measure (&d, &a, &b, n_from, n_to, mean, sd, team);
      side_clear (&a);
      side_clear (&b);
      if (d.from_position >= 0 && d.size_from > 0)
        {
          guint64 stayed = d.to_position >= 0
            ? drift->matrix[(gsize) d.from_position * (nt + 1) + d.to_position] : 0;

          d.left_share = 1.0 - stayed / (double) d.size_from;
        }
      else
        d.left_share = NAN;
      if (d.from_position < 0 || d.to_position < 0)
        {
          d.centroid_shift = NAN;
          for (guint f = 0; f < SC_SNAPSHOT_N_FEATURES; f++)
            d.shift[f] = d.psi[f] = NAN;
        }
      d.left_before = left_prev != NULL && d.from_position >= 0
        ? left_prev[d.from_position] : NAN;
      _sc_drift_judge (&d, spread != NULL && d.from_position >= 0
                           ? &spread[d.from_position] : NULL);
      drift->n_flagged += d.flags != 0;
      g_array_append_val (entries, d);

      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  members_clear (&mf);
  members_clear (&mt);
  drift->n_segments = entries->len;
  drift->segments = (ScSegmentDrift *) g_array_free (g_steal_pointer (&entries), FALSE);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Named flows: the largest cells off the diagonal of paired segments. */
  for (guint i = 0; i <= nf; i++)
    for (guint j = 0; j <= nt; j++)
      {
        Cell c = { i < nf ? (int) i : -1, j < nt ? (int) j : -1,
                   drift->matrix[(gsize) i * (nt + 1) + j] };

        if (c.count == 0 || (i < nf && drift->to_match[i] == (int) j))
          continue;
        g_array_append_val (cells, c);
      }
  g_array_sort (cells, compare_cell);
  for (guint c = 0; c < MIN (cells->len, SC_MIGRATION_MAX_FLOWS); c++)
    {
      const Cell *cell = &g_array_index (cells, Cell, c);
      ScMigrationFlow *flow = &drift->flows[drift->n_flows++];

      flow->from = cell->from;
      flow->to = cell->to;
      flow->customers = cell->count;
      flow->text = flow_text (drift, cell);
    }

  return g_steal_pointer (&drift);
}

/* ------------------------------------------------------------------------------------------ */

/**
 * sc_drift_load_pair:
 * @from_id: the earlier snapshot, 0 to choose
 * @to_id: the later snapshot, 0 to choose
 * @from: (out) (transfer full): the earlier snapshot
 * @to: (out) (transfer full): the later one; id 0 when it is the current state
 *
 * The two states to compare.  Without ids: the latest snapshot and the current state when
 * the current run is not the latest snapshot's run, else the two latest snapshots.  With
 * only @from_id: that snapshot and the current state.  With only @to_id: that snapshot and
 * the one listed before it.
 *
 * Returns: %FALSE with @error set (%SC_ERROR_NO_DATA when there is nothing to compare,
 *   %SC_ERROR_INVALID_INPUT for an unknown id)
 */
gboolean
sc_drift_load_pair (ScStore       *store,
                    gint64         from_id,
                    gint64         to_id,
                    ScSnapshot   **from,
                    ScSnapshot   **to,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GArray) infos = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ScRun) current = NULL;
  g_autoptr(ScSnapshot) a = NULL;
  g_autoptr(ScSnapshot) b = NULL;
  guint n;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (!sc_snapshot_list (store, &infos, error))
    return FALSE;
  n = infos->len;
  current = sc_run_load_current (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (to_id == 0 && from_id == 0)
    {
      const ScSnapshotInfo *latest = n > 0 ? &g_array_index (infos, ScSnapshotInfo, n - 1)
                                           : NULL;

      if (latest != NULL && current != NULL && current->id != latest->run)
        from_id = latest->id;
      else if (n >= 2)
        {
          from_id = g_array_index (infos, ScSnapshotInfo, n - 2).id;
          to_id = latest->id;
        }
      else
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                       _("There is nothing to compare yet: take a snapshot, then score or "
                         "re-run the segments on new data."));
          return FALSE;
        }
    }
  else if (from_id == 0)
    {
      for (guint i = 0; i < n; i++)
        if (g_array_index (infos, ScSnapshotInfo, i).id == to_id)
          {
            if (i == 0)
              {
                g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                             _("Snapshot %" PRId64 " is the earliest: there is "
                               "nothing before it to compare with."), to_id);
                return FALSE;
              }
            from_id = g_array_index (infos, ScSnapshotInfo, i - 1).id;
          }
      if (from_id == 0)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("There is no snapshot %" PRId64 " in “%s”."), to_id,
                       sc_store_get_path (store));
          return FALSE;
        }
    }

  a = sc_snapshot_load (store, from_id, error);
  if (a == NULL)
    return FALSE;
  if (to_id != 0)
    b = sc_snapshot_load (store, to_id, error);
  else if (current == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("The project has no current segments to compare with."));
      return FALSE;
    }
  else
    {
      b = sc_snapshot_capture (store, current, cancellable, error);
      if (b != NULL)
        b->label = g_strdup (_("Current segments"));
    }
  if (b == NULL)
    return FALSE;

  *from = g_steal_pointer (&a);
  *to = g_steal_pointer (&b);
  return TRUE;
}

/**
 * sc_drift_load_before:
 * @from: a snapshot
 * @before: (out) (transfer full) (nullable): the latest snapshot listed before @from with an
 *   earlier as-of day, %NULL when there is none
 *
 * The snapshot whose movement into @from calibrates movement (sc_drift_compute_full()).
 *
 * Returns: %FALSE with @error set when the store could not be read
 */
gboolean
sc_drift_load_before (ScStore           *store,
                      const ScSnapshot  *from,
                      ScSnapshot       **before,
                      GError           **error)
{
  g_autoptr(GArray) infos = NULL;
  guint i = 0;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (from != NULL && before != NULL, FALSE);

  *before = NULL;
  if (from->id <= 0)
    return TRUE;
  if (!sc_snapshot_list (store, &infos, error))
    return FALSE;
  while (i < infos->len && g_array_index (infos, ScSnapshotInfo, i).id != from->id)
    i++;
  while (i-- > 0)
    {
      const ScSnapshotInfo *info = &g_array_index (infos, ScSnapshotInfo, i);

      if (info->as_of < from->as_of)
        {
          *before = sc_snapshot_load (store, info->id, error);
          return *before != NULL;
        }
    }
  return TRUE;
}

/**
 * sc_drift_compute_in:
 * @store: the project holding @from
 *
 * sc_drift_compute_full() with the snapshot before @from, when there is one.
 *
 * Returns: (transfer full) (nullable): the drift, or %NULL with @error set
 */
ScDrift *
sc_drift_compute_in (ScStore           *store,
                     const ScSnapshot  *from,
                     const ScSnapshot  *to,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_autoptr(ScSnapshot) before = NULL;
  double *left_prev = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (to != NULL, NULL);

  if (!sc_drift_load_before (store, from, &before, error))
    return NULL;
  /* Of the snapshot before, only who left: it is not held beside the two compared. */
  if (before != NULL)
    left_prev = left_before (before, from);
  g_clear_pointer (&before, sc_snapshot_free);
  return drift_compute (left_prev, from, to, cancellable, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Impact series                                                                               */

/**
 * sc_impact_free:
 * @impact: (nullable): impact series
 */
void
sc_impact_free (ScImpact *impact)
{
  if (impact == NULL)
    return;
  for (guint s = 0; s < impact->n_series; s++)
    {
      ScImpactSeries *series = &impact->series[s];

      g_free (series->name);
      g_free (series->customers);
      g_free (series->revenue);
      g_free (series->orders_per_customer);
      g_free (series->churn);
      g_free (series->clv);
    }
  g_free (impact->series);
  g_free (impact->ids);
  g_free (impact->as_of);
  g_strfreev (impact->labels);
  g_free (impact);
}

static guint
series_for (GArray     *series,
            guint       n_points,
            guint       point,
            gint64      origin,
            const char *name)
{
  ScImpactSeries fresh = { 0 };

  for (guint s = 0; s < series->len; s++)
    if (g_array_index (series, ScImpactSeries, s).origin == origin)
      return s;
  /* No lineage (a run stored by an edit): the same name at a point it does not fill yet. */
  for (guint s = 0; s < series->len; s++)
    {
      ScImpactSeries *x = &g_array_index (series, ScImpactSeries, s);

      if (g_strcmp0 (x->name, name) == 0 && isnan (x->customers[point]))
        return s;
    }

  fresh.origin = origin;
  fresh.customers = g_new (double, MAX (n_points, 1));
  fresh.revenue = g_new (double, MAX (n_points, 1));
  fresh.orders_per_customer = g_new (double, MAX (n_points, 1));
  fresh.churn = g_new (double, MAX (n_points, 1));
  fresh.clv = g_new (double, MAX (n_points, 1));
  for (guint p = 0; p < n_points; p++)
    fresh.customers[p] = fresh.revenue[p] = fresh.orders_per_customer[p] = fresh.churn[p] =
      fresh.clv[p] = NAN;
  g_array_append_val (series, fresh);
  return series->len - 1;
}

static void
impact_add (GArray                  *series,
            guint                    n_points,
            guint                    point,
            const ScSnapshotSegment *seg)
{
  /* series_for() may grow the array: index it only afterwards. */
  guint index = series_for (series, n_points, point, seg->origin, seg->name);
  ScImpactSeries *s = &g_array_index (series, ScImpactSeries, index);

  g_free (s->name);
  s->name = g_strdup (seg->name);
  s->colour = seg->colour;
  s->is_outliers = seg->is_outliers;
  s->customers[point] = (double) seg->size;
  s->revenue[point] = seg->recent_revenue;
  s->orders_per_customer[point] = seg->recent_orders;
  s->churn[point] = seg->churn;
  s->clv[point] = seg->potential;
}

/**
 * sc_impact_load:
 * @current: (nullable): the current state (sc_snapshot_capture()), added as the last point
 *
 * Per segment over the snapshots: customers, revenue and orders per customer in the recent
 * window, churn (share of members without a purchase in the %SC_SNAPSHOT_WINDOW_DAYS days
 * before the snapshot's as-of day) and mean CLV (NAN when no model had been applied to the
 * run).  Reads the snapshots' segment rows only, not their per-customer data.
 *
 * Returns: (transfer full) (nullable): the series, or %NULL with @error set
 */
ScImpact *
sc_impact_load (ScStore           *store,
                const ScSnapshot  *current,
                GError           **error)
{
  g_autoptr(GArray) infos = NULL;
  g_autoptr(GArray) series = g_array_new (FALSE, TRUE, sizeof (ScImpactSeries));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ScImpact) impact = g_new0 (ScImpact, 1);
  guint n_points;

  g_return_val_if_fail (store != NULL, NULL);

  if (!sc_snapshot_list (store, &infos, error))
    return NULL;
  n_points = infos->len + (current != NULL ? 1 : 0);
  impact->n_points = n_points;
  impact->ids = g_new0 (gint64, MAX (n_points, 1));
  impact->as_of = g_new0 (ScDay, MAX (n_points, 1));
  impact->labels = g_new0 (char *, n_points + 1);

  if (!_sc_store_prepare (store, "SELECT origin, name, colour, is_outliers, size, "
                          "recent_revenue, recent_orders, churn, potential "
                          "FROM snapshot_segments WHERE snapshot = ? ORDER BY position",
                          &stmt, error))
    goto fail;
  for (guint p = 0; p < infos->len; p++)
    {
      const ScSnapshotInfo *info = &g_array_index (infos, ScSnapshotInfo, p);
      int rc;

      impact->ids[p] = info->id;
      impact->as_of[p] = info->as_of;
      impact->labels[p] = g_strdup (info->label);
      sqlite3_bind_int64 (stmt, 1, info->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          ScSnapshotSegment seg = { 0 };

          seg.origin = sqlite3_column_int64 (stmt, 0);
          seg.name = (char *) sqlite3_column_text (stmt, 1);
          seg.colour = (guint) sqlite3_column_int (stmt, 2);
          seg.is_outliers = sqlite3_column_int (stmt, 3) != 0;
          seg.size = (guint64) sqlite3_column_int64 (stmt, 4);
          seg.recent_revenue = _sc_store_column_double (stmt, 5);
          seg.recent_orders = _sc_store_column_double (stmt, 6);
          seg.churn = _sc_store_column_double (stmt, 7);
          seg.potential = _sc_store_column_double (stmt, 8);
          impact_add (series, n_points, p, &seg);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _sc_store_set_error (store, error);
          goto fail;
        }
    }
  if (current != NULL)
    {
      guint p = n_points - 1;

      impact->ids[p] = current->id;
      impact->as_of[p] = current->as_of;
      impact->labels[p] = g_strdup (current->label != NULL ? current->label
                                                           : _("Current segments"));
      for (guint s = 0; s < current->n_segments; s++)
        impact_add (series, n_points, p, &current->segments[s]);
    }

  impact->n_series = series->len;
  impact->series = (ScImpactSeries *) g_array_free (g_steal_pointer (&series), FALSE);
  return g_steal_pointer (&impact);

fail:
  for (guint s = 0; s < series->len; s++)
    {
      ScImpactSeries *x = &g_array_index (series, ScImpactSeries, s);

      g_free (x->name);
      g_free (x->customers);
      g_free (x->revenue);
      g_free (x->orders_per_customer);
      g_free (x->churn);
      g_free (x->clv);
    }
  return NULL;
}
