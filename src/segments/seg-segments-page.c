/* seg-segments-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The segment editor: the list (priority), the value × potential grid and the details of
 * the selected segment.  The three are views; every change they ask for goes through the
 * page's editor.* actions, which call the project and report problems, so that errors
 * are shown in one way and keyboard, mouse and menus do the same thing.
 *
 * Field and priority edits are quick and run at once.  Edits that change who is in which
 * segment (merge, split, move, fold) recompute profiles over all customers, so they run in
 * a worker (sc_project_reshape_async); meanwhile the project is busy and the editor says
 * so.  The details of a run (feature means, what sets segments apart, typical customers)
 * are computed in a worker too, once per run.
 *
 * The selection is a position in the run, and positions change when segments are merged
 * or split: the page follows the selected segment by id and, across runs, by name (names
 * are unique within a run and carried from run to run). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-snapshot.h"
#include "seg-format.h"
#include "seg-grid-chart.h"
#include "seg-rerun-popover.h"
#include "seg-segment-details.h"
#include "seg-segment-list.h"
#include "seg-segments-page.h"
#include "seg-run-params.h"

#define N_EXAMPLES 5

struct _SegSegmentsPage
{
  AdwBin             parent_instance;

  /* template */
  GtkStack          *stack;
  GtkRevealer       *banner_revealer;
  GtkLabel          *banner_label;
  AdwLeaflet        *leaflet;
  SegSegmentList    *list;
  GtkWidget         *content;
  GtkButton         *back_button;
  GtkBox            *busy_box;
  GtkSpinner        *busy_spinner;
  GtkLabel          *busy_label;
  SegGridChart      *grid;
  GtkWidget         *estimate_box;
  SegSegmentDetails *details;
  SegRerunPopover   *rerun_popover;
  GtkMenuButton     *rerun_button;
  GtkMenuButton     *dividers_button;
  GtkSpinButton     *value_spin;
  GtkSpinButton     *potential_spin;

  ScProject         *project;
  SegSelection      *selection;
  GCancellable      *cancellable;          /* workers of this project */
  GCancellable      *details_cancellable;  /* the details worker running, if any */
  gint64             details_run;          /* the run details were asked for */
  gint64             params_run;           /* the run the re-run settings show */
  gint64             selected_id;
  char              *selected_name;
  char              *select_after;         /* a name to select after the next change */
  guint              working;              /* page workers that change the project */
  guint              following : 1;
};

G_DEFINE_FINAL_TYPE (SegSegmentsPage, seg_segments_page, ADW_TYPE_BIN)

static void update_actions (SegSegmentsPage *self);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static const ScRun *
get_run (SegSegmentsPage *self)
{
  return self->project != NULL ? sc_project_get_run (self->project) : NULL;
}

static const ScSegmentInfo *
selected_info (SegSegmentsPage *self)
{
  const ScRun *run = get_run (self);
  int position = self->selection != NULL ? seg_selection_get_position (self->selection) : -1;

  if (run == NULL || position < 0 || (guint) position >= run->n_segments)
    return NULL;
  return &run->segments[position];
}

static int
position_of_name (const ScRun *run,
                  const char  *name)
{
  for (guint s = 0; run != NULL && name != NULL && s < run->n_segments; s++)
    if (g_strcmp0 (run->segments[s].name, name) == 0)
      return (int) s;
  return -1;
}

