/* sc-report-summary.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report's opening sections: the title page, the executive summary (written from the
 * numbers), the charts and what changed since the latest snapshot. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-drift.h"
#include "sc-flow.h"
#include "sc-potential.h"
#include "sc-snapshot.h"

#include "sc-report-private.h"

/* Without a value model a segment is on no quadrant: the cell says so. */
static const char *
quadrant_label (const ScSegmentInfo *s)
{
  const char *label = sc_quadrant_get_label (sc_quadrant_from_string (sc_segment_info_get_quadrant (s)));

  return label != NULL ? label : _("No value model");
}

/* The plan's service tier, marked when it is only suggested. */
static char *
tier_label (const ScReportData  *d,
            const ScSegmentInfo *s)
{
  const ScPlan *plan = _sc_report_plan (d, s);
  const char *label = sc_service_tier_to_label (plan != NULL ? plan->tier : s->service_tier);

  if (label == NULL)
    return g_strdup ("");
  if (plan != NULL && (plan->suggested & SC_PLAN_FIELD_TIER) != 0)
    /* Translators: a service tier that people have not set yet, as in "High touch
     * (suggested)" */
    return g_strdup_printf (_("%s (suggested)"), label);
  return g_strdup (label);
}

static const ScSegmentInfo *
top_revenue_segment (const ScRun *run)
{
  const ScSegmentInfo *best = NULL;

  for (guint s = 0; s < run->n_segments; s++)
    {
      const ScSegmentInfo *info = &run->segments[s];

      if (info->is_outliers || !isfinite (info->revenue_share))
        continue;
      if (best == NULL || info->revenue_share > best->revenue_share)
        best = info;
    }
  return best;
}
static int
compare_expected (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const double *expected = user_data;
  double x = expected[*(const guint *) a], y = expected[*(const guint *) b];

  if (x != y)
    return x > y ? -1 : 1;
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

/* The executive summary, one sentence per item, from the numbers. */
static GPtrArray *
summary_sentences (ScReport           *self,
                   const ScReportData *d)
{
  const ScRun *run = d->run;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const ScSegmentInfo *top = top_revenue_segment (run);
  const ScSegmentInfo *first = run->n_segments > 0 ? &run->segments[d->order[0]] : NULL;
  const ScSegmentInfo *accounts = NULL;
  g_autofree char *segmented = _sc_report_fmt_count (self->n_segmented);

  for (guint s = 0; s < run->n_segments; s++)
    if (run->segments[s].kind == SC_SEGMENT_KIND_TOP_ACCOUNTS && run->segments[s].size > 0)
      accounts = &run->segments[s];

  g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "The %s customers with orders form %u "
                                                      "segment.",
                                                      "The %s customers with orders form %u "
                                                      "segments.",
                                                      self->n_clusters),
                                         segmented, self->n_clusters));

  /* The data support fewer distinct groups than were asked for: leadership must know. */
  if (run->validation != NULL && run->validation->choice == SC_K_CHOICE_FEWER_GROUPS)
    g_ptr_array_add (out, g_strdup_printf (_("The data do not support %u or more clearly "
                                             "distinct segments (see the methodology): treat "
                                             "these %u as a rough guide."),
                                           run->validation->k_min, run->k));

  /* Top accounts are a segment like the others, high priority; say what they are. */
  if (accounts != NULL)
    {
      g_autofree char *name = _sc_report_flagged_name (run, accounts);
      g_autofree char *count = _sc_report_fmt_count (accounts->size);
      g_autofree char *share = _sc_report_fmt_share (accounts->share);
      g_autofree char *revenue = _sc_report_fmt_share (accounts->revenue_share);

      /* Translators: "Top accounts: 120 customers (4% of customers) with 56% of revenue,
       * …, handled as a segment of their own (priority 1)." */
      g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%s: %s customer (%s of customers) "
                                                          "with %s of revenue, set apart for "
                                                          "spend far above the typical "
                                                          "customer’s and handled as a segment "
                                                          "of its own (priority %u).",
                                                          "%s: %s customers (%s of customers) "
                                                          "with %s of revenue, set apart for "
                                                          "spend far above the typical "
                                                          "customer’s and handled as a segment "
                                                          "of their own (priority %u).",
                                                          accounts->size),
                                             name, count, share, revenue, accounts->priority));
    }

  if (top != NULL && top != accounts)
    {
      g_autofree char *name = _sc_report_flagged_name (run, top);
      g_autofree char *share = _sc_report_fmt_share (top->share);
      g_autofree char *revenue = _sc_report_fmt_share (top->revenue_share);

      /* Translators: "Loyal high spenders are 12% of customers and 41% of revenue." */
      g_ptr_array_add (out, g_strdup_printf (_("%s are %s of customers and %s of revenue."),
                                             name, share, revenue));
    }

  if (first != NULL && first != top && first != accounts && !first->is_outliers)
    {
      g_autofree char *name = _sc_report_flagged_name (run, first);
      g_autofree char *share = _sc_report_fmt_share (first->share);
      g_autofree char *revenue = _sc_report_fmt_share (first->revenue_share);

      /* Translators: "The top priority is Growing accounts: 20% of customers and 9% of
       * revenue." */
      g_ptr_array_add (out, g_strdup_printf (_("The top priority is %s: %s of customers and %s "
                                               "of revenue."),
                                             name, share, revenue));
    }

  /* Expected future value: the fewest segments that hold two thirds of it. */
  {
    g_autofree guint *by_value = g_new (guint, MAX (run->n_segments, 1));
    double total = 0;
    guint n_valued = 0;

    /* The outliers are reported apart, in their own sentence. */
    for (guint s = 0; s < run->n_segments; s++)
      if (!run->segments[s].is_outliers && isfinite (d->expected[s]) && d->expected[s] > 0)
        {
          total += d->expected[s];
          by_value[n_valued++] = s;
        }

    if (n_valued >= 2 && total > 0 && d->potential != NULL)
      {
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
        g_autofree char *list = NULL;
        g_autofree char *share = NULL;
        double held = 0;
        guint horizon = d->potential->params.horizon_months;

        g_qsort_with_data (by_value, n_valued, sizeof (guint), compare_expected, d->expected);
        for (guint i = 0; i < n_valued && held < total * 2.0 / 3.0; i++)
          {
            held += d->expected[by_value[i]];
            g_ptr_array_add (names, _sc_report_flagged_name (run, &run->segments[by_value[i]]));
          }
        list = _sc_report_join_names (names);
        share = _sc_report_fmt_share (held / total);
        if (names->len == 1)
          g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%s alone holds %s of the segments’ "
                                                              "expected future value over the "
                                                              "next %u month.",
                                                              "%s alone holds %s of the segments’ "
                                                              "expected future value over the "
                                                              "next %u months.",
                                                              horizon),
                                                 list, share, horizon));
        else
          g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u segments hold %s of the "
                                                              "segments’ expected future value "
                                                              "over the next %u month: %s.",
                                                              "%u segments hold %s of the "
                                                              "segments’ expected future value "
                                                              "over the next %u months: %s.",
                                                              horizon),
                                                 names->len, share, horizon, list));
      }
  }

  /* Where the segments sit on the grid. */
  {
    GString *grid = g_string_new (NULL);

    for (ScQuadrant q = SC_QUADRANT_INVEST; q < SC_N_QUADRANTS; q++)
      {
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
        g_autofree char *list = NULL;

        for (guint i = 0; i < run->n_segments; i++)
          {
            const ScSegmentInfo *s = &run->segments[d->order[i]];

            if (!s->is_outliers
                && sc_quadrant_from_string (sc_segment_info_get_quadrant (s)) == q)
              g_ptr_array_add (names, _sc_report_flagged_name (run, s));
          }
        if (names->len == 0)
          continue;
        list = _sc_report_join_names (names);
        if (grid->len > 0)
          g_string_append (grid, _("; "));
        /* Translators: a quadrant and its segments, as in "Invest: Loyal buyers" */
        g_string_append_printf (grid, _("%s: %s"), sc_quadrant_get_label (q), list);
      }
    if (grid->len > 0)
      /* Translators: %s lists quadrants and their segments */
      g_ptr_array_add (out, g_strdup_printf (_("On the value × potential grid: %s."), grid->str));
    g_string_free (grid, TRUE);
  }

  if (self->n_anomalies > 0)
    {
      g_autofree char *n = _sc_report_fmt_count (self->n_anomalies);
      g_autofree char *revenue = NULL;
      double share = 0;

      for (guint s = 0; s < run->n_segments; s++)
        if (run->segments[s].is_outliers && isfinite (run->segments[s].revenue_share))
          share += run->segments[s].revenue_share;
      revenue = _sc_report_fmt_share (share);
      g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%s customer is an anomaly, with %s of "
                                                          "revenue: its figures look "
                                                          "implausible, so it is reported apart "
                                                          "rather than forced into a segment; "
                                                          "check it before acting on it.",
                                                          "%s customers are anomalies, with %s "
                                                          "of revenue: their figures look "
                                                          "implausible, so they are reported "
                                                          "apart rather than forced into a "
                                                          "segment; check them before acting on "
                                                          "them.",
                                                          self->n_anomalies),
                                             n, revenue));
    }
  else if (run->params.outlier_z > 0)
    g_ptr_array_add (out, g_strdup (_("No customer is set apart as an anomaly.")));
  else
    g_ptr_array_add (out, g_strdup (_("Top accounts and anomalies were not set apart in this "
                                      "segmentation.")));

  if (d->consent.excluded > 0)
    {
      g_autofree char *n = _sc_report_fmt_count (d->consent.excluded);

      if (d->consent.consent_known && d->consent.consent_unknown > 0)
        g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s customer has not agreed to "
                                                            "marketing (or the data do not say) "
                                                            "and is left out of activation "
                                                            "exports.",
                                                            "%s customers have not agreed to "
                                                            "marketing (or the data do not say) "
                                                            "and are left out of activation "
                                                            "exports.",
                                                            d->consent.excluded),
                                               n));
      else
        g_ptr_array_add (out, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s customer has not agreed to "
                                                            "marketing and is left out of "
                                                            "activation exports.",
                                                            "%s customers have not agreed to "
                                                            "marketing and are left out of "
                                                            "activation exports.",
                                                            d->consent.excluded),
                                               n));
    }
  else if (!d->consent.consent_known)
    g_ptr_array_add (out, g_strdup (_("The data record no marketing consent, so activation "
                                      "exports include every customer.")));
  else
    g_ptr_array_add (out, g_strdup (_("Every segmented customer agreed to marketing.")));

  return out;
}

