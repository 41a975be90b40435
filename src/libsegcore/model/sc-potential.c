/* sc-potential.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Customer value and potential for the value × potential grid (DESIGN.md): current value is
 * the net spend in the recent window (the horizon's length, ending at the last day of the
 * data); potential is the expected discounted value over the horizon from BG/NBD purchases
 * and Gamma-Gamma spend.  A fit is stored as the project's current model together with its
 * per-customer predictions (customer columns), so segments and charts read them without
 * refitting; it remembers which data it saw, so a later import makes it stale.
 *
 * Values as of today: the stored predictions are always those of a fit on all the data,
 * like the features they sit beside.  A holdout check (the CLI's --until) fits a second
 * purchase model on the data up to its calibration end only to measure how well it predicts
 * what followed; its result is stored beside the model and never replaces it.
 *
 * When the data cannot support a model (sc-clv-check.c), the model is stored without it and
 * with the reason: current value is still known, potential is not, and the grid shows value
 * only. */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sc-clv-check.h"
#include "sc-potential.h"
#include "sc-pushdown.h"
#include "sc-store-private.h"
#include "sc-value.h"

void
sc_potential_params_init (ScPotentialParams *params)
{
  params->until = G_MAXINT32;
  params->unit = SC_TIME_UNIT_WEEK;
  params->horizon_months = 12;
  params->annual_discount_rate = 0.10;
}

void
sc_potential_free (ScPotential *potential)
{
  if (potential == NULL)
    return;
  g_free (potential->created_at);
  g_free (potential->bg_note);
  g_free (potential->gg_note);
  g_free (potential->holdout_note);
  g_free (potential->p_alive);
  g_free (potential->expected_purchases);
  g_free (potential->clv);
  g_free (potential->value);
  g_free (potential);
}

static void
alloc_columns (ScPotential *pot,
               guint32      n)
{
  pot->n = n;
  pot->p_alive = g_new (double, MAX (n, 1));
  pot->expected_purchases = g_new (double, MAX (n, 1));
  pot->clv = g_new (double, MAX (n, 1));
  pot->value = g_new (double, MAX (n, 1));
  for (guint32 i = 0; i < n; i++)
    pot->p_alive[i] = pot->expected_purchases[i] = pot->clv[i] = pot->value[i] = NAN;
}

/* Whether @local_error is a cancellation, then passed on to @error: the one failure of a
 * fit that stops the whole model; any other becomes a note. */
