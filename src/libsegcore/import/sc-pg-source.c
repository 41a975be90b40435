/* sc-pg-source.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Orders in PostgreSQL, summed by the server (issue 22).
 *
 * The mapping becomes one query of plain GROUP BYs (append_pull_query) over the table, or
 * over the user's query wrapped as a subquery, computing per customer exactly what
 * sc_aggregates_compute() computes from rows (plus the few figures the value model and
 * snapshots take from rows: the spend of the repeat purchase days, the spend of the value
 * window and the 90 days before the as-of day).  Its result is streamed with COPY … TO
 * STDOUT in binary and parsed as it arrives, so only one row per customer crosses the
 * network (with its purchase days' nets) and nothing waits for the whole result.
 *
 * Customers come in the byte order of their keys, so that the dense ids, and with them every
 * seeded result, are the same whatever plan the server chose and whatever its collation.
 *
 * Nothing the user types is spliced into SQL as a value: names are quoted with
 * PQescapeIdentifier(), and the few values the query needs (window bounds) are set as
 * parameters of set_config() before the COPY, which cannot take parameters itself, and read
 * back with current_setting().  A user query runs as a subquery inside a READ ONLY
 * transaction, so it cannot write; REPEATABLE READ makes the first scan (the last day) and
 * the GROUP BY see the same data, and the other sessions of a pull in parts
 * (sc-pg-pull.c) join that transaction's snapshot.
 *
 * The connection, its timeouts and cancelling live in sc-pg-conn.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sc-detect.h"
#include "sc-pg-source-private.h"
#include "sc-pushdown.h"
#include "sc-value.h"

#if HAVE_LIBPQ
#include "sc-pg-conn-private.h"
#endif

void
sc_pg_options_init (ScPgOptions *options)
{
  memset (options, 0, sizeof *options);
}

void
sc_pg_options_clear (ScPgOptions *options)
{
  g_free (options->conninfo);
  g_free (options->orders_table);
  g_free (options->orders_query);
  g_free (options->customers_table);
  g_free (options->customers_query);
  for (guint i = 0; i < SC_N_ROLES; i++)
    g_free (options->map[i]);
  memset (options, 0, sizeof *options);
}

void
sc_pg_options_copy (const ScPgOptions *src,
                    ScPgOptions       *dest)
{
  *dest = *src;
  dest->conninfo = g_strdup (src->conninfo);
  dest->orders_table = g_strdup (src->orders_table);
  dest->orders_query = g_strdup (src->orders_query);
  dest->customers_table = g_strdup (src->customers_table);
  dest->customers_query = g_strdup (src->customers_query);
  for (guint i = 0; i < SC_N_ROLES; i++)
    dest->map[i] = g_strdup (src->map[i]);
}

/**
 * sc_pg_available:
 *
 * Returns: whether this build reads PostgreSQL (it was built with libpq)
 */
gboolean
sc_pg_available (void)
{
  return HAVE_LIBPQ;
}

/**
 * sc_pg_error_is_login:
 * @error: an error of a PostgreSQL operation
 *
 * Returns: whether the server refused the user name or password, so that the caller can
 *   say where a password comes from (a keyring, PGPASSWORD, ~/.pgpass)
 */
gboolean
sc_pg_error_is_login (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

#if !HAVE_LIBPQ

void
_sc_pg_set_unavailable (GError **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("This build of Segments cannot read PostgreSQL (it was built without libpq)."));
}

char *
sc_pg_conninfo_public (const char  *conninfo,
                       GError     **error)
{
  _sc_pg_set_unavailable (error);
  return NULL;
}

ScPgPull *
_sc_pg_pull_aggregates (const ScPgOptions *options,
                        guint32            expected,
                        ScPgMeanwhileFunc  meanwhile,
                        gpointer           meanwhile_data,
                        ScProgressFunc     progress,
                        gpointer           progress_data,
                        GCancellable      *cancellable,
                        GError           **error)
{
  _sc_pg_set_unavailable (error);
  return NULL;
}

gboolean
_sc_pg_copy_csv (const ScPgOptions *options,
                 gboolean           customers,
                 const char        *path,
                 GCancellable      *cancellable,
                 GError           **error)
{
  _sc_pg_set_unavailable (error);
  return FALSE;
}

#else /* HAVE_LIBPQ */

/**
 * sc_pg_conninfo_public:
 * @conninfo: a libpq connection string or URI
 *
 * Returns: (transfer full) (nullable): the same settings as a key=value string without the
 *   password, or %NULL with @error set when @conninfo cannot be parsed
 */
char *
sc_pg_conninfo_public (const char  *conninfo,
                       GError     **error)
{
  char *msg = NULL;
  PQconninfoOption *opts = PQconninfoParse (conninfo, &msg);
  GString *out;

  if (opts == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The database connection settings cannot be read: %s"),
                   msg != NULL ? g_strstrip (msg) : _("out of memory"));
      PQfreemem (msg);
      return NULL;
    }
  out = g_string_new (NULL);
  for (PQconninfoOption *o = opts; o->keyword != NULL; o++)
    {
      if (o->val == NULL || g_str_equal (o->keyword, "password"))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%s='", o->keyword);
      for (const char *p = o->val; *p != '\0'; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\'');
    }
  PQconninfoFree (opts);
  return g_string_free (out, FALSE);
}


