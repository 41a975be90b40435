/* seg-import-columns-page.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What each column of an import file is used as: one row per column with what detection
 * saw in it and a menu of uses, pre-filled by detection (or by the choices remembered for
 * the file's layout).  What is still missing is said in words above the list; the wizard
 * keeps Next disabled until nothing is. */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-fold-layout.h"
#include "seg-import-columns-page.h"
#include "seg-row-words.h"

struct _SegImportColumnsPage
{
  SegImportSourcePage   parent_instance;

  /* template */
  GtkWidget            *recalled_box;
  GtkLabel             *status_label;
  AdwPreferencesGroup  *columns_group;
  GtkWidget            *margin_group;
  GtkSwitch            *margin_switch;
  GtkSpinButton        *margin_spin;

  GPtrArray            *rows;        /* AdwPreferencesRow per column */
  GPtrArray            *dropdowns;   /* GtkDropDown per column */
  const SegColumnChoice *choices;    /* offered, per dropdown position */
  guint                 n_choices;
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (SegImportColumnsPage, seg_import_columns_page, SEG_TYPE_IMPORT_SOURCE_PAGE)

static const SegColumnChoice order_choices[] = {
  SEG_COLUMN_IGNORE, SEG_COLUMN_CUSTOMER, SEG_COLUMN_ORDER, SEG_COLUMN_DATE,
  SEG_COLUMN_AMOUNT, SEG_COLUMN_QUANTITY, SEG_COLUMN_PRICE, SEG_COLUMN_COST,
  SEG_COLUMN_MARGIN, SEG_COLUMN_CONSENT, SEG_COLUMN_CATEGORY, SEG_COLUMN_NUMBER,
};

static const SegColumnChoice customer_choices[] = {
  SEG_COLUMN_IGNORE, SEG_COLUMN_CUSTOMER, SEG_COLUMN_CONSENT, SEG_COLUMN_EMAIL,
  SEG_COLUMN_PHONE, SEG_COLUMN_NAME, SEG_COLUMN_CATEGORY, SEG_COLUMN_NUMBER,
};

/* An interaction's amount is its value (a ticket's cost, a campaign response's worth). */
static const SegColumnChoice interaction_choices[] = {
  SEG_COLUMN_IGNORE, SEG_COLUMN_CUSTOMER, SEG_COLUMN_DATE, SEG_COLUMN_TYPE,
  SEG_COLUMN_AMOUNT, SEG_COLUMN_CHANNEL,
};

/* The menus' labels; an interaction's date is no order date, its amount is its value. */
static const char *
choice_label (ScTableKind     kind,
              SegColumnChoice choice)
{
  if (kind == SC_TABLE_INTERACTIONS && choice == SEG_COLUMN_DATE)
    return _("Date");
  if (kind == SC_TABLE_INTERACTIONS && choice == SEG_COLUMN_AMOUNT)
    return _("Value");
  return seg_column_choice_to_label (choice);
}

static guint
position_of_choice (SegImportColumnsPage *self,
                    SegColumnChoice       choice)
{
  for (guint i = 0; i < self->n_choices; i++)
    if (self->choices[i] == choice)
      return i;
  return 0;
}

static void
update_status (SegImportColumnsPage *self)
{
  SegImportSource *source =
    seg_import_source_page_get_source (SEG_IMPORT_SOURCE_PAGE (self));
  g_autofree char *missing = NULL;

  gtk_widget_set_visible (self->recalled_box, seg_import_source_get_recalled (source));
  gtk_widget_set_visible (GTK_WIDGET (self->status_label),
                          seg_import_source_get_preview (source) != NULL);

  missing = seg_import_source_dup_missing (source);
  if (missing != NULL)
    {
      gtk_label_set_text (self->status_label, missing);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  if (seg_import_source_get_kind (source) == SC_TABLE_INTERACTIONS)
    gtk_label_set_text (self->status_label,
                        _("Each row is one interaction of a customer: an e-mail opened, a "
                          "visit, a ticket. The amount column, if any, is its value."));
  else if (seg_import_source_get_kind (source) == SC_TABLE_CUSTOMERS)
    gtk_label_set_text (self->status_label,
                        _("Each customer is found by their ID in the orders. The other "
                          "columns you keep describe customers in the segment profiles."));
  else if (seg_import_source_find_choice (source, SEG_COLUMN_AMOUNT) < 0)
    gtk_label_set_text (self->status_label,
                        _("Each row is an order line: its amount is the quantity × the unit "
                          "price. Rows with the same order ID make one order."));
  else if (seg_import_source_find_choice (source, SEG_COLUMN_ORDER) < 0)
    gtk_label_set_text (self->status_label,
                        _("Without an order ID, each row counts as an order of its own."));
  else
    gtk_label_set_text (self->status_label,
                        _("Rows with the same order ID make one order. Negative amounts are "
                          "returns."));
}

/* The project-wide margin is offered for orders while no column gives a cost or margin. */
static void
update_margin (SegImportColumnsPage *self)
{
  SegImportSource *source =
    seg_import_source_page_get_source (SEG_IMPORT_SOURCE_PAGE (self));
  double percent;
  gboolean set, offered;

  offered = source != NULL &&
            seg_import_source_get_kind (source) == SC_TABLE_TRANSACTIONS &&
            seg_import_source_get_preview (source) != NULL &&
            !seg_import_source_has_cost (source);
  gtk_widget_set_visible (self->margin_group, offered);
  if (source == NULL)
    return;

  set = seg_import_source_get_margin (source, &percent);
  self->updating = TRUE;
  gtk_switch_set_active (self->margin_switch, set);
  if (set)
    gtk_spin_button_set_value (self->margin_spin, percent);
  gtk_widget_set_sensitive (GTK_WIDGET (self->margin_spin), set);
  self->updating = FALSE;
}

static void
on_margin_changed (SegImportColumnsPage *self)
{
  SegImportSource *source =
    seg_import_source_page_get_source (SEG_IMPORT_SOURCE_PAGE (self));
  gboolean set = gtk_switch_get_active (self->margin_switch);

  gtk_widget_set_sensitive (GTK_WIDGET (self->margin_spin), set);
  if (self->updating || source == NULL)
    return;
  gtk_spin_button_update (self->margin_spin);
  seg_import_source_set_margin (source, set,
                                gtk_spin_button_get_value (self->margin_spin));
}

static void
sync_dropdowns (SegImportSourcePage *page)
{
  SegImportColumnsPage *self = SEG_IMPORT_COLUMNS_PAGE (page);
  SegImportSource *source = seg_import_source_page_get_source (page);

  self->updating = TRUE;
  for (guint i = 0; i < self->dropdowns->len; i++)
    {
      SegColumnChoice choice = seg_import_source_get_choice (source, i);

      gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, i),
                                  position_of_choice (self, choice));
    }
  self->updating = FALSE;
  update_status (self);
  update_margin (self);
}