void
_sc_report_build_title (ScReport *self)
{
  sc_page_layout_add_section (self->layout, SC_REPORT_PAGE_TITLE, self->title, -1);
}

static void
add_key_figures (ScReport           *self,
                 ScSection          *section,
                 const ScReportData *d)
{
  ScBlock *cards = sc_section_add_cards (section);
  g_autofree char *anomalies = _sc_report_fmt_count (self->n_anomalies);

  sc_block_add_card (cards, _sc_report_fmt_count (self->n_customers), g_strdup (_("customers")));
  sc_block_add_card (cards, _sc_report_fmt_count (self->n_orders), g_strdup (_("orders")));
  sc_block_add_card (cards, _sc_report_fmt_amount (self, self->revenue),
                     g_strdup (_("net revenue")));
  sc_block_add_card (cards, g_strdup_printf ("%u", self->n_clusters),
                     self->n_anomalies > 0
                     /* Translators: under the number of segments; %s is a number of customers */
                     ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "segments, plus %s anomaly",
                                                     "segments, plus %s anomalies",
                                                     self->n_anomalies), anomalies)
                     : g_strdup (_("segments")));
}

static char *
numbered_item (GPtrArray *items,
               guint      i)
{
  /* Translators: a numbered item, as in "1. Protect …" */
  return g_strdup_printf (_("%u. %s"), i + 1, (char *) g_ptr_array_index (items, i));
}

