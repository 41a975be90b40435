/* seg-import-format-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The format of one import file, each setting automatic (with what was sniffed in its
 * label) or chosen, and a preview of its first rows as the import will read them: dates and
 * amounts parsed and formatted, values that cannot be read marked.  Every change reads the
 * preview again through the core (a hundred rows: quick enough for the main thread). */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-import-format-page.h"

/* A row of the preview, by index into the source's preview rows.  Its "changed" signal has
 * the cells showing it format their values again: after a new decimal mark or a new choice
 * the rows stay and only their text changes, which is far cheaper than new cells. */
#define SEG_TYPE_PREVIEW_ROW (seg_preview_row_get_type ())
G_DECLARE_FINAL_TYPE (SegPreviewRow, seg_preview_row, SEG, PREVIEW_ROW, GObject)

struct _SegPreviewRow
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (SegPreviewRow, seg_preview_row, G_TYPE_OBJECT)

static guint row_changed_signal;

static void
seg_preview_row_class_init (SegPreviewRowClass *klass)
{
  row_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
seg_preview_row_init (SegPreviewRow *self)
{
}

static SegPreviewRow *
seg_preview_row_new (guint index)
{
  SegPreviewRow *row = g_object_new (SEG_TYPE_PREVIEW_ROW, NULL);

  row->index = index;
  return row;
}

/* ------------------------------------------------------------------------------------------ */

struct _SegImportFormatPage
{
  SegImportSourcePage parent_instance;

  /* template */
  AdwPreferencesGroup *format_group;
  AdwComboRow     *delimiter_row;
  AdwComboRow     *encoding_row;
  AdwComboRow     *header_row;
  AdwComboRow     *decimal_row;
  AdwComboRow     *date_row;
  GtkStringList   *delimiter_list;
  GtkStringList   *encoding_list;
  GtkStringList   *header_list;
  GtkStringList   *decimal_list;
  GtkStringList   *date_list;
  GtkLabel        *error_label;
  GtkWidget       *preview_box;
  GtkLabel        *preview_caption;
  GtkColumnView   *preview_view;

  GListStore      *rows;
  GtkNoSelection  *selection;
  gboolean         show_preview;
  gboolean         updating;
  gboolean         preview_dirty;
  guint            rebuild_source;
  char           **shown_header;  /* the columns the view has now */
};

enum {
  PROP_0,
  PROP_SHOW_PREVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SegImportFormatPage, seg_import_format_page,
                     SEG_TYPE_IMPORT_SOURCE_PAGE)

static const char delimiters[] = { 0, ',', ';', '\t', '|', ' ', SC_CSV_WHITESPACE };
static const char decimal_marks[] = { 0, '.', ',' };
static const ScDateOrder date_orders[] = {
  SC_DATE_ORDER_AUTO, SC_DATE_ORDER_YMD, SC_DATE_ORDER_DMY, SC_DATE_ORDER_MDY,
  SC_DATE_ORDER_YYYYMMDD,
};

static guint
index_of_char (const char *values,
               guint       n,
               char        c)
{
  for (guint i = 0; i < n; i++)
    if (values[i] == c)
      return i;
  return 0;
}

/* Item 0 of each list says what "Automatic" came to. */
static void
set_automatic_label (GtkStringList *list,
                     const char    *found)
{
  g_autofree char *label = NULL;
  const char * const items[] = { NULL, NULL };

  if (found != NULL)
    /* Translators: a setting left to detection, with what was detected */
    label = g_strdup_printf (_("Automatic (%s)"), found);
  else
    label = g_strdup (_("Automatic"));

  if (g_strcmp0 (gtk_string_list_get_string (list, 0), label) == 0)
    return;
  ((const char **) items)[0] = label;
  gtk_string_list_splice (list, 0, 1, items);
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',': return _("comma");
    case ';': return _("semicolon");
    case '\t': return _("tab");
    case '|': return _("vertical bar");
    case ' ': return _("aligned with spaces");
    case SC_CSV_WHITESPACE: return _("spaces or tabs");
    default: return NULL;
    }
}

