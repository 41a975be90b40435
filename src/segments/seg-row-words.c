/* seg-row-words.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Rows whose words stay whole (issue 19).  An AdwActionRow with title-lines 0 wraps its
 * title with PANGO_WRAP_WORD_CHAR: its smallest width is one character, so on a narrow
 * window or at large text a wide suffix (a drop-down, a button) takes the room and the
 * title is broken inside its words ("Custome-r List").  Wrapping between words only makes
 * the longest word the label's smallest width, which the row then keeps for it.  Libadwaita
 * 1.2 has no property for this: the row's own title and subtitle labels are found by their
 * style classes.  A check button's label (4.8 makes it itself from its "label") gets the same;
 * a drop-down's choice shortens with an ellipsis, the whole of it in its tooltip. */

#include "config.h"

#include "seg-row-words.h"

static void
wrap_words_below (GtkWidget *widget,
                  gboolean   subtitle_too)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) &&
          (gtk_widget_has_css_class (child, "title") ||
           (subtitle_too && gtk_widget_has_css_class (child, "subtitle"))))
        gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD);
      else if (!GTK_IS_LABEL (child))
        wrap_words_below (child, subtitle_too);
    }
}

void
seg_row_wrap_words (AdwActionRow *row,
                    gboolean      subtitle_too)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  wrap_words_below (GTK_WIDGET (row), subtitle_too);
}

void
seg_check_button_wrap (GtkCheckButton *check)
{
  g_return_if_fail (GTK_IS_CHECK_BUTTON (check));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (check)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      {
        gtk_label_set_wrap (GTK_LABEL (child), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD);
      }
}

static void
setup_string (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_string (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  ellipsize)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (label), text);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_widget_set_tooltip_text (label, text);
}

GtkListItemFactory *
seg_string_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_string), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_string), GINT_TO_POINTER (ellipsize));
  return factory;
}
