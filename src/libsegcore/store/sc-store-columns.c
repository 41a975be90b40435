/* sc-store-columns.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Per-customer data stored as columns: one blob per column, indexed by the dense customer id
 * (keys, consent, the aggregates), and the customer attributes with their level labels.
 * Blobs are packed when that saves space (sc-store-codec.c); both forms read back. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-memory.h"
#include "sc-store-codec-private.h"
#include "sc-store-columns-private.h"
#include "sc-store-private.h"

/* Customers from which the aggregates' columns are decoded on two cores. */
#define PARALLEL_CUSTOMERS 65536
/* The mapping the aggregates' blobs are read through (SQLite maps at most the file). */
#define MMAP_BYTES (G_GINT64_CONSTANT (1) << 40)

GByteArray *
_sc_store_pack_blob (const void *data,
                     gsize       elem_size,
                     gsize       n,
                     gsize       bytes)
{
  GByteArray *packed = elem_size == 0 ? _sc_blob_pack_texts (data, bytes, n)
                                      : _sc_blob_pack (data, elem_size, n);

  return packed != NULL ? packed : g_byte_array_append (g_byte_array_new (), data, bytes);
}

void
_sc_store_bind_blob (sqlite3_stmt *stmt,
                     int           col,
                     GByteArray   *blob)
{
  if (blob != NULL)
    sqlite3_bind_blob64 (stmt, col, blob->len > 0 ? (const void *) blob->data : "", blob->len,
                         SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, col);
}

static gboolean
save_blob (ScStore     *self,
           const char  *name,
           guint32      n,
           GByteArray  *blob,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (self, "INSERT OR REPLACE INTO columns (name, n, data) VALUES (?,?,?)",
                          &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, n);
  _sc_store_bind_blob (stmt, 3, blob);
  return _sc_store_step_done (self, stmt, error);
}

typedef struct
{
  const char *name;      /* one of the project's own */
  guint32     n;
  GByteArray *blob;
} PackedColumn;

struct _ScPackedColumns
{
  GArray *columns;       /* PackedColumn, saved in this order */
};

static void
packed_column_clear (PackedColumn *c)
{
  g_clear_pointer (&c->blob, g_byte_array_unref);
}

ScPackedColumns *
_sc_packed_columns_new (void)
{
  ScPackedColumns *columns = g_new0 (ScPackedColumns, 1);

  columns->columns = g_array_new (FALSE, FALSE, sizeof (PackedColumn));
  g_array_set_clear_func (columns->columns, (GDestroyNotify) packed_column_clear);
  return columns;
}

void
_sc_packed_columns_add (ScPackedColumns *columns,
                        const char      *name,
                        guint32          n,
                        gsize            elem_size,
                        const void      *data,
                        gsize            bytes)
{
  PackedColumn c = { g_intern_string (name), n, _sc_store_pack_blob (data, elem_size, n, bytes) };

  g_array_append_val (columns->columns, c);
}

/* The aggregates' columns, saved and loaded in this order: the one list of them. */
static const struct
{
  const char *name;
  gsize       elem_size;
  glong       offset;     /* of the array in ScAggregates */
} aggregate_columns[] = {
  { "first_day", sizeof (ScDay), G_STRUCT_OFFSET (ScAggregates, first_day) },
  { "last_day", sizeof (ScDay), G_STRUCT_OFFSET (ScAggregates, last_day) },
  { "n_orders", sizeof (guint32), G_STRUCT_OFFSET (ScAggregates, n_orders) },
  { "n_purchase_days", sizeof (guint32), G_STRUCT_OFFSET (ScAggregates, n_purchase_days) },
  { "n_rows", sizeof (guint32), G_STRUCT_OFFSET (ScAggregates, n_rows) },
  { "monetary", sizeof (double), G_STRUCT_OFFSET (ScAggregates, monetary) },
  { "returns", sizeof (double), G_STRUCT_OFFSET (ScAggregates, returns) },
};

