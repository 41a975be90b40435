/* seg-import-database.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import wizard's database step (issue 22): the server (host, port, database, user,
 * password, SSL mode) → where the orders and the customer list are (a table or view the role
 * can read, or a read-only query) → the use of each column, over the first rows → the
 * import.  It adds nothing segments-cli cannot do: every choice ends up in the ScPgOptions of
 * one sc_project_import_pg() call, and a column left to "None" is passed as such, so the
 * import reads what the step shows.
 *
 * Connecting, listing, previewing and importing run in workers (the core's async calls) with
 * this step's cancellable; Cancel, going back and closing the wizard cancel them, and each
 * callback checks `closed` because the widgets may be gone.  Errors are the core's messages
 * (wrong password, unreachable server, missing table, no SELECT rights), shown under the
 * step.  The password goes to the keyring once it has worked (seg-database-password.c); when
 * there is no keyring the step says that a refresh will ask for it. */

#include "config.h"

#include <glib/gi18n.h>

#include "sc-job.h"
#include "seg-database-password.h"
#include "seg-format.h"
#include "seg-import-database.h"
#include "seg-import-project.h"
#include "seg-widget-util.h"

/* The rows previewed. */
#define PREVIEW_ROWS 5

/* The roles an import from PostgreSQL reads from the orders, in the order shown. */
static const ScColumnRole order_roles[] = {
  SC_ROLE_CUSTOMER, SC_ROLE_DATE, SC_ROLE_AMOUNT, SC_ROLE_QUANTITY, SC_ROLE_PRICE,
  SC_ROLE_ORDER, SC_ROLE_CONSENT,
};
#define N_ORDER_ROLES G_N_ELEMENTS (order_roles)

/* The SSL modes in the order of the SSL row's items. */
static const char * const ssl_modes[] = { "prefer", "require", "verify-full", "disable" };

/* The fixed first items of the orders and customer list rows, before the relations. */
enum { ORDERS_QUERY_ITEM = 0, ORDERS_FIRST_TABLE = 1 };
enum { CUSTOMERS_NONE_ITEM = 0, CUSTOMERS_QUERY_ITEM = 1, CUSTOMERS_FIRST_TABLE = 2 };

struct _SegImportDatabase
{
  GtkBox           parent_instance;

  /* template */
  GtkStack        *stack;
  AdwEntryRow     *host_row;
  AdwEntryRow     *port_row;
  AdwEntryRow     *database_row;
  AdwEntryRow     *user_row;
  AdwEntryRow     *password_row;
  AdwComboRow     *ssl_row;
  AdwComboRow     *orders_row;
  GtkWidget       *orders_query_frame;
  GtkTextView     *orders_query;
  AdwComboRow     *customers_row;
  GtkWidget       *customers_query_frame;
  GtkTextView     *customers_query;
  GtkSwitch       *copy_switch;
  GtkLabel        *keyring_label;
  AdwPreferencesGroup *roles_group;
  GtkGrid         *preview_grid;
  GtkLabel        *customers_label;
  GtkProgressBar  *progress;
  GtkLabel        *error_label;
  GtkWidget       *back_button;
  GtkSpinner      *spinner;
  GtkWidget       *cancel_button;
  GtkWidget       *next_button;

  AdwComboRow     *role_rows[N_ORDER_ROLES];

  ScProject       *project;        /* the window's, or NULL for a new one */
  GFile           *project_file;   /* where a new one goes, once chosen */

  /* what the steps found */
  ScPgConnection   connection;
  char            *password;
  GStrv            relations;
  ScPgPreview     *orders_preview;
  ScPgPreview     *customers_preview;

  /* the work running, if any */
  GCancellable    *cancellable;
  ScJob           *job;
  GBinding        *bindings[2];
  ScProject       *import_project;   /* NULL while a new project is imported into by path */
  char            *import_path;
  gboolean         import_new_project;

  gboolean         closed;
};

enum {
  DONE,
  LEAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SegImportDatabase, seg_import_database, GTK_TYPE_BOX)

static void update_buttons (SegImportDatabase *self);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */

