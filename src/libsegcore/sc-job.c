/* sc-job.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Progress of a long operation. Workers call sc_job_update() as often as they like; the
 * values are kept under a mutex and notified from at most one pending low-priority idle in
 * the context that created the job, so a worker never wakes the UI more than once a frame
 * and property notifications only ever happen on the UI thread.
 *
 * The threads long operations run in: sc_job_run_in_thread().  An edit at 1M customers
 * makes the app start several workers at once (the edit itself, then the reloads of the
 * details, plans, scatter, profit figures…), each of them busy for a while, and on two
 * cores the UI thread waited for a core behind them: an iteration of 22 ms of its own CPU
 * took 80–90 ms.  The core's workers therefore run in a pool of threads of their own that
 * each lower their own priority once, on Linux (which schedules threads, not processes):
 * SCHED_IDLE, so that the kernel preempts a worker as soon as the UI thread wakes on its
 * core and counts a core that runs only workers as free.  A higher nice value was not
 * enough: the UI thread still waited 30–60 ms per edit for its turn behind niced workers
 * (bench/RESULTS.md, session 8).  The price: a worker gets a core only when no thread of
 * normal policy wants it, so on a machine kept busy by another program the background
 * work (and a UI thread waiting for a lock a worker holds) waits for that program; the
 * app's own work is what its user looks at, and an idle desktop is the usual case.  Where
 * SCHED_IDLE is refused, a batch thread at nice +10.  The threads the workers start (the
 * teams of sc-parallel.c, the import's readers) inherit that.  The threads are never
 * given back to GLib's shared pool, because an unprivileged thread cannot raise its
 * priority again.  Elsewhere, where a thread cannot
 * lower its own priority, the pool runs one worker fewer than there are cores. */

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

#include "sc-job.h"

struct _ScJob
{
  GObject       parent_instance;
  GMutex        mutex;
  double        fraction;
  char         *message;
  guint         notify_source;
  GMainContext *context;
};

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_MESSAGE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (ScJob, sc_job, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
sc_job_finalize (GObject *object)
{
  ScJob *self = (ScJob *) object;

  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sc_job_parent_class)->finalize (object);
}

