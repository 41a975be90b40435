/* seg-segment-details.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The form of the selected segment: what people decide about it (name, description, plan,
 * tier, colour, quadrant) and what the data says (profile, what sets it apart, typical
 * customers).
 *
 * Every edit is saved at once by activating editor.set-field on the page, and each saved
 * edit reloads the project, which refills this form.  Text is saved when the field is
 * left, on Enter, or after a pause in typing, so that one undo step holds one edit and not
 * one keystroke; until then the field is "dirty" and a refill leaves it alone.  A dirty
 * field remembers the segment it was typed for: leaving a segment saves its fields first. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
#include "seg-run-quality.h"
#include "seg-segment-details-private.h"
#include "seg-segment-list-private.h"
#include "seg-segment-quality.h"
#include "seg-segment-quality-private.h"
#include "seg-widget-util.h"

G_DEFINE_FINAL_TYPE (SegSegmentDetails, seg_segment_details, ADW_TYPE_BIN)

const char * const _seg_tiers[] = { NULL, "high", "mid", "low" };

static const ScSegmentInfo *
current_info (SegSegmentDetails *self)
{
  const ScRun *run = self->project != NULL ? sc_project_get_run (self->project) : NULL;

  if (run == NULL || self->position < 0 || (guint) self->position >= run->n_segments)
    return NULL;
  return &run->segments[self->position];
}

static const ScSegmentDetails *
current_details (SegSegmentDetails *self)
{
  const ScRun *run = self->project != NULL ? sc_project_get_run (self->project) : NULL;

  if (self->details == NULL || run == NULL || self->details->run != run->id ||
      self->position < 0 || (guint) self->position >= self->details->n_segments)
    return NULL;
  return &self->details->segments[self->position];
}

static const ScSegmentInfo *
info_by_id (SegSegmentDetails *self,
            gint64             id)
{
  const ScRun *run = self->project != NULL ? sc_project_get_run (self->project) : NULL;

  for (guint s = 0; run != NULL && s < run->n_segments; s++)
    if (run->segments[s].id == id)
      return &run->segments[s];
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Text fields                                                                                */

static char *
text_get (TextField *text)
{
  if (GTK_IS_TEXT_VIEW (text->widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text->widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (text->widget)));
}

static void
text_set (TextField  *text,
          const char *value)
{
  g_autofree char *current = text_get (text);

  if (g_strcmp0 (current, value != NULL ? value : "") == 0)
    return;
  if (GTK_IS_TEXT_VIEW (text->widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text->widget));

      gtk_text_buffer_set_text (buffer, value != NULL ? value : "", -1);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (text->widget), value != NULL ? value : "");
}

static const char *
info_field (const ScSegmentInfo *info,
            TextId               id)
{
  switch (id)
    {
    case TEXT_NAME: return info->name;
    case TEXT_DESCRIPTION: return info->description;
    case TEXT_OBJECTIVE: return info->objective;
    case TEXT_OWNER: return info->owner;
    case TEXT_TACTICS: return info->tactics;
    case N_TEXTS:
    default: g_assert_not_reached ();
    }
}

