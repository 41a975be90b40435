/* seg-import-database.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project-pg-browse.h"
#include "sc-project-pg.h"

G_BEGIN_DECLS

#define SEG_TYPE_IMPORT_DATABASE (seg_import_database_get_type ())

G_DECLARE_FINAL_TYPE (SegImportDatabase, seg_import_database, SEG, IMPORT_DATABASE, GtkBox)

void        seg_import_database_set_target      (SegImportDatabase    *self,
                                                 ScProject            *project,
                                                 GFile                *project_file);
void        seg_import_database_set_connection  (SegImportDatabase    *self,
                                                 const ScPgConnection *connection,
                                                 const char           *password);
gboolean    seg_import_database_select_orders   (SegImportDatabase    *self,
                                                 const char           *table,
                                                 const char           *query);
gboolean    seg_import_database_select_customers (SegImportDatabase   *self,
                                                 const char           *table,
                                                 const char           *query);
gboolean    seg_import_database_set_role        (SegImportDatabase    *self,
                                                 ScColumnRole          role,
                                                 const char           *column);
const char *seg_import_database_get_step        (SegImportDatabase    *self);
gboolean    seg_import_database_is_busy         (SegImportDatabase    *self);
const char *seg_import_database_get_error       (SegImportDatabase    *self);
const char *seg_import_database_get_keyring_note (SegImportDatabase   *self);
void        seg_import_database_cancel          (SegImportDatabase    *self);

G_END_DECLS
