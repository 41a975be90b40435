/* test-snapshot-delta.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Snapshots stored as deltas of an earlier snapshot read back exactly what was frozen.
 *
 * The codec first: random arrays and bases (added customers, NaN, −0, a few or most values
 * changed) round-trip bit for bit, and cut or garbled blobs are refused. Then projects: for
 * many seeds a random sequence of imports (later orders, new customers), re-runs, edits and
 * snapshots, each snapshot kept in memory as captured; every stored snapshot must load as
 * that copy, bit for bit, after each step and after deleting snapshots in the middle of the
 * chain in random order (bases included), and no stored snapshot is a delta of a delta. */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-edit.h"
#include "sc-rerun.h"
#include "sc-snapshot.h"
#include "sc-store-codec-private.h"
#include "test-utils.h"

#define N_SEEDS 8

/* ------------------------------------------------------------------------------------------ */
/* The codec                                                                                   */

static void
fill_value (GRand  *rand,
            gsize   elem_size,
            guint8 *out)
{
  if (elem_size == 8)
    {
      double v;

      switch (g_rand_int_range (rand, 0, 10))
        {
        case 0: v = NAN; break;
        case 1: v = -0.0; break;
        case 2: v = g_rand_double_range (rand, -1e6, 1e6); break;
        default: v = g_rand_int_range (rand, 0, 5000) / 100.0; break;
        }
      memcpy (out, &v, 8);
    }
  else
    {
      guint16 v = g_rand_int_range (rand, 0, 10) == 0 ? G_MAXUINT16
                  : (guint16) g_rand_int_range (rand, 0, 8);
      memcpy (out, &v, 2);
    }
}

static void
test_codec_round_trip (void)
{
  for (guint seed = 0; seed < 400; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      gsize elem_size = g_rand_boolean (rand) ? 8 : 2;
      guint n_arrays = g_rand_boolean (rand) ? 1 : 3;
      gsize base_n = (gsize) g_rand_int_range (rand, 0, 600);
      gint grow = g_rand_int_range (rand, -20, 200);
      gsize n = (gsize) MAX ((gint) base_n + grow, 0);
      double changed = g_rand_double (rand) * (seed % 4 == 0 ? 1.0 : 0.1);
      g_autofree guint8 *base = g_malloc (elem_size * n_arrays * MAX (base_n, 1));
      g_autofree guint8 *data = NULL;
      g_autofree guint8 *back = NULL;
      g_autoptr(GByteArray) blob = NULL;

      data = g_malloc (elem_size * n_arrays * MAX (n, 1));
      back = g_malloc (elem_size * n_arrays * MAX (n, 1));
      for (gsize i = 0; i < n_arrays * base_n; i++)
        fill_value (rand, elem_size, base + elem_size * i);
      for (guint a = 0; a < n_arrays; a++)
        for (gsize i = 0; i < n; i++)
          {
            guint8 *v = data + elem_size * (a * n + i);

            if (i < base_n && g_rand_double (rand) >= changed)
              memcpy (v, base + elem_size * (a * base_n + i), elem_size);
            else
              fill_value (rand, elem_size, v);
          }

      blob = _sc_blob_pack_delta (data, n, base, base_n, elem_size, n_arrays);
      g_assert_nonnull (blob);
      memset (back, 0xAA, elem_size * n_arrays * MAX (n, 1));
      g_assert_true (_sc_blob_unpack_delta (blob->data, blob->len, base, base_n, elem_size,
                                            n_arrays, n, back));
      g_assert_cmpmem (back, elem_size * n_arrays * n, data, elem_size * n_arrays * n);

      /* Cut short or garbled: refused or read, never a crash or a read past the end. */
      for (guint cut = 1; cut < MIN (blob->len, 12); cut++)
        {
          g_autofree guint8 *part = g_memdup2 (blob->data, blob->len - cut);

          (void) _sc_blob_unpack_delta (part, blob->len - cut, base, base_n, elem_size,
                                        n_arrays, n, back);
        }
      {
        g_autofree guint8 *bad = g_memdup2 (blob->data, blob->len);

        bad[0] = 'X';
        g_assert_false (_sc_blob_unpack_delta (bad, blob->len, base, base_n, elem_size,
                                               n_arrays, n, back));
      }
    }
}

