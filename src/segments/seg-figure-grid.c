/* seg-figure-grid.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Overview's key figure cards, in equal columns that reflow with the width so that no
 * card is left alone under a row of several: five cards go 5, 3 + 2, 2 + 2 + 1 or one per
 * line, never 4 + 1 (GtkFlowBox takes as many per line as fit).  A column is as wide as the
 * widest card's natural width, so a figure is shown whole while one card per line can show
 * it; only then does a label's own ellipsizing cut it.  Children are added in the .ui file
 * (GtkWidget's buildable sets their parent) and laid out in order. */

#include "config.h"

#include "seg-figure-grid.h"

#define SPACING 12

struct _SegFigureGrid
{
  GtkWidget parent_instance;

  guint     n_columns;   /* of the last allocation */
};

G_DEFINE_FINAL_TYPE (SegFigureGrid, seg_figure_grid, GTK_TYPE_WIDGET)

/* The cards are the children that take part in the layout: @child or the first after it. */
static GtkWidget *
card_from (GtkWidget *child)
{
  while (child != NULL && !gtk_widget_should_layout (child))
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static GtkWidget *
first_card (GtkWidget *widget)
{
  return card_from (gtk_widget_get_first_child (widget));
}

static GtkWidget *
next_card (GtkWidget *card)
{
  return card_from (gtk_widget_get_next_sibling (card));
}

static guint
count_cards (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *card = first_card (widget); card != NULL; card = next_card (card))
    n++;
  return n;
}

/* The widest minimum and natural width among the cards. */
static void
card_width (GtkWidget *widget,
            int       *min,
            int       *nat)
{
  *min = *nat = 0;
  for (GtkWidget *card = first_card (widget); card != NULL; card = next_card (card))
    {
      int child_min, child_nat;

      gtk_widget_measure (card, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat,
                          NULL, NULL);
      *min = MAX (*min, child_min);
      *nat = MAX (*nat, child_nat);
    }
}

/* The most columns that fit @width at @card wide, skipping those that would leave one card
 * alone under a longer row (two columns may: 2 + 2 + 1 reads as pairs). */
static guint
columns_for (guint n,
             int   width,
             int   card)
{
  for (guint c = n; c > 1; c--)
    {
      if (c > 2 && n % c == 1)
        continue;
      if ((int) c * card + ((int) c - 1) * SPACING <= width)
        return c;
    }
  return 1;
}

static int
column_width (int   width,
              guint columns)
{
  return MAX (0, (width - ((int) columns - 1) * SPACING) / (int) columns);
}

/* Height of the rows at @columns of @col_width, and of each row when @rows is given. */
static void
rows_height (GtkWidget *widget,
             guint      columns,
             int        col_width,
             int       *min,
             int       *nat,
             int       *rows)
{
  guint n = count_cards (widget);
  int row_min = 0, row_nat = 0;
  guint i = 0, row = 0;

  *min = *nat = 0;
  for (GtkWidget *card = first_card (widget); card != NULL; card = next_card (card))
    {
      int child_min, child_nat;

      gtk_widget_measure (card, GTK_ORIENTATION_VERTICAL, col_width, &child_min, &child_nat,
                          NULL, NULL);
      row_min = MAX (row_min, child_min);
      row_nat = MAX (row_nat, child_nat);
      if (++i % columns == 0 || i == n)
        {
          *min += row_min + (row > 0 ? SPACING : 0);
          *nat += row_nat + (row > 0 ? SPACING : 0);
          if (rows != NULL)
            rows[row] = row_nat;
          row++;
          row_min = row_nat = 0;
        }
    }
}

static void
seg_figure_grid_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  guint n = count_cards (widget);
  int card_min, card_nat;

  *minimum = *natural = 0;
  if (n == 0)
    return;
  card_width (widget, &card_min, &card_nat);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = card_min;
      *natural = (int) n * card_nat + ((int) n - 1) * SPACING;
    }
  else
    {
      /* Without a width: one card per line, the tallest the cards can be. */
      guint columns = for_size < 0 ? 1 : columns_for (n, for_size, card_nat);

      rows_height (widget, columns, for_size < 0 ? card_nat : column_width (for_size, columns),
                   minimum, natural, NULL);
    }
}

static void
seg_figure_grid_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  SegFigureGrid *self = SEG_FIGURE_GRID (widget);
  guint n = count_cards (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  g_autofree int *rows = NULL;
  int card_min, card_nat, col_width, min, nat, y = 0;
  guint i = 0;

  if (n == 0)
    return;
  card_width (widget, &card_min, &card_nat);
  self->n_columns = columns_for (n, width, card_nat);
  col_width = column_width (width, self->n_columns);
  rows = g_new0 (int, n);
  rows_height (widget, self->n_columns, col_width, &min, &nat, rows);

  for (GtkWidget *card = first_card (widget); card != NULL; card = next_card (card))
    {
      guint row = i / self->n_columns, column = i % self->n_columns;
      int x = (int) column * (col_width + SPACING);

      if (column == 0 && row > 0)
        y += rows[row - 1] + SPACING;
      if (rtl)
        x = width - x - col_width;
      gtk_widget_size_allocate (card, &(GtkAllocation) { x, y, col_width, rows[row] }, -1);
      i++;
    }
}

static GtkSizeRequestMode
seg_figure_grid_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
seg_figure_grid_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (seg_figure_grid_parent_class)->dispose (object);
}

static void
seg_figure_grid_class_init (SegFigureGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_figure_grid_dispose;
  widget_class->measure = seg_figure_grid_measure;
  widget_class->size_allocate = seg_figure_grid_size_allocate;
  widget_class->get_request_mode = seg_figure_grid_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "figuregrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
seg_figure_grid_init (SegFigureGrid *self)
{
}

GtkWidget *
seg_figure_grid_new (void)
{
  return g_object_new (SEG_TYPE_FIGURE_GRID, NULL);
}

/**
 * seg_figure_grid_get_n_columns:
 *
 * Returns: the cards per line of the last layout (0 before the first)
 */
guint
seg_figure_grid_get_n_columns (SegFigureGrid *self)
{
  g_return_val_if_fail (SEG_IS_FIGURE_GRID (self), 0);

  return self->n_columns;
}
