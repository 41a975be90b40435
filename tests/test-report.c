/* test-report.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report (and segments-cli report), checked on the files it writes; the exports are
 * checked in test-export.c.  The main fixture is the
 * bundled sample (3,000 customers, 211 of whom refused marketing) plus three giant accounts
 * that become outliers and are absent from the customer list (consent unknown), segmented
 * with k = 4 and a fitted customer value model.  Two segments get a Cyrillic and a Hebrew
 * (right-to-left) name, and one an owner that looks like a spreadsheet formula.
 *
 * PDFs are read back with poppler-utils (pdfinfo, pdftotext, pdffonts, pdftoppm); those
 * tests are skipped where the tools are missing.  With SC_REPORT_OUTPUT_DIR set, the
 * reports and the PNG of every page are left there for people to look at. */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "sc-format.h"
#include "sc-profit.h"
#include "test-report-common.h"
#include "test-utils.h"

/* ---------------------------------------------------------------------------------------- */
/* Report */

/* The methodology (issue 15) shows the run's own figures: the k table, the stored
 * explanation, each segment's stability and the rule that sets groups apart. */
static void
check_methodology (const char *text,
                   gboolean    slides)
{
  g_autoptr(ScStore) store = open_fixture ();
  g_autoptr(ScRun) run = current_run (store);
  const ScValidation *v = run->validation;
  g_autofree char *counts = NULL;

  g_assert_nonnull (v);
  g_assert_false (v->k_auto);
  assert_contains (text, v->explanation);
  assert_contains (text, "4 segments, as set by hand.");
  g_assert_cmpuint (v->n_k, ==, 1);
  {
    g_autofree char *sil = sc_format_number (v->k_table[0].silhouette, 3);
    g_autofree char *stab = sc_format_number (v->k_table[0].stability, 2);
    g_autofree char *share = sc_format_percent (v->k_table[0].smallest_share, -1);
    g_autofree char *row = g_strdup_printf ("%s %s %s", sil, share, stab);

    /* pdftotext reads the figures of the row together, its first cell apart. */
    assert_contains (text, "4 (set by hand)");
    assert_contains (text, row);
    g_assert_null (strstr (text, "chosen from 2 to 8"));
  }
  for (guint s = 0; s < run->n_segments; s++)
    {
      const ScSegmentQuality *q = sc_validation_get_segment (v, s);
      g_autofree char *size = sc_format_count (run->segments[s].size);
      g_autofree char *stab = isnan (q->stability) ? g_strdup ("set apart, not clustered")
                                                   : sc_format_number (q->stability, 2);
      g_autofree char *cells = g_strdup_printf ("%s %s", size, stab);

      g_assert_cmpint (q->clustered, ==, run->segments[s].kind == SC_SEGMENT_KIND_SEGMENT);
      assert_contains (text, cells);
    }
  assert_contains (text, "No two segments look alike");
  /* The rule, with its caps; shorter on a slide. */
  assert_contains (text, slides ? "Set apart before clustering: anomalies (ranked last)"
                                : "Two groups are set apart before clustering.");
  assert_contains (text, "at most 5% of customers");
  assert_contains (text, slides ? "at most 1% of customers for their spend"
                                : "at most 1% of customers are set apart for their spend");
  counts = g_strdup_printf ("In these segments: 0 top accounts and %u anomalies.", N_GIANTS);
  assert_contains (text, counts);
}

/* Whether page @p continues the segment of the page before it. */
static gboolean
continued_segment (ScReport *report,
                   guint     p)
{
  g_autofree char *title = NULL;

  if (p == 0 || sc_report_get_page_kind (report, p) != SC_REPORT_PAGE_SEGMENT)
    return FALSE;
  title = g_strdup_printf ("%s (continued)", sc_report_get_page_title (report, p - 1));
  return g_str_equal (title, sc_report_get_page_title (report, p));
}