/* Few changes make a small delta; the customers past the base's end must be in it. */
static void
test_codec_small (void)
{
  gsize n = 10000;
  g_autofree double *base = g_new (double, n);
  g_autofree double *data = g_new (double, n + 5);
  g_autofree double *back = g_new (double, n + 5);
  g_autoptr(GByteArray) blob = NULL;
  g_autoptr(GByteArray) whole = NULL;

  for (gsize i = 0; i < n; i++)
    base[i] = data[i] = (double) ((i * 7919) % 100003) / 100.0;
  data[17] = 3.25;
  data[9000] = NAN;
  for (gsize i = n; i < n + 5; i++)
    data[i] = (double) i;
  blob = _sc_blob_pack_delta (data, n + 5, base, n, sizeof (double), 1);
  whole = _sc_blob_pack_or_copy (data, sizeof (double), n + 5);
  g_assert_cmpuint (blob->len, <, whole->len / 20);
  g_assert_cmpint (blob->data[0], ==, 'D');
  g_assert_true (_sc_blob_unpack_delta (blob->data, blob->len, base, n, sizeof (double), 1,
                                        n + 5, back));
  g_assert_cmpmem (back, sizeof (double) * (n + 5), data, sizeof (double) * (n + 5));
  /* Read against a base of fewer customers, the delta lacks some: refused. */
  g_assert_false (_sc_blob_unpack_delta (blob->data, blob->len, base, n - 3, sizeof (double),
                                         1, n + 5, back));
}

/* ------------------------------------------------------------------------------------------ */
/* Projects                                                                                    */

typedef struct
{
  char       *dir;
  char       *path;
  GRand      *rand;
  guint       n_customers;
  guint       next_order;
  int         day;        /* days after 2023-01-01 covered so far */
  guint       n_files;
} World;

/* Orders of the next @days days for the first @n_customers customers, imported. */
static void
import_period (World   *w,
               ScStore *store,
               guint    n_new,
               int      days)
{
  g_autoptr(GString) out = g_string_new ("order_id,customer_id,order_date,amount\n");
  g_autofree char *name = g_strdup_printf ("p%u.csv", w->n_files++);
  g_autofree char *csv = g_build_filename (w->dir, name, NULL);

  w->n_customers += n_new;
  for (guint c = 0; c < w->n_customers; c++)
    {
      /* Some customers buy often, most rarely: many are unchanged from one period to the
       * next, as in real data. */
      double rate = c % 5 == 0 ? 0.05 : 0.004;
      gboolean is_new = c >= w->n_customers - n_new;

      for (int d = 0; d < days; d++)
        if (g_rand_double (w->rand) < rate || (is_new && d == days - 1))
          {
            GDate date;

            g_date_clear (&date, 1);
            g_date_set_dmy (&date, 1, 1, 2023);
            g_date_add_days (&date, (guint) (w->day + d));
            g_string_append_printf (out, "O%u,C%05u,%04u-%02u-%02u,%.2f\n", w->next_order++,
                                    c, g_date_get_year (&date), g_date_get_month (&date),
                                    g_date_get_day (&date),
                                    g_rand_int_range (w->rand, 500, 40000) / 100.0);
          }
    }
  w->day += days;
  g_assert_true (g_file_set_contents (csv, out->str, -1, NULL));
  test_import_orders (store, csv);
}

