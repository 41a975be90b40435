/* seg-explore-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-explore-page.h"
#include "seg-segments-view.h"

struct _SegExplorePage
{
  AdwBin           parent_instance;
  ScProject       *project;
  SegSelection    *selection;
  SegSegmentsView *view;
};

G_DEFINE_FINAL_TYPE (SegExplorePage, seg_explore_page, ADW_TYPE_BIN)

static void
seg_explore_page_dispose (GObject *object)
{
  SegExplorePage *self = (SegExplorePage *) object;

  g_clear_object (&self->project);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (seg_explore_page_parent_class)->dispose (object);
}

static void
seg_explore_page_class_init (SegExplorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_explore_page_dispose;
}

static void
seg_explore_page_init (SegExplorePage *self)
{
  self->view = SEG_SEGMENTS_VIEW (seg_segments_view_new ("name,recency,frequency,monetary,size"));
  seg_segments_view_set_description (self->view,
                                     _("How recently, how often and how much the customers of each segment buy, on average."));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view));
}

GtkWidget *
seg_explore_page_new (void)
{
  return g_object_new (SEG_TYPE_EXPLORE_PAGE, NULL);
}

void
seg_explore_page_set_project (SegExplorePage *self,
                           ScProject    *project,
                           SegSelection *selection)
{
  g_return_if_fail (SEG_IS_EXPLORE_PAGE (self));

  g_set_object (&self->project, project);
  g_set_object (&self->selection, selection);
  seg_segments_view_set_model (self->view,
                               project != NULL ? sc_project_get_segments (project) : NULL);
}
