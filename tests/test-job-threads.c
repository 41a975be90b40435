/* test-job-threads.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The core's background threads (sc_job_run_in_thread(), which every ScProject worker runs
 * in): each task runs once and its callback comes back on the thread that started it, however
 * many are queued; on Linux the threads run at a lower priority than the caller (SCHED_IDLE,
 * or a higher nice value and SCHED_BATCH), the threads they start inherit it, and GLib's own thread pool,
 * which GTK and GIO share, keeps the caller's priority. */

#ifdef __linux__
#define _GNU_SOURCE
#endif

#include "config.h"

#ifdef __linux__
#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <string.h>

#include "sc-job.h"

#define N_TASKS 64

typedef struct
{
  int nice;
  int policy;
} Priority;

typedef struct
{
  guint      index;
  Priority   own;
  Priority   child;         /* of a thread the task started */
  GThread   *ran_in;
} Outcome;

typedef struct
{
  GMainLoop *loop;
  guint      pending;
  GThread   *main_thread;
  Outcome    outcomes[N_TASKS];
  guint      returned[N_TASKS];
  gboolean   wrong_thread;
} Run;

static Priority
own_priority (void)
{
  Priority p = { 0, 0 };

#ifdef __linux__
  errno = 0;
  p.nice = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
  g_assert_cmpint (errno, ==, 0);
  p.policy = sched_getscheduler (0);
#endif
  return p;
}

static gpointer
child_main (gpointer data)
{
  *(Priority *) data = own_priority ();
  return NULL;
}

static void
task_func (GTask        *task,
           gpointer      source,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Outcome *outcome = g_new0 (Outcome, 1);

  outcome->index = GPOINTER_TO_UINT (task_data);
  outcome->own = own_priority ();
  outcome->ran_in = g_thread_self ();
  g_thread_join (g_thread_new ("test-child", child_main, &outcome->child));
  g_task_return_pointer (task, outcome, g_free);
}

/* A task's outcome, back on the thread that started it. */
static void
record (Run     *run,
        Outcome *outcome)
{
  g_assert_nonnull (outcome);
  g_assert_cmpuint (outcome->index, <, N_TASKS);
  if (g_thread_self () != run->main_thread)
    run->wrong_thread = TRUE;
  run->outcomes[outcome->index] = *outcome;
  run->returned[outcome->index]++;
  g_free (outcome);
  if (--run->pending == 0)
    g_main_loop_quit (run->loop);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  record (user_data, g_task_propagate_pointer (G_TASK (result), NULL));
}

/* Starts N_TASKS tasks at once, in the core's threads or in GLib's, and waits for them. */
static void
run_tasks (Run      *run,
           gboolean  core)
{
  memset (run, 0, sizeof *run);
  run->loop = g_main_loop_new (NULL, FALSE);
  run->main_thread = g_thread_self ();
  run->pending = N_TASKS;
  for (guint i = 0; i < N_TASKS; i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, on_done, run);

      g_task_set_task_data (task, GUINT_TO_POINTER (i), NULL);
      if (core)
        sc_job_run_in_thread (task, task_func);
      else
        g_task_run_in_thread (task, task_func);
    }
  g_main_loop_run (run->loop);
  g_main_loop_unref (run->loop);

  g_assert_false (run->wrong_thread);
  for (guint i = 0; i < N_TASKS; i++)
    {
      g_assert_cmpuint (run->returned[i], ==, 1);
      g_assert_cmpuint (run->outcomes[i].index, ==, i);
      g_assert_true (run->outcomes[i].ran_in != run->main_thread);
    }
}

/* A job held at a gate: sc_job_wait_all() times out while it runs and returns once it
 * has returned from its thread, before its result reaches the main loop. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean open;
  gboolean finished;
} Gate;

static void
gated_func (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Gate *gate = data;

  g_mutex_lock (&gate->lock);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
  g_atomic_int_set (&gate->finished, TRUE);
  g_task_return_boolean (task, TRUE);
}

static void
test_wait_all (void)
{
  Gate gate = { 0 };
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  /* the earlier tests' workers may still be returning from their last jobs */
  g_assert_true (sc_job_wait_all (60000));
  g_task_set_task_data (task, &gate, NULL);
  sc_job_run_in_thread (task, gated_func);
  g_assert_false (sc_job_wait_all (50));
  g_assert_false (g_atomic_int_get (&gate.finished));

  g_mutex_lock (&gate.lock);
  gate.open = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);
  g_assert_true (sc_job_wait_all (60000));
  g_assert_true (g_atomic_int_get (&gate.finished));
  /* the task's result is dispatched to this thread's context; let it arrive */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
}

static void
test_every_task_returns_once (void)
{
  Run run;

  run_tasks (&run, TRUE);
}

static void
test_lower_priority (void)
{
#ifdef __linux__
  Priority caller = own_priority ();
  Run run;

  if (caller.nice >= 19)
    {
      g_test_skip ("the test runs at the lowest priority already");
      return;
    }

  /* GLib's pool first and last: threads the core lowered must not end up in it. */
  for (guint round = 0; round < 3; round++)
    {
      gboolean core = round == 1;

      run_tasks (&run, core);
      for (guint i = 0; i < N_TASKS; i++)
        {
          const Outcome *o = &run.outcomes[i];

          if (core)
            {
              /* SCHED_IDLE, or where that is refused a batch thread niced further */
              if (o->own.policy != SCHED_IDLE)
                {
                  g_assert_cmpint (o->own.policy, ==, SCHED_BATCH);
                  g_assert_cmpint (o->own.nice, >, caller.nice);
                }
              g_assert_cmpint (o->child.nice, ==, o->own.nice);
              g_assert_cmpint (o->child.policy, ==, o->own.policy);
            }
          else
            {
              g_assert_cmpint (o->own.nice, ==, caller.nice);
              g_assert_cmpint (o->own.policy, ==, caller.policy);
            }
        }
    }
#else
  g_test_skip ("threads lower their own priority on Linux only");
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/job/threads/every-task-returns-once", test_every_task_returns_once);
  g_test_add_func ("/job/threads/lower-priority", test_lower_priority);
  g_test_add_func ("/job/threads/wait-all", test_wait_all);

  return g_test_run ();
}
