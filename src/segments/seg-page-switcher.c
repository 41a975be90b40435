/* seg-page-switcher.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window's pages as a bar of icons, for a window too narrow for AdwViewSwitcherBar's
 * labels (issue 19).  Six pages at 360 px leave each of the bar's buttons 60 px, and its
 * labels ellipsize ("Segmen…"); libadwaita 1.2 has no icons-only policy.  The window shows
 * this bar where the header bar has no room for its view switcher.  Each button keeps the
 * page's title as tooltip and accessible name.
 *
 * The buttons follow the stack's pages model (a GtkSelectionModel): rebuilt when pages come
 * or go, toggled when the selection changes, and selecting their page when toggled on. */

#include "config.h"

#include "seg-page-switcher.h"

struct _SegPageSwitcher
{
  GtkWidget          parent_instance;

  AdwViewStack      *stack;
  GtkSelectionModel *pages;
  GtkWidget         *action_bar;
  GtkWidget         *box;
  gboolean           syncing;    /* buttons follow the selection: their toggles are ours */
};

enum {
  PROP_0,
  PROP_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (SegPageSwitcher, seg_page_switcher, GTK_TYPE_WIDGET)

static void
sync_active (SegPageSwitcher *self)
{
  guint i = 0;

  self->syncing = TRUE;
  for (GtkWidget *button = gtk_widget_get_first_child (self->box); button != NULL;
       button = gtk_widget_get_next_sibling (button), i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                  gtk_selection_model_is_selected (self->pages, i));
  self->syncing = FALSE;
}

static void
on_button_toggled (SegPageSwitcher *self,
                   GtkToggleButton *button)
{
  guint i = 0;

  if (self->syncing)
    return;
  /* A page stays chosen until another is: a click on the shown page leaves it on. */
  if (!gtk_toggle_button_get_active (button))
    {
      sync_active (self);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (self->box);
       child != GTK_WIDGET (button); child = gtk_widget_get_next_sibling (child))
    i++;
  gtk_selection_model_select_item (self->pages, i, TRUE);
}

static GtkWidget *
button_new (SegPageSwitcher  *self,
            AdwViewStackPage *page)
{
  GtkWidget *button = gtk_toggle_button_new ();
  const char *title = adw_view_stack_page_get_title (page);

  gtk_button_set_icon_name (GTK_BUTTON (button), adw_view_stack_page_get_icon_name (page));
  gtk_widget_set_tooltip_text (button, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_bind_property (page, "visible", button, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_button_toggled), self,
                           G_CONNECT_SWAPPED);
  return button;
}

static void
rebuild (SegPageSwitcher *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  if (self->pages == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->pages));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (self->pages), i);

      gtk_box_append (GTK_BOX (self->box), button_new (self, page));
    }
  sync_active (self);
}

static void
on_items_changed (SegPageSwitcher *self)
{
  rebuild (self);
}

static void
seg_page_switcher_dispose (GObject *object)
{
  SegPageSwitcher *self = SEG_PAGE_SWITCHER (object);

  seg_page_switcher_set_stack (self, NULL);
  g_clear_pointer (&self->action_bar, gtk_widget_unparent);
  G_OBJECT_CLASS (seg_page_switcher_parent_class)->dispose (object);
}

static void
seg_page_switcher_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SegPageSwitcher *self = SEG_PAGE_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STACK:
      g_value_set_object (value, self->stack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_page_switcher_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SegPageSwitcher *self = SEG_PAGE_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STACK:
      seg_page_switcher_set_stack (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
seg_page_switcher_class_init (SegPageSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = seg_page_switcher_dispose;
  object_class->get_property = seg_page_switcher_get_property;
  object_class->set_property = seg_page_switcher_set_property;

  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, ADW_TYPE_VIEW_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pageswitcher");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
seg_page_switcher_init (SegPageSwitcher *self)
{
  self->action_bar = gtk_action_bar_new ();
  gtk_widget_set_parent (self->action_bar, GTK_WIDGET (self));
  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (self->box), TRUE);
  gtk_action_bar_set_center_widget (GTK_ACTION_BAR (self->action_bar), self->box);
}

/* Like AdwViewSwitcherBar's: the window sets it to NULL before the stack's pages go. */
void
seg_page_switcher_set_stack (SegPageSwitcher *self,
                             AdwViewStack    *stack)
{
  g_return_if_fail (SEG_IS_PAGE_SWITCHER (self));
  g_return_if_fail (stack == NULL || ADW_IS_VIEW_STACK (stack));

  if (self->stack == stack)
    return;
  if (self->pages != NULL)
    g_signal_handlers_disconnect_by_data (self->pages, self);
  g_clear_object (&self->pages);
  g_set_object (&self->stack, stack);
  if (stack != NULL)
    {
      self->pages = adw_view_stack_get_pages (stack);
      g_signal_connect_object (self->pages, "items-changed", G_CALLBACK (on_items_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->pages, "selection-changed", G_CALLBACK (sync_active),
                               self, G_CONNECT_SWAPPED);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}
