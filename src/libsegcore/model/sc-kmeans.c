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
 * Automatic k.  For each k in k_min..k_max, a full fit and its silhouette; the best
 * silhouette wins, ties to the smaller k.  With more than k_search_sample points the search
 * runs on a seeded sample and only the chosen k is fitted on all points (the result says so
 * in search_sampled; tried_* then describe the sample).  A k larger than the number of
 * distinct points ends the search. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
/* An AVX copy of the silhouette kernel, chosen at run time (see pair_sums_avx_d). */
#if defined(__GNUC__) && defined(__x86_64__)
#define HAVE_AVX_KERNEL 1
#include <immintrin.h>
#endif

#include "sc-kmeans.h"
#include "sc-rng.h"

/* Rows per work unit.  Part of the numerical definition of the results (the order of
 * additions), so changing it changes the last bits of every output. */
#define CHUNK_ROWS 4096
#define MAX_THREADS 8

/* Random streams of one seed; restart r uses stream r. */
#define STREAM_RESTART_SAMPLE G_GUINT64_CONSTANT (0x7265737461727473)
#define STREAM_SEARCH_SAMPLE  G_GUINT64_CONSTANT (0x736561726368736d)
#define STREAM_SILHOUETTE     G_GUINT64_CONSTANT (0x73696c686f756574)

/* ------------------------------------------------------------------------------------- */
/* A team of threads that runs numbered tasks; the calling thread takes part as worker 0. */

typedef void (*TeamFunc) (gpointer data,
                          guint    task,
                          guint    worker);

typedef struct _Team Team;

typedef struct
{
  Team  *team;
  guint  index;
} TeamWorker;

struct _Team
{
  GMutex      mutex;
  GCond       wake;
  GCond       idle;
  guint       n_workers;
  GThread    *threads[MAX_THREADS];
  TeamWorker  workers[MAX_THREADS];
  TeamFunc    func;
  gpointer    data;
  guint       n_tasks;
  gint        next_task;
  guint       generation;
  guint       active;
  gboolean    quit;
};

static void
team_drain (Team     *team,
            TeamFunc  func,
            gpointer  data,
            guint     n_tasks,
            guint     worker)
{
  for (;;)
    {
      gint task = g_atomic_int_add (&team->next_task, 1);

      if (task >= (gint) n_tasks)
        break;
      func (data, (guint) task, worker);
    }
}

static gpointer
team_worker_main (gpointer user_data)
{
  TeamWorker *worker = user_data;
  Team *team = worker->team;
  guint seen = 0;

  g_mutex_lock (&team->mutex);
  for (;;)
    {
      TeamFunc func;
      gpointer data;
      guint n_tasks;

      while (!team->quit && team->generation == seen)
        g_cond_wait (&team->wake, &team->mutex);
      if (team->quit)
        break;

      /* Joining under the lock keeps the caller from finishing this generation, and so
       * from starting the next one, while we still hold its parameters. */
      seen = team->generation;
      func = team->func;
      data = team->data;
      n_tasks = team->n_tasks;
      team->active++;
      g_mutex_unlock (&team->mutex);

      team_drain (team, func, data, n_tasks, worker->index);

      g_mutex_lock (&team->mutex);
      if (--team->active == 0)
        g_cond_signal (&team->idle);
    }
  g_mutex_unlock (&team->mutex);

  return NULL;
}

static Team *
team_new (guint n_threads)
{
  Team *team = g_new0 (Team, 1);

  g_mutex_init (&team->mutex);
  g_cond_init (&team->wake);
  g_cond_init (&team->idle);
  team->n_workers = 1;

  for (guint i = 1; i < CLAMP (n_threads, 1, MAX_THREADS); i++)
    {
      team->workers[i].team = team;
      team->workers[i].index = i;
      /* Fewer threads than asked is slower but gives the same results. */
      team->threads[i] = g_thread_try_new ("sc-kmeans", team_worker_main, &team->workers[i],
                                           NULL);
      if (team->threads[i] == NULL)
        break;
      team->n_workers = i + 1;
    }

  return team;
}

static void
team_free (Team *team)
{
  g_mutex_lock (&team->mutex);
  team->quit = TRUE;
  g_cond_broadcast (&team->wake);
  g_mutex_unlock (&team->mutex);

  for (guint i = 1; i < team->n_workers; i++)
    g_thread_join (team->threads[i]);

  g_mutex_clear (&team->mutex);
  g_cond_clear (&team->wake);
  g_cond_clear (&team->idle);
  g_free (team);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Team, team_free)

static void
team_run (Team     *team,
          TeamFunc  func,
          gpointer  data,
          guint     n_tasks)
{
  if (team->n_workers == 1 || n_tasks <= 1)
    {
      for (guint t = 0; t < n_tasks; t++)
        func (data, t, 0);
      return;
    }

  g_mutex_lock (&team->mutex);
  team->func = func;
  team->data = data;
  team->n_tasks = n_tasks;
  g_atomic_int_set (&team->next_task, 0);
  team->generation++;
  team->active++;
  g_cond_broadcast (&team->wake);
  g_mutex_unlock (&team->mutex);

  team_drain (team, func, data, n_tasks, 0);

  g_mutex_lock (&team->mutex);
  team->active--;
  while (team->active > 0)
    g_cond_wait (&team->idle, &team->mutex);
  g_mutex_unlock (&team->mutex);
}

static guint
resolve_threads (guint n_threads)
{
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  return CLAMP (n_threads, 1, MAX_THREADS);
}

/* ------------------------------------------------------------------------------------- */
/* Progress, reported from the calling thread only, mapped into a slice of 0..1. */

typedef struct
{
  ScProgressFunc func;
  gpointer       data;
  double         base;
  double         span;
} Progress;

static void
progress_report (const Progress *progress,
                 double          fraction,
                 const char     *message)
{
  if (progress == NULL || progress->func == NULL)
    return;
  progress->func (progress->base + progress->span * CLAMP (fraction, 0.0, 1.0), message,
                  progress->data);
}

static Progress
progress_slice (const Progress *progress,
                double          from,
                double          to)
{
  Progress slice = *progress;

  slice.base = progress->base + progress->span * from;
  slice.span = progress->span * (to - from);
  return slice;
}

/* ------------------------------------------------------------------------------------- */
/* Kernels.  Each is written once for a dimension d and instantiated for d = 1..8 with a
 * constant d, so that the compiler unrolls the coordinate loop; other d use the generic
 * copy.  The distance is always summed in coordinate order, in every kernel, so that the
 * same point and centre give the same bits wherever they meet. */

#define DISPATCH_D(d, CALL) \
  switch (d) \
    { \
    case 1: CALL (1); break; \
    case 2: CALL (2); break; \
    case 3: CALL (3); break; \
    case 4: CALL (4); break; \
    case 5: CALL (5); break; \
    case 6: CALL (6); break; \
    case 7: CALL (7); break; \
    case 8: CALL (8); break; \
    default: CALL (d); break; \
    }

G_ALWAYS_INLINE static inline double
sqdist (const double *a,
        const double *b,
        guint         d)
{
  double s = 0.0;

#pragma GCC unroll 8
  for (guint j = 0; j < d; j++)
    {
      double t = a[j] - b[j];

      s += t * t;
    }
  return s;
}

/* Nearest centre of x (first one on ties) and its squared distance. */
G_ALWAYS_INLINE static inline guint
nearest (const double *x,
         const double *centers,
         guint         k,
         guint         d,
         double       *dist)
{
  double best = sqdist (x, centers, d);
  guint label = 0;

  for (guint c = 1; c < k; c++)
    {
      double s = sqdist (x, centers + (gsize) c * d, d);

      /* Written as selects, not a branch: which centre wins is unpredictable. */
      label = s < best ? c : label;
      best = s < best ? s : best;
    }
  *dist = best;
  return label;
}

/* Assigns rows i0..i1-1 to their nearest centre; counts per cluster, the inertia and the
 * number of changed labels start from zero.  With sums, also the per-cluster coordinate
 * sums. */
