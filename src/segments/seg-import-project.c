/* seg-import-project.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The new, empty project an import writes into, for the wizard's files and for its
 * database step alike.  Whether the file is open in a window is asked through the
 * wizard's "project-file-in-use" signal, by name, so that the database step needs no
 * header of the wizard (which includes the step's). */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-import-project.h"
#include "seg-widget-util.h"

static gboolean
file_in_use (GtkWidget  *inside,
             const char *path)
{
  GtkRoot *root = gtk_widget_get_root (inside);
  gboolean in_use = FALSE;

  if (root != NULL && g_signal_lookup ("project-file-in-use", G_OBJECT_TYPE (root)) != 0)
    g_signal_emit_by_name (root, "project-file-in-use", path, &in_use);
  return in_use;
}

typedef struct
{
  SegImportFileFunc on_chosen;
  gpointer          owner;
} Chooser;

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  Chooser *data = user_data;
  g_autoptr(GFile) file = seg_file_chooser_get_accepted (dialog, response);

  if (file != NULL)
    data->on_chosen (data->owner, file);
  g_object_unref (data->owner);
  g_free (data);
  g_object_unref (dialog);
}

/**
 * seg_import_create_project:
 * @inside: a widget of the import wizard
 * @file: where the new project goes
 *
 * Creates an empty project at @file: refused while that file is open in a window (its
 * files would be deleted under it); a file of that name is replaced.
 *
 * Returns: (transfer full) (nullable): the project, or %NULL with @error set
 */
ScProject *
seg_import_create_project (GtkWidget  *inside,
                           GFile      *file,
                           GError    **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (inside), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Projects can only be saved in local folders."));
      return NULL;
    }
  if (file_in_use (inside, path))
    {
      g_autofree char *base = g_filename_display_basename (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("“%s” is open in a window. Choose another name, or close that "
                     "window first."), base);
      return NULL;
    }
  if (!sc_project_delete_files (path, error))
    return NULL;
  return sc_project_open (path, TRUE, error);
}

/**
 * seg_import_choose_project_file:
 * @parent: the window the dialog is over
 * @folder: (nullable): the folder it opens in
 * @name: the file name it proposes
 * @on_chosen: called with the file when one is chosen, not when the dialog is cancelled
 * @owner: the object that asks, kept alive until the dialog closes (it may have been closed
 *   itself by then: @on_chosen checks)
 *
 * Asks where the new project of an import goes.
 */
void
seg_import_choose_project_file (GtkWindow         *parent,
                                GFile             *folder,
                                const char        *name,
                                SegImportFileFunc  on_chosen,
                                gpointer           owner)
{
  GtkFileChooserNative *chooser;
  Chooser *data = g_new0 (Chooser, 1);

  chooser = seg_file_chooser_new (_("Save the New Project"), parent,
                                  GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  data->on_chosen = on_chosen;
  data->owner = g_object_ref (owner);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * seg_import_discard_path:
 * @path: a project file made for an import that the core rolled back
 *
 * Deletes the files of @path, which hold nothing worth keeping (no #ScProject of it may be
 * open); a file that cannot be deleted is only logged, since the import's own error is what
 * people see.
 */
void
seg_import_discard_path (const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!sc_project_delete_files (path, &error))
    g_warning ("%s", error->message);
}
