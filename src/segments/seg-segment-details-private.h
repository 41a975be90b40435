/* seg-segment-details-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "seg-run-quality.h"
#include "seg-segment-details.h"
#include "seg-segment-quality.h"

G_BEGIN_DECLS

/* Shared by the form (seg-segment-details.c) and its plan (seg-segment-details-plan.c). */

/* A pause in typing this long saves the field. */
#define SAVE_DELAY_MS 1500
#define N_COLOURS 12

typedef enum
{
  TEXT_NAME,
  TEXT_DESCRIPTION,
  TEXT_OBJECTIVE,
  TEXT_OWNER,
  TEXT_TACTICS,
  N_TEXTS
} TextId;

/* The plan fields that show a "Suggested" tag while people have not set them. */
typedef enum
{
  PLAN_TAG_OBJECTIVE,
  PLAN_TAG_TACTICS,
  PLAN_TAG_TIER,
  PLAN_TAG_CHANNEL,
  PLAN_TAG_CADENCE,
  PLAN_TAG_KPI,
  N_PLAN_TAGS
} PlanTag;

typedef struct
{
  SegSegmentDetails *self;
  TextId             id;
  ScSegmentField     field;
  GtkWidget         *widget;      /* an AdwEntryRow or a GtkTextView */
  gint64             segment_id;  /* the segment the typed text belongs to */
  guint              dirty : 1;
  guint              save_id;
} TextField;

struct _SegSegmentDetails
{
  AdwBin               parent_instance;

  /* template */
  GtkStack            *stack;
  GtkBox              *header_box;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  AdwEntryRow         *name_row;
  GtkRevealer         *name_error_revealer;
  GtkLabel            *name_error_label;
  AdwActionRow        *suggested_row;
  GtkTextView         *description_view;
  AdwEntryRow         *objective_row;
  AdwEntryRow         *owner_row;
  AdwComboRow         *tier_row;
  GtkStringList       *tier_model;
  AdwPreferencesGroup *tactics_group;
  GtkButton           *accept_button;
  AdwActionRow        *channel_row;
  AdwActionRow        *cadence_row;
  AdwActionRow        *kpi_row;
  GtkTextView         *tactics_view;
  AdwComboRow         *quadrant_row;
  AdwActionRow        *colour_row;
  GtkFlowBox          *colour_box;
  AdwPreferencesGroup *profile_group;
  AdwPreferencesGroup *apart_group;
  AdwPreferencesGroup *examples_group;
  SegSegmentQuality   *quality;
  SegRunQuality       *run_quality;

  GtkWidget           *title_swatch;
  GtkWidget           *colour_buttons[N_COLOURS];
  GtkStringList       *quadrant_model;
  GPtrArray           *added_rows;    /* rows of the three data groups, refilled */
  guint                rows_used;     /* of added_rows, by the refill under way */
  char                *quality_shown; /* what the segment's quality was filled from */
  gint64               run_quality_shown; /* the run whose quality is shown, or 0 */

  ScProject           *project;
  int                  position;
  gint64               segment_id;
  ScRunDetails        *details;
  ScSegmentProfit     *profit;         /* per segment position of run profit_run, or NULL */
  guint                n_profit;
  gint64               profit_run;
  TextField            texts[N_TEXTS];
  char                *name_error;
  guint                updating : 1;
  guint                warm_up_pending : 1;

  /* seg-segment-details-plan.c */
  GtkWidget           *tags[N_PLAN_TAGS];
  ScPlans             *plans;          /* the figures of the last plans read, by run */
  ScPlan               plan;           /* the shown segment's plan, from its fields */
  gboolean             has_plan;
  GCancellable        *plan_cancellable;
};

/* seg-segment-details.c */
/* The service tiers in the order of the tier row's choices; the first follows the plan. */
extern const char * const _seg_tiers[4];
void         _seg_segment_details_refill       (SegSegmentDetails   *self);
/* seg-segment-details-rows.c */
void         _seg_segment_details_warm_up_later (SegSegmentDetails  *self);
/* The kinds of the figures' rows, which a refill reuses only for a row of the same kind
 * (_seg_rows_reuse()). */
typedef enum
{
  ROW_PLAIN = 1,
  ROW_WAITING,   /* with a spinner */
  ROW_EXAMPLE,   /* with a button to move the customer */
} RowKind;

/* Replaces the first string of @list with @text unless it is @text already. */
void         _seg_string_list_set_first        (GtkStringList       *list,
                                                const char          *text);

/* seg-segment-details-plan.c */
void         _seg_segment_details_init_plan    (SegSegmentDetails   *self);
void         _seg_segment_details_dispose_plan (SegSegmentDetails   *self);
/* Reads every segment's plan again in a worker; the form is refilled when it is there. */
void         _seg_segment_details_fetch_plans  (SegSegmentDetails   *self);
/* Builds the plan of @info from its fields (self->plan); FALSE until plans were read. */
gboolean     _seg_segment_details_build_plan   (SegSegmentDetails   *self,
                                                const ScSegmentInfo *info);
/* What a text field shows while its field is suggested (objective, tactics), or NULL. */
char        *_seg_segment_details_dup_suggested (SegSegmentDetails *self,
                                                 TextId             id);
/* The tier, channel, cadence, KPI, tags and the Accept button, from self->plan. */
void         _seg_segment_details_fill_plan    (SegSegmentDetails   *self,
                                                const ScSegmentInfo *info);

G_END_DECLS
