/* seg-data-quality.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Overview's "Data Quality" section: the audit of the project (sc_project_audit) as rows,
 * each with the revenue the problem touches.  The audit reads every order line, so it runs
 * in a worker of the project and is read again only when the data changes; the section stays
 * hidden until the first audit is there, so nothing shows a stand-in figure. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-project-overlay.h"
#include "seg-data-quality.h"
#include "seg-format.h"

/* The columns with the most missing values the section lists. */
#define N_MISSING_COLUMNS 3

struct _SegDataQuality
{
  SegFigureGroup parent_instance;
};

G_DEFINE_FINAL_TYPE (SegDataQuality, seg_data_quality, SEG_TYPE_FIGURE_GROUP)

static const ScAuditProblem *
find_problem (const ScAudit *audit,
              const char    *key)
{
  for (guint i = 0; i < audit->problems->len; i++)
    {
      const ScAuditProblem *p = g_ptr_array_index (audit->problems, i);

      if (g_strcmp0 (p->key, key) == 0)
        return p;
    }
  return NULL;
}

static const char *
currency (SegDataQuality *self)
{
  return sc_project_get_currency (seg_figure_group_get_project (SEG_FIGURE_GROUP (self)), NULL);
}

/* "… bringing 1,234 of revenue", or the sentence alone where the revenue cannot be known. */
static char *
with_revenue (SegDataQuality *self,
              const char     *sentence,
              double          revenue)
{
  g_autofree char *amount = NULL;

  if (!isfinite (revenue))
    return g_strdup (sentence);
  amount = seg_format_amount (currency (self), revenue);
  /* Translators: a sentence about customers or rows, then an amount of revenue */
  return g_strdup_printf (_("%s; revenue touched: %s"), sentence, amount);
}

static void
add_count (SegDataQuality *self,
           const ScAudit  *audit,
           const char     *key,
           const char     *title,
           guint64         count,
           const char     *none)
{
  const ScAuditProblem *p = find_problem (audit, key);
  g_autofree char *value = seg_format_count (count);
  g_autofree char *subtitle = p != NULL ? with_revenue (self, p->sentence, p->revenue)
                                        : g_strdup (none);

  seg_figure_group_add (SEG_FIGURE_GROUP (self), key, title, value, subtitle);
}

static int
compare_missing (gconstpointer a,
                 gconstpointer b)
{
  const ScAuditColumn *x = *(ScAuditColumn * const *) a;
  const ScAuditColumn *y = *(ScAuditColumn * const *) b;

  return (x->missing_share < y->missing_share) - (x->missing_share > y->missing_share);
}

static void
add_missing_columns (SegDataQuality *self,
                     const ScAudit  *audit)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();

  for (guint i = 0; i < audit->columns->len; i++)
    {
      ScAuditColumn *c = g_ptr_array_index (audit->columns, i);

      if (c->missing > 0)
        g_ptr_array_add (columns, c);
    }
  g_ptr_array_sort (columns, compare_missing);
  for (guint i = 0; i < columns->len && i < N_MISSING_COLUMNS; i++)
    {
      const ScAuditColumn *c = g_ptr_array_index (columns, i);
      gboolean orders = g_strcmp0 (c->file, "orders") == 0;
      g_autofree char *share = seg_format_share (c->missing_share);
      g_autofree char *count = seg_format_count (c->missing);
      g_autofree char *title = NULL;
      g_autofree char *sentence = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *name = g_strdup_printf ("missing-%u", i);

      title = orders ? g_strdup_printf (_("Missing “%s” (orders)"), c->name)
                     : g_strdup_printf (_("Missing “%s” (customer list)"), c->name);
      sentence = orders ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order line",
                                                        "%s order lines", c->missing), count)
                        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer",
                                                        "%s customers", c->missing), count);
      subtitle = with_revenue (self, sentence, c->revenue);
      seg_figure_group_add (SEG_FIGURE_GROUP (self), name, title, share, subtitle);
    }
}

/* Group descriptions are markup; the summary may name a column such as "R&D budget". */
static void
set_description (SegDataQuality *self,
                 const char     *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), escaped);
}

static void
show_audit (SegDataQuality *self,
            const ScAudit  *audit)
{
  seg_figure_group_clear (SEG_FIGURE_GROUP (self));

  if (audit->customers > 0)
    {
      const ScAuditProblem *p = find_problem (audit, "consent_unknown");
      g_autofree char *share = seg_format_share (audit->consent_coverage);
      g_autofree char *subtitle = p != NULL ? with_revenue (self, p->sentence, p->revenue)
                                            : g_strdup (_("Every customer has a yes or no"));

      seg_figure_group_add (SEG_FIGURE_GROUP (self), "consent_coverage",
                            _("Marketing consent known"), share, subtitle);
    }
  if (audit->listed > 0)
    {
      add_count (self, audit, "customers_without_orders", _("Customers without orders"),
                 audit->customers_without_orders, _("Every listed customer has ordered"));
      add_count (self, audit, "orders_without_listed_customer",
                 _("Order lines without a listed customer"),
                 audit->orders_without_listed_customer,
                 _("Every ordering customer is in the customer list"));
      add_count (self, audit, "duplicate_ids", _("Duplicate customer ids"), audit->duplicate_ids,
                 _("Every customer is listed once"));
    }
  add_count (self, audit, "conflicting_values", _("Conflicting values"), audit->conflicts,
             _("No re-import changed a customer’s values"));
  add_count (self, audit, "rejected_rows", _("Rejected rows"), audit->rejected_rows,
             _("Every row could be read"));
  add_missing_columns (self, audit);

  set_description (self, audit->summary);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
seg_data_quality_loaded (SegFigureGroup *group,
                         ScProject      *project,
                         GAsyncResult   *result)
{
  SegDataQuality *self = SEG_DATA_QUALITY (group);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScAudit) audit = sc_project_audit_finish (project, result, &error);

  if (!seg_figure_group_keep_result (group, result, error))
    return;
  if (audit != NULL)
    show_audit (self, audit);
  else
    {
      /* The section says why instead of showing figures it does not have. */
      seg_figure_group_clear (group);
      set_description (self, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
    }
}

static void
seg_data_quality_class_init (SegDataQualityClass *klass)
{
  SegFigureGroupClass *group_class = SEG_FIGURE_GROUP_CLASS (klass);

  group_class->load = sc_project_audit_async;
  group_class->loaded = seg_data_quality_loaded;
}

static void
seg_data_quality_init (SegDataQuality *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Data Quality"));
}

/**
 * seg_data_quality_new:
 *
 * Returns: (transfer floating): a new, hidden section
 */
GtkWidget *
seg_data_quality_new (void)
{
  return g_object_new (SEG_TYPE_DATA_QUALITY, NULL);
}
