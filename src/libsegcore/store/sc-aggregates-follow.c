/* sc-aggregates-follow.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An import's summary, computed while its rows are read.  A new project's import sums its
 * customers from its rows once the file is read (sc_aggregates_compute()); when the rows
 * come grouped by customer and by day within one (an export sorted by customer and date),
 * it lends them as they are (_sc_transactions_group_or_lend()).  Rows of such a file are
 * final customer by customer: once a row names the next customer, the customer before it
 * has all its rows.  So a thread of its own follows the rows as the importing thread hands
 * them over, checks that they still come grouped, and sums each customer whose rows are
 * complete, with the same function and in the same order as sc_aggregates_compute() —
 * on the core the readers leave idle, instead of after the read.  The last customer is
 * summed when the read is over, and customers without rows (a customer list's) are filled
 * in then.  Rows out of that order stop it: the summary is then computed after the read,
 * as without it. */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sc-aggregates-private.h"

/* Customers whose pages are mapped at once, ahead of the sums written to them: one call
 * instead of a page fault per page, which costs most on a paravirtualised machine. */
#define POPULATE_STEP 65536

struct _ScAggFollow
{
  GThread       *thread;
  GMutex         lock;
  GCond          cond;

  /* under lock */
  const guint32 *customer;
  const ScDay   *day;
  const double  *amount;
  const guint32 *order;
  gsize          published;
  gboolean       end;        /* no rows after @published */
  gboolean       stop;       /* leave at once */

  /* the thread's, then the finishing caller's */
  ScAggregates  *agg;        /* @n: customers summed or filled so far; @cap allocated */
  guint32        cap;
  guint32        populated;  /* customers whose pages are mapped (at least) */
  gboolean       populate;   /* FALSE once the kernel refuses */
  guint64       *seen;       /* a bit per order number, all zeroes between customers */
  gsize          seen_words;
  guint32        max_order;
  gsize          done;       /* rows checked */
  gsize          open_begin; /* the first row of customer @open, the one not complete yet */
  guint32        open;
  gboolean       grouped;
};

/* Maps the pages of customers up to @to at least, POPULATE_STEP of them at a time. */
static void
populate (ScAggFollow *f,
          guint32      to)
{
#ifdef MADV_POPULATE_WRITE
  ScAggregates *agg = f->agg;
  void *arrays[] = { agg->first_day, agg->last_day, agg->n_orders, agg->n_purchase_days,
                     agg->n_rows, agg->monetary, agg->returns };
  static const gsize sizes[] = { sizeof (ScDay), sizeof (ScDay), sizeof (guint32),
                                 sizeof (guint32), sizeof (guint32), sizeof (double),
                                 sizeof (double) };
  guintptr page;
  guint32 end;

  if (to <= f->populated || !f->populate)
    return;
  page = (guintptr) sysconf (_SC_PAGESIZE);
  end = MIN (f->cap, MAX (to, f->populated + POPULATE_STEP));
  /* whole pages inside the arrays: the others fault in as they are written */
  for (guint i = 0; i < G_N_ELEMENTS (arrays) && f->populate; i++)
    {
      guintptr a = ((guintptr) arrays[i] + f->populated * sizes[i] + page - 1) & ~(page - 1);
      guintptr b = ((guintptr) arrays[i] + end * sizes[i]) & ~(page - 1);

      if (b > a && madvise ((void *) a, b - a, MADV_POPULATE_WRITE) != 0 && errno == EINVAL)
        f->populate = FALSE;
    }
  f->populated = end;
#endif
}

static void
reserve (ScAggFollow *f,
         guint32      n)
{
  ScAggregates *agg = f->agg;

  if (n <= f->cap)
    {
      populate (f, n);
      return;
    }
  f->cap = MAX (n, f->cap + f->cap / 2);
  f->populated = MIN (f->populated, agg->n);
  agg->first_day = g_renew (ScDay, agg->first_day, f->cap);
  agg->last_day = g_renew (ScDay, agg->last_day, f->cap);
  agg->n_orders = g_renew (guint32, agg->n_orders, f->cap);
  agg->n_purchase_days = g_renew (guint32, agg->n_purchase_days, f->cap);
  agg->n_rows = g_renew (guint32, agg->n_rows, f->cap);
  agg->monetary = g_renew (double, agg->monetary, f->cap);
  agg->returns = g_renew (double, agg->returns, f->cap);
  populate (f, n);
}

/* Customers [agg->n, @to) have no rows: what sc_aggregates_compute() gives them. */
static void
fill_empty (ScAggFollow *f,
            guint32      to)
{
  ScAggregates *agg = f->agg;

  reserve (f, to);
  for (guint32 c = agg->n; c < to; c++)
    {
      agg->first_day[c] = SC_DAY_NONE;
      agg->last_day[c] = SC_DAY_NONE;
      agg->n_orders[c] = 0;
      agg->n_purchase_days[c] = 0;
      agg->n_rows[c] = 0;
      agg->monetary[c] = 0;
      agg->returns[c] = 0;
    }
  agg->n = MAX (agg->n, to);
}

