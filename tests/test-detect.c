/* test-detect.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sc-csv.h"
#include "sc-detect.h"

typedef struct
{
  guint           n_columns;
  char          **header;   /* NULL when the table has none */
  GPtrArray      *rows;     /* char ** with n_columns entries */
  ScColumnGuess  *guesses;
} Table;

static void
table_free (Table *t)
{
  g_strfreev (t->header);
  g_ptr_array_unref (t->rows);
  g_free (t->guesses);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

/* Parses CSV text with the real reader, then runs the detection like the importer does. */
static Table *
detect (ScTableKind  kind,
        const char  *csv,
        gboolean     has_header,
        char         decimal_mark)
{
  Table *t = g_new0 (Table, 1);
  g_autoptr(ScCsvReader) r = NULL;
  g_autoptr(GError) error = NULL;
  ScCsvDialect d;
  guint n_fields;
  char **fields;
  gsize *lengths;
  gboolean first = TRUE;

  /* the delimiter as the import would find it; the header is given */
  g_assert_true (sc_csv_sniff_data (csv, strlen (csv), &d, &error));
  g_assert_no_error (error);
  r = sc_csv_reader_new_from_data (csv, strlen (csv), &d);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  while (sc_csv_reader_next (r, &n_fields, &fields, &lengths, &error))
    {
      char **row;

      if (first)
        t->n_columns = n_fields;
      row = g_new0 (char *, t->n_columns + 1);
      for (guint i = 0; i < t->n_columns; i++)
        row[i] = g_strdup (i < n_fields ? fields[i] : "");
      if (first && has_header)
        t->header = row;
      else
        g_ptr_array_add (t->rows, row);
      first = FALSE;
    }
  g_assert_no_error (error);

  t->guesses = g_new0 (ScColumnGuess, t->n_columns);
  sc_detect_columns (kind, t->n_columns, (const char * const *) t->header, t->rows->len,
                     (const char * const * const *) t->rows->pdata, decimal_mark, t->guesses);
  return t;
}

/* @roles: one role name per column, space-separated */
static void
assert_roles (Table      *t,
              const char *roles)
{
  g_auto(GStrv) names = g_strsplit (roles, " ", -1);

  g_assert_cmpuint (g_strv_length (names), ==, t->n_columns);
  for (guint j = 0; j < t->n_columns; j++)
    {
      const char *got = sc_column_role_to_string (t->guesses[j].role);

      if (g_strcmp0 (got, names[j]) != 0)
        g_error ("column %u (%s): role %s, expected %s", j,
                 t->header ? t->header[j] : "-", got, names[j]);
    }
}

static void
assert_kinds (Table      *t,
              const char *kinds)
{
  g_auto(GStrv) names = g_strsplit (kinds, " ", -1);

  g_assert_cmpuint (g_strv_length (names), ==, t->n_columns);
  for (guint j = 0; j < t->n_columns; j++)
    {
      const char *got = sc_value_kind_to_string (t->guesses[j].kind);

      if (g_strcmp0 (got, names[j]) != 0)
        g_error ("column %u (%s): kind %s, expected %s", j,
                 t->header ? t->header[j] : "-", got, names[j]);
    }
}

static void
test_shopify (void)
{
  const char *csv =
    "Name,Email,Financial Status,Paid at,Accepts Marketing,Currency,Subtotal,Total,"
    "Discount Amount,Created at,Lineitem quantity,Lineitem price,Billing Name,Id\n"
    "#1001,ann@example.com,paid,2024-03-05 10:12:00 +0100,yes,EUR,20.00,24.90,0.00,"
    "2024-03-05 10:11:00 +0100,2,10.00,Ann Lee,5501\n"
    "#1001,ann@example.com,,,yes,,,,,2024-03-05 10:11:00 +0100,1,4.90,,5501\n"
    "#1002,bob@example.com,paid,2024-03-06 09:00:00 +0100,no,EUR,15.50,15.50,0.00,"
    "2024-03-06 08:59:00 +0100,1,15.50,Bob Ray,5502\n"
    "#1003,ann@example.com,refunded,2024-03-09 18:30:00 +0100,yes,EUR,9.99,12.99,1.00,"
    "2024-03-09 18:29:00 +0100,1,9.99,Ann Lee,5503\n"
    "#1004,cy@example.org,paid,2024-03-15 11:00:00 +0100,no,EUR,40.00,40.00,0.00,"
    "2024-03-15 10:58:00 +0100,4,10.00,Cy Doe,5504\n";
  g_autoptr(Table) t = detect (SC_TABLE_TRANSACTIONS, csv, TRUE, '.');

  assert_roles (t, "order customer ignore ignore ignore ignore ignore amount ignore date ignore "
                   "ignore ignore ignore");
  assert_kinds (t, "text text text date bool text number number number date integer number "
                   "text integer");
  g_assert_cmpint (t->guesses[9].date_order, ==, SC_DATE_ORDER_YMD);
  g_assert_cmpint (t->guesses[0].date_order, ==, SC_DATE_ORDER_AUTO);
  g_assert_cmpuint (t->guesses[0].n_distinct, ==, 4);
  g_assert_cmpuint (t->guesses[1].n_distinct, ==, 3);
  g_assert_cmpuint (t->guesses[7].n_missing, ==, 1);
  g_assert_cmpuint (t->guesses[7].n_distinct, ==, 4);
}

static void
test_online_retail (void)
{
  const char *csv =
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
    "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom\n"
    "536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,17850,United Kingdom\n"
    "536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047,United Kingdom\n"
    "536368,22960,JAM MAKING SET WITH JARS,6,12/1/2010 8:34,4.25,13047,United Kingdom\n"
    "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom\n"
    "536412,21448,12 DAISY PEGS IN WOOD BOX,1,12/13/2010 11:49,1.65,,United Kingdom\n"
    "536520,22782,SET 3 WICKER STORAGE BASKETS,1,12/14/2010 12:43,12.75,14729,France\n";
  g_autoptr(Table) t = detect (SC_TABLE_TRANSACTIONS, csv, TRUE, '.');

  assert_roles (t, "order ignore ignore quantity date price customer ignore");
  assert_kinds (t, "text text text integer date number integer text");
  g_assert_cmpint (t->guesses[4].date_order, ==, SC_DATE_ORDER_MDY);
  g_assert_cmpuint (t->guesses[6].n_missing, ==, 1);
  g_assert_cmpuint (t->guesses[6].n_distinct, ==, 4);
}

static void
test_crm_customers (void)
{
  const char *csv =
    "Account ID,Company Name,Industry,Employees,Annual Revenue,Region,Lead Source,"
    "Email Opt-In,Created Date\n"
    "ACC-0001,Acme GmbH,Manufacturing,250,12500000,EMEA,Web,Yes,2021-04-01\n"
    "ACC-0002,Globex,Software,40,,NA,Referral,No,2022-11-15\n"
    "ACC-0003,Initech,Software,1200,98000000.50,AMER,Event,yes,2020-01-20\n"
    "ACC-0004,Umbrella,Healthcare,80,4100000,APAC,Web,,2023-06-30\n";
  g_autoptr(Table) t = detect (SC_TABLE_CUSTOMERS, csv, TRUE, '.');

  assert_roles (t, "customer attribute attribute attribute attribute attribute attribute "
                   "consent attribute");
  assert_kinds (t, "text text text integer number text text bool date");
  /* "NA" is the missing marker, not North America, when a column says so */
  g_assert_cmpuint (t->guesses[5].n_missing, ==, 1);
  g_assert_cmpuint (t->guesses[7].n_missing, ==, 1);
}

static void
test_crm_deals (void)
{
  /* Names help for some columns only: the value column is found by its content. */
  const char *csv =
    "Deal ID,Account,Stage,Close Date,Deal Value\n"
    "D-1,ACC-0001,Won,2024-01-15,12000.50\n"
    "D-2,ACC-0002,Won,2024-02-01,800.00\n"
    "D-3,ACC-0001,Won,2024-02-20,4500.25\n";
  g_autoptr(Table) t = detect (SC_TABLE_TRANSACTIONS, csv, TRUE, '.');

  assert_roles (t, "ignore customer ignore date amount");
}

static void
test_no_names (void)
{
  const char *csv =
    "O00000001,C0000001,2024-01-03,49.48\n"
    "O00000002,C0000001,2024-02-11,27.66\n"
    "O00000003,C0000002,2024-01-05,12.00\n"
    "O00000004,C0000003,2024-01-09,5.10\n"
    "O00000005,C0000003,2024-03-01,99.99\n"
    "O00000006,C0000003,2024-03-02,7.25\n";
  const char *meaningless =
    "col1,col2,col3,col4\n"
    "C0000001,49.48,O00000001,03/01/2024\n"
    "C0000001,27.66,O00000002,11/02/2024\n"
    "C0000002,12.00,O00000003,25/01/2024\n"
    "C0000003,5.10,O00000004,09/01/2024\n"
    "C0000003,99.99,O00000005,01/03/2024\n";
  g_autoptr(Table) t = detect (SC_TABLE_TRANSACTIONS, csv, FALSE, '.');
  g_autoptr(Table) u = detect (SC_TABLE_TRANSACTIONS, meaningless, TRUE, '.');

  g_assert_null (t->header);
  assert_roles (t, "order customer date amount");
  assert_kinds (t, "text text date number");
  assert_roles (u, "customer amount order date");
  g_assert_cmpint (u->guesses[3].date_order, ==, SC_DATE_ORDER_DMY);
}

static void
test_customer_list (void)
{
  const char *csv =
    "customer_id,industry,company_size,region,channel,consent\n"
    "C0000000,Retail,1-10,North,Organic,yes\n"
    "C0000001,Software,51-200,East,Paid Search,no\n"
    "C0000002,Finance,1000+,West,Email,yes\n"
    "C0000003,Retail,11-50,South,Referral,yes\n";
  const char *unnamed =
    "a,b,c\n"
    "North,17,1001\n"
    "South,17,1002\n"
    "North,22,1003\n";
  g_autoptr(Table) t = detect (SC_TABLE_CUSTOMERS, csv, TRUE, '.');
  g_autoptr(Table) u = detect (SC_TABLE_CUSTOMERS, unnamed, TRUE, '.');

  assert_roles (t, "customer attribute attribute attribute attribute consent");
  assert_kinds (t, "text text text text text bool");
  /* no names: the most distinct key column */
  assert_roles (u, "attribute attribute customer");
}

static void
test_names_need_matching_values (void)
{
  const char *csv =
    "customer,amount,date,order_date,total\n"
    "C1,high,soon,2024-01-01,3.5\n"
    "C2,low,later,2024-01-02,4\n";
  /* an eight-digit column is a date only when its name says so */
  const char *compact =
    "invoice,customer,order_date,amount\n"
    "20240101,C1,20240101,3\n"
    "20240102,C2,20240105,4.5\n";
  g_autoptr(Table) t = detect (SC_TABLE_TRANSACTIONS, csv, TRUE, '.');
  g_autoptr(Table) u = detect (SC_TABLE_TRANSACTIONS, compact, TRUE, '.');

  assert_roles (t, "customer ignore ignore date amount");
  assert_roles (u, "order customer date amount");
  assert_kinds (u, "integer text date number");
  g_assert_cmpint (u->guesses[2].date_order, ==, SC_DATE_ORDER_YYYYMMDD);
}

static void
test_name_variants (void)
{
  const char *csv =
    "CustomerID;Order Number;purchase-date;Order_Total;QTY;Unit Price;GDPR\n"
    "K1;A1;05.03.2024;12,50;1;12,50;ja\n"
    "K2;A2;06.03.2024;1.234,56;2;617,28;nein\n";
  g_autoptr(Table) t = detect (SC_TABLE_TRANSACTIONS, csv, TRUE, ',');

  /* an amount makes quantity and price unnecessary */
  assert_roles (t, "customer order date amount ignore ignore ignore");
  assert_kinds (t, "text text date number integer number text");
  g_assert_cmpint (t->guesses[2].date_order, ==, SC_DATE_ORDER_DMY);
}

static void
test_one_per_role (void)
{
  const char *csv =
    "customer_id,email,date,created_at,amount,total\n"
    "C1,a@x.org,2024-01-01,2024-01-01,1.5,1.5\n"
    "C2,b@x.org,2024-01-02,2024-01-02,2.5,2.5\n";
  g_autoptr(Table) t = detect (SC_TABLE_TRANSACTIONS, csv, TRUE, '.');

  /* the better name wins, the leftmost among equals */
  assert_roles (t, "customer ignore date ignore amount ignore");
}

static void
test_empty_sample (void)
{
  const char *csv = "customer_id,order_date,amount\n";
  g_autoptr(Table) t = detect (SC_TABLE_TRANSACTIONS, csv, TRUE, '.');

  g_assert_cmpuint (t->rows->len, ==, 0);
  assert_roles (t, "customer date amount");
  assert_kinds (t, "empty empty empty");
}

static void
test_role_strings (void)
{
  const char *names[] = { "ignore", "customer", "order", "date", "amount", "quantity", "price",
                          "cost", "margin", "consent", "email", "phone", "name", "type",
                          "channel", "attribute" };
  ScColumnRole role;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (sc_column_role_to_string ((ScColumnRole) i), ==, names[i]);
      g_assert_true (sc_column_role_from_string (names[i], &role));
      g_assert_cmpint (role, ==, i);
      g_assert_nonnull (sc_column_role_to_label ((ScColumnRole) i));
    }
  g_assert_true (sc_column_role_from_string ("Customer", &role));
  g_assert_cmpint (role, ==, SC_ROLE_CUSTOMER);
  g_assert_false (sc_column_role_from_string ("client", &role));
  g_assert_cmpstr (sc_column_role_to_label (SC_ROLE_DATE), ==, "Order date");
  g_assert_cmpstr (sc_column_role_to_label (SC_ROLE_PRICE), ==, "Unit price");
}