static void
set_name_error (SegSegmentDetails *self,
                const char        *message)
{
  g_free (self->name_error);
  self->name_error = g_strdup (message);

  gtk_label_set_text (self->name_error_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->name_error_revealer, message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static gboolean
validate_name (SegSegmentDetails *self,
               gint64             segment_id,
               const char        *name)
{
  g_autoptr(GError) error = NULL;

  /* Only a segment of the project's run has a name to check. */
  if (self->project == NULL ||
      sc_project_validate_segment_name (self->project, segment_id, name, &error))
    {
      set_name_error (self, NULL);
      return TRUE;
    }
  set_name_error (self, error->message);
  return FALSE;
}

/* AdwEntryRow shows its ✓ from the first key typed until it is pressed, also when the text
 * is back to the saved name: typed back, taken back with Escape, saved by the timer or when
 * focus left.  Turning show-apply-button off forgets that, so the ✓ shows only while the
 * text differs from the saved name. */
static void
sync_name_apply (SegSegmentDetails *self)
{
  const ScSegmentInfo *info = info_by_id (self, self->segment_id);
  g_autofree char *value = text_get (&self->texts[TEXT_NAME]);

  if (info != NULL && g_strcmp0 (g_strstrip (value), info->name) != 0)
    return;
  adw_entry_row_set_show_apply_button (self->name_row, FALSE);
  adw_entry_row_set_show_apply_button (self->name_row, TRUE);
}

static void
text_cancel_save (TextField *text)
{
  g_clear_handle_id (&text->save_id, g_source_remove);
}

/* Returns FALSE when the text was not saved because it is not a valid name. */
static gboolean
text_commit (TextField *text)
{
  SegSegmentDetails *self = text->self;
  const ScSegmentInfo *info;
  g_autofree char *value = NULL;
  g_autofree char *stripped = NULL;

  text_cancel_save (text);
  if (!text->dirty)
    return TRUE;

  value = text_get (text);
  info = info_by_id (self, text->segment_id);
  if (info == NULL)
    {
      /* The segment went away (a merge, a re-run): the text has nowhere to go. */
      text->dirty = FALSE;
      return TRUE;
    }

  if (text->id == TEXT_NAME)
    {
      if (!validate_name (self, text->segment_id, value))
        return FALSE;
      stripped = g_strstrip (g_strdup (value));
      if (g_strcmp0 (stripped, info->name) == 0)
        {
          text->dirty = FALSE;
          return TRUE;
        }
    }
  else if (g_strcmp0 (value, info_field (info, text->id) != NULL ? info_field (info, text->id)
                                                                  : "") == 0)
    {
      text->dirty = FALSE;
      return TRUE;
    }

  /* Cleared before the edit: it reloads the project, which refills the form. */
  text->dirty = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.set-field", "(xims)", text->segment_id,
                              (int) text->field, *value != '\0' ? value : NULL);
  return TRUE;
}

static gboolean
on_save_timeout (gpointer data)
{
  TextField *text = data;

  text->save_id = 0;
  text_commit (text);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed (TextField *text)
{
  SegSegmentDetails *self = text->self;

  if (self->updating || self->segment_id == 0)
    return;

  text->dirty = TRUE;
  text->segment_id = self->segment_id;
  if (text->id == TEXT_NAME)
    {
      g_autofree char *value = text_get (text);

      validate_name (self, text->segment_id, value);
      sync_name_apply (self);
    }

  text_cancel_save (text);
  text->save_id = g_timeout_add (SAVE_DELAY_MS, on_save_timeout, text);
}

static void
on_text_activated (TextField *text)
{
  text_commit (text);
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                TextField               *text)
{
  text_commit (text);
}

static gboolean
on_name_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     SegSegmentDetails     *self)
{
  TextField *text = &self->texts[TEXT_NAME];
  const ScSegmentInfo *info = current_info (self);

  if (keyval != GDK_KEY_Escape || !text->dirty || info == NULL)
    return FALSE;

  /* Escape takes back what was typed. */
  text_cancel_save (text);
  text->dirty = FALSE;
  self->updating = TRUE;
  text_set (text, info->name);
  self->updating = FALSE;
  set_name_error (self, NULL);
  sync_name_apply (self);
  return TRUE;
}

static void
setup_text (SegSegmentDetails *self,
            TextId             id,
            ScSegmentField     field,
            GtkWidget         *widget)
{
  TextField *text = &self->texts[id];
  GtkEventController *focus = gtk_event_controller_focus_new ();

  text->self = self;
  text->id = id;
  text->field = field;
  text->widget = widget;

  if (GTK_IS_TEXT_VIEW (widget))
    g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                              G_CALLBACK (on_text_changed), text);
  else
    {
      g_signal_connect_swapped (widget, "changed", G_CALLBACK (on_text_changed), text);
      g_signal_connect_swapped (widget, "entry-activated", G_CALLBACK (on_text_activated), text);
      g_signal_connect_swapped (widget, "apply", G_CALLBACK (on_text_activated), text);
    }

  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), text);
  gtk_widget_add_controller (widget, focus);
}

/* ------------------------------------------------------------------------------------------ */
/* Filling the form                                                                           */

static GtkWidget *
add_row (SegSegmentDetails   *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  return _seg_rows_reuse (self->added_rows, &self->rows_used, group, ROW_PLAIN, title, subtitle);
}