G_ALWAYS_INLINE static inline void
assign_rows_d (const double *x,
               gsize         i0,
               gsize         i1,
               guint         d,
               guint         k,
               const double *centers,
               guint32      *labels,
               double       *sums,
               gsize        *counts,
               double       *inertia,
               gsize        *changed)
{
  double total = 0.0;
  gsize n_changed = 0;

  memset (counts, 0, sizeof (gsize) * k);
  if (sums != NULL)
    memset (sums, 0, sizeof (double) * k * d);

  for (gsize i = i0; i < i1; i++)
    {
      const double *xi = x + i * d;
      double dist;
      guint label = nearest (xi, centers, k, d, &dist);

      n_changed += labels[i] != label;
      labels[i] = label;
      counts[label]++;
      total += dist;
      if (sums != NULL)
        {
          double *s = sums + (gsize) label * d;

          for (guint j = 0; j < d; j++)
            s[j] += xi[j];
        }
    }

  *inertia = total;
  *changed = n_changed;
}

static void
assign_rows (const double *x,
             gsize         i0,
             gsize         i1,
             guint         d,
             guint         k,
             const double *centers,
             guint32      *labels,
             double       *sums,
             gsize        *counts,
             double       *inertia,
             gsize        *changed)
{
#define ASSIGN_ROWS(D) \
  assign_rows_d (x, i0, i1, D, k, centers, labels, sums, counts, inertia, changed)
  DISPATCH_D (d, ASSIGN_ROWS);
#undef ASSIGN_ROWS
}

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
      closest[i] = sqdist (x + i * d, centers, d);
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
              double s = sqdist (xi, x + candidates[t] * d, d);

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
        closest[i] = MIN (closest[i], sqdist (x + i * d, chosen, d));
    }
}

static void
kmeanspp (const double *x,
          gsize         n,
          guint         d,
          guint         k,
          ScRng        *rng,
          double       *centers,
          double       *closest)
{
#define KMEANSPP(D) kmeanspp_d (x, n, D, k, rng, centers, closest)
  DISPATCH_D (d, KMEANSPP);
#undef KMEANSPP
}

/* ------------------------------------------------------------------------------------- */
/* Assignment passes over all rows, chunked for determinism (see the top of the file). */

typedef struct
{
  const double *x;
  gsize         n;
  guint         d;
} Points;

/* Per-chunk partial results live in "slots".  Each slot's arrays start on their own cache
 * lines (strides rounded up to 64 bytes, aligned allocations), so that threads filling
 * neighbouring slots never write to the same line: packed, the per-row count increments of
 * two threads would bounce one line between the cores. */
#define LINE_DOUBLES (64 / sizeof (double))

typedef struct
{
  guint    k, d;
  guint    n_slots;
  gsize    sums_stride;    /* doubles per slot, >= k * d */
  gsize    counts_stride;  /* gsize per slot, >= k */
  double  *slot_sums;      /* n_slots * sums_stride */
  gsize   *slot_counts;    /* n_slots * counts_stride */
  double  *slot_inertia;   /* n_slots * LINE_DOUBLES, first of each line used */
  gsize   *slot_changed;   /* n_slots * LINE_DOUBLES, first of each line used */
  double  *sums;           /* k * d, merged */
  gsize   *counts;         /* k, merged */
  double   inertia;
  gsize    changed;
  double  *new_centers;    /* k * d */
} Workspace;

static guint
n_chunks_for (gsize n)
{
  return (guint) ((n + CHUNK_ROWS - 1) / CHUNK_ROWS);
}

static gsize
round_to_line (gsize n_items)
{
  return (n_items + LINE_DOUBLES - 1) / LINE_DOUBLES * LINE_DOUBLES;
}

static gpointer
line_alloc (gsize n_items)
{
  G_STATIC_ASSERT (sizeof (gsize) == sizeof (double));
  return g_aligned_alloc (round_to_line (n_items), sizeof (double), 64);
}

static Workspace *
workspace_new (guint k,
               guint d,
               guint n_slots)
{
  Workspace *ws = g_new0 (Workspace, 1);

  n_slots = MAX (n_slots, 1);
  ws->k = k;
  ws->d = d;
  ws->n_slots = n_slots;
  ws->sums_stride = round_to_line ((gsize) k * d);
  ws->counts_stride = round_to_line (k);
  ws->slot_sums = line_alloc (n_slots * ws->sums_stride);
  ws->slot_counts = line_alloc (n_slots * ws->counts_stride);
  ws->slot_inertia = line_alloc (n_slots * LINE_DOUBLES);
  ws->slot_changed = line_alloc (n_slots * LINE_DOUBLES);
  ws->sums = line_alloc ((gsize) k * d);
  ws->counts = line_alloc (k);
  ws->new_centers = line_alloc ((gsize) k * d);
  return ws;
}

static void
workspace_free (Workspace *ws)
{
  if (ws == NULL)
    return;
  g_aligned_free (ws->slot_sums);
  g_aligned_free (ws->slot_counts);
  g_aligned_free (ws->slot_inertia);
  g_aligned_free (ws->slot_changed);
  g_aligned_free (ws->sums);
  g_aligned_free (ws->counts);
  g_aligned_free (ws->new_centers);
  g_free (ws);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Workspace, workspace_free)

typedef struct
{
  const Points *points;
  const double *centers;
  guint32      *labels;
  Workspace    *ws;
  gboolean      with_sums;
} AssignJob;

static void
assign_chunk (const AssignJob *job,
              guint            chunk,
              guint            slot)
{
  const Points *p = job->points;
  Workspace *ws = job->ws;
  gsize i0 = (gsize) chunk * CHUNK_ROWS;
  gsize i1 = MIN (p->n, i0 + CHUNK_ROWS);

  assign_rows (p->x, i0, i1, p->d, ws->k, job->centers, job->labels,
               job->with_sums ? ws->slot_sums + slot * ws->sums_stride : NULL,
               ws->slot_counts + slot * ws->counts_stride,
               &ws->slot_inertia[slot * LINE_DOUBLES], &ws->slot_changed[slot * LINE_DOUBLES]);
}

static void
assign_task (gpointer data,
             guint    task,
             guint    worker)
{
  assign_chunk (data, task, task);
}

static void
merge_slot (Workspace *ws,
            guint      slot,
            gboolean   with_sums)
{
  const double *sums = ws->slot_sums + slot * ws->sums_stride;
  const gsize *counts = ws->slot_counts + slot * ws->counts_stride;

  if (with_sums)
    for (gsize j = 0; j < (gsize) ws->k * ws->d; j++)
      ws->sums[j] += sums[j];
  for (guint c = 0; c < ws->k; c++)
    ws->counts[c] += counts[c];
  ws->inertia += ws->slot_inertia[slot * LINE_DOUBLES];
  ws->changed += ws->slot_changed[slot * LINE_DOUBLES];
}

/* Labels every row with its nearest centre; leaves the merged counts, inertia, changed
 * count and (with_sums) coordinate sums in ws.  Runs the chunks on the team when the
 * workspace has a slot per chunk, else one after the other; the result is the same. */
static void
assign_pass (const Points *points,
             Team         *team,
             const double *centers,
             guint32      *labels,
             Workspace    *ws,
             gboolean      with_sums)
{
  AssignJob job = { points, centers, labels, ws, with_sums };
  guint n_chunks = n_chunks_for (points->n);

  if (with_sums)
    memset (ws->sums, 0, sizeof (double) * ws->k * ws->d);
  memset (ws->counts, 0, sizeof (gsize) * ws->k);
  ws->inertia = 0.0;
  ws->changed = 0;

  if (team != NULL && team->n_workers > 1 && n_chunks > 1 && ws->n_slots >= n_chunks)
    {
      team_run (team, assign_task, &job, n_chunks);
      for (guint c = 0; c < n_chunks; c++)
        merge_slot (ws, c, with_sums);
    }
  else
    {
      for (guint c = 0; c < n_chunks; c++)
        {
          assign_chunk (&job, c, 0);
          merge_slot (ws, 0, with_sums);
        }
    }
}

G_ALWAYS_INLINE static inline double
sse_rows_d (const double  *x,
            gsize          i0,
            gsize          i1,
            guint          d,
            const double  *centers,
            const guint32 *labels)
{
  double total = 0.0;

  for (gsize i = i0; i < i1; i++)
    total += sqdist (x + i * d, centers + (gsize) labels[i] * d, d);
  return total;
}

static double
sse_rows (const double  *x,
          gsize          i0,
          gsize          i1,
          guint          d,
          const double  *centers,
          const guint32 *labels)
{
  double total = 0.0;

#define SSE_ROWS(D) total = sse_rows_d (x, i0, i1, D, centers, labels)
  DISPATCH_D (d, SSE_ROWS);
#undef SSE_ROWS

  return total;
}

