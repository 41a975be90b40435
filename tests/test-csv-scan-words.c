/* test-csv-scan-words.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The CSV reader splits most records a word at a time and falls back to its general scanner
 * for the rest (sc-csv-scan.c): both must give the same records bit for bit.  Seeded inputs
 * mix plain fields of every length (so records and fields start at every offset in a
 * word), quoted fields with doubled quotes, line ends and text after the closing quote,
 * quotes inside unquoted fields, bytes >= 0x80 (UTF-8 and not), NUL bytes, empty fields,
 * blank lines, LF, CR LF and lone CR line ends, a last record with or without its line end
 * and unterminated quotes; every delimiter and quoting the reader takes.  Each input is
 * read by two readers, one forced to the general scanner, with the same small buffer (so
 * records also cross the end of the buffered data at every offset) or the default one, and
 * every record is compared: fields with their lengths, line numbers, offsets, the record's
 * bytes as split in place, its raw text and whether that is just the split record, and the
 * fields flagged as invalid text; errors must be the same message at the same record. */

#include <string.h>

#include "sc-csv-private.h"
#include "sc-intern-private.h"

static const char plain_bytes[] = "abcxyzABC0123456789-._/:@ ";

static void
append_plain (GString *s,
              GRand   *rand,
              guint    max_len)
{
  guint len = g_rand_int_range (rand, 0, max_len + 1);

  for (guint i = 0; i < len; i++)
    g_string_append_c (s, plain_bytes[g_rand_int_range (rand, 0, sizeof plain_bytes - 1)]);
}

static void
append_line_end (GString *s,
                 GRand   *rand)
{
  guint r = g_rand_int_range (rand, 0, 10);

  g_string_append (s, r < 6 ? "\n" : r < 9 ? "\r\n" : "\r");
}

/* One field, mostly plain; @delim and @quote as the dialect has them. */
static void
append_field (GString *s,
              GRand   *rand,
              char     delim,
              char     quote)
{
  guint kind = g_rand_int_range (rand, 0, 100);

  if (kind < 70)
    append_plain (s, rand, kind < 20 ? 3 : 24);
  else if (kind < 76 && quote != '\0')
    {
      /* quoted, with a delimiter, doubled quotes and line ends inside */
      g_string_append_c (s, quote);
      append_plain (s, rand, 8);
      if (g_rand_boolean (rand))
        g_string_append_c (s, delim);
      if (g_rand_boolean (rand))
        g_string_append_printf (s, "%c%c", quote, quote);
      if (g_rand_int_range (rand, 0, 3) == 0)
        append_line_end (s, rand);
      append_plain (s, rand, 8);
      g_string_append_c (s, quote);
      if (g_rand_int_range (rand, 0, 4) == 0)
        append_plain (s, rand, 5);    /* text after the closing quote */
    }
  else if (kind < 82)
    {
      /* a quote inside an unquoted field is literal */
      g_string_append_c (s, plain_bytes[g_rand_int_range (rand, 0, 10)]);
      g_string_append_c (s, quote != '\0' ? quote : '"');
      append_plain (s, rand, 6);
    }
  else if (kind < 88)
    {
      append_plain (s, rand, 6);
      g_string_append (s, g_rand_boolean (rand) ? "M\xc3\xbcller" : "Ren\xe9");
      append_plain (s, rand, 6);
    }
  else if (kind < 90)
    {
      append_plain (s, rand, 4);
      g_string_append_len (s, "\0", 1);
      append_plain (s, rand, 4);
    }
  else if (kind < 93)
    g_string_append (s, "\xef\xbb\xbf");    /* a byte order mark inside a field */
  else
    append_plain (s, rand, 40);
}

