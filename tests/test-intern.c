/* test-intern.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Interning stays linear on keys crafted to collide. The ids here are built against the
 * hash the interner used before it was seeded (kept below as old_hash()): every id's old
 * hash has the same low bits, so under it all of them started probing at a handful of slots
 * and the work grew with the square of the ids. The check counts the slots the interner
 * looks at (_sc_intern_get_probes()), not time. */

#include <glib/gstdio.h>
#include <string.h>

#include "sc-importer.h"
#include "sc-intern-private.h"
#include "sc-store-private.h"
#include "test-utils.h"

#define N_IDS         200000
#define COLLIDE_BITS  10              /* equal low bits of old_hash(): 1,024 > the least table */
#define ID_LEN        15              /* one 8-byte word and a 7-byte tail */

/* The interner's hash before it took a seed (unchanged, for crafting collisions). */
static guint64
old_hash (const char *s,
          gsize       len)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ (len * 0xff51afd7ed558ccdull);
  guint64 w;

  while (len >= 8)
    {
      memcpy (&w, s, 8);
      h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
      h ^= h >> 31;
      s += 8;
      len -= 8;
    }
  w = 0;
  memcpy (&w, s, len);
  h = (h ^ w) * 0x94d049bb133111ebull;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 32;
  return h;
}

static const char alphabet[] =
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* N_IDS distinct ids of ID_LEN bytes (back to back, NUL-terminated), in shuffled order so the
 * interner's shortcut for sorted keys does not apply. Each is "K" + its number in 7 digits
 * (the first word, so all differ) and a 7-byte tail found by trying tails until the old
 * hash's low COLLIDE_BITS are zero: the state after the first word is computed once per id,
 * so a try costs only the final mixing. */
static char *
crafted_ids (void)
{
  const guint64 mask = (1u << COLLIDE_BITS) - 1;
  char *ids = g_malloc ((gsize) N_IDS * (ID_LEN + 1));
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);

  for (guint i = 0; i < N_IDS; i++)
    {
      char *id = ids + (gsize) i * (ID_LEN + 1);
      guint64 h0 = 0x9e3779b97f4a7c15ull ^ (ID_LEN * 0xff51afd7ed558ccdull);
      guint64 w0, w, h;
      guint n = i;

      id[0] = 'K';
      for (int d = 7; d >= 1; d--, n /= 64)
        id[d] = alphabet[n % 64];
      memcpy (&w0, id, 8);
      h0 = (h0 ^ w0) * 0xbf58476d1ce4e5b9ull;
      h0 ^= h0 >> 31;

      for (guint64 t = g_rand_int (rand);; t++)
        {
          w = 0;
          for (int c = 0; c < 7; c++)
            w |= (guint64) (guchar) alphabet[(t >> (6 * c)) & 63] << (8 * c);
          h = (h0 ^ w) * 0x94d049bb133111ebull;
          h ^= h >> 29;
          h *= 0xbf58476d1ce4e5b9ull;
          h ^= h >> 32;
          if ((h & mask) == 0)
            break;
        }
      memcpy (id + 8, &w, 7);
      id[ID_LEN] = '\0';
      g_assert_cmpuint (old_hash (id, ID_LEN) & mask, ==, 0);
    }

  /* Fisher-Yates. */
  for (guint i = N_IDS - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, (gint32) i + 1);
      char tmp[ID_LEN + 1];

      memcpy (tmp, ids + (gsize) i * (ID_LEN + 1), ID_LEN + 1);
      memcpy (ids + (gsize) i * (ID_LEN + 1), ids + (gsize) j * (ID_LEN + 1), ID_LEN + 1);
      memcpy (ids + (gsize) j * (ID_LEN + 1), tmp, ID_LEN + 1);
    }
  return ids;
}

static const char *
id_at (const char *ids,
       guint       i)
{
  return ids + (gsize) i * (ID_LEN + 1);
}

/* The ids really collide under the old hash: linear probing in a table of 2^19 slots (load
 * 0.38) looks at hundreds of slots per id instead of one or two. */
static guint64
old_probes (const char *ids)
{
  const gsize size = 1 << 19;
  g_autofree guint8 *used = g_new0 (guint8, size);
  guint64 probes = 0;

  for (guint i = 0; i < N_IDS; i++)
    {
      gsize at = old_hash (id_at (ids, i), ID_LEN) & (size - 1);

      for (probes++; used[at]; at = (at + 1) & (size - 1))
        probes++;
      used[at] = 1;
    }
  return probes;
}

