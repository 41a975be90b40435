/* seg-changes-dialog.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "What Changed": the project's snapshots, and what moved between two states of the
 * segments — per-segment drift with its flags and reasons, the migration matrix, the
 * biggest moves and each segment's figures over time.
 *
 * Everything that touches the project file runs in a GTask thread on a connection of its
 * own (SQLite connections are per thread): listing, comparing, taking and deleting
 * snapshots, and scoring new data after an import.  A load reads the list, resolves which
 * two states to compare (by default the latest snapshot and the current segments), loads
 * or captures both, computes the drift and the migration and loads the impact series; the
 * main thread then only fills widgets from the finished result.  Choosing other states
 * cancels a running load and starts a new one; closing the dialog cancels whatever runs.
 *
 * The same file holds the two helpers the window needs for issue 10: taking a snapshot
 * with a label (win.snapshot) and scoring new data after an import into a segmented
 * project, returning the drift against the state the scoring replaced. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-features.h"
#include "sc-snapshot.h"
#include "sc-store.h"
#include "seg-changes-dialog.h"
#include "seg-format.h"
#include "seg-impact-chart.h"
#include "seg-migration-chart.h"

struct _SegChangesDialog
{
  AdwWindow            parent_instance;

  /* template */
  AdwToastOverlay     *toast_overlay;
  GtkSpinner          *spinner;
  GtkListBox          *snapshot_list;
  AdwPreferencesGroup *compare_group;
  AdwComboRow         *from_row;
  AdwComboRow         *to_row;
  GtkStack            *result_stack;
  AdwStatusPage       *message_page;
  GtkLabel            *summary_label;
  GtkListBox          *drift_list;
  SegMigrationChart   *migration_chart;
  GtkBox              *flows_box;
  GtkDropDown         *measure_dropdown;
  SegImpactChart      *impact_chart;

  ScProject           *project;
  GCancellable        *load_cancellable;   /* the running load; cancelled on close too */
  GCancellable        *cancellable;        /* takes and deletes; cancelled on close */
  GArray              *infos;              /* of ScSnapshotInfo, from the last load */
  ScDrift             *drift;              /* of the last load, or NULL */
  gint64               from_id;            /* the state chosen before: 0 for the latest */
  gint64               to_id;              /* after: 0 for the current segments */
  guint                n_tasks;            /* loads, takes and deletes running */
  guint                updating : 1;       /* filling the rows, not a choice of the user */
  guint                closed : 1;         /* widgets may be gone: callbacks only clean up */
};

G_DEFINE_FINAL_TYPE (SegChangesDialog, seg_changes_dialog, ADW_TYPE_WINDOW)

static void start_load (SegChangesDialog *self);

/* ------------------------------------------------------------------------------------------ */
/* Small helpers                                                                              */

static void
task_started (SegChangesDialog *self)
{
  self->n_tasks++;
  gtk_spinner_set_spinning (self->spinner, TRUE);
}

static void
task_ended (SegChangesDialog *self)
{
  g_assert (self->n_tasks > 0);
  self->n_tasks--;
  if (!self->closed)
    gtk_spinner_set_spinning (self->spinner, self->n_tasks > 0);
}

static void
show_error (GtkWindow  *parent,
            const char *heading,
            GError     *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (SegChangesDialog *self,
            const char       *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static char *
colour_class (guint    colour,
              gboolean is_outliers)
{
  if (is_outliers)
    return g_strdup ("segment-color-outlier");
  return g_strdup_printf ("segment-color-%u", colour % SC_PALETTE_N_SEGMENT_COLOURS);
}

/* "23 Nov 2026, 14:05" in local time, from the UTC ISO 8601 the core writes. */
static char *
format_taken (const char *created_at)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (created_at == NULL)
    return g_strdup ("–");
  utc = g_date_time_new_from_iso8601 (created_at, NULL);
  if (utc == NULL)
    return g_strdup (created_at);
  local = g_date_time_to_local (utc);
  /* Translators: when a snapshot was taken, as in "23 Nov 2026, 14:05"; see strftime(3) */
  return g_date_time_format (local, _("%-d %b %Y, %H:%M"));
}

static char *
format_change (double change)
{
  if (!isfinite (change))
    return g_strdup ("–");
  /* Translators: a relative change, as in "+21%" or "−8%" */
  return g_strdup_printf (change < 0 ? _("−%.0f%%") : _("+%.0f%%"), fabs (round (change * 100)));
}

static const ScSnapshotInfo *
find_info (SegChangesDialog *self,
           gint64            id)
{
  for (guint i = 0; self->infos != NULL && i < self->infos->len; i++)
    if (g_array_index (self->infos, ScSnapshotInfo, i).id == id)
      return &g_array_index (self->infos, ScSnapshotInfo, i);
  return NULL;
}

/**
 * seg_changes_format_flagged:
 * @n_flagged: segments whose drift passed a threshold
 *
 * Returns: (transfer full): "2 segments changed noticeably"
 */
char *
seg_changes_format_flagged (guint n_flagged)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment changed noticeably",
                                       "%u segments changed noticeably", n_flagged),
                          n_flagged);
}

