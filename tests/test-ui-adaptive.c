/* test-ui-adaptive.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window fits a phone (issue 19): with the sample open, every page's smallest width is
 * at most 360 px, as the desktop file and metainfo promise; the Segments page then shows
 * its list, grid and details one at a time, no label cut.  With SEGMENTS_SCREENSHOT_DIR
 * set, each page is also saved at 360, 600, 1024 and 1440 px wide to be looked at (with
 * SEGMENTS_TEXT_SCALE=1.5 too, at large text).  The Overview's key figures, before they are
 * known, show a spinner or leave a card out rather than a placeholder.  Some controls must
 * show their text whole even where a tooltip would have it: the wizard's column roles, the
 * Explore axes, the Rules dialog's condition and the Hypotheses page's "Group By"; and the
 * Report page's toolbar fits the window rather than scrolling sideways. */


#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "seg-application.h"
#include "seg-changes-dialog.h"
#include "seg-import-columns-page.h"
#include "seg-import-database.h"
#include "seg-overview-page.h"
#include "seg-rules-dialog.h"
#include "seg-run-params.h"
#include "seg-segment-list.h"
#include "seg-segments-page.h"
#include "seg-window.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"
#include "ui-wizard-utils.h"

#define NARROW 360

static SegApplication *app;
static const char *pages[] = { "brief", "overview", "explore", "segments", "report",
                               "hypotheses" };

/* The widest minimum below ROOT, for a message saying what keeps the window wide. */
static void
widest (GtkWidget  *root,
        GtkWidget **out,
        int        *out_width)
{
  GtkWidget *best = NULL;
  int best_width = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > best_width)
        {
          best = child;
          best_width = min;
        }
    }
  if (best == NULL || best_width <= NARROW)
    return;
  *out = best;
  *out_width = best_width;
  widest (best, out, out_width);
}

static SegWindow *
sample_window (int width,
               int height)
{
  SegWindow *window = seg_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  WAIT_FOR (!seg_window_is_busy (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
            g_strcmp0 (seg_window_get_page_name (window), "project") == 0);
  dismiss_toasts (GTK_WIDGET (window));
  return window;
}

static void
show_page (SegWindow  *window,
           const char *page)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                  g_variant_new_string (page));
  settle (GTK_WIDGET (window));
}

static gboolean
is_view_stack (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_VIEW_STACK (widget);
}

/* The smallest width of ROOT; when over 360 px, what keeps it wide is logged, from the
 * widest widget up to ROOT. */
static int
min_width_logged (GtkWidget  *root,
                  const char *name)
{
  GtkWidget *culprit = NULL;
  int culprit_width = 0;
  int min = 0;

  gtk_widget_measure (root, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  widest (root, &culprit, &culprit_width);
  if (min > NARROW)
    for (GtkWidget *w = culprit; w != NULL && w != root; w = gtk_widget_get_parent (w))
      {
        int m = 0;

        gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &m, NULL, NULL, NULL);
        g_test_message ("%s: %d px; %s %s %d px", name, min, G_OBJECT_TYPE_NAME (w),
                        gtk_widget_get_css_classes (w)[0] ? gtk_widget_get_css_classes (w)[0]
                                                           : "", m);
      }
  return min;
}

/* The smallest width of the page WINDOW shows (a stack is as wide as its widest page). */
static int
page_min_width (SegWindow  *window,
                const char *name)
{
  GtkWidget *page = adw_view_stack_get_visible_child (
    ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), is_view_stack, NULL)));

  return min_width_logged (page, name);
}

static int set_text_scale (double scale);

/* Every page's smallest width at the text SCALE is at most 360 px. */
static void
check_pages_narrow (double scale)
{
  SegWindow *window;
  int dpi;

  /* GNOME's window buttons (org.gnome.desktop.wm.preferences button-layout "appmenu:close");
   * without a settings daemon GTK would add minimise and maximise, which a phone has not. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  dpi = set_text_scale (scale);
  window = sample_window (1024, 700);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      show_page (window, pages[i]);
      g_assert_cmpint (page_min_width (window, pages[i]), <=, NARROW);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", dpi, NULL);
}

static void
test_adaptive_narrow (void)
{
  check_pages_narrow (1.0);
}

/* At 1.5× text too every page fits 360 px: the Overview's segment rows, the Segments page's
 * buttons (on two rows then), Explore's and the overlay's drop-downs (their choice shortened)
 * and the Report's export buttons (their label on two lines) give way. */
static void
test_adaptive_narrow_large_text (void)
{
  check_pages_narrow (1.5);
}

/* Whether WIDGET sits in something that scrolls sideways, where a label past the window's
 * edge is scrolled to, not lost (the report's toolbar on a narrow window). */
static gboolean
scrolls_sideways (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      {
        GtkPolicyType policy;

        gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (w), &policy, NULL);
        if (policy != GTK_POLICY_NEVER)
          return TRUE;
      }
  return FALSE;
}

