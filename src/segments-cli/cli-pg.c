/* cli-pg.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Data in PostgreSQL (issue 22): `import PROJECT --pg CONNINFO …` (cmd_import hands over
 * when it sees --pg) and `refresh PROJECT`.  The password comes from PGPASSWORD or
 * ~/.pgpass, as libpq reads it; it is never stored. */

#include "config.h"

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-project-pg.h"

/* The roles a database's columns can take. */
#define PG_ROLES ((1u << SC_ROLE_CUSTOMER) | (1u << SC_ROLE_DATE) | (1u << SC_ROLE_AMOUNT) | \
                  (1u << SC_ROLE_QUANTITY) | (1u << SC_ROLE_PRICE) | (1u << SC_ROLE_ORDER) | \
                  (1u << SC_ROLE_CONSENT))

typedef struct
{
  ScProject   *project;
  ScPgOptions  options;
} PgWork;

static gpointer
import_pg_work (gpointer  data,
                GError  **error)
{
  PgWork *w = data;

  return sc_project_import_pg (w->project, &w->options, cli.job, cli.cancellable, error);
}

static gpointer
refresh_work (gpointer  data,
              GError  **error)
{
  PgWork *w = data;

  return sc_project_refresh (w->project, NULL, cli.job, cli.cancellable, error);
}

/* The core's message speaks to anyone; on the command line the password comes from the
 * environment, which is worth saying when the server refused it. */
static int
report_pg_error (GError *error)
{
  if (sc_pg_error_is_login (error))
    {
      char *message = g_strdup_printf ("%s %s", error->message,
                                       _("The password is read from PGPASSWORD or "
                                         "~/.pgpass."));

      g_free (error->message);
      error->message = message;
    }
  return report_error (error);
}

/* TRUE when argv names --pg: the import reads a database. */
gboolean
cli_import_wants_pg (int    argc,
                     char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--pg") || g_str_has_prefix (argv[i], "--pg="))
      return TRUE;
  return FALSE;
}

int
cmd_import_pg (int    argc,
               char **argv)
{
  g_autofree char *conninfo = NULL;
  g_autofree char *orders_table = NULL;
  g_autofree char *orders_query = NULL;
  g_autofree char *customers_table = NULL;
  g_autofree char *customers_query = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean copy = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  PgWork work = { 0 };
  const GOptionEntry entries[] = {
    { "pg", 0, 0, G_OPTION_ARG_STRING, &conninfo, N_("PostgreSQL connection (libpq string or URI; password from PGPASSWORD or ~/.pgpass)"), "CONNINFO" },
    { "orders-table", 0, 0, G_OPTION_ARG_STRING, &orders_table, N_("Table or view of orders or order lines"), "NAME" },
    { "orders-query", 0, 0, G_OPTION_ARG_STRING, &orders_query, N_("Read-only query giving the orders"), "SQL" },
    { "customers-table", 0, 0, G_OPTION_ARG_STRING, &customers_table, N_("Table or view of the customer list"), "NAME" },
    { "customers-query", 0, 0, G_OPTION_ARG_STRING, &customers_query, N_("Read-only query giving the customer list"), "SQL" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Column of a role: customer, date, amount, quantity, price, order, consent"), "ROLE=COLUMN" },
    { "copy-transactions", 0, 0, G_OPTION_ARG_NONE, &copy, N_("Copy the order rows into the project instead of keeping only the sums per customer"), NULL },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv, _("PROJECT — import from PostgreSQL"), entries,
                           _("import takes one PROJECT file")))
    return EXIT_USAGE;
  if (conninfo == NULL)
    return usage_error (_("--pg needs a connection, such as \"host=db dbname=shop\""));
  if ((orders_table == NULL) == (orders_query == NULL))
    return usage_error (_("give the orders with --orders-table NAME or --orders-query SQL"));
  if (customers_table != NULL && customers_query != NULL)
    return usage_error (_("give the customer list with --customers-table or --customers-query, "
                          "not both"));

  sc_pg_options_init (&work.options);
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    if (!parse_role_map (maps[i], PG_ROLES, work.options.map))
      {
        sc_pg_options_clear (&work.options);
        return usage_error (_("--map takes ROLE=COLUMN with ROLE one of customer, date, "
                              "amount, quantity, price, order, consent (got “%s”)"), maps[i]);
      }
  work.options.conninfo = g_steal_pointer (&conninfo);
  work.options.orders_table = g_steal_pointer (&orders_table);
  work.options.orders_query = g_steal_pointer (&orders_query);
  work.options.customers_table = g_steal_pointer (&customers_table);
  work.options.customers_query = g_steal_pointer (&customers_query);
  work.options.copy_transactions = copy;

  report = run_import (argv[1], &work.project, TRUE, import_pg_work, &work, &error);
  sc_pg_options_clear (&work.options);
  if (report == NULL)
    return report_pg_error (error);
  print_import_report (report);
  return EXIT_SUCCESS;
}

int
cmd_refresh (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScRefreshResult) result = NULL;
  PgWork work = { 0 };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — read the current figures from the database, place "
                             "customers in the segments and show what moved"),
                           NULL, _("refresh takes one PROJECT file")))
    return EXIT_USAGE;

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);
  work.project = project;
  result = run_cancellable (refresh_work, &work, &error);
  if (result == NULL)
    return report_pg_error (error);

  print_import_report (result->report);
  if (result->score == NULL)
    g_print (_("The project has no segments yet: run “segments-cli segment %s”.\n"), argv[1]);
  else
    {
      g_print ("\n");
      print_score (result->score, argv[1]);
    }
  return EXIT_SUCCESS;
}
