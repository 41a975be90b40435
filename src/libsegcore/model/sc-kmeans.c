/* sc-kmeans.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* k-means for customer segments: k-means++ seeding exactly as scikit-learn does it (greedy,
 * 2 + ln k local trials per centre), Lloyd iterations, n_init restarts, best inertia wins.
 *
 * Determinism.  Every sum over points is taken over fixed chunks of CHUNK_ROWS rows; each
 * chunk produces partial sums from zero and the partials are added in chunk order.  Whether
 * chunks run on one thread or on eight, the additions happen in the same order, so results
 * are bit-identical for any number of threads.  Each restart draws from its own random
 * stream (sc-rng.h), so restarts can run on any thread in any order.
 *
 * Speed.  Lloyd runs with Hamerly's bounds, which skip most distance computations once the
 * clusters settle (see hamerly_rows_d).  With many points (n > 2 × restart_sample) the
 * restarts — seeding and Lloyd to convergence — run on a seeded uniform sample; every
 * restart's centres are then scored by their inertia on all points, and only the winner is
 * refined by Lloyd on all points.  On the 1M-customer benchmark scikit-learn's ten restarts
 * on all points end within 0.02% of each other, so the sample finds the same basin at a
 * tenth of the cost, and the final refinement on all points ends slightly below
 * scikit-learn's inertia (bench/bench-kmeans.c compares the two on the same matrix).
 * Restarts run in parallel, one per thread; a single Lloyd on all points runs its chunks in
 * parallel.  The inner loops are specialised for small dimensions, where a distance costs
 * less than a branch.
 *
 * Results.  Lloyd stops on a small centre shift, so its last centres are the means of the
 * previous labels; one more update makes the reported centroids the means of the reported
 * clusters and the inertia their exact within-cluster sum of squares.
 *
 * Automatic k.  For each k in k_min..k_max, a full fit, its silhouette, its smallest
 * cluster's share and, with a stability function, each cluster's stability; the rule of
 * sc-kmeans-choice.c then picks the k (with the defaults, no stability and any size: the best
 * silhouette, ties to the smaller k).  With more than k_search_sample points the search
 * runs on a seeded sample and only the chosen k is then fitted on all points: Lloyd from the
 * centres the search's restarts found on the sample, with no restarts of its own (the
 * sample's ten restarts already found the basin; tests/test-kmeans-refine.c shows on many
 * seeded datasets that the partition is that of restarting on all points, adjusted Rand
 * index at least 0.99).  The result says so in search_sampled; tried_* then describe the
 * sample, and the result's stability is measured on that same sample.  A k larger than
 * the number of distinct points ends the search.
 *
 * Files.  This file holds k-means++ seeding, the restarts, the search over k and the public
 * API; sc-kmeans-choice.c the rule choosing k (and counts distinct rows); sc-kmeans-lloyd.c
 * the chunked assignment
 * passes and Lloyd with Hamerly's bounds; sc-silhouette.c the silhouette; sc-parallel.c the
 * thread team they all run on. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-kmeans-private.h"
#include "sc-memory.h"
#include "sc-rng.h"
#include "sc-silhouette-private.h"

/* The refinement of a sampled search's k runs Lloyd to this fraction of the tolerance (see
 * refine_fit; tests/test-kmeans-refine.c runs its references to the same). */
#define REFINE_TOL_FACTOR 0.01

/* Random streams of one seed; restart r uses stream r. */
#define STREAM_RESTART_SAMPLE G_GUINT64_CONSTANT (0x7265737461727473)
#define STREAM_SEARCH_SAMPLE  G_GUINT64_CONSTANT (0x736561726368736d)

/* ------------------------------------------------------------------------------------- */
/* k-means++ seeding, following scikit-learn's _kmeans_plusplus: the first centre uniformly
 * at random; each next one chosen among 2 + floor(ln k) candidates drawn with probability
 * proportional to the squared distance to the nearest centre so far, keeping the candidate
 * that lowers the potential (sum of those distances) most. */

/* Sorts the few trial values ascending, carrying their indices. */
static void
sort_trials (double *values,
             guint  *order,
             guint   n)
{
  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && values[order[j]] < values[order[j - 1]]; j--)
      {
        guint t = order[j];

        order[j] = order[j - 1];
        order[j - 1] = t;
      }
}

#define MAX_TRIALS 32

/* Draws the candidates of the next centre and locates them on the running sum of
 * closest[], as numpy.searchsorted(cumsum(closest), u * potential) does: the first row whose
 * cumulative sum reaches the value, or the last row if rounding leaves it short. */
static void
draw_candidates (ScRng        *rng,
                 const double *closest,
                 gsize         n,
                 double        potential,
                 guint         n_trials,
                 gsize        *candidates)
{
  double values[MAX_TRIALS];
  guint order[MAX_TRIALS];
  double cumulative = 0.0;
  guint next = 0;

  for (guint t = 0; t < n_trials; t++)
    values[t] = sc_rng_double (rng) * potential;
  sort_trials (values, order, n_trials);

  for (gsize i = 0; i < n && next < n_trials; i++)
    {
      cumulative += closest[i];
      while (next < n_trials && cumulative >= values[order[next]])
        candidates[order[next++]] = i;
    }
  while (next < n_trials)
    candidates[order[next++]] = n - 1;
}

