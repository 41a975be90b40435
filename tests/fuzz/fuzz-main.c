/* fuzz-main.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs a fuzz target without libFuzzer: every file named on the command line, and every file
 * in every folder named there, goes through LLVMFuzzerTestOneInput once.  The test suite uses
 * it to replay the seed corpus and the regression inputs with the compiler of the build (and
 * its sanitizers, when the build has them). */

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "fuzz.h"

static guint n_inputs;

static void
run_file (const char *path)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }
  g_print ("%s\n", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
  n_inputs++;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
run_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      run_file (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_printerr ("cannot read folder %s\n", path);
      exit (2);
    }
  /* Sorted, so a failure names the same input on every machine. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (g_file_test (g_ptr_array_index (names, i), G_FILE_TEST_IS_REGULAR))
      run_file (g_ptr_array_index (names, i));
}

int
main (int    argc,
      char **argv)
{
  if (argc < 2)
    {
      g_printerr ("usage: %s FILE|FOLDER…\n", argv[0]);
      return 2;
    }
  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    run_path (argv[i]);
  if (n_inputs == 0)
    {
      g_printerr ("no inputs found\n");
      return 1;
    }
  g_print ("%u inputs, no invariant broken\n", n_inputs);
  return 0;
}