static const char *
date_order_name (ScDateOrder order)
{
  switch (order)
    {
    /* Translators: short forms of the date orders, shown as "Automatic (D/M/Y)" */
    case SC_DATE_ORDER_YMD: return _("Y-M-D");
    case SC_DATE_ORDER_DMY: return _("D/M/Y");
    case SC_DATE_ORDER_MDY: return _("M/D/Y");
    case SC_DATE_ORDER_YYYYMMDD: return _("YYYYMMDD");
    case SC_DATE_ORDER_AUTO:
    default: return NULL;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The preview                                                                                */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_list_item_set_child (item, label);
}

static void
refresh_cell (GtkListItem *item)
{
  SegImportFormatPage *self = g_object_get_data (G_OBJECT (item), "page");
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  SegPreviewRow *row = gtk_list_item_get_item (item);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "column"));
  SegImportSource *source = NULL;
  const ScImportPreview *preview = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  gboolean valid = TRUE;

  if (row != NULL && self != NULL)
    source = seg_import_source_page_get_source (SEG_IMPORT_SOURCE_PAGE (self));
  if (source != NULL)
    preview = seg_import_source_get_preview (source);
  if (preview == NULL || row->index >= preview->rows->len ||
      (column > 0 && column - 1 >= preview->n_columns))
    {
      gtk_label_set_text (label, "");
      return;
    }

  if (column == 0)
    {
      /* The line number, which the check page and exported problems also use. */
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, preview->lines[row->index]);
      if (preview->n_fields[row->index] != preview->n_columns)
        {
          valid = FALSE;
          tooltip = g_strdup_printf (_("This row has %u values, not %u: it will be left out"),
                                     preview->n_fields[row->index], preview->n_columns);
        }
    }
  else
    {
      SegColumnChoice choice = seg_import_source_get_choice (source, column - 1);

      text = seg_import_source_format_cell (source, row->index, column - 1, &valid);
      if (!valid)
        /* Translators: %s is what a column is used as, such as "Order Date" */
        tooltip = g_strdup_printf (_("Cannot be read as %s: the row will be left out"),
                                   seg_column_choice_to_label (choice));
    }

  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  SegPreviewRow *row = gtk_list_item_get_item (item);
  gulong id;

  g_object_set_data (G_OBJECT (item), "page", user_data);
  g_object_set_data (G_OBJECT (item), "column", g_object_get_data (G_OBJECT (factory), "column"));
  id = g_signal_connect_swapped (row, "changed", G_CALLBACK (refresh_cell), item);
  g_object_set_data (G_OBJECT (item), "handler", GSIZE_TO_POINTER (id));
  refresh_cell (item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  SegPreviewRow *row = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "handler"));

  if (row != NULL && id != 0)
    g_signal_handler_disconnect (row, id);
  g_object_set_data (G_OBJECT (item), "handler", NULL);
}

static char *
column_title (SegImportFormatPage *self,
              guint                column)
{
  SegImportSource *source =
    seg_import_source_page_get_source (SEG_IMPORT_SOURCE_PAGE (self));
  const ScImportPreview *preview = seg_import_source_get_preview (source);
  SegColumnChoice choice = seg_import_source_get_choice (source, column);

  if (choice == SEG_COLUMN_IGNORE)
    return g_strdup (preview->header[column]);

  /* Translators: a preview column's title: the file's column name and its use */
  return g_strdup_printf (_("%s (%s)"), preview->header[column],
                          seg_column_choice_to_label (choice));
}

static void
add_column (SegImportFormatPage *self,
            const char          *title,
            guint                column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->preview_view, view_column);
  g_object_unref (view_column);
}

static void
set_caption (SegImportFormatPage   *self,
             const ScImportPreview *preview,
             guint                  n_rows)
{
  if (preview->complete && preview->rows->len <= SEG_IMPORT_PREVIEW_ROWS)
    gtk_label_set_text (self->preview_caption,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "The file’s only row, as it will be read. Values in red "
                                     "cannot be read; their rows will be left out.",
                                     "All rows of the file, as they will be read. Values in "
                                     "red cannot be read; their rows will be left out.",
                                     preview->rows->len));
  else
    {
      g_autofree char *caption =
        g_strdup_printf (_("The first %u rows, as they will be read. Values in red cannot be "
                           "read; their rows will be left out."), n_rows);
      gtk_label_set_text (self->preview_caption, caption);
    }
}

/* Rebuilding the columns is the costly part of a change (hundreds of cells), so it waits
 * until the page is shown, happens once however many changes came, and runs with the model
 * detached so that removing and adding columns does not lay out the old rows again. */
