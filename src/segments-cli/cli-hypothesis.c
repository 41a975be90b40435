/* cli-hypothesis.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Hypotheses from a terminal: hypothesis add (state one), list (the stated ones and the
 * customer list's suggestions), test (each against the data, with a verdict) and remove.
 * Testing resamples every customer two thousand times per hypothesis, so it runs through
 * run_cancellable(): Ctrl+C stops it. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cli-commands.h"
#include "cli-common.h"

typedef struct
{
  ScProject          *project;
  gboolean            suggest;
  ScHypothesisReport *report;
} TestWork;

static gpointer
test_work (gpointer  data,
           GError  **error)
{
  TestWork *w = data;

  w->report = sc_project_test_hypotheses (w->project, w->suggest, cli.cancellable, error);
  return w->report;
}

static void
append_result_json (GString                  *out,
                    const ScHypothesisResult *r,
                    gboolean                  tested)
{
  g_autofree char *statement = json_escape (r->statement);
  g_autofree char *group_text = sc_hypothesis_group_to_string (&r->hypothesis);
  g_autofree char *group = json_escape (group_text);
  g_autofree char *sentence = json_escape (r->sentence);
  g_autofree char *effect = json_number (r->effect);
  g_autofree char *p = json_number (r->p_value);
  g_autofree char *group_value = json_number (r->group_value);
  g_autofree char *rest_value = json_number (r->rest_value);

  g_string_append_printf (out, "{\"id\": %" G_GINT64_FORMAT ", \"statement\": %s, "
                          "\"group\": %s, \"metric\": \"%s\", \"direction\": \"%s\", ",
                          r->hypothesis.id, statement, group,
                          sc_hypothesis_metric_to_string (r->hypothesis.metric),
                          sc_hypothesis_direction_to_string (r->hypothesis.direction));
  if (tested)
    {
      g_autofree char *low = json_number (r->ci_low);
      g_autofree char *high = json_number (r->ci_high);
      g_autofree char *adjusted = json_number (r->p_adjusted);

      g_string_append_printf (out, "\"verdict\": \"%s\", \"ci_low\": %s, \"ci_high\": %s, "
                              "\"p_adjusted\": %s, ",
                              sc_hypothesis_verdict_to_string (r->verdict), low, high,
                              adjusted);
    }
  g_string_append_printf (out, "\"effect\": %s, \"p_value\": %s, \"n_group\": %" PRIu64 ", "
                          "\"n_rest\": %" PRIu64 ", \"group_value\": %s, \"rest_value\": %s, "
                          "\"sentence\": %s}",
                          effect, p, r->n_group, r->n_rest, group_value, rest_value, sentence);
}

static void
print_json (const ScHypothesisReport *report,
            gboolean                  tested,
            gboolean                  suggestions)
{
  GString *out = g_string_new ("{\"hypotheses\": [");

  for (guint i = 0; i < report->results->len; i++)
    {
      g_string_append (out, i > 0 ? ", " : "");
      append_result_json (out, g_ptr_array_index (report->results, i), tested);
    }
  g_string_append (out, "]");
  if (suggestions)
    {
      g_string_append (out, ", \"suggestions\": [");
      for (guint i = 0; i < report->suggestions->len; i++)
        {
          g_string_append (out, i > 0 ? ", " : "");
          append_result_json (out, g_ptr_array_index (report->suggestions, i), FALSE);
        }
      g_string_append (out, "]");
    }
  g_print ("%s}\n", out->str);
  g_string_free (out, TRUE);
}

static void
print_suggestions (const ScHypothesisReport *report)
{
  if (report->suggestions->len == 0)
    {
      g_print ("%s\n", _("No suggestions: no value of the customer list stands out clearly."));
      return;
    }
  g_print ("\n%s\n", _("Suggested from the customer list (add with segments-cli hypothesis add):"));
  for (guint i = 0; i < report->suggestions->len; i++)
    {
      const ScHypothesisResult *r = g_ptr_array_index (report->suggestions, i);
      g_autofree char *group = sc_hypothesis_group_to_string (&r->hypothesis);
      g_autofree char *sentence = terminal_text (r->sentence, FALSE);

      g_print ("  [suggested] %s\n      --group '%s' --metric %s --direction %s\n", sentence,
               group, sc_hypothesis_metric_to_string (r->hypothesis.metric),
               sc_hypothesis_direction_to_string (r->hypothesis.direction));
    }
}

/* list and test */
static int
list_or_test (int       argc,
              char    **argv,
              gboolean  test)
{
  gboolean json = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(GPtrArray) stated = NULL;
  TestWork work = { 0 };
  if (!parse_project_json_args (&argc, &argv,
                                test ? _("PROJECT — test every hypothesis against the data")
                                     : _("PROJECT — list the hypotheses and suggestions"),
                                N_("Print JSON"),
                                _("hypothesis list and test take one PROJECT file"), &json))
    return EXIT_USAGE;

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);
  stated = sc_project_list_hypotheses (project, &error);
  if (stated == NULL)
    return report_error (error);

  work.project = project;
  work.suggest = !test;
  if (run_cancellable (test_work, &work, &error) == NULL)
    {
      /* a project without customers still lists what it states */
      if (test || !g_error_matches (error, SC_ERROR, SC_ERROR_NO_DATA))
        return report_error (error);
      g_clear_error (&error);
      work.report = g_new0 (ScHypothesisReport, 1);
      work.report->results = g_ptr_array_new ();
      work.report->suggestions = g_ptr_array_new ();
      for (guint i = 0; i < stated->len; i++)
        {
          ScHypothesisResult *r = g_new0 (ScHypothesisResult, 1);

          sc_hypothesis_copy_into (&r->hypothesis, g_ptr_array_index (stated, i));
          r->statement = sc_hypothesis_statement (&r->hypothesis);
          r->effect = r->p_value = r->group_value = r->rest_value = NAN;
          g_ptr_array_add (work.report->results, r);
        }
      g_ptr_array_set_free_func (work.report->results, (GDestroyNotify) sc_hypothesis_result_free);
    }

  if (json)
    print_json (work.report, test, !test);
  else
    {
      if (work.report->results->len == 0)
        g_print ("%s\n", _("No hypotheses yet."));
      for (guint i = 0; i < work.report->results->len; i++)
        {
          const ScHypothesisResult *r = g_ptr_array_index (work.report->results, i);
          g_autofree char *statement = terminal_text (r->statement, FALSE);
          g_autofree char *sentence = terminal_text (r->sentence, FALSE);

          g_print ("%3" G_GINT64_FORMAT "  %s\n", r->hypothesis.id, statement);
          if (test)
            g_print ("     %s\n", sentence);
        }
      if (test)
        g_print ("\n%s\n", _("Mann–Whitney U (repeat rate: two proportions), one-sided, Holm-"
                             "corrected across the project’s hypotheses; 95% bootstrap "
                             "intervals; at least 30 customers on each side."));
      else
        print_suggestions (work.report);
    }
  sc_hypothesis_report_free (work.report);
  return EXIT_SUCCESS;
}

