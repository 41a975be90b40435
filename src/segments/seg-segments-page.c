/* seg-segments-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The segment editor: the list (priority), the value × potential grid and the details of
 * the selected segment.  The three are views; every change they ask for goes through the
 * page's editor.* actions, which call the project and report problems, so that errors
 * are shown in one way and keyboard, mouse and menus do the same thing.
 *
 * Field and priority edits are quick and run at once.  Edits that change who is in which
 * segment (merge, split, move, fold) recompute profiles over all customers, so they run in
 * a worker (sc_project_reshape_async); meanwhile the project is busy and the editor says
 * so.  The details of a run (feature means, what sets segments apart, typical customers)
 * are computed in a worker too, once per run.
 *
 * The selection is a position in the run, and positions change when segments are merged
 * or split: the page follows the selected segment by id and, across runs, by name (names
 * are unique within a run and carried from run to run). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
#include "seg-grid-chart.h"
#include "seg-rerun-popover.h"
#include "seg-segment-details.h"
#include "seg-segment-list.h"
#include "seg-segments-page-private.h"
#include "seg-run-params.h"
#include "seg-widget-util.h"

#define N_EXAMPLES 5

G_DEFINE_FINAL_TYPE (SegSegmentsPage, seg_segments_page, ADW_TYPE_BIN)

static void update_actions (SegSegmentsPage *self);

/* ------------------------------------------------------------------------------------------ */
/* Helpers, shared with the edit actions (seg-segments-page-edits.c)                           */

const ScRun *
_seg_segments_page_get_run (SegSegmentsPage *self)
{
  return self->project != NULL ? sc_project_get_run (self->project) : NULL;
}

const ScSegmentInfo *
_seg_segments_page_selected_info (SegSegmentsPage *self)
{
  const ScRun *run = _seg_segments_page_get_run (self);
  int position = self->selection != NULL ? seg_selection_get_position (self->selection) : -1;

  if (run == NULL || position < 0 || (guint) position >= run->n_segments)
    return NULL;
  return &run->segments[position];
}

static int
position_of_name (const ScRun *run,
                  const char  *name)
{
  for (guint s = 0; run != NULL && name != NULL && s < run->n_segments; s++)
    if (g_strcmp0 (run->segments[s].name, name) == 0)
      return (int) s;
  return -1;
}

void
_seg_segments_page_show_toast (SegSegmentsPage *self,
                               const char      *title,
                               gboolean         with_undo)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;
  toast = adw_toast_new (title);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

void
_seg_segments_page_show_error (SegSegmentsPage *self,
                               const char      *heading,
                               const GError    *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    seg_show_error_dialog (seg_widget_get_window (GTK_WIDGET (self)), heading, error->message);
}

static gboolean
is_busy (SegSegmentsPage *self)
{
  return self->working > 0 || (self->project != NULL && sc_project_get_busy (self->project));
}

void
_seg_segments_page_begin_work (SegSegmentsPage *self,
                               const char      *message)
{
  self->working++;
  gtk_label_set_text (self->busy_label, message);
  update_actions (self);
}