/* Bullet items, or numbered paragraphs in @numbered_style when @numbered. */
static void
add_list_styled (ScReport      *self,
                 ScSection     *section,
                 GPtrArray     *items,
                 gboolean       numbered,
                 ScPageStyleId  numbered_style)
{
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *text = numbered ? numbered_item (items, i)
                                       : g_strdup (g_ptr_array_index (items, i));
      ScBlock *b;

      if (numbered)
        {
          sc_section_add_text (section, numbered_style, text);
          continue;
        }
      b = sc_section_add_bullet (section, SC_STYLE_BODY, text);
      b->has_accent = TRUE;
      b->accent = self->palette->segments[0];
    }
}

static void
add_list (ScReport   *self,
          ScSection  *section,
          GPtrArray  *items,
          gboolean    numbered)
{
  add_list_styled (self, section, items, numbered, SC_STYLE_BODY);
}

static double
paragraph_height (ScReport      *self,
                  PangoContext  *context,
                  ScPageStyleId  style,
                  const char    *text)
{
  const ScPageStyle *st = sc_page_layout_get_style (self->layout, style);
  g_autoptr(PangoLayout) layout = sc_page_layout_text (self->layout, context, style, FALSE, text,
                                                       sc_page_layout_content_width (self->layout));

  return st->before + sc_page_layout_text_height (layout) + st->after;
}

/* Whether the summary slide holds its kicker, the key message and the numbered actions in
 * the body's size.  When it does not, the actions are set small: a longer text (German, long
 * segment names) would otherwise push the last action alone onto a slide of its own. */
