/* test-import-parallel.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The orders file read in parallel chunks (import/sc-row-chunks.c) imports exactly as read
 * in one piece: over many seeded generated files (quoted fields with line ends and
 * delimiters, CRLF, tabs, a BOM, a "sep=" line, Windows-1252, rejected rows everywhere, ids
 * repeated across chunks, currency markers, tiny files, an unterminated quote) the report,
 * every problem with its line and raw text, the customers in their order, every stored row
 * and the currency are the same, or the error is. */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-currency.h"
#include "sc-importer.h"
#include "sc-row-reader-private.h"
#include "sc-store-private.h"
#include "test-utils.h"

#define N_FILES 120

static void
add_problem (const char            *path,
             const ScImportProblem *p,
             gpointer               user_data)
{
  g_string_append_printf (user_data, "%s|%" G_GUINT64_FORMAT "|%s|%s|%s\n", p->kind, p->line,
                          p->column != NULL ? p->column : "-", p->reason, p->raw);
}

static void
add_transaction (const char *order_key,
                 guint32     customer,
                 ScDay       day,
                 double      amount,
                 gpointer    user_data)
{
  g_string_append_printf (user_data, "%s|%u|%d|%.17g\n", order_key != NULL ? order_key : "-",
                          customer, day, amount);
}

/* Everything an import leaves, as text: its report, problems, customers in order, rows and
 * currency, or its error. */