static void
test_hash (void)
{
  const char *a = "C00042";

  g_assert_cmpuint (_sc_hash_bytes (a, 6), ==, _sc_hash_bytes (a, 6));
  g_assert_cmpuint (_sc_hash_bytes (a, 6), !=, _sc_hash_bytes (a, 5));
  g_assert_cmpuint (_sc_hash_bytes ("", 0), !=, _sc_hash_bytes ("\0", 1));
  g_assert_cmpuint (_sc_hash_bytes ("abcdefgh", 8), !=, _sc_hash_bytes ("abcdefgi", 8));
}

/* Another process draws another seed: the same key hashes differently there. */
/* The hash of a record whose fields end with NULs is the hash of the text with the
 * delimiters put back (sc_csv_reader_hash_split()), for every length and every place of the
 * NULs, bytes above them included. */
static void
test_hash_nul_as (void)
{
  GRand *rand = g_rand_new_with_seed (21);

  for (guint len = 0; len <= 40; len++)
    for (guint trial = 0; trial < 200; trial++)
      {
        char with_nul[48], with_delim[48];
        guint n_nul = 0, counted = G_MAXUINT;
        char delim = trial % 3 == 0 ? ';' : trial % 3 == 1 ? ',' : '\t';

        for (guint i = 0; i < len; i++)
          {
            guint r = g_rand_int_range (rand, 0, 6);

            /* NULs, bytes just above them (a borrow would spread) and the rest */
            with_nul[i] = r == 0 ? '\0' : r == 1 ? '\1' : r == 2 ? (char) 0x80
                          : (char) g_rand_int_range (rand, 1, 256);
            with_delim[i] = with_nul[i] == '\0' ? delim : with_nul[i];
            n_nul += with_nul[i] == '\0';
          }
        /* bytes past the end that must not count */
        for (guint i = len; i < sizeof with_nul; i++)
          with_nul[i] = with_delim[i] = '\0';
        g_assert_cmpuint (_sc_hash_bytes_nul_as (with_nul, len, delim, &counted), ==,
                          _sc_hash_bytes (with_delim, len));
        g_assert_cmpuint (counted, ==, n_nul);
      }
  g_rand_free (rand);
}

static void
test_seed_per_process (void)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *self = g_getenv ("TEST_INTERN_SELF");
  char *argv[] = { (char *) self, NULL };
  char **envp = g_environ_setenv (g_get_environ (), "TEST_INTERN_PRINT_HASH", "C00042", TRUE);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (self);
  g_assert_true (g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &first, NULL,
                               NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &second, NULL,
                               NULL, &error));
  g_assert_no_error (error);
  g_strfreev (envp);
  g_assert_cmpuint (strlen (first), >, 1);
  g_assert_cmpstr (first, !=, second);
}

/* The interner alone: every id gets its own dense id back, with a linear number of probes. */
static void
test_interner_colliding_ids (void)
{
  g_autofree char *ids = crafted_ids ();
  guint64 old = old_probes (ids);
  guint64 before = _sc_intern_get_probes ();
  guint64 probes;
  ScInterner in;

  g_test_message ("old hash: %" G_GUINT64_FORMAT " probes for %d ids", old, N_IDS);
  g_assert_cmpuint (old, >, 50 * (guint64) N_IDS);

  _sc_interner_init (&in, 0);
  for (guint i = 0; i < N_IDS; i++)
    {
      gboolean added;

      g_assert_cmpuint (_sc_interner_intern (&in, id_at (ids, i), ID_LEN, TRUE, &added), ==, i);
      g_assert_true (added);
    }
  for (guint i = 0; i < N_IDS; i += 7)
    g_assert_cmpuint (_sc_interner_intern (&in, id_at (ids, i), ID_LEN, FALSE, NULL), ==, i);
  g_assert_cmpstr (_sc_interner_key (&in, 12345), ==, id_at (ids, 12345));
  _sc_interner_clear (&in);

  probes = _sc_intern_get_probes () - before;
  g_test_message ("seeded hash: %" G_GUINT64_FORMAT " probes", probes);
  g_assert_cmpuint (probes, <, 12 * (guint64) N_IDS);
}

/* Keys found by id however the interner got to know where they start: asked while the keys
 * come sorted (the offsets found by walking them, then kept as keys are added), the table
 * built by the first key out of order, keys added after that, a reserve on the way; and the
 * keys' text back to back in the order of the ids. */
