/* sc-intern.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "sc-intern-private.h"
#include "sc-memory.h"

/* Seeded hashing.
 *
 * Keys come from files people export, but a file can also be made to hurt: with a fixed
 * hash, ids crafted so that their hashes share the low bits pile up in one run of the linear
 * probing below and make interning quadratic (200,000 such ids took 32 s instead of 0.6 s).
 * So the hash takes a random seed, drawn once per process: which keys collide cannot be
 * known beforehand. It stays a fast non-cryptographic hash: each 8-byte word is folded into
 * the state with a full 64 × 64 → 128-bit multiply by a seeded key, xoring the two halves,
 * which spreads every input bit over the whole result (the mixing of wyhash and its kin). No
 * hash is ever stored, so the seed may differ from run to run. */

#if defined(__linux__)
#include <sys/random.h>
#endif

static guint64 hash_seed[2];
static gsize   hash_seed_ready;

/* Summed over the interners that were cleared, for the tests. */
static guint64 probes_total;
G_LOCK_DEFINE_STATIC (probes_total);

static void
init_hash_seed (void)
{
#if defined(__linux__)
  if (getrandom (hash_seed, sizeof hash_seed, GRND_NONBLOCK) == (ssize_t) sizeof hash_seed)
    return;
#endif
  /* GLib seeds its generator from /dev/urandom; mix in what differs between processes in
   * case someone set its seed. */
  for (guint i = 0; i < G_N_ELEMENTS (hash_seed); i++)
    hash_seed[i] = ((guint64) g_random_int () << 32 | g_random_int ()) ^
                   (guint64) g_get_monotonic_time () ^ ((guint64) getpid () << 40) ^
                   (guint64) (guintptr) &hash_seed;
}

static inline guint64
fold_multiply (guint64 a,
               guint64 b)
{
#ifdef __SIZEOF_INT128__
  unsigned __int128 r = (unsigned __int128) a * b;

  return (guint64) r ^ (guint64) (r >> 64);
#else
  guint64 ll = (a & 0xffffffffu) * (b & 0xffffffffu);
  guint64 lh = (a & 0xffffffffu) * (b >> 32);
  guint64 hl = (a >> 32) * (b & 0xffffffffu);
  guint64 hh = (a >> 32) * (b >> 32);
  guint64 mid = (ll >> 32) + (lh & 0xffffffffu) + (hl & 0xffffffffu);

  return (((ll & 0xffffffffu) | (mid << 32))) ^ (hh + (lh >> 32) + (hl >> 32) + (mid >> 32));
#endif
}

/* The state of _sc_hash_bytes() before the first word of a text of @len bytes (*@k, the
 * multiplier), and its end after the last, padded word @w: shared with
 * _sc_hash_bytes_nul_as(), which must give the same hash. */
static inline guint64
hash_start (gsize    len,
            guint64 *k)
{
  if (g_once_init_enter (&hash_seed_ready))
    {
      init_hash_seed ();
      g_once_init_leave (&hash_seed_ready, 1);
    }
  *k = hash_seed[1] | 1;
  return hash_seed[0] ^ (len * 0x9e3779b97f4a7c15ull);
}

static inline guint64
hash_end (guint64 h,
          guint64 k,
          guint64 w)
{
  h = fold_multiply (h ^ w ^ 0xe7037ed1a0b428dbull, k ^ 0x8ebc6af09c88c6e3ull);
  return fold_multiply (h, 0x589965cc75374cc3ull);
}

guint64
_sc_hash_bytes (const char *s,
                gsize       len)
{
  guint64 h, k, w;

  h = hash_start (len, &k);
  while (len >= 8)
    {
      memcpy (&w, s, 8);
      h = fold_multiply (h ^ w, k ^ 0xa0761d6478bd642full);
      s += 8;
      len -= 8;
    }
  w = 0;
  memcpy (&w, s, len);
  return hash_end (h, k, w);
}

/* _sc_hash_bytes() of @s with each NUL byte read as @c, and the number of NULs: the hash of
 * a row's raw text taken from its record, whose fields the CSV scanner ended with a NUL
 * where the delimiter was, without rebuilding the text first.  The same words go through
 * the same steps, so the result is the one _sc_hash_bytes() gives for the rebuilt text. */