static GString *
make_input (GRand *rand,
            char   delim,
            char   quote)
{
  GString *s = g_string_new (NULL);
  guint n_records = g_rand_int_range (rand, 1, 400);
  guint n_fields = g_rand_int_range (rand, 1, 9);
  /* blank lines first put the records at another offset */
  guint shift = g_rand_int_range (rand, 0, 9);

  for (guint i = 0; i < shift; i++)
    g_string_append_c (s, '\n');
  for (guint r = 0; r < n_records; r++)
    {
      guint n = g_rand_int_range (rand, 0, 10) == 0 ? (guint) g_rand_int_range (rand, 1, 20)
                                                    : n_fields;

      if (g_rand_int_range (rand, 0, 40) == 0)
        {
          append_line_end (s, rand);    /* a blank line */
          continue;
        }
      for (guint f = 0; f < n; f++)
        {
          if (f > 0)
            g_string_append_c (s, delim);
          append_field (s, rand, delim, quote);
        }
      if (r + 1 < n_records || g_rand_boolean (rand))
        append_line_end (s, rand);
    }
  /* now and then a quote that never closes */
  if (quote != '\0' && g_rand_int_range (rand, 0, 12) == 0)
    {
      g_string_append_c (s, quote);
      append_plain (s, rand, 10);
    }
  return s;
}

static ScCsvReader *
open_reader (const GString      *text,
             const ScCsvDialect *dialect,
             gsize               cap,
             gboolean            plain)
{
  ScCsvReader *r = sc_csv_reader_new_from_data (text->str, text->len, dialect);

  r->plain_scan = plain;
  /* a smaller buffer than the one allocated: the reader grows it by itself when a record
   * does not fit */
  r->cap = cap > 0 ? MIN (cap, r->cap) : r->cap;
  return r;
}

static gsize
compare_readers (const GString      *text,
                 const ScCsvDialect *dialect,
                 gsize               cap)
{
  g_autoptr(ScCsvReader) a = open_reader (text, dialect, cap, TRUE);
  g_autoptr(ScCsvReader) b = open_reader (text, dialect, cap, FALSE);
  gsize n_records = 0;

  for (;;)
    {
      GError *error_a = NULL, *error_b = NULL;
      guint n_a = 0, n_b = 0;
      char **fields_a = NULL, **fields_b = NULL;
      gsize *lengths_a = NULL, *lengths_b = NULL;
      gboolean more_a = sc_csv_reader_next (a, &n_a, &fields_a, &lengths_a, &error_a);
      gboolean more_b = sc_csv_reader_next (b, &n_b, &fields_b, &lengths_b, &error_b);
      const char *rec_a, *rec_b, *raw_a, *raw_b;
      gsize len_a, len_b;

      g_assert_cmpint (more_a, ==, more_b);
      g_assert_cmpuint (sc_csv_reader_get_offset (a), ==, sc_csv_reader_get_offset (b));
      g_assert_cmpuint (sc_csv_reader_get_next_line (a), ==, sc_csv_reader_get_next_line (b));
      if (!more_a)
        {
          g_assert_true ((error_a == NULL) == (error_b == NULL));
          if (error_a != NULL)
            {
              g_assert_cmpstr (error_a->message, ==, error_b->message);
              g_assert_true (g_error_matches (error_b, error_a->domain, error_a->code));
            }
          g_clear_error (&error_a);
          g_clear_error (&error_b);
          return n_records;
        }
      n_records++;
      g_assert_cmpuint (n_a, ==, n_b);
      g_assert_cmpuint (sc_csv_reader_get_line (a), ==, sc_csv_reader_get_line (b));
      for (guint i = 0; i < n_a; i++)
        {
          g_assert_cmpuint (lengths_a[i], ==, lengths_b[i]);
          g_assert_cmpmem (fields_a[i], lengths_a[i] + 1, fields_b[i], lengths_b[i] + 1);
          g_assert_cmpint (sc_csv_reader_get_invalid (a, i), ==, sc_csv_reader_get_invalid (b, i));
        }
      rec_a = sc_csv_reader_get_record (a, &len_a);
      rec_b = sc_csv_reader_get_record (b, &len_b);
      g_assert_cmpmem (rec_a, len_a, rec_b, len_b);
      /* the raw text's hash taken from the record (sc_csv_reader_hash_split()): exactly
       * when the raw text is the split record and holds no NUL of its own, and then the
       * hash of the raw text */
      {
        guint64 hash = 0;
        gboolean hashed = sc_csv_reader_hash_split (a, &hash);
        gsize raw_len;
        const char *raw = sc_csv_reader_get_raw (a, &raw_len);

        g_assert_cmpint (hashed, ==, sc_csv_reader_raw_is_split (a) &&
                                     memchr (raw, '\0', raw_len) == NULL);
        if (hashed)
          g_assert_cmpuint (hash, ==, _sc_hash_bytes (raw, raw_len));
      }
      g_assert_cmpint (sc_csv_reader_raw_is_split (a), ==, sc_csv_reader_raw_is_split (b));
      raw_a = sc_csv_reader_get_raw (a, &len_a);
      raw_b = sc_csv_reader_get_raw (b, &len_b);
      g_assert_cmpmem (raw_a, len_a, raw_b, len_b);
    }
}

