/* seg-window-actions.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window's "win." actions and when they are enabled.  Pages and the import wizard reach
 * the window only through these (win.segment-with, win.open-imported, win.show-page …), so
 * that they depend on no window type: the dependency points from the window down. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-changes-dialog.h"
#include "seg-import-wizard.h"
#include "seg-run-params.h"
#include "seg-window-private.h"

/* A new project is not created over one that a window shows or imports into. */
static gboolean
on_project_file_in_use (SegImportWizard *wizard,
                        const char      *path,
                        gpointer         user_data)
{
  SegWindow *self = user_data;

  return _seg_window_find_holder (self, path) != NULL;
}

/* Opens the import wizard, or brings the open one forward, with the files given. */
static void
open_import_wizard (SegWindow *self,
                    GSList    *files)
{
  SegImportWizard *wizard = NULL;
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  if (self->job != NULL || self->closed)
    return;

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (SEG_IS_IMPORT_WIZARD (l->data) &&
        seg_import_wizard_get_window (l->data) == GTK_WINDOW (self) &&
        gtk_widget_get_visible (l->data))
      wizard = l->data;

  if (wizard == NULL)
    {
      wizard = seg_import_wizard_new (GTK_WINDOW (self), self->project);
      g_signal_connect_object (wizard, "project-file-in-use",
                               G_CALLBACK (on_project_file_in_use), self, 0);
    }
  if (files != NULL)
    seg_import_wizard_add_files (wizard, files);
  gtk_window_present (GTK_WINDOW (wizard));
}

static gboolean
on_files_dropped (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  SegWindow     *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = list != NULL ? gdk_file_list_get_files (list) : NULL;

  if (files == NULL || self->job != NULL)
    return FALSE;

  open_import_wizard (self, files);
  return TRUE;
}

static void
import_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  open_import_wizard (SEG_WINDOW (user_data), NULL);
}

/* win.import-files(as): the wizard with the files of these URIs, as if they were dropped on
 * the window.  Scripts and the accessibility tests use it: the file chooser is another
 * program's (the portal's) window. */
static void
import_files_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  g_autofree const char **uris = g_variant_get_strv (param, NULL);
  g_autoslist(GFile) files = NULL;

  for (guint i = 0; uris[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_uri (uris[i]));
  open_import_wizard (SEG_WINDOW (user_data), files);
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  SegWindow *self = user_data;
  g_autoptr(GFile) sample_dir = seg_window_dup_sample_dir ();
  g_autoptr(GFile) project_file = seg_window_dup_sample_project_file ();
  g_autoptr(GFile) transactions = g_file_get_child (sample_dir, "transactions.csv");
  g_autoptr(GFile) customers = g_file_get_child (sample_dir, "customers.csv");
  g_autoptr(GFile) interactions = g_file_get_child (sample_dir, "interactions.csv");
  g_autoptr(GFile) folder = g_file_get_parent (project_file);
  g_autofree char *project_path = g_file_get_path (project_file);
  GtkWindow *holder = _seg_window_find_holder (self, project_path);
  g_autoptr(GError) error = NULL;

  /* The sample is made anew in the window that has it open, if any. */
  if (holder != NULL && holder != GTK_WINDOW (self))
    {
      gtk_window_present (holder);
      if (!seg_window_is_busy (SEG_WINDOW (holder)))
        gtk_widget_activate_action (GTK_WIDGET (holder), "win.open-sample", NULL);
      return;
    }

  if (!g_file_make_directory_with_parents (folder, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      _seg_window_show_error (self, _("Could Not Create the Project"), error);
      return;
    }

  seg_window_import (self, project_file, transactions, customers,
                     g_file_query_exists (interactions, NULL) ? interactions : NULL);
  if (self->job != NULL)
    adw_status_page_set_title (self->progress_page, _("Importing Sample Data"));
}

static void
segment_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  SegWindow *self = user_data;

  g_return_if_fail (self->project != NULL && self->job == NULL);

  seg_window_segment (self, NULL);
}

/* The import wizard asks to show the project it created, which an empty window does. */
static void
open_imported_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  SegWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (param, NULL));

  if (seg_window_is_empty (self))
    seg_window_open_project (self, file, FALSE);
}

/* Pages ask for a segmentation with parameters of their own through this action. */
static void
segment_with_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  SegWindow *self = user_data;
  ScRunParams params;

  if (self->project == NULL || self->job != NULL ||
      !seg_run_params_from_variant (param, &params))
    return;

  seg_window_segment (self, &params);
}


static void
on_undo_toast_dismissed (SegWindow *self,
                         AdwToast  *toast)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

/* The overlay queues a toast behind the one shown: an "Undid …" would stay its full time
 * after a quick redo, saying what is no longer true.  The newer step retitles the toast
 * still up rather than dismissing it: in libadwaita 1.2 dismissing a toast during its
 * show animation and adding another lets the animation's end free the toast widget twice
 * (ui-editor's quick undo/redo crashed that way). */
