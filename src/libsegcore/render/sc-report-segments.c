/* sc-report-segments.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One section per segment: in the A4 report its figures, profile, objective and tactics;
 * on slides the same on one slide, in two columns that shorten what does not fit. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-potential.h"
#include "sc-run.h"

#include "sc-render-util-private.h"
#include "sc-report-private.h"

/* Profile phrases are joined in one sentence; as bullets each starts a sentence. */
static char *
capitalise (const char *text)
{
  gunichar c = g_utf8_get_char (text);
  const char *rest = g_utf8_next_char (text);
  char buf[8];
  int len = g_unichar_to_utf8 (g_unichar_totitle (c), buf);

  return g_strdup_printf ("%.*s%s", len, buf, rest);
}

/* Column names such as "company_size" read as "Company size". */
static char *
attribute_label (const char *name)
{
  g_autofree char *spaced = g_strdup (name);

  g_strdelimit (spaced, "_", ' ');
  return capitalise (spaced);
}

static const char *
quadrant_meaning (ScQuadrant quadrant)
{
  switch (quadrant)
    {
    case SC_QUADRANT_INVEST:
      return _("high current value and high potential");
    case SC_QUADRANT_KEEP:
      return _("high current value, lower potential");
    case SC_QUADRANT_GROW:
      return _("lower current value, high potential");
    case SC_QUADRANT_MAINTAIN:
      return _("low current value and low potential");
    case SC_QUADRANT_NONE:
    default:
      return NULL;
    }
}
static double
weighted_mean (const ScRun *run,
               gsize        offset)
{
  double sum = 0, weight = 0;

  for (guint s = 0; s < run->n_segments; s++)
    {
      double v = G_STRUCT_MEMBER (double, &run->segments[s], offset);

      if (isfinite (v) && run->segments[s].size > 0)
        {
          sum += v * run->segments[s].size;
          weight += run->segments[s].size;
        }
    }
  return weight > 0 ? sum / weight : NAN;
}

static char *
details_line (const ScRun         *run,
              const ScSegmentInfo *s)
{
  guint n_segments = run->n_segments;
  GString *out = g_string_new (NULL);
  const char *quadrant = sc_quadrant_get_label (sc_quadrant_from_string (sc_segment_info_get_quadrant (s)));
  const char *tier = sc_service_tier_to_label (s->service_tier);

  if (s->kind == SC_SEGMENT_KIND_ANOMALIES)
    g_string_append (out, _("Anomalies, set apart"));
  else if (s->kind == SC_SEGMENT_KIND_TOP_ACCOUNTS)
    /* Translators: "Top accounts · priority 1 of 5" */
    g_string_append_printf (out, _("Top accounts · priority %u of %u"), s->priority,
                            n_segments);
  else
    /* Translators: "Priority 1 of 5" */
    g_string_append_printf (out, _("Priority %u of %u"), s->priority, n_segments);
  if (_sc_report_segment_unstable (run, s))
    g_string_append_printf (out, " · %s", _("Unstable"));
  if (quadrant != NULL)
    g_string_append_printf (out, " · %s", quadrant);
  if (tier != NULL)
    g_string_append_printf (out, " · %s", tier);
  if (s->owner != NULL && *s->owner != '\0')
    /* Translators: the person or team responsible for a segment */
    g_string_append_printf (out, _(" · Owner: %s"), s->owner);
  return g_string_free (out, FALSE);
}

