/* test-contact.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Contact fields: e-mail addresses checked and normalised, the matching key of the ad
 * platforms, contact roles proposed for customer-list columns, and the one CSV writer (byte
 * order mark, line ends, formula neutralisation, phone numbers). */

#include <glib.h>
#include <string.h>

#include "sc-contact.h"
#include "sc-csv-writer.h"
#include "sc-detect.h"

static void
assert_email (const char *raw,
              const char *expected)
{
  g_autofree char *reason = NULL;
  g_autofree char *got = sc_email_normalize (raw, &reason);

  if (g_strcmp0 (got, expected) != 0)
    g_error ("“%s”: got “%s” (%s), expected “%s”", raw, got, reason, expected);
  if (expected == NULL)
    {
      g_assert_nonnull (reason);
      g_assert_true (g_str_has_prefix (reason, "not an e-mail address: "));
      g_assert_false (sc_email_looks_valid (raw));
    }
  else
    {
      g_assert_null (reason);
      g_assert_true (sc_email_looks_valid (raw));
    }
}

static void
test_email_valid (void)
{
  /* trimmed; the domain lower-cased, the local part kept */
  assert_email ("  Ada.Lovelace@Example.COM \t", "Ada.Lovelace@example.com");
  assert_email ("a.b+tag@sub.example.co.uk", "a.b+tag@sub.example.co.uk");
  assert_email ("o'brien@example.ie", "o'brien@example.ie");
  assert_email ("x@a-b.example", "x@a-b.example");
  /* formula characters are valid in a local part: the writer neutralises them */
  assert_email ("=1+2@example.com", "=1+2@example.com");
  assert_email ("-dash@example.com", "-dash@example.com");
  /* internationalised addresses (RFC 6531): the domain lower-cased as Unicode */
  assert_email ("Jörg@BÜCHER.de", "Jörg@bücher.de");
}

