/* sc-memory.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Huge pages for the import's largest arrays.
 *
 * Each first write to a 4 kB page of fresh memory is a page fault; on a virtual machine that
 * costs ≈ 10–15 µs, against ≈ 1 µs to clear the page, and an import of 1M customers touched
 * 300 MB that way.  A transparent huge page is one fault for 2 MB.  Distributions leave them
 * to programs that ask ("madvise" mode, Debian's default), and asking for every allocation
 * (glibc.malloc.hugetlb=1) costs more than it saves: most blocks are small or half used, and
 * a huge page is cleared whole.  So only the arrays an import fills from start to end, sized
 * for the whole file, ask: the pages past the end they reach are never touched, whole huge
 * pages included, and at most one 2 MB page is cleared beyond it.  Where the kernel cannot
 * (no THP, "never", an old kernel) the advice is refused or ignored and the pages are the
 * usual ones. */

#include "config.h"

#include <sys/mman.h>

#include "sc-memory-private.h"

#define HUGE_PAGE ((guintptr) 2 * 1024 * 1024)

void
_sc_memory_advise_huge (void  *mem,
                        gsize  bytes)
{
#if defined(MADV_HUGEPAGE)
  /* only whole huge pages inside the block: the advice applies to whole pages of the
   * mapping, and what lies around the block may be the allocator's or another block's */
  guintptr a = ((guintptr) mem + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  guintptr b = ((guintptr) mem + bytes) & ~(HUGE_PAGE - 1);

  if (mem != NULL && b > a)
    (void) madvise ((void *) a, b - a, MADV_HUGEPAGE);
#endif
}
