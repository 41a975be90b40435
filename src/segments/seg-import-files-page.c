/* seg-import-files-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The import wizard's first page: the orders file, the optional customer list and
 * interactions, the files imported recently, and where the data goes.  Choosing a file is
 * told with "orders-chosen", "customers-chosen" and "interactions-chosen"; the wizard reads
 * it and calls seg_import_files_page_update(). */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-import-files-page.h"
#include "seg-row-words.h"
#include "seg-widget-util.h"

#define RECENT_GROUP "segments-import"
#define MAX_RECENT 5
/* Below this many lines of text wide, the buttons of the file rows show icons only. */
#define NARROW_LINES 24

struct _SegImportFilesPage
{
  AdwBin           parent_instance;

  /* template */
  AdwActionRow    *orders_row;
  AdwActionRow    *customers_row;
  AdwActionRow    *interactions_row;
  AdwActionRow    *target_row;
  GtkImage        *orders_icon;
  GtkImage        *customers_icon;
  GtkImage        *interactions_icon;
  GtkWidget       *customers_clear_button;
  GtkWidget       *interactions_clear_button;
  GtkLabel        *files_error;
  GtkWidget       *recent_group;
  GtkListBox      *recent_list;
  GtkWidget       *choose_buttons[3];
  GtkWidget       *database_button;
  GtkScrolledWindow *scroller;
  guint            follow_tick;
  gboolean         narrow;

  SegImportSource *orders;
  SegImportSource *customers;
  SegImportSource *interactions;
  gboolean         disposed;
};

enum {
  ORDERS_CHOSEN,
  CUSTOMERS_CHOSEN,
  INTERACTIONS_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (SegImportFilesPage, seg_import_files_page, ADW_TYPE_BIN)

static char *
file_display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base);
}

static GtkFileFilter *
tables_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Tables (CSV, TSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  return filter;
}

static GtkFileFilter *
all_files_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

static void
set_row_file (AdwActionRow    *row,
              GtkImage        *icon,
              SegImportSource *source,
              gboolean         chosen,
              const char      *default_icon)
{
  GFile *file = seg_import_source_get_file (source);
  const GError *error = seg_import_source_get_error (source);

  if (!chosen || file == NULL)
    {
      adw_action_row_set_subtitle (row, _("No file chosen"));
      gtk_image_set_from_icon_name (icon, default_icon);
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "error");
      return;
    }

  {
    g_autofree char *name = file_display_name (file);
    adw_action_row_set_subtitle (row, name);
  }
  gtk_image_set_from_icon_name (icon, error != NULL ? "dialog-warning-symbolic"
                                                    : "object-select-symbolic");
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (icon), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (icon), "error");
}

static void
on_table_chosen (GtkNativeDialog *dialog,
                 int              response,
                 gpointer         user_data)
{
  g_autoptr(SegImportFilesPage) self = user_data;
  guint signal = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "signal"));
  g_autoptr(GFile) file = seg_file_chooser_get_accepted (dialog, response);

  if (file != NULL && !self->disposed)
    g_signal_emit (self, signals[signal], 0, file);
  g_object_unref (dialog);
}

