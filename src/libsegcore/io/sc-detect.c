/* sc-detect.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Proposes a role for each column of an import from its name and a sample of its values.
 *
 * Names decide first: each known name gives a role and a score (an exact "order_date" beats
 * a name that merely contains "date"), and a name only counts when the values agree with it
 * (an "amount" column of words is no amount).  For each role the best-scoring column wins.
 * Roles that names leave open are then filled from the values alone: the first date column,
 * the first non-integer numeric column as the amount, and id-like columns of high
 * cardinality as customer (and order) keys.  The result is a proposal: the import wizard
 * shows it and people correct it.
 */

#include "config.h"

#include "sc-contact.h"
#include "sc-detect.h"
#include "sc-value.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

typedef struct
{
  const char   *name;
  ScColumnRole  role;
  int           score;
} NameRule;

/* Names after normalisation: case folded, only letters and digits kept. */
static const NameRule exact_names[] = {
  { "customerid", SC_ROLE_CUSTOMER, 100 },
  { "customer", SC_ROLE_CUSTOMER, 95 },
  { "customerno", SC_ROLE_CUSTOMER, 100 },
  { "customernumber", SC_ROLE_CUSTOMER, 100 },
  { "customernr", SC_ROLE_CUSTOMER, 100 },
  { "customerkey", SC_ROLE_CUSTOMER, 100 },
  { "customercode", SC_ROLE_CUSTOMER, 100 },
  { "customerref", SC_ROLE_CUSTOMER, 100 },
  { "custid", SC_ROLE_CUSTOMER, 100 },
  { "cust", SC_ROLE_CUSTOMER, 90 },
  { "custno", SC_ROLE_CUSTOMER, 100 },
  { "custnumber", SC_ROLE_CUSTOMER, 100 },
  { "clientid", SC_ROLE_CUSTOMER, 100 },
  { "client", SC_ROLE_CUSTOMER, 90 },
  { "clientno", SC_ROLE_CUSTOMER, 100 },
  { "clientnumber", SC_ROLE_CUSTOMER, 100 },
  { "clientcode", SC_ROLE_CUSTOMER, 100 },
  { "accountid", SC_ROLE_CUSTOMER, 100 },
  { "account", SC_ROLE_CUSTOMER, 85 },
  { "accountno", SC_ROLE_CUSTOMER, 100 },
  { "accountnumber", SC_ROLE_CUSTOMER, 100 },
  { "accountcode", SC_ROLE_CUSTOMER, 100 },
  { "buyerid", SC_ROLE_CUSTOMER, 95 },
  { "buyer", SC_ROLE_CUSTOMER, 85 },
  { "userid", SC_ROLE_CUSTOMER, 90 },
  { "user", SC_ROLE_CUSTOMER, 80 },
  { "memberid", SC_ROLE_CUSTOMER, 95 },
  { "member", SC_ROLE_CUSTOMER, 80 },
  { "shopperid", SC_ROLE_CUSTOMER, 95 },
  { "contactid", SC_ROLE_CUSTOMER, 95 },
  { "consumerid", SC_ROLE_CUSTOMER, 95 },
  { "customeremail", SC_ROLE_CUSTOMER, 90 },
  { "buyeremail", SC_ROLE_CUSTOMER, 85 },
  { "email", SC_ROLE_CUSTOMER, 80 },
  { "emailaddress", SC_ROLE_CUSTOMER, 80 },
  { "mail", SC_ROLE_CUSTOMER, 70 },
  { "customername", SC_ROLE_CUSTOMER, 50 },
  { "clientname", SC_ROLE_CUSTOMER, 50 },
  { "accountname", SC_ROLE_CUSTOMER, 50 },

  { "orderid", SC_ROLE_ORDER, 100 },
  { "order", SC_ROLE_ORDER, 95 },
  { "orderno", SC_ROLE_ORDER, 100 },
  { "ordernumber", SC_ROLE_ORDER, 100 },
  { "ordernr", SC_ROLE_ORDER, 100 },
  { "orderref", SC_ROLE_ORDER, 100 },
  { "orderreference", SC_ROLE_ORDER, 100 },
  { "orderkey", SC_ROLE_ORDER, 100 },
  { "ordercode", SC_ROLE_ORDER, 100 },
  { "ordername", SC_ROLE_ORDER, 90 },
  { "invoice", SC_ROLE_ORDER, 95 },
  { "invoiceid", SC_ROLE_ORDER, 100 },
  { "invoiceno", SC_ROLE_ORDER, 100 },
  { "invoicenumber", SC_ROLE_ORDER, 100 },
  { "invoicenr", SC_ROLE_ORDER, 100 },
  { "invoiceref", SC_ROLE_ORDER, 100 },
  { "transactionid", SC_ROLE_ORDER, 100 },
  { "transaction", SC_ROLE_ORDER, 90 },
  { "transactionno", SC_ROLE_ORDER, 100 },
  { "transactionnumber", SC_ROLE_ORDER, 100 },
  { "txnid", SC_ROLE_ORDER, 100 },
  { "txn", SC_ROLE_ORDER, 90 },
  { "receipt", SC_ROLE_ORDER, 90 },
  { "receiptid", SC_ROLE_ORDER, 100 },
  { "receiptno", SC_ROLE_ORDER, 100 },
  { "receiptnumber", SC_ROLE_ORDER, 100 },
  { "purchaseid", SC_ROLE_ORDER, 100 },
  { "saleid", SC_ROLE_ORDER, 100 },
  { "salesid", SC_ROLE_ORDER, 100 },
  { "salesorder", SC_ROLE_ORDER, 95 },
  { "salesorderid", SC_ROLE_ORDER, 100 },
  { "salesordernumber", SC_ROLE_ORDER, 100 },
  { "documentno", SC_ROLE_ORDER, 80 },
  { "docno", SC_ROLE_ORDER, 80 },
  { "bookingid", SC_ROLE_ORDER, 95 },
  { "bookingref", SC_ROLE_ORDER, 95 },
  { "basketid", SC_ROLE_ORDER, 90 },
  { "cartid", SC_ROLE_ORDER, 90 },

  { "orderdate", SC_ROLE_DATE, 100 },
  { "date", SC_ROLE_DATE, 95 },
  { "invoicedate", SC_ROLE_DATE, 100 },
  { "createdat", SC_ROLE_DATE, 95 },
  { "created", SC_ROLE_DATE, 90 },
  { "createddate", SC_ROLE_DATE, 90 },
  { "createdon", SC_ROLE_DATE, 90 },
  { "datecreated", SC_ROLE_DATE, 90 },
  { "creationdate", SC_ROLE_DATE, 90 },
  { "purchasedate", SC_ROLE_DATE, 100 },
  { "purchasedat", SC_ROLE_DATE, 100 },
  { "purchasedon", SC_ROLE_DATE, 100 },
  { "dateofpurchase", SC_ROLE_DATE, 100 },
  { "timestamp", SC_ROLE_DATE, 85 },
  { "transactiondate", SC_ROLE_DATE, 100 },
  { "transactiontime", SC_ROLE_DATE, 95 },
  { "transactiondatetime", SC_ROLE_DATE, 100 },
  { "txndate", SC_ROLE_DATE, 100 },
  { "orderdatetime", SC_ROLE_DATE, 100 },
  { "ordertime", SC_ROLE_DATE, 95 },
  { "orderedat", SC_ROLE_DATE, 100 },
  { "orderedon", SC_ROLE_DATE, 100 },
  { "orderplaced", SC_ROLE_DATE, 95 },
  { "placedat", SC_ROLE_DATE, 95 },
  { "datetime", SC_ROLE_DATE, 90 },
  { "saledate", SC_ROLE_DATE, 100 },
  { "salesdate", SC_ROLE_DATE, 100 },
  { "bookingdate", SC_ROLE_DATE, 95 },
  { "billingdate", SC_ROLE_DATE, 85 },
  { "documentdate", SC_ROLE_DATE, 85 },
  { "paymentdate", SC_ROLE_DATE, 80 },
  { "paidat", SC_ROLE_DATE, 80 },
  { "processedat", SC_ROLE_DATE, 80 },
  { "day", SC_ROLE_DATE, 80 },
  { "time", SC_ROLE_DATE, 60 },

  { "amount", SC_ROLE_AMOUNT, 100 },
  { "total", SC_ROLE_AMOUNT, 100 },
  { "revenue", SC_ROLE_AMOUNT, 100 },
  { "sales", SC_ROLE_AMOUNT, 95 },
  { "net", SC_ROLE_AMOUNT, 90 },
  { "value", SC_ROLE_AMOUNT, 90 },
  { "ordertotal", SC_ROLE_AMOUNT, 100 },
  { "orderamount", SC_ROLE_AMOUNT, 100 },
  { "ordervalue", SC_ROLE_AMOUNT, 100 },
  { "totalamount", SC_ROLE_AMOUNT, 100 },
  { "totalprice", SC_ROLE_AMOUNT, 95 },
  { "totalvalue", SC_ROLE_AMOUNT, 95 },
  { "totalsales", SC_ROLE_AMOUNT, 95 },
  { "totalspend", SC_ROLE_AMOUNT, 95 },
  { "netamount", SC_ROLE_AMOUNT, 100 },
  { "netsales", SC_ROLE_AMOUNT, 100 },
  { "netrevenue", SC_ROLE_AMOUNT, 100 },
  { "nettotal", SC_ROLE_AMOUNT, 100 },
  { "netvalue", SC_ROLE_AMOUNT, 95 },
  { "grossamount", SC_ROLE_AMOUNT, 90 },
  { "grosssales", SC_ROLE_AMOUNT, 90 },
  { "grossrevenue", SC_ROLE_AMOUNT, 90 },
  { "gross", SC_ROLE_AMOUNT, 85 },
  { "linetotal", SC_ROLE_AMOUNT, 95 },
  { "invoiceamount", SC_ROLE_AMOUNT, 100 },
  { "invoicetotal", SC_ROLE_AMOUNT, 100 },
  { "transactionamount", SC_ROLE_AMOUNT, 100 },
  { "transactionvalue", SC_ROLE_AMOUNT, 100 },
  { "saleamount", SC_ROLE_AMOUNT, 100 },
  { "salesamount", SC_ROLE_AMOUNT, 100 },
  { "spend", SC_ROLE_AMOUNT, 90 },
  { "payment", SC_ROLE_AMOUNT, 85 },
  { "paymentamount", SC_ROLE_AMOUNT, 95 },
  { "amountpaid", SC_ROLE_AMOUNT, 95 },
  { "sum", SC_ROLE_AMOUNT, 80 },
  { "subtotal", SC_ROLE_AMOUNT, 80 },

  { "quantity", SC_ROLE_QUANTITY, 100 },
  { "qty", SC_ROLE_QUANTITY, 100 },
  { "units", SC_ROLE_QUANTITY, 95 },
  { "unitssold", SC_ROLE_QUANTITY, 100 },
  { "quantityordered", SC_ROLE_QUANTITY, 100 },
  { "orderedquantity", SC_ROLE_QUANTITY, 100 },
  { "qtyordered", SC_ROLE_QUANTITY, 100 },
  { "lineitemquantity", SC_ROLE_QUANTITY, 100 },
  { "items", SC_ROLE_QUANTITY, 80 },
  { "itemcount", SC_ROLE_QUANTITY, 85 },
  { "numberofitems", SC_ROLE_QUANTITY, 85 },
  { "numitems", SC_ROLE_QUANTITY, 85 },
  { "pieces", SC_ROLE_QUANTITY, 85 },
  { "pcs", SC_ROLE_QUANTITY, 85 },
  { "count", SC_ROLE_QUANTITY, 60 },

  { "unitprice", SC_ROLE_PRICE, 100 },
  { "price", SC_ROLE_PRICE, 95 },
  { "priceeach", SC_ROLE_PRICE, 100 },
  { "priceperunit", SC_ROLE_PRICE, 100 },
  { "itemprice", SC_ROLE_PRICE, 100 },
  { "lineitemprice", SC_ROLE_PRICE, 100 },
  { "unitamount", SC_ROLE_PRICE, 90 },
  { "saleprice", SC_ROLE_PRICE, 90 },
  { "sellingprice", SC_ROLE_PRICE, 90 },
  { "listprice", SC_ROLE_PRICE, 60 },
  { "rate", SC_ROLE_PRICE, 50 },

  { "cost", SC_ROLE_COST, 100 },
  { "linecost", SC_ROLE_COST, 100 },
  { "totalcost", SC_ROLE_COST, 95 },
  { "unitcost", SC_ROLE_COST, 95 },
  { "costprice", SC_ROLE_COST, 95 },
  { "cogs", SC_ROLE_COST, 100 },
  { "costofgoods", SC_ROLE_COST, 100 },
  { "costofgoodssold", SC_ROLE_COST, 100 },
  { "margin", SC_ROLE_MARGIN, 95 },
  { "marginpercent", SC_ROLE_MARGIN, 100 },
  { "marginpct", SC_ROLE_MARGIN, 100 },
  { "grossmargin", SC_ROLE_MARGIN, 95 },

  { "consent", SC_ROLE_CONSENT, 100 },
  { "optin", SC_ROLE_CONSENT, 100 },
  { "marketingconsent", SC_ROLE_CONSENT, 100 },
  { "emailconsent", SC_ROLE_CONSENT, 100 },
  { "gdpr", SC_ROLE_CONSENT, 95 },
  { "gdprconsent", SC_ROLE_CONSENT, 100 },
  { "subscribed", SC_ROLE_CONSENT, 95 },
  { "emailsubscribed", SC_ROLE_CONSENT, 95 },
  { "subscriber", SC_ROLE_CONSENT, 85 },
  { "newsletter", SC_ROLE_CONSENT, 85 },
  { "newsletteroptin", SC_ROLE_CONSENT, 100 },
  { "acceptsmarketing", SC_ROLE_CONSENT, 100 },
  { "acceptsemailmarketing", SC_ROLE_CONSENT, 100 },
  { "emailoptin", SC_ROLE_CONSENT, 100 },
  { "marketingoptin", SC_ROLE_CONSENT, 100 },
  { "optedin", SC_ROLE_CONSENT, 100 },
  { "marketingoptedin", SC_ROLE_CONSENT, 100 },
  { "marketingpermission", SC_ROLE_CONSENT, 95 },
  { "allowmarketing", SC_ROLE_CONSENT, 95 },
  { "marketingallowed", SC_ROLE_CONSENT, 95 },
  { "emailmarketing", SC_ROLE_CONSENT, 80 },
  { "consentgiven", SC_ROLE_CONSENT, 100 },
  { "permission", SC_ROLE_CONSENT, 60 },
  { "contactable", SC_ROLE_CONSENT, 60 },

  /* interactions */
  { "type", SC_ROLE_TYPE, 95 },
  { "interactiontype", SC_ROLE_TYPE, 100 },
  { "eventtype", SC_ROLE_TYPE, 100 },
  { "event", SC_ROLE_TYPE, 90 },
  { "eventname", SC_ROLE_TYPE, 95 },
  { "activity", SC_ROLE_TYPE, 85 },
  { "activitytype", SC_ROLE_TYPE, 100 },
  { "action", SC_ROLE_TYPE, 85 },
  { "interaction", SC_ROLE_TYPE, 90 },
  { "channel", SC_ROLE_CHANNEL, 100 },
  { "medium", SC_ROLE_CHANNEL, 85 },
  { "source", SC_ROLE_CHANNEL, 70 },
  { "eventdate", SC_ROLE_DATE, 100 },
  { "interactiondate", SC_ROLE_DATE, 100 },
  { "timestamp", SC_ROLE_DATE, 90 },
};