/* Whether hovering WIDGET shows TEXT whole: GTK shows the tooltip of the widget under the
 * pointer or, when it has none, of its nearest ancestor with one (an AdwWindowTitle's tooltip
 * covers its title and subtitle labels). */
static gboolean
tooltip_shows (GtkWidget  *widget,
               const char *text)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      if (tooltip != NULL)
        return strstr (tooltip, text) != NULL;
    }
  return FALSE;
}

/* Where LAYOUT breaks a line inside a word ("Custome-r List"): a line starting at a
 * place Pango's line breaking does not allow, which only happens when a word is wider than
 * the room (PANGO_WRAP_WORD_CHAR); NULL when every line starts at a word boundary.  The word
 * is returned, to be named in the failure. */
static char *
word_broken (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  const PangoLogAttr *attrs;
  int n_attrs = 0;

  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      glong offset;

      if (line->start_index == 0)
        continue;
      offset = g_utf8_pointer_to_offset (text, text + line->start_index);
      if (offset < n_attrs && !attrs[offset].is_line_break)
        {
          const char *start = text + line->start_index;
          const char *end = start;

          while (start > text && !g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (start))))
            start = g_utf8_prev_char (start);
          while (*end != '\0' && !g_unichar_isspace (g_utf8_get_char (end)))
            end = g_utf8_next_char (end);
          return g_strndup (start, end - start);
        }
    }
  return NULL;
}

/* Every label shown inside the window and whole, else a line for it in PROBLEMS: not past
 * the window's right edge (unless it scrolls there); its text, as Pango laid it out for the room it was given, within
 * that room (no line cut by a short width or height); and not ellipsized unless the tooltip
 * it shows has the whole text (the segment list's long names, the wizard's title, by design);
 * no word broken across lines (a label given less room than its longest word). */
static void
collect_cut_labels (GtkWidget *root,
                    GtkWidget *window,
                    GString   *problems)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && gtk_label_get_label (GTK_LABEL (child))[0] != '\0')
        {
          GtkLabel *label = GTK_LABEL (child);
          PangoLayout *layout = gtk_label_get_layout (label);
          graphene_rect_t bounds;
          int text_width = 0, text_height = 0;
          const char *text = gtk_label_get_text (label);
          g_autofree char *broken = NULL;

          g_assert_true (gtk_widget_compute_bounds (child, window, &bounds));
          pango_layout_get_pixel_size (layout, &text_width, &text_height);
          if ((bounds.origin.x < -0.5 ||
               bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) + 0.5) &&
              !scrolls_sideways (child))
            g_string_append_printf (problems, "\n  \"%s\" at %g..%g outside a window %d px wide",
                                    text, bounds.origin.x, bounds.origin.x + bounds.size.width,
                                    gtk_widget_get_width (window));
          else if (pango_layout_is_ellipsized (layout))
            {
              if (!tooltip_shows (child, text))
                g_string_append_printf (problems, "\n  \"%s\" ellipsized in %d px", text,
                                        gtk_widget_get_width (child));
            }
          else if ((broken = word_broken (layout)) != NULL)
            g_string_append_printf (problems, "\n  \"%s\" breaks the word \"%s\" in %d px",
                                    text, broken, gtk_widget_get_width (child));
          else if (text_width > gtk_widget_get_width (child) ||
                   text_height > gtk_widget_get_height (child))
            g_string_append_printf (problems, "\n  \"%s\" clipped: %d × %d px of %d × %d",
                                    text, gtk_widget_get_width (child),
                                    gtk_widget_get_height (child), text_width, text_height);
        }
      collect_cut_labels (child, window, problems);
    }
}

/* Labels under ROOT that show less than their text: ellipsized, or, not wrapping, given
 * less width than their text takes on one line.  A line for each in PROBLEMS, named WHAT. */
