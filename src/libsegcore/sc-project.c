/* sc-project.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The facade the app and the CLI share. Long operations exist twice: a synchronous function
 * taking a GCancellable (the CLI calls it) and an _async/_finish pair running it in a thread
 * (the app). Both run the same ScProjectWork through _sc_project_run() or
 * _sc_project_run_async(), which open a connection of the running thread's own (SQLite
 * connections are per thread); the main-thread connection only reads and edits. When a
 * worker finishes, the project reloads what it shows and says what changed.
 *
 * The facade is split by subject: this file holds the object, its lifecycle and the
 * generic task runner; sc-project-edit.c edits and undo; sc-project-pipeline.c import,
 * segmentation, value model and scoring; sc-project-snapshots.c snapshots and drift;
 * sc-project-data.c what the views read. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <glib/gstdio.h>

#include "sc-project-private.h"
#include "sc-pushdown.h"
#include "sc-store-private.h"

enum {
  PROP_0,
  PROP_PATH,
  PROP_N_CUSTOMERS,
  PROP_N_TRANSACTIONS,
  PROP_HAS_DATA,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  CHANGED_PARTS,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (ScProject, sc_project, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
sc_project_finalize (GObject *object)
{
  ScProject *self = (ScProject *) object;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->run, sc_run_free);
  g_clear_pointer (&self->store, sc_store_close);
  g_clear_object (&self->segments);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (sc_project_parent_class)->finalize (object);
}

static void
sc_project_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ScProject *self = SC_PROJECT (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_N_CUSTOMERS:
      g_value_set_uint64 (value, self->n_customers);
      break;
    case PROP_N_TRANSACTIONS:
      g_value_set_uint64 (value, self->n_transactions);
      break;
    case PROP_HAS_DATA:
      g_value_set_boolean (value, sc_project_get_has_data (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, sc_project_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, sc_project_get_can_redo (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}


static void
sc_project_class_init (ScProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sc_project_finalize;
  object_class->get_property = sc_project_get_property;

  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  properties[PROP_N_CUSTOMERS] =
    g_param_spec_uint64 ("n-customers", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_N_TRANSACTIONS] =
    g_param_spec_uint64 ("n-transactions", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_HAS_DATA] = g_param_spec_boolean ("has-data", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScProject::changed:
   *
   * The data or the current segmentation changed (after an import or a run).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * ScProject::changed-parts:
   * @parts: the #ScProjectParts that changed, as a guint
   *
   * Emitted just before #ScProject::changed with what the change touched, so a view can
   * reload only what it shows of it.
   */
  signals[CHANGED_PARTS] = g_signal_new ("changed-parts", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                         1, G_TYPE_UINT);
}

static void
sc_project_init (ScProject *self)
{
  self->segments = g_list_store_new (SC_TYPE_SEGMENT);
  _sc_project_edits_init (self);
}

/* What a reload can take from the file without replacing the run object. */
#define IN_PLACE_PARTS (SC_PROJECT_PART_SEGMENT_FIELDS | SC_PROJECT_PART_VALUE_MODEL | \
                        SC_PROJECT_PART_SNAPSHOTS | SC_PROJECT_PART_BRIEF)