static void
test_interner_keys_by_id (void)
{
  enum { N = 5000 };
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  ScInterner in;

  for (guint i = 0; i < N; i++)
    /* sorted in shortlex order up to 4,000 ("0" … "3999", then "x1000"), then out of order */
    g_ptr_array_add (keys, i < 4000 ? g_strdup_printf ("%u", i) : g_strdup_printf ("x%u", N - i));

  _sc_interner_init (&in, 0);
  for (guint i = 0; i < N; i++)
    {
      const char *k = keys->pdata[i];
      gboolean added;

      g_assert_cmpuint (_sc_interner_intern (&in, k, strlen (k), TRUE, &added), ==, i);
      g_assert_true (added);
      /* a repeat of the last key (rows of one order in a row) */
      g_assert_cmpuint (_sc_interner_intern (&in, k, strlen (k), TRUE, &added), ==, i);
      g_assert_false (added);
      /* the shortcuts of sorted keys hold until the first key out of order */
      g_assert_cmpint (in.sorted, ==, i <= 4000);
      g_string_append_len (all, k, strlen (k) + 1);
      if (i == 1500)
        g_assert_cmpstr (_sc_interner_key (&in, 777), ==, "777");
      if (i == 2500)
        _sc_interner_reserve (&in, 100000);
      if (i % 97 == 0 || i == N - 1)
        for (guint j = 0; j <= i; j += 1 + i / 50)
          g_assert_cmpstr (_sc_interner_key (&in, j), ==, keys->pdata[j]);
    }
  g_assert_false (in.sorted);
  for (guint i = 0; i < N; i++)
    {
      const char *k = keys->pdata[i];

      g_assert_cmpuint (_sc_interner_intern (&in, k, strlen (k), FALSE, NULL), ==, i);
      g_assert_cmpstr (_sc_interner_key (&in, i), ==, k);
    }
  g_assert_cmpmem (in.buf, in.buf_len, all->str, all->len);
  _sc_interner_clear (&in);

  /* sorted to the end, the first question about a key after the last was added */
  _sc_interner_init (&in, 10);
  for (guint i = 0; i < 3000; i++)
    g_assert_cmpuint (_sc_interner_intern (&in, keys->pdata[i], strlen (keys->pdata[i]), TRUE,
                                           NULL), ==, i);
  g_assert_true (in.sorted);
  for (guint i = 0; i < 3000; i++)
    g_assert_cmpstr (_sc_interner_key (&in, i), ==, keys->pdata[i]);
  _sc_interner_clear (&in);
}

/* The same through an import of one order per id into a project. */
static void
test_import_colliding_ids (void)
{
  g_autofree char *ids = crafted_ids ();
  g_autofree char *dir = g_dir_make_tmp ("segments-intern-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "orders.csv", NULL);
  g_autofree char *project = g_build_filename (dir, "p.segments", NULL);
  g_autoptr(GString) text = g_string_new ("customer_id,order_date,amount\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScImportReport) report = NULL;
  ScImportOptions options;
  guint64 before, probes;

  for (guint i = 0; i < N_IDS; i++)
    g_string_append_printf (text, "%s,2024-01-%02u,%u.50\n", id_at (ids, i), 1 + i % 28,
                            1 + i % 90);
  g_assert_true (g_file_set_contents (csv, text->str, (gssize) text->len, &error));
  store = sc_store_open (project, TRUE, &error);
  g_assert_no_error (error);

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (csv);
  before = _sc_intern_get_probes ();
  report = sc_import (store, &options, NULL, NULL, NULL, &error);
  probes = _sc_intern_get_probes () - before;
  sc_import_options_clear (&options);

  g_assert_no_error (error);
  g_assert_cmpuint (report->project_customers, ==, N_IDS);
  g_assert_cmpuint (report->project_transactions, ==, N_IDS);
  g_test_message ("import: %" G_GUINT64_FORMAT " probes for %d ids", probes, N_IDS);
  g_assert_cmpuint (probes, >=, N_IDS);     /* the ids were hashed, not taken as sorted */
  g_assert_cmpuint (probes, <, 12 * (guint64) N_IDS);
  g_clear_pointer (&store, sc_store_close);
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  const char *print = g_getenv ("TEST_INTERN_PRINT_HASH");

  if (print != NULL)
    {
      g_print ("%" G_GUINT64_FORMAT "\n", _sc_hash_bytes (print, strlen (print)));
      return 0;
    }
  g_setenv ("TEST_INTERN_SELF", argv[0], TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Intern/hash", test_hash);
  g_test_add_func ("/Core/Intern/hash-nul-as", test_hash_nul_as);
  g_test_add_func ("/Core/Intern/seed-per-process", test_seed_per_process);
  g_test_add_func ("/Core/Intern/interner-colliding-ids", test_interner_colliding_ids);
  g_test_add_func ("/Core/Intern/import-colliding-ids", test_import_colliding_ids);
  g_test_add_func ("/Core/Intern/keys-by-id", test_interner_keys_by_id);

  return g_test_run ();
}