void
_seg_segments_page_end_work (SegSegmentsPage *self)
{
  g_assert (self->working > 0);
  self->working--;
  update_actions (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Run details, computed in a worker of the project                                           */

/* “A”, “B” and “C” without the outer quotes: the sentences put those around. */
static char *
join_names (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv (_("”, “"), (char **) names->pdata);
}

static char *
describe_carry_over (const ScCarryOver *carry)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GPtrArray) lost = g_ptr_array_new ();
  guint kept = 0;

  for (guint i = 0; i < carry->n_segments; i++)
    {
      if (carry->previous_position[i] >= 0)
        kept++;
      else
        g_ptr_array_add (fresh, carry->names[i]);
    }
  for (guint i = 0; i < carry->n_previous; i++)
    if (!carry->previous_matched[i])
      g_ptr_array_add (lost, carry->previous_names[i]);

  if (kept == carry->n_segments && lost->len == 0)
    return g_strdup (_("Every segment matched one before the new segmentation and kept its "
                       "name, description and plan."));

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u new segments kept the name, description "
                                             "and plan of the segment it mostly consists of.",
                                             "%u of %u new segments kept the name, description "
                                             "and plan of the segment they mostly consist of.",
                                             carry->n_segments),
                          kept, carry->n_segments);
  if (fresh->len > 0)
    {
      g_autofree char *names = join_names (fresh);

      g_string_append_c (text, ' ');
      /* Translators: %s is a list of segment names */
      g_string_append_printf (text, _("New, without a match: “%s”."), names);
    }
  if (lost->len > 0)
    {
      g_autofree char *names = join_names (lost);

      g_string_append_c (text, ' ');
      /* Translators: %s is a list of segment names */
      g_string_append_printf (text, _("No longer a segment of their own: “%s”."), names);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_run_described (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SegSegmentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ScRunDetails *details;

  details = sc_project_describe_run_finish (SC_PROJECT (source), result, &error);
  if (details == NULL)
    {
      /* Unless the project was closed or replaced meanwhile (its files may be gone). */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          self->project != NULL && G_OBJECT (self->project) == source)
        g_warning ("Could not describe the segments: %s", error->message);
      return;
    }
  if (self->project == NULL || G_OBJECT (self->project) != source)
    {
      sc_run_details_free (details);
      return;
    }

  g_clear_object (&self->details_cancellable);
  seg_segment_details_set_run_details (self->details, details);
}

/* What a carry-over's callback needs: the page, held until then, and the run before. */
typedef struct
{
  SegSegmentsPage *self;
  gint64           carry_over_from;
} CarryOverCall;

static void
on_carry_over_loaded (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autofree CarryOverCall *call = user_data;
  g_autoptr(SegSegmentsPage) self = call->self;
  g_autoptr(ScCarryOver) carry_over = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  carry_over = sc_project_load_carry_over_finish (SC_PROJECT (source), result, &error);
  if (carry_over == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          self->project != NULL && G_OBJECT (self->project) == source)
        g_warning ("Could not describe the segments: %s", error->message);
      return;
    }
  if (self->project == NULL || G_OBJECT (self->project) != source ||
      carry_over->previous_run != call->carry_over_from || carry_over->scored)
    return;

  text = describe_carry_over (carry_over);
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

/* Describes the current run (feature means, typical customers), or tells what a re-run
 * from @carry_over_from carried over, in a worker of the project. */
