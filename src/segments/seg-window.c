/* seg-window.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A window shows one of three pages: the empty state (no project), the progress of a job
 * (an import followed by a segmentation, or a segmentation alone), or a project.
 *
 * An import always fills a new project file.  While the job runs the project being filled
 * is "pending" and the window keeps its current project; only when the import has
 * succeeded does the pending project become the window's.  The file is created, closed and
 * imported into by its path (pending_path), so that the import writes its rows once, and
 * opened (pending) for the segmentation that follows.  A failed or cancelled import rolls
 * back inside the core, and the pending file, which then holds nothing, is removed.
 * Job callbacks hold a reference to the window and check `closed`, because a window that
 * is closed while a job runs cancels the job but is finalized only after the callback.
 *
 * The "win." actions, through which pages and the import wizard ask the window for work,
 * are in seg-window-actions.c. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-changes-dialog.h"
#include "seg-format.h"
#include "seg-import-project.h"
#include "seg-project-loader.h"
#include "seg-stall-probe.h"
#include "seg-types.h"
#include "seg-widget-util.h"
#include "seg-window-private.h"

G_DEFINE_FINAL_TYPE (SegWindow, seg_window, ADW_TYPE_APPLICATION_WINDOW)

static void score_new_data (SegWindow *self);

void
_seg_window_show_error (SegWindow  *self,
            const char *heading,
            GError     *error)
{
  if (!self->closed)
    seg_show_error_dialog (GTK_WINDOW (self), heading, error->message);
}

void
_seg_window_show_toast (SegWindow  *self,
            const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GApplication *
get_application (SegWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  /* A closed window has left its application, which it may still hold for a job. */
  return app != NULL ? app : self->application;
}

/* The application keeps the recent projects; a window tells it through its app actions,
 * which also reach it from a closed window. */
static void
update_recent (SegWindow  *self,
               const char *path,
               gboolean    add)
{
  GApplication *app = get_application (self);
  const char *action = add ? "add-recent" : "remove-recent";

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), action))
    g_action_group_activate_action (G_ACTION_GROUP (app), action, g_variant_new_string (path));
}

/**
 * _seg_window_find_holder:
 * @path: a project file
 *
 * Returns: (transfer none) (nullable): the window of the application that shows the
 *   project at @path or imports into it, this one included
 */
GtkWindow *
_seg_window_find_holder (SegWindow  *self,
                         const char *path)
{
  GApplication *app = get_application (self);

  return GTK_IS_APPLICATION (app) ? seg_window_find_holder (GTK_APPLICATION (app), path)
                                  : NULL;
}

/* Replacing a file that another window has open would pull it from under that window. */
static gboolean
check_not_open_elsewhere (SegWindow   *self,
                          const char  *path,
                          GError     **error)
{
  GtkWindow *holder = _seg_window_find_holder (self, path);

  if (holder != NULL && holder != GTK_WINDOW (self))
    {
      g_autofree char *base = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("“%s” is open in another window. Close that window first."), base);
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Showing the project                                                                        */

static void
update_title (SegWindow *self)
{
  if (self->project != NULL)
    {
      g_autofree char *title = sc_project_dup_title (self->project);
      /* Translators: the window title, "project name — Segments" */
      g_autofree char *window_title = g_strdup_printf (_("%s — Segments"), title);

      adw_view_switcher_title_set_title (self->switcher_title, title);
      gtk_window_set_title (GTK_WINDOW (self), window_title);
    }
  else
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Segments"));
      gtk_window_set_title (GTK_WINDOW (self), _("Segments"));
    }
}

static void update_figures (SegWindow *self);

static void
on_summary_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SegWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gboolean loaded = sc_project_load_summary_finish (SC_PROJECT (source), result, &error);

  /* A load that was cancelled and replaced may still have finished: it leaves the newer
   * load's cancellable be. */
  if (seg_project_load_is_dropped (result, error))
    return;
  /* A project closed or replaced meanwhile (created again at the same path, say) is not
   * shown, and its files may be gone: what its load found does not matter. */
  if (self->closed || SC_PROJECT (source) != self->project)
    return;
  if (!loaded)
    {
      /* A file removed meanwhile (by another program, or a test cleaning up) is not worth
       * a warning: the next reload says it is gone. */
      if (g_file_test (sc_project_get_path (SC_PROJECT (source)), G_FILE_TEST_EXISTS))
        g_warning ("Could not sum the key figures: %s", error->message);
      return;
    }
  g_clear_object (&self->summary_cancellable);
  update_figures (self);
}

