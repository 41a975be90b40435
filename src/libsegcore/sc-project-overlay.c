/* sc-project-overlay.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Profit, rule segments, overlays and the audit for the app, the report and the CLI
 * (issue 18).  Reads open a connection of their own; every write is one transaction, which
 * also places the segments on the grid again when the value basis or the margin changes
 * what "value" is. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-overlay-private.h"
#include "sc-project-overlay.h"
#include "sc-project-private.h"
#include "sc-run-private.h"
#include "sc-store-private.h"
#include "sc-store-profit.h"
#include "sc-store-rules.h"

ScSegmentProfit *
sc_project_segment_profit (ScProject      *self,
                           const ScProfit *profit,
                           guint          *n_segments)
{
  const ScRun *run = sc_project_get_run (self);

  *n_segments = 0;
  if (run == NULL || profit == NULL || !profit->known)
    return NULL;
  *n_segments = run->n_segments;
  return sc_profit_by_segment (profit, run->labels, run->n_customers, run->n_segments);
}

gboolean
sc_project_get_value_is_profit (ScProject *self)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, NULL);

  return store != NULL && sc_store_get_value_is_profit (store);
}

/* Places the current segments on the grid again, inside the caller's transaction. */
static gboolean
replace_segments (ScStore  *store,
                  GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(ScRun) run = sc_run_load_current (store, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return run == NULL || _sc_run_apply_fresh_potential (store, run, error);
}

/* A connection of its own with a transaction begun, or %NULL with @error set. */
static ScStore *
open_in_transaction (ScProject  *self,
                     GError    **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);

  if (store == NULL || !sc_store_begin (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

static gboolean
commit_or_rollback (ScProject  *self,
                    ScStore    *store,
                    gboolean    ok,
                    GError    **error)
{
  return sc_store_end (store, ok, error) &&
         _sc_project_reload (self, SC_PROJECT_PART_VALUE_MODEL | SC_PROJECT_PART_SEGMENT_FIELDS,
                             error);
}

/**
 * sc_project_set_margin:
 * @percent: the project-wide gross margin, at most 100; NAN removes it
 *
 * The margin gives a cost to every order line without one.  One transaction.
 */
gboolean
sc_project_set_margin (ScProject  *self,
                       double      percent,
                       GError    **error)
{
  g_autoptr(ScStore) store = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  store = open_in_transaction (self, error);
  return store != NULL &&
         commit_or_rollback (self, store,
                             _sc_store_set_margin (store, percent, error) &&
                             (!sc_store_get_value_is_profit (store) ||
                              replace_segments (store, error)), error);
}

/**
 * sc_project_set_value_basis:
 * @profit: %TRUE for profit, %FALSE for revenue
 *
 * Makes value, potential and the value × potential grid use profit or revenue, and places
 * the current segments again.  Profit needs cost data (a cost or margin column, or a
 * project-wide margin): without it, fails with %SC_ERROR_NO_DATA.  One transaction.
 */
gboolean
sc_project_set_value_basis (ScProject  *self,
                            gboolean    profit,
                            GError    **error)
{
  g_autoptr(ScStore) store = NULL;
  g_autoptr(ScProfit) figures = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  store = _sc_project_open_store (self, error);
  if (store == NULL)
    return FALSE;
  if (profit)
    {
      figures = sc_profit_load (store, error);
      if (figures == NULL)
        return FALSE;
      if (!figures->known)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                       _("Profit is not known: import orders with a cost or margin column, or "
                         "set a margin for the whole project (in the columns step of Import Data, or "
                         "segments-cli profit --margin)."));
          return FALSE;
        }
    }
  if (!sc_store_begin (store, error))
    return FALSE;
  return commit_or_rollback (self, store,
                             sc_store_set_value_is_profit (store, profit, error) &&
                             replace_segments (store, error), error);
}

void
sc_rule_info_free (ScRuleInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->expression);
  g_free (info);
}

struct _ScRuleContext
{
  ScStore   *store;
  ScProfit  *profit;
  GPtrArray *fields;
  guint32    n;
};

void
sc_rule_context_free (ScRuleContext *context)
{
  if (context == NULL)
    return;
  g_clear_pointer (&context->fields, g_ptr_array_unref);
  g_clear_pointer (&context->profit, sc_profit_free);
  g_clear_pointer (&context->store, sc_store_close);
  g_free (context);
}

ScRuleContext *
sc_project_rule_context_new (ScProject  *self,
                             GError    **error)
{
  g_autoptr(ScRuleContext) ctx = g_new0 (ScRuleContext, 1);

  g_return_val_if_fail (SC_IS_PROJECT (self), NULL);

  ctx->store = _sc_project_open_store (self, error);
  if (ctx->store == NULL)
    return NULL;
  ctx->n = sc_store_get_n_customers (ctx->store);
  ctx->profit = sc_profit_load (ctx->store, error);
  if (ctx->profit == NULL)
    return NULL;
  ctx->fields = _sc_overlay_load_fields (ctx->store, ctx->profit, error);
  if (ctx->fields == NULL)
    return NULL;
  return g_steal_pointer (&ctx);
}

