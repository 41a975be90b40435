/* seg-stall-probe.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Measures the main loop and the window's paints for bench/bench-app.py when the environment
 * variable SEGMENTS_STALL_PROBE names a file; does nothing otherwise.  The first window only. */
void seg_stall_probe_install (GtkWidget *window);

G_END_DECLS
