/* sc-report-hypotheses.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The report's "Hypotheses" section: what the team believed about its customers and what
 * the data say, one verdict sentence per hypothesis (the same sentence the app and the CLI
 * show), and how they were tested. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sc-project-private.h"
#include "sc-report-private.h"

void
_sc_report_build_hypotheses (ScReport      *self,
                             ScStore       *store,
                             GCancellable  *cancellable)
{
  g_autoptr(ScHypothesisReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  ScSection *section;
  guint counts[3] = { 0 };
  g_autofree char *summary = NULL;

  report = _sc_project_test_hypotheses_in (store, FALSE, cancellable, &error);
  if (report == NULL || report->results->len == 0)
    return;

  for (guint i = 0; i < report->results->len; i++)
    counts[((ScHypothesisResult *) g_ptr_array_index (report->results, i))->verdict]++;

  section = _sc_report_add_page (self, SC_REPORT_PAGE_CHART, _("Hypotheses"), NULL, NULL);
  /* Translators: counts of hypotheses by verdict */
  summary = g_strdup_printf (_("%u supported by the data, %u not supported, %u with too few "
                               "customers to tell."),
                             counts[SC_HYPOTHESIS_SUPPORTED], counts[SC_HYPOTHESIS_NOT_SUPPORTED],
                             counts[SC_HYPOTHESIS_TOO_FEW]);
  sc_section_add_text (section, SC_STYLE_BODY, summary);

  for (guint i = 0; i < report->results->len; i++)
    {
      const ScHypothesisResult *r = g_ptr_array_index (report->results, i);
      g_autofree char *line = g_strdup_printf ("%s. %s", r->statement, r->sentence);

      sc_section_add_bullet (section, slides ? SC_STYLE_SMALL : SC_STYLE_BODY, line);
    }

  sc_section_add_text (section, SC_STYLE_CAPTION,
                       _("Each hypothesis compares a group with the rest of the customers who "
                         "ordered. Ratio of means (or of repeat rates) with a 95% bootstrap "
                         "interval; one-sided Mann–Whitney U test (two proportions for the "
                         "repeat rate), corrected with Holm’s method across the project’s "
                         "hypotheses; at least 30 customers on each side."));
}
