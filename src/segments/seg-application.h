/* seg-application.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-types.h"

G_BEGIN_DECLS

/* Resources live under one path whatever the application id, so the development build
 * finds the same style sheet, help overlay and icons. */
#define SEG_RESOURCE_BASE_PATH "/io/github/segments/Segments"

#define SEG_RECENT_PROJECTS_MAX 10

#define SEG_TYPE_APPLICATION (seg_application_get_type ())

G_DECLARE_FINAL_TYPE (SegApplication, seg_application, SEG, APPLICATION, AdwApplication)

SegApplication *seg_application_new             (const char     *application_id,
                                                 GApplicationFlags flags);
GSettings      *seg_application_get_settings    (SegApplication *self);
gboolean        seg_application_is_broken       (SegApplication *self);
void            seg_application_add_recent      (SegApplication *self,
                                                 const char     *path);
void            seg_application_open_project    (SegApplication *self,
                                                 GFile          *file,
                                                 gboolean        create);
GtkWindow      *seg_application_find_window     (SegApplication *self,
                                                 const char     *path);

G_END_DECLS
