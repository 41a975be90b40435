/* test-ui-text-scale.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Chart text follows the desktop's text scaling (issue 19): GNOME's text-scaling-factor
 * reaches GTK as gtk-xft-dpi, and every chart's palette takes its font size from it, at once
 * and again when it changes, as the rest of the UI does. */

#include "config.h"

#include <adwaita.h>

#include "sc-palette.h"
#include "seg-bars-chart.h"
#include "seg-chart.h"
#include "seg-grid-chart.h"
#include "ui-test-utils.h"

static void
set_dpi (double dpi)
{
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (dpi * 1024), NULL);
  drain_events ();
}

static void
test_text_scale (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *charts[] = { seg_bars_chart_new (), seg_grid_chart_new () };
  g_autoptr(ScPalette) plain = sc_palette_new (FALSE);
  double base = plain->font_size;

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      gtk_widget_set_size_request (charts[i], 400, 300);
      gtk_box_append (GTK_BOX (box), charts[i]);
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  set_dpi (96);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (charts[0]));

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    g_assert_cmpfloat_with_epsilon (seg_chart_get_palette (SEG_CHART (charts[i]))->font_size,
                                    base, 1e-9);

  /* Large text (1.5×), as the accessibility settings offer it. */
  set_dpi (144);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    g_assert_cmpfloat_with_epsilon (seg_chart_get_palette (SEG_CHART (charts[i]))->font_size,
                                    1.5 * base, 1e-9);

  set_dpi (120);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    g_assert_cmpfloat_with_epsilon (seg_chart_get_palette (SEG_CHART (charts[i]))->font_size,
                                    1.25 * base, 1e-9);

  set_dpi (96);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/Ui/TextScale/charts", test_text_scale);

  return g_test_run ();
}