static gboolean
pass_on_cancel (GError **local_error,
                GError **error)
{
  if (!g_error_matches (*local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  g_propagate_error (error, g_steal_pointer (local_error));
  return TRUE;
}

/* The purchase model, then the spend model, each kept only when it can be trusted; a model
 * that cannot be estimated leaves its note.  FALSE only when cancelled. */
static gboolean
fit_models (ScPotential         *pot,
            const ScClvSummary  *summary,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(GError) local_error = NULL;

  pot->bg_note = sc_clv_check_summary (summary);
  if (pot->bg_note != NULL)
    return TRUE;
  if (!sc_bgnbd_fit (summary, NULL, &pot->bg, cancellable, &local_error))
    {
      if (pass_on_cancel (&local_error, error))
        return FALSE;
      pot->bg_note = g_strdup (local_error->message);
    }
  else
    pot->bg_note = sc_clv_check_bgnbd (&pot->bg);
  pot->has_bg = pot->bg_note == NULL;
  if (!pot->has_bg)
    {
      memset (&pot->bg, 0, sizeof pot->bg);
      return TRUE;
    }

  if (!sc_gamma_gamma_fit (summary, NULL, &pot->gg, cancellable, &local_error))
    {
      if (pass_on_cancel (&local_error, error))
        return FALSE;
      pot->gg_note = g_strdup (local_error->message);
    }
  else
    pot->gg_note = sc_clv_check_gamma_gamma (&pot->gg);
  pot->has_gg = pot->gg_note == NULL;
  if (!pot->has_gg)
    memset (&pot->gg, 0, sizeof pot->gg);
  return TRUE;
}

/* The holdout check of a calibration up to @calibration_end, kept in @pot, or why it could
 * not be made in @pot->holdout_note.  FALSE only when cancelled. */
static gboolean
check_holdout (ScPotential           *pot,
               const ScTransactions  *tx,
               ScDay                  calibration_end,
               ScDay                  last_day,
               GCancellable          *cancellable,
               GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ScClvHoldout) h = NULL;

  pot->holdout_start = calibration_end;
  pot->holdout_end = last_day;
  h = sc_clv_holdout (tx, calibration_end, last_day, pot->params.unit, NULL, cancellable,
                      &local_error);
  if (h == NULL)
    {
      g_autofree char *day = sc_day_format (calibration_end);

      if (pass_on_cancel (&local_error, error))
        return FALSE;
      /* Translators: the first %s is a date, the second the reason */
      pot->holdout_note = g_strdup_printf (_("No holdout check with the data up to %s: %s"),
                                           day, local_error->message);
      return TRUE;
    }

  pot->has_holdout = TRUE;
  pot->holdout_bg = h->params;
  pot->holdout_mae = h->mae;
  pot->holdout_ratio = h->total_ratio;
  pot->n_groups = MIN (h->n_groups, SC_CLV_HOLDOUT_MAX_GROUPS);
  for (guint g = 0; g < pot->n_groups; g++)
    {
      pot->group_x[g] = h->x_group[g];
      pot->group_customers[g] = h->customers[g];
      pot->group_predicted[g] = h->predicted[g];
      pot->group_actual[g] = h->actual[g];
    }
  return TRUE;
}

G_STATIC_ASSERT (SC_PUSHDOWN_VALUE_MONTHS == 12);

/* The summary of a project whose orders stay in a database: from the aggregates and the
 * spend of the repeat purchase days the server computed (sc-pushdown.h), the same figures
 * sc_clv_summary_new() makes from rows.  Only the whole data and the default horizon can
 * be measured so. */
static ScClvSummary *
pushdown_summary (ScStore                  *store,
                  const ScPushdown         *pd,
                  const ScPotentialParams  *params,
                  GError                  **error)
{
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(ScClvSummary) s = NULL;
  double days = sc_clv_time_unit_days (params->unit);

  if (params->horizon_months != SC_PUSHDOWN_VALUE_MONTHS ||
      (params->until != G_MAXINT32 && params->until < pd->last_day))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("The orders of this project stay in the database, which summed them for "
                     "a %d-month horizon over all the data. For another horizon or a holdout "
                     "check, import again with the orders copied (--copy-transactions)."),
                   SC_PUSHDOWN_VALUE_MONTHS);
      return NULL;
    }
  agg = sc_store_load_aggregates (store, error);
  if (agg == NULL)
    return NULL;
  if (agg->n != pd->n)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PROJECT, _("“%s” is damaged: the column “%s” has "
                   "the wrong size."), sc_store_get_path (store), "pd_repeat_spend");
      return NULL;
    }
  s = sc_clv_summary_new_empty (agg->n, pd->last_day, params->unit);
  for (guint32 c = 0; c < agg->n; c++)
    {
      if (agg->n_purchase_days[c] == 0)
        continue;
      s->included[c] = TRUE;
      s->first_day[c] = agg->first_day[c];
      s->x[c] = (double) agg->n_purchase_days[c] - 1;
      s->t_x[c] = (double) (agg->last_day[c] - agg->first_day[c]) / days;
      s->T[c] = ((double) pd->last_day - (double) agg->first_day[c]) / days;
      s->mean_spend[c] = s->x[c] > 0 ? pd->repeat_spend[c] / s->x[c] : 0.0;
    }
  return g_steal_pointer (&s);
}

/**
 * sc_potential_fit:
 * @store: the project
 * @params: the settings; @params->until asks for a holdout check
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fits BG/NBD and Gamma-Gamma on all the transactions, as of the last day of the data, and
 * predicts every customer.  A model the data cannot support is left out with its reason
 * (sc_potential_get_note()); current value is computed all the same.  When @params->until
 * is before the last day, a purchase model fitted on the data up to it is checked against
 * what followed (holdout) and the result kept beside the model, which it does not change.
 *
 * Returns: (transfer full) (nullable): the model, not yet saved; %NULL with @error set when
 *   the project has no orders or when cancelled
 */
