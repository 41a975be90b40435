/* sc-clv-summary-private.h
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the customer-value files share (sc-clv-summary.c defines it): the summary check,
 * the multi-start sample, the two-part parallel sums and the fit both models run.  Included by the models
 * (sc-bgnbd.c, sc-gamma-gamma.c) and by sc-clv.c above them. */

#pragma once

#include <math.h>

#include "sc-clv-index-private.h"
#include "sc-clv-summary.h"
#include "sc-optim.h"
#include "sc-parallel.h"

G_BEGIN_DECLS

/* Below this many likelihood terms, a second thread costs more than it saves. */
#define _SC_CLV_PARALLEL_MIN 32768
/* The fixed pseudo-random sample of customers the multi-start runs on. */
#define _SC_CLV_SAMPLE_SEED  G_GUINT64_CONSTANT (0x5c1f0a3e7d2b4c91)

static inline double
_sc_lgamma (double x)
{
  int sign;

  /* lgamma() writes the global signgam, a data race once predictions run on two threads. */
  return lgamma_r (x, &sign);
}

double   _sc_digamma           (double              x);

void     _sc_clv_run_two_parts (gsize               n,
                                gsize               min_parallel,
                                ScRangeFunc         fn,
                                gpointer            data);

gboolean _sc_clv_summary_check (const ScClvSummary *s,
                                gsize              *n_included,
                                gsize              *n_repeat,
                                double             *sum_x,
                                double             *sum_T,
                                GError            **error);

guint64  _sc_clv_sample_threshold (gsize n);

gboolean _sc_clv_next_purchase_day (const ScTransactions *tx,
                                    gsize                *row,
                                    gsize                 end,
                                    ScDay                 after,
                                    ScDay                 until,
                                    ScDay                *day,
                                    double               *net);

/* Whether customer @i belongs to the multi-start sample; @threshold = G_MAXUINT64 keeps all. */
static inline gboolean
_sc_clv_in_sample (gsize   i,
                   guint64 threshold)
{
  return threshold == G_MAXUINT64
         || _sc_mix64 ((guint64) i ^ _SC_CLV_SAMPLE_SEED) <= threshold;
}

/* Fits a model's log-parameters from @starts on @sample (or on @full when there is no
 * sample), continued on @full; fails with @unfit_message when no start could evaluate the
 * likelihood. */
static inline gboolean
_sc_clv_fit (ScObjectiveFunc   fn,
             gpointer          sample,
             gpointer          full,
             guint             dim,
             const double     *starts,
             guint             n_starts,
             double           *theta,
             ScOptimResult    *res,
             const char       *unfit_message,
             GCancellable     *cancellable,
             GError          **error)
{
  if (!sc_optim_fit_log_params (fn, sample != NULL ? sample : full, sample != NULL ? full : NULL,
                                dim, starts, n_starts, theta, res, cancellable, error))
    return FALSE;
  if (!isfinite (res->f))
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_FIT, unfit_message);
      return FALSE;
    }
  return TRUE;
}

/* Whether (x, t_x, T) can be a customer's history. */
static inline gboolean
_sc_clv_history_valid (double x,
                       double t_x,
                       double T)
{
  return x >= 0 && isfinite (x) && T >= 0 && isfinite (T) && (x == 0 || (t_x >= 0 && t_x <= T));
}

G_END_DECLS
