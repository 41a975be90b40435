/* seg-changes-dialog.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "What Changed": the project's snapshots, and what moved between two states of the
 * segments — per-segment drift with its flags and reasons, the migration matrix, the
 * biggest moves and each segment's figures over time.
 *
 * Everything that touches the project file runs in a worker of the project: listing,
 * comparing, taking and deleting snapshots.  A load (sc_project_compare_async()) reads the
 * list, resolves which two states to compare (by default the latest snapshot and the
 * current segments), loads or captures both, computes the drift and loads the impact
 * series; the main thread then only builds the migration and fills widgets from the
 * finished result.  Choosing other states cancels a running load and starts a new one;
 * closing the dialog cancels whatever runs.
 *
 * The rows of the drift list are built in seg-drift-row.c; the window's helpers for taking
 * a snapshot with a label and scoring new data live in seg-changes-score.c. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-changes-dialog.h"
#include "seg-changes-private.h"
#include "seg-format.h"
#include "seg-impact-chart.h"
#include "seg-migration-chart.h"
#include "seg-widget-util.h"

struct _SegChangesDialog
{
  AdwWindow            parent_instance;

  /* template */
  AdwToastOverlay     *toast_overlay;
  GtkSpinner          *spinner;
  GtkListBox          *snapshot_list;
  AdwPreferencesGroup *compare_group;
  AdwComboRow         *from_row;
  AdwComboRow         *to_row;
  GtkStack            *result_stack;
  AdwStatusPage       *message_page;
  GtkLabel            *summary_label;
  GtkListBox          *drift_list;
  SegMigrationChart   *migration_chart;
  GtkBox              *flows_box;
  GtkDropDown         *measure_dropdown;
  SegImpactChart      *impact_chart;

  ScProject           *project;
  GCancellable        *load_cancellable;   /* the running load; cancelled on close too */
  GCancellable        *cancellable;        /* takes and deletes; cancelled on close */
  GArray              *infos;              /* of ScSnapshotInfo, from the last load */
  ScDrift             *drift;              /* of the last load, or NULL */
  gint64               from_id;            /* the state chosen before: 0 for the latest */
  gint64               to_id;              /* after: 0 for the current segments */
  guint                n_tasks;            /* loads, takes and deletes running */
  guint                updating : 1;       /* filling the rows, not a choice of the user */
  guint                closed : 1;         /* widgets may be gone: callbacks only clean up */
};

G_DEFINE_FINAL_TYPE (SegChangesDialog, seg_changes_dialog, ADW_TYPE_WINDOW)

static void start_load (SegChangesDialog *self);

/* ------------------------------------------------------------------------------------------ */
/* Small helpers                                                                              */

static void
task_started (SegChangesDialog *self)
{
  self->n_tasks++;
  gtk_spinner_set_spinning (self->spinner, TRUE);
}

static void
task_ended (SegChangesDialog *self)
{
  g_assert (self->n_tasks > 0);
  self->n_tasks--;
  if (!self->closed)
    gtk_spinner_set_spinning (self->spinner, self->n_tasks > 0);
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            GError     *error)
{
  seg_show_error_dialog (parent, heading, error->message);
}

