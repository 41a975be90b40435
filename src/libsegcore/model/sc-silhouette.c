/* sc-silhouette.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The mean silhouette of a clustering, exact or on a seeded sample, as scikit-learn's
 * silhouette_score computes it.
 *
 * The evaluated points are sorted by cluster and stored by column, so that the
 * distances from one point to a run of others are one contiguous, vectorised loop.  Each
 * pair is measured once: row i walks the points after it, adding each distance both to its
 * own sum for that cluster and to the other point's running sum for i's cluster.  The work is
 * cut into a fixed list of tasks (row ranges inside one cluster, of about equal numbers of
 * pairs), each with its own column sums, merged in task order; and the vector loop keeps
 * eight lanes in every instruction set, reduced by one fixed tree.  So the result has the
 * same bits for any number of threads, with SSE2 or AVX alike. */

#include "config.h"

#include <math.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
/* An AVX copy of the kernel, chosen at run time (see pair_sums_avx_d). */
#if defined(__GNUC__) && defined(__x86_64__)
#define HAVE_AVX_KERNEL 1
#include <immintrin.h>
#endif

#include "sc-points-private.h"
#include "sc-rng.h"
#include "sc-silhouette-private.h"

/* The random stream of the sample, one of the streams of the seed (sc-rng.h). */
#define STREAM_SILHOUETTE G_GUINT64_CONSTANT (0x73696c686f756574)

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

/* The kernels' scalar remainder: adds sqrt(|p - x_j|²) for j..j1-1 to @sum and to
 * acc[j - j0], one point at a time. */
G_ALWAYS_INLINE static inline double
pair_sums_tail (const double *cols,
                gsize         stride,
                guint         d,
                const double *p,
                gsize         j,
                gsize         j0,
                gsize         j1,
                double       *acc,
                double        sum)
{
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

  return pair_sums_tail (cols, stride, d, p, j, j0, j1, acc, sum);
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
  SC_DISPATCH_D (d, PAIR_SUMS);
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

  return pair_sums_tail (cols, stride, d, p, j, j0, j1, acc, sum);
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
  SC_DISPATCH_D (d, PAIR_SUMS_AVX);
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
silhouette_rows (ScTeam        *team,
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
  sc_team_run (team, silhouette_task, &job, tasks->len);

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
double
_sc_silhouette_sampled (ScTeam        *team,
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
  g_autoptr(ScTeam) team = NULL;
  gboolean cancelled;

  g_return_val_if_fail (x != NULL || n == 0, 0.0);
  g_return_val_if_fail (labels != NULL || n == 0, 0.0);
  g_return_val_if_fail (d > 0, 0.0);

  if (n == 0 || k < 2)
    return 0.0;
  for (gsize i = 0; i < n; i++)
    g_return_val_if_fail (labels[i] < k, 0.0);

  team = sc_team_new (sc_team_resolve_threads (n_threads));
  return _sc_silhouette_sampled (team, x, n, d, labels, k, sample_size, seed, NULL, &cancelled);
}