static void
start_details (SegSegmentsPage *self,
               gboolean         describe,
               gint64           carry_over_from)
{
  const ScRun *run = _seg_segments_page_get_run (self);

  if (run == NULL || (!describe && carry_over_from == 0))
    return;

  if (describe)
    {
      if (self->details_cancellable != NULL)
        g_cancellable_cancel (self->details_cancellable);
      g_set_object (&self->details_cancellable, g_cancellable_new ());
      self->details_run = run->id;
      sc_project_describe_run_async (self->project, run, N_EXAMPLES, self->details_cancellable,
                                     on_run_described, g_object_ref (self));
    }
  if (carry_over_from != 0)
    {
      CarryOverCall *call = g_new0 (CarryOverCall, 1);

      call->self = g_object_ref (self);
      call->carry_over_from = carry_over_from;
      sc_project_load_carry_over_async (self->project, run->id,
                                        describe ? self->details_cancellable : self->cancellable,
                                        on_carry_over_loaded, call);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Following the project                                                                      */

/* Whether any segment of @run has a value, and any a potential. */
static void
grid_values (const ScRun *run,
             gboolean    *any_value,
             gboolean    *any_potential)
{
  *any_value = *any_potential = FALSE;
  for (guint s = 0; run != NULL && s < run->n_segments; s++)
    {
      *any_value |= isfinite (run->segments[s].value);
      *any_potential |= isfinite (run->segments[s].potential);
    }
}

static void
update_thresholds (SegSegmentsPage *self)
{
  const ScRun *run = _seg_segments_page_get_run (self);

  if (run == NULL)
    return;
  if (isfinite (run->value_threshold))
    gtk_spin_button_set_value (self->value_spin, run->value_threshold);
  if (isfinite (run->potential_threshold))
    gtk_spin_button_set_value (self->potential_spin, run->potential_threshold);
}

static void
update_actions (SegSegmentsPage *self)
{
  const ScRun *run = _seg_segments_page_get_run (self);
  const ScSegmentInfo *info = _seg_segments_page_selected_info (self);
  gboolean busy = is_busy (self);
  gboolean can_edit = run != NULL && !busy;
  gboolean has_outliers = FALSE;
  gboolean has_values = seg_grid_chart_has_values (self->grid);
  gboolean any_value, any_potential;
  guint rank = 0;
  GtkWidget *widget = GTK_WIDGET (self);

  if (info != NULL)
    {
      g_autofree guint *order = sc_run_priority_order (run);

      for (guint i = 0; i < run->n_segments; i++)
        if (order[i] == info->position)
          rank = i + 1;
    }
  for (guint s = 0; run != NULL && s < run->n_segments; s++)
    has_outliers |= run->segments[s].is_outliers;

  gtk_widget_action_set_enabled (widget, "editor.set-field", can_edit);
  gtk_widget_action_set_enabled (widget, "editor.set-priority", can_edit);
  gtk_widget_action_set_enabled (widget, "editor.move-up", can_edit && rank > 1);
  gtk_widget_action_set_enabled (widget, "editor.move-down",
                                 can_edit && rank > 0 && rank < run->n_segments);
  gtk_widget_action_set_enabled (widget, "editor.set-thresholds", can_edit && has_values);
  gtk_widget_action_set_enabled (widget, "editor.apply-thresholds", can_edit && has_values);
  gtk_widget_action_set_enabled (widget, "editor.reset-thresholds", can_edit && has_values);
  gtk_widget_action_set_enabled (widget, "editor.merge",
                                 can_edit && info != NULL && run->n_segments > 1);
  gtk_widget_action_set_enabled (widget, "editor.merge-segments", can_edit);
  gtk_widget_action_set_enabled (widget, "editor.split",
                                 can_edit && info != NULL && !info->is_outliers && info->size > 1);
  gtk_widget_action_set_enabled (widget, "editor.move-customer", can_edit && run->n_segments > 1);
  gtk_widget_action_set_enabled (widget, "editor.move-customer-to", can_edit);
  gtk_widget_action_set_enabled (widget, "editor.fold-outliers", can_edit && has_outliers);
  gtk_widget_action_set_enabled (widget, "editor.estimate",
                                 can_edit && sc_project_get_has_data (self->project));
  gtk_widget_set_sensitive (GTK_WIDGET (self->rerun_button),
                            run != NULL && !busy && sc_project_get_has_data (self->project));
  gtk_widget_set_sensitive (GTK_WIDGET (self->dividers_button), can_edit && has_values);

  gtk_widget_set_visible (GTK_WIDGET (self->busy_box), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->details), !busy);
  /* Value only (no potential) is explained by the note above the grid instead. */
  grid_values (run, &any_value, &any_potential);
  gtk_widget_set_visible (self->estimate_box, run != NULL && !has_values && !any_value);
}

/* With values but no potential the grid falls back to value only; the note says why, from
 * the stored value model.  Loaded only when the model may have changed. */
static void
update_value_note (SegSegmentsPage *self)
{
  g_autoptr(ScPotential) potential = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean any_value, any_potential;
  const char *note;

  grid_values (_seg_segments_page_get_run (self), &any_value, &any_potential);
  if (!any_value && self->value_note_stale && self->project != NULL)
    {
      gboolean fresh = FALSE;

      /* A model fitted before the latest import places no segments (sc_run_segment() applies
       * only a fresh one: the old one does not know the new orders), so a re-run leaves the
       * grid empty; say so rather than describe a model that seems never to have run. */
      self->value_note_stale = FALSE;
      potential = sc_project_load_value_model (self->project, &fresh, &error);
      if (potential == NULL && error != NULL)
        g_warning ("Could not read the value model: %s", error->message);
      gtk_label_set_text (self->estimate_label,
                          potential != NULL && !fresh
                          ? _("The value model was estimated before the latest import, so it "
                              "does not place these segments. Estimate again to place them.")
                          : _("Fits a customer lifetime value model to the orders: current "
                              "value, expected future value and the chance each customer is "
                              "still active."));
    }
  if (!any_value || any_potential)
    {
      gtk_widget_set_visible (self->value_note_box, FALSE);
      return;
    }
  if (!self->value_note_stale)
    return;
  self->value_note_stale = FALSE;

  potential = sc_project_load_value_model (self->project, NULL, &error);
  if (potential == NULL && error != NULL)
    g_warning ("Could not read the value model: %s", error->message);
  note = potential != NULL ? sc_potential_get_note (potential) : NULL;
  if (note != NULL && *note != '\0')
    /* Translators: %s says why, e.g. "Only 8 customers bought more than once: …" */
    text = g_strdup_printf (_("Potential could not be estimated, so the grid shows value only. "
                              "%s"), note);
  else
    text = g_strdup (_("Potential could not be estimated, so the grid shows value only."));
  gtk_label_set_text (self->value_note_label, text);
  gtk_widget_set_visible (self->value_note_box, TRUE);
}

static void
on_project_changed_parts (SegSegmentsPage *self,
                          guint            parts)
{
  if (parts & (SC_PROJECT_PART_VALUE_MODEL | SC_PROJECT_PART_DATA | SC_PROJECT_PART_RUN))
    self->value_note_stale = TRUE;
  if (parts & (SC_PROJECT_PART_VALUE_MODEL | SC_PROJECT_PART_DATA | SC_PROJECT_PART_RUN |
               SC_PROJECT_PART_MEMBERSHIP))
    _seg_segments_page_load_profit (self);
}

static void
remember_selection (SegSegmentsPage *self)
{
  const ScSegmentInfo *info = _seg_segments_page_selected_info (self);

  self->selected_id = info != NULL ? info->id : 0;
  g_free (self->selected_name);
  self->selected_name = info != NULL ? g_strdup (info->name) : NULL;
}

static void
on_selection_changed (SegSegmentsPage *self)
{
  int position = seg_selection_get_position (self->selection);

  if (!self->following)
    remember_selection (self);
  seg_segment_details_set_position (self->details, position);
  update_actions (self);
}

/* On ScProject::changed, not ::changed-parts: the project replaces its run on every reload,
 * whatever changed, so the page and its views must re-read it each time. What is costly,
 * describing the run in a worker, already starts only when the run's id changed. Reloading
 * less would need the project to keep its run across SNAPSHOTS- or VALUE_MODEL-only
 * changes first. */
static void
on_project_changed (SegSegmentsPage *self)
{
  const ScRun *run = _seg_segments_page_get_run (self);
  int position = -1;

  gtk_stack_set_visible_child_name (self->stack, run != NULL ? "editor" : "empty");
  if (run == NULL)
    {
      self->details_run = 0;
      update_actions (self);
      return;
    }

  /* The selected segment, wherever the change put it. */
  if (self->select_after != NULL)
    position = position_of_name (run, self->select_after);
  for (guint s = 0; position < 0 && self->selected_id != 0 && s < run->n_segments; s++)
    if (run->segments[s].id == self->selected_id)
      position = (int) s;
  if (position < 0)
    position = position_of_name (run, self->selected_name);
  g_clear_pointer (&self->select_after, g_free);

  if (self->selection != NULL)
    {
      self->following = TRUE;
      seg_selection_set_position (self->selection, position);
      self->following = FALSE;
    }
  remember_selection (self);
  seg_segment_details_set_position (self->details, position);

  if (run->id != self->details_run)
    start_details (self, TRUE, 0);
  if (run->id != self->params_run)
    {
      self->params_run = run->id;
      seg_rerun_popover_set_params (self->rerun_popover, &run->params);
    }
  update_thresholds (self);
  update_value_note (self);
  update_actions (self);
}

static void
on_busy_changed (SegSegmentsPage *self)
{
  gtk_label_set_text (self->busy_label, _("Updating the segments…"));
  update_actions (self);
}

/* Estimating value and potential ---------------------------------------------------------- */

static void
on_estimate_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SegSegmentsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  _seg_segments_page_end_work (self);
  if (!sc_project_estimate_potential_finish (SC_PROJECT (source), result, &error))
    _seg_segments_page_show_error (self, _("Could Not Estimate Value and Potential"), error);
  else
    {
      /* The details include CLV and P(alive) now. */
      start_details (self, TRUE, 0);
      update_actions (self);
    }
}

