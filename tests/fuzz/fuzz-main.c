/* fuzz-main.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs a fuzz target without libFuzzer.
 *
 *   fuzz-TARGET [--runs N] [--seed S] [--max-len BYTES] [--timeout SECONDS]
 *               [--crash-dir DIR] FILE|FOLDER…
 *
 * First every file named on the command line, and every file in every folder named there,
 * goes through LLVMFuzzerTestOneInput once (the replay: seed corpus and regression inputs).
 * Then, with --runs N, N new inputs made from those by simple mutations.  The test suite
 * runs both with the compiler of the build (and its sanitizers, when the build has them).
 *
 * The mutator has no coverage feedback; it is a cheap, deterministic smoke fuzzer.  Each
 * new input starts from a corpus entry (sorted by path) and gets one to four stacked
 * mutations: bit flips, random bytes, byte ranges inserted, deleted or duplicated, a splice
 * with another entry, and tokens from a dictionary of what goes wrong in shop exports
 * (delimiters, quotes, line ends, NUL, UTF-8 and Windows-1252 high bytes, huge and tiny
 * numbers, NaN, -0, dates at the ends of the calendar).  Random numbers come from a
 * SplitMix64 generator seeded with --seed, so the same seed over the same corpus makes the
 * same inputs on every machine.
 *
 * A failure must name its input.  The current input lives in one buffer; on a fatal signal
 * (SIGABRT from g_abort, FUZZ_CHECK or a fatal critical, SIGSEGV, SIGBUS, SIGFPE, SIGILL),
 * on a sanitizer's report (its death callback) and when one input runs longer than
 * --timeout seconds (SIGALRM), the handler writes that buffer to
 * DIR/crash-TARGET-seedS-runR with async-signal-safe calls only, prints the path and dies
 * with the original signal.  Nothing is written for inputs that pass, so runs stay fast. */

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

/* The sanitizers call this back before they exit; weak, so builds without them link. */
extern void __sanitizer_set_death_callback (void (*callback) (void)) __attribute__ ((weak));

typedef struct
{
  char  *path;
  guint8 *data;
  gsize  len;
} Entry;

static GPtrArray *corpus;      /* of Entry */

/* What the signal handler needs, prepared before any input runs. */
static const guint8 *current_data;
static volatile gsize current_len;
static volatile sig_atomic_t in_input;
static volatile guint64 current_run;     /* 0 in the replay, 1… for mutated inputs */
static char crash_prefix[4096];          /* DIR/crash-TARGET-seedS-run */
static char target_name[256];
static guint timeout_seconds = 20;

/* ---- async-signal-safe output ---- */

static void
safe_write (int         fd,
            const char *s,
            gsize       len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, s, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      s += n;
      len -= (gsize) n;
    }
}

static void
safe_puts (const char *s)
{
  safe_write (2, s, strlen (s));
}