static gboolean
summary_slide_fits (ScReport   *self,
                    const char *key,
                    GPtrArray  *actions)
{
  PangoContext *context = sc_page_layout_measure_context_new ();
  double height = paragraph_height (self, context, SC_STYLE_KICKER, _("Executive summary")) -
                  sc_page_layout_get_style (self->layout, SC_STYLE_KICKER)->before +
                  paragraph_height (self, context, SC_STYLE_H1, key) +
                  paragraph_height (self, context, SC_STYLE_H2, _("Recommended actions"));

  for (guint i = 0; i < actions->len; i++)
    {
      g_autofree char *text = numbered_item (actions, i);

      height += paragraph_height (self, context, SC_STYLE_BODY, text);
    }
  g_object_unref (context);
  return height <= sc_page_layout_content_height (self->layout);
}

/* The segments in priority order: their size, revenue, quadrant, service tier and, when
 * anyone has been made owner of a segment, the owners. */
static void
add_priority_table (ScReport           *self,
                    ScSection          *section,
                    const ScReportData *d)
{
  static const double widths_owner[] = { 0.05, 0.25, 0.11, 0.10, 0.10, 0.13, 0.13, 0.13 };
  static const double widths[] = { 0.05, 0.30, 0.12, 0.12, 0.12, 0.14, 0.15 };
  static const ScAlign align[] = { SC_ALIGN_END, SC_ALIGN_START, SC_ALIGN_END, SC_ALIGN_END,
                                   SC_ALIGN_END, SC_ALIGN_START, SC_ALIGN_START, SC_ALIGN_START };
  const ScRun *run = d->run;
  gboolean owners = _sc_report_any_owner (run);
  ScBlock *t = sc_section_add_table (section, owners ? 8 : 7, owners ? widths_owner : widths,
                                     align);
  char *head[] = { g_strdup ("#"), g_strdup (_("Segment")), g_strdup (_("Customers")),
                   g_strdup (_("Customer share")), g_strdup (_("Revenue share")),
                   g_strdup (_("Quadrant")), g_strdup (_("Service")),
                   owners ? g_strdup (_("Owner")) : NULL };

  sc_block_add_row (t, head);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[d->order[i]];
      ScRgba colour = _sc_report_segment_colour (self, s);
      char *row[] = { g_strdup_printf ("%u", s->priority),
                      _sc_report_segment_unstable (run, s)
                      /* Translators: a segment's name in a table, flagged */
                      ? g_strdup_printf (_("%s (unstable)"), s->name) : g_strdup (s->name),
                      _sc_report_fmt_count (s->size), _sc_report_fmt_share (s->share),
                      _sc_report_fmt_share (s->revenue_share), g_strdup (quadrant_label (s)),
                      tier_label (d, s),
                      !owners ? NULL
                      : s->owner != NULL && *s->owner != '\0' ? g_strdup (s->owner)
                      : g_strdup (_("Unassigned: see Decisions needed")) };

      sc_block_add_row (t, row);
      sc_block_set_swatch (t, i, &colour);
    }
  t->swatch_col = 1;
}