static void
show_toast (SegSegmentsPage *self,
            const char      *title,
            gboolean         with_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (title);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
show_error (SegSegmentsPage *self,
            const char      *heading,
            const GError    *error)
{
  GtkRoot *root;
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
is_busy (SegSegmentsPage *self)
{
  return self->working > 0 || (self->project != NULL && sc_project_get_busy (self->project));
}

static void
begin_work (SegSegmentsPage *self,
            const char      *message)
{
  self->working++;
  gtk_label_set_text (self->busy_label, message);
  update_actions (self);
}

static void
end_work (SegSegmentsPage *self)
{
  g_assert (self->working > 0);
  self->working--;
  update_actions (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Run details, computed in a worker                                                          */

typedef struct
{
  char         *path;
  ScRun        *run;              /* to describe, or NULL */
  gint64        run_id;
  gint64        carry_over_from;
  ScRunDetails *details;
  ScCarryOver  *carry_over;
} DetailsData;

static void
details_data_free (DetailsData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->run, sc_run_free);
  g_clear_pointer (&data->details, sc_run_details_free);
  g_clear_pointer (&data->carry_over, sc_carry_over_free);
  g_free (data);
}

static void
details_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  DetailsData *data = task_data;
  g_autoptr(ScStore) store = NULL;
  GError *error = NULL;

  store = sc_store_open (data->path, FALSE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (data->run != NULL)
    {
      data->details = sc_edit_describe_run (store, data->run, N_EXAMPLES, cancellable, &error);
      if (data->details == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  if (data->carry_over_from != 0)
    {
      data->carry_over = sc_carry_over_load (store, data->run_id, &error);
      if (data->carry_over == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static char *
describe_carry_over (const ScCarryOver *carry)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GPtrArray) lost = g_ptr_array_new ();
  guint kept = 0;

  for (guint i = 0; i < carry->n_segments; i++)
    {
      if (carry->previous_position[i] >= 0)
        kept++;
      else
        g_ptr_array_add (fresh, carry->names[i]);
    }
  for (guint i = 0; i < carry->n_previous; i++)
    if (!carry->previous_matched[i])
      g_ptr_array_add (lost, carry->previous_names[i]);

  if (kept == carry->n_segments && lost->len == 0)
    return g_strdup (_("Every segment matched one before the new segmentation and kept its "
                       "name, description and plan."));

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u new segments kept the name, description "
                                             "and plan of the segment it mostly consists of.",
                                             "%u of %u new segments kept the name, description "
                                             "and plan of the segment they mostly consist of.",
                                             carry->n_segments),
                          kept, carry->n_segments);
  if (fresh->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (fresh, NULL);
      names = g_strjoinv (_("”, “"), (char **) fresh->pdata);
      g_string_append_c (text, ' ');
      /* Translators: %s is a list of segment names */
      g_string_append_printf (text, _("New, without a match: “%s”."), names);
    }
  if (lost->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (lost, NULL);
      names = g_strjoinv (_("”, “"), (char **) lost->pdata);
      g_string_append_c (text, ' ');
      /* Translators: %s is a list of segment names */
      g_string_append_printf (text, _("No longer a segment of their own: “%s”."), names);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_details_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SegSegmentsPage) self = user_data;
  DetailsData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not describe the segments: %s", error->message);
      return;
    }
  if (self->project == NULL || G_OBJECT (self->project) != source)
    return;

  if (data->details != NULL)
    {
      g_clear_object (&self->details_cancellable);
      seg_segment_details_set_run_details (self->details, g_steal_pointer (&data->details));
    }
  if (data->carry_over != NULL && data->carry_over->previous_run == data->carry_over_from &&
      !data->carry_over->scored)
    {
      g_autofree char *text = describe_carry_over (data->carry_over);

      gtk_label_set_text (self->banner_label, text);
      gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
    }
}

static void
start_details (SegSegmentsPage *self,
               gboolean         describe,
               gint64           carry_over_from)
{
  const ScRun *run = get_run (self);
  g_autoptr(GTask) task = NULL;
  DetailsData *data;

  if (run == NULL || (!describe && carry_over_from == 0))
    return;

  if (describe)
    {
      if (self->details_cancellable != NULL)
        g_cancellable_cancel (self->details_cancellable);
      g_set_object (&self->details_cancellable, g_cancellable_new ());
      self->details_run = run->id;
    }

  data = g_new0 (DetailsData, 1);
  data->path = g_strdup (sc_project_get_path (self->project));
  data->run = describe ? sc_run_copy (run) : NULL;
  data->run_id = run->id;
  data->carry_over_from = carry_over_from;

  task = g_task_new (self->project, describe ? self->details_cancellable : self->cancellable,
                     on_details_done, g_object_ref (self));
  g_task_set_source_tag (task, start_details);
  g_task_set_task_data (task, data, (GDestroyNotify) details_data_free);
  g_task_run_in_thread (task, details_thread);
}

/* ------------------------------------------------------------------------------------------ */
/* Following the project                                                                      */

static void
update_thresholds (SegSegmentsPage *self)
{
  const ScRun *run = get_run (self);

  if (run == NULL)
    return;
  if (isfinite (run->value_threshold))
    gtk_spin_button_set_value (self->value_spin, run->value_threshold);
  if (isfinite (run->potential_threshold))
    gtk_spin_button_set_value (self->potential_spin, run->potential_threshold);
}

static void
update_actions (SegSegmentsPage *self)
{
  const ScRun *run = get_run (self);
  const ScSegmentInfo *info = selected_info (self);
  gboolean busy = is_busy (self);
  gboolean can_edit = run != NULL && !busy;
  gboolean has_outliers = FALSE;
  gboolean has_values = seg_grid_chart_has_values (self->grid);
  guint rank = 0;
  GtkWidget *widget = GTK_WIDGET (self);

  if (info != NULL)
    {
      g_autofree guint *order = sc_run_priority_order (run);

      for (guint i = 0; i < run->n_segments; i++)
        if (order[i] == info->position)
          rank = i + 1;
    }
  for (guint s = 0; run != NULL && s < run->n_segments; s++)
    has_outliers |= run->segments[s].is_outliers;

  gtk_widget_action_set_enabled (widget, "editor.set-field", can_edit);
  gtk_widget_action_set_enabled (widget, "editor.set-priority", can_edit);
  gtk_widget_action_set_enabled (widget, "editor.move-up", can_edit && rank > 1);
  gtk_widget_action_set_enabled (widget, "editor.move-down",
                                 can_edit && rank > 0 && rank < run->n_segments);
  gtk_widget_action_set_enabled (widget, "editor.set-thresholds", can_edit && has_values);
  gtk_widget_action_set_enabled (widget, "editor.apply-thresholds", can_edit && has_values);
  gtk_widget_action_set_enabled (widget, "editor.reset-thresholds", can_edit && has_values);
  gtk_widget_action_set_enabled (widget, "editor.merge",
                                 can_edit && info != NULL && run->n_segments > 1);
  gtk_widget_action_set_enabled (widget, "editor.merge-segments", can_edit);
  gtk_widget_action_set_enabled (widget, "editor.split",
                                 can_edit && info != NULL && !info->is_outliers && info->size > 1);
  gtk_widget_action_set_enabled (widget, "editor.move-customer", can_edit && run->n_segments > 1);
  gtk_widget_action_set_enabled (widget, "editor.move-customer-to", can_edit);
  gtk_widget_action_set_enabled (widget, "editor.fold-outliers", can_edit && has_outliers);
  gtk_widget_action_set_enabled (widget, "editor.estimate",
                                 can_edit && sc_project_get_has_data (self->project));
  gtk_widget_set_sensitive (GTK_WIDGET (self->rerun_button),
                            run != NULL && !busy && sc_project_get_has_data (self->project));
  gtk_widget_set_sensitive (GTK_WIDGET (self->dividers_button), can_edit && has_values);

  gtk_widget_set_visible (GTK_WIDGET (self->busy_box), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->details), !busy);
  gtk_widget_set_visible (self->estimate_box, run != NULL && !has_values);
}

static void
remember_selection (SegSegmentsPage *self)
{
  const ScSegmentInfo *info = selected_info (self);

  self->selected_id = info != NULL ? info->id : 0;
  g_free (self->selected_name);
  self->selected_name = info != NULL ? g_strdup (info->name) : NULL;
}

static void
on_selection_changed (SegSegmentsPage *self)
{
  int position = seg_selection_get_position (self->selection);

  if (!self->following)
    remember_selection (self);
  seg_segment_details_set_position (self->details, position);
  update_actions (self);
}

static void
on_project_changed (SegSegmentsPage *self)
{
  const ScRun *run = get_run (self);
  int position = -1;

  gtk_stack_set_visible_child_name (self->stack, run != NULL ? "editor" : "empty");
  if (run == NULL)
    {
      self->details_run = 0;
      update_actions (self);
      return;
    }

  /* The selected segment, wherever the change put it. */
  if (self->select_after != NULL)
    position = position_of_name (run, self->select_after);
  for (guint s = 0; position < 0 && self->selected_id != 0 && s < run->n_segments; s++)
    if (run->segments[s].id == self->selected_id)
      position = (int) s;
  if (position < 0)
    position = position_of_name (run, self->selected_name);
  g_clear_pointer (&self->select_after, g_free);

  if (self->selection != NULL)
    {
      self->following = TRUE;
      seg_selection_set_position (self->selection, position);
      self->following = FALSE;
    }
  remember_selection (self);
  seg_segment_details_set_position (self->details, position);

  if (run->id != self->details_run)
    start_details (self, TRUE, 0);
  if (run->id != self->params_run)
    {
      self->params_run = run->id;
      seg_rerun_popover_set_params (self->rerun_popover, &run->params);
    }
  update_thresholds (self);
  update_actions (self);
}

static void
on_busy_changed (SegSegmentsPage *self)
{
  gtk_label_set_text (self->busy_label, _("Updating the segments…"));
  update_actions (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Edits                                                                                      */

static void
set_field_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *value = NULL;
  gint64 id;
  int field;

  g_variant_get (parameter, "(xim&s)", &id, &field, &value);
  if (self->project == NULL)
    return;
  if (!sc_project_set_segment_field (self->project, id, (ScSegmentField) field, value, &error))
    show_error (self, _("Could Not Save the Change"), error);
}

static void
set_priority (SegSegmentsPage *self,
              gint64           id,
              guint            rank)
{
  g_autoptr(GError) error = NULL;

  if (!sc_project_set_segment_priority (self->project, id, rank, &error))
    show_error (self, _("Could Not Change the Priority"), error);
}

static void
set_priority_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScRun *run = get_run (self);
  gint64 id;
  guint rank;

  g_variant_get (parameter, "(xu)", &id, &rank);
  if (run == NULL)
    return;

  /* A dragged row is selected, so that it can be followed with the keyboard. */
  for (guint s = 0; s < run->n_segments; s++)
    if (run->segments[s].id == id)
      {
        if (run->segments[s].priority == rank)
          return;
        seg_selection_set_position (self->selection, (int) s);
      }
  set_priority (self, id, rank);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScRun *run = get_run (self);
  const ScSegmentInfo *info = selected_info (self);
  g_autofree guint *order = NULL;
  int delta = g_str_equal (action_name, "editor.move-up") ? -1 : 1;
  guint rank = 0;

  if (info == NULL)
    return;
  order = sc_run_priority_order (run);
  for (guint i = 0; i < run->n_segments; i++)
    if (order[i] == info->position)
      rank = i + 1;
  if (rank == 0 || (delta < 0 && rank == 1) || (delta > 0 && rank == run->n_segments))
    return;
  set_priority (self, info->id, (guint) ((int) rank + delta));
}

static void
set_thresholds_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  double value = NAN, potential = NAN;

  if (parameter != NULL)
    g_variant_get (parameter, "(dd)", &value, &potential);
  else if (g_str_equal (action_name, "editor.apply-thresholds"))
    {
      value = gtk_spin_button_get_value (self->value_spin);
      potential = gtk_spin_button_get_value (self->potential_spin);
    }
  if (self->project == NULL)
    return;
  if (!sc_project_set_thresholds (self->project, value, potential, &error))
    show_error (self, _("Could Not Move the Dividers"), error);
}

/* Structural edits ------------------------------------------------------------------------- */

typedef struct
{
  SegSegmentsPage *self;
  char            *done;         /* the toast when it worked */
  const char      *heading;      /* the error dialog's heading otherwise */
} Reshape;

static void
on_reshape_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Reshape *reshape = user_data;
  g_autoptr(SegSegmentsPage) self = reshape->self;
  g_autofree char *done = reshape->done;
  const char *heading = reshape->heading;
  g_autoptr(GError) error = NULL;

  g_free (reshape);
  end_work (self);

  if (sc_project_reshape_finish (SC_PROJECT (source), result, &error))
    show_toast (self, done, TRUE);
  else
    {
      g_clear_pointer (&self->select_after, g_free);
      show_error (self, heading, error);
    }
}

