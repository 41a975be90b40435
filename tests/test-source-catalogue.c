/* test-source-catalogue.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The catalogue of export shapes and the mechanisms it uses: every shape is recognised from
 * its own header and none from generic headers; fill-down with counted statuses on
 * generated order-line files (seeded) counts each order once, its further lines as line
 * items, and leaves out the others by status with their amounts; timestamps with offsets
 * belong to the day written in them. */

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-importer.h"
#include "sc-value.h"
#include "test-utils.h"

static void
test_recognise (void)
{
  static const struct
  {
    ScTableKind  kind;
    const char  *header;
    const char  *id;        /* NULL: generic */
  } cases[] = {
    { SC_TABLE_TRANSACTIONS, "Name,Email,Financial Status,Paid at,Accepts Marketing,Currency,"
      "Total,Created at,Lineitem quantity,Lineitem name,Lineitem price", "shopify-orders" },
    { SC_TABLE_CUSTOMERS, "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,"
      "Total Spent,Total Orders,Tags", "shopify-customers" },
    { SC_TABLE_TRANSACTIONS, "Order ID,Order Date,Order Status,Order Currency,Order Total,"
      "Billing Email", "woocommerce-orders" },
    { SC_TABLE_TRANSACTIONS, "id,Created (UTC),Amount,Amount Refunded,Currency,Status,"
      "Customer Email", "stripe-payments" },
    { SC_TABLE_TRANSACTIONS, "Date,Time,Time Zone,Gross Sales,Net Sales,Total Collected,"
      "Transaction ID,Customer ID", "square-transactions" },
    { SC_TABLE_TRANSACTIONS, "Record ID,Deal Name,Deal Stage,Amount,Close Date,"
      "Associated Company IDs", "hubspot-deals" },
    { SC_TABLE_CUSTOMERS, "Record ID,First Name,Last Name,Email,Lifecycle Stage,"
      "Company Name,Industry,Marketing contact status", "hubspot-contacts" },
    { SC_TABLE_TRANSACTIONS, "Opportunity Name,Account Name,Account ID,Stage,Close Date,Amount",
      "salesforce-opportunities" },
    { SC_TABLE_CUSTOMERS, "Account ID,Account Name,Industry,Type,Billing Country",
      "salesforce-accounts" },
    /* generic files, some with columns a shape also has */
    { SC_TABLE_TRANSACTIONS, "customer_id,order_date,amount", NULL },
    { SC_TABLE_TRANSACTIONS, "order_id,customer_id,order_date,amount,status,email", NULL },
    { SC_TABLE_TRANSACTIONS, "Name,Email,Total,Created at,Status", NULL },
    { SC_TABLE_TRANSACTIONS, "id,Amount,Currency,Status,Created", NULL },
    { SC_TABLE_CUSTOMERS, "customer_id,email,consent,segment,country", NULL },
    { SC_TABLE_CUSTOMERS, "Email,First Name,Last Name,Total Spent", NULL },
    /* a customer list's shape is not an orders file's */
    { SC_TABLE_TRANSACTIONS, "Account ID,Account Name,Industry,Type,Billing Country", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) header = g_strsplit (cases[i].header, ",", -1);
      const ScSourceShape *shape = sc_source_shape_recognise (SC_IMPORT_SOURCE_AUTO,
                                                              cases[i].kind,
                                                              g_strv_length (header),
                                                              (const char * const *) header);

      g_test_message ("%s", cases[i].header);
      if (cases[i].id == NULL)
        g_assert_null (shape);
      else
        {
          g_assert_nonnull (shape);
          g_assert_cmpstr (sc_source_shape_get_id (shape), ==, cases[i].id);
          g_assert_nonnull (sc_source_shape_get_label (shape));
          /* named as its own source it is found, as another one or generic it is not */
          g_assert_true (sc_source_shape_recognise (sc_source_shape_get_source (shape),
                                                    cases[i].kind, g_strv_length (header),
                                                    (const char * const *) header) == shape);
          g_assert_null (sc_source_shape_recognise (SC_IMPORT_SOURCE_GENERIC, cases[i].kind,
                                                    g_strv_length (header),
                                                    (const char * const *) header));
          g_assert_null (sc_source_shape_recognise (sc_source_shape_get_source (shape) ==
                                                      SC_IMPORT_SOURCE_SQUARE
                                                      ? SC_IMPORT_SOURCE_STRIPE
                                                      : SC_IMPORT_SOURCE_SQUARE,
                                                    cases[i].kind, g_strv_length (header),
                                                    (const char * const *) header));
        }
    }

  for (guint s = 0; s < SC_N_IMPORT_SOURCES; s++)
    {
      ScImportSource back;

      g_assert_true (sc_import_source_from_string (sc_import_source_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
    }
  {
    ScImportSource back;
    g_assert_false (sc_import_source_from_string ("magento", &back));
  }
}

/* What a generated file should import as, computed while it is written. */
typedef struct
{
  guint64  counted;
  guint64  line_items;
  double   revenue;
  guint64  excluded[3];     /* by status index below */
  double   excluded_revenue[3];
  guint64  lines;
} Expected;

static const char * const statuses[] = { "Paid", "refunded", "Pending payment" };
static const char * const status_keys[] = { "paid", "refunded", "pending_payment" };

/* Orders of 1-4 lines; the order's own columns (customer, status, date, total) on its first
 * line only; statuses drawn so that about a third do not count. */
static char *
write_lines (const char *dir,
             guint       seed,
             Expected   *e)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GString) out = g_string_new ("order,customer,status,date,total,item,qty\n");
  char *path = g_build_filename (dir, "lines.csv", NULL);
  guint n_orders = g_rand_int_range (rand, 5, 60);
  g_autoptr(GError) error = NULL;

  memset (e, 0, sizeof *e);
  for (guint o = 0; o < n_orders; o++)
    {
      guint n_lines = g_rand_int_range (rand, 1, 5);
      guint st = g_rand_int_range (rand, 0, 3);
      guint cents = g_rand_int_range (rand, 100, 100000);
      guint cust = g_rand_int_range (rand, 0, 12);
      guint day = g_rand_int_range (rand, 1, 28);

      for (guint l = 0; l < n_lines; l++)
        {
          if (l == 0)
            g_string_append_printf (out, "#%u,c%u@example.org,%s,2024-02-%02u 23:%02u:00 -0500,"
                                    "%u.%02u,item %u,%u\n", 1000 + o, cust, statuses[st], day,
                                    l, cents / 100, cents % 100, l, l + 1);
          else
            g_string_append_printf (out, "#%u,,,,,item %u,%u\n", 1000 + o, l, l + 1);
          e->lines++;
        }
      /* the further lines of every order, counted or not, are its line items */
      e->line_items += n_lines - 1;
      if (st == 0)
        {
          e->counted++;
          e->revenue += cents / 100.0;
        }
      else
        {
          e->excluded[st]++;
          e->excluded_revenue[st] += cents / 100.0;
        }
    }
  g_file_set_contents (path, out->str, -1, &error);
  g_assert_no_error (error);
  return path;
}

