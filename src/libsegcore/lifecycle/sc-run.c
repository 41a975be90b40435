/* sc-run.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A run is one segmentation of the project: parameters, quality, the segment of every
 * customer (a blob of uint16 labels, packed to a few bits each, written and read in one
 * step instead of a million rows) and one row per segment with the figures and the user's
 * edits.  Segment positions are stable: clusters are ordered by mean spend, highest first,
 * then come the top accounts and the anomalies (sc_transform_set_apart()), so the same data
 * and seed give the same order and colours.  Priority is another order: top accounts first,
 * then the clusters, the anomalies last. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-format.h"
#include "sc-kmeans.h"
#include "sc-potential.h"
#include "sc-profile.h"
#include "sc-profit.h"
#include "sc-run-private.h"
#include "sc-store-codec-private.h"
#include "sc-store-interactions.h"
#include "sc-store-private.h"
#include "sc-store-profit.h"
#include "sc-transform.h"

void
sc_run_params_init (ScRunParams *params)
{
  memset (params, 0, sizeof *params);
  params->k = 0;
  params->seed = 0;
  params->n_init = 10;
  params->outlier_z = SC_RUN_DEFAULT_OUTLIER_Z;
  params->as_of = SC_FEATURES_AS_OF_AUTO;
  params->n_features = 3;
  params->features[0] = SC_FEATURE_RECENCY;
  params->features[1] = SC_FEATURE_FREQUENCY;
  params->features[2] = SC_FEATURE_MONETARY;
  params->k_min = SC_RUN_DEFAULT_K_MIN;
  params->k_max = SC_RUN_DEFAULT_K_MAX;
  params->min_share = SC_RUN_DEFAULT_MIN_SHARE;
  params->n_resamples = SC_VALIDATE_DEFAULT_RESAMPLES;
}

const char *
sc_service_tier_to_label (const char *tier)
{
  if (g_strcmp0 (tier, "high") == 0)
    return _("High-touch");
  if (g_strcmp0 (tier, "mid") == 0)
    return _("Mid-touch");
  if (g_strcmp0 (tier, "low") == 0)
    return _("Low-touch");
  return NULL;
}

const char *
sc_segment_info_get_quadrant (const ScSegmentInfo *info)
{
  return info->quadrant_override != NULL ? info->quadrant_override : info->quadrant;
}

void
sc_segment_info_clear (ScSegmentInfo *info)
{
  g_free (info->quadrant);
  g_free (info->name);
  g_free (info->suggested_name);
  g_free (info->description);
  g_free (info->profile);
  g_free (info->quadrant_override);
  g_free (info->service_tier);
  g_free (info->owner);
  g_free (info->objective);
  g_free (info->tactics);
  memset (info, 0, sizeof *info);
}

void
sc_segment_info_copy (const ScSegmentInfo *src,
                      ScSegmentInfo       *dest)
{
  *dest = *src;
  dest->name = g_strdup (src->name);
  dest->suggested_name = g_strdup (src->suggested_name);
  dest->description = g_strdup (src->description);
  dest->profile = g_strdup (src->profile);
  dest->quadrant = g_strdup (src->quadrant);
  dest->quadrant_override = g_strdup (src->quadrant_override);
  dest->service_tier = g_strdup (src->service_tier);
  dest->owner = g_strdup (src->owner);
  dest->objective = g_strdup (src->objective);
  dest->tactics = g_strdup (src->tactics);
}

ScRun *
sc_run_copy (const ScRun *run)
{
  ScRun *copy = g_new0 (ScRun, 1);

  *copy = *run;
  copy->created_at = g_strdup (run->created_at);
  copy->k_scores = g_strdup (run->k_scores);
  copy->labels = g_memdup2 (run->labels, sizeof (guint16) * MAX (run->n_customers, 1));
  copy->centroids = run->centroids != NULL
    ? g_memdup2 (run->centroids, sizeof (double) * run->k * run->params.n_features) : NULL;
  copy->segments = g_new0 (ScSegmentInfo, MAX (run->n_segments, 1));
  for (guint s = 0; s < run->n_segments; s++)
    sc_segment_info_copy (&run->segments[s], &copy->segments[s]);
  copy->validation = sc_validation_copy (run->validation);
  return copy;
}

static int
compare_priority (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const ScRun *run = user_data;
  const ScSegmentInfo *x = &run->segments[*(const guint *) a];
  const ScSegmentInfo *y = &run->segments[*(const guint *) b];

  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return (int) x->position - (int) y->position;
}

guint *
sc_run_priority_order (const ScRun *run)
{
  guint *order = g_new (guint, MAX (run->n_segments, 1));

  for (guint s = 0; s < run->n_segments; s++)
    order[s] = s;
  g_qsort_with_data (order, run->n_segments, sizeof (guint), compare_priority, (gpointer) run);
  return order;
}

void
sc_run_free (ScRun *run)
{
  if (run == NULL)
    return;
  for (guint i = 0; i < run->n_segments; i++)
    sc_segment_info_clear (&run->segments[i]);
  g_free (run->segments);
  g_free (run->labels);
  g_free (run->centroids);
  g_free (run->created_at);
  g_free (run->k_scores);
  sc_validation_free (run->validation);
  g_free (run);
}

typedef struct
{
  ScProgressFunc progress;
  gpointer       data;
  double         from;
  double         to;
} Slice;

static void
slice_progress (double      fraction,
                const char *message,
                gpointer    user_data)
{
  Slice *s = user_data;

  if (s->progress != NULL)
    s->progress (s->from + (s->to - s->from) * fraction, message, s->data);
}

static char *
features_string (const ScRunParams *params)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < params->n_features; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, sc_feature_to_string (params->features[i]));
    }
  return g_string_free (s, FALSE);
}

static gboolean
features_from_string (const char  *text,
                      ScRunParams *params)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);

  params->n_features = 0;
  for (guint i = 0; parts[i] != NULL && params->n_features < SC_RUN_MAX_FEATURES; i++)
    {
      ScFeature f;
      if (!sc_feature_from_string (parts[i], &f))
        return FALSE;
      params->features[params->n_features++] = f;
    }
  return params->n_features > 0;
}

/* Positions: clusters by mean spend, highest first; ties by size then by k-means label. */
typedef struct
{
  guint  cluster;
  double mean_monetary;
  gsize  size;
} ClusterOrder;

