/* seg-application.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-accessible.h"
#include "seg-application.h"
#include "seg-chart.h"
#include "seg-widget-util.h"
#include "seg-window.h"

struct _SegApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gboolean        broken;        /* started without its settings schema */
};

G_DEFINE_FINAL_TYPE (SegApplication, seg_application, ADW_TYPE_APPLICATION)

static SegWindow *
get_active_seg_window (SegApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (SEG_IS_WINDOW (window))
    return SEG_WINDOW (window);
  return NULL;
}

/* A window that shows the empty state is reused; one that holds a project or is busy keeps
 * it, and the new project gets a window of its own. */
static SegWindow *
get_window_for_project (SegApplication *self)
{
  SegWindow *window = get_active_seg_window (self);

  if (window == NULL || !seg_window_is_empty (window))
    window = seg_window_new (GTK_APPLICATION (self));

  return window;
}

/* New and Open differ only in the chooser's words and in whether the file is created. */
static void
on_project_chosen (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  g_autoptr(SegApplication) self = user_data;
  g_autoptr(GFile) file = seg_file_chooser_get_accepted (dialog, response);
  gboolean create = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) ==
                    GTK_FILE_CHOOSER_ACTION_SAVE;

  if (file != NULL)
    seg_application_open_project (self, file, create);

  g_object_unref (dialog);
}

static void
choose_project (SegApplication       *self,
                const char           *title,
                GtkFileChooserAction  action,
                const char           *accept_label)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = seg_file_filter_new (_("Segments Projects"),
                                                         "application/x-segments-project",
                                                         "segments");

  chooser = seg_file_chooser_new (title,
                                  gtk_application_get_active_window (GTK_APPLICATION (self)),
                                  action, accept_label);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    /* Translators: the file name proposed for a new project; keep the .segments suffix */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Untitled.segments"));
  g_signal_connect (chooser, "response", G_CALLBACK (on_project_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_action (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  choose_project (user_data, _("New Project"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"));
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  choose_project (user_data, _("Open Project"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  SegApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* GtkApplication loads gtk/help-overlay.ui for every GtkApplicationWindow and gives it
   * win.show-help-overlay; the app action only routes to the active window. */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
help_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SegApplication *self = user_data;

  gtk_show_uri (gtk_application_get_active_window (GTK_APPLICATION (self)),
                "help:segments", GDK_CURRENT_TIME);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  SegApplication *self = user_data;
  static const char *developers[] = { "The Segments developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", _("Segments"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Segments developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/segments/segments",
                        "issue-url", "https://github.com/segments/segments/issues",
                        "comments", _("Turn customer and order exports into named customer "
                                      "segments that you can explain and act on."),
                        "copyright", "© 2026 The Segments developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  SegApplication *self = user_data;
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  /* Closing rather than destroying lets each window save its size and cancel its work;
   * the application quits when the last one has gone.  The list changes as windows close. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    g_ptr_array_add (windows, g_object_ref (l->data));
  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  SegApplication *self = user_data;
  g_autoptr(GFile) sample = seg_window_dup_sample_project_file ();
  g_autofree char *path = g_file_get_path (sample);
  GtkWindow *window = seg_application_find_window (self, path);

  /* The window that has the sample open makes it anew; win.open-sample sends it there. */
  if (window == NULL)
    window = GTK_WINDOW (get_window_for_project (self));

  gtk_window_present (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
}

static void update_recent (SegApplication *self,
                           const char     *path,
                           gboolean        add);

/* Windows keep the recent projects up to date through these two. */
static void
add_recent_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  update_recent (SEG_APPLICATION (user_data), g_variant_get_string (param, NULL), TRUE);
}

static void
remove_recent_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  update_recent (SEG_APPLICATION (user_data), g_variant_get_string (param, NULL), FALSE);
}

static const GActionEntry app_entries[] = {
  { "new", new_action },
  { "open", open_action },
  { "open-sample", open_sample_action },
  { "shortcuts", shortcuts_action },
  { "help", help_action },
  { "about", about_action },
  { "quit", quit_action },
  { "add-recent", add_recent_action, "s" },
  { "remove-recent", remove_recent_action, "s" },
};

static void
seg_application_activate (GApplication *app)
{
  SegApplication *self = SEG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->broken)
    return;
  if (window == NULL)
    window = GTK_WINDOW (seg_window_new (GTK_APPLICATION (self)));

  gtk_window_present (window);
}

static void
seg_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  SegApplication *self = SEG_APPLICATION (app);

  if (self->broken)
    return;
  for (int i = 0; i < n_files; i++)
    seg_application_open_project (self, files[i], FALSE);
}

static int
seg_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "sample"))
    return -1;

  /* Through the action, so that a running instance opens the sample in its own process. */
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (SEG_APPLICATION (app)->broken)
    return 1;
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-sample", NULL);

  return -1;
}

static void
seg_application_startup (GApplication *app)
{
  SegApplication *self = SEG_APPLICATION (app);
  struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.open", { "<Control>o", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.show-page('overview')", { "<Alt>1", NULL } },
    { "win.show-page('explore')", { "<Alt>2", NULL } },
    { "win.show-page('segments')", { "<Alt>3", NULL } },
    { "win.show-page('report')", { "<Alt>4", NULL } },
    /* app.shortcuts carries the accelerator; two owners would show it twice */
    { "win.show-help-overlay", { NULL } },
  };

  G_APPLICATION_CLASS (seg_application_parent_class)->startup (app);
  seg_accessible_init ();

  /* Not before: "--help" works without the schema. */
  self->settings = seg_settings_new ();
  if (self->settings == NULL)
    {
      g_printerr (_("Segments is not installed completely: its settings schema “%s” is "
                    "missing. Install the program (meson install), or run it from the "
                    "source tree with build-aux/run.\n"), SEG_SETTINGS_SCHEMA_ID);
      self->broken = TRUE;
      g_application_quit (app);
      return;
    }

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
  seg_chart_install_palette_css (gdk_display_get_default ());
}