static void
add_segment_profile (ScReport            *self,
                     ScSection           *section,
                     const ScReportData  *d,
                     const ScSegmentInfo *s)
{
  const ScRun *run = d->run;
  static const double widths[] = { 0.44, 0.28, 0.28 };
  static const ScAlign align[] = { SC_ALIGN_START, SC_ALIGN_END, SC_ALIGN_END };
  ScBlock *t = sc_section_add_table (section, G_N_ELEMENTS (widths), widths, align);
  char *head[] = { g_strdup (_("Measure")), g_strdup (_("This segment")),
                   g_strdup (_("All customers")) };
  struct { const char *label; gsize offset; int kind; } measures[] = {
    { N_("Days since last order"), G_STRUCT_OFFSET (ScSegmentInfo, recency), 0 },
    { N_("Orders"), G_STRUCT_OFFSET (ScSegmentInfo, frequency), 1 },
    { N_("Net spend"), G_STRUCT_OFFSET (ScSegmentInfo, monetary), 2 },
    { N_("Current value"), G_STRUCT_OFFSET (ScSegmentInfo, value), 2 },
    { N_("Potential (expected value)"), G_STRUCT_OFFSET (ScSegmentInfo, potential), 2 },
    { N_("P(alive)"), G_STRUCT_OFFSET (ScSegmentInfo, p_alive), 3 },
  };
  guint seg = s->position;

  sc_block_add_row (t, head);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      double v = G_STRUCT_MEMBER (double, s, measures[i].offset);
      double all = weighted_mean (run, measures[i].offset);
      char *row[3];

      /* A figure that could not be computed is left out, with its row. */
      if (!isfinite (v) || !isfinite (all))
        continue;
      row[0] = g_strdup (_(measures[i].label));
      switch (measures[i].kind)
        {
        case 0:
          row[1] = _sc_report_fmt_fixed (v, 0);
          row[2] = _sc_report_fmt_fixed (all, 0);
          break;
        case 1:
          row[1] = _sc_report_fmt_fixed (v, 1);
          row[2] = _sc_report_fmt_fixed (all, 1);
          break;
        case 2:
          row[1] = _sc_report_fmt_amount (self, v);
          row[2] = _sc_report_fmt_amount (self, all);
          break;
        default:
          row[1] = _sc_report_fmt_share (v);
          row[2] = _sc_report_fmt_share (all);
          break;
        }
      sc_block_add_row (t, row);
    }

  /* The most common level of each customer attribute, against its share overall. */
  for (guint a = 0; d->attributes != NULL && a < d->attributes->len; a++)
    {
      const ScAttribute *attr = g_ptr_array_index (d->attributes, a);
      const guint64 *counts = d->level_counts[a];
      const guint64 *totals = counts + (gsize) run->n_segments * attr->n_levels;
      guint64 segment_known = 0, all_known = 0;
      guint best = 0;
      g_autofree char *label = NULL;
      char *row[3];

      for (guint l = 0; l < attr->n_levels; l++)
        {
          guint64 c = counts[(gsize) seg * attr->n_levels + l];

          segment_known += c;
          all_known += totals[l];
          if (c > counts[(gsize) seg * attr->n_levels + best])
            best = l;
        }
      if (segment_known == 0 || all_known == 0)
        continue;
      label = attribute_label (attr->name);
      /* Translators: an attribute and its most common value, as in "Industry: Retail" */
      row[0] = g_strdup_printf (_("%s: %s"), label, attr->levels[best]);
      row[1] = _sc_report_fmt_share ((double) counts[(gsize) seg * attr->n_levels + best] /
                                     segment_known);
      row[2] = _sc_report_fmt_share ((double) totals[best] / all_known);
      sc_block_add_row (t, row);
    }
}

/* What a group set apart is, when nobody described it. */
static const char *
set_apart_text (const ScSegmentInfo *s)
{
  switch (s->kind)
    {
    case SC_SEGMENT_KIND_ANOMALIES:
      return _("Customers whose figures look implausible, set apart so that they do not pull "
               "the segments towards them. Check them one by one before acting on them.");
    case SC_SEGMENT_KIND_TOP_ACCOUNTS:
      return _("The customers whose spend stands far above the typical customer’s, set apart "
               "from the clustering and handled as a high-priority segment of their own.");
    case SC_SEGMENT_KIND_SEGMENT:
    default:
      return NULL;
    }
}

/* An unstable segment says so under its heading. */
static char *
unstable_text (const ScRun         *run,
               const ScSegmentInfo *s)
{
  const ScSegmentQuality *q = _sc_report_segment_quality (run, s);
  g_autofree char *stability = NULL;
  g_autofree char *threshold = NULL;

  if (q == NULL || !q->unstable)
    return NULL;
  stability = _sc_report_fmt_fixed (q->stability, 2);
  threshold = _sc_report_fmt_fixed (SC_VALIDATE_UNSTABLE, 1);
  return g_strdup_printf (_("Unstable: treat as a rough guide. This segment is not reliably "
                            "found again when the customers are resampled (stability %s, below "
                            "%s)."), stability, threshold);
}