static void
check_report_pdf (ScReportFormat format,
                  guint          fixed_pages)
{
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *fonts = NULL;
  g_autofree char *outliers = NULL;
  g_autofree char *excluded = NULL;
  g_autoptr(GPtrArray) names = fixture_names ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 14, 9, 30, 0);
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScReport) report = NULL;
  g_autoptr(GError) error = NULL;
  ScReportOptions options = { "Fixture", "Test Author", date };
  gboolean slides = format == SC_REPORT_FORMAT_SLIDES;
  guint n_pages, n_segment_pages = 0, next_segment = 0;

  if (!need_poppler ())
    return;

  dir = output_dir ();
  pdf = g_build_filename (dir, slides ? "report-slides.pdf" : "report-a4.pdf", NULL);
  store = open_fixture ();
  report = sc_report_new (store, format, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sc_report_save_pdf (report, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Title, summary, charts and appendix pages, and one page per segment. */
  n_pages = sc_report_get_n_pages (report);
  /* A segment whose plan does not fit continues on a second page. */
  for (guint p = 1; p < n_pages; p++)
    if (continued_segment (report, p))
      fixed_pages++;
  /* The Profit section, on a page of its own, where the fixture's costs are known (issue 18);
   * the fixture has no rules, so no Rule Segments page. */
  {
    g_autoptr(ScProfit) profit = sc_profit_load (store, NULL);
    guint profit_pages = 0;

    for (guint p = 0; p < n_pages; p++)
      {
        profit_pages += g_strcmp0 (sc_report_get_page_title (report, p), "Profit") == 0;
        g_assert_cmpstr (sc_report_get_page_title (report, p), !=, "Rule Segments");
      }
    g_assert_cmpuint (profit_pages, ==, profit != NULL && profit->known ? 1 : 0);
    fixed_pages += profit_pages;
  }
  g_assert_cmpuint (n_pages, ==, fixture_segments + fixed_pages);
  g_assert_cmpuint (pdf_pages (pdf), ==, n_pages);
  g_assert_cmpint (sc_report_get_page_kind (report, 0), ==, SC_REPORT_PAGE_TITLE);
  g_assert_cmpint (sc_report_get_page_kind (report, 1), ==, SC_REPORT_PAGE_SUMMARY);
  g_assert_cmpint (sc_report_get_page_kind (report, n_pages - 1), ==, SC_REPORT_PAGE_APPENDIX);

  /* One page per segment, in priority order, each naming its segment. */
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page_text = NULL;

      if (sc_report_get_page_kind (report, p) != SC_REPORT_PAGE_SEGMENT ||
          continued_segment (report, p))
        continue;
      n_segment_pages++;
      g_assert_cmpstr (sc_report_get_page_title (report, p), ==,
                       g_ptr_array_index (names, next_segment));
      page_text = pdf_text (pdf, (int) p + 1);
      assert_contains (page_text, g_ptr_array_index (names, next_segment));
      next_segment++;
    }
  g_assert_cmpuint (n_segment_pages, ==, fixture_segments);

  /* Metadata and embedded fonts. */
  info = pdf_info (pdf);
  assert_contains (info, "Title:           Fixture — Customer segments");
  assert_contains (info, "Author:          Test Author");
  assert_contains (info, "Creator:         Segments");
  assert_contains (info, "CreationDate:    Sat Mar 14 09:30:00 2026");
  assert_contains (info, slides ? "Page size:       960 x 540 pts"
                                : "Page size:       595.276 x 841.89 pts (A4)");
  {
    const char *argv[] = { "pdffonts", pdf, NULL };
    g_auto(GStrv) lines = NULL;
    guint n_fonts = 0;

    fonts = run_program (argv);
    lines = g_strsplit (fonts, "\n", -1);
    for (guint i = 2; lines[i] != NULL; i++)
      {
        g_auto(GStrv) cols = NULL;

        if (*lines[i] == '\0')
          continue;
        /* name type [type…] encoding emb sub uni object ID: emb is the 5th from the end. */
        cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
        {
          g_autoptr(GPtrArray) words = g_ptr_array_new ();

          for (guint c = 0; cols[c] != NULL; c++)
            if (*cols[c] != '\0')
              g_ptr_array_add (words, cols[c]);
          g_assert_cmpuint (words->len, >=, 6);
          g_assert_cmpstr (g_ptr_array_index (words, words->len - 5), ==, "yes");
        }
        n_fonts++;
      }
    g_assert_cmpuint (n_fonts, >, 0);
  }

  /* Every segment name, the summary's figures and the appendix. */
  text = pdf_text (pdf, 0);
  for (guint i = 0; i < names->len; i++)
    assert_contains (text, g_ptr_array_index (names, i));
  assert_contains (text, "Fixture");
  assert_contains (text, "Executive summary");
  assert_contains (text, "The 3,003 customers with orders form 4 segments.");
  outliers = g_strdup_printf ("%u customers are anomalies", N_GIANTS);
  assert_contains (text, outliers);
  /* The set-apart group is called what it is (issue 15), nowhere "outliers". */
  g_assert_null (strstr (text, "outlier"));
  g_assert_null (strstr (text, "Outlier"));
  excluded = g_strdup_printf ("%u customers have not agreed to marketing",
                              sample_refusals () + N_GIANTS);
  assert_contains (text, excluded);
  assert_contains (text, "of the segments’ expected future value over the next 12 months");
  assert_contains (text, "Orders from 1 January 2024 to 31 December 2025");
  assert_contains (text, "Prepared by Test Author on 14 March 2026");
  assert_contains (text, "Methodology");
  assert_contains (text, "transactions.csv");
  assert_contains (text, "giants.csv");
  assert_contains (text, "BG/NBD");
  assert_contains (text, "Gamma-Gamma");
  assert_contains (text, "silhouette");
  check_methodology (text, slides);
  assert_contains (text, "Activation exports leave out");
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
    assert_contains (text, last);
  }
  if (!slides)
    {
      assert_contains (text, "Segments by priority");
      assert_contains (text, "Ana Lima");
      assert_contains (text, "Quarterly business reviews with a named account manager.");
      assert_contains (text, "Invitations to the customer advisory board.");
      assert_contains (text, "Value and potential");
      assert_contains (text, "Customers by recency and spend");
    }

  /* Every page renders to PNG. */
  {
    g_autofree char *prefix = g_build_filename (dir, slides ? "slides" : "a4", NULL);
    const char *argv[] = { "pdftoppm", "-png", "-r", "50", pdf, prefix, NULL };
    g_autofree char *out = run_program (argv);
    guint n_png = 0;

    for (guint p = 1; p <= n_pages; p++)
      {
        g_autofree char *png = g_strdup_printf ("%s-%02u.png", prefix, p);
        cairo_surface_t *image = cairo_image_surface_create_from_png (png);

        g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (image), ==,
                         (int) ceil ((slides ? 960.0 : 595.276) * 50 / 72));
        n_png++;
        cairo_surface_destroy (image);
      }
    g_assert_cmpuint (n_png, ==, n_pages);
  }

  output_dir_done (dir);
}

