/* sc-kmeans-lloyd.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The inner loops of k-means: assignment passes over all rows and Lloyd iterations with
 * Hamerly's bounds.  Every sum over rows is taken over fixed chunks of CHUNK_ROWS rows, each
 * chunk adding from zero into its own slot, and the slots are merged in chunk order; so the
 * results have the same bits whether the chunks run on one thread or on eight (see
 * "Determinism" in sc-kmeans.c). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-kmeans-private.h"

/* Rows per work unit.  Part of the numerical definition of the results (the order of
 * additions), so changing it changes the last bits of every output. */
#define CHUNK_ROWS 4096

/* ------------------------------------------------------------------------------------- */
/* Kernels (see SC_DISPATCH_D in sc-points-private.h). */

/* Nearest centre of x (first one on ties) and its squared distance. */
G_ALWAYS_INLINE static inline guint
nearest (const double *x,
         const double *centers,
         guint         k,
         guint         d,
         double       *dist)
{
  double best = _sc_sqdist (x, centers, d);
  guint label = 0;

  for (guint c = 1; c < k; c++)
    {
      double s = _sc_sqdist (x, centers + (gsize) c * d, d);

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

/* ------------------------------------------------------------------------------------- */
/* Assignment passes over all rows, chunked for determinism (see the top of this file). */

guint
_sc_kmeans_n_chunks (gsize n)
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

Workspace *
_sc_kmeans_workspace_new (guint k,
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

void
_sc_kmeans_workspace_free (Workspace *ws)
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

/* A pass computes each chunk of rows into a slot of the workspace, then merges the slots
 * in chunk order. */
typedef void (*ChunkFunc) (gpointer job,
                           gsize    i0,
                           gsize    i1,
                           guint    slot);
typedef void (*MergeFunc) (gpointer merge_data,
                           guint    slot);

typedef struct
{
  ChunkFunc chunk;
  gpointer  job;
  gsize     n;
} ChunkRun;

static void
run_chunk (const ChunkRun *run,
           guint           chunk,
           guint           slot)
{
  gsize i0 = (gsize) chunk * CHUNK_ROWS;

  run->chunk (run->job, i0, MIN (run->n, i0 + CHUNK_ROWS), slot);
}

static void
chunk_task (gpointer data,
            guint    task,
            guint    worker)
{
  run_chunk (data, task, task);
}

/* Runs chunk over rows 0..n-1 and merges its slots in chunk order: on the team when the
 * workspace has a slot per chunk, else one chunk after the other through slot 0.  The
 * result is the same either way. */
static void
run_chunks (gsize            n,
            ScTeam          *team,
            const Workspace *ws,
            ChunkFunc        chunk,
            gpointer         job,
            MergeFunc        merge,
            gpointer         merge_data)
{
  ChunkRun run = { chunk, job, n };
  guint n_chunks = _sc_kmeans_n_chunks (n);

  if (team != NULL && sc_team_get_n_workers (team) > 1 && n_chunks > 1
      && ws->n_slots >= n_chunks)
    {
      sc_team_run (team, chunk_task, &run, n_chunks);
      for (guint c = 0; c < n_chunks; c++)
        merge (merge_data, c);
    }
  else
    {
      for (guint c = 0; c < n_chunks; c++)
        {
          run_chunk (&run, c, 0);
          merge (merge_data, 0);
        }
    }
}

static void
workspace_reset (Workspace *ws,
                 gboolean   with_sums)
{
  if (with_sums)
    memset (ws->sums, 0, sizeof (double) * ws->k * ws->d);
  memset (ws->counts, 0, sizeof (gsize) * ws->k);
  ws->inertia = 0.0;
  ws->changed = 0;
}

/* Where a chunk that fills a slot of the workspace writes its partial results. */
typedef struct
{
  double *sums;
  gsize  *counts;
  double *inertia;
  gsize  *changed;
} Slot;

static Slot
workspace_slot (Workspace *ws,
                guint      slot)
{
  Slot out = {
    ws->slot_sums + slot * ws->sums_stride,
    ws->slot_counts + slot * ws->counts_stride,
    &ws->slot_inertia[slot * LINE_DOUBLES],
    &ws->slot_changed[slot * LINE_DOUBLES],
  };

  return out;
}

/* What a pass merges its slots into: the workspace's totals, with or without the sums. */
typedef struct
{
  Workspace *ws;
  gboolean   with_sums;
} SlotMerge;

static void
merge_slot (gpointer data,
            guint    slot)
{
  const SlotMerge *merge = data;
  Workspace *ws = merge->ws;
  Slot in = workspace_slot (ws, slot);

  if (merge->with_sums)
    for (gsize j = 0; j < (gsize) ws->k * ws->d; j++)
      ws->sums[j] += in.sums[j];
  for (guint c = 0; c < ws->k; c++)
    ws->counts[c] += in.counts[c];
  ws->inertia += *in.inertia;
  ws->changed += *in.changed;
}

/* run_chunks() for a chunk that fills workspace slots, merged into the workspace. */
static void
run_workspace_chunks (gsize      n,
                      ScTeam    *team,
                      Workspace *ws,
                      gboolean   with_sums,
                      ChunkFunc  chunk,
                      gpointer   job)
{
  SlotMerge merge = { ws, with_sums };

  run_chunks (n, team, ws, chunk, job, merge_slot, &merge);
}

typedef struct
{
  const Points *points;
  const double *centers;
  guint32      *labels;
  Workspace    *ws;
  gboolean      with_sums;
} AssignJob;

static void
assign_chunk (gpointer data,
              gsize    i0,
              gsize    i1,
              guint    slot)
{
  AssignJob *job = data;
  const Points *p = job->points;
  Slot out = workspace_slot (job->ws, slot);

#define ASSIGN_ROWS(D) \
  assign_rows_d (p->x, i0, i1, D, job->ws->k, job->centers, job->labels, \
                 job->with_sums ? out.sums : NULL, out.counts, out.inertia, out.changed)
  SC_DISPATCH_D (p->d, ASSIGN_ROWS);
#undef ASSIGN_ROWS
}

/* Labels every row with its nearest centre; leaves the merged counts, inertia, changed
 * count and (with_sums) coordinate sums in ws. */
void
_sc_kmeans_assign_pass (const Points *points,
                        ScTeam       *team,
                        const double *centers,
                        guint32      *labels,
                        Workspace    *ws,
                        gboolean      with_sums)
{
  AssignJob job = { points, centers, labels, ws, with_sums };

  workspace_reset (ws, with_sums);
  run_workspace_chunks (points->n, team, ws, with_sums, assign_chunk, &job);
}

/* Scoring works on two candidates at once, one per lane of a vector (GCC's generic vectors:
 * SSE2 on x86-64, NEON on arm64, plain pairs elsewhere).  Each lane does the arithmetic of
 * _sc_sqdist() in the same order and keeps the smallest distance, so each candidate's
 * total has the bits of a scalar assignment pass under it alone. */
typedef double ScorePair __attribute__ ((vector_size (2 * sizeof (double))));
typedef gint64 ScoreMask __attribute__ ((vector_size (2 * sizeof (gint64))));

/* _sc_sqdist() of xi to both centres of a pair, each in its lane. */
G_ALWAYS_INLINE static inline ScorePair
score_sqdist (const double    *xi,
              const ScorePair *centre,
              guint            d)
{
  ScorePair dist = { 0.0, 0.0 };

#pragma GCC unroll 8
  for (guint j = 0; j < d; j++)
    {
      ScorePair t = (ScorePair) { xi[j], xi[j] } - centre[j];

      dist += t * t;
    }
  return dist;
}

/* Inertia of rows i0..i1-1 under each pair of candidate sets of k centres; pairs holds,
 * for pair p, centre c and coordinate j, both candidates' coordinate at
 * ((p × k + c) × d + j).  Each total starts from zero and adds its rows in order. */
G_ALWAYS_INLINE static inline void
score_rows_d (const double    *x,
              gsize            i0,
              gsize            i1,
              guint            d,
              guint            k,
              const ScorePair *pairs,
              guint            n_pairs,
              ScorePair       *inertia)
{
  for (guint p = 0; p < n_pairs; p++)
    inertia[p] = (ScorePair) { 0.0, 0.0 };
  for (gsize i = i0; i < i1; i++)
    {
      const double *xi = x + i * d;

      for (guint p = 0; p < n_pairs; p++)
        {
          const ScorePair *cp = pairs + (gsize) p * k * d;
          ScorePair best = score_sqdist (xi, cp, d);

          for (guint c = 1; c < k; c++)
            {
              ScorePair dist = score_sqdist (xi, cp + (gsize) c * d, d);
              ScoreMask closer = dist < best;

              best = (ScorePair) ((closer & (ScoreMask) dist) | (~closer & (ScoreMask) best));
            }
          inertia[p] += best;
        }
    }
}

typedef struct
{
  const Points    *points;
  const ScorePair *pairs;
  guint            n_pairs;
  guint            k;
  ScorePair       *slot_inertia;   /* n_slots × n_pairs */
  double          *inertia;        /* 2 × n_pairs */
} ScoreJob;

static void
score_chunk (gpointer data,
             gsize    i0,
             gsize    i1,
             guint    slot)
{
  ScoreJob *job = data;
  const Points *p = job->points;

#define SCORE_ROWS(D) \
  score_rows_d (p->x, i0, i1, D, job->k, job->pairs, job->n_pairs, \
                job->slot_inertia + (gsize) slot * job->n_pairs)
  SC_DISPATCH_D (p->d, SCORE_ROWS);
#undef SCORE_ROWS
}

static void
score_merge (gpointer data,
             guint    slot)
{
  ScoreJob *job = data;

  for (guint p = 0; p < job->n_pairs; p++)
    for (guint lane = 0; lane < 2; lane++)
      job->inertia[2 * p + lane] += job->slot_inertia[(gsize) slot * job->n_pairs + p][lane];
}

/* The candidate centres (n × k × d) with the lowest inertia on all points, the first on
 * ties: one pass over the points scores every candidate (each inertia is summed as an
 * assignment pass under that candidate would sum it), much cheaper than a restart, and it
 * ranks the candidates on the data that counts.  Each candidate's inertia goes to
 * inertia_out (n) unless it is NULL.  -1 when cancelled. */
gint
_sc_kmeans_best_on_all (const Points   *points,
                        ScTeam         *team,
                        Workspace      *ws,
                        const double   *candidates,
                        guint           n,
                        double         *inertia_out,
                        GCancellable   *cancellable,
                        const Progress *progress)
{
  guint k = ws->k, d = points->d, n_pairs = (n + 1) / 2;
  gsize stride = (gsize) k * d;
  g_autofree ScorePair *pairs = g_new (ScorePair, MAX (n_pairs, 1) * stride);
  g_autofree ScorePair *slot_inertia = g_new (ScorePair, (gsize) ws->n_slots * MAX (n_pairs, 1));
  g_autofree double *inertia = g_new0 (double, 2 * (gsize) MAX (n_pairs, 1));
  ScoreJob job = { points, pairs, n_pairs, k, slot_inertia, inertia };
  gint best = 0;

  if (g_cancellable_is_cancelled (cancellable))
    return -1;
  /* An odd last candidate shares its pair with a copy of itself. */
  for (guint p = 0; p < n_pairs; p++)
    for (gsize e = 0; e < stride; e++)
      pairs[p * stride + e] = (ScorePair) { candidates[2 * p * stride + e],
                                            candidates[MIN (2 * p + 1, n - 1) * stride + e] };
  run_chunks (points->n, team, ws, score_chunk, &job, score_merge, &job);
  for (guint r = 1; r < n; r++)
    if (inertia[r] < inertia[best])
      best = (gint) r;
  if (inertia_out != NULL)
    memcpy (inertia_out, inertia, sizeof (double) * n);
  progress_report (progress, 1.0, _("Finding segments…"));
  return best;
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
    total += _sc_sqdist (x + i * d, centers + (gsize) labels[i] * d, d);
  return total;
}

typedef struct
{
  const Points  *points;
  const double  *centers;
  const guint32 *labels;
  Workspace     *ws;
  double         total;
} SseJob;

static void
sse_chunk (gpointer data,
           gsize    i0,
           gsize    i1,
           guint    slot)
{
  SseJob *job = data;
  Slot out = workspace_slot (job->ws, slot);

#define SSE_ROWS(D) \
  *out.inertia = sse_rows_d (job->points->x, i0, i1, D, job->centers, job->labels)
  SC_DISPATCH_D (job->points->d, SSE_ROWS);
#undef SSE_ROWS
}

static void
sse_merge (gpointer data,
           guint    slot)
{
  SseJob *job = data;

  job->total += *workspace_slot (job->ws, slot).inertia;
}

/* Sum of squared distances of every row to the centre of its label, summed in chunk
 * order like everything else.  Leaves the merged results in ws untouched. */
double
_sc_kmeans_sse_pass (const Points  *points,
                     ScTeam        *team,
                     const double  *centers,
                     const guint32 *labels,
                     Workspace     *ws)
{
  SseJob job = { points, centers, labels, ws, 0.0 };

  run_chunks (points->n, team, ws, sse_chunk, &job, sse_merge, &job);
  return job.total;
}

/* Counts, coordinate sums and inertia of given labels, from zero in chunk order: the
 * same additions in the same order as an assignment pass that found these labels. */
G_ALWAYS_INLINE static inline void
totals_rows_d (const double  *x,
               gsize          i0,
               gsize          i1,
               guint          d,
               guint          k,
               const double  *centers,
               const guint32 *labels,
               double        *sums,
               gsize         *counts,
               double        *inertia)
{
  double total = 0.0;

  memset (counts, 0, sizeof (gsize) * k);
  memset (sums, 0, sizeof (double) * k * d);
  for (gsize i = i0; i < i1; i++)
    {
      const double *xi = x + i * d;
      double *s = sums + (gsize) labels[i] * d;

      counts[labels[i]]++;
      total += _sc_sqdist (xi, centers + (gsize) labels[i] * d, d);
      for (guint j = 0; j < d; j++)
        s[j] += xi[j];
    }
  *inertia = total;
}

static void
totals_chunk (gpointer data,
              gsize    i0,
              gsize    i1,
              guint    slot)
{
  SseJob *job = data;
  Slot out = workspace_slot (job->ws, slot);

#define TOTALS_ROWS(D) \
  totals_rows_d (job->points->x, i0, i1, D, job->ws->k, job->centers, job->labels, \
                 out.sums, out.counts, out.inertia)
  SC_DISPATCH_D (job->points->d, TOTALS_ROWS);
#undef TOTALS_ROWS
  *out.changed = 0;
}

static void
totals_pass (const Points  *points,
             ScTeam        *team,
             const double  *centers,
             const guint32 *labels,
             Workspace     *ws)
{
  SseJob job = { points, centers, labels, ws, 0.0 };

  workspace_reset (ws, TRUE);
  run_workspace_chunks (points->n, team, ws, TRUE, totals_chunk, &job);
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

/* Nearest centre of xi (first one on ties), its squared distance in *best and the second
 * smallest squared distance in *second; selects, not branches (which centre wins is
 * unpredictable). */
G_ALWAYS_INLINE static inline guint
nearest_two (const double *xi,
             const double *centers,
             guint         k,
             guint         d,
             double       *best_out,
             double       *second_out)
{
  double best = _sc_sqdist (xi, centers, d), second = INFINITY;
  guint label = 0;

#pragma GCC unroll 4
  for (guint c = 1; c < k; c++)
    {
      double t = _sc_sqdist (xi, centers + (gsize) c * d, d);
      gboolean closer = t < best;

      second = closer ? best : (t < second ? t : second);
      label = closer ? c : label;
      best = closer ? t : best;
    }
  *best_out = best;
  *second_out = second;
  return label;
}

/* What a pass over one chunk updates. */
typedef struct
{
  const HamerlyState *hs;
  guint32            *labels;
  double             *upper;
  double             *lower;
  double             *sums;        /* this chunk's slot */
  gsize              *counts;      /* this chunk's slot */
  gsize               n_changed;
} ChunkRows;

/* Row i after a full scan: its bounds, and its move in sums and counts (from zero on the
 * first pass, changes only after). */
G_ALWAYS_INLINE static inline void
hamerly_scan_row (ChunkRows    *rows,
                  const double *xi,
                  gsize         i,
                  guint         d,
                  guint         k)
{
  guint a = rows->labels[i];
  double best, second;
  guint label = nearest_two (xi, rows->hs->centers, k, d, &best, &second);

  rows->upper[i] = sqrt (best);
  rows->lower[i] = sqrt (second);
  if (rows->hs->first)
    {
      double *s = rows->sums + (gsize) label * d;

      rows->counts[label]++;
      for (guint j = 0; j < d; j++)
        s[j] += xi[j];
    }
  else if (label != a)
    {
      /* Changes only: counts wrap below zero and come back in the merge. */
      double *from = rows->sums + (gsize) a * d, *to = rows->sums + (gsize) label * d;

      rows->counts[a]--;
      rows->counts[label]++;
      for (guint j = 0; j < d; j++)
        {
          from[j] -= xi[j];
          to[j] += xi[j];
        }
    }
  rows->n_changed += label != a;
  rows->labels[i] = label;
}

/* After the first pass, in two sweeps over the chunk: the first loosens every row's bounds
 * by the drifts and lists, without a branch, the rows whose bounds no longer prove their
 * label (most rows, once the clusters settle, are not listed: a branch per row would be
 * mispredicted at every other row); the second visits only those, in row order, so every
 * addition happens in the same order as a single sweep's would. */
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
  guint16 todo[CHUNK_ROWS];
  ChunkRows rows = { hs, labels, upper, lower, sums, counts, 0 };
  gsize n_todo = 0;

  G_STATIC_ASSERT (CHUNK_ROWS <= G_MAXUINT16 + 1);
  g_assert (i1 - i0 <= CHUNK_ROWS);

  memset (counts, 0, sizeof (gsize) * k);
  memset (sums, 0, sizeof (double) * k * d);

  if (hs->first)
    {
      for (gsize i = i0; i < i1; i++)
        hamerly_scan_row (&rows, x + i * d, i, d, k);
      *changed = rows.n_changed;
      return;
    }

  {
    /* Locals, so the stores to the bounds cannot make the compiler reload them. */
    const double *drift = hs->drift, *half_gap = hs->half_gap;
    const double drift_max = hs->drift_max, drift_next = hs->drift_next;
    const guint argmax = hs->drift_argmax;

    for (gsize i = i0; i < i1; i++)
      {
        guint a = labels[i];
        double u = upper[i] + drift[a];
        double l = lower[i] - (a == argmax ? drift_next : drift_max);

        upper[i] = u;
        lower[i] = l;
        todo[n_todo] = (guint16) (i - i0);
        n_todo += u > MAX (half_gap[a], l);
      }

    for (gsize t = 0; t < n_todo; t++)
      {
        gsize i = i0 + todo[t];
        const double *xi = x + i * d;
        guint a = labels[i];
        double s = _sc_sqdist (xi, hs->centers + (gsize) a * d, d);
        double bound = MAX (half_gap[a], lower[i]);
        gboolean scan;

        /* sqrt (s) > bound, decided on s alone unless s is within rounding of bound²
         * (bound >= 0: half gaps are), so the branch need not wait for the root. */
        if (s > bound * bound * (1 + 1e-9))
          scan = TRUE;
        else if (s < bound * bound * (1 - 1e-9))
          scan = FALSE;
        else
          scan = sqrt (s) > bound;

        if (scan)
          hamerly_scan_row (&rows, xi, i, d, k);
        else
          upper[i] = sqrt (s);
      }
  }

  *changed = rows.n_changed;
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
hamerly_chunk (gpointer data,
               gsize    i0,
               gsize    i1,
               guint    slot)
{
  HamerlyJob *job = data;
  const Points *p = job->points;
  Slot out = workspace_slot (job->ws, slot);

#define HAMERLY_ROWS(D) \
  hamerly_rows_d (p->x, i0, i1, D, job->ws->k, job->hs, job->labels, job->upper, job->lower, \
                  out.sums, out.counts, out.changed)
  SC_DISPATCH_D (p->d, HAMERLY_ROWS);
#undef HAMERLY_ROWS
  *out.inertia = 0.0;
}

/* One Lloyd assignment with bounds; leaves merged sums, counts and changed in ws (not the
 * inertia, which skipped rows never measure). */
static void
hamerly_pass (const Points       *points,
              ScTeam             *team,
              const HamerlyState *hs,
              guint32            *labels,
              double             *upper,
              double             *lower,
              Workspace          *ws)
{
  HamerlyJob job = { points, hs, labels, upper, lower, ws };

  /* After the first pass the slots hold only what changed, added to the totals kept. */
  if (hs->first)
    workspace_reset (ws, TRUE);
  ws->inertia = 0.0;
  ws->changed = 0;
  run_workspace_chunks (points->n, team, ws, TRUE, hamerly_chunk, &job);
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
      double s = _sc_sqdist (points->x + i * d, centers + (gsize) labels[i] * d, d);
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
      drift[c] = sqrt (_sc_sqdist (old_centers + (gsize) c * d, centers + (gsize) c * d, d));
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
                             _sc_sqdist (centers + (gsize) c * d, centers + (gsize) o * d, d));
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
gboolean
_sc_kmeans_lloyd (const Points       *points,
                  ScTeam             *team,
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

  /* Skipped rows measured nothing, and the totals were updated by changes: the inertia,
   * counts and sums of the final labels from zero, in one more pass. */
  totals_pass (points, team, centers, labels, ws);
  *n_iter = iter;
  return TRUE;
}
