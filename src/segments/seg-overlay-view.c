/* seg-overlay-view.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Segments page's "Overlay" view: the behavioural segments against an attribute of the
 * customer list or the rule segments (sc_project_overlay), customers, revenue and profit per
 * cell, in a grid of labels.  The table is computed in a worker of the project when the view
 * is shown and again when the segments, the data or the rules change; while it is hidden a
 * change only marks it stale. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-project-overlay.h"
#include "seg-format.h"
#include "seg-overlay-view.h"
#include "seg-project-loader.h"
#include "seg-row-words.h"
#include "seg-rules-dialog.h"

struct _SegOverlayView
{
  GtkBox         parent_instance;

  GtkDropDown   *by_drop_down;
  GtkStringList *by_names;      /* shown in the drop-down */
  GPtrArray     *by_keys;       /* what each is by: attribute names, then SC_OVERLAY_BY_RULES */
  GtkLabel      *status_label;
  GtkGrid       *table;
  GPtrArray     *cells;         /* (element-type GtkLabel) row by row, as ScOverlay's cells */
  guint          n_columns;

  SegProjectLoader load;        /* the project and the overlay being computed */
  char          *by;
  guint          stale : 1;
  guint          filling : 1;   /* the drop-down is being refilled */
};

G_DEFINE_FINAL_TYPE (SegOverlayView, seg_overlay_view, GTK_TYPE_BOX)

static void reload (SegOverlayView *self);

static void
clear_table (SegOverlayView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  g_ptr_array_set_size (self->cells, 0);
  self->n_columns = 0;
}

static GtkWidget *
table_label (const char *text,
             gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), heading ? 0.0 : 1.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_widget_add_css_class (label, heading ? "heading" : "numeric");
  return label;
}

static char *
cell_text (const ScOverlay     *overlay,
           const ScOverlayCell *cell,
           const char          *currency)
{
  g_autofree char *customers = seg_format_count (cell->customers);
  g_autofree char *revenue = seg_format_amount (currency, cell->revenue);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers",
                                             cell->customers), customers);
  if (cell->customers == 0)
    return g_string_free (text, FALSE);
  g_string_append_c (text, '\n');
  /* Translators: an amount of revenue in a cell of the overlay table */
  g_string_append_printf (text, _("%s revenue"), revenue);
  if (overlay->has_profit && isfinite (cell->profit))
    {
      g_autofree char *profit = seg_format_amount (currency, cell->profit);

      g_string_append_c (text, '\n');
      /* Translators: an amount of gross profit in a cell of the overlay table */
      g_string_append_printf (text, _("%s profit"), profit);
    }
  return g_string_free (text, FALSE);
}

static void
show_overlay (SegOverlayView  *self,
              const ScOverlay *overlay)
{
  const char *currency = sc_project_get_currency (self->load.project, NULL);

  clear_table (self);
  self->n_columns = overlay->n_columns;
  gtk_grid_attach (self->table, table_label (_("Segment"), TRUE), 0, 0, 1, 1);
  for (guint c = 0; c < overlay->n_columns; c++)
    {
      GtkWidget *label = table_label (overlay->column_names[c], TRUE);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_grid_attach (self->table, label, (int) c + 1, 0, 1, 1);
    }
  for (guint r = 0; r < overlay->n_rows; r++)
    {
      gtk_grid_attach (self->table, table_label (overlay->row_names[r], TRUE), 0, (int) r + 1,
                       1, 1);
      for (guint c = 0; c < overlay->n_columns; c++)
        {
          const ScOverlayCell *cell = &overlay->cells[r * overlay->n_columns + c];
          g_autofree char *text = cell_text (overlay, cell, currency);
          GtkWidget *label = table_label (text, FALSE);

          if (cell->customers == 0)
            gtk_widget_add_css_class (label, "dim-label");
          gtk_grid_attach (self->table, label, (int) c + 1, (int) r + 1, 1, 1);
          g_ptr_array_add (self->cells, label);
        }
    }

  if (g_strcmp0 (overlay->by, SC_OVERLAY_BY_RULES) == 0 && overlay->n_columns <= 1)
    gtk_label_set_text (self->status_label,
                        _("No rule segments yet: add rules such as “employees >= 1000” with "
                          "Rules…"));
  else
    {
      g_autofree char *customers = seg_format_count (overlay->customers);
      g_autofree char *text = NULL;

      /* Translators: %s is a number of customers */
      text = g_strdup_printf (_("Every one of the %s customers is in exactly one cell."),
                              customers);
      gtk_label_set_text (self->status_label, text);
    }
}