guint64
_sc_hash_bytes_nul_as (const char *s,
                       gsize       len,
                       char        c,
                       guint      *n_nul)
{
  const guint64 low7 = 0x7f7f7f7f7f7f7f7full, ones = 0x0101010101010101ull;
  const guint64 fill = ones * (guint8) c;
  const char *start = s;
  guint64 h, k, w, z, tail;
  guint n = 0;

  h = hash_start (len, &k);
  while (len >= 8)
    {
      memcpy (&w, s, 8);
      /* 0x80 in each byte of w that is 0, exactly (no carry between bytes); a multiply
       * counts them (at most 8 to a word, in the top byte) */
      z = ~(((w & low7) + low7) | w | low7);
      if (z != 0)
        {
          n += (guint) (((z >> 7) * ones) >> 56);
          w |= ((z >> 7) * 0xff) & fill;
        }
      h = fold_multiply (h ^ w, k ^ 0xa0761d6478bd642full);
      s += 8;
      len -= 8;
    }
  w = 0;
  /* the bytes of the tail, not the zeros after it */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  if (len > 0 && s - start >= 8 - (gssize) len)
    {
      /* the last 8 bytes, the tail at their top, shifted down: what memcpy() gives */
      memcpy (&w, s + len - 8, 8);
      w >>= 64 - 8 * len;
    }
  else
    memcpy (&w, s, len);
  tail = len == 0 ? 0 : G_MAXUINT64 >> (64 - 8 * len);
#else
  memcpy (&w, s, len);
  tail = 0;
  memset (&tail, 0xff, len);
#endif
  z = ~(((w & low7) + low7) | w | low7) & tail;
  if (z != 0)
    {
      n += (guint) (((z >> 7) * ones) >> 56);
      w |= ((z >> 7) * 0xff) & fill;
    }
  *n_nul = n;
  return hash_end (h, k, w);
}

/* Slots looked at by interners since the process started: each lookup counts the slots it
 * visits, so for well-spread hashes the total grows linearly with the keys. */
guint64
_sc_intern_get_probes (void)
{
  guint64 n;

  G_LOCK (probes_total);
  n = probes_total;
  G_UNLOCK (probes_total);
  return n;
}

static void
flush_probes (ScInterner *in)
{
  G_LOCK (probes_total);
  probes_total += in->probes;
  G_UNLOCK (probes_total);
  in->probes = 0;
}

static gsize
table_size_for (gsize expected)
{
  gsize size = 1024;

  /* Load factor at most 0.7. */
  while (size * 7 / 10 < expected)
    size *= 2;
  return size;
}

/* Where each key starts, found by walking the keys (they are back to back in the order of
 * their ids); from then on kept as keys are added. */
void
_sc_interner_index_keys (ScInterner *in)
{
  gsize off = 0;

  if (in->offsets != NULL)
    return;
  in->cap = (guint32) MIN (MAX (MAX (in->expected, in->n), 1024), G_MAXUINT32 - 1);
  in->offsets = g_new (guint64, in->cap);
  sc_memory_advise_huge (in->offsets, in->cap * sizeof (guint64));
  for (guint32 id = 0; id < in->n; id++)
    {
      in->offsets[id] = off;
      off += strlen (in->buf + off) + 1;
    }
}

/* @n zeroed slots; large tables in huge pages (asked before the pages are touched) */
static guint64 *
new_slots (gsize n)
{
  guint64 *slots = g_new (guint64, n);

  sc_memory_advise_huge (slots, n * sizeof (guint64));
  memset (slots, 0, n * sizeof (guint64));
  return slots;
}

static void
rehash (ScInterner *in,
        gsize       size)
{
  guint64 *slots = new_slots (size);
  gsize mask = size - 1;

  /* a hashed lookup compares the key of the id it finds */
  _sc_interner_index_keys (in);
  for (guint32 id = 0; id < in->n; id++)
    {
      const char *k = in->buf + in->offsets[id];
      guint64 h = _sc_hash_bytes (k, strlen (k));
      guint32 tag = (guint32) (h >> 32) | 1;
      gsize at;

      for (at = h & mask; slots[at] != 0; at = (at + 1) & mask)
        in->probes++;
      in->probes++;
      slots[at] = ((guint64) tag << 32) | id;
    }
  g_free (in->slots);
  in->slots = slots;
  in->mask = mask;
}

