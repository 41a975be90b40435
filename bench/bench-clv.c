/* bench-clv.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Times the CLV stage on prefixes of a transaction log from
 * shared/bench/gen_transactions.py: summary, BG/NBD fit, Gamma-Gamma fit and predictions.
 *
 *   bench-clv TRANSACTIONS.csv [--unit day|week] [--sizes 10000,100000,1000000]
 *             [--horizon MONTHS]
 *
 * The CSV reader here is deliberately minimal (the generator's four plain columns:
 * order_id,customer_id,order_date,amount with ISO dates); it is not timed. */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sc-clv.h"

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static ScDay
days_from_civil (int y,
                 int m,
                 int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

typedef struct
{
  guint32 customer;
  ScDay   day;
  double  amount;
} Row;

static int
row_compare (const void *pa,
             const void *pb)
{
  const Row *a = pa, *b = pb;

  if (a->customer != b->customer)
    return a->customer < b->customer ? -1 : 1;
  if (a->day != b->day)
    return a->day < b->day ? -1 : 1;
  return 0;
}

static gboolean
load_transactions (const char      *path,
                   ScTransactions  *tx,
                   GError         **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  gsize length;
  char *line, *next;
  guint32 n_customers = 0;
  gboolean sorted = TRUE;
  guint64 line_no = 1;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  line = strchr (contents, '\n');
  if (line == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT, "%s: no data rows", path);
      return FALSE;
    }
  line++;

  for (; *line != '\0'; line = next)
    {
      char *fields[4];
      char *end;
      guint nf = 0;
      int y, m, d;
      Row row;
      gpointer value;

      line_no++;
      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      else
        next = line + strlen (line);
      if (*line == '\0' || *line == '\r')
        continue;

      fields[nf++] = line;
      for (char *p = line; *p != '\0' && nf < 4; p++)
        if (*p == ',')
          {
            *p = '\0';
            fields[nf++] = p + 1;
          }
      if (nf != 4 || sscanf (fields[2], "%d-%d-%d", &y, &m, &d) != 3)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       "%s:%" G_GUINT64_FORMAT ": expected order_id,customer_id,YYYY-MM-DD,amount",
                       path, line_no);
          return FALSE;
        }
      errno = 0;
      row.amount = g_ascii_strtod (fields[3], &end);
      if (errno != 0 || end == fields[3])
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                       "%s:%" G_GUINT64_FORMAT ": bad amount", path, line_no);
          return FALSE;
        }
      row.day = days_from_civil (y, m, d);

      /* Keys point into contents, which outlives the table. */
      if (g_hash_table_lookup_extended (ids, fields[1], NULL, &value))
        row.customer = GPOINTER_TO_UINT (value);
      else
        {
          row.customer = n_customers++;
          g_hash_table_insert (ids, fields[1], GUINT_TO_POINTER (row.customer));
        }

      if (rows->len > 0)
        {
          const Row *prev = &g_array_index (rows, Row, rows->len - 1);

          if (row_compare (prev, &row) > 0)
            sorted = FALSE;
        }
      g_array_append_val (rows, row);
    }

  if (!sorted)
    qsort (rows->data, rows->len, sizeof (Row), row_compare);

  tx->n_customers = n_customers;
  tx->n_rows = rows->len;
  tx->offsets = g_new0 (gsize, n_customers + 1);
  tx->day = g_new (ScDay, MAX (rows->len, 1));
  tx->amount = g_new (double, MAX (rows->len, 1));
  tx->order = NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);

      tx->offsets[r->customer + 1]++;
      tx->day[i] = r->day;
      tx->amount[i] = r->amount;
    }
  for (guint32 c = 0; c < n_customers; c++)
    tx->offsets[c + 1] += tx->offsets[c];
  return TRUE;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *sizes_arg = NULL;
  g_auto(GStrv) sizes = NULL;
  int horizon = 12;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, "Time unit: day or week (week)", "UNIT" },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_arg, "Customer counts, comma-separated",
      "N,N,…" },
    { "horizon", 0, 0, G_OPTION_ARG_INT, &horizon, "CLV horizon in months (12)", "MONTHS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("TRANSACTIONS.csv");
  ScTimeUnit unit = SC_TIME_UNIT_WEEK;
  ScTransactions tx = { 0 };
  ScDay last_day = G_MININT32;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || horizon < 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: bench-clv TRANSACTIONS.csv");
      return 2;
    }
  if (unit_name != NULL && g_strcmp0 (unit_name, "day") == 0)
    unit = SC_TIME_UNIT_DAY;
  sizes = g_strsplit (sizes_arg != NULL ? sizes_arg : "10000,100000,1000000", ",", -1);

  start = g_get_monotonic_time ();
  if (!load_transactions (argv[1], &tx, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (gsize i = 0; i < tx.n_rows; i++)
    last_day = MAX (last_day, tx.day[i]);
  g_print ("loaded %" G_GSIZE_FORMAT " rows, %u customers in %.2f s (not timed below); "
           "end day = last day, unit = %s, horizon %d months, %u CPUs\n\n",
           tx.n_rows, tx.n_customers, seconds_since (start),
           unit == SC_TIME_UNIT_WEEK ? "week" : "day", horizon, g_get_num_processors ());

  g_print ("%9s %8s %8s %8s %8s %8s | %7s %7s %7s %7s %6s %4s | %6s %6s %7s %4s %6s\n",
           "customers", "summary", "bg/nbd", "gamma", "fit", "predict",
           "r", "alpha", "a", "b", "tri/1k", "conv", "p", "q", "gamma", "conv", "corr");

  for (guint k = 0; sizes[k] != NULL; k++)
    {
      guint64 n = g_ascii_strtoull (sizes[k], NULL, 10);
      ScTransactions sub = tx;
      g_autoptr(ScClvSummary) s = NULL;
      g_autofree double *alive = NULL, *purchases = NULL, *spend = NULL, *clv = NULL;
      ScBgnbdParams bg;
      ScGammaGammaParams gg;
      double t_summary, t_bg, t_gg, t_predict, total_clv = 0.0;

      if (n == 0 || n > tx.n_customers)
        n = tx.n_customers;
      sub.n_customers = (guint32) n;
      sub.n_rows = tx.offsets[n];

      start = g_get_monotonic_time ();
      s = sc_clv_summary_new (&sub, last_day, unit);
      t_summary = seconds_since (start);

      start = g_get_monotonic_time ();
      if (!sc_bgnbd_fit (s, NULL, &bg, NULL, &error))
        {
          g_printerr ("BG/NBD: %s\n", error->message);
          return 1;
        }
      t_bg = seconds_since (start);

      start = g_get_monotonic_time ();
      if (!sc_gamma_gamma_fit (s, NULL, &gg, NULL, &error))
        {
          g_printerr ("Gamma-Gamma: %s\n", error->message);
          return 1;
        }
      t_gg = seconds_since (start);

      alive = g_new (double, n);
      purchases = g_new (double, n);
      spend = g_new (double, n);
      clv = g_new (double, n);
      start = g_get_monotonic_time ();
      if (!sc_clv_predict (s, &bg, &gg, horizon, 0.1, alive, purchases, spend, clv, NULL, &error))
        {
          g_printerr ("predict: %s\n", error->message);
          return 1;
        }
      t_predict = seconds_since (start);
      for (guint64 i = 0; i < n; i++)
        if (!isnan (clv[i]))
          total_clv += clv[i];

      g_print ("%9" G_GUINT64_FORMAT " %8.3f %8.3f %8.3f %8.3f %8.3f | %7.4f %7.4f %7.4f %7.4f "
               "%6.1f %4s | %6.3f %6.3f %7.3f %4s %6.3f\n",
               n, t_summary, t_bg, t_gg, t_bg + t_gg, t_predict,
               bg.r, bg.alpha, bg.a, bg.b, bg.distinct / 1000.0, bg.converged ? "yes" : "NO",
               gg.p, gg.q, gg.gamma, gg.converged ? "yes" : "NO",
               gg.frequency_spend_correlation);
      g_print ("%9s   log-likelihood %.1f (%u iterations), spend %.1f (%u iterations), "
               "excluded from spend %" G_GSIZE_FORMAT ", mean CLV %.2f\n",
               "", bg.log_likelihood, bg.iterations, gg.log_likelihood, gg.iterations,
               gg.excluded, total_clv / (double) bg.customers);
    }

  g_free (tx.offsets);
  g_free (tx.day);
  g_free (tx.amount);
  return 0;
}