G_ALWAYS_INLINE static inline void
kmeanspp_d (const double *x,
            gsize         n,
            guint         d,
            guint         k,
            ScRng        *rng,
            double       *centers,
            double       *closest)
{
  guint n_trials = MIN (2 + (guint) floor (log ((double) k)), MAX_TRIALS);
  gsize candidates[MAX_TRIALS];
  double potentials[MAX_TRIALS];
  gsize first = sc_rng_uniform (rng, n);
  double potential = 0.0;

  memcpy (centers, x + first * d, sizeof (double) * d);
  for (gsize i = 0; i < n; i++)
    {
      closest[i] = _sc_sqdist (x + i * d, centers, d);
      potential += closest[i];
    }

  for (guint c = 1; c < k; c++)
    {
      guint best = 0;
      const double *chosen;

      draw_candidates (rng, closest, n, potential, n_trials, candidates);

      for (guint t = 0; t < n_trials; t++)
        potentials[t] = 0.0;
      for (gsize i = 0; i < n; i++)
        {
          const double *xi = x + i * d;

          for (guint t = 0; t < n_trials; t++)
            {
              double s = _sc_sqdist (xi, x + candidates[t] * d, d);

              potentials[t] += MIN (closest[i], s);
            }
        }
      for (guint t = 1; t < n_trials; t++)
        if (potentials[t] < potentials[best])
          best = t;

      chosen = x + candidates[best] * d;
      memcpy (centers + (gsize) c * d, chosen, sizeof (double) * d);
      /* Same additions in the same order as potentials[best], so the potential matches the
       * running sums that the next draw walks. */
      potential = potentials[best];
      for (gsize i = 0; i < n; i++)
        closest[i] = MIN (closest[i], _sc_sqdist (x + i * d, chosen, d));
    }
}

/* ------------------------------------------------------------------------------------- */
/* Restarts. */

typedef struct
{
  guint32   *labels;
  double    *closest;   /* k-means++ distances, then Hamerly's upper bounds */
  double    *lower;
  Workspace *ws;
} RestartScratch;

typedef struct
{
  const Points       *points;
  guint               k;
  guint64             seed;
  const LloydOptions *options;
  guint               n_init;
  double             *centers;    /* n_init * k * d */
  double             *inertia;    /* n_init */
  guint              *n_iter;     /* n_init */
  gboolean           *finished;   /* n_init */
  RestartScratch     *scratch;    /* per worker */
  const Progress     *progress;
  gint                n_done;
} RestartJob;

static void
run_restart (RestartJob     *job,
             guint           r,
             RestartScratch *scratch,
             ScTeam           *chunk_team)
{
  const Points *p = job->points;
  double *centers = job->centers + (gsize) r * job->k * p->d;
  ScRng rng;

  if (g_cancellable_is_cancelled (job->options->cancellable))
    return;

  sc_rng_init_stream (&rng, job->seed, r);
#define KMEANSPP(D) kmeanspp_d (p->x, p->n, D, job->k, &rng, centers, scratch->closest)
  SC_DISPATCH_D (p->d, KMEANSPP);
#undef KMEANSPP
  if (!_sc_kmeans_lloyd (p, chunk_team, scratch->ws, job->options, NULL, centers,
                         scratch->labels, scratch->closest, scratch->lower, &job->n_iter[r]))
    return;
  job->inertia[r] = scratch->ws->inertia;
  job->finished[r] = TRUE;
}

static void
restart_task (gpointer data,
              guint    task,
              guint    worker)
{
  RestartJob *job = data;
  gint done;

  run_restart (job, task, &job->scratch[worker], NULL);
  done = g_atomic_int_add (&job->n_done, 1) + 1;

  /* Worker 0 is the calling thread: the only one allowed to report. */
  if (worker == 0)
    progress_report (job->progress, (double) done / job->n_init, _("Finding segments…"));
}

/* Runs n_init seeded restarts on points; fills centers (n_init * k * d), inertia and
 * n_iter per restart.  FALSE when cancelled. */
static gboolean
run_restarts (const Points       *points,
              guint               k,
              guint               n_init,
              guint64             seed,
              const LloydOptions *options,
              ScTeam             *team,
              const Progress     *progress,
              double             *centers,
              double             *inertia,
              guint              *n_iter)
{
  gboolean parallel = sc_team_get_n_workers (team) > 1 && n_init > 1;
  guint n_scratch = parallel ? sc_team_get_n_workers (team) : 1;
  g_autofree RestartScratch *scratch = g_new0 (RestartScratch, n_scratch);
  g_autofree gboolean *finished = g_new0 (gboolean, n_init);
  RestartJob job = {
    points, k, seed, options, n_init, centers, inertia, n_iter, finished, scratch, progress, 0
  };
  gboolean ok = TRUE;

  for (guint w = 0; w < n_scratch; w++)
    {
      scratch[w].labels = g_new (guint32, points->n);
      scratch[w].closest = g_new (double, points->n);
      scratch[w].lower = g_new (double, points->n);
      scratch[w].ws = _sc_kmeans_workspace_new (k, points->d,
                                                parallel ? 1 : _sc_kmeans_n_chunks (points->n));
    }

  if (parallel)
    sc_team_run (team, restart_task, &job, n_init);
  else
    for (guint r = 0; r < n_init; r++)
      {
        run_restart (&job, r, &scratch[0], team);
        progress_report (progress, (double) (r + 1) / n_init, _("Finding segments…"));
      }

  for (guint r = 0; r < n_init; r++)
    ok = ok && finished[r];

  for (guint w = 0; w < n_scratch; w++)
    {
      g_free (scratch[w].labels);
      g_free (scratch[w].closest);
      g_free (scratch[w].lower);
      _sc_kmeans_workspace_free (scratch[w].ws);
    }

  return ok;
}

