/* sc-pushdown.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The per-customer figures a database computed, kept as columns like the aggregates; the
 * meta key "pushdown_last_day" marks such a project (sc-pushdown.h). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-pushdown.h"
#include "sc-store-private.h"

#define META_LAST_DAY "pushdown_last_day"
#define META_ROWS "pushdown_rows"

/* The value model's window, as sc_potential_fit() measures it. */
double
_sc_pushdown_value_window_days (void)
{
  return 365.25 * SC_PUSHDOWN_VALUE_MONTHS / 12.0;
}

void
_sc_pushdown_free (ScPushdown *pd)
{
  if (pd == NULL)
    return;
  g_free (pd->repeat_spend);
  g_free (pd->value);
  g_free (pd->recent_monetary);
  g_free (pd->recent_orders);
  g_free (pd);
}

gboolean
_sc_pushdown_save (ScStore          *store,
                   const ScPushdown *pd,
                   guint64           n_rows,
                   GError          **error)
{
  g_autofree char *last = g_strdup_printf ("%d", pd->last_day);
  g_autofree char *rows = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rows);

  return sc_store_save_column (store, "pd_repeat_spend", pd->n, sizeof (double),
                               pd->repeat_spend, error) &&
         sc_store_save_column (store, "pd_value", pd->n, sizeof (double), pd->value, error) &&
         sc_store_save_column (store, "pd_recent_monetary", pd->n, sizeof (double),
                               pd->recent_monetary, error) &&
         sc_store_save_column (store, "pd_recent_orders", pd->n, sizeof (guint32),
                               pd->recent_orders, error) &&
         sc_store_set_meta (store, META_LAST_DAY, last, error) &&
         sc_store_set_meta (store, META_ROWS, rows, error);
}

/* SC_DAY_NONE when the project keeps its order rows. */
gboolean
_sc_pushdown_get_last_day (ScStore  *store,
                           ScDay    *last_day,
                           GError  **error)
{
  g_autofree char *last = NULL;

  *last_day = SC_DAY_NONE;
  if (!sc_store_get_meta (store, META_LAST_DAY, &last, error))
    return FALSE;
  if (last != NULL)
    *last_day = (ScDay) g_ascii_strtoll (last, NULL, 10);
  return TRUE;
}

gboolean
_sc_pushdown_load_recent (ScStore   *store,
                          guint32    n,
                          double    *monetary,
                          guint32   *orders,
                          GError   **error)
{
  /* Customers added since (from a customer list) have no rows. */
  memset (monetary, 0, sizeof (double) * n);
  memset (orders, 0, sizeof (guint32) * n);
  return sc_store_load_column (store, "pd_recent_monetary", n, sizeof (double), monetary,
                               error) &&
         sc_store_load_column (store, "pd_recent_orders", n, sizeof (guint32), orders, error);
}

ScPushdown *
_sc_pushdown_load (ScStore  *store,
                   GError  **error)
{
  g_autoptr(ScPushdown) pd = NULL;
  ScDay last_day;
  guint32 n;

  if (!_sc_pushdown_get_last_day (store, &last_day, error) || last_day == SC_DAY_NONE)
    return NULL;
  n = sc_store_get_n_customers (store);
  pd = g_new0 (ScPushdown, 1);
  pd->n = n;
  pd->last_day = last_day;
  pd->repeat_spend = g_new0 (double, MAX (n, 1));
  pd->value = g_new0 (double, MAX (n, 1));
  pd->recent_monetary = g_new (double, MAX (n, 1));
  pd->recent_orders = g_new (guint32, MAX (n, 1));
  /* Customers added since have no rows. */
  for (guint32 c = 0; c < n; c++)
    pd->value[c] = NAN;
  if (!sc_store_load_column (store, "pd_repeat_spend", n, sizeof (double), pd->repeat_spend,
                             error) ||
      !sc_store_load_column (store, "pd_value", n, sizeof (double), pd->value, error) ||
      !_sc_pushdown_load_recent (store, n, pd->recent_monetary, pd->recent_orders, error))
    return NULL;
  return g_steal_pointer (&pd);
}

/* Whether the project's orders stay in a database. */
gboolean
_sc_pushdown_is_active (ScStore *store)
{
  g_autofree char *last = NULL;

  return sc_store_get_meta (store, META_LAST_DAY, &last, NULL) && last != NULL;
}

gboolean
_sc_pushdown_clear (ScStore  *store,
                    GError  **error)
{
  return _sc_store_exec (store, "DELETE FROM meta WHERE key IN ('" META_LAST_DAY "', '"
                                META_ROWS "')", error);
}

guint64
_sc_pushdown_get_n_rows (ScStore *store)
{
  g_autofree char *rows = NULL;
  guint64 stored = sc_store_get_n_transactions (store);

  if (stored > 0 || !sc_store_get_meta (store, META_ROWS, &rows, NULL) || rows == NULL)
    return stored;
  return g_ascii_strtoull (rows, NULL, 10);
}