void
_sc_packed_columns_add_aggregates (ScPackedColumns    *columns,
                                   const ScAggregates *agg)
{
  for (guint i = 0; i < G_N_ELEMENTS (aggregate_columns); i++)
    _sc_packed_columns_add (columns, aggregate_columns[i].name, agg->n,
                            aggregate_columns[i].elem_size,
                            G_STRUCT_MEMBER (gpointer, agg, aggregate_columns[i].offset),
                            agg->n * aggregate_columns[i].elem_size);
}

gboolean
_sc_packed_columns_save (ScPackedColumns  *columns,
                         ScStore          *store,
                         GError          **error)
{
  for (guint i = 0; i < columns->columns->len; i++)
    {
      PackedColumn *c = &g_array_index (columns->columns, PackedColumn, i);

      if (!save_blob (store, c->name, c->n, c->blob, error))
        return FALSE;
      g_clear_pointer (&c->blob, g_byte_array_unref);
    }
  return TRUE;
}

void
_sc_packed_columns_free (ScPackedColumns *columns)
{
  if (columns == NULL)
    return;
  g_array_unref (columns->columns);
  g_free (columns);
}

static gboolean save_column (ScStore     *self,
                             const char  *name,
                             guint32      n,
                             const void  *data,
                             gsize        elem_size,
                             gsize        bytes,
                             GError     **error);

/**
 * sc_store_save_column:
 * @name: the column's name (one of the project's own, never user input)
 * @n: number of customers
 * @elem_size: bytes per value
 * @data: n values, in dense customer order
 *
 * Stores a per-customer column, replacing an older one of the same name.
 */
gboolean
sc_store_save_column (ScStore     *self,
                      const char  *name,
                      guint32      n,
                      gsize        elem_size,
                      const void  *data,
                      GError     **error)
{
  return save_column (self, name, n, data, elem_size, elem_size * n, error);
}

/* Stores the column @name of @n customers as @bytes bytes of @data: @n values of
 * @elem_size, or texts back to back when @elem_size is 0. */
static gboolean
save_column (ScStore     *self,
             const char  *name,
             guint32      n,
             const void  *data,
             gsize        elem_size,
             gsize        bytes,
             GError     **error)
{
  g_autoptr(GByteArray) blob = _sc_store_pack_blob (data, elem_size, n, bytes);

  return save_blob (self, name, n, blob, error);
}

/* Stores the column @name of @n customers as @bytes bytes of texts back to back. */
gboolean
_sc_store_save_blob (ScStore     *self,
                     const char  *name,
                     guint32      n,
                     const void  *data,
                     gsize        bytes,
                     GError     **error)
{
  return save_column (self, name, n, data, 0, bytes, error);
}

/* Looks up the stored column @name: TRUE with @stmt on its row (n, data) and *@stored the
 * customers it covers, or with @stmt %NULL when there is no such column; FALSE with @error
 * when the lookup fails. */
gboolean
_sc_store_lookup_column (ScStore        *self,
                         const char     *name,
                         sqlite3_stmt  **stmt,
                         gint64         *stored,
                         GError        **error)
{
  gboolean found;

  *stored = 0;
  if (!_sc_store_lookup (self, "SELECT n, data FROM columns WHERE name = ?", name, stmt, &found,
                         error))
    return FALSE;
  if (found)
    *stored = sqlite3_column_int64 (*stmt, 0);
  else
    g_clear_pointer (stmt, sqlite3_finalize);
  return TRUE;
}

/**
 * sc_store_load_column:
 * @data: (out caller-allocates): room for n values; customers the stored column does not
 *   cover (added since it was saved) keep what the caller put there
 *
 * Returns: %FALSE with @error set on a read error; a missing column is not an error and
 *   leaves @data as it was
 */
gboolean
sc_store_load_column (ScStore     *self,
                      const char  *name,
                      guint32      n,
                      gsize        elem_size,
                      void        *data,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 stored;

  if (!_sc_store_lookup_column (self, name, &stmt, &stored, error))
    return FALSE;
  if (stmt != NULL)
    {
      g_autofree void *buf = NULL;
      const void *values;

      /* A column of every customer is decoded straight into @data (at a million customers,
       * megabytes of fresh pages and a copy fewer); one of fewer customers into a buffer,
       * so that the others keep their values. */
      if (stored == (gint64) n && n > 0)
        values = _sc_store_column_copy (stmt, 1, elem_size, n, data) ? data : NULL;
      else
        values = stored >= 0 && (guint64) stored <= G_MAXUINT32
                 ? _sc_store_column_array (stmt, 1, elem_size, (gsize) stored, &buf)
                 : NULL;

      if (values == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                       _("“%s” is damaged: the column “%s” has the wrong size."),
                       sc_store_get_path (self), name);
          return FALSE;
        }
      if (n > 0 && values != data)
        memcpy (data, values, elem_size * MIN ((gsize) stored, (gsize) n));
    }
  return TRUE;
}

