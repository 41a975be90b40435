/* seg-database-password.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Database passwords live in the desktop keyring (the Secret Service, through libsecret),
 * never in the project file: the project keeps the connection without its password, and the
 * keyring item is found again by the connection's host, port, database and user.  Without a
 * keyring (no Secret Service on the session bus, or a locked one that cannot prompt) the
 * store and the lookup fail with the keyring's message; the callers then ask for the
 * password each time (seg_database_password_ask()). */

#include "config.h"

#include <glib/gi18n.h>
#if HAVE_LIBSECRET
#include <libsecret/secret.h>
#endif

#include "seg-database-password.h"

#if HAVE_LIBSECRET

static const SecretSchema *
database_schema (void)
{
  static const SecretSchema schema = {
    "org.gnome.Segments.Database", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Unset settings are stored as "" so that one item matches one connection exactly. */
static GHashTable *
attributes_new (const ScPgConnection *c)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, "host", c->host != NULL ? c->host : "");
  g_hash_table_insert (attributes, "port", c->port != NULL ? c->port : "");
  g_hash_table_insert (attributes, "database", c->dbname != NULL ? c->dbname : "");
  g_hash_table_insert (attributes, "user", c->user != NULL ? c->user : "");
  return attributes;
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * seg_database_password_store_async:
 *
 * Saves @password in the default keyring for @connection, replacing an earlier one.
 */
void
seg_database_password_store_async (const ScPgConnection *connection,
                                   const char           *password,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = attributes_new (connection);
  /* Translators: the keyring item's label, "Segments: shop on db.example.com" */
  g_autofree char *label = g_strdup_printf (_("Segments: %s on %s"),
                                            connection->dbname != NULL ? connection->dbname : "",
                                            connection->host != NULL ? connection->host
                                                                     : "localhost");

  g_task_set_source_tag (task, seg_database_password_store_async);
  secret_password_storev (database_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                          password, cancellable, on_stored, task);
}

gboolean
seg_database_password_store_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

/**
 * seg_database_password_lookup_async:
 *
 * Finds the password saved for @connection.  Its finish gives %NULL without an error when
 * the keyring holds none, and an error when there is no keyring to ask.
 */
void
seg_database_password_lookup_async (const ScPgConnection *connection,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = attributes_new (connection);

  g_task_set_source_tag (task, seg_database_password_lookup_async);
  secret_password_lookupv (database_schema (), attributes, cancellable, on_looked_up, task);
}

/* Returns: (transfer full) (nullable): free with g_free() (it was copied out of the
 * keyring's non-pageable memory). */
char *
seg_database_password_lookup_finish (GAsyncResult  *result,
                                     GError       **error)
{
  char *secret;
  char *copy;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  secret = g_task_propagate_pointer (G_TASK (result), error);
  copy = g_strdup (secret);
  secret_password_free (secret);
  return copy;
}

#else /* !HAVE_LIBSECRET */

static void
return_unavailable (gpointer             source_tag,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This build of Segments cannot use the keyring."));
}

void
seg_database_password_store_async (const ScPgConnection *connection,
                                   const char           *password,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  return_unavailable (seg_database_password_store_async, cancellable, callback, user_data);
}

gboolean
seg_database_password_store_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
seg_database_password_lookup_async (const ScPgConnection *connection,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  return_unavailable (seg_database_password_lookup_async, cancellable, callback, user_data);
}

char *
seg_database_password_lookup_finish (GAsyncResult  *result,
                                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

#endif /* HAVE_LIBSECRET */

/* {{{ Asking */

typedef struct
{
  GtkWidget       *entry;
  SegPasswordFunc  func;
  gpointer         user_data;
  GDestroyNotify   destroy;
  gboolean         answered;
} Ask;

static void
ask_free (gpointer  data,
          GClosure *closure)
{
  Ask *ask = data;

  if (ask->destroy != NULL)
    ask->destroy (ask->user_data);
  g_free (ask);
}

/* Answers once: a dialog closed after an answer emits its close response too. */
static void
on_ask_response (AdwMessageDialog *dialog,
                 const char       *response,
                 Ask              *ask)
{
  if (ask->answered)
    return;
  ask->answered = TRUE;
  if (g_str_equal (response, "connect"))
    ask->func (gtk_editable_get_text (GTK_EDITABLE (ask->entry)), ask->user_data);
  else
    ask->func (NULL, ask->user_data);
}

/**
 * seg_database_password_ask:
 * @reason: (nullable): why it is asked (the keyring's message), shown under the question
 * @func: called once, with the password or %NULL
 *
 * Asks for the password of @connection in a modal dialog.
 */
void
seg_database_password_ask (GtkWindow            *parent,
                           const ScPgConnection *connection,
                           const char           *reason,
                           SegPasswordFunc       func,
                           gpointer              user_data,
                           GDestroyNotify        destroy)
{
  Ask *ask = g_new0 (Ask, 1);
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  /* Translators: "The password of segments for the database shop." */
  body = g_strdup_printf (_("The password of %s for the database %s."),
                          connection->user != NULL ? connection->user : "",
                          connection->dbname != NULL ? connection->dbname : "");
  if (reason != NULL)
    {
      char *longer = g_strconcat (body, "\n\n", reason, NULL);

      g_free (body);
      body = longer;
    }
  dialog = adw_message_dialog_new (parent, _("Database Password"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "connect", _("C_onnect"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* A GtkEntry: GTK 4.8's GtkPasswordEntry can be notified of the caps lock state after the
   * dialog is gone. */
  ask->entry = gtk_entry_new ();
  gtk_entry_set_visibility (GTK_ENTRY (ask->entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (ask->entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_activates_default (GTK_ENTRY (ask->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (ask->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), ask->entry);
  ask->func = func;
  ask->user_data = user_data;
  ask->destroy = destroy;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_ask_response), ask,
                         ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (ask->entry);
}

/* }}} */