static void
show_undo_toast (SegWindow  *self,
                 const char *title)
{
  AdwToast *toast;

  if (self->undo_toast != NULL)
    {
      adw_toast_set_title (self->undo_toast, title);
      return;
    }
  toast = adw_toast_new (title);
  self->undo_toast = toast;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Undo and redo differ in the project call and the words; the label is copied first
 * because the step it names is gone afterwards. */
static void
undo_or_redo (SegWindow *self,
              gboolean   redo)
{
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (self->project == NULL || seg_segments_page_is_working (self->segments_page))
    return;

  /* Text typed but not saved yet is an edit of its own, and the one to undo first. */
  if (!redo)
    seg_segments_page_commit (self->segments_page);
  label = g_strdup (redo ? sc_project_get_redo_label (self->project)
                         : sc_project_get_undo_label (self->project));
  if (label == NULL)
    return;
  done = redo ? sc_project_redo (self->project, &error) : sc_project_undo (self->project, &error);
  if (!done)
    {
      _seg_window_show_error (self, redo ? _("Could Not Redo") : _("Could Not Undo"), error);
      return;
    }
  /* Translators: %s is what was undone or redone: "Undid Rename", "Redid Rename" */
  title = g_strdup_printf (redo ? _("Redid %s") : _("Undid %s"), label);
  show_undo_toast (self, title);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  undo_or_redo (user_data, FALSE);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  undo_or_redo (user_data, TRUE);
}

static void
cancel_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  SegWindow *self = user_data;

  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
}

static void
close_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static void
show_page_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  SegWindow *self = user_data;
  const char *name = g_variant_get_string (param, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
changes_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  SegWindow *self = user_data;

  g_return_if_fail (self->project != NULL);

  gtk_window_present (GTK_WINDOW (seg_changes_dialog_new (GTK_WINDOW (self), self->project)));
}

static void
on_snapshot_taken (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SegWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (seg_changes_take_snapshot_finish (result, &error) < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _seg_window_show_error (self, _("Could Not Take a Snapshot"), error);
      return;
    }
  if (!self->closed)
    _seg_window_show_toast (self, _("Snapshot taken"));
}

static void
snapshot_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  SegWindow *self = user_data;

  g_return_if_fail (self->project != NULL);

  seg_changes_take_snapshot (GTK_WINDOW (self), self->project, NULL, on_snapshot_taken,
                             g_object_ref (self));
}

static void
refresh_database_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  _seg_window_refresh_database (SEG_WINDOW (user_data));
}

static const GActionEntry win_entries[] = {
  { "import", import_action },
  { "import-files", import_files_action, "as" },
  { "open-sample", open_sample_action },
  { "segment", segment_action },
  { "segment-with", segment_with_action, SEG_RUN_PARAMS_VARIANT_TYPE },
  { "open-imported", open_imported_action, "s" },
  { "undo", undo_action },
  { "redo", redo_action },
  { "cancel", cancel_action },
  { "close", close_action },
  { "show-page", show_page_action, "s" },
  { "changes", changes_action },
  { "snapshot", snapshot_action },
  { "refresh-database", refresh_database_action },
};

static void
set_action_enabled (SegWindow  *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_seg_window_update_actions (SegWindow *self)
{
  gboolean busy = self->job != NULL;

  set_action_enabled (self, "import", !busy);
  set_action_enabled (self, "import-files", !busy);
  set_action_enabled (self, "open-sample", !busy);
  set_action_enabled (self, "segment", !busy && self->project != NULL &&
                                       sc_project_get_has_data (self->project));
  set_action_enabled (self, "segment-with", !busy && self->project != NULL &&
                                            sc_project_get_has_data (self->project));
  set_action_enabled (self, "cancel", busy);
  set_action_enabled (self, "show-page", !busy && self->project != NULL);
  set_action_enabled (self, "changes", !busy && self->project != NULL &&
                                       sc_project_get_run (self->project) != NULL);
  set_action_enabled (self, "snapshot", !busy && self->project != NULL &&
                                        sc_project_get_run (self->project) != NULL);
  set_action_enabled (self, "refresh-database", !busy && _seg_window_has_database (self));

  {
    gboolean editable = !busy && self->project != NULL && !sc_project_get_busy (self->project);
    const char *undo = self->project != NULL ? sc_project_get_undo_label (self->project) : NULL;
    const char *redo = self->project != NULL ? sc_project_get_redo_label (self->project) : NULL;
    g_autofree char *undo_tip = NULL;
    g_autofree char *redo_tip = NULL;

    set_action_enabled (self, "undo", editable && undo != NULL);
    set_action_enabled (self, "redo", editable && redo != NULL);
    /* Translators: a tooltip naming what undo would undo: "Undo Rename" */
    undo_tip = undo != NULL ? g_strdup_printf (_("Undo %s"), undo) : g_strdup (_("Undo"));
    /* Translators: a tooltip naming what redo would redo: "Redo Rename" */
    redo_tip = redo != NULL ? g_strdup_printf (_("Redo %s"), redo) : g_strdup (_("Redo"));
    gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
    gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
    gtk_widget_set_visible (self->undo_button, self->project != NULL);
    gtk_widget_set_visible (self->redo_button, self->project != NULL);
  }
}

/**
 * _seg_window_init_actions:
 *
 * Adds the "win." actions, and the drop target that hands files to the import wizard.
 */
void
_seg_window_init_actions (SegWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);

  /* Files dropped anywhere on the window, the empty state included, go to the wizard. */
  g_signal_connect (target, "drop", G_CALLBACK (on_files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
