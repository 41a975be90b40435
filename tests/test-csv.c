/* test-csv.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sc-csv.h"

#define BUFFER_SIZE (1024 * 1024)   /* the reader's read buffer */

typedef struct
{
  GPtrArray *rows;    /* each a string of the fields joined with '|' */
  GArray    *lines;   /* guint64 per row */
  GPtrArray *raws;
  GError    *error;
} ReadResult;

static void
read_result_clear (ReadResult *res)
{
  g_ptr_array_unref (res->rows);
  g_array_unref (res->lines);
  g_ptr_array_unref (res->raws);
  g_clear_error (&res->error);
}

static char *
join_fields (guint   n_fields,
             char  **fields,
             gsize  *lengths)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      g_assert_cmpuint (strlen (fields[i]), ==, lengths[i]);
      g_assert_true (g_utf8_validate (fields[i], lengths[i], NULL));
      if (i > 0)
        g_string_append_c (s, '|');
      g_string_append_len (s, fields[i], lengths[i]);
    }
  return g_string_free (s, FALSE);
}

static void
read_reader (ScCsvReader *r,
             ReadResult  *res)
{
  guint n_fields;
  char **fields;
  gsize *lengths;

  res->rows = g_ptr_array_new_with_free_func (g_free);
  res->lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  res->raws = g_ptr_array_new_with_free_func (g_free);
  res->error = NULL;

  while (sc_csv_reader_next (r, &n_fields, &fields, &lengths, &res->error))
    {
      guint64 line = sc_csv_reader_get_line (r);
      gsize raw_len;
      const char *raw = sc_csv_reader_get_raw (r, &raw_len);

      g_ptr_array_add (res->rows, join_fields (n_fields, fields, lengths));
      g_array_append_val (res->lines, line);
      g_ptr_array_add (res->raws, g_strndup (raw, raw_len));
    }
}

static void
read_data (const char         *data,
           gsize               len,
           const ScCsvDialect *dialect,
           ReadResult         *res)
{
  g_autoptr(ScCsvReader) r = sc_csv_reader_new_from_data (data, len, dialect);

  read_reader (r, res);
}

static void
assert_rows (ReadResult         *res,
             const char * const *expected,
             const guint64      *lines)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_no_error (res->error);
  for (guint i = 0; i < MIN (n, res->rows->len); i++)
    {
      g_assert_cmpstr (g_ptr_array_index (res->rows, i), ==, expected[i]);
      if (lines != NULL)
        g_assert_cmpuint (g_array_index (res->lines, guint64, i), ==, lines[i]);
    }
  g_assert_cmpuint (res->rows->len, ==, n);
}

static void
dialect_for (ScCsvDialect *d,
             char          delimiter)
{
  sc_csv_dialect_init_default (d);
  d->delimiter = delimiter;
}

static void
assert_reads (const char         *data,
              char                delimiter,
              const char * const *expected,
              const guint64      *lines)
{
  ScCsvDialect d;
  ReadResult res;

  dialect_for (&d, delimiter);
  read_data (data, strlen (data), &d, &res);
  assert_rows (&res, expected, lines);
  read_result_clear (&res);
}

static char *
data_path (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, "csv", name, NULL);
}

static void
test_quoted_fields (void)
{
  const char *expected[] = { "a|b,c|d", "|x|", "  spaced  |\"", NULL };
  const char *expected2[] = { "1|", "|", NULL };

  assert_reads ("a,\"b,c\",\"d\"\n\"\",x,\"\"\n\"  spaced  \",\"\"\"\"\n", ',', expected, NULL);
  /* A quoted empty field is a record, unlike a blank line; a trailing delimiter adds an
   * empty field. */
  assert_reads ("1,\n,\n", ',', expected2, NULL);
}

static void
test_doubled_quotes (void)
{
  const char *expected[] = { "She said \"hi\"|2", "\"|\"\"", "a\"b\"c|x", NULL };

  assert_reads ("\"She said \"\"hi\"\"\",2\n\"\"\"\",\"\"\"\"\"\"\n\"a\"\"b\"\"c\",x\n", ',',
                expected, NULL);
}

static void
test_stray_quotes (void)
{
  /* A quote inside an unquoted field is kept; text after a closing quote is appended. */
  const char *expected[] = { "5\" screen|12", "12 inch|x", "say \"a\" b|c", "a\"\"b|d", NULL };

  assert_reads ("5\" screen,12\n\"12\" inch,x\n\"say \"\"a\"\"\" b,c\na\"\"b,d\n", ',',
                expected, NULL);
}

static void
test_embedded_newline (void)
{
  const char *expected[] = { "h1|h2", "a\nb\nc|1", "x|2", "y\r\nz|3", "w|4", NULL };
  const guint64 lines[] = { 1, 2, 5, 6, 8 };

  assert_reads ("h1,h2\n\"a\nb\nc\",1\nx,2\n\"y\r\nz\",3\r\nw,4\n", ',', expected, lines);
}

static void
test_line_ends (void)
{
  const char *expected[] = { "a|b", "c|d", "e|f", NULL };
  const char *with_empty[] = { "a|b", "|", "e|", NULL };
  const guint64 lines[] = { 1, 2, 3 };
  const guint64 blank_lines[] = { 1, 4, 6 };

  assert_reads ("a,b\r\nc,d\r\ne,f\r\n", ',', expected, lines);
  assert_reads ("a,b\rc,d\re,f\r", ',', expected, lines);
  assert_reads ("a,b\nc,d\ne,f", ',', expected, lines);
  assert_reads ("a,b\r\nc,d\re,f\n", ',', expected, lines);
  /* blank lines (also of spaces) are skipped but counted */
  assert_reads ("a,b\n\n  \r\nc,d\n\ne,f\n\n", ',', expected, blank_lines);
  assert_reads ("a,b\n,\ne,", ',', with_empty, NULL);
}

