/* seg-page-picture.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SEG_TYPE_PAGE_PICTURE (seg_page_picture_get_type ())

G_DECLARE_FINAL_TYPE (SegPagePicture, seg_page_picture, SEG, PAGE_PICTURE, GtkWidget)

GtkWidget  *seg_page_picture_new                (void);
void        seg_page_picture_set_page_size      (SegPagePicture *self,
                                                 double          width,
                                                 double          height);
GdkTexture *seg_page_picture_get_texture        (SegPagePicture *self);
void        seg_page_picture_set_texture        (SegPagePicture *self,
                                                 GdkTexture     *texture);
void        seg_page_picture_set_zoom           (SegPagePicture *self,
                                                 double          zoom);
void        seg_page_picture_set_sheet          (SegPagePicture *self,
                                                 gboolean        sheet);
double      seg_page_picture_get_effective_zoom (SegPagePicture *self);
void        seg_page_picture_get_device_size    (SegPagePicture *self,
                                                 int            *width,
                                                 int            *height);

G_END_DECLS