static void
show_error (SegImportDatabase *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean
is_busy (SegImportDatabase *self)
{
  return self->cancellable != NULL;
}

static GCancellable *
begin_work (SegImportDatabase *self)
{
  g_assert (self->cancellable == NULL);

  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  update_buttons (self);
  return self->cancellable;
}

static void
end_work (SegImportDatabase *self)
{
  seg_job_progress_unbind (self->bindings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->job);
  if (self->closed)
    return;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  update_buttons (self);
}

/* A failed piece of work: silent when cancelled, else the core's message. */
static void
work_failed (SegImportDatabase *self,
             const GError      *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
}

static char *
row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
query_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
conninfo (SegImportDatabase *self)
{
  return sc_pg_connection_to_conninfo (&self->connection, self->password);
}

/* The relation chosen in @row when it is one (an index from @first on), else NULL. */
static const char *
chosen_relation (SegImportDatabase *self,
                 AdwComboRow       *row,
                 guint              first)
{
  guint i = adw_combo_row_get_selected (row);

  if (self->relations == NULL || i == GTK_INVALID_LIST_POSITION || i < first ||
      i - first >= g_strv_length (self->relations))
    return NULL;
  return self->relations[i - first];
}

/* ------------------------------------------------------------------------------------------ */
/* Navigation                                                                                 */

static const char *
step (SegImportDatabase *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static gboolean
source_ready (SegImportDatabase *self)
{
  gboolean orders_query = adw_combo_row_get_selected (self->orders_row) == ORDERS_QUERY_ITEM;
  gboolean customers_query =
    adw_combo_row_get_selected (self->customers_row) == CUSTOMERS_QUERY_ITEM;
  g_autofree char *orders = orders_query ? query_text (self->orders_query) : NULL;
  g_autofree char *customers = customers_query ? query_text (self->customers_query) : NULL;

  return (orders_query ? orders != NULL : chosen_relation (self, self->orders_row,
                                                            ORDERS_FIRST_TABLE) != NULL) &&
         (!customers_query || customers != NULL);
}

static gboolean
roles_ready (SegImportDatabase *self)
{
  gboolean has[SC_N_ROLES] = { FALSE };

  if (self->orders_preview == NULL)
    return FALSE;
  for (guint r = 0; r < N_ORDER_ROLES; r++)
    has[order_roles[r]] = adw_combo_row_get_selected (self->role_rows[r]) > 0;
  return has[SC_ROLE_CUSTOMER] && has[SC_ROLE_DATE] &&
         (has[SC_ROLE_AMOUNT] || (has[SC_ROLE_QUANTITY] && has[SC_ROLE_PRICE]));
}

static void
update_buttons (SegImportDatabase *self)
{
  const char *page;
  gboolean busy = is_busy (self);
  gboolean ready = FALSE;
  const char *label = _("C_onnect");

  if (self->closed)
    return;
  page = step (self);
  if (g_str_equal (page, "connect"))
    ready = TRUE;
  else if (g_str_equal (page, "source"))
    {
      ready = source_ready (self);
      label = _("_Preview");
    }
  else if (g_str_equal (page, "columns"))
    {
      ready = roles_ready (self);
      label = _("_Import");
    }

  gtk_button_set_label (GTK_BUTTON (self->next_button), label);
  gtk_widget_set_visible (self->next_button, !g_str_equal (page, "import"));
  gtk_widget_set_visible (self->back_button, !g_str_equal (page, "import"));
  gtk_widget_set_visible (self->cancel_button, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "database.next", ready && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "database.back", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "database.cancel", busy);

  gtk_widget_set_visible (self->orders_query_frame,
                          adw_combo_row_get_selected (self->orders_row) == ORDERS_QUERY_ITEM);
  gtk_widget_set_visible (self->customers_query_frame,
                          adw_combo_row_get_selected (self->customers_row) ==
                          CUSTOMERS_QUERY_ITEM);
}

static void
go_to (SegImportDatabase *self,
       const char        *page)
{
  gtk_stack_set_visible_child_name (self->stack, page);
  update_buttons (self);
}

/* ------------------------------------------------------------------------------------------ */
/* 1. Connecting: the relations the role can read                                            */

static void
on_password_stored (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SegImportDatabase) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  if (seg_database_password_store_finish (result, &error) || self->closed ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Translators: %s is the keyring's own message */
  note = g_strdup_printf (_("The password could not be kept in the keyring (%s). Segments will "
                            "ask for it each time the project is refreshed."), error->message);
  gtk_label_set_text (self->keyring_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_label), TRUE);
}

static void
fill_relation_rows (SegImportDatabase *self)
{
  g_autoptr(GtkStringList) orders = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) customers = gtk_string_list_new (NULL);
  guint n = g_strv_length (self->relations);

  gtk_string_list_append (orders, _("A Query"));
  gtk_string_list_append (customers, _("None"));
  gtk_string_list_append (customers, _("A Query"));
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (orders, self->relations[i]);
      gtk_string_list_append (customers, self->relations[i]);
    }
  adw_combo_row_set_model (self->orders_row, G_LIST_MODEL (orders));
  adw_combo_row_set_model (self->customers_row, G_LIST_MODEL (customers));
  /* The first relation is the likeliest guess; without any, only a query can be given. */
  adw_combo_row_set_selected (self->orders_row, n > 0 ? ORDERS_FIRST_TABLE : ORDERS_QUERY_ITEM);
  adw_combo_row_set_selected (self->customers_row, CUSTOMERS_NONE_ITEM);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SegImportDatabase) self = user_data;
  g_autoptr(GError) error = NULL;
  GStrv relations = sc_pg_list_relations_finish (result, &error);

  end_work (self);
  if (self->closed)
    {
      g_strfreev (relations);
      return;
    }
  if (relations == NULL)
    {
      work_failed (self, error);
      return;
    }
  g_strfreev (self->relations);
  self->relations = relations;
  fill_relation_rows (self);

  gtk_widget_set_visible (GTK_WIDGET (self->keyring_label), FALSE);
  if (self->password != NULL)
    seg_database_password_store_async (&self->connection, self->password, NULL,
                                       on_password_stored, g_object_ref (self));
  go_to (self, "source");
}