static void
show_toast (SegChangesDialog *self,
            const char       *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* "23 Nov 2026, 14:05" in local time, from the UTC ISO 8601 the core writes. */
static char *
format_taken (const char *created_at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (created_at == NULL)
    return g_strdup ("–");
  utc = g_date_time_new_from_iso8601 (created_at, NULL);
  if (utc == NULL)
    return g_strdup (created_at);
  local = g_date_time_to_local (utc);
  /* Translators: when a snapshot was taken, as in "23 Nov 2026, 14:05"; see strftime(3) */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static const ScSnapshotInfo *
find_info (SegChangesDialog *self,
           gint64            id)
{
  for (guint i = 0; self->infos != NULL && i < self->infos->len; i++)
    if (g_array_index (self->infos, ScSnapshotInfo, i).id == id)
      return &g_array_index (self->infos, ScSnapshotInfo, i);
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Filling the widgets                                                                        */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
describe_snapshot (const ScSnapshotInfo *info)
{
  g_autofree char *as_of = seg_format_day (info->as_of);
  g_autofree char *customers = seg_format_count (info->n_segmented);
  g_autofree char *taken = format_taken (info->created_at);
  g_autofree char *segments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment",
                                                            "%u segments", info->n_segments),
                                               info->n_segments);

  if (info->auto_taken)
    /* Translators: a snapshot's details: as-of date, "5 segments", customers, when taken */
    return g_strdup_printf (_("As of %s · %s · %s customers · kept automatically on %s"),
                            as_of, segments, customers, taken);
  /* Translators: a snapshot's details: as-of date, "5 segments", customers, when taken */
  return g_strdup_printf (_("As of %s · %s · %s customers · taken on %s"),
                          as_of, segments, customers, taken);
}

static void
fill_snapshots (SegChangesDialog *self)
{
  clear_list (self->snapshot_list);

  if (self->infos == NULL || self->infos->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No snapshots yet"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->snapshot_list, row);
      return;
    }

  /* Newest first: the one people look for. */
  for (guint i = self->infos->len; i-- > 0;)
    {
      const ScSnapshotInfo *info = &g_array_index (self->infos, ScSnapshotInfo, i);
      g_autofree char *title = g_markup_escape_text (info->label != NULL ? info->label : "", -1);
      g_autofree char *details = describe_snapshot (info);
      g_autofree char *subtitle = g_markup_escape_text (details, -1);
      /* Translators: the accessible name of a button deleting the snapshot named %s */
      g_autofree char *delete_name = g_strdup_printf (_("Delete “%s”"), info->label);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Delete Snapshot"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      delete_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "changes.delete-snapshot");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_int64 (info->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      g_object_set_data_full (G_OBJECT (row), "snapshot-id", g_memdup2 (&info->id, sizeof info->id),
                              g_free);
      gtk_list_box_append (self->snapshot_list, row);
    }
}

static char *
state_name (const ScSnapshotInfo *info)
{
  g_autofree char *as_of = seg_format_day (info->as_of);

  /* Translators: a snapshot in the compare lists: its label and as-of date */
  return g_strdup_printf (_("%s (as of %s)"), info->label, as_of);
}

static void
fill_compare_rows (SegChangesDialog *self,
                   gint64            from_id,
                   gint64            to_id)
{
  g_autoptr(GtkStringList) from_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) to_model = gtk_string_list_new (NULL);
  guint n = self->infos != NULL ? self->infos->len : 0;
  guint from_index = 0, to_index = n;

  for (guint i = 0; i < n; i++)
    {
      const ScSnapshotInfo *info = &g_array_index (self->infos, ScSnapshotInfo, i);
      g_autofree char *name = state_name (info);

      gtk_string_list_append (from_model, name);
      gtk_string_list_append (to_model, name);
      if (info->id == from_id)
        from_index = i;
      if (info->id == to_id)
        to_index = i;
    }
  gtk_string_list_append (to_model, _("Current segments"));

  self->updating = TRUE;
  adw_combo_row_set_model (self->from_row, G_LIST_MODEL (from_model));
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (to_model));
  adw_combo_row_set_selected (self->from_row, from_index);
  adw_combo_row_set_selected (self->to_row, to_index);
  self->updating = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_group), n > 0);
}

static char *
describe_side (GArray     *infos,
               gint64      id,
               ScDay       as_of)
{
  g_autofree char *day = seg_format_day (as_of);

  for (guint i = 0; id != 0 && i < infos->len; i++)
    if (g_array_index (infos, ScSnapshotInfo, i).id == id)
      /* Translators: one side of a comparison: a snapshot label and its as-of date */
      return g_strdup_printf (_("“%s” (as of %s)"),
                              g_array_index (infos, ScSnapshotInfo, i).label, day);
  /* Translators: one side of a comparison: the current segments and their as-of date */
  return g_strdup_printf (_("the current segments (as of %s)"), day);
}

