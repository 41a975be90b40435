/* sc-report-data.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the report's content is made of: the figures loaded from the project, the totals of
 * the title page, and the report's formats of numbers, dates and lists. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-export.h"
#include "sc-potential.h"
#include "sc-run.h"

#include "sc-audit-private.h"
#include "sc-report-private.h"

void
_sc_report_data_clear (ScReportData *d)
{
  if (d->level_counts != NULL && d->attributes != NULL)
    for (guint a = 0; a < d->attributes->len; a++)
      g_free (d->level_counts[a]);
  g_free (d->level_counts);
  g_clear_pointer (&d->attributes, g_ptr_array_unref);
  g_clear_pointer (&d->potential, sc_potential_free);
  g_clear_pointer (&d->imports, g_array_unref);
  g_free (d->expected);
  g_free (d->order);
  g_clear_pointer (&d->plans, sc_plans_free);
  g_clear_pointer (&d->decisions, g_ptr_array_unref);
  g_clear_pointer (&d->audit_summary, g_free);
}


char *
_sc_report_fmt_count (guint64 n)
{
  return sc_format_count (n);
}

char *
_sc_report_fmt_money (ScReport *self,
                      double    v)
{
  /* A figure that could not be computed is not printed (an empty cell). */
  return isfinite (v) ? sc_format_currency (v, self->currency) : g_strdup ("");
}

/* Amounts in cards and tables: in full, as the application and the CLI show them (cards
 * shrink a long figure to fit, see _sc_page_card_value()). */
char *
_sc_report_fmt_amount (ScReport *self,
                       double    v)
{
  return _sc_report_fmt_money (self, v);
}

char *
_sc_report_fmt_share (double f)
{
  /* A figure that could not be computed is not printed (an empty cell). */
  return isfinite (f) ? sc_format_percent (f, -1) : g_strdup ("");
}

char *
_sc_report_fmt_fixed (double v,
                      int    decimals)
{
  return isfinite (v) ? sc_format_number (v, decimals) : g_strdup ("");
}

char *
_sc_report_fmt_day (ScDay day)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  sc_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return sc_day_format (day);
  /* Translators: a date as in "1 March 2025"; see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

/* "A", "A and B", "A, B and C" */
char *
_sc_report_join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == names->len ? _(" and ") : _(", "));
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

ScRgba
_sc_report_segment_colour (ScReport            *self,
                           const ScSegmentInfo *s)
{
  ScRgba colour;

  sc_palette_segment_colour (self->palette, s->colour, s->is_outliers, &colour);
  return colour;
}

/* Starts a page of @kind called @title in the outline, headed by @heading
 * (%NULL: @title) and, when not %NULL, @caption under it. */
ScSection *
_sc_report_add_page (ScReport         *self,
                     ScReportPageKind  kind,
                     const char       *title,
                     const char       *heading,
                     const char       *caption)
{
  ScSection *section = sc_page_layout_add_section (self->layout, kind, title, -1);

  sc_section_add_text (section, SC_STYLE_H1, heading != NULL ? heading : title);
  if (caption != NULL)
    sc_section_add_text (section, SC_STYLE_CAPTION, caption);
  return section;
}

