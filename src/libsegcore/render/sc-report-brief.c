/* sc-report-brief.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The project brief opens the report: why the segments were made, how success is measured
 * (each KPI's value in the data now beside its target) and who decides.  Only the parts
 * people wrote are printed; without a brief there is no such page.  The brief's objective
 * is also the report's title unless one is given. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "sc-brief.h"
#include "sc-report-private.h"

/**
 * _sc_report_default_title:
 *
 * The brief's objective, else "Customer segments"; never the file's name, which says
 * nothing to the people reading the report.
 */
char *
_sc_report_default_title (ScStore *store)
{
  g_autoptr(ScBrief) brief = sc_brief_load (store, NULL);

  if (brief != NULL && brief->objective != NULL)
    return g_strdup (brief->objective);
  return g_strdup (_("Customer segments"));
}

static char *
format_date (const char *iso)
{
  int y, m, d;
  g_autoptr(GDateTime) date = NULL;

  if (sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3 ||
      (date = g_date_time_new_local (y, m, d, 0, 0, 0)) == NULL)
    return g_strdup (iso);
  /* Translators: the review date, as in "30 September 2026"; see g_date_time_format() */
  return g_date_time_format (date, _("%-d %B %Y"));
}

static void
add_kpis (ScSection     *section,
          const ScBrief *brief)
{
  static const double widths[] = { 0.46, 0.27, 0.27 };
  static const ScAlign align[] = { SC_ALIGN_START, SC_ALIGN_END, SC_ALIGN_END };
  ScBlock *t;
  char *head[3];

  sc_section_add_heading (section, _("Success measures"));
  t = sc_section_add_table (section, G_N_ELEMENTS (widths), widths, align);
  head[0] = g_strdup (_("KPI"));
  head[1] = g_strdup (_("Now"));
  head[2] = g_strdup (_("Target"));
  sc_block_add_row (t, head);
  for (guint i = 0; i < brief->kpis->len; i++)
    {
      const ScBriefKpi *k = &g_array_index (brief->kpis, ScBriefKpi, i);
      const char *id = sc_brief_kpi_id (k->name);
      char *row[3];

      row[0] = g_strdup (id != NULL ? sc_brief_kpi_label (id) : k->name);
      row[1] = isfinite (k->baseline) ? sc_brief_format_kpi_value (brief, k->name, k->baseline)
                                      : g_strdup (_("not measured"));
      row[2] = isfinite (k->target) ? sc_brief_format_kpi_value (brief, k->name, k->target)
                                    : g_strdup (_("no target"));
      sc_block_add_row (t, row);
    }
}

static void
add_stakeholders (ScSection     *section,
                  const ScBrief *brief)
{
  static const double widths[] = { 0.36, 0.32, 0.32 };
  static const ScAlign align[] = { SC_ALIGN_START, SC_ALIGN_START, SC_ALIGN_START };
  ScBlock *t;
  char *head[3];

  sc_section_add_heading (section, _("Stakeholders"));
  t = sc_section_add_table (section, G_N_ELEMENTS (widths), widths, align);
  head[0] = g_strdup (_("Name"));
  head[1] = g_strdup (_("Team"));
  head[2] = g_strdup (_("Role"));
  sc_block_add_row (t, head);
  for (guint i = 0; i < brief->stakeholders->len; i++)
    {
      const ScStakeholder *s = &g_array_index (brief->stakeholders, ScStakeholder, i);
      char *row[3];

      row[0] = g_strdup (s->name);
      row[1] = g_strdup (s->team != NULL ? s->team : "");
      row[2] = g_strdup (sc_stakeholder_role_to_label (s->role));
      sc_block_add_row (t, row);
    }
}

/**
 * _sc_report_build_brief:
 *
 * Adds the brief's page after the title page, when the project has a brief.
 */
void
_sc_report_build_brief (ScReport           *self,
                        ScStore            *store,
                        const ScReportData *d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScBrief) brief = sc_brief_load_with_baselines (store, d->run, &error);
  ScSection *section;

  if (brief == NULL)
    {
      g_warning ("The brief could not be read: %s", error->message);
      return;
    }
  if (sc_brief_is_empty (brief))
    return;

  section = sc_page_layout_add_section (self->layout, SC_REPORT_PAGE_BRIEF, _("Project brief"),
                                        -1);
  sc_section_add_text (section, SC_STYLE_H1, _("Project brief"));
  if (brief->objective != NULL)
    {
      sc_section_add_heading (section, _("Objective"));
      sc_section_add_text (section, SC_STYLE_BODY, brief->objective);
    }
  if (brief->goal != NULL)
    {
      sc_section_add_heading (section, _("Business goal"));
      sc_section_add_text (section, SC_STYLE_BODY, brief->goal);
    }
  if (brief->kpis->len > 0)
    add_kpis (section, brief);
  if (brief->stakeholders->len > 0)
    add_stakeholders (section, brief);
  if (brief->scope != NULL || brief->review_date != NULL || brief->currency != NULL)
    sc_section_add_heading (section, _("Scope"));
  if (brief->scope != NULL)
    sc_section_add_text (section, SC_STYLE_BODY, brief->scope);
  if (brief->review_date != NULL)
    {
      g_autofree char *date = format_date (brief->review_date);
      /* Translators: %s is a date */
      g_autofree char *text = g_strdup_printf (_("Review date: %s."), date);

      sc_section_add_text (section, SC_STYLE_BODY, text);
    }
  if (brief->currency != NULL)
    {
      /* Translators: %s is an ISO 4217 code such as EUR */
      g_autofree char *text = g_strdup_printf (_("Amounts are in %s."), brief->currency);

      sc_section_add_text (section, SC_STYLE_BODY, text);
    }
}
