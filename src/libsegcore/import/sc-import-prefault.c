/* sc-import-prefault.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The importing thread is the one the others wait for while a file is read: it interns the
 * keys and appends every accepted row to arrays sized for the whole file up front (tens of
 * MB at a million customers).  Each first write to a page of them is a page fault that
 * clears the page, in that thread.  A helper thread faults the pages in ahead of it instead
 * (MADV_POPULATE_WRITE: the kernel maps the pages writable without touching their
 * contents, so it is safe beside the writes), a slice of every array at a time in the
 * order the rows fill them, on whatever core the readers leave idle.  Where the kernel does
 * not know the advice (before Linux 5.14) the helper stops at the first refusal and the
 * importing thread faults the pages in itself, as before. */

#include "config.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sc-importer-private.h"

#define MAX_RANGES 8
#define N_SLICES   64

typedef struct
{
  char  *start;
  gsize  len;
} Range;

struct _ScPrefault
{
  GThread *thread;
  Range    ranges[MAX_RANGES];
  guint    n_ranges;
  gint     stop;      /* atomic */
};

#ifdef MADV_POPULATE_WRITE
static gpointer
prefault (gpointer data)
{
  ScPrefault *pf = data;
  guintptr page = (guintptr) sysconf (_SC_PAGESIZE);

  for (guint s = 0; s < N_SLICES; s++)
    for (guint i = 0; i < pf->n_ranges; i++)
      {
        const Range *range = &pf->ranges[i];
        guintptr from = (guintptr) range->start + range->len * s / N_SLICES;
        guintptr to = (guintptr) range->start + range->len * (s + 1) / N_SLICES;

        if (g_atomic_int_get (&pf->stop))
          return NULL;
        /* whole pages inside the range only: the allocator's header page is someone's */
        from = (from + page - 1) & ~(page - 1);
        to &= ~(page - 1);
        if (to > from && madvise ((void *) from, to - from, MADV_POPULATE_WRITE) != 0 &&
            errno == EINVAL)
          return NULL;
      }
  return NULL;
}
#endif

/* Starts faulting in @n arrays (@mem[i], @len[i] bytes; NULL ones are skipped), or returns
 * %NULL when there is nothing to do. */
ScPrefault *
_sc_prefault_start (void * const *mem,
                    const gsize  *len,
                    guint         n)
{
#ifdef MADV_POPULATE_WRITE
  ScPrefault *pf = g_new0 (ScPrefault, 1);

  for (guint i = 0; i < n && pf->n_ranges < MAX_RANGES; i++)
    if (mem[i] != NULL && len[i] > 0)
      pf->ranges[pf->n_ranges++] = (Range) { mem[i], len[i] };
  pf->thread = g_thread_try_new ("segments-fault", prefault, pf, NULL);
  if (pf->thread == NULL)
    g_clear_pointer (&pf, g_free);
  return pf;
#else
  return NULL;
#endif
}

/* Stops the helper (at the end of its current slice) and waits for it. */
void
_sc_prefault_finish (ScPrefault *pf)
{
  if (pf != NULL)
    {
      g_atomic_int_set (&pf->stop, TRUE);
      g_thread_join (pf->thread);
      g_free (pf);
    }
}

/* Sizes the accepted rows' arrays (and with an order column the per-order ones) for
 * @expected rows, and starts faulting them in. */
void
_sc_import_reserve_rows (ScImportRun *imp,
                         gsize        expected,
                         gboolean     with_cost)
{
  imp->cap_rows = expected;
  imp->row_customer = g_new (guint32, expected);
  imp->row_day = g_new (ScDay, expected);
  imp->row_amount = g_new (double, expected);
  imp->row_order = g_new (guint32, expected);
  if (with_cost)
    imp->row_cost = g_new (double, expected);
  if (imp->has_orders && imp->cap_orders < expected)
    {
      imp->cap_orders = expected;
      imp->order_customer = g_renew (guint32, imp->order_customer, expected);
      imp->order_row_hash = g_renew (guint64, imp->order_row_hash, expected);
    }
  {
    void *mem[] = { imp->row_customer, imp->row_day, imp->row_amount, imp->row_order,
                    imp->row_cost, imp->order_customer, imp->order_row_hash };
    gsize len[] = { expected * sizeof (guint32), expected * sizeof (ScDay),
                    expected * sizeof (double), expected * sizeof (guint32),
                    expected * sizeof (double), imp->cap_orders * sizeof (guint32),
                    imp->cap_orders * sizeof (guint64) };

    imp->prefault = _sc_prefault_start (mem, len, G_N_ELEMENTS (mem));
  }
}