/* Type OIDs of pg_type.h, stable across server versions. */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_FLOAT4 700
#define OID_FLOAT8 701
#define OID_NUMERIC 1700
#define OID_DATE 1082
#define OID_TIMESTAMP 1114
#define OID_TIMESTAMPTZ 1184


/* {{{ The source relation and its columns */

typedef struct
{
  PGconn    *conn;
  GString   *from;           /* "<table> AS src" or "(<query>) AS src" */
  char     **names;          /* the relation's columns */
  Oid       *types;
  int        n_columns;
  int        col[SC_N_ROLES]; /* -1 when the role is not mapped */
} Source;

static void
source_clear (Source *s)
{
  if (s->from != NULL)
    g_string_free (s->from, TRUE);
  g_strfreev (s->names);
  g_free (s->types);
}

static gboolean
append_ident (PGconn     *conn,
              GString    *out,
              const char *name,
              gsize       len,
              GError    **error)
{
  char *q = PQescapeIdentifier (conn, name, len);

  if (q == NULL)
    {
      g_autofree char *line = _sc_pg_first_line (PQerrorMessage (conn));
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT, _("Not a usable name: %s"), line);
      return FALSE;
    }
  g_string_append (out, q);
  PQfreemem (q);
  return TRUE;
}

/* "schema.table" or "table"; each part quoted. */
static gboolean
append_table (PGconn     *conn,
              GString    *out,
              const char *table,
              GError    **error)
{
  const char *dot = strchr (table, '.');

  if (dot != NULL && dot > table && dot[1] != '\0')
    return append_ident (conn, out, table, dot - table, error) &&
           (g_string_append_c (out, '.'), TRUE) &&
           append_ident (conn, out, dot + 1, strlen (dot + 1), error);
  return append_ident (conn, out, table, strlen (table), error);
}

/* A user query without the semicolons and blanks that may end it. */
static char *
trim_query (const char *query)
{
  char *q = g_strstrip (g_strdup (query));
  gsize len = strlen (q);

  while (len > 0 && (q[len - 1] == ';' || g_ascii_isspace (q[len - 1])))
    q[--len] = '\0';
  return q;
}

/* "<table> AS src" or "(<query>) AS src": what the rows are read from. */
gboolean
_sc_pg_append_from (PGconn      *conn,
                    GString     *out,
                    const char  *table,
                    const char  *query,
                    GError     **error)
{
  if (table != NULL)
    {
      if (!append_table (conn, out, table, error))
        return FALSE;
    }
  else
    {
      g_autofree char *q = trim_query (query);
      g_string_append_printf (out, "(%s\n)", q);
    }
  g_string_append (out, " AS src");
  return TRUE;
}

static gboolean
source_open (Source        *s,
             PGconn        *conn,
             const char    *table,
             const char    *query,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(PGresult) res = NULL;
  g_autofree char *sql = NULL;

  s->conn = conn;
  s->from = g_string_new (NULL);
  if (!_sc_pg_append_from (conn, s->from, table, query, error))
    return FALSE;

  sql = g_strdup_printf ("SELECT * FROM %s LIMIT 0", s->from->str);
  res = _sc_pg_run (conn, sql, 0, NULL, PGRES_TUPLES_OK, cancellable, error);
  if (res == NULL)
    return FALSE;
  s->n_columns = PQnfields (res);
  s->names = g_new0 (char *, s->n_columns + 1);
  s->types = g_new (Oid, MAX (s->n_columns, 1));
  for (int i = 0; i < s->n_columns; i++)
    {
      s->names[i] = g_strdup (PQfname (res, i));
      s->types[i] = PQftype (res, i);
    }
  return TRUE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Source, source_clear)

static int
source_find (const Source *s,
             const char   *name)
{
  for (int i = 0; i < s->n_columns; i++)
    if (g_str_equal (s->names[i], name))
      return i;
  for (int i = 0; i < s->n_columns; i++)
    if (g_ascii_strcasecmp (s->names[i], name) == 0)
      return i;
  return -1;
}

static gboolean
is_number_type (Oid t)
{
  return t == OID_INT2 || t == OID_INT4 || t == OID_INT8 || t == OID_FLOAT4 ||
         t == OID_FLOAT8 || t == OID_NUMERIC;
}

static gboolean
is_date_type (Oid t)
{
  return t == OID_DATE || t == OID_TIMESTAMP || t == OID_TIMESTAMPTZ;
}

/* Maps the roles: named ones must exist, the rest are detected from the column names. */
static gboolean
source_map (Source             *s,
            const ScPgOptions  *options,
            ScTableKind         kind,
            GError            **error)
{
  g_autofree ScColumnGuess *guesses = g_new0 (ScColumnGuess, MAX (s->n_columns, 1));

  sc_detect_columns (kind, (guint) s->n_columns, (const char * const *) s->names, 0, NULL, '.',
                     guesses);
  for (int r = 0; r < SC_N_ROLES; r++)
    {
      const char *name = options->map[r];

      s->col[r] = -1;
      if (name != NULL && name[0] != '\0')
        {
          s->col[r] = source_find (s, name);
          if (s->col[r] < 0)
            {
              g_autofree char *have = g_strjoinv (", ", s->names);
              g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                           _("The column “%s” (%s) is not in the data; its columns are: %s."),
                           name, sc_column_role_to_label (r), have);
              return FALSE;
            }
        }
      else if (name == NULL)
        {
          for (int i = 0; i < s->n_columns; i++)
            if ((int) guesses[i].role == r)
              {
                s->col[r] = i;
                break;
              }
        }
    }
  return TRUE;
}

