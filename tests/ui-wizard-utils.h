/* ui-wizard-utils.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Driving the import wizard in ui tests (test-ui-wizard.c, test-ui-wizard-interactions.c):
 * finding it, its buttons and labels, moving through its pages and waiting for the check. */

#pragma once

#include <adwaita.h>

#include "sc-project.h"
#include "seg-import-wizard.h"
#include "seg-window.h"

G_BEGIN_DECLS

SegWindow            *wizard_new_window            (GtkApplication  *app);
char                 *temp_path                    (const char      *name);
gboolean              is_drawable_button_labelled  (GtkWidget       *widget,
                                                    gpointer         data);
gboolean              is_drawable_label_starting   (GtkWidget       *widget,
                                                    gpointer         data);
gboolean              is_drawable_label_containing (GtkWidget       *widget,
                                                    gpointer         data);
GtkWidget            *next_button                  (SegImportWizard *wizard);
gboolean              next_enabled                 (SegImportWizard *wizard);
SegImportWizard      *find_wizard                  (void);
gboolean              has_wizard                   (gpointer         data);
SegImportWizard      *open_wizard                  (SegWindow       *window);
void                  press_next                   (SegImportWizard *wizard);
gboolean              check_done                   (gpointer         data);
gboolean              page_is_done                 (gpointer         data);
gboolean              page_is_check_and_idle       (gpointer         data);
const ScImportReport *run_check                    (SegImportWizard *wizard);
void                  remove_project               (const char      *path);
void                  count_written_once           (const char      *domain,
                                                    GLogLevelFlags   level,
                                                    const char      *message,
                                                    gpointer         data);

G_END_DECLS