gboolean
sc_store_load_customer_keys (ScStore    *self,
                             GPtrArray **keys,
                             GError    **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);

  if (!_sc_store_load_strings (self, "key", FALSE, result, error))
    return FALSE;
  *keys = g_steal_pointer (&result);
  return TRUE;
}

/* keys: n NUL-terminated strings back to back in len bytes. */
gboolean
sc_store_save_customer_keys (ScStore     *self,
                             guint32      n,
                             const char  *keys,
                             gsize        len,
                             GError     **error)
{
  return _sc_store_save_blob (self, "key", n, keys, len, error);
}

/* consent[i]: 0 no, 1 yes, 2 unknown. listed[i]: whether a customer list named them. */
gboolean
sc_store_save_consent (ScStore       *self,
                       guint32        n,
                       const gint8   *consent,
                       const guint8  *listed,
                       GError       **error)
{
  return sc_store_save_column (self, "consent", n, 1, consent, error) &&
         sc_store_save_column (self, "listed", n, 1, listed, error);
}

gboolean
sc_store_load_consent (ScStore  *self,
                       guint32   n,
                       gint8    *consent,
                       guint8   *listed,
                       GError  **error)
{
  memset (consent, 2, n);
  if (listed != NULL)
    memset (listed, 0, n);
  return sc_store_load_column (self, "consent", n, 1, consent, error) &&
         (listed == NULL || sc_store_load_column (self, "listed", n, 1, listed, error));
}

gboolean
sc_store_save_aggregates (ScStore             *self,
                          const ScAggregates  *agg,
                          GError             **error)
{
  g_autoptr(ScPackedColumns) columns = _sc_packed_columns_new ();

  _sc_packed_columns_add_aggregates (columns, agg);
  return _sc_packed_columns_save (columns, self, error);
}

/* A column of every customer, read from the project and decoded later, apart from it. */
typedef struct
{
  gint64        rowid;  /* of the blob in the columns table */
  gsize         offset; /* of its bytes in the buffer the blobs are read into */
  const void   *blob;
  gsize         len;
  gsize         elem_size;
  void         *data;
  gboolean      ok;
} ColumnDecode;

typedef struct
{
  ColumnDecode *columns;
  guint         n_columns;
  guint32       n;
  gint          next;   /* the next column to decode, taken atomically */
} DecodeJob;

/* Decodes columns until none is left; run by the calling thread and one helper. */
static gpointer
decode_columns (gpointer data)
{
  DecodeJob *job = data;
  guint c;

  while ((c = (guint) g_atomic_int_add (&job->next, 1)) < job->n_columns)
    {
      ColumnDecode *column = &job->columns[c];

      column->ok = _sc_blob_copy_array (column->blob, column->len, column->elem_size, job->n,
                                        column->data);
    }
  return NULL;
}

/* Sets the connection's mmap_size; returns the one before, or -1 when it cannot be read
 * (then nothing is changed).  Only a hint to SQLite: a refusal changes no result. */
static gint64
set_mmap_size (ScStore *self,
               gint64   bytes)
{
  gint64 before = _sc_store_query_int (self, "PRAGMA mmap_size", -1);
  g_autofree char *sql = NULL;

  if (before < 0)
    return -1;
  sql = g_strdup_printf ("PRAGMA mmap_size = %" G_GINT64_FORMAT, bytes);
  sqlite3_exec (_sc_store_get_db (self), sql, NULL, NULL, NULL);
  return before;
}

