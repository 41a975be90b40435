/* sc-edit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-brief.h"
#include "sc-edit.h"
#include "sc-features.h"
#include "sc-kmeans.h"
#include "sc-potential.h"
#include "sc-run-private.h"
#include "sc-snapshot.h"
#include "sc-store-private.h"
#include "sc-transform.h"

static const char *
field_column (ScSegmentField field)
{
  switch (field)
    {
    case SC_SEGMENT_FIELD_NAME: return "name";
    case SC_SEGMENT_FIELD_DESCRIPTION: return "description";
    case SC_SEGMENT_FIELD_OBJECTIVE: return "objective";
    case SC_SEGMENT_FIELD_OWNER: return "owner";
    case SC_SEGMENT_FIELD_SERVICE_TIER: return "service_tier";
    case SC_SEGMENT_FIELD_TACTICS: return "tactics";
    case SC_SEGMENT_FIELD_QUADRANT_OVERRIDE: return "quadrant_override";
    case SC_SEGMENT_FIELD_COLOUR: return "colour";
    default: g_return_val_if_reached (NULL);
    }
}

gboolean
sc_edit_validate_name (const ScRun  *run,
                       gint64        segment_id,
                       const char   *name,
                       GError      **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *folded = NULL;

  if (*stripped == '\0')
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                           _("A segment needs a name."));
      return FALSE;
    }
  if (g_utf8_strlen (stripped, -1) > SC_SEGMENT_NAME_MAX)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("Names can be at most %d characters long."), SC_SEGMENT_NAME_MAX);
      return FALSE;
    }
  folded = g_utf8_casefold (stripped, -1);
  for (guint s = 0; run != NULL && s < run->n_segments; s++)
    {
      g_autofree char *other = NULL;

      if (run->segments[s].id == segment_id || run->segments[s].name == NULL)
        continue;
      other = g_utf8_casefold (run->segments[s].name, -1);
      if (g_str_equal (other, folded))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("Another segment is already called “%s”."), run->segments[s].name);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
validate_field (ScSegmentField   field,
                const char      *value,
                GError         **error)
{
  static const char * const tiers[] = { "high", "mid", "low", NULL };
  guint64 colour;

  if (field == SC_SEGMENT_FIELD_SERVICE_TIER && value != NULL &&
      !g_strv_contains (tiers, value))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” is not a service tier: use high, mid or low."), value);
      return FALSE;
    }
  if (field == SC_SEGMENT_FIELD_QUADRANT_OVERRIDE && value != NULL &&
      sc_quadrant_from_string (value) == SC_QUADRANT_NONE)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” is not a quadrant: use invest, keep, grow or maintain."), value);
      return FALSE;
    }
  if (field == SC_SEGMENT_FIELD_COLOUR &&
      (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 63, &colour, NULL)))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” is not a colour of the palette."), value ? value : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_edit_set_field (ScStore         *store,
                   gint64           segment_id,
                   ScSegmentField   field,
                   const char      *value,
                   char           **old_value,
                   GError         **error)
{
  g_autoptr(sqlite3_stmt) get = NULL;
  g_autoptr(sqlite3_stmt) set = NULL;
  g_autofree char *sql_get = NULL;
  g_autofree char *sql_set = NULL;
  g_autofree char *stripped = NULL;
  const char *column = field_column (field);

  g_return_val_if_fail (column != NULL, FALSE);

  if (!validate_field (field, value, error))
    return FALSE;

  if (field == SC_SEGMENT_FIELD_NAME)
    {
      g_autoptr(ScRun) run = sc_run_load_current (store, error);

      if (run == NULL && error != NULL && *error != NULL)
        return FALSE;
      if (!sc_edit_validate_name (run, segment_id, value, error))
        return FALSE;
      stripped = g_strstrip (g_strdup (value));
      value = stripped;
    }

  /* Column names come from field_column(), never from input. */
  sql_get = g_strdup_printf ("SELECT %s FROM segments WHERE id = ?", column);
  sql_set = g_strdup_printf ("UPDATE segments SET %s = ? WHERE id = ?", column);
  if (!_sc_store_prepare (store, sql_get, &get, error) ||
      !_sc_store_prepare (store, sql_set, &set, error))
    return FALSE;

  sqlite3_bind_int64 (get, 1, segment_id);
  if (sqlite3_step (get) != SQLITE_ROW)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The segment no longer exists."));
      return FALSE;
    }
  if (old_value != NULL)
    *old_value = g_strdup ((const char *) sqlite3_column_text (get, 0));

  if (field == SC_SEGMENT_FIELD_COLOUR)
    sqlite3_bind_int64 (set, 1, g_ascii_strtoll (value, NULL, 10));
  else if (value != NULL && *value != '\0')
    sqlite3_bind_text (set, 1, value, -1, SQLITE_STATIC);
  else if (field == SC_SEGMENT_FIELD_NAME)
    g_assert_not_reached ();
  else
    sqlite3_bind_null (set, 1);
  sqlite3_bind_int64 (set, 2, segment_id);
  if (!_sc_store_step_done (store, set, error))
    {
      if (old_value != NULL)
        g_clear_pointer (old_value, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_ranks (ScStore      *store,
             const ScRun  *run,
             const guint  *ranks,
             GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  if (!sc_store_begin (store, error))
    return FALSE;
  if (!_sc_store_prepare (store, "UPDATE segments SET priority = ? WHERE id = ?", &stmt, error))
    goto out;
  for (guint s = 0; s < run->n_segments; s++)
    {
      sqlite3_bind_int (stmt, 1, (int) ranks[s]);
      sqlite3_bind_int64 (stmt, 2, run->segments[s].id);
      if (!_sc_store_step_done (store, stmt, error))
        goto out;
    }
  ok = TRUE;

out:
  return sc_store_end (store, ok, error);
}

gboolean
sc_edit_set_priority (ScStore      *store,
                      const ScRun  *run,
                      gint64        segment_id,
                      guint         rank,
                      guint       **old_ranks,
                      GError      **error)
{
  g_autofree guint *order = sc_run_priority_order (run);
  g_autofree guint *ranks = g_new (guint, MAX (run->n_segments, 1));
  guint from = G_MAXUINT, pos = 0;

  for (guint i = 0; i < run->n_segments; i++)
    if (run->segments[order[i]].id == segment_id)
      from = i;
  if (from == G_MAXUINT || rank < 1 || rank > run->n_segments)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("There is no rank %u among %u segments."), rank, run->n_segments);
      return FALSE;
    }

  /* Take the segment out of the order and put it back at rank. */
  pos = order[from];
  memmove (order + from, order + from + 1, sizeof (guint) * (run->n_segments - from - 1));
  memmove (order + rank, order + rank - 1, sizeof (guint) * (run->n_segments - rank));
  order[rank - 1] = pos;
  for (guint i = 0; i < run->n_segments; i++)
    ranks[order[i]] = i + 1;

  if (old_ranks != NULL)
    {
      *old_ranks = g_new (guint, MAX (run->n_segments, 1));
      for (guint s = 0; s < run->n_segments; s++)
        (*old_ranks)[s] = run->segments[s].priority;
    }
  if (!write_ranks (store, run, ranks, error))
    {
      if (old_ranks != NULL)
        g_clear_pointer (old_ranks, g_free);
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_edit_restore_priority (ScStore      *store,
                          const ScRun  *run,
                          const guint  *ranks,
                          GError      **error)
{
  return write_ranks (store, run, ranks, error);
}

gboolean
sc_edit_set_current_run (ScStore  *store,
                         gint64    run_id,
                         GError  **error)
{
  return _sc_store_exec_id (store, "UPDATE runs SET is_current = (id = ?)", run_id, error) >= 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Structural edits                                                                           */

/* Every customer's clustering features in the run's standardised space (n × d). */
static double *
transformed_features (ScStore      *store,
                      const ScRun  *run,
                      GError      **error)
{
  g_autoptr(ScAggregates) agg = sc_store_load_aggregates (store, error);
  g_autoptr(ScFeatures) features = NULL;
  guint d = run->params.n_features;
  double *z;
  gsize n = 0;

  if (agg == NULL)
    return NULL;
  features = sc_features_compute (agg, run->params.as_of);
  if (!_sc_run_fill_features (store, &run->params, features, NULL, error))
    return NULL;
  z = sc_features_matrix (features, run->params.features, d, NULL, &n);
  if (z == NULL || n < run->n_customers)
    {
      g_free (z);
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segmentation names unknown customers."),
                   sc_store_get_path (store));
      return NULL;
    }
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      z[i * d + j] = run->sd[j] > 0 ? (z[i * d + j] - run->mean[j]) / run->sd[j] : 0.0;
  return z;
}

/* The mean in @z (n_customers × d) of the customers labelled 0..n_groups-1, into @means
 * (n_groups × d, zeroed by the caller), with each group's size in @count; a group without
 * members keeps zeros. */
static void
mean_by_label (const ScRun   *run,
               const double  *z,
               guint          n_groups,
               double        *means,
               gsize         *count)
{
  guint d = run->params.n_features;

  for (guint32 i = 0; i < run->n_customers; i++)
    {
      guint l = run->labels[i];

      if (l >= n_groups)
        continue;
      count[l]++;
      for (guint j = 0; j < d; j++)
        means[(gsize) l * d + j] += z[(gsize) i * d + j];
    }
  for (guint c = 0; c < n_groups; c++)
    for (guint j = 0; j < d && count[c] > 0; j++)
      means[(gsize) c * d + j] /= count[c];
}

/* The structural edits' answer to a position past the run's segments: no run (0). */
static gint64
no_such_segment (GError **error)
{
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT, _("There is no such segment."));
  return 0;
}

static void
set_emptied_error (const ScSegmentInfo  *segment,
                   GError              **error)
{
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
               _("“%s” would have no customers left. Merge it into another segment instead."),
               segment->name);
}