static void
sc_job_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  ScJob *self = SC_JOB (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, sc_job_get_fraction (self));
      break;

    case PROP_MESSAGE:
      g_value_take_string (value, sc_job_dup_message (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_job_class_init (ScJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sc_job_finalize;
  object_class->get_property = sc_job_get_property;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sc_job_init (ScJob *self)
{
  g_mutex_init (&self->mutex);
  self->context = g_main_context_ref_thread_default ();
}

ScJob *
sc_job_new (void)
{
  return g_object_new (SC_TYPE_JOB, NULL);
}

double
sc_job_get_fraction (ScJob *self)
{
  double fraction;

  g_return_val_if_fail (SC_IS_JOB (self), 0.0);

  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  g_mutex_unlock (&self->mutex);
  return fraction;
}

/**
 * sc_job_dup_message:
 *
 * Returns: (transfer full) (nullable): what the job is doing now
 */
char *
sc_job_dup_message (ScJob *self)
{
  char *message;

  g_return_val_if_fail (SC_IS_JOB (self), NULL);

  g_mutex_lock (&self->mutex);
  message = g_strdup (self->message);
  g_mutex_unlock (&self->mutex);
  return message;
}

static gboolean
notify_in_idle (gpointer data)
{
  ScJob *self = data;

  g_mutex_lock (&self->mutex);
  self->notify_source = 0;
  g_mutex_unlock (&self->mutex);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
  return G_SOURCE_REMOVE;
}

/**
 * sc_job_update:
 * @fraction: 0..1
 * @message: (nullable): a new message, or %NULL to keep the current one
 *
 * Thread-safe.
 */
void
sc_job_update (ScJob      *self,
               double      fraction,
               const char *message)
{
  g_return_if_fail (SC_IS_JOB (self));

  g_mutex_lock (&self->mutex);
  self->fraction = CLAMP (fraction, 0.0, 1.0);
  if (message != NULL && g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
    }
  if (self->notify_source == 0)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_LOW);
      g_source_set_callback (source, notify_in_idle, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[segments] job progress");
      self->notify_source = g_source_attach (source, self->context);
      g_source_unref (source);
    }
  g_mutex_unlock (&self->mutex);
}

/* An ScProgressFunc that forwards to a job. */
void
sc_job_progress_func (double      fraction,
                      const char *message,
                      gpointer    job)
{
  if (job != NULL)
    sc_job_update (SC_JOB (job), fraction, message);
}

/* ------------------------------------------------------------------------------------------ */
/* Background threads                                                                          */

/* How much lower than the UI's the workers' priority is: at nice +10 a worker weighs about a
 * tenth of the UI thread when both want the same core. */
#define WORKER_NICE 10

#ifdef __linux__
#define CAN_LOWER_PRIORITY 1
#else
#define CAN_LOWER_PRIORITY 0
#endif

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} WorkerJob;

/* Lowers the priority of the calling thread only (once per thread of the pool). */
static void
lower_own_priority (void)
{
#ifdef __linux__
  struct sched_param param = { 0 };
  pid_t tid = (pid_t) syscall (SYS_gettid);
  int nice_now;

  /* SCHED_IDLE: the kernel preempts a worker the moment a thread of normal policy wakes
   * on its core (a niced worker only when its share runs out, 30–60 ms per edit at 1M in
   * bench/bench-app.py), and picks a core running only such workers as free.  Where that is
   * refused, a batch thread at a higher nice value. */
  if (sched_setscheduler (0, SCHED_IDLE, &param) == 0)
    return;
  if (sched_setscheduler (0, SCHED_BATCH, &param) != 0)
    g_debug ("Could not make a worker thread a batch thread: %s", g_strerror (errno));
  /* From the process's (its main thread's) nice, not this thread's: a pool first made from
   * a thread already lowered would otherwise end at 19. */
  errno = 0;
  nice_now = getpriority (PRIO_PROCESS, (id_t) getpid ());
  if (errno == 0 &&
      setpriority (PRIO_PROCESS, (id_t) tid, MIN (nice_now + WORKER_NICE, 19)) != 0)
    g_debug ("Could not lower a worker thread's priority: %s", g_strerror (errno));
#endif
}

/* Jobs pushed and not yet returned from their thread, so that the process can wait for
 * them before it exits (sc_job_wait_all()): a worker still running while the libraries'
 * destructors run (Pango, HarfBuzz, fontconfig) crashes the exit. */
static GMutex busy_lock;
static GCond busy_cond;
static guint busy_jobs;
/* The GTasks of those jobs (each job's own reference), for sc_job_cancel_all(). */
static GPtrArray *busy_tasks;

static void
worker_main (gpointer data,
             gpointer user_data)
{
  static GPrivate lowered;
  WorkerJob *job = data;

  if (g_private_get (&lowered) == NULL)
    {
      lower_own_priority ();
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }
  job->func (job->task, g_task_get_source_object (job->task), g_task_get_task_data (job->task),
             g_task_get_cancellable (job->task));
  g_mutex_lock (&busy_lock);
  g_ptr_array_remove_fast (busy_tasks, job->task);
  if (--busy_jobs == 0)
    g_cond_broadcast (&busy_cond);
  g_mutex_unlock (&busy_lock);
  g_object_unref (job->task);
  g_free (job);
}

static gpointer
create_pool (gpointer data)
{
  guint n_processors = g_get_num_processors ();
  /* Enough threads that long work (an import, a segmentation, the hypotheses' tests) does
   * not hold up the short reads of the views; where the priority cannot be lowered, one
   * core is left to the UI thread instead. */
  int n_threads = CAN_LOWER_PRIORITY ? (int) CLAMP (2 * n_processors, 8, 16)
                                     : (int) MAX (n_processors, 2) - 1;
  GError *error = NULL;
  GThreadPool *pool;

  /* Exclusive: the threads stay the pool's, with the priority they lowered. */
  pool = g_thread_pool_new (worker_main, NULL, n_threads, TRUE, &error);
  if (pool == NULL)
    g_error ("Could not start the background threads: %s", error->message);
  return pool;
}

/**
 * sc_job_task_new:
 * @source_object: (nullable): as for g_task_new()
 * @cancellable: (nullable): cancels the work; %NULL gives the task a cancellable of its own
 * @callback: (nullable): as for g_task_new()
 * @user_data: for @callback
 *
 * g_task_new() for work given to sc_job_run_in_thread(), which always has a cancellable:
 * the application cancels every job as it quits (sc_job_cancel_all()), and a job started
 * without one would otherwise run on, or be waited out, past the window.
 *
 * Returns: (transfer full): the task
 */
GTask *
sc_job_task_new (gpointer             source_object,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GCancellable) own = NULL;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (cancellable == NULL)
    cancellable = own = g_cancellable_new ();
  return g_task_new (source_object, cancellable, callback, user_data);
}

