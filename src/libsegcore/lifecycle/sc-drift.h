/* sc-drift.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-snapshot.h"

G_BEGIN_DECLS

/* Drift flags are calibrated (sc-drift-calibrate.c has the rationale): each criterion has a
 * "normal" change, the larger of a calibrated bound and a floor below which no change matters
 * to a marketer, and a segment is flagged when an observed change is beyond it:
 *   - size: its share of the segmented customers (in points);
 *   - revenue: its members' net spend in the recent window (relative);
 *   - order value: that revenue per order in the recent window (relative);
 *   - P(alive): the members' mean chance of still being active, when a value model was applied
 *     to both states (in points);
 *   - centroid shift (standard units of the earlier snapshot) and the PSI of recency,
 *     frequency and spend among its members (0.10 up to the normal PSI is moderate, not
 *     flagged);
 *   - members who left: against the share that left in the period before, when an earlier
 *     snapshot gives it (sc_drift_compute_full()); without it movement is measured, not
 *     flagged;
 *   - it is new (no earlier segment shares its origin) or gone.
 * The calibrated bounds come from a bootstrap of the earlier snapshot: SC_DRIFT_BOOTSTRAP_B
 * resamples of at most SC_DRIFT_BOOTSTRAP_MAX customers with a fixed seed, so the same two
 * snapshots always give the same flags.  A change is normal within SC_DRIFT_NORMAL_Z standard
 * deviations of the difference of two independent periods.  Segments with fewer than
 * SC_DRIFT_MIN_MEMBERS members in both snapshots are too small to judge and never flagged;
 * PSI needs that many members on both sides, revenue and order value that many orders. */
#define SC_DRIFT_NORMAL_Z          3.5
#define SC_DRIFT_BOOTSTRAP_B       400
#define SC_DRIFT_BOOTSTRAP_MAX     50000
#define SC_DRIFT_BOOTSTRAP_SEED    20260415
/* Floors: the smallest normal change. */
#define SC_DRIFT_SIZE_THRESHOLD    0.10   /* relative change of the share */
#define SC_DRIFT_REVENUE_THRESHOLD 0.05
#define SC_DRIFT_ORDER_VALUE_THRESHOLD 0.05
#define SC_DRIFT_P_ALIVE_THRESHOLD 0.05
#define SC_DRIFT_SHIFT_THRESHOLD   0.50
#define SC_DRIFT_PSI_THRESHOLD     0.20
#define SC_DRIFT_PSI_MODERATE      0.10
#define SC_DRIFT_LEFT_THRESHOLD    0.10   /* points above the share that left before */
#define SC_DRIFT_MIN_MEMBERS       30

/* PSI: bins at the deciles of the earlier distribution; an empty bin counts as this share. */
#define SC_PSI_BINS    10
#define SC_PSI_EPSILON 1e-4

typedef enum
{
  SC_DRIFT_FLAG_SIZE     = 1 << 0,
  SC_DRIFT_FLAG_CENTROID = 1 << 1,
  SC_DRIFT_FLAG_PSI      = 1 << 2,
  SC_DRIFT_FLAG_LEFT     = 1 << 3,
  SC_DRIFT_FLAG_NEW      = 1 << 4,
  SC_DRIFT_FLAG_GONE     = 1 << 5,
  SC_DRIFT_FLAG_REVENUE  = 1 << 6,
  SC_DRIFT_FLAG_ORDER_VALUE = 1 << 7,
  SC_DRIFT_FLAG_P_ALIVE  = 1 << 8,
} ScDriftFlags;

/**
 * ScSegmentDrift:
 * @from_position: its position in the earlier snapshot, -1 when it is new
 * @to_position: its position in the later snapshot, -1 when it is gone
 * @name: its name in the later snapshot (the earlier one when gone)
 * @size_change: (@size_to − @size_from) / @size_from; NAN when new
 * @revenue_from: the members' net spend in the recent window before the earlier as-of
 * @revenue_change: relative, NAN when @revenue_from is not positive
 * @centroid_shift: in standard units, NAN for a new or gone segment
 * @shift: the same per feature (signed, later minus earlier)
 * @psi: per feature; NAN when either side has fewer than %SC_DRIFT_MIN_MEMBERS members
 * @median_from: per feature, the median over the earlier members (original units)
 * @left_share: share of the earlier members in another segment (or none) later; NAN when new
 * @share_from, @share_to: its share of the segmented customers
 * @share_normal: the normal change of the share (absolute, ±)
 * @revenue_normal: the normal relative change of @revenue_from (±); NAN when not judged
 * @orders_from, @orders_to: the members' orders in the recent window; NAN without them
 * @order_value_from, @order_value_to: recent revenue per recent order; NAN without orders
 * @order_value_change: relative
 * @order_value_normal: its normal relative change (±); NAN when not judged
 * @p_alive_from, @p_alive_to: the members' mean P(alive); NAN without a value model
 * @p_alive_normal: its normal change (absolute, ±); NAN when not judged
 * @shift_normal: the largest normal centroid shift
 * @psi_normal: the largest normal PSI (per feature the same)
 * @left_before: the share that left in the period before the earlier snapshot; NAN without
 *   an earlier snapshot
 * @left_normal: the largest normal @left_share; NAN when not judged
 * @flags: the thresholds passed
 * @moderate_psi: features whose PSI is moderate (bit per #ScSnapshotFeature)
 * @reason: (nullable): for a flagged segment, a sentence for people built from the largest
 *   changes
 */
