/* sc-rfm.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-features.h"

G_BEGIN_DECLS

/**
 * ScRfmThresholds:
 * @recency: the 20/40/60/80 % quantiles of recency
 * @frequency: the same for frequency
 * @monetary: the same for monetary
 *
 * The quintile boundaries RFM scores are computed against.  They are plain numbers so the
 * UI can show them and users can edit them; each array must be ascending.
 */
typedef struct
{
  double recency[4];
  double frequency[4];
  double monetary[4];
} ScRfmThresholds;

void sc_rfm_thresholds_compute (const ScFeatures      *f,
                                ScRfmThresholds       *t);
void sc_rfm_score              (const ScFeatures      *f,
                                const ScRfmThresholds *t,
                                guint8                *r,
                                guint8                *fq,
                                guint8                *m);
guint8 sc_rfm_score_higher     (const double          *t,
                                double                 v);
guint8 sc_rfm_score_lower      (const double          *t,
                                double                 v);

/**
 * ScRfmName:
 *
 * The classic rule-based RFM segments; see sc_rfm_rules() for the table that assigns them.
 */
typedef enum
{
  SC_RFM_CHAMPIONS,
  SC_RFM_LOYAL,
  SC_RFM_POTENTIAL_LOYALIST,
  SC_RFM_NEW,
  SC_RFM_PROMISING,
  SC_RFM_NEED_ATTENTION,
  SC_RFM_ABOUT_TO_SLEEP,
  SC_RFM_AT_RISK,
  SC_RFM_CANT_LOSE,
  SC_RFM_HIBERNATING,
  SC_RFM_LOST,
  SC_N_RFM_NAMES
} ScRfmName;

/**
 * ScRfmRule:
 * @name: the segment this rule assigns
 * @r_min: lowest recency score matched
 * @r_max: highest recency score matched
 * @fm_min: lowest FM score matched, FM = (F + M) / 2 (a multiple of 0.5)
 * @fm_max: highest FM score matched
 */
typedef struct
{
  ScRfmName name;
  guint8    r_min, r_max;
  double    fm_min, fm_max;
} ScRfmRule;

/* Thresholds people set for the project (meta "rfm_thresholds"); without them, the
 * quintiles of the current features stand. sc_rfm_thresholds_save (store, NULL) goes back
 * to the quintiles. Each row must rise: t[0] <= t[1] <= t[2] <= t[3]. */
struct _ScStore;
gboolean sc_rfm_thresholds_load     (struct _ScStore       *store,
                                     ScRfmThresholds       *thresholds,
                                     gboolean              *custom,
                                     GError               **error);
gboolean sc_rfm_thresholds_save     (struct _ScStore       *store,
                                     const ScRfmThresholds *thresholds,
                                     GError               **error);
/* The thresholds in use: the project's own, else the quintiles of f. */
gboolean sc_rfm_thresholds_for      (struct _ScStore       *store,
                                     const ScFeatures      *f,
                                     ScRfmThresholds       *thresholds,
                                     gboolean              *custom,
                                     GError               **error);

const ScRfmRule *sc_rfm_rules          (guint      *n_rules);
ScRfmName        sc_rfm_name           (guint8      r,
                                        guint8      f,
                                        guint8      m);
const char      *sc_rfm_name_to_string (ScRfmName   n);
const char      *sc_rfm_name_to_label  (ScRfmName   n);
gboolean         sc_rfm_name_from_string (const char *s,
                                          ScRfmName  *n);

G_END_DECLS
