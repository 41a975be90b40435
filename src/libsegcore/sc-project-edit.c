/* sc-project-edit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* People's edits of the current segmentation through the facade: each is saved at once and
 * kept as an Edit that can go both ways, so undo and redo are the same apply() run in either
 * direction. Structural edits (merge, split, move, fold) store a new run; their undo
 * switches the current run back. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sc-project-private.h"

#include "sc-store-private.h"

typedef enum
{
  EDIT_FIELD,
  EDIT_PRIORITY,
  EDIT_RUN,
  EDIT_THRESHOLDS,
  EDIT_STATE,
  EDIT_GROUP,
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
  ScProjectParts  state_parts;    /* EDIT_STATE: a whole state of another module */
  ScProjectApplyState apply_state;
  gpointer        state_before;
  gpointer        state_after;
  GDestroyNotify  state_free;
  GPtrArray      *parts;          /* EDIT_GROUP: Edits applied in order, undone in reverse */
} Edit;
static void
edit_free (Edit *edit)
{
  g_clear_pointer (&edit->parts, g_ptr_array_unref);
  g_free (edit->label);
  g_free (edit->before);
  g_free (edit->after);
  g_free (edit->ranks_before);
  g_free (edit->ranks_after);
  if (edit->state_free != NULL)
    {
      g_clear_pointer (&edit->state_before, edit->state_free);
      g_clear_pointer (&edit->state_after, edit->state_free);
    }
  g_free (edit);
}

/* ------------------------------------------------------------------------------------------ */
/* Edits and undo                                                                              */

void
_sc_project_edits_init (ScProject *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
}

/* Edits were made on the data as it was; after an import, undoing them would bring back
 * segments computed without the new rows. */
void
_sc_project_clear_history (ScProject *self)
{
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  _sc_project_notify_history (self);
}

/* A re-run replaces the segmentation people may have worked on: the earlier one stays in
 * the file, so undo switches back to it like after a merge. */
void
_sc_project_record_rerun (ScProject *self,
                          gint64     before,
                          gint64     after)
{
  Edit *edit;

  if (before == 0 || after == 0 || before == after)
    return;
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_RUN;
  edit->label = g_strdup (_("Re-run"));
  edit->run_before = before;
  edit->run_after = after;
  g_ptr_array_add (self->undo, edit);
  g_ptr_array_set_size (self->redo, 0);
  _sc_project_notify_history (self);
}

/* What an edit of the kind changes, for ScProject::changed-parts. */
static ScProjectParts
edit_parts (const Edit *edit)
{
  switch (edit->kind)
    {
    case EDIT_FIELD:
    case EDIT_PRIORITY:
    case EDIT_THRESHOLDS:
    case EDIT_GROUP:
      return SC_PROJECT_PART_SEGMENT_FIELDS;
    case EDIT_STATE:
      return edit->state_parts;
    case EDIT_RUN:
    default:
      return SC_PROJECT_PART_RUN | SC_PROJECT_PART_MEMBERSHIP | SC_PROJECT_PART_SEGMENT_FIELDS;
    }
}

static gboolean
push_edit (ScProject  *self,
           Edit       *edit,
           GError    **error)
{
  g_ptr_array_add (self->undo, edit);
  g_ptr_array_set_size (self->redo, 0);
  _sc_project_notify_history (self);
  return _sc_project_reload (self, edit_parts (edit), error);
}

gboolean
_sc_project_check_not_busy (ScProject  *self,
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
  if (!_sc_project_check_not_busy (self, error))
    return FALSE;
  if (self->run != NULL)
    return TRUE;
  g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
               _("There are no segments yet: segment the customers first."));
  return FALSE;
}

/* An edit of another module's state (the brief), kept whole before and after: @apply
 * writes one of them back.  The states are taken over; @apply has already run forward. */
gboolean
_sc_project_push_state_edit (ScProject            *self,
                             const char           *label,
                             ScProjectParts        parts,
                             ScProjectApplyState   apply,
                             gpointer              before,
                             gpointer              after,
                             GDestroyNotify        state_free,
                             GError              **error)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->kind = EDIT_STATE;
  edit->label = g_strdup (label);
  edit->state_parts = parts;
  edit->apply_state = apply;
  edit->state_before = before;
  edit->state_after = after;
  edit->state_free = state_free;
  return push_edit (self, edit, error);
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
/* One field of segment_id set inside the caller's transaction; adds its undo part to
 * group when it changed anything. */
static gboolean
set_field_part (ScProject       *self,
                GPtrArray       *group,
                gint64           segment_id,
                ScSegmentField   field,
                const char      *value,
                GError         **error)
{
  g_autofree char *before = NULL;
  Edit *edit;

  if (!sc_edit_set_field (self->store, segment_id, field, value, &before, error))
    return FALSE;
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (before, value) == 0)
    return TRUE;
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_FIELD;
  edit->label = g_strdup (field_label (field));
  edit->segment_id = segment_id;
  edit->field = field;
  edit->before = g_steal_pointer (&before);
  edit->after = g_strdup (value);
  if (field == SC_SEGMENT_FIELD_NAME)
    g_strstrip (edit->after);
  g_ptr_array_add (group, edit);
  return TRUE;
}

