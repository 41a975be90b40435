/* sc-huge-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The per-customer arrays of a snapshot, of scoring and of the drift's copies are tens to
 * hundreds of MB at 10M customers, fresh from mmap() and written whole once: each first
 * write to a 4 KiB page of them is a page fault, which made up most of a refresh's system
 * time (3.2 million faults at 10M).  Where the system gives transparent huge pages on
 * request only (madvise mode, Debian's default), asking for them maps 2 MiB at a fault.
 * Only a hint: a refusal, an older kernel or memory already mapped changes nothing but
 * the number of faults. */

#pragma once

#include <glib.h>
#include <sys/mman.h>

G_BEGIN_DECLS

/* Below this, an array is not worth a system call. */
#define SC_HUGE_MIN_BYTES (4u << 20)

/* g_new (type, n) for a large array about to be written whole. */
#define _sc_huge_new(type, n) ((type *) _sc_huge_alloc ((n), sizeof (type)))

static inline gpointer
_sc_huge_alloc (gsize n,
                gsize size)
{
  gpointer mem = g_malloc_n (MAX (n, 1), size);
#ifdef MADV_HUGEPAGE
  gsize bytes = MAX (n, 1) * size;
  guintptr first = ((guintptr) mem + 4095) & ~(guintptr) 4095;
  guintptr last = ((guintptr) mem + bytes) & ~(guintptr) 4095;

  if (bytes >= SC_HUGE_MIN_BYTES && last > first)
    madvise ((void *) first, last - first, MADV_HUGEPAGE);
#endif
  return mem;
}

G_END_DECLS