static int
compare_cluster_order (gconstpointer a,
                       gconstpointer b)
{
  const ClusterOrder *x = a, *y = b;

  if (x->mean_monetary != y->mean_monetary)
    return x->mean_monetary > y->mean_monetary ? -1 : 1;
  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  return (int) x->cluster - (int) y->cluster;
}

/* Labels are stored little-endian; every platform we build for is. */
G_STATIC_ASSERT (G_BYTE_ORDER == G_LITTLE_ENDIAN);

/* Stores run as a new run, made current; sets run->id and the segments' ids. */
gboolean
_sc_run_save (ScStore   *store,
              ScRun     *run,
              GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) seg = NULL;
  g_autofree char *features = features_string (&run->params);
  /* A validation describes the clustering it was computed with: a copy of a stored run
   * saved as a new one (an edit, a scoring) has other members, and keeps none. */
  gboolean computed = run->id == 0;
  g_autoptr(GByteArray) packed_labels = NULL;
  gboolean ok = FALSE;

  if (!computed)
    g_clear_pointer (&run->validation, sc_validation_free);
  if (!sc_store_begin (store, error))
    return FALSE;

  if (!_sc_store_exec (store, "UPDATE runs SET is_current = 0 WHERE is_current", error) ||
      !_sc_store_prepare (store,
                          "INSERT INTO runs (created_at, as_of, k, k_auto, seed, n_init, outlier_z, "
                          "features, inertia, silhouette, silhouette_sampled, k_scores, "
                          "n_customers, labels, transform, centroids, data_version, is_current) "
                          "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)", &stmt, error))
    goto out;

  /* Like created_at, the version is that of the save: an edit made after an import is as
   * fresh as the data it was made on. */
  run->data_version = sc_store_get_data_version (store);

  sqlite3_bind_text (stmt, 1, run->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, run->params.as_of);
  sqlite3_bind_int (stmt, 3, (int) run->k);
  sqlite3_bind_int (stmt, 4, run->k_auto);
  sqlite3_bind_int64 (stmt, 5, (gint64) run->params.seed);
  sqlite3_bind_int (stmt, 6, (int) run->params.n_init);
  if (run->params.outlier_z > 0)
    sqlite3_bind_double (stmt, 7, run->params.outlier_z);
  sqlite3_bind_text (stmt, 8, features, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 9, run->inertia);
  if (isfinite (run->silhouette))
    sqlite3_bind_double (stmt, 10, run->silhouette);
  sqlite3_bind_int (stmt, 11, run->silhouette_sampled);
  sqlite3_bind_text (stmt, 12, run->k_scores, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, run->n_customers);
  /* Packed (sc-store-codec.c): a handful of segments take three or four bits a customer. */
  _sc_store_bind_array (stmt, 14, run->labels, sizeof (guint16), run->n_customers,
                        &packed_labels);
  {
    double transform[2 * SC_RUN_MAX_FEATURES];
    guint d = run->params.n_features;

    memcpy (transform, run->mean, sizeof (double) * d);
    memcpy (transform + d, run->sd, sizeof (double) * d);
    sqlite3_bind_blob64 (stmt, 15, transform, sizeof (double) * 2 * d, SQLITE_TRANSIENT);
    sqlite3_bind_blob64 (stmt, 16, run->centroids, sizeof (double) * run->k * d, SQLITE_STATIC);
  }
  sqlite3_bind_int64 (stmt, 17, (gint64) run->data_version);
  if (!_sc_store_step_done (store, stmt, error))
    goto out;
  run->id = _sc_store_last_insert_id (store);

  if (!_sc_store_prepare (store,
                          "INSERT INTO segments (run, position, name, suggested_name, description, "
                          "colour, is_outliers, size, share, revenue, revenue_share, recency, "
                          "frequency, monetary, profile, priority, value, potential, p_alive, "
                          "quadrant, quadrant_override, service_tier, owner, objective, tactics, "
                          "kind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          &seg, error))
    goto out;
  for (guint i = 0; i < run->n_segments; i++)
    {
      ScSegmentInfo *s = &run->segments[i];

      sqlite3_bind_int64 (seg, 1, run->id);
      sqlite3_bind_int (seg, 2, (int) s->position);
      sqlite3_bind_text (seg, 3, s->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 4, s->suggested_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 5, s->description, -1, SQLITE_STATIC);
      sqlite3_bind_int (seg, 6, (int) s->colour);
      sqlite3_bind_int (seg, 7, s->kind == SC_SEGMENT_KIND_ANOMALIES);
      sqlite3_bind_int64 (seg, 8, (gint64) s->size);
      sqlite3_bind_double (seg, 9, s->share);
      sqlite3_bind_double (seg, 10, s->revenue);
      sqlite3_bind_double (seg, 11, s->revenue_share);
      sqlite3_bind_double (seg, 12, s->recency);
      sqlite3_bind_double (seg, 13, s->frequency);
      sqlite3_bind_double (seg, 14, s->monetary);
      sqlite3_bind_text (seg, 15, s->profile, -1, SQLITE_STATIC);
      if (s->priority == 0)
        s->priority = s->position + 1;
      sqlite3_bind_int (seg, 16, (int) s->priority);
      _sc_store_bind_double (seg, 17, s->value);
      _sc_store_bind_double (seg, 18, s->potential);
      _sc_store_bind_double (seg, 19, s->p_alive);
      sqlite3_bind_text (seg, 20, s->quadrant, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 21, s->quadrant_override, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 22, s->service_tier, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 23, s->owner, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 24, s->objective, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 25, s->tactics, -1, SQLITE_STATIC);
      sqlite3_bind_text (seg, 26, sc_segment_kind_to_string (s->kind), -1, SQLITE_STATIC);
      if (!_sc_store_step_done (store, seg, error))
        goto out;
      s->id = _sc_store_last_insert_id (store);
    }

  if (run->validation != NULL && !_sc_run_save_validation (store, run, error))
    goto out;
  ok = TRUE;

out:
  return sc_store_end (store, ok, error);
}

/* The anomalies are no part of the average customer the others are compared with. */
ScSegmentProfile *
_sc_run_profiles (ScFeatures     *features,
                  const guint32  *labels,
                  const ScRun    *run,
                  GPtrArray      *attributes,
                  ScAttribute   **attrs,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autofree gboolean *outside = g_new0 (gboolean, MAX (run->n_segments, 1));
  ScSegmentProfile *profiles;

  *attrs = g_new0 (ScAttribute, MAX (attributes->len, 1));
  for (guint a = 0; a < attributes->len; a++)
    (*attrs)[a] = *(ScAttribute *) g_ptr_array_index (attributes, a);
  for (guint s = 0; s < run->n_segments; s++)
    outside[s] = run->segments[s].kind == SC_SEGMENT_KIND_ANOMALIES;

  profiles = sc_profile_compute_beside (features, labels, run->n_segments, *attrs,
                                        attributes->len, outside, cancellable);
  if (profiles == NULL && !g_cancellable_set_error_if_cancelled (cancellable, error))
    g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA, _("The segments could not be described."));
  return profiles;
}