static void
connect (SegImportDatabase *self)
{
  guint ssl = adw_combo_row_get_selected (self->ssl_row);
  g_autofree char *password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  g_autofree char *info = NULL;

  sc_pg_connection_clear (&self->connection);
  self->connection.host = row_text (self->host_row);
  self->connection.port = row_text (self->port_row);
  self->connection.dbname = row_text (self->database_row);
  self->connection.user = row_text (self->user_row);
  self->connection.sslmode = g_strdup (ssl < G_N_ELEMENTS (ssl_modes) ? ssl_modes[ssl]
                                                                      : ssl_modes[0]);
  g_free (self->password);
  self->password = password[0] != '\0' ? g_steal_pointer (&password) : NULL;

  info = conninfo (self);
  sc_pg_list_relations_async (info, begin_work (self), on_listed, g_object_ref (self));
}

/* ------------------------------------------------------------------------------------------ */
/* 2. Previewing the orders, then the customer list                                          */

static void
fill_roles (SegImportDatabase *self)
{
  const ScPgPreview *p = self->orders_preview;
  guint n = g_strv_length (p->columns);

  for (guint r = 0; r < N_ORDER_ROLES; r++)
    {
      g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
      guint selected = 0;

      gtk_string_list_append (items, _("None"));
      for (guint c = 0; c < n; c++)
        {
          gtk_string_list_append (items, p->columns[c]);
          if (selected == 0 && p->roles[c] == order_roles[r])
            selected = c + 1;
        }
      adw_combo_row_set_model (self->role_rows[r], G_LIST_MODEL (items));
      adw_combo_row_set_selected (self->role_rows[r], selected);
    }
}

static GtkWidget *
cell_new (const char *text,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_add_css_class (label, heading ? "heading" : "numeric");
  return label;
}

static void
fill_preview (SegImportDatabase *self)
{
  const ScPgPreview *p = self->orders_preview;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
  for (guint c = 0; p->columns[c] != NULL; c++)
    {
      gtk_grid_attach (self->preview_grid, cell_new (p->columns[c], TRUE), (int) c, 0, 1, 1);
      for (guint r = 0; r < p->rows->len; r++)
        {
          char **row = g_ptr_array_index (p->rows, r);

          gtk_grid_attach (self->preview_grid, cell_new (row[c], FALSE), (int) c, (int) r + 1,
                           1, 1);
        }
    }
}