static void
test_lone_cr_file (void)
{
  g_autofree char *path = data_path ("lone-cr.csv");
  g_autoptr(ScCsvReader) r = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "customer|amount", "C1|1.5", "C2|2", NULL };
  const guint64 lines[] = { 1, 2, 3 };
  ScCsvDialect d;
  ReadResult res;

  g_assert_true (sc_csv_sniff (path, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d.delimiter, ==, ',');
  g_assert_true (d.has_header);
  r = sc_csv_reader_new (path, &d, &error);
  g_assert_no_error (error);
  read_reader (r, &res);
  assert_rows (&res, expected, lines);
  read_result_clear (&res);
}

static void
test_quoted_file (void)
{
  g_autofree char *path = data_path ("quoted.csv");
  g_autoptr(ScCsvReader) r = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = {
    "order_id|customer_id|order_date|amount|note",
    "O1|C1|2024-03-05|12.50|plain",
    "O2|C2|2024-03-06|7.00|She said \"hi\"",
    "O3|C1|2024-03-07|3.25|two\r\nlines, and a comma",
    "O4|C3|2024-03-08|100.00|",
    NULL
  };
  const guint64 lines[] = { 1, 2, 3, 4, 6 };
  ScCsvDialect d;
  ReadResult res;

  g_assert_true (sc_csv_sniff (path, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d.delimiter, ==, ',');
  g_assert_cmpint (d.quote, ==, '"');
  g_assert_cmpint (d.encoding, ==, SC_ENCODING_UTF8);
  g_assert_false (d.has_bom);
  g_assert_true (d.has_header);
  g_assert_cmpint (d.decimal_mark, ==, '.');
  g_assert_cmpuint (d.n_columns, ==, 5);

  r = sc_csv_reader_new (path, &d, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_csv_reader_get_size (r), ==, 193);
  read_reader (r, &res);
  assert_rows (&res, expected, lines);
  g_assert_cmpuint (sc_csv_reader_get_offset (r), ==, 193);
  g_assert_cmpstr (g_ptr_array_index (res.raws, 2), ==,
                   "O2,C2,2024-03-06,7.00,\"She said \"\"hi\"\"\"");
  g_assert_cmpstr (g_ptr_array_index (res.raws, 3), ==,
                   "O3,C1,2024-03-07,3.25,\"two\r\nlines, and a comma\"");
  g_assert_cmpstr (g_ptr_array_index (res.raws, 4), ==, "O4,C3,2024-03-08,100.00,");
  read_result_clear (&res);
}

static void
test_bom (void)
{
  g_autofree char *path = data_path ("bom.csv");
  g_autoptr(ScCsvReader) r = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = { "customer|amount", "Cé|1.5", "C2|2", NULL };
  ScCsvDialect d;
  ReadResult res;

  g_assert_true (sc_csv_sniff (path, &d, &error));
  g_assert_no_error (error);
  g_assert_true (d.has_bom);
  g_assert_cmpint (d.encoding, ==, SC_ENCODING_UTF8);
  g_assert_true (d.has_header);
  r = sc_csv_reader_new (path, &d, &error);
  g_assert_no_error (error);
  read_reader (r, &res);
  assert_rows (&res, expected, NULL);
  g_assert_cmpstr (g_ptr_array_index (res.raws, 0), ==, "customer,amount");
  read_result_clear (&res);
}

typedef struct
{
  const char *file;
  char        delimiter;
  gboolean    header;
  char        decimal_mark;
  guint       n_columns;
  const char *second_row;
} SniffCase;

static void
test_sniff_files (void)
{
  const SniffCase cases[] = {
    { "semicolon-decimal.csv", ';', TRUE, ',', 3, "K1|05.03.2024|12,50" },
    { "tab.tsv", '\t', TRUE, '.', 3, "C1|2024-03-05|12.5" },
    { "pipe.txt", '|', TRUE, '.', 3, "C1|2024-03-05|12.5" },
    { "aligned.txt", ' ', TRUE, '.', 3, "C 001|2024-03-05|12.50" },
    { "no-header.csv", ',', FALSE, '.', 3, "C2|2024-03-06|3.00" },
    { "quoted.csv", ',', TRUE, '.', 5, "O1|C1|2024-03-05|12.50|plain" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = data_path (cases[i].file);
      g_autoptr(ScCsvReader) r = NULL;
      g_autoptr(GError) error = NULL;
      ScCsvDialect d;
      ReadResult res;

      g_test_message ("%s", cases[i].file);
      g_assert_true (sc_csv_sniff (path, &d, &error));
      g_assert_no_error (error);
      g_assert_cmpint (d.delimiter, ==, cases[i].delimiter);
      g_assert_cmpint (d.has_header, ==, cases[i].header);
      g_assert_cmpint (d.decimal_mark, ==, cases[i].decimal_mark);
      g_assert_cmpuint (d.n_columns, ==, cases[i].n_columns);

      r = sc_csv_reader_new (path, &d, &error);
      g_assert_no_error (error);
      read_reader (r, &res);
      g_assert_no_error (res.error);
      g_assert_cmpuint (res.rows->len, >=, 2);
      g_assert_cmpstr (g_ptr_array_index (res.rows, 1), ==, cases[i].second_row);
      read_result_clear (&res);
    }
}

static void
sniff_string (const char   *data,
              ScCsvDialect *d)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sc_csv_sniff_data (data, strlen (data), d, &error));
  g_assert_no_error (error);
}