typedef struct
{
  guint          n_present;
  guint          n_int;
  guint          n_num;
  guint          n_boolword;
  guint          n_01;
  guint          n_idlike;
  guint          n_leading_zero;
  guint          n_hash_number;   /* "#1001", Shopify's order names */
  guint          n_email;         /* valid e-mail addresses */
  ScDateSniffer  dates;
  GHashTable    *distinct;
  ScColumnRole   name_role;
  int            name_score;
  gboolean       weak;            /* the values do not fit the name's role */
  gboolean       assigned;
} ColumnStats;

/* Case folded, with everything but letters and digits dropped: "Customer ID",
 * "customer_id" and "CustomerID" all become "customerid". */
static char *
normalize_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return strstr (haystack, needle) != NULL;
}

static gboolean
ends_with_key_word (const char *s)
{
  static const char * const suffixes[] = { "id", "no", "nr", "number", "num", "key", "code", "ref" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (s, suffixes[i]))
      return TRUE;
  return FALSE;
}

static void
role_from_name (const char   *header,
                ScTableKind   kind,
                ScColumnRole *role,
                int          *score)
{
  g_autofree char *n = NULL;

  *role = SC_ROLE_IGNORE;
  *score = 0;
  if (header == NULL)
    return;
  n = normalize_name (header);
  if (*n == '\0')
    return;

  for (guint i = 0; i < G_N_ELEMENTS (exact_names); i++)
    if (strcmp (n, exact_names[i].name) == 0)
      {
        *role = exact_names[i].role;
        *score = exact_names[i].score;
        return;
      }

  /* "Id" is the order in a shop's order export and the customer in a customer list. */
  if (strcmp (n, "id") == 0)
    {
      *role = kind == SC_TABLE_CUSTOMERS ? SC_ROLE_CUSTOMER : SC_ROLE_ORDER;
      *score = 40;
      return;
    }

  /* Names that only contain a keyword; the order of the tests matters ("total quantity"
   * is a quantity, "discount amount" no amount). */
  if (contains (n, "quantity") || contains (n, "qty"))
    {
      *role = SC_ROLE_QUANTITY;
      *score = 60;
    }
  else if (contains (n, "consent") || contains (n, "optin") || contains (n, "optedin"))
    {
      *role = SC_ROLE_CONSENT;
      *score = 60;
    }
  else if ((contains (n, "customer") || contains (n, "client")) && ends_with_key_word (n))
    {
      *role = SC_ROLE_CUSTOMER;
      *score = 70;
    }
  else if ((contains (n, "order") || contains (n, "invoice") || contains (n, "transaction")) &&
           ends_with_key_word (n))
    {
      *role = SC_ROLE_ORDER;
      *score = 70;
    }
  else if (contains (n, "unitprice") || (contains (n, "price") && !contains (n, "total")))
    {
      *role = SC_ROLE_PRICE;
      *score = 50;
    }
  else if ((contains (n, "amount") || contains (n, "total") || contains (n, "revenue")) &&
           !contains (n, "discount") && !contains (n, "tax") && !contains (n, "shipping") &&
           !contains (n, "refund") && !contains (n, "fee"))
    {
      *role = SC_ROLE_AMOUNT;
      *score = 50;
    }
  else if (contains (n, "date"))
    {
      *role = SC_ROLE_DATE;
      *score = 50;
    }
  else if (g_str_has_suffix (n, "at") || g_str_has_suffix (n, "time"))
    {
      /* "Fulfilled at", "Cancelled at": a date, but rarely the order date. */
      *role = SC_ROLE_DATE;
      *score = 30;
    }
}