static gboolean
check_type (const Source  *s,
            ScColumnRole   role,
            gboolean       (*ok) (Oid),
            const char    *wanted,
            GError       **error)
{
  int c = s->col[role];

  if (c < 0 || ok (s->types[c]))
    return TRUE;
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
               /* Translators: "The column “paid” (Amount) holds text, not numbers" */
               _("The column “%s” (%s) holds the wrong type of values for its role: %s are "
                 "needed. Map another column, or convert it in a query."),
               s->names[c], sc_column_role_to_label (role), wanted);
  return FALSE;
}

/* @before, the role's column of the source quoted, @after. */
static gboolean
append_col (const Source  *s,
            GString       *out,
            ScColumnRole   role,
            const char    *before,
            const char    *after,
            GError       **error)
{
  const char *name = s->names[s->col[role]];

  g_string_append (out, before);
  g_string_append (out, "src.");
  if (!append_ident (s->conn, out, name, strlen (name), error))
    return FALSE;
  g_string_append (out, after);
  return TRUE;
}

/* Any fixed number: the hashes only tell a customer's orders apart. */
#define ORDER_HASH_SEED "1397050733"

/* The rows as c (text, compared byte by byte: sorting on it is a memcmp whatever the
 * database's collation), d (day number), a (float8), o (text, when mapped; with
 * @order_hashes instead h, its 64-bit hash, sc-pg-days.c), k (consent as text, when
 * mapped).  With @n_parts > 1 only the customers whose key hashes to @part
 * (sc-pg-pull.c). */
static GString *
source_rows (const Source  *s,
             guint          part,
             guint          n_parts,
             gboolean       order_hashes,
             GError       **error)
{
  g_autoptr(GString) q = g_string_new ("SELECT ");

  if (s->col[SC_ROLE_CUSTOMER] < 0 || s->col[SC_ROLE_DATE] < 0 ||
      (s->col[SC_ROLE_AMOUNT] < 0 &&
       (s->col[SC_ROLE_QUANTITY] < 0 || s->col[SC_ROLE_PRICE] < 0)))
    {
      g_autofree char *have = g_strjoinv (", ", s->names);
      g_set_error (error, SC_ERROR, SC_ERROR_MISSING_ROLE,
                   _("Say which columns hold the customer, the date and the amount (or quantity "
                     "and unit price) with --map ROLE=COLUMN; the columns are: %s."), have);
      return NULL;
    }
  if (!check_type (s, SC_ROLE_DATE, is_date_type, _("dates"), error) ||
      !check_type (s, SC_ROLE_AMOUNT, is_number_type, _("numbers"), error) ||
      !check_type (s, SC_ROLE_QUANTITY, is_number_type, _("numbers"), error) ||
      !check_type (s, SC_ROLE_PRICE, is_number_type, _("numbers"), error))
    return NULL;

  if (!append_col (s, q, SC_ROLE_CUSTOMER, "(", ")::text COLLATE \"C\" AS c", error) ||
      !append_col (s, q, SC_ROLE_DATE, ", ((", ")::date - DATE '1970-01-01')::int4 AS d",
                   error) ||
      (s->col[SC_ROLE_AMOUNT] >= 0
       ? !append_col (s, q, SC_ROLE_AMOUNT, ", (", ")::float8 AS a", error)
       : (!append_col (s, q, SC_ROLE_QUANTITY, ", (", ")::float8", error) ||
          !append_col (s, q, SC_ROLE_PRICE, " * (", ")::float8 AS a", error))) ||
      (s->col[SC_ROLE_ORDER] >= 0 &&
       !append_col (s, q, SC_ROLE_ORDER, order_hashes ? ", hashtextextended((" : ", (",
                    order_hashes ? ")::text COLLATE \"C\", " ORDER_HASH_SEED ") AS h"
                                 : ")::text AS o", error)) ||
      (s->col[SC_ROLE_CONSENT] >= 0 &&
       !append_col (s, q, SC_ROLE_CONSENT, ", (", ")::text AS k", error)))
    return NULL;
  g_string_append_printf (q, " FROM %s", s->from->str);
  /* The customer's part is chosen before the casts, which are then made only for its rows. */
  if (n_parts > 1 &&
      (!append_col (s, q, SC_ROLE_CUSTOMER, " WHERE coalesce(hashtext((",
                    ")::text COLLATE \"C\") & 2147483647, 0)", error)))
    return NULL;
  if (n_parts > 1)
    g_string_append_printf (q, " %% %u = %u", n_parts, part);
  /* OFFSET 0 keeps the server from pulling this subquery up into the queries over it, which
   * would compute a row's casts again at every use of its column: a numeric amount goes
   * to float8 through text, and the pull's aggregates name the amount a dozen times.  It
   * also keeps the plan serial, which the pull wants: each sum is then made in one order
   * (below), and the parallelism is the client's own (sc-pg-pull.c). */
  g_string_append (q, " OFFSET 0");
  return g_steal_pointer (&q);
}

