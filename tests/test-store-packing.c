/* test-store-packing.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Packed blobs (sc-store-codec.c) read back bit for bit: many seeded datasets with awkward
 * values, packed directly and through the store; a project as schema 13 wrote it (raw
 * arrays) opens and reads the same, and takes packed chunks beside its raw ones; damaged
 * packed blobs are errors, not crashes. */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-store-codec-private.h"
#include "sc-store-private.h"
#include "sc-store-profit.h"
#include "test-utils.h"

#define N_SEEDS 300

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("segments-packing-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

static double
bits_to_double (guint64 b)
{
  double v;

  memcpy (&v, &b, sizeof v);
  return v;
}

/* An amount as files hold them, and the awkward ones: many decimals, negatives, huge and
 * tiny values, -0, NaN with payloads, infinities, raw bit patterns. */
static double
awkward_double (GRand *r,
                guint  style)
{
  static const double scale[] = { 1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e12 };
  double sign = g_rand_boolean (r) ? 1 : -1;

  switch (style % 8)
    {
    case 0:   /* cents */
      return sign * (double) g_rand_int_range (r, 0, 1000000) / 100;
    case 1:   /* any number of decimals, including more than the packer scales */
      return sign * (double) g_rand_int_range (r, 0, G_MAXINT32) /
             scale[g_rand_int_range (r, 0, G_N_ELEMENTS (scale))];
    case 2:   /* huge whole numbers, beyond 2^53 too */
      return sign * ldexp (g_rand_double (r), g_rand_int_range (r, 40, 70));
    case 3:   /* sums with binary fractions */
      return 0.1 * g_rand_int_range (r, 0, 100) + 0.2 * g_rand_int_range (r, 0, 100);
    case 4:
      {
        static const guint64 special[] = {
          G_GUINT64_CONSTANT (0x8000000000000000),   /* -0 */
          G_GUINT64_CONSTANT (0x7ff8000000000000),   /* NaN */
          G_GUINT64_CONSTANT (0x7ff8dead0000beef),   /* NaN with a payload */
          G_GUINT64_CONSTANT (0xfff0000000000001),   /* signalling, negative */
          G_GUINT64_CONSTANT (0x7ff0000000000000),   /* +inf */
          G_GUINT64_CONSTANT (0x0000000000000001),   /* smallest subnormal */
          G_GUINT64_CONSTANT (0x7fefffffffffffff),   /* largest finite */
        };
        return bits_to_double (special[g_rand_int_range (r, 0, G_N_ELEMENTS (special))]);
      }
    case 5:   /* raw bits */
      return bits_to_double (((guint64) g_rand_int (r) << 32) | g_rand_int (r));
    case 6:   /* whole numbers: counts and days */
      return (double) g_rand_int_range (r, -5, 400);
    default:  /* a constant run */
      return 19.99;
    }
}

/* Integers: sorted (ids, days by customer), runs, small ranges, the extremes. */
static gint64
awkward_int (GRand  *r,
             guint   style,
             gsize   i,
             gint64  prev)
{
  switch (style % 6)
    {
    case 0:
      return prev + g_rand_int_range (r, 0, 2);
    case 1:
      return g_rand_int_range (r, 18000, 21000);
    case 2:
      return (gint32) g_rand_int (r);
    case 3:
      {
        static const gint64 extremes[] = { G_MININT32, G_MAXINT32, 0, -1, 1, G_MAXUINT32 };
        return extremes[g_rand_int_range (r, 0, G_N_ELEMENTS (extremes))];
      }
    case 4:
      return i % 1000 == 999 ? (gint32) g_rand_int (r) : prev + 1;
    default:
      return g_rand_int_range (r, -1, 8);
    }
}

static gsize
awkward_n (GRand *r)
{
  static const gsize edges[] = { 1, 2, 127, 128, 129, 256, 1000 };

  return g_rand_boolean (r) ? edges[g_rand_int_range (r, 0, G_N_ELEMENTS (edges))]
                            : (gsize) g_rand_int_range (r, 1, 5000);
}

/* Texts: order ids with a running number, leading zeros, runs of digits too long for a
 * number, digits only, empty texts, non-ASCII, repeats. */
static void
append_awkward_text (GString *s,
                     GRand   *r,
                     guint    style,
                     gsize    i)
{
  switch (style % 7)
    {
    case 0:
      g_string_append_printf (s, "O%08" G_GSIZE_FORMAT, 1000 + i / 3);
      break;
    case 1:
      g_string_append_printf (s, "%0*d", g_rand_int_range (r, 1, 12), g_rand_int_range (r, 0, 999));
      break;
    case 2:
      g_string_append (s, "1234567890123456789012345");
      for (int d = g_rand_int_range (r, 0, 5); d > 0; d--)
        g_string_append_c (s, (char) ('0' + g_rand_int_range (r, 0, 10)));
      break;
    case 3:
      break;
    case 4:
      g_string_append_printf (s, "Bücher-Ä%u", g_rand_int_range (r, 0, 20));
      break;
    case 5:
      for (int d = g_rand_int_range (r, 0, 12); d > 0; d--)
        g_string_append_c (s, (char) g_rand_int_range (r, 1, 256));
      break;
    default:
      g_string_append_printf (s, "cust-%u-x", g_rand_int_range (r, 0, 50));
      break;
    }
  g_string_append_c (s, '\0');
}

static void
check_blob (const void *data,
            gsize       elem_size,
            gsize       n)
{
  g_autoptr(GByteArray) packed = _sc_blob_pack (data, elem_size, n);
  g_autofree guint8 *back = NULL;

  if (packed == NULL)
    return;   /* not worth packing: stored raw */
  g_assert_cmpuint (packed->len, <, elem_size * n);
  g_assert_cmpuint (packed->len % 4, ==, 1);
  g_assert_true (_sc_blob_is_packed (packed->data, packed->len, elem_size * n));
  g_assert_cmpuint (_sc_blob_packed_count (packed->data, packed->len), ==, n);
  back = g_malloc (elem_size * n);
  g_assert_true (_sc_blob_unpack (packed->data, packed->len, elem_size, n, back));
  g_assert_cmpmem (back, elem_size * n, data, elem_size * n);
  /* another element size or count is damage */
  g_assert_false (_sc_blob_unpack (packed->data, packed->len, elem_size, n + 1, back));
}

static void
test_blob_round_trip (void)
{
  guint packed_doubles = 0;

  for (guint seed = 0; seed < N_SEEDS; seed++)
    {
      g_autoptr(GRand) r = g_rand_new_with_seed (seed);
      gsize n = awkward_n (r);
      g_autofree double *d = g_new (double, n);
      g_autofree gint32 *i32 = g_new (gint32, n);
      g_autofree guint16 *u16 = g_new (guint16, n);
      g_autofree guint8 *u8 = g_new (guint8, n);
      g_autoptr(GString) texts = g_string_new (NULL);
      g_autoptr(GByteArray) packed = NULL;
      g_autoptr(GByteArray) back = g_byte_array_new ();
      guint d_style = g_rand_int (r), i_style = g_rand_int (r), t_style = g_rand_int (r);
      gboolean mixed = g_rand_int_range (r, 0, 4) == 0;
      gint64 prev = 0;

      for (gsize i = 0; i < n; i++)
        {
          /* mostly one kind of value, with a few of another mixed in */
          guint ds = mixed && g_rand_int_range (r, 0, 50) == 0 ? g_rand_int (r) : d_style;

          d[i] = awkward_double (r, ds);
          prev = awkward_int (r, i_style, i, prev);
          i32[i] = (gint32) prev;
          u16[i] = (guint16) (i_style % 2 == 0 ? prev : g_rand_int_range (r, 0, 65536));
          u8[i] = (guint8) g_rand_int_range (r, 0, i_style % 3 == 0 ? 256 : 3);
          append_awkward_text (texts, r, mixed && i % 7 == 3 ? g_rand_int (r) : t_style, i);
        }
      check_blob (d, 8, n);
      check_blob (i32, 4, n);
      check_blob (u16, 2, n);
      check_blob (u8, 1, n);
      packed_doubles += d_style % 8 == 0 && !mixed && n > 200;

      packed = _sc_blob_pack_texts (texts->str, texts->len, n);
      if (packed != NULL)
        {
          g_assert_true (_sc_blob_is_packed (packed->data, packed->len, G_MAXSIZE));
          g_assert_true (_sc_blob_unpack_texts (packed->data, packed->len, n, back));
          g_assert_cmpmem (back->data, back->len, texts->str, texts->len);
        }
    }
  /* the data packing is for: it did pack */
  g_assert_cmpuint (packed_doubles, >, 0);
  {
    double cents[1000];
    g_autoptr(GByteArray) packed = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (cents); i++)
      cents[i] = (double) ((i * 7919) % 100000) / 100;
    packed = _sc_blob_pack (cents, 8, G_N_ELEMENTS (cents));
    g_assert_nonnull (packed);
    g_assert_cmpuint (packed->len, <, sizeof cents / 3);
  }
}