/* The sums behind the key figures read every customer: a worker sums them while the
 * Overview shows the rest. */
static void
update_figures (SegWindow *self)
{
  SegKeyFigures figures = { 0, };
  g_autofree char *title = NULL;

  if (self->project == NULL)
    return;

  title = sc_project_dup_title (self->project);
  figures.customers = sc_project_get_n_customers (self->project);
  figures.transactions = sc_project_get_n_transactions (self->project);
  if (self->summary_cancellable != NULL)
    g_cancellable_cancel (self->summary_cancellable);
  g_clear_object (&self->summary_cancellable);
  if (sc_project_get_summary_known (self->project))
    figures.has_summary = sc_project_get_summary (self->project, &figures.first_day,
                                                  &figures.last_day, &figures.revenue,
                                                  &figures.orders);
  else
    {
      figures.loading = TRUE;
      self->summary_cancellable = g_cancellable_new ();
      sc_project_load_summary_async (self->project, self->summary_cancellable,
                                     on_summary_loaded, g_object_ref (self));
    }
  seg_overview_page_set_figures (self->overview_page, title, &figures);
}

/* Only new data changes the key figures, which sum every customer's orders: an edit of the
 * segments leaves them be. */
static void
on_project_changed (SegWindow *self,
                    guint      parts)
{
  guint64 n_transactions = sc_project_get_n_transactions (self->project);
  gboolean appended = n_transactions > self->seen_transactions;

  self->seen_transactions = n_transactions;
  /* The brief may change the currency the revenue card reads in. */
  if (parts & (SC_PROJECT_PART_DATA | SC_PROJECT_PART_BRIEF))
    update_figures (self);
  _seg_window_update_actions (self);

  /* New orders in a segmented project (the import wizard adds to the shown project): the
   * customers, new ones included, are scored against the segments people worked on. */
  if (appended && sc_project_get_run (self->project) != NULL && self->job == NULL &&
      !self->closed)
    score_new_data (self);
}

static void
update_page (SegWindow *self)
{
  const char *page;

  if (self->job != NULL)
    page = "progress";
  else if (self->project != NULL)
    page = "project";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (self->main_stack, page);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title,
                                                     g_str_equal (page, "project"));
  _seg_window_update_actions (self);
}