/* Where the customer list's key and consent are: found by name, as in a customer list file. */
static void
fill_customers_label (SegImportDatabase *self)
{
  const ScPgPreview *p = self->customers_preview;
  const char *key = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->customers_label), p != NULL);
  if (p == NULL)
    return;
  for (guint c = 0; p->columns[c] != NULL && key == NULL; c++)
    if (p->roles[c] == SC_ROLE_CUSTOMER)
      key = p->columns[c];
  columns = g_strjoinv (", ", p->columns);
  if (key != NULL)
    /* Translators: "The customer list: its customer column is “id”; columns: id, region" */
    text = g_strdup_printf (_("The customer list is matched on its column “%s”. Its columns: "
                              "%s."), key, columns);
  else
    text = g_strdup_printf (_("No column of the customer list looks like a customer key; the "
                              "import will say which it needs. Its columns: %s."), columns);
  gtk_label_set_text (self->customers_label, text);
}

/* The preview, or NULL when the step closed meanwhile or it failed (then shown). */
static ScPgPreview *
preview_finish (SegImportDatabase *self,
                GAsyncResult      *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScPgPreview) preview = sc_pg_preview_finish (result, &error);

  end_work (self);
  if (self->closed)
    return NULL;
  if (preview == NULL)
    work_failed (self, error);
  return g_steal_pointer (&preview);
}

static void
on_customers_previewed (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(SegImportDatabase) self = user_data;
  ScPgPreview *preview = preview_finish (self, result);

  if (preview == NULL)
    return;
  g_clear_pointer (&self->customers_preview, sc_pg_preview_free);
  self->customers_preview = preview;
  fill_customers_label (self);
  go_to (self, "columns");
}

static gboolean
customers_chosen (SegImportDatabase  *self,
                  const char        **table,
                  char              **query)
{
  guint i = adw_combo_row_get_selected (self->customers_row);

  *table = chosen_relation (self, self->customers_row, CUSTOMERS_FIRST_TABLE);
  *query = i == CUSTOMERS_QUERY_ITEM ? query_text (self->customers_query) : NULL;
  return *table != NULL || *query != NULL;
}

static void
on_orders_previewed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SegImportDatabase) self = user_data;
  ScPgPreview *preview = preview_finish (self, result);
  const char *table;
  g_autofree char *query = NULL;
  g_autofree char *info = NULL;

  if (preview == NULL)
    return;
  g_clear_pointer (&self->orders_preview, sc_pg_preview_free);
  self->orders_preview = preview;
  fill_roles (self);
  fill_preview (self);

  g_clear_pointer (&self->customers_preview, sc_pg_preview_free);
  if (!customers_chosen (self, &table, &query))
    {
      fill_customers_label (self);
      go_to (self, "columns");
      return;
    }
  info = conninfo (self);
  sc_pg_preview_async (info, table, query, SC_TABLE_CUSTOMERS, PREVIEW_ROWS, begin_work (self),
                       on_customers_previewed, g_object_ref (self));
}

static void
preview (SegImportDatabase *self)
{
  const char *table = chosen_relation (self, self->orders_row, ORDERS_FIRST_TABLE);
  g_autofree char *query = table == NULL ? query_text (self->orders_query) : NULL;
  g_autofree char *info = conninfo (self);

  sc_pg_preview_async (info, table, query, SC_TABLE_TRANSACTIONS, PREVIEW_ROWS,
                       begin_work (self), on_orders_previewed, g_object_ref (self));
}

/* ------------------------------------------------------------------------------------------ */
/* 3. The import                                                                             */

static void
build_options (SegImportDatabase *self,
               ScPgOptions       *options)
{
  const char *table;
  g_autofree char *query = NULL;

  sc_pg_options_init (options);
  options->conninfo = conninfo (self);
  options->orders_table = g_strdup (chosen_relation (self, self->orders_row,
                                                     ORDERS_FIRST_TABLE));
  if (options->orders_table == NULL)
    options->orders_query = query_text (self->orders_query);
  if (customers_chosen (self, &table, &query))
    {
      options->customers_table = g_strdup (table);
      options->customers_query = g_steal_pointer (&query);
    }
  /* Every role set, "" for none: the import maps exactly what the step shows. */
  for (guint r = 0; r < N_ORDER_ROLES; r++)
    {
      guint i = adw_combo_row_get_selected (self->role_rows[r]);

      options->map[order_roles[r]] =
        g_strdup (i > 0 && i != GTK_INVALID_LIST_POSITION
                  ? self->orders_preview->columns[i - 1] : "");
    }
  options->copy_transactions = gtk_switch_get_active (self->copy_switch);
}