ScPotential *
sc_potential_fit (ScStore                 *store,
                  const ScPotentialParams *params,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_autoptr(ScPotential) pot = g_new0 (ScPotential, 1);
  g_autoptr(ScTransactions) tx = NULL;
  g_autoptr(ScClvSummary) summary = NULL;
  g_autoptr(ScPushdown) pd = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint32 n = sc_store_get_n_customers (store);
  ScDay last_day = G_MININT32;
  double window_days;

  pot->params = *params;
  pot->created_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  pot->data_version = sc_store_get_data_version (store);

  pd = _sc_pushdown_load (store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (pd != NULL)
    {
      summary = pushdown_summary (store, pd, params, error);
      if (summary == NULL)
        return NULL;
      last_day = pd->last_day;
    }
  else
    {
      tx = sc_store_load_transactions (store, n, G_MAXINT32, cancellable, error);
      if (tx == NULL)
        return NULL;
      for (gsize i = 0; i < tx->n_rows; i++)
        last_day = MAX (last_day, tx->day[i]);
      if (tx->n_rows == 0)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                       _("The project has no orders yet. Import an orders file first."));
          return NULL;
        }
      summary = sc_clv_summary_new (tx, last_day, params->unit);
    }

  pot->params.until = last_day;
  if (!fit_models (pot, summary, cancellable, error))
    return NULL;

  alloc_columns (pot, n);
  if (pot->has_bg &&
      !sc_clv_predict (summary, &pot->bg, pot->has_gg ? &pot->gg : NULL, params->horizon_months,
                       params->annual_discount_rate, pot->p_alive, pot->expected_purchases,
                       NULL, pot->clv, cancellable, error))
    return NULL;

  /* Current value: net spend in the window that ends on the last day. */
  window_days = 365.25 * params->horizon_months / 12.0;
  for (guint32 c = 0; pd != NULL && c < n; c++)
    pot->value[c] = pd->value[c];
  for (guint32 c = 0; pd == NULL && c < n; c++)
    {
      double sum = 0;
      gboolean any = FALSE;

      for (gsize r = tx->offsets[c]; r < tx->offsets[c + 1]; r++)
        {
          any = TRUE;
          if (tx->day[r] > last_day - window_days)
            sum += tx->amount[r];
        }
      pot->value[c] = any ? sum : NAN;
    }

  if (params->until < last_day &&
      !check_holdout (pot, tx, params->until, last_day, cancellable, error))
    return NULL;

  return g_steal_pointer (&pot);
}

/**
 * sc_potential_get_note:
 * @potential: a model
 *
 * Returns: (nullable): why @potential has no potential (the purchase or the spend model
 *   could not be estimated), for people; %NULL when it has
 */
const char *
sc_potential_get_note (const ScPotential *potential)
{
  g_return_val_if_fail (potential != NULL, NULL);

  if (!potential->has_bg)
    return potential->bg_note != NULL ? potential->bg_note : "";
  if (!potential->has_gg)
    return potential->gg_note != NULL ? potential->gg_note : "";
  return NULL;
}

/**
 * sc_potential_holdout_totals:
 * @potential: a model with a holdout check
 * @customers: (out) (optional): customers in the check
 * @predicted: (out) (optional): predicted purchases in the holdout period, all of them
 * @actual: (out) (optional): actual purchases in the holdout period, all of them
 *
 * The totals of the holdout table: the sums over its groups.
 */
void
sc_potential_holdout_totals (const ScPotential *potential,
                             gsize             *customers,
                             double            *predicted,
                             double            *actual)
{
  gsize n = 0;
  double p = 0.0, a = 0.0;

  g_return_if_fail (potential != NULL);

  for (guint g = 0; g < potential->n_groups; g++)
    {
      if (potential->group_customers[g] == 0)
        continue;
      n += potential->group_customers[g];
      p += potential->group_customers[g] * potential->group_predicted[g];
      a += potential->group_customers[g] * potential->group_actual[g];
    }
  if (customers != NULL)
    *customers = n;
  if (predicted != NULL)
    *predicted = p;
  if (actual != NULL)
    *actual = a;
}

static char *
groups_to_text (const ScPotential *pot)
{
  GString *s = g_string_new (NULL);

  for (guint g = 0; g < pot->n_groups; g++)
    {
      char p[G_ASCII_DTOSTR_BUF_SIZE], a[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (s, "%u\t%" "zu" "\t%s\t%s\n", pot->group_x[g],
                              pot->group_customers[g],
                              g_ascii_dtostr (p, sizeof p, pot->group_predicted[g]),
                              g_ascii_dtostr (a, sizeof a, pot->group_actual[g]));
    }
  return g_string_free (s, FALSE);
}

static void
groups_from_text (ScPotential *pot,
                  const char  *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  pot->n_groups = 0;
  for (guint i = 0; lines[i] != NULL && pot->n_groups < SC_CLV_HOLDOUT_MAX_GROUPS; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (f) != 4)
        continue;
      pot->group_x[pot->n_groups] = (guint) g_ascii_strtoull (f[0], NULL, 10);
      pot->group_customers[pot->n_groups] = (gsize) g_ascii_strtoull (f[1], NULL, 10);
      pot->group_predicted[pot->n_groups] = g_ascii_strtod (f[2], NULL);
      pot->group_actual[pot->n_groups] = g_ascii_strtod (f[3], NULL);
      pot->n_groups++;
    }
}

