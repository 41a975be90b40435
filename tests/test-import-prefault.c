/* test-import-prefault.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The importer's arrays are sized from an estimate of the rows and faulted in by a helper
 * thread ahead of the rows filled (sc-import-prefault.c).  An estimate far above the file's
 * rows must not make the whole estimate resident: the helper faults in what the rows
 * reached plus a fixed lead, and nothing beyond.  Checked with mincore() on fresh anonymous
 * mappings of several element sizes, for several fill levels; the pages below the lead
 * must become resident (the helper does work), those beyond it never. */

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sc-importer-private.h"

#define N_ARRAYS 3

static gsize page;

static gboolean
kernel_populates (void)
{
#ifdef MADV_POPULATE_WRITE
  void *p = mmap (NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  gboolean ok = p != MAP_FAILED && madvise (p, page, MADV_POPULATE_WRITE) == 0;

  if (p != MAP_FAILED)
    munmap (p, page);
  return ok;
#else
  return FALSE;
#endif
}

/* How many of the pages wholly inside elements [from, to) of the array are resident. */
static gsize
resident_pages (const char *start,
                gsize       elem_size,
                gsize       from,
                gsize       to,
                gsize      *n_pages)
{
  guintptr a = ((guintptr) start + from * elem_size + page - 1) & ~(page - 1);
  guintptr b = ((guintptr) start + to * elem_size) & ~(page - 1);
  g_autofree unsigned char *vec = NULL;
  gsize n, count = 0;

  *n_pages = 0;
  if (b <= a)
    return 0;
  n = (b - a) / page;
  vec = g_malloc (n);
  g_assert_cmpint (mincore ((void *) a, b - a, vec), ==, 0);
  for (gsize i = 0; i < n; i++)
    count += vec[i] & 1;
  *n_pages = n;
  return count;
}

static void
check_fill (gsize filled)
{
  const gsize elem_size[N_ARRAYS] = { 4, 8, 4 };
  /* an estimate far above the rows: 12 times the lead, the last array shorter (orders) */
  const gsize n[N_ARRAYS] = { 12 * SC_PREFAULT_LEAD, 12 * SC_PREFAULT_LEAD, 5 * SC_PREFAULT_LEAD };
  void *mem[N_ARRAYS];
  gsize bytes[N_ARRAYS];
  gsize reach = filled + SC_PREFAULT_LEAD;
  gsize whole = reach - reach % SC_PREFAULT_SLICE;   /* the helper faults whole slices */
  ScPrefault *pf;
  gint64 deadline;
  gboolean caught_up = FALSE;

  for (guint i = 0; i < N_ARRAYS; i++)
    {
      bytes[i] = n[i] * elem_size[i];
      mem[i] = mmap (NULL, bytes[i], PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
      g_assert_true (mem[i] != MAP_FAILED);
    }

  pf = _sc_prefault_start (mem, elem_size, n, N_ARRAYS);
  g_assert_nonnull (pf);
  if (filled > 0)
    g_assert_cmpuint (_sc_prefault_advance (pf, filled), ==, filled + SC_PREFAULT_SLICE);

  /* the helper does its work: the pages of the whole slices within the lead become resident */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!caught_up && g_get_monotonic_time () < deadline)
    {
      caught_up = TRUE;
      for (guint i = 0; i < N_ARRAYS && caught_up; i++)
        {
          gsize n_pages;
          gsize res = resident_pages (mem[i], elem_size[i], 0, MIN (whole, n[i]), &n_pages);

          caught_up = res == n_pages;
        }
      if (!caught_up)
        g_usleep (1000);
    }
  g_assert_true (caught_up);
  _sc_prefault_finish (pf);

  /* and nothing beyond it (a page of slack for a slice's end inside a page) */
  for (guint i = 0; i < N_ARRAYS; i++)
    {
      gsize from = MIN (reach + page / elem_size[i], n[i]);
      gsize n_pages;

      g_assert_cmpuint (resident_pages (mem[i], elem_size[i], from, n[i], &n_pages), ==, 0);
      munmap (mem[i], bytes[i]);
    }
}

static void
test_bounded_lead (void)
{
  if (!kernel_populates ())
    {
      g_test_skip ("this kernel has no MADV_POPULATE_WRITE; the importer faults pages itself");
      return;
    }
  check_fill (0);
  check_fill (SC_PREFAULT_SLICE);
  check_fill (3 * SC_PREFAULT_LEAD + 12345);
  check_fill (6 * SC_PREFAULT_LEAD);
}

static void
test_no_helper (void)
{
  /* without a helper (an old kernel, no thread) the importer is told never to call again */
  g_assert_cmpuint (_sc_prefault_advance (NULL, 42), ==, G_MAXSIZE);
  _sc_prefault_finish (NULL);
}

int
main (int   argc,
      char *argv[])
{
  page = (gsize) sysconf (_SC_PAGESIZE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/prefault/bounded-lead", test_bounded_lead);
  g_test_add_func ("/import/prefault/no-helper", test_no_helper);
  return g_test_run ();
}
