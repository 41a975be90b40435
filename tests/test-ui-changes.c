/* test-ui-changes.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The What Changed dialog and the scoring of new data, under Xvfb like test-window.c.
 *
 * Two consecutive imports of generated data with planted shifts (the generator of
 * test-drift.c): four kinds of customer over four years, then a quarter in which REGULAR
 * customers buy three times less often and 250 more first-time buyers arrive.  The first
 * period is imported and segmented in four segments through the core; the window opens the
 * project, and the second period is imported into the shown project as the import wizard
 * does it, which makes the window score the new data and say that two segments changed.
 * The dialog then lists the snapshot scoring kept, flags exactly the planted segments, and
 * its migration rows and columns sum to the segment sizes; snapshots are taken and deleted
 * through it.  With SEGMENTS_SCREENSHOT_DIR set, a picture of the dialog is saved there
 * (help/C/media/track-changes.png is made so). */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "sc-drift.h"
#include "sc-project.h"
#include "sc-rng.h"
#include "sc-snapshot.h"
#include "sc-store.h"
#include "sc-value.h"
#include "seg-application.h"
#include "seg-changes-dialog.h"
#include "seg-migration-chart.h"
#include "seg-impact-chart.h"
#include "seg-window.h"
#include "test-utils.h"
#include "ui-test-utils.h"


static SegApplication *app;

/* ------------------------------------------------------------------------------------------ */
/* Main loop and widget helpers, as in test-window.c                                           */

static gboolean
window_is_idle (gpointer data)
{
  return !seg_window_is_busy (SEG_WINDOW (data));
}

static gboolean
dialog_is_idle (gpointer data)
{
  return !seg_changes_dialog_is_loading (SEG_CHANGES_DIALOG (data));
}

static void
collect_widgets (GtkWidget       *root,
                 WidgetPredicate  predicate,
                 gpointer         data,
                 GPtrArray       *out)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (predicate (root, data))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, predicate, data, out);
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
has_css_class (GtkWidget *widget,
               gpointer   data)
{
  return gtk_widget_has_css_class (widget, data);
}

static gboolean
is_row_titled (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
has_message_dialog (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), data) == 0)
      return TRUE;
  return FALSE;
}

static AdwMessageDialog *
wait_for_message_dialog (const char *heading)
{
  g_autoptr(GList) toplevels = NULL;

  g_assert_true (wait_until (has_message_dialog, (gpointer) heading));
  toplevels = gtk_window_list_toplevels ();
  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      return l->data;
  g_assert_not_reached ();
  return NULL;
}

