/* seg-run-quality.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How the number of segments of the current run was chosen, in the editor's details: the
 * range tried, why this number (the explanation stored with the run) and the small table
 * of each number tried with how distinct, how small and how stable its segments were.
 * Shown as stored (ScValidation); a segmentation shaped by hand has none and hides it. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "seg-format.h"
#include "seg-run-quality.h"

struct _SegRunQuality
{
  AdwBin               parent_instance;

  /* template */
  AdwPreferencesGroup *group;
  AdwActionRow        *range_row;
  GtkGrid             *table;
};

G_DEFINE_FINAL_TYPE (SegRunQuality, seg_run_quality, ADW_TYPE_BIN)

static GtkWidget *
add_cell (SegRunQuality *self,
          const char    *text,
          int            column,
          int            row,
          gboolean       chosen)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0f : 1.0f);
  gtk_widget_add_css_class (label, "numeric");
  if (row == 0)
    gtk_widget_add_css_class (label, "heading");
  else if (chosen)
    gtk_widget_add_css_class (label, "accent");
  gtk_grid_attach (self->table, label, column, row, 1, 1);
  return label;
}

static void
clear_table (SegRunQuality *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
}

static void
fill_table (SegRunQuality      *self,
            const ScValidation *v)
{
  clear_table (self);
  add_cell (self, _("Segments"), 0, 0, FALSE);
  add_cell (self, _("Distinct"), 1, 0, FALSE);
  add_cell (self, _("Smallest"), 2, 0, FALSE);
  add_cell (self, _("Stability"), 3, 0, FALSE);

  for (guint i = 0; i < v->n_k; i++)
    {
      const ScKScore *score = &v->k_table[i];
      gboolean chosen = score->k == v->chosen_k;
      g_autofree char *k = NULL;
      g_autofree char *silhouette = g_strdup_printf ("%.2f", score->silhouette);
      g_autofree char *smallest = seg_format_share (score->smallest_share);
      g_autofree char *stability = isfinite (score->stability)
                                   ? g_strdup_printf ("%.2f", score->stability)
                                   /* Translators: a stability that was not measured */
                                   : g_strdup (C_("stability", "–"));
      g_autofree char *accessible = NULL;
      GtkWidget *first;

      /* Translators: the chosen number of segments in the table of those tried */
      k = chosen ? g_strdup_printf (_("%u (chosen)"), score->k) : g_strdup_printf ("%u", score->k);
      first = add_cell (self, k, 0, (int) i + 1, chosen);
      add_cell (self, silhouette, 1, (int) i + 1, chosen);
      add_cell (self, smallest, 2, (int) i + 1, chosen);
      add_cell (self, stability, 3, (int) i + 1, chosen);

      /* Translators: what a screen reader says for a row of the table of k tried */
      accessible = g_strdup_printf (_("%s segments: distinct %s, smallest segment %s of "
                                      "customers, stability %s"), k, silhouette, smallest,
                                    stability);
      gtk_accessible_update_property (GTK_ACCESSIBLE (first), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
    }
}

static void
seg_run_quality_class_init (SegRunQualityClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-run-quality.ui");
  gtk_widget_class_bind_template_child (widget_class, SegRunQuality, group);
  gtk_widget_class_bind_template_child (widget_class, SegRunQuality, range_row);
  gtk_widget_class_bind_template_child (widget_class, SegRunQuality, table);
}

static void
seg_run_quality_init (SegRunQuality *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
seg_run_quality_update (SegRunQuality *self,
                        ScProject     *project)
{
  const ScValidation *v;
  g_autofree char *range = NULL;
  g_autofree char *escaped = NULL;

  g_return_if_fail (SEG_IS_RUN_QUALITY (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));

  v = project != NULL ? sc_project_get_validation (project) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self), v != NULL);
  if (v == NULL)
    return;

  if (v->k_auto)
    {
      g_autofree char *share = seg_format_share (v->min_share);

      /* Translators: "From 3 to 6 segments, each at least 2% of customers" */
      range = g_strdup_printf (_("From %u to %u segments, each at least %s of customers"),
                               v->k_min, v->k_max, share);
    }
  else
    /* Translators: the number of segments, set in the Segment Again settings */
    range = g_strdup_printf (_("%u segments, set by hand"), v->chosen_k);
  adw_action_row_set_subtitle (self->range_row, range);

  /* Group descriptions are markup. */
  escaped = v->explanation != NULL ? g_markup_escape_text (v->explanation, -1) : NULL;
  adw_preferences_group_set_description (self->group, escaped);

  fill_table (self, v);
}