static void
on_overlay_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SegOverlayView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScOverlay) overlay = sc_project_overlay_finish (SC_PROJECT (source), result, &error);

  if (!seg_project_loader_finish (&self->load, result, error))
    return;
  if (overlay == NULL)
    {
      clear_table (self);
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  show_overlay (self, overlay);
}

static void
fill_by_names (SegOverlayView *self)
{
  g_autoptr(GPtrArray) names = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  self->filling = TRUE;
  gtk_string_list_splice (self->by_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->by_names)), NULL);
  g_ptr_array_set_size (self->by_keys, 0);
  names = self->load.project != NULL ? sc_project_list_attribute_names (self->load.project, NULL)
                                     : NULL;
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      gtk_string_list_append (self->by_names, g_ptr_array_index (names, i));
      g_ptr_array_add (self->by_keys, g_strdup (g_ptr_array_index (names, i)));
    }
  gtk_string_list_append (self->by_names, _("Rules"));
  g_ptr_array_add (self->by_keys, g_strdup (SC_OVERLAY_BY_RULES));
  for (guint i = 0; i < self->by_keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->by_keys, i), self->by) == 0)
      selected = i;
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      selected = 0;
      g_free (self->by);
      self->by = g_strdup (g_ptr_array_index (self->by_keys, 0));
    }
  gtk_drop_down_set_selected (self->by_drop_down, selected);
  self->filling = FALSE;
}

static void
reload (SegOverlayView *self)
{
  seg_project_loader_stop (&self->load);
  self->stale = FALSE;
  if (self->load.project == NULL || self->by == NULL)
    {
      clear_table (self);
      return;
    }
  gtk_label_set_text (self->status_label, _("Counting…"));
  sc_project_overlay_async (self->load.project, self->by, seg_project_loader_start (&self->load),
                            on_overlay_done, g_object_ref (self));
}

static void
reload_when_shown (SegOverlayView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->stale = TRUE;
}

static void
on_map (SegOverlayView *self)
{
  if (self->stale)
    reload (self);
}

static void
on_selected (SegOverlayView *self)
{
  guint i = gtk_drop_down_get_selected (self->by_drop_down);

  if (self->filling || i >= self->by_keys->len)
    return;
  seg_overlay_view_set_by (self, g_ptr_array_index (self->by_keys, i));
}

static void
on_changed_parts (SegOverlayView *self,
                  guint           parts)
{
  if (parts & SC_PROJECT_PART_DATA)
    fill_by_names (self);
  if (parts & (SC_PROJECT_PART_DATA | SC_PROJECT_PART_RUN | SC_PROJECT_PART_MEMBERSHIP |
               SC_PROJECT_PART_SEGMENT_FIELDS | SC_PROJECT_PART_VALUE_MODEL))
    reload_when_shown (self);
}

static void
on_rules_changed (SegOverlayView *self)
{
  if (g_strcmp0 (self->by, SC_OVERLAY_BY_RULES) == 0)
    reload_when_shown (self);
}

