/* ui-test-utils.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ui-test-utils.h"

#define TIMEOUT_SECONDS 120

static gboolean
on_flag_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
wait_until (Condition condition,
            gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (TIMEOUT_SECONDS, on_flag_timeout, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

void
drain_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
settle_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_flag_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
destroy_all_windows (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  /* Destroying one window can destroy others, its dialogs: hold them all first. */
  for (const GList *l = toplevels; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (const GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  for (const GList *l = toplevels; l != NULL; l = l->next)
    g_object_unref (l->data);

  drain_events ();
}

GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             gpointer         data)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}
