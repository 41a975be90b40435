/* seg-segment-details-plan.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The plan in the segment form: every field shows a value, the one people set or else the
 * one suggested from the segment's situation (sc-plan.h), marked "Suggested"; "Accept
 * Suggested Plan" sets the suggestions (one edit, one undo step), and typing in a field
 * sets that field.
 *
 * A plan needs figures read from the customers (activity, median recency, repeat rate),
 * so every segment's plan is read in a worker (sc_project_plan_async()) after each change
 * of the project, and the form is refilled when it arrives.  Until then the form builds
 * the plan from the figures it read last, when they belong to the same run, so that a
 * field just set stops being "Suggested" at once. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-segment-details-private.h"

/* The name of @tier as the tier row shows it. */
static const char *
tier_label (SegSegmentDetails *self,
            const char        *tier)
{
  for (guint i = 1; i < G_N_ELEMENTS (_seg_tiers); i++)
    if (g_strcmp0 (tier, _seg_tiers[i]) == 0)
      return gtk_string_list_get_string (self->tier_model, i);
  return NULL;
}

static const ScRun *
project_run (SegSegmentDetails *self)
{
  return self->project != NULL ? sc_project_get_run (self->project) : NULL;
}

gboolean
_seg_segment_details_build_plan (SegSegmentDetails   *self,
                                 const ScSegmentInfo *info)
{
  const ScRun *run = project_run (self);

  if (self->has_plan)
    sc_plan_clear (&self->plan);
  self->has_plan = FALSE;
  if (run == NULL || info == NULL || self->plans == NULL || self->plans->run != run->id ||
      self->plans->n_segments != run->n_segments || info->position >= run->n_segments)
    return FALSE;

  sc_plan_build (&self->plan, info, &self->plans->figures[info->position]);
  self->has_plan = TRUE;
  return TRUE;
}

char *
_seg_segment_details_dup_suggested (SegSegmentDetails *self,
                                    TextId             id)
{
  if (self->has_plan && id == TEXT_OBJECTIVE && (self->plan.suggested & SC_PLAN_FIELD_OBJECTIVE))
    return g_strdup (self->plan.objective);
  if (self->has_plan && id == TEXT_TACTICS && (self->plan.suggested & SC_PLAN_FIELD_TACTICS))
    return sc_plan_join_tactics ((const char * const *) self->plan.tactics);
  return NULL;
}

static void
set_tag (SegSegmentDetails *self,
         PlanTag            tag,
         ScPlanField        field)
{
  gtk_widget_set_visible (self->tags[tag], self->has_plan && (self->plan.suggested & field));
}

void
_seg_segment_details_fill_plan (SegSegmentDetails   *self,
                                const ScSegmentInfo *info)
{
  const ScPlan *plan = self->has_plan ? &self->plan : NULL;
  g_autofree char *suggested_tier = NULL;
  g_autofree char *kpi = NULL;
  const char *meaning;

  /* The first choice of the tier row follows the suggestion. */
  if (plan != NULL && tier_label (self, sc_plan_situation_tier (plan->situation)) != NULL)
    /* Translators: the tier choice that follows the plan, e.g. "Suggested: Mid-touch" */
    suggested_tier = g_strdup_printf (_("Suggested: %s"),
                                      tier_label (self, sc_plan_situation_tier (plan->situation)));
  else
    suggested_tier = g_strdup (_("Suggested"));
  _seg_string_list_set_first (self->tier_model, suggested_tier);
  meaning = plan != NULL ? plan->tier_meaning : sc_plan_tier_meaning (info->service_tier);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tier_row), meaning != NULL ? meaning : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->objective_row),
                               (plan != NULL && plan->objective != NULL && *plan->objective)
                               ? plan->objective : NULL);

  if (plan != NULL)
    {
      /* Translators: the KPI of a plan and its current value: "Share of revenue: 32%" */
      kpi = g_strdup_printf (_("%s: %s"), plan->kpi_name, plan->kpi_text);
      adw_action_row_set_subtitle (self->channel_row, plan->channel);
      adw_action_row_set_subtitle (self->cadence_row, plan->cadence);
      adw_action_row_set_subtitle (self->kpi_row, kpi);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->channel_row), plan != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cadence_row), plan != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->kpi_row), plan != NULL);

  set_tag (self, PLAN_TAG_OBJECTIVE, SC_PLAN_FIELD_OBJECTIVE);
  set_tag (self, PLAN_TAG_TACTICS, SC_PLAN_FIELD_TACTICS);
  set_tag (self, PLAN_TAG_TIER, SC_PLAN_FIELD_TIER);
  set_tag (self, PLAN_TAG_CHANNEL, SC_PLAN_FIELD_CHANNEL);
  set_tag (self, PLAN_TAG_CADENCE, SC_PLAN_FIELD_CADENCE);
  set_tag (self, PLAN_TAG_KPI, SC_PLAN_FIELD_KPI);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tactics_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  plan != NULL && (plan->suggested & SC_PLAN_FIELD_TACTICS)
                                  ? _("Suggested") : "", -1);

  gtk_widget_set_visible (GTK_WIDGET (self->accept_button),
                          plan != NULL &&
                          (plan->suggested & (SC_PLAN_FIELD_OBJECTIVE | SC_PLAN_FIELD_TACTICS |
                                              SC_PLAN_FIELD_TIER)));
}

