/* test-edit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-project.h"
#include "sc-value.h"

/* Three planted groups (as in test-project.c) without outliers:
 *   A  60 customers, 10 orders, recent;  B 150 customers, 3 orders;  C 240 customers, 1 order. */
static char *
write_planted (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  char *path = g_build_filename (dir, "planted.csv", NULL);
  ScDay end = sc_day_from_ymd (2025, 6, 30);
  guint order = 0;

  for (guint i = 0; i < 60; i++)
    for (guint j = 0; j < 10; j++)
      {
        g_autofree char *d = sc_day_format (end - 3 - (i % 5) - 20 * j);
        g_string_append_printf (csv, "O%u,A%03u,%s,%u.00\n", order++, i, d, 100 + (i * 37 + j * 11) % 200);
      }
  for (guint i = 0; i < 150; i++)
    for (guint j = 0; j < 3; j++)
      {
        g_autofree char *d = sc_day_format (end - 95 - (i % 10) - 30 * j);
        g_string_append_printf (csv, "O%u,B%03u,%s,%u.00\n", order++, i, d, 30 + (i * 7 + j * 13) % 60);
      }
  for (guint i = 0; i < 240; i++)
    {
      g_autofree char *d = sc_day_format (end - 395 - (i % 10));
      g_string_append_printf (csv, "O%u,C%03u,%s,%u.00\n", order++, i, d, 5 + (i * 13) % 75);
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

typedef struct
{
  char      *dir;
  char      *path;
  ScProject *project;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;
  ScRunParams params;

  f->dir = g_dir_make_tmp ("segments-edit-XXXXXX", &error);
  f->path = g_build_filename (f->dir, "edit.segments", NULL);
  f->project = sc_project_open (f->path, TRUE, &error);
  g_assert_no_error (error);

  sc_import_options_init (&options);
  options.transactions_path = write_planted (f->dir);
  report = sc_project_import (f->project, &options, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);

  sc_run_params_init (&params);
  params.k = 3;
  params.outlier_z = 0;
  g_assert_true (sc_project_segment (f->project, &params, NULL, NULL, &error));
  g_assert_true (sc_project_reload (f->project, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->project);
  g_free (f->path);
  g_free (f->dir);
}

static const ScSegmentInfo *
segment (ScProject *project,
         guint      position)
{
  const ScRun *run = sc_project_get_run (project);

  g_assert_nonnull (run);
  g_assert_cmpuint (position, <, run->n_segments);
  return &run->segments[position];
}

static ScProject *
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ScProject *again = sc_project_open (f->path, FALSE, &error);

  g_assert_no_error (error);
  return again;
}

static void
test_rename_and_fields (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) again = NULL;
  gint64 id = segment (f->project, 0)->id;

  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_NAME,
                                               "  Loyal high spenders  ", &error));
  g_assert_no_error (error);
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_OWNER,
                                               "Dana (CS)", &error));
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_SERVICE_TIER,
                                               "high", &error));
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_TACTICS,
                                               "Quarterly review\nEarly access", &error));
  g_assert_true (sc_project_set_segment_field (f->project, id,
                                               SC_SEGMENT_FIELD_QUADRANT_OVERRIDE, "invest",
                                               &error));
  g_assert_cmpstr (segment (f->project, 0)->name, ==, "Loyal high spenders");
  g_assert_cmpstr (segment (f->project, 0)->owner, ==, "Dana (CS)");
  g_assert_cmpstr (sc_segment_info_get_quadrant (segment (f->project, 0)), ==, "invest");

  /* Bad values are refused with a message for people, and change nothing. */
  g_assert_false (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_NAME, "  ",
                                                &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (sc_project_set_segment_field (f->project, segment (f->project, 1)->id,
                                                SC_SEGMENT_FIELD_NAME, "LOYAL HIGH SPENDERS",
                                                &error));
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);
  g_assert_false (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_NAME,
                                                "A name that is far too long to be a segment "
                                                "name anyone would read", &error));
  g_clear_error (&error);
  g_assert_false (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_SERVICE_TIER,
                                                "platinum", &error));
  g_clear_error (&error);
  g_assert_cmpstr (segment (f->project, 0)->service_tier, ==, "high");

  /* Saved at once: another connection sees every edit. */
  again = reopen (f);
  g_assert_cmpstr (sc_project_get_run (again)->segments[0].name, ==, "Loyal high spenders");
  g_assert_cmpstr (sc_project_get_run (again)->segments[0].tactics, ==,
                   "Quarterly review\nEarly access");
  g_assert_cmpstr (sc_project_get_run (again)->segments[0].quadrant_override, ==, "invest");
}

