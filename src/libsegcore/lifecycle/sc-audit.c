/* sc-audit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The data-quality audit (issue 18): what the imports left unsaid — missing values per
 * column, ids repeated or unmatched between the orders and the customer list, values that a
 * re-import changed, consent coverage, order lines without a cost, interaction types — each
 * with the revenue it touches, so that people fix what matters first.  Everything is read
 * from the project as it is; nothing is stored. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-aggregates.h"
#include "sc-audit-private.h"
#include "sc-format.h"
#include "sc-store-interactions.h"
#include "sc-store-private.h"
#include "sc-store-profit.h"
#include "sc-store-rules.h"

static void
column_free (ScAuditColumn *c)
{
  g_free (c->file);
  g_free (c->name);
  g_free (c);
}

static void
problem_free (ScAuditProblem *p)
{
  g_free (p->key);
  g_free (p->sentence);
  g_free (p);
}

void
sc_audit_free (ScAudit *audit)
{
  if (audit == NULL)
    return;
  g_clear_pointer (&audit->interaction_types, g_ptr_array_unref);
  g_clear_pointer (&audit->interaction_counts, g_array_unref);
  g_clear_pointer (&audit->columns, g_ptr_array_unref);
  g_clear_pointer (&audit->problems, g_ptr_array_unref);
  g_free (audit->summary);
  g_free (audit);
}

/* "3.2 % of revenue" (or nothing when the revenue is unknown or the total is not positive). */
static char *
revenue_part (const ScAudit *audit,
              double         revenue)
{
  g_autofree char *pct = NULL;

  if (!isfinite (revenue) || !(audit->revenue > 0))
    return g_strdup ("");
  pct = sc_format_percent (revenue / audit->revenue, 1);
  /* Translators: appended to a data-quality problem: a share of the project's revenue */
  return g_strdup_printf (_(", %s of revenue"), pct);
}

static void
add_problem (ScAudit    *audit,
             const char *key,
             guint64     count,
             guint64     customers,
             double      revenue,
             char       *what)      /* taken */
{
  ScAuditProblem *p = g_new0 (ScAuditProblem, 1);
  g_autofree char *part = revenue_part (audit, revenue);

  p->key = g_strdup (key);
  p->count = count;
  p->customers = customers;
  p->revenue = revenue;
  p->sentence = g_strconcat (what, part, NULL);
  g_free (what);
  g_ptr_array_add (audit->problems, p);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const ScAuditProblem *x = *(ScAuditProblem * const *) a;
  const ScAuditProblem *y = *(ScAuditProblem * const *) b;
  double rx = isfinite (x->revenue) ? x->revenue : -1;
  double ry = isfinite (y->revenue) ? y->revenue : -1;

  if (rx != ry)
    return rx > ry ? -1 : 1;
  return x->count > y->count ? -1 : x->count < y->count;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The interaction types seen, with their rows, in the order of the project's type list. */
static gboolean
audit_interactions (ScStore  *store,
                    ScAudit  *audit,
                    GError  **error)
{
  g_autoptr(ScInteractions) ix = NULL;
  g_autofree guint64 *counts = NULL;
  guint n_types;

  audit->interactions = sc_store_has_interactions (store);
  if (!audit->interactions)
    return TRUE;
  ix = sc_store_load_interactions (store, NULL, error);
  if (ix == NULL)
    return FALSE;
  n_types = sc_interactions_n_types (ix);
  counts = g_new0 (guint64, MAX (n_types, 1));
  for (gsize r = 0; r < ix->n; r++)
    if (ix->type[r] < n_types)
      counts[ix->type[r]]++;
  for (guint t = 0; t < n_types; t++)
    {
      g_ptr_array_add (audit->interaction_types, g_strdup (ix->types[t]));
      g_array_append_val (audit->interaction_counts, counts[t]);
    }
  return TRUE;
}

/* Missing values and distinct values of one attribute among the customers in @in. */
static ScAuditColumn *
audit_attribute (const ScAttribute  *a,
                 const guint8       *in,
                 const ScAggregates *agg,
                 guint32             n)
{
  ScAuditColumn *col = g_new0 (ScAuditColumn, 1);
  g_autofree double *values = g_new (double, MAX (n, 1));
  gsize m = 0;
  guint64 total = 0;

  col->file = g_strdup ("customers");
  col->name = g_strdup (a->name);
  for (guint32 c = 0; c < n; c++)
    {
      gboolean missing;

      if (!in[c])
        continue;
      total++;
      missing = a->categorical ? a->codes[c] < 0 || (guint) a->codes[c] >= a->n_levels
                               : !isfinite (a->values[c]);
      if (missing)
        {
          col->missing++;
          col->revenue += agg->monetary[c];
        }
      else
        values[m++] = a->categorical ? a->codes[c] : a->values[c];
    }
  qsort (values, m, sizeof (double), compare_doubles);
  for (gsize i = 0; i < m; i++)
    col->distinct += i == 0 || values[i] != values[i - 1];
  col->missing_share = total > 0 ? (double) col->missing / total : 0;
  return col;
}

static gboolean
audit_imports (ScStore  *store,
               ScAudit  *audit,
               GError  **error)
{
  g_autoptr(GArray) records = NULL;

  if (!sc_store_list_imports (store, &records, error))
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      const ScImportRecord *r = &g_array_index (records, ScImportRecord, i);

      audit->rejected_rows += r->rows_rejected;
      if (g_strcmp0 (r->kind, "customers") == 0)
        audit->duplicate_ids += r->duplicate_rows;
      else
        {
          audit->duplicate_rows += r->duplicate_rows;
          audit->duplicate_order_ids += r->duplicate_order_ids;
        }
    }
  return TRUE;
}

