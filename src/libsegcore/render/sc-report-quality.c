/* sc-report-quality.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How the segments were made and how far to trust them, from the validation stored with the
 * run: the methodology's segmentation part (the choice of k and its table, each segment's
 * stability and what sets it apart, look-alike pairs, the rule that sets top accounts and
 * anomalies apart), and the flag an unstable segment carries wherever the report names it. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>

#include "sc-run.h"
#include "sc-transform.h"
#include "sc-validate.h"

#include "sc-report-private.h"

const ScSegmentQuality *
_sc_report_segment_quality (const ScRun         *run,
                            const ScSegmentInfo *s)
{
  return sc_validation_get_segment (run->validation, s->position);
}

gboolean
_sc_report_segment_unstable (const ScRun         *run,
                             const ScSegmentInfo *s)
{
  const ScSegmentQuality *q = _sc_report_segment_quality (run, s);

  return q != NULL && q->unstable;
}

/* The segment's name as the summary writes it: flagged when the segment is unstable. */
char *
_sc_report_flagged_name (const ScRun         *run,
                         const ScSegmentInfo *s)
{
  if (_sc_report_segment_unstable (run, s))
    /* Translators: a segment's name and its flag, as in "Bargain hunters (unstable: treat as
     * a rough guide)" */
    return g_strdup_printf (_("%s (unstable: treat as a rough guide)"), s->name);
  return g_strdup (s->name);
}

/* "0.98", or why there is no figure. */
static char *
stability_cell (const ScSegmentQuality *q)
{
  g_autofree char *value = NULL;

  if (q == NULL)
    return g_strdup (_("not measured"));
  if (!q->clustered)
    return g_strdup (_("set apart, not clustered"));
  if (isnan (q->stability))
    return g_strdup (_("not measured"));
  value = _sc_report_fmt_fixed (q->stability, 2);
  if (q->unstable)
    /* Translators: a stability below the threshold, as in "0.52, unstable" */
    return g_strdup_printf (_("%s, unstable"), value);
  return g_steal_pointer (&value);
}

/* "Net spend higher (1.2 sd), Recency (days) lower (0.7 sd)" */
static char *
distinct_cell (const ScSegmentQuality *q)
{
  GString *out = g_string_new (NULL);

  for (guint f = 0; q != NULL && f < q->n_distinct; f++)
    {
      const ScDistinctFeature *x = &q->distinct[f];
      g_autofree char *effect = _sc_report_fmt_fixed (x->effect_size, 1);
      const char *label = sc_feature_to_label (x->feature);

      if (out->len > 0)
        g_string_append (out, _(", "));
      if (x->direction > 0)
        /* Translators: "Net spend higher than every other segment (1.2 sd)" */
        g_string_append_printf (out, _("%s higher (%s sd)"), label, effect);
      else if (x->direction < 0)
        g_string_append_printf (out, _("%s lower (%s sd)"), label, effect);
      else
        /* Translators: between other segments, yet different from each */
        g_string_append_printf (out, _("%s differs (%s sd)"), label, effect);
    }
  if (out->len == 0)
    g_string_append (out, q != NULL && q->clustered ? _("no single feature on its own")
                                                    : _("the rule for top accounts and anomalies"));
  return g_string_free (out, FALSE);
}

/* The paragraph: the clustering, how k was chosen (or that nothing was checked), the
 * silhouette of the result. */