/* ------------------------------------------------------------------------------------------ */
/* Loading: in a worker                                                                       */

typedef struct
{
  char        *path;
  gint64       from_id;
  gint64       to_id;

  /* results */
  GArray      *infos;
  gboolean     has_run;
  gint64       from_resolved;
  gint64       to_resolved;
  char        *message_title;
  char        *message;
  ScDrift     *drift;
  ScMigration *migration;
  ScImpact    *impact;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->infos, g_array_unref);
  g_free (data->message_title);
  g_free (data->message);
  g_clear_pointer (&data->drift, sc_drift_free);
  g_clear_pointer (&data->migration, sc_migration_free);
  g_clear_pointer (&data->impact, sc_impact_free);
  g_free (data);
}

static gboolean
infos_have (GArray *infos,
            gint64  id)
{
  for (guint i = 0; i < infos->len; i++)
    if (g_array_index (infos, ScSnapshotInfo, i).id == id)
      return TRUE;
  return FALSE;
}

static gboolean
load (LoadData      *data,
      GCancellable  *cancellable,
      GError       **error)
{
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScRun) current = NULL;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(ScSnapshot) captured = NULL;
  g_autoptr(GError) local_error = NULL;
  const ScSnapshot *now = NULL;
  const ScSnapshotInfo *latest;

  store = sc_store_open (data->path, FALSE, error);
  if (store == NULL || !sc_snapshot_list (store, &data->infos, error))
    return FALSE;
  current = sc_run_load_current (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  data->has_run = current != NULL;

  if (data->infos->len == 0)
    {
      data->message_title = g_strdup (_("No Snapshots Yet"));
      data->message = g_strdup (data->has_run
                                ? _("Take a snapshot to compare the segments with it later. "
                                    "One is also kept automatically when new data is scored "
                                    "or the segments are made again.")
                                : _("Segment the data first: snapshots freeze segments."));
      return TRUE;
    }

  /* A state chosen before may have been deleted since: fall back to the defaults. */
  latest = &g_array_index (data->infos, ScSnapshotInfo, data->infos->len - 1);
  data->from_resolved = data->from_id != 0 && infos_have (data->infos, data->from_id)
                        ? data->from_id : latest->id;
  data->to_resolved = data->to_id != 0 && infos_have (data->infos, data->to_id) ? data->to_id : 0;

  if (data->to_resolved == 0 && current == NULL)
    {
      data->message_title = g_strdup (_("No Current Segments"));
      data->message = g_strdup (_("Segment the data to compare the current segments with a "
                                  "snapshot, or choose another snapshot after it."));
      return TRUE;
    }
  if (data->from_resolved == data->to_resolved)
    {
      data->message_title = g_strdup (_("Choose Two Different States"));
      data->message = g_strdup (_("The same snapshot is chosen before and after."));
      return TRUE;
    }

  if (!sc_drift_load_pair (store, data->from_resolved, data->to_resolved, &from, &to,
                           cancellable, error))
    return FALSE;
  data->drift = sc_drift_compute (from, to, cancellable, error);
  if (data->drift == NULL)
    return FALSE;
  data->migration = sc_migration_new (data->drift, from, to);

  /* The current state ends the impact series, unless the latest snapshot already froze the
   * current run: then it would only repeat that snapshot. */
  if (data->to_resolved == 0)
    now = to;
  else if (current != NULL && current->id != latest->run)
    {
      captured = sc_snapshot_capture (store, current, cancellable, error);
      if (captured == NULL)
        return FALSE;
      captured->label = g_strdup (_("Current segments"));
      now = captured;
    }
  if (now != NULL && current != NULL && current->id == latest->run)
    now = NULL;

  data->impact = sc_impact_load (store, now, error);
  return data->impact != NULL;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (load (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Filling the widgets                                                                        */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
describe_snapshot (const ScSnapshotInfo *info)
{
  g_autofree char *as_of = seg_format_day (info->as_of);
  g_autofree char *customers = seg_format_count (info->n_segmented);
  g_autofree char *taken = format_taken (info->created_at);
  g_autofree char *segments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment",
                                                            "%u segments", info->n_segments),
                                               info->n_segments);

  if (info->auto_taken)
    /* Translators: a snapshot's details: as-of date, "5 segments", customers, when taken */
    return g_strdup_printf (_("As of %s · %s · %s customers · kept automatically on %s"),
                            as_of, segments, customers, taken);
  /* Translators: a snapshot's details: as-of date, "5 segments", customers, when taken */
  return g_strdup_printf (_("As of %s · %s · %s customers · taken on %s"),
                          as_of, segments, customers, taken);
}

static void
fill_snapshots (SegChangesDialog *self)
{
  clear_list (self->snapshot_list);

  if (self->infos == NULL || self->infos->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No snapshots yet"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->snapshot_list, row);
      return;
    }

  /* Newest first: the one people look for. */
  for (guint i = self->infos->len; i-- > 0;)
    {
      const ScSnapshotInfo *info = &g_array_index (self->infos, ScSnapshotInfo, i);
      g_autofree char *title = g_markup_escape_text (info->label != NULL ? info->label : "", -1);
      g_autofree char *details = describe_snapshot (info);
      g_autofree char *subtitle = g_markup_escape_text (details, -1);
      /* Translators: the accessible name of a button deleting the snapshot named %s */
      g_autofree char *delete_name = g_strdup_printf (_("Delete “%s”"), info->label);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Delete Snapshot"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      delete_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "changes.delete-snapshot");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_int64 (info->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      g_object_set_data_full (G_OBJECT (row), "snapshot-id", g_memdup2 (&info->id, sizeof info->id),
                              g_free);
      gtk_list_box_append (self->snapshot_list, row);
    }
}

