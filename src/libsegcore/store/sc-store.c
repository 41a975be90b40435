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

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sc-store-private.h"

struct _ScStore
{
  sqlite3 *db;
  char    *path;
  guint    depth;     /* sc_store_begin() levels open: 1 is the transaction, more savepoints */
  gboolean read_only; /* opened for reading only: its folder takes no working files */
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
  /* 1 → 2: the value model is always fitted on all the data; a holdout check (calibration
   * up to holdout_start, compared with what customers did up to holdout_end) is kept beside
   * it with the calibration fit's BG/NBD parameters, or why it could not be made.  bg_note
   * says why there is no purchase model (r, alpha, a, b are then NULL).  Models saved before
   * hold predictions as of "until", which was their calibration end. */
  "ALTER TABLE clv_models ADD COLUMN bg_note TEXT;"
  "ALTER TABLE clv_models ADD COLUMN holdout_start INTEGER;"
  "ALTER TABLE clv_models ADD COLUMN holdout_note TEXT;"
  "ALTER TABLE clv_models ADD COLUMN holdout_r REAL;"
  "ALTER TABLE clv_models ADD COLUMN holdout_alpha REAL;"
  "ALTER TABLE clv_models ADD COLUMN holdout_a REAL;"
  "ALTER TABLE clv_models ADD COLUMN holdout_b REAL;"
  "UPDATE clv_models SET holdout_start = until WHERE holdout_end IS NOT NULL;",
  /* 2 → 3: how a run's k was chosen and how good its segments are (sc-run-quality.c).
   * A run shaped by hand or scored has no rows. */
  "CREATE TABLE run_quality ("
  "  run INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,"
  "  k_auto INTEGER NOT NULL, k_min INTEGER NOT NULL, k_max INTEGER NOT NULL,"
  "  min_share REAL NOT NULL, tolerance REAL NOT NULL, min_stability REAL NOT NULL,"
  "  n_resamples INTEGER NOT NULL, stability_sampled INTEGER NOT NULL,"
  "  chosen_k INTEGER NOT NULL, choice TEXT NOT NULL, explanation TEXT NOT NULL);"
  "CREATE TABLE run_k_scores ("
  "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
  "  k INTEGER NOT NULL, silhouette REAL, smallest_share REAL, stability REAL,"
  "  PRIMARY KEY (run, k)) WITHOUT ROWID;"
  "CREATE TABLE segment_quality ("
  "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, clustered INTEGER NOT NULL,"
  "  stability REAL,"                       /* mean Jaccard over the resamples, or NULL */
  "  PRIMARY KEY (run, position)) WITHOUT ROWID;"
  "CREATE TABLE segment_distinct ("
  "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL, rank INTEGER NOT NULL, feature TEXT NOT NULL,"
  "  effect_size REAL NOT NULL, direction INTEGER NOT NULL,"
  "  PRIMARY KEY (run, position, rank)) WITHOUT ROWID;"
  "CREATE TABLE run_merges ("
  "  run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
  "  a INTEGER NOT NULL, b INTEGER NOT NULL, feature TEXT NOT NULL,"
  "  difference REAL NOT NULL, reason TEXT NOT NULL,"
  "  PRIMARY KEY (run, a, b)) WITHOUT ROWID;",
  /* 3 → 4: segment kinds (sc_segment_kind_to_string()): the one set-apart segment of older runs
   * becomes the anomalies; is_outliers stays 1 for anomalies only. */
  "ALTER TABLE segments ADD COLUMN kind TEXT NOT NULL DEFAULT 'segment';"
  "UPDATE segments SET kind = 'anomalies' WHERE is_outliers;",
  /* 4 → 5: a snapshot's orders per customer in the recent window (float64[n]), which drift
   * needs for order value and its calibration; NULL in snapshots taken before. */
  "ALTER TABLE snapshots ADD COLUMN orders BLOB;",
  /* 5 → 6: preset exports (sc-store-activation.c): what each customer was sent as, so that the next
   * export of the same preset can send only the customers whose segment changed.
   * segment_names: one per line; labels: uint16 LE per customer, an index into them, or
   * 65535 for a customer not written. "run" is no foreign key: the record outlives it. */
  "CREATE TABLE activation_exports ("
  "  id INTEGER PRIMARY KEY,"
  "  created_at TEXT NOT NULL, preset TEXT NOT NULL, run INTEGER,"
  "  n_written INTEGER NOT NULL, n_excluded INTEGER NOT NULL,"
  "  segment_names TEXT NOT NULL, n_customers INTEGER NOT NULL, labels BLOB NOT NULL);"
  "CREATE INDEX activation_exports_by_preset ON activation_exports(preset, id);",
  /* 6 → 7: hypotheses to test against the data (sc-hypothesis-data.c): kind is "attribute",
   * "segment" or "interaction"; attribute is '' unless kind is "attribute", so UNIQUE holds. */
  "CREATE TABLE hypotheses ("
  "  id INTEGER PRIMARY KEY,"
  "  created_at TEXT NOT NULL,"
  "  kind TEXT NOT NULL, attribute TEXT NOT NULL DEFAULT '', value TEXT NOT NULL,"
  "  metric TEXT NOT NULL, direction TEXT NOT NULL,"
  "  UNIQUE (kind, attribute, value, metric, direction));",
  /* 7 → 8: a snapshot's segments keep their kind, as segments do; older ones take it from
   * the segments row they were frozen from when it is still there, else from is_outliers. */
  "ALTER TABLE snapshot_segments ADD COLUMN kind TEXT NOT NULL DEFAULT 'segment';"
  "UPDATE snapshot_segments SET kind = coalesce ((SELECT s.kind FROM segments s "
  "  WHERE s.id = snapshot_segments.segment), kind);"
  "UPDATE snapshot_segments SET kind = 'anomalies' WHERE is_outliers;",
  /* 8 → 9: the project brief (sc-brief.c): one row of text fields, the success KPIs with
   * their targets (baselines are computed from the data, never stored) and the
   * stakeholders, each list in its order. */
  "CREATE TABLE brief ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  objective TEXT, goal TEXT, scope TEXT,"
  "  review_date TEXT,"                     /* YYYY-MM-DD */
  "  currency TEXT);"                       /* ISO 4217 code */
  "CREATE TABLE brief_kpis ("
  "  position INTEGER PRIMARY KEY, name TEXT NOT NULL, target REAL);"
  "CREATE TABLE brief_stakeholders ("
  "  position INTEGER PRIMARY KEY, name TEXT NOT NULL, team TEXT,"
  "  role TEXT NOT NULL CHECK (role IN ('sponsor', 'approver', 'user')));",
  /* 9 → 10: profitability, rule segments and conflicting re-imports (issue 18).  A chunk's
   * cost is float64 LE per row, NAN where the line had none; NULL when its file had no cost
   * or margin column (sc-store-profit.c).  Rules are first-match ordered by position
   * (model/sc-rules.c).  attribute_conflicts: a customer whose value of an attribute an import
   * changed, both values as text (sc-store-rules.c). */
  "ALTER TABLE transaction_chunks ADD COLUMN cost BLOB;"
  "CREATE TABLE rules ("
  "  id INTEGER PRIMARY KEY,"
  "  position INTEGER NOT NULL UNIQUE,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  expression TEXT NOT NULL,"
  "  created_at TEXT NOT NULL);"
  "CREATE TABLE attribute_conflicts ("
  "  import INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,"
  "  attribute TEXT NOT NULL, customer INTEGER NOT NULL,"
  "  old_value TEXT NOT NULL, new_value TEXT NOT NULL);",
  /* 10 → 11: interactions (sc-store-interactions.c), in chunks of up to 65,536 rows like
   * transactions, each column a little-endian array: customer uint32, day int32, type
   * uint16 (an index into the column blob "interaction_types", names back to back, each
   * ending in NUL), value float64 (NaN when the file had none), channel uint16 (an index into
   * "interaction_channels", where 0 is no channel). */
  "CREATE TABLE interaction_chunks ("
  "  id INTEGER PRIMARY KEY,"
  "  import INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,"
  "  n INTEGER NOT NULL,"
  "  customer BLOB NOT NULL, day BLOB NOT NULL, type BLOB NOT NULL, value BLOB NOT NULL,"
  "  channel BLOB NOT NULL);",
  /* 11 → 12: PostgreSQL source (issue 22): where the orders are, so that a refresh can pull them
   * again.  Never a password: libpq reads it from PGPASSWORD or ~/.pgpass, the app from the
   * keyring. "map" holds ROLE=COLUMN lines. */
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  kind TEXT NOT NULL CHECK (kind IN ('postgresql')),"
  "  conninfo TEXT NOT NULL,"
  "  orders_table TEXT, orders_query TEXT,"
  "  customers_table TEXT, customers_query TEXT,"
  "  map TEXT,"
  "  copy_transactions INTEGER NOT NULL DEFAULT 0,"
  "  refreshed_at TEXT);",
  /* 12 → 13: the orders imports left out (a status that does not count, a refund of the
   * whole amount, another currency; sc-import-report.c), one row per order id so that an
   * export imported again, or overlapping the last one, does not count them twice; the
   * latest import's reason wins, and an order counted later is no longer left out.  Orders
   * without an id get a key of their import and line ("\x1f" first).  The revenue is before
   * refunds, in the currency the reason names when it is one.  IF NOT EXISTS: tests rebuild
   * older schemas by dropping only what the migrations they know of add. */
  "CREATE TABLE IF NOT EXISTS excluded_orders ("
  "  order_key TEXT PRIMARY KEY,"
  "  import INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,"
  "  reason TEXT NOT NULL, revenue REAL NOT NULL);",
  /* 13 → 14: packed blobs (sc-store-codec.c). The big arrays — transaction chunks, the
   * per-customer columns, attributes, snapshots — may now hold a packed blob instead of the
   * raw array; readers tell the two apart by length and marker bytes, so no table changes
   * and the blobs saved before read as they are. The version keeps older Segments, which
   * cannot read packed blobs, from opening a project that may hold them. */
  "",
  /* 14 → 15: a run's data version (sc_store_get_data_version: the imports so far) when it
   * was saved, so that staleness compares versions rather than timestamps to the second.  A
   * run made before this counts the imports no later than itself, which keeps its answer. */
  "ALTER TABLE runs ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;"
  "UPDATE runs SET data_version ="
  "  (SELECT count(*) FROM imports WHERE imports.imported_at <= runs.created_at);",
  /* 15 → 16: snapshots as deltas (sc-snapshot-delta.c). "base" names the fully stored
   * snapshot whose per-customer data a snapshot's blobs are a delta of (NULL: stored whole,
   * as every snapshot saved before). No foreign key: deleting a base re-bases its dependants
   * first, and a column used in a key could not be dropped by tests that rebuild older
   * schemas. runs.labels and the interaction chunks may now be packed too; the version keeps
   * older Segments, which would read either as damaged, from opening the project. */
  "ALTER TABLE snapshots ADD COLUMN base INTEGER;",
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

/* Steps @stmt once for a statement that gives at most one row: TRUE with *@found when it
 * gave one (@stmt is left on it), TRUE with !*@found when none, FALSE with @error. */
gboolean
_sc_store_step_row (ScStore       *self,
                    sqlite3_stmt  *stmt,
                    gboolean      *found,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  *found = rc == SQLITE_ROW;
  return *found || _sc_store_expect (self, rc, SQLITE_DONE, error);
}

/* Prepares @sql, binds @key to its one parameter and steps once: TRUE with *@found when a
 * row came (@stmt is left on it for the caller to read), TRUE with !*@found when none did,
 * FALSE with @error when the statement fails. */
gboolean
_sc_store_lookup (ScStore        *self,
                  const char     *sql,
                  const char     *key,
                  sqlite3_stmt  **stmt,
                  gboolean       *found,
                  GError        **error)
{
  *found = FALSE;
  if (!_sc_store_prepare (self, sql, stmt, error))
    return FALSE;
  sqlite3_bind_text (*stmt, 1, key, -1, SQLITE_STATIC);
  return _sc_store_step_row (self, *stmt, found, error);
}

/* Runs @sql with @id bound to its one parameter: the rows it changed, or -1 with @error. */
gint64
_sc_store_exec_id (ScStore     *self,
                   const char  *sql,
                   gint64       id,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (self, sql, &stmt, error))
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_sc_store_step_done (self, stmt, error))
    return -1;
  return sqlite3_changes (self->db);
}

