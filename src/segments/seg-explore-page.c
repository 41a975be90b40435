/* seg-explore-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Explore page: the scatter of customers with its axis choices.  The chart owns the
 * state (features, log scales, zoom); the controls here follow its properties, so that a
 * change made on the chart itself (Escape, a double-click, a feature that went away) shows
 * in them too. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-explore-page.h"
#include "seg-fold-layout.h"
#include "seg-format.h"
#include "seg-row-words.h"
#include "seg-scatter-chart.h"
#include "seg-widget-util.h"

struct _SegExplorePage
{
  AdwBin           parent_instance;

  /* template */
  GtkStack        *stack;
  GtkDropDown     *x_dropdown;
  GtkDropDown     *y_dropdown;
  GtkToggleButton *x_log_button;
  GtkToggleButton *y_log_button;
  GtkSpinner      *spinner;
  GtkLabel        *count_label;
  GtkButton       *reset_button;
  SegScatterChart *chart;

  ScProject       *project;
  SegSelection    *selection;

  /* what the dropdowns offer, in their order */
  ScFeature        features[SC_N_FEATURES];
  guint            n_features;
  gboolean         syncing;
};

G_DEFINE_FINAL_TYPE (SegExplorePage, seg_explore_page, ADW_TYPE_BIN)

static guint
index_of (SegExplorePage *self,
          ScFeature       feature)
{
  for (guint i = 0; i < self->n_features; i++)
    if (self->features[i] == feature)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
sync_dropdowns (SegExplorePage *self)
{
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->x_dropdown,
                              index_of (self, seg_scatter_chart_get_x_feature (self->chart)));
  gtk_drop_down_set_selected (self->y_dropdown,
                              index_of (self, seg_scatter_chart_get_y_feature (self->chart)));
  self->syncing = FALSE;
}

/* CLV and P(alive) are offered only when the loaded customers have them. */
static void
rebuild_feature_lists (SegExplorePage *self)
{
  g_autoptr(GtkStringList) x_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) y_labels = gtk_string_list_new (NULL);

  self->n_features = 0;
  for (guint f = 0; f < SC_N_FEATURES; f++)
    {
      gboolean needs_model = f == SC_FEATURE_CLV || f == SC_FEATURE_P_ALIVE ||
                             f >= SC_FEATURE_EMAIL_OPENS;   /* or interactions */

      if (needs_model && !seg_scatter_chart_has_feature (self->chart, f))
        continue;

      self->features[self->n_features++] = f;
      gtk_string_list_append (x_labels, sc_feature_to_label (f));
      gtk_string_list_append (y_labels, sc_feature_to_label (f));
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->x_dropdown, G_LIST_MODEL (x_labels));
  gtk_drop_down_set_model (self->y_dropdown, G_LIST_MODEL (y_labels));
  self->syncing = FALSE;
  sync_dropdowns (self);
}

static void
on_dropdown_selected (SegExplorePage *self)
{
  guint x = gtk_drop_down_get_selected (self->x_dropdown);
  guint y = gtk_drop_down_get_selected (self->y_dropdown);

  if (self->syncing || x >= self->n_features || y >= self->n_features)
    return;

  seg_scatter_chart_set_features (self->chart, self->features[x], self->features[y]);
}

static void
update_count (SegExplorePage *self)
{
  guint n = seg_scatter_chart_get_n_shown (self->chart);
  g_autofree char *count = seg_format_count (n);
  g_autofree char *text = NULL;

  if (n == 0 && seg_scatter_chart_get_busy (self->chart))
    text = g_strdup (_("Loading customers…"));
  else
    /* Translators: %s is a number of customers */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer shown",
                                         "%s customers shown", n), count);

  gtk_label_set_text (self->count_label, text);
}

static void
update_stack (SegExplorePage *self)
{
  const ScRun *run = self->project != NULL ? sc_project_get_run (self->project) : NULL;

  gtk_stack_set_visible_child_name (self->stack,
                                    run != NULL && run->n_segments > 0 ? "chart" : "empty");
}

static void
on_reset_clicked (SegExplorePage *self)
{
  seg_scatter_chart_reset_zoom (self->chart);
  gtk_widget_grab_focus (GTK_WIDGET (self->chart));
}

