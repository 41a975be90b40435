/* sc-clv-index.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Hash indexes of distinct values, with which the customer-value models evaluate each
 * distinct purchase history once: values hash by their bits (-0.0 folded into +0.0), and
 * both tables use open addressing with linear probing, growing at half full. */

#include "config.h"

#include <string.h>

#include "sc-clv-index-private.h"

static inline guint64
double_bits (double v)
{
  guint64 bits;

  v += 0.0;   /* folds -0.0 into +0.0 so both hash alike */
  memcpy (&bits, &v, sizeof bits);
  return bits;
}

void
_sc_double_index_init (ScDoubleIndex *di,
                       gsize          expected)
{
  gsize size = 64;

  while (size < 2 * expected)
    size *= 2;
  di->slots = g_new0 (guint32, size);
  di->mask = size - 1;
  di->capacity = 64;
  di->values = g_new (double, di->capacity);
  di->n_values = 0;
}

static void
double_index_grow (ScDoubleIndex *di)
{
  gsize size = 2 * (di->mask + 1);
  guint32 *slots = g_new0 (guint32, size);

  for (guint32 j = 0; j < di->n_values; j++)
    {
      gsize h = _sc_mix64 (double_bits (di->values[j])) & (size - 1);

      while (slots[h] != 0)
        h = (h + 1) & (size - 1);
      slots[h] = j + 1;
    }
  g_free (di->slots);
  di->slots = slots;
  di->mask = size - 1;
}

guint32
_sc_double_index_add (ScDoubleIndex *di,
                      double         v)
{
  guint64 bits = double_bits (v);
  gsize h = _sc_mix64 (bits) & di->mask;

  while (di->slots[h] != 0)
    {
      guint32 j = di->slots[h] - 1;

      if (double_bits (di->values[j]) == bits)
        return j;
      h = (h + 1) & di->mask;
    }

  if (di->n_values == di->capacity)
    {
      di->capacity *= 2;
      di->values = g_renew (double, di->values, di->capacity);
    }
  di->values[di->n_values] = v + 0.0;
  di->slots[h] = ++di->n_values;

  if (2 * (gsize) di->n_values > di->mask)
    double_index_grow (di);
  return di->n_values - 1;
}

/* Hands the distinct values over and frees the table. */
double *
_sc_double_index_steal (ScDoubleIndex *di,
                        guint         *n_values)
{
  *n_values = di->n_values;
  g_clear_pointer (&di->slots, g_free);
  return g_steal_pointer (&di->values);
}

static inline gsize
key3_hash (const guint32 *k)
{
  return (gsize) _sc_mix64 (((guint64) k[0] << 42) ^ ((guint64) k[1] << 21) ^ k[2]);
}

void
_sc_key3_index_init (ScKey3Index *ki)
{
  ki->mask = 1023;
  ki->slots = g_new0 (guint32, ki->mask + 1);
  ki->capacity = 256;
  ki->keys = g_new (guint32, 3 * ki->capacity);
  ki->count = g_new (guint32, ki->capacity);
  ki->n = 0;
}

void
_sc_key3_index_clear (ScKey3Index *ki)
{
  g_clear_pointer (&ki->slots, g_free);
  g_clear_pointer (&ki->keys, g_free);
  g_clear_pointer (&ki->count, g_free);
}

guint32
_sc_key3_index_add (ScKey3Index *ki,
                    guint32      a,
                    guint32      b,
                    guint32      c)
{
  guint32 key[3] = { a, b, c };
  gsize h = key3_hash (key) & ki->mask;

  while (ki->slots[h] != 0)
    {
      guint32 id = ki->slots[h] - 1;
      const guint32 *k = ki->keys + 3 * (gsize) id;

      if (k[0] == a && k[1] == b && k[2] == c)
        {
          ki->count[id]++;
          return id;
        }
      h = (h + 1) & ki->mask;
    }

  if (ki->n == ki->capacity)
    {
      ki->capacity *= 2;
      ki->keys = g_renew (guint32, ki->keys, 3 * ki->capacity);
      ki->count = g_renew (guint32, ki->count, ki->capacity);
    }
  memcpy (ki->keys + 3 * ki->n, key, sizeof key);
  ki->count[ki->n] = 1;
  ki->slots[h] = (guint32) ++ki->n;

  if (2 * ki->n > ki->mask)
    {
      gsize size = 2 * (ki->mask + 1);

      g_free (ki->slots);
      ki->slots = g_new0 (guint32, size);
      ki->mask = size - 1;
      for (gsize id = 0; id < ki->n; id++)
        {
          h = key3_hash (ki->keys + 3 * id) & ki->mask;
          while (ki->slots[h] != 0)
            h = (h + 1) & ki->mask;
          ki->slots[h] = (guint32) (id + 1);
        }
    }
  return (guint32) (ki->n - 1);
}
