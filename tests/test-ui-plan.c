/* test-ui-plan.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Plans in the segment editor under Xvfb, on the sample data: every segment shows its
 * suggested objective and tactics, marked "Suggested", never an empty field; "Accept
 * Suggested Plan" sets them (read back from the project) and undo makes them suggested
 * again; typing an objective sets it; and the Overview's "Decisions Needed" lists each
 * segment without an owner until it has one, opening the segment when activated.
 *
 * What the form should show is read from the project (sc_project_plan()), not written
 * here.  With SEGMENTS_SCREENSHOT_DIR set, a picture of the plan is saved there. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sc-project.h"
#include "seg-application.h"
#include "seg-overview-page.h"
#include "seg-segment-details.h"
#include "seg-segment-list.h"
#include "seg-segments-page.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-editor-utils.h"
#include "ui-test-utils.h"

static SegApplication *app;
static char *tmp_dir;
static char *template_path;

/* ------------------------------------------------------------------------------------------ */
/* The project                                                                                */

static char *
copy_template (const char *name)
{
  return copy_project (template_path, tmp_dir, name);
}

static ScPlans *
read_plans (Editor *e)
{
  g_autoptr(GError) error = NULL;
  ScPlans *plans = sc_project_plan (e->project, run_of (e), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plans);
  g_assert_cmpuint (plans->n_segments, ==, run_of (e)->n_segments);
  return plans;
}

/* ------------------------------------------------------------------------------------------ */
/* The form                                                                                   */

static gboolean
is_visible_suggested_tag (GtkWidget *widget,
                          gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), "Suggested") == 0;
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_group_titled (GtkWidget *widget,
                 gpointer   data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

static GtkWidget *
find_row (Editor     *e,
          const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (e->details), is_row_titled, (gpointer) title);

  g_assert_nonnull (row);
  return row;
}

static GtkWidget *
find_group (GtkWidget  *root,
            const char *title)
{
  GtkWidget *group = find_widget (root, is_group_titled, (gpointer) title);

  g_assert_nonnull (group);
  return group;
}

static gboolean
shows_suggested (GtkWidget *widget)
{
  return find_widget (widget, is_visible_suggested_tag, NULL) != NULL;
}

static gboolean
objective_suggested (Editor *e)
{
  return shows_suggested (find_row (e, "_Objective"));
}

static gboolean
tactics_suggested (Editor *e)
{
  return shows_suggested (find_group (GTK_WIDGET (e->details), "Tactics"));
}

