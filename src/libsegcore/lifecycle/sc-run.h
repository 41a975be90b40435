/* sc-run.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-features.h"
#include "sc-store.h"
#include "sc-types.h"
#include "sc-validate.h"

G_BEGIN_DECLS

/* Label of a customer that is in no segment (listed, but without transactions). */
#define SC_LABEL_NONE 0xffff

#define SC_RUN_MAX_FEATURES 16
#define SC_RUN_DEFAULT_OUTLIER_Z 3.5
/* The range automatic k searches, and what may be asked for. */
#define SC_RUN_DEFAULT_K_MIN 3
#define SC_RUN_DEFAULT_K_MAX 6
#define SC_RUN_K_LOWEST 2
#define SC_RUN_K_HIGHEST 10
#define SC_RUN_DEFAULT_MIN_SHARE 0.02

/**
 * ScRunParams:
 * @k: number of segments, 0 to choose it in @k_min..@k_max (see sc-kmeans-choice.c)
 * @seed: k-means seed
 * @n_init: k-means restarts
 * @outlier_z: robust z-score on log spend above which a customer is a top account (see
 *   sc_transform_set_apart(), which also sets anomalies apart); 0 keeps everybody in the
 *   clusters
 * @as_of: the as-of day, or %SC_FEATURES_AS_OF_AUTO (last transaction day + 1)
 * @features: clustering features (log1p, then standardised)
 * @k_min: low end of the automatic search (default 3; 2..10)
 * @k_max: high end (default 6; @k_min..10)
 * @min_share: for automatic k, every segment holds at least this share of the customers
 *   with orders (default 0.02)
 * @n_resamples: subsamples behind each segment's stability (default 20; 0 skips it)
 */
typedef struct
{
  guint      k;
  guint64    seed;
  guint      n_init;
  double     outlier_z;
  ScDay      as_of;
  guint      n_features;
  ScFeature  features[SC_RUN_MAX_FEATURES];
  guint      k_min, k_max;
  double     min_share;
  guint      n_resamples;
} ScRunParams;

void sc_run_params_init (ScRunParams *params);

typedef struct
{
  gint64    id;                 /* row in the project */
  guint     position;           /* the label value of its members; also priority order */
  char     *name;
  char     *suggested_name;
  char     *description;
  guint     colour;             /* palette index */
  ScSegmentKind kind;
  gboolean  is_outliers;        /* kind == SC_SEGMENT_KIND_ANOMALIES: grey, ranked last */
  guint64   size;
  double    share;
  double    revenue;
  double    revenue_share;
  double    recency;            /* member means, original units */
  double    frequency;
  double    monetary;
  char     *profile;            /* what distinguishes it, one sentence for people */
  double    value;              /* member means of the current CLV model; NAN without one */
  double    potential;
  double    p_alive;
  char     *quadrant;           /* sc_quadrant_to_string() of an ScQuadrant, or NULL */
  /* What people decide (the editor): */
  guint     priority;           /* rank, 1 = most important */
  char     *quadrant_override;  /* NULL: the computed quadrant stands */
  char     *service_tier;       /* "high", "mid", "low" or NULL */
  char     *owner;
  char     *objective;
  char     *tactics;
} ScSegmentInfo;

/* The quadrant that counts: the user's override, else the computed one. */
const char *sc_segment_info_get_quadrant (const ScSegmentInfo *info);
const char *sc_service_tier_to_label (const char *tier);
void        sc_segment_info_copy  (const ScSegmentInfo *src,
                                   ScSegmentInfo       *dest);
void        sc_segment_info_clear (ScSegmentInfo       *info);

typedef struct
{
  gint64         id;
  char          *created_at;
  guint64        data_version;  /* the project's data version when saved: a later import makes
                                 * the run stale (sc_store_get_data_version) */
  ScRunParams    params;
  guint          k;             /* clusters (positions 0..k-1); top accounts and anomalies
                                 * follow them */
  gboolean       k_auto;
  double         inertia;
  double         silhouette;
  gboolean       silhouette_sampled;
  char          *k_scores;      /* "k=silhouette" per line when k was chosen */
  guint32        n_customers;
  guint16       *labels;        /* n_customers: segment position or SC_LABEL_NONE */
  guint          n_segments;
  ScSegmentInfo *segments;      /* n_segments, in position order */
  double         value_threshold;      /* grid dividers: medians of the segments; NAN */
  double         potential_threshold;  /* without a CLV model */
  /* The transform and centroids, to score customers against these segments later:
   * z = (log1p (max (feature, 0)) − mean) / sd per clustering feature, and k centroids
   * (k × n_features, row = segment position) in that space. sd 0 means a constant
   * feature (z = 0). */
  double         mean[SC_RUN_MAX_FEATURES];
  double         sd[SC_RUN_MAX_FEATURES];
  double        *centroids;
  /* How k was chosen and how good the segments are (sc-validate.h); NULL for a run shaped
   * by hand or scored, which no clustering validated. */
  ScValidation  *validation;
} ScRun;

void   sc_run_free             (ScRun          *run);
ScRun *sc_run_copy             (const ScRun    *run);
/* Segments in priority order (rank 1 first): an array of n_segments indexes into
 * run->segments, g_free it. */
guint *sc_run_priority_order   (const ScRun    *run);

/* sc_run_segment() is in sc-rerun.h: a re-run involves snapshots and carry-over. */

struct _ScPotential;

/* Places the run's segments on the value × potential grid from a fitted model (member means,
 * thresholds = medians over the segments, outliers aside) and stores it. */
gboolean sc_run_apply_potential (ScStore                  *store,
                                 ScRun                    *run,
                                 const struct _ScPotential *potential,
                                 GError                  **error);

ScFeatures *sc_run_load_customer_features (ScStore       *store,
                                           ScDay          as_of,
                                           GError       **error);

/* The current run, or NULL without error when the project has none. */
ScRun *sc_run_load_current     (ScStore            *store,
                                GError            **error);
gboolean sc_run_reload_segments (ScStore           *store,
                                 ScRun             *run,
                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRun, sc_run_free)

G_END_DECLS
