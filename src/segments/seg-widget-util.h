/* seg-widget-util.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-job.h"

G_BEGIN_DECLS

/* The window @widget sits in, or NULL while it is not in one. */
GtkWindow            *seg_widget_get_window     (GtkWidget             *widget);
/* Adds a toast to the nearest AdwToastOverlay around @widget, if there is one. */
void                  seg_widget_show_toast     (GtkWidget             *widget,
                                                 const char            *title);
/* A modal message with a single Close button. */
void                  seg_show_error_dialog     (GtkWindow             *parent,
                                                 const char            *heading,
                                                 const char            *message);
/* A question with Cancel and one answer; the dialog is not shown yet. */
GtkWidget            *seg_question_dialog_new   (GtkWindow             *parent,
                                                 const char            *heading,
                                                 const char            *body,
                                                 const char            *response,
                                                 const char            *label,
                                                 AdwResponseAppearance  appearance);
/* A modal native file chooser with a Cancel button; the caller shows it. */
GtkFileChooserNative *seg_file_chooser_new      (const char            *title,
                                                 GtkWindow             *parent,
                                                 GtkFileChooserAction   action,
                                                 const char            *accept_label);
/* The chosen file when @response accepts the chooser, else NULL. */
GFile                *seg_file_chooser_get_accepted (GtkNativeDialog   *dialog,
                                                     int                response);
/* A filter by MIME type and by suffix (without the dot). */
GtkFileFilter        *seg_file_filter_new       (const char            *name,
                                                 const char            *mime_type,
                                                 const char            *suffix);
/* A list row, not activatable, with a padded horizontal box (returned in @box) that starts
 * with a segment colour swatch (returned in @swatch). */
GtkWidget            *seg_swatch_row_new        (const char            *color_class,
                                                 GtkWidget            **box,
                                                 GtkWidget            **swatch);
/* A left-aligned, ellipsized heading label: a segment's name in a row. */
GtkWidget            *seg_heading_label_new     (const char            *text);

/**
 * SegKeyAction:
 * @keyval: a key
 * @modifiers: the modifiers held with it
 * @action: the detailed name of the action it activates
 */
typedef struct
{
  guint            keyval;
  GdkModifierType  modifiers;
  const char      *action;
} SegKeyAction;

GtkEventController   *seg_key_actions_controller_new (const SegKeyAction *keys,
                                                      guint               n_keys);
/* @basename without its extension ("orders.csv" → "orders"); a leading dot stays. */
char                 *seg_file_stem             (const char            *basename);

/* Shows @job's fraction in @bar and its message in @label, or nothing for a NULL @job, after
 * undoing the bindings @bindings holds from the job shown before. */
void                  seg_job_progress_bind     (GBinding             *bindings[2],
                                                 ScJob                 *job,
                                                 GtkProgressBar        *bar,
                                                 GtkLabel              *label);
/* seg_job_progress_bind() with the message shown in @message_property of @message_target,
 * such as a bar's "text" or a status page's "description". */
void                  seg_job_progress_bind_to  (GBinding             *bindings[2],
                                                 ScJob                 *job,
                                                 GtkProgressBar        *bar,
                                                 gpointer               message_target,
                                                 const char            *message_property);
/* Undoes and drops the bindings of seg_job_progress_bind(), as in a dispose. */
void                  seg_job_progress_unbind   (GBinding             *bindings[2]);

GSettings *seg_settings_new (void);

gboolean   seg_set_watched_object (gpointer    *slot,
                                   gpointer     object,
                                   const char  *signal,
                                   GCallback    handler,
                                   gpointer     owner);

G_END_DECLS