typedef struct
{
  const Points  *points;
  const double  *centers;
  const guint32 *labels;
  Workspace     *ws;
} SseJob;

static void
sse_task (gpointer data,
          guint    task,
          guint    worker)
{
  SseJob *job = data;
  gsize i0 = (gsize) task * CHUNK_ROWS;
  gsize i1 = MIN (job->points->n, i0 + CHUNK_ROWS);

  job->ws->slot_inertia[task * LINE_DOUBLES] = sse_rows (job->points->x, i0, i1,
                                                         job->points->d, job->centers,
                                                         job->labels);
}

/* Sum of squared distances of every row to the centre of its label, summed in chunk
 * order like everything else. */
static double
sse_pass (const Points  *points,
          Team          *team,
          const double  *centers,
          const guint32 *labels,
          Workspace     *ws)
{
  SseJob job = { points, centers, labels, ws };
  guint n_chunks = n_chunks_for (points->n);
  double total = 0.0;

  if (team != NULL && team->n_workers > 1 && n_chunks > 1 && ws->n_slots >= n_chunks)
    {
      team_run (team, sse_task, &job, n_chunks);
      for (guint c = 0; c < n_chunks; c++)
        total += ws->slot_inertia[c * LINE_DOUBLES];
    }
  else
    {
      for (guint c = 0; c < n_chunks; c++)
        {
          gsize i0 = (gsize) c * CHUNK_ROWS;

          total += sse_rows (points->x, i0, MIN (points->n, i0 + CHUNK_ROWS), points->d,
                             centers, labels);
        }
    }

  return total;
}

/* Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM 2010): each row keeps an
 * upper bound on the distance to its centre and a lower bound on the distance to any other
 * centre.  Centre moves loosen them by the distance moved; a row whose upper bound stays
 * below its lower bound, or below half the gap from its centre to the nearest other one,
 * cannot change cluster and skips its k distances.  The labels are those of plain Lloyd;
 * only a tie within rounding could resolve differently, and the same way on every thread
 * count since each row's arithmetic is its own.  Sums are still rebuilt from every row each
 * pass, in chunk order, so centres stay as exact and deterministic as before. */

typedef struct
{
  const double *centers;     /* k * d, the centres this pass assigns to */
  const double *drift;       /* k: how far each centre moved in the last update */
  const double *half_gap;    /* k: half the distance to the nearest other centre */
  double        drift_max;   /* largest drift, of centre drift_argmax */
  double        drift_next;  /* largest drift of the other centres */
  guint         drift_argmax;
  gboolean      first;       /* no bounds yet: scan every row */
} HamerlyState;

G_ALWAYS_INLINE static inline void
hamerly_rows_d (const double       *x,
                gsize               i0,
                gsize               i1,
                guint               d,
                guint               k,
                const HamerlyState *hs,
                guint32            *labels,
                double             *upper,
                double             *lower,
                double             *sums,
                gsize              *counts,
                gsize              *changed)
{
  gsize n_changed = 0;

  memset (counts, 0, sizeof (gsize) * k);
  memset (sums, 0, sizeof (double) * k * d);

  for (gsize i = i0; i < i1; i++)
    {
      const double *xi = x + i * d;
      guint a = labels[i];
      double u = 0.0, l = 0.0;
      gboolean scan = hs->first;
      double *s;

      if (!scan)
        {
          double bound;

          u = upper[i] + hs->drift[a];
          l = lower[i] - (a == hs->drift_argmax ? hs->drift_next : hs->drift_max);
          bound = MAX (hs->half_gap[a], l);
          if (u > bound)
            {
              u = sqrt (sqdist (xi, hs->centers + (gsize) a * d, d));
              scan = u > bound;
            }
        }

      if (scan)
        {
          double best = sqdist (xi, hs->centers, d), second = INFINITY;
          guint label = 0;

          for (guint c = 1; c < k; c++)
            {
              double t = sqdist (xi, hs->centers + (gsize) c * d, d);

              if (t < best)
                {
                  second = best;
                  best = t;
                  label = c;
                }
              else if (t < second)
                second = t;
            }
          u = sqrt (best);
          l = sqrt (second);
          n_changed += label != a;
          a = label;
          labels[i] = a;
        }

      upper[i] = u;
      lower[i] = l;
      counts[a]++;
      s = sums + (gsize) a * d;
      for (guint j = 0; j < d; j++)
        s[j] += xi[j];
    }

  *changed = n_changed;
}

static void
hamerly_rows (const double       *x,
              gsize               i0,
              gsize               i1,
              guint               d,
              guint               k,
              const HamerlyState *hs,
              guint32            *labels,
              double             *upper,
              double             *lower,
              double             *sums,
              gsize              *counts,
              gsize              *changed)
{
#define HAMERLY_ROWS(D) \
  hamerly_rows_d (x, i0, i1, D, k, hs, labels, upper, lower, sums, counts, changed)
  DISPATCH_D (d, HAMERLY_ROWS);
#undef HAMERLY_ROWS
}

typedef struct
{
  const Points       *points;
  const HamerlyState *hs;
  guint32            *labels;
  double             *upper;
  double             *lower;
  Workspace          *ws;
} HamerlyJob;

static void
hamerly_chunk (const HamerlyJob *job,
               guint             chunk,
               guint             slot)
{
  const Points *p = job->points;
  Workspace *ws = job->ws;
  gsize i0 = (gsize) chunk * CHUNK_ROWS;
  gsize i1 = MIN (p->n, i0 + CHUNK_ROWS);

  hamerly_rows (p->x, i0, i1, p->d, ws->k, job->hs, job->labels, job->upper, job->lower,
                ws->slot_sums + slot * ws->sums_stride,
                ws->slot_counts + slot * ws->counts_stride,
                &ws->slot_changed[slot * LINE_DOUBLES]);
  ws->slot_inertia[slot * LINE_DOUBLES] = 0.0;
}

static void
hamerly_task (gpointer data,
              guint    task,
              guint    worker)
{
  hamerly_chunk (data, task, task);
}

/* One Lloyd assignment with bounds; leaves merged sums, counts and changed in ws (not the
 * inertia, which skipped rows never measure). */
static void
hamerly_pass (const Points       *points,
              Team               *team,
              const HamerlyState *hs,
              guint32            *labels,
              double             *upper,
              double             *lower,
              Workspace          *ws)
{
  HamerlyJob job = { points, hs, labels, upper, lower, ws };
  guint n_chunks = n_chunks_for (points->n);

  memset (ws->sums, 0, sizeof (double) * ws->k * ws->d);
  memset (ws->counts, 0, sizeof (gsize) * ws->k);
  ws->inertia = 0.0;
  ws->changed = 0;

  if (team != NULL && team->n_workers > 1 && n_chunks > 1 && ws->n_slots >= n_chunks)
    {
      team_run (team, hamerly_task, &job, n_chunks);
      for (guint c = 0; c < n_chunks; c++)
        merge_slot (ws, c, TRUE);
    }
  else
    {
      for (guint c = 0; c < n_chunks; c++)
        {
          hamerly_chunk (&job, c, 0);
          merge_slot (ws, 0, TRUE);
        }
    }
}

/* ------------------------------------------------------------------------------------- */
/* Lloyd iterations. */

/* An empty cluster takes the point farthest from its current centre (scikit-learn's rule),
 * ties to the lowest row, one point per empty cluster, farthest first.  Works on the merged
 * sums and counts of the last assignment, before they become centres.  Points that sit on
 * their centre are never moved (that would only duplicate a centre), nor the last point of
 * a cluster.  Returns how many clusters were filled. */