void
_sc_interner_init (ScInterner *in,
                   gsize       expected)
{
  memset (in, 0, sizeof *in);
  in->sorted = TRUE;
  in->expected = expected;
  in->buf_cap = MAX (expected * 12, 4096);
  in->buf = g_malloc (in->buf_cap);
  sc_memory_advise_huge (in->buf, in->buf_cap);
}

void
_sc_interner_reserve (ScInterner *in,
                      gsize       expected)
{
  gsize size = table_size_for (expected);

  in->expected = MAX (in->expected, expected);
  if (in->slots != NULL && size > in->mask + 1)
    rehash (in, size);
  if (in->offsets != NULL && expected > in->cap && expected < G_MAXUINT32)
    {
      in->cap = (guint32) expected;
      in->offsets = g_renew (guint64, in->offsets, in->cap);
      sc_memory_advise_huge (in->offsets, in->cap * sizeof (guint64));
    }
  /* the keys' text too, as _sc_interner_init() sizes it: doubling from a small buffer
   * copies the keys so far at each step, into fresh pages */
  if (expected * 12 > in->buf_cap)
    {
      in->buf_cap = expected * 12;
      in->buf = g_realloc (in->buf, in->buf_cap);
      sc_memory_advise_huge (in->buf, in->buf_cap);
    }
}

void
_sc_interner_clear (ScInterner *in)
{
  flush_probes (in);
  g_clear_pointer (&in->slots, g_free);
  g_clear_pointer (&in->buf, g_free);
  g_clear_pointer (&in->offsets, g_free);
  in->cap = 0;
  in->n = 0;
}

/* Frees the table; the interner can no longer add or look up keys. */
void
_sc_interner_drop_index (ScInterner *in)
{
  flush_probes (in);
  g_clear_pointer (&in->slots, g_free);
  in->sorted = FALSE;
}

/* Shortlex order: shorter keys first, then bytes.  Ids are short, and every row compares
 * one: words compared in place cost less than a call to memcmp. */
static inline int
compare_shortlex (const char *a,
                  gsize       a_len,
                  const char *b,
                  gsize       b_len)
{
  if (a_len != b_len)
    return a_len < b_len ? -1 : 1;
  if (a_len > 32)
    return memcmp (a, b, a_len);
  if (a_len >= 8)
    {
      const char *a_last = a + a_len - 8, *b_last = b + b_len - 8;
      guint64 x, y;

      for (; a < a_last; a += 8, b += 8)
        {
          memcpy (&x, a, 8);
          memcpy (&y, b, 8);
          if (x != y)
            return GUINT64_FROM_BE (x) < GUINT64_FROM_BE (y) ? -1 : 1;
        }
      /* the last 8 bytes, overlapping the word before when the length is not a multiple
       * of 8: its bytes are equal, so the order is that of the rest */
      memcpy (&x, a_last, 8);
      memcpy (&y, b_last, 8);
      if (x != y)
        return GUINT64_FROM_BE (x) < GUINT64_FROM_BE (y) ? -1 : 1;
      return 0;
    }
  for (; a_len > 0; a++, b++, a_len--)
    if (*a != *b)
      return (guint8) *a < (guint8) *b ? -1 : 1;
  return 0;
}

static inline guint32
append_key (ScInterner *in,
            const char *key,
            gsize       len)
{
  if (in->offsets != NULL && in->n == in->cap)
    {
      in->cap = (guint32) MIN ((guint64) in->cap * 2, (guint64) SC_INTERN_ABSENT - 1);
      in->offsets = g_renew (guint64, in->offsets, in->cap);
      sc_memory_advise_huge (in->offsets, in->cap * sizeof (guint64));
    }
  if (in->buf_len + len + 1 > in->buf_cap)
    {
      in->buf_cap = MAX (in->buf_cap * 2, in->buf_len + len + 1);
      in->buf = g_realloc (in->buf, in->buf_cap);
      sc_memory_advise_huge (in->buf, in->buf_cap);
    }
  /* ids are short: two overlapping words rather than a call */
  if (len >= 8 && len <= 16)
    {
      guint64 head, last;

      memcpy (&head, key, 8);
      memcpy (&last, key + len - 8, 8);
      memcpy (in->buf + in->buf_len, &head, 8);
      memcpy (in->buf + in->buf_len + len - 8, &last, 8);
    }
  else
    memcpy (in->buf + in->buf_len, key, len);
  in->buf[in->buf_len + len] = '\0';
  if (in->offsets != NULL)
    in->offsets[in->n] = in->buf_len;
  in->last_off = in->buf_len;
  in->buf_len += len + 1;
  in->last_id = in->n;
  return in->n++;
}