/* Sums customer @open from its rows [@open_begin, @end). */
static void
close_open (ScAggFollow   *f,
            const ScDay   *day,
            const double  *amount,
            const guint32 *order,
            gsize          end)
{
  gsize words = (gsize) f->max_order / 64 + 1;

  if (order != NULL && words > f->seen_words)
    {
      gsize grown = MAX (words, f->seen_words * 2);

      f->seen = g_renew (guint64, f->seen, grown);
      memset (f->seen + f->seen_words, 0, (grown - f->seen_words) * sizeof (guint64));
      f->seen_words = grown;
    }
  fill_empty (f, f->open);
  reserve (f, f->open + 1);
  _sc_aggregates_customer (f->agg, f->open, day, amount, order, f->open_begin, end,
                           order != NULL ? f->seen : NULL);
  f->agg->n = f->open + 1;
}

/* Checks rows [f->done, @n) and sums the customers they complete; FALSE when they are out
 * of order. */
static gboolean
follow (ScAggFollow   *f,
        const guint32 *customer,
        const ScDay   *day,
        const double  *amount,
        const guint32 *order,
        gsize          n)
{
  for (gsize i = f->done; i < n; i++)
    {
      guint32 c = customer[i];

      if (i > 0 && (c < customer[i - 1] || (c == customer[i - 1] && day[i] < day[i - 1])))
        return FALSE;
      if (i > 0 && c != f->open)
        close_open (f, day, amount, order, i);
      if (i == 0 || c != f->open)
        {
          f->open = c;
          f->open_begin = i;
        }
      if (order != NULL)
        f->max_order = MAX (f->max_order, order[i]);
    }
  f->done = n;
  return TRUE;
}

static gpointer
follow_thread (gpointer data)
{
  ScAggFollow *f = data;

  for (;;)
    {
      const guint32 *customer, *order;
      const ScDay *day;
      const double *amount;
      gsize n;

      g_mutex_lock (&f->lock);
      while (!f->stop && !f->end && f->published == f->done)
        g_cond_wait (&f->cond, &f->lock);
      if (f->stop || f->published == f->done)
        {
          g_mutex_unlock (&f->lock);
          return NULL;
        }
      customer = f->customer;
      day = f->day;
      amount = f->amount;
      order = f->order;
      n = f->published;
      g_mutex_unlock (&f->lock);

      if (!follow (f, customer, day, amount, order, n))
        {
          f->grouped = FALSE;
          return NULL;
        }
    }
}

ScAggFollow *
_sc_agg_follow_new (gsize expected_customers)
{
  ScAggFollow *f = g_new0 (ScAggFollow, 1);

  g_mutex_init (&f->lock);
  g_cond_init (&f->cond);
  f->agg = g_new0 (ScAggregates, 1);
  f->grouped = TRUE;
  /* allocated, not touched: the pages the customers fill are mapped as they come */
  reserve (f, (guint32) MIN (MAX (expected_customers, 1024), G_MAXUINT32 / 2));
  f->populate = TRUE;
  f->thread = g_thread_new ("segments-follow", follow_thread, f);
  return f;
}

void
_sc_agg_follow_rows (ScAggFollow   *f,
                     const guint32 *customer,
                     const ScDay   *day,
                     const double  *amount,
                     const guint32 *order,
                     gsize          n_rows)
{
  g_mutex_lock (&f->lock);
  f->customer = customer;
  f->day = day;
  f->amount = amount;
  f->order = order;
  f->published = n_rows;
  g_cond_signal (&f->cond);
  g_mutex_unlock (&f->lock);
}

static void
join (ScAggFollow *f,
      gboolean     stop)
{
  if (f->thread == NULL)
    return;
  g_mutex_lock (&f->lock);
  f->end = TRUE;
  f->stop = stop;
  g_cond_signal (&f->cond);
  g_mutex_unlock (&f->lock);
  g_thread_join (f->thread);
  f->thread = NULL;
}

ScAggregates *
_sc_agg_follow_finish (ScAggFollow   *f,
                       const guint32 *customer,
                       const ScDay   *day,
                       const double  *amount,
                       const guint32 *order,
                       gsize          n_rows,
                       guint32        n_customers)
{
  g_return_val_if_fail (f != NULL, NULL);

  _sc_agg_follow_rows (f, customer, day, amount, order, n_rows);
  join (f, FALSE);
  if (!f->grouped || f->done != n_rows)
    return NULL;
  if (n_rows > 0)
    close_open (f, day, amount, order, n_rows);
  if (f->agg->n > n_customers)
    return NULL;
  fill_empty (f, n_customers);
  return g_steal_pointer (&f->agg);
}

void
_sc_agg_follow_free (ScAggFollow *f)
{
  if (f == NULL)
    return;
  join (f, TRUE);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->cond);
  g_clear_pointer (&f->agg, sc_aggregates_free);
  g_free (f->seen);
  g_free (f);
}