static void
start_reshape (SegSegmentsPage *self,
               ScReshape        kind,
               const guint     *positions,
               guint            n_positions,
               const guint32   *customers,
               guint            n_customers,
               const char      *select_after,
               char            *done,
               const char      *heading,
               const char      *working)
{
  Reshape *reshape = g_new0 (Reshape, 1);

  /* Text typed for a segment is saved before the segments change under it. */
  seg_segment_details_commit (self->details);

  reshape->self = g_object_ref (self);
  reshape->done = done;
  reshape->heading = heading;
  g_free (self->select_after);
  self->select_after = g_strdup (select_after);
  begin_work (self, working);
  sc_project_reshape_async (self->project, kind, positions, n_positions, customers, n_customers,
                            self->cancellable, on_reshape_done, reshape);
}

/* The segment a merge keeps the fields of, as sc_edit_merge() chooses it. */
static guint
merge_target (const ScRun *run,
              const guint *positions,
              guint        n)
{
  guint target = positions[0];

  for (guint i = 1; i < n; i++)
    {
      const ScSegmentInfo *s = &run->segments[positions[i]];
      const ScSegmentInfo *t = &run->segments[target];

      if ((t->is_outliers && !s->is_outliers) ||
          (s->is_outliers == t->is_outliers &&
           (s->size > t->size || (s->size == t->size && positions[i] < target))))
        target = positions[i];
    }
  return target;
}