/* Slides: the priority table on its own slide, titled with the first priority. */
static void
build_priority_slide (ScReport           *self,
                      const ScReportData *d)
{
  const ScRun *run = d->run;
  const ScSegmentInfo *first = &run->segments[d->order[0]];
  ScSection *section = sc_page_layout_add_section (self->layout, SC_REPORT_PAGE_SUMMARY,
                                                   _("Segments by priority"), -1);
  g_autofree char *title = NULL;

  /* The segments counted as on the slide before ("form 3 segments"): the anomalies, set
   * apart, are the table's last row but not a segment.
   * Translators: a slide's title, as in "5 segments, in priority order: Top accounts first" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment: %s",
                                        "%u segments in priority order: %s first",
                                        self->n_clusters), self->n_clusters, first->name);
  sc_section_add_text (section, SC_STYLE_H1, title);
  add_priority_table (self, section, d);
}

void
_sc_report_build_summary (ScReport           *self,
                          const ScReportData *d)
{
  const ScRun *run = d->run;
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  ScSection *section = sc_page_layout_add_section (self->layout, SC_REPORT_PAGE_SUMMARY,
                                                   _("Executive summary"), -1);
  g_autoptr(GPtrArray) sentences = summary_sentences (self, d);
  g_autoptr(GPtrArray) actions = _sc_report_actions (self, d);
  g_autoptr(GPtrArray) caveats = _sc_report_caveats (self, d);
  g_autoptr(GPtrArray) decisions = _sc_report_decision_texts (self, d);
  g_autofree char *key = _sc_report_key_message (self, d);
  GString *summary = g_string_new (key);

  /* A slide's title says the finding: the key message heads the summary slide. */
  if (slides && key != NULL)
    {
      sc_section_add_text (section, SC_STYLE_KICKER, _("Executive summary"));
      sc_section_add_text (section, SC_STYLE_H1, key);
    }
  else
    {
      sc_section_add_text (section, SC_STYLE_H1, _("Executive summary"));
      if (key != NULL)
        sc_section_add_text (section, SC_STYLE_H2, key);
      add_key_figures (self, section, d);
    }
  sc_section_add_heading (section, _("Recommended actions"));
  add_list_styled (self, section, actions, TRUE,
                   slides && key != NULL && !summary_slide_fits (self, key, actions)
                   ? SC_STYLE_SMALL : SC_STYLE_BODY);

  if (slides)
    {
      section = _sc_report_add_page (self, SC_REPORT_PAGE_SUMMARY,
                                     _("Decisions needed"),
                                     decisions->len > 0 ? _("Decisions needed before acting")
                                                        : _("No decision is pending"),
                                     NULL);
    }
  if (decisions->len > 0)
    {
      if (!slides)
        sc_section_add_heading (section, _("Decisions needed"));
      add_list (self, section, decisions, FALSE);
    }
  if (caveats->len > 0)
    {
      sc_section_add_heading (section, _("Data and model caveats"));
      add_list (self, section, caveats, FALSE);
    }

  if (slides)
    {
      section = _sc_report_add_page (self, SC_REPORT_PAGE_SUMMARY,
                                     _("Key figures"),
                                     g_ptr_array_index (sentences, 0),
                                     NULL);
      add_key_figures (self, section, d);
      for (guint i = 1; i < sentences->len; i++)
        {
          ScBlock *b = sc_section_add_bullet (section, SC_STYLE_BODY,
                                              g_ptr_array_index (sentences, i));

          b->has_accent = TRUE;
          b->accent = self->palette->segments[0];
        }
    }
  else
    {
      sc_section_add_heading (section, _("Findings"));
      add_list (self, section, sentences, FALSE);
    }

  for (guint i = 0; i < actions->len; i++)
    g_string_append_printf (summary, "%s%s", summary->len > 0 ? " " : "",
                            (char *) g_ptr_array_index (actions, i));
  for (guint i = 0; i < sentences->len; i++)
    g_string_append_printf (summary, "%s%s", summary->len > 0 ? " " : "",
                            (char *) g_ptr_array_index (sentences, i));
  for (guint i = 0; i < caveats->len; i++)
    g_string_append_printf (summary, "%s%s", summary->len > 0 ? " " : "",
                            (char *) g_ptr_array_index (caveats, i));
  self->summary = g_string_free (summary, FALSE);

  if (slides)
    {
      build_priority_slide (self, d);
      return;
    }

  sc_section_add_heading (section, _("Segments by priority"));
  add_priority_table (self, section, d);

  sc_section_add_heading (section, _("Segment sizes"));
  sc_section_add_text (section, SC_STYLE_CAPTION,
                       _("Each segment’s share of customers (light bar) and "
                         "of net revenue (full bar), in priority order."));
  sc_section_add_fill_chart (section, SC_CHART_SIZES, MIN (150, run->n_segments * 32.0 + 16),
                             run->n_segments * 44.0 + 16);
}

static const char *
quadrant_advice (ScQuadrant quadrant)
{
  switch (quadrant)
    {
    case SC_QUADRANT_INVEST:
      return _("Develop and protect: high-touch service, account plans, early access.");
    case SC_QUADRANT_KEEP:
      return _("Retain efficiently: loyalty and service quality rather than acquisition spend.");
    case SC_QUADRANT_GROW:
      return _("Develop: onboarding, cross-selling and nurturing towards the next orders.");
    case SC_QUADRANT_MAINTAIN:
      return _("Serve at low cost: automated, digital contact; win back selectively.");
    case SC_QUADRANT_NONE:
    default:
      return NULL;
    }
}

/* What each quadrant holds and asks for. */
static void
add_quadrant_table (ScReport           *self,
                    ScSection          *section,
                    const ScReportData *d)
{
  static const double widths[] = { 0.19, 0.37, 0.44 };
  static const ScAlign align[] = { SC_ALIGN_START, SC_ALIGN_START, SC_ALIGN_START };
  const ScRun *run = d->run;
  ScBlock *t = sc_section_add_table (section, G_N_ELEMENTS (widths), widths, align);
  char *head[] = { g_strdup (_("Quadrant")), g_strdup (_("Segments")),
                   g_strdup (_("What it asks for")) };

  sc_block_add_row (t, head);
  for (ScQuadrant q = SC_QUADRANT_INVEST; q < SC_N_QUADRANTS; q++)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      char *row[3];

      for (guint i = 0; i < run->n_segments; i++)
        {
          const ScSegmentInfo *s = &run->segments[d->order[i]];

          if (sc_quadrant_from_string (sc_segment_info_get_quadrant (s)) == q)
            g_ptr_array_add (names, s->name);
        }
      row[0] = g_strdup (sc_quadrant_get_label (q));
      /* Translators: a quadrant of the grid that holds no segment */
      row[1] = names->len > 0 ? _sc_report_join_names (names) : g_strdup (_("No segment"));
      row[2] = g_strdup (quadrant_advice (q));
      sc_block_add_row (t, row);
    }
}