static void
on_dropdown_selected (GtkDropDown          *dropdown,
                      GParamSpec           *pspec,
                      SegImportColumnsPage *self)
{
  SegImportSource *source =
    seg_import_source_page_get_source (SEG_IMPORT_SOURCE_PAGE (self));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->updating || selected >= self->n_choices)
    return;

  seg_import_source_set_choice (source, column, self->choices[selected]);
}

/* A column's name over what detection saw in it, as an AdwActionRow shows its title and
 * subtitle, both wrapping between words only. */
static GtkWidget *
column_words (const char *name,
              const char *description)
{
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *subtitle = gtk_label_new (description);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (GtkWidget *label = title; label != NULL; label = label == title ? subtitle : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_add_css_class (title, "title");
  gtk_widget_add_css_class (subtitle, "subtitle");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_visible (subtitle, description != NULL && *description != '\0');
  return box;
}

static void
rebuild (SegImportSourcePage *page)
{
  SegImportColumnsPage *self = SEG_IMPORT_COLUMNS_PAGE (page);
  SegImportSource *source = seg_import_source_page_get_source (page);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GtkListItemFactory) factory = seg_string_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = seg_string_factory_new (FALSE);
  g_auto(GStrv) labels = NULL;
  guint n;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->dropdowns, 0);

  update_margin (self);
  if (source == NULL)
    return;

  if (seg_import_source_get_kind (source) == SC_TABLE_CUSTOMERS)
    {
      self->choices = customer_choices;
      self->n_choices = G_N_ELEMENTS (customer_choices);
    }
  else if (seg_import_source_get_kind (source) == SC_TABLE_INTERACTIONS)
    {
      self->choices = interaction_choices;
      self->n_choices = G_N_ELEMENTS (interaction_choices);
    }
  else
    {
      self->choices = order_choices;
      self->n_choices = G_N_ELEMENTS (order_choices);
    }
  for (guint i = 0; i < self->n_choices; i++)
    g_strv_builder_add (builder, choice_label (seg_import_source_get_kind (source),
                                               self->choices[i]));
  labels = g_strv_builder_end (builder);

  n = seg_import_source_get_n_columns (source);
  for (guint i = 0; i < n; i++)
    {
      const char *name = seg_import_source_get_column_name (source, i);
      g_autofree char *description = seg_import_source_describe_column (source, i);
      /* Translators: the accessible name of the menu that sets what a column is used as */
      g_autofree char *accessible = g_strdup_printf (_("Use of column “%s”"), name);
      GtkWidget *row = adw_preferences_row_new ();
      GtkWidget *fold = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *dropdown = gtk_drop_down_new_from_strings ((const char * const *) labels);

      /* The column's name and examples beside its menu, or above it when they do not fit
       * side by side (a phone, large text): the menu then has the row's width, so its choice
       * shows whole rather than as "O…".  Names and examples wrap between words. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      /* Named as an AdwActionRow names itself, for a screen reader that lands on it. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
      gtk_widget_set_layout_manager (fold, seg_fold_layout_new ());
      /* The margins of an AdwActionRow's content. */
      gtk_widget_set_margin_top (fold, 8);
      gtk_widget_set_margin_bottom (fold, 8);
      gtk_widget_set_margin_start (fold, 12);
      gtk_widget_set_margin_end (fold, 12);
      gtk_box_append (GTK_BOX (fold), column_words (name, description));
      gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), factory);
      gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);

      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_tooltip_text (dropdown, accessible);
      g_object_set_data (G_OBJECT (dropdown), "column", GUINT_TO_POINTER (i));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  position_of_choice (self,
                                                      seg_import_source_get_choice (source, i)));
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_dropdown_selected),
                               self, 0);
      gtk_box_append (GTK_BOX (fold), dropdown);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), fold);

      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->dropdowns, dropdown);
    }

  update_status (self);
  update_margin (self);
}