static void
segmentation_text (GString     *text,
                   const ScRun *run)
{
  const ScValidation *v = run->validation;
  g_autofree char *seed = g_strdup_printf ("%" PRIu64, run->params.seed);

  g_string_printf (text, _("k-means clustering with k-means++ initialisation, %u restarts "
                           "and seed %s, so the same data always give the same segments. "),
                   run->params.n_init, seed);
  if (v == NULL)
    {
      if (!isfinite (run->silhouette))
        g_string_append_printf (text, _("These %u segments were shaped by hand (merged, split "
                                        "or with customers moved), so no choice of the number "
                                        "of segments and no stability check applies to them; "
                                        "segment again to check them."), run->n_segments);
      else
        g_string_append_printf (text, _("The clustering has k = %u segments. No check of how "
                                        "that number was chosen or of each segment’s stability "
                                        "is stored with them (the customers were placed in "
                                        "earlier segments, or the segments were made by an "
                                        "older version); segment again to check them. "),
                                run->k);
    }
  else
    {
      g_autofree char *share = _sc_report_fmt_share (v->min_share);
      g_autofree char *usable = _sc_report_fmt_fixed (v->min_stability, 2);
      g_autofree char *unstable = _sc_report_fmt_fixed (SC_VALIDATE_UNSTABLE, 1);

      if (v->k_auto)
        g_string_append_printf (text, _("The number of segments was chosen from %u to %u: each "
                                        "number was tried and compared on how distinct its "
                                        "segments are (silhouette), the share of customers in "
                                        "its smallest segment (at least %s) and how stable its "
                                        "segments are. "),
                                v->k_min, v->k_max, share);
      if (v->explanation != NULL)
        g_string_append_printf (text, "%s ", v->explanation);
      if (v->n_resamples > 0)
        g_string_append_printf (text, v->stability_sampled
                                ? _("Stability is how reliably a segment is found again when "
                                    "the customers are resampled: the mean Jaccard overlap with "
                                    "its best match over %u subsamples of half the customers "
                                    "(drawn from a sample of them), segmented again (Hennig "
                                    "2007); a number of segments is usable when each segment "
                                    "scores at least %s, and a segment below %s is "
                                    "unstable. ")
                                : _("Stability is how reliably a segment is found again when "
                                    "the customers are resampled: the mean Jaccard overlap with "
                                    "its best match over %u subsamples of half the customers, "
                                    "segmented again (Hennig 2007); a number of segments is "
                                    "usable when each segment scores at least %s, and a "
                                    "segment below %s is unstable. "),
                                v->n_resamples, usable, unstable);
      else
        g_string_append (text, _("Stability was not measured for these segments. "));
    }
  if (isfinite (run->silhouette))
    {
      g_autofree char *silhouette = _sc_report_fmt_fixed (run->silhouette, 3);

      g_string_append_printf (text, run->silhouette_sampled
                              ? _("The silhouette score of the result is %s (-1 to 1; higher "
                                  "means better separated segments), estimated on a sample of "
                                  "customers.")
                              : _("The silhouette score of the result is %s (-1 to 1; higher "
                                  "means better separated segments)."),
                              silhouette);
    }
}

/* k → silhouette, smallest segment, stability, the chosen row marked. */
static void
add_k_table (ScSection          *section,
             const ScValidation *v,
             gboolean            slides)
{
  static const double widths[] = { 0.22, 0.26, 0.24, 0.28 };
  static const ScAlign align[] = { SC_ALIGN_START, SC_ALIGN_END, SC_ALIGN_END, SC_ALIGN_END };
  ScBlock *t = sc_section_add_table (section, G_N_ELEMENTS (widths), widths, align);
  char *head[] = { g_strdup (_("Number of segments")), g_strdup (_("Silhouette")),
                   g_strdup (_("Smallest segment")),
                   g_strdup (_("Stability (least stable segment)")) };

  sc_block_add_row (t, head);
  for (guint i = 0; i < v->n_k; i++)
    {
      const ScKScore *s = &v->k_table[i];
      char *row[] = {
        s->k != v->chosen_k ? g_strdup_printf ("%u", s->k)
        /* Translators: the row of the number of segments that was chosen, as in "5 (chosen)" */
        : v->k_auto ? g_strdup_printf (_("%u (chosen)"), s->k)
        /* Translators: the number of segments that was set, as in "4 (set by hand)" */
        : g_strdup_printf (_("%u (set by hand)"), s->k),
        _sc_report_fmt_fixed (s->silhouette, 3),
        _sc_report_fmt_share (s->smallest_share),
        isnan (s->stability) ? g_strdup (_("not measured")) : _sc_report_fmt_fixed (s->stability, 2),
      };

      sc_block_add_row (t, row);
    }
  /* A slide has no room for it; the column headings say the essential. */
  if (slides)
    return;
  sc_section_add_text (section, SC_STYLE_CAPTION,
                       v->k_auto
                       ? _("Each number of segments tried: how distinct the segments are "
                           "(silhouette, -1 to 1), the smallest segment’s share of the customers "
                           "with orders, and the stability of its least stable segment (0 to 1).")
                       : _("The number of segments that was set: how distinct the segments are "
                           "(silhouette, -1 to 1), the smallest segment’s share of the customers "
                           "with orders, and the stability of its least stable segment (0 to 1)."));
}