static void
merge_positions (SegSegmentsPage *self,
                 const guint     *positions,
                 guint            n)
{
  const ScRun *run = get_run (self);
  guint target;

  if (run == NULL || n < 2)
    return;
  for (guint i = 0; i < n; i++)
    if (positions[i] >= run->n_segments)
      return;
  target = merge_target (run, positions, n);
  start_reshape (self, SC_RESHAPE_MERGE, positions, n, NULL, 0, run->segments[target].name,
                 /* Translators: %s is a segment name */
                 g_strdup_printf (_("Merged into “%s”"), run->segments[target].name),
                 _("Could Not Merge the Segments"), _("Merging segments…"));
}

static void
merge_segments_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  gsize n = 0;
  const guint32 *positions = g_variant_get_fixed_array (parameter, &n, sizeof (guint32));
  g_autofree guint *copy = g_new (guint, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    copy[i] = positions[i];
  merge_positions (self, copy, (guint) n);
}

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   SegSegmentsPage  *self)
{
  GtkListBox *box = g_object_get_data (G_OBJECT (dialog), "seg-list");
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  const ScSegmentInfo *info = selected_info (self);

  if (!g_str_equal (response, "merge") || info == NULL)
    return;

  g_array_append_val (positions, info->position);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "seg-check");
      guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "seg-position"));

      if (check != NULL && gtk_check_button_get_active (check))
        g_array_append_val (positions, position);
    }
  merge_positions (self, (guint *) positions->data, positions->len);
}