static char *
state_name (const ScSnapshotInfo *info)
{
  g_autofree char *as_of = seg_format_day (info->as_of);

  /* Translators: a snapshot in the compare lists: its label and as-of date */
  return g_strdup_printf (_("%s (as of %s)"), info->label, as_of);
}

static void
fill_compare_rows (SegChangesDialog *self,
                   gint64            from_id,
                   gint64            to_id)
{
  g_autoptr(GtkStringList) from_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) to_model = gtk_string_list_new (NULL);
  guint n = self->infos != NULL ? self->infos->len : 0;
  guint from_index = 0, to_index = n;

  for (guint i = 0; i < n; i++)
    {
      const ScSnapshotInfo *info = &g_array_index (self->infos, ScSnapshotInfo, i);
      g_autofree char *name = state_name (info);

      gtk_string_list_append (from_model, name);
      gtk_string_list_append (to_model, name);
      if (info->id == from_id)
        from_index = i;
      if (info->id == to_id)
        to_index = i;
    }
  gtk_string_list_append (to_model, _("Current segments"));

  self->updating = TRUE;
  adw_combo_row_set_model (self->from_row, G_LIST_MODEL (from_model));
  adw_combo_row_set_model (self->to_row, G_LIST_MODEL (to_model));
  adw_combo_row_set_selected (self->from_row, from_index);
  adw_combo_row_set_selected (self->to_row, to_index);
  self->updating = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_group), n > 0);
}

static const char *
flag_label (ScDriftFlags flag)
{
  switch (flag)
    {
    case SC_DRIFT_FLAG_SIZE:
      /* Translators: a drift flag: the segment grew or shrank a lot */
      return _("Size");
    case SC_DRIFT_FLAG_CENTROID:
      /* Translators: a drift flag: the segment's typical customer moved */
      return _("Profile");
    case SC_DRIFT_FLAG_PSI:
      /* Translators: a drift flag: the spread of recency, frequency or spend changed */
      return _("Spread");
    case SC_DRIFT_FLAG_LEFT:
      /* Translators: a drift flag: many members are in another segment now */
      return _("Members left");
    case SC_DRIFT_FLAG_NEW:
      /* Translators: a drift flag: the segment did not exist before */
      return _("New");
    case SC_DRIFT_FLAG_GONE:
      /* Translators: a drift flag: the segment no longer exists */
      return _("Gone");
    default:
      return "";
    }
}

static const char *
flag_tooltip (ScDriftFlags flag)
{
  switch (flag)
    {
    case SC_DRIFT_FLAG_SIZE:
      return _("The number of customers changed by more than 20%.");
    case SC_DRIFT_FLAG_CENTROID:
      return _("The typical recency, frequency and spend of the members moved by more than "
               "half a standard deviation.");
    case SC_DRIFT_FLAG_PSI:
      return _("How recency, frequency or spend are spread among the members changed a lot "
               "(population stability index above 0.2).");
    case SC_DRIFT_FLAG_LEFT:
      return _("More than 30% of the earlier members are in another segment now.");
    case SC_DRIFT_FLAG_NEW:
      return _("No earlier segment matches this one.");
    case SC_DRIFT_FLAG_GONE:
      return _("No segment matches this one any more.");
    default:
      return NULL;
    }
}

