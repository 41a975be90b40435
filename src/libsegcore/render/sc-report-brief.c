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
#include <string.h>

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

static char *
kpi_name (const ScBriefKpi *k)
{
  const char *id = sc_brief_kpi_id (k->name);

  return g_strdup (id != NULL ? sc_brief_kpi_label (id) : k->name);
}

static char *
kpi_now (const ScBrief    *brief,
         const ScBriefKpi *k)
{
  return isfinite (k->baseline) ? sc_brief_format_kpi_value (brief, k->name, k->baseline)
                                : g_strdup (_("not measured"));
}

static char *
kpi_target (const ScBrief    *brief,
            const ScBriefKpi *k)
{
  return isfinite (k->target) ? sc_brief_format_kpi_value (brief, k->name, k->target)
                              : g_strdup (_("no target"));
}

/* "Repeat rate: 70.1% now, target 40.0%", or without a value now when it is not measured. */
static char *
kpi_line (const ScBrief    *brief,
          const ScBriefKpi *k)
{
  g_autofree char *name = kpi_name (k);
  g_autofree char *target = kpi_target (brief, k);

  if (isfinite (k->baseline))
    {
      g_autofree char *now = kpi_now (brief, k);

      /* Translators: a KPI: its name, its value now, its target */
      return g_strdup_printf (_("%s: %s now, target %s"), name, now, target);
    }
  /* Translators: a KPI the data does not measure: its name and target */
  return g_strdup_printf (_("%s: target %s (not measured)"), name, target);
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
      char *row[3];

      row[0] = kpi_name (k);
      row[1] = kpi_now (brief, k);
      row[2] = kpi_target (brief, k);
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

static gboolean
has_scope (const ScBrief *brief)
{
  return brief->scope != NULL || brief->review_date != NULL || brief->currency != NULL;
}

/* The scope's lines: what is included, the review date, the currency; NULL when unset. */
static char *
scope_line (const ScBrief *brief,
            guint          i)
{
  if (i == 0)
    return g_strdup (brief->scope);
  if (i == 1 && brief->review_date != NULL)
    {
      g_autofree char *date = format_date (brief->review_date);

      /* Translators: %s is a date */
      return g_strdup_printf (_("Review date: %s."), date);
    }
  if (i == 2 && brief->currency != NULL)
    /* Translators: %s is an ISO 4217 code such as EUR */
    return g_strdup_printf (_("Amounts are in %s."), brief->currency);
  return NULL;
}

static char *
stakeholder_line (ScStakeholder s)
{
  const char *role = sc_stakeholder_role_to_label (s.role);

  /* Translators: a stakeholder: name, team — role */
  return s.team != NULL ? g_strdup_printf (_("%s, %s — %s"), s.name, s.team, role)
                        : g_strdup_printf (_("%s — %s"), s.name, role);
}

/* Objective, goal and scope in the left column of a slide. */
static void
add_words (ScBlock       *columns,
           const ScBrief *brief)
{
  const struct { const char *heading; const char *text; } parts[] = {
    { N_("Objective"), brief->objective },
    { N_("Business goal"), brief->goal },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].text != NULL)
      {
        sc_block_add_item (columns, 0, SC_STYLE_H2, _(parts[i].heading));
        sc_block_add_item (columns, 0, SC_STYLE_BODY, parts[i].text);
      }
  if (has_scope (brief))
    sc_block_add_item (columns, 0, SC_STYLE_H2, _("Scope"));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *line = scope_line (brief, i);

      if (line != NULL)
        sc_block_add_item (columns, 0, SC_STYLE_BODY, line)->after *= 0.5;
    }
}

/* Columns do not continue on the next slide: they are only used for a brief short enough
 * to fit one (at most two lines a KPI or stakeholder, the words well within the left
 * column); a longer brief flows as in the A4 report, its tables continuing on the next
 * slide. */
static gboolean
fits_one_slide (const ScBrief *brief)
{
  gsize words = 0;

  words += brief->objective != NULL ? strlen (brief->objective) : 0;
  words += brief->goal != NULL ? strlen (brief->goal) : 0;
  words += brief->scope != NULL ? strlen (brief->scope) : 0;
  return brief->kpis->len + brief->stakeholders->len <= 7 && words <= 360;
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

  section = _sc_report_add_page (self, SC_REPORT_PAGE_BRIEF, _("Project brief"), NULL, NULL);
  if (self->format == SC_REPORT_FORMAT_SLIDES && fits_one_slide (brief))
    {
      /* A slide has room in width, not in height: the words on the left, the people on
       * the right, the measures below across the slide. */
      ScBlock *columns = sc_section_add_columns (section);

      add_words (columns, brief);
      if (brief->kpis->len > 0)
        sc_block_add_item (columns, 1, SC_STYLE_H2, _("Success measures"));
      for (guint i = 0; i < brief->kpis->len; i++)
        {
          g_autofree char *line = kpi_line (brief, &g_array_index (brief->kpis, ScBriefKpi, i));

          sc_block_add_item (columns, 1, SC_STYLE_BODY, line)->after *= 0.5;
        }
      if (brief->stakeholders->len > 0)
        {
          sc_block_add_item (columns, 1, SC_STYLE_H2, _("Stakeholders"));
          for (guint i = 0; i < brief->stakeholders->len; i++)
            {
              g_autofree char *line = stakeholder_line (g_array_index (brief->stakeholders,
                                                                       ScStakeholder, i));

              sc_block_add_item (columns, 1, SC_STYLE_BODY, line)->after *= 0.5;
            }
        }
      return;
    }

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
  if (has_scope (brief))
    sc_section_add_heading (section, _("Scope"));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *line = scope_line (brief, i);

      if (line != NULL)
        sc_section_add_text (section, SC_STYLE_BODY, line);
    }
}
