/* sc-hypothesis.c
 *
 * Copyright 2026 The Segments developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Hypotheses tested against the data: "customers with ⟨a group⟩ have higher/lower ⟨a
 * metric⟩ than the rest".  Each is measured as the ratio group ÷ rest of the metric's mean
 * (or rate, for the repeat rate) with a seeded percentile bootstrap interval, and tested
 * one-sided in the stated direction: Mann–Whitney U for the per-customer amounts, two
 * proportions for the repeat rate (sc-significance.c).  The p-values of all the project's
 * hypotheses are corrected together with Holm's method, so stating more hypotheses does not
 * make a false "supported" more likely.
 *
 * "Supported" asks for two things that agree: a corrected p-value below 5% and a 95%
 * interval of the ratio lying wholly on the stated side of 1.  The sentence then shows
 * that interval, so a verdict never sits beside an interval that contradicts it.  A side
 * with fewer than SC_HYPOTHESIS_MIN_GROUP customers is not tested at all: "too few". */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sc-format.h"
#include "sc-hypothesis.h"
#include "sc-significance.h"

static const char * const metric_names[SC_HYPOTHESIS_N_METRICS] = {
  "spend", "orders", "order_value", "p_alive", "repeat_rate",
};

const char *
sc_hypothesis_metric_to_string (ScHypothesisMetric metric)
{
  g_return_val_if_fail (metric < SC_HYPOTHESIS_N_METRICS, NULL);
  return metric_names[metric];
}

gboolean
sc_hypothesis_metric_from_string (const char         *s,
                                  ScHypothesisMetric *metric)
{
  for (guint i = 0; s != NULL && i < SC_HYPOTHESIS_N_METRICS; i++)
    if (g_str_equal (s, metric_names[i]))
      {
        *metric = i;
        return TRUE;
      }
  return FALSE;
}

/* What the metric is, as it reads after "higher"/"lower" and after "the rest's". */
const char *
sc_hypothesis_metric_to_label (ScHypothesisMetric metric)
{
  switch (metric)
    {
    case SC_HYPOTHESIS_METRIC_SPEND:
      return _("average spend");
    case SC_HYPOTHESIS_METRIC_ORDERS:
      return _("average number of orders");
    case SC_HYPOTHESIS_METRIC_ORDER_VALUE:
      return _("average order value");
    case SC_HYPOTHESIS_METRIC_P_ALIVE:
      return _("average chance of being active (P(alive))");
    case SC_HYPOTHESIS_METRIC_REPEAT_RATE:
      return _("repeat rate (share with two orders or more)");
    case SC_HYPOTHESIS_N_METRICS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
sc_hypothesis_direction_to_string (ScHypothesisDirection direction)
{
  return direction == SC_HYPOTHESIS_HIGHER ? "higher" : "lower";
}

gboolean
sc_hypothesis_direction_from_string (const char            *s,
                                     ScHypothesisDirection *direction)
{
  if (g_strcmp0 (s, "higher") == 0)
    *direction = SC_HYPOTHESIS_HIGHER;
  else if (g_strcmp0 (s, "lower") == 0)
    *direction = SC_HYPOTHESIS_LOWER;
  else
    return FALSE;
  return TRUE;
}

const char *
sc_hypothesis_verdict_to_string (ScHypothesisVerdict verdict)
{
  switch (verdict)
    {
    case SC_HYPOTHESIS_SUPPORTED:
      return "supported";
    case SC_HYPOTHESIS_NOT_SUPPORTED:
      return "not_supported";
    case SC_HYPOTHESIS_TOO_FEW:
    default:
      return "too_few";
    }
}

const char *
sc_hypothesis_verdict_to_label (ScHypothesisVerdict verdict)
{
  switch (verdict)
    {
    case SC_HYPOTHESIS_SUPPORTED:
      return _("Supported");
    case SC_HYPOTHESIS_NOT_SUPPORTED:
      return _("Not supported");
    case SC_HYPOTHESIS_TOO_FEW:
    default:
      return _("Too few customers to tell");
    }
}

/**
 * sc_hypothesis_parse_group:
 * @text: "ATTRIBUTE=VALUE", "segment=NAME" or "interaction=TYPE"
 * @hypothesis: receives the group, attribute and value (other fields untouched)
 *
 * "segment" and "interaction" before the "=" always name those kinds of group.
 */
gboolean
sc_hypothesis_parse_group (const char    *text,
                           ScHypothesis  *hypothesis,
                           GError       **error)
{
  const char *eq = text != NULL ? strchr (text, '=') : NULL;
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (eq != NULL)
    {
      key = g_strstrip (g_strndup (text, (gsize) (eq - text)));
      value = g_strstrip (g_strdup (eq + 1));
    }
  if (key == NULL || *key == '\0' || *value == '\0')
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID_INPUT,
                   _("“%s” is not a group: write ATTRIBUTE=VALUE, segment=NAME or "
                     "interaction=TYPE"), text != NULL ? text : "");
      return FALSE;
    }

  g_clear_pointer (&hypothesis->attribute, g_free);
  g_clear_pointer (&hypothesis->value, g_free);
  if (g_ascii_strcasecmp (key, "segment") == 0)
    hypothesis->group = SC_HYPOTHESIS_GROUP_SEGMENT;
  else if (g_ascii_strcasecmp (key, "interaction") == 0)
    hypothesis->group = SC_HYPOTHESIS_GROUP_INTERACTION;
  else
    {
      hypothesis->group = SC_HYPOTHESIS_GROUP_ATTRIBUTE;
      hypothesis->attribute = g_steal_pointer (&key);
    }
  hypothesis->value = g_steal_pointer (&value);
  return TRUE;
}