static void
set_project (SegWindow *self,
             ScProject *project)
{
  GListModel *segments;

  if (self->project == project)
    return;

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
      g_signal_handlers_disconnect_by_func (self->project, _seg_window_update_actions, self);
    }

  g_set_object (&self->project, project);
  self->seen_transactions = project != NULL ? sc_project_get_n_transactions (project) : 0;

  if (self->project != NULL)
    {
      g_signal_connect_object (self->project, "changed-parts",
                               G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
      /* Undo and redo follow the project's history and wait while it is busy. */
      g_signal_connect_object (self->project, "notify::can-undo",
                               G_CALLBACK (_seg_window_update_actions), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->project, "notify::can-redo",
                               G_CALLBACK (_seg_window_update_actions), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->project, "notify::busy",
                               G_CALLBACK (_seg_window_update_actions), self, G_CONNECT_SWAPPED);
      update_recent (self, sc_project_get_path (self->project), TRUE);
      adw_view_stack_set_visible_child_name (self->view_stack, "overview");
      /* A project in a folder that takes no working files opens for reading only; say so
       * before a change fails. */
      if (sc_project_get_read_only (self->project))
        _seg_window_show_toast (self, _("Read only: this project’s folder cannot be changed. "
                                        "Copy the project to a folder you can change to edit "
                                        "it."));
    }

  segments = self->project != NULL ? sc_project_get_segments (self->project) : NULL;
  seg_overview_page_set_segments (self->overview_page, segments);
  seg_selection_set_position (self->selection, -1);
  seg_overview_page_set_project (self->overview_page, self->project, self->selection);
  seg_explore_page_set_project (self->explore_page, self->project, self->selection);
  seg_segments_page_set_project (self->segments_page, self->project, self->selection);
  _seg_window_pages_set_project (self);

  update_title (self);
  update_figures (self);
  update_page (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Jobs                                                                                       */

static void
start_job (SegWindow  *self,
           const char *title)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  g_assert (self->job == NULL);

  self->job = sc_job_new ();
  self->job_cancellable = g_cancellable_new ();
  /* The message under the title, where it wraps: in the bar it kept the window wider than
   * a phone at large text (issue 19); the bar shows the percentage. */
  seg_job_progress_bind_to (self->job_bindings, self->job, self->progress_bar,
                            self->progress_page, "description");

  /* Keeps the main loop, and so the job's callback, alive after the last window closes:
   * the callback removes what a cancelled import leaves behind. */
  if (app != NULL)
    {
      g_application_hold (app);
      g_set_object (&self->application, app);
      self->holds_application = TRUE;
    }

  adw_status_page_set_title (self->progress_page, title);
  update_page (self);
}

/* How a job that failed ends: a cancel in a toast, anything else in a dialog under @heading;
 * nothing once the window is closed. */
static void
show_job_error (SegWindow  *self,
                GError     *error,
                const char *cancelled,
                const char *heading)
{
  if (self->closed)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _seg_window_show_toast (self, cancelled);
  else
    _seg_window_show_error (self, heading, error);
}

/* Also runs after the window was closed, when its widgets are gone. */
static void
end_job (SegWindow *self)
{
  seg_job_progress_unbind (self->job_bindings);
  g_clear_object (&self->job);
  g_clear_object (&self->job_cancellable);

  if (self->holds_application)
    {
      self->holds_application = FALSE;
      g_application_release (G_APPLICATION (self->application));
    }

  if (self->closed)
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  adw_status_page_set_description (self->progress_page, NULL);
  update_page (self);
}

void
_seg_window_start_job (SegWindow  *self,
                       const char *title)
{
  start_job (self, title);
}

void
_seg_window_end_job (SegWindow *self)
{
  end_job (self);
}

static void
on_potential_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SegWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Data without repeat purchases supports no value model; the grid then says so and the
   * rest of the project works as before, so only other failures are worth a word. */
  if (!sc_project_estimate_potential_finish (SC_PROJECT (source), result, &error) &&
      !self->closed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (error, SC_ERROR, SC_ERROR_FIT) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    _seg_window_show_toast (self, error->message);
}

static gboolean
is_sample_project (ScProject *project)
{
  g_autoptr(GFile) sample = seg_window_dup_sample_project_file ();
  g_autoptr(GFile) file = g_file_new_for_path (sc_project_get_path (project));

  return g_file_equal (sample, file);
}

static void
on_segment_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SegWindow) self = user_data;
  ScProject *project = SC_PROJECT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = g_steal_pointer (&self->import_summary);
  gboolean from_import = self->pending == project;
  gint64 rerun_from = self->rerun_from;

  self->rerun_from = 0;
  sc_project_segment_finish (project, result, &error);

  /* After an import the data is in the project even when segmenting did not work out, so
   * the project is shown all the same; its pages then offer to segment. */
  if (from_import)
    {
      g_autoptr(ScProject) pending = g_steal_pointer (&self->pending);

      if (self->closed)
        update_recent (self, sc_project_get_path (pending), TRUE);
      else
        {
          set_project (self, pending);
          /* A new project starts from its brief; the sample opens on what it shows. */
          if (!sc_project_get_has_brief (pending) && !is_sample_project (pending))
            adw_view_stack_set_visible_child_name (self->view_stack, "brief");
        }
    }

  end_job (self);

  if (error != NULL)
    show_job_error (self, error, _("Segmentation cancelled"), _("Could Not Segment the Data"));
  else if (summary != NULL && !self->closed)
    _seg_window_show_toast (self, summary);
  else if (!from_import && !self->closed && project == self->project)
    seg_segments_page_show_rerun_result (self->segments_page, rerun_from);

  /* Fresh segments from new data: estimate value and potential in the background so the
   * grid and the report show them without a further click. */
  if (error == NULL && from_import && !self->closed)
    sc_project_estimate_potential_async (project, self->background, on_potential_done,
                                         g_object_ref (self));
}

