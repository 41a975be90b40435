/* seg-project-loader.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Overview's sections and views that load from the project in a worker follow the same
 * rule: they listen to the project's "changed-parts", start a new load where the parts they
 * show changed, cancel the load it replaces, and drop the result of a cancelled load — a
 * worker that finished before it was cancelled still returns its result.  SegProjectLoader
 * keeps that rule in one place; what to load and when stays with the widget. */

#include "config.h"

#include "seg-project-loader.h"
#include "seg-widget-util.h"

gboolean
seg_project_loader_set_project (SegProjectLoader *loader,
                                ScProject        *project,
                                GCallback         on_changed_parts,
                                gpointer          owner)
{
  g_return_val_if_fail (project == NULL || SC_IS_PROJECT (project), FALSE);

  return seg_set_watched_object ((gpointer *) &loader->project, project, "changed-parts",
                                 on_changed_parts, owner);
}

void
seg_project_loader_stop (SegProjectLoader *loader)
{
  if (loader->cancellable != NULL)
    g_cancellable_cancel (loader->cancellable);
  g_clear_object (&loader->cancellable);
}

GCancellable *
seg_project_loader_start (SegProjectLoader *loader)
{
  seg_project_loader_stop (loader);
  loader->cancellable = g_cancellable_new ();
  return loader->cancellable;
}

gboolean
seg_project_load_is_dropped (GAsyncResult *result,
                             const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)));
}

gboolean
seg_project_loader_finish (SegProjectLoader *loader,
                           GAsyncResult     *result,
                           const GError     *error)
{
  if (seg_project_load_is_dropped (result, error))
    return FALSE;
  g_clear_object (&loader->cancellable);
  return TRUE;
}

gboolean
seg_project_loader_is_loading (SegProjectLoader *loader)
{
  return loader->cancellable != NULL;
}

void
seg_project_loader_clear (SegProjectLoader *loader)
{
  seg_project_loader_stop (loader);
  g_clear_object (&loader->project);
}