static int
add (int    argc,
     char **argv)
{
  g_autofree char *group = NULL;
  g_autofree char *metric = NULL;
  g_autofree char *direction = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  ScHypothesis h = { 0 };
  gint64 id;
  const GOptionEntry entries[] = {
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Who: an attribute’s value, a segment or an interaction type"), "ATTRIBUTE=VALUE|segment=NAME|interaction=TYPE" },
    { "metric", 0, 0, G_OPTION_ARG_STRING, &metric, N_("What: spend, orders, order_value, p_alive or repeat_rate"), "METRIC" },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction, N_("higher or lower than the rest"), "higher|lower" },
    { NULL }
  };

  if (!parse_project_args (&argc, &argv, _("PROJECT — state a hypothesis to test"), entries,
                           _("hypothesis add takes one PROJECT file")))
    return EXIT_USAGE;
  if (group == NULL || metric == NULL || direction == NULL)
    return usage_error (_("hypothesis add needs --group, --metric and --direction"));
  if (!g_utf8_validate (group, -1, NULL) || !sc_hypothesis_parse_group (group, &h, &error))
    {
      sc_hypothesis_clear (&h);
      return usage_error ("%s", error != NULL ? error->message : _("--group is not UTF-8"));
    }
  if (!sc_hypothesis_metric_from_string (metric, &h.metric))
    {
      sc_hypothesis_clear (&h);
      return usage_error (_("unknown metric “%s”: use spend, orders, order_value, p_alive or "
                            "repeat_rate"), metric);
    }
  if (!sc_hypothesis_direction_from_string (direction, &h.direction))
    {
      sc_hypothesis_clear (&h);
      return usage_error (_("unknown direction “%s”: use higher or lower"), direction);
    }

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    {
      sc_hypothesis_clear (&h);
      return report_error (error);
    }
  id = sc_project_add_hypothesis (project, &h, &error);
  sc_hypothesis_clear (&h);
  if (id == 0)
    {
      /* a group the project does not have is a wrong argument, like a wrong option */
      if (g_error_matches (error, SC_ERROR, SC_ERROR_INVALID_INPUT))
        return usage_error ("%s", error->message);
      return report_error (error);
    }
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_SUCCESS;
}

static int
remove_one (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  gint64 id = 0;

  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT ID — remove a "
                                                              "hypothesis, ID as list shows"));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error ("%s", error->message);
  if (argc != 3 || !parse_id (argv[2], &id) || id <= 0)
    return usage_error (_("hypothesis remove takes a PROJECT file and an ID"));

  project = sc_project_open (argv[1], FALSE, &error);
  if (project == NULL)
    return report_error (error);
  if (!sc_project_remove_hypothesis (project, id, &error))
    {
      if (g_error_matches (error, SC_ERROR, SC_ERROR_INVALID_INPUT))
        return usage_error ("%s", error->message);
      return report_error (error);
    }
  return EXIT_SUCCESS;
}

int
cmd_hypothesis (int    argc,
                char **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;
  g_autofree char *name = NULL;
  char **args;
  int rc;

  if (sub == NULL || (!g_str_equal (sub, "add") && !g_str_equal (sub, "list") &&
                      !g_str_equal (sub, "test") && !g_str_equal (sub, "remove")))
    return usage_error (_("hypothesis needs add, list, test or remove, then a PROJECT file"));

  /* "hypothesis add" becomes the program name the subcommand's usage shows */
  name = g_strdup_printf ("%s %s", argv[0], sub);
  args = g_new0 (char *, argc);
  args[0] = name;
  for (int i = 2; i < argc; i++)
    args[i - 1] = argv[i];
  argc--;

  if (g_str_equal (sub, "add"))
    rc = add (argc, args);
  else if (g_str_equal (sub, "remove"))
    rc = remove_one (argc, args);
  else
    rc = list_or_test (argc, args, g_str_equal (sub, "test"));
  g_free (args);
  return rc;
}