/* params: NULL for the defaults */
static void
start_segment (SegWindow         *self,
               ScProject         *project,
               const ScRunParams *params)
{
  const ScRun *run = sc_project_get_run (project);
  ScRunParams defaults;

  if (params == NULL)
    {
      sc_run_params_init (&defaults);
      params = &defaults;
    }
  self->rerun_from = project == self->project && run != NULL ? run->id : 0;
  adw_status_page_set_title (self->progress_page, _("Segmenting Customers"));
  sc_job_update (self->job, 0.0, _("Finding groups of similar customers…"));
  sc_project_segment_async (project, params, self->job, self->job_cancellable,
                            on_segment_done, g_object_ref (self));
}

static void
on_score_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SegWindow) self = user_data;
  g_autoptr(ScDrift) drift = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  seg_changes_score_finish (SC_PROJECT (source), result, &drift, &error);
  end_job (self);
  if (self->closed)
    return;

  if (error != NULL)
    {
      show_job_error (self, error, _("Scoring cancelled: the segments are as they were"),
                      _("Could Not Score the New Data"));
      return;
    }

  toast = seg_changes_drift_toast_new (drift);
  if (toast == NULL)
    toast = adw_toast_new (_("New data scored: no segment changed noticeably"));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
score_new_data (SegWindow *self)
{
  start_job (self, _("Scoring New Data"));
  sc_job_update (self->job, 0.0, _("Assigning customers to the current segments…"));
  seg_changes_score_async (self->project, self->job, self->job_cancellable, on_score_done,
                           g_object_ref (self));
}

static char *
format_import_summary (const ScImportReport *report)
{
  g_autofree char *customers = seg_format_count (report->project_customers);
  g_autofree char *transactions = seg_format_count (report->project_transactions);
  guint64 rejected = 0;

  for (guint i = 0; i < SC_N_REJECT_REASONS; i++)
    rejected += report->rejected[i];

  if (rejected > 0)
    {
      g_autofree char *skipped = seg_format_count (rejected);

      /* Translators: the %s are numbers of customers, transactions and rows */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Imported %s customers and %s transactions; "
                                           "%s row could not be read",
                                           "Imported %s customers and %s transactions; "
                                           "%s rows could not be read",
                                           rejected),
                              customers, transactions, skipped);
    }

  /* Translators: the %s are numbers of customers and transactions */
  return g_strdup_printf (_("Imported %s customers and %s transactions"), customers, transactions);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SegWindow) self = user_data;
  g_autofree char *path = g_steal_pointer (&self->pending_path);
  g_autoptr(ScImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = sc_project_import_path_finish (result, &error);

  if (report == NULL)
    {
      /* The core rolled back: the project made for the import holds nothing worth keeping. */
      seg_import_discard_path (path);
      end_job (self);

      show_job_error (self, error, _("Import cancelled"), _("Could Not Import the Data"));
      return;
    }

  g_free (self->import_summary);
  self->import_summary = format_import_summary (report);

  /* Opened only now: the import had the file to itself. */
  self->pending = sc_project_open (path, FALSE, &error);
  if (self->pending == NULL)
    {
      end_job (self);
      if (!self->closed)
        _seg_window_show_error (self, _("Could Not Open the Project"), error);
      return;
    }

  if (self->closed || g_cancellable_is_cancelled (self->job_cancellable))
    {
      g_autoptr(ScProject) pending = g_steal_pointer (&self->pending);

      /* The import itself made it: keep the project, unsegmented. */
      update_recent (self, sc_project_get_path (pending), TRUE);
      if (!self->closed)
        set_project (self, pending);
      end_job (self);
      return;
    }

  start_segment (self, self->pending, NULL);
}

/**
 * seg_window_import:
 * @project_file: where to create the project; a file there is replaced
 * @transactions_file: the orders or transactions table
 * @customers_file: (nullable): a customer list
 * @interactions_file: (nullable): interactions (e-mail opens, web visits, …)
 *
 * Creates a project at @project_file, imports the files into it with detected columns,
 * segments it and shows it.  Progress shows in the window; errors in a dialog.
 */
