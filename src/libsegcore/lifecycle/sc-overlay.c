/* sc-overlay.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Overlays (issue 18): behavioural segments as the primary lens, a firmographic one laid
 * over them — any attribute of the customer list, or the rule segments, first match wins.
 * Every customer falls in exactly one cell (a customer without a segment, a value or a
 * matching rule has a row or column of its own), so the cells always add up to the totals. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-aggregates.h"
#include "sc-format.h"
#include "sc-overlay-private.h"
#include "sc-run-private.h"
#include "sc-stats.h"
#include "sc-store-rules.h"

void
sc_overlay_free (ScOverlay *overlay)
{
  if (overlay == NULL)
    return;
  g_free (overlay->by);
  g_strfreev (overlay->row_names);
  g_free (overlay->row_positions);
  g_strfreev (overlay->column_names);
  g_free (overlay->cells);
  g_free (overlay);
}

static ScAttribute *
feature (const char *name,
         guint32     n)
{
  ScAttribute *a = g_new0 (ScAttribute, 1);

  a->name = g_strdup (name);
  a->values = g_new (double, MAX (n, 1));
  return a;
}

static gboolean
has_field (GPtrArray  *fields,
           const char *name)
{
  for (guint i = 0; i < fields->len; i++)
    if (g_ascii_strcasecmp (((ScAttribute *) g_ptr_array_index (fields, i))->name, name) == 0)
      return TRUE;
  return FALSE;
}

GPtrArray *
_sc_overlay_load_fields (ScStore         *store,
                         const ScProfit  *profit,
                         GError         **error)
{
  guint32 n = sc_store_get_n_customers (store);
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(ScAggregates) agg = NULL;
  const char *names[] = { "spend", "revenue", "orders", "aov", "recency", "tenure", "profit" };
  ScDay last;

  if (!sc_store_load_attributes (store, n, &fields, error))
    return NULL;
  agg = sc_store_load_aggregates (store, error);
  if (agg == NULL)
    return NULL;
  last = sc_aggregates_last_day (agg);

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      ScAttribute *a;

      if (has_field (fields, names[f]) || (f == 6 && (profit == NULL || !profit->known)))
        continue;
      a = feature (names[f], n);
      for (guint32 c = 0; c < n; c++)
        {
          gboolean any = c < agg->n && agg->n_rows[c] > 0;
          double v = NAN;

          if (any)
            switch (f)
              {
              case 0: case 1: v = agg->monetary[c]; break;
              case 2: v = agg->n_orders[c]; break;
              case 3: v = agg->n_orders[c] > 0 ? agg->monetary[c] / agg->n_orders[c] : 0; break;
              case 4: v = (double) last - agg->last_day[c]; break;
              case 5: v = (double) last - agg->first_day[c]; break;
              default: v = profit->profit[c]; break;
              }
          a->values[c] = v;
        }
      g_ptr_array_add (fields, a);
    }
  return g_steal_pointer (&fields);
}

GPtrArray *
_sc_overlay_load_rules (ScStore    *store,
                        GPtrArray  *fields,
                        GPtrArray **names,
                        GError    **error)
{
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_rule_expr_free);
  g_autoptr(GPtrArray) rule_names = g_ptr_array_new_with_free_func (g_free);

  if (!sc_store_list_rules (store, &texts, error))
    return NULL;
  for (guint i = 0; i < texts->len; i++)
    {
      const ScRuleText *t = g_ptr_array_index (texts, i);
      ScRuleExpr *e = sc_rule_parse (t->name, t->expression, error);

      if (e == NULL)
        return NULL;
      g_ptr_array_add (rules, e);
      if (!sc_rule_bind (e, fields, error))
        return NULL;
      g_ptr_array_add (rule_names, g_strdup (t->name));
    }
  if (names != NULL)
    *names = g_steal_pointer (&rule_names);
  return g_steal_pointer (&rules);
}

/* Four bands by quartile of a numeric attribute: codes 0–3, 4 for missing. */
static guint
numeric_bands (const ScAttribute *a,
               guint32            n,
               guint16           *code,
               GPtrArray         *labels)
{
  g_autofree double *v = g_new (double, MAX (n, 1));
  const double probs[] = { 0.25, 0.5, 0.75 };
  double q[3];
  gsize m = 0;
  guint n_bands = 0;
  double edges[4];

  for (guint32 c = 0; c < n; c++)
    if (isfinite (a->values[c]))
      v[m++] = a->values[c];
  if (m == 0)
    return 0;
  sc_quantiles (v, m, probs, 3, q);
  /* Distinct upper edges only: a column of few values gives fewer bands. */
  for (guint i = 0; i < 3; i++)
    if (n_bands == 0 || q[i] > edges[n_bands - 1])
      edges[n_bands++] = q[i];
  for (guint b = 0; b <= n_bands; b++)
    {
      g_autofree char *lo = b > 0 ? sc_format_number (edges[b - 1], -1) : NULL;
      g_autofree char *hi = b < n_bands ? sc_format_number (edges[b], -1) : NULL;

      if (b == 0)
        g_ptr_array_add (labels, g_strdup_printf ("≤ %s", hi));
      else if (b == n_bands)
        g_ptr_array_add (labels, g_strdup_printf ("> %s", lo));
      else
        g_ptr_array_add (labels, g_strdup_printf ("%s – %s", lo, hi));
    }
  for (guint32 c = 0; c < n; c++)
    {
      guint b = 0;

      if (!isfinite (a->values[c]))
        {
          code[c] = G_MAXUINT16;
          continue;
        }
      while (b < n_bands && a->values[c] > edges[b])
        b++;
      code[c] = (guint16) b;
    }
  return n_bands + 1;
}

