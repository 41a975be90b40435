/* sc-run-quality.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A run's choice of k and its validation (sc-validate.c computes them): the parameters
 * handed to k-means, the validation of a fresh run, and its rows in the project file.
 * Written by _sc_run_save() inside the run's own transaction, read by sc_run_load_current(). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-run-private.h"
#include "sc-store-private.h"

void
_sc_run_kmeans_choice_params (const ScRunParams  *params,
                              gsize               n_active,
                              gsize               n_clustered,
                              ScKmeansParams     *kp,
                              ScStabilityParams  *sp)
{
  kp->k_min = CLAMP (params->k_min, SC_RUN_K_LOWEST, SC_RUN_K_HIGHEST);
  kp->k_max = CLAMP (params->k_max, kp->k_min, SC_RUN_K_HIGHEST);
  /* The minimum is a share of every customer with orders; k-means sees the clustered ones. */
  kp->min_share = n_clustered > 0 ? params->min_share * n_active / n_clustered : 0;

  sc_stability_params_init (sp);
  sp->n_resamples = params->n_resamples;
  sp->seed = params->seed;
  if (sp->n_resamples > 0)
    {
      kp->stability = sc_validate_stability;
      kp->stability_data = sp;
    }
}

ScValidation *
_sc_run_validate (const ScRun           *run,
                  guint                  n_segments,
                  const ScKmeansResult  *km,
                  const ScKmeansParams  *kp,
                  const double          *x,
                  const guint8          *clustered,
                  gsize                  n_active)
{
  g_autofree guint32 *positions = g_new (guint32, MAX (km->n, 1));
  gsize j = 0;

  for (guint32 i = 0; i < run->n_customers; i++)
    if (clustered[i])
      positions[j++] = run->labels[i];
  g_assert (j == km->n);

  return sc_validation_compute (km, kp, run->params.features, x, positions, n_segments,
                                n_active > 0 ? km->n / (double) n_active : 1.0,
                                kp->stability != NULL
                                ? ((const ScStabilityParams *) kp->stability_data)->n_resamples
                                : 0);
}

