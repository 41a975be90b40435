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

ScProject *seg_import_create_project (GtkWidget  *inside,
                                      GFile      *file,
                                      GError    **error);

G_END_DECLS