static guint
relocate_empty (const Points *points,
                const double *centers,
                guint32      *labels,
                double       *upper,
                double       *lower,
                Workspace    *ws)
{
  guint k = ws->k, d = points->d;
  guint n_empty = 0;
  guint n_far = 0;
  guint n_moved = 0;
  g_autofree guint *empty = g_new (guint, k);
  g_autofree double *far_dist = g_new (double, k);
  g_autofree gsize *far_row = g_new (gsize, k);

  for (guint c = 0; c < k; c++)
    if (ws->counts[c] == 0)
      empty[n_empty++] = c;

  for (gsize i = 0; i < points->n; i++)
    {
      double s = sqdist (points->x + i * d, centers + (gsize) labels[i] * d, d);
      guint pos;

      if (s <= 0.0 || (n_far == n_empty && s <= far_dist[n_far - 1]))
        continue;

      /* Keep the n_empty largest, in descending order; on ties the earlier row stays
       * ahead. */
      pos = MIN (n_far, n_empty - 1);
      if (n_far < n_empty)
        n_far++;
      while (pos > 0 && far_dist[pos - 1] < s)
        {
          far_dist[pos] = far_dist[pos - 1];
          far_row[pos] = far_row[pos - 1];
          pos--;
        }
      far_dist[pos] = s;
      far_row[pos] = i;
    }

  for (guint f = 0; f < n_far && n_moved < n_empty; f++)
    {
      gsize i = far_row[f];
      guint from = labels[i];
      guint to = empty[n_moved];
      const double *xi = points->x + i * d;

      if (ws->counts[from] <= 1)
        continue;

      for (guint j = 0; j < d; j++)
        {
          ws->sums[(gsize) from * d + j] -= xi[j];
          ws->sums[(gsize) to * d + j] = xi[j];
        }
      ws->counts[from]--;
      ws->counts[to] = 1;
      labels[i] = to;
      /* No bounds hold for a row that changed cluster this way: the next pass scans it. */
      upper[i] = INFINITY;
      lower[i] = 0.0;
      n_moved++;
    }

  return n_moved;
}

typedef struct
{
  double        tol;        /* absolute: relative tol times the mean column variance */
  guint         max_iter;
  GCancellable *cancellable;
} LloydOptions;

/* Drift of each centre, the two largest drifts, and half the gap from each centre to its
 * nearest neighbour, for the next pass's bounds. */
static void
hamerly_prepare (HamerlyState *hs,
                 const double *old_centers,
                 const double *centers,
                 double       *drift,
                 double       *half_gap,
                 guint         k,
                 guint         d)
{
  hs->drift_max = 0.0;
  hs->drift_next = 0.0;
  hs->drift_argmax = 0;

  for (guint c = 0; c < k; c++)
    {
      drift[c] = sqrt (sqdist (old_centers + (gsize) c * d, centers + (gsize) c * d, d));
      if (drift[c] > hs->drift_max)
        {
          hs->drift_next = hs->drift_max;
          hs->drift_max = drift[c];
          hs->drift_argmax = c;
        }
      else if (drift[c] > hs->drift_next)
        hs->drift_next = drift[c];
    }

  for (guint c = 0; c < k; c++)
    {
      double nearest_gap = INFINITY;

      for (guint o = 0; o < k; o++)
        if (o != c)
          nearest_gap = MIN (nearest_gap,
                             sqdist (centers + (gsize) c * d, centers + (gsize) o * d, d));
      half_gap[c] = 0.5 * sqrt (nearest_gap);
    }

  hs->centers = centers;
  hs->drift = drift;
  hs->half_gap = half_gap;
  hs->first = FALSE;
}

/* Runs Lloyd from centers (updated in place) until the summed squared centre shift is
 * within tol, or max_iter updates.  labels, upper and lower are n-row scratch (their input
 * is ignored).  On return labels are the nearest centres of the returned centers, and ws
 * holds that assignment's counts, coordinate sums and inertia.  FALSE when cancelled. */
static gboolean
lloyd (const Points       *points,
       Team               *team,
       Workspace          *ws,
       const LloydOptions *options,
       const Progress     *progress,
       double             *centers,
       guint32            *labels,
       double             *upper,
       double             *lower,
       guint              *n_iter)
{
  guint k = ws->k, d = points->d;
  g_autofree double *drift = g_new (double, k);
  g_autofree double *half_gap = g_new (double, k);
  HamerlyState hs = { centers, NULL, NULL, 0.0, 0.0, 0, TRUE };
  gboolean converged = FALSE;
  guint iter = 0;

  for (;;)
    {
      guint n_empty = 0;
      guint n_moved = 0;
      double shift = 0.0;

      if (g_cancellable_is_cancelled (options->cancellable))
        return FALSE;

      hamerly_pass (points, team, &hs, labels, upper, lower, ws);
      if (iter >= options->max_iter)
        break;

      for (guint c = 0; c < k; c++)
        n_empty += ws->counts[c] == 0;
      if (converged && n_empty == 0)
        break;
      if (n_empty > 0)
        n_moved = relocate_empty (points, centers, labels, upper, lower, ws);
      if (converged && n_moved == 0)
        break;

      for (guint c = 0; c < k; c++)
        {
          const double *old = centers + (gsize) c * d;
          double *fresh = ws->new_centers + (gsize) c * d;

          for (guint j = 0; j < d; j++)
            {
              double t;

              fresh[j] = ws->counts[c] > 0 ? ws->sums[(gsize) c * d + j] / ws->counts[c]
                                           : old[j];
              t = fresh[j] - old[j];
              shift += t * t;
            }
        }
      /* Swapped, so that new_centers keeps the old centres for the drifts. */
      for (gsize j = 0; j < (gsize) k * d; j++)
        {
          double t = centers[j];

          centers[j] = ws->new_centers[j];
          ws->new_centers[j] = t;
        }
      hamerly_prepare (&hs, ws->new_centers, centers, drift, half_gap, k, d);
      iter++;

      /* Unchanged labels give unchanged centres, shift 0: scikit-learn's "strict
       * convergence" is the case tol = 0 of this test. */
      converged = shift <= options->tol && n_moved == 0;

      if (progress != NULL)
        progress_report (progress, 1.0 - pow (0.85, iter), _("Refining segments…"));
    }

  /* Skipped rows measured nothing: the inertia of the final labels, in one more pass. */
  ws->inertia = sse_pass (points, team, centers, labels, ws);
  *n_iter = iter;
  return TRUE;
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
             Team           *chunk_team)
{
  const Points *p = job->points;
  double *centers = job->centers + (gsize) r * job->k * p->d;
  ScRng rng;

  if (g_cancellable_is_cancelled (job->options->cancellable))
    return;

  sc_rng_init_stream (&rng, job->seed, r);
  kmeanspp (p->x, p->n, p->d, job->k, &rng, centers, scratch->closest);
  if (!lloyd (p, chunk_team, scratch->ws, job->options, NULL, centers, scratch->labels,
              scratch->closest, scratch->lower, &job->n_iter[r]))
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
              Team               *team,
              const Progress     *progress,
              double             *centers,
              double             *inertia,
              guint              *n_iter)
{
  gboolean parallel = team->n_workers > 1 && n_init > 1;
  guint n_scratch = parallel ? team->n_workers : 1;
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
      scratch[w].ws = workspace_new (k, points->d, parallel ? 1 : n_chunks_for (points->n));
    }

  if (parallel)
    team_run (team, restart_task, &job, n_init);
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
      workspace_free (scratch[w].ws);
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

