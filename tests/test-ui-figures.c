/* test-ui-figures.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The same figure reads the same in the application, the PDF report and the CLI (issue 16):
 * on the sample data, with the project's currency set, each segment's customers, share and
 * revenue, and the project's customers and revenue, are written here once with the core's
 * formatter (sc-format.h) from the project's own numbers, then looked for as text in the
 * window's labels (Overview, and the Segments page with the segment selected), in
 * `segments-cli show` and in `pdftotext` of `segments-cli report`.  A surface that formats
 * by itself ("2659685", "0.5%" where the others say "<1%", a missing currency) fails. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sc-format.h"
#include "sc-project.h"
#include "seg-application.h"
#include "seg-overview-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"

static SegApplication *app;
static char *tmp_dir;

/* Blanks as one space: pdftotext turns no-break spaces and line ends into either. */
static char *
flat (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean blank = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f)
        blank = TRUE;
      else
        {
          if (blank && out->len > 0)
            g_string_append_c (out, ' ');
          blank = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

/* Every text a person sees under @widget: labels, and the titles and subtitles of rows. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)))
    g_string_append_printf (out, "%s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
run_cli (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static void
assert_shows (const char *surface,
              const char *text,
              const char *figure)
{
  g_autofree char *f = flat (figure);

  if (strstr (text, f) == NULL)
    g_error ("%s does not show “%s”:\n%s", surface, f, text);
}

static void
test_figures_agree (void)
{
  const char *cli = g_getenv ("SEGMENTS_CLI");
  g_autofree char *path = g_build_filename (tmp_dir, "figures.segments", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "figures.pdf", NULL);
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *report = NULL;
  g_autofree char *total_revenue = NULL;
  g_autoptr(GString) app_text = g_string_new (NULL);
  const ScRun *run;
  Editor e;
  double revenue = 0;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("SEGMENTS_CLI does not name the command-line program");
      return;
    }
  if (g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  make_sample_project (path);
  {
    g_autoptr(ScProject) project = sc_project_open (path, FALSE, &error);
    g_autoptr(ScBrief) brief = NULL;

    g_assert_no_error (error);
    brief = sc_project_load_brief (project, &error);
    g_assert_no_error (error);
    g_free (brief->currency);
    brief->currency = g_strdup ("EUR");
    g_assert_true (sc_project_set_brief (project, brief, &error));
    g_assert_no_error (error);
  }

  e = open_editor (path);
  g_assert_cmpstr (sc_project_get_currency (e.project, NULL), ==, "EUR");
  run = run_of (&e);
  g_assert_cmpuint (run->n_segments, >=, 3);

  /* The Overview's figure cards. */
  {
    GtkWidget *overview = find_of_type (GTK_WIDGET (e.window), SEG_TYPE_OVERVIEW_PAGE);

    collect_text (overview, app_text);
  }
  for (guint i = 0; i < run->n_segments; i++)
    revenue += run->segments[i].revenue;
  total_revenue = sc_format_money (revenue, "EUR");
  g_ptr_array_add (figures, sc_format_count (sc_project_get_n_customers (e.project)));

  /* Each segment, selected in the editor. */
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[i];
      GtkListBox *box = seg_segment_list_get_list_box (e.list);

      for (int row = 0; gtk_list_box_get_row_at_index (box, row) != NULL; row++)
        if ((guint) seg_segment_list_get_position_at (e.list, (guint) row) == s->position)
          gtk_list_box_select_row (box, gtk_list_box_get_row_at_index (box, row));
      drain_events ();
      wait_idle (&e);
      g_assert_cmpint (seg_segment_details_get_position (e.details), ==, (int) s->position);
      collect_text (GTK_WIDGET (e.details), app_text);

      g_ptr_array_add (figures, sc_format_count (s->size));
      g_ptr_array_add (figures, sc_format_percent (s->share, -1));
      g_ptr_array_add (figures, sc_format_money (s->revenue, "EUR"));
      g_ptr_array_add (figures, sc_format_percent (s->revenue_share, -1));
    }
  /* The money figures carry the currency in every surface. */
  for (guint i = 0; i < figures->len; i++)
    if (strstr (g_ptr_array_index (figures, i), "EUR") != NULL)
      g_assert_true (g_str_has_prefix (g_ptr_array_index (figures, i), "EUR\u00a0"));

  /* Another currency in the brief: the Overview's revenue reads in it at once. */
  {
    g_autoptr(ScBrief) brief = sc_project_load_brief (e.project, &error);
    g_autofree char *in_gbp = sc_format_money (revenue, "GBP");
    g_autoptr(GString) now = g_string_new (NULL);
    g_autofree char *now_flat = NULL;
    g_autofree char *want = flat (in_gbp);

    g_assert_no_error (error);
    g_free (brief->currency);
    brief->currency = g_strdup ("GBP");
    g_assert_true (sc_project_set_brief (e.project, brief, &error));
    g_assert_no_error (error);
    drain_events ();
    collect_text (find_of_type (GTK_WIDGET (e.window), SEG_TYPE_OVERVIEW_PAGE), now);
    now_flat = flat (now->str);
    g_assert_nonnull (strstr (now_flat, want));
    brief->currency = (g_free (brief->currency), g_strdup ("EUR"));
    g_assert_true (sc_project_set_brief (e.project, brief, &error));
    g_assert_no_error (error);
  }

  destroy_all_windows ();

  {
    const char *show_argv[] = { cli, "show", path, NULL };
    const char *report_argv[] = { cli, "report", path, "-o", pdf, NULL };
    const char *text_argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
    g_autofree char *show_raw = run_cli (show_argv);
    g_autofree char *report_raw = NULL;
    g_autofree char *app_flat = flat (app_text->str);

    shown = flat (show_raw);
    g_free (run_cli (report_argv));
    report_raw = run_cli (text_argv);
    report = flat (report_raw);

    for (guint i = 0; i < figures->len; i++)
      {
        const char *figure = g_ptr_array_index (figures, i);

        assert_shows ("The application", app_flat, figure);
        assert_shows ("segments-cli show", shown, figure);
        assert_shows ("The PDF report", report, figure);
      }
    /* The project's revenue: on the Overview and in the report's key figures. */
    assert_shows ("The application", app_flat, total_revenue);
    assert_shows ("The PDF report", report, total_revenue);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-figures-XXXXXX",
                       "io.github.segments.Segments.TestFigures",
                       G_APPLICATION_HANDLES_OPEN, &tmp_dir);

  g_test_add_func ("/Ui/Figures/agree", test_figures_agree);

  ret = g_test_run ();

  ui_test_stop (&app);
  remove_projects (tmp_dir);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
