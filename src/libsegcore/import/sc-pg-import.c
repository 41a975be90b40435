/* sc-pg-import.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writing what a PostgreSQL source gave into a project (issue 22), in two steps so that
 * nothing is written before the server has answered: _sc_pg_fetch() talks to the server
 * only; _sc_pg_store() runs inside the caller's transaction.
 *
 * The customer list and, when asked, the order rows themselves come over as CSV in a
 * temporary file and go through the file importer, so that attributes, consent and contact
 * columns are read exactly as from a file.  Otherwise the per-customer figures the server
 * computed become the project's aggregates, and the figures that the value model and
 * snapshots would otherwise read from rows are kept beside them (sc-pushdown.h). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-importer.h"
#include "sc-pg-import-private.h"
#include "sc-pushdown.h"
#include "sc-store-activation.h"
#include "sc-store-private.h"

void
_sc_pg_fetch_free (ScPgFetch *fetch)
{
  if (fetch == NULL)
    return;
  _sc_pg_pull_free (fetch->pull);
  if (fetch->customers_path != NULL)
    g_unlink (fetch->customers_path);
  if (fetch->orders_path != NULL)
    g_unlink (fetch->orders_path);
  if (fetch->dir != NULL)
    g_rmdir (fetch->dir);
  g_free (fetch->customers_path);
  g_free (fetch->orders_path);
  g_free (fetch->dir);
  g_free (fetch->conninfo);
  g_free (fetch);
}

/* The customer keys in their order, summed up: a refresh of the same customers finds the
 * stored keys and the pull's alike, and then needs no interner (which at 10M customers
 * held the keys twice beside a 134 MB index) and leaves the stored keys as they are.  The
 * stored keys are read while the server sums, before any of its rows are kept (unpacked
 * they take 40 bytes a customer for a moment), and only this print is kept; the pull's keys are
 * summed the same way when it has arrived.  Two lists of keys of the same count and length
 * are taken for the same when their 64-bit hashes agree: the hash is seeded at random in
 * each process (sc-intern-private.h), so keys cannot be made to collide, and by chance two
 * differ one time in 2^64, as for the exact duplicates of sc-importer.c. */
static void
print_add (ScPgKeysPrint *print,
           const char    *key,
           gsize          len)
{
  guint64 h = print->hash ^ _sc_hash_bytes (key, len);

  /* Order counts: the same keys in another order give other ids. */
  h *= 0x9e3779b97f4a7c15ull;
  print->hash = h ^ (h >> 29);
  print->n++;
  print->bytes += len + 1;
}

/* The print of the stored keys; FALSE with @error set when they cannot be read. */
static gboolean
print_stored_keys (ScStore        *store,
                   ScPgKeysPrint  *print,
                   GError        **error)
{
  g_auto(ScTextColumn) keys = { 0 };

  memset (print, 0, sizeof *print);
  if (!sc_store_load_texts (store, "key", 0, FALSE, &keys, error))
    return FALSE;
  for (guint32 i = 0; i < keys.n; i++)
    print_add (print, keys.text[i], strlen (keys.text[i]));
  return TRUE;
}

static gboolean
keys_unchanged (const ScPgFetch *fetch)
{
  ScPgKeysPrint print = { 0 };
  ScPgKeys walk;

  if (!fetch->has_stored || fetch->stored.n != fetch->pull->n)
    return FALSE;
  _sc_pg_keys_init (&walk, fetch->pull);
  for (guint32 i = 0; i < fetch->pull->n; i++)
    {
      gsize len;
      const char *key = _sc_pg_keys_next (&walk, &len);

      print_add (&print, key, len);
    }
  return print.bytes == fetch->stored.bytes && print.hash == fetch->stored.hash;
}

/* What runs while the server sums: the caller's own work, then the print of the stored
 * keys. */
typedef struct
{
  ScPgFetch         *fetch;
  ScStore           *store;
  ScPgMeanwhileFunc  func;
  gpointer           data;
} Meanwhile;