static void
test_scan_words_generated (void)
{
  static const char delims[] = { ',', ';', '\t', '|' };
  static const char quotes[] = { '"', '\'', '\0' };
  gsize total = 0;

  for (guint32 seed = 1; seed <= 1500; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      ScCsvDialect dialect;
      g_autoptr(GString) text = NULL;
      /* small buffers: records cross the end of the buffered data everywhere */
      static const gsize caps[] = { 0, 61, 64, 97, 128, 509 };

      sc_csv_dialect_init_default (&dialect);
      dialect.delimiter = delims[g_rand_int_range (rand, 0, G_N_ELEMENTS (delims))];
      dialect.quote = quotes[g_rand_int_range (rand, 0, G_N_ELEMENTS (quotes))];
      dialect.encoding = g_rand_boolean (rand) ? SC_ENCODING_UTF8 : SC_ENCODING_WINDOWS_1252;
      text = make_input (rand, dialect.delimiter, dialect.quote);
      for (guint c = 0; c < G_N_ELEMENTS (caps); c++)
        total += compare_readers (text, &dialect, caps[c]);
    }
  /* the inputs hold records: the comparison is not of empty readers */
  g_assert_cmpuint (total, >, 1500 * 6 * 50);
}

/* A file of plain records such as an export: the word-at-a-time scan splits them all, and
 * the records and their fields come out as written. */
static void
test_scan_words_plain_records (void)
{
  g_autoptr(GString) text = g_string_new ("order_id,customer_id,order_date,amount\n");
  g_autoptr(ScCsvReader) r = NULL;
  ScCsvDialect dialect;
  guint n;
  char **fields;
  gsize *lengths;
  GError *error = NULL;
  guint line = 1;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "O%08u,C%0*u,2024-03-%02u,%u.%02u%s", i, 1 + i % 11, i / 3,
                            1 + i % 28, i % 997, i % 100, i % 3 == 0 ? "\r\n" : "\n");
  sc_csv_dialect_init_default (&dialect);
  r = sc_csv_reader_new_from_data (text->str, text->len, &dialect);
  g_assert_true (sc_csv_reader_next (r, &n, &fields, &lengths, &error));
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (fields[3], ==, "amount");
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *order = g_strdup_printf ("O%08u", i);
      g_autofree char *customer = g_strdup_printf ("C%0*u", 1 + i % 11, i / 3);
      g_autofree char *amount = g_strdup_printf ("%u.%02u", i % 997, i % 100);

      g_assert_true (sc_csv_reader_next (r, &n, &fields, &lengths, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (sc_csv_reader_get_line (r), ==, ++line);
      g_assert_cmpuint (n, ==, 4);
      g_assert_cmpstr (fields[0], ==, order);
      g_assert_cmpstr (fields[1], ==, customer);
      g_assert_cmpuint (lengths[1], ==, strlen (customer));
      g_assert_cmpstr (fields[3], ==, amount);
      g_assert_true (sc_csv_reader_raw_is_split (r));
    }
  g_assert_false (sc_csv_reader_next (r, &n, &fields, &lengths, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/Csv/scan-words/generated", test_scan_words_generated);
  g_test_add_func ("/Core/Csv/scan-words/plain-records", test_scan_words_plain_records);
  return g_test_run ();
}