static const char *
feature_title (ScFeature feature)
{
  switch (feature)
    {
    case SC_FEATURE_RECENCY: return _("Days since last order");
    case SC_FEATURE_FREQUENCY: return _("Orders per customer");
    case SC_FEATURE_MONETARY: return _("Spend per customer");
    case SC_FEATURE_AOV: return _("Average order value");
    case SC_FEATURE_TENURE: return _("Days as a customer");
    case SC_FEATURE_CLV: return _("Expected future value");
    case SC_FEATURE_P_ALIVE: return _("Chance still active");
    case SC_FEATURE_PROFIT: return _("Gross profit per customer");
    case SC_FEATURE_EMAIL_OPENS:
    case SC_FEATURE_EMAIL_CLICKS:
    case SC_FEATURE_WEB_VISITS:
    case SC_FEATURE_SUPPORT_TICKETS:
    case SC_FEATURE_CAMPAIGN_RESPONSES:
    case SC_FEATURE_ENGAGEMENT: return sc_feature_to_label (feature);
    case SC_N_FEATURES:
    default: g_return_val_if_reached (NULL);
    }
}

static const char *
currency (SegSegmentDetails *self)
{
  return self->project != NULL ? sc_project_get_currency (self->project, NULL) : NULL;
}

static char *
format_feature (SegSegmentDetails *self,
                ScFeature          feature,
                double             value)
{
  if (!isfinite (value))
    return g_strdup ("–");
  switch (feature)
    {
    case SC_FEATURE_RECENCY:
    case SC_FEATURE_TENURE:
      return seg_format_number (value, 0);
    case SC_FEATURE_FREQUENCY:
    case SC_FEATURE_EMAIL_OPENS:
    case SC_FEATURE_EMAIL_CLICKS:
    case SC_FEATURE_WEB_VISITS:
    case SC_FEATURE_SUPPORT_TICKETS:
    case SC_FEATURE_CAMPAIGN_RESPONSES:
    case SC_FEATURE_ENGAGEMENT:
      return seg_format_number (value, 1);
    case SC_FEATURE_P_ALIVE:
      return seg_format_share (value);
    case SC_FEATURE_MONETARY:
    case SC_FEATURE_AOV:
    case SC_FEATURE_CLV:
    case SC_FEATURE_PROFIT:
    case SC_N_FEATURES:
    default:
      return seg_format_amount (currency (self), value);
    }
}

/* Only where cost or margin is known, and only for the run the figures were computed for. */
static void
fill_profit (SegSegmentDetails *self)
{
  const ScRun *run = self->project != NULL ? sc_project_get_run (self->project) : NULL;
  const ScSegmentProfit *p;
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;

  if (run == NULL || run->id != self->profit_run || self->position < 0 ||
      (guint) self->position >= self->n_profit || !isfinite (self->profit[self->position].profit))
    return;
  p = &self->profit[self->position];
  amount = seg_format_amount (currency (self), p->profit);
  if (isfinite (p->share))
    {
      g_autofree char *share = seg_format_share (p->share);

      /* Translators: "12,345, 32% of all" (gross profit) */
      text = g_strdup_printf (_("%s, %s of all"), amount, share);
    }
  else
    text = g_strdup (amount);
  add_row (self, self->profile_group, _("Gross profit"), text);
  if (p->unprofitable > 0)
    {
      g_autofree char *count = seg_format_count (p->unprofitable);

      add_row (self, self->profile_group, _("Customers who cost more than they bring"), count);
    }
}

