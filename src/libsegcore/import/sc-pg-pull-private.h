/* sc-pg-pull-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <string.h>

#include "sc-types.h"

G_BEGIN_DECLS

/* The most sessions one pull uses (sc-pg-pull.c). */
#define SC_PG_MAX_PARTS 16

/* Over all rows. */
typedef struct
{
  guint64  rows_read;
  guint64  rows_skipped;     /* a customer, date or amount missing */
  guint64  return_rows;
  ScDay    first_any;
  ScDay    last_any;
  double   revenue;
} ScPgTotals;

/* What the server computed, one entry per customer (sc-pg-source.c), for sc-pg-import.c.
 * @keys holds the customer keys back to back, each ending in NUL, in the order they came;
 * a pull merged from parts keeps each part's keys (@key_parts) and which part each customer
 * came from (@from) instead, so that the keys are never held twice (_sc_pg_keys_next()). */
typedef struct
{
  guint32  n;
  guint32  cap;
  guint32  expected;         /* customers expected, 0 when unknown: the arrays' first size */
  GString *keys;
  GString *key_parts[SC_PG_MAX_PARTS];
  guint8  *from;
  ScDay   *first_day;
  ScDay   *last_day;
  guint32 *n_orders;
  guint32 *n_purchase_days;
  guint32 *n_rows;
  guint32 *recent_orders;
  double  *monetary;
  double  *returns;
  double  *repeat_spend;
  double  *value;
  double  *recent_monetary;
  gint8   *consent;          /* -1 when the orders say nothing */
  ScPgTotals totals;
} ScPgPull;

void      _sc_pg_pull_free        (ScPgPull          *pull);
/* Frees the keys once they are no longer needed. */
void      _sc_pg_pull_drop_keys   (ScPgPull          *pull);

/* The keys of a pull in its order, one after the other. */
typedef struct
{
  const ScPgPull *pull;
  const char     *at[SC_PG_MAX_PARTS];
  guint32         i;
} ScPgKeys;

static inline void
_sc_pg_keys_init (ScPgKeys       *it,
                  const ScPgPull *pull)
{
  memset (it, 0, sizeof *it);
  it->pull = pull;
  if (pull->from == NULL)
    it->at[0] = pull->keys->str;
  else
    for (guint j = 0; j < SC_PG_MAX_PARTS; j++)
      it->at[j] = pull->key_parts[j] != NULL ? pull->key_parts[j]->str : NULL;
}

/* The next key (NUL-terminated) and its length in @len. */
static inline const char *
_sc_pg_keys_next (ScPgKeys *it,
                  gsize    *len)
{
  guint j = it->pull->from != NULL ? it->pull->from[it->i] : 0;
  const char *key = it->at[j];

  *len = strlen (key);
  it->at[j] += *len + 1;
  it->i++;
  return key;
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPgPull, _sc_pg_pull_free)

/* Numbers in network order, as the binary COPY sends them. */
static inline guint32
_sc_pg_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static inline guint64
_sc_pg_be64 (const guint8 *p)
{
  return ((guint64) _sc_pg_be32 (p) << 32) | _sc_pg_be32 (p + 4);
}

static inline double
_sc_pg_be_double (const guint8 *p)
{
  guint64 bits = _sc_pg_be64 (p);
  double v;

  memcpy (&v, &bits, sizeof v);
  return v;
}

/* What the client computes from a customer's purchase days (sc-pg-days.c). */
typedef struct
{
  double  repeat_spend;
  guint32 n_orders;
  guint32 recent_orders;
} ScPgDays;

GArray   *_sc_pg_days_scratch_new (void);
gboolean  _sc_pg_days_parse       (const guint8      *data,
                                   gsize              len,
                                   double             recent_from,
                                   GArray            *scratch,
                                   ScPgDays          *days);

/* Work for the caller's thread while the server sums the orders (_sc_pg_pull_parts());
 * FALSE with @error set stops the pull. */
typedef gboolean (*ScPgMeanwhileFunc) (gpointer       data,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* Holds the parts of a pull back before they read their first rows (sc-pg-pull.c). */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean open;
} ScPgGate;

/* Returns once @gate (nullable) is open. */
void      _sc_pg_gate_pass         (ScPgGate           *gate);

#if HAVE_LIBPQ
#include <libpq-fe.h>

/* The pull in parts, one session each (sc-pg-pull.c); only with libpq. */

/* How many sessions a pull uses: SEGMENTS_PG_CONNECTIONS (1 to 16), else 2. */
guint     _sc_pg_pull_wanted_parts (void);
/* One part's COPY parsed into @pull, its first rows read once @gate is open; @data is the
 * same for every part; @received counts every part's customers, @progress (nullable)
 * reports them. */
typedef gboolean (*ScPgPartFunc) (PGconn         *conn,
                                  const char     *sql,
                                  gconstpointer   data,
                                  ScPgGate       *gate,
                                  ScPgPull       *pull,
                                  ScProgressFunc  progress,
                                  gpointer        progress_data,
                                  gint           *received,
                                  GCancellable   *cancellable,
                                  GError        **error);
/* Runs @n COPYs at once, @sqls[i] on @conns[i] through @func with @func_data (one thread
 * each but the first, which runs in the caller's), and merges their customers in the byte
 * order of their keys; @meanwhile (nullable) runs on a thread of its own before any part keeps a row.
 * @expected (0 when unknown) is how many customers all parts are expected to send. */
ScPgPull *_sc_pg_pull_parts        (PGconn             **conns,
                                    const char * const  *sqls,
                                    guint                n,
                                    guint32              expected,
                                    ScPgPartFunc         func,
                                    gconstpointer        func_data,
                                    ScPgMeanwhileFunc    meanwhile,
                                    gpointer             meanwhile_data,
                                    ScProgressFunc       progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GError             **error);
/* Runs one query on each of @conns at once; @results (one each) on success. */
gboolean  _sc_pg_query_parts       (PGconn             **conns,
                                    const char * const  *sqls,
                                    guint                n,
                                    PGresult           **results,
                                    GCancellable        *cancellable,
                                    GError             **error);
#endif

G_END_DECLS