/* }}} */
/* {{{ The aggregates, in binary */

/* The binary COPY format: a signature, flags and a header extension, then per row a field
 * count (int16, -1 after the last row) and per field a length (int32, -1 for NULL) and
 * the bytes in network order. */
static const char copy_signature[11] = "PGCOPY\n\377\r\n\0";

#define N_AGG_FIELDS 15

/* What every part's rows are read with (an ScPgPartFunc's data). */
typedef struct
{
  gboolean order_hashes;      /* the orders are counted from the days' hashes */
  double   recent_from;       /* the recent window's first day */
} Shape;

typedef struct
{
  const Shape *shape;
  GArray     *scratch;        /* _sc_pg_days_parse()'s */
  ScPgPull   *pull;
  ScPgGate   *gate;           /* passed before the first rows are kept */
  GByteArray *buf;            /* bytes not yet parsed */
  gboolean    header_done;
  gboolean    ended;
  ScProgressFunc progress;   /* NULL in all parts but the first */
  gpointer    progress_data;
  gint       *received;       /* customers received by all parts */
} Parser;

/* Room for @cap customers. */
static void
pull_reserve (ScPgPull *p,
              guint32   cap)
{
  p->first_day = g_renew (ScDay, p->first_day, cap);
  p->last_day = g_renew (ScDay, p->last_day, cap);
  p->n_orders = g_renew (guint32, p->n_orders, cap);
  p->n_purchase_days = g_renew (guint32, p->n_purchase_days, cap);
  p->n_rows = g_renew (guint32, p->n_rows, cap);
  p->recent_orders = g_renew (guint32, p->recent_orders, cap);
  p->monetary = g_renew (double, p->monetary, cap);
  p->returns = g_renew (double, p->returns, cap);
  p->repeat_spend = g_renew (double, p->repeat_spend, cap);
  p->value = g_renew (double, p->value, cap);
  p->recent_monetary = g_renew (double, p->recent_monetary, cap);
  p->consent = g_renew (gint8, p->consent, cap);
  p->cap = cap;
}

/* Room for the next customer: the expected number at first (sc-pg-pull.c), so that the
 * arrays are allocated once when the count is known; doubled when it is not, or was low. */
static void
pull_grow (ScPgPull *p)
{
  if (p->cap == 0 && p->expected > 0)
    pull_reserve (p, p->expected);
  else
    pull_reserve (p, p->cap <= G_MAXUINT32 / 2 ? MAX (p->cap * 2, 1024) : G_MAXUINT32);
}

static void
set_format_error (GError **error)
{
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
               _("The database server sent data of an unexpected shape. Check that the "
                 "columns of the query hold the types their roles need."));
}

/* One field: its bytes, or NULL for SQL NULL; FALSE when the row is not complete yet. */
typedef struct
{
  const guint8 *data;
  gint32        len;
} Field;

static double
field_double (const Field *f)
{
  return f->data != NULL ? _sc_pg_be_double (f->data) : 0.0;
}

static gint64
field_int (const Field *f)
{
  if (f->data == NULL)
    return 0;
  if (f->len == 8)
    return (gint64) _sc_pg_be64 (f->data);
  return (gint32) _sc_pg_be32 (f->data);
}

/* Lengths each field of the aggregate row must have: 0 for text and bytea, else the binary
 * size. */
static const gint32 field_len[N_AGG_FIELDS] = {
  0, 4, 4, 4, 4, 8, 8, 8, 8, 8, 0, 8, 8, 8, 0
};

static gboolean
parse_row (Parser        *p,
           const Field   *f,
           GError       **error)
{
  ScPgPull *pull = p->pull;
  guint32 i = pull->n;
  gboolean consent;
  ScPgDays days;

  for (guint k = 0; k < N_AGG_FIELDS; k++)
    if (f[k].data != NULL && field_len[k] != 0 && f[k].len != field_len[k])
      {
        set_format_error (error);
        return FALSE;
      }
  if (f[0].data == NULL || memchr (f[0].data, '\0', f[0].len) != NULL ||
      !_sc_pg_days_parse (f[10].data, f[10].len, p->shape->recent_from, p->scratch, &days))
    {
      set_format_error (error);
      return FALSE;
    }
  if (i == G_MAXUINT32 - 1)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The data names more customers than a project can hold."));
      return FALSE;
    }
  if (i == pull->cap)
    pull_grow (pull);

  g_string_append_len (pull->keys, (const char *) f[0].data, f[0].len);
  g_string_append_c (pull->keys, '\0');
  /* Purchase days first, then any row: as sc_aggregates_compute() falls back. */
  pull->first_day[i] = f[1].data != NULL ? (ScDay) field_int (&f[1]) : (ScDay) field_int (&f[3]);
  pull->last_day[i] = f[2].data != NULL ? (ScDay) field_int (&f[2]) : (ScDay) field_int (&f[4]);
  pull->n_orders[i] = p->shape->order_hashes ? days.n_orders
                                             : (guint32) MIN (field_int (&f[5]), G_MAXUINT32);
  pull->n_purchase_days[i] = (guint32) MIN (field_int (&f[6]), G_MAXUINT32);
  pull->n_rows[i] = (guint32) MIN (field_int (&f[7]), G_MAXUINT32);
  pull->monetary[i] = field_double (&f[8]);
  pull->returns[i] = field_double (&f[9]);
  pull->repeat_spend[i] = days.repeat_spend;
  pull->value[i] = field_double (&f[11]);
  pull->recent_monetary[i] = field_double (&f[12]);
  pull->recent_orders[i] = p->shape->order_hashes
                           ? days.recent_orders : (guint32) MIN (field_int (&f[13]), G_MAXUINT32);
  pull->consent[i] = -1;
  if (f[14].data != NULL)
    {
      g_autofree char *text = g_strndup ((const char *) f[14].data, f[14].len);
      if (sc_parse_bool (text, &consent))
        pull->consent[i] = consent ? 1 : 0;
    }
  pull->n++;
  if ((guint) g_atomic_int_add (p->received, 1) % 65536 == 0 && p->progress != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Receiving customers: %u"),
                                              (guint) g_atomic_int_get (p->received));
      p->progress (0.5, msg, p->progress_data);
    }
  return TRUE;
}