static void
fill_profile (SegSegmentDetails   *self,
              const ScSegmentInfo *info)
{
  const ScSegmentDetails *details = current_details (self);
  g_autofree char *customers = seg_format_count (info->size);
  g_autofree char *share = seg_format_share (info->share);
  g_autofree char *revenue = seg_format_amount (currency (self), info->revenue);
  g_autofree char *revenue_share = seg_format_share (info->revenue_share);
  g_autofree char *text = NULL;

  {
    /* Group descriptions are markup; a profile may name a category like "UK & Ireland". */
    g_autofree char *escaped = info->profile != NULL ? g_markup_escape_text (info->profile, -1)
                                                     : NULL;

    adw_preferences_group_set_description (self->profile_group, escaped);
  }

  /* Translators: "1,204 customers, 40% of all" */
  text = g_strdup_printf (_("%s, %s of all"), customers, share);
  add_row (self, self->profile_group, _("Customers"), text);
  g_free (text);
  /* Translators: "12,345, 32% of all" (revenue) */
  text = g_strdup_printf (_("%s, %s of all"), revenue, revenue_share);
  add_row (self, self->profile_group, _("Revenue"), text);
  g_clear_pointer (&text, g_free);
  fill_profit (self);

  for (ScFeature f = 0; f < SC_N_FEATURES; f++)
    {
      g_autofree char *mine = NULL;
      g_autofree char *all = NULL;
      double mean, all_mean;

      if (details != NULL)
        {
          mean = details->mean[f];
          all_mean = details->all_mean[f];
        }
      else
        {
          /* Until the details are there: what the run itself knows. */
          mean = f == SC_FEATURE_RECENCY ? info->recency
               : f == SC_FEATURE_FREQUENCY ? info->frequency
               : f == SC_FEATURE_MONETARY ? info->monetary : NAN;
          all_mean = NAN;
        }
      if (!isfinite (mean))
        continue;

      mine = format_feature (self, f, mean);
      if (isfinite (all_mean))
        {
          all = format_feature (self, f, all_mean);
          /* Translators: a segment's mean, then the mean of all customers */
          text = g_strdup_printf (_("%s (all customers: %s)"), mine, all);
        }
      else
        text = g_strdup (mine);
      add_row (self, self->profile_group, feature_title (f), text);
      g_clear_pointer (&text, g_free);
    }

  if (isfinite (info->value))
    {
      g_autofree char *value = seg_format_amount (currency (self), info->value);

      add_row (self, self->profile_group, _("Current value per customer"), value);
    }
}

static void
fill_apart (SegSegmentDetails *self)
{
  const ScSegmentDetails *details = current_details (self);

  if (details == NULL)
    {
      GtkWidget *row = _seg_rows_reuse (self->added_rows, &self->rows_used, self->apart_group,
                                        ROW_WAITING, _("Describing the segment…"), NULL);
      GtkWidget *spinner;

      if (g_object_get_data (G_OBJECT (row), "seg-row-spinner") != NULL)
        return;
      spinner = gtk_spinner_new ();
      gtk_spinner_start (GTK_SPINNER (spinner));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
      g_object_set_data (G_OBJECT (row), "seg-row-spinner", spinner);
      return;
    }

  for (guint i = 0; i < details->n_top_features; i++)
    {
      const ScFeatureLift *lift = &details->top_features[i];
      g_autofree char *text = NULL;

      if (lift->ratio >= 1)
        /* Translators: "3.5 times the average of all customers" */
        text = g_strdup_printf (_("%.1f× the average of all customers"), lift->ratio);
      else if (lift->ratio > 0)
        /* Translators: "a third of the average…": %.0f%% is a percentage */
        text = g_strdup_printf (_("%.0f%% of the average of all customers"), lift->ratio * 100);
      else
        text = g_strdup (_("None, where other customers have some"));
      add_row (self, self->apart_group, feature_title (lift->feature), text);
    }

  for (guint i = 0; i < details->n_top_categories; i++)
    {
      const ScCategoryDetail *c = &details->top_categories[i];
      g_autofree char *title = g_strdup_printf ("%s: %s", c->attribute, c->level);
      g_autofree char *segment_share = seg_format_share (c->segment_share);
      g_autofree char *all_share = seg_format_share (c->all_share);
      /* Translators: "42% of this segment, 20% of all customers (2.1×)" */
      g_autofree char *text = g_strdup_printf (_("%s of this segment, %s of all customers "
                                                 "(%.1f×)"), segment_share, all_share, c->lift);

      add_row (self, self->apart_group, title, text);
    }

  if (details->n_top_features == 0 && details->n_top_categories == 0)
    add_row (self, self->apart_group, _("Nothing stands out"),
             _("Its customers look like the customers as a whole."));
}

