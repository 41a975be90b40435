/* test-csv-encoding-parts.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A large file's encoding vote is counted in parts on every core (sc-csv-sniff.c): the vote
 * must be that of the whole file, wherever the lines that decide it lie.  Seeded files of
 * 33-40 MB put the UTF-8 and the Windows-1252 lines at random places (in runs, near the
 * cuts, or all in one part), with a known count of each, so the expected encoding is known;
 * the rest is ASCII.  Lines end in "\n" or "\r\n". */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-csv.h"

static void
check_file (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *dir = g_dir_make_tmp ("segments-enc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "orders.csv", NULL);
  g_autoptr(GString) text = g_string_new ("name,amount\n");
  gsize target = (gsize) g_rand_int_range (rand, 33, 41) * 1024 * 1024;
  guint n_utf8 = g_rand_int_range (rand, 0, 400);
  guint n_latin = g_rand_int_range (rand, 0, 400);
  gboolean crlf = g_rand_boolean (rand);
  /* where the lines with high bytes go: anywhere, or only after a point */
  double from = g_rand_boolean (rand) ? 0 : g_rand_double_range (rand, 0.3, 0.9);
  guint left_utf8 = n_utf8, left_latin = n_latin;
  GError *error = NULL;
  ScEncoding encoding;
  guint line = 0;

  while (text->len < target)
    {
      double at = (double) text->len / target;
      guint32 r = g_rand_int_range (rand, 0, 300000);

      line++;
      if (at >= from && left_utf8 > 0 && r < 40)
        {
          g_string_append_printf (text, "M\xc3\xbcller %u,%u.50", line, r);
          left_utf8--;
        }
      else if (at >= from && left_latin > 0 && r >= 40 && r < 80)
        {
          g_string_append_printf (text, "Ren\xe9 %u,%u.25", line, r);
          left_latin--;
        }
      else
        g_string_append_printf (text, "Smith %u,%u.00", line, r);
      g_string_append (text, crlf ? "\r\n" : "\n");
    }
  /* the lines not placed yet go at the end */
  for (; left_utf8 > 0; left_utf8--)
    g_string_append (text, crlf ? "\xc3\xa9t\xc3\xa9,1\r\n" : "\xc3\xa9t\xc3\xa9,1\n");
  for (; left_latin > 0; left_latin--)
    g_string_append (text, crlf ? "\xe9t\xe9,1\r\n" : "\xe9t\xe9,1\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  g_assert_true (sc_csv_sniff_encoding (path, NULL, &encoding, &error));
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, n_latin > n_utf8 ? SC_ENCODING_WINDOWS_1252 : SC_ENCODING_UTF8);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_parts_vote_as_whole (void)
{
  for (guint32 seed = 1; seed <= 8; seed++)
    check_file (seed);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Core/Csv/encoding-parts", test_parts_vote_as_whole);
  return g_test_run ();
}
