/* test-ui-charts.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The charts of a window showing the sample project, under Xvfb (GDK_BACKEND=x11,
 * GSK_RENDERER=cairo).  The sample is imported and segmented once; the tests then share
 * that window, in order.
 *
 * Pointer input is driven through the charts' own event controllers: the test emits the
 * signals a GtkGestureClick, GtkGestureDrag or GtkEventControllerMotion emits for a real
 * pointer, so the handlers under test are the ones a user reaches.  Answers are checked
 * against the project file read independently (customer ids, aggregates).
 *
 * With SEGMENTS_SCREENSHOT_DIR set, the window is also saved there as PNG files, light and
 * dark, with and without a selection, and each chart is exported as PNG: this is how
 * the PNG files in help/C/media and data/screenshots/charts.png are made. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-axis.h"
#include "sc-potential.h"
#include "sc-project.h"
#include "sc-store.h"
#include "seg-application.h"
#include "seg-bars-chart.h"
#include "seg-explore-page.h"
#include "seg-overview-page.h"
#include "seg-scatter-chart.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"

#define SHOT_WIDTH 1200
#define SHOT_HEIGHT 760

static SegApplication *app;
static SegWindow *window;
static char *tmp_dir;

static gboolean
window_is_idle (gpointer data)
{
  return !seg_window_is_busy (SEG_WINDOW (data)) && gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean project_has_potential (gpointer data);

static gboolean
scatter_is_ready (gpointer data)
{
  SegScatterChart *chart = data;

  return gtk_widget_get_mapped (GTK_WIDGET (chart)) && !seg_scatter_chart_get_busy (chart) &&
         seg_scatter_chart_get_n_shown (chart) > 0;
}

static gboolean
widget_is_unrooted (gpointer data)
{
  return gtk_widget_get_root (GTK_WIDGET (data)) == NULL;
}

static gboolean
scatter_is_idle (gpointer data)
{
  return !seg_scatter_chart_get_busy (SEG_SCATTER_CHART (data));
}

static gboolean
bars_are_laid_out (gpointer data)
{
  ScRect area;

  return gtk_widget_get_mapped (GTK_WIDGET (data)) &&
         seg_bars_chart_get_row_area (SEG_BARS_CHART (data), 0, &area);
}

static ScProject *
project (void)
{
  return seg_window_get_project (window);
}

static const ScRun *
run (void)
{
  return sc_project_get_run (project ());
}

/* Unlike find_widget(), also looks inside hidden widgets, such as a menu popover. */
static GtkWidget *
find_any_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             gpointer         data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_any_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  return find_any_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_other_dropdown (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_DROP_DOWN (widget) && widget != data;
}

/* The first is the horizontal axis' toggle. */
static gboolean
is_log_toggle (GtkWidget *widget,
               gpointer   data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "Log") == 0;
}

static SegExplorePage *
explore_page (void)
{
  GtkWidget *page = find_of_type (GTK_WIDGET (window), SEG_TYPE_EXPLORE_PAGE);

  g_assert_nonnull (page);
  return SEG_EXPLORE_PAGE (page);
}

static gboolean
project_has_potential (gpointer data)
{
  const ScRun *r = sc_project_get_run (seg_window_get_project (window));

  return r != NULL && isfinite (r->potential_threshold);
}

static SegScatterChart *
scatter_chart (void)
{
  return seg_explore_page_get_chart (explore_page ());
}

static SegBarsChart *
bars_chart (void)
{
  GtkWidget *page = find_of_type (GTK_WIDGET (window), SEG_TYPE_OVERVIEW_PAGE);

  g_assert_nonnull (page);
  return SEG_BARS_CHART (seg_overview_page_get_bars_chart (SEG_OVERVIEW_PAGE (page)));
}

static void
show_page (const char *name)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                  g_variant_new_string (name));
  wait_for_frame (GTK_WIDGET (window));
}

static SegScatterChart *
ready_scatter (void)
{
  SegScatterChart *chart;

  show_page ("explore");
  chart = scatter_chart ();
  g_assert_true (wait_until (scatter_is_ready, chart));
  return chart;
}

static SegBarsChart *
ready_bars (void)
{
  SegBarsChart *chart;

  show_page ("overview");
  chart = bars_chart ();
  g_assert_true (wait_until (bars_are_laid_out, chart));
  return chart;
}

/* ------------------------------------------------------------------------------------------ */
/* Pointer input through the widgets' controllers                                             */

static GPtrArray *
controllers_of_type (GtkWidget *widget,
                     GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        continue;
      if (GTK_IS_GESTURE_SINGLE (controller) &&
          gtk_gesture_single_get_button (GTK_GESTURE_SINGLE (controller)) != GDK_BUTTON_PRIMARY)
        continue;
      g_ptr_array_add (found, g_steal_pointer (&controller));
    }

  return found;
}

static void
click (GtkWidget *widget,
       double     x,
       double     y,
       int        n_press)
{
  g_autoptr(GPtrArray) clicks = controllers_of_type (widget, GTK_TYPE_GESTURE_CLICK);

  g_assert_cmpuint (clicks->len, >, 0);
  for (guint i = 0; i < clicks->len; i++)
    g_signal_emit_by_name (clicks->pdata[i], "pressed", n_press, x, y);
  for (guint i = 0; i < clicks->len; i++)
    g_signal_emit_by_name (clicks->pdata[i], "released", n_press, x, y);
}

