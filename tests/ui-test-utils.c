/* ui-test-utils.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Waits are on conditions, never on the clock: a test goes on as soon as what it waits for
 * has happened, and only fails, naming what it waited for, after a long timeout.  settle()
 * turns "let the window finish drawing" into a condition too: the window's frame clock has
 * painted at least once since the call (a redraw is queued so that it must), and then has
 * not painted for SETTLE_QUIET_MS, several frames: no layout, transition or fade is running. */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-job.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"

#define SETTLE_QUIET_MS   100
#define SETTLE_TIMEOUT_MS 30000

static gboolean
on_flag_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

gboolean
window_is_ready (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && !seg_window_is_busy (SEG_WINDOW (data));
}

gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

GtkWindow *
find_toplevel_of_type (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

gboolean
has_toplevel_of_type (gpointer data)
{
  return find_toplevel_of_type ((GType) GPOINTER_TO_SIZE (data)) != NULL;
}

gboolean
is_of_type (GtkWidget *widget,
            gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, (GType) GPOINTER_TO_SIZE (data));
}

gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (WAIT_TIMEOUT_MS, on_flag_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

void
wait_step (void)
{
  gboolean woken = FALSE;
  guint id = g_timeout_add (10, on_flag_timeout, &woken);

  g_main_context_iteration (NULL, TRUE);
  if (!woken)
    g_source_remove (id);
}

void
drain_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
settle_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_flag_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Counts the frames the window of a widget draws, from a redraw queued when watching starts. */
typedef struct
{
  GdkFrameClock *clock;
  gulong         handler;
  guint          n_paints;
  gint64         last_paint;
} Paints;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  Paints *paints = data;

  paints->n_paints++;
  paints->last_paint = g_get_monotonic_time ();
}

static void
paints_watch (Paints    *paints,
              GtkWidget *widget)
{
  GtkWidget *native = GTK_WIDGET (gtk_widget_get_native (widget));

  g_assert_nonnull (native);
  WAIT_FOR (gtk_widget_get_mapped (native));

  paints->n_paints = 0;
  paints->last_paint = 0;
  paints->clock = g_object_ref (gtk_widget_get_frame_clock (native));
  paints->handler = g_signal_connect (paints->clock, "after-paint",
                                      G_CALLBACK (on_after_paint), paints);
  gtk_widget_queue_draw (native);
}

static void
paints_unwatch (Paints *paints)
{
  g_clear_signal_handler (&paints->handler, paints->clock);
  g_clear_object (&paints->clock);
}

void
wait_for_frame (GtkWidget *widget)
{
  Paints paints;

  paints_watch (&paints, widget);
  WAIT_FOR (paints.n_paints > 0);
  paints_unwatch (&paints);
}

void
settle (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) SETTLE_TIMEOUT_MS * 1000;
  Paints paints;

  paints_watch (&paints, widget);
  while (paints.n_paints == 0 ||
         g_get_monotonic_time () - paints.last_paint < (gint64) SETTLE_QUIET_MS * 1000)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *message =
            g_strdup_printf ("%s did not settle within %d ms: %u frames drawn",
                             G_OBJECT_TYPE_NAME (gtk_widget_get_native (widget)),
                             SETTLE_TIMEOUT_MS, paints.n_paints);

          paints_unwatch (&paints);
          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
        }
      wait_step ();
    }
  paints_unwatch (&paints);
}

/* A toast is libadwaita's private AdwToastWidget; its close button is the one with the
 * window-close icon. */
