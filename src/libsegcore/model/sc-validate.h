/* sc-validate.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-features.h"
#include "sc-kmeans.h"

G_BEGIN_DECLS

/* A segment whose stability (mean Jaccard) is below this is flagged unstable (Hennig:
 * below 0.6 a cluster is not found again reliably when the data are resampled). */
#define SC_VALIDATE_UNSTABLE           0.6
/* A feature distinguishes a segment when its mean differs from every other segment's by at
 * least this many standard deviations (of all segmented customers, in the clustering's log
 * scale). */
#define SC_VALIDATE_DISTINCT_EFFECT    0.5
/* Two segments look alike (a merge suggestion) when their means differ by less than this
 * many standard deviations on every clustering feature. */
#define SC_VALIDATE_LOOKALIKE_EFFECT   0.25
#define SC_VALIDATE_DEFAULT_RESAMPLES  20
/* Stability is measured on all segmented customers up to this many, on a seeded sample of
 * this many above. */
#define SC_VALIDATE_STABILITY_BASE     200000

/**
 * ScStabilityParams:
 * @n_resamples: B, the number of subsamples (default 20; 0 measures nothing)
 * @base_max: above this many points, a seeded sample of this many is the base (default
 *   %SC_VALIDATE_STABILITY_BASE)
 * @resample_max: each subsample holds half the base, at most this many points (default
 *   5,000)
 * @n_init: k-means++ restarts of each refit (default 3)
 * @seed: seed of every subsample and refit
 * @n_threads: threads running the refits, 0 for all processors
 *
 * User data of sc_validate_stability(); start from sc_stability_params_init().
 */
typedef struct
{
  guint    n_resamples;
  gsize    base_max;
  gsize    resample_max;
  guint    n_init;
  guint64  seed;
  guint    n_threads;
} ScStabilityParams;

void     sc_stability_params_init (ScStabilityParams *params);

gboolean sc_validate_stability    (const double   *x,
                                   gsize           n,
                                   guint           d,
                                   const guint32  *labels,
                                   guint           k,
                                   double         *stability,
                                   gpointer        params,
                                   GCancellable   *cancellable);

/**
 * ScKScore:
 * @k: a number of segments tried
 * @silhouette: how distinct its segments are, -1..1
 * @smallest_share: its smallest segment's share of the customers with orders
 * @stability: its least stable segment's stability, 0..1; NAN when not measured
 */
typedef struct
{
  guint   k;
  double  silhouette;
  double  smallest_share;
  double  stability;
} ScKScore;

/**
 * ScDistinctFeature:
 * @feature: a clustering feature
 * @effect_size: the smallest difference between the segment's mean and another segment's,
 *   in standard deviations of all segmented customers (log scale), at least
 *   %SC_VALIDATE_DISTINCT_EFFECT
 * @direction: +1 when the segment is higher than every other, -1 when lower than every
 *   other, 0 when it lies between others yet differs from each
 */
typedef struct
{
  ScFeature feature;
  double    effect_size;
  int       direction;
} ScDistinctFeature;

/**
 * ScSegmentQuality:
 * @position: the segment's position in its run
 * @stability: mean Jaccard of the segment with its best match over the resamples, 0..1;
 *   NAN when not measured (a segment set apart from the clustering, or too few customers)
 * @unstable: @stability is below %SC_VALIDATE_UNSTABLE
 * @clustered: the segment came out of the clustering (not a group set apart)
 * @n_distinct: number of entries in @distinct
 * @distinct: (array length=n_distinct): the features that set it apart from every other
 *   clustered segment, largest effect first
 */
typedef struct
{
  guint              position;
  double             stability;
  gboolean           unstable;
  gboolean           clustered;
  guint              n_distinct;
  ScDistinctFeature *distinct;
} ScSegmentQuality;

/**
 * ScMergeSuggestion:
 * @a: position of the first segment
 * @b: position of the second (@a < @b)
 * @largest_feature: the feature on which they differ most
 * @largest_difference: that difference, in standard deviations, below
 *   %SC_VALIDATE_LOOKALIKE_EFFECT
 * @reason: why, in a sentence for people
 */
typedef struct
{
  guint      a, b;
  ScFeature  largest_feature;
  double     largest_difference;
  char      *reason;
} ScMergeSuggestion;

/**
 * ScValidation:
 * @k_auto: k was chosen automatically
 * @k_min: low end of the range searched (= @k_max = k when k was set)
 * @k_max: high end
 * @min_share: a segment's smallest share of the customers with orders for a k to be usable
 * @tolerance: silhouette tolerance of the choice
 * @min_stability: each segment's stability for a k to be usable
 * @n_resamples: B, the subsamples behind each stability (0: not measured)
 * @stability_sampled: stability was measured on a sample of the customers
 * @chosen_k: the k of the run
 * @choice: why it was chosen
 * @explanation: the choice in plain words
 * @n_k: rows of @k_table
 * @k_table: (array length=n_k): each k tried, ascending
 * @n_segments: entries of @segments, the run's segments
 * @segments: (array length=n_segments): by position
 * @n_merges: entries of @merges
 * @merges: (array length=n_merges): pairs of clustered segments that look alike
 *
 * The quality of one run, stored with it.
 */
typedef struct
{
  gboolean           k_auto;
  guint              k_min, k_max;
  double             min_share;
  double             tolerance;
  double             min_stability;
  guint              n_resamples;
  gboolean           stability_sampled;
  guint              chosen_k;
  ScKChoice          choice;
  char              *explanation;
  guint              n_k;
  ScKScore          *k_table;
  guint              n_segments;
  ScSegmentQuality  *segments;
  guint              n_merges;
  ScMergeSuggestion *merges;
} ScValidation;

ScValidation *sc_validation_compute     (const ScKmeansResult  *km,
                                         const ScKmeansParams  *params,
                                         const ScFeature       *features,
                                         const double          *x,
                                         const guint32         *positions,
                                         guint                  n_segments,
                                         double                 share_scale,
                                         guint                  n_resamples);
char         *sc_validation_explain     (const ScValidation    *validation);
ScValidation *sc_validation_copy        (const ScValidation    *validation);
void          sc_validation_free        (ScValidation          *validation);
const ScSegmentQuality *sc_validation_get_segment (const ScValidation *validation,
                                                   guint               position);
const char   *sc_k_choice_to_string     (ScKChoice              choice);
gboolean      sc_k_choice_from_string   (const char            *s,
                                         ScKChoice             *choice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScValidation, sc_validation_free)

G_END_DECLS