static void
seg_application_dispose (GObject *object)
{
  SegApplication *self = SEG_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (seg_application_parent_class)->dispose (object);
}

/* Work still running in the background when the main loop ends (a report preview, a value
 * model fitted after an import, a snapshot) would crash the exit once the libraries'
 * destructors run under it.  The windows cancelled their own as they closed; whatever runs
 * still is cancelled now, and it stops at its next check, leaving its project as before it
 * or after it (past its commit), as a command stopped with Ctrl+C does.  It is then waited
 * for, a few seconds at most. */
static void
seg_application_shutdown (GApplication *app)
{
  guint running = sc_job_cancel_all ();

  if (running > 0)
    g_debug ("%u background jobs cancelled at exit", running);
  if (!sc_job_wait_all (10000))
    g_debug ("Background work still running at exit");
  G_APPLICATION_CLASS (seg_application_parent_class)->shutdown (app);
}

static void
seg_application_class_init (SegApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = seg_application_dispose;

  app_class->activate = seg_application_activate;
  app_class->handle_local_options = seg_application_handle_local_options;
  app_class->open = seg_application_open;
  app_class->startup = seg_application_startup;
  app_class->shutdown = seg_application_shutdown;
}

static void
seg_application_init (SegApplication *self)
{

  g_application_add_main_option (G_APPLICATION (self), "sample", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE, _("Open the sample data"), NULL);
}

/**
 * seg_application_new:
 * @application_id: the D-Bus name, %APP_ID outside tests
 * @flags: flags for #GApplication
 *
 * Returns: (transfer full): a new application
 */
SegApplication *
seg_application_new (const char        *application_id,
                     GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (SEG_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", SEG_RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * seg_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
seg_application_get_settings (SegApplication *self)
{
  g_return_val_if_fail (SEG_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * seg_application_is_broken:
 *
 * Returns: whether it started without its settings schema (and said so, and opened nothing)
 */
gboolean
seg_application_is_broken (SegApplication *self)
{
  g_return_val_if_fail (SEG_IS_APPLICATION (self), FALSE);

  return self->broken;
}

static void
update_recent (SegApplication *self,
               const char     *path,
               gboolean        add)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  guint n = 0;

  if (add)
    {
      g_strv_builder_add (builder, path);
      n++;
    }

  for (guint i = 0; old[i] != NULL && n < SEG_RECENT_PROJECTS_MAX; i++)
    {
      if (g_strcmp0 (old[i], path) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  list = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) list);
}

/**
 * seg_application_add_recent:
 * @path: absolute path of a project file
 *
 * Puts @path first in the recent projects, dropping an older entry for it and the oldest
 * entries beyond %SEG_RECENT_PROJECTS_MAX.
 */
void
seg_application_add_recent (SegApplication *self,
                            const char     *path)
{
  g_return_if_fail (SEG_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  update_recent (self, path, TRUE);
}

/**
 * seg_application_open_project:
 * @file: the project file
 * @create: whether to create a new, empty project at @file (replacing a file there)
 *
 * Shows the project in the active window when that window is empty, else in a new window.
 * Errors are shown in that window.
 */
void
seg_application_open_project (SegApplication *self,
                              GFile          *file,
                              gboolean        create)
{
  g_autofree char *path = NULL;
  GtkWindow *holder;
  SegWindow *window;

  g_return_if_fail (SEG_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A project open in a window is shown there rather than opened twice; creating one over
   * it is refused by that window. */
  path = g_file_get_path (file);
  holder = path != NULL ? seg_application_find_window (self, path) : NULL;
  if (holder != NULL)
    window = SEG_WINDOW (holder);
  else
    window = get_window_for_project (self);

  gtk_window_present (GTK_WINDOW (window));
  seg_window_open_project (window, file, create);
}

/**
 * seg_application_find_window:
 * @path: a project file
 *
 * Returns: (transfer none) (nullable): the window that shows the project at @path or is
 *   importing into it
 */
GtkWindow *
seg_application_find_window (SegApplication *self,
                             const char     *path)
{
  g_return_val_if_fail (SEG_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return seg_window_find_holder (GTK_APPLICATION (self), path);
}
