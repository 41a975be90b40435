/* test-ui-report.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Report page and Present mode under Xvfb (GDK_BACKEND=x11, GSK_RENDERER=cairo), on
 * the sample project made in a temporary data folder.  The expected page counts come from
 * the report writer itself (sc_report_new() on a connection of the test's own); exported
 * PDFs are checked with pdfinfo when it is installed.  With SEGMENTS_SCREENSHOT_DIR set,
 * the page (light and dark) and Present mode are saved there as PNG files: this is how
 * help/C/media/export-report.png and present-slides.png are made. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-export.h"
#include "sc-project.h"
#include "sc-report.h"
#include "sc-run.h"
#include "sc-store.h"
#include "seg-application.h"
#include "seg-page-picture.h"
#include "seg-present-window.h"
#include "seg-report-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"

#define SHOT_WIDTH 1200
#define SHOT_HEIGHT 760

static SegApplication *app;
static char *tmp_dir;

static gboolean
is_label_revealer (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_REVEALER (widget) && GTK_IS_LABEL (gtk_revealer_get_child (GTK_REVEALER (widget)));
}

static gboolean
is_drawable_label_with_text (GtkWidget *widget,
                             gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_label_containing (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   data)
{
  return (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)) &&
         gtk_widget_is_drawable (widget) &&
         g_strcmp0 (GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget))
                                           : gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)),
                    data) == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The sample project and its report                                                          */

static guint
expected_pages (const char     *project_path,
                ScReportFormat  format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (project_path, FALSE, &error);
  g_autoptr(ScReport) report = NULL;

  g_assert_no_error (error);
  report = sc_report_new (store, format, NULL, NULL, &error);
  g_assert_no_error (error);

  return sc_report_get_n_pages (report);
}

static SegWindow *
open_sample_window (void)
{
  SegWindow *window = seg_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), SHOT_WIDTH, SHOT_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_is_ready, window));

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample", NULL);
  g_assert_true (wait_until (window_is_ready, window));
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "project");
  g_assert_nonnull (sc_project_get_run (seg_window_get_project (window)));

  return window;
}

typedef struct
{
  SegReportPage *page;
  guint          n_pages;
} PagesWait;

static gboolean
page_has_pages (gpointer data)
{
  PagesWait *wait = data;

  return !seg_report_page_is_updating (wait->page) &&
         seg_report_page_get_n_pages (wait->page) == wait->n_pages;
}

static void
collect_pictures (GtkWidget *root,
                  GPtrArray *pictures)
{
  if (SEG_IS_PAGE_PICTURE (root))
    g_ptr_array_add (pictures, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_pictures (child, pictures);
}

/* Every picture on the page (thumbnails and preview) shows a page drawn at its size. */
static gboolean
all_pictures_drawn (gpointer data)
{
  g_autoptr(GPtrArray) pictures = g_ptr_array_new ();

  collect_pictures (GTK_WIDGET (data), pictures);
  if (pictures->len == 0)
    return FALSE;

  for (guint i = 0; i < pictures->len; i++)
    {
      SegPagePicture *picture = g_ptr_array_index (pictures, i);
      GdkTexture *texture = seg_page_picture_get_texture (picture);
      int width, height;

      if (!gtk_widget_get_mapped (GTK_WIDGET (picture)))
        continue;
      seg_page_picture_get_device_size (picture, &width, &height);
      if (texture == NULL || gdk_texture_get_width (texture) != width ||
          gdk_texture_get_height (texture) != height)
        return FALSE;
    }

  return TRUE;
}

/* Waits for all_pictures_drawn(); when it does not come, says which pictures are behind. */
static gboolean
wait_pictures_drawn (SegReportPage *page)
{
  g_autoptr(GPtrArray) pictures = g_ptr_array_new ();

  if (wait_until (all_pictures_drawn, page))
    return TRUE;

  collect_pictures (GTK_WIDGET (page), pictures);
  g_test_message ("page %u of %u, zoom %g, updating %d", seg_report_page_get_page (page),
                  seg_report_page_get_n_pages (page), seg_report_page_get_zoom (page),
                  seg_report_page_is_updating (page));
  for (guint i = 0; i < pictures->len; i++)
    {
      SegPagePicture *picture = g_ptr_array_index (pictures, i);
      GdkTexture *texture = seg_page_picture_get_texture (picture);
      int width, height;

      seg_page_picture_get_device_size (picture, &width, &height);
      g_test_message ("picture %u: mapped %d, wants %dx%d, shows %dx%d", i,
                      gtk_widget_get_mapped (GTK_WIDGET (picture)), width, height,
                      texture != NULL ? gdk_texture_get_width (texture) : 0,
                      texture != NULL ? gdk_texture_get_height (texture) : 0);
    }
  return FALSE;
}

static guint
count_thumbnails (SegReportPage *page)
{
  GtkWidget *list = find_widget (GTK_WIDGET (page), is_of_type,
                                 GSIZE_TO_POINTER (GTK_TYPE_LIST_BOX));
  guint n = 0;

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;

  return n;
}

/* ------------------------------------------------------------------------------------------ */
/* Exports                                                                                    */

typedef struct
{
  GAsyncResult *result;
} ResultWait;

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ResultWait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((ResultWait *) data)->result != NULL;
}