static void
estimate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (widget);

  if (self->project == NULL)
    return;
  _seg_segments_page_begin_work (self, _("Estimating value and potential…"));
  sc_project_estimate_potential_async (self->project, self->cancellable, on_estimate_done,
                                       g_object_ref (self));
}

/* Re-running ------------------------------------------------------------------------------- */

static void
on_rerun (SegSegmentsPage *self)
{
  ScRunParams params;

  /* The window segments; it has disabled the action while it is busy. */
  seg_segment_details_commit (self->details);
  seg_rerun_popover_get_params (self->rerun_popover, &params);
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.segment-with",
                                      seg_run_params_to_variant (&params));
}

static void
on_banner_close (SegSegmentsPage *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

/* Navigation on narrow windows ------------------------------------------------------------ */

/* Below about 600 px the list, the grid and the details show one at a time (two leaflets:
 * the list beside the rest, and inside it the grid beside the details).  Choosing a segment
 * in the list goes on to its details; the back buttons go to the grid, then the list. */
static void
on_row_activated (SegSegmentsPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content);
  if (adw_leaflet_get_folded (self->detail_leaflet))
    adw_leaflet_set_visible_child (self->detail_leaflet, self->details_pane);
}

static void
on_details_back_clicked (SegSegmentsPage *self)
{
  adw_leaflet_navigate (self->detail_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_back_clicked (SegSegmentsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_segments_page_dispose (GObject *object)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (object);

  seg_segments_page_set_project (self, NULL, NULL);
  _seg_segments_page_dispose_overlay (self);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (seg_segments_page_parent_class)->dispose (object);
}

static void
seg_segments_page_finalize (GObject *object)
{
  SegSegmentsPage *self = SEG_SEGMENTS_PAGE (object);

  g_free (self->selected_name);
  g_free (self->select_after);

  G_OBJECT_CLASS (seg_segments_page_parent_class)->finalize (object);
}

static void
seg_segments_page_class_init (SegSegmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_segments_page_dispose;
  object_class->finalize = seg_segments_page_finalize;

  g_type_ensure (SEG_TYPE_SEGMENT_LIST);
  g_type_ensure (SEG_TYPE_SEGMENT_DETAILS);
  g_type_ensure (SEG_TYPE_GRID_CHART);
  g_type_ensure (SEG_TYPE_RERUN_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-segments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, list);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, content);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, detail_leaflet);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, details_pane);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, details_bar);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, busy_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, grid);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, estimate_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, estimate_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, value_note_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, value_note_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, details);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, rerun_popover);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, rerun_button);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, dividers_button);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, value_spin);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsPage, potential_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_rerun);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_close);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_details_back_clicked);

  _seg_segments_page_class_init_edits (widget_class);
  gtk_widget_class_install_action (widget_class, "editor.estimate", NULL, estimate_action);
}

