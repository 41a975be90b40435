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
#include "ui-test-utils.h"

#define SHOT_WIDTH 1200
#define SHOT_HEIGHT 760

static SegApplication *app;

static void
wait_until_idle (SegWindow *window)
{
  WAIT_FOR (!seg_window_is_busy (window) && gtk_widget_get_mapped (GTK_WIDGET (window)));
}

static SegWindow *
new_window (void)
{
  SegWindow *window = seg_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), SHOT_WIDTH, SHOT_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_idle (window);
  settle (GTK_WIDGET (window));

  return window;
}

static void
test_screenshot_empty (void)
{
  SegWindow *window = new_window ();
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_cmpstr (seg_window_get_page_name (window), ==, "empty");

  texture = render_widget (GTK_WIDGET (window));
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

  /* Without the toast that reports the import, which would hide part of the page. */
  dismiss_toasts (GTK_WIDGET (window));
  settle (GTK_WIDGET (window));

  texture = render_widget (GTK_WIDGET (window));
  g_assert_cmpuint (count_colours (texture), >, 40);
  save_if_asked (texture, "main-window.png");

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GdkTexture) page = NULL;
      g_autofree char *name = g_strdup_printf ("page-%s.png", pages[i]);

      g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                      g_variant_new_string (pages[i]));
      settle (GTK_WIDGET (window));
      page = render_widget (GTK_WIDGET (window));
      g_assert_cmpuint (count_colours (page), >, 40);
      save_if_asked (page, name);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int ret;

  /* The sample project goes to the user's data folder: keep it out of the real one. */
  tmp = sample_data_home_new ("test-ui-screenshot-XXXXXX");
  app = ui_test_init_app (&argc, &argv, "io.github.segments.Segments.Screenshot",
                          G_APPLICATION_DEFAULT_FLAGS);

  g_test_add_func ("/Ui/Screenshot/empty", test_screenshot_empty);
  g_test_add_func ("/Ui/Screenshot/sample", test_screenshot_sample);

  ret = g_test_run ();

  g_clear_object (&app);
  sample_data_home_remove (tmp);

  return ret;
}
