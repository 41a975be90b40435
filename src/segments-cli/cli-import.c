/* cli-import.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Bringing data in: import (orders, a customer list, interactions) and problems (the rows an
 * import rejected or flagged). */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cli-commands.h"
#include "cli-common.h"
#include "sc-value.h"


/* ------------------------------------------------------------------------------------------ */
/* import                                                                                      */

typedef struct
{
  ScProject       *project;
  const char      *path;
  ScImportOptions  options;
} ImportWork;

static gpointer
import_work (gpointer  data,
             GError  **error)
{
  ImportWork *w = data;

  return sc_project_import_path (w->path, &w->options, cli.job, cli.cancellable, error);
}

static gboolean
parse_date_order (const char  *s,
                  ScDateOrder *order)
{
  static const struct { const char *name; ScDateOrder order; } names[] = {
    { "auto", SC_DATE_ORDER_AUTO }, { "ymd", SC_DATE_ORDER_YMD }, { "dmy", SC_DATE_ORDER_DMY },
    { "mdy", SC_DATE_ORDER_MDY }, { "yyyymmdd", SC_DATE_ORDER_YYYYMMDD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (s, names[i].name) == 0)
      {
        *order = names[i].order;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_delimiter (const char *s,
                 char       *delimiter)
{
  if (g_str_equal (s, "\\t") || g_ascii_strcasecmp (s, "tab") == 0 || g_str_equal (s, "\t"))
    *delimiter = '\t';
  else if (g_ascii_strcasecmp (s, "space") == 0)
    *delimiter = ' ';
  else if (g_ascii_strcasecmp (s, "whitespace") == 0)
    *delimiter = SC_CSV_WHITESPACE;
  else if (strlen (s) == 1 && strchr (",;| ", s[0]) != NULL)
    *delimiter = s[0];
  else
    return FALSE;
  return TRUE;
}

/* A bound of the plausible dates, written YYYY-MM-DD. */
static gboolean
parse_bound_day (const char *s,
                 ScDay      *day)
{
  return sc_parse_date (s, SC_DATE_ORDER_YMD, day);
}

/* The limit of amounts: a positive number up to SC_IMPORT_MAX_AMOUNT_CEILING. */
static gboolean
parse_max_amount (const char *s,
                  double     *limit)
{
  return sc_parse_number (s, '.', limit) && *limit > 0 && *limit <= SC_IMPORT_MAX_AMOUNT_CEILING;
}

int
cmd_import (int    argc,
            char **argv)
{
  g_autofree char *transactions = NULL;
  g_autofree char *customers = NULL;
  g_autofree char *interactions = NULL;
  g_auto(GStrv) maps = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *date_format = NULL;
  g_autofree char *min_date = NULL;
  g_autofree char *max_date = NULL;
  g_autofree char *max_amount = NULL;
  g_autofree char *margin = NULL;
  g_autofree char *source = NULL;
  g_auto(GStrv) fill_down = NULL;
  g_auto(GStrv) count_status = NULL;
  g_autofree char *margin_by = NULL;
  g_auto(GStrv) category_margins = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  ImportWork work = { 0 };
  const GOptionEntry entries[] = {
    { "transactions", 0, 0, G_OPTION_ARG_FILENAME, &transactions, N_("Orders or order lines file"), "FILE" },
    { "customers", 0, 0, G_OPTION_ARG_FILENAME, &customers, N_("Customer list"), "FILE" },
    { "interactions", 0, 0, G_OPTION_ARG_FILENAME, &interactions, N_("Interactions: customer, date, type (email_open, email_click, web_visit, support_ticket, campaign_response or any other), optional value and channel"), "FILE" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Column of a role: customer, date, amount, quantity, price, cost, margin, order, consent, email, phone, name; for interactions also type and channel"), "ROLE=COLUMN" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter, N_("Field delimiter: , ; | tab, space (aligned columns) or whitespace (any run of blanks)"), "C" },
    { "date-format", 0, 0, G_OPTION_ARG_STRING, &date_format, N_("auto, ymd, dmy, mdy or yyyymmdd"), "FORMAT" },
    { "min-date", 0, 0, G_OPTION_ARG_STRING, &min_date, N_("Earliest plausible order date (default 1970-01-01); older rows are rejected"), "YYYY-MM-DD" },
    { "max-date", 0, 0, G_OPTION_ARG_STRING, &max_date, N_("Latest plausible order date (default one year after today); later rows are rejected"), "YYYY-MM-DD" },
    { "max-amount", 0, 0, G_OPTION_ARG_STRING, &max_amount, N_("Largest plausible amount, positive or negative (default 1e12, at most 1e15); larger ones are rejected"), "N" },
    { "margin", 0, 0, G_OPTION_ARG_STRING, &margin, N_("Gross margin of the whole project in percent of revenue (at most 100, negative for a loss): the cost of every order line without one"), "PERCENT" },
    { "margin-by", 0, 0, G_OPTION_ARG_STRING, &margin_by, N_("A product-category column of the orders file: a line without a cost of its own takes its category's margin from --category-margin"), "COLUMN" },
    { "category-margin", 0, 0, G_OPTION_ARG_STRING_ARRAY, &category_margins, N_("A category's gross margin in percent of revenue, with --margin-by (repeat for each category; lines of a category not listed have no cost)"), "CATEGORY=PERCENT" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Where the files come from: auto (recognise the export from its columns, the default), generic (a plain table), shopify, woocommerce, stripe, square, hubspot or salesforce"), "SOURCE" },
    { "fill-down", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fill_down, N_("An order-level column written on an order's first line only: later lines of the order take its value (repeat for several; a filled-down amount counts once per order)"), "COLUMN" },
    { "count-status", 0, 0, G_OPTION_ARG_STRING_ARRAY, &count_status, N_("The values of the status column that count, comma-separated; other orders are left out and reported by status"), "VALUE,…" },
    { NULL }
  };

  if (cli_import_wants_pg (argc, argv))
    return cmd_import_pg (argc, argv);
  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — import orders, a customer list and interactions"),
                           entries, _("import takes one PROJECT file")))
    return EXIT_USAGE;
  if (transactions == NULL && customers == NULL && interactions == NULL)
    return usage_error (_("import needs --transactions FILE, --customers FILE and/or "
                          "--interactions FILE"));

  sc_import_options_init (&work.options);
  work.options.transactions_path = g_steal_pointer (&transactions);
  work.options.customers_path = g_steal_pointer (&customers);
  work.options.interactions_path = g_steal_pointer (&interactions);
  if (delimiter != NULL && !parse_delimiter (delimiter, &work.options.delimiter))
    {
      sc_import_options_clear (&work.options);
      return usage_error (_("unknown delimiter “%s”: use , ; | tab space or whitespace"), delimiter);
    }
  if (date_format != NULL && !parse_date_order (date_format, &work.options.date_order))
    {
      sc_import_options_clear (&work.options);
      return usage_error (_("unknown date format “%s”: use auto, ymd, dmy, mdy or yyyymmdd"),
                          date_format);
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *bound = i == 0 ? min_date : max_date;

      if (bound != NULL &&
          !parse_bound_day (bound, i == 0 ? &work.options.min_day : &work.options.max_day))
        {
          sc_import_options_clear (&work.options);
          return usage_error (_("--min-date and --max-date take a date written YYYY-MM-DD "
                                "(got “%s”)"), bound);
        }
    }
  if (source != NULL && !sc_import_source_from_string (source, &work.options.source))
    {
      sc_import_options_clear (&work.options);
      return usage_error (_("unknown source “%s”: use auto, generic, shopify, woocommerce, "
                            "stripe, square, hubspot or salesforce"), source);
    }
  work.options.fill_down = g_steal_pointer (&fill_down);
  if (count_status != NULL)
    {
      g_autofree char *joined = g_strjoinv (",", count_status);
      g_auto(GStrv) values = g_strsplit (joined, ",", -1);
      GStrvBuilder *b = g_strv_builder_new ();

      for (guint i = 0; values[i] != NULL; i++)
        if (*g_strstrip (values[i]) != '\0')
          g_strv_builder_add (b, values[i]);
      work.options.count_status = g_strv_builder_end (b);
      g_strv_builder_unref (b);
      if (work.options.count_status[0] == NULL)
        {
          sc_import_options_clear (&work.options);
          return usage_error (_("--count-status takes the status values that count, "
                                "comma-separated (got none)"));
        }
    }
  if (max_amount != NULL && !parse_max_amount (max_amount, &work.options.max_amount))
    {
      sc_import_options_clear (&work.options);
      return usage_error (_("--max-amount takes a number above 0 and at most 1e15 (got “%s”)"),
                          max_amount);
    }
  if ((category_margins != NULL) != (margin_by != NULL))
    {
      sc_import_options_clear (&work.options);
      return usage_error (_("--margin-by COLUMN and --category-margin CATEGORY=PERCENT go "
                            "together"));
    }
  work.options.margin_by = g_steal_pointer (&margin_by);
  work.options.category_margins = g_steal_pointer (&category_margins);
  if (margin != NULL)
    {
      work.options.set_margin = TRUE;
      if (!sc_parse_number (margin, '.', &work.options.margin_percent) ||
          !(work.options.margin_percent <= 100 && work.options.margin_percent >= -1000))
        {
          sc_import_options_clear (&work.options);
          return usage_error (_("--margin takes a percentage of revenue from -1000 to 100 "
                                "(got “%s”)"), margin);
        }
    }
  {
    ScDay first, last;

    sc_import_options_get_bounds (&work.options, &first, &last, NULL);
    if (last <= first || (max_date != NULL && work.options.max_day == 0))
      {
        sc_import_options_clear (&work.options);
        return usage_error (_("the latest plausible date must come after the earliest"));
      }
  }
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    if (!parse_role_map (maps[i], ~((1u << SC_ROLE_IGNORE) | (1u << SC_ROLE_ATTRIBUTE)),
                         work.options.map))
      {
        sc_import_options_clear (&work.options);
        return usage_error (_("--map takes ROLE=COLUMN with ROLE one of customer, date, amount, "
                              "quantity, price, cost, margin, order, consent, email, phone, "
                              "name, type, channel (got “%s”)"), maps[i]);
      }

  work.path = argv[1];
  report = run_import (argv[1], &work.project, FALSE, import_work, &work, &error);
  sc_import_options_clear (&work.options);
  if (report == NULL)
    return report_error (error);
  print_import_report (report);
  return EXIT_SUCCESS;
}


/* ------------------------------------------------------------------------------------------ */
/* problems                                                                                    */

typedef struct
{
  GString *out;
  gboolean csv;
  GArray  *imports;
  guint64  count;
} ProblemsPrint;

static const char *
import_path (GArray  *imports,
             guint64  id)
{
  for (guint i = 0; i < imports->len; i++)
    if (g_array_index (imports, ScImportRecord, i).id == id)
      return g_array_index (imports, ScImportRecord, i).path;
  return "";
}

static gboolean
problem_cb (guint64                import_id,
            const ScImportProblem *p,
            gpointer               user_data)
{
  ProblemsPrint *pp = user_data;
  const char *path = import_path (pp->imports, import_id);

  pp->count++;
  if (pp->csv)
    sc_import_problem_append_csv (pp->out, path, p);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *shown_base = terminal_text (base, FALSE);
      g_autofree char *reason = terminal_text (p->reason, FALSE);

      g_string_append_printf (pp->out, "%s:%" PRIu64 ": %s: %s\n", shown_base, p->line,
                              p->kind, reason);
    }
  return TRUE;
}

int
cmd_problems (int    argc,
              char **argv)
{
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(GArray) imports = NULL;
  g_autoptr(GString) out = NULL;
  ProblemsPrint pp = { 0 };
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Write the problems to a CSV file"), "FILE" },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv,
                           _("PROJECT — list rejected and suspicious rows of the imports"),
                           entries, _("problems takes one PROJECT file")))
    return EXIT_USAGE;

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL || (imports = sc_project_list_imports (project, &error)) == NULL)
    return report_error (error);

  out = g_string_new (csv != NULL ? SC_IMPORT_PROBLEMS_CSV_HEADER : NULL);
  pp.out = out;
  pp.csv = csv != NULL;
  pp.imports = imports;
  if (!sc_project_foreach_problem (project, problem_cb, &pp, &error))
    return report_error (error);

  if (csv != NULL)
    {
      if (!g_file_set_contents (csv, out->str, (gssize) out->len, &error))
        return report_error (error);
      g_print (_("%" PRIu64 " problems written to %s\n"), pp.count, csv);
    }
  else if (pp.count == 0)
    g_print (_("No problems: every row was imported.\n"));
  else
    g_print ("%s", out->str);
  return EXIT_SUCCESS;
}

