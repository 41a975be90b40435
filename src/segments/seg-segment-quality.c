/* seg-segment-quality.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The quality of the selected segment, in the editor's details: how reliably it is found
 * again when the customers are resampled, what sets it apart from every other segment, its
 * share of customers and revenue, and the look-alike segments it could be merged with.
 *
 * Everything shown was measured and stored with the run (ScValidation); nothing is computed
 * here.  A segmentation shaped by hand has no validation, and groups set apart by a rule
 * (top accounts, anomalies) were not clustered: both are said so instead of shown blank.
 * The Merge button activates the page's editor.merge-segments, the same merge (and undo) as
 * the Shape menu's. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
#include "seg-segment-quality.h"
#include "seg-segment-quality-private.h"

struct _SegSegmentQuality
{
  AdwBin               parent_instance;

  /* template */
  AdwPreferencesGroup *merge_group;
  AdwPreferencesGroup *quality_group;

  /* Each group's rows, reused from one update to the next. */
  GPtrArray           *added_rows;  /* of quality_group */
  GPtrArray           *merge_rows;  /* of merge_group */
  guint                rows_used;   /* of added_rows, by the update under way */
  guint                merges_used; /* of merge_rows, by the update under way */
};

G_DEFINE_FINAL_TYPE (SegSegmentQuality, seg_segment_quality, ADW_TYPE_BIN)

/* Hennig (2007): above 0.85 a cluster is highly stable, from 0.75 stable, from 0.6 it shows
 * a pattern but its members are uncertain; below 0.6 (SC_VALIDATE_UNSTABLE) it dissolves. */
char *
seg_dup_stability_text (const ScSegmentQuality *quality)
{
  const char *words;

  g_return_val_if_fail (quality != NULL, NULL);

  if (!isfinite (quality->stability))
    return g_strdup (_("Not measured"));
  if (quality->unstable)
    words = _("Unstable");
  else if (quality->stability >= 0.85)
    words = _("Stable");
  else if (quality->stability >= 0.75)
    words = _("Fairly stable");
  else
    words = _("Somewhat stable");
  /* Translators: a stability in words, then its figure: "Stable (0.93)" */
  return g_strdup_printf (_("%s (%.2f)"), words, quality->stability);
}

const char *
seg_unstable_reason (void)
{
  return _("This segment is not found again reliably when customers are resampled");
}

/* Rows shared with the details (seg-segment-quality-private.h) */

/* A wrapping label with no width-chars is measured for its minimum width by laying its text
 * out at a width of 0: with the word-char wrapping of AdwActionRow's labels, one line per
 * character, each piece shaped again.  That was most of what selecting a segment cost at 1M
 * customers, every row's text changing.  A minimum of a few characters, narrower than any
 * width the rows get (also at 360 px), lays it out at that width instead: the same lines
 * where it is shown, at a fraction of the cost. */
#define MIN_CHARS 12

void
_seg_labels_cheap_minimum (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) &&
      gtk_label_get_width_chars (GTK_LABEL (widget)) < 0)
    gtk_label_set_width_chars (GTK_LABEL (widget), MIN_CHARS);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    _seg_labels_cheap_minimum (child);
}

GtkWidget *
_seg_rows_add (GPtrArray           *rows,
               AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "property");
  _seg_labels_cheap_minimum (row);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return row;
}

void
_seg_rows_clear (GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (rows, 0);
}

void
_seg_rows_drop (GPtrArray *rows,
                guint      from)
{
  g_autoptr(GPtrArray) dropped = g_ptr_array_new ();

  for (guint i = from; i < rows->len; i++)
    g_ptr_array_add (dropped, g_ptr_array_index (rows, i));
  _seg_rows_clear (dropped);
  g_ptr_array_set_size (rows, MIN (from, rows->len));
}

GtkWidget *
_seg_rows_reuse (GPtrArray           *rows,
                 guint               *used,
                 AdwPreferencesGroup *group,
                 guint                kind,
                 const char          *title,
                 const char          *subtitle)
{
  GtkWidget *row;

  g_assert (kind != 0);

  if (*used < rows->len)
    {
      row = g_ptr_array_index (rows, *used);
      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (group) &&
          GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "seg-row-kind")) == kind)
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
          (*used)++;
          return row;
        }
      _seg_rows_drop (rows, *used);
    }
  row = _seg_rows_add (rows, group, title, subtitle);
  g_object_set_data (G_OBJECT (row), "seg-row-kind", GUINT_TO_POINTER (kind));
  (*used)++;
  return row;
}

/* The kinds of rows the quality sections reuse. */
enum
{
  ROW_PLAIN = 1,
  ROW_MERGE,      /* with a Merge button */
  ROW_UNSTABLE,   /* with a warning icon */
};

static GtkWidget *
add_row (SegSegmentQuality   *self,
         AdwPreferencesGroup *group,
         guint                kind,
         const char          *title,
         const char          *subtitle)
{
  if (group == self->merge_group)
    return _seg_rows_reuse (self->merge_rows, &self->merges_used, group, kind, title, subtitle);
  return _seg_rows_reuse (self->added_rows, &self->rows_used, group, kind, title, subtitle);
}

