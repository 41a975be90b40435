/* sc-parallel.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A team of threads that runs numbered tasks, the calling thread taking part as worker 0,
 * and returns when all of them are done.  The threads are started once and wait between
 * runs, so a team can run many short passes (one per Lloyd iteration) cheaply.
 *
 * Determinism is the callers' business and rests on one rule: a task's result may depend
 * on its number, never on the worker that ran it or on the order tasks ran in.  Callers
 * write each task's partial result to its own place and combine them in task order after
 * sc_team_run() returns, so the result is the same on one thread or on eight.
 * sc_parallel_ranges() is the common case: a fixed number of equal index ranges, each
 * summed into its own slot. */

#include "config.h"

#include "sc-parallel.h"

typedef struct
{
  ScTeam *team;
  guint   index;
} TeamWorker;

struct _ScTeam
{
  GMutex      mutex;
  GCond       wake;
  GCond       idle;
  guint       n_workers;
  GThread    *threads[SC_TEAM_MAX_THREADS];
  TeamWorker  workers[SC_TEAM_MAX_THREADS];
  ScTeamFunc  func;
  gpointer    data;
  guint       n_tasks;
  gint        next_task;
  guint       generation;
  guint       active;
  gboolean    open;               /* workers may still join the current generation */
  gboolean    quit;
};

static void
team_drain (ScTeam     *team,
            ScTeamFunc  func,
            gpointer    data,
            guint       n_tasks,
            guint       worker)
{
  for (;;)
    {
      gint task = g_atomic_int_add (&team->next_task, 1);

      if (task >= (gint) n_tasks)
        break;
      func (data, (guint) task, worker);
    }
}

static gpointer
team_worker_main (gpointer user_data)
{
  TeamWorker *worker = user_data;
  ScTeam *team = worker->team;
  guint seen = 0;

  g_mutex_lock (&team->mutex);
  for (;;)
    {
      ScTeamFunc func;
      gpointer data;
      guint n_tasks;

      while (!team->quit && team->generation == seen)
        g_cond_wait (&team->wake, &team->mutex);
      if (team->quit)
        break;

      /* A worker that wakes after the caller finished this generation must not join it:
       * the caller may already be starting the next one, resetting the task counter while
       * this worker would still drain it with the old function and data. */
      seen = team->generation;
      if (!team->open)
        continue;

      /* Joining under the lock keeps the caller from finishing this generation, and so
       * from starting the next one, while we still hold its parameters. */
      func = team->func;
      data = team->data;
      n_tasks = team->n_tasks;
      team->active++;
      g_mutex_unlock (&team->mutex);

      team_drain (team, func, data, n_tasks, worker->index);

      g_mutex_lock (&team->mutex);
      if (--team->active == 0)
        g_cond_signal (&team->idle);
    }
  g_mutex_unlock (&team->mutex);

  return NULL;
}

/**
 * sc_team_new:
 * @n_threads: threads of the team, the calling thread included; clamped to
 *   1..%SC_TEAM_MAX_THREADS
 *
 * Starts @n_threads - 1 threads that wait for sc_team_run().  When a thread cannot be
 * started the team is smaller, which is slower but gives the same results.
 *
 * Returns: (transfer full): the team, to free with sc_team_free()
 */
ScTeam *
sc_team_new (guint n_threads)
{
  ScTeam *team = g_new0 (ScTeam, 1);

  g_mutex_init (&team->mutex);
  g_cond_init (&team->wake);
  g_cond_init (&team->idle);
  team->n_workers = 1;

  for (guint i = 1; i < CLAMP (n_threads, 1, SC_TEAM_MAX_THREADS); i++)
    {
      team->workers[i].team = team;
      team->workers[i].index = i;
      /* Fewer threads than asked is slower but gives the same results. */
      team->threads[i] = g_thread_try_new ("sc-team", team_worker_main, &team->workers[i],
                                           NULL);
      if (team->threads[i] == NULL)
        break;
      team->n_workers = i + 1;
    }

  return team;
}

