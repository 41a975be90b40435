/* sc-csv-sniff.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Guessing how a delimited text file is written from its start: the delimiter that splits
 * the sampled records most consistently, whether the first record is a header, the decimal
 * mark and the encoding; and refusing, with a message for people, what is not a table. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sc-csv-private.h"
#include "sc-value.h"

#define SNIFF_MAX_RECORDS  1000
#define SNIFF_KEEP_RECORDS 200

typedef enum
{
  CELL_MISSING,
  CELL_TEXT,
  CELL_NUMBER,
  CELL_DATE,
} CellClass;

static CellClass
classify_cell (const char *s,
               char        decimal_mark)
{
  ScDay day;
  double v;

  if (sc_value_is_missing (s))
    return CELL_MISSING;
  if (sc_parse_date (s, SC_DATE_ORDER_DMY, &day) || sc_parse_date (s, SC_DATE_ORDER_MDY, &day))
    return CELL_DATE;
  if (sc_parse_number (s, decimal_mark, &v))
    return CELL_NUMBER;
  return CELL_TEXT;
}

/* A column name as people write them: "customer_id", "Order Date", "Amount (€)". */
static gboolean
is_identifier_like (const char *s)
{
  const char *p = s;
  gsize len = strlen (s);

  if (len == 0 || len > 64)
    return FALSE;
  if (!g_unichar_isalpha (g_utf8_get_char (p)) && *p != '_' && *p != '#')
    return FALSE;
  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && !(c < 0x80 && strchr (" _-./#()%&$?'", (int) c) != NULL) &&
          g_unichar_type (c) != G_UNICODE_CURRENCY_SYMBOL)
        return FALSE;
    }
  return TRUE;
}

/* +1 when @s reads as a number with a decimal comma, -1 with a decimal point, 0 when it
 * cannot tell ("1,234" could be either) or is no number. */
static int
decimal_vote (const char *s)
{
  const char *first = NULL, *last = NULL, *p;
  const char *last_sep = NULL;
  guint n_dot = 0, n_comma = 0;
  double v;
  gsize after;

  for (p = s; *p; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          if (first == NULL)
            first = p;
          last = p;
        }
    }
  if (first == NULL)
    return 0;
  for (p = first; p < last; p++)
    {
      if (*p == '.')
        {
          n_dot++;
          last_sep = p;
        }
      else if (*p == ',')
        {
          n_comma++;
          last_sep = p;
        }
    }
  if (last_sep == NULL)
    return 0;
  after = last - last_sep;

  if (n_dot > 0 && n_comma > 0)
    {
      if (*last_sep == ',')
        return sc_parse_number (s, ',', &v) ? 1 : 0;
      return sc_parse_number (s, '.', &v) ? -1 : 0;
    }
  if (n_comma > 0)
    {
      if (n_comma > 1)
        return sc_parse_number (s, '.', &v) ? -1 : 0;
      if (after == 3)
        return 0;
      return sc_parse_number (s, ',', &v) ? 1 : 0;
    }
  if (n_dot > 1)
    return sc_parse_number (s, ',', &v) ? 1 : 0;
  if (after == 3)
    return 0;
  return sc_parse_number (s, '.', &v) ? -1 : 0;
}

static char
guess_decimal_mark (GPtrArray *rows)
{
  gint64 comma = 0, dot = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      for (guint j = 0; row[j] != NULL; j++)
        {
          int vote = decimal_vote (row[j]);

          if (vote > 0)
            comma++;
          else if (vote < 0)
            dot++;
        }
    }
  return comma > dot ? ',' : '.';
}