/* Parses every complete row in the buffer and keeps the rest for the next chunk. */
static gboolean
parse_chunk (const char  *data,
             int          len,
             gpointer     user_data,
             GError     **error)
{
  Parser *p = user_data;
  const guint8 *b;
  gsize n, pos = 0;

  if (p->gate != NULL)
    _sc_pg_gate_pass (g_steal_pointer (&p->gate));
  g_byte_array_append (p->buf, (const guint8 *) data, len);
  b = p->buf->data;
  n = p->buf->len;

  if (!p->header_done)
    {
      guint32 ext;

      if (n < 19)
        return TRUE;
      if (memcmp (b, copy_signature, sizeof copy_signature) != 0)
        {
          set_format_error (error);
          return FALSE;
        }
      ext = _sc_pg_be32 (b + 15);
      if (n < 19 + (gsize) ext)
        return TRUE;
      pos = 19 + ext;
      p->header_done = TRUE;
    }

  while (pos + 2 <= n && !p->ended)
    {
      gint16 count = (gint16) ((b[pos] << 8) | b[pos + 1]);
      Field f[N_AGG_FIELDS];
      gsize q = pos + 2;

      if (count == -1)
        {
          p->ended = TRUE;
          pos += 2;
          break;
        }
      if (count != N_AGG_FIELDS)
        {
          set_format_error (error);
          return FALSE;
        }
      for (int k = 0; k < N_AGG_FIELDS; k++)
        {
          gint32 flen;

          if (q + 4 > n)
            goto partial;
          flen = (gint32) _sc_pg_be32 (b + q);
          q += 4;
          if (flen < 0)
            {
              f[k].data = NULL;
              f[k].len = 0;
              continue;
            }
          if (q + (gsize) flen > n)
            goto partial;
          f[k].data = b + q;
          f[k].len = flen;
          q += flen;
        }
      if (!parse_row (p, f, error))
        return FALSE;
      pos = q;
    }
partial:
  g_byte_array_remove_range (p->buf, 0, pos);
  return TRUE;
}

static void
set_window (GString    *out,
            const char *name,
            double      value,
            GPtrArray  *params)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ptr_array_add (params, g_strdup (g_ascii_dtostr (buf, sizeof buf, value)));
  g_string_append_printf (out, "%sset_config('segments.%s', $%u, true)",
                          params->len > 1 ? ", " : "", name, params->len);
}

/* The per-customer figures over the rows r (valid ones only), in plain GROUP BYs over one
 * sort of the rows: no window function, no DISTINCT aggregate and no join.
 *
 * days: one row per customer and day, with whether it is a purchase day (any row of an
 * amount >= 0).  dc: those per customer; the figures of whole days (the value window and
 * the recent days start at a day boundary) add up as the rows would.  The purchase days
 * come as one bytea per customer of (day, net, the hashes of the day's purchase rows'
 * order ids), which the client reads (sc-pg-days.c): the spend of the repeat purchase days
 * is every net but the first day's (an exact zero stays exact, as the rows' sum was), and
 * when orders are mapped an order counts when it has a row of an amount >= 0, on its last
 * purchase day, and is recent when that day is.  Counting the orders here took a second
 * scan and a sort on (customer, order) merged back in.  Without order ids each row of an
 * amount >= 0 is an order, counted here.
 *
 * The consent is the latest day's non-empty value, the day number zero-padded before it so
 * that the largest pair is the latest day (its largest value on a tie).
 *
 * The customer key compares byte by byte, so the one sort on (customer, day) feeds both
 * levels, streaming, already in the order the rows are sent.  The filter on valid rows
 * hides from the planner how many groups there are; it would pick hash tables that spill to
 * disk, so the session turns them off (_sc_pg_pull_aggregates).  The window bounds come from
 * one-row subqueries, evaluated once. */
#define VALUE_AFTER "(SELECT current_setting('segments.value_after')::float8)"
#define RECENT_FROM "(SELECT current_setting('segments.recent_from')::float8)"