/* TRUE when @rc, what sqlite3_step() returned, is @expected (SQLITE_DONE at the end of the
 * rows, SQLITE_ROW for the one row asked for); else FALSE with the connection's error. */
gboolean
_sc_store_expect (ScStore  *self,
                  int       rc,
                  int       expected,
                  GError  **error)
{
  if (rc != expected)
    {
      _sc_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Column and parameter helpers for the statements of the other tables' code: a NULL column
 * reads as NAN, a non-finite value is stored as NULL. */
double
_sc_store_column_double (sqlite3_stmt *stmt,
                         int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, col);
}

char *
_sc_store_column_dup (sqlite3_stmt *stmt,
                      int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

void
_sc_store_bind_double (sqlite3_stmt *stmt,
                       int           col,
                       double        v)
{
  if (isfinite (v))
    sqlite3_bind_double (stmt, col, v);
  else
    sqlite3_bind_null (stmt, col);
}

/* The first column of the first row of @sql, or @fallback where there is none. */
gint64
_sc_store_query_int (ScStore    *self,
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

/* Opening a project: telling people what is wrong.
 *
 * SQLite's own words for a failed open ("unable to open database file", "file is not a
 * database") name neither the cause nor a way out, and the first read fails alike for a
 * locked, a read-only and a damaged file. The cause is read from the extended result code
 * and, where that is ambiguous (SQLite cannot tell a read-only folder from a missing one or
 * a file it may not read), from the file system; each cause has its own ScError code. */

/* TRUE when @path starts with the 16 bytes every SQLite database starts with. */
static gboolean
has_sqlite_header (const char *path)
{
  static const char magic[16] = "SQLite format 3";
  char head[16] = { 0 };
  FILE *f = g_fopen (path, "rb");
  gboolean ok;

  if (f == NULL)
    return FALSE;
  ok = fread (head, 1, sizeof head, f) == sizeof head && memcmp (head, magic, sizeof magic) == 0;
  fclose (f);
  return ok;
}

/* Sets @error for an open that failed with the SQLite (extended) result @code. */
static void
set_open_error (const char  *path,
                int          code,
                const char  *message,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;
  int stat_errno;

  switch (code & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      if (_sc_store_is_being_imported (path))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_LOCKED,
                       _("“%s” is being imported by another process. Try again when that "
                         "import has finished."), path);
          return;
        }
      g_set_error (error, SC_ERROR, SC_ERROR_LOCKED,
                   _("“%s” is open in another window or program that is changing it. "
                     "Close it there, then try again."), path);
      return;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      if (has_sqlite_header (path))
        g_set_error (error, SC_ERROR, SC_ERROR_DAMAGED,
                     _("“%s” is damaged and cannot be opened. If you have a backup copy of "
                       "it, open that instead."), path);
      else
        g_set_error (error, SC_ERROR, SC_ERROR_NOT_A_PROJECT,
                     _("“%s” is not a Segments project."), path);
      return;
    default:
      break;
    }

  /* Cannot open, read-only, permission, I/O: ask the file system why. */
  stat_errno = g_stat (path, &st) == 0 ? 0 : errno;
  if (stat_errno == EACCES || (stat_errno == 0 && g_access (path, R_OK) != 0))
    g_set_error (error, SC_ERROR, SC_ERROR_PERMISSION,
                 _("You do not have permission to open “%s”. Ask the owner of the file or "
                   "its folder to share it with you, or open a copy."), path);
  else if (stat_errno == ENOENT && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("The folder “%s” does not exist."), dir);
  else if (stat_errno == ENOENT && g_access (dir, W_OK | X_OK) != 0)
    g_set_error (error, SC_ERROR, SC_ERROR_READ_ONLY,
                 _("A new project cannot be created in the folder “%s”: it is read-only or "
                   "you may not change it. Choose another folder, such as Documents."), dir);
  else if (stat_errno == 0 &&
           (code == SQLITE_READONLY_DIRECTORY || g_access (dir, W_OK | X_OK) != 0))
    g_set_error (error, SC_ERROR, SC_ERROR_READ_ONLY,
                 _("“%s” cannot be changed because its folder is read-only (Segments keeps "
                   "its working files next to the project). Copy the project to a folder you "
                   "can change and open the copy."), path);
  else if (stat_errno == 0 && ((code & 0xff) == SQLITE_READONLY || g_access (path, W_OK) != 0))
    g_set_error (error, SC_ERROR, SC_ERROR_READ_ONLY,
                 _("“%s” cannot be changed because the file is read-only. Allow changes to "
                   "it in its properties, or copy it and open the copy."), path);
  else if ((code & 0xff) == SQLITE_FULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("The disk is full: “%s” could not be opened. Free some space and try "
                   "again."), path);
  else
    g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
                 _("The project “%s” could not be opened: %s"), path, message);
}