/* Copies the rows of a sorted sample into a new array. */
static double *
gather_rows (const Points *points,
             const gsize  *rows,
             gsize         m)
{
  double *out = g_new (double, m * points->d);

  for (gsize i = 0; i < m; i++)
    memcpy (out + i * points->d, points->x + rows[i] * points->d,
            sizeof (double) * points->d);
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

/* Fits k clusters to points, canonically ordered.  NULL when cancelled. */
static Fit *
fit_k (const Points     *points,
       const FitOptions *fo,
       Team             *team,
       const Progress   *progress)
{
  guint k = fo->k, d = points->d;
  gsize n = points->n;
  gboolean sampled = fo->restart_sample >= k && n / 2 > fo->restart_sample;
  g_autoptr(Fit) fit = g_new0 (Fit, 1);
  g_autofree double *centers = g_new (double, (gsize) fo->n_init * k * d);
  g_autofree double *inertia = g_new (double, fo->n_init);
  g_autofree guint *n_iter = g_new0 (guint, fo->n_init);
  g_autoptr(Workspace) ws = workspace_new (k, d, n_chunks_for (n));
  g_autofree double *sample_x = NULL;
  g_autofree double *upper = NULL;
  g_autofree double *lower = NULL;
  Points sample;
  Progress restarts_progress = progress_slice (progress, 0.0, sampled ? 0.6 : 0.9);
  gint64 t_start = g_get_monotonic_time (), t_restarts, t_scored = 0;
  guint best = 0;

  fit->k = k;
  fit->centers = g_new (double, (gsize) k * d);
  fit->labels = g_new (guint32, n);
  fit->sizes = g_new (gsize, k);
  fit->restarts_sampled = sampled;

  if (sampled)
    {
      g_autofree gsize *rows = g_new (gsize, fo->restart_sample);
      ScRng rng;

      sc_rng_init_stream (&rng, fo->seed, STREAM_RESTART_SAMPLE);
      sc_rng_sample_sorted (&rng, n, fo->restart_sample, rows);
      sample_x = gather_rows (points, rows, fo->restart_sample);
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
      double best_inertia = INFINITY;

      /* Score each restart by its inertia on all points: one assignment pass each, much
       * cheaper than a restart, and it ranks the candidates on the data that counts. */
      for (guint r = 0; r < fo->n_init; r++)
        {
          if (g_cancellable_is_cancelled (fo->options->cancellable))
            return NULL;
          assign_pass (points, team, centers + (gsize) r * k * d, fit->labels, ws, FALSE);
          if (ws->inertia < best_inertia)
            {
              best_inertia = ws->inertia;
              best = r;
            }
          progress_report (progress, 0.6 + 0.1 * (r + 1) / fo->n_init, _("Finding segments…"));
        }

      t_scored = g_get_monotonic_time ();
      memcpy (fit->centers, centers + (gsize) best * k * d, sizeof (double) * k * d);
      upper = g_new (double, n);
      lower = g_new (double, n);
      if (!lloyd (points, team, ws, fo->options, &finish, fit->centers, fit->labels, upper,
                  lower, &fit->n_iter))
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
      assign_pass (points, team, fit->centers, fit->labels, ws, TRUE);
      fit->n_iter = n_iter[best];
    }

  /* The final update: see "Results" at the top of the file. */
  for (guint c = 0; c < k; c++)
    if (ws->counts[c] > 0)
      for (guint j = 0; j < d; j++)
        fit->centers[(gsize) c * d + j] = ws->sums[(gsize) c * d + j] / ws->counts[c];
  fit->inertia = sse_pass (points, team, fit->centers, fit->labels, ws);
  memcpy (fit->sizes, ws->counts, sizeof (gsize) * k);
  canonicalise (fit, n, d);
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
/* Distinct rows, only needed to explain why a fit left a cluster empty. */

typedef struct
{
  const double *x;
  guint         d;
} RowOrder;

static gint
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const RowOrder *order = user_data;
  const double *pa = order->x + *(const gsize *) a * order->d;
  const double *pb = order->x + *(const gsize *) b * order->d;

  for (guint j = 0; j < order->d; j++)
    if (pa[j] != pb[j])
      return pa[j] < pb[j] ? -1 : 1;
  return 0;
}

static gsize
count_distinct_rows (const Points *points)
{
  RowOrder order = { points->x, points->d };
  g_autofree gsize *rows = g_new (gsize, points->n);
  gsize distinct = points->n > 0;

  for (gsize i = 0; i < points->n; i++)
    rows[i] = i;
  g_qsort_with_data (rows, points->n, sizeof (gsize), compare_rows, &order);
  for (gsize i = 1; i < points->n; i++)
    distinct += compare_rows (&rows[i - 1], &rows[i], &order) != 0;
  return distinct;
}

static gboolean
fit_has_empty_cluster (const Fit *fit)
{
  for (guint c = 0; c < fit->k; c++)
    if (fit->sizes[c] == 0)
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------------------- */
/* Silhouette.  The evaluated points are sorted by cluster and stored by column, so that the
 * distances from one point to a run of others are one contiguous, vectorised loop.  Each
 * pair is measured once: row i walks the points after it, adding each distance both to its
 * own sum for that cluster and to the other point's running sum for i's cluster.  The work is
 * cut into a fixed list of tasks (row ranges inside one cluster, of about equal numbers of
 * pairs), each with its own column sums, merged in task order; and the vector loop keeps
 * eight lanes in every instruction set, reduced by one fixed tree.  So the result has the
 * same bits for any number of threads, with SSE2 or AVX alike. */

#define SIL_TASKS 64

typedef struct
{
  guint   cluster;
  gsize   row0, row1;   /* rows row0..row1-1, all in cluster */
  double *col;          /* m - row0: distance sums from these rows to row0 + index */
} SilTask;

typedef struct
{
  gsize          m;
  guint          d;
  guint          k;
  const double  *cols;      /* d * m: coordinate t of sorted point j at cols[t * m + j] */
  const gsize   *offsets;   /* k + 1 */
  double        *row_sums;  /* m * k: distances from j to later points, per cluster */
  SilTask       *tasks;
  gboolean       use_avx;
  GCancellable  *cancellable;
} SilhouetteJob;

/* Sums sqrt(|p - x_j|²) over j0..j1-1 and adds each term to acc[j - j0].  Lane l of the
 * eight accumulators takes j ≡ j0 + l (mod 8); see above for why this shape is fixed. */
G_ALWAYS_INLINE static inline double
pair_sums_d (const double *cols,
             gsize         stride,
             guint         d,
             const double *p,
             gsize         j0,
             gsize         j1,
             double       *acc)
{
  double sum;
  gsize j = j0;

#if defined(__SSE2__)
  {
    __m128d a0 = _mm_setzero_pd (), a1 = _mm_setzero_pd ();
    __m128d a2 = _mm_setzero_pd (), a3 = _mm_setzero_pd ();
    double lanes[2];

    for (; j + 8 <= j1; j += 8)
      {
        __m128d s0 = _mm_setzero_pd (), s1 = _mm_setzero_pd ();
        __m128d s2 = _mm_setzero_pd (), s3 = _mm_setzero_pd ();
        double *out = acc + (j - j0);

#pragma GCC unroll 8
        for (guint t = 0; t < d; t++)
          {
            const double *c = cols + t * stride + j;
            __m128d pt = _mm_set1_pd (p[t]);
            __m128d u0 = _mm_sub_pd (_mm_loadu_pd (c), pt);
            __m128d u1 = _mm_sub_pd (_mm_loadu_pd (c + 2), pt);
            __m128d u2 = _mm_sub_pd (_mm_loadu_pd (c + 4), pt);
            __m128d u3 = _mm_sub_pd (_mm_loadu_pd (c + 6), pt);

            s0 = _mm_add_pd (s0, _mm_mul_pd (u0, u0));
            s1 = _mm_add_pd (s1, _mm_mul_pd (u1, u1));
            s2 = _mm_add_pd (s2, _mm_mul_pd (u2, u2));
            s3 = _mm_add_pd (s3, _mm_mul_pd (u3, u3));
          }
        s0 = _mm_sqrt_pd (s0);
        s1 = _mm_sqrt_pd (s1);
        s2 = _mm_sqrt_pd (s2);
        s3 = _mm_sqrt_pd (s3);
        a0 = _mm_add_pd (a0, s0);
        a1 = _mm_add_pd (a1, s1);
        a2 = _mm_add_pd (a2, s2);
        a3 = _mm_add_pd (a3, s3);
        _mm_storeu_pd (out, _mm_add_pd (_mm_loadu_pd (out), s0));
        _mm_storeu_pd (out + 2, _mm_add_pd (_mm_loadu_pd (out + 2), s1));
        _mm_storeu_pd (out + 4, _mm_add_pd (_mm_loadu_pd (out + 4), s2));
        _mm_storeu_pd (out + 6, _mm_add_pd (_mm_loadu_pd (out + 6), s3));
      }
    _mm_storeu_pd (lanes, _mm_add_pd (_mm_add_pd (a0, a2), _mm_add_pd (a1, a3)));
    sum = lanes[0] + lanes[1];
  }
#else
  {
    double lanes[8] = { 0.0 };

    for (; j + 8 <= j1; j += 8)
      for (guint l = 0; l < 8; l++)
        {
          double s = 0.0, r;

          for (guint t = 0; t < d; t++)
            {
              double u = cols[t * stride + j + l] - p[t];

              s += u * u;
            }
          r = sqrt (s);
          lanes[l] += r;
          acc[j + l - j0] += r;
        }
    sum = ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6]))
          + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));
  }
#endif

  for (; j < j1; j++)
    {
      double s = 0.0, r;

      for (guint t = 0; t < d; t++)
        {
          double u = cols[t * stride + j] - p[t];

          s += u * u;
        }
      r = sqrt (s);
      sum += r;
      acc[j - j0] += r;
    }

  return sum;
}