/* Writes @v in decimal at the end of @buf (of @size bytes, NUL-terminated). */
static void
safe_append_u64 (char    *buf,
                 gsize    size,
                 guint64  v)
{
  char digits[21];
  int n = 0;
  gsize len = strlen (buf);

  do
    {
      digits[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  while (n > 0 && len + 1 < size)
    buf[len++] = digits[--n];
  buf[len] = '\0';
}

static void
save_current_input (const char *why)
{
  char path[sizeof crash_prefix + 24];
  int fd;

  if (!in_input)
    return;
  in_input = FALSE;

  safe_puts ("\n== ");
  safe_puts (why);
  if (current_run == 0)
    {
      /* A corpus file: it is named on the line above. */
      safe_puts (" while replaying the input named above\n");
      return;
    }
  memcpy (path, crash_prefix, sizeof crash_prefix);
  safe_append_u64 (path, sizeof path, current_run);
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      safe_puts (", and the input could not be saved to ");
      safe_puts (path);
      safe_puts ("\n");
      return;
    }
  safe_write (fd, (const char *) current_data, current_len);
  close (fd);
  safe_puts ("; the input is saved to ");
  safe_puts (path);
  safe_puts ("\n== replay it with: ");
  safe_puts (target_name);
  safe_puts (" ");
  safe_puts (path);
  safe_puts ("   (add it to the corpus as a regression input once it is fixed)\n");
}

static void
on_fatal_signal (int sig)
{
  save_current_input (sig == SIGALRM ? "a timeout" : "a crash or a broken invariant");
  signal (sig == SIGALRM ? SIGABRT : sig, SIG_DFL);
  raise (sig == SIGALRM ? SIGABRT : sig);
}

static void
on_sanitizer_death (void)
{
  save_current_input ("a sanitizer finding");
}

static void
install_handlers (void)
{
  static const int signals[] = { SIGABRT, SIGALRM, SIGSEGV, SIGBUS, SIGFPE, SIGILL };
  gboolean sanitized = __sanitizer_set_death_callback != NULL;
  struct sigaction sa = { 0 };

  sa.sa_handler = on_fatal_signal;
  sigemptyset (&sa.sa_mask);
  /* SA_ONSTACK: a stack overflow still gets its input saved when a sanitizer set up an
   * alternate stack. */
  sa.sa_flags = SA_RESETHAND | SA_ONSTACK;
  /* Under a sanitizer, memory faults stay with its handler (which reports them and then
   * calls the death callback); only aborts and timeouts come here. */
  for (guint i = 0; i < (sanitized ? 2 : G_N_ELEMENTS (signals)); i++)
    sigaction (signals[i], &sa, NULL);
  if (sanitized)
    __sanitizer_set_death_callback (on_sanitizer_death);
}

/* Runs one input from an exact-size heap copy, so that reading one byte past the end is a
 * sanitizer finding, as under libFuzzer. */
static void
run_input (const guint8 *data,
           gsize         len)
{
  g_autofree guint8 *copy = g_malloc (MAX (len, 1));

  memcpy (copy, data, len);
  current_data = copy;
  current_len = len;
  in_input = TRUE;
  if (timeout_seconds > 0)
    alarm (timeout_seconds);
  LLVMFuzzerTestOneInput (copy, len);
  if (timeout_seconds > 0)
    alarm (0);
  in_input = FALSE;
}

/* ---- the corpus ---- */

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_free (e->path);
  g_free (e->data);
  g_free (e);
}

