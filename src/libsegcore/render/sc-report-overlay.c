/* sc-report-overlay.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report's "Rule segments" section, only when the project has rules: the behavioural
 * segments against the rule segments (the overlay by rules, first match), the customers and
 * revenue of every cell, and one sentence per rule segment with its totals and the
 * behavioural segment most of its customers are in. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-overlay-private.h"
#include "sc-report-private.h"
#include "sc-store-rules.h"

/* Wider tables would not fit a page: the sentences still name every rule segment. */
#define MAX_TABLE_COLUMNS 6

static void
add_table (ScReport        *self,
           ScSection       *section,
           const ScOverlay *o)
{
  g_autofree double *widths = g_new (double, o->n_columns + 1);
  g_autofree ScAlign *align = g_new (ScAlign, o->n_columns + 1);
  ScBlock *t;
  char **head = g_new0 (char *, o->n_columns + 1);

  widths[0] = 0.28;
  align[0] = SC_ALIGN_START;
  for (guint c = 0; c < o->n_columns; c++)
    {
      widths[c + 1] = 0.72 / o->n_columns;
      align[c + 1] = SC_ALIGN_END;
    }
  t = sc_section_add_table (section, o->n_columns + 1, widths, align);
  head[0] = g_strdup (_("Segment"));
  for (guint c = 0; c < o->n_columns; c++)
    head[c + 1] = g_strdup (o->column_names[c]);
  sc_block_add_row (t, head);
  g_free (head);
  for (guint r = 0; r < o->n_rows; r++)
    {
      char **row = g_new0 (char *, o->n_columns + 1);

      row[0] = g_strdup (o->row_names[r]);
      for (guint c = 0; c < o->n_columns; c++)
        {
          const ScOverlayCell *cell = &o->cells[r * o->n_columns + c];
          g_autofree char *customers = _sc_report_fmt_count (cell->customers);
          g_autofree char *revenue = cell->customers > 0 ? _sc_report_fmt_money (self,
                                                                                 cell->revenue)
                                                         : NULL;

          row[c + 1] = revenue != NULL ? g_strdup_printf ("%s\n%s", customers, revenue)
                                       : g_steal_pointer (&customers);
        }
      sc_block_add_row (t, row);
      g_free (row);
    }
  sc_section_add_text (section, SC_STYLE_CAPTION,
                       _("Customers and their net revenue per cell. A customer belongs to the "
                         "first rule it matches; every customer is in exactly one cell."));
}

static char *
column_sentence (ScReport        *self,
                 const ScOverlay *o,
                 guint            c)
{
  guint64 customers = 0;
  double revenue = 0, profit = 0;
  gboolean any_profit = FALSE;
  guint top = 0;
  g_autofree char *count = NULL;
  g_autofree char *money = NULL;
  GString *text = g_string_new (NULL);

  for (guint r = 0; r < o->n_rows; r++)
    {
      const ScOverlayCell *cell = &o->cells[r * o->n_columns + c];

      customers += cell->customers;
      revenue += cell->revenue;
      if (isfinite (cell->profit))
        {
          profit += cell->profit;
          any_profit = TRUE;
        }
      if (cell->customers > o->cells[top * o->n_columns + c].customers)
        top = r;
    }
  count = _sc_report_fmt_count (customers);
  money = _sc_report_fmt_money (self, revenue);
  /* Translators: a rule segment, a number of customers, then their revenue */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %s customer, %s revenue",
                                             "%s: %s customers, %s revenue", customers),
                          o->column_names[c], count, money);
  if (o->has_profit && any_profit)
    {
      g_autofree char *p = _sc_report_fmt_money (self, profit);

      /* Translators: an amount of gross profit, after the revenue */
      g_string_append_printf (text, _(", %s profit"), p);
    }
  if (customers > 0)
    {
      const ScOverlayCell *cell = &o->cells[top * o->n_columns + c];
      g_autofree char *in_top = _sc_report_fmt_count (cell->customers);

      /* Translators: a behavioural segment, then the number of the rule segment's customers
       * in it */
      g_string_append_printf (text, _("; the most of them in “%s” (%s)"), o->row_names[top],
                              in_top);
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

void
_sc_report_build_overlay (ScReport     *self,
                          ScStore      *store)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(ScOverlay) overlay = NULL;
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  ScSection *section;

  /* Without rules there is nothing to lay over the segments; a rule that no longer fits the
   * data (an attribute a re-import removed) leaves the section out rather than the report. */
  if (!sc_store_list_rules (store, &rules, NULL) || rules->len == 0)
    return;
  overlay = _sc_overlay_compute (store, SC_OVERLAY_BY_RULES, NULL);
  if (overlay == NULL || overlay->n_rows == 0)
    return;

  section = _sc_report_add_page (self, SC_REPORT_PAGE_CHART,
                                 _("Rule Segments"),
                                 _("Rule segments and behavioural segments"),
                                 NULL);
  if (overlay->n_columns <= MAX_TABLE_COLUMNS)
    add_table (self, section, overlay);
  for (guint c = 0; c < overlay->n_columns; c++)
    {
      g_autofree char *line = column_sentence (self, overlay, c);

      sc_section_add_bullet (section, slides ? SC_STYLE_SMALL : SC_STYLE_BODY, line);
    }
}