void
seg_window_import (SegWindow *self,
                   GFile     *project_file,
                   GFile     *transactions_file,
                   GFile     *customers_file,
                   GFile     *interactions_file)
{
  g_autofree char *project_path = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(GError) error = NULL;
  ScImportOptions options;

  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (project_file));
  g_return_if_fail (G_IS_FILE (transactions_file));
  g_return_if_fail (customers_file == NULL || G_IS_FILE (customers_file));
  g_return_if_fail (self->job == NULL);

  project_path = g_file_get_path (project_file);
  if (project_path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Projects can only be saved in local folders."));
      _seg_window_show_error (self, _("Could Not Create the Project"), error);
      return;
    }

  /* The window's own project may be the one being replaced. */
  if (!check_not_open_elsewhere (self, project_path, &error))
    {
      _seg_window_show_error (self, _("Could Not Create the Project"), error);
      return;
    }
  if (self->project != NULL && g_str_equal (sc_project_get_path (self->project), project_path))
    set_project (self, NULL);

  if (!sc_project_delete_files (project_path, &error) ||
      (project = sc_project_open (project_path, TRUE, &error)) == NULL)
    {
      _seg_window_show_error (self, _("Could Not Create the Project"), error);
      return;
    }
  /* Closed again: the import's own connection is then the only one to the file and writes
   * its rows once (sc_project_import_path_async(), as the import wizard does). */
  g_clear_object (&project);

  sc_import_options_init (&options);
  options.transactions_path = g_file_get_path (transactions_file);
  options.customers_path = customers_file != NULL ? g_file_get_path (customers_file) : NULL;
  options.interactions_path = interactions_file != NULL ? g_file_get_path (interactions_file)
                                                        : NULL;

  self->pending_path = g_steal_pointer (&project_path);
  start_job (self, _("Importing Data"));
  sc_project_import_path_async (self->pending_path, &options, self->job, self->job_cancellable,
                                on_import_done, g_object_ref (self));
  sc_import_options_clear (&options);
}

/* ------------------------------------------------------------------------------------------ */
/* Recent projects                                                                            */

static char *
dup_display_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (g_str_has_prefix (dir, home) && (dir[home_len] == '/' || dir[home_len] == '\0'))
    return g_strconcat ("~", dir + home_len, NULL);

  return g_filename_display_name (dir);
}

static void
rebuild_recent (SegWindow *self)
{
  g_auto(GStrv) paths = NULL;
  GtkWidget *child;
  guint n = 0;

  if (self->closed)
    return;

  paths = g_settings_get_strv (self->settings, "recent-projects");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);
      g_autofree char *title = NULL;
      g_autofree char *folder = dup_display_folder (paths[i]);
      g_autofree char *folder_markup = g_markup_escape_text (folder, -1);
      GtkWidget *row;

      if (!g_path_is_absolute (paths[i]))
        continue;

      if (g_str_has_suffix (base, SC_PROJECT_EXTENSION) &&
          strlen (base) > strlen (SC_PROJECT_EXTENSION))
        base[strlen (base) - strlen (SC_PROJECT_EXTENSION)] = '\0';
      title = g_markup_escape_text (base, -1);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder_markup);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (paths[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      n++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), n > 0);
}

static void
on_recent_activated (SegWindow     *self,
                     GtkListBoxRow *row)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  g_autoptr(GFile) file = NULL;

  if (path == NULL || self->job != NULL)
    return;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *message = g_strdup_printf (_("“%s” was moved or deleted"), base);

      _seg_window_show_toast (self, message);
      update_recent (self, path, FALSE);
      return;
    }

  file = g_file_new_for_path (path);
  seg_window_open_project (self, file, FALSE);
}

/* ------------------------------------------------------------------------------------------ */

