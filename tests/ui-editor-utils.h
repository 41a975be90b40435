/* ui-editor-utils.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"
#include "seg-grid-chart.h"
#include "seg-segment-details.h"
#include "seg-segment-list.h"
#include "seg-segments-page.h"
#include "seg-window.h"

G_BEGIN_DECLS

/* The segment editor (the Segments page) in a window of the default application, for the
 * ui tests that drive it. */

typedef struct
{
  SegWindow         *window;
  ScProject         *project;
  SegSegmentsPage   *page;
  SegSegmentList    *list;
  SegGridChart      *grid;
  SegSegmentDetails *details;
} Editor;

/* Opens the project at path in a new 1280 × 800 window on the Segments page, settled. */
Editor       open_editor            (const char *path);
/* The current run, which the test expects to exist. */
const ScRun *run_of                 (Editor     *e);
/* Selects the segment at position, as a click on its row does, and checks that the details
 * show it; returns its row. */
GtkListBoxRow *select_position      (Editor     *e,
                                     guint       position);
/* A condition: neither the page nor the project is working. */
gboolean     editor_is_idle         (gpointer    data);
void         wait_idle              (Editor     *e);
/* With SEGMENTS_SCREENSHOT_DIR set, saves a picture of the window there as name. */
void         save_shot              (Editor     *e,
                                     const char *name);
/* Removes the projects (with their WAL files) and the CSV files in dir; leaves the XDG
 * folders to the system's tmp cleaning. */
void         remove_projects        (const char *dir);
/* The sample data imported and segmented with the default settings into a new project at
 * @path; and a copy of a project as @name in @dir (returns its path). */
char        *sample_file            (const char *name);
void         make_sample_project    (const char *path);
char        *copy_project           (const char *from,
                                     const char *dir,
                                     const char *name);

/* The widget of type under root, which the test expects to exist. */
GtkWidget   *find_of_type           (GtkWidget  *root,
                                     GType       type);
/* WidgetPredicates, data being the text: an AdwPreferencesRow of that title, a button of that
 * label (with its mnemonic underscore) or tooltip. */
gboolean     is_row_titled          (GtkWidget  *widget,
                                     gpointer    data);
gboolean     is_button_labelled     (GtkWidget  *widget,
                                     gpointer    data);
gboolean     is_button_with_tooltip (GtkWidget  *widget,
                                     gpointer    data);

G_END_DECLS