/* The sentence the wizard's last page shows. */
static char *
format_done (const ScImportReport *report)
{
  g_autofree char *customers = seg_format_count (report->project_customers);
  g_autofree char *rows = seg_format_count (report->transactions.rows_accepted);

  /* Translators: the %s are numbers */
  return g_strdup_printf (_("The database’s %s order rows were summed by the server: the "
                            "project now holds %s customers. Segment the customers to see the "
                            "groups they form, and use Refresh From Database to bring in new "
                            "orders later."), rows, customers);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SegImportDatabase) self = user_data;
  g_autoptr(ScProject) project = g_steal_pointer (&self->import_project);
  g_autofree char *path = g_steal_pointer (&self->import_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScImportReport) report = NULL;
  g_autofree char *description = NULL;

  report = project != NULL ? sc_project_import_pg_finish (project, result, &error)
                           : sc_project_import_pg_path_finish (result, &error);
  end_work (self);
  if (report == NULL && self->import_new_project)
    seg_import_discard_path (path);
  if (self->closed)
    return;
  if (report == NULL)
    {
      go_to (self, "columns");
      show_error (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                        ? _("Import cancelled: the project is as it was.") : error->message);
      return;
    }
  g_clear_object (&project);
  description = format_done (report);
  g_signal_emit (self, signals[DONE], 0, description, path, self->import_new_project);
}

/* @project: the window's project, or %NULL for the new project at @path, which is closed
 * during the import so that the import writes its rows once (as the file wizard does,
 * seg-import-wizard-import.c); the window opens it afterwards. */
static void
run_import (SegImportDatabase *self,
            ScProject         *project,
            const char        *path)
{
  g_auto(ScPgOptions) options = { 0 };
  GCancellable *cancellable = begin_work (self);

  self->import_project = project != NULL ? g_object_ref (project) : NULL;
  self->import_new_project = project == NULL;
  g_free (self->import_path);
  self->import_path = g_strdup (project != NULL ? sc_project_get_path (project) : path);
  self->job = sc_job_new ();
  seg_job_progress_bind_to (self->bindings, self->job, self->progress, self->progress, "text");
  build_options (self, &options);
  go_to (self, "import");
  if (project != NULL)
    sc_project_import_pg_async (project, &options, self->job, cancellable, on_imported,
                                g_object_ref (self));
  else
    sc_project_import_pg_path_async (path, &options, self->job, cancellable, on_imported,
                                     g_object_ref (self));
}

/* Also called when the file chooser returns, maybe after the step was closed. */
static void
import_into_new_project (gpointer  owner,
                         GFile    *file)
{
  SegImportDatabase *self = owner;
  g_autoptr(ScProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->closed || is_busy (self))
    return;
  project = seg_import_create_project (GTK_WIDGET (self), file, &error);
  if (project == NULL)
    {
      show_error (self, error->message);
      return;
    }
  path = g_strdup (sc_project_get_path (project));
  /* Closed: the import's own connection is then the only one to the file. */
  g_clear_object (&project);
  g_set_object (&self->project_file, file);
  run_import (self, NULL, path);
}

static void
start_import (SegImportDatabase *self)
{
  g_autofree char *name = NULL;

  if (self->project != NULL)
    {
      run_import (self, self->project, NULL);
      return;
    }
  if (self->project_file != NULL)
    {
      import_into_new_project (self, self->project_file);
      return;
    }
  name = g_strconcat (self->connection.dbname != NULL ? self->connection.dbname : "database",
                      SC_PROJECT_EXTENSION, NULL);
  seg_import_choose_project_file (seg_widget_get_window (GTK_WIDGET (self)), NULL, name,
                                  import_into_new_project, self);
}

