/* sc-store-interactions.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Interactions (e-mail opens, web visits, support tickets, …) are stored like transactions:
 * chunks of up to 65,536 rows, each column one little-endian array, written with one INSERT
 * per chunk inside the import's transaction and read back in one sequential scan.  Type and
 * channel names are interned per project: each row holds a 16-bit index into a list of
 * names kept as a column blob ("interaction_types", "interaction_channels"), so ten million
 * rows of "email_open" cost two bytes each.  Since schema 16 each array is packed when that
 * saves space (sc-store-codec.c); chunks saved before stay raw and read as they are. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sc-store-codec-private.h"
#include "sc-store-interactions.h"
#include "sc-store-private.h"

#define CHUNK_ROWS 65536

void
sc_interactions_free (ScInteractions *ix)
{
  if (ix == NULL)
    return;
  g_free (ix->customer);
  g_free (ix->day);
  g_free (ix->type);
  g_free (ix->value);
  g_free (ix->channel);
  g_strfreev (ix->types);
  g_strfreev (ix->channels);
  g_free (ix);
}

guint
sc_interactions_n_types (const ScInteractions *ix)
{
  return ix != NULL && ix->types != NULL ? g_strv_length (ix->types) : 0;
}

/**
 * sc_store_has_interactions:
 *
 * Returns: whether the project holds at least one interaction
 */
gboolean
sc_store_has_interactions (ScStore *self)
{
  return sc_store_count (self, "interaction_chunks") > 0;
}

gboolean
sc_store_load_interaction_names (ScStore     *self,
                                 const char  *which,
                                 GPtrArray  **names,
                                 GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (g_str_equal (which, "interaction_types") ||
                        g_str_equal (which, "interaction_channels"), FALSE);

  if (!_sc_store_load_strings (self, which, FALSE, out, error))
    return FALSE;
  if (g_str_equal (which, "interaction_channels") && out->len == 0)
    g_ptr_array_add (out, g_strdup (""));
  *names = g_steal_pointer (&out);
  return TRUE;
}

gboolean
sc_store_save_interaction_names (ScStore     *self,
                                 const char  *which,
                                 GPtrArray   *names,
                                 GError     **error)
{
  g_autoptr(GString) buf = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_string_append_len (buf, name, strlen (name) + 1);
    }
  return _sc_store_save_blob (self, which, names->len, buf->str, buf->len, error);
}

gboolean
sc_store_insert_interactions (ScStore        *self,
                              guint64         import_id,
                              gsize           n,
                              const guint32  *customer,
                              const ScDay    *day,
                              const guint16  *type,
                              const double   *value,
                              const guint16  *channel,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (self, "INSERT INTO interaction_chunks (import, n, customer, day, "
                          "type, value, channel) VALUES (?,?,?,?,?,?,?)", &stmt, error))
    return FALSE;

  for (gsize start = 0; start < n; start += CHUNK_ROWS)
    {
      gsize len = MIN (CHUNK_ROWS, n - start);
      GByteArray *keep[5] = { NULL };
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, import_id);
      sqlite3_bind_int64 (stmt, 2, len);
      _sc_store_bind_array (stmt, 3, customer + start, sizeof (guint32), len, &keep[0]);
      _sc_store_bind_array (stmt, 4, day + start, sizeof (ScDay), len, &keep[1]);
      _sc_store_bind_array (stmt, 5, type + start, sizeof (guint16), len, &keep[2]);
      _sc_store_bind_array (stmt, 6, value + start, sizeof (double), len, &keep[3]);
      _sc_store_bind_array (stmt, 7, channel + start, sizeof (guint16), len, &keep[4]);
      ok = _sc_store_step_done (self, stmt, error);
      for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
        g_clear_pointer (&keep[i], g_byte_array_unref);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static char **
steal_strv (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/**
 * sc_store_load_interactions:
 *
 * Reads every interaction of the project, in import order, with the type and channel
 * names.  Indexes outside the name lists mean a damaged project.
 *
 * Returns: (transfer full) (nullable): the interactions (n = 0 when there are none), or
 *   %NULL with @error set
 */
ScInteractions *
sc_store_load_interactions (ScStore       *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(ScInteractions) ix = g_new0 (ScInteractions, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  gsize cap = 0;
  int rc;

  if (!sc_store_load_interaction_names (self, "interaction_types", &types, error) ||
      !sc_store_load_interaction_names (self, "interaction_channels", &channels, error))
    return NULL;
  if (!_sc_store_prepare (self, "SELECT n, customer, day, type, value, channel "
                          "FROM interaction_chunks ORDER BY id", &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize len = (gsize) sqlite3_column_int64 (stmt, 0);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (ix->n + len > cap)
        {
          cap = MAX (cap * 2, ix->n + len);
          ix->customer = g_renew (guint32, ix->customer, cap);
          ix->day = g_renew (ScDay, ix->day, cap);
          ix->type = g_renew (guint16, ix->type, cap);
          ix->value = g_renew (double, ix->value, cap);
          ix->channel = g_renew (guint16, ix->channel, cap);
        }
      if (!_sc_store_column_copy (stmt, 1, sizeof (guint32), len, ix->customer + ix->n) ||
          !_sc_store_column_copy (stmt, 2, sizeof (ScDay), len, ix->day + ix->n) ||
          !_sc_store_column_copy (stmt, 3, sizeof (guint16), len, ix->type + ix->n) ||
          !_sc_store_column_copy (stmt, 4, sizeof (double), len, ix->value + ix->n) ||
          !_sc_store_column_copy (stmt, 5, sizeof (guint16), len, ix->channel + ix->n))
        goto damaged;
      for (gsize i = ix->n; i < ix->n + len; i++)
        if (ix->type[i] >= types->len || ix->channel[i] >= channels->len)
          goto damaged;
      ix->n += len;
    }
  if (!_sc_store_expect (self, rc, SQLITE_DONE, error))
    return NULL;
  ix->types = steal_strv (g_steal_pointer (&types));
  ix->channels = steal_strv (g_steal_pointer (&channels));
  return g_steal_pointer (&ix);

damaged:
  g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
               _("“%s” is damaged: the interactions could not be read."),
               sc_store_get_path (self));
  return NULL;
}