static gboolean
window_has_label (gpointer data)
{
  const char *const *args = data;

  return find_widget (GTK_WIDGET (find_toplevel_of_type ((GType) GPOINTER_TO_SIZE (args[0]))),
                      is_label_with_text, (gpointer) args[1]) != NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* The project                                                                                 */

typedef struct
{
  char    *dir;
  char    *path;
  char    *p1;
  char    *p2;
  int      position[N_KINDS];   /* the segment of each kind */
} Fixture;

/* The first period, in four segments without outliers (so that each kind is one segment),
 * and which segment each kind ended up in. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  guint64 count[N_KINDS][8] = { { 0 } };
  const ScRun *run;
  ScRunParams params;

  f->dir = g_dir_make_tmp ("test-ui-changes-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "Changes.segments", NULL);
  drift_generate (f->dir, &f->p1, &f->p2);

  project = sc_project_open (f->path, TRUE, &error);
  g_assert_no_error (error);
  test_project_import (project, f->p1);
  sc_run_params_init (&params);
  params.k = 4;
  params.outlier_z = 0;
  g_assert_true (sc_project_segment (project, &params, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sc_project_reload (project, &error));

  run = sc_project_get_run (project);
  g_assert_nonnull (run);
  g_assert_cmpuint (run->n_segments, ==, 4);
  store = sc_store_open (f->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (sc_store_load_customer_keys (store, &keys, &error));
  for (guint32 i = 0; i < run->n_customers; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      for (guint k = 0; k < N_KINDS; k++)
        if (key[0] == drift_kinds[k].prefix[0] && run->labels[i] < run->n_segments)
          count[k][run->labels[i]]++;
    }
  for (guint k = 0; k < N_KINDS; k++)
    {
      guint best = 0;

      for (guint s = 1; s < run->n_segments; s++)
        if (count[k][s] > count[k][best])
          best = s;
      g_assert_cmpfloat (count[k][best], >=, 0.85 * drift_kinds[k].n);
      f->position[k] = (int) best;
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  destroy_all_windows ();
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->p1);
  g_free (f->p2);
}

static SegWindow *
open_window (Fixture *f)
{
  SegWindow *window = seg_window_new (GTK_APPLICATION (app));
  g_autoptr(GFile) file = g_file_new_for_path (f->path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (widget_is_mapped, window));
  g_assert_true (seg_window_open_project (window, file, FALSE));
  return window;
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;

  report = sc_project_import_finish (SC_PROJECT (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->transactions.new_customers, ==, NEW_P2);
  *done = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

/* The second period into the shown project, as the import wizard adds data: the window
 * notices the new orders and scores them. */
static void
import_second_period (Fixture   *f,
                      SegWindow *window)
{
  ScProject *project = seg_window_get_project (window);
  gint64 run_before = sc_project_get_run (project)->id;
  gboolean done = FALSE;
  ScImportOptions options;

  sc_import_options_init (&options);
  options.transactions_path = g_strdup (f->p2);
  sc_project_import_async (project, &options, NULL, NULL, on_imported, &done);
  sc_import_options_clear (&options);
  g_assert_true (wait_until (flag_is_set, &done));

  /* Scoring started as the import finished; it ends with a new run of the same segments. */
  g_assert_true (seg_window_is_busy (window));
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "progress");
  g_assert_true (wait_until (window_is_idle, window));
  g_assert_cmpstr (seg_window_get_page_name (window), ==, "project");
  g_assert_cmpint (sc_project_get_run (project)->id, !=, run_before);
  g_assert_cmpuint (sc_project_get_run (project)->n_segments, ==, 4);
  g_assert_cmpuint (sc_project_get_run (project)->n_customers, ==,
                    drift_kinds[VIP].n + drift_kinds[REGULAR].n + drift_kinds[RARE].n + drift_kinds[NEW].n + NEW_P2);
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
has_changes_dialog (gpointer data)
{
  return find_toplevel_of_type (SEG_TYPE_CHANGES_DIALOG) != NULL;
}

/* Through the toast's button when there is one, else through the menu's action. */
static SegChangesDialog *
open_dialog (SegWindow *window)
{
  GtkWidget *show = find_widget (GTK_WIDGET (window), is_button_labelled, (gpointer) "_Show");
  SegChangesDialog *dialog;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "changes"));
  if (show != NULL)
    {
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (show)), ==,
                       "win.changes");
      gtk_widget_activate (show);
    }
  else
    g_action_group_activate_action (G_ACTION_GROUP (window), "changes", NULL);
  g_assert_true (wait_until (has_changes_dialog, NULL));
  dialog = SEG_CHANGES_DIALOG (find_toplevel_of_type (SEG_TYPE_CHANGES_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (wait_until (widget_is_mapped, dialog));
  g_assert_true (wait_until (dialog_is_idle, dialog));
  return dialog;
}

/* Rows sum to the earlier sizes, columns to the later ones; the new customers' row holds
 * the first-time buyers of the second period. */
static void
assert_migration_sums (const ScMigration *m,
                       const ScDrift     *drift,
                       const ScRun       *current)
{
  guint64 all_to = 0;

  g_assert_cmpuint (m->n_from, ==, drift->n_from);
  g_assert_cmpuint (m->n_to, ==, drift->n_to);
  for (guint i = 0; i < drift->n_segments; i++)
    {
      const ScSegmentDrift *s = &drift->segments[i];

      if (s->from_position >= 0)
        g_assert_cmpuint (sc_migration_row_total (m, s->from_position), ==, s->size_from);
      if (s->to_position >= 0)
        g_assert_cmpuint (sc_migration_column_total (m, s->to_position), ==, s->size_to);
    }
  for (guint j = 0; j < m->n_to; j++)
    {
      g_assert_cmpuint (sc_migration_column_total (m, (int) j), ==, current->segments[j].size);
      all_to += current->segments[j].size;
    }
  g_assert_cmpuint (sc_migration_row_total (m, -1), ==, NEW_P2);
  g_assert_cmpuint (sc_migration_get (m, -1, -1), ==, 0);
  g_assert_cmpuint (all_to, ==, current->n_customers);
}

/* ------------------------------------------------------------------------------------------ */

static void
test_changes_planted (Fixture       *f,
                      gconstpointer  data)
{
  const char *toast_args[] = { NULL, "2 segments changed noticeably" };
  g_autoptr(GPtrArray) flagged_rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  SegWindow *window = open_window (f);
  ScProject *project = seg_window_get_project (window);
  SegChangesDialog *dialog;
  const ScDrift *drift;
  const ScMigration *migration;
  const ScImpact *impact;
  const ScRun *run;
  ScMigrationLayout layout;
  GtkWidget *chart, *snapshot_row;
  g_autofree char *auto_label = NULL;
  gint64 auto_id;

  import_second_period (f, window);
  run = sc_project_get_run (project);

  /* The toast says how many segments changed, with a button to the dialog. */
  toast_args[0] = GSIZE_TO_POINTER (SEG_TYPE_WINDOW);
  g_assert_true (wait_until (window_has_label, toast_args));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), is_button_labelled, (gpointer) "_Show"));

  dialog = open_dialog (window);

  /* Scoring kept the state it replaced. */
  g_assert_cmpuint (seg_changes_dialog_get_n_snapshots (dialog), ==, 1);
  auto_id = seg_changes_dialog_get_snapshot_id (dialog, 0);
  {
    g_autoptr(ScStore) store = sc_store_open (f->path, FALSE, NULL);
    g_autoptr(GArray) infos = NULL;

    g_assert_true (sc_snapshot_list (store, &infos, NULL));
    g_assert_cmpuint (infos->len, ==, 1);
    g_assert_cmpint (g_array_index (infos, ScSnapshotInfo, 0).id, ==, auto_id);
    g_assert_true (g_array_index (infos, ScSnapshotInfo, 0).auto_taken);
    auto_label = g_strdup (g_array_index (infos, ScSnapshotInfo, 0).label);
  }
  snapshot_row = find_widget (GTK_WIDGET (dialog), is_row_titled, auto_label);
  g_assert_nonnull (snapshot_row);

  /* Exactly the planted segments are flagged, with reasons. */
  drift = seg_changes_dialog_get_drift (dialog);
  g_assert_nonnull (drift);
  g_assert_cmpint (drift->from_id, ==, auto_id);
  g_assert_cmpint (drift->to_id, ==, 0);
  g_assert_cmpuint (drift->n_flagged, ==, 2);
  for (guint i = 0; i < drift->n_segments; i++)
    {
      const ScSegmentDrift *s = &drift->segments[i];
      gboolean planted = s->to_position == f->position[REGULAR] ||
                         s->to_position == f->position[NEW];

      g_assert_cmpint (s->flags != 0, ==, planted);
      g_assert_cmpint (s->reason != NULL, ==, planted);
    }

  /* The rows show the same: two flagged, named after the planted segments. */
  collect_widgets (GTK_WIDGET (dialog), has_css_class, (gpointer) "drift-row", rows);
  collect_widgets (GTK_WIDGET (dialog), has_css_class, (gpointer) "drift-flagged", flagged_rows);
  g_assert_cmpuint (rows->len, ==, drift->n_segments);
  g_assert_cmpuint (flagged_rows->len, ==, 2);
  for (guint k = 0; k < N_KINDS; k++)
    {
      const char *name = run->segments[f->position[k]].name;
      gboolean in_flagged = FALSE;

      for (guint i = 0; i < flagged_rows->len; i++)
        in_flagged |= find_widget (g_ptr_array_index (flagged_rows, i), is_label_with_text,
                                   (gpointer) name) != NULL;
      g_assert_cmpint (in_flagged, ==, k == REGULAR || k == NEW);
    }

  /* The migration matrix adds up. */
  migration = seg_changes_dialog_get_migration (dialog);
  g_assert_nonnull (migration);
  assert_migration_sums (migration, drift, run);
  for (guint i = 0; i < migration->n_from; i++)
    g_assert_cmpuint (sc_migration_row_total (migration, (int) i), ==,
                      drift->segments[i].size_from);

  /* It is drawn: laid out at its size, every segment a row. */
  chart = find_widget (GTK_WIDGET (dialog), is_of_type,
                       GSIZE_TO_POINTER (SEG_TYPE_MIGRATION_CHART));
  g_assert_nonnull (chart);
  settle (chart);
  g_assert_true (seg_migration_chart_get_layout (SEG_MIGRATION_CHART (chart), &layout));
  g_assert_true (layout.show_new);
  g_assert_cmpuint (layout.n_rows, ==, migration->n_from + 1);

  /* The biggest move is named. */
  g_assert_cmpuint (drift->n_flows, >=, 1);
  {
    g_autofree char *bullet = g_strdup_printf ("• %s", drift->flows[0].text);

    g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_label_with_text, bullet));
  }

  /* Over time: the snapshot, then the current segments. */
  impact = seg_changes_dialog_get_impact (dialog);
  g_assert_nonnull (impact);
  g_assert_cmpuint (impact->n_points, ==, 2);
  g_assert_cmpuint (impact->n_series, ==, 4);
  chart = find_widget (GTK_WIDGET (dialog), is_of_type, GSIZE_TO_POINTER (SEG_TYPE_IMPACT_CHART));
  g_assert_nonnull (chart);
  {
    GtkWidget *dropdown = find_widget (GTK_WIDGET (dialog), is_of_type,
                                       GSIZE_TO_POINTER (GTK_TYPE_DROP_DOWN));

    g_assert_nonnull (dropdown);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), SC_IMPACT_CHURN);
    g_assert_cmpint (seg_impact_chart_get_measure (SEG_IMPACT_CHART (chart)), ==,
                     SC_IMPACT_CHURN);
    /* REGULAR customers slowed down: more of them went 90 days without buying. */
    g_assert_cmpfloat (impact->series[f->position[REGULAR]].churn[1], >,
                       impact->series[f->position[REGULAR]].churn[0]);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), SC_IMPACT_CUSTOMERS);
  }

  if (g_getenv ("SEGMENTS_SCREENSHOT_DIR") != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (dialog), 900, 1240);
      save_widget_if_asked (GTK_WIDGET (dialog), "track-changes.png");
    }

  gtk_window_close (GTK_WINDOW (dialog));
  drain_events ();
  g_assert_null (find_toplevel_of_type (SEG_TYPE_CHANGES_DIALOG));
}