static void
on_merge_check_toggled (AdwMessageDialog *dialog)
{
  GtkListBox *box = g_object_get_data (G_OBJECT (dialog), "seg-list");
  gboolean any = FALSE;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "seg-check");

      any |= check != NULL && gtk_check_button_get_active (check);
    }
  adw_message_dialog_set_response_enabled (dialog, "merge", any);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScRun *run = get_run (self);
  const ScSegmentInfo *info = selected_info (self);
  g_autofree guint *order = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *scrolled, *box;

  if (info == NULL)
    return;

  /* Translators: %s is a segment name */
  body = g_strdup_printf (_("Choose the segments to merge with “%s”. The merged segment keeps "
                            "the name and plan of the largest."), info->name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Merge Segments"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Segments to merge"), -1);
  order = sc_run_priority_order (run);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *other = &run->segments[order[i]];
      g_autofree char *count = NULL;
      g_autofree char *size = NULL;
      GtkWidget *row, *check;

      if (other->position == info->position)
        continue;
      count = seg_format_count (other->size);
      size = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers",
                                           other->size), count);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), other->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
      check = gtk_check_button_new ();
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      other->name, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "seg-check", check);
      g_object_set_data (G_OBJECT (row), "seg-position", GUINT_TO_POINTER (other->position));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_merge_check_toggled), dialog);
      gtk_list_box_append (GTK_LIST_BOX (box), row);
    }
  g_object_set_data (G_OBJECT (dialog), "seg-list", box);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScSegmentInfo *info = selected_info (self);
  guint position;

  if (info == NULL)
    return;
  position = info->position;
  /* The larger half keeps the name. */
  start_reshape (self, SC_RESHAPE_SPLIT, &position, 1, NULL, 0, info->name,
                 /* Translators: %s is a segment name */
                 g_strdup_printf (_("Split “%s” in two"), info->name),
                 _("Could Not Split the Segment"), _("Splitting the segment…"));
}