static void
fill_examples (SegSegmentDetails *self)
{
  const ScSegmentDetails *details = current_details (self);

  if (details == NULL)
    return;

  for (guint i = 0; i < details->n_examples; i++)
    {
      const ScExampleCustomer *ex = &details->examples[i];
      g_autofree char *spend = seg_format_amount (currency (self), ex->monetary);
      g_autofree char *orders = NULL;
      g_autofree char *text = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *row, *button;

      orders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f order", "%.0f orders",
                                             (gulong) ex->frequency), ex->frequency);
      /* Translators: "last order 45 days ago, 3 orders, 320 spent" */
      text = g_strdup_printf (_("Last order %.0f days ago, %s, %s spent"), ex->recency, orders,
                              spend);
      row = _seg_rows_reuse (self->added_rows, &self->rows_used, self->examples_group,
                             ROW_EXAMPLE, ex->key, text);
      button = g_object_get_data (G_OBJECT (row), "seg-row-button");
      if (button == NULL)
        {
          button = gtk_button_new_from_icon_name ("send-to-symbolic");
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          g_object_set_data (G_OBJECT (row), "seg-row-button", button);
        }
      else if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "seg-key"), ex->key) == 0)
        continue;

      /* Translators: %s is a customer id */
      tooltip = g_strdup_printf (_("Move “%s” to Another Segment…"), ex->key);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", ex->key);
      /* The name after the target: a name without its target would not match the action. */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.move-customer");
      g_object_set_data_full (G_OBJECT (button), "seg-key", g_strdup (ex->key), g_free);
    }
}

static void
fill_choices (SegSegmentDetails   *self,
              const ScSegmentInfo *info)
{
  g_autofree char *automatic = NULL;
  guint tier = 0;

  for (guint i = 1; i < G_N_ELEMENTS (_seg_tiers); i++)
    if (g_strcmp0 (info->service_tier, _seg_tiers[i]) == 0)
      tier = i;
  adw_combo_row_set_selected (self->tier_row, tier);

  if (info->quadrant != NULL)
    /* Translators: the quadrant choice that follows the data, with where the data puts it */
    automatic = g_strdup_printf (_("Automatic: %s"),
                                 sc_quadrant_get_label (sc_quadrant_from_string (info->quadrant)));
  else
    automatic = g_strdup (_("Automatic"));
  _seg_string_list_set_first (self->quadrant_model, automatic);
  /* The choices are in ScQuadrant order, "Automatic" standing for NONE. */
  adw_combo_row_set_selected (self->quadrant_row,
                              sc_quadrant_from_string (info->quadrant_override));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->quadrant_row),
                               info->quadrant_override != NULL ? _("Set by hand")
                               : info->quadrant != NULL ? _("Follows value and potential")
                               : _("Placed once value is estimated"));

  gtk_widget_set_visible (GTK_WIDGET (self->colour_row), !info->is_outliers);
  for (guint c = 0; c < N_COLOURS; c++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->colour_buttons[c]),
                                  info->colour % N_COLOURS == c);
}

/* The quality sections refill their rows only when what they show changed.  The segment's
 * shows the run's validation, the segment's shares and kind, and the names of the segments
 * it looks like; the run's (the table of segment counts tried) only the run's validation,
 * which is fixed for a run, so selecting another segment leaves it as it is. */
static void
update_quality (SegSegmentDetails   *self,
                const ScRun         *run,
                const ScSegmentInfo *info)
{
  g_autoptr(GString) shown = g_string_new (NULL);

  if (self->run_quality_shown != run->id)
    {
      self->run_quality_shown = run->id;
      seg_run_quality_update (self->run_quality, self->project);
    }

  g_string_append_printf (shown, "%" G_GINT64_FORMAT " %d %u %a %a", run->id, self->position,
                          (guint) info->kind, info->share, info->revenue_share);
  for (guint s = 0; s < run->n_segments; s++)
    g_string_append_printf (shown, "\x1f%s", run->segments[s].name);
  if (g_strcmp0 (self->quality_shown, shown->str) == 0)
    return;
  g_free (self->quality_shown);
  self->quality_shown = g_string_free (g_steal_pointer (&shown), FALSE);
  seg_segment_quality_update (self->quality, self->project, self->position);
}

