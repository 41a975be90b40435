/* test-project-utils.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "sc-store-private.h"
#include "sc-value.h"
#include "test-project-utils.h"

#define WAIT_TIMEOUT_SECONDS 60

char *
test_write_planted (const char *dir,
                    gboolean    with_giants)
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
  for (guint i = 0; with_giants && i < 3; i++)
    {
      g_autofree char *d = sc_day_format (end - 50);
      g_string_append_printf (csv, "O%u,Z%u,%s,1000000000000\n", order++, i, d);
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

char *
test_write_planted_later (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("order_id,customer_id,order_date,amount\n");
  char *path = g_build_filename (dir, "later.csv", NULL);
  ScDay end = sc_day_from_ymd (2025, 9, 30);
  guint order = 0;

  /* Order ids of their own: the first file's run from O0. */
  for (guint i = 0; i < 60; i++)
    for (guint j = 0; j < 4; j++)
      {
        g_autofree char *d = sc_day_format (end - 2 - (i % 5) - 20 * j);
        g_string_append_printf (csv, "L%u,A%03u,%s,%u.00\n", order++, i, d, 100 + (i * 41 + j * 7) % 200);
      }
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *d = sc_day_format (end - (i % 30));
      g_string_append_printf (csv, "L%u,D%03u,%s,%u.00\n", order++, i, d, 40 + (i * 17) % 40);
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, NULL));
  return path;
}

ScProject *
test_project_new (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-project-XXXXXX", &error);
  g_autofree char *path = NULL;
  ScProject *project;

  g_assert_no_error (error);
  path = g_build_filename (dir, "test.segments", NULL);
  project = sc_project_open (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  *dir_out = g_steal_pointer (&dir);
  return project;
}

ScProject *
test_project_new_planted (char **dir_out)
{
  g_autofree char *csv = NULL;
  ScProject *project = test_project_new (dir_out);

  csv = test_write_planted (*dir_out, TRUE);
  test_project_import (project, csv);
  test_project_segment_k (project, 3);
  return project;
}

void
test_project_fixture_setup (TestProjectFixture *f,
                            gconstpointer       data)
{
  f->project = test_project_new_planted (&f->dir);
  test_parts_watch (f->project, &f->parts);
}

void
test_project_fixture_teardown (TestProjectFixture *f,
                               gconstpointer       data)
{
  g_clear_object (&f->project);
  test_remove_dir (f->dir);
  g_free (f->dir);
}

void
test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
test_on_async_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static gboolean
on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

GAsyncResult *
test_wait_for (GAsyncResult **result)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, on_timeout, &timed_out);

  while (*result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("no async result after %d s", WAIT_TIMEOUT_SECONDS);
  g_source_remove (timeout);
  return *result;
}

void
test_assert_cancelled (GError **error)
{
  g_assert_error (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (error);
}

static void
on_changed_parts (ScProject *project,
                  guint      parts,
                  TestParts *out)
{
  out->n_emissions++;
  out->last = parts;
  out->all |= parts;
}

void
test_parts_watch (ScProject *project,
                  TestParts *parts)
{
  test_parts_reset (parts);
  g_signal_connect (project, "changed-parts", G_CALLBACK (on_changed_parts), parts);
}

void
test_parts_reset (TestParts *parts)
{
  parts->n_emissions = 0;
  parts->last = 0;
  parts->all = 0;
}

char *
test_project_fingerprint (const char *path)
{
  static const char sql[] =
    "SELECT 'runs=' || (SELECT count(*) FROM runs)"
    " || ' current=' || (SELECT coalesce(max(id), 0) FROM runs WHERE is_current)"
    " || ' history=' || (SELECT count(*) FROM run_history)"
    " || ' snapshots=' || (SELECT count(*) FROM snapshots)"
    " || ' models=' || (SELECT count(*) FROM clv_models)"
    " || ' imports=' || (SELECT count(*) FROM imports)"
    " || ' chunks=' || (SELECT count(*) FROM transaction_chunks)"
    " || ' segments=' || (SELECT group_concat(s, ';') FROM"
    "      (SELECT id || ':' || run || ':' || position || ':' || name || ':' ||"
    "              coalesce(priority, '') || ':' || coalesce(owner, '') || ':' ||"
    "              coalesce(quadrant, '') || ':' || coalesce(value, '') AS s"
    "       FROM segments ORDER BY id))";
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (path, FALSE, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  g_assert_true (_sc_store_prepare (store, sql, &stmt, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

guint
test_count_snapshots (ScProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) infos = sc_project_list_snapshots (project, &error);

  g_assert_no_error (error);
  g_assert_nonnull (infos);
  return infos != NULL ? infos->len : 0;
}