static void
segment (World   *w,
         ScStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = NULL;
  ScRunParams params;

  sc_run_params_init (&params);
  params.k = (guint) g_rand_int_range (w->rand, 2, 6);
  params.n_resamples = 0;
  params.seed = g_rand_int (w->rand);
  run = sc_run_segment (store, &params, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
}

/* Merges the first two segments of the current run: a new run, other labels. */
static void
edit (ScStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = sc_run_load_current (store, &error);
  guint positions[2] = { 0, 1 };

  g_assert_no_error (error);
  g_assert_nonnull (run);
  /* Runs older than the last new customers too: the merge describes the run's members. */
  if (run->n_segments < 3)
    return;
  g_assert_cmpint (sc_edit_merge (store, run, positions, 2, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
assert_same_snapshot (const ScSnapshot *a,
                      const ScSnapshot *b)
{
  gsize n = a->n_customers;

  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpint (a->run, ==, b->run);
  g_assert_cmpint (a->as_of, ==, b->as_of);
  g_assert_cmpuint (a->n_customers, ==, b->n_customers);
  g_assert_cmpmem (a->labels, sizeof (guint16) * n, b->labels, sizeof (guint16) * n);
  g_assert_cmpmem (a->features[0], sizeof (double) * SC_SNAPSHOT_N_FEATURES * n,
                   b->features[0], sizeof (double) * SC_SNAPSHOT_N_FEATURES * n);
  g_assert_cmpmem (a->revenue, sizeof (double) * n, b->revenue, sizeof (double) * n);
  g_assert_nonnull (a->orders);
  g_assert_nonnull (b->orders);
  g_assert_cmpmem (a->orders, sizeof (double) * n, b->orders, sizeof (double) * n);
  g_assert_cmpuint (a->n_segments, ==, b->n_segments);
  for (guint s = 0; s < a->n_segments; s++)
    {
      g_assert_cmpuint (a->segments[s].size, ==, b->segments[s].size);
      g_assert_cmpstr (a->segments[s].name, ==, b->segments[s].name);
    }
}

/* Every stored snapshot reads as its kept copy; none is a delta of a delta or of nothing. */
static void
check_all (ScStore   *store,
           GPtrArray *kept)
{
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM snapshots"), ==, kept->len);
  g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM snapshots s LEFT JOIN "
                                   "snapshots b ON b.id = s.base WHERE s.base IS NOT NULL "
                                   "AND (b.id IS NULL OR b.base IS NOT NULL)"), ==, 0);
  for (guint i = 0; i < kept->len; i++)
    {
      const ScSnapshot *copy = g_ptr_array_index (kept, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(ScSnapshot) loaded = sc_snapshot_load (store, copy->id, &error);

      g_assert_no_error (error);
      assert_same_snapshot (copy, loaded);
    }
}

static void
take (ScStore   *store,
      GPtrArray *kept)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = sc_run_load_current (store, &error);
  ScSnapshot *snap;

  g_assert_no_error (error);
  g_assert_nonnull (run);
  snap = sc_snapshot_capture (store, run, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sc_snapshot_save (store, snap, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_ptr_array_add (kept, snap);
}

/* Snapshots the app took on its own (before scoring new customers), newer than every kept
 * one, are kept as first read: later reads, after other snapshots and deletions, must give
 * the same. */
static void
keep_auto_taken (ScStore   *store,
                 GPtrArray *kept)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = NULL;
      gint64 newest = 0, id;

      for (guint i = 0; i < kept->len; i++)
        newest = MAX (newest, ((ScSnapshot *) g_ptr_array_index (kept, i))->id);
      sql = g_strdup_printf ("SELECT coalesce (min (id), 0) FROM snapshots WHERE id > %"
                             G_GINT64_FORMAT, newest);
      id = test_query_int (store, sql);
      if (id == 0)
        return;
      g_ptr_array_add (kept, sc_snapshot_load (store, id, &error));
      g_assert_no_error (error);
    }
}

static gint64 n_deltas_seen;

static void
run_sequence (guint seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_snapshot_free);
  World w = { 0 };

  w.dir = g_dir_make_tmp ("segments-snapshot-delta-XXXXXX", &error);
  g_assert_no_error (error);
  w.path = g_build_filename (w.dir, "delta.segments", NULL);
  w.rand = g_rand_new_with_seed (seed);

  store = sc_store_open (w.path, TRUE, &error);
  g_assert_no_error (error);
  import_period (&w, store, 300 + (guint) g_rand_int_range (w.rand, 0, 200), 700);
  segment (&w, store);
  take (store, kept);

  for (guint step = 0; step < 14; step++)
    {
      switch (g_rand_int_range (w.rand, 0, 6))
        {
        case 0:
          import_period (&w, store, (guint) g_rand_int_range (w.rand, 0, 30),
                         g_rand_int_range (w.rand, 10, 60));
          break;
        case 1:
          segment (&w, store);
          break;
        case 2:
          edit (store);
          break;
        default:
          take (store, kept);
          break;
        }
      keep_auto_taken (store, kept);
      check_all (store, kept);
    }
  n_deltas_seen += test_query_int (store, "SELECT count(*) FROM snapshots "
                                   "WHERE base IS NOT NULL");

  /* A deletion rolled back leaves every snapshot as it was, its dependants too. */
  {
    gint64 base = test_query_int (store, "SELECT coalesce (max (base), 0) FROM snapshots");

    if (base > 0)
      {
        g_assert_true (sc_store_begin (store, &error));
        g_assert_true (sc_snapshot_delete (store, base, &error));
        g_assert_no_error (error);
        sc_store_rollback (store);
        check_all (store, kept);
      }
  }

  /* Deleting in random order, bases in the middle of the chain included. */
  while (kept->len > 0)
    {
      guint i = (guint) g_rand_int_range (w.rand, 0, (gint32) kept->len);
      const ScSnapshot *victim = g_ptr_array_index (kept, i);

      g_assert_true (sc_snapshot_delete (store, victim->id, &error));
      g_assert_no_error (error);
      g_ptr_array_remove_index (kept, i);
      check_all (store, kept);
    }

  g_clear_pointer (&store, sc_store_close);
  test_remove_tree (w.dir);
  g_free (w.dir);
  g_free (w.path);
  g_rand_free (w.rand);
}

static void
test_sequences (void)
{
  n_deltas_seen = 0;
  for (guint seed = 1; seed <= N_SEEDS; seed++)
    run_sequence (seed);
  g_test_message ("%" G_GINT64_FORMAT " snapshots stored as deltas", n_deltas_seen);
  /* Not every snapshot may be stored whole, or the test proves nothing about deltas. */
  g_assert_cmpint (n_deltas_seen, >, N_SEEDS);
}

/* A second snapshot of the same data is a small delta of the first. */
static void
test_small_delta (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_snapshot_free);
  World w = { 0 };
  gint64 whole, delta;

  w.dir = g_dir_make_tmp ("segments-snapshot-delta-XXXXXX", &error);
  g_assert_no_error (error);
  w.path = g_build_filename (w.dir, "small.segments", NULL);
  w.rand = g_rand_new_with_seed (99);
  store = sc_store_open (w.path, TRUE, &error);
  g_assert_no_error (error);
  import_period (&w, store, 2000, 700);
  segment (&w, store);
  take (store, kept);
  take (store, kept);
  check_all (store, kept);

  whole = test_query_int (store, "SELECT length (labels) + length (customer_features) + "
                          "length (revenue) + length (orders) FROM snapshots WHERE base IS NULL");
  delta = test_query_int (store, "SELECT length (labels) + length (customer_features) + "
                          "length (revenue) + length (orders) FROM snapshots "
                          "WHERE base IS NOT NULL");
  g_assert_cmpint (delta, <, whole / 50);

  g_clear_pointer (&store, sc_store_close);
  test_remove_tree (w.dir);
  g_free (w.dir);
  g_free (w.path);
  g_rand_free (w.rand);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/SnapshotDelta/codec-round-trip", test_codec_round_trip);
  g_test_add_func ("/Core/SnapshotDelta/codec-small", test_codec_small);
  g_test_add_func ("/Core/SnapshotDelta/small-delta", test_small_delta);
  g_test_add_func ("/Core/SnapshotDelta/sequences", test_sequences);
  return g_test_run ();
}