static double
pair_sums (const double *cols,
           gsize         stride,
           guint         d,
           const double *p,
           gsize         j0,
           gsize         j1,
           double       *acc)
{
  double sum = 0.0;

#define PAIR_SUMS(D) sum = pair_sums_d (cols, stride, D, p, j0, j1, acc)
  DISPATCH_D (d, PAIR_SUMS);
#undef PAIR_SUMS

  return sum;
}

#ifdef HAVE_AVX_KERNEL
/* The same computation as pair_sums_d, four lanes per instruction: same lanes, same
 * reduction tree, same bits.  Only AVX is enabled, not FMA, so nothing gets contracted. */
__attribute__ ((target ("avx")))
G_ALWAYS_INLINE static inline double
pair_sums_avx_d (const double *cols,
                 gsize         stride,
                 guint         d,
                 const double *p,
                 gsize         j0,
                 gsize         j1,
                 double       *acc)
{
  __m256d lo = _mm256_setzero_pd (), hi = _mm256_setzero_pd ();
  __m256d w;
  __m128d c2;
  double lanes[2];
  double sum;
  gsize j = j0;

  for (; j + 8 <= j1; j += 8)
    {
      __m256d s0 = _mm256_setzero_pd (), s1 = _mm256_setzero_pd ();
      double *out = acc + (j - j0);

#pragma GCC unroll 8
      for (guint t = 0; t < d; t++)
        {
          const double *c = cols + t * stride + j;
          __m256d pt = _mm256_set1_pd (p[t]);
          __m256d u0 = _mm256_sub_pd (_mm256_loadu_pd (c), pt);
          __m256d u1 = _mm256_sub_pd (_mm256_loadu_pd (c + 4), pt);

          s0 = _mm256_add_pd (s0, _mm256_mul_pd (u0, u0));
          s1 = _mm256_add_pd (s1, _mm256_mul_pd (u1, u1));
        }
      s0 = _mm256_sqrt_pd (s0);
      s1 = _mm256_sqrt_pd (s1);
      lo = _mm256_add_pd (lo, s0);
      hi = _mm256_add_pd (hi, s1);
      _mm256_storeu_pd (out, _mm256_add_pd (_mm256_loadu_pd (out), s0));
      _mm256_storeu_pd (out + 4, _mm256_add_pd (_mm256_loadu_pd (out + 4), s1));
    }
  w = _mm256_add_pd (lo, hi);
  c2 = _mm_add_pd (_mm256_castpd256_pd128 (w), _mm256_extractf128_pd (w, 1));
  _mm_storeu_pd (lanes, c2);
  sum = lanes[0] + lanes[1];

  for (; j < j1; j++)
    {
      double s = 0.0, r;

      for (guint t = 0; t < d; t++)
        {
          double u = cols[t * stride + j] - p[t];

          s += u * u;
        }
      r = sqrt (s);
      sum += r;
      acc[j - j0] += r;
    }

  return sum;
}

__attribute__ ((target ("avx")))
static double
pair_sums_avx (const double *cols,
               gsize         stride,
               guint         d,
               const double *p,
               gsize         j0,
               gsize         j1,
               double       *acc)
{
  double sum = 0.0;

#define PAIR_SUMS_AVX(D) sum = pair_sums_avx_d (cols, stride, D, p, j0, j1, acc)
  DISPATCH_D (d, PAIR_SUMS_AVX);
#undef PAIR_SUMS_AVX

  return sum;
}
#endif

static gboolean
cpu_has_avx (void)
{
#ifdef HAVE_AVX_KERNEL
  return __builtin_cpu_supports ("avx");
#else
  return FALSE;
#endif
}

static void
silhouette_task (gpointer data,
                 guint    index,
                 guint    worker)
{
  SilhouetteJob *job = data;
  SilTask *task = &job->tasks[index];
  double p[64];
  g_autofree double *p_heap = job->d > G_N_ELEMENTS (p) ? g_new (double, job->d) : NULL;
  double *point = p_heap != NULL ? p_heap : p;

  if (g_cancellable_is_cancelled (job->cancellable))
    return;

  task->col = g_new0 (double, job->m - task->row0);

  for (gsize i = task->row0; i < task->row1; i++)
    {
      for (guint t = 0; t < job->d; t++)
        point[t] = job->cols[t * job->m + i];

      for (guint c = task->cluster; c < job->k; c++)
        {
          gsize j0 = c == task->cluster ? i + 1 : job->offsets[c];
          gsize j1 = job->offsets[c + 1];
          double *acc = task->col + (j0 - task->row0);
          double sum;

          if (j0 >= j1)
            continue;
#ifdef HAVE_AVX_KERNEL
          if (job->use_avx)
            sum = pair_sums_avx (job->cols, job->m, job->d, point, j0, j1, acc);
          else
#endif
            sum = pair_sums (job->cols, job->m, job->d, point, j0, j1, acc);
          job->row_sums[i * job->k + c] = sum;
        }
    }
}

/* Cuts each cluster's rows into ranges of about total_pairs / SIL_TASKS pairs. */
static GArray *
silhouette_tasks (gsize        m,
                  guint        k,
                  const gsize *offsets)
{
  GArray *tasks = g_array_new (FALSE, TRUE, sizeof (SilTask));
  gsize target = MAX ((m * (m - 1) / 2) / SIL_TASKS, 1);

  for (guint c = 0; c < k; c++)
    {
      gsize start = offsets[c], pairs = 0;

      for (gsize i = offsets[c]; i < offsets[c + 1]; i++)
        {
          pairs += m - 1 - i;
          if (pairs >= target || i + 1 == offsets[c + 1])
            {
              SilTask task = { c, start, i + 1, NULL };

              g_array_append_val (tasks, task);
              start = i + 1;
              pairs = 0;
            }
        }
    }
  return tasks;
}

/* Mean silhouette of rows (all rows when NULL); 0 when fewer than two clusters are
 * present.  *cancelled is set when the cancellable fired. */
static double
silhouette_rows (Team          *team,
                 const double  *x,
                 guint          d,
                 const guint32 *labels,
                 guint          k,
                 const gsize   *rows,
                 gsize          m,
                 GCancellable  *cancellable,
                 gboolean      *cancelled)
{
  g_autofree gsize *offsets = g_new0 (gsize, k + 1);
  g_autofree gsize *fill = g_new (gsize, k);
  g_autofree double *cols = NULL;
  g_autofree guint32 *sorted_labels = NULL;
  g_autofree double *row_sums = NULL;
  g_autofree double *col_sums = NULL;
  g_autoptr(GArray) tasks = NULL;
  SilhouetteJob job;
  guint n_present = 0;
  double total = 0.0;

  *cancelled = FALSE;

  for (gsize i = 0; i < m; i++)
    offsets[labels[rows ? rows[i] : i] + 1]++;
  for (guint c = 0; c < k; c++)
    {
      n_present += offsets[c + 1] > 0;
      offsets[c + 1] += offsets[c];
    }
  if (n_present < 2)
    return 0.0;

  cols = g_new (double, m * d);
  sorted_labels = g_new (guint32, m);
  memcpy (fill, offsets, sizeof (gsize) * k);
  for (gsize i = 0; i < m; i++)
    {
      gsize row = rows ? rows[i] : i;
      guint c = labels[row];
      gsize at = fill[c]++;

      sorted_labels[at] = c;
      for (guint t = 0; t < d; t++)
        cols[t * m + at] = x[row * d + t];
    }

  row_sums = g_new0 (double, m * k);
  col_sums = g_new0 (double, m * k);
  tasks = silhouette_tasks (m, k, offsets);

  job.m = m;
  job.d = d;
  job.k = k;
  job.cols = cols;
  job.offsets = offsets;
  job.row_sums = row_sums;
  job.tasks = (SilTask *) (gpointer) tasks->data;
  job.use_avx = cpu_has_avx ();
  job.cancellable = cancellable;
  team_run (team, silhouette_task, &job, tasks->len);

  for (guint t = 0; t < tasks->len; t++)
    {
      SilTask *task = &g_array_index (tasks, SilTask, t);

      if (task->col != NULL)
        for (gsize j = task->row0 + 1; j < m; j++)
          col_sums[j * k + task->cluster] += task->col[j - task->row0];
      g_clear_pointer (&task->col, g_free);
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      *cancelled = TRUE;
      return 0.0;
    }

  for (gsize j = 0; j < m; j++)
    {
      guint own = sorted_labels[j];
      gsize own_size = offsets[own + 1] - offsets[own];
      double a, b = INFINITY;

      /* A point alone in its cluster counts 0, scikit-learn's convention. */
      if (own_size <= 1)
        continue;

      a = (row_sums[j * k + own] + col_sums[j * k + own]) / (double) (own_size - 1);
      for (guint c = 0; c < k; c++)
        {
          gsize size = offsets[c + 1] - offsets[c];

          if (c != own && size > 0)
            b = MIN (b, (row_sums[j * k + c] + col_sums[j * k + c]) / (double) size);
        }
      total += MAX (a, b) > 0.0 ? (b - a) / MAX (a, b) : 0.0;
    }

  return total / (double) m;
}

