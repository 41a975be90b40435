/* test-ui-overview-states.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Overview's key figures before they are known (issue 19): while they are summed a
 * spinner says so and no card shows a placeholder; a project without orders leaves out the
 * cards of figures that do not exist and says why; once summed, every card shows its figure.
 * No card ever shows "…" or "–" in place of a figure. */

#include "config.h"

#include <adwaita.h>

#include "seg-overview-page.h"
#include "ui-test-utils.h"
#include "ui-wizard-utils.h"

static gboolean
is_spinner (GtkWidget *widget,
            gpointer   data)
{
  return GTK_IS_SPINNER (widget);
}

/* Appends to TEXT the figure of each card shown under ROOT, in order, separated by "|". */
static void
append_figures (GtkWidget *root,
                GString   *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "key-figure-value"))
        g_string_append_printf (text, "%s%s", text->len > 0 ? "|" : "",
                                gtk_label_get_text (GTK_LABEL (child)));
      append_figures (child, text);
    }
}

static char *
shown_figures (GtkWidget *page)
{
  GString *text = g_string_new (NULL);

  append_figures (page, text);
  return g_string_free (text, FALSE);
}

static gboolean
spinning (GtkWidget *page)
{
  GtkWidget *spinner = find_widget (page, is_spinner, NULL);

  /* find_widget() passes over hidden widgets. */
  return spinner != NULL && gtk_widget_is_visible (spinner) &&
         gtk_spinner_get_spinning (GTK_SPINNER (spinner));
}

static void
test_overview_states (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = seg_overview_page_new ();
  SegKeyFigures figures = { .customers = 1204, .transactions = 5310, .loading = TRUE };
  g_autofree char *loading = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *known = NULL;

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (page));

  /* Being summed: the customers (known at once) and a spinner, no placeholder figures. */
  seg_overview_page_set_figures (SEG_OVERVIEW_PAGE (page), "Shop", &figures);
  loading = shown_figures (page);
  g_assert_cmpstr (loading, ==, "1,204");
  g_assert_true (spinning (page));
  g_assert_null (find_widget (page, is_drawable_label_starting,
                              (gpointer) "This project holds no orders yet."));

  /* No orders: the customers alone, and the reason. */
  figures = (SegKeyFigures) { .customers = 40 };
  seg_overview_page_set_figures (SEG_OVERVIEW_PAGE (page), "Shop", &figures);
  empty = shown_figures (page);
  g_assert_cmpstr (empty, ==, "40");
  g_assert_false (spinning (page));
  g_assert_nonnull (find_widget (page, is_drawable_label_starting,
                                 (gpointer) "This project holds no orders yet."));

  /* Summed: customers, orders, revenue and the period, each a figure. */
  figures = (SegKeyFigures) { .customers = 1204, .transactions = 5310, .has_summary = TRUE,
                              .orders = 4821, .revenue = 123456.0, .first_day = 100,
                              .last_day = 189 };
  seg_overview_page_set_figures (SEG_OVERVIEW_PAGE (page), "Shop", &figures);
  known = shown_figures (page);
  g_assert_false (spinning (page));
  g_assert_true (g_str_has_prefix (known, "1,204|4,821|"));
  g_assert_true (g_str_has_suffix (known, "|90 days"));
  g_assert_null (strstr (known, "…"));
  g_assert_null (strstr (known, "–"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/Ui/Overview/states", test_overview_states);

  return g_test_run ();
}