static gboolean
is_id_like (const char *s)
{
  gboolean digit = FALSE;
  gsize len = 0;

  for (const char *p = s; *p; p++, len++)
    {
      if (g_ascii_isspace (*p))
        return FALSE;
      if (g_ascii_isdigit (*p) || *p == '@')
        digit = TRUE;
    }
  return digit && len > 0 && len <= 64;
}

static void
collect_stats (ColumnStats *st,
               guint        col,
               guint        n_rows,
               const char * const * const *rows,
               char         decimal_mark,
               guint       *n_missing)
{
  st->distinct = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_rows; i++)
    {
      const char *s = rows[i][col];
      double v;
      gboolean b;

      if (s == NULL || sc_value_is_missing (s))
        {
          (*n_missing)++;
          continue;
        }
      st->n_present++;
      g_hash_table_add (st->distinct, (gpointer) s);
      sc_date_sniffer_add (&st->dates, s);

      if (sc_parse_number (s, decimal_mark, &v))
        {
          if (v == floor (v) && strchr (s, decimal_mark) == NULL && strpbrk (s, "eE") == NULL)
            st->n_int++;
          else
            st->n_num++;
          if (s[0] == '0' && g_ascii_isdigit (s[1]))
            st->n_leading_zero++;
        }
      if (sc_parse_bool (s, &b))
        {
          if (strcmp (s, "0") == 0 || strcmp (s, "1") == 0)
            st->n_01++;
          else
            st->n_boolword++;
        }
      if (is_id_like (s))
        st->n_idlike++;
      if (s[0] == '#' && g_ascii_isdigit (s[1]))
        st->n_hash_number++;
      if (strchr (s, '@') != NULL && sc_email_looks_valid (s))
        st->n_email++;
    }
}