/* Each segment's stability and what sets it apart; then the look-alike pairs. */
static void
add_stability (ScReport           *self,
               ScSection          *section,
               const ScReportData *d,
               ScPageStyleId       text_style)
{
  static const double widths[] = { 0.3, 0.12, 0.2, 0.38 };
  static const ScAlign align[] = { SC_ALIGN_START, SC_ALIGN_END, SC_ALIGN_END, SC_ALIGN_START };
  const ScRun *run = d->run;
  const ScValidation *v = run->validation;
  ScBlock *t = sc_section_add_table (section, G_N_ELEMENTS (widths), widths, align);
  char *head[] = { g_strdup (_("Segment")), g_strdup (_("Customers")), g_strdup (_("Stability")),
                   g_strdup (_("What sets it apart")) };

  sc_block_add_row (t, head);
  for (guint i = 0; i < run->n_segments; i++)
    {
      const ScSegmentInfo *s = &run->segments[d->order[i]];
      const ScSegmentQuality *q = _sc_report_segment_quality (run, s);
      ScRgba colour = _sc_report_segment_colour (self, s);
      char *row[] = { g_strdup (s->name), _sc_report_fmt_count (s->size), stability_cell (q),
                      distinct_cell (q) };

      sc_block_add_row (t, row);
      sc_block_set_swatch (t, i, &colour);
    }
  {
    g_autofree char *effect = _sc_report_fmt_fixed (SC_VALIDATE_DISTINCT_EFFECT, 1);
    g_autofree char *caption = g_strdup_printf (_("A feature sets a segment apart when the "
                                                  "segment’s mean differs from every other "
                                                  "segment’s by at least %s standard deviations "
                                                  "(sd, of all segmented customers, on the "
                                                  "log scale the clustering uses)."), effect);
    sc_section_add_text (section, SC_STYLE_CAPTION, caption);
  }

  if (v->n_merges == 0)
    {
      g_autofree char *effect = _sc_report_fmt_fixed (SC_VALIDATE_LOOKALIKE_EFFECT, 2);
      g_autofree char *line = g_strdup_printf (_("No two segments look alike: every pair differs "
                                                 "by at least %s standard deviations on some "
                                                 "feature."), effect);
      sc_section_add_text (section, text_style, line);
      return;
    }
  sc_section_add_text (section, text_style,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "These segments look alike and could be merged:",
                                    "These pairs of segments look alike and could be merged:",
                                    v->n_merges));
  for (guint m = 0; m < v->n_merges; m++)
    {
      const ScMergeSuggestion *merge = &v->merges[m];
      g_autofree char *line = NULL;

      if (merge->a >= run->n_segments || merge->b >= run->n_segments)
        continue;
      /* Translators: two segments and why they could be merged */
      line = g_strdup_printf (_("%s and %s: %s"), run->segments[merge->a].name,
                              run->segments[merge->b].name,
                              merge->reason != NULL ? merge->reason : "");
      sc_section_add_bullet (section, text_style, line);
    }
}

/* The rule that sets top accounts and anomalies apart (sc_transform_set_apart(), as the
 * README states it), and what it set apart in this run. */