/* "What changed" (issue 10): the latest snapshot against the current segments, or the two
 * latest snapshots. Left out when the project has no snapshot to compare, or when the
 * comparison cannot be made; the rest of the report does not depend on it. */
void
_sc_report_build_changes (ScReport      *self,
                          ScStore       *store,
                          GCancellable  *cancellable)
{
  g_autoptr(GArray) infos = NULL;
  g_autoptr(ScSnapshot) from = NULL;
  g_autoptr(ScSnapshot) to = NULL;
  g_autoptr(ScDrift) drift = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_day = NULL;
  g_autofree char *to_day = NULL;
  g_autofree char *caption = NULL;
  ScSection *section;
  ScBlock *b;
  double width, height;

  if (!sc_snapshot_list (store, &infos, NULL) || infos->len == 0 ||
      !sc_drift_load_pair (store, 0, 0, &from, &to, cancellable, &error))
    return;
  drift = sc_drift_compute (from, to, cancellable, &error);
  if (drift == NULL)
    return;
  self->migration = sc_migration_new (drift, from, to);

  section = _sc_report_add_page (self, SC_REPORT_PAGE_CHART, _("What changed"), NULL, NULL);
  from_day = _sc_report_fmt_day (drift->from_as_of);
  to_day = _sc_report_fmt_day (drift->to_as_of);
  /* Translators: the two dates of a comparison of segmentations */
  caption = g_strdup_printf (_("Segments as of %s compared with %s."), from_day, to_day);
  sc_section_add_text (section, SC_STYLE_CAPTION, caption);

  if (drift->n_flagged == 0)
    sc_section_add_text (section, SC_STYLE_BODY, _("No segment changed more than segments "
                                                   "change between two normal periods (size, "
                                                   "revenue, order value, P(alive), profile, "
                                                   "spread and members leaving, each against "
                                                   "its own normal change)."));
  for (guint i = 0; i < drift->n_segments; i++)
    if (drift->segments[i].flags != 0 && drift->segments[i].reason != NULL)
      sc_section_add_bullet (section, SC_STYLE_BODY, drift->segments[i].reason);

  if (drift->n_flows > 0)
    {
      sc_section_add_heading (section, _("Biggest moves"));
      for (guint i = 0; i < drift->n_flows; i++)
        sc_section_add_bullet (section, SC_STYLE_BODY, drift->flows[i].text);
    }

  sc_section_add_heading (section, _("Where customers went"));
  sc_migration_natural_size (self->migration, self->palette, &width, &height);
  b = sc_section_add_block (section, SC_BLOCK_CHART, SC_STYLE_BODY);
  b->chart = _SC_REPORT_CHART_MIGRATION;
  b->chart_height = MIN (sc_page_layout_content_height (self->layout) * 0.6,
                         height * MIN (1.0,
                                       sc_page_layout_content_width (self->layout) / MAX (width,
                                                                                          1)));
  b->chart_height = MAX (b->chart_height, 120);
  b->after = self->m->styles[SC_STYLE_BODY].after;
}