static void
add_segment_cards (ScReport            *self,
                   ScSection           *section,
                   const ScReportData  *d,
                   const ScSegmentInfo *s,
                   const ScRgba        *colour)
{
  ScBlock *cards = sc_section_add_cards (section);
  g_autofree char *share = _sc_report_fmt_share (s->share);
  g_autofree char *rshare = _sc_report_fmt_share (s->revenue_share);

  cards->accent = *colour;
  cards->has_accent = TRUE;
  /* Translators: "8.6% of customers" */
  sc_block_add_card (cards, _sc_report_fmt_count (s->size),
                     g_strdup_printf (_("customers, %s of all"), share));
  /* Translators: "74% of revenue" */
  sc_block_add_card (cards, _sc_report_fmt_amount (self, s->revenue),
                     g_strdup_printf (_("net revenue, %s of all"),
                                      rshare));
  sc_block_add_card (cards, _sc_report_fmt_amount (self, s->monetary),
                     g_strdup (_("average net spend per customer")));
  if (isfinite (s->potential))
    sc_block_add_card (cards, _sc_report_fmt_amount (self, s->potential),
                       d->potential != NULL
                       /* Translators: %u is a number of months */
                       ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "expected value per customer, next %u month",
                                                       "expected value per customer, next %u months",
                                                       d->potential->params.horizon_months),
                                          d->potential->params.horizon_months)
                       : g_strdup (_("expected value per customer")));
  else
    sc_block_add_card (cards, _sc_report_fmt_fixed (s->frequency, 1),
                       g_strdup (_("orders per customer")));
}

/* The profile sentence, one trait per item. */
static GPtrArray *
segment_traits (const ScSegmentInfo *s)
{
  g_auto(GStrv) parts = g_strsplit (s->profile != NULL ? s->profile : "", "; ", -1);
  GPtrArray *traits = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_ptr_array_add (traits, capitalise (parts[i]));
  return traits;
}

/* The plan's details: service tier, channel, cadence and KPI, each a field of ScPlanField. */
static const struct
{
  const char  *label;
  ScPlanField  field;
} details[] = {
  { N_("Channel"), SC_PLAN_FIELD_CHANNEL },
  { N_("Cadence"), SC_PLAN_FIELD_CADENCE },
  { N_("KPI to watch"), SC_PLAN_FIELD_KPI },
};

/* A plan field's heading, marked "(suggested)" until people set it. */
static char *
plan_heading (const ScPlan *plan,
              ScPlanField   field,
              const char   *heading)
{
  if ((plan->suggested & field) == 0)
    return g_strdup (heading);
  /* Translators: a plan field's heading, as in "Objective (suggested)" */
  return g_strdup_printf (_("%s (suggested)"), heading);
}

static void
add_plan_heading (ScSection    *section,
                  const ScPlan *plan,
                  ScPlanField   field,
                  const char   *heading)
{
  g_autofree char *text = plan_heading (plan, field, heading);

  sc_section_add_heading (section, text);
}

static void
add_plan_item (ScBlock      *columns,
               guint         column,
               const ScPlan *plan,
               ScPlanField   field,
               const char   *heading)
{
  g_autofree char *text = plan_heading (plan, field, heading);

  sc_block_add_item (columns, column, SC_STYLE_H2, text);
}

static char *
plan_value (const ScPlan *plan,
            ScPlanField   field)
{
  switch (field)
    {
    case SC_PLAN_FIELD_CHANNEL:
      return g_strdup (plan->channel);
    case SC_PLAN_FIELD_CADENCE:
      return g_strdup (plan->cadence);
    case SC_PLAN_FIELD_KPI:
    default:
      if (plan->kpi_text != NULL && isfinite (plan->kpi_value))
        /* Translators: a KPI and its current value, as in "Repeat rate, now 45%" */
        return g_strdup_printf (_("%s, now %s"), plan->kpi_name, plan->kpi_text);
      return g_strdup (plan->kpi_name);
    }
}

