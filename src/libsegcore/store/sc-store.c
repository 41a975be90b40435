/* sc-store.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project file is the user's document, so every change is a transaction and a killed
 * process leaves either the old or the new state (WAL).  SQLite is the document, not the
 * compute engine: bulk data goes in with multi-row INSERTs inside one transaction and comes
 * back in one sequential scan; the analysis runs on arrays.  The transactions table has no
 * secondary index: loading sorts by customer in memory with a counting sort, which is
 * cheaper than building and maintaining an index (DESIGN.md, performance principles). */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-store-private.h"

struct _ScStore
{
  sqlite3 *db;
  char    *path;
};

/* Migrations, in order: migrations[i] brings user_version i to i + 1. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
  /* Per-customer data as columns: one blob per column, indexed by the dense customer id.
   * "key" holds the external keys back to back, each ending in NUL. */
  "CREATE TABLE columns ("
  "  name TEXT PRIMARY KEY,"
  "  n INTEGER NOT NULL,"
  "  data BLOB NOT NULL);"
  /* Transactions in chunks of up to 65,536 rows, each column a little-endian array:
   * customer uint32, day int32, amount float64, order_no uint32 (dense over the project);
   * order_keys holds the order ids back to back, NUL-terminated, or is NULL when the file had
   * no order column. */
  "CREATE TABLE transaction_chunks ("
  "  id INTEGER PRIMARY KEY,"
  "  import INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,"
  "  n INTEGER NOT NULL,"
  "  customer BLOB NOT NULL, day BLOB NOT NULL, amount BLOB NOT NULL, order_no BLOB NOT NULL,"
  "  order_keys BLOB);"
  "CREATE TABLE attributes ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  categorical INTEGER NOT NULL,"
  "  levels TEXT,"                          /* level labels, one per line */
  "  data BLOB NOT NULL);"                  /* int32 codes or doubles per customer, LE */
  "CREATE TABLE imports ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL, path TEXT NOT NULL, imported_at TEXT NOT NULL,"
  "  rows_read INTEGER, rows_accepted INTEGER, rows_rejected INTEGER,"
  "  duplicate_rows INTEGER, duplicate_order_ids INTEGER, already_present INTEGER,"
  "  returns INTEGER,"
  "  customers INTEGER, new_customers INTEGER, unmatched INTEGER,"
  "  first_day INTEGER, last_day INTEGER, revenue REAL,"
  "  settings TEXT, notes TEXT);"
  "CREATE TABLE import_problems ("
  "  import INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,"
  "  line INTEGER NOT NULL, column_name TEXT, reason TEXT NOT NULL, raw TEXT,"
  "  kind TEXT NOT NULL);"
  "CREATE INDEX import_problems_by_import ON import_problems(import);"
  "CREATE TABLE runs ("
  "  id INTEGER PRIMARY KEY,"
  "  created_at TEXT NOT NULL,"
  "  as_of INTEGER NOT NULL,"
  "  k INTEGER NOT NULL, k_auto INTEGER NOT NULL,"
  "  seed INTEGER NOT NULL, n_init INTEGER NOT NULL,"
  "  outlier_z REAL,"                       /* NULL: outliers not set apart */
  "  features TEXT NOT NULL,"
  "  inertia REAL, silhouette REAL, silhouette_sampled INTEGER,"
  "  k_scores TEXT,"                        /* k=silhouette, one per line */
  "  rfm_thresholds TEXT,"
  "  n_customers INTEGER NOT NULL,"
  "  labels BLOB NOT NULL,"                 /* uint16 LE per customer: segment position */
  "  value_threshold REAL, potential_threshold REAL,"
  "  transform BLOB,"                      /* float64 LE: means then sds, per feature */
  "  centroids BLOB,"                      /* float64 LE: k × features, by position */
  "  is_current INTEGER NOT NULL DEFAULT 0);"
  /* Fitted BG/NBD + Gamma-Gamma models; the current one's predictions are the customer
   * columns p_alive, expected_purchases, clv and value. */
  "CREATE TABLE clv_models ("
  "  id INTEGER PRIMARY KEY,"
  "  created_at TEXT NOT NULL,"
  "  data_version INTEGER NOT NULL,"        /* imports in the project when fitted */
  "  until INTEGER NOT NULL, unit TEXT NOT NULL,"
  "  horizon_months INTEGER NOT NULL, discount_rate REAL NOT NULL,"
  "  r REAL, alpha REAL, a REAL, b REAL, bg_log_likelihood REAL, bg_customers INTEGER,"
  "  bg_converged INTEGER,"
  "  p REAL, q REAL, gamma REAL, gg_log_likelihood REAL, gg_customers INTEGER,"
  "  gg_excluded INTEGER, gg_correlation REAL, gg_note TEXT,"
  "  holdout_end INTEGER, holdout_mae REAL, holdout_ratio REAL,"
  "  holdout_groups TEXT,"                 /* x<TAB>customers<TAB>predicted<TAB>actual lines */
  "  is_current INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE segments ("
  "  id INTEGER PRIMARY KEY,"
  "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"            /* the label value in runs.labels */
  "  name TEXT NOT NULL, suggested_name TEXT, description TEXT,"
  "  colour INTEGER NOT NULL, is_outliers INTEGER NOT NULL DEFAULT 0,"
  "  size INTEGER NOT NULL, share REAL NOT NULL,"
  "  revenue REAL NOT NULL, revenue_share REAL NOT NULL,"
  "  recency REAL, frequency REAL, monetary REAL,"
  "  value REAL, potential REAL, p_alive REAL,"
  "  quadrant TEXT, quadrant_override TEXT,"
  "  priority INTEGER, service_tier TEXT, owner TEXT, objective TEXT, tactics TEXT,"
  "  profile TEXT,"
  "  UNIQUE (run, position));"
  /* Snapshots (sc-snapshot.c): a run frozen at a moment. Per-customer data as blobs, all
   * little-endian: labels uint16; customer_features float64 recency[n], frequency[n],
   * monetary[n] at as_of; revenue float64[n], net spend in the 90 days before as_of.
   * "run" is no foreign key: a snapshot outlives its run. */
  "CREATE TABLE snapshots ("
  "  id INTEGER PRIMARY KEY,"
  "  created_at TEXT NOT NULL, label TEXT NOT NULL, auto INTEGER NOT NULL DEFAULT 0,"
  "  run INTEGER, as_of INTEGER NOT NULL,"
  "  features TEXT, k INTEGER, outlier_z REAL, transform BLOB, centroids BLOB,"
  "  n_customers INTEGER NOT NULL, n_segmented INTEGER NOT NULL,"
  "  labels BLOB NOT NULL, customer_features BLOB NOT NULL, revenue BLOB NOT NULL);"
  /* Its segments: the segments row as it was, plus the recent-window figures. */
  "CREATE TABLE snapshot_segments ("
  "  snapshot INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, segment INTEGER, origin INTEGER NOT NULL,"
  "  name TEXT NOT NULL, suggested_name TEXT, description TEXT,"
  "  colour INTEGER NOT NULL, is_outliers INTEGER NOT NULL,"
  "  size INTEGER NOT NULL, share REAL, revenue REAL, revenue_share REAL,"
  "  recency REAL, frequency REAL, monetary REAL, value REAL, potential REAL, p_alive REAL,"
  "  quadrant TEXT, quadrant_override TEXT,"
  "  priority INTEGER, service_tier TEXT, owner TEXT, objective TEXT, tactics TEXT,"
  "  profile TEXT, recent_revenue REAL, recent_orders REAL, churn REAL,"
  "  PRIMARY KEY (snapshot, position)) WITHOUT ROWID;"
  /* Identity of segments across runs: a scored or re-run segment that took an earlier one's
   * fields shares its origin. No row: the segment is its own origin. */
  "CREATE TABLE segment_lineage ("
  "  segment INTEGER PRIMARY KEY REFERENCES segments(id) ON DELETE CASCADE,"
  "  origin INTEGER NOT NULL,"
  "  previous INTEGER,"                     /* segments.id it took its fields from, or NULL */
  "  overlap REAL);"                        /* best Jaccard overlap with a previous segment */
  "CREATE TABLE run_history ("
  "  run INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,"
  "  previous INTEGER NOT NULL,"            /* the run that was current before */
  "  kind TEXT NOT NULL);",                 /* "score", "rerun" or "edit" */
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SC_STORE_SCHEMA_VERSION);

