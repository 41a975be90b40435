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

/* Drift thresholds. A segment is flagged when, between two snapshots, any of these is
 * passed:
 *   - its size changed by more than SC_DRIFT_SIZE_THRESHOLD, relative (0.20 = 20 %);
 *   - its centroid moved by more than SC_DRIFT_SHIFT_THRESHOLD standard units (Euclidean
 *     distance between the members' mean log1p recency, frequency and spend, each in units of
 *     the earlier snapshot's standard deviation over all segmented customers);
 *   - the population stability index of recency, frequency or spend among its members is
 *     above SC_DRIFT_PSI_THRESHOLD (0.10 .. 0.20 is reported as moderate, not flagged);
 *   - more than SC_DRIFT_LEFT_THRESHOLD of the earlier members are in another segment;
 *   - it is new (no earlier segment shares its origin) or gone.
 * Segments with fewer than SC_DRIFT_MIN_MEMBERS members in both snapshots are too small to
 * judge and never flagged; PSI needs that many members on both sides. */
#define SC_DRIFT_SIZE_THRESHOLD   0.20
#define SC_DRIFT_SHIFT_THRESHOLD  0.50
#define SC_DRIFT_PSI_THRESHOLD    0.20
#define SC_DRIFT_PSI_MODERATE     0.10
#define SC_DRIFT_LEFT_THRESHOLD   0.30
#define SC_DRIFT_MIN_MEMBERS      30

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
