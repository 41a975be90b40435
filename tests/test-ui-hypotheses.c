/* test-ui-hypotheses.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Hypotheses page under Xvfb, on the sample data (issue 16): suggestions from the
 * customer list appear, adding one and stating one with the form tests them, removing one
 * takes it away, and an interaction group says that no interactions are imported. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sc-project.h"
#include "seg-application.h"
#include "seg-hypotheses-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"

static SegApplication *app;
static char *tmp_dir;
static char *project_path;

static void
make_project (void)
{
  project_path = g_build_filename (tmp_dir, "hypotheses.segments", NULL);
  make_sample_project (project_path);
}

static gboolean
is_enabled_button_labelled (GtkWidget *widget,
                            gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_sensitive (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
has_text (GtkWidget *widget,
          gpointer   data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
widget_is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

static guint
n_results (SegHypothesesPage *page)
{
  const ScHypothesisReport *report = seg_hypotheses_page_get_report (page);

  return report != NULL ? report->results->len : G_MAXUINT;
}

static void
test_hypotheses_page (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (project_path);
  SegWindow *window = seg_window_new (GTK_APPLICATION (app));
  SegHypothesesPage *page;
  const ScHypothesisReport *report;
  const ScHypothesisResult *r;
  AdwComboRow *group_row;
  GtkWidget *add, *hint;
  GListModel *groups;
  g_autofree char *suggested = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 1190, 750);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (widget_is_mapped, window));
  g_assert_true (seg_window_open_project (window, file, FALSE));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                  g_variant_new_string ("hypotheses"));
  page = SEG_HYPOTHESES_PAGE (find_widget (GTK_WIDGET (window), is_of_type,
                                           GSIZE_TO_POINTER (SEG_TYPE_HYPOTHESES_PAGE)));
  g_assert_nonnull (page);
  g_assert_true (wait_until (widget_is_mapped, page));

  /* the sample's customer list suggests hypotheses; none is stated yet */
  WAIT_FOR (!seg_hypotheses_page_is_testing (page) && n_results (page) == 0);
  report = seg_hypotheses_page_get_report (page);
  g_assert_cmpuint (report->suggestions->len, >, 0);
  suggested = g_strdup (((ScHypothesisResult *) g_ptr_array_index (report->suggestions, 0))->statement);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_row_titled, suggested));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_row_titled, (gpointer) "No hypotheses yet"));
  settle (GTK_WIDGET (window));
  save_widget_if_asked (GTK_WIDGET (window), "hypotheses-suggestions.png");

  /* adding the first suggestion tests it */
  add = find_widget (GTK_WIDGET (page), is_enabled_button_labelled, (gpointer) "Add");
  g_assert_nonnull (add);
  gtk_widget_activate (add);
  WAIT_FOR (!seg_hypotheses_page_is_testing (page) && n_results (page) == 1);
  r = g_ptr_array_index (seg_hypotheses_page_get_report (page)->results, 0);
  g_assert_cmpstr (r->statement, ==, suggested);
  g_assert_cmpint (r->verdict, ==, SC_HYPOTHESIS_SUPPORTED);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_row_titled, suggested));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), has_text, (gpointer) "Supported"));
  save_widget_if_asked (GTK_WIDGET (window), "test-hypothesis.png");

  /* stating one with the form: the first attribute's first value, spend, lower */
  group_row = ADW_COMBO_ROW (find_widget (GTK_WIDGET (page), is_row_titled,
                                          (gpointer) "Group By"));
  adw_combo_row_set_selected (group_row, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_widget (GTK_WIDGET (page), is_row_titled,
                                                          (gpointer) "Compared With the Rest")),
                              1);
  add = find_widget (GTK_WIDGET (page), is_enabled_button_labelled, (gpointer) "_Add Hypothesis");
  g_assert_nonnull (add);
  gtk_widget_activate (add);
  WAIT_FOR (!seg_hypotheses_page_is_testing (page) && n_results (page) == 2);
  r = g_ptr_array_index (seg_hypotheses_page_get_report (page)->results, 1);
  g_assert_cmpint (r->hypothesis.group, ==, SC_HYPOTHESIS_GROUP_ATTRIBUTE);
  g_assert_cmpint (r->hypothesis.direction, ==, SC_HYPOTHESIS_LOWER);
  g_assert_true (g_str_has_prefix (r->sentence, sc_hypothesis_verdict_to_label (r->verdict)));
  g_assert_nonnull (find_widget (GTK_WIDGET (page), is_row_titled, r->statement));

  /* removing one */
  gtk_widget_activate (find_widget (GTK_WIDGET (page), is_button_with_tooltip,
                                    (gpointer) "Remove Hypothesis"));
  WAIT_FOR (!seg_hypotheses_page_is_testing (page) && n_results (page) == 1);
  report = seg_hypotheses_page_get_report (page);
  r = g_ptr_array_index (report->results, 0);
  g_assert_cmpstr (r->statement, !=, suggested);
  /* no longer stated, it is suggested again */
  r = g_ptr_array_index (report->suggestions, 0);
  g_assert_cmpstr (r->statement, ==, suggested);

  /* interactions cannot be imported yet: said, and nothing to add */
  groups = adw_combo_row_get_model (group_row);
  adw_combo_row_set_selected (group_row, g_list_model_get_n_items (groups) - 1);
  hint = find_widget (GTK_WIDGET (page), has_text, (gpointer) "No interactions imported");
  g_assert_nonnull (hint);
  g_assert_null (find_widget (GTK_WIDGET (page), is_enabled_button_labelled,
                              (gpointer) "_Add Hypothesis"));

  /* an edit while another page is shown does not test again (at 1M customers a second of
   * work competing with the page shown); showing the page does */
  {
    ScProject *project = seg_window_get_project (window);
    const ScRun *run = sc_project_get_run (project);
    const ScHypothesisReport *before = seg_hypotheses_page_get_report (page);
    g_autoptr(GError) error = NULL;

    g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                    g_variant_new_string ("segments"));
    g_assert_true (wait_until (widget_is_unmapped, page));
    g_assert_true (sc_project_set_segment_field (project, run->segments[0].id,
                                                 SC_SEGMENT_FIELD_NAME, "Renamed while hidden",
                                                 &error));
    g_assert_no_error (error);
    drain_events ();
    g_assert_false (seg_hypotheses_page_is_testing (page));
    g_assert_true (seg_hypotheses_page_get_report (page) == before);

    g_action_group_activate_action (G_ACTION_GROUP (window), "show-page",
                                    g_variant_new_string ("hypotheses"));
    g_assert_true (wait_until (widget_is_mapped, page));
    WAIT_FOR (!seg_hypotheses_page_is_testing (page) &&
              seg_hypotheses_page_get_report (page) != before);
    g_assert_cmpuint (n_results (page), ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  drain_events ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-hypotheses-XXXXXX",
                       "io.github.segments.Segments.TestHypotheses",
                       G_APPLICATION_HANDLES_OPEN, &tmp_dir);

  make_project ();

  g_test_add_func ("/Ui/Hypotheses/page", test_hypotheses_page);

  ret = g_test_run ();

  ui_test_stop (&app);
  {
    g_autofree char *wal = g_strconcat (project_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (project_path, "-shm", NULL);

    g_unlink (project_path);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_free (project_path);
  g_free (tmp_dir);
  return ret;
}