/* Centroids of the clusters (neither top accounts nor anomalies, positions 0..k-1) as the mean
 * of their members. Fails when a cluster has no member. */
static gboolean
recompute_centroids (ScRun         *run,
                     const double  *z,
                     GError       **error)
{
  g_autofree gsize *count = g_new0 (gsize, MAX (run->k, 1));

  g_free (run->centroids);
  run->centroids = g_new0 (double, (gsize) MAX (run->k, 1) * run->params.n_features);
  mean_by_label (run, z, run->k, run->centroids, count);
  for (guint c = 0; c < run->k; c++)
    if (count[c] == 0)
      {
        set_emptied_error (&run->segments[c], error);
        return FALSE;
      }
  return TRUE;
}

/* Rebuilds run's segment list: new_of[old position] gives each old segment's new position
 * (or G_MAXUINT when it disappears into another), keep[new position] the old segment whose
 * fields it keeps (G_MAXUINT: a new segment). Labels are remapped through new_of. */
static void
remap_segments (ScRun        *run,
                const guint  *new_of,
                const guint  *keep,
                guint         n_new)
{
  ScSegmentInfo *segments = g_new0 (ScSegmentInfo, MAX (n_new, 1));

  for (guint p = 0; p < n_new; p++)
    {
      if (keep[p] != G_MAXUINT)
        sc_segment_info_copy (&run->segments[keep[p]], &segments[p]);
      segments[p].position = p;
      segments[p].id = 0;
    }
  for (guint32 i = 0; i < run->n_customers; i++)
    if (run->labels[i] < run->n_segments)
      run->labels[i] = (guint16) new_of[run->labels[i]];

  for (guint s = 0; s < run->n_segments; s++)
    sc_segment_info_clear (&run->segments[s]);
  g_free (run->segments);
  run->segments = segments;
  run->n_segments = n_new;
  run->k = 0;
  for (guint p = 0; p < n_new; p++)
    run->k += segments[p].kind == SC_SEGMENT_KIND_SEGMENT;
}