/* "Channel (suggested): Automated email and self-service" */
static char *
plan_detail (const ScPlan *plan,
             guint         i)
{
  g_autofree char *value = plan_value (plan, details[i].field);
  g_autofree char *heading = plan_heading (plan, details[i].field, _(details[i].label));

  /* Translators: a plan's detail, as in "Cadence: Every two to four weeks" */
  return g_strdup_printf (_("%s: %s"), heading, value);
}

/* A4: the objective, the tactics, then the service tier, channel, cadence and KPI. */
static void
add_plan (ScSection           *section,
          const ScPlan        *plan,
          const ScRgba        *colour)
{
  if (plan == NULL)
    return;
  add_plan_heading (section, plan, SC_PLAN_FIELD_OBJECTIVE, _("Objective"));
  sc_section_add_text (section, SC_STYLE_BODY, plan->objective);

  add_plan_heading (section, plan, SC_PLAN_FIELD_TACTICS, _("Tactics"));
  for (guint i = 0; plan->tactics != NULL && plan->tactics[i] != NULL; i++)
    {
      ScBlock *b = sc_section_add_bullet (section, SC_STYLE_BODY, plan->tactics[i]);

      b->accent = *colour;
      b->has_accent = TRUE;
    }

  /* The details in small type under the tactics, one line each in one paragraph, so that
   * the plan keeps to the segment's page. */
  {
    g_autofree char *tier = plan_heading (plan, SC_PLAN_FIELD_TIER, _("Service tier"));
    GString *text = g_string_new (NULL);

    g_string_append_printf (text, _("%s: %s"), tier, plan->tier_meaning);
    for (guint i = 0; i < G_N_ELEMENTS (details); i++)
      {
        g_autofree char *line = plan_detail (plan, i);

        g_string_append_printf (text, "\n%s", line);
      }
    sc_section_add_text (section, SC_STYLE_SMALL, text->str);
    g_string_free (text, TRUE);
  }
}

/* Slides: one slide per segment, whatever people wrote; the two columns below the figures
 * take the rest of the slide and shorten what does not fit. */
static void
build_segment_slide (ScReport            *self,
                     ScSection           *section,
                     const ScReportData  *d,
                     const ScSegmentInfo *s,
                     const ScRgba        *colour)
{
  g_autoptr(GPtrArray) traits = segment_traits (s);
  g_autofree char *unstable = unstable_text (d->run, s);
  const ScPlan *plan = _sc_report_plan (d, s);
  ScBlock *columns;
  ScColumnItem *item;

  add_segment_cards (self, section, d, s, colour);
  columns = sc_section_add_columns (section);

  if (unstable != NULL)
    {
      item = sc_block_add_item (columns, 0, SC_STYLE_BODY, unstable);
      item->bullet = TRUE;
      item->accent = *colour;
    }
  if (s->description != NULL && *s->description != '\0')
    sc_block_add_item (columns, 0, SC_STYLE_SMALL, s->description);
  else if (set_apart_text (s) != NULL)
    sc_block_add_item (columns, 0, SC_STYLE_SMALL, set_apart_text (s));
  sc_block_add_item (columns, 0, SC_STYLE_H2, _("What distinguishes it"));
  for (guint i = 0; i < traits->len; i++)
    {
      item = sc_block_add_item (columns, 0, SC_STYLE_SMALL, g_ptr_array_index (traits, i));
      item->bullet = TRUE;
      item->accent = *colour;
      item->after *= 0.5;
    }
  if (traits->len == 0)
    sc_block_add_item (columns, 0, SC_STYLE_SMALL,
                       _("Nothing stands out from the average customer."));
  if (plan == NULL)
    return;

  /* The service tier and how to reach the customers, in small type under the profile. */
  add_plan_item (columns, 0, plan, SC_PLAN_FIELD_TIER, _("Service tier"));
  sc_block_add_item (columns, 0, SC_STYLE_SMALL, plan->tier_meaning);
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autofree char *line = NULL;

      if (details[i].field == SC_PLAN_FIELD_KPI)
        continue;
      line = plan_detail (plan, i);
      sc_block_add_item (columns, 0, SC_STYLE_SMALL, line)->after *= 0.5;
    }

  add_plan_item (columns, 1, plan, SC_PLAN_FIELD_OBJECTIVE, _("Objective"));
  sc_block_add_item (columns, 1, SC_STYLE_BODY, plan->objective);
  add_plan_item (columns, 1, plan, SC_PLAN_FIELD_TACTICS, _("Tactics"));
  for (guint i = 0; plan->tactics != NULL && plan->tactics[i] != NULL; i++)
    {
      item = sc_block_add_item (columns, 1, SC_STYLE_SMALL, plan->tactics[i]);
      item->bullet = TRUE;
      item->accent = *colour;
      item->after *= 0.5;
    }
  /* The KPI closes the plan, where the eye ends. */
  {
    g_autofree char *kpi = plan_value (plan, SC_PLAN_FIELD_KPI);

    add_plan_item (columns, 1, plan, SC_PLAN_FIELD_KPI, _("KPI to watch"));
    sc_block_add_item (columns, 1, SC_STYLE_BODY, kpi);
  }
}

