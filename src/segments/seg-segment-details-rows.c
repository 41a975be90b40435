/* seg-segment-details-rows.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rows of figures the details refill (profile, what sets the segment apart, typical
 * customers), reused from one refill to the next (_seg_rows_reuse(), shared with the quality
 * sections in seg-segment-quality.c).
 *
 * A refill reuses the rows of the last one in order, as long as each is of the kind and in
 * the group the next row wants; from the first that is not, the rest are replaced.  Setting
 * the same title again changes nothing, so refilling after an edit (or when a worker's
 * figures arrive) relays out only the rows whose text changed, not the whole form.
 *
 * The first time a segment is shown, the form's widgets get their rows, styles and text
 * layouts, which costs the main thread more than an edit may.  So once the window has painted
 * a frame with the project (a tick of its frame clock, then an idle of low priority, which
 * runs after that frame's paint), the form is filled for the first segment and measured while
 * it stays hidden: selecting a segment then only updates rows and texts that exist.  Again
 * when the run's figures arrive from their worker, which turns the rows waiting for them
 * into the rows a segment shows. */

#include "config.h"

#include "seg-segment-details-private.h"

/* A combo row rebinds and reselects on every change of its model: its first choice, which
 * names what "automatic" stands for, is replaced only when that changed. */
void
_seg_string_list_set_first (GtkStringList *list,
                            const char    *text)
{
  if (g_strcmp0 (gtk_string_list_get_string (list, 0), text) == 0)
    return;
  gtk_string_list_splice (list, 0, 1, (const char *[]) { text, NULL });
}

static gboolean
warm_up (gpointer data)
{
  SegSegmentDetails *self = data;
  const ScRun *run = self->project != NULL ? sc_project_get_run (self->project) : NULL;
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, "segment");
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page));
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int min, nat;

  self->warm_up_pending = FALSE;
  /* Shown already, or nothing to show. */
  if (run == NULL || run->n_segments == 0 || self->position >= 0)
    return G_SOURCE_REMOVE;

  self->position = 0;
  _seg_segment_details_refill (self);
  self->position = -1;
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, width > 0 ? MAX (width, min) : nat,
                      &min, &nat, NULL, NULL);
  /* Back to no segment, within the same iteration: nothing of this is painted. */
  _seg_segment_details_refill (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_frame (GtkWidget     *root,
          GdkFrameClock *clock,
          gpointer       data)
{
  g_idle_add_full (G_PRIORITY_LOW, warm_up, g_object_ref (data), g_object_unref);
  return G_SOURCE_REMOVE;
}

void
_seg_segment_details_warm_up_later (SegSegmentDetails *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->warm_up_pending || self->project == NULL || root == NULL)
    return;
  self->warm_up_pending = TRUE;
  gtk_widget_add_tick_callback (GTK_WIDGET (root), on_frame, g_object_ref (self),
                                g_object_unref);
}