/* Ranks 1..n again in the old order, new segments last. */
static void
renumber_priorities (ScRun *run)
{
  g_autofree guint *order = NULL;

  for (guint s = 0; s < run->n_segments; s++)
    if (run->segments[s].priority == 0)
      run->segments[s].priority = G_MAXUINT / 2 + s;
  order = sc_run_priority_order (run);
  for (guint i = 0; i < run->n_segments; i++)
    run->segments[order[i]].priority = i + 1;
}

static gint64
finish (ScStore       *store,
        const ScRun   *previous,
        ScRun         *run,
        const double  *z,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree int *origin = NULL;
  g_autofree char *currency = NULL;

  if (z != NULL && !recompute_centroids (run, z, error))
    return 0;
  renumber_priorities (run);
  g_free (run->created_at);
  run->created_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  /* Quality figures describe the clustering that was computed; hand edits void them. */
  run->inertia = NAN;
  run->silhouette = NAN;
  currency = sc_brief_load_currency (store, NULL, error);
  if ((currency == NULL && error != NULL && *error != NULL) ||
      !_sc_run_describe (store, run, currency, cancellable, error))
    return 0;

  /* Drift follows a segment through edits: each new segment descends from the old one that
   * gave it most of its members. */
  origin = g_new (int, MAX (run->n_segments, 1));
  {
    g_autofree gsize *counts = g_new0 (gsize, (gsize) MAX (run->n_segments, 1) *
                                              MAX (previous->n_segments, 1));
    for (guint32 i = 0; i < MIN (run->n_customers, previous->n_customers); i++)
      if (run->labels[i] < run->n_segments && previous->labels[i] < previous->n_segments)
        counts[(gsize) run->labels[i] * previous->n_segments + previous->labels[i]]++;
    for (guint s = 0; s < run->n_segments; s++)
      {
        gsize best = 0;

        origin[s] = -1;
        for (guint o = 0; o < previous->n_segments; o++)
          if (counts[(gsize) s * previous->n_segments + o] > best)
            {
              best = counts[(gsize) s * previous->n_segments + o];
              origin[s] = (int) o;
            }
      }
  }
  /* The new run, its place on the grid and its lineage: one transaction. */
  if (!sc_store_begin (store, error))
    return 0;
  if (!sc_store_end (store,
                     _sc_run_save (store, run, error) &&
                     _sc_run_apply_fresh_potential (store, run, error) &&
                     sc_run_record_lineage (store, previous, run, origin, error),
                     error))
    return 0;
  return run->id;
}

