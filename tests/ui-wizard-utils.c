/* ui-wizard-utils.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ui-test-utils.h"
#include "ui-wizard-utils.h"

/* A window of @app shown at the size the help's screenshots have. */
SegWindow *
wizard_new_window (GtkApplication *app)
{
  SegWindow *window = seg_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (widget_is_mapped, window));
  return window;
}

char *
temp_path (const char *name)
{
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

gboolean
is_drawable_button_labelled (GtkWidget *widget,
                             gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0 &&
         gtk_widget_is_drawable (widget);
}

gboolean
is_drawable_label_starting (GtkWidget *widget,
                            gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), data);
}

gboolean
is_drawable_label_containing (GtkWidget *widget,
                              gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

GtkWidget *
next_button (SegImportWizard *wizard)
{
  GtkWidget *button = find_widget (GTK_WIDGET (wizard), is_drawable_button_labelled,
                                   (gpointer) "_Next");

  if (button == NULL)
    button = find_widget (GTK_WIDGET (wizard), is_drawable_button_labelled,
                          (gpointer) "_Import");
  g_assert_nonnull (button);
  return button;
}

gboolean
next_enabled (SegImportWizard *wizard)
{
  return gtk_widget_is_sensitive (next_button (wizard));
}

SegImportWizard *
find_wizard (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (SEG_IS_IMPORT_WIZARD (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

gboolean
has_wizard (gpointer data)
{
  return find_wizard () != NULL && gtk_widget_get_mapped (GTK_WIDGET (find_wizard ()));
}

SegImportWizard *
open_wizard (SegWindow *window)
{
  SegImportWizard *wizard;

  g_action_group_activate_action (G_ACTION_GROUP (window), "import", NULL);
  g_assert_true (wait_until (has_wizard, NULL));
  wizard = find_wizard ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (wizard)));
  g_assert_cmpstr (seg_import_wizard_get_page_name (wizard), ==, "files");
  return wizard;
}

void
press_next (SegImportWizard *wizard)
{
  g_assert_true (next_enabled (wizard));
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.next", NULL);
  drain_events ();
}

gboolean
check_done (gpointer data)
{
  SegImportWizard *wizard = data;

  return !seg_import_wizard_is_busy (wizard) && seg_import_wizard_get_check_report (wizard);
}

gboolean
page_is_done (gpointer data)
{
  return g_strcmp0 (seg_import_wizard_get_page_name (data), "done") == 0;
}

gboolean
page_is_check_and_idle (gpointer data)
{
  return g_strcmp0 (seg_import_wizard_get_page_name (data), "check") == 0 &&
         !seg_import_wizard_is_busy (data);
}

const ScImportReport *
run_check (SegImportWizard *wizard)
{
  while (g_strcmp0 (seg_import_wizard_get_page_name (wizard), "check") != 0)
    press_next (wizard);
  g_assert_true (wait_until (check_done, wizard));
  drain_events ();
  return seg_import_wizard_get_check_report (wizard);
}

void
remove_project (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

/* A GLogFunc for the domain "Sc": counts in data (an int *) the core's message that an import
 * writes a new project's rows once, through a rollback journal (store/sc-store-import.c); it
 * comes from the import's worker thread. */
void
count_written_once (const char     *domain,
                    GLogLevelFlags  level,
                    const char     *message,
                    gpointer        data)
{
  if (strstr (message, "is written once, through a rollback journal") != NULL)
    g_atomic_int_inc ((int *) data);
}