static GtkWidget *
drift_row_new (const ScSegmentDrift *s,
               const ScMigration    *migration)
{
  static const ScDriftFlags all_flags[] = {
    SC_DRIFT_FLAG_NEW, SC_DRIFT_FLAG_GONE, SC_DRIFT_FLAG_SIZE, SC_DRIFT_FLAG_CENTROID,
    SC_DRIFT_FLAG_PSI, SC_DRIFT_FLAG_LEFT,
  };
  const ScFlowSegment *seg = NULL;
  g_autofree char *colour = NULL;
  g_autofree char *from_size = seg_format_count (s->size_from);
  g_autofree char *to_size = seg_format_count (s->size_to);
  g_autofree char *size_change = format_change (s->size_change);
  g_autofree char *revenue_change = format_change (s->revenue_change);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(GString) accessible = g_string_new (s->name);
  GtkWidget *row, *box, *swatch, *texts, *name, *reason, *detail, *flags;

  if (s->to_position >= 0 && (guint) s->to_position < migration->n_to)
    seg = &migration->to[s->to_position];
  else if (s->from_position >= 0 && (guint) s->from_position < migration->n_from)
    seg = &migration->from[s->from_position];

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "drift-row");
  if (s->flags != 0)
    gtk_widget_add_css_class (row, "drift-flagged");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (swatch, "segment-swatch");
  colour = seg != NULL ? colour_class (seg->colour, seg->is_outliers)
                       : colour_class (0, s->is_outliers);
  gtk_widget_add_css_class (swatch, colour);
  gtk_widget_set_valign (swatch, GTK_ALIGN_START);
  gtk_widget_set_margin_top (swatch, 3);
  gtk_box_append (GTK_BOX (box), swatch);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  name = gtk_label_new (s->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (texts), name);

  if (s->reason != NULL)
    {
      g_autofree char *sentence = g_strconcat (s->reason, ".", NULL);

      reason = gtk_label_new (sentence);
      g_string_append_printf (accessible, ": %s", sentence);
    }
  else
    {
      reason = gtk_label_new (_("No noticeable change."));
      gtk_widget_add_css_class (reason, "dim-label");
      g_string_append_printf (accessible, ": %s", _("No noticeable change."));
    }
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (texts), reason);

  /* Translators: a segment's size before and now, and the change, as in
   * "400 → 316 customers (−21%)" */
  g_string_append_printf (details, _("%s → %s customers (%s)"), from_size, to_size, size_change);
  if (isfinite (s->revenue_change))
    /* Translators: appended to a segment's size: the change of its revenue */
    g_string_append_printf (details, _(" · revenue in 90 days %s"), revenue_change);
  if (isfinite (s->left_share) && s->left_share > 0)
    {
      g_autofree char *left = seg_format_share (s->left_share);

      /* Translators: appended to a segment's size: the share of earlier members that left */
      g_string_append_printf (details, _(" · %s of its members left"), left);
    }
  detail = gtk_label_new (details->str);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "numeric");
  gtk_box_append (GTK_BOX (texts), detail);
  g_string_append_printf (accessible, " %s.", details->str);

  flags = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (flags, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), flags);
  for (guint i = 0; i < G_N_ELEMENTS (all_flags); i++)
    if (s->flags & all_flags[i])
      {
        GtkWidget *pill = gtk_label_new (flag_label (all_flags[i]));

        gtk_widget_add_css_class (pill, "drift-flag");
        gtk_widget_add_css_class (pill, "caption");
        gtk_widget_set_tooltip_text (pill, flag_tooltip (all_flags[i]));
        gtk_box_append (GTK_BOX (flags), pill);
      }

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible->str, -1);
  g_object_set_data (G_OBJECT (row), "drift-flags", GUINT_TO_POINTER (s->flags));
  return row;
}

static char *
describe_side (GArray     *infos,
               gint64      id,
               ScDay       as_of)
{
  g_autofree char *day = seg_format_day (as_of);

  for (guint i = 0; id != 0 && i < infos->len; i++)
    if (g_array_index (infos, ScSnapshotInfo, i).id == id)
      /* Translators: one side of a comparison: a snapshot label and its as-of date */
      return g_strdup_printf (_("“%s” (as of %s)"),
                              g_array_index (infos, ScSnapshotInfo, i).label, day);
  /* Translators: one side of a comparison: the current segments and their as-of date */
  return g_strdup_printf (_("the current segments (as of %s)"), day);
}