/* The group as sc_hypothesis_parse_group() reads it. */
char *
sc_hypothesis_group_to_string (const ScHypothesis *h)
{
  switch (h->group)
    {
    case SC_HYPOTHESIS_GROUP_SEGMENT:
      return g_strdup_printf ("segment=%s", h->value);
    case SC_HYPOTHESIS_GROUP_INTERACTION:
      return g_strdup_printf ("interaction=%s", h->value);
    case SC_HYPOTHESIS_GROUP_ATTRIBUTE:
    default:
      return g_strdup_printf ("%s=%s", h->attribute, h->value);
    }
}

/* "customers with industry = Retail", capitalised for the start of a sentence. */
static char *
group_phrase (const ScHypothesis *h,
              gboolean            capital)
{
  g_autofree char *phrase = NULL;

  switch (h->group)
    {
    case SC_HYPOTHESIS_GROUP_SEGMENT:
      phrase = g_strdup_printf (_("customers in the segment “%s”"), h->value);
      break;
    case SC_HYPOTHESIS_GROUP_INTERACTION:
      phrase = g_strdup_printf (_("customers with a “%s” interaction"), h->value);
      break;
    case SC_HYPOTHESIS_GROUP_ATTRIBUTE:
    default:
      phrase = g_strdup_printf (_("customers with %s = %s"), h->attribute, h->value);
      break;
    }
  if (capital)
    phrase[0] = g_ascii_toupper (phrase[0]);
  return g_steal_pointer (&phrase);
}

/* "Customers with industry = Retail have higher average spend than the rest" */
char *
sc_hypothesis_statement (const ScHypothesis *h)
{
  g_autofree char *who = group_phrase (h, TRUE);

  return g_strdup_printf (h->direction == SC_HYPOTHESIS_HIGHER
                          ? _("%s have a higher %s than the rest")
                          : _("%s have a lower %s than the rest"),
                          who, sc_hypothesis_metric_to_label (h->metric));
}

void
sc_hypothesis_clear (ScHypothesis *h)
{
  g_clear_pointer (&h->attribute, g_free);
  g_clear_pointer (&h->value, g_free);
}

void
sc_hypothesis_copy_into (ScHypothesis       *dest,
                         const ScHypothesis *src)
{
  *dest = *src;
  dest->attribute = g_strdup (src->attribute);
  dest->value = g_strdup (src->value);
}

