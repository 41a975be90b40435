/* seg-widget-util.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Small pieces every page, dialog and chart of the app builds the same way: messages,
 * toasts, questions and file choosers, so that they look and answer alike everywhere. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "seg-types.h"
#include "seg-widget-util.h"

/**
 * seg_widget_get_window:
 * @widget: a widget
 *
 * Returns: (transfer none) (nullable): the window at the root of @widget
 */
GtkWindow *
seg_widget_get_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * seg_widget_show_toast:
 * @widget: a widget inside an AdwToastOverlay
 * @title: the toast's text
 *
 * Shows @title in the nearest toast overlay around @widget; does nothing outside one.
 */
void
seg_widget_show_toast (GtkWidget  *widget,
                       const char *title)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

/**
 * seg_show_error_dialog:
 * @parent: (nullable): the window the message belongs to
 * @heading: what failed
 * @message: why
 *
 * Presents a message with a Close button.
 */
void
seg_show_error_dialog (GtkWindow  *parent,
                       const char *heading,
                       const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * seg_question_dialog_new:
 * @parent: (nullable): the window the question belongs to
 * @heading: the question
 * @body: (nullable): what it means
 * @response: the id of the answer
 * @label: the answer's button label, with a mnemonic
 * @appearance: how the answer's button looks
 *
 * A message with "cancel" and @response.  Escape answers "cancel"; Enter answers
 * @response, unless it is destructive, when Enter cancels too.
 *
 * Returns: (transfer floating): the dialog, not yet presented
 */
GtkWidget *
seg_question_dialog_new (GtkWindow             *parent,
                         const char            *heading,
                         const char            *body,
                         const char            *response,
                         const char            *label,
                         AdwResponseAppearance  appearance)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);

  adw_message_dialog_add_responses (message, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (message, response, appearance);
  adw_message_dialog_set_default_response (message, appearance == ADW_RESPONSE_DESTRUCTIVE
                                                    ? "cancel" : response);
  adw_message_dialog_set_close_response (message, "cancel");
  return dialog;
}

/**
 * seg_file_chooser_new:
 * @title: the chooser's title
 * @parent: (nullable): its window
 * @action: open or save
 * @accept_label: the accept button's label, with a mnemonic
 *
 * Returns: (transfer full): a modal chooser with a Cancel button
 */
GtkFileChooserNative *
seg_file_chooser_new (const char           *title,
                      GtkWindow            *parent,
                      GtkFileChooserAction  action,
                      const char           *accept_label)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

/**
 * seg_file_chooser_get_accepted:
 * @dialog: a file chooser
 * @response: its response
 *
 * Returns: (transfer full) (nullable): the chosen file if @response accepts it
 */
GFile *
seg_file_chooser_get_accepted (GtkNativeDialog *dialog,
                               int              response)
{
  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  return gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
}

/**
 * seg_file_filter_new:
 * @name: the filter's name as the chooser shows it
 * @mime_type: a MIME type
 * @suffix: a file name suffix, without the dot
 *
 * Returns: (transfer full): the filter
 */
GtkFileFilter *
seg_file_filter_new (const char *name,
                     const char *mime_type,
                     const char *suffix)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  return filter;
}

/**
 * seg_swatch_row_new:
 * @color_class: the swatch's colour class, such as "segment-color-3"
 * @box: (out) (transfer none): the row's horizontal box, for what follows the swatch
 * @swatch: (out) (transfer none): the swatch, to align it
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
seg_swatch_row_new (const char  *color_class,
                    GtkWidget  **box,
                    GtkWidget  **swatch)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (*box, 10);
  gtk_widget_set_margin_bottom (*box, 10);
  gtk_widget_set_margin_start (*box, 12);
  gtk_widget_set_margin_end (*box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), *box);

  *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (*swatch, "segment-swatch");
  gtk_widget_add_css_class (*swatch, color_class);
  gtk_box_append (GTK_BOX (*box), *swatch);

  return row;
}

/**
 * seg_heading_label_new:
 * @text: the text
 *
 * Returns: (transfer floating): the label
 */
GtkWidget *
seg_heading_label_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

void
seg_job_progress_unbind (GBinding *bindings[2])
{
  for (guint i = 0; i < 2; i++)
    {
      if (bindings[i] != NULL)
        g_binding_unbind (bindings[i]);
      g_clear_object (&bindings[i]);
    }
}

void
seg_job_progress_bind_to (GBinding       *bindings[2],
                          ScJob          *job,
                          GtkProgressBar *bar,
                          gpointer        message_target,
                          const char     *message_property)
{
  seg_job_progress_unbind (bindings);
  if (job == NULL)
    return;
  bindings[0] = g_object_ref (g_object_bind_property (job, "fraction", bar, "fraction",
                                                      G_BINDING_SYNC_CREATE));
  bindings[1] = g_object_ref (g_object_bind_property (job, "message", message_target,
                                                      message_property, G_BINDING_SYNC_CREATE));
}

void
seg_job_progress_bind (GBinding       *bindings[2],
                       ScJob          *job,
                       GtkProgressBar *bar,
                       GtkLabel       *label)
{
  seg_job_progress_bind_to (bindings, job, bar, label, "label");
}

/**
 * seg_file_stem:
 * @basename: a file name without folder
 *
 * Returns: (transfer full): @basename up to its last dot; a name that only starts with a
 *   dot is kept whole
 */
char *
seg_file_stem (const char *basename)
{
  const char *dot = strrchr (basename, '.');

  if (dot == NULL || dot == basename)
    return g_strdup (basename);
  return g_strndup (basename, (gsize) (dot - basename));
}

/**
 * seg_settings_new:
 *
 * The application's settings: the schema where GLib looks for it, else where this build
 * installs it (a prefix GLib does not search).
 *
 * Returns: (transfer full) (nullable): the settings, %NULL when the schema is nowhere
 */
GSettings *
seg_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) installed = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SEG_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      installed = g_settings_schema_source_new_from_directory (SCHEMADIR, source, FALSE, NULL);
      if (installed != NULL)
        schema = g_settings_schema_source_lookup (installed, SEG_SETTINGS_SCHEMA_ID, TRUE);
    }
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * seg_key_actions_controller_new:
 * @keys: (array length=n_keys): each key and the action it activates
 *
 * Returns: (transfer full): a shortcut controller that activates each action by name, with
 *   GTK's default scope and phase for the caller to change
 */
GtkEventController *
seg_key_actions_controller_new (const SegKeyAction *keys,
                                guint               n_keys)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < n_keys; i++)
    {
      GtkShortcutTrigger *trigger = gtk_keyval_trigger_new (keys[i].keyval, keys[i].modifiers);
      GtkShortcutAction *action = gtk_named_action_new (keys[i].action);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (trigger, action));
    }
  return controller;
}

/**
 * seg_set_watched_object:
 * @slot: where @owner holds the object it watches (a reference)
 * @object: (nullable): the object to watch instead
 * @signal: the signal @handler follows
 * @handler: called with @owner first (swapped) while @owner lives
 *
 * Makes @slot hold @object, moving @handler from the object it held to @object.
 *
 * Returns: %FALSE, changing nothing, when @slot already holds @object
 */
gboolean
seg_set_watched_object (gpointer    *slot,
                        gpointer     object,
                        const char  *signal,
                        GCallback    handler,
                        gpointer     owner)
{
  if (*slot == object)
    return FALSE;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, handler, owner);
  g_set_object ((GObject **) slot, object);
  if (object != NULL)
    g_signal_connect_object (object, signal, handler, owner, G_CONNECT_SWAPPED);
  return TRUE;
}