static gboolean
set_priority_part (ScProject  *self,
                   GPtrArray  *group,
                   gint64      segment_id,
                   guint       rank,
                   GError    **error)
{
  g_autofree guint *before = NULL;
  g_autoptr(ScRun) changed = NULL;
  Edit *edit;

  if (!sc_edit_set_priority (self->store, self->run, segment_id, rank, &before, error))
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
  g_ptr_array_add (group, edit);
  return TRUE;
}

/* Pushes the edits of group as one step to undo (nothing for an empty group). */
static gboolean
push_group (ScProject  *self,
            GPtrArray  *group,
            GError    **error)
{
  Edit *edit;

  if (group->len == 0)
    return TRUE;
  if (group->len == 1)
    return push_edit (self, g_ptr_array_steal_index (group, 0), error);
  edit = g_new0 (Edit, 1);
  edit->kind = EDIT_GROUP;
  edit->label = g_strdup (_("Segment Edit"));
  edit->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  for (guint i = 0; i < group->len; i++)
    g_ptr_array_add (edit->parts, g_ptr_array_index (group, i));
  /* The parts are the group edit's now. */
  g_ptr_array_set_free_func (group, NULL);
  return push_edit (self, edit, error);
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
  g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  return require_run (self, error) &&
         set_field_part (self, group, segment_id, field, value, error) &&
         push_group (self, group, error);
}

static gboolean
field_listed (const ScSegmentChanges *changes,
              ScSegmentField          field)
{
  for (guint i = 0; i < changes->n_fields; i++)
    if (changes->fields[i] == field)
      return TRUE;
  return FALSE;
}

/* The suggested objective, tactics and tier of the segment at position, as set values,
 * for the fields changes does not set itself. */
static gboolean
accept_parts (ScProject               *self,
              GPtrArray               *group,
              const ScSegmentInfo     *info,
              const ScSegmentChanges  *changes,
              GError                 **error)
{
  g_autoptr(ScPlans) plans = sc_plan_run (self->store, self->run, NULL, error);
  const ScPlan *plan;
  g_autofree char *tactics = NULL;

  if (plans == NULL)
    return FALSE;
  plan = &plans->plans[info->position];
  tactics = sc_plan_join_tactics ((const char * const *) plan->tactics);
  return ((plan->suggested & SC_PLAN_FIELD_OBJECTIVE) == 0 ||
          field_listed (changes, SC_SEGMENT_FIELD_OBJECTIVE) ||
          set_field_part (self, group, info->id, SC_SEGMENT_FIELD_OBJECTIVE, plan->objective,
                          error)) &&
         ((plan->suggested & SC_PLAN_FIELD_TACTICS) == 0 ||
          field_listed (changes, SC_SEGMENT_FIELD_TACTICS) ||
          set_field_part (self, group, info->id, SC_SEGMENT_FIELD_TACTICS, tactics, error)) &&
         ((plan->suggested & SC_PLAN_FIELD_TIER) == 0 ||
          field_listed (changes, SC_SEGMENT_FIELD_SERVICE_TIER) ||
          set_field_part (self, group, info->id, SC_SEGMENT_FIELD_SERVICE_TIER, plan->tier,
                          error));
}

/**
 * sc_project_edit_segment:
 * @changes: the fields to set, the rank and whether to accept the suggested plan
 *
 * Sets several things of one segment at once, as the CLI's edit command does: in one
 * transaction (all or nothing) and as one step to undo. Accepting the suggested plan sets
 * the suggested objective, tactics and service tier that @changes does not set itself.
 */
gboolean
sc_project_edit_segment (ScProject               *self,
                         gint64                   segment_id,
                         const ScSegmentChanges  *changes,
                         GError                 **error)
{
  g_autoptr(GPtrArray) group = NULL;
  const ScSegmentInfo *info = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail (changes->n_fields <= G_N_ELEMENTS (changes->fields), FALSE);

  if (!require_run (self, error))
    return FALSE;
  for (guint s = 0; s < self->run->n_segments; s++)
    if (self->run->segments[s].id == segment_id)
      info = &self->run->segments[s];
  if (info == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT, _("The segment no longer exists."));
      return FALSE;
    }

  group = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  if (!sc_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < changes->n_fields; i++)
    if (!set_field_part (self, group, segment_id, changes->fields[i], changes->values[i],
                         error))
      goto out;
  if (changes->accept_suggested && !accept_parts (self, group, info, changes, error))
    goto out;
  if (changes->priority > 0 && changes->priority != info->priority &&
      !set_priority_part (self, group, segment_id, changes->priority, error))
    goto out;
  ok = TRUE;

out:
  if (!sc_store_end (self->store, ok, error))
    return FALSE;
  return push_group (self, group, error);
}