static void
collect_shortened (GtkWidget  *root,
                   const char *what,
                   GString    *problems)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && gtk_label_get_text (GTK_LABEL (child))[0] != '\0')
        {
          GtkLabel *label = GTK_LABEL (child);
          int natural = 0;

          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL,
                              NULL);
          if (pango_layout_is_ellipsized (gtk_label_get_layout (label)) ||
              (!gtk_label_get_wrap (label) && gtk_widget_get_width (child) < natural))
            g_string_append_printf (problems, "\n  %s: “%s” shown in %d px of the %d it takes",
                                    what, gtk_label_get_text (label),
                                    gtk_widget_get_width (child), natural);
        }
      collect_shortened (child, what, problems);
    }
}

typedef gboolean (*ControlFunc) (GtkWidget *widget);

static gboolean
is_mapped_drop_down (GtkWidget *widget)
{
  return GTK_IS_DROP_DOWN (widget) && gtk_widget_get_mapped (widget);
}

/* A row whose title and choice must show whole: the Hypotheses page's "Group By" and the
 * Rules dialog's condition. */
static gboolean
is_named_row (GtkWidget *widget)
{
  const char *title;

  if (!ADW_IS_PREFERENCES_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  return g_strcmp0 (title, "Group By") == 0 || g_str_has_prefix (title, "Condition");
}

/* The controls below ROOT that IS_CONTROL picks, each with its labels whole; returns how many
 * were checked (a check that finds no control proves nothing). */
static guint
check_controls_whole (GtkWidget   *root,
                      ControlFunc  is_control,
                      const char  *where,
                      GString     *problems)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (is_control (child))
        {
          collect_shortened (child, where, problems);
          n++;
        }
      else
        n += check_controls_whole (child, is_control, where, problems);
    }
  return n;
}

static gboolean
is_shown_columns_page (GtkWidget *widget,
                       gpointer   data)
{
  return SEG_IS_IMPORT_COLUMNS_PAGE (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_report_toolbar (GtkWidget *widget,
                   gpointer   data)
{
  return gtk_widget_has_css_class (widget, "report-toolbar");
}

/* The Report page's toolbar fits the window: it does not scroll sideways, and each of its
 * buttons shown lies inside the window with its label whole. */
static void
check_report_toolbar (GtkWidget *window,
                      GString   *problems)
{
  GtkWidget *toolbar = find_widget (window, is_report_toolbar, NULL);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  guint n_buttons = 0;

  g_assert_nonnull (toolbar);
  if (scrolls_sideways (toolbar))
    g_string_append (problems, "\n  report: the toolbar scrolls sideways");
  g_ptr_array_add (stack, toolbar);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (w))
        continue;
      if (GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w))
        {
          n_buttons++;
          g_assert_true (gtk_widget_compute_bounds (w, window, &bounds));
          if (bounds.origin.x < -0.5 ||
              bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) + 0.5)
            g_string_append_printf (problems, "\n  report: the toolbar's “%s” at %g..%g "
                                    "outside a window %d px wide",
                                    gtk_widget_get_tooltip_text (w) != NULL
                                    ? gtk_widget_get_tooltip_text (w) : G_OBJECT_TYPE_NAME (w),
                                    bounds.origin.x, bounds.origin.x + bounds.size.width,
                                    gtk_widget_get_width (window));
          collect_shortened (w, "report toolbar", problems);
        }
      for (GtkWidget *child = gtk_widget_get_first_child (w); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_assert_cmpuint (n_buttons, >=, 6);
}

/* The check itself: a layout too narrow for "Customer" breaks it with word-char wrapping,
 * and is found; the same text wide enough for its words breaks between them, and passes. */
static void
test_adaptive_word_broken (void)
{
  GtkWidget *label = gtk_label_new (NULL);
  const char *text = "Customer List (Optional)";
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (label, text);
  g_autofree char *broken = NULL;
  int word_width = 0;

  g_object_ref_sink (label);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  g_assert_null (word_broken (layout));
  /* As wide as the widest word: each word on a line of its own. */
  for (const char *const *w = (const char *const[]) { "Customer", "List", "(Optional)", NULL };
       *w != NULL; w++)
    {
      g_autoptr(PangoLayout) word = gtk_widget_create_pango_layout (label, *w);
      int width = 0;

      pango_layout_get_size (word, &width, NULL);
      word_width = MAX (word_width, width);
    }
  pango_layout_set_width (layout, word_width);
  g_assert_cmpint (pango_layout_get_line_count (layout), ==, 3);
  g_assert_null (word_broken (layout));
  pango_layout_set_width (layout, word_width / 2);
  broken = word_broken (layout);
  g_assert_nonnull (broken);
  g_assert_true (strstr (text, broken) != NULL);
  g_object_unref (label);
}

