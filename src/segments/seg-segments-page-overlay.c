/* seg-segments-page-overlay.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Segments page's parts of the whole customer picture (issue 18): the "Overlay" view
 * beside the value grid, switched with a toggle in the page's bar, and the segments' profit
 * for the details, loaded in a worker after every change of data, segments or value. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-overlay-view.h"
#include "seg-project-loader.h"
#include "seg-segments-page-private.h"

static void
on_overlay_toggled (SegSegmentsPage *self)
{
  gboolean overlay = gtk_toggle_button_get_active (self->overlay_toggle);

  gtk_stack_set_visible_child_name (self->view_stack, overlay ? "overlay" : "grid");
}

/* The grid and the details (side by side, or one after the other) move into a stack whose other page is the overlay view; built
 * here rather than in the template so the template keeps one layout for the grid. */
void
_seg_segments_page_init_overlay (SegSegmentsPage *self)
{
  GtkWidget *split = GTK_WIDGET (self->detail_leaflet);
  GtkWidget *bar = gtk_widget_get_ancestor (GTK_WIDGET (self->dividers_button),
                                           GTK_TYPE_FLOW_BOX);
  GtkWidget *toggle;

  g_object_ref (split);
  gtk_box_remove (GTK_BOX (self->content), split);
  self->view_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->view_stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->view_stack), TRUE);
  gtk_stack_add_titled (self->view_stack, split, "grid", _("Grid"));
  g_object_unref (split);
  self->overlay_view = SEG_OVERLAY_VIEW (seg_overlay_view_new ());
  gtk_stack_add_titled (self->view_stack, GTK_WIDGET (self->overlay_view), "overlay",
                        _("Overlay"));
  gtk_box_append (GTK_BOX (self->content), GTK_WIDGET (self->view_stack));

  toggle = gtk_toggle_button_new_with_mnemonic (_("_Overlay"));
  gtk_widget_set_tooltip_text (toggle, _("The segments against an attribute of the customer "
                                         "list or against rule segments"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overlay"),
                                  -1);
  gtk_flow_box_insert (GTK_FLOW_BOX (bar), toggle, 0);
  /* The button takes the focus, not the place the bar's wrapping gives it. */
  gtk_widget_set_focusable (gtk_widget_get_parent (toggle), FALSE);
  self->overlay_toggle = GTK_TOGGLE_BUTTON (toggle);
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_overlay_toggled), self,
                           G_CONNECT_SWAPPED);
}

static void
on_profit_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SegSegmentsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScProfit) profit = sc_project_load_profit_finish (SC_PROJECT (source), result,
                                                              &error);
  const ScRun *run;
  ScSegmentProfit *by_segment;
  guint n = 0;

  /* A worker that finished before it was cancelled still returns its result: one a newer
   * request replaced is dropped here. */
  if (seg_project_load_is_dropped (result, error))
    return;
  g_clear_object (&self->profit_cancellable);
  if (profit == NULL)
    {
      _seg_segments_page_show_toast (self, error->message, FALSE);
      return;
    }
  /* The re-run popover offers profit where some cost is known. */
  seg_rerun_popover_set_profit_known (self->rerun_popover, profit->known);
  run = sc_project_get_run (self->project);
  by_segment = sc_project_segment_profit (self->project, profit, &n);
  seg_segment_details_set_profit (self->details, run != NULL ? run->id : 0, by_segment, n);
}

void
_seg_segments_page_load_profit (SegSegmentsPage *self)
{
  if (self->profit_cancellable != NULL)
    g_cancellable_cancel (self->profit_cancellable);
  g_clear_object (&self->profit_cancellable);
  seg_overlay_view_set_project (self->overlay_view, self->project);
  if (self->project == NULL)
    {
      seg_segment_details_set_profit (self->details, 0, NULL, 0);
      return;
    }
  self->profit_cancellable = g_cancellable_new ();
  sc_project_load_profit_async (self->project, self->profit_cancellable, on_profit_loaded,
                                g_object_ref (self));
}

void
_seg_segments_page_dispose_overlay (SegSegmentsPage *self)
{
  if (self->profit_cancellable != NULL)
    g_cancellable_cancel (self->profit_cancellable);
  g_clear_object (&self->profit_cancellable);
}

/**
 * seg_segments_page_get_overlay_view:
 *
 * Returns: (transfer none): the overlay view beside the grid
 */
SegOverlayView *
seg_segments_page_get_overlay_view (SegSegmentsPage *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_PAGE (self), NULL);

  return self->overlay_view;
}

/**
 * seg_segments_page_show_overlay:
 * @overlay: %TRUE for the overlay view, %FALSE for the grid
 */
void
seg_segments_page_show_overlay (SegSegmentsPage *self,
                                gboolean         overlay)
{
  g_return_if_fail (SEG_IS_SEGMENTS_PAGE (self));

  gtk_toggle_button_set_active (self->overlay_toggle, overlay);
}

gboolean
seg_segments_page_is_loading_profit (SegSegmentsPage *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_PAGE (self), FALSE);

  return self->profit_cancellable != NULL;
}
