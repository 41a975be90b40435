/* sc-store-activation.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What activation needs from the project file: the customers' contact fields, kept as text
 * columns (the texts back to back, each ending in NUL, an empty text for an unknown value,
 * like the customer keys), and the record of each preset export (which segment name each
 * customer was sent with), so that the next export can send only what changed. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-store-activation.h"
#include "sc-store-codec-private.h"
#include "sc-store-private.h"

static char *
contact_column (const char *field)
{
  return g_strconcat ("contact_", field, NULL);
}

void
sc_text_column_clear (ScTextColumn *column)
{
  g_clear_pointer (&column->data, g_free);
  g_clear_pointer (&column->text, g_free);
  column->n = 0;
}

/**
 * sc_store_load_texts:
 * @name: the column ("key", or a contact column)
 * @n: the customers to cover: customers beyond the stored column get %NULL
 * @empty_is_null: whether an empty text reads as %NULL
 * @column: (out caller-allocates): the texts, pointing into one copy of the stored blob (a
 *   million texts are not a million allocations)
 *
 * Returns: %FALSE with @error set when the column is damaged or cannot be read; a missing
 *   column reads as @n missing texts
 */
gboolean
sc_store_load_texts (ScStore       *self,
                     const char    *name,
                     guint32        n,
                     gboolean       empty_is_null,
                     ScTextColumn  *column,
                     GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 stored;

  memset (column, 0, sizeof *column);
  if (!_sc_store_lookup_column (self, name, &stmt, &stored, error))
    return FALSE;
  if (stmt != NULL)
    {
      g_autofree void *buf = NULL;
      const char *texts = NULL;
      gsize len = 0;
      const char *p, *end;
      guint32 i = 0;

      if (!_sc_store_column_texts (stmt, 1, (gsize) MAX (stored, 0), &texts, &len, &buf))
        stored = -1;   /* damaged */
      column->data = g_malloc (len + 1);
      if (len > 0)
        memcpy (column->data, texts, len);
      column->n = (guint32) MAX (stored < 0 ? 0 : stored, (gint64) n);
      column->text = g_new0 (const char *, MAX (column->n, 1));
      for (p = column->data, end = column->data + len; p < end && i < column->n; i++)
        {
          const char *nul = memchr (p, '\0', (gsize) (end - p));

          if (nul == NULL)
            break;
          column->text[i] = empty_is_null && nul == p ? NULL : p;
          p = nul + 1;
        }
      if ((gint64) i != stored || p != end)
        {
          sc_text_column_clear (column);
          g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                       _("“%s” is damaged: the customer list could not be read."),
                       sc_store_get_path (self));
          return FALSE;
        }
      return TRUE;
    }
  column->n = n;
  column->text = g_new0 (const char *, MAX (n, 1));
  return TRUE;
}

/* Reads a column of NUL-terminated texts into @out, copies that its caller owns (@out keeps
 * its size when the column is missing or shorter). */
gboolean
_sc_store_load_strings (ScStore     *self,
                        const char  *name,
                        gboolean     empty_is_null,
                        GPtrArray   *out,
                        GError     **error)
{
  g_auto(ScTextColumn) column = { 0 };

  if (!sc_store_load_texts (self, name, 0, empty_is_null, &column, error))
    return FALSE;
  if (out->len < column.n)
    g_ptr_array_set_size (out, column.n);
  for (guint32 i = 0; i < column.n; i++)
    {
      g_free (g_ptr_array_index (out, i));
      g_ptr_array_index (out, i) = g_strdup (column.text[i]);
    }
  return TRUE;
}

/**
 * sc_store_load_contact_texts:
 * @field: "email", "phone" or "name"
 * @column: (out caller-allocates): the texts of @n customers, %NULL where unknown
 */
gboolean
sc_store_load_contact_texts (ScStore       *self,
                             const char    *field,
                             guint32        n,
                             ScTextColumn  *column,
                             GError       **error)
{
  g_autofree char *name = contact_column (field);

  return sc_store_load_texts (self, name, n, TRUE, column, error);
}