static void
append_pull_query (GString  *sql,
                   gboolean  orders,
                   gboolean  consent)
{
  g_string_append (sql,
    ", days AS (SELECT c, d, bool_or(a >= 0) AS p, count(*)::int4 AS n, sum(a) AS s, "
    "sum(-a) FILTER (WHERE a < 0) AS ng");
  g_string_append (sql, orders ? ", string_agg(int8send(h), ''::bytea) FILTER (WHERE a >= 0) AS hs"
                               : ", (count(*) FILTER (WHERE a >= 0))::int4 AS np");
  if (consent)
    g_string_append (sql, ", max(k) FILTER (WHERE k IS NOT NULL AND btrim(k) <> '') AS k");
  /* Sorted on the amount (and the order's hash) too, each day's sums add their rows in one
   * order whatever the table's physical order or the part the customer is pulled in: two
   * pulls of the same data send the same bytes. */
  g_string_append_printf (sql, " FROM (SELECT c, d, a%s%s FROM r ORDER BY c, d, a%s) AS rs "
                               "GROUP BY c, d), ",
                          orders ? ", h" : "", consent ? ", k" : "", orders ? ", h" : "");
  g_string_append_printf (sql,
    "dc AS (SELECT c, min(d) FILTER (WHERE p) AS fp, max(d) FILTER (WHERE p) AS lp, "
    "min(d) AS fa, max(d) AS la, count(*) FILTER (WHERE p) AS pd, sum(n) AS n, sum(s) AS m, "
    "coalesce(sum(ng), 0) AS ret, "
    "string_agg(int4send(d) || float8send(s) || int4send(%s)%s, ''::bytea) FILTER (WHERE p) "
    "AS ps, coalesce(sum(s) FILTER (WHERE d > " VALUE_AFTER "), 0) AS val, "
    "coalesce(sum(s) FILTER (WHERE d >= " RECENT_FROM "), 0) AS rec",
    orders ? "coalesce(octet_length(hs), 0) / 8" : "0",
    orders ? " || coalesce(hs, ''::bytea)" : "");
  if (!orders)
    g_string_append (sql, ", sum(np) AS no, "
                          "coalesce(sum(np) FILTER (WHERE d >= " RECENT_FROM "), 0) AS ro");
  if (consent)
    g_string_append (sql, ", (max(ARRAY[lpad((d::int8 + 2147483648)::text, 10, '0'), k] "
                          "COLLATE \"C\") FILTER (WHERE k IS NOT NULL))[2] AS k");
  g_string_append_printf (sql,
    " FROM days GROUP BY c) SELECT c, fp, lp, fa, la, %s, pd::int8, n::int8, m::float8, "
    "ret::float8, ps, val::float8, rec::float8, %s, %s FROM dc ORDER BY c",
    orders ? "NULL::int8" : "coalesce(no, 0)::int8",
    orders ? "NULL::int8" : "coalesce(ro, 0)::int8", consent ? "k" : "NULL::text");
}

/* Runs one part's COPY (append_pull_query over its rows) and parses it into @pull
 * (an ScPgPartFunc). */
static gboolean
pull_part (PGconn         *conn,
           const char     *sql,
           gconstpointer   shape,
           ScPgGate       *gate,
           ScPgPull       *pull,
           ScProgressFunc  progress,
           gpointer        progress_data,
           gint           *received,
           GCancellable   *cancellable,
           GError        **error)
{
  Parser parser = { 0 };
  gboolean ok;

  if (pull->keys == NULL)
    pull->keys = g_string_new (NULL);
  parser.shape = shape;
  parser.scratch = _sc_pg_days_scratch_new ();
  parser.pull = pull;
  parser.gate = gate;
  parser.buf = g_byte_array_new ();
  parser.progress = progress;
  parser.progress_data = progress_data;
  parser.received = received;
  ok = _sc_pg_copy_out (conn, sql, parse_chunk, &parser, cancellable, error);
  if (ok && (!parser.ended || parser.buf->len != 0))
    {
      set_format_error (error);
      ok = FALSE;
    }
  g_byte_array_unref (parser.buf);
  g_array_unref (parser.scratch);
  return ok;
}

/* For the transaction only: sorts rather than spilling hash tables (append_pull_query),
 * and no parallel workers (each part's plan is serial, sc-pg-pull.c).  The sort holds
 * every row, so it goes to disk at any size worth pushing down; what memory decides is how
 * many passes its merge takes: over 3.8M rows (then in two sorts) the default 4 MB wrote
 * 70,268 temporary blocks, 64 MB (and 256 MB alike) 35,049, one merge pass instead of two
 * (bench/RESULTS.md).  A larger setting of the server's is kept. */
#define PULL_SETTINGS \
  "SELECT set_config('enable_hashagg', 'off', true), " \
  "set_config('max_parallel_workers_per_gather', '0', true), " \
  "set_config('work_mem', CASE WHEN pg_size_bytes(current_setting('work_mem')) < " \
  "64 * 1024 * 1024 THEN '64MB' ELSE current_setting('work_mem') END, true)"

/**
 * _sc_pg_pull_aggregates:
 *
 * Connects, checks the mapping against the relation's columns and their types, and pulls
 * the per-customer figures, in parts at once (sc-pg-pull.c); @expected (0 when unknown) is
 * about how many customers there are, to size the arrays once.  @meanwhile (nullable) runs
 * while the server sums, before any of its rows are kept (sc-pg-pull.c).  Rows without a
 * customer, a date or an amount are counted and left out.
 *
 * Returns: (transfer full) (nullable): the figures, or %NULL with @error set
 */