/* ------------------------------------------------------------------------------------- */
/* One k: restarts, winner, canonical order. */

typedef struct
{
  guint     k;
  double   *centers;   /* k * d */
  guint32  *labels;    /* n */
  gsize    *sizes;     /* k */
  double   *restarts;       /* n_restarts * k * d: each restart's centres */
  guint    *restart_iters;  /* n_restarts: their Lloyd iterations */
  guint     n_restarts;
  double    inertia;
  guint     n_iter;
  gboolean  restarts_sampled;
} Fit;

static void
fit_free (Fit *fit)
{
  if (fit == NULL)
    return;
  g_free (fit->centers);
  g_free (fit->labels);
  g_free (fit->sizes);
  g_free (fit->restarts);
  g_free (fit->restart_iters);
  g_free (fit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fit, fit_free)

typedef struct
{
  const double *centers;
  guint         d;
} CenterOrder;

static gint
compare_centers (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const CenterOrder *order = user_data;
  guint ca = *(const guint *) a, cb = *(const guint *) b;
  const double *pa = order->centers + (gsize) ca * order->d;
  const double *pb = order->centers + (gsize) cb * order->d;

  for (guint j = 0; j < order->d; j++)
    if (pa[j] != pb[j])
      return pa[j] < pb[j] ? -1 : 1;
  return ca < cb ? -1 : ca > cb;
}

/* Renumbers clusters by ascending centroid, first coordinate first. */
static void
canonicalise (Fit   *fit,
              gsize  n,
              guint  d)
{
  guint k = fit->k;
  CenterOrder order = { fit->centers, d };
  g_autofree guint *by_rank = g_new (guint, k);
  g_autofree guint32 *rank_of = g_new (guint32, k);
  g_autofree double *centers = g_new (double, (gsize) k * d);
  g_autofree gsize *sizes = g_new (gsize, k);
  gboolean identity = TRUE;

  for (guint c = 0; c < k; c++)
    by_rank[c] = c;
  g_qsort_with_data (by_rank, k, sizeof (guint), compare_centers, &order);

  for (guint r = 0; r < k; r++)
    {
      rank_of[by_rank[r]] = r;
      memcpy (centers + (gsize) r * d, fit->centers + (gsize) by_rank[r] * d,
              sizeof (double) * d);
      sizes[r] = fit->sizes[by_rank[r]];
      identity = identity && by_rank[r] == r;
    }

  memcpy (fit->centers, centers, sizeof (double) * k * d);
  memcpy (fit->sizes, sizes, sizeof (gsize) * k);
  if (!identity)
    for (gsize i = 0; i < n; i++)
      fit->labels[i] = rank_of[fit->labels[i]];
}

/* Copies a seeded uniform sample of m rows, in row order, into a new array; their indexes
 * into *rows_out when it is not NULL (free them). */
static double *
sample_rows (const Points *points,
             guint64       seed,
             guint64       stream,
             gsize         m,
             gsize       **rows_out)
{
  g_autofree gsize *rows = g_new (gsize, m);
  double *out = sc_memory_new_huge_n (double, m * points->d);
  ScRng rng;

  sc_rng_init_stream (&rng, seed, stream);
  sc_rng_sample_sorted (&rng, points->n, m, rows);
  for (gsize i = 0; i < m; i++)
    memcpy (out + i * points->d, points->x + rows[i] * points->d,
            sizeof (double) * points->d);
  if (rows_out != NULL)
    *rows_out = g_steal_pointer (&rows);
  return out;
}

typedef struct
{
  guint               k;
  guint               n_init;
  guint64             seed;
  gsize               restart_sample;
  const LloydOptions *options;
} FitOptions;

/* The final update of a fit whose labels and ws hold its last assignment (see "Results" at
 * the top of the file), then the canonical order. */
static void
finish_fit (Fit             *fit,
            const Points    *points,
            ScTeam          *team,
            Workspace       *ws)
{
  guint k = fit->k, d = points->d;

  for (guint c = 0; c < k; c++)
    if (ws->counts[c] > 0)
      for (guint j = 0; j < d; j++)
        fit->centers[(gsize) c * d + j] = ws->sums[(gsize) c * d + j] / ws->counts[c];
  fit->inertia = _sc_kmeans_sse_pass (points, team, fit->centers, fit->labels, ws);
  memcpy (fit->sizes, ws->counts, sizeof (gsize) * k);
  canonicalise (fit, points->n, d);
}

/* The chosen k of a sampled search on all points: the search's restarts, converged on the
 * sample, are scored by their inertia on all points (one assignment pass each) and the best
 * is refined by Lloyd on all points, to a tighter tolerance than the restarts' (on flat
 * data Lloyd stopped at the default ends visibly short of the optimum); finished as fit_k
 * finishes.  NULL when cancelled. */
static Fit *
refine_fit (const Points       *points,
            const Fit          *start,
            const LloydOptions *options,
            ScTeam             *team,
            const Progress     *progress)
{
  guint k = start->k, d = points->d;
  gsize n = points->n;
  g_autoptr(Fit) fit = g_new0 (Fit, 1);
  g_autoptr(Workspace) ws = _sc_kmeans_workspace_new (k, d, _sc_kmeans_n_chunks (n));
  g_autofree double *upper = sc_memory_new_huge_n (double, n);
  g_autofree double *lower = sc_memory_new_huge_n (double, n);
  LloydOptions tight = *options;
  gint best;

  fit->k = k;
  fit->centers = g_new (double, (gsize) k * d);
  fit->labels = sc_memory_new_huge_n (guint32, n);
  fit->sizes = g_new (gsize, k);
  fit->restarts_sampled = TRUE;
  best = _sc_kmeans_best_on_all (points, team, ws, start->restarts, start->n_restarts,
                                 NULL, options->cancellable, NULL);
  if (best < 0)
    return NULL;
  memcpy (fit->centers, start->restarts + (gsize) best * k * d, sizeof (double) * k * d);
  tight.tol = options->tol * REFINE_TOL_FACTOR;
  if (!_sc_kmeans_lloyd (points, team, ws, &tight, progress, fit->centers, fit->labels,
                         upper, lower, &fit->n_iter))
    return NULL;
  fit->n_iter += start->restart_iters[best];
  finish_fit (fit, points, team, ws);
  progress_report (progress, 1.0, NULL);
  return g_steal_pointer (&fit);
}

/* Fits k clusters to points, canonically ordered.  NULL when cancelled. */
static Fit *
fit_k (const Points     *points,
       const FitOptions *fo,
       ScTeam           *team,
       const Progress   *progress)
{
  guint k = fo->k, d = points->d;
  gsize n = points->n;
  gboolean sampled = fo->restart_sample >= k && n / 2 > fo->restart_sample;
  g_autoptr(Fit) fit = g_new0 (Fit, 1);
  g_autofree double *centers = g_new (double, (gsize) fo->n_init * k * d);
  g_autofree double *inertia = g_new (double, fo->n_init);
  g_autofree guint *n_iter = g_new0 (guint, fo->n_init);
  g_autoptr(Workspace) ws = _sc_kmeans_workspace_new (k, d, _sc_kmeans_n_chunks (n));
  g_autofree double *sample_x = NULL;
  g_autofree double *upper = NULL;
  g_autofree double *lower = NULL;
  Points sample;
  Progress restarts_progress = progress_slice (progress, 0.0, sampled ? 0.6 : 0.9);
  gint64 t_start = g_get_monotonic_time (), t_restarts, t_scored = 0;
  guint best = 0;

  fit->k = k;
  fit->centers = g_new (double, (gsize) k * d);
  fit->labels = sc_memory_new_huge_n (guint32, n);
  fit->sizes = g_new (gsize, k);
  fit->restarts_sampled = sampled;

  if (sampled)
    {
      sample_x = sample_rows (points, fo->seed, STREAM_RESTART_SAMPLE, fo->restart_sample,
                              NULL);
      sample.x = sample_x;
      sample.n = fo->restart_sample;
      sample.d = d;
    }

  if (!run_restarts (sampled ? &sample : points, k, fo->n_init, fo->seed, fo->options, team,
                     &restarts_progress, centers, inertia, n_iter))
    return NULL;
  t_restarts = g_get_monotonic_time ();

  if (sampled)
    {
      Progress finish = progress_slice (progress, 0.7, 1.0);
      Progress scoring = progress_slice (progress, 0.6, 0.7);
      gint scored = _sc_kmeans_best_on_all (points, team, ws, centers, fo->n_init,
                                            NULL, fo->options->cancellable, &scoring);

      if (scored < 0)
        return NULL;
      best = scored;

      t_scored = g_get_monotonic_time ();
      memcpy (fit->centers, centers + (gsize) best * k * d, sizeof (double) * k * d);
      upper = sc_memory_new_huge_n (double, n);
      lower = sc_memory_new_huge_n (double, n);
      if (!_sc_kmeans_lloyd (points, team, ws, fo->options, &finish, fit->centers, fit->labels,
                             upper, lower, &fit->n_iter))
        return NULL;
      fit->n_iter += n_iter[best];
    }
  else
    {
      for (guint r = 1; r < fo->n_init; r++)
        if (inertia[r] < inertia[best])
          best = r;

      /* The winner's labels were not kept: one pass recomputes them from its centres. */
      memcpy (fit->centers, centers + (gsize) best * k * d, sizeof (double) * k * d);
      memset (fit->labels, 0xff, sizeof (guint32) * n);
      _sc_kmeans_assign_pass (points, team, fit->centers, fit->labels, ws, TRUE);
      fit->n_iter = n_iter[best];
    }
  fit->restarts = g_steal_pointer (&centers);
  fit->restart_iters = g_steal_pointer (&n_iter);
  fit->n_restarts = fo->n_init;

  finish_fit (fit, points, team, ws);
  progress_report (progress, 1.0, NULL);

  g_debug ("k=%u n=%lu: %u restarts%s %.3f s, scoring %.3f s, final %.3f s "
           "(%u iterations in all), inertia %.4f",
           k, (gulong) n, fo->n_init, sampled ? " on a sample" : "",
           (t_restarts - t_start) / 1e6, sampled ? (t_scored - t_restarts) / 1e6 : 0.0,
           (g_get_monotonic_time () - (sampled ? t_scored : t_restarts)) / 1e6, fit->n_iter,
           fit->inertia);

  return g_steal_pointer (&fit);
}

/* ------------------------------------------------------------------------------------- */
/* Empty clusters (explained by _sc_kmeans_count_distinct_rows()). */

static gboolean
fit_has_empty_cluster (const Fit *fit)
{
  for (guint c = 0; c < fit->k; c++)
    if (fit->sizes[c] == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------------------- */
/* Public API. */

/**
 * sc_kmeans_params_init:
 * @params: (out caller-allocates): parameters to fill with the defaults
 *
 * Sets every field to its documented default: k chosen automatically in 2..8 (any cluster
 * size, no stability measured, silhouette tolerance 0.05, stability at least 0.6), 10 restarts,
 * seed 0, 300 iterations, tol 1e-4, all processors (at most 8), exact silhouette up to
 * 20,000 points and a 10,000-point sample above, restarts on a 100,000-point sample above
 * 200,000 points, the search over k on a 50,000-point sample above 50,000 points.
 */
void
sc_kmeans_params_init (ScKmeansParams *params)
{
  g_return_if_fail (params != NULL);

  memset (params, 0, sizeof *params);
  params->k = 0;
  params->k_min = 2;
  params->k_max = 8;
  params->n_init = 10;
  params->seed = 0;
  params->max_iter = 300;
  params->tol = 1e-4;
  params->n_threads = 0;
  params->silhouette_exact_max = 20000;
  params->silhouette_sample = 10000;
  params->restart_sample = 100000;
  params->k_search_sample = 50000;
  params->min_share = 0.0;
  params->silhouette_tolerance = SC_KMEANS_DEFAULT_TOLERANCE;
  params->min_stability = SC_KMEANS_DEFAULT_MIN_STABILITY;
  params->stability = NULL;
  params->stability_data = NULL;
  params->skip_silhouette = FALSE;
}

/**
 * sc_kmeans_result_free:
 * @result: (nullable) (transfer full): a result
 *
 * Frees @result and its arrays.
 */
void
sc_kmeans_result_free (ScKmeansResult *result)
{
  if (result == NULL)
    return;
  g_free (result->labels);
  g_free (result->centroids);
  g_free (result->sizes);
  g_free (result->tried_k);
  g_free (result->tried_silhouette);
  g_free (result->tried_inertia);
  g_free (result->tried_smallest_share);
  g_free (result->tried_stability);
  g_free (result->stability);
  g_free (result);
}

static gboolean
check_finite (const double  *x,
              gsize          n,
              guint          d,
              GError       **error)
{
  for (gsize i = 0; i < n * d; i++)
    if (!isfinite (x[i]))
      {
        g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                     _("Customer %lu has a value that is not a number in feature %u."),
                     (gulong) (i / d + 1), (guint) (i % d + 1));
        return FALSE;
      }
  return TRUE;
}

static void
set_too_few_error (GError **error,
                   gsize    n,
                   guint    k)
{
  g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
               g_dngettext (GETTEXT_PACKAGE,
                            "Only %lu customer: at least %u are needed for %u segments.",
                            "Only %lu customers: at least %u are needed for %u segments.",
                            n),
               (gulong) n, k, k);
}

static void
set_too_alike_error (GError       **error,
                     const Points  *points,
                     guint          k)
{
  gsize distinct = _sc_kmeans_count_distinct_rows (points);

  if (distinct <= 1)
    g_set_error_literal (error, SC_ERROR, SC_ERROR_FIT,
                         _("All customers have the same values, so they cannot be split "
                           "into segments."));
  else
    g_set_error (error, SC_ERROR, SC_ERROR_FIT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "The customers are too alike for %u segments: they show only "
                              "%lu different profile.",
                              "The customers are too alike for %u segments: they show only "
                              "%lu different profiles.",
                              distinct),
                 k, (gulong) distinct);
}