static void
refill (SegSegmentDetails *self)
{
  const ScSegmentInfo *info = current_info (self);
  const ScRun *run;
  g_autofree guint *order = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *quadrant = NULL;
  gboolean other_segment;
  guint rank = 0;

  if (info == NULL)
    {
      self->segment_id = 0;
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  run = sc_project_get_run (self->project);
  other_segment = info->id != self->segment_id;
  self->segment_id = info->id;
  self->updating = TRUE;
  _seg_segment_details_build_plan (self, info);

  for (guint t = 0; t < N_TEXTS; t++)
    {
      TextField *text = &self->texts[t];
      g_autofree char *shown = NULL;

      /* Text being typed for this segment stays; anything else shows what is saved or
       * suggested. */
      if (text->dirty && text->segment_id == info->id)
        continue;
      text_cancel_save (text);
      text->dirty = FALSE;
      shown = _seg_segment_details_dup_suggested (self, t);
      text_set (text, shown != NULL ? shown : info_field (info, t));
    }
  if (!self->texts[TEXT_NAME].dirty)
    set_name_error (self, NULL);
  sync_name_apply (self);

  gtk_label_set_text (self->title_label, info->name);
  _seg_swatch_set_colour (self->title_swatch, info->colour, info->is_outliers);
  order = sc_run_priority_order (run);
  for (guint i = 0; i < run->n_segments; i++)
    if (order[i] == info->position)
      rank = i + 1;
  quadrant = _seg_dup_quadrant_text (info);
  if (quadrant != NULL)
    /* Translators: under a segment's name: its rank, then its quadrant */
    subtitle = g_strdup_printf (_("Priority %u of %u · %s"), rank, run->n_segments, quadrant);
  else
    /* Translators: under a segment's name */
    subtitle = g_strdup_printf (_("Priority %u of %u"), rank, run->n_segments);
  gtk_label_set_text (self->subtitle_label, subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->suggested_row),
                          info->suggested_name != NULL &&
                          g_strcmp0 (info->suggested_name, info->name) != 0);
  if (info->suggested_name != NULL)
    adw_action_row_set_subtitle (self->suggested_row, info->suggested_name);

  /* The plan first: it renames the first tier choice, which the choices then select. */
  _seg_segment_details_fill_plan (self, info);
  fill_choices (self, info);

  self->rows_used = 0;
  fill_profile (self, info);
  fill_apart (self);
  fill_examples (self);
  _seg_rows_drop (self->added_rows, self->rows_used);
  update_quality (self, run, info);

  self->updating = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "segment");

  if (other_segment)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->header_box),
                                                     GTK_TYPE_SCROLLED_WINDOW);

      if (scrolled != NULL)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 0);
    }
}

void
_seg_segment_details_refill (SegSegmentDetails *self)
{
  refill (self);
}

static void
on_project_changed (SegSegmentDetails *self)
{
  _seg_segment_details_fetch_plans (self);
  refill (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Choices                                                                                    */

static void
set_field (SegSegmentDetails *self,
           ScSegmentField     field,
           const char        *value)
{
  if (self->updating || self->segment_id == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.set-field", "(xims)", self->segment_id,
                              (int) field, value);
}

static void
on_tier_selected (SegSegmentDetails *self)
{
  guint selected = adw_combo_row_get_selected (self->tier_row);
  const ScSegmentInfo *info = current_info (self);

  if (selected >= G_N_ELEMENTS (_seg_tiers) || info == NULL ||
      g_strcmp0 (info->service_tier, _seg_tiers[selected]) == 0)
    return;
  set_field (self, SC_SEGMENT_FIELD_SERVICE_TIER, _seg_tiers[selected]);
}

static void
on_quadrant_selected (SegSegmentDetails *self)
{
  guint selected = adw_combo_row_get_selected (self->quadrant_row);
  const ScSegmentInfo *info = current_info (self);

  if (selected >= SC_N_QUADRANTS || info == NULL ||
      sc_quadrant_from_string (info->quadrant_override) == selected)
    return;
  set_field (self, SC_SEGMENT_FIELD_QUADRANT_OVERRIDE, sc_quadrant_to_string (selected));
}

static void
on_colour_toggled (GtkToggleButton   *button,
                   SegSegmentDetails *self)
{
  guint colour = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "seg-colour"));
  const ScSegmentInfo *info = current_info (self);
  g_autofree char *value = NULL;

  if (!gtk_toggle_button_get_active (button) || info == NULL || info->colour == colour)
    return;
  value = g_strdup_printf ("%u", colour);
  set_field (self, SC_SEGMENT_FIELD_COLOUR, value);
}

static void
on_use_suggested (SegSegmentDetails *self)
{
  const ScSegmentInfo *info = current_info (self);
  TextField *text = &self->texts[TEXT_NAME];

  if (info == NULL || info->suggested_name == NULL)
    return;
  text_cancel_save (text);
  self->updating = TRUE;
  text_set (text, info->suggested_name);
  self->updating = FALSE;
  text->dirty = TRUE;
  text->segment_id = info->id;
  if (!text_commit (text))
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
setup_tier_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *description = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 36);
  gtk_widget_add_css_class (description, "caption");
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (item, box);
}