static gboolean
fetch_meanwhile (gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Meanwhile *m = data;

  if (m->func != NULL && !m->func (m->data, cancellable, error))
    return FALSE;
  if (m->store == NULL)
    return TRUE;
  m->fetch->has_stored = print_stored_keys (m->store, &m->fetch->stored, error);
  return m->fetch->has_stored;
}

/**
 * _sc_pg_fetch:
 *
 * Reads everything from the server: the per-customer figures (or the order rows when
 * @options->copy_transactions) and the customer list.  Writes no project; what @store
 * (nullable) holds sizes the pull's arrays and tells _sc_pg_store() whether the customers
 * are the same (print_stored_keys()).  @meanwhile (nullable) runs once, before anything
 * the server computed is kept: on a thread of its own while the server sums the orders
 * when they stay there (it is the only one to use @store meanwhile).
 */
ScPgFetch *
_sc_pg_fetch (const ScPgOptions *options,
              ScStore           *store,
              ScPgMeanwhileFunc  meanwhile,
              gpointer           meanwhile_data,
              ScProgressFunc     progress,
              gpointer           progress_data,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(ScPgFetch) fetch = g_new0 (ScPgFetch, 1);

  if (options->conninfo == NULL ||
      (options->orders_table == NULL) == (options->orders_query == NULL) ||
      (options->customers_table != NULL && options->customers_query != NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("Give a database connection, and the orders as either a table or a "
                     "query."));
      return NULL;
    }
  fetch->conninfo = sc_pg_conninfo_public (options->conninfo, error);
  if (fetch->conninfo == NULL)
    return NULL;

  if (options->copy_transactions || options->customers_table != NULL ||
      options->customers_query != NULL)
    {
      fetch->dir = g_dir_make_tmp ("segments-pg-XXXXXX", error);
      if (fetch->dir == NULL)
        return NULL;
    }
  if (options->customers_table != NULL || options->customers_query != NULL)
    {
      fetch->customers_path = g_build_filename (fetch->dir, "customers.csv", NULL);
      if (!_sc_pg_copy_csv (options, TRUE, fetch->customers_path, cancellable, error))
        return NULL;
    }
  if (options->copy_transactions)
    {
      if (meanwhile != NULL && !meanwhile (meanwhile_data, cancellable, error))
        return NULL;
      if (progress != NULL)
        progress (0.1, _("Copying the orders from the database"), progress_data);
      fetch->orders_path = g_build_filename (fetch->dir, "orders.csv", NULL);
      if (!_sc_pg_copy_csv (options, FALSE, fetch->orders_path, cancellable, error))
        return NULL;
    }
  else
    {
      Meanwhile both = { fetch, store, meanwhile, meanwhile_data };

      fetch->pull = _sc_pg_pull_aggregates (options,
                                            store != NULL ? sc_store_get_n_customers (store)
                                                          : 0,
                                            fetch_meanwhile, &both, progress, progress_data,
                                            cancellable, error);
      if (fetch->pull == NULL)
        return NULL;
    }
  return g_steal_pointer (&fetch);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* What the import list shows as the "file". */
static char *
source_label (const ScPgFetch   *fetch,
              const ScPgOptions *options,
              gboolean           customers)
{
  const char *table = customers ? options->customers_table : options->orders_table;

  if (table != NULL)
    return g_strdup_printf (_("PostgreSQL (%s), table %s"), fetch->conninfo, table);
  return g_strdup_printf (_("PostgreSQL (%s), query"), fetch->conninfo);
}

static gboolean
set_import_path (ScStore     *store,
                 guint64      id,
                 const char  *path,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!_sc_store_prepare (store, "UPDATE imports SET path = ? WHERE id = ?", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) id);
  return _sc_store_step_done (store, stmt, error);
}

/* Moves one column of the pull (@size bytes a value) into the project's customer order and
 * frees it there.  When the pull names the project's customers in their order, as the first
 * import and a refresh of the same customers do, the column is taken as it is, so that no
 * second copy of the figures is ever made; otherwise it is copied over @fill, the value of
 * customers the pull does not name. */