static void
set_cancelled_error (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("Finding segments was cancelled."));
}

/* Population variance of each column, averaged: scikit-learn's scale for tol.  Every
 * column in the same two passes over the rows, each column's sums still in row order; a
 * value that is not finite makes it NAN. */
static double
mean_column_variance (const Points *points)
{
  guint d = points->d;
  g_autofree double *mean = g_new0 (double, 2 * (gsize) d);
  double *ss = mean + d;
  double total = 0.0;
  gboolean finite = TRUE;

  for (gsize i = 0; i < points->n; i++)
    for (guint j = 0; j < d; j++)
      {
        mean[j] += points->x[i * d + j];
        finite &= isfinite (points->x[i * d + j]) != 0;
      }
  if (!finite)
    return NAN;
  for (guint j = 0; j < d; j++)
    mean[j] /= (double) points->n;
  for (gsize i = 0; i < points->n; i++)
    for (guint j = 0; j < d; j++)
      {
        double t = points->x[i * d + j] - mean[j];

        ss[j] += t * t;
      }
  for (guint j = 0; j < d; j++)
    total += ss[j] / (double) points->n;
  return total / d;
}

static ScKmeansResult *
result_from_fit (Fit   *fit,
                 gsize  n,
                 guint  d)
{
  ScKmeansResult *result = g_new0 (ScKmeansResult, 1);

  result->k = fit->k;
  result->d = d;
  result->n = n;
  result->labels = g_steal_pointer (&fit->labels);
  result->centroids = g_steal_pointer (&fit->centers);
  result->sizes = g_steal_pointer (&fit->sizes);
  result->inertia = fit->inertia;
  result->n_iter = fit->n_iter;
  result->restarts_sampled = fit->restarts_sampled;
  return result;
}