/* finish() for an edit that moved members: the centroids become the means of the new
 * members. */
static gint64
finish_with_centroids (ScStore       *store,
                       const ScRun   *previous,
                       ScRun         *run,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree double *z = transformed_features (store, run, error);

  if (z == NULL)
    return 0;
  return finish (store, previous, run, z, cancellable, error);
}

static guint
free_colour (const ScRun *run)
{
  for (guint c = 0; c < 64; c++)
    {
      gboolean used = FALSE;
      for (guint s = 0; s < run->n_segments && !used; s++)
        used = run->segments[s].colour == c;
      if (!used)
        return c;
    }
  return run->n_segments;
}

gint64
sc_edit_merge (ScStore       *store,
               const ScRun   *run,
               const guint   *positions,
               guint          n_positions,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(ScRun) edited = NULL;
  g_autofree gboolean *merged = g_new0 (gboolean, MAX (run->n_segments, 1));
  g_autofree guint *new_of = g_new (guint, MAX (run->n_segments, 1));
  g_autofree guint *keep = g_new (guint, MAX (run->n_segments, 1));
  guint target = G_MAXUINT, n_new = 0, distinct = 0;

  for (guint i = 0; i < n_positions; i++)
    {
      if (positions[i] >= run->n_segments)
        return no_such_segment (error);
      distinct += !merged[positions[i]];
      merged[positions[i]] = TRUE;
    }
  if (distinct < 2)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("Choose two or more segments to merge."));
      return 0;
    }

  /* The merged segment keeps the fields of its largest cluster, else of the top accounts,
   * the anomalies last (ScSegmentKind is in that order). */
  for (guint s = 0; s < run->n_segments; s++)
    if (merged[s] && (target == G_MAXUINT ||
                      run->segments[s].kind < run->segments[target].kind ||
                      (run->segments[s].kind == run->segments[target].kind &&
                       run->segments[s].size > run->segments[target].size)))
      target = s;

  for (guint s = 0; s < run->n_segments; s++)
    if (!merged[s] || s == target)
      {
        keep[n_new] = s;
        new_of[s] = n_new++;
      }
  for (guint s = 0; s < run->n_segments; s++)
    if (merged[s])
      new_of[s] = new_of[target];

  edited = sc_run_copy (run);
  remap_segments (edited, new_of, keep, n_new);
  return finish_with_centroids (store, run, edited, cancellable, error);
}