/* ------------------------------------------------------------------------------------------ */
/* Reading the plans                                                                          */

static void
on_plans_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SegSegmentDetails) self = user_data;
  g_autoptr(GError) error = NULL;
  ScPlans *plans = sc_project_plan_finish (SC_PROJECT (source), result, &error);

  if (plans == NULL)
    {
      /* Unless the project was closed or replaced meanwhile (its files may be gone). */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          SC_PROJECT (source) == self->project)
        g_warning ("Could not read the plans: %s", error->message);
      return;
    }
  if (SC_PROJECT (source) != self->project)
    {
      sc_plans_free (plans);
      return;
    }
  g_clear_pointer (&self->plans, sc_plans_free);
  self->plans = plans;
  _seg_segment_details_refill (self);
}

void
_seg_segment_details_fetch_plans (SegSegmentDetails *self)
{
  const ScRun *run = project_run (self);

  g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  if (run == NULL)
    return;

  self->plan_cancellable = g_cancellable_new ();
  sc_project_plan_async (self->project, run, self->plan_cancellable, on_plans_read,
                         g_object_ref (self));
}

/* ------------------------------------------------------------------------------------------ */

static void
on_accept_clicked (SegSegmentDetails *self)
{
  gint64 id = self->segment_id;

  if (id == 0)
    return;
  /* What was typed is saved first, and stands: accepting fills only what is suggested. */
  seg_segment_details_commit (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.accept-plan", "x", id);
}

static GtkWidget *
tag_new (void)
{
  GtkWidget *tag = gtk_label_new (_("Suggested"));

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "dim-label");
  gtk_widget_add_css_class (tag, "caption");
  gtk_widget_set_visible (tag, FALSE);
  return tag;
}

/* The tier row shows the chosen tier by its name alone, "Suggested" beside it when it
 * follows the plan; its list says "Suggested: Mid-touch" (see fill). */
static void
setup_tier_value (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Short names, never cut: the meaning beside it wraps instead. */
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_list_item_set_child (item, label);
}

static void
bind_tier_value (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 SegSegmentDetails        *self)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  const char *text = gtk_string_object_get_string (string);

  const char *suggested = gtk_list_item_get_position (item) == 0 && self->has_plan
                          ? tier_label (self, sc_plan_situation_tier (self->plan.situation))
                          : NULL;

  if (suggested != NULL)
    text = suggested;
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

void
_seg_segment_details_init_plan (SegSegmentDetails *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  for (guint t = 0; t < N_PLAN_TAGS; t++)
    self->tags[t] = tag_new ();

  adw_entry_row_add_suffix (self->objective_row, self->tags[PLAN_TAG_OBJECTIVE]);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->tier_row), self->tags[PLAN_TAG_TIER]);
  adw_action_row_add_suffix (self->channel_row, self->tags[PLAN_TAG_CHANNEL]);
  adw_action_row_add_suffix (self->cadence_row, self->tags[PLAN_TAG_CADENCE]);
  adw_action_row_add_suffix (self->kpi_row, self->tags[PLAN_TAG_KPI]);
  adw_preferences_group_set_header_suffix (self->tactics_group, self->tags[PLAN_TAG_TACTICS]);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_tier_value), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_tier_value), self);
  adw_combo_row_set_factory (self->tier_row, factory);

  g_signal_connect_swapped (self->accept_button, "clicked", G_CALLBACK (on_accept_clicked),
                            self);
}

void
_seg_segment_details_dispose_plan (SegSegmentDetails *self)
{
  g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  g_clear_pointer (&self->plans, sc_plans_free);
  if (self->has_plan)
    sc_plan_clear (&self->plan);
  self->has_plan = FALSE;
}
