/* test-project-export.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The render layer's writers behind the project facade (sc-project-export.h): exports and
 * the report, sync and async, the same either way, and cancelled without a trace.
 * test-report.c and test-export-style tests check what the writers write; these check the
 * facade around them. */

#include <glib/gstdio.h>
#include <string.h>

#include "sc-project-export.h"
#include "test-project-utils.h"

typedef TestProjectFixture Fixture;

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static void
assert_same_file (const char *x,
                  const char *y)
{
  gsize nx = 0, ny = 0;
  g_autofree char *cx = read_file (x, &nx);
  g_autofree char *cy = read_file (y, &ny);

  g_assert_cmpuint (nx, >, 0);
  g_assert_cmpmem (cx, nx, cy, ny);
}

static guint
count_lines (const char *path)
{
  gsize n = 0;
  g_autofree char *contents = read_file (path, &n);
  guint lines = 0;

  for (gsize i = 0; i < n; i++)
    lines += contents[i] == '\n';
  return lines;
}

/* Runs request through sc_project_export_async() and returns what the finish said. */
static gboolean
export_async (ScProject        *project,
              ScExportRequest  *request,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sc_project_export_async (project, request, NULL, cancellable, test_on_async_done, &result);
  return sc_project_export_finish (project, test_wait_for (&result), request, error);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(ScJob) job = sc_job_new ();
  g_autofree char *csv_sync = g_build_filename (f->dir, "sync.csv", NULL);
  g_autofree char *csv_async = g_build_filename (f->dir, "async.csv", NULL);
  g_autofree char *json_sync = g_build_filename (f->dir, "sync.json", NULL);
  g_autofree char *json_async = g_build_filename (f->dir, "async.json", NULL);
  g_autofree char *png_sync = g_build_filename (f->dir, "sync.png", NULL);
  g_autofree char *png_async = g_build_filename (f->dir, "async.png", NULL);
  g_autofree char *png = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ScExportRequest request = { .kind = SC_EXPORT_ASSIGNMENTS, .path = csv_sync };
  ScConsentSummary consent;
  gsize n_png = 0;

  /* The activation list: everyone segmented may be contacted (no consent data). */
  g_assert_true (sc_project_get_consent_summary (f->project, &consent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (consent.segmented, ==, 453);
  g_assert_false (consent.consent_known);
  g_assert_cmpuint (consent.excluded, ==, 0);

  g_assert_true (sc_project_export (f->project, &request, job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (request.n_written, ==, 453);
  g_assert_cmpuint (request.n_excluded, ==, 0);
  g_assert_cmpuint (count_lines (csv_sync), ==, 1 + 453);

  request = (ScExportRequest) { .kind = SC_EXPORT_ASSIGNMENTS, .path = csv_async };
  g_assert_true (export_async (f->project, &request, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (request.n_written, ==, 453);
  g_assert_cmpuint (request.n_excluded, ==, 0);
  assert_same_file (csv_sync, csv_async);

  /* Segment definitions, and a chart. */
  request = (ScExportRequest) { .kind = SC_EXPORT_SEGMENTS, .path = json_sync };
  g_assert_true (sc_project_export (f->project, &request, NULL, NULL, &error));
  g_assert_no_error (error);
  request.path = json_async;
  g_assert_true (export_async (f->project, &request, NULL, &error));
  g_assert_no_error (error);
  assert_same_file (json_sync, json_async);
  {
    gsize n = 0;
    g_autofree char *json = read_file (json_sync, &n);

    g_assert_nonnull (strstr (json, sc_project_get_run (f->project)->segments[0].name));
  }

  request = (ScExportRequest) {
    .kind = SC_EXPORT_CHART, .path = png_sync, .chart = SC_CHART_SIZES, .width = 320,
    .height = 200, .scale = 1, .dark = FALSE,
  };
  g_assert_true (sc_project_export (f->project, &request, NULL, NULL, &error));
  g_assert_no_error (error);
  request.path = png_async;
  g_assert_true (export_async (f->project, &request, NULL, &error));
  g_assert_no_error (error);
  assert_same_file (png_sync, png_async);
  png = read_file (png_async, &n_png);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);

  /* Exports only read the project. */
  g_assert_cmpuint (f->parts.n_emissions, ==, 0);

  /* Cancelled before they start: an error, and no file. */
  before = test_project_fingerprint (sc_project_get_path (f->project));
  g_cancellable_cancel (cancelled);
  g_unlink (csv_async);
  g_unlink (json_async);
  g_unlink (png_async);
  request = (ScExportRequest) { .kind = SC_EXPORT_ASSIGNMENTS, .path = csv_async };
  g_assert_false (sc_project_export (f->project, &request, NULL, cancelled, &error));
  test_assert_cancelled (&error);
  g_assert_false (export_async (f->project, &request, cancelled, &error));
  test_assert_cancelled (&error);
  request = (ScExportRequest) { .kind = SC_EXPORT_SEGMENTS, .path = json_async };
  g_assert_false (export_async (f->project, &request, cancelled, &error));
  test_assert_cancelled (&error);
  request = (ScExportRequest) {
    .kind = SC_EXPORT_CHART, .path = png_async, .chart = SC_CHART_SCATTER, .width = 320,
    .height = 200, .scale = 1,
  };
  g_assert_false (export_async (f->project, &request, cancelled, &error));
  test_assert_cancelled (&error);
  g_assert_false (g_file_test (csv_async, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (json_async, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (png_async, G_FILE_TEST_EXISTS));
  after = test_project_fingerprint (sc_project_get_path (f->project));
  g_assert_cmpstr (after, ==, before);
}

static void
assert_same_report (ScReport *x,
                    ScReport *y)
{
  double wx, hx, wy, hy;

  g_assert_cmpint (sc_report_get_format (x), ==, sc_report_get_format (y));
  g_assert_cmpuint (sc_report_get_n_pages (x), ==, sc_report_get_n_pages (y));
  sc_report_get_page_size (x, &wx, &hx);
  sc_report_get_page_size (y, &wy, &hy);
  g_assert_cmpfloat (wx, ==, wy);
  g_assert_cmpfloat (hx, ==, hy);
  for (guint p = 0; p < sc_report_get_n_pages (x); p++)
    {
      g_assert_cmpint (sc_report_get_page_kind (x, p), ==, sc_report_get_page_kind (y, p));
      g_assert_cmpstr (sc_report_get_page_title (x, p), ==, sc_report_get_page_title (y, p));
    }
  g_assert_cmpstr (sc_report_get_summary (x), ==, sc_report_get_summary (y));
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ScReport) sync_report = NULL;
  g_autoptr(ScReport) async_report = NULL;
  g_autoptr(ScReport) slides = NULL;
  g_autoptr(ScReport) none = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *empty_dir = NULL;
  g_autoptr(ScProject) empty = test_project_new (&empty_dir);
  ScConsentSummary consent = { 0 };
  gboolean has_consent = FALSE;
  guint n_segment_pages = 0;
  double width, height;

  sync_report = sc_project_new_report (f->project, SC_REPORT_FORMAT_A4, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sync_report);
  g_assert_cmpint (sc_report_get_format (sync_report), ==, SC_REPORT_FORMAT_A4);
  sc_report_get_page_size (sync_report, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.3, 0.1);
  g_assert_cmpfloat_with_epsilon (height, 841.9, 0.1);
  g_assert_cmpint (sc_report_get_page_kind (sync_report, 0), ==, SC_REPORT_PAGE_TITLE);
  for (guint p = 0; p < sc_report_get_n_pages (sync_report); p++)
    n_segment_pages += sc_report_get_page_kind (sync_report, p) == SC_REPORT_PAGE_SEGMENT;
  g_assert_cmpuint (n_segment_pages, >=, 3);
  g_assert_cmpuint (strlen (sc_report_get_summary (sync_report)), >, 0);

  sc_project_new_report_async (f->project, SC_REPORT_FORMAT_A4, NULL, test_on_async_done,
                               &result);
  async_report = sc_project_new_report_finish (f->project, test_wait_for (&result),
                                               &has_consent, &consent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (async_report);
  g_clear_object (&result);
  assert_same_report (sync_report, async_report);
  /* With the report comes who the activation export would leave out. */
  g_assert_true (has_consent);
  g_assert_cmpuint (consent.segmented, ==, 453);
  g_assert_cmpuint (consent.excluded, ==, 0);

  slides = sc_project_new_report (f->project, SC_REPORT_FORMAT_SLIDES, NULL, NULL, &error);
  g_assert_no_error (error);
  sc_report_get_page_size (slides, &width, &height);
  g_assert_cmpfloat (width, ==, 960);
  g_assert_cmpfloat (height, ==, 540);

  /* Cancelled: an error and no change. */
  before = test_project_fingerprint (sc_project_get_path (f->project));
  g_cancellable_cancel (cancelled);
  none = sc_project_new_report (f->project, SC_REPORT_FORMAT_A4, NULL, cancelled, &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  has_consent = TRUE;
  sc_project_new_report_async (f->project, SC_REPORT_FORMAT_A4, cancelled, test_on_async_done,
                               &result);
  none = sc_project_new_report_finish (f->project, test_wait_for (&result), &has_consent, NULL,
                                       &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  g_clear_object (&result);
  after = test_project_fingerprint (sc_project_get_path (f->project));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (f->parts.n_emissions, ==, 0);

  /* Nothing to report before a segmentation. */
  none = sc_project_new_report (empty, SC_REPORT_FORMAT_A4, NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  sc_project_new_report_async (empty, SC_REPORT_FORMAT_A4, NULL, test_on_async_done, &result);
  none = sc_project_new_report_finish (empty, test_wait_for (&result), NULL, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  g_assert_false (sc_project_get_consent_summary (empty, &consent, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);

  g_clear_object (&empty);
  test_remove_dir (empty_dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Render/Project/export", Fixture, NULL, test_project_fixture_setup, test_export,
              test_project_fixture_teardown);
  g_test_add ("/Render/Project/report", Fixture, NULL, test_project_fixture_setup, test_report,
              test_project_fixture_teardown);

  return g_test_run ();
}