static void
fill_result (SegChangesDialog *self,
             LoadData         *data)
{
  const ScDrift *d = data->drift;
  g_autofree char *from = describe_side (self->infos, d->from_id, d->from_as_of);
  g_autofree char *to = describe_side (self->infos, d->to_id, d->to_as_of);
  g_autofree char *summary = NULL;
  GtkWidget *child, *heading;

  if (d->n_flagged > 0)
    {
      g_autofree char *flagged = seg_changes_format_flagged (d->n_flagged);

      /* Translators: "2 segments changed noticeably from “Q1” (as of …) to the current
       * segments (as of …)." */
      summary = g_strdup_printf (_("%s from %s to %s."), flagged, from, to);
    }
  else
    /* Translators: the two sides of a comparison */
    summary = g_strdup_printf (_("No segment changed noticeably from %s to %s."), from, to);
  gtk_label_set_text (self->summary_label, summary);

  clear_list (self->drift_list);
  for (guint i = 0; i < d->n_segments; i++)
    gtk_list_box_append (self->drift_list, drift_row_new (&d->segments[i], data->migration));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flows_box))) != NULL)
    gtk_box_remove (self->flows_box, child);
  heading = gtk_label_new (d->n_flows > 0 ? _("Biggest moves")
                                          : _("No customers moved between segments."));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, d->n_flows > 0 ? "heading" : "dim-label");
  gtk_box_append (self->flows_box, heading);
  for (guint i = 0; i < d->n_flows; i++)
    {
      /* Translators: an item of the list of biggest moves between segments */
      g_autofree char *text = g_strdup_printf (_("• %s"), d->flows[i].text);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->flows_box, label);
    }

  seg_migration_chart_set_migration (self->migration_chart, g_steal_pointer (&data->migration));
  seg_impact_chart_set_impact (self->impact_chart, g_steal_pointer (&data->impact));

  g_clear_pointer (&self->drift, sc_drift_free);
  self->drift = g_steal_pointer (&data->drift);
  gtk_stack_set_visible_child_name (self->result_stack, "result");
}

static void
show_message (SegChangesDialog *self,
              const char       *title,
              const char       *message)
{
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, message);
  gtk_stack_set_visible_child_name (self->result_stack, "message");
  g_clear_pointer (&self->drift, sc_drift_free);
  seg_migration_chart_set_migration (self->migration_chart, NULL);
  seg_impact_chart_set_impact (self->impact_chart, NULL);
}

static void
on_load_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SegChangesDialog) self = user_data;
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  task_ended (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* A newer load replaced this one, or the dialog is closing. */
      if (self->closed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_message (self, _("Could Not Read the Snapshots"), error->message);
      return;
    }
  if (self->closed)
    return;

  g_clear_object (&self->load_cancellable);

  g_clear_pointer (&self->infos, g_array_unref);
  self->infos = g_steal_pointer (&data->infos);
  fill_snapshots (self);
  fill_compare_rows (self, data->from_resolved, data->to_resolved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.take-snapshot", data->has_run);

  if (data->drift == NULL)
    show_message (self, data->message_title, data->message);
  else
    fill_result (self, data);
}

static void
start_load (SegChangesDialog *self)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data = g_new0 (LoadData, 1);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  data->path = g_strdup (sc_project_get_path (self->project));
  data->from_id = self->from_id;
  data->to_id = self->to_id;

  task_started (self);
  /* No source object: the worker may drop the task last, and a widget must never be
   * finalised there. The callback holds the dialog instead and lets go on the main thread. */
  task = g_task_new (NULL, self->load_cancellable, on_load_done, g_object_ref (self));
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

static void
on_compare_changed (SegChangesDialog *self)
{
  guint from = adw_combo_row_get_selected (self->from_row);
  guint to = adw_combo_row_get_selected (self->to_row);
  guint n = self->infos != NULL ? self->infos->len : 0;

  if (self->updating || n == 0)
    return;

  self->from_id = from < n ? g_array_index (self->infos, ScSnapshotInfo, from).id : 0;
  self->to_id = to < n ? g_array_index (self->infos, ScSnapshotInfo, to).id : 0;
  start_load (self);
}

static void
on_measure_changed (SegChangesDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->measure_dropdown);

  if (selected < SC_IMPACT_N_MEASURES)
    seg_impact_chart_set_measure (self->impact_chart, (ScImpactMeasure) selected);
}

/* ------------------------------------------------------------------------------------------ */
/* Taking and deleting snapshots                                                              */

static void
on_snapshot_taken (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SegChangesDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  task_ended (self);
  if (seg_changes_take_snapshot_finish (result, &error) < 0)
    {
      if (!self->closed && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (GTK_WINDOW (self), _("Could Not Take a Snapshot"), error);
      return;
    }

  if (self->closed)
    return;
  show_toast (self, _("Snapshot taken"));
  start_load (self);
}

static void
take_snapshot_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  SegChangesDialog *self = SEG_CHANGES_DIALOG (widget);

  task_started (self);
  seg_changes_take_snapshot (GTK_WINDOW (self), self->project, self->cancellable,
                             on_snapshot_taken, g_object_ref (self));
}

typedef struct
{
  char   *path;
  gint64  id;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_free (data->path);
  g_free (data);
}

