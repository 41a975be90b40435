/* sc-clv-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared by the customer-value files: sc-clv.c (summary, CLV, holdout), sc-bgnbd.c,
 * sc-gamma-gamma.c and sc-clv-index.c. */

#pragma once

#include <math.h>

#include "sc-clv.h"
#include "sc-parallel.h"

G_BEGIN_DECLS

/* Below this many likelihood terms, a second thread costs more than it saves. */
#define _SC_CLV_PARALLEL_MIN 32768
/* The fixed pseudo-random sample of customers the multi-start runs on. */
#define _SC_CLV_SAMPLE_SEED  G_GUINT64_CONSTANT (0x5c1f0a3e7d2b4c91)

static inline double
_sc_lgamma (double x)
{
  int sign;

  /* lgamma() writes the global signgam, a data race once predictions run on two threads. */
  return lgamma_r (x, &sign);
}

double   _sc_digamma           (double              x);

static inline guint64
_sc_mix64 (guint64 z)
{
  z += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void     _sc_clv_run_two_parts (gsize               n,
                                gsize               min_parallel,
                                ScRangeFunc         fn,
                                gpointer            data);

gboolean _sc_clv_summary_check (const ScClvSummary *s,
                                gsize              *n_included,
                                gsize              *n_repeat,
                                double             *sum_x,
                                double             *sum_T,
                                GError            **error);

guint64  _sc_clv_sample_threshold (gsize n);

/* Whether customer @i belongs to the multi-start sample; @threshold = G_MAXUINT64 keeps all. */
static inline gboolean
_sc_clv_in_sample (gsize   i,
                   guint64 threshold)
{
  return threshold == G_MAXUINT64
         || _sc_mix64 ((guint64) i ^ _SC_CLV_SAMPLE_SEED) <= threshold;
}

/* Whether (x, t_x, T) can be a customer's history. */
static inline gboolean
_sc_clv_history_valid (double x,
                       double t_x,
                       double T)
{
  return x >= 0 && isfinite (x) && T >= 0 && isfinite (T) && (x == 0 || (t_x >= 0 && t_x <= T));
}

gboolean _sc_bgnbd_params_valid (const ScBgnbdParams *p);

void     _sc_bgnbd_integral     (const double        *s,
                                 guint                n,
                                 double               k,
                                 double               a,
                                 double               bb,
                                 double              *z,
                                 double              *pw,
                                 double              *G,
                                 double              *out);

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