static gboolean
export_to (SegReportPage    *page,
           SegReportExport   what,
           const char       *path,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ResultWait wait = { NULL };
  gboolean ok;

  seg_report_page_export_to (page, what, file, cancellable, on_export_done, &wait);
  g_assert_true (wait_until (has_result, &wait));
  ok = seg_report_page_export_finish (page, wait.result, error);
  g_object_unref (wait.result);

  return ok;
}

/* The page count pdfinfo reads, or -1 without pdfinfo. */
static int
pdfinfo_pages (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdfinfo");
  g_autofree char *out = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  const char *line;
  int status = 0;
  g_autoptr(GError) error = NULL;

  if (program == NULL)
    return -1;

  argv[0] = program;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return atoi (line + strlen ("Pages:"));
}

static guint
count_lines (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  for (const char *p = contents; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree guchar *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, (char **) &contents, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  *width = (guint) contents[16] << 24 | (guint) contents[17] << 16 | (guint) contents[18] << 8 |
           contents[19];
  *height = (guint) contents[20] << 24 | (guint) contents[21] << 16 | (guint) contents[22] << 8 |
            contents[23];
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                      */

/* Presses a key through the window's own shortcut controllers, in the order a key press
 * reaches them when nothing inside has the focus: the capture phase first. */
static void
press_key (GtkWidget  *widget,
           const char *key)
{
  static const GtkPropagationPhase phases[] = { GTK_PHASE_CAPTURE, GTK_PHASE_BUBBLE };
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean pressed = FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (phases) * g_list_model_get_n_items (controllers) && !pressed; k++)
    {
      guint i = k % g_list_model_get_n_items (controllers);
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) !=
          phases[k / g_list_model_get_n_items (controllers)])
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, key))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              pressed = TRUE;
              break;
            }
        }
    }

  g_assert_true (pressed);
}