static void
test_whitespace_yyyymmdd (void)
{
  /* A whitespace-separated export with compact dates: the date column is the date (not a
   * number), the dollar value the amount. */
  const char *txt =
    " customer_id  date number_of_cds dollar_value\n"
    " 00001 19970101  1   11.77\n"
    " 00002 19970112  1   12.00\n"
    " 00002 19970112  5   77.00\n"
    " 00003 19970102  2   20.76\n"
    " 00003 19970330  2   20.76\n"
    " 00004 19970101  2   29.33\n"
    " 00004 19970118  2   29.73\n"
    " 00005 19970102  3   45.40\n";
  g_autoptr(Table) t = detect (SC_TABLE_TRANSACTIONS, txt, TRUE, '.');

  assert_roles (t, "customer date ignore amount");
  g_assert_cmpint (t->guesses[1].date_order, ==, SC_DATE_ORDER_YYYYMMDD);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Detect/shopify", test_shopify);
  g_test_add_func ("/Core/Detect/online-retail", test_online_retail);
  g_test_add_func ("/Core/Detect/crm-customers", test_crm_customers);
  g_test_add_func ("/Core/Detect/crm-deals", test_crm_deals);
  g_test_add_func ("/Core/Detect/no-names", test_no_names);
  g_test_add_func ("/Core/Detect/customer-list", test_customer_list);
  g_test_add_func ("/Core/Detect/names-need-matching-values", test_names_need_matching_values);
  g_test_add_func ("/Core/Detect/name-variants", test_name_variants);
  g_test_add_func ("/Core/Detect/one-per-role", test_one_per_role);
  g_test_add_func ("/Core/Detect/empty-sample", test_empty_sample);
  g_test_add_func ("/Core/Detect/role-strings", test_role_strings);
  g_test_add_func ("/Core/Detect/whitespace-yyyymmdd", test_whitespace_yyyymmdd);

  return g_test_run ();
}
