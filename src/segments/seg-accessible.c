/* seg-accessible.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Accessible names that GTK 4.8 gets wrong, put right in one place.
 *
 * GTK 4.8 names some widgets badly on the AT-SPI bus, whatever the .ui says:
 * - a button with a mnemonic keeps its raw label ("_Next") as the accessible label, and its
 *   label child names it too: screen readers hear "_Next Next";
 * - a GtkMenuButton and the toggle inside a GtkDropDown have no name but their type
 *   ("GtkMenuButton", "GtkToggleButton"); a drop-down named both by a mnemonic label and by an
 *   accessible label reads "Chart Chart";
 * - flow-box children and list-view rows are named by their type or not at all, although
 *   labels inside say what they are.
 *
 * Rather than patching every .ui file and every place that builds widgets in code, an
 * emission hook on GtkWidget::map looks at each widget as it appears and fixes these cases
 * (relations to its own labels where labels exist, so names follow the labels' text).  Code
 * that builds a widget with no label at all names it with seg_accessible_set_name(), which
 * also names a drop-down's or menu button's inner toggle. */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "seg-accessible.h"

#define NAME_KEY "seg-accessible-name"
#define SEEN_KEY "seg-accessible-seen"

/* "Export P_DF…" → "Export PDF…"; "__" stays one underscore, as GTK shows it. */
static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            p++;
          else
            continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