static void
rebuild_preview (SegImportFormatPage *self)
{
  SegImportSource *source =
    seg_import_source_page_get_source (SEG_IMPORT_SOURCE_PAGE (self));
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  const ScImportPreview *preview;
  guint n_rows;

  self->preview_dirty = FALSE;
  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  preview = source != NULL ? seg_import_source_get_preview (source) : NULL;
  if (preview != NULL && self->show_preview && self->shown_header != NULL &&
      g_strv_equal ((const char * const *) self->shown_header,
                    (const char * const *) preview->header))
    {
      /* The same columns (another decimal mark, other choices): new titles, and the rows
       * bound again in the cells there are. */
      guint old_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < preview->n_columns; i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i + 1);
          g_autofree char *title = column_title (self, i);

          gtk_column_view_column_set_title (column, title);
        }
      n_rows = MIN (preview->rows->len, SEG_IMPORT_PREVIEW_ROWS);
      for (guint i = old_rows; i < n_rows; i++)
        g_ptr_array_add (items, seg_preview_row_new (i));
      if (n_rows < old_rows)
        g_list_store_splice (self->rows, n_rows, old_rows - n_rows, NULL, 0);
      for (guint i = 0; i < MIN (n_rows, old_rows); i++)
        {
          g_autoptr(SegPreviewRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
          g_signal_emit (row, row_changed_signal, 0);
        }
      if (items->len > 0)
        g_list_store_splice (self->rows, old_rows, 0, items->pdata, items->len);
      set_caption (self, preview, n_rows);
      return;
    }
  g_clear_pointer (&self->shown_header, g_strfreev);

  gtk_column_view_set_model (self->preview_view, NULL);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->preview_view, column);
    }
  g_list_store_remove_all (self->rows);

  if (preview == NULL || !self->show_preview)
    {
      gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (self->selection));
      return;
    }

  self->shown_header = g_strdupv (preview->header);
  add_column (self, _("Line"), 0);
  for (guint i = 0; i < preview->n_columns; i++)
    {
      g_autofree char *title = column_title (self, i);

      add_column (self, title, i + 1);
    }

  n_rows = MIN (preview->rows->len, SEG_IMPORT_PREVIEW_ROWS);
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < n_rows; i++)
      g_ptr_array_add (items, seg_preview_row_new (i));
    g_list_store_splice (self->rows, 0, 0, items->pdata, items->len);
  }
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (self->selection));

  set_caption (self, preview, n_rows);
}