/* Exact silhouette when sample_size is 0 or at least n, else on a seeded sample. */
static double
silhouette_sampled (Team          *team,
                    const double  *x,
                    gsize          n,
                    guint          d,
                    const guint32 *labels,
                    guint          k,
                    gsize          sample_size,
                    guint64        seed,
                    GCancellable  *cancellable,
                    gboolean      *cancelled)
{
  g_autofree gsize *rows = NULL;

  if (sample_size > 0 && sample_size < n)
    {
      ScRng rng;

      rows = g_new (gsize, sample_size);
      sc_rng_init_stream (&rng, seed, STREAM_SILHOUETTE);
      sc_rng_sample_sorted (&rng, n, sample_size, rows);
      n = sample_size;
    }

  return silhouette_rows (team, x, d, labels, k, rows, n, cancellable, cancelled);
}

/* ------------------------------------------------------------------------------------- */
/* Public API. */

/**
 * sc_kmeans_params_init:
 * @params: (out caller-allocates): parameters to fill with the defaults
 *
 * Sets every field to its documented default: k chosen automatically in 2..8, 10 restarts,
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
  gsize distinct = count_distinct_rows (points);

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

/* Population variance of each column, averaged: scikit-learn's scale for tol. */
static double
mean_column_variance (const Points *points)
{
  double total = 0.0;

  for (guint j = 0; j < points->d; j++)
    {
      double mean = 0.0, ss = 0.0;

      for (gsize i = 0; i < points->n; i++)
        mean += points->x[i * points->d + j];
      mean /= (double) points->n;
      for (gsize i = 0; i < points->n; i++)
        {
          double t = points->x[i * points->d + j] - mean;

          ss += t * t;
        }
      total += ss / (double) points->n;
    }
  return total / points->d;
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
                    Team                  *team,
                    const Progress        *progress,
                    GCancellable          *cancellable)
{
  gboolean sampled = result->n > params->silhouette_exact_max && params->silhouette_sample > 0;
  gboolean cancelled;

  progress_report (progress, 0.0, _("Measuring how distinct the segments are…"));
  result->silhouette = silhouette_sampled (team, x, result->n, result->d, result->labels,
                                           result->k, sampled ? params->silhouette_sample : 0,
                                           params->seed, cancellable, &cancelled);
  result->silhouette_sampled = sampled && params->silhouette_sample < result->n;
  return !cancelled;
}

static ScKmeansResult *
run_fixed_k (const Points          *points,
             const ScKmeansParams  *params,
             const LloydOptions    *options,
             Team                  *team,
             const Progress        *progress,
             GError               **error)
{
  FitOptions fo = { params->k, MAX (params->n_init, 1), params->seed, params->restart_sample,
                    options };
  Progress fit_progress = progress_slice (progress, 0.0, 0.9);
  Progress sil_progress = progress_slice (progress, 0.9, 1.0);
  g_autoptr(Fit) fit = NULL;
  g_autoptr(ScKmeansResult) result = NULL;

  fit = fit_k (points, &fo, team, &fit_progress);
  if (fit == NULL)
    {
      set_cancelled_error (error);
      return NULL;
    }
  if (fit_has_empty_cluster (fit) && count_distinct_rows (points) < params->k)
    {
      set_too_alike_error (error, points, params->k);
      return NULL;
    }

  result = result_from_fit (fit, points->n, points->d);
  result->n_tried = 1;
  result->tried_k = g_new (guint, 1);
  result->tried_silhouette = g_new (double, 1);
  result->tried_inertia = g_new (double, 1);

  if (!measure_silhouette (result, points->x, params, team, &sil_progress,
                           options->cancellable))
    {
      set_cancelled_error (error);
      return NULL;
    }

  result->tried_k[0] = result->k;
  result->tried_silhouette[0] = result->silhouette;
  result->tried_inertia[0] = result->inertia;
  progress_report (progress, 1.0, NULL);

  return g_steal_pointer (&result);
}

static ScKmeansResult *
run_auto_k (const Points          *points,
            const ScKmeansParams  *params,
            const LloydOptions    *options,
            Team                  *team,
            const Progress        *progress,
            GError               **error)
{
  gsize n = points->n;
  guint k_min = MAX (params->k_min, 2);
  guint k_max = MAX (params->k_max, k_min);
  gboolean search_sampled = params->k_search_sample >= k_min && n > params->k_search_sample;
  g_autofree double *search_x = NULL;
  Points search = *points;
  g_autoptr(GArray) tried_k = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) tried_sil = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tried_inertia = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(Fit) best_fit = NULL;
  g_autoptr(ScKmeansResult) result = NULL;
  double best_silhouette = -INFINITY;
  guint best_k = 0;
  double search_share = search_sampled ? 0.7 : 1.0;

  /* A silhouette needs k < n; with n == k_min the only choice left is k_min. */
  if (n > k_min)
    k_max = MIN (k_max, n - 1);
  else
    k_max = k_min;

  if (search_sampled)
    {
      g_autofree gsize *rows = g_new (gsize, params->k_search_sample);
      ScRng rng;

      sc_rng_init_stream (&rng, params->seed, STREAM_SEARCH_SAMPLE);
      sc_rng_sample_sorted (&rng, n, params->k_search_sample, rows);
      search_x = gather_rows (points, rows, params->k_search_sample);
      search.x = search_x;
      search.n = params->k_search_sample;
    }

  for (guint k = k_min; k <= k_max; k++)
    {
      FitOptions fo = { k, MAX (params->n_init, 1), params->seed, params->restart_sample,
                        options };
      double step = search_share / (k_max - k_min + 1);
      double from = step * (k - k_min);
      Progress fit_progress = progress_slice (progress, from, from + 0.8 * step);
      g_autofree char *message = NULL;
      g_autoptr(Fit) fit = NULL;
      gboolean cancelled;
      gboolean sil_sampled;
      double silhouette;

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Trying %u segment…",
                                              "Trying %u segments…", k), k);
      progress_report (progress, from, message);

      fit = fit_k (&search, &fo, team, &fit_progress);
      if (fit == NULL)
        {
          set_cancelled_error (error);
          return NULL;
        }
      if (fit_has_empty_cluster (fit) && count_distinct_rows (&search) < k)
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
      silhouette = silhouette_sampled (team, search.x, search.n, search.d, fit->labels, k,
                                       sil_sampled ? params->silhouette_sample : 0,
                                       params->seed, options->cancellable, &cancelled);
      if (cancelled)
        {
          set_cancelled_error (error);
          return NULL;
        }

      g_array_append_val (tried_k, k);
      g_array_append_val (tried_sil, silhouette);
      g_array_append_val (tried_inertia, fit->inertia);

      /* Strictly better only: ties keep the smaller k. */
      if (silhouette > best_silhouette)
        {
          best_silhouette = silhouette;
          best_k = k;
          if (!search_sampled)
            {
              g_clear_pointer (&best_fit, fit_free);
              best_fit = g_steal_pointer (&fit);
            }
        }
    }

  if (search_sampled)
    {
      FitOptions fo = { best_k, MAX (params->n_init, 1), params->seed, params->restart_sample,
                        options };
      Progress fit_progress = progress_slice (progress, search_share, 0.95);
      Progress sil_progress = progress_slice (progress, 0.95, 1.0);

      best_fit = fit_k (points, &fo, team, &fit_progress);
      if (best_fit == NULL)
        {
          set_cancelled_error (error);
          return NULL;
        }
      result = result_from_fit (best_fit, n, points->d);
      if (!measure_silhouette (result, points->x, params, team, &sil_progress,
                               options->cancellable))
        {
          set_cancelled_error (error);
          return NULL;
        }
    }
  else
    {
      result = result_from_fit (best_fit, n, points->d);
      /* The search measured these very labels. */
      result->silhouette = best_silhouette;
      result->silhouette_sampled = n > params->silhouette_exact_max
                                   && params->silhouette_sample > 0
                                   && params->silhouette_sample < n;
    }

  result->search_sampled = search_sampled;
  result->n_tried = tried_k->len;
  result->tried_k = (guint *) g_array_free (g_steal_pointer (&tried_k), FALSE);
  result->tried_silhouette = (double *) g_array_free (g_steal_pointer (&tried_sil), FALSE);
  result->tried_inertia = (double *) g_array_free (g_steal_pointer (&tried_inertia), FALSE);
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
  g_autoptr(Team) team = NULL;
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
  if (!check_finite (x, n, d, error))
    return NULL;

  options.tol = params->tol * mean_column_variance (&points);
  options.max_iter = params->max_iter;
  options.cancellable = cancellable;

  team = team_new (resolve_threads (params->n_threads));

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