static void
on_rules_clicked (SegOverlayView *self)
{
  GtkWidget *dialog;

  if (self->load.project == NULL)
    return;
  dialog = seg_rules_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                 self->load.project);
  g_signal_connect_object (dialog, "rules-changed", G_CALLBACK (on_rules_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
seg_overlay_view_dispose (GObject *object)
{
  SegOverlayView *self = SEG_OVERLAY_VIEW (object);

  seg_project_loader_clear (&self->load);

  G_OBJECT_CLASS (seg_overlay_view_parent_class)->dispose (object);
}

static void
seg_overlay_view_finalize (GObject *object)
{
  SegOverlayView *self = SEG_OVERLAY_VIEW (object);

  g_ptr_array_unref (self->cells);
  g_ptr_array_unref (self->by_keys);
  g_free (self->by);

  G_OBJECT_CLASS (seg_overlay_view_parent_class)->finalize (object);
}

static void
seg_overlay_view_class_init (SegOverlayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_overlay_view_dispose;
  object_class->finalize = seg_overlay_view_finalize;
}

static void
seg_overlay_view_init (SegOverlayView *self)
{
  g_autoptr(GtkListItemFactory) factory = seg_string_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = seg_string_factory_new (FALSE);
  GtkWidget *bar, *label, *button, *scrolled;

  self->cells = g_ptr_array_new ();
  self->by_keys = g_ptr_array_new_with_free_func (g_free);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self), bar);
  label = gtk_label_new_with_mnemonic (_("Overlay _by"));
  gtk_box_append (GTK_BOX (bar), label);
  self->by_names = gtk_string_list_new (NULL);
  self->by_drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->by_names), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->by_drop_down));
  /* On a phone at large text the choice shortens, whole in its tooltip (issue 19). */
  gtk_drop_down_set_factory (self->by_drop_down, factory);
  gtk_drop_down_set_list_factory (self->by_drop_down, list_factory);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->by_drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overlay by"),
                                  -1);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->by_drop_down));
  g_signal_connect_object (self->by_drop_down, "notify::selected", G_CALLBACK (on_selected),
                           self, G_CONNECT_SWAPPED);

  button = gtk_button_new_with_mnemonic (_("_Rules…"));
  gtk_widget_set_tooltip_text (button, _("Define segments by rules on the customer list"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rules…"),
                                  -1);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (bar), button);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_rules_clicked), self,
                           G_CONNECT_SWAPPED);

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0.0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status_label));

  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  self->table = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->table, 12);
  gtk_grid_set_column_spacing (self->table, 24);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overlay table"),
                                  -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->table));
  gtk_box_append (GTK_BOX (self), scrolled);

  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

/**
 * seg_overlay_view_new:
 *
 * Returns: (transfer floating): a new view without a project
 */
GtkWidget *
seg_overlay_view_new (void)
{
  return g_object_new (SEG_TYPE_OVERLAY_VIEW, NULL);
}

/**
 * seg_overlay_view_set_project:
 * @project: (nullable): the window's project
 */
void
seg_overlay_view_set_project (SegOverlayView *self,
                              ScProject      *project)
{
  g_return_if_fail (SEG_IS_OVERLAY_VIEW (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));

  if (!seg_project_loader_set_project (&self->load, project, G_CALLBACK (on_changed_parts),
                                       self))
    return;
  fill_by_names (self);
  reload_when_shown (self);
}

void
seg_overlay_view_set_by (SegOverlayView *self,
                         const char     *by)
{
  g_return_if_fail (SEG_IS_OVERLAY_VIEW (self));
  g_return_if_fail (by != NULL);

  if (g_strcmp0 (self->by, by) == 0)
    return;
  g_free (self->by);
  self->by = g_strdup (by);
  self->filling = TRUE;
  for (guint i = 0; i < self->by_keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->by_keys, i), by) == 0)
      gtk_drop_down_set_selected (self->by_drop_down, i);
  self->filling = FALSE;
  reload_when_shown (self);
}

/**
 * seg_overlay_view_get_loading:
 *
 * Returns: whether a table is being computed or waits to be shown
 */
gboolean
seg_overlay_view_get_loading (SegOverlayView *self)
{
  g_return_val_if_fail (SEG_IS_OVERLAY_VIEW (self), FALSE);

  return seg_project_loader_is_loading (&self->load) || self->stale;
}

const char *
seg_overlay_view_get_cell_text (SegOverlayView *self,
                                guint           row,
                                guint           column)
{
  g_return_val_if_fail (SEG_IS_OVERLAY_VIEW (self), NULL);

  if (self->n_columns == 0 || column >= self->n_columns ||
      (gsize) row * self->n_columns + column >= self->cells->len)
    return NULL;
  return gtk_label_get_text (g_ptr_array_index (self->cells, row * self->n_columns + column));
}