static void
fold_outliers_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScSegmentInfo *info = selected_info (self);

  if (get_run (self) == NULL)
    return;
  start_reshape (self, SC_RESHAPE_FOLD_OUTLIERS, NULL, 0, NULL, 0,
                 info != NULL && !info->is_outliers ? info->name : NULL,
                 g_strdup (_("Outliers folded into the nearest segments")),
                 _("Could Not Fold the Outliers"), _("Folding the outliers…"));
}

/* Moving a customer: find the customer, then move ------------------------------------------ */

typedef struct
{
  char   *path;
  char   *key;
  guint   to;
  guint32 customer;
} FindData;

static void
find_data_free (FindData *data)
{
  g_free (data->path);
  g_free (data->key);
  g_free (data);
}

static void
find_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindData *data = task_data;
  g_autoptr(ScStore) store = NULL;
  GError *error = NULL;

  store = sc_store_open (data->path, FALSE, &error);
  if (store == NULL || !sc_edit_find_customer (store, data->key, &data->customer, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_customer_found (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SegSegmentsPage) self = user_data;
  FindData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  const ScRun *run;
  const ScSegmentInfo *info;

  end_work (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, _("Could Not Move the Customer"), error);
      return;
    }

  run = get_run (self);
  if (run == NULL || SC_PROJECT (source) != self->project || data->to >= run->n_segments)
    return;
  if (data->customer < run->n_customers && run->labels[data->customer] == data->to)
    {
      g_autoptr(GError) same = NULL;

      /* Translators: a customer id, then a segment name */
      same = g_error_new (SC_ERROR, SC_ERROR_INVALID_INPUT, _("“%s” is already in “%s”."),
                          data->key, run->segments[data->to].name);
      show_error (self, _("Could Not Move the Customer"), same);
      return;
    }

  info = selected_info (self);
  start_reshape (self, SC_RESHAPE_MOVE_CUSTOMERS, &data->to, 1, &data->customer, 1,
                 info != NULL ? info->name : NULL,
                 /* Translators: a customer id, then a segment name */
                 g_strdup_printf (_("Moved “%s” to “%s”"), data->key,
                                  run->segments[data->to].name),
                 _("Could Not Move the Customer"), _("Moving the customer…"));
}

static void
move_customer_to (SegSegmentsPage *self,
                  const char      *key,
                  guint            to)
{
  g_autoptr(GTask) task = NULL;
  FindData *data;

  if (self->project == NULL || key == NULL || *key == '\0')
    return;

  data = g_new0 (FindData, 1);
  data->path = g_strdup (sc_project_get_path (self->project));
  data->key = g_strstrip (g_strdup (key));
  data->to = to;

  begin_work (self, _("Finding the customer…"));
  task = g_task_new (self->project, self->cancellable, on_customer_found, g_object_ref (self));
  g_task_set_source_tag (task, move_customer_to);
  g_task_set_task_data (task, data, (GDestroyNotify) find_data_free);
  g_task_run_in_thread (task, find_thread);
}

static void
move_customer_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  const char *key;
  guint to;

  g_variant_get (parameter, "(&su)", &key, &to);
  move_customer_to (SEG_SEGMENTS_PAGE (widget), key, to);
}

static void
on_move_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SegSegmentsPage  *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "seg-entry");
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "seg-dropdown");
  GArray *positions = g_object_get_data (G_OBJECT (dialog), "seg-positions");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (!g_str_equal (response, "move") || selected >= positions->len)
    return;
  move_customer_to (self, gtk_editable_get_text (entry),
                    g_array_index (positions, guint, selected));
}

