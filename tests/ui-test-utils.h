/* ui-test-utils.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What every ui test needs to drive the app under Xvfb: the main loop, windows, widgets. */

typedef gboolean (*Condition)       (gpointer   data);
typedef gboolean (*WidgetPredicate) (GtkWidget *widget,
                                     gpointer   data);

/* Iterates the main context until condition holds; FALSE after two minutes. */
gboolean   wait_until          (Condition        condition,
                                gpointer         data);
/* Runs whatever is pending, without waiting. */
void       drain_events        (void);
/* Lets layout and the frame clock run for a while, so that what was queued happens. */
void       settle_for          (guint            milliseconds);
void       destroy_all_windows (void);
/* Depth first, visible widgets only: what a user can see and reach. */
GtkWidget *find_widget         (GtkWidget       *root,
                                WidgetPredicate  predicate,
                                gpointer         data);

G_END_DECLS