void
_sc_store_set_error (ScStore  *self,
                     GError  **error)
{
  int code = sqlite3_errcode (self->db);

  if (code == SQLITE_FULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("The disk is full: “%s” could not be saved. Free some space and try again."),
                 self->path);
  else if (code == SQLITE_READONLY || code == SQLITE_PERM || code == SQLITE_CANTOPEN)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 _("“%s” cannot be written: %s"), self->path, sqlite3_errmsg (self->db));
  else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                 _("“%s” is damaged or is not a Segments project."), self->path);
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                 _("“%s” is in use by another program. Close it there and try again."),
                 self->path);
  else
    g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                 _("The project “%s” could not be updated: %s"),
                 self->path, sqlite3_errmsg (self->db));
}

sqlite3 *
_sc_store_get_db (ScStore *self)
{
  return self->db;
}

gint64
_sc_store_last_insert_id (ScStore *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
_sc_store_exec (ScStore     *self,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sc_store_prepare (ScStore       *self,
                   const char    *sql,
                   sqlite3_stmt **stmt,
                   GError       **error)
{
  if (sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL) != SQLITE_OK)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sc_store_step_done (ScStore      *self,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gint64
query_int (ScStore    *self,
           const char *sql,
           gint64      fallback)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 value = fallback;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  return value;
}

static gboolean
migrate (ScStore  *self,
         GError  **error)
{
  gint64 version = query_int (self, "PRAGMA user_version", 0);
  gint64 app_id = query_int (self, "PRAGMA application_id", 0);
  gint64 n_tables = query_int (self, "SELECT count(*) FROM sqlite_schema", 0);

  if (app_id != SC_STORE_APPLICATION_ID && (app_id != 0 || n_tables != 0))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is not a Segments project."), self->path);
      return FALSE;
    }

  if (version > SC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” was saved by a newer version of Segments. Update Segments to open it."),
                   self->path);
      return FALSE;
    }

  if (version == SC_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!_sc_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (gint64 v = version; v < SC_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" PRId64, v + 1);

      if (!_sc_store_exec (self, migrations[v], error) || !_sc_store_exec (self, bump, error))
        {
          sc_store_rollback (self);
          return FALSE;
        }
    }

  if (!_sc_store_exec (self, "PRAGMA application_id = 1397049165", error) ||
      !_sc_store_exec (self, "COMMIT", error))
    {
      sc_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

G_STATIC_ASSERT (SC_STORE_APPLICATION_ID == 1397049165);

/**
 * sc_store_open:
 * @path: the project file
 * @create: whether to create the file when it does not exist
 * @error: return location for a #GError
 *
 * Opens a project file, creating and migrating its schema as needed.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
ScStore *
sc_store_open (const char  *path,
               gboolean     create,
               GError     **error)
{
  g_autoptr(ScStore) self = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX;

  g_return_val_if_fail (path != NULL, NULL);

  if (create)
    flags |= SQLITE_OPEN_CREATE;
  else if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The project “%s” does not exist."), path);
      return NULL;
    }

  self = g_new0 (ScStore, 1);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The project “%s” could not be opened: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 0);

  /* The first statement that reads the file tells a non-database apart. */
  if (!_sc_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  if (query_int (self, "SELECT count(*) FROM sqlite_schema", -1) < 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                   _("“%s” is damaged or is not a Segments project."), path);
      return NULL;
    }
  /* Large pages suit a file that is mostly big blobs: fewer overflow pages to write and
   * read (an import of a million customers took 27% less time). Only a new, empty file
   * takes it. */
  if (!_sc_store_exec (self, "PRAGMA page_size = 65536", error))
    return NULL;
  if (!migrate (self, error))
    return NULL;
  if (!_sc_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_sc_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !_sc_store_exec (self, "PRAGMA cache_size = -65536", error) ||
      !_sc_store_exec (self, "PRAGMA temp_store = MEMORY", error))
    return NULL;

  return g_steal_pointer (&self);
}

void
sc_store_close (ScStore *self)
{
  if (self == NULL)
    return;
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self);
}

const char *
sc_store_get_path (ScStore *self)
{
  return self->path;
}

gboolean
sc_store_begin (ScStore  *self,
                GError  **error)
{
  return _sc_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
sc_store_commit (ScStore  *self,
                 GError  **error)
{
  return _sc_store_exec (self, "COMMIT", error);
}

void
sc_store_rollback (ScStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
sc_store_get_meta (ScStore     *self,
                   const char  *key,
                   char       **value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *value = NULL;
  if (!_sc_store_prepare (self, "SELECT value FROM meta WHERE key = ?", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_store_set_meta (ScStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                          &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return _sc_store_step_done (self, stmt, error);
}

/**
 * sc_store_count:
 * @table: one of the project's own table names (never user input)
 *
 * Returns: the number of rows in @table
 */
guint64
sc_store_count (ScStore    *self,
                const char *table)
{
  static const char * const known[] = {
    "attributes", "imports", "import_problems", "runs", "segments", "transaction_chunks",
  };
  g_autofree char *sql = NULL;
  gboolean ok = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    ok |= g_str_equal (known[i], table);
  g_return_val_if_fail (ok, 0);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  return (guint64) MAX (0, query_int (self, sql, 0));
}

guint32
sc_store_get_n_customers (ScStore *self)
{
  return (guint32) MAX (0, query_int (self, "SELECT n FROM columns WHERE name = 'key'", 0));
}

guint64
sc_store_get_n_transactions (ScStore *self)
{
  return (guint64) MAX (0, query_int (self, "SELECT total(n) FROM transaction_chunks", 0));
}

/* Order numbers are dense over the whole project; the next import continues from here. */
guint32
_sc_store_get_n_orders (ScStore *self)
{
  return (guint32) MAX (0, query_int (self, "SELECT CAST(value AS INTEGER) FROM meta "
                                            "WHERE key = 'order_count'", 0));
}

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
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (self, "INSERT OR REPLACE INTO columns (name, n, data) VALUES (?,?,?)",
                          &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, n);
  sqlite3_bind_blob64 (stmt, 3, n > 0 ? data : "", elem_size * n, SQLITE_STATIC);
  return _sc_store_step_done (self, stmt, error);
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
  int rc;

  if (!_sc_store_prepare (self, "SELECT n, data FROM columns WHERE name = ?", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gsize stored = (gsize) sqlite3_column_bytes (stmt, 1);
      gsize want = elem_size * n;

      if (stored % elem_size != 0 || stored / elem_size != (gsize) sqlite3_column_int64 (stmt, 0))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                       _("“%s” is damaged: the column “%s” has the wrong size."),
                       self->path, name);
          return FALSE;
        }
      if (n > 0)
        memcpy (data, sqlite3_column_blob (stmt, 1), MIN (stored, want));
    }
  else if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_store_load_customer_keys (ScStore    *self,
                             GPtrArray **keys,
                             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (!_sc_store_prepare (self, "SELECT n, data FROM columns WHERE name = 'key'", &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 0);
      const char *p = sqlite3_column_blob (stmt, 1);
      const char *end = p + sqlite3_column_bytes (stmt, 1);

      g_ptr_array_set_size (result, 0);
      while (p < end)
        {
          const char *nul = memchr (p, '\0', end - p);
          if (nul == NULL)
            break;
          g_ptr_array_add (result, g_strndup (p, nul - p));
          p = nul + 1;
        }
      if ((gint64) result->len != n || p != end)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                       _("“%s” is damaged: the customer list could not be read."), self->path);
          return FALSE;
        }
    }
  else if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
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
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (self, "INSERT OR REPLACE INTO columns (name, n, data) "
                          "VALUES ('key', ?, ?)", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, n);
  sqlite3_bind_blob64 (stmt, 2, len > 0 ? keys : "", len, SQLITE_STATIC);
  return _sc_store_step_done (self, stmt, error);
}

gboolean
_sc_store_exec_printf (ScStore    *self,
                       GError    **error,
                       const char *fmt,
                       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, fmt);
  sql = g_strdup_vprintf (fmt, args);
  va_end (args);
  return _sc_store_exec (self, sql, error);
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

#define CHUNK_ROWS 65536

gboolean
_sc_store_insert_transactions (ScStore             *self,
                               guint64              import_id,
                               gsize                n,
                               const guint32       *customer,
                               const ScDay         *day,
                               const double        *amount,
                               const guint32       *order,
                               guint32              order_base,
                               const ScInterner    *order_keys,
                               GCancellable        *cancellable,
                               ScProgressFunc       progress,
                               gpointer             progress_data,
                               GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree guint32 *order_no = g_new (guint32, MIN (n, CHUNK_ROWS) + 1);
  g_autoptr(GString) keys = g_string_new (NULL);

  if (!_sc_store_prepare (self, "INSERT INTO transaction_chunks (import, n, customer, day, "
                          "amount, order_no, order_keys) VALUES (?,?,?,?,?,?,?)", &stmt, error))
    return FALSE;

  for (gsize start = 0; start < n; start += CHUNK_ROWS)
    {
      gsize len = MIN (CHUNK_ROWS, n - start);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_string_truncate (keys, 0);
      for (gsize i = 0; i < len; i++)
        {
          order_no[i] = order_base + order[start + i];
          if (order_keys != NULL)
            {
              const char *k = _sc_interner_key (order_keys, order[start + i]);
              g_string_append_len (keys, k, strlen (k) + 1);
            }
        }

      sqlite3_bind_int64 (stmt, 1, import_id);
      sqlite3_bind_int64 (stmt, 2, len);
      sqlite3_bind_blob64 (stmt, 3, customer + start, sizeof (guint32) * len, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 4, day + start, sizeof (ScDay) * len, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 5, amount + start, sizeof (double) * len, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 6, order_no, sizeof (guint32) * len, SQLITE_STATIC);
      if (order_keys != NULL)
        sqlite3_bind_blob64 (stmt, 7, keys->str, keys->len, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 7);
      if (!_sc_store_step_done (self, stmt, error))
        return FALSE;

      if (progress != NULL)
        progress ((double) (start + len) / n, NULL, progress_data);
    }
  return TRUE;
}

gboolean
sc_store_foreach_transaction (ScStore            *self,
                              ScTransactionFunc   func,
                              gpointer            user_data,
                              GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_sc_store_prepare (self, "SELECT n, customer, day, amount, order_keys "
                          "FROM transaction_chunks ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize len = (gsize) sqlite3_column_int64 (stmt, 0);
      const char *c = sqlite3_column_blob (stmt, 1);
      const char *d = sqlite3_column_blob (stmt, 2);
      const char *a = sqlite3_column_blob (stmt, 3);
      const char *k = sqlite3_column_blob (stmt, 4);
      const char *k_end = k + sqlite3_column_bytes (stmt, 4);

      if ((gsize) sqlite3_column_bytes (stmt, 1) != len * sizeof (guint32) ||
          (gsize) sqlite3_column_bytes (stmt, 2) != len * sizeof (ScDay) ||
          (gsize) sqlite3_column_bytes (stmt, 3) != len * sizeof (double))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                       _("“%s” is damaged: the transactions could not be read."), self->path);
          return FALSE;
        }
      for (gsize i = 0; i < len; i++)
        {
          const char *key = NULL;
          guint32 ci;
          ScDay di;
          double ai;

          memcpy (&ci, c + i * sizeof ci, sizeof ci);
          memcpy (&di, d + i * sizeof di, sizeof di);
          memcpy (&ai, a + i * sizeof ai, sizeof ai);
          if (k != NULL && k < k_end)
            {
              const char *nul = memchr (k, '\0', k_end - k);
              key = k;
              k = nul != NULL ? nul + 1 : k_end;
            }
          func (key, ci, di, ai, user_data);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

void
sc_transactions_free (ScTransactions *tx)
{
  if (tx == NULL)
    return;
  g_free (tx->offsets);
  g_free (tx->day);
  g_free (tx->amount);
  g_free (tx->order);
  g_free (tx);
}

/**
 * sc_store_load_transactions:
 * @until_day: rows after this day are left out (%G_MAXINT32 for all)
 *
 * Returns: (transfer full) (nullable): every transaction, grouped by customer and sorted by
 *   day within a customer
 */
ScTransactions *
sc_store_load_transactions (ScStore       *self,
                            guint32        n_customers,
                            ScDay          until_day,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ScTransactions) tx = g_new0 (ScTransactions, 1);
  guint64 total = sc_store_get_n_transactions (self);
  g_autofree guint32 *cust = g_new (guint32, MAX (total, 1));
  g_autofree ScDay *day = g_new (ScDay, MAX (total, 1));
  g_autofree double *amount = g_new (double, MAX (total, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (total, 1));
  gsize n = 0;
  int rc;

  if (!_sc_store_prepare (self, "SELECT n, customer, day, amount, order_no "
                          "FROM transaction_chunks ORDER BY id", &stmt, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize len = (gsize) sqlite3_column_int64 (stmt, 0);
      const guint32 *c = sqlite3_column_blob (stmt, 1);
      const ScDay *d = sqlite3_column_blob (stmt, 2);
      const double *a = sqlite3_column_blob (stmt, 3);
      const guint32 *o = sqlite3_column_blob (stmt, 4);

      if (n + len > total ||
          (gsize) sqlite3_column_bytes (stmt, 1) != len * sizeof (guint32) ||
          (gsize) sqlite3_column_bytes (stmt, 2) != len * sizeof (ScDay) ||
          (gsize) sqlite3_column_bytes (stmt, 3) != len * sizeof (double) ||
          (gsize) sqlite3_column_bytes (stmt, 4) != len * sizeof (guint32))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                       _("“%s” is damaged: the transactions could not be read."), self->path);
          return NULL;
        }

      for (gsize i = 0; i < len; i++)
        {
          /* Blob data is not guaranteed to be aligned for direct loads. */
          guint32 ci;
          ScDay di;
          double ai;
          guint32 oi;

          memcpy (&ci, c + i, sizeof ci);
          memcpy (&di, d + i, sizeof di);
          if (di > until_day)
            continue;
          memcpy (&ai, a + i, sizeof ai);
          memcpy (&oi, o + i, sizeof oi);
          if (ci >= n_customers)
            {
              g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                           _("“%s” is damaged: a transaction names an unknown customer."),
                           self->path);
              return NULL;
            }
          cust[n] = ci;
          day[n] = di;
          amount[n] = ai;
          order[n] = oi;
          n++;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (self, error);
      return NULL;
    }

  tx->n_customers = n_customers;
  _sc_transactions_group (tx, n, cust, day, amount, order);
  return g_steal_pointer (&tx);
}

/* Counting sort by customer, then a per-customer insertion sort by day: most customers have
 * few rows, so that is cheaper than a general sort of all rows. Stable, so rows of one day
 * keep their input order. */
void
_sc_transactions_group (ScTransactions *tx,
                        gsize           n,
                        const guint32  *cust,
                        const ScDay    *day,
                        const double   *amount,
                        const guint32  *order)
{
  g_autofree gsize *next = NULL;
  guint32 nc = tx->n_customers;

  tx->n_rows = n;
  tx->offsets = g_new0 (gsize, (gsize) nc + 1);
  tx->day = g_new (ScDay, MAX (n, 1));
  tx->amount = g_new (double, MAX (n, 1));
  tx->order = order != NULL ? g_new (guint32, MAX (n, 1)) : NULL;

  for (gsize i = 0; i < n; i++)
    tx->offsets[cust[i] + 1]++;
  for (guint32 c = 0; c < nc; c++)
    tx->offsets[c + 1] += tx->offsets[c];

  next = g_memdup2 (tx->offsets, sizeof (gsize) * ((gsize) nc + 1));
  for (gsize i = 0; i < n; i++)
    {
      gsize at = next[cust[i]]++;
      tx->day[at] = day[i];
      tx->amount[at] = amount[i];
      if (order != NULL)
        tx->order[at] = order[i];
    }

  for (guint32 c = 0; c < nc; c++)
    {
      gsize lo = tx->offsets[c], hi = tx->offsets[c + 1];

      for (gsize i = lo + 1; i < hi; i++)
        {
          ScDay d = tx->day[i];
          double a;
          guint32 o;
          gsize j = i;

          if (tx->day[i - 1] <= d)
            continue;
          a = tx->amount[i];
          o = order != NULL ? tx->order[i] : 0;
          while (j > lo && tx->day[j - 1] > d)
            {
              tx->day[j] = tx->day[j - 1];
              tx->amount[j] = tx->amount[j - 1];
              if (order != NULL)
                tx->order[j] = tx->order[j - 1];
              j--;
            }
          tx->day[j] = d;
          tx->amount[j] = a;
          if (order != NULL)
            tx->order[j] = o;
        }
    }
}

gboolean
sc_store_save_aggregates (ScStore             *self,
                          const ScAggregates  *agg,
                          GError             **error)
{
  return sc_store_save_column (self, "first_day", agg->n, sizeof (ScDay), agg->first_day, error) &&
         sc_store_save_column (self, "last_day", agg->n, sizeof (ScDay), agg->last_day, error) &&
         sc_store_save_column (self, "n_orders", agg->n, sizeof (guint32), agg->n_orders, error) &&
         sc_store_save_column (self, "n_purchase_days", agg->n, sizeof (guint32),
                               agg->n_purchase_days, error) &&
         sc_store_save_column (self, "n_rows", agg->n, sizeof (guint32), agg->n_rows, error) &&
         sc_store_save_column (self, "monetary", agg->n, sizeof (double), agg->monetary, error) &&
         sc_store_save_column (self, "returns", agg->n, sizeof (double), agg->returns, error);
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
  guint32 n = sc_store_get_n_customers (self);
  g_autoptr(ScAggregates) agg = sc_aggregates_new (n);

  for (guint32 i = 0; i < n; i++)
    agg->first_day[i] = agg->last_day[i] = SC_DAY_NONE;

  if (!sc_store_load_column (self, "first_day", n, sizeof (ScDay), agg->first_day, error) ||
      !sc_store_load_column (self, "last_day", n, sizeof (ScDay), agg->last_day, error) ||
      !sc_store_load_column (self, "n_orders", n, sizeof (guint32), agg->n_orders, error) ||
      !sc_store_load_column (self, "n_purchase_days", n, sizeof (guint32), agg->n_purchase_days,
                             error) ||
      !sc_store_load_column (self, "n_rows", n, sizeof (guint32), agg->n_rows, error) ||
      !sc_store_load_column (self, "monetary", n, sizeof (double), agg->monetary, error) ||
      !sc_store_load_column (self, "returns", n, sizeof (double), agg->returns, error))
    return NULL;
  return g_steal_pointer (&agg);
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
      sqlite3_bind_blob64 (stmt, 4, attribute->codes, sizeof (gint32) * (gsize) n_customers,
                           SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_null (stmt, 3);
      sqlite3_bind_blob64 (stmt, 4, attribute->values, sizeof (double) * (gsize) n_customers,
                           SQLITE_STATIC);
    }
  return _sc_store_step_done (self, stmt, error);
}

gboolean
sc_store_load_attributes (ScStore     *self,
                          guint32      n_customers,
                          GPtrArray  **attributes,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_attribute_free);
  int rc;

  if (!_sc_store_prepare (self, "SELECT name, categorical, levels, data FROM attributes "
                          "ORDER BY id", &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScAttribute *attr = g_new0 (ScAttribute, 1);
      const void *blob = sqlite3_column_blob (stmt, 3);
      gsize blob_len = (gsize) sqlite3_column_bytes (stmt, 3);

      attr->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      attr->categorical = sqlite3_column_int (stmt, 1) != 0;
      g_ptr_array_add (result, attr);

      /* Customers added after the attribute was saved have no value: missing. */
      if (attr->categorical)
        {
          const char *levels = (const char *) sqlite3_column_text (stmt, 2);

          attr->levels = levels != NULL && *levels ? g_strsplit (levels, "\n", -1)
                                                   : g_new0 (char *, 1);
          attr->n_levels = g_strv_length (attr->levels);
          attr->codes = g_new (gint32, MAX (n_customers, 1));
          for (guint32 i = 0; i < n_customers; i++)
            attr->codes[i] = -1;
          memcpy (attr->codes, blob, MIN (blob_len, sizeof (gint32) * (gsize) n_customers));
        }
      else
        {
          attr->values = g_new (double, MAX (n_customers, 1));
          for (guint32 i = 0; i < n_customers; i++)
            attr->values[i] = NAN;
          memcpy (attr->values, blob, MIN (blob_len, sizeof (double) * (gsize) n_customers));
        }
    }
  if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  *attributes = g_steal_pointer (&result);
  return TRUE;
}

void
sc_import_record_clear (ScImportRecord *record)
{
  g_clear_pointer (&record->kind, g_free);
  g_clear_pointer (&record->path, g_free);
  g_clear_pointer (&record->imported_at, g_free);
  g_clear_pointer (&record->settings, g_free);
  g_clear_pointer (&record->notes, g_free);
}

void
sc_import_problem_free (ScImportProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->reason);
  g_free (problem->raw);
  g_free (problem->kind);
  g_free (problem);
}

gboolean
sc_store_add_import (ScStore         *self,
                     ScImportRecord  *r,
                     GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (self,
                          "INSERT INTO imports (kind, path, imported_at, rows_read, rows_accepted, "
                          "rows_rejected, duplicate_rows, duplicate_order_ids, returns, customers, "
                          "new_customers, unmatched, first_day, last_day, revenue, settings, notes, "
                          "already_present) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, r->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, r->path, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, r->imported_at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, r->rows_read);
  sqlite3_bind_int64 (stmt, 5, r->rows_accepted);
  sqlite3_bind_int64 (stmt, 6, r->rows_rejected);
  sqlite3_bind_int64 (stmt, 7, r->duplicate_rows);
  sqlite3_bind_int64 (stmt, 8, r->duplicate_order_ids);
  sqlite3_bind_int64 (stmt, 9, r->returns);
  sqlite3_bind_int64 (stmt, 10, r->customers);
  sqlite3_bind_int64 (stmt, 11, r->new_customers);
  sqlite3_bind_int64 (stmt, 12, r->unmatched);
  if (r->rows_accepted > 0 && g_str_equal (r->kind, "transactions"))
    {
      sqlite3_bind_int (stmt, 13, r->first_day);
      sqlite3_bind_int (stmt, 14, r->last_day);
    }
  sqlite3_bind_double (stmt, 15, r->revenue);
  sqlite3_bind_text (stmt, 16, r->settings, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 17, r->notes, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 18, r->already_present);
  if (!_sc_store_step_done (self, stmt, error))
    return FALSE;
  r->id = (guint64) sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

gboolean
sc_store_add_problems (ScStore    *self,
                       guint64     import_id,
                       GPtrArray  *problems,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (self, "INSERT INTO import_problems (import, line, column_name, reason, "
                          "raw, kind) VALUES (?,?,?,?,?,?)", &stmt, error))
    return FALSE;
  for (guint i = 0; i < problems->len; i++)
    {
      const ScImportProblem *p = g_ptr_array_index (problems, i);

      sqlite3_bind_int64 (stmt, 1, import_id);
      sqlite3_bind_int64 (stmt, 2, p->line);
      sqlite3_bind_text (stmt, 3, p->column, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, p->reason, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, p->raw, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, p->kind, -1, SQLITE_STATIC);
      if (!_sc_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

gboolean
sc_store_list_imports (ScStore  *self,
                       GArray  **records,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) result = g_array_new (FALSE, TRUE, sizeof (ScImportRecord));
  int rc;

  g_array_set_clear_func (result, (GDestroyNotify) sc_import_record_clear);
  if (!_sc_store_prepare (self,
                          "SELECT id, kind, path, imported_at, rows_read, rows_accepted, "
                          "rows_rejected, duplicate_rows, duplicate_order_ids, returns, customers, "
                          "new_customers, unmatched, first_day, last_day, revenue, settings, notes, "
                          "already_present FROM imports ORDER BY id", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScImportRecord r = { 0 };

      r.id = sqlite3_column_int64 (stmt, 0);
      r.kind = column_dup (stmt, 1);
      r.path = column_dup (stmt, 2);
      r.imported_at = column_dup (stmt, 3);
      r.rows_read = sqlite3_column_int64 (stmt, 4);
      r.rows_accepted = sqlite3_column_int64 (stmt, 5);
      r.rows_rejected = sqlite3_column_int64 (stmt, 6);
      r.duplicate_rows = sqlite3_column_int64 (stmt, 7);
      r.duplicate_order_ids = sqlite3_column_int64 (stmt, 8);
      r.returns = sqlite3_column_int64 (stmt, 9);
      r.customers = sqlite3_column_int64 (stmt, 10);
      r.new_customers = sqlite3_column_int64 (stmt, 11);
      r.unmatched = sqlite3_column_int64 (stmt, 12);
      r.first_day = sqlite3_column_int (stmt, 13);
      r.last_day = sqlite3_column_int (stmt, 14);
      r.revenue = sqlite3_column_double (stmt, 15);
      r.settings = column_dup (stmt, 16);
      r.notes = column_dup (stmt, 17);
      r.already_present = sqlite3_column_int64 (stmt, 18);
      g_array_append_val (result, r);
    }
  if (rc != SQLITE_DONE)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  *records = g_steal_pointer (&result);
  return TRUE;
}

gboolean
sc_store_foreach_problem (ScStore        *self,
                          ScProblemFunc   func,
                          gpointer        user_data,
                          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!_sc_store_prepare (self, "SELECT import, line, column_name, reason, raw, kind "
                          "FROM import_problems ORDER BY import, line, rowid", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ScImportProblem p = {
        .line = sqlite3_column_int64 (stmt, 1),
        .column = (char *) sqlite3_column_text (stmt, 2),
        .reason = (char *) sqlite3_column_text (stmt, 3),
        .raw = (char *) sqlite3_column_text (stmt, 4),
        .kind = (char *) sqlite3_column_text (stmt, 5),
      };

      if (!func (sqlite3_column_int64 (stmt, 0), &p, user_data))
        break;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}