static void
seg_explore_page_dispose (GObject *object)
{
  SegExplorePage *self = SEG_EXPLORE_PAGE (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, update_stack, self);
  g_clear_object (&self->project);
  g_clear_object (&self->selection);

  /* The stack is both a template child and AdwBin's child: unparent it once, here. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_EXPLORE_PAGE);

  G_OBJECT_CLASS (seg_explore_page_parent_class)->dispose (object);
}

static void
seg_explore_page_class_init (SegExplorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_explore_page_dispose;

  g_type_ensure (SEG_TYPE_SCATTER_CHART);
  g_type_ensure (SEG_TYPE_FOLD_LAYOUT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-explore-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegExplorePage, stack);
  gtk_widget_class_bind_template_child (widget_class, SegExplorePage, x_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SegExplorePage, y_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SegExplorePage, x_log_button);
  gtk_widget_class_bind_template_child (widget_class, SegExplorePage, y_log_button);
  gtk_widget_class_bind_template_child (widget_class, SegExplorePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SegExplorePage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SegExplorePage, reset_button);
  gtk_widget_class_bind_template_child (widget_class, SegExplorePage, chart);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
}

static void
seg_explore_page_init (SegExplorePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* On a phone at large text the axes' choices shorten, whole in their tooltips (issue 19). */
  for (guint i = 0; i < 2; i++)
    {
      GtkDropDown *dropdown = i == 0 ? self->x_dropdown : self->y_dropdown;
      g_autoptr(GtkListItemFactory) factory = seg_string_factory_new (TRUE);
      g_autoptr(GtkListItemFactory) list_factory = seg_string_factory_new (FALSE);

      gtk_drop_down_set_factory (dropdown, factory);
      gtk_drop_down_set_list_factory (dropdown, list_factory);
    }
  rebuild_feature_lists (self);

  g_signal_connect_object (self->x_dropdown, "notify::selected",
                           G_CALLBACK (on_dropdown_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->y_dropdown, "notify::selected",
                           G_CALLBACK (on_dropdown_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart, "notify::x-feature",
                           G_CALLBACK (sync_dropdowns), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart, "notify::y-feature",
                           G_CALLBACK (sync_dropdowns), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart, "notify::has-potential",
                           G_CALLBACK (rebuild_feature_lists), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart, "notify::n-shown",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart, "notify::busy",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);

  g_object_bind_property (self->chart, "x-log", self->x_log_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->chart, "y-log", self->y_log_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->chart, "busy", self->spinner, "spinning",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->chart, "zoomed", self->reset_button, "sensitive",
                          G_BINDING_SYNC_CREATE);

  update_count (self);
  update_stack (self);
}

/**
 * seg_explore_page_new:
 *
 * Returns: (transfer floating): a new, empty Explore page
 */
GtkWidget *
seg_explore_page_new (void)
{
  return g_object_new (SEG_TYPE_EXPLORE_PAGE, NULL);
}

/**
 * seg_explore_page_set_project:
 * @project: (nullable): the window's project
 * @selection: (nullable): the window's selection
 *
 * The customers are loaded when the page is first shown, not before.
 */
void
seg_explore_page_set_project (SegExplorePage *self,
                              ScProject      *project,
                              SegSelection   *selection)
{
  g_return_if_fail (SEG_IS_EXPLORE_PAGE (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));
  g_return_if_fail (selection == NULL || SEG_IS_SELECTION (selection));

  seg_set_watched_object ((gpointer *) &self->project, project, "changed",
                          G_CALLBACK (update_stack), self);
  g_set_object (&self->selection, selection);

  seg_chart_set_project (SEG_CHART (self->chart), project);
  seg_chart_set_selection (SEG_CHART (self->chart), selection);
  update_stack (self);
}

/**
 * seg_explore_page_get_chart:
 *
 * Returns: (transfer none): the scatter chart of the page
 */
SegScatterChart *
seg_explore_page_get_chart (SegExplorePage *self)
{
  g_return_val_if_fail (SEG_IS_EXPLORE_PAGE (self), NULL);

  return self->chart;
}