static void
test_changes_take_delete (Fixture       *f,
                          gconstpointer  data)
{
  SegWindow *window = open_window (f);
  SegChangesDialog *dialog;
  AdwMessageDialog *question;
  const ScDrift *drift;
  gint64 auto_id, taken_id;

  import_second_period (f, window);
  dialog = open_dialog (window);
  g_assert_cmpuint (seg_changes_dialog_get_n_snapshots (dialog), ==, 1);
  auto_id = seg_changes_dialog_get_snapshot_id (dialog, 0);

  /* Dismissing the question takes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "changes.take-snapshot", NULL);
  question = wait_for_message_dialog ("Take a Snapshot");
  adw_message_dialog_response (question, "cancel");
  g_assert_true (wait_until (dialog_is_idle, dialog));
  g_assert_cmpuint (seg_changes_dialog_get_n_snapshots (dialog), ==, 1);

  /* A snapshot with a label: listed, and by default compared with the current segments,
   * which it froze, so nothing changed. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "changes.take-snapshot", NULL);
  question = wait_for_message_dialog ("Take a Snapshot");
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (question)),
                         "  Quarter close ");
  adw_message_dialog_response (question, "take");
  g_assert_true (wait_until (dialog_is_idle, dialog));
  g_assert_cmpuint (seg_changes_dialog_get_n_snapshots (dialog), ==, 2);
  taken_id = seg_changes_dialog_get_snapshot_id (dialog, 1);
  g_assert_cmpint (taken_id, >, auto_id);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_titled, (gpointer) "Quarter close"));
  drift = seg_changes_dialog_get_drift (dialog);
  g_assert_nonnull (drift);
  g_assert_cmpint (drift->from_id, ==, taken_id);
  g_assert_cmpuint (drift->n_flagged, ==, 0);

  /* Two snapshots compared: the same planted changes as against the current segments. */
  seg_changes_dialog_compare (dialog, auto_id, taken_id);
  g_assert_true (wait_until (dialog_is_idle, dialog));
  drift = seg_changes_dialog_get_drift (dialog);
  g_assert_nonnull (drift);
  g_assert_cmpint (drift->from_id, ==, auto_id);
  g_assert_cmpint (drift->to_id, ==, taken_id);
  g_assert_cmpuint (drift->n_flagged, ==, 2);

  /* The same state on both sides is no comparison. */
  seg_changes_dialog_compare (dialog, taken_id, taken_id);
  g_assert_true (wait_until (dialog_is_idle, dialog));
  g_assert_null (seg_changes_dialog_get_drift (dialog));
  g_assert_null (seg_changes_dialog_get_migration (dialog));

  /* Deleting asks first; cancelling keeps it. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "changes.delete-snapshot", "x", taken_id);
  question = wait_for_message_dialog ("Delete Snapshot?");
  adw_message_dialog_response (question, "cancel");
  g_assert_true (wait_until (dialog_is_idle, dialog));
  g_assert_cmpuint (seg_changes_dialog_get_n_snapshots (dialog), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "changes.delete-snapshot", "x", taken_id);
  question = wait_for_message_dialog ("Delete Snapshot?");
  adw_message_dialog_response (question, "delete");
  drain_events ();
  g_assert_true (wait_until (dialog_is_idle, dialog));
  g_assert_cmpuint (seg_changes_dialog_get_n_snapshots (dialog), ==, 1);
  g_assert_cmpint (seg_changes_dialog_get_snapshot_id (dialog, 0), ==, auto_id);
  g_assert_null (find_widget (GTK_WIDGET (dialog), is_row_titled, (gpointer) "Quarter close"));
  {
    g_autoptr(ScStore) store = sc_store_open (f->path, FALSE, NULL);
    g_autoptr(GArray) infos = NULL;

    g_assert_true (sc_snapshot_list (store, &infos, NULL));
    g_assert_cmpuint (infos->len, ==, 1);
    g_assert_cmpint (g_array_index (infos, ScSnapshotInfo, 0).id, ==, auto_id);
  }

  /* The deleted snapshot was chosen after: back to the defaults, the latest snapshot
   * against the current segments. */
  drift = seg_changes_dialog_get_drift (dialog);
  g_assert_nonnull (drift);
  g_assert_cmpint (drift->from_id, ==, auto_id);
  g_assert_cmpint (drift->to_id, ==, 0);
  g_assert_cmpuint (drift->n_flagged, ==, 2);

  /* The last one too: then there is nothing to compare. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "changes.delete-snapshot", "x", auto_id);
  question = wait_for_message_dialog ("Delete Snapshot?");
  adw_message_dialog_response (question, "delete");
  drain_events ();
  g_assert_true (wait_until (dialog_is_idle, dialog));
  g_assert_cmpuint (seg_changes_dialog_get_n_snapshots (dialog), ==, 0);
  g_assert_null (seg_changes_dialog_get_drift (dialog));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_titled,
                                 (gpointer) "No snapshots yet"));
}

/* win.snapshot from the window's menu, with the label the core makes when none is typed. */
static void
test_changes_window_snapshot (Fixture       *f,
                              gconstpointer  data)
{
  const char *toast_args[] = { NULL, "Snapshot taken" };
  SegWindow *window = open_window (f);
  AdwMessageDialog *question;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(GArray) infos = NULL;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "snapshot"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "snapshot", NULL);
  question = wait_for_message_dialog ("Take a Snapshot");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (window));
  adw_message_dialog_response (question, "take");

  toast_args[0] = GSIZE_TO_POINTER (SEG_TYPE_WINDOW);
  g_assert_true (wait_until (window_has_label, toast_args));
  store = sc_store_open (f->path, FALSE, NULL);
  g_assert_true (sc_snapshot_list (store, &infos, NULL));
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_false (g_array_index (infos, ScSnapshotInfo, 0).auto_taken);
  g_assert_true (g_str_has_prefix (g_array_index (infos, ScSnapshotInfo, 0).label, "Snapshot "));
  g_assert_cmpint (g_array_index (infos, ScSnapshotInfo, 0).run, ==,
                   sc_project_get_run (seg_window_get_project (window))->id);

  /* Without segments there is nothing to freeze or compare. */
  {
    g_autofree char *empty_path = g_build_filename (f->dir, "Empty.segments", NULL);
    g_autoptr(GFile) empty = g_file_new_for_path (empty_path);

    g_assert_true (seg_window_open_project (window, empty, TRUE));
    g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "snapshot"));
    g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "changes"));
  }
}