void
_sc_report_build_segment (ScReport            *self,
                          const ScReportData  *d,
                          const ScSegmentInfo *s)
{
  g_autofree char *title = _sc_text_unisolate (s->name);
  ScSection *section = sc_page_layout_add_section (self->layout, SC_REPORT_PAGE_SEGMENT, title,
                                                   (int) s->position);
  ScRgba colour = _sc_report_segment_colour (self, s);
  ScBlock *head = sc_section_add_block (section, SC_BLOCK_SWATCH_HEAD, SC_STYLE_H1);
  const char *meaning = quadrant_meaning (sc_quadrant_from_string (sc_segment_info_get_quadrant (s)));
  g_autofree char *unstable = unstable_text (d->run, s);
  g_autoptr(GPtrArray) traits = NULL;

  head->text = g_strdup (s->name);
  head->text2 = details_line (d->run, s);
  head->accent = colour;
  head->has_accent = TRUE;
  head->after = self->m->styles[SC_STYLE_H1].after;

  if (self->format == SC_REPORT_FORMAT_SLIDES)
    {
      build_segment_slide (self, section, d, s, &colour);
      return;
    }

  if (unstable != NULL)
    {
      ScBlock *b = sc_section_add_bullet (section, SC_STYLE_BODY, unstable);

      b->accent = colour;
      b->has_accent = TRUE;
    }
  if (s->description != NULL && *s->description != '\0')
    sc_section_add_text (section, SC_STYLE_BODY, s->description);
  else if (set_apart_text (s) != NULL)
    sc_section_add_text (section, SC_STYLE_SMALL, set_apart_text (s));

  add_segment_cards (self, section, d, s, &colour);

  if (meaning != NULL)
    {
      const char *quadrant = sc_quadrant_get_label (sc_quadrant_from_string (sc_segment_info_get_quadrant (s)));
      /* Translators: "Invest: high current value and high potential." */
      g_autofree char *text = g_strdup_printf (_("%s: %s."), quadrant, meaning);
      sc_section_add_text (section, SC_STYLE_CAPTION, text);
    }

  sc_section_add_heading (section, _("What distinguishes it"));
  traits = segment_traits (s);
  for (guint i = 0; i < traits->len; i++)
    {
      ScBlock *b = sc_section_add_bullet (section, SC_STYLE_BODY, g_ptr_array_index (traits, i));

      b->accent = colour;
      b->has_accent = TRUE;
    }
  if (traits->len == 0)
    sc_section_add_text (section, SC_STYLE_BODY,
                         _("Nothing stands out from the average customer."));

  sc_section_add_heading (section, _("Profile"));
  add_segment_profile (self, section, d, s);

  add_plan (section, _sc_report_plan (d, s), &colour);
}