static gboolean
open_failed (ScStore  *self,
             GError  **error)
{
  set_open_error (self->path, sqlite3_extended_errcode (self->db), sqlite3_errmsg (self->db),
                  error);
  return FALSE;
}

static gboolean
open_exec (ScStore     *self,
           const char  *sql,
           GError     **error)
{
  return sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK || open_failed (self, error);
}

/* Like _sc_store_query_int(), but a failure is an error, never a default. */
static gboolean
open_query_int (ScStore     *self,
                const char  *sql,
                gint64      *value,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return open_failed (self, error);
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Reads the schema version; FALSE with an error for a file that is not a project of ours or
 * is newer than this build. */
static gboolean
check_version (ScStore  *self,
               gint64   *version,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 app_id, n_tables;

  /* One statement, so one read transaction: read one by one, the three could straddle
   * another process's creation of the schema. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT (SELECT user_version FROM pragma_user_version),"
                          " (SELECT application_id FROM pragma_application_id),"
                          " (SELECT count(*) FROM sqlite_schema)", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return open_failed (self, error);
  *version = sqlite3_column_int64 (stmt, 0);
  app_id = sqlite3_column_int64 (stmt, 1);
  n_tables = sqlite3_column_int64 (stmt, 2);

  if (app_id != SC_STORE_APPLICATION_ID && (app_id != 0 || n_tables != 0))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NOT_A_PROJECT,
                   _("“%s” is not a Segments project."), self->path);
      return FALSE;
    }
  if (*version > SC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Segments. Update Segments to open it."),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

/* Two processes may create the same new project at once: both see an empty file, and the
 * second would create tables the first has just made ("table meta already exists"). So the
 * version is read again once the write lock is held, and only what is still missing is
 * created. */
static gboolean
migrate (ScStore  *self,
         GError  **error)
{
  gint64 version;

  if (!check_version (self, &version, error))
    return FALSE;
  if (version == SC_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!open_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!check_version (self, &version, error))
    {
      sc_store_rollback (self);
      return FALSE;
    }

  for (gint64 v = version; v < SC_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" PRId64, v + 1);

      if (!open_exec (self, migrations[v], error) || !open_exec (self, bump, error))
        {
          sc_store_rollback (self);
          return FALSE;
        }
    }

  if (!open_exec (self, "PRAGMA application_id = 1397049165", error) ||
      !open_exec (self, "COMMIT", error))
    {
      sc_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

G_STATIC_ASSERT (SC_STORE_APPLICATION_ID == 1397049165);

/* Switching a new file to WAL needs it to itself, and SQLite does not wait for that (the
 * busy handler is not called where waiting could deadlock), so another process opening the
 * same new project at that moment gets "database is locked". Wait here instead, as long
 * as the busy timeout. */
static gboolean
set_wal (ScStore  *self,
         GError  **error)
{
  gint64 give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  int rc;

  while ((rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL))
         == SQLITE_BUSY && g_get_monotonic_time () < give_up)
    g_usleep (10000);
  return rc == SQLITE_OK || open_failed (self, error);
}

/**
 * sc_store_open:
 * @path: the project file
 * @create: whether to create the file when it does not exist
 * @error: return location for a #GError
 *
 * Opens a project file, creating and migrating its schema as needed. A project that cannot
 * be changed is not opened: the error says why, with a code of #ScError (read-only, locked,
 * permission, damaged, too new, not a project) or %G_IO_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
/* How a project file is opened (see sc_store_open()). */
typedef enum
{
  OPEN_SHARED,      /* WAL with its shared-memory index: the usual, many connections */
  OPEN_EXCLUSIVE,   /* WAL without the shared-memory file: one process at a time */
  OPEN_READ_ONLY,   /* nothing written next to the file: for reading only */
} OpenMode;

/* SQLite counts its memory in statistics kept under one mutex for the whole process, taken
 * on every allocation of every connection.  Nothing here reads those statistics, and with
 * the views' workers reading at once the main thread was seen waiting for that mutex (on a
 * loaded machine, up to 44 ms in one frame at 1M customers).  It can only be switched off
 * before SQLite initialises, that is before the first connection opens. */
static void
configure_sqlite (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      if (sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        g_debug ("SQLite was initialised already: its memory statistics stay on");
      g_once_init_leave (&configured, 1);
    }
}

static ScStore *
open_with (const char  *path,
           gboolean     create,
           OpenMode     mode,
           GError     **error)
{
  g_autoptr(ScStore) self = g_new0 (ScStore, 1);
  ScStoreOpenWait open_wait = { path, 0, FALSE };
  int flags = SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI;
  g_autofree char *uri = NULL;
  gint64 n_tables;

  configure_sqlite ();
  self->path = g_strdup (path);
  if (mode == OPEN_READ_ONLY)
    {
      /* immutable: SQLite neither locks nor looks for -wal, -shm or -journal files, which
       * a read-only folder cannot hold; a WAL file left beside it would be ignored, so this
       * mode is only for a folder where none can have been written. */
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

      uri = g_strdup_printf ("file:%s?immutable=1", escaped);
      flags |= SQLITE_OPEN_READONLY;
      self->read_only = TRUE;
    }
  else
    {
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

      uri = g_strdup_printf ("file:%s", escaped);
      flags |= SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    }

  if (sqlite3_open_v2 (uri, &self->db, flags, NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        g_error ("SQLite is out of memory");
      open_failed (self, error);
      return NULL;
    }

  _sc_store_debug_attach (self->db);
  /* (until the first read: the wait for a first import of another process, sc-store-import.c) */
  sqlite3_busy_handler (self->db, _sc_store_open_busy, &open_wait);
  sqlite3_extended_result_codes (self->db, 0);

  /* Without shared memory (a sandbox's document portal maps no shared files), WAL works
   * for one process holding the file: set before the first read, SQLite then never asks
   * for the -shm file. */
  if (mode == OPEN_EXCLUSIVE && !open_exec (self, "PRAGMA locking_mode = EXCLUSIVE", error))
    return NULL;

  /* The first statement that reads the file tells a non-database, a locked file and a file
   * that may not be read apart. */
  if (!open_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !open_query_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables, error))
    return NULL;
  sqlite3_busy_timeout (self->db, 5000);

  if (mode == OPEN_READ_ONLY)
    {
      gint64 version;

      if (!check_version (self, &version, error))
        return NULL;
      if (version != SC_STORE_SCHEMA_VERSION)
        {
          set_open_error (path, SQLITE_READONLY_DIRECTORY, "", error);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  /* SQLite opens a file it may read but not write read-only, without a word. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      set_open_error (path, SQLITE_READONLY, "", error);
      return NULL;
    }
  /* Large pages suit a file that is mostly big blobs: fewer overflow pages to write and
   * read (an import of a million customers took 27% less time). Only a new, empty file
   * takes it. */
  if (!open_exec (self, "PRAGMA page_size = 65536", error) ||
      !migrate (self, error) ||
      !set_wal (self, error) ||
      !open_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !open_exec (self, "PRAGMA cache_size = -65536", error) ||
      !open_exec (self, "PRAGMA temp_store = MEMORY", error))
    return NULL;
  if (_sc_store_debug_cache_pages () > 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT,
                                              _sc_store_debug_cache_pages ());

      if (!open_exec (self, sql, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * sc_store_open:
 * @path: the project file
 * @create: whether to create the file when it does not exist
 * @error: return location for a #GError
 *
 * Opens a project file, creating and migrating its schema as needed.
 *
 * SQLite keeps working files next to the project (-wal, -shm).  Where the folder takes no
 * new files (a read-only folder, a file shared read-only) an existing, current project is
 * opened for reading: it can be looked at, reported on and exported, and every change
 * fails with %SC_ERROR_READ_ONLY saying why (sc_store_get_read_only()).  Where files can be
 * made but not shared memory (a sandbox's document portal), it is opened for one process
 * at a time, without the -shm file.
 *
 * A project that cannot be opened at all is not: the error says why, with a code of
 * #ScError (read-only, locked, permission, damaged, too new, not a project) or
 * %G_IO_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
ScStore *
sc_store_open (const char  *path,
               gboolean     create,
               GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *journal = NULL;
  GError *local_error = NULL;
  ScStore *store;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (!create && g_stat (path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The project “%s” does not exist."), path);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  wal = g_strconcat (path, "-wal", NULL);
  journal = g_strconcat (path, "-journal", NULL);
  /* (a -journal left by a first import that was killed must be rolled back first) */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (dir, W_OK | X_OK) != 0 &&
      !g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (journal, G_FILE_TEST_EXISTS))
    return open_with (path, FALSE, OPEN_READ_ONLY, error);

  store = open_with (path, create, OPEN_SHARED, &local_error);
  if (store == NULL && g_file_test (path, G_FILE_TEST_EXISTS) &&
      g_error_matches (local_error, SC_ERROR, SC_ERROR_PROJECT))
    {
      /* "could not be opened" for no reason the file system gives: the shared memory. */
      g_clear_error (&local_error);
      store = open_with (path, FALSE, OPEN_EXCLUSIVE, &local_error);
    }
  if (store == NULL)
    g_propagate_error (error, local_error);
  return store;
}

/**
 * sc_store_get_read_only:
 *
 * Returns: whether @store was opened for reading only, its folder taking no working files
 */
gboolean
sc_store_get_read_only (ScStore *store)
{
  return store->read_only;
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

/* Transactions nest, so that a command is one transaction however many of the core's
 * operations it joins (a re-run: the snapshot of the old run, the new run, the carried-over
 * names, the value and quadrant).  The outermost sc_store_begin() starts the transaction;
 * an inner one sets a savepoint, which its sc_store_commit() releases into the enclosing
 * transaction and its sc_store_rollback() undoes alone.  Nothing is in the file until the
 * outermost commit, so a process killed at any point leaves the state before the command
 * or after it. */
gboolean
sc_store_begin (ScStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;

  /* A transaction SQLite ended on its own (after SQLITE_FULL, say) leaves no levels open. */
  if (self->depth > 0 && sqlite3_get_autocommit (self->db))
    self->depth = 0;
  if (self->read_only)
    {
      set_open_error (self->path, SQLITE_READONLY_DIRECTORY, "", error);
      return FALSE;
    }
  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT sc_level_%u", self->depth);
  if (!_sc_store_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
sc_store_commit (ScStore  *self,
                 GError  **error)
{
  g_autofree char *sql = NULL;

  if (self->depth <= 1)
    {
      if (!_sc_store_exec (self, "COMMIT", error))
        {
          /* A failed COMMIT may leave the transaction open for sc_store_rollback(). */
          self->depth = sqlite3_get_autocommit (self->db) ? 0 : 1;
          return FALSE;
        }
      self->depth = 0;
      return TRUE;
    }
  sql = g_strdup_printf ("RELEASE sc_level_%u", self->depth - 1);
  if (!_sc_store_exec (self, sql, error))
    return FALSE;
  self->depth--;
  return TRUE;
}

void
sc_store_rollback (ScStore *self)
{
  if (sqlite3_get_autocommit (self->db))
    {
      self->depth = 0;
      return;
    }
  if (self->depth <= 1)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->depth = 0;
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO sc_level_%u; RELEASE sc_level_%u",
                                              self->depth - 1, self->depth - 1);

      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
      self->depth--;
    }
}

/* BEGIN EXCLUSIVE as the outermost level (sc-store-import.c). */
gboolean
_sc_store_begin_exclusive (ScStore  *self,
                           GError  **error)
{
  if (self->read_only || self->depth > 0 || !_sc_store_exec (self, "BEGIN EXCLUSIVE", error))
    return FALSE;
  self->depth = 1;
  return TRUE;
}

/* PRAGMA journal_mode = WAL, waiting as at the open (sc-store-import.c). */
gboolean
_sc_store_set_wal (ScStore  *self,
                   GError  **error)
{
  return set_wal (self, error);
}

/* Ends what the last sc_store_begin() opened: commits it when @ok, else rolls it back, as
 * it does when the commit fails.  Returns whether it was committed; @error is set only by
 * a failed commit (a caller's step that failed has set its own). */
gboolean
sc_store_end (ScStore   *self,
              gboolean   ok,
              GError   **error)
{
  if (ok && sc_store_commit (self, error))
    return TRUE;
  sc_store_rollback (self);
  return FALSE;
}

gboolean
sc_store_get_meta (ScStore     *self,
                   const char  *key,
                   char       **value,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found;

  *value = NULL;
  if (!_sc_store_lookup (self, "SELECT value FROM meta WHERE key = ?", key, &stmt, &found, error))
    return FALSE;
  if (found)
    *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
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
    "interaction_chunks",
  };
  g_autofree char *sql = NULL;
  gboolean ok = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    ok |= g_str_equal (known[i], table);
  g_return_val_if_fail (ok, 0);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  return (guint64) MAX (0, _sc_store_query_int (self, sql, 0));
}

guint32
sc_store_get_n_customers (ScStore *self)
{
  return (guint32) MAX (0, _sc_store_query_int (self, "SELECT n FROM columns WHERE name = 'key'",
                                                 0));
}

guint64
sc_store_get_n_transactions (ScStore *self)
{
  return (guint64) MAX (0, _sc_store_query_int (self, "SELECT total(n) FROM transaction_chunks",
                                                 0));
}

/* Order numbers are dense over the whole project; the next import continues from here. */
guint32
_sc_store_get_n_orders (ScStore *self)
{
  return (guint32) MAX (0, _sc_store_query_int (self, "SELECT CAST(value AS INTEGER) FROM meta "
                                                 "WHERE key = 'order_count'", 0));
}

gint64
_sc_store_get_autocheckpoint (ScStore *self)
{
  return _sc_store_query_int (self, "PRAGMA wal_autocheckpoint", -1);
}

void
_sc_store_set_autocheckpoint (ScStore *self,
                              gint64   pages)
{
  /* The C form of PRAGMA wal_autocheckpoint; only the timing depends on it. */
  sqlite3_wal_autocheckpoint (self->db, (int) CLAMP (pages, 0, G_MAXINT));
}