static void
hover (GtkWidget *widget,
       double     x,
       double     y)
{
  g_autoptr(GPtrArray) motions = controllers_of_type (widget, GTK_TYPE_EVENT_CONTROLLER_MOTION);

  g_assert_cmpuint (motions->len, >, 0);
  for (guint i = 0; i < motions->len; i++)
    g_signal_emit_by_name (motions->pdata[i], "motion", x, y);
}

static void
drag (GtkWidget *widget,
      double     x0,
      double     y0,
      double     x1,
      double     y1)
{
  g_autoptr(GPtrArray) drags = controllers_of_type (widget, GTK_TYPE_GESTURE_DRAG);

  g_assert_cmpuint (drags->len, ==, 1);
  g_signal_emit_by_name (drags->pdata[0], "drag-begin", x0, y0);
  g_signal_emit_by_name (drags->pdata[0], "drag-update", (x1 - x0) / 2, (y1 - y0) / 2);
  g_signal_emit_by_name (drags->pdata[0], "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (drags->pdata[0], "drag-end", x1 - x0, y1 - y0);
}

/* ------------------------------------------------------------------------------------------ */
/* The project read on its own, for known answers                                             */

typedef struct
{
  GPtrArray    *keys;
  ScAggregates *aggregates;
  ScDay         as_of;
} Reference;

static Reference reference;

static void
load_reference (void)
{
  g_autoptr(ScStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = sc_store_open (sc_project_get_path (project ()), FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sc_store_load_customer_keys (store, &reference.keys, &error));
  g_assert_no_error (error);
  reference.aggregates = sc_store_load_aggregates (store, &error);
  g_assert_no_error (error);
  reference.as_of = run ()->params.as_of != G_MININT32
                    ? run ()->params.as_of
                    : sc_aggregates_last_day (reference.aggregates) + 1;
}

/* The first customer of a segment that the chart draws at a point of its own segment. */
static gint64
find_customer_in_segment (SegScatterChart *chart,
                          guint            segment,
                          double          *x,
                          double          *y)
{
  const ScRun *r = run ();

  for (guint32 i = 0; i < r->n_customers; i++)
    {
      gint64 hit;

      if (r->labels[i] != segment || !seg_scatter_chart_get_customer_position (chart, i, x, y))
        continue;
      hit = seg_scatter_chart_customer_at (chart, *x, *y);
      if (hit >= 0 && r->labels[hit] == segment)
        return hit;
    }

  return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Screenshots                                                                                */

static guint32
texture_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  guint32 pixel;

  gdk_texture_download (texture, data, (gsize) width * 4);
  memcpy (&pixel, data + ((gsize) y * width + x) * 4, 4);
  return pixel;
}

static void
save_window_if_asked (const char *name)
{
  save_widget_if_asked (GTK_WIDGET (window), name);
}

static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_for_frame (GTK_WIDGET (window));
}

/* ------------------------------------------------------------------------------------------ */

static void
test_charts_open_sample (void)
{
  window = seg_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), SHOT_WIDTH, SHOT_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  g_assert_true (wait_until (window_is_idle, window));
  g_assert_nonnull (project ());
  g_assert_nonnull (run ());
  g_assert_cmpuint (run ()->n_segments, >=, 2);

  /* The window estimates value and potential in the background after an import. */
  g_assert_true (wait_until (project_has_potential, NULL));

  load_reference ();
  g_assert_cmpuint (reference.keys->len, ==, 3000);

  /* Pictures for people go without the toast reporting the import. */
  if (g_getenv ("SEGMENTS_SCREENSHOT_DIR") != NULL)
    dismiss_toasts (GTK_WIDGET (window));
}

static void
test_charts_accessible (void)
{
  SegBarsChart *bars = ready_bars ();
  SegScatterChart *chart = ready_scatter ();
  GtkWidget *charts[] = { GTK_WIDGET (bars), GTK_WIDGET (chart) };
  const char *labels[] = { "Segment sizes chart", "Customer scatter chart" };

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autofree char *label = NULL;

      g_assert_true (gtk_widget_get_focusable (charts[i]));
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (charts[i])), ==,
                       GTK_ACCESSIBLE_ROLE_IMG);
      label = gtk_test_accessible_check_property (GTK_ACCESSIBLE (charts[i]),
                                                  GTK_ACCESSIBLE_PROPERTY_LABEL, labels[i]);
      g_assert_null (label);
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (charts[i]),
                                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
    }

  /* The explore page's controls are reachable and named. */
  {
    GtkWidget *page = GTK_WIDGET (explore_page ());
    GtkWidget *dropdown = find_of_type (page, GTK_TYPE_DROP_DOWN);

    g_assert_nonnull (dropdown);
    g_assert_true (gtk_widget_get_focusable (dropdown) ||
                   gtk_widget_get_first_child (dropdown) != NULL);
  }
}

