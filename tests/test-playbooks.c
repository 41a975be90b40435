/* test-playbooks.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Segment playbooks behind the project facade (sc-project-playbooks.h): one file per
 * segment and an index, the same sync and async, nothing written when cancelled, and an
 * error without segments.  test-cli-playbooks.py checks what the pages say. */

#include <glib/gstdio.h>
#include <string.h>

#include "sc-project-playbooks.h"
#include "test-project-utils.h"
#include "test-utils.h"

typedef TestProjectFixture Fixture;

static GPtrArray *
write_async (ScProject         *project,
             const char        *directory,
             ScPlaybookFormat   format,
             GCancellable      *cancellable,
             GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sc_project_write_playbooks_async (project, directory, format, cancellable,
                                    test_on_async_done, &result);
  return sc_project_write_playbooks_finish (project, test_wait_for (&result), error);
}

static void
assert_files (GPtrArray  *written,
              const char *directory,
              guint       n_segments,
              const char *suffix)
{
  g_assert_nonnull (written);
  g_assert_cmpuint (written->len, ==, n_segments + 1);
  for (guint i = 0; i < written->len; i++)
    {
      const char *path = g_ptr_array_index (written, i);
      g_autofree char *dir = g_path_get_dirname (path);

      g_assert_cmpstr (dir, ==, directory);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_str_has_suffix (path, i + 1 == written->len ? "/index.html" : suffix));
    }
}

static void
test_playbooks (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *root = g_dir_make_tmp ("segments-playbooks-XXXXXX", NULL);
  g_autofree char *html_dir = g_build_filename (root, "html", "nested", NULL);
  g_autofree char *async_dir = g_build_filename (root, "async", NULL);
  g_autofree char *pdf_dir = g_build_filename (root, "pdf", NULL);
  g_autofree char *none_dir = g_build_filename (root, "none", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *empty_dir = NULL;
  g_autoptr(ScProject) empty = test_project_new (&empty_dir);
  g_autoptr(GPtrArray) html = NULL;
  g_autoptr(GPtrArray) async = NULL;
  g_autoptr(GPtrArray) pdf = NULL;
  GPtrArray *none;
  guint n = sc_project_get_run (f->project)->n_segments;

  before = test_project_fingerprint (sc_project_get_path (f->project));
  html = sc_project_write_playbooks (f->project, html_dir, SC_PLAYBOOK_HTML, NULL, &error);
  g_assert_no_error (error);
  assert_files (html, html_dir, n, ".html");
  async = write_async (f->project, async_dir, SC_PLAYBOOK_HTML, NULL, &error);
  g_assert_no_error (error);
  assert_files (async, async_dir, n, ".html");
  for (guint i = 0; i < html->len; i++)
    {
      g_autofree char *x = NULL, *y = NULL;
      g_autofree char *bx = g_path_get_basename (g_ptr_array_index (html, i));
      g_autofree char *by = g_path_get_basename (g_ptr_array_index (async, i));

      g_assert_cmpstr (bx, ==, by);
      g_assert_true (g_file_get_contents (g_ptr_array_index (html, i), &x, NULL, NULL));
      g_assert_true (g_file_get_contents (g_ptr_array_index (async, i), &y, NULL, NULL));
      g_assert_cmpstr (x, ==, y);
    }
  pdf = write_async (f->project, pdf_dir, SC_PLAYBOOK_PDF, NULL, &error);
  g_assert_no_error (error);
  assert_files (pdf, pdf_dir, n, ".pdf");
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (g_ptr_array_index (pdf, 0), &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  }
  /* Writing playbooks reads the project only. */
  after = test_project_fingerprint (sc_project_get_path (f->project));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (f->parts.n_emissions, ==, 0);

  /* Cancelled: an error, and not even the folder. */
  g_cancellable_cancel (cancelled);
  none = sc_project_write_playbooks (f->project, none_dir, SC_PLAYBOOK_HTML, cancelled, &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  none = write_async (f->project, none_dir, SC_PLAYBOOK_PDF, cancelled, &error);
  g_assert_null (none);
  test_assert_cancelled (&error);
  g_assert_false (g_file_test (none_dir, G_FILE_TEST_EXISTS));

  /* Nothing to write before a segmentation. */
  none = write_async (empty, none_dir, SC_PLAYBOOK_HTML, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_DATA);
  g_clear_error (&error);
  g_assert_false (g_file_test (none_dir, G_FILE_TEST_EXISTS));

  g_clear_object (&empty);
  test_remove_dir (empty_dir);
  test_remove_tree (root);
}

static void
test_format (void)
{
  ScPlaybookFormat format = SC_PLAYBOOK_PDF;

  g_assert_true (sc_playbook_format_from_string ("html", &format));
  g_assert_cmpint (format, ==, SC_PLAYBOOK_HTML);
  g_assert_true (sc_playbook_format_from_string ("PDF", &format));
  g_assert_cmpint (format, ==, SC_PLAYBOOK_PDF);
  g_assert_false (sc_playbook_format_from_string ("docx", &format));
  g_assert_false (sc_playbook_format_from_string ("", &format));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Render/Playbooks/format", test_format);
  g_test_add ("/Render/Playbooks/write", Fixture, NULL, test_project_fixture_setup,
              test_playbooks, test_project_fixture_teardown);

  return g_test_run ();
}