static gboolean
guess_has_header (GPtrArray *rows,
                  char       decimal_mark)
{
  char **row0 = g_ptr_array_index (rows, 0);
  guint n0 = g_strv_length (row0);
  gboolean row0_has_value = FALSE;
  gboolean all_text = TRUE;
  g_autoptr(GHashTable) seen = NULL;

  for (guint j = 0; j < n0; j++)
    {
      CellClass k0 = classify_cell (row0[j], decimal_mark);
      guint n_present = 0, n_valued = 0;

      if (k0 == CELL_NUMBER || k0 == CELL_DATE)
        {
          row0_has_value = TRUE;
          continue;
        }
      if (k0 != CELL_TEXT)
        continue;

      for (guint i = 1; i < rows->len; i++)
        {
          char **row = g_ptr_array_index (rows, i);
          CellClass k;

          if (g_strv_length (row) <= j)
            continue;
          k = classify_cell (row[j], decimal_mark);
          if (k == CELL_MISSING)
            continue;
          n_present++;
          if (k == CELL_NUMBER || k == CELL_DATE)
            n_valued++;
        }
      /* A name above a column of numbers or dates. */
      if (n_present > 0 && 2 * n_valued > n_present)
        return TRUE;
    }

  if (row0_has_value)
    return FALSE;
  if (rows->len == 1)
    return TRUE;

  for (guint i = 1; i < rows->len && all_text; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      for (guint j = 0; row[j] != NULL; j++)
        {
          CellClass k = classify_cell (row[j], decimal_mark);

          if (k == CELL_NUMBER || k == CELL_DATE)
            {
              all_text = FALSE;
              break;
            }
        }
    }
  /* Nothing to compare types with: a table of text is read as having names on top. */
  if (all_text)
    return TRUE;

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint j = 0; j < n0; j++)
    {
      char *key;

      if (!is_identifier_like (row0[j]))
        return FALSE;
      key = g_utf8_casefold (row0[j], -1);
      if (!g_hash_table_add (seen, key))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char   delimiter;
  char   quote;
  double consistency;
  guint  mode;
  guint  first;    /* fields in the first record */
} Candidate;

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
score_candidate (const char *data,
                 gsize       len,
                 gboolean    truncated,
                 ScEncoding  encoding,
                 Candidate  *cand)
{
  ScCsvDialect d;
  g_autoptr(ScCsvReader) r = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[SNIFF_MAX_RECORDS];
  guint n = 0, n_failed = 0;
  guint best_count = 0, best_run = 0;
  guint n_fields;
  char **fields;
  gsize *lengths;

  sc_csv_dialect_init_default (&d);
  d.delimiter = cand->delimiter;
  d.quote = cand->quote;
  d.encoding = encoding;

  r = sc_csv_reader_new_from_data (data, len, &d);
  while (n < SNIFF_MAX_RECORDS && sc_csv_reader_next (r, &n_fields, &fields, &lengths, &error))
    counts[n++] = n_fields;
  /* A quoted field cut off by the end of the sample proves nothing. */
  if (error != NULL && !truncated)
    n_failed = 1;

  cand->mode = 0;
  cand->consistency = 0;
  if (n == 0)
    return;
  cand->first = counts[0];

  qsort (counts, n, sizeof (guint), compare_uint);
  for (guint i = 0; i < n;)
    {
      guint j = i;

      while (j < n && counts[j] == counts[i])
        j++;
      if (j - i >= best_run)
        {
          best_run = j - i;
          best_count = counts[i];
        }
      i = j;
    }
  cand->mode = best_count;
  cand->consistency = (double) best_run / (n + n_failed);
}

static GPtrArray *
read_rows (const char         *data,
           gsize               len,
           const ScCsvDialect *dialect)
{
  g_autoptr(ScCsvReader) r = sc_csv_reader_new_from_data (data, len, dialect);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n_fields;
  char **fields;
  gsize *lengths;

  while (rows->len < SNIFF_KEEP_RECORDS &&
         sc_csv_reader_next (r, &n_fields, &fields, &lengths, NULL))
    {
      char **row = g_new (char *, n_fields + 1);

      for (guint i = 0; i < n_fields; i++)
        row[i] = g_strndup (fields[i], lengths[i]);
      row[n_fields] = NULL;
      g_ptr_array_add (rows, row);
    }
  return rows;
}