static void
seg_import_columns_page_dispose (GObject *object)
{
  SegImportColumnsPage *self = SEG_IMPORT_COLUMNS_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SEG_TYPE_IMPORT_COLUMNS_PAGE);

  G_OBJECT_CLASS (seg_import_columns_page_parent_class)->dispose (object);
}

static void
on_detect_clicked (SegImportColumnsPage *self)
{
  SegImportSource *source =
    seg_import_source_page_get_source (SEG_IMPORT_SOURCE_PAGE (self));

  if (source != NULL)
    seg_import_source_detect_again (source);
}

static void
seg_import_columns_page_class_init (SegImportColumnsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SegImportSourcePageClass *source_page_class = SEG_IMPORT_SOURCE_PAGE_CLASS (klass);

  object_class->dispose = seg_import_columns_page_dispose;
  source_page_class->source_changed = rebuild;
  source_page_class->choices_changed = sync_dropdowns;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-import-columns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SegImportColumnsPage, recalled_box);
  gtk_widget_class_bind_template_child (widget_class, SegImportColumnsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SegImportColumnsPage, columns_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportColumnsPage, margin_group);
  gtk_widget_class_bind_template_child (widget_class, SegImportColumnsPage, margin_switch);
  gtk_widget_class_bind_template_child (widget_class, SegImportColumnsPage, margin_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_margin_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_detect_clicked);
}

static void
seg_import_columns_page_init (SegImportColumnsPage *self)
{
  self->rows = g_ptr_array_new ();
  self->dropdowns = g_ptr_array_new ();
  self->choices = order_choices;
  self->n_choices = G_N_ELEMENTS (order_choices);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * seg_import_columns_page_get_dropdown:
 *
 * Returns: (transfer none) (nullable): the menu that sets the use of @column
 */
GtkDropDown *
seg_import_columns_page_get_dropdown (SegImportColumnsPage *self,
                                      guint                 column)
{
  g_return_val_if_fail (SEG_IS_IMPORT_COLUMNS_PAGE (self), NULL);

  return column < self->dropdowns->len ? g_ptr_array_index (self->dropdowns, column) : NULL;
}