void
_sc_report_build_charts (ScReport           *self,
                         const ScReportData *d)
{
  const ScRun *run = d->run;
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  /* The value model ran, but the data could not support a potential: the grid is by value. */
  const char *value_only = d->potential != NULL && sc_potential_get_note (d->potential) != NULL
                           ? _("Current value across; there is not enough data to estimate "
                               "potential, so segments are compared by value only. Bubble area "
                               "is proportional to customers.") : NULL;
  ScSection *section;

  if (slides)
    {
      const ScSegmentInfo *top = top_revenue_segment (run);
      g_autoptr(GPtrArray) invest = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *sizes_title = NULL;
      g_autofree char *grid_title = NULL;

      /* Action titles: the finding of each chart, when there is one to state. */
      if (top != NULL && top->revenue_share > top->share)
        {
          g_autofree char *revenue = _sc_report_fmt_share (top->revenue_share);
          g_autofree char *share = _sc_report_fmt_share (top->share);

          /* Translators: a slide's title, "Loyal buyers bring 35% of revenue from 10% of
           * customers" */
          sizes_title = g_strdup_printf (_("%s bring %s of revenue from %s of customers"),
                                         top->name, revenue, share);
        }
      else
        sizes_title = g_strdup (_("Segment sizes"));
      for (guint i = 0; i < run->n_segments; i++)
        {
          const ScSegmentInfo *s = &run->segments[d->order[i]];

          if (!s->is_outliers && value_only == NULL &&
              sc_quadrant_from_string (sc_segment_info_get_quadrant (s)) == SC_QUADRANT_INVEST)
            g_ptr_array_add (invest, g_strdup (s->name));
        }
      if (invest->len > 0)
        {
          g_autofree char *list = _sc_report_join_names (invest);

          /* Translators: a slide's title; %s lists segments */
          grid_title = g_strdup_printf (_("Worth investing in: %s, of high value and high "
                                          "potential"), list);
        }
      else
        grid_title = g_strdup (_("Value and potential"));

      /* One chart per slide, as large as the slide allows under its title and caption. */
      section = _sc_report_add_page (self, SC_REPORT_PAGE_CHART,
                                     _("Segment sizes"),
                                     sizes_title,
                                     _("Each segment’s share of customers (light bar) "
                                       "and of net revenue (full bar), in priority "
                                       "order."));
      sc_section_add_fill_chart (section, SC_CHART_SIZES, 200, run->n_segments * 70.0 + 24);

      section = _sc_report_add_page (self, SC_REPORT_PAGE_CHART,
                                     _("Value and potential"),
                                     grid_title,
                                     value_only != NULL ? value_only
                                                        : _("Current value across, expected "
                                                            "future value up; bubble area is "
                                                            "proportional to customers."));
      sc_section_add_fill_chart (section, SC_CHART_GRID, 200,
                                 sc_page_layout_content_height (self->layout));

      section = _sc_report_add_page (self, SC_REPORT_PAGE_CHART,
                                     _("Customers"),
                                     sc_chart_kind_to_title (SC_CHART_SCATTER),
                                     _("Each dot is a customer: days since the last order "
                                       "across, net spend up (log scale); rings mark "
                                       "segment centres."));
      sc_section_add_fill_chart (section, SC_CHART_SCATTER, 200,
                                 sc_page_layout_content_height (self->layout));
      return;
    }

  section = _sc_report_add_page (self, SC_REPORT_PAGE_CHART,
                                 _("Value and potential"), NULL,
                                 value_only != NULL ? value_only
                                                    : _("Current value across, expected future "
                                                        "value up, divided at the segments’ "
                                                        "medians into four quadrants; bubble "
                                                        "area is proportional to customers."));
  sc_section_add_fill_chart (section, SC_CHART_GRID, 260,
                             sc_page_layout_content_width (self->layout) * 0.95);
  add_quadrant_table (self, section, d);

  section = _sc_report_add_page (self, SC_REPORT_PAGE_CHART,
                                 _("Customers"),
                                 sc_chart_kind_to_title (SC_CHART_SCATTER),
                                 _("Each dot is a customer: days since the last order "
                                   "across, net spend up (log scale). Rings mark the "
                                   "centre of each segment."));
  /* As tall as the page allows once the averages table (rows of at most two lines) has
   * its room. */
  sc_section_add_chart (section, SC_CHART_SCATTER,
                        CLAMP (sc_page_layout_content_height (self->layout) - 150 -
                               (run->n_segments + 1) * (2.6 * self->m->styles[SC_STYLE_TABLE].size +
                                                        2 * self->m->cell_pad_y),
                               260, sc_page_layout_content_width (self->layout) * 0.95));

  sc_section_add_heading (section, _("Segment averages"));
  {
    /* The value model's columns only when it gave figures. */
    gboolean model = FALSE;
    guint n_cols;
    static const double widths_model[] = { 0.31, 0.115, 0.115, 0.115, 0.115, 0.115, 0.115 };
    static const double widths[] = { 0.40, 0.20, 0.20, 0.20 };
    static const ScAlign align[] = { SC_ALIGN_START, SC_ALIGN_END, SC_ALIGN_END, SC_ALIGN_END,
                                     SC_ALIGN_END, SC_ALIGN_END, SC_ALIGN_END };
    ScBlock *t;

    for (guint s = 0; s < run->n_segments; s++)
      model |= isfinite (run->segments[s].value) || isfinite (run->segments[s].potential);
    n_cols = model ? G_N_ELEMENTS (widths_model) : G_N_ELEMENTS (widths);
    t = sc_section_add_table (section, n_cols, model ? widths_model : widths, align);
    {
      char *head[] = { g_strdup (_("Segment")), g_strdup (_("Days since last order")),
                       g_strdup (_("Orders")), g_strdup (_("Net spend")),
                       model ? g_strdup (_("Current value")) : NULL,
                       model ? g_strdup (_("Potential")) : NULL,
                       model ? g_strdup (_("P(alive)")) : NULL };

      sc_block_add_row (t, head);
    }
    for (guint i = 0; i < run->n_segments; i++)
      {
        const ScSegmentInfo *s = &run->segments[d->order[i]];
        ScRgba colour = _sc_report_segment_colour (self, s);
        char *row[] = { g_strdup (s->name), _sc_report_fmt_fixed (s->recency, 0),
                        _sc_report_fmt_fixed (s->frequency, 1),
                        _sc_report_fmt_amount (self, s->monetary),
                        model ? _sc_report_fmt_amount (self, s->value) : NULL,
                        model ? _sc_report_fmt_amount (self, s->potential) : NULL,
                        model ? _sc_report_fmt_share (s->p_alive) : NULL };

        sc_block_add_row (t, row);
        sc_block_set_swatch (t, i, &colour);
      }
  }
}