/* What a distinct feature says of the segment, in plain words: the direction is against
 * every other clustered segment (ScDistinctFeature). */
static const char *
distinct_words (ScFeature feature,
                int       direction)
{
  /* Above every other segment, below every other, and between them. */
  static const char * const words[][3] = {
    [SC_FEATURE_RECENCY] = { N_("Last ordered longer ago than any other segment"),
                             N_("Ordered more recently than any other segment"),
                             N_("Last ordered at a time unlike any other segment") },
    [SC_FEATURE_FREQUENCY] = { N_("Orders more often than any other segment"),
                               N_("Orders less often than any other segment"),
                               N_("Orders at a rate unlike any other segment") },
    [SC_FEATURE_MONETARY] = { N_("Spends more than any other segment"),
                              N_("Spends less than any other segment"),
                              N_("Spends unlike any other segment, between the others") },
    [SC_FEATURE_AOV] = { N_("Places larger orders than any other segment"),
                         N_("Places smaller orders than any other segment"),
                         N_("Places orders of a size unlike any other segment") },
    [SC_FEATURE_TENURE] = { N_("Has been buying longer than any other segment"),
                            N_("Newer customers than any other segment"),
                            N_("Has been buying for a time unlike any other segment") },
    [SC_FEATURE_CLV] = { N_("Higher expected value than any other segment"),
                         N_("Lower expected value than any other segment"),
                         N_("Expected value unlike any other segment") },
    [SC_FEATURE_P_ALIVE] = { N_("More likely still active than any other segment"),
                             N_("Less likely still active than any other segment"),
                             N_("Chance of being active unlike any other segment") },
  };
  /* Every interaction count reads the same (the rows the table leaves empty). */
  static const char * const interacts[3] = {
    N_("Interacts more than any other segment"),
    N_("Interacts less than any other segment"),
    N_("Interacts unlike any other segment"),
  };
  guint which = direction > 0 ? 0 : direction < 0 ? 1 : 2;

  g_return_val_if_fail (feature < SC_N_FEATURES, NULL);

  if (feature < G_N_ELEMENTS (words) && words[feature][which] != NULL)
    return _(words[feature][which]);
  return _(interacts[which]);
}

/* Cohen's conventions for a difference in standard deviations: 0.5 medium, 0.8 large. */
static char *
effect_text (double effect_size)
{
  const char *words = effect_size >= 1.2 ? _("A very large difference")
                    : effect_size >= 0.8 ? _("A large difference")
                    : _("A clear difference");

  /* Translators: "A large difference: 1.2 standard deviations from the closest segment" */
  return g_strdup_printf (_("%s: %.1f standard deviations from the closest segment"), words,
                          effect_size);
}

static void
fill_merges (SegSegmentQuality   *self,
             const ScRun         *run,
             const ScValidation  *validation,
             const ScSegmentInfo *info)
{
  guint shown = 0;

  for (guint m = 0; validation != NULL && m < validation->n_merges; m++)
    {
      const ScMergeSuggestion *merge = &validation->merges[m];
      guint other = merge->a == info->position ? merge->b : merge->a;
      g_autofree char *title = NULL;
      g_autofree char *accessible = NULL;
      guint32 pair[2] = { merge->a, merge->b };
      GtkWidget *row, *button;

      if ((merge->a != info->position && merge->b != info->position) || other >= run->n_segments)
        continue;

      /* Translators: %s is the name of a segment that looks like the selected one */
      title = g_strdup_printf (_("Looks like “%s”"), run->segments[other].name);
      row = add_row (self, self->merge_group, ROW_MERGE, title, merge->reason);
      button = g_object_get_data (G_OBJECT (row), "seg-row-button");
      if (button == NULL)
        {
          gtk_widget_add_css_class (row, "merge-suggestion");
          button = gtk_button_new_with_mnemonic (_("_Merge"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          g_object_set_data (G_OBJECT (row), "seg-row-button", button);
        }
      /* Translators: %s is a segment name; what a screen reader says for the Merge button */
      accessible = g_strdup_printf (_("Merge with “%s”"), run->segments[other].name);
      gtk_widget_set_tooltip_text (button, accessible);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32,
                                                                         pair, 2,
                                                                         sizeof (guint32)));
      /* The name after the target: the button is in the window already, and a name without
       * its target would not match the action. */
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.merge-segments");
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->merge_group), shown > 0);
}

