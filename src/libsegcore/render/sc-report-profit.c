/* sc-report-profit.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report's "Profit" section, only where a cost or a margin is known: gross profit, the
 * customers who cost more to serve than they are worth, and each segment's profit and share
 * of profit.  Order lines without a cost are said to be left out, never counted as zero. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-feature-sets.h"
#include "sc-profit.h"
#include "sc-report-private.h"

static void
add_sentences (ScReport       *self,
               ScSection      *section,
               const ScProfit *p)
{
  g_autofree char *total = _sc_report_fmt_money (self, p->total_profit);
  g_autofree char *text = NULL;

  if (p->lines_unknown == 0)
    {
      g_autofree char *revenue = _sc_report_fmt_money (self, p->total_revenue);

      /* Translators: gross profit, then net revenue */
      text = g_strdup_printf (_("Gross profit is %s on net revenue of %s."), total, revenue);
    }
  else
    {
      g_autofree char *lines = _sc_report_fmt_count (p->lines_unknown);
      g_autofree char *revenue = _sc_report_fmt_money (self, p->revenue_unknown);

      /* Translators: gross profit, a number of order lines, then their revenue */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Gross profit is %s where costs are known; %s order "
                                           "line without a cost (%s of revenue) is left out.",
                                           "Gross profit is %s where costs are known; %s order "
                                           "lines without a cost (%s of revenue) are left out.",
                                           p->lines_unknown), total, lines, revenue);
    }
  sc_section_add_text (section, SC_STYLE_BODY, text);
  g_clear_pointer (&text, g_free);

  if (p->lines_from_margin > 0 && isfinite (p->margin_percent))
    {
      g_autofree char *lines = _sc_report_fmt_count (p->lines_from_margin);
      g_autofree char *margin = _sc_report_fmt_fixed (p->margin_percent, 1);

      /* Translators: a number of order lines, then a margin in percent */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s order line is costed with the project-wide "
                                           "margin of %s%%.",
                                           "%s order lines are costed with the project-wide "
                                           "margin of %s%%.", p->lines_from_margin),
                              lines, margin);
      sc_section_add_text (section, SC_STYLE_BODY, text);
      g_clear_pointer (&text, g_free);
    }

  if (p->customers_unprofitable > 0)
    {
      g_autofree char *count = _sc_report_fmt_count (p->customers_unprofitable);
      g_autofree char *loss = _sc_report_fmt_money (self, p->unprofitable_loss);
      g_autofree char *revenue = _sc_report_fmt_money (self, p->unprofitable_revenue);

      /* Translators: a number of customers, an amount lost, then their revenue */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s customer costs more to serve than they are "
                                           "worth: a loss of %s on %s of revenue.",
                                           "%s customers cost more to serve than they are "
                                           "worth: together a loss of %s on %s of revenue.",
                                           p->customers_unprofitable), count, loss, revenue);
    }
  else
    text = g_strdup (_("No customer costs more to serve than they are worth."));
  sc_section_add_text (section, SC_STYLE_BODY, text);

  if (p->value_is_profit)
    sc_section_add_text (section, SC_STYLE_BODY,
                         _("Value and the value × potential grid use gross profit instead of "
                           "revenue."));
}

/* A run built on profit: how many customers it had to place without one. */
static void
add_built_on_profit (ScSection      *section,
                     const ScRun    *run,
                     const ScProfit *p)
{
  guint32 placed;
  g_autofree char *placed_text = NULL;
  g_autofree char *text = NULL;

  if (!(sc_feature_sets_of (run->params.features, run->params.n_features) &
        (1u << SC_FEATURE_SET_PROFIT)))
    return;
  placed = sc_profit_count_placed (p, run->labels, run->n_customers, run->k);
  if (placed == 0)
    {
      sc_section_add_text (section, SC_STYLE_BODY,
                           _("The segments are built on gross profit too; every customer in "
                             "them has a known profit."));
      return;
    }
  placed_text = sc_profit_describe_placed (placed, run->params.n_features > 1);
  /* Translators: the %s is a sentence saying how many customers had no known profit */
  text = g_strdup_printf (_("The segments are built on gross profit too. %s"), placed_text);
  sc_section_add_text (section, SC_STYLE_BODY, text);
}

static void
add_table (ScReport              *self,
           ScSection             *section,
           const ScReportData    *d,
           const ScSegmentProfit *by_segment)
{
  static const double widths[] = { 0.34, 0.14, 0.2, 0.18, 0.14 };
  static const ScAlign align[] = { SC_ALIGN_START, SC_ALIGN_END, SC_ALIGN_END, SC_ALIGN_END,
                                   SC_ALIGN_END };
  const ScRun *run = d->run;
  ScBlock *t = sc_section_add_table (section, G_N_ELEMENTS (widths), widths, align);
  char *head[] = { g_strdup (_("Segment")), g_strdup (_("Customers")), g_strdup (_("Profit")),
                   g_strdup (_("Profit share")), g_strdup (_("Unprofitable")) };

  sc_block_add_row (t, head);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[d->order[i]];
      const ScSegmentProfit *sp = &by_segment[d->order[i]];
      ScRgba colour = _sc_report_segment_colour (self, s);
      char *row[] = { g_strdup (s->name), _sc_report_fmt_count (s->size),
                      _sc_report_fmt_money (self, sp->profit), _sc_report_fmt_share (sp->share),
                      _sc_report_fmt_count (sp->unprofitable) };

      sc_block_add_row (t, row);
      sc_block_set_swatch (t, i, &colour);
    }
  sc_section_add_text (section, SC_STYLE_CAPTION,
                       _("Gross profit is net revenue less the cost of the order lines; a "
                         "segment’s share is of the profit of all customers. Unprofitable: "
                         "customers with a negative profit."));
}

void
_sc_report_build_profit (ScReport           *self,
                         ScStore            *store,
                         const ScReportData *d)
{
  g_autoptr(ScProfit) profit = sc_profit_load (store, NULL);
  g_autofree ScSegmentProfit *by_segment = NULL;
  ScSection *section;

  /* A project without cost data has no profit to report; one that cannot be read leaves
   * the section out rather than stopping the report. */
  if (profit == NULL || !profit->known || d->run == NULL)
    return;
  by_segment = sc_profit_by_segment (profit, d->run->labels, d->run->n_customers,
                                     d->run->n_segments);

  section = _sc_report_add_page (self, SC_REPORT_PAGE_CHART, _("Profit"), NULL, NULL);
  add_sentences (self, section, profit);
  add_built_on_profit (section, d->run, profit);
  add_table (self, section, d, by_segment);
}
