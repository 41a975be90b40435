/* seg-page-switcher.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SEG_TYPE_PAGE_SWITCHER (seg_page_switcher_get_type ())

G_DECLARE_FINAL_TYPE (SegPageSwitcher, seg_page_switcher, SEG, PAGE_SWITCHER, GtkWidget)

void          seg_page_switcher_set_stack (SegPageSwitcher *self,
                                           AdwViewStack    *stack);

G_END_DECLS