static gboolean
measure_silhouette (ScKmeansResult        *result,
                    const double          *x,
                    const ScKmeansParams  *params,
                    ScTeam                *team,
                    const Progress        *progress,
                    GCancellable          *cancellable)
{
  gboolean sampled = result->n > params->silhouette_exact_max && params->silhouette_sample > 0;
  gboolean cancelled;

  if (params->skip_silhouette)
    {
      result->silhouette = NAN;
      return TRUE;
    }
  progress_report (progress, 0.0, _("Measuring how distinct the segments are…"));
  result->silhouette = _sc_silhouette_sampled (team, x, result->n, result->d, result->labels,
                                           result->k, sampled ? params->silhouette_sample : 0,
                                           params->seed, cancellable, &cancelled);
  result->silhouette_sampled = sampled && params->silhouette_sample < result->n;
  return !cancelled;
}

/* The smallest cluster's share of n points. */
static double
smallest_share (const gsize *sizes,
                guint        k,
                gsize        n)
{
  gsize smallest = G_MAXSIZE;

  for (guint c = 0; c < k; c++)
    smallest = MIN (smallest, sizes[c]);
  return n > 0 ? (double) smallest / (double) n : 0.0;
}

/* The least stable cluster's stability, NAN when none was measured. */
static double
least_stable (const double *stability,
              guint         k)
{
  double least = NAN;

  for (guint c = 0; c < k; c++)
    if (!isnan (stability[c]) && (isnan (least) || stability[c] < least))
      least = stability[c];
  return least;
}