/* Whether at least @percent % of @n values are @k. */
static inline gboolean
share (guint64 k,
       guint64 n,
       guint   percent)
{
  return 100 * k >= percent * n;
}

/* A column whose name suggests a role needs only a majority of fitting values (a date
 * column with one impossible date is still the date column, and its bad rows are reported
 * at import); any other column needs nine in ten. */
static ScValueKind
decide_kind (const ColumnStats *st,
             ScColumnRole       name_role)
{
  guint v = st->n_present;
  guint64 date_ok = st->dates.n - st->dates.bad;
  guint64 numeric = st->n_int + st->n_num;
  gboolean numeric_name = name_role == SC_ROLE_AMOUNT || name_role == SC_ROLE_QUANTITY ||
                          name_role == SC_ROLE_PRICE || name_role == SC_ROLE_COST ||
                          name_role == SC_ROLE_MARGIN;

  if (v == 0)
    return SC_VALUE_EMPTY;
  /* Eight digits read as a date only in a column that is called one; otherwise they are
   * more likely numbers that happen to fit ("20231215" as an invoice number). */
  if (name_role == SC_ROLE_DATE ? 2 * date_ok > v
                                : share (date_ok, v, 90) && st->dates.yyyymmdd < date_ok)
    return SC_VALUE_DATE;
  if (name_role == SC_ROLE_CONSENT ? 2 * (st->n_boolword + st->n_01) > v
                                   : st->n_boolword > 0 && share (st->n_boolword + st->n_01, v, 90))
    return SC_VALUE_BOOL;
  if ((numeric_name ? 2 * numeric > v : share (numeric, v, 90)) && st->n_leading_zero == 0)
    return st->n_num > 0 ? SC_VALUE_NUMBER : SC_VALUE_INTEGER;
  return SC_VALUE_TEXT;
}