static void
test_report_preview (void)
{
  SegWindow *window = open_sample_window ();
  const char *path = sc_project_get_path (seg_window_get_project (window));
  PagesWait wait = { NULL, 0 };
  guint n_a4 = expected_pages (path, SC_REPORT_FORMAT_A4);
  guint n_slides = expected_pages (path, SC_REPORT_FORMAT_SLIDES);
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *label = NULL;

  g_assert_cmpuint (n_a4, >=, 5);
  g_assert_cmpuint (n_slides, >=, 5);

  wait.page = SEG_REPORT_PAGE (show_page_of_type (window, "report", SEG_TYPE_REPORT_PAGE));
  wait.n_pages = n_a4;
  g_assert_cmpint (seg_report_page_get_format (wait.page), ==, SC_REPORT_FORMAT_A4);
  g_assert_true (wait_until (page_has_pages, &wait));
  g_assert_cmpuint (count_thumbnails (wait.page), ==, n_a4);
  g_assert_true (wait_pictures_drawn (wait.page));

  /* Page N of M, and moving between pages. */
  label = g_strdup_printf ("Page 1 of %u", n_a4);
  g_assert_nonnull (find_widget (GTK_WIDGET (wait.page), is_drawable_label_with_text, label));
  g_assert_cmpuint (seg_report_page_get_page (wait.page), ==, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (wait.page), "report.previous-page",
                                              NULL) &&
                  seg_report_page_get_page (wait.page) != 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wait.page), "report.next-page", NULL));
  g_assert_cmpuint (seg_report_page_get_page (wait.page), ==, 1);
  seg_report_page_set_page (wait.page, n_a4 - 1);
  g_assert_cmpuint (seg_report_page_get_page (wait.page), ==, n_a4 - 1);
  g_assert_true (wait_pictures_drawn (wait.page));
  seg_report_page_set_page (wait.page, 0);

  /* Zoom: actual size, one step in, one step out, and back to fitting the page. */
  gtk_widget_activate_action (GTK_WIDGET (wait.page), "report.zoom-original", NULL);
  WAIT_FOR (fabs (seg_report_page_get_zoom (wait.page) - 1.0) < 1e-9);
  g_assert_cmpfloat_with_epsilon (seg_report_page_get_zoom (wait.page), 1.0, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (wait.page), "report.zoom-in", NULL);
  WAIT_FOR (fabs (seg_report_page_get_zoom (wait.page) - 1.25) < 1e-9);
  g_assert_cmpfloat_with_epsilon (seg_report_page_get_zoom (wait.page), 1.25, 1e-9);
  g_assert_true (wait_pictures_drawn (wait.page));
  gtk_widget_activate_action (GTK_WIDGET (wait.page), "report.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (wait.page), "report.zoom-out", NULL);
  WAIT_FOR (fabs (seg_report_page_get_zoom (wait.page) - 0.75) < 1e-9);
  g_assert_cmpfloat_with_epsilon (seg_report_page_get_zoom (wait.page), 0.75, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (wait.page), "report.zoom-fit", NULL);
  settle (GTK_WIDGET (wait.page));
  g_assert_cmpfloat (seg_report_page_get_zoom (wait.page), >, 0.2);
  g_assert_cmpfloat (seg_report_page_get_zoom (wait.page), <, 1.0);
  g_assert_true (wait_pictures_drawn (wait.page));

  /* The keys: Ctrl+plus zooms in, Ctrl+0 fits the page again. */
  {
    double fit = seg_report_page_get_zoom (wait.page);

    press_key (GTK_WIDGET (wait.page), "<Control>plus");
    WAIT_FOR (seg_report_page_get_zoom (wait.page) > fit);
    g_assert_cmpfloat (seg_report_page_get_zoom (wait.page), >, fit);
    press_key (GTK_WIDGET (wait.page), "<Control>0");
    settle (GTK_WIDGET (wait.page));
    g_assert_cmpfloat_with_epsilon (seg_report_page_get_zoom (wait.page), fit, 1e-9);
  }

  /* Light and dark: the pages stay paper-white on either. */
  seg_report_page_set_page (wait.page, 1);
  g_assert_true (wait_pictures_drawn (wait.page));
  dismiss_toasts (GTK_WIDGET (window));   /* without the toast of the import */
  settle (GTK_WIDGET (window));
  light = render_widget (GTK_WIDGET (window));
  g_assert_cmpuint (count_colours (light), >, 40);
  save_if_asked (light, "report-light.png");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  settle (GTK_WIDGET (window));
  dark = render_widget (GTK_WIDGET (window));
  g_assert_cmpuint (count_colours (dark), >, 40);
  save_if_asked (dark, "report-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* Slides: another layout with its own page count. */
  seg_report_page_set_format (wait.page, SC_REPORT_FORMAT_SLIDES);
  g_assert_cmpint (seg_report_page_get_format (wait.page), ==, SC_REPORT_FORMAT_SLIDES);
  wait.n_pages = n_slides;
  g_assert_true (wait_until (page_has_pages, &wait));
  g_assert_cmpuint (count_thumbnails (wait.page), ==, n_slides);
  g_assert_true (wait_pictures_drawn (wait.page));
  g_free (label);
  label = g_strdup_printf ("Slide 1 of %u", n_slides);
  g_assert_nonnull (find_widget (GTK_WIDGET (wait.page), is_drawable_label_with_text, label));
  settle (GTK_WIDGET (window));
  {
    g_autoptr(GdkTexture) slides = render_widget (GTK_WIDGET (window));

    save_if_asked (slides, "report-slides.png");
  }

  /* And back. */
  seg_report_page_set_format (wait.page, SC_REPORT_FORMAT_A4);
  wait.n_pages = n_a4;
  g_assert_true (wait_until (page_has_pages, &wait));

  destroy_all_windows ();
}

typedef struct
{
  SegReportPage *page;
  const char    *text;
} LabelWait;

static gboolean
page_shows_label (gpointer data)
{
  LabelWait *wait = data;

  return !seg_report_page_is_updating (wait->page) &&
         find_widget (GTK_WIDGET (wait->page), is_label_containing, (gpointer) wait->text) != NULL;
}

static void
test_report_follows_edits (void)
{
  SegWindow *window = open_sample_window ();
  ScProject *project = seg_window_get_project (window);
  PagesWait wait = { NULL, 0 };
  LabelWait label_wait = { NULL, "Weekend Regulars" };
  gint64 segment_id = sc_project_get_run (project)->segments[0].id;
  g_autoptr(GError) error = NULL;

  wait.page = SEG_REPORT_PAGE (show_page_of_type (window, "report", SEG_TYPE_REPORT_PAGE));
  wait.n_pages = expected_pages (sc_project_get_path (project), SC_REPORT_FORMAT_A4);
  g_assert_true (wait_until (page_has_pages, &wait));
  g_assert_null (find_widget (GTK_WIDGET (wait.page), is_label_containing,
                              (gpointer) label_wait.text));

  /* A rename is laid out again: its segment's page is titled with the new name. */
  g_assert_true (sc_project_set_segment_field (project, segment_id,
                                               SC_SEGMENT_FIELD_NAME, label_wait.text, &error));
  g_assert_no_error (error);
  g_assert_true (seg_report_page_is_updating (wait.page));
  label_wait.page = wait.page;
  g_assert_true (wait_until (page_shows_label, &label_wait));
  g_assert_cmpuint (seg_report_page_get_n_pages (wait.page), ==, wait.n_pages);
  g_assert_true (wait_pictures_drawn (wait.page));

  /* Undone while another page shows: laid out again only when the page is back. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                  g_variant_new_string ("overview"));
  g_assert_true (sc_project_undo (project, &error));
  g_assert_no_error (error);
  settle (GTK_WIDGET (window));
  g_assert_false (seg_report_page_is_updating (wait.page));
  show_page_of_type (window, "report", SEG_TYPE_REPORT_PAGE);
  g_assert_true (seg_report_page_is_updating (wait.page));
  g_assert_true (wait_until (page_has_pages, &wait));
  g_assert_null (find_widget (GTK_WIDGET (wait.page), is_label_containing,
                              (gpointer) label_wait.text));

  destroy_all_windows ();
}

static void
test_report_exports (void)
{
  SegWindow *window = open_sample_window ();
  ScProject *project = seg_window_get_project (window);
  const char *project_path = sc_project_get_path (project);
  g_autofree char *pdf = g_build_filename (tmp_dir, "report.pdf", NULL);
  g_autofree char *slides = g_build_filename (tmp_dir, "slides.pdf", NULL);
  g_autofree char *activation = g_build_filename (tmp_dir, "activation.csv", NULL);
  g_autofree char *cancelled = g_build_filename (tmp_dir, "cancelled.csv", NULL);
  g_autofree char *json = g_build_filename (tmp_dir, "segments.json", NULL);
  g_autofree char *csv = g_build_filename (tmp_dir, "segments.csv", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "chart.png", NULL);
  g_autofree char *png2 = g_build_filename (tmp_dir, "chart@2x.png", NULL);
  g_autofree char *svg = g_build_filename (tmp_dir, "chart.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ScConsentSummary consent;
  PagesWait wait = { NULL, 0 };
  guint n_a4 = expected_pages (project_path, SC_REPORT_FORMAT_A4);
  guint n_slides = expected_pages (project_path, SC_REPORT_FORMAT_SLIDES);
  guint n_segments = sc_project_get_run (project)->n_segments;
  guint width, height;
  int pages;

  {
    g_autoptr(ScStore) store = sc_store_open (project_path, FALSE, &error);

    g_assert_no_error (error);
    g_assert_true (sc_export_consent_summary (store, sc_project_get_run (project), &consent,
                                              &error));
    g_assert_no_error (error);
  }

  wait.page = SEG_REPORT_PAGE (show_page_of_type (window, "report", SEG_TYPE_REPORT_PAGE));
  wait.n_pages = n_a4;
  g_assert_true (wait_until (page_has_pages, &wait));

  /* The report shown, and the slides, which are laid out for the export. */
  g_assert_true (export_to (wait.page, SEG_REPORT_EXPORT_PDF, pdf, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  pages = pdfinfo_pages (pdf);
  if (pages >= 0)
    g_assert_cmpint (pages, ==, n_a4);
  {
    g_autoptr(GFile) file = g_file_new_for_path (slides);
    ResultWait result = { NULL };

    seg_report_page_export_pdf_to (wait.page, file, SC_REPORT_FORMAT_SLIDES, NULL,
                                   on_export_done, &result);
    g_assert_true (wait_until (has_result, &result));
    g_assert_true (seg_report_page_export_finish (wait.page, result.result, &error));
    g_assert_no_error (error);
    g_object_unref (result.result);
  }
  pages = pdfinfo_pages (slides);
  if (pages >= 0)
    g_assert_cmpint (pages, ==, n_slides);
  g_assert_cmpint (seg_report_page_get_format (wait.page), ==, SC_REPORT_FORMAT_A4);

  /* Activation: a header and one row per customer who may be contacted. */
  g_assert_true (export_to (wait.page, SEG_REPORT_EXPORT_ACTIVATION, activation, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_lines (activation), ==, consent.segmented - consent.excluded + 1);
  g_assert_true (g_file_get_contents (activation, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "customer_id,segment,segment_name,"));
  g_clear_pointer (&contents, g_free);

  /* A cancelled export writes nothing and says so. */
  g_cancellable_cancel (cancellable);
  g_assert_false (export_to (wait.page, SEG_REPORT_EXPORT_ACTIVATION, cancelled, cancellable,
                             &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));

  /* One export at a time. */
  {
    g_autoptr(GFile) first = g_file_new_for_path (json);
    g_autoptr(GFile) second = g_file_new_for_path (csv);
    ResultWait a = { NULL }, b = { NULL };

    seg_report_page_export_to (wait.page, SEG_REPORT_EXPORT_SEGMENTS, first, NULL,
                                on_export_done, &a);
    seg_report_page_export_to (wait.page, SEG_REPORT_EXPORT_SEGMENTS, second, NULL,
                                on_export_done, &b);
    g_assert_true (wait_until (has_result, &a));
    g_assert_true (wait_until (has_result, &b));
    g_assert_true (seg_report_page_export_finish (wait.page, a.result, &error));
    g_assert_no_error (error);
    g_assert_false (seg_report_page_export_finish (wait.page, b.result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
    g_clear_error (&error);
    g_object_unref (a.result);
    g_object_unref (b.result);
  }

  /* Segment definitions: JSON or CSV by the extension. */
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "{"));
  {
    g_autoptr(ScSegment) segment = g_list_model_get_item (sc_project_get_segments (project), 0);

    g_assert_nonnull (strstr (contents, sc_segment_get_name (segment)));
  }
  g_clear_pointer (&contents, g_free);
  g_assert_true (export_to (wait.page, SEG_REPORT_EXPORT_SEGMENTS, csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_lines (csv), ==, n_segments + 1);

  /* Charts at the size chosen on the page (1200 × 750 unless changed), twice the pixels
   * for HiDPI, and as SVG. */
  g_assert_true (export_to (wait.page, SEG_REPORT_EXPORT_CHART, png, NULL, &error));
  g_assert_no_error (error);
  png_size (png, &width, &height);
  g_assert_cmpuint (width, ==, 1200);
  g_assert_cmpuint (height, ==, 750);
  {
    GtkWidget *check = find_widget (GTK_WIDGET (wait.page), is_button_labelled,
                                    (gpointer) "Twice the pixels, for HiDPI screens (_2×)");

    g_assert_nonnull (check);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  }
  g_assert_true (export_to (wait.page, SEG_REPORT_EXPORT_CHART, png2, NULL, &error));
  g_assert_no_error (error);
  png_size (png2, &width, &height);
  g_assert_cmpuint (width, ==, 2400);
  g_assert_cmpuint (height, ==, 1500);
  g_assert_true (export_to (wait.page, SEG_REPORT_EXPORT_CHART, svg, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  /* A folder that does not exist: an error for people, no crash. */
  {
    g_autofree char *nowhere = g_build_filename (tmp_dir, "missing", "report.pdf", NULL);

    g_assert_false (export_to (wait.page, SEG_REPORT_EXPORT_PDF, nowhere, NULL, &error));
    g_assert_nonnull (error);
    g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    g_clear_error (&error);
  }

  destroy_all_windows ();

  for (guint i = 0; i < 8; i++)
    {
      const char *paths[] = { pdf, slides, activation, json, csv, png, png2, svg };

      g_unlink (paths[i]);
    }
}

static gboolean
has_present_window (gpointer data)
{
  GtkWindow *present = seg_report_page_get_present_window (data);

  return present != NULL && seg_present_window_get_n_pages (SEG_PRESENT_WINDOW (present)) > 0;
}

static gboolean
present_window_gone (gpointer data)
{
  return seg_report_page_get_present_window (data) == NULL;
}

static void
test_report_present (void)
{
  SegWindow *window = open_sample_window ();
  const char *path = sc_project_get_path (seg_window_get_project (window));
  PagesWait wait = { NULL, 0 };
  guint n_slides = expected_pages (path, SC_REPORT_FORMAT_SLIDES);
  SegPresentWindow *present;
  GtkWidget *picture;

  wait.page = SEG_REPORT_PAGE (show_page_of_type (window, "report", SEG_TYPE_REPORT_PAGE));
  wait.n_pages = expected_pages (path, SC_REPORT_FORMAT_A4);
  g_assert_true (wait_until (page_has_pages, &wait));

  /* From the A4 report, Present lays out the slides itself and starts at the first. */
  seg_report_page_set_page (wait.page, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wait.page), "report.present", NULL));
  g_assert_true (wait_until (has_present_window, wait.page));
  present = SEG_PRESENT_WINDOW (seg_report_page_get_present_window (wait.page));
  g_assert_cmpuint (seg_present_window_get_n_pages (present), ==, n_slides);
  g_assert_cmpuint (seg_present_window_get_page (present), ==, 0);
  g_assert_true (wait_until (all_pictures_drawn, present));

  press_key (GTK_WIDGET (present), "Right");
  g_assert_cmpuint (seg_present_window_get_page (present), ==, 1);
  press_key (GTK_WIDGET (present), "space");
  g_assert_cmpuint (seg_present_window_get_page (present), ==, 2);
  press_key (GTK_WIDGET (present), "Left");
  g_assert_cmpuint (seg_present_window_get_page (present), ==, 1);
  press_key (GTK_WIDGET (present), "Page_Down");
  g_assert_cmpuint (seg_present_window_get_page (present), ==, 2);
  press_key (GTK_WIDGET (present), "Page_Up");
  g_assert_cmpuint (seg_present_window_get_page (present), ==, 1);
  press_key (GTK_WIDGET (present), "End");
  g_assert_cmpuint (seg_present_window_get_page (present), ==, n_slides - 1);
  press_key (GTK_WIDGET (present), "Right");
  g_assert_cmpuint (seg_present_window_get_page (present), ==, n_slides - 1);
  press_key (GTK_WIDGET (present), "Home");
  g_assert_cmpuint (seg_present_window_get_page (present), ==, 0);
  press_key (GTK_WIDGET (present), "Left");
  g_assert_cmpuint (seg_present_window_get_page (present), ==, 0);

  /* The slide is drawn at the size it has on screen. */
  press_key (GTK_WIDGET (present), "Right");
  g_assert_true (wait_until (all_pictures_drawn, present));
  picture = find_widget (GTK_WIDGET (present), is_of_type,
                         GSIZE_TO_POINTER (SEG_TYPE_PAGE_PICTURE));
  g_assert_nonnull (picture);
  g_assert_cmpint (gdk_texture_get_width (seg_page_picture_get_texture (SEG_PAGE_PICTURE (picture))),
                   >=, gtk_widget_get_width (GTK_WIDGET (present)) - 1);
  /* Past the slide number, which fades out by itself. */
  {
    GtkWidget *osd = find_widget (GTK_WIDGET (present), is_label_revealer, NULL);

    g_assert_nonnull (osd);
    WAIT_FOR (!gtk_revealer_get_child_revealed (GTK_REVEALER (osd)));
  }
  {
    g_autoptr(GdkTexture) shot = render_widget (GTK_WIDGET (present));

    g_assert_cmpuint (count_colours (shot), >, 20);
    save_if_asked (shot, "present-slides.png");
  }

  /* Present again while it runs brings the same window forward. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wait.page), "report.present", NULL));
  g_assert_true (seg_report_page_get_present_window (wait.page) == GTK_WINDOW (present));

  press_key (GTK_WIDGET (present), "Escape");
  g_assert_true (wait_until (present_window_gone, wait.page));

  /* From the slides, Present starts at the slide shown and uses the same layout. */
  seg_report_page_set_format (wait.page, SC_REPORT_FORMAT_SLIDES);
  wait.n_pages = n_slides;
  g_assert_true (wait_until (page_has_pages, &wait));
  seg_report_page_set_page (wait.page, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wait.page), "report.present", NULL));
  present = SEG_PRESENT_WINDOW (seg_report_page_get_present_window (wait.page));
  g_assert_nonnull (present);
  g_assert_cmpuint (seg_present_window_get_n_pages (present), ==, n_slides);
  g_assert_cmpuint (seg_present_window_get_page (present), ==, 3);
  press_key (GTK_WIDGET (present), "Escape");
  g_assert_true (wait_until (present_window_gone, wait.page));

  destroy_all_windows ();
}

static gboolean
stack_shows (gpointer data)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (data), is_of_type,
                                  GSIZE_TO_POINTER (GTK_TYPE_STACK));

  return stack != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)),
                                     "none") == 0;
}