static gpointer
place_column (gpointer       *column,
              gsize           size,
              const guint32  *ids,
              guint32         n_pull,
              guint32         n,
              gboolean        in_order,
              guint64         fill)
{
  gpointer out;

  if (in_order && *column != NULL)
    return g_steal_pointer (column);
  out = g_malloc (MAX (n, 1) * size);
  if (size == sizeof (guint32))
    {
      guint32 *dst = out;
      const guint32 *src = *column;

      for (guint32 c = 0; c < n; c++)
        dst[c] = (guint32) fill;
      for (guint32 i = 0; i < n_pull; i++)
        dst[ids[i]] = src[i];
    }
  else
    {
      guint64 *dst = out;
      const guint64 *src = *column;

      g_assert (size == sizeof (guint64));
      for (guint32 c = 0; c < n; c++)
        dst[c] = fill;
      for (guint32 i = 0; i < n_pull; i++)
        dst[ids[i]] = src[i];
    }
  g_clear_pointer (column, g_free);
  return out;
}

static guint64
double_bits (double v)
{
  guint64 bits;

  memcpy (&bits, &v, sizeof bits);
  return bits;
}

/* The figures of the pull become the project's aggregates, over every customer it knows.
 *
 * The pull is consumed as it goes (its keys once interned, each column once placed), so
 * that at no point the old customer keys, the interner's index, the pull and the new
 * aggregates are all held at once: at 10M customers each is hundreds of megabytes.  A
 * refresh that finds the same customers in the same order (keys_unchanged()) needs no
 * interner at all, and leaves the stored keys as they are. */