/**
 * sc_job_run_in_thread:
 * @task: a task
 * @func: (scope async): what to run in a thread
 *
 * Like g_task_run_in_thread(), but in the core's own background threads, which run at a
 * lower priority than the thread that shows the window (see the top of sc-job.c), so that
 * work in the background does not keep the main loop waiting for a core.
 */
void
sc_job_run_in_thread (GTask           *task,
                      GTaskThreadFunc  func)
{
  static GOnce pool_once = G_ONCE_INIT;
  GThreadPool *pool;
  WorkerJob *job;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  pool = g_once (&pool_once, create_pool, NULL);
  job = g_new (WorkerJob, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_mutex_lock (&busy_lock);
  busy_jobs++;
  if (busy_tasks == NULL)
    busy_tasks = g_ptr_array_new ();
  g_ptr_array_add (busy_tasks, job->task);
  g_mutex_unlock (&busy_lock);
  g_thread_pool_push (pool, job, NULL);
}

/**
 * sc_job_cancel_all:
 *
 * Cancels the cancellable of every job given to sc_job_run_in_thread() that has not
 * returned from its thread yet, queued or running, for a process about to exit: each stops
 * at its next check and leaves its project as it was before it or, past its commit, after
 * it, as a command stopped with Ctrl+C does.  Follow with sc_job_wait_all().
 *
 * Returns: how many jobs had not returned
 */
guint
sc_job_cancel_all (void)
{
  g_autoptr(GPtrArray) cancellables = g_ptr_array_new_with_free_func (g_object_unref);

  /* Collected under the lock, cancelled outside it: a ::cancelled handler may run here. */
  g_mutex_lock (&busy_lock);
  for (guint i = 0; busy_tasks != NULL && i < busy_tasks->len; i++)
    {
      GCancellable *cancellable = g_task_get_cancellable (g_ptr_array_index (busy_tasks, i));

      if (cancellable != NULL)
        g_ptr_array_add (cancellables, g_object_ref (cancellable));
    }
  g_mutex_unlock (&busy_lock);
  for (guint i = 0; i < cancellables->len; i++)
    g_cancellable_cancel (g_ptr_array_index (cancellables, i));
  return cancellables->len;
}

/**
 * sc_job_wait_all:
 * @timeout_ms: how long to wait at most
 *
 * Waits until every job given to sc_job_run_in_thread() has returned from its thread, for
 * a process about to exit: cancel what can be cancelled first.  Their results are not
 * delivered (that needs the main loop).
 *
 * Returns: %TRUE when no job runs any more, %FALSE when @timeout_ms passed first
 */
gboolean
sc_job_wait_all (guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean idle = TRUE;

  g_mutex_lock (&busy_lock);
  while (busy_jobs > 0 && idle)
    idle = g_cond_wait_until (&busy_cond, &busy_lock, deadline);
  idle = busy_jobs == 0;
  g_mutex_unlock (&busy_lock);
  return idle;
}