static void
fill_result (SegChangesDialog *self,
             ScComparison     *comparison)
{
  const ScDrift *d = comparison->drift;
  ScMigration *migration = sc_migration_new (d, comparison->from, comparison->to);
  g_autofree char *from = describe_side (self->infos, d->from_id, d->from_as_of);
  g_autofree char *to = describe_side (self->infos, d->to_id, d->to_as_of);
  g_autofree char *summary = NULL;
  GtkWidget *child, *heading;

  if (d->n_flagged > 0)
    {
      g_autofree char *flagged = seg_changes_format_flagged (d->n_flagged);

      /* Translators: "2 segments changed noticeably from “Q1” (as of …) to the current
       * segments (as of …)." */
      summary = g_strdup_printf (_("%s from %s to %s."), flagged, from, to);
    }
  else
    /* Translators: the two sides of a comparison */
    summary = g_strdup_printf (_("No segment changed noticeably from %s to %s."), from, to);
  gtk_label_set_text (self->summary_label, summary);

  clear_list (self->drift_list);
  for (guint i = 0; i < d->n_segments; i++)
    gtk_list_box_append (self->drift_list, _seg_drift_row_new (&d->segments[i], migration));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flows_box))) != NULL)
    gtk_box_remove (self->flows_box, child);
  heading = gtk_label_new (d->n_flows > 0 ? _("Biggest moves")
                                          : _("No customers moved between segments."));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, d->n_flows > 0 ? "heading" : "dim-label");
  gtk_box_append (self->flows_box, heading);
  for (guint i = 0; i < d->n_flows; i++)
    {
      /* Translators: an item of the list of biggest moves between segments */
      g_autofree char *text = g_strdup_printf (_("• %s"), d->flows[i].text);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->flows_box, label);
    }

  seg_migration_chart_set_migration (self->migration_chart, migration);
  seg_impact_chart_set_impact (self->impact_chart, g_steal_pointer (&comparison->impact));

  g_clear_pointer (&self->drift, sc_drift_free);
  self->drift = g_steal_pointer (&comparison->drift);
  gtk_stack_set_visible_child_name (self->result_stack, "result");
}

static void
show_message (SegChangesDialog *self,
              const char       *title,
              const char       *message)
{
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, message);
  gtk_stack_set_visible_child_name (self->result_stack, "message");
  g_clear_pointer (&self->drift, sc_drift_free);
  seg_migration_chart_set_migration (self->migration_chart, NULL);
  seg_impact_chart_set_impact (self->impact_chart, NULL);
}

/* The message shown instead of a comparison, and why. */
static void
show_status (SegChangesDialog *self,
             ScComparison     *comparison)
{
  switch (comparison->status)
    {
    case SC_COMPARISON_NO_SNAPSHOTS:
      show_message (self, _("No Snapshots Yet"),
                    comparison->has_run
                    ? _("Take a snapshot to compare the segments with it later. "
                        "One is also kept automatically when new data is scored "
                        "or the segments are made again.")
                    : _("Segment the data first: snapshots freeze segments."));
      break;
    case SC_COMPARISON_NO_CURRENT:
      show_message (self, _("No Current Segments"),
                    _("Segment the data to compare the current segments with a "
                      "snapshot, or choose another snapshot after it."));
      break;
    case SC_COMPARISON_SAME_STATE:
      show_message (self, _("Choose Two Different States"),
                    _("The same snapshot is chosen before and after."));
      break;
    case SC_COMPARISON_DONE:
    default:
      g_assert_not_reached ();
    }
}

static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SegChangesDialog) self = user_data;
  g_autoptr(ScComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;

  task_ended (self);
  comparison = sc_project_compare_finish (SC_PROJECT (source), result, &error);
  if (comparison == NULL)
    {
      /* A newer load replaced this one, or the dialog is closing. */
      if (self->closed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_message (self, _("Could Not Read the Snapshots"), error->message);
      return;
    }
  if (self->closed)
    return;

  g_clear_object (&self->load_cancellable);

  g_clear_pointer (&self->infos, g_array_unref);
  self->infos = g_steal_pointer (&comparison->infos);
  fill_snapshots (self);
  fill_compare_rows (self, comparison->from_id, comparison->to_id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.take-snapshot",
                                 comparison->has_run);

  if (comparison->status != SC_COMPARISON_DONE)
    show_status (self, comparison);
  else
    fill_result (self, comparison);
}

static void
start_load (SegChangesDialog *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  task_started (self);
  /* The project is the task's source object, never a widget: the worker may drop the task
   * last. The callback holds the dialog and lets go on the main thread. */
  sc_project_compare_async (self->project, self->from_id, self->to_id, self->load_cancellable,
                            on_load_done, g_object_ref (self));
}

static void
on_compare_changed (SegChangesDialog *self)
{
  guint from = adw_combo_row_get_selected (self->from_row);
  guint to = adw_combo_row_get_selected (self->to_row);
  guint n = self->infos != NULL ? self->infos->len : 0;

  if (self->updating || n == 0)
    return;

  self->from_id = from < n ? g_array_index (self->infos, ScSnapshotInfo, from).id : 0;
  self->to_id = to < n ? g_array_index (self->infos, ScSnapshotInfo, to).id : 0;
  start_load (self);
}

static void
on_measure_changed (SegChangesDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->measure_dropdown);

  if (selected < SC_IMPACT_N_MEASURES)
    seg_impact_chart_set_measure (self->impact_chart, (ScImpactMeasure) selected);
}

