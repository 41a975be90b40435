/* seg-report-playbooks.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Playbooks…" on the Report page: a folder and a format (HTML or PDF) from the file
 * chooser, then one playbook per segment and an index written there by the core
 * (sc_project_write_playbooks_async()); a toast says where, a dialog why not. */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-project-playbooks.h"
#include "seg-report-page-private.h"
#include "seg-widget-util.h"

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SegReportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) written = NULL;

  written = sc_project_write_playbooks_finish (SC_PROJECT (source), result, &error);
  if (self->disposed)
    return;
  if (written == NULL)
    {
      seg_show_error_dialog (seg_widget_get_window (GTK_WIDGET (self)),
                             _("Could Not Write the Playbooks"), error->message);
      return;
    }
  {
    /* The index comes last; each other file is one segment's playbook. */
    g_autofree char *folder = g_path_get_dirname (g_ptr_array_index (written, 0));
    g_autofree char *name = g_filename_display_basename (folder);
    guint n = written->len - 1;
    g_autofree char *message =
      /* Translators: "5 playbooks written to “Playbooks”" */
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u playbook written to “%s”",
                                    "%u playbooks written to “%s”", n), n, name);

    seg_widget_show_toast (GTK_WIDGET (self), message);
  }
}

static void
on_folder_response (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(SegReportPage) self = user_data;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;
  const char *choice;
  ScPlaybookFormat format = SC_PLAYBOOK_HTML;

  if (response == GTK_RESPONSE_ACCEPT && !self->disposed && self->project != NULL)
    {
      folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = folder != NULL ? g_file_get_path (folder) : NULL;
      choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "format");
      if (choice != NULL)
        sc_playbook_format_from_string (choice, &format);
      if (path != NULL)
        sc_project_write_playbooks_async (self->project, path, format, NULL, on_written,
                                          g_object_ref (self));
    }
  g_object_unref (chooser);
}

/**
 * _seg_report_page_playbooks_action:
 *
 * Asks for a folder and a format, then writes the playbooks: the "report.playbooks" action.
 */
void
_seg_report_page_playbooks_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  SegReportPage *self = SEG_REPORT_PAGE (widget);
  static const char *formats[] = { "html", "pdf", NULL };
  const char *labels[] = { _("Web pages (HTML)"), _("PDF"), NULL };
  GtkFileChooserNative *chooser;

  if (self->project == NULL || sc_project_get_run (self->project) == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Playbooks"),
                                         seg_widget_get_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Write Playbooks"), _("_Cancel"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "format", _("Format"),
                               formats, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "format", "html");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