/* The table's part of _sc_interner_intern(), once keys came out of order; out of line, so
 * that the sorted path saves no registers for it. */
static G_NO_INLINE guint32
intern_hashed (ScInterner *in,
               const char *key,
               gsize       len,
               gboolean    add,
               gboolean   *added)
{
  guint64 h;
  guint32 tag;
  gsize at;

  g_assert (in->slots != NULL);
  h = _sc_hash_bytes (key, len);
  tag = (guint32) (h >> 32) | 1;

  in->probes++;
  for (at = h & in->mask; in->slots[at] != 0; at = (at + 1) & in->mask)
    {
      in->probes++;
      if ((guint32) (in->slots[at] >> 32) == tag)
        {
          guint32 id = (guint32) in->slots[at];
          const char *k = in->buf + in->offsets[id];

          if (memcmp (k, key, len) == 0 && k[len] == '\0')
            return id;
        }
    }

  if (!add || in->n == SC_INTERN_ABSENT - 1)
    return SC_INTERN_ABSENT;

  in->slots[at] = ((guint64) tag << 32) | append_key (in, key, len);
  if (added != NULL)
    *added = TRUE;

  if ((gsize) in->n * 10 > (in->mask + 1) * 7)
    rehash (in, (in->mask + 1) * 2);
  return in->n - 1;
}

guint32
_sc_interner_intern (ScInterner *in,
                     const char *key,
                     gsize       len,
                     gboolean    add,
                     gboolean   *added)
{
  if (added != NULL)
    *added = FALSE;

  /* The last key added is also the largest while keys come in order: one comparison
   * tells a repeat of it (rows of one customer in a row) and the next key in order.  Its
   * length is where the next key would start, less its NUL. */
  if (in->n > 0)
    {
      const char *last = in->buf + in->last_off;
      gsize last_len = in->buf_len - in->last_off - 1;
      int cmp = compare_shortlex (key, len, last, last_len);

      if (cmp == 0)
        return (in->n - 1);
      if (in->sorted && cmp < 0)
        {
          /* Out of order: from now on, hash. */
          in->sorted = FALSE;
          rehash (in, table_size_for (MAX (in->expected, in->n)));
        }
    }
  if (!in->sorted)
    return intern_hashed (in, key, len, add, added);
  if (!add || in->n == SC_INTERN_ABSENT - 1)
    return SC_INTERN_ABSENT;
  if (added != NULL)
    *added = TRUE;
  return append_key (in, key, len);
}

void
_sc_hash_set_init (ScHashSet *set,
                   gsize      expected)
{
  set->mask = 4096 - 1;
  while ((set->mask + 1) / 2 < expected)
    set->mask = set->mask * 2 + 1;
  set->slot = new_slots (set->mask + 1);
  set->count = 0;
}

gboolean
_sc_hash_set_contains (const ScHashSet *set,
                       guint64          h)
{
  for (gsize at = h & set->mask; set->slot[at] != 0; at = (at + 1) & set->mask)
    if (set->slot[at] == h)
      return TRUE;
  return FALSE;
}

/* TRUE when h was already present. */
gboolean
_sc_hash_set_add (ScHashSet *set,
                  guint64    h)
{
  gsize at;

  for (at = h & set->mask; set->slot[at] != 0; at = (at + 1) & set->mask)
    if (set->slot[at] == h)
      return TRUE;
  set->slot[at] = h;
  if (++set->count * 2 > set->mask)
    {
      gsize new_mask = set->mask * 2 + 1;
      guint64 *slot = new_slots (new_mask + 1);

      for (gsize i = 0; i <= set->mask; i++)
        if (set->slot[i] != 0)
          {
            gsize j;
            for (j = set->slot[i] & new_mask; slot[j] != 0; j = (j + 1) & new_mask)
              ;
            slot[j] = set->slot[i];
          }
      g_free (set->slot);
      set->slot = slot;
      set->mask = new_mask;
    }
  return FALSE;
}