/* Whether some column of the records after the first holds mostly numbers or dates. */
static gboolean
has_value_column (const char      *data,
                  gsize            len,
                  ScEncoding       encoding,
                  const Candidate *cand)
{
  ScCsvDialect d;
  g_autoptr(GPtrArray) rows = NULL;
  char decimal_mark;

  sc_csv_dialect_init_default (&d);
  d.delimiter = cand->delimiter;
  d.quote = cand->quote;
  d.encoding = encoding;
  rows = read_rows (data, len, &d);
  decimal_mark = guess_decimal_mark (rows);
  for (guint j = 0; j < cand->mode; j++)
    {
      guint n_present = 0, n_valued = 0;

      for (guint i = 1; i < rows->len; i++)
        {
          char **row = g_ptr_array_index (rows, i);
          CellClass k;

          if (g_strv_length (row) <= j)
            continue;
          k = classify_cell (row[j], decimal_mark);
          n_present += k != CELL_MISSING;
          n_valued += k == CELL_NUMBER || k == CELL_DATE;
        }
      if (n_present > 0 && 2 * n_valued > n_present)
        return TRUE;
    }
  return FALSE;
}

/* Whether @cand, a whitespace-separated reading, explains the file better than @best.  The
 * aligned reading (two blanks separate) keeps names like "New York" whole and wins when
 * both fit; but a file whose header is spaced differently from its rows, as fixed-width
 * exports are (" customer_id  date number_of_cds" over " 00001 19970101  1"), splits
 * consistently only on every blank: its first record then has as many fields as the rest,
 * where the aligned reading counts a different number for the header.  Lines of prose
 * with as many words each are no table: some column must hold numbers or dates. */
static gboolean
whitespace_wins (const char      *data,
                 gsize            len,
                 ScEncoding       encoding,
                 const Candidate *cand,
                 const Candidate *best)
{
  if (cand->first != cand->mode || !has_value_column (data, len, encoding, cand))
    return FALSE;
  if (best->mode == 0 || cand->consistency > best->consistency + 0.02)
    return TRUE;
  return best->delimiter == ' ' && best->first != best->mode &&
         cand->consistency + 0.02 >= best->consistency;
}

/* A macro, not a function, so that the compiler checks each format against its arguments. */
#define sniff_set_error(error, name, message_with_name, message) \
  (((name) != NULL) \
   ? g_set_error ((error), SC_ERROR, SC_ERROR_NOT_A_TABLE, (message_with_name), (name)) \
   : g_set_error_literal ((error), SC_ERROR, SC_ERROR_NOT_A_TABLE, (message)), \
   FALSE)

static gboolean
has_prefix_bytes (const char *data,
                  gsize       len,
                  const char *magic,
                  gsize       magic_len)
{
  return len >= magic_len && memcmp (data, magic, magic_len) == 0;
}

