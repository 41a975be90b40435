/* sc-project.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The facade the app and the CLI share. Long operations exist twice: a synchronous function
 * taking a GCancellable (the CLI calls it) and an _async/_finish pair running it in a thread
 * (the app). A worker opens its own connection to the file (SQLite connections are per
 * thread), the main-thread connection only reads; when a worker finishes, the project
 * reloads what it shows and notifies. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sc-potential.h"
#include "sc-project.h"
#include "sc-store-private.h"

typedef enum
{
  EDIT_FIELD,
  EDIT_PRIORITY,
  EDIT_RUN,
  EDIT_THRESHOLDS,
} EditKind;

/* One undoable edit: enough to go both ways. */
typedef struct
{
  EditKind        kind;
  char           *label;
  gint64          segment_id;     /* EDIT_FIELD */
  ScSegmentField  field;
  char           *before;
  char           *after;
  guint          *ranks_before;   /* EDIT_PRIORITY: rank by position */
  guint          *ranks_after;
  gint64          run_before;     /* EDIT_RUN */
  gint64          run_after;
  double          thresholds_before[2];  /* EDIT_THRESHOLDS: value, potential; NAN median */
  double          thresholds_after[2];
} Edit;

struct _ScProject
{
  GObject     parent_instance;
  char       *path;
  ScStore    *store;
  ScRun      *run;
  GListStore *segments;
  guint64     n_customers;
  guint64     n_transactions;
  GPtrArray  *undo;               /* of Edit, most recent last */
  GPtrArray  *redo;
  gboolean    busy;               /* a reshape runs in a worker */
};

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
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (ScProject, sc_project, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void notify_history (ScProject *self);

static void
edit_free (Edit *edit)
{
  g_free (edit->label);
  g_free (edit->before);
  g_free (edit->after);
  g_free (edit->ranks_before);
  g_free (edit->ranks_after);
  g_free (edit);
}

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
}

static void
sc_project_init (ScProject *self)
{
  self->segments = g_list_store_new (SC_TYPE_SEGMENT);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
}

/**
 * sc_project_reload:
 *
 * Reads counts and the current run again, updates the segment list and emits
 * #ScProject::changed.
 */
gboolean
sc_project_reload (ScProject  *self,
                   GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  ScRun *run;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  self->n_customers = sc_store_get_n_customers (self->store);
  self->n_transactions = sc_store_get_n_transactions (self->store);

  run = sc_run_load_current (self->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_pointer (&self->run, sc_run_free);
  self->run = run;

  for (guint i = 0; run != NULL && i < run->n_segments; i++)
    g_ptr_array_add (items, sc_segment_new (&run->segments[i]));
  g_list_store_splice (self->segments, 0, g_list_model_get_n_items (G_LIST_MODEL (self->segments)),
                       items->pdata, items->len);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CUSTOMERS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TRANSACTIONS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_DATA]);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
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

/**
 * sc_project_get_summary:
 * @first_day: (out): first transaction day
 * @last_day: (out): last transaction day
 * @revenue: (out): net revenue of all transactions
 * @n_orders: (out): orders (distinct per customer)
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
  g_autoptr(ScAggregates) agg = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  agg = sc_store_load_aggregates (self->store, NULL);
  if (agg == NULL)
    return FALSE;

  *first_day = G_MAXINT32;
  *last_day = G_MININT32;
  *revenue = 0;
  *n_orders = 0;
  for (guint32 i = 0; i < agg->n; i++)
    {
      if (agg->n_rows[i] == 0)
        continue;
      any = TRUE;
      *first_day = MIN (*first_day, agg->first_day[i]);
      *last_day = MAX (*last_day, agg->last_day[i]);
      *revenue += agg->monetary[i];
      *n_orders += agg->n_orders[i];
    }
  return any;
}

/* ------------------------------------------------------------------------------------------ */