static void
on_move_entry_changed (AdwMessageDialog *dialog,
                       GtkEditable      *entry)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "move", *key != '\0');
}

static void
move_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);
  const ScRun *run = get_run (self);
  const ScSegmentInfo *info = selected_info (self);
  const char *key = parameter != NULL ? g_variant_get_string (parameter, NULL) : "";
  g_autofree guint *order = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *box, *entry, *dropdown, *label;
  guint initial = 0;

  if (run == NULL)
    return;

  order = sc_run_priority_order (run);
  for (guint i = 0; i < run->n_segments; i++)
    {
      gtk_string_list_append (names, run->segments[order[i]].name);
      g_array_append_val (positions, order[i]);
    }
  /* A customer picked from a segment goes elsewhere; one typed in comes here. */
  for (guint i = 0; info != NULL && i < run->n_segments; i++)
    if ((*key == '\0') == (order[i] == info->position))
      {
        initial = i;
        break;
      }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Move a Customer"),
                                   _("Type the customer’s id as it appears in your files and "
                                     "choose the segment the customer belongs in."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "move", _("_Move"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "move",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "move");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new_with_mnemonic (_("Customer _id"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), key);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);

  label = gtk_label_new_with_mnemonic (_("Move _to"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), initial);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), dropdown);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  g_object_set_data (G_OBJECT (dialog), "seg-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "seg-dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "seg-positions", positions,
                          (GDestroyNotify) g_array_unref);
  on_move_entry_changed (ADW_MESSAGE_DIALOG (dialog), GTK_EDITABLE (entry));
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_move_entry_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_move_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Estimating value and potential ---------------------------------------------------------- */

static void
on_estimate_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SegSegmentsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  end_work (self);
  if (!sc_project_estimate_potential_finish (SC_PROJECT (source), result, &error))
    show_error (self, _("Could Not Estimate Value and Potential"), error);
  else
    {
      /* The details include CLV and P(alive) now. */
      start_details (self, TRUE, 0);
      update_actions (self);
    }
}

static void
estimate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);

  if (self->project == NULL)
    return;
  begin_work (self, _("Estimating value and potential…"));
  sc_project_estimate_potential_async (self->project, self->cancellable, on_estimate_done,
                                       g_object_ref (self));
}

/* Re-running ------------------------------------------------------------------------------- */

static void
on_rerun (SegSegmentsPage *self)
{
  ScRunParams params;

  /* The window segments; it has disabled the action while it is busy. */
  seg_segment_details_commit (self->details);
  seg_rerun_popover_get_params (self->rerun_popover, &params);
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.segment-with",
                                      seg_run_params_to_variant (&params));
}

static void
on_banner_close (SegSegmentsPage *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

/* Navigation on narrow windows ------------------------------------------------------------ */

static void
on_row_activated (SegSegmentsPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
on_back_clicked (SegSegmentsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_segments_page_dispose (GObject *object)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (object);

  seg_segments_page_set_project (self, NULL, NULL);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (seg_segments_page_parent_class)->dispose (object);
}

static void
seg_segments_page_finalize (GObject *object)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (object);

  g_free (self->selected_name);
  g_free (self->select_after);

  G_OBJECT_CLASS (seg_segments_page_parent_class)->finalize (object);
}

static void
seg_segments_page_class_init (SegSegmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_segments_page_dispose;
  object_class->finalize = seg_segments_page_finalize;

  g_type_ensure (SEG_TYPE_SEGMENT_LIST);
  g_type_ensure (SEG_TYPE_SEGMENT_DETAILS);
  g_type_ensure (SEG_TYPE_GRID_CHART);
  g_type_ensure (SEG_TYPE_RERUN_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-segments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, list);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, content);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, grid);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, estimate_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, details);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, rerun_popover);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, rerun_button);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, dividers_button);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, value_spin);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, potential_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_rerun);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_close);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, "editor.set-field", "(xims)", set_field_action);
  gtk_widget_class_install_action (widget_class, "editor.set-priority", "(xu)",
                                   set_priority_action);
  gtk_widget_class_install_action (widget_class, "editor.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "editor.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "editor.set-thresholds", "(dd)",
                                   set_thresholds_action);
  gtk_widget_class_install_action (widget_class, "editor.apply-thresholds", NULL,
                                   set_thresholds_action);
  gtk_widget_class_install_action (widget_class, "editor.reset-thresholds", NULL,
                                   set_thresholds_action);
  gtk_widget_class_install_action (widget_class, "editor.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "editor.merge-segments", "au",
                                   merge_segments_action);
  gtk_widget_class_install_action (widget_class, "editor.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "editor.move-customer", "s",
                                   move_customer_action);
  gtk_widget_class_install_action (widget_class, "editor.move-customer-to", "(su)",
                                   move_customer_to_action);
  gtk_widget_class_install_action (widget_class, "editor.fold-outliers", NULL,
                                   fold_outliers_action);
  gtk_widget_class_install_action (widget_class, "editor.estimate", NULL, estimate_action);
}

