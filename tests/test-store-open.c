/* test-store-open.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Why a project cannot be opened: every cause has its own error code and a message that
 * names it. Read-only files and folders and missing permissions are made with chmod, which
 * does not stop root; run as root, those tests drop to the user "nobody" in a subprocess
 * first, and are skipped (saying so) when that is not allowed. */

#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sc-store-private.h"
#include "test-utils.h"

#define NOBODY 65534

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("segments-open-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static char *
new_project (const char *dir)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "p.segments", NULL);
  ScStore *store = sc_store_open (path, TRUE, &error);

  g_assert_no_error (error);
  g_assert_true (sc_store_set_meta (store, "title", "Kept", &error));
  sc_store_close (store);
  return path;
}

static void
assert_open_fails (const char *path,
                   gboolean    create,
                   GQuark      domain,
                   int         code,
                   const char *words)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (sc_store_open (path, create, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
assert_title_kept (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (path, FALSE, &error);
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  g_assert_true (sc_store_get_meta (store, "title", &title, &error));
  g_assert_cmpstr (title, ==, "Kept");
}

/* ------------------------------------------------------------------------------------------ */
/* Causes any user can make                                                                   */

static void
test_not_a_project (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *text = g_build_filename (dir, "notes.segments", NULL);
  g_autofree char *other = g_build_filename (dir, "other.segments", NULL);
  sqlite3 *db;

  g_assert_true (g_file_set_contents (text, "meeting notes, not a database\n", -1, NULL));
  assert_open_fails (text, FALSE, SC_ERROR, SC_ERROR_NOT_A_PROJECT, "not a Segments project");

  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA application_id = 42", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_open_fails (other, FALSE, SC_ERROR, SC_ERROR_NOT_A_PROJECT, "not a Segments project");
  test_remove_tree (dir);
}

static void
test_damaged (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = new_project (dir);
  g_autofree char *bytes = NULL;
  gsize len;

  /* Keep the 100-byte file header (so it still is a database) and wreck the page that
   * describes the tables. */
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  memset (bytes + 100, 0xA5, 3900);
  g_assert_true (g_file_set_contents (path, bytes, len, NULL));

  assert_open_fails (path, FALSE, SC_ERROR, SC_ERROR_DAMAGED, "is damaged");
  test_remove_tree (dir);
}

static void
test_too_new (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = new_project (dir);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  assert_open_fails (path, FALSE, SC_ERROR, SC_ERROR_TOO_NEW, "newer version");
  test_remove_tree (dir);
}

/* Another program holds the file: a connection in exclusive locking mode keeps its lock
 * after its first write, so no one else can read the project until it lets go. */
static void
test_locked (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = new_project (dir);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE;"
                                     "UPDATE meta SET value = 'Kept' WHERE key = 'title'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* Waits out the busy timeout (5 s) before it gives up. */
  assert_open_fails (path, FALSE, SC_ERROR, SC_ERROR_LOCKED, "another window or program");
  sqlite3_close (db);
  assert_title_kept (path);
  test_remove_tree (dir);
}

static void
test_missing_folder (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "gone", "p.segments", NULL);

  assert_open_fails (path, TRUE, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "does not exist");
  assert_open_fails (path, FALSE, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "does not exist");
  test_remove_tree (dir);
}

/* Two processes creating the same new project at once: one creates the tables, the other
 * finds them (before, it failed with "table meta already exists"). Threads with a
 * connection each lock the file as processes do. */
typedef struct
{
  const char *path;
  GMutex      mutex;
  GCond       cond;
  guint       waiting;
} Race;

static gpointer
race_open (gpointer data)
{
  Race *race = data;
  GError *error = NULL;
  ScStore *store;

  g_mutex_lock (&race->mutex);
  if (--race->waiting == 0)
    g_cond_broadcast (&race->cond);
  while (race->waiting > 0)
    g_cond_wait (&race->cond, &race->mutex);
  g_mutex_unlock (&race->mutex);

  store = sc_store_open (race->path, TRUE, &error);
  if (store == NULL)
    return error;
  sc_store_close (store);
  return NULL;
}

static void
test_create_race (void)
{
  g_autofree char *dir = temp_dir ();

  for (guint round = 0; round < 40; round++)
    {
      g_autofree char *name = g_strdup_printf ("race-%u.segments", round);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      Race race = { path, { 0 }, { 0 }, 4 };
      GThread *threads[4];

      g_mutex_init (&race.mutex);
      g_cond_init (&race.cond);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        threads[i] = g_thread_new ("race", race_open, &race);
      for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
        {
          g_autoptr(GError) error = g_thread_join (threads[i]);
          g_assert_no_error (error);
        }
      g_mutex_clear (&race.mutex);
      g_cond_clear (&race.cond);
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(ScStore) store = sc_store_open (path, FALSE, &error);

        g_assert_no_error (error);
        g_assert_cmpint (test_query_int (store, "PRAGMA user_version"), ==,
                         SC_STORE_SCHEMA_VERSION);
        g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM sqlite_schema "
                                                "WHERE name = 'meta'"), ==, 1);
      }
    }
  test_remove_tree (dir);
}