static void
append_reason (GString *text,
               char    *reason)
{
  if (text->len > 0)
    g_string_append (text, "; ");
  g_string_append (text, reason);
  g_free (reason);
}

/* The description of a set-apart group: the rule, and with @apart what it found when the
 * segmentation ran. NULL for a cluster. */
static char *
set_apart_description (ScSegmentKind     kind,
                       const ScSetApart *apart,
                       double            outlier_z)
{
  g_autoptr(GString) reasons = g_string_new (NULL);
  g_autofree char *n_negative = NULL, *n_frequency = NULL, *n_spend = NULL, *n_all = NULL;
  g_autofree char *limit = NULL;

  if (kind == SC_SEGMENT_KIND_TOP_ACCOUNTS)
    return g_strdup_printf (_("The customers who spend far more than the typical customer "
                              "(robust z-score of log spend above %.1f, at most the top %u %% "
                              "of customers), set apart from the clustering so they do not "
                              "pull the other segments, and ranked first."),
                            outlier_z, (guint) (100 * SC_TOP_ACCOUNTS_MAX_SHARE));
  if (kind != SC_SEGMENT_KIND_ANOMALIES)
    return NULL;
  if (apart == NULL)
    return g_strdup (_("Customers whose figures look implausible (net spend below zero, far "
                       "more orders than anyone else, or a spend beyond what the other "
                       "customers make plausible), kept out of the clustering. Check them "
                       "before acting on them."));

  n_negative = sc_format_count (apart->n_negative);
  n_frequency = sc_format_count (apart->n_frequency);
  n_spend = sc_format_count (apart->n_spend);
  n_all = sc_format_count (apart->n_anomalies);
  if (apart->n_negative > 0)
    append_reason (reasons, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%s with net spend below zero "
                                                          "(returns above purchases)",
                                                          "%s with net spend below zero "
                                                          "(returns above purchases)",
                                                          apart->n_negative), n_negative));
  if (apart->n_frequency > 0)
    {
      limit = sc_format_count ((guint64) floor (apart->frequency_limit));
      append_reason (reasons, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s with more than %s orders (20 "
                                                            "times the 99th percentile)",
                                                            "%s with more than %s orders (20 "
                                                            "times the 99th percentile)",
                                                            apart->n_frequency),
                                               n_frequency, limit));
    }
  if (apart->n_spend > 0)
    append_reason (reasons, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%s whose spend lies beyond what the "
                                                          "other customers' spend makes "
                                                          "plausible",
                                                          "%s whose spend lies beyond what the "
                                                          "other customers' spend makes "
                                                          "plausible",
                                                          apart->n_spend), n_spend));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Set apart when the segments were computed: %s customer "
                                       "whose figures look implausible (%s). Kept out of the "
                                       "clustering; check them before acting on them.",
                                       "Set apart when the segments were computed: %s customers "
                                       "whose figures look implausible (%s). Kept out of the "
                                       "clustering; check them before acting on them.",
                                       apart->n_anomalies),
                          n_all, reasons->str);
}