static void
add_set_apart (ScSection          *section,
               const ScReportData *d,
               ScPageStyleId       text_style,
               gboolean            slides)
{
  const ScRun *run = d->run;
  GString *text = g_string_new (NULL);
  guint64 n_top = 0, n_anomalies = 0;

  for (guint s = 0; s < run->n_segments; s++)
    if (run->segments[s].kind == SC_SEGMENT_KIND_TOP_ACCOUNTS)
      n_top += run->segments[s].size;
    else if (run->segments[s].kind == SC_SEGMENT_KIND_ANOMALIES)
      n_anomalies += run->segments[s].size;

  if (run->params.outlier_z > 0)
    {
      g_autofree char *factor = _sc_report_fmt_fixed (SC_ANOMALY_FREQUENCY_FACTOR, 0);
      g_autofree char *rarity = _sc_report_fmt_count ((guint64) round (1 / SC_ANOMALY_SPEND_RARITY));
      g_autofree char *spend_cap = _sc_report_fmt_share (SC_ANOMALY_SPEND_MAX_SHARE);
      g_autofree char *z = _sc_report_fmt_fixed (run->params.outlier_z, 1);
      g_autofree char *top_cap = _sc_report_fmt_share (SC_TOP_ACCOUNTS_MAX_SHARE);
      g_autofree char *top = _sc_report_fmt_count (n_top);
      g_autofree char *anomalies = _sc_report_fmt_count (n_anomalies);
      g_autofree char *tops = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s top account",
                                                            "%s top accounts", n_top), top);
      g_autofree char *odd = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s anomaly",
                                                           "%s anomalies", n_anomalies),
                                              anomalies);

      if (slides)
        g_string_printf (text, _("Set apart before clustering: anomalies (ranked last), net "
                                 "spend below zero, more than %s times the 99th percentile of "
                                 "orders, or a spend the others make implausible (fewer than 1 "
                                 "in %s expected there), at most %s of customers for their "
                                 "spend; top accounts (ranked first, on the grid like any "
                                 "segment), a robust z-score of log spend above %s, at most %s of "
                                 "customers. "),
                         factor, rarity, spend_cap, z, top_cap);
      else
        g_string_printf (text, _("Two groups are set apart before clustering. Anomalies, ranked "
                                 "last, are customers whose figures look implausible: net spend "
                                 "below zero, more than %s times the 99th percentile of orders, "
                                 "or a spend beyond what the others make plausible (a tail fitted "
                                 "to their log spend expects fewer than 1 in %s customers there) "
                                 "or far beyond everyone else; at most %s of customers are set "
                                 "apart for their spend. Top accounts, ranked first and placed on "
                                 "the value × potential grid like any segment, are the customers "
                                 "left whose log spend has a robust z-score (median and median "
                                 "absolute deviation) above %s, at most %s of customers. "),
                         factor, rarity, spend_cap, z, top_cap);
      /* Translators: "In these segments: 12 top accounts and 3 anomalies." */
      g_string_append_printf (text, _("In these segments: %s and %s."), tops, odd);
    }
  else if (n_top + n_anomalies == 0)
    g_string_printf (text, _("The rule that sets top accounts and anomalies apart was switched "
                             "off for these segments: every customer with orders was "
                             "clustered."));
  else
    g_string_printf (text, _("The rule that sets top accounts and anomalies apart was switched "
                             "off for these segments."));
  sc_section_add_text (section, text_style, text->str);
  g_string_free (text, TRUE);
}

/* The methodology's segmentation part; on slides, the segments' stability takes a slide of
 * its own. */
void
_sc_report_build_segmentation (ScReport           *self,
                               ScSection          *section,
                               const ScReportData *d,
                               ScPageStyleId       text_style)
{
  const ScRun *run = d->run;
  gboolean slides = self->format == SC_REPORT_FORMAT_SLIDES;
  GString *text = g_string_new (NULL);

  sc_section_add_heading (section, _("Segmentation"));
  segmentation_text (text, run);
  sc_section_add_text (section, text_style, text->str);
  g_string_free (text, TRUE);
  if (run->validation != NULL)
    add_k_table (section, run->validation, slides);
  sc_section_add_heading (section, _("Top accounts and anomalies"));
  add_set_apart (section, d, text_style, slides);
  if (run->validation == NULL)
    return;
  if (slides)
    {
      section = _sc_report_add_page (self, SC_REPORT_PAGE_APPENDIX,
                                     _("Methodology: segment quality"), NULL, NULL);
    }
  sc_section_add_heading (section, _("Segment stability"));
  add_stability (self, section, d, text_style);
}
