/* seg-profit-group.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Overview's "Profit" section, shown only where cost or margin is known: gross profit,
 * the customers who cost more to serve than they are worth, and the "Value from profit"
 * switch (sc_project_set_value_basis, one transaction).  The facade keeps no undo for the
 * value basis, so the toast after a switch says how to go back instead of offering Undo. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-project-overlay.h"
#include "seg-format.h"
#include "seg-profit-group.h"
#include "seg-widget-util.h"

struct _SegProfitGroup
{
  SegFigureGroup  parent_instance;

  AdwActionRow   *basis_row;     /* owned */
  GtkSwitch      *basis_switch;
};

G_DEFINE_FINAL_TYPE (SegProfitGroup, seg_profit_group, SEG_TYPE_FIGURE_GROUP)

static char *
describe_costs (const ScProfit *profit,
                const char     *currency)
{
  if (profit->lines_unknown > 0)
    {
      g_autofree char *count = seg_format_count (profit->lines_unknown);
      g_autofree char *amount = seg_format_amount (currency, profit->revenue_unknown);

      /* Translators: a number of order lines, then their revenue */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s order line without a cost (%s of revenue) is "
                                           "left out",
                                           "%s order lines without a cost (%s of revenue) are "
                                           "left out", profit->lines_unknown), count, amount);
    }
  if (profit->lines_from_margin > 0 && isfinite (profit->margin_percent))
    {
      g_autofree char *count = seg_format_count (profit->lines_from_margin);
      g_autofree char *margin = seg_format_number (profit->margin_percent, 1);

      /* Translators: a number of order lines, then a margin in percent */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s order line is costed with the project’s %s%% "
                                           "margin",
                                           "%s order lines are costed with the project’s %s%% "
                                           "margin", profit->lines_from_margin), count, margin);
    }
  return g_strdup (_("Every order line has a cost"));
}

static void
show_profit (SegProfitGroup *self,
             const ScProfit *profit)
{
  SegFigureGroup *group = SEG_FIGURE_GROUP (self);
  const char *cur = sc_project_get_currency (seg_figure_group_get_project (group), NULL);
  g_autofree char *total = seg_format_amount (cur, profit->total_profit);
  g_autofree char *costs = describe_costs (profit, cur);
  g_autofree char *unprofitable = seg_format_count (profit->customers_unprofitable);
  g_autofree char *detail = NULL;

  seg_figure_group_clear (group);
  gtk_widget_set_visible (GTK_WIDGET (self), profit->known);
  if (!profit->known)
    return;

  seg_figure_group_add (group, "gross_profit", _("Gross profit"), total, costs);
  if (profit->customers_unprofitable > 0)
    {
      g_autofree char *loss = seg_format_amount (cur, profit->unprofitable_loss);
      g_autofree char *revenue = seg_format_amount (cur, profit->unprofitable_revenue);

      /* Translators: an amount lost, then the revenue of the customers who lose it */
      detail = g_strdup_printf (_("They cost more to serve than they are worth: %s lost on "
                                  "%s of revenue"), loss, revenue);
    }
  else
    detail = g_strdup (_("No customer costs more to serve than they are worth"));
  seg_figure_group_add (group, "unprofitable_customers", _("Unprofitable customers"),
                        unprofitable, detail);

  /* The switch row stays last: the figure rows are added before it. */
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->basis_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->basis_row));
  gtk_switch_set_active (self->basis_switch, profit->value_is_profit);
  gtk_switch_set_state (self->basis_switch, profit->value_is_profit);
}

static void
seg_profit_group_loaded (SegFigureGroup *group,
                         ScProject      *project,
                         GAsyncResult   *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProfit) profit = sc_project_load_profit_finish (project, result, &error);

  if (!seg_figure_group_keep_result (group, result, error))
    return;
  if (profit != NULL)
    show_profit (SEG_PROFIT_GROUP (group), profit);
  else
    {
      seg_figure_group_clear (group);
      gtk_widget_set_visible (GTK_WIDGET (group), FALSE);
      seg_widget_show_toast (GTK_WIDGET (group), error->message);
    }
}

static gboolean
on_state_set (SegProfitGroup *self,
              gboolean        state)
{
  ScProject *project = seg_figure_group_get_project (SEG_FIGURE_GROUP (self));
  g_autoptr(GError) error = NULL;

  if (project == NULL || state == sc_project_get_value_is_profit (project))
    {
      gtk_switch_set_state (self->basis_switch, state);
      return TRUE;
    }
  if (!sc_project_set_value_basis (project, state, &error))
    {
      gtk_switch_set_active (self->basis_switch, !state);
      seg_widget_show_toast (GTK_WIDGET (self), error->message);
      return TRUE;
    }
  gtk_switch_set_state (self->basis_switch, state);
  seg_widget_show_toast (GTK_WIDGET (self),
                         state ? _("Value and the grid now use profit; switch off “Value from "
                                   "profit” to go back to revenue")
                               : _("Value and the grid now use revenue"));
  return TRUE;
}

static void
seg_profit_group_dispose (GObject *object)
{
  g_clear_object (&SEG_PROFIT_GROUP (object)->basis_row);

  G_OBJECT_CLASS (seg_profit_group_parent_class)->dispose (object);
}

static void
seg_profit_group_class_init (SegProfitGroupClass *klass)
{
  SegFigureGroupClass *group_class = SEG_FIGURE_GROUP_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = seg_profit_group_dispose;

  group_class->reload_parts = SC_PROJECT_PART_DATA | SC_PROJECT_PART_VALUE_MODEL;
  group_class->load = sc_project_load_profit_async;
  group_class->loaded = seg_profit_group_loaded;
}

static void
seg_profit_group_init (SegProfitGroup *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Profit"));

  /* Kept by the group too: it is taken out and added again after the figure rows. */
  self->basis_row = ADW_ACTION_ROW (g_object_ref_sink (adw_action_row_new ()));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->basis_row), _("Value from profit"));
  adw_action_row_set_subtitle (self->basis_row,
                               _("Value, potential and the value × potential grid use gross "
                                 "profit instead of revenue"));
  self->basis_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->basis_switch), GTK_ALIGN_CENTER);
  /* Named by the row's title: the row makes it its activatable widget (a label of its own
   * would be read twice). */
  adw_action_row_add_suffix (self->basis_row, GTK_WIDGET (self->basis_switch));
  adw_action_row_set_activatable_widget (self->basis_row, GTK_WIDGET (self->basis_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->basis_row));
  g_signal_connect_object (self->basis_switch, "state-set", G_CALLBACK (on_state_set), self,
                           G_CONNECT_SWAPPED);
}

/**
 * seg_profit_group_new:
 *
 * Returns: (transfer floating): a new, hidden section
 */
GtkWidget *
seg_profit_group_new (void)
{
  return g_object_new (SEG_TYPE_PROFIT_GROUP, NULL);
}

/**
 * seg_profit_group_get_switch:
 *
 * Returns: (transfer none): the "Value from profit" switch
 */
GtkSwitch *
seg_profit_group_get_switch (SegProfitGroup *self)
{
  g_return_val_if_fail (SEG_IS_PROFIT_GROUP (self), NULL);

  return self->basis_switch;
}