static void
choose_table (SegImportFilesPage *self,
              const char         *title,
              guint               signal)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) tables = tables_filter ();
  g_autoptr(GtkFileFilter) all = all_files_filter ();
  GFile *current = seg_import_source_get_file (self->orders);

  chooser = seg_file_chooser_new (title, seg_widget_get_window (GTK_WIDGET (self)),
                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), tables);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (current != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (current);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_object_set_data (G_OBJECT (chooser), "signal", GUINT_TO_POINTER (signal));
  g_signal_connect (chooser, "response", G_CALLBACK (on_table_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_choose_orders (SegImportFilesPage *self)
{
  choose_table (self, _("Choose the Orders File"), ORDERS_CHOSEN);
}

static void
on_choose_customers (SegImportFilesPage *self)
{
  choose_table (self, _("Choose the Customer List"), CUSTOMERS_CHOSEN);
}

static void
on_clear_customers (SegImportFilesPage *self)
{
  g_signal_emit (self, signals[CUSTOMERS_CHOSEN], 0, NULL);
}

static void
on_choose_interactions (SegImportFilesPage *self)
{
  choose_table (self, _("Choose the Interactions File"), INTERACTIONS_CHOSEN);
}

static void
on_clear_interactions (SegImportFilesPage *self)
{
  g_signal_emit (self, signals[INTERACTIONS_CHOSEN], 0, NULL);
}

static void
rebuild_recent (SegImportFilesPage *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_group (info, RECENT_GROUP) && gtk_recent_info_is_local (info) &&
          gtk_recent_info_exists (info))
        g_ptr_array_add (matching, info);
    }

  /* Newest first. */
  for (guint i = 0; i < matching->len; i++)
    for (guint j = i + 1; j < matching->len; j++)
      {
        GDateTime *a = gtk_recent_info_get_modified (g_ptr_array_index (matching, i));
        GDateTime *b = gtk_recent_info_get_modified (g_ptr_array_index (matching, j));

        if (g_date_time_compare (a, b) < 0)
          {
            gpointer swap = matching->pdata[i];
            matching->pdata[i] = matching->pdata[j];
            matching->pdata[j] = swap;
          }
      }

  for (guint i = 0; i < MIN (matching->len, MAX_RECENT); i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (matching, i);
      g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *name = file_display_name (file);
      g_autofree char *folder_name = folder != NULL ? g_file_get_parse_name (folder) : NULL;
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder_name != NULL ? folder_name : "");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "file", g_steal_pointer (&file), g_object_unref);
      gtk_list_box_append (self->recent_list, row);
    }

  gtk_widget_set_visible (self->recent_group, matching->len > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
on_recent_activated (SegImportFilesPage *self,
                     GtkListBoxRow      *row)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "file");

  if (file != NULL)
    g_signal_emit (self, signals[ORDERS_CHOSEN], 0, file);
}

/* Narrow (a phone, or large text): the file rows' buttons show icons, so that the rows'
 * names keep room for their words; the label's mnemonic is then a shortcut of the button's
 * own, and its tooltip and accessible name (in the .ui) say what it does.  Wide: "_Choose…"
 * as before. */
static void
set_button_narrow (GtkWidget *button,
                   gboolean   narrow,
                   const char *icon_name)
{
  const char *label = g_object_get_data (G_OBJECT (button), "wide-label");
  GtkEventController *mnemonic = g_object_get_data (G_OBJECT (button), "mnemonic");

  if (narrow)
    {
      const char *underline = strchr (label, '_');

      gtk_button_set_icon_name (GTK_BUTTON (button), icon_name);
      if (underline != NULL && mnemonic == NULL)
        {
          GtkShortcutTrigger *trigger =
            gtk_mnemonic_trigger_new (gdk_unicode_to_keyval (g_utf8_get_char (underline + 1)));
          GtkShortcutAction *activate = g_object_ref (gtk_mnemonic_action_get ());

          mnemonic = gtk_shortcut_controller_new ();
          gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (mnemonic),
                                             GTK_SHORTCUT_SCOPE_MANAGED);
          gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (mnemonic),
                                                gtk_shortcut_new (trigger, activate));
          gtk_widget_add_controller (button, mnemonic);
          g_object_set_data (G_OBJECT (button), "mnemonic", mnemonic);
        }
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (button), label);
      if (mnemonic != NULL)
        {
          gtk_widget_remove_controller (button, mnemonic);
          g_object_set_data (G_OBJECT (button), "mnemonic", NULL);
        }
    }
}

static void
set_narrow (SegImportFilesPage *self,
            gboolean            narrow)
{
  self->narrow = narrow;
  for (guint i = 0; i < G_N_ELEMENTS (self->choose_buttons); i++)
    set_button_narrow (self->choose_buttons[i], narrow, "document-open-symbolic");
  set_button_narrow (self->database_button, narrow, "network-server-symbolic");
}

