/* seg-changes-score.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The helpers of issue 10 the window needs beside the What Changed dialog: taking a
 * snapshot with a label asked for (win.snapshot), scoring new data after an import into a
 * segmented project with the drift against the state the scoring replaced
 * (sc_project_score_async()), and the toast that says how much changed. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-changes-dialog.h"
#include "seg-format.h"
#include "seg-widget-util.h"

/**
 * seg_changes_format_flagged:
 * @n_flagged: segments whose drift passed a threshold
 *
 * Returns: (transfer full): "2 segments changed noticeably"
 */
char *
seg_changes_format_flagged (guint n_flagged)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment changed noticeably",
                                       "%u segments changed noticeably", n_flagged),
                          n_flagged);
}

/* ------------------------------------------------------------------------------------------ */
/* Taking a snapshot, with a label asked for                                                  */

/* The outer task has no source object (the caller is a widget); it holds the project, and
 * its answer comes from sc_project_take_snapshot_async(). */
typedef struct
{
  ScProject *project;
  gboolean   answered;
} TakeData;

static void
take_data_free (TakeData *data)
{
  g_clear_object (&data->project);
  g_free (data);
}

static void
on_taken (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gint64 id;

  id = sc_project_take_snapshot_finish (SC_PROJECT (source), result, &error);
  if (id <= 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
}

static void
on_take_response (AdwMessageDialog *dialog,
                  const char       *response,
                  GTask            *task)
{
  TakeData *data = g_task_get_task_data (task);
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  data->answered = TRUE;
  if (!g_str_equal (response, "take"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("No snapshot was taken."));
      return;
    }

  /* An empty label lets the core name it after the day. */
  sc_project_take_snapshot_async (data->project, *label != '\0' ? label : NULL, NULL,
                                  g_task_get_cancellable (task), on_taken,
                                  g_object_ref (task));
}

/* The question can go without an answer, when its parent is destroyed: the caller still
 * hears back. */
static void
take_question_gone (GTask *task)
{
  TakeData *data = g_task_get_task_data (task);

  if (!data->answered)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                             _("No snapshot was taken."));
  g_object_unref (task);
}

/**
 * seg_changes_take_snapshot:
 * @parent: the window asking
 * @project: the project
 * @cancellable: (nullable): cancels the snapshot once it is being taken
 * @callback: called when the snapshot was taken, or not
 * @user_data: for @callback
 *
 * Asks for a label in a dialog modal to @parent, then freezes the current segments in a
 * worker.  Dismissing the dialog ends with %G_IO_ERROR_CANCELLED.
 */
void
seg_changes_take_snapshot (GtkWindow           *parent,
                           ScProject           *project,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  TakeData *data;
  GtkWidget *dialog, *entry;
  g_autofree char *today = NULL;
  g_autofree char *placeholder = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (SC_IS_PROJECT (project));

  data = g_new0 (TakeData, 1);
  data->project = g_object_ref (project);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seg_changes_take_snapshot);
  g_task_set_task_data (task, data, (GDestroyNotify) take_data_free);

  dialog = seg_question_dialog_new (parent, _("Take a Snapshot"),
                                    _("Freeze the current segments, their members and figures, "
                                      "to see later what changed."),
                                    "take", _("_Take Snapshot"), ADW_RESPONSE_SUGGESTED);
  entry = gtk_entry_new ();
  today = seg_format_day ((ScDay) (g_date_time_to_unix (now) / 86400));
  /* Translators: the label a snapshot gets when none is typed, as in "Snapshot 1 Apr 2026" */
  placeholder = g_strdup_printf (_("Snapshot %s"), today);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Snapshot label"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_take_response), task);
  g_object_set_data_full (G_OBJECT (dialog), "seg-take-task", task,
                          (GDestroyNotify) take_question_gone);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/**
 * seg_changes_take_snapshot_finish:
 *
 * Returns: the new snapshot's id, or -1 with @error set
 */
gint64
seg_changes_take_snapshot_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == seg_changes_take_snapshot,
                        -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------ */
/* Scoring new data                                                                           */

/**
 * seg_changes_score_async:
 * @project: a project with segments, into which new data was imported
 * @job: (nullable): receives progress
 * @cancellable: (nullable): cancels the scoring; the project stays as it was
 * @callback: called on the main context when done, with @project as the source
 * @user_data: for @callback
 *
 * sc_project_score_async(): assigns every customer, new ones included, to the nearest
 * current segment (keeping a snapshot of the state it replaces), then measures the drift
 * from that snapshot to the scored segments.
 */
void
seg_changes_score_async (ScProject           *project,
                         ScJob               *job,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (SC_IS_PROJECT (project));
  g_return_if_fail (job == NULL || SC_IS_JOB (job));

  sc_project_score_async (project, job, cancellable, callback, user_data);
}

/**
 * seg_changes_score_finish:
 * @drift: (out) (transfer full) (optional) (nullable): what moved, %NULL when it could not
 *   be measured
 *
 * @project is reloaded on success, so that its pages show the scored segments.
 *
 * Returns: whether the new data was scored
 */
gboolean
seg_changes_score_finish (ScProject     *project,
                          GAsyncResult  *result,
                          ScDrift      **drift,
                          GError       **error)
{
  g_autoptr(ScScoreResult) score = NULL;

  if (drift != NULL)
    *drift = NULL;
  score = sc_project_score_finish (project, result, error);
  if (score == NULL)
    return FALSE;
  if (drift != NULL)
    *drift = g_steal_pointer (&score->drift);
  return TRUE;
}

/**
 * seg_changes_drift_toast_new:
 * @drift: (nullable): what moved, as seg_changes_score_finish() gives it
 *
 * Returns: (transfer full) (nullable): a toast saying how many segments changed
 *   noticeably, with a button opening the What Changed dialog (win.changes); %NULL when
 *   nothing was flagged
 */
AdwToast *
seg_changes_drift_toast_new (const ScDrift *drift)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (drift == NULL || drift->n_flagged == 0)
    return NULL;

  title = seg_changes_format_flagged (drift->n_flagged);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.changes");
  adw_toast_set_timeout (toast, 10);
  return toast;
}
