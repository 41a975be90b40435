/* seg-figure-group.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the Overview's figure sections share: they follow the project, load in a worker of
 * the project when it changes in a way they show (a newer load replaces a running one, and
 * a cancelled load's result is dropped), and refill their rows from the result.  A section
 * stays hidden while it has no project or no customers; what it shows, and when it shows
 * itself, is the subclass's. */

#include "config.h"

#include "seg-figure-group.h"
#include "seg-project-loader.h"
#include "seg-segment-quality-private.h"

typedef struct
{
  SegProjectLoader load;
  GPtrArray       *rows;
} SegFigureGroupPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SegFigureGroup, seg_figure_group, ADW_TYPE_PREFERENCES_GROUP)

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SegFigureGroup) self = user_data;

  SEG_FIGURE_GROUP_GET_CLASS (self)->loaded (self, SC_PROJECT (source), result);
}

static void
reload (SegFigureGroup *self)
{
  SegFigureGroupPrivate *priv = seg_figure_group_get_instance_private (self);

  seg_project_loader_stop (&priv->load);
  if (priv->load.project == NULL || sc_project_get_n_customers (priv->load.project) == 0)
    {
      seg_figure_group_clear (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  SEG_FIGURE_GROUP_GET_CLASS (self)->load (priv->load.project,
                                           seg_project_loader_start (&priv->load), on_loaded,
                                           g_object_ref (self));
}

static void
on_changed_parts (SegFigureGroup *self,
                  guint           parts)
{
  if (parts & SEG_FIGURE_GROUP_GET_CLASS (self)->reload_parts)
    reload (self);
}

static void
seg_figure_group_dispose (GObject *object)
{
  SegFigureGroupPrivate *priv =
    seg_figure_group_get_instance_private (SEG_FIGURE_GROUP (object));

  seg_project_loader_clear (&priv->load);

  G_OBJECT_CLASS (seg_figure_group_parent_class)->dispose (object);
}

static void
seg_figure_group_finalize (GObject *object)
{
  SegFigureGroupPrivate *priv =
    seg_figure_group_get_instance_private (SEG_FIGURE_GROUP (object));

  g_ptr_array_unref (priv->rows);

  G_OBJECT_CLASS (seg_figure_group_parent_class)->finalize (object);
}

static void
seg_figure_group_class_init (SegFigureGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = seg_figure_group_dispose;
  object_class->finalize = seg_figure_group_finalize;

  klass->reload_parts = SC_PROJECT_PART_DATA;
}

static void
seg_figure_group_init (SegFigureGroup *self)
{
  SegFigureGroupPrivate *priv = seg_figure_group_get_instance_private (self);

  priv->rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * seg_figure_group_set_project:
 * @project: (nullable): the window's project
 *
 * Loads the section's figures from @project in a worker, and again after each change the
 * class names in its reload_parts.
 */
void
seg_figure_group_set_project (SegFigureGroup *self,
                              ScProject      *project)
{
  SegFigureGroupPrivate *priv;

  g_return_if_fail (SEG_IS_FIGURE_GROUP (self));
  g_return_if_fail (project == NULL || SC_IS_PROJECT (project));

  priv = seg_figure_group_get_instance_private (self);
  if (!seg_project_loader_set_project (&priv->load, project, G_CALLBACK (on_changed_parts),
                                       self))
    return;
  reload (self);
}

/**
 * seg_figure_group_get_project:
 *
 * Returns: (transfer none) (nullable): the project the section follows
 */
ScProject *
seg_figure_group_get_project (SegFigureGroup *self)
{
  SegFigureGroupPrivate *priv;

  g_return_val_if_fail (SEG_IS_FIGURE_GROUP (self), NULL);

  priv = seg_figure_group_get_instance_private (self);
  return priv->load.project;
}

gboolean
seg_figure_group_get_loading (SegFigureGroup *self)
{
  SegFigureGroupPrivate *priv;

  g_return_val_if_fail (SEG_IS_FIGURE_GROUP (self), FALSE);

  priv = seg_figure_group_get_instance_private (self);
  return seg_project_loader_is_loading (&priv->load);
}

gboolean
seg_figure_group_keep_result (SegFigureGroup *self,
                              GAsyncResult   *result,
                              const GError   *error)
{
  SegFigureGroupPrivate *priv = seg_figure_group_get_instance_private (self);

  return seg_project_loader_finish (&priv->load, result, error);
}

GtkWidget *
seg_figure_group_add (SegFigureGroup *self,
                      const char     *name,
                      const char     *title,
                      const char     *value,
                      const char     *subtitle)
{
  SegFigureGroupPrivate *priv = seg_figure_group_get_instance_private (self);
  GtkWidget *row = _seg_rows_add (priv->rows, ADW_PREFERENCES_GROUP (self), title, subtitle);
  GtkWidget *label = gtk_label_new (value);

  gtk_widget_set_name (row, name);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

void
seg_figure_group_clear (SegFigureGroup *self)
{
  SegFigureGroupPrivate *priv = seg_figure_group_get_instance_private (self);

  _seg_rows_clear (priv->rows);
}
