/* sc-store-profit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Cost as the project file keeps it (issue 18).  Each transaction chunk may carry a cost per
 * row (NAN where the line had none; the column is NULL for files without a cost or margin
 * column); the project-wide margin and the choice of revenue or profit as "value" are meta
 * keys.  Nothing derived is stored: sc_store_load_costs() sums the chunks in one scan, so a
 * later import or a changed margin can never leave a stale profit behind. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-store-codec-private.h"
#include "sc-store-private.h"
#include "sc-store-profit.h"

void
sc_costs_free (ScCosts *costs)
{
  if (costs == NULL)
    return;
  g_free (costs->revenue);
  g_free (costs->known_cost);
  g_free (costs->known_revenue);
  g_free (costs->known_lines);
  g_free (costs->unknown_lines);
  g_free (costs->unknown_revenue);
  g_free (costs);
}

static gboolean
damaged (ScStore  *store,
         GError  **error)
{
  g_set_error (error, SC_ERROR, SC_ERROR_PROJECT,
               _("“%s” is damaged: the transactions could not be read."),
               sc_store_get_path (store));
  return FALSE;
}

/**
 * sc_store_load_costs:
 * @n_customers: customers in the project
 *
 * Returns: (transfer full) (nullable): the cost figures per customer, or %NULL with @error
 */
ScCosts *
sc_store_load_costs (ScStore  *store,
                     guint32   n_customers,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(ScCosts) costs = g_new0 (ScCosts, 1);
  gsize n = MAX (n_customers, 1);
  int rc;

  costs->n = n_customers;
  costs->revenue = g_new0 (double, n);
  costs->known_cost = g_new0 (double, n);
  costs->known_revenue = g_new0 (double, n);
  costs->known_lines = g_new0 (guint32, n);
  costs->unknown_lines = g_new0 (guint32, n);
  costs->unknown_revenue = g_new0 (double, n);

  if (!_sc_store_prepare (store, "SELECT n, customer, amount, cost FROM transaction_chunks "
                          "ORDER BY id", &stmt, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gsize len = (gsize) MAX (0, sqlite3_column_int64 (stmt, 0));
      g_autofree void *c_buf = NULL;
      g_autofree void *a_buf = NULL;
      g_autofree void *k_buf = NULL;
      const char *c = _sc_store_column_array (stmt, 1, sizeof (guint32), len, &c_buf);
      const char *a = _sc_store_column_array (stmt, 2, sizeof (double), len, &a_buf);
      gboolean has_cost = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      const char *k = has_cost ? _sc_store_column_array (stmt, 3, sizeof (double), len, &k_buf)
                               : NULL;

      if (c == NULL || a == NULL || (has_cost && k == NULL))
        {
          damaged (store, error);
          return NULL;
        }
      costs->any_cost |= k != NULL;
      for (gsize i = 0; i < len; i++)
        {
          guint32 ci;
          double ai, ki = NAN;

          /* Blob data is not guaranteed to be aligned for direct loads. */
          memcpy (&ci, c + i * sizeof ci, sizeof ci);
          memcpy (&ai, a + i * sizeof ai, sizeof ai);
          if (k != NULL)
            memcpy (&ki, k + i * sizeof ki, sizeof ki);
          if (ci >= n_customers)
            {
              damaged (store, error);
              return NULL;
            }
          costs->revenue[ci] += ai;
          if (isfinite (ki))
            {
              costs->known_cost[ci] += ki;
              costs->known_revenue[ci] += ai;
              costs->known_lines[ci]++;
              /* a return (negative amount) gives its cost back: no loss */
              if (ai >= 0 && ki > ai)
                costs->negative_lines++;
            }
          else
            {
              costs->unknown_lines[ci]++;
              costs->unknown_revenue[ci] += ai;
            }
        }
    }
  if (!_sc_store_expect (store, rc, SQLITE_DONE, error))
    return NULL;
  return g_steal_pointer (&costs);
}

/**
 * sc_store_get_margin:
 *
 * Returns: the project-wide gross margin in percent, or NAN when none is set
 */
double
sc_store_get_margin (ScStore *store)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  double v;

  if (!sc_store_get_meta (store, "margin_percent", &text, NULL) || text == NULL)
    return NAN;
  v = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (v) ? v : NAN;
}

/* Sets (or, for NAN, removes) the project-wide margin; more than 100 % would make costs
 * negative, which no business has. */
gboolean
_sc_store_set_margin (ScStore  *store,
                      double    percent,
                      GError  **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (percent))
    return _sc_store_exec (store, "DELETE FROM meta WHERE key = 'margin_percent'", error);
  if (!isfinite (percent) || percent > 100 || percent < -1000)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("A margin of %g %% is not possible: give a percentage of revenue up to "
                     "100 (negative when goods are sold below cost, down to −1000)."), percent);
      return FALSE;
    }
  return sc_store_set_meta (store, "margin_percent",
                            g_ascii_dtostr (buf, sizeof buf, percent), error);
}

gboolean
sc_store_get_value_is_profit (ScStore *store)
{
  g_autofree char *text = NULL;

  return sc_store_get_meta (store, "value_basis", &text, NULL) && g_strcmp0 (text, "profit") == 0;
}

gboolean
sc_store_set_value_is_profit (ScStore  *store,
                              gboolean  profit,
                              GError  **error)
{
  return sc_store_set_meta (store, "value_basis", profit ? "profit" : "revenue", error);
}
