/* seg-fold-box.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A label beside its control, or above it when they do not fit side by side; a toolbar's
 * groups on one row, or on as many as they need (issue 19).  Libadwaita 1.2 has no
 * breakpoints, so the choice is made from the width the box is given: children fill rows in
 * order, each row taking as many as fit at their natural widths (what is left goes to those
 * that expand); a child alone on its row has the whole width, placed by its halign.  A drop-down beside a long label at 360 px and large text would otherwise shrink
 * its choice to "O…"; folded, it has the whole width.  The box's smallest width is its widest
 * child's, so it never keeps a window wide, and since the height is asked for a width
 * (height-for-width) the folded column is measured before it is drawn: no second layout
 * pass, no flicker.  Children come from the .ui file (GtkWidget's buildable parents them) or
 * from seg_fold_box_append(), in order. */

#include "config.h"

#include "seg-fold-box.h"

#define ROW_SPACING 6

struct _SegFoldBox
{
  GtkWidget parent_instance;

  int       spacing;     /* between children in a row */
  gboolean  folded;      /* at the last allocation */
};

enum {
  PROP_0,
  PROP_SPACING,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SegFoldBox, seg_fold_box, GTK_TYPE_WIDGET)

typedef struct
{
  GtkWidget *widget;
  int        nat;        /* natural width */
  gboolean   expand;
  int        x, y, width, min_height, height;
} Item;

/* The children laid out, in order, without their places yet; returns how many. */
static guint
collect (SegFoldBox *self,
         Item      **out)
{
  guint n = 0;
  Item *items;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_should_layout (child);
  items = g_new0 (Item, MAX (n, 1));
  n = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_should_layout (child))
        continue;
      items[n].widget = child;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &items[n].nat, NULL,
                          NULL);
      items[n].expand = gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
      n++;
    }
  *out = items;
  return n;
}

/* Places ITEMS[FIRST..LAST) as one row at Y in WIDTH; returns the row's natural height and
 * sets *MIN_HEIGHT to its smallest. */
static int
place_row (SegFoldBox *self,
           Item       *items,
           guint       first,
           guint       last,
           int         width,
           int         y,
           int        *min_height)
{
  int used = 0, n_expand = 0, x = 0, height = 0;

  *min_height = 0;
  for (guint i = first; i < last; i++)
    {
      used += items[i].nat + (i > first ? self->spacing : 0);
      n_expand += items[i].expand;
    }
  for (guint i = first; i < last; i++)
    {
      Item *item = &items[i];

      /* Alone on its row a child has the whole width, which its halign uses. */
      if (last - first == 1)
        item->width = width;
      else
        item->width = item->nat + (item->expand ? (width - used) / n_expand : 0);
      item->x = x;
      item->y = y;
      gtk_widget_measure (item->widget, GTK_ORIENTATION_VERTICAL, item->width,
                          &item->min_height, &item->height, NULL, NULL);
      x += item->width + self->spacing;
      height = MAX (height, item->height);
      *min_height = MAX (*min_height, item->min_height);
    }
  for (guint i = first; i < last; i++)
    items[i].height = height;
  return height;
}

/* Fills rows of WIDTH with the N ITEMS in order, each row as many as fit at their natural
 * widths; sets the total smallest and natural heights. */
static void
lay_out (SegFoldBox *self,
         Item       *items,
         guint       n,
         int         width,
         int        *min_height,
         int        *nat_height)
{
  guint first = 0;
  int y = 0;

  *min_height = *nat_height = 0;
  while (first < n)
    {
      guint last = first + 1;
      int used = items[first].nat, row_min = 0, row_nat;

      while (last < n && used + self->spacing + items[last].nat <= width)
        used += self->spacing + items[last++].nat;
      row_nat = place_row (self, items, first, last, width, y, &row_min);
      *min_height += row_min + (first > 0 ? ROW_SPACING : 0);
      *nat_height += row_nat + (first > 0 ? ROW_SPACING : 0);
      y += row_nat + ROW_SPACING;
      first = last;
    }
}

static void
seg_fold_box_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  SegFoldBox *self = SEG_FOLD_BOX (widget);
  g_autofree Item *items = NULL;
  guint n = collect (self, &items);
  int row = 0;

  *minimum = *natural = 0;
  for (guint i = 0; i < n; i++)
    row += items[i].nat + (i > 0 ? self->spacing : 0);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      for (guint i = 0; i < n; i++)
        {
          int min = 0;

          gtk_widget_measure (items[i].widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL,
                              NULL, NULL);
          *minimum = MAX (*minimum, min);
        }
      *natural = MAX (*minimum, row);
      return;
    }
  /* Without a width: as one row at its natural width. */
  lay_out (self, items, n, for_size < 0 ? row : for_size, minimum, natural);
}

static void
seg_fold_box_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  SegFoldBox *self = SEG_FOLD_BOX (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  g_autofree Item *items = NULL;
  guint n = collect (self, &items);
  int min = 0, nat = 0;
  gboolean folded;

  lay_out (self, items, n, width, &min, &nat);
  for (guint i = 0; i < n; i++)
    {
      Item *item = &items[i];

      gtk_widget_size_allocate (item->widget,
                                &(GtkAllocation) { rtl ? width - item->x - item->width
                                                       : item->x,
                                                   item->y, item->width, item->height }, -1);
    }
  folded = n > 0 && items[n - 1].y > 0;
  if (folded != self->folded)
    {
      self->folded = folded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
    }
}

static GtkSizeRequestMode
seg_fold_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
seg_fold_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (seg_fold_box_parent_class)->dispose (object);
}

static void
seg_fold_box_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SegFoldBox *self = SEG_FOLD_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_fold_box_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SegFoldBox *self = SEG_FOLD_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      if (self->spacing == g_value_get_int (value))
        return;
      self->spacing = g_value_get_int (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_fold_box_class_init (SegFoldBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_fold_box_dispose;
  object_class->get_property = seg_fold_box_get_property;
  object_class->set_property = seg_fold_box_set_property;
  widget_class->measure = seg_fold_box_measure;
  widget_class->size_allocate = seg_fold_box_size_allocate;
  widget_class->get_request_mode = seg_fold_box_get_request_mode;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 12,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "foldbox");
}

static void
seg_fold_box_init (SegFoldBox *self)
{
  self->spacing = 12;
}

GtkWidget *
seg_fold_box_new (int spacing)
{
  return g_object_new (SEG_TYPE_FOLD_BOX, "spacing", spacing, NULL);
}

void
seg_fold_box_append (SegFoldBox *self,
                     GtkWidget  *child)
{
  g_return_if_fail (SEG_IS_FOLD_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

gboolean
seg_fold_box_get_folded (SegFoldBox *self)
{
  g_return_val_if_fail (SEG_IS_FOLD_BOX (self), FALSE);

  return self->folded;
}