/* ------------------------------------------------------------------------------------------ */
/* Taking and deleting snapshots                                                              */

static void
on_snapshot_taken (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SegChangesDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  task_ended (self);
  if (seg_changes_take_snapshot_finish (result, &error) < 0)
    {
      if (!self->closed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (GTK_WINDOW (self), _("Could Not Take a Snapshot"), error);
      return;
    }

  if (self->closed)
    return;
  show_toast (self, _("Snapshot taken"));
  start_load (self);
}

static void
take_snapshot_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SegChangesDialog *self = SEG_CHANGES_DIALOG (widget);

  task_started (self);
  seg_changes_take_snapshot (GTK_WINDOW (self), self->project, self->cancellable,
                             on_snapshot_taken, g_object_ref (self));
}

/* What a deletion's callback needs: the dialog, held until then, and the snapshot. */
typedef struct
{
  SegChangesDialog *self;
  gint64            id;
} DeleteCall;

static void
on_snapshot_deleted (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autofree DeleteCall *call = user_data;
  g_autoptr(SegChangesDialog) self = call->self;
  g_autoptr(GError) error = NULL;
  gboolean deleted;

  deleted = sc_project_delete_snapshot_finish (SC_PROJECT (source), result, &error);
  task_ended (self);
  if (self->closed)
    return;
  if (!deleted)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (GTK_WINDOW (self), _("Could Not Delete the Snapshot"), error);
      return;
    }

  if (self->from_id == call->id)
    self->from_id = 0;
  if (self->to_id == call->id)
    self->to_id = 0;
  show_toast (self, _("Snapshot deleted"));
  start_load (self);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SegChangesDialog *self)
{
  DeleteCall *call;

  if (!g_str_equal (response, "delete"))
    return;

  call = g_new0 (DeleteCall, 1);
  call->self = g_object_ref (self);
  call->id = *(const gint64 *) g_object_get_data (G_OBJECT (dialog), "snapshot-id");

  task_started (self);
  sc_project_delete_snapshot_async (self->project, call->id, self->cancellable,
                                    on_snapshot_deleted, call);
}

static void
delete_snapshot_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SegChangesDialog *self = SEG_CHANGES_DIALOG (widget);
  gint64 id = g_variant_get_int64 (param);
  const ScSnapshotInfo *info = find_info (self, id);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (info == NULL)
    return;

  /* Translators: %s is a snapshot's label */
  body = g_strdup_printf (_("“%s” will be removed from the project for good. The current "
                            "segments stay as they are."), info->label);
  dialog = seg_question_dialog_new (GTK_WINDOW (self), _("Delete Snapshot?"), body,
                                    "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "snapshot-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------------------------ */

static gboolean
seg_changes_dialog_close_request (GtkWindow *window)
{
  SegChangesDialog *self = SEG_CHANGES_DIALOG (window);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);

  return GTK_WINDOW_CLASS (seg_changes_dialog_parent_class)->close_request (window);
}

static void
seg_changes_dialog_dispose (GObject *object)
{
  SegChangesDialog *self = SEG_CHANGES_DIALOG (object);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_CHANGES_DIALOG);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (seg_changes_dialog_parent_class)->dispose (object);
}

static void
seg_changes_dialog_finalize (GObject *object)
{
  SegChangesDialog *self = SEG_CHANGES_DIALOG (object);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->infos, g_array_unref);
  g_clear_pointer (&self->drift, sc_drift_free);

  G_OBJECT_CLASS (seg_changes_dialog_parent_class)->finalize (object);
}