static void
assert_labels_whole (GtkWidget *root,
                     GtkWidget *window)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  collect_cut_labels (root, window, problems);
  if (problems->len > 0)
    g_error ("labels cut:%s", problems->str);
}

/* Waits until SHOWN is the one of the three panes on the page, then checks it fits and its
 * labels are whole; saves it as SHOT when asked. */
static void
shown_alone (SegWindow  *window,
             GtkWidget  *page,
             GtkWidget  *shown,
             GtkWidget  *hidden,
             GtkWidget  *hidden_too,
             const char *shot)
{
  int min = 0;

  WAIT_FOR (gtk_widget_get_mapped (shown) && gtk_widget_get_width (shown) > 0 &&
            !gtk_widget_get_mapped (hidden) && !gtk_widget_get_mapped (hidden_too));
  settle (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (shown));
  g_assert_false (gtk_widget_get_mapped (hidden));
  g_assert_false (gtk_widget_get_mapped (hidden_too));
  g_assert_cmpint (gtk_widget_get_width (shown), <=, NARROW);
  /* The page's minimum with what it shows now (the details of a segment are wider). */
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, NARROW);
  assert_labels_whole (page, GTK_WIDGET (window));
  if (shot != NULL)
    save_widget_if_asked (GTK_WIDGET (window), shot);
}

static void
go_back (GtkWidget  *page,
         const char *tooltip)
{
  GtkWidget *back = find_widget (page, is_button_with_tooltip, (gpointer) tooltip);

  g_assert_nonnull (back);
  g_assert_true (gtk_widget_get_mapped (back));
  g_signal_emit_by_name (back, "clicked");
}

/* The Segments page at 360 px: the list, a segment's details, then back to the grid and the
 * list, each alone on the page and with every label whole. */
static void
test_adaptive_segments (void)
{
  SegWindow *window;
  GtkWidget *page, *list, *details, *grid;
  int min = 0;

  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  window = sample_window (NARROW, 640);
  show_page (window, "segments");
  page = find_of_type (GTK_WIDGET (window), SEG_TYPE_SEGMENTS_PAGE);
  list = find_of_type (page, SEG_TYPE_SEGMENT_LIST);
  grid = find_of_type (page, SEG_TYPE_GRID_CHART);
  details = find_of_type (page, SEG_TYPE_SEGMENT_DETAILS);
  /* GTK may draw a frame before the page has its new width: wait for the width itself. */
  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) <= NARROW &&
            gtk_widget_get_width (page) > 0 && gtk_widget_get_width (page) <= NARROW &&
            gtk_widget_get_mapped (list));
  settle (GTK_WIDGET (window));
  /* The window measures its frame too (resize borders without a compositor): its content,
   * the page folded, must fit. */
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, NARROW);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, NARROW);

  shown_alone (window, page, list, grid, details, "adaptive-segments-list-360.png");

  /* Choosing a segment shows its details, with a way back to the grid, then the list. */
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (
                           seg_segment_list_get_list_box (SEG_SEGMENT_LIST (list)), 0),
                         "activate");
  shown_alone (window, page, details, list, grid, "adaptive-segments-details-360.png");
  go_back (page, "Back to the Grid");
  shown_alone (window, page, grid, details, list, "adaptive-segments-grid-360.png");
  go_back (page, "Back to the Segments");
  shown_alone (window, page, list, grid, details, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Sets the desktop's text scaling (GNOME's text-scaling-factor reaches GTK as gtk-xft-dpi);
 * returns the setting it had. */
static int
set_text_scale (double scale)
{
  GtkSettings *settings = gtk_settings_get_default ();
  int dpi = 0;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", (int) (96 * 1024 * scale), NULL);
  return dpi;
}

static gboolean
is_stack_moving (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget));
}

/* Waits until WINDOW is 360 px wide, or as narrow as its CONTENT lets it be, then adds a
 * line under WHERE to PROBLEMS for each cut label; saves SHOT when asked.  When MUST_FIT (the
 * main window, the import wizard and the dialogs, at any text size) a window that cannot be
 * 360 px wide is a problem too, and so is one that did not become so: the labels are checked
 * at the width the window really has, which is named. */
