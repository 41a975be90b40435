/* seg-rerun-popover.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The settings of a new segmentation: how many segments (a number, or a range to choose
 * from with the smallest share a segment may have), which features group customers and
 * whether top accounts and anomalies are set apart.  The popover only gathers them; its "run"
 * signal hands them to the page, which runs the segmentation in the window. */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-feature-sets.h"
#include "seg-rerun-popover.h"

/* Feature sets chosen whole (issue 18): value from the value model, engagement from the
 * interactions; a run that cannot have them says why when it runs.  Profit is offered only
 * where the project knows some cost (seg_rerun_popover_set_profit_known()), or where the
 * current run is built on it. */
static const ScFeatureSet choosable_sets[] = {
  SC_FEATURE_SET_VALUE,
  SC_FEATURE_SET_ENGAGEMENT,
  SC_FEATURE_SET_PROFIT,
};

/* The features a segmentation can group by: those computed from the stored orders. */
static const ScFeature choosable[] = {
  SC_FEATURE_RECENCY,
  SC_FEATURE_FREQUENCY,
  SC_FEATURE_MONETARY,
  SC_FEATURE_AOV,
  SC_FEATURE_TENURE,
};

struct _SegRerunPopover
{
  GtkPopover      parent_instance;

  GtkCheckButton *auto_k_check;
  GtkSpinButton  *k_spin;
  GtkWidget      *auto_grid;
  GtkSpinButton  *k_min_spin;
  GtkSpinButton  *k_max_spin;
  GtkSpinButton  *min_share_spin;
  GtkBox         *features_box;
  GtkCheckButton *outliers_check;
  GtkSpinButton  *outlier_spin;
  GtkButton      *run_button;

  GtkWidget      *feature_checks[G_N_ELEMENTS (choosable)];
  GtkWidget      *set_checks[G_N_ELEMENTS (choosable_sets)];
  ScRunParams     params;
  gboolean        profit_known;
};

enum {
  RUN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SegRerunPopover, seg_rerun_popover, GTK_TYPE_POPOVER)

static const char *
feature_choice_label (ScFeature feature)
{
  switch (feature)
    {
    case SC_FEATURE_RECENCY: return _("_Recency: days since the last order");
    case SC_FEATURE_FREQUENCY: return _("_Frequency: number of orders");
    case SC_FEATURE_MONETARY: return _("_Spend: net revenue");
    case SC_FEATURE_AOV: return _("_Average order value");
    case SC_FEATURE_TENURE: return _("_Tenure: days since the first order");
    case SC_FEATURE_CLV:
    case SC_FEATURE_P_ALIVE:
    case SC_N_FEATURES:
    default: g_return_val_if_reached (NULL);
    }
}

/* Profit stays visible while chosen, so a run built on it shows what it was built on. */
static void
update_profit_visible (SegRerunPopover *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (choosable_sets); i++)
    if (choosable_sets[i] == SC_FEATURE_SET_PROFIT)
      gtk_widget_set_visible (self->set_checks[i],
                              self->profit_known ||
                              gtk_check_button_get_active (GTK_CHECK_BUTTON (self->set_checks[i])));
}

static void
update_sensitivity (SegRerunPopover *self)
{
  gboolean any = FALSE;
  gboolean automatic = gtk_check_button_get_active (self->auto_k_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->k_spin), !automatic);
  gtk_widget_set_sensitive (self->auto_grid, automatic);
  gtk_widget_set_sensitive (GTK_WIDGET (self->outlier_spin),
                            gtk_check_button_get_active (self->outliers_check));
  for (guint i = 0; i < G_N_ELEMENTS (choosable); i++)
    any |= gtk_check_button_get_active (GTK_CHECK_BUTTON (self->feature_checks[i]));
  for (guint i = 0; i < G_N_ELEMENTS (choosable_sets); i++)
    any |= gtk_check_button_get_active (GTK_CHECK_BUTTON (self->set_checks[i]));
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), any);
}

/* The range stays a range: moving one end past the other moves the other along. */
static void
on_k_min_changed (SegRerunPopover *self)
{
  int k_min = gtk_spin_button_get_value_as_int (self->k_min_spin);

  if (gtk_spin_button_get_value_as_int (self->k_max_spin) < k_min)
    gtk_spin_button_set_value (self->k_max_spin, k_min);
}

static void
on_k_max_changed (SegRerunPopover *self)
{
  int k_max = gtk_spin_button_get_value_as_int (self->k_max_spin);

  if (gtk_spin_button_get_value_as_int (self->k_min_spin) > k_max)
    gtk_spin_button_set_value (self->k_min_spin, k_max);
}

static void
on_run_clicked (SegRerunPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[RUN], 0);
}

