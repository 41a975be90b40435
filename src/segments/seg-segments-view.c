/* seg-segments-view.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "seg-format.h"
#include "seg-segments-view.h"

/* The segments of the current run as a sortable table, or an empty state that offers to
 * segment when there is no run.  The model holds ScSegment; which columns a page shows is
 * set once, from its .ui file, with a comma-separated list of column names. */

typedef enum
{
  COLUMN_NAME,
  COLUMN_PROFILE,
  COLUMN_SIZE,
  COLUMN_SHARE,
  COLUMN_REVENUE,
  COLUMN_REVENUE_SHARE,
  COLUMN_RECENCY,
  COLUMN_FREQUENCY,
  COLUMN_MONETARY,
  N_COLUMNS
} Column;

static const struct {
  const char *id;
  const char *title;
} column_info[N_COLUMNS] = {
  [COLUMN_NAME] = { "name", N_("Segment") },
  [COLUMN_PROFILE] = { "profile", N_("What Sets It Apart") },
  [COLUMN_SIZE] = { "size", N_("Customers") },
  [COLUMN_SHARE] = { "share", N_("Share of Customers") },
  [COLUMN_REVENUE] = { "revenue", N_("Revenue") },
  [COLUMN_REVENUE_SHARE] = { "revenue-share", N_("Share of Revenue") },
  [COLUMN_RECENCY] = { "recency", N_("Days Since Last Order") },
  [COLUMN_FREQUENCY] = { "frequency", N_("Orders per Customer") },
  [COLUMN_MONETARY] = { "monetary", N_("Spend per Customer") },
};

struct _SegSegmentsView
{
  AdwBin            parent_instance;

  GtkStack         *stack;
  AdwStatusPage    *empty_page;
  GtkLabel         *description_label;
  GtkColumnView    *column_view;

  GListModel       *model;
  GtkSortListModel *sorted;
  char             *columns;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_DESCRIPTION,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SegSegmentsView, seg_segments_view, ADW_TYPE_BIN)

static double
column_value (ScSegment *segment,
              Column     column)
{
  switch (column)
    {
    case COLUMN_SIZE:
      return (double) sc_segment_get_size (segment);
    case COLUMN_SHARE:
      return sc_segment_get_share (segment);
    case COLUMN_REVENUE:
      return sc_segment_get_revenue (segment);
    case COLUMN_REVENUE_SHARE:
      return sc_segment_get_revenue_share (segment);
    case COLUMN_RECENCY:
      return sc_segment_get_recency (segment);
    case COLUMN_FREQUENCY:
      return sc_segment_get_frequency (segment);
    case COLUMN_MONETARY:
      return sc_segment_get_monetary (segment);
    case COLUMN_NAME:
    case COLUMN_PROFILE:
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_segments (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  ScSegment *sa = SC_SEGMENT ((gpointer) a);
  ScSegment *sb = SC_SEGMENT ((gpointer) b);
  double va, vb;

  if (column == COLUMN_NAME)
    return g_utf8_collate (sc_segment_get_name (sa), sc_segment_get_name (sb));

  va = column_value (sa, column);
  vb = column_value (sb, column);
  return (va > vb) - (va < vb);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  if (column == COLUMN_NAME)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_widget_add_css_class (swatch, "segment-swatch");
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), swatch);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (list_item, box);
    }
  else if (column == COLUMN_PROFILE)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_width_chars (GTK_LABEL (label), 30);
      gtk_list_item_set_child (list_item, label);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      gtk_list_item_set_child (list_item, label);
    }
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  ScSegment *segment = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_NAME:
      {
        GtkWidget *swatch = gtk_widget_get_first_child (child);
        g_autofree char *color_class = seg_segment_dup_color_class (segment);
        const char *classes[] = { "segment-swatch", color_class, NULL };

        gtk_widget_set_css_classes (swatch, classes);
        gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (child)),
                            sc_segment_get_name (segment));
        return;
      }
    case COLUMN_PROFILE:
      {
        const char *profile = sc_segment_get_profile (segment);

        gtk_label_set_text (GTK_LABEL (child), profile != NULL ? profile : "");
        return;
      }
    case COLUMN_SIZE:
      text = seg_format_count (sc_segment_get_size (segment));
      break;
    case COLUMN_SHARE:
      text = seg_format_share (sc_segment_get_share (segment));
      break;
    case COLUMN_REVENUE:
      text = seg_format_amount (sc_segment_get_revenue (segment));
      break;
    case COLUMN_REVENUE_SHARE:
      text = seg_format_share (sc_segment_get_revenue_share (segment));
      break;
    case COLUMN_RECENCY:
      text = g_strdup_printf ("%'.0f", sc_segment_get_recency (segment));
      break;
    case COLUMN_FREQUENCY:
      text = g_strdup_printf ("%'.1f", sc_segment_get_frequency (segment));
      break;
    case COLUMN_MONETARY:
      text = seg_format_amount (sc_segment_get_monetary (segment));
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (GTK_LABEL (child), text);
}

