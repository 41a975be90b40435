/* seg-window-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-explore-page.h"
#include "seg-hypotheses-page.h"
#include "seg-overview-page.h"
#include "seg-page-switcher.h"
#include "seg-report-page.h"
#include "seg-segments-page.h"
#include "seg-selection.h"
#include "seg-window.h"

G_BEGIN_DECLS

struct _SegWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  AdwViewSwitcherTitle *switcher_title;
  SegPageSwitcher      *page_switcher;
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;
  AdwStatusPage        *progress_page;
  GtkProgressBar       *progress_bar;
  AdwViewStack         *view_stack;
  SegOverviewPage      *overview_page;
  SegExplorePage       *explore_page;
  SegSegmentsPage      *segments_page;
  AdwBin               *brief_slot;
  AdwBin               *report_slot;
  AdwBin               *hypotheses_slot;
  /* seg-window-pages.c: the Brief, Report and Hypotheses pages, built when first shown or
   * after the first paint; NULL until then */
  GtkWidget            *lazy_pages[3];
  guint                 pages_idle;
  SegSelection         *selection;   /* the segment selected across this window's pages */

  GSettings            *settings;

  ScProject            *project;

  /* the running job, if any */
  ScJob                *job;
  GCancellable         *job_cancellable;
  GCancellable         *summary_cancellable; /* the key figures being summed, if so */
  GCancellable         *background;  /* quiet work after a job; cancelled on close */
  GBinding             *job_bindings[2];
  ScProject            *pending;
  /* The new project being imported into, closed until its import ends (seg_window_import()) */
  char                 *pending_path;
  char                 *import_summary;
  gint64                rerun_from;    /* the run a segmentation of the shown project replaces */
  guint64               seen_transactions;  /* of the shown project, to notice appended data */
  AdwToast             *undo_toast;  /* "Undid …"/"Redid …" until dismissed; not a reference */
  gpointer              database_checked;   /* the project has_database is for; compared only */
  guint64               database_customers;
  gboolean              has_database;

  /* the application, held while a job runs; kept here because a closed window has none */
  GApplication         *application;
  guint                 holds_application : 1;
  guint                 closed : 1;
};

void            _seg_window_show_error      (SegWindow  *self,
                                             const char *heading,
                                             GError     *error);
void            _seg_window_show_toast      (SegWindow  *self,
                                             const char *title);
GtkWindow      *_seg_window_find_holder     (SegWindow  *self,
                                             const char *path);

/* seg-window-pages.c */
void            _seg_window_init_pages      (SegWindow  *self);
void            _seg_window_dispose_pages   (SegWindow  *self);
/* Gives the pages built so far the window's project; those built later get it then. */
void            _seg_window_pages_set_project (SegWindow *self);

void            _seg_window_start_job       (SegWindow  *self,
                                             const char *title);
void            _seg_window_end_job         (SegWindow  *self);

/* seg-database-refresh.c */
gboolean        _seg_window_has_database    (SegWindow  *self);
void            _seg_window_refresh_database (SegWindow *self);

/* seg-window-actions.c */
void            _seg_window_init_actions    (SegWindow  *self);
void            _seg_window_update_actions  (SegWindow  *self);

G_END_DECLS