static void
test_sniff_delimiters (void)
{
  ScCsvDialect d;

  /* Commas inside quotes do not count; the semicolon splits every line the same way. */
  sniff_string ("name;city\n\"Smith, J\";Paris\n\"Doe, A\";\"Lyon, FR\"\n", &d);
  g_assert_cmpint (d.delimiter, ==, ';');
  g_assert_cmpint (d.quote, ==, '"');

  /* Semicolons inside quoted fields of a comma file. */
  sniff_string ("a,b,c\n1,\"x;y\",2\n3,\"p;q;r\",4\n", &d);
  g_assert_cmpint (d.delimiter, ==, ',');

  /* Decimal commas in a semicolon file would give a varying comma count. */
  sniff_string ("a;b\n1,5;2\n3;4,25\n", &d);
  g_assert_cmpint (d.delimiter, ==, ';');
  g_assert_cmpint (d.decimal_mark, ==, ',');

  /* Every row has exactly one decimal comma: both split evenly; ';' is preferred. */
  sniff_string ("1,5;2,5\n3,5;4,25\n", &d);
  g_assert_cmpint (d.delimiter, ==, ';');
  g_assert_false (d.has_header);

  sniff_string ("a\tb, c\n1\t2, 3\n", &d);
  g_assert_cmpint (d.delimiter, ==, '\t');

  sniff_string ("a|b|c\n1|2|3\n4|5|6\n", &d);
  g_assert_cmpint (d.delimiter, ==, '|');

  /* An unbalanced quote that would swallow the file: read without quoting. */
  sniff_string ("id,size,price\n1,\"27,9.99\n2,32,19.99\n3,40,29.99\n", &d);
  g_assert_cmpint (d.delimiter, ==, ',');
  g_assert_cmpint (d.quote, ==, '\0');

  /* One ragged line among consistent ones. */
  sniff_string ("a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11\n", &d);
  g_assert_cmpint (d.delimiter, ==, ',');
  g_assert_cmpuint (d.n_columns, ==, 3);
}

static void
test_header_detection (void)
{
  ScCsvDialect d;

  sniff_string ("customer,date,amount\nC1,2024-01-01,3.5\nC2,2024-01-02,4\n", &d);
  g_assert_true (d.has_header);
  sniff_string ("C1,2024-01-01,3.5\nC2,2024-01-02,4\n", &d);
  g_assert_false (d.has_header);
  /* numbers in the first row are data */
  sniff_string ("17850,5,2.55\n13047,3,3.39\n", &d);
  g_assert_false (d.has_header);
  /* all text: names on top are assumed */
  sniff_string ("customer_id,industry,region\nC1,Retail,North\nC2,Software,South\n", &d);
  g_assert_true (d.has_header);
  /* a header only */
  sniff_string ("customer_id,amount\n", &d);
  g_assert_true (d.has_header);
  g_assert_cmpuint (d.n_columns, ==, 2);
  /* text above a mostly-text column, but identifier-like distinct names */
  sniff_string ("id,comment,score\nA1,ok,x\nA2,fine,3\nA3,good,y\n", &d);
  g_assert_true (d.has_header);
  /* a text first row with a repeated name is data when rows below hold numbers here and
   * there */
  sniff_string ("x,x,x\ny,1,z\nw,v,2\nq,r,s\n", &d);
  g_assert_false (d.has_header);
}

static void
test_decimal_comma (void)
{
  ScCsvDialect d;

  sniff_string ("a;b\n12,50;1\n3,99;2\n", &d);
  g_assert_cmpint (d.decimal_mark, ==, ',');
  sniff_string ("a;b\n1.234,56;1\n2.000,00;2\n", &d);
  g_assert_cmpint (d.decimal_mark, ==, ',');
  sniff_string ("a;b\n1.234.567;1\n", &d);
  g_assert_cmpint (d.decimal_mark, ==, ',');
  sniff_string ("a,b\n\"1,234.56\",1\n12.5,2\n", &d);
  g_assert_cmpint (d.decimal_mark, ==, '.');
  /* "1,234" alone cannot tell: the default stays */
  sniff_string ("a;b\n1,234;x\n", &d);
  g_assert_cmpint (d.decimal_mark, ==, '.');
  /* dates with dots do not vote */
  sniff_string ("a;b\n05.03.2024;1\n06.03.2024;2\n", &d);
  g_assert_cmpint (d.decimal_mark, ==, '.');
}