gboolean
sc_potential_save (ScStore      *store,
                   ScPotential  *pot,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *groups = groups_to_text (pot);
  gboolean ok = FALSE;

  if (!sc_store_begin (store, error))
    return FALSE;

  if (!_sc_store_exec (store, "UPDATE clv_models SET is_current = 0 WHERE is_current", error) ||
      !_sc_store_prepare (store,
                          "INSERT INTO clv_models (created_at, data_version, until, unit, "
                          "horizon_months, discount_rate, r, alpha, a, b, bg_log_likelihood, "
                          "bg_customers, bg_converged, p, q, gamma, gg_log_likelihood, "
                          "gg_customers, gg_excluded, gg_correlation, gg_note, holdout_end, "
                          "holdout_mae, holdout_ratio, holdout_groups, bg_note, holdout_start, "
                          "holdout_note, holdout_r, holdout_alpha, holdout_a, holdout_b, "
                          "is_current) VALUES "
                          "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)",
                          &stmt, error))
    goto out;

  sqlite3_bind_text (stmt, 1, pot->created_at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (gint64) pot->data_version);
  sqlite3_bind_int (stmt, 3, pot->params.until);
  sqlite3_bind_text (stmt, 4, pot->params.unit == SC_TIME_UNIT_DAY ? "day" : "week", -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, (int) pot->params.horizon_months);
  sqlite3_bind_double (stmt, 6, pot->params.annual_discount_rate);
  if (pot->has_bg)
    {
      sqlite3_bind_double (stmt, 7, pot->bg.r);
      sqlite3_bind_double (stmt, 8, pot->bg.alpha);
      sqlite3_bind_double (stmt, 9, pot->bg.a);
      sqlite3_bind_double (stmt, 10, pot->bg.b);
      sqlite3_bind_double (stmt, 11, pot->bg.log_likelihood);
      sqlite3_bind_int64 (stmt, 12, (gint64) pot->bg.customers);
      sqlite3_bind_int (stmt, 13, pot->bg.converged);
    }
  if (pot->has_gg)
    {
      sqlite3_bind_double (stmt, 14, pot->gg.p);
      sqlite3_bind_double (stmt, 15, pot->gg.q);
      sqlite3_bind_double (stmt, 16, pot->gg.gamma);
      sqlite3_bind_double (stmt, 17, pot->gg.log_likelihood);
      sqlite3_bind_int64 (stmt, 18, (gint64) pot->gg.customers);
      sqlite3_bind_int64 (stmt, 19, (gint64) pot->gg.excluded);
      if (isfinite (pot->gg.frequency_spend_correlation))
        sqlite3_bind_double (stmt, 20, pot->gg.frequency_spend_correlation);
    }
  sqlite3_bind_text (stmt, 21, pot->gg_note, -1, SQLITE_STATIC);
  if (pot->has_holdout)
    {
      sqlite3_bind_int (stmt, 22, pot->holdout_end);
      _sc_store_bind_double (stmt, 23, pot->holdout_mae);
      _sc_store_bind_double (stmt, 24, pot->holdout_ratio);
      sqlite3_bind_text (stmt, 25, groups, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 29, pot->holdout_bg.r);
      sqlite3_bind_double (stmt, 30, pot->holdout_bg.alpha);
      sqlite3_bind_double (stmt, 31, pot->holdout_bg.a);
      sqlite3_bind_double (stmt, 32, pot->holdout_bg.b);
    }
  sqlite3_bind_text (stmt, 26, pot->bg_note, -1, SQLITE_STATIC);
  if (pot->has_holdout || pot->holdout_note != NULL)
    sqlite3_bind_int (stmt, 27, pot->holdout_start);
  sqlite3_bind_text (stmt, 28, pot->holdout_note, -1, SQLITE_STATIC);
  if (!_sc_store_step_done (store, stmt, error))
    goto out;
  pot->id = _sc_store_last_insert_id (store);

  if (!sc_store_save_column (store, "p_alive", pot->n, sizeof (double), pot->p_alive, error) ||
      !sc_store_save_column (store, "expected_purchases", pot->n, sizeof (double),
                             pot->expected_purchases, error) ||
      !sc_store_save_column (store, "clv", pot->n, sizeof (double), pot->clv, error) ||
      !sc_store_save_column (store, "value", pot->n, sizeof (double), pot->value, error))
    goto out;

  ok = TRUE;

out:
  return sc_store_end (store, ok, error);
}

