/* seg-accessible.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void seg_accessible_init            (void);
void seg_accessible_set_name        (GtkWidget  *widget,
                                     const char *name);

G_END_DECLS