static void
seg_segments_page_init (SegSegmentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _seg_segments_page_init_overlay (self);

  self->cancellable = g_cancellable_new ();
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->detail_leaflet, "folded", self->details_bar, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (seg_segment_list_get_list_box (self->list), "row-activated",
                           G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}

/**
 * seg_segments_page_new:
 *
 * Returns: (transfer floating): a new page without a project
 */
GtkWidget *
seg_segments_page_new (void)
{
  return g_object_new (SEG_TYPE_SEGMENTS_PAGE, NULL);
}

/**
 * seg_segments_page_set_project:
 * @project: (nullable): the project to edit
 * @selection: (nullable): the window's selection
 */
void
seg_segments_page_set_project (SegSegmentsPage *self,
                               ScProject       *project,
                               SegSelection    *selection)
{
  g_return_if_fail (SEG_IS_SEGMENTS_PAGE (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));
  g_return_if_fail (selection == NULL || SEG_IS_SELECTION (selection));

  if (self->project != project)
    {
      if (self->project != NULL)
        {
          seg_segment_details_commit (self->details);
          g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
          g_signal_handlers_disconnect_by_func (self->project, on_busy_changed, self);
          g_signal_handlers_disconnect_by_func (self->project, on_project_changed_parts, self);
        }
      /* Workers of the previous project report to nobody. */
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      if (self->details_cancellable != NULL)
        g_cancellable_cancel (self->details_cancellable);
      g_clear_object (&self->details_cancellable);
      if (self->cancellable != NULL)
        g_set_object (&self->cancellable, g_cancellable_new ());

      g_set_object (&self->project, project);
      self->details_run = 0;
      self->params_run = 0;
      self->value_note_stale = TRUE;
      self->selected_id = 0;
      g_clear_pointer (&self->selected_name, g_free);
      g_clear_pointer (&self->select_after, g_free);
      if (self->banner_revealer != NULL)
        gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);

      if (self->project != NULL)
        {
          g_signal_connect_object (self->project, "changed", G_CALLBACK (on_project_changed),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->project, "notify::busy", G_CALLBACK (on_busy_changed),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->project, "changed-parts",
                                   G_CALLBACK (on_project_changed_parts), self,
                                   G_CONNECT_SWAPPED);
        }
    }

  seg_set_watched_object ((gpointer *) &self->selection, selection, "notify::position",
                          G_CALLBACK (on_selection_changed), self);

  if (self->details == NULL)
    return;

  /* The views follow the project through their own handlers, connected after the page's:
   * the page puts the selection right first. */
  seg_segment_details_set_project (self->details, project);
  seg_segment_list_set_project (self->list, project, selection);
  seg_chart_set_project (SEG_CHART (self->grid), project);
  seg_chart_set_selection (SEG_CHART (self->grid), selection);
  _seg_segments_page_load_profit (self);

  if (self->project != NULL)
    on_project_changed (self);
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
    }
}

void
seg_segments_page_commit (SegSegmentsPage *self)
{
  g_return_if_fail (SEG_IS_SEGMENTS_PAGE (self));

  seg_segment_details_commit (self->details);
}

void
seg_segments_page_show_rerun_result (SegSegmentsPage *self,
                                     gint64           previous_run)
{
  g_return_if_fail (SEG_IS_SEGMENTS_PAGE (self));

  if (previous_run == 0 || _seg_segments_page_get_run (self) == NULL)
    return;
  start_details (self, FALSE, previous_run);
}

gboolean
seg_segments_page_is_working (SegSegmentsPage *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_PAGE (self), FALSE);

  return is_busy (self);
}