static void
check_window_labels (GtkWidget  *window,
                     GtkWidget  *content,
                     gboolean    must_fit,
                     const char *where,
                     const char *shot,
                     GString    *problems)
{
  g_autoptr(GString) found = g_string_new (NULL);
  int min = min_width_logged (content, where);

  if (must_fit && min > NARROW)
    g_string_append_printf (problems, "\n%s: %d px wide at least", where, min);
  WAIT_FOR (gtk_widget_get_width (window) <= MAX (NARROW, min) || !must_fit);
  if (must_fit && gtk_widget_get_width (window) > NARROW)
    g_string_append_printf (problems, "\n%s: the window is %d px wide, not %d", where,
                            gtk_widget_get_width (window), NARROW);
  /* A step sliding in shows the one it replaces beside it, past the window's edge. */
  WAIT_FOR (find_widget (window, is_stack_moving, NULL) == NULL);
  settle (window);
  /* A label whose text a worker set just after the window settled (a row count, say) is
   * mapped but laid out only at the next frame: what is cut must stay cut a frame later. */
  for (guint look = 0; look < 3; look++)
    {
      g_string_truncate (found, 0);
      collect_cut_labels (window, window, found);
      if (found->len == 0)
        break;
      gtk_widget_queue_draw (window);
      settle (window);
    }
  if (found->len > 0)
    g_string_append_printf (problems, "\n%s (%d px wide):%s", where,
                            gtk_widget_get_width (window), found->str);
  save_widget_if_asked (window, shot);
}

/* Before a check at 360 px: GNOME's window buttons and the text scale asked for; returns
 * the scale to give back to end_narrow(). */
static int
start_narrow (double scale)
{
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  return set_text_scale (scale);
}

/* After it: the text scale back to DPI, and a failure listing the PROBLEMS found WHERE. */
static void
end_narrow (int         dpi,
            GString    *problems,
            const char *where,
            double      scale)
{
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", dpi, NULL);
  if (problems->len > 0)
    g_error ("labels cut%s at %g× text:%s", where, scale, problems->str);
}

/* Every page at 360 px, at normal and at large text, with every label in the window whole:
 * the header bar's, the page switcher's at the bottom and the page's.  All cut labels are
 * listed before failing; what keeps the window wider than 360 px is logged. */
static void
check_page_labels (double scale)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  SegWindow *window;
  int dpi;

  dpi = start_narrow (scale);
  window = sample_window (NARROW, 640);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *shot = g_strdup_printf ("adaptive-labels-%s-360-%s.png", pages[i],
                                               scale > 1 ? "large" : "normal");

      show_page (window, pages[i]);
      check_window_labels (GTK_WIDGET (window),
                           adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                           TRUE, pages[i], shot, problems);
      /* Shortened with the whole in a tooltip passes the check above; these controls show
       * their text whole (issue 19). */
      if (g_str_equal (pages[i], "explore"))
        g_assert_cmpuint (check_controls_whole (GTK_WIDGET (window), is_mapped_drop_down,
                                                "explore axis", problems), ==, 2);
      else if (g_str_equal (pages[i], "hypotheses"))
        g_assert_cmpuint (check_controls_whole (GTK_WIDGET (window), is_named_row,
                                                "hypotheses", problems), ==, 1);
      else if (g_str_equal (pages[i], "report"))
        check_report_toolbar (GTK_WIDGET (window), problems);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  end_narrow (dpi, problems, "", scale);
}

static GFile *
sample_gfile (const char *name)
{
  g_autofree char *path = sample_file (name);

  return g_file_new_for_path (path);
}

/* Every step of the import wizard at 360 px, the three sample files chosen, with every label
 * whole and no word broken, at normal and at large text (the file rows' buttons show icons
 * then, the columns' drop-downs shorten their choice).  The check runs; nothing is
 * imported.  All cut labels are listed before failing. */