static void
test_report_without_segments (void)
{
  SegWindow *window = seg_window_new (GTK_APPLICATION (app));
  g_autofree char *path = g_build_filename (tmp_dir, "Empty.segments", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SegReportPage *page;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_is_ready, window));
  g_assert_true (seg_window_open_project (window, file, TRUE));

  page = SEG_REPORT_PAGE (show_page_of_type (window, "report", SEG_TYPE_REPORT_PAGE));
  g_assert_true (wait_until (stack_shows, page));
  g_assert_cmpuint (seg_report_page_get_n_pages (page), ==, 0);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "report.present", NULL) &&
                  seg_report_page_get_present_window (page) != NULL);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_drawable_label_with_text,
                                 (gpointer) "No Report Yet"));

  destroy_all_windows ();
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* The sample project goes to the user's data folder: keep it out of the real one. */
  app = ui_test_start (&argc, &argv, "test-ui-report-XXXXXX",
                       "io.github.segments.Segments.TestReport",
                       G_APPLICATION_DEFAULT_FLAGS, &tmp_dir);

  g_test_add_func ("/Ui/Report/preview", test_report_preview);
  g_test_add_func ("/Ui/Report/follows-edits", test_report_follows_edits);
  g_test_add_func ("/Ui/Report/exports", test_report_exports);
  g_test_add_func ("/Ui/Report/present", test_report_present);
  g_test_add_func ("/Ui/Report/without-segments", test_report_without_segments);

  ret = g_test_run ();

  ui_test_stop (&app);
  test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
