/* seg-present-window.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "seg-report-doc.h"

G_BEGIN_DECLS

#define SEG_TYPE_PRESENT_WINDOW (seg_present_window_get_type ())

G_DECLARE_FINAL_TYPE (SegPresentWindow, seg_present_window, SEG, PRESENT_WINDOW, GtkWindow)

SegPresentWindow *seg_present_window_new         (GtkWindow        *parent,
                                                  ScProject        *project,
                                                  SegReportDoc     *slides,
                                                  guint             first_page);
guint             seg_present_window_get_page    (SegPresentWindow *self);
void              seg_present_window_set_page    (SegPresentWindow *self,
                                                  guint             page);
guint             seg_present_window_get_n_pages (SegPresentWindow *self);

G_END_DECLS
