/* sc-pg-pull.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pull of the per-customer figures (sc-pg-source.c) in parts, at once (issue 22).
 *
 * One session's plan is serial: its sums then add their rows in one fixed order, so that
 * two pulls of the same data send the same bytes (PostgreSQL's own parallel plan merges the
 * workers' rows in an order that changes from run to run, and runs the aggregation above
 * the merge in one process anyway).  The work is shared instead by splitting the customers:
 * each session sums the customers whose key hashes to its part, all the sessions see one
 * snapshot (pg_export_snapshot()), and each part is serial and fixed as before.  A customer
 * is always summed by one session, whole, so a part's figures do not depend on how many
 * parts there are; each part sends its customers in the byte order of their keys, and the
 * parts are merged here in that order, so the pull is the same as one session's.
 *
 * Every session scans the whole relation (the part is chosen on the raw key, before the
 * casts), which costs less than the sorts and aggregates it shares out. */

#include "config.h"

#include <string.h>

#include "sc-pg-pull-private.h"

void
_sc_pg_pull_drop_keys (ScPgPull *pull)
{
  if (pull->keys != NULL)
    g_string_free (g_steal_pointer (&pull->keys), TRUE);
  for (guint j = 0; j < SC_PG_MAX_PARTS; j++)
    if (pull->key_parts[j] != NULL)
      g_string_free (g_steal_pointer (&pull->key_parts[j]), TRUE);
}

void
_sc_pg_pull_free (ScPgPull *pull)
{
  if (pull == NULL)
    return;
  _sc_pg_pull_drop_keys (pull);
  g_free (pull->from);
  g_free (pull->first_day);
  g_free (pull->last_day);
  g_free (pull->n_orders);
  g_free (pull->n_purchase_days);
  g_free (pull->n_rows);
  g_free (pull->recent_orders);
  g_free (pull->monetary);
  g_free (pull->returns);
  g_free (pull->repeat_spend);
  g_free (pull->value);
  g_free (pull->recent_monetary);
  g_free (pull->consent);
  g_free (pull);
}

void
_sc_pg_gate_pass (ScPgGate *gate)
{
  if (gate == NULL)
    return;
  g_mutex_lock (&gate->lock);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}

#if HAVE_LIBPQ

#include "sc-pg-conn-private.h"

static void
gate_open (ScPgGate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
}

#define DEFAULT_PARTS 2

guint
_sc_pg_pull_wanted_parts (void)
{
  const char *env = g_getenv ("SEGMENTS_PG_CONNECTIONS");
  guint64 n = DEFAULT_PARTS;

  if (env != NULL &&
      !g_ascii_string_to_unsigned (env, 10, 1, SC_PG_MAX_PARTS, &n, NULL))
    {
      g_warning ("SEGMENTS_PG_CONNECTIONS=%s is not a number of sessions from 1 to %d; "
                 "the pull uses %d", env, SC_PG_MAX_PARTS, DEFAULT_PARTS);
      n = DEFAULT_PARTS;
    }
  return (guint) n;
}

typedef struct
{
  PGconn         *conn;
  const char     *sql;
  ScPgPartFunc    func;
  gconstpointer   func_data;
  ScPgGate       *gate;
  ScPgPull       *pull;          /* NULL: a query, whose result goes to @res */
  PGresult       *res;
  ScProgressFunc  progress;
  gpointer        progress_data;
  gint           *received;
  GCancellable   *cancellable;   /* cancelled when any part fails */
  GError         *error;
  gboolean        ok;
} Part;

static gpointer
part_run (gpointer data)
{
  Part *p = data;

  if (p->pull != NULL)
    p->ok = p->func (p->conn, p->sql, p->func_data, p->gate, p->pull, p->progress,
                     p->progress_data, p->received, p->cancellable, &p->error);
  else
    p->ok = (p->res = _sc_pg_run (p->conn, p->sql, 0, NULL, PGRES_TUPLES_OK, p->cancellable,
                                  &p->error)) != NULL;
  if (!p->ok)
    g_cancellable_cancel (p->cancellable);
  return NULL;
}

