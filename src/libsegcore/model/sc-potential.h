/* sc-potential.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-clv.h"
#include "sc-store.h"

G_BEGIN_DECLS

/**
 * ScPotentialParams:
 * @until: in sc_potential_fit(), the end of the calibration period of a holdout check
 *   (inclusive), %G_MAXINT32 for none; in a fitted model, the as-of day of its predictions:
 *   the last day of the data
 * @unit: time unit of the purchase model
 * @horizon_months: horizon of the expected value, and the length of the recent window in
 *   which current value is measured
 * @annual_discount_rate: e.g. 0.10
 */
typedef struct
{
  ScDay      until;
  ScTimeUnit unit;
  guint      horizon_months;
  double     annual_discount_rate;
} ScPotentialParams;

void sc_potential_params_init (ScPotentialParams *params);

#define SC_CLV_HOLDOUT_MAX_GROUPS 8

/**
 * ScPotential:
 * @has_bg: whether the purchase model could be estimated; when not, @bg_note says why, @bg
 *   is zero and P(alive), expected purchases and potential are NAN for everyone
 * @has_gg: whether the spend model could be estimated; when not, @gg_note says why and
 *   potential is NAN for everyone
 * @has_holdout: whether a holdout check was made: the purchase model fitted on the data up
 *   to @holdout_start (BG/NBD parameters @holdout_bg) and its predictions compared with the
 *   purchases in (@holdout_start, @holdout_end], per calibration repeat purchases (x = 0 …
 *   6, then 7 or more: @group_x, @group_customers, and the mean predicted and actual
 *   purchases per customer of the group)
 * @holdout_note: why a holdout check that was asked for could not be made, or %NULL
 *
 * A fitted customer-value model and its per-customer predictions, always as of the last day
 * of the data (@params.until), whatever the holdout check used.  Customers the model leaves
 * out (no order) have NAN predictions.
 */
typedef struct _ScPotential
{
  gint64             id;
  char              *created_at;
  guint64            data_version;
  ScPotentialParams  params;
  gboolean           has_bg;
  ScBgnbdParams      bg;
  char              *bg_note;         /* why there is no purchase model, for people */
  gboolean           has_gg;
  ScGammaGammaParams gg;
  char              *gg_note;         /* why there is no spend model, for people */
  gboolean           has_holdout;
  ScDay              holdout_start;
  ScDay              holdout_end;
  ScBgnbdParams      holdout_bg;
  char              *holdout_note;
  double             holdout_mae;
  double             holdout_ratio;
  guint              n_groups;
  guint              group_x[SC_CLV_HOLDOUT_MAX_GROUPS];
  gsize              group_customers[SC_CLV_HOLDOUT_MAX_GROUPS];
  double             group_predicted[SC_CLV_HOLDOUT_MAX_GROUPS];
  double             group_actual[SC_CLV_HOLDOUT_MAX_GROUPS];
  guint32            n;
  double            *p_alive;            /* n */
  double            *expected_purchases; /* n, over the horizon */
  double            *clv;                /* n: potential */
  double            *value;              /* n: net spend in the recent window */
} ScPotential;

void         sc_potential_free        (ScPotential             *potential);

ScPotential *sc_potential_fit         (ScStore                 *store,
                                       const ScPotentialParams *params,
                                       GCancellable            *cancellable,
                                       GError                 **error);
gboolean     sc_potential_save        (ScStore                 *store,
                                       ScPotential             *potential,
                                       GError                 **error);
/* The current model with its predictions; NULL without error when there is none. */
ScPotential *sc_potential_load_current (ScStore                *store,
                                        GError                **error);
const char  *sc_potential_get_note   (const ScPotential       *potential);
void         sc_potential_holdout_totals (const ScPotential   *potential,
                                          gsize               *customers,
                                          double              *predicted,
                                          double              *actual);
/* Whether the model was fitted on the project's current data. */
gboolean     sc_potential_is_fresh    (ScStore                 *store,
                                       const ScPotential       *potential);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScPotential, sc_potential_free)

G_END_DECLS
