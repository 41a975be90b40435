/* seg-report-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-report-page.h"
#include "seg-segments-view.h"

struct _SegReportPage
{
  AdwBin           parent_instance;
  ScProject       *project;
  SegSelection    *selection;
  SegSegmentsView *view;
};

G_DEFINE_FINAL_TYPE (SegReportPage, seg_report_page, ADW_TYPE_BIN)

static void
seg_report_page_dispose (GObject *object)
{
  SegReportPage *self = (SegReportPage *) object;

  g_clear_object (&self->project);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (seg_report_page_parent_class)->dispose (object);
}

static void
seg_report_page_class_init (SegReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_report_page_dispose;
}

static void
seg_report_page_init (SegReportPage *self)
{
  self->view = SEG_SEGMENTS_VIEW (seg_segments_view_new ("name,size,share,revenue,revenue-share"));
  seg_segments_view_set_description (self->view,
                                     _("The size and the revenue of each segment of the current segmentation."));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->view));
}

GtkWidget *
seg_report_page_new (void)
{
  return g_object_new (SEG_TYPE_REPORT_PAGE, NULL);
}

void
seg_report_page_set_project (SegReportPage *self,
                           ScProject    *project,
                           SegSelection *selection)
{
  g_return_if_fail (SEG_IS_REPORT_PAGE (self));

  g_set_object (&self->project, project);
  g_set_object (&self->selection, selection);
  seg_segments_view_set_model (self->view,
                               project != NULL ? sc_project_get_segments (project) : NULL);
}