static gboolean
seg_window_close_request (GtkWindow *window)
{
  SegWindow *self = SEG_WINDOW (window);
  int width, height;

  self->closed = TRUE;
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);

  /* The default size follows the window as it is resized, except while it is maximized:
   * then it still holds the size to restore. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (seg_window_parent_class)->close_request (window);
}

static void
seg_window_dispose (GObject *object)
{
  SegWindow *self = SEG_WINDOW (object);

  self->closed = TRUE;
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
  g_cancellable_cancel (self->background);
  if (self->summary_cancellable != NULL)
    g_cancellable_cancel (self->summary_cancellable);
  g_clear_object (&self->summary_cancellable);
  seg_job_progress_unbind (self->job_bindings);
  _seg_window_dispose_pages (self);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_clear_object (&self->project);
  g_clear_object (&self->selection);
  g_clear_object (&self->pending);
  g_clear_object (&self->settings);

  /* libadwaita 1.2 crashes when a view switcher outlives the pages of its stack. */
  if (self->page_switcher != NULL)
    seg_page_switcher_set_stack (self->page_switcher, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_WINDOW);

  G_OBJECT_CLASS (seg_window_parent_class)->dispose (object);
}

static void
seg_window_finalize (GObject *object)
{
  SegWindow *self = SEG_WINDOW (object);

  g_clear_object (&self->job);
  g_clear_object (&self->job_cancellable);
  g_clear_object (&self->background);
  g_clear_object (&self->application);
  g_free (self->import_summary);
  /* Kept past dispose: the import's callback, which holds the window, needs it. */
  g_free (self->pending_path);

  G_OBJECT_CLASS (seg_window_parent_class)->finalize (object);
}

static void
seg_window_class_init (SegWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = seg_window_dispose;
  object_class->finalize = seg_window_finalize;
  window_class->close_request = seg_window_close_request;

  g_type_ensure (SEG_TYPE_OVERVIEW_PAGE);
  g_type_ensure (SEG_TYPE_EXPLORE_PAGE);
  g_type_ensure (SEG_TYPE_SEGMENTS_PAGE);
  g_type_ensure (SEG_TYPE_PAGE_SWITCHER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SegWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, page_switcher);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, progress_page);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, explore_page);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, segments_page);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, brief_slot);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, report_slot);
  gtk_widget_class_bind_template_child (widget_class, SegWindow, hypotheses_slot);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);

  /* Bound to the window rather than the application: a focused text field handles Ctrl+Z
   * itself first, undoing typing rather than a saved edit. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
}

static void
seg_window_init (SegWindow *self)
{
  self->selection = seg_selection_new ();
  self->background = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  _seg_window_init_actions (self);
  _seg_window_init_pages (self);
  seg_stall_probe_install (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->empty_page, APP_ID);

  /* The application opens no window without its schema. */
  self->settings = seg_settings_new ();
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (rebuild_recent), self, G_CONNECT_SWAPPED);
  rebuild_recent (self);

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  update_title (self);
  update_page (self);
}

/**
 * seg_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new window, owned by @application
 */
SegWindow *
seg_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (SEG_TYPE_WINDOW, "application", application, NULL);
}

/**
 * seg_window_segment:
 * @params: (nullable): the settings, %NULL for the defaults
 *
 * Segments the shown project again, with progress in the window.  The new run keeps the
 * names and plans of segments that match earlier ones; the Segments page says which did
 * not.  Undo brings the earlier segments back.
 */
void
seg_window_segment (SegWindow         *self,
                    const ScRunParams *params)
{
  g_return_if_fail (SEG_IS_WINDOW (self));
  g_return_if_fail (self->project != NULL && self->job == NULL);

  seg_segments_page_commit (self->segments_page);
  start_job (self, _("Segmenting Customers"));
  start_segment (self, self->project, params);
}

/**
 * seg_window_get_project:
 *
 * Returns: (transfer none) (nullable): the project shown
 */
ScProject *
seg_window_get_project (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);

  return self->project;
}

/**
 * seg_window_is_busy:
 *
 * Returns: whether an import or a segmentation runs in this window
 */
gboolean
seg_window_is_busy (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);

  return self->job != NULL;
}

/**
 * seg_window_is_empty:
 *
 * Returns: whether the window shows no project and runs no job, so that it can take one
 */
gboolean
seg_window_is_empty (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);

  return self->project == NULL && self->job == NULL;
}

/**
 * seg_window_holds_project:
 * @path: a project file
 *
 * Returns: whether the window shows the project at @path or is importing into it
 */
