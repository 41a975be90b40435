/* sc-lineage.h
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

/**
 * ScCarryOver:
 * @run: the new run
 * @previous_run: the run whose segments it follows, 0 when there was none
 * @scored: the new run scored customers against @previous_run's segments (every segment
 *   kept), rather than re-clustering
 * @n_segments: segments of @run
 * @names: (array length=n_segments): their names, after the carry-over
 * @previous_position: (array length=n_segments): per new segment, the position of the
 *   previous segment whose fields it took, or -1 when none overlapped enough
 * @overlap: (array length=n_segments): per new segment, the largest Jaccard overlap of its
 *   members with a previous segment
 * @n_previous: segments of @previous_run
 * @previous_names: (array length=n_previous): their names
 * @previous_matched: (array length=n_previous): whether a new segment took its fields
 */
typedef struct
{
  gint64    run;
  gint64    previous_run;
  gboolean  scored;
  guint     n_segments;
  char    **names;
  gint     *previous_position;
  double   *overlap;
  guint     n_previous;
  char    **previous_names;
  gboolean *previous_matched;
} ScCarryOver;

/* A new segment takes an old one's user fields when their members' Jaccard overlap
 * |old ∩ new| / |old ∪ new| is at least this. Above 0.5 a match is unique. */
#define SC_CARRY_OVER_MIN_OVERLAP 0.5

void         sc_carry_over_free  (ScCarryOver    *carry_over);

ScCarryOver *sc_run_carry_over   (ScStore        *store,
                                  const ScRun    *old_run,
                                  ScRun          *new_run,
                                  GError        **error);
ScCarryOver *sc_carry_over_load  (ScStore        *store,
                                  gint64          run,
                                  GError        **error);

gboolean     sc_run_record_lineage (ScStore     *store,
                                    const ScRun *previous_run,
                                    const ScRun *run,
                                    const int   *previous_position,
                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScCarryOver, sc_carry_over_free)

G_END_DECLS