static void
bind_tier_item (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkStringObject *string = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)),
                      gtk_string_object_get_string (string));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)),
                      position > 0 && position < G_N_ELEMENTS (_seg_tiers)
                      ? sc_plan_tier_meaning (_seg_tiers[position])
                      : _("The tier suggested for the segment’s situation"));
}

static void
setup_colours (SegSegmentDetails *self)
{
  GtkToggleButton *first = NULL;

  for (guint c = 0; c < N_COLOURS; c++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *swatch = _seg_swatch_new (18);
      /* Translators: the name of a colour choice for screen readers: "Colour 3" */
      g_autofree char *label = g_strdup_printf (_("Colour %u"), c + 1);

      _seg_swatch_set_colour (swatch, c, FALSE);
      gtk_button_set_child (GTK_BUTTON (button), swatch);
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "colour-choice");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data (G_OBJECT (button), "seg-colour", GUINT_TO_POINTER (c));
      if (first == NULL)
        first = GTK_TOGGLE_BUTTON (button);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      g_signal_connect (button, "toggled", G_CALLBACK (on_colour_toggled), self);
      gtk_flow_box_append (self->colour_box, button);
      self->colour_buttons[c] = button;
    }
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_segment_details_dispose (GObject *object)
{
  SegSegmentDetails *self = SEG_SEGMENT_DETAILS (object);

  for (guint t = 0; t < N_TEXTS; t++)
    text_cancel_save (&self->texts[t]);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_clear_object (&self->project);
  g_clear_pointer (&self->details, sc_run_details_free);
  g_clear_pointer (&self->profit, g_free);
  _seg_segment_details_dispose_plan (self);

  G_OBJECT_CLASS (seg_segment_details_parent_class)->dispose (object);
}

static void
seg_segment_details_finalize (GObject *object)
{
  SegSegmentDetails *self = SEG_SEGMENT_DETAILS (object);

  g_ptr_array_unref (self->added_rows);
  g_free (self->name_error);
  g_free (self->quality_shown);

  G_OBJECT_CLASS (seg_segment_details_parent_class)->finalize (object);
}

static void
seg_segment_details_class_init (SegSegmentDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_segment_details_dispose;
  object_class->finalize = seg_segment_details_finalize;

  g_type_ensure (SEG_TYPE_SEGMENT_QUALITY);
  g_type_ensure (SEG_TYPE_RUN_QUALITY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-segment-details.ui");
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, header_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, title_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, name_row);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, name_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, suggested_row);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, description_view);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, objective_row);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, owner_row);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, tier_row);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, tactics_view);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, tier_model);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, tactics_group);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, accept_button);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, channel_row);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, cadence_row);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, kpi_row);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, quadrant_row);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, colour_row);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, colour_box);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, profile_group);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, apart_group);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, examples_group);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, quadrant_model);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, quality);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentDetails, run_quality);
  gtk_widget_class_bind_template_callback (widget_class, on_tier_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_quadrant_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_use_suggested);
}

static void
seg_segment_details_init (SegSegmentDetails *self)
{
  g_autoptr(GtkListItemFactory) tier_factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  self->position = -1;
  self->added_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  for (ScQuadrant q = SC_QUADRANT_NONE + 1; q < SC_N_QUADRANTS; q++)
    gtk_string_list_append (self->quadrant_model, sc_quadrant_get_label (q));

  self->title_swatch = _seg_swatch_new (20);
  gtk_box_prepend (self->header_box, self->title_swatch);

  setup_text (self, TEXT_NAME, SC_SEGMENT_FIELD_NAME, GTK_WIDGET (self->name_row));
  setup_text (self, TEXT_DESCRIPTION, SC_SEGMENT_FIELD_DESCRIPTION,
              GTK_WIDGET (self->description_view));
  setup_text (self, TEXT_OBJECTIVE, SC_SEGMENT_FIELD_OBJECTIVE, GTK_WIDGET (self->objective_row));
  setup_text (self, TEXT_OWNER, SC_SEGMENT_FIELD_OWNER, GTK_WIDGET (self->owner_row));
  setup_text (self, TEXT_TACTICS, SC_SEGMENT_FIELD_TACTICS, GTK_WIDGET (self->tactics_view));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_name_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->name_row), keys);

  g_signal_connect (tier_factory, "setup", G_CALLBACK (setup_tier_item), NULL);
  g_signal_connect (tier_factory, "bind", G_CALLBACK (bind_tier_item), NULL);
  adw_combo_row_set_list_factory (self->tier_row, tier_factory);

  setup_colours (self);
  _seg_segment_details_init_plan (self);
  /* Selecting a segment changes the text of most labels here: each is measured again. */
  _seg_labels_cheap_minimum (GTK_WIDGET (self));
  gtk_stack_set_visible_child_name (self->stack, "none");
}

