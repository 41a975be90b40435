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
 * ScKmeansStabilityFunc:
 * @x: (array length=n): the n × d points a clustering was fitted on
 * @n: number of points
 * @d: number of features
 * @labels: (array length=n): the cluster of each point, 0..@k-1
 * @k: number of clusters
 * @stability: (out caller-allocates) (array length=k): per cluster, how stable it is, 0..1
 *   (NAN when it could not be measured)
 * @user_data: the data given with the function
 * @cancellable: (nullable): to poll
 *
 * Measures how stable each cluster of a clustering is (sc-validate.c: Hennig's
 * resampling Jaccard). Called from the thread running sc_kmeans_run().
 *
 * Returns: %FALSE when cancelled
 */
typedef gboolean (*ScKmeansStabilityFunc) (const double   *x,
                                           gsize           n,
                                           guint           d,
                                           const guint32  *labels,
                                           guint           k,
                                           double         *stability,
                                           gpointer        user_data,
                                           GCancellable   *cancellable);

/**
 * ScKChoice:
 * @SC_K_CHOICE_FIXED: k was given
 * @SC_K_CHOICE_BEST: the k with the highest silhouette met every criterion
 * @SC_K_CHOICE_WITHIN_TOLERANCE: the highest silhouette's k failed a criterion; the chosen
 *   k meets them all with a silhouette within the tolerance of the highest
 * @SC_K_CHOICE_OUTSIDE_TOLERANCE: no k within the tolerance met every criterion; the
 *   chosen k is the best one that does
 * @SC_K_CHOICE_FEWER_GROUPS: no k of the range met every criterion: the data supports
 *   fewer usable groups than the range's low end; the chosen k is the most distinct one
 *   whose segments are all large enough (or the most distinct one)
 *
 * Why sc_kmeans_run() chose its k (see "Automatic k" in sc-kmeans-choice.c).
 */
typedef enum
{
  SC_K_CHOICE_FIXED,
  SC_K_CHOICE_BEST,
  SC_K_CHOICE_WITHIN_TOLERANCE,
  SC_K_CHOICE_OUTSIDE_TOLERANCE,
  SC_K_CHOICE_FEWER_GROUPS,
} ScKChoice;

/* Defaults of the choice rule (sc_kmeans_params_init()). */
#define SC_KMEANS_DEFAULT_TOLERANCE     0.05
/* Hennig (2007): clusters with a mean Jaccard of 0.75 or more under resampling are stable,
 * valid ones. */
#define SC_KMEANS_DEFAULT_MIN_STABILITY 0.75

/**
 * ScKmeansParams:
 * @k: number of clusters, or 0 to choose it in @k_min..@k_max (see #ScKChoice)
 * @k_min: smallest k tried when @k is 0 (default 2)
 * @k_max: largest k tried when @k is 0 (default 8)
 * @min_share: a k is usable when its smallest cluster holds at least this share of the
 *   points (default 0: any)
 * @silhouette_tolerance: a usable k whose silhouette is within this of the highest is
 *   preferred to any k further away (default %SC_KMEANS_DEFAULT_TOLERANCE)
 * @min_stability: with @stability, a k is usable when each cluster's stability is at least
 *   this (default %SC_KMEANS_DEFAULT_MIN_STABILITY)
 * @stability: (nullable): measures each cluster's stability for every k tried and for the
 *   result; %NULL: not measured
 * @stability_data: data for @stability
 * @skip_silhouette: no silhouette at all (the result's is NAN) and only with a fixed k:
 *   for refits, such as the resamples of a stability check
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
 *   runs on a seeded sample of this many points and only the chosen k is then refined on
 *   all points, by Lloyd from the sample's fit (default 50000; 0 searches on all points)
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
  double  min_share;
  double  silhouette_tolerance;
  double  min_stability;
  ScKmeansStabilityFunc stability;
  gpointer stability_data;
  gboolean skip_silhouette;
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
 * @tried_smallest_share: (array length=n_tried): its smallest cluster's share of the points
 *   (of the search sample, when sampled)
 * @tried_stability: (array length=n_tried): its least stable cluster's stability; NAN when
 *   not measured
 * @stability: (array length=k) (nullable): each cluster's stability; %NULL when not measured
 * @choice: why k was chosen
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
  double   *tried_smallest_share;
  double   *tried_stability;
  double   *stability;
  ScKChoice choice;
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
