/* seg-import-wizard-import.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import wizard's last step: the import itself, into the window's project or into a new
 * project file, with progress, Cancel and the summary when it is done.  It is
 * sc_project_import_async() with its own job and cancellable: a cancel or an error rolls back
 * inside the core, and a project file created for it is removed again.  The callback holds
 * the wizard and looks at `closed`: a wizard closed meanwhile has no widgets left to update.
 *
 * A new project is created, closed again and imported into by its path
 * (sc_project_import_path_async()), with no #ScProject of it open until the import has
 * ended: the import's connection then has the file to itself and writes the rows once,
 * through a rollback journal, instead of into the write-ahead log and again into the file
 * (issue 21, store/sc-store-import.c).  The window opens the project afterwards
 * (win.open-imported), as it did before.  A project that is open already keeps the usual
 * way: its window's views hold connections to it. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sc-job.h"
#include "seg-format.h"
#include "seg-import-project.h"
#include "seg-import-wizard-private.h"
#include "seg-widget-util.h"

/* The window disables its import action while a job of its own runs. */
static gboolean
window_is_busy (SegImportWizard *self)
{
  return self->window != NULL && G_IS_ACTION_GROUP (self->window) &&
         g_action_group_has_action (G_ACTION_GROUP (self->window), "import") &&
         !g_action_group_get_action_enabled (G_ACTION_GROUP (self->window), "import");
}


static void
end_import (SegImportWizard *self)
{
  seg_job_progress_unbind (self->import_binding);
  g_clear_object (&self->import_job);
  g_clear_object (&self->import_cancellable);
  self->importing = FALSE;
  if (self->application != NULL)
    {
      g_application_release (self->application);
      g_clear_object (&self->application);
    }
}

/* Appends " " and a sentence. */
G_GNUC_PRINTF (2, 3) static void
append_sentence (GString    *text,
                 const char *format,
                 ...)
{
  va_list args;

  g_string_append_c (text, ' ');
  va_start (args, format);
  g_string_append_vprintf (text, format, args);
  va_end (args);
}

/* Interactions: the rows added and left out, after the orders' sentence. */
static void
append_interactions_done (GString              *text,
                          const ScImportReport *report)
{
  const ScImportRecord *r = &report->interactions;
  g_autofree char *added = seg_format_count (r->rows_accepted);
  g_autofree char *present = seg_format_count (r->already_present);
  g_autofree char *left_out = seg_format_count (r->rows_rejected);

  if (r->kind == NULL)
    return;
  append_sentence (text, g_dngettext (GETTEXT_PACKAGE, "%s interaction was added.",
                                      "%s interactions were added.", r->rows_accepted), added);
  if (r->already_present > 0)
    append_sentence (text, g_dngettext (GETTEXT_PACKAGE, "%s was in the project already.",
                                        "%s were in the project already.", r->already_present),
                     present);
  if (r->rows_rejected > 0)
    append_sentence (text, g_dngettext (GETTEXT_PACKAGE, "%s interaction row was left out.",
                                        "%s interaction rows were left out.",
                                        r->rows_rejected), left_out);
}

/* @segmented: the data went into a project that has segments, whose window places the
 * customers of new orders into them (seg-window.c, score_new_data()). */