gboolean
_sc_report_load_data (ScReport     *self,
                      ScStore      *store,
                      ScReportData *d,
                      GCancellable *cancellable,
                      GError      **error)
{
  const ScRun *run = sc_charts_get_run (self->charts);
  g_autoptr(GPtrArray) attrs = NULL;
  guint32 n_store = sc_store_get_n_customers (store);

  d->run = run;
  d->features = sc_charts_get_features (self->charts);
  d->order = sc_run_priority_order (run);

  d->potential = sc_potential_load_current (store, error);
  if (d->potential == NULL && error != NULL && *error != NULL)
    return FALSE;
  d->fresh = d->potential != NULL && sc_potential_is_fresh (store, d->potential);

  /* Expected future value per segment: summed over the members when the model covers
   * them, else the segment's stored mean times its size. */
  d->expected = g_new (double, MAX (run->n_segments, 1));
  for (guint s = 0; s < run->n_segments; s++)
    d->expected[s] = isfinite (run->segments[s].potential)
                     ? run->segments[s].potential * run->segments[s].size : NAN;
  if (d->potential != NULL && d->fresh && d->potential->n >= run->n_customers)
    {
      for (guint s = 0; s < run->n_segments; s++)
        d->expected[s] = 0;
      for (guint32 i = 0; i < run->n_customers; i++)
        if (run->labels[i] < run->n_segments && isfinite (d->potential->clv[i]))
          d->expected[run->labels[i]] += d->potential->clv[i];
    }

  if (!sc_store_list_imports (store, &d->imports, error))
    return FALSE;
  {
    g_autoptr(ScAudit) audit = _sc_audit_compute (store, error);

    if (audit == NULL)
      return FALSE;
    d->audit_summary = g_steal_pointer (&audit->summary);
  }
  d->plans = sc_plan_run (store, run, cancellable, error);
  if (d->plans == NULL)
    return FALSE;
  d->decisions = sc_plan_decisions (run, d->plans);
  if (!sc_export_consent_summary (store, run, &d->consent, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Categorical attributes with a handful of levels say who the customers are. */
  if (!sc_store_load_attributes (store, n_store, &attrs, error))
    return FALSE;
  d->attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_attribute_free);
  for (guint a = 0; a < attrs->len; a++)
    {
      ScAttribute *attr = g_ptr_array_index (attrs, a);

      if (attr->categorical && attr->n_levels >= 2 && attr->n_levels <= 40 &&
          d->attributes->len < 4 && n_store >= run->n_customers)
        g_ptr_array_add (d->attributes, g_ptr_array_steal_index (attrs, a--));
    }
  d->level_counts = g_new0 (guint64 *, MAX (d->attributes->len, 1));
  for (guint a = 0; a < d->attributes->len; a++)
    {
      const ScAttribute *attr = g_ptr_array_index (d->attributes, a);
      guint64 *counts = g_new0 (guint64, (gsize) (run->n_segments + 1) * attr->n_levels);
      guint64 *totals = counts + (gsize) run->n_segments * attr->n_levels;

      for (guint32 i = 0; i < run->n_customers; i++)
        {
          gint32 code = attr->codes[i];
          guint16 label = run->labels[i];

          if (label >= run->n_segments || code < 0 || (guint) code >= attr->n_levels)
            continue;
          counts[(gsize) label * attr->n_levels + code]++;
          totals[code]++;
        }
      d->level_counts[a] = counts;
    }
  return TRUE;
}

/* The figures of the title page and the summary, over the run's customers. */
void
_sc_report_compute_totals (ScReport           *self,
                           const ScReportData *d)
{
  const ScRun *run = d->run;
  const ScFeatures *f = d->features;
  const double *recency = f->values[SC_FEATURE_RECENCY];
  const double *tenure = f->values[SC_FEATURE_TENURE];
  ScDay first = G_MAXINT32, last = G_MININT32;

  for (guint32 i = 0; i < f->n; i++)
    {
      /* Customers without a transaction have no recency. */
      if (!isfinite (recency[i]))
        continue;
      self->n_customers++;
      self->n_orders += (guint64) f->values[SC_FEATURE_FREQUENCY][i];
      self->revenue += f->values[SC_FEATURE_MONETARY][i];
      last = MAX (last, f->as_of - (ScDay) recency[i]);
      if (isfinite (tenure[i]))
        first = MIN (first, f->as_of - (ScDay) tenure[i]);
    }

  for (guint s = 0; s < run->n_segments; s++)
    {
      self->n_segmented += run->segments[s].size;
      if (run->segments[s].is_outliers)
        self->n_anomalies += run->segments[s].size;
      else
        self->n_clusters++;
    }

  if (first <= last)
    {
      g_autofree char *first_text = _sc_report_fmt_day (first);
      g_autofree char *last_text = _sc_report_fmt_day (last);

      /* Translators: "Orders from 1 January 2024 to 31 December 2025" */
      self->period = g_strdup_printf (_("Orders from %s to %s"), first_text, last_text);
    }
  else
    self->period = g_strdup (_("No orders"));
}