static void
cancel_parts (GCancellable *outer,
              GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

/* Which part each merged customer comes from, in the byte order of the keys; the parts'
 * keys move to @out as they are. */
static guint8 *
merge_keys (ScPgPull **parts,
            guint      n,
            ScPgPull  *out)
{
  const char *key[SC_PG_MAX_PARTS];
  guint32 left[SC_PG_MAX_PARTS];
  guint8 *from = g_new (guint8, MAX (out->n, 1));

  for (guint j = 0; j < n; j++)
    {
      key[j] = parts[j]->keys->str;
      left[j] = parts[j]->n;
    }
  for (guint32 i = 0; i < out->n; i++)
    {
      guint best = G_MAXUINT;

      for (guint j = 0; j < n; j++)
        if (left[j] > 0 && (best == G_MAXUINT || strcmp (key[j], key[best]) < 0))
          best = j;
      key[best] += strlen (key[best]) + 1;
      left[best]--;
      from[i] = (guint8) best;
    }
  for (guint j = 0; j < n; j++)
    out->key_parts[j] = g_steal_pointer (&parts[j]->keys);
  return from;
}

/* One column of every part into @out's in the merged order, each part's freed once moved:
 * only one column is ever held twice. */
#define MERGE_COLUMN(column) \
  G_STMT_START { \
    memset (at, 0, n * sizeof *at); \
    out->column = g_new (__typeof__ (*out->column), MAX (out->n, 1)); \
    for (guint32 i = 0; i < out->n; i++) \
      out->column[i] = parts[from[i]]->column[at[from[i]]++]; \
    for (guint j = 0; j < n; j++) \
      g_clear_pointer (&parts[j]->column, g_free); \
  } G_STMT_END

static ScPgPull *
merge (ScPgPull **parts,
       guint      n)
{
  ScPgPull *out = g_new0 (ScPgPull, 1);
  g_autofree guint32 *at = g_new (guint32, n);
  const guint8 *from;

  for (guint j = 0; j < n; j++)
    out->n += parts[j]->n;
  out->cap = out->n;
  from = out->from = merge_keys (parts, n, out);
  MERGE_COLUMN (first_day);
  MERGE_COLUMN (last_day);
  MERGE_COLUMN (n_orders);
  MERGE_COLUMN (n_purchase_days);
  MERGE_COLUMN (n_rows);
  MERGE_COLUMN (recent_orders);
  MERGE_COLUMN (monetary);
  MERGE_COLUMN (returns);
  MERGE_COLUMN (repeat_spend);
  MERGE_COLUMN (value);
  MERGE_COLUMN (recent_monetary);
  MERGE_COLUMN (consent);
  return out;
}

#undef MERGE_COLUMN

/* @meanwhile on a thread of its own, opening the gate when it is done. */
typedef struct
{
  ScPgMeanwhileFunc  func;
  gpointer           data;
  ScPgGate          *gate;
  GCancellable      *inner;
  GCancellable      *cancellable;
  GError            *error;
} Meanwhile;

static gpointer
meanwhile_run (gpointer data)
{
  Meanwhile *m = data;

  if (!m->func (m->data, m->cancellable, &m->error))
    g_cancellable_cancel (m->inner);
  gate_open (m->gate);
  return NULL;
}

/* Runs every part at once, the first in this thread; with @meanwhile, that runs on a thread
 * of its own while the parts wait at @gate before their first rows (the pull's memory then
 * comes from the arenas it came from before, and @meanwhile's, freed, is given back by
 * whoever called).  FALSE with @error set when one failed (the others are then
 * cancelled). */
static gboolean
run_parts (Part               *parts,
           guint               n,
           ScPgGate           *gate,
           ScPgMeanwhileFunc   meanwhile,
           gpointer            meanwhile_data,
           GCancellable       *inner,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autofree GThread **threads = g_new0 (GThread *, n);
  Meanwhile m = { meanwhile, meanwhile_data, gate, inner, cancellable, NULL };
  GThread *meanwhile_thread = NULL;
  GError *first = NULL;
  gulong handler = 0;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_parts), inner, NULL);
  if (meanwhile != NULL)
    meanwhile_thread = g_thread_new ("segments-pg-meanwhile", meanwhile_run, &m);
  for (guint j = 1; j < n; j++)
    threads[j] = g_thread_new ("segments-pg-part", part_run, &parts[j]);
  part_run (&parts[0]);
  for (guint j = 1; j < n; j++)
    g_thread_join (threads[j]);
  if (meanwhile_thread != NULL)
    g_thread_join (meanwhile_thread);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);

  /* The first failure that is not another part stopping because of it. */
  first = m.error;
  for (guint j = 0; j < n; j++)
    if (parts[j].error != NULL && first == NULL &&
        !g_error_matches (parts[j].error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      first = parts[j].error;
  for (guint j = 0; j < n && first == NULL; j++)
    first = parts[j].error;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ;
  else if (first != NULL)
    g_propagate_error (error, g_error_copy (first));
  for (guint j = 0; j < n; j++)
    g_clear_error (&parts[j].error);
  g_clear_error (&m.error);
  return first == NULL && !g_cancellable_is_cancelled (cancellable);
}

gboolean
_sc_pg_query_parts (PGconn             **conns,
                    const char * const  *sqls,
                    guint                n,
                    PGresult           **results,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_autoptr(GCancellable) inner = g_cancellable_new ();
  g_autofree Part *parts = g_new0 (Part, n);
  gboolean ok;

  for (guint j = 0; j < n; j++)
    {
      parts[j].conn = conns[j];
      parts[j].sql = sqls[j];
      parts[j].cancellable = inner;
    }
  ok = run_parts (parts, n, NULL, NULL, NULL, inner, cancellable, error);
  for (guint j = 0; j < n; j++)
    {
      if (ok)
        results[j] = parts[j].res;
      else if (parts[j].res != NULL)
        PQclear (parts[j].res);
    }
  return ok;
}

ScPgPull *
_sc_pg_pull_parts (PGconn             **conns,
                   const char * const  *sqls,
                   guint                n,
                   guint32              expected,
                   ScPgPartFunc         func,
                   gconstpointer        func_data,
                   ScPgMeanwhileFunc    meanwhile,
                   gpointer             meanwhile_data,
                   ScProgressFunc       progress,
                   gpointer             progress_data,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(GCancellable) inner = g_cancellable_new ();
  g_autofree Part *parts = g_new0 (Part, n);
  g_autofree ScPgPull **pulls = g_new0 (ScPgPull *, n);
  gint received = 0;
  ScPgGate gate = { .open = FALSE };
  ScPgPull *out = NULL;

  g_return_val_if_fail (n > 0 && n <= SC_PG_MAX_PARTS, NULL);

  for (guint j = 0; j < n; j++)
    {
      pulls[j] = g_new0 (ScPgPull, 1);
      /* The hash splits the customers evenly, give or take a few per mille: the margin
       * saves growing (and copying) every column for a handful of customers. */
      if (expected > 0)
        pulls[j]->expected = (guint32) MIN ((guint64) expected / n + expected / (64 * n) + 1024,
                                            G_MAXUINT32 - 1);
      parts[j] = (Part) { conns[j], sqls[j], func, func_data,
                          meanwhile != NULL ? &gate : NULL, pulls[j], NULL,
                          j == 0 ? progress : NULL, progress_data, &received, inner, NULL, FALSE };
    }
  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  if (run_parts (parts, n, &gate, meanwhile, meanwhile_data, inner, cancellable, error))
    out = n == 1 ? g_steal_pointer (&pulls[0]) : merge (pulls, n);
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
  for (guint j = 0; j < n; j++)
    _sc_pg_pull_free (pulls[j]);
  return out;
}

#endif /* HAVE_LIBPQ */