static void
test_windows_1252 (void)
{
  g_autofree char *path = data_path ("cp1252.csv");
  g_autoptr(ScCsvReader) r = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected[] = {
    "client|ville|montant",
    "C1|Périgueux|€ 12,50",
    "C2|Besançon|€ 3,00",
    "C3|Sète|€ 1.000,00",
    NULL
  };
  ScCsvDialect d;
  ReadResult res;

  g_assert_true (sc_csv_sniff (path, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d.encoding, ==, SC_ENCODING_WINDOWS_1252);
  g_assert_cmpint (d.delimiter, ==, ';');
  g_assert_cmpint (d.decimal_mark, ==, ',');
  g_assert_true (d.has_header);

  r = sc_csv_reader_new (path, &d, &error);
  g_assert_no_error (error);
  read_reader (r, &res);
  assert_rows (&res, expected, NULL);
  g_assert_cmpstr (g_ptr_array_index (res.raws, 1), ==, "C1;Périgueux;€ 12,50");
  read_result_clear (&res);
}

static void
test_invalid_utf8_fallback (void)
{
  /* Declared UTF-8 (the sniffed part was ASCII) but a Latin-1 byte turns up later:
   * that byte is read as Windows-1252, valid UTF-8 around it is kept. */
  const char *data = "name,city\nA,\xc3\xa9t\xe9\n\"B\xe9\",x\n";
  const char *expected[] = { "name|city", "A|été", "Bé|x", NULL };
  ScCsvDialect d;
  ReadResult res;

  dialect_for (&d, ',');
  read_data (data, strlen (data), &d, &res);
  assert_rows (&res, expected, NULL);
  g_assert_cmpstr (g_ptr_array_index (res.raws, 1), ==, "A,été");
  read_result_clear (&res);
}

static void
assert_sniff_fails (const char *file,
                    gint        code,
                    const char *fragment)
{
  g_autofree char *path = data_path (file);
  g_autoptr(GError) error = NULL;
  ScCsvDialect d;

  g_assert_false (sc_csv_sniff (path, &d, &error));
  g_assert_error (error, SC_ERROR, code);
  g_test_message ("%s: %s", file, error->message);
  g_assert_nonnull (strstr (error->message, file));
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_not_a_table (void)
{
  g_autoptr(GError) error = NULL;
  ScCsvDialect d;

  assert_sniff_fails ("empty.csv", SC_ERROR_NOT_A_TABLE, "empty");
  assert_sniff_fails ("report.pdf", SC_ERROR_NOT_A_TABLE, "PDF");
  assert_sniff_fails ("workbook.xlsx", SC_ERROR_NOT_A_TABLE, "workbook");
  assert_sniff_fails ("binary.dat", SC_ERROR_NOT_A_TABLE, "binary");
  assert_sniff_fails ("no-delimiter.txt", SC_ERROR_NOT_A_TABLE, "separator");

  g_assert_false (sc_csv_sniff_data ("", 0, &d, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_clear_error (&error);
  g_assert_false (sc_csv_sniff_data (" \n\r\n\t", 5, &d, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_clear_error (&error);
  g_assert_false (sc_csv_sniff_data ("\xef\xbb\xbf", 3, &d, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_clear_error (&error);
  g_assert_false (sc_csv_sniff_data ("\xff\xfe" "a\0,\0b\0", 8, &d, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_clear_error (&error);
  g_assert_false (sc_csv_sniff_data ("\x89PNG\r\n\x1a\n", 8, &d, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_assert_nonnull (strstr (error->message, "image"));
  g_clear_error (&error);
  g_assert_false (sc_csv_sniff_data ("\x1f\x8b\x08\x00", 4, &d, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_clear_error (&error);
  g_assert_false (sc_csv_sniff_data ("<!DOCTYPE html>\n<html><body>a,b</body></html>\n", 46, &d,
                                     &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_clear_error (&error);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  ScCsvDialect d;
  ScCsvReader *r;

  g_assert_false (sc_csv_sniff ("/nonexistent/orders.csv", &d, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "orders.csv"));
  g_clear_error (&error);

  sc_csv_dialect_init_default (&d);
  r = sc_csv_reader_new ("/nonexistent/orders.csv", &d, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (sc_csv_sniff (TEST_DATA_DIR, &d, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
}

static void
test_unterminated_quote (void)
{
  g_autofree char *path = data_path ("unterminated.csv");
  g_autoptr(ScCsvReader) r = NULL;
  g_autoptr(GError) error = NULL;
  guint n_fields;
  char **fields;
  gsize *lengths;
  ScCsvDialect d;
  ReadResult res;

  sc_csv_dialect_init_default (&d);
  r = sc_csv_reader_new (path, &d, &error);
  g_assert_no_error (error);
  read_reader (r, &res);
  g_assert_cmpuint (res.rows->len, ==, 2);
  g_assert_error (res.error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_test_message ("%s", res.error->message);
  /* the field starts on line 3 */
  g_assert_nonnull (strstr (res.error->message, "line 3"));
  g_assert_nonnull (strstr (res.error->message, "unterminated.csv"));
  read_result_clear (&res);

  /* the reader stays failed */
  g_assert_false (sc_csv_reader_next (r, &n_fields, &fields, &lengths, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* in memory, starting in the second field of a later record */
  dialect_for (&d, ',');
  read_data ("a,b\nc,d\ne,\"f\n\ng", 16, &d, &res);
  g_assert_error (res.error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (res.error->message, "Line 3"));
  read_result_clear (&res);

  /* a lone quote at the very end */
  read_data ("a,b\n\"", 5, &d, &res);
  g_assert_error (res.error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (res.error->message, "Line 2"));
  read_result_clear (&res);
}

static char *
make_temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp_path (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_long_record (void)
{
  g_autofree char *path = make_temp_path ("long.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *chunk = g_malloc (1024 * 1024);
  FILE *f = fopen (path, "wb");
  ScCsvDialect d;
  ReadResult res;
  ScCsvReader *r;

  /* Two short lines, then a 17 MiB line. */
  g_assert_nonnull (f);
  memset (chunk, 'x', 1024 * 1024);
  fputs ("a,b\n1,2\n3,", f);
  for (guint i = 0; i < 17; i++)
    fwrite (chunk, 1, 1024 * 1024, f);
  fputs ("\n4,5\n", f);
  fclose (f);

  sc_csv_dialect_init_default (&d);
  r = sc_csv_reader_new (path, &d, &error);
  g_assert_no_error (error);
  read_reader (r, &res);
  g_assert_cmpuint (res.rows->len, ==, 2);
  g_assert_error (res.error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_assert_nonnull (strstr (res.error->message, "line 3"));
  g_assert_nonnull (strstr (res.error->message, "16 MiB"));
  read_result_clear (&res);
  sc_csv_reader_free (r);

  /* The same inside an unterminated quote. */
  f = fopen (path, "wb");
  fputs ("a,b\n\"", f);
  for (guint i = 0; i < 17; i++)
    fwrite (chunk, 1, 1024 * 1024, f);
  fclose (f);
  r = sc_csv_reader_new (path, &d, &error);
  read_reader (r, &res);
  g_assert_cmpuint (res.rows->len, ==, 1);
  g_assert_error (res.error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_assert_nonnull (strstr (res.error->message, "line 2"));
  read_result_clear (&res);
  sc_csv_reader_free (r);

  /* A 3 MiB field is fine: the buffer grows for it. */
  f = fopen (path, "wb");
  fputs ("a,b\n1,", f);
  for (guint i = 0; i < 3; i++)
    fwrite (chunk, 1, 1024 * 1024, f);
  fputs ("\n2,3\n", f);
  fclose (f);
  r = sc_csv_reader_new (path, &d, &error);
  read_reader (r, &res);
  g_assert_no_error (res.error);
  g_assert_cmpuint (res.rows->len, ==, 3);
  g_assert_cmpuint (strlen (g_ptr_array_index (res.rows, 1)), ==, 2 + 3 * 1024 * 1024);
  g_assert_cmpstr (g_ptr_array_index (res.rows, 2), ==, "2|3");
  g_assert_cmpuint (g_array_index (res.lines, guint64, 2), ==, 3);
  read_result_clear (&res);
  sc_csv_reader_free (r);

  /* A first line longer than the sniffed part. */
  f = fopen (path, "wb");
  fwrite (chunk, 1, 300 * 1024, f);
  fclose (f);
  g_assert_false (sc_csv_sniff (path, &d, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  g_assert_nonnull (strstr (error->message, "long.csv"));
  g_assert_nonnull (strstr (error->message, "first line"));

  remove_temp_path (path);
}

/* Writes rows with every kind of field, so that each kind lands on the refill point at
 * some row, and reads them back. */
static void
test_large_file (void)
{
  g_autofree char *path = make_temp_path ("large.csv");
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new ("id,customer,date,amount,note\r\n");
  g_autoptr(ScCsvReader) r = NULL;
  guint64 expected_line = 2;
  guint n_rows = 80000, i = 0;
  guint n_fields;
  char **fields;
  gsize *lengths;
  ScCsvDialect d;

  for (guint k = 0; k < n_rows; k++)
    {
      g_string_append_printf (text, "%u,C%07u,2024-%02u-%02u,%u.%02u,", k, k % 977, k % 12 + 1,
                              k % 28 + 1, k % 5000, k % 100);
      switch (k % 7)
        {
        case 0:
          g_string_append (text, "plain");
          break;
        case 1:
          g_string_append_printf (text, "\"quoted, %u\"", k);
          break;
        case 2:
          g_string_append_printf (text, "\"two\nlines %u\"", k);
          break;
        case 3:
          g_string_append_printf (text, "\"say \"\"%u\"\"\"", k);
          break;
        case 4:
          g_string_append (text, "Zoë");
          break;
        case 5:
          break;
        default:
          g_string_append_printf (text, "\"crlf\r\ninside %u\"", k);
          break;
        }
      g_string_append (text, k % 2 ? "\r\n" : "\n");
    }
  g_assert_cmpuint (text->len, >, 3 * BUFFER_SIZE);
  g_assert_true (g_file_set_contents (path, text->str, text->len, &error));

  g_assert_true (sc_csv_sniff (path, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d.delimiter, ==, ',');
  g_assert_true (d.has_header);
  r = sc_csv_reader_new (path, &d, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_csv_reader_get_size (r), ==, text->len);

  g_assert_true (sc_csv_reader_next (r, &n_fields, &fields, &lengths, &error));
  g_assert_cmpuint (sc_csv_reader_get_line (r), ==, 1);
  while (sc_csv_reader_next (r, &n_fields, &fields, &lengths, &error))
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *cust = g_strdup_printf ("C%07u", i % 977);
      g_autofree char *date = g_strdup_printf ("2024-%02u-%02u", i % 12 + 1, i % 28 + 1);
      g_autofree char *amount = g_strdup_printf ("%u.%02u", i % 5000, i % 100);
      g_autofree char *note = NULL;
      guint64 n_lines = 1;

      switch (i % 7)
        {
        case 0: note = g_strdup ("plain"); break;
        case 1: note = g_strdup_printf ("quoted, %u", i); break;
        case 2: note = g_strdup_printf ("two\nlines %u", i); n_lines = 2; break;
        case 3: note = g_strdup_printf ("say \"%u\"", i); break;
        case 4: note = g_strdup ("Zoë"); break;
        case 5: note = g_strdup (""); break;
        default: note = g_strdup_printf ("crlf\r\ninside %u", i); n_lines = 2; break;
        }

      g_assert_cmpuint (n_fields, ==, 5);
      g_assert_cmpuint (sc_csv_reader_get_line (r), ==, expected_line);
      g_assert_cmpstr (fields[0], ==, id);
      g_assert_cmpstr (fields[1], ==, cust);
      g_assert_cmpstr (fields[2], ==, date);
      g_assert_cmpstr (fields[3], ==, amount);
      g_assert_cmpstr (fields[4], ==, note);
      g_assert_cmpuint (lengths[4], ==, strlen (note));
      expected_line += n_lines;
      i++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, n_rows);
  g_assert_cmpuint (sc_csv_reader_get_offset (r), ==, text->len);

  g_string_free (text, TRUE);
  remove_temp_path (path);
}

/* Puts @tail so that it starts @k bytes before the end of the first buffer load, for every
 * k, so that each byte of it (a doubled quote, a CR of a CR LF, a high byte) falls on the
 * refill point once. */
/* A first line of "@start" and x's ending @k bytes before the end of the reader's buffer,
 * then @tail: every record of @tail is cut by a refill somewhere as @k goes up. */
static GString *
boundary_data (const char *start,
               gsize       k,
               const char *tail)
{
  GString *data = g_string_new (start);

  while (data->len < BUFFER_SIZE - k - 1)
    g_string_append_c (data, 'x');
  g_string_append_c (data, '\n');
  g_string_append (data, tail);
  return data;
}

static void
test_buffer_boundaries (void)
{
  const char *tail = "\"a\"\"b\r\nc\",d\r\ne,\"q\"tail,\xe9t\xe9\r\n,x,\r\"\"\r\nlast,\"\"\"\"";
  const char *expected[] = {
    "a\"b\r\nc|d", "e|qtail|été", "|x|", "", "last|\"", NULL
  };
  const guint64 lines[] = { 2, 4, 5, 6, 7 };
  gsize tail_len = strlen (tail);
  ScCsvDialect d;

  dialect_for (&d, ',');
  for (gsize k = 0; k <= tail_len + 2; k++)
    {
      GString *data = boundary_data ("p,", k, tail);
      ReadResult res;

      read_data (data->str, data->len, &d, &res);
      g_assert_no_error (res.error);
      g_assert_cmpuint (res.rows->len, ==, 6);
      g_assert_cmpuint (strlen (g_ptr_array_index (res.rows, 0)), ==, BUFFER_SIZE - k - 1);
      g_assert_cmpuint (g_array_index (res.lines, guint64, 0), ==, 1);
      for (guint i = 0; expected[i] != NULL; i++)
        {
          g_assert_cmpstr (g_ptr_array_index (res.rows, i + 1), ==, expected[i]);
          g_assert_cmpuint (g_array_index (res.lines, guint64, i + 1), ==, lines[i]);
        }
      g_assert_cmpstr (g_ptr_array_index (res.raws, 2), ==, "e,\"q\"tail,été");
      read_result_clear (&res);
      g_string_free (data, TRUE);
    }
}

static void
test_raw (void)
{
  const char *data = "a,\"b,c\",d\n\"x\"\"y\",,\"z\"\n  p  ,q\r\n";
  ScCsvDialect d;
  ReadResult res;
  ScCsvReader *r;
  gsize len = 99;

  dialect_for (&d, ',');
  read_data (data, strlen (data), &d, &res);
  g_assert_no_error (res.error);
  g_assert_cmpstr (g_ptr_array_index (res.raws, 0), ==, "a,\"b,c\",d");
  g_assert_cmpstr (g_ptr_array_index (res.raws, 1), ==, "\"x\"\"y\",,\"z\"");
  g_assert_cmpstr (g_ptr_array_index (res.raws, 2), ==, "  p  ,q");
  g_assert_cmpstr (g_ptr_array_index (res.rows, 2), ==, "  p  |q");
  read_result_clear (&res);

  /* before the first and after the last record there is none */
  r = sc_csv_reader_new_from_data (data, strlen (data), &d);
  g_assert_cmpstr (sc_csv_reader_get_raw (r, &len), ==, "");
  g_assert_cmpuint (len, ==, 0);
  read_reader (r, &res);
  g_assert_cmpstr (sc_csv_reader_get_raw (r, &len), ==, "");
  read_result_clear (&res);
  sc_csv_reader_free (r);
}

static void
test_whitespace_aligned (void)
{
  ScCsvDialect d;
  ReadResult res;
  const char *data =
    "Customer ID    Order Date    Amount\n"
    "  C 001        2024-03-05     12.50  \n"
    "  C 002\t2024-03-06\t100.00\n"
    "\n"
    "\"C  3\"          2024-03-07      7.25\n";
  const char *expected[] = {
    "Customer ID|Order Date|Amount",
    "C 001|2024-03-05|12.50",
    "C 002|2024-03-06|100.00",
    "C  3|2024-03-07|7.25",
    NULL
  };
  const guint64 lines[] = { 1, 2, 3, 5 };

  dialect_for (&d, ' ');
  read_data (data, strlen (data), &d, &res);
  assert_rows (&res, expected, lines);
  g_assert_cmpstr (g_ptr_array_index (res.raws, 1), ==, "  C 001        2024-03-05     12.50  ");
  read_result_clear (&res);

  sniff_string (data, &d);
  g_assert_cmpint (d.delimiter, ==, ' ');
  g_assert_true (d.has_header);
  g_assert_cmpuint (d.n_columns, ==, 3);
}

static void
test_whitespace_runs (void)
{
  ScCsvDialect d;
  ReadResult res;
  g_autoptr(GString) many = g_string_new (" customer_id  date number_of_cds dollar_value\n");
  const char *data =
    " customer_id  date number_of_cds dollar_value\n"
    " 00001 19970101  1   11.77\n"
    "00002\t19970112 \t2  12.00   \n"
    "\n"
    "  \"C 3\"   19970102  1    9.50\n";
  const char *expected[] = {
    "customer_id|date|number_of_cds|dollar_value",
    "00001|19970101|1|11.77",
    "00002|19970112|2|12.00",
    "C 3|19970102|1|9.50",
    NULL
  };
  const guint64 lines[] = { 1, 2, 3, 5 };

  dialect_for (&d, SC_CSV_WHITESPACE);
  read_data (data, strlen (data), &d, &res);
  assert_rows (&res, expected, lines);
  g_assert_cmpstr (g_ptr_array_index (res.raws, 1), ==, " 00001 19970101  1   11.77");
  read_result_clear (&res);

  /* The header is spaced differently from the rows: only a split on every blank fits. */
  sniff_string (data, &d);
  g_assert_cmpint (d.delimiter, ==, SC_CSV_WHITESPACE);
  g_assert_true (d.has_header);
  g_assert_cmpuint (d.n_columns, ==, 4);
  g_assert_cmpint (d.decimal_mark, ==, '.');

  /* Also when many rows make the aligned reading almost as consistent. */
  for (guint i = 1; i <= 500; i++)
    g_string_append_printf (many, " %05u 199701%02u %2u %7.2f\n", i, 1 + i % 28, 1 + i % 4,
                            i * 1.25);
  sniff_string (many->str, &d);
  g_assert_cmpint (d.delimiter, ==, SC_CSV_WHITESPACE);
  g_assert_true (d.has_header);
  g_assert_cmpuint (d.n_columns, ==, 4);

  /* Single spaces and no header */
  sniff_string ("a 1 2024-01-01\nb 2 2024-01-02\nc 3 2024-01-03\n", &d);
  g_assert_cmpint (d.delimiter, ==, SC_CSV_WHITESPACE);
  g_assert_cmpuint (d.n_columns, ==, 3);
}

static void
test_whitespace_runs_boundaries (void)
{
  const char *tail = "a  b\t c \r\n \"q r\"x   d\r\n\t\r\n e  \"f\"\"g\"";
  const char *expected[] = { "a|b|c", "q rx|d", "e|f\"g", NULL };
  const guint64 lines[] = { 2, 3, 5 };
  gsize tail_len = strlen (tail);
  ScCsvDialect d;

  dialect_for (&d, SC_CSV_WHITESPACE);
  for (gsize k = 0; k <= tail_len + 2; k++)
    {
      GString *data = boundary_data ("p ", k, tail);
      ReadResult res;

      read_data (data->str, data->len, &d, &res);
      g_assert_no_error (res.error);
      g_assert_cmpuint (res.rows->len, ==, 4);
      for (guint i = 0; expected[i] != NULL; i++)
        {
          g_assert_cmpstr (g_ptr_array_index (res.rows, i + 1), ==, expected[i]);
          g_assert_cmpuint (g_array_index (res.lines, guint64, i + 1), ==, lines[i]);
        }
      read_result_clear (&res);
      g_string_free (data, TRUE);
    }
}

static void
test_sep_line (void)
{
  const char *semicolon = "sep=;\nKunde;Betrag\nA;10,50\nB;3,00\n";
  const char *expected[] = { "Kunde|Betrag", "A|10,50", "B|3,00", NULL };
  const guint64 lines[] = { 2, 3, 4 };
  g_autoptr(GError) error = NULL;
  ScCsvDialect d;
  ReadResult res;

  sniff_string (semicolon, &d);
  g_assert_cmpint (d.delimiter, ==, ';');
  g_assert_true (d.has_sep_line);
  g_assert_true (d.has_header);
  g_assert_cmpint (d.decimal_mark, ==, ',');
  g_assert_cmpuint (d.n_columns, ==, 2);
  read_data (semicolon, strlen (semicolon), &d, &res);
  assert_rows (&res, expected, lines);
  read_result_clear (&res);

  /* After a byte order mark, with CRLF; the line wins over what the rows suggest. */
  sniff_string ("\xef\xbb\xbfsep=,\r\nid;name,amount\r\n1;a,2\r\n", &d);
  g_assert_cmpint (d.delimiter, ==, ',');
  g_assert_true (d.has_sep_line);
  g_assert_true (d.has_bom);
  g_assert_cmpuint (d.n_columns, ==, 2);

  /* Not a delimiter line: more on the line, or no such delimiter. */
  sniff_string ("sep=;x,y\n1,2\n3,4\n", &d);
  g_assert_false (d.has_sep_line);
  g_assert_cmpint (d.delimiter, ==, ',');

  /* Nothing below it. */
  g_assert_false (sc_csv_sniff_data ("sep=;\n", 6, &d, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
}

/* Reads @data and returns the rows as "fields joined with |", with a '!' before each field
 * the reader marks as not valid in the encoding. */
static GPtrArray *
read_marked (const char         *data,
             const ScCsvDialect *d)
{
  g_autoptr(ScCsvReader) r = sc_csv_reader_new_from_data (data, strlen (data), d);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_fields;
  char **fields;
  gsize *lengths;

  while (sc_csv_reader_next (r, &n_fields, &fields, &lengths, &error))
    {
      GString *s = g_string_new (NULL);
      int bad = sc_csv_reader_get_invalid (r, 0);

      for (guint i = 0; i < n_fields; i++)
        {
          g_assert_true (g_utf8_validate (fields[i], lengths[i], NULL));
          if ((int) i == bad)
            {
              g_string_append_c (s, '!');
              bad = sc_csv_reader_get_invalid (r, i + 1);
            }
          g_string_append (s, fields[i]);
          if (i + 1 < n_fields)
            g_string_append_c (s, '|');
        }
      g_ptr_array_add (rows, g_string_free (s, FALSE));
    }
  g_assert_no_error (error);
  return rows;
}

static void
assert_marked (const char         *data,
               const ScCsvDialect *d,
               const char * const *expected)
{
  g_autoptr(GPtrArray) rows = read_marked (data, d);

  for (guint i = 0; i < rows->len && expected[i] != NULL; i++)
    g_assert_cmpstr (g_ptr_array_index (rows, i), ==, expected[i]);
  g_assert_cmpuint (rows->len, ==, g_strv_length ((char **) expected));
}

static void
test_encoding_per_field (void)
{
  /* Mostly Windows-1252, one row written by a program that writes UTF-8: each is read in
   * its own encoding, so "Müller" is the same name in both. */
  const char *mostly_1252 = "name,city\nM\xc3\xbcller,K\xc3\xb6ln\nRen\xe9,Paris\n"
                            "M\xfcller,K\xf6ln\n";
  const char *expected_1252[] = { "name|city", "Müller|Köln", "René|Paris", "Müller|Köln",
                                  NULL };
  /* Mostly UTF-8, one stray Latin-1 byte: that field is marked, shown as Windows-1252. */
  const char *mostly_utf8 = "name,city\nM\xc3\xbcller,K\xc3\xb6ln\nSch\xc3\xa4" "fer,Bonn\n"
                            "Ren\xe9,Paris\n";
  const char *expected_utf8[] = { "name|city", "Müller|Köln", "Schäfer|Bonn", "!René|Paris",
                                  NULL };
  const char *forced[] = { "name|city", "MÃ¼ller|KÃ¶ln", "René|Paris", "Müller|Köln",
                           NULL };
  const char *unassigned = "name,city\nA\x81,x\nB\xe9,y\n";
  const char *expected_unassigned[] = { "name|city", "!A\xc2\x81|x", "Bé|y", NULL };
  ScCsvDialect d;

  sniff_string (mostly_1252, &d);
  g_assert_cmpint (d.encoding, ==, SC_ENCODING_WINDOWS_1252);
  g_assert_true (d.keep_utf8);
  assert_marked (mostly_1252, &d, expected_1252);

  sniff_string (mostly_utf8, &d);
  g_assert_cmpint (d.encoding, ==, SC_ENCODING_UTF8);
  assert_marked (mostly_utf8, &d, expected_utf8);

  /* Chosen by a person, Windows-1252 applies to every field. */
  sniff_string (mostly_1252, &d);
  d.keep_utf8 = FALSE;
  assert_marked (mostly_1252, &d, forced);

  /* The five bytes Windows-1252 does not assign make a field invalid. */
  sniff_string (unassigned, &d);
  g_assert_cmpint (d.encoding, ==, SC_ENCODING_WINDOWS_1252);
  assert_marked (unassigned, &d, expected_unassigned);
}

static void
test_sniff_encoding_whole_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("segments-csv-XXXXXX", NULL);
  g_autofree char *latin = g_build_filename (dir, "latin.csv", NULL);
  g_autofree char *utf8 = g_build_filename (dir, "utf8.csv", NULL);
  g_autoptr(GString) a = g_string_new ("name,amount\n");
  g_autoptr(GString) b = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ScEncoding encoding;
  ScCsvDialect d;

  /* ASCII in the part the sniffer sees; accented names only further down. */
  while (a->len < SC_CSV_SNIFF_SIZE + 1000)
    g_string_append (a, "Smith,1.00\n");
  b = g_string_new (a->str);
  for (guint i = 0; i < 20; i++)
    g_string_append (a, "Ren\xe9,2.00\n");
  g_string_append (a, "M\xc3\xbcller,3.00\n");
  for (guint i = 0; i < 20; i++)
    g_string_append (b, "M\xc3\xbcller,3.00\n");
  g_string_append (b, "Ren\xe9,2.00\n");
  g_assert_true (g_file_set_contents (latin, a->str, a->len, NULL));
  g_assert_true (g_file_set_contents (utf8, b->str, b->len, NULL));

  g_assert_true (sc_csv_sniff (latin, &d, &error));
  g_assert_cmpint (d.encoding, ==, SC_ENCODING_UTF8);
  g_assert_true (sc_csv_sniff_encoding (latin, NULL, &encoding, &error));
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, SC_ENCODING_WINDOWS_1252);
  g_assert_true (sc_csv_sniff_encoding (utf8, NULL, &encoding, &error));
  g_assert_no_error (error);
  g_assert_cmpint (encoding, ==, SC_ENCODING_UTF8);

  g_cancellable_cancel (cancellable);
  g_assert_false (sc_csv_sniff_encoding (utf8, cancellable, &encoding, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (sc_csv_sniff_encoding ("/nonexistent/x.csv", NULL, &encoding, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (latin);
  g_unlink (utf8);
  g_rmdir (dir);
}

static void
test_no_quoting (void)
{
  const char *data = "a,\"b\",c\"\n";
  const char *expected[] = { "a|\"b\"|c\"", NULL };
  ScCsvDialect d;
  ReadResult res;

  dialect_for (&d, ',');
  d.quote = '\0';
  read_data (data, strlen (data), &d, &res);
  assert_rows (&res, expected, NULL);
  read_result_clear (&res);
}

static void
test_many_fields (void)
{
  GString *data = g_string_new (NULL);
  ScCsvDialect d;
  ReadResult res;

  /* More fields than the reader accepts in one record. */
  for (guint i = 0; i < 70000; i++)
    g_string_append (data, "1,");
  g_string_append (data, "\n");
  dialect_for (&d, ',');
  read_data (data->str, data->len, &d, &res);
  g_assert_error (res.error, SC_ERROR, SC_ERROR_NOT_A_TABLE);
  read_result_clear (&res);
  g_string_free (data, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Csv/quoted-fields", test_quoted_fields);
  g_test_add_func ("/Core/Csv/doubled-quotes", test_doubled_quotes);
  g_test_add_func ("/Core/Csv/stray-quotes", test_stray_quotes);
  g_test_add_func ("/Core/Csv/embedded-newline", test_embedded_newline);
  g_test_add_func ("/Core/Csv/line-ends", test_line_ends);
  g_test_add_func ("/Core/Csv/lone-cr-file", test_lone_cr_file);
  g_test_add_func ("/Core/Csv/quoted-file", test_quoted_file);
  g_test_add_func ("/Core/Csv/bom", test_bom);
  g_test_add_func ("/Core/Csv/sniff-files", test_sniff_files);
  g_test_add_func ("/Core/Csv/sniff-delimiters", test_sniff_delimiters);
  g_test_add_func ("/Core/Csv/header-detection", test_header_detection);
  g_test_add_func ("/Core/Csv/decimal-comma", test_decimal_comma);
  g_test_add_func ("/Core/Csv/windows-1252", test_windows_1252);
  g_test_add_func ("/Core/Csv/invalid-utf8-fallback", test_invalid_utf8_fallback);
  g_test_add_func ("/Core/Csv/not-a-table", test_not_a_table);
  g_test_add_func ("/Core/Csv/missing-file", test_missing_file);
  g_test_add_func ("/Core/Csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/Core/Csv/long-record", test_long_record);
  g_test_add_func ("/Core/Csv/large-file", test_large_file);
  g_test_add_func ("/Core/Csv/buffer-boundaries", test_buffer_boundaries);
  g_test_add_func ("/Core/Csv/raw", test_raw);
  g_test_add_func ("/Core/Csv/whitespace-aligned", test_whitespace_aligned);
  g_test_add_func ("/Core/Csv/whitespace-runs", test_whitespace_runs);
  g_test_add_func ("/Core/Csv/whitespace-runs-boundaries", test_whitespace_runs_boundaries);
  g_test_add_func ("/Core/Csv/sep-line", test_sep_line);
  g_test_add_func ("/Core/Csv/encoding-per-field", test_encoding_per_field);
  g_test_add_func ("/Core/Csv/sniff-encoding-whole-file", test_sniff_encoding_whole_file);
  g_test_add_func ("/Core/Csv/no-quoting", test_no_quoting);
  g_test_add_func ("/Core/Csv/many-fields", test_many_fields);

  return g_test_run ();
}