static gboolean
check_not_binary (const char  *data,
                  gsize        len,
                  const char  *name,
                  GError     **error)
{
  const char *p;

  if (has_prefix_bytes (data, len, "%PDF", 4))
    return sniff_set_error (error, name,
                            _("“%s” is a PDF document, not a table. Export the data as CSV from the program it comes from."),
                            _("This is a PDF document, not a table. Export the data as CSV from the program it comes from."));
  if (has_prefix_bytes (data, len, "PK\x03\x04", 4) ||
      has_prefix_bytes (data, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    return sniff_set_error (error, name,
                            _("“%s” is a spreadsheet workbook or a compressed archive, not a CSV or TSV table. Save it as CSV first."),
                            _("This is a spreadsheet workbook or a compressed archive, not a CSV or TSV table. Save it as CSV first."));
  if (has_prefix_bytes (data, len, "\x89PNG", 4) ||
      has_prefix_bytes (data, len, "\xFF\xD8\xFF", 3) ||
      has_prefix_bytes (data, len, "GIF87a", 6) ||
      has_prefix_bytes (data, len, "GIF89a", 6) ||
      (has_prefix_bytes (data, len, "RIFF", 4) && len >= 12 && memcmp (data + 8, "WEBP", 4) == 0))
    return sniff_set_error (error, name,
                            _("“%s” is an image, not a table."),
                            _("This is an image, not a table."));
  if (has_prefix_bytes (data, len, "\x1F\x8B", 2) ||
      has_prefix_bytes (data, len, "BZh", 3) ||
      has_prefix_bytes (data, len, "\xFD" "7zXZ", 5) ||
      has_prefix_bytes (data, len, "7z\xBC\xAF", 4))
    return sniff_set_error (error, name,
                            _("“%s” is a compressed file. Extract it and import the CSV file inside."),
                            _("This is a compressed file. Extract it and import the CSV file inside."));
  if (has_prefix_bytes (data, len, "\xFF\xFE", 2) || has_prefix_bytes (data, len, "\xFE\xFF", 2) ||
      (len >= 4 && data[0] != '\0' && data[1] == '\0' && data[2] != '\0' && data[3] == '\0'))
    return sniff_set_error (error, name,
                            _("“%s” is saved as UTF-16 text, which cannot be read. Save it as “CSV UTF-8” instead."),
                            _("This is UTF-16 text, which cannot be read. Save it as “CSV UTF-8” instead."));

  if (memchr (data, '\0', len) != NULL)
    return sniff_set_error (error, name,
                            _("“%s” holds binary data, not a CSV or TSV table."),
                            _("This is binary data, not a CSV or TSV table."));

  for (p = data; p < data + len && g_ascii_isspace (*p); p++)
    ;
  if (p < data + len && *p == '<' &&
      (g_strstr_len (p, MIN (len - (p - data), 512), "<html") != NULL ||
       g_strstr_len (p, MIN (len - (p - data), 512), "<HTML") != NULL ||
       g_strstr_len (p, MIN (len - (p - data), 512), "<!DOCTYPE") != NULL ||
       g_strstr_len (p, MIN (len - (p - data), 512), "<?xml") != NULL))
    return sniff_set_error (error, name,
                            _("“%s” is a web page or XML document, not a CSV or TSV table."),
                            _("This is a web page or XML document, not a CSV or TSV table."));
  return TRUE;
}

static gboolean
sniff_impl (const char    *data,
            gsize          len,
            gboolean       truncated,
            const char    *name,
            ScCsvDialect  *dialect,
            GError       **error)
{
  static const char all_delimiters[] = { '\t', ';', ',', '|', ' ', SC_CSV_WHITESPACE };
  static const char quotes[] = { '"', '\0' };
  const char *delimiters = all_delimiters;
  guint n_delimiters = G_N_ELEMENTS (all_delimiters);
  ScCsvDialect d;
  Candidate best = { 0, 0, 0.0, 0, 0 };
  g_autoptr(GPtrArray) rows = NULL;
  gboolean has_bom = FALSE;
  guint64 n_utf8 = 0, n_other = 0;
  char sep = 0;
  gsize sep_len;
  const char *p;

  if (!check_not_binary (data, len, name, error))
    return FALSE;

  if (has_prefix_bytes (data, len, "\xEF\xBB\xBF", 3))
    {
      has_bom = TRUE;
      data += 3;
      len -= 3;
    }

  /* Excel's "sep=;" line names the delimiter; the table starts below it. */
  sep_len = _sc_csv_sep_line (data, len, &sep);
  if (sep_len > 0)
    {
      data += sep_len;
      len -= sep_len;
      delimiters = &sep;
      n_delimiters = 1;
    }

  for (p = data; p < data + len && g_ascii_isspace (*p); p++)
    ;
  if (p == data + len)
    return sniff_set_error (error, name, _("“%s” is empty."), _("There is no data."));

  if (truncated)
    {
      gsize cut = len;

      while (cut > 0 && data[cut - 1] != '\n' && data[cut - 1] != '\r')
        cut--;
      if (cut == 0)
        {
          if (name != NULL)
            g_set_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE,
                         _("The first line of “%s” is longer than %u KiB; this does not look like a table."),
                         name, SC_CSV_SNIFF_SIZE / 1024);
          else
            g_set_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE,
                         _("The first line is longer than %u KiB; this does not look like a table."),
                         SC_CSV_SNIFF_SIZE / 1024);
          return FALSE;
        }
      len = cut;
    }

  sc_csv_dialect_init_default (&d);
  d.has_bom = has_bom;
  _sc_csv_count_encoding (data, len, &n_utf8, &n_other);
  d.encoding = _sc_csv_encoding_from_counts (n_utf8, n_other);
  d.keep_utf8 = TRUE;

  /* Earlier candidates win ties: a tab or a semicolon that splits every line the same way
   * is a stronger sign than a comma, which may be a decimal mark. */
  for (guint i = 0; i < n_delimiters; i++)
    for (guint k = 0; k < G_N_ELEMENTS (quotes); k++)
      {
        Candidate cand = { delimiters[i], quotes[k], 0.0, 0, 0 };

        score_candidate (data, len, truncated, d.encoding, &cand);
        if (cand.mode < 2 && sep_len == 0)
          continue;
        if (cand.delimiter == SC_CSV_WHITESPACE
            ? whitespace_wins (data, len, d.encoding, &cand, &best)
            : best.mode == 0 || cand.consistency > best.consistency + 0.02)
          best = cand;
      }

  if (sep_len > 0 && best.mode == 0)
    return sniff_set_error (error, name, _("“%s” is empty."), _("There is no data."));
  if (sep_len == 0 && (best.mode < 2 || best.consistency < 0.5))
    return sniff_set_error (error, name,
                            _("No column separator found in “%s”. A table needs columns separated by commas, semicolons, tabs, “|” or aligned with spaces, the same number on every line."),
                            _("No column separator found. A table needs columns separated by commas, semicolons, tabs, “|” or aligned with spaces, the same number on every line."));

  d.delimiter = best.delimiter;
  d.quote = best.quote;

  rows = read_rows (data, len, &d);
  g_assert (rows->len > 0);
  d.decimal_mark = guess_decimal_mark (rows);
  d.has_header = guess_has_header (rows, d.decimal_mark);
  d.n_columns = g_strv_length (g_ptr_array_index (rows, 0));
  /* only now: the rows above were read from below that line */
  d.has_sep_line = sep_len > 0;

  *dialect = d;
  return TRUE;
}