static double
excluded_revenue (const ScImportReport *report,
                  const char           *reason,
                  guint64              *orders)
{
  *orders = 0;
  for (guint i = 0; report->excluded != NULL && i < report->excluded->len; i++)
    {
      const ScImportExclusion *x = &g_array_index (report->excluded, ScImportExclusion, i);
      if (g_str_equal (x->reason, reason))
        {
          *orders = x->orders;
          return x->revenue;
        }
    }
  return 0;
}

static void
test_fill_down (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-fill-down-XXXXXX", &error);

  g_assert_no_error (error);
  for (guint seed = 1; seed <= 40; seed++)
    {
      Expected e;
      g_autofree char *path = write_lines (dir, seed, &e);
      ScImportOptions options;
      g_autoptr(ScImportReport) report = NULL;
      const char *fill[] = { "customer", "status", "date", "total", NULL };
      const char *counts[] = { "paid", NULL };

      sc_import_options_init (&options);
      options.transactions_path = g_strdup (path);
      options.map[SC_ROLE_ORDER] = g_strdup ("order");
      options.map[SC_ROLE_CUSTOMER] = g_strdup ("customer");
      options.map[SC_ROLE_AMOUNT] = g_strdup ("total");
      options.fill_down = g_strdupv ((char **) fill);
      options.count_status = g_strdupv ((char **) counts);
      report = sc_import (NULL, &options, NULL, NULL, NULL, &error);
      sc_import_options_clear (&options);
      if (e.counted == 0)
        {
          /* nothing counts: said plainly, not imported as nothing */
          g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_null (report->orders_shape);
      g_assert_cmpuint (report->transactions.rows_read, ==, e.lines);
      g_assert_cmpuint (report->transactions.rows_rejected, ==, 0);
      g_assert_cmpuint (report->transactions.rows_accepted, ==, e.counted);
      g_assert_cmpuint (report->orders, ==, e.counted);
      g_assert_cmpuint (report->line_items, ==, e.line_items);
      /* every line is accounted for: counted, a line item, or an order left out */
      g_assert_cmpuint (report->transactions.rows_accepted + report->line_items +
                        e.excluded[1] + e.excluded[2], ==, e.lines);
      g_assert_cmpfloat_with_epsilon (report->transactions.revenue, e.revenue, 1e-6);
      for (guint st = 1; st < 3; st++)
        {
          guint64 orders;
          double revenue = excluded_revenue (report, status_keys[st], &orders);

          g_assert_cmpuint (orders, ==, e.excluded[st]);
          g_assert_cmpfloat_with_epsilon (revenue, e.excluded_revenue[st], 1e-6);
        }
      /* the offset does not move 23:xx -0500 to the next day */
      if (report->transactions.rows_accepted > 0)
        {
          int y, m, d;
          sc_day_to_ymd (report->transactions.last_day, &y, &m, &d);
          g_assert_cmpint (m, ==, 2);
          g_assert_cmpint (d, <=, 27);
        }
      g_remove (path);
    }
  g_rmdir (dir);
}

/* Without --fill-down the same kind of file keeps today's behaviour: the further lines have
 * no customer and are rejected as such. */
static void
test_no_fill_down (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("segments-fill-down-XXXXXX", &error);
  Expected e;
  g_autofree char *path = write_lines (dir, 7, &e);
  ScImportOptions options;
  g_autoptr(ScImportReport) report = NULL;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (path);
  options.map[SC_ROLE_ORDER] = g_strdup ("order");
  options.map[SC_ROLE_CUSTOMER] = g_strdup ("customer");
  options.map[SC_ROLE_AMOUNT] = g_strdup ("total");
  report = sc_import (NULL, &options, NULL, NULL, NULL, &error);
  sc_import_options_clear (&options);
  g_assert_no_error (error);
  g_assert_cmpuint (report->line_items, ==, 0);
  g_assert_null (report->excluded);
  g_assert_cmpuint (report->transactions.rows_accepted + report->transactions.rows_rejected,
                    ==, e.lines);
  g_assert_cmpuint (report->transactions.rows_accepted, ==,
                    e.counted + e.excluded[1] + e.excluded[2]);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_date_offsets (void)
{
  static const struct { const char *text; const char *day; } cases[] = {
    { "2024-03-05T23:30:00-05:00", "2024-03-05" },
    { "2024-03-05T00:30:00+14:00", "2024-03-05" },
    { "2024-03-05 23:59:59 -1200", "2024-03-05" },
    { "2024-03-05T10:11:12Z", "2024-03-05" },
    { "2024-03-05T10:11:12.123456Z", "2024-03-05" },
    { "2024-03-05T10:11:12.123+0530", "2024-03-05" },
    { "2024-03-05 10:11:12 +05", "2024-03-05" },
    { "2024-03-05 10:11 UTC", "2024-03-05" },
    { "2024-03-05 10:11 GMT+1", "2024-03-05" },
    { "2024-03-05 10:11:12 +0000 UTC", "2024-03-05" },
    { "2024-03-05 10:11:12 +01:00 (CET)", "2024-03-05" },
    { "2024-12-31T23:59:59-08:00", "2024-12-31" },
    { "2024-03-05 10:11:12 +25:00", NULL },
    { "2024-03-05 10:11:12 +05:7", NULL },
    { "2024-03-05 10:11:12 +5", NULL },
    { "2024-03-05 10:11:12 +01:00 (CET", NULL },
    { "2024-03-05 10:11:12 +01:00 nonsense", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ScDay day;
      gboolean ok = sc_parse_date (cases[i].text, SC_DATE_ORDER_YMD, &day);

      g_test_message ("%s", cases[i].text);
      if (cases[i].day == NULL)
        g_assert_false (ok);
      else
        {
          g_autofree char *shown = NULL;

          g_assert_true (ok);
          shown = sc_day_format (day);
          g_assert_cmpstr (shown, ==, cases[i].day);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/Import/Source/recognise", test_recognise);
  g_test_add_func ("/Import/Source/fill-down", test_fill_down);
  g_test_add_func ("/Import/Source/no-fill-down", test_no_fill_down);
  g_test_add_func ("/Io/Date/offsets", test_date_offsets);
  return g_test_run ();
}
