/* test-pg-days.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A customer's purchase days as the PostgreSQL pull sends them, read by the client
 * (sc-pg-days.c): for many seeded customers (orders over several days, lines of returns,
 * orders of returns only, lines without an order, up to 60 orders), the orders, recent
 * orders and the spend of the repeat purchase days equal those counted from the rows, the
 * days coming in any order; damaged bytes are refused, not read past. */

#include <string.h>

#include "sc-pg-pull-private.h"

#define N_SEEDS 400
#define MAX_LINES 256

typedef struct
{
  ScDay   day;
  double  amount;
  gint    order;        /* -1: no order id */
} Line;

static void
put32 (GByteArray *b,
       guint32     v)
{
  guint8 p[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (b, p, 4);
}

static void
put64 (GByteArray *b,
       guint64     v)
{
  put32 (b, v >> 32);
  put32 (b, (guint32) v);
}

static void
check_seed (guint32 seed)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (seed);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GArray) scratch = _sc_pg_days_scratch_new ();
  Line lines[MAX_LINES];
  guint64 hash[64];
  ScDay last[64], days[MAX_LINES];
  gboolean counts[64] = { FALSE };
  guint n_lines = 0, n_orders = g_rand_int_range (rng, 1, g_rand_boolean (rng) ? 61 : 6);
  guint n_days = 0, first = 0, want_orders = 0, want_recent = 0;
  double recent_from = g_rand_int_range (rng, 20, 80), want_repeat = 0.0;
  ScPgDays got;

  for (guint o = 0; o < n_orders; o++)
    {
      ScDay start = g_rand_int_range (rng, 0, 100);
      gboolean only_returns = g_rand_int_range (rng, 0, 20) == 0;

      hash[o] = ((guint64) g_rand_int (rng) << 32) | g_rand_int (rng);
      for (gint k = g_rand_int_range (rng, 1, 5); k > 0 && n_lines < MAX_LINES; k--)
        {
          Line *l = &lines[n_lines++];

          l->day = start + (g_rand_boolean (rng) ? 0 : g_rand_int_range (rng, 1, 30));
          l->amount = g_rand_int_range (rng, 1, 10000) / 100.0;
          if (only_returns || g_rand_int_range (rng, 0, 10) == 0)
            l->amount = -l->amount;
          l->order = g_rand_int_range (rng, 0, 15) == 0 ? -1 : (gint) o;
        }
    }

  /* The orders from the rows: a purchase row names it, its day is the last such row's. */
  for (guint i = 0; i < n_lines; i++)
    if (lines[i].amount >= 0 && lines[i].order >= 0)
      {
        gint o = lines[i].order;
        last[o] = counts[o] ? MAX (last[o], lines[i].day) : lines[i].day;
        counts[o] = TRUE;
      }
  for (guint o = 0; o < n_orders; o++)
    if (counts[o])
      {
        want_orders++;
        want_recent += last[o] >= recent_from;
      }

  /* The purchase days, sent in a shuffled order: (day, net, hashes of its purchase rows). */
  for (guint i = 0; i < n_lines; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < n_days; j++)
        seen |= days[j] == lines[i].day;
      if (!seen)
        days[n_days++] = lines[i].day;
    }
  for (guint j = n_days; j > 1; j--)
    {
      guint k = g_rand_int_range (rng, 0, j);
      ScDay t = days[j - 1];
      days[j - 1] = days[k];
      days[k] = t;
    }
  for (guint j = 0, sent = 0; j < n_days; j++)
    {
      double net = 0.0;
      guint nh = 0, purchase = 0;
      guint64 bits;

      for (guint i = 0; i < n_lines; i++)
        if (lines[i].day == days[j])
          {
            net += lines[i].amount;
            purchase += lines[i].amount >= 0;
            nh += lines[i].amount >= 0 && lines[i].order >= 0;
          }
      if (purchase == 0)
        continue;
      put32 (bytes, (guint32) days[j]);
      memcpy (&bits, &net, sizeof bits);
      put64 (bytes, bits);
      put32 (bytes, nh);
      for (guint i = 0; i < n_lines; i++)
        if (lines[i].day == days[j] && lines[i].amount >= 0 && lines[i].order >= 0)
          put64 (bytes, hash[lines[i].order]);
      /* Every net but the first purchase day's, added in the order sent. */
      if (sent == 0 || days[j] < days[first])
        first = j;
      sent++;
    }
  for (guint j = 0; j < n_days; j++)
    {
      double net = 0.0;
      guint purchase = 0;

      for (guint i = 0; i < n_lines; i++)
        if (lines[i].day == days[j])
          {
            net += lines[i].amount;
            purchase += lines[i].amount >= 0;
          }
      if (purchase > 0 && j != first)
        want_repeat += net;
    }

  g_assert_true (_sc_pg_days_parse (bytes->data, bytes->len, recent_from, scratch, &got));
  g_assert_cmpuint (got.n_orders, ==, want_orders);
  g_assert_cmpuint (got.recent_orders, ==, want_recent);
  g_assert_true (memcmp (&got.repeat_spend, &want_repeat, sizeof want_repeat) == 0);

  /* Any shorter prefix that cuts a day is refused. */
  for (guint cut = 1; cut < MIN (bytes->len, 40u); cut++)
    {
      guint len = bytes->len - cut;
      gsize pos = 0;

      while (pos < len)
        pos += 16 + (gsize) _sc_pg_be32 (bytes->data + pos + 12) * 8;
      if (pos != len)
        g_assert_false (_sc_pg_days_parse (bytes->data, len, recent_from, scratch, &got));
    }
}

static void
test_as_rows (void)
{
  for (guint32 seed = 1; seed <= N_SEEDS; seed++)
    check_seed (seed);
}

static void
test_damaged (void)
{
  g_autoptr(GArray) scratch = _sc_pg_days_scratch_new ();
  g_autoptr(GByteArray) b = g_byte_array_new ();
  ScPgDays got;

  g_assert_true (_sc_pg_days_parse (NULL, 0, 10, scratch, &got));
  g_assert_cmpuint (got.n_orders, ==, 0);
  g_assert_cmpfloat (got.repeat_spend, ==, 0.0);

  put32 (b, 5);
  put64 (b, 0);
  put32 (b, 0x7fffffff);            /* more hashes than bytes */
  put64 (b, 1);
  g_assert_false (_sc_pg_days_parse (b->data, b->len, 10, scratch, &got));
  g_byte_array_set_size (b, 12);      /* a day without its count */
  g_assert_false (_sc_pg_days_parse (b->data, b->len, 10, scratch, &got));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/PgDays/as-rows", test_as_rows);
  g_test_add_func ("/Core/PgDays/damaged", test_damaged);
  return g_test_run ();
}
