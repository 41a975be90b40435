/* segments-cli.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The same pipeline as the app, from a terminal. Each command runs its work in a thread
 * while the main loop waits, so Ctrl+C (through g_unix_signal_add) cancels it cleanly: the
 * project is left exactly as it was.
 *
 * Exit codes: 0 success, 1 bad input or a failed operation, 2 usage error, 130 cancelled. */

#include "config.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-private.h"
#include "sc-detect.h"
#include "sc-potential.h"
#include "sc-project.h"
#include "sc-features.h"
#include "sc-aggregates.h"
#include "sc-rfm.h"
#include "sc-value.h"

Cli cli;

int
usage_error (const char *fmt,
             ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, fmt);
  msg = g_strdup_vprintf (fmt, args);
  va_end (args);
  g_printerr ("segments-cli: %s\n", msg);
  g_printerr (_("Run “segments-cli --help” for usage.\n"));
  return EXIT_USAGE;
}

int
report_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr (_("Cancelled; the project is unchanged.\n"));
      return EXIT_CANCELLED;
    }
  g_printerr ("segments-cli: %s\n", error->message);
  return EXIT_FAILURE;
}

void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  int percent = (int) floor (fraction * 100);

  if (!cli.show_progress)
    return;
  g_mutex_lock (&cli.mutex);
  if (message != NULL && g_strcmp0 (message, cli.last_message) != 0)
    {
      g_free (cli.last_message);
      cli.last_message = g_strdup (message);
      cli.last_percent = -1;
    }
  if (percent != cli.last_percent)
    {
      cli.last_percent = percent;
      g_printerr ("\r\033[K%3d%% %s", percent, cli.last_message ? cli.last_message : "");
      if (percent >= 100)
        g_printerr ("\r\033[K");
    }
  g_mutex_unlock (&cli.mutex);
}

static gboolean
on_sigint (gpointer user_data)
{
  g_cancellable_cancel (cli.cancellable);
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  WorkFunc  func;
  gpointer  data;
  gpointer  result;
  GError   *error;
} Work;

static gboolean
quit_loop (gpointer user_data)
{
  g_main_loop_quit (cli.loop);
  return G_SOURCE_REMOVE;
}

static gpointer
work_thread (gpointer user_data)
{
  Work *work = user_data;

  work->result = work->func (work->data, &work->error);
  g_idle_add (quit_loop, NULL);
  return NULL;
}

/* Runs func in a thread; the main loop handles Ctrl+C meanwhile. */
gpointer
run_cancellable (WorkFunc   func,
                 gpointer   data,
                 GError   **error)
{
  Work work = { func, data, NULL, NULL };
  GThread *thread;
  guint sigint;

  sigint = g_unix_signal_add (SIGINT, on_sigint, NULL);
  thread = g_thread_new ("segments-cli-work", work_thread, &work);
  g_main_loop_run (cli.loop);
  g_thread_join (thread);
  g_source_remove (sigint);

  if (work.error != NULL)
    g_propagate_error (error, work.error);
  return work.result;
}

/* ------------------------------------------------------------------------------------------ */