/* Closing the dialog while it reads cancels the work; nothing is left running. */
static void
test_changes_close_while_loading (Fixture       *f,
                                  gconstpointer  data)
{
  SegWindow *window = open_window (f);
  SegChangesDialog *dialog;

  import_second_period (f, window);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SegChangesDialog) held = NULL;

      g_action_group_activate_action (G_ACTION_GROUP (window), "changes", NULL);
      dialog = SEG_CHANGES_DIALOG (find_toplevel_of_type (SEG_TYPE_CHANGES_DIALOG));
      g_assert_nonnull (dialog);
      g_assert_true (seg_changes_dialog_is_loading (dialog));
      held = g_object_ref (dialog);
      /* A second choice replaces the first load at once. */
      seg_changes_dialog_compare (dialog, 0, 0);
      gtk_window_close (GTK_WINDOW (dialog));
      g_assert_true (wait_until (dialog_is_idle, dialog));
      g_assert_null (seg_changes_dialog_get_drift (dialog));
    }
  g_assert_null (find_toplevel_of_type (SEG_TYPE_CHANGES_DIALOG));
  g_assert_false (seg_window_is_busy (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;
  int ret;

  app = ui_test_start (&argc, &argv, "test-ui-changes-home-XXXXXX",
                       "io.github.segments.Segments.Test", G_APPLICATION_HANDLES_OPEN, &tmp);

  g_test_add ("/Ui/Changes/planted", Fixture, NULL, fixture_setup, test_changes_planted,
              fixture_teardown);
  g_test_add ("/Ui/Changes/take-delete", Fixture, NULL, fixture_setup,
              test_changes_take_delete, fixture_teardown);
  g_test_add ("/Ui/Changes/window-snapshot", Fixture, NULL, fixture_setup,
              test_changes_window_snapshot, fixture_teardown);
  g_test_add ("/Ui/Changes/close-while-loading", Fixture, NULL, fixture_setup,
              test_changes_close_while_loading, fixture_teardown);

  ret = g_test_run ();

  ui_test_stop (&app);
  test_remove_tree (tmp);

  return ret;
}