static void
check_wizard_labels (double scale)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *project_path = temp_path ("Adaptive.segments");
  g_autoptr(GFile) project_file = g_file_new_for_path (project_path);
  g_autoptr(GFile) orders = sample_gfile ("transactions.csv");
  g_autoptr(GFile) sample_customers = sample_gfile ("customers.csv");
  /* A name with markup's special characters: the check page shows it whole, as it is. */
  g_autofree char *customers_path = temp_path ("Customers & <Prospects>.csv");
  g_autoptr(GFile) customers = g_file_new_for_path (customers_path);
  g_autoptr(GFile) interactions = sample_gfile ("interactions.csv");
  SegImportWizard *wizard;
  SegWindow *window;
  int dpi;

  dpi = start_narrow (scale);
  window = wizard_new_window (GTK_APPLICATION (app));
  wizard = open_wizard (window);
  remove_project (project_path);
  g_assert_true (g_file_copy (sample_customers, customers, G_FILE_COPY_OVERWRITE, NULL, NULL,
                              NULL, NULL));
  seg_import_wizard_set_project_file (wizard, project_file);
  g_assert_true (seg_import_wizard_set_orders_file (wizard, orders));
  g_assert_true (seg_import_wizard_set_customers_file (wizard, customers));
  g_assert_true (seg_import_wizard_set_interactions_file (wizard, interactions));
  gtk_window_set_default_size (GTK_WINDOW (wizard), NARROW, 640);
  for (;;)
    {
      g_autofree char *step = g_strdup (seg_import_wizard_get_page_name (wizard));
      g_autofree char *shot = g_strdup_printf ("adaptive-wizard-%s-360-%s.png", step,
                                               scale > 1 ? "large" : "normal");
      GtkWidget *columns;

      if (g_str_equal (step, "check"))
        {
          WAIT_FOR (check_done (wizard));
          g_assert_nonnull (find_widget (GTK_WIDGET (wizard), is_drawable_label_starting,
                                         (gpointer) "Customers & <Prospects>.csv\n"));
        }
      check_window_labels (GTK_WIDGET (wizard), adw_window_get_content (ADW_WINDOW (wizard)),
                           TRUE, step, shot, problems);
      /* The column roles' menus show their choice whole, not "O…" (issue 19). */
      columns = find_widget (GTK_WIDGET (wizard), is_shown_columns_page, NULL);
      if (columns != NULL)
        g_assert_cmpuint (check_controls_whole (columns, is_mapped_drop_down, step, problems),
                          >, 0);
      if (g_str_equal (step, "check"))
        break;
      WAIT_FOR (next_enabled (wizard));
      press_next (wizard);
      WAIT_FOR (g_strcmp0 (seg_import_wizard_get_page_name (wizard), step) != 0);
    }
  gtk_window_destroy (GTK_WINDOW (wizard));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (customers_path);
  remove_project (project_path);
  end_narrow (dpi, problems, " in the import wizard", scale);
}

/* The sample segmented again into one segment more, unless that was done: the segments
 * before are kept as a snapshot, so What Changed has a comparison to show (drift rows with
 * their flags, the migration, the biggest moves, the chart over time). */
static void
segment_again (SegWindow *window)
{
  ScProject *project = seg_window_get_project (window);
  g_autoptr(GArray) snapshots = sc_project_list_snapshots (project, NULL);
  ScRunParams params;

  g_assert_nonnull (snapshots);
  if (snapshots->len > 0)
    return;
  params = sc_project_get_run (project)->params;
  params.k = sc_project_get_run (project)->k + 1;
  g_action_group_activate_action (G_ACTION_GROUP (window), "segment-with",
                                  seg_run_params_to_variant (&params));
  WAIT_FOR (!seg_window_is_busy (window) &&
            g_strcmp0 (seg_window_get_page_name (window), "project") == 0 &&
            sc_project_get_run (project)->k == params.k);
  dismiss_toasts (GTK_WIDGET (window));
}

static gboolean
is_flagged_drift_row (GtkWidget *widget,
              gpointer   data)
{
  return gtk_widget_has_css_class (widget, "drift-flagged");
}

/* With SEGMENTS_SCREENSHOT_DIR set, the rest of DIALOG's scrolled content too, a window's
 * height at a time: what a phone shows after scrolling. */
