/* sc-parallel.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At most this many threads in a team, the calling thread included. */
#define SC_TEAM_MAX_THREADS 8

typedef struct _ScTeam ScTeam;

/**
 * ScTeamFunc:
 * @data: the data given to sc_team_run()
 * @task: the task to run, 0..n_tasks-1
 * @worker: the worker running it, 0..n_workers-1; 0 is the calling thread
 */
typedef void (*ScTeamFunc)  (gpointer data,
                             guint    task,
                             guint    worker);

/**
 * ScRangeFunc:
 * @data: the data given to sc_parallel_ranges()
 * @begin: first index of the part
 * @end: one past its last index
 * @part: the part, 0..n_parts-1
 */
typedef void (*ScRangeFunc) (gpointer data,
                             gsize    begin,
                             gsize    end,
                             guint    part);

guint   sc_team_resolve_threads (guint        n_threads);
ScTeam *sc_team_new             (guint        n_threads);
void    sc_team_free            (ScTeam      *team);
guint   sc_team_get_n_workers   (const ScTeam *team);
void    sc_team_run             (ScTeam      *team,
                                 ScTeamFunc   func,
                                 gpointer     data,
                                 guint        n_tasks);

void    sc_parallel_ranges      (gsize        n,
                                 guint        n_parts,
                                 guint        n_threads,
                                 ScRangeFunc  func,
                                 gpointer     data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTeam, sc_team_free)

G_END_DECLS