static void
test_charts_scatter_shows_every_segmented_customer (void)
{
  SegScatterChart *chart = ready_scatter ();
  const ScRun *r = run ();
  guint expected = 0;

  /* Recency and spend are finite for every customer with transactions, and each of those
   * is in a segment; the log axis shows zero and negative spend at its foot. */
  for (guint32 i = 0; i < r->n_customers; i++)
    if (r->labels[i] < r->n_segments)
      expected++;

  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (seg_scatter_chart_get_n_shown (chart), ==, expected);
  g_assert_cmpint (seg_scatter_chart_get_x_feature (chart), ==, SC_FEATURE_RECENCY);
  g_assert_cmpint (seg_scatter_chart_get_y_feature (chart), ==, SC_FEATURE_MONETARY);
  g_assert_false (seg_scatter_chart_get_x_log (chart));
  g_assert_true (seg_scatter_chart_get_y_log (chart));
  g_assert_false (seg_scatter_chart_get_zoomed (chart));
}

static void
test_charts_scatter_tooltip (void)
{
  SegScatterChart *chart = ready_scatter ();
  const ScRun *r = run ();
  double x, y;
  gint64 customer;
  g_autofree char *text = NULL;
  g_autofree char *key_line = NULL;
  g_autofree char *segment_line = NULL;
  g_autofree char *recency = NULL;
  g_autofree char *recency_line = NULL;

  customer = find_customer_in_segment (chart, 0, &x, &y);
  g_assert_cmpint (customer, >=, 0);

  text = seg_scatter_chart_tooltip_text_at (chart, x, y);
  g_assert_nonnull (text);

  /* The customer's id, as imported, and the segment it is in. */
  key_line = g_strdup_printf ("Customer %s\n", (char *) reference.keys->pdata[customer]);
  g_assert_true (g_str_has_prefix (text, key_line));
  g_assert_true (g_str_has_prefix (reference.keys->pdata[customer], "CUST-"));
  segment_line = g_strdup_printf ("Segment: %s\n", r->segments[0].name);
  g_assert_nonnull (strstr (text, segment_line));

  /* Recency counted here from the stored last purchase: as-of day minus last day. */
  recency = sc_format_days (reference.as_of - reference.aggregates->last_day[customer]);
  recency_line = g_strdup_printf ("Recency: %s\n", recency);
  g_assert_nonnull (strstr (text, recency_line));
  {
    g_autofree char *spend = sc_format_currency (reference.aggregates->monetary[customer], NULL);
    g_autofree char *spend_line = g_strdup_printf ("Net spend: %s", spend);

    g_assert_true (g_str_has_suffix (text, spend_line));
  }

  /* The hover marks the same customer's segment. */
  hover (GTK_WIDGET (chart), x, y);
  g_assert_cmpint (seg_chart_get_hover (SEG_CHART (chart)), ==, 0);

  /* The legend names each segment with its size, and a click on it selects the segment. */
  {
    int width = gtk_widget_get_width (GTK_WIDGET (chart));
    int height = gtk_widget_get_height (GTK_WIDGET (chart));
    g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, r->segments[1].size);
    g_autofree char *expected = g_strdup_printf ("%s\n%s customers", r->segments[1].name, count);
    gboolean found = FALSE;

    for (int ly = 0; ly < height && !found; ly += 2)
      for (int lx = width - 8; lx > width / 2 && !found; lx -= 8)
        {
          g_autofree char *legend = seg_scatter_chart_tooltip_text_at (chart, lx, ly);

          if (g_strcmp0 (legend, expected) == 0)
            {
              found = TRUE;
              click (GTK_WIDGET (chart), lx, ly, 1);
              g_assert_cmpint (seg_chart_get_selected (SEG_CHART (chart)), ==, 1);
              click (GTK_WIDGET (chart), lx, ly, 1);
              g_assert_cmpint (seg_chart_get_selected (SEG_CHART (chart)), ==, -1);
            }
        }
    g_assert_true (found);
  }

  /* Off the plot, no tooltip. */
  g_assert_null (seg_scatter_chart_tooltip_text_at (chart, 1, 1));
  hover (GTK_WIDGET (chart), 1, 1);
  g_assert_cmpint (seg_chart_get_hover (SEG_CHART (chart)), ==, -1);
}

static void
test_charts_bars_click_selects_everywhere (void)
{
  SegBarsChart *bars = ready_bars ();
  SegScatterChart *chart;
  const ScRun *r = run ();
  int position = (int) r->segments[r->n_segments - 1].position;
  ScRect area;

  g_assert_true (seg_bars_chart_get_row_area (bars, position, &area));
  g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==, -1);

  /* Hover, then click the segment's row. */
  hover (GTK_WIDGET (bars), area.x + area.width / 2, area.y + area.height / 2);
  g_assert_cmpint (seg_chart_get_hover (SEG_CHART (bars)), ==, position);
  click (GTK_WIDGET (bars), area.x + area.width / 2, area.y + area.height / 2, 1);
  g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==, position);

  /* The scatter on another page has the same selection. */
  chart = ready_scatter ();
  g_assert_cmpint (seg_chart_get_selected (SEG_CHART (chart)), ==, position);
  save_window_if_asked ("explore-selected.png");

  /* Clicking a point of another segment in the scatter selects that one in the bars. */
  {
    double x, y;
    gint64 customer = find_customer_in_segment (chart, 0, &x, &y);

    g_assert_cmpint (customer, >=, 0);
    click (GTK_WIDGET (chart), x, y, 1);
    g_assert_cmpint (seg_chart_get_selected (SEG_CHART (chart)), ==, 0);
    g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==, 0);

    /* Clicking the selected segment again clears the selection. */
    click (GTK_WIDGET (chart), x, y, 1);
    g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==, -1);
  }

  /* A press that moved is the end of a drag, not a click. */
  {
    g_autoptr(GPtrArray) clicks = controllers_of_type (GTK_WIDGET (bars), GTK_TYPE_GESTURE_CLICK);
    double cx = area.x + area.width / 2, cy = area.y + area.height / 2;

    for (guint i = 0; i < clicks->len; i++)
      g_signal_emit_by_name (clicks->pdata[i], "pressed", 1, cx, cy);
    for (guint i = 0; i < clicks->len; i++)
      g_signal_emit_by_name (clicks->pdata[i], "released", 1, cx + 40, cy);
    g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==, -1);
  }
}

