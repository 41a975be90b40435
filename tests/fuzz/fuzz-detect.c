/* fuzz-detect.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Role detection (sc_detect_columns) on column names and sample values.  The input is a
 * small table in text: the first line holds the names, each further line a sample row; the
 * cells are split on the first of tab, ';', '|' and ',' found in the first line (',' when
 * none is).  Lines may be ragged: a short row's missing cells are NULL, as from the
 * preview.  Cells are made valid UTF-8 first, as the CSV reader guarantees.
 *
 * Each table is detected for an order file and for a customer list, with '.' and ',' as
 * the decimal mark, with the first line as names and with no names at all (the first line
 * then being a row too).  Invariants: every guess is in range and describes its sample
 * (missing + distinct ≤ rows, empty exactly when every value is missing, a date order only
 * for dates); for an order file each of customer, order, date, amount, quantity and price
 * goes to at most one column, quantity and price never next to an amount, and no column is
 * a consent or an attribute; for a customer list at most one customer and one consent and
 * every other column an attribute, with a customer whenever a column other than the
 * consent has a value; the same input gives the same proposal twice (checked for one of
 * the eight); role names round-trip. */

#include <glib.h>
#include <string.h>

#include "sc-detect.h"
#include "fuzz.h"

/* Bounds that keep one input fast; the wizard samples a few hundred rows of any width. */
#define MAX_COLUMNS 64
#define MAX_ROWS    256

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

static char **
split_line (const char *line,
            gsize       len,
            char        sep)
{
  g_autofree char *valid = g_utf8_make_valid (line, (gssize) len);
  GPtrArray *cells = g_ptr_array_new ();
  const char *p = valid;

  for (;;)
    {
      const char *end = strchr (p, sep);

      if (cells->len == MAX_COLUMNS - 1 || end == NULL)
        {
          g_ptr_array_add (cells, g_strdup (p));
          break;
        }
      g_ptr_array_add (cells, g_strndup (p, (gsize) (end - p)));
      p = end + 1;
    }
  g_ptr_array_add (cells, NULL);
  return (char **) g_ptr_array_free (cells, FALSE);
}

static void
check_guesses (ScTableKind          kind,
               guint                n_columns,
               guint                n_rows,
               const char * const  *const *rows,
               const ScColumnGuess *g)
{
  guint per_role[SC_ROLE_ATTRIBUTE + 1] = { 0 };
  gboolean customer_candidate = FALSE;

  for (guint j = 0; j < n_columns; j++)
    {
      guint present = 0;

      FUZZ_CHECK ((guint) g[j].role <= SC_ROLE_ATTRIBUTE, "column %u: role %d", j, g[j].role);
      FUZZ_CHECK ((guint) g[j].kind <= SC_VALUE_EMPTY, "column %u: kind %d", j, g[j].kind);
      FUZZ_CHECK ((guint) g[j].date_order <= SC_DATE_ORDER_YYYYMMDD, "column %u: date order %d",
                  j, g[j].date_order);
      FUZZ_CHECK (g[j].kind == SC_VALUE_DATE || g[j].date_order == SC_DATE_ORDER_AUTO,
                  "column %u: a date order for a %s column", j,
                  sc_value_kind_to_string (g[j].kind));
      FUZZ_CHECK (g[j].n_missing <= n_rows, "column %u: %u missing of %u rows", j,
                  g[j].n_missing, n_rows);
      present = n_rows - g[j].n_missing;
      FUZZ_CHECK (g[j].n_distinct <= present && (present == 0) == (g[j].n_distinct == 0),
                  "column %u: %u distinct of %u values", j, g[j].n_distinct, present);
      FUZZ_CHECK ((g[j].kind == SC_VALUE_EMPTY) == (present == 0),
                  "column %u: kind %s with %u values", j, sc_value_kind_to_string (g[j].kind),
                  present);
      if (present > 0 && g[j].role != SC_ROLE_CONSENT)
        customer_candidate = TRUE;
      per_role[g[j].role]++;

      /* A NULL cell is missing; the sample is not changed. */
      for (guint i = 0; i < n_rows; i++)
        if (rows[i][j] != NULL)
          FUZZ_CHECK (g_utf8_validate (rows[i][j], -1, NULL), "a cell changed");
    }

  if (kind == SC_TABLE_TRANSACTIONS)
    {
      for (guint r = SC_ROLE_CUSTOMER; r <= SC_ROLE_PRICE; r++)
        FUZZ_CHECK (per_role[r] <= 1, "%u columns for the role %s", per_role[r],
                    sc_column_role_to_string (r));
      FUZZ_CHECK (per_role[SC_ROLE_CONSENT] == 0 && per_role[SC_ROLE_ATTRIBUTE] == 0 &&
                  per_role[SC_ROLE_EMAIL] == 0 && per_role[SC_ROLE_PHONE] == 0 &&
                  per_role[SC_ROLE_NAME] == 0,
                  "a consent, contact or attribute column in an order file");
      FUZZ_CHECK (per_role[SC_ROLE_AMOUNT] == 0 ||
                  (per_role[SC_ROLE_QUANTITY] == 0 && per_role[SC_ROLE_PRICE] == 0),
                  "quantity or price next to an amount");
    }
  else
    {
      FUZZ_CHECK (per_role[SC_ROLE_CUSTOMER] <= 1 && per_role[SC_ROLE_CONSENT] <= 1,
                  "%u customer and %u consent columns", per_role[SC_ROLE_CUSTOMER],
                  per_role[SC_ROLE_CONSENT]);
      for (guint r = SC_ROLE_EMAIL; r <= SC_ROLE_NAME; r++)
        FUZZ_CHECK (per_role[r] <= 1, "%u columns for the role %s", per_role[r],
                    sc_column_role_to_string (r));
      FUZZ_CHECK (per_role[SC_ROLE_CUSTOMER] + per_role[SC_ROLE_CONSENT] +
                  per_role[SC_ROLE_EMAIL] + per_role[SC_ROLE_PHONE] + per_role[SC_ROLE_NAME] +
                  per_role[SC_ROLE_ATTRIBUTE] == n_columns,
                  "a customer-list column that is neither customer, consent, contact nor "
                  "attribute");
      FUZZ_CHECK (!customer_candidate || per_role[SC_ROLE_CUSTOMER] == 1,
                  "a customer list with values outside its consent but no customer column");
    }
}

