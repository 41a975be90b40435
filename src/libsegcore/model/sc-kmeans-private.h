/* sc-kmeans-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared by the k-means files: sc-kmeans.c (seeding, restarts, the choice of k),
 * sc-kmeans-lloyd.c (assignment passes and Lloyd iterations). */

#pragma once

#include "sc-kmeans.h"
#include "sc-parallel.h"
#include "sc-points-private.h"

G_BEGIN_DECLS

/* Progress, reported from the calling thread only, mapped into a slice of 0..1. */
typedef struct
{
  ScProgressFunc func;
  gpointer       data;
  double         base;
  double         span;
} Progress;

static inline void
progress_report (const Progress *progress,
                 double          fraction,
                 const char     *message)
{
  if (progress == NULL || progress->func == NULL)
    return;
  progress->func (progress->base + progress->span * CLAMP (fraction, 0.0, 1.0), message,
                  progress->data);
}

static inline Progress
progress_slice (const Progress *progress,
                double          from,
                double          to)
{
  Progress slice = *progress;

  slice.base = progress->base + progress->span * from;
  slice.span = progress->span * (to - from);
  return slice;
}

/* Per-chunk partial results live in "slots".  Each slot's arrays start on their own cache
 * lines (strides rounded up to 64 bytes, aligned allocations), so that threads filling
 * neighbouring slots never write to the same line: packed, the per-row count increments of
 * two threads would bounce one line between the cores. */
#define LINE_DOUBLES (64 / sizeof (double))

typedef struct
{
  guint    k, d;
  guint    n_slots;
  gsize    sums_stride;    /* doubles per slot, >= k * d */
  gsize    counts_stride;  /* gsize per slot, >= k */
  double  *slot_sums;      /* n_slots * sums_stride */
  gsize   *slot_counts;    /* n_slots * counts_stride */
  double  *slot_inertia;   /* n_slots * LINE_DOUBLES, first of each line used */
  gsize   *slot_changed;   /* n_slots * LINE_DOUBLES, first of each line used */
  double  *sums;           /* k * d, merged */
  gsize   *counts;         /* k, merged */
  double   inertia;
  gsize    changed;
  double  *new_centers;    /* k * d */
} Workspace;

typedef struct
{
  double        tol;        /* absolute: relative tol times the mean column variance */
  guint         max_iter;
  GCancellable *cancellable;
} LloydOptions;

guint      _sc_kmeans_n_chunks        (gsize               n);
Workspace *_sc_kmeans_workspace_new   (guint               k,
                                       guint               d,
                                       guint               n_slots);
void       _sc_kmeans_workspace_free  (Workspace          *ws);
void       _sc_kmeans_assign_pass     (const Points       *points,
                                       ScTeam             *team,
                                       const double       *centers,
                                       guint32            *labels,
                                       Workspace          *ws,
                                       gboolean            with_sums);
gint       _sc_kmeans_best_on_all     (const Points       *points,
                                       ScTeam             *team,
                                       Workspace          *ws,
                                       const double       *candidates,
                                       guint               n,
                                       double             *inertia_out,
                                       GCancellable       *cancellable,
                                       const Progress     *progress);
double     _sc_kmeans_sse_pass        (const Points       *points,
                                       ScTeam             *team,
                                       const double       *centers,
                                       const guint32      *labels,
                                       Workspace          *ws);
gboolean   _sc_kmeans_lloyd           (const Points       *points,
                                       ScTeam             *team,
                                       Workspace          *ws,
                                       const LloydOptions *options,
                                       const Progress     *progress,
                                       double             *centers,
                                       guint32            *labels,
                                       double             *upper,
                                       double             *lower,
                                       guint              *n_iter);

/* The automatic choice among the k tried (sc-kmeans-choice.c): the index of the chosen one
 * in the arrays, and why. @stability may hold NANs (not measured). */
guint      _sc_kmeans_choose_k        (const ScKmeansParams *params,
                                       guint               n_tried,
                                       const double       *silhouette,
                                       const double       *smallest_share,
                                       const double       *stability,
                                       ScKChoice          *choice);

/* How many rows of points differ (sc-kmeans-choice.c). */
gsize      _sc_kmeans_count_distinct_rows (const Points *points);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Workspace, _sc_kmeans_workspace_free)

G_END_DECLS
