/* sc-lineage.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segment identity across runs. A re-run keeps people's names and plans on the new segment
 * whose members overlap an old one's most (Jaccard overlap, at least
 * SC_CARRY_OVER_MIN_OVERLAP), and every change of run records which segment continues which
 * (segment_lineage), so drift, migration and impact series follow segments across runs. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-lineage-private.h"
#include "sc-run-private.h"
#include "sc-store-private.h"


/**
 * sc_carry_over_free:
 * @c: (nullable): a carry-over record
 */
void
sc_carry_over_free (ScCarryOver *c)
{
  if (c == NULL)
    return;
  g_strfreev (c->names);
  g_strfreev (c->previous_names);
  g_free (c->previous_position);
  g_free (c->overlap);
  g_free (c->previous_matched);
  g_free (c);
}

/* inter[o * n_new + j]: customers in old segment o and new segment j; customers beyond a
 * run's labels (added later) are in none of its segments. */
static void
overlap_counts (const ScRun *old_run,
                const ScRun *new_run,
                guint64     *inter,
                guint64     *old_size,
                guint64     *new_size)
{
  guint32 n = MAX (old_run->n_customers, new_run->n_customers);
  guint n_old = old_run->n_segments, n_new = new_run->n_segments;

  for (guint32 i = 0; i < n; i++)
    {
      guint lo = i < old_run->n_customers ? old_run->labels[i] : SC_LABEL_NONE;
      guint ln = i < new_run->n_customers ? new_run->labels[i] : SC_LABEL_NONE;

      if (lo < n_old)
        old_size[lo]++;
      if (ln < n_new)
        new_size[ln]++;
      if (lo < n_old && ln < n_new)
        inter[(gsize) lo * n_new + ln]++;
    }
}

static double
jaccard (guint64 inter,
         guint64 a,
         guint64 b)
{
  guint64 uni = a + b - inter;

  return uni > 0 ? inter / (double) uni : 0.0;
}

/* Inside the caller's transaction. previous[j]: the segments row new segment j descends from,
 * or 0. */
static gboolean
record_lineage (ScStore       *store,
                const ScRun   *new_run,
                gint64         previous_run,
                const char    *kind,
                const gint64  *previous,
                const double  *overlap,
                GError       **error)
{
  g_autoptr(sqlite3_stmt) lin = NULL;
  g_autoptr(sqlite3_stmt) hist = NULL;

  if (!_sc_store_prepare (store,
                          "INSERT OR REPLACE INTO segment_lineage (segment, origin, previous, "
                          "overlap) VALUES (?1, CASE WHEN ?2 IS NULL THEN ?1 ELSE coalesce ("
                          "(SELECT origin FROM segment_lineage WHERE segment = ?2), ?2) END, "
                          "?2, ?3)", &lin, error) ||
      !_sc_store_prepare (store, "INSERT OR REPLACE INTO run_history (run, previous, kind) "
                          "VALUES (?, ?, ?)", &hist, error))
    return FALSE;
  for (guint j = 0; j < new_run->n_segments; j++)
    {
      sqlite3_bind_int64 (lin, 1, new_run->segments[j].id);
      if (previous[j] > 0)
        sqlite3_bind_int64 (lin, 2, previous[j]);
      else
        sqlite3_bind_null (lin, 2);
      sqlite3_bind_double (lin, 3, overlap[j]);
      if (!_sc_store_step_done (store, lin, error))
        return FALSE;
    }
  sqlite3_bind_int64 (hist, 1, new_run->id);
  sqlite3_bind_int64 (hist, 2, previous_run);
  sqlite3_bind_text (hist, 3, kind, -1, SQLITE_STATIC);
  return _sc_store_step_done (store, hist, error);
}

/**
 * sc_run_record_lineage:
 * @previous_run: the run that was current before @run
 * @run: a stored run derived from @previous_run (by an edit, for example)
 * @previous_position: (array): per segment of @run, the position of the segment of
 *   @previous_run it continues, or -1 for a new segment
 *
 * Records which segments of @run continue which of @previous_run, so that drift, migration
 * and impact series follow them across the change.  sc_run_score() and a re-run's
 * sc_run_carry_over() record it themselves; code storing runs in other ways (structural
 * edits) calls this.
 */
gboolean
sc_run_record_lineage (ScStore      *store,
                       const ScRun  *previous_run,
                       const ScRun  *run,
                       const int    *previous_position,
                       GError      **error)
{
  return _sc_run_record_lineage (store, previous_run, run, previous_position, "edit", error);
}