static void
add_column (SegSegmentsView *self,
            Column           column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (_(column_info[column].title),
                                            g_object_ref (factory));

  if (column != COLUMN_PROFILE)
    {
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_segments,
                                                             GINT_TO_POINTER (column), NULL));

      gtk_column_view_column_set_sorter (view_column, sorter);
      g_object_unref (sorter);
    }

  gtk_column_view_column_set_expand (view_column,
                                     column == COLUMN_NAME || column == COLUMN_PROFILE);
  gtk_column_view_append_column (self->column_view, view_column);
}

static void
set_columns (SegSegmentsView *self,
             const char      *columns)
{
  g_auto(GStrv) ids = NULL;

  g_assert (self->columns == NULL);

  self->columns = g_strdup (columns != NULL ? columns : "name,size,share,revenue,revenue-share");
  ids = g_strsplit (self->columns, ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      Column column;

      g_strstrip (ids[i]);
      for (column = 0; column < N_COLUMNS; column++)
        if (g_str_equal (ids[i], column_info[column].id))
          break;

      if (column < N_COLUMNS)
        add_column (self, column);
      else
        g_critical ("Unknown segment column “%s”", ids[i]);
    }
}

static void
update_page (SegSegmentsView *self)
{
  gboolean has_segments = self->model != NULL && g_list_model_get_n_items (self->model) > 0;

  gtk_stack_set_visible_child_name (self->stack, has_segments ? "list" : "empty");
}

static void
on_items_changed (SegSegmentsView *self)
{
  update_page (self);
}

static void
seg_segments_view_dispose (GObject *object)
{
  SegSegmentsView *self = SEG_SEGMENTS_VIEW (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_clear_object (&self->model);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->columns, g_free);

  /* No gtk_widget_dispose_template(): it would unparent the stack, the template's root,
   * behind AdwBin's back, and AdwBin's dispose would then unparent it a second time. */

  G_OBJECT_CLASS (seg_segments_view_parent_class)->dispose (object);
}

static void
seg_segments_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SegSegmentsView *self = SEG_SEGMENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, seg_segments_view_get_description (self));
      break;
    case PROP_COLUMNS:
      g_value_set_string (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_segments_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SegSegmentsView *self = SEG_SEGMENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      seg_segments_view_set_model (self, g_value_get_object (value));
      break;
    case PROP_DESCRIPTION:
      seg_segments_view_set_description (self, g_value_get_string (value));
      break;
    case PROP_COLUMNS:
      set_columns (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_segments_view_constructed (GObject *object)
{
  SegSegmentsView *self = SEG_SEGMENTS_VIEW (object);

  G_OBJECT_CLASS (seg_segments_view_parent_class)->constructed (object);

  if (self->columns == NULL)
    set_columns (self, NULL);
}

static void
seg_segments_view_class_init (SegSegmentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = seg_segments_view_constructed;
  object_class->dispose = seg_segments_view_dispose;
  object_class->get_property = seg_segments_view_get_property;
  object_class->set_property = seg_segments_view_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* A comma-separated list of: name, profile, size, share, revenue, revenue-share, recency,
   * frequency, monetary. */
  properties[PROP_COLUMNS] =
    g_param_spec_string ("columns", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/segments/Segments/seg-segments-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsView, stack);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsView, description_label);
  gtk_widget_class_bind_template_child (widget_class, SegSegmentsView, column_view);
}

static void
seg_segments_view_init (SegSegmentsView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (NULL, g_object_ref (sorter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  update_page (self);
}

/**
 * seg_segments_view_new:
 * @columns: (nullable): the columns, as for #SegSegmentsView:columns
 *
 * Returns: (transfer floating): a new view without segments
 */
GtkWidget *
seg_segments_view_new (const char *columns)
{
  return g_object_new (SEG_TYPE_SEGMENTS_VIEW, "columns", columns, NULL);
}

/**
 * seg_segments_view_get_model:
 *
 * Returns: (transfer none) (nullable): the segments shown
 */
GListModel *
seg_segments_view_get_model (SegSegmentsView *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_VIEW (self), NULL);

  return self->model;
}

/**
 * seg_segments_view_set_model:
 * @model: (nullable): a list of #ScSegment, or %NULL when there is no run
 */
void
seg_segments_view_set_model (SegSegmentsView *self,
                             GListModel      *model)
{
  g_return_if_fail (SEG_IS_SEGMENTS_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);

  g_set_object (&self->model, model);

  if (self->model != NULL)
    g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (on_items_changed), self);

  gtk_sort_list_model_set_model (self->sorted, self->model);
  update_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

const char *
seg_segments_view_get_description (SegSegmentsView *self)
{
  g_return_val_if_fail (SEG_IS_SEGMENTS_VIEW (self), NULL);

  return gtk_label_get_label (self->description_label);
}

/**
 * seg_segments_view_set_description:
 * @description: (nullable): what this page shows, above the table
 */
void
seg_segments_view_set_description (SegSegmentsView *self,
                                   const char      *description)
{
  g_return_if_fail (SEG_IS_SEGMENTS_VIEW (self));

  if (g_strcmp0 (description, gtk_label_get_label (self->description_label)) == 0)
    return;

  gtk_label_set_label (self->description_label, description ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label),
                          description != NULL && *description != '\0');

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}