static void
seg_changes_dialog_class_init (SegChangesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = seg_changes_dialog_dispose;
  object_class->finalize = seg_changes_dialog_finalize;
  window_class->close_request = seg_changes_dialog_close_request;

  g_type_ensure (SEG_TYPE_MIGRATION_CHART);
  g_type_ensure (SEG_TYPE_IMPACT_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/"
                                               "seg-changes-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, snapshot_list);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, compare_group);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, result_stack);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, message_page);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, drift_list);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, migration_chart);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, flows_box);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, impact_chart);

  gtk_widget_class_install_action (widget_class, "changes.take-snapshot", NULL,
                                   take_snapshot_action);
  gtk_widget_class_install_action (widget_class, "changes.delete-snapshot", "x",
                                   delete_snapshot_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seg_changes_dialog_init (SegChangesDialog *self)
{
  g_autoptr(GtkStringList) measures = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (ScImpactMeasure m = 0; m < SC_IMPACT_N_MEASURES; m++)
    gtk_string_list_append (measures, sc_impact_measure_label (m));
  gtk_drop_down_set_model (self->measure_dropdown, G_LIST_MODEL (measures));
  g_signal_connect_object (self->measure_dropdown, "notify::selected",
                           G_CALLBACK (on_measure_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_row, "notify::selected",
                           G_CALLBACK (on_compare_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_row, "notify::selected",
                           G_CALLBACK (on_compare_changed), self, G_CONNECT_SWAPPED);

  seg_chart_set_export_name (SEG_CHART (self->migration_chart), _("Segment migration"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.take-snapshot", FALSE);
  gtk_stack_set_visible_child_name (self->result_stack, "message");
  adw_status_page_set_title (self->message_page, _("Reading the Snapshots…"));
}

/**
 * seg_changes_dialog_new:
 * @parent: the window it belongs to
 * @project: the project whose snapshots it shows
 *
 * Returns: (transfer none): a new dialog, modal to @parent, comparing the latest snapshot
 *   with the current segments; present it with gtk_window_present()
 */
SegChangesDialog *
seg_changes_dialog_new (GtkWindow *parent,
                        ScProject *project)
{
  SegChangesDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SC_IS_PROJECT (project), NULL);

  self = g_object_new (SEG_TYPE_CHANGES_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  start_load (self);
  return self;
}

/**
 * seg_changes_dialog_compare:
 * @from_id: the earlier snapshot, 0 for the latest
 * @to_id: the later snapshot, 0 for the current segments
 *
 * Compares two other states, as choosing them in the dialog does.
 */
void
seg_changes_dialog_compare (SegChangesDialog *self,
                            gint64            from_id,
                            gint64            to_id)
{
  g_return_if_fail (SEG_IS_CHANGES_DIALOG (self));

  self->from_id = from_id;
  self->to_id = to_id;
  start_load (self);
}

/**
 * seg_changes_dialog_is_loading:
 *
 * Returns: whether the dialog is reading the project
 */
gboolean
seg_changes_dialog_is_loading (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), FALSE);

  return self->n_tasks > 0;
}

/**
 * seg_changes_dialog_get_n_snapshots:
 *
 * Returns: the snapshots listed
 */
guint
seg_changes_dialog_get_n_snapshots (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), 0);

  return self->infos != NULL ? self->infos->len : 0;
}

/**
 * seg_changes_dialog_get_snapshot_id:
 * @index: a snapshot, oldest first
 *
 * Returns: its id
 */
gint64
seg_changes_dialog_get_snapshot_id (SegChangesDialog *self,
                                    guint             index)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), 0);
  g_return_val_if_fail (self->infos != NULL && index < self->infos->len, 0);

  return g_array_index (self->infos, ScSnapshotInfo, index).id;
}

/**
 * seg_changes_dialog_get_drift:
 *
 * Returns: (transfer none) (nullable): the drift shown, %NULL when there is none
 */
const ScDrift *
seg_changes_dialog_get_drift (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), NULL);

  return self->drift;
}

/**
 * seg_changes_dialog_get_migration:
 *
 * Returns: (transfer none) (nullable): the migration the chart shows
 */
const ScMigration *
seg_changes_dialog_get_migration (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), NULL);

  return seg_migration_chart_get_migration (self->migration_chart);
}

/**
 * seg_changes_dialog_get_impact:
 *
 * Returns: (transfer none) (nullable): the series the impact chart shows
 */
const ScImpact *
seg_changes_dialog_get_impact (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), NULL);

  return seg_impact_chart_get_impact (self->impact_chart);
}