static void
seg_segments_page_init (SegSegmentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (seg_segment_list_get_list_box (self->list), "row-activated",
                           G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}

/**
 * seg_segments_page_new:
 *
 * Returns: (transfer floating): a new page without a project
 */
GtkWidget *
seg_segments_page_new (void)
{
  return g_object_new (SEG_TYPE_SEGMENTS_PAGE, NULL);
}

/**
 * seg_segments_page_set_project:
 * @project: (nullable): the project to edit
 * @selection: (nullable): the window's selection
 */
void
seg_segments_page_set_project (SegSegmentsPage *self,
                               ScProject       *project,
                               SegSelection    *selection)
{
  g_return_if_fail (SEG_IS_SEGMENTS_PAGE (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));
  g_return_if_fail (selection == NULL || SEG_IS_SELECTION (selection));

  if (self->project != project)
    {
      if (self->project != NULL)
        {
          seg_segment_details_commit (self->details);
          g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
          g_signal_handlers_disconnect_by_func (self->project, on_busy_changed, self);
        }
      /* Workers of the previous project report to nobody. */
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      if (self->details_cancellable != NULL)
        g_cancellable_cancel (self->details_cancellable);
      g_clear_object (&self->details_cancellable);
      if (self->cancellable != NULL)
        g_set_object (&self->cancellable, g_cancellable_new ());

      g_set_object (&self->project, project);
      self->details_run = 0;
      self->params_run = 0;
      self->selected_id = 0;
      g_clear_pointer (&self->selected_name, g_free);
      g_clear_pointer (&self->select_after, g_free);
      if (self->banner_revealer != NULL)
        gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);

      if (self->project != NULL)
        {
          g_signal_connect_object (self->project, "changed", G_CALLBACK (on_project_changed),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->project, "notify::busy", G_CALLBACK (on_busy_changed),
                                   self, G_CONNECT_SWAPPED);
        }
    }

  if (self->selection != selection)
    {
      if (self->selection != NULL)
        g_signal_handlers_disconnect_by_func (self->selection, on_selection_changed, self);
      g_set_object (&self->selection, selection);
      if (self->selection != NULL)
        g_signal_connect_object (self->selection, "notify::position",
                                 G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
    }

  if (self->details == NULL)
    return;

  /* The views follow the project through their own handlers, connected after the page's:
   * the page puts the selection right first. */
  seg_segment_details_set_project (self->details, project);
  seg_segment_list_set_project (self->list, project, selection);
  seg_chart_set_project (SEG_CHART (self->grid), project);
  seg_chart_set_selection (SEG_CHART (self->grid), selection);

  if (self->project != NULL)
    on_project_changed (self);
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
    }
}

void
seg_segments_page_commit (SegSegmentsPage *self)
{
  g_return_if_fail (SEG_IS_SEGMENTS_PAGE (self));

  seg_segment_details_commit (self->details);
}

void
seg_segments_page_show_rerun_result (SegSegmentsPage *self,
                                     gint64           previous_run)
{
  g_return_if_fail (SEG_IS_SEGMENTS_PAGE (self));

  if (previous_run == 0 || get_run (self) == NULL)
    return;
  start_details (self, FALSE, previous_run);
}

gboolean
seg_segments_page_is_working (SegSegmentsPage *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_PAGE (self), FALSE);

  return is_busy (self);
}
