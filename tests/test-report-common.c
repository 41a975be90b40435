/* test-report-common.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "test-report-common.h"
#include "test-utils.h"

char  *fixture_dir;
char  *fixture_path;
guint  fixture_segments;

/* ---------------------------------------------------------------------------------------- */
/* Helpers */

char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("segments-report-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

gboolean
have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

gboolean
need_poppler (void)
{
  if (have_program ("pdftotext") && have_program ("pdfinfo") && have_program ("pdftoppm") &&
      have_program ("pdffonts"))
    return TRUE;
  g_test_skip ("poppler-utils (pdftotext, pdfinfo, pdftoppm, pdffonts) are not installed");
  return FALSE;
}

/* Runs a program and returns its standard output; asserts it succeeded. */
char *
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
char *
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

char *
pdf_info (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };

  return run_program (argv);
}

guint
pdf_pages (const char *pdf)
{
  g_autofree char *info = pdf_info (pdf);
  const char *line = strstr (info, "\nPages:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("\nPages:"), NULL, 10);
}

void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

/* A plain CSV reader for the files under test: quoted fields, doubled quotes, line breaks
 * inside quotes.  Returns rows of fields. */
GPtrArray *
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

int
column_of (char      **header,
           const char *name)
{
  for (int i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_error ("no column %s", name);
  return -1;
}

void
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

void
set_field (ScStore        *store,
           gint64          id,
           ScSegmentField  field,
           const char     *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sc_edit_set_field (store, id, field, value, NULL, &error));
  g_assert_no_error (error);
}

ScRun *
current_run (ScStore *store)
{
  g_autoptr(GError) error = NULL;
  ScRun *run = sc_run_load_current (store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

/* The sample, three giants, k = 4, a value model, and names people might give. */
void
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
  test_import_files (store, transactions, customers);
  test_import_orders (store, giants);
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

ScStore *
open_fixture (void)
{
  g_autoptr(GError) error = NULL;
  ScStore *store = sc_store_open (fixture_path, FALSE, &error);

  g_assert_no_error (error);
  return store;
}

/* Names of the fixture's segments in priority order. */
GPtrArray *
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
guint
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
char *
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

void
output_dir_done (const char *dir)
{
  const char *keep = g_getenv ("SC_REPORT_OUTPUT_DIR");

  if (keep == NULL || *keep == '\0')
    test_remove_tree (dir);
}

/* A small project of planted groups, for the cases the sample does not cover. */
char *
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
  test_import_orders (store, csv_path);
  if (do_segment)
    segment (store, 2, 0);
  return g_steal_pointer (&path);
}