ScPotential *
sc_potential_load_current (ScStore  *store,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ScPotential) pot = NULL;
  gboolean found;

  if (!_sc_store_prepare (store,
                          "SELECT id, created_at, data_version, until, unit, horizon_months, "
                          "discount_rate, r, alpha, a, b, bg_log_likelihood, bg_customers, "
                          "bg_converged, p, q, gamma, gg_log_likelihood, gg_customers, "
                          "gg_excluded, gg_correlation, gg_note, holdout_end, holdout_mae, "
                          "holdout_ratio, holdout_groups, bg_note, holdout_start, holdout_note, "
                          "holdout_r, holdout_alpha, holdout_a, holdout_b FROM clv_models "
                          "WHERE is_current ORDER BY id DESC LIMIT 1", &stmt, error))
    return NULL;
  if (!_sc_store_step_row (store, stmt, &found, error) || !found)
    return NULL;

  pot = g_new0 (ScPotential, 1);
  pot->id = sqlite3_column_int64 (stmt, 0);
  pot->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  pot->data_version = (guint64) sqlite3_column_int64 (stmt, 2);
  pot->params.until = sqlite3_column_int (stmt, 3);
  pot->params.unit = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "day") == 0
                     ? SC_TIME_UNIT_DAY : SC_TIME_UNIT_WEEK;
  pot->params.horizon_months = (guint) sqlite3_column_int (stmt, 5);
  pot->params.annual_discount_rate = sqlite3_column_double (stmt, 6);
  pot->has_bg = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
  if (pot->has_bg)
    {
      pot->bg.r = sqlite3_column_double (stmt, 7);
      pot->bg.alpha = sqlite3_column_double (stmt, 8);
      pot->bg.a = sqlite3_column_double (stmt, 9);
      pot->bg.b = sqlite3_column_double (stmt, 10);
      pot->bg.log_likelihood = sqlite3_column_double (stmt, 11);
      pot->bg.customers = (gsize) sqlite3_column_int64 (stmt, 12);
      pot->bg.converged = sqlite3_column_int (stmt, 13) != 0;
    }
  pot->bg_note = _sc_store_column_dup (stmt, 26);
  pot->has_gg = sqlite3_column_type (stmt, 14) != SQLITE_NULL;
  if (pot->has_gg)
    {
      pot->gg.p = sqlite3_column_double (stmt, 14);
      pot->gg.q = sqlite3_column_double (stmt, 15);
      pot->gg.gamma = sqlite3_column_double (stmt, 16);
      pot->gg.log_likelihood = sqlite3_column_double (stmt, 17);
      pot->gg.customers = (gsize) sqlite3_column_int64 (stmt, 18);
      pot->gg.excluded = (gsize) sqlite3_column_int64 (stmt, 19);
      pot->gg.frequency_spend_correlation = _sc_store_column_double (stmt, 20);
      pot->gg.converged = TRUE;
    }
  pot->gg_note = _sc_store_column_dup (stmt, 21);
  pot->has_holdout = sqlite3_column_type (stmt, 22) != SQLITE_NULL;
  pot->holdout_start = sqlite3_column_int (stmt, 27);
  pot->holdout_note = _sc_store_column_dup (stmt, 28);
  if (pot->has_holdout)
    {
      pot->holdout_end = sqlite3_column_int (stmt, 22);
      pot->holdout_mae = _sc_store_column_double (stmt, 23);
      pot->holdout_ratio = _sc_store_column_double (stmt, 24);
      groups_from_text (pot, (const char *) sqlite3_column_text (stmt, 25));
      /* NAN for models saved before the calibration parameters were kept. */
      pot->holdout_bg.r = _sc_store_column_double (stmt, 29);
      pot->holdout_bg.alpha = _sc_store_column_double (stmt, 30);
      pot->holdout_bg.a = _sc_store_column_double (stmt, 31);
      pot->holdout_bg.b = _sc_store_column_double (stmt, 32);
    }

  alloc_columns (pot, sc_store_get_n_customers (store));
  if (!sc_store_load_column (store, "p_alive", pot->n, sizeof (double), pot->p_alive, error) ||
      !sc_store_load_column (store, "expected_purchases", pot->n, sizeof (double),
                             pot->expected_purchases, error) ||
      !sc_store_load_column (store, "clv", pot->n, sizeof (double), pot->clv, error) ||
      !sc_store_load_column (store, "value", pot->n, sizeof (double), pot->value, error))
    return NULL;
  return g_steal_pointer (&pot);
}

gboolean
sc_potential_is_fresh (ScStore           *store,
                       const ScPotential *potential)
{
  return potential != NULL && potential->data_version == sc_store_get_data_version (store);
}