char *
json_escape (const char *s)
{
  GString *out = g_string_new ("\"");

  for (const char *p = s != NULL ? s : ""; *p; p++)
    {
      unsigned char c = (unsigned char) *p;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

char *
json_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    return g_strdup ("null");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.17g", v));
}

/* ------------------------------------------------------------------------------------------ */
/* import                                                                                      */

typedef struct
{
  ScProject       *project;
  ScImportOptions  options;
} ImportWork;

static gpointer
import_work (gpointer  data,
             GError  **error)
{
  ImportWork *w = data;
  g_autoptr(ScStore) store = sc_store_open (sc_project_get_path (w->project), FALSE, error);

  if (store == NULL)
    return NULL;
  return sc_import (store, &w->options, progress_cb, NULL, cli.cancellable, error);
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
  else if (g_ascii_strcasecmp (s, "space") == 0 || g_ascii_strcasecmp (s, "whitespace") == 0)
    *delimiter = ' ';
  else if (strlen (s) == 1 && strchr (",;| ", s[0]) != NULL)
    *delimiter = s[0];
  else
    return FALSE;
  return TRUE;
}

static int
cmd_import (int    argc,
            char **argv)
{
  g_autofree char *transactions = NULL;
  g_autofree char *customers = NULL;
  g_auto(GStrv) maps = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *date_format = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScImportReport) report = NULL;
  g_autofree char *text = NULL;
  ImportWork work = { 0 };
  gboolean existed;
  const GOptionEntry entries[] = {
    { "transactions", 0, 0, G_OPTION_ARG_FILENAME, &transactions, N_("Orders or order lines file"), "FILE" },
    { "customers", 0, 0, G_OPTION_ARG_FILENAME, &customers, N_("Customer list"), "FILE" },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Column of a role: customer, date, amount, quantity, price, order, consent"), "ROLE=COLUMN" },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &delimiter, N_("Field delimiter: , ; | tab space"), "C" },
    { "date-format", 0, 0, G_OPTION_ARG_STRING, &date_format, N_("auto, ymd, dmy, mdy or yyyymmdd"), "FORMAT" },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — import orders and a customer list"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc != 2)
    return usage_error (_("import takes one PROJECT file"));
  if (transactions == NULL && customers == NULL)
    return usage_error (_("import needs --transactions FILE and/or --customers FILE"));

  sc_import_options_init (&work.options);
  work.options.transactions_path = g_steal_pointer (&transactions);
  work.options.customers_path = g_steal_pointer (&customers);
  if (delimiter != NULL && !parse_delimiter (delimiter, &work.options.delimiter))
    {
      sc_import_options_clear (&work.options);
      return usage_error (_("unknown delimiter “%s”: use , ; | tab or space"), delimiter);
    }
  if (date_format != NULL && !parse_date_order (date_format, &work.options.date_order))
    {
      sc_import_options_clear (&work.options);
      return usage_error (_("unknown date format “%s”: use auto, ymd, dmy, mdy or yyyymmdd"),
                          date_format);
    }
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      const char *eq = strchr (maps[i], '=');
      g_autofree char *role_name = eq ? g_strndup (maps[i], eq - maps[i]) : NULL;
      ScColumnRole role;

      if (eq == NULL || eq[1] == '\0' || !sc_column_role_from_string (role_name, &role) ||
          role == SC_ROLE_IGNORE || role == SC_ROLE_ATTRIBUTE)
        {
          sc_import_options_clear (&work.options);
          return usage_error (_("--map takes ROLE=COLUMN with ROLE one of customer, date, amount, "
                                "quantity, price, order, consent (got “%s”)"), maps[i]);
        }
      g_free (work.options.map[role]);
      work.options.map[role] = g_strdup (eq + 1);
    }

  existed = g_file_test (argv[1], G_FILE_TEST_EXISTS);
  project = sc_project_open (argv[1], TRUE, &error);
  if (project == NULL)
    {
      sc_import_options_clear (&work.options);
      return report_error (error);
    }

  work.project = project;
  report = run_cancellable (import_work, &work, &error);
  sc_import_options_clear (&work.options);
  if (report == NULL)
    {
      /* A project this command created for an import that failed holds nothing: leave no
       * empty file behind. */
      if (!existed)
        {
          g_autofree char *wal = g_strconcat (argv[1], "-wal", NULL);
          g_autofree char *shm = g_strconcat (argv[1], "-shm", NULL);

          g_clear_object (&project);
          g_unlink (argv[1]);
          g_unlink (wal);
          g_unlink (shm);
        }
      return report_error (error);
    }

  text = sc_import_report_format (report);
  g_print ("%s", text);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------------ */
/* segment                                                                                     */

typedef struct
{
  ScProject   *project;
  ScRunParams  params;
} SegmentWork;

static gpointer
segment_work (gpointer  data,
              GError  **error)
{
  SegmentWork *w = data;
  g_autoptr(ScStore) store = sc_store_open (sc_project_get_path (w->project), FALSE, error);

  if (store == NULL)
    return NULL;
  return sc_run_segment (store, &w->params, progress_cb, NULL, cli.cancellable, error);
}

gboolean
parse_uint (const char *s,
            guint64     max,
            guint64    *out)
{
  return g_ascii_string_to_unsigned (s, 10, 0, max, out, NULL);
}

static void print_run (const ScRun *run);

static int
cmd_segment (int    argc,
             char **argv)
{
  g_autofree char *k = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *n_init = NULL;
  g_autofree char *outliers = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScRun) run = NULL;
  SegmentWork work = { 0 };
  guint64 v;
  const GOptionEntry entries[] = {
    { "k", 0, 0, G_OPTION_ARG_STRING, &k, N_("Number of segments, or auto (2–8 by silhouette)"), "auto|N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed, N_("Random seed (default 0)"), "N" },
    { "n-init", 0, 0, G_OPTION_ARG_STRING, &n_init, N_("k-means restarts (default 10)"), "N" },
    { "outliers", 0, 0, G_OPTION_ARG_STRING, &outliers, N_("Robust z-score above which customers are outliers, or off (default 3.5)"), "Z|off" },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — segment the customers"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc != 2)
    return usage_error (_("segment takes one PROJECT file"));

  sc_run_params_init (&work.params);
  if (k != NULL && g_ascii_strcasecmp (k, "auto") != 0)
    {
      if (!parse_uint (k, 50, &v) || v < 1)
        return usage_error (_("--k takes auto or a number from 1 to 50 (got “%s”)"), k);
      work.params.k = (guint) v;
    }
  if (seed != NULL)
    {
      if (!parse_uint (seed, G_MAXINT64, &v))
        return usage_error (_("--seed takes a non-negative number (got “%s”)"), seed);
      work.params.seed = v;
    }
  if (n_init != NULL)
    {
      if (!parse_uint (n_init, 1000, &v) || v < 1)
        return usage_error (_("--n-init takes a number from 1 to 1000 (got “%s”)"), n_init);
      work.params.n_init = (guint) v;
    }
  if (outliers != NULL)
    {
      char *end = NULL;
      double z;

      if (g_ascii_strcasecmp (outliers, "off") == 0)
        work.params.outlier_z = 0;
      else
        {
          z = g_ascii_strtod (outliers, &end);
          if (end == outliers || *end != '\0' || !(z > 0) || !isfinite (z))
            return usage_error (_("--outliers takes a positive z-score or off (got “%s”)"),
                                outliers);
          work.params.outlier_z = z;
        }
    }

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);

  work.project = project;
  run = run_cancellable (segment_work, &work, &error);
  if (run == NULL)
    return report_error (error);

  print_run (run);
  print_carry_over (sc_project_get_path (project), run->id);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------------ */
/* clv                                                                                         */

typedef struct
{
  ScProject         *project;
  ScPotentialParams  params;
} ClvWork;

static gpointer
clv_work (gpointer  data,
          GError  **error)
{
  ClvWork *w = data;
  g_autoptr(ScStore) store = sc_store_open (sc_project_get_path (w->project), FALSE, error);
  g_autoptr(ScPotential) pot = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(GError) local_error = NULL;

  if (store == NULL)
    return NULL;
  progress_cb (0.0, _("Fitting the purchase and spend models"), NULL);
  pot = sc_potential_fit (store, &w->params, cli.cancellable, error);
  if (pot == NULL || !sc_potential_save (store, pot, error))
    return NULL;

  /* Place the current segments on the value × potential grid. */
  run = sc_run_load_current (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (run != NULL && !sc_run_apply_potential (store, run, pot, error))
    return NULL;
  progress_cb (1.0, NULL, NULL);
  return g_steal_pointer (&pot);
}

static void
print_potential_json (const ScPotential *pot)
{
  g_autofree char *r = json_number (pot->bg.r);
  g_autofree char *alpha = json_number (pot->bg.alpha);
  g_autofree char *a = json_number (pot->bg.a);
  g_autofree char *b = json_number (pot->bg.b);
  g_autofree char *ll = json_number (pot->bg.log_likelihood);
  g_autofree char *until = sc_day_format (pot->params.until);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"until\": \"%s\", \"time_unit\": \"%s\", "
                          "\"horizon_months\": %u, \"bgnbd\": {\"r\": %s, \"alpha\": %s, "
                          "\"a\": %s, \"b\": %s, \"log_likelihood\": %s, \"customers\": %"
                          "zu" ", \"converged\": %s}",
                          until, pot->params.unit == SC_TIME_UNIT_DAY ? "day" : "week",
                          pot->params.horizon_months, r, alpha, a, b, ll, pot->bg.customers,
                          pot->bg.converged ? "true" : "false");
  if (pot->has_gg)
    {
      g_autofree char *p = json_number (pot->gg.p);
      g_autofree char *q = json_number (pot->gg.q);
      g_autofree char *gamma = json_number (pot->gg.gamma);
      g_autofree char *corr = json_number (pot->gg.frequency_spend_correlation);

      g_string_append_printf (out, ", \"gamma_gamma\": {\"p\": %s, \"q\": %s, \"gamma\": %s, "
                              "\"customers\": %" "zu" ", \"excluded\": %"
                              "zu" ", \"frequency_spend_correlation\": %s}",
                              p, q, gamma, pot->gg.customers, pot->gg.excluded, corr);
    }
  else
    {
      g_autofree char *note = json_escape (pot->gg_note);
      g_string_append_printf (out, ", \"gamma_gamma\": null, \"gamma_gamma_note\": %s", note);
    }
  if (pot->has_holdout)
    {
      g_autofree char *mae = json_number (pot->holdout_mae);
      g_autofree char *ratio = json_number (pot->holdout_ratio);
      g_autofree char *end = sc_day_format (pot->holdout_end);

      g_string_append_printf (out, ", \"holdout\": {\"end\": \"%s\", \"mae\": %s, "
                              "\"total_ratio\": %s, \"groups\": [", end, mae, ratio);
      for (guint g = 0; g < pot->n_groups; g++)
        {
          g_autofree char *pr = json_number (pot->group_predicted[g]);
          g_autofree char *ac = json_number (pot->group_actual[g]);
          g_string_append_printf (out, "%s{\"x\": %u, \"customers\": %" "zu"
                                  ", \"predicted\": %s, \"actual\": %s}", g > 0 ? ", " : "",
                                  pot->group_x[g], pot->group_customers[g], pr, ac);
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "}\n");
  g_print ("%s", out->str);
  g_string_free (out, TRUE);
}

static void
print_potential (const ScPotential *pot)
{
  g_autofree char *until = sc_day_format (pot->params.until);
  const char *unit = pot->params.unit == SC_TIME_UNIT_DAY ? _("days") : _("weeks");

  g_print (_("Purchase model (BG/NBD, time in %s, data up to %s): r = %.4g, α = %.4g, "
             "a = %.4g, b = %.4g; log-likelihood %.2f over %" "zu" " customers%s\n"),
           unit, until, pot->bg.r, pot->bg.alpha, pot->bg.a, pot->bg.b, pot->bg.log_likelihood,
           pot->bg.customers, pot->bg.converged ? "" : _(" (did not fully converge)"));
  if (pot->has_gg)
    g_print (_("Spend model (Gamma-Gamma): p = %.4g, q = %.4g, γ = %.4g over %" "zu"
               " repeat buyers (%" "zu" " left out); frequency–spend correlation "
               "%.3f%s\n"),
             pot->gg.p, pot->gg.q, pot->gg.gamma, pot->gg.customers, pot->gg.excluded,
             pot->gg.frequency_spend_correlation,
             fabs (pot->gg.frequency_spend_correlation) > 0.3
               ? _(" — spend depends on frequency, so value estimates are less reliable") : "");
  else
    g_print (_("No spend model: %s\n"), pot->gg_note);
  if (pot->has_holdout)
    {
      g_autofree char *end = sc_day_format (pot->holdout_end);

      g_print (_("Holdout check to %s: predicted/actual purchases %.3f, mean absolute error "
                 "%.3f per customer\n"), end, pot->holdout_ratio, pot->holdout_mae);
      g_print ("  %-8s %10s %12s %12s\n", _("Repeat"), _("Customers"), _("Predicted"),
               _("Actual"));
      for (guint g = 0; g < pot->n_groups; g++)
        {
          char label[16];

          g_snprintf (label, sizeof label, g + 1 == pot->n_groups ? "%u+" : "%u",
                      pot->group_x[g]);
          g_print ("  %-8s %10" "zu" " %12.3f %12.3f\n", label,
                   pot->group_customers[g], pot->group_predicted[g], pot->group_actual[g]);
        }
    }
}

static int
cmd_clv (int    argc,
         char **argv)
{
  g_autofree char *until = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *horizon = NULL;
  g_autofree char *discount = NULL;
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScPotential) pot = NULL;
  ClvWork work = { 0 };
  guint64 v;
  const GOptionEntry entries[] = {
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Use only transactions up to this date (calibration period); later ones check the model"), "DATE" },
    { "time-unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Time unit of the purchase model: day or week (default week)"), "UNIT" },
    { "horizon-months", 0, 0, G_OPTION_ARG_STRING, &horizon, N_("Horizon of the expected value, in months (default 12)"), "N" },
    { "discount-rate", 0, 0, G_OPTION_ARG_STRING, &discount, N_("Annual discount rate (default 0.10)"), "RATE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — fit the customer value models (BG/NBD, Gamma-Gamma)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc != 2)
    return usage_error (_("clv takes one PROJECT file"));

  sc_potential_params_init (&work.params);
  if (until != NULL && !sc_parse_date (until, SC_DATE_ORDER_AUTO, &work.params.until))
    return usage_error (_("--until takes a date such as 2025-06-30 (got “%s”)"), until);
  if (unit != NULL)
    {
      if (g_str_equal (unit, "day"))
        work.params.unit = SC_TIME_UNIT_DAY;
      else if (g_str_equal (unit, "week"))
        work.params.unit = SC_TIME_UNIT_WEEK;
      else
        return usage_error (_("--time-unit takes day or week (got “%s”)"), unit);
    }
  if (horizon != NULL)
    {
      if (!parse_uint (horizon, 120, &v) || v < 1)
        return usage_error (_("--horizon-months takes a number from 1 to 120 (got “%s”)"),
                            horizon);
      work.params.horizon_months = (guint) v;
    }
  if (discount != NULL)
    {
      char *end = NULL;
      double rate = g_ascii_strtod (discount, &end);

      if (end == discount || *end != '\0' || !(rate >= 0 && rate < 10))
        return usage_error (_("--discount-rate takes a rate such as 0.1 (got “%s”)"), discount);
      work.params.annual_discount_rate = rate;
    }

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);
  work.project = project;
  pot = run_cancellable (clv_work, &work, &error);
  if (pot == NULL)
    return report_error (error);

  if (json)
    print_potential_json (pot);
  else
    print_potential (pot);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------------ */
/* rfm                                                                                         */

static gboolean
parse_thresholds (const char *text,
                  double     *t)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      t[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end != '\0' || !isfinite (t[i]) || (i > 0 && t[i] < t[i - 1]))
        return FALSE;
    }
  return TRUE;
}

static int
cmd_rfm (int    argc,
         char **argv)
{
  g_autofree char *recency = NULL;
  g_autofree char *frequency = NULL;
  g_autofree char *monetary = NULL;
  gboolean reset = FALSE, json = FALSE, custom = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(ScFeatures) features = NULL;
  g_autofree guint8 *r = NULL;
  g_autofree guint8 *f = NULL;
  g_autofree guint8 *m = NULL;
  guint64 counts[SC_N_RFM_NAMES] = { 0 };
  ScRfmThresholds t;
  const GOptionEntry entries[] = {
    { "recency", 0, 0, G_OPTION_ARG_STRING, &recency, N_("Recency thresholds in days: four rising numbers; at most the first scores 5"), "A,B,C,D" },
    { "frequency", 0, 0, G_OPTION_ARG_STRING, &frequency, N_("Frequency thresholds in orders: at most the first scores 1"), "A,B,C,D" },
    { "monetary", 0, 0, G_OPTION_ARG_STRING, &monetary, N_("Spend thresholds: at most the first scores 1"), "A,B,C,D" },
    { "reset", 0, 0, G_OPTION_ARG_NONE, &reset, N_("Go back to quintiles of the data"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — show or set the RFM score thresholds"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc != 2)
    return usage_error (_("rfm takes one PROJECT file"));

  store = sc_store_open (argv[1], FALSE, &error);
  if (store == NULL)
    return report_error (error);
  agg = sc_store_load_aggregates (store, &error);
  if (agg == NULL)
    return report_error (error);
  features = sc_features_compute (agg, SC_FEATURES_AS_OF_AUTO);
  if (!sc_rfm_thresholds_for (store, features, &t, &custom, &error))
    return report_error (error);

  if (reset)
    {
      if (!sc_rfm_thresholds_save (store, NULL, &error))
        return report_error (error);
      sc_rfm_thresholds_compute (features, &t);
      custom = FALSE;
    }
  if (recency != NULL || frequency != NULL || monetary != NULL)
    {
      if ((recency != NULL && !parse_thresholds (recency, t.recency)) ||
          (frequency != NULL && !parse_thresholds (frequency, t.frequency)) ||
          (monetary != NULL && !parse_thresholds (monetary, t.monetary)))
        return usage_error (_("thresholds are four rising numbers separated by commas, "
                              "such as 30,90,180,365"));
      if (!sc_rfm_thresholds_save (store, &t, &error))
        return report_error (error);
      custom = TRUE;
    }

  r = g_new (guint8, MAX (agg->n, 1));
  f = g_new (guint8, MAX (agg->n, 1));
  m = g_new (guint8, MAX (agg->n, 1));
  sc_rfm_score (features, &t, r, f, m);
  for (guint32 i = 0; i < agg->n; i++)
    if (agg->n_rows[i] > 0)
      counts[sc_rfm_name (r[i], f[i], m[i])]++;

  if (json)
    {
      GString *out = g_string_new ("{");
      const char *rows[] = { "recency", "frequency", "monetary" };
      const double *values[] = { t.recency, t.frequency, t.monetary };

      g_string_append_printf (out, "\"custom\": %s", custom ? "true" : "false");
      for (guint k = 0; k < 3; k++)
        {
          g_string_append_printf (out, ", \"%s\": [", rows[k]);
          for (guint i = 0; i < 4; i++)
            {
              g_autofree char *v = json_number (values[k][i]);
              g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", v);
            }
          g_string_append_c (out, ']');
        }
      g_string_append (out, ", \"customers\": {");
      for (guint n = 0; n < SC_N_RFM_NAMES; n++)
        g_string_append_printf (out, "%s\"%s\": %" PRIu64, n > 0 ? ", " : "",
                                sc_rfm_name_to_string (n), counts[n]);
      g_string_append (out, "}}\n");
      g_print ("%s", out->str);
      g_string_free (out, TRUE);
      return EXIT_SUCCESS;
    }

  g_print (custom ? _("RFM thresholds set for this project:\n")
                  : _("RFM thresholds (quintiles of the data):\n"));
  g_print (_("  Recency (days):  %g, %g, %g, %g  (at most the first scores 5)\n"),
           t.recency[0], t.recency[1], t.recency[2], t.recency[3]);
  g_print (_("  Frequency:       %g, %g, %g, %g  (at most the first scores 1)\n"),
           t.frequency[0], t.frequency[1], t.frequency[2], t.frequency[3]);
  g_print (_("  Spend:           %.2f, %.2f, %.2f, %.2f  (at most the first scores 1)\n"),
           t.monetary[0], t.monetary[1], t.monetary[2], t.monetary[3]);
  g_print (_("Customers by RFM group:\n"));
  for (guint n = 0; n < SC_N_RFM_NAMES; n++)
    g_print ("  %-20s %10" PRIu64 "\n", sc_rfm_name_to_label (n), counts[n]);
  return EXIT_SUCCESS;
}

/* ------------------------------------------------------------------------------------------ */
/* show                                                                                        */

static void
print_run (const ScRun *run)
{
  g_autofree char *as_of = sc_day_format (run->params.as_of);
  g_autofree guint *order = sc_run_priority_order (run);

  if (isfinite (run->silhouette))
    g_print (_("%u segments (k = %u%s), as of %s; silhouette %.3f%s, inertia %.1f\n"),
             run->n_segments, run->k, run->k_auto ? _(", chosen by silhouette") : "", as_of,
             run->silhouette, run->silhouette_sampled ? _(" (sampled)") : "", run->inertia);
  else
    g_print (_("%u segments, as of %s, shaped by hand\n"), run->n_segments, as_of);
  g_print ("%-4s %-36s %10s %7s %14s %7s %9s %9s %11s %11s %11s  %s\n", _("Rank"),
           _("Segment"), _("Customers"), _("Share"), _("Revenue"), _("Rev %"), _("Recency"),
           _("Orders"), _("Spend"), _("Value"), _("Potential"), _("Quadrant"));
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[order[i]];
      const char *quadrant = sc_quadrant_to_label (sc_segment_info_get_quadrant (s));
      char value[32] = "–", potential[32] = "–";

      /* Value and potential exist once the customer value model has run. */
      if (isfinite (s->value))
        g_snprintf (value, sizeof value, "%.2f", s->value);
      if (isfinite (s->potential))
        g_snprintf (potential, sizeof potential, "%.2f", s->potential);
      g_print ("%-4u %-36s %10" PRIu64 " %6.1f%% %14.2f %6.1f%% %9.1f %9.2f %11.2f "
               "%11s %11s  %s\n",
               s->priority, s->name, s->size, 100 * s->share, s->revenue,
               100 * s->revenue_share, s->recency, s->frequency, s->monetary, value,
               potential, quadrant != NULL ? quadrant : "–");
    }
}

/* Whether an import came after the run: its figures then leave out the new data. */
static gboolean
run_is_stale (ScProject   *project,
              const ScRun *run)
{
  g_autoptr(ScStore) store = sc_store_open (sc_project_get_path (project), FALSE, NULL);
  g_autoptr(GArray) imports = NULL;

  if (store == NULL || !sc_store_list_imports (store, &imports, NULL) || imports->len == 0)
    return FALSE;
  /* Both are ISO 8601 in UTC, so they compare as text. */
  return g_strcmp0 (g_array_index (imports, ScImportRecord, imports->len - 1).imported_at,
                    run->created_at) > 0;
}

static guint64
rejected_rows (ScProject *project)
{
  g_autoptr(ScStore) store = sc_store_open (sc_project_get_path (project), FALSE, NULL);
  g_autoptr(GArray) imports = NULL;
  guint64 n = 0;

  if (store == NULL || !sc_store_list_imports (store, &imports, NULL))
    return 0;
  for (guint i = 0; i < imports->len; i++)
    n += g_array_index (imports, ScImportRecord, i).rows_rejected;
  return n;
}

static void
print_json (ScProject *project)
{
  const ScRun *run = sc_project_get_run (project);
  GString *out = g_string_new ("{");

  g_string_append_printf (out, "\"customers\": %" PRIu64 ", \"transactions\": %"
                          PRIu64 ", \"rejected_rows\": %" PRIu64,
                          sc_project_get_n_customers (project),
                          sc_project_get_n_transactions (project), rejected_rows (project));
  if (run == NULL)
    g_string_append (out, ", \"k\": null, \"inertia\": null, \"silhouette\": null, "
                          "\"segments\": []");
  else
    {
      g_autofree char *inertia = json_number (run->inertia);
      g_autofree char *silhouette = json_number (run->silhouette);
      g_autofree char *as_of = sc_day_format (run->params.as_of);

      g_string_append_printf (out, ", \"k\": %u, \"k_auto\": %s, \"as_of\": \"%s\", "
                              "\"stale\": %s, \"inertia\": %s, \"silhouette\": %s, "
                              "\"segments\": [",
                              run->k, run->k_auto ? "true" : "false", as_of,
                              run_is_stale (project, run) ? "true" : "false", inertia,
                              silhouette);
      for (guint i = 0; i < run->n_segments; i++)
        {
          const ScSegmentInfo *s = &run->segments[i];
          g_autofree char *name = json_escape (s->name);
          g_autofree char *revenue = json_number (s->revenue);
          g_autofree char *share = json_number (s->share);
          g_autofree char *rshare = json_number (s->revenue_share);
          g_autofree char *r = json_number (s->recency);
          g_autofree char *f = json_number (s->frequency);
          g_autofree char *m = json_number (s->monetary);
          g_autofree char *value = json_number (s->value);
          g_autofree char *potential = json_number (s->potential);
          g_autofree char *p_alive = json_number (s->p_alive);
          g_autofree char *quadrant = s->quadrant ? json_escape (s->quadrant) : g_strdup ("null");

          g_string_append_printf (out, "%s{\"id\": %u, \"name\": %s, \"size\": %" PRIu64
                                  ", \"share\": %s, \"revenue\": %s, \"revenue_share\": %s, "
                                  "\"is_outliers\": %s, \"centroid\": {\"recency\": %s, "
                                  "\"frequency\": %s, \"monetary\": %s}, \"value\": %s, "
                                  "\"potential\": %s, \"quadrant\": %s, \"p_alive\": %s}",
                                  i > 0 ? ", " : "", s->position + 1, name, s->size, share,
                                  revenue, rshare, s->is_outliers ? "true" : "false", r, f, m,
                                  value, potential, quadrant, p_alive);
        }
      g_string_append_c (out, ']');
      {
        g_autofree char *vt = json_number (run->value_threshold);
        g_autofree char *pt = json_number (run->potential_threshold);
        g_string_append_printf (out, ", \"value_threshold\": %s, \"potential_threshold\": %s",
                                vt, pt);
      }
    }
  g_string_append (out, "}\n");
  g_print ("%s", out->str);
  g_string_free (out, TRUE);
}

static int
cmd_show (int    argc,
          char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  const ScRun *run;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — show the data and the current segments"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc != 2)
    return usage_error (_("show takes one PROJECT file"));

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);

  if (json)
    {
      print_json (project);
      return EXIT_SUCCESS;
    }

  g_print (_("%" PRIu64 " customers, %" PRIu64 " transactions, %"
             PRIu64 " rejected rows\n"),
           sc_project_get_n_customers (project), sc_project_get_n_transactions (project),
           rejected_rows (project));
  run = sc_project_get_run (project);
  if (run == NULL)
    g_print (_("Not segmented yet: run “segments-cli segment %s”.\n"), argv[1]);
  else
    {
      print_run (run);
      if (run_is_stale (project, run))
        g_print (_("Data was imported after these segments were made: run “segments-cli "
                   "assign %s” to place new customers in them, or “segments-cli segment %s” "
                   "to segment again.\n"), argv[1], argv[1]);
    }
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
      g_string_append_printf (pp->out, "%s:%" PRIu64 ": %s: %s\n", base, p->line,
                              p->kind, p->reason);
    }
  return TRUE;
}

static int
cmd_problems (int    argc,
              char **argv)
{
  g_autofree char *csv = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(GArray) imports = NULL;
  g_autoptr(GString) out = NULL;
  ProblemsPrint pp = { 0 };
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Write the problems to a CSV file"), "FILE" },
    { NULL }
  };

  context = g_option_context_new (_("PROJECT — list rejected and suspicious rows of the imports"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc != 2)
    return usage_error (_("problems takes one PROJECT file"));

  store = sc_store_open (argv[1], FALSE, &error);
  if (store == NULL || !sc_store_list_imports (store, &imports, &error))
    return report_error (error);

  out = g_string_new (csv != NULL ? SC_IMPORT_PROBLEMS_CSV_HEADER : NULL);
  pp.out = out;
  pp.csv = csv != NULL;
  pp.imports = imports;
  if (!sc_store_foreach_problem (store, problem_cb, &pp, &error))
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

/* ------------------------------------------------------------------------------------------ */

static const struct
{
  const char *name;
  int       (*func) (int argc, char **argv);
  const char *summary;
} commands[] = {
  { "import", cmd_import, N_("Import orders (and a customer list) into a project") },
  { "segment", cmd_segment, N_("Segment the customers of a project") },
  { "clv", cmd_clv, N_("Fit customer value models: P(alive), expected value, potential") },
  { "show", cmd_show, N_("Show the data and the current segments") },
  { "rfm", cmd_rfm, N_("Show or set the RFM score thresholds") },
  { "export", cmd_export, N_("Export each customer’s segment (CSV) and the segment definitions") },
  { "report", cmd_report, N_("Write the segments report or slides as a PDF") },
  { "chart", cmd_chart, N_("Draw a chart of the segments as PNG, SVG or PDF") },
  { "problems", cmd_problems, N_("List the rows an import rejected or flagged") },
  { "snapshot", cmd_snapshot, N_("Freeze the current segments as a snapshot") },
  { "snapshots", cmd_snapshots, N_("List the snapshots, or delete one") },
  { "drift", cmd_drift, N_("Show what changed between two snapshots: drift and migration") },
  { "assign", cmd_assign, N_("Assign customers, new ones included, to the current segments") },
};

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s", _("Usage: segments-cli COMMAND PROJECT [OPTION…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "%s", _("\nRun “segments-cli COMMAND --help” for the options of a command.\n"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_SUCCESS;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("segments-cli %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (argv[1], commands[i].name))
        continue;

      cli.loop = g_main_loop_new (NULL, FALSE);
      cli.cancellable = g_cancellable_new ();
      cli.show_progress = isatty (STDERR_FILENO);
      cli.last_percent = -1;
      g_mutex_init (&cli.mutex);

      /* The command sees itself as argv[0], so GOptionContext prints its usage. */
      {
        g_autofree char *prog = g_strdup_printf ("segments-cli %s", argv[1]);
        g_set_prgname (prog);
      }
      status = commands[i].func (argc - 1, argv + 1);

      g_clear_pointer (&cli.loop, g_main_loop_unref);
      g_clear_object (&cli.cancellable);
      g_clear_pointer (&cli.last_message, g_free);
      return status;
    }

  return usage_error (_("unknown command “%s”"), argv[1]);
}