/* Day columns before they are loaded from a column that may not cover every customer. */
static void
fill_none (ScAggregates *agg,
           gboolean      none_days,
           gpointer      data)
{
  if (none_days && (data == agg->first_day || data == agg->last_day))
    for (guint32 i = 0; i < agg->n; i++)
      ((ScDay *) data)[i] = SC_DAY_NONE;
}

/* @column's blob into @blobs at its offset, where column->blob then points (%NULL when
 * empty, as sqlite3_column_blob() gives it). */
static gboolean
read_blob (ScStore       *self,
           ColumnDecode  *column,
           guint8        *blobs,
           GError       **error)
{
  sqlite3_blob *blob = NULL;
  int rc;

  if (column->len == 0)
    return TRUE;
  rc = sqlite3_blob_open (_sc_store_get_db (self), "main", "columns", "data", column->rowid,
                          0, &blob);
  if (rc == SQLITE_OK)
    rc = sqlite3_blob_read (blob, blobs + column->offset, (int) column->len, 0);
  if (rc != SQLITE_OK)
    _sc_store_set_error (self, error);
  sqlite3_blob_close (blob);
  column->blob = blobs + column->offset;
  return rc == SQLITE_OK;
}

/* The aggregates' columns into @agg's non-%NULL arrays.  With @none_days, customers that
 * the stored days do not cover get %SC_DAY_NONE (the other arrays are zeroes from
 * sc_aggregates_new()); a day column decoded whole is not filled first. */
static gboolean
load_aggregates (ScStore       *self,
                 ScAggregates  *agg,
                 gboolean       none_days,
                 GError       **error)
{
  ColumnDecode columns[G_N_ELEMENTS (aggregate_columns)];
  const char *names[G_N_ELEMENTS (aggregate_columns)];
  g_autofree guint8 *blobs = NULL;
  gsize blobs_len = 0;
  guint n_columns = 0;
  gboolean ok = TRUE;
  gint64 mmap_before = -1;

  /* The blobs read through a mapping of the file for as long as they are needed: the pages
   * are copied once, from the page cache, instead of being read into the pager's cache
   * first (a third of the loading time at a million customers). */
  if (agg->n >= PARALLEL_CUSTOMERS)
    mmap_before = set_mmap_size (self, MMAP_BYTES);

  /* Columns of every customer are read first (SQLite on this thread) and decoded after, by
   * this thread and a helper, a column at a time (from %PARALLEL_CUSTOMERS customers):
   * decoding is pure and each column's values are the same whichever thread decodes them.
   * Others (missing, or of fewer customers) are loaded as sc_store_load_column() does.
   * The blobs are read into one buffer of ours, on huge pages (sc-memory.c): SQLite would
   * copy each into fresh memory of its own, a page fault every 4 KB (≈ 1,800 at a million
   * customers). */
  for (guint i = 0; i < G_N_ELEMENTS (aggregate_columns) && ok; i++)
    {
      gpointer data = G_STRUCT_MEMBER (gpointer, agg, aggregate_columns[i].offset);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gboolean found;

      if (data == NULL)
        continue;
      if (agg->n < PARALLEL_CUSTOMERS)
        {
          fill_none (agg, none_days, data);
          ok = sc_store_load_column (self, aggregate_columns[i].name, agg->n,
                                     aggregate_columns[i].elem_size, data, error);
          continue;
        }
      if (!_sc_store_lookup (self, "SELECT n, length(data), rowid FROM columns WHERE name = ?",
                             aggregate_columns[i].name, &stmt, &found, error))
        {
          ok = FALSE;
          break;
        }
      if (found && sqlite3_column_int64 (stmt, 0) == (gint64) agg->n)
        {
          ColumnDecode *c = &columns[n_columns];

          names[n_columns] = aggregate_columns[i].name;
          c->rowid = sqlite3_column_int64 (stmt, 2);
          c->len = (gsize) MAX (sqlite3_column_int64 (stmt, 1), 0);
          c->offset = blobs_len;
          c->blob = NULL;
          c->elem_size = aggregate_columns[i].elem_size;
          c->data = data;
          c->ok = FALSE;
          blobs_len += c->len;
          n_columns++;
        }
      else
        {
          g_clear_pointer (&stmt, sqlite3_finalize);
          fill_none (agg, none_days, data);
          ok = sc_store_load_column (self, aggregate_columns[i].name, agg->n,
                                     aggregate_columns[i].elem_size, data, error);
        }
    }

  if (ok && n_columns > 0)
    {
      blobs = sc_memory_new_huge (blobs_len);
      for (guint c = 0; c < n_columns && ok; c++)
        ok = read_blob (self, &columns[c], blobs, error);
    }

  if (ok && n_columns > 0)
    {
      DecodeJob job = { columns, n_columns, agg->n, 0 };
      GThread *helper = n_columns > 1 && g_get_num_processors () > 1
                        ? g_thread_new ("segments-columns", decode_columns, &job) : NULL;

      decode_columns (&job);
      if (helper != NULL)
        g_thread_join (helper);
      for (guint c = 0; c < n_columns && ok; c++)
        if (!columns[c].ok)
          {
            g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                         _("“%s” is damaged: the column “%s” has the wrong size."),
                         sc_store_get_path (self), names[c]);
            ok = FALSE;
          }
    }
  if (mmap_before >= 0)
    set_mmap_size (self, mmap_before);
  return ok;
}

