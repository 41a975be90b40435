/* test-memory.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The large arrays of a run on huge pages (sc-memory.c): whole 2 MB pages, asked for with
 * MADV_HUGEPAGE, and what g_malloc() and g_malloc0() give otherwise. */

#include <stdio.h>
#include <string.h>

#include "sc-memory.h"
#include "test-utils.h"

#define HUGE_PAGE ((guintptr) 2 * 1024 * 1024)

/* The VmFlags line of /proc/self/smaps for the mapping holding @p; NULL where there is no
 * such file (not Linux). */
static char *
vm_flags_of (gconstpointer p)
{
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean inside = FALSE;

  if (!g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    return NULL;
  lines = g_strsplit (smaps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      unsigned long long from, to;

      if (sscanf (lines[i], "%llx-%llx ", &from, &to) == 2)
        inside = (guintptr) p >= from && (guintptr) p < to;
      else if (inside && g_str_has_prefix (lines[i], "VmFlags:"))
        return g_strdup (lines[i]);
    }
  return NULL;
}

/* A million customers' 32-bit column (4,000,000 bytes) and doubles (8,000,000): each on
 * whole huge pages, from a 2 MB boundary, asked for as huge; writable to the end. */
static void
test_large (void)
{
  const gsize sizes[] = { 4000000, 8000000, SC_MEMORY_HUGE_MIN };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree guint8 *mem = sc_memory_new_huge (sizes[i]);
      g_autofree char *flags = NULL;

      g_assert_nonnull (mem);
      g_assert_cmpuint ((guintptr) mem % HUGE_PAGE, ==, 0);
      memset (mem, 0xa5, sizes[i]);
      g_assert_cmpuint (mem[sizes[i] - 1], ==, 0xa5);

      flags = vm_flags_of (mem + sizes[i] - 1);
      if (flags != NULL && g_file_test ("/sys/kernel/mm/transparent_hugepage/enabled",
                                        G_FILE_TEST_EXISTS))
        g_assert_nonnull (strstr (flags, " hg"));
    }
}

/* Cleared, whatever the memory held before (freed and allocated again). */
static void
test_cleared (void)
{
  for (guint round = 0; round < 3; round++)
    {
      gsize n = 1000000;
      guint32 *mem = sc_memory_new0_huge (n * sizeof (guint32));

      g_assert_cmpuint ((guintptr) mem % HUGE_PAGE, ==, 0);
      for (gsize j = 0; j < n; j++)
        g_assert_cmpuint (mem[j], ==, 0);
      memset (mem, 0xff, n * sizeof (guint32));
      g_free (mem);
    }
}

/* Below the threshold: g_malloc(), g_malloc0(); none for nothing, as g_malloc (0). */
static void
test_small (void)
{
  g_autofree double *few = sc_memory_new_huge_n (double, 10);
  g_autofree guint8 *zeroes = sc_memory_new0_huge (1000);

  g_assert_null (sc_memory_new_huge (0));
  g_assert_null (sc_memory_new0_huge (0));
  g_assert_nonnull (few);
  few[9] = 1.5;
  for (guint j = 0; j < 1000; j++)
    g_assert_cmpuint (zeroes[j], ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Memory/large", test_large);
  g_test_add_func ("/Core/Memory/cleared", test_cleared);
  g_test_add_func ("/Core/Memory/small", test_small);
  return g_test_run ();
}