static void
save_scrolled_if_asked (GtkWidget  *dialog,
                        const char *name,
                        double      scale)
{
  GtkWidget *scroller = find_widget (dialog, is_of_type,
                                     GSIZE_TO_POINTER (GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *adjustment;

  if (g_getenv ("SEGMENTS_SCREENSHOT_DIR") == NULL || scroller == NULL)
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  for (guint part = 2; gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (
                         adjustment) < gtk_adjustment_get_upper (adjustment); part++)
    {
      g_autofree char *shot = g_strdup_printf ("adaptive-dialog-%s-360-%s-%u.png", name,
                                               scale > 1 ? "large" : "normal", part);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                            gtk_adjustment_get_page_size (adjustment));
      settle (dialog);
      save_widget_if_asked (dialog, shot);
    }
}

/* The dialogs the main window opens, What Changed and the Rules, at 360 px with the sample
 * open: no wider than 360 px, every label whole, no word broken, at normal and at large
 * text.  What Changed compares the segments before the sample was segmented again with
 * those now, so that its widest parts (the flags of a changed segment, the migration) are
 * shown.  (About and the shortcuts are GTK's and libadwaita's own.) */
static void
check_dialog_labels (double scale)
{
  int dpi = start_narrow (scale);
  SegWindow *window = sample_window (NARROW, 640);
  g_autoptr(GString) problems = g_string_new (NULL);

  segment_again (window);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "changes" : "rules";
      g_autofree char *shot = g_strdup_printf ("adaptive-dialog-%s-360-%s.png", name,
                                               scale > 1 ? "large" : "normal");
      ScProject *project = seg_window_get_project (window);
      GtkWidget *dialog = i == 0 ? GTK_WIDGET (seg_changes_dialog_new (GTK_WINDOW (window),
                                                                       project))
                                 : seg_rules_dialog_new (GTK_WINDOW (window), project);

      gtk_window_set_default_size (GTK_WINDOW (dialog), NARROW, 640);
      gtk_window_present (GTK_WINDOW (dialog));
      WAIT_FOR (gtk_widget_get_mapped (dialog));
      if (i == 0)
        {
          SegChangesDialog *changes = SEG_CHANGES_DIALOG (dialog);

          WAIT_FOR (!seg_changes_dialog_is_loading (changes) &&
                    seg_changes_dialog_get_drift (changes) != NULL &&
                    seg_changes_dialog_get_impact (changes) != NULL);
          /* A segment flagged: its row shows the pills that made the dialog wide. */
          g_assert_cmpuint (seg_changes_dialog_get_drift (changes)->n_flagged, >, 0);
          WAIT_FOR (find_widget (dialog, is_flagged_drift_row, NULL) != NULL &&
                    gtk_widget_get_mapped (find_widget (dialog, is_flagged_drift_row, NULL)));
        }
      check_window_labels (dialog, adw_window_get_content (ADW_WINDOW (dialog)), TRUE, name,
                           shot, problems);
      if (i == 1)
        g_assert_cmpuint (check_controls_whole (dialog, is_named_row, name, problems), ==, 1);
      if (i == 0)
        save_scrolled_if_asked (dialog, name, scale);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  end_narrow (dpi, problems, " in the dialogs", scale);
}

static void
test_adaptive_dialogs (void)
{
  check_dialog_labels (1.0);
  check_dialog_labels (1.5);
}

/* The import wizard's database step (issue 22) at 360 px: its first page, the connection
 * form, with every label whole and no word broken, at normal and at large text.  The pages
 * after it need a server (the ui-pg suites walk those). */
static void
check_database_labels (double scale)
{
  int dpi = start_narrow (scale);
  SegWindow *window = wizard_new_window (GTK_APPLICATION (app));
  SegImportWizard *wizard = open_wizard (window);
  g_autoptr(GString) problems = g_string_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (wizard), NARROW, 640);
  gtk_widget_activate_action (GTK_WIDGET (wizard), "import.database", NULL);
  WAIT_FOR (g_strcmp0 (seg_import_wizard_get_page_name (wizard), "database") == 0);
  g_assert_cmpstr (seg_import_database_get_step (seg_import_wizard_get_database (wizard)), ==,
                   "connect");
  check_window_labels (GTK_WIDGET (wizard), adw_window_get_content (ADW_WINDOW (wizard)), TRUE,
                       "database", scale > 1 ? "adaptive-wizard-database-360-large.png"
                                             : "adaptive-wizard-database-360-normal.png",
                       problems);
  gtk_window_destroy (GTK_WINDOW (wizard));
  gtk_window_destroy (GTK_WINDOW (window));
  end_narrow (dpi, problems, " on the database step", scale);
}

static void
test_adaptive_database (void)
{
#if HAVE_LIBPQ
  check_database_labels (1.0);
  check_database_labels (1.5);
#else
  g_test_skip ("built without PostgreSQL");
#endif
}

static void
test_adaptive_wizard (void)
{
  check_wizard_labels (1.0);
}

static void
test_adaptive_wizard_large_text (void)
{
  check_wizard_labels (1.5);
}

static void
test_adaptive_labels (void)
{
  check_page_labels (1.0);
}

static void
test_adaptive_labels_large_text (void)
{
  check_page_labels (1.5);
}