gboolean
_sc_run_save_validation (ScStore      *store,
                         const ScRun  *run,
                         GError      **error)
{
  const ScValidation *v = run->validation;
  g_autoptr(sqlite3_stmt) q = NULL;
  g_autoptr(sqlite3_stmt) ks = NULL;
  g_autoptr(sqlite3_stmt) sq = NULL;
  g_autoptr(sqlite3_stmt) sd = NULL;
  g_autoptr(sqlite3_stmt) mg = NULL;

  if (!_sc_store_prepare (store, "INSERT INTO run_quality (run, k_auto, k_min, k_max, "
                          "min_share, tolerance, min_stability, n_resamples, stability_sampled, "
                          "chosen_k, choice, explanation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", &q, error) ||
      !_sc_store_prepare (store, "INSERT INTO run_k_scores (run, k, silhouette, "
                          "smallest_share, stability) VALUES (?,?,?,?,?)", &ks, error) ||
      !_sc_store_prepare (store, "INSERT INTO segment_quality (run, position, clustered, "
                          "stability) VALUES (?,?,?,?)", &sq, error) ||
      !_sc_store_prepare (store, "INSERT INTO segment_distinct (run, position, rank, feature, "
                          "effect_size, direction) VALUES (?,?,?,?,?,?)", &sd, error) ||
      !_sc_store_prepare (store, "INSERT INTO run_merges (run, a, b, feature, difference, "
                          "reason) VALUES (?,?,?,?,?,?)", &mg, error))
    return FALSE;

  sqlite3_bind_int64 (q, 1, run->id);
  sqlite3_bind_int (q, 2, v->k_auto);
  sqlite3_bind_int (q, 3, (int) v->k_min);
  sqlite3_bind_int (q, 4, (int) v->k_max);
  sqlite3_bind_double (q, 5, v->min_share);
  sqlite3_bind_double (q, 6, v->tolerance);
  sqlite3_bind_double (q, 7, v->min_stability);
  sqlite3_bind_int (q, 8, (int) v->n_resamples);
  sqlite3_bind_int (q, 9, v->stability_sampled);
  sqlite3_bind_int (q, 10, (int) v->chosen_k);
  sqlite3_bind_text (q, 11, sc_k_choice_to_string (v->choice), -1, SQLITE_STATIC);
  sqlite3_bind_text (q, 12, v->explanation != NULL ? v->explanation : "", -1, SQLITE_STATIC);
  if (!_sc_store_step_done (store, q, error))
    return FALSE;

  for (guint t = 0; t < v->n_k; t++)
    {
      sqlite3_reset (ks);
      sqlite3_bind_int64 (ks, 1, run->id);
      sqlite3_bind_int (ks, 2, (int) v->k_table[t].k);
      _sc_store_bind_double (ks, 3, v->k_table[t].silhouette);
      _sc_store_bind_double (ks, 4, v->k_table[t].smallest_share);
      _sc_store_bind_double (ks, 5, v->k_table[t].stability);
      if (!_sc_store_step_done (store, ks, error))
        return FALSE;
    }

  for (guint s = 0; s < v->n_segments; s++)
    {
      const ScSegmentQuality *sg = &v->segments[s];

      sqlite3_reset (sq);
      sqlite3_bind_int64 (sq, 1, run->id);
      sqlite3_bind_int (sq, 2, (int) sg->position);
      sqlite3_bind_int (sq, 3, sg->clustered);
      _sc_store_bind_double (sq, 4, sg->stability);
      if (!_sc_store_step_done (store, sq, error))
        return FALSE;
      for (guint f = 0; f < sg->n_distinct; f++)
        {
          sqlite3_reset (sd);
          sqlite3_bind_int64 (sd, 1, run->id);
          sqlite3_bind_int (sd, 2, (int) sg->position);
          sqlite3_bind_int (sd, 3, (int) f);
          sqlite3_bind_text (sd, 4, sc_feature_to_string (sg->distinct[f].feature), -1,
                             SQLITE_STATIC);
          sqlite3_bind_double (sd, 5, sg->distinct[f].effect_size);
          sqlite3_bind_int (sd, 6, sg->distinct[f].direction);
          if (!_sc_store_step_done (store, sd, error))
            return FALSE;
        }
    }

  for (guint m = 0; m < v->n_merges; m++)
    {
      sqlite3_reset (mg);
      sqlite3_bind_int64 (mg, 1, run->id);
      sqlite3_bind_int (mg, 2, (int) v->merges[m].a);
      sqlite3_bind_int (mg, 3, (int) v->merges[m].b);
      sqlite3_bind_text (mg, 4, sc_feature_to_string (v->merges[m].largest_feature), -1,
                         SQLITE_STATIC);
      sqlite3_bind_double (mg, 5, v->merges[m].largest_difference);
      sqlite3_bind_text (mg, 6, v->merges[m].reason, -1, SQLITE_STATIC);
      if (!_sc_store_step_done (store, mg, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_damaged (ScStore  *store,
             GError  **error)
{
  g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
               _("“%s” is damaged: the quality of the segments could not be read."),
               sc_store_get_path (store));
  return FALSE;
}

static void
merge_clear (gpointer data)
{
  g_free (((ScMergeSuggestion *) data)->reason);
}

static gboolean
load_rows (ScStore       *store,
           ScValidation  *v,
           gint64         run_id,
           GError       **error)
{
  g_autoptr(sqlite3_stmt) ks = NULL;
  g_autoptr(sqlite3_stmt) sq = NULL;
  g_autoptr(sqlite3_stmt) sd = NULL;
  g_autoptr(sqlite3_stmt) mg = NULL;
  g_autoptr(GArray) scores = g_array_new (FALSE, TRUE, sizeof (ScKScore));
  g_autoptr(GArray) merges = g_array_new (FALSE, TRUE, sizeof (ScMergeSuggestion));
  int rc;

  g_array_set_clear_func (merges, merge_clear);
  if (!_sc_store_prepare (store, "SELECT k, silhouette, smallest_share, stability FROM "
                          "run_k_scores WHERE run = ? ORDER BY k", &ks, error) ||
      !_sc_store_prepare (store, "SELECT position, clustered, stability FROM segment_quality "
                          "WHERE run = ? ORDER BY position", &sq, error) ||
      !_sc_store_prepare (store, "SELECT position, feature, effect_size, direction FROM "
                          "segment_distinct WHERE run = ? ORDER BY position, rank", &sd,
                          error) ||
      !_sc_store_prepare (store, "SELECT a, b, feature, difference, reason FROM run_merges "
                          "WHERE run = ? ORDER BY a, b", &mg, error))
    return FALSE;

  sqlite3_bind_int64 (ks, 1, run_id);
  while ((rc = sqlite3_step (ks)) == SQLITE_ROW)
    {
      ScKScore s = { (guint) sqlite3_column_int (ks, 0), _sc_store_column_double (ks, 1),
                     _sc_store_column_double (ks, 2), _sc_store_column_double (ks, 3) };

      g_array_append_val (scores, s);
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return FALSE;
  v->n_k = scores->len;
  v->k_table = (ScKScore *) g_array_free (g_steal_pointer (&scores), FALSE);

  sqlite3_bind_int64 (sq, 1, run_id);
  v->segments = g_new0 (ScSegmentQuality, MAX (v->n_segments, 1));
  while ((rc = sqlite3_step (sq)) == SQLITE_ROW)
    {
      guint p = (guint) sqlite3_column_int (sq, 0);

      if (p >= v->n_segments)
        return set_damaged (store, error);
      v->segments[p].position = p;
      v->segments[p].clustered = sqlite3_column_int (sq, 1) != 0;
      v->segments[p].stability = _sc_store_column_double (sq, 2);
      v->segments[p].unstable = v->segments[p].stability < SC_VALIDATE_UNSTABLE;
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return FALSE;

  sqlite3_bind_int64 (sd, 1, run_id);
  while ((rc = sqlite3_step (sd)) == SQLITE_ROW)
    {
      guint p = (guint) sqlite3_column_int (sd, 0);
      ScDistinctFeature f = { 0 };
      ScSegmentQuality *q;

      if (p >= v->n_segments ||
          !sc_feature_from_string ((const char *) sqlite3_column_text (sd, 1), &f.feature))
        return set_damaged (store, error);
      f.effect_size = sqlite3_column_double (sd, 2);
      f.direction = sqlite3_column_int (sd, 3);
      q = &v->segments[p];
      q->distinct = g_renew (ScDistinctFeature, q->distinct, q->n_distinct + 1);
      q->distinct[q->n_distinct++] = f;
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return FALSE;

  sqlite3_bind_int64 (mg, 1, run_id);
  while ((rc = sqlite3_step (mg)) == SQLITE_ROW)
    {
      ScMergeSuggestion m = { (guint) sqlite3_column_int (mg, 0),
                              (guint) sqlite3_column_int (mg, 1), 0,
                              sqlite3_column_double (mg, 3), NULL };

      if (m.a >= v->n_segments || m.b >= v->n_segments ||
          !sc_feature_from_string ((const char *) sqlite3_column_text (mg, 2),
                                   &m.largest_feature))
        return set_damaged (store, error);
      m.reason = _sc_store_column_dup (mg, 4);
      g_array_append_val (merges, m);
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return FALSE;
  g_array_set_clear_func (merges, NULL);
  v->n_merges = merges->len;
  v->merges = (ScMergeSuggestion *) g_array_free (g_steal_pointer (&merges), FALSE);
  return TRUE;
}

gboolean
_sc_run_load_validation (ScStore  *store,
                         ScRun    *run,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) q = NULL;
  g_autoptr(ScValidation) v = NULL;
  gboolean found;

  if (!_sc_store_prepare (store, "SELECT k_auto, k_min, k_max, min_share, tolerance, "
                          "min_stability, n_resamples, stability_sampled, chosen_k, choice, "
                          "explanation "
                          "FROM run_quality WHERE run = ?", &q, error))
    return FALSE;
  sqlite3_bind_int64 (q, 1, run->id);
  if (!_sc_store_step_row (store, q, &found, error))
    return FALSE;
  if (!found)
    {
      g_clear_pointer (&run->validation, sc_validation_free);
      return TRUE;
    }

  v = g_new0 (ScValidation, 1);
  v->k_auto = sqlite3_column_int (q, 0) != 0;
  v->k_min = (guint) sqlite3_column_int (q, 1);
  v->k_max = (guint) sqlite3_column_int (q, 2);
  v->min_share = sqlite3_column_double (q, 3);
  v->tolerance = sqlite3_column_double (q, 4);
  v->min_stability = sqlite3_column_double (q, 5);
  v->n_resamples = (guint) sqlite3_column_int (q, 6);
  v->stability_sampled = sqlite3_column_int (q, 7) != 0;
  v->chosen_k = (guint) sqlite3_column_int (q, 8);
  if (!sc_k_choice_from_string ((const char *) sqlite3_column_text (q, 9), &v->choice))
    return set_damaged (store, error);
  v->explanation = _sc_store_column_dup (q, 10);
  v->n_segments = run->n_segments;
  if (!load_rows (store, v, run->id, error))
    return FALSE;

  if (v->k_auto)
    {
      run->params.k_min = v->k_min;
      run->params.k_max = v->k_max;
      run->params.min_share = v->min_share;
    }
  run->params.n_resamples = v->n_resamples;
  g_clear_pointer (&run->validation, sc_validation_free);
  run->validation = g_steal_pointer (&v);
  return TRUE;
}
