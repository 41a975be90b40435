/* test-report-brief.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The brief opens the report: its page follows the title page in the A4 report and the
 * slides, prints what people wrote and each KPI's value now beside its target, and the
 * report is titled with the objective; without a brief there is no brief page and the title
 * is "Customer segments", never the file's name. */

#include <math.h>

#include "sc-project-export.h"
#include "test-project-utils.h"
#include "test-report-common.h"

static ScReport *
new_report (ScProject      *project,
            ScReportFormat  format)
{
  g_autoptr(GError) error = NULL;
  ScReport *report = sc_project_new_report (project, format, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static int
find_page (ScReport         *report,
           ScReportPageKind  kind)
{
  for (guint p = 0; p < sc_report_get_n_pages (report); p++)
    if (sc_report_get_page_kind (report, p) == kind)
      return (int) p;
  return -1;
}

static void
test_report_without_brief (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = test_project_new_planted (&dir);

  for (ScReportFormat f = SC_REPORT_FORMAT_A4; f <= SC_REPORT_FORMAT_SLIDES; f++)
    {
      g_autoptr(ScReport) report = new_report (project, f);

      g_assert_cmpint (find_page (report, SC_REPORT_PAGE_BRIEF), ==, -1);
      g_assert_cmpint (sc_report_get_page_kind (report, 1), ==, SC_REPORT_PAGE_SUMMARY);
      /* The file is test.segments: its name is no title. */
      g_assert_cmpstr (sc_report_get_page_title (report, 0), ==, "Customer segments");
    }
  if (need_poppler ())
    {
      g_autofree char *pdf = g_build_filename (dir, "plain.pdf", NULL);
      g_autoptr(ScReport) report = new_report (project, SC_REPORT_FORMAT_A4);
      g_autoptr(GError) error = NULL;
      g_autofree char *info = NULL;
      g_autofree char *first = NULL;

      g_assert_true (sc_report_save_pdf (report, pdf, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      info = pdf_info (pdf);
      assert_contains (info, "Title:           Customer segments\n");
      first = pdf_text (pdf, 1);
      g_assert_null (strstr (first, "test"));
    }
  test_remove_dir (dir);
}

static void
test_report_with_brief (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = test_project_new_planted (&dir);
  g_autoptr(ScBrief) brief = sc_brief_new ();
  g_autoptr(ScBrief) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *repeat_now = NULL;

  brief->objective = g_strdup ("Win back lapsed regulars");
  brief->goal = g_strdup ("Protect next year's repeat revenue");
  brief->scope = g_strdup ("Customers who ordered since 2023; a deck and a call list");
  brief->review_date = g_strdup ("2026-09-30");
  brief->currency = g_strdup ("EUR");
  sc_brief_add_kpi (brief, "repeat rate", 55);
  sc_brief_add_kpi (brief, "Net promoter score", 40);
  sc_brief_add_stakeholder (brief, "Ana Ruiz", "Sales", SC_STAKEHOLDER_SPONSOR);
  sc_brief_add_stakeholder (brief, "Bo Li", "Support", SC_STAKEHOLDER_USER);
  g_assert_true (sc_project_set_brief (project, brief, &error));
  g_assert_no_error (error);
  loaded = sc_project_load_brief (project, &error);
  g_assert_no_error (error);
  repeat_now = sc_brief_format_kpi_value (loaded, "repeat rate",
                                          g_array_index (loaded->kpis, ScBriefKpi, 0).baseline);

  for (ScReportFormat f = SC_REPORT_FORMAT_A4; f <= SC_REPORT_FORMAT_SLIDES; f++)
    {
      g_autoptr(ScReport) report = new_report (project, f);
      g_autofree char *pdf = g_build_filename (dir, f == SC_REPORT_FORMAT_A4 ? "a4.pdf"
                                                                            : "slides.pdf",
                                               NULL);
      g_autofree char *text = NULL;
      g_autofree char *info = NULL;

      int summary = find_page (report, SC_REPORT_PAGE_SUMMARY);
      GString *brief_text = g_string_new (NULL);

      /* Right after the title page, before the executive summary (a slide may continue on
       * the next one). */
      g_assert_cmpint (summary, >=, 2);
      for (int p = 1; p < summary; p++)
        g_assert_cmpint (sc_report_get_page_kind (report, p), ==, SC_REPORT_PAGE_BRIEF);
      g_assert_cmpstr (sc_report_get_page_title (report, 0), ==, "Win back lapsed regulars");
      g_assert_cmpstr (sc_report_get_page_title (report, 1), ==, "Project brief");

      if (!need_poppler ())
        {
          g_string_free (brief_text, TRUE);
          continue;
        }
      g_assert_true (sc_report_save_pdf (report, pdf, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      info = pdf_info (pdf);
      assert_contains (info, "Title:           Win back lapsed regulars — Customer segments");
      assert_contains ((text = pdf_text (pdf, 1)), "Win back lapsed regulars");
      g_free (text);
      for (int p = 1; p < summary; p++)
        {
          g_autofree char *page = pdf_text (pdf, p + 1);

          g_string_append (brief_text, page);
        }
      text = g_string_free (brief_text, FALSE);
      assert_contains (text, "Project brief");
      assert_contains (text, "Protect next year's repeat revenue");
      assert_contains (text, "Repeat rate");
      /* The value now, computed from the data, beside the target. */
      assert_contains (text, repeat_now);
      assert_contains (text, "55.0%");
      assert_contains (text, "Net promoter score");
      assert_contains (text, "not measured");
      assert_contains (text, "Ana Ruiz");
      assert_contains (text, "Sponsor");
      assert_contains (text, "User of the segments");
      assert_contains (text, "a deck and a call list");
      assert_contains (text, "Review date: 30 September 2026.");
      assert_contains (text, "Amounts are in EUR.");
    }
  test_remove_dir (dir);
}

/* A long brief on slides: nothing of it is cut off, it continues on the next slide. */
static void
test_report_long_brief (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = test_project_new_planted (&dir);
  g_autoptr(ScBrief) brief = sc_brief_new ();
  g_autoptr(ScReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  int summary;

  if (!need_poppler ())
    {
      test_remove_dir (dir);
      return;
    }
  brief->objective = g_strdup ("Focus sales and service effort where it pays");
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *kpi = g_strdup_printf ("Measure%u", i);
      g_autofree char *name = g_strdup_printf ("Person%u", i);

      sc_brief_add_kpi (brief, kpi, i);
      sc_brief_add_stakeholder (brief, name, "Sales", i % SC_N_STAKEHOLDER_ROLES);
    }
  g_assert_true (sc_project_set_brief (project, brief, &error));
  report = new_report (project, SC_REPORT_FORMAT_SLIDES);
  pdf = g_build_filename (dir, "long.pdf", NULL);
  g_assert_true (sc_report_save_pdf (report, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  summary = find_page (report, SC_REPORT_PAGE_SUMMARY);
  g_assert_cmpint (summary, >, 2);
  for (int p = 1; p < summary; p++)
    {
      g_autofree char *page = pdf_text (pdf, p + 1);

      g_string_append (text, page);
    }
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *kpi = g_strdup_printf ("Measure%u", i);
      g_autofree char *name = g_strdup_printf ("Person%u", i);

      assert_contains (text->str, kpi);
      assert_contains (text->str, name);
    }
  test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/ReportBrief/without-brief", test_report_without_brief);
  g_test_add_func ("/Render/ReportBrief/with-brief", test_report_with_brief);
  g_test_add_func ("/Render/ReportBrief/long-brief", test_report_long_brief);

  return g_test_run ();
}
