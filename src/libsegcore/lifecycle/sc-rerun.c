/* sc-rerun.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Replacing the current segmentation, above runs (sc-run.c computes and stores one) and
 * snapshots (sc-snapshot.c freezes one): a re-run freezes the run it replaces and carries
 * people's names and plans over by member overlap; scoring places every customer, new ones
 * included, in the current segments, after freezing them too, and records that each
 * segment continues itself. Neither sc-run.c nor sc-snapshot.c includes the other's
 * operations: this file joins them. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-brief.h"
#include "sc-kmeans.h"
#include "sc-rerun.h"
#include "sc-run-private.h"
#include "sc-lineage-private.h"
#include "sc-parallel.h"
#include "sc-silhouette.h"
#include "sc-snapshot.h"
#include "sc-store-private.h"
#include "sc-transform.h"

/* ------------------------------------------------------------------------------------------ */
/* Re-running                                                                                  */

/* The writes of a re-run, inside the caller's transaction. */
static gboolean
replace_run (ScStore       *store,
             ScRun         *run,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(ScRun) previous = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Issue 10: the segmentation being replaced is frozen first. */
  previous = sc_run_load_current (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (previous != NULL &&
      sc_snapshot_take_auto (store, previous, SC_SNAPSHOT_BEFORE_RERUN, cancellable, error) < 0)
    return FALSE;

  if (!_sc_run_save (store, run, error))
    return FALSE;

  /* Issue 10: the user's names and plans follow their customers (sc_run_carry_over()). */
  if (previous != NULL)
    {
      g_autoptr(ScCarryOver) carried = sc_run_carry_over (store, previous, run, error);

      if (carried == NULL)
        return FALSE;
    }

  /* A model fitted on the current data places the new segments on the grid at once. */
  return _sc_run_apply_fresh_potential (store, run, error);
}

/**
 * sc_run_segment:
 * @store: the project; the run is stored as its current run
 *
 * Computes features from the stored per-customer aggregates, sets outliers apart, clusters
 * with k-means++ and stores the run with its segments and profiles. A run it replaces is
 * frozen as a snapshot first, and its names and plans follow their customers.
 *
 * Returns: (transfer full) (nullable): the stored run, or %NULL with @error set
 */
ScRun *
sc_run_segment (ScStore            *store,
                const ScRunParams  *params,
                ScProgressFunc      progress,
                gpointer            progress_data,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(ScRun) run = NULL;
  g_autofree char *currency = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  currency = sc_brief_load_currency (store, NULL, error);
  if (currency == NULL && error != NULL && *error != NULL)
    return NULL;
  run = _sc_run_compute (store, params, currency, progress, progress_data, cancellable,
                         error);
  if (run == NULL)
    return NULL;

  /* One transaction from here: the snapshot of the run being replaced, the new run, the
   * names and plans carried over and the grid are saved together or not at all. */
  if (!sc_store_begin (store, error))
    return NULL;
  if (!sc_store_end (store, replace_run (store, run, cancellable, error), error))
    return NULL;

  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  return g_steal_pointer (&run);
}

/* ------------------------------------------------------------------------------------------ */
/* Scoring new data against the current segments                                               */

/* The writes of scoring, inside the caller's transaction. */
static gboolean
save_scored (ScStore         *store,
             const ScRun     *old,
             ScRun           *scored,
             ScProgressFunc   progress,
             gpointer         progress_data,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autofree int *positions = NULL;

  /* The state being replaced stays available for drift and comparison. */
  if (progress != NULL)
    progress (0.6, _("Keeping a snapshot of the current segments"), progress_data);
  if (sc_snapshot_take_auto (store, old, SC_SNAPSHOT_BEFORE_SCORING, cancellable, error) < 0)
    return FALSE;

  if (progress != NULL)
    progress (0.9, _("Saving segments"), progress_data);
  if (!_sc_run_save (store, scored, error))
    return FALSE;

  /* Each segment continues itself: scoring keeps the segments, only members move. */
  positions = g_new (int, MAX (old->n_segments, 1));
  for (guint s = 0; s < old->n_segments; s++)
    positions[s] = (int) s;
  if (!_sc_run_record_lineage (store, old, scored, positions, "score", error))
    return FALSE;

  return _sc_run_apply_fresh_potential (store, scored, error);
}

/* Placing the customers in the nearest segment, in equal ranges of customers on a team:
 * the ranges' clustered customers are counted first, so that each range writes its rows
 * where one thread would have; the distances are kept per row and the inertia summed in
 * order afterwards, so the result does not depend on the number of threads. */
#define ASSIGN_PARTS 16

typedef struct
{
  const ScFeatures *features;
  const guint8     *active;
  const guint8     *kind;
  const int        *apart_pos;
  const ScRun      *old;
  guint             d;
  guint16          *labels;
  double           *x;
  guint32          *clustered_labels;
  double           *bests;
  gsize             first[ASSIGN_PARTS + 1];   /* each range's first row */
} Assign;

static inline gboolean
assign_is_clustered (const Assign *job,
                     guint32       i)
{
  return job->active[i] && job->apart_pos[job->kind[i]] < 0;
}

static void
assign_count (gpointer data,
              gsize    begin,
              gsize    end,
              guint    part)
{
  Assign *job = data;
  gsize count = 0;

  for (gsize i = begin; i < end; i++)
    count += assign_is_clustered (job, (guint32) i);
  job->first[part + 1] = count;
}

static void
assign_part (gpointer data,
             gsize    begin,
             gsize    end,
             guint    part)
{
  Assign *job = data;
  const ScRun *old = job->old;
  gsize c = job->first[part];

  for (gsize i = begin; i < end; i++)
    {
      double *row = job->x + c * job->d;
      guint best_c;

      if (!assign_is_clustered (job, (guint32) i))
        {
          job->labels[i] = job->active[i] ? (guint16) job->apart_pos[job->kind[i]]
                                          : SC_LABEL_NONE;
          continue;
        }
      sc_transform_row (job->features, (guint32) i, old->params.features, job->d, old->mean,
                        old->sd, row);
      best_c = sc_kmeans_assign_nearest (row, old->centroids, old->k, job->d, &job->bests[c]);
      job->labels[i] = (guint16) best_c;
      job->clustered_labels[c++] = best_c;
    }
}

/**
 * sc_run_score:
 * @as_of: the as-of day, or %SC_FEATURES_AS_OF_AUTO for the last transaction day + 1
 *
 * Assigns every customer with orders to the nearest centroid of the current run, in the
 * run's own transform (log1p, then the run's means and standard deviations), so that the
 * segments, their names, plans, positions and colours stay what the user knows. When the
 * run has a top-accounts or an anomalies segment, the rule of sc_transform_set_apart(),
 * measured on all customers with orders now, sends a customer there instead.  The current run is snapshotted first ("Before scoring <date>"), then a new run
 * is stored as current with the same segment rows, recomputed figures and profiles, and
 * placed on the value × potential grid when a model fitted on the current data exists.
 *
 * Returns: (transfer full) (nullable): the new current run, or %NULL with @error set
 *   (%SC_ERROR_NO_DATA when the project has no segments yet)
 */
ScRun *
sc_run_score (ScStore         *store,
              ScDay            as_of,
              ScProgressFunc   progress,
              gpointer         progress_data,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autoptr(ScRun) old = NULL;
  g_autoptr(ScRun) scored = NULL;
  g_autofree char *currency = NULL;
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(ScFeatures) features = NULL;
  g_autofree guint8 *active = NULL;
  g_autofree guint8 *kind = NULL;
  g_autofree guint16 *labels = NULL;
  g_autofree guint32 *clustered_labels = NULL;
  g_autofree double *x = NULL;
  g_autofree double *bests = NULL;
  guint d, k, n_segments;
  int apart_pos[SC_N_SEGMENT_KINDS] = { -1, -1, -1 };
  guint32 n;
  ScDay as_of_scored;
  gsize n_active = 0, n_clustered = 0;
  double inertia = 0, silhouette = NAN;
  gboolean silhouette_sampled = FALSE;

  g_return_val_if_fail (store != NULL, NULL);

  old = _sc_run_load_current_or (store, _("The project has no segments yet: segment it before "
                                           "scoring new data."), error);
  if (old == NULL)
    return NULL;
  d = old->params.n_features;
  k = old->k;
  n_segments = old->n_segments;
  for (guint s = 0; s < n_segments; s++)
    if (old->segments[s].kind != SC_SEGMENT_KIND_SEGMENT)
      apart_pos[old->segments[s].kind] = (int) s;
  if (k == 0 || k > n_segments || d == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segment centres could not be read."),
                   sc_store_get_path (store));
      return NULL;
    }

  if (progress != NULL)
    progress (0.0, _("Reading customers"), progress_data);
  agg = sc_store_load_aggregates (store, error);
  if (agg == NULL)
    return NULL;
  n = agg->n;
  features = sc_features_compute (agg, as_of);
  if (!_sc_run_fill_features (store, &old->params, features, cancellable, error))
    return NULL;
  for (guint j = 0; j < d; j++)
    if (features->values[old->params.features[j]] == NULL)
      {
        g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                     _("The segments use “%s”, which cannot be computed for new customers: "
                       "re-run the segmentation instead."),
                     sc_feature_to_label (old->params.features[j]));
        return NULL;
      }

  active = sc_transform_active_mask (agg, &n_active);
  /* The features and the mask are all that scoring reads from here: a refresh of a large
   * project holds the runs before and after and the earlier snapshot as well (issue 22). */
  g_clear_pointer (&agg, sc_aggregates_free);
  if (n_active == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("The project has no orders yet. Import an orders file first."));
      return NULL;
    }

  /* The same rule as sc_run_segment(), measured on the customers of now; a customer set
   * apart for a group the run does not have (folded, say) goes to the nearest centroid. */
  kind = sc_transform_set_apart (features, active, n_active,
                                 apart_pos[SC_SEGMENT_KIND_TOP_ACCOUNTS] < 0 &&
                                 apart_pos[SC_SEGMENT_KIND_ANOMALIES] < 0 ? 0
                                 : old->params.outlier_z > 0 ? old->params.outlier_z
                                 : SC_RUN_DEFAULT_OUTLIER_Z, NULL);

  labels = g_new (guint16, MAX (n, 1));
  x = g_new (double, (gsize) MAX (n_active, 1) * d);
  clustered_labels = g_new (guint32, MAX (n_active, 1));
  bests = g_new (double, MAX (n_active, 1));
  {
    Assign job = { features, active, kind, apart_pos, old, d, labels, x, clustered_labels,
                   bests, { 0 } };
    guint n_threads = sc_team_resolve_threads (0);

    if (g_cancellable_set_error_if_cancelled (cancellable, error))
      return NULL;
    sc_parallel_ranges (n, ASSIGN_PARTS, n_threads, assign_count, &job);
    for (guint p = 0; p < ASSIGN_PARTS; p++)
      job.first[p + 1] += job.first[p];
    sc_parallel_ranges (n, ASSIGN_PARTS, n_threads, assign_part, &job);
    n_clustered = job.first[ASSIGN_PARTS];
  }
  /* The inertia summed in the customers' order, as one thread would. */
  for (gsize c = 0; c < n_clustered; c++)
    inertia += bests[c];
  g_clear_pointer (&bests, g_free);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  /* The features stay for the segments' figures and profiles below (computing them again
   * from the stored aggregates was a tenth of a refresh's client CPU at 10M customers). */
  as_of_scored = features->as_of;

  if (progress != NULL)
    progress (0.3, _("Measuring the segments"), progress_data);
  if (n_clustered > 1)
    {
      ScKmeansParams kp;

      sc_kmeans_params_init (&kp);
      silhouette_sampled = n_clustered > kp.silhouette_exact_max;
      silhouette = sc_silhouette (x, n_clustered, d, clustered_labels, k,
                                  silhouette_sampled ? kp.silhouette_sample : 0,
                                  old->params.seed, 0);
    }
  g_clear_pointer (&x, g_free);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* A copy of the current run keeps every segment row: names, plans, positions, colours. */
  scored = sc_run_copy (old);
  g_free (scored->created_at);
  scored->created_at = _sc_run_now ();
  g_clear_pointer (&scored->k_scores, g_free);
  g_free (scored->labels);
  scored->labels = g_steal_pointer (&labels);
  scored->n_customers = n;
  scored->params.as_of = as_of_scored;
  scored->inertia = inertia;
  scored->silhouette = silhouette;
  scored->silhouette_sampled = silhouette_sampled;
  scored->value_threshold = scored->potential_threshold = NAN;
  for (guint s = 0; s < n_segments; s++)
    g_clear_pointer (&scored->segments[s].quadrant, g_free);

  if (progress != NULL)
    progress (0.45, _("Describing segments"), progress_data);
  currency = sc_brief_load_currency (store, NULL, error);
  if ((currency == NULL && error != NULL && *error != NULL) ||
      !_sc_run_describe_with (store, scored, features, currency, cancellable, error))
    return NULL;
  g_clear_pointer (&features, sc_features_free);

  /* The snapshot, the scored run, its lineage and history and the grid: one transaction. */
  if (!sc_store_begin (store, error))
    return NULL;
  if (!sc_store_end (store,
                     save_scored (store, old, scored, progress, progress_data, cancellable,
                                  error),
                     error))
    return NULL;

  if (progress != NULL)
    progress (1.0, NULL, progress_data);
  return g_steal_pointer (&scored);
}
