/* seg-window-pages.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pages a window does not show when it opens a project — the Brief, the Report and the
 * Hypotheses — are built when first shown, or else one by one in idles of low priority once
 * the window has painted a frame, so that building them does not delay the Overview.
 *
 * Until then each page of the view stack holds an empty AdwBin (its "slot"): the stack's
 * pages keep their names, titles and icons, so the view switchers, their keyboard access and
 * their accessible names are there from the start.  A page is built in the handler of the
 * stack's notify::visible-child-name, before the frame that shows it is painted; the
 * window's project is given to a page when it is built, and to every page built when the
 * project changes. */

#include "config.h"

#include "seg-brief-page.h"
#include "seg-window-private.h"

typedef enum
{
  LAZY_BRIEF,
  LAZY_REPORT,
  LAZY_HYPOTHESES,
  N_LAZY,
} LazyPage;

/* In the order of SegWindow's lazy_pages. */
static const char * const lazy_names[N_LAZY] = { "brief", "report", "hypotheses" };

static void
give_project (SegWindow *self,
              LazyPage   page)
{
  switch (page)
    {
    case LAZY_BRIEF:
      seg_brief_page_set_project (SEG_BRIEF_PAGE (self->lazy_pages[page]), self->project);
      break;
    case LAZY_REPORT:
      seg_report_page_set_project (SEG_REPORT_PAGE (self->lazy_pages[page]), self->project,
                                   self->selection);
      break;
    case LAZY_HYPOTHESES:
    default:
      seg_hypotheses_page_set_project (SEG_HYPOTHESES_PAGE (self->lazy_pages[page]),
                                       self->project);
      break;
    }
}

/* Builds the page unless it is built; returns whether it was built now. */
static gboolean
build (SegWindow *self,
       LazyPage   page)
{
  AdwBin *slots[N_LAZY] = { self->brief_slot, self->report_slot, self->hypotheses_slot };
  GType type;

  if (self->lazy_pages[page] != NULL || self->closed)
    return FALSE;
  type = page == LAZY_BRIEF ? SEG_TYPE_BRIEF_PAGE
         : page == LAZY_REPORT ? SEG_TYPE_REPORT_PAGE : SEG_TYPE_HYPOTHESES_PAGE;
  self->lazy_pages[page] = g_object_new (type, NULL);
  adw_bin_set_child (slots[page], self->lazy_pages[page]);
  give_project (self, page);
  return TRUE;
}

static void
on_visible_page (SegWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  for (LazyPage page = 0; page < N_LAZY; page++)
    if (g_strcmp0 (name, lazy_names[page]) == 0)
      build (self, page);
}

/* One page per iteration, so that no iteration builds them all. */
static gboolean
build_next (gpointer data)
{
  SegWindow *self = data;

  for (LazyPage page = 0; page < N_LAZY; page++)
    if (build (self, page))
      return G_SOURCE_CONTINUE;
  self->pages_idle = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
on_first_frame (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  SegWindow *self = SEG_WINDOW (widget);

  /* Of low priority, the idle runs after the paint of the frame under way. */
  if (!self->closed && self->pages_idle == 0)
    self->pages_idle = g_idle_add_full (G_PRIORITY_LOW, build_next, self, NULL);
  return G_SOURCE_REMOVE;
}

void
_seg_window_init_pages (SegWindow *self)
{
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page), self, G_CONNECT_SWAPPED);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), on_first_frame, NULL, NULL);
}

void
_seg_window_dispose_pages (SegWindow *self)
{
  g_clear_handle_id (&self->pages_idle, g_source_remove);
  /* The slots hold the pages, and let go of them with the template. */
  for (LazyPage page = 0; page < N_LAZY; page++)
    self->lazy_pages[page] = NULL;
}

void
_seg_window_pages_set_project (SegWindow *self)
{
  for (LazyPage page = 0; page < N_LAZY; page++)
    if (self->lazy_pages[page] != NULL)
      give_project (self, page);
}