/* Aggregates of @n customers to load into, zeroes as from sc_aggregates_new() but on huge
 * pages (sc-memory.c); without @all, no purchase days and returns. */
static ScAggregates *
aggregates_for_load (guint32  n,
                     gboolean all)
{
  ScAggregates *agg = g_new0 (ScAggregates, 1);

  agg->n = n;
  for (guint i = 0; i < G_N_ELEMENTS (aggregate_columns); i++)
    {
      gsize offset = aggregate_columns[i].offset;

      if (all || (offset != G_STRUCT_OFFSET (ScAggregates, n_purchase_days) &&
                  offset != G_STRUCT_OFFSET (ScAggregates, returns)))
        G_STRUCT_MEMBER (gpointer, agg, offset) =
          sc_memory_new0_huge ((gsize) n * aggregate_columns[i].elem_size);
    }
  return agg;
}

/**
 * sc_store_load_aggregates:
 *
 * Returns: (transfer full) (nullable): the stored per-customer aggregates of every customer
 */
ScAggregates *
sc_store_load_aggregates (ScStore  *self,
                          GError  **error)
{
  g_autoptr(ScAggregates) agg = aggregates_for_load (sc_store_get_n_customers (self), TRUE);

  if (!load_aggregates (self, agg, TRUE, error))
    return NULL;
  return g_steal_pointer (&agg);
}

/**
 * sc_store_load_aggregates_for_features:
 *
 * The aggregates sc_features_compute() and sc_transform_active_mask() read, as
 * sc_store_load_aggregates() loads them: first and last day, orders, rows and monetary;
 * @n_purchase_days and @returns are %NULL (at a million customers, two columns fewer to
 * read, decode and hold).
 *
 * Returns: (transfer full) (nullable): the aggregates, or %NULL with @error set
 */
ScAggregates *
sc_store_load_aggregates_for_features (ScStore  *self,
                                       GError  **error)
{
  g_autoptr(ScAggregates) agg = aggregates_for_load (sc_store_get_n_customers (self), FALSE);

  if (!load_aggregates (self, agg, TRUE, error))
    return NULL;
  return g_steal_pointer (&agg);
}

/**
 * sc_store_load_aggregates_into:
 * @agg: arrays of @agg->n values, filled as sc_store_load_column() does; a %NULL array is
 *   not read, so that a caller needing a few figures holds only those
 */
gboolean
sc_store_load_aggregates_into (ScStore       *self,
                               ScAggregates  *agg,
                               GError       **error)
{
  return load_aggregates (self, agg, FALSE, error);
}

void
sc_attribute_free (ScAttribute *attribute)
{
  if (attribute == NULL)
    return;
  g_free (attribute->name);
  g_strfreev (attribute->levels);
  g_free (attribute->codes);
  g_free (attribute->values);
  g_free (attribute);
}