/* Every page at four widths, saved to be looked at (and for help). */
static void
test_adaptive_screenshots (void)
{
  static const int widths[] = { 360, 600, 1024, 1440 };

  if (g_getenv ("SEGMENTS_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("SEGMENTS_SCREENSHOT_DIR is not set");
      return;
    }
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  /* SEGMENTS_TEXT_SCALE=1.5: the pictures with large text, as the accessibility settings
   * give it (GNOME's text-scaling-factor reaches GTK as gtk-xft-dpi). */
  if (g_getenv ("SEGMENTS_TEXT_SCALE") != NULL)
    set_text_scale (g_ascii_strtod (g_getenv ("SEGMENTS_TEXT_SCALE"), NULL));
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      SegWindow *window = sample_window (widths[w], 640);
      int min = 0;

      /* The window takes the width asked for (less its frame), or its minimum. */
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL,
                          NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, MAX (widths[w], min));
      for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
        {
          g_autoptr(GdkTexture) texture = NULL;
          g_autofree char *name = g_strdup_printf ("adaptive-%s-%d.png", pages[i], widths[w]);

          show_page (window, pages[i]);
          texture = render_widget (GTK_WIDGET (window));
          save_if_asked (texture, name);
        }
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

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

/* Gives PAGE FIGURES; returns what its cards show then. */
static char *
set_figures (GtkWidget           *page,
             const SegKeyFigures *figures)
{
  seg_overview_page_set_figures (SEG_OVERVIEW_PAGE (page), "Shop", figures);
  return shown_figures (page);
}

static gboolean
says_no_orders (GtkWidget *page)
{
  return find_widget (page, is_drawable_label_starting,
                      (gpointer) "This project holds no orders yet.") != NULL;
}

static gboolean
spinning (GtkWidget *page)
{
  GtkWidget *spinner = find_widget (page, is_spinner, NULL);

  /* find_widget() passes over hidden widgets. */
  return spinner != NULL && gtk_widget_is_visible (spinner) &&
         gtk_spinner_get_spinning (GTK_SPINNER (spinner));
}

/* The Overview's key figures before they are known: while they are summed a spinner says
 * so and no card shows a placeholder; a project without orders leaves out the cards of
 * figures that do not exist and says why; once summed, every card shows its figure.  No card
 * shows "…" or "–" in place of a figure. */
static void
test_adaptive_overview_states (void)
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
  loading = set_figures (page, &figures);
  g_assert_cmpstr (loading, ==, "1,204");
  g_assert_true (spinning (page));
  g_assert_false (says_no_orders (page));

  /* No orders: the customers alone, and the reason. */
  figures = (SegKeyFigures) { .customers = 40 };
  empty = set_figures (page, &figures);
  g_assert_cmpstr (empty, ==, "40");
  g_assert_false (spinning (page));
  g_assert_true (says_no_orders (page));

  /* Summed: customers, orders, revenue and the period, each a figure. */
  figures = (SegKeyFigures) { .customers = 1204, .transactions = 5310, .has_summary = TRUE,
                              .orders = 4821, .revenue = 123456.0, .first_day = 100,
                              .last_day = 189 };
  known = set_figures (page, &figures);
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
  g_autofree char *tmp = NULL;
  int ret;

  /* The sample project goes to the user's data folder: keep it out of the real one. */
  tmp = sample_data_home_new ("test-ui-adaptive-XXXXXX");
  app = ui_test_init_app (&argc, &argv, "io.github.segments.Segments.Adaptive",
                          G_APPLICATION_DEFAULT_FLAGS);

  g_test_add_func ("/Ui/Adaptive/word-broken", test_adaptive_word_broken);
  g_test_add_func ("/Ui/Adaptive/narrow", test_adaptive_narrow);
  g_test_add_func ("/Ui/Adaptive/narrow-large-text", test_adaptive_narrow_large_text);
  g_test_add_func ("/Ui/Adaptive/segments", test_adaptive_segments);
  g_test_add_func ("/Ui/Adaptive/labels", test_adaptive_labels);
  g_test_add_func ("/Ui/Adaptive/labels-large-text", test_adaptive_labels_large_text);
  g_test_add_func ("/Ui/Adaptive/wizard", test_adaptive_wizard);
  g_test_add_func ("/Ui/Adaptive/wizard-large-text", test_adaptive_wizard_large_text);
  g_test_add_func ("/Ui/Adaptive/database", test_adaptive_database);
  g_test_add_func ("/Ui/Adaptive/dialogs", test_adaptive_dialogs);
  g_test_add_func ("/Ui/Adaptive/screenshots", test_adaptive_screenshots);
  g_test_add_func ("/Ui/Adaptive/overview-states", test_adaptive_overview_states);

  ret = g_test_run ();

  g_clear_object (&app);
  sample_data_home_remove (tmp);

  return ret;
}