static void
test_undo_redo_fields (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = segment (f->project, 1)->id;
  g_autofree char *original = g_strdup (segment (f->project, 1)->name);

  g_assert_false (sc_project_get_can_undo (f->project));
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_NAME, "Regulars",
                                               &error));
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_OWNER, "Sam",
                                               &error));
  g_assert_cmpstr (sc_project_get_undo_label (f->project), ==, "Owner Change");

  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_null (segment (f->project, 1)->owner);
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_cmpstr (segment (f->project, 1)->name, ==, original);
  g_assert_false (sc_project_get_can_undo (f->project));
  g_assert_true (sc_project_get_can_redo (f->project));

  g_assert_true (sc_project_redo (f->project, &error));
  g_assert_cmpstr (segment (f->project, 1)->name, ==, "Regulars");
  g_assert_no_error (error);

  /* A new edit clears what could be redone. */
  g_assert_true (sc_project_set_segment_field (f->project, id, SC_SEGMENT_FIELD_DESCRIPTION,
                                               "Three orders a year", &error));
  g_assert_false (sc_project_get_can_redo (f->project));
}

static void
test_priority (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) again = NULL;

  /* Initially by position: 1, 2, 3. Move the third to the top. */
  g_assert_cmpuint (segment (f->project, 2)->priority, ==, 3);
  g_assert_true (sc_project_set_segment_priority (f->project, segment (f->project, 2)->id, 1,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (segment (f->project, 2)->priority, ==, 1);
  g_assert_cmpuint (segment (f->project, 0)->priority, ==, 2);
  g_assert_cmpuint (segment (f->project, 1)->priority, ==, 3);

  again = reopen (f);
  g_assert_cmpuint (sc_project_get_run (again)->segments[2].priority, ==, 1);

  g_assert_false (sc_project_set_segment_priority (f->project, segment (f->project, 0)->id, 9,
                                                   &error));
  g_clear_error (&error);

  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_cmpuint (segment (f->project, 2)->priority, ==, 3);
  g_assert_cmpuint (segment (f->project, 0)->priority, ==, 1);
}

static void
test_merge_split_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) again = NULL;
  guint both[] = { 1, 2 };
  guint64 size1 = segment (f->project, 1)->size;
  guint64 size2 = segment (f->project, 2)->size;
  g_autofree char *name_of_larger = g_strdup (size1 >= size2 ? segment (f->project, 1)->name
                                                             : segment (f->project, 2)->name);
  const ScRun *run;

  g_assert_true (sc_project_set_segment_field (f->project, segment (f->project, 0)->id,
                                               SC_SEGMENT_FIELD_OWNER, "Dana", &error));
  g_assert_true (sc_project_merge_segments (f->project, both, 2, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (f->project);
  g_assert_cmpuint (run->n_segments, ==, 2);
  g_assert_cmpuint (run->segments[1].size, ==, size1 + size2);
  g_assert_cmpstr (run->segments[1].name, ==, name_of_larger);
  /* Fields of untouched segments survive. */
  g_assert_cmpstr (run->segments[0].owner, ==, "Dana");
  g_assert_cmpstr (sc_project_get_undo_label (f->project), ==, "Merge Segments");

  again = reopen (f);
  g_assert_cmpuint (sc_project_get_run (again)->n_segments, ==, 2);
  g_clear_object (&again);

  /* Split the merged segment again: two segments, sizes add up. */
  g_assert_true (sc_project_split_segment (f->project, 1, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (f->project);
  g_assert_cmpuint (run->n_segments, ==, 3);
  g_assert_cmpuint (run->segments[1].size + run->segments[2].size, ==, size1 + size2);
  g_assert_cmpstr (run->segments[1].name, !=, run->segments[2].name);
  g_assert_cmpuint (run->segments[2].priority, ==, 3);

  /* Undo both: back to the original three, with their sizes. */
  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_true (sc_project_undo (f->project, &error));
  run = sc_project_get_run (f->project);
  g_assert_cmpuint (run->n_segments, ==, 3);
  g_assert_cmpuint (run->segments[1].size, ==, size1);
  g_assert_cmpuint (run->segments[2].size, ==, size2);

  again = reopen (f);
  g_assert_cmpuint (sc_project_get_run (again)->segments[2].size, ==, size2);
  g_clear_object (&again);

  g_assert_true (sc_project_redo (f->project, &error));
  g_assert_cmpuint (sc_project_get_run (f->project)->n_segments, ==, 2);

  /* Nonsense is refused. */
  g_assert_false (sc_project_merge_segments (f->project, both, 1, &error));
  g_clear_error (&error);
  g_assert_false (sc_project_split_segment (f->project, 7, &error));
  g_clear_error (&error);
}

static void
test_move_customer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const ScRun *run = sc_project_get_run (f->project);
  guint32 who = 0;
  guint from = run->labels[0];
  guint to = (from + 1) % run->n_segments;
  guint64 from_size = run->segments[from].size, to_size = run->segments[to].size;

  g_assert_true (sc_project_move_customers (f->project, &who, 1, to, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (f->project);
  g_assert_cmpuint (run->labels[0], ==, to);
  g_assert_cmpuint (run->segments[from].size, ==, from_size - 1);
  g_assert_cmpuint (run->segments[to].size, ==, to_size + 1);

  g_assert_true (sc_project_undo (f->project, &error));
  g_assert_cmpuint (sc_project_get_run (f->project)->labels[0], ==, from);
}

static void
test_fold_outliers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-edit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "o.segments", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "o.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("customer_id,order_date,amount\n");
  g_autoptr(ScProject) project = sc_project_open (path, TRUE, &error);
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;
  ScRunParams params;
  const ScRun *run;
  guint n_customers;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (csv, "C%u,2025-0%u-1%u,%u\n", i, 1 + i % 6, i % 10, 10 + (i * 7) % 90);
  g_string_append (csv, "BIG1,2025-03-03,90000000\nBIG2,2025-04-04,80000000\n");
  g_assert_true (g_file_set_contents (csv_path, csv->str, -1, NULL));

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (csv_path);
  report = sc_project_import (project, &options, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);

  sc_run_params_init (&params);
  params.k = 2;
  g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_true (sc_project_reload (project, &error));
  run = sc_project_get_run (project);
  g_assert_true (run->segments[run->n_segments - 1].is_outliers);
  n_customers = 0;
  for (guint s = 0; s < run->n_segments; s++)
    n_customers += run->segments[s].size;

  g_assert_true (sc_project_fold_outliers (project, &error));
  g_assert_no_error (error);
  run = sc_project_get_run (project);
  g_assert_cmpuint (run->n_segments, ==, 2);
  g_assert_false (run->segments[0].is_outliers);
  g_assert_false (run->segments[1].is_outliers);
  g_assert_cmpuint (run->segments[0].size + run->segments[1].size, ==, n_customers);

  g_assert_false (sc_project_fold_outliers (project, &error));
  g_clear_error (&error);
  g_assert_true (sc_project_undo (project, &error));
  g_assert_true (sc_project_get_run (project)->segments[2].is_outliers);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/Core/Edit/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("rename-and-fields", test_rename_and_fields);
  ADD ("undo-redo-fields", test_undo_redo_fields);
  ADD ("priority", test_priority);
  ADD ("merge-split-undo", test_merge_split_undo);
  ADD ("move-customer", test_move_customer);
#undef ADD
  g_test_add_func ("/Core/Edit/fold-outliers", test_fold_outliers);

  return g_test_run ();
}