ScHypothesis *
sc_hypothesis_copy (const ScHypothesis *h)
{
  ScHypothesis *copy = g_new0 (ScHypothesis, 1);

  sc_hypothesis_copy_into (copy, h);
  return copy;
}

void
sc_hypothesis_free (ScHypothesis *h)
{
  if (h == NULL)
    return;
  sc_hypothesis_clear (h);
  g_free (h);
}

void
sc_hypothesis_result_free (ScHypothesisResult *r)
{
  if (r == NULL)
    return;
  sc_hypothesis_clear (&r->hypothesis);
  g_free (r->statement);
  g_free (r->why_too_few);
  g_free (r->sentence);
  g_free (r);
}

void
sc_hypothesis_report_free (ScHypothesisReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->results, g_ptr_array_unref);
  g_clear_pointer (&report->suggestions, g_ptr_array_unref);
  g_free (report);
}

static double
mean (const double *v,
      gsize         n)
{
  double sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += v[i];
  return n > 0 ? sum / (double) n : NAN;
}

/**
 * sc_hypothesis_evaluate:
 * @hypothesis: what to test
 * @values: (array length=n): the metric per customer (0 or 1 for the repeat rate); NAN
 *   where it is not measured
 * @in_group: (array length=n): 1 for the group, 0 for the rest, anything else for a
 *   customer left out of both (an unknown attribute value)
 * @n_resamples: bootstrap resamples for the interval, %SC_HYPOTHESIS_RESAMPLES; 0 for none
 *
 * Measures the ratio, its interval and the one-sided p-value.  The verdict and its
 * sentence wait for sc_hypothesis_conclude(), which corrects the p-values together.
 *
 * Returns: (transfer full): the result, verdict %SC_HYPOTHESIS_TOO_FEW when a side has
 *   fewer than %SC_HYPOTHESIS_MIN_GROUP customers
 */
ScHypothesisResult *
sc_hypothesis_evaluate (const ScHypothesis *hypothesis,
                        const double       *values,
                        const guint8       *in_group,
                        gsize               n,
                        guint               n_resamples)
{
  g_autoptr(ScHypothesisResult) r = g_new0 (ScHypothesisResult, 1);
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));
  ScAlternative alternative = hypothesis->direction == SC_HYPOTHESIS_HIGHER
                              ? SC_ALTERNATIVE_GREATER : SC_ALTERNATIVE_LESS;
  gsize nx = 0, ny = 0;

  sc_hypothesis_copy_into (&r->hypothesis, hypothesis);
  r->statement = sc_hypothesis_statement (hypothesis);
  r->effect = r->ci_low = r->ci_high = r->p_value = r->p_adjusted = NAN;

  for (gsize i = 0; i < n; i++)
    {
      if (isnan (values[i]))
        continue;
      if (in_group[i] == 1)
        x[nx++] = values[i];
      else if (in_group[i] == 0)
        y[ny++] = values[i];
    }
  r->n_group = nx;
  r->n_rest = ny;
  r->group_value = mean (x, nx);
  r->rest_value = mean (y, ny);
  if (r->rest_value > 0 && r->group_value >= 0)
    r->effect = r->group_value / r->rest_value;

  if (nx < SC_HYPOTHESIS_MIN_GROUP || ny < SC_HYPOTHESIS_MIN_GROUP)
    {
      r->verdict = SC_HYPOTHESIS_TOO_FEW;
      return g_steal_pointer (&r);
    }

  r->verdict = SC_HYPOTHESIS_NOT_SUPPORTED;
  if (hypothesis->metric == SC_HYPOTHESIS_METRIC_REPEAT_RATE)
    sc_two_proportions ((guint64) llround (r->group_value * (double) nx), nx,
                        (guint64) llround (r->rest_value * (double) ny), ny, alternative, NULL,
                        &r->p_value);
  else
    sc_mann_whitney (x, nx, y, ny, alternative, NULL, &r->p_value);

  if (n_resamples > 0 && !isnan (r->effect))
    sc_bootstrap_ratio (x, nx, y, ny, n_resamples, SC_HYPOTHESIS_SEED,
                        (guint64) MAX (hypothesis->id, 0), 0.95, &r->ci_low, &r->ci_high);
  return g_steal_pointer (&r);
}

