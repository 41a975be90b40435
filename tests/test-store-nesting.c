/* test-store-nesting.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sc_store_begin/commit/rollback nest (issue 14): an inner level is a savepoint, so an
 * operation that is one transaction on its own joins the transaction of a command. */

#include <glib/gstdio.h>

#include "sc-store-private.h"
#include "test-utils.h"

static ScStore *
open_temp (char **dir)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  ScStore *store;

  *dir = g_dir_make_tmp ("segments-nesting-XXXXXX", NULL);
  path = g_build_filename (*dir, "nesting.segments", NULL);
  store = sc_store_open (path, TRUE, &error);
  g_assert_no_error (error);
  return store;
}

static char *
meta (ScStore    *store,
      const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  g_assert_true (sc_store_get_meta (store, key, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
test_inner_rollback_keeps_outer (void)
{
  g_autofree char *dir = NULL;
  ScStore *store = open_temp (&dir);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (sc_store_begin (store, NULL));
  g_assert_true (sc_store_set_meta (store, "a", "1", NULL));
  g_assert_true (sc_store_begin (store, NULL));
  g_assert_true (sc_store_set_meta (store, "b", "2", NULL));
  sc_store_rollback (store);
  g_assert_false (sqlite3_get_autocommit (_sc_store_get_db (store)));
  g_assert_true (sc_store_commit (store, NULL));
  g_assert_true (sqlite3_get_autocommit (_sc_store_get_db (store)));

  a = meta (store, "a");
  b = meta (store, "b");
  g_assert_cmpstr (a, ==, "1");
  g_assert_null (b);
  sc_store_close (store);
  test_remove_tree (dir);
}

static void
test_outer_rollback_undoes_inner_commit (void)
{
  g_autofree char *dir = NULL;
  ScStore *store = open_temp (&dir);
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  g_assert_true (sc_store_begin (store, NULL));
  g_assert_true (sc_store_begin (store, NULL));
  g_assert_true (sc_store_begin (store, NULL));
  g_assert_true (sc_store_set_meta (store, "c", "3", NULL));
  g_assert_true (sc_store_commit (store, NULL));
  g_assert_true (sc_store_commit (store, NULL));
  /* Released into the outer transaction, not yet in the file. */
  g_assert_false (sqlite3_get_autocommit (_sc_store_get_db (store)));
  sc_store_rollback (store);
  g_assert_true (sqlite3_get_autocommit (_sc_store_get_db (store)));
  c = meta (store, "c");
  g_assert_null (c);

  /* The levels are back at zero: a new transaction commits on its own. */
  g_assert_true (sc_store_begin (store, NULL));
  g_assert_true (sc_store_set_meta (store, "d", "4", NULL));
  g_assert_true (sc_store_commit (store, NULL));
  g_assert_true (sqlite3_get_autocommit (_sc_store_get_db (store)));
  d = meta (store, "d");
  g_assert_cmpstr (d, ==, "4");
  sc_store_close (store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/Store/nesting/inner-rollback", test_inner_rollback_keeps_outer);
  g_test_add_func ("/Core/Store/nesting/outer-rollback", test_outer_rollback_undoes_inner_commit);
  return g_test_run ();
}
