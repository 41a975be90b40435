/* sc-intern-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Interns strings to dense ids 0, 1, 2… An open-addressing table of 64-bit slots (32 bits of
 * hash, 32 bits of id) keeps a probe to one cache line; the keys live back to back in one
 * buffer, so a million keys cost two allocations, not a million.
 *
 * With millions of keys every probe is a cache miss, and that dominated imports. Exports are
 * usually sorted (by order number, date or customer), so two cheap exact shortcuts come
 * first: a key equal to the previous one has the previous id, and while every new key sorts
 * after the last one (length first, then bytes, so "O9" < "O10"), a key that sorts after
 * the last cannot have been seen and needs no table at all. The first key out of order
 * builds the table from the keys so far and hashing takes over.
 *
 * Nor are sorted keys looked up by id while they are added: where each key starts (8 bytes
 * a key, 30 MB for 3.8M order ids of 9 characters) is found by walking the keys the first
 * time it is needed (_sc_interner_key(), hashing), and kept up from then on. */
typedef struct
{
  guint64 *slots;     /* NULL while the keys arrive sorted */
  gsize    mask;
  gsize    expected;
  gboolean sorted;
  guint32  last_id;
  gsize    last_off;  /* where the last key added starts in buf */
  char    *buf;
  gsize    buf_len;
  gsize    buf_cap;
  guint64 *offsets;   /* id → offset of the key in buf; NULL until needed */
  guint32  n;
  guint32  cap;
  guint64  probes;    /* slots looked at, added to _sc_intern_get_probes() when cleared */
} ScInterner;

#define SC_INTERN_ABSENT G_MAXUINT32

void        _sc_interner_init    (ScInterner *in,
                                  gsize       expected);
void        _sc_interner_clear   (ScInterner *in);
void        _sc_interner_reserve (ScInterner *in,
                                  gsize       expected);
/* Returns the id of key (len bytes, no NUL inside), adding it when absent and add is TRUE;
 * *added says whether it was new. SC_INTERN_ABSENT when absent and !add. */
guint32     _sc_interner_intern  (ScInterner *in,
                                  const char *key,
                                  gsize       len,
                                  gboolean    add,
                                  gboolean   *added);
void        _sc_interner_index_keys (ScInterner *in);
/* The key of @id.  The interner finds where its keys start the first time it is asked: a
 * cache, so a const interner may fill it (no interner is defined const). */
static inline const char *
_sc_interner_key (const ScInterner *in,
                  guint32           id)
{
  if (G_UNLIKELY (in->offsets == NULL))
    _sc_interner_index_keys ((ScInterner *) in);
  return in->buf + in->offsets[id];
}
/* Frees the hash table but keeps the keys. */
void        _sc_interner_drop_index (ScInterner *in);

/* A hash with a random seed drawn once per process (so which keys collide cannot be
 * foreseen): the same bytes hash alike within a process, never store it. */
guint64     _sc_hash_bytes (const char *s,
                            gsize       len);
/* _sc_hash_bytes() of @s with every NUL byte read as @c; *@n_nul counts them. */
guint64     _sc_hash_bytes_nul_as (const char *s,
                                   gsize       len,
                                   char        c,
                                   guint      *n_nul);
/* For the tests: slots looked at by all interners cleared (or whose index was dropped) so
 * far in this process. */
guint64     _sc_intern_get_probes (void);

/* A set of 64-bit hashes of raw rows, for exact duplicates: a collision needs two different
 * rows with the same 64-bit hash, which we accept. */
typedef struct
{
  guint64 *slot;
  gsize    mask;
  gsize    count;
} ScHashSet;

void     _sc_hash_set_init     (ScHashSet *set,
                                gsize      expected);
gboolean _sc_hash_set_contains (const ScHashSet *set,
                                guint64          h);
/* TRUE when h was already present. */
gboolean _sc_hash_set_add      (ScHashSet *set,
                                guint64    h);

G_END_DECLS