/**
 * sc_project_import:
 * @job: (nullable): receives progress
 *
 * Imports in the calling thread through a connection of its own. Does not reload the
 * project: call sc_project_reload() in the thread that owns it.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
ScImportReport *
sc_project_import (ScProject              *self,
                   const ScImportOptions  *options,
                   ScJob                  *job,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_autoptr(ScStore) store = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);

  store = sc_store_open (self->path, FALSE, error);
  if (store == NULL)
    return NULL;
  return sc_import (store, options, job != NULL ? sc_job_progress_func : NULL, job, cancellable,
                    error);
}

typedef struct
{
  ScImportOptions options;
  ScRunParams     params;
  ScJob          *job;
} TaskData;

static void
task_data_free (TaskData *data)
{
  sc_import_options_clear (&data->options);
  g_clear_object (&data->job);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  ScImportReport *report;

  report = sc_project_import (source_object, &data->options, data->job, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) sc_import_report_free);
}

void
sc_project_import_async (ScProject              *self,
                         const ScImportOptions  *options,
                         ScJob                  *job,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data = g_new0 (TaskData, 1);

  g_return_if_fail (SC_IS_PROJECT (self));

  sc_import_options_copy (options, &data->options);
  data->job = job != NULL ? g_object_ref (job) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sc_project_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * sc_project_import_finish:
 *
 * Reloads the project on success.
 *
 * Returns: (transfer full) (nullable): the report
 */
ScImportReport *
sc_project_import_finish (ScProject     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  ScImportReport *report;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sc_project_import_async, NULL);

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report == NULL)
    return NULL;
  /* Edits were made on the data as it was; undoing them now would bring back segments
   * computed without the new rows. */
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_history (self);
  if (!sc_project_reload (self, error))
    g_clear_pointer (&report, sc_import_report_free);
  return report;
}

/**
 * sc_project_segment:
 * @job: (nullable): receives progress
 *
 * Segments in the calling thread through a connection of its own; see sc_project_import()
 * about reloading.
 */
gboolean
sc_project_segment (ScProject          *self,
                    const ScRunParams  *params,
                    ScJob              *job,
                    GCancellable       *cancellable,
                    GError            **error)
{
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScRun) run = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  store = sc_store_open (self->path, FALSE, error);
  if (store == NULL)
    return FALSE;
  run = sc_run_segment (store, params, job != NULL ? sc_job_progress_func : NULL, job,
                        cancellable, error);
  return run != NULL;
}

