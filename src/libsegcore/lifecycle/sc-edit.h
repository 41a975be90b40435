/* sc-edit.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-profile.h"
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
  SC_SEGMENT_FIELD_QUADRANT_OVERRIDE, /* sc_quadrant_to_string() of one, or NULL */
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

/* The value × potential grid's dividers of run, in data units; NAN restores the default,
 * the median of the clustered segments. Every segment's computed quadrant follows. */
gboolean sc_edit_set_thresholds  (ScStore        *store,
                                  const ScRun    *run,
                                  double          value_threshold,
                                  double          potential_threshold,
                                  GError        **error);

#define SC_EDIT_MAX_EXAMPLES 8

/**
 * ScExampleCustomer:
 * @customer: dense customer id
 * @key: the customer's id in the imported files
 * @recency: days since the last purchase, at the run's as-of day
 * @frequency: orders
 * @monetary: net spend
 *
 * A typical member of a segment.
 */
typedef struct
{
  guint32  customer;
  char    *key;
  double   recency;
  double   frequency;
  double   monetary;
} ScExampleCustomer;

/**
 * ScCategoryDetail:
 * @attribute: the customer-list column
 * @level: the value of that column
 * @segment_share: share of the segment's customers (with a known value) that hold it
 * @all_share: the same over all segmented customers
 * @lift: @segment_share / @all_share
 * @count: customers of the segment holding it
 */
typedef struct
{
  char   *attribute;
  char   *level;
  double  segment_share;
  double  all_share;
  double  lift;
  gsize   count;
} ScCategoryDetail;

/**
 * ScSegmentDetails:
 * @mean: per feature, the segment's mean (average order value: its revenue per order);
 *   NAN when absent (CLV and P(alive) without a model fitted on the current data)
 * @all_mean: per feature, the same over every segmented customer
 * @top_features: the features that set it apart most (see #ScSegmentProfile)
 * @top_categories: over-represented categories of the customer list, highest lift first
 * @examples: members closest to the segment's centre in the clustering space, nearest first
 */
typedef struct
{
  double            mean[SC_N_FEATURES];
  double            all_mean[SC_N_FEATURES];
  ScFeatureLift     top_features[3];
  guint             n_top_features;
  ScCategoryDetail  top_categories[5];
  guint             n_top_categories;
  ScExampleCustomer examples[SC_EDIT_MAX_EXAMPLES];
  guint             n_examples;
} ScSegmentDetails;

/**
 * ScRunDetails:
 * @run: the run described
 * @n_segments: segments, in position order
 *
 * What the editor shows about each segment beyond ScSegmentInfo.
 */
typedef struct
{
  gint64            run;
  guint             n_segments;
  ScSegmentDetails *segments;
} ScRunDetails;

/* Reads only; for a worker thread with a connection of its own. */
ScRunDetails *sc_edit_describe_run (ScStore       *store,
                                    const ScRun   *run,
                                    guint          n_examples,
                                    GCancellable  *cancellable,
                                    GError       **error);
void          sc_run_details_free  (ScRunDetails  *details);

/* The segment of run called id_or_name: its number (position + 1, as the CLI and the
 * exports show it) or its name in any case; NULL with an error listing the segments. */
const ScSegmentInfo *sc_edit_find_segment (const ScRun  *run,
                                           const char   *id_or_name,
                                           GError      **error);

/* The dense id of the customer called key in the imported files. */
gboolean sc_edit_find_customer   (ScStore        *store,
                                  const char     *key,
                                  guint32        *customer,
                                  GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRunDetails, sc_run_details_free)

G_END_DECLS