set_label (GtkWidget  *widget,
           const char *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* The toggle inside a GtkDropDown or a GtkMenuButton: the one that takes the focus. */
static GtkWidget *
inner_toggle (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      return child;
  return NULL;
}

static void
collect_labels (GtkWidget *widget,
                GList    **labels)
{
  if (GTK_IS_LABEL (widget))
    {
      *labels = g_list_append (*labels, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static void
name_from_labels (GtkWidget *widget)
{
  GList *labels = NULL;
  GString *name = g_string_new (NULL);

  collect_labels (widget, &labels);
  for (GList *l = labels; l != NULL; l = l->next)
    {
      const char *text = gtk_label_get_text (l->data);

      if (text == NULL || *text == '\0' || !gtk_widget_get_visible (l->data))
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, text);
    }
  if (name->len > 0)
    set_label (widget, name->str);
  g_list_free (labels);
  g_string_free (name, TRUE);
}

static void
on_inner_label_changed (GtkWidget  *label,
                        GParamSpec *pspec,
                        GtkWidget  *widget)
{
  name_from_labels (widget);
}

/* Names WIDGET after the labels inside it, now and whenever their text changes (GTK 4.8's
 * labelled-by takes one label only); FALSE when it has none. */
static gboolean
label_by_contents (GtkWidget *widget)
{
  GList *labels = NULL;

  collect_labels (widget, &labels);
  if (labels == NULL)
    return FALSE;
  for (GList *l = labels; l != NULL; l = l->next)
    {
      g_signal_connect_object (l->data, "notify::label", G_CALLBACK (on_inner_label_changed),
                               widget, 0);
      g_signal_connect_object (l->data, "notify::visible", G_CALLBACK (on_inner_label_changed),
                               widget, 0);
    }
  g_list_free (labels);
  name_from_labels (widget);
  return TRUE;
}

/* A button without a label of its own and given no name: its tooltip, the labels inside it,
 * or what its icon stands for (the close button of a toast, the search toggle of the
 * shortcuts window). */
static void
fix_icon_button (GtkButton *button)
{
  static const struct { const char *icon; const char *name; } icons[] = {
    { "window-close-symbolic", N_("Close") },
    { "edit-find-symbolic", N_("Search") },
    { "go-previous-symbolic", N_("Back") },
    { "go-next-symbolic", N_("Forward") },
    { "open-menu-symbolic", N_("Menu") },
  };
  GtkWidget *child = gtk_button_get_child (button);
  const char *tip = gtk_widget_get_tooltip_text (GTK_WIDGET (button));
  const char *icon;

  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (button));

  /* The toggle of a menu button or drop-down is named with its parent. */
  if (GTK_IS_MENU_BUTTON (parent) || GTK_IS_DROP_DOWN (parent))
    return;
  if (child == NULL || gtk_button_get_label (button) != NULL ||
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return;
  if (tip != NULL)
    {
      set_label (GTK_WIDGET (button), tip);
      return;
    }
  if (!GTK_IS_IMAGE (child))
    {
      /* A label set as its child (the version in the About window), a box of labels: what
       * those labels say. */
      label_by_contents (GTK_WIDGET (button));
      return;
    }
  icon = gtk_image_get_icon_name (GTK_IMAGE (child));
  for (guint i = 0; icon != NULL && i < G_N_ELEMENTS (icons); i++)
    if (g_str_equal (icon, icons[i].icon))
      set_label (GTK_WIDGET (button), _(icons[i].name));
}

/* The first text that describes WIDGET: a mnemonic label pointing at it, then its tooltip. */
static char *
describing_text (GtkWidget *widget)
{
  GList *mnemonic = gtk_widget_list_mnemonic_labels (widget);
  char *text = NULL;

  if (mnemonic != NULL)
    text = strip_mnemonic (gtk_label_get_label (GTK_LABEL (mnemonic->data)));
  g_list_free (mnemonic);
  if (text == NULL && gtk_widget_get_tooltip_text (widget) != NULL)
    text = g_strdup (gtk_widget_get_tooltip_text (widget));
  return text;
}

/* Whether WIDGET's accessible label is exactly TEXT: GTK 4.8 cannot read a property back, but
 * its test API can compare one (it answers NULL when they agree). */
static gboolean
label_is (GtkWidget  *widget,
          const char *text)
{
  g_autofree char *mismatch = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, text);
  return mismatch == NULL;
}

static void
fix_mnemonic_button (GtkButton *button)
{
  const char *label;

  /* GTK 4.8 tells "label" while an icon replaces the label child, not yet known as an icon:
   * gtk_button_get_label() would read the image as a label. */
  if (!GTK_IS_LABEL (gtk_button_get_child (button)))
    return;
  label = gtk_button_get_label (button);
  if (!gtk_button_get_use_underline (button) || label == NULL)
    return;
  /* GTK's own label is the raw text: drop it, the label child names the button.  A label set
   * on purpose ("Choose the Orders File") stays, and the child's text is not read after it. */
  if (label_is (GTK_WIDGET (button), label))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  else if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (button),
                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
fix_menu_button (GtkMenuButton *button)
{
  const char *label = gtk_menu_button_get_label (button);
  g_autofree char *name = NULL;

  if (g_object_get_data (G_OBJECT (button), NAME_KEY) != NULL)
    return;
  if (label != NULL)
    name = gtk_menu_button_get_use_underline (button) ? strip_mnemonic (label) : g_strdup (label);
  else if (gtk_widget_get_tooltip_text (GTK_WIDGET (button)) != NULL)
    name = g_strdup (gtk_widget_get_tooltip_text (GTK_WIDGET (button)));
  if (name != NULL && *name != '\0')
    set_label (GTK_WIDGET (button), name);
}

static void
fix_drop_down (GtkWidget *dropdown)
{
  GtkWidget *toggle = inner_toggle (dropdown);
  const char *given = g_object_get_data (G_OBJECT (dropdown), NAME_KEY);
  g_autofree char *name = given != NULL ? g_strdup (given) : describing_text (dropdown);
  GList *mnemonic = gtk_widget_list_mnemonic_labels (dropdown);

  /* Named both by a mnemonic label and by a label of its own, it would be read twice. */
  if (mnemonic != NULL &&
      gtk_test_accessible_has_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (dropdown),
                                   GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  g_list_free (mnemonic);
  if (toggle != NULL && name != NULL)
    set_label (toggle, name);
}

static void
on_label_changed (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  if (GTK_IS_MENU_BUTTON (object))
    fix_menu_button (GTK_MENU_BUTTON (object));
  else
    fix_mnemonic_button (GTK_BUTTON (object));
}

/* libadwaita 1.2 leaves an expander row (a focusable list item) nameless: its title is on
 * the row inside it.  It is named by its title, and again when the title changes. */
static void
fix_expander_row (GObject    *row,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  AdwPreferencesRow *prefs = ADW_PREFERENCES_ROW (row);
  const char *title = adw_preferences_row_get_title (prefs);
  g_autofree char *name = adw_preferences_row_get_use_underline (prefs) ?
                          strip_mnemonic (title) : g_strdup (title);

  if (name != NULL && *name != '\0')
    set_label (GTK_WIDGET (row), name);
}

static void
fix_widget (GtkWidget *widget)
{
  gboolean first = g_object_get_data (G_OBJECT (widget), SEEN_KEY) == NULL;

  if (GTK_IS_BUTTON (widget))
    {
      fix_mnemonic_button (GTK_BUTTON (widget));
      fix_icon_button (GTK_BUTTON (widget));
      if (first)
        {
          /* GtkButton sets its accessible label again whenever its label changes. */
          g_signal_connect (widget, "notify::label", G_CALLBACK (on_label_changed), NULL);
          g_signal_connect (widget, "notify::use-underline", G_CALLBACK (on_label_changed), NULL);
        }
    }
  else if (GTK_IS_MENU_BUTTON (widget))
    {
      fix_menu_button (GTK_MENU_BUTTON (widget));
      if (first)
        g_signal_connect (widget, "notify::label", G_CALLBACK (on_label_changed), NULL);
    }
  else if (GTK_IS_DROP_DOWN (widget))
    fix_drop_down (widget);
  else if (first && ADW_IS_EXPANDER_ROW (widget))
    {
      fix_expander_row (G_OBJECT (widget), NULL, NULL);
      g_signal_connect (widget, "notify::title", G_CALLBACK (fix_expander_row), NULL);
    }
  else if (first && (GTK_IS_FLOW_BOX_CHILD (widget) ||
                     (GTK_IS_LIST_BOX_ROW (widget) && !ADW_IS_PREFERENCES_ROW (widget)) ||
                     g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget") == 0))
    {
      /* Rows and cells are named by the labels inside them, or by the tooltip of the one
       * control they hold (a colour choice). */
      if (!label_by_contents (widget))
        {
          GtkWidget *child = gtk_widget_get_first_child (widget);
          const char *tip = child != NULL ? gtk_widget_get_tooltip_text (child) : NULL;

          if (tip != NULL)
            set_label (widget, tip);
        }
    }
  if (first)
    g_object_set_data (G_OBJECT (widget), SEEN_KEY, GINT_TO_POINTER (1));
}

static gboolean
on_map_emitted (GSignalInvocationHint *hint,
                guint                  n_params,
                const GValue          *params,
                gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (GTK_IS_WIDGET (object))
    fix_widget (GTK_WIDGET (object));
  return TRUE;
}

/**
 * seg_accessible_init:
 *
 * Installs the hook that fixes the names GTK 4.8 gives widgets as they are mapped.  Called
 * once, when the application starts.
 */
void
seg_accessible_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      gpointer klass = g_type_class_ref (GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  on_map_emitted, NULL, NULL);
      g_type_class_unref (klass);
      g_once_init_leave (&done, 1);
    }
}

/**
 * seg_accessible_set_name:
 * @widget: a widget without a label that says what it is
 * @name: what a screen reader says for it
 *
 * Names @widget and, for a drop-down or a menu button, the toggle inside that takes the focus.
 */
void
seg_accessible_set_name (GtkWidget  *widget,
                         const char *name)
{
  GtkWidget *toggle;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL);

  g_object_set_data_full (G_OBJECT (widget), NAME_KEY, g_strdup (name), g_free);
  set_label (widget, name);
  toggle = (GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget)) ? inner_toggle (widget)
                                                                      : NULL;
  if (toggle != NULL)
    set_label (toggle, name);
}