static void
detect (ScTableKind          kind,
        guint                n_columns,
        const char * const  *header,
        guint                n_rows,
        const char * const  *const *rows,
        char                 decimal_mark,
        gboolean             twice)
{
  ScColumnGuess guesses[MAX_COLUMNS], again[MAX_COLUMNS];

  sc_detect_columns (kind, n_columns, header, n_rows, rows, decimal_mark, guesses);
  check_guesses (kind, n_columns, n_rows, rows, guesses);

  if (twice)
    {
      sc_detect_columns (kind, n_columns, header, n_rows, rows, decimal_mark, again);
      FUZZ_CHECK (memcmp (guesses, again, n_columns * sizeof *guesses) == 0,
                  "the same sample gives a different proposal");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *bytes,
                        size_t         size)
{
  const char *data = (const char *) bytes;
  const char *end = data + size;
  const char *first_end = memchr (data, '\n', size);
  const char *line;
  char sep = ',';
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree const char **header = NULL;
  g_autofree const char **cells = NULL;
  g_autofree const char ***rows = NULL;
  guint n_columns;

  /* The separator: the first of these in the first line. */
  if (first_end == NULL)
    first_end = end;
  for (const char *p = data; p < first_end; p++)
    if (*p == '\t' || *p == ';' || *p == '|' || *p == ',')
      {
        sep = *p;
        break;
      }

  for (line = data; line < end && lines->len <= MAX_ROWS; )
    {
      const char *nl = memchr (line, '\n', (gsize) (end - line));
      const char *stop = nl != NULL ? nl : end;
      gsize len = (gsize) (stop - line);

      if (len > 0 && line[len - 1] == '\r')
        len--;
      g_ptr_array_add (lines, split_line (line, len, sep));
      line = stop + 1;
    }
  if (lines->len == 0)
    g_ptr_array_add (lines, split_line ("", 0, sep));

  /* The width is the first line's, as in a file with a header; longer rows are cut. */
  n_columns = g_strv_length (g_ptr_array_index (lines, 0));
  header = g_new0 (const char *, n_columns);
  for (guint j = 0; j < n_columns; j++)
    header[j] = ((char **) g_ptr_array_index (lines, 0))[j];

  /* One array of cells, rows pointing into it: row i is line i (line 0 too, for the table
   * without names). */
  cells = g_new0 (const char *, (gsize) lines->len * n_columns + 1);
  rows = g_new0 (const char **, lines->len);
  for (guint i = 0; i < lines->len; i++)
    {
      char **fields = g_ptr_array_index (lines, i);
      guint n = g_strv_length (fields);

      for (guint j = 0; j < n_columns && j < n; j++)
        cells[(gsize) i * n_columns + j] = fields[j];
      rows[i] = &cells[(gsize) i * n_columns];
    }

  for (guint k = 0; k < 2; k++)
    for (guint d = 0; d < 2; d++)
      {
        ScTableKind kind = k == 0 ? SC_TABLE_TRANSACTIONS : SC_TABLE_CUSTOMERS;
        char mark = d == 0 ? '.' : ',';
        const char * const * const *r = (const char * const * const *) rows;

        /* Determinism once per input is enough (it doubles the cost). */
        detect (kind, n_columns, header, lines->len - 1, r + 1, mark, k == 0 && d == 0);
        detect (kind, n_columns, NULL, lines->len, r, mark, FALSE);
      }

  for (guint r = SC_ROLE_IGNORE; r <= SC_ROLE_ATTRIBUTE; r++)
    {
      ScColumnRole back;

      FUZZ_CHECK (sc_column_role_from_string (sc_column_role_to_string (r), &back) && back == r,
                  "role %u does not round-trip", r);
    }
  return 0;
}