static void
test_charts_keyboard (void)
{
  SegBarsChart *bars = ready_bars ();
  const ScRun *r = run ();
  g_autofree guint *order = sc_run_priority_order (r);
  GtkWidget *menu;

  /* Arrow keys walk none → first → … → last → none, in priority order. */
  gtk_widget_activate_action (GTK_WIDGET (bars), "chart.select-next", NULL);
  g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==,
                   (int) r->segments[order[0]].position);
  gtk_widget_activate_action (GTK_WIDGET (bars), "chart.select-next", NULL);
  g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==,
                   (int) r->segments[order[1]].position);
  gtk_widget_activate_action (GTK_WIDGET (bars), "chart.select-previous", NULL);
  gtk_widget_activate_action (GTK_WIDGET (bars), "chart.select-previous", NULL);
  g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==, -1);
  gtk_widget_activate_action (GTK_WIDGET (bars), "chart.select-previous", NULL);
  g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==,
                   (int) r->segments[order[r->n_segments - 1]].position);
  gtk_widget_activate_action (GTK_WIDGET (bars), "chart.select-next", NULL);
  g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==, -1);

  /* The Menu key's action opens the context menu with Copy and Export. */
  menu = find_of_type (GTK_WIDGET (bars), GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (menu);
  g_assert_false (gtk_widget_get_visible (menu));
  gtk_widget_activate_action (GTK_WIDGET (bars), "chart.menu", NULL);
  WAIT_FOR (gtk_widget_get_visible (menu));
  g_assert_true (gtk_widget_get_visible (menu));
  gtk_popover_popdown (GTK_POPOVER (menu));
  WAIT_FOR (!gtk_widget_get_visible (menu));
}

static void
test_charts_zoom_and_reset (void)
{
  SegScatterChart *chart = ready_scatter ();
  GtkWidget *widget = GTK_WIDGET (chart);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint all = seg_scatter_chart_get_n_shown (chart);
  guint builds = seg_scatter_chart_get_n_builds (chart);
  double full[4], zoomed[4], again[4];

  g_assert_true (seg_scatter_chart_get_visible_range (chart, full));

  /* The left third of the chart: the customers who bought recently. */
  g_assert_true (seg_scatter_chart_zoom_to (chart, 0, 0, width / 3.0, height));
  g_assert_true (seg_scatter_chart_get_zoomed (chart));
  g_assert_true (wait_until (scatter_is_ready, chart));
  g_assert_cmpuint (seg_scatter_chart_get_n_builds (chart), >, builds);
  g_assert_true (seg_scatter_chart_get_visible_range (chart, zoomed));
  g_assert_cmpfloat (zoomed[1] - zoomed[0], <, (full[1] - full[0]) / 2);
  g_assert_cmpuint (seg_scatter_chart_get_n_shown (chart), <, all);
  g_assert_cmpuint (seg_scatter_chart_get_n_shown (chart), >, 0);
  save_window_if_asked ("explore-zoomed.png");

  /* Escape zooms out again. */
  gtk_widget_activate_action (widget, "scatter.reset-zoom", NULL);
  g_assert_false (seg_scatter_chart_get_zoomed (chart));
  g_assert_true (wait_until (scatter_is_ready, chart));
  g_assert_cmpuint (seg_scatter_chart_get_n_shown (chart), ==, all);
  g_assert_true (seg_scatter_chart_get_visible_range (chart, again));
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (again[i], ==, full[i]);

  /* Dragging a rectangle zooms too; a double-click zooms out. */
  drag (widget, width * 0.5, height * 0.1, width * 0.9, height * 0.6);
  g_assert_true (seg_scatter_chart_get_zoomed (chart));
  g_assert_true (wait_until (scatter_is_ready, chart));
  g_assert_cmpuint (seg_scatter_chart_get_n_shown (chart), <, all);
  click (widget, width * 0.5, height * 0.5, 2);
  g_assert_false (seg_scatter_chart_get_zoomed (chart));
  g_assert_true (wait_until (scatter_is_ready, chart));
  g_assert_cmpuint (seg_scatter_chart_get_n_shown (chart), ==, all);

  /* A drag too small to mean a rectangle does not zoom, and a rectangle off the plot is
   * refused. */
  drag (widget, width * 0.5, height * 0.5, width * 0.5 + 3, height * 0.5 + 3);
  g_assert_false (seg_scatter_chart_get_zoomed (chart));
  g_assert_false (seg_scatter_chart_zoom_to (chart, 0, 0, 2, 2));
  g_assert_false (seg_scatter_chart_get_zoomed (chart));
}