static char *
tactics_text (Editor *e)
{
  GtkWidget *view = find_of_type (find_group (GTK_WIDGET (e->details), "Tactics"),
                                  GTK_TYPE_TEXT_VIEW);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
objective_text (Editor *e)
{
  return gtk_editable_get_text (GTK_EDITABLE (find_row (e, "_Objective")));
}

static GtkWidget *
accept_button (Editor *e)
{
  GtkWidget *button = find_widget (GTK_WIDGET (e->details), is_button_labelled,
                                   (gpointer) "_Accept Suggested Plan");

  g_assert_nonnull (button);
  return button;
}

/* Scrolls the form to its plan. */
static void
scroll_to_plan (Editor *e)
{
  GtkWidget *plan = find_group (GTK_WIDGET (e->details), "Plan");
  GtkWidget *scrolled = gtk_widget_get_ancestor (plan, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t top;

  g_assert_true (gtk_widget_compute_point (plan, content, &GRAPHENE_POINT_INIT (0, 0), &top));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            top.y - 12);
  settle (GTK_WIDGET (e->window));
}

/* ------------------------------------------------------------------------------------------ */

/* Every segment of the sample shows the objective and tactics suggested for it, marked so,
 * with its channel, cadence and KPI; the tier's first choice names the suggested tier. */
static void
test_plan_suggested (void)
{
  g_autofree char *path = copy_template ("suggested.segments");
  Editor e = open_editor (path);
  g_autoptr(ScPlans) plans = read_plans (&e);

  for (guint s = 0; s < plans->n_segments; s++)
    {
      const ScPlan *plan = &plans->plans[s];
      g_autofree char *tactics = sc_plan_join_tactics ((const char * const *) plan->tactics);
      g_autofree char *shown = NULL;
      GtkWidget *tier = find_row (&e, "Service _tier");
      GListModel *tiers = adw_combo_row_get_model (ADW_COMBO_ROW (tier));
      const char *first;

      g_assert_true (plan->suggested & SC_PLAN_FIELD_OBJECTIVE);
      g_assert_true (plan->suggested & SC_PLAN_FIELD_TACTICS);
      g_assert_cmpuint (g_strv_length (plan->tactics), >=, SC_PLAN_MIN_TACTICS);

      select_position (&e, s);
      WAIT_FOR (objective_suggested (&e));
      g_assert_cmpstr (objective_text (&e), ==, plan->objective);
      g_assert_cmpstr (objective_text (&e), !=, "");
      g_assert_true (tactics_suggested (&e));
      shown = tactics_text (&e);
      g_assert_cmpstr (shown, ==, tactics);

      first = gtk_string_list_get_string (GTK_STRING_LIST (tiers), 0);
      g_assert_true (g_str_has_prefix (first, "Suggested: "));
      g_assert_null (strstr (first, "Not set"));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (&e, "Channel"))),
                       ==, plan->channel);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (&e, "Cadence"))),
                       ==, plan->cadence);
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (&e, "KPI to Watch"))),
                                plan->kpi_text));
      g_assert_true (gtk_widget_get_visible (accept_button (&e)));
    }
  /* The picture shows the plan of the last segment. */
  scroll_to_plan (&e);
  save_shot (&e, "edit-segments-plan.png");

  /* In a narrow window the plan fits the width: nothing reaches past the form's edge. */
  {
    AdwLeaflet *leaflet = ADW_LEAFLET (find_of_type (GTK_WIDGET (e.page), ADW_TYPE_LEAFLET));
    GtkListBox *box = seg_segment_list_get_list_box (e.list);
    GtkWidget *button = accept_button (&e);
    graphene_point_t end;
    int natural;

    gtk_window_set_default_size (GTK_WINDOW (e.window), 400, 760);
    WAIT_FOR (adw_leaflet_get_folded (leaflet));
    g_signal_emit_by_name (gtk_list_box_get_row_at_index (box, 0), "activate");
    WAIT_FOR (adw_leaflet_get_visible_child (leaflet) != GTK_WIDGET (e.list));
    settle (GTK_WIDGET (e.window));
    scroll_to_plan (&e);
    save_shot (&e, "edit-segments-plan-narrow.png");
    g_assert_true (gtk_widget_compute_point (button, GTK_WIDGET (e.details),
                                             &GRAPHENE_POINT_INIT (gtk_widget_get_width (button), 0),
                                             &end));
    g_assert_cmpfloat (end.x, <=, gtk_widget_get_width (GTK_WIDGET (e.details)));
    /* The tier row shows its value, not just an ellipsis. */
    {
      GtkWidget *tier = find_row (&e, "Service _tier");
      GtkWidget *value = find_widget (tier, is_label_with_text, (gpointer) "Mid-touch");

      if (value == NULL)
        value = find_widget (tier, is_label_with_text, (gpointer) "Low-touch");
      if (value == NULL)
        value = find_widget (tier, is_label_with_text, (gpointer) "High-touch");
      g_assert_nonnull (value);
      gtk_widget_measure (value, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_allocated_width (value), >=, natural);
    }
  }
  destroy_all_windows ();
}

/* Accepting sets the suggested objective, tactics and tier in one step; undo takes it
 * back. */
static void
test_plan_accept_undo (void)
{
  g_autofree char *path = copy_template ("accept.segments");
  Editor e = open_editor (path);
  g_autoptr(ScPlans) before = read_plans (&e);
  g_autoptr(ScPlans) accepted = NULL;
  g_autoptr(ScPlans) undone = NULL;
  GtkWidget *button;
  const guint s = 0;

  select_position (&e, s);
  WAIT_FOR (objective_suggested (&e));
  button = accept_button (&e);
  g_assert_true (gtk_widget_get_focusable (button) || gtk_widget_get_can_focus (button));
  /* As the keyboard does (Space or Enter on the focused button). */
  g_assert_true (gtk_widget_activate (button));
  WAIT_FOR (run_of (&e)->segments[s].objective != NULL);
  wait_idle (&e);

  accepted = read_plans (&e);
  g_assert_cmpuint (accepted->plans[s].suggested &
                    (SC_PLAN_FIELD_OBJECTIVE | SC_PLAN_FIELD_TACTICS | SC_PLAN_FIELD_TIER), ==, 0);
  g_assert_cmpstr (accepted->plans[s].objective, ==, before->plans[s].objective);
  g_assert_cmpstr (accepted->plans[s].tier, ==, before->plans[s].tier);
  g_assert_cmpstr (run_of (&e)->segments[s].objective, ==, before->plans[s].objective);
  /* The other segments keep their suggestions. */
  for (guint o = 1; o < accepted->n_segments; o++)
    g_assert_cmpuint (accepted->plans[o].suggested, ==, before->plans[o].suggested);
  WAIT_FOR (!objective_suggested (&e) && !tactics_suggested (&e));
  g_assert_cmpstr (objective_text (&e), ==, before->plans[s].objective);
  g_assert_false (gtk_widget_get_visible (button));

  g_assert_true (sc_project_get_can_undo (e.project));
  g_action_group_activate_action (G_ACTION_GROUP (e.window), "undo", NULL);
  wait_idle (&e);
  undone = read_plans (&e);
  g_assert_cmpuint (undone->plans[s].suggested, ==, before->plans[s].suggested);
  g_assert_null (run_of (&e)->segments[s].objective);
  WAIT_FOR (objective_suggested (&e) && tactics_suggested (&e));
  g_assert_true (gtk_widget_get_visible (accept_button (&e)));
  dismiss_toasts (GTK_WIDGET (e.window));
  destroy_all_windows ();
}