static gboolean
same_double (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* Whether @item shows what @info holds: everything an ScSegment exposes. */
static gboolean
segment_shows (ScSegment           *item,
               const ScSegmentInfo *info)
{
  g_autofree char *description = NULL;
  guint position = 0;

  g_object_get (item, "description", &description, "position", &position, NULL);
  return position == info->position &&
         g_strcmp0 (sc_segment_get_name (item), info->name) == 0 &&
         g_strcmp0 (description, info->description) == 0 &&
         g_strcmp0 (sc_segment_get_profile (item), info->profile) == 0 &&
         sc_segment_get_colour (item) == info->colour &&
         sc_segment_get_is_outliers (item) == info->is_outliers &&
         sc_segment_get_kind (item) == info->kind &&
         sc_segment_get_size (item) == info->size &&
         same_double (sc_segment_get_share (item), info->share) &&
         same_double (sc_segment_get_revenue (item), info->revenue) &&
         same_double (sc_segment_get_revenue_share (item), info->revenue_share) &&
         same_double (sc_segment_get_recency (item), info->recency) &&
         same_double (sc_segment_get_frequency (item), info->frequency) &&
         same_double (sc_segment_get_monetary (item), info->monetary);
}

/* Replaces only the items whose segment changed, one ::items-changed each, so that a list
 * bound to the model rebuilds the row of a renamed segment and keeps every other row (and
 * its focus and selection) as it was. */
static void
update_segment_list (ScProject *self)
{
  GListModel *model = G_LIST_MODEL (self->segments);
  guint n = self->run != NULL ? self->run->n_segments : 0;
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < MIN (n, n_items); i++)
    {
      g_autoptr(ScSegment) item = g_list_model_get_item (model, i);
      g_autoptr(ScSegment) fresh = NULL;

      if (segment_shows (item, &self->run->segments[i]))
        continue;
      fresh = sc_segment_new (&self->run->segments[i]);
      g_list_store_splice (self->segments, i, 1, (gpointer *) &fresh, 1);
    }
  if (n_items > n)
    g_list_store_splice (self->segments, n, n_items - n, NULL, 0);
  for (guint i = n_items; i < n; i++)
    {
      g_autoptr(ScSegment) fresh = sc_segment_new (&self->run->segments[i]);

      g_list_store_append (self->segments, fresh);
    }
}

gboolean
_sc_project_reload (ScProject       *self,
                    ScProjectParts   parts,
                    GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  ScRun *run;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  /* Edits of fields, the value model and snapshots leave the run, its labels and the data
   * as they were: read only the segments again (a few rows), not the labels blob and the
   * counts, so an edit costs the main thread next to nothing. */
  if (parts & SC_PROJECT_PART_DATA)
    {
      self->summary_valid = FALSE;
      self->summary_generation++;
    }
  if (parts & (SC_PROJECT_PART_DATA | SC_PROJECT_PART_BRIEF))
    {
      g_clear_pointer (&self->currency, g_free);
      self->currency = sc_brief_load_currency (self->store, &self->currency_source, NULL);
    }

  if (self->run != NULL && (parts & ~IN_PLACE_PARTS) == 0)
    {
      if ((parts & (SC_PROJECT_PART_SEGMENT_FIELDS | SC_PROJECT_PART_VALUE_MODEL)) == 0 ||
          sc_run_reload_segments (self->store, self->run, NULL))
        {
          if (parts & (SC_PROJECT_PART_SEGMENT_FIELDS | SC_PROJECT_PART_VALUE_MODEL))
            update_segment_list (self);
          g_signal_emit (self, signals[CHANGED_PARTS], 0, (guint) parts);
          g_signal_emit (self, signals[CHANGED], 0);
          return TRUE;
        }
      /* Another run became current meanwhile (another process): read everything. */
    }

  self->n_customers = sc_store_get_n_customers (self->store);
  /* A project whose orders stay in a database counts the rows the server summed. */
  self->n_transactions = _sc_pushdown_get_n_rows (self->store);

  run = sc_run_load_current (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_pointer (&self->run, sc_run_free);
  self->run = run;
  update_segment_list (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CUSTOMERS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TRANSACTIONS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DATA]);
  g_signal_emit (self, signals[CHANGED_PARTS], 0, (guint) parts);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * sc_project_reload:
 *
 * Reads counts and the current run again, updates the segment list and emits
 * #ScProject::changed-parts (with %SC_PROJECT_PART_ALL) and #ScProject::changed.
 */
gboolean
sc_project_reload (ScProject  *self,
                   GError    **error)
{
  return _sc_project_reload (self, SC_PROJECT_PART_ALL, error);
}

void
_sc_project_set_busy (ScProject *self,
                      gboolean   busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_sc_project_notify_history (ScProject *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/**
 * sc_project_open:
 * @path: a `.segments` file
 * @create: create the file if it does not exist
 *
 * Returns: (transfer full) (nullable): the project, or %NULL with @error set
 */
ScProject *
sc_project_open (const char  *path,
                 gboolean     create,
                 GError     **error)
{
  g_autoptr(ScProject) self = NULL;
  ScStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  store = sc_store_open (path, create, error);
  if (store == NULL)
    return NULL;

  self = g_object_new (SC_TYPE_PROJECT, NULL);
  /* This connection serves the thread that owns the project, in the app the one that
   * draws the window, whose edits write a few rows.  It leaves copying the write-ahead log
   * into the file (a write of up to the log's size and two fsyncs: 25 ms of a frame was
   * seen going to it) to the workers' connections, whose commits of runs and imports grow
   * the log, and to the close of the last connection. */
  _sc_store_set_autocheckpoint (store, 0);
  self->store = store;
  self->path = g_strdup (path);
  if (!sc_project_reload (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
sc_project_get_path (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);
  return self->path;
}

/**
 * sc_project_dup_title:
 *
 * Returns: (transfer full): the file name without its extension, for window titles
 */
char *
sc_project_dup_title (ScProject *self)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);

  base = g_path_get_basename (self->path);
  if (g_str_has_suffix (base, SC_PROJECT_EXTENSION) &&
      strlen (base) > strlen (SC_PROJECT_EXTENSION))
    base[strlen (base) - strlen (SC_PROJECT_EXTENSION)] = '\0';
  return g_steal_pointer (&base);
}

/**
 * sc_project_get_read_only:
 *
 * Returns: whether the project was opened for reading only, its folder taking no working
 *   files (see sc_store_open()); every change then fails with %SC_ERROR_READ_ONLY
 */
gboolean
sc_project_get_read_only (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  return self->store != NULL && sc_store_get_read_only (self->store);
}

/**
 * sc_project_get_currency:
 * @source: (out) (optional): where the currency comes from
 *
 * The currency of the project's money figures: the brief's, else the one the imported
 * amounts were marked with, else the locale's (see sc_brief_load_currency()).
 *
 * Returns: (nullable): an ISO 4217 code, %NULL when none is known
 */
const char *
sc_project_get_currency (ScProject        *self,
                         ScCurrencySource *source)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);

  if (source != NULL)
    *source = self->currency_source;
  return self->currency;
}

guint64
sc_project_get_n_customers (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), 0);
  return self->n_customers;
}