/* The labels of @run widened to @n customers (at least run->n_customers): a customer
 * imported after the run was computed is in none of its segments. */
guint32 *
_sc_run_labels_for (const ScRun *run,
                    gsize        n)
{
  guint32 *labels = g_new (guint32, MAX (n, 1));

  g_assert (n >= run->n_customers);
  for (gsize i = 0; i < n; i++)
    labels[i] = i < run->n_customers ? run->labels[i] : SC_LABEL_NONE;
  return labels;
}

/* Figures, profiles and suggested names of run's segments from run->labels; names and
 * descriptions people set are kept.  @features may cover customers imported after the run
 * was computed: they are in none of its segments until new data is scored against it
 * (sc_run_score()), so the figures, names and descriptions are those of the run's
 * members only. */
gboolean
_sc_run_describe_with (ScStore       *store,
                       ScRun         *run,
                       ScFeatures    *features,
                       const char    *currency,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GPtrArray) attributes = NULL;
  g_autofree ScAttribute *attrs = NULL;
  g_autofree guint32 *labels32 = NULL;
  ScSegmentProfile *profiles;
  gsize n_labelled = 0;

  g_assert (features->n >= run->n_customers);
  labels32 = _sc_run_labels_for (run, features->n);
  for (guint32 i = 0; i < run->n_customers; i++)
    n_labelled += run->labels[i] < run->n_segments;

  if (!sc_store_load_attributes (store, features->n, &attributes, error))
    return FALSE;
  profiles = _sc_run_profiles (features, labels32, run, attributes, &attrs,
                               cancellable, error);
  if (profiles == NULL)
    return FALSE;

  /* Only k-means clusters are told apart by name; a group set apart is named below. */
  {
    g_autofree gboolean *apart = g_new0 (gboolean, MAX (run->n_segments, 1));

    for (guint s = 0; s < run->n_segments; s++)
      apart[s] = run->segments[s].kind != SC_SEGMENT_KIND_SEGMENT;
    sc_profile_name (profiles, run->n_segments, apart);
  }

  for (guint s = 0; s < run->n_segments; s++)
    {
      ScSegmentInfo *info = &run->segments[s];
      ScSegmentProfile *p = &profiles[s];

      info->value = info->potential = info->p_alive = NAN;
      g_free (info->suggested_name);
      info->suggested_name = g_strdup (info->kind == SC_SEGMENT_KIND_TOP_ACCOUNTS
                                       ? _("Top accounts")
                                       : info->kind == SC_SEGMENT_KIND_ANOMALIES
                                       ? _("Anomalies") : p->suggested_name);
      if (info->name == NULL)
        info->name = g_strdup (info->suggested_name);
      info->size = p->size;
      info->share = n_labelled > 0 ? p->size / (double) n_labelled : 0;
      info->revenue = p->revenue;
      info->revenue_share = p->revenue_share;
      info->recency = p->mean[SC_FEATURE_RECENCY];
      info->frequency = p->mean[SC_FEATURE_FREQUENCY];
      info->monetary = p->mean[SC_FEATURE_MONETARY];
      g_free (info->profile);
      info->profile = sc_profile_describe (p, attrs, currency);
      if (info->description == NULL)
        info->description = set_apart_description (info->kind, NULL, run->params.outlier_z);
    }
  sc_profile_free (profiles, run->n_segments);
  return TRUE;
}

/**
 * sc_run_load_customer_features:
 * @as_of: the as-of day of the features, usually the run's
 *
 * The features of every customer of the project at @as_of, with %SC_FEATURE_CLV and
 * %SC_FEATURE_P_ALIVE from the value model when one fitted on the current data exists: an
 * older one would place customers by purchases that are no longer the whole story; the
 * engagement features when there are interactions, and gross profit when some cost is
 * known. What the charts and the segment details show per customer.
 *
 * Returns: (transfer full) (nullable): the features, or %NULL with @error set
 */
ScFeatures *
sc_run_load_customer_features (ScStore  *store,
                               ScDay     as_of,
                               GError  **error)
{
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(ScFeatures) features = NULL;
  g_autoptr(ScPotential) potential = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  agg = sc_store_load_aggregates (store, error);
  if (agg == NULL)
    return NULL;
  features = sc_features_compute (agg, as_of);

  potential = sc_potential_load_current (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (potential != NULL && potential->n == features->n && sc_potential_is_fresh (store, potential))
    {
      sc_features_set (features, SC_FEATURE_CLV,
                       g_memdup2 (potential->clv, sizeof (double) * potential->n));
      sc_features_set (features, SC_FEATURE_P_ALIVE,
                       g_memdup2 (potential->p_alive, sizeof (double) * potential->n));
    }
  if (!_sc_run_fill_known_features (store, features, error))
    return NULL;
  return g_steal_pointer (&features);
}

/* The time a run or snapshot is made: ISO 8601 in UTC, so that times compare as text. */
char *
_sc_run_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Places the segments on the grid when a model fitted on the current data exists. */
gboolean
_sc_run_apply_fresh_potential (ScStore  *store,
                       ScRun    *run,
                       GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ScPotential) potential = sc_potential_load_current (store, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (potential != NULL && sc_potential_is_fresh (store, potential))
    return sc_run_apply_potential (store, run, potential, error);
  return TRUE;
}

gboolean
_sc_run_describe (ScStore       *store,
                  ScRun         *run,
                  const char    *currency,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(ScAggregates) agg = sc_store_load_aggregates (store, error);
  g_autoptr(ScFeatures) features = NULL;

  if (agg == NULL)
    return FALSE;
  if (agg->n < run->n_customers)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segmentation names unknown customers."),
                   sc_store_get_path (store));
      return FALSE;
    }
  features = sc_features_compute (agg, run->params.as_of);
  if (!_sc_run_fill_features (store, &run->params, features, cancellable, error))
    return FALSE;
  return _sc_run_describe_with (store, run, features, currency, cancellable, error);
}

