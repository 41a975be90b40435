/* sc-edit.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-run.h"
#include "sc-store.h"

G_BEGIN_DECLS

/* Edits people make to segments. Each is one transaction on the project file. Field edits
 * change the current run's segment rows in place; edits that change who is in which
 * segment (merge, split, move, fold outliers) store a new run and make it current, so the
 * previous one stays in the file and undo only has to switch back. */

typedef enum
{
  SC_SEGMENT_FIELD_NAME,
  SC_SEGMENT_FIELD_DESCRIPTION,
  SC_SEGMENT_FIELD_OBJECTIVE,
  SC_SEGMENT_FIELD_OWNER,
  SC_SEGMENT_FIELD_SERVICE_TIER,      /* "high", "mid", "low" or NULL */
  SC_SEGMENT_FIELD_TACTICS,
  SC_SEGMENT_FIELD_QUADRANT_OVERRIDE, /* "invest", "keep", "grow", "maintain" or NULL */
  SC_SEGMENT_FIELD_COLOUR,            /* palette index, as decimal text */
} ScSegmentField;

#define SC_SEGMENT_NAME_MAX 60

/* Checks a name for segment_id's run: not empty, at most SC_SEGMENT_NAME_MAX characters,
 * not the name of another segment (ignoring case). The message is for an inline error. */
gboolean sc_edit_validate_name   (const ScRun   *run,
                                  gint64         segment_id,
                                  const char    *name,
                                  GError       **error);

/* *old_value receives the previous value (transfer full, nullable). */
gboolean sc_edit_set_field       (ScStore        *store,
                                  gint64          segment_id,
                                  ScSegmentField  field,
                                  const char     *value,
                                  char          **old_value,
                                  GError        **error);

/* Moves segment_id to rank (1-based) within its run, shifting the others; ranks stay
 * 1..n. old_ranks (nullable) receives the previous rank of each segment by position. */
gboolean sc_edit_set_priority    (ScStore        *store,
                                  const ScRun    *run,
                                  gint64          segment_id,
                                  guint           rank,
                                  guint         **old_ranks,
                                  GError        **error);
/* Restores every segment's rank (ranks by position, as from sc_edit_set_priority()). */
gboolean sc_edit_restore_priority (ScStore       *store,
                                   const ScRun   *run,
                                   const guint   *ranks,
                                   GError       **error);

/* Structural edits: each returns the new current run's id, or 0 with error set. */
gint64   sc_edit_merge           (ScStore        *store,
                                  const ScRun    *run,
                                  const guint    *positions,
                                  guint           n_positions,
                                  GCancellable   *cancellable,
                                  GError        **error);
gint64   sc_edit_split           (ScStore        *store,
                                  const ScRun    *run,
                                  guint           position,
                                  GCancellable   *cancellable,
                                  GError        **error);
gint64   sc_edit_move_customers  (ScStore        *store,
                                  const ScRun    *run,
                                  const guint32  *customers,
                                  guint           n_customers,
                                  guint           to_position,
                                  GCancellable   *cancellable,
                                  GError        **error);
gint64   sc_edit_fold_outliers   (ScStore        *store,
                                  const ScRun    *run,
                                  GCancellable   *cancellable,
                                  GError        **error);

/* Makes run_id the current run. */
gboolean sc_edit_set_current_run (ScStore        *store,
                                  gint64          run_id,
                                  GError        **error);

G_END_DECLS