static void
segment_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;

  if (sc_project_segment (source_object, &data->params, data->job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
sc_project_segment_async (ScProject          *self,
                          const ScRunParams  *params,
                          ScJob              *job,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data = g_new0 (TaskData, 1);

  g_return_if_fail (SC_IS_PROJECT (self));

  data->params = *params;
  data->job = job != NULL ? g_object_ref (job) : NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sc_project_segment_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, segment_thread);
}

gboolean
sc_project_segment_finish (ScProject     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  gint64 previous;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sc_project_segment_async,
                        FALSE);

  previous = self->run != NULL ? self->run->id : 0;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (!sc_project_reload (self, error))
    return FALSE;

  /* A re-run replaces the segmentation people may have worked on: the earlier one stays in
   * the file, so undo switches back to it like after a merge. */
  if (previous != 0 && self->run != NULL && self->run->id != previous)
    {
      Edit *edit = g_new0 (Edit, 1);

      edit->kind = EDIT_RUN;
      edit->label = g_strdup (_("Re-run"));
      edit->run_before = previous;
      edit->run_after = self->run->id;
      g_ptr_array_add (self->undo, edit);
      g_ptr_array_set_size (self->redo, 0);
      notify_history (self);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Edits and undo                                                                              */

static void
notify_history (ScProject *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static gboolean
push_edit (ScProject  *self,
           Edit       *edit,
           GError    **error)
{
  g_ptr_array_add (self->undo, edit);
  g_ptr_array_set_size (self->redo, 0);
  notify_history (self);
  return sc_project_reload (self, error);
}

static gboolean
check_not_busy (ScProject  *self,
                GError    **error)
{
  if (!self->busy)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("Wait until the change to the segments is done."));
  return FALSE;
}

static gboolean
require_run (ScProject  *self,
             GError    **error)
{
  if (!check_not_busy (self, error))
    return FALSE;
  if (self->run != NULL)
    return TRUE;
  g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
               _("There are no segments yet: segment the customers first."));
  return FALSE;
}

static const char *
field_label (ScSegmentField field)
{
  switch (field)
    {
    case SC_SEGMENT_FIELD_NAME: return _("Rename");
    case SC_SEGMENT_FIELD_DESCRIPTION: return _("Description Change");
    case SC_SEGMENT_FIELD_OBJECTIVE: return _("Objective Change");
    case SC_SEGMENT_FIELD_OWNER: return _("Owner Change");
    case SC_SEGMENT_FIELD_SERVICE_TIER: return _("Service Tier Change");
    case SC_SEGMENT_FIELD_TACTICS: return _("Tactics Change");
    case SC_SEGMENT_FIELD_QUADRANT_OVERRIDE: return _("Quadrant Change");
    case SC_SEGMENT_FIELD_COLOUR: return _("Colour Change");
    default: return _("Edit");
    }
}

/**
 * sc_project_set_segment_field:
 * @value: (nullable): the new value; %NULL or empty clears it (not for names)
 */
gboolean
sc_project_set_segment_field (ScProject       *self,
                              gint64           segment_id,
                              ScSegmentField   field,
                              const char      *value,
                              GError         **error)
{
  g_autofree char *before = NULL;
  Edit *edit;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  if (!require_run (self, error) ||
      !sc_edit_set_field (self->store, segment_id, field, value, &before, error))
    return FALSE;
  if (g_strcmp0 (before, value) == 0)
    return TRUE;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_FIELD;
  edit->label = g_strdup (field_label (field));
  edit->segment_id = segment_id;
  edit->field = field;
  edit->before = g_steal_pointer (&before);
  edit->after = g_strdup (value != NULL && *value ? value : NULL);
  if (field == SC_SEGMENT_FIELD_NAME)
    g_strstrip (edit->after);
  return push_edit (self, edit, error);
}

gboolean
sc_project_set_segment_priority (ScProject  *self,
                                 gint64      segment_id,
                                 guint       rank,
                                 GError    **error)
{
  g_autofree guint *before = NULL;
  g_autoptr(ScRun) changed = NULL;
  Edit *edit;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  if (!require_run (self, error) ||
      !sc_edit_set_priority (self->store, self->run, segment_id, rank, &before, error))
    return FALSE;

  changed = sc_run_load_current (self->store, error);
  if (changed == NULL)
    return FALSE;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_PRIORITY;
  edit->label = g_strdup (_("Priority Change"));
  edit->ranks_before = g_steal_pointer (&before);
  edit->ranks_after = g_new (guint, MAX (changed->n_segments, 1));
  for (guint s = 0; s < changed->n_segments; s++)
    edit->ranks_after[s] = changed->segments[s].priority;
  return push_edit (self, edit, error);
}

static gboolean
push_run_edit (ScProject   *self,
               gint64       before,
               gint64       after,
               const char  *label,
               GError     **error)
{
  Edit *edit;

  if (after == 0)
    return FALSE;
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_RUN;
  edit->label = g_strdup (label);
  edit->run_before = before;
  edit->run_after = after;
  return push_edit (self, edit, error);
}

gboolean
sc_project_merge_segments (ScProject    *self,
                           const guint  *positions,
                           guint         n_positions,
                           GError      **error)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  if (!require_run (self, error))
    return FALSE;
  return push_run_edit (self, self->run->id,
                        sc_edit_merge (self->store, self->run, positions, n_positions, NULL,
                                       error),
                        _("Merge Segments"), error);
}

gboolean
sc_project_split_segment (ScProject  *self,
                          guint       position,
                          GError    **error)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  if (!require_run (self, error))
    return FALSE;
  return push_run_edit (self, self->run->id,
                        sc_edit_split (self->store, self->run, position, NULL, error),
                        _("Split Segment"), error);
}

gboolean
sc_project_move_customers (ScProject      *self,
                           const guint32  *customers,
                           guint           n_customers,
                           guint           to_position,
                           GError        **error)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  if (!require_run (self, error))
    return FALSE;
  return push_run_edit (self, self->run->id,
                        sc_edit_move_customers (self->store, self->run, customers, n_customers,
                                                to_position, NULL, error),
                        _("Move Customers"), error);
}

gboolean
sc_project_fold_outliers (ScProject  *self,
                          GError    **error)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  if (!require_run (self, error))
    return FALSE;
  return push_run_edit (self, self->run->id,
                        sc_edit_fold_outliers (self->store, self->run, NULL, error),
                        _("Fold Outliers"), error);
}

/**
 * sc_project_set_thresholds:
 * @value_threshold: where the grid divides low from high value; NAN for the default, the
 *   median of the segments
 * @potential_threshold: likewise for potential
 *
 * Moves the value × potential grid's dividers; the segments' computed quadrants follow.
 */