static gboolean
is_toast (GtkWidget *widget,
          gpointer   data)
{
  return strcmp (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget") == 0;
}

static gboolean
is_close_button (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0;
}

/* Closes the first toast not closed yet; FALSE when no toast is left on screen. */
static gboolean
close_a_toast (GtkWidget *root)
{
  GtkWidget *found = find_widget (root, is_toast, NULL);
  g_autoptr(GtkWidget) toast = NULL;
  GtkWidget *close;

  if (found == NULL)
    return FALSE;
  toast = g_object_ref (found);
  if (g_object_get_data (G_OBJECT (toast), "ui-test-closed") == NULL)
    {
      /* libadwaita 1.2 crashes when a toast is closed while it slides in: let it finish.
       * Meanwhile the toast may time out and go: then look again. */
      settle (root);
      if (gtk_widget_get_parent (toast) == NULL)
        return TRUE;
      close = find_widget (toast, is_close_button, NULL);
      g_assert_nonnull (close);
      g_object_set_data (G_OBJECT (toast), "ui-test-closed", GINT_TO_POINTER (TRUE));
      g_signal_emit_by_name (close, "clicked");
    }
  return TRUE;
}

void
dismiss_toasts (GtkWidget *root)
{
  WAIT_FOR (!close_a_toast (root));
}

void
destroy_all_windows (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  /* Destroying one window can destroy others, its dialogs: hold them all first. */
  for (const GList *l = toplevels; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (const GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  for (const GList *l = toplevels; l != NULL; l = l->next)
    g_object_unref (l->data);

  drain_events ();
  /* The background work of the projects just closed ends, and its results are delivered,
   * before the next test starts: that test may create the same files again. */
  for (guint i = 0; i < 20 && !sc_job_wait_all (0); i++)
    {
      g_assert_true (sc_job_wait_all (60000));
      drain_events ();
    }
}

GtkWidget *
show_page_of_type (SegWindow  *window,
                   const char *name,
                   GType       type)
{
  GtkWidget *page;

  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                  g_variant_new_string (name));
  page = find_widget (GTK_WIDGET (window), is_of_type, GSIZE_TO_POINTER (type));
  g_assert_nonnull (page);
  return page;
}

GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             gpointer         data)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Pictures                                                                                   */

GdkTexture *
render_widget (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_TIMEOUT_MS * 1000;
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;
  int width = 0, height = 0;

  wait_for_frame (widget);

  /* A widget still waiting for its size (a label that changed) draws nothing yet: then
   * try again after the next frame. */
  while (node == NULL)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        break;
      if (g_get_monotonic_time () > deadline)
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,
                             "the widget drew nothing within the timeout");
      wait_step ();
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_assert_nonnull (renderer);
  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

guint
count_colours (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < height; y += 3)
    for (int x = 0; x < width; x += 3)
      {
        guint32 pixel;

        memcpy (&pixel, data + y * stride + x * 4, 4);
        g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
      }

  return g_hash_table_size (colours);
}

static const char *
screenshot_dir (void)
{
  const char *dir = g_getenv ("SEGMENTS_SCREENSHOT_DIR");

  return dir == NULL || *dir == '\0' ? NULL : dir;
}

void
save_if_asked (GdkTexture *texture,
               const char *name)
{
  g_autofree char *path = NULL;

  if (screenshot_dir () == NULL)
    return;

  path = g_build_filename (screenshot_dir (), name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

void
save_widget_if_asked (GtkWidget  *widget,
                      const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (screenshot_dir () == NULL)
    return;

  settle (widget);
  texture = render_widget (widget);
  save_if_asked (texture, name);
}

char *
sample_data_home_new (const char *name_template)
{
  g_autoptr(GError) error = NULL;
  char *tmp = g_dir_make_tmp (name_template, &error);
  g_autofree char *data_home = NULL;

  g_assert_no_error (error);
  data_home = g_build_filename (tmp, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  return tmp;
}

void
sample_data_home_remove (const char *tmp)
{
  g_autoptr(GFile) sample = seg_window_dup_sample_project_file ();
  g_autoptr(GFile) folder = g_file_get_parent (sample);
  g_autofree char *path = g_file_get_path (sample);
  g_autofree char *folder_path = g_file_get_path (folder);
  g_autofree char *data_home = g_build_filename (tmp, "data", NULL);

  g_unlink (path);
  g_rmdir (folder_path);
  g_rmdir (data_home);
  g_rmdir (tmp);
}

SegApplication *
ui_test_start (int                *argc,
               char             ***argv,
               const char         *home_template,
               const char         *application_id,
               GApplicationFlags   flags,
               char              **tmp_dir)
{
  /* Before anything reads the XDG folders. */
  *tmp_dir = test_make_xdg_home (home_template);
  return ui_test_init_app (argc, argv, application_id, flags);
}

SegApplication *
ui_test_init_app (int                *argc,
                  char             ***argv,
                  const char         *application_id,
                  GApplicationFlags   flags)
{
  g_autoptr(GError) error = NULL;
  SegApplication *app;

  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();

  app = seg_application_new (application_id, G_APPLICATION_NON_UNIQUE | flags);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

void
ui_test_stop (SegApplication **app)
{
  destroy_all_windows ();
  /* The app's background work (a report preview, a model fit) must not run on while the
   * process exits (sc_job_wait_all()); GApplication::shutdown is not run here. */
  g_assert_true (sc_job_wait_all (60000));
  g_clear_object (app);
}