static void
seg_rerun_popover_class_init (SegRerunPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * SegRerunPopover::run:
   *
   * The user asked for a new segmentation with the chosen settings.
   */
  signals[RUN] = g_signal_new ("run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                               NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-rerun-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, SegRerunPopover, auto_k_check);
  gtk_widget_class_bind_template_child (widget_class, SegRerunPopover, k_spin);
  gtk_widget_class_bind_template_child (widget_class, SegRerunPopover, auto_grid);
  gtk_widget_class_bind_template_child (widget_class, SegRerunPopover, k_min_spin);
  gtk_widget_class_bind_template_child (widget_class, SegRerunPopover, k_max_spin);
  gtk_widget_class_bind_template_child (widget_class, SegRerunPopover, min_share_spin);
  gtk_widget_class_bind_template_child (widget_class, SegRerunPopover, features_box);
  gtk_widget_class_bind_template_child (widget_class, SegRerunPopover, outliers_check);
  gtk_widget_class_bind_template_child (widget_class, SegRerunPopover, outlier_spin);
  gtk_widget_class_bind_template_child (widget_class, SegRerunPopover, run_button);
  gtk_widget_class_bind_template_callback (widget_class, update_sensitivity);
  gtk_widget_class_bind_template_callback (widget_class, on_run_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_k_min_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_k_max_changed);
}

static void
seg_rerun_popover_init (SegRerunPopover *self)
{
  ScRunParams defaults;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (choosable); i++)
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (feature_choice_label (choosable[i]));

      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_sensitivity), self);
      gtk_box_append (self->features_box, check);
      self->feature_checks[i] = check;
    }
  for (guint i = 0; i < G_N_ELEMENTS (choosable_sets); i++)
    {
      const char *label = sc_feature_set_to_label (choosable_sets[i]);
      GtkWidget *check = gtk_check_button_new_with_label (label);

      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_sensitivity), self);
      gtk_box_append (self->features_box, check);
      self->set_checks[i] = check;
    }

  sc_run_params_init (&defaults);
  seg_rerun_popover_set_params (self, &defaults);
}

/**
 * seg_rerun_popover_new:
 *
 * Returns: (transfer floating): a new popover showing the default settings
 */
GtkWidget *
seg_rerun_popover_new (void)
{
  return g_object_new (SEG_TYPE_RERUN_POPOVER, NULL);
}

void
seg_rerun_popover_set_params (SegRerunPopover   *self,
                              const ScRunParams *params)
{
  g_return_if_fail (SEG_IS_RERUN_POPOVER (self));
  g_return_if_fail (params != NULL);

  self->params = *params;

  gtk_check_button_set_active (self->auto_k_check, params->k == 0);
  if (params->k > 0)
    gtk_spin_button_set_value (self->k_spin, params->k);
  /* The high end first: setting the low end above it would move it. */
  gtk_spin_button_set_value (self->k_max_spin, params->k_max);
  gtk_spin_button_set_value (self->k_min_spin, params->k_min);
  gtk_spin_button_set_value (self->min_share_spin, 100 * params->min_share);
  for (guint i = 0; i < G_N_ELEMENTS (choosable); i++)
    {
      gboolean used = FALSE;

      for (guint j = 0; j < params->n_features; j++)
        used |= params->features[j] == choosable[i];
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->feature_checks[i]), used);
    }
  for (guint i = 0; i < G_N_ELEMENTS (choosable_sets); i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->set_checks[i]),
                                 (sc_feature_sets_of (params->features, params->n_features) &
                                  (1u << choosable_sets[i])) != 0);
  update_profit_visible (self);
  gtk_check_button_set_active (self->outliers_check, params->outlier_z > 0);
  gtk_spin_button_set_value (self->outlier_spin, params->outlier_z > 0 ? params->outlier_z
                                                                       : SC_RUN_DEFAULT_OUTLIER_Z);
  update_sensitivity (self);
}

/**
 * seg_rerun_popover_set_profit_known:
 * @known: whether some order line of the project has a cost (or a margin covers them)
 *
 * Offers profit among the feature sets where the project can compute it.
 */
void
seg_rerun_popover_set_profit_known (SegRerunPopover *self,
                                    gboolean         known)
{
  g_return_if_fail (SEG_IS_RERUN_POPOVER (self));

  if (self->profit_known == !!known)
    return;
  self->profit_known = !!known;
  update_profit_visible (self);
}

void
seg_rerun_popover_get_params (SegRerunPopover *self,
                              ScRunParams     *params)
{
  g_return_if_fail (SEG_IS_RERUN_POPOVER (self));
  g_return_if_fail (params != NULL);

  *params = self->params;
  params->as_of = SC_FEATURES_AS_OF_AUTO;
  params->k = gtk_check_button_get_active (self->auto_k_check)
              ? 0 : (guint) gtk_spin_button_get_value_as_int (self->k_spin);
  params->k_min = (guint) gtk_spin_button_get_value_as_int (self->k_min_spin);
  params->k_max = (guint) gtk_spin_button_get_value_as_int (self->k_max_spin);
  params->min_share = gtk_spin_button_get_value (self->min_share_spin) / 100;
  params->outlier_z = gtk_check_button_get_active (self->outliers_check)
                      ? gtk_spin_button_get_value (self->outlier_spin) : 0.0;
  params->n_features = 0;
  for (guint i = 0; i < G_N_ELEMENTS (choosable); i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->feature_checks[i])))
      params->features[params->n_features++] = choosable[i];
  for (guint i = 0; i < G_N_ELEMENTS (choosable_sets); i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->set_checks[i])))
      {
        ScFeature set[SC_FEATURE_SETS_MAX_FEATURES];
        guint n = sc_feature_sets_expand (1u << choosable_sets[i], set);

        for (guint j = 0; j < n && params->n_features < SC_RUN_MAX_FEATURES; j++)
          params->features[params->n_features++] = set[j];
      }
}