static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DeleteData *data = task_data;
  g_autoptr(ScStore) store = NULL;
  GError *error = NULL;

  store = sc_store_open (data->path, FALSE, &error);
  if (store != NULL && sc_snapshot_delete (store, data->id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_snapshot_deleted (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SegChangesDialog) self = user_data;
  DeleteData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  task_ended (self);
  if (self->closed)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (GTK_WINDOW (self), _("Could Not Delete the Snapshot"), error);
      return;
    }

  if (self->from_id == data->id)
    self->from_id = 0;
  if (self->to_id == data->id)
    self->to_id = 0;
  show_toast (self, _("Snapshot deleted"));
  start_load (self);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    SegChangesDialog *self)
{
  g_autoptr(GTask) task = NULL;
  DeleteData *data;

  if (!g_str_equal (response, "delete"))
    return;

  data = g_new0 (DeleteData, 1);
  data->path = g_strdup (sc_project_get_path (self->project));
  data->id = *(const gint64 *) g_object_get_data (G_OBJECT (dialog), "snapshot-id");

  task_started (self);
  task = g_task_new (NULL, self->cancellable, on_snapshot_deleted, g_object_ref (self));
  g_task_set_source_tag (task, on_delete_response);
  g_task_set_task_data (task, data, (GDestroyNotify) delete_data_free);
  g_task_run_in_thread (task, delete_thread);
}

static void
delete_snapshot_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  SegChangesDialog *self = SEG_CHANGES_DIALOG (widget);
  gint64 id = g_variant_get_int64 (param);
  const ScSnapshotInfo *info = find_info (self, id);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (info == NULL)
    return;

  /* Translators: %s is a snapshot's label */
  body = g_strdup_printf (_("“%s” will be removed from the project for good. The current "
                            "segments stay as they are."), info->label);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Snapshot?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "snapshot-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------------------------ */

static gboolean
seg_changes_dialog_close_request (GtkWindow *window)
{
  SegChangesDialog *self = SEG_CHANGES_DIALOG (window);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);

  return GTK_WINDOW_CLASS (seg_changes_dialog_parent_class)->close_request (window);
}

static void
seg_changes_dialog_dispose (GObject *object)
{
  SegChangesDialog *self = SEG_CHANGES_DIALOG (object);

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_CHANGES_DIALOG);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (seg_changes_dialog_parent_class)->dispose (object);
}

static void
seg_changes_dialog_finalize (GObject *object)
{
  SegChangesDialog *self = SEG_CHANGES_DIALOG (object);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->infos, g_array_unref);
  g_clear_pointer (&self->drift, sc_drift_free);

  G_OBJECT_CLASS (seg_changes_dialog_parent_class)->finalize (object);
}

static void
seg_changes_dialog_class_init (SegChangesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = seg_changes_dialog_dispose;
  object_class->finalize = seg_changes_dialog_finalize;
  window_class->close_request = seg_changes_dialog_close_request;

  g_type_ensure (SEG_TYPE_MIGRATION_CHART);
  g_type_ensure (SEG_TYPE_IMPACT_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/"
                                               "seg-changes-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, snapshot_list);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, compare_group);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, result_stack);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, message_page);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, drift_list);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, migration_chart);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, flows_box);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, measure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SegChangesDialog, impact_chart);

  gtk_widget_class_install_action (widget_class, "changes.take-snapshot", NULL,
                                   take_snapshot_action);
  gtk_widget_class_install_action (widget_class, "changes.delete-snapshot", "x",
                                   delete_snapshot_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
seg_changes_dialog_init (SegChangesDialog *self)
{
  g_autoptr(GtkStringList) measures = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  for (ScImpactMeasure m = 0; m < SC_IMPACT_N_MEASURES; m++)
    gtk_string_list_append (measures, sc_impact_measure_label (m));
  gtk_drop_down_set_model (self->measure_dropdown, G_LIST_MODEL (measures));
  g_signal_connect_object (self->measure_dropdown, "notify::selected",
                           G_CALLBACK (on_measure_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_row, "notify::selected",
                           G_CALLBACK (on_compare_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_row, "notify::selected",
                           G_CALLBACK (on_compare_changed), self, G_CONNECT_SWAPPED);

  seg_chart_set_export_name (SEG_CHART (self->migration_chart), _("Segment migration"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.take-snapshot", FALSE);
  gtk_stack_set_visible_child_name (self->result_stack, "message");
  adw_status_page_set_title (self->message_page, _("Reading the Snapshots…"));
}

/**
 * seg_changes_dialog_new:
 * @parent: the window it belongs to
 * @project: the project whose snapshots it shows
 *
 * Returns: (transfer none): a new dialog, modal to @parent, comparing the latest snapshot
 *   with the current segments; present it with gtk_window_present()
 */
SegChangesDialog *
seg_changes_dialog_new (GtkWindow *parent,
                        ScProject *project)
{
  SegChangesDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SC_IS_PROJECT (project), NULL);

  self = g_object_new (SEG_TYPE_CHANGES_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  start_load (self);
  return self;
}

/**
 * seg_changes_dialog_get_project:
 *
 * Returns: (transfer none): the project
 */
ScProject *
seg_changes_dialog_get_project (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), NULL);

  return self->project;
}

/**
 * seg_changes_dialog_compare:
 * @from_id: the earlier snapshot, 0 for the latest
 * @to_id: the later snapshot, 0 for the current segments
 *
 * Compares two other states, as choosing them in the dialog does.
 */
void
seg_changes_dialog_compare (SegChangesDialog *self,
                            gint64            from_id,
                            gint64            to_id)
{
  g_return_if_fail (SEG_IS_CHANGES_DIALOG (self));

  self->from_id = from_id;
  self->to_id = to_id;
  start_load (self);
}

/**
 * seg_changes_dialog_is_loading:
 *
 * Returns: whether the dialog is reading the project
 */
gboolean
seg_changes_dialog_is_loading (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), FALSE);

  return self->n_tasks > 0;
}

/**
 * seg_changes_dialog_get_n_snapshots:
 *
 * Returns: the snapshots listed
 */
guint
seg_changes_dialog_get_n_snapshots (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), 0);

  return self->infos != NULL ? self->infos->len : 0;
}

/**
 * seg_changes_dialog_get_snapshot_id:
 * @index: a snapshot, oldest first
 *
 * Returns: its id
 */
gint64
seg_changes_dialog_get_snapshot_id (SegChangesDialog *self,
                                    guint             index)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), 0);
  g_return_val_if_fail (self->infos != NULL && index < self->infos->len, 0);

  return g_array_index (self->infos, ScSnapshotInfo, index).id;
}