static gboolean
store_pull (ScStore           *store,
            ScPgFetch         *fetch,
            const ScPgOptions *options,
            ScImportReport    *report,
            GError           **error)
{
  ScPgPull *pull = fetch->pull;
  g_autoptr(ScAggregates) agg = g_new0 (ScAggregates, 1);
  g_autoptr(ScPushdown) pd = g_new0 (ScPushdown, 1);
  g_autofree guint32 *ids = NULL;   /* pull → project ids; NULL when they are the same */
  g_autofree gint8 *consent = NULL;
  g_autofree guint8 *listed = NULL;
  ScImportRecord *rec = &report->transactions;
  ScInterner in = { 0 };
  guint32 n_before, n;
  gboolean same;
  gboolean in_order = TRUE;
  gboolean ok = FALSE;

  same = keys_unchanged (fetch);
  if (same)
    n_before = n = pull->n;
  else
    {
      /* The stored keys as one block, not one allocation each (at 10M customers that
       * alone was about 400 MB beside the pull). */
      g_auto(ScTextColumn) keys = { 0 };
      ScPgKeys walk;

      if (!sc_store_load_texts (store, "key", 0, FALSE, &keys, error))
        return FALSE;
      ids = g_new (guint32, MAX (pull->n, 1));
      _sc_interner_init (&in, MAX (keys.n, pull->n));
      for (guint32 i = 0; i < keys.n; i++)
        _sc_interner_intern (&in, keys.text[i], strlen (keys.text[i]), TRUE, NULL);
      n_before = in.n;
      sc_text_column_clear (&keys);
      _sc_pg_keys_init (&walk, pull);
      for (guint32 i = 0; i < pull->n; i++)
        {
          gsize len;
          const char *key = _sc_pg_keys_next (&walk, &len);

          ids[i] = _sc_interner_intern (&in, key, len, TRUE, NULL);
          in_order = in_order && ids[i] == i;
        }
      n = in.n;
      in_order = in_order && n == pull->n;
      _sc_interner_drop_index (&in);
    }
  _sc_pg_pull_drop_keys (pull);
#define ID(i) (ids != NULL ? ids[i] : (i))

  /* Purchase days first, as sc_aggregates_compute() leaves customers without orders. */
  agg->n = n;
#define PLACE(column, fill) \
  place_column ((gpointer *) &pull->column, sizeof *pull->column, ids, pull->n, n, in_order, \
                (fill))
  agg->first_day = PLACE (first_day, (guint32) SC_DAY_NONE);
  agg->last_day = PLACE (last_day, (guint32) SC_DAY_NONE);
  agg->n_orders = PLACE (n_orders, 0);
  agg->n_purchase_days = PLACE (n_purchase_days, 0);
  agg->n_rows = PLACE (n_rows, 0);
  agg->monetary = PLACE (monetary, double_bits (0.0));
  agg->returns = PLACE (returns, double_bits (0.0));
  pd->n = n;
  pd->last_day = pull->totals.last_any;
  pd->repeat_spend = PLACE (repeat_spend, double_bits (0.0));
  pd->value = PLACE (value, double_bits (NAN));
  pd->recent_monetary = PLACE (recent_monetary, double_bits (0.0));
  pd->recent_orders = PLACE (recent_orders, 0);
#undef PLACE

  consent = g_new (gint8, MAX (n, 1));
  listed = g_new (guint8, MAX (n, 1));
  if (!sc_store_load_consent (store, n, consent, listed, error))
    goto out;
  /* A customer list, which is about consent, wins over the orders. */
  for (guint32 i = 0; i < pull->n; i++)
    if (pull->consent[i] >= 0 && !listed[ID (i)])
      consent[ID (i)] = pull->consent[i];
  g_clear_pointer (&pull->consent, g_free);

  if ((!same && !sc_store_save_customer_keys (store, n, in.buf, in.buf_len, error)) ||
      !sc_store_save_consent (store, n, consent, listed, error))
    goto out;
  _sc_interner_clear (&in);
  g_clear_pointer (&consent, g_free);
  if (!sc_store_save_aggregates (store, agg, error))
    goto out;
  g_clear_pointer (&agg, sc_aggregates_free);
  if (!_sc_pushdown_save (store, pd, pull->totals.rows_read - pull->totals.rows_skipped, error))
    goto out;
  g_clear_pointer (&pd, _sc_pushdown_free);

  rec->kind = g_strdup ("transactions");
  rec->path = source_label (fetch, options, FALSE);
  rec->imported_at = now_iso8601 ();
  rec->rows_read = pull->totals.rows_read;
  rec->rows_accepted = pull->totals.rows_read - pull->totals.rows_skipped;
  rec->rows_rejected = pull->totals.rows_skipped;
  rec->returns = pull->totals.return_rows;
  rec->customers = pull->n;
  rec->new_customers = n - n_before;
  rec->first_day = pull->n > 0 ? pull->totals.first_any : G_MAXINT32;
  rec->last_day = pull->n > 0 ? pull->totals.last_any : G_MININT32;
  rec->revenue = pull->totals.revenue;
  rec->settings = g_strdup (_("Summed per customer by the database server; the order rows "
                              "stay there"));
  if (pull->totals.rows_skipped > 0)
    rec->notes = g_strdup_printf (_("%" PRIu64 " rows without a customer, a date or an amount "
                                    "were left out.\n"), pull->totals.rows_skipped);
  if (!sc_store_add_import (store, rec, error))
    goto out;
  /* Who is in one source and not the other, now that both are in. */
  if (report->customers.kind != NULL)
    {
      g_autofree guint8 *has_rows = g_new0 (guint8, MAX (n, 1));

      rec->unmatched = 0;
      report->customers.unmatched = 0;
      for (guint32 i = 0; i < pull->n; i++)
        has_rows[ID (i)] = 1;
      for (guint32 c = 0; c < n; c++)
        {
          rec->unmatched += has_rows[c] && !listed[c];
          report->customers.unmatched += !has_rows[c] && listed[c];
        }
      if (!_sc_store_update_import (store, rec, error) ||
          !_sc_store_update_import (store, &report->customers, error))
        goto out;
    }
  report->rejected[SC_REJECT_FIELDS] += pull->totals.rows_skipped;
  report->project_customers = n;
  report->project_transactions = pull->totals.rows_read - pull->totals.rows_skipped;
  ok = TRUE;

out:
#undef ID
  _sc_interner_clear (&in);
  return ok;
}