/* Overlay value per customer (G_MAXUINT16: none) and the values' names. */
static gboolean
overlay_codes (ScStore         *store,
               const char      *by,
               const ScProfit  *profit,
               guint32          n,
               guint16         *code,
               GPtrArray       *labels,
               const char     **none_label,
               GError         **error)
{
  g_autoptr(GPtrArray) fields = _sc_overlay_load_fields (store, profit, error);
  const ScAttribute *attr = NULL;

  if (fields == NULL)
    return FALSE;
  if (g_strcmp0 (by, SC_OVERLAY_BY_RULES) == 0)
    {
      g_autoptr(GPtrArray) names = NULL;
      g_autoptr(GPtrArray) rules = _sc_overlay_load_rules (store, fields, &names, error);

      if (rules == NULL)
        return FALSE;
      if (rules->len == 0)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_NO_DATA,
                       _("The project has no rules yet: add one with segments-cli rules add "
                         "(or in the rules editor of the Segments page)."));
          return FALSE;
        }
      sc_rules_assign ((ScRuleExpr * const *) rules->pdata, rules->len, n, code);
      for (guint32 c = 0; c < n; c++)
        if (code[c] == rules->len)
          code[c] = G_MAXUINT16;
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (labels, g_strdup (g_ptr_array_index (names, i)));
      *none_label = _("No rule");
      return TRUE;
    }

  /* Attributes only (the fields start with them): features are for rules. */
  {
    g_autoptr(GPtrArray) attributes = NULL;

    if (!sc_store_load_attributes (store, n, &attributes, error))
      return FALSE;
    for (guint i = 0; i < attributes->len && attr == NULL; i++)
      if (g_utf8_collate (((ScAttribute *) g_ptr_array_index (attributes, i))->name, by) == 0 ||
          g_ascii_strcasecmp (((ScAttribute *) g_ptr_array_index (attributes, i))->name, by) == 0)
        attr = g_ptr_array_index (fields, i);
    if (attr == NULL)
      {
        g_autoptr(GString) list = g_string_new (NULL);

        for (guint i = 0; i < attributes->len; i++)
          g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "",
                                  ((ScAttribute *) g_ptr_array_index (attributes, i))->name);
        g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                     attributes->len > 0
                     ? _("The customer list has no attribute “%s”; overlay by “rules” or by one "
                         "of: %s.")
                     : _("The customer list has no attribute “%s”%s; import a customer list "
                         "with attributes, or overlay by “rules”."), by, list->str);
        return FALSE;
      }
  }
  *none_label = _("(missing)");
  if (attr->categorical)
    {
      for (guint32 c = 0; c < n; c++)
        code[c] = attr->codes[c] >= 0 && (guint) attr->codes[c] < attr->n_levels
                  ? (guint16) attr->codes[c] : G_MAXUINT16;
      for (guint l = 0; l < attr->n_levels; l++)
        g_ptr_array_add (labels, g_strdup (attr->levels[l]));
      return TRUE;
    }
  numeric_bands (attr, n, code, labels);
  return TRUE;
}