guint64
sc_project_get_n_transactions (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), 0);
  return self->n_transactions;
}

gboolean
sc_project_get_has_data (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);
  return self->n_transactions > 0;
}

/**
 * sc_project_get_run:
 *
 * Returns: (transfer none) (nullable): the current segmentation
 */
const ScRun *
sc_project_get_run (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);
  return self->run;
}

/**
 * sc_project_get_segments:
 *
 * Returns: (transfer none): a list of #ScSegment of the current run, in priority order
 */
GListModel *
sc_project_get_segments (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->segments);
}

/* The key figures: sums over every customer's aggregates (a million at a time), read once
 * per data and kept. */
typedef struct
{
  gboolean any;
  ScDay    first_day;
  ScDay    last_day;
  double   revenue;
  guint64  orders;
} Summary;

static void
summary_compute (ScStore *store,
                 Summary *summary)
{
  g_autoptr(ScAggregates) agg = sc_store_load_aggregates (store, NULL);

  summary->any = FALSE;
  summary->first_day = G_MAXINT32;
  summary->last_day = G_MININT32;
  summary->revenue = 0;
  summary->orders = 0;
  for (guint32 i = 0; agg != NULL && i < agg->n; i++)
    {
      if (agg->n_rows[i] == 0)
        continue;
      summary->any = TRUE;
      summary->first_day = MIN (summary->first_day, agg->first_day[i]);
      summary->last_day = MAX (summary->last_day, agg->last_day[i]);
      summary->revenue += agg->monetary[i];
      summary->orders += agg->n_orders[i];
    }
}