/* Each cluster's stability through params->stability, into a new array (NULL without a
 * function).  With more than k_search_sample points it is measured on the search's seeded
 * sample, so that the result of a sampled search is checked on the very points its k was
 * chosen on.  FALSE when cancelled. */
static gboolean
measure_stability (const Points          *points,
                   const guint32         *labels,
                   guint                  k,
                   const ScKmeansParams  *params,
                   const Progress        *progress,
                   GCancellable          *cancellable,
                   double               **stability)
{
  g_autofree double *sample_x = NULL;
  g_autofree gsize *rows = NULL;
  g_autofree guint32 *sample_labels = NULL;
  g_autofree double *out = NULL;
  g_autofree char *message = NULL;
  const double *x = points->x;
  const guint32 *l = labels;
  gsize n = points->n;

  *stability = NULL;
  if (params->stability == NULL)
    return TRUE;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Checking how stable %u segment is…",
                                          "Checking how stable %u segments are…", k), k);
  progress_report (progress, 0.0, message);
  if (params->k_search_sample >= k && n > params->k_search_sample)
    {
      sample_x = sample_rows (points, params->seed, STREAM_SEARCH_SAMPLE,
                              params->k_search_sample, &rows);
      sample_labels = g_new (guint32, params->k_search_sample);
      for (gsize i = 0; i < params->k_search_sample; i++)
        sample_labels[i] = labels[rows[i]];
      x = sample_x;
      l = sample_labels;
      n = params->k_search_sample;
    }

  out = g_new (double, k);
  for (guint c = 0; c < k; c++)
    out[c] = NAN;
  if (!params->stability (x, n, points->d, l, k, out, params->stability_data, cancellable))
    return FALSE;
  *stability = g_steal_pointer (&out);
  return TRUE;
}