/* @sentence (a plural form chosen for @n) with its "%s" replaced by @n written as every other
 * count is (1,234). */
static char *
counted (const char *sentence,
         guint64     n)
{
  g_autofree char *count = sc_format_count (n);
  GString *text = g_string_new (sentence);

  g_string_replace (text, "%s", count, 1);
  return g_string_free (text, FALSE);
}

static gboolean
audit_conflicts (ScStore            *store,
                 ScAudit            *audit,
                 const ScAggregates *agg,
                 guint32             n,
                 GError            **error)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree guint8 *seen = g_new0 (guint8, MAX (n, 1));
  guint64 customers = 0;
  double revenue = 0;

  if (!sc_store_list_conflicts (store, &conflicts, error))
    return FALSE;
  audit->conflicts = conflicts->len;
  for (guint i = 0; i < conflicts->len; i++)
    {
      const ScAttributeConflict *k = g_ptr_array_index (conflicts, i);

      for (guint j = 0; j < audit->columns->len; j++)
        {
          ScAuditColumn *col = g_ptr_array_index (audit->columns, j);
          if (g_strcmp0 (col->file, "customers") == 0 && g_strcmp0 (col->name, k->attribute) == 0)
            col->conflicts++;
        }
      if (k->customer < n && !seen[k->customer])
        {
          seen[k->customer] = 1;
          customers++;
          revenue += agg->monetary[k->customer];
        }
    }
  if (conflicts->len > 0)
    {
      g_autofree char *count = sc_format_count ((guint64) conflicts->len);
      g_autofree char *count2 = sc_format_count (customers);

      add_problem (audit, "conflicting_values", conflicts->len, customers, revenue,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s value was changed by a "
                                                 "later customer list (%s"
                                                 " customers)",
                                                 "%s values were changed by a "
                                                 "later customer list (%s"
                                                 " customers)", conflicts->len), count, count2));
    }
  return TRUE;
}