/* Before the next frame is laid out, the buttons follow the width the page was given. */
static gboolean
follow_width (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  SegImportFilesPage *self = SEG_IMPORT_FILES_PAGE (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "M");
  GtkAdjustment *width = gtk_scrolled_window_get_hadjustment (self->scroller);
  int line = 0;
  gboolean narrow;

  self->follow_tick = 0;
  pango_layout_get_pixel_size (layout, NULL, &line);
  narrow = gtk_adjustment_get_page_size (width) < NARROW_LINES * line;
  if (narrow != self->narrow)
    set_narrow (self, narrow);
  return G_SOURCE_REMOVE;
}

/* The viewport's width is known while the page is laid out, when the buttons cannot change
 * yet: they do before the next frame. */
static void
on_width_changed (SegImportFilesPage *self)
{
  if (self->follow_tick == 0)
    self->follow_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), follow_width, NULL,
                                                      NULL);
}

static void
seg_import_files_page_dispose (GObject *object)
{
  SegImportFilesPage *self = SEG_IMPORT_FILES_PAGE (object);

  self->disposed = TRUE;
  if (self->follow_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->follow_tick);
  self->follow_tick = 0;
  g_clear_object (&self->orders);
  g_clear_object (&self->customers);
  g_clear_object (&self->interactions);
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_IMPORT_FILES_PAGE);

  G_OBJECT_CLASS (seg_import_files_page_parent_class)->dispose (object);
}

static void
seg_import_files_page_class_init (SegImportFilesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_import_files_page_dispose;

  /**
   * SegImportFilesPage::orders-chosen:
   * @file: the file chosen as the orders file
   */
  signals[ORDERS_CHOSEN] = g_signal_new ("orders-chosen", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_FILE);
  /**
   * SegImportFilesPage::customers-chosen:
   * @file: (nullable): the file chosen as the customer list, %NULL when it was removed
   */
  signals[CUSTOMERS_CHOSEN] = g_signal_new ("customers-chosen", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_FILE);
  /**
   * SegImportFilesPage::interactions-chosen:
   * @file: (nullable): the file chosen as the interactions, %NULL when it was removed
   */
  signals[INTERACTIONS_CHOSEN] = g_signal_new ("interactions-chosen", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                               G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-import-files-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, orders_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, customers_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, interactions_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, interactions_icon);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage,
                                        interactions_clear_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, target_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, orders_icon);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, customers_icon);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage,
                                        customers_clear_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, files_error);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, recent_list);
  gtk_widget_class_bind_template_child_full (widget_class, "orders_button", FALSE,
                                             G_STRUCT_OFFSET (SegImportFilesPage,
                                                              choose_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "customers_button", FALSE,
                                             G_STRUCT_OFFSET (SegImportFilesPage,
                                                              choose_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "interactions_button", FALSE,
                                             G_STRUCT_OFFSET (SegImportFilesPage,
                                                              choose_buttons[2]));
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, database_button);
  gtk_widget_class_bind_template_child (widget_class, SegImportFilesPage, scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_orders);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_customers);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_customers);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_interactions);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_interactions);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
}

static void
seg_import_files_page_init (SegImportFilesPage *self)
{
  GtkAdjustment *width;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The rows' names keep their words whole; a file's name may break anywhere. */
  seg_row_wrap_words (self->orders_row, FALSE);
  seg_row_wrap_words (self->customers_row, FALSE);
  seg_row_wrap_words (self->interactions_row, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (self->choose_buttons); i++)
    g_object_set_data_full (G_OBJECT (self->choose_buttons[i]), "wide-label",
                            g_strdup (gtk_button_get_label (GTK_BUTTON (self->choose_buttons[i]))),
                            g_free);
  g_object_set_data_full (G_OBJECT (self->database_button), "wide-label",
                          g_strdup (gtk_button_get_label (GTK_BUTTON (self->database_button))),
                          g_free);
  /* Narrow until the page's width says otherwise: a window made narrow is measured before
   * it is laid out, and would keep the width of the labelled buttons. */
  set_narrow (self, TRUE);
  width = gtk_scrolled_window_get_hadjustment (self->scroller);
  g_signal_connect_object (width, "notify::page-size", G_CALLBACK (on_width_changed), self,
                           G_CONNECT_SWAPPED);
  rebuild_recent (self);
}

/**
 * seg_import_files_page_set_sources:
 * @orders: the orders file and its settings
 * @customers: the customer list and its settings
 * @interactions: the interactions file and its settings
 */