static ScKmeansResult *
run_fixed_k (const Points          *points,
             const ScKmeansParams  *params,
             const LloydOptions    *options,
             ScTeam                *team,
             const Progress        *progress,
             GError               **error)
{
  FitOptions fo = { params->k, MAX (params->n_init, 1), params->seed, params->restart_sample,
                    options };
  gboolean checked = params->stability != NULL;
  Progress fit_progress = progress_slice (progress, 0.0, checked ? 0.6 : 0.9);
  Progress sil_progress = progress_slice (progress, checked ? 0.6 : 0.9, checked ? 0.7 : 1.0);
  Progress stability_progress = progress_slice (progress, 0.7, 1.0);
  g_autoptr(Fit) fit = NULL;
  g_autoptr(ScKmeansResult) result = NULL;

  fit = fit_k (points, &fo, team, &fit_progress);
  if (fit == NULL)
    {
      set_cancelled_error (error);
      return NULL;
    }
  if (fit_has_empty_cluster (fit) && _sc_kmeans_count_distinct_rows (points) < params->k)
    {
      set_too_alike_error (error, points, params->k);
      return NULL;
    }

  result = result_from_fit (fit, points->n, points->d);
  result->choice = SC_K_CHOICE_FIXED;
  result->n_tried = 1;
  result->tried_k = g_new (guint, 1);
  result->tried_silhouette = g_new (double, 1);
  result->tried_inertia = g_new (double, 1);
  result->tried_smallest_share = g_new (double, 1);
  result->tried_stability = g_new (double, 1);

  if (!measure_silhouette (result, points->x, params, team, &sil_progress,
                           options->cancellable) ||
      !measure_stability (points, result->labels, result->k, params, &stability_progress,
                          options->cancellable, &result->stability))
    {
      set_cancelled_error (error);
      return NULL;
    }

  result->tried_k[0] = result->k;
  result->tried_silhouette[0] = result->silhouette;
  result->tried_inertia[0] = result->inertia;
  result->tried_smallest_share[0] = smallest_share (result->sizes, result->k, result->n);
  result->tried_stability[0] = result->stability != NULL
                               ? least_stable (result->stability, result->k) : NAN;
  progress_report (progress, 1.0, NULL);

  return g_steal_pointer (&result);
}

/* What the search keeps of each k tried. */
typedef struct
{
  guint   k;
  double  silhouette;
  double  inertia;
  double  smallest_share;
  double  stability;       /* least stable cluster; NAN when not measured */
  double *per_cluster;     /* k, or NULL */
  Fit    *fit;             /* on the search's points */
} Tried;

static void
tried_clear (gpointer data)
{
  Tried *t = data;

  g_free (t->per_cluster);
  g_clear_pointer (&t->fit, fit_free);
}

static ScKmeansResult *
run_auto_k (const Points          *points,
            const ScKmeansParams  *params,
            const LloydOptions    *options,
            ScTeam                *team,
            const Progress        *progress,
            GError               **error)
{
  gsize n = points->n;
  guint k_min = MAX (params->k_min, 2);
  guint k_max = MAX (params->k_max, k_min);
  gboolean search_sampled = params->k_search_sample >= k_min && n > params->k_search_sample;
  g_autofree double *search_x = NULL;
  Points search = *points;
  g_autoptr(GArray) tried = g_array_new (FALSE, TRUE, sizeof (Tried));
  g_autofree double *sil = NULL;
  g_autofree double *shares = NULL;
  g_autofree double *stab = NULL;
  g_autoptr(ScKmeansResult) result = NULL;
  ScKChoice choice;
  Tried *chosen;
  double search_share = search_sampled ? 0.7 : 1.0;

  g_array_set_clear_func (tried, tried_clear);

  /* A silhouette needs k < n; with n == k_min the only choice left is k_min. */
  if (n > k_min)
    k_max = MIN (k_max, n - 1);
  else
    k_max = k_min;

  if (search_sampled)
    {
      search_x = sample_rows (points, params->seed, STREAM_SEARCH_SAMPLE,
                              params->k_search_sample, NULL);
      search.x = search_x;
      search.n = params->k_search_sample;
    }

  for (guint k = k_min; k <= k_max; k++)
    {
      FitOptions fo = { k, MAX (params->n_init, 1), params->seed, params->restart_sample,
                        options };
      double step = search_share / (k_max - k_min + 1);
      double from = step * (k - k_min);
      Progress fit_progress = progress_slice (progress, from, from + 0.6 * step);
      Progress stability_progress = progress_slice (progress, from + 0.7 * step, from + step);
      g_autofree char *message = NULL;
      g_autoptr(Fit) fit = NULL;
      Tried t = { k, 0 };
      gboolean cancelled;
      gboolean sil_sampled;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Trying %u segment…",
                                              "Trying %u segments…", k), k);
      progress_report (progress, from, message);

      fit = fit_k (&search, &fo, team, &fit_progress);
      if (fit == NULL)
        {
          set_cancelled_error (error);
          return NULL;
        }
      if (fit_has_empty_cluster (fit) && _sc_kmeans_count_distinct_rows (&search) < k)
        {
          /* Fewer distinct customers than k: no larger k can do better. */
          if (k == k_min)
            {
              set_too_alike_error (error, &search, k);
              return NULL;
            }
          break;
        }

      sil_sampled = search.n > params->silhouette_exact_max && params->silhouette_sample > 0;
      t.silhouette = _sc_silhouette_sampled (team, search.x, search.n, search.d, fit->labels,
                                             k, sil_sampled ? params->silhouette_sample : 0,
                                             params->seed, options->cancellable, &cancelled);
      if (cancelled ||
          !measure_stability (&search, fit->labels, k, params, &stability_progress,
                              options->cancellable, &t.per_cluster))
        {
          g_free (t.per_cluster);
          set_cancelled_error (error);
          return NULL;
        }
      t.inertia = fit->inertia;
      t.smallest_share = smallest_share (fit->sizes, k, search.n);
      t.stability = t.per_cluster != NULL ? least_stable (t.per_cluster, k) : NAN;
      t.fit = g_steal_pointer (&fit);
      g_array_append_val (tried, t);
    }

  sil = g_new (double, tried->len);
  shares = g_new (double, tried->len);
  stab = g_new (double, tried->len);
  for (guint i = 0; i < tried->len; i++)
    {
      Tried *t = &g_array_index (tried, Tried, i);

      sil[i] = t->silhouette;
      shares[i] = t->smallest_share;
      stab[i] = t->stability;
    }
  chosen = &g_array_index (tried, Tried, _sc_kmeans_choose_k (params, tried->len, sil, shares,
                                                              stab, &choice));

  if (search_sampled)
    {
      Progress fit_progress = progress_slice (progress, search_share, 0.9);
      Progress sil_progress = progress_slice (progress, 0.9, 0.93);
      Progress stability_progress = progress_slice (progress, 0.93, 1.0);
      g_autoptr(Fit) best_fit = refine_fit (points, chosen->fit, options, team, &fit_progress);

      if (best_fit == NULL)
        {
          set_cancelled_error (error);
          return NULL;
        }
      result = result_from_fit (best_fit, n, points->d);
      if (!measure_silhouette (result, points->x, params, team, &sil_progress,
                               options->cancellable) ||
          !measure_stability (points, result->labels, result->k, params,
                              &stability_progress, options->cancellable, &result->stability))
        {
          set_cancelled_error (error);
          return NULL;
        }
    }
  else
    {
      result = result_from_fit (chosen->fit, n, points->d);
      /* The search measured these very labels. */
      result->silhouette = chosen->silhouette;
      result->silhouette_sampled = n > params->silhouette_exact_max
                                   && params->silhouette_sample > 0
                                   && params->silhouette_sample < n;
      result->stability = g_steal_pointer (&chosen->per_cluster);
    }

  result->choice = choice;
  result->search_sampled = search_sampled;
  result->n_tried = tried->len;
  result->tried_k = g_new (guint, tried->len);
  result->tried_inertia = g_new (double, tried->len);
  for (guint i = 0; i < tried->len; i++)
    {
      result->tried_k[i] = g_array_index (tried, Tried, i).k;
      result->tried_inertia[i] = g_array_index (tried, Tried, i).inertia;
    }
  result->tried_silhouette = g_steal_pointer (&sil);
  result->tried_smallest_share = g_steal_pointer (&shares);
  result->tried_stability = g_steal_pointer (&stab);
  progress_report (progress, 1.0, NULL);

  return g_steal_pointer (&result);
}