static void
audit_costs (ScAudit       *audit,
             const ScCosts *costs)
{
  ScAuditColumn *col;
  guint64 lines = 0, customers = 0;

  if (!costs->any_cost)
    return;
  col = g_new0 (ScAuditColumn, 1);
  col->file = g_strdup ("orders");
  col->name = g_strdup ("cost");
  for (guint32 c = 0; c < costs->n; c++)
    {
      lines += costs->known_lines[c] + costs->unknown_lines[c];
      col->missing += costs->unknown_lines[c];
      col->revenue += costs->unknown_revenue[c];
      customers += costs->unknown_lines[c] > 0;
    }
  col->missing_share = lines > 0 ? (double) col->missing / lines : 0;
  col->distinct = 0;
  g_ptr_array_add (audit->columns, col);
  if (col->missing > 0)
    add_problem (audit, "lines_without_cost", col->missing, customers, col->revenue,
                 counted (g_dngettext (GETTEXT_PACKAGE,
                                       "%s order line has no cost",
                                       "%s order lines have no cost", col->missing),
                          col->missing));
}

static void
write_summary (ScAudit *audit)
{
  g_autoptr(GString) s = g_string_new (_("Data quality: "));
  g_autofree char *consent = sc_format_percent (audit->consent_coverage, 0);

  if (audit->problems->len == 0)
    g_string_append (s, _("no problems found"));
  for (guint i = 0; i < MIN (audit->problems->len, 3); i++)
    {
      const ScAuditProblem *p = g_ptr_array_index (audit->problems, i);
      g_string_append_printf (s, "%s%s", i > 0 ? "; " : "", p->sentence);
    }
  if (audit->problems->len > 3)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "; and %u more problem",
                                            "; and %u more problems", audit->problems->len - 3),
                            audit->problems->len - 3);
  /* Translators: the end of the data-quality line; the share of customers */
  g_string_append_printf (s, _(". Consent is known for %s of customers."), consent);
  audit->summary = g_string_free (g_steal_pointer (&s), FALSE);
}