/**
 * seg_changes_dialog_get_drift:
 *
 * Returns: (transfer none) (nullable): the drift shown, %NULL when there is none
 */
const ScDrift *
seg_changes_dialog_get_drift (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), NULL);

  return self->drift;
}

/**
 * seg_changes_dialog_get_migration:
 *
 * Returns: (transfer none) (nullable): the migration the chart shows
 */
const ScMigration *
seg_changes_dialog_get_migration (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), NULL);

  return seg_migration_chart_get_migration (self->migration_chart);
}

/**
 * seg_changes_dialog_get_impact:
 *
 * Returns: (transfer none) (nullable): the series the impact chart shows
 */
const ScImpact *
seg_changes_dialog_get_impact (SegChangesDialog *self)
{
  g_return_val_if_fail (SEG_IS_CHANGES_DIALOG (self), NULL);

  return seg_impact_chart_get_impact (self->impact_chart);
}

/* ------------------------------------------------------------------------------------------ */
/* Taking a snapshot, with a label asked for                                                  */

typedef struct
{
  char     *path;
  char     *label;
  gboolean  answered;
} TakeData;

static void
take_data_free (TakeData *data)
{
  g_free (data->path);
  g_free (data->label);
  g_free (data);
}

static void
take_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TakeData *data = task_data;
  g_autoptr(ScStore) store = NULL;
  GError *error = NULL;
  gint64 id;

  store = sc_store_open (data->path, FALSE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  id = sc_snapshot_take (store, data->label, cancellable, &error);
  if (id < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, id);
}

static void
on_take_response (AdwMessageDialog *dialog,
                  const char       *response,
                  GTask            *task)
{
  TakeData *data = g_task_get_task_data (task);
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  data->answered = TRUE;
  if (!g_str_equal (response, "take"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                               _("No snapshot was taken."));
      return;
    }

  /* An empty label lets the core name it after the day. */
  data->label = *label != '\0' ? g_steal_pointer (&label) : NULL;
  g_task_run_in_thread (task, take_thread);
}

/* The question can go without an answer, when its parent is destroyed: the caller still
 * hears back. */
static void
take_question_gone (GTask *task)
{
  TakeData *data = g_task_get_task_data (task);

  if (!data->answered)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                             _("No snapshot was taken."));
  g_object_unref (task);
}

/**
 * seg_changes_take_snapshot:
 * @parent: the window asking
 * @project: the project
 * @cancellable: (nullable): cancels the snapshot once it is being taken
 * @callback: called when the snapshot was taken, or not
 * @user_data: for @callback
 *
 * Asks for a label in a dialog modal to @parent, then freezes the current segments in a
 * worker.  Dismissing the dialog ends with %G_IO_ERROR_CANCELLED.
 */
void
seg_changes_take_snapshot (GtkWindow           *parent,
                           ScProject           *project,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  TakeData *data;
  GtkWidget *dialog, *entry;
  g_autofree char *today = NULL;
  g_autofree char *placeholder = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (SC_IS_PROJECT (project));

  data = g_new0 (TakeData, 1);
  data->path = g_strdup (sc_project_get_path (project));
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, seg_changes_take_snapshot);
  g_task_set_task_data (task, data, (GDestroyNotify) take_data_free);

  dialog = adw_message_dialog_new (parent, _("Take a Snapshot"),
                                   _("Freeze the current segments, their members and figures, "
                                     "to see later what changed."));
  entry = gtk_entry_new ();
  today = seg_format_day ((ScDay) (g_date_time_to_unix (now) / 86400));
  /* Translators: the label a snapshot gets when none is typed, as in "Snapshot 1 Apr 2026" */
  placeholder = g_strdup_printf (_("Snapshot %s"), today);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Snapshot label"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "take", _("_Take Snapshot"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "take",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "take");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_take_response), task);
  g_object_set_data_full (G_OBJECT (dialog), "seg-take-task", task,
                          (GDestroyNotify) take_question_gone);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/**
 * seg_changes_take_snapshot_finish:
 *
 * Returns: the new snapshot's id, or -1 with @error set
 */