gint64
sc_edit_split (ScStore       *store,
               const ScRun   *run,
               guint          position,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(ScRun) edited = NULL;
  g_autoptr(ScKmeansResult) km = NULL;
  g_autofree double *z = NULL;
  g_autofree double *members = NULL;
  g_autofree guint *new_of = NULL;
  g_autofree guint *keep = NULL;
  guint d = run->params.n_features;
  gsize n_members = 0, j = 0;
  ScKmeansParams kp;
  guint fresh, bigger;

  if (position >= run->n_segments)
    return no_such_segment (error);
  if (run->segments[position].is_outliers)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("Outliers are not split; fold them into the other segments instead."));
      return 0;
    }

  z = transformed_features (store, run, error);
  if (z == NULL)
    return 0;
  for (guint32 i = 0; i < run->n_customers; i++)
    n_members += run->labels[i] == position;
  members = g_new (double, MAX (n_members, 1) * d);
  for (guint32 i = 0; i < run->n_customers; i++)
    if (run->labels[i] == position)
      memcpy (members + (j++) * d, z + (gsize) i * d, sizeof (double) * d);

  sc_kmeans_params_init (&kp);
  kp.k = 2;
  kp.seed = run->params.seed;
  kp.n_init = MAX (run->params.n_init, 1);
  km = sc_kmeans_run (members, n_members, d, &kp, NULL, NULL, cancellable, error);
  if (km == NULL)
    {
      if (error != NULL && *error != NULL && !g_error_matches (*error, G_IO_ERROR,
                                                                 G_IO_ERROR_CANCELLED))
        {
          g_clear_error (error);
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("“%s” cannot be split: its customers are too much alike."),
                       run->segments[position].name);
        }
      return 0;
    }

  /* The larger half keeps the segment's fields; the other becomes a new segment after the
   * other clusters (before the top accounts and anomalies, which stay last). */
  edited = sc_run_copy (run);
  bigger = km->sizes[0] >= km->sizes[1] ? 0 : 1;
  fresh = run->k;
  new_of = g_new (guint, run->n_segments);
  keep = g_new (guint, run->n_segments + 1);
  for (guint s = 0; s < run->n_segments; s++)
    {
      guint p = s < fresh ? s : s + 1;
      new_of[s] = p;
      keep[p] = s;
    }
  keep[fresh] = G_MAXUINT;
  remap_segments (edited, new_of, keep, run->n_segments + 1);
  edited->segments[fresh].colour = free_colour (run);
  j = 0;
  for (guint32 i = 0; i < run->n_customers; i++)
    if (run->labels[i] == position && km->labels[j++] != bigger)
      edited->labels[i] = (guint16) fresh;
  edited->k = run->k + 1;

  return finish (store, run, edited, z, cancellable, error);
}

gint64
sc_edit_move_customers (ScStore        *store,
                        const ScRun    *run,
                        const guint32  *customers,
                        guint           n_customers,
                        guint           to_position,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(ScRun) edited = NULL;

  if (to_position >= run->n_segments)
    return no_such_segment (error);
  edited = sc_run_copy (run);
  for (guint i = 0; i < n_customers; i++)
    {
      if (customers[i] >= run->n_customers || run->labels[customers[i]] == SC_LABEL_NONE)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("That customer has no orders and is in no segment."));
          return 0;
        }
      edited->labels[customers[i]] = (guint16) to_position;
    }
  for (guint s = 0; s < run->n_segments; s++)
    {
      gboolean any = FALSE;
      for (guint32 i = 0; i < run->n_customers && !any; i++)
        any = edited->labels[i] == s;
      if (!any)
        {
          set_emptied_error (&run->segments[s], error);
          return 0;
        }
    }
  return finish_with_centroids (store, run, edited, cancellable, error);
}

