/* sc-report-methodology.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The methodology appendix: data sources, features, segmentation, the customer value model
 * and marketing consent, each from the project's own figures. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-potential.h"
#include "sc-run.h"

#include "sc-report-private.h"

void
_sc_report_build_appendix (ScReport           *self,
                           const ScReportData *d)
{
  const ScRun *run = d->run;
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  ScPageStyleId text_style = slides ? SC_STYLE_SMALL : SC_STYLE_BODY;
  ScSection *section = sc_page_layout_add_section (self->layout, SC_REPORT_PAGE_APPENDIX,
                                                   _("Methodology"), -1);
  GString *text = g_string_new (NULL);
  g_autofree char *as_of = _sc_report_fmt_day (run->params.as_of);

  sc_section_add_text (section, SC_STYLE_H1, _("Methodology"));

  /* Data sources */
  sc_section_add_heading (section, _("Data sources"));
  {
    static const double widths[] = { 0.24, 0.1, 0.1, 0.1, 0.11, 0.09, 0.26 };
    static const ScAlign align[] = { SC_ALIGN_START, SC_ALIGN_END, SC_ALIGN_END, SC_ALIGN_END,
                                     SC_ALIGN_END, SC_ALIGN_END, SC_ALIGN_START };
    ScBlock *t = sc_section_add_table (section, G_N_ELEMENTS (widths), widths, align);
    char *head[] = { g_strdup (_("File")), g_strdup (_("Rows read")), g_strdup (_("Accepted")),
                     g_strdup (_("Rejected")), g_strdup (_("Duplicates")),
                     g_strdup (_("Returns")), g_strdup (_("Dates")) };

    sc_block_add_row (t, head);
    for (guint i = 0; i < d->imports->len; i++)
      {
        const ScImportRecord *r = &g_array_index (d->imports, ScImportRecord, i);
        g_autofree char *base = g_path_get_basename (r->path != NULL ? r->path : "");
        gboolean orders = g_strcmp0 (r->kind, "transactions") == 0;
        g_autofree char *first = orders ? sc_day_format (r->first_day) : NULL;
        g_autofree char *last = orders ? sc_day_format (r->last_day) : NULL;
        char *row[] = {
          /* Translators: "Orders: sales.csv" or "Customers: crm.csv" */
          g_strdup_printf (_("%s: %s"), orders ? _("Orders")
                           : g_strcmp0 (r->kind, "interactions") == 0 ? _("Interactions")
                           : _("Customers"), base),
          _sc_report_fmt_count (r->rows_read), _sc_report_fmt_count (r->rows_accepted),
          _sc_report_fmt_count (r->rows_rejected), _sc_report_fmt_count (r->duplicate_rows),
          /* A customer list has no returns and no period: the cells stay empty. */
          orders ? _sc_report_fmt_count (r->returns) : g_strdup (""),
          /* Translators: a period, "2024-01-01 to 2025-12-31" */
          orders ? g_strdup_printf (_("%s to %s"), first, last) : g_strdup (""),
        };

        sc_block_add_row (t, row);
      }
    if (d->imports->len == 0)
      {
        char *row[] = { g_strdup (_("No import recorded")), g_strdup (""), g_strdup (""),
                        g_strdup (""), g_strdup (""), g_strdup (""), g_strdup ("") };

        sc_block_add_row (t, row);
      }
    for (guint i = 0; i < d->imports->len && !slides; i++)
      {
        const ScImportRecord *r = &g_array_index (d->imports, ScImportRecord, i);
        g_autofree char *base = g_path_get_basename (r->path != NULL ? r->path : "");
        g_autofree char *line = NULL;

        if (r->settings == NULL || *r->settings == '\0')
          continue;
        /* Translators: how a file was read: "orders.csv read as: comma-separated, …" */
        line = g_strdup_printf (_("%s read as: %s."), base, r->settings);
        sc_section_add_text (section, SC_STYLE_CAPTION, line);
      }
  }

  /* Features */
  sc_section_add_heading (section, _("Features"));
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();
    g_autofree char *list = NULL;

    for (guint f = 0; f < run->params.n_features; f++)
      g_ptr_array_add (names, (gpointer) sc_feature_to_label (run->params.features[f]));
    list = _sc_report_join_names (names);
    g_string_printf (text, _("Customers are described by %s, measured as of %s (the day after "
                             "the last order). Recency is days since the last order, frequency "
                             "the number of distinct orders and monetary value the net spend, "
                             "returns deducted. Each feature is transformed with log(1 + x) "
                             "and standardised to mean 0 and standard deviation 1, so that no "
                             "feature dominates by its units."), list, as_of);
    for (guint f = 0; f < run->params.n_features; f++)
      if (run->params.features[f] == SC_FEATURE_PROFIT)
        g_string_append_printf (text, " %s",
                                _("Gross profit, which can be negative, keeps its sign: it is "
                                  "transformed with sign(x) · log(1 + |x|) before it is "
                                  "standardised."));
    sc_section_add_text (section, text_style, text->str);
  }

  /* Segmentation: how k was chosen, stability, look-alikes, what was set apart. On slides
   * it has a slide of its own. */
  if (slides)
    {
      section = _sc_report_add_page (self, SC_REPORT_PAGE_APPENDIX,
                                     _("Methodology: segmentation"), NULL, NULL);
    }
  _sc_report_build_segmentation (self, section, d, text_style);

  /* Customer value model */
  if (slides)
    {
      section = _sc_report_add_page (self, SC_REPORT_PAGE_APPENDIX,
                                     _("Methodology: value and consent"), NULL, NULL);
    }
  sc_section_add_heading (section, _("Customer value model"));
  if (d->potential == NULL)
    sc_section_add_text (section, text_style,
                         _("No customer value model has been fitted, so current "
                           "value, potential and P(alive) are not available."));
  else
    {
      const ScPotential *p = d->potential;
      g_autofree char *until = _sc_report_fmt_day (p->params.until);
      g_autofree char *rate = _sc_report_fmt_share (p->params.annual_discount_rate);
      const char *note = sc_potential_get_note (p);

      if (p->has_bg)
        {
          g_autofree char *r = _sc_report_fmt_fixed (p->bg.r, 3);
          g_autofree char *alpha = _sc_report_fmt_fixed (p->bg.alpha, 3);
          g_autofree char *a = _sc_report_fmt_fixed (p->bg.a, 3);
          g_autofree char *b = _sc_report_fmt_fixed (p->bg.b, 3);
          g_autofree char *ll = _sc_report_fmt_fixed (p->bg.log_likelihood, 1);
          g_autofree char *n = _sc_report_fmt_count (p->bg.customers);

          g_string_printf (text, _("Purchases follow the BG/NBD model (Fader, Hardie & Lee "
                                   "2005), fitted in %s on %s customers with all the data up to "
                                   "%s: r = %s, α = %s, a = %s, b = %s (log-likelihood %s%s); "
                                   "a purchase is a day with an order, whatever its net amount. "),
                           p->params.unit == SC_TIME_UNIT_WEEK ? _("weeks") : _("days"), n,
                           until, r, alpha, a, b, ll,
                           p->bg.converged ? "" : _("; the optimiser did not fully converge"));
        }
      else
        g_string_truncate (text, 0);
      if (p->has_gg)
        {
          g_autofree char *pp = _sc_report_fmt_fixed (p->gg.p,
                                                      3), *q = _sc_report_fmt_fixed (p->gg.q, 3);
          g_autofree char *gamma = _sc_report_fmt_fixed (p->gg.gamma, 3);
          g_autofree char *buyers = _sc_report_fmt_count (p->gg.customers);
          g_autofree char *corr = _sc_report_fmt_fixed (p->gg.frequency_spend_correlation, 2);

          g_string_append_printf (text, _("Spend per purchase follows the Gamma-Gamma model on "
                                          "%s repeat buyers (those with a positive mean spend): "
                                          "p = %s, q = %s, γ = %s; the correlation of frequency "
                                          "and spend is %s. "),
                                  buyers, pp, q, gamma, corr);
        }
      if (note != NULL)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "Not enough data to estimate potential (data "
                                                   "up to %s): %s. Segments are compared by "
                                                   "current value only, the net spend of the "
                                                   "last %u month. ",
                                                   "Not enough data to estimate potential (data "
                                                   "up to %s): %s. Segments are compared by "
                                                   "current value only, the net spend of the "
                                                   "last %u months. ",
                                                   p->params.horizon_months),
                                until, note, p->params.horizon_months);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "Potential is the expected value of the next "
                                                   "%u month, discounted at %s a year; current "
                                                   "value is the net spend of the last %u "
                                                   "month. ",
                                                   "Potential is the expected value of the next "
                                                   "%u months, discounted at %s a year; current "
                                                   "value is the net spend of the last %u "
                                                   "months. ",
                                                   p->params.horizon_months),
                                p->params.horizon_months, rate, p->params.horizon_months);
      if (p->has_holdout)
        {
          g_autofree char *start = _sc_report_fmt_day (p->holdout_start);
          g_autofree char *end = _sc_report_fmt_day (p->holdout_end);
          g_autofree char *mae = _sc_report_fmt_fixed (p->holdout_mae, 3);
          g_autofree char *ratio = _sc_report_fmt_fixed (p->holdout_ratio, 2);

          g_string_append_printf (text, _("Holdout check: a purchase model fitted on the data "
                                          "up to %s predicted what its customers bought up to "
                                          "%s; the mean absolute error is %s purchases per "
                                          "customer and predicted ÷ actual purchases is %s (the "
                                          "table below). The figures in this report come from "
                                          "the model on all the data, not from this check."),
                                  start, end, mae, ratio);
        }
      else if (p->holdout_note != NULL)
        g_string_append_printf (text, "%s.", p->holdout_note);
      else
        g_string_append (text, _("No holdout check was made: fit the model with a calibration "
                                 "end date to compare its predictions with what happened."));
      if (!d->fresh)
        g_string_append (text, _(" The model was fitted before the latest import."));
      sc_section_add_text (section, text_style, text->str);

      if (p->has_holdout && p->n_groups > 0 && !slides)
        {
          static const double widths[] = { 0.4, 0.2, 0.2, 0.2 };
          static const ScAlign align[] = { SC_ALIGN_START, SC_ALIGN_END, SC_ALIGN_END,
                                           SC_ALIGN_END };
          ScBlock *t = sc_section_add_table (section, G_N_ELEMENTS (widths), widths, align);
          char *head[] = { g_strdup (_("Purchases before the holdout")),
                           g_strdup (_("Customers")), g_strdup (_("Predicted per customer")),
                           g_strdup (_("Actual per customer")) };
          double total_predicted, total_actual;
          gsize customers;

          sc_block_add_row (t, head);
          for (guint g = 0; g < p->n_groups; g++)
            {
              char *row[] = {
                g + 1 == p->n_groups ? g_strdup_printf (_("%u or more"), p->group_x[g])
                                     : g_strdup_printf ("%u", p->group_x[g]),
                _sc_report_fmt_count (p->group_customers[g]),
                _sc_report_fmt_fixed (p->group_predicted[g], 2),
                _sc_report_fmt_fixed (p->group_actual[g], 2),
              };

              sc_block_add_row (t, row);
            }
          sc_potential_holdout_totals (p, &customers, &total_predicted, &total_actual);
          {
            char *row[] = {
              g_strdup (_("All customers")),
              _sc_report_fmt_count (customers),
              _sc_report_fmt_fixed (customers > 0 ? total_predicted / customers : NAN, 2),
              _sc_report_fmt_fixed (customers > 0 ? total_actual / customers : NAN, 2),
            };

            sc_block_add_row (t, row);
          }
          sc_section_add_text (section, SC_STYLE_CAPTION,
                               _("Repeat purchases in the holdout period, mean per customer, by "
                                 "the purchases after the first in the calibration period: "
                                 "predicted by the model fitted on the calibration period, and "
                                 "what the customers actually did."));
        }
    }

  /* Consent */
  sc_section_add_heading (section, _("Marketing consent"));
  {
    g_autofree char *yes = _sc_report_fmt_count (d->consent.consent_yes);
    g_autofree char *no = _sc_report_fmt_count (d->consent.consent_no);
    g_autofree char *unknown = _sc_report_fmt_count (d->consent.consent_unknown);
    g_autofree char *excluded = _sc_report_fmt_count (d->consent.excluded);

    if (!d->consent.consent_known)
      g_string_printf (text, _("The imported data record no marketing consent, so activation "
                               "exports include all %s segmented customers."), unknown);
    else if (d->consent.consent_unknown == 0)
      g_string_printf (text, _("Of the segmented customers, %s agreed to marketing and %s "
                               "refused. Activation exports leave out the %s who refused."),
                       yes, no, excluded);
    else
      g_string_printf (text, _("Of the segmented customers, %s agreed to marketing, %s refused "
                               "and for %s the data do not say. Activation exports leave out "
                               "%s customers: those who refused and, because the project "
                               "records consent, those whose consent is unknown."),
                       yes, no, unknown, excluded);
    sc_section_add_text (section, text_style, text->str);
  }

  g_string_free (text, TRUE);
}
