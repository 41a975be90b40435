/* sc-store-codec-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include <glib.h>

G_BEGIN_DECLS

/* Packed blobs (sc-store-codec.c): the compact form of a stored array, told from the raw
 * little-endian array by its length and its first and last bytes, so that the columns that
 * hold them need no marker and projects saved before read as they are. */

/* @n values of @elem_size bytes (1, 2 or 4: integers; 8: float64) packed, or %NULL when
 * packing would not save anything (store the raw array then). */
GByteArray *_sc_blob_pack         (const void   *data,
                                   gsize         elem_size,
                                   gsize         n);
/* Tests: pack integer streams in @n_parts parts (at most 4; each at least a block), as long
 * columns are on a machine with that many cores; 0 goes back to choosing by length. */
void        _sc_blob_pack_force_parts (guint n_parts);
/* @n texts, each ending in NUL, back to back in @len bytes; %NULL as above. */
GByteArray *_sc_blob_pack_texts   (const char   *texts,
                                   gsize         len,
                                   gsize         n);
/* Whether @blob is a packed blob rather than a raw array (of a length other than @raw_len,
 * or of an unknown length when @raw_len is G_MAXSIZE). */
gboolean    _sc_blob_is_packed    (const void   *blob,
                                   gsize         len,
                                   gsize         raw_len);
/* The number of values a packed blob holds, or G_MAXSIZE when it is damaged. */
gsize       _sc_blob_packed_count (const void   *blob,
                                   gsize         len);
/* Unpacks a packed blob of exactly @n values of @elem_size into @data; %FALSE when damaged. */
gboolean    _sc_blob_unpack       (const void   *blob,
                                   gsize         len,
                                   gsize         elem_size,
                                   gsize         n,
                                   void         *data);
/* Unpacks @n texts into @out (each ending in NUL); %FALSE when damaged. */
gboolean    _sc_blob_unpack_texts (const void   *blob,
                                   gsize         len,
                                   gsize         n,
                                   GByteArray   *out);
/* @len bytes at @blob as @n values of @elem_size, raw or packed: @blob itself or *@buf,
 * which the caller frees; %NULL when the blob has another size or is damaged. */
const void *_sc_blob_array (const void *blob, gsize len, gsize elem_size, gsize n, void **buf);
/* The same, copied into @data; %FALSE when it has another size or is damaged. */
gboolean _sc_blob_copy_array (const void *blob, gsize len, gsize elem_size, gsize n,
                              void *data);
/* @n values of @elem_size as stored on their own: packed when that saves space, else a copy
 * of the raw array. */
GByteArray *_sc_blob_pack_or_copy (const void *data, gsize elem_size, gsize n);

/* Delta blobs (sc-store-codec-delta.c): @n_arrays arrays of @n values of @elem_size back to
 * back, stored as the positions where they differ from @base (@n_arrays arrays of @base_n)
 * and the values there, or whole when that is not larger. */
GByteArray *_sc_blob_pack_delta (const void *data, gsize n, const void *base, gsize base_n,
                                 gsize elem_size, guint n_arrays);
/* Rebuilds into @data what _sc_blob_pack_delta() stored; %FALSE when damaged. */
gboolean _sc_blob_unpack_delta (const void *blob, gsize len, const void *base, gsize base_n,
                                gsize elem_size, guint n_arrays, gsize n, void *data);

/* Column @col of @stmt as @n values of @elem_size, raw or packed: a pointer into the row
 * (raw: possibly unaligned, copy values out with memcpy) or into *@buf, which the caller
 * frees; %NULL when the column has another size or is damaged. */
const void *_sc_store_column_array (sqlite3_stmt *stmt,
                                    int           col,
                                    gsize         elem_size,
                                    gsize         n,
                                    void        **buf);
/* Copies column @col of @stmt, @n values of @elem_size, raw or packed, into @data; %FALSE
 * when the column has another size or is damaged. */
gboolean _sc_store_column_copy (sqlite3_stmt *stmt, int col, gsize elem_size, gsize n,
                                void *data);
/* Column @col of @stmt as @n texts back to back (each ending in NUL) in *@texts, *@len
 * bytes, with the same ownership as above (a NULL column gives %NULL); %FALSE when
 * damaged. */
gboolean    _sc_store_column_texts (sqlite3_stmt *stmt,
                                    int           col,
                                    gsize         n,
                                    const char  **texts,
                                    gsize        *len,
                                    void        **buf);
/* Binds @n values of @elem_size as a blob, packed when that saves space; *@keep holds
 * what the statement points to until it has run (free it after). */
void        _sc_store_bind_array   (sqlite3_stmt *stmt,
                                    int           col,
                                    const void   *data,
                                    gsize         elem_size,
                                    gsize         n,
                                    GByteArray  **keep);
void        _sc_store_bind_texts   (sqlite3_stmt *stmt,
                                    int           col,
                                    const char   *texts,
                                    gsize         len,
                                    gsize         n,
                                    GByteArray  **keep);

G_END_DECLS