gint64
sc_edit_fold_outliers (ScStore       *store,
                       const ScRun   *run,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(ScRun) edited = NULL;
  g_autofree double *z = NULL;
  g_autofree guint *new_of = NULL;
  g_autofree guint *keep = NULL;
  guint outliers = G_MAXUINT, n_new = 0;
  guint d = run->params.n_features;

  for (guint s = 0; s < run->n_segments; s++)
    if (run->segments[s].is_outliers)
      outliers = s;
  if (outliers == G_MAXUINT)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("This segmentation has no outliers to fold."));
      return 0;
    }

  z = transformed_features (store, run, error);
  if (z == NULL)
    return 0;

  edited = sc_run_copy (run);
  for (guint32 i = 0; i < run->n_customers; i++)
    if (run->labels[i] == outliers)
      edited->labels[i] = (guint16) sc_kmeans_assign_nearest (z + (gsize) i * d, run->centroids,
                                                                 run->k, d, NULL);

  new_of = g_new (guint, run->n_segments);
  keep = g_new (guint, run->n_segments);
  for (guint s = 0; s < run->n_segments; s++)
    if (s != outliers)
      {
        keep[n_new] = s;
        new_of[s] = n_new++;
      }
  new_of[outliers] = G_MAXUINT;
  remap_segments (edited, new_of, keep, n_new);
  edited->params.outlier_z = 0;
  return finish (store, run, edited, z, cancellable, error);
}

/* ------------------------------------------------------------------------------------------ */
/* The value × potential grid                                                                 */

/**
 * sc_edit_set_thresholds:
 * @value_threshold: values at or above it are high; NAN for the median of the segments
 * @potential_threshold: likewise for potential
 *
 * Moves the grid's dividers and places every segment again (its computed quadrant; an
 * override stands), the way sc_run_apply_potential() does, in one transaction.
 */
gboolean
sc_edit_set_thresholds (ScStore      *store,
                        const ScRun  *run,
                        double        value_threshold,
                        double        potential_threshold,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) seg = NULL;
  double median_value, median_potential;
  gboolean ok = FALSE;

  g_return_val_if_fail (store != NULL && run != NULL, FALSE);

  if (!_sc_run_median_thresholds (run, &median_value, &median_potential))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("The segments have no value and potential yet: estimate them first."));
      return FALSE;
    }
  if (!isfinite (value_threshold))
    value_threshold = median_value;
  if (!isfinite (potential_threshold))
    potential_threshold = median_potential;

  if (!sc_store_begin (store, error))
    return FALSE;
  if (!_sc_store_prepare (store, "UPDATE segments SET quadrant = ? WHERE id = ?", &seg, error))
    goto out;
  for (guint s = 0; s < run->n_segments; s++)
    {
      const ScSegmentInfo *info = &run->segments[s];
      ScQuadrant quadrant = sc_quadrant_classify (info->value, info->potential,
                                                  value_threshold, potential_threshold);

      /* NONE has no stored form: the column becomes NULL */
      sqlite3_bind_text (seg, 1, sc_quadrant_to_string (quadrant), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (seg, 2, info->id);
      if (!_sc_store_step_done (store, seg, error))
        goto out;
    }
  ok = _sc_run_save_thresholds (store, run->id, value_threshold, potential_threshold, error);

out:
  return sc_store_end (store, ok, error);
}

/* ------------------------------------------------------------------------------------------ */
/* What the editor shows about segments                                                        */

void
sc_run_details_free (ScRunDetails *details)
{
  if (details == NULL)
    return;
  for (guint s = 0; s < details->n_segments; s++)
    {
      ScSegmentDetails *d = &details->segments[s];

      for (guint c = 0; c < d->n_top_categories; c++)
        {
          g_free (d->top_categories[c].attribute);
          g_free (d->top_categories[c].level);
        }
      for (guint e = 0; e < d->n_examples; e++)
        g_free (d->examples[e].key);
    }
  g_free (details->segments);
  g_free (details);
}