/* Whether the values allow the role that the name suggests. */
static gboolean
kind_fits_role (const ColumnStats *st,
                ScValueKind        kind,
                ScColumnRole       role)
{
  if (kind == SC_VALUE_EMPTY)
    return TRUE;

  switch (role)
    {
    case SC_ROLE_DATE:
      return kind == SC_VALUE_DATE;
    case SC_ROLE_AMOUNT:
    case SC_ROLE_QUANTITY:
    case SC_ROLE_PRICE:
    case SC_ROLE_COST:
    case SC_ROLE_MARGIN:
      return kind == SC_VALUE_INTEGER || kind == SC_VALUE_NUMBER;
    case SC_ROLE_CONSENT:
      return kind == SC_VALUE_BOOL || 2 * (st->n_boolword + st->n_01) > st->n_present;
    case SC_ROLE_CUSTOMER:
    case SC_ROLE_ORDER:
      return kind != SC_VALUE_DATE && kind != SC_VALUE_BOOL;
    case SC_ROLE_IGNORE:
    case SC_ROLE_ATTRIBUTE:
    default:
      return TRUE;
    }
}

/* A key column: values without spaces that carry digits (or are e-mail addresses), with
 * many different values. */
static gboolean
is_key_column (const ColumnStats   *st,
               const ScColumnGuess *g)
{
  if (g->kind != SC_VALUE_TEXT && g->kind != SC_VALUE_INTEGER)
    return FALSE;
  if (st->n_present == 0 || !share (st->n_idlike, st->n_present, 90))
    return FALSE;
  if (st->n_present >= 2 && g->n_distinct < 2)
    return FALSE;
  return 10 * g->n_distinct >= st->n_present;
}

static int
best_column_for_role (const ColumnStats *stats,
                      guint              n_columns,
                      ScColumnRole       role,
                      gboolean           weak)
{
  int best = -1;

  for (guint j = 0; j < n_columns; j++)
    if (!stats[j].assigned && stats[j].name_role == role && stats[j].weak == weak &&
        (best < 0 || stats[j].name_score > stats[best].name_score))
      best = (int) j;
  return best;
}

static void
assign (ColumnStats   *stats,
        ScColumnGuess *guesses,
        int           *role_column,
        int            j,
        ScColumnRole   role)
{
  if (j < 0 || role_column[role] >= 0 || stats[j].assigned)
    return;
  role_column[role] = j;
  stats[j].assigned = TRUE;
  guesses[j].role = role;
}

/* The columns whose names suggest a role, for the roles still open; @weak: those whose
 * values do not fit, which still beat having no column at all: importing then says which
 * rows are wrong, rather than that the column is missing. */
static void
assign_by_name (ColumnStats        *stats,
                ScColumnGuess      *guesses,
                guint               n_columns,
                int                *role_column,
                const ScColumnRole *roles,
                guint               n_roles,
                gboolean            weak)
{
  for (guint k = 0; k < n_roles; k++)
    {
      /* an amount makes quantity × unit price unnecessary, and the reverse */
      if (roles[k] == SC_ROLE_AMOUNT &&
          role_column[SC_ROLE_QUANTITY] >= 0 && role_column[SC_ROLE_PRICE] >= 0)
        continue;
      if (role_column[roles[k]] < 0)
        assign (stats, guesses, role_column,
                best_column_for_role (stats, n_columns, roles[k], weak), roles[k]);
    }
}

/* Whether column @j, the cost column, holds a cost per unit ("Unit cost"). */
static gboolean
is_unit_cost (const char * const *header,
              int                 j)
{
  g_autofree char *n = NULL;

  if (header == NULL || j < 0 || header[j] == NULL)
    return FALSE;
  n = normalize_name (header[j]);
  return contains (n, "unit") || strcmp (n, "costprice") == 0;
}