/* ------------------------------------------------------------------------------------------ */
/* Actions                                                                                    */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SegImportDatabase *self = SEG_IMPORT_DATABASE (widget);
  const char *page = step (self);

  if (is_busy (self))
    return;
  if (g_str_equal (page, "connect"))
    connect (self);
  else if (g_str_equal (page, "source") && source_ready (self))
    preview (self);
  else if (g_str_equal (page, "columns") && roles_ready (self))
    start_import (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  SegImportDatabase *self = SEG_IMPORT_DATABASE (widget);
  const char *page = step (self);

  if (is_busy (self))
    return;
  show_error (self, NULL);
  if (g_str_equal (page, "connect"))
    g_signal_emit (self, signals[LEAVE], 0);
  else if (g_str_equal (page, "source"))
    go_to (self, "connect");
  else if (g_str_equal (page, "columns"))
    go_to (self, "source");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  seg_import_database_cancel (SEG_IMPORT_DATABASE (widget));
}

static void
on_choice_changed (SegImportDatabase *self)
{
  update_buttons (self);
}

/* ------------------------------------------------------------------------------------------ */

static void
seg_import_database_dispose (GObject *object)
{
  SegImportDatabase *self = SEG_IMPORT_DATABASE (object);

  self->closed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_IMPORT_DATABASE);
  g_clear_object (&self->project);
  g_clear_object (&self->project_file);

  G_OBJECT_CLASS (seg_import_database_parent_class)->dispose (object);
}

static void
seg_import_database_finalize (GObject *object)
{
  SegImportDatabase *self = SEG_IMPORT_DATABASE (object);

  sc_pg_connection_clear (&self->connection);
  g_free (self->password);
  g_strfreev (self->relations);
  sc_pg_preview_free (self->orders_preview);
  sc_pg_preview_free (self->customers_preview);
  g_clear_object (&self->import_project);
  g_free (self->import_path);

  G_OBJECT_CLASS (seg_import_database_parent_class)->finalize (object);
}

static void
seg_import_database_class_init (SegImportDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_import_database_dispose;
  object_class->finalize = seg_import_database_finalize;

  /**
   * SegImportDatabase::done:
   * @description: what was imported, in a sentence
   * @path: the project file imported into
   * @new_project: whether it was made for this import
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING,
                                G_TYPE_BOOLEAN);
  /**
   * SegImportDatabase::leave:
   *
   * Back from the first step: files instead of a database.
   */
  signals[LEAVE] = g_signal_new ("leave", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-import-database.ui");
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, stack);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, host_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, port_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, database_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, user_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, password_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, ssl_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, orders_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, orders_query_frame);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, orders_query);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, customers_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, customers_query_frame);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, customers_query);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, copy_switch);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, keyring_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, roles_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, customers_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, progress);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, error_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, back_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, spinner);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportDatabase, next_button);

  gtk_widget_class_install_action (widget_class, "database.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "database.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "database.cancel", NULL, cancel_action);
}

static void
seg_import_database_init (SegImportDatabase *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint r = 0; r < N_ORDER_ROLES; r++)
    {
      self->role_rows[r] = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->role_rows[r]),
                                     sc_column_role_to_label (order_roles[r]));
      adw_preferences_group_add (self->roles_group, GTK_WIDGET (self->role_rows[r]));
      g_signal_connect_object (self->role_rows[r], "notify::selected",
                               G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->orders_row, "notify::selected", G_CALLBACK (on_choice_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->customers_row, "notify::selected",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->orders_query), "changed",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->customers_query), "changed",
                           G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  update_buttons (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */

/**
 * seg_import_database_set_target:
 * @project: (nullable): the window's project, or %NULL to import into a new one
 * @project_file: (nullable): where a new project goes; asked for when %NULL
 */
void
seg_import_database_set_target (SegImportDatabase *self,
                                ScProject         *project,
                                GFile             *project_file)
{
  g_return_if_fail (SEG_IS_IMPORT_DATABASE (self));

  g_set_object (&self->project, project);
  g_set_object (&self->project_file, project_file);
}

/**
 * seg_import_database_set_connection:
 * @password: (nullable): the password
 *
 * Fills the server step, as a person would.
 */
void
seg_import_database_set_connection (SegImportDatabase    *self,
                                    const ScPgConnection *connection,
                                    const char           *password)
{
  g_return_if_fail (SEG_IS_IMPORT_DATABASE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->host_row), connection->host ? connection->host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), connection->port ? connection->port : "");
  gtk_editable_set_text (GTK_EDITABLE (self->database_row),
                         connection->dbname ? connection->dbname : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), connection->user ? connection->user : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password ? password : "");
  for (guint i = 0; i < G_N_ELEMENTS (ssl_modes); i++)
    if (g_strcmp0 (connection->sslmode, ssl_modes[i]) == 0)
      adw_combo_row_set_selected (self->ssl_row, i);
}

