/* sc-pg-days.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A customer's purchase days as the server sends them (append_pull_query in
 * sc-pg-source.c), turned into the figures that would need a second pass over the rows on
 * the server.
 *
 * Per purchase day (a day with a row of an amount >= 0) the server concatenates, in network
 * order: the day (int4), the day's net (float8), how many order hashes follow (int4), and
 * the 64-bit hashes of the order ids of the day's purchase rows (int8 each).
 *
 * - The spend of the repeat purchase days is every day's net but the first day's, added in
 *   the order the days came (as the float8[][2] array of before did, so the same bits).
 * - Orders: an order counts when it has a purchase row, its day is its last purchase day,
 *   and it is recent when that day is on or after the recent window's first day.  Counting
 *   them on the server took a second scan and a second sort of every row on (customer,
 *   order), about 40 % of the pull's time at 10M customers; here they are the customer's
 *   few hashes sorted.  Two different orders of one customer with the same 64-bit hash would
 *   count once: about k²/2^65 for a customer of k orders, the same class of risk the
 *   refresh's print of the keys accepts (sc-pg-import.c). */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sc-pg-pull-private.h"

typedef struct
{
  guint64 hash;
  ScDay   day;
} Seen;

static int
seen_cmp (const void *a,
          const void *b)
{
  const Seen *x = a, *y = b;

  return x->hash != y->hash ? (x->hash > y->hash) - (x->hash < y->hash)
                            : (x->day > y->day) - (x->day < y->day);
}

/* By hash, then day: a customer has a few orders, so mostly an insertion sort. */
static void
seen_sort (Seen  *s,
           guint  n)
{
  if (n > 24)
    {
      qsort (s, n, sizeof *s, seen_cmp);
      return;
    }
  for (guint i = 1; i < n; i++)
    {
      Seen v = s[i];
      guint j = i;

      for (; j > 0 && seen_cmp (&s[j - 1], &v) > 0; j--)
        s[j] = s[j - 1];
      s[j] = v;
    }
}

/**
 * _sc_pg_days_parse:
 * @data: (nullable): the purchase days, %NULL when there are none
 * @len: their length in bytes
 * @recent_from: the recent window's first day
 * @scratch: an array of _sc_pg_days_scratch_new() kept between customers
 * @days: (out): the decoded figures
 *
 * Returns: FALSE when @data has another shape
 */
gboolean
_sc_pg_days_parse (const guint8 *data,
                   gsize         len,
                   double        recent_from,
                   GArray       *scratch,
                   ScPgDays     *days)
{
  gsize pos = 0;
  guint32 n_days = 0, first = 0;
  ScDay first_day = 0;
  Seen *seen;

  memset (days, 0, sizeof *days);
  g_array_set_size (scratch, 0);
  if (data == NULL)
    return TRUE;
  while (pos < len)
    {
      ScDay day;
      guint32 nh;

      if (len - pos < 16)
        return FALSE;
      day = (ScDay) (gint32) _sc_pg_be32 (data + pos);
      nh = _sc_pg_be32 (data + pos + 12);
      if (nh > (len - pos - 16) / 8)
        return FALSE;
      if (n_days == 0 || day < first_day)
        {
          first = n_days;
          first_day = day;
        }
      for (guint32 j = 0; j < nh; j++)
        {
          Seen s = { _sc_pg_be64 (data + pos + 16 + (gsize) j * 8), day };
          g_array_append_vals (scratch, &s, 1);
        }
      pos += 16 + (gsize) nh * 8;
      n_days++;
    }

  pos = 0;
  for (guint32 i = 0; i < n_days; i++)
    {
      if (i != first)
        days->repeat_spend += _sc_pg_be_double (data + pos + 4);
      pos += 16 + (gsize) _sc_pg_be32 (data + pos + 12) * 8;
    }

  seen = (Seen *) (gpointer) scratch->data;
  seen_sort (seen, scratch->len);
  for (guint i = 0; i < scratch->len; i++)
    if (i + 1 == scratch->len || seen[i + 1].hash != seen[i].hash)
      {
        /* The last of a hash's run is the order's last purchase day. */
        days->n_orders++;
        if ((double) seen[i].day >= recent_from)
          days->recent_orders++;
      }
  return TRUE;
}

/* Room for a customer's orders, kept between customers by the caller. */
GArray *
_sc_pg_days_scratch_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (Seen));
}