/* sc_run_record_lineage() with the kind of change: "edit", "rerun" or "score". */
gboolean
_sc_run_record_lineage (ScStore      *store,
                        const ScRun  *previous_run,
                        const ScRun  *run,
                        const int    *previous_position,
                        const char   *kind,
                        GError      **error)
{
  g_autofree gint64 *previous = NULL;
  g_autofree double *overlap = NULL;
  g_autofree guint64 *inter = NULL;
  g_autofree guint64 *old_size = NULL;
  g_autofree guint64 *new_size = NULL;
  guint n_old, n_new;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (previous_run != NULL, FALSE);
  g_return_val_if_fail (run != NULL, FALSE);
  g_return_val_if_fail (previous_position != NULL || run->n_segments == 0, FALSE);

  n_old = previous_run->n_segments;
  n_new = run->n_segments;
  previous = g_new0 (gint64, MAX (n_new, 1));
  overlap = g_new0 (double, MAX (n_new, 1));
  inter = g_new0 (guint64, (gsize) MAX (n_old, 1) * MAX (n_new, 1));
  old_size = g_new0 (guint64, MAX (n_old, 1));
  new_size = g_new0 (guint64, MAX (n_new, 1));
  overlap_counts (previous_run, run, inter, old_size, new_size);
  for (guint j = 0; j < n_new; j++)
    {
      int o = previous_position[j];

      g_return_val_if_fail (o < (int) n_old, FALSE);
      if (o < 0)
        continue;
      previous[j] = previous_run->segments[o].id;
      overlap[j] = jaccard (inter[(gsize) o * n_new + j], old_size[o], new_size[j]);
    }

  if (!sc_store_begin (store, error))
    return FALSE;
  return sc_store_end (store,
                       record_lineage (store, run, previous_run->id, kind, previous, overlap,
                                       error),
                       error);
}

typedef struct
{
  double   overlap;
  guint    old_pos;
  guint    new_pos;
} Pair;

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *x = a, *y = b;

  if (x->overlap != y->overlap)
    return x->overlap > y->overlap ? -1 : 1;
  if (x->new_pos != y->new_pos)
    return x->new_pos < y->new_pos ? -1 : 1;
  return x->old_pos < y->old_pos ? -1 : (x->old_pos > y->old_pos);
}

typedef struct
{
  guint rank_group;   /* 0: new top accounts, 1: took an old segment's priority, 2: new,
                       * 3: new anomalies */
  int   priority;
  guint position;
} PriorityKey;

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  const PriorityKey *x = a, *y = b;

  if (x->rank_group != y->rank_group)
    return x->rank_group < y->rank_group ? -1 : 1;
  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return x->position < y->position ? -1 : (x->position > y->position);
}

/**
 * sc_run_carry_over:
 * @old_run: the run that was current before
 * @new_run: the run just stored by a re-run; its segments' user fields, colours and
 *   priorities are updated in place
 *
 * Gives each new segment the user's fields of the old segment its members overlap most:
 * pairs are taken greedily by decreasing Jaccard overlap, each segment at most once, only at
 * %SC_CARRY_OVER_MIN_OVERLAP or more, and only segments of the same kind pair (clusters,
 * top accounts, anomalies).  A matched segment takes name, description, objective, owner,
 * tactics,
 * service tier, quadrant override and colour, in @new_run and in the project.  Unmatched
 * segments keep their suggested name ("<name> (new)" if a matched one took it) and get a
 * colour no matched segment uses.  Priorities are renumbered 1..n keeping the user's order,
 * unmatched segments last.  The lineage is recorded so that drift and migration recognise
 * the segments later.
 *
 * Returns: (transfer full) (nullable): what was matched, or %NULL with @error set
 */
