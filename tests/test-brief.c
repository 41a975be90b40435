/* test-brief.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project brief: stored and read back whole, validated (roles, dates, currencies, KPI
 * text), undone and redone as one edit, and its KPIs' baselines computed from a project
 * whose figures are known from how its data was generated. */

#include <math.h>

#include "sc-project.h"
#include "test-project-utils.h"

static ScBrief *
full_brief (void)
{
  ScBrief *brief = sc_brief_new ();

  brief->objective = g_strdup ("Grow revenue from the best customers");
  brief->goal = g_strdup ("Revenue up 10 % in 2027");
  brief->scope = g_strdup ("All customers who ordered in 2024–2025; a deck and a CSV");
  brief->review_date = g_strdup ("2026-09-30");
  brief->currency = g_strdup ("EUR");
  sc_brief_add_kpi (brief, "repeat rate", 55);
  sc_brief_add_kpi (brief, "Net promoter score", 40);
  sc_brief_add_stakeholder (brief, "Ana Ruiz", "Sales", SC_STAKEHOLDER_SPONSOR);
  sc_brief_add_stakeholder (brief, "Bo Li", NULL, SC_STAKEHOLDER_USER);
  return brief;
}

static void
test_brief_round_trip (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = test_project_new (&dir);
  g_autoptr(ScProject) reopened = NULL;
  g_autoptr(ScBrief) brief = full_brief ();
  g_autoptr(ScBrief) empty = NULL;
  g_autoptr(ScBrief) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const ScStakeholder *s;

  empty = sc_project_load_brief (project, &error);
  g_assert_no_error (error);
  g_assert_true (sc_brief_is_empty (empty));
  g_assert_false (sc_project_get_has_brief (project));

  g_assert_true (sc_project_set_brief (project, brief, &error));
  g_assert_no_error (error);
  g_assert_true (sc_project_get_has_brief (project));

  /* Another connection reads what the file holds. */
  reopened = sc_project_open (sc_project_get_path (project), FALSE, &error);
  g_assert_no_error (error);
  loaded = sc_project_load_brief (reopened, &error);
  g_assert_no_error (error);
  g_assert_true (sc_brief_equal (brief, loaded));
  g_assert_cmpstr (loaded->objective, ==, "Grow revenue from the best customers");
  g_assert_cmpstr (loaded->review_date, ==, "2026-09-30");
  g_assert_cmpstr (loaded->currency, ==, "EUR");
  g_assert_cmpuint (loaded->kpis->len, ==, 2);
  g_assert_cmpstr (g_array_index (loaded->kpis, ScBriefKpi, 1).name, ==, "Net promoter score");
  g_assert_cmpfloat (g_array_index (loaded->kpis, ScBriefKpi, 0).target, ==, 55);
  g_assert_cmpuint (loaded->stakeholders->len, ==, 2);
  s = &g_array_index (loaded->stakeholders, ScStakeholder, 1);
  g_assert_cmpstr (s->name, ==, "Bo Li");
  g_assert_null (s->team);
  g_assert_cmpint (s->role, ==, SC_STAKEHOLDER_USER);

  /* A changed list is a different brief, and replacing it replaces the whole list. */
  g_array_set_size (brief->kpis, 1);
  g_assert_false (sc_brief_equal (brief, loaded));
  g_assert_true (sc_project_set_brief (project, brief, &error));
  g_clear_pointer (&loaded, sc_brief_free);
  loaded = sc_project_load_brief (reopened, &error);
  g_assert_cmpuint (loaded->kpis->len, ==, 1);

  test_remove_dir (dir);
}