/* ------------------------------------------------------------------------------------------ */
/* Causes made with chmod                                                                     */

static gboolean
can_become_nobody (void)
{
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    _exit (setgroups (0, NULL) == 0 && setgid (NOBODY) == 0 && setuid (NOBODY) == 0 ? 0 : 1);
  return pid > 0 && waitpid (pid, &status, 0) == pid && WIFEXITED (status) &&
         WEXITSTATUS (status) == 0;
}

/* Runs the test in a subprocess; when started as root, that subprocess becomes "nobody"
 * first so chmod binds it. */
static gboolean
unprivileged (void)
{
  if (g_test_subprocess ())
    {
      if (geteuid () == 0)
        g_assert_true (setgroups (0, NULL) == 0 && setgid (NOBODY) == 0 &&
                       setuid (NOBODY) == 0);
      return TRUE;
    }
  if (geteuid () == 0 && !can_become_nobody ())
    {
      g_test_skip ("Running as root, which chmod does not stop, without the right to become "
                   "another user: cannot make a file this process may not write");
      return FALSE;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* One cause made with chmod: @target ("file", "folder" or "inner folder") gets @mode, then
 * opening (or, with @create, creating) fails with @code and a message holding @words; with
 * the mode put back, the project is as it was. */
typedef struct
{
  const char *target;
  guint       mode;
  gboolean    create;
  int         code;
  const char *words;
} ChmodCase;

static const ChmodCase chmod_cases[] = {
  { "file", 0444, FALSE, SC_ERROR_READ_ONLY, "the file is read-only" },
  /* Opens for reading (issue 19); a change says why it fails.  Before, "damaged or is not
   * a Segments project". */
  { "folder", 0555, FALSE, SC_ERROR_READ_ONLY, "its folder is read-only" },
  /* Before, "unable to open database file". */
  { "folder", 0555, TRUE, SC_ERROR_READ_ONLY, "cannot be created" },
  { "file", 0000, FALSE, SC_ERROR_PERMISSION, "permission" },
  /* A folder that may not be entered: the project is there, not "missing". */
  { "inner folder", 0000, FALSE, SC_ERROR_PERMISSION, "permission" },
};

static void
test_chmod (gconstpointer data)
{
  const ChmodCase *c = data;
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  const char *target;

  if (!unprivileged ())
    return;
  dir = temp_dir ();
  folder = g_str_equal (c->target, "inner folder") ? g_build_filename (dir, "inner", NULL)
                                                   : g_strdup (dir);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  path = c->create ? g_build_filename (folder, "new.segments", NULL) : new_project (folder);
  target = g_str_equal (c->target, "file") ? path : folder;

  g_assert_cmpint (g_chmod (target, c->mode), ==, 0);
  /* chmod binds this process. */
  g_assert_cmpint (g_access (target, (c->mode & 0400) ? W_OK : R_OK), !=, 0);
  if (g_str_equal (c->target, "folder") && !c->create)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      ScStore *store = sc_store_open (path, FALSE, &error);

      g_assert_no_error (error);
      g_assert_true (sc_store_get_read_only (store));
      g_assert_false (sc_store_begin (store, &error));
      g_assert_error (error, SC_ERROR, c->code);
      g_assert_nonnull (strstr (error->message, c->words));
      sc_store_close (store);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
  else
    assert_open_fails (path, c->create, SC_ERROR, c->code, c->words);
  g_assert_cmpint (g_chmod (target, g_str_equal (c->target, "file") ? 0644 : 0755), ==, 0);

  if (c->create)
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  else
    assert_title_kept (path);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/StoreOpen/not-a-project", test_not_a_project);
  g_test_add_func ("/Core/StoreOpen/damaged", test_damaged);
  g_test_add_func ("/Core/StoreOpen/too-new", test_too_new);
  g_test_add_func ("/Core/StoreOpen/locked", test_locked);
  g_test_add_func ("/Core/StoreOpen/missing-folder", test_missing_folder);
  g_test_add_func ("/Core/StoreOpen/create-race", test_create_race);
  g_test_add_data_func ("/Core/StoreOpen/read-only-file", &chmod_cases[0], test_chmod);
  g_test_add_data_func ("/Core/StoreOpen/read-only-folder", &chmod_cases[1], test_chmod);
  g_test_add_data_func ("/Core/StoreOpen/new-in-read-only-folder", &chmod_cases[2], test_chmod);
  g_test_add_data_func ("/Core/StoreOpen/permission-file", &chmod_cases[3], test_chmod);
  g_test_add_data_func ("/Core/StoreOpen/permission-folder", &chmod_cases[4], test_chmod);

  return g_test_run ();
}