ScCarryOver *
sc_run_carry_over (ScStore      *store,
                   const ScRun  *old_run,
                   ScRun        *new_run,
                   GError      **error)
{
  guint n_old, n_new;
  g_autofree guint64 *inter = NULL;
  g_autofree guint64 *old_size = NULL;
  g_autofree guint64 *new_size = NULL;
  g_autofree Pair *pairs = NULL;
  g_autofree gint64 *previous = NULL;
  g_autofree PriorityKey *keys = NULL;
  g_autofree gboolean *colour_used = NULL;
  g_autoptr(ScCarryOver) result = NULL;
  g_autoptr(sqlite3_stmt) upd = NULL;
  guint n_pairs = 0;
  guint max_colour = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (old_run != NULL, NULL);
  g_return_val_if_fail (new_run != NULL, NULL);

  n_old = old_run->n_segments;
  n_new = new_run->n_segments;
  inter = g_new0 (guint64, (gsize) MAX (n_old, 1) * MAX (n_new, 1));
  old_size = g_new0 (guint64, MAX (n_old, 1));
  new_size = g_new0 (guint64, MAX (n_new, 1));
  pairs = g_new (Pair, (gsize) MAX (n_old, 1) * MAX (n_new, 1));
  previous = g_new0 (gint64, MAX (n_new, 1));
  keys = g_new0 (PriorityKey, MAX (n_new, 1));

  result = g_new0 (ScCarryOver, 1);
  result->run = new_run->id;
  result->previous_run = old_run->id;
  result->n_segments = n_new;
  result->n_previous = n_old;
  result->previous_position = g_new (gint, MAX (n_new, 1));
  result->overlap = g_new0 (double, MAX (n_new, 1));
  result->previous_matched = g_new0 (gboolean, MAX (n_old, 1));

  overlap_counts (old_run, new_run, inter, old_size, new_size);
  for (guint o = 0; o < n_old; o++)
    for (guint j = 0; j < n_new; j++)
      {
        double jac = jaccard (inter[(gsize) o * n_new + j], old_size[o], new_size[j]);

        result->overlap[j] = MAX (result->overlap[j], jac);
        if (old_run->segments[o].kind != new_run->segments[j].kind ||
            jac < SC_CARRY_OVER_MIN_OVERLAP)
          continue;
        pairs[n_pairs++] = (Pair) { jac, o, j };
      }
  qsort (pairs, n_pairs, sizeof (Pair), compare_pairs);
  for (guint j = 0; j < n_new; j++)
    result->previous_position[j] = -1;
  for (guint p = 0; p < n_pairs; p++)
    {
      if (result->previous_matched[pairs[p].old_pos] ||
          result->previous_position[pairs[p].new_pos] >= 0)
        continue;
      result->previous_matched[pairs[p].old_pos] = TRUE;
      result->previous_position[pairs[p].new_pos] = (gint) pairs[p].old_pos;
      previous[pairs[p].new_pos] = old_run->segments[pairs[p].old_pos].id;
    }

  /* Matched segments take the user's fields and colour; a new one keeps its own colour
   * unless a matched segment took it. */
  for (guint o = 0; o < n_old; o++)
    max_colour = MAX (max_colour, old_run->segments[o].colour);
  for (guint j = 0; j < n_new; j++)
    max_colour = MAX (max_colour, new_run->segments[j].colour);
  colour_used = g_new0 (gboolean, max_colour + n_new + 1);
  for (guint j = 0; j < n_new; j++)
    if (result->previous_position[j] >= 0)
      {
        ScSegmentInfo *s = &new_run->segments[j];
        const ScSegmentInfo *o = &old_run->segments[result->previous_position[j]];

#define TAKE(field) G_STMT_START { g_free (s->field); s->field = g_strdup (o->field); } G_STMT_END
        TAKE (name);
        TAKE (description);
        TAKE (service_tier);
        TAKE (owner);
        TAKE (objective);
        TAKE (tactics);
        TAKE (quadrant_override);
#undef TAKE
        s->colour = o->colour;
        colour_used[s->colour] = TRUE;
      }
  for (guint j = 0; j < n_new; j++)
    if (result->previous_position[j] < 0)
      {
        ScSegmentInfo *s = &new_run->segments[j];

        /* Names stay unique in a run: a suggestion may repeat a name carried over. */
        for (guint t = 0; t < n_new; t++)
          if (result->previous_position[t] >= 0 && s->name != NULL &&
              g_utf8_collate (new_run->segments[t].name, s->name) == 0)
            {
              char *renamed = g_strdup_printf (_("%s (new)"), s->name);

              g_free (s->name);
              s->name = renamed;
              break;
            }
        if (colour_used[s->colour])
          {
            guint c = 0;

            while (colour_used[c])
              c++;
            s->colour = c;
          }
        colour_used[s->colour] = TRUE;
      }

  /* Ranks 1..n in the user's order; segments without a predecessor after the others, but
   * new top accounts first and new anomalies last, as a fresh run ranks them. */
  for (guint j = 0; j < n_new; j++)
    {
      int o = result->previous_position[j];
      ScSegmentKind kind = new_run->segments[j].kind;

      keys[j].rank_group = o >= 0 ? 1 : kind == SC_SEGMENT_KIND_TOP_ACCOUNTS ? 0
                           : kind == SC_SEGMENT_KIND_ANOMALIES ? 3 : 2;
      keys[j].priority = o >= 0 ? (int) old_run->segments[o].priority : 0;
      keys[j].position = j;
    }
  qsort (keys, n_new, sizeof (PriorityKey), compare_priority);
  for (guint r = 0; r < n_new; r++)
    new_run->segments[keys[r].position].priority = r + 1;

  if (!sc_store_begin (store, error))
    return NULL;
  if (!_sc_store_prepare (store,
                          "UPDATE segments SET name = ?, description = ?, colour = ?, priority = ?, "
                          "service_tier = ?, owner = ?, objective = ?, tactics = ?, "
                          "quadrant_override = ? WHERE id = ?", &upd, error))
    goto out;
  for (guint j = 0; j < n_new; j++)
    {
      const ScSegmentInfo *s = &new_run->segments[j];

      sqlite3_bind_text (upd, 1, s->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 2, s->description, -1, SQLITE_STATIC);
      sqlite3_bind_int (upd, 3, (int) s->colour);
      sqlite3_bind_int (upd, 4, (int) s->priority);
      sqlite3_bind_text (upd, 5, s->service_tier, -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 6, s->owner, -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 7, s->objective, -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 8, s->tactics, -1, SQLITE_STATIC);
      sqlite3_bind_text (upd, 9, s->quadrant_override, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (upd, 10, s->id);
      if (!_sc_store_step_done (store, upd, error))
        goto out;
    }
  ok = record_lineage (store, new_run, old_run->id, "rerun", previous, result->overlap, error);

out:
  if (!sc_store_end (store, ok, error))
    return NULL;
  result->names = g_new0 (char *, n_new + 1);
  for (guint j = 0; j < n_new; j++)
    result->names[j] = g_strdup (new_run->segments[j].name);
  result->previous_names = g_new0 (char *, n_old + 1);
  for (guint o = 0; o < n_old; o++)
    result->previous_names[o] = g_strdup (old_run->segments[o].name);
  return g_steal_pointer (&result);
}

/**
 * sc_carry_over_load:
 * @run: a run id
 *
 * What the run kept of the run before it, as recorded when it was made. A run made before
 * any other has no previous run: @previous_run is 0 and every segment is unmatched.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL with @error set
 */
ScCarryOver *
sc_carry_over_load (ScStore  *store,
                    gint64    run,
                    GError  **error)
{
  g_autoptr(ScCarryOver) result = g_new0 (ScCarryOver, 1);
  g_autoptr(sqlite3_stmt) hist = NULL;
  g_autoptr(sqlite3_stmt) segs = NULL;
  g_autoptr(sqlite3_stmt) prev = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint));
  g_autoptr(GArray) overlaps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) prev_names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  result->run = run;
  if (!_sc_store_prepare (store, "SELECT previous, kind FROM run_history WHERE run = ?",
                          &hist, error))
    return NULL;
  sqlite3_bind_int64 (hist, 1, run);
  rc = sqlite3_step (hist);
  if (rc == SQLITE_ROW)
    {
      result->previous_run = sqlite3_column_int64 (hist, 0);
      result->scored = g_strcmp0 ((const char *) sqlite3_column_text (hist, 1), "score") == 0;
    }
  else if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (store, error);
      return NULL;
    }

  if (!_sc_store_prepare (store, "SELECT s.name, p.position, l.overlap FROM segments s "
                          "LEFT JOIN segment_lineage l ON l.segment = s.id "
                          "LEFT JOIN segments p ON p.id = l.previous AND p.run = ?2 "
                          "WHERE s.run = ?1 ORDER BY s.position", &segs, error))
    return NULL;
  sqlite3_bind_int64 (segs, 1, run);
  sqlite3_bind_int64 (segs, 2, result->previous_run);
  while ((rc = sqlite3_step (segs)) == SQLITE_ROW)
    {
      gint pos = sqlite3_column_type (segs, 1) == SQLITE_NULL ? -1 : sqlite3_column_int (segs, 1);
      double ov = sqlite3_column_double (segs, 2);

      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (segs, 0)));
      g_array_append_val (positions, pos);
      g_array_append_val (overlaps, ov);
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return NULL;

  if (!_sc_store_prepare (store, "SELECT name FROM segments WHERE run = ? ORDER BY position",
                          &prev, error))
    return NULL;
  sqlite3_bind_int64 (prev, 1, result->previous_run);
  while ((rc = sqlite3_step (prev)) == SQLITE_ROW)
    g_ptr_array_add (prev_names, g_strdup ((const char *) sqlite3_column_text (prev, 0)));
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return NULL;

  result->n_segments = names->len;
  g_ptr_array_add (names, NULL);
  result->names = (char **) g_ptr_array_steal (names, NULL);
  result->n_previous = prev_names->len;
  g_ptr_array_add (prev_names, NULL);
  result->previous_names = (char **) g_ptr_array_steal (prev_names, NULL);
  result->previous_position = g_new (gint, MAX (result->n_segments, 1));
  result->overlap = g_new (double, MAX (result->n_segments, 1));
  if (result->n_segments > 0)
    {
      memcpy (result->previous_position, positions->data, sizeof (gint) * result->n_segments);
      memcpy (result->overlap, overlaps->data, sizeof (double) * result->n_segments);
    }
  result->previous_matched = g_new0 (gboolean, MAX (result->n_previous, 1));
  for (guint j = 0; j < result->n_segments; j++)
    if (result->previous_position[j] >= 0 &&
        (guint) result->previous_position[j] < result->n_previous)
      result->previous_matched[result->previous_position[j]] = TRUE;
  return g_steal_pointer (&result);
}