/**
 * sc_team_free:
 * @team: (nullable) (transfer full): a team
 *
 * Stops and joins the threads of @team and frees it.
 */
void
sc_team_free (ScTeam *team)
{
  if (team == NULL)
    return;

  g_mutex_lock (&team->mutex);
  team->quit = TRUE;
  g_cond_broadcast (&team->wake);
  g_mutex_unlock (&team->mutex);

  for (guint i = 1; i < team->n_workers; i++)
    g_thread_join (team->threads[i]);

  g_mutex_clear (&team->mutex);
  g_cond_clear (&team->wake);
  g_cond_clear (&team->idle);
  g_free (team);
}

/**
 * sc_team_get_n_workers:
 * @team: a team
 *
 * Returns: the number of workers of @team, the calling thread included
 */
guint
sc_team_get_n_workers (const ScTeam *team)
{
  return team->n_workers;
}

/**
 * sc_team_run:
 * @team: a team
 * @func: (scope call): the task function
 * @data: data for @func
 * @n_tasks: number of tasks
 *
 * Runs @func for tasks 0..@n_tasks-1 on the workers of @team, the calling thread included,
 * and returns when every task is done.  With one worker or one task the tasks run in order
 * on the calling thread.  Not reentrant: @func must not run @team itself.
 */
void
sc_team_run (ScTeam     *team,
             ScTeamFunc  func,
             gpointer    data,
             guint       n_tasks)
{
  if (team->n_workers == 1 || n_tasks <= 1)
    {
      for (guint t = 0; t < n_tasks; t++)
        func (data, t, 0);
      return;
    }

  g_mutex_lock (&team->mutex);
  team->func = func;
  team->data = data;
  team->n_tasks = n_tasks;
  g_atomic_int_set (&team->next_task, 0);
  team->generation++;
  team->open = TRUE;
  team->active++;
  g_cond_broadcast (&team->wake);
  g_mutex_unlock (&team->mutex);

  team_drain (team, func, data, n_tasks, 0);

  g_mutex_lock (&team->mutex);
  team->open = FALSE;
  team->active--;
  while (team->active > 0)
    g_cond_wait (&team->idle, &team->mutex);
  g_mutex_unlock (&team->mutex);
}

/**
 * sc_team_resolve_threads:
 * @n_threads: threads asked for, 0 for all processors
 *
 * Returns: @n_threads, or the number of processors when it is 0, clamped to
 *   1..%SC_TEAM_MAX_THREADS
 */
guint
sc_team_resolve_threads (guint n_threads)
{
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  return CLAMP (n_threads, 1, SC_TEAM_MAX_THREADS);
}

typedef struct
{
  ScRangeFunc func;
  gpointer    data;
  gsize       n;
  guint       n_parts;
} RangeJob;

static void
range_task (gpointer data,
            guint    task,
            guint    worker)
{
  RangeJob *job = data;

  job->func (job->data, job->n * task / job->n_parts, job->n * (task + 1) / job->n_parts, task);
}

/**
 * sc_parallel_ranges:
 * @n: number of indexes
 * @n_parts: number of parts, at least 1
 * @n_threads: threads to use, the calling thread included (clamped as in sc_team_new())
 * @func: (scope call): called once per part
 * @data: data for @func
 *
 * Cuts 0..@n-1 into @n_parts consecutive ranges of about equal size (part p covers
 * n × p / n_parts up to n × (p + 1) / n_parts) and calls @func on each, on a team of
 * @n_threads started for the call.  The parts do not depend on @n_threads, so partial
 * results stored per part and combined in part order are the same on any number of threads.
 */
void
sc_parallel_ranges (gsize       n,
                    guint       n_parts,
                    guint       n_threads,
                    ScRangeFunc func,
                    gpointer    data)
{
  RangeJob job = { func, data, n, MAX (n_parts, 1) };
  g_autoptr(ScTeam) team = sc_team_new (MIN (n_threads, job.n_parts));

  sc_team_run (team, range_task, &job, job.n_parts);
}