static char *
ratio_text (double ratio)
{
  if (!isfinite (ratio))
    return g_strdup ("?");
  return sc_format_number (ratio, ratio < 10 ? 2 : 1);
}

static void
write_sentence (ScHypothesisResult *r)
{
  g_autofree char *who = group_phrase (&r->hypothesis, FALSE);
  g_autofree char *n_group = sc_format_count (r->n_group);
  g_autofree char *n_rest = sc_format_count (r->n_rest);
  g_autofree char *effect = ratio_text (r->effect);
  g_autofree char *low = ratio_text (r->ci_low);
  g_autofree char *high = ratio_text (r->ci_high);
  const char *metric = sc_hypothesis_metric_to_label (r->hypothesis.metric);

  g_free (r->sentence);
  if (r->verdict == SC_HYPOTHESIS_TOO_FEW)
    r->sentence = g_strdup_printf (_("Too few customers to tell: %s in the group and %s in "
                                     "the rest, at least %u needed on each side%s%s."),
                                   n_group, n_rest, SC_HYPOTHESIS_MIN_GROUP,
                                   r->why_too_few != NULL ? " — " : "",
                                   r->why_too_few != NULL ? r->why_too_few : "");
  else if (isnan (r->effect))
    r->sentence = g_strdup_printf (_("Not supported: no ratio of the %s can be given, as "
                                     "the group’s and the rest’s are not both above zero "
                                     "(%s vs %s customers)."),
                                   metric, n_group, n_rest);
  else if (r->verdict == SC_HYPOTHESIS_SUPPORTED)
    r->sentence = g_strdup_printf (_("Supported: %s have %s× the rest’s %s (95%% CI %s–%s×), "
                                     "%s vs %s customers."),
                                   who, effect, metric, low, high, n_group, n_rest);
  else
    {
      g_autofree char *p = sc_format_number (r->p_adjusted, 3);

      r->sentence = g_strdup_printf (_("Not supported: %s have %s× the rest’s %s (95%% CI "
                                       "%s–%s×; p = %s after correction), %s vs %s "
                                       "customers."),
                                     who, effect, metric, low, high, p, n_group, n_rest);
    }
}

/**
 * sc_hypothesis_conclude:
 * @results: (element-type ScHypothesisResult): every hypothesis of the project, evaluated
 *
 * Corrects the p-values together (Holm), then gives each its verdict and sentence.
 */
void
sc_hypothesis_conclude (GPtrArray *results)
{
  g_autofree double *p = g_new (double, MAX (results->len, 1));
  g_autofree double *adjusted = g_new (double, MAX (results->len, 1));

  for (guint i = 0; i < results->len; i++)
    {
      const ScHypothesisResult *r = g_ptr_array_index (results, i);

      p[i] = r->verdict == SC_HYPOTHESIS_TOO_FEW ? NAN : r->p_value;
    }
  sc_holm (p, results->len, adjusted);

  for (guint i = 0; i < results->len; i++)
    {
      ScHypothesisResult *r = g_ptr_array_index (results, i);
      gboolean on_side;

      r->p_adjusted = adjusted[i];
      if (r->verdict != SC_HYPOTHESIS_TOO_FEW)
        {
          on_side = r->hypothesis.direction == SC_HYPOTHESIS_HIGHER ? r->ci_low > 1
                                                                    : r->ci_high < 1;
          r->verdict = r->p_adjusted < SC_HYPOTHESIS_ALPHA && on_side
                       ? SC_HYPOTHESIS_SUPPORTED : SC_HYPOTHESIS_NOT_SUPPORTED;
        }
      write_sentence (r);
    }
}