/* Typing an objective sets it: no longer suggested, the tactics still are. */
static void
test_plan_edit_objective (void)
{
  g_autofree char *path = copy_template ("edit.segments");
  Editor e = open_editor (path);
  g_autoptr(ScPlans) plans = NULL;
  const char *objective = "Bring them back before the holidays";
  const guint s = 1;
  GtkWidget *row;

  select_position (&e, s);
  WAIT_FOR (objective_suggested (&e));
  row = find_row (&e, "_Objective");
  gtk_editable_set_text (GTK_EDITABLE (row), objective);
  g_signal_emit_by_name (row, "entry-activated");
  wait_idle (&e);

  plans = read_plans (&e);
  g_assert_cmpstr (plans->plans[s].objective, ==, objective);
  g_assert_false (plans->plans[s].suggested & SC_PLAN_FIELD_OBJECTIVE);
  g_assert_true (plans->plans[s].suggested & SC_PLAN_FIELD_TACTICS);
  WAIT_FOR (!objective_suggested (&e));
  g_assert_cmpstr (objective_text (&e), ==, objective);
  g_assert_true (tactics_suggested (&e));
  destroy_all_windows ();
}

/* ------------------------------------------------------------------------------------------ */
/* Decisions needed                                                                           */

typedef struct
{
  const char *name;
  const char *kind;
} RowMatch;

static gboolean
is_decision_row (GtkWidget *widget,
                 gpointer   data)
{
  const RowMatch *match = data;

  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_visible (widget) &&
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                 match->name) != NULL &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), match->kind) == 0;
}

static GtkWidget *
find_decision (GtkWidget  *group,
               const char *name)
{
  RowMatch match = { name, "No owner" };

  return find_widget (group, is_decision_row, &match);
}

static void
test_plan_decisions (void)
{
  g_autofree char *path = copy_template ("decisions.segments");
  Editor e = open_editor (path);
  GtkWidget *overview = find_of_type (GTK_WIDGET (e.window), SEG_TYPE_OVERVIEW_PAGE);
  GtkWidget *group;
  const ScRun *run = run_of (&e);
  g_autofree char *owned = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  guint checked = 0;

  group = find_group (overview, "Decisions Needed");
  g_assert_cmpuint (run->n_segments, >=, 2);
  g_assert_true (gtk_widget_get_visible (group));
  for (guint s = 0; s < run->n_segments; s++)
    {
      gboolean unowned = (run->segments[s].owner == NULL || *run->segments[s].owner == '\0') &&
                         run->segments[s].size > 0;

      g_assert_cmpint (find_decision (group, run->segments[s].name) != NULL, ==, unowned);
      checked += unowned;
    }
  g_assert_cmpuint (checked, >=, 2);

  /* An owner takes the segment off the list; the others stay. */
  owned = g_strdup (run->segments[0].name);
  other = g_strdup (run->segments[1].name);
  g_assert_true (sc_project_set_segment_field (e.project, run->segments[0].id,
                                               SC_SEGMENT_FIELD_OWNER, "Ana Pereira", &error));
  g_assert_no_error (error);
  wait_idle (&e);
  g_assert_null (find_decision (group, owned));
  g_assert_nonnull (find_decision (group, other));

  /* Activating a decision opens its segment on the Segments page. */
  g_action_group_activate_action (G_ACTION_GROUP (e.window), "show-page",
                                  g_variant_new_string ("overview"));
  settle (GTK_WIDGET (e.window));
  save_shot (&e, "overview-decisions.png");
  row = find_decision (group, other);
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  drain_events ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (e.details)));
  g_assert_cmpint (seg_segment_details_get_position (e.details), ==, 1);
  destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-plan-XXXXXX",
                       "io.github.segments.Segments.TestPlan",
                       G_APPLICATION_HANDLES_OPEN, &tmp_dir);

  template_path = g_build_filename (tmp_dir, "template.segments", NULL);
  make_sample_project (template_path);

  g_test_add_func ("/Ui/Plan/suggested", test_plan_suggested);
  g_test_add_func ("/Ui/Plan/accept-undo", test_plan_accept_undo);
  g_test_add_func ("/Ui/Plan/edit-objective", test_plan_edit_objective);
  g_test_add_func ("/Ui/Plan/decisions", test_plan_decisions);

  ret = g_test_run ();

  ui_test_stop (&app);
  remove_projects (tmp_dir);
  g_rmdir (tmp_dir);
  g_free (template_path);
  g_free (tmp_dir);
  return ret;
}