gboolean
seg_window_holds_project (SegWindow  *self,
                          const char *path)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return (self->project != NULL && g_str_equal (sc_project_get_path (self->project), path)) ||
         (self->pending != NULL && g_str_equal (sc_project_get_path (self->pending), path)) ||
         g_strcmp0 (self->pending_path, path) == 0;
}

/**
 * seg_window_find_holder:
 * @application: the application whose windows to look at
 * @path: a project file
 *
 * Returns: (transfer none) (nullable): the window that shows the project at @path or is
 *   importing into it
 */
GtkWindow *
seg_window_find_holder (GtkApplication *application,
                        const char     *path)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (SEG_IS_WINDOW (l->data) && seg_window_holds_project (l->data, path))
      return l->data;

  return NULL;
}

/**
 * seg_window_get_page_name:
 *
 * Returns: "empty", "progress" or "project"
 */
const char *
seg_window_get_page_name (SegWindow *self)
{
  g_return_val_if_fail (SEG_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

static gboolean
wake_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The project is created again at its own path: its files go first.  SQLite, closing the
 * last connection to a file, removes the "-wal" and "-shm" beside its path, which by then
 * would be the new project's, so every connection of the old one must be closed before.
 * Loads still running for it (cancelled now) hold it until they return; the window waits
 * for them, a few seconds at most. */
static void
drop_project_before_replacing (SegWindow *self)
{
  ScProject *old = self->project;
  gboolean timed_out = FALSE;
  guint timeout;

  g_object_add_weak_pointer (G_OBJECT (old), (gpointer *) &old);
  set_project (self, NULL);
  timeout = g_timeout_add_seconds (10, wake_up, &timed_out);
  while (old != NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (old != NULL)
    {
      g_warning ("The project replaced is still in use: its files are removed anyway");
      g_object_remove_weak_pointer (G_OBJECT (old), (gpointer *) &old);
    }
  if (!timed_out)
    g_source_remove (timeout);
}

/**
 * seg_window_open_project:
 * @file: a project file
 * @create: create a new, empty project at @file, replacing a file there
 *
 * Errors are shown in a dialog.
 *
 * Returns: whether the project is now shown
 */
gboolean
seg_window_open_project (SegWindow *self,
                         GFile     *file,
                         gboolean   create)
{
  g_autofree char *path = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(GError) error = NULL;
  const char *heading = create ? _("Could Not Create the Project")
                               : _("Could Not Open the Project");

  g_return_val_if_fail (SEG_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->job == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Projects can only be opened from local folders."));
      _seg_window_show_error (self, heading, error);
      return FALSE;
    }

  if (!check_not_open_elsewhere (self, path, &error))
    {
      if (!create)
        {
          gtk_window_present (_seg_window_find_holder (self, path));
          return FALSE;
        }
      _seg_window_show_error (self, heading, error);
      return FALSE;
    }

  if (create)
    {
      if (self->project != NULL && g_str_equal (sc_project_get_path (self->project), path))
        drop_project_before_replacing (self);

      if (!sc_project_delete_files (path, &error))
        {
          _seg_window_show_error (self, heading, error);
          return FALSE;
        }
    }
  else if (self->project != NULL && g_str_equal (sc_project_get_path (self->project), path))
    return TRUE;

  project = sc_project_open (path, create, &error);
  if (project == NULL)
    {
      _seg_window_show_error (self, heading, error);
      return FALSE;
    }

  set_project (self, project);
  return TRUE;
}

/**
 * seg_window_dup_sample_dir:
 *
 * Returns: (transfer full): the folder of the sample data: the installed copy, or the one
 *   in the source tree when running uninstalled
 */
GFile *
seg_window_dup_sample_dir (void)
{
  g_autofree char *installed = g_build_filename (SAMPLE_DATADIR, "transactions.csv", NULL);

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_file_new_for_path (SAMPLE_DATADIR);

  return g_file_new_for_path (SOURCE_SAMPLE_DATADIR);
}

/**
 * seg_window_dup_sample_project_file:
 *
 * Returns: (transfer full): where "Open Sample Data" keeps its project
 */
GFile *
seg_window_dup_sample_project_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "segments",
                                            "Sample" SC_PROJECT_EXTENSION, NULL);

  return g_file_new_for_path (path);
}
