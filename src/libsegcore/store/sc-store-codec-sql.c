/* sc-store-codec-sql.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Packed blobs (sc-store-codec.c) as SQLite columns and parameters: a column read as an
 * array whichever form it was stored in, and an array bound packed where that saves space. */

#include "config.h"

#include <string.h>

#include "sc-store-codec-private.h"

const void *
_sc_blob_array (const void  *blob,
                gsize        len,
                gsize        elem_size,
                gsize        n,
                void       **buf)
{
  *buf = NULL;
  if (len == elem_size * n)
    return n > 0 ? blob : "";
  if (!_sc_blob_is_packed (blob, len, elem_size * n) || _sc_blob_packed_count (blob, len) != n)
    return NULL;
  *buf = g_malloc (MAX (elem_size * n, 1));
  if (!_sc_blob_unpack (blob, len, elem_size, n, *buf))
    {
      g_clear_pointer (buf, g_free);
      return NULL;
    }
  return *buf;
}

gboolean
_sc_blob_copy_array (const void *blob,
                     gsize       len,
                     gsize       elem_size,
                     gsize       n,
                     void       *data)
{
  /* Unpacked straight into @data, without a buffer of its own. */
  if (len == elem_size * n)
    {
      if (n > 0)
        memcpy (data, blob, elem_size * n);
      return TRUE;
    }
  if (!_sc_blob_is_packed (blob, len, elem_size * n) || _sc_blob_packed_count (blob, len) != n)
    return FALSE;
  return _sc_blob_unpack (blob, len, elem_size, n, data);
}

const void *
_sc_store_column_array (sqlite3_stmt *stmt,
                        int           col,
                        gsize         elem_size,
                        gsize         n,
                        void        **buf)
{
  return _sc_blob_array (sqlite3_column_blob (stmt, col),
                         (gsize) sqlite3_column_bytes (stmt, col), elem_size, n, buf);
}

gboolean
_sc_store_column_copy (sqlite3_stmt *stmt,
                       int           col,
                       gsize         elem_size,
                       gsize         n,
                       void         *data)
{
  const void *blob = sqlite3_column_blob (stmt, col);

  return _sc_blob_copy_array (blob, (gsize) sqlite3_column_bytes (stmt, col), elem_size, n,
                              data);
}

gboolean
_sc_store_column_texts (sqlite3_stmt  *stmt,
                        int            col,
                        gsize          n,
                        const char   **texts,
                        gsize         *len,
                        void         **buf)
{
  const char *blob = sqlite3_column_blob (stmt, col);
  gsize bytes = (gsize) sqlite3_column_bytes (stmt, col);
  GByteArray *out;

  *buf = NULL;
  *texts = blob;
  *len = bytes;
  if (blob == NULL || !_sc_blob_is_packed (blob, bytes, G_MAXSIZE))
    return TRUE;
  out = g_byte_array_new ();
  if (!_sc_blob_unpack_texts (blob, bytes, n, out))
    {
      g_byte_array_unref (out);
      *texts = NULL;
      *len = 0;
      return FALSE;
    }
  *len = out->len;
  *buf = g_byte_array_free (out, FALSE);
  *texts = *buf;
  return TRUE;
}

/* Binds @packed when there is one, else the @raw_len raw bytes; *@keep owns @packed until
 * the statement has run. */
static void
bind_blob (sqlite3_stmt *stmt,
           int           col,
           GByteArray   *packed,
           const void   *raw,
           gsize         raw_len,
           GByteArray  **keep)
{
  g_clear_pointer (keep, g_byte_array_unref);
  *keep = packed;
  if (packed != NULL)
    sqlite3_bind_blob64 (stmt, col, packed->data, packed->len, SQLITE_STATIC);
  else
    sqlite3_bind_blob64 (stmt, col, raw_len > 0 ? raw : "", raw_len, SQLITE_STATIC);
}

void
_sc_store_bind_array (sqlite3_stmt *stmt,
                      int           col,
                      const void   *data,
                      gsize         elem_size,
                      gsize         n,
                      GByteArray  **keep)
{
  bind_blob (stmt, col, _sc_blob_pack (data, elem_size, n), data, elem_size * n, keep);
}

void
_sc_store_bind_texts (sqlite3_stmt *stmt,
                      int           col,
                      const char   *texts,
                      gsize         len,
                      gsize         n,
                      GByteArray  **keep)
{
  bind_blob (stmt, col, _sc_blob_pack_texts (texts, len, n), texts, len, keep);
}