static void
add_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  Entry *e = g_new0 (Entry, 1);
  char *data;

  if (!g_file_get_contents (path, &data, &e->len, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (2);
    }
  e->data = (guint8 *) data;
  e->path = g_strdup (path);
  g_ptr_array_add (corpus, e);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
add_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      add_file (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_printerr ("cannot read folder %s\n", path);
      exit (2);
    }
  /* Sorted, so a failure names the same input, and a seed makes the same inputs, on every
   * machine. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    if (g_file_test (g_ptr_array_index (names, i), G_FILE_TEST_IS_REGULAR))
      add_file (g_ptr_array_index (names, i));
}

/* ---- the mutator ---- */

typedef struct
{
  guint64 state;
} Rng;

/* SplitMix64: tiny, fast and the same everywhere. */
static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* A number in [0, n), n > 0. */
static gsize
rng_below (Rng   *rng,
           gsize  n)
{
  return (gsize) (rng_next (rng) % n);
}

#define TOKEN(s) { s, sizeof s - 1 }
static const struct
{
  const char *s;
  gsize       len;
} tokens[] = {
  /* separators, quotes, line ends */
  TOKEN (","), TOKEN (";"), TOKEN ("\t"), TOKEN ("|"), TOKEN (" "), TOKEN ("   "),
  TOKEN ("\""), TOKEN ("'"), TOKEN ("\"\""), TOKEN ("\"a,\"\"b\"\"\""), TOKEN ("\r\n"),
  TOKEN ("\r"), TOKEN ("\n"), TOKEN ("\n\n"), TOKEN ("\0"), TOKEN ("sep=;\n"),
  TOKEN ("sep=,\r\n"),
  /* encodings: UTF-8 (BOM, ü, €, an emoji, a zero-width joiner), broken UTF-8 (a lone lead
   * byte, a surrogate, an overlong NUL), Windows-1252 high bytes (€ ü ÿ and unassigned) */
  TOKEN ("\xef\xbb\xbf"), TOKEN ("\xc3\xbc"), TOKEN ("\xe2\x82\xac"),
  TOKEN ("\xf0\x9f\x98\x80"), TOKEN ("\xe2\x80\x8d"), TOKEN ("\xc3"), TOKEN ("\xe2\x82"),
  TOKEN ("\xed\xa0\x80"), TOKEN ("\xc0\x80"), TOKEN ("\x80"), TOKEN ("\xfc"), TOKEN ("\xff"),
  TOKEN ("\x81"), TOKEN ("\x9d"), TOKEN ("M\xfcller"), TOKEN ("M\xc3\xbcller"),
  TOKEN ("\x1b[31m"),
  /* numbers */
  TOKEN ("0"), TOKEN ("1"), TOKEN ("-1"), TOKEN ("-0"), TOKEN ("0.0"), TOKEN ("-0,0"),
  TOKEN ("1e308"), TOKEN ("-1e308"), TOKEN ("1e309"), TOKEN ("1e-400"), TOKEN ("4.9e-324"),
  TOKEN ("NaN"), TOKEN ("nan"), TOKEN ("inf"), TOKEN ("-Infinity"), TOKEN ("0x1p3"),
  TOKEN ("1,234.56"), TOKEN ("1.234,56"), TOKEN ("1 234,56"), TOKEN ("(12.50)"),
  TOKEN ("$12.00"), TOKEN ("\xe2\x82\xac 12,00"), TOKEN ("12%"), TOKEN ("+.5"), TOKEN ("5."),
  TOKEN ("12345678901234567890123456789012345678901234567890"),
  TOKEN ("99999999999999999999"), TOKEN ("18446744073709551616"), TOKEN ("2147483648"),
  TOKEN ("1e36"), TOKEN ("1000000000000"),
  /* dates */
  TOKEN ("9999-12-31"), TOKEN ("0001-01-01"), TOKEN ("1582-10-10"), TOKEN ("1970-01-01"),
  TOKEN ("2024-02-29"), TOKEN ("2023-02-29"), TOKEN ("2023-13-01"), TOKEN ("31/12/9999"),
  TOKEN ("12/31/1999"), TOKEN ("29.02.2000"), TOKEN ("20231215"), TOKEN ("99991231"),
  TOKEN ("2023-06-01T12:30:00Z"), TOKEN ("2023-06-01 12:30:00+02:00"), TOKEN ("1/2/03"),
  /* other cells and names */
  TOKEN ("yes"), TOKEN ("FALSE"), TOKEN ("n/a"), TOKEN ("NULL"), TOKEN ("-"), TOKEN ("#1001"),
  TOKEN ("=1+1"), TOKEN ("customer_id"), TOKEN ("Order ID"), TOKEN ("order_date"),
  TOKEN ("amount"), TOKEN ("Quantity"), TOKEN ("unit price"), TOKEN ("consent"),
  TOKEN ("email"), TOKEN ("a@b.c"), TOKEN ("C001"), TOKEN ("00001"),
};
#undef TOKEN

/* Bytes worth putting anywhere. */
static const guint8 interesting_bytes[] = {
  0x00, '\t', '\n', '\r', ' ', '"', '\'', ',', '.', ';', '|', '-', '+', 'e', '0', '9', '/',
  ':', 0x7f, 0x80, 0x9f, 0xa0, 0xc2, 0xc3, 0xe2, 0xef, 0xf0, 0xf4, 0xfc, 0xff,
};

static void
insert_bytes (GByteArray   *buf,
              gsize         at,
              const guint8 *bytes,
              gsize         n)
{
  g_byte_array_set_size (buf, buf->len + n);
  memmove (buf->data + at + n, buf->data + at, buf->len - n - at);
  memcpy (buf->data + at, bytes, n);
}

static void
mutate_once (Rng        *rng,
             GByteArray *buf)
{
  gsize len = buf->len;

  switch (rng_below (rng, 11))
    {
    case 0: /* flip a bit */
      if (len > 0)
        buf->data[rng_below (rng, len)] ^= (guint8) (1u << rng_below (rng, 8));
      break;
    case 1: /* set a byte: random or interesting */
      if (len > 0)
        buf->data[rng_below (rng, len)] =
          rng_below (rng, 2) ? (guint8) rng_next (rng)
                             : interesting_bytes[rng_below (rng, sizeof interesting_bytes)];
      break;
    case 2: /* insert a few bytes */
      {
        guint8 bytes[4];
        gsize n = 1 + rng_below (rng, sizeof bytes);

        for (gsize i = 0; i < n; i++)
          bytes[i] = rng_below (rng, 2)
                       ? (guint8) rng_next (rng)
                       : interesting_bytes[rng_below (rng, sizeof interesting_bytes)];
        insert_bytes (buf, rng_below (rng, len + 1), bytes, n);
      }
      break;
    case 3: /* delete a range, mostly short */
      if (len > 0)
        {
          gsize at = rng_below (rng, len);
          gsize n = 1 + rng_below (rng, rng_below (rng, 4) == 0 ? len - at : MIN (len - at, 8));

          g_byte_array_remove_range (buf, (guint) at, (guint) n);
        }
      break;
    case 4: /* duplicate a range (a cell, a line) somewhere */
      if (len > 0)
        {
          gsize from = rng_below (rng, len);
          gsize n = 1 + rng_below (rng, MIN (len - from, 64));
          g_autofree guint8 *copy = g_memdup2 (buf->data + from, n);

          insert_bytes (buf, rng_below (rng, len + 1), copy, n);
        }
      break;
    case 5: /* repeat one byte many times: long digit strings, long runs of spaces */
      if (len > 0)
        {
          guint8 run[256];
          gsize at = rng_below (rng, len);
          gsize n = 2 + rng_below (rng, sizeof run - 2);

          memset (run, buf->data[at], n);
          insert_bytes (buf, at, run, n);
        }
      break;
    case 6: /* splice: this input up to a point, another one from a point */
      {
        const Entry *other = g_ptr_array_index (corpus, rng_below (rng, corpus->len));
        gsize cut = rng_below (rng, len + 1);
        gsize from = rng_below (rng, other->len + 1);

        g_byte_array_set_size (buf, (guint) cut);
        g_byte_array_append (buf, other->data + from, (guint) (other->len - from));
      }
      break;
    case 7: /* insert a chunk of another input */
      {
        const Entry *other = g_ptr_array_index (corpus, rng_below (rng, corpus->len));
        gsize from = rng_below (rng, other->len + 1);
        gsize n = rng_below (rng, MIN (other->len - from, 128) + 1);

        insert_bytes (buf, rng_below (rng, len + 1), other->data + from, n);
      }
      break;
    case 8: /* insert a token */
    case 9:
      {
        gsize k = rng_below (rng, G_N_ELEMENTS (tokens));

        insert_bytes (buf, rng_below (rng, len + 1), (const guint8 *) tokens[k].s,
                      tokens[k].len);
      }
      break;
    default: /* replace a short range (a cell's value, say) with a token */
      {
        gsize k = rng_below (rng, G_N_ELEMENTS (tokens));
        gsize at = rng_below (rng, len + 1);
        gsize n = rng_below (rng, MIN (len - at, 12) + 1);

        g_byte_array_remove_range (buf, (guint) at, (guint) n);
        insert_bytes (buf, at, (const guint8 *) tokens[k].s, tokens[k].len);
      }
      break;
    }
}

static void
run_mutations (guint64 runs,
               guint64 seed,
               gsize   max_len)
{
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  Rng rng = { seed };

  for (guint64 r = 1; r <= runs; r++)
    {
      const Entry *base = g_ptr_array_index (corpus, rng_below (&rng, corpus->len));
      gsize n_mutations = 1 + rng_below (&rng, 4);

      g_byte_array_set_size (buf, 0);
      g_byte_array_append (buf, base->data, (guint) base->len);
      for (gsize m = 0; m < n_mutations; m++)
        mutate_once (&rng, buf);
      if (buf->len > max_len)
        g_byte_array_set_size (buf, (guint) max_len);

      current_run = r;
      run_input (buf->data, buf->len);
    }
}

/* ---- main ---- */

static gboolean
parse_count (const char *option,
             const char *value,
             guint64     max,
             guint64    *out)
{
  g_autoptr(GError) error = NULL;

  if (value == NULL ||
      !g_ascii_string_to_unsigned (value, 10, 0, max, out, &error))
    {
      g_printerr ("%s needs a number: %s\n", option, error ? error->message : "missing");
      return FALSE;
    }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *target = g_path_get_basename (argv[0]);
  g_autofree char *crash_dir = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  guint64 runs = 0, seed = 1, max_len = 8192, timeout = 20;

  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      const char *value = i + 1 < argc ? argv[i + 1] : NULL;

      if (g_str_equal (arg, "--runs"))
        {
          if (!parse_count (arg, value, G_MAXUINT64, &runs))
            return 2;
          i++;
        }
      else if (g_str_equal (arg, "--seed"))
        {
          if (!parse_count (arg, value, G_MAXUINT64, &seed))
            return 2;
          i++;
        }
      else if (g_str_equal (arg, "--max-len"))
        {
          if (!parse_count (arg, value, 16 * 1024 * 1024, &max_len))
            return 2;
          i++;
        }
      else if (g_str_equal (arg, "--timeout"))
        {
          if (!parse_count (arg, value, 3600, &timeout))
            return 2;
          i++;
        }
      else if (g_str_equal (arg, "--crash-dir"))
        {
          if (value == NULL)
            {
              g_printerr ("--crash-dir needs a folder\n");
              return 2;
            }
          g_free (crash_dir);
          crash_dir = g_strdup (value);
          i++;
        }
      else if (g_str_has_prefix (arg, "--"))
        {
          g_printerr ("unknown option %s\n", arg);
          return 2;
        }
      else
        g_ptr_array_add (paths, argv[i]);
    }
  if (paths->len == 0)
    {
      g_printerr ("usage: %s [--runs N] [--seed S] [--max-len BYTES] [--timeout SECONDS] "
                  "[--crash-dir DIR] FILE|FOLDER…\n", argv[0]);
      return 2;
    }
  timeout_seconds = (guint) timeout;

  {
    g_autofree char *dir = crash_dir != NULL ? g_strdup (crash_dir) : g_get_current_dir ();
    g_autofree char *name = g_strdup_printf ("crash-%s-seed%" G_GUINT64_FORMAT "-run", target,
                                             seed);
    g_autofree char *prefix = g_build_filename (dir, name, NULL);

    if (strlen (prefix) >= sizeof crash_prefix)
      {
        g_printerr ("the crash folder's path is too long\n");
        return 2;
      }
    strcpy (crash_prefix, prefix);
    g_strlcpy (target_name, argv[0], sizeof target_name);
  }

  corpus = g_ptr_array_new_with_free_func (entry_free);
  for (guint i = 0; i < paths->len; i++)
    add_path (g_ptr_array_index (paths, i));
  if (corpus->len == 0)
    {
      g_printerr ("no inputs found\n");
      return 1;
    }

  LLVMFuzzerInitialize (&argc, &argv);
  install_handlers ();

  for (guint i = 0; i < corpus->len; i++)
    {
      const Entry *e = g_ptr_array_index (corpus, i);

      g_print ("%s\n", e->path);
      current_run = 0;
      run_input (e->data, e->len);
    }
  if (runs > 0)
    {
      gint64 start = g_get_monotonic_time ();

      g_print ("%" G_GUINT64_FORMAT " mutated inputs, seed %" G_GUINT64_FORMAT "\n", runs, seed);
      run_mutations (runs, seed, (gsize) max_len);
      g_print ("%" G_GUINT64_FORMAT " mutated inputs in %.1f s\n", runs,
               (g_get_monotonic_time () - start) / 1e6);
    }
  g_print ("%u inputs and %" G_GUINT64_FORMAT " mutated inputs, no invariant broken\n",
           corpus->len, runs);
  g_ptr_array_unref (corpus);
  return 0;
}