/**
 * sc_csv_sniff_data:
 * @data: the start of a file (only the first %SC_CSV_SNIFF_SIZE bytes are looked at)
 * @len: its length in bytes
 * @dialect: (out caller-allocates): the dialect found
 * @error: return location for an error
 *
 * Like sc_csv_sniff(), for data in memory.  When @len is over %SC_CSV_SNIFF_SIZE, the part
 * after the last line end within the sniffed part is ignored.
 *
 * Returns: %TRUE when @data looks like a delimited table; @dialect is then set
 */
gboolean
sc_csv_sniff_data (const char    *data,
                   gsize          len,
                   ScCsvDialect  *dialect,
                   GError       **error)
{
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (dialect != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (len == 0)
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_NOT_A_TABLE, _("There is no data."));
      return FALSE;
    }
  return sniff_impl (data, MIN (len, SC_CSV_SNIFF_SIZE), len > SC_CSV_SNIFF_SIZE, NULL,
                     dialect, error);
}

/* Opens @path to read it, and sets @name to its name for messages; a folder is refused.
 * -1 with @error set on failure. */
static int
open_file (const char  *path,
           char       **name,
           GError     **error)
{
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  *name = g_filename_display_basename (path);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not open “%s”: %s"), *name, g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a file."), *name);
      return -1;
    }
  return fd;
}