gboolean
sc_project_set_thresholds (ScProject  *self,
                           double      value_threshold,
                           double      potential_threshold,
                           GError    **error)
{
  Edit *edit;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  if (!require_run (self, error) ||
      !sc_edit_set_thresholds (self->store, self->run, value_threshold, potential_threshold,
                               error))
    return FALSE;

  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_THRESHOLDS;
  edit->label = g_strdup (_("Threshold Change"));
  edit->thresholds_before[0] = self->run->value_threshold;
  edit->thresholds_before[1] = self->run->potential_threshold;
  edit->thresholds_after[0] = value_threshold;
  edit->thresholds_after[1] = potential_threshold;
  return push_edit (self, edit, error);
}

typedef struct
{
  ScReshape  kind;
  ScRun     *run;                 /* the current run when the reshape started, a copy */
  guint     *positions;
  guint      n_positions;
  guint32   *customers;
  guint      n_customers;
  gint64     run_after;
} ReshapeData;

static void
reshape_data_free (ReshapeData *data)
{
  g_clear_pointer (&data->run, sc_run_free);
  g_free (data->positions);
  g_free (data->customers);
  g_free (data);
}

static const char *
reshape_label (ScReshape kind)
{
  switch (kind)
    {
    case SC_RESHAPE_MERGE: return _("Merge Segments");
    case SC_RESHAPE_SPLIT: return _("Split Segment");
    case SC_RESHAPE_MOVE_CUSTOMERS: return _("Move Customers");
    case SC_RESHAPE_FOLD_OUTLIERS: return _("Fold Outliers");
    default: g_return_val_if_reached (NULL);
    }
}

static void
reshape_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ScProject *self = source_object;
  ReshapeData *data = task_data;
  g_autoptr(ScStore) store = NULL;
  GError *error = NULL;
  gint64 after = 0;

  /* self->path never changes; nothing else of self is touched here. */
  store = sc_store_open (self->path, FALSE, &error);
  if (store != NULL)
    switch (data->kind)
      {
      case SC_RESHAPE_MERGE:
        after = sc_edit_merge (store, data->run, data->positions, data->n_positions, cancellable,
                               &error);
        break;
      case SC_RESHAPE_SPLIT:
        if (data->n_positions == 1)
          after = sc_edit_split (store, data->run, data->positions[0], cancellable, &error);
        else
          g_set_error (&error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("Choose one segment to split."));
        break;
      case SC_RESHAPE_MOVE_CUSTOMERS:
        if (data->n_positions == 1)
          after = sc_edit_move_customers (store, data->run, data->customers, data->n_customers,
                                          data->positions[0], cancellable, &error);
        else
          g_set_error (&error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       _("Choose the segment to move the customers to."));
        break;
      case SC_RESHAPE_FOLD_OUTLIERS:
        after = sc_edit_fold_outliers (store, data->run, cancellable, &error);
        break;
      default:
        g_assert_not_reached ();
      }

  if (after == 0)
    g_task_return_error (task, error);
  else
    {
      data->run_after = after;
      g_task_return_boolean (task, TRUE);
    }
}

static void
reshape_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ScProject *self = SC_PROJECT (source);
  g_autoptr(GTask) outer = user_data;
  ReshapeData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  self->busy = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !push_run_edit (self, data->run->id, data->run_after, reshape_label (data->kind), &error))
    {
      /* Reloading shows what the file holds, whatever happened to it. */
      sc_project_reload (self, NULL);
      g_task_return_error (outer, error);
    }
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * sc_project_reshape_async:
 * @positions: (array length=n_positions) (nullable): the segments to merge, or the one to
 *   split or to move customers to
 * @customers: (array length=n_customers) (nullable): dense ids, for
 *   %SC_RESHAPE_MOVE_CUSTOMERS
 *
 * Runs a structural edit of the current run in a worker with a connection of its own;
 * like the synchronous edits it stores a new run, is undoable and reloads the project
 * when it is done. Until then the project is busy.
 */