/* The computing half of sc_run_segment(): features, outliers, k-means, ordered segments
 * and their profiles, not saved. */
ScRun *
_sc_run_compute (ScStore            *store,
                 const ScRunParams  *params,
                 const char         *currency,
                 ScProgressFunc      progress,
                 gpointer            progress_data,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(ScRun) run = g_new0 (ScRun, 1);
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(ScFeatures) features = NULL;
  g_autoptr(ScKmeansResult) km = NULL;
  g_autofree guint8 *active = NULL;
  g_autofree guint8 *kind = NULL;
  g_autofree guint8 *clustered = NULL;
  g_autofree double *x = NULL;
  ScKmeansParams kp;
  ScStabilityParams sp;
  ClusterOrder *order = NULL;
  guint32 n;
  gsize n_active = 0, n_clustered = 0;
  guint n_segments, top_pos, anomalies_pos;
  ScSetApart apart;
  Slice slice = { progress, progress_data, 0, 0 };

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  run->params = *params;
  run->created_at = _sc_run_now ();
  run->value_threshold = run->potential_threshold = NAN;

  if (progress != NULL)
    progress (0.0, _("Reading customers"), progress_data);

  agg = sc_store_load_aggregates_for_features (store, error);
  if (agg == NULL)
    return NULL;
  n = agg->n;

  active = sc_transform_active_mask (agg, &n_active);
  if (n_active == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("The project has no orders yet. Import an orders file first."));
      return NULL;
    }

  features = sc_features_compute_consume (g_steal_pointer (&agg), params->as_of);
  run->params.as_of = features->as_of;
  run->n_customers = n;
  if (!_sc_run_fill_features (store, params, features, cancellable, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  kind = sc_transform_set_apart (features, active, n_active, params->outlier_z, &apart);

  clustered = g_new0 (guint8, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    clustered[i] = active[i] && kind[i] == SC_SEGMENT_KIND_SEGMENT &&
                   _sc_run_fits_customer (params, features, i);
  x = sc_features_matrix (features, params->features, params->n_features, clustered,
                          &n_clustered);
  sc_standardise (x, n_clustered, params->n_features, run->mean, run->sd);

  sc_kmeans_params_init (&kp);
  kp.k = params->k;
  kp.seed = params->seed;
  kp.n_init = params->n_init > 0 ? params->n_init : kp.n_init;
  _sc_run_kmeans_choice_params (params, n_active, n_clustered, &kp, &sp);
  if (kp.k == 0 && n_clustered < 2 * kp.k_min)
    {
      if (n_clustered < n_active - apart.n_top - apart.n_anomalies)
        g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                     _("Only %" "zu" " customers have orders and a known profit: segmenting "
                       "on profit needs at least %u."), n_clustered, 2 * kp.k_min);
      else
        g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                     _("Only %" "zu" " customers have orders: segmenting needs at "
                       "least %u."), n_clustered, 2 * kp.k_min);
      return NULL;
    }

  slice.from = 0.1;
  slice.to = 0.85;
  km = sc_kmeans_run (x, n_clustered, params->n_features, &kp, slice_progress, &slice,
                      cancellable, error);
  if (km == NULL)
    return NULL;

  run->k = km->k;
  run->k_auto = params->k == 0;
  run->inertia = km->inertia;
  run->silhouette = km->silhouette;
  run->silhouette_sampled = km->silhouette_sampled;
  if (km->n_tried > 0)
    {
      GString *scores = g_string_new (NULL);
      for (guint i = 0; i < km->n_tried; i++)
        g_string_append_printf (scores, "%u=%.4f\n", km->tried_k[i], km->tried_silhouette[i]);
      run->k_scores = g_string_free (scores, FALSE);
    }

  /* Order clusters by mean spend and give every customer its position. */
  order = g_new0 (ClusterOrder, km->k);
  for (guint c = 0; c < km->k; c++)
    order[c].cluster = c;
  {
    gsize j = 0;
    for (guint32 i = 0; i < n; i++)
      if (clustered[i])
        {
          guint c = km->labels[j++];
          order[c].mean_monetary += features->values[SC_FEATURE_MONETARY][i];
          order[c].size++;
        }
  }
  for (guint c = 0; c < km->k; c++)
    order[c].mean_monetary /= MAX (order[c].size, 1);
  qsort (order, km->k, sizeof (ClusterOrder), compare_cluster_order);

  {
    g_autofree guint *position_of = g_new (guint, km->k);
    gsize j = 0;

    for (guint p = 0; p < km->k; p++)
      position_of[order[p].cluster] = p;
    run->centroids = g_new (double, (gsize) km->k * params->n_features);
    for (guint c = 0; c < km->k; c++)
      memcpy (run->centroids + (gsize) position_of[c] * params->n_features,
              km->centroids + (gsize) c * params->n_features,
              sizeof (double) * params->n_features);

    top_pos = km->k;
    anomalies_pos = top_pos + (apart.n_top > 0);
    n_segments = anomalies_pos + (apart.n_anomalies > 0);
    run->labels = g_new (guint16, MAX (n, 1));
    for (guint32 i = 0; i < n; i++)
      {
        if (clustered[i])
          run->labels[i] = (guint16) position_of[km->labels[j++]];
        else if (!active[i])
          run->labels[i] = SC_LABEL_NONE;
        else if (kind[i] == SC_SEGMENT_KIND_SEGMENT)
          run->labels[i] = _sc_run_place_customer (run, features, i);
        else
          run->labels[i] = (guint16) (kind[i] == SC_SEGMENT_KIND_TOP_ACCOUNTS ? top_pos
                                                                              : anomalies_pos);
      }
  }
  g_free (order);

  run->validation = _sc_run_validate (run, n_segments, km, &kp, x, clustered, n_active);
  g_clear_pointer (&x, g_free);

  if (progress != NULL)
    progress (0.88, _("Describing segments"), progress_data);

  run->n_segments = n_segments;
  run->segments = g_new0 (ScSegmentInfo, n_segments);
  for (guint s = 0; s < n_segments; s++)
    {
      ScSegmentInfo *info = &run->segments[s];

      info->position = s;
      info->colour = s;
      if (s < km->k)
        {
          info->kind = SC_SEGMENT_KIND_SEGMENT;
          info->priority = s + 1 + (apart.n_top > 0);
        }
      else if (apart.n_top > 0 && s == top_pos)
        {
          info->kind = SC_SEGMENT_KIND_TOP_ACCOUNTS;
          info->priority = 1;
        }
      else
        {
          info->kind = SC_SEGMENT_KIND_ANOMALIES;
          info->priority = n_segments;
        }
      info->is_outliers = info->kind == SC_SEGMENT_KIND_ANOMALIES;
      if (info->kind != SC_SEGMENT_KIND_SEGMENT)
        info->description = set_apart_description (info->kind, &apart, params->outlier_z);
    }
  if (!_sc_run_describe_with (store, run, features, currency, cancellable, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (progress != NULL)
    progress (0.95, _("Saving segments"), progress_data);

  return g_steal_pointer (&run);
}

gboolean
_sc_run_median_thresholds (const ScRun *run,
                           double      *value_threshold,
                           double      *potential_threshold)
{
  g_autofree double *values = g_new0 (double, MAX (run->n_segments, 1));
  g_autofree double *potentials = g_new0 (double, MAX (run->n_segments, 1));
  guint nv = 0, np = 0;

  for (guint s = 0; s < run->n_segments; s++)
    {
      const ScSegmentInfo *info = &run->segments[s];

      if (info->is_outliers)
        continue;
      if (isfinite (info->value))
        values[nv++] = info->value;
      if (isfinite (info->potential))
        potentials[np++] = info->potential;
    }
  *value_threshold = sc_median (values, nv);
  *potential_threshold = sc_median (potentials, np);
  return nv > 0 && np > 0;
}

gboolean
_sc_run_save_thresholds (ScStore  *store,
                         gint64    run_id,
                         double    value_threshold,
                         double    potential_threshold,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) thr = NULL;

  if (!_sc_store_prepare (store, "UPDATE runs SET value_threshold = ?, potential_threshold = ? "
                          "WHERE id = ?", &thr, error))
    return FALSE;
  _sc_store_bind_double (thr, 1, value_threshold);
  _sc_store_bind_double (thr, 2, potential_threshold);
  sqlite3_bind_int64 (thr, 3, run_id);
  return _sc_store_step_done (store, thr, error);
}

/**
 * sc_run_apply_potential:
 *
 * Per segment: mean current value, mean potential (expected CLV) and mean P(alive) of its
 * members. The grid's dividers are the medians of the clustered segments' means (outliers
 * would pull them), so the segments split evenly into high and low; a segment on a divider
 * counts as high (sc_quadrant_classify()); a segment without a finite value or potential
 * has no quadrant.
 */
gboolean
sc_run_apply_potential (ScStore            *store,
                        ScRun              *run,
                        const ScPotential  *pot,
                        GError            **error)
{
  g_autofree double *sum_v = g_new0 (double, run->n_segments);
  g_autofree double *sum_p = g_new0 (double, run->n_segments);
  g_autofree double *sum_a = g_new0 (double, run->n_segments);
  g_autofree gsize *cnt_v = g_new0 (gsize, run->n_segments);
  g_autofree gsize *cnt_p = g_new0 (gsize, run->n_segments);
  g_autofree gsize *cnt_a = g_new0 (gsize, run->n_segments);
  g_autoptr(sqlite3_stmt) seg = NULL;
  g_autofree double *value = g_memdup2 (pot->value, sizeof (double) * MAX (pot->n, 1));
  g_autofree double *clv = g_memdup2 (pot->clv, sizeof (double) * MAX (pot->n, 1));
  gboolean ok = FALSE;

  /* Issue 18: the project may measure value (and so potential) in profit. */
  if (sc_store_get_value_is_profit (store))
    {
      g_autoptr(ScProfit) profit = sc_profit_load (store, error);

      if (profit == NULL)
        return FALSE;
      sc_profit_scale_values (profit, value, clv, pot->n);
    }

  for (guint32 i = 0; i < MIN (run->n_customers, pot->n); i++)
    {
      guint16 l = run->labels[i];

      if (l >= run->n_segments)
        continue;
      if (isfinite (value[i]))
        {
          sum_v[l] += value[i];
          cnt_v[l]++;
        }
      if (isfinite (clv[i]))
        {
          sum_p[l] += clv[i];
          cnt_p[l]++;
        }
      if (isfinite (pot->p_alive[i]))
        {
          sum_a[l] += pot->p_alive[i];
          cnt_a[l]++;
        }
    }

  for (guint s = 0; s < run->n_segments; s++)
    {
      ScSegmentInfo *info = &run->segments[s];

      info->value = cnt_v[s] ? sum_v[s] / cnt_v[s] : NAN;
      info->potential = cnt_p[s] ? sum_p[s] / cnt_p[s] : NAN;
      info->p_alive = cnt_a[s] ? sum_a[s] / cnt_a[s] : NAN;
    }
  _sc_run_median_thresholds (run, &run->value_threshold, &run->potential_threshold);

  for (guint s = 0; s < run->n_segments; s++)
    {
      ScSegmentInfo *info = &run->segments[s];
      ScQuadrant q = sc_quadrant_classify (info->value, info->potential,
                                           run->value_threshold, run->potential_threshold);

      g_clear_pointer (&info->quadrant, g_free);
      info->quadrant = g_strdup (sc_quadrant_to_string (q));
    }

  if (!sc_store_begin (store, error))
    return FALSE;
  if (!_sc_store_prepare (store, "UPDATE segments SET value = ?, potential = ?, p_alive = ?, "
                          "quadrant = ? WHERE id = ?", &seg, error))
    goto out;
  for (guint s = 0; s < run->n_segments; s++)
    {
      ScSegmentInfo *info = &run->segments[s];

      _sc_store_bind_double (seg, 1, info->value);
      _sc_store_bind_double (seg, 2, info->potential);
      _sc_store_bind_double (seg, 3, info->p_alive);
      sqlite3_bind_text (seg, 4, info->quadrant, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (seg, 5, info->id);
      if (!_sc_store_step_done (store, seg, error))
        goto out;
    }
  ok = _sc_run_save_thresholds (store, run->id, run->value_threshold,
                                run->potential_threshold, error);

out:
  return sc_store_end (store, ok, error);
}

/* Reads the segments of run->id, replacing run->segments only when all could be read. */
static gboolean
load_segments (ScStore  *store,
               ScRun    *run,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) seg = NULL;
  g_autoptr(GArray) segments = g_array_new (FALSE, TRUE, sizeof (ScSegmentInfo));
  int rc;

  g_array_set_clear_func (segments, (GDestroyNotify) sc_segment_info_clear);
  if (!_sc_store_prepare (store,
                          "SELECT id, position, name, suggested_name, description, colour, "
                          "is_outliers, size, share, revenue, revenue_share, recency, frequency, "
                          "monetary, profile, value, potential, p_alive, quadrant, "
                          "quadrant_override, priority, service_tier, owner, objective, tactics, "
                          "kind FROM segments WHERE run = ? ORDER BY position",
                          &seg, error))
    return FALSE;
  sqlite3_bind_int64 (seg, 1, run->id);
  while ((rc = sqlite3_step (seg)) == SQLITE_ROW)
    {
      ScSegmentInfo s = { 0 };

      s.id = sqlite3_column_int64 (seg, 0);
      s.position = (guint) sqlite3_column_int (seg, 1);
      s.name = _sc_store_column_dup (seg, 2);
      s.suggested_name = _sc_store_column_dup (seg, 3);
      s.description = _sc_store_column_dup (seg, 4);
      s.colour = (guint) sqlite3_column_int (seg, 5);
      s.size = (guint64) sqlite3_column_int64 (seg, 7);
      s.share = sqlite3_column_double (seg, 8);
      s.revenue = sqlite3_column_double (seg, 9);
      s.revenue_share = sqlite3_column_double (seg, 10);
      s.recency = sqlite3_column_double (seg, 11);
      s.frequency = sqlite3_column_double (seg, 12);
      s.monetary = sqlite3_column_double (seg, 13);
      s.profile = _sc_store_column_dup (seg, 14);
      s.value = _sc_store_column_double (seg, 15);
      s.potential = _sc_store_column_double (seg, 16);
      s.p_alive = _sc_store_column_double (seg, 17);
      s.quadrant = _sc_store_column_dup (seg, 18);
      s.quadrant_override = _sc_store_column_dup (seg, 19);
      s.priority = (guint) sqlite3_column_int (seg, 20);
      s.service_tier = _sc_store_column_dup (seg, 21);
      s.owner = _sc_store_column_dup (seg, 22);
      s.objective = _sc_store_column_dup (seg, 23);
      s.tactics = _sc_store_column_dup (seg, 24);
      s.kind = sc_segment_kind_from_string ((const char *) sqlite3_column_text (seg, 25));
      s.is_outliers = s.kind == SC_SEGMENT_KIND_ANOMALIES;
      g_array_append_val (segments, s);
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return FALSE;
  for (guint i = 0; i < run->n_segments; i++)
    sc_segment_info_clear (&run->segments[i]);
  g_free (run->segments);
  run->n_segments = segments->len;
  g_array_set_clear_func (segments, NULL);
  run->segments = (ScSegmentInfo *) g_array_free (g_steal_pointer (&segments), FALSE);
  return TRUE;
}

/* The current run; when the project has none, %NULL with %SC_ERROR_NO_DATA and @missing
 * (a translated sentence saying what to do first) as its message. */
ScRun *
_sc_run_load_current_or (ScStore     *store,
                         const char  *missing,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  ScRun *run = sc_run_load_current (store, &local_error);

  if (run == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, SC_ERROR, SC_ERROR_NO_DATA, missing);
    }
  return run;
}

/**
 * sc_run_load_current:
 *
 * Returns: (transfer full) (nullable): the current run; %NULL with @error unset when there is
 *   none
 */
ScRun *
sc_run_load_current (ScStore  *store,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ScRun) run = NULL;
  gboolean found;

  if (!_sc_store_prepare (store,
                          "SELECT id, created_at, as_of, k, k_auto, seed, n_init, outlier_z, "
                          "features, inertia, silhouette, silhouette_sampled, k_scores, "
                          "n_customers, labels, value_threshold, potential_threshold, transform, "
                          "centroids, data_version FROM runs WHERE is_current "
                          "ORDER BY id DESC LIMIT 1",
                          &stmt, error))
    return NULL;
  if (!_sc_store_step_row (store, stmt, &found, error) || !found)
    return NULL;

  run = g_new0 (ScRun, 1);
  sc_run_params_init (&run->params);
  run->id = sqlite3_column_int64 (stmt, 0);
  run->created_at = _sc_store_column_dup (stmt, 1);
  run->params.as_of = sqlite3_column_int (stmt, 2);
  run->k = (guint) sqlite3_column_int (stmt, 3);
  run->k_auto = sqlite3_column_int (stmt, 4) != 0;
  run->params.k = run->k_auto ? 0 : run->k;
  run->params.seed = (guint64) sqlite3_column_int64 (stmt, 5);
  run->params.n_init = (guint) sqlite3_column_int (stmt, 6);
  run->params.outlier_z = sqlite3_column_type (stmt, 7) == SQLITE_NULL
                          ? 0 : sqlite3_column_double (stmt, 7);
  if (!features_from_string ((const char *) sqlite3_column_text (stmt, 8), &run->params))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("The project’s segmentation uses features this version does not know."));
      return NULL;
    }
  run->inertia = _sc_store_column_double (stmt, 9);
  run->silhouette = _sc_store_column_double (stmt, 10);
  run->silhouette_sampled = sqlite3_column_int (stmt, 11) != 0;
  run->k_scores = _sc_store_column_dup (stmt, 12);
  run->n_customers = (guint32) sqlite3_column_int64 (stmt, 13);
  /* Unpacked straight into the labels, without a buffer and a copy. */
  run->labels = g_new (guint16, MAX (run->n_customers, 1));
  if (!_sc_blob_copy_array (sqlite3_column_blob (stmt, 14),
                            (gsize) sqlite3_column_bytes (stmt, 14), sizeof (guint16),
                            run->n_customers, run->labels))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segment of each customer could not be read."),
                   sc_store_get_path (store));
      return NULL;
    }
  run->value_threshold = _sc_store_column_double (stmt, 15);
  run->potential_threshold = _sc_store_column_double (stmt, 16);
  run->data_version = (guint64) sqlite3_column_int64 (stmt, 19);
  {
    guint d = run->params.n_features;

    if ((gsize) sqlite3_column_bytes (stmt, 17) != sizeof (double) * 2 * d ||
        (gsize) sqlite3_column_bytes (stmt, 18) != sizeof (double) * run->k * d)
      {
        g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                     _("“%s” is damaged: the segment centres could not be read."),
                     sc_store_get_path (store));
        return NULL;
      }
    memcpy (run->mean, sqlite3_column_blob (stmt, 17), sizeof (double) * d);
    memcpy (run->sd, (const char *) sqlite3_column_blob (stmt, 17) + sizeof (double) * d,
            sizeof (double) * d);
    run->centroids = g_memdup2 (sqlite3_column_blob (stmt, 18), sizeof (double) * run->k * d);
  }

  if (!load_segments (store, run, error) ||
      !_sc_run_load_validation (store, run, error))
    return NULL;
  return g_steal_pointer (&run);
}

/**
 * sc_run_reload_segments:
 * @run: the project's current run, as sc_run_load_current() read it
 *
 * Reads again what edits and the value model change in place — the segments' fields, values
 * and quadrants, and the grid's dividers — keeping the labels and centroids, which only a new
 * run changes. Fails when @run is no longer the current run; on error @run is left as it
 * was.
 *
 * Returns: %FALSE with @error set on failure
 */
gboolean
sc_run_reload_segments (ScStore  *store,
                        ScRun    *run,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (run != NULL, FALSE);

  if (!_sc_store_prepare (store, "SELECT value_threshold, potential_threshold FROM runs "
                          "WHERE id = ? AND is_current", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->id);
  if (!_sc_store_step_row (store, stmt, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("Another segmentation has become the current one."));
      return FALSE;
    }
  if (!load_segments (store, run, error))
    return FALSE;
  run->value_threshold = _sc_store_column_double (stmt, 0);
  run->potential_threshold = _sc_store_column_double (stmt, 1);
  return TRUE;
}