ScPgPull *
_sc_pg_pull_aggregates (const ScPgOptions *options,
                        guint32            expected,
                        ScPgMeanwhileFunc  meanwhile,
                        gpointer           meanwhile_data,
                        ScProgressFunc     progress,
                        gpointer           progress_data,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(PGresult) res = NULL;
  g_autoptr(ScPgPull) pull = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) windows = g_string_new ("SELECT ");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) conns = g_ptr_array_new_with_free_func ((GDestroyNotify) PQfinish);
  g_autoptr(GPtrArray) sqls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bounds = g_ptr_array_new_with_free_func ((GDestroyNotify) PQclear);
  g_auto(Source) src = { 0 };
  /* NaN compares above every number in PostgreSQL: the bounds leave out NaN and ±∞. */
  const char *valid = "c IS NOT NULL AND d IS NOT NULL AND a > '-Infinity'::float8 "
                      "AND a < 'Infinity'::float8";
  PGconn *conn;
  ScPgTotals totals = { .first_any = G_MAXINT32, .last_any = G_MININT32 };
  Shape shape;
  guint n_parts = _sc_pg_pull_wanted_parts ();

  if (progress != NULL)
    progress (0.0, _("Connecting to the database"), progress_data);
  conn = _sc_pg_session_open (options->conninfo, cancellable, error);
  if (conn == NULL)
    return NULL;
  g_ptr_array_add (conns, conn);
  if (!source_open (&src, conn, options->orders_table, options->orders_query, cancellable,
                    error) ||
      !source_map (&src, options, SC_TABLE_TRANSACTIONS, error) ||
      !(res = _sc_pg_run (conn, PULL_SETTINGS, 0, NULL, PGRES_TUPLES_OK, cancellable, error)))
    return NULL;
  g_clear_pointer (&res, PQclear);
  if (n_parts > 1)
    {
      /* More sessions, each seeing what this one sees; a server that refuses one more
       * connection gets fewer parts. */
      g_autofree char *snapshot = NULL;
      g_autoptr(GError) local_error = NULL;

      res = _sc_pg_run (conn, "SELECT pg_export_snapshot()", 0, NULL, PGRES_TUPLES_OK,
                        cancellable, &local_error);
      if (res != NULL)
        snapshot = g_strdup (PQgetvalue (res, 0, 0));
      else if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      else
        {
          /* A server that cannot share its snapshot (a standby, another engine speaking
           * the protocol): one session, in a transaction not aborted by the attempt. */
          g_ptr_array_set_size (conns, 0);
          conn = _sc_pg_session_open (options->conninfo, cancellable, error);
          if (conn == NULL)
            return NULL;
          g_ptr_array_add (conns, conn);
          src.conn = conn;
          if (!(res = _sc_pg_run (conn, PULL_SETTINGS, 0, NULL, PGRES_TUPLES_OK, cancellable,
                                  error)))
            return NULL;
          n_parts = 1;
        }
      g_clear_pointer (&res, PQclear);
      for (guint i = 1; i < n_parts; i++)
        {
          g_autoptr(PGconn) more = _sc_pg_session_join (options->conninfo, snapshot,
                                                        cancellable, NULL);

          if (more == NULL ||
              !(res = _sc_pg_run (more, PULL_SETTINGS, 0, NULL, PGRES_TUPLES_OK, cancellable,
                                  NULL)))
            break;
          g_clear_pointer (&res, PQclear);
          g_ptr_array_add (conns, g_steal_pointer (&more));
        }
      n_parts = conns->len;
    }

  /* The whole data's bounds first, each part its own: the windows are counted back from
   * the last day. */
  if (progress != NULL)
    progress (0.1, _("The database server is summing the orders"), progress_data);
  for (guint i = 0; i < n_parts; i++)
    {
      g_autoptr(GString) rows = source_rows (&src, i, n_parts, TRUE, error);

      if (rows == NULL)
        return NULL;
      g_string_printf (sql, "SELECT count(*), count(*) FILTER (WHERE NOT (%s)), "
                            "min(d) FILTER (WHERE %s), max(d) FILTER (WHERE %s), "
                            "count(*) FILTER (WHERE %s AND a < 0) FROM (%s) AS r",
                       valid, valid, valid, valid, rows->str);
      g_ptr_array_add (sqls, g_strdup (sql->str));
      g_ptr_array_add (bounds, NULL);
    }
  if (!_sc_pg_query_parts ((PGconn **) conns->pdata, (const char * const *) sqls->pdata,
                           n_parts, (PGresult **) bounds->pdata, cancellable, error))
    return NULL;
  for (guint i = 0; i < n_parts; i++)
    {
      PGresult *b = g_ptr_array_index (bounds, i);

      totals.rows_read += g_ascii_strtoull (PQgetvalue (b, 0, 0), NULL, 10);
      totals.rows_skipped += g_ascii_strtoull (PQgetvalue (b, 0, 1), NULL, 10);
      totals.return_rows += g_ascii_strtoull (PQgetvalue (b, 0, 4), NULL, 10);
      if (!PQgetisnull (b, 0, 3))
        {
          totals.first_any = MIN (totals.first_any,
                                  (ScDay) strtol (PQgetvalue (b, 0, 2), NULL, 10));
          totals.last_any = MAX (totals.last_any, (ScDay) strtol (PQgetvalue (b, 0, 3), NULL, 10));
        }
    }
  g_ptr_array_set_size (sqls, 0);

  if (totals.last_any < totals.first_any)
    {
      totals.first_any = totals.last_any = 0;
      if (meanwhile != NULL && !meanwhile (meanwhile_data, cancellable, error))
        return NULL;
      pull = g_new0 (ScPgPull, 1);
      pull->keys = g_string_new (NULL);
    }
  else
    {
      set_window (windows, "value_after", totals.last_any - _sc_pushdown_value_window_days (),
                  params);
      shape.order_hashes = src.col[SC_ROLE_ORDER] >= 0;
      shape.recent_from = (double) totals.last_any + 1 - SC_PUSHDOWN_RECENT_DAYS;
      set_window (windows, "recent_from", shape.recent_from, params);
      for (guint i = 0; i < n_parts; i++)
        {
          g_autoptr(GString) rows = source_rows (&src, i, n_parts, TRUE, error);

          res = _sc_pg_run (g_ptr_array_index (conns, i), windows->str, (int) params->len,
                            (const char **) params->pdata, PGRES_TUPLES_OK, cancellable, error);
          if (res == NULL || rows == NULL)
            return NULL;
          g_clear_pointer (&res, PQclear);
          g_string_printf (sql, "COPY (WITH r AS NOT MATERIALIZED (SELECT * FROM (%s) AS r "
                                "WHERE %s)", rows->str, valid);
          append_pull_query (sql, src.col[SC_ROLE_ORDER] >= 0, src.col[SC_ROLE_CONSENT] >= 0);
          g_string_append (sql, ") TO STDOUT (FORMAT binary)");
          g_ptr_array_add (sqls, g_strdup (sql->str));
        }
      pull = _sc_pg_pull_parts ((PGconn **) conns->pdata, (const char * const *) sqls->pdata,
                                n_parts, expected, pull_part, &shape, meanwhile, meanwhile_data,
                                progress, progress_data, cancellable, error);
      if (pull == NULL)
        return NULL;
    }
  pull->totals = totals;
  /* The revenue of the valid rows, added per customer in the order they came. */
  for (guint32 i = 0; i < pull->n; i++)
    pull->totals.revenue += pull->monetary[i];
  _sc_pg_exec (conn, "COMMIT", cancellable, NULL);
  return g_steal_pointer (&pull);
}

