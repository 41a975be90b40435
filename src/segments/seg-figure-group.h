/* seg-figure-group.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sc-project.h"

G_BEGIN_DECLS

#define SEG_TYPE_FIGURE_GROUP (seg_figure_group_get_type ())

G_DECLARE_DERIVABLE_TYPE (SegFigureGroup, seg_figure_group, SEG, FIGURE_GROUP,
                          AdwPreferencesGroup)

/**
 * SegFigureGroupClass:
 * @reload_parts: the #ScProjectParts after which the section loads again
 * @load: starts the load, an `sc_project_…_async()` function of the project
 * @loaded: called with the load's result, in the main thread; calls the matching
 *   `_finish()`, then seg_figure_group_keep_result(), then shows the figures
 *
 * A preferences group of figure rows that a worker of the project fills: the Overview's
 * Data Quality and Profit sections.
 */
struct _SegFigureGroupClass
{
  AdwPreferencesGroupClass parent_class;

  guint reload_parts;
  void (*load)   (ScProject           *project,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data);
  void (*loaded) (SegFigureGroup      *self,
                  ScProject           *project,
                  GAsyncResult        *result);
};

void       seg_figure_group_set_project (SegFigureGroup *self,
                                         ScProject      *project);
ScProject *seg_figure_group_get_project (SegFigureGroup *self);
/* Whether a load is running. */
gboolean   seg_figure_group_get_loading (SegFigureGroup *self);
/* In @loaded, after the _finish(): FALSE when the result is to be dropped (a newer load or
 * the project's change replaced it). */
gboolean   seg_figure_group_keep_result (SegFigureGroup *self,
                                         GAsyncResult   *result,
                                         const GError   *error);
/* A row named @name (for tests): @title, @subtitle (nullable), and @value at its end. */
GtkWidget *seg_figure_group_add         (SegFigureGroup *self,
                                         const char     *name,
                                         const char     *title,
                                         const char     *value,
                                         const char     *subtitle);
/* Takes the rows added since the last clear out of the group. */
void       seg_figure_group_clear       (SegFigureGroup *self);

G_END_DECLS