static char *
import_all (const char *dir,
            const char *csv,
            guint       threads,
            guint       chunk_size)
{
  g_autofree char *path = g_build_filename (dir, threads == 1 ? "one.segments" : "par.segments",
                                            NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *text = NULL;
  ScImportOptions options;
  ScStore *store;

  g_unlink (path);
  store = sc_store_open (path, TRUE, &error);
  g_assert_no_error (error);
  _sc_row_chunks_override (threads, chunk_size);

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (csv);
  options.problem_func = add_problem;
  options.problem_data = out;
  report = sc_import (store, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  _sc_row_chunks_override (0, 0);

  if (report == NULL)
    {
      g_string_append_printf (out, "error %s: %s\n", g_quark_to_string (error->domain),
                              error->message);
      sc_store_close (store);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  text = sc_import_report_format (report);
  g_string_append_printf (out, "%s\norders %" G_GUINT64_FORMAT " read %" G_GUINT64_FORMAT
                          " accepted %" G_GUINT64_FORMAT " dup %" G_GUINT64_FORMAT
                          " dupids %" G_GUINT64_FORMAT " new %" G_GUINT64_FORMAT "\n%s\n",
                          text, report->orders, report->transactions.rows_read,
                          report->transactions.rows_accepted,
                          report->transactions.duplicate_rows,
                          report->transactions.duplicate_order_ids,
                          report->transactions.new_customers,
                          report->transactions.notes != NULL ? report->transactions.notes : "");
  for (guint i = 0; i < SC_N_REJECT_REASONS; i++)
    g_string_append_printf (out, "rejected[%u] %" G_GUINT64_FORMAT "\n", i, report->rejected[i]);
  g_assert_true (sc_store_load_customer_keys (store, &keys, NULL));
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (out, "customer %u %s\n", i, (char *) g_ptr_array_index (keys, i));
  g_assert_true (sc_store_foreach_transaction (store, add_transaction, out, &error));
  g_assert_no_error (error);
  g_assert_true (sc_store_get_meta (store, SC_CURRENCY_META_KEY, &currency, NULL));
  g_string_append_printf (out, "currency %s\n", currency != NULL ? currency : "-");
  sc_store_close (store);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A free-text field that is hard to cut at: quotes, delimiters and line ends inside. */
static void
append_note (GString    *s,
             GRand      *rand,
             char        delim,
             const char *eol)
{
  switch (g_rand_int_range (rand, 0, 6))
    {
    case 0:
      g_string_append_printf (s, "\"line one%sline two%s%cstill \"\"quoted\"\"\"", eol, eol,
                              delim);
      break;
    case 1:
      g_string_append_printf (s, "\"%s%s%s\"", eol, eol, eol);
      break;
    case 2:
      g_string_append_printf (s, "\"a%cb\"", delim);
      break;
    case 3:
      {
        g_string_append_c (s, '"');
        for (int i = g_rand_int_range (rand, 0, 40); i > 0; i--)
          g_string_append (s, g_rand_boolean (rand) ? eol : "x,;\"\"");
        g_string_append_c (s, '"');
      }
      break;
    default:
      g_string_append (s, "plain");
      break;
    }
}

static char *
generate (const char *dir,
          guint       seed,
          gboolean   *expect_chunks)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) s = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "orders.csv", NULL);
  const char *eol = g_rand_boolean (rand) ? "\r\n" : "\n";
  char delim = "\t,,;"[g_rand_int_range (rand, 0, 4)];
  /* a Windows-1252 file: customer ids with é throughout */
  const char *prefix = g_rand_int_range (rand, 0, 5) == 0 ? "C\xE9" : "C";
  gboolean orders = g_rand_int_range (rand, 0, 4) != 0;
  guint n_rows = g_rand_int_range (rand, 0, 6) == 0 ? g_rand_int_range (rand, 1, 8)
                                                    : g_rand_int_range (rand, 20, 1500);
  guint n_customers = g_rand_int_range (rand, 1, MAX (n_rows / 3, 2));
  gboolean unterminated = g_rand_int_range (rand, 0, 15) == 0;
  char delim_text[2] = { delim, 0 };

  if (g_rand_int_range (rand, 0, 4) == 0)
    g_string_append (s, "\xEF\xBB\xBF");
  if (g_rand_int_range (rand, 0, 6) == 0)
    g_string_append_printf (s, "sep=%c%s", delim, eol);
  g_string_append_printf (s, "customer_id%c%s%sorder_date%camount%cnote%s", delim,
                          orders ? "order_id" : "", orders ? delim_text : "", delim, delim, eol);
  for (guint i = 0; i < n_rows; i++)
    {
      guint kind = g_rand_int_range (rand, 0, 40);
      guint cust = g_rand_int_range (rand, 0, n_customers);
      guint order = g_rand_int_range (rand, 0, MAX (n_rows * 4 / 5, 1));
      int day = g_rand_int_range (rand, 1, 28);
      int month = g_rand_int_range (rand, 1, 13);
      int cents = g_rand_int_range (rand, -500, 50000);
      gsize row_start = s->len;

      if (kind == 1)
        g_string_append (s, eol);                          /* a blank line */
      if (kind == 2)
        g_string_append_printf (s, " %s%04u %c", prefix, cust, delim);   /* blanks around */
      else if (kind == 3)
        g_string_append_printf (s, "%c", delim);            /* no customer */
      else if (kind == 4)
        g_string_append_printf (s, "C\xE9%u%c", cust, delim);   /* not UTF-8 */
      else
        g_string_append_printf (s, "%s%04u%c", prefix, cust, delim);
      if (orders)
        {
          if (kind == 5)
            g_string_append_c (s, delim);                   /* no order id */
          else
            g_string_append_printf (s, "O%u%c", order, delim);
        }
      if (kind == 6)
        g_string_append_printf (s, "2023-13-45%c", delim);
      else
        g_string_append_printf (s, "2023-%02d-%02d%c", month, day, delim);
      if (kind == 7)
        g_string_append_printf (s, "%c", delim);            /* no amount */
      else if (kind == 8)
        g_string_append_printf (s, "\"€ %d.%02d\"%c", cents / 100, abs (cents % 100), delim);
      else if (kind == 9)
        g_string_append_printf (s, "%d.%02d EUR%c", cents / 100, abs (cents % 100), delim);
      else
        g_string_append_printf (s, "%d.%02d%c", cents / 100, abs (cents % 100), delim);
      append_note (s, rand, delim, eol);
      if (kind == 10)
        g_string_append_printf (s, "%cextra", delim);       /* a field too many */
      g_string_append (s, eol);
      if (kind == 11 || kind == 12)
        {
          /* the same row again, exactly */
          g_autofree char *copy = g_strndup (s->str + row_start, s->len - row_start);
          g_string_append (s, copy);
        }
    }
  if (unterminated)
    g_string_append_printf (s, "C1%c%s%s2023-01-01%c1%c\"never closed%s", delim,
                            orders ? "O1" : "", orders ? delim_text : "", delim, delim, eol);

  g_file_set_contents (path, s->str, s->len, &error);
  g_assert_no_error (error);
  *expect_chunks = s->len > 4096;
  return g_steal_pointer (&path);
}

/* The first line that differs, rather than two long texts. */
static void
assert_same (guint       seed,
             const char *one,
             const char *par)
{
  g_auto(GStrv) a = g_strsplit (one, "\n", -1);
  g_auto(GStrv) b = g_strsplit (par, "\n", -1);

  for (guint i = 0; a[i] != NULL || b[i] != NULL; i++)
    {
      if (g_strcmp0 (a[i], b[i]) != 0)
        g_test_message ("seed %u, line %u of the outcome differs", seed, i + 1);
      g_assert_cmpstr (a[i], ==, b[i]);
      if (a[i] == NULL || b[i] == NULL)
        break;
    }
}

static void
test_same_as_one_piece (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-parallel-XXXXXX", &error);
  guint64 used0, reread0, used1, reread1;
  guint compared = 0, windows = 0;

  g_assert_no_error (error);
  _sc_row_chunks_get_counts (&used0, &reread0);
  for (guint seed = 1; seed <= N_FILES; seed++)
    {
      gboolean chunked;
      g_autofree char *csv = generate (dir, seed, &chunked);
      guint chunk_size = 64 << (seed % 7);
      g_autofree char *one = import_all (dir, csv, 1, chunk_size);
      g_autofree char *par = import_all (dir, csv, seed % 3 == 0 ? 3 : 2, chunk_size);

      assert_same (seed, one, par);
      compared += chunked;
      windows += strstr (one, "Windows-1252") != NULL;
    }
  _sc_row_chunks_get_counts (&used1, &reread1);
  /* both paths were taken: chunks read ahead and used, and cuts refuted and read again */
  g_assert_cmpuint (compared, >, N_FILES / 2);
  g_assert_cmpuint (windows, >, 0);
  g_assert_cmpuint (used1 - used0, >, 100);
  g_assert_cmpuint (reread1 - reread0, >, 10);
  test_remove_tree (dir);
}

static void
cancel_soon (double      fraction,
             const char *message,
             gpointer    user_data)
{
  if (fraction > 0.05)
    g_cancellable_cancel (user_data);
}

/* Cancelled while chunks are read ahead: the workers stop, nothing is written. */
static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-parallel-XXXXXX", &error);
  g_autofree char *csv = g_build_filename (dir, "orders.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "cancel.segments", NULL);
  g_autoptr(GString) s = g_string_new ("customer_id,order_id,order_date,amount\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ScImportReport) report = NULL;
  guint64 used0, reread0, used1, reread1;
  ScImportOptions options;
  ScStore *store;

  g_assert_no_error (error);
  for (guint i = 0; i < 60000; i++)
    g_string_append_printf (s, "C%u,O%u,2023-%02u-%02u,%u.50\n", i % 7001, i, 1 + i % 12,
                            1 + i % 28, i % 300);
  g_file_set_contents (csv, s->str, s->len, &error);
  g_assert_no_error (error);
  store = sc_store_open (path, TRUE, &error);
  g_assert_no_error (error);

  _sc_row_chunks_get_counts (&used0, &reread0);
  _sc_row_chunks_override (2, 16384);
  sc_import_options_init (&options);
  options.transactions_path = g_strdup (csv);
  report = sc_import (store, &options, cancel_soon, cancellable, cancellable, &error);
  sc_import_options_clear (&options);
  _sc_row_chunks_override (0, 0);
  _sc_row_chunks_get_counts (&used1, &reread1);

  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (used1 - used0, >, 0);
  g_assert_cmpuint (sc_store_get_n_transactions (store), ==, 0);
  g_assert_cmpuint (sc_store_get_n_customers (store), ==, 0);
  sc_store_close (store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/ImportParallel/same-as-one-piece", test_same_as_one_piece);
  g_test_add_func ("/Core/ImportParallel/cancel", test_cancel);
  return g_test_run ();
}