typedef struct
{
  int           from_position;
  int           to_position;
  char         *name;
  gboolean      is_outliers;
  guint64       size_from;
  guint64       size_to;
  double        size_change;
  double        revenue_from;
  double        revenue_to;
  double        revenue_change;
  double        centroid_shift;
  double        shift[SC_SNAPSHOT_N_FEATURES];
  double        psi[SC_SNAPSHOT_N_FEATURES];
  double        median_from[SC_SNAPSHOT_N_FEATURES];
  double        median_to[SC_SNAPSHOT_N_FEATURES];
  double        left_share;
  double        share_from;
  double        share_to;
  double        share_normal;
  double        revenue_normal;
  double        orders_from;
  double        orders_to;
  double        order_value_from;
  double        order_value_to;
  double        order_value_change;
  double        order_value_normal;
  double        p_alive_from;
  double        p_alive_to;
  double        p_alive_normal;
  double        shift_normal;
  double        psi_normal;
  double        left_before;
  double        left_normal;
  ScDriftFlags  flags;
  guint         moderate_psi;
  char         *reason;
} ScSegmentDrift;

/**
 * ScMigrationFlow:
 * @from: earlier position, or -1 for customers in no earlier segment ("new")
 * @to: later position, or -1 for customers in no later segment ("gone")
 * @customers: how many
 * @text: the flow as a sentence for people
 */
typedef struct
{
  int      from;
  int      to;
  guint64  customers;
  char    *text;
} ScMigrationFlow;

#define SC_MIGRATION_MAX_FLOWS 3

/**
 * ScDrift:
 * @n_segments: entries of @segments: the later snapshot's segments in position order, then
 *   the earlier segments that are gone
 * @n_flagged: segments with any flag
 * @n_from: segments of the earlier snapshot
 * @n_to: segments of the later snapshot
 * @from_names: (array length=n_from): their names
 * @to_names: (array length=n_to): their names
 * @to_match: (array length=n_from): the later position of each earlier segment (same
 *   origin), or -1
 * @matrix: (n_from + 1) × (n_to + 1) customer counts, row-major. Row i < n_from holds the
 *   members of earlier segment i by later segment, with the last column counting those in
 *   no later segment; row n_from holds the later members who were in no earlier segment
 *   (new customers), its last cell 0. Row i sums to the earlier size of segment i, column
 *   j < n_to to the later size of segment j.
 * @flows: (array length=n_flows): the largest moves off the diagonal (a segment to its own
 *   later self), largest first
 */
typedef struct
{
  gint64           from_id;
  gint64           to_id;
  char            *from_label;
  char            *to_label;
  ScDay            from_as_of;
  ScDay            to_as_of;
  guint            n_segments;
  ScSegmentDrift  *segments;
  guint            n_flagged;
  guint            n_from;
  guint            n_to;
  char           **from_names;
  char           **to_names;
  int             *to_match;
  guint64         *matrix;
  guint            n_flows;
  ScMigrationFlow  flows[SC_MIGRATION_MAX_FLOWS];
} ScDrift;

void     sc_drift_free    (ScDrift          *drift);
ScDrift *sc_drift_compute (const ScSnapshot *from,
                           const ScSnapshot *to,
                           GCancellable     *cancellable,
                           GError          **error);
ScDrift *sc_drift_compute_full (const ScSnapshot *before,
                                const ScSnapshot *from,
                                const ScSnapshot *to,
                                GCancellable     *cancellable,
                                GError          **error);
ScDrift *sc_drift_compute_in (ScStore          *store,
                              const ScSnapshot *from,
                              const ScSnapshot *to,
                              GCancellable     *cancellable,
                              GError          **error);
gboolean sc_drift_load_before (ScStore          *store,
                               const ScSnapshot *from,
                               ScSnapshot      **before,
                               GError          **error);

gboolean sc_drift_load_pair (ScStore          *store,
                             gint64            from_id,
                             gint64            to_id,
                             ScSnapshot      **from,
                             ScSnapshot      **to,
                             GCancellable     *cancellable,
                             GError          **error);

double   sc_psi           (const double     *expected,
                           gsize             n_expected,
                           const double     *actual,
                           gsize             n_actual,
                           guint             n_bins);

/**
 * ScImpactSeries:
 * @origin: the segment's identity (see #ScSnapshotSegment)
 * @name: its latest name
 * @colour: its latest colour
 * @customers: per snapshot: members, NAN where the segment did not exist
 * @revenue: per snapshot: the members' net spend in the recent window
 * @orders_per_customer: per snapshot: orders per member in the recent window
 * @churn: per snapshot: share of members without a purchase in the recent window
 * @clv: per snapshot: the members' mean CLV, NAN without a model applied to that run
 */
typedef struct
{
  gint64   origin;
  char    *name;
  guint    colour;
  gboolean is_outliers;
  double  *customers;
  double  *revenue;
  double  *orders_per_customer;
  double  *churn;
  double  *clv;
} ScImpactSeries;

/**
 * ScImpact:
 * @n_points: snapshots, oldest as-of first (then by id); the current state last when given
 * @ids: (array length=n_points): snapshot ids, 0 for the current state
 * @as_of: (array length=n_points): their as-of days
 * @labels: (array length=n_points): their labels
 * @n_series: one per segment identity, by first appearance then position
 */
typedef struct
{
  guint           n_points;
  gint64         *ids;
  ScDay          *as_of;
  char          **labels;
  guint           n_series;
  ScImpactSeries *series;
} ScImpact;

void      sc_impact_free (ScImpact         *impact);
ScImpact *sc_impact_load (ScStore          *store,
                          const ScSnapshot *current,
                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScDrift, sc_drift_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScImpact, sc_impact_free)

G_END_DECLS