static void
test_charts_axes (void)
{
  SegScatterChart *chart = ready_scatter ();
  SegExplorePage *page = explore_page ();
  GtkDropDown *x_dropdown = GTK_DROP_DOWN (find_of_type (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN));
  GListModel *model = gtk_drop_down_get_model (x_dropdown);
  guint all = seg_scatter_chart_get_n_shown (chart);
  guint frequency = GTK_INVALID_LIST_POSITION;
  double x, y;
  gint64 customer;
  g_autofree char *text = NULL;
  g_autofree char *orders = NULL;

  /* The sample has a fresh CLV model and interactions: every feature to choose from. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, SC_N_FEATURES);
  g_assert_true (seg_scatter_chart_has_feature (chart, SC_FEATURE_CLV));
  g_assert_true (seg_scatter_chart_has_feature (chart, SC_FEATURE_EMAIL_OPENS));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i),
                   "Frequency (orders)") == 0)
      frequency = i;
  g_assert_cmpuint (frequency, !=, GTK_INVALID_LIST_POSITION);

  gtk_drop_down_set_selected (x_dropdown, frequency);
  g_assert_cmpint (seg_scatter_chart_get_x_feature (chart), ==, SC_FEATURE_FREQUENCY);
  g_assert_true (wait_until (scatter_is_ready, chart));
  g_assert_cmpuint (seg_scatter_chart_get_n_shown (chart), ==, all);

  customer = find_customer_in_segment (chart, 1, &x, &y);
  g_assert_cmpint (customer, >=, 0);
  text = seg_scatter_chart_tooltip_text_at (chart, x, y);
  orders = g_strdup_printf ("Orders: %u\n", reference.aggregates->n_orders[customer]);
  g_assert_nonnull (strstr (text, orders));

  /* The log toggle follows the chart and drives it. */
  seg_scatter_chart_set_x_log (chart, TRUE);
  {
    GtkWidget *toggle = find_any_widget (GTK_WIDGET (page), is_log_toggle, NULL);

    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
    g_assert_true (wait_until (scatter_is_ready, chart));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
    g_assert_false (seg_scatter_chart_get_x_log (chart));
  }

  /* Back to the defaults for the next tests. */
  seg_scatter_chart_set_features (chart, SC_FEATURE_RECENCY, SC_FEATURE_MONETARY);
  g_assert_cmpuint (gtk_drop_down_get_selected (x_dropdown), ==, 0);
  g_assert_true (wait_until (scatter_is_ready, chart));
}

static void
check_export (SegChart   *chart,
              const char *name,
              int         width,
              int         height)
{
  static const char *extensions[] = { "png", "svg", "pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *base = g_strdup_printf ("%s.%s", name, extensions[i]);
      g_autofree char *path = g_build_filename (tmp_dir, base, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (seg_chart_export (chart, file, width, height, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 1000);

      if (i == 0)
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);

          g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (png), ==, 2 * width);
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, 2 * height);
          cairo_surface_destroy (png);
        }
      else if (i == 1)
        g_assert_nonnull (g_strstr_len (contents, MIN (length, 400), "<svg"));
      else
        g_assert_true (g_str_has_prefix (contents, "%PDF-"));

      /* For the help pages and the metainfo: keep the PNGs when asked. */
      if (i == 0 && g_getenv ("SEGMENTS_SCREENSHOT_DIR") != NULL)
        {
          g_autofree char *kept = g_build_filename (g_getenv ("SEGMENTS_SCREENSHOT_DIR"),
                                                    base, NULL);
          g_assert_true (g_file_set_contents (kept, contents, length, NULL));
        }

      g_unlink (path);
    }
}

static void
test_charts_export (void)
{
  SegBarsChart *bars = ready_bars ();
  SegScatterChart *chart;

  check_export (SEG_CHART (bars), "chart-sizes", gtk_widget_get_width (GTK_WIDGET (bars)),
                gtk_widget_get_height (GTK_WIDGET (bars)));

  chart = ready_scatter ();
  /* At the size on screen, and at another size, which bins the points anew for the file. */
  check_export (SEG_CHART (chart), "chart-scatter", gtk_widget_get_width (GTK_WIDGET (chart)),
                gtk_widget_get_height (GTK_WIDGET (chart)));
  check_export (SEG_CHART (chart), "chart-scatter-small", 640, 400);

  /* Unknown formats and unwritable places are refused with a message for people. */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "chart.txt", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_false (seg_chart_export (SEG_CHART (chart), file, 400, 300, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_autofree char *path = g_build_filename (tmp_dir, "missing", "chart.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_assert_false (seg_chart_export (SEG_CHART (chart), file, 400, 300, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }

  /* Copy Image puts a texture at twice the size on the clipboard. */
  seg_chart_copy_image (SEG_CHART (chart));
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (chart));
    GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
    GValue value = G_VALUE_INIT;
    GdkTexture *texture;

    g_assert_nonnull (content);
    g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                      GDK_TYPE_TEXTURE));
    g_value_init (&value, GDK_TYPE_TEXTURE);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    texture = g_value_get_object (&value);
    g_assert_cmpint (gdk_texture_get_width (texture), ==,
                     2 * gtk_widget_get_width (GTK_WIDGET (chart)));
    g_value_unset (&value);
  }

  /* Pictures for people go without the "Chart copied" toast. */
  if (g_getenv ("SEGMENTS_SCREENSHOT_DIR") != NULL)
    dismiss_toasts (GTK_WIDGET (window));
}

