/* test-ui-screenshot.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Renders the main window, empty and with the sample data, through the window's own GSK
 * renderer and checks that the pictures hold the drawing a user would see.  With
 * SEGMENTS_SCREENSHOT_DIR set, the pictures are also saved there as PNG files: this is how
 * data/screenshots/main-window.png and help/C/media/main-window.png are made. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "seg-application.h"
#include "seg-window.h"

#define TIMEOUT_SECONDS 120
#define SHOT_WIDTH 1200
#define SHOT_HEIGHT 760

static SegApplication *app;

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_until_idle (SegWindow *window)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_timeout, &timed_out);

  while ((seg_window_is_busy (window) || !gtk_widget_get_mapped (GTK_WIDGET (window))) &&
         !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Lets layout and the frame clock settle, so that the picture shows the final state rather
 * than a transition. */
static void
settle_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
settle (void)
{
  settle_for (600);
}

static GdkTexture *
render_window (SegWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_assert_nonnull (renderer);

  return gsk_renderer_render_texture (renderer, node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Counts distinct colours in a coarse grid of samples: a blank or half-drawn window has a
 * handful, a real one with text and swatches many more. */
static guint
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

static void
save_if_asked (GdkTexture *texture,
               const char *name)
{
  const char *dir = g_getenv ("SEGMENTS_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL || *dir == '\0')
    return;

  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

static SegWindow *
new_window (void)
{
  SegWindow *window = seg_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), SHOT_WIDTH, SHOT_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle (window);
  settle ();

  return window;
}

static void
test_screenshot_empty (void)
{
  SegWindow *window = new_window ();
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_cmpstr (seg_window_get_page_name (window), ==, "empty");

  texture = render_window (window);
  g_assert_cmpint (gdk_texture_get_width (texture), ==,
                   gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gdk_texture_get_height (texture), ==,
                   gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpuint (count_colours (texture), >, 20);
  save_if_asked (texture, "empty-state.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screenshot_sample (void)
{
  static const char *pages[] = { "explore", "segments", "report" };
  SegWindow *window = new_window ();
  g_autoptr(GdkTexture) texture = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  wait_until_idle (window);
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "project");
  settle ();

  /* Past the toast that reports the import, which would hide part of the page. */
  settle_for (5500);

  texture = render_window (window);
  g_assert_cmpuint (count_colours (texture), >, 40);
  save_if_asked (texture, "main-window.png");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GdkTexture) page = NULL;
      g_autofree char *name = g_strdup_printf ("page-%s.png", pages[i]);

      g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                      g_variant_new_string (pages[i]));
      settle ();
      page = render_window (window);
      g_assert_cmpuint (count_colours (page), >, 40);
      save_if_asked (page, name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *data_home = NULL;
  int ret;

  /* The sample project goes to the user's data folder: keep it out of the real one. */
  tmp = g_dir_make_tmp ("test-ui-screenshot-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (tmp, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  app = seg_application_new ("io.github.segments.Segments.Screenshot", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/Ui/Screenshot/empty", test_screenshot_empty);
  g_test_add_func ("/Ui/Screenshot/sample", test_screenshot_sample);

  ret = g_test_run ();

  g_clear_object (&app);
  {
    g_autoptr(GFile) sample = seg_window_dup_sample_project_file ();
    g_autoptr(GFile) folder = g_file_get_parent (sample);
    g_autofree char *path = g_file_get_path (sample);
    g_autofree char *folder_path = g_file_get_path (folder);

    g_unlink (path);
    g_rmdir (folder_path);
    g_rmdir (data_home);
    g_rmdir (tmp);
  }

  return ret;
}