/* The contact role a customer-list column's name suggests: e-mail, phone or name. */
static ScColumnRole
contact_role_from_name (const char *header)
{
  static const char * const emails[] = {
    "email", "emailaddress", "mail", "customeremail", "contactemail", "workemail",
  };
  static const char * const phones[] = {
    "phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "mobilenumber",
    "cell", "cellphone", "contactphone",
  };
  static const char * const names[] = {
    "name", "fullname", "customername", "contactname", "clientname",
  };
  g_autofree char *n = header != NULL ? normalize_name (header) : NULL;

  if (n == NULL)
    return SC_ROLE_IGNORE;
  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    if (strcmp (n, emails[i]) == 0)
      return SC_ROLE_EMAIL;
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    if (strcmp (n, phones[i]) == 0)
      return SC_ROLE_PHONE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (n, names[i]) == 0)
      return SC_ROLE_NAME;
  return SC_ROLE_IGNORE;
}

/* Contact columns of a customer list, among the columns no other role took: by name (an
 * e-mail column only when most of its values are addresses), then, for the e-mail, a column
 * of addresses whatever its name. */
static void
assign_contacts (ColumnStats         *stats,
                 ScColumnGuess       *guesses,
                 guint                n_columns,
                 int                 *role_column,
                 const char * const  *header)
{
  for (guint j = 0; j < n_columns; j++)
    {
      ScColumnRole role;

      if (stats[j].assigned || guesses[j].kind == SC_VALUE_EMPTY)
        continue;
      role = contact_role_from_name (header != NULL ? header[j] : NULL);
      if (role == SC_ROLE_EMAIL && 2 * stats[j].n_email <= stats[j].n_present)
        continue;
      if (role != SC_ROLE_IGNORE)
        assign (stats, guesses, role_column, (int) j, role);
    }
  for (guint j = 0; j < n_columns && role_column[SC_ROLE_EMAIL] < 0; j++)
    if (!stats[j].assigned && stats[j].n_present > 0 &&
        share (stats[j].n_email, stats[j].n_present, 90))
      assign (stats, guesses, role_column, (int) j, SC_ROLE_EMAIL);
}

/* The unassigned key column with the most distinct values, or -1. */
static int
most_distinct_key (ColumnStats         *stats,
                   const ScColumnGuess *guesses,
                   guint                n_columns)
{
  int best = -1;

  for (guint j = 0; j < n_columns; j++)
    if (!stats[j].assigned && is_key_column (&stats[j], &guesses[j]) &&
        (best < 0 || guesses[j].n_distinct > guesses[best].n_distinct))
      best = j;
  return best;
}

/* An interactions file: names first, then the first date column, the most distinct key
 * column as the customer, and a text column with few distinct values as the type. */
static void
detect_interactions (ColumnStats        *stats,
                     ScColumnGuess      *guesses,
                     guint               n_columns,
                     int                *role_column,
                     const ScColumnRole *roles,
                     guint               n_roles)
{
  if (role_column[SC_ROLE_DATE] < 0)
    for (guint j = 0; j < n_columns; j++)
      if (!stats[j].assigned && guesses[j].kind == SC_VALUE_DATE)
        {
          assign (stats, guesses, role_column, j, SC_ROLE_DATE);
          break;
        }
  if (role_column[SC_ROLE_CUSTOMER] < 0)
    assign (stats, guesses, role_column, most_distinct_key (stats, guesses, n_columns),
            SC_ROLE_CUSTOMER);
  if (role_column[SC_ROLE_TYPE] < 0)
    for (guint j = 0; j < n_columns; j++)
      if (!stats[j].assigned && guesses[j].kind == SC_VALUE_TEXT && guesses[j].n_distinct > 0 &&
          guesses[j].n_distinct <= 50)
        {
          assign (stats, guesses, role_column, j, SC_ROLE_TYPE);
          break;
        }
  assign_by_name (stats, guesses, n_columns, role_column, roles, n_roles, TRUE);
}

/**
 * sc_detect_columns:
 * @kind: what the file holds
 * @n_columns: the number of columns
 * @header: (array length=n_columns) (nullable): column names, or %NULL without a header
 * @n_rows: the number of sample rows
 * @rows: (array length=n_rows): sample rows, each with @n_columns strings (%NULL = missing)
 * @decimal_mark: '.' or ','
 * @guesses: (out caller-allocates) (array length=n_columns): the proposal per column
 *
 * Proposes a role for each column from its name (matched ignoring case, spaces,
 * underscores and dashes) and from its values, and describes the values.
 *
 * For %SC_TABLE_TRANSACTIONS, at most one column gets each of the customer, order, date,
 * amount, quantity, price, cost and margin roles; with an amount, quantity and unit price are
 * not needed and are ignored like every other column (a quantity stays when a cost column
 * needs it: the cost is then per unit).  For %SC_TABLE_CUSTOMERS, one column is the
 * customer, at most one the consent, at most one each the e-mail address, the phone number
 * and the name (contact fields), and every other column an attribute.
 */