static void
test_charts_dark_mode (void)
{
  SegScatterChart *chart = ready_scatter ();
  GtkWidget *widget = GTK_WIDGET (chart);
  guint builds = seg_scatter_chart_get_n_builds (chart);
  g_autoptr(ScPalette) light = sc_palette_new (FALSE);
  g_autoptr(ScPalette) dark = sc_palette_new (TRUE);
  g_autoptr(GdkTexture) light_texture = NULL;
  g_autoptr(GdkTexture) dark_texture = NULL;
  GdkRGBA colour;

  set_dark (FALSE);
  g_assert_false (seg_chart_get_palette (SEG_CHART (chart))->dark);
  light_texture = seg_chart_render_texture (SEG_CHART (chart), 200, 100, 1);
  save_window_if_asked ("explore-light.png");

  /* The segment colours of style.css come from the palette of the current variant. */
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                                 "segment_color_0", &colour));
  g_assert_cmpfloat_with_epsilon (colour.red, light->segments[0].r, 1e-3);
  g_assert_cmpfloat_with_epsilon (colour.blue, light->segments[0].b, 1e-3);

  set_dark (TRUE);
  g_assert_true (seg_chart_get_palette (SEG_CHART (chart))->dark);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                                 "segment_color_0", &colour));
  g_assert_cmpfloat_with_epsilon (colour.red, dark->segments[0].r, 1e-3);
  g_assert_cmpfloat_with_epsilon (colour.blue, dark->segments[0].b, 1e-3);

  /* Repainted in the dark palette from the same point cache. */
  dark_texture = seg_chart_render_texture (SEG_CHART (chart), 200, 100, 1);
  g_assert_cmpuint (texture_pixel (light_texture, 1, 1), !=, texture_pixel (dark_texture, 1, 1));
  g_assert_cmpuint (texture_pixel (dark_texture, 1, 1) & 0xffffff, <, 0x404040);
  settle (GTK_WIDGET (window));
  g_assert_false (seg_scatter_chart_get_busy (chart));
  g_assert_cmpuint (seg_scatter_chart_get_n_builds (chart), ==, builds);

  save_window_if_asked ("explore-dark.png");
  show_page ("overview");
  save_window_if_asked ("overview-dark.png");

  set_dark (FALSE);
  save_window_if_asked ("overview-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpuint (seg_scatter_chart_get_n_builds (chart), ==, builds);
}

static void
test_charts_resize_rebuilds_once (void)
{
  SegScatterChart *chart = ready_scatter ();
  guint builds = seg_scatter_chart_get_n_builds (chart);
  int width = gtk_widget_get_width (GTK_WIDGET (chart));

  /* Several sizes in a row: the builds wait for the resizing to stop. */
  for (guint i = 1; i <= 4; i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), SHOT_WIDTH - 40 * i, SHOT_HEIGHT);
      wait_for_frame (GTK_WIDGET (window));
    }
  g_assert_true (wait_until (scatter_is_ready, chart));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), <, width);
  g_assert_cmpuint (seg_scatter_chart_get_n_builds (chart), <=, builds + 2);
  g_assert_cmpuint (seg_scatter_chart_get_n_builds (chart), >, builds);

  gtk_window_set_default_size (GTK_WINDOW (window), SHOT_WIDTH, SHOT_HEIGHT);
  g_assert_true (wait_until (scatter_is_ready, chart));
}

static GtkDropDown *
vertical_dropdown (GtkWidget *page)
{
  GtkWidget *first = find_of_type (page, GTK_TYPE_DROP_DOWN);

  return GTK_DROP_DOWN (find_any_widget (page, is_other_dropdown, first));
}