/* }}} */
/* {{{ CSV copies */

static gboolean
write_chunk (const char  *data,
             int          len,
             gpointer     user_data,
             GError     **error)
{
  FILE *f = user_data;

  if (fwrite (data, 1, len, f) != (size_t) len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("A temporary file could not be written (is the disk full?)."));
      return FALSE;
    }
  return TRUE;
}

/**
 * _sc_pg_copy_csv:
 *
 * The customer list as it is, or the order rows in the shape the file importer reads
 * (customer, date, amount, order, consent), written as CSV with a header to @path.
 */
gboolean
_sc_pg_copy_csv (const ScPgOptions *options,
                 gboolean           customers,
                 const char        *path,
                 GCancellable      *cancellable,
                 GError           **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_auto(Source) src = { 0 };
  FILE *f;
  gboolean ok;

  conn = _sc_pg_session_open (options->conninfo, cancellable, error);
  if (conn == NULL ||
      !source_open (&src, conn, customers ? options->customers_table : options->orders_table,
                    customers ? options->customers_query : options->orders_query,
                    cancellable, error))
    return FALSE;
  if (customers)
    g_string_printf (sql, "COPY (SELECT * FROM %s) TO STDOUT (FORMAT csv, HEADER)",
                     src.from->str);
  else
    {
      g_autoptr(GString) rows = NULL;

      if (!source_map (&src, options, SC_TABLE_TRANSACTIONS, error) ||
          (rows = source_rows (&src, 0, 1, FALSE, error)) == NULL)
        return FALSE;
      g_string_printf (sql, "COPY (SELECT c AS customer, to_char(DATE '1970-01-01' + d, "
                            "'YYYY-MM-DD') AS date, a AS amount, %s AS order, %s AS consent "
                            "FROM (%s) AS r ORDER BY c, d) TO STDOUT (FORMAT csv, HEADER)",
                       src.col[SC_ROLE_ORDER] >= 0 ? "o" : "NULL",
                       src.col[SC_ROLE_CONSENT] >= 0 ? "k" : "NULL", rows->str);
    }

  f = fopen (path, "wb");
  if (f == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("A temporary file could not be written (is the disk full?)."));
      return FALSE;
    }
  ok = _sc_pg_copy_out (conn, sql->str, write_chunk, f, cancellable, error);
  if (fclose (f) != 0 && ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("A temporary file could not be written (is the disk full?)."));
      ok = FALSE;
    }
  if (ok)
    _sc_pg_exec (conn, "COMMIT", cancellable, NULL);
  return ok;
}

/* }}} */

#endif /* HAVE_LIBPQ */
