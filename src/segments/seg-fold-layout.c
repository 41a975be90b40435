/* seg-fold-layout.c
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
 * pass, no flicker.  It is a layout manager, set on a GtkBox (which keeps its children, focus
 * and CSS) in place of the box's own: `<property name="layout-manager">` in a .ui file. */

#include "config.h"

#include "seg-fold-layout.h"

/* Between children in a row, and between rows. */
#define SPACING 6

struct _SegFoldLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (SegFoldLayout, seg_fold_layout, GTK_TYPE_LAYOUT_MANAGER)

typedef struct
{
  GtkWidget *widget;
  int        nat;        /* natural width */
  gboolean   expand;
  int        x, y, width, min_height, height;
} Item;

/* The children laid out, in order, without their places yet; returns how many. */
static guint
collect (GtkWidget *widget,
         Item     **out)
{
  guint n = 0;
  Item *items;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_should_layout (child);
  items = g_new0 (Item, MAX (n, 1));
  n = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
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
place_row (Item  *items,
           guint  first,
           guint  last,
           int    width,
           int    y,
           int   *min_height)
{
  int used = 0, n_expand = 0, x = 0, height = 0;

  *min_height = 0;
  for (guint i = first; i < last; i++)
    {
      used += items[i].nat + (i > first ? SPACING : 0);
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
      x += item->width + SPACING;
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
lay_out (Item  *items,
         guint  n,
         int    width,
         int   *min_height,
         int   *nat_height)
{
  guint first = 0;
  int y = 0;

  *min_height = *nat_height = 0;
  while (first < n)
    {
      guint last = first + 1;
      int used = items[first].nat, row_min = 0, row_nat;

      while (last < n && used + SPACING + items[last].nat <= width)
        used += SPACING + items[last++].nat;
      row_nat = place_row (items, first, last, width, y, &row_min);
      *min_height += row_min + (first > 0 ? SPACING : 0);
      *nat_height += row_nat + (first > 0 ? SPACING : 0);
      y += row_nat + SPACING;
      first = last;
    }
}

static void
seg_fold_layout_measure (GtkLayoutManager *manager, GtkWidget *widget,
                         GtkOrientation orientation, int for_size, int *minimum, int *natural,
                         int *minimum_baseline, int *natural_baseline)
{
  g_autofree Item *items = NULL;
  guint n = collect (widget, &items);
  int row = 0;

  *minimum = *natural = 0;
  for (guint i = 0; i < n; i++)
    row += items[i].nat + (i > 0 ? SPACING : 0);
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
  lay_out (items, n, for_size < 0 ? row : for_size, minimum, natural);
}

static void
seg_fold_layout_allocate (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          int               width,
                          int               height,
                          int               baseline)
{
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  g_autofree Item *items = NULL;
  guint n = collect (widget, &items);
  int min = 0, nat = 0;

  lay_out (items, n, width, &min, &nat);
  for (guint i = 0; i < n; i++)
    {
      Item *item = &items[i];

      gtk_widget_size_allocate (item->widget,
                                &(GtkAllocation) { rtl ? width - item->x - item->width
                                                       : item->x,
                                                   item->y, item->width, item->height }, -1);
    }
}

static GtkSizeRequestMode
seg_fold_layout_get_request_mode (GtkLayoutManager *manager,
                                  GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
seg_fold_layout_class_init (SegFoldLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = seg_fold_layout_get_request_mode;
  layout_class->measure = seg_fold_layout_measure;
  layout_class->allocate = seg_fold_layout_allocate;
}

static void
seg_fold_layout_init (SegFoldLayout *self)
{
}

GtkLayoutManager *
seg_fold_layout_new (void)
{
  return g_object_new (SEG_TYPE_FOLD_LAYOUT, NULL);
}