gint64
seg_changes_take_snapshot_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == seg_changes_take_snapshot,
                        -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------ */
/* Scoring new data                                                                           */

/* Scoring is 85 % of the work, comparing with the state before the rest. */
#define SCORE_SHARE 0.85

typedef struct
{
  char    *path;
  ScJob   *job;
  ScDrift *drift;
} ScoreData;

static void
score_data_free (ScoreData *data)
{
  g_free (data->path);
  g_clear_object (&data->job);
  g_clear_pointer (&data->drift, sc_drift_free);
  g_free (data);
}

static void
score_progress (double      fraction,
                const char *message,
                gpointer    user_data)
{
  ScoreData *data = user_data;

  if (data->job != NULL)
    sc_job_update (data->job, fraction * SCORE_SHARE, message);
}

static void
score_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ScoreData *data = task_data;
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScRun) before = NULL;
  g_autoptr(ScRun) after = NULL;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  GError *error = NULL;
  gint64 snapshot;

  store = sc_store_open (data->path, FALSE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  before = sc_run_load_current (store, &error);
  if (before == NULL)
    {
      if (error == NULL)
        g_set_error (&error, SC_ERROR, SC_ERROR_NO_DATA,
                     _("The project has no segments yet: segment it before scoring new data."));
      g_task_return_error (task, error);
      return;
    }

  after = sc_run_score (store, SC_FEATURES_AS_OF_AUTO, score_progress, data, cancellable,
                        &error);
  if (after == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The scoring stands even when what moved cannot be measured: no drift then. */
  if (data->job != NULL)
    sc_job_update (data->job, SCORE_SHARE, _("Comparing with the segments before"));
  snapshot = sc_snapshot_find_for_run (store, before->id, NULL);
  if (snapshot > 0 && !g_cancellable_is_cancelled (cancellable))
    {
      from = sc_snapshot_load (store, snapshot, NULL);
      to = from != NULL ? sc_snapshot_capture (store, after, cancellable, NULL) : NULL;
      if (to != NULL)
        data->drift = sc_drift_compute (from, to, cancellable, NULL);
    }
  if (data->job != NULL)
    sc_job_update (data->job, 1.0, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * seg_changes_score_async:
 * @project: a project with segments, into which new data was imported
 * @job: (nullable): receives progress
 * @cancellable: (nullable): cancels the scoring; the project stays as it was
 * @callback: called on the main context when done
 * @user_data: for @callback
 *
 * Assigns every customer, new ones included, to the nearest current segment
 * (sc_run_score(), which keeps a snapshot of the state it replaces), then measures the
 * drift from that snapshot to the scored segments.
 */
void
seg_changes_score_async (ScProject           *project,
                         ScJob               *job,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScoreData *data;

  g_return_if_fail (SC_IS_PROJECT (project));
  g_return_if_fail (job == NULL || SC_IS_JOB (job));

  data = g_new0 (ScoreData, 1);
  data->path = g_strdup (sc_project_get_path (project));
  data->job = job != NULL ? g_object_ref (job) : NULL;

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, seg_changes_score_async);
  g_task_set_task_data (task, data, (GDestroyNotify) score_data_free);
  g_task_run_in_thread (task, score_thread);
}

/**
 * seg_changes_score_finish:
 * @drift: (out) (transfer full) (optional) (nullable): what moved, %NULL when it could not
 *   be measured
 *
 * Reloads @project on success, so that its pages show the scored segments.
 *
 * Returns: whether the new data was scored
 */
gboolean
seg_changes_score_finish (ScProject     *project,
                          GAsyncResult  *result,
                          ScDrift      **drift,
                          GError       **error)
{
  ScoreData *data;

  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == seg_changes_score_async,
                        FALSE);

  if (drift != NULL)
    *drift = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (!sc_project_reload (project, error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (drift != NULL)
    *drift = g_steal_pointer (&data->drift);
  return TRUE;
}

/**
 * seg_changes_drift_toast_new:
 * @drift: (nullable): what moved, as seg_changes_score_finish() gives it
 *
 * Returns: (transfer full) (nullable): a toast saying how many segments changed
 *   noticeably, with a button opening the What Changed dialog (win.changes); %NULL when
 *   nothing was flagged
 */
AdwToast *
seg_changes_drift_toast_new (const ScDrift *drift)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (drift == NULL || drift->n_flagged == 0)
    return NULL;

  title = seg_changes_format_flagged (drift->n_flagged);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.changes");
  adw_toast_set_timeout (toast, 10);
  return toast;
}
