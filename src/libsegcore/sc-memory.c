/* sc-memory.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Large arrays on transparent huge pages.  The first write to a page of fresh memory is a
 * page fault; on a paravirtualised VM each costs about 10 µs, most of it entering and
 * leaving the fault, not clearing the page.  A million customers' arrays of doubles are
 * 8 MB each, 2,048 faults at 4 KB; on 2 MB pages, four.  Linux gives huge pages to memory
 * that asks for them (`madvise` mode of /sys/kernel/mm/transparent_hugepage/enabled); the
 * advice is a hint, so a kernel without it, or without free huge pages, changes nothing but
 * the page size.  Only for arrays the caller fills whole: a huge page is cleared whole, which
 * is also why asking for every allocation (glibc.malloc.hugetlb=1) costs more than it saves:
 * most blocks are small or half used. */

#include "config.h"

#include "sc-memory.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((gsize) 2 * 1024 * 1024)

/**
 * sc_memory_advise_huge:
 * @mem: memory not written yet
 * @bytes: its size
 *
 * Asks for huge pages under the whole 2 MB pages of @mem, when @bytes is at least
 * %SC_MEMORY_HUGE_MIN.
 */
void
sc_memory_advise_huge (gpointer mem,
                       gsize    bytes)
{
#ifdef MADV_HUGEPAGE
  guintptr start = ((guintptr) mem + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  guintptr end = ((guintptr) mem + bytes) & ~(guintptr) (HUGE_PAGE - 1);

  if (bytes >= SC_MEMORY_HUGE_MIN && end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

/**
 * sc_memory_new_huge:
 * @bytes: the size
 *
 * Like g_malloc() (free with g_free()), but an array of at least %SC_MEMORY_HUGE_MIN bytes
 * takes whole 2 MB pages and asks for huge pages (sc_memory_advise_huge()): its end is
 * rounded up, since the last huge page cleared costs less than the faults of the 4 KB
 * pages it replaces (up to 511, a few ms); the memory held grows by less than 2 MB an
 * array.  The memory is not cleared: for arrays the caller writes in full.
 *
 * Returns: (transfer full): the memory
 */
gpointer
sc_memory_new_huge (gsize bytes)
{
  gsize whole = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  gpointer mem = NULL;

  if (bytes < SC_MEMORY_HUGE_MIN || whole < bytes ||
      posix_memalign (&mem, HUGE_PAGE, whole) != 0)
    return g_malloc (bytes);
  sc_memory_advise_huge (mem, whole);
  return mem;
}

/**
 * sc_memory_new0_huge:
 * @bytes: the size
 *
 * sc_memory_new_huge() cleared, like g_malloc0() (free with g_free()): for arrays written
 * in full or left zero.
 *
 * Returns: (transfer full): the memory
 */
gpointer
sc_memory_new0_huge (gsize bytes)
{
  gpointer mem;

  if (bytes < SC_MEMORY_HUGE_MIN)
    return g_malloc0 (bytes);
  mem = sc_memory_new_huge (bytes);
  memset (mem, 0, bytes);
  return mem;
}
