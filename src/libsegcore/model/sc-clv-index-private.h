/* sc-clv-index-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The distinct-value indexes of sc-clv-index.c, with which the models and the predictions
 * sum their terms once per distinct value or combination. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

static inline guint64
_sc_mix64 (guint64 z)
{
  z += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* Open addressing from a value's bits to a dense index of distinct values. */
typedef struct
{
  guint32 *slots;    /* index + 1; 0 is empty */
  gsize    mask;
  double  *values;
  guint32  n_values;
  gsize    capacity;
} ScDoubleIndex;

void     _sc_double_index_init  (ScDoubleIndex *di,
                                 gsize          expected);
guint32  _sc_double_index_add   (ScDoubleIndex *di,
                                 double         v);
double  *_sc_double_index_steal (ScDoubleIndex *di,
                                 guint         *n_values);

/* Open addressing from three dense indexes to a dense index of distinct combinations, with
 * the number of times each was added. */
typedef struct
{
  guint32 *slots;    /* id + 1; 0 is empty */
  gsize    mask;
  guint32 *keys;     /* 3 per id */
  guint32 *count;
  gsize    n;
  gsize    capacity;
} ScKey3Index;

void     _sc_key3_index_init    (ScKey3Index   *ki);
void     _sc_key3_index_clear   (ScKey3Index   *ki);
guint32  _sc_key3_index_add     (ScKey3Index   *ki,
                                 guint32        a,
                                 guint32        b,
                                 guint32        c);

G_END_DECLS