static void
test_email_invalid (void)
{
  g_autofree char *long_local = g_strnfill (65, 'a');
  g_autofree char *long_local_email = g_strconcat (long_local, "@example.com", NULL);
  g_autofree char *ok_local = g_strnfill (64, 'a');
  g_autofree char *ok_local_email = g_strconcat (ok_local, "@example.com", NULL);
  g_autofree char *long_label = g_strnfill (64, 'b');
  g_autofree char *long_label_email = g_strconcat ("a@", long_label, ".com", NULL);
  const char *bad[] = {
    "", "   ", "no-at-sign", "a@b", "a@@example.com", "a@b@example.com", "@example.com",
    "a@", "a@.com", "a@example.", "a@example..com", "a..b@example.com", ".a@example.com",
    "a.@example.com", "a@-x.com", "a@x-.com", "a@example.123", "a b@example.com",
    "a@exa mple.com", "\"quoted\"@example.com", "a(comment)@example.com", "a@[127.0.0.1]",
    "a@exa_mple.com", "a,b@example.com", "a@example.com\nb@example.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_email (bad[i], NULL);
  assert_email (long_local_email, NULL);
  assert_email (ok_local_email, ok_local_email);
  assert_email (long_label_email, NULL);
  assert_email ("\xff\xfe@example.com", NULL);
  assert_email (NULL, NULL);
}

/* Generated addresses: every valid one is accepted and comes back with its domain
 * lower-cased; the same with a character an address cannot hold, or a doubled dot, is
 * refused. */
static void
test_email_property (void)
{
  static const char local_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                    "0123456789!#$%&'*+/=?^_`{|}~-";
  static const char domain_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static const char forbidden[] = ",;:<>()[]\\\"";
  GRand *rand = g_rand_new_with_seed (20260317);

  for (guint iter = 0; iter < 2000; iter++)
    {
      g_autoptr(GString) local = g_string_new (NULL);
      g_autoptr(GString) domain = g_string_new (NULL);
      g_autofree char *email = NULL, *expected = NULL, *lower = NULL;
      g_autofree char *got = NULL, *broken = NULL, *doubled = NULL;
      guint n_local = g_rand_int_range (rand, 1, 20);
      guint n_labels = g_rand_int_range (rand, 2, 4);
      guint pos;

      for (guint i = 0; i < n_local; i++)
        {
          if (i > 0 && i + 1 < n_local && local->str[local->len - 1] != '.' &&
              g_rand_int_range (rand, 0, 8) == 0)
            g_string_append_c (local, '.');
          else
            g_string_append_c (local, local_chars[g_rand_int_range (rand, 0,
                                                                   sizeof local_chars - 1)]);
        }
      for (guint l = 0; l < n_labels; l++)
        {
          guint n = g_rand_int_range (rand, 1, 10);

          if (l > 0)
            g_string_append_c (domain, '.');
          for (guint i = 0; i < n; i++)
            g_string_append_c (domain, domain_chars[g_rand_int_range (rand, 0,
                                                                     l + 1 == n_labels ? 52
                                                                     : sizeof domain_chars - 1)]);
        }
      email = g_strdup_printf ("%s%s@%s%s", g_rand_boolean (rand) ? " " : "", local->str,
                               domain->str, g_rand_boolean (rand) ? "\t" : "");
      lower = g_ascii_strdown (domain->str, -1);
      expected = g_strdup_printf ("%s@%s", local->str, lower);
      got = sc_email_normalize (email, NULL);
      g_assert_cmpstr (got, ==, expected);

      /* a forbidden character anywhere in the local part */
      pos = g_rand_int_range (rand, 0, local->len + 1);
      broken = g_strdup_printf ("%.*s%c%s@%s", pos, local->str,
                                forbidden[g_rand_int_range (rand, 0, sizeof forbidden - 1)],
                                local->str + pos, domain->str);
      g_assert_false (sc_email_looks_valid (broken));
      doubled = g_strdup_printf ("%s@%s..%s", local->str, domain->str, "com");
      g_assert_false (sc_email_looks_valid (doubled));
    }
  g_rand_free (rand);
}

static void
test_email_hash_key (void)
{
  g_autofree char *a = sc_email_hash_key ("ada@example.com");
  g_autofree char *b = sc_email_hash_key ("  ADA@Example.com ");
  g_autofree char *c = sc_email_hash_key ("jörg@bücher.de");
  g_autofree char *d = sc_email_hash_key ("JÖRG@bücher.de");

  /* SHA-256 known answers (Python: hashlib.sha256(s.encode()).hexdigest()) */
  g_assert_cmpstr (a, ==, "b5fc85e55755f9e0d030a10ab4429b6b2944855f9a0d60077fe832becbc41d72");
  g_assert_cmpstr (b, ==, a);
  g_assert_cmpstr (c, ==, "7caabf763674bd1027611ab39c3dc6ed917697a7c4be9c24a6a0c6b3eda5135b");
  g_assert_cmpstr (d, ==, c);
}

static void
test_contact_clean (void)
{
  g_autofree char *a = sc_contact_clean ("  Ada\nLovelace\t ");
  g_autofree char *b = sc_contact_clean (" \t ");

  g_assert_cmpstr (a, ==, "Ada Lovelace");
  g_assert_null (b);
  g_assert_null (sc_contact_clean (NULL));
}

static ScColumnGuess *
detect_customers (guint               n_columns,
                  const char * const *header,
                  const char * const *cells)   /* n_rows × n_columns, row by row */
{
  guint n_rows = g_strv_length ((char **) cells) / n_columns;
  g_autofree const char * const **rows = g_new (const char * const *, n_rows);
  ScColumnGuess *guesses = g_new0 (ScColumnGuess, n_columns);

  for (guint i = 0; i < n_rows; i++)
    rows[i] = cells + i * n_columns;
  sc_detect_columns (SC_TABLE_CUSTOMERS, n_columns, header, n_rows,
                     (const char * const * const *) rows, '.', guesses);
  return guesses;
}

static void
test_detect_contacts (void)
{
  const char *header[] = { "Customer ID", "E-mail", "Full Name", "Mobile", "Region", "Opt-in" };
  const char *cells[] = {
    "C1", "ada@example.com", "Ada Lovelace", "+44 20 7946 0018", "North", "yes",
    "C2", "bob@example.org", "Bob Smith", "+1 555 0100", "South", "no",
    "C3", "", "Cy Young", "", "North", "yes",
    "C4", "dee@example.net", "Dee Dee", "07700 900123", "East", "no",
    NULL,
  };
  const char *header2[] = { "id", "email", "contact" };
  const char *cells2[] = {
    /* an "email" column of yes/no is no e-mail address; an unnamed column of addresses is */
    "1", "yes", "a@example.com",
    "2", "no", "b@example.com",
    "3", "yes", "c@example.com",
    NULL,
  };
  g_autofree ScColumnGuess *g = detect_customers (6, header, cells);
  g_autofree ScColumnGuess *g2 = NULL;

  g_assert_cmpint (g[0].role, ==, SC_ROLE_CUSTOMER);
  g_assert_cmpint (g[1].role, ==, SC_ROLE_EMAIL);
  g_assert_cmpint (g[2].role, ==, SC_ROLE_NAME);
  g_assert_cmpint (g[3].role, ==, SC_ROLE_PHONE);
  g_assert_cmpint (g[4].role, ==, SC_ROLE_ATTRIBUTE);
  g_assert_cmpint (g[5].role, ==, SC_ROLE_CONSENT);

  g2 = detect_customers (3, header2, cells2);
  g_assert_cmpint (g2[0].role, ==, SC_ROLE_CUSTOMER);
  g_assert_cmpint (g2[1].role, ==, SC_ROLE_ATTRIBUTE);
  g_assert_cmpint (g2[2].role, ==, SC_ROLE_EMAIL);
}

static void
test_writer (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  ScCsvWriter w;
  const char *header[] = { "a", "b,c", NULL };

  sc_csv_writer_init (&w, out, SC_CSV_WRITE_BOM | SC_CSV_WRITE_CRLF);
  sc_csv_writer_row (&w, header);
  sc_csv_writer_field (&w, "=1+2@example.com");
  sc_csv_writer_field (&w, "say \"hi\"");
  sc_csv_writer_number (&w, -12.5, 2);
  sc_csv_writer_phone (&w, "+44 20 7946 0018");
  sc_csv_writer_phone (&w, "+cmd|' /C calc'!A0");
  sc_csv_writer_field (&w, NULL);
  sc_csv_writer_uint (&w, 42);
  sc_csv_writer_end_row (&w);
  g_assert_cmpstr (out->str, ==,
                   "\xef\xbb\xbf" "a,\"b,c\"\r\n"
                   "\"'=1+2@example.com\",\"say \"\"hi\"\"\",-12.50,+44 20 7946 0018,"
                   "\"'+cmd|' /C calc'!A0\",,42\r\n");

  g_string_truncate (out, 0);
  sc_csv_writer_init (&w, out, SC_CSV_WRITE_DEFAULT);
  sc_csv_writer_field (&w, "@SUM(A1)");
  sc_csv_writer_field (&w, "\tx");
  sc_csv_writer_end_row (&w);
  g_assert_cmpstr (out->str, ==, "\"'@SUM(A1)\",\"'\tx\"\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Contact/email-valid", test_email_valid);
  g_test_add_func ("/Core/Contact/email-invalid", test_email_invalid);
  g_test_add_func ("/Core/Contact/email-property", test_email_property);
  g_test_add_func ("/Core/Contact/email-hash-key", test_email_hash_key);
  g_test_add_func ("/Core/Contact/clean", test_contact_clean);
  g_test_add_func ("/Core/Contact/detect", test_detect_contacts);
  g_test_add_func ("/Core/Contact/csv-writer", test_writer);

  return g_test_run ();
}