static void
test_brief_validation (void)
{
  struct { const char *text; gboolean ok; ScStakeholderRole role; } people[] = {
    { "Ana, Sales, sponsor", TRUE, SC_STAKEHOLDER_SPONSOR },
    { " Ana ,Sales, Approver ", TRUE, SC_STAKEHOLDER_APPROVER },
    { "Ana,,USER", TRUE, SC_STAKEHOLDER_USER },
    { "Ana, Sales, user of the segments", TRUE, SC_STAKEHOLDER_USER },
    { "Ana, Sales, boss", FALSE, 0 },
    { "Ana, Sales", FALSE, 0 },
    { ", Sales, sponsor", FALSE, 0 },
    { "Ana, Sales, sponsor, extra", FALSE, 0 },
  };
  struct { const char *text; gboolean ok; } dates[] = {
    { "2026-09-30", TRUE }, { "2028-02-29", TRUE }, { "2026-02-29", FALSE },
    { "2026-13-01", FALSE }, { "2026-9-30", FALSE }, { "30/09/2026", FALSE },
    { "2026-09-30x", FALSE }, { "", FALSE }, { " 026-09-30", FALSE }, { "2026-09-3a", FALSE },
    { "0000-01-01", FALSE },
  };
  struct { const char *code; gboolean ok; } currencies[] = {
    { "EUR", TRUE }, { "USD", TRUE }, { "JPY", TRUE }, { "CHF", TRUE }, { "eur", FALSE },
    { "XYZ", FALSE }, { "EU", FALSE }, { "EURO", FALSE }, { "UR ", FALSE }, { "R A", FALSE },
  };
  struct { const char *text; gboolean ok; const char *name; double target; } kpis[] = {
    { "repeat rate=40%", TRUE, "repeat rate", 40 },
    { " churn = 12.5 ", TRUE, "churn", 12.5 },
    { "order value=1e3", TRUE, "order value", 1000 },
    { "x=", FALSE, NULL, 0 }, { "=3", FALSE, NULL, 0 }, { "x=abc", FALSE, NULL, 0 },
    { "x=4%%", FALSE, NULL, 0 }, { "no target", FALSE, NULL, 0 }, { "x=inf", FALSE, NULL, 0 },
  };
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = test_project_new (&dir);
  g_autoptr(ScBrief) brief = full_brief ();
  g_autoptr(ScBrief) loaded = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(GError) error = NULL;
      ScStakeholder s;
      gboolean ok = sc_brief_parse_stakeholder (people[i].text, &s, &error);

      g_assert_cmpint (ok, ==, people[i].ok);
      if (ok)
        {
          g_assert_cmpint (s.role, ==, people[i].role);
          g_assert_cmpstr (s.name, ==, "Ana");
          sc_stakeholder_clear (&s);
        }
      else
        g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (sc_brief_check_date (dates[i].text, &error), ==, dates[i].ok);
      g_assert_true (dates[i].ok == (error == NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (sc_brief_check_currency (currencies[i].code, &error), ==,
                       currencies[i].ok);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kpis); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      double target = NAN;

      g_assert_cmpint (sc_brief_parse_kpi (kpis[i].text, &name, &target, &error), ==,
                       kpis[i].ok);
      g_assert_cmpstr (name, ==, kpis[i].name);
      if (kpis[i].ok)
        g_assert_cmpfloat (target, ==, kpis[i].target);
    }

  /* The facade refuses a bad brief and leaves the stored one as it was. */
  g_assert_true (sc_project_set_brief (project, brief, NULL));
  {
    g_autoptr(ScBrief) bad = sc_brief_copy (brief);
    g_autoptr(GError) error = NULL;

    g_free (bad->review_date);
    bad->review_date = g_strdup ("2026-02-30");
    g_assert_false (sc_project_set_brief (project, bad, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
    g_clear_error (&error);

    g_free (bad->review_date);
    bad->review_date = NULL;
    g_free (bad->currency);
    bad->currency = g_strdup ("ABC");
    g_assert_false (sc_project_set_brief (project, bad, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
    g_clear_error (&error);

    g_free (bad->currency);
    bad->currency = NULL;
    g_array_index (bad->stakeholders, ScStakeholder, 0).role = SC_N_STAKEHOLDER_ROLES;
    g_assert_false (sc_project_set_brief (project, bad, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT);
  }
  loaded = sc_project_load_brief (project, NULL);
  g_assert_true (sc_brief_equal (brief, loaded));
  /* Refused edits leave no step to undo: one undo goes back to no brief. */
  g_assert_true (sc_project_undo (project, NULL));
  g_assert_false (sc_project_get_can_undo (project));
  g_assert_false (sc_project_get_has_brief (project));

  test_remove_dir (dir);
}

static void
test_brief_undo (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = test_project_new (&dir);
  g_autoptr(ScBrief) first = full_brief ();
  g_autoptr(ScBrief) second = full_brief ();
  g_autoptr(GError) error = NULL;
  TestParts parts = { 0 };

  test_parts_watch (project, &parts);
  g_free (second->objective);
  second->objective = g_strdup ("Reduce churn among valuable customers");
  g_array_set_size (second->stakeholders, 0);

  g_assert_true (sc_project_set_brief (project, first, &error));
  g_assert_true (sc_project_set_brief (project, second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (parts.all, ==, SC_PROJECT_PART_BRIEF);
  g_assert_cmpuint (parts.n_emissions, ==, 2);

  /* Saving the same brief again is no edit. */
  g_assert_true (sc_project_set_brief (project, second, &error));
  g_assert_cmpuint (parts.n_emissions, ==, 2);

  g_assert_cmpstr (sc_project_get_undo_label (project), ==, "Brief Change");
  for (guint step = 0; step < 2; step++)
    {
      g_autoptr(ScBrief) now = NULL;

      g_assert_true (sc_project_undo (project, &error));
      g_assert_no_error (error);
      now = sc_project_load_brief (project, &error);
      if (step == 0)
        g_assert_true (sc_brief_equal (now, first));
      else
        g_assert_true (sc_brief_is_empty (now));
    }
  g_assert_true (sc_project_redo (project, &error));
  g_assert_true (sc_project_redo (project, &error));
  {
    g_autoptr(ScBrief) now = sc_project_load_brief (project, &error);

    g_assert_true (sc_brief_equal (now, second));
  }
  test_remove_dir (dir);
}

static double
baseline_of (const ScBrief *brief,
             const char    *name)
{
  for (guint i = 0; i < brief->kpis->len; i++)
    if (g_str_equal (g_array_index (brief->kpis, ScBriefKpi, i).name, name))
      return g_array_index (brief->kpis, ScBriefKpi, i).baseline;
  g_assert_not_reached ();
}

/* The planted project (test-project-utils.h): 60 A customers with 10 orders, last 3–7 days
 * before the end; 150 B with 3 orders, 95–104 days before; 240 C with one order 395–404
 * days before; 3 giants Z with one order 50 days before.  The data's last day is the A
 * customers' latest order, end − 3, so B is 92–101 days out: lapsed. */
static void
test_brief_baselines (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ScProject) project = test_project_new_planted (&dir);
  g_autoptr(ScBrief) brief = sc_brief_new ();
  g_autoptr(ScBrief) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint *order = NULL;
  const ScRun *run = sc_project_get_run (project);
  const double n = 60 + 150 + 240 + 3;
  double top;

  sc_brief_add_kpi (brief, "Repeat rate", 60);
  sc_brief_add_kpi (brief, "90-day churn", 50);
  sc_brief_add_kpi (brief, "customers", 500);
  sc_brief_add_kpi (brief, "top_segment_revenue", 1e6);
  sc_brief_add_kpi (brief, "Net promoter score", 40);
  g_assert_true (sc_project_set_brief (project, brief, &error));
  g_assert_no_error (error);

  loaded = sc_project_load_brief (project, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (baseline_of (loaded, "Repeat rate"), 100.0 * 210 / n, 1e-9);
  g_assert_cmpfloat_with_epsilon (baseline_of (loaded, "90-day churn"), 100.0 * 390 / n, 1e-9);
  g_assert_cmpfloat (baseline_of (loaded, "customers"), ==, n);
  g_assert_true (isnan (baseline_of (loaded, "Net promoter score")));

  /* The top segment is the one ranked first: the net spend of its members. */
  order = sc_run_priority_order (run);
  top = baseline_of (loaded, "top_segment_revenue");
  {
    g_autoptr(ScAggregates) agg = sc_project_load_aggregates (project, &error);
    double members = 0;

    g_assert_no_error (error);
    for (guint32 c = 0; c < agg->n; c++)
      if (run->labels[c] == run->segments[order[0]].position)
        members += agg->monetary[c];
    g_assert_cmpfloat (members, >, 0);
    g_assert_cmpfloat_with_epsilon (top, members, 1e-6 * members);
  }

  /* The same through the async door. */
  {
    GAsyncResult *result = NULL;
    g_autoptr(ScBrief) async = NULL;

    sc_project_load_brief_async (project, NULL, test_on_async_done, &result);
    async = sc_project_load_brief_finish (project, test_wait_for (&result), &error);
    g_object_unref (result);
    g_assert_no_error (error);
    g_assert_cmpfloat (baseline_of (async, "Repeat rate"), ==, baseline_of (loaded, "Repeat rate"));
    g_assert_cmpfloat (baseline_of (async, "top_segment_revenue"), ==, top);
  }

  /* Without data, a known KPI has no baseline rather than a made-up 0 %. */
  {
    g_autofree char *empty_dir = NULL;
    g_autoptr(ScProject) empty = test_project_new (&empty_dir);
    g_autoptr(ScBrief) none = NULL;

    g_assert_true (sc_project_set_brief (empty, brief, &error));
    none = sc_project_load_brief (empty, &error);
    g_assert_no_error (error);
    g_assert_true (isnan (baseline_of (none, "Repeat rate")));
    g_assert_true (isnan (baseline_of (none, "top_segment_revenue")));
    test_remove_dir (empty_dir);
  }
  test_remove_dir (dir);
}

static void
test_brief_kpi_names (void)
{
  struct { const char *name; const char *id; } names[] = {
    { "repeat rate", "repeat_rate" }, { "Repeat-Rate", "repeat_rate" },
    { "90-day churn", "churn_90d" }, { "churn", "churn_90d" }, { "CHURN_90D", "churn_90d" },
    { "top segment revenue", "top_segment_revenue" }, { "AOV", "order_value" },
    { "Net promoter score", NULL }, { "repeat", "repeat_rate" }, { "rate", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (sc_brief_kpi_id (names[i].name), ==, names[i].id);
  for (const char * const *id = sc_brief_kpi_ids (); *id != NULL; id++)
    {
      g_assert_cmpstr (sc_brief_kpi_id (*id), ==, *id);
      /* Each KPI's label names it too, so what the report prints can be typed back. */
      g_assert_cmpstr (sc_brief_kpi_id (sc_brief_kpi_label (*id)), ==, *id);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Core/Brief/round-trip", test_brief_round_trip);
  g_test_add_func ("/Core/Brief/validation", test_brief_validation);
  g_test_add_func ("/Core/Brief/undo", test_brief_undo);
  g_test_add_func ("/Core/Brief/baselines", test_brief_baselines);
  g_test_add_func ("/Core/Brief/kpi-names", test_brief_kpi_names);

  return g_test_run ();
}