static guint
index_of_label (GListModel *model,
                const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
test_charts_clv_features (void)
{
  SegScatterChart *chart = ready_scatter ();
  GtkDropDown *y_dropdown = vertical_dropdown (GTK_WIDGET (explore_page ()));
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScPotential) potential = NULL;
  g_autoptr(GError) error = NULL;
  guint clv;
  double x, y;
  gint64 customer;

  /* With the window's fresh model: lifetime value and P(alive) are offered. */
  g_assert_true (seg_scatter_chart_has_feature (chart, SC_FEATURE_P_ALIVE));
  clv = index_of_label (gtk_drop_down_get_model (y_dropdown), "Customer lifetime value");
  g_assert_cmpuint (clv, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (index_of_label (gtk_drop_down_get_model (y_dropdown),
                                    "Probability still active"), !=,
                    GTK_INVALID_LIST_POSITION);

  gtk_drop_down_set_selected (y_dropdown, clv);
  g_assert_cmpint (seg_scatter_chart_get_y_feature (chart), ==, SC_FEATURE_CLV);
  g_assert_true (wait_until (scatter_is_ready, chart));

  /* The tooltip shows the stored prediction for the customer under the pointer. */
  store = sc_store_open (sc_project_get_path (project ()), FALSE, &error);
  g_assert_no_error (error);
  potential = sc_potential_load_current (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (potential);
  customer = find_customer_in_segment (chart, 0, &x, &y);
  g_assert_cmpint (customer, >=, 0);
  {
    g_autofree char *text = seg_scatter_chart_tooltip_text_at (chart, x, y);
    g_autofree char *value = sc_format_currency (potential->clv[customer], NULL);
    g_autofree char *line = g_strdup_printf ("Customer lifetime value: %s", value);

    g_assert_true (g_str_has_suffix (text, line));
  }

  seg_scatter_chart_set_features (chart, SC_FEATURE_RECENCY, SC_FEATURE_MONETARY);
  g_assert_true (wait_until (scatter_is_ready, chart));
}

/* A project imported and segmented without a value model offers neither. */
static void
test_charts_clv_absent (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "No Model.segments", NULL);
  g_autoptr(GFile) sample = seg_window_dup_sample_dir ();
  g_autofree char *sample_path = g_file_get_path (sample);
  g_autofree char *orders = g_build_filename (sample_path, "transactions.csv", NULL);
  g_autoptr(ScProject) other_project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SegSelection) selection = seg_selection_new ();
  GtkWidget *other = gtk_window_new ();
  SegExplorePage *page = SEG_EXPLORE_PAGE (seg_explore_page_new ());
  SegScatterChart *chart = seg_explore_page_get_chart (page);

  other_project = sc_project_open (path, TRUE, &error);
  g_assert_no_error (error);
  test_project_import (other_project, orders);
  test_project_segment_k (other_project, 0);

  gtk_window_set_default_size (GTK_WINDOW (other), 900, 600);
  gtk_window_set_child (GTK_WINDOW (other), GTK_WIDGET (page));
  seg_explore_page_set_project (page, other_project, selection);
  gtk_window_present (GTK_WINDOW (other));
  g_assert_true (wait_until (scatter_is_ready, chart));

  g_assert_false (seg_scatter_chart_has_feature (chart, SC_FEATURE_CLV));
  g_assert_false (seg_scatter_chart_has_feature (chart, SC_FEATURE_P_ALIVE));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (
                      vertical_dropdown (GTK_WIDGET (page)))), ==, 5);

  /* Asked for anyway, the chart shows no points but the reason, painted in their place. */
  seg_scatter_chart_set_features (chart, SC_FEATURE_RECENCY, SC_FEATURE_CLV);
  g_assert_true (wait_until (scatter_is_idle, chart));
  g_assert_cmpuint (seg_scatter_chart_get_n_shown (chart), ==, 0);
  {
    g_autoptr(GdkTexture) texture = seg_chart_render_texture (SEG_CHART (chart), 300, 200, 1);
    g_autofree guchar *pixels = g_malloc (300 * 200 * 4);
    gboolean has_text = FALSE;

    /* Pixels around the middle differ from the background: the message. */
    gdk_texture_download (texture, pixels, 300 * 4);
    for (int y = 80; y < 120 && !has_text; y++)
      has_text = memcmp (pixels + y * 300 * 4, pixels, 300 * 4) != 0;
    g_assert_true (has_text);
  }
  seg_scatter_chart_set_features (chart, SC_FEATURE_RECENCY, SC_FEATURE_MONETARY);
  g_assert_true (wait_until (scatter_is_ready, chart));

  gtk_window_destroy (GTK_WINDOW (other));
  drain_events ();
}

/* What to do the moment a load has started in its worker, before its result can come back:
 * the notification runs in the main thread from inside the chart's start of the load. */
typedef enum
{
  ON_LOAD_NOTHING,
  ON_LOAD_CLOSE_PROJECT,
  ON_LOAD_DESTROY_WINDOW,
} OnLoad;

static OnLoad on_load;

static void
on_busy (SegScatterChart *chart,
         GParamSpec      *pspec,
         GtkWidget       *other)
{
  gboolean busy;
  OnLoad action = on_load;

  g_object_get (chart, "busy", &busy, NULL);
  if (!busy || action == ON_LOAD_NOTHING)
    return;

  on_load = ON_LOAD_NOTHING;
  if (action == ON_LOAD_CLOSE_PROJECT)
    seg_chart_set_project (SEG_CHART (chart), NULL);
  else
    gtk_window_destroy (GTK_WINDOW (other));
}

