/* test-export.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The exports (CSV cells, activation lists, segment definitions, charts), checked on the
 * files they write, from the fixture of test-report-common.c; the report is checked in
 * test-report.c.  With SC_REPORT_OUTPUT_DIR set, the files are left there for people to
 * look at. */

#include "config.h"

#include <cairo.h>
#include <float.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "test-report-common.h"
#include "test-utils.h"

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
  /* Numbers of any magnitude are written whole, never cut at a fixed buffer (issue 14). */
  check_number (1e36, 2, "1000000000000000042420637374017961984.00");
  check_number (-1e36, 0, "-1000000000000000042420637374017961984");
  {
    g_autoptr(GString) out = g_string_new (NULL);

    sc_csv_append_number (out, -DBL_MAX, 9);
    g_assert_cmpuint (out->len, ==, 1 + 309 + 1 + 9);
    g_assert_cmpfloat (g_ascii_strtod (out->str, NULL), ==, -DBL_MAX);
  }
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
  /* the sample's line costs (issue 18) follow the amount */
  g_assert_cmpstr (lines[0], ==, "order_id,customer_id,order_date,amount,cost");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      double amount;
      ScDay day;

      if (g_strv_length (f) != 5 || !g_str_equal (f[1], id))
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
  g_autoptr(ScStore) store = NULL;
  g_autoptr(GError) error = NULL;
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
  test_project_import_files (project, tx, cust);

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
      ScChartFile hidpi = { k, 640, 400, 2.0, FALSE };
      ScChartFile dark_small = { k, 320, 200, 1.0, TRUE };
      cairo_surface_t *image;
      const guint8 *data;

      /* PNG at twice the resolution for HiDPI. */
      g_assert_true (sc_charts_write (charts, png, &hidpi, &error));
      g_assert_no_error (error);
      image = cairo_image_surface_create_from_png (png);
      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1280);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, 800);
      data = cairo_image_surface_get_data (image);
      g_assert_cmphex (*(const guint32 *) data & 0xffffff, ==, 0xffffff);
      cairo_surface_destroy (image);

      /* The dark palette's background. */
      g_assert_true (sc_export_chart (store, dark, &dark_small, &error));
      g_assert_no_error (error);
      image = cairo_image_surface_create_from_png (dark);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 320);
      data = cairo_image_surface_get_data (image);
      g_assert_cmphex (*(const guint32 *) data & 0xffffff, ==, 0x1e1e1e);
      cairo_surface_destroy (image);

      g_assert_true (sc_charts_write (charts, svg, &hidpi, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
      g_assert_true (g_str_has_prefix (svg_text, "<?xml"));
      assert_contains (svg_text, "<svg");
      assert_contains (svg_text, "width=\"640px\"");
      g_assert_true (g_str_has_suffix (g_strchomp (svg_text), "</svg>"));

      g_assert_true (sc_charts_write (charts, pdf, &hidpi, &error));
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
    ScChartFile grid = { SC_CHART_GRID, 640, 400, 1.0, FALSE };
    ScChartFile empty = { SC_CHART_GRID, 0, 400, 1.0, FALSE };

    g_assert_false (sc_charts_write (charts, bad, &grid, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_false (sc_charts_write (charts, missing, &grid, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    g_clear_error (&error);
    g_assert_false (sc_charts_write (charts, bad, &empty, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }
  output_dir_done (dir);
}


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

  status = g_test_run ();

  test_remove_tree (fixture_dir);
  g_free (fixture_dir);
  g_free (fixture_path);
  return status;
}
