/* sc-rng.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A small deterministic random number generator for reproducible analyses: the same seed
 * gives the same numbers on every platform and with every GLib version, which GRand does
 * not promise.  xoshiro256** (Blackman & Vigna) seeded by splitmix64, as its authors
 * recommend.  Independent streams (one per k-means restart, one per sample) are derived by
 * hashing (seed, stream) into the splitmix64 state, so a stream never depends on how many
 * numbers another stream drew — which is what keeps results independent of threading. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint64 s[4];
} ScRng;

static inline guint64
sc_rng_splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline guint64
sc_rng_rotl (guint64 x,
             int     r)
{
  return (x << r) | (x >> (64 - r));
}

/**
 * sc_rng_init_stream:
 * @rng: the generator to initialise
 * @seed: the user-visible seed
 * @stream: which independent stream of that seed
 *
 * Seeds @rng with stream @stream of @seed.  Different streams of one seed are statistically
 * independent; the same (seed, stream) always gives the same sequence.
 */
static inline void
sc_rng_init_stream (ScRng   *rng,
                    guint64  seed,
                    guint64  stream)
{
  guint64 mix = stream + G_GUINT64_CONSTANT (0x632BE59BD9B4E019);
  guint64 state = seed ^ sc_rng_splitmix64 (&mix);

  for (guint i = 0; i < 4; i++)
    rng->s[i] = sc_rng_splitmix64 (&state);

  /* xoshiro's only forbidden state; splitmix64 cannot produce it, but a cheap guard costs
   * nothing and keeps the generator well defined whatever the mixing above becomes. */
  if ((rng->s[0] | rng->s[1] | rng->s[2] | rng->s[3]) == 0)
    rng->s[0] = 1;
}

static inline void
sc_rng_init (ScRng   *rng,
             guint64  seed)
{
  sc_rng_init_stream (rng, seed, 0);
}

static inline guint64
sc_rng_next (ScRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = sc_rng_rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = sc_rng_rotl (s[3], 45);

  return result;
}

/* Uniform in [0, 1), with 53 random bits. */
static inline double
sc_rng_double (ScRng *rng)
{
  return (double) (sc_rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Uniform in [0, bound), without modulo bias: draws below 2^64 mod bound are rejected, so
 * the remaining range is a whole multiple of bound.  0 when bound is 0. */
static inline guint64
sc_rng_uniform (ScRng   *rng,
                guint64  bound)
{
  guint64 threshold;
  guint64 r;

  if (bound == 0)
    return 0;

  threshold = -bound % bound;
  do
    r = sc_rng_next (rng);
  while (r < threshold);

  return r % bound;
}

/**
 * sc_rng_sample_sorted:
 * @rng: the generator
 * @n: population size
 * @m: sample size, at most @n
 * @out: (out caller-allocates) (array length=m): the chosen indices
 *
 * Draws a uniform random subset of @m distinct indices of 0..@n-1 and writes it in
 * ascending order (selection sampling, Knuth's Algorithm S), so that a sample of rows is
 * read front to back through memory.  O(@n) time, no extra memory.
 */
static inline void
sc_rng_sample_sorted (ScRng   *rng,
                      gsize    n,
                      gsize    m,
                      gsize   *out)
{
  gsize chosen = 0;

  g_return_if_fail (m <= n);

  for (gsize i = 0; i < n && chosen < m; i++)
    {
      /* Take row i with probability (still needed) / (still available); exact in
       * doubles for any n below 2^53. */
      if ((double) (n - i) * sc_rng_double (rng) < (double) (m - chosen))
        out[chosen++] = i;
    }

  g_assert (chosen == m);
}

G_END_DECLS