static void
test_charts_cancel (void)
{
  GtkWidget *other = gtk_window_new ();
  SegScatterChart *chart = SEG_SCATTER_CHART (seg_scatter_chart_new ());
  g_autoptr(SegSelection) selection = seg_selection_new ();

  gtk_window_set_default_size (GTK_WINDOW (other), 600, 400);
  gtk_window_set_child (GTK_WINDOW (other), GTK_WIDGET (chart));
  seg_chart_set_selection (SEG_CHART (chart), selection);
  g_signal_connect (chart, "notify::busy", G_CALLBACK (on_busy), other);
  g_object_add_weak_pointer (G_OBJECT (chart), (gpointer *) &chart);
  gtk_window_present (GTK_WINDOW (other));

  /* Loading starts with the first layout; closing the project in the middle cancels it,
   * and its result, whenever the worker finishes, is dropped. */
  on_load = ON_LOAD_CLOSE_PROJECT;
  seg_chart_set_project (SEG_CHART (chart), project ());
  g_assert_true (seg_scatter_chart_get_busy (chart));
  g_assert_true (wait_until (scatter_is_idle, chart));
  g_assert_cmpint (on_load, ==, ON_LOAD_NOTHING);
  /* Time for a result that must be dropped to come back: nothing to wait on. */
  settle_for (300);
  g_assert_null (seg_chart_get_project (SEG_CHART (chart)));
  g_assert_cmpuint (seg_scatter_chart_get_n_shown (chart), ==, 0);
  g_assert_cmpuint (seg_scatter_chart_get_n_builds (chart), ==, 0);

  /* Asked again, it loads. */
  seg_chart_set_project (SEG_CHART (chart), project ());
  g_assert_true (wait_until (scatter_is_ready, chart));
  g_assert_cmpuint (seg_scatter_chart_get_n_builds (chart), ==, 1);

  /* A burst of changes ends in one consistent cache for the last settings. */
  seg_scatter_chart_set_features (chart, SC_FEATURE_FREQUENCY, SC_FEATURE_AOV);
  seg_scatter_chart_set_x_log (chart, TRUE);
  seg_scatter_chart_set_features (chart, SC_FEATURE_TENURE, SC_FEATURE_MONETARY);
  g_assert_true (wait_until (scatter_is_ready, chart));
  {
    g_autofree char *text = NULL;
    double x = 0, y = 0;
    gint64 customer = -1;

    for (guint32 i = 0; i < run ()->n_customers && customer < 0; i++)
      if (seg_scatter_chart_get_customer_position (chart, i, &x, &y))
        customer = seg_scatter_chart_customer_at (chart, x, y);
    g_assert_cmpint (customer, >=, 0);
    text = seg_scatter_chart_tooltip_text_at (chart, x, y);
    g_assert_nonnull (strstr (text, "\nTenure: "));
  }

  /* Closing the window while a load runs: the load is dropped at once, and the chart goes
   * when its worker lets it go. */
  seg_chart_set_project (SEG_CHART (chart), NULL);
  on_load = ON_LOAD_DESTROY_WINDOW;
  seg_chart_set_project (SEG_CHART (chart), project ());
  g_object_ref (chart);
  g_assert_true (wait_until (widget_is_unrooted, chart));
  g_assert_cmpint (on_load, ==, ON_LOAD_NOTHING);
  g_assert_false (seg_scatter_chart_get_busy (chart));
  g_object_unref (chart);
  g_assert_true (wait_until (pointer_is_null, &chart));
}

static void
test_charts_project_closed (void)
{
  SegScatterChart *chart = ready_scatter ();
  SegBarsChart *bars = bars_chart ();
  ScRect area;

  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "Empty.segments", NULL);

  /* A new, empty project: nothing to draw, the Explore page offers to segment. */
  file = g_file_new_for_path (path);
  g_assert_true (seg_window_open_project (window, file, TRUE));
  wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpuint (seg_scatter_chart_get_n_shown (chart), ==, 0);
  g_assert_false (seg_bars_chart_get_row_area (bars, 0, &area));
  g_assert_null (seg_scatter_chart_tooltip_text_at (chart, 100, 100));
  g_assert_cmpint (seg_chart_get_selected (SEG_CHART (bars)), ==, -1);
}

/* ------------------------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = test_make_xdg_home ("test-ui-charts-XXXXXX");
  /* The test accessibility backend records what the widgets tell assistive technologies. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  app = ui_test_init_app (&argc, &argv, "io.github.segments.Segments.ChartsTest",
                          G_APPLICATION_DEFAULT_FLAGS);

  g_test_add_func ("/Ui/Charts/open-sample", test_charts_open_sample);
  g_test_add_func ("/Ui/Charts/accessible", test_charts_accessible);
  g_test_add_func ("/Ui/Charts/scatter-points", test_charts_scatter_shows_every_segmented_customer);
  g_test_add_func ("/Ui/Charts/scatter-tooltip", test_charts_scatter_tooltip);
  g_test_add_func ("/Ui/Charts/selection-shared", test_charts_bars_click_selects_everywhere);
  g_test_add_func ("/Ui/Charts/keyboard", test_charts_keyboard);
  g_test_add_func ("/Ui/Charts/zoom-and-reset", test_charts_zoom_and_reset);
  g_test_add_func ("/Ui/Charts/axes", test_charts_axes);
  g_test_add_func ("/Ui/Charts/export", test_charts_export);
  g_test_add_func ("/Ui/Charts/dark-mode", test_charts_dark_mode);
  g_test_add_func ("/Ui/Charts/resize", test_charts_resize_rebuilds_once);
  g_test_add_func ("/Ui/Charts/clv-features", test_charts_clv_features);
  g_test_add_func ("/Ui/Charts/clv-absent", test_charts_clv_absent);
  g_test_add_func ("/Ui/Charts/cancel", test_charts_cancel);
  g_test_add_func ("/Ui/Charts/project-closed", test_charts_project_closed);

  ret = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&reference.keys, g_ptr_array_unref);
  g_clear_pointer (&reference.aggregates, sc_aggregates_free);
  g_clear_object (&app);
  test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
