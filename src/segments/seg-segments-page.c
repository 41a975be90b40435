/* seg-segments-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-segments-page.h"
#include "seg-segments-view.h"

struct _SegSegmentsPage
{
  AdwBin           parent_instance;
  ScProject       *project;
  SegSelection    *selection;
  SegSegmentsView *view;
};

G_DEFINE_FINAL_TYPE (SegSegmentsPage, seg_segments_page, ADW_TYPE_BIN)

static void
seg_segments_page_dispose (GObject *object)
{
  SegSegmentsPage *self = (SegSegmentsPage *) object;

  g_clear_object (&self->project);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (seg_segments_page_parent_class)->dispose (object);
}

static void
seg_segments_page_class_init (SegSegmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_segments_page_dispose;
}

static void
seg_segments_page_init (SegSegmentsPage *self)
{
  self->view = SEG_SEGMENTS_VIEW (seg_segments_view_new ("name,profile,size,share"));
  seg_segments_view_set_description (self->view,
                                     _("The segments of the current segmentation and what sets each of them apart."));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view));
}

GtkWidget *
seg_segments_page_new (void)
{
  return g_object_new (SEG_TYPE_SEGMENTS_PAGE, NULL);
}

void
seg_segments_page_set_project (SegSegmentsPage *self,
                           ScProject    *project,
                           SegSelection *selection)
{
  g_return_if_fail (SEG_IS_SEGMENTS_PAGE (self));

  g_set_object (&self->project, project);
  g_set_object (&self->selection, selection);
  seg_segments_view_set_model (self->view,
                               project != NULL ? sc_project_get_segments (project) : NULL);
}
