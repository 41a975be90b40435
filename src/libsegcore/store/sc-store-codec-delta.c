/* sc-store-codec-delta.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Delta blobs: an array stored as what differs from another array the reader already has
 * (a snapshot's per-customer data against an earlier, fully stored snapshot).
 *
 * The values are seen as @n_arrays arrays of @n values back to back (the base: of @base_n
 * each), so that a block of several per-customer arrays keeps its customers aligned when
 * customers were added. A position differs when its bits differ from the base's value for
 * the same array and customer, or when the customer is past the base's end. The blob is
 * either
 *
 *   'D', u32 count, u32 length of the positions, the positions (uint32, ascending),
 *        the values there — each raw or packed (sc-store-codec.c), told apart by length;
 *   'F', the whole array, raw or packed — when more than a quarter of the positions
 *        differ and that is not larger than the delta. Below a quarter the delta is the
 *        smaller in practice (the positions, delta-packed, take a few bits each), so the
 *        whole array is not packed just to compare.
 *
 * Comparing bits rather than values keeps NaN and −0 exact: a delta reads back bit for bit. */

#include "config.h"

#include <string.h>

#include "sc-store-codec-private.h"

#define DELTA_FORM 'D'
#define FULL_FORM  'F'
#define HEADER     (1 + 4 + 4)

GByteArray *
_sc_blob_pack_or_copy (const void *data,
                       gsize       elem_size,
                       gsize       n)
{
  GByteArray *out = _sc_blob_pack (data, elem_size, n);

  if (out == NULL)
    {
      out = g_byte_array_sized_new ((guint) (elem_size * n));
      g_byte_array_append (out, data, (guint) (elem_size * n));
    }
  return out;
}

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);

  g_byte_array_append (out, (const guint8 *) &le, 4);
}

static guint32
get_u32 (const guint8 *p)
{
  guint32 le;

  memcpy (&le, p, 4);
  return GUINT32_FROM_LE (le);
}

GByteArray *
_sc_blob_pack_delta (const void *data,
                     gsize       n,
                     const void *base,
                     gsize       base_n,
                     gsize       elem_size,
                     guint       n_arrays)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GByteArray) values = g_byte_array_new ();
  g_autoptr(GByteArray) full = NULL;
  g_autoptr(GByteArray) packed_positions = NULL;
  g_autoptr(GByteArray) packed_values = NULL;
  const guint8 *cur = data, *old = base;
  GByteArray *out;
  gsize delta_len;

  g_return_val_if_fail (n_arrays > 0 && (guint64) n * n_arrays <= G_MAXUINT32, NULL);

  for (guint a = 0; a < n_arrays; a++)
    for (gsize i = 0; i < n; i++)
      {
        const guint8 *v = cur + elem_size * (a * n + i);

        if (i < base_n && memcmp (v, old + elem_size * (a * base_n + i), elem_size) == 0)
          continue;
        g_array_append_val (positions, (guint32) { (guint32) (a * n + i) });
        g_byte_array_append (values, v, (guint) elem_size);
      }

  packed_positions = _sc_blob_pack_or_copy (positions->data, sizeof (guint32), positions->len);
  packed_values = _sc_blob_pack_or_copy (values->data, elem_size, positions->len);
  delta_len = HEADER + packed_positions->len + packed_values->len;
  if (4 * (gsize) positions->len > n_arrays * n)
    full = _sc_blob_pack_or_copy (data, elem_size, n_arrays * n);
  if (full != NULL && 1 + full->len <= delta_len)
    {
      out = g_byte_array_sized_new (1 + full->len);
      g_byte_array_append (out, (const guint8 *) "F", 1);
      g_byte_array_append (out, full->data, full->len);
      return out;
    }
  out = g_byte_array_sized_new ((guint) delta_len);
  g_byte_array_append (out, (const guint8 *) "D", 1);
  put_u32 (out, positions->len);
  put_u32 (out, packed_positions->len);
  g_byte_array_append (out, packed_positions->data, packed_positions->len);
  g_byte_array_append (out, packed_values->data, packed_values->len);
  return out;
}

gboolean
_sc_blob_unpack_delta (const void *blob,
                       gsize       len,
                       const void *base,
                       gsize       base_n,
                       gsize       elem_size,
                       guint       n_arrays,
                       gsize       n,
                       void       *data)
{
  const guint8 *p = blob;
  const guint8 *old = base;
  guint8 *out = data;
  g_autofree guint32 *positions = NULL;
  g_autofree guint8 *values = NULL;
  gsize count, positions_len, past_base = 0, total = (gsize) n_arrays * n;

  if (len < 1)
    return FALSE;
  if (p[0] == FULL_FORM)
    return _sc_blob_copy_array (p + 1, len - 1, elem_size, total, data);
  if (p[0] != DELTA_FORM || len < HEADER)
    return FALSE;
  count = get_u32 (p + 1);
  positions_len = get_u32 (p + 5);
  if (count > total || positions_len > len - HEADER)
    return FALSE;
  positions = g_new (guint32, MAX (count, 1));
  values = g_malloc (elem_size * MAX (count, 1));
  if (!_sc_blob_copy_array (p + HEADER, positions_len, sizeof (guint32), count, positions) ||
      !_sc_blob_copy_array (p + HEADER + positions_len, len - HEADER - positions_len, elem_size,
                            count, values))
    return FALSE;

  for (guint a = 0; a < n_arrays; a++)
    {
      gsize kept = MIN (n, base_n);

      if (kept > 0)
        memcpy (out + elem_size * a * n, old + elem_size * a * base_n, elem_size * kept);
    }
  for (gsize j = 0; j < count; j++)
    {
      if (positions[j] >= total || (j > 0 && positions[j] <= positions[j - 1]))
        return FALSE;
      past_base += positions[j] % n >= base_n;
      memcpy (out + elem_size * positions[j], values + elem_size * j, elem_size);
    }
  /* Every customer past the base's end must have come with the delta. */
  return n <= base_n || past_base == n_arrays * (n - base_n);
}