gboolean
sc_project_set_segment_priority (ScProject  *self,
                                 gint64      segment_id,
                                 guint       rank,
                                 GError    **error)
{
  g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  return require_run (self, error) &&
         set_priority_part (self, group, segment_id, rank, error) &&
         push_group (self, group, error);
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

/* The worker half of a reshape, run by the facade's task runner (sc-project.c). */
static gpointer
reshape_work (ScStore       *store,
              gpointer       input,
              ScJob         *job,
              GCancellable  *cancellable,
              GError       **error)
{
  ReshapeData *data = input;
  gint64 after = 0;

  switch (data->kind)
    {
    case SC_RESHAPE_MERGE:
      after = sc_edit_merge (store, data->run, data->positions, data->n_positions, cancellable,
                             error);
      break;
    case SC_RESHAPE_SPLIT:
      if (data->n_positions == 1)
        after = sc_edit_split (store, data->run, data->positions[0], cancellable, error);
      else
        g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT, _("Choose one segment to split."));
      break;
    case SC_RESHAPE_MOVE_CUSTOMERS:
      if (data->n_positions == 1)
        after = sc_edit_move_customers (store, data->run, data->customers, data->n_customers,
                                        data->positions[0], cancellable, error);
      else
        g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                     _("Choose the segment to move the customers to."));
      break;
    case SC_RESHAPE_FOLD_OUTLIERS:
      after = sc_edit_fold_outliers (store, data->run, cancellable, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return after != 0 ? g_memdup2 (&after, sizeof after) : NULL;
}

static void
reshape_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ScProject *self = SC_PROJECT (source);
  g_autoptr(GTask) outer = user_data;
  ReshapeData *data = _sc_project_task_get_input (result);
  g_autofree gint64 *after = NULL;
  GError *error = NULL;

  _sc_project_set_busy (self, FALSE);

  after = _sc_project_run_finish (self, result, reshape_work, &error);
  if (after == NULL ||
      !push_run_edit (self, data->run->id, *after, reshape_label (data->kind), &error))
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

  _sc_project_set_busy (self, TRUE);

  /* The runner lets a worker's own result count even if the cancellable fires at the end:
   * a run saved just then is current in the file and must get its undo step. */
  _sc_project_run_async (self, reshape_work, reshape_work, data,
                         (GDestroyNotify) reshape_data_free, g_free, NULL, cancellable,
                         reshape_done, g_steal_pointer (&outer));
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

static gboolean apply (ScProject  *self,
                       Edit       *edit,
                       gboolean    forward,
                       GError    **error);

/* A group is one transaction both ways, like the command that made it. */
static gboolean
apply_group (ScProject  *self,
             Edit       *edit,
             gboolean    forward,
             GError    **error)
{
  gboolean ok = TRUE;

  if (!sc_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; ok && i < edit->parts->len; i++)
    {
      Edit *part = g_ptr_array_index (edit->parts, forward ? i : edit->parts->len - 1 - i);

      ok = apply (self, part, forward, error);
    }
  return sc_store_end (self->store, ok, error);
}

static gboolean
apply (ScProject  *self,
       Edit       *edit,
       gboolean    forward,
       GError    **error)
{
  switch (edit->kind)
    {
    case EDIT_GROUP:
      return apply_group (self, edit, forward, error);
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
    case EDIT_STATE:
      return edit->apply_state (self->store, forward ? edit->state_after : edit->state_before,
                                error);
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

  if (!_sc_project_check_not_busy (self, error))
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
  _sc_project_notify_history (self);
  return _sc_project_reload (self, edit_parts (edit), error);
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


/* ------------------------------------------------------------------------------------------ */
/* Finding a customer to move                                                                  */

static gpointer
find_customer_work (ScStore       *store,
                    gpointer       key,
                    ScJob         *job,
                    GCancellable  *cancellable,
                    GError       **error)
{
  guint32 customer;

  if (!sc_edit_find_customer (store, key, &customer, error))
    return NULL;
  return g_memdup2 (&customer, sizeof customer);
}

/**
 * sc_project_find_customer_async:
 * @key: a customer key as imported
 *
 * sc_project_find_customer() in a worker.
 */
void
sc_project_find_customer_async (ScProject           *self,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (self));
  g_return_if_fail (key != NULL);

  _sc_project_run_async (self, sc_project_find_customer_async, find_customer_work,
                         g_strdup (key), g_free, g_free, NULL, cancellable, callback,
                         user_data);
}

/**
 * sc_project_find_customer_finish:
 * @customer: (out): the dense id
 *
 * Returns: %FALSE with @error set when no customer has that key
 */
gboolean
sc_project_find_customer_finish (ScProject     *self,
                                 GAsyncResult  *result,
                                 guint32       *customer,
                                 GError       **error)
{
  g_autofree guint32 *found = NULL;

  found = _sc_project_run_finish (self, result, sc_project_find_customer_async, error);
  if (found == NULL)
    return FALSE;
  if (customer != NULL)
    *customer = *found;
  return TRUE;
}
