/* test-store-packing-parts.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Long columns are packed in parts on several cores (sc-store-codec.c): the blob must be the
 * one a single part gives, byte for byte, wherever the parts are cut, and read back bit for
 * bit.  Seeded arrays of every element size (sorted ids, days, small counts, amounts with
 * NaN and −0, values that jump across a cut, texts with numbered stems) are packed in one
 * part and in 2, 3 and 4 forced parts — short arrays too, so that cuts fall near the ends —
 * and at lengths where the automatic choice splits them. */

#include <math.h>
#include <string.h>

#include "sc-store-codec-private.h"

static void
fill_ints (GRand  *r,
           guint8 *data,
           gsize   elem_size,
           gsize   n)
{
  guint kind = g_rand_int_range (r, 0, 4);
  gint64 x = g_rand_int_range (r, -50, 50);

  for (gsize i = 0; i < n; i++)
    {
      gint64 v;

      if (kind == 0)
        v = x += g_rand_int_range (r, 0, 3);                     /* sorted ids */
      else if (kind == 1)
        v = g_rand_int_range (r, 19000, 20500);                  /* days */
      else if (kind == 2)
        v = g_rand_int_range (r, 0, 1000) == 0 ? G_MININT32 : g_rand_int_range (r, 0, 9);
      else
        v = (gint64) g_rand_int (r) - G_MAXINT32;                /* anything */
      if (elem_size == 1)
        data[i] = (guint8) v;
      else if (elem_size == 2)
        {
          gint16 y = GINT16_TO_LE ((gint16) v);
          memcpy (data + 2 * i, &y, 2);
        }
      else
        {
          gint32 y = GINT32_TO_LE ((gint32) v);
          memcpy (data + 4 * i, &y, 4);
        }
    }
}

static void
fill_doubles (GRand  *r,
              double *v,
              gsize   n)
{
  double scale = pow (10, g_rand_int_range (r, 0, 4));

  for (gsize i = 0; i < n; i++)
    {
      guint pick = g_rand_int_range (r, 0, 200);

      if (pick == 0)
        v[i] = NAN;
      else if (pick == 1)
        v[i] = -0.0;
      else if (pick == 2)
        v[i] = g_rand_double (r);     /* no decimal scale serves it */
      else
        v[i] = round (g_rand_double_range (r, -5000, 5000) * scale) / scale;
    }
}

static GString *
make_texts (GRand *r,
            gsize  n)
{
  GString *t = g_string_new (NULL);

  for (gsize i = 0; i < n; i++)
    {
      if (g_rand_int_range (r, 0, 50) == 0)
        g_string_append_printf (t, "INV-%u", g_rand_int (r) % 100000);
      else
        g_string_append_printf (t, "O%08" G_GSIZE_FORMAT, i * 3 + 7);
      g_string_append_c (t, '\0');
    }
  return t;
}

/* Packs with every number of parts and checks that the blobs are the same bytes, then that
 * they read back. */
static void
check_same (const void *data,
            gsize       elem_size,
            gsize       n,
            gsize       len)
{
  g_autoptr(GByteArray) one = NULL;

  for (guint parts = 1; parts <= 4; parts++)
    {
      g_autoptr(GByteArray) blob = NULL;

      _sc_blob_pack_force_parts (parts);
      blob = elem_size == 0 ? _sc_blob_pack_texts (data, len, n)
                            : _sc_blob_pack (data, elem_size, n);
      if (parts == 1)
        {
          one = g_steal_pointer (&blob);
          continue;
        }
      g_assert_true ((one == NULL) == (blob == NULL));
      if (one != NULL)
        g_assert_cmpmem (blob->data, blob->len, one->data, one->len);
    }
  _sc_blob_pack_force_parts (0);

  if (one == NULL)
    return;
  if (elem_size == 0)
    {
      g_autoptr(GByteArray) back = g_byte_array_new ();

      g_assert_true (_sc_blob_unpack_texts (one->data, one->len, n, back));
      g_assert_cmpmem (back->data, back->len, data, len);
    }
  else
    {
      g_autofree guint8 *back = g_malloc (elem_size * n);

      g_assert_true (_sc_blob_unpack (one->data, one->len, elem_size, n, back));
      g_assert_cmpmem (back, elem_size * n, data, elem_size * n);
    }
}

static void
test_parts_same_bytes (void)
{
  static const gsize sizes[] = { 1, 2, 4, 8, 0 };

  for (guint32 seed = 1; seed <= 400; seed++)
    {
      g_autoptr(GRand) r = g_rand_new_with_seed (seed);
      gsize elem_size = sizes[seed % G_N_ELEMENTS (sizes)];
      /* short ones put the cuts near the ends; a few are long enough to split by
       * themselves */
      gsize n = seed % 40 == 0 ? (gsize) g_rand_int_range (r, 262144, 600000)
                               : (gsize) g_rand_int_range (r, 1, 3000);

      if (elem_size == 0)
        {
          g_autoptr(GString) t = make_texts (r, n);

          check_same (t->str, 0, n, t->len);
        }
      else if (elem_size == 8)
        {
          g_autofree double *v = g_new (double, n);

          fill_doubles (r, v, n);
          check_same (v, 8, n, 0);
        }
      else
        {
          g_autofree guint8 *v = g_malloc (elem_size * n + 1);

          fill_ints (r, v, elem_size, n);
          check_same (v, elem_size, n, 0);
          /* unaligned, as a column read from a row may be */
          memmove (v + 1, v, elem_size * n);
          check_same (v + 1, elem_size, n, 0);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/StorePacking/parts-same-bytes", test_parts_same_bytes);
  return g_test_run ();
}
