/* test-report.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report and the exports, checked on the files they write.  The main fixture is the
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
#include <string.h>
#include <sys/wait.h>

#include "sc-edit.h"
#include "sc-export.h"
#include "sc-importer.h"
#include "sc-potential.h"
#include "sc-project.h"
#include "sc-report.h"
#include "sc-value.h"
#include "test-utils.h"

#define CYRILLIC_NAME "Лояльные клиенты"
#define HEBREW_NAME   "לקוחות נאמנים"
#define FORMULA_OWNER "=cmd|' /C calc'!A0"
#define N_GIANTS      3

static char *fixture_dir;
static char *fixture_path;
static guint fixture_segments;

/* ---------------------------------------------------------------------------------------- */
/* Helpers */

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("segments-report-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

static gboolean
need_poppler (void)
{
  if (have_program ("pdftotext") && have_program ("pdfinfo") && have_program ("pdftoppm") &&
      have_program ("pdffonts"))
    return TRUE;
  g_test_skip ("poppler-utils (pdftotext, pdfinfo, pdftoppm, pdffonts) are not installed");
  return FALSE;
}

/* Runs a program and returns its standard output; asserts it succeeded. */
static char *
run_program (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* The text of one page (from 1) or of all (0), with every run of white space made one
 * space, so that phrases match across line breaks. */
static char *
pdf_text (const char *pdf,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  g_autofree char *text = NULL;
  GString *out;

  if (page > 0)
    {
      const char *argv[] = { "pdftotext", "-f", first, "-l", first, pdf, "-", NULL };
      text = run_program (argv);
    }
  else
    {
      const char *argv[] = { "pdftotext", pdf, "-", NULL };
      text = run_program (argv);
    }
  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '\f')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
pdf_info (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };

  return run_program (argv);
}

static guint
pdf_pages (const char *pdf)
{
  g_autofree char *info = pdf_info (pdf);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

/* A plain CSV reader for the files under test: quoted fields, doubled quotes, line breaks
 * inside quotes.  Returns rows of fields. */
static GPtrArray *
csv_parse (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *row = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (*p == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
          row = g_ptr_array_new ();
        }
      else
        g_string_append_c (field, *p);
    }
  g_assert_false (quoted);
  g_assert_cmpuint (row->len, ==, 0);   /* every row ends with a line feed */
  g_ptr_array_free (row, TRUE);
  g_string_free (field, TRUE);
  return rows;
}

static int
column_of (char      **header,
           const char *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_error ("no column %s", name);
  return -1;
}

static void
import_files (ScStore    *store,
              const char *transactions,
              const char *customers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (transactions);
  options.customers_path = g_strdup (customers);
  report = sc_import (store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

static void
segment (ScStore *store,
         guint    k,
         double   outlier_z)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = NULL;
  ScRunParams params;

  sc_run_params_init (&params);
  params.k = k;
  params.outlier_z = outlier_z;
  run = sc_run_segment (store, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
}

static void
set_field (ScStore        *store,
           gint64          id,
           ScSegmentField  field,
           const char     *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sc_edit_set_field (store, id, field, value, NULL, &error));
  g_assert_no_error (error);
}

static ScRun *
current_run (ScStore *store)
{
  g_autoptr(GError) error = NULL;
  ScRun *run = sc_run_load_current (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

/* The sample, three giants, k = 4, a value model, and names people might give. */
static void
make_fixture (void)
{
  g_autofree char *transactions = g_build_filename (SOURCE_SAMPLE_DATADIR, "transactions.csv",
                                                    NULL);
  g_autofree char *customers = g_build_filename (SOURCE_SAMPLE_DATADIR, "customers.csv", NULL);
  g_autofree char *giants = NULL;
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autofree guint *order = NULL;

  fixture_dir = tmp_dir ();
  fixture_path = g_build_filename (fixture_dir, "Fixture.segments", NULL);
  giants = g_build_filename (fixture_dir, "giants.csv", NULL);
  for (guint i = 0; i < N_GIANTS; i++)
    g_string_append_printf (csv, "G-%u-1,GIANT-%u,2025-0%u-10,9000000.00\n"
                                 "G-%u-2,GIANT-%u,2025-1%u-10,8000000.00\n", i, i, i + 3, i, i,
                            i);
  g_assert_true (g_file_set_contents (giants, csv->str, -1, NULL));

  store = sc_store_open (fixture_path, TRUE, &error);
  g_assert_no_error (error);
  import_files (store, transactions, customers);
  import_files (store, giants, NULL);
  segment (store, 4, SC_RUN_DEFAULT_OUTLIER_Z);
  test_fit_value_model (store);

  run = current_run (store);
  order = sc_run_priority_order (run);
  g_assert_cmpuint (run->n_segments, ==, 5);
  g_assert_true (run->segments[run->n_segments - 1].is_outliers);
  g_assert_cmpuint (run->segments[run->n_segments - 1].size, ==, N_GIANTS);
  fixture_segments = run->n_segments;

  set_field (store, run->segments[order[0]].id, SC_SEGMENT_FIELD_NAME, CYRILLIC_NAME);
  set_field (store, run->segments[order[0]].id, SC_SEGMENT_FIELD_DESCRIPTION,
             "Our best customers: they buy often, spend the most and bought recently.");
  set_field (store, run->segments[order[0]].id, SC_SEGMENT_FIELD_SERVICE_TIER, "high");
  set_field (store, run->segments[order[0]].id, SC_SEGMENT_FIELD_OWNER, "Ana Lima");
  set_field (store, run->segments[order[0]].id, SC_SEGMENT_FIELD_OBJECTIVE,
             "Keep every one of them and grow their share of wallet by a tenth this year.");
  set_field (store, run->segments[order[0]].id, SC_SEGMENT_FIELD_TACTICS,
             "Quarterly business reviews with a named account manager.\n"
             "Early access to new products.\nInvitations to the customer advisory board.");
  set_field (store, run->segments[order[1]].id, SC_SEGMENT_FIELD_NAME, HEBREW_NAME);
  set_field (store, run->segments[order[1]].id, SC_SEGMENT_FIELD_OWNER, FORMULA_OWNER);
  set_field (store, run->segments[order[1]].id, SC_SEGMENT_FIELD_SERVICE_TIER, "mid");
}

static ScStore *
open_fixture (void)
{
  g_autoptr(GError) error = NULL;
  ScStore *store = sc_store_open (fixture_path, FALSE, &error);

  g_assert_no_error (error);
  return store;
}

/* Names of the fixture's segments in priority order. */
static GPtrArray *
fixture_names (void)
{
  g_autoptr(ScStore) store = open_fixture ();
  g_autoptr(ScRun) run = current_run (store);
  g_autofree guint *order = sc_run_priority_order (run);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < run->n_segments; i++)
    g_ptr_array_add (names, g_strdup (run->segments[order[i]].name));
  return names;
}

/* Customers of the sample who refused marketing, counted from the file itself. */
static guint
sample_refusals (void)
{
  g_autofree char *path = g_build_filename (SOURCE_SAMPLE_DATADIR, "customers.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_str_has_suffix (lines[0], ",consent"));
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_str_has_suffix (lines[i], ",no"))
      n++;
  return n;
}

/* Where the outputs go: SC_REPORT_OUTPUT_DIR when set, else a fresh temporary directory. */
static char *
output_dir (void)
{
  const char *keep = g_getenv ("SC_REPORT_OUTPUT_DIR");

  if (keep != NULL && *keep != '\0')
    {
      g_mkdir_with_parents (keep, 0755);
      return g_strdup (keep);
    }
  return tmp_dir ();
}

static void
output_dir_done (const char *dir)
{
  const char *keep = g_getenv ("SC_REPORT_OUTPUT_DIR");

  if (keep == NULL || *keep == '\0')
    test_remove_tree (dir);
}

/* A small project of planted groups, for the cases the sample does not cover. */
static char *
make_small_project (const char  *dir,
                    const char **extra_ids,
                    guint        n_extra,
                    gboolean     do_segment)
{
  g_autofree char *path = g_build_filename (dir, "small.segments", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "small.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = NULL;
  guint order = 0;

  for (guint i = 0; i < 30; i++)
    for (guint j = 0; j < 6; j++)
      g_string_append_printf (csv, "O%u,A%02u,2025-0%u-1%u,%u.50\n", order++, i, 1 + j, i % 10,
                              200 + i * 7);
  for (guint i = 0; i < 50; i++)
    g_string_append_printf (csv, "O%u,B%02u,2024-0%u-2%u,%u.25\n", order++, i, 1 + i % 9, i % 8,
                            10 + i);
  for (guint i = 0; i < n_extra; i++)
    {
      g_auto(GStrv) parts = g_strsplit (extra_ids[i], "\"", -1);
      g_autofree char *quoted = g_strjoinv ("\"\"", parts);

      g_string_append_printf (csv, "O%u,\"%s\",2025-03-0%u,%u.00\n", order++, quoted, 1 + i,
                              50 + i);
    }
  g_assert_true (g_file_set_contents (csv_path, csv->str, -1, NULL));

  store = sc_store_open (path, TRUE, &error);
  g_assert_no_error (error);
  import_files (store, csv_path, NULL);
  if (do_segment)
    segment (store, 2, 0);
  return g_steal_pointer (&path);
}

/* ---------------------------------------------------------------------------------------- */
/* CSV cells */

static void
check_field (const char *value,
             const char *expected)
{
  g_autoptr(GString) out = g_string_new (NULL);

  sc_csv_append_field (out, value);
  g_assert_cmpstr (out->str, ==, expected);
}

static void
check_number (double      value,
              int         decimals,
              const char *expected)
{
  g_autoptr(GString) out = g_string_new (NULL);

  sc_csv_append_number (out, value, decimals);
  g_assert_cmpstr (out->str, ==, expected);
}

static void
test_csv_cells (void)
{
  check_field (NULL, "");
  check_field ("", "");
  check_field ("plain", "plain");
  check_field ("Müller, Hans", "\"Müller, Hans\"");
  check_field ("say \"hi\"", "\"say \"\"hi\"\"\"");
  check_field ("two\nlines", "\"two\nlines\"");
  /* Formula starters get a quote inside quotes and stay text. */
  check_field ("=1+2", "\"'=1+2\"");
  check_field ("+1", "\"'+1\"");
  check_field ("-2+3", "\"'-2+3\"");
  check_field ("@SUM(A1)", "\"'@SUM(A1)\"");
  check_field ("\tcmd", "\"'\tcmd\"");
  check_field ("\rcmd", "\"'\rcmd\"");
  check_field ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"");
  /* Only the first character matters. */
  check_field ("a=b", "a=b");

  check_number (NAN, 2, "");
  check_number (INFINITY, 2, "");
  check_number (0, 2, "0.00");
  check_number (-0.001, 2, "0.00");
  check_number (1234.5, 2, "1234.50");
  check_number (-1234.567, 2, "-1234.57");
  check_number (0.05, 2, "0.05");
  check_number (7, 0, "7");
  check_number (0.12346, 4, "0.1235");
  check_number (2.5, 0, "2");   /* ties to even, as printf does */
  check_number (1e20, 2, "100000000000000000000.00");
  check_number (0.1, -1, "0.1");
}

static void
test_parse_names (void)
{
  ScReportFormat format = SC_REPORT_FORMAT_SLIDES;
  ScChartKind kind = SC_CHART_GRID;

  g_assert_true (sc_report_format_from_string ("a4", &format));
  g_assert_cmpint (format, ==, SC_REPORT_FORMAT_A4);
  g_assert_true (sc_report_format_from_string ("SLIDES", &format));
  g_assert_cmpint (format, ==, SC_REPORT_FORMAT_SLIDES);
  g_assert_false (sc_report_format_from_string ("", &format));
  g_assert_false (sc_report_format_from_string ("letter", &format));
  g_assert_false (sc_report_format_from_string ("a4 ", &format));
  g_assert_cmpint (format, ==, SC_REPORT_FORMAT_SLIDES);

  for (guint k = SC_CHART_SCATTER; k <= SC_CHART_GRID; k++)
    {
      g_assert_true (sc_chart_kind_from_string (sc_chart_kind_to_string (k), &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (sc_chart_kind_to_title (k));
    }
  g_assert_false (sc_chart_kind_from_string ("pie", &kind));
  g_assert_false (sc_chart_kind_from_string ("", &kind));
  g_assert_false (sc_chart_kind_from_string ("scatter\n", &kind));
}

/* ---------------------------------------------------------------------------------------- */
/* Report */

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
  g_assert_cmpuint (n_pages, ==, fixture_segments + fixed_pages);
  g_assert_cmpuint (pdf_pages (pdf), ==, n_pages);
  g_assert_cmpint (sc_report_get_page_kind (report, 0), ==, SC_REPORT_PAGE_TITLE);
  g_assert_cmpint (sc_report_get_page_kind (report, 1), ==, SC_REPORT_PAGE_SUMMARY);
  g_assert_cmpint (sc_report_get_page_kind (report, n_pages - 1), ==, SC_REPORT_PAGE_APPENDIX);

  /* One page per segment, in priority order, each naming its segment. */
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page_text = NULL;

      if (sc_report_get_page_kind (report, p) != SC_REPORT_PAGE_SEGMENT)
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
  outliers = g_strdup_printf ("%u customers are outliers", N_GIANTS);
  assert_contains (text, outliers);
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
  assert_contains (text, "k = 4");
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
  /* Title, summary, value and potential, customers, methodology. */
  check_report_pdf (SC_REPORT_FORMAT_A4, 5);
}

static void
test_report_slides (void)
{
  /* Title, summary, three charts, two of methodology. */
  check_report_pdf (SC_REPORT_FORMAT_SLIDES, 7);
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
  assert_contains (summary, "3 customers are outliers");
  assert_contains (summary, excluded);
  assert_contains (summary, "On the value × potential grid: ");
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
  g_assert_cmpuint (sc_report_get_n_pages (report), ==, 2 + 5);
  g_assert_true (sc_report_save_pdf (report, pdf, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (have_program ("pdftotext"))
    {
      g_autofree char *text = pdf_text (pdf, 0);

      assert_contains (text, "No customer value model has been fitted");
      assert_contains (text, "small");
    }
  test_remove_tree (dir);
}

/* ---------------------------------------------------------------------------------------- */
/* Activation export */

typedef struct
{
  guint  recency;
  guint  orders;
  double spend;
} Expected;

/* Recency, orders and net spend of one customer, from the sample file itself. */
static Expected
sample_customer (const char *id,
                 ScDay       as_of)
{
  g_autofree char *path = g_build_filename (SOURCE_SAMPLE_DATADIR, "transactions.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Expected e = { 0 };
  ScDay last = G_MININT32;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "order_id,customer_id,order_date,amount");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      double amount;
      ScDay day;

      if (g_strv_length (f) != 4 || !g_str_equal (f[1], id))
        continue;
      amount = g_ascii_strtod (f[3], NULL);
      g_assert_true (sc_parse_date (f[2], SC_DATE_ORDER_YMD, &day));
      e.spend += amount;
      if (amount >= 0)
        {
          g_hash_table_add (orders, g_strdup (f[0]));
          last = MAX (last, day);
        }
    }
  e.orders = g_hash_table_size (orders);
  e.recency = (guint) (as_of - last);
  return e;
}

static void
test_assignments (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "activation.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(ScStore) store = open_fixture ();
  g_autoptr(ScRun) run = current_run (store);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  ScConsentSummary consent;
  guint64 written = 0, excluded = 0;
  char **header;
  guint checked = 0, formula_owner_rows = 0;

  g_assert_true (sc_export_assignments (store, NULL, path, &written, &excluded, NULL, NULL, NULL,
                                        &error));
  g_assert_no_error (error);

  /* 211 refusals in the file, and the giants whose consent nobody recorded. */
  g_assert_cmpuint (excluded, ==, sample_refusals () + N_GIANTS);
  g_assert_cmpuint (written + excluded, ==, 3000 + N_GIANTS);
  g_assert_true (sc_export_consent_summary (store, run, &consent, &error));
  g_assert_true (consent.consent_known);
  g_assert_cmpuint (consent.excluded, ==, excluded);
  g_assert_cmpuint (consent.consent_unknown, ==, N_GIANTS);
  g_assert_cmpuint (consent.consent_no, ==, sample_refusals ());
  g_assert_cmpuint (consent.consent_yes, ==, written);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_prefix (text, "customer_id,segment,segment_name,priority,quadrant,"
                                         "service_tier,owner,recency,frequency,monetary,r_score,"
                                         "f_score,m_score,rfm_segment,clv,p_alive\n"));
  rows = csv_parse (text);
  g_assert_cmpuint (rows->len, ==, written + 1);
  header = g_ptr_array_index (rows, 0);

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      guint position = (guint) g_ascii_strtoull (row[column_of (header, "segment")], NULL, 10);
      const ScSegmentInfo *s;
      double p_alive, clv;

      g_assert_cmpuint (g_strv_length (row), ==, 16);
      g_assert_true (g_hash_table_add (seen, row[0]));   /* each customer once */
      g_assert_false (g_str_has_prefix (row[0], "GIANT"));
      g_assert_cmpuint (position, >=, 1);
      g_assert_cmpuint (position, <=, run->n_segments);
      s = &run->segments[position - 1];
      g_assert_cmpstr (row[column_of (header, "segment_name")], ==, s->name);
      g_assert_cmpuint (g_ascii_strtoull (row[column_of (header, "priority")], NULL, 10), ==,
                        s->priority);
      g_assert_cmpstr (row[column_of (header, "quadrant")], ==,
                       sc_segment_info_get_quadrant (s) != NULL
                       ? sc_segment_info_get_quadrant (s) : "");
      if (g_strcmp0 (s->owner, FORMULA_OWNER) == 0)
        {
          /* Read back as text with the neutralising quote. */
          g_assert_cmpstr (row[column_of (header, "owner")], ==, "'" FORMULA_OWNER);
          formula_owner_rows++;
        }
      for (guint c = column_of (header, "r_score"); c <= (guint) column_of (header, "m_score"); c++)
        g_assert_true (strlen (row[c]) == 1 && row[c][0] >= '1' && row[c][0] <= '5');
      g_assert_cmpuint (strlen (row[column_of (header, "rfm_segment")]), >, 0);
      clv = g_ascii_strtod (row[column_of (header, "clv")], NULL);
      p_alive = g_ascii_strtod (row[column_of (header, "p_alive")], NULL);
      g_assert_cmpuint (strlen (row[column_of (header, "clv")]), >, 0);
      g_assert_true (isfinite (clv) && clv >= 0);
      g_assert_true (p_alive >= 0 && p_alive <= 1);

      if (g_str_equal (row[0], "CUST-00001") || g_str_equal (row[0], "CUST-00644") ||
          g_str_equal (row[0], "CUST-02999"))
        {
          Expected e = sample_customer (row[0], run->params.as_of);

          g_assert_cmpuint (g_ascii_strtoull (row[column_of (header, "recency")], NULL, 10), ==,
                            e.recency);
          g_assert_cmpuint (g_ascii_strtoull (row[column_of (header, "frequency")], NULL, 10), ==,
                            e.orders);
          g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[column_of (header, "monetary")],
                                                          NULL), e.spend, 0.006);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 2);
  g_assert_cmpuint (formula_owner_rows, >, 0);
  assert_contains (text, "," HEBREW_NAME ",");
  test_remove_tree (dir);
}

/* Formula-like customer ids stay text; before a value model, clv and p_alive are empty;
 * without any consent recorded, nobody is left out. */
static void
test_assignments_injection (void)
{
  static const char *ids[] = { "=SUM(A1:A9)", "+1", "-2+3", "@x", "=HYPERLINK(\"http://x\")" };
  g_autofree char *dir = tmp_dir ();
  g_autofree char *project = make_small_project (dir, ids, G_N_ELEMENTS (ids), TRUE);
  g_autofree char *path = g_build_filename (dir, "a.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint64 written = 0, excluded = 1;
  guint found = 0;

  store = sc_store_open (project, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sc_export_assignments (store, NULL, path, &written, &excluded, NULL, NULL, NULL,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (excluded, ==, 0);
  g_assert_cmpuint (written, ==, 30 + 50 + G_N_ELEMENTS (ids));

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  rows = csv_parse (text);
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; row[c] != NULL; c++)
        if (c != 7 && c != 8 && c != 9)   /* numbers may be negative, never formulas */
          g_assert_false (row[c][0] == '=' || row[c][0] == '+' || row[c][0] == '-' ||
                          row[c][0] == '@' || row[c][0] == '\t' || row[c][0] == '\r');
      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        if (row[0][0] == '\'' && g_str_equal (row[0] + 1, ids[i]))
          found++;
      /* No model yet: the value columns are empty. */
      g_assert_cmpstr (row[14], ==, "");
      g_assert_cmpstr (row[15], ==, "");
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (ids));
  g_assert_nonnull (strstr (text, "\n\"'=HYPERLINK(\"\"http://x\"\")\","));
  g_assert_null (strstr (text, "\n=HYPERLINK"));

  test_remove_tree (dir);
}

/* Customers who refused are left out and counted; when consent is known for some, unknown
 * consent counts as no; formula ids are neutralised (was /Core/Project/assignments-export). */
static void
test_assignments_consent (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "test.segments", NULL);
  g_autofree char *tx = g_build_filename (dir, "tx.csv", NULL);
  g_autofree char *cust = g_build_filename (dir, "customers.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) csv = g_string_new ("customer_id,order_date,amount\n");
  g_autoptr(GString) list = g_string_new ("customer_id,consent\n");
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScImportReport) report = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ScImportOptions options;
  ScRunParams params;
  guint64 excluded = 0, written = 0;

  for (guint i = 0; i < 40; i++)
    {
      const char *key = i == 0 ? "=HYPERLINK(\"http://x\")" : NULL;
      g_autofree char *own = key ? NULL : g_strdup_printf ("K%u", i);

      g_string_append_printf (csv, "\"%s\",2024-0%u-1%u,%u\n",
                              key ? "=HYPERLINK(\"\"http://x\"\")" : own, 1 + i % 9, i % 10,
                              10 + i * 3);
      g_string_append_printf (list, "\"%s\",%s\n", key ? "=HYPERLINK(\"\"http://x\"\")" : own,
                              i % 4 == 3 ? "no" : "yes");
    }
  g_assert_true (g_file_set_contents (tx, csv->str, -1, NULL));
  g_assert_true (g_file_set_contents (cust, list->str, -1, NULL));

  project = sc_project_open (path, TRUE, &error);
  g_assert_no_error (error);
  sc_import_options_init (&options);
  options.transactions_path = g_strdup (tx);
  options.customers_path = g_strdup (cust);
  report = sc_project_import (project, &options, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);

  sc_run_params_init (&params);
  params.k = 2;
  params.outlier_z = 0;
  g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_true (sc_project_reload (project, &error));

  store = sc_store_open (sc_project_get_path (project), FALSE, &error);
  g_assert_true (sc_export_assignments (store, sc_project_get_run (project), out, &written,
                                        &excluded, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (excluded, ==, 10);
  g_assert_cmpuint (written, ==, 30);

  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "customer_id,segment,segment_name,"));
  /* 30 consenting customers and a header. */
  {
    g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 32);   /* trailing empty string */
  }
  g_assert_nonnull (strstr (contents, "\n\"'=HYPERLINK(\"\"http://x\"\")\","));
  g_assert_null (strstr (contents, "\n=HYPERLINK"));
  g_assert_null (strstr (contents, "K3,"));

  g_clear_object (&project);
  test_remove_tree (dir);
}

static void
test_assignments_errors (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *project = make_small_project (dir, NULL, 0, FALSE);
  g_autofree char *out = g_build_filename (dir, "a.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "a.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScStore) fixture = open_fixture ();
  g_autoptr(GError) error = NULL;

  store = sc_store_open (project, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (sc_export_assignments (store, NULL, out, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  g_assert_false (sc_export_segments (store, NULL, out, SC_SEGMENTS_FORMAT_CSV, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  g_assert_false (sc_export_assignments (fixture, NULL, missing, NULL, NULL, NULL, NULL, NULL,
                                         &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "a.csv"));
  g_clear_error (&error);

  /* A cancelled export leaves an earlier file as it was, and no temporary file. */
  g_assert_true (g_file_set_contents (out, "earlier\n", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (sc_export_assignments (fixture, NULL, out, NULL, NULL, NULL, NULL,
                                         cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier\n");
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;

    while ((name = g_dir_read_name (d)) != NULL)
      n += g_str_has_prefix (name, "a.csv");
    g_assert_cmpuint (n, ==, 1);
  }

  test_remove_tree (dir);
}

/* ---------------------------------------------------------------------------------------- */
/* Segment definitions */

static void
test_segments_json (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "segments.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(ScStore) store = open_fixture ();
  g_autoptr(GPtrArray) names = fixture_names ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  const char *script =
    "import json, sys\n"
    "d = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "print(len(d['segments']), d['run']['k'])\n"
    "for s in d['segments']:\n"
    "    print(s['priority'], s['name'], s['owner'], s['service_tier'], s['quadrant'],\n"
    "          s['is_outliers'], s['size'], round(s['share'] * 1000),\n"
    "          s['potential'] is not None, s['colour_hex'][0], sep='|')\n";
  g_autoptr(ScRun) run = current_run (store);
  g_autofree guint *order = sc_run_priority_order (run);

  if (!have_program ("python3"))
    {
      g_test_skip ("python3 is not installed");
      return;
    }

  g_assert_true (sc_export_segments (store, NULL, path, SC_SEGMENTS_FORMAT_AUTO, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "python3", "-c", script, path, NULL };
    out = run_program (argv);
  }
  g_string_append_printf (expected, "%u 4\n", fixture_segments);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];

      g_string_append_printf (expected, "%u|%s|%s|%s|%s|%s|%" G_GUINT64_FORMAT "|%d|True|#\n",
                              s->priority, s->name, s->owner ? s->owner : "None",
                              s->service_tier ? s->service_tier : "None",
                              sc_segment_info_get_quadrant (s) ? sc_segment_info_get_quadrant (s)
                                                               : "None",
                              s->is_outliers ? "True" : "False", s->size,
                              (int) round (s->share * 1000));
      g_assert_cmpstr (s->name, ==, g_ptr_array_index (names, i));
    }
  g_assert_cmpstr (out, ==, expected->str);
  test_remove_tree (dir);
}

static void
test_segments_csv (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "segments.CSV", NULL);
  g_autofree char *bad = g_build_filename (dir, "segments.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(ScStore) store = open_fixture ();
  g_autoptr(ScRun) run = current_run (store);
  g_autofree guint *order = sc_run_priority_order (run);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  char **header;

  g_assert_false (sc_export_segments (store, NULL, bad, SC_SEGMENTS_FORMAT_AUTO, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_assert_true (sc_export_segments (store, NULL, path, SC_SEGMENTS_FORMAT_AUTO, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  rows = csv_parse (text);
  g_assert_cmpuint (rows->len, ==, fixture_segments + 1);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (header), ==, 26);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];
      char **row = g_ptr_array_index (rows, i + 1);

      g_assert_cmpuint (g_strv_length (row), ==, 26);
      g_assert_cmpint (g_ascii_strtoll (row[column_of (header, "id")], NULL, 10), ==, s->id);
      g_assert_cmpuint (g_ascii_strtoull (row[column_of (header, "priority")], NULL, 10), ==,
                        s->priority);
      g_assert_cmpstr (row[column_of (header, "name")], ==, s->name);
      g_assert_cmpuint (g_ascii_strtoull (row[column_of (header, "size")], NULL, 10), ==, s->size);
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row[column_of (header, "revenue")], NULL),
                                      s->revenue, 0.006);
      g_assert_cmpstr (row[column_of (header, "is_outliers")], ==, s->is_outliers ? "yes" : "no");
      if (g_strcmp0 (s->owner, FORMULA_OWNER) == 0)
        g_assert_cmpstr (row[column_of (header, "owner")], ==, "'" FORMULA_OWNER);
      if (s->tactics != NULL)
        g_assert_cmpstr (row[column_of (header, "tactics")], ==, s->tactics);
    }
  test_remove_tree (dir);
}

/* ---------------------------------------------------------------------------------------- */
/* Charts */

static void
test_charts (void)
{
  g_autofree char *dir = output_dir ();
  g_autoptr(ScStore) store = open_fixture ();
  g_autoptr(ScCharts) charts = NULL;
  g_autoptr(GError) error = NULL;

  charts = sc_charts_new (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_charts_get_run (charts)->n_segments, ==, fixture_segments);
  g_assert_cmpuint (sc_charts_get_features (charts)->n, ==,
                    sc_charts_get_run (charts)->n_customers);

  for (guint k = SC_CHART_SCATTER; k <= SC_CHART_GRID; k++)
    {
      g_autofree char *png = g_strdup_printf ("%s/chart-%s.png", dir, sc_chart_kind_to_string (k));
      g_autofree char *dark = g_strdup_printf ("%s/chart-%s-dark.png", dir,
                                               sc_chart_kind_to_string (k));
      g_autofree char *svg = g_strdup_printf ("%s/chart-%s.svg", dir, sc_chart_kind_to_string (k));
      g_autofree char *pdf = g_strdup_printf ("%s/chart-%s.pdf", dir, sc_chart_kind_to_string (k));
      g_autofree char *svg_text = NULL;
      cairo_surface_t *image;
      const guint8 *data;

      /* PNG at twice the resolution for HiDPI. */
      g_assert_true (sc_charts_write (charts, k, png, 640, 400, 2.0, FALSE, &error));
      g_assert_no_error (error);
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);
      data = cairo_image_surface_get_data (image);
      g_assert_cmphex (*(const guint32 *) data & 0xffffff, ==, 0xffffff);
      cairo_surface_destroy (image);

      /* The dark palette's background. */
      g_assert_true (sc_export_chart (store, k, dark, 320, 200, 1.0, TRUE, &error));
      g_assert_no_error (error);
      image = cairo_image_surface_create_from_png (dark);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 320);
      data = cairo_image_surface_get_data (image);
      g_assert_cmphex (*(const guint32 *) data & 0xffffff, ==, 0x1e1e1e);
      cairo_surface_destroy (image);

      g_assert_true (sc_charts_write (charts, k, svg, 640, 400, 2.0, FALSE, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
      g_assert_true (g_str_has_prefix (svg_text, "<?xml"));
      assert_contains (svg_text, "<svg");
      assert_contains (svg_text, "width=\"640px\"");
      g_assert_true (g_str_has_suffix (g_strchomp (svg_text), "</svg>"));

      g_assert_true (sc_charts_write (charts, k, pdf, 640, 400, 2.0, FALSE, &error));
      g_assert_no_error (error);
      if (have_program ("pdfinfo"))
        {
          g_autofree char *info = pdf_info (pdf);

          assert_contains (info, "Page size:       640 x 400 pts");
          assert_contains (info, "Pages:           1");
        }
    }

  {
    g_autofree char *bad = g_build_filename (dir, "chart.jpg", NULL);
    g_autofree char *missing = g_build_filename (dir, "no-such-dir", "chart.png", NULL);

    g_assert_false (sc_charts_write (charts, SC_CHART_GRID, bad, 640, 400, 1.0, FALSE, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_false (sc_charts_write (charts, SC_CHART_GRID, missing, 640, 400, 1.0, FALSE, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_clear_error (&error);
    g_assert_false (sc_charts_write (charts, SC_CHART_GRID, bad, 0, 400, 1.0, FALSE, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }
  output_dir_done (dir);
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
    g_autofree char *expected = g_strdup_printf ("Wrote %u pages to %s", fixture_segments + 7,
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

  g_test_add_func ("/Render/Export/csv-cells", test_csv_cells);
  g_test_add_func ("/Render/Export/parse-names", test_parse_names);
  g_test_add_func ("/Render/Export/assignments", test_assignments);
  g_test_add_func ("/Render/Export/assignments-injection", test_assignments_injection);
  g_test_add_func ("/Render/Export/assignments-consent", test_assignments_consent);
  g_test_add_func ("/Render/Export/assignments-errors", test_assignments_errors);
  g_test_add_func ("/Render/Export/segments-json", test_segments_json);
  g_test_add_func ("/Render/Export/segments-csv", test_segments_csv);
  g_test_add_func ("/Render/Export/charts", test_charts);
  g_test_add_func ("/Render/Report/a4", test_report_a4);
  g_test_add_func ("/Render/Report/slides", test_report_slides);
  g_test_add_func ("/Render/Report/summary", test_report_summary);
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