/**
 * seg_segment_details_set_project:
 * @project: (nullable): the project whose current run's segments are edited
 */
void
seg_segment_details_set_project (SegSegmentDetails *self,
                                 ScProject         *project)
{
  g_return_if_fail (SEG_IS_SEGMENT_DETAILS (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));

  if (self->project == project)
    return;

  seg_segment_details_commit (self);
  for (guint t = 0; t < N_TEXTS; t++)
    self->texts[t].dirty = FALSE;

  seg_set_watched_object ((gpointer *) &self->project, project, "changed",
                          G_CALLBACK (on_project_changed), self);

  g_clear_pointer (&self->details, sc_run_details_free);
  g_clear_pointer (&self->quality_shown, g_free);
  self->run_quality_shown = 0;
  self->position = -1;
  _seg_segment_details_fetch_plans (self);
  refill (self);
  _seg_segment_details_warm_up_later (self);
}

void
seg_segment_details_set_position (SegSegmentDetails *self,
                                  int                position)
{
  const ScSegmentInfo *info;

  g_return_if_fail (SEG_IS_SEGMENT_DETAILS (self));

  position = MAX (position, -1);
  info = current_info (self);
  if (self->position == position && (info == NULL || info->id == self->segment_id))
    return;

  /* What was typed for the segment shown so far is saved before another is shown; a name
   * that is not valid cannot be, and is dropped. */
  seg_segment_details_commit (self);
  for (guint t = 0; t < N_TEXTS; t++)
    {
      text_cancel_save (&self->texts[t]);
      self->texts[t].dirty = FALSE;
    }
  set_name_error (self, NULL);

  self->position = position;
  refill (self);
}

int
seg_segment_details_get_position (SegSegmentDetails *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT_DETAILS (self), -1);

  return self->position;
}

void
seg_segment_details_set_run_details (SegSegmentDetails *self,
                                     ScRunDetails      *details)
{
  g_return_if_fail (SEG_IS_SEGMENT_DETAILS (self));

  if (self->details == details)
    return;
  g_clear_pointer (&self->details, sc_run_details_free);
  self->details = details;
  refill (self);
  /* With the figures, the rows built ahead are those a segment shows. */
  _seg_segment_details_warm_up_later (self);
}

void
seg_segment_details_set_profit (SegSegmentDetails *self,
                                gint64             run,
                                ScSegmentProfit   *profit,
                                guint              n_segments)
{
  g_return_if_fail (SEG_IS_SEGMENT_DETAILS (self));

  g_free (self->profit);
  self->profit = profit;
  self->n_profit = profit != NULL ? n_segments : 0;
  self->profit_run = run;
  refill (self);
}

/**
 * seg_segment_details_get_run_details:
 *
 * Returns: (transfer none) (nullable): the details of the current run, when known
 */
const ScRunDetails *
seg_segment_details_get_run_details (SegSegmentDetails *self)
{
  const ScRun *run;

  g_return_val_if_fail (SEG_IS_SEGMENT_DETAILS (self), NULL);

  run = self->project != NULL ? sc_project_get_run (self->project) : NULL;
  if (self->details == NULL || run == NULL || self->details->run != run->id)
    return NULL;
  return self->details;
}

gboolean
seg_segment_details_commit (SegSegmentDetails *self)
{
  gboolean all = TRUE;

  g_return_val_if_fail (SEG_IS_SEGMENT_DETAILS (self), FALSE);

  /* Each commit may reload the project and refill the form; dirty flags survive that. */
  for (guint t = 0; t < N_TEXTS; t++)
    all &= text_commit (&self->texts[t]);
  return all;
}

/**
 * seg_segment_details_get_name_error:
 *
 * Returns: (nullable): the message shown under the name field
 */
const char *
seg_segment_details_get_name_error (SegSegmentDetails *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENT_DETAILS (self), NULL);

  return self->name_error;
}