static void
summary_keep (ScProject     *self,
              const Summary *summary)
{
  self->summary_any = summary->any;
  self->summary_first_day = summary->first_day;
  self->summary_last_day = summary->last_day;
  self->summary_revenue = summary->revenue;
  self->summary_orders = summary->orders;
  self->summary_valid = TRUE;
}

/**
 * sc_project_get_summary:
 * @first_day: (out): first transaction day
 * @last_day: (out): last transaction day
 * @revenue: (out): net revenue of all transactions
 * @n_orders: (out): orders (distinct per customer)
 *
 * Reads every customer's aggregates unless sc_project_get_summary_known(); a window calls
 * sc_project_load_summary_async() first.
 *
 * Returns: %FALSE when the project has no transactions
 */
gboolean
sc_project_get_summary (ScProject *self,
                        ScDay     *first_day,
                        ScDay     *last_day,
                        double    *revenue,
                        guint64   *n_orders)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  /* Only new data changes the sums (a reload with SC_PROJECT_PART_DATA forgets them), so a
   * change of the brief or the segments does not read a million customers again. */
  if (!self->summary_valid)
    {
      Summary summary;

      summary_compute (self->store, &summary);
      summary_keep (self, &summary);
    }
  *first_day = self->summary_first_day;
  *last_day = self->summary_last_day;
  *revenue = self->summary_revenue;
  *n_orders = self->summary_orders;
  return self->summary_any;
}

/**
 * sc_project_get_summary_known:
 *
 * Returns: whether sc_project_get_summary() has its figures at hand (costs nothing)
 */
gboolean
sc_project_get_summary_known (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  return self->summary_valid;
}

static gpointer
summary_work (ScStore       *store,
              gpointer       input,
              ScJob         *job,
              GCancellable  *cancellable,
              GError       **error)
{
  Summary *summary = g_new0 (Summary, 1);

  summary_compute (store, summary);
  return summary;
}

/**
 * sc_project_load_summary_async:
 *
 * Sums the key figures in a worker, so that a window can show a large project before they
 * are there; after sc_project_load_summary_finish() sc_project_get_summary() costs nothing.
 */
void
sc_project_load_summary_async (ScProject           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));

  _sc_project_run_async (self, sc_project_load_summary_async, summary_work,
                         g_memdup2 (&self->summary_generation, sizeof (guint)), g_free, g_free,
                         NULL, cancellable, callback, user_data);
}

/**
 * sc_project_load_summary_finish:
 *
 * Keeps the figures unless new data came meanwhile (then the project sums again when asked).
 *
 * Returns: %FALSE with @error set when the load failed or was cancelled
 */
gboolean
sc_project_load_summary_finish (ScProject     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  const guint *generation = _sc_project_task_get_input (result);
  g_autofree Summary *summary = _sc_project_run_finish (self, result,
                                                        sc_project_load_summary_async, error);

  if (summary == NULL)
    return FALSE;
  if (*generation == self->summary_generation && !self->summary_valid)
    summary_keep (self, summary);
  return TRUE;
}


/**
 * sc_project_delete_files:
 * @path: a `.segments` file
 *
 * Removes a project file and what SQLite keeps beside it (`-journal`, `-wal`, `-shm`).
 * Files that do not exist are no error. Close every #ScProject of @path first.
 *
 * Returns: %FALSE with @error set when a file exists but could not be removed
 */
gboolean
sc_project_delete_files (const char  *path,
                         GError     **error)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved = errno;
          g_autofree char *name = g_filename_display_name (file);

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not delete “%s”: %s"), name, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* The task runner                                                                             */

/* A connection of the calling thread's own; self->path never changes, so any thread may
 * read it. */
ScStore *
_sc_project_open_store (ScProject  *self,
                        GError    **error)
{
  return sc_store_open (self->path, FALSE, error);
}

/* Runs work in the calling thread through a connection of its own. */
gpointer
_sc_project_run (ScProject     *self,
                 ScProjectWork  work,
                 gpointer       input,
                 ScJob         *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(ScStore) store = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);

  store = _sc_project_open_store (self, error);
  if (store == NULL)
    return NULL;
  return work (store, input, job, cancellable, error);
}