static gboolean
select_source (SegImportDatabase *self,
               AdwComboRow       *row,
               guint              first,
               guint              query_item,
               GtkTextView       *view,
               const char        *table,
               const char        *query)
{
  if (table != NULL)
    {
      for (guint i = 0; self->relations != NULL && self->relations[i] != NULL; i++)
        if (g_str_equal (self->relations[i], table))
          {
            adw_combo_row_set_selected (row, first + i);
            return TRUE;
          }
      return FALSE;
    }
  adw_combo_row_set_selected (row, query_item);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), query != NULL ? query : "", -1);
  return TRUE;
}

/**
 * seg_import_database_select_orders:
 * @table: (nullable): a relation listed, or %NULL for @query
 *
 * Returns: whether @table is one of the relations listed
 */
gboolean
seg_import_database_select_orders (SegImportDatabase *self,
                                   const char        *table,
                                   const char        *query)
{
  g_return_val_if_fail (SEG_IS_IMPORT_DATABASE (self), FALSE);

  return select_source (self, self->orders_row, ORDERS_FIRST_TABLE, ORDERS_QUERY_ITEM,
                        self->orders_query, table, query);
}

/**
 * seg_import_database_select_customers:
 * @table: (nullable): a relation listed
 * @query: (nullable): a query, when @table is %NULL; both %NULL for no customer list
 */
gboolean
seg_import_database_select_customers (SegImportDatabase *self,
                                      const char        *table,
                                      const char        *query)
{
  g_return_val_if_fail (SEG_IS_IMPORT_DATABASE (self), FALSE);

  if (table == NULL && query == NULL)
    {
      adw_combo_row_set_selected (self->customers_row, CUSTOMERS_NONE_ITEM);
      return TRUE;
    }
  return select_source (self, self->customers_row, CUSTOMERS_FIRST_TABLE, CUSTOMERS_QUERY_ITEM,
                        self->customers_query, table, query);
}

/**
 * seg_import_database_set_role:
 * @column: (nullable): a column previewed, or %NULL for none
 *
 * Returns: whether @role is one the step offers and @column is a column previewed
 */
gboolean
seg_import_database_set_role (SegImportDatabase *self,
                              ScColumnRole       role,
                              const char        *column)
{
  g_return_val_if_fail (SEG_IS_IMPORT_DATABASE (self), FALSE);

  for (guint r = 0; r < N_ORDER_ROLES; r++)
    {
      if (order_roles[r] != role)
        continue;
      if (column == NULL)
        {
          adw_combo_row_set_selected (self->role_rows[r], 0);
          return TRUE;
        }
      for (guint c = 0; self->orders_preview != NULL && self->orders_preview->columns[c]; c++)
        if (g_str_equal (self->orders_preview->columns[c], column))
          {
            adw_combo_row_set_selected (self->role_rows[r], c + 1);
            return TRUE;
          }
    }
  return FALSE;
}

/**
 * seg_import_database_get_step:
 *
 * Returns: "connect", "source", "columns" or "import"
 */
const char *
seg_import_database_get_step (SegImportDatabase *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_DATABASE (self), NULL);

  return step (self);
}

gboolean
seg_import_database_is_busy (SegImportDatabase *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_DATABASE (self), FALSE);

  return is_busy (self);
}

/**
 * seg_import_database_get_error:
 *
 * Returns: (nullable): the message shown under the step, if any
 */
const char *
seg_import_database_get_error (SegImportDatabase *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_DATABASE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

/**
 * seg_import_database_get_keyring_note:
 *
 * Returns: (nullable): what the step says when the keyring could not keep the password
 */
const char *
seg_import_database_get_keyring_note (SegImportDatabase *self)
{
  g_return_val_if_fail (SEG_IS_IMPORT_DATABASE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->keyring_label))
         ? gtk_label_get_text (self->keyring_label) : NULL;
}

/* Stops what runs; its callback shows the step it was started from. */
void
seg_import_database_cancel (SegImportDatabase *self)
{
  g_return_if_fail (SEG_IS_IMPORT_DATABASE (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}