/* pread(), again after a signal; -1 with @error set on failure, 0 at the end. */
static gssize
pread_some (int          fd,
            char        *buf,
            gsize        len,
            guint64      at,
            const char  *name,
            GError     **error)
{
  for (;;)
    {
      gssize n = pread (fd, buf, len, (off_t) at);
      int saved;

      if (n >= 0)
        return n;
      saved = errno;
      if (saved == EINTR)
        continue;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not read “%s”: %s"), name, g_strerror (saved));
      return -1;
    }
}

/**
 * sc_csv_sniff:
 * @path: a file name in the GLib file name encoding
 * @dialect: (out caller-allocates): the dialect found
 * @error: return location for an error
 *
 * Guesses how a delimited text file is written from its first %SC_CSV_SNIFF_SIZE bytes:
 * the encoding (Windows-1252 when more lines with accented letters need it than are valid
 * UTF-8, else UTF-8; sc_csv_sniff_encoding() decides from the whole file), a byte order
 * mark, the delimiter (Excel's "sep=;" first line when there is one, else the candidate that
 * splits the most lines into the same number of fields, quotes respected), whether quotes
 * are used, whether the first record is a header, and the decimal mark.
 *
 * Fails with %SC_ERROR_NOT_A_TABLE, with a message for people that names the file, for an
 * empty file, binary data, a PDF, spreadsheet workbook, archive or image, text without a
 * consistent delimiter, or a first line longer than the sniffed part; and with a
 * %G_IO_ERROR when the file cannot be read.
 *
 * Returns: %TRUE when the file looks like a delimited table; @dialect is then set
 */
