/* seg-project-loader.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-project.h"

G_BEGIN_DECLS

/* What a widget that shows something a worker loads from the project keeps: the project it
 * follows and the load running, if any.  Embedded in the widget's struct, zero-initialised. */
typedef struct
{
  ScProject    *project;
  GCancellable *cancellable;   /* the load running, if any */
} SegProjectLoader;

/* Follows @project (nullable): @on_changed_parts (owner, parts) is connected to its
 * "changed-parts", swapped, for as long as @owner lives.  Returns FALSE when @project is the
 * one already followed (nothing changed). */
gboolean      seg_project_loader_set_project (SegProjectLoader *loader,
                                              ScProject        *project,
                                              GCallback         on_changed_parts,
                                              gpointer          owner);
/* Cancels the running load, if any, and returns the cancellable of a new one (owned by
 * @loader). */
GCancellable *seg_project_loader_start       (SegProjectLoader *loader);
/* Cancels the running load, if any. */
void          seg_project_loader_stop        (SegProjectLoader *loader);
/* Whether the result of an async call that ended with @error (nullable) is to be dropped:
 * the call was cancelled, even if its worker finished first. */
gboolean      seg_project_load_is_dropped    (GAsyncResult     *result,
                                              const GError     *error);
/* In a load's callback, after its _finish(): FALSE when the load was cancelled (a newer one
 * or the widget's end replaced it), so its result is dropped; else the load is over. */
gboolean      seg_project_loader_finish      (SegProjectLoader *loader,
                                              GAsyncResult     *result,
                                              const GError     *error);
gboolean      seg_project_loader_is_loading  (SegProjectLoader *loader);
/* For the widget's dispose: cancels the load and lets go of the project. */
void          seg_project_loader_clear       (SegProjectLoader *loader);

G_END_DECLS