/**
 * sc_kmeans_run:
 * @x: (array length=n): n × d points, row-major, already transformed and scaled
 * @n: number of points
 * @d: number of features, at least 1
 * @params: (nullable): parameters, or %NULL for the defaults of sc_kmeans_params_init()
 * @progress: (nullable) (scope call): progress callback, called from the calling thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): checked at least once per iteration
 * @error: return location for an error
 *
 * Clusters @x by k-means, with k fixed or chosen by silhouette (see #ScKmeansParams).
 * Uses up to @params->n_threads threads internally; the result does not depend on how
 * many.  Fails with %SC_ERROR_NO_DATA when there are fewer points than clusters, with
 * %SC_ERROR_FIT when fewer points differ than clusters are asked for, with
 * %SC_ERROR_INVALID_INPUT on a non-finite value and with %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full): the clustering, or %NULL with @error set
 */
ScKmeansResult *
sc_kmeans_run (const double          *x,
               gsize                  n,
               guint                  d,
               const ScKmeansParams  *params,
               ScProgressFunc         progress,
               gpointer               progress_data,
               GCancellable          *cancellable,
               GError               **error)
{
  ScKmeansParams defaults;
  Points points = { x, n, d };
  LloydOptions options;
  Progress root = { progress, progress_data, 0.0, 1.0 };
  g_autoptr(ScTeam) team = NULL;
  ScKmeansResult *result;
  guint k_needed;

  g_return_val_if_fail (x != NULL || n == 0, NULL);
  g_return_val_if_fail (d > 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (params == NULL)
    {
      sc_kmeans_params_init (&defaults);
      params = &defaults;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  k_needed = params->k > 0 ? params->k : MAX (params->k_min, 2);
  if (n < k_needed)
    {
      set_too_few_error (error, n, k_needed);
      return NULL;
    }
  options.tol = params->tol * mean_column_variance (&points);
  if (isnan (options.tol) && !check_finite (x, n, d, error))
    return NULL;
  options.max_iter = params->max_iter;
  options.cancellable = cancellable;

  team = sc_team_new (sc_team_resolve_threads (params->n_threads));

  if (params->k > 0)
    result = run_fixed_k (&points, params, &options, team, &root, error);
  else
    result = run_auto_k (&points, params, &options, team, &root, error);

  /* A cancel that arrives after the last check, even from the final progress callback,
   * still cancels: callers then never see a result they asked to abandon. */
  if (result != NULL && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_pointer (&result, sc_kmeans_result_free);
      set_cancelled_error (error);
    }

  return result;
}