gint64
sc_rule_context_count (ScRuleContext  *ctx,
                       const char     *name,
                       const char     *expression,
                       GError        **error)
{
  g_autoptr(ScRuleExpr) expr = sc_rule_parse (name, expression, error);

  if (expr == NULL || !sc_rule_bind (expr, ctx->fields, error))
    return -1;
  return (gint64) sc_rule_count (expr, ctx->n);
}

GPtrArray *
sc_rule_context_list_fields (ScRuleContext *ctx)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ctx->fields->len; i++)
    g_ptr_array_add (names, g_strdup (((ScAttribute *) g_ptr_array_index (ctx->fields, i))->name));
  return names;
}

/**
 * sc_project_list_rules:
 *
 * Returns: (transfer full) (element-type ScRuleInfo) (nullable): the rules in first-match
 *   order with their counts, or %NULL with @error (a stored rule that no longer fits the
 *   data, such as one naming an attribute a re-import removed, names itself)
 */
GPtrArray *
sc_project_list_rules (ScProject  *self,
                       GError    **error)
{
  g_autoptr(ScRuleContext) ctx = sc_project_rule_context_new (self, error);
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autofree guint16 *first = NULL;

  if (ctx == NULL || !sc_store_list_rules (ctx->store, &texts, error))
    return NULL;
  rules = _sc_overlay_load_rules (ctx->store, ctx->fields, NULL, error);
  if (rules == NULL)
    return NULL;
  first = g_new (guint16, MAX (ctx->n, 1));
  sc_rules_assign ((ScRuleExpr * const *) rules->pdata, rules->len, ctx->n, first);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_rule_info_free);
  for (guint i = 0; i < texts->len; i++)
    {
      const ScRuleText *t = g_ptr_array_index (texts, i);
      ScRuleInfo *info = g_new0 (ScRuleInfo, 1);

      info->name = g_strdup (t->name);
      info->expression = g_strdup (t->expression);
      info->matching = sc_rule_count (g_ptr_array_index (rules, i), ctx->n);
      for (guint32 c = 0; c < ctx->n; c++)
        info->assigned += first[c] == i;
      g_ptr_array_add (out, info);
    }
  return g_steal_pointer (&out);
}

/**
 * sc_project_add_rule:
 * @matching: (out) (optional): the customers the condition matches
 *
 * Checks the rule against the data (errors name the rule and the position) and appends it
 * in one transaction.
 *
 * Returns: the rule's id, or 0 with @error
 */
gint64
sc_project_add_rule (ScProject   *self,
                     const char  *name,
                     const char  *expression,
                     guint64     *matching,
                     GError     **error)
{
  g_autoptr(ScRuleContext) ctx = NULL;
  g_autofree char *clean = NULL;
  gint64 count, id;

  g_return_val_if_fail (SC_IS_PROJECT (self), 0);
  g_return_val_if_fail (name != NULL && expression != NULL, 0);

  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0' || g_utf8_strchr (clean, -1, '\n') != NULL ||
      g_strcmp0 (clean, SC_OVERLAY_BY_RULES) == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("A rule needs a name on one line (other than “rules”), such as "
                     "“Enterprise”."));
      return 0;
    }
  ctx = sc_project_rule_context_new (self, error);
  if (ctx == NULL)
    return 0;
  count = sc_rule_context_count (ctx, clean, expression, error);
  if (count < 0 || !sc_store_begin (ctx->store, error))
    return 0;
  id = sc_store_add_rule (ctx->store, clean, expression, error);
  if (!sc_store_end (ctx->store, id != 0, error))
    return 0;
  if (matching != NULL)
    *matching = (guint64) count;
  return id;
}

gboolean
sc_project_delete_rule (ScProject   *self,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(ScStore) store = NULL;

  g_return_val_if_fail (SC_IS_PROJECT (self), FALSE);

  store = open_in_transaction (self, error);
  return store != NULL && sc_store_end (store, sc_store_delete_rule (store, name, error), error);
}

GPtrArray *
sc_project_list_attribute_names (ScProject  *self,
                                 GError    **error)
{
  g_autoptr(ScStore) store = _sc_project_open_store (self, error);
  g_autoptr(GPtrArray) attributes = NULL;
  GPtrArray *names;

  if (store == NULL ||
      !sc_store_list_attributes (store, &attributes, error))
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < attributes->len; i++)
    g_ptr_array_add (names, g_strdup (((ScAttribute *) g_ptr_array_index (attributes, i))->name));
  return names;
}