gboolean
sc_csv_sniff (const char    *path,
              ScCsvDialect  *dialect,
              GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *buf = NULL;
  gsize len = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (dialect != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = open_file (path, &name, error);
  if (fd < 0)
    return FALSE;

  /* One byte more than is sniffed tells whether the sample is the whole file. */
  buf = g_malloc (SC_CSV_SNIFF_SIZE + 1);
  while (len < SC_CSV_SNIFF_SIZE + 1)
    {
      gssize n = pread_some (fd, buf + len, SC_CSV_SNIFF_SIZE + 1 - len, len, name, error);

      if (n < 0)
        {
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      len += n;
    }
  close (fd);

  if (len == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NOT_A_TABLE, _("“%s” is empty."), name);
      return FALSE;
    }
  return sniff_impl (buf, MIN (len, SC_CSV_SNIFF_SIZE), len > SC_CSV_SNIFF_SIZE, name,
                     dialect, error);
}

#define ENCODING_BUF_SIZE (1024 * 1024)
#define ENCODING_PART_MIN (16 * 1024 * 1024)
#define ENCODING_MAX_PARTS 4

/* One range of the file for sc_csv_sniff_encoding(), [from, to), starting at a line. */
typedef struct
{
  int            fd;
  const char    *name;
  GCancellable  *cancellable;
  guint64        from, to;
  guint64        n_utf8, n_other;
  GError        *error;
} EncodingPart;

/* The first position after a line feed at or after @at within 64 KiB, or 0. */
static guint64
line_start_after (int     fd,
                  guint64 at)
{
  char buf[64 * 1024];
  gssize n = pread_some (fd, buf, sizeof buf, at, "", NULL);
  const char *lf = n > 0 ? memchr (buf, '\n', n) : NULL;

  return lf != NULL ? at + (lf - buf) + 1 : 0;
}

static void
count_part (EncodingPart *part)
{
  const gsize cap = ENCODING_BUF_SIZE;
  g_autofree char *buf = g_malloc (cap);
  guint64 at = part->from;
  gsize have = 0;

  for (;;)
    {
      gsize want = (gsize) MIN ((guint64) (cap - have), part->to - at);
      gssize n = want > 0 ? pread_some (part->fd, buf + have, want, at, part->name,
                                        &part->error) : 0;
      gsize upto;

      if (n < 0 || g_cancellable_set_error_if_cancelled (part->cancellable, &part->error))
        return;
      have += n;
      at += n;
      if (n == 0)
        {
          _sc_csv_count_encoding (buf, have, &part->n_utf8, &part->n_other);
          return;
        }

      /* Whole lines only; a line longer than the buffer is judged in parts. */
      upto = have;
      while (upto > 0 && buf[upto - 1] != '\n' && buf[upto - 1] != '\r')
        upto--;
      if (upto == 0 && have < cap)
        continue;
      if (upto == 0)
        upto = have;
      _sc_csv_count_encoding (buf, upto, &part->n_utf8, &part->n_other);
      memmove (buf, buf + upto, have - upto);
      have -= upto;
    }
}

static gpointer
count_part_thread (gpointer data)
{
  count_part (data);
  return NULL;
}

/**
 * sc_csv_sniff_encoding:
 * @path: a file name in the GLib file name encoding
 * @cancellable: (nullable): a #GCancellable
 * @encoding: (out): the encoding found
 * @error: return location for an error
 *
 * Decides between UTF-8 and Windows-1252 from the whole file, where sc_csv_sniff() sees
 * only its start: each line with bytes >= 0x80 votes for UTF-8 when it is valid UTF-8 and
 * for Windows-1252 otherwise, and Windows-1252 needs the majority.  The reader keeps valid
 * UTF-8 fields either way (#ScCsvDialect.keep_utf8), so the choice only decides whether the
 * other lines are Windows-1252 text or mistakes in a UTF-8 file.  Reads the file once,
 * quickly: only lines with such bytes are checked.
 *
 * Returns: %TRUE with @encoding set; %FALSE when the file cannot be read or on cancel
 */
gboolean
sc_csv_sniff_encoding (const char    *path,
                       GCancellable  *cancellable,
                       ScEncoding    *encoding,
                       GError       **error)
{
  g_autofree char *name = NULL;
  EncodingPart parts[ENCODING_MAX_PARTS] = { { 0 } };
  GThread *threads[ENCODING_MAX_PARTS] = { NULL };
  guint n_parts = 1;
  guint64 n_utf8 = 0, n_other = 0;
  struct stat st;
  gboolean ok = TRUE;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (encoding != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = open_file (path, &name, error);
  if (fd < 0)
    return FALSE;

  /* A large file is counted in parts on every core, each part from a line start: the
   * lines are the same as read in one piece, so are the votes. */
  if (fstat (fd, &st) == 0 && st.st_size >= ENCODING_PART_MIN * 2)
    n_parts = MIN (MIN (g_get_num_processors (), ENCODING_MAX_PARTS),
                   (guint) (st.st_size / ENCODING_PART_MIN));
  for (guint k = 0; k < n_parts; k++)
    {
      EncodingPart *part = &parts[k];

      part->fd = fd;
      part->name = name;
      part->cancellable = cancellable;
      part->from = k == 0 ? 0 : line_start_after (fd, (guint64) st.st_size / n_parts * k);
      part->to = G_MAXUINT64;
      if (k > 0)
        {
          /* no line feed near: the part before reads on */
          if (part->from <= parts[k - 1].from)
            part->from = parts[k - 1].from;
          parts[k - 1].to = part->from;
        }
    }
  for (guint k = 1; k < n_parts; k++)
    if (parts[k].from < parts[k].to)
      threads[k] = g_thread_new ("segments-sniff", count_part_thread, &parts[k]);
  count_part (&parts[0]);
  for (guint k = 0; k < n_parts; k++)
    {
      if (threads[k] != NULL)
        g_thread_join (threads[k]);
      n_utf8 += parts[k].n_utf8;
      n_other += parts[k].n_other;
      if (parts[k].error != NULL)
        {
          if (ok)
            g_propagate_error (error, g_steal_pointer (&parts[k].error));
          g_clear_error (&parts[k].error);
          ok = FALSE;
        }
    }
  close (fd);

  if (ok)
    *encoding = _sc_csv_encoding_from_counts (n_utf8, n_other);
  return ok;
}