void
seg_import_files_page_set_sources (SegImportFilesPage *self,
                                   SegImportSource    *orders,
                                   SegImportSource    *customers,
                                   SegImportSource    *interactions)
{
  g_return_if_fail (SEG_IS_IMPORT_FILES_PAGE (self));
  g_return_if_fail (SEG_IS_IMPORT_SOURCE (orders));
  g_return_if_fail (SEG_IS_IMPORT_SOURCE (customers));
  g_return_if_fail (SEG_IS_IMPORT_SOURCE (interactions));

  g_set_object (&self->orders, orders);
  g_set_object (&self->customers, customers);
  g_set_object (&self->interactions, interactions);
}

/**
 * seg_import_files_page_update:
 * @has_customers: whether a customer list is imported too
 * @has_interactions: whether interactions are imported too
 * @project_title: (nullable): the name of the project imported into, or %NULL for a new one
 *
 * Shows the files chosen, what is wrong with them and where the data goes.
 */
void
seg_import_files_page_update (SegImportFilesPage *self,
                              gboolean            has_customers,
                              gboolean            has_interactions,
                              const char         *project_title)
{
  const GError *orders_error;
  const GError *customers_error;
  const GError *interactions_error;
  g_autoptr(GString) errors = g_string_new (NULL);

  g_return_if_fail (SEG_IS_IMPORT_FILES_PAGE (self));

  if (self->orders == NULL || self->customers == NULL || self->interactions == NULL)
    return;

  orders_error = seg_import_source_get_error (self->orders);
  customers_error = has_customers ? seg_import_source_get_error (self->customers) : NULL;
  interactions_error = has_interactions ? seg_import_source_get_error (self->interactions)
                                        : NULL;
  set_row_file (self->orders_row, self->orders_icon, self->orders,
                seg_import_source_get_file (self->orders) != NULL,
                "x-office-spreadsheet-symbolic");
  set_row_file (self->customers_row, self->customers_icon, self->customers,
                has_customers, "system-users-symbolic");
  gtk_widget_set_visible (self->customers_clear_button, has_customers);
  set_row_file (self->interactions_row, self->interactions_icon, self->interactions,
                has_interactions, "mail-read-symbolic");
  gtk_widget_set_visible (self->interactions_clear_button, has_interactions);

  if (orders_error != NULL)
    g_string_append (errors, orders_error->message);
  if (customers_error != NULL)
    {
      if (errors->len > 0)
        g_string_append_c (errors, '\n');
      g_string_append (errors, customers_error->message);
    }
  if (interactions_error != NULL)
    {
      if (errors->len > 0)
        g_string_append_c (errors, '\n');
      g_string_append (errors, interactions_error->message);
    }
  gtk_label_set_text (self->files_error, errors->str);
  gtk_widget_set_visible (GTK_WIDGET (self->files_error), errors->len > 0);

  if (project_title != NULL)
    {
      /* Translators: %s is the name of the open project */
      g_autofree char *row_title = g_strdup_printf (_("Add to “%s”"), project_title);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_row), row_title);
      adw_action_row_set_subtitle (self->target_row,
                                   _("The data is added to the open project. Rows it already "
                                     "holds are recognised and skipped; if the import is "
                                     "cancelled or fails, the project stays as it was."));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_row),
                                     _("A New Project"));
      adw_action_row_set_subtitle (self->target_row,
                                   _("When you press Import, you choose where to save the new "
                                     "project file. It holds a copy of the data."));
    }
}


/**
 * seg_import_files_page_add_recent_file:
 * @file: a table imported
 *
 * Offers @file among the recent files of the next wizard.
 */
void
seg_import_files_page_add_recent_file (GFile *file)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *exec = g_strdup_printf ("%s %%u", g_get_prgname () != NULL
                                                     ? g_get_prgname () : "segments");
  char *groups[] = { (char *) RECENT_GROUP, NULL };
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) "text/csv",
    .app_name = (char *) (g_get_application_name () != NULL ? g_get_application_name ()
                                                              : "Segments"),
    .app_exec = exec,
    .groups = groups,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (manager, uri, &data);
}