typedef struct
{
  guint32 customer;
  double  distance;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return x->customer < y->customer ? -1 : x->customer > y->customer;
}

/* Members nearest their segment's mean in the run's standardised space: the customers who
 * look most like the segment as a whole, and the same ones every time. */
static void
pick_examples (const ScRun       *run,
               const double      *z,
               const ScFeatures  *features,
               GPtrArray         *keys,
               guint              n_examples,
               ScRunDetails      *details)
{
  guint d = run->params.n_features;
  g_autofree double *centre = g_new0 (double, (gsize) MAX (run->n_segments, 1) * d);
  g_autofree gsize *count = g_new0 (gsize, MAX (run->n_segments, 1));
  g_autofree Candidate *best = g_new (Candidate, (gsize) MAX (run->n_segments, 1) * n_examples);
  g_autofree guint *n_best = g_new0 (guint, MAX (run->n_segments, 1));

  mean_by_label (run, z, run->n_segments, centre, count);

  /* A bounded insertion list per segment: n_examples is a handful. */
  for (guint32 i = 0; i < run->n_customers; i++)
    {
      guint l = run->labels[i];
      Candidate c = { i, 0 };
      Candidate *list;
      guint pos;

      if (l >= run->n_segments)
        continue;
      for (guint j = 0; j < d; j++)
        {
          double diff = z[(gsize) i * d + j] - centre[(gsize) l * d + j];
          c.distance += diff * diff;
        }
      list = best + (gsize) l * n_examples;
      if (n_best[l] == n_examples && compare_candidates (&c, &list[n_examples - 1]) >= 0)
        continue;
      pos = MIN (n_best[l], n_examples - 1);
      while (pos > 0 && compare_candidates (&c, &list[pos - 1]) < 0)
        {
          list[pos] = list[pos - 1];
          pos--;
        }
      list[pos] = c;
      n_best[l] = MIN (n_best[l] + 1, n_examples);
    }

  for (guint s = 0; s < run->n_segments; s++)
    {
      ScSegmentDetails *sd = &details->segments[s];

      for (guint e = 0; e < n_best[s]; e++)
        {
          ScExampleCustomer *ex = &sd->examples[e];
          guint32 i = best[(gsize) s * n_examples + e].customer;

          ex->customer = i;
          ex->key = g_strdup (i < keys->len ? g_ptr_array_index (keys, i) : "");
          ex->recency = features->values[SC_FEATURE_RECENCY][i];
          ex->frequency = features->values[SC_FEATURE_FREQUENCY][i];
          ex->monetary = features->values[SC_FEATURE_MONETARY][i];
        }
      sd->n_examples = n_best[s];
    }
}

/**
 * sc_edit_describe_run:
 * @n_examples: example customers per segment, at most %SC_EDIT_MAX_EXAMPLES
 *
 * Per segment of @run: feature means against all customers, what sets it apart (features
 * and customer-list categories with their lift) and a few typical members. CLV and
 * P(alive) are included when a model fitted on the current data exists.
 *
 * Returns: (transfer full) (nullable): the details, or %NULL with @error set
 */