static char *
map_to_text (const ScPgOptions *options)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < SC_N_ROLES; r++)
    if (options->map[r] != NULL)
      g_string_append_printf (s, "%s=%s\n", sc_column_role_to_string (r), options->map[r]);
  return g_string_free (s, FALSE);
}

static gboolean
save_source (ScStore           *store,
             const ScPgFetch   *fetch,
             const ScPgOptions *options,
             GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *map = map_to_text (options);
  g_autofree char *now = now_iso8601 ();

  if (!_sc_store_prepare (store,
                          "INSERT OR REPLACE INTO sources (id, kind, conninfo, orders_table, "
                          "orders_query, customers_table, customers_query, map, "
                          "copy_transactions, refreshed_at) "
                          "VALUES (1, 'postgresql', ?, ?, ?, ?, ?, ?, ?, ?)", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, fetch->conninfo, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, options->orders_table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, options->orders_query, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, options->customers_table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, options->customers_query, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, map, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, options->copy_transactions ? 1 : 0);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
  return _sc_store_step_done (store, stmt, error);
}

/**
 * _sc_pg_load_source:
 * @options: (out caller-allocates): the stored settings; the connection string never holds
 *   a password
 *
 * Returns: %TRUE with @options filled, or %FALSE with @error set (%SC_ERROR_NO_DATA when the
 *   project has no database source)
 */
gboolean
_sc_pg_load_source (ScStore      *store,
                    ScPgOptions  *options,
                    GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) lines = NULL;
  int rc;

  sc_pg_options_init (options);
  if (!_sc_store_prepare (store, "SELECT conninfo, orders_table, orders_query, customers_table, "
                                 "customers_query, map, copy_transactions FROM sources "
                                 "WHERE id = 1", &stmt, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                   _("“%s” was not imported from a database, so there is nothing to refresh. "
                     "Import a file instead."), sc_store_get_path (store));
      return FALSE;
    }
  if (!_sc_store_expect (store, rc, SQLITE_ROW, error))
    return FALSE;
  options->conninfo = _sc_store_column_dup (stmt, 0);
  options->orders_table = _sc_store_column_dup (stmt, 1);
  options->orders_query = _sc_store_column_dup (stmt, 2);
  options->customers_table = _sc_store_column_dup (stmt, 3);
  options->customers_query = _sc_store_column_dup (stmt, 4);
  options->copy_transactions = sqlite3_column_int (stmt, 6) != 0;
  lines = g_strsplit ((const char *) sqlite3_column_text (stmt, 5) != NULL
                        ? (const char *) sqlite3_column_text (stmt, 5) : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');
      g_autofree char *name = eq != NULL ? g_strndup (lines[i], eq - lines[i]) : NULL;
      ScColumnRole role;

      if (name != NULL && sc_column_role_from_string (name, &role))
        {
          g_free (options->map[role]);
          options->map[role] = g_strdup (eq + 1);
        }
    }
  return TRUE;
}

/**
 * _sc_pg_store:
 *
 * Writes what _sc_pg_fetch() read into @store; runs in the caller's transaction (it nests
 * one of its own, so that a failure leaves @store as it was).  The per-customer figures of
 * @fetch are consumed (freed) on the way, whether it succeeds or not.
 *
 * Returns: (transfer full) (nullable): the report, as for a file import
 */
