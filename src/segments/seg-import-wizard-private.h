/* seg-import-wizard-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-import-check-page.h"
#include "seg-import-columns-page.h"
#include "seg-import-database.h"
#include "seg-import-files-page.h"
#include "seg-import-format-page.h"
#include "seg-import-wizard.h"

G_BEGIN_DECLS

struct _SegImportWizard
{
  AdwWindow             parent_instance;

  /* template */
  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkWidget            *next_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  SegImportFilesPage   *files_page;
  SegImportFormatPage  *format_page;
  SegImportColumnsPage *columns_page;
  SegImportFormatPage  *customers_format_page;
  SegImportColumnsPage *customers_columns_page;
  SegImportFormatPage  *interactions_format_page;
  SegImportColumnsPage *interactions_columns_page;
  AdwActionRow         *match_row;
  GtkSpinner           *match_spinner;
  GtkLabel             *match_value;
  SegImportCheckPage   *check_page;
  SegImportDatabase    *database_page;
  AdwStatusPage        *import_status;
  GtkProgressBar       *import_progress;
  GtkLabel             *import_stage;
  AdwStatusPage        *done_status;
  GtkWidget            *segment_button;

  GtkWindow            *window;          /* weak: the window imported into */
  ScProject            *project;         /* its project, or NULL for a new one */
  SegImportSource      *orders;
  SegImportSource      *customers;
  gboolean              has_customers;
  SegImportSource      *interactions;
  gboolean              has_interactions;
  GFile                *project_file;    /* where a new project goes, once chosen */
  guint                 recheck_source;

  /* the import */
  gboolean              importing;
  GCancellable         *import_cancellable;
  ScJob                *import_job;
  GBinding             *import_binding[2];
  ScProject            *import_project;  /* NULL for a new project: imported by path */
  char                 *import_path;
  gboolean              import_new_project;
  ScImportReport       *import_report;
  GApplication         *application;     /* held while importing */

  gboolean              closed;
};

void     _seg_import_wizard_show_toast          (SegImportWizard *self,
                                                 const char      *title);
void     _seg_import_wizard_show_error          (SegImportWizard *self,
                                                 const char      *heading,
                                                 const char      *message);
void     _seg_import_wizard_build_options       (SegImportWizard *self,
                                                 ScImportOptions *options);
void     _seg_import_wizard_go_to               (SegImportWizard *self,
                                                 const char      *page);
/* The last page, after an import of files or from a database: what was imported, and
 * Segment Now, or Show Segments when the project was segmented before. */
void     _seg_import_wizard_show_done           (SegImportWizard *self,
                                                 const char      *description,
                                                 gboolean         segmented);
gboolean _seg_import_wizard_has_orders          (SegImportWizard *self);

/* seg-import-wizard-import.c */
void     _seg_import_wizard_start_import        (SegImportWizard *self);
void     _seg_import_wizard_cancel_import       (SegImportWizard *self);

G_END_DECLS