void
sc_detect_columns (ScTableKind                  kind,
                   guint                        n_columns,
                   const char * const          *header,
                   guint                        n_rows,
                   const char * const * const  *rows,
                   char                         decimal_mark,
                   ScColumnGuess               *guesses)
{
  static const ScColumnRole transaction_roles[] = {
    SC_ROLE_CUSTOMER, SC_ROLE_ORDER, SC_ROLE_DATE, SC_ROLE_AMOUNT, SC_ROLE_QUANTITY,
    SC_ROLE_PRICE, SC_ROLE_COST, SC_ROLE_MARGIN,
  };
  static const ScColumnRole customer_roles[] = { SC_ROLE_CUSTOMER, SC_ROLE_CONSENT };
  static const ScColumnRole interaction_roles[] = {
    SC_ROLE_CUSTOMER, SC_ROLE_DATE, SC_ROLE_TYPE, SC_ROLE_AMOUNT, SC_ROLE_CHANNEL,
  };
  const ScColumnRole *roles;
  guint n_roles;
  ColumnStats *stats;
  int role_column[SC_ROLE_ATTRIBUTE + 1];

  g_return_if_fail (n_columns == 0 || guesses != NULL);
  g_return_if_fail (n_rows == 0 || rows != NULL);
  g_return_if_fail (decimal_mark == '.' || decimal_mark == ',');

  if (kind == SC_TABLE_CUSTOMERS)
    {
      roles = customer_roles;
      n_roles = G_N_ELEMENTS (customer_roles);
    }
  else if (kind == SC_TABLE_INTERACTIONS)
    {
      roles = interaction_roles;
      n_roles = G_N_ELEMENTS (interaction_roles);
    }
  else
    {
      roles = transaction_roles;
      n_roles = G_N_ELEMENTS (transaction_roles);
    }
  for (guint r = 0; r < G_N_ELEMENTS (role_column); r++)
    role_column[r] = -1;

  stats = g_new0 (ColumnStats, n_columns);
  for (guint j = 0; j < n_columns; j++)
    {
      ScColumnGuess *g = &guesses[j];
      ColumnStats *st = &stats[j];

      memset (g, 0, sizeof *g);
      role_from_name (header ? header[j] : NULL, kind, &st->name_role, &st->name_score);
      collect_stats (st, j, n_rows, rows, decimal_mark, &g->n_missing);
      g->n_distinct = g_hash_table_size (st->distinct);
      g->kind = decide_kind (st, st->name_role);
      g->date_order = g->kind == SC_VALUE_DATE ? sc_date_sniffer_result (&st->dates)
                                               : SC_DATE_ORDER_AUTO;
      g->role = SC_ROLE_IGNORE;

      /* Shopify's "Name" holds the order name, "#1001". */
      if (st->name_role == SC_ROLE_IGNORE && header != NULL && header[j] != NULL &&
          g_ascii_strcasecmp (header[j], "name") == 0 && st->n_present > 0 &&
          share (st->n_hash_number, st->n_present, 90) && kind == SC_TABLE_TRANSACTIONS)
        {
          st->name_role = SC_ROLE_ORDER;
          st->name_score = 60;
        }

      st->weak = !kind_fits_role (st, g->kind, st->name_role);
    }

  /* By name: the best-scoring column per role, the leftmost among equals. */
  assign_by_name (stats, guesses, n_columns, role_column, roles, n_roles, FALSE);

  /* By content, for what the names left open. */
  if (kind == SC_TABLE_INTERACTIONS)
    detect_interactions (stats, guesses, n_columns, role_column, roles, n_roles);
  else if (kind == SC_TABLE_TRANSACTIONS)
    {
      if (role_column[SC_ROLE_DATE] < 0)
        for (guint j = 0; j < n_columns; j++)
          if (!stats[j].assigned && guesses[j].kind == SC_VALUE_DATE)
            {
              assign (stats, guesses, role_column, j, SC_ROLE_DATE);
              break;
            }

      if (role_column[SC_ROLE_AMOUNT] < 0 &&
          (role_column[SC_ROLE_QUANTITY] < 0 || role_column[SC_ROLE_PRICE] < 0))
        for (guint j = 0; j < n_columns; j++)
          if (!stats[j].assigned && guesses[j].kind == SC_VALUE_NUMBER)
            {
              assign (stats, guesses, role_column, j, SC_ROLE_AMOUNT);
              break;
            }

      if (role_column[SC_ROLE_CUSTOMER] < 0)
        {
          int keys[2] = { -1, -1 };

          /* The two key columns with the most distinct values.  Order ids are (nearly)
           * unique per row; customers repeat, so the less distinct one is the customer. */
          for (guint j = 0; j < n_columns; j++)
            {
              if (stats[j].assigned || !is_key_column (&stats[j], &guesses[j]))
                continue;
              if (keys[0] < 0 || guesses[j].n_distinct > guesses[keys[0]].n_distinct)
                {
                  keys[1] = keys[0];
                  keys[0] = j;
                }
              else if (keys[1] < 0 || guesses[j].n_distinct > guesses[keys[1]].n_distinct)
                keys[1] = j;
            }

          if (keys[1] >= 0 && role_column[SC_ROLE_ORDER] < 0)
            {
              assign (stats, guesses, role_column, keys[0], SC_ROLE_ORDER);
              assign (stats, guesses, role_column, keys[1], SC_ROLE_CUSTOMER);
            }
          else
            assign (stats, guesses, role_column, keys[0], SC_ROLE_CUSTOMER);
        }

      assign_by_name (stats, guesses, n_columns, role_column, roles, n_roles, TRUE);

      /* With an amount, quantity × unit price is not needed; a unit cost still needs the
       * quantity. */
      if (role_column[SC_ROLE_AMOUNT] >= 0)
        for (guint r = SC_ROLE_QUANTITY; r <= SC_ROLE_PRICE; r++)
          if (role_column[r] >= 0 &&
              !(r == SC_ROLE_QUANTITY && is_unit_cost (header, role_column[SC_ROLE_COST])))
            {
              guesses[role_column[r]].role = SC_ROLE_IGNORE;
              role_column[r] = -1;
            }
    }
  else
    {
      /* A customer list has one row per customer: the most distinct key column. */
      if (role_column[SC_ROLE_CUSTOMER] < 0)
        assign (stats, guesses, role_column, most_distinct_key (stats, guesses, n_columns),
                SC_ROLE_CUSTOMER);

      assign_by_name (stats, guesses, n_columns, role_column, roles, n_roles, TRUE);

      if (role_column[SC_ROLE_CUSTOMER] < 0)
        for (guint j = 0; j < n_columns; j++)
          if (!stats[j].assigned && guesses[j].kind != SC_VALUE_EMPTY)
            {
              assign (stats, guesses, role_column, j, SC_ROLE_CUSTOMER);
              break;
            }

      assign_contacts (stats, guesses, n_columns, role_column, header);

      for (guint j = 0; j < n_columns; j++)
        if (guesses[j].role != SC_ROLE_CUSTOMER && guesses[j].role != SC_ROLE_CONSENT &&
            guesses[j].role != SC_ROLE_EMAIL && guesses[j].role != SC_ROLE_PHONE &&
            guesses[j].role != SC_ROLE_NAME)
          guesses[j].role = SC_ROLE_ATTRIBUTE;
    }

  for (guint j = 0; j < n_columns; j++)
    g_hash_table_unref (stats[j].distinct);
  g_free (stats);
}

