/* seg-import-wizard.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-importer.h"
#include "seg-import-database.h"
#include "seg-import-source.h"
#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_WIZARD (seg_import_wizard_get_type ())

G_DECLARE_FINAL_TYPE (SegImportWizard, seg_import_wizard, SEG, IMPORT_WIZARD, AdwWindow)

SegImportWizard      *seg_import_wizard_new                (GtkWindow       *window,
                                                            ScProject       *project);
GtkWindow            *seg_import_wizard_get_window         (SegImportWizard *self);
gboolean              seg_import_wizard_set_orders_file    (SegImportWizard *self,
                                                            GFile           *file);
gboolean              seg_import_wizard_set_customers_file (SegImportWizard *self,
                                                            GFile           *file);
gboolean              seg_import_wizard_set_interactions_file (SegImportWizard *self,
                                                               GFile           *file);
void                  seg_import_wizard_add_files          (SegImportWizard *self,
                                                            GSList          *files);
void                  seg_import_wizard_set_project_file   (SegImportWizard *self,
                                                            GFile           *file);
SegImportSource      *seg_import_wizard_get_orders         (SegImportWizard *self);
SegImportSource      *seg_import_wizard_get_customers      (SegImportWizard *self);
SegImportSource      *seg_import_wizard_get_interactions   (SegImportWizard *self);
const char           *seg_import_wizard_get_page_name      (SegImportWizard *self);
SegImportDatabase    *seg_import_wizard_get_database       (SegImportWizard *self);
gboolean              seg_import_wizard_is_busy            (SegImportWizard *self);
const ScImportReport *seg_import_wizard_get_check_report   (SegImportWizard *self);
const ScImportReport *seg_import_wizard_get_import_report  (SegImportWizard *self);
char                 *seg_import_wizard_dup_problems_path  (SegImportWizard *self);

G_END_DECLS
