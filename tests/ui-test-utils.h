/* ui-test-utils.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "seg-application.h"
#include "seg-window.h"

G_BEGIN_DECLS

/* What every ui test needs to drive the app under Xvfb: the main loop, windows, widgets,
 * pictures. */

typedef gboolean (*Condition)       (gpointer   data);
typedef gboolean (*WidgetPredicate) (GtkWidget *widget,
                                     gpointer   data);

/* How long a wait on a condition may take before the test fails: long, so that a loaded
 * machine is slow rather than wrong; a passing test never waits for it. */
#define WAIT_TIMEOUT_MS 120000

/* Conditions: data is a GtkWidget; a gpointer * whose pointer a weak reference clears. */
gboolean   widget_is_mapped    (gpointer         data);
gboolean   pointer_is_null     (gpointer         data);
/* A condition: a visible toplevel of the type in data (GSIZE_TO_POINTER (type)) exists. */
gboolean   has_toplevel_of_type (gpointer        data);
/* A condition: the SegWindow in data is mapped and not busy. */
gboolean   window_is_ready     (gpointer         data);
/* The visible toplevel of type, or NULL. */
GtkWindow *find_toplevel_of_type (GType          type);
/* A WidgetPredicate: the widget is of the type in data (GSIZE_TO_POINTER (type)). */
gboolean   is_of_type          (GtkWidget       *widget,
                                gpointer         data);

/* Iterates the main context until condition holds; FALSE after WAIT_TIMEOUT_MS. */
gboolean   wait_until          (Condition        condition,
                                gpointer         data);
/* Iterates the main context until the expression holds; after WAIT_TIMEOUT_MS the test fails
 * with the expression's text. */
#define WAIT_FOR(expr)                                                                     \
  G_STMT_START {                                                                           \
    gint64 wait_for_deadline_ = g_get_monotonic_time () + (gint64) WAIT_TIMEOUT_MS * 1000; \
    while (!(expr))                                                                        \
      {                                                                                    \
        if (g_get_monotonic_time () > wait_for_deadline_)                                  \
          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC,                \
                               "timed out waiting for: " #expr);                           \
        wait_step ();                                                                      \
      }                                                                                    \
  } G_STMT_END
/* One turn of the main context, which returns after at most 10 ms even when nothing happens. */
void       wait_step           (void);
/* Runs whatever is pending, without waiting. */
void       drain_events        (void);
/* Waits until the window of widget is mapped and has drawn a frame. */
void       wait_for_frame      (GtkWidget       *widget);
/* Waits until the window of widget is mapped, has drawn a frame, and then has drawn nothing
 * for a while: layout done, transitions and fades over.  Fails the test when the window
 * keeps drawing (an animation that never ends). */
void       settle              (GtkWidget       *widget);
/* Lets the main loop run for a fixed time.  Only for what cannot be waited on: giving
 * something that must not happen (a dropped result) the chance to happen. */
void       settle_for          (guint            milliseconds);
/* Closes the toasts shown under root and waits for them to be gone. */
void       dismiss_toasts      (GtkWidget       *root);
void       destroy_all_windows (void);
/* Shows the page called name of window (its win.show-page action) and returns the widget of
 * type there, which the test expects to exist. */
GtkWidget *show_page_of_type   (SegWindow       *window,
                                const char      *name,
                                GType            type);
/* Depth first, visible widgets only: what a user can see and reach. */
GtkWidget *find_widget         (GtkWidget       *root,
                                WidgetPredicate  predicate,
                                gpointer         data);

/* The widget as drawn on screen, through its window's renderer, once its window has drawn a
 * frame and the widget has a drawing (settle() first for the end of transitions). */
GdkTexture *render_widget      (GtkWidget       *widget);
/* Distinct colours on a coarse grid: a blank or half-drawn picture has a handful. */
guint       count_colours      (GdkTexture      *texture);
/* With SEGMENTS_SCREENSHOT_DIR set, saves the picture there as name (a PNG file). */
void        save_if_asked      (GdkTexture      *texture,
                                const char      *name);
/* The same for a widget, settled: renders it only when a picture is asked for. */
void        save_widget_if_asked (GtkWidget     *widget,
                                  const char    *name);

/* Points XDG_DATA_HOME, where the sample project is made, at a new temporary folder (not the
 * user's); returns that folder for sample_data_home_remove(). */
char       *sample_data_home_new    (const char  *name_template);
/* Removes the sample project and the folders sample_data_home_new() made. */
void        sample_data_home_remove (const char  *tmp);

/* The start of a ui test's main(): the XDG homes in a new temporary folder made from
 * home_template (returned in *tmp_dir, see test_make_xdg_home()), the test framework, GTK,
 * libadwaita, and the application registered as application_id, not unique, with flags. */
SegApplication *ui_test_start (int                *argc,
                               char             ***argv,
                               const char         *home_template,
                               const char         *application_id,
                               GApplicationFlags   flags,
                               char              **tmp_dir);
/* The same after the test has set the XDG folders up itself. */
SegApplication *ui_test_init_app (int                *argc,
                                  char             ***argv,
                                  const char         *application_id,
                                  GApplicationFlags   flags);
/* The end: closes every window and drops the application. */
void            ui_test_stop  (SegApplication    **app);

G_END_DECLS