ScImportReport *
_sc_pg_store (ScStore           *store,
              ScPgFetch         *fetch,
              const ScPgOptions *options,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(ScImportReport) report = NULL;
  gboolean ok;
  gboolean stored = FALSE;
  gboolean outermost = sqlite3_get_autocommit (_sc_store_get_db (store));
  /* As for a file (sc-importer.c, issue 21): the first import of a new project writes its
   * pages once, through a rollback journal, when this connection has the file to itself. */
  gboolean new_project = outermost && sc_store_get_n_customers (store) == 0 &&
                         sc_store_get_n_transactions (store) == 0;
  gboolean alone = FALSE;

  /* As for a file (issue 14): a reported success survives power loss. */
  if (new_project)
    {
      if (!_sc_store_begin_alone (store, &alone, error))
        return NULL;
    }
  else if ((outermost && !_sc_store_exec (store, "PRAGMA synchronous = FULL", error)) ||
           !sc_store_begin (store, error))
    return NULL;

  /* Copied rows make an ordinary project again: the file importer sums them. */
  if (fetch->pull == NULL && !_sc_pushdown_clear (store, error))
    goto out;
  if (fetch->customers_path != NULL || fetch->orders_path != NULL)
    {
      ScImportOptions io;

      sc_import_options_init (&io);
      io.customers_path = g_strdup (fetch->customers_path);
      io.transactions_path = g_strdup (fetch->orders_path);
      io.map[SC_ROLE_CUSTOMER] = g_strdup (options->map[SC_ROLE_CUSTOMER]);
      io.map[SC_ROLE_CONSENT] = g_strdup (options->map[SC_ROLE_CONSENT]);
      io.orders.set = TRUE;
      io.orders.format.delimiter = ',';
      io.orders.format.header = SC_IMPORT_HEADER_YES;
      io.orders.format.encoding = SC_IMPORT_ENCODING_UTF8;
      io.orders.format.decimal_mark = '.';
      io.date_order = SC_DATE_ORDER_YMD;
      for (guint r = 0; r < SC_N_ROLES; r++)
        io.orders.map[r] = g_strdup ("");
      g_free (io.orders.map[SC_ROLE_CUSTOMER]);
      io.orders.map[SC_ROLE_CUSTOMER] = g_strdup ("customer");
      g_free (io.orders.map[SC_ROLE_DATE]);
      io.orders.map[SC_ROLE_DATE] = g_strdup ("date");
      g_free (io.orders.map[SC_ROLE_AMOUNT]);
      io.orders.map[SC_ROLE_AMOUNT] = g_strdup ("amount");
      g_free (io.orders.map[SC_ROLE_ORDER]);
      io.orders.map[SC_ROLE_ORDER] = g_strdup ("order");
      g_free (io.orders.map[SC_ROLE_CONSENT]);
      io.orders.map[SC_ROLE_CONSENT] = g_strdup ("consent");
      /* The copy's bounds are the database's: its rows are the data, whatever their dates. */
      io.min_day = -719162;   /* 0001-01-01 */
      io.max_day = 2932896;   /* 9999-12-31 */
      report = sc_import (store, &io, NULL, NULL, cancellable, error);
      sc_import_options_clear (&io);
      if (report == NULL)
        goto out;
      for (guint i = 0; i < 2; i++)
        {
          ScImportRecord *rec = i == 0 ? &report->customers : &report->transactions;

          if (rec->kind == NULL)
            continue;
          g_free (rec->path);
          rec->path = source_label (fetch, options, i == 0);
          if (!set_import_path (store, rec->id, rec->path, error))
            goto out;
        }
    }
  else
    {
      report = g_new0 (ScImportReport, 1);
      report->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_import_problem_free);
    }

  if (fetch->pull != NULL)
    {
      ok = store_pull (store, fetch, options, report, error);
      /* Consumed: nothing after this needs the pull, and scoring needs the memory. */
      g_clear_pointer (&fetch->pull, _sc_pg_pull_free);
      if (!ok)
        goto out;
    }
  if (!save_source (store, fetch, options, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  stored = TRUE;

out:
  stored = sc_store_end (store, stored, error);
  if (stored)
    {
      report->project_customers = sc_store_get_n_customers (store);
      report->project_transactions = _sc_pushdown_get_n_rows (store);
    }
  if (outermost)
    _sc_store_exec (store, "PRAGMA synchronous = NORMAL", NULL);
  if (new_project)
    _sc_store_end_alone (store);
  return stored ? g_steal_pointer (&report) : NULL;
}