void
sc_project_reshape_async (ScProject           *self,
                          ScReshape            kind,
                          const guint         *positions,
                          guint                n_positions,
                          const guint32       *customers,
                          guint                n_customers,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ReshapeData *data;

  g_return_if_fail (SC_IS_PROJECT (self));
  g_return_if_fail (n_positions == 0 || positions != NULL);
  g_return_if_fail (n_customers == 0 || customers != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, sc_project_reshape_async);
  if (!require_run (self, &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  data = g_new0 (ReshapeData, 1);
  data->kind = kind;
  data->run = sc_run_copy (self->run);
  data->positions = g_memdup2 (positions, sizeof (guint) * n_positions);
  data->n_positions = n_positions;
  data->customers = g_memdup2 (customers, sizeof (guint32) * n_customers);
  data->n_customers = n_customers;

  self->busy = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  task = g_task_new (self, cancellable, reshape_done, g_steal_pointer (&outer));
  g_task_set_source_tag (task, reshape_thread);
  /* A run saved just as the cancellable fires is current in the file: it must get its undo
   * step, so the worker's own result counts. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) reshape_data_free);
  g_task_run_in_thread (task, reshape_thread);
}

gboolean
sc_project_reshape_finish (ScProject     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sc_project_reshape_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
estimate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ScProject *self = source_object;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScPotential) potential = NULL;
  g_autoptr(ScRun) run = NULL;
  GError *error = NULL;
  ScPotentialParams params;

  sc_potential_params_init (&params);
  store = sc_store_open (self->path, FALSE, &error);
  if (store == NULL)
    goto fail;
  potential = sc_potential_fit (store, &params, cancellable, &error);
  if (potential == NULL || !sc_potential_save (store, potential, &error))
    goto fail;
  run = sc_run_load_current (store, &error);
  if (error != NULL)
    goto fail;
  if (run != NULL && !sc_run_apply_potential (store, run, potential, &error))
    goto fail;
  g_task_return_boolean (task, TRUE);
  return;

fail:
  g_task_return_error (task, error);
}

/**
 * sc_project_estimate_potential_async:
 *
 * Fits the BG/NBD and Gamma-Gamma models on all the data in a worker and saves them as the
 * current model; the current run's segments get their value, potential and quadrant.
 * Later runs and edits use the model while the data stays the same.
 */
void
sc_project_estimate_potential_async (ScProject           *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SC_IS_PROJECT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sc_project_estimate_potential_async);
  g_task_run_in_thread (task, estimate_thread);
}

/**
 * sc_project_estimate_potential_finish:
 *
 * Reloads the project on success.
 */
gboolean
sc_project_estimate_potential_finish (ScProject     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sc_project_estimate_potential_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  return sc_project_reload (self, error);
}

gboolean
sc_project_get_busy (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);
  return self->busy;
}

gboolean
sc_project_get_can_undo (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);
  return self->undo->len > 0;
}

gboolean
sc_project_get_can_redo (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);
  return self->redo->len > 0;
}

const char *
sc_project_get_undo_label (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);
  if (self->undo->len == 0)
    return NULL;
  return ((Edit *) g_ptr_array_index (self->undo, self->undo->len - 1))->label;
}

const char *
sc_project_get_redo_label (ScProject *self)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);
  if (self->redo->len == 0)
    return NULL;
  return ((Edit *) g_ptr_array_index (self->redo, self->redo->len - 1))->label;
}

static gboolean
apply (ScProject  *self,
       Edit       *edit,
       gboolean    forward,
       GError    **error)
{
  switch (edit->kind)
    {
    case EDIT_FIELD:
      return sc_edit_set_field (self->store, edit->segment_id, edit->field,
                                forward ? edit->after : edit->before, NULL, error);
    case EDIT_PRIORITY:
      return require_run (self, error) &&
             sc_edit_restore_priority (self->store, self->run,
                                       forward ? edit->ranks_after : edit->ranks_before, error);
    case EDIT_RUN:
      return sc_edit_set_current_run (self->store, forward ? edit->run_after : edit->run_before,
                                      error);
    case EDIT_THRESHOLDS:
      {
        const double *t = forward ? edit->thresholds_after : edit->thresholds_before;

        return require_run (self, error) &&
               sc_edit_set_thresholds (self->store, self->run, t[0], t[1], error);
      }
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
move_edit (ScProject  *self,
           GPtrArray  *from,
           GPtrArray  *to,
           gboolean    forward,
           GError    **error)
{
  Edit *edit;

  if (!check_not_busy (self, error))
    return FALSE;
  if (from->len == 0)
    return TRUE;
  edit = g_ptr_array_steal_index (from, from->len - 1);
  if (!apply (self, edit, forward, error))
    {
      g_ptr_array_add (from, edit);
      return FALSE;
    }
  g_ptr_array_add (to, edit);
  notify_history (self);
  return sc_project_reload (self, error);
}

gboolean
sc_project_undo (ScProject  *self,
                 GError    **error)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);
  return move_edit (self, self->undo, self->redo, FALSE, error);
}

gboolean
sc_project_redo (ScProject  *self,
                 GError    **error)
{
  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);
  return move_edit (self, self->redo, self->undo, TRUE, error);
}
