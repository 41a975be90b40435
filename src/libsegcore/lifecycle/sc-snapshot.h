/* sc-snapshot.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-lineage.h"
#include "sc-run.h"
#include "sc-store.h"
#include "sc-types.h"

G_BEGIN_DECLS

/* The recent window of a snapshot: its per-customer revenue, the orders per customer and the
 * churn of its segments count the days as_of − SC_SNAPSHOT_WINDOW_DAYS .. as_of − 1. */
#define SC_SNAPSHOT_WINDOW_DAYS 90

/* The per-customer features a snapshot keeps, the ones drift is measured on. */
typedef enum
{
  SC_SNAPSHOT_RECENCY,
  SC_SNAPSHOT_FREQUENCY,
  SC_SNAPSHOT_MONETARY,
  SC_SNAPSHOT_N_FEATURES
} ScSnapshotFeature;

/**
 * ScSnapshotSegment:
 * @position: the label value of its members in the snapshot
 * @segment: the segments row it was frozen from
 * @origin: its identity across runs: the id of the first segment row it descends from, by
 *   scoring or by a re-run's carry-over; two snapshots' segments with the same origin are
 *   the same segment for drift and migration
 * @recent_revenue: net spend of the members in the recent window
 * @recent_orders: orders per member in the recent window
 * @churn: share of the members without a purchase in the recent window
 * @kind: what the segment was (a cluster, the top accounts, the anomalies); snapshots taken
 *   before kinds were stored read as the segments row they came from, else from @is_outliers
 *
 * One segment as it was: the user's fields, the run's figures (@revenue is the members'
 * net spend over all time, @potential the mean CLV when a model had been applied, else NAN)
 * and the figures of the recent window computed when the snapshot was taken.
 */
typedef struct
{
  guint     position;
  gint64    segment;
  gint64    origin;
  char     *name;
  char     *suggested_name;
  char     *description;
  guint     colour;
  ScSegmentKind kind;
  gboolean  is_outliers;
  guint64   size;
  double    share;
  double    revenue;
  double    revenue_share;
  double    recency;
  double    frequency;
  double    monetary;
  double    value;
  double    potential;
  double    p_alive;
  char     *quadrant;
  char     *quadrant_override;
  int       priority;
  char     *service_tier;
  char     *owner;
  char     *objective;
  char     *tactics;
  char     *profile;
  double    recent_revenue;
  double    recent_orders;
  double    churn;
} ScSnapshotSegment;

/**
 * ScSnapshot:
 * @id: its row in the project, 0 while it is not saved (the current state, for drift)
 * @run: the run it froze
 * @as_of: the run's as-of day: every figure counts the transactions before it
 * @auto_taken: taken by the app before scoring or re-running, not by the user
 * @labels: segment position per customer, or %SC_LABEL_NONE
 * @features: per #ScSnapshotFeature, @n_customers values at @as_of (NAN: no transaction)
 * @revenue: per customer, net spend in the recent window
 * @orders: (nullable): per customer, orders in the recent window; %NULL in a snapshot saved
 *   before they were kept
 *
 * A segmentation frozen at one moment. Customers are the project's dense ids: a later
 * snapshot has the same ids and possibly more customers.
 */
typedef struct
{
  gint64             id;
  char              *created_at;
  char              *label;
  gint64             run;
  ScDay              as_of;
  gboolean           auto_taken;
  guint32            n_customers;
  guint16           *labels;
  double            *features[SC_SNAPSHOT_N_FEATURES];
  double            *revenue;
  double            *orders;
  guint              n_segments;
  ScSnapshotSegment *segments;
} ScSnapshot;

/**
 * ScSnapshotInfo:
 *
 * A snapshot as listed, without its per-customer data.
 */
typedef struct
{
  gint64    id;
  char     *created_at;
  char     *label;
  gint64    run;
  ScDay     as_of;
  gboolean  auto_taken;
  guint     n_segments;
  guint64   n_segmented;
} ScSnapshotInfo;

void        sc_snapshot_free        (ScSnapshot     *snapshot);
void        sc_snapshot_info_clear  (ScSnapshotInfo *info);

ScSnapshot *sc_snapshot_capture     (ScStore        *store,
                                     const ScRun    *run,
                                     GCancellable   *cancellable,
                                     GError        **error);
gboolean    sc_snapshot_save        (ScStore        *store,
                                     ScSnapshot     *snapshot,
                                     const char     *label,
                                     gboolean        auto_taken,
                                     GError        **error);
gint64      sc_snapshot_take        (ScStore        *store,
                                     const char     *label,
                                     GCancellable   *cancellable,
                                     GError        **error);
ScSnapshot *sc_snapshot_load        (ScStore        *store,
                                     gint64          id,
                                     GError        **error);
gboolean    sc_snapshot_list        (ScStore        *store,
                                     GArray        **infos,
                                     GError        **error);
gboolean    sc_snapshot_delete      (ScStore        *store,
                                     gint64          id,
                                     GError        **error);
gint64      sc_snapshot_find_for_run (ScStore       *store,
                                      gint64         run,
                                      GError       **error);

/* Carry-over and lineage (segment identity) are in sc-lineage.h. */

/* sc_run_score() is in sc-rerun.h. */

/**
 * ScSnapshotReason:
 * @SC_SNAPSHOT_BEFORE_RERUN: before a full re-run replaces the current segments
 * @SC_SNAPSHOT_BEFORE_SCORING: before customers are scored against the current segments
 */
typedef enum
{
  SC_SNAPSHOT_BEFORE_RERUN,
  SC_SNAPSHOT_BEFORE_SCORING,
} ScSnapshotReason;

gint64       sc_snapshot_take_auto (ScStore          *store,
                                    const ScRun      *run,
                                    ScSnapshotReason  reason,
                                    GCancellable     *cancellable,
                                    GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSnapshot, sc_snapshot_free)

G_END_DECLS