/* The title page: the project, the period, the key figures and a strip of the segments in
 * their colours, as wide as their share of customers. */
void
_sc_report_draw_title_page (ScReport     *self,
                            cairo_t      *cr,
                            PangoContext *context)
{
  const ScPageMetrics *m = self->m;
  const ScRun *run = sc_charts_get_run (self->charts);
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  double w = sc_page_layout_content_width (self->layout);
  double x = m->margin_x;
  double y = slides ? m->height * 0.22 : m->height * 0.28;
  double strip_h = slides ? 14 : 10;
  g_autofree char *customers = _sc_report_fmt_count (self->n_customers);
  g_autofree char *orders = _sc_report_fmt_count (self->n_orders);
  g_autofree char *revenue = _sc_report_fmt_money (self, self->revenue);
  g_autofree char *figures = NULL;
  g_autofree char *prepared = NULL;
  g_autoptr(PangoLayout) title = sc_page_layout_text (self->layout, context, SC_STYLE_TITLE, FALSE,
                                                      self->title, w);
  double sx = x;

  /* Translators: the key figures on the title page */
  figures = g_strdup_printf (_("%s customers · %s orders · %s net revenue · %u segments"),
                             customers, orders, revenue, self->n_clusters);
  if (self->author != NULL)
    /* Translators: "Prepared by Ana Lima on 3 March 2026" */
    prepared = g_strdup_printf (_("Prepared by %s on %s"), self->author, self->date_text);
  else
    /* Translators: "Prepared on 3 March 2026" */
    prepared = g_strdup_printf (_("Prepared on %s"), self->date_text);

  sc_page_layout_draw_text (self->layout, cr, context, SC_STYLE_KICKER, FALSE,
                            _("Customer segments report"), x, y, w,
                            FALSE);
  y += self->m->styles[SC_STYLE_KICKER].size * 1.3 + self->m->styles[SC_STYLE_KICKER].after;
  _sc_set_source (cr, &self->palette->foreground, 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, title);
  y += sc_page_layout_text_height (title) + self->m->styles[SC_STYLE_TITLE].after;
  sc_page_layout_draw_text (self->layout, cr, context, SC_STYLE_SUBTITLE, FALSE, self->period, x, y,
                            w, FALSE);
  y += self->m->styles[SC_STYLE_SUBTITLE].size * 1.4 + self->m->styles[SC_STYLE_SUBTITLE].after;
  sc_page_layout_draw_text (self->layout, cr, context, SC_STYLE_BODY, FALSE, figures, x, y, w,
                            FALSE);
  y += self->m->styles[SC_STYLE_BODY].size * 1.4 + (slides ? 24 : 22);

  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[i];
      double sw = w * (isfinite (s->share) ? MAX (s->share, 0) : 0);
      ScRgba colour;

      sc_palette_segment_colour (self->palette, s->colour, s->is_outliers, &colour);
      cairo_rectangle (cr, sx, y, MAX (sw - 1.5, 0), strip_h);
      _sc_set_source (cr, &colour, 1.0);
      cairo_fill (cr);
      sx += sw;
    }

  y = m->height - m->margin_bottom - self->m->styles[SC_STYLE_BODY].size * 3.2;
  sc_page_layout_draw_text (self->layout, cr, context, SC_STYLE_BODY, FALSE, prepared, x, y, w,
                            FALSE);
  sc_page_layout_draw_text (self->layout, cr, context, SC_STYLE_SMALL, TRUE,
                            _("Made with Segments"), x,
                            y + self->m->styles[SC_STYLE_BODY].size * 1.5, w, FALSE);
}