static char *
format_done (const ScImportReport *report,
             gboolean              segmented)
{
  g_autofree char *customers = seg_format_count (report->project_customers);
  g_autofree char *transactions = seg_format_count (report->project_transactions);
  g_autofree char *added = seg_format_count (report->transactions.rows_accepted);
  guint64 rejected = report->transactions.rows_rejected + report->customers.rows_rejected;
  g_autoptr(GString) text = g_string_new (NULL);

  if (report->transactions.kind != NULL)
    /* Translators: the %s are numbers */
    g_string_append_printf (text, _("%s rows were added. The project now holds %s customers "
                                    "and %s transactions."), added, customers, transactions);
  else
    /* Translators: the %s are numbers */
    g_string_append_printf (text, _("The project holds %s customers and %s transactions."),
                            customers, transactions);
  append_interactions_done (text, report);
  if (report->transactions.already_present > 0)
    {
      g_autofree char *present = seg_format_count (report->transactions.already_present);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("%s rows were in the project already."), present);
    }
  if (rejected > 0)
    {
      g_autofree char *left_out = seg_format_count (rejected);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%s row was left out.",
                                                 "%s rows were left out.", rejected),
                              left_out);
    }
  g_string_append_c (text, ' ');
  if (!segmented)
    g_string_append (text, _("Segment the customers to see the groups they form."));
  else if (report->transactions.rows_accepted > 0)
    g_string_append (text, _("Their customers are being placed into the current segments; "
                             "the window then says which segments changed."));
  else
    g_string_append (text, _("Nothing new to place: the segments are as they were."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SegImportWizard) self = user_data;
  g_autoptr(ScProject) project = g_steal_pointer (&self->import_project);
  g_autoptr(ScImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_steal_pointer (&self->import_path);
  gboolean cancel_requested = self->import_cancellable != NULL &&
                              g_cancellable_is_cancelled (self->import_cancellable);

  if (project != NULL)
    report = sc_project_import_finish (project, result, &error);
  else
    report = sc_project_import_path_finish (result, &error);
  end_import (self);

  if (report == NULL)
    {
      /* The core rolled back; a project made for this import holds nothing. */
      if (self->import_new_project)
        seg_import_discard_path (path);
      if (self->closed)
        return;
      _seg_import_wizard_go_to (self, "check");
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _seg_import_wizard_show_toast (self, _("Import cancelled: the project is as it was"));
      else
        _seg_import_wizard_show_error (self, _("Could Not Import the Data"), error->message);
      return;
    }

  /* The choices worked: offer them for the next file like these. */
  {
    g_autoptr(GError) remember_error = NULL;

    if ((_seg_import_wizard_has_orders (self) &&
         !seg_import_source_remember (self->orders, &remember_error)) ||
        (self->has_customers &&
         !seg_import_source_remember (self->customers, &remember_error)) ||
        (self->has_interactions &&
         !seg_import_source_remember (self->interactions, &remember_error)))
      g_warning ("Could not remember the import settings: %s", remember_error->message);
  }
  if (_seg_import_wizard_has_orders (self))
    seg_import_files_page_add_recent_file (seg_import_source_get_file (self->orders));
  if (self->has_customers)
    seg_import_files_page_add_recent_file (seg_import_source_get_file (self->customers));

  self->import_report = g_steal_pointer (&report);

  /* The window shows the new project if it shows none. */
  if (self->import_new_project && self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.open-imported", "s", path);

  if (self->closed)
    return;

  {
    /* Segmenting again would replace the segments people worked on: show them instead. */
    gboolean segmented = project != NULL && !self->import_new_project &&
                         sc_project_get_run (project) != NULL;
    g_autofree char *description = format_done (self->import_report, segmented);

    _seg_import_wizard_show_done (self, description, segmented);
  }
  gtk_widget_grab_focus (self->segment_button);
  if (cancel_requested)
    _seg_import_wizard_show_toast (self, _("The import had finished before it could be cancelled"));
}

/* @project: the window's project, or %NULL for the new project at @path */
static void
run_import (SegImportWizard *self,
            ScProject       *project,
            const char      *path)
{
  ScImportOptions options;
  GApplication *app = g_application_get_default ();

  g_clear_pointer (&self->import_report, sc_import_report_free);
  self->import_project = project != NULL ? g_object_ref (project) : NULL;
  self->import_new_project = project == NULL;
  g_free (self->import_path);
  self->import_path = g_strdup (project != NULL ? sc_project_get_path (project) : path);
  self->importing = TRUE;
  self->import_job = sc_job_new ();
  self->import_cancellable = g_cancellable_new ();
  seg_job_progress_bind (self->import_binding, self->import_job, self->import_progress,
                         self->import_stage);
  gtk_label_set_text (self->import_stage, _("Starting…"));

  /* Keeps the main loop, and so the callback that cleans up, alive if windows close. */
  if (app != NULL)
    {
      g_application_hold (app);
      self->application = g_object_ref (app);
    }

  _seg_import_wizard_build_options (self, &options);
  _seg_import_wizard_go_to (self, "import");
  if (project != NULL)
    sc_project_import_async (project, &options, self->import_job, self->import_cancellable,
                             on_import_done, g_object_ref (self));
  else
    sc_project_import_path_async (path, &options, self->import_job, self->import_cancellable,
                                  on_import_done, g_object_ref (self));
  sc_import_options_clear (&options);
}

/* Also called when the file chooser returns, maybe after the wizard was closed. */
static void
import_into_new_project (gpointer  owner,
                         GFile    *file)
{
  SegImportWizard *self = owner;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->closed || self->importing)
    return;
  project = seg_import_create_project (GTK_WIDGET (self), file, &error);
  if (project == NULL)
    {
      _seg_import_wizard_show_error (self, _("Could Not Create the Project"), error->message);
      return;
    }
  path = g_strdup (sc_project_get_path (project));
  /* Closed: the import's own connection is then the only one to the file. */
  g_clear_object (&project);

  g_set_object (&self->project_file, file);
  run_import (self, NULL, path);
}

static void
choose_project_file (SegImportWizard *self)
{
  GFile *orders = seg_import_source_get_file (self->orders);
  g_autoptr(GFile) folder = g_file_get_parent (orders);
  g_autofree char *base = g_file_get_basename (orders);
  g_autofree char *stem = seg_file_stem (base);
  g_autofree char *name = g_strconcat (stem, SC_PROJECT_EXTENSION, NULL);

  seg_import_choose_project_file (GTK_WINDOW (self), folder, name, import_into_new_project,
                                  self);
}

void
_seg_import_wizard_start_import (SegImportWizard *self)
{
  ScProject *project = self->project;

  if (self->importing)
    return;

  if (window_is_busy (self))
    {
      _seg_import_wizard_show_error (self, _("Could Not Import the Data"),
                  _("The window is busy with another task. Wait until it has finished."));
      return;
    }

  if (project != NULL)
    run_import (self, project, NULL);
  else if (self->project_file != NULL)
    import_into_new_project (self, self->project_file);
  else
    choose_project_file (self);
}

/* The import stops at its next check, a few thousand rows on; say so at once. */
void
_seg_import_wizard_cancel_import (SegImportWizard *self)
{
  if (self->import_cancellable == NULL || g_cancellable_is_cancelled (self->import_cancellable))
    return;

  g_cancellable_cancel (self->import_cancellable);
  if (self->import_binding[1] != NULL)
    g_binding_unbind (self->import_binding[1]);
  g_clear_object (&self->import_binding[1]);
  gtk_label_set_text (self->import_stage, _("Cancelling…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", FALSE);
}