static void
fill_stability (SegSegmentQuality      *self,
                const ScSegmentInfo    *info,
                const ScSegmentQuality *quality)
{
  g_autofree char *text = NULL;
  GtkWidget *row;

  if (info->kind == SC_SEGMENT_KIND_TOP_ACCOUNTS)
    {
      add_row (self, self->quality_group, ROW_PLAIN, _("Top accounts"),
               _("Exceptionally valuable customers, set apart by a rule before the "
                 "clustering: look after them one by one. Stability does not apply."));
      return;
    }
  if (info->kind == SC_SEGMENT_KIND_ANOMALIES)
    {
      add_row (self, self->quality_group, ROW_PLAIN, _("Anomalies"),
               _("Customers whose figures look implausible, set apart by a rule before the "
                 "clustering: check these rows in the source data. Stability does not "
                 "apply."));
      return;
    }
  if (quality == NULL || !isfinite (quality->stability))
    {
      add_row (self, self->quality_group, ROW_PLAIN, _("Stability"),
               _("Not measured: too few customers to resample"));
      return;
    }

  text = seg_dup_stability_text (quality);
  if (quality->unstable)
    {
      /* Translators: %s is a stability, "Unstable (0.52)" */
      g_autofree char *flagged = g_strdup_printf (_("%s: this segment is not found again "
                                                    "reliably when customers are resampled"),
                                                  text);
      GtkWidget *icon;

      row = add_row (self, self->quality_group, ROW_UNSTABLE, _("Stability"), flagged);
      if (g_object_get_data (G_OBJECT (row), "seg-row-icon") != NULL)
        return;
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, seg_unstable_reason ());
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Unstable"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      seg_unstable_reason (), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      g_object_set_data (G_OBJECT (row), "seg-row-icon", icon);
    }
  else
    {
      g_autofree char *subtitle = g_strdup_printf (_("%s: found again when customers are "
                                                     "resampled"), text);

      add_row (self, self->quality_group, ROW_PLAIN, _("Stability"), subtitle);
    }
}

static void
fill_distinct (SegSegmentQuality      *self,
               const ScSegmentQuality *quality)
{
  if (quality == NULL || !quality->clustered)
    return;
  if (quality->n_distinct == 0)
    {
      add_row (self, self->quality_group, ROW_PLAIN, _("Nothing sets it apart on its own"),
               _("On every feature, another segment is close to it: it differs from the rest "
                 "only by a combination of features."));
      return;
    }
  for (guint i = 0; i < quality->n_distinct; i++)
    {
      const ScDistinctFeature *d = &quality->distinct[i];
      g_autofree char *effect = effect_text (d->effect_size);

      add_row (self, self->quality_group, ROW_PLAIN, distinct_words (d->feature, d->direction),
               effect);
    }
}

static void
seg_segment_quality_dispose (GObject *object)
{
  SegSegmentQuality *self = SEG_SEGMENT_QUALITY (object);

  g_clear_pointer (&self->added_rows, g_ptr_array_unref);
  g_clear_pointer (&self->merge_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (seg_segment_quality_parent_class)->dispose (object);
}

static void
seg_segment_quality_class_init (SegSegmentQualityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_segment_quality_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-segment-quality.ui");
  gtk_widget_class_bind_template_child (widget_class, SegSegmentQuality, merge_group);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentQuality, quality_group);
}

static void
seg_segment_quality_init (SegSegmentQuality *self)
{
  self->added_rows = g_ptr_array_new ();
  self->merge_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->merge_group), FALSE);
}

void
seg_segment_quality_update (SegSegmentQuality *self,
                            ScProject         *project,
                            int                position)
{
  const ScRun *run;
  const ScSegmentInfo *info;
  const ScValidation *validation;
  const ScSegmentQuality *quality;
  g_autofree char *customers = NULL;
  g_autofree char *revenue = NULL;
  g_autofree char *shares = NULL;

  g_return_if_fail (SEG_IS_SEGMENT_QUALITY (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));

  if (self->added_rows == NULL)
    return;
  self->rows_used = 0;
  self->merges_used = 0;
  run = project != NULL ? sc_project_get_run (project) : NULL;
  if (run == NULL || position < 0 || (guint) position >= run->n_segments)
    {
      _seg_rows_drop (self->added_rows, 0);
      _seg_rows_drop (self->merge_rows, 0);
      gtk_widget_set_visible (GTK_WIDGET (self->merge_group), FALSE);
      return;
    }
  info = &run->segments[position];
  validation = sc_project_get_validation (project);
  quality = sc_project_get_segment_quality (project, (guint) position);

  fill_merges (self, run, validation, info);
  _seg_rows_drop (self->merge_rows, self->merges_used);

  customers = seg_format_share (info->share);
  revenue = seg_format_share (info->revenue_share);
  /* Translators: "8.6% of customers, 74.0% of revenue" */
  shares = g_strdup_printf (_("%s of customers, %s of revenue"), customers, revenue);
  add_row (self, self->quality_group, ROW_PLAIN, _("Share"), shares);

  if (validation == NULL)
    adw_preferences_group_set_description (self->quality_group,
                                           _("Not measured: segments shaped by hand (merged, "
                                             "split or moved) are not validated. Undo or "
                                             "segment again to measure them."));
  else
    {
      adw_preferences_group_set_description (self->quality_group, NULL);
      fill_stability (self, info, quality);
      fill_distinct (self, quality);
    }
  _seg_rows_drop (self->added_rows, self->rows_used);
}