static gboolean
rebuild_in_idle (gpointer data)
{
  SegImportFormatPage *self = data;

  self->rebuild_source = 0;
  rebuild_preview (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (SegImportFormatPage *self)
{
  self->preview_dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_in_idle, self, NULL);
}

static void
on_map (SegImportFormatPage *self)
{
  if (self->preview_dirty)
    rebuild_preview (self);
}

/* ------------------------------------------------------------------------------------------ */

static void
update (SegImportFormatPage *self)
{
  SegImportSource *source =
    seg_import_source_page_get_source (SEG_IMPORT_SOURCE_PAGE (self));
  const ScImportPreview *preview;
  const GError *error;
  ScImportFormat format;

  if (source == NULL)
    return;

  self->updating = TRUE;

  preview = seg_import_source_get_preview (source);
  error = seg_import_source_get_error (source);
  seg_import_source_get_format (source, &format);

  set_automatic_label (self->delimiter_list,
                       preview != NULL ? delimiter_name (preview->dialect.delimiter) : NULL);
  set_automatic_label (self->encoding_list,
                       preview == NULL ? NULL
                       : preview->dialect.encoding == SC_ENCODING_UTF8 ? "UTF-8"
                       : "Windows-1252");
  set_automatic_label (self->header_list,
                       preview == NULL ? NULL
                       /* Translators: whether the file was found to have a header row */
                       : preview->dialect.has_header ? _("yes") : _("no"));
  {
    g_autofree char *mark = preview != NULL ? g_strdup_printf ("“%c”",
                                                               preview->dialect.decimal_mark)
                                            : NULL;
    set_automatic_label (self->decimal_list, mark);
  }
  set_automatic_label (self->date_list,
                       preview != NULL
                       ? date_order_name (seg_import_source_get_sniffed_date_order (source))
                       : NULL);

  adw_combo_row_set_selected (self->delimiter_row,
                              index_of_char (delimiters, G_N_ELEMENTS (delimiters),
                                             format.delimiter));
  adw_combo_row_set_selected (self->encoding_row, format.encoding);
  adw_combo_row_set_selected (self->header_row, format.header);
  adw_combo_row_set_selected (self->decimal_row,
                              index_of_char (decimal_marks, G_N_ELEMENTS (decimal_marks),
                                             format.decimal_mark));
  for (guint i = 0; i < G_N_ELEMENTS (date_orders); i++)
    if (date_orders[i] == seg_import_source_get_date_order (source))
      adw_combo_row_set_selected (self->date_row, i);

  gtk_widget_set_visible (GTK_WIDGET (self->date_row),
                          seg_import_source_get_kind (source) == SC_TABLE_TRANSACTIONS);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (self->preview_box, self->show_preview && preview != NULL);
  adw_preferences_group_set_description (self->format_group,
                                         self->show_preview
                                         ? _("Read from the file itself. Change a setting if "
                                             "the preview looks wrong.")
                                         : _("Read from the file itself. Change a setting if "
                                             "the columns look wrong."));

  queue_rebuild (self);

  self->updating = FALSE;
}

static void
on_format_selected (SegImportFormatPage *self)
{
  SegImportSource *source =
    seg_import_source_page_get_source (SEG_IMPORT_SOURCE_PAGE (self));
  ScImportFormat format = { 0 };
  guint delimiter = adw_combo_row_get_selected (self->delimiter_row);
  guint decimal = adw_combo_row_get_selected (self->decimal_row);
  guint date = adw_combo_row_get_selected (self->date_row);

  if (self->updating || source == NULL)
    return;

  format.delimiter = delimiter < G_N_ELEMENTS (delimiters) ? delimiters[delimiter] : 0;
  format.decimal_mark = decimal < G_N_ELEMENTS (decimal_marks) ? decimal_marks[decimal] : 0;
  format.encoding = MIN (adw_combo_row_get_selected (self->encoding_row),
                         SC_IMPORT_ENCODING_WINDOWS_1252);
  format.header = MIN (adw_combo_row_get_selected (self->header_row), SC_IMPORT_HEADER_NO);

  /* Both may read the preview again; each notifies once. */
  seg_import_source_set_format (source, &format);
  if (date < G_N_ELEMENTS (date_orders))
    seg_import_source_set_date_order (source, date_orders[date]);
}

static void
on_choices_changed (SegImportSourcePage *page)
{
  queue_rebuild (SEG_IMPORT_FORMAT_PAGE (page));
}

static void
on_source_changed (SegImportSourcePage *page)
{
  update (SEG_IMPORT_FORMAT_PAGE (page));
}

static void
seg_import_format_page_dispose (GObject *object)
{
  SegImportFormatPage *self = SEG_IMPORT_FORMAT_PAGE (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_IMPORT_FORMAT_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->shown_header, g_strfreev);

  G_OBJECT_CLASS (seg_import_format_page_parent_class)->dispose (object);
}

static void
seg_import_format_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SegImportFormatPage *self = SEG_IMPORT_FORMAT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_PREVIEW:
      g_value_set_boolean (value, self->show_preview);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_import_format_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SegImportFormatPage *self = SEG_IMPORT_FORMAT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_PREVIEW:
      seg_import_format_page_set_show_preview (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_import_format_page_class_init (SegImportFormatPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SegImportSourcePageClass *source_page_class = SEG_IMPORT_SOURCE_PAGE_CLASS (klass);

  object_class->dispose = seg_import_format_page_dispose;
  object_class->get_property = seg_import_format_page_get_property;
  object_class->set_property = seg_import_format_page_set_property;
  source_page_class->source_changed = on_source_changed;
  source_page_class->choices_changed = on_choices_changed;

  properties[PROP_SHOW_PREVIEW] =
    g_param_spec_boolean ("show-preview", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-import-format-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, format_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, header_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, decimal_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, delimiter_list);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, encoding_list);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, header_list);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, decimal_list);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, date_list);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, preview_box);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, preview_caption);
  gtk_widget_class_bind_template_child (widget_class, SegImportFormatPage, preview_view);
}

static void
seg_import_format_page_init (SegImportFormatPage *self)
{
  AdwComboRow *rows[5];

  self->show_preview = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (SEG_TYPE_PREVIEW_ROW);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  rows[0] = self->delimiter_row;
  rows[1] = self->encoding_row;
  rows[2] = self->header_row;
  rows[3] = self->decimal_row;
  rows[4] = self->date_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_object (rows[i], "notify::selected", G_CALLBACK (on_format_selected),
                             self, G_CONNECT_SWAPPED);
}

void
seg_import_format_page_set_show_preview (SegImportFormatPage *self,
                                         gboolean             show_preview)
{
  g_return_if_fail (SEG_IS_IMPORT_FORMAT_PAGE (self));

  show_preview = !!show_preview;
  if (self->show_preview == show_preview)
    return;

  self->show_preview = show_preview;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PREVIEW]);
}
