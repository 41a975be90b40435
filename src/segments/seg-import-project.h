/* seg-import-project.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-project.h"

G_BEGIN_DECLS

ScProject *seg_import_create_project      (GtkWidget  *inside,
                                           GFile      *file,
                                           GError    **error);
/**
 * SegImportFileFunc:
 * @owner: the object that asked for the file
 * @file: the file chosen
 */
typedef void (*SegImportFileFunc) (gpointer owner,
                                   GFile   *file);

void       seg_import_choose_project_file (GtkWindow         *parent,
                                           GFile             *folder,
                                           const char        *name,
                                           SegImportFileFunc  on_chosen,
                                           gpointer           owner);
void       seg_import_discard_path        (const char *path);

G_END_DECLS