static void
test_report_a4 (void)
{
  /* Title, summary, value and potential, customers, two pages of methodology (the k table
   * and each segment's stability take the second). */
  /* Title, summary (two pages: actions, decisions, caveats, findings, priorities), grid,
   * scatter and the methodology's two pages. */
  check_report_pdf (SC_REPORT_FORMAT_A4, 7);
}

static void
test_report_slides (void)
{
  /* Title, summary, three charts, four of methodology (data, segmentation, segment
   * quality, value and consent). */
  /* Title, key message and actions, decisions, key figures, priorities, three charts, next
   * steps and four methodology slides. */
  check_report_pdf (SC_REPORT_FORMAT_SLIDES, 13);
}

/* The figures of the summary come from the numbers, not from a template. */
static void
test_report_summary (void)
{
  g_autoptr(ScStore) store = open_fixture ();
  g_autoptr(ScReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = current_run (store);
  g_autofree char *excluded = g_strdup_printf ("%u customers have not agreed to marketing (or "
                                               "the data do not say)",
                                               sample_refusals () + N_GIANTS);
  const ScSegmentInfo *top = NULL;
  const char *summary;

  report = sc_report_new (store, SC_REPORT_FORMAT_A4, NULL, NULL, &error);
  g_assert_no_error (error);
  summary = sc_report_get_summary (report);

  for (guint s = 0; s < run->n_segments; s++)
    if (!run->segments[s].is_outliers &&
        (top == NULL || run->segments[s].revenue_share > top->revenue_share))
      top = &run->segments[s];
  g_assert_nonnull (top);
  {
    g_autofree char *share = g_strdup_printf ("%.0f%%", 100 * top->share);
    g_autofree char *revenue = g_strdup_printf ("%.0f%%", 100 * top->revenue_share);
    g_autofree char *sentence = g_strdup_printf ("%s are %s of customers and %s of revenue.",
                                                 top->name, share, revenue);

    g_assert_cmpfloat (top->share, >=, 0.1);
    g_assert_cmpfloat (top->revenue_share, >=, 0.1);
    assert_contains (summary, sentence);
  }
  assert_contains (summary, "3 customers are anomalies");
  g_assert_null (strstr (summary, "outlier"));
  assert_contains (summary, excluded);
  assert_contains (summary, "On the value × potential grid: ");
}

/* A segment whose stored stability is below 0.6 is flagged wherever the report names it:
 * in the summary's sentences and table, on its page and in the methodology. */
static void
test_report_unstable (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *copy = g_build_filename (dir, "unstable.segments", NULL);
  g_autofree char *pdf = g_build_filename (dir, "unstable.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *flagged = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const ScSegmentInfo *top = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (fixture_path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) len, NULL));
  store = sc_store_open (copy, FALSE, &error);
  g_assert_no_error (error);
  run = current_run (store);
  for (guint s = 0; s < run->n_segments; s++)
    if (run->segments[s].kind == SC_SEGMENT_KIND_SEGMENT &&
        (top == NULL || run->segments[s].revenue_share > top->revenue_share))
      top = &run->segments[s];
  g_assert_nonnull (top);
  g_assert_false (sc_validation_get_segment (run->validation, top->position)->unstable);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE segment_quality SET stability = 0.41 "
                                            "WHERE run = %" G_GINT64_FORMAT " AND position = %u",
                                            run->id, top->position);
    g_autoptr(ScRun) again = NULL;
    sqlite3 *db;

    g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    again = current_run (store);
    g_assert_true (sc_validation_get_segment (again->validation, top->position)->unstable);
  }

  report = sc_report_new (store, SC_REPORT_FORMAT_A4, NULL, NULL, &error);
  g_assert_no_error (error);
  flagged = g_strdup_printf ("%s (unstable: treat as a rough guide) are", top->name);
  assert_contains (sc_report_get_summary (report), flagged);
  if (!need_poppler ())
    {
      test_remove_tree (dir);
      return;
    }
  g_assert_true (sc_report_save_pdf (report, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint p = 0; p < sc_report_get_n_pages (report); p++)
    {
      g_autofree char *page = pdf_text (pdf, (int) p + 1);
      gboolean own = sc_report_get_page_kind (report, p) == SC_REPORT_PAGE_SEGMENT &&
                     g_strcmp0 (sc_report_get_page_title (report, p), top->name) == 0;

      /* Its page says so; no other segment's page does. */
      if (sc_report_get_page_kind (report, p) != SC_REPORT_PAGE_SEGMENT)
        continue;
      if (own)
        {
          assert_contains (page, "Unstable: treat as a rough guide.");
          assert_contains (page, "stability 0.41, below 0.6");
        }
      else
        g_assert_null (strstr (page, "Unstable"));
    }
  {
    g_autofree char *text = pdf_text (pdf, 0);
    g_autofree char *row = g_strdup_printf ("%s (unstable)", top->name);

    assert_contains (text, row);
    assert_contains (text, "0.41, unstable");
  }
  test_remove_tree (dir);
}

/* The preview draws the same pages at any size. */
static void
test_report_render (void)
{
  g_autoptr(ScStore) store = open_fixture ();
  g_autoptr(ScReport) report = NULL;
  g_autoptr(GError) error = NULL;
  double w, h;

  report = sc_report_new (store, SC_REPORT_FORMAT_SLIDES, NULL, NULL, &error);
  g_assert_no_error (error);
  sc_report_get_page_size (report, &w, &h);
  g_assert_cmpfloat (w, ==, 960);
  g_assert_cmpfloat (h, ==, 540);

  for (guint p = 0; p < sc_report_get_n_pages (report); p++)
    for (guint size = 0; size < 2; size++)
      {
        int width = size == 0 ? 192 : 960;
        int height = width * 9 / 16;
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
        cairo_t *cr = cairo_create (surface);
        const guint8 *data;
        int stride;
        guint64 ink = 0;

        cairo_set_source_rgb (cr, 1, 0, 1);
        cairo_paint (cr);
        sc_report_render_page (report, cr, p, width, height);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_surface_flush (surface);
        data = cairo_image_surface_get_data (surface);
        stride = cairo_image_surface_get_stride (surface);
        for (int y = 0; y < height; y++)
          for (int x = 0; x < width; x++)
            {
              guint32 v = *(const guint32 *) (data + y * stride + 4 * x);

              /* The page paints its whole background... */
              g_assert_cmphex (v & 0xffffff, !=, 0xff00ff);
              ink += (v & 0xffffff) != 0xffffff;
            }
        /* ...and something on it. */
        g_assert_cmpuint (ink, >, (guint64) width * height / 200);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

/* A long text continues on the next page rather than being cut off. */
static void
test_report_long_text (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *copy = g_build_filename (dir, "long.segments", NULL);
  g_autofree char *pdf = g_build_filename (dir, "long.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) tactics = g_string_new (NULL);
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *order = NULL;
  gsize len;
  guint continued = 0, segment_pages = 0;

  if (!need_poppler ())
    return;

  g_assert_true (g_file_get_contents (fixture_path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) len, NULL));
  store = sc_store_open (copy, FALSE, &error);
  g_assert_no_error (error);
  run = current_run (store);
  order = sc_run_priority_order (run);
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (tactics, "Step %u: call every account in the region, listen to "
                                     "what they need and write it down in the CRM. ", i + 1);
  g_string_append (tactics, "FINALWORD");
  set_field (store, run->segments[order[2]].id, SC_SEGMENT_FIELD_TACTICS, tactics->str);

  report = sc_report_new (store, SC_REPORT_FORMAT_A4, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < sc_report_get_n_pages (report); p++)
    if (sc_report_get_page_kind (report, p) == SC_REPORT_PAGE_SEGMENT)
      {
        segment_pages++;
        continued += g_str_has_suffix (sc_report_get_page_title (report, p), "(continued)");
      }
  g_assert_cmpuint (continued, >=, 1);
  g_assert_cmpuint (segment_pages, ==, fixture_segments + continued);
  g_assert_true (sc_report_save_pdf (report, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf, 0);
  assert_contains (text, "Step 1: call every account");
  assert_contains (text, "Step 60: call every account");
  assert_contains (text, "FINALWORD");

  test_remove_tree (dir);
}

static void
test_report_errors (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *project = make_small_project (dir, NULL, 0, FALSE);
  g_autofree char *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "r.pdf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScStore) fixture = open_fixture ();
  g_autoptr(GError) error = NULL;

  /* Not segmented yet. */
  store = sc_store_open (project, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (sc_report_new (store, SC_REPORT_FORMAT_A4, NULL, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  g_assert_false (sc_report_write_pdf (store, pdf, SC_REPORT_FORMAT_SLIDES, NULL, NULL, NULL,
                                       NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* Cancelled: no file. */
  g_cancellable_cancel (cancellable);
  g_assert_false (sc_report_write_pdf (fixture, pdf, SC_REPORT_FORMAT_A4, NULL, NULL, NULL,
                                       cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* Nowhere to write. */
  g_assert_false (sc_report_write_pdf (fixture, missing, SC_REPORT_FORMAT_A4, NULL, NULL, NULL,
                                       NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "r.pdf"));

  test_remove_tree (dir);
}

/* Without a customer value model the report still stands, and says what is missing. */
static void
test_report_without_model (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *project = make_small_project (dir, NULL, 0, TRUE);
  g_autofree char *pdf = g_build_filename (dir, "r.pdf", NULL);
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScReport) report = NULL;
  g_autoptr(GError) error = NULL;

  store = sc_store_open (project, FALSE, &error);
  g_assert_no_error (error);
  report = sc_report_new (store, SC_REPORT_FORMAT_A4, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_contains (sc_report_get_summary (report), "No customer value model has been fitted");
  assert_contains (sc_report_get_summary (report), "The data record no marketing consent");
  /* Two segments and title, summary (two pages with the actions, decisions and caveats),
   * two charts, two pages of methodology. */
  g_assert_cmpuint (sc_report_get_n_pages (report), ==, 2 + 7);
  g_assert_true (sc_report_save_pdf (report, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (have_program ("pdftotext"))
    {
      g_autofree char *text = pdf_text (pdf, 0);

      assert_contains (text, "No customer value model has been fitted");
      assert_contains (text, "small");
      /* Segmented with --outliers off. */
      assert_contains (text, "The rule that sets top accounts and anomalies apart was "
                             "switched off for these segments: every customer with orders "
                             "was clustered.");
    }
  test_remove_tree (dir);
}

/* ---------------------------------------------------------------------------------------- */
/* segments-cli report, chart and export */

static char *
cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "segments-cli", "segments-cli", NULL);
}

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autofree char *cli = cli_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (void)
{
  g_autofree char *cli = cli_path ();
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL, *svg = NULL, *json = NULL, *csv = NULL, *txt = NULL;
  g_autofree char *excluded = NULL;

  if (!g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("segments-cli is not built");
      return;
    }

  dir = tmp_dir ();
  pdf = g_build_filename (dir, "s.pdf", NULL);
  svg = g_build_filename (dir, "g.svg", NULL);
  json = g_build_filename (dir, "s.json", NULL);
  csv = g_build_filename (dir, "a.csv", NULL);
  txt = g_build_filename (dir, "a.txt", NULL);
  excluded = g_strdup_printf ("%u customers without marketing consent were left out",
                              sample_refusals () + N_GIANTS);

  {
    const char *args[] = { "report", fixture_path, "-o", pdf, "--format", "slides", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(ScStore) store = open_fixture ();
    g_autoptr(ScProfit) profit = sc_profit_load (store, NULL);
    /* One slide more for the Profit section where the fixture's costs are known. */
    g_autofree char *expected = g_strdup_printf ("Wrote %u pages to %s", fixture_segments + 13 +
                                                 (profit != NULL && profit->known),
                                                 pdf);

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    assert_contains (out, expected);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
  {
    const char *args[] = { "chart", fixture_path, "--kind", "grid", "-o", svg, "--width", "500",
                           "--height", "300", NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *text = NULL;

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
    assert_contains (text, "width=\"500px\"");
  }
  {
    const char *args[] = { "export", fixture_path, "--segments", json, "--assignments", csv,
                           NULL };
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    assert_contains (err, excluded);
    g_assert_true (g_file_test (json, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (csv, G_FILE_TEST_EXISTS));
  }

  /* Usage errors exit with 2 and write nothing. */
  {
    const char *usage[][9] = {
      { "chart", fixture_path, "-o", svg, NULL },
      { "chart", fixture_path, "--kind", "pie", "-o", svg, NULL },
      { "chart", fixture_path, "--kind", "grid", "-o", txt, NULL },
      { "chart", fixture_path, "--kind", "grid", "-o", svg, "--width", "-5", NULL },
      { "report", fixture_path, "-o", txt, NULL },
      { "report", fixture_path, "-o", pdf, "--format", "letter", NULL },
      { "report", fixture_path, NULL },
      { "export", fixture_path, "--segments", txt, NULL },
      { "export", fixture_path, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
      {
        g_autofree char *out = NULL, *err = NULL;

        g_assert_cmpint (run_cli (usage[i], &out, &err), ==, 2);
        g_assert_cmpuint (strlen (err), >, 0);
      }
    g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  }

  test_remove_tree (dir);
}

/* ---------------------------------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  make_fixture ();

  g_test_add_func ("/Render/Report/a4", test_report_a4);
  g_test_add_func ("/Render/Report/slides", test_report_slides);
  g_test_add_func ("/Render/Report/summary", test_report_summary);
  g_test_add_func ("/Render/Report/unstable", test_report_unstable);
  g_test_add_func ("/Render/Report/render", test_report_render);
  g_test_add_func ("/Render/Report/long-text", test_report_long_text);
  g_test_add_func ("/Render/Report/errors", test_report_errors);
  g_test_add_func ("/Render/Report/without-model", test_report_without_model);
  g_test_add_func ("/Render/Report/cli", test_cli);

  status = g_test_run ();

  test_remove_tree (fixture_dir);
  g_free (fixture_dir);
  g_free (fixture_path);
  return status;
}