static const char * const role_names[] = {
  [SC_ROLE_IGNORE] = "ignore",
  [SC_ROLE_CUSTOMER] = "customer",
  [SC_ROLE_ORDER] = "order",
  [SC_ROLE_DATE] = "date",
  [SC_ROLE_AMOUNT] = "amount",
  [SC_ROLE_QUANTITY] = "quantity",
  [SC_ROLE_PRICE] = "price",
  [SC_ROLE_COST] = "cost",
  [SC_ROLE_MARGIN] = "margin",
  [SC_ROLE_CONSENT] = "consent",
  [SC_ROLE_EMAIL] = "email",
  [SC_ROLE_PHONE] = "phone",
  [SC_ROLE_NAME] = "name",
  [SC_ROLE_TYPE] = "type",
  [SC_ROLE_CHANNEL] = "channel",
  [SC_ROLE_ATTRIBUTE] = "attribute",
};

static const char * const role_labels[] = {
  [SC_ROLE_IGNORE] = N_("Ignore"),
  [SC_ROLE_CUSTOMER] = N_("Customer"),
  [SC_ROLE_ORDER] = N_("Order"),
  [SC_ROLE_DATE] = N_("Order date"),
  [SC_ROLE_AMOUNT] = N_("Amount"),
  [SC_ROLE_QUANTITY] = N_("Quantity"),
  [SC_ROLE_PRICE] = N_("Unit price"),
  [SC_ROLE_COST] = N_("Cost"),
  [SC_ROLE_MARGIN] = N_("Margin %"),
  [SC_ROLE_CONSENT] = N_("Consent"),
  [SC_ROLE_EMAIL] = N_("Email"),
  [SC_ROLE_PHONE] = N_("Phone"),
  [SC_ROLE_NAME] = N_("Name"),
  [SC_ROLE_TYPE] = N_("Interaction type"),
  [SC_ROLE_CHANNEL] = N_("Channel"),
  [SC_ROLE_ATTRIBUTE] = N_("Attribute"),
};

/**
 * sc_column_role_to_string:
 * @role: a role
 *
 * Returns: the role's stable name, as used in project files and on the command line:
 *   "customer", "order", "date", "amount", "quantity", "price", "cost", "margin", "consent",
 *   "email", "phone", "name", "type", "channel", "attribute" or "ignore"
 */
const char *
sc_column_role_to_string (ScColumnRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), "ignore");

  return role_names[role];
}

/**
 * sc_column_role_from_string:
 * @s: a role name, as from sc_column_role_to_string() (any case)
 * @role: (out): the role
 *
 * Returns: %TRUE when @s names a role
 */
gboolean
sc_column_role_from_string (const char   *s,
                            ScColumnRole *role)
{
  g_return_val_if_fail (s != NULL, FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_ascii_strcasecmp (s, role_names[i]) == 0)
      {
        *role = (ScColumnRole) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * sc_column_role_to_label:
 * @role: a role
 *
 * Returns: the role's name for people, translated
 */
const char *
sc_column_role_to_label (ScColumnRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_labels), "");

  return g_dgettext (GETTEXT_PACKAGE, role_labels[role]);
}

/**
 * sc_value_kind_to_string:
 * @kind: a value kind
 *
 * Returns: a stable name for the kind: "text", "integer", "number", "date", "bool" or
 *   "empty"
 */
const char *
sc_value_kind_to_string (ScValueKind kind)
{
  static const char * const names[] = {
    [SC_VALUE_TEXT] = "text",
    [SC_VALUE_INTEGER] = "integer",
    [SC_VALUE_NUMBER] = "number",
    [SC_VALUE_DATE] = "date",
    [SC_VALUE_BOOL] = "bool",
    [SC_VALUE_EMPTY] = "empty",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), "text");

  return names[kind];
}