ScAudit *
_sc_audit_compute (ScStore  *store,
                   GError  **error)
{
  guint32 n = sc_store_get_n_customers (store);
  g_autoptr(ScAudit) audit = g_new0 (ScAudit, 1);
  g_autoptr(ScAggregates) agg = NULL;
  g_autoptr(ScCosts) costs = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autofree gint8 *consent = g_new0 (gint8, MAX (n, 1));
  g_autofree guint8 *listed = g_new0 (guint8, MAX (n, 1));
  g_autofree guint8 *in = g_new0 (guint8, MAX (n, 1));
  guint64 known = 0, yes = 0, unknown_listed = 0;
  double unknown_revenue = 0, without_revenue = 0;

  audit->interaction_types = g_ptr_array_new_with_free_func (g_free);
  audit->interaction_counts = g_array_new (FALSE, FALSE, sizeof (guint64));
  audit->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  audit->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  audit->customers = n;

  agg = sc_store_load_aggregates (store, error);
  if (agg == NULL || agg->n < n ||
      !sc_store_load_consent (store, n, consent, listed, error) ||
      !sc_store_load_attributes (store, n, &attributes, error) ||
      !audit_imports (store, audit, error) || !audit_interactions (store, audit, error))
    {
      if (agg != NULL && agg->n < n)
        g_set_error (error, SC_ERROR, SC_ERROR_PROJECT, _("“%s” is damaged: the customer "
                     "summaries are missing."), sc_store_get_path (store));
      return NULL;
    }
  costs = sc_store_load_costs (store, n, error);
  if (costs == NULL)
    return NULL;

  for (guint32 c = 0; c < n; c++)
    {
      audit->revenue += agg->monetary[c];
      audit->listed += listed[c] != 0;
    }
  for (guint32 c = 0; c < n; c++)
    {
      gboolean has_orders = agg->n_rows[c] > 0;

      /* Attributes are judged over the customer list when there is one, else over the
       * customers with orders (attributes can come from an orders file too). */
      in[c] = audit->listed > 0 ? listed[c] != 0 : has_orders;
      if (consent[c] == 0 || consent[c] == 1)
        {
          known++;
          yes += consent[c] == 1;
        }
      else
        {
          unknown_listed++;
          unknown_revenue += agg->monetary[c];
        }
      if (listed[c] && !has_orders)
        audit->customers_without_orders++;
      if (audit->listed > 0 && !listed[c] && has_orders)
        {
          audit->unlisted_customers++;
          audit->orders_without_listed_customer += agg->n_rows[c];
          without_revenue += agg->monetary[c];
        }
    }
  audit->unlisted_revenue = without_revenue;
  audit->consent_coverage = n > 0 ? (double) known / n : 0;
  audit->consent_yes = n > 0 ? (double) yes / n : 0;

  for (guint i = 0; i < attributes->len; i++)
    {
      ScAuditColumn *col = audit_attribute (g_ptr_array_index (attributes, i), in, agg, n);

      g_ptr_array_add (audit->columns, col);
      if (col->missing > 0)
        {
          g_autofree char *count = sc_format_count (col->missing);

          add_problem (audit, "missing_values", col->missing, col->missing, col->revenue,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "“%s” is missing for %s customer",
                                                     "“%s” is missing for %s customers",
                                                     col->missing),
                                        col->name, count));
        }
    }
  audit_costs (audit, costs);
  if (!audit_conflicts (store, audit, agg, n, error))
    return NULL;

  if (audit->unlisted_customers > 0)
    add_problem (audit, "orders_without_listed_customer", audit->orders_without_listed_customer,
                 audit->unlisted_customers, without_revenue,
                 counted (g_dngettext (GETTEXT_PACKAGE,
                                       "%s customer with orders is "
                                       "not in the customer list",
                                       "%s customers with orders are "
                                       "not in the customer list", audit->unlisted_customers),
                          audit->unlisted_customers));
  if (audit->customers_without_orders > 0)
    add_problem (audit, "customers_without_orders", audit->customers_without_orders,
                 audit->customers_without_orders, 0,
                 counted (g_dngettext (GETTEXT_PACKAGE,
                                       "%s listed customer has no orders",
                                       "%s listed customers have no orders",
                                       audit->customers_without_orders),
                          audit->customers_without_orders));
  if (unknown_listed > 0 && n > 0)
    add_problem (audit, "consent_unknown", unknown_listed, unknown_listed, unknown_revenue,
                 counted (g_dngettext (GETTEXT_PACKAGE,
                                       "consent is unknown for %s customer",
                                       "consent is unknown for %s customers", unknown_listed),
                          unknown_listed));
  if (audit->duplicate_ids > 0)
    add_problem (audit, "duplicate_ids", audit->duplicate_ids, 0, NAN,
                 counted (g_dngettext (GETTEXT_PACKAGE,
                                       "%s customer id is listed "
                                       "twice (the first listing is kept)",
                                       "%s customer ids are listed "
                                       "again (the first listing is kept)", audit->duplicate_ids),
                          audit->duplicate_ids));
  if (audit->duplicate_rows > 0)
    add_problem (audit, "duplicate_rows", audit->duplicate_rows, 0, NAN,
                 counted (g_dngettext (GETTEXT_PACKAGE,
                                       "%s order row repeated another "
                                       "exactly and was skipped",
                                       "%s order rows repeated others "
                                       "exactly and were skipped", audit->duplicate_rows),
                          audit->duplicate_rows));
  if (audit->duplicate_order_ids > 0)
    add_problem (audit, "duplicate_order_ids", audit->duplicate_order_ids, 0, NAN,
                 counted (g_dngettext (GETTEXT_PACKAGE,
                                       "%s order row reuses another "
                                       "customer’s order id",
                                       "%s order rows reuse another "
                                       "customer’s order id", audit->duplicate_order_ids),
                          audit->duplicate_order_ids));
  if (audit->rejected_rows > 0)
    add_problem (audit, "rejected_rows", audit->rejected_rows, 0, NAN,
                 counted (g_dngettext (GETTEXT_PACKAGE,
                                       "%s row could not be read "
                                       "(segments-cli problems lists it)",
                                       "%s rows could not be read "
                                       "(segments-cli problems lists them)", audit->rejected_rows),
                          audit->rejected_rows));
  g_ptr_array_sort (audit->problems, compare_problems);
  write_summary (audit);
  return g_steal_pointer (&audit);
}