typedef struct
{
  ScProjectWork   work;
  gpointer        input;
  GDestroyNotify  input_free;
  GDestroyNotify  result_free;
  ScJob          *job;
  char           *path;
} Task;

static void
task_free (Task *task)
{
  if (task->input_free != NULL && task->input != NULL)
    task->input_free (task->input);
  g_clear_object (&task->job);
  g_free (task->path);
  g_free (task);
}

static void
task_thread (GTask        *gtask,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Task *task = task_data;
  g_autoptr(ScStore) store = NULL;
  GError *error = NULL;
  gpointer result;

  /* Cancelled before it starts: the work must not run at all (a finish reports it as
   * cancelled, so whatever it wrote would be a change nobody knows of). */
  if (g_task_return_error_if_cancelled (gtask))
    return;
  store = sc_store_open (task->path, FALSE, &error);
  result = store != NULL ? task->work (store, task->input, task->job, cancellable, &error)
                         : NULL;
  if (result == NULL)
    g_task_return_error (gtask, error);
  else
    g_task_return_pointer (gtask, result, task->result_free);
}

static void
run_async (ScProject           *self,
           const char          *path,
           gpointer             source_tag,
           ScProjectWork        work,
           gpointer             input,
           GDestroyNotify       input_free,
           GDestroyNotify       result_free,
           ScJob               *job,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) gtask = NULL;
  Task *task = g_new0 (Task, 1);

  task->work = work;
  task->input = input;
  task->input_free = input_free;
  task->result_free = result_free;
  task->job = job != NULL ? g_object_ref (job) : NULL;
  task->path = g_strdup (path);

  /* Every work can be cancelled, if only by the application as it quits
   * (sc_job_cancel_all()): one started without a cancellable gets its own. */
  gtask = sc_job_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (gtask, source_tag);
  g_task_set_task_data (gtask, task, (GDestroyNotify) task_free);
  /* A work that finished has committed: its result must reach the finish (which reloads
   * and notifies) even when the cancellable fired meanwhile, or the project in memory
   * would no longer match the file. A work that stopped early returns CANCELLED itself. */
  g_task_set_check_cancellable (gtask, FALSE);
  sc_job_run_in_thread (gtask, task_thread);
}

/*
 * _sc_project_run_async:
 * @source_tag: the public _async function, checked by _sc_project_run_finish()
 * @input: (transfer full) (nullable): the inputs, already copied by the caller; freed with
 *   @input_free when the task is
 * @result_free: (nullable): frees a result nobody finished
 *
 * Runs work in a worker thread with a connection of its own. The project is the task's
 * source object; nothing in the worker touches it but its path.
 */
void
_sc_project_run_async (ScProject           *self,
                       gpointer             source_tag,
                       ScProjectWork        work,
                       gpointer             input,
                       GDestroyNotify       input_free,
                       GDestroyNotify       result_free,
                       ScJob               *job,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  run_async (self, self->path, source_tag, work, input, input_free, result_free, job,
             cancellable, callback, user_data);
}

/*
 * _sc_project_run_path_async:
 *
 * _sc_project_run_async() on the project file @path, for a caller that holds no #ScProject
 * of it: the work's connection may then be the only one to the file. The task has no
 * source object; finish with _sc_project_run_finish() and %NULL.
 */
void
_sc_project_run_path_async (const char          *path,
                            gpointer             source_tag,
                            ScProjectWork        work,
                            gpointer             input,
                            GDestroyNotify       input_free,
                            GDestroyNotify       result_free,
                            ScJob               *job,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  run_async (NULL, path, source_tag, work, input, input_free, result_free, job, cancellable,
             callback, user_data);
}

/* Returns: (transfer full) (nullable): the result of the work, %NULL with @error set
 * (@self: %NULL for _sc_project_run_path_async()) */
gpointer
_sc_project_run_finish (ScProject     *self,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The inputs of a task started by _sc_project_run_async(), for its finish. */
gpointer
_sc_project_task_get_input (GAsyncResult *result)
{
  Task *task = g_task_get_task_data (G_TASK (result));

  return task->input;
}