typedef struct
{
  gsize             i;
  const guint32    *cust;
  const ScDay      *day;
  const double     *amount;
  const guint32    *order;     /* with @base added */
  const ScInterner *orders;
  guint32           base;
} Rows;

static void
check_row (const char *key,
           guint32     customer,
           ScDay       day,
           double      amount,
           gpointer    user_data)
{
  Rows *rows = user_data;
  gsize i = rows->i++;

  g_assert_cmpuint (customer, ==, rows->cust[i]);
  g_assert_cmpint (day, ==, rows->day[i]);
  g_assert_cmpmem (&amount, sizeof amount, &rows->amount[i], sizeof amount);
  if (rows->orders != NULL)
    g_assert_cmpstr (key, ==, _sc_interner_key (rows->orders, rows->order[i] - rows->base));
  else
    g_assert_null (key);
}

/* Rows in, rows out: loading groups by customer and sorts by day (stable), so the
 * expectation is the same grouping of the rows put in. */
static void
test_store_round_trip (void)
{
  for (guint seed = 0; seed < 24; seed++)
    {
      g_autoptr(GRand) r = g_rand_new_with_seed (1000 + seed);
      g_autofree char *path = temp_path ("round-trip.segments");
      g_autoptr(GError) error = NULL;
      g_autoptr(ScStore) store = sc_store_open (path, TRUE, &error);
      guint32 n_customers = (guint32) g_rand_int_range (r, 1, 3000);
      gsize n = seed % 4 == 0 ? (gsize) g_rand_int_range (r, 65536, 140000) : awkward_n (r);
      g_autofree guint32 *cust = g_new (guint32, n);
      g_autofree ScDay *day = g_new (ScDay, n);
      g_autofree double *amount = g_new (double, n);
      g_autofree double *cost = g_new (double, n);
      g_autofree guint32 *order = g_new (guint32, n);
      g_autofree double *column = g_new (double, n_customers);
      g_autofree double *column_back = g_new (double, n_customers);
      g_autofree gint32 *codes = g_new (gint32, n_customers);
      g_autoptr(ScTransactions) got = NULL;
      g_autoptr(ScTransactions) want = g_new0 (ScTransactions, 1);
      g_autoptr(ScCosts) costs = NULL;
      g_autoptr(GPtrArray) attrs = NULL;
      g_autoptr(GString) keys = g_string_new (NULL);
      g_autoptr(GPtrArray) keys_back = NULL;
      ScInterner orders = { 0 };
      guint d_style = g_rand_int (r);
      gboolean sorted = g_rand_boolean (r), with_cost = g_rand_boolean (r);
      g_autofree double *revenue = g_new0 (double, n_customers);
      g_autofree double *known_cost = g_new0 (double, n_customers);
      ScAttribute attr = { .name = (char *) "size", .categorical = TRUE };
      const char *levels[] = { "small", "large", NULL };
      guint32 o = 0;

      g_assert_no_error (error);
      _sc_interner_init (&orders, n);
      for (gsize i = 0; i < n; i++)
        {
          char key[32];

          cust[i] = sorted ? (guint32) (i * n_customers / n)
                           : (guint32) g_rand_int_range (r, 0, n_customers);
          day[i] = g_rand_int_range (r, 19000, 20000);
          amount[i] = awkward_double (r, g_rand_int_range (r, 0, 40) == 0 ? g_rand_int (r)
                                                                           : d_style);
          cost[i] = g_rand_int_range (r, 0, 5) == 0 ? NAN : awkward_double (r, 0);
          if (g_rand_int_range (r, 0, 3) != 0)
            o++;
          g_snprintf (key, sizeof key, seed % 3 == 0 ? "%u" : "ORD-%06u", o);
          order[i] = _sc_interner_intern (&orders, key, strlen (key), TRUE, NULL);
          revenue[cust[i]] += amount[i];
          if (isfinite (cost[i]))
            known_cost[cust[i]] += cost[i];
        }

      g_assert_true (sc_store_begin (store, &error));
      g_assert_true (_sc_store_exec (store, "INSERT INTO imports (id, kind, path, imported_at) "
                                     "VALUES (1, 'transactions', 'x.csv', 'now')", &error));
      g_assert_true (_sc_store_insert_transactions (store, 1, n, cust, day, amount,
                                                    with_cost ? cost : NULL, order, 7,
                                                    &orders, NULL, NULL, NULL, &error));
      for (guint32 c = 0; c < n_customers; c++)
        {
          g_string_append_printf (keys, "C%07u", c * 3);
          g_string_append_c (keys, '\0');
          column[c] = awkward_double (r, d_style);
          codes[c] = g_rand_int_range (r, -1, 2);
        }
      g_assert_true (sc_store_save_customer_keys (store, n_customers, keys->str, keys->len,
                                                  &error));
      g_assert_true (sc_store_save_column (store, "monetary", n_customers, sizeof (double),
                                           column, &error));
      attr.levels = (char **) levels;
      attr.n_levels = 2;
      attr.codes = codes;
      g_assert_true (sc_store_save_attribute (store, n_customers, &attr, &error));
      g_assert_true (sc_store_commit (store, &error));
      g_assert_no_error (error);

      got = sc_store_load_transactions (store, n_customers, G_MAXINT32, NULL, &error);
      g_assert_no_error (error);
      for (gsize i = 0; i < n; i++)
        order[i] += 7;
      want->n_customers = n_customers;
      _sc_transactions_group (want, n, cust, day, amount, order);
      g_assert_cmpuint (got->n_rows, ==, n);
      g_assert_cmpmem (got->offsets, sizeof (gsize) * (n_customers + 1),
                       want->offsets, sizeof (gsize) * (n_customers + 1));
      g_assert_cmpmem (got->day, sizeof (ScDay) * n, want->day, sizeof (ScDay) * n);
      g_assert_cmpmem (got->amount, sizeof (double) * n, want->amount, sizeof (double) * n);
      g_assert_cmpmem (got->order, sizeof (guint32) * n, want->order, sizeof (guint32) * n);

      /* Every row with its order id, in the order they went in. */
      {
        Rows rows = { 0, cust, day, amount, order, &orders, 7 };

        g_assert_true (sc_store_foreach_transaction (store, check_row, &rows, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (rows.i, ==, n);
      }

      costs = sc_store_load_costs (store, n_customers, &error);
      g_assert_no_error (error);
      g_assert_cmpint (costs->any_cost, ==, with_cost);
      g_assert_cmpmem (costs->revenue, sizeof (double) * n_customers,
                       revenue, sizeof (double) * n_customers);
      if (with_cost)
        g_assert_cmpmem (costs->known_cost, sizeof (double) * n_customers,
                         known_cost, sizeof (double) * n_customers);

      g_assert_true (sc_store_load_column (store, "monetary", n_customers, sizeof (double),
                                           column_back, &error));
      g_assert_cmpmem (column_back, sizeof (double) * n_customers,
                       column, sizeof (double) * n_customers);
      g_assert_true (sc_store_load_customer_keys (store, &keys_back, &error));
      g_assert_cmpuint (keys_back->len, ==, n_customers);
      for (guint32 c = 0; c < n_customers; c++)
        {
          g_autofree char *k = g_strdup_printf ("C%07u", c * 3);
          g_assert_cmpstr (g_ptr_array_index (keys_back, c), ==, k);
        }
      g_assert_true (sc_store_load_attributes (store, n_customers, &attrs, &error));
      g_assert_cmpuint (attrs->len, ==, 1);
      g_assert_cmpmem (((ScAttribute *) g_ptr_array_index (attrs, 0))->codes,
                       sizeof (gint32) * n_customers, codes, sizeof (gint32) * n_customers);
      _sc_interner_clear (&orders);
    }
}

/* The schema-13 form of every blob: raw little-endian arrays, texts back to back. */
static void
bind_raw (sqlite3_stmt *stmt,
          int           col,
          const void   *data,
          gsize         bytes)
{
  g_assert_cmpint (sqlite3_bind_blob64 (stmt, col, data, bytes, SQLITE_TRANSIENT), ==, SQLITE_OK);
}

/* A project as Segments wrote it at schema 13, with raw blobs written here the way that
 * version wrote them; opened now, it migrates, reads the same, and takes packed chunks
 * beside its raw ones. */
static void
test_schema_13 (void)
{
  g_autofree char *path = temp_path ("old.segments");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) r = g_rand_new_with_seed (13);
  enum { N = 3000, C = 400 };
  static guint32 cust[2 * N], order[2 * N];
  static ScDay day[2 * N];
  static double amount[2 * N], monetary[C];
  g_autoptr(GString) keys = g_string_new (NULL);
  g_autoptr(GString) order_keys = g_string_new (NULL);
  ScInterner orders = { 0 };

  _sc_interner_init (&orders, 2 * N);
  for (gsize i = 0; i < 2 * N; i++)
    {
      char key[16];

      cust[i] = (guint32) g_rand_int_range (r, 0, C);
      day[i] = g_rand_int_range (r, 19000, 19700);
      amount[i] = awkward_double (r, i % 50 == 0 ? 3 : 0);
      g_snprintf (key, sizeof key, "A-%05u", (guint) (i / 2));
      order[i] = _sc_interner_intern (&orders, key, strlen (key), TRUE, NULL);
      if (i < N)
        g_string_append_len (order_keys, key, strlen (key) + 1);
    }
  for (guint c = 0; c < C; c++)
    {
      g_string_append_printf (keys, "K%u", c);
      g_string_append_c (keys, '\0');
      monetary[c] = awkward_double (r, 3);
    }

  {
    g_autoptr(ScStore) store = sc_store_open (path, TRUE, &error);
    g_autoptr(sqlite3_stmt) stmt = NULL;
    g_autoptr(sqlite3_stmt) col = NULL;

    g_assert_no_error (error);
    g_assert_true (_sc_store_exec (store, "INSERT INTO imports (id, kind, path, imported_at) "
                                   "VALUES (1, 'transactions', 'x.csv', 'now')", &error));
    g_assert_true (_sc_store_prepare (store, "INSERT INTO transaction_chunks (import, n, "
                                      "customer, day, amount, order_no, order_keys) "
                                      "VALUES (1, ?, ?, ?, ?, ?, ?)", &stmt, &error));
    sqlite3_bind_int64 (stmt, 1, N);
    bind_raw (stmt, 2, cust, sizeof (guint32) * N);
    bind_raw (stmt, 3, day, sizeof (ScDay) * N);
    bind_raw (stmt, 4, amount, sizeof (double) * N);
    bind_raw (stmt, 5, order, sizeof (guint32) * N);
    bind_raw (stmt, 6, order_keys->str, order_keys->len);
    g_assert_true (_sc_store_step_done (store, stmt, &error));
    g_assert_true (_sc_store_prepare (store, "INSERT INTO columns (name, n, data) "
                                      "VALUES (?, ?, ?)", &col, &error));
    sqlite3_bind_text (col, 1, "key", -1, SQLITE_STATIC);
    sqlite3_bind_int64 (col, 2, C);
    bind_raw (col, 3, keys->str, keys->len);
    g_assert_true (_sc_store_step_done (store, col, &error));
    sqlite3_bind_text (col, 1, "monetary", -1, SQLITE_STATIC);
    bind_raw (col, 3, monetary, sizeof monetary);
    g_assert_true (_sc_store_step_done (store, col, &error));
    /* Schema 13 had no run data version nor snapshot bases (later migrations add them). */
    g_assert_true (_sc_store_exec (store, "ALTER TABLE runs DROP COLUMN data_version;"
                                   "ALTER TABLE snapshots DROP COLUMN base;"
                                   "PRAGMA user_version = 13", &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(ScStore) store = sc_store_open (path, FALSE, &error);
    g_autoptr(ScTransactions) got = NULL;
    g_autoptr(ScTransactions) want = g_new0 (ScTransactions, 1);
    g_autoptr(GPtrArray) keys_back = NULL;
    double monetary_back[C];
    Rows rows = { 0, cust, day, amount, order, &orders, 0 };

    g_assert_no_error (error);
    g_assert_cmpint (test_query_int (store, "PRAGMA user_version"), ==, SC_STORE_SCHEMA_VERSION);
    g_assert_true (sc_store_load_column (store, "monetary", C, sizeof (double), monetary_back,
                                         &error));
    g_assert_cmpmem (monetary_back, sizeof monetary_back, monetary, sizeof monetary);
    g_assert_true (sc_store_load_customer_keys (store, &keys_back, &error));
    g_assert_cmpuint (keys_back->len, ==, C);
    g_assert_cmpstr (g_ptr_array_index (keys_back, C - 1), ==, "K399");

    /* a second import, packed, beside the raw chunk */
    g_assert_true (sc_store_begin (store, &error));
    g_assert_true (_sc_store_exec (store, "INSERT INTO imports (id, kind, path, imported_at) "
                                   "VALUES (2, 'transactions', 'y.csv', 'now')", &error));
    g_assert_true (_sc_store_insert_transactions (store, 2, N, cust + N, day + N, amount + N,
                                                  NULL, order + N, 0, &orders, NULL, NULL,
                                                  NULL, &error));
    g_assert_true (sc_store_commit (store, &error));
    g_assert_cmpint (test_query_int (store, "SELECT count(*) FROM transaction_chunks "
                                            "WHERE length(customer) = 4 * n"), ==, 1);

    got = sc_store_load_transactions (store, C, G_MAXINT32, NULL, &error);
    g_assert_no_error (error);
    want->n_customers = C;
    _sc_transactions_group (want, 2 * N, cust, day, amount, order);
    g_assert_cmpmem (got->day, sizeof (ScDay) * 2 * N, want->day, sizeof (ScDay) * 2 * N);
    g_assert_cmpmem (got->amount, sizeof (double) * 2 * N, want->amount,
                     sizeof (double) * 2 * N);
    g_assert_cmpmem (got->order, sizeof (guint32) * 2 * N, want->order,
                     sizeof (guint32) * 2 * N);
    g_assert_true (sc_store_foreach_transaction (store, check_row, &rows, &error));
    g_assert_cmpuint (rows.i, ==, 2 * N);
  }
  _sc_interner_clear (&orders);
}

/* A packed blob damaged anywhere is an error (or, where the damage still decodes, values),
 * never a crash or a read past its end; through the store, a project error. */
static void
test_damaged (void)
{
  g_autofree char *path = temp_path ("damaged.segments");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = sc_store_open (path, TRUE, &error);
  g_autoptr(GRand) r = g_rand_new_with_seed (99);
  g_autoptr(ScTransactions) tx = NULL;
  guint32 cust[500];
  ScDay day[500];
  double amount[500];
  guint32 order[500];

  for (guint i = 0; i < 500; i++)
    {
      cust[i] = i / 5;
      day[i] = 19000 + (gint) (i % 37);
      amount[i] = awkward_double (r, 0);
      order[i] = i;
    }
  for (guint trial = 0; trial < 2000; trial++)
    {
      g_autoptr(GByteArray) packed = _sc_blob_pack (trial % 2 ? (const void *) amount
                                                              : (const void *) day,
                                                    trial % 2 ? 8 : 4, 500);
      g_autofree guint8 *back = g_malloc (8 * 500);
      guint at = g_rand_int_range (r, 1, packed->len - 1);

      g_assert_nonnull (packed);
      if (trial % 3 == 0)
        packed->data[at] ^= (guint8) g_rand_int_range (r, 1, 256);
      else
        {
          /* cut short, keeping the length rule and the trailer */
          g_byte_array_set_size (packed, (at / 4) * 4 + 1);
          packed->data[packed->len - 1] = 0x5A;
        }
      _sc_blob_unpack (packed->data, packed->len, trial % 2 ? 8 : 4, 500, back);
    }

  g_assert_no_error (error);
  g_assert_true (_sc_store_exec (store, "INSERT INTO imports (id, kind, path, imported_at) "
                                 "VALUES (1, 'transactions', 'x.csv', 'now')", &error));
  g_assert_true (_sc_store_insert_transactions (store, 1, 500, cust, day, amount, NULL, order,
                                                0, NULL, NULL, NULL, NULL, &error));
  g_assert_true (_sc_store_exec (store, "UPDATE transaction_chunks SET day = "
                                 "x'B5690400FFFFFFFFFFFFFFFF5A'", &error));
  tx = sc_store_load_transactions (store, 100, G_MAXINT32, NULL, &error);
  g_assert_null (tx);
  g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
  g_clear_error (&error);

  /* A count no blob of that length can hold is damage, not a huge allocation. */
  g_assert_cmpuint (_sc_blob_packed_count ("\xB5\x64\x08\x80\x80\x80\x80\x08\x5A", 9), ==,
                    G_MAXSIZE);
  g_assert_true (_sc_store_exec (store, "INSERT INTO columns (name, n, data) VALUES "
                                 "('monetary', 2147483648, x'B5640880808080085A')", &error));
  {
    double m[4];

    g_assert_false (sc_store_load_column (store, "monetary", 4, sizeof (double), m, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_PROJECT);
  }
}

/* The aggregates of enough customers to be decoded on a team, straight into their arrays:
 * the values saved, whole; after customers were added (a column of fewer customers), the
 * new ones with no days and zeroes; without the two columns the features do not read. */
static void
assert_aggregates_prefix (const ScAggregates *got,
                          const ScAggregates *want,
                          guint32             n)
{
  g_assert_cmpmem (got->first_day, sizeof (ScDay) * n, want->first_day, sizeof (ScDay) * n);
  g_assert_cmpmem (got->last_day, sizeof (ScDay) * n, want->last_day, sizeof (ScDay) * n);
  g_assert_cmpmem (got->n_orders, 4 * (gsize) n, want->n_orders, 4 * (gsize) n);
  g_assert_cmpmem (got->n_rows, 4 * (gsize) n, want->n_rows, 4 * (gsize) n);
  g_assert_cmpmem (got->monetary, sizeof (double) * n, want->monetary, sizeof (double) * n);
}

static void
test_aggregates_load (void)
{
  for (guint seed = 0; seed < 3; seed++)
    {
      g_autoptr(GRand) r = g_rand_new_with_seed (77 + seed);
      g_autofree char *path = temp_path ("aggregates.segments");
      g_autoptr(GError) error = NULL;
      g_autoptr(ScStore) store = sc_store_open (path, TRUE, &error);
      guint32 n = (guint32) g_rand_int_range (r, 65536, 90000);
      guint32 added = seed == 0 ? 0 : (guint32) g_rand_int_range (r, 1, 5000);
      g_autoptr(ScAggregates) want = sc_aggregates_new (n);
      g_autoptr(ScAggregates) got = NULL;
      g_autoptr(ScAggregates) some = NULL;
      g_autoptr(GString) keys = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint32 c = 0; c < n; c++)
        {
          gboolean none = g_rand_int_range (r, 0, 50) == 0;

          want->first_day[c] = none ? SC_DAY_NONE : g_rand_int_range (r, 19000, 20000);
          want->last_day[c] = none ? SC_DAY_NONE : want->first_day[c] + g_rand_int_range (r, 0, 500);
          want->n_orders[c] = none ? 0 : (guint32) g_rand_int_range (r, 1, 40);
          want->n_purchase_days[c] = want->n_orders[c];
          want->n_rows[c] = want->n_orders[c] + (guint32) g_rand_int_range (r, 0, 3);
          want->monetary[c] = g_rand_int_range (r, -5000, 500000) / 100.0;
          want->returns[c] = g_rand_int_range (r, 0, 3) == 0 ? g_rand_int_range (r, 0, 9999) / 100.0
                                                            : 0;
        }
      for (guint32 c = 0; c < n + added; c++)
        {
          g_string_append_printf (keys, "C%u", c);
          g_string_append_c (keys, '\0');
        }
      g_assert_true (sc_store_save_aggregates (store, want, &error));
      g_assert_true (sc_store_save_customer_keys (store, n + added, keys->str, keys->len,
                                                  &error));
      g_assert_no_error (error);

      got = sc_store_load_aggregates (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (got->n, ==, n + added);
      assert_aggregates_prefix (got, want, n);
      g_assert_cmpmem (got->n_purchase_days, 4 * (gsize) n, want->n_purchase_days, 4 * (gsize) n);
      g_assert_cmpmem (got->returns, sizeof (double) * n, want->returns, sizeof (double) * n);
      for (guint32 c = n; c < n + added; c++)
        {
          g_assert_cmpint (got->first_day[c], ==, SC_DAY_NONE);
          g_assert_cmpint (got->last_day[c], ==, SC_DAY_NONE);
          g_assert_cmpuint (got->n_orders[c] | got->n_purchase_days[c] | got->n_rows[c], ==, 0);
          g_assert_cmpfloat (got->monetary[c], ==, 0);
          g_assert_cmpfloat (got->returns[c], ==, 0);
        }

      some = sc_store_load_aggregates_for_features (store, &error);
      g_assert_no_error (error);
      g_assert_null (some->n_purchase_days);
      g_assert_null (some->returns);
      assert_aggregates_prefix (some, got, n + added);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/StorePacking/blob-round-trip", test_blob_round_trip);
  g_test_add_func ("/Core/StorePacking/store-round-trip", test_store_round_trip);
  g_test_add_func ("/Core/StorePacking/schema-13", test_schema_13);
  g_test_add_func ("/Core/StorePacking/damaged", test_damaged);
  g_test_add_func ("/Core/StorePacking/aggregates-load", test_aggregates_load);
  return g_test_run ();
}
