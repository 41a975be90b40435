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
 * importing thread faults the pages in itself, as before.
 *
 * The arrays are sized from an estimate (the file's size over a sample's bytes per row),
 * which can be far above the rows the file holds when its first rows are short.  So the
 * helper keeps a fixed distance ahead of the rows filled (LEAD elements, told by
 * _sc_prefault_advance() every SLICE elements) instead of faulting the whole estimate in:
 * pages the rows never reach stay unused address space, as they would without the helper. */

#include "config.h"

#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sc-importer-private.h"
#include "sc-memory.h"

#define MAX_RANGES 8
#define SLICE      SC_PREFAULT_SLICE
#define LEAD       SC_PREFAULT_LEAD

typedef struct
{
  char  *start;
  gsize  elem_size;
  gsize  n;
} Range;

struct _ScPrefault
{
  GThread *thread;
  Range    ranges[MAX_RANGES];
  guint    n_ranges;
  gsize    n_max;     /* the longest range's elements */
  GMutex   lock;
  GCond    cond;
  gsize    allowed;   /* under lock: elements that may be faulted in */
  gboolean stop;      /* under lock */
};

#ifdef MADV_POPULATE_WRITE
/* Faults in elements [@from, @to) of @range; FALSE when the kernel does not know the advice.
 * Slices are cut at the same page boundaries from both sides, so they tile the range; the
 * pages the range shares with the allocator's header or a neighbour are left out. */
static gboolean
fault_in (const Range *range,
          gsize        from,
          gsize        to,
          guintptr     page)
{
  guintptr first = ((guintptr) range->start + page - 1) & ~(page - 1);
  guintptr last = ((guintptr) range->start + range->n * range->elem_size) & ~(page - 1);
  guintptr a, b;

  to = MIN (to, range->n);
  if (from >= to)
    return TRUE;
  a = MAX (((guintptr) range->start + from * range->elem_size) & ~(page - 1), first);
  b = to == range->n ? last : ((guintptr) range->start + to * range->elem_size) & ~(page - 1);
  b = MIN (b, last);
  return !(b > a && madvise ((void *) a, b - a, MADV_POPULATE_WRITE) != 0 && errno == EINVAL);
}

static gpointer
prefault (gpointer data)
{
  ScPrefault *pf = data;
  guintptr page = (guintptr) sysconf (_SC_PAGESIZE);

  for (gsize from = 0; from < pf->n_max; from += SLICE)
    {
      gsize to = MIN (from + SLICE, pf->n_max);
      gboolean stop;

      g_mutex_lock (&pf->lock);
      while (!pf->stop && pf->allowed < to)
        g_cond_wait (&pf->cond, &pf->lock);
      stop = pf->stop;
      g_mutex_unlock (&pf->lock);
      if (stop)
        return NULL;
      for (guint i = 0; i < pf->n_ranges; i++)
        if (!fault_in (&pf->ranges[i], from, to, page))
          return NULL;
    }
  return NULL;
}
#endif

/* Starts faulting in @n_arrays arrays (@mem[i], @n[i] elements of @elem_size[i] bytes; NULL
 * ones are skipped), the first LEAD elements at once and then as the rows are filled
 * (_sc_prefault_advance()), or returns %NULL when there is nothing to do. */
ScPrefault *
_sc_prefault_start (void * const *mem,
                    const gsize  *elem_size,
                    const gsize  *n,
                    guint         n_arrays)
{
#ifdef MADV_POPULATE_WRITE
  ScPrefault *pf = g_new0 (ScPrefault, 1);

  for (guint i = 0; i < n_arrays && pf->n_ranges < MAX_RANGES; i++)
    if (mem[i] != NULL && n[i] > 0)
      {
        pf->ranges[pf->n_ranges++] = (Range) { mem[i], elem_size[i], n[i] };
        pf->n_max = MAX (pf->n_max, n[i]);
      }
  g_mutex_init (&pf->lock);
  g_cond_init (&pf->cond);
  pf->allowed = LEAD;
  pf->thread = g_thread_try_new ("segments-fault", prefault, pf, NULL);
  if (pf->thread == NULL)
    {
      g_mutex_clear (&pf->lock);
      g_cond_clear (&pf->cond);
      g_clear_pointer (&pf, g_free);
    }
  return pf;
#else
  return NULL;
#endif
}

/* Tells the helper that @filled elements are filled, so it may go on to @filled + LEAD.
 * Returns: how many elements filled to tell it next (every SLICE). */
gsize
_sc_prefault_advance (ScPrefault *pf,
                      gsize       filled)
{
  if (pf == NULL)
    return G_MAXSIZE;
  g_mutex_lock (&pf->lock);
  pf->allowed = filled + LEAD;
  g_cond_signal (&pf->cond);
  g_mutex_unlock (&pf->lock);
  return filled + SLICE;
}

/* Stops the helper (at the end of its current slice) and waits for it. */
void
_sc_prefault_finish (ScPrefault *pf)
{
  if (pf != NULL)
    {
      g_mutex_lock (&pf->lock);
      pf->stop = TRUE;
      g_cond_signal (&pf->cond);
      g_mutex_unlock (&pf->lock);
      g_thread_join (pf->thread);
      g_mutex_clear (&pf->lock);
      g_cond_clear (&pf->cond);
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
    gsize size[] = { sizeof (guint32), sizeof (ScDay), sizeof (double), sizeof (guint32),
                     sizeof (double), sizeof (guint32), sizeof (guint64) };
    gsize n[] = { expected, expected, expected, expected, expected, imp->cap_orders,
                  imp->cap_orders };

    for (guint i = 0; i < G_N_ELEMENTS (mem); i++)
      sc_memory_advise_huge (mem[i], size[i] * n[i]);
    imp->prefault = _sc_prefault_start (mem, size, n, G_N_ELEMENTS (mem));
    imp->prefault_mark = _sc_prefault_advance (imp->prefault, 0);
  }
}