/**
 * sc_silhouette:
 * @x: (array length=n): n × d points, row-major
 * @n: number of points
 * @d: number of features
 * @labels: (array length=n): cluster of each point, 0..@k-1
 * @k: number of clusters
 * @sample_size: 0 for the exact silhouette; otherwise, when smaller than @n, the silhouette
 *   of a seeded uniform sample of this many points, measured within the sample (as
 *   scikit-learn's sample_size does)
 * @seed: seed of the sample
 * @n_threads: threads to use, 0 for all processors; the result does not depend on it
 *
 * The mean silhouette coefficient (b - a) / max(a, b), where a is a point's mean distance
 * to the other members of its cluster and b its mean distance to the nearest other cluster.
 * A point alone in its cluster counts 0, as in scikit-learn.
 *
 * Returns: the mean silhouette in -1..1, or 0 when fewer than two clusters are present
 */
double
sc_silhouette (const double  *x,
               gsize          n,
               guint          d,
               const guint32 *labels,
               guint          k,
               gsize          sample_size,
               guint64        seed,
               guint          n_threads)
{
  g_autoptr(Team) team = NULL;
  gboolean cancelled;

  g_return_val_if_fail (x != NULL || n == 0, 0.0);
  g_return_val_if_fail (labels != NULL || n == 0, 0.0);
  g_return_val_if_fail (d > 0, 0.0);

  if (n == 0 || k < 2)
    return 0.0;
  for (gsize i = 0; i < n; i++)
    g_return_val_if_fail (labels[i] < k, 0.0);

  team = team_new (resolve_threads (n_threads));
  return silhouette_sampled (team, x, n, d, labels, k, sample_size, seed, NULL, &cancelled);
}

/**
 * sc_standardise:
 * @x: (array length=n): n × d values, row-major, changed in place
 * @n: number of rows
 * @d: number of columns
 * @mean: (out caller-allocates) (array length=d) (nullable): each column's mean
 * @sd: (out caller-allocates) (array length=d) (nullable): each column's population
 *   standard deviation (0 for a constant column)
 *
 * Scales each column to mean 0 and population standard deviation 1.  A constant column
 * becomes all 0, so x = z × sd + mean still holds.
 */
void
sc_standardise (double *x,
                gsize   n,
                guint   d,
                double *mean,
                double *sd)
{
  g_return_if_fail (x != NULL || n == 0);

  for (guint j = 0; j < d; j++)
    {
      double m = 0.0, ss = 0.0, s = 0.0;
      double first = n > 0 ? x[j] : 0.0;
      gboolean constant = TRUE;

      for (gsize i = 0; i < n; i++)
        {
          m += x[i * d + j];
          constant = constant && x[i * d + j] == first;
        }
      m = n > 0 ? m / (double) n : 0.0;

      /* Compare values, not the computed sd: the mean of equal values need not equal
       * them to the last bit, and a tiny sd would blow rounding noise up to ±1. */
      if (!constant)
        {
          for (gsize i = 0; i < n; i++)
            {
              double t = x[i * d + j] - m;

              ss += t * t;
            }
          s = sqrt (ss / (double) n);
        }

      for (gsize i = 0; i < n; i++)
        x[i * d + j] = constant ? 0.0 : (x[i * d + j] - m) / s;

      if (mean != NULL)
        mean[j] = constant ? first : m;
      if (sd != NULL)
        sd[j] = s;
    }
}

/* ------------------------------------------------------------------------------------- */
/* Order statistics. */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Rearranges a[0..n-1] so that a[kth] holds the value it would hold sorted, with nothing
 * larger before it and nothing smaller after it (Hoare's FIND, median-of-three pivot).
 * A step budget bounds adversarial inputs: past it, the remaining range is sorted. */
static double
select_kth (double *a,
            gsize   n,
            gsize   kth)
{
  gssize lo = 0, hi = (gssize) n - 1, k = (gssize) kth;
  guint budget = 2 * g_bit_storage (n) + 8;

  while (lo < hi)
    {
      gssize i = lo, j = hi;
      double x0 = a[lo], x1 = a[lo + (hi - lo) / 2], x2 = a[hi];
      double pivot = MAX (MIN (x0, x1), MIN (MAX (x0, x1), x2));

      if (budget-- == 0)
        {
          qsort (a + lo, (gsize) (hi - lo + 1), sizeof (double), compare_doubles);
          break;
        }

      do
        {
          while (a[i] < pivot)
            i++;
          while (pivot < a[j])
            j--;
          if (i <= j)
            {
              double t = a[i];

              a[i] = a[j];
              a[j] = t;
              i++;
              j--;
            }
        }
      while (i <= j);

      if (j < k)
        lo = i;
      if (k < i)
        hi = j;
    }

  return a[kth];
}

/* Median of the non-NaN values in a (reordered); NAN when there are none. */
static double
median_in_place (double *a,
                 gsize   n)
{
  gsize m = 0;
  double hi, lo;

  for (gsize i = 0; i < n; i++)
    if (!isnan (a[i]))
      a[m++] = a[i];
  if (m == 0)
    return NAN;

  hi = select_kth (a, m, m / 2);
  if (m % 2 == 1)
    return hi;

  lo = a[0];
  for (gsize i = 1; i < m / 2; i++)
    lo = MAX (lo, a[i]);
  return isfinite (lo + hi) ? (lo + hi) / 2.0 : lo / 2.0 + hi / 2.0;
}

/**
 * sc_median:
 * @v: (array length=n): values
 * @n: number of values
 *
 * The median of the values that are not NaN (the mean of the two middle ones when their
 * number is even), by quickselect on a copy: O(n), @v is left untouched.
 *
 * Returns: the median, or NAN when there is no value
 */
double
sc_median (const double *v,
           gsize         n)
{
  g_autofree double *copy = NULL;

  g_return_val_if_fail (v != NULL || n == 0, NAN);

  if (n == 0)
    return NAN;
  copy = g_memdup2 (v, sizeof (double) * n);
  return median_in_place (copy, n);
}

/**
 * sc_robust_z:
 * @v: (array length=n): values
 * @n: number of values
 * @z: (out caller-allocates) (array length=n): robust z-scores
 *
 * Robust z-scores: z = (v − median) / (1.4826 × MAD), MAD being the median absolute
 * deviation from the median.  When more than half the values are equal, MAD is 0 and the
 * scale is 1.2533 × the mean absolute deviation from the median instead (both constants make
 * the scale match the standard deviation of normal data); when that is 0 too, every z is 0.
 * NaN values are ignored by the statistics and give a NaN z.  @z may be @v.
 */
void
sc_robust_z (const double *v,
             gsize         n,
             double       *z)
{
  g_autofree double *dev = NULL;
  double median, mad, scale = 0.0;

  g_return_if_fail (v != NULL || n == 0);
  g_return_if_fail (z != NULL || n == 0);

  if (n == 0)
    return;

  median = sc_median (v, n);
  dev = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    dev[i] = fabs (v[i] - median);
  mad = median_in_place (dev, n);

  if (mad > 0.0)
    scale = 1.4826 * mad;
  else if (!isnan (median))
    {
      double sum = 0.0;
      gsize count = 0;

      for (gsize i = 0; i < n; i++)
        if (!isnan (v[i]))
          {
            sum += fabs (v[i] - median);
            count++;
          }
      scale = 1.2533 * (sum / (double) count);
    }

  for (gsize i = 0; i < n; i++)
    {
      if (isnan (v[i]))
        z[i] = NAN;
      else if (scale > 0.0 && isfinite (scale))
        z[i] = (v[i] - median) / scale;
      else
        z[i] = 0.0;
    }
}
