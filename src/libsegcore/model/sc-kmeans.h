/* sc-kmeans.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-stats.h"
#include "sc-types.h"

G_BEGIN_DECLS

/**
 * ScKmeansParams:
 * @k: number of clusters, or 0 to choose it in @k_min..@k_max by silhouette
 * @k_min: smallest k tried when @k is 0 (default 2)
 * @k_max: largest k tried when @k is 0 (default 8)
 * @n_init: k-means++ restarts; the lowest inertia wins (default 10)
 * @seed: seed of every random choice (default 0)
 * @max_iter: Lloyd iterations per restart at most (default 300)
 * @tol: convergence threshold on the summed squared centre shift, relative to the mean
 *   variance of the columns, as in scikit-learn (default 1e-4)
 * @n_threads: worker threads, 0 for g_get_num_processors(); at most 8
 * @silhouette_exact_max: exact silhouette up to this many points (default 20000)
 * @silhouette_sample: above it, the silhouette of a seeded sample of this many points,
 *   measured within the sample (default 10000)
 * @restart_sample: when n is more than twice this, the restarts run on a seeded sample of
 *   this many points and only the best one is finished on all points (default 100000;
 *   0 runs every restart on all points)
 * @k_search_sample: when @k is 0 and n is larger than this, the silhouette search over k
 *   runs on a seeded sample of this many points and only the chosen k is then fitted on
 *   all points (default 50000; 0 searches on all points)
 *
 * Always start from sc_kmeans_params_init(), so that fields added later get defaults.
 */
typedef struct
{
  guint   k;
  guint   k_min, k_max;
  guint   n_init;
  guint64 seed;
  guint   max_iter;
  double  tol;
  guint   n_threads;
  gsize   silhouette_exact_max;
  gsize   silhouette_sample;
  gsize   restart_sample;
  gsize   k_search_sample;
} ScKmeansParams;

void sc_kmeans_params_init (ScKmeansParams *params);

/**
 * ScKmeansResult:
 * @k: number of clusters
 * @d: number of features
 * @n: number of points
 * @labels: (array length=n): cluster of each point, 0..@k-1, in canonical order
 * @centroids: (array length=k*d): cluster means, row-major, in the input space
 * @sizes: (array length=k): points per cluster
 * @inertia: sum of squared distances of the points to their centroid
 * @silhouette: mean silhouette of @labels, exact or on a sample
 * @silhouette_sampled: whether @silhouette was measured on a sample
 * @n_iter: Lloyd iterations of the winning restart (on the restart sample, then on all
 *   points, when the restarts were sampled)
 * @n_tried: number of k tried by the automatic choice (1 when k was fixed)
 * @tried_k: (array length=n_tried): each k tried, ascending
 * @tried_silhouette: (array length=n_tried): its silhouette (on the search sample, when
 *   the search was sampled)
 * @tried_inertia: (array length=n_tried): its inertia (on the search sample, when sampled)
 * @search_sampled: whether the search over k ran on a sample
 * @restarts_sampled: whether the restarts ran on a sample before the winner was finished on
 *   all points
 *
 * Canonical order: clusters are numbered by ascending first coordinate of their centroid,
 * ties broken by the next coordinates, so the same input and seed give the same labels
 * whatever the number of threads.
 */
typedef struct
{
  guint     k, d;
  gsize     n;
  guint32  *labels;
  double   *centroids;
  gsize    *sizes;
  double    inertia;
  double    silhouette;
  gboolean  silhouette_sampled;
  guint     n_iter;
  guint     n_tried;
  guint    *tried_k;
  double   *tried_silhouette;
  double   *tried_inertia;
  gboolean  search_sampled;
  gboolean  restarts_sampled;
} ScKmeansResult;

void            sc_kmeans_result_free (ScKmeansResult        *result);

ScKmeansResult *sc_kmeans_run         (const double          *x,
                                       gsize                  n,
                                       guint                  d,
                                       const ScKmeansParams  *params,
                                       ScProgressFunc         progress,
                                       gpointer               progress_data,
                                       GCancellable          *cancellable,
                                       GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScKmeansResult, sc_kmeans_result_free)

G_END_DECLS