gboolean
sc_store_load_contacts (ScStore     *self,
                        const char  *field,
                        guint32      n_customers,
                        GPtrArray  **values,
                        GError     **error)
{
  g_autofree char *name = contact_column (field);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (result, n_customers);
  if (!_sc_store_load_strings (self, name, TRUE, result, error))
    return FALSE;
  /* Customers added since the column was saved have no value; a longer column is damage
   * the caller does not need to read past. */
  g_ptr_array_set_size (result, n_customers);
  *values = g_steal_pointer (&result);
  return TRUE;
}

gboolean
sc_store_save_contacts (ScStore     *self,
                        const char  *field,
                        GPtrArray   *values,
                        GError     **error)
{
  g_autofree char *name = contact_column (field);
  g_autoptr(GString) buf = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    {
      const char *v = g_ptr_array_index (values, i);

      if (v != NULL)
        g_string_append (buf, v);
      g_string_append_c (buf, '\0');
    }
  return _sc_store_save_blob (self, name, values->len, buf->str, buf->len, error);
}

gboolean
sc_store_has_contacts (ScStore     *self,
                       const char  *field,
                       gboolean    *has,
                       GError     **error)
{
  g_autofree char *name = contact_column (field);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  return _sc_store_lookup (self, "SELECT 1 FROM columns WHERE name = ?", name, &stmt, has, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Export records */

void
sc_activation_record_free (ScActivationRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->preset);
  g_strfreev (record->segment_names);
  g_free (record->labels);
  g_free (record);
}

/**
 * sc_store_add_activation:
 *
 * Records one preset export. The caller holds the transaction.
 */
gboolean
sc_store_add_activation (ScStore                   *self,
                         const ScActivationRecord  *record,
                         GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *names = g_strjoinv ("\n", record->segment_names);

  if (!_sc_store_prepare (self, "INSERT INTO activation_exports (created_at, preset, run, "
                          "n_written, n_excluded, segment_names, n_customers, labels) VALUES "
                          "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?, ?, ?, ?, ?)",
                          &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->preset, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, record->run);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) record->n_written);
  sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) record->n_excluded);
  sqlite3_bind_text (stmt, 5, names, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, record->n_customers);
  sqlite3_bind_blob64 (stmt, 7, record->n_customers > 0 ? (const void *) record->labels : "",
                       sizeof (guint16) * (gsize) record->n_customers, SQLITE_STATIC);
  return _sc_store_step_done (self, stmt, error);
}

/**
 * sc_store_load_last_activation:
 * @record: (out) (transfer full) (nullable): the newest export of @preset, or %NULL when
 *   there was none
 */
gboolean
sc_store_load_last_activation (ScStore              *self,
                               const char           *preset,
                               ScActivationRecord  **record,
                               GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ScActivationRecord) r = NULL;
  const char *names;
  gsize bytes;
  gboolean found;

  *record = NULL;
  if (!_sc_store_lookup (self, "SELECT run, n_written, n_excluded, segment_names, n_customers, "
                         "labels FROM activation_exports WHERE preset = ? ORDER BY id DESC "
                         "LIMIT 1", preset, &stmt, &found, error))
    return FALSE;
  if (!found)
    return TRUE;

  r = g_new0 (ScActivationRecord, 1);
  r->preset = g_strdup (preset);
  r->run = sqlite3_column_int64 (stmt, 0);
  r->n_written = (guint64) sqlite3_column_int64 (stmt, 1);
  r->n_excluded = (guint64) sqlite3_column_int64 (stmt, 2);
  names = (const char *) sqlite3_column_text (stmt, 3);
  r->segment_names = names != NULL && *names ? g_strsplit (names, "\n", -1) : g_new0 (char *, 1);
  r->n_customers = (guint32) sqlite3_column_int64 (stmt, 4);
  bytes = (gsize) sqlite3_column_bytes (stmt, 5);
  if (bytes != sizeof (guint16) * (gsize) r->n_customers)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged: the record of an export has the wrong size."),
                   sc_store_get_path (self));
      return FALSE;
    }
  r->labels = g_new (guint16, MAX (r->n_customers, 1));
  if (bytes > 0)
    memcpy (r->labels, sqlite3_column_blob (stmt, 5), bytes);
  *record = g_steal_pointer (&r);
  return TRUE;
}