ScOverlay *
_sc_overlay_compute (ScStore     *store,
                     const char  *by,
                     GError     **error)
{
  guint32 n = sc_store_get_n_customers (store);
  g_autoptr(ScOverlay) ov = g_new0 (ScOverlay, 1);
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScProfit) profit = NULL;
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint16 *code = g_new (guint16, MAX (n, 1));
  g_autofree guint *row_of = NULL;
  g_autofree guint *order = NULL;
  const char *none_label = NULL;
  gboolean any_unsegmented = FALSE, any_none = FALSE;
  guint n_values, n_seg_rows;

  run = _sc_run_load_current_or (store, _("The project has no segments yet: segment it first."),
                                 error);
  if (run == NULL)
    return NULL;
  profit = sc_profit_load (store, error);
  agg = profit != NULL ? sc_store_load_aggregates (store, error) : NULL;
  if (agg == NULL || !overlay_codes (store, by, profit, n, code, labels, &none_label, error))
    return NULL;

  for (guint32 c = 0; c < n; c++)
    {
      any_none |= code[c] == G_MAXUINT16;
      any_unsegmented |= c >= run->n_customers || run->labels[c] >= run->n_segments;
    }
  n_values = labels->len;
  if (any_none)
    g_ptr_array_add (labels, g_strdup (none_label));
  g_ptr_array_add (labels, NULL);

  /* Rows: the segments in priority order, then "Not segmented". */
  order = sc_run_priority_order (run);
  n_seg_rows = run->n_segments;
  ov->n_rows = n_seg_rows + (any_unsegmented ? 1 : 0);
  ov->row_names = g_new0 (char *, ov->n_rows + 1);
  ov->row_positions = g_new0 (guint, ov->n_rows);
  row_of = g_new0 (guint, MAX (run->n_segments, 1));
  for (guint i = 0; i < n_seg_rows; i++)
    {
      ov->row_names[i] = g_strdup (run->segments[order[i]].name);
      ov->row_positions[i] = order[i];
      row_of[order[i]] = i;
    }
  if (any_unsegmented)
    {
      ov->row_names[n_seg_rows] = g_strdup (_("Not segmented"));
      ov->row_positions[n_seg_rows] = G_MAXUINT;
    }

  ov->by = g_strdup (by);
  ov->n_columns = labels->len - 1;
  ov->column_names = (char **) g_ptr_array_free (g_steal_pointer (&labels), FALSE);
  ov->cells = g_new0 (ScOverlayCell, MAX ((gsize) ov->n_rows * ov->n_columns, 1));
  ov->has_profit = profit->known;
  for (guint r = 0; r < ov->n_rows; r++)
    for (guint k = 0; k < ov->n_columns; k++)
      {
        ScOverlayCell *cell = &ov->cells[r * ov->n_columns + k];
        cell->row = r;
        cell->column = k;
        cell->profit = NAN;
      }

  ov->profit = NAN;
  for (guint32 c = 0; c < n; c++)
    {
      guint r = c < run->n_customers && run->labels[c] < run->n_segments
                ? row_of[run->labels[c]] : n_seg_rows;
      guint k = code[c] == G_MAXUINT16 ? n_values : code[c];
      ScOverlayCell *cell = &ov->cells[r * ov->n_columns + k];
      double rev = c < agg->n ? agg->monetary[c] : 0;

      cell->customers++;
      cell->revenue += rev;
      ov->customers++;
      ov->revenue += rev;
      if (isfinite (profit->profit[c]))
        {
          cell->profit = isfinite (cell->profit) ? cell->profit + profit->profit[c]
                                                 : profit->profit[c];
          ov->profit = isfinite (ov->profit) ? ov->profit + profit->profit[c] : profit->profit[c];
        }
    }
  return g_steal_pointer (&ov);
}