ScRunDetails *
sc_edit_describe_run (ScStore       *store,
                      const ScRun   *run,
                      guint          n_examples,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(ScRunDetails) details = NULL;
  g_autoptr(ScFeatures) features = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree ScAttribute *attrs = NULL;
  g_autofree guint32 *labels32 = NULL;
  g_autofree double *z = NULL;
  ScSegmentProfile *profiles;

  g_return_val_if_fail (store != NULL && run != NULL, NULL);

  n_examples = MIN (n_examples, SC_EDIT_MAX_EXAMPLES);

  features = sc_run_load_customer_features (store, run->params.as_of, error);
  if (features == NULL)
    return NULL;
  if (features->n < run->n_customers)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the segmentation names unknown customers."),
                   sc_store_get_path (store));
      return NULL;
    }

  if (!sc_store_load_attributes (store, features->n, &attributes, error) ||
      !sc_store_load_customer_keys (store, &keys, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  labels32 = _sc_run_labels_for (run, features->n);
  profiles = _sc_run_profiles (features, labels32, run, attributes, &attrs,
                               cancellable, error);
  if (profiles == NULL)
    return NULL;

  details = g_new0 (ScRunDetails, 1);
  details->run = run->id;
  details->n_segments = run->n_segments;
  details->segments = g_new0 (ScSegmentDetails, MAX (run->n_segments, 1));

  for (guint s = 0; s < run->n_segments; s++)
    {
      ScSegmentDetails *sd = &details->segments[s];
      const ScSegmentProfile *p = &profiles[s];

      for (guint f = 0; f < SC_N_FEATURES; f++)
        {
          sd->mean[f] = p->mean[f];
          sd->all_mean[f] = p->all_mean[f];
        }
      sd->n_top_features = p->n_top_features;
      memcpy (sd->top_features, p->top_features, sizeof sd->top_features);
      sd->n_top_categories = p->n_top_categories;
      for (guint c = 0; c < p->n_top_categories; c++)
        {
          const ScCategoryLift *lift = &p->top_categories[c];
          const ScAttribute *attr = &attrs[lift->attribute];

          sd->top_categories[c].attribute = g_strdup (attr->name);
          sd->top_categories[c].level = g_strdup (lift->level < attr->n_levels
                                                  ? attr->levels[lift->level] : "");
          sd->top_categories[c].segment_share = lift->segment_share;
          sd->top_categories[c].all_share = lift->all_share;
          sd->top_categories[c].lift = lift->lift;
          sd->top_categories[c].count = lift->count;
        }
    }
  sc_profile_free (profiles, run->n_segments);

  if (n_examples > 0 && run->params.n_features > 0)
    {
      z = transformed_features (store, run, error);
      if (z == NULL)
        return NULL;
      pick_examples (run, z, features, keys, n_examples, details);
    }

  return g_steal_pointer (&details);
}

/**
 * sc_edit_find_customer:
 * @key: a customer id as in the imported files (surrounding blanks ignored)
 * @customer: (out): the dense id
 *
 * Returns: %FALSE with a message for people when no customer is called @key
 */
gboolean
sc_edit_find_customer (ScStore     *store,
                       const char  *key,
                       guint32     *customer,
                       GError     **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (store != NULL && key != NULL && customer != NULL, FALSE);

  if (!sc_store_load_customer_keys (store, &keys, error))
    return FALSE;
  wanted = g_strstrip (g_strdup (key));
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), wanted))
      {
        *customer = i;
        return TRUE;
      }
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
               _("There is no customer “%s” in this project."), wanted);
  return FALSE;
}

/**
 * sc_edit_find_segment:
 * @id_or_name: a number (1-based) or a name (any case)
 *
 * Returns: (transfer none) (nullable): the segment of @run, %NULL with @error set
 */
const ScSegmentInfo *
sc_edit_find_segment (const ScRun  *run,
                      const char   *id_or_name,
                      GError      **error)
{
  g_autofree char *folded = g_utf8_casefold (id_or_name, -1);
  g_autoptr(GString) list = g_string_new (NULL);
  guint64 number = 0;
  gboolean is_number = g_ascii_string_to_unsigned (id_or_name, 10, 1, G_MAXUINT, &number,
                                                   NULL);

  for (guint s = 0; s < run->n_segments; s++)
    {
      const ScSegmentInfo *info = &run->segments[s];
      g_autofree char *name = g_utf8_casefold (info->name != NULL ? info->name : "", -1);

      if ((is_number && info->position + 1 == number) || g_str_equal (name, folded))
        return info;
    }
  for (guint s = 0; s < run->n_segments; s++)
    g_string_append_printf (list, "%s%u “%s”", s > 0 ? ", " : "",
                            run->segments[s].position + 1, run->segments[s].name);
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
               _("There is no segment “%s”. The segments are: %s."), id_or_name, list->str);
  return NULL;
}