gboolean
sc_store_save_attribute (ScStore            *self,
                         guint32             n_customers,
                         const ScAttribute  *attribute,
                         GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *levels = NULL;
  g_autoptr(GByteArray) keep = NULL;

  if (!_sc_store_prepare (self, "INSERT OR REPLACE INTO attributes (name, categorical, levels, "
                          "data) VALUES (?, ?, ?, ?)", &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, attribute->name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, attribute->categorical);
  if (attribute->categorical)
    {
      /* Level labels never contain a newline: the importer folds them to spaces. */
      levels = attribute->n_levels > 0 ? g_strjoinv ("\n", attribute->levels) : g_strdup ("");
      sqlite3_bind_text (stmt, 3, levels, -1, SQLITE_STATIC);
      _sc_store_bind_array (stmt, 4, attribute->codes, sizeof (gint32), n_customers, &keep);
    }
  else
    {
      sqlite3_bind_null (stmt, 3);
      _sc_store_bind_array (stmt, 4, attribute->values, sizeof (double), n_customers, &keep);
    }
  return _sc_store_step_done (self, stmt, error);
}

/* with_data FALSE reads names and levels only: a customer list's columns are megabytes at a
 * million customers, and choosers want only their names. */
static gboolean
load_attributes (ScStore     *self,
                 gboolean     with_data,
                 guint32      n_customers,
                 GPtrArray  **attributes,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_attribute_free);
  int rc;

  if (!_sc_store_prepare (self, with_data
                          ? "SELECT name, categorical, levels, data FROM attributes ORDER BY id"
                          : "SELECT name, categorical, levels FROM attributes ORDER BY id",
                          &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScAttribute *attr = g_new0 (ScAttribute, 1);
      const void *blob = sqlite3_column_blob (stmt, 3);
      gsize blob_len = (gsize) sqlite3_column_bytes (stmt, 3);
      g_autofree void *unpacked = NULL;

      attr->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      attr->categorical = sqlite3_column_int (stmt, 1) != 0;
      g_ptr_array_add (result, attr);

      /* A raw blob has a length of whole values; a packed one never has. */
      if (_sc_blob_is_packed (blob, blob_len, G_MAXSIZE))
        {
          gsize elem = attr->categorical ? sizeof (gint32) : sizeof (double);
          gsize count = _sc_blob_packed_count (blob, blob_len);

          unpacked = count != G_MAXSIZE ? g_malloc (MAX (count * elem, 1)) : NULL;
          if (unpacked == NULL || !_sc_blob_unpack (blob, blob_len, elem, count, unpacked))
            {
              g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                           _("“%s” is damaged: the column “%s” has the wrong size."),
                           sc_store_get_path (self), attr->name);
              return FALSE;
            }
          blob = unpacked;
          blob_len = count * elem;
        }

      /* Customers added after the attribute was saved have no value: missing. */
      if (attr->categorical)
        {
          const char *levels = (const char *) sqlite3_column_text (stmt, 2);

          attr->levels = levels != NULL && *levels ? g_strsplit (levels, "\n", -1)
                                                   : g_new0 (char *, 1);
          attr->n_levels = g_strv_length (attr->levels);
          if (!with_data)
            continue;
          attr->codes = g_new (gint32, MAX (n_customers, 1));
          for (guint32 i = 0; i < n_customers; i++)
            attr->codes[i] = -1;
          memcpy (attr->codes, blob, MIN (blob_len, sizeof (gint32) * (gsize) n_customers));
        }
      else if (with_data)
        {
          attr->values = g_new (double, MAX (n_customers, 1));
          for (guint32 i = 0; i < n_customers; i++)
            attr->values[i] = NAN;
          memcpy (attr->values, blob, MIN (blob_len, sizeof (double) * (gsize) n_customers));
        }
    }
  if (!_sc_store_expect (self, rc, SQLITE_DONE, error))
    return FALSE;
  *attributes = g_steal_pointer (&result);
  return TRUE;
}

gboolean
sc_store_load_attributes (ScStore     *self,
                          guint32      n_customers,
                          GPtrArray  **attributes,
                          GError     **error)
{
  return load_attributes (self, TRUE, n_customers, attributes, error);
}

/* The attributes without their values (codes and values NULL). */
gboolean
sc_store_list_attributes (ScStore     *self,
                          GPtrArray  **attributes,
                          GError     **error)
{
  return load_attributes (self, FALSE, 0, attributes, error);
}
